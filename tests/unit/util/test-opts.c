/*
 * test-opts.c — unit tests of option-string parsing (util/opts.c): implied
 * keys, ",," escapes, bare flags, duplicates, empty values, booleans, sizes.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/opts.h"

/* Parses str and returns "k=v|k=v|..." for easy comparison. */
static char *parse_flat(const char *str, const char *implied)
{
    GError *err = NULL;
    g_autoptr(Opts) opts = opts_parse(str, implied, &err);
    GString *out = g_string_new(NULL);

    g_assert_no_error(err);
    g_assert_nonnull(opts);
    for (guint i = 0; i < opts->pairs->len; i++) {
        OptPair *p = &g_array_index(opts->pairs, OptPair, i);
        g_string_append_printf(out, "%s%s=%s", i ? "|" : "", p->key, p->value);
    }
    return g_string_free(out, FALSE);
}

static void parse_fails(const char *str, const char *implied,
                        const char *message)
{
    GError *err = NULL;
    Opts *opts = opts_parse(str, implied, &err);

    g_assert_null(opts);
    g_assert_nonnull(err);
    g_assert_cmpstr(err->message, ==, message);
    g_error_free(err);
}

#define ASSERT_PARSE(str, implied, expect) do { \
        g_autofree char *_got = parse_flat((str), (implied)); \
        g_assert_cmpstr(_got, ==, (expect)); \
    } while (0)

static void test_basic(void)
{
    ASSERT_PARSE("a=1,b=two", NULL, "a=1|b=two");
    ASSERT_PARSE("", NULL, "");
    ASSERT_PARSE("a=1,", NULL, "a=1");          /* trailing comma */
    ASSERT_PARSE("x-pmu=on,cache.direct=off", NULL, "x-pmu=on|cache.direct=off");
    /* Only the first '=' separates. */
    ASSERT_PARSE("append=console=ttyAMA0 root=/dev/vda", NULL,
                 "append=console=ttyAMA0 root=/dev/vda");
}

static void test_implied_key(void)
{
    ASSERT_PARSE("virtio-blk-device,drive=d0", "driver",
                 "driver=virtio-blk-device|drive=d0");
    ASSERT_PARSE("driver=pl011,id=u", "driver", "driver=pl011|id=u");
    /* Only the first element can be implied; later bare ones are flags. */
    ASSERT_PARSE("socket,server,id=c0", "backend",
                 "backend=socket|server=on|id=c0");
    /* The implied value may hold characters a key may not. */
    ASSERT_PARSE("/tmp/disk.img,if=none", "file", "file=/tmp/disk.img|if=none");
    parse_fails("virt,driver=x", "driver", "parameter 'driver' given twice");
}

static void test_escapes(void)
{
    ASSERT_PARSE("path=a,,b,x=1", NULL, "path=a,b|x=1");
    ASSERT_PARSE("path=a,,,,b", NULL, "path=a,,b");
    ASSERT_PARSE("path=end,,", NULL, "path=end,");
    ASSERT_PARSE("file=/tmp/x,,y.img,if=none", "file", "file=/tmp/x,y.img|if=none");
    ASSERT_PARSE("a,,b", "name", "name=a,b");
}

static void test_flags_and_empty(void)
{
    ASSERT_PARSE("server,nowait", NULL, "server=on|nowait=on");
    ASSERT_PARSE("a=", NULL, "a=");
    ASSERT_PARSE("a=,b=", NULL, "a=|b=");
    /* "noflag" is not special. */
    ASSERT_PARSE("nowait", NULL, "nowait=on");
}

static void test_errors(void)
{
    parse_fails("a=1,a=2", NULL, "parameter 'a' given twice");
    parse_fails("a,a", NULL, "parameter 'a' given twice");
    parse_fails("a=1,/tmp/x", NULL, "expected '=' after '/tmp/x'");
    parse_fails("a b", NULL, "expected '=' after 'a b'");
    parse_fails("=5", NULL, "missing parameter name before '=5'");
    parse_fails("a=1,=5", NULL, "missing parameter name before '=5'");
    parse_fails("fi le=x", NULL, "invalid parameter name 'fi le'");
    parse_fails(",a=1", NULL, "unexpected ',' at the start of ',a=1'");
}

