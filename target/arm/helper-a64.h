/*
 * helper-a64.h — the run-time helpers A64 generated code calls, and their
 * TCGHelperInfo descriptions (helper-a64.c). Helpers are for the rare and
 * the complex: exceptions, CRC32, DC ZVA, 128-bit compare-and-swap, PSTATE
 * writes that change the TB flags, pointer authentication. The CPU model's
 * helpers that generated code calls (internals.h: helper_wfi, helper_wfe,
 * helper_hvc, helper_smc, helper_exception_return; sysreg.h: the system
 * register accessors) get their TCGHelperInfo here too.
 *
 * A helper that may fault takes the guest state from the host return
 * address (A64_GETPC()), which names the calling instruction.
 */
#ifndef TURTLE_TARGET_ARM_HELPER_A64_H
#define TURTLE_TARGET_ARM_HELPER_A64_H

#include "util/osdep.h"
#include "tcg/tcg.h"
#include "target/arm/cpu.h"

#define A64_GETPC() ((uintptr_t)__builtin_return_address(0))

/* PSTATE fields written by MSR (immediate): helper_a64_msr_i's field. */
enum {
    A64_PSTATE_SPSEL,
    A64_PSTATE_DAIFSET,
    A64_PSTATE_DAIFCLR,
    A64_PSTATE_PAN,
    A64_PSTATE_UAO,
    A64_PSTATE_DIT,
    A64_PSTATE_SSBS,
};

/* Raises excp (EXCP_*) with the ESR syndrome to target_el (0: default
 * routing). env->pc must be the preferred return address. */
G_NORETURN void helper_a64_exception(CPUARMState *env, uint32_t excp,
                                     uint32_t syndrome, uint32_t target_el);
/* The same with FAR_ELx = far (PC alignment fault). */
G_NORETURN void helper_a64_exception_far(CPUARMState *env, uint32_t excp,
                                         uint32_t syndrome, uint32_t target_el,
                                         uint64_t far);
/* Raises the instruction abort of a fetch at pc (the translator found that
 * fetching it faults). */
void helper_a64_fetch_fault(CPUARMState *env, uint64_t pc, uint32_t mmu_idx);

/* CRC32 / CRC32C of the low `bytes` bytes of val into acc (no inversion:
 * the instruction's semantics, Arm ARM C6.2.x CRC32*). */
uint64_t helper_a64_crc32(uint64_t acc, uint64_t val, uint32_t bytes);
uint64_t helper_a64_crc32c(uint64_t acc, uint64_t val, uint32_t bytes);

/* DC ZVA: zeroes the DCZID-sized block containing vaddr (the access
 * checks were done before: the system register row of DC ZVA). */
void helper_a64_dc_zva(CPUARMState *env, uint64_t vaddr, uint32_t mmu_idx);

/* Lazy NZCV (cc_op != CC_OP_FLAGS) into NF, ZF, CF, VF (cpu.h,
 * arm_cc_materialize()); reads and writes those globals. */
void helper_a64_cc_materialize(CPUARMState *env);

/* MSR (immediate) to a PSTATE field; may trap (DAIF at EL0 without UMA). */
void helper_a64_msr_i(CPUARMState *env, uint32_t field, uint32_t imm);

/* The exclusive monitor across vCPUs (translate-a64-ldst.c): LDXR marks
 * the instructions the other vCPUs have executed; STXR asks whether any
 * ran since (then the monitor is lost: 1). */
void helper_a64_excl_mark(CPUARMState *env);
uint64_t helper_a64_excl_lost(CPUARMState *env);

/* A TLBI encoding the system register table does not know: flush all. */
void helper_a64_tlbi_all(CPUARMState *env);

/*
 * 128-bit compare-and-swap for CASP (X form) and STXP (X form).
 * desc: rs | rt << 5 | mmu_idx << 10 | be << 14. CASP compares Xs:Xs+1
 * with memory, stores Xt:Xt+1 if equal, and writes the old value to
 * Xs:Xs+1. STXP compares against the monitor (exclusive_val/high) and
 * returns 0 on success, 1 on failure.
 */
void helper_a64_casp128(CPUARMState *env, uint64_t addr, uint32_t desc);
uint64_t helper_a64_stxp128(CPUARMState *env, uint64_t addr, uint64_t lo,
                            uint64_t hi, uint32_t desc);

/*
 * Pointer authentication (FEAT_PAuth) with an IMPLEMENTATION DEFINED
 * algorithm: pointer and modifier in, pointer with PAC (or authenticated /
 * stripped pointer) out. key: 0 IA, 1 IB, 2 DA, 3 DB, 4 GA.
 */
uint64_t helper_a64_pac(CPUARMState *env, uint64_t ptr, uint64_t modifier,
                        uint32_t key);
uint64_t helper_a64_aut(CPUARMState *env, uint64_t ptr, uint64_t modifier,
                        uint32_t key);
uint64_t helper_a64_xpac(CPUARMState *env, uint64_t ptr, uint32_t data);
uint64_t helper_a64_pacga(CPUARMState *env, uint64_t ptr, uint64_t modifier);

extern const TCGHelperInfo helper_info_a64_exception;
extern const TCGHelperInfo helper_info_a64_exception_far;
extern const TCGHelperInfo helper_info_a64_fetch_fault;
extern const TCGHelperInfo helper_info_a64_crc32;
extern const TCGHelperInfo helper_info_a64_crc32c;
extern const TCGHelperInfo helper_info_a64_dc_zva;
extern const TCGHelperInfo helper_info_a64_msr_i;
extern const TCGHelperInfo helper_info_a64_cc_materialize;
extern const TCGHelperInfo helper_info_wfi;
extern const TCGHelperInfo helper_info_wfe;
extern const TCGHelperInfo helper_info_hvc;
extern const TCGHelperInfo helper_info_smc;
extern const TCGHelperInfo helper_info_a64_tlbi_all;
extern const TCGHelperInfo helper_info_a64_excl_mark;
extern const TCGHelperInfo helper_info_a64_excl_lost;
extern const TCGHelperInfo helper_info_a64_casp128;
extern const TCGHelperInfo helper_info_a64_stxp128;
extern const TCGHelperInfo helper_info_a64_pac;
extern const TCGHelperInfo helper_info_a64_aut;
extern const TCGHelperInfo helper_info_a64_xpac;
extern const TCGHelperInfo helper_info_a64_pacga;
extern const TCGHelperInfo helper_info_exception_return;
extern const TCGHelperInfo helper_info_sysreg_read;
extern const TCGHelperInfo helper_info_sysreg_write;
extern const TCGHelperInfo helper_info_sysreg_check;

#endif
