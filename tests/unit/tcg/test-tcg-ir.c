/*
 * test-tcg-ir.c — the IR core: op table, builders, dumper format, verifier,
 * optimizer rewrites and liveness annotations, checked on small programs
 * through the stable dump format.
 */
#include "util/osdep.h"
#include "tcg/tcg.h"
#include "tcg/tcg-op.h"
#include "tcg/passes.h"

typedef struct Env {
    uint64_t x[4];
    uint32_t w[4];
} Env;

static TCGContext ctx;
static TCGv_i64 X[4];
static TCGv_i32 W[4];

static void setup(void)
{
    tcg_context_init(&ctx);
    tcg_ctx = &ctx;
    X[0] = tcg_global_mem_new_i64(offsetof(Env, x[0]), "x0");
    X[1] = tcg_global_mem_new_i64(offsetof(Env, x[1]), "x1");
    X[2] = tcg_global_mem_new_i64(offsetof(Env, x[2]), "x2");
    X[3] = tcg_global_mem_new_i64(offsetof(Env, x[3]), "x3");
    W[0] = tcg_global_mem_new_i32(offsetof(Env, w[0]), "w0");
    W[1] = tcg_global_mem_new_i32(offsetof(Env, w[1]), "w1");
    W[2] = tcg_global_mem_new_i32(offsetof(Env, w[2]), "w2");
    W[3] = tcg_global_mem_new_i32(offsetof(Env, w[3]), "w3");
}

static void start(void)
{
    ctx.verify = false;
    tcg_func_start(&ctx);
}

/* The dump of the current ops, g_free'd by the caller. */
static char *dump(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    tcg_dump_ops(&ctx, f);
    fclose(f);
    return buf;
}

static void check_dump(const char *expected)
{
    char *d = dump();

    if (strcmp(d, expected) != 0) {
        g_test_message("expected:\n%s\ngot:\n%s", expected, d);
    }
    g_assert_cmpstr(d, ==, expected);
    free(d);
}

static void assert_valid(void)
{
    char *err = NULL;
    bool ok = tcg_verify(&ctx, &err);

    if (!ok) {
        g_test_message("verify: %s", err);
    }
    g_assert_true(ok);
    g_free(err);
}

static void assert_invalid(const char *substr)
{
    char *err = NULL;

    g_assert_false(tcg_verify(&ctx, &err));
    g_assert_nonnull(err);
    if (!strstr(err, substr)) {
        g_test_message("verify said: %s", err);
    }
    g_assert_nonnull(strstr(err, substr));
    g_free(err);
}

/* ------------------------------------------------------------ table */

static void test_op_table(void)
{
    for (unsigned i = 0; i < NB_OPS; i++) {
        const TCGOpDef *d = &tcg_op_defs[i];
        g_assert_nonnull(d->name);
        g_assert_cmpuint(d->nb_args, ==, d->nb_oargs + d->nb_iargs + d->nb_cargs);
        g_assert_cmpuint(d->nb_args, <=, TCG_MAX_OP_ARGS);
        for (unsigned j = 0; j < i; j++) {
            g_assert_cmpstr(tcg_op_defs[j].name, !=, d->name);
        }
        /* An op restricted to one type must be a typed op. */
        if (d->flags & (TCG_OPF_I64_ONLY | TCG_OPF_I32_ONLY | TCG_OPF_CVT)) {
            g_assert_true(d->flags & TCG_OPF_INT);
        }
        if (d->flags & TCG_OPF_BB_EXIT) {
            g_assert_true(d->flags & TCG_OPF_BB_END);
        }
    }
    g_assert_cmpstr(tcg_op_defs[INDEX_op_deposit].name, ==, "deposit");
    g_assert_cmpuint(tcg_op_defs[INDEX_op_movcond].nb_iargs, ==, 4);
    /* Conditions: inversion and swapping. */
    for (TCGCond c = TCG_COND_EQ; c < TCG_COND_COUNT; c++) {
        for (int a = -2; a <= 2; a++) {
            for (int b = -2; b <= 2; b++) {
                bool r = tcg_cond_eval(c, a, b);
                g_assert_cmpint(tcg_cond_eval(tcg_invert_cond(c), a, b), ==, !r);
                g_assert_cmpint(tcg_cond_eval(tcg_swap_cond(c), b, a), ==, r);
            }
        }
    }
}

