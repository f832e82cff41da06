/*
 * sysreg-regs.c — the rows of the AArch64 system register table (see
 * sysreg.h for the mechanism): identification, the VMSA and exception
 * registers of EL1, EL2 and EL3, PSTATE access, FP control, cache
 * maintenance by VA and set/way (no-ops: Turtle has no caches), debug
 * (stored, no effect) and a minimal PMUv3 with a cycle counter.
 *
 * Arm ARM DDI 0487: D19.2 (general system control registers), D19.3
 * (debug), D19.4 (performance monitors), C5.3 (PSTATE access, "Special-
 * purpose registers"), C5.2 (encodings). The generic timer rows are in
 * gtimer.c, TLBI and AT in tlbi.c/mmu-at.c, ICC_* in the GIC.
 *
 * Trap rules implemented here, for guest hypervisors and firmware:
 *   HCR_EL2.TVM/TRVM (EL1 VMSA registers), TID1/TID2/TID3 (ID registers),
 *   TACR (ACTLR_EL1), TSW (DC by set/way); CPTR_EL2/EL3.TCPAC (CPACR_EL1);
 *   MDCR_EL2.TDA (debug registers), MDCR_EL2/EL3.TPM (PMU);
 *   SCTLR_ELx.UMA (DAIF at EL0), UCT (CTR_EL0), UCI (cache ops at EL0),
 *   DZE (DC ZVA); PMUSERENR_EL0 (PMU at EL0).
 * EL2 rows exist only with "has-el2", EL3 rows only with "has-el3"; the
 * *_EL12 aliases and E2H redirection only with FEAT_VHE.
 */
#include "util/osdep.h"
#include "util/log.h"
#include "util/timer.h"
#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "target/arm/sysreg.h"
#include "target/arm/mmu.h"

#define F(field) offsetof(CPUARMState, field)

/* A row whose value lives in a CPUARMState field. */
#define ROWF(nm, o0, o1, crn, crm, o2, fl, fld, ...) \
    { .name = (nm), .key = ARM_SYSREG_KEY(o0, o1, crn, crm, o2), .flags = (fl), \
      .fieldoffset = F(fld), __VA_ARGS__ }
/* A row of functions or a constant. */
#define ROWX(nm, o0, o1, crn, crm, o2, fl, ...) \
    { .name = (nm), .key = ARM_SYSREG_KEY(o0, o1, crn, crm, o2), .flags = (fl), \
      .fieldoffset = -1, __VA_ARGS__ }

#define EL0_RW (SYSREG_EL0_R | SYSREG_EL0_W)

/* ---- Common helpers -------------------------------------------------------- */

/* The EL whose regime a (possibly redirected) banked register belongs to:
 * op1 4 is EL2, 6 EL3, 0/5 (EL1, EL12) EL1. */
static int row_el(CPUARMState *env, const ARMSysReg *r)
{
    int op1 = (r->key >> 11) & 7;

    if ((r->flags & SYSREG_E2H) && arm_is_e2h_at_el2(env)) {
        return 2;
    }
    return op1 == 4 ? 2 : op1 == 6 ? 3 : 1;
}

static uint64_t read_const(CPUARMState *env, const ARMSysReg *r)
{
    return r->resetvalue;
}

static void write_nop(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
}

/* The SCTLR that controls EL0 (EL2's in the host regime). */
static uint64_t sctlr_el0(CPUARMState *env)
{
    return env->sys.sctlr_el[arm_regime_el(env, 0)];
}

/* ---- Access checks ------------------------------------------------------------ */

static ARMSysRegAccess access_tvm_trvm(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    if (arm_current_el(env) == 1 &&
        (arm_hcr_el2_eff(env) & (isread ? HCR_TRVM : HCR_TVM))) {
        return SYSREG_ACCESS_TRAP_EL2;
    }
    return SYSREG_ACCESS_OK;
}

static ARMSysRegAccess access_hcr_bit(CPUARMState *env, uint64_t bit)
{
    int el = arm_current_el(env);

    if (el <= 1 && (arm_hcr_el2_eff(env) & bit) &&
        !(el == 0 && (arm_hcr_el2_eff(env) & HCR_TGE))) {
        return SYSREG_ACCESS_TRAP_EL2;
    }
    return SYSREG_ACCESS_OK;
}

static ARMSysRegAccess access_tid1(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    return access_hcr_bit(env, HCR_TID1);
}

static ARMSysRegAccess access_tid2(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    return access_hcr_bit(env, HCR_TID2);
}

static ARMSysRegAccess access_tid3(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    return access_hcr_bit(env, HCR_TID3);
}

static ARMSysRegAccess access_tacr(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    return access_hcr_bit(env, HCR_TACR);
}

static ARMSysRegAccess access_tsw(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    return access_hcr_bit(env, HCR_TSW);
}

/* CTR_EL0: EL0 needs SCTLR.UCT; HCR_EL2.TID2 traps EL0/EL1. */
static ARMSysRegAccess access_ctr(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    if (arm_current_el(env) == 0 && !(sctlr_el0(env) & SCTLR_UCT)) {
        return SYSREG_ACCESS_TRAP_EL1;
    }
    return access_hcr_bit(env, HCR_TID2);
}

/* DC CVAC/CVAU/CIVAC, IC IVAU at EL0: SCTLR.UCI. */
static ARMSysRegAccess access_uci(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    if (arm_current_el(env) == 0 && !(sctlr_el0(env) & SCTLR_UCI)) {
        return SYSREG_ACCESS_TRAP_EL1;
    }
    return SYSREG_ACCESS_OK;
}

/* DC ZVA: SCTLR.DZE at EL0, HCR_EL2.TDZ. */
static ARMSysRegAccess access_dze(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    if (arm_current_el(env) == 0 && !(sctlr_el0(env) & SCTLR_DZE)) {
        return SYSREG_ACCESS_TRAP_EL1;
    }
    return access_hcr_bit(env, HCR_TDZ);
}

/* DAIF at EL0: SCTLR.UMA. */
static ARMSysRegAccess access_uma(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    if (arm_current_el(env) == 0 && !(sctlr_el0(env) & SCTLR_UMA)) {
        return SYSREG_ACCESS_TRAP_EL1;
    }
    return SYSREG_ACCESS_OK;
}

/* CPACR_EL1: CPTR_EL2.TCPAC (bit 31) from EL1, CPTR_EL3.TCPAC from EL1/2. */
static ARMSysRegAccess access_cpacr(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    int el = arm_current_el(env);

    if (el == 1 && arm_is_el2_enabled(env) && (env->sys.cptr_el[2] & (1ull << 31))) {
        return SYSREG_ACCESS_TRAP_EL2;
    }
    if (el <= 2 && arm_feature(env, ARM_FEATURE_EL3) &&
        (env->sys.cptr_el[3] & (1ull << 31))) {
        return SYSREG_ACCESS_TRAP_EL3;
    }
    return SYSREG_ACCESS_OK;
}

