/*
 * test-arm-sysreg.c — the system register table: lookup, the static and
 * run-time access checks with the syndromes of the traps they raise, the
 * ID registers of each CPU model, banking and redirection (SP_ELx, E2H),
 * the PMU cycle counter, and the dump.
 */
#include "arm-test.h"
#include "util/timer.h"

#define K ARM_SYSREG_KEY
#define KEY_SCTLR_EL1    K(3, 0, 1, 0, 0)
#define KEY_SCTLR_EL12   K(3, 5, 1, 0, 0)
#define KEY_HCR_EL2      K(3, 4, 1, 1, 0)
#define KEY_VPIDR_EL2    K(3, 4, 0, 0, 0)
#define KEY_MIDR         K(3, 0, 0, 0, 0)
#define KEY_MPIDR        K(3, 0, 0, 0, 5)
#define KEY_PFR0         K(3, 0, 0, 4, 0)
#define KEY_PFR1         K(3, 0, 0, 4, 1)
#define KEY_DFR0         K(3, 0, 0, 5, 0)
#define KEY_ISAR0        K(3, 0, 0, 6, 0)
#define KEY_ISAR1        K(3, 0, 0, 6, 1)
#define KEY_MMFR0        K(3, 0, 0, 7, 0)
#define KEY_MMFR1        K(3, 0, 0, 7, 1)
#define KEY_MMFR2        K(3, 0, 0, 7, 2)
#define KEY_ID_UNALLOC   K(3, 0, 0, 3, 3)
#define KEY_CTR          K(3, 3, 0, 0, 1)
#define KEY_DCZID        K(3, 3, 0, 0, 7)
#define KEY_CNTFRQ       K(3, 3, 14, 0, 0)
#define KEY_CNTVCT       K(3, 3, 14, 0, 2)
#define KEY_CNTKCTL      K(3, 0, 14, 1, 0)
#define KEY_DAIF         K(3, 3, 4, 2, 1)
#define KEY_SP_EL0       K(3, 0, 4, 1, 0)
#define KEY_SPSEL        K(3, 0, 4, 2, 0)
#define KEY_CURRENTEL    K(3, 0, 4, 2, 2)
#define KEY_TPIDRRO      K(3, 3, 13, 0, 3)
#define KEY_OSLAR        K(2, 0, 1, 0, 4)
#define KEY_OSLSR        K(2, 0, 1, 1, 4)
#define KEY_PMCR         K(3, 3, 9, 12, 0)
#define KEY_PMCNTENSET   K(3, 3, 9, 12, 1)
#define KEY_PMCNTENCLR   K(3, 3, 9, 12, 2)
#define KEY_PMCCNTR      K(3, 3, 9, 13, 0)
#define KEY_PMUSERENR    K(3, 3, 9, 14, 0)

static uint64_t mrs_ok(ARMCPU *cpu, uint32_t key)
{
    uint64_t v = 0;

    g_assert_cmpint(arm_test_mrs(cpu, key, &v), ==, -1);
    return v;
}

static void msr_ok(ARMCPU *cpu, uint32_t key, uint64_t v)
{
    g_assert_cmpint(arm_test_msr(cpu, key, v), ==, -1);
}

static void test_lookup(void)
{
    ARMCPU *cpu = arm_test_cpu_new("max", NULL, 0);
    const ARMSysReg *r = arm_sysreg_find(cpu, KEY_SCTLR_EL1);

    g_assert_nonnull(r);
    g_assert_cmpstr(r->name, ==, "SCTLR_EL1");
    g_assert_true(arm_sysreg_find_by_name(cpu, "sctlr_el1") == r);
    g_assert_null(arm_sysreg_find(cpu, K(3, 0, 15, 15, 7)));
    /* No EL2 on this CPU: its registers do not exist. */
    g_assert_null(arm_sysreg_find(cpu, KEY_HCR_EL2));
    /* The MMU's rows were asked for. */
    g_assert_cmpint(arm_test_stubs.mmu_rows_registered, >, 0);
    arm_test_cpu_free(cpu);
}