/* ------------------------------------------------------- builders/dump */

static void test_builders_dump(void)
{
    TCGv_i64 t;
    TCGv_i32 e;
    TCGLabel *l;

    start();
    t = tcg_temp_new_i64();
    e = tcg_temp_ebb_new_i32();
    l = gen_new_label();
    tcg_gen_insn_start(0x1000, 0, 0);
    tcg_gen_addi_i64(X[0], X[0], 0);          /* nothing */
    tcg_gen_addi_i64(t, X[1], 16);
    tcg_gen_subi_i64(X[1], t, 1);             /* add of -1 */
    tcg_gen_muli_i64(X[2], X[2], 8);          /* shl */
    tcg_gen_andi_i32(e, W[0], 0xff);          /* ext8u */
    tcg_gen_ori_i32(W[1], e, -1);             /* mov $-1 */
    tcg_gen_brcondi_i64(TCG_COND_LTU, t, 5, l);
    tcg_gen_guest_ld_i64(X[3], t, 2, MO_LEUQ | MO_ALIGN);
    tcg_gen_guest_st_i32(W[0], t, 1, MO_BEUL);
    tcg_gen_set_label(l);
    tcg_gen_deposit_i64(X[0], X[0], X[1], 8, 8);
    tcg_gen_setcond_i32(TCG_COND_GE, W[2], W[0], W[1]);
    tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb((void *)0x4000, 0);
    assert_valid();
    check_dump(
        " insn_start 0x1000, 0x0, 0x0\n"
        " add_i64 tmp0, x1, $0x10\n"
        " add_i64 x1, tmp0, $0xffffffffffffffff\n"
        " shl_i64 x2, x2, $0x3\n"
        " ext8u_i32 ebb1, w0\n"
        " mov_i32 w1, $0xffffffff\n"
        " brcond_i64 tmp0, $0x5, ltu, $L0\n"
        " guest_ld_i64 x3, tmp0, leuq+al@2\n"
        " guest_st_i32 w0, tmp0, beul@1\n"
        " set_label $L0\n"
        " deposit_i64 x0, x0, x1, 8, 8\n"
        " setcond_i32 w2, w0, w1, ge\n"
        " mb 0x3f\n"
        " goto_tb 0x0\n"
        " exit_tb 0x4000\n");
    g_assert_cmpuint(ctx.num_insns, ==, 1);
    g_assert_cmphex(ctx.insn_data[0][0], ==, 0x1000);
    g_assert_cmpuint(l->refs, ==, 1);
}

static void test_temps_constants(void)
{
    unsigned g;

    start();
    g = ctx.nb_temps;
    g_assert_cmpuint(g, ==, ctx.nb_globals);
    g_assert_true(tcg_constant_i64(5) == tcg_constant_i64(5));
    g_assert_true(tcg_constant_i64(5) != tcg_constant_i64(6));
    g_assert_true((void *)tcg_constant_i32(5) != (void *)tcg_constant_i64(5));
    /* i32 constants are canonical: -1 and 0xffffffff are the same temp. */
    g_assert_true(tcg_constant_i32(-1) == tcg_constant_i32((int32_t)0xffffffff));
    g_assert_cmpint(tcgv_i32_temp(tcg_constant_i32(-1))->val, ==, -1);
    /* Many constants: the interning table grows and stays correct. */
    for (int i = 0; i < 5000; i++) {
        TCGv_i64 c = tcg_constant_i64(i * 7919);
        g_assert_cmpint(tcgv_i64_temp(c)->val, ==, i * 7919);
        g_assert_true(c == tcg_constant_i64(i * 7919));
    }
    g_assert_cmpuint(ctx.nb_temps, ==, g + 4 + 5000);
    tcg_temp_new_i64();
    g_assert_cmpint(tcgv_i64_temp(tcg_temp_new_i64())->kind, ==, TEMP_TB);
    g_assert_cmpint(tcgv_i32_temp(tcg_temp_ebb_new_i32())->kind, ==, TEMP_EBB);
    /* Everything but globals is released by the next translation. */
    start();
    g_assert_cmpuint(ctx.nb_temps, ==, ctx.nb_globals);
    g_assert_null(ctx.first_op);
    g_assert_cmpstr(tcgv_i64_temp(X[1])->name, ==, "x1");
}

