/*
 * tcg-random.c — random IR program generator for tests (see tcg-random.h).
 *
 * Ops are mostly emitted raw (tcg_gen_opN), not through the folding
 * builders, so that edge cases (shift by 0, full-width extract, ...) reach
 * the optimizer and the backend unchanged.
 *
 * Value pools: globals are always readable; a few TB temps are written at
 * the start of the program so that they are defined on every path and read
 * at its end; block-local temps (EBB temps, and TB temps that the demotion
 * pass should turn into EBB temps) are created as needed and forgotten at
 * every label. Branches only go forward, so every program terminates.
 */
#include "util/osdep.h"
#include "tcg/tcg.h"
#include "tcg/tcg-op.h"
#include "tcg-random.h"

#define NB_TB_TEMPS   4
#define MAX_EBB       16
#define MAX_LABELS    8

typedef struct Gen {
    TCGContext *s;
    uint64_t rng;
    const TCGRandomConfig *cfg;
    /* temp indexes per type: [0] = i32, [1] = i64 */
    uint32_t globals[2][TCG_RANDOM_NB_G64];
    uint32_t tbt[2][NB_TB_TEMPS];
    uint32_t ebb[2][MAX_EBB];
    unsigned nb_ebb[2];
    /* EBB temps created by dst() for the op being built: readable only
       once that op is emitted (commit_ebb). */
    uint32_t pend[2][4];
    unsigned nb_pend[2];
    TCGLabel *pending[MAX_LABELS];
    unsigned nb_pending;
    uint64_t pc;
} Gen;

uint64_t tcg_random_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static inline uint64_t rnd(Gen *g)
{
    return tcg_random_next(&g->rng);
}

static inline unsigned below(Gen *g, unsigned n)
{
    return (unsigned)(rnd(g) % n);
}

static inline bool chance(Gen *g, unsigned percent)
{
    return below(g, 100) < percent;
}

static inline int ti(TCGType t)
{
    return t == TCG_TYPE_I64;
}

/* ------------------------------------------------------------ globals */

TCGRandomConfig tcg_random_default_config(void)
{
    return (TCGRandomConfig) {
        .nb_ops = 60, .branches = true, .env_ldst = true, .guest_mem = true,
        .calls = true, .insn_start = true, .goto_tb = true, .div = true,
    };
}

static const char *const g64_names[TCG_RANDOM_NB_G64] = {
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
};
static const char *const g32_names[TCG_RANDOM_NB_G32] = {
    "w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7",
};

void tcg_random_create_globals(TCGContext *s)
{
    for (unsigned i = 0; i < TCG_RANDOM_NB_G64; i++) {
        tcg_global_mem_new_internal(s, TCG_TYPE_I64,
                                    offsetof(TCGRandomEnv, g64[i]), g64_names[i]);
    }
    for (unsigned i = 0; i < TCG_RANDOM_NB_G32; i++) {
        tcg_global_mem_new_internal(s, TCG_TYPE_I32,
                                    offsetof(TCGRandomEnv, g32[i]), g32_names[i]);
    }
}

/* Finds the globals created above by name (they may follow other globals). */
static void find_globals(Gen *g)
{
    TCGContext *s = g->s;
    unsigned n64 = 0, n32 = 0;

    for (uint32_t i = 0; i < s->nb_globals; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->kind != TEMP_GLOBAL || !ts->name) {
            continue;
        }
        if (ts->type == TCG_TYPE_I64 && n64 < TCG_RANDOM_NB_G64 &&
            !strcmp(ts->name, g64_names[n64])) {
            g->globals[1][n64++] = i;
        } else if (ts->type == TCG_TYPE_I32 && n32 < TCG_RANDOM_NB_G32 &&
                   !strcmp(ts->name, g32_names[n32])) {
            g->globals[0][n32++] = i;
        }
    }
    g_assert(n64 == TCG_RANDOM_NB_G64 && n32 == TCG_RANDOM_NB_G32);
}