static void test_static_access(void)
{
    ARMCPU *cpu = arm_test_cpu_new("max", "has-el2=on", 0);
    const ARMSysReg *sctlr = arm_sysreg_find(cpu, KEY_SCTLR_EL1);
    const ARMSysReg *cur = arm_sysreg_find(cpu, KEY_CURRENTEL);
    const ARMSysReg *ro = arm_sysreg_find(cpu, KEY_TPIDRRO);
    const ARMSysReg *hcr = arm_sysreg_find(cpu, KEY_HCR_EL2);
    const ARMSysReg *oslar = arm_sysreg_find(cpu, KEY_OSLAR);

    g_assert_cmpint(arm_sysreg_static_access(sctlr, 0, true), ==, SYSREG_ACCESS_UNDEF);
    g_assert_cmpint(arm_sysreg_static_access(sctlr, 1, true), ==, SYSREG_ACCESS_OK);
    g_assert_cmpint(arm_sysreg_static_access(cur, 1, false), ==, SYSREG_ACCESS_UNDEF);
    g_assert_cmpint(arm_sysreg_static_access(ro, 0, true), ==, SYSREG_ACCESS_OK);
    g_assert_cmpint(arm_sysreg_static_access(ro, 0, false), ==, SYSREG_ACCESS_UNDEF);
    g_assert_cmpint(arm_sysreg_static_access(ro, 1, false), ==, SYSREG_ACCESS_OK);
    g_assert_cmpint(arm_sysreg_static_access(hcr, 1, true), ==, SYSREG_ACCESS_UNDEF);
    g_assert_cmpint(arm_sysreg_static_access(hcr, 2, true), ==, SYSREG_ACCESS_OK);
    g_assert_cmpint(arm_sysreg_static_access(oslar, 1, true), ==, SYSREG_ACCESS_UNDEF);
    arm_test_cpu_free(cpu);
}

/* An EL1 register from EL0: UNDEFINED, unknown-reason syndrome, to EL1. */
static void test_el1_reg_from_el0(void)
{
    ARMCPU *cpu = arm_test_cpu_new("max", NULL, 0);
    CPUARMState *env = &cpu->env;

    arm_test_set_el(cpu, 0, false, false);
    g_assert_cmpint(arm_test_mrs(cpu, KEY_SCTLR_EL1, NULL), ==, EXCP_UDEF);
    g_assert_cmphex(env->exception.syndrome, ==, 0x02000000);
    g_assert_cmpint(env->exception.target_el, ==, 1);
    /* ID registers too (Linux emulates them from the UNDEF). */
    g_assert_cmpint(arm_test_mrs(cpu, KEY_ISAR0, NULL), ==, EXCP_UDEF);
    arm_test_cpu_free(cpu);
}

/* CNTVCT_EL0 from EL0: trapped to EL1 with the MRS syndrome unless
 * CNTKCTL_EL1.EL0VCTEN; with it, the virtual count. */
static void test_cntvct_el0(void)
{
    ARMCPU *cpu = arm_test_cpu_new("max", NULL, 0);
    CPUARMState *env = &cpu->env;
    uint64_t v, expect;

    clock_virtual_pause();
    arm_test_set_el(cpu, 0, false, false);
    g_assert_cmpint(arm_test_mrs(cpu, KEY_CNTVCT, NULL), ==, EXCP_UDEF);
    /* EC 0x18, IL, op0 3, op2 2, op1 3, CRn 14, Rt 5, CRm 0, read. */
    g_assert_cmphex(env->exception.syndrome, ==, 0x6234f8a1);
    g_assert_cmphex(arm_test_syn(KEY_CNTVCT, true), ==, 0x6234f8a1);
    g_assert_cmpint(env->exception.target_el, ==, 1);

    arm_test_set_el(cpu, 1, true, false);
    msr_ok(cpu, KEY_CNTKCTL, CNTKCTL_EL0VCTEN);
    arm_test_set_el(cpu, 0, false, false);
    v = mrs_ok(cpu, KEY_CNTVCT);
    expect = (uint64_t)clock_get_ns(CLOCK_VIRTUAL) / 16;       /* 62.5 MHz */
    g_assert_cmpuint(v, ==, expect);
    /* CNTFRQ_EL0 is readable from EL0 with either EL0 counter enable. */
    g_assert_cmpuint(mrs_ok(cpu, KEY_CNTFRQ), ==, 62500000);
    /* ... and writable only at the highest EL. */
    g_assert_cmpint(arm_test_msr(cpu, KEY_CNTFRQ, 1), ==, EXCP_UDEF);
    clock_virtual_resume();
    arm_test_cpu_free(cpu);
}

