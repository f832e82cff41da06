/*
 * test-wfe.c — WFE, SEV and SEVL (Arm ARM D1.6.1 "Wait for Event"), run with
 * -smp 2 on Normal memory: SEVL makes the next WFE return; two CPUs hand a
 * token back and forth 1000 times, each sleeping in WFE until the other's
 * SEV; a CPU waiting in WFE on an address it loaded exclusively wakes when
 * the other CPU stores to it (the global monitor's clearing is an event,
 * no SEV); WFE at EL0 traps to EL1 when SCTLR_EL1.nTWE is 0 (EC 0x01,
 * TI = 01) and does not when it is 1.
 *
 * A lost wake-up would leave a CPU asleep: every wait of CPU 0 is bounded
 * by the counter, so that it reports a FAIL instead of hanging.
 */
#include "sys-support.h"

#define CPU1            1ul
#define ROUNDS          1000
#define SCTLR_nTWE      (1ul << 18)

static volatile u64 token __attribute__((aligned(64)));
static volatile u64 cpu1_rounds __attribute__((aligned(64)));
static volatile u64 mon_flag __attribute__((aligned(64)));
static volatile u64 mon_state __attribute__((aligned(64)));

static int wait_eq(volatile u64 *p, u64 v, u64 ms)
{
    u64 deadline = sys_deadline_ms(ms);

    while (*p != v && !sys_expired(deadline)) {
        __asm__ volatile("wfe" ::: "memory");
    }
    return *p == v;
}

static void signal(volatile u64 *p, u64 v)
{
    __asm__ volatile("dmb ish" ::: "memory");
    *p = v;
    __asm__ volatile("dsb ish\n\tsev" ::: "memory");
}

/* ---- single CPU ------------------------------------------------------------ */

static void test_sevl(void)
{
    /* SEVL sets the local event register: the WFE consumes it and returns
     * (a second WFE here would sleep). */
    __asm__ volatile("sevl\n\twfe" ::: "memory");
    CHECK("sevl-wfe-returns", 1, 1);
    /* SEV also sets this PE's own event register. */
    __asm__ volatile("sev\n\twfe" ::: "memory");
    CHECK("sev-wfe-returns", 1, 1);
}

/* ---- ping-pong ------------------------------------------------------------- */

/* token odd: CPU 1's turn; even: CPU 0's. CPU 1 sleeps in WFE (no
 * timeout: a lost event hangs it, and CPU 0 then times out). */
static void cpu1_pingpong(u64 arg)
{
    u64 n = 0;

    (void)arg;
    sys_mmu_identity_on();
    for (u64 i = 0; i < ROUNDS; i++) {
        while (token != 2 * i + 1) {
            __asm__ volatile("wfe" ::: "memory");
        }
        n++;
        signal(&token, 2 * i + 2);
    }
    cpu1_rounds = n;
    DSB_SY();
}

static void test_pingpong(void)
{
    u64 i;

    token = 0;
    cpu1_rounds = 0;
    DSB_SY();
    CHECK("pingpong-cpu-on", sys_cpu_on(CPU1, cpu1_pingpong, 0), PSCI_SUCCESS);
    for (i = 0; i < ROUNDS; i++) {
        signal(&token, 2 * i + 1);
        if (!wait_eq(&token, 2 * i + 2, 2000)) {
            break;
        }
    }
    CHECK("pingpong-rounds", i, ROUNDS);
    CHECK("pingpong-token", token, 2 * ROUNDS);
    wait_eq(&cpu1_rounds, ROUNDS, 1000);
    CHECK("pingpong-cpu1-rounds", cpu1_rounds, ROUNDS);
    {
        u64 deadline = sys_deadline_ms(1000);

        while (psci_call(PSCI_AFFINITY_INFO64, CPU1, 0, 0) != PSCI_AFF_OFF &&
               !sys_expired(deadline)) {
        }
    }
}

/* ---- the monitor as an event source ---------------------------------------- */

/* CPU 1: the spin-wait of a ticket lock: LDAXR the flag, WFE while it is
 * 0. CPU 0 stores without SEV: the wake-up is the clearing of CPU 1's
 * exclusive monitor by that store. (The SEV of "armed" only makes the
 * first WFE return; the loop then reloads and sleeps.) */
