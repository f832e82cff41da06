/*
 * test-tcg-interp.c — the reference interpreter against hand-computed
 * results, op by op. The optimizer and the backend are checked against the
 * interpreter, so its semantics are pinned down here independently.
 */
#include "util/osdep.h"
#include "tcg/tcg.h"
#include "tcg/tcg-op.h"
#include "tcg/interp.h"

typedef struct Env {
    uint64_t x[8];
    uint32_t w[8];
    uint64_t scratch[4];
} Env;

static TCGContext ctx;
static TCGv_i64 X[8];
static TCGv_i32 W[8];

static void setup(void)
{
    static const char *xn[8] = { "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7" };
    static const char *wn[8] = { "w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7" };

    tcg_context_init(&ctx);
    ctx.verify = true;
    tcg_ctx = &ctx;
    for (int i = 0; i < 8; i++) {
        X[i] = tcg_global_mem_new_i64(offsetof(Env, x[i]), xn[i]);
    }
    for (int i = 0; i < 8; i++) {
        W[i] = tcg_global_mem_new_i32(offsetof(Env, w[i]), wn[i]);
    }
}

static uintptr_t run(Env *env)
{
    char *err = NULL;
    TCGInterpResult res;

    if (!tcg_verify(&ctx, &err)) {
        g_error("program rejected: %s", err);
    }
    return tcg_interp_run_ex(&ctx, env, NULL, NULL, 0, &res);
}

/* out = opc(a, b) for a raw two-input op. */
static uint64_t bin64(TCGOpcode opc, uint64_t a, uint64_t b)
{
    Env env = { .x = { a, b } };
    tcg_func_start(&ctx);
    tcg_gen_op3(opc, TCG_TYPE_I64, tcgv_i64_idx(X[2]), tcgv_i64_idx(X[0]),
                tcgv_i64_idx(X[1]));
    tcg_gen_exit_tb(NULL, 0);
    run(&env);
    return env.x[2];
}

static uint32_t bin32(TCGOpcode opc, uint32_t a, uint32_t b)
{
    Env env = { .w = { a, b } };
    tcg_func_start(&ctx);
    tcg_gen_op3(opc, TCG_TYPE_I32, tcgv_i32_idx(W[2]), tcgv_i32_idx(W[0]),
                tcgv_i32_idx(W[1]));
    tcg_gen_exit_tb(NULL, 0);
    run(&env);
    return env.w[2];
}

/* out = opc(a, consts...) for a one-input op with up to 2 constants. */
static uint64_t un64(TCGOpcode opc, uint64_t a, TCGArg c0, TCGArg c1)
{
    Env env = { .x = { a } };
    TCGOp *op;
    unsigned nc = tcg_op_defs[opc].nb_cargs;

    tcg_func_start(&ctx);
    op = tcg_emit_op(&ctx, opc, TCG_TYPE_I64, 2 + nc);
    op->args[0] = tcgv_i64_idx(X[2]);
    op->args[1] = tcgv_i64_idx(X[0]);
    if (nc > 0) {
        op->args[2] = c0;
    }
    if (nc > 1) {
        op->args[3] = c1;
    }
    tcg_gen_exit_tb(NULL, 0);
    run(&env);
    return env.x[2];
}

static uint32_t un32(TCGOpcode opc, uint32_t a, TCGArg c0, TCGArg c1)
{
    Env env = { .w = { a } };
    TCGOp *op;
    unsigned nc = tcg_op_defs[opc].nb_cargs;

    tcg_func_start(&ctx);
    op = tcg_emit_op(&ctx, opc, TCG_TYPE_I32, 2 + nc);
    op->args[0] = tcgv_i32_idx(W[2]);
    op->args[1] = tcgv_i32_idx(W[0]);
    if (nc > 0) {
        op->args[2] = c0;
    }
    if (nc > 1) {
        op->args[3] = c1;
    }
    tcg_gen_exit_tb(NULL, 0);
    run(&env);
    return env.w[2];
}

