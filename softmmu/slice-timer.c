/*
 * slice-timer.c — the host-time end of vCPU slices (sysemu/slice-timer.h).
 *
 * One thread, started on first use, waits on a condition variable with the
 * armed deadline as its timeout (CLOCK_MONOTONIC, the clock of CLOCK_RT).
 * Arming records the CPU and deadline and signals only when the thread would
 * otherwise wake too late; disarming only clears the armed flag (no
 * wake-up: the thread finds the slice gone when its timeout ends). So a
 * slice that ends early costs no system call. The kick is one atomic store to cpu->exit_request, which the vCPU
 * reads at its next block entry.
 */
#include "util/osdep.h"
#include "util/timer.h"
#include "sysemu/slice-timer.h"

#include <pthread.h>
#include <time.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond;
static pthread_once_t started = PTHREAD_ONCE_INIT;

static CPUState *armed_cpu;     /* NULL: nothing armed */
static int64_t armed_deadline;  /* CLOCK_RT ns */
static uint64_t kicks;
/* When the thread will look again by itself (INT64_MAX: only if signalled). */
static int64_t thread_wakes_at = INT64_MAX;

static void *slice_timer_thread(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&lock);
    for (;;) {
        while (!armed_cpu) {
            thread_wakes_at = INT64_MAX;
            pthread_cond_wait(&cond, &lock);
        }
        int64_t deadline = armed_deadline;
        int64_t now = clock_get_ns(CLOCK_RT);

        if (now < deadline) {
            struct timespec ts = {
                .tv_sec = deadline / 1000000000,
                .tv_nsec = deadline % 1000000000,
            };
            /* Woken early by an earlier deadline, or timed out: look
             * again (a later deadline armed meanwhile just means another
             * wait). */
            thread_wakes_at = deadline;
            pthread_cond_timedwait(&cond, &lock, &ts);
            continue;
        }
        cpu_exit(armed_cpu);
        armed_cpu = NULL;
        kicks++;
    }
    return NULL;
}

static void slice_timer_start(void)
{
    pthread_condattr_t attr;
    pthread_t thread;
    sigset_t all, old;

    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&cond, &attr);
    pthread_condattr_destroy(&attr);
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
    pthread_once(&started, slice_timer_start);
    pthread_mutex_lock(&lock);
    armed_cpu = cpu;
    armed_deadline = deadline_ns;
    if (deadline_ns < thread_wakes_at) {
        pthread_cond_signal(&cond);
    }
    pthread_mutex_unlock(&lock);
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