static void cpu1_monitor_wait(u64 arg)
{
    u64 v;

    (void)arg;
    sys_mmu_identity_on();
    signal(&mon_state, 1);                              /* armed */
    __asm__ volatile("1:\tldaxr %0, [%1]\n\tcbnz %0, 2f\n\twfe\n\tb 1b\n2:\tclrex"
                     : "=&r"(v) : "r"(&mon_flag) : "memory");
    signal(&mon_state, 2);
}

static void test_monitor_event(void)
{
    mon_flag = 0;
    mon_state = 0;
    DSB_SY();
    CHECK("monitor-cpu-on", sys_cpu_on(CPU1, cpu1_monitor_wait, 0), PSCI_SUCCESS);
    CHECK("monitor-cpu1-armed", wait_eq(&mon_state, 1, 2000), 1);
    /* Give CPU 1 time to reach its WFE, then store without SEV. */
    {
        u64 d = sys_deadline_ms(5);

        while (!sys_expired(d)) {
        }
    }
    __asm__ volatile("str %0, [%1]\n\tdsb ish" :: "r"(1ul), "r"(&mon_flag) : "memory");
    CHECK("monitor-store-wakes-wfe", wait_eq(&mon_state, 2, 2000), 1);
}

/* ---- EL0 traps ------------------------------------------------------------------- */

extern char el0_wfe[], el0_sevl_wfe[];
__asm__(
    ".text\n"
    ".balign 4\n"
    "el0_wfe:\n"                /* two WFEs: one of them sleeps (see below) */
    "    wfe\n"
    "    wfe\n"
    "    svc #0xffff\n"
    "el0_sevl_wfe:\n"
    "    sevl\n"
    "    wfe\n"
    "    svc #0xffff\n");

static volatile int wfe_traps;
static volatile u64 wfe_trap_esr;

static int hook_wfe(u64 type, ExcFrame *f)
{
    u64 esr = READ_SYSREG(esr_el1);

    if (type != VEC_LOWER_SYNC || ESR_EC(esr) != EC_WFX) {
        return 0;
    }
    wfe_traps++;
    wfe_trap_esr = esr;
    f->elr += 4;
    return 1;
}

static void test_el0_trap(void)
{
    u64 sctlr = READ_SYSREG(sctlr_el1);

    /* nTWE = 0: a WFE at EL0 that would put the PE to sleep traps
     * (D1.6.1; EC 0x01, CV 1, COND 0b1110, TI 0b01). Whether one sleeps
     * depends on the event register (an exception return sets it, so the
     * first WFE may only clear it) and on the implementation: one whose
     * WFE never sleeps never traps. So: if a trap is taken, its syndrome
     * and the resumption must be right. */
    WRITE_SYSREG(sctlr_el1, sctlr & ~SCTLR_nTWE);
    ISB();
    wfe_traps = 0;
    sys_sync_hook = hook_wfe;
    CHECK("el0-wfe-ntwe0-returns", run_at_el0((u64 (*)(u64))(void *)el0_wfe, 0x77), 0x77);
    puts_(wfe_traps ? "(WFE at EL0 trapped)\n" : "(WFE at EL0 did not sleep: no trap)\n");
    CHECK("el0-wfe-trap-esr", wfe_traps == 0 ||
          wfe_trap_esr == ((EC_WFX << 26) | ESR_IL | (1ul << 24) | (0xeul << 20) | 1), 1);

    /* nTWE = 1: no trap (SEVL first, so the WFE does not sleep). */
    WRITE_SYSREG(sctlr_el1, sctlr | SCTLR_nTWE);
    ISB();
    wfe_traps = 0;
    run_at_el0((u64 (*)(u64))(void *)el0_sevl_wfe, 0);
    CHECK("el0-wfe-ntwe1-not-trapped", wfe_traps, 0);
    sys_sync_hook = 0;
    WRITE_SYSREG(sctlr_el1, sctlr);
    ISB();
}

int main(void)
{
    sys_install_vectors();
    sys_mmu_identity_on();
    test_sevl();
    test_pingpong();
    test_monitor_event();
    test_el0_trap();
    return 0;
}