static void test_getters(void)
{
    g_autoptr(Opts) opts = opts_parse("on1=yes,off1=false,bad=perhaps,"
                                      "sz=2M,badsz=2X", NULL, NULL);
    GError *err = NULL;
    bool b;
    uint64_t sz;

    g_assert_nonnull(opts);
    g_assert_cmpstr(opts_get(opts, "sz"), ==, "2M");
    g_assert_null(opts_get(opts, "missing"));
    g_assert_true(opts_has(opts, "bad"));
    g_assert_false(opts_has(opts, "missing"));

    g_assert_true(opts_get_bool(opts, "on1", false, &b, &err));
    g_assert_true(b);
    g_assert_true(opts_get_bool(opts, "off1", true, &b, &err));
    g_assert_false(b);
    g_assert_true(opts_get_bool(opts, "missing", true, &b, &err));
    g_assert_true(b);
    g_assert_false(opts_get_bool(opts, "bad", true, &b, &err));
    g_assert_cmpstr(err->message, ==,
                    "parameter 'bad': 'perhaps' is not a boolean (use on or off)");
    g_clear_error(&err);

    g_assert_true(opts_get_size(opts, "sz", 0, &sz, &err));
    g_assert_cmpuint(sz, ==, 2 * MiB);
    g_assert_true(opts_get_size(opts, "missing", 77, &sz, &err));
    g_assert_cmpuint(sz, ==, 77);
    g_assert_false(opts_get_size(opts, "badsz", 0, &sz, &err));
    g_assert_cmpstr(err->message, ==, "parameter 'badsz': '2X' is not a valid "
                    "size (suffixes: k, M, G, T)");
    g_clear_error(&err);
}

static void test_check_keys(void)
{
    static const char *const allowed[] = { "id", "path", NULL };
    g_autoptr(Opts) good = opts_parse("id=a,path=b", NULL, NULL);
    g_autoptr(Opts) bad = opts_parse("id=a,colour=red", NULL, NULL);
    GError *err = NULL;

    g_assert_true(opts_check_keys(good, allowed, "-chardev file", &err));
    g_assert_no_error(err);
    g_assert_false(opts_check_keys(bad, allowed, "-chardev file", &err));
    g_assert_cmpstr(err->message, ==,
                    "invalid parameter 'colour' for -chardev file");
    g_clear_error(&err);
    g_assert_false(opts_check_keys(bad, allowed, NULL, &err));
    g_assert_cmpstr(err->message, ==, "invalid parameter 'colour'");
    g_clear_error(&err);
}

static void test_to_string(void)
{
    static const char *const skip[] = { "driver", NULL };
    g_autoptr(Opts) opts = opts_parse("pl011,path=a,,b,flag,id=x", "driver",
                                      NULL);
    g_autofree char *s = opts_to_string(opts, skip);
    g_autofree char *all = opts_to_string(opts, NULL);
    g_autoptr(Opts) again = opts_parse(s, NULL, NULL);

    g_assert_cmpstr(s, ==, "path=a,,b,flag=on,id=x");
    g_assert_cmpstr(all, ==, "driver=pl011,path=a,,b,flag=on,id=x");
    /* It parses back to the same pairs. */
    g_assert_cmpstr(opts_get(again, "path"), ==, "a,b");
}

