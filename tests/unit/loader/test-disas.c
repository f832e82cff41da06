/*
 * test-disas.c — the capstone wrapper (util/disas.c): the line format, known
 * AArch64, x86-64, s390x and Thumb encodings, undecodable bytes, the
 * instruction limit and short tails.
 */
#include "util/osdep.h"
#include "util/disas.h"

#include <capstone/capstone.h>

static char *disas(int arch, int mode, const void *code, size_t size,
                   uint64_t addr, size_t max, size_t *lines)
{
    GString *out = g_string_new(NULL);
    size_t n = disas_guest(out, arch, mode, code, size, addr, max);

    if (lines) {
        *lines = n;
    }
    return g_string_free(out, false);
}

static void test_aarch64_known(void)
{
    static const uint8_t code[] = {
        0x1f, 0x20, 0x03, 0xd5,         /* nop */
        0xc0, 0x03, 0x5f, 0xd6,         /* ret */
        0x20, 0x00, 0x80, 0xd2,         /* movz x0, #1 */
        0x00, 0x04, 0x00, 0x91,         /* add x0, x0, #1 */
    };
    size_t lines;
    g_autofree char *s = disas(CS_ARCH_ARM64, CS_MODE_ARM, code, sizeof(code),
                               0x40080000, 0, &lines);

    g_assert_cmpuint(lines, ==, 4);
    g_assert_cmpstr(s, ==,
        "0x0000000040080000:  d503201f  nop\n"
        "0x0000000040080004:  d65f03c0  ret\n"
        "0x0000000040080008:  d2800020  movz     x0, #0x1\n"
        "0x000000004008000c:  91000400  add      x0, x0, #1\n");
}

static void test_aarch64_bad_and_limits(void)
{
    static const uint8_t code[] = {
        0x1f, 0x20, 0x03, 0xd5,         /* nop */
        0xff, 0xff, 0xff, 0xff,         /* unallocated */
        0xc0, 0x03, 0x5f, 0xd6,         /* ret */
        0xaa, 0xbb,                     /* a short tail */
    };
    size_t lines;
    g_autofree char *s = disas(CS_ARCH_ARM64, CS_MODE_ARM, code, sizeof(code),
                               0x1000, 0, &lines);
    g_autofree char *two = NULL;
    g_autofree char *be = NULL;

    g_assert_cmpuint(lines, ==, 4);
    g_assert_cmpstr(s, ==,
        "0x0000000000001000:  d503201f  nop\n"
        "0x0000000000001004:  ffffffff  .inst    0xffffffff\n"
        "0x0000000000001008:  d65f03c0  ret\n"
        "0x000000000000100c:  aa bb     .byte    0xaa, 0xbb\n");

    two = disas(CS_ARCH_ARM64, CS_MODE_ARM, code, sizeof(code), 0x1000, 2,
                &lines);
    g_assert_cmpuint(lines, ==, 2);
    g_assert_true(g_str_has_suffix(two, ".inst    0xffffffff\n"));
    g_assert_null(strstr(two, "ret"));

    /* The same words stored big-endian (BE8 data, as SCTLR.EE gives). */
    {
        static const uint8_t bcode[] = { 0xd5, 0x03, 0x20, 0x1f };

        be = disas(CS_ARCH_ARM64, CS_MODE_ARM | CS_MODE_BIG_ENDIAN, bcode, 4,
                   0, 0, &lines);
        g_assert_cmpstr(be, ==, "0x0000000000000000:  d503201f  nop\n");
    }
}

static void test_x86_64_known(void)
{
    static const uint8_t code[] = {
        0x55,                           /* push rbp */
        0x48, 0x89, 0xe5,               /* mov rbp, rsp */
        0x90,                           /* nop */
        0x06,                           /* invalid in 64-bit mode */
        0x48, 0xb8, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,
                                        /* movabs rax, imm64 */
        0xc3,                           /* ret */
    };
    size_t lines;
    g_autofree char *s = disas(CS_ARCH_X86, CS_MODE_64, code, sizeof(code),
                               0x7f0000001000, 0, &lines);

    g_assert_cmpuint(lines, ==, 6);
    g_assert_cmpstr(s, ==,
        "0x00007f0000001000:  55                       push     rbp\n"
        "0x00007f0000001001:  48 89 e5                 mov      rbp, rsp\n"
        "0x00007f0000001004:  90                       nop\n"
        "0x00007f0000001005:  06                       (bad)\n"
        "0x00007f0000001006:  48 b8 88 77 66 55 44 33 22 11  "
        "movabs   rax, 0x1122334455667788\n"
        "0x00007f0000001010:  c3                       ret\n");
}

