/*
 * backend.h — how the rest of Turtle drives the code generator.
 *
 * The register allocator (tcg/regalloc.c), the generation driver
 * (tcg/codegen.c) and the host backend (tcg/x86_64/) turn the IR of one
 * translation (a TCGContext after tcg_optimize_and_analyze()) into host code
 * in a TCGCodeBuf. accel/tcg uses them like this:
 *
 *     // once per process
 *     codebuf_init(&cb, 256 * MiB, &err);
 *     tcg_prologue_init(&prologue, &cb, &err);     // entry/exit stub, pinned
 *
 *     // once per translating context
 *     TCGBackendConfig cfg = {
 *         .prologue = &prologue, .codebuf = &cb,
 *         .host_features = cpuinfo_x86,           // or fewer, to test
 *         .tlb_fast_offset = offsetof(CPUArchState, tlb_fast) ... relative to env,
 *         .page_bits = 12,
 *         .slow_ld = tlb_slow_ld, .slow_st = tlb_slow_st, ...
 *     };
 *     tcg_backend_attach(s, &cfg);
 *
 *     // per block: build IR, optimize, then
 *     TCGCodeInfo ci;
 *     int r = tcg_gen_code(s, &ci);
 *     if (r == TCG_GEN_BUFFER_FULL) { flush all TBs; codebuf_flush(&cb); retry; }
 *     if (r == TCG_GEN_TOO_LARGE)  { retranslate with fewer guest insns; }
 *
 *     // run it
 *     uintptr_t ret = tcg_exec_tb(&prologue, env, ci.code);
 *
 * The generated block:
 *  - expects env in a fixed callee-saved host register (rbp) and the frame
 *    the prologue set up; only the prologue may enter it;
 *  - ends with exit_tb (returns its value from tcg_exec_tb), goto_tb
 *    (a patchable jump: chain with tcg_backend_patch_jump()), or goto_ptr;
 *  - is followed in the code buffer by its restore-state table, read by
 *    tcg_restore_state().
 *
 * Conventions (for helpers and the runtime):
 *  - helpers are called with the host C ABI; i32 arguments are zero- or
 *    sign-extended to 64 bits (TCGHelperInfo.sext_mask);
 *  - a host return address inside a block (a helper's
 *    __builtin_return_address(0), or the retaddr given to a TLB slow path)
 *    names the guest instruction that made the call: tcg_restore_state();
 *  - goto_ptr jumps to a block's code address, or returns 0 from
 *    tcg_exec_tb when the pointer is 0 or tcg_prologue.ret0.
 */
#ifndef TURTLE_TCG_BACKEND_H
#define TURTLE_TCG_BACKEND_H

#include "tcg/tcg.h"
#include "tcg/codebuf.h"
#include "exec/tlb-common.h"

typedef uintptr_t (*TCGEntryFn)(void *env, const void *code);

/* The shared entry/exit code, generated once at the start of a code buffer. */
typedef struct TCGPrologue {
    TCGEntryFn entry;       /* rx: saves callee-saved regs, env -> rbp, jumps */
    uintptr_t ret0;         /* rx: the epilogue returning 0 */
    uintptr_t epilogue;     /* rx: the epilogue returning rax */
    uint32_t frame_size;    /* bytes of stack frame below the saved registers */
} TCGPrologue;

/* Generates the prologue at the start of cb and pins it (survives flushes). */
bool tcg_prologue_init(TCGPrologue *p, TCGCodeBuf *cb, GError **errp);

/* Runs host code of a block with env; returns the block's exit value. */
static inline uintptr_t tcg_exec_tb(const TCGPrologue *p, void *env, const void *code)
{
    return p->entry(env, code);
}

/* Everything the backend needs besides the IR; copied by tcg_backend_attach. */
typedef struct TCGBackendConfig {
    const TCGPrologue *prologue;
    TCGCodeBuf *codebuf;
    /* CPUINFO_* (tcg/x86_64/cpuinfo.h) instructions the backend may use. */
    unsigned host_features;
    /* Guest memory: see include/exec/tlb-common.h. */
    intptr_t tlb_fast_offset;   /* env-relative CPUTLBDescFast[0] */
    unsigned page_bits;         /* TLB page size (12) */
    TLBSlowLoadFn slow_ld;
    TLBSlowStoreFn slow_st;
    TLBSlowCmpxchgFn slow_cmpxchg;
    TLBSlowRmwFn slow_rmw;
} TCGBackendConfig;

/*
 * Prepares s for code generation with cfg (allocates the backend state in
 * s->backend, once; no allocation happens per block afterwards).
 */
void tcg_backend_attach(TCGContext *s, const TCGBackendConfig *cfg);
/* Frees what tcg_backend_attach allocated. */
void tcg_backend_detach(TCGContext *s);
/* Changes the host features used from now on (tests force generic paths). */
void tcg_backend_set_features(TCGContext *s, unsigned host_features);

/* One block's host code, as tcg_gen_code produced it. */
typedef struct TCGCodeInfo {
    const void *code;           /* rx address of the first instruction */
    uint32_t code_size;         /* bytes of host code */
    uint32_t search_size;       /* bytes of restore-state data after the code */
    uint16_t num_insns;         /* guest instructions (insn_start ops) */
    /* goto_tb n: rx address of the rel32 to patch, and its unchained target
       (0 when the block has no goto_tb n). Also in s->goto_tb_*_offset. */
    uintptr_t jmp_field[2];
    uintptr_t jmp_reset[2];
} TCGCodeInfo;

enum {
    TCG_GEN_BUFFER_FULL = -1,   /* flush the code buffer and retry */
    TCG_GEN_TOO_LARGE = -2,     /* the block cannot be generated: use fewer insns */
};

/*
 * Generates host code for the ops of s (after tcg_optimize_and_analyze)
 * into the code buffer. Returns the bytes used (code and restore-state
 * data, committed to the buffer) and fills *ci, or a TCG_GEN_* error.
 * Fills s->insn_host_off[], s->goto_tb_jmp_offset[], s->goto_tb_reset_offset[].
 */
int tcg_gen_code(TCGContext *s, TCGCodeInfo *ci);

/*
 * Atomically retargets the patchable jump of a goto_tb (jmp_rx, jmp_rw:
 * the rel32 field, ci.jmp_field and its writable alias) to target_rx:
 * another block's code to chain, or ci.jmp_reset to unchain. Safe while
 * other threads run the code: the field is 4-byte aligned.
 */
void tcg_backend_patch_jump(uintptr_t jmp_rx, uintptr_t jmp_rw, uintptr_t target_rx);

/*
 * Finds the guest instruction of a block containing host_pc (a return
 * address, i.e. just after the call that led here) and stores its
 * insn_start words in data[0..TCG_INSN_START_WORDS-1]. Returns false if
 * host_pc is not inside the block's code.
 */
bool tcg_restore_state(const TCGCodeInfo *ci, uintptr_t host_pc,
                       uint64_t data[TCG_INSN_START_WORDS]);

/* Same, from the raw restore-state data (for a cache that keeps only that). */
bool tcg_restore_state_raw(const void *code, uint32_t code_size,
                           const uint8_t *search, uintptr_t host_pc,
                           uint64_t data[TCG_INSN_START_WORDS]);

/* Prints the host code of a block with capstone (-d out_asm). */
void tcg_dump_host_code(FILE *f, const TCGCodeInfo *ci);

#endif
