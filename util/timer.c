/*
 * timer.c — the three clocks and their timer lists (see util/timer.h).
 *
 * CLOCK_RT is the host monotonic clock, CLOCK_HOST the host wall clock.
 * CLOCK_VIRTUAL is guest time. Without icount it is the monotonic clock
 * minus the time spent paused (kept as an offset that changes at each
 * resume, so it stops dead while paused and never jumps back). With icount
 * it is (executed instructions << shift) plus any test warp, so a run is
 * deterministic: it advances only through icount_add().
 *
 * Each clock keeps its armed timers in a singly linked list sorted by expiry;
 * machines arm a few dozen timers at most, so a sorted insert is cheaper and
 * simpler than a heap. Callbacks run with no lock held and may arm, delete or
 * free any timer, their own included: the runner re-reads the list head after
 * each callback instead of holding an iterator across it. A timer re-armed at
 * or before "now" by its own callback waits for the next run (a run only
 * fires each timer once), so a buggy periodic timer cannot hang the loop.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/timer.h"

#include <assert.h>

#include <time.h>

/* Defined in main-loop.c: wakes a main_loop_wait that sleeps in poll with a
 * timeout computed before this timer became the earliest one. */
void main_loop_timers_changed(void);

struct Timer {
    ClockType type;
    int64_t expire;             /* absolute ns on its clock; -1: not armed */
    TimerCallback *cb;
    void *opaque;
    Timer *next;                /* in its clock's sorted list */
    uint64_t fired_run;         /* run number that last fired it */
};

typedef struct TimerList {
    Timer *head;
    uint64_t run;               /* incremented at each timers_run_expired */
} TimerList;

/* One lock for all lists: timers may be armed from a vCPU thread one day,
 * and the lock is never held across a callback. */
static GMutex timer_lock;
static TimerList timer_lists[CLOCK_MAX];

/* Virtual clock state (without icount). */
static bool virt_init;
static bool virt_running = true;
static int64_t virt_offset;     /* virtual = monotonic + offset */
static int64_t virt_frozen;     /* value while paused */

/* icount state. */
static bool icount_on;
static int icount_shift_val;
static int64_t icount_insns;
static int64_t icount_bias;     /* ns added by clock_virtual_warp_ns */

#define ICOUNT_MAX_SHIFT 10