static void test_context_clone(void)
{
    TCGContext c2;

    /* A second translating thread gets the same globals. */
    tcg_context_clone(&c2, &ctx);
    g_assert_cmpuint(c2.nb_globals, ==, ctx.nb_globals);
    g_assert_cmpuint(c2.nb_temps, ==, ctx.nb_globals);
    for (unsigned i = 0; i < ctx.nb_globals; i++) {
        g_assert_cmpint(c2.temps[i].kind, ==, ctx.temps[i].kind);
        g_assert_cmpint(c2.temps[i].mem_offset, ==, ctx.temps[i].mem_offset);
        g_assert_cmpstr(c2.temps[i].name, ==, ctx.temps[i].name);
    }
    tcg_ctx = &c2;
    tcg_func_start(&c2);
    tcg_gen_add_i64(X[0], X[1], tcg_constant_i64(1));
    tcg_gen_exit_tb(NULL, 0);
    g_assert_cmpuint(c2.nb_ops, ==, 2);
    g_assert_true(tcg_verify(&c2, NULL));
    tcg_ctx = &ctx;
    tcg_context_destroy(&c2);
}

static void test_arena_many_ops(void)
{
    for (int round = 0; round < 3; round++) {
        start();
        for (int i = 0; i < 20000; i++) {
            tcg_gen_add_i64(X[0], X[0], X[1]);
        }
        tcg_gen_exit_tb(NULL, 0);
        g_assert_cmpuint(ctx.nb_ops, ==, 20001);
        assert_valid();
    }
}

/* ------------------------------------------------------------ verifier */

static void test_verify_errors(void)
{
    TCGv_i64 t;
    TCGLabel *l;

    /* A TB temp read before any write. */
    start();
    t = tcg_temp_new_i64();
    tcg_gen_add_i64(X[0], X[0], t);
    tcg_gen_exit_tb(NULL, 0);
    assert_invalid("read before it is written");

    /* An EBB temp used across a label. */
    start();
    t = tcg_temp_ebb_new_i64();
    l = gen_new_label();
    tcg_gen_movi_i64(t, 1);
    tcg_gen_brcondi_i64(TCG_COND_EQ, X[0], 0, l);
    tcg_gen_set_label(l);
    tcg_gen_mov_i64(X[0], t);
    tcg_gen_exit_tb(NULL, 0);
    assert_invalid("read before it is written");

    /* Type mismatch. */
    start();
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, tcgv_i64_idx(X[0]),
                tcgv_i64_idx(X[0]), tcgv_i32_idx(W[0]));
    assert_invalid("type");

    /* An i64-only op with type i32. */
    start();
    tcg_gen_op2(INDEX_op_ext32s, TCG_TYPE_I32, tcgv_i32_idx(W[0]),
                tcgv_i32_idx(W[1]));
    assert_invalid("not valid for this type");

    /* Bit field out of range. */
    start();
    tcg_gen_op4(INDEX_op_extract, TCG_TYPE_I32, tcgv_i32_idx(W[0]),
                tcgv_i32_idx(W[1]), 30, 3);
    assert_invalid("bit field");

    /* Writing a constant. */
    start();
    tcg_gen_op2(INDEX_op_mov, TCG_TYPE_I64, tcgv_i64_idx(tcg_constant_i64(1)),
                tcgv_i64_idx(X[0]));
    assert_invalid("read-only");

    /* Branch to a label never placed. */
    start();
    tcg_gen_br(gen_new_label());
    tcg_gen_exit_tb(NULL, 0);
    assert_invalid("never placed");

    /* Wrong arity. */
    start();
    tcg_gen_op2(INDEX_op_add, TCG_TYPE_I64, tcgv_i64_idx(X[0]),
                tcgv_i64_idx(X[1]));
    assert_invalid("table says");

    /* A call whose argument types do not match its TCGHelperInfo. */
    {
        static const TCGHelperInfo info = {
            .func = (void *)abs, .name = "abs", .flags = TCG_CALL_NO_RWG_SE,
            .has_ret = true, .ret_type = TCG_TYPE_I32, .nb_args = 1,
            .arg_types = { TCG_TYPE_I32 },
        };
        TCGOp *op;
        start();
        op = tcg_emit_op(&ctx, INDEX_op_call, 0, 4);
        op->call_o = 1;
        op->call_i = 1;
        op->args[0] = tcgv_i32_idx(W[0]);
        op->args[1] = tcgv_i64_idx(X[0]);
        op->args[2] = (uintptr_t)info.func;
        op->args[3] = (uintptr_t)&info;
        assert_invalid("type");
    }
}

