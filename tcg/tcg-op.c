/*
 * tcg-op.c — the tcg_gen_* builders front ends call to emit IR.
 *
 * The work is done by type-generic functions (gen_*) on temp indexes; the
 * public i32 / i64 builders are thin wrappers generated at the bottom of the
 * file. Builders fold what is free to fold (x + 0, shifts by 0, conditions
 * known at generation time) so that the optimizer has less to do.
 */
#include "util/osdep.h"
#include "tcg/tcg.h"
#include "tcg/tcg-op.h"

#define I32 TCG_TYPE_I32
#define I64 TCG_TYPE_I64

/* Handle (TCGv_*) -> temp index. */
#define IDX(h) ((TCGArg)((uintptr_t)(h) - 1))

static inline TCGArg cst(TCGType t, int64_t v)
{
    return tcg_constant_internal(tcg_ctx, t, v)->index;
}

static inline TCGArg new_ebb(TCGType t)
{
    return tcg_temp_new_internal(tcg_ctx, t, TEMP_EBB)->index;
}

static inline unsigned bits(TCGType t)
{
    return tcg_type_bits(t);
}

static inline int64_t mask_of(TCGType t)
{
    return t == I32 ? (int64_t)0xffffffffu : -1;
}

/* ------------------------------------------------------ raw op emission */

TCGOp *tcg_gen_op1(TCGOpcode opc, TCGType type, TCGArg a1)
{
    TCGOp *op = tcg_emit_op(tcg_ctx, opc, type, 1);
    op->args[0] = a1;
    return op;
}

TCGOp *tcg_gen_op2(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2)
{
    TCGOp *op = tcg_emit_op(tcg_ctx, opc, type, 2);
    op->args[0] = a1;
    op->args[1] = a2;
    return op;
}

TCGOp *tcg_gen_op3(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3)
{
    TCGOp *op = tcg_emit_op(tcg_ctx, opc, type, 3);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    return op;
}

TCGOp *tcg_gen_op4(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                   TCGArg a4)
{
    TCGOp *op = tcg_emit_op(tcg_ctx, opc, type, 4);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
    return op;
}

TCGOp *tcg_gen_op5(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                   TCGArg a4, TCGArg a5)
{
    TCGOp *op = tcg_emit_op(tcg_ctx, opc, type, 5);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
    op->args[4] = a5;
    return op;
}

TCGOp *tcg_gen_op6(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                   TCGArg a4, TCGArg a5, TCGArg a6)
{
    TCGOp *op = tcg_emit_op(tcg_ctx, opc, type, 6);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
    op->args[4] = a5;
    op->args[5] = a6;
    return op;
}

/* ---------------------------------------------------------- control --- */

TCGLabel *gen_new_label(void)
{
    return tcg_label_new(tcg_ctx);
}

void tcg_gen_set_label(TCGLabel *l)
{
    g_assert(!l->present);
    l->present = true;
    tcg_gen_op1(INDEX_op_set_label, 0, label_arg(l));
}

void tcg_gen_br(TCGLabel *l)
{
    l->refs++;
    tcg_gen_op1(INDEX_op_br, 0, label_arg(l));
}

void tcg_gen_mb(unsigned kind)
{
    tcg_gen_op1(INDEX_op_mb, 0, kind);
}

void tcg_gen_insn_start(uint64_t pc, uint64_t w1, uint64_t w2)
{
    TCGContext *s = tcg_ctx;

    g_assert(s->num_insns < TCG_MAX_INSNS);
    s->insn_data[s->num_insns][0] = pc;
    s->insn_data[s->num_insns][1] = w1;
    s->insn_data[s->num_insns][2] = w2;
    s->num_insns++;
    tcg_gen_op3(INDEX_op_insn_start, 0, pc, w1, w2);
}

void tcg_gen_goto_tb(unsigned n)
{
    g_assert(n < 2);
    tcg_gen_op1(INDEX_op_goto_tb, 0, n);
}

void tcg_gen_exit_tb(const struct TranslationBlock *tb, unsigned idx)
{
    uintptr_t val = 0;

    if (tb) {
        g_assert(idx < 2 && ((uintptr_t)tb & 3) == 0);
        val = (uintptr_t)tb | idx;
    } else {
        g_assert(idx == 0);
    }
    tcg_gen_op1(INDEX_op_exit_tb, 0, val);
}

void tcg_gen_lookup_and_goto_ptr(void)
{
    const TCGHelperInfo *info = tcg_ctx->lookup_tb_ptr_info;
    TCGArg ptr;

    if (!info) {
        tcg_gen_exit_tb(NULL, 0);
        return;
    }
    ptr = new_ebb(TCG_TYPE_PTR);
    tcg_gen_callN(info, (void *)(uintptr_t)(ptr + 1), 1,
                  (void *const[]){ (void *)tcg_env });
    tcg_gen_op1(INDEX_op_goto_ptr, TCG_TYPE_PTR, ptr);
}

void tcg_gen_callN(const TCGHelperInfo *info, void *ret, unsigned nargs,
                   void *const *args)
{
    TCGContext *s = tcg_ctx;
    unsigned nout = ret ? 1 : 0, i, n = 0;
    TCGOp *op;

    g_assert(nargs == info->nb_args && nargs <= TCG_MAX_CALL_IARGS);
    g_assert(nout == (info->has_ret ? 1u : 0u));
    op = tcg_emit_op(s, INDEX_op_call, 0, nout + nargs + 2);
    op->call_o = nout;
    op->call_i = nargs;
    if (ret) {
        g_assert(s->temps[IDX(ret)].type == info->ret_type);
        op->args[n++] = IDX(ret);
    }
    for (i = 0; i < nargs; i++) {
        g_assert(s->temps[IDX(args[i])].type == info->arg_types[i]);
        op->args[n++] = IDX(args[i]);
    }
    op->args[n++] = (uintptr_t)info->func;
    op->args[n++] = (uintptr_t)info;
}

