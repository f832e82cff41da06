/*
 * mmu-fault.c — MMU faults as the guest sees them: fault status codes,
 * the ESR_ELx syndrome of Instruction and Data Aborts (Arm ARM D17.2.37
 * "ISS encoding for an exception from a Data Abort" and ".. Instruction
 * Abort"), FAR_ELx and HPFAR_EL2, and the routing of the abort: stage 2
 * faults to EL2, everything else where arm_exception_target_el() says.
 */
#include "util/osdep.h"
#include "target/arm/mmu-internal.h"

/* Exception classes (ESR_ELx.EC) */
#define EC_IABT_LOWER   0x20
#define EC_IABT_SAME    0x21
#define EC_DABT_LOWER   0x24
#define EC_DABT_SAME    0x25

#define ESR_EC_SHIFT    26
#define ESR_IL          (1u << 25)
#define ISS_CM          (1u << 8)
#define ISS_S1PTW       (1u << 7)
#define ISS_WNR         (1u << 6)
/* ISV, SAS, SSE, SRT, SF, AR: the instruction syndrome of a data abort */
#define ISS_INSN_MASK   0x01ffc000u

/* DFSC/IFSC (D17.2.37): the level in the low bits, level -1 (FEAT_LPA2)
 * with its own codes. */
uint32_t arm_mmu_fsc(const ARMMMUFault *f)
{
    int level = f->level;

    switch (f->type) {
    case ARM_FAULT_ADDR_SIZE:
        return level < 0 ? 0x29 : 0x00 | (level & 3);
    case ARM_FAULT_TRANSLATION:
        return level < 0 ? 0x2b : 0x04 | (level & 3);
    case ARM_FAULT_ACCESS_FLAG:
        return 0x08 | (level & 3);
    case ARM_FAULT_PERMISSION:
        return 0x0c | (level & 3);
    case ARM_FAULT_WALK_EXTERNAL:
        return level < 0 ? 0x13 : 0x14 | (level & 3);
    case ARM_FAULT_EXTERNAL:
        return 0x10;
    case ARM_FAULT_ALIGNMENT:
        return 0x21;
    default:
        return 0x04;
    }
}

uint32_t arm_mmu_abort_syndrome(const ARMMMUFault *f, MMUAccessType access,
                                int current_el, int target_el,
                                uint32_t iss_extra, bool cm)
{
    bool same = target_el == current_el;
    uint32_t iss = arm_mmu_fsc(f);
    uint32_t ec;

    if (f->s1ptw) {
        iss |= ISS_S1PTW;
    }
    if (access == MMU_INST_FETCH) {
        ec = same ? EC_IABT_SAME : EC_IABT_LOWER;
    } else {
        ec = same ? EC_DABT_SAME : EC_DABT_LOWER;
        if (cm) {
            /* Cache maintenance and AT instructions report WnR = 1. */
            iss |= ISS_CM | ISS_WNR;
        } else if (f->s1ptw) {
            /* On a stage 1 walk, WnR says whether the walk was writing
             * (a hardware Access flag or dirty state update). */
            iss |= f->s1ptw_write ? ISS_WNR : 0;
        } else if (access == MMU_DATA_STORE) {
            iss |= ISS_WNR;
        }
        /* The instruction syndrome is valid only for stage 2 aborts that
         * are not on a stage 1 walk (ISV). */
        if (f->stage2 && !f->s1ptw && !cm) {
            iss |= iss_extra & ISS_INSN_MASK;
        }
    }
    return (ec << ESR_EC_SHIFT) | ESR_IL | iss;
}

G_NORETURN void arm_mmu_raise_fault(CPUARMState *env, vaddr addr,
                                    MMUAccessType access, int mmu_idx,
                                    const ARMMMUFault *f, bool cm,
                                    uintptr_t retaddr)
{
    CPUState *cs = env_cpu(env);
    uint32_t iss_extra = 0, syndrome;
    int cur, target;

    if (retaddr) {
        /* Restore the faulting instruction's state now: it gives the pc
         * and the data abort ISS template the translator recorded for the
         * instruction (env->insn_iss). */
        if (cpu_restore_state(cs, retaddr)) {
            iss_extra = env->insn_iss;
        }
        retaddr = 0;
    }
    cur = arm_current_el(env);
    target = f->stage2 ? 2 : arm_exception_target_el(env);
    target = MAX(MAX(target, cur), 1);
    if (f->stage2) {
        /* HPFAR_EL2.FIPA (bits 43:4) gets IPA[51:12] on delivery. */
        env->exception.ipa = f->ipa & mmu_mask(51, 12);
        env->exception.ipa_valid = true;
    }
    syndrome = arm_mmu_abort_syndrome(f, access, cur, target, iss_extra, cm);
    arm_raise_exception_far(env, access == MMU_INST_FETCH ? EXCP_PREFETCH_ABORT
                                                          : EXCP_DATA_ABORT,
                            syndrome, target, addr, retaddr);
}
