/*
 * arm_gicv3_sysreg.c — the GICv3 CPU interface as arm64 system registers:
 * the ICC_* rows registered in each connected CPU's system-register table,
 * and arm_gicv3_connect_cpu(), which the board calls.
 *
 * Follows Arm IHI 0069, 12.1.6 "GIC System register access" and 12.2. The
 * behaviour is in arm_gicv3_cpuif.c; a row only finds the CPU's interface
 * (env->gicv3_cpuif), picks the physical or the virtual interface, and
 * passes the group or register number from its opaque field. Every row is SYSREG_IO: an access may change the
 * interrupt lines, so the translator calls a helper and ends the block.
 *
 * Accessibility (IHI 0069 12.1.6 and the register descriptions):
 *   - ICC_* at EL1 and up; EL0 accesses are UNDEFINED.
 *   - At EL1 with EL2 present and HCR_EL2.TGE = 0, a Group 0 register goes
 *     to the virtual interface (ICV_*, arm_gicv3_vcpuif.c) when
 *     HCR_EL2.FMO is set, a Group 1 register when IMO is set, a register
 *     common to both groups (PMR, RPR, CTLR, DIR) when either is set.
 *   - The SGI registers have no virtual form: at EL1 with IMO or FMO set
 *     they trap to EL2.
 *   - ICH_HCR_EL2.TALL0/TALL1/TC/TDIR trap EL1 accesses of the Group 0,
 *     Group 1, common registers and ICC_DIR_EL1 to EL2.
 *   - ICC_SRE_EL2 and the ICH_*_EL2 registers exist on CPUs with EL2 only.
 */
#include "util/osdep.h"
#include "util/log.h"
#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "target/arm/sysreg.h"
#include "arm_gicv3_internal.h"

/* HCR_EL2 bits (Arm ARM D19.2.48) */
#define GIC_HCR_FMO (1ull << 3)
#define GIC_HCR_IMO (1ull << 4)
#define GIC_HCR_TGE (1ull << 27)

/* Row classes, in opaque bits [15:8]; bits [7:0] are the row's argument
 * (a group, an APR number, an SGI kind, an EL, a list register). */
enum {
    CLS_G0 = 1 << 8,            /* Group 0 register: FMO, TALL0 */
    CLS_G1 = 2 << 8,            /* Group 1 register: IMO, TALL1 */
    CLS_COMMON = 3 << 8,        /* PMR, RPR, CTLR: IMO|FMO, TC */
    CLS_DIR = 4 << 8,           /* DIR: IMO|FMO, TC, TDIR */
    CLS_SGI = 5 << 8,           /* SGI*R: trap with IMO|FMO */
    CLS_PLAIN = 6 << 8,         /* SRE, ICH_*: no routing */
};
#define CLS(r)  ((r)->opaque & 0xff00)
#define ARG(r)  ((int)((r)->opaque & 0xff))

static GICv3CPUState *icc_cs(CPUARMState *env)
{
    return env->gicv3_cpuif;
}

/* Whether EL2 controls this EL1 access: EL1, EL2 implemented, not TGE. */
static bool icc_el2_controls(CPUARMState *env)
{
    return arm_current_el(env) == 1 && env_archcpu(env)->has_el2 &&
           !(env->sys.hcr_el2 & GIC_HCR_TGE);
}

static uint64_t icc_route_bits(const ARMSysReg *r)
{
    switch (CLS(r)) {
    case CLS_G0:
        return GIC_HCR_FMO;
    case CLS_G1:
        return GIC_HCR_IMO;
    case CLS_PLAIN:
        return 0;
    default:
        return GIC_HCR_FMO | GIC_HCR_IMO;
    }
}

/* Whether this access is for the virtual interface (ICV_*). */
static bool icc_virtual(CPUARMState *env, const ARMSysReg *r)
{
    return icc_el2_controls(env) && (env->sys.hcr_el2 & icc_route_bits(r));
}

static ARMSysRegAccess icc_access(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    GICv3CPUState *cs = icc_cs(env);
    uint64_t ich_hcr;

    if (!cs || !icc_el2_controls(env)) {
        return SYSREG_ACCESS_OK;
    }
    ich_hcr = cs->ich_hcr_el2;
    switch (CLS(r)) {
    case CLS_SGI:
        return (env->sys.hcr_el2 & (GIC_HCR_IMO | GIC_HCR_FMO)) ?
               SYSREG_ACCESS_TRAP_EL2 : SYSREG_ACCESS_OK;
    case CLS_G0:
        return (ich_hcr & ICH_HCR_TALL0) ? SYSREG_ACCESS_TRAP_EL2 : SYSREG_ACCESS_OK;
    case CLS_G1:
        return (ich_hcr & ICH_HCR_TALL1) ? SYSREG_ACCESS_TRAP_EL2 : SYSREG_ACCESS_OK;
    case CLS_COMMON:
        return (ich_hcr & ICH_HCR_TC) ? SYSREG_ACCESS_TRAP_EL2 : SYSREG_ACCESS_OK;
    case CLS_DIR:
        return (ich_hcr & (ICH_HCR_TC | ICH_HCR_TDIR)) ?
               SYSREG_ACCESS_TRAP_EL2 : SYSREG_ACCESS_OK;
    default:
        return SYSREG_ACCESS_OK;
    }
}