/* SP_EL0 is UNDEFINED while it is the current stack pointer (SPSel = 0). */
static ARMSysRegAccess access_sp_el0(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    return (env->pstate & PSTATE_SP) ? SYSREG_ACCESS_OK : SYSREG_ACCESS_UNDEF;
}

/* *_EL12: only in the host regime (HCR_EL2.E2H = 1). */
static ARMSysRegAccess access_el12(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    return (arm_hcr_el2_eff(env) & HCR_E2H) ? SYSREG_ACCESS_OK : SYSREG_ACCESS_UNDEF;
}

/* Debug registers: MDCR_EL2.TDA (bit 9) traps EL0/EL1. */
static ARMSysRegAccess access_tda(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    if (arm_current_el(env) <= 1 && arm_is_el2_enabled(env) &&
        (env->sys.mdcr_el2 & (1u << 9))) {
        return SYSREG_ACCESS_TRAP_EL2;
    }
    return SYSREG_ACCESS_OK;
}

/* MDCCSR_EL0 at EL0: MDSCR_EL1.TDCC (bit 12) traps. */
static ARMSysRegAccess access_mdccsr(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    if (arm_current_el(env) == 0 && (env->sys.mdscr_el1 & (1u << 12))) {
        return SYSREG_ACCESS_TRAP_EL1;
    }
    return access_tda(env, r, isread);
}

/* PMU: at EL0 one of the PMUSERENR_EL0 bits in opaque must be set (EN,
 * bit 0, allows everything); MDCR_EL2.TPM / MDCR_EL3.TPM (bit 6). */
static ARMSysRegAccess access_pmu(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    int el = arm_current_el(env);

    if (el == 0 && !(env->sys.pmuserenr_el0 & (1u | r->opaque))) {
        return SYSREG_ACCESS_TRAP_EL1;
    }
    if (el <= 1 && arm_is_el2_enabled(env) && (env->sys.mdcr_el2 & (1u << 6))) {
        return SYSREG_ACCESS_TRAP_EL2;
    }
    if (el <= 2 && arm_feature(env, ARM_FEATURE_EL3) && (env->sys.mdcr_el3 & (1u << 6))) {
        return SYSREG_ACCESS_TRAP_EL3;
    }
    return SYSREG_ACCESS_OK;
}

/* ---- Identification -------------------------------------------------------- */

/* MIDR_EL1/MPIDR_EL1 read at EL1 with EL2 enabled give VPIDR_EL2 and
 * VMPIDR_EL2 (D19.2.x). */
static uint64_t read_midr(CPUARMState *env, const ARMSysReg *r)
{
    if (arm_current_el(env) == 1 && arm_is_el2_enabled(env)) {
        return env->sys.vpidr_el2;
    }
    return r->resetvalue;
}

static uint64_t read_mpidr(CPUARMState *env, const ARMSysReg *r)
{
    if (arm_current_el(env) == 1 && arm_is_el2_enabled(env)) {
        return env->sys.vmpidr_el2;
    }
    return r->resetvalue;
}

/* CCSIDR_EL1 of the cache CSSELR_EL1 selects (Level 3:1, InD 0). */
static uint64_t read_ccsidr(CPUARMState *env, const ARMSysReg *r)
{
    ARMCPU *cpu = env_archcpu(env);

    return cpu->isar.ccsidr[env->sys.csselr_el1 & 0xf];
}

static void write_csselr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->sys.csselr_el1 = v & 0xf;
}

/* DCZID_EL0.DZP (bit 4) reads 1 where DC ZVA would trap or is disabled. */
static uint64_t read_dczid(CPUARMState *env, const ARMSysReg *r)
{
    uint64_t v = r->resetvalue;
    int el = arm_current_el(env);

    if ((el == 0 && !(sctlr_el0(env) & SCTLR_DZE)) ||
        (el <= 1 && (arm_hcr_el2_eff(env) & HCR_TDZ))) {
        v |= 0x10;
    }
    return v;
}

/* The AArch32 names of the ID space (op0=3 op1=0 CRn=0 CRm=1..3); they
 * read as zero because no EL supports AArch32. */
static const char *const id_aarch32_names[3][8] = {
    { "ID_PFR0_EL1", "ID_PFR1_EL1", "ID_DFR0_EL1", "ID_AFR0_EL1",
      "ID_MMFR0_EL1", "ID_MMFR1_EL1", "ID_MMFR2_EL1", "ID_MMFR3_EL1" },
    { "ID_ISAR0_EL1", "ID_ISAR1_EL1", "ID_ISAR2_EL1", "ID_ISAR3_EL1",
      "ID_ISAR4_EL1", "ID_ISAR5_EL1", "ID_MMFR4_EL1", "ID_ISAR6_EL1" },
    { "MVFR0_EL1", "MVFR1_EL1", "MVFR2_EL1", NULL,
      "ID_PFR2_EL1", "ID_DFR1_EL1", "ID_MMFR5_EL1", NULL },
};

static const char *const id_aa64_names[4][8] = {
    { "ID_AA64PFR0_EL1", "ID_AA64PFR1_EL1", "ID_AA64PFR2_EL1", NULL,
      "ID_AA64ZFR0_EL1", "ID_AA64SMFR0_EL1", NULL, NULL },
    { "ID_AA64DFR0_EL1", "ID_AA64DFR1_EL1", NULL, NULL,
      "ID_AA64AFR0_EL1", "ID_AA64AFR1_EL1", NULL, NULL },
    { "ID_AA64ISAR0_EL1", "ID_AA64ISAR1_EL1", "ID_AA64ISAR2_EL1", NULL,
      NULL, NULL, NULL, NULL },
    { "ID_AA64MMFR0_EL1", "ID_AA64MMFR1_EL1", "ID_AA64MMFR2_EL1", "ID_AA64MMFR3_EL1",
      "ID_AA64MMFR4_EL1", NULL, NULL, NULL },
};

/* Names of the unallocated encodings: "S3_0_C0_C<m>_<n>" as assemblers
 * write them. */
static char id_unalloc_names[7][8][20];

static uint64_t id_value(const ARMISARegisters *isar, int crm, int op2)
{
    switch (crm << 3 | op2) {
    case 4 << 3 | 0: return isar->id_aa64pfr0;
    case 4 << 3 | 1: return isar->id_aa64pfr1;
    case 4 << 3 | 4: return isar->id_aa64zfr0;
    case 4 << 3 | 5: return isar->id_aa64smfr0;
    case 5 << 3 | 0: return isar->id_aa64dfr0;
    case 5 << 3 | 1: return isar->id_aa64dfr1;
    case 6 << 3 | 0: return isar->id_aa64isar0;
    case 6 << 3 | 1: return isar->id_aa64isar1;
    case 6 << 3 | 2: return isar->id_aa64isar2;
    case 7 << 3 | 0: return isar->id_aa64mmfr0;
    case 7 << 3 | 1: return isar->id_aa64mmfr1;
    case 7 << 3 | 2: return isar->id_aa64mmfr2;
    default: return 0;
    }
}

