/*
 * slice-timer.c — the host-time end of vCPU slices (sysemu/slice-timer.h).
 *
 * One thread, started on first use, waits on a futex word with an
 * absolute timeout (CLOCK_MONOTONIC, the clock of CLOCK_RT); a condition
 * variable would cost a second system call per timed wait. Arming records the CPU
 * and deadline; disarming only clears the armed flag. The kick is one
 * atomic store to cpu->exit_request, which the vCPU reads at its next
 * block entry.
 *
 * System calls. Slices follow each other back to back, so after a kick
 * (or a wait that found a slice still running) the thread does not wait
 * for a signal but times out one quantum (plus SLICE_TIMER_SLACK_NS)
 * later, when the next slice most likely ends. Arming signals the thread
 * only if it would otherwise look more than SLICE_TIMER_SLACK_NS after
 * the deadline (an earlier device timer, or the thread idle). In a busy
 * guest a slice thus costs one timed wait of the thread and nothing on the
 * vCPU side; a kick may come up to the slack late. Only a wake-up that
 * finds nothing armed (the vCPUs idle) makes the thread wait untimed.
 */
#include "util/osdep.h"
#include "util/timer.h"
#include "sysemu/slice-timer.h"

#include <pthread.h>
#include <time.h>
#include <linux/futex.h>
#include <sys/syscall.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* Bumped (under lock) to wake the thread; it sleeps while it is unchanged. */
static uint32_t wake_seq;
static pthread_once_t started = PTHREAD_ONCE_INIT;

static CPUState *armed_cpu;     /* NULL: nothing armed */
static int64_t armed_deadline;  /* CLOCK_RT ns */
static uint64_t kicks;
/* How late a kick may come (see the top of the file). */
#define SLICE_TIMER_SLACK_NS (100 * 1000)
/* When the thread will look again by itself (INT64_MAX: only if signalled). */
static int64_t thread_wakes_at = INT64_MAX;

static void *slice_timer_thread(void *unused)
{
    /* When to look next although nothing is armed (the next slice's end,
     * guessed), or INT64_MAX: only when signalled. */
    int64_t idle_until = INT64_MAX;

    (void)unused;
    pthread_mutex_lock(&lock);
    for (;;) {
        int64_t now = clock_get_ns(CLOCK_RT);
        int64_t wake;
        uint32_t seq;

        if (armed_cpu && now >= armed_deadline) {
            /* The slice is over even if an interrupt is taken at the
             * same block boundary (check_interrupts would go on). */
            __atomic_store_n(&armed_cpu->end_slice_request, 1, __ATOMIC_SEQ_CST);
            cpu_exit(armed_cpu);
            armed_cpu = NULL;
            kicks++;
            /* Another slice will most likely start at once. */
            idle_until = now + SLICE_TIMER_QUANTUM_NS + SLICE_TIMER_SLACK_NS;
            wake = idle_until;
        } else if (armed_cpu) {
            wake = armed_deadline;
            idle_until = armed_deadline + SLICE_TIMER_QUANTUM_NS +
                         SLICE_TIMER_SLACK_NS;
        } else if (now < idle_until) {
            wake = idle_until;
        } else {
            wake = idle_until = INT64_MAX;
        }
        thread_wakes_at = wake;
        seq = wake_seq;
        pthread_mutex_unlock(&lock);
        /* Returns when woken, when the word changed meanwhile, or at the
         * timeout: in all cases, look again. */
        if (wake == INT64_MAX) {
            syscall(SYS_futex, &wake_seq, FUTEX_WAIT_PRIVATE, seq, NULL, NULL, 0);
        } else {
            struct timespec ts = {
                .tv_sec = wake / 1000000000,
                .tv_nsec = wake % 1000000000,
            };
            syscall(SYS_futex, &wake_seq, FUTEX_WAIT_BITSET_PRIVATE, seq, &ts,
                    NULL, FUTEX_BITSET_MATCH_ANY);
        }
        pthread_mutex_lock(&lock);
    }
    return NULL;
}

static void slice_timer_start(void)
{
    pthread_t thread;
    sigset_t all, old;

    /* Signals stay with the main thread. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    if (pthread_create(&thread, NULL, slice_timer_thread, NULL) != 0) {
        fprintf(stderr, "turtle: cannot start the slice timer thread\n");
        exit(1);
    }
    pthread_detach(thread);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

void slice_timer_arm(CPUState *cpu, int64_t deadline_ns)
{
    bool wake;

    pthread_once(&started, slice_timer_start);
    pthread_mutex_lock(&lock);
    /* A kick of an earlier slice that came after it ended is stale. */
    __atomic_store_n(&cpu->end_slice_request, 0, __ATOMIC_SEQ_CST);
    armed_cpu = cpu;
    armed_deadline = deadline_ns;
    wake = deadline_ns + SLICE_TIMER_SLACK_NS < thread_wakes_at;
    if (wake) {
        __atomic_store_n(&wake_seq, wake_seq + 1, __ATOMIC_RELAXED);
        thread_wakes_at = deadline_ns;  /* it will look by then */
    }
    pthread_mutex_unlock(&lock);
    if (wake) {
        syscall(SYS_futex, &wake_seq, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    }
}

void slice_timer_disarm(void)
{
    pthread_mutex_lock(&lock);
    armed_cpu = NULL;
    pthread_mutex_unlock(&lock);
}

uint64_t slice_timer_kicks(void)
{
    uint64_t n;

    pthread_mutex_lock(&lock);
    n = kicks;
    pthread_mutex_unlock(&lock);
    return n;
}