/* ---- ICC_* / ICV_* ------------------------------------------------------ */

static uint64_t icc_iar_read(CPUARMState *env, const ARMSysReg *r)
{
    return icc_virtual(env, r) ? gicv3_icv_iar(icc_cs(env), ARG(r))
                               : gicv3_icc_iar(icc_cs(env), ARG(r));
}

static void icc_eoir_write(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    if (icc_virtual(env, r)) {
        gicv3_icv_eoir(icc_cs(env), ARG(r), v);
    } else {
        gicv3_icc_eoir(icc_cs(env), ARG(r), v);
    }
}

static uint64_t icc_hppir_read(CPUARMState *env, const ARMSysReg *r)
{
    return icc_virtual(env, r) ? gicv3_icv_hppir(icc_cs(env), ARG(r))
                               : gicv3_icc_hppir(icc_cs(env), ARG(r));
}

static uint64_t icc_bpr_read(CPUARMState *env, const ARMSysReg *r)
{
    return icc_virtual(env, r) ? gicv3_icv_bpr_read(icc_cs(env), ARG(r))
                               : gicv3_icc_bpr_read(icc_cs(env), ARG(r));
}

static void icc_bpr_write(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    if (icc_virtual(env, r)) {
        gicv3_icv_bpr_write(icc_cs(env), ARG(r), v);
    } else {
        gicv3_icc_bpr_write(icc_cs(env), ARG(r), v);
    }
}

static uint64_t icc_igrpen_read(CPUARMState *env, const ARMSysReg *r)
{
    return icc_virtual(env, r) ? gicv3_icv_igrpen_read(icc_cs(env), ARG(r))
                               : gicv3_icc_igrpen_read(icc_cs(env), ARG(r));
}

static void icc_igrpen_write(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    if (icc_virtual(env, r)) {
        gicv3_icv_igrpen_write(icc_cs(env), ARG(r), v);
    } else {
        gicv3_icc_igrpen_write(icc_cs(env), ARG(r), v);
    }
}

/* APRs: the argument is the group (n = 0 is the only one implemented) */
static uint64_t icc_apr_read(CPUARMState *env, const ARMSysReg *r)
{
    GICv3CPUState *cs = icc_cs(env);

    return icc_virtual(env, r) ? cs->ich_apr[ARG(r)][0]
                               : gicv3_icc_apr_read(cs, ARG(r), 0);
}

static void icc_apr_write(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    if (icc_virtual(env, r)) {
        gicv3_ich_apr_write(icc_cs(env), ARG(r), 0, v);
    } else {
        gicv3_icc_apr_write(icc_cs(env), ARG(r), 0, v);
    }
}

static uint64_t icc_pmr_read(CPUARMState *env, const ARMSysReg *r)
{
    return icc_virtual(env, r) ? gicv3_icv_pmr_read(icc_cs(env))
                               : gicv3_icc_pmr_read(icc_cs(env));
}

static void icc_pmr_write(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    if (icc_virtual(env, r)) {
        gicv3_icv_pmr_write(icc_cs(env), v);
    } else {
        gicv3_icc_pmr_write(icc_cs(env), v);
    }
}

static void icc_dir_write(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    if (icc_virtual(env, r)) {
        gicv3_icv_dir(icc_cs(env), v);
    } else {
        gicv3_icc_dir(icc_cs(env), v);
    }
}

static uint64_t icc_rpr_read(CPUARMState *env, const ARMSysReg *r)
{
    return icc_virtual(env, r) ? gicv3_icv_rpr(icc_cs(env)) : gicv3_icc_rpr(icc_cs(env));
}

static void icc_sgi_write(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    gicv3_icc_generate_sgi(icc_cs(env), ARG(r), v);
}

static uint64_t icc_ctlr_read(CPUARMState *env, const ARMSysReg *r)
{
    return icc_virtual(env, r) ? gicv3_icv_ctlr_read(icc_cs(env))
                               : gicv3_icc_ctlr_read(icc_cs(env));
}

static void icc_ctlr_write(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    if (icc_virtual(env, r)) {
        gicv3_icv_ctlr_write(icc_cs(env), v);
    } else {
        gicv3_icc_ctlr_write(icc_cs(env), v);
    }
}

static uint64_t icc_sre_read(CPUARMState *env, const ARMSysReg *r)
{
    return gicv3_icc_sre_read(icc_cs(env), ARG(r));
}

