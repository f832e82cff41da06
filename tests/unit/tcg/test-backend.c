/*
 * test-backend.c — directed tests of the x86-64 code generator: guest
 * memory through a fake TLB and fake slow paths, block chaining,
 * goto_ptr, restoring the guest state from a return address, helper calls
 * with many arguments, a full code buffer and the out_asm dump.
 *
 * The memory tests run twice: with every optional host instruction the
 * machine has (MOVBE, BMI...) and with none.
 */
#include "util/osdep.h"
#include "tcg/tcg.h"
#include "tcg/tcg-op.h"
#include "tcg/passes.h"
#include "tcg/backend.h"
#include "tcg/x86_64/cpuinfo.h"

#define MMU 3
#define GPAGE 0x40000ull
#define TLB_N 16

typedef struct Env {
    uint64_t r[8];
    uint32_t w[4];
    CPUTLBDescFast fast[TCG_MMU_IDX_MAX];
    CPUTLBEntry table[TLB_N];       /* mmu index MMU */
    CPUTLBEntry other[TLB_N];       /* every other index: all invalid */
} Env;

static TCGCodeBuf cb;
static TCGPrologue pro;
static TCGContext ctx;
static TCGv_i64 R[8];
static TCGv_i32 W[4];
static Env env;
static uint8_t page[4096] __attribute__((aligned(4096)));
static unsigned features;

/* ------------------------------------------------------- fake runtime */

typedef struct SlowCall {
    int kind;               /* 1 ld, 2 st, 3 cmpxchg, 4 rmw */
    uint64_t addr, val, cmp;
    uint32_t oi, op;
    uintptr_t ra;
} SlowCall;

static SlowCall calls[16];
static unsigned nb_calls;
static uint64_t slow_result = 0xdeadbeefcafef00dull;

static SlowCall *record(int kind, uint64_t addr, uint32_t oi, uintptr_t ra)
{
    SlowCall *c = &calls[nb_calls++ % 16];
    memset(c, 0, sizeof(*c));
    c->kind = kind;
    c->addr = addr;
    c->oi = oi;
    c->ra = ra;
    return c;
}

static uint64_t fake_ld(void *e, uint64_t addr, uint32_t oi, uintptr_t ra)
{
    g_assert(e == &env);
    record(1, addr, oi, ra);
    return slow_result;
}

static void fake_st(void *e, uint64_t addr, uint64_t val, uint32_t oi, uintptr_t ra)
{
    g_assert(e == &env);
    record(2, addr, oi, ra)->val = val;
}

static uint64_t fake_cmpxchg(void *e, uint64_t addr, uint64_t cmp, uint64_t newv,
                             uint32_t oi, uintptr_t ra)
{
    SlowCall *c = record(3, addr, oi, ra);
    c->cmp = cmp;
    c->val = newv;
    return slow_result;
}

static uint64_t fake_rmw(void *e, uint64_t addr, uint64_t val, uint32_t oi,
                         uint32_t op, uintptr_t ra)
{
    SlowCall *c = record(4, addr, oi, ra);
    c->val = val;
    c->op = op;
    return slow_result;
}

static void reset_tlb(void)
{
    memset(env.table, 0xff, sizeof(env.table));
    memset(env.other, 0xff, sizeof(env.other));
    for (unsigned i = 0; i < TCG_MMU_IDX_MAX; i++) {
        env.fast[i].mask = (TLB_N - 1) << CPU_TLB_ENTRY_BITS;
        env.fast[i].table = i == MMU ? env.table : env.other;
    }
    CPUTLBEntry *e = &env.table[(GPAGE >> 12) & (TLB_N - 1)];
    e->addr_read = GPAGE;
    e->addr_write = GPAGE;
    e->addend = (uintptr_t)page - GPAGE;
    nb_calls = 0;
}

static CPUTLBEntry *page_entry(void)
{
    return &env.table[(GPAGE >> 12) & (TLB_N - 1)];
}

/* ------------------------------------------------------------ harness */

static void begin(void)
{
    tcg_ctx = &ctx;
    tcg_func_start(&ctx);
}