static void test_arith(void)
{
    g_assert_cmphex(bin64(INDEX_op_add, ~0ull, 2), ==, 1);
    g_assert_cmphex(bin32(INDEX_op_add, 0xffffffff, 2), ==, 1);
    g_assert_cmphex(bin64(INDEX_op_sub, 1, 2), ==, ~0ull);
    g_assert_cmphex(bin32(INDEX_op_sub, 1, 2), ==, 0xffffffff);
    g_assert_cmphex(bin64(INDEX_op_mul, 0x100000001ull, 0x100000001ull), ==,
                    0x200000001ull);
    g_assert_cmphex(bin32(INDEX_op_mul, 0x10001, 0x10001), ==, 0x20001);
    g_assert_cmphex(bin64(INDEX_op_div, (uint64_t)-7, 2), ==, (uint64_t)-3);
    g_assert_cmphex(bin64(INDEX_op_rem, (uint64_t)-7, 2), ==, (uint64_t)-1);
    g_assert_cmphex(bin64(INDEX_op_divu, (uint64_t)-7, 2), ==, 0x7ffffffffffffffcull);
    g_assert_cmphex(bin64(INDEX_op_remu, (uint64_t)-7, 2), ==, 1);
    g_assert_cmphex(bin32(INDEX_op_div, (uint32_t)-7, 2), ==, (uint32_t)-3);
    g_assert_cmphex(bin32(INDEX_op_rem, (uint32_t)-7, 2), ==, (uint32_t)-1);
    g_assert_cmphex(bin32(INDEX_op_divu, (uint32_t)-7, 2), ==, 0x7ffffffc);
    g_assert_cmphex(bin32(INDEX_op_remu, (uint32_t)-7, 2), ==, 1);
    g_assert_cmphex(un64(INDEX_op_neg, 1, 0, 0), ==, ~0ull);
    g_assert_cmphex(un32(INDEX_op_neg, 0x80000000u, 0, 0), ==, 0x80000000u);
    g_assert_cmphex(un32(INDEX_op_not, 0x0f0f0f0f, 0, 0), ==, 0xf0f0f0f0);
}

static void test_logic(void)
{
    uint64_t a = 0xff00ff00f0f0cccc, b = 0x0ff00ff0aaaa5555;

    g_assert_cmphex(bin64(INDEX_op_and, a, b), ==, a & b);
    g_assert_cmphex(bin64(INDEX_op_or, a, b), ==, a | b);
    g_assert_cmphex(bin64(INDEX_op_xor, a, b), ==, a ^ b);
    g_assert_cmphex(bin64(INDEX_op_andc, a, b), ==, a & ~b);
    g_assert_cmphex(bin64(INDEX_op_orc, a, b), ==, a | ~b);
    g_assert_cmphex(bin64(INDEX_op_eqv, a, b), ==, ~(a ^ b));
    g_assert_cmphex(bin64(INDEX_op_nand, a, b), ==, ~(a & b));
    g_assert_cmphex(bin64(INDEX_op_nor, a, b), ==, ~(a | b));
    g_assert_cmphex(bin32(INDEX_op_orc, 0, 0xffff0000), ==, 0x0000ffff);
    g_assert_cmphex(bin32(INDEX_op_nor, 0, 0), ==, 0xffffffff);
}

