/*
 * test-regalloc.c — what the register allocator promises about the code it
 * produces, checked on the disassembly (capstone) and by running it:
 * globals stay in registers between their first use and their sync point,
 * values cross calls in callee-saved registers, constants become
 * immediates, helpers that write globals see them in memory and make the
 * register copies stale, high pressure spills correctly, and generation
 * takes a bounded time per op.
 */
#include "util/osdep.h"
#include "tcg/tcg.h"
#include "tcg/tcg-op.h"
#include "tcg/passes.h"
#include "tcg/backend.h"
#include "tcg/x86_64/cpuinfo.h"

#include <capstone/capstone.h>

typedef struct Env {
    uint64_t pad[2];
    uint64_t r[8];          /* r[i] at rbp + 0x10 + 8 * i */
} Env;

static TCGCodeBuf cb;
static TCGPrologue pro;
static TCGContext ctx;
static TCGv_i64 R[8];
static Env env;
static csh cs;

static void begin(void)
{
    tcg_ctx = &ctx;
    tcg_func_start(&ctx);
}

static TCGCodeInfo finish(void)
{
    TCGCodeInfo ci;

    tcg_gen_op1(INDEX_op_exit_tb, 0, 0x42);
    tcg_optimize_and_analyze(&ctx);
    g_assert_cmpint(tcg_gen_code(&ctx, &ci), >, 0);
    if (g_test_verbose()) {
        tcg_dump_host_code(stderr, &ci);
    }
    return ci;
}

/* The block's instructions, one "mnemonic operands" string each. */
static GPtrArray *insns(const TCGCodeInfo *ci)
{
    GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
    cs_insn *in;
    size_t n = cs_disasm(cs, ci->code, ci->code_size, (uintptr_t)ci->code, 0, &in);

    for (size_t i = 0; i < n; i++) {
        g_ptr_array_add(a, g_strdup_printf("%s %s", in[i].mnemonic, in[i].op_str));
    }
    if (n) {
        cs_free(in, n);
    }
    return a;
}

static unsigned count(GPtrArray *a, const char *needle)
{
    unsigned c = 0;
    for (unsigned i = 0; i < a->len; i++) {
        if (strstr(g_ptr_array_index(a, i), needle)) {
            c++;
        }
    }
    return c;
}

static char *slot(int i)
{
    return g_strdup_printf("[rbp + 0x%x]", 0x10 + 8 * i);
}

/* A global used by many ops is loaded once and stored once. */
static void test_globals_stay(void)
{
    begin();
    for (int i = 0; i < 20; i++) {
        tcg_gen_mul_i64(R[0], R[0], R[1]);
        tcg_gen_add_i64(R[0], R[0], R[2]);
    }
    TCGCodeInfo ci = finish();
    g_autoptr(GPtrArray) a = insns(&ci);
    g_autofree char *s0 = slot(0), *s1 = slot(1), *s2 = slot(2);

    g_assert_cmpuint(count(a, s0), ==, 2);      /* one load, one store */
    g_assert_cmpuint(count(a, s1), ==, 1);
    g_assert_cmpuint(count(a, s2), ==, 1);
    g_assert_cmpuint(count(a, "rsp"), ==, 0);   /* nothing spilled */
    g_assert_cmpuint(count(a, "imul"), ==, 20);
    g_assert_cmpuint(a->len, <=, 20 * 2 + 8);

    env.r[0] = 1;
    env.r[1] = 3;
    env.r[2] = 1;
    uint64_t want = 1;
    for (int i = 0; i < 20; i++) {
        want = want * 3 + 1;
    }
    g_assert_cmphex(tcg_exec_tb(&pro, &env, ci.code), ==, 0x42);
    g_assert_cmphex(env.r[0], ==, want);
}

static uint64_t helper_mix(uint64_t a, uint64_t b)
{
    return a * 7 + b;
}