/* With HCR_EL2.TGE, the EL0 trap goes to EL2. */
static void test_el0_trap_tge(void)
{
    ARMCPU *cpu = arm_test_cpu_new("max", "has-el2=on", 0);
    CPUARMState *env = &cpu->env;

    env->sys.hcr_el2 = HCR_RW | HCR_TGE;
    arm_test_set_el(cpu, 0, false, false);
    g_assert_cmpint(arm_test_mrs(cpu, KEY_CNTVCT, NULL), ==, EXCP_UDEF);
    g_assert_cmpint(env->exception.target_el, ==, 2);
    g_assert_cmphex(env->exception.syndrome, ==, 0x6234f8a1);
    arm_test_cpu_free(cpu);
}

/* DAIF from EL0: SCTLR_EL1.UMA. */
static void test_daif_uma(void)
{
    ARMCPU *cpu = arm_test_cpu_new("max", NULL, 0);
    CPUARMState *env = &cpu->env;

    env->sys.sctlr_el[1] &= ~SCTLR_UMA;
    arm_test_set_el(cpu, 0, false, false);
    g_assert_cmpint(arm_test_msr(cpu, KEY_DAIF, PSTATE_I), ==, EXCP_UDEF);
    g_assert_cmphex(env->exception.syndrome, ==, arm_test_syn(KEY_DAIF, false));
    g_assert_cmphex(syn_get_ec(env->exception.syndrome), ==, ARM_EC_SYSTEM_REG);
    env->sys.sctlr_el[1] |= SCTLR_UMA;
    msr_ok(cpu, KEY_DAIF, PSTATE_I | PSTATE_F);
    g_assert_cmphex(env->pstate & PSTATE_DAIF, ==, PSTATE_I | PSTATE_F);
    g_assert_cmphex(mrs_ok(cpu, KEY_DAIF), ==, PSTATE_I | PSTATE_F);
    arm_test_cpu_free(cpu);
}