static void icc_sre_write(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    /* SRE, DFB, DIB (and Enable) are RAO/WI: the memory-mapped GICv2-style
     * CPU interface does not exist. */
}

/* ---- ICH_*_EL2 ---------------------------------------------------------------- */

enum { ICH_HCR, ICH_VTR, ICH_MISR, ICH_EISR, ICH_ELRSR, ICH_VMCR };

static uint64_t ich_read(CPUARMState *env, const ARMSysReg *r)
{
    GICv3CPUState *cs = icc_cs(env);

    switch (ARG(r)) {
    case ICH_HCR:
        return cs->ich_hcr_el2;
    case ICH_VTR:
        return gicv3_ich_vtr();
    case ICH_MISR:
        return gicv3_ich_misr(cs);
    case ICH_EISR:
        return gicv3_ich_eisr(cs);
    case ICH_ELRSR:
        return gicv3_ich_elrsr(cs);
    default:
        return cs->ich_vmcr_el2;
    }
}

static void ich_write(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    if (ARG(r) == ICH_HCR) {
        gicv3_ich_hcr_write(icc_cs(env), v);
    } else if (ARG(r) == ICH_VMCR) {
        gicv3_ich_vmcr_write(icc_cs(env), v);
    }
}

static uint64_t ich_lr_read(CPUARMState *env, const ARMSysReg *r)
{
    return icc_cs(env)->ich_lr_el2[ARG(r)];
}

static void ich_lr_write(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    gicv3_ich_lr_write(icc_cs(env), ARG(r), v);
}

static uint64_t ich_apr_read(CPUARMState *env, const ARMSysReg *r)
{
    return icc_cs(env)->ich_apr[ARG(r)][0];
}

static void ich_apr_write(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    gicv3_ich_apr_write(icc_cs(env), ARG(r), 0, v);
}

/* ---- Tables ------------------------------------------------------------------- */

#define GIC_ROW(nm, o1, crn, crm, o2, fl, rd, wr, op) {                     \
    .name = (nm), .key = ARM_SYSREG_KEY(3, o1, crn, crm, o2),               \
    .flags = SYSREG_IO | (fl), .fieldoffset = -1, .access = icc_access,     \
    .read = (rd), .write = (wr), .opaque = (op) }

#define EL1 SYSREG_EL1
#define EL2 SYSREG_EL2
#define RO  SYSREG_RO
#define WO  SYSREG_WO

static const ARMSysReg gicv3_icc_rows[] = {
    GIC_ROW("ICC_PMR_EL1",     0, 4, 6, 0,   EL1, icc_pmr_read, icc_pmr_write, CLS_COMMON),
    GIC_ROW("ICC_IAR0_EL1",    0, 12, 8, 0,  EL1 | RO, icc_iar_read, NULL, CLS_G0 | GICV3_G0),
    GIC_ROW("ICC_EOIR0_EL1",   0, 12, 8, 1,  EL1 | WO, NULL, icc_eoir_write, CLS_G0 | GICV3_G0),
    GIC_ROW("ICC_HPPIR0_EL1",  0, 12, 8, 2,  EL1 | RO, icc_hppir_read, NULL, CLS_G0 | GICV3_G0),
    GIC_ROW("ICC_BPR0_EL1",    0, 12, 8, 3,  EL1, icc_bpr_read, icc_bpr_write, CLS_G0 | GICV3_G0),
    GIC_ROW("ICC_AP0R0_EL1",   0, 12, 8, 4,  EL1, icc_apr_read, icc_apr_write, CLS_G0 | GICV3_G0),
    GIC_ROW("ICC_AP1R0_EL1",   0, 12, 9, 0,  EL1, icc_apr_read, icc_apr_write, CLS_G1 | GICV3_G1),
    GIC_ROW("ICC_DIR_EL1",     0, 12, 11, 1, EL1 | WO, NULL, icc_dir_write, CLS_DIR),
    GIC_ROW("ICC_RPR_EL1",     0, 12, 11, 3, EL1 | RO, icc_rpr_read, NULL, CLS_COMMON),
    GIC_ROW("ICC_SGI1R_EL1",   0, 12, 11, 5, EL1 | WO, NULL, icc_sgi_write, CLS_SGI | GICV3_SGI1R),
    GIC_ROW("ICC_ASGI1R_EL1",  0, 12, 11, 6, EL1 | WO, NULL, icc_sgi_write, CLS_SGI | GICV3_ASGI1R),
    GIC_ROW("ICC_SGI0R_EL1",   0, 12, 11, 7, EL1 | WO, NULL, icc_sgi_write, CLS_SGI | GICV3_SGI0R),
    GIC_ROW("ICC_IAR1_EL1",    0, 12, 12, 0, EL1 | RO, icc_iar_read, NULL, CLS_G1 | GICV3_G1),
    GIC_ROW("ICC_EOIR1_EL1",   0, 12, 12, 1, EL1 | WO, NULL, icc_eoir_write, CLS_G1 | GICV3_G1),
    GIC_ROW("ICC_HPPIR1_EL1",  0, 12, 12, 2, EL1 | RO, icc_hppir_read, NULL, CLS_G1 | GICV3_G1),
    GIC_ROW("ICC_BPR1_EL1",    0, 12, 12, 3, EL1, icc_bpr_read, icc_bpr_write, CLS_G1 | GICV3_G1),
    GIC_ROW("ICC_CTLR_EL1",    0, 12, 12, 4, EL1, icc_ctlr_read, icc_ctlr_write, CLS_COMMON),
    GIC_ROW("ICC_SRE_EL1",     0, 12, 12, 5, EL1, icc_sre_read, icc_sre_write, CLS_PLAIN | 1),
    GIC_ROW("ICC_IGRPEN0_EL1", 0, 12, 12, 6, EL1, icc_igrpen_read, icc_igrpen_write, CLS_G0 | GICV3_G0),
    GIC_ROW("ICC_IGRPEN1_EL1", 0, 12, 12, 7, EL1, icc_igrpen_read, icc_igrpen_write, CLS_G1 | GICV3_G1),
};