static void register_id_regs(ARMCPU *cpu)
{
    const ARMISARegisters *isar = &cpu->isar;
    bool el2 = cpu->has_el2;
    ARMSysReg rows[3 + 56 + 5];
    size_t n = 0;

    /* A constant, or with EL2 a read function: HCR_EL2.TIDx may trap it
     * (a SYSREG_CONST row never reaches its access check at run time). */
#define IDROW(nm, crn_, op1_, crm_, op2_, val, acc, rd) \
    rows[n++] = (ARMSysReg){ .name = (nm), \
        .key = ARM_SYSREG_KEY(3, op1_, crn_, crm_, op2_), \
        .flags = SYSREG_EL1 | SYSREG_RO | (el2 ? 0 : SYSREG_CONST), \
        .fieldoffset = -1, .resetvalue = (val), \
        .access = el2 ? (acc) : NULL, .read = el2 ? (rd) : NULL }

    IDROW("MIDR_EL1", 0, 0, 0, 0, isar->midr, NULL, read_midr);
    IDROW("MPIDR_EL1", 0, 0, 0, 5, isar->mpidr, NULL, read_mpidr);
    IDROW("REVIDR_EL1", 0, 0, 0, 6, isar->revidr, access_tid1, read_const);
    for (int crm = 1; crm <= 7; crm++) {
        for (int op2 = 0; op2 < 8; op2++) {
            const char *name = crm <= 3 ? id_aarch32_names[crm - 1][op2]
                                        : id_aa64_names[crm - 4][op2];
            if (!name) {
                char *buf = id_unalloc_names[crm - 1][op2];
                snprintf(buf, sizeof(id_unalloc_names[0][0]), "S3_0_C0_C%d_%d", crm, op2);
                name = buf;
            }
            IDROW(name, 0, 0, crm, op2, id_value(isar, crm, op2), access_tid3, read_const);
        }
    }
    IDROW("CLIDR_EL1", 0, 1, 0, 1, isar->clidr, access_tid2, read_const);
    IDROW("AIDR_EL1", 0, 1, 0, 7, 0, access_tid1, read_const);
#undef IDROW
    /* CTR_EL0 and DCZID_EL0 depend on SCTLR: never constants. */
    rows[n++] = (ARMSysReg)ROWX("CTR_EL0", 3, 3, 0, 0, 1, SYSREG_EL0_R | SYSREG_RO,
                                .resetvalue = isar->ctr, .access = access_ctr,
                                .read = read_const);
    rows[n++] = (ARMSysReg)ROWX("DCZID_EL0", 3, 3, 0, 0, 7, SYSREG_EL0_R | SYSREG_RO,
                                .resetvalue = isar->dczid, .read = read_dczid);
    g_assert(n <= ARRAY_SIZE(rows));
    arm_sysreg_register(cpu, rows, n);

    {
        const ARMSysReg cache[] = {
            ROWX("CCSIDR_EL1", 3, 1, 0, 0, 0, SYSREG_EL1 | SYSREG_RO,
                 .access = access_tid2, .read = read_ccsidr),
            ROWF("CSSELR_EL1", 3, 2, 0, 0, 0, SYSREG_EL1, sys.csselr_el1,
                 .access = access_tid2, .write = write_csselr),
        };
        arm_sysreg_register(cpu, cache, ARRAY_SIZE(cache));
    }
}

/* ---- VMSA and exception registers ---------------------------------------------- */

static void write_sctlr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    ARMCPU *cpu = env_archcpu(env);
    uint64_t *p = arm_sysreg_field_ptr(env, r);
    uint64_t old = *p;

    if (arm_id_field(cpu->isar.id_aa64mmfr0, 8) == 0) {
        v &= ~(SCTLR_EE | SCTLR_E0E);       /* little-endian only */
    }
    if (!isar_feature_aa64_pan(&cpu->isar)) {
        v |= SCTLR_SPAN;                    /* RES1 without FEAT_PAN */
    }
    *p = v;
    if (old != v) {
        arm_mmu_regime_changed(env, row_el(env, r));
    }
}

/* TCR, TTBR0/1, MAIR: any change may change translations of the regime. */
static void write_vmsa(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    uint64_t *p = arm_sysreg_field_ptr(env, r);

    if (*p != v) {
        *p = v;
        arm_mmu_regime_changed(env, row_el(env, r));
    }
}

/* TTBR0/1: a context switch (new ASID or TTBR0 table) keeps global entries. */
static void write_ttbr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    uint64_t *p = arm_sysreg_field_ptr(env, r);
    uint64_t old = *p;

    if (old != v) {
        *p = v;
        arm_mmu_ttbr_changed(env, row_el(env, r), (r->key & 7) == 1, old, v);
    }
}

static void write_vttbr_vtcr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    uint64_t *p = (uint64_t *)((char *)env + r->fieldoffset);

    if (*p != v) {
        *p = v;
        arm_mmu_stage2_changed(env);
    }
}

static void write_hcr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    ARMCPU *cpu = env_archcpu(env);
    uint64_t old = env->sys.hcr_el2;
    /* The v8.0 bits (VM..ID); E2H with FEAT_VHE. RW is RES1: EL1 is
     * AArch64 only. TERR/TEA (RAS), TLOR (LOR), NV (FEAT_NV) are RES0. */
    uint64_t valid = (1ull << 34) - 1;

    if (isar_feature_aa64_vh(&cpu->isar)) {
        valid |= HCR_E2H;
    }
    env->sys.hcr_el2 = (v & valid) | HCR_RW;
    arm_mmu_hcr_changed(env, old);
    arm_cpu_update_interrupts(env);
}

static void write_scr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    uint64_t old = env->sys.scr_el3;

    /* NS IRQ FIQ EA SMD HCE SIF ST TWI TWE; bits 5:4 and RW RES1. */
    env->sys.scr_el3 = (v & 0x3b8full) | 0x30 | SCR_RW;
    arm_mmu_scr_changed(env, old);
    arm_cpu_update_interrupts(env);
}

static uint64_t read_isr(CPUARMState *env, const ARMSysReg *r)
{
    CPUState *cs = env_cpu(env);
    uint32_t req = cs->interrupt_request;
    uint64_t hcr = arm_hcr_el2_eff(env);
    bool guest = arm_current_el(env) <= 1 && !(hcr & HCR_TGE);
    uint64_t v = 0;

    /* ISR_EL1 (D19.2.x): at EL1 of a guest whose hypervisor routes an
     * interrupt class to EL2, the virtual one is reported. */
    if (guest && (hcr & HCR_IMO)) {
        v |= ((req & CPU_INTERRUPT_VIRQ) || (hcr & HCR_VI)) ? 1u << 7 : 0;
    } else {
        v |= (req & CPU_INTERRUPT_HARD) ? 1u << 7 : 0;
    }
    if (guest && (hcr & HCR_FMO)) {
        v |= ((req & CPU_INTERRUPT_VFIQ) || (hcr & HCR_VF)) ? 1u << 6 : 0;
    } else {
        v |= (req & CPU_INTERRUPT_FIQ) ? 1u << 6 : 0;
    }
    if (guest && (hcr & HCR_AMO)) {
        v |= ((req & CPU_INTERRUPT_VSERROR) || (hcr & HCR_VSE)) ? 1u << 8 : 0;
    } else {
        v |= (req & CPU_INTERRUPT_SERROR) ? 1u << 8 : 0;
    }
    return v;
}