static void test_id_regs_models(void)
{
    ARMCPU *a57 = arm_test_cpu_new("cortex-a57", NULL, 0);
    ARMCPU *a72 = arm_test_cpu_new("cortex-a72", "has-el2=on,has-el3=on", 1);
    ARMCPU *max = arm_test_cpu_new("max", NULL, 2);

    g_assert_cmpint(arm_current_el(&a72->env), ==, 3);

    g_assert_cmphex(mrs_ok(a57, KEY_MIDR), ==, 0x411fd073);
    g_assert_cmphex(mrs_ok(a57, KEY_PFR0), ==, 0x01000011);
    g_assert_cmphex(mrs_ok(a57, KEY_ISAR0), ==, 0x00011120);
    g_assert_cmphex(mrs_ok(a57, KEY_MMFR0), ==, 0x00001124);
    g_assert_cmphex(mrs_ok(a57, KEY_DFR0), ==, 0x10305106);
    g_assert_cmphex(mrs_ok(a57, KEY_CTR), ==, 0x8444c004);
    g_assert_cmphex(mrs_ok(a57, KEY_MPIDR), ==, 0x80000000);
    g_assert_cmphex(mrs_ok(a57, KEY_ID_UNALLOC), ==, 0);
    g_assert_false(isar_feature_aa64_atomics(&a57->isar));
    g_assert_false(isar_feature_aa64_pan(&a57->isar));
    g_assert_true(isar_feature_aa64_crc32(&a57->isar));
    g_assert_true(isar_feature_aa64_pmull(&a57->isar));
    g_assert_true(isar_feature_aa64_pmu(&a57->isar));

    g_assert_cmphex(mrs_ok(a72, KEY_MIDR), ==, 0x410fd083);
    g_assert_cmphex(mrs_ok(a72, KEY_PFR0), ==, 0x01001111);
    g_assert_cmphex(mrs_ok(a72, KEY_MPIDR), ==, 0x80000001);

    /* TLB 2, TS 2 (FlagM2), DP, SHA3, RDM, Atomic 2, CRC32, SHA2 2 (SHA512),
     * SHA1, AES 2. */
    g_assert_cmphex(mrs_ok(max, KEY_ISAR0), ==, 0x0220100110212120ull);
    /* XS, SB, FRINTTS, LRCPC 2, JSCVT. */
    g_assert_cmphex(mrs_ok(max, KEY_ISAR1), ==, 0x0100001100201000ull);
    /* CSV3, CSV2, DIT, GIC, AdvSIMD and FP with FP16, EL1, EL0. */
    g_assert_cmphex(mrs_ok(max, KEY_PFR0), ==, 0x1101000001110011ull);
    /* TGran16 1, SNSMem, ASIDBits 16, PARange 52 bits. */
    g_assert_cmphex(mrs_ok(max, KEY_MMFR0), ==, 0x00101026);
    /* ECBHB, XNX, PAN 2, HPDS, HAFDBS 2; VH only with EL2 (below). */
    g_assert_cmphex(mrs_ok(max, KEY_MMFR1), ==, 0x1000000010201002ull);
    g_assert_cmphex(mrs_ok(max, KEY_PFR1), ==, 0x20);
    g_assert_true(isar_feature_aa64_ssbs(&max->isar));
    /* E0PD, ST, VARange 52 bits, UAO. */
    g_assert_cmphex(mrs_ok(max, KEY_MMFR2), ==, 0x1000000010010010ull);
    g_assert_cmphex(mrs_ok(max, KEY_CTR), ==, 0xb444c004);
    g_assert_cmphex(mrs_ok(max, KEY_MPIDR), ==, 0x80000002);
    g_assert_true(isar_feature_aa64_atomics(&max->isar));
    g_assert_true(isar_feature_aa64_pan(&max->isar));
    g_assert_true(isar_feature_aa64_uao(&max->isar));
    g_assert_true(isar_feature_aa64_sha256(&max->isar));
    g_assert_true(isar_feature_aa64_sha512(&max->isar));
    g_assert_true(isar_feature_aa64_sha3(&max->isar));
    g_assert_true(isar_feature_aa64_fp16(&max->isar));
    g_assert_true(isar_feature_aa64_dp(&max->isar));
    g_assert_false(isar_feature_aa64_i8mm(&max->isar));
    g_assert_false(isar_feature_aa64_vh(&max->isar));
    g_assert_false(isar_feature_aa64_bti(&max->isar));
    g_assert_false(isar_feature_aa64_pauth(&max->isar));
    g_assert_true(isar_feature_aa64_flagm(&max->isar));
    g_assert_true(isar_feature_aa64_lrcpc2(&max->isar));
    g_assert_true(isar_feature_aa64_sb(&max->isar));
    g_assert_true(isar_feature_aa64_dit(&max->isar));
    g_assert_true(isar_feature_aa64_hpds(&max->isar));

    arm_test_cpu_free(a57);
    arm_test_cpu_free(a72);
    arm_test_cpu_free(max);

    /* With EL2, max advertises FEAT_VHE (ID_AA64MMFR1_EL1.VH) and HCR_EL2.E2H
     * becomes writable. */
    max = arm_test_cpu_new("max", "has-el2=on", 3);
    g_assert_cmphex(mrs_ok(max, KEY_MMFR1), ==, 0x1000000010201102ull);
    g_assert_true(isar_feature_aa64_vh(&max->isar));
    msr_ok(max, KEY_HCR_EL2, HCR_E2H | HCR_RW);
    g_assert_cmphex(mrs_ok(max, KEY_HCR_EL2) & HCR_E2H, ==, HCR_E2H);
    arm_test_cpu_free(max);
}

/* EL2 and the ID registers: HCR_EL2.TID3 traps them, VPIDR_EL2 is what
 * EL1 reads as MIDR_EL1. */
static void test_id_regs_el2(void)
{
    ARMCPU *cpu = arm_test_cpu_new("cortex-a57", "has-el2=on", 0);
    CPUARMState *env = &cpu->env;

    g_assert_cmpint(arm_current_el(env), ==, 2);
    g_assert_cmphex(mrs_ok(cpu, KEY_VPIDR_EL2), ==, 0x411fd073);
    msr_ok(cpu, KEY_VPIDR_EL2, 0x12345678);
    g_assert_cmphex(mrs_ok(cpu, KEY_MIDR), ==, 0x411fd073);
    arm_test_set_el(cpu, 1, true, true);
    g_assert_cmphex(mrs_ok(cpu, KEY_MIDR), ==, 0x12345678);
    g_assert_cmphex(mrs_ok(cpu, KEY_PFR0), ==, 0x01000111);
    env->sys.hcr_el2 |= HCR_TID3;
    g_assert_cmpint(arm_test_mrs(cpu, KEY_PFR0, NULL), ==, EXCP_UDEF);
    g_assert_cmpint(env->exception.target_el, ==, 2);
    g_assert_cmphex(env->exception.syndrome, ==, arm_test_syn(KEY_PFR0, true));
    arm_test_cpu_free(cpu);
}