static int64_t host_clock_ns(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

/* Called with timer_lock held. Virtual time starts at 0 on first use. */
static void virt_ensure_init(void)
{
    if (!virt_init) {
        virt_init = true;
        virt_offset = -host_clock_ns(CLOCK_MONOTONIC);
        virt_frozen = 0;
    }
}

static int64_t virt_now_locked(void)
{
    if (icount_on) {
        return (icount_insns << icount_shift_val) + icount_bias;
    }
    virt_ensure_init();
    if (!virt_running) {
        return virt_frozen;
    }
    return host_clock_ns(CLOCK_MONOTONIC) + virt_offset;
}

static int64_t clock_now_locked(ClockType type)
{
    switch (type) {
    case CLOCK_VIRTUAL:
        return virt_now_locked();
    case CLOCK_HOST:
        return host_clock_ns(CLOCK_REALTIME);
    case CLOCK_RT:
    default:
        return host_clock_ns(CLOCK_MONOTONIC);
    }
}

int64_t clock_get_ns(ClockType type)
{
    int64_t now;

    if (type != CLOCK_VIRTUAL) {
        return clock_now_locked(type);
    }
    g_mutex_lock(&timer_lock);
    now = virt_now_locked();
    g_mutex_unlock(&timer_lock);
    return now;
}

/* ---- Virtual clock control -------------------------------------------- */

void clock_virtual_pause(void)
{
    g_mutex_lock(&timer_lock);
    if (virt_running) {
        virt_ensure_init();
        virt_frozen = host_clock_ns(CLOCK_MONOTONIC) + virt_offset;
        virt_running = false;
    }
    g_mutex_unlock(&timer_lock);
}

void clock_virtual_resume(void)
{
    g_mutex_lock(&timer_lock);
    if (!virt_running) {
        virt_ensure_init();
        /* Continue from the frozen value: the paused time is skipped. */
        virt_offset = virt_frozen - host_clock_ns(CLOCK_MONOTONIC);
        virt_running = true;
    }
    g_mutex_unlock(&timer_lock);
    /* The virtual deadline counts again for the main loop's poll timeout. */
    main_loop_timers_changed();
}

bool clock_virtual_is_running(void)
{
    return virt_running;
}

void clock_virtual_warp_ns(int64_t delta_ns)
{
    if (delta_ns <= 0) {
        return;
    }
    g_mutex_lock(&timer_lock);
    if (icount_on) {
        icount_bias += delta_ns;
    } else {
        virt_ensure_init();
        if (virt_running) {
            virt_offset += delta_ns;
        } else {
            virt_frozen += delta_ns;
        }
    }
    g_mutex_unlock(&timer_lock);
}

/* ---- icount ------------------------------------------------------------ */

/* Accepts "N", "shift=N"; refuses "shift=auto" and unknown keys. */
bool icount_configure(const char *opts, GError **errp)
{
    g_auto(GStrv) parts = g_strsplit(opts ? opts : "", ",", -1);
    const char *shift_str = NULL;
    char *end;
    long shift;

    for (char **p = parts; *p; p++) {
        const char *eq = strchr(*p, '=');

        if (!**p) {
            continue;
        }
        if (!eq && !shift_str && p == parts) {
            shift_str = *p;                 /* "-icount 3" */
        } else if (eq && !strncmp(*p, "shift=", 6)) {
            if (shift_str) {
                error_setg(errp, "-icount: 'shift' given twice");
                return false;
            }
            shift_str = eq + 1;
        } else {
            error_setg(errp, "-icount: unknown option '%.*s' (only shift=N is supported)",
                       eq ? (int)(eq - *p) : (int)strlen(*p), *p);
            return false;
        }
    }
    if (!shift_str || !*shift_str) {
        error_setg(errp, "-icount: shift=N is required");
        return false;
    }
    if (!strcmp(shift_str, "auto")) {
        error_setg(errp, "-icount: shift=auto is not supported; "
                   "give a fixed shift=N (0..%d)", ICOUNT_MAX_SHIFT);
        return false;
    }
    errno = 0;
    shift = strtol(shift_str, &end, 10);
    if (errno || *end || end == shift_str || shift < 0 || shift > ICOUNT_MAX_SHIFT) {
        error_setg(errp, "-icount: invalid shift '%s' (expected 0..%d)",
                   shift_str, ICOUNT_MAX_SHIFT);
        return false;
    }
    g_mutex_lock(&timer_lock);
    icount_on = true;
    icount_shift_val = (int)shift;
    icount_insns = 0;
    icount_bias = 0;
    g_mutex_unlock(&timer_lock);
    return true;
}

bool icount_enabled(void)
{
    return icount_on;
}

int icount_shift(void)
{
    return icount_shift_val;
}

void icount_add(int64_t insns)
{
    if (insns <= 0) {
        return;
    }
    g_mutex_lock(&timer_lock);
    icount_insns += insns;
    g_mutex_unlock(&timer_lock);
}

int64_t icount_budget(void)
{
    int64_t deadline = timers_deadline_ns(CLOCK_VIRTUAL);
    int64_t unit = (int64_t)1 << icount_shift_val;

    if (deadline < 0) {
        return INT64_MAX;
    }
    /* Enough instructions for virtual time to reach the expiry exactly. */
    return (deadline + unit - 1) >> icount_shift_val;
}

/* ---- Timers ------------------------------------------------------------ */

Timer *timer_new_ns(ClockType type, TimerCallback *cb, void *opaque)
{
    Timer *t = g_new0(Timer, 1);

    assert(type < CLOCK_MAX);
    t->type = type;
    t->expire = -1;
    t->cb = cb;
    t->opaque = opaque;
    return t;
}

/* Called with timer_lock held. */
static void timer_unlink_locked(Timer *t)
{
    Timer **pp;

    if (t->expire < 0) {
        return;
    }
    for (pp = &timer_lists[t->type].head; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    }
    t->next = NULL;
    t->expire = -1;
}

void timer_free(Timer *t)
{
    if (!t) {
        return;
    }
    timer_del(t);
    g_free(t);
}

void timer_del(Timer *t)
{
    g_mutex_lock(&timer_lock);
    timer_unlink_locked(t);
    g_mutex_unlock(&timer_lock);
}

void timer_mod(Timer *t, int64_t expire_ns)
{
    Timer **pp;
    bool new_head;

    if (expire_ns < 0) {
        expire_ns = 0;
    }
    g_mutex_lock(&timer_lock);
    timer_unlink_locked(t);
    t->expire = expire_ns;
    /* Equal expiries keep arming order (insert after the equal ones). */
    for (pp = &timer_lists[t->type].head; *pp; pp = &(*pp)->next) {
        if ((*pp)->expire > expire_ns) {
            break;
        }
    }
    t->next = *pp;
    *pp = t;
    new_head = timer_lists[t->type].head == t;
    g_mutex_unlock(&timer_lock);

    if (new_head) {
        main_loop_timers_changed();
    }
}

bool timer_pending(const Timer *t)
{
    return t->expire >= 0;
}

int64_t timer_expire_time_ns(const Timer *t)
{
    return t->expire;
}

bool timers_run_expired(ClockType type)
{
    TimerList *tl = &timer_lists[type];
    bool ran = false;
    uint64_t run;
    int64_t now;

    g_mutex_lock(&timer_lock);
    run = ++tl->run;
    now = clock_now_locked(type);
    for (;;) {
        Timer *t;
        TimerCallback *cb;
        void *opaque;

        /* The list may have changed under the last callback: rescan. */
        for (t = tl->head; t && t->expire <= now; t = t->next) {
            if (t->fired_run != run) {
                break;
            }
        }
        if (!t || t->expire > now) {
            break;
        }
        timer_unlink_locked(t);
        t->fired_run = run;
        cb = t->cb;
        opaque = t->opaque;
        g_mutex_unlock(&timer_lock);
        cb(opaque);             /* may free t */
        ran = true;
        g_mutex_lock(&timer_lock);
    }
    g_mutex_unlock(&timer_lock);
    return ran;
}

int64_t timers_deadline_ns(ClockType type)
{
    int64_t deadline = -1;

    g_mutex_lock(&timer_lock);
    if (timer_lists[type].head) {
        int64_t now = clock_now_locked(type);

        deadline = timer_lists[type].head->expire - now;
        if (deadline < 0) {
            deadline = 0;
        }
    }
    g_mutex_unlock(&timer_lock);
    return deadline;
}