/* SP_EL0/1/2: n in opaque. */
static uint64_t read_sp_el(CPUARMState *env, const ARMSysReg *r)
{
    return arm_sp_el_read(env, (int)r->opaque);
}

static void write_sp_el(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    arm_sp_el_write(env, (int)r->opaque, v);
}

/* The EL1 registers that HCR_EL2.TVM/TRVM trap and HCR_EL2.E2H redirects:
 * name, CRn, CRm, op2, field (EL1 copy), field (EL2 copy), write. */
#define EL1_VMSA_ROWS(X) \
    X("SCTLR_EL1", 1, 0, 0, sctlr_el, write_sctlr, SYSREG_REBUILD, SCTLR_EL1_RESET) \
    X("TTBR0_EL1", 2, 0, 0, ttbr0_el, write_ttbr, 0, 0) \
    X("TTBR1_EL1", 2, 0, 1, ttbr1_el, write_ttbr, 0, 0) \
    X("TCR_EL1", 2, 0, 2, tcr_el, write_vmsa, SYSREG_REBUILD, 0) \
    X("AFSR0_EL1", 5, 1, 0, afsr0_el, NULL, 0, 0) \
    X("AFSR1_EL1", 5, 1, 1, afsr1_el, NULL, 0, 0) \
    X("ESR_EL1", 5, 2, 0, esr_el, NULL, 0, 0) \
    X("FAR_EL1", 6, 0, 0, far_el, NULL, 0, 0) \
    X("MAIR_EL1", 10, 2, 0, mair_el, write_vmsa, 0, 0) \
    X("AMAIR_EL1", 10, 3, 0, amair_el, NULL, 0, 0) \
    X("CONTEXTIDR_EL1", 13, 0, 1, contextidr_el, NULL, 0, 0)

/* SCTLR_EL1 resets with its RES1 bits (29, 28, 23, 22, 20, 11) set. */
#define SCTLR_EL1_RESET 0x30d00800ull

#define EL1_VMSA_ROW(nm, crn, crm, op2, arr, wr, fl, rst) \
    ROWF(nm, 3, 0, crn, crm, op2, SYSREG_EL1 | SYSREG_E2H | (fl), sys.arr[1], \
         .resetvalue = (rst), .opaque = F(sys.arr[2]), .access = access_tvm_trvm, \
         .write = (wr)),

static const ARMSysReg el1_rows[] = {
    EL1_VMSA_ROWS(EL1_VMSA_ROW)
    ROWF("ACTLR_EL1", 3, 0, 1, 0, 1, SYSREG_EL1, sys.actlr_el[1], .access = access_tacr),
    ROWF("CPACR_EL1", 3, 0, 1, 0, 2, SYSREG_EL1 | SYSREG_REBUILD | SYSREG_E2H,
         sys.cpacr_el1, .opaque = F(sys.cptr_el[2]), .access = access_cpacr,
         .write = arm_sysreg_write_field),
    ROWF("SPSR_EL1", 3, 0, 4, 0, 0, SYSREG_EL1 | SYSREG_E2H, spsr_el[1],
         .opaque = F(spsr_el[2])),
    ROWF("ELR_EL1", 3, 0, 4, 0, 1, SYSREG_EL1 | SYSREG_E2H, elr_el[1],
         .opaque = F(elr_el[2])),
    ROWX("SP_EL0", 3, 0, 4, 1, 0, SYSREG_EL1, .opaque = 0, .access = access_sp_el0,
         .read = read_sp_el, .write = write_sp_el),
    ROWF("PAR_EL1", 3, 0, 7, 4, 0, SYSREG_EL1, sys.par_el1),
    ROWF("VBAR_EL1", 3, 0, 12, 0, 0, SYSREG_EL1 | SYSREG_E2H, sys.vbar_el[1],
         .opaque = F(sys.vbar_el[2])),
    ROWX("ISR_EL1", 3, 0, 12, 1, 0, SYSREG_EL1 | SYSREG_RO | SYSREG_IO, .read = read_isr),
    ROWF("TPIDR_EL1", 3, 0, 13, 0, 4, SYSREG_EL1, sys.tpidr_el[1]),
    ROWF("TPIDR_EL0", 3, 3, 13, 0, 2, EL0_RW, sys.tpidr_el[0]),
    ROWF("TPIDRRO_EL0", 3, 3, 13, 0, 3, SYSREG_EL0_R, sys.tpidrro_el0),
};

/* The *_EL12 encodings (op1 = 5) of the same EL1 registers, FEAT_VHE. */
#define EL12_VMSA_ROW(nm, crn, crm, op2, arr, wr, fl, rst) \
    ROWF(nm "2", 3, 5, crn, crm, op2, SYSREG_EL2 | SYSREG_ALIAS | (fl), sys.arr[1], \
         .access = access_el12, .write = (wr)),

static const ARMSysReg el12_rows[] = {
    EL1_VMSA_ROWS(EL12_VMSA_ROW)
    ROWF("CPACR_EL12", 3, 5, 1, 0, 2, SYSREG_EL2 | SYSREG_ALIAS | SYSREG_REBUILD,
         sys.cpacr_el1, .access = access_el12, .write = arm_sysreg_write_field),
    ROWF("SPSR_EL12", 3, 5, 4, 0, 0, SYSREG_EL2 | SYSREG_ALIAS, spsr_el[1],
         .access = access_el12),
    ROWF("ELR_EL12", 3, 5, 4, 0, 1, SYSREG_EL2 | SYSREG_ALIAS, elr_el[1],
         .access = access_el12),
    ROWF("VBAR_EL12", 3, 5, 12, 0, 0, SYSREG_EL2 | SYSREG_ALIAS, sys.vbar_el[1],
         .access = access_el12),
};

