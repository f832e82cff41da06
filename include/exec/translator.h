/*
 * translator.h — the generic translation loop targets plug into.
 *
 * A target describes how to translate one instruction and how to start and
 * end a block with TranslatorOps; translator_loop drives them, counts
 * instructions, stops at page boundaries and at max_insns, emits the
 * insn_start markers and the interrupt check at block entry, and logs
 * -d in_asm.
 *
 *     static const TranslatorOps a64_ops = {
 *         .init_disas_context = a64_init_disas_context,
 *         .tb_start = a64_tb_start,
 *         .insn_start = a64_insn_start,
 *         .translate_insn = a64_translate_insn,
 *         .tb_stop = a64_tb_stop,
 *     };
 *     void arm_translate_code(CPUState *cpu, TranslationBlock *tb, int max)
 *     {
 *         DisasContext dc;
 *         translator_loop(cpu, tb, max, &a64_ops, &dc.base);
 *     }
 */
#ifndef TURTLE_EXEC_TRANSLATOR_H
#define TURTLE_EXEC_TRANSLATOR_H

#include "exec/cpu-exec.h"
#include "tcg/tcg-op.h"

/* How the block ends, set by translate_insn in base->is_jmp. */
typedef enum DisasJumpType {
    DISAS_NEXT,             /* continue with the next instruction */
    DISAS_TOO_MANY,         /* stop: page end or max insns; tb_stop chains to pc_next */
    DISAS_NORETURN,         /* the insn already ended the block (exception, exit_tb) */
    DISAS_TARGET_0,         /* first target-specific value */
} DisasJumpType;

typedef struct DisasContextBase {
    TranslationBlock *tb;
    vaddr pc_first;
    vaddr pc_next;
    DisasJumpType is_jmp;
    int num_insns;
    int max_insns;
    bool singlestep_enabled;
    void *host_addr[2];     /* host pointers of the code pages, or NULL */
} DisasContextBase;

typedef struct TranslatorOps {
    void (*init_disas_context)(DisasContextBase *db, CPUState *cpu);
    void (*tb_start)(DisasContextBase *db, CPUState *cpu);
    /* Emits tcg_gen_insn_start with the target's words. */
    void (*insn_start)(DisasContextBase *db, CPUState *cpu);
    void (*translate_insn)(DisasContextBase *db, CPUState *cpu);
    void (*tb_stop)(DisasContextBase *db, CPUState *cpu);
} TranslatorOps;

void translator_loop(CPUState *cpu, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db);

/* Instruction fetch during translation (through the code TLB; a fault
 * becomes an exception raised when the instruction executes). */
uint32_t translator_ldl(CPUState *cpu, DisasContextBase *db, vaddr pc);
uint16_t translator_lduw(CPUState *cpu, DisasContextBase *db, vaddr pc);
uint8_t translator_ldub(CPUState *cpu, DisasContextBase *db, vaddr pc);
uint64_t translator_ldq(CPUState *cpu, DisasContextBase *db, vaddr pc);
/* True if an instruction at pc would fault on fetch (the translator then
 * emits an exception for it instead of reading). */
bool translator_fetch_faults(CPUState *cpu, DisasContextBase *db, vaddr pc, int len);

/*
 * Ends the block with a jump to the block at pc (the guest pc variable,
 * already written) found in the per-vCPU jump cache by code inlined here,
 * falling back to the lookup helper (tcg_gen_lookup_and_goto_ptr). The
 * target promises that the block left the state its TB flags and cs_base
 * derive from unchanged: the probe looks for a block with this block's
 * flags and cs_base. Blocks that may have changed that state must use
 * tcg_gen_lookup_and_goto_ptr (which recomputes them) or exit_tb.
 */
void translator_lookup_and_goto_ptr(DisasContextBase *db, TCGv_i64 pc);

/* Whether a direct jump to dest may chain (same page as the block start,
 * no single-step). */
bool translator_use_goto_tb(DisasContextBase *db, vaddr dest);

#endif