/* ------------------------------------------------------------ optimizer */

static void optimize(void)
{
    assert_valid();
    tcg_pass_optimize(&ctx);
    assert_valid();
}

static void test_opt_fold_identities(void)
{
    TCGv_i64 t = NULL;

    start();
    t = tcg_temp_new_i64();
    tcg_gen_movi_i64(t, 6);
    tcg_gen_op3(INDEX_op_mul, TCG_TYPE_I64, tcgv_i64_idx(X[0]),
                tcgv_i64_idx(t), tcgv_i64_idx(tcg_constant_i64(7)));  /* 42 */
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, tcgv_i64_idx(X[1]),
                tcgv_i64_idx(X[1]), tcgv_i64_idx(tcg_constant_i64(0)));
    tcg_gen_op3(INDEX_op_xor, TCG_TYPE_I64, tcgv_i64_idx(X[2]),
                tcgv_i64_idx(X[3]), tcgv_i64_idx(X[3]));             /* 0 */
    tcg_gen_op3(INDEX_op_and, TCG_TYPE_I32, tcgv_i32_idx(W[0]),
                tcgv_i32_idx(W[1]), tcgv_i32_idx(tcg_constant_i32(0)));
    tcg_gen_op3(INDEX_op_or, TCG_TYPE_I32, tcgv_i32_idx(W[1]),
                tcgv_i32_idx(W[1]), tcgv_i32_idx(tcg_constant_i32(-1)));
    tcg_gen_op3(INDEX_op_shl, TCG_TYPE_I32, tcgv_i32_idx(W[2]),
                tcgv_i32_idx(W[3]), tcgv_i32_idx(tcg_constant_i32(0)));
    tcg_gen_op3(INDEX_op_mul, TCG_TYPE_I64, tcgv_i64_idx(X[3]),
                tcgv_i64_idx(tcg_constant_i64(1)), tcgv_i64_idx(X[3]));
    tcg_gen_exit_tb(NULL, 0);
    optimize();
    check_dump(
        " mov_i64 tmp0, $0x6\n"
        " mov_i64 x0, $0x2a\n"
        " nop\n"
        " mov_i64 x2, $0x0\n"
        " mov_i32 w0, $0x0\n"
        " mov_i32 w1, $0xffffffff\n"
        " mov_i32 w2, w3\n"
        " nop\n"
        " exit_tb 0x0\n");
    tcg_pass_liveness(&ctx);
    assert_valid();
    check_dump(
        " mov_i64 x0, $0x2a  ; dead: 0 1 sync: 0\n"
        " mov_i64 x2, $0x0  ; dead: 0 1 sync: 0\n"
        " mov_i32 w0, $0x0  ; dead: 0 1 sync: 0\n"
        " mov_i32 w1, $0xffffffff  ; dead: 0 1 sync: 0\n"
        " mov_i32 w2, w3  ; dead: 0 1 sync: 0\n"
        " exit_tb 0x0\n");
}

