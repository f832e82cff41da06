/*
 * internals.h — what the pieces of the arm64 CPU model share with each
 * other (translator, helpers, exception model, MMU, system registers), but
 * not with the rest of Turtle.
 */
#ifndef TURTLE_TARGET_ARM_INTERNALS_H
#define TURTLE_TARGET_ARM_INTERNALS_H

#include "target/arm/cpu.h"

/* ---- Exceptions (target/arm/exception.c) ------------------------------ */

/* Raises an exception of class excp (EXCP_*) with syndrome (ESR_ELx value)
 * to target_el, from a helper whose host return address is retaddr (0 if
 * the state is already exact). Does not return. */
G_NORETURN void arm_raise_exception(CPUARMState *env, int excp, uint32_t syndrome,
                                    int target_el, uintptr_t retaddr);
/* The EL an exception from the current EL is taken to (routing rules:
 * HCR_EL2.TGE, SCR_EL3, ...), for synchronous exceptions. */
int arm_exception_target_el(CPUARMState *env);

/* Stack pointer banking: call after changing the EL or PSTATE.SP. */
void arm_sp_save(CPUARMState *env);
void arm_sp_restore(CPUARMState *env);

/* ---- Features -------------------------------------------------------- */

/* Bits of env->features (and ARMCPU): what the CPU model implements. */
enum {
    ARM_FEATURE_AARCH64,
    ARM_FEATURE_EL2,
    ARM_FEATURE_EL3,
    ARM_FEATURE_PMU,
    ARM_FEATURE_GIC_CPUIF,      /* GICv3 system-register CPU interface */
    ARM_FEATURE_GENERIC_TIMER,
};

static inline bool arm_feature(const CPUARMState *env, int feature)
{
    return env->features & (1ull << feature);
}

/* ISA features, read from the ID registers the model advertises, so that
 * a feature is only decodable when the guest is told it exists. */
bool isar_feature_aa64_atomics(const ARMISARegisters *isar);   /* LSE */
bool isar_feature_aa64_crc32(const ARMISARegisters *isar);
bool isar_feature_aa64_aes(const ARMISARegisters *isar);
bool isar_feature_aa64_pmull(const ARMISARegisters *isar);
bool isar_feature_aa64_sha1(const ARMISARegisters *isar);
bool isar_feature_aa64_sha256(const ARMISARegisters *isar);
bool isar_feature_aa64_sha512(const ARMISARegisters *isar);
bool isar_feature_aa64_sha3(const ARMISARegisters *isar);
bool isar_feature_aa64_rdm(const ARMISARegisters *isar);
bool isar_feature_aa64_fp16(const ARMISARegisters *isar);
bool isar_feature_aa64_dp(const ARMISARegisters *isar);      /* dot product */
bool isar_feature_aa64_jscvt(const ARMISARegisters *isar);
bool isar_feature_aa64_fcma(const ARMISARegisters *isar);
bool isar_feature_aa64_lrcpc(const ARMISARegisters *isar);
bool isar_feature_aa64_lrcpc2(const ARMISARegisters *isar);
bool isar_feature_aa64_pauth(const ARMISARegisters *isar);
bool isar_feature_aa64_bti(const ARMISARegisters *isar);
bool isar_feature_aa64_sb(const ARMISARegisters *isar);
bool isar_feature_aa64_pan(const ARMISARegisters *isar);
bool isar_feature_aa64_uao(const ARMISARegisters *isar);
bool isar_feature_aa64_flagm(const ARMISARegisters *isar);
bool isar_feature_aa64_rndr(const ARMISARegisters *isar);
bool isar_feature_aa64_frint(const ARMISARegisters *isar);
bool isar_feature_aa64_i8mm(const ARMISARegisters *isar);
bool isar_feature_aa64_bf16(const ARMISARegisters *isar);
bool isar_feature_aa64_ssbs(const ARMISARegisters *isar);
bool isar_feature_aa64_dit(const ARMISARegisters *isar);
bool isar_feature_aa64_hpds(const ARMISARegisters *isar);
bool isar_feature_aa64_lse2(const ARMISARegisters *isar);