/* ------------------------------------------------------------ values */

static int64_t edge_const(Gen *g, TCGType t)
{
    static const int64_t edges[] = {
        0, 1, -1, 2, 3, 7, 8, 31, 32, 63, 64, 0x7f, 0x80, 0xff, 0x100,
        0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000ll,
        0xffffffffll, 0x100000000ll, INT64_MAX, INT64_MIN,
        0x123456789abcdef0ll, -2, -0x80, -0x8000,
    };
    switch (below(g, 4)) {
    case 0:
    case 1:
        return edges[below(g, ARRAY_SIZE(edges))];
    case 2:
        return (int64_t)(rnd(g) & 0xffff) - 0x8000;
    default:
        return t == TCG_TYPE_I32 ? (int32_t)rnd(g) : (int64_t)rnd(g);
    }
}

static TCGArg cst(Gen *g, TCGType t, int64_t v)
{
    return tcg_constant_internal(g->s, t, v)->index;
}

/* A readable value of type t: global, TB temp, live EBB temp or constant. */
static TCGArg src(Gen *g, TCGType t)
{
    int k = ti(t);
    unsigned r = below(g, 100);

    if (r < 35) {
        return g->globals[k][below(g, TCG_RANDOM_NB_G64)];
    } else if (r < 55) {
        return g->tbt[k][below(g, NB_TB_TEMPS)];
    } else if (r < 80 && g->nb_ebb[k]) {
        return g->ebb[k][below(g, g->nb_ebb[k])];
    } else if (r < 90) {
        return cst(g, t, edge_const(g, t));
    }
    return g->globals[k][below(g, TCG_RANDOM_NB_G64)];
}

/* A writable temp of type t (a new EBB temp is defined by this write). */
static TCGArg dst(Gen *g, TCGType t)
{
    int k = ti(t);
    unsigned r = below(g, 100);

    if (r < 40) {
        return g->globals[k][below(g, TCG_RANDOM_NB_G64)];
    } else if (r < 60) {
        return g->tbt[k][below(g, NB_TB_TEMPS)];
    } else if (r < 75 && g->nb_ebb[k]) {
        return g->ebb[k][below(g, g->nb_ebb[k])];
    }
    if (g->nb_ebb[k] + g->nb_pend[k] < MAX_EBB && g->nb_pend[k] < 4) {
        /* Block-local values; half of them in TB temps, which the demotion
           pass should turn into EBB temps. */
        TCGArg e = tcg_temp_new_internal(g->s, t, chance(g, 50) ? TEMP_EBB
                                                              : TEMP_TB)->index;
        g->pend[k][g->nb_pend[k]++] = e;
        return e;
    }
    if (!g->nb_ebb[k]) {
        return g->tbt[k][below(g, NB_TB_TEMPS)];
    }
    return g->ebb[k][below(g, g->nb_ebb[k])];
}

/* The op that wrote the pending EBB temps is emitted: make them readable. */
static void commit_ebb(Gen *g)
{
    for (int k = 0; k < 2; k++) {
        for (unsigned i = 0; i < g->nb_pend[k]; i++) {
            g->ebb[k][g->nb_ebb[k]++] = g->pend[k][i];
        }
        g->nb_pend[k] = 0;
    }
}

static void forget_ebb(Gen *g)
{
    g->nb_ebb[0] = g->nb_ebb[1] = 0;
    g->nb_pend[0] = g->nb_pend[1] = 0;
}

/* Scratch EBB temp written here and used right away (not pooled). */
static TCGArg scratch(Gen *g, TCGType t)
{
    return tcg_temp_new_internal(g->s, t, TEMP_EBB)->index;
}

static TCGType rtype(Gen *g)
{
    return chance(g, 50) ? TCG_TYPE_I64 : TCG_TYPE_I32;
}

static TCGCond rcond(Gen *g)
{
    return (TCGCond)(TCG_COND_EQ + below(g, 10));
}

/* -------------------------------------------------------------- helpers */