static TCGCodeInfo finish(void)
{
    TCGCodeInfo ci;
    int r;

    tcg_optimize_and_analyze(&ctx);
    tcg_backend_set_features(&ctx, features);
    r = tcg_gen_code(&ctx, &ci);
    if (r == TCG_GEN_BUFFER_FULL) {
        codebuf_flush(&cb);
        r = tcg_gen_code(&ctx, &ci);
    }
    g_assert_cmpint(r, >, 0);
    if (g_test_verbose()) {
        tcg_dump_host_code(stderr, &ci);
    }
    return ci;
}

static uintptr_t run(const TCGCodeInfo *ci)
{
    return tcg_exec_tb(&pro, &env, ci->code);
}

static void exit_with(uintptr_t v)
{
    tcg_gen_op1(INDEX_op_exit_tb, 0, v);
}

static TCGv_i64 addr_const(uint64_t a)
{
    TCGv_i64 t = tcg_temp_new_i64();
    /* Through a global so that the optimizer cannot fold the address. */
    tcg_gen_addi_i64(t, R[7], a);
    return t;
}

static bool ra_in_block(const TCGCodeInfo *ci, uintptr_t ra)
{
    return ra > (uintptr_t)ci->code && ra <= (uintptr_t)ci->code + ci->code_size;
}

/* --------------------------------------------------------- guest memory */

static void test_mem_hits(void)
{
    TCGCodeInfo ci;
    uint64_t v = 0x1122334455667788ull;

    reset_tlb();
    memset(page, 0, sizeof(page));
    memcpy(page + 8, &v, 8);
    env.r[7] = 0;
    env.r[2] = 0x0102030405060708ull;
    env.w[1] = 0xabcd;

    begin();
    tcg_gen_guest_ld_i64(R[0], addr_const(GPAGE + 8), MMU, MO_LEUQ);
    tcg_gen_guest_ld_i64(R[1], addr_const(GPAGE + 8), MMU, MO_BESL);
    tcg_gen_guest_ld_i32(W[0], addr_const(GPAGE + 10), MMU, MO_BEUW);
    tcg_gen_guest_st_i64(R[2], addr_const(GPAGE + 0x20), MMU, MO_BEUQ);
    tcg_gen_guest_st_i32(W[1], addr_const(GPAGE + 0x31), MMU, MO_LEUW);
    /* MO_ALIGN_4 on an 8-byte access at a 4-aligned address: a hit. */
    tcg_gen_guest_ld_i64(R[3], addr_const(GPAGE + 0xffc - 4), MMU, MO_LEUQ | MO_ALIGN_4);
    /* Unaligned but inside the page: a hit. */
    tcg_gen_guest_ld_i64(R[4], addr_const(GPAGE + 9), MMU, MO_LEUQ);
    exit_with(0x100);
    ci = finish();

    g_assert_cmphex(run(&ci), ==, 0x100);
    g_assert_cmpuint(nb_calls, ==, 0);
    g_assert_cmphex(env.r[0], ==, v);
    g_assert_cmphex(env.r[1], ==, 0xffffffff88776655ull);
    g_assert_cmphex(env.w[0], ==, 0x6655);
    g_assert_cmphex(page[0x20], ==, 0x01);
    g_assert_cmphex(page[0x27], ==, 0x08);
    g_assert_cmphex(page[0x31], ==, 0xcd);
    g_assert_cmphex(page[0x32], ==, 0xab);
    g_assert_cmphex(env.r[3], ==, 0);
    g_assert_cmphex(env.r[4], ==, v >> 8);
}

