/*
 * mmu-at.c — the AArch64 address translation instructions AT S1E0R ...
 * AT S1E3W (Arm ARM C5.4 "A64 system instructions for address
 * translation", D8.14 "Address translation instructions") and PAR_EL1.
 *
 * An AT instruction walks like an access of its regime and privilege
 * would, without faulting: the result, or the fault, goes to PAR_EL1
 * (D17.2.105). Two cases raise an exception instead: a stage 2 fault on
 * the stage 1 table walk of a stage 1 operation (AT S1E0*, S1E1* with
 * stage 2 enabled) is taken to EL2 as a Data Abort with S1PTW and CM set.
 * Hardware Access flag / dirty updates are not made by AT (IMPLEMENTATION
 * DEFINED); an access that they would allow is reported as successful.
 */
#include "util/osdep.h"
#include "target/arm/mmu-internal.h"
#include "target/arm/sysreg.h"

enum {
    AT_S1E0,
    AT_S1E1,
    AT_S1E1P,                   /* S1E1RP/WP: PSTATE.PAN applies (FEAT_PAN2) */
    AT_S1E2,
    AT_S12E0,
    AT_S12E1,
    AT_S1E3,
    AT_WRITE = 0x100,           /* ...W: permission check for a write */
};

#define PAR_F           (1ULL << 0)
#define PAR_FST_SHIFT   1
#define PAR_PTW         (1ULL << 8)
#define PAR_S           (1ULL << 9)
#define PAR_SH_SHIFT    7
#define PAR_NS          (1ULL << 9)
#define PAR_RES1        (1ULL << 11)
#define PAR_ATTR_SHIFT  56

uint64_t arm_mmu_par(bool ok, const ARMMMUResult *res)
{
    if (ok) {
        return (res->pa & mmu_mask(51, 12)) |
               ((uint64_t)res->attrs << PAR_ATTR_SHIFT) |
               ((uint64_t)(res->sh & 3) << PAR_SH_SHIFT) |
               (res->ns ? PAR_NS : 0) | PAR_RES1;
    }
    return PAR_F | ((uint64_t)arm_mmu_fsc(&res->fault) << PAR_FST_SHIFT) |
           (res->fault.s1ptw ? PAR_PTW : 0) | (res->fault.stage2 ? PAR_S : 0) |
           PAR_RES1;
}

static void at_write(CPUARMState *env, const ARMSysReg *r, uint64_t value)
{
    unsigned op = r->opaque & 0xff;
    MMUAccessType access = (r->opaque & AT_WRITE) ? MMU_DATA_STORE : MMU_DATA_LOAD;
    uint64_t hcr = arm_hcr_el2_eff(env);
    /* At EL2 in a VHE host, the EL1 and EL0 operations translate in the
     * EL2&0 regime. */
    bool host = arm_current_el(env) == 2 && (hcr & MMU_HCR_E2H) &&
                (hcr & MMU_HCR_TGE);
    bool pan = env->pstate & PSTATE_PAN;
    unsigned flags = ARM_WALK_NO_HW_UPDATE;
    ARMMMUResult res;
    bool ok;
    int mmu_idx;

    switch (op) {
    case AT_S1E0:
        mmu_idx = host ? ARM_MMU_E20_0 : ARM_MMU_E10_0;
        flags |= ARM_WALK_S1_ONLY;
        break;
    case AT_S1E1:
        mmu_idx = host ? ARM_MMU_E20_2 : ARM_MMU_E10_1;
        flags |= ARM_WALK_S1_ONLY;
        break;
    case AT_S1E1P:
        if (host) {
            mmu_idx = pan ? ARM_MMU_E20_2_PAN : ARM_MMU_E20_2;
        } else {
            mmu_idx = pan ? ARM_MMU_E10_1_PAN : ARM_MMU_E10_1;
        }
        flags |= ARM_WALK_S1_ONLY;
        break;
    case AT_S1E2:
        mmu_idx = (hcr & MMU_HCR_E2H) ? ARM_MMU_E20_2 : ARM_MMU_E2;
        break;
    case AT_S12E0:
        mmu_idx = ARM_MMU_E10_0;
        break;
    case AT_S12E1:
        mmu_idx = ARM_MMU_E10_1;
        break;
    default:
        mmu_idx = ARM_MMU_E3;
        break;
    }
    ok = arm_mmu_walk(env, value, access, mmu_idx, flags, &res);
    if (!ok && res.fault.stage2 && (flags & ARM_WALK_S1_ONLY)) {
        /* The state is exact: system instruction helpers run with the pc
         * of the instruction. */
        arm_mmu_raise_fault(env, value, access, mmu_idx, &res.fault, true, 0);
    }
    env->sys.par_el1 = arm_mmu_par(ok, &res);
}

#define AT_ROW(nm, op1, crm, op2, minel, op) \
    { .name = "AT_" #nm, .key = ARM_SYSREG_KEY(1, op1, 7, crm, op2), \
      .flags = SYSREG_INSN | SYSREG_WO | (minel), .fieldoffset = -1, \
      .write = at_write, .opaque = (op) }

static const ARMSysReg at_el1[] = {
    AT_ROW(S1E1R, 0, 8, 0, SYSREG_EL1, AT_S1E1),
    AT_ROW(S1E1W, 0, 8, 1, SYSREG_EL1, AT_S1E1 | AT_WRITE),
    AT_ROW(S1E0R, 0, 8, 2, SYSREG_EL1, AT_S1E0),
    AT_ROW(S1E0W, 0, 8, 3, SYSREG_EL1, AT_S1E0 | AT_WRITE),
};

static const ARMSysReg at_pan2[] = {
    AT_ROW(S1E1RP, 0, 9, 0, SYSREG_EL1, AT_S1E1P),
    AT_ROW(S1E1WP, 0, 9, 1, SYSREG_EL1, AT_S1E1P | AT_WRITE),
};

static const ARMSysReg at_el2[] = {
    AT_ROW(S1E2R, 4, 8, 0, SYSREG_EL2, AT_S1E2),
    AT_ROW(S1E2W, 4, 8, 1, SYSREG_EL2, AT_S1E2 | AT_WRITE),
    AT_ROW(S12E1R, 4, 8, 4, SYSREG_EL2, AT_S12E1),
    AT_ROW(S12E1W, 4, 8, 5, SYSREG_EL2, AT_S12E1 | AT_WRITE),
    AT_ROW(S12E0R, 4, 8, 6, SYSREG_EL2, AT_S12E0),
    AT_ROW(S12E0W, 4, 8, 7, SYSREG_EL2, AT_S12E0 | AT_WRITE),
};

static const ARMSysReg at_el3[] = {
    AT_ROW(S1E3R, 6, 8, 0, SYSREG_EL3, AT_S1E3),
    AT_ROW(S1E3W, 6, 8, 1, SYSREG_EL3, AT_S1E3 | AT_WRITE),
};

void arm_mmu_at_register(ARMCPU *cpu)
{
    CPUARMState *env = &cpu->env;

    arm_sysreg_register(cpu, at_el1, ARRAY_SIZE(at_el1));
    if (ID_MMFR1_PAN(cpu->isar.id_aa64mmfr1) >= 2) {
        arm_sysreg_register(cpu, at_pan2, ARRAY_SIZE(at_pan2));
    }
    if (arm_feature(env, ARM_FEATURE_EL2)) {
        arm_sysreg_register(cpu, at_el2, ARRAY_SIZE(at_el2));
    }
    if (arm_feature(env, ARM_FEATURE_EL3)) {
        arm_sysreg_register(cpu, at_el3, ARRAY_SIZE(at_el3));
    }
}
