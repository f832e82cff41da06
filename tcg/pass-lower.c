/*
 * pass-lower.c — rewrites the ops a backend does not implement
 * (s->backend_op_supported returns false) into sequences of core ops.
 *
 * Core ops, which every backend must implement and which this pass emits:
 * mov, add, sub, mul, and, or, xor, not, neg, shl, shr, sar, setcond.
 * Lowerable ops: andc orc eqv nand nor rotl rotr extract sextract deposit
 * extract2 ext8s ext8u ext16s ext16u ext32s ext32u bswap16 bswap32 bswap64
 * negsetcond movcond add2 sub2 ctpop. Everything else (div/rem, mulu2/muls2,
 * clz/ctz, memory, control) is mandatory: a rejection is ignored.
 *
 * Each sequence computes into fresh EBB temps and writes the outputs last,
 * so outputs may alias inputs.
 */
#include "util/osdep.h"
#include "tcg/tcg.h"
#include "tcg/passes.h"

typedef struct Lower {
    TCGContext *s;
    TCGOp *at;              /* new ops go before this op */
    TCGType t;
    unsigned w;
} Lower;

static TCGArg tmp(Lower *l)
{
    return tcg_temp_new_internal(l->s, l->t, TEMP_EBB)->index;
}

static TCGArg k(Lower *l, uint64_t v)
{
    return tcg_constant_internal(l->s, l->t, (int64_t)v)->index;
}

static void op2(Lower *l, TCGOpcode opc, TCGArg r, TCGArg a)
{
    TCGOp *op = tcg_op_insert_before(l->s, l->at, opc, l->t, 2);
    op->args[0] = r;
    op->args[1] = a;
}

static void op3(Lower *l, TCGOpcode opc, TCGArg r, TCGArg a, TCGArg b)
{
    TCGOp *op = tcg_op_insert_before(l->s, l->at, opc, l->t, 3);
    op->args[0] = r;
    op->args[1] = a;
    op->args[2] = b;
}

/* r = opc(a, b) into a new temp. */
static TCGArg t3(Lower *l, TCGOpcode opc, TCGArg a, TCGArg b)
{
    TCGArg r = tmp(l);
    op3(l, opc, r, a, b);
    return r;
}

static TCGArg t2(Lower *l, TCGOpcode opc, TCGArg a)
{
    TCGArg r = tmp(l);
    op2(l, opc, r, a);
    return r;
}

static TCGArg setcond(Lower *l, TCGArg a, TCGArg b, TCGCond c)
{
    TCGArg r = tmp(l);
    TCGOp *op = tcg_op_insert_before(l->s, l->at, INDEX_op_setcond, l->t, 4);
    op->args[0] = r;
    op->args[1] = a;
    op->args[2] = b;
    op->args[3] = c;
    return r;
}

static uint64_t lmask(unsigned len)
{
    return len >= 64 ? ~0ull : (1ull << len) - 1;
}

/* Field [pos, pos+len) of a, zero- or sign-extended. */
static TCGArg field(Lower *l, TCGArg a, unsigned pos, unsigned len, bool sign)
{
    TCGArg x = a;

    if (pos + len < l->w) {
        x = t3(l, INDEX_op_shl, x, k(l, l->w - pos - len));
    }
    if (len < l->w) {
        x = t3(l, sign ? INDEX_op_sar : INDEX_op_shr, x, k(l, l->w - len));
    }
    return x == a ? t2(l, INDEX_op_mov, a) : x;
}

/* Byte i of a, moved to byte j. */
static TCGArg move_byte(Lower *l, TCGArg a, unsigned i, unsigned j)
{
    TCGArg x = i ? t3(l, INDEX_op_shr, a, k(l, 8 * i)) : a;
    x = t3(l, INDEX_op_and, x, k(l, 0xff));
    return j ? t3(l, INDEX_op_shl, x, k(l, 8 * j)) : x;
}

/* Reverses the low n bytes of a (upper bytes of the result zero). */
static TCGArg bswap(Lower *l, TCGArg a, unsigned n)
{
    TCGArg r = move_byte(l, a, 0, n - 1);
    for (unsigned i = 1; i < n; i++) {
        r = t3(l, INDEX_op_or, r, move_byte(l, a, i, n - 1 - i));
    }
    return r;
}

static TCGArg sext_from(Lower *l, TCGArg a, unsigned bits)
{
    if (bits >= l->w) {
        return a;
    }
    return t3(l, INDEX_op_sar, t3(l, INDEX_op_shl, a, k(l, l->w - bits)),
              k(l, l->w - bits));
}

static TCGArg rotate(Lower *l, TCGArg a, TCGArg c, bool left)
{
    TCGOpcode fwd = left ? INDEX_op_shl : INDEX_op_shr;
    TCGOpcode back = left ? INDEX_op_shr : INDEX_op_shl;
    /* (-c) & (w-1) is w - c except that 0 stays 0: rot by 0 = a | a. */
    TCGArg n = t3(l, INDEX_op_and, t2(l, INDEX_op_neg, c), k(l, l->w - 1));
    return t3(l, INDEX_op_or, t3(l, fwd, a, c), t3(l, back, a, n));
}

static TCGArg ctpop(Lower *l, TCGArg a)
{
    /* Sum bits pairwise, then nibbles, then bytes through a multiply. */
    uint64_t m1 = 0x5555555555555555ull, m2 = 0x3333333333333333ull;
    uint64_t m4 = 0x0f0f0f0f0f0f0f0full, h = 0x0101010101010101ull;
    TCGArg x = t3(l, INDEX_op_sub, a,
                  t3(l, INDEX_op_and, t3(l, INDEX_op_shr, a, k(l, 1)), k(l, m1)));
    x = t3(l, INDEX_op_add, t3(l, INDEX_op_and, x, k(l, m2)),
           t3(l, INDEX_op_and, t3(l, INDEX_op_shr, x, k(l, 2)), k(l, m2)));
    x = t3(l, INDEX_op_and, t3(l, INDEX_op_add, x, t3(l, INDEX_op_shr, x, k(l, 4))),
           k(l, m4));
    /* The multiply sums the bytes into the top byte. */
    x = t3(l, INDEX_op_mul, x, k(l, h));
    return t3(l, INDEX_op_shr, x, k(l, l->w - 8));
}