/* ------------------------------------------------------ generic builders */

static void gen_mov(TCGType t, TCGArg r, TCGArg a)
{
    if (r != a) {
        tcg_gen_op2(INDEX_op_mov, t, r, a);
    }
}

static void gen_movi(TCGType t, TCGArg r, int64_t v)
{
    gen_mov(t, r, cst(t, v));
}

static void gen_op3(TCGOpcode opc, TCGType t, TCGArg r, TCGArg a, TCGArg b)
{
    tcg_gen_op3(opc, t, r, a, b);
}

static void gen_addi(TCGType t, TCGArg r, TCGArg a, int64_t v)
{
    if (v == 0) {
        gen_mov(t, r, a);
    } else {
        gen_op3(INDEX_op_add, t, r, a, cst(t, v));
    }
}

static void gen_subi(TCGType t, TCGArg r, TCGArg a, int64_t v)
{
    if (v == 0) {
        gen_mov(t, r, a);
    } else {
        /* a - v == a + (-v), which backends encode more often. */
        gen_op3(INDEX_op_add, t, r, a, cst(t, -(uint64_t)v));
    }
}

static void gen_subfi(TCGType t, TCGArg r, int64_t v, TCGArg a)
{
    if (v == 0) {
        tcg_gen_op2(INDEX_op_neg, t, r, a);
    } else {
        gen_op3(INDEX_op_sub, t, r, cst(t, v), a);
    }
}

static void gen_muli(TCGType t, TCGArg r, TCGArg a, int64_t v)
{
    uint64_t m = (uint64_t)v & (uint64_t)mask_of(t);

    if (m == 0) {
        gen_movi(t, r, 0);
    } else if (m == 1) {
        gen_mov(t, r, a);
    } else if ((m & (m - 1)) == 0) {
        gen_op3(INDEX_op_shl, t, r, a, cst(t, __builtin_ctzll(m)));
    } else {
        gen_op3(INDEX_op_mul, t, r, a, cst(t, v));
    }
}

static void gen_andi(TCGType t, TCGArg r, TCGArg a, int64_t v)
{
    v &= mask_of(t);
    if (v == 0) {
        gen_movi(t, r, 0);
    } else if (v == mask_of(t)) {
        gen_mov(t, r, a);
    } else if (v == 0xff) {
        tcg_gen_op2(INDEX_op_ext8u, t, r, a);
    } else if (v == 0xffff) {
        tcg_gen_op2(INDEX_op_ext16u, t, r, a);
    } else if (t == I64 && v == 0xffffffffll) {
        tcg_gen_op2(INDEX_op_ext32u, t, r, a);
    } else {
        gen_op3(INDEX_op_and, t, r, a, cst(t, v));
    }
}

static void gen_ori(TCGType t, TCGArg r, TCGArg a, int64_t v)
{
    v &= mask_of(t);
    if (v == 0) {
        gen_mov(t, r, a);
    } else if (v == mask_of(t)) {
        gen_movi(t, r, -1);
    } else {
        gen_op3(INDEX_op_or, t, r, a, cst(t, v));
    }
}

static void gen_xori(TCGType t, TCGArg r, TCGArg a, int64_t v)
{
    v &= mask_of(t);
    if (v == 0) {
        gen_mov(t, r, a);
    } else if (v == mask_of(t)) {
        tcg_gen_op2(INDEX_op_not, t, r, a);
    } else {
        gen_op3(INDEX_op_xor, t, r, a, cst(t, v));
    }
}

static void gen_shifti(TCGOpcode opc, TCGType t, TCGArg r, TCGArg a, unsigned c)
{
    g_assert(c < bits(t));
    if (c == 0) {
        gen_mov(t, r, a);
    } else {
        gen_op3(opc, t, r, a, cst(t, c));
    }
}

static void gen_bswap(TCGOpcode opc, TCGType t, TCGArg r, TCGArg a, int flags)
{
    g_assert(flags == TCG_BSWAP_OZ || flags == TCG_BSWAP_OS);
    tcg_gen_op3(opc, t, r, a, flags);
}

static void gen_extract(TCGType t, TCGArg r, TCGArg a, unsigned ofs,
                        unsigned len)
{
    g_assert(len >= 1 && ofs + len <= bits(t));
    if (len == bits(t)) {
        gen_mov(t, r, a);
    } else if (ofs == 0 && len == 8) {
        tcg_gen_op2(INDEX_op_ext8u, t, r, a);
    } else if (ofs == 0 && len == 16) {
        tcg_gen_op2(INDEX_op_ext16u, t, r, a);
    } else if (ofs == 0 && len == 32) {
        tcg_gen_op2(INDEX_op_ext32u, t, r, a);
    } else if (ofs + len == bits(t)) {
        gen_op3(INDEX_op_shr, t, r, a, cst(t, ofs));
    } else {
        tcg_gen_op4(INDEX_op_extract, t, r, a, ofs, len);
    }
}