static const ARMSysReg el2_rows[] = {
    ROWF("VPIDR_EL2", 3, 4, 0, 0, 0, SYSREG_EL2, sys.vpidr_el2),
    ROWF("VMPIDR_EL2", 3, 4, 0, 0, 5, SYSREG_EL2, sys.vmpidr_el2),
    ROWF("SCTLR_EL2", 3, 4, 1, 0, 0, SYSREG_EL2 | SYSREG_REBUILD, sys.sctlr_el[2],
         .resetvalue = 0x30c50830, .write = write_sctlr),
    ROWF("ACTLR_EL2", 3, 4, 1, 0, 1, SYSREG_EL2, sys.actlr_el[2]),
    ROWF("HCR_EL2", 3, 4, 1, 1, 0, SYSREG_EL2 | SYSREG_REBUILD | SYSREG_IO, sys.hcr_el2,
         .resetvalue = HCR_RW, .write = write_hcr),
    ROWF("MDCR_EL2", 3, 4, 1, 1, 1, SYSREG_EL2 | SYSREG_REBUILD, sys.mdcr_el2,
         .write = arm_sysreg_write_field),
    ROWF("CPTR_EL2", 3, 4, 1, 1, 2, SYSREG_EL2 | SYSREG_REBUILD, sys.cptr_el[2],
         .resetvalue = 0x33ff, .write = arm_sysreg_write_field),
    ROWF("HSTR_EL2", 3, 4, 1, 1, 3, SYSREG_EL2, sys.hstr_el2),
    ROWF("HACR_EL2", 3, 4, 1, 1, 7, SYSREG_EL2, sys.hacr_el2),
    ROWF("TTBR0_EL2", 3, 4, 2, 0, 0, SYSREG_EL2, sys.ttbr0_el[2], .write = write_vmsa),
    ROWF("TCR_EL2", 3, 4, 2, 0, 2, SYSREG_EL2 | SYSREG_REBUILD, sys.tcr_el[2],
         .write = write_vmsa),
    ROWF("VTTBR_EL2", 3, 4, 2, 1, 0, SYSREG_EL2, sys.vttbr_el2, .write = write_vttbr_vtcr),
    ROWF("VTCR_EL2", 3, 4, 2, 1, 2, SYSREG_EL2, sys.vtcr_el2, .write = write_vttbr_vtcr),
    ROWF("SPSR_EL2", 3, 4, 4, 0, 0, SYSREG_EL2, spsr_el[2]),
    ROWF("ELR_EL2", 3, 4, 4, 0, 1, SYSREG_EL2, elr_el[2]),
    ROWX("SP_EL1", 3, 4, 4, 1, 0, SYSREG_EL2, .opaque = 1, .read = read_sp_el,
         .write = write_sp_el),
    ROWF("AFSR0_EL2", 3, 4, 5, 1, 0, SYSREG_EL2, sys.afsr0_el[2]),
    ROWF("AFSR1_EL2", 3, 4, 5, 1, 1, SYSREG_EL2, sys.afsr1_el[2]),
    ROWF("ESR_EL2", 3, 4, 5, 2, 0, SYSREG_EL2, sys.esr_el[2]),
    ROWF("FAR_EL2", 3, 4, 6, 0, 0, SYSREG_EL2, sys.far_el[2]),
    ROWF("HPFAR_EL2", 3, 4, 6, 0, 4, SYSREG_EL2, sys.hpfar_el2),
    ROWF("MAIR_EL2", 3, 4, 10, 2, 0, SYSREG_EL2, sys.mair_el[2], .write = write_vmsa),
    ROWF("AMAIR_EL2", 3, 4, 10, 3, 0, SYSREG_EL2, sys.amair_el[2]),
    ROWF("VBAR_EL2", 3, 4, 12, 0, 0, SYSREG_EL2, sys.vbar_el[2]),
    ROWF("TPIDR_EL2", 3, 4, 13, 0, 2, SYSREG_EL2, sys.tpidr_el[2]),
};

/* EL2 registers that exist only with FEAT_VHE. */
static const ARMSysReg el2_vhe_rows[] = {
    ROWF("TTBR1_EL2", 3, 4, 2, 0, 1, SYSREG_EL2, sys.ttbr1_el[2], .write = write_vmsa),
    ROWF("CONTEXTIDR_EL2", 3, 4, 13, 0, 1, SYSREG_EL2, sys.contextidr_el[2]),
};

static const ARMSysReg el3_rows[] = {
    ROWF("SCTLR_EL3", 3, 6, 1, 0, 0, SYSREG_EL3 | SYSREG_REBUILD, sys.sctlr_el[3],
         .resetvalue = 0x30c50830, .write = write_sctlr),
    ROWF("ACTLR_EL3", 3, 6, 1, 0, 1, SYSREG_EL3, sys.actlr_el[3]),
    ROWF("SCR_EL3", 3, 6, 1, 1, 0, SYSREG_EL3 | SYSREG_REBUILD | SYSREG_IO, sys.scr_el3,
         .resetvalue = 0x30 | SCR_RW, .write = write_scr),
    ROWF("CPTR_EL3", 3, 6, 1, 1, 2, SYSREG_EL3 | SYSREG_REBUILD, sys.cptr_el[3],
         .write = arm_sysreg_write_field),
    ROWF("MDCR_EL3", 3, 6, 1, 3, 1, SYSREG_EL3, sys.mdcr_el3),
    ROWF("TTBR0_EL3", 3, 6, 2, 0, 0, SYSREG_EL3, sys.ttbr0_el[3], .write = write_vmsa),
    ROWF("TCR_EL3", 3, 6, 2, 0, 2, SYSREG_EL3 | SYSREG_REBUILD, sys.tcr_el[3],
         .write = write_vmsa),
    ROWF("SPSR_EL3", 3, 6, 4, 0, 0, SYSREG_EL3, spsr_el[3]),
    ROWF("ELR_EL3", 3, 6, 4, 0, 1, SYSREG_EL3, elr_el[3]),
    ROWX("SP_EL2", 3, 6, 4, 1, 0, SYSREG_EL3, .opaque = 2, .read = read_sp_el,
         .write = write_sp_el),
    ROWF("AFSR0_EL3", 3, 6, 5, 1, 0, SYSREG_EL3, sys.afsr0_el[3]),
    ROWF("AFSR1_EL3", 3, 6, 5, 1, 1, SYSREG_EL3, sys.afsr1_el[3]),
    ROWF("ESR_EL3", 3, 6, 5, 2, 0, SYSREG_EL3, sys.esr_el[3]),
    ROWF("FAR_EL3", 3, 6, 6, 0, 0, SYSREG_EL3, sys.far_el[3]),
    ROWF("MAIR_EL3", 3, 6, 10, 2, 0, SYSREG_EL3, sys.mair_el[3], .write = write_vmsa),
    ROWF("AMAIR_EL3", 3, 6, 10, 3, 0, SYSREG_EL3, sys.amair_el[3]),
    ROWF("VBAR_EL3", 3, 6, 12, 0, 0, SYSREG_EL3, sys.vbar_el[3]),
    ROWF("TPIDR_EL3", 3, 6, 13, 0, 2, SYSREG_EL3, sys.tpidr_el[3]),
};

/* ---- PSTATE access (C5.3) ---------------------------------------------------------- */

static uint64_t read_nzcv(CPUARMState *env, const ARMSysReg *r)
{
    return pstate_read(env) & PSTATE_NZCV;
}

static void write_nzcv(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    pstate_write_nzcv(env, (uint32_t)v);
}

/* DAIF, PAN, UAO, DIT, SSBS, SPSel: the PSTATE bits in opaque, in their
 * SPSR positions, which are also their MRS/MSR positions. */
static uint64_t read_pstate_bits(CPUARMState *env, const ARMSysReg *r)
{
    return env->pstate & r->opaque;
}

static void write_pstate_bits(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->pstate = (env->pstate & ~(uint32_t)r->opaque) | ((uint32_t)v & r->opaque);
    arm_cpu_update_interrupts(env);
}

static void write_spsel(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    arm_sp_save(env);
    env->pstate = (env->pstate & ~PSTATE_SP) | ((uint32_t)v & PSTATE_SP);
    arm_sp_restore(env);
}