/* CTR_EL0 and DCZID_EL0 at EL0 follow SCTLR_EL1.UCT / DZE. */
static void test_ctr_dczid_el0(void)
{
    ARMCPU *cpu = arm_test_cpu_new("max", NULL, 0);
    CPUARMState *env = &cpu->env;

    env->sys.sctlr_el[1] &= ~(SCTLR_UCT | SCTLR_DZE);
    arm_test_set_el(cpu, 0, false, false);
    g_assert_cmpint(arm_test_mrs(cpu, KEY_CTR, NULL), ==, EXCP_UDEF);
    g_assert_cmpint(env->exception.target_el, ==, 1);
    g_assert_cmphex(mrs_ok(cpu, KEY_DCZID), ==, 0x14);          /* DZP */
    env->sys.sctlr_el[1] |= SCTLR_UCT | SCTLR_DZE;
    g_assert_cmphex(mrs_ok(cpu, KEY_CTR), ==, 0xb444c004);
    g_assert_cmphex(mrs_ok(cpu, KEY_DCZID), ==, 0x4);
    arm_test_cpu_free(cpu);
}

/* SP_EL0 is UNDEFINED while it is the current SP; SPSel switches. */
static void test_sp_banking(void)
{
    ARMCPU *cpu = arm_test_cpu_new("max", NULL, 0);
    CPUARMState *env = &cpu->env;

    arm_test_set_el(cpu, 1, true, true);
    env->xregs[31] = 0x1111;                /* SP_EL1 */
    env->sp_el[0] = 0x2222;
    g_assert_cmphex(mrs_ok(cpu, KEY_SP_EL0), ==, 0x2222);
    msr_ok(cpu, KEY_SP_EL0, 0x3333);
    g_assert_cmphex(env->sp_el[0], ==, 0x3333);
    msr_ok(cpu, KEY_SPSEL, 0);
    g_assert_cmphex(env->xregs[31], ==, 0x3333);
    g_assert_cmphex(env->sp_el[1], ==, 0x1111);
    g_assert_cmphex(mrs_ok(cpu, KEY_SPSEL), ==, 0);
    g_assert_cmpint(arm_test_mrs(cpu, KEY_SP_EL0, NULL), ==, EXCP_UDEF);
    msr_ok(cpu, KEY_SPSEL, 1);
    g_assert_cmphex(env->xregs[31], ==, 0x1111);
    g_assert_cmphex(mrs_ok(cpu, KEY_CURRENTEL), ==, 4);
    arm_test_cpu_free(cpu);
}

/* An SCTLR write rebuilds the TB flags and asks the MMU to flush. */
static void test_sctlr_write(void)
{
    ARMCPU *cpu = arm_test_cpu_new("max", NULL, 0);
    CPUARMState *env = &cpu->env;

    arm_test_stub_reset();
    arm_test_set_el(cpu, 1, true, true);
    g_assert_false(env->hflags & TBFLAG_ALIGN);
    msr_ok(cpu, KEY_SCTLR_EL1, env->sys.sctlr_el[1] | SCTLR_A | SCTLR_EE);
    g_assert_true(env->hflags & TBFLAG_ALIGN);
    /* max is little-endian only: EE is RES0. */
    g_assert_false(env->sys.sctlr_el[1] & SCTLR_EE);
    g_assert_false(env->hflags & TBFLAG_BE_DATA);
    g_assert_cmpint(arm_test_stubs.regime_changed[1], ==, 1);
    /* The same value again: nothing to flush. */
    msr_ok(cpu, KEY_SCTLR_EL1, env->sys.sctlr_el[1]);
    g_assert_cmpint(arm_test_stubs.regime_changed[1], ==, 1);
    /* SA (EL1) and SA0 (EL0) give TBFLAG_SP_ALIGN at their own EL only. */
    msr_ok(cpu, KEY_SCTLR_EL1, (env->sys.sctlr_el[1] & ~(SCTLR_SA | SCTLR_SA0)) | SCTLR_SA0);
    g_assert_false(env->hflags & TBFLAG_SP_ALIGN);
    arm_test_set_el(cpu, 0, false, false);
    g_assert_true(env->hflags & TBFLAG_SP_ALIGN);
    arm_test_set_el(cpu, 1, true, true);
    msr_ok(cpu, KEY_SCTLR_EL1, env->sys.sctlr_el[1] ^ (SCTLR_SA | SCTLR_SA0));
    g_assert_true(env->hflags & TBFLAG_SP_ALIGN);
    arm_test_set_el(cpu, 0, false, false);
    g_assert_false(env->hflags & TBFLAG_SP_ALIGN);
    arm_test_set_el(cpu, 1, true, true);
    arm_test_cpu_free(cpu);
}