static void gen_sextract(TCGType t, TCGArg r, TCGArg a, unsigned ofs,
                         unsigned len)
{
    g_assert(len >= 1 && ofs + len <= bits(t));
    if (len == bits(t)) {
        gen_mov(t, r, a);
    } else if (ofs == 0 && len == 8) {
        tcg_gen_op2(INDEX_op_ext8s, t, r, a);
    } else if (ofs == 0 && len == 16) {
        tcg_gen_op2(INDEX_op_ext16s, t, r, a);
    } else if (ofs == 0 && len == 32) {
        tcg_gen_op2(INDEX_op_ext32s, t, r, a);
    } else if (ofs + len == bits(t)) {
        gen_op3(INDEX_op_sar, t, r, a, cst(t, ofs));
    } else {
        tcg_gen_op4(INDEX_op_sextract, t, r, a, ofs, len);
    }
}

static void gen_deposit(TCGType t, TCGArg r, TCGArg a, TCGArg b, unsigned ofs,
                        unsigned len)
{
    g_assert(len >= 1 && ofs + len <= bits(t));
    if (len == bits(t)) {
        gen_mov(t, r, b);
    } else {
        tcg_gen_op5(INDEX_op_deposit, t, r, a, b, ofs, len);
    }
}

static void gen_extract2(TCGType t, TCGArg r, TCGArg lo, TCGArg hi, unsigned ofs)
{
    g_assert(ofs < bits(t));
    if (ofs == 0) {
        gen_mov(t, r, lo);
    } else if (lo == hi) {
        gen_op3(INDEX_op_rotr, t, r, lo, cst(t, ofs));
    } else {
        tcg_gen_op4(INDEX_op_extract2, t, r, lo, hi, ofs);
    }
}

static void gen_setcond(TCGOpcode opc, TCGCond c, TCGType t, TCGArg r,
                        TCGArg a, TCGArg b)
{
    int64_t one = opc == INDEX_op_setcond ? 1 : -1;

    if (c == TCG_COND_ALWAYS) {
        gen_movi(t, r, one);
    } else if (c == TCG_COND_NEVER) {
        gen_movi(t, r, 0);
    } else {
        tcg_gen_op4(opc, t, r, a, b, c);
    }
}

static void gen_movcond(TCGCond c, TCGType t, TCGArg r, TCGArg c1, TCGArg c2,
                        TCGArg v1, TCGArg v2)
{
    if (c == TCG_COND_ALWAYS || v1 == v2) {
        gen_mov(t, r, v1);
    } else if (c == TCG_COND_NEVER) {
        gen_mov(t, r, v2);
    } else {
        tcg_gen_op6(INDEX_op_movcond, t, r, c1, c2, v1, v2, c);
    }
}

static void gen_brcond(TCGCond c, TCGType t, TCGArg a, TCGArg b, TCGLabel *l)
{
    if (c == TCG_COND_ALWAYS) {
        tcg_gen_br(l);
    } else if (c != TCG_COND_NEVER) {
        l->refs++;
        tcg_gen_op4(INDEX_op_brcond, t, a, b, c, label_arg(l));
    }
}

static void gen_minmax(TCGCond c, TCGType t, TCGArg r, TCGArg a, TCGArg b)
{
    gen_movcond(c, t, r, a, b, a, b);
}

static void gen_abs(TCGType t, TCGArg r, TCGArg a)
{
    TCGArg n = new_ebb(t);

    tcg_gen_op2(INDEX_op_neg, t, n, a);
    gen_movcond(TCG_COND_LT, t, r, a, cst(t, 0), n, a);
}

static void gen_mulh(TCGOpcode opc, TCGType t, TCGArg r, TCGArg a, TCGArg b)
{
    TCGArg lo = new_ebb(t);

    tcg_gen_op4(opc, t, lo, r, a, b);
}

static void gen_ldst(TCGOpcode opc, TCGType t, TCGArg v, TCGArg base,
                     intptr_t ofs)
{
    tcg_gen_op3(opc, t, v, base, (TCGArg)ofs);
}

static void check_memop(TCGType t, MemOp memop, unsigned mmu_idx)
{
    g_assert(mmu_idx < TCG_MMU_IDX_MAX);
    g_assert((memop & MO_SIZE) <= (t == I32 ? MO_32 : MO_64));
}

static void gen_guest_ld(TCGType t, TCGArg r, TCGArg addr, unsigned mmu_idx,
                         MemOp memop)
{
    check_memop(t, memop, mmu_idx);
    /* A full-width load has nothing to extend. */
    if ((memop & MO_SIZE) == (t == I32 ? MO_32 : MO_64)) {
        memop &= ~MO_SIGN;
    }
    tcg_gen_op3(INDEX_op_guest_ld, t, r, addr, make_memop_idx(memop, mmu_idx));
}

static void gen_guest_st(TCGType t, TCGArg v, TCGArg addr, unsigned mmu_idx,
                         MemOp memop)
{
    check_memop(t, memop, mmu_idx);
    memop &= ~MO_SIGN;
    tcg_gen_op3(INDEX_op_guest_st, t, v, addr, make_memop_idx(memop, mmu_idx));
}

/* Extends v per memop (size and sign), for *_fetch results. */
static void gen_ext_memop(TCGType t, TCGArg r, TCGArg v, MemOp memop)
{
    unsigned sz = memop & MO_SIZE;
    bool sign = memop & MO_SIGN;

    if (8u << sz >= bits(t)) {
        gen_mov(t, r, v);
        return;
    }
    static const TCGOpcode ext[3][2] = {
        { INDEX_op_ext8u, INDEX_op_ext8s },
        { INDEX_op_ext16u, INDEX_op_ext16s },
        { INDEX_op_ext32u, INDEX_op_ext32s },
    };
    tcg_gen_op2(ext[sz][sign], t, r, v);
}