static uint64_t read_currentel(CPUARMState *env, const ARMSysReg *r)
{
    return (uint64_t)arm_current_el(env) << 2;
}

static uint64_t read_fpcr(CPUARMState *env, const ARMSysReg *r)
{
    return env->fpcr;
}

static void write_fpcr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    /* AHP, DN, FZ, RMode, FZ16 (with FP16); the trap enables are RAZ/WI:
     * Turtle does not trap floating-point exceptions. */
    env->fpcr = (uint32_t)(v & r->opaque);
}

static uint64_t read_fpsr(CPUARMState *env, const ARMSysReg *r)
{
    return env->fpsr;
}

static void write_fpsr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    /* IOC DZC OFC UFC IXC IDC and QC. */
    env->fpsr = (uint32_t)(v & 0x0800009fu);
}

static const ARMSysReg pstate_rows[] = {
    ROWX("NZCV", 3, 3, 4, 2, 0, EL0_RW, .read = read_nzcv, .write = write_nzcv),
    ROWX("DAIF", 3, 3, 4, 2, 1, EL0_RW | SYSREG_IO | SYSREG_REBUILD, .opaque = PSTATE_DAIF,
         .access = access_uma, .read = read_pstate_bits, .write = write_pstate_bits),
    ROWX("SPSel", 3, 0, 4, 2, 0, SYSREG_EL1 | SYSREG_REBUILD, .opaque = PSTATE_SP,
         .read = read_pstate_bits, .write = write_spsel),
    ROWX("CurrentEL", 3, 0, 4, 2, 2, SYSREG_EL1 | SYSREG_RO, .read = read_currentel),
    ROWX("FPSR", 3, 3, 4, 4, 1, EL0_RW | SYSREG_FP, .read = read_fpsr, .write = write_fpsr),
};

static const ARMSysReg pstate_pan_row[] = {
    ROWX("PAN", 3, 0, 4, 2, 3, SYSREG_EL1 | SYSREG_REBUILD, .opaque = PSTATE_PAN,
         .read = read_pstate_bits, .write = write_pstate_bits),
};
static const ARMSysReg pstate_uao_row[] = {
    ROWX("UAO", 3, 0, 4, 2, 4, SYSREG_EL1 | SYSREG_REBUILD, .opaque = PSTATE_UAO,
         .read = read_pstate_bits, .write = write_pstate_bits),
};
static const ARMSysReg pstate_dit_row[] = {
    ROWX("DIT", 3, 3, 4, 2, 5, EL0_RW, .opaque = PSTATE_DIT,
         .read = read_pstate_bits, .write = write_pstate_bits),
};
static const ARMSysReg pstate_ssbs_row[] = {
    ROWX("SSBS", 3, 3, 4, 2, 6, EL0_RW, .opaque = PSTATE_SSBS,
         .read = read_pstate_bits, .write = write_pstate_bits),
};

/* ---- Cache maintenance (C5.3.x DC, IC) -------------------------------------------- */

/* Turtle has no caches, and writes to code invalidate its translations:
 * every maintenance operation only checks its access rules. */
static const ARMSysReg cache_rows[] = {
    ROWX("IC IALLUIS", 1, 0, 7, 1, 0, SYSREG_EL1 | SYSREG_WO | SYSREG_NOP | SYSREG_INSN),
    ROWX("IC IALLU", 1, 0, 7, 5, 0, SYSREG_EL1 | SYSREG_WO | SYSREG_NOP | SYSREG_INSN),
    ROWX("IC IVAU", 1, 3, 7, 5, 1, SYSREG_EL0_W | SYSREG_WO | SYSREG_INSN,
         .access = access_uci, .write = write_nop),
    ROWX("DC IVAC", 1, 0, 7, 6, 1, SYSREG_EL1 | SYSREG_WO | SYSREG_NOP | SYSREG_INSN),
    ROWX("DC ISW", 1, 0, 7, 6, 2, SYSREG_EL1 | SYSREG_WO | SYSREG_INSN,
         .access = access_tsw, .write = write_nop),
    ROWX("DC CSW", 1, 0, 7, 10, 2, SYSREG_EL1 | SYSREG_WO | SYSREG_INSN,
         .access = access_tsw, .write = write_nop),
    ROWX("DC CISW", 1, 0, 7, 14, 2, SYSREG_EL1 | SYSREG_WO | SYSREG_INSN,
         .access = access_tsw, .write = write_nop),
    ROWX("DC CVAC", 1, 3, 7, 10, 1, SYSREG_EL0_W | SYSREG_WO | SYSREG_INSN,
         .access = access_uci, .write = write_nop),
    ROWX("DC CVAU", 1, 3, 7, 11, 1, SYSREG_EL0_W | SYSREG_WO | SYSREG_INSN,
         .access = access_uci, .write = write_nop),
    ROWX("DC CIVAC", 1, 3, 7, 14, 1, SYSREG_EL0_W | SYSREG_WO | SYSREG_INSN,
         .access = access_uci, .write = write_nop),
    /* The translator zeroes the block itself (helper_a64_dc_zva); the row
     * gives the access rule to anyone who asks. */
    ROWX("DC ZVA", 1, 3, 7, 4, 1, SYSREG_EL0_W | SYSREG_WO | SYSREG_INSN,
         .access = access_dze, .write = write_nop),
};

/* ---- Debug (D19.3): stored, no effect ------------------------------------------------- */

static void write_oslar(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    /* OSLAR_EL1.OSLK sets OSLSR_EL1.OSLK (bit 1). */
    env->sys.oslsr_el1 = (env->sys.oslsr_el1 & ~2ull) | ((v & 1) << 1);
}

static void write_dbgclaimset(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->sys.dbgclaim |= v & 0xff;
}

static void write_dbgclaimclr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->sys.dbgclaim &= ~(v & 0xff);
}

