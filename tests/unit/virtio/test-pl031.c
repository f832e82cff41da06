/*
 * test-pl031.c — the PL031 real-time clock through its MMIO registers:
 * identification, the counter against the host clock, loading it, and the
 * match interrupt firing at the right host second (the main loop runs the
 * CLOCK_HOST timer).
 */
#include "util/osdep.h"
#include "util/log.h"
#include "util/main-loop.h"
#include "util/timer.h"
#include "exec/memory.h"
#include "hw/irq.h"
#include "hw/sysbus.h"

#define RTC_BASE 0x09010000ULL

static int irq_level;
static int64_t irq_raised_at;           /* CLOCK_HOST ns of the last rise */

static void record_irq(void *opaque, int n, int level)
{
    if (level && !irq_level) {
        irq_raised_at = clock_get_ns(CLOCK_HOST);
    }
    irq_level = level;
}

static uint32_t rd(hwaddr off)
{
    uint64_t v = 0;

    g_assert_cmpint(address_space_ld(get_address_space_memory(), RTC_BASE + off,
                                     4, false, &v, MEMTXATTRS_UNSPECIFIED),
                    ==, MEMTX_OK);
    return v;
}

static void wr(hwaddr off, uint32_t v)
{
    g_assert_cmpint(address_space_st(get_address_space_memory(), RTC_BASE + off,
                                     4, false, v, MEMTXATTRS_UNSPECIFIED),
                    ==, MEMTX_OK);
}

static int64_t host_seconds(void)
{
    return clock_get_ns(CLOCK_HOST) / NANOSECONDS_PER_SECOND;
}

static DeviceState *rtc;

/* RTCDR - host seconds, read within one host second. */
static uint32_t counter_offset(void)
{
    for (;;) {
        int64_t a = host_seconds();
        uint32_t dr = rd(0x000);

        if (host_seconds() == a) {
            return dr - (uint32_t)a;
        }
    }
}

static void test_id(void)
{
    static const uint8_t id[8] = { 0x31, 0x10, 0x14, 0x00,
                                   0x0d, 0xf0, 0x05, 0xb1 };

    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(rd(0xfe0 + 4 * i), ==, id[i]);
    }
    /* Started out of reset; writes do not stop it. */
    g_assert_cmpuint(rd(0x00c), ==, 1);
    wr(0x00c, 0);
    g_assert_cmpuint(rd(0x00c), ==, 1);
}

static void test_counter(void)
{
    int64_t before = host_seconds();
    uint32_t dr = rd(0x000);
    int64_t after = host_seconds();

    /* The host's Unix time. */
    g_assert_cmpuint(dr, >=, (uint32_t)before);
    g_assert_cmpuint(dr, <=, (uint32_t)after);
    /* Loading moves it; RTCLR reads back what was written. */
    wr(0x008, 1000000);
    g_assert_cmpuint(rd(0x008), ==, 1000000);
    dr = rd(0x000);
    g_assert_cmpuint(dr, >=, 1000000);
    g_assert_cmpuint(dr, <=, 1000001);
    /* A machine reset keeps the time, as a battery-backed clock does. */
    device_reset(rtc);
    dr = rd(0x000);
    g_assert_cmpuint(dr, >=, 1000000);
    g_assert_cmpuint(dr, <=, 1000002);
    g_assert_cmpuint(rd(0x008), ==, 0);
}