static void test_shifts(void)
{
    g_assert_cmphex(bin64(INDEX_op_shl, 1, 63), ==, 1ull << 63);
    g_assert_cmphex(bin64(INDEX_op_shr, 1ull << 63, 63), ==, 1);
    g_assert_cmphex(bin64(INDEX_op_sar, 1ull << 63, 63), ==, ~0ull);
    g_assert_cmphex(bin32(INDEX_op_sar, 0x80000000u, 31), ==, 0xffffffff);
    g_assert_cmphex(bin32(INDEX_op_shr, 0x80000000u, 31), ==, 1);
    g_assert_cmphex(bin32(INDEX_op_shl, 3, 31), ==, 0x80000000u);
    g_assert_cmphex(bin64(INDEX_op_rotl, 0x8000000000000001ull, 1), ==, 3);
    g_assert_cmphex(bin64(INDEX_op_rotr, 3, 1), ==, 0x8000000000000001ull);
    g_assert_cmphex(bin32(INDEX_op_rotl, 0x80000001u, 4), ==, 0x18);
    g_assert_cmphex(bin32(INDEX_op_rotr, 0x18, 4), ==, 0x80000001u);
    g_assert_cmphex(bin32(INDEX_op_rotl, 0x12345678, 0), ==, 0x12345678);
}

static void test_bitfield(void)
{
    g_assert_cmphex(un64(INDEX_op_extract, 0xabcd0000, 16, 8), ==, 0xcd);
    g_assert_cmphex(un64(INDEX_op_sextract, 0xabcd0000, 16, 8), ==, ~0ull - 0x32);
    g_assert_cmphex(un64(INDEX_op_extract, ~0ull, 0, 64), ==, ~0ull);
    g_assert_cmphex(un32(INDEX_op_sextract, 0x80000000u, 31, 1), ==, 0xffffffff);
    g_assert_cmphex(un32(INDEX_op_extract, 0x80000000u, 31, 1), ==, 1);

    /* deposit: x2 = x0 with [8, 8+12) from x1 */
    {
        Env env = { .x = { 0x1111111111111111ull, 0xabcdef } };
        tcg_func_start(&ctx);
        tcg_gen_deposit_i64(X[2], X[0], X[1], 8, 12);
        tcg_gen_extract2_i64(X[3], X[0], X[1], 60);
        tcg_gen_extract2_i32(W[3], W[0], W[1], 4);
        tcg_gen_exit_tb(NULL, 0);
        env.w[0] = 0x12345678;
        env.w[1] = 0x9abcdef0;
        run(&env);
        g_assert_cmphex(env.x[2], ==, 0x11111111111def11ull);
        g_assert_cmphex(env.x[3], ==, 0xabcdef1ull);
        g_assert_cmphex(env.w[3], ==, 0x01234567);
    }
}

static void test_ext_bswap_count(void)
{
    g_assert_cmphex(un64(INDEX_op_ext8s, 0x80, 0, 0), ==, ~0ull - 0x7f);
    g_assert_cmphex(un64(INDEX_op_ext8u, 0x1ff, 0, 0), ==, 0xff);
    g_assert_cmphex(un64(INDEX_op_ext16s, 0x8000, 0, 0), ==, ~0ull - 0x7fff);
    g_assert_cmphex(un64(INDEX_op_ext16u, 0x1ffff, 0, 0), ==, 0xffff);
    g_assert_cmphex(un64(INDEX_op_ext32s, 0x80000000u, 0, 0), ==, 0xffffffff80000000ull);
    g_assert_cmphex(un64(INDEX_op_ext32u, ~0ull, 0, 0), ==, 0xffffffffull);
    g_assert_cmphex(un32(INDEX_op_ext8s, 0x7f80, 0, 0), ==, 0xffffff80);

    g_assert_cmphex(un64(INDEX_op_bswap16, 0xffff1234, TCG_BSWAP_OZ, 0), ==, 0x3412);
    g_assert_cmphex(un64(INDEX_op_bswap16, 0x0080, TCG_BSWAP_OS, 0), ==, ~0ull - 0x7fff);
    g_assert_cmphex(un32(INDEX_op_bswap16, 0x0080, TCG_BSWAP_OS, 0), ==, 0xffff8000);
    g_assert_cmphex(un64(INDEX_op_bswap32, 0xff12345678ull, TCG_BSWAP_OZ, 0), ==, 0x78563412);
    g_assert_cmphex(un64(INDEX_op_bswap32, 0x80, TCG_BSWAP_OS, 0), ==, 0xffffffff80000000ull);
    g_assert_cmphex(un32(INDEX_op_bswap32, 0x12345678, TCG_BSWAP_OZ, 0), ==, 0x78563412);
    g_assert_cmphex(un64(INDEX_op_bswap64, 0x0102030405060708ull, 0, 0), ==,
                    0x0807060504030201ull);

    g_assert_cmphex(bin64(INDEX_op_clz, 1, 99), ==, 63);
    g_assert_cmphex(bin64(INDEX_op_clz, 0, 99), ==, 99);
    g_assert_cmphex(bin32(INDEX_op_clz, 1, 99), ==, 31);
    g_assert_cmphex(bin32(INDEX_op_clz, 0, 32), ==, 32);
    g_assert_cmphex(bin64(INDEX_op_ctz, 1ull << 40, 99), ==, 40);
    g_assert_cmphex(bin32(INDEX_op_ctz, 0, 7), ==, 7);
    g_assert_cmphex(un64(INDEX_op_ctpop, 0xf0f0, 0, 0), ==, 8);
    g_assert_cmphex(un32(INDEX_op_ctpop, 0xffffffff, 0, 0), ==, 32);
}

