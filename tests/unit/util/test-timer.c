/*
 * test-timer.c — unit tests of the clocks, timers, icount and the main loop
 * (util/timer.c, util/main-loop.c).
 *
 * Timer list tests use the virtual clock paused and warped forward, so they
 * do not depend on host timing. Main loop tests measure real elapsed time
 * with a generous tolerance for loaded CI machines.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/timer.h"
#include "util/main-loop.h"

#include <unistd.h>

#define MS 1000000LL

/* Records the order in which timers fire: each callback appends its tag. */
static GString *fired;

static void record_cb(void *opaque)
{
    g_string_append(fired, (const char *)opaque);
}

static void fired_reset(void)
{
    if (!fired) {
        fired = g_string_new("");
    }
    g_string_truncate(fired, 0);
}

static void test_firing_order(void)
{
    Timer *a, *b, *c, *d;
    int64_t now;

    fired_reset();
    clock_virtual_pause();
    now = clock_get_ns(CLOCK_VIRTUAL);
    a = timer_new_ns(CLOCK_VIRTUAL, record_cb, "a");
    b = timer_new_ns(CLOCK_VIRTUAL, record_cb, "b");
    c = timer_new_ns(CLOCK_VIRTUAL, record_cb, "c");
    d = timer_new_ns(CLOCK_VIRTUAL, record_cb, "d");
    timer_mod(c, now + 300);
    timer_mod(a, now + 100);
    timer_mod(b, now + 200);
    timer_mod(d, now + 200);        /* same expiry as b, armed later */
    g_assert_true(timer_pending(a));
    g_assert_cmpint(timer_expire_time_ns(b), ==, now + 200);

    g_assert_false(timers_run_expired(CLOCK_VIRTUAL));
    g_assert_cmpstr(fired->str, ==, "");

    clock_virtual_warp_ns(150);
    g_assert_true(timers_run_expired(CLOCK_VIRTUAL));
    g_assert_cmpstr(fired->str, ==, "a");
    g_assert_false(timer_pending(a));
    g_assert_cmpint(timer_expire_time_ns(a), ==, -1);

    clock_virtual_warp_ns(1000);
    g_assert_true(timers_run_expired(CLOCK_VIRTUAL));
    g_assert_cmpstr(fired->str, ==, "abdc");

    /* Re-arming an armed timer moves it. */
    timer_mod(a, now + 5000);
    timer_mod(b, now + 4000);
    timer_mod(a, now + 3000);
    clock_virtual_warp_ns(5000);
    fired_reset();
    timers_run_expired(CLOCK_VIRTUAL);
    g_assert_cmpstr(fired->str, ==, "ab");

    timer_free(a);
    timer_free(b);
    timer_free(c);
    timer_free(d);
    clock_virtual_resume();
}

typedef struct Periodic {
    Timer *t;
    int count;
    int64_t period;
} Periodic;

static void periodic_cb(void *opaque)
{
    Periodic *p = opaque;

    p->count++;
    /* Re-arm relative to the old expiry: may already be in the past. */
    timer_mod(p->t, clock_get_ns(CLOCK_VIRTUAL) - 10 + p->period);
}

static void test_rearm_in_callback(void)
{
    Periodic p = { .period = 100 };

    clock_virtual_pause();
    p.t = timer_new_ns(CLOCK_VIRTUAL, periodic_cb, &p);
    timer_mod(p.t, clock_get_ns(CLOCK_VIRTUAL) + 100);
    for (int i = 1; i <= 5; i++) {
        clock_virtual_warp_ns(100);
        g_assert_true(timers_run_expired(CLOCK_VIRTUAL));
        g_assert_cmpint(p.count, ==, i);
        g_assert_true(timer_pending(p.t));
    }

    /* A timer re-armed into the past by its own callback fires once per
     * run, not in an endless loop. */
    p.period = -1000;
    clock_virtual_warp_ns(1000);
    g_assert_true(timers_run_expired(CLOCK_VIRTUAL));
    g_assert_cmpint(p.count, ==, 6);
    g_assert_true(timers_run_expired(CLOCK_VIRTUAL));
    g_assert_cmpint(p.count, ==, 7);
    timer_free(p.t);
    clock_virtual_resume();
}

static Timer *victim, *self_freeing;

static void delete_other_cb(void *opaque)
{
    g_string_append(fired, "k");
    timer_del(victim);
}

static void free_self_cb(void *opaque)
{
    g_string_append(fired, "s");
    timer_free(self_freeing);
    self_freeing = NULL;
}