static uint64_t helper_rand_pure(uint64_t a, uint64_t b)
{
    return a * 31 ^ ((b << 7) | (b >> 57));
}

static uint64_t helper_rand_rw(void *envp, uint64_t x)
{
    TCGRandomEnv *e = envp;
    e->g64[x & 7] ^= e->g64[(x >> 3) & 7] + x;
    e->g32[(x >> 6) & 7] += (uint32_t)x;
    return e->g64[(x >> 9) & 7];
}

static uint64_t helper_rand_read(void *envp, uint64_t x)
{
    TCGRandomEnv *e = envp;
    return e->g64[x & 7] + e->g32[(x >> 3) & 7];
}

static uint32_t helper_rand_i32(int32_t a, uint32_t b)
{
    /* a arrives sign-extended: its use as int64 is visible in the result. */
    return (uint32_t)((int64_t)a >> 3) ^ b;
}

static void helper_rand_void(void *envp, uint32_t x)
{
    TCGRandomEnv *e = envp;
    e->scratch[x & 7] += x;
}

static const TCGHelperInfo info_pure = {
    .func = (void *)helper_rand_pure, .name = "rand_pure",
    .flags = TCG_CALL_NO_RWG_SE, .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 2, .arg_types = { TCG_TYPE_I64, TCG_TYPE_I64 },
};
static const TCGHelperInfo info_rw = {
    .func = (void *)helper_rand_rw, .name = "rand_rw",
    .flags = 0, .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64 },
};
static const TCGHelperInfo info_read = {
    .func = (void *)helper_rand_read, .name = "rand_read",
    .flags = TCG_CALL_NO_WG, .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64 },
};
static const TCGHelperInfo info_i32 = {
    .func = (void *)helper_rand_i32, .name = "rand_i32",
    .flags = TCG_CALL_NO_RWG_SE, .has_ret = true, .ret_type = TCG_TYPE_I32,
    .nb_args = 2, .arg_types = { TCG_TYPE_I32, TCG_TYPE_I32 }, .sext_mask = 1,
};
static const TCGHelperInfo info_void = {
    .func = (void *)helper_rand_void, .name = "rand_void",
    .flags = TCG_CALL_NO_RWG, .has_ret = false,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32 },
};

static void gen_call(Gen *g, const TCGHelperInfo *info, TCGArg ret,
                     TCGArg a0, TCGArg a1)
{
    TCGOp *op = tcg_emit_op(g->s, INDEX_op_call, 0, (ret != (TCGArg)-1) + 4);
    unsigned n = 0;

    op->call_o = ret != (TCGArg)-1;
    op->call_i = 2;
    if (op->call_o) {
        op->args[n++] = ret;
    }
    op->args[n++] = a0;
    op->args[n++] = a1;
    op->args[n++] = (uintptr_t)info->func;
    op->args[n++] = (uintptr_t)info;
}

/* ------------------------------------------------------------ op kinds */

static const TCGOpcode binops[] = {
    INDEX_op_add, INDEX_op_sub, INDEX_op_mul, INDEX_op_and, INDEX_op_or,
    INDEX_op_xor, INDEX_op_andc, INDEX_op_orc, INDEX_op_eqv, INDEX_op_nand,
    INDEX_op_nor, INDEX_op_clz, INDEX_op_ctz,
};
static const TCGOpcode unops[] = {
    INDEX_op_mov, INDEX_op_neg, INDEX_op_not, INDEX_op_ctpop,
    INDEX_op_ext8s, INDEX_op_ext8u, INDEX_op_ext16s, INDEX_op_ext16u,
};
static const TCGOpcode shifts[] = {
    INDEX_op_shl, INDEX_op_shr, INDEX_op_sar, INDEX_op_rotl, INDEX_op_rotr,
};
static const TCGOpcode divs[] = {
    INDEX_op_div, INDEX_op_divu, INDEX_op_rem, INDEX_op_remu,
};