static void test_mem_slow(void)
{
    TCGCodeInfo ci;
    MemOp mops[6] = {
        MO_LEUQ,                    /* unmapped page */
        MO_LEUQ,                    /* other mmu index */
        MO_LEUQ | MO_ALIGN,         /* misaligned */
        MO_LEUQ,                    /* crosses the page end */
        MO_BESL,                    /* flagged entry (read side) */
        MO_UB,
    };
    uint64_t addrs[6] = {
        0x50008, GPAGE + 8, GPAGE + 4, GPAGE + 0xffc, GPAGE + 16, GPAGE + 5,
    };
    unsigned idx[6] = { MMU, 2, MMU, MMU, MMU, MMU };

    for (int k = 0; k < 6; k++) {
        reset_tlb();
        if (k == 4) {
            page_entry()->addr_read |= TLB_MMIO;
        }
        env.r[7] = 0;
        slow_result = 0x8000000000000000ull + k;

        begin();
        tcg_gen_insn_start(0x1000, 1, 2);
        tcg_gen_addi_i64(R[3], R[3], 1);
        tcg_gen_insn_start(0x1004, 3, 4);
        tcg_gen_guest_ld_i64(R[0], addr_const(addrs[k]), idx[k], mops[k]);
        tcg_gen_insn_start(0x1008, 5, 6);
        tcg_gen_addi_i64(R[4], R[4], 1);
        exit_with(0x200);
        ci = finish();

        g_assert_cmphex(run(&ci), ==, 0x200);
        if (k == 5) {
            /* Control: the same block shape with a hit calls nothing. */
            g_assert_cmpuint(nb_calls, ==, 0);
            continue;
        }
        g_assert_cmpuint(nb_calls, ==, 1);
        g_assert_cmpint(calls[0].kind, ==, 1);
        g_assert_cmphex(calls[0].addr, ==, addrs[k]);
        g_assert_cmphex(calls[0].oi, ==, make_memop_idx(mops[k], idx[k]));
        g_assert_true(ra_in_block(&ci, calls[0].ra));
        g_assert_cmphex(env.r[0], ==, slow_result);

        uint64_t data[TCG_INSN_START_WORDS];
        g_assert_true(tcg_restore_state(&ci, calls[0].ra, data));
        g_assert_cmphex(data[0], ==, 0x1004);
        g_assert_cmphex(data[1], ==, 3);
        g_assert_cmphex(data[2], ==, 4);
    }

    /* Stores: a NOTDIRTY page (code written) goes slow with the value. */
    reset_tlb();
    page_entry()->addr_write |= TLB_NOTDIRTY;
    env.r[7] = 0;
    env.w[2] = 0x89abcdef;
    begin();
    tcg_gen_guest_st_i32(W[2], addr_const(GPAGE + 0x40), MMU, MO_BEUL);
    tcg_gen_guest_ld_i32(W[3], addr_const(GPAGE + 0x40), MMU, MO_BEUL);
    exit_with(0x300);
    ci = finish();
    memset(page, 0x5a, 8 + 0x40);
    g_assert_cmphex(run(&ci), ==, 0x300);
    g_assert_cmpuint(nb_calls, ==, 1);
    g_assert_cmpint(calls[0].kind, ==, 2);
    g_assert_cmphex(calls[0].addr, ==, GPAGE + 0x40);
    g_assert_cmphex(calls[0].val & 0xffffffff, ==, 0x89abcdef);
    g_assert_cmphex(calls[0].oi, ==, make_memop_idx(MO_BEUL, MMU));
    g_assert_true(ra_in_block(&ci, calls[0].ra));
    /* The load still hits the (read-side valid) entry. */
    g_assert_cmphex(env.w[3], ==, 0x5a5a5a5a);
}

