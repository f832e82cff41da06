/*
 * main-loop.c — one iteration of Turtle's event loop, the wake-up fd and
 * bottom halves (see util/main-loop.h).
 *
 * main_loop_wait() drives the default glib context by hand (prepare, query,
 * poll, check, dispatch) rather than through g_main_context_iteration(),
 * because the poll timeout must come from our own timer lists and be precise
 * to the nanosecond (ppoll), and because our wake-up fd has to be in the same
 * poll. One iteration:
 *
 *   1. compute the timeout: 0 if a bottom half is pending or the caller is
 *      non-blocking, else the earliest timer deadline of CLOCK_RT,
 *      CLOCK_HOST and (only while it runs and icount is off: in icount mode
 *      the CPU loop advances virtual time and runs those timers) CLOCK_VIRTUAL,
 *      capped by max_wait_ns and by what glib sources ask for;
 *   2. poll glib's fds plus the wake-up fd;
 *   3. dispatch ready glib sources, then expired timers of every clock, then
 *      scheduled bottom halves.
 *
 * The wake-up fd is an eventfd (a pipe where eventfd is missing); writing it
 * is async-signal-safe, so main_loop_notify() works from signal handlers and
 * other threads. To avoid a write per timer_mod or bh_schedule, those only
 * notify while some thread sleeps in poll ("in_poll"); the flag is set before
 * the timeout is computed, so a change racing with the computation is seen by
 * one side or the other.
 */
#include "util/osdep.h"
#include "util/main-loop.h"
#include "util/timer.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>

void main_loop_timers_changed(void);

static int wakeup_rfd = -1;
static int wakeup_wfd = -1;
static GOnce wakeup_once = G_ONCE_INIT;
static gint in_poll;            /* atomic: a thread sleeps in ppoll */

struct BottomHalf {
    void (*cb)(void *opaque);
    void *opaque;
    gint scheduled;             /* atomic */
    bool deleted;
    BottomHalf *next;
};

static GMutex bh_lock;
static BottomHalf *bh_list;
static gint bh_pending;         /* atomic: some bottom half is scheduled */
static int bh_run_depth;        /* nested main_loop_wait calls */

static gpointer wakeup_init(gpointer unused)
{
    int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);

    if (fd >= 0) {
        wakeup_rfd = wakeup_wfd = fd;
    } else {
        int fds[2];

        if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) == 0) {
            wakeup_rfd = fds[0];
            wakeup_wfd = fds[1];
        }
    }
    return NULL;
}

static void wakeup_ensure(void)
{
    g_once(&wakeup_once, wakeup_init, NULL);
}

/* Created before main() so that a signal handler's main_loop_notify() works
 * even before the first wait. */
static void __attribute__((constructor)) main_loop_init(void)
{
    wakeup_ensure();
}

static void wakeup_drain(void)
{
    uint8_t buf[64];

    /* An eventfd read returns 8 bytes and resets it; a pipe needs a loop. */
    while (read(wakeup_rfd, buf, sizeof(buf)) > 0) {
        if (wakeup_rfd == wakeup_wfd) {
            break;
        }
    }
}

void main_loop_notify(void)
{
    static const uint64_t one = 1;
    int saved_errno = errno;
    ssize_t r;

    /* Set up by a constructor; only a failed eventfd/pipe leaves it -1. */
    if (wakeup_wfd < 0) {
        return;
    }
    /* 8 bytes for an eventfd; for a pipe any byte does. EAGAIN means the
     * fd is already readable, which is what we want. */
    do {
        r = write(wakeup_wfd, &one, wakeup_rfd == wakeup_wfd ? sizeof(one) : 1);
    } while (r < 0 && errno == EINTR);
    errno = saved_errno;
}

void main_loop_timers_changed(void)
{
    if (g_atomic_int_get(&in_poll)) {
        main_loop_notify();
    }
}

/* ---- Bottom halves ----------------------------------------------------- */

BottomHalf *bh_new(void (*cb)(void *opaque), void *opaque)
{
    BottomHalf *bh = g_new0(BottomHalf, 1);

    bh->cb = cb;
    bh->opaque = opaque;
    g_mutex_lock(&bh_lock);
    bh->next = bh_list;
    bh_list = bh;
    g_mutex_unlock(&bh_lock);
    return bh;
}

void bh_schedule(BottomHalf *bh)
{
    if (g_atomic_int_compare_and_exchange(&bh->scheduled, 0, 1)) {
        g_atomic_int_set(&bh_pending, 1);
        if (g_atomic_int_get(&in_poll)) {
            main_loop_notify();
        }
    }
}

void bh_delete(BottomHalf *bh)
{
    if (!bh) {
        return;
    }
    /* Freed by the outermost bh_run_all: it may be running right now. */
    g_mutex_lock(&bh_lock);
    bh->deleted = true;
    g_atomic_int_set(&bh->scheduled, 0);
    g_mutex_unlock(&bh_lock);
}

/* Frees deleted bottom halves; only when no bh_run_all is on the stack. */
static void bh_reap(void)
{
    BottomHalf **pp;

    g_mutex_lock(&bh_lock);
    pp = &bh_list;
    while (*pp) {
        BottomHalf *bh = *pp;

        if (bh->deleted) {
            *pp = bh->next;
            g_free(bh);
        } else {
            pp = &bh->next;
        }
    }
    g_mutex_unlock(&bh_lock);
}