static void gen_div(Gen *g, TCGType t)
{
    TCGOpcode opc = divs[below(g, 4)];
    TCGArg a = src(g, t), b = src(g, t), d = scratch(g, t);
    int64_t min = t == TCG_TYPE_I32 ? INT32_MIN : INT64_MIN;

    /* d = b ? b : 7 */
    tcg_gen_op6(INDEX_op_movcond, t, d, b, cst(g, t, 0), cst(g, t, 7), b,
                TCG_COND_EQ);
    if (opc == INDEX_op_div || opc == INDEX_op_rem) {
        /* Also avoid INT_MIN / -1: a == INT_MIN && d == -1 -> d = 3. */
        TCGArg c1 = scratch(g, t), c2 = scratch(g, t), d2 = scratch(g, t);
        tcg_gen_op4(INDEX_op_setcond, t, c1, a, cst(g, t, min), TCG_COND_EQ);
        tcg_gen_op4(INDEX_op_negsetcond, t, c2, d, cst(g, t, -1), TCG_COND_EQ);
        tcg_gen_op3(INDEX_op_and, t, c1, c1, c2);
        tcg_gen_op6(INDEX_op_movcond, t, d2, c1, cst(g, t, 0), d, cst(g, t, 3),
                    TCG_COND_EQ);
        d = d2;
    }
    tcg_gen_op3(opc, t, dst(g, t), a, d);
}

static void gen_shift(Gen *g, TCGType t)
{
    TCGOpcode opc = shifts[below(g, ARRAY_SIZE(shifts))];
    unsigned w = tcg_type_bits(t);
    TCGArg a = src(g, t), c;

    if (chance(g, 50)) {
        static const unsigned edges[] = { 0, 1, 7, 8, 15, 16, 31, 32, 33, 63 };
        unsigned n = chance(g, 50) ? edges[below(g, ARRAY_SIZE(edges))]
                                   : below(g, w);
        c = cst(g, t, n & (w - 1));
    } else {
        c = scratch(g, t);
        tcg_gen_op3(INDEX_op_and, t, c, src(g, t), cst(g, t, w - 1));
    }
    tcg_gen_op3(opc, t, dst(g, t), a, c);
}

static void field(Gen *g, unsigned w, unsigned *pos, unsigned *len)
{
    switch (below(g, 5)) {
    case 0: *pos = 0; *len = w; break;
    case 1: *pos = 0; *len = 1 + below(g, w); break;
    case 2: *len = 1 + below(g, w); *pos = w - *len; break;
    case 3: *pos = below(g, w); *len = 1; break;
    default:
        *pos = below(g, w);
        *len = 1 + below(g, w - *pos);
        break;
    }
}

static void gen_bitfield(Gen *g, TCGType t)
{
    unsigned w = tcg_type_bits(t), pos, len;

    field(g, w, &pos, &len);
    switch (below(g, 4)) {
    case 0:
        tcg_gen_op4(INDEX_op_extract, t, dst(g, t), src(g, t), pos, len);
        break;
    case 1:
        tcg_gen_op4(INDEX_op_sextract, t, dst(g, t), src(g, t), pos, len);
        break;
    case 2:
        tcg_gen_op5(INDEX_op_deposit, t, dst(g, t), src(g, t), src(g, t),
                    pos, len);
        break;
    default:
        tcg_gen_op4(INDEX_op_extract2, t, dst(g, t), src(g, t), src(g, t),
                    chance(g, 20) ? 0 : below(g, w));
        break;
    }
}