/* Values in call-clobbered registers survive a slow path. */
static void test_mem_slow_preserves(void)
{
    TCGv_i64 t[10];
    TCGCodeInfo ci;

    reset_tlb();
    for (int i = 0; i < 7; i++) {
        env.r[i] = 0x1111111111111111ull * (i + 1);
    }
    env.r[7] = 0;
    slow_result = 1000;

    begin();
    for (int i = 0; i < 10; i++) {
        t[i] = tcg_temp_new_i64();
        tcg_gen_muli_i64(t[i], R[i % 7], i + 3);
    }
    TCGv_i64 v = tcg_temp_new_i64();
    tcg_gen_guest_ld_i64(v, addr_const(0x70000), MMU, MO_LEUQ);
    for (int i = 0; i < 7; i++) {
        tcg_gen_add_i64(R[i], t[i], v);
    }
    tcg_gen_add_i64(R[7], t[7], t[8]);
    tcg_gen_add_i64(R[7], R[7], t[9]);
    exit_with(0x400);
    ci = finish();

    uint64_t in[7];
    memcpy(in, env.r, sizeof(in));
    g_assert_cmphex(run(&ci), ==, 0x400);
    g_assert_cmpuint(nb_calls, ==, 1);
    for (int i = 0; i < 7; i++) {
        g_assert_cmphex(env.r[i], ==, in[i] * (i + 3) + 1000);
    }
    g_assert_cmphex(env.r[7], ==, in[0] * 10 + in[1] * 11 + in[2] * 12);
}

static void test_atomics(void)
{
    TCGCodeInfo ci;
    uint64_t v;

    reset_tlb();
    memset(page, 0, sizeof(page));
    v = 5;
    memcpy(page + 0x40, &v, 8);
    page[0x50] = 0xff;              /* BE 16-bit 0xfffe = -2 */
    page[0x51] = 0xfe;
    v = 100;
    memcpy(page + 0x60, &v, 8);
    page[0x73] = 0x10;              /* BE 32-bit 0x00000010 */
    v = (uint64_t)-5;
    memcpy(page + 0x80, &v, 4);
    env.r[7] = 0;
    env.r[1] = 5;
    env.r[2] = 9;
    env.w[0] = 0xfffffffe;
    env.w[1] = 0x1234;

    begin();
    tcg_gen_atomic_cmpxchg_i64(R[0], addr_const(GPAGE + 0x40), R[1], R[2], MMU, MO_LEUQ);
    tcg_gen_atomic_cmpxchg_i64(R[3], addr_const(GPAGE + 0x40), R[1], R[1], MMU, MO_LEUQ);
    tcg_gen_atomic_cmpxchg_i32(W[2], addr_const(GPAGE + 0x50), W[0], W[1], MMU, MO_BESW);
    tcg_gen_atomic_fetch_add_i64(R[4], addr_const(GPAGE + 0x60), R[2], MMU, MO_LEUQ);
    tcg_gen_atomic_fetch_add_i32(W[3], addr_const(GPAGE + 0x70), W[1], MMU, MO_BEUL);
    tcg_gen_atomic_fetch_smax_i64(R[5], addr_const(GPAGE + 0x80), R[2], MMU, MO_LESL);
    tcg_gen_atomic_xchg_i64(R[6], addr_const(GPAGE + 0x88), R[2], MMU, MO_BEUQ);
    exit_with(0x500);
    ci = finish();

    g_assert_cmphex(run(&ci), ==, 0x500);
    g_assert_cmpuint(nb_calls, ==, 0);
    g_assert_cmphex(env.r[0], ==, 5);           /* matched: 9 stored */
    g_assert_cmphex(env.r[3], ==, 9);           /* 9 != 5: no store */
    memcpy(&v, page + 0x40, 8);
    g_assert_cmphex(v, ==, 9);
    g_assert_cmphex(env.w[2], ==, 0xfffffffe);  /* sign-extended old */
    g_assert_cmphex(page[0x50], ==, 0x12);
    g_assert_cmphex(page[0x51], ==, 0x34);
    g_assert_cmphex(env.r[4], ==, 100);
    memcpy(&v, page + 0x60, 8);
    g_assert_cmphex(v, ==, 109);
    g_assert_cmphex(env.w[3], ==, 0x10);
    g_assert_cmphex(page[0x70] << 24 | page[0x71] << 16 | page[0x72] << 8 | page[0x73],
                    ==, 0x10 + 0x1234);
    g_assert_cmphex(env.r[5], ==, (uint64_t)-5);
    g_assert_cmphex(page[0x80], ==, 9);
    g_assert_cmphex(env.r[6], ==, 0);
    g_assert_cmphex(page[0x8f], ==, 9);

    /* The same atomics on a missing page: slow paths with their operands. */
    reset_tlb();
    env.r[7] = 0x100000;
    slow_result = 77;
    begin();
    tcg_gen_atomic_cmpxchg_i64(R[0], addr_const(GPAGE + 0x40), R[1], R[2], MMU, MO_LEUQ);
    tcg_gen_atomic_fetch_add_i32(W[3], addr_const(GPAGE + 0x70), W[1], MMU, MO_BEUL);
    tcg_gen_atomic_fetch_smax_i64(R[5], addr_const(GPAGE + 0x80), R[2], MMU, MO_LESL);
    exit_with(0x600);
    ci = finish();
    g_assert_cmphex(run(&ci), ==, 0x600);
    g_assert_cmpuint(nb_calls, ==, 3);
    g_assert_cmpint(calls[0].kind, ==, 3);
    g_assert_cmphex(calls[0].addr, ==, 0x100000 + GPAGE + 0x40);
    g_assert_cmphex(calls[0].cmp, ==, 5);
    g_assert_cmphex(calls[0].val, ==, 9);
    g_assert_cmpint(calls[1].kind, ==, 4);
    g_assert_cmpuint(calls[1].op, ==, TCG_ATOMIC_ADD);
    g_assert_cmphex(calls[1].val & 0xffffffff, ==, 0x1234);
    g_assert_cmphex(calls[1].oi, ==, make_memop_idx(MO_BEUL, MMU));
    g_assert_cmpuint(calls[2].op, ==, TCG_ATOMIC_SMAX);
    g_assert_cmphex(env.r[0], ==, 77);
    g_assert_cmphex(env.w[3], ==, 77);
    g_assert_cmphex(env.r[5], ==, 77);
}

