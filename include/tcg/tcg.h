/*
 * tcg.h — the translator core's data structures: the IR context
 * (TCGContext), temporaries (TCGTemp), ops (TCGOp), labels (TCGLabel), helper
 * descriptions (TCGHelperInfo), conditions, and the liveness annotations
 * read by the register allocator.
 *
 * ============================ Contract with a backend ==========================
 *
 * Ops. The IR is the table in tcg-opc.h. After the passes, a backend sees
 * every op of that table except `nop` (removed) and must implement all of
 * them for both TCG_TYPE_I32 and TCG_TYPE_I64 (where the flags allow the
 * type). A backend that cannot do an op natively may set
 * s->backend_op_supported; tcg_pass_lower() then rewrites the ops it rejects
 * into simpler ones (see passes.h for which ops can be lowered).
 *
 * Arguments. op->args[] holds outputs, then inputs, then constant
 * arguments (counts: tcg_op_nb_oargs/iargs/cargs). Output and input args
 * are temp indexes (tcg_op_temp(s, op, i) gives the TCGTemp); constant args
 * are raw values: labels (TCGLabel * via arg_label()), conditions
 * (TCGCond), offsets, MemOpIdx, bit positions, exit values. An input temp
 * may be of kind TEMP_CONST: the backend chooses between an immediate
 * encoding and loading it into a register. Constant i32 temps hold their
 * value sign-extended to 64 bits in ts->val.
 *
 * Calls. INDEX_op_call has op->call_o outputs (0 or 1) and op->call_i
 * inputs (at most TCG_MAX_CALL_IARGS), then two constants: the C function
 * pointer and the TCGHelperInfo pointer (arg types, return type, flags).
 * Arguments are passed by the host C ABI; an i32 argument whose bit in
 * info->sext_mask is set is passed sign-extended to 64 bits, otherwise
 * zero-extended. Flags: TCG_CALL_NO_READ_GLOBALS (helper neither reads nor
 * writes globals), TCG_CALL_NO_WRITE_GLOBALS (reads only), none (reads and
 * writes: after the call every global's register copy is stale),
 * TCG_CALL_NO_SIDE_EFFECTS (removable if the result is dead).
 *
 * Liveness. tcg_pass_liveness() fills op->life: TCG_LIFE_DEAD(i) — the temp
 * of argument i is not used after this op (its register may be freed; an
 * input that is also the op's output gets the bit for its old value, and a
 * temp used in two input slots gets it on both); TCG_LIFE_SYNC(i) — after
 * this op the value of output argument i (a global or TB temp) must also be
 * stored to its memory slot. Liveness sets SYNC on the write of a global
 * that precedes any point where memory must hold it: a call that reads
 * globals, an op with TCG_OPF_MAY_FAULT (a guest memory access may raise an
 * exception that reads the CPU state), the end of a basic block and every
 * TB exit; and on the write of a TB temp that is live across a block end
 * (labels are entered with globals and TB temps in memory, EBB temps dead).
 * So the allocator may rely on SYNC bits alone to write values back; it must
 * in addition, at a call that may write globals (flags without
 * TCG_CALL_NO_WRITE_GLOBALS / NO_READ_GLOBALS), drop its register copies of
 * globals, and at a label forget every register. After the passes no
 * setcond/negsetcond/movcond/brcond has TCG_COND_ALWAYS/NEVER and no nop
 * remains.
 *
 * Exits. exit_tb's constant is a uintptr_t returned to the cpu loop: the
 * TranslationBlock pointer ORed with an exit index (0 or 1, = the goto_tb
 * slot that was not yet patched), or 0 for "return to the loop, no chaining".
 * goto_tb n (n = 0, 1) is a direct jump the TB cache may later patch to
 * chain to the next TB; the backend records, for the TB being translated,
 * s->goto_tb_jmp_offset[n] (offset in the TB's host code of the patchable
 * jump instruction's displacement) and s->goto_tb_reset_offset[n] (offset
 * of the code right after it, the unchained target). goto_ptr jumps to a
 * host code pointer (from the lookup helper), 0 meaning "exit with value 0".
 *
 * Guest memory. guest_ld / guest_st / atomic_* carry (MemOp, mmu_idx) as one
 * MemOpIdx constant. The backend lowers them to an inline TLB probe whose
 * layout comes from include/exec/tlb-common.h, with a slow path through the
 * runtime. The IR does not know the TLB.
 *
 * Restoring state. Each guest instruction starts with insn_start carrying
 * TCG_INSN_START_WORDS target words (word 0 is the guest pc). They are also
 * recorded in order in s->insn_data[] at generation time (s->num_insns).
 * The backend records, for insn i, the host code offset of its start in
 * s->insn_host_off[i], and the end of the code after the last one in
 * s->insn_host_off[s->num_insns]; accel/tcg builds the host-PC -> guest
 * state map from these two arrays.
 * ==============================================================================
 *
 * Temp kinds (lifetimes):
 *   TEMP_EBB    value lives within one extended basic block: it is dead at
 *               every label (set_label) and after br / TB exits. Cheapest;
 *               builders use it for scratch values.
 *   TEMP_TB     value lives across labels, for the whole TB. What
 *               tcg_temp_new_*() returns. Dead at TB exits.
 *   TEMP_GLOBAL bound to a field of the CPU state (env + offset); its value
 *               lives in memory between TBs.
 *   TEMP_FIXED  lives in a fixed host register (the env pointer).
 *   TEMP_CONST  an interned constant (tcg_constant_*); never written.
 * All temps but globals and fixed ones are freed at tcg_func_start().
 */
