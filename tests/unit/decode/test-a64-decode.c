/*
 * Test of the A64 decoder generated from target/arm/a64-*.decode: every
 * instruction word of a64-insns.txt (assembled at build time by Debian's
 * aarch64-linux-gnu-as) must reach the expected trans_ handler with the
 * expected arguments, and the words listed as unallocated must reach none.
 * The handlers are generated stubs that record their name and arguments.
 */
#include "util/osdep.h"

typedef struct DisasContext DisasContext;

struct DisasContext {
    const char *name;       /* handler called */
    char args[256];         /* its arguments, "name=value ..." */
    int calls;
};

#include "decode-a64.c.inc"

static bool a64_record(DisasContext *ctx, const char *name, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

static bool a64_record(DisasContext *ctx, const char *name, const char *fmt, ...)
{
    va_list ap;

    ctx->calls++;
    ctx->name = name;
    va_start(ap, fmt);
    vsnprintf(ctx->args, sizeof(ctx->args), fmt, ap);
    va_end(ap);
    return true;
}

#include "a64-stubs.c.inc"

typedef struct {
    uint32_t insn;
    int line;               /* in a64-insns.txt */
    const char *text;       /* assembly */
    const char *name;       /* NULL: unallocated here */
    const char *args;       /* arguments that must match */
} A64Case;

#include "a64-table.c.inc"

/* Is the token "k=v" one of the space-separated tokens of list? */
static bool has_token(const char *list, const char *tok)
{
    g_auto(GStrv) toks = g_strsplit(list, " ", -1);

    for (char **t = toks; *t; t++) {
        if (strcmp(*t, tok) == 0) {
            return true;
        }
    }
    return false;
}

static void test_case(gconstpointer data)
{
    const A64Case *c = data;
    DisasContext ctx = { 0 };
    bool ok = decode_a64(&ctx, c->insn);

    if (g_test_verbose() || (ok != (c->name != NULL)) ||
        (ok && strcmp(ctx.name, c->name) != 0)) {
        g_printerr("a64-insns.txt:%d: %-36s %08" PRIx32 " -> %s %s\n", c->line, c->text,
                   c->insn, ok ? ctx.name : "(none)", ok ? ctx.args : "");
    }
    if (!c->name) {
        g_assert_false(ok);
        g_assert_cmpint(ctx.calls, ==, 0);
        return;
    }
    g_assert_true(ok);
    g_assert_cmpint(ctx.calls, ==, 1);
    g_assert_cmpstr(ctx.name, ==, c->name);

    g_auto(GStrv) want = g_strsplit(c->args, " ", -1);
    for (char **w = want; *w; w++) {
        if (**w && !has_token(ctx.args, *w)) {
            g_printerr("a64-insns.txt:%d: %s: wanted %s, got %s\n",
                       c->line, c->text, *w, ctx.args);
            g_assert_cmpstr(ctx.args, ==, c->args);
        }
    }
}

/* The table must exercise every handler the pattern files define. */
static void test_coverage(void)
{
    int missing = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(a64_handler_names); i++) {
        bool found = false;

        for (size_t j = 0; j < G_N_ELEMENTS(a64_cases) && !found; j++) {
            found = a64_cases[j].name && strcmp(a64_cases[j].name, a64_handler_names[i]) == 0;
        }
        if (!found) {
            g_printerr("no instruction in a64-insns.txt decodes to %s\n", a64_handler_names[i]);
            missing++;
        }
    }
    g_assert_cmpint(missing, ==, 0);
    g_assert_cmpuint(G_N_ELEMENTS(a64_cases), >=, 150);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    /* Report every wrong decode, not only the first one. */
    g_test_set_nonfatal_assertions();
    for (size_t i = 0; i < G_N_ELEMENTS(a64_cases); i++) {
        const A64Case *c = &a64_cases[i];
        g_autofree char *path = g_strdup_printf("/decode/a64/%03zu-%s-%08" PRIx32, i,
                                                c->name ? c->name : "none", c->insn);
        g_test_add_data_func(path, c, test_case);
    }
    g_test_add_func("/decode/a64/coverage", test_coverage);
    return g_test_run();
}