/* Lowers op if possible; returns false if it is not a lowerable op. */
static bool lower_op(Lower *l, TCGOp *op)
{
    const TCGArg *a = op->args;
    TCGArg r;

    switch (op->opc) {
    case INDEX_op_andc:
        r = t3(l, INDEX_op_and, a[1], t2(l, INDEX_op_not, a[2]));
        break;
    case INDEX_op_orc:
        r = t3(l, INDEX_op_or, a[1], t2(l, INDEX_op_not, a[2]));
        break;
    case INDEX_op_eqv:
        r = t2(l, INDEX_op_not, t3(l, INDEX_op_xor, a[1], a[2]));
        break;
    case INDEX_op_nand:
        r = t2(l, INDEX_op_not, t3(l, INDEX_op_and, a[1], a[2]));
        break;
    case INDEX_op_nor:
        r = t2(l, INDEX_op_not, t3(l, INDEX_op_or, a[1], a[2]));
        break;
    case INDEX_op_rotl:
    case INDEX_op_rotr:
        r = rotate(l, a[1], a[2], op->opc == INDEX_op_rotl);
        break;
    case INDEX_op_extract:
    case INDEX_op_sextract:
        r = field(l, a[1], a[2], a[3], op->opc == INDEX_op_sextract);
        break;
    case INDEX_op_deposit: {
        uint64_t m = lmask(a[4]);
        TCGArg f = t3(l, INDEX_op_shl, t3(l, INDEX_op_and, a[2], k(l, m)), k(l, a[3]));
        TCGArg keep = t3(l, INDEX_op_and, a[1], k(l, ~(m << a[3])));
        r = t3(l, INDEX_op_or, keep, f);
        break;
    }
    case INDEX_op_extract2:
        if (a[3] == 0) {
            r = t2(l, INDEX_op_mov, a[1]);
        } else {
            r = t3(l, INDEX_op_or, t3(l, INDEX_op_shr, a[1], k(l, a[3])),
                   t3(l, INDEX_op_shl, a[2], k(l, l->w - a[3])));
        }
        break;
    case INDEX_op_ext8s: r = field(l, a[1], 0, 8, true); break;
    case INDEX_op_ext8u: r = t3(l, INDEX_op_and, a[1], k(l, 0xff)); break;
    case INDEX_op_ext16s: r = field(l, a[1], 0, 16, true); break;
    case INDEX_op_ext16u: r = t3(l, INDEX_op_and, a[1], k(l, 0xffff)); break;
    case INDEX_op_ext32s: r = field(l, a[1], 0, 32, true); break;
    case INDEX_op_ext32u: r = t3(l, INDEX_op_and, a[1], k(l, 0xffffffffull)); break;
    case INDEX_op_bswap16:
        r = bswap(l, a[1], 2);
        if (a[2] == TCG_BSWAP_OS) {
            r = sext_from(l, r, 16);
        }
        break;
    case INDEX_op_bswap32:
        r = bswap(l, a[1], 4);
        if (a[2] == TCG_BSWAP_OS) {
            r = sext_from(l, r, 32);
        }
        break;
    case INDEX_op_bswap64:
        r = bswap(l, a[1], 8);
        break;
    case INDEX_op_ctpop:
        r = ctpop(l, a[1]);
        break;
    case INDEX_op_negsetcond:
        r = t2(l, INDEX_op_neg, setcond(l, a[1], a[2], a[3]));
        break;
    case INDEX_op_movcond: {
        TCGArg m = t2(l, INDEX_op_neg, setcond(l, a[1], a[2], a[5]));
        r = t3(l, INDEX_op_or, t3(l, INDEX_op_and, a[3], m),
               t3(l, INDEX_op_and, a[4], t2(l, INDEX_op_not, m)));
        break;
    }
    case INDEX_op_add2:
    case INDEX_op_sub2: {
        bool add = op->opc == INDEX_op_add2;
        TCGOpcode o = add ? INDEX_op_add : INDEX_op_sub;
        TCGArg lo = t3(l, o, a[2], a[4]);
        /* carry: lo < al after add; borrow: al < bl before sub */
        TCGArg c = add ? setcond(l, lo, a[2], TCG_COND_LTU)
                       : setcond(l, a[2], a[4], TCG_COND_LTU);
        TCGArg hi = t3(l, o, t3(l, o, a[3], a[5]), c);
        op2(l, INDEX_op_mov, a[0], lo);
        op2(l, INDEX_op_mov, a[1], hi);
        tcg_op_remove(l->s, op);
        return true;
    }
    default:
        return false;
    }
    op2(l, INDEX_op_mov, a[0], r);
    tcg_op_remove(l->s, op);
    return true;
}

void tcg_pass_lower(TCGContext *s)
{
    TCGOp *op, *next;

    if (!s->backend_op_supported) {
        return;
    }
    TCG_FOREACH_OP_SAFE(s, op, next) {
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        Lower l;

        if (!(def->flags & TCG_OPF_INT) ||
            s->backend_op_supported(op->opc, op->type)) {
            continue;
        }
        l = (Lower) { .s = s, .at = op, .t = op->type,
                      .w = tcg_type_bits(op->type) };
        lower_op(&l, op);
    }
}