/* ------------------------------------------------------------ chaining */

static void test_chain(void)
{
    TCGCodeInfo a, b;

    begin();
    tcg_gen_addi_i64(R[0], R[0], 1);
    tcg_gen_goto_tb(0);
    exit_with(0xa000);
    a = finish();
    g_assert_cmphex(a.jmp_field[0], !=, 0);
    g_assert_cmphex(a.jmp_field[0] & 3, ==, 0);
    g_assert_cmphex(a.jmp_reset[0], ==, a.jmp_field[0] + 4);

    begin();
    tcg_gen_addi_i64(R[1], R[1], 10);
    exit_with(0xb000);
    b = finish();

    env.r[0] = env.r[1] = 0;
    g_assert_cmphex(run(&a), ==, 0xa000);
    g_assert_cmpuint(env.r[0], ==, 1);
    g_assert_cmpuint(env.r[1], ==, 0);

    tcg_backend_patch_jump(a.jmp_field[0],
                           (uintptr_t)codebuf_rx_to_rw(&cb, (void *)a.jmp_field[0]),
                           (uintptr_t)b.code);
    g_assert_cmphex(run(&a), ==, 0xb000);
    g_assert_cmpuint(env.r[0], ==, 2);
    g_assert_cmpuint(env.r[1], ==, 10);

    tcg_backend_patch_jump(a.jmp_field[0],
                           (uintptr_t)codebuf_rx_to_rw(&cb, (void *)a.jmp_field[0]),
                           a.jmp_reset[0]);
    g_assert_cmphex(run(&a), ==, 0xa000);
    g_assert_cmpuint(env.r[0], ==, 3);
    g_assert_cmpuint(env.r[1], ==, 10);
}

/* ------------------------------------------------------------ goto_ptr */

static const void *lookup_answer;
static unsigned lookups;

static void *helper_lookup(void *e)
{
    g_assert(e == &env);
    lookups++;
    return (void *)lookup_answer;
}

static const TCGHelperInfo info_lookup = {
    .func = (void *)helper_lookup, .name = "lookup",
    .flags = TCG_CALL_NO_WG, .has_ret = true, .ret_type = TCG_TYPE_PTR,
    .nb_args = 1, .arg_types = { TCG_TYPE_PTR },
};