#ifndef TURTLE_TCG_TCG_H
#define TURTLE_TCG_TCG_H

#include "util/osdep.h"
#include "tcg/memop.h"

/* ---------------------------------------------------------------- types --- */

typedef enum TCGType {
    TCG_TYPE_I32,
    TCG_TYPE_I64,
    /* Reserved for vector support later. */
    TCG_TYPE_V64,
    TCG_TYPE_V128,
    TCG_TYPE_V256,
    TCG_TYPE_COUNT,
    TCG_TYPE_PTR = TCG_TYPE_I64,     /* host pointers (64-bit hosts only) */
    TCG_TYPE_VADDR = TCG_TYPE_I64,   /* guest virtual addresses */
} TCGType;

/* A raw op argument: temp index, label pointer, or constant. */
typedef uint64_t TCGArg;

/*
 * Conditions. Pairs differ in bit 0 so that inversion is c ^ 1.
 * Signed: LT GE LE GT; unsigned: LTU GEU LEU GTU.
 */
typedef enum TCGCond {
    TCG_COND_NEVER  = 0,
    TCG_COND_ALWAYS = 1,
    TCG_COND_EQ     = 2,
    TCG_COND_NE     = 3,
    TCG_COND_LT     = 4,
    TCG_COND_GE     = 5,
    TCG_COND_LE     = 6,
    TCG_COND_GT     = 7,
    TCG_COND_LTU    = 8,
    TCG_COND_GEU    = 9,
    TCG_COND_LEU    = 10,
    TCG_COND_GTU    = 11,
    TCG_COND_COUNT
} TCGCond;

/* cond(a, b) == !tcg_invert_cond(cond)(a, b) */
static inline TCGCond tcg_invert_cond(TCGCond c)
{
    return (TCGCond)(c ^ 1);
}

/* cond(a, b) == tcg_swap_cond(cond)(b, a) */
static inline TCGCond tcg_swap_cond(TCGCond c)
{
    switch (c) {
    case TCG_COND_LT: return TCG_COND_GT;
    case TCG_COND_GT: return TCG_COND_LT;
    case TCG_COND_LE: return TCG_COND_GE;
    case TCG_COND_GE: return TCG_COND_LE;
    case TCG_COND_LTU: return TCG_COND_GTU;
    case TCG_COND_GTU: return TCG_COND_LTU;
    case TCG_COND_LEU: return TCG_COND_GEU;
    case TCG_COND_GEU: return TCG_COND_LEU;
    default: return c;
    }
}

static inline bool tcg_cond_is_unsigned(TCGCond c)
{
    return c >= TCG_COND_LTU;
}

/* Evaluates a condition on 64-bit values (i32 values must be extended:
   sign-extended for signed conditions, zero-extended for unsigned). */
bool tcg_cond_eval(TCGCond c, uint64_t a, uint64_t b);
/* Evaluates a condition on two values of the given integer type. */
bool tcg_cond_eval_type(TCGType type, TCGCond c, uint64_t a, uint64_t b);