static const TCGHelperInfo info_pure = {
    .func = (void *)helper_mix, .name = "mix", .flags = TCG_CALL_NO_RWG_SE,
    .has_ret = true, .ret_type = TCG_TYPE_I64, .nb_args = 2,
    .arg_types = { TCG_TYPE_I64, TCG_TYPE_I64 },
};

static uint64_t helper_bump(void *e, uint64_t x)
{
    ((Env *)e)->r[3] += 100;        /* writes a global behind the block's back */
    return ((Env *)e)->r[3] + x;
}

static const TCGHelperInfo info_bump = {
    .func = (void *)helper_bump, .name = "bump", .flags = 0,
    .has_ret = true, .ret_type = TCG_TYPE_I64, .nb_args = 2,
    .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64 },
};

/* Values cross a call that leaves globals alone without being spilled. */
static void test_across_pure_call(void)
{
    begin();
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_add_i64(t, R[0], R[1]);
    tcg_gen_call(&info_pure, R[2], R[0], R[1]);
    tcg_gen_add_i64(R[3], t, R[0]);
    tcg_gen_add_i64(R[4], R[2], R[1]);
    TCGCodeInfo ci = finish();
    g_autoptr(GPtrArray) a = insns(&ci);
    g_autofree char *s0 = slot(0), *s1 = slot(1);

    g_assert_cmpuint(count(a, "rsp"), ==, 0);
    g_assert_cmpuint(count(a, s0), ==, 1);      /* r0, r1 not reloaded */
    g_assert_cmpuint(count(a, s1), ==, 1);

    env.r[0] = 5;
    env.r[1] = 6;
    tcg_exec_tb(&pro, &env, ci.code);
    g_assert_cmpuint(env.r[2], ==, 41);
    g_assert_cmpuint(env.r[3], ==, 16);
    g_assert_cmpuint(env.r[4], ==, 47);
}

/* A helper that may write globals sees them in memory, and is believed. */
static void test_across_writing_call(void)
{
    begin();
    tcg_gen_addi_i64(R[3], R[3], 1);            /* dirty before the call */
    tcg_gen_call(&info_bump, R[5], tcg_env, R[0]);
    tcg_gen_addi_i64(R[3], R[3], 1000);         /* must see the helper's +100 */
    TCGCodeInfo ci = finish();

    env.r[0] = 2;
    env.r[3] = 10;
    tcg_exec_tb(&pro, &env, ci.code);
    g_assert_cmpuint(env.r[5], ==, 10 + 1 + 100 + 2);
    g_assert_cmpuint(env.r[3], ==, 10 + 1 + 100 + 1000);
}

/* Constants that fit go into the instruction. */
static void test_immediates(void)
{
    begin();
    tcg_gen_addi_i64(R[0], R[0], 5);
    tcg_gen_andi_i64(R[1], R[1], 0x7ff0);
    tcg_gen_xori_i64(R[2], R[2], -2);
    TCGCodeInfo ci = finish();
    g_autoptr(GPtrArray) a = insns(&ci);

    g_assert_cmpuint(count(a, "mov r"), <=, 3);     /* only the three loads */
    g_assert_cmpuint(count(a, ", 5"), ==, 1);
    g_assert_cmpuint(count(a, ", 0x7ff0"), ==, 1);
    g_assert_cmpuint(count(a, ", -2") + count(a, "0xfffffffffffffffe"), ==, 1);
}

/* More live values than registers: spills, and still the right answer. */
static void test_pressure(void)
{
    enum { N = 40 };
    TCGv_i64 t[N];

    begin();
    for (int i = 0; i < N; i++) {
        t[i] = tcg_temp_new_i64();
        tcg_gen_muli_i64(t[i], R[i % 8], i + 1);
    }
    for (int i = 0; i < N; i++) {
        tcg_gen_add_i64(R[7], R[7], t[N - 1 - i]);
    }
    TCGCodeInfo ci = finish();
    g_autoptr(GPtrArray) a = insns(&ci);

    g_assert_cmpuint(count(a, "rsp"), >, 0);
    for (int i = 0; i < 8; i++) {
        env.r[i] = i * 1000 + 1;
    }
    uint64_t want = env.r[7];
    for (int i = 0; i < N; i++) {
        want += env.r[i % 8] * (i + 1);
    }
    tcg_exec_tb(&pro, &env, ci.code);
    g_assert_cmphex(env.r[7], ==, want);
}