static void test_goto_ptr(void)
{
    TCGCodeInfo a, b;

    begin();
    tcg_gen_addi_i64(R[1], R[1], 7);
    exit_with(0xb100);
    b = finish();

    ctx.lookup_tb_ptr_info = &info_lookup;
    begin();
    tcg_gen_addi_i64(R[0], R[0], 1);
    tcg_gen_lookup_and_goto_ptr();
    a = finish();
    ctx.lookup_tb_ptr_info = NULL;

    env.r[0] = env.r[1] = 0;
    lookup_answer = b.code;
    g_assert_cmphex(run(&a), ==, 0xb100);
    g_assert_cmpuint(env.r[0], ==, 1);
    g_assert_cmpuint(env.r[1], ==, 7);

    lookup_answer = NULL;           /* miss: back to the loop with 0 */
    g_assert_cmphex(run(&a), ==, 0);
    g_assert_cmpuint(env.r[0], ==, 2);
    g_assert_cmpuint(env.r[1], ==, 7);

    lookup_answer = (const void *)pro.ret0;
    g_assert_cmphex(run(&a), ==, 0);
    g_assert_cmpuint(env.r[0], ==, 3);
    g_assert_cmpuint(lookups, ==, 3);
}

/* ------------------------------------------------------- restore state */

static TCGCodeInfo restore_ci;
static uint64_t restored[TCG_INSN_START_WORDS];
static bool restore_ok;

static uint64_t helper_where(void *e, uint64_t x)
{
    uintptr_t ra = (uintptr_t)__builtin_return_address(0);
    restore_ok = tcg_restore_state(&restore_ci, ra, restored);
    return x + 1;
}

static const TCGHelperInfo info_where = {
    .func = (void *)helper_where, .name = "where",
    .flags = TCG_CALL_NO_RWG, .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64 },
};

static void test_restore_state(void)
{
    for (int where = 0; where < 4; where++) {
        begin();
        for (int i = 0; i < 4; i++) {
            tcg_gen_insn_start(0x8000 + 4 * i, 100 + i, (uint64_t)-1 - i);
            tcg_gen_addi_i64(R[i], R[i], i + 1);
            if (i == where) {
                tcg_gen_call(&info_where, R[5], tcg_env, R[4]);
            }
            tcg_gen_xori_i64(R[6], R[6], i);
        }
        exit_with(0xc000);
        restore_ci = finish();
        g_assert_cmpuint(restore_ci.num_insns, ==, 4);

        restore_ok = false;
        env.r[4] = 41;
        g_assert_cmphex(run(&restore_ci), ==, 0xc000);
        g_assert_true(restore_ok);
        g_assert_cmpuint(env.r[5], ==, 42);
        g_assert_cmphex(restored[0], ==, 0x8000 + 4 * where);
        g_assert_cmphex(restored[1], ==, 100 + where);
        g_assert_cmphex(restored[2], ==, (uint64_t)-1 - where);
    }
    /* Addresses outside the block are not found. */
    uint64_t d[TCG_INSN_START_WORDS];
    g_assert_false(tcg_restore_state(&restore_ci, (uintptr_t)restore_ci.code, d));
    g_assert_false(tcg_restore_state(&restore_ci, (uintptr_t)restore_ci.code +
                                     restore_ci.code_size + 1, d));
}

/* ---------------------------------------------------------------- loops */

/*
 * A backward branch: the label is placed before the values live across it
 * are written (in program order), so their state at the label must come
 * from memory, not from what the allocator had seen so far.
 */
static void test_loop(void)
{
    TCGCodeInfo ci;

    begin();
    TCGv_i64 i = tcg_temp_new_i64();
    TCGv_i64 acc = tcg_temp_new_i64();
    TCGLabel *top = gen_new_label();
    tcg_gen_movi_i64(i, 0);
    tcg_gen_mov_i64(acc, R[1]);
    tcg_gen_set_label(top);
    tcg_gen_add_i64(R[0], R[0], i);
    tcg_gen_mul_i64(acc, acc, R[2]);
    tcg_gen_addi_i64(i, i, 1);
    tcg_gen_brcondi_i64(TCG_COND_LTU, i, 10, top);
    tcg_gen_mov_i64(R[3], acc);
    exit_with(0xf000);
    ci = finish();

    env.r[0] = 1000;
    env.r[1] = 1;
    env.r[2] = 3;
    g_assert_cmphex(run(&ci), ==, 0xf000);
    g_assert_cmpuint(env.r[0], ==, 1045);
    g_assert_cmpuint(env.r[3], ==, 59049);      /* 3^10 */
}