static void test_match_interrupt(void)
{
    uint32_t now, match;
    int64_t deadline, fire_host_sec;

    device_reset(rtc);
    g_assert_cmpint(irq_level, ==, 0);
    wr(0x010, 1);                       /* unmask */
    now = rd(0x000);
    match = now + 2;
    wr(0x004, match);
    g_assert_cmpuint(rd(0x004), ==, match);
    /* Not yet. */
    g_assert_cmpuint(rd(0x014), ==, 0);
    g_assert_cmpint(irq_level, ==, 0);
    deadline = clock_get_ns(CLOCK_RT) + 5 * NANOSECONDS_PER_SECOND;
    while (!irq_level && clock_get_ns(CLOCK_RT) < deadline) {
        main_loop_wait(false, 100 * 1000 * 1000);
        /* Never before the counter reaches the match value. */
        if (!irq_level) {
            g_assert_cmpuint((uint32_t)(rd(0x000) - now), <, 2);
        }
    }
    g_assert_cmpint(irq_level, ==, 1);
    /* It fired in the host second where the counter became match. */
    fire_host_sec = irq_raised_at / NANOSECONDS_PER_SECOND;
    g_assert_cmpuint(rd(0x000), >=, match);
    g_assert_cmpuint((uint32_t)(fire_host_sec + counter_offset()), ==, match);
    g_assert_cmpuint(rd(0x014), ==, 1);
    g_assert_cmpuint(rd(0x018), ==, 1);
    /* Clear. */
    wr(0x01c, 1);
    g_assert_cmpint(irq_level, ==, 0);
    g_assert_cmpuint(rd(0x014), ==, 0);
}

/* The counter's value when the interrupt rose must be the match value:
 * load a known time, match one second later, check with the host clock. */
static void test_match_exact_second(void)
{
    int64_t start, deadline;
    uint32_t match;

    device_reset(rtc);
    wr(0x010, 1);
    /* Load 5000 at the start of a host second, match 5001. */
    start = host_seconds();
    while (host_seconds() == start) {
        g_usleep(1000);
    }
    start = host_seconds();
    wr(0x008, 5000);
    match = 5001;
    wr(0x004, match);
    deadline = clock_get_ns(CLOCK_RT) + 4 * NANOSECONDS_PER_SECOND;
    while (!irq_level && clock_get_ns(CLOCK_RT) < deadline) {
        main_loop_wait(false, 50 * 1000 * 1000);
    }
    g_assert_cmpint(irq_level, ==, 1);
    /* Counter = 5000 + (host seconds - start): it became 5001 at start+1. */
    g_assert_cmpint(irq_raised_at / NANOSECONDS_PER_SECOND, ==, start + 1);
    wr(0x01c, 1);
}

static void test_masked_and_immediate(void)
{
    device_reset(rtc);
    /* Masked: the raw status is set, the line stays low. */
    wr(0x004, rd(0x000));               /* matches now */
    g_assert_cmpuint(rd(0x014), ==, 1);
    g_assert_cmpuint(rd(0x018), ==, 0);
    g_assert_cmpint(irq_level, ==, 0);
    /* Unmasking raises it; masking lowers it. */
    wr(0x010, 1);
    g_assert_cmpint(irq_level, ==, 1);
    wr(0x010, 0);
    g_assert_cmpint(irq_level, ==, 0);
    wr(0x01c, 1);
    g_assert_cmpuint(rd(0x014), ==, 0);
    /* A match far away does not fire; reset cancels it. */
    wr(0x004, rd(0x000) + 1000);
    device_reset(rtc);
    main_loop_wait(true, 0);
    g_assert_cmpuint(rd(0x014), ==, 0);
    /* Bad accesses are harmless. */
    wr(0x000, 5);
    wr(0x100, 5);
    g_assert_cmpuint(rd(0x100), ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    log_set_mask(LOG_GUEST_ERROR);
    rtc = sysbus_create_simple("pl031", RTC_BASE,
                               irq_line_new(record_irq, NULL, 0));
    g_test_add_func("/virtio/pl031/id", test_id);
    g_test_add_func("/virtio/pl031/counter", test_counter);
    g_test_add_func("/virtio/pl031/match-interrupt", test_match_interrupt);
    g_test_add_func("/virtio/pl031/match-exact-second", test_match_exact_second);
    g_test_add_func("/virtio/pl031/masked-and-immediate", test_masked_and_immediate);
    return g_test_run();
}
