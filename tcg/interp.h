/*
 * interp.h — the reference interpreter of the IR (tests only; built as
 * libtcg_interp, never linked into the emulator).
 *
 * It executes the ops of a TCGContext directly, before or after any pass,
 * and defines what each op means: the optimizer and the backend are tested
 * bit for bit against it. Globals are read from and written to env memory
 * at every access (so helpers and faults always see the current state);
 * other temps live in the interpreter.
 *
 * Out-of-range shift counts use count & (width - 1); division by zero
 * gives 0 and INT_MIN / -1 gives INT_MIN (rem: 0). The IR leaves these
 * undefined; these values are only the interpreter's choice.
 */
#ifndef TURTLE_TCG_INTERP_H
#define TURTLE_TCG_INTERP_H

#include "tcg/tcg.h"

/*
 * Guest memory, provided by the test. load returns the 1 << (mop & MO_SIZE)
 * bytes at addr as a host-order integer, zero-extended (the interpreter
 * applies MO_BSWAP and MO_SIGN itself); store writes the low bytes of val
 * in host order. Alignment checks, if wanted, are the callback's: it gets
 * the whole MemOp. Returning false reports a guest fault: the run stops.
 */
typedef struct TCGInterpMemOps {
    bool (*load)(void *opaque, uint64_t addr, MemOp mop, unsigned mmu_idx,
                 uint64_t *val);
    bool (*store)(void *opaque, uint64_t addr, MemOp mop, unsigned mmu_idx,
                  uint64_t val);
} TCGInterpMemOps;

typedef struct TCGInterpResult {
    uintptr_t exit_value;       /* exit_tb's value (0 for goto_ptr/fault) */
    int goto_tb;                /* slot of the last goto_tb run, -1 none */
    bool goto_ptr;              /* left through goto_ptr */
    uintptr_t goto_ptr_target;  /* its pointer */
    bool faulted;               /* a memory callback returned false */
    uint64_t fault_addr;
    bool fell_off;              /* ran past the last op (an IR bug) */
    bool step_limit;            /* stopped after max_steps ops */
    int last_insn;              /* index of the last insn_start run, -1 none */
    uint64_t insn_data[TCG_INSN_START_WORDS];
    uint64_t steps;             /* ops executed */
} TCGInterpResult;

/* Sets the memory callbacks tcg_interp_run uses on this thread. */
void tcg_interp_set_memory(const TCGInterpMemOps *ops, void *opaque);

/* Runs s's ops on env; returns the exit value. */
uintptr_t tcg_interp_run(TCGContext *s, void *env);

/*
 * Same, with explicit memory callbacks (may be NULL if the program has no
 * guest memory ops) and a full result. max_steps bounds loops (0 = 1<<28).
 */
uintptr_t tcg_interp_run_ex(TCGContext *s, void *env,
                            const TCGInterpMemOps *mem, void *mem_opaque,
                            uint64_t max_steps, TCGInterpResult *res);

#endif