static const ARMSysReg debug_rows[] = {
    ROWF("MDSCR_EL1", 2, 0, 0, 2, 2, SYSREG_EL1 | SYSREG_REBUILD, sys.mdscr_el1,
         .access = access_tda, .write = arm_sysreg_write_field),
    ROWF("MDCCINT_EL1", 2, 0, 0, 2, 0, SYSREG_EL1, sys.mdccint_el1, .access = access_tda),
    /* The debug communication channel has no external debugger: RAZ/WI. */
    ROWX("OSDTRRX_EL1", 2, 0, 0, 0, 2, SYSREG_EL1, .access = access_tda,
         .read = read_const, .write = write_nop),
    ROWX("OSDTRTX_EL1", 2, 0, 0, 3, 2, SYSREG_EL1, .access = access_tda,
         .read = read_const, .write = write_nop),
    ROWF("OSECCR_EL1", 2, 0, 0, 6, 2, SYSREG_EL1, sys.oseccr_el1, .access = access_tda),
    ROWX("MDRAR_EL1", 2, 0, 1, 0, 0, SYSREG_EL1 | SYSREG_RO | SYSREG_CONST),
    ROWX("OSLAR_EL1", 2, 0, 1, 0, 4, SYSREG_EL1 | SYSREG_WO, .access = access_tda,
         .write = write_oslar),
    /* OSLM = 0b10 (OS lock implemented), OSLK = 1: locked at reset. */
    ROWF("OSLSR_EL1", 2, 0, 1, 1, 4, SYSREG_EL1 | SYSREG_RO, sys.oslsr_el1,
         .resetvalue = 0xa, .access = access_tda),
    ROWF("OSDLR_EL1", 2, 0, 1, 3, 4, SYSREG_EL1, sys.osdlr_el1, .access = access_tda),
    /* No power-down control: RAZ/WI. */
    ROWX("DBGPRCR_EL1", 2, 0, 1, 4, 4, SYSREG_EL1, .access = access_tda, .read = read_const,
         .write = write_nop),
    ROWX("DBGCLAIMSET_EL1", 2, 0, 7, 8, 6, SYSREG_EL1, .resetvalue = 0xff,
         .access = access_tda, .read = read_const, .write = write_dbgclaimset),
    ROWF("DBGCLAIMCLR_EL1", 2, 0, 7, 9, 6, SYSREG_EL1, sys.dbgclaim,
         .access = access_tda, .write = write_dbgclaimclr),
    /* Non-secure invasive and non-invasive debug implemented and enabled. */
    ROWX("DBGAUTHSTATUS_EL1", 2, 0, 7, 14, 6, SYSREG_EL1 | SYSREG_RO | SYSREG_CONST,
         .resetvalue = 0xf),
    ROWX("MDCCSR_EL0", 2, 3, 0, 1, 0, SYSREG_EL0_R | SYSREG_RO, .access = access_mdccsr,
         .read = read_const),
};

static void register_debug(ARMCPU *cpu)
{
    int brps = arm_id_field(cpu->isar.id_aa64dfr0, 12) + 1;
    int wrps = arm_id_field(cpu->isar.id_aa64dfr0, 20) + 1;
    static const char *const bnames[4] = { "DBGBVR%d_EL1", "DBGBCR%d_EL1",
                                           "DBGWVR%d_EL1", "DBGWCR%d_EL1" };
    static char names[4][16][16];
    ARMSysReg rows[64];
    size_t n = 0;

    arm_sysreg_register(cpu, debug_rows, ARRAY_SIZE(debug_rows));
    /* Breakpoint and watchpoint registers (op2 4..7, CRm = index): stored
     * so that the guest reads back what it wrote; they never fire. */
    for (int kind = 0; kind < 4; kind++) {
        int count = kind < 2 ? brps : wrps;
        for (int i = 0; i < count && i < 16; i++) {
            ptrdiff_t off = kind == 0 ? F(sys.dbgbvr[i]) : kind == 1 ? F(sys.dbgbcr[i]) :
                            kind == 2 ? F(sys.dbgwvr[i]) : F(sys.dbgwcr[i]);
            snprintf(names[kind][i], sizeof(names[kind][i]), bnames[kind], i);
            rows[n++] = (ARMSysReg){ .name = names[kind][i],
                                     .key = ARM_SYSREG_KEY(2, 0, 0, i, 4 + kind),
                                     .flags = SYSREG_EL1, .fieldoffset = off,
                                     .access = access_tda };
        }
    }
    arm_sysreg_register(cpu, rows, n);
}

/* ---- PMUv3 with a cycle counter (D19.4) --------------------------------------------- */

#define PMCR_E  (1u << 0)
#define PMCR_C  (1u << 2)
#define PMCR_D  (1u << 3)
#define PMCR_WRITABLE 0x79u         /* E, D, X, DP, LC */
#define PMU_CYCLE_BIT (1u << 31)

static bool pmu_counting(CPUARMState *env)
{
    return (env->sys.pmcr_el0 & PMCR_E) && (env->sys.pmcntenset & PMU_CYCLE_BIT);
}

uint64_t arm_pmu_cycles(CPUARMState *env)
{
    int64_t delta;

    if (!pmu_counting(env)) {
        return env->sys.pmccntr_el0;
    }
    /* One cycle per nanosecond of virtual time (a 1 GHz CPU). */
    delta = clock_get_ns(CLOCK_VIRTUAL) - env->sys.pmccntr_ns;
    if (delta < 0) {
        delta = 0;
    }
    if (env->sys.pmcr_el0 & PMCR_D) {
        delta /= 64;
    }
    return env->sys.pmccntr_el0 + (uint64_t)delta;
}

/* Folds the elapsed cycles into pmccntr_el0 before a change of counting. */
static void pmu_sync(CPUARMState *env)
{
    env->sys.pmccntr_el0 = arm_pmu_cycles(env);
    env->sys.pmccntr_ns = clock_get_ns(CLOCK_VIRTUAL);
}

static uint64_t read_pmcr(CPUARMState *env, const ARMSysReg *r)
{
    /* IMP (31:24) from the model, N (15:11) = 0 event counters. */
    return (r->resetvalue & 0xff000000u) | (env->sys.pmcr_el0 & PMCR_WRITABLE);
}

static void write_pmcr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    pmu_sync(env);
    if (v & PMCR_C) {
        env->sys.pmccntr_el0 = 0;
    }
    env->sys.pmcr_el0 = (env->sys.pmcr_el0 & ~(uint64_t)PMCR_WRITABLE) | (v & PMCR_WRITABLE);
}

static uint64_t read_pmccntr(CPUARMState *env, const ARMSysReg *r)
{
    return arm_pmu_cycles(env);
}

static void write_pmccntr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->sys.pmccntr_el0 = v;
    env->sys.pmccntr_ns = clock_get_ns(CLOCK_VIRTUAL);
}

/* PMCNTENSET/CLR, PMOVSSET/CLR, PMINTENSET/CLR: the set/clear pairs of
 * one mask (only the cycle counter bit exists); opaque: 1 = clear (bit 0
 * is also PMUSERENR_EL0.EN for access_pmu, which always allows EN). */
static uint64_t *pmu_mask_ptr(CPUARMState *env, const ARMSysReg *r)
{
    return (uint64_t *)((char *)env + r->fieldoffset);
}

static void write_pmu_mask(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    uint64_t *p = pmu_mask_ptr(env, r);

    pmu_sync(env);
    if (r->opaque & 1) {
        *p &= ~(v & PMU_CYCLE_BIT);
    } else {
        *p |= v & PMU_CYCLE_BIT;
    }
}

static void write_pmselr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->sys.pmselr_el0 = v & 0x1f;
}

static void write_pmccfiltr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    /* P, U, NSK, NSU, NSH, M: stored; the counter ignores the filter. */
    env->sys.pmccfiltr_el0 = v & 0xfc000000u;
}

/* PMXEVTYPER_EL0 with PMSELR.SEL = 31 is PMCCFILTR_EL0; other selectors
 * name event counters that do not exist (N = 0): RAZ/WI. */
static uint64_t read_pmxevtyper(CPUARMState *env, const ARMSysReg *r)
{
    return (env->sys.pmselr_el0 & 0x1f) == 31 ? env->sys.pmccfiltr_el0 : 0;
}