/* bswap16 / bswap32 constant argument. */
enum {
    TCG_BSWAP_OZ = 0,   /* result zero-extended */
    TCG_BSWAP_OS = 1,   /* result sign-extended */
};

/* ---------------------------------------------------------------- opcodes - */

/* Op flags (the last column of tcg-opc.h). */
enum {
    TCG_OPF_INT          = 0x0001, /* op->type is I32 or I64; temp args have it */
    TCG_OPF_I64_ONLY     = 0x0002, /* only TCG_TYPE_I64 */
    TCG_OPF_I32_ONLY     = 0x0004, /* only TCG_TYPE_I32 */
    TCG_OPF_CVT          = 0x0008, /* the input has the other integer type */
    TCG_OPF_PTR_LAST     = 0x0010, /* the last input is a 64-bit pointer/address */
    TCG_OPF_BB_END       = 0x0020, /* ends a basic block */
    TCG_OPF_BB_EXIT      = 0x0040, /* leaves the TB */
    TCG_OPF_COND_BRANCH  = 0x0080, /* conditional branch (falls through) */
    TCG_OPF_SIDE_EFFECTS = 0x0100, /* never removed by dead-code elimination */
    TCG_OPF_CALL_CLOBBER = 0x0200, /* clobbers call-clobbered host registers */
    TCG_OPF_MAY_FAULT    = 0x0400, /* may raise a guest exception: globals synced */
    TCG_OPF_NOT_PRESENT  = 0x0800, /* never reaches a backend (nop) */
};

typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "tcg/tcg-opc.h"
    NB_OPS,
} TCGOpcode;

typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs, nb_args;
    uint16_t flags;
} TCGOpDef;

extern const TCGOpDef tcg_op_defs[NB_OPS];

/* Largest number of args an op can have (a call: 1 + 8 + 2). */
#define TCG_MAX_OP_ARGS     16
#define TCG_MAX_CALL_IARGS  8
/* Words carried by insn_start (word 0 = guest pc). */
#define TCG_INSN_START_WORDS 3
/* Most guest instructions one TB may hold. */
#define TCG_MAX_INSNS       512

/* ---------------------------------------------------------------- temps --- */

typedef enum TCGTempKind {
    TEMP_EBB,
    TEMP_TB,
    TEMP_GLOBAL,
    TEMP_FIXED,
    TEMP_CONST,
} TCGTempKind;

/* Where the register allocator keeps a temp's value right now. */
typedef enum TCGTempVal {
    TEMP_VAL_DEAD,
    TEMP_VAL_REG,
    TEMP_VAL_MEM,
    TEMP_VAL_CONST,
} TCGTempVal;

typedef struct TCGTemp {
    uint8_t type;           /* TCGType */
    uint8_t kind;           /* TCGTempKind */
    /* --- register allocator state (owned by regalloc) --- */
    uint8_t val_type;       /* TCGTempVal */
    int8_t reg;             /* host register, -1 if none (fixed: its reg) */
    bool mem_coherent;      /* the memory slot holds the current value */
    bool mem_allocated;     /* a memory slot has been assigned */
    /* --- identity --- */
    uint16_t pad0;
    uint32_t index;         /* position in s->temps[] */
    int32_t mem_base;       /* temp index of the base (env, frame), -1 none */
    int64_t mem_offset;     /* globals: offset in env; temps: frame slot */
    int64_t val;            /* TEMP_CONST value (i32: sign-extended) */
    const char *name;       /* globals and fixed temps only */
    /* --- scratch for passes (valid only during one pass) --- */
    uintptr_t state;
    void *state_ptr;
} TCGTemp;

/* Typed handles used by front ends: opaque; value = temp index + 1. */
typedef struct TCGv_i32_d *TCGv_i32;
typedef struct TCGv_i64_d *TCGv_i64;
typedef struct TCGv_ptr_d *TCGv_ptr;

/* The env pointer is always temp 0, a TEMP_FIXED of type PTR. */
#define TCG_ENV_TEMP_INDEX 0
#define tcg_env ((TCGv_ptr)(uintptr_t)(TCG_ENV_TEMP_INDEX + 1))

/* --------------------------------------------------------------- labels --- */

/* A backend relocation waiting for a label's address (owned by backend). */
typedef struct TCGRelocation {
    struct TCGRelocation *next;
    int type;               /* backend-defined relocation kind */
    uint32_t offset;        /* where to patch, offset in the code buffer */
    intptr_t addend;
} TCGRelocation;