/* Generation is linear: a block twice as long takes about twice as long. */
static double gen_time_per_op(unsigned nb_ops)
{
    gint64 t0, total = 0;
    unsigned reps = 200000 / nb_ops;
    TCGCodeInfo ci;

    for (unsigned r = 0; r < reps; r++) {
        begin();
        for (unsigned i = 0; i < nb_ops; i++) {
            switch (i % 4) {
            case 0: tcg_gen_add_i64(R[i % 8], R[(i + 1) % 8], R[(i + 3) % 8]); break;
            case 1: tcg_gen_xori_i64(R[i % 8], R[i % 8], i); break;
            case 2: tcg_gen_shli_i64(R[(i + 2) % 8], R[i % 8], 3); break;
            default: tcg_gen_mul_i64(R[i % 8], R[i % 8], R[(i + 5) % 8]); break;
            }
        }
        tcg_gen_op1(INDEX_op_exit_tb, 0, 0);
        tcg_optimize_and_analyze(&ctx);
        t0 = g_get_monotonic_time();
        int n = tcg_gen_code(&ctx, &ci);
        total += g_get_monotonic_time() - t0;
        if (n == TCG_GEN_BUFFER_FULL) {
            codebuf_flush(&cb);
            r--;
            continue;
        }
        g_assert_cmpint(n, >, 0);
    }
    return (double)total * 1000.0 / ((double)reps * nb_ops);
}

static void test_speed(void)
{
    double small = gen_time_per_op(50);
    double large = gen_time_per_op(2000);

    g_test_message("code generation: %.1f ns/op (50-op blocks), %.1f ns/op (2000-op)",
                   small, large);
    printf("# code generation: %.1f ns/op (50-op blocks), %.1f ns/op (2000-op)\n",
           small, large);
    /* Generous bounds: a loaded CI machine must not fail them. */
    g_assert_cmpfloat(small, <, 5000.0);
    g_assert_cmpfloat(large, <, 4 * small + 1000.0);
}

int main(int argc, char **argv)
{
    GError *err = NULL;

    g_test_init(&argc, &argv, NULL);
    g_assert_true(cs_open(CS_ARCH_X86, CS_MODE_64, &cs) == CS_ERR_OK);
    if (!codebuf_init(&cb, 16 * MiB, &err) || !tcg_prologue_init(&pro, &cb, &err)) {
        g_error("%s", err->message);
    }
    tcg_context_init(&ctx);
    tcg_ctx = &ctx;
    for (int i = 0; i < 8; i++) {
        g_autofree char *name = g_strdup_printf("r%d", i);
        R[i] = tcg_global_mem_new_i64(offsetof(Env, r[i]), g_intern_string(name));
    }
    TCGBackendConfig cfg = { .prologue = &pro, .codebuf = &cb,
                             .host_features = cpuinfo_x86, .page_bits = 12 };
    tcg_backend_attach(&ctx, &cfg);

    g_test_add_func("/tcg/regalloc/globals-stay", test_globals_stay);
    g_test_add_func("/tcg/regalloc/across-pure-call", test_across_pure_call);
    g_test_add_func("/tcg/regalloc/across-writing-call", test_across_writing_call);
    g_test_add_func("/tcg/regalloc/immediates", test_immediates);
    g_test_add_func("/tcg/regalloc/pressure", test_pressure);
    g_test_add_func("/tcg/regalloc/speed", test_speed);
    int ret = g_test_run();

    tcg_backend_detach(&ctx);
    tcg_context_destroy(&ctx);
    codebuf_destroy(&cb);
    cs_close(&cs);
    return ret;
}