static void test_host(void)
{
    static const uint8_t code[] = { 0x48, 0x31, 0xc0, 0xc3 };  /* xor; ret */
    g_autoptr(GString) out = g_string_new(NULL);

    disas_host(out, code, sizeof(code), 0x1000);
#if defined(__x86_64__)
    g_assert_cmpstr(out->str, ==,
        "0x0000000000001000:  48 31 c0                 xor      rax, rax\n"
        "0x0000000000001003:  c3                       ret\n");
#else
    g_assert_cmpuint(out->len, >, 0);
#endif
}

static void test_s390x(void)
{
    static const uint8_t code[] = {
        0x07, 0xfe,                     /* br %r14 (2 bytes) */
        0xa7, 0xf4, 0x00, 0x05,         /* j (4 bytes) */
    };
    size_t lines;
    g_autofree char *s = disas(CS_ARCH_SYSZ, CS_MODE_BIG_ENDIAN, code,
                               sizeof(code), 0x10000, 0, &lines);

    g_assert_cmpuint(lines, ==, 2);
    g_assert_nonnull(strstr(s, "0x0000000000010000:  07 fe"));
    g_assert_nonnull(strstr(s, "br       %r14\n"));
    g_assert_nonnull(strstr(s, "0x0000000000010002:  a7 f4 00 05"));
}

static void test_thumb(void)
{
    static const uint8_t code[] = {
        0x70, 0x47,                     /* bx lr */
        0x00, 0xbf,                     /* nop */
    };
    size_t lines;
    g_autofree char *s = disas(CS_ARCH_ARM, CS_MODE_THUMB, code, sizeof(code),
                               0x8000, 0, &lines);

    g_assert_cmpuint(lines, ==, 2);
    g_assert_cmpstr(s, ==,
        "0x0000000000008000:  4770      bx       lr\n"
        "0x0000000000008002:  bf00      nop\n");
}

static void test_unsupported_arch(void)
{
    static const uint8_t code[] = { 0 };
    size_t lines;
    g_autofree char *s = disas(1000, 0, code, 1, 0, 0, &lines);

    g_assert_false(disas_arch_supported(1000));
    g_assert_true(disas_arch_supported(CS_ARCH_ARM64));
    g_assert_cmpuint(lines, ==, 1);
    g_assert_nonnull(strstr(s, "no disassembler"));
}

/* Random bytes never stop the listing early and always consume everything. */
static void test_random_bytes(void)
{
    g_autoptr(GRand) rng = g_rand_new_with_seed(7);
    static const int archs[][2] = {
        { CS_ARCH_ARM64, CS_MODE_ARM },
        { CS_ARCH_X86, CS_MODE_64 },
        { CS_ARCH_SYSZ, CS_MODE_BIG_ENDIAN },
        { CS_ARCH_ARM, CS_MODE_THUMB },
    };

    for (int round = 0; round < 200; round++) {
        uint8_t buf[64];
        size_t len = g_rand_int_range(rng, 1, sizeof(buf) + 1);
        const int *a = archs[round % ARRAY_SIZE(archs)];
        g_autoptr(GString) out = g_string_new(NULL);
        size_t lines;
        g_autofree char *last = NULL;
        char **v;

        for (size_t i = 0; i < len; i++) {
            buf[i] = g_rand_int_range(rng, 0, 256);
        }
        lines = disas_guest(out, a[0], a[1], buf, len, 0x1000, 0);
        g_assert_cmpuint(lines, >, 0);
        v = g_strsplit(out->str, "\n", -1);
        g_assert_cmpuint(g_strv_length(v), ==, lines + 1);
        g_strfreev(v);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/disas/aarch64/known", test_aarch64_known);
    g_test_add_func("/disas/aarch64/bad-and-limits", test_aarch64_bad_and_limits);
    g_test_add_func("/disas/x86-64/known", test_x86_64_known);
    g_test_add_func("/disas/host", test_host);
    g_test_add_func("/disas/s390x", test_s390x);
    g_test_add_func("/disas/thumb", test_thumb);
    g_test_add_func("/disas/unsupported-arch", test_unsupported_arch);
    g_test_add_func("/disas/random-bytes", test_random_bytes);
    return g_test_run();
}