/* TTBR0/1_EL1 writes tell the MMU which register changed (a context
 * switch keeps the global entries). */
static void test_ttbr_write(void)
{
    ARMCPU *cpu = arm_test_cpu_new("max", NULL, 0);
    CPUARMState *env = &cpu->env;

    arm_test_stub_reset();
    arm_test_set_el(cpu, 1, true, true);
    msr_ok(cpu, K(3, 0, 2, 0, 0), 0x40001000ULL | (1ULL << 48));
    g_assert_cmpint(arm_test_stubs.ttbr_changed[1], ==, 1);
    g_assert_false(arm_test_stubs.ttbr1);
    msr_ok(cpu, K(3, 0, 2, 0, 1), 0x40002000ULL);
    g_assert_cmpint(arm_test_stubs.ttbr_changed[1], ==, 2);
    g_assert_true(arm_test_stubs.ttbr1);
    /* The same value again: nothing to flush. */
    msr_ok(cpu, K(3, 0, 2, 0, 1), 0x40002000ULL);
    g_assert_cmpint(arm_test_stubs.ttbr_changed[1], ==, 2);
    g_assert_cmphex(env->sys.ttbr1_el[1], ==, 0x40002000ULL);
    g_assert_cmpint(arm_test_stubs.regime_changed[1], ==, 0);
    arm_test_cpu_free(cpu);
}

/* FEAT_VHE (forced on for the test): EL1 encodings at EL2 with E2H reach
 * the EL2 registers, *_EL12 the EL1 ones. */
static void add_vhe(ARMCPU *cpu)
{
    cpu->isar.id_aa64mmfr1 |= 1ull << 8;
}

static void test_e2h_redirect(void)
{
    GError *err = NULL;
    ARMCPU *cpu = arm_test_cpu_new_full("max", "has-el2=on", 0, add_vhe, &err);
    CPUARMState *env;

    g_assert_no_error(err);
    env = &cpu->env;
    g_assert_true(isar_feature_aa64_vh(&cpu->isar));
    g_assert_cmpint(arm_current_el(env), ==, 2);
    /* E2H clear: SCTLR_EL12 is UNDEFINED, SCTLR_EL1 is EL1's. */
    g_assert_cmpint(arm_test_mrs(cpu, KEY_SCTLR_EL12, NULL), ==, EXCP_UDEF);
    msr_ok(cpu, KEY_SCTLR_EL1, 0x30d00801);
    g_assert_cmphex(env->sys.sctlr_el[1], ==, 0x30d00801);
    msr_ok(cpu, KEY_HCR_EL2, HCR_E2H);
    g_assert_true(env->sys.hcr_el2 & HCR_E2H);
    g_assert_true(env->sys.hcr_el2 & HCR_RW);
    msr_ok(cpu, KEY_SCTLR_EL1, 0x30c50831);
    g_assert_cmphex(env->sys.sctlr_el[2], ==, 0x30c50831);
    g_assert_cmphex(env->sys.sctlr_el[1], ==, 0x30d00801);
    g_assert_cmphex(mrs_ok(cpu, KEY_SCTLR_EL12), ==, 0x30d00801);
    g_assert_true(env->hflags & TBFLAG_VHE);
    arm_test_cpu_free(cpu);
}