static void gen_ext_conv(Gen *g)
{
    switch (below(g, 7)) {
    case 0:
        tcg_gen_op2(INDEX_op_ext32s, TCG_TYPE_I64, dst(g, TCG_TYPE_I64),
                    src(g, TCG_TYPE_I64));
        break;
    case 1:
        tcg_gen_op2(INDEX_op_ext32u, TCG_TYPE_I64, dst(g, TCG_TYPE_I64),
                    src(g, TCG_TYPE_I64));
        break;
    case 2:
        tcg_gen_op2(INDEX_op_extu_i32_i64, TCG_TYPE_I64, dst(g, TCG_TYPE_I64),
                    src(g, TCG_TYPE_I32));
        break;
    case 3:
        tcg_gen_op2(INDEX_op_ext_i32_i64, TCG_TYPE_I64, dst(g, TCG_TYPE_I64),
                    src(g, TCG_TYPE_I32));
        break;
    case 4:
        tcg_gen_op2(INDEX_op_extrl_i64_i32, TCG_TYPE_I32, dst(g, TCG_TYPE_I32),
                    src(g, TCG_TYPE_I64));
        break;
    case 5:
        tcg_gen_op2(INDEX_op_extrh_i64_i32, TCG_TYPE_I32, dst(g, TCG_TYPE_I32),
                    src(g, TCG_TYPE_I64));
        break;
    default:
        tcg_gen_op2(INDEX_op_bswap64, TCG_TYPE_I64, dst(g, TCG_TYPE_I64),
                    src(g, TCG_TYPE_I64));
        break;
    }
}

static void gen_double(Gen *g, TCGType t)
{
    TCGArg lo = dst(g, t), hi;

    do {
        hi = dst(g, t);
    } while (hi == lo);
    switch (below(g, 4)) {
    case 0:
        tcg_gen_op4(INDEX_op_mulu2, t, lo, hi, src(g, t), src(g, t));
        break;
    case 1:
        tcg_gen_op4(INDEX_op_muls2, t, lo, hi, src(g, t), src(g, t));
        break;
    case 2:
        tcg_gen_op6(INDEX_op_add2, t, lo, hi, src(g, t), src(g, t),
                    src(g, t), src(g, t));
        break;
    default:
        tcg_gen_op6(INDEX_op_sub2, t, lo, hi, src(g, t), src(g, t),
                    src(g, t), src(g, t));
        break;
    }
}

static void gen_cond(Gen *g, TCGType t)
{
    TCGCond c = rcond(g);

    switch (below(g, 3)) {
    case 0:
        tcg_gen_op4(INDEX_op_setcond, t, dst(g, t), src(g, t), src(g, t), c);
        break;
    case 1:
        tcg_gen_op4(INDEX_op_negsetcond, t, dst(g, t), src(g, t), src(g, t), c);
        break;
    default:
        tcg_gen_op6(INDEX_op_movcond, t, dst(g, t), src(g, t), src(g, t),
                    src(g, t), src(g, t), c);
        break;
    }
}

static void gen_env_ldst(Gen *g, TCGType t)
{
    static const TCGOpcode lds[] = {
        INDEX_op_ld8u, INDEX_op_ld8s, INDEX_op_ld16u, INDEX_op_ld16s,
        INDEX_op_ld, INDEX_op_ld32u, INDEX_op_ld32s,
    };
    static const TCGOpcode sts[] = {
        INDEX_op_st8, INDEX_op_st16, INDEX_op_st, INDEX_op_st32,
    };
    unsigned nld = t == TCG_TYPE_I64 ? 7 : 5, nst = t == TCG_TYPE_I64 ? 4 : 3;
    /* Any byte offset inside scratch that fits an 8-byte access. */
    intptr_t off = offsetof(TCGRandomEnv, scratch) +
                   below(g, sizeof(((TCGRandomEnv *)0)->scratch) - 7);

    if (chance(g, 50)) {
        tcg_gen_op3(lds[below(g, nld)], t, dst(g, t), TCG_ENV_TEMP_INDEX, off);
    } else {
        tcg_gen_op3(sts[below(g, nst)], t, src(g, t), TCG_ENV_TEMP_INDEX, off);
    }
}

static MemOp rmemop(Gen *g, TCGType t)
{
    MemOp mop = below(g, t == TCG_TYPE_I64 ? 4 : 3);

    if (chance(g, 50)) {
        mop |= MO_SIGN;
    }
    if (chance(g, 50)) {
        mop |= MO_BSWAP;
    }
    if (chance(g, 10)) {
        mop |= MO_ALIGN;    /* may fault: the run then stops, identically */
    }
    return mop;
}