#define ICH_LR_ROW(n) \
    GIC_ROW("ICH_LR" #n "_EL2", 4, 12, 12 + (n) / 8, (n) % 8, EL2, \
            ich_lr_read, ich_lr_write, CLS_PLAIN | (n))

static const ARMSysReg gicv3_el2_rows[] = {
    GIC_ROW("ICC_SRE_EL2",     4, 12, 9, 5,  EL2, icc_sre_read, icc_sre_write, CLS_PLAIN | 2),
    GIC_ROW("ICH_AP0R0_EL2",   4, 12, 8, 0,  EL2, ich_apr_read, ich_apr_write, CLS_PLAIN | GICV3_G0),
    GIC_ROW("ICH_AP1R0_EL2",   4, 12, 9, 0,  EL2, ich_apr_read, ich_apr_write, CLS_PLAIN | GICV3_G1),
    GIC_ROW("ICH_HCR_EL2",     4, 12, 11, 0, EL2, ich_read, ich_write, CLS_PLAIN | ICH_HCR),
    GIC_ROW("ICH_VTR_EL2",     4, 12, 11, 1, EL2 | RO, ich_read, NULL, CLS_PLAIN | ICH_VTR),
    GIC_ROW("ICH_MISR_EL2",    4, 12, 11, 2, EL2 | RO, ich_read, NULL, CLS_PLAIN | ICH_MISR),
    GIC_ROW("ICH_EISR_EL2",    4, 12, 11, 3, EL2 | RO, ich_read, NULL, CLS_PLAIN | ICH_EISR),
    GIC_ROW("ICH_ELRSR_EL2",   4, 12, 11, 5, EL2 | RO, ich_read, NULL, CLS_PLAIN | ICH_ELRSR),
    GIC_ROW("ICH_VMCR_EL2",    4, 12, 11, 7, EL2, ich_read, ich_write, CLS_PLAIN | ICH_VMCR),
    ICH_LR_ROW(0), ICH_LR_ROW(1), ICH_LR_ROW(2), ICH_LR_ROW(3),
    ICH_LR_ROW(4), ICH_LR_ROW(5), ICH_LR_ROW(6), ICH_LR_ROW(7),
    ICH_LR_ROW(8), ICH_LR_ROW(9), ICH_LR_ROW(10), ICH_LR_ROW(11),
    ICH_LR_ROW(12), ICH_LR_ROW(13), ICH_LR_ROW(14), ICH_LR_ROW(15),
};

void arm_gicv3_connect_cpu(DeviceState *gic, int n, CPUState *cpu)
{
    GICv3State *s = ARM_GICV3(gic);
    ARMCPU *acpu = ARM_CPU(cpu);

    gicv3_set_cpu(s, n, cpu);
    acpu->env.gicv3_cpuif = &s->cpu[n];
    arm_sysreg_register(acpu, gicv3_icc_rows, G_N_ELEMENTS(gicv3_icc_rows));
    if (acpu->has_el2) {
        arm_sysreg_register(acpu, gicv3_el2_rows, G_N_ELEMENTS(gicv3_el2_rows));
    }
    /* The PE now has a GIC system register interface: say so where
     * software looks (ID_AA64PFR0_EL1.GIC = 1, GICv3 CPU interface). */
    acpu->isar.id_aa64pfr0 = (acpu->isar.id_aa64pfr0 & ~(0xfull << 24)) | (1ull << 24);
    acpu->env.features |= 1ull << ARM_FEATURE_GIC_CPUIF;
}