/* ---------------------------------------------------------------- calls */

static uint64_t helper_eight(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                             uint64_t e, uint64_t f, uint64_t g, uint64_t h)
{
    return a + 3 * b + 5 * c + 7 * d + 11 * e + 13 * f + 17 * g + 19 * h;
}

static const TCGHelperInfo info_eight = {
    .func = (void *)helper_eight, .name = "eight",
    .flags = TCG_CALL_NO_RWG_SE, .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 8,
    .arg_types = { TCG_TYPE_I64, TCG_TYPE_I32, TCG_TYPE_I64, TCG_TYPE_I32,
                   TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I32, TCG_TYPE_I32 },
    .sext_mask = (1 << 1) | (1 << 6),   /* args 1 and 6 sign-extended */
};

static void test_call_args(void)
{
    TCGCodeInfo ci;

    for (unsigned f = 0; f < 2; f++) {
        features = f ? cpuinfo_x86 : 0;
        for (int i = 0; i < 8; i++) {
            env.r[i] = 0x100 * (i + 1) + i;
        }
        env.w[0] = 0xfffffff0;      /* -16 */
        env.w[1] = 0x80000000;
        env.w[2] = 0xffffffff;
        env.w[3] = 7;

        begin();
        /* Values already in the argument registers in another order, so
           that the moves into place form cycles. */
        TCGv_i64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();
        tcg_gen_add_i64(a, R[0], R[1]);
        tcg_gen_sub_i64(b, R[2], R[3]);
        tcg_gen_call(&info_eight, R[4], b, W[0], a, W[1], R[5], tcg_constant_i64(-3),
                     W[2], W[3]);
        tcg_gen_call(&info_eight, R[5], a, W[0], b, W[0], a, b, W[0], W[3]);
        tcg_gen_add_i64(R[6], a, b);
        exit_with(0xd000);
        ci = finish();
        g_assert_cmphex(run(&ci), ==, 0xd000);

        uint64_t va = 0x100 + 0x201, vb = 0x302 - 0x403;
        uint64_t r5 = 0x605;
        g_assert_cmphex(env.r[4], ==, helper_eight(vb, (uint64_t)-16, va, 0x80000000ull,
                                                   r5, (uint64_t)-3, (uint64_t)-1, 7));
        g_assert_cmphex(env.r[5], ==, helper_eight(va, (uint64_t)-16, vb, 0xfffffff0ull,
                                                   va, vb, (uint64_t)-16, 7));
        g_assert_cmphex(env.r[6], ==, va + vb);
    }
    features = cpuinfo_x86;
}

/* --------------------------------------------------- buffer and logging */

static void test_buffer_full(void)
{
    TCGCodeBuf small;
    TCGPrologue p2;
    TCGContext s2;
    GError *err = NULL;
    TCGBackendConfig cfg = { .prologue = &p2, .codebuf = &small,
                             .host_features = cpuinfo_x86, .page_bits = 12 };
    TCGCodeInfo ci;
    unsigned blocks = 0;
    int r;

    g_assert_true(codebuf_init(&small, 64 * KiB, &err));
    g_assert_true(tcg_prologue_init(&p2, &small, &err));
    tcg_context_init(&s2);
    tcg_ctx = &s2;
    TCGv_i64 g0 = tcg_global_mem_new_i64(offsetof(Env, r[0]), "g0");
    tcg_backend_attach(&s2, &cfg);

    for (;;) {
        tcg_func_start(&s2);
        for (int i = 0; i < 50; i++) {
            tcg_gen_muli_i64(g0, g0, 3);
        }
        tcg_gen_op1(INDEX_op_exit_tb, 0, 0x77);
        tcg_optimize_and_analyze(&s2);
        r = tcg_gen_code(&s2, &ci);
        if (r == TCG_GEN_BUFFER_FULL) {
            break;
        }
        g_assert_cmpint(r, >, 0);
        blocks++;
    }
    g_assert_cmpuint(blocks, >, 10);
    codebuf_flush(&small);
    g_assert_cmpint(tcg_gen_code(&s2, &ci), >, 0);
    env.r[0] = 1;
    g_assert_cmphex(tcg_exec_tb(&p2, &env, ci.code), ==, 0x77);
    uint64_t want = 1;
    for (int i = 0; i < 50; i++) {
        want *= 3;
    }
    g_assert_cmphex(env.r[0], ==, want);

    tcg_backend_detach(&s2);
    tcg_context_destroy(&s2);
    codebuf_destroy(&small);
    tcg_ctx = &ctx;
}