static TCGArg guest_addr(Gen *g)
{
    TCGArg off = scratch(g, TCG_TYPE_I64), addr = scratch(g, TCG_TYPE_I64);

    tcg_gen_op4(INDEX_op_extract, TCG_TYPE_I64, off, src(g, TCG_TYPE_I64),
                below(g, 8), 7);
    tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, addr, off,
                cst(g, TCG_TYPE_I64, TCG_RANDOM_MEM_BASE));
    return addr;
}

static void gen_guest(Gen *g, TCGType t)
{
    MemOp mop = rmemop(g, t);
    unsigned idx = below(g, TCG_MMU_IDX_MAX);
    MemOpIdx oi = make_memop_idx(mop, idx);
    TCGArg addr = guest_addr(g);

    switch (below(g, 4)) {
    case 0:
        tcg_gen_op3(INDEX_op_guest_ld, t, dst(g, t), addr, oi);
        break;
    case 1:
        tcg_gen_op3(INDEX_op_guest_st, t, src(g, t), addr,
                    make_memop_idx(mop & ~MO_SIGN, idx));
        break;
    case 2:
        tcg_gen_op5(INDEX_op_atomic_cmpxchg, t, dst(g, t), src(g, t),
                    src(g, t), addr, oi);
        break;
    default:
        tcg_gen_op5(INDEX_op_atomic_rmw, t, dst(g, t), src(g, t), addr, oi,
                    below(g, TCG_ATOMIC_NB_OPS));
        break;
    }
}

static void gen_calls(Gen *g)
{
    switch (below(g, 5)) {
    case 0:
        gen_call(g, &info_pure, dst(g, TCG_TYPE_I64), src(g, TCG_TYPE_I64),
                 src(g, TCG_TYPE_I64));
        break;
    case 1:
        gen_call(g, &info_rw, dst(g, TCG_TYPE_I64), TCG_ENV_TEMP_INDEX,
                 src(g, TCG_TYPE_I64));
        break;
    case 2:
        gen_call(g, &info_read, dst(g, TCG_TYPE_I64), TCG_ENV_TEMP_INDEX,
                 src(g, TCG_TYPE_I64));
        break;
    case 3:
        gen_call(g, &info_i32, dst(g, TCG_TYPE_I32), src(g, TCG_TYPE_I32),
                 src(g, TCG_TYPE_I32));
        break;
    default:
        gen_call(g, &info_void, (TCGArg)-1, TCG_ENV_TEMP_INDEX,
                 src(g, TCG_TYPE_I32));
        break;
    }
}

static void place_label(Gen *g)
{
    unsigned i = below(g, g->nb_pending);
    TCGLabel *l = g->pending[i];

    g->pending[i] = g->pending[--g->nb_pending];
    tcg_gen_set_label(l);
    forget_ebb(g);                      /* EBB temps die at a label */
}

static void gen_branch(Gen *g)
{
    TCGLabel *l;

    if (g->nb_pending && chance(g, 40)) {
        place_label(g);
        return;
    }
    if (g->nb_pending == MAX_LABELS) {
        return;
    }
    if (g->nb_pending && chance(g, 30)) {
        l = g->pending[below(g, g->nb_pending)];    /* a second branch to it */
    } else {
        l = gen_new_label();
        g->pending[g->nb_pending++] = l;
    }
    if (chance(g, 10)) {
        tcg_gen_br(l);
        /* What follows until a label is unreachable; place one now or soon. */
        if (chance(g, 50)) {
            place_label(g);
        }
    } else {
        TCGType t = rtype(g);
        l->refs++;
        tcg_gen_op4(INDEX_op_brcond, t, src(g, t), src(g, t), rcond(g),
                    label_arg(l));
    }
}