static void test_opt_copy_prop_double_neg(void)
{
    TCGv_i64 a, b, c;

    start();
    a = tcg_temp_ebb_new_i64();
    b = tcg_temp_ebb_new_i64();
    c = tcg_temp_ebb_new_i64();
    tcg_gen_mov_i64(a, X[0]);
    tcg_gen_not_i64(b, a);
    tcg_gen_not_i64(c, b);                    /* == x0 */
    tcg_gen_add_i64(X[1], c, a);              /* x0 + x0 */
    tcg_gen_neg_i64(b, X[2]);
    tcg_gen_neg_i64(X[3], b);                 /* == x2 */
    tcg_gen_exit_tb(NULL, 0);
    optimize();
    tcg_pass_liveness(&ctx);
    assert_valid();
    check_dump(
        " add_i64 x1, x0, x0  ; dead: 0 1 2 sync: 0\n"
        " mov_i64 x3, x2  ; dead: 0 1 sync: 0\n"
        " exit_tb 0x0\n");
}

/* Zero-extensions and masks of values whose other bits are known zero. */
static void test_opt_known_zero_bits(void)
{
    TCGv_i64 a, b, c;

    start();
    a = tcg_temp_ebb_new_i64();
    b = tcg_temp_ebb_new_i64();
    c = tcg_temp_ebb_new_i64();
    tcg_gen_ext32u_i64(a, X[0]);
    tcg_gen_ext8u_i64(X[1], a);               /* ext8u(x0) */
    tcg_gen_extract_i64(b, X[2], 8, 24);      /* < 2^24 */
    tcg_gen_xor_i64(c, b, a);                 /* < 2^32 */
    tcg_gen_ext32u_i64(X[2], c);              /* mov */
    tcg_gen_andi_i64(X[3], b, 0xffffff);      /* mov */
    tcg_gen_exit_tb(NULL, 0);
    optimize();
    tcg_pass_liveness(&ctx);
    assert_valid();
    check_dump(
        " ext32u_i64 ebb0, x0\n"
        " ext8u_i64 x1, x0  ; dead: 0 1 sync: 0\n"
        " extract_i64 ebb1, x2, 8, 24  ; dead: 1\n"
        " xor_i64 ebb2, ebb1, ebb0  ; dead: 2\n"
        " mov_i64 x2, ebb2  ; dead: 0 1 sync: 0\n"
        " mov_i64 x3, ebb1  ; dead: 0 1 sync: 0\n"
        " exit_tb 0x0\n");

    /* Not when bits may be set, nor through a changed source, nor to
     * the source of an extension of the same width. */
    start();
    a = tcg_temp_ebb_new_i64();
    tcg_gen_ext16u_i64(a, X[0]);
    tcg_gen_movi_i64(X[0], 0x12345);
    tcg_gen_ext8u_i64(X[1], a);               /* a, not x0 */
    tcg_gen_ext16u_i64(X[2], a);              /* mov a */
    tcg_gen_andi_i64(X[3], a, 0xfff);         /* kept */
    tcg_gen_exit_tb(NULL, 0);
    optimize();
    tcg_pass_liveness(&ctx);
    assert_valid();
    check_dump(
        " ext16u_i64 ebb0, x0  ; dead: 1\n"
        " mov_i64 x0, $0x12345  ; dead: 0 1 sync: 0\n"
        " ext8u_i64 x1, ebb0  ; dead: 0 sync: 0\n"
        " mov_i64 x2, ebb0  ; dead: 1 sync: 0\n"
        " and_i64 x3, x2, $0xfff  ; dead: 0 1 2 sync: 0\n"
        " exit_tb 0x0\n");
}