static void test_delete_in_callback(void)
{
    Timer *killer;
    int64_t now;

    fired_reset();
    clock_virtual_pause();
    now = clock_get_ns(CLOCK_VIRTUAL);
    killer = timer_new_ns(CLOCK_VIRTUAL, delete_other_cb, NULL);
    victim = timer_new_ns(CLOCK_VIRTUAL, record_cb, "v");
    self_freeing = timer_new_ns(CLOCK_VIRTUAL, free_self_cb, NULL);
    timer_mod(killer, now + 10);
    timer_mod(self_freeing, now + 15);
    timer_mod(victim, now + 20);
    clock_virtual_warp_ns(100);
    g_assert_true(timers_run_expired(CLOCK_VIRTUAL));
    g_assert_cmpstr(fired->str, ==, "ks");
    g_assert_false(timer_pending(victim));
    g_assert_null(self_freeing);
    g_assert_cmpint(timers_deadline_ns(CLOCK_VIRTUAL), ==, -1);
    timer_free(killer);
    timer_free(victim);
    clock_virtual_resume();
}

static void test_deadline(void)
{
    Timer *a, *b;
    int64_t now;

    clock_virtual_pause();
    g_assert_cmpint(timers_deadline_ns(CLOCK_VIRTUAL), ==, -1);
    now = clock_get_ns(CLOCK_VIRTUAL);
    a = timer_new_ns(CLOCK_VIRTUAL, record_cb, "a");
    b = timer_new_ns(CLOCK_VIRTUAL, record_cb, "b");
    timer_mod(a, now + 5000);
    g_assert_cmpint(timers_deadline_ns(CLOCK_VIRTUAL), ==, 5000);
    timer_mod(b, now + 700);
    g_assert_cmpint(timers_deadline_ns(CLOCK_VIRTUAL), ==, 700);
    clock_virtual_warp_ns(200);
    g_assert_cmpint(timers_deadline_ns(CLOCK_VIRTUAL), ==, 500);
    clock_virtual_warp_ns(1000);
    g_assert_cmpint(timers_deadline_ns(CLOCK_VIRTUAL), ==, 0);   /* overdue */
    timer_del(b);
    g_assert_cmpint(timers_deadline_ns(CLOCK_VIRTUAL), ==, 3800);
    timer_free(a);
    timer_free(b);
    g_assert_cmpint(timers_deadline_ns(CLOCK_VIRTUAL), ==, -1);

    /* The realtime clock runs: a deadline shrinks by itself. */
    a = timer_new_ns(CLOCK_RT, record_cb, "a");
    timer_mod(a, clock_get_ns(CLOCK_RT) + 1000 * MS);
    g_usleep(20000);
    g_assert_cmpint(timers_deadline_ns(CLOCK_RT), <=, 981 * MS);
    g_assert_cmpint(timers_deadline_ns(CLOCK_RT), >, 500 * MS);
    timer_free(a);
    clock_virtual_resume();
}

static void test_virtual_pause(void)
{
    int64_t v0, v1, v2, v3;

    g_assert_true(clock_virtual_is_running());
    v0 = clock_get_ns(CLOCK_VIRTUAL);
    g_usleep(10000);
    v1 = clock_get_ns(CLOCK_VIRTUAL);
    g_assert_cmpint(v1 - v0, >=, 10 * MS);

    clock_virtual_pause();
    g_assert_false(clock_virtual_is_running());
    v1 = clock_get_ns(CLOCK_VIRTUAL);
    g_usleep(60000);
    v2 = clock_get_ns(CLOCK_VIRTUAL);
    g_assert_cmpint(v2, ==, v1);

    clock_virtual_resume();
    g_assert_true(clock_virtual_is_running());
    g_usleep(10000);
    v3 = clock_get_ns(CLOCK_VIRTUAL);
    /* Advanced again by about 10 ms, and the 60 ms pause is not counted. */
    g_assert_cmpint(v3 - v2, >=, 10 * MS);
    g_assert_cmpint(v3 - v2, <, 55 * MS);

    /* The host clocks do not stop. */
    v0 = clock_get_ns(CLOCK_HOST);
    g_assert_cmpint(v0 / NANOSECONDS_PER_SECOND, >=, (int64_t)time(NULL) - 2);
    g_assert_cmpint(v0 / NANOSECONDS_PER_SECOND, <=, (int64_t)time(NULL) + 2);
}

static void test_icount_parse(void)
{
    GError *err = NULL;

    g_assert_false(icount_configure("shift=auto", &err));
    g_assert_nonnull(strstr(err->message, "shift=auto is not supported"));
    g_clear_error(&err);
    g_assert_false(icount_configure("shift=x", &err));
    g_assert_nonnull(strstr(err->message, "invalid shift 'x'"));
    g_clear_error(&err);
    g_assert_false(icount_configure("shift=99", &err));
    g_clear_error(&err);
    g_assert_false(icount_configure("sleep=on", &err));
    g_assert_nonnull(strstr(err->message, "unknown option 'sleep'"));
    g_clear_error(&err);
    g_assert_false(icount_configure("", &err));
    g_clear_error(&err);
    g_assert_false(icount_enabled());
}