static void gen_one(Gen *g)
{
    const TCGRandomConfig *cfg = g->cfg;
    TCGType t = rtype(g);
    unsigned r = below(g, 100);

    commit_ebb(g);
    if (r < 22) {
        tcg_gen_op3(binops[below(g, ARRAY_SIZE(binops))], t, dst(g, t),
                    src(g, t), src(g, t));
    } else if (r < 30) {
        tcg_gen_op2(unops[below(g, ARRAY_SIZE(unops))], t, dst(g, t), src(g, t));
    } else if (r < 40) {
        gen_shift(g, t);
    } else if (r < 48) {
        gen_bitfield(g, t);
    } else if (r < 54) {
        gen_ext_conv(g);
    } else if (r < 58) {
        tcg_gen_op3(below(g, 2) ? INDEX_op_bswap16 : INDEX_op_bswap32, t,
                    dst(g, t), src(g, t), below(g, 2));
    } else if (r < 64) {
        gen_double(g, t);
    } else if (r < 74) {
        gen_cond(g, t);
    } else if (r < 80) {
        if (cfg->div) {
            gen_div(g, t);
        }
    } else if (r < 86) {
        if (cfg->branches) {
            gen_branch(g);
        }
    } else if (r < 90) {
        if (cfg->env_ldst) {
            gen_env_ldst(g, t);
        }
    } else if (r < 95) {
        if (cfg->guest_mem) {
            gen_guest(g, t);
        }
    } else if (r < 98) {
        if (cfg->calls) {
            gen_calls(g);
        }
    } else if (r < 99) {
        if (cfg->insn_start) {
            g->pc += 4;
            tcg_gen_insn_start(g->pc, below(g, 16), 0);
        }
    } else if (chance(g, 50)) {
        tcg_gen_mb(TCG_MO_ALL & (unsigned)rnd(g));
    } else if (g->nb_ebb[ti(t)]) {
        /* Discard an EBB temp and never read it again. */
        int k = ti(t);
        unsigned i = below(g, g->nb_ebb[k]);
        tcg_gen_op1(INDEX_op_discard, t, g->ebb[k][i]);
        g->ebb[k][i] = g->ebb[k][--g->nb_ebb[k]];
    }
}

void tcg_random_gen_program(TCGContext *s, uint64_t seed,
                            const TCGRandomConfig *cfg)
{
    Gen g = { .s = s, .rng = seed, .cfg = cfg, .pc = 0x400000 };
    TCGContext *saved = tcg_ctx;
    unsigned n;

    tcg_ctx = s;
    find_globals(&g);
    if (cfg->insn_start) {
        tcg_gen_insn_start(g.pc, 0, 0);
    }
    /* Define every TB temp up front so that it is defined on all paths. */
    for (int k = 0; k < 2; k++) {
        TCGType t = k ? TCG_TYPE_I64 : TCG_TYPE_I32;
        for (unsigned i = 0; i < NB_TB_TEMPS; i++) {
            g.tbt[k][i] = tcg_temp_new_internal(s, t, TEMP_TB)->index;
            tcg_gen_op2(INDEX_op_mov, t, g.tbt[k][i],
                        chance(&g, 50) ? cst(&g, t, edge_const(&g, t))
                                       : g.globals[k][below(&g, 8)]);
        }
    }

    n = cfg->nb_ops ? cfg->nb_ops : 60;
    n = n / 2 + below(&g, n);
    for (unsigned i = 0; i < n; i++) {
        gen_one(&g);
    }

    /* An early exit on some programs, then the remaining labels. */
    if (cfg->branches && chance(&g, 30)) {
        TCGLabel *l = gen_new_label();
        TCGType t = rtype(&g);
        l->refs++;
        tcg_gen_op4(INDEX_op_brcond, t, src(&g, t), src(&g, t), rcond(&g),
                    label_arg(l));
        tcg_gen_exit_tb(NULL, 0);
        tcg_gen_set_label(l);
        forget_ebb(&g);
        /* Fold the TB temps into globals so that they are observable. */
        tcg_gen_op3(INDEX_op_xor, TCG_TYPE_I64, g.globals[1][0],
                    g.globals[1][0], g.tbt[1][0]);
    }
    while (g.nb_pending) {
        place_label(&g);
        if (chance(&g, 50)) {
            gen_one(&g);
        }
    }
    for (unsigned i = 0; i < NB_TB_TEMPS; i++) {
        tcg_gen_op3(INDEX_op_add, TCG_TYPE_I64, g.globals[1][i + 4],
                    g.globals[1][i + 4], g.tbt[1][i]);
        tcg_gen_op3(INDEX_op_sub, TCG_TYPE_I32, g.globals[0][i + 4],
                    g.globals[0][i + 4], g.tbt[0][i]);
    }
    if (cfg->goto_tb && chance(&g, 50)) {
        tcg_gen_goto_tb(0);
        tcg_gen_op1(INDEX_op_exit_tb, 0, 0x10000);
    } else {
        tcg_gen_op1(INDEX_op_exit_tb, 0, 0x20000 | below(&g, 2));
    }
    tcg_ctx = saved;
}