static void write_pmxevtyper(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    if ((env->sys.pmselr_el0 & 0x1f) == 31) {
        write_pmccfiltr(env, r, v);
    }
}

static void write_pmuserenr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->sys.pmuserenr_el0 = v & 0xf;
}

/* PMUSERENR_EL0 bits: EN 0, SW 1, CR 2, ER 3 (access_pmu's opaque). */
#define PMU_EN 0x1
#define PMU_SW 0x2
#define PMU_CR 0x4
#define PMU_ER 0x8

static void register_pmu(ARMCPU *cpu)
{
    /* IMP: the MIDR implementer. */
    uint64_t imp = (cpu->isar.midr >> 24) << 24;
    const ARMSysReg rows[] = {
        ROWF("PMCR_EL0", 3, 3, 9, 12, 0, EL0_RW, sys.pmcr_el0, .resetvalue = imp,
             .opaque = PMU_EN, .access = access_pmu, .read = read_pmcr, .write = write_pmcr),
        ROWF("PMCNTENSET_EL0", 3, 3, 9, 12, 1, EL0_RW, sys.pmcntenset, .opaque = 0,
             .access = access_pmu, .write = write_pmu_mask),
        ROWF("PMCNTENCLR_EL0", 3, 3, 9, 12, 2, EL0_RW | SYSREG_ALIAS, sys.pmcntenset,
             .opaque = 1, .access = access_pmu, .write = write_pmu_mask),
        ROWF("PMOVSCLR_EL0", 3, 3, 9, 12, 3, EL0_RW | SYSREG_ALIAS, sys.pmovsset,
             .opaque = 1, .access = access_pmu, .write = write_pmu_mask),
        ROWX("PMSWINC_EL0", 3, 3, 9, 12, 4, SYSREG_EL0_W | SYSREG_WO, .opaque = PMU_SW,
             .access = access_pmu, .write = write_nop),
        ROWF("PMSELR_EL0", 3, 3, 9, 12, 5, EL0_RW, sys.pmselr_el0, .opaque = PMU_ER,
             .access = access_pmu, .write = write_pmselr),
        /* Common events: only CPU_CYCLES (0x11). */
        ROWX("PMCEID0_EL0", 3, 3, 9, 12, 6, SYSREG_EL0_R | SYSREG_RO,
             .resetvalue = 1u << 0x11, .opaque = PMU_EN, .access = access_pmu,
             .read = read_const),
        ROWX("PMCEID1_EL0", 3, 3, 9, 12, 7, SYSREG_EL0_R | SYSREG_RO, .opaque = PMU_EN,
             .access = access_pmu, .read = read_const),
        ROWX("PMCCNTR_EL0", 3, 3, 9, 13, 0, EL0_RW | SYSREG_IO, .opaque = PMU_CR,
             .access = access_pmu, .read = read_pmccntr, .write = write_pmccntr),
        ROWX("PMXEVTYPER_EL0", 3, 3, 9, 13, 1, EL0_RW, .opaque = PMU_EN,
             .access = access_pmu, .read = read_pmxevtyper, .write = write_pmxevtyper),
        ROWX("PMXEVCNTR_EL0", 3, 3, 9, 13, 2, EL0_RW, .opaque = PMU_ER,
             .access = access_pmu, .read = read_const, .write = write_nop),
        /* Readable at EL0 whatever its own value says. */
        ROWF("PMUSERENR_EL0", 3, 3, 9, 14, 0, SYSREG_EL0_R, sys.pmuserenr_el0,
             .write = write_pmuserenr),
        ROWF("PMOVSSET_EL0", 3, 3, 9, 14, 3, EL0_RW, sys.pmovsset, .opaque = 0,
             .access = access_pmu, .write = write_pmu_mask),
        ROWF("PMINTENSET_EL1", 3, 0, 9, 14, 1, SYSREG_EL1, sys.pmintenset,
             .opaque = 0, .access = access_pmu, .write = write_pmu_mask),
        ROWF("PMINTENCLR_EL1", 3, 0, 9, 14, 2, SYSREG_EL1 | SYSREG_ALIAS, sys.pmintenset,
             .opaque = 1, .access = access_pmu, .write = write_pmu_mask),
        ROWF("PMCCFILTR_EL0", 3, 3, 14, 15, 7, EL0_RW, sys.pmccfiltr_el0, .opaque = PMU_EN,
             .access = access_pmu, .write = write_pmccfiltr),
    };
    arm_sysreg_register(cpu, rows, ARRAY_SIZE(rows));
}

/* ---- Registration ---------------------------------------------------------------------- */

void arm_sysreg_register_cpu(ARMCPU *cpu)
{
    const ARMISARegisters *isar = &cpu->isar;
    uint32_t fpcr_mask = 0x07c00000u | (isar_feature_aa64_fp16(isar) ? 1u << 19 : 0);
    ARMSysReg fpcr[] = {
        ROWX("FPCR", 3, 3, 4, 4, 0, EL0_RW | SYSREG_FP, .opaque = fpcr_mask,
             .read = read_fpcr, .write = write_fpcr),
    };

    register_id_regs(cpu);
    arm_sysreg_register(cpu, el1_rows, ARRAY_SIZE(el1_rows));
    arm_sysreg_register(cpu, pstate_rows, ARRAY_SIZE(pstate_rows));
    arm_sysreg_register(cpu, fpcr, ARRAY_SIZE(fpcr));
    if (isar_feature_aa64_pan(isar)) {
        arm_sysreg_register(cpu, pstate_pan_row, 1);
    }
    if (isar_feature_aa64_uao(isar)) {
        arm_sysreg_register(cpu, pstate_uao_row, 1);
    }
    if (isar_feature_aa64_dit(isar)) {
        arm_sysreg_register(cpu, pstate_dit_row, 1);
    }
    if (arm_id_field(isar->id_aa64pfr1, 4) >= 2) {
        /* The SSBS register is FEAT_SSBS2; FEAT_SSBS has only MSR imm. */
        arm_sysreg_register(cpu, pstate_ssbs_row, 1);
    }
    arm_sysreg_register(cpu, cache_rows, ARRAY_SIZE(cache_rows));
    register_debug(cpu);
    if (isar_feature_aa64_pmu(isar)) {
        register_pmu(cpu);
    }
    if (cpu->has_el2) {
        ARMSysReg ids[2] = { el2_rows[0], el2_rows[1] };

        ids[0].resetvalue = isar->midr;
        ids[1].resetvalue = isar->mpidr;
        arm_sysreg_register(cpu, el2_rows, ARRAY_SIZE(el2_rows));
        arm_sysreg_register(cpu, ids, 2);
        if (isar_feature_aa64_vh(isar)) {
            arm_sysreg_register(cpu, el2_vhe_rows, ARRAY_SIZE(el2_vhe_rows));
            arm_sysreg_register(cpu, el12_rows, ARRAY_SIZE(el12_rows));
        }
    }
    if (cpu->has_el3) {
        arm_sysreg_register(cpu, el3_rows, ARRAY_SIZE(el3_rows));
    }
}