static void test_out_asm(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    TCGCodeInfo ci;

    begin();
    tcg_gen_addi_i64(R[0], R[0], 0x1234);
    exit_with(0xe000);
    ci = finish();
    tcg_dump_host_code(f, &ci);
    fclose(f);
    g_assert_nonnull(strstr(text, "OUT: [size="));
    g_assert_nonnull(strstr(text, "0x1234"));
    g_assert_nonnull(strstr(text, "jmp"));
    free(text);
}

/* ----------------------------------------------------------------- main */

static void with_features(gconstpointer data)
{
    void (*fn)(void) = data;

    features = cpuinfo_x86;
    fn();
    features = 0;
    fn();
    features = cpuinfo_x86;
}

int main(int argc, char **argv)
{
    GError *err = NULL;
    static const char *const rn[8] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7" };
    static const char *const wn[4] = { "w0", "w1", "w2", "w3" };

    g_test_init(&argc, &argv, NULL);
    if (!codebuf_init(&cb, 16 * MiB, &err) || !tcg_prologue_init(&pro, &cb, &err)) {
        g_error("%s", err->message);
    }
    tcg_context_init(&ctx);
    tcg_ctx = &ctx;
    for (int i = 0; i < 8; i++) {
        R[i] = tcg_global_mem_new_i64(offsetof(Env, r[i]), rn[i]);
    }
    for (int i = 0; i < 4; i++) {
        W[i] = tcg_global_mem_new_i32(offsetof(Env, w[i]), wn[i]);
    }
    TCGBackendConfig cfg = {
        .prologue = &pro, .codebuf = &cb, .host_features = cpuinfo_x86,
        .tlb_fast_offset = offsetof(Env, fast), .page_bits = 12,
        .slow_ld = fake_ld, .slow_st = fake_st, .slow_cmpxchg = fake_cmpxchg,
        .slow_rmw = fake_rmw,
    };
    tcg_backend_attach(&ctx, &cfg);
    features = cpuinfo_x86;

    g_test_add_data_func("/tcg/backend/mem-hits", test_mem_hits, with_features);
    g_test_add_data_func("/tcg/backend/mem-slow", test_mem_slow, with_features);
    g_test_add_data_func("/tcg/backend/mem-slow-preserves", test_mem_slow_preserves,
                         with_features);
    g_test_add_data_func("/tcg/backend/atomics", test_atomics, with_features);
    g_test_add_func("/tcg/backend/chain", test_chain);
    g_test_add_func("/tcg/backend/goto-ptr", test_goto_ptr);
    g_test_add_func("/tcg/backend/restore-state", test_restore_state);
    g_test_add_func("/tcg/backend/call-args", test_call_args);
    g_test_add_func("/tcg/backend/loop", test_loop);
    g_test_add_func("/tcg/backend/buffer-full", test_buffer_full);
    g_test_add_func("/tcg/backend/out-asm", test_out_asm);
    int ret = g_test_run();

    tcg_backend_detach(&ctx);
    tcg_context_destroy(&ctx);
    codebuf_destroy(&cb);
    return ret;
}
