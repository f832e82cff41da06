/*
 * test-psci.c — PSCI 1.0 (Arm DEN 0022) over the HVC conduit of the virt
 * board, run with -smp 2: PSCI_VERSION, PSCI_FEATURES, MIGRATE_INFO_TYPE,
 * SMCCC_VERSION; CPU_ON of CPU 1 with an entry point and a context id (the
 * entry state: EL1, MMU off, DAIF masked, x0 = context id), CPU 1 writing
 * a flag and calling CPU_OFF, AFFINITY_INFO reporting it off; CPU_ON of a
 * CPU that is on (ALREADY_ON), of one that does not exist
 * (INVALID_PARAMETERS); powering CPU 1 on again after CPU_OFF. The run
 * ends with SYSTEM_OFF (the framework's exit), whose exit status 0 the
 * runner checks.
 */
#include "sys-support.h"

#define CPU1            1ul
#define NO_SUCH_CPU     7ul     /* the test runs with -smp 2 */

/* ---- CPU 1 code ------------------------------------------------------------ */

/* An entry point with no stack: stores x0 (the context id) and MPIDR_EL1
 * in raw_mailbox, then calls CPU_OFF. */
extern char psci_raw_entry[];
volatile u64 raw_mailbox[2] __attribute__((aligned(64)));
__asm__(
    ".text\n"
    ".balign 8\n"
    "psci_raw_entry:\n"
    "    ldr x1, =raw_mailbox\n"
    "    mrs x2, mpidr_el1\n"
    "    str x2, [x1, #8]\n"
    "    dsb sy\n"
    "    str x0, [x1]\n"
    "    dsb sy\n"
    "    sev\n"
    "    ldr x0, =0x84000002\n"
    "    hvc #0\n"
    "1:  b 1b\n");

static volatile u64 cpu1_flag, cpu1_arg, cpu1_mpidr, cpu1_release, cpu1_running;

static void cpu1_flag_and_off(u64 arg)
{
    cpu1_arg = arg;
    cpu1_mpidr = READ_SYSREG(mpidr_el1);
    DSB_SY();
    cpu1_flag = 1;
    DSB_SY();
    __asm__ volatile("sev");
    /* returning calls CPU_OFF */
}

static void cpu1_hold(u64 arg)
{
    (void)arg;
    cpu1_running = 1;
    DSB_SY();
    __asm__ volatile("sev");
    while (!cpu1_release) {
        __asm__ volatile("wfe" ::: "memory");
    }
}

static int wait_nonzero(volatile u64 *p, u64 ms)
{
    u64 deadline = sys_deadline_ms(ms);

    while (!*p && !sys_expired(deadline)) {
        __asm__ volatile("wfe" ::: "memory");
    }
    return *p != 0;
}

/* Polls AFFINITY_INFO until it reports want (a CPU that called CPU_OFF
 * may still read ON for a while). */
static u64 wait_affinity(u64 mpidr, u64 want, u64 ms)
{
    u64 deadline = sys_deadline_ms(ms);
    u64 r;

    do {
        r = psci_call(PSCI_AFFINITY_INFO64, mpidr, 0, 0);
    } while (r != want && !sys_expired(deadline));
    return r;
}

/* ---- tests -------------------------------------------------------------------- */

static void test_discovery(void)
{
    u64 v = psci_call(PSCI_VERSION, 0, 0, 0);

    CHECK("psci-version-at-least-1.0", (v >> 31) == 0 && (v >> 16) >= 1, 1);
    CHECK("psci-features-version", psci_call(PSCI_FEATURES, PSCI_VERSION, 0, 0), PSCI_SUCCESS);
    CHECK("psci-features-cpu-on", psci_call(PSCI_FEATURES, PSCI_CPU_ON64, 0, 0), PSCI_SUCCESS);
    CHECK("psci-features-cpu-off", psci_call(PSCI_FEATURES, PSCI_CPU_OFF, 0, 0), PSCI_SUCCESS);
    CHECK("psci-features-affinity-info",
          psci_call(PSCI_FEATURES, PSCI_AFFINITY_INFO64, 0, 0), PSCI_SUCCESS);
    CHECK("psci-features-system-off",
          psci_call(PSCI_FEATURES, PSCI_SYSTEM_OFF, 0, 0), PSCI_SUCCESS);
    CHECK("psci-features-features", psci_call(PSCI_FEATURES, PSCI_FEATURES, 0, 0), PSCI_SUCCESS);
    /* CPU_SUSPEND answers with its flags (bit 1: extended StateID), >= 0. */
    CHECK("psci-features-cpu-suspend",
          (s64)psci_call(PSCI_FEATURES, PSCI_CPU_SUSPEND64, 0, 0) >= 0, 1);
    CHECK("psci-features-unknown", psci_call(PSCI_FEATURES, 0x8400ffff, 0, 0),
          PSCI_NOT_SUPPORTED);
    /* Not a Trusted OS that needs migrating: 2. */
    CHECK("psci-migrate-info-type", psci_call(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0), 2);
    CHECK("psci-unknown-function", psci_call(0x8400001f, 0, 0, 0), PSCI_NOT_SUPPORTED);
}