/* PMCCNTR_EL0 counts virtual nanoseconds while PMCR.E and PMCNTENSET[31]. */
static void test_pmu_cycles(void)
{
    ARMCPU *cpu = arm_test_cpu_new("max", NULL, 0);
    CPUARMState *env = &cpu->env;

    clock_virtual_pause();
    arm_test_set_el(cpu, 1, true, true);
    msr_ok(cpu, KEY_PMCCNTR, 100);
    msr_ok(cpu, KEY_PMCR, 1);
    clock_virtual_warp_ns(1000);
    g_assert_cmpuint(mrs_ok(cpu, KEY_PMCCNTR), ==, 100);        /* not enabled */
    msr_ok(cpu, KEY_PMCNTENSET, 1u << 31);
    clock_virtual_warp_ns(1000);
    g_assert_cmpuint(mrs_ok(cpu, KEY_PMCCNTR), ==, 1100);
    msr_ok(cpu, KEY_PMCNTENCLR, 1u << 31);
    g_assert_cmphex(mrs_ok(cpu, KEY_PMCNTENSET), ==, 0);
    clock_virtual_warp_ns(500);
    g_assert_cmpuint(mrs_ok(cpu, KEY_PMCCNTR), ==, 1100);
    msr_ok(cpu, KEY_PMCR, 1 | 4);                               /* C: reset */
    g_assert_cmpuint(mrs_ok(cpu, KEY_PMCCNTR), ==, 0);
    /* EL0 needs PMUSERENR_EL0.EN or .CR to read it. */
    arm_test_set_el(cpu, 0, false, false);
    g_assert_cmpint(arm_test_mrs(cpu, KEY_PMCCNTR, NULL), ==, EXCP_UDEF);
    g_assert_cmpint(env->exception.target_el, ==, 1);
    g_assert_cmpuint(mrs_ok(cpu, KEY_PMUSERENR), ==, 0);
    env->sys.pmuserenr_el0 = 4;
    mrs_ok(cpu, KEY_PMCCNTR);
    clock_virtual_resume();
    arm_test_cpu_free(cpu);
}

static void test_debug_os_lock(void)
{
    ARMCPU *cpu = arm_test_cpu_new("max", NULL, 0);

    g_assert_cmphex(mrs_ok(cpu, KEY_OSLSR), ==, 0xa);   /* locked at reset */
    msr_ok(cpu, KEY_OSLAR, 0);
    g_assert_cmphex(mrs_ok(cpu, KEY_OSLSR), ==, 0x8);
    /* Breakpoint registers are stored: 6 pairs on max. */
    g_assert_nonnull(arm_sysreg_find(cpu, K(2, 0, 0, 5, 4)));
    g_assert_null(arm_sysreg_find(cpu, K(2, 0, 0, 6, 4)));
    msr_ok(cpu, K(2, 0, 0, 5, 4), 0xffff000012345678ull);
    g_assert_cmphex(mrs_ok(cpu, K(2, 0, 0, 5, 4)), ==, 0xffff000012345678ull);
    arm_test_cpu_free(cpu);
}

static void test_dump(void)
{
    ARMCPU *cpu = arm_test_cpu_new("cortex-a57", NULL, 0);
    GString *out = g_string_new(NULL);

    arm_sysreg_dump(cpu, out);
    g_assert_nonnull(strstr(out->str, "MIDR_EL1          =00000000411fd073"));
    g_assert_nonnull(strstr(out->str, "SCTLR_EL1         =0000000030d00800"));
    g_assert_nonnull(strstr(out->str, "CNTFRQ_EL0        =0000000003b9aca0"));
    g_assert_null(strstr(out->str, "DC CIVAC"));
    g_string_free(out, TRUE);
    arm_test_cpu_free(cpu);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm/sysreg/lookup", test_lookup);
    g_test_add_func("/arm/sysreg/static-access", test_static_access);
    g_test_add_func("/arm/sysreg/el1-reg-from-el0", test_el1_reg_from_el0);
    g_test_add_func("/arm/sysreg/cntvct-el0", test_cntvct_el0);
    g_test_add_func("/arm/sysreg/el0-trap-tge", test_el0_trap_tge);
    g_test_add_func("/arm/sysreg/daif-uma", test_daif_uma);
    g_test_add_func("/arm/sysreg/id-regs-models", test_id_regs_models);
    g_test_add_func("/arm/sysreg/id-regs-el2", test_id_regs_el2);
    g_test_add_func("/arm/sysreg/ctr-dczid-el0", test_ctr_dczid_el0);
    g_test_add_func("/arm/sysreg/sp-banking", test_sp_banking);
    g_test_add_func("/arm/sysreg/sctlr-write", test_sctlr_write);
    g_test_add_func("/arm/sysreg/ttbr-write", test_ttbr_write);
    g_test_add_func("/arm/sysreg/e2h-redirect", test_e2h_redirect);
    g_test_add_func("/arm/sysreg/pmu-cycles", test_pmu_cycles);
    g_test_add_func("/arm/sysreg/debug-os-lock", test_debug_os_lock);
    g_test_add_func("/arm/sysreg/dump", test_dump);
    return g_test_run();
}