typedef struct TCGLabel {
    struct TCGLabel *next;  /* all labels of this translation, in order */
    uint32_t id;
    uint16_t refs;          /* branches to it (maintained by builders/passes) */
    bool present;           /* set_label emitted */
    bool has_value;         /* backend: address known */
    uintptr_t value;        /* backend: host code offset of the label */
    TCGRelocation *relocs;  /* backend: pending patches */
} TCGLabel;

/* -------------------------------------------------------------- helpers --- */

enum {
    TCG_CALL_NO_READ_GLOBALS  = 0x1,  /* implies TCG_CALL_NO_WRITE_GLOBALS */
    TCG_CALL_NO_WRITE_GLOBALS = 0x2,
    TCG_CALL_NO_SIDE_EFFECTS  = 0x4,
    /* shorthands */
    TCG_CALL_NO_RWG = TCG_CALL_NO_READ_GLOBALS,
    TCG_CALL_NO_WG  = TCG_CALL_NO_WRITE_GLOBALS,
    TCG_CALL_NO_SE  = TCG_CALL_NO_SIDE_EFFECTS,
    TCG_CALL_NO_RWG_SE = TCG_CALL_NO_RWG | TCG_CALL_NO_SE,
    TCG_CALL_NO_WG_SE  = TCG_CALL_NO_WG | TCG_CALL_NO_SE,
};

/*
 * Describes one helper a TB may call. Targets define these statically.
 * ret_type: TCG_TYPE_I32 / TCG_TYPE_I64 when has_ret; arg types in order.
 */
typedef struct TCGHelperInfo {
    void *func;
    const char *name;
    uint32_t flags;         /* TCG_CALL_* */
    bool has_ret;
    uint8_t ret_type;       /* TCGType */
    uint8_t nb_args;
    uint8_t arg_types[TCG_MAX_CALL_IARGS];  /* TCGType */
    uint16_t sext_mask;     /* i32 arg i passed sign-extended if bit i set */
} TCGHelperInfo;

/* ------------------------------------------------------------------ ops --- */

/* op->life bits, computed by tcg_pass_liveness. */
#define TCG_LIFE_DEAD(n)   (1u << (n))
#define TCG_LIFE_SYNC(n)   (1u << ((n) + 16))

typedef struct TCGOp {
    struct TCGOp *next, *prev;
    uint16_t opc;           /* TCGOpcode */
    uint8_t type;           /* TCGType (TCG_OPF_INT ops) */
    uint8_t nargs;          /* args in use */
    uint8_t cap;            /* args allocated */
    uint8_t call_o, call_i; /* call only: outputs / inputs */
    uint8_t pad;
    uint32_t life;          /* TCG_LIFE_* bits */
    uint32_t aux;           /* scratch for passes / backend */
    TCGArg args[];
} TCGOp;

static inline bool tcg_op_arg_dead(const TCGOp *op, unsigned n)
{
    return (op->life >> n) & 1;
}

static inline bool tcg_op_arg_sync(const TCGOp *op, unsigned n)
{
    return (op->life >> (n + 16)) & 1;
}

static inline unsigned tcg_op_nb_oargs(const TCGOp *op)
{
    return op->opc == INDEX_op_call ? op->call_o : tcg_op_defs[op->opc].nb_oargs;
}

static inline unsigned tcg_op_nb_iargs(const TCGOp *op)
{
    return op->opc == INDEX_op_call ? op->call_i : tcg_op_defs[op->opc].nb_iargs;
}

static inline unsigned tcg_op_nb_cargs(const TCGOp *op)
{
    return tcg_op_defs[op->opc].nb_cargs;
}

static inline const TCGHelperInfo *tcg_call_info(const TCGOp *op)
{
    return (const TCGHelperInfo *)(uintptr_t)op->args[op->nargs - 1];
}

static inline void *tcg_call_func(const TCGOp *op)
{
    return (void *)(uintptr_t)op->args[op->nargs - 2];
}

static inline TCGLabel *arg_label(TCGArg a)
{
    return (TCGLabel *)(uintptr_t)a;
}

static inline TCGArg label_arg(TCGLabel *l)
{
    return (uintptr_t)l;
}

/* ------------------------------------------------------------- context --- */

