/*
 * test-arm-psci.c — the emulated PSCI firmware (target/arm/psci.c): the
 * CPU_ON / AFFINITY_INFO / CPU_OFF state machine on two CPUs, version and
 * feature discovery, SYSTEM_OFF/RESET, and the conduit rules.
 */
#include "arm-test.h"

#define PSCI_VERSION        0x84000000u
#define PSCI_CPU_SUSPEND    0xc4000001u
#define PSCI_CPU_OFF        0x84000002u
#define PSCI_CPU_ON         0xc4000003u
#define PSCI_CPU_ON_32      0x84000003u
#define PSCI_AFFINITY_INFO  0xc4000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF     0x84000008u
#define PSCI_SYSTEM_RESET   0x84000009u
#define PSCI_FEATURES       0x8400000au
#define PSCI_SYSTEM_SUSPEND 0xc400000eu
#define SMCCC_VERSION       0x80000000u
#define SMCCC_ARCH_FEATURES 0x80000001u
#define SMCCC_ARCH_WORKAROUND_1 0x80008000u

static void hvc0_fn(ARMCPU *cpu, void *opaque)
{
    helper_hvc(&cpu->env, 0);
}

static void smc0_fn(ARMCPU *cpu, void *opaque)
{
    helper_smc(&cpu->env, 0);
}

/* Makes a PSCI call over HVC #0 from cpu at EL1; returns x0, or asserts
 * that the call left the CPU loop when that is expected. */
static int64_t call(ARMCPU *cpu, uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
    CPUARMState *env = &cpu->env;

    env->xregs[0] = fn;
    env->xregs[1] = a1;
    env->xregs[2] = a2;
    env->xregs[3] = a3;
    env->pc = 0x80004;
    g_assert_false(arm_test_run(cpu, hvc0_fn, NULL));
    /* The call returns to the instruction after the HVC. */
    g_assert_cmphex(env->pc, ==, 0x80004);
    return (int64_t)env->xregs[0];
}

static void two_cpus(ARMCPU **c0, ARMCPU **c1)
{
    *c0 = arm_test_cpu_new("max", "psci-conduit=hvc", 0);
    *c1 = arm_test_cpu_new("max", "psci-conduit=hvc,start-powered-off=on", 1);
    arm_test_set_el(*c0, 1, true, true);
}

static void test_cpu_on_off(void)
{
    ARMCPU *c0, *c1;
    CPUState *cs1;

    two_cpus(&c0, &c1);
    cs1 = CPU(c1);
    g_assert_true(cs1->stopped);
    g_assert_cmpint(call(c0, PSCI_AFFINITY_INFO, 0x80000000, 0, 0), ==, 0);   /* ON */
    g_assert_cmpint(call(c0, PSCI_AFFINITY_INFO, 1, 0, 0), ==, 1);            /* OFF */

    g_assert_cmpint(call(c0, PSCI_CPU_ON, 1, 0x40080000, 0x1234), ==, 0);
    g_assert_false(cs1->stopped);
    g_assert_false(cs1->halted);
    g_assert_cmphex(c1->env.pc, ==, 0x40080000);
    g_assert_cmphex(c1->env.xregs[0], ==, 0x1234);
    g_assert_cmpint(arm_current_el(&c1->env), ==, 1);
    g_assert_cmphex(c1->env.pstate & PSTATE_DAIF, ==, PSTATE_DAIF);
    g_assert_false(c1->env.sys.sctlr_el[1] & SCTLR_M);
    g_assert_cmpint(call(c0, PSCI_AFFINITY_INFO, 1, 0, 0), ==, 0);

    /* Errors: already on, no such CPU, bad level, misaligned entry. */
    g_assert_cmpint(call(c0, PSCI_CPU_ON, 1, 0x40080000, 0), ==, -4);
    g_assert_cmpint(call(c0, PSCI_CPU_ON, 0, 0x40080000, 0), ==, -4);
    g_assert_cmpint(call(c0, PSCI_CPU_ON, 7, 0x40080000, 0), ==, -2);
    g_assert_cmpint(call(c0, PSCI_AFFINITY_INFO, 7, 0, 0), ==, -2);
    g_assert_cmpint(call(c0, PSCI_AFFINITY_INFO, 1, 1, 0), ==, -2);

    /* CPU_OFF on CPU 1: it leaves the loop and is stopped. */
    arm_test_set_el(c1, 1, true, true);
    c1->env.xregs[0] = PSCI_CPU_OFF;
    g_assert_true(arm_test_run(c1, hvc0_fn, NULL));
    g_assert_true(cs1->stopped);
    g_assert_cmpint(call(c0, PSCI_AFFINITY_INFO, 1, 0, 0), ==, 1);

    /* And on again, with the 32-bit call (upper bits of x2 ignored). */
    g_assert_cmpint(call(c0, PSCI_CPU_ON_32, 1, 0xffffffff40090000ull, 7), ==, 0);
    g_assert_cmphex(c1->env.pc, ==, 0x40090000);
    g_assert_cmphex(c1->env.xregs[0], ==, 7);
    g_assert_cmpint(call(c0, PSCI_CPU_ON, 1, 0x40080002, 0), ==, -4);
    arm_test_cpu_free(c1);
    arm_test_cpu_free(c0);
}

static void test_misaligned_entry(void)
{
    ARMCPU *c0, *c1;

    two_cpus(&c0, &c1);
    g_assert_cmpint(call(c0, PSCI_CPU_ON, 1, 0x40080002, 0), ==, -9);
    g_assert_true(CPU(c1)->stopped);
    arm_test_cpu_free(c1);
    arm_test_cpu_free(c0);
}

