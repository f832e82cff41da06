/*
 * cpus.c — the main loop: round-robin vCPU time slices interleaved with
 * device, timer and monitor work (see sysemu/cpus.h).
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "util/main-loop.h"
#include "util/timer.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"
#include "sysemu/slice-timer.h"

static const AccelOps *accel_ops;
static CPUState *debug_cpu;
/* Next CPU to run, so that a round interrupted by an exit resumes fairly. */
static guint next_cpu;

void accel_register(const AccelOps *ops)
{
    accel_ops = ops;
}

const AccelOps *accel_get(void)
{
    return accel_ops;
}

bool cpus_init(GError **errp)
{
    CPUState *cpu;

    if (!accel_ops) {
        return true;
    }
    CPU_FOREACH(cpu) {
        if (!accel_ops->vcpu_init(cpu, errp)) {
            return false;
        }
    }
    return true;
}

void cpus_debug_stop(CPUState *cpu)
{
    debug_cpu = cpu;
    vm_stop(RUN_STATE_DEBUG);
}

CPUState *cpus_debug_cpu(void)
{
    return debug_cpu;
}

static bool cpu_runnable(CPUState *cpu)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);

    if (cpu->stopped) {
        return false;
    }
    if (cpu->halted) {
        if (cc->has_work && cc->has_work(cpu)) {
            cpu->halted = false;
            return true;
        }
        return false;
    }
    return true;
}

/*
 * Without -icount a slice ends by host time: after the quantum, or at the
 * next timer deadline if that is earlier (the main loop runs timers
 * between slices).
 */
static int64_t slice_deadline_ns(void)
{
    int64_t now = clock_get_ns(CLOCK_RT);
    int64_t wait = SLICE_TIMER_QUANTUM_NS;
    ClockType clocks[] = { CLOCK_VIRTUAL, CLOCK_HOST, CLOCK_RT };

    for (unsigned i = 0; i < G_N_ELEMENTS(clocks); i++) {
        int64_t d = timers_deadline_ns(clocks[i]);

        if (d >= 0 && d < wait) {
            wait = d;
        }
    }
    return now + wait;
}

/* Under -icount: the instructions a slice may run before the next virtual
 * timer (at most CPUS_SLICE_INSNS); 0 if none may run yet. */
static int64_t icount_slice_budget(void)
{
    int64_t budget = icount_budget();

    if (budget <= 0) {
        /* A virtual timer is due before any instruction may run. */
        timers_run_expired(CLOCK_VIRTUAL);
        budget = icount_budget();
    }
    return MIN(budget, CPUS_SLICE_INSNS);
}

/* Runs one round of time slices; returns true if some CPU is still runnable
 * (the main loop then polls without sleeping). */
static bool cpus_run_round(void)
{
    guint n = cpu_list ? cpu_list->len : 0;
    bool any_runnable = false;

    if (!accel_ops || n == 0) {
        return false;
    }
    for (guint i = 0; i < n && runstate_is_running(); i++) {
        CPUState *cpu = g_ptr_array_index(cpu_list, (next_cpu + i) % n);
        int ret;

        if (!cpu_runnable(cpu)) {
            continue;
        }
        if (icount_enabled()) {
            int64_t budget = icount_slice_budget();

            if (budget <= 0) {
                continue;
            }
            ret = accel_ops->vcpu_exec(cpu, budget);
        } else {
            slice_timer_arm(cpu, slice_deadline_ns());
            ret = accel_ops->vcpu_exec(cpu, INT64_MAX);
            slice_timer_disarm();
        }
        if (ret == EXCP_DEBUG) {
            next_cpu = (next_cpu + i + 1) % n;
            cpus_debug_stop(cpu);
            return false;
        }
        /* Under -icount virtual timers run here; one that fired may have
         * woken a CPU that just halted: another round, not a sleep. */
        if (icount_enabled() && timers_run_expired(CLOCK_VIRTUAL)) {
            any_runnable = true;
        }
        if (ret != EXCP_HLT && ret != EXCP_HALTED) {
            any_runnable = true;
        }
        if (runstate_request_pending()) {
            next_cpu = (next_cpu + i + 1) % n;
            return true;
        }
    }
    next_cpu = (next_cpu + 1) % n;
    return any_runnable;
}

int cpus_main_loop(void)
{
    for (;;) {
        bool busy = false;

        if (runstate_process_requests()) {
            break;
        }
        if (runstate_is_running()) {
            busy = cpus_run_round();
        }
        /* With every CPU idle, sleep until the next timer or I/O event; in
         * icount mode idle time skips ahead to the next virtual deadline so
         * guest time still only follows instructions. */
        if (!busy && runstate_is_running() && icount_enabled()) {
            int64_t deadline = timers_deadline_ns(CLOCK_VIRTUAL);
            if (deadline > 0) {
                clock_virtual_warp_ns(deadline);
            }
            if (deadline >= 0) {
                /* Nothing else runs virtual timers while every CPU sleeps
                 * (main_loop_wait leaves them to the CPU loop). */
                timers_run_expired(CLOCK_VIRTUAL);
            }
            busy = deadline >= 0;
        }
        main_loop_wait(busy, -1);
    }
    return system_get_exit_status();
}
