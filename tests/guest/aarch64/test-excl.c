/*
 * test-excl.c — the exclusive monitors across CPUs (Arm ARM B2.9), run
 * with -smp 2 on Normal, Inner Shareable memory (both CPUs turn the MMU
 * on with the same identity map): two CPUs each add 1 to a shared counter
 * 100,000 times with LDXR/STXR (and, with FEAT_LSE, with LDADD), and the
 * total must be exact; a store by the other CPU to an address this CPU
 * holds exclusively makes its STXR fail.
 */
#include "sys-support.h"

#define CPU1            1ul
#define ITERATIONS      100000

static volatile u64 counter __attribute__((aligned(64)));
static volatile u64 lse_counter __attribute__((aligned(64)));
static volatile u64 start_flag __attribute__((aligned(64)));
static volatile u64 done_flag __attribute__((aligned(64)));
static volatile u64 cpu1_failed_stxr, cpu0_failed_stxr;
static int have_lse;

/* Adds 1 to *p n times with LDXR/STXR; returns the number of failed
 * STXRs. The branch between the two splits the sequence in two
 * translation blocks, so that an emulator that switches CPUs between
 * blocks also interleaves the CPUs inside the sequence (it is the same
 * loop architecturally: no memory access in between). */
static u64 ldxr_stxr_add(volatile u64 *p, u64 n)
{
    u64 failed = 0;

    for (u64 i = 0; i < n; i++) {
        u64 v, st;

        do {
            __asm__ volatile("ldxr %0, [%2]\n\tadd %0, %0, #1\n\tb 1f\n"
                             "1:\tstxr %w1, %0, [%2]"
                             : "=&r"(v), "=&r"(st) : "r"(p) : "memory");
            failed += st;
        } while (st);
    }
    return failed;
}

static void lse_add(volatile u64 *p, u64 n)
{
    for (u64 i = 0; i < n; i++) {
        __asm__ volatile("ldadd %0, xzr, [%1]" :: "r"(1ul), "r"(p) : "memory");
    }
}

static void wait_flag(volatile u64 *f, u64 v, u64 ms)
{
    u64 deadline = sys_deadline_ms(ms);

    while (*f != v && !sys_expired(deadline)) {
        __asm__ volatile("wfe" ::: "memory");
    }
}

static void set_flag(volatile u64 *f, u64 v)
{
    __asm__ volatile("dmb ish" ::: "memory");
    *f = v;
    __asm__ volatile("dsb ish\n\tsev" ::: "memory");
}

/* ---- the race ---------------------------------------------------------------- */

static void cpu1_adder(u64 arg)
{
    (void)arg;
    sys_mmu_identity_on();
    set_flag(&done_flag, 1);            /* ready */
    wait_flag(&start_flag, 1, 5000);
    cpu1_failed_stxr = ldxr_stxr_add(&counter, ITERATIONS);
    if (have_lse) {
        lse_add(&lse_counter, ITERATIONS);
    }
    set_flag(&done_flag, 2);
}

static void test_counter_race(void)
{
    u64 r;

    counter = 0;
    lse_counter = 0;
    start_flag = 0;
    done_flag = 0;
    DSB_SY();
    r = sys_cpu_on(CPU1, cpu1_adder, 0);
    CHECK("cpu-on", r, PSCI_SUCCESS);
    wait_flag(&done_flag, 1, 2000);
    CHECK("cpu1-ready", done_flag, 1);
    set_flag(&start_flag, 1);
    cpu0_failed_stxr = ldxr_stxr_add(&counter, ITERATIONS);
    if (have_lse) {
        lse_add(&lse_counter, ITERATIONS);
    }
    wait_flag(&done_flag, 2, 30000);
    CHECK("cpu1-done", done_flag, 2);
    CHECK("ldxr-stxr-total-exact", counter, 2 * ITERATIONS);
    if (have_lse) {
        CHECK("ldadd-total-exact", lse_counter, 2 * ITERATIONS);
    } else {
        puts_("SKIP lse: ID_AA64ISAR0_EL1.Atomic < 2\n");
    }
    puts_("(failed STXR: cpu0 ");
    put_dec(cpu0_failed_stxr);
    puts_(", cpu1 ");
    put_dec(cpu1_failed_stxr);
    puts_(")\n");
    /* Wait for CPU 1 to be off before the next test starts it. */
    {
        u64 deadline = sys_deadline_ms(1000);

        while (psci_call(PSCI_AFFINITY_INFO64, CPU1, 0, 0) != PSCI_AFF_OFF &&
               !sys_expired(deadline)) {
        }
    }
}

/* ---- a remote store clears the monitor ------------------------------------------ */

static volatile u64 target __attribute__((aligned(64)));
static volatile u64 step __attribute__((aligned(64)));

/* CPU 1: each time step becomes 1 or 3, stores arg-chosen values to
 * target, then advances step. */
static void cpu1_storer(u64 arg)
{
    (void)arg;
    sys_mmu_identity_on();
    wait_flag(&step, 1, 5000);
    target = 0x2222;                    /* a different value */
    set_flag(&step, 2);
    wait_flag(&step, 3, 5000);
    target = target;                    /* the same value again */
    set_flag(&step, 4);
}

static void test_remote_store(void)
{
    u64 v, st, r;

    target = 0x1111;
    step = 0;
    DSB_SY();
    r = sys_cpu_on(CPU1, cpu1_storer, 0);
    CHECK("remote-cpu-on", r, PSCI_SUCCESS);

    /* LDXR, let CPU 1 store another value, STXR: must fail. */
    __asm__ volatile("ldxr %0, [%1]" : "=r"(v) : "r"(&target) : "memory");
    set_flag(&step, 1);
    wait_flag(&step, 2, 2000);
    __asm__ volatile("stxr %w0, %2, [%1]" : "=&r"(st) : "r"(&target), "r"(0x3333ul)
                     : "memory");
    CHECK("remote-store-handshake", step, 2);
    CHECK("ldxr-value", v, 0x1111);
    CHECK("remote-store-fails-stxr", st, 1);
    CHECK("remote-store-value-kept", target, 0x2222);

    /* The same with a store of the value already there: the monitor
     * tracks the address, not the value (no ABA). */
    __asm__ volatile("ldxr %0, [%1]" : "=r"(v) : "r"(&target) : "memory");
    set_flag(&step, 3);
    wait_flag(&step, 4, 2000);
    __asm__ volatile("stxr %w0, %2, [%1]" : "=&r"(st) : "r"(&target), "r"(0x4444ul)
                     : "memory");
    CHECK("same-value-handshake", step, 4);
    CHECK("same-value-remote-store-fails-stxr", st, 1);
    CHECK("same-value-remote-store-value-kept", target, 0x2222);
}

int main(void)
{
    sys_install_vectors();
    have_lse = ((READ_SYSREG(id_aa64isar0_el1) >> 20) & 0xf) >= 2;
    sys_mmu_identity_on();
    test_counter_race();
    test_remote_store();
    return 0;
}