static void gen_atomic_cmpxchg(TCGType t, TCGArg r, TCGArg addr, TCGArg cmpv,
                               TCGArg newv, unsigned mmu_idx, MemOp memop)
{
    check_memop(t, memop, mmu_idx);
    tcg_gen_op5(INDEX_op_atomic_cmpxchg, t, r, cmpv, newv, addr,
                make_memop_idx(memop, mmu_idx));
}

static void gen_atomic_fetch(TCGAtomicOp aop, TCGType t, TCGArg r, TCGArg addr,
                             TCGArg val, unsigned mmu_idx, MemOp memop)
{
    check_memop(t, memop, mmu_idx);
    tcg_gen_op5(INDEX_op_atomic_rmw, t, r, val, addr,
                make_memop_idx(memop, mmu_idx), aop);
}

/* ret = op(old, val) extended per memop: the "op_fetch" forms. */
static void gen_atomic_op_fetch(TCGAtomicOp aop, TCGType t, TCGArg r,
                                TCGArg addr, TCGArg val, unsigned mmu_idx,
                                MemOp memop)
{
    TCGArg old = new_ebb(t), v = new_ebb(t), res = new_ebb(t);

    /* val may be r: keep a copy before r is written. */
    gen_mov(t, v, val);
    gen_atomic_fetch(aop, t, old, addr, v, mmu_idx, memop);
    /* Both operands as the op itself saw them: extended per memop. */
    gen_ext_memop(t, v, v, memop);
    switch (aop) {
    case TCG_ATOMIC_ADD: gen_op3(INDEX_op_add, t, res, old, v); break;
    case TCG_ATOMIC_AND: gen_op3(INDEX_op_and, t, res, old, v); break;
    case TCG_ATOMIC_OR:  gen_op3(INDEX_op_or, t, res, old, v); break;
    case TCG_ATOMIC_XOR: gen_op3(INDEX_op_xor, t, res, old, v); break;
    case TCG_ATOMIC_SMIN: gen_minmax(TCG_COND_LT, t, res, old, v); break;
    case TCG_ATOMIC_SMAX: gen_minmax(TCG_COND_GT, t, res, old, v); break;
    case TCG_ATOMIC_UMIN: gen_minmax(TCG_COND_LTU, t, res, old, v); break;
    case TCG_ATOMIC_UMAX: gen_minmax(TCG_COND_GTU, t, res, old, v); break;
    default:
        g_assert_not_reached();
    }
    gen_ext_memop(t, r, res, memop);
}

/* ---------------------------------------------------------- ptr --- */

TCGv_ptr tcg_temp_new_ptr(void)
{
    return temp_tcgv_ptr(tcg_temp_new_internal(tcg_ctx, TCG_TYPE_PTR, TEMP_TB));
}

void tcg_gen_ld_ptr(TCGv_ptr ret, TCGv_ptr base, intptr_t offset)
{
    gen_ldst(INDEX_op_ld, TCG_TYPE_PTR, IDX(ret), IDX(base), offset);
}

void tcg_gen_st_ptr(TCGv_ptr val, TCGv_ptr base, intptr_t offset)
{
    gen_ldst(INDEX_op_st, TCG_TYPE_PTR, IDX(val), IDX(base), offset);
}

void tcg_gen_mov_ptr(TCGv_ptr ret, TCGv_ptr arg)
{
    gen_mov(TCG_TYPE_PTR, IDX(ret), IDX(arg));
}

void tcg_gen_addi_ptr(TCGv_ptr ret, TCGv_ptr arg, intptr_t imm)
{
    gen_addi(TCG_TYPE_PTR, IDX(ret), IDX(arg), imm);
}

/* ---------------------------------------------------- conversions --- */

void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 arg)
{
    tcg_gen_op2(INDEX_op_extu_i32_i64, I64, IDX(ret), IDX(arg));
}

void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 arg)
{
    tcg_gen_op2(INDEX_op_ext_i32_i64, I64, IDX(ret), IDX(arg));
}

void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 arg)
{
    tcg_gen_op2(INDEX_op_extrl_i64_i32, I32, IDX(ret), IDX(arg));
}

void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 arg)
{
    tcg_gen_op2(INDEX_op_extrh_i64_i32, I32, IDX(ret), IDX(arg));
}

void tcg_gen_concat_i32_i64(TCGv_i64 ret, TCGv_i32 lo, TCGv_i32 hi)
{
    TCGArg l = new_ebb(I64), h = new_ebb(I64);

    tcg_gen_op2(INDEX_op_extu_i32_i64, I64, l, IDX(lo));
    tcg_gen_op2(INDEX_op_extu_i32_i64, I64, h, IDX(hi));
    gen_deposit(I64, IDX(ret), l, h, 32, 32);
}

void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 arg)
{
    TCGArg a = IDX(arg);

    if (IDX(lo) == a || IDX(hi) == a) {
        g_assert_not_reached();     /* types differ: cannot alias */
    }
    tcg_gen_op2(INDEX_op_extrl_i64_i32, I32, IDX(lo), a);
    tcg_gen_op2(INDEX_op_extrh_i64_i32, I32, IDX(hi), a);
}

/* ------------------------------------------------- typed public builders */

/*
 * BUILDERS(T, TYPE, IT) defines every tcg_gen_*_T for one value type; T is
 * i32 or i64, TYPE its TCGType and IT its immediate C type.
 */
