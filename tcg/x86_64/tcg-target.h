/*
 * tcg-target.h — the private interface between the generic code generator
 * (tcg/regalloc.c, tcg/codegen.c) and the x86-64 backend (tcg/x86_64/).
 *
 * The backend describes, per op, what its instructions accept
 * (TCGOpCons: register sets, immediates, two-address aliasing, clobbers,
 * scratch registers); the allocator satisfies that and calls the backend's
 * emitter with registers and constants in TCGGenArgs.
 *
 * Register conventions inside generated code:
 *   rbp  env (TCG_REG_ENV), never allocated
 *   rsp  the frame set up by the prologue, 16-byte aligned
 *   r11  TCG_REG_TMP: scratch for the emitter, never holds a temp
 *   the other 13 registers are allocated; callee-saved ones first so that
 *   values survive helper calls.
 * Values: an i32 temp in a register is always zero-extended to 64 bits
 * (every 32-bit x86 operation does that), so i32 -> i64 zero-extension
 * is a plain move and i32 comparisons may use either width.
 *
 * Frame (offsets from rsp, see TCG_FRAME_*): outgoing stack arguments of
 * helper calls, a save area the slow paths use for call-clobbered
 * registers, then 8-byte spill slots for temps.
 */
#ifndef TURTLE_TCG_X86_64_TCG_TARGET_H
#define TURTLE_TCG_X86_64_TCG_TARGET_H

#include "tcg/backend.h"
#include "tcg/x86_64/emit.h"
#include "tcg/x86_64/cpuinfo.h"

#define TCG_TARGET_NB_REGS  16
#define TCG_REG_ENV         X86_RBP
#define TCG_REG_TMP         X86_R11
#define TCG_REG_CALL_RET    X86_RAX

#define R(x) (1u << X86_##x)
#define TCG_REGS_ALL        0xffffu
#define TCG_REGS_ALLOCATABLE (TCG_REGS_ALL & ~(R(RSP) | R(RBP) | R(R11)))
#define TCG_REGS_CALL_CLOBBERED (R(RAX) | R(RCX) | R(RDX) | R(RSI) | R(RDI) | \
                                 R(R8) | R(R9) | R(R10) | R(R11))
#define TCG_REGS_CALLEE_SAVED (R(RBX) | R(RBP) | R(R12) | R(R13) | R(R14) | R(R15))

/* Frame layout below the registers the prologue pushed. */
#define TCG_FRAME_CALL_ARGS 0                       /* 2 stack args of a call */
#define TCG_FRAME_SAVE      16                      /* 16 * 8: slow-path saves */
#define TCG_FRAME_SLOTS     (TCG_FRAME_SAVE + 16 * 8)
#define TCG_FRAME_NB_SLOTS  512
/* 6 pushes + return address = 56 bytes; 56 + size must be 0 mod 16. */
#define TCG_FRAME_SIZE      (TCG_FRAME_SLOTS + TCG_FRAME_NB_SLOTS * 8 + 8)

/* Room the driver guarantees before emitting each op. */
#define TCG_MAX_OP_BYTES    1024
/* Largest block: goto_tb offsets are 16-bit. */
#define TCG_MAX_CODE_SIZE   0xffff

/* Constant classes an input accepts instead of a register. */
enum {
    TCG_CT_CONST_S32 = 1,   /* value fits a sign-extended imm32 (any for i32) */
    TCG_CT_CONST_ANY = 2,   /* any value (the emitter copes, e.g. via r11) */
    TCG_CT_CONST_ZERO = 4,  /* the value 0 */
};

typedef struct TCGArgCons {
    uint16_t regs;          /* registers allowed */
    uint8_t ct;             /* TCG_CT_CONST_* accepted instead */
    int8_t alias;           /* output: input arg index sharing its register */
    bool newreg;            /* output: must not share a register with inputs */
} TCGArgCons;

#define TCG_CONS_MAX_ARGS 6

typedef struct TCGOpCons {
    uint16_t clobber;       /* registers destroyed, besides the outputs */
    uint8_t nb_scratch;     /* scratch registers needed by the emitter */
    TCGArgCons a[TCG_CONS_MAX_ARGS];   /* outputs, then inputs */
} TCGOpCons;

/* What the allocator hands the emitter for one op. */
typedef struct TCGGenArgs {
    int64_t a[TCG_MAX_OP_ARGS];     /* register number, or constant value */
    bool is_const[TCG_MAX_OP_ARGS]; /* for temp args: a[] is a constant */
    int scratch[2];
    uint16_t live_after;            /* allocated registers live after the op */
} TCGGenArgs;

/* An out-of-line TLB miss path, emitted after the block's code. */
typedef enum TCGSlowKind {
    TCG_SLOW_LD, TCG_SLOW_ST, TCG_SLOW_CMPXCHG, TCG_SLOW_RMW,
} TCGSlowKind;