/* Runs each bottom half scheduled so far once; true if any ran. One that
 * re-schedules itself runs again at the next wait, not in this loop. */
static bool bh_run_all(void)
{
    g_autoptr(GPtrArray) todo = NULL;

    if (!g_atomic_int_get(&bh_pending)) {
        if (bh_run_depth == 0) {
            bh_reap();
        }
        return false;
    }
    g_atomic_int_set(&bh_pending, 0);
    todo = g_ptr_array_new();
    g_mutex_lock(&bh_lock);
    for (BottomHalf *bh = bh_list; bh; bh = bh->next) {
        if (!bh->deleted && g_atomic_int_compare_and_exchange(&bh->scheduled, 1, 0)) {
            g_ptr_array_add(todo, bh);
        }
    }
    g_mutex_unlock(&bh_lock);

    /* Oldest first: bh_new pushes at the head. Nothing is freed while
     * bh_run_depth > 0, so the pointers stay valid across callbacks. */
    bh_run_depth++;
    for (guint i = todo->len; i-- > 0;) {
        BottomHalf *bh = g_ptr_array_index(todo, i);

        if (!bh->deleted) {
            bh->cb(bh->opaque);
        }
    }
    bh_run_depth--;
    if (bh_run_depth == 0) {
        bh_reap();
    }
    return todo->len > 0;
}

/* ---- The loop ---------------------------------------------------------- */

static int64_t min_timeout(int64_t a, int64_t b)
{
    if (a < 0) {
        return b;
    }
    if (b < 0) {
        return a;
    }
    return a < b ? a : b;
}

/* Poll timeout in ns from our timers (-1: none). */
static int64_t timers_timeout_ns(void)
{
    int64_t t = -1;

    t = min_timeout(t, timers_deadline_ns(CLOCK_RT));
    t = min_timeout(t, timers_deadline_ns(CLOCK_HOST));
    if (clock_virtual_is_running() && !icount_enabled()) {
        t = min_timeout(t, timers_deadline_ns(CLOCK_VIRTUAL));
    }
    return t;
}

void main_loop_wait(bool nonblocking, int64_t max_wait_ns)
{
    GMainContext *ctx = g_main_context_default();
    GPollFD stack_fds[32];
    GPollFD *fds = stack_fds;
    int fds_alloc = G_N_ELEMENTS(stack_fds);
    struct pollfd *pfds;
    int max_priority = 0, nfds = 0, glib_timeout_ms = -1;
    int64_t timeout_ns;
    struct timespec ts, *tsp = NULL;
    bool owner;
    int r;

    wakeup_ensure();
    /* Only the thread owning the default context dispatches its sources
     * (normally the main thread; a nested call from a callback owns it). */
    owner = g_main_context_acquire(ctx);

    g_atomic_int_set(&in_poll, 1);
    if (owner) {
        g_main_context_prepare(ctx, &max_priority);
        for (;;) {
            /* One slot kept free for the wake-up fd. */
            nfds = g_main_context_query(ctx, max_priority, &glib_timeout_ms,
                                        fds, fds_alloc - 1);
            if (nfds < fds_alloc) {
                break;
            }
            fds_alloc = nfds + 9;
            if (fds == stack_fds) {
                fds = g_new(GPollFD, fds_alloc);
            } else {
                fds = g_renew(GPollFD, fds, fds_alloc);
            }
        }
    }
    fds[nfds].fd = wakeup_rfd;
    fds[nfds].events = G_IO_IN;
    fds[nfds].revents = 0;

    if (nonblocking || g_atomic_int_get(&bh_pending)) {
        timeout_ns = 0;
    } else {
        timeout_ns = timers_timeout_ns();
        if (glib_timeout_ms >= 0) {
            timeout_ns = min_timeout(timeout_ns, glib_timeout_ms * 1000000LL);
        }
        if (max_wait_ns >= 0) {
            timeout_ns = min_timeout(timeout_ns, max_wait_ns);
        }
    }
    if (timeout_ns >= 0) {
        ts.tv_sec = timeout_ns / NANOSECONDS_PER_SECOND;
        ts.tv_nsec = timeout_ns % NANOSECONDS_PER_SECOND;
        tsp = &ts;
    }

    /* GPollFD and struct pollfd differ in field types: convert. */
    pfds = g_new(struct pollfd, nfds + 1);
    for (int i = 0; i <= nfds; i++) {
        pfds[i].fd = fds[i].fd;
        pfds[i].events = fds[i].events;
        pfds[i].revents = 0;
    }
    r = ppoll(pfds, nfds + 1, tsp, NULL);
    g_atomic_int_set(&in_poll, 0);
    for (int i = 0; i <= nfds; i++) {
        fds[i].revents = r > 0 ? pfds[i].revents : 0;
    }
    g_free(pfds);

    if (fds[nfds].revents) {
        wakeup_drain();
    }
    if (owner) {
        if (g_main_context_check(ctx, max_priority, fds, nfds)) {
            g_main_context_dispatch(ctx);
        }
        g_main_context_release(ctx);
    }
    if (fds != stack_fds) {
        g_free(fds);
    }

    /* Timers may schedule bottom halves: those run in this same iteration. */
    timers_run_expired(CLOCK_RT);
    timers_run_expired(CLOCK_HOST);
    timers_run_expired(CLOCK_VIRTUAL);
    bh_run_all();
}