/* Bump allocator reset at every tcg_func_start (no per-op malloc). */
typedef struct TCGArenaChunk TCGArenaChunk;
typedef struct TCGArena {
    char *ptr, *end;
    TCGArenaChunk *cur;     /* chunk being filled */
    TCGArenaChunk *first;   /* chain kept across resets */
} TCGArena;

typedef struct TCGConstTable TCGConstTable;

typedef struct TCGContext {
    /* --- temps --- */
    TCGTemp *temps;         /* growable; index with tcg_temp(s, i) */
    uint32_t nb_temps;
    uint32_t temps_cap;
    uint32_t nb_globals;    /* temps [0, nb_globals) survive func_start */

    /* --- ops (intrusive doubly-linked list) --- */
    TCGOp *first_op, *last_op;
    uint32_t nb_ops;

    /* --- labels --- */
    TCGLabel *first_label, *last_label;
    uint32_t nb_labels;

    /* --- per-translation memory --- */
    TCGArena arena;
    TCGConstTable *consts;

    /* --- guest instruction markers --- */
    uint32_t num_insns;
    uint64_t insn_data[TCG_MAX_INSNS][TCG_INSN_START_WORDS];

    /* --- written by the backend while emitting code --- */
    uint32_t insn_host_off[TCG_MAX_INSNS + 1];
    uint16_t goto_tb_jmp_offset[2];    /* patchable displacement of goto_tb n */
    uint16_t goto_tb_reset_offset[2];  /* unchained target of goto_tb n */
    void *code_buf;                    /* start of this TB's host code */
    void *code_ptr;                    /* current emit position */
    void *backend;                     /* backend private state */

    /*
     * Set by the backend: whether it implements (opc, type) natively.
     * NULL = everything. Used by tcg_pass_lower.
     */
    bool (*backend_op_supported)(TCGOpcode opc, TCGType type);

    /*
     * Set by accel/tcg: the helper tcg_gen_lookup_and_goto_ptr() calls:
     * ptr fn(env) returning host code to jump to, or 0.
     * If NULL, lookup_and_goto_ptr degrades to exit_tb(0).
     */
    const TCGHelperInfo *lookup_tb_ptr_info;

    /* --- pass scratch kept across translations (no malloc per block) --- */
    void *opt_info;         /* optimize.c's per-temp table */
    uint32_t opt_cap;       /* its entries */
    uint32_t opt_gen;       /* its last generation number */
    uint32_t *live_buf;     /* liveness.c's temp lists */
    uint32_t live_cap;      /* its entries */

    /* --- debug --- */
    bool verify;            /* run tcg_verify between passes */
} TCGContext;

/* The context builders append to (one per translating thread). */
extern __thread TCGContext *tcg_ctx;

/* Initializes a context (creates the env temp). */
void tcg_context_init(TCGContext *s);
/* Frees everything a context owns. */
void tcg_context_destroy(TCGContext *s);
/*
 * Initializes s as a copy of proto's globals (for one more translating
 * thread). Globals must all be created before any copy.
 */
void tcg_context_clone(TCGContext *s, const TCGContext *proto);
/* Starts a new translation: frees ops, labels, temps (not globals). */
void tcg_func_start(TCGContext *s);

static inline TCGTemp *tcg_temp(TCGContext *s, unsigned idx)
{
    return &s->temps[idx];
}

static inline TCGTemp *tcg_op_temp(TCGContext *s, const TCGOp *op, unsigned i)
{
    return &s->temps[op->args[i]];
}

static inline unsigned tcg_type_bits(TCGType t)
{
    return t == TCG_TYPE_I32 ? 32 : 64;
}

/* Handle <-> temp conversions (using tcg_ctx). */
static inline unsigned tcgv_i32_idx(TCGv_i32 v) { return (unsigned)(uintptr_t)v - 1; }
static inline unsigned tcgv_i64_idx(TCGv_i64 v) { return (unsigned)(uintptr_t)v - 1; }
static inline unsigned tcgv_ptr_idx(TCGv_ptr v) { return (unsigned)(uintptr_t)v - 1; }
static inline TCGTemp *tcgv_i32_temp(TCGv_i32 v) { return &tcg_ctx->temps[tcgv_i32_idx(v)]; }
static inline TCGTemp *tcgv_i64_temp(TCGv_i64 v) { return &tcg_ctx->temps[tcgv_i64_idx(v)]; }
static inline TCGTemp *tcgv_ptr_temp(TCGv_ptr v) { return &tcg_ctx->temps[tcgv_ptr_idx(v)]; }
static inline TCGv_i32 temp_tcgv_i32(const TCGTemp *t) { return (TCGv_i32)(uintptr_t)(t->index + 1); }
static inline TCGv_i64 temp_tcgv_i64(const TCGTemp *t) { return (TCGv_i64)(uintptr_t)(t->index + 1); }
static inline TCGv_ptr temp_tcgv_ptr(const TCGTemp *t) { return (TCGv_ptr)(uintptr_t)(t->index + 1); }