/* ------------------------------------------------------------- env/mem */

void tcg_random_fill_env(TCGRandomEnv *env, uint64_t seed)
{
    uint64_t st = seed ^ 0x5555aaaa5555aaaaull;

    for (unsigned i = 0; i < TCG_RANDOM_NB_G64; i++) {
        uint64_t r = tcg_random_next(&st);
        /* A few edge values among random ones. */
        env->g64[i] = (r & 7) == 0 ? 0 : (r & 7) == 1 ? ~0ull :
                      (r & 7) == 2 ? 1ull << 63 : tcg_random_next(&st);
    }
    for (unsigned i = 0; i < TCG_RANDOM_NB_G32; i++) {
        uint64_t r = tcg_random_next(&st);
        env->g32[i] = (r & 7) == 0 ? 0 : (r & 7) == 1 ? ~0u :
                      (r & 7) == 2 ? 1u << 31 : (uint32_t)tcg_random_next(&st);
    }
    for (unsigned i = 0; i < TCG_RANDOM_SCRATCH; i++) {
        env->scratch[i] = tcg_random_next(&st);
    }
}

void tcg_random_fill_mem(TCGRandomMem *mem, uint64_t seed)
{
    uint64_t st = seed ^ 0x3c3c3c3cc3c3c3c3ull;

    for (unsigned i = 0; i < TCG_RANDOM_MEM_SIZE; i += 8) {
        uint64_t v = tcg_random_next(&st);
        memcpy(&mem->bytes[i], &v, 8);
    }
}

static bool mem_check(uint64_t addr, MemOp mop)
{
    unsigned size = memop_size(mop);

    if (addr % memop_alignment_bytes(mop)) {
        return false;
    }
    return addr >= TCG_RANDOM_MEM_BASE &&
           addr + size <= TCG_RANDOM_MEM_BASE + TCG_RANDOM_MEM_SIZE;
}

static bool rmem_load(void *opaque, uint64_t addr, MemOp mop, unsigned mmu_idx,
                      uint64_t *val)
{
    TCGRandomMem *m = opaque;

    if (!mem_check(addr, mop)) {
        return false;
    }
    *val = 0;
    memcpy(val, &m->bytes[addr - TCG_RANDOM_MEM_BASE], memop_size(mop));
    return true;
}

static bool rmem_store(void *opaque, uint64_t addr, MemOp mop,
                       unsigned mmu_idx, uint64_t val)
{
    TCGRandomMem *m = opaque;

    if (!mem_check(addr, mop)) {
        return false;
    }
    memcpy(&m->bytes[addr - TCG_RANDOM_MEM_BASE], &val, memop_size(mop));
    return true;
}

const TCGInterpMemOps tcg_random_mem_ops = {
    .load = rmem_load,
    .store = rmem_store,
};