static void test_opt_branches(void)
{
    TCGLabel *l1, *l2;

    /* brcond decided true -> br; code after it up to the label goes; then
       "br L; L:" collapses and L, no longer a target, goes too. */
    start();
    l1 = gen_new_label();
    l2 = gen_new_label();
    tcg_gen_movi_i64(X[0], 3);
    tcg_gen_brcondi_i64(TCG_COND_GTU, X[0], 2, l1);
    tcg_gen_movi_i64(X[1], 1);                /* unreachable */
    tcg_gen_set_label(l1);
    tcg_gen_brcondi_i64(TCG_COND_LT, X[2], 0, l2);   /* unknown: kept */
    tcg_gen_setcond_i64(TCG_COND_LEU, X[3], X[2], X[2]);  /* 1 */
    tcg_gen_set_label(l2);
    tcg_gen_exit_tb(NULL, 0);
    optimize();
    check_dump(
        " mov_i64 x0, $0x3\n"
        " brcond_i64 x2, $0x0, lt, $L1\n"
        " mov_i64 x3, $0x1\n"
        " set_label $L1\n"
        " exit_tb 0x0\n");

    /* brcond decided false disappears, and so does its label. */
    start();
    l1 = gen_new_label();
    tcg_gen_brcondi_i32(TCG_COND_NE, tcg_constant_i32(4), 4, l1);
    tcg_gen_movi_i32(W[0], 1);
    tcg_gen_set_label(l1);
    tcg_gen_exit_tb(NULL, 0);
    optimize();
    check_dump(
        " mov_i32 w0, $0x1\n"
        " exit_tb 0x0\n");

    /* "br L; L:" collapses; knowledge flows through a removed label. */
    start();
    l1 = gen_new_label();
    tcg_gen_movi_i64(X[0], 5);
    tcg_gen_br(l1);
    tcg_gen_set_label(l1);
    tcg_gen_addi_i64(X[1], X[0], 1);
    tcg_gen_exit_tb(NULL, 0);
    optimize();
    check_dump(
        " mov_i64 x0, $0x5\n"
        " mov_i64 x1, $0x6\n"
        " exit_tb 0x0\n");
}

static uint64_t helper_touch(void *env)
{
    return 0;
}

static void test_opt_calls_forget_globals(void)
{
    static const TCGHelperInfo rw = {
        .func = (void *)helper_touch, .name = "touch", .flags = 0,
        .has_ret = true, .ret_type = TCG_TYPE_I64, .nb_args = 1,
        .arg_types = { TCG_TYPE_PTR },
    };
    static const TCGHelperInfo ro = {
        .func = (void *)helper_touch, .name = "peek", .flags = TCG_CALL_NO_WG,
        .has_ret = true, .ret_type = TCG_TYPE_I64, .nb_args = 1,
        .arg_types = { TCG_TYPE_PTR },
    };
    TCGv_i64 r;

    start();
    r = tcg_temp_new_i64();
    tcg_gen_movi_i64(X[0], 7);
    tcg_gen_call(&ro, r, tcg_env);
    tcg_gen_addi_i64(X[1], X[0], 1);          /* still 7 + 1 */
    tcg_gen_call(&rw, r, tcg_env);
    tcg_gen_addi_i64(X[2], X[0], 1);          /* x0 unknown now */
    tcg_gen_exit_tb(NULL, 0);
    optimize();
    check_dump(
        " mov_i64 x0, $0x7\n"
        " call peek tmp0, env\n"
        " mov_i64 x1, $0x8\n"
        " call touch tmp0, env\n"
        " add_i64 x2, x0, $0x1\n"
        " exit_tb 0x0\n");
    tcg_pass_liveness(&ctx);
    assert_valid();
    /* x0 and x1 are synced where written (a call reads globals next);
       the helpers' unused results are dead. */
    check_dump(
        " mov_i64 x0, $0x7  ; dead: 0 1 sync: 0\n"
        " call peek tmp0, env  ; dead: 0\n"
        " mov_i64 x1, $0x8  ; dead: 0 1 sync: 0\n"
        " call touch tmp0, env  ; dead: 0\n"
        " add_i64 x2, x0, $0x1  ; dead: 0 1 2 sync: 0\n"
        " exit_tb 0x0\n");
}