/* ---- MMU (target/arm/mmu.c) ----------------------------------------- */

/* MMU indexes (one softmmu TLB each). Stage-2 and EL2&0 regimes are
 * separate indexes so a world switch changes the index, not the TLB. */
enum {
    ARM_MMU_E10_0 = 0,          /* EL1&0 regime, EL0 access */
    ARM_MMU_E10_1,              /* EL1&0 regime, EL1 access */
    ARM_MMU_E10_1_PAN,          /* EL1 access with PSTATE.PAN */
    ARM_MMU_E20_0,              /* EL2&0 (VHE) regime, EL0 access */
    ARM_MMU_E20_2,
    ARM_MMU_E20_2_PAN,
    ARM_MMU_E2,                 /* EL2 regime (nVHE) */
    ARM_MMU_E3,
    ARM_MMU_STAGE2,             /* stage-2 walks (IPA -> PA) */
    ARM_MMU_PHYS,               /* physical, MMU off / debug */
    ARM_MMU_COUNT,
};

/* The MMU index for a data access at the current EL (PAN/UAO applied). */
int arm_mmu_idx(CPUARMState *env);
/* For LDTR/STTR: the unprivileged index of the current regime. */
int arm_mmu_idx_user(CPUARMState *env);

/* TCGCPUOps.tlb_fill, and the debug translation (no side effects). */
bool arm_cpu_tlb_fill(CPUState *cs, vaddr addr, int size,
                      MMUAccessType access_type, int mmu_idx, bool probe,
                      uintptr_t retaddr);
hwaddr arm_cpu_get_phys_page_debug(CPUState *cs, vaddr addr);

/* ---- TB flags (target/arm/cpu.c computes them) ------------------------- */

/* Everything the translator specializes on. */
#define TBFLAG_EL_SHIFT        0   /* 2 bits: current EL */
#define TBFLAG_MMUIDX_SHIFT    2   /* 4 bits: data MMU index */
#define TBFLAG_SS_ACTIVE       (1u << 6)   /* software step active */
#define TBFLAG_PSTATE_SS       (1u << 7)
#define TBFLAG_FPEN            (1u << 8)   /* FP/SIMD enabled (CPACR/CPTR) */
#define TBFLAG_BE_DATA         (1u << 9)   /* SCTLR.EE/E0E: big-endian data */
#define TBFLAG_ALIGN           (1u << 10)  /* SCTLR.A: alignment checks */
#define TBFLAG_TBI0            (1u << 11)  /* top byte ignore, TTBR0 */
#define TBFLAG_TBI1            (1u << 12)
#define TBFLAG_BTI             (1u << 13)  /* guarded page (BTI) */
#define TBFLAG_UNPRIV_IDX_SHIFT 14         /* 4 bits: MMU index for LDTR/STTR */
#define TBFLAG_VHE             (1u << 18)  /* HCR_EL2.E2H && TGE context */
#define TBFLAG_TGE             (1u << 19)
#define TBFLAG_NV              (1u << 20)  /* nested virtualization traps */
#define TBFLAG_SVE_EN          (1u << 21)

void arm_get_tb_cpu_state(CPUState *cs, vaddr *pc, uint64_t *cs_base,
                          uint32_t *flags);
/* Recomputes cached state after a change of EL, SCTLR, HCR...: the
 * translator ends the block after any MSR that may change TB flags. */
void arm_rebuild_hflags(CPUARMState *env);

/* ---- Generic timer (target/arm/gtimer.c) ------------------------------- */

uint64_t arm_gt_count(CPUARMState *env);    /* CNTPCT */
void arm_gt_recalc(ARMCPU *cpu, int timer);

/* ---- PSCI (target/arm/psci.c) ----------------------------------------- */

/* True if the HVC/SMC with imm16 in the current state is a PSCI call,
 * which is then handled (x0..x3 in, x0 out). */
bool arm_is_psci_call(ARMCPU *cpu, int excp);
void arm_handle_psci_call(ARMCPU *cpu);

#endif