static void test_conversions_double(void)
{
    Env env = { .x = { 0xfedcba9876543210ull, 3 }, .w = { 0x80000000u, 5 } };

    tcg_func_start(&ctx);
    tcg_gen_extrl_i64_i32(W[2], X[0]);
    tcg_gen_extrh_i64_i32(W[3], X[0]);
    tcg_gen_ext_i32_i64(X[2], W[0]);
    tcg_gen_extu_i32_i64(X[3], W[0]);
    tcg_gen_mulu2_i64(X[4], X[5], X[0], X[0]);
    tcg_gen_muls2_i64(X[6], X[7], X[0], X[1]);
    tcg_gen_mulu2_i32(W[4], W[5], W[0], W[0]);
    tcg_gen_muls2_i32(W[6], W[7], W[0], W[1]);
    tcg_gen_exit_tb(NULL, 0);
    run(&env);
    g_assert_cmphex(env.w[2], ==, 0x76543210);
    g_assert_cmphex(env.w[3], ==, 0xfedcba98);
    g_assert_cmphex(env.x[2], ==, 0xffffffff80000000ull);
    g_assert_cmphex(env.x[3], ==, 0x80000000ull);
    {
        unsigned __int128 p = (unsigned __int128)0xfedcba9876543210ull *
                              0xfedcba9876543210ull;
        __int128 q = (__int128)(int64_t)0xfedcba9876543210ull * 3;
        g_assert_cmphex(env.x[4], ==, (uint64_t)p);
        g_assert_cmphex(env.x[5], ==, (uint64_t)(p >> 64));
        g_assert_cmphex(env.x[6], ==, (uint64_t)q);
        g_assert_cmphex(env.x[7], ==, (uint64_t)((unsigned __int128)q >> 64));
    }
    g_assert_cmphex(env.w[4], ==, 0);
    g_assert_cmphex(env.w[5], ==, 0x40000000);
    g_assert_cmphex(env.w[6], ==, 0x80000000u);   /* -2^31 * 5 = -0x2_8000_0000 */
    g_assert_cmphex(env.w[7], ==, 0xfffffffd);

    /* add2 / sub2: 128-bit (x1:x0) + (x1:x0) and 64-bit in i32 halves */
    memset(&env, 0, sizeof(env));
    env.x[0] = ~0ull;
    env.x[1] = 1;
    env.w[0] = 0;
    env.w[1] = 0;
    tcg_func_start(&ctx);
    tcg_gen_add2_i64(X[2], X[3], X[0], X[1], X[0], X[1]);
    tcg_gen_sub2_i64(X[4], X[5], X[1], X[1], X[0], X[1]);
    tcg_gen_sub2_i32(W[2], W[3], W[0], W[0], W[0], W[1]);
    tcg_gen_exit_tb(NULL, 0);
    run(&env);
    g_assert_cmphex(env.x[2], ==, ~0ull - 1);
    g_assert_cmphex(env.x[3], ==, 3);
    g_assert_cmphex(env.x[4], ==, 2);          /* (1:1) - (1:~0) = (-1 : 2) */
    g_assert_cmphex(env.x[5], ==, ~0ull);
    g_assert_cmphex(env.w[2], ==, 0);
    g_assert_cmphex(env.w[3], ==, 0);
}