static void test_opt_many_new_constants(void)
{
    TCGv_i64 t;
    const TCGOp *op;
    unsigned n = 0;

    /* Folding creates constants the pass had no room for at its start. */
    start();
    t = tcg_temp_new_i64();
    tcg_gen_movi_i64(t, 1);
    for (int i = 0; i < 500; i++) {
        tcg_gen_op3(INDEX_op_mul, TCG_TYPE_I64, tcgv_i64_idx(t), tcgv_i64_idx(t),
                    tcgv_i64_idx(tcg_constant_i64(3)));
    }
    tcg_gen_mov_i64(X[0], t);
    tcg_gen_exit_tb(NULL, 0);
    optimize();
    tcg_pass_liveness(&ctx);
    TCG_FOREACH_OP(&ctx, op) {
        n++;
    }
    g_assert_cmpuint(n, ==, 2);
    g_assert_cmpint(ctx.first_op->opc, ==, INDEX_op_mov);
    {
        uint64_t v = 1;
        for (int i = 0; i < 500; i++) {
            v *= 3;
        }
        g_assert_cmphex((uint64_t)tcg_op_temp(&ctx, ctx.first_op, 1)->val, ==, v);
    }
}

/* ------------------------------------------------------------ liveness */

static void test_liveness_dce(void)
{
    TCGv_i64 t, lo, hi;

    start();
    t = tcg_temp_new_i64();
    lo = tcg_temp_new_i64();
    hi = tcg_temp_new_i64();
    tcg_gen_add_i64(t, X[0], X[1]);           /* dead: removed */
    tcg_gen_mulu2_i64(lo, hi, X[0], X[1]);    /* hi dead: becomes mul */
    tcg_gen_mov_i64(X[2], lo);
    tcg_gen_movi_i64(X[3], 1);                /* overwritten: removed */
    tcg_gen_movi_i64(X[3], 2);
    tcg_gen_exit_tb(NULL, 0);
    assert_valid();
    tcg_pass_liveness(&ctx);
    assert_valid();
    check_dump(
        " mul_i64 tmp1, x0, x1  ; dead: 1 2\n"
        " mov_i64 x2, tmp1  ; dead: 0 1 sync: 0\n"
        " mov_i64 x3, $0x2  ; dead: 0 1 sync: 0\n"
        " exit_tb 0x0\n");
}

static void test_liveness_fault_and_labels(void)
{
    TCGv_i64 t;
    TCGLabel *l;

    /* Before a guest load (may fault), x0 must be in memory; a TB temp
       live across a label is synced to its slot. */
    start();
    t = tcg_temp_new_i64();
    l = gen_new_label();
    tcg_gen_addi_i64(X[0], X[0], 1);
    tcg_gen_addi_i64(t, X[0], 2);
    tcg_gen_guest_ld_i64(X[1], X[2], 0, MO_LEUQ);
    tcg_gen_brcondi_i64(TCG_COND_EQ, X[1], 0, l);
    tcg_gen_addi_i64(X[2], X[2], 1);
    tcg_gen_set_label(l);
    tcg_gen_add_i64(X[3], t, X[0]);
    tcg_gen_exit_tb(NULL, 0);
    assert_valid();
    tcg_pass_liveness(&ctx);
    assert_valid();
    check_dump(
        " add_i64 x0, x0, $0x1  ; dead: 1 sync: 0\n"
        " add_i64 tmp0, x0, $0x2  ; dead: 0 1 2 sync: 0\n"
        " guest_ld_i64 x1, x2, leuq@0  ; sync: 0\n"
        " brcond_i64 x1, $0x0, eq, $L0  ; dead: 0 1\n"
        " add_i64 x2, x2, $0x1  ; dead: 0 1 2 sync: 0\n"
        " set_label $L0\n"
        " add_i64 x3, tmp0, x0  ; dead: 0 1 2 sync: 0\n"
        " exit_tb 0x0\n");
}