static void test_discovery(void)
{
    ARMCPU *cpu = arm_test_cpu_new("max", "psci-conduit=hvc", 0);

    arm_test_set_el(cpu, 1, true, true);
    g_assert_cmphex(call(cpu, PSCI_VERSION, 0, 0, 0), ==, 0x10000);
    g_assert_cmpint(call(cpu, PSCI_FEATURES, PSCI_CPU_ON, 0, 0), ==, 0);
    g_assert_cmpint(call(cpu, PSCI_FEATURES, PSCI_SYSTEM_OFF, 0, 0), ==, 0);
    g_assert_cmpint(call(cpu, PSCI_FEATURES, SMCCC_VERSION, 0, 0), ==, 0);
    g_assert_cmpint(call(cpu, PSCI_FEATURES, PSCI_SYSTEM_SUSPEND, 0, 0), ==, -1);
    g_assert_cmphex(call(cpu, SMCCC_VERSION, 0, 0, 0), ==, 0x10001);
    g_assert_cmpint(call(cpu, SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_1, 0, 0), ==, -1);
    g_assert_cmpint(call(cpu, PSCI_MIGRATE_INFO_TYPE, 0, 0, 0), ==, 2);
    /* Any other SMCCC function: NOT_SUPPORTED, not UNDEFINED. */
    g_assert_cmpint(call(cpu, 0x8600ff01u, 0, 0, 0), ==, -1);
    arm_test_cpu_free(cpu);
}

static void test_system_off_reset(void)
{
    ARMCPU *cpu = arm_test_cpu_new("max", "psci-conduit=hvc", 0);
    CPUARMState *env = &cpu->env;

    arm_test_stub_reset();
    arm_test_stubs.exit_status = -1;
    arm_test_set_el(cpu, 1, true, true);
    env->xregs[0] = PSCI_SYSTEM_OFF;
    g_assert_true(arm_test_run(cpu, hvc0_fn, NULL));
    g_assert_cmpint(arm_test_stubs.shutdown, ==, SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
    g_assert_cmpint(arm_test_stubs.exit_status, ==, 0);
    g_assert_true(CPU(cpu)->stopped);

    device_reset(DEVICE(cpu));
    arm_test_set_el(cpu, 1, true, true);
    env->xregs[0] = PSCI_SYSTEM_RESET;
    g_assert_true(arm_test_run(cpu, hvc0_fn, NULL));
    g_assert_cmpint(arm_test_stubs.reset, ==, SHUTDOWN_CAUSE_GUEST_RESET);
    arm_test_cpu_free(cpu);
}

/* CPU_SUSPEND: a standby that waits for an interrupt like WFI. */
static void test_cpu_suspend(void)
{
    ARMCPU *cpu = arm_test_cpu_new("max", "psci-conduit=hvc", 0);
    CPUState *cs = CPU(cpu);

    arm_test_set_el(cpu, 1, true, true);
    cpu->env.xregs[0] = PSCI_CPU_SUSPEND;
    g_assert_true(arm_test_run(cpu, hvc0_fn, NULL));
    g_assert_true(cs->halted);
    g_assert_cmpint(cpu->env.xregs[0], ==, 0);
    cs->halted = false;
    cs->interrupt_request = CPU_INTERRUPT_HARD;
    g_assert_cmpint(call(cpu, PSCI_CPU_SUSPEND, 0, 0, 0), ==, 0);
    g_assert_false(cs->halted);
    cs->interrupt_request = 0;
    arm_test_cpu_free(cpu);
}

/* The conduit: HVC #0 only when it is "hvc"; SMC when it is "smc"; an
 * HVC with another immediate is not an SMCCC call. */
static void test_conduits(void)
{
    ARMCPU *cpu = arm_test_cpu_new("max", "psci-conduit=smc", 0);
    CPUARMState *env = &cpu->env;
    GError *err = NULL;

    arm_test_set_el(cpu, 1, true, true);
    env->xregs[0] = PSCI_VERSION;
    env->pc = 0x1004;
    g_assert_false(arm_test_run(cpu, smc0_fn, NULL));
    g_assert_cmphex(env->xregs[0], ==, 0x10000);
    env->xregs[0] = PSCI_VERSION;
    g_assert_cmpint(arm_test_run_deliver(cpu, hvc0_fn, NULL), ==, EXCP_UDEF);
    arm_test_cpu_free(cpu);

    /* An HVC conduit with a guest EL2, an SMC one with EL3: refused. */
    g_assert_null(arm_test_cpu_new_full("max", "psci-conduit=hvc,has-el2=on", 0, NULL, &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(err->message, "psci-conduit=hvc"));
    g_clear_error(&err);
    g_assert_null(arm_test_cpu_new_full("max", "psci-conduit=smc,has-el3=on", 0, NULL, &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
    g_assert_null(arm_test_cpu_new_full("max", "psci-conduit=svc", 0, NULL, &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm/psci/cpu-on-off", test_cpu_on_off);
    g_test_add_func("/arm/psci/misaligned-entry", test_misaligned_entry);
    g_test_add_func("/arm/psci/discovery", test_discovery);
    g_test_add_func("/arm/psci/system-off-reset", test_system_off_reset);
    g_test_add_func("/arm/psci/cpu-suspend", test_cpu_suspend);
    g_test_add_func("/arm/psci/conduits", test_conduits);
    return g_test_run();
}