static void test_conditions(void)
{
    static const struct {
        TCGCond c;
        uint64_t a, b;
        bool r64, r32;
    } t[] = {
        { TCG_COND_EQ, 5, 5, 1, 1 },
        { TCG_COND_NE, 5, 5, 0, 0 },
        { TCG_COND_LT, ~0ull, 0, 1, 1 },
        { TCG_COND_LTU, ~0ull, 0, 0, 0 },
        { TCG_COND_GE, 0, ~0ull, 1, 1 },
        { TCG_COND_GEU, 0, ~0ull, 0, 0 },
        { TCG_COND_LE, 3, 3, 1, 1 },
        { TCG_COND_GT, 3, 3, 0, 0 },
        { TCG_COND_LEU, 0x100000000ull, 1, 0, 1 },   /* i32 sees 0 <= 1 */
        { TCG_COND_GTU, 0x100000000ull, 1, 1, 0 },
        { TCG_COND_LT, 0x80000000ull, 0, 0, 1 },     /* i32: negative */
        { TCG_COND_ALWAYS, 0, 1, 1, 1 },
        { TCG_COND_NEVER, 0, 0, 0, 0 },
    };

    for (unsigned i = 0; i < ARRAY_SIZE(t); i++) {
        Env env = { .x = { t[i].a, t[i].b, 11, 22 },
                    .w = { (uint32_t)t[i].a, (uint32_t)t[i].b, 11, 22 } };
        TCGLabel *l;

        tcg_func_start(&ctx);
        l = gen_new_label();
        tcg_gen_op4(INDEX_op_setcond, TCG_TYPE_I64, tcgv_i64_idx(X[4]),
                    tcgv_i64_idx(X[0]), tcgv_i64_idx(X[1]), t[i].c);
        tcg_gen_op4(INDEX_op_negsetcond, TCG_TYPE_I64, tcgv_i64_idx(X[5]),
                    tcgv_i64_idx(X[0]), tcgv_i64_idx(X[1]), t[i].c);
        tcg_gen_op6(INDEX_op_movcond, TCG_TYPE_I64, tcgv_i64_idx(X[6]),
                    tcgv_i64_idx(X[0]), tcgv_i64_idx(X[1]),
                    tcgv_i64_idx(X[2]), tcgv_i64_idx(X[3]), t[i].c);
        tcg_gen_op4(INDEX_op_setcond, TCG_TYPE_I32, tcgv_i32_idx(W[4]),
                    tcgv_i32_idx(W[0]), tcgv_i32_idx(W[1]), t[i].c);
        tcg_gen_op6(INDEX_op_movcond, TCG_TYPE_I32, tcgv_i32_idx(W[6]),
                    tcgv_i32_idx(W[0]), tcgv_i32_idx(W[1]),
                    tcgv_i32_idx(W[2]), tcgv_i32_idx(W[3]), t[i].c);
        tcg_gen_movi_i64(X[7], 0);
        l->refs++;
        tcg_gen_op4(INDEX_op_brcond, TCG_TYPE_I64, tcgv_i64_idx(X[0]),
                    tcgv_i64_idx(X[1]), t[i].c, label_arg(l));
        tcg_gen_movi_i64(X[7], 1);
        tcg_gen_set_label(l);
        tcg_gen_exit_tb(NULL, 0);
        run(&env);
        g_assert_cmpuint(env.x[4], ==, t[i].r64);
        g_assert_cmphex(env.x[5], ==, t[i].r64 ? ~0ull : 0);
        g_assert_cmpuint(env.x[6], ==, t[i].r64 ? 11 : 22);
        g_assert_cmpuint(env.x[7], ==, !t[i].r64);
        g_assert_cmpuint(env.w[4], ==, t[i].r32);
        g_assert_cmpuint(env.w[6], ==, t[i].r32 ? 11 : 22);
    }
}

