/*
 * test-arm-gtimer.c — the generic timer (target/arm/gtimer.c): the output
 * line for CVAL in the past, IMASK and ENABLE, TVAL arithmetic, firing at
 * the right virtual time, the virtual offset, and EL0 access rules. The
 * virtual clock is paused and warped, so nothing depends on host timing.
 */
#include "arm-test.h"
#include "util/timer.h"
#include "hw/irq.h"

#define K ARM_SYSREG_KEY
#define KEY_CNTPCT      K(3, 3, 14, 0, 1)
#define KEY_CNTVCT      K(3, 3, 14, 0, 2)
#define KEY_CNTKCTL     K(3, 0, 14, 1, 0)
#define KEY_CNTP_TVAL   K(3, 3, 14, 2, 0)
#define KEY_CNTP_CTL    K(3, 3, 14, 2, 1)
#define KEY_CNTP_CVAL   K(3, 3, 14, 2, 2)
#define KEY_CNTV_CTL    K(3, 3, 14, 3, 1)
#define KEY_CNTV_CVAL   K(3, 3, 14, 3, 2)
#define KEY_CNTVOFF     K(3, 4, 14, 0, 3)
#define KEY_CNTHP_CTL   K(3, 4, 14, 2, 1)
#define KEY_CNTHCTL     K(3, 4, 14, 1, 0)

#define NS_PER_TICK 16              /* 62.5 MHz */

static int line_level[GTIMER_COUNT];
static int line_changes;

static void line_handler(void *opaque, int n, int level)
{
    line_level[n] = level;
    line_changes++;
}

static IRQLine **lines;

static ARMCPU *new_cpu(const char *opts)
{
    ARMCPU *cpu = arm_test_cpu_new("max", opts, 0);

    if (!lines) {
        lines = irq_lines_new(line_handler, NULL, GTIMER_COUNT);
    }
    memset(line_level, 0, sizeof(line_level));
    line_changes = 0;
    for (int i = 0; i < GTIMER_COUNT; i++) {
        cpu->gt_timer_outputs[i] = lines[i];
    }
    clock_virtual_pause();
    return cpu;
}

static void free_cpu(ARMCPU *cpu)
{
    clock_virtual_resume();
    arm_test_cpu_free(cpu);
}

static uint64_t mrs(ARMCPU *cpu, uint32_t key)
{
    uint64_t v = 0;

    g_assert_cmpint(arm_test_mrs(cpu, key, &v), ==, -1);
    return v;
}

static void msr(ARMCPU *cpu, uint32_t key, uint64_t v)
{
    g_assert_cmpint(arm_test_msr(cpu, key, v), ==, -1);
}

/* CVAL in the past: the line rises as soon as the timer is enabled;
 * IMASK lowers it (ISTATUS stays), disabling clears ISTATUS. */
static void test_cval_past(void)
{
    ARMCPU *cpu = new_cpu(NULL);

    clock_virtual_warp_ns(1000000);
    msr(cpu, KEY_CNTP_CVAL, 10);
    g_assert_cmpint(line_level[GTIMER_PHYS], ==, 0);   /* not enabled */
    msr(cpu, KEY_CNTP_CTL, GTIMER_CTL_ENABLE);
    g_assert_cmpint(line_level[GTIMER_PHYS], ==, 1);
    g_assert_cmphex(mrs(cpu, KEY_CNTP_CTL), ==, GTIMER_CTL_ENABLE | GTIMER_CTL_ISTATUS);
    msr(cpu, KEY_CNTP_CTL, GTIMER_CTL_ENABLE | GTIMER_CTL_IMASK);
    g_assert_cmpint(line_level[GTIMER_PHYS], ==, 0);
    g_assert_cmphex(mrs(cpu, KEY_CNTP_CTL), ==,
                    GTIMER_CTL_ENABLE | GTIMER_CTL_IMASK | GTIMER_CTL_ISTATUS);
    msr(cpu, KEY_CNTP_CTL, GTIMER_CTL_ENABLE);
    g_assert_cmpint(line_level[GTIMER_PHYS], ==, 1);
    msr(cpu, KEY_CNTP_CTL, 0);
    g_assert_cmpint(line_level[GTIMER_PHYS], ==, 0);
    g_assert_cmphex(mrs(cpu, KEY_CNTP_CTL), ==, 0);
    /* ISTATUS is read-only. */
    msr(cpu, KEY_CNTP_CTL, GTIMER_CTL_ISTATUS);
    g_assert_cmphex(mrs(cpu, KEY_CNTP_CTL), ==, 0);
    /* The other timers' lines did not move. */
    g_assert_cmpint(line_level[GTIMER_VIRT], ==, 0);
    free_cpu(cpu);
}