#define V(T) TCGv_##T
#define BUILDERS(T, TYPE, IT)                                                  \
V(T) tcg_temp_new_##T(void)                                                    \
{ return temp_tcgv_##T(tcg_temp_new_internal(tcg_ctx, TYPE, TEMP_TB)); }       \
V(T) tcg_temp_ebb_new_##T(void)                                                \
{ return temp_tcgv_##T(tcg_temp_new_internal(tcg_ctx, TYPE, TEMP_EBB)); }      \
V(T) tcg_constant_##T(IT val)                                                  \
{ return temp_tcgv_##T(tcg_constant_internal(tcg_ctx, TYPE, val)); }           \
V(T) tcg_global_mem_new_##T(intptr_t offset, const char *name)                 \
{ return temp_tcgv_##T(tcg_global_mem_new_internal(tcg_ctx, TYPE, offset,      \
                                                   name)); }                   \
void tcg_gen_discard_##T(V(T) a)                                               \
{ tcg_gen_op1(INDEX_op_discard, TYPE, IDX(a)); }                               \
void tcg_gen_mov_##T(V(T) r, V(T) a) { gen_mov(TYPE, IDX(r), IDX(a)); }        \
void tcg_gen_movi_##T(V(T) r, IT a) { gen_movi(TYPE, IDX(r), a); }             \
void tcg_gen_add_##T(V(T) r, V(T) a, V(T) b)                                   \
{ gen_op3(INDEX_op_add, TYPE, IDX(r), IDX(a), IDX(b)); }                       \
void tcg_gen_addi_##T(V(T) r, V(T) a, IT b) { gen_addi(TYPE, IDX(r), IDX(a), b); } \
void tcg_gen_sub_##T(V(T) r, V(T) a, V(T) b)                                   \
{ gen_op3(INDEX_op_sub, TYPE, IDX(r), IDX(a), IDX(b)); }                       \
void tcg_gen_subi_##T(V(T) r, V(T) a, IT b) { gen_subi(TYPE, IDX(r), IDX(a), b); } \
void tcg_gen_subfi_##T(V(T) r, IT a, V(T) b) { gen_subfi(TYPE, IDX(r), a, IDX(b)); } \
void tcg_gen_mul_##T(V(T) r, V(T) a, V(T) b)                                   \
{ gen_op3(INDEX_op_mul, TYPE, IDX(r), IDX(a), IDX(b)); }                       \
void tcg_gen_muli_##T(V(T) r, V(T) a, IT b) { gen_muli(TYPE, IDX(r), IDX(a), b); } \
void tcg_gen_and_##T(V(T) r, V(T) a, V(T) b)                                   \
{ gen_op3(INDEX_op_and, TYPE, IDX(r), IDX(a), IDX(b)); }                       \
void tcg_gen_andi_##T(V(T) r, V(T) a, IT b) { gen_andi(TYPE, IDX(r), IDX(a), b); } \
void tcg_gen_or_##T(V(T) r, V(T) a, V(T) b)                                    \
{ gen_op3(INDEX_op_or, TYPE, IDX(r), IDX(a), IDX(b)); }                        \
void tcg_gen_ori_##T(V(T) r, V(T) a, IT b) { gen_ori(TYPE, IDX(r), IDX(a), b); } \
void tcg_gen_xor_##T(V(T) r, V(T) a, V(T) b)                                   \
{ gen_op3(INDEX_op_xor, TYPE, IDX(r), IDX(a), IDX(b)); }                       \
void tcg_gen_xori_##T(V(T) r, V(T) a, IT b) { gen_xori(TYPE, IDX(r), IDX(a), b); } \
void tcg_gen_shl_##T(V(T) r, V(T) a, V(T) b)                                   \
{ gen_op3(INDEX_op_shl, TYPE, IDX(r), IDX(a), IDX(b)); }                       \
void tcg_gen_shli_##T(V(T) r, V(T) a, unsigned b)                              \
{ gen_shifti(INDEX_op_shl, TYPE, IDX(r), IDX(a), b); }                         \
void tcg_gen_shr_##T(V(T) r, V(T) a, V(T) b)                                   \
{ gen_op3(INDEX_op_shr, TYPE, IDX(r), IDX(a), IDX(b)); }                       \
void tcg_gen_shri_##T(V(T) r, V(T) a, unsigned b)                              \
{ gen_shifti(INDEX_op_shr, TYPE, IDX(r), IDX(a), b); }                         \
void tcg_gen_sar_##T(V(T) r, V(T) a, V(T) b)                                   \
{ gen_op3(INDEX_op_sar, TYPE, IDX(r), IDX(a), IDX(b)); }                       \
void tcg_gen_sari_##T(V(T) r, V(T) a, unsigned b)                              \
{ gen_shifti(INDEX_op_sar, TYPE, IDX(r), IDX(a), b); }                         \
void tcg_gen_rotl_##T(V(T) r, V(T) a, V(T) b)                                  \
{ gen_op3(INDEX_op_rotl, TYPE, IDX(r), IDX(a), IDX(b)); }                      \
void tcg_gen_rotli_##T(V(T) r, V(T) a, unsigned b)                             \
{ gen_shifti(INDEX_op_rotl, TYPE, IDX(r), IDX(a), b); }                        \
void tcg_gen_rotr_##T(V(T) r, V(T) a, V(T) b)                                  \
{ gen_op3(INDEX_op_rotr, TYPE, IDX(r), IDX(a), IDX(b)); }                      \
void tcg_gen_rotri_##T(V(T) r, V(T) a, unsigned b)                             \
{ gen_shifti(INDEX_op_rotr, TYPE, IDX(r), IDX(a), b); }                        \
void tcg_gen_div_##T(V(T) r, V(T) a, V(T) b)                                   \
{ gen_op3(INDEX_op_div, TYPE, IDX(r), IDX(a), IDX(b)); }                       \
void tcg_gen_divu_##T(V(T) r, V(T) a, V(T) b)                                  \
{ gen_op3(INDEX_op_divu, TYPE, IDX(r), IDX(a), IDX(b)); }                      \
void tcg_gen_rem_##T(V(T) r, V(T) a, V(T) b)                                   \
{ gen_op3(INDEX_op_rem, TYPE, IDX(r), IDX(a), IDX(b)); }                       \
void tcg_gen_remu_##T(V(T) r, V(T) a, V(T) b)                                  \
{ gen_op3(INDEX_op_remu, TYPE, IDX(r), IDX(a), IDX(b)); }                      \
void tcg_gen_andc_##T(V(T) r, V(T) a, V(T) b)                                  \
{ gen_op3(INDEX_op_andc, TYPE, IDX(r), IDX(a), IDX(b)); }                      \
void tcg_gen_orc_##T(V(T) r, V(T) a, V(T) b)                                   \
{ gen_op3(INDEX_op_orc, TYPE, IDX(r), IDX(a), IDX(b)); }                       \
void tcg_gen_eqv_##T(V(T) r, V(T) a, V(T) b)                                   \
{ gen_op3(INDEX_op_eqv, TYPE, IDX(r), IDX(a), IDX(b)); }                       \
void tcg_gen_nand_##T(V(T) r, V(T) a, V(T) b)                                  \
{ gen_op3(INDEX_op_nand, TYPE, IDX(r), IDX(a), IDX(b)); }                      \
void tcg_gen_nor_##T(V(T) r, V(T) a, V(T) b)                                   \
{ gen_op3(INDEX_op_nor, TYPE, IDX(r), IDX(a), IDX(b)); }                       \
void tcg_gen_neg_##T(V(T) r, V(T) a)                                           \
{ tcg_gen_op2(INDEX_op_neg, TYPE, IDX(r), IDX(a)); }                           \
void tcg_gen_not_##T(V(T) r, V(T) a)                                           \
{ tcg_gen_op2(INDEX_op_not, TYPE, IDX(r), IDX(a)); }                           \
void tcg_gen_ctpop_##T(V(T) r, V(T) a)                                         \
{ tcg_gen_op2(INDEX_op_ctpop, TYPE, IDX(r), IDX(a)); }                         \
void tcg_gen_ext8s_##T(V(T) r, V(T) a)                                         \
{ tcg_gen_op2(INDEX_op_ext8s, TYPE, IDX(r), IDX(a)); }                         \
void tcg_gen_ext8u_##T(V(T) r, V(T) a)                                         \
{ tcg_gen_op2(INDEX_op_ext8u, TYPE, IDX(r), IDX(a)); }                         \
void tcg_gen_ext16s_##T(V(T) r, V(T) a)                                        \
{ tcg_gen_op2(INDEX_op_ext16s, TYPE, IDX(r), IDX(a)); }                        \
void tcg_gen_ext16u_##T(V(T) r, V(T) a)                                        \
{ tcg_gen_op2(INDEX_op_ext16u, TYPE, IDX(r), IDX(a)); }                        \
void tcg_gen_abs_##T(V(T) r, V(T) a) { gen_abs(TYPE, IDX(r), IDX(a)); }        \
void tcg_gen_bswap16_##T(V(T) r, V(T) a, int flags)                            \
{ gen_bswap(INDEX_op_bswap16, TYPE, IDX(r), IDX(a), flags); }                  \
void tcg_gen_bswap32_##T(V(T) r, V(T) a, int flags)                            \
{ gen_bswap(INDEX_op_bswap32, TYPE, IDX(r), IDX(a), flags); }                  \
void tcg_gen_clz_##T(V(T) r, V(T) a, V(T) b)                                   \
{ gen_op3(INDEX_op_clz, TYPE, IDX(r), IDX(a), IDX(b)); }                       \
void tcg_gen_clzi_##T(V(T) r, V(T) a, IT b)                                    \
{ gen_op3(INDEX_op_clz, TYPE, IDX(r), IDX(a), cst(TYPE, b)); }                 \
void tcg_gen_ctz_##T(V(T) r, V(T) a, V(T) b)                                   \
{ gen_op3(INDEX_op_ctz, TYPE, IDX(r), IDX(a), IDX(b)); }                       \
void tcg_gen_ctzi_##T(V(T) r, V(T) a, IT b)                                    \
{ gen_op3(INDEX_op_ctz, TYPE, IDX(r), IDX(a), cst(TYPE, b)); }                 \
void tcg_gen_smin_##T(V(T) r, V(T) a, V(T) b)                                  \
{ gen_minmax(TCG_COND_LT, TYPE, IDX(r), IDX(a), IDX(b)); }                     \
void tcg_gen_smax_##T(V(T) r, V(T) a, V(T) b)                                  \
{ gen_minmax(TCG_COND_GT, TYPE, IDX(r), IDX(a), IDX(b)); }                     \
void tcg_gen_umin_##T(V(T) r, V(T) a, V(T) b)                                  \
{ gen_minmax(TCG_COND_LTU, TYPE, IDX(r), IDX(a), IDX(b)); }                    \
void tcg_gen_umax_##T(V(T) r, V(T) a, V(T) b)                                  \
{ gen_minmax(TCG_COND_GTU, TYPE, IDX(r), IDX(a), IDX(b)); }                    \
void tcg_gen_mulu2_##T(V(T) rl, V(T) rh, V(T) a, V(T) b)                       \
{ tcg_gen_op4(INDEX_op_mulu2, TYPE, IDX(rl), IDX(rh), IDX(a), IDX(b)); }       \
void tcg_gen_muls2_##T(V(T) rl, V(T) rh, V(T) a, V(T) b)                       \
{ tcg_gen_op4(INDEX_op_muls2, TYPE, IDX(rl), IDX(rh), IDX(a), IDX(b)); }       \
void tcg_gen_muluh_##T(V(T) r, V(T) a, V(T) b)                                 \
{ gen_mulh(INDEX_op_mulu2, TYPE, IDX(r), IDX(a), IDX(b)); }                    \
void tcg_gen_mulsh_##T(V(T) r, V(T) a, V(T) b)                                 \
{ gen_mulh(INDEX_op_muls2, TYPE, IDX(r), IDX(a), IDX(b)); }                    \
void tcg_gen_add2_##T(V(T) rl, V(T) rh, V(T) al, V(T) ah, V(T) bl, V(T) bh)    \
{ tcg_gen_op6(INDEX_op_add2, TYPE, IDX(rl), IDX(rh), IDX(al), IDX(ah),         \
              IDX(bl), IDX(bh)); }                                             \
void tcg_gen_sub2_##T(V(T) rl, V(T) rh, V(T) al, V(T) ah, V(T) bl, V(T) bh)    \
{ tcg_gen_op6(INDEX_op_sub2, TYPE, IDX(rl), IDX(rh), IDX(al), IDX(ah),         \
              IDX(bl), IDX(bh)); }                                             \
void tcg_gen_extract_##T(V(T) r, V(T) a, unsigned ofs, unsigned len)           \
{ gen_extract(TYPE, IDX(r), IDX(a), ofs, len); }                               \
void tcg_gen_sextract_##T(V(T) r, V(T) a, unsigned ofs, unsigned len)          \
{ gen_sextract(TYPE, IDX(r), IDX(a), ofs, len); }                              \
void tcg_gen_deposit_##T(V(T) r, V(T) a, V(T) b, unsigned ofs, unsigned len)   \
{ gen_deposit(TYPE, IDX(r), IDX(a), IDX(b), ofs, len); }                       \
void tcg_gen_deposit_z_##T(V(T) r, V(T) a, unsigned ofs, unsigned len)         \
{ gen_deposit(TYPE, IDX(r), cst(TYPE, 0), IDX(a), ofs, len); }                 \
void tcg_gen_extract2_##T(V(T) r, V(T) lo, V(T) hi, unsigned ofs)              \
{ gen_extract2(TYPE, IDX(r), IDX(lo), IDX(hi), ofs); }                         \
void tcg_gen_setcond_##T(TCGCond c, V(T) r, V(T) a, V(T) b)                    \
{ gen_setcond(INDEX_op_setcond, c, TYPE, IDX(r), IDX(a), IDX(b)); }            \
void tcg_gen_setcondi_##T(TCGCond c, V(T) r, V(T) a, IT b)                     \
{ gen_setcond(INDEX_op_setcond, c, TYPE, IDX(r), IDX(a), cst(TYPE, b)); }      \
void tcg_gen_negsetcond_##T(TCGCond c, V(T) r, V(T) a, V(T) b)                 \
{ gen_setcond(INDEX_op_negsetcond, c, TYPE, IDX(r), IDX(a), IDX(b)); }         \
void tcg_gen_negsetcondi_##T(TCGCond c, V(T) r, V(T) a, IT b)                  \
{ gen_setcond(INDEX_op_negsetcond, c, TYPE, IDX(r), IDX(a), cst(TYPE, b)); }   \
void tcg_gen_movcond_##T(TCGCond c, V(T) r, V(T) c1, V(T) c2, V(T) v1, V(T) v2) \
{ gen_movcond(c, TYPE, IDX(r), IDX(c1), IDX(c2), IDX(v1), IDX(v2)); }          \
void tcg_gen_brcond_##T(TCGCond c, V(T) a, V(T) b, TCGLabel *l)                \
{ gen_brcond(c, TYPE, IDX(a), IDX(b), l); }                                    \
void tcg_gen_brcondi_##T(TCGCond c, V(T) a, IT b, TCGLabel *l)                 \
{ gen_brcond(c, TYPE, IDX(a), cst(TYPE, b), l); }                              \
void tcg_gen_ld8u_##T(V(T) r, TCGv_ptr base, intptr_t o)                       \
{ gen_ldst(INDEX_op_ld8u, TYPE, IDX(r), IDX(base), o); }                       \
void tcg_gen_ld8s_##T(V(T) r, TCGv_ptr base, intptr_t o)                       \
{ gen_ldst(INDEX_op_ld8s, TYPE, IDX(r), IDX(base), o); }                       \
void tcg_gen_ld16u_##T(V(T) r, TCGv_ptr base, intptr_t o)                      \
{ gen_ldst(INDEX_op_ld16u, TYPE, IDX(r), IDX(base), o); }                      \
void tcg_gen_ld16s_##T(V(T) r, TCGv_ptr base, intptr_t o)                      \
{ gen_ldst(INDEX_op_ld16s, TYPE, IDX(r), IDX(base), o); }                      \
void tcg_gen_ld_##T(V(T) r, TCGv_ptr base, intptr_t o)                         \
{ gen_ldst(INDEX_op_ld, TYPE, IDX(r), IDX(base), o); }                         \
void tcg_gen_st8_##T(V(T) v, TCGv_ptr base, intptr_t o)                        \
{ gen_ldst(INDEX_op_st8, TYPE, IDX(v), IDX(base), o); }                        \
void tcg_gen_st16_##T(V(T) v, TCGv_ptr base, intptr_t o)                       \
{ gen_ldst(INDEX_op_st16, TYPE, IDX(v), IDX(base), o); }                       \
void tcg_gen_st_##T(V(T) v, TCGv_ptr base, intptr_t o)                         \
{ gen_ldst(INDEX_op_st, TYPE, IDX(v), IDX(base), o); }                         \
void tcg_gen_guest_ld_##T(V(T) r, TCGv_i64 addr, unsigned mmu_idx, MemOp mop)  \
{ gen_guest_ld(TYPE, IDX(r), IDX(addr), mmu_idx, mop); }                       \
void tcg_gen_guest_st_##T(V(T) v, TCGv_i64 addr, unsigned mmu_idx, MemOp mop)  \
{ gen_guest_st(TYPE, IDX(v), IDX(addr), mmu_idx, mop); }                       \
void tcg_gen_atomic_cmpxchg_##T(V(T) r, TCGv_i64 addr, V(T) cmpv, V(T) newv,   \
                                unsigned mmu_idx, MemOp mop)                   \
{ gen_atomic_cmpxchg(TYPE, IDX(r), IDX(addr), IDX(cmpv), IDX(newv),            \
                     mmu_idx, mop); }                                          \