/* --- guest memory through callbacks --- */

typedef struct Mem {
    uint8_t b[64];
    unsigned last_mmu;
    MemOp last_mop;
} Mem;

static bool mload(void *o, uint64_t addr, MemOp mop, unsigned idx, uint64_t *v)
{
    Mem *m = o;
    if (addr + memop_size(mop) > sizeof(m->b) ||
        addr % memop_alignment_bytes(mop)) {
        return false;
    }
    *v = 0;
    memcpy(v, &m->b[addr], memop_size(mop));
    m->last_mmu = idx;
    m->last_mop = mop;
    return true;
}

static bool mstore(void *o, uint64_t addr, MemOp mop, unsigned idx, uint64_t v)
{
    Mem *m = o;
    if (addr + memop_size(mop) > sizeof(m->b) ||
        addr % memop_alignment_bytes(mop)) {
        return false;
    }
    memcpy(&m->b[addr], &v, memop_size(mop));
    m->last_mmu = idx;
    m->last_mop = mop;
    return true;
}

static const TCGInterpMemOps mem_ops = { mload, mstore };

static void test_guest_memory(void)
{
    Env env = { .x = { 8, 0x1122334455667788ull, 0, 0, 16 } };
    Mem m = { .b = { 0 } };
    TCGInterpResult res;

    tcg_func_start(&ctx);
    tcg_gen_guest_st_i64(X[1], X[0], 3, MO_BEUQ);       /* bytes 8..15 */
    tcg_gen_guest_ld_i64(X[2], X[0], 3, MO_LEUQ);
    tcg_gen_guest_ld_i64(X[3], X[0], 5, MO_SB);         /* 0x11 */
    tcg_gen_guest_ld_i32(W[0], X[0], 5, MO_BESW);       /* 0x1122 */
    tcg_gen_guest_st_i32(W[0], X[4], 1, MO_LEUL);       /* bytes 16..19 */
    tcg_gen_atomic_fetch_add_i64(X[5], X[4], X[1], 2, MO_LEUL | MO_SIGN);
    tcg_gen_atomic_cmpxchg_i64(X[6], X[4], X[5], X[0], 2, MO_LEUL);
    tcg_gen_exit_tb(NULL, 0);
    tcg_interp_run_ex(&ctx, &env, &mem_ops, &m, 0, &res);
    g_assert_false(res.faulted);
    g_assert_cmphex(m.b[8], ==, 0x11);
    g_assert_cmphex(m.b[15], ==, 0x88);
    g_assert_cmphex(env.x[2], ==, 0x8877665544332211ull);
    g_assert_cmphex(env.x[3], ==, 0x11);
    g_assert_cmphex(env.w[0], ==, 0x1122);
    g_assert_cmphex(env.x[5], ==, 0x1122);              /* old value */
    /* new value at 16 = 0x1122 + 0x55667788 = 0x556688aa, compared with
       x5 = 0x1122: not equal, so no store; x6 = old */
    g_assert_cmphex(env.x[6], ==, 0x556688aa);
    g_assert_cmphex(m.b[16], ==, 0xaa);
    g_assert_cmpuint(m.last_mmu, ==, 2);

    /* An aligned access that is not aligned faults and stops the run. */
    env.x[0] = 9;
    env.x[7] = 0;
    tcg_func_start(&ctx);
    tcg_gen_insn_start(0x100, 1, 2);
    tcg_gen_guest_ld_i64(X[2], X[0], 0, MO_LEUQ | MO_ALIGN);
    tcg_gen_insn_start(0x104, 3, 4);
    tcg_gen_movi_i64(X[7], 1);
    tcg_gen_exit_tb(NULL, 0);
    tcg_interp_run_ex(&ctx, &env, &mem_ops, &m, 0, &res);
    g_assert_true(res.faulted);
    g_assert_cmphex(res.fault_addr, ==, 9);
    g_assert_cmpint(res.last_insn, ==, 0);
    g_assert_cmphex(res.insn_data[0], ==, 0x100);
    g_assert_cmphex(res.insn_data[2], ==, 2);
    g_assert_cmphex(env.x[7], ==, 0);
}