static void test_demote_temps(void)
{
    TCGv_i64 local, across;
    TCGLabel *l;

    start();
    local = tcg_temp_new_i64();
    across = tcg_temp_new_i64();
    l = gen_new_label();
    tcg_gen_addi_i64(across, X[0], 1);
    tcg_gen_brcondi_i64(TCG_COND_EQ, X[1], 0, l);
    tcg_gen_addi_i64(local, X[1], 2);
    tcg_gen_mul_i64(X[2], local, local);
    tcg_gen_set_label(l);
    tcg_gen_mov_i64(X[3], across);
    tcg_gen_exit_tb(NULL, 0);
    tcg_pass_demote_temps(&ctx);
    assert_valid();
    g_assert_cmpint(tcgv_i64_temp(local)->kind, ==, TEMP_EBB);
    g_assert_cmpint(tcgv_i64_temp(across)->kind, ==, TEMP_TB);
    tcg_pass_liveness(&ctx);
    /* The TB temp is synced before the block end; the EBB one never. */
    check_dump(
        " add_i64 tmp1, x0, $0x1  ; dead: 0 1 2 sync: 0\n"
        " brcond_i64 x1, $0x0, eq, $L0  ; dead: 1\n"
        " add_i64 ebb0, x1, $0x2  ; dead: 1 2\n"
        " mul_i64 x2, ebb0, ebb0  ; dead: 0 1 2 sync: 0\n"
        " set_label $L0\n"
        " mov_i64 x3, tmp1  ; dead: 0 1 sync: 0\n"
        " exit_tb 0x0\n");
}

static void test_optimize_and_analyze_verifies(void)
{
    TCGv_i32 e;

    /* The whole pipeline with verification on: a valid program passes. */
    start();
    ctx.verify = true;
    e = tcg_temp_ebb_new_i32();
    tcg_gen_extrl_i64_i32(e, X[0]);
    tcg_gen_bswap32_i32(W[0], e, TCG_BSWAP_OZ);
    tcg_gen_ctpop_i32(W[1], W[0]);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize_and_analyze(&ctx);
    ctx.verify = false;
    check_dump(
        " extrl_i64_i32 ebb0, x0  ; dead: 1\n"
        " bswap32_i32 w0, ebb0, oz  ; dead: 1 sync: 0\n"
        " ctpop_i32 w1, w0  ; dead: 0 1 sync: 0\n"
        " exit_tb 0x0\n");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    setup();
    g_test_add_func("/tcg/ir/op-table", test_op_table);
    g_test_add_func("/tcg/ir/builders-dump", test_builders_dump);
    g_test_add_func("/tcg/ir/temps-constants", test_temps_constants);
    g_test_add_func("/tcg/ir/arena-many-ops", test_arena_many_ops);
    g_test_add_func("/tcg/ir/context-clone", test_context_clone);
    g_test_add_func("/tcg/ir/verify-errors", test_verify_errors);
    g_test_add_func("/tcg/ir/opt-fold-identities", test_opt_fold_identities);
    g_test_add_func("/tcg/ir/opt-copy-prop-double-neg", test_opt_copy_prop_double_neg);
    g_test_add_func("/tcg/ir/opt-branches", test_opt_branches);
    g_test_add_func("/tcg/ir/opt-known-zero-bits", test_opt_known_zero_bits);
    g_test_add_func("/tcg/ir/opt-calls-forget-globals", test_opt_calls_forget_globals);
    g_test_add_func("/tcg/ir/opt-many-new-constants", test_opt_many_new_constants);
    g_test_add_func("/tcg/ir/liveness-dce", test_liveness_dce);
    g_test_add_func("/tcg/ir/liveness-fault-labels", test_liveness_fault_and_labels);
    g_test_add_func("/tcg/ir/demote-temps", test_demote_temps);
    g_test_add_func("/tcg/ir/pipeline", test_optimize_and_analyze_verifies);
    return g_test_run();
}