typedef struct TCGSlowPath {
    uint8_t kind;           /* TCGSlowKind */
    uint8_t type;           /* TCGType of the op */
    int8_t addr, out, v1, v2;   /* registers (-1 unused) */
    uint8_t rmw_op;         /* TCGAtomicOp */
    uint16_t save;          /* call-clobbered registers to preserve */
    uint32_t oi;            /* MemOpIdx */
    uint8_t *jcc_field;     /* rw: rel32 of the branch to this path */
    uintptr_t resume;       /* rx: where the inline path continues */
} TCGSlowPath;

/* Per-context backend state (s->backend). */
typedef struct TCGBackendState {
    TCGBackendConfig cfg;
    TCGSlowPath *slow;
    unsigned slow_cap;
    int32_t *free_slots;    /* stack of free frame offsets (TCG_FRAME_NB_SLOTS) */
    uint32_t *tb_temps;     /* indexes of the translation's TB temps */
    uint32_t tb_temps_cap;
} TCGBackendState;

/* The state of one code generation. */
typedef struct TCGGen {
    TCGContext *s;
    TCGBackendState *be;
    X86Emit e;
    uint8_t *start;             /* rw: first byte of the block */
    uint8_t *limit;             /* rw: end of space minus TCG_MAX_OP_BYTES */
    uint8_t *end;               /* rw: end of the space */
    unsigned features;          /* CPUINFO_* in use */
    bool overflow;              /* a limit was hit: abandon */
    bool too_large;

    /* register file */
    TCGTemp *reg_temp[TCG_TARGET_NB_REGS];
    uint16_t free_regs;         /* allocatable registers holding nothing */
    uint16_t locked;            /* registers the op being allocated uses */

    /* frame slots */
    int32_t next_slot;          /* next never-used frame offset */
    unsigned nb_free_slots;
    unsigned nb_tb_temps;

    /* slow paths of this block */
    unsigned nb_slow;

    /* the op being generated, for the emitter's helpers */
    const TCGOp *op;
} TCGGen;

static inline uint32_t tcg_gen_offset(const TCGGen *g)
{
    return (uint32_t)(g->e.ptr - g->start);
}

static inline bool tcg_has(const TCGGen *g, unsigned feature)
{
    return (g->features & feature) != 0;
}

/* --- regalloc.c: the register allocator ---------------------------------- */

void tcg_regalloc_start(TCGGen *g);
/* Allocates registers for op per cons and emits it through the backend. */
void tcg_regalloc_op(TCGGen *g, const TCGOp *op);
void tcg_regalloc_mov(TCGGen *g, const TCGOp *op);
void tcg_regalloc_call(TCGGen *g, const TCGOp *op);
void tcg_regalloc_discard(TCGGen *g, const TCGOp *op);
/* Before a branch or a fallthrough into a label: globals and TB temps to memory. */
void tcg_regalloc_bb_end(TCGGen *g, bool exit_tb);
/* At a label: forget every register copy (the state of all predecessors). */
void tcg_regalloc_label(TCGGen *g);
/* Stores every global that is dirty in a register (before a possible fault). */
void tcg_regalloc_sync_globals(TCGGen *g);

/* --- the backend (tcg/x86_64/backend*.c) --------------------------------- */

/* The constraints of op (NULL for ops the allocator handles itself). */
const TCGOpCons *tcg_target_op_cons(const TCGGen *g, const TCGOp *op);
void tcg_target_emit_op(TCGGen *g, const TCGOp *op, const TCGGenArgs *ga);
/* Moves and memory traffic of the allocator. */
void tcg_target_mov(TCGGen *g, TCGType type, int dst, int src);
void tcg_target_movi(TCGGen *g, TCGType type, int dst, int64_t val);
void tcg_target_ld(TCGGen *g, TCGType type, int dst, int base, intptr_t ofs);
void tcg_target_st(TCGGen *g, TCGType type, int src, int base, intptr_t ofs);
/* Stores a constant if it can without a register; returns false otherwise. */
bool tcg_target_sti(TCGGen *g, TCGType type, int64_t val, int base, intptr_t ofs);
/* Branches: emit a jump (cond < 0: always) to a label, recording a relocation. */
void tcg_target_jmp_label(TCGGen *g, int x86_cond, TCGLabel *l);
/* Resolves a label at the current position (patches pending branches). */
void tcg_target_set_label(TCGGen *g, TCGLabel *l);
/* Emits the out-of-line slow paths recorded while generating the block. */
void tcg_target_emit_slow_paths(TCGGen *g);
/* Guest memory ops (backend-mem.c). */
const TCGOpCons *tcg_target_mem_cons(const TCGGen *g, const TCGOp *op);
void tcg_target_emit_mem_op(TCGGen *g, const TCGOp *op, const TCGGenArgs *ga);

#endif