/* --- helpers, env ld/st, exits --- */

static uint64_t helper_sum3(uint64_t a, uint64_t b, uint64_t c)
{
    return a + 2 * b + 3 * c;
}

static int64_t helper_sext(int32_t a)
{
    return a;
}

static const TCGHelperInfo info_sum3 = {
    .func = (void *)helper_sum3, .name = "sum3", .flags = TCG_CALL_NO_RWG_SE,
    .has_ret = true, .ret_type = TCG_TYPE_I64, .nb_args = 3,
    .arg_types = { TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I64 },
};

static const TCGHelperInfo info_sext = {
    .func = (void *)helper_sext, .name = "sext", .flags = TCG_CALL_NO_RWG_SE,
    .has_ret = true, .ret_type = TCG_TYPE_I64, .nb_args = 1,
    .arg_types = { TCG_TYPE_I32 }, .sext_mask = 1,
};

static void test_calls_env_exit(void)
{
    Env env = { .x = { 1, 10, 100 }, .w = { 0xfffffffe } };
    TCGInterpResult res;
    TCGv_i64 t;
    uintptr_t ret;

    tcg_func_start(&ctx);
    t = tcg_temp_new_i64();
    tcg_gen_call(&info_sum3, X[3], X[0], X[1], X[2]);
    tcg_gen_call(&info_sext, X[4], W[0]);
    tcg_gen_ld_i64(t, tcg_env, offsetof(Env, x[1]));
    tcg_gen_st32_i64(t, tcg_env, offsetof(Env, scratch[0]));
    tcg_gen_ld16s_i64(X[5], tcg_env, offsetof(Env, w[0]));
    tcg_gen_st8_i64(X[5], tcg_env, offsetof(Env, scratch[1]));
    tcg_gen_goto_tb(1);
    tcg_gen_exit_tb((void *)0x1000, 1);
    ret = tcg_interp_run_ex(&ctx, &env, NULL, NULL, 0, &res);
    g_assert_cmphex(ret, ==, 0x1001);
    g_assert_cmpint(res.goto_tb, ==, 1);
    g_assert_cmpuint(env.x[3], ==, 321);
    g_assert_cmphex(env.x[4], ==, (uint64_t)-2);
    g_assert_cmphex(env.scratch[0], ==, 10);
    g_assert_cmphex(env.x[5], ==, ~0ull - 1);
    g_assert_cmphex(env.scratch[1], ==, 0xfe);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    setup();
    g_test_add_func("/tcg/interp/arith", test_arith);
    g_test_add_func("/tcg/interp/logic", test_logic);
    g_test_add_func("/tcg/interp/shifts", test_shifts);
    g_test_add_func("/tcg/interp/bitfield", test_bitfield);
    g_test_add_func("/tcg/interp/ext-bswap-count", test_ext_bswap_count);
    g_test_add_func("/tcg/interp/conversions-double", test_conversions_double);
    g_test_add_func("/tcg/interp/conditions", test_conditions);
    g_test_add_func("/tcg/interp/guest-memory", test_guest_memory);
    g_test_add_func("/tcg/interp/calls-env-exit", test_calls_env_exit);
    return g_test_run();
}
