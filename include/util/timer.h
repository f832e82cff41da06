/*
 * timer.h — clocks and timers.
 *
 * Three clocks:
 *   CLOCK_VIRTUAL   guest time: stops while the VM is paused; with -icount it
 *                   advances only with executed instructions (deterministic);
 *   CLOCK_HOST      host wall-clock time (CLOCK_REALTIME), for the RTC;
 *   CLOCK_RT        host monotonic time, always running (monitor, UI).
 *
 * Timers fire from the main loop (main_loop_wait), never asynchronously, so
 * device code needs no locking. A callback may re-arm its own timer.
 */
#ifndef TURTLE_UTIL_TIMER_H
#define TURTLE_UTIL_TIMER_H

#include "util/osdep.h"

typedef enum ClockType {
    CLOCK_VIRTUAL,
    CLOCK_HOST,
    CLOCK_RT,           /* host monotonic time, always running */
    CLOCK_MAX,
} ClockType;

typedef struct Timer Timer;
typedef void TimerCallback(void *opaque);

int64_t clock_get_ns(ClockType type);
static inline int64_t clock_get_ms(ClockType type)
{
    return clock_get_ns(type) / 1000000;
}

Timer *timer_new_ns(ClockType type, TimerCallback *cb, void *opaque);
void timer_free(Timer *t);
/* Arms the timer to expire at the absolute time expire_ns on its clock. */
void timer_mod(Timer *t, int64_t expire_ns);
void timer_del(Timer *t);
bool timer_pending(const Timer *t);
int64_t timer_expire_time_ns(const Timer *t);   /* -1 when not pending */

/* Runs the callbacks of expired timers of one clock; true if any ran. */
bool timers_run_expired(ClockType type);
/* Nanoseconds until the next timer of that clock expires, -1 for none. */
int64_t timers_deadline_ns(ClockType type);

/* Virtual clock control: paused while the VM is stopped. */
void clock_virtual_pause(void);
void clock_virtual_resume(void);
bool clock_virtual_is_running(void);

/* -icount shift=N: virtual time = executed instructions << N ns. */
bool icount_configure(const char *opts, GError **errp);
bool icount_enabled(void);
int icount_shift(void);
/* The CPU loop reports executed instructions here when icount is on. */
void icount_add(int64_t insns);
/* How many instructions may run before the next virtual timer is due (the
 * CPU loop uses it as its budget); INT64_MAX if no timer is pending. */
int64_t icount_budget(void);
/* For tests: warps the virtual clock forward (icount mode or a paused
 * clock in tests only). */
void clock_virtual_warp_ns(int64_t delta_ns);

#endif