ATOMIC_FETCH(T, TYPE, xchg, TCG_ATOMIC_XCHG)                                   \
ATOMIC_FETCH(T, TYPE, fetch_add, TCG_ATOMIC_ADD)                               \
ATOMIC_FETCH(T, TYPE, fetch_and, TCG_ATOMIC_AND)                               \
ATOMIC_FETCH(T, TYPE, fetch_or, TCG_ATOMIC_OR)                                 \
ATOMIC_FETCH(T, TYPE, fetch_xor, TCG_ATOMIC_XOR)                               \
ATOMIC_FETCH(T, TYPE, fetch_smin, TCG_ATOMIC_SMIN)                             \
ATOMIC_FETCH(T, TYPE, fetch_smax, TCG_ATOMIC_SMAX)                             \
ATOMIC_FETCH(T, TYPE, fetch_umin, TCG_ATOMIC_UMIN)                             \
ATOMIC_FETCH(T, TYPE, fetch_umax, TCG_ATOMIC_UMAX)                             \
ATOMIC_OP_FETCH(T, TYPE, add_fetch, TCG_ATOMIC_ADD)                            \
ATOMIC_OP_FETCH(T, TYPE, and_fetch, TCG_ATOMIC_AND)                            \
ATOMIC_OP_FETCH(T, TYPE, or_fetch, TCG_ATOMIC_OR)                              \
ATOMIC_OP_FETCH(T, TYPE, xor_fetch, TCG_ATOMIC_XOR)                            \
ATOMIC_OP_FETCH(T, TYPE, smin_fetch, TCG_ATOMIC_SMIN)                          \
ATOMIC_OP_FETCH(T, TYPE, smax_fetch, TCG_ATOMIC_SMAX)                          \
ATOMIC_OP_FETCH(T, TYPE, umin_fetch, TCG_ATOMIC_UMIN)                          \
ATOMIC_OP_FETCH(T, TYPE, umax_fetch, TCG_ATOMIC_UMAX)