/* --- arena --- */
void *tcg_arena_alloc_slow(TCGContext *s, size_t n);
static inline void *tcg_arena_alloc(TCGContext *s, size_t n)
{
    n = ROUND_UP(n, 16);
    if (likely((size_t)(s->arena.end - s->arena.ptr) >= n)) {
        void *p = s->arena.ptr;
        s->arena.ptr += n;
        return p;
    }
    return tcg_arena_alloc_slow(s, n);
}

/* --- temps (explicit context) --- */
TCGTemp *tcg_temp_new_internal(TCGContext *s, TCGType type, TCGTempKind kind);
TCGTemp *tcg_global_mem_new_internal(TCGContext *s, TCGType type,
                                     intptr_t offset, const char *name);
/* The interned constant temp of (type, val); i32 values are truncated. */
TCGTemp *tcg_constant_internal(TCGContext *s, TCGType type, int64_t val);

/* --- labels --- */
TCGLabel *tcg_label_new(TCGContext *s);

/* --- ops --- */
/* Appends a new op with nargs args (uninitialized) at the end. */
TCGOp *tcg_emit_op(TCGContext *s, TCGOpcode opc, TCGType type, unsigned nargs);
/* Inserts a new op before / after an existing one. */
TCGOp *tcg_op_insert_before(TCGContext *s, TCGOp *old, TCGOpcode opc,
                            TCGType type, unsigned nargs);
TCGOp *tcg_op_insert_after(TCGContext *s, TCGOp *old, TCGOpcode opc,
                           TCGType type, unsigned nargs);
/* Unlinks op (and drops the label reference of a branch). */
void tcg_op_remove(TCGContext *s, TCGOp *op);
/*
 * Changes op in place into (opc, type) with nargs args; returns op or, if
 * it had too few arg slots, a new op that replaced it in the list.
 */
TCGOp *tcg_op_reset(TCGContext *s, TCGOp *op, TCGOpcode opc, TCGType type,
                    unsigned nargs);

#define TCG_FOREACH_OP(s, op) \
    for ((op) = (s)->first_op; (op); (op) = (op)->next)
#define TCG_FOREACH_OP_SAFE(s, op, nx) \
    for ((op) = (s)->first_op; (op) && ((nx) = (op)->next, 1); (op) = (nx))
#define TCG_FOREACH_OP_REVERSE_SAFE(s, op, pv) \
    for ((op) = (s)->last_op; (op) && ((pv) = (op)->prev, 1); (op) = (pv))

/* ------------------------------------------------------- dump / verify --- */

/* Prints the ops in the stable text format of docs/tcg.md. */
void tcg_dump_ops(TCGContext *s, FILE *f);
/* Prints one op (no newline). */
void tcg_dump_op(TCGContext *s, const TCGOp *op, FILE *f);
/* Writes the name of a temp ("env", "x0", "tmp5", "$0x10") into buf. */
const char *tcg_temp_name(TCGContext *s, const TCGTemp *ts, char *buf, size_t n);
extern const char *const tcg_cond_names[TCG_COND_COUNT];

/*
 * Checks the ops against the table: arity, types, temp kinds, labels, and
 * that every temp read is defined before (globals and constants always are;
 * EBB temps must be written in the same extended basic block). On failure
 * prints the reason and returns false (and sets *errmsg if non-NULL, a
 * g_strdup'ed string the caller frees).
 */
bool tcg_verify(TCGContext *s, char **errmsg);
/* Runs tcg_verify if s->verify (TURTLE_TCG_VERIFY=1 or TURTLE_DEBUG_TCG);
   aborts with the dump on failure; `after` names the previous pass. */
void tcg_verify_or_die(TCGContext *s, const char *after);

#endif