/* TVAL: CVAL - count (32 bits), and writes set CVAL = count + sext(TVAL). */
static void test_tval(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;
    uint64_t count;

    clock_virtual_warp_ns(NS_PER_TICK * 1000);
    count = mrs(cpu, KEY_CNTPCT);
    msr(cpu, KEY_CNTP_TVAL, 1000);
    g_assert_cmpuint(env->sys.gt[GTIMER_PHYS].cval, ==, count + 1000);
    g_assert_cmpuint(mrs(cpu, KEY_CNTP_TVAL), ==, 1000);
    clock_virtual_warp_ns(NS_PER_TICK * 400);
    g_assert_cmpuint(mrs(cpu, KEY_CNTP_TVAL), ==, 600);
    clock_virtual_warp_ns(NS_PER_TICK * 700);
    /* Past the compare value: TVAL counts down below zero. */
    g_assert_cmphex(mrs(cpu, KEY_CNTP_TVAL), ==, (uint32_t)-100);
    /* A negative TVAL sets a CVAL in the past: ISTATUS at once. */
    count = mrs(cpu, KEY_CNTPCT);
    msr(cpu, KEY_CNTP_TVAL, (uint32_t)-5);
    g_assert_cmpuint(env->sys.gt[GTIMER_PHYS].cval, ==, count - 5);
    msr(cpu, KEY_CNTP_CTL, GTIMER_CTL_ENABLE);
    g_assert_cmpint(line_level[GTIMER_PHYS], ==, 1);
    free_cpu(cpu);
}

/* The line rises exactly when the count reaches CVAL. */
static void test_fires_on_time(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    uint64_t count;

    clock_virtual_warp_ns(NS_PER_TICK * 5000 + 3);
    count = mrs(cpu, KEY_CNTPCT);
    msr(cpu, KEY_CNTP_CVAL, count + 625);                       /* 10 us */
    msr(cpu, KEY_CNTP_CTL, GTIMER_CTL_ENABLE);
    g_assert_cmpint(line_level[GTIMER_PHYS], ==, 0);
    g_assert_true(timer_pending(cpu->gt_timer[GTIMER_PHYS]));
    g_assert_cmpint(timer_expire_time_ns(cpu->gt_timer[GTIMER_PHYS]), ==,
                    (int64_t)(count + 625) * NS_PER_TICK);
    /* Warp to 1 ns before the deadline: nothing yet. */
    clock_virtual_warp_ns(timer_expire_time_ns(cpu->gt_timer[GTIMER_PHYS]) -
                          clock_get_ns(CLOCK_VIRTUAL) - 1);
    timers_run_expired(CLOCK_VIRTUAL);
    g_assert_cmpint(line_level[GTIMER_PHYS], ==, 0);
    clock_virtual_warp_ns(1);
    g_assert_true(timers_run_expired(CLOCK_VIRTUAL));
    g_assert_cmpint(line_level[GTIMER_PHYS], ==, 1);
    g_assert_cmpuint(mrs(cpu, KEY_CNTPCT), ==, count + 625);
    /* Moving CVAL forward lowers the line and re-arms the timer. */
    msr(cpu, KEY_CNTP_CVAL, count + 2000);
    g_assert_cmpint(line_level[GTIMER_PHYS], ==, 0);
    g_assert_cmpint(timer_expire_time_ns(cpu->gt_timer[GTIMER_PHYS]), ==,
                    (int64_t)(count + 2000) * NS_PER_TICK);
    /* Disabling cancels the timer. */
    msr(cpu, KEY_CNTP_CTL, 0);
    g_assert_false(timer_pending(cpu->gt_timer[GTIMER_PHYS]));
    free_cpu(cpu);
}