#define ATOMIC_FETCH(T, TYPE, NAME, AOP)                                       \
void tcg_gen_atomic_##NAME##_##T(V(T) r, TCGv_i64 addr, V(T) v,                \
                                 unsigned mmu_idx, MemOp mop)                  \
{ gen_atomic_fetch(AOP, TYPE, IDX(r), IDX(addr), IDX(v), mmu_idx, mop); }
#define ATOMIC_OP_FETCH(T, TYPE, NAME, AOP)                                    \
void tcg_gen_atomic_##NAME##_##T(V(T) r, TCGv_i64 addr, V(T) v,                \
                                 unsigned mmu_idx, MemOp mop)                  \
{ gen_atomic_op_fetch(AOP, TYPE, IDX(r), IDX(addr), IDX(v), mmu_idx, mop); }

BUILDERS(i32, I32, int32_t)
BUILDERS(i64, I64, int64_t)

/* ------------------------------------------------------- i64-only ones */

void tcg_gen_ext32s_i64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_ext32s, I64, IDX(r), IDX(a));
}

void tcg_gen_ext32u_i64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_ext32u, I64, IDX(r), IDX(a));
}

void tcg_gen_bswap64_i64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_bswap64, I64, IDX(r), IDX(a));
}

void tcg_gen_ld32u_i64(TCGv_i64 r, TCGv_ptr base, intptr_t o)
{
    gen_ldst(INDEX_op_ld32u, I64, IDX(r), IDX(base), o);
}

void tcg_gen_ld32s_i64(TCGv_i64 r, TCGv_ptr base, intptr_t o)
{
    gen_ldst(INDEX_op_ld32s, I64, IDX(r), IDX(base), o);
}

void tcg_gen_st32_i64(TCGv_i64 v, TCGv_ptr base, intptr_t o)
{
    gen_ldst(INDEX_op_st32, I64, IDX(v), IDX(base), o);
}
