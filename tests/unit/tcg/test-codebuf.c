/*
 * test-codebuf.c — the JIT code buffer: two views of the same memory, W^X
 * (checked in /proc/self/maps), code written through one view runs through
 * the other, bump allocation, pinning and flushing.
 */
#include "util/osdep.h"
#include "tcg/codebuf.h"

/* The permission string ("r-xs") of the mapping that contains p. */
static char *maps_perms(const void *p)
{
    g_autofree char *maps = NULL;
    char *result = NULL;

    g_assert_true(g_file_get_contents("/proc/self/maps", &maps, NULL, NULL));
    for (char *line = strtok(maps, "\n"); line; line = strtok(NULL, "\n")) {
        unsigned long lo, hi;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3 &&
            (uintptr_t)p >= lo && (uintptr_t)p < hi) {
            result = g_strdup(perms);
            break;
        }
    }
    return result;
}

static void test_views(void)
{
    TCGCodeBuf cb;
    GError *err = NULL;

    g_assert_true(codebuf_init(&cb, 1 * MiB + 1, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(cb.size, ==, 1 * MiB + 4096);     /* rounded to pages */
    g_assert_true(cb.rw != cb.rx);
    g_assert_true(codebuf_contains_rx(&cb, cb.rx));
    g_assert_false(codebuf_contains_rx(&cb, cb.rw));
    g_assert_true(codebuf_rx_to_rw(&cb, cb.rx + 100) == cb.rw + 100);
    g_assert_true(codebuf_rw_to_rx(&cb, cb.rw + 100) == cb.rx + 100);

    /* One memory: a write through rw is seen through rx. */
    cb.rw[12345] = 0x5a;
    g_assert_cmphex(cb.rx[12345], ==, 0x5a);

    /* W^X: never both on one mapping. */
    g_autofree char *prw = maps_perms(cb.rw);
    g_autofree char *prx = maps_perms(cb.rx);
    g_assert_nonnull(prw);
    g_assert_nonnull(prx);
    g_assert_cmpint(prw[1], ==, 'w');
    g_assert_cmpint(prw[2], ==, '-');
    g_assert_cmpint(prx[1], ==, '-');
    g_assert_cmpint(prx[2], ==, 'x');
    codebuf_destroy(&cb);
}

static void test_run_code(void)
{
    TCGCodeBuf cb;
    size_t avail;
    uint8_t *rw;
    /* mov eax, imm32; ret */
    static const uint8_t code[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 };

    g_assert_true(codebuf_init(&cb, 64 * KiB, NULL));
    rw = codebuf_begin(&cb, &avail);
    g_assert_true(rw == cb.rw);
    g_assert_cmpuint(avail, ==, cb.size);
    memcpy(rw, code, sizeof(code));
    const void *rx = codebuf_commit(&cb, rw, sizeof(code));
    g_assert_true(rx == cb.rx);
    int (*fn)(void) = (int (*)(void))rx;
    g_assert_cmpint(fn(), ==, 42);

    /* Rewrite through rw, run again through rx. */
    rw[1] = 7;
    codebuf_sync_icache(rx, sizeof(code));
    g_assert_cmpint(fn(), ==, 7);
    codebuf_destroy(&cb);
}

static void test_alloc_pin_flush(void)
{
    TCGCodeBuf cb;
    size_t avail;
    uint8_t *a, *b, *c;

    g_assert_true(codebuf_init(&cb, 64 * KiB, NULL));
    a = codebuf_begin(&cb, &avail);
    codebuf_commit(&cb, a, 5);
    b = codebuf_begin(&cb, &avail);
    g_assert_cmpint(b - a, ==, CODEBUF_ALIGN);          /* blocks are aligned */
    g_assert_cmpuint(avail, ==, cb.size - CODEBUF_ALIGN);
    codebuf_pin(&cb);                                   /* a is the "prologue" */

    codebuf_commit(&cb, b, 1000);
    c = codebuf_begin(&cb, &avail);
    g_assert_cmpint(c - b, ==, ROUND_UP(1000, CODEBUF_ALIGN));
    g_assert_cmpuint(codebuf_free(&cb), ==, avail);

    codebuf_flush(&cb);
    g_assert_cmpuint(cb.flush_count, ==, 1);
    g_assert_true(codebuf_begin(&cb, &avail) == b);     /* a survived */

    /* Filling up: commit never passes the end. */
    codebuf_commit(&cb, b, avail);
    g_assert_cmpuint(codebuf_free(&cb), ==, 0);
    codebuf_begin(&cb, &avail);
    g_assert_cmpuint(avail, ==, 0);
    codebuf_destroy(&cb);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/codebuf/views", test_views);
    g_test_add_func("/tcg/codebuf/run-code", test_run_code);
    g_test_add_func("/tcg/codebuf/alloc-pin-flush", test_alloc_pin_flush);
    return g_test_run();
}