static void icount_mode_child(void)
{
    GError *err = NULL;
    Timer *t;
    int64_t v;

    g_assert_true(icount_configure("3", &err));
    g_assert_no_error(err);
    g_assert_true(icount_configure("shift=2", &err));
    g_assert_true(icount_enabled());
    g_assert_cmpint(icount_shift(), ==, 2);

    /* Time is insns << shift and nothing else. */
    g_assert_cmpint(clock_get_ns(CLOCK_VIRTUAL), ==, 0);
    g_usleep(5000);
    g_assert_cmpint(clock_get_ns(CLOCK_VIRTUAL), ==, 0);
    icount_add(10);
    g_assert_cmpint(clock_get_ns(CLOCK_VIRTUAL), ==, 40);
    icount_add(5);
    g_assert_cmpint(clock_get_ns(CLOCK_VIRTUAL), ==, 60);

    /* Budget: instructions until the earliest virtual timer. */
    g_assert_cmpint(icount_budget(), ==, INT64_MAX);
    fired_reset();
    t = timer_new_ns(CLOCK_VIRTUAL, record_cb, "t");
    timer_mod(t, 100);
    g_assert_cmpint(icount_budget(), ==, 10);           /* (100-60)/4 */
    timer_mod(t, 101);
    g_assert_cmpint(icount_budget(), ==, 11);           /* rounded up */
    icount_add(icount_budget() - 1);
    g_assert_false(timers_run_expired(CLOCK_VIRTUAL));
    g_assert_cmpint(icount_budget(), ==, 1);
    icount_add(1);
    g_assert_cmpint(icount_budget(), ==, 0);
    g_assert_true(timers_run_expired(CLOCK_VIRTUAL));
    g_assert_cmpstr(fired->str, ==, "t");

    /* Pause does not move time in icount mode; warp does. */
    v = clock_get_ns(CLOCK_VIRTUAL);
    clock_virtual_pause();
    clock_virtual_resume();
    g_assert_cmpint(clock_get_ns(CLOCK_VIRTUAL), ==, v);
    clock_virtual_warp_ns(1000);
    g_assert_cmpint(clock_get_ns(CLOCK_VIRTUAL), ==, v + 1000);

    /* In icount mode the main loop does not sleep on virtual deadlines. */
    timer_mod(t, clock_get_ns(CLOCK_VIRTUAL) + 1);
    {
        int64_t t0 = clock_get_ns(CLOCK_RT);

        main_loop_wait(false, 30 * MS);
        g_assert_cmpint(clock_get_ns(CLOCK_RT) - t0, >=, 25 * MS);
    }
    timer_free(t);
}