/* The virtual timer compares CNTVCT = CNTPCT - CNTVOFF_EL2. */
static void test_virtual_offset(void)
{
    ARMCPU *cpu = new_cpu("has-el2=on");
    uint64_t pct, vct;

    clock_virtual_warp_ns(NS_PER_TICK * 100000);
    msr(cpu, KEY_CNTVOFF, 40000);                       /* at EL2 */
    /* CNTHCTL_EL2 resets with EL1 access to the physical counter and
     * timer trapped; open them, then check the trap itself. */
    arm_test_set_el(cpu, 1, true, true);
    g_assert_cmpint(arm_test_mrs(cpu, KEY_CNTPCT, NULL), ==, EXCP_UDEF);
    g_assert_cmpint(cpu->env.exception.target_el, ==, 2);
    arm_test_set_el(cpu, 2, true, true);
    msr(cpu, KEY_CNTHCTL, CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN);
    arm_test_set_el(cpu, 1, true, true);
    pct = mrs(cpu, KEY_CNTPCT);
    vct = mrs(cpu, KEY_CNTVCT);
    g_assert_cmpuint(pct - vct, ==, 40000);
    msr(cpu, KEY_CNTV_CVAL, vct + 100);
    msr(cpu, KEY_CNTV_CTL, GTIMER_CTL_ENABLE);
    g_assert_cmpint(line_level[GTIMER_VIRT], ==, 0);
    g_assert_cmpint(timer_expire_time_ns(cpu->gt_timer[GTIMER_VIRT]), ==,
                    (int64_t)(pct + 100) * NS_PER_TICK);
    clock_virtual_warp_ns(NS_PER_TICK * 100);
    timers_run_expired(CLOCK_VIRTUAL);
    g_assert_cmpint(line_level[GTIMER_VIRT], ==, 1);
    g_assert_cmpint(line_level[GTIMER_PHYS], ==, 0);
    /* The EL2 physical timer is a separate one. */
    arm_test_set_el(cpu, 2, true, true);
    g_assert_cmphex(mrs(cpu, KEY_CNTHP_CTL), ==, 0);
    free_cpu(cpu);
}

/* EL0 access to the physical timer needs CNTKCTL_EL1.EL0PTEN. */
static void test_el0_access(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;

    arm_test_set_el(cpu, 0, false, false);
    g_assert_cmpint(arm_test_mrs(cpu, KEY_CNTP_CTL, NULL), ==, EXCP_UDEF);
    g_assert_cmphex(env->exception.syndrome, ==, arm_test_syn(KEY_CNTP_CTL, true));
    g_assert_cmpint(arm_test_mrs(cpu, KEY_CNTPCT, NULL), ==, EXCP_UDEF);
    arm_test_set_el(cpu, 1, true, true);
    msr(cpu, KEY_CNTKCTL, CNTKCTL_EL0PTEN | CNTKCTL_EL0PCTEN);
    arm_test_set_el(cpu, 0, false, false);
    msr(cpu, KEY_CNTP_CTL, GTIMER_CTL_ENABLE | GTIMER_CTL_IMASK);
    g_assert_cmphex(mrs(cpu, KEY_CNTP_CTL) & 3, ==, 3);
    mrs(cpu, KEY_CNTPCT);
    /* The virtual timer is still closed to EL0. */
    g_assert_cmpint(arm_test_mrs(cpu, KEY_CNTV_CTL, NULL), ==, EXCP_UDEF);
    free_cpu(cpu);
}

/* A CPU reset disarms the timers and lowers the lines. */
static void test_reset(void)
{
    ARMCPU *cpu = new_cpu(NULL);

    msr(cpu, KEY_CNTP_CVAL, 0);
    msr(cpu, KEY_CNTP_CTL, GTIMER_CTL_ENABLE);
    g_assert_cmpint(line_level[GTIMER_PHYS], ==, 1);
    device_reset(DEVICE(cpu));
    g_assert_cmpint(line_level[GTIMER_PHYS], ==, 0);
    g_assert_cmphex(cpu->env.sys.gt[GTIMER_PHYS].ctl, ==, 0);
    g_assert_false(timer_pending(cpu->gt_timer[GTIMER_PHYS]));
    free_cpu(cpu);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm/gtimer/cval-past", test_cval_past);
    g_test_add_func("/arm/gtimer/tval", test_tval);
    g_test_add_func("/arm/gtimer/fires-on-time", test_fires_on_time);
    g_test_add_func("/arm/gtimer/virtual-offset", test_virtual_offset);
    g_test_add_func("/arm/gtimer/el0-access", test_el0_access);
    g_test_add_func("/arm/gtimer/reset", test_reset);
    return g_test_run();
}