static void test_cpu_on_off(void)
{
    SysCpuBoot *b = &sys_cpu_boot[CPU1];
    u64 r;

    CHECK("affinity-info-self-on", psci_call(PSCI_AFFINITY_INFO64, 0, 0, 0), PSCI_AFF_ON);
    CHECK("affinity-info-cpu1-off-at-boot",
          psci_call(PSCI_AFFINITY_INFO64, CPU1, 0, 0), PSCI_AFF_OFF);
    CHECK("affinity-info-no-such-cpu",
          psci_call(PSCI_AFFINITY_INFO64, NO_SUCH_CPU, 0, 0), PSCI_INVALID_PARAMS);

    /* CPU_ON with the entry and the context id; CPU 1 sets the flag and
     * calls CPU_OFF. */
    r = sys_cpu_on(CPU1, cpu1_flag_and_off, 0xc0ffee);
    CHECK("cpu-on-success", r, PSCI_SUCCESS);
    CHECK("cpu1-flag", wait_nonzero(&cpu1_flag, 1000), 1);
    CHECK("cpu1-fn-arg", cpu1_arg, 0xc0ffee);
    CHECK("cpu1-entry-x0-context-id", b->entry_x0, (u64)b);
    CHECK("cpu1-entry-el1", b->entry_currentel, 1 << 2);
    CHECK("cpu1-entry-daif-masked", b->entry_daif, 0x3c0);
    CHECK("cpu1-entry-mmu-off", b->entry_sctlr & 1, 0);
    CHECK("cpu1-mpidr-aff0", cpu1_mpidr & 0xff, CPU1);
    CHECK("cpu1-mpidr-differs", (cpu1_mpidr & 0xffffff) != (READ_SYSREG(mpidr_el1) & 0xffffff), 1);
    CHECK("affinity-info-cpu1-off-after-cpu-off", wait_affinity(CPU1, PSCI_AFF_OFF, 1000),
          PSCI_AFF_OFF);

    /* An entry point of our own: x0 is the context id as given. */
    raw_mailbox[0] = 0;
    raw_mailbox[1] = 0;
    r = sys_cpu_on_raw(CPU1, (u64)psci_raw_entry, 0x123456789abcdef0ul);
    CHECK("cpu-on-raw-entry-success", r, PSCI_SUCCESS);
    CHECK("cpu-on-raw-entry-ran", wait_nonzero(&raw_mailbox[0], 1000), 1);
    CHECK("cpu-on-raw-context-id", raw_mailbox[0], 0x123456789abcdef0ul);
    CHECK("cpu-on-raw-mpidr", raw_mailbox[1] & 0xff, CPU1);
    CHECK("affinity-info-cpu1-off-again", wait_affinity(CPU1, PSCI_AFF_OFF, 1000), PSCI_AFF_OFF);

    /* CPU 1 on and spinning: CPU_ON is ALREADY_ON, for CPU 0 too. */
    cpu1_running = 0;
    cpu1_release = 0;
    r = sys_cpu_on(CPU1, cpu1_hold, 0);
    CHECK("cpu-on-hold-success", r, PSCI_SUCCESS);
    CHECK("cpu1-running", wait_nonzero(&cpu1_running, 1000), 1);
    CHECK("affinity-info-cpu1-on", psci_call(PSCI_AFFINITY_INFO64, CPU1, 0, 0), PSCI_AFF_ON);
    CHECK("cpu-on-already-on", sys_cpu_on_raw(CPU1, (u64)psci_raw_entry, 0),
          PSCI_ALREADY_ON);
    CHECK("cpu-on-self-already-on", sys_cpu_on_raw(0, (u64)psci_raw_entry, 0),
          PSCI_ALREADY_ON);
    CHECK("cpu-on-already-on-did-not-restart", raw_mailbox[0], 0x123456789abcdef0ul);
    cpu1_release = 1;
    DSB_SY();
    __asm__ volatile("sev");
    CHECK("affinity-info-cpu1-off-after-release", wait_affinity(CPU1, PSCI_AFF_OFF, 1000),
          PSCI_AFF_OFF);

    CHECK("cpu-on-no-such-cpu", sys_cpu_on_raw(NO_SUCH_CPU, (u64)psci_raw_entry, 0),
          PSCI_INVALID_PARAMS);
}

int main(void)
{
    sys_install_vectors();
    test_discovery();
    test_cpu_on_off();
    /* SYSTEM_OFF follows in test_exit(); the runner wants exit status 0. */
    return 0;
}