static void test_icount_mode(void)
{
    /* icount cannot be turned off again: run it in a child process. */
    if (g_test_subprocess()) {
        icount_mode_child();
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed();
}

/* ---- Main loop -------------------------------------------------------- */

static int64_t fired_at;

static void stamp_cb(void *opaque)
{
    fired_at = clock_get_ns(CLOCK_RT);
    (*(int *)opaque)++;
}

static void test_loop_timer_wakes(void)
{
    int count = 0;
    Timer *t = timer_new_ns(CLOCK_RT, stamp_cb, &count);
    int64_t t0 = clock_get_ns(CLOCK_RT);
    int64_t elapsed;

    timer_mod(t, t0 + 50 * MS);
    while (count == 0 && clock_get_ns(CLOCK_RT) - t0 < 2000 * MS) {
        main_loop_wait(false, -1);
    }
    elapsed = clock_get_ns(CLOCK_RT) - t0;
    g_assert_cmpint(count, ==, 1);
    g_assert_cmpint(fired_at - t0, >=, 50 * MS);
    g_assert_cmpint(elapsed, <, 50 * MS + 40 * MS);   /* tolerance for CI */

    /* A virtual timer wakes the loop while the clock runs... */
    timer_free(t);
    t = timer_new_ns(CLOCK_VIRTUAL, stamp_cb, &count);
    t0 = clock_get_ns(CLOCK_RT);
    timer_mod(t, clock_get_ns(CLOCK_VIRTUAL) + 30 * MS);
    main_loop_wait(false, 1000 * MS);
    g_assert_cmpint(count, ==, 2);
    g_assert_cmpint(clock_get_ns(CLOCK_RT) - t0, <, 300 * MS);

    /* ...but not while it is paused: then max_wait_ns bounds the sleep. */
    clock_virtual_pause();
    timer_mod(t, clock_get_ns(CLOCK_VIRTUAL) + 5 * MS);
    t0 = clock_get_ns(CLOCK_RT);
    main_loop_wait(false, 60 * MS);
    g_assert_cmpint(clock_get_ns(CLOCK_RT) - t0, >=, 55 * MS);
    g_assert_cmpint(count, ==, 2);
    clock_virtual_resume();
    timer_free(t);
}

static void bh_cb(void *opaque)
{
    (*(int *)opaque)++;
}

static BottomHalf *rescheduling_bh;

static void bh_resched_cb(void *opaque)
{
    (*(int *)opaque)++;
    bh_schedule(rescheduling_bh);
}

static void test_loop_bh(void)
{
    int count = 0, count2 = 0;
    BottomHalf *bh = bh_new(bh_cb, &count);
    int64_t t0;

    /* A scheduled bh runs at the next wait, which does not sleep. */
    bh_schedule(bh);
    bh_schedule(bh);            /* scheduling twice runs it once */
    t0 = clock_get_ns(CLOCK_RT);
    main_loop_wait(false, 2000 * MS);
    g_assert_cmpint(count, ==, 1);
    g_assert_cmpint(clock_get_ns(CLOCK_RT) - t0, <, 500 * MS);
    main_loop_wait(true, 0);
    g_assert_cmpint(count, ==, 1);

    /* Deleted before it runs: never runs. */
    bh_schedule(bh);
    bh_delete(bh);
    main_loop_wait(true, 0);
    g_assert_cmpint(count, ==, 1);

    /* A bh re-scheduling itself runs once per wait. */
    rescheduling_bh = bh_new(bh_resched_cb, &count2);
    bh_schedule(rescheduling_bh);
    main_loop_wait(false, -1);
    g_assert_cmpint(count2, ==, 1);
    main_loop_wait(false, -1);
    g_assert_cmpint(count2, ==, 2);
    bh_delete(rescheduling_bh);
    main_loop_wait(true, 0);
    g_assert_cmpint(count2, ==, 2);
}

static gpointer notify_thread(gpointer opaque)
{
    g_usleep(50000);
    if (opaque) {
        bh_schedule(opaque);
    } else {
        main_loop_notify();
    }
    return NULL;
}

static void test_loop_notify(void)
{
    GThread *th;
    int64_t t0, elapsed;
    int count = 0;
    BottomHalf *bh;

    t0 = clock_get_ns(CLOCK_RT);
    th = g_thread_new("notify", notify_thread, NULL);
    main_loop_wait(false, 5000 * MS);
    elapsed = clock_get_ns(CLOCK_RT) - t0;
    g_thread_join(th);
    g_assert_cmpint(elapsed, >=, 45 * MS);
    g_assert_cmpint(elapsed, <, 1000 * MS);

    /* bh_schedule from another thread wakes the loop and runs it. */
    bh = bh_new(bh_cb, &count);
    t0 = clock_get_ns(CLOCK_RT);
    th = g_thread_new("notify", notify_thread, bh);
    while (count == 0 && clock_get_ns(CLOCK_RT) - t0 < 5000 * MS) {
        main_loop_wait(false, 5000 * MS);
    }
    elapsed = clock_get_ns(CLOCK_RT) - t0;
    g_thread_join(th);
    g_assert_cmpint(count, ==, 1);
    g_assert_cmpint(elapsed, <, 1000 * MS);
    bh_delete(bh);
}

static gboolean glib_timeout_cb(gpointer opaque)
{
    (*(int *)opaque)++;
    return G_SOURCE_REMOVE;
}

static void test_loop_glib_source(void)
{
    int count = 0;
    int64_t t0 = clock_get_ns(CLOCK_RT);

    g_timeout_add(40, glib_timeout_cb, &count);
    while (count == 0 && clock_get_ns(CLOCK_RT) - t0 < 2000 * MS) {
        main_loop_wait(false, -1);
    }
    g_assert_cmpint(count, ==, 1);
    g_assert_cmpint(clock_get_ns(CLOCK_RT) - t0, >=, 39 * MS);
    g_assert_cmpint(clock_get_ns(CLOCK_RT) - t0, <, 500 * MS);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/timer/firing-order", test_firing_order);
    g_test_add_func("/timer/rearm-in-callback", test_rearm_in_callback);
    g_test_add_func("/timer/delete-in-callback", test_delete_in_callback);
    g_test_add_func("/timer/deadline", test_deadline);
    g_test_add_func("/timer/virtual-pause", test_virtual_pause);
    g_test_add_func("/timer/icount-parse", test_icount_parse);
    g_test_add_func("/timer/icount-mode", test_icount_mode);
    g_test_add_func("/main-loop/timer-wakes", test_loop_timer_wakes);
    g_test_add_func("/main-loop/bottom-half", test_loop_bh);
    g_test_add_func("/main-loop/notify", test_loop_notify);
    g_test_add_func("/main-loop/glib-source", test_loop_glib_source);
    return g_test_run();
}