static void test_parse_bool(void)
{
    bool b;
    GError *err = NULL;

    g_assert_true(parse_bool("on", &b, NULL) && b);
    g_assert_true(parse_bool("yes", &b, NULL) && b);
    g_assert_true(parse_bool("true", &b, NULL) && b);
    g_assert_true(parse_bool("off", &b, NULL) && !b);
    g_assert_true(parse_bool("no", &b, NULL) && !b);
    g_assert_true(parse_bool("false", &b, NULL) && !b);
    g_assert_false(parse_bool("1", &b, &err));
    g_assert_cmpstr(err->message, ==, "'1' is not a boolean (use on or off)");
    g_clear_error(&err);
    g_assert_false(parse_bool("", &b, NULL));
}

static void size_ok(const char *str, char suffix, uint64_t expect)
{
    GError *err = NULL;
    uint64_t v = 12345;

    g_assert_true(parse_size(str, suffix, &v, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(v, ==, expect);
}

static void size_fails(const char *str, char suffix, const char *message)
{
    GError *err = NULL;
    uint64_t v = 12345;

    g_assert_false(parse_size(str, suffix, &v, &err));
    g_assert_cmpstr(err->message, ==, message);
    g_assert_cmpuint(v, ==, 12345);     /* untouched on error */
    g_error_free(err);
}

static void test_parse_size(void)
{
    size_ok("4096", 0, 4096);
    size_ok("0", 0, 0);
    size_ok("2G", 0, 2 * GiB);
    size_ok("512M", 0, 512 * MiB);
    size_ok("512m", 0, 512 * MiB);
    size_ok("4k", 0, 4 * KiB);
    size_ok("4K", 0, 4 * KiB);
    size_ok("1T", 0, 1024 * GiB);
    size_ok("100b", 0, 100);
    size_ok("1.5G", 0, 1536 * MiB);
    size_ok("0.5k", 0, 512);
    size_ok(".5M", 0, 512 * KiB);
    size_ok("0x1000", 0, 4096);
    size_ok("0X10k", 0, 16 * KiB);
    size_ok("18446744073709551615", 0, UINT64_MAX);
    size_ok("15E", 0, 15ULL << 60);
    /* -m: a plain number is in MiB, an explicit suffix still wins. */
    size_ok("2048", 'M', 2048 * MiB);
    size_ok("2G", 'M', 2 * GiB);
    size_ok("1.5", 'M', 1536 * KiB);

    size_fails("", 0, "'' is not a valid size");
    size_fails("abc", 0, "'abc' is not a valid size");
    size_fails("0x", 0, "'0x' is not a valid size");
    size_fails("M", 0, "'M' is not a valid size");
    size_fails("-1", 0, "size '-1' is negative");
    size_fails("-2G", 'M', "size '-2G' is negative");
    size_fails("12Q", 0, "'12Q' is not a valid size (suffixes: k, M, G, T)");
    size_fails("12MB", 0, "'12MB' is not a valid size (suffixes: k, M, G, T)");
    size_fails("1 G", 0, "'1 G' is not a valid size (suffixes: k, M, G, T)");
    size_fails("18446744073709551616", 0,
               "size '18446744073709551616' is too large");
    size_fails("16E", 0, "size '16E' is too large");
    size_fails("17179869184G", 0, "size '17179869184G' is too large");
    size_fails("99999999999999999999999", 'M',
               "size '99999999999999999999999' is too large");
    size_fails("1.5", 0, "size '1.5' is not a whole number of bytes");
    size_fails("0.1k", 0, "size '0.1k' is not a whole number of bytes");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/util/opts/basic", test_basic);
    g_test_add_func("/util/opts/implied-key", test_implied_key);
    g_test_add_func("/util/opts/escapes", test_escapes);
    g_test_add_func("/util/opts/flags-and-empty", test_flags_and_empty);
    g_test_add_func("/util/opts/errors", test_errors);
    g_test_add_func("/util/opts/getters", test_getters);
    g_test_add_func("/util/opts/check-keys", test_check_keys);
    g_test_add_func("/util/opts/to-string", test_to_string);
    g_test_add_func("/util/opts/parse-bool", test_parse_bool);
    g_test_add_func("/util/opts/parse-size", test_parse_size);
    return g_test_run();
}
