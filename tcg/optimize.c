/*
 * optimize.c — one forward pass of constant folding, copy propagation and
 * algebraic simplification, plus removal of unreachable code and unused
 * labels.
 *
 * Knowledge is kept per temp (TempInfo): whether it holds a known constant,
 * its class of equal temps (a circular list: a mov makes the destination a
 * copy of the source), the bits that may be nonzero (z: a zero-extension or
 * mask of a value whose other bits are known zero becomes a mov), and for
 * not/neg and zero-extension results the operand they came from (an
 * extension of a wider extension of y reads y directly).
 * What is known holds within an extended basic block: it is forgotten at
 * every label that is still branched to (cheaply, by bumping a generation
 * number), and knowledge about globals is forgotten at every helper call
 * that may write them.
 *
 * Inputs are replaced by the best member of their class (a constant, else
 * a global, else a TB temp), which lets liveness delete the movs. Ops whose
 * inputs are all constant become `mov out, $value`; the folding below is an
 * independent re-statement of the semantics in interp.c, against which the
 * random differential test checks it. Undefined cases (division by zero,
 * INT_MIN / -1) are never folded.
 */
#include "util/osdep.h"
#include "tcg/tcg.h"
#include "tcg/passes.h"

typedef struct TempInfo {
    uint32_t gen;           /* valid only if == Opt.gen */
    uint32_t next, prev;    /* class of equal temps (circular) */
    uint32_t version;       /* bumped at every write */
    bool is_const;
    uint64_t val;           /* if is_const: value, i32 zero-extended */
    uint64_t z;             /* bits that may be nonzero */
    uint16_t def_opc;       /* not / neg / ext8u / ext16u / ext32u that
                               produced it, else 0 */
    uint32_t def_arg;       /* its operand ... */
    uint32_t def_ver;       /* ... at this version */
} TempInfo;

typedef struct Opt {
    TCGContext *s;
    TempInfo *ti;
    uint32_t cap;           /* entries in ti; folding creates constants */
    uint32_t gen;
} Opt;

static inline uint64_t tmask(TCGType t)
{
    return t == TCG_TYPE_I32 ? 0xffffffffull : ~0ull;
}

static inline uint64_t sext(uint64_t v, unsigned bits)
{
    return bits >= 64 ? v : (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
}

static inline uint64_t zext(uint64_t v, unsigned bits)
{
    return bits >= 64 ? v : v & ((1ull << bits) - 1);
}

/* ---------------------------------------------------------- temp info */

/*
 * Makes room for every temp that exists now. Called whenever temps may have
 * been created (new constants), never while a TempInfo pointer is held.
 */
static void ensure_cap(Opt *o)
{
    if (unlikely(o->s->nb_temps > o->cap)) {
        uint32_t n = MAX(o->cap * 2, o->s->nb_temps + 64);
        o->ti = g_renew(TempInfo, o->ti, n);
        memset(o->ti + o->cap, 0, (n - o->cap) * sizeof(TempInfo));
        o->cap = n;
    }
}

static __attribute__((noinline)) TempInfo *info_fresh(Opt *o, uint32_t i)
{
    TempInfo *t = &o->ti[i];
    const TCGTemp *ts = &o->s->temps[i];
    uint32_t ver = t->version;

    memset(t, 0, sizeof(*t));
    t->gen = o->gen;
    t->next = t->prev = i;
    t->version = ver + 1;
    t->z = tmask(ts->type);
    if (ts->kind == TEMP_CONST) {
        t->is_const = true;
        t->val = (uint64_t)ts->val & tmask(ts->type);
        t->z = t->val;
    }
    return t;
}

/* The info of temp i, initialized fresh if it belongs to an older block. */
static inline TempInfo *info(Opt *o, uint32_t i)
{
    TempInfo *t;

    g_assert(i < o->cap);
    t = &o->ti[i];
    if (likely(t->gen == o->gen)) {
        return t;
    }
    return info_fresh(o, i);
}

static inline bool is_const(Opt *o, TCGArg a)
{
    return info(o, a)->is_const;
}

static inline uint64_t cval(Opt *o, TCGArg a)
{
    return info(o, a)->val;
}

static inline bool is_const_val(Opt *o, TCGArg a, uint64_t v, TCGType t)
{
    return is_const(o, a) && cval(o, a) == (v & tmask(t));
}

static inline uint64_t zmask(Opt *o, TCGArg a)
{
    return info(o, a)->z;
}

/* Forgets everything about temp i (it is being written). */
static void reset_temp(Opt *o, uint32_t i)
{
    TempInfo *t = info(o, i);

    if (t->next != i) {
        o->ti[t->prev].next = t->next;
        o->ti[t->next].prev = t->prev;
        t->next = t->prev = i;
    }
    t->is_const = false;
    t->z = tmask(o->s->temps[i].type);
    t->def_opc = 0;
    t->version++;
}

/* Ranks for choosing a class representative: lower is better. */
static int rank(Opt *o, uint32_t i)
{
    switch (o->s->temps[i].kind) {
    case TEMP_CONST: return 0;
    case TEMP_GLOBAL: return 1;
    case TEMP_TB: return 2;
    default: return 3;
    }
}

static uint32_t best_copy(Opt *o, uint32_t i)
{
    TempInfo *t = info(o, i);
    uint32_t best = i, j;
    int br = rank(o, i);

    if (br == 0) {
        return i;
    }
    for (j = t->next; j != i; j = o->ti[j].next) {
        int r = rank(o, j);
        if (r < br) {
            best = j;
            br = r;
            if (r == 0) {
                break;
            }
        }
    }
    return best;
}

static bool same_value(Opt *o, uint32_t a, uint32_t b)
{
    TempInfo *ta, *tb;
    uint32_t j;

    if (a == b) {
        return true;
    }
    ta = info(o, a);
    tb = info(o, b);
    if (ta->is_const && tb->is_const) {
        return ta->val == tb->val;
    }
    for (j = ta->next; j != a; j = o->ti[j].next) {
        if (j == b) {
            return true;
        }
    }
    return false;
}

/* Records out = copy of src (both already looked up). */
static void make_copy(Opt *o, uint32_t out, uint32_t src)
{
    TempInfo *to, *ts;

    reset_temp(o, out);
    if (out == src || o->s->temps[src].kind == TEMP_FIXED) {
        return;
    }
    to = info(o, out);
    ts = info(o, src);
    to->is_const = ts->is_const;
    to->val = ts->val;
    to->z = ts->z;
    to->def_opc = ts->def_opc;
    to->def_arg = ts->def_arg;
    to->def_ver = ts->def_ver;
    /* Insert out after src in src's class. */
    to->next = ts->next;
    to->prev = src;
    o->ti[ts->next].prev = out;
    ts->next = out;
}

/* Forgets all globals (after a helper that may write them). */
static void reset_globals(Opt *o)
{
    for (uint32_t i = 0; i < o->s->nb_globals; i++) {
        if (o->s->temps[i].kind == TEMP_GLOBAL) {
            reset_temp(o, i);
        }
    }
}

/* --------------------------------------------------------- rewriting */

/*
 * Turns op into "mov out, src", or into a nop if out already equals src
 * (liveness drops nops). op stays in the list either way.
 */
static void to_mov(Opt *o, TCGOp *op, TCGArg out, TCGArg src)
{
    TCGType t = op->type;

    if (same_value(o, out, src)) {
        tcg_op_reset(o->s, op, INDEX_op_nop, 0, 0);
        return;
    }
    op = tcg_op_reset(o->s, op, INDEX_op_mov, t, 2);
    op->args[0] = out;
    op->args[1] = src;
    make_copy(o, out, src);
}

/* Turns op into "mov out, $val". */
static void to_movi(Opt *o, TCGOp *op, TCGArg out, uint64_t val)
{
    TCGType t = op->type;
    TCGTemp *c = tcg_constant_internal(o->s, t, (int64_t)val);
    ensure_cap(o);
    to_mov(o, op, out, c->index);
}

/* A second "mov out, $val" after op (for two-output ops). */
static TCGOp *insert_movi_after(Opt *o, TCGOp *op, TCGType t, TCGArg out,
                                uint64_t val)
{
    TCGTemp *c = tcg_constant_internal(o->s, t, (int64_t)val);
    TCGOp *m = tcg_op_insert_after(o->s, op, INDEX_op_mov, t, 2);
    ensure_cap(o);
    m->args[0] = out;
    m->args[1] = c->index;
    make_copy(o, out, c->index);
    return m;
}

/* ------------------------------------------------------------ folding */

static bool fold_binary(TCGOpcode opc, unsigned w, uint64_t a, uint64_t b,
                        uint64_t *r)
{
    uint64_t m = w == 32 ? 0xffffffffull : ~0ull;
    unsigned c = b & (w - 1);
    int64_t sa = (int64_t)sext(a, w), sb = (int64_t)sext(b, w);

    switch (opc) {
    case INDEX_op_add: *r = a + b; break;
    case INDEX_op_sub: *r = a - b; break;
    case INDEX_op_mul: *r = a * b; break;
    case INDEX_op_and: *r = a & b; break;
    case INDEX_op_or: *r = a | b; break;
    case INDEX_op_xor: *r = a ^ b; break;
    case INDEX_op_andc: *r = a & ~b; break;
    case INDEX_op_orc: *r = a | ~b; break;
    case INDEX_op_eqv: *r = ~(a ^ b); break;
    case INDEX_op_nand: *r = ~(a & b); break;
    case INDEX_op_nor: *r = ~(a | b); break;
    case INDEX_op_shl: *r = a << c; break;
    case INDEX_op_shr: *r = a >> c; break;
    case INDEX_op_sar: *r = (uint64_t)(sa >> c); break;
    case INDEX_op_rotl: *r = c ? (a << c) | (a >> (w - c)) : a; break;
    case INDEX_op_rotr: *r = c ? (a >> c) | (a << (w - c)) : a; break;
    case INDEX_op_div:
        if (sb == 0 || (sb == -1 && (uint64_t)sa == sext(1ull << (w - 1), w))) {
            return false;
        }
        *r = (uint64_t)(sa / sb);
        break;
    case INDEX_op_rem:
        if (sb == 0 || (sb == -1 && (uint64_t)sa == sext(1ull << (w - 1), w))) {
            return false;
        }
        *r = (uint64_t)(sa % sb);
        break;
    case INDEX_op_divu:
        if (!b) {
            return false;
        }
        *r = a / b;
        break;
    case INDEX_op_remu:
        if (!b) {
            return false;
        }
        *r = a % b;
        break;
    case INDEX_op_clz:
        *r = a ? (uint64_t)(__builtin_clzll(a) - (64 - w)) : b;
        break;
    case INDEX_op_ctz:
        *r = a ? (uint64_t)__builtin_ctzll(a) : b;
        break;
    default:
        return false;
    }
    *r &= m;
    return true;
}

static bool fold_unary(const TCGOp *op, unsigned w, uint64_t a, uint64_t *r)
{
    switch (op->opc) {
    case INDEX_op_mov: *r = a; break;
    case INDEX_op_neg: *r = -a; break;
    case INDEX_op_not: *r = ~a; break;
    case INDEX_op_ctpop: *r = __builtin_popcountll(a); break;
    case INDEX_op_ext8s: *r = sext(a, 8); break;
    case INDEX_op_ext8u: *r = zext(a, 8); break;
    case INDEX_op_ext16s: *r = sext(a, 16); break;
    case INDEX_op_ext16u: *r = zext(a, 16); break;
    case INDEX_op_ext32s: *r = sext(a, 32); break;
    case INDEX_op_ext32u: *r = zext(a, 32); break;
    case INDEX_op_extu_i32_i64: *r = zext(a, 32); break;
    case INDEX_op_ext_i32_i64: *r = sext(a, 32); break;
    case INDEX_op_extrl_i64_i32: *r = a; break;
    case INDEX_op_extrh_i64_i32: *r = a >> 32; break;
    case INDEX_op_bswap64: *r = __builtin_bswap64(a); break;
    case INDEX_op_bswap16:
        *r = __builtin_bswap16((uint16_t)a);
        if (op->args[2] == TCG_BSWAP_OS) {
            *r = sext(*r, 16);
        }
        break;
    case INDEX_op_bswap32:
        *r = __builtin_bswap32((uint32_t)a);
        if (op->args[2] == TCG_BSWAP_OS) {
            *r = sext(*r, 32);
        }
        break;
    case INDEX_op_extract:
        *r = zext(a >> op->args[2], op->args[3]);
        break;
    case INDEX_op_sextract:
        *r = sext(a >> op->args[2], op->args[3]);
        break;
    default:
        return false;
    }
    *r &= w == 32 ? 0xffffffffull : ~0ull;
    return true;
}

static bool is_commutative(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_add: case INDEX_op_mul: case INDEX_op_and:
    case INDEX_op_or: case INDEX_op_xor: case INDEX_op_eqv:
    case INDEX_op_nand: case INDEX_op_nor:
        return true;
    default:
        return false;
    }
}

/* Returns 1 / 0 if cond(a, b) is decided, -1 if not. */
static int decide_cond(Opt *o, TCGType t, TCGCond c, TCGArg a, TCGArg b)
{
    if (c == TCG_COND_ALWAYS) {
        return 1;
    }
    if (c == TCG_COND_NEVER) {
        return 0;
    }
    if (is_const(o, a) && is_const(o, b)) {
        return tcg_cond_eval_type(t, c, cval(o, a), cval(o, b));
    }
    if (same_value(o, a, b)) {
        switch (c) {
        case TCG_COND_EQ: case TCG_COND_GE: case TCG_COND_LE:
        case TCG_COND_GEU: case TCG_COND_LEU:
            return 1;
        default:
            return 0;
        }
    }
    if (is_const_val(o, b, 0, t)) {
        if (c == TCG_COND_LTU) {
            return 0;           /* x <u 0 */
        }
        if (c == TCG_COND_GEU) {
            return 1;           /* x >=u 0 */
        }
    }
    return -1;
}

/* Puts a constant first operand second (swapping the condition). */
static void canon_cond_args(Opt *o, TCGArg *a, TCGArg *b, TCGArg *cond)
{
    if (is_const(o, *a) && !is_const(o, *b)) {
        TCGArg x = *a;
        *a = *b;
        *b = x;
        *cond = tcg_swap_cond((TCGCond)*cond);
    }
}

/* The mask of a zero-extension op, 0 for other ops. */
static uint64_t zext_op_mask(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_ext8u: return 0xff;
    case INDEX_op_ext16u: return 0xffff;
    case INDEX_op_ext32u: return 0xffffffffull;
    default: return 0;
    }
}

/*
 * If a was produced by a zero-extension of y (same type) and y has not
 * changed since, that extension's mask (info(a)->def_arg is y), else 0.
 */
static uint64_t ext_def_mask(Opt *o, TCGArg a)
{
    TempInfo *ti = info(o, a);
    uint64_t m = zext_op_mask(ti->def_opc);

    if (m && info(o, ti->def_arg)->version == ti->def_ver) {
        return m;
    }
    return 0;
}

/* The bits of op's single output that may be nonzero, from its inputs. */
static uint64_t out_zmask(Opt *o, const TCGOp *op)
{
    TCGType t = op->type;
    const TCGArg *a = op->args;

    switch (op->opc) {
    case INDEX_op_and:
        return zmask(o, a[1]) & zmask(o, a[2]);
    case INDEX_op_or: case INDEX_op_xor:
        return zmask(o, a[1]) | zmask(o, a[2]);
    case INDEX_op_andc:
        return zmask(o, a[1]);
    case INDEX_op_shl:
        if (is_const(o, a[2])) {
            return (zmask(o, a[1]) << cval(o, a[2])) & tmask(t);
        }
        break;
    case INDEX_op_shr:
        if (is_const(o, a[2])) {
            return zmask(o, a[1]) >> cval(o, a[2]);
        }
        break;
    case INDEX_op_ext8u:
        return zmask(o, a[1]) & 0xff;
    case INDEX_op_ext16u:
        return zmask(o, a[1]) & 0xffff;
    case INDEX_op_ext32u: case INDEX_op_extu_i32_i64:
    case INDEX_op_extrl_i64_i32:
        return zmask(o, a[1]) & 0xffffffffull;
    case INDEX_op_extrh_i64_i32:
        return zmask(o, a[1]) >> 32;
    case INDEX_op_extract:
        return (zmask(o, a[1]) >> a[2]) & zext(~0ull, (unsigned)a[3]);
    case INDEX_op_setcond:
        return 1;
    case INDEX_op_movcond:
        return zmask(o, a[3]) | zmask(o, a[4]);
    case INDEX_op_ld8u:
        return 0xff;
    case INDEX_op_ld16u:
        return 0xffff;
    case INDEX_op_ld32u:
        return 0xffffffffull;
    case INDEX_op_guest_ld: {
        MemOp mop = get_memop((MemOpIdx)a[2]);
        if (!(mop & MO_SIGN) && (mop & MO_SIZE) < MO_64) {
            return zext(~0ull, 8u << (mop & MO_SIZE));
        }
        break;
    }
    default:
        break;
    }
    return ~0ull;
}

/* Algebraic identities for binary op "out = a OP b"; true if rewritten. */
static bool simplify_binary(Opt *o, TCGOp *op)
{
    TCGType t = op->type;
    TCGArg out = op->args[0], a = op->args[1], b = op->args[2];
    uint64_t m = tmask(t);
    bool bc = is_const(o, b);
    uint64_t bv = bc ? cval(o, b) : 0;

    switch (op->opc) {
    case INDEX_op_add: case INDEX_op_or: case INDEX_op_xor:
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr: case INDEX_op_andc:
        if (bc && bv == 0) {
            to_mov(o, op, out, a);
            return true;
        }
        break;
    case INDEX_op_sub:
        if (bc && bv == 0) {
            to_mov(o, op, out, a);
            return true;
        }
        if (is_const_val(o, a, 0, t)) {
            op->opc = INDEX_op_neg;
            op->args[1] = b;
            op->nargs = 2;
            return false;           /* continue as a unary op */
        }
        break;
    default:
        break;
    }

    switch (op->opc) {
    case INDEX_op_mul:
        if (bc && bv == 0) {
            to_movi(o, op, out, 0);
            return true;
        }
        if (bc && bv == 1) {
            to_mov(o, op, out, a);
            return true;
        }
        break;
    case INDEX_op_and:
        if (bc && bv == 0) {
            to_movi(o, op, out, 0);
            return true;
        }
        if (bc && (zmask(o, a) & ~bv) == 0) {
            /* The mask keeps every bit that may be set. */
            to_mov(o, op, out, a);
            return true;
        }
        if (bc) {
            /* and(zext(y), c) with c inside the extension: and(y, c). */
            uint64_t em = ext_def_mask(o, a);
            if (em && (bv & ~em) == 0) {
                op->args[1] = info(o, a)->def_arg;
            }
        }
        break;
    case INDEX_op_or:
        if (bc && bv == m) {
            to_movi(o, op, out, m);
            return true;
        }
        break;
    case INDEX_op_andc:
        if (bc && bv == m) {
            to_movi(o, op, out, 0);
            return true;
        }
        break;
    case INDEX_op_orc:
        if (bc && bv == m) {
            to_mov(o, op, out, a);
            return true;
        }
        if (bc && bv == 0) {
            to_movi(o, op, out, m);
            return true;
        }
        break;
    case INDEX_op_eqv:
        if (bc && bv == m) {
            to_mov(o, op, out, a);
            return true;
        }
        break;
    case INDEX_op_xor:
        if (bc && bv == m) {
            op->opc = INDEX_op_not;
            op->nargs = 2;
            return false;
        }
        break;
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr:
        /* Shifting a zero (or rotating all-ones / zero) changes nothing. */
        if (is_const_val(o, a, 0, t) ||
            (op->opc == INDEX_op_sar && is_const_val(o, a, m, t)) ||
            ((op->opc == INDEX_op_rotl || op->opc == INDEX_op_rotr) &&
             is_const_val(o, a, m, t))) {
            to_mov(o, op, out, a);
            return true;
        }
        break;
    default:
        break;
    }

    if (same_value(o, a, b)) {
        switch (op->opc) {
        case INDEX_op_sub: case INDEX_op_xor: case INDEX_op_andc:
            to_movi(o, op, out, 0);
            return true;
        case INDEX_op_and: case INDEX_op_or:
            to_mov(o, op, out, a);
            return true;
        case INDEX_op_eqv: case INDEX_op_orc:
            to_movi(o, op, out, m);
            return true;
        default:
            break;
        }
    }
    return false;
}

/* not(not x) / neg(neg x) -> x, when x has not changed since. */
static bool simplify_double_unary(Opt *o, TCGOp *op)
{
    TempInfo *ti = info(o, op->args[1]);

    if (ti->def_opc == op->opc && info(o, ti->def_arg)->version == ti->def_ver) {
        to_mov(o, op, op->args[0], ti->def_arg);
        return true;
    }
    return false;
}

/* Marks out as not/neg of a. */
static void record_unary(Opt *o, TCGOp *op)
{
    TempInfo *to = info(o, op->args[0]);
    if (op->args[0] != op->args[1]) {
        to->def_opc = op->opc;
        to->def_arg = op->args[1];
        to->def_ver = info(o, op->args[1])->version;
    }
}

/* ------------------------------------------------------------- driver */

/* Removes ops after an unconditional jump up to the next label. */
static void remove_unreachable(TCGContext *s, TCGOp *op)
{
    TCGOp *n;
    while ((n = op->next) && n->opc != INDEX_op_set_label) {
        tcg_op_remove(s, n);
    }
}

/*
 * Processes one op. Returns the last op of what op became (itself, or a
 * mov inserted after it), or NULL if op was removed.
 */
static TCGOp *optimize_op(Opt *o, TCGOp *op)
{
    TCGContext *s = o->s;
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    unsigned nb_o = tcg_op_nb_oargs(op), nb_i = tcg_op_nb_iargs(op), i;
    TCGType t = op->type;
    unsigned w = tcg_type_bits(t);
    uint64_t r;

    /* Copy propagation: every input becomes its best equal. */
    for (i = nb_o; i < nb_o + nb_i; i++) {
        if (s->temps[op->args[i]].kind != TEMP_FIXED) {
            op->args[i] = best_copy(o, op->args[i]);
        }
    }

    switch (op->opc) {
    case INDEX_op_set_label:
        o->gen++;           /* new block: forget everything */
        return op;
    case INDEX_op_br:
    case INDEX_op_exit_tb:
    case INDEX_op_goto_ptr:
        remove_unreachable(s, op);
        return op;
    case INDEX_op_brcond: {
        int d;
        canon_cond_args(o, &op->args[0], &op->args[1], &op->args[2]);
        d = decide_cond(o, t, op->args[2], op->args[0], op->args[1]);
        if (d == 0) {
            tcg_op_remove(s, op);
            return NULL;
        } else if (d == 1) {
            TCGLabel *l = arg_label(op->args[3]);
            op = tcg_op_reset(s, op, INDEX_op_br, 0, 1);
            op->args[0] = label_arg(l);
            l->refs++;
            remove_unreachable(s, op);
        }
        return op;
    }
    case INDEX_op_mov:
        if (same_value(o, op->args[0], op->args[1])) {
            tcg_op_remove(s, op);
            return NULL;
        }
        make_copy(o, op->args[0], op->args[1]);
        return op;
    case INDEX_op_call: {
        uint32_t flags = tcg_call_info(op)->flags;
        for (i = 0; i < nb_o; i++) {
            reset_temp(o, op->args[i]);
        }
        if (!(flags & (TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS))) {
            reset_globals(o);
        }
        return op;
    }
    default:
        break;
    }

    /* Canonical operand order: constant second. */
    if (is_commutative(op->opc) && is_const(o, op->args[1]) &&
        !is_const(o, op->args[2])) {
        TCGArg x = op->args[1];
        op->args[1] = op->args[2];
        op->args[2] = x;
    }

    switch (op->opc) {
    case INDEX_op_add: case INDEX_op_sub: case INDEX_op_mul:
    case INDEX_op_and: case INDEX_op_or: case INDEX_op_xor:
    case INDEX_op_andc: case INDEX_op_orc: case INDEX_op_eqv:
    case INDEX_op_nand: case INDEX_op_nor:
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr:
    case INDEX_op_div: case INDEX_op_divu: case INDEX_op_rem: case INDEX_op_remu:
    case INDEX_op_clz: case INDEX_op_ctz:
        if (is_const(o, op->args[1]) && is_const(o, op->args[2]) &&
            fold_binary(op->opc, w, cval(o, op->args[1]), cval(o, op->args[2]), &r)) {
            to_movi(o, op, op->args[0], r);
            return op;
        }
        if ((op->opc == INDEX_op_clz || op->opc == INDEX_op_ctz) &&
            is_const(o, op->args[1])) {
            if (cval(o, op->args[1]) == 0) {
                to_mov(o, op, op->args[0], op->args[2]);
                return op;
            }
            fold_binary(op->opc, w, cval(o, op->args[1]), 0, &r);
            to_movi(o, op, op->args[0], r);
            return op;
        }
        if (simplify_binary(o, op)) {
            return op;
        }
        if (op->nargs == 2) {
            /* Became neg / not: handle it as such. */
            return optimize_op(o, op);
        }
        break;

    case INDEX_op_neg: case INDEX_op_not:
        if (is_const(o, op->args[1])) {
            fold_unary(op, w, cval(o, op->args[1]), &r);
            to_movi(o, op, op->args[0], r);
            return op;
        }
        if (simplify_double_unary(o, op)) {
            return op;
        }
        reset_temp(o, op->args[0]);
        record_unary(o, op);
        return op;

    case INDEX_op_ctpop:
    case INDEX_op_ext8s: case INDEX_op_ext8u:
    case INDEX_op_ext16s: case INDEX_op_ext16u:
    case INDEX_op_ext32s: case INDEX_op_ext32u:
    case INDEX_op_extu_i32_i64: case INDEX_op_ext_i32_i64:
    case INDEX_op_extrl_i64_i32: case INDEX_op_extrh_i64_i32:
    case INDEX_op_bswap16: case INDEX_op_bswap32: case INDEX_op_bswap64:
    case INDEX_op_extract: case INDEX_op_sextract:
        if (is_const(o, op->args[1]) && fold_unary(op, w, cval(o, op->args[1]), &r)) {
            to_movi(o, op, op->args[0], r);
            return op;
        }
        if ((op->opc == INDEX_op_extract || op->opc == INDEX_op_sextract) &&
            op->args[2] == 0 && op->args[3] == w) {
            to_mov(o, op, op->args[0], op->args[1]);
            return op;
        }
        if (zext_op_mask(op->opc)) {
            uint64_t m = zext_op_mask(op->opc), em;
            if ((zmask(o, op->args[1]) & ~m) == 0) {
                /* Already zero-extended. */
                to_mov(o, op, op->args[0], op->args[1]);
                return op;
            }
            em = ext_def_mask(o, op->args[1]);
            if (em && (m & ~em) == 0) {
                /* zext_m(zext_em(y)) with m inside em: zext_m(y). */
                op->args[1] = info(o, op->args[1])->def_arg;
            }
        }
        break;

    case INDEX_op_deposit: {
        TCGArg a = op->args[1], b = op->args[2];
        unsigned pos = op->args[3], len = op->args[4];
        if (is_const(o, a) && is_const(o, b)) {
            uint64_t fm = zext(~0ull, len) << pos;
            to_movi(o, op, op->args[0],
                    ((cval(o, a) & ~fm) | ((cval(o, b) << pos) & fm)) & tmask(t));
            return op;
        }
        if (len == w) {
            to_mov(o, op, op->args[0], b);
            return op;
        }
        break;
    }
    case INDEX_op_extract2: {
        TCGArg lo = op->args[1], hi = op->args[2];
        unsigned sh = op->args[3];
        if (sh == 0) {
            to_mov(o, op, op->args[0], lo);
            return op;
        }
        if (is_const(o, lo) && is_const(o, hi)) {
            to_movi(o, op, op->args[0],
                    ((cval(o, lo) >> sh) | (cval(o, hi) << (w - sh))) & tmask(t));
            return op;
        }
        break;
    }

    case INDEX_op_setcond:
    case INDEX_op_negsetcond: {
        int d;
        canon_cond_args(o, &op->args[1], &op->args[2], &op->args[3]);
        d = decide_cond(o, t, op->args[3], op->args[1], op->args[2]);
        if (d >= 0) {
            to_movi(o, op, op->args[0],
                    op->opc == INDEX_op_setcond ? (uint64_t)d : -(uint64_t)d);
            return op;
        }
        break;
    }
    case INDEX_op_movcond: {
        int d;
        TCGArg c = op->args[5];
        if (is_const(o, op->args[1]) && !is_const(o, op->args[2])) {
            TCGArg x = op->args[1];
            op->args[1] = op->args[2];
            op->args[2] = x;
            op->args[5] = tcg_swap_cond((TCGCond)c);
        }
        d = decide_cond(o, t, op->args[5], op->args[1], op->args[2]);
        if (d >= 0) {
            to_mov(o, op, op->args[0], d ? op->args[3] : op->args[4]);
            return op;
        }
        if (same_value(o, op->args[3], op->args[4])) {
            to_mov(o, op, op->args[0], op->args[3]);
            return op;
        }
        break;
    }

    case INDEX_op_mulu2: case INDEX_op_muls2:
        if (is_const(o, op->args[2]) && is_const(o, op->args[3])) {
            uint64_t x = cval(o, op->args[2]), y = cval(o, op->args[3]), lo, hi;
            TCGArg rl = op->args[0], rh = op->args[1];
            if (w == 32) {
                uint64_t p = op->opc == INDEX_op_mulu2 ? x * y
                           : (uint64_t)((int64_t)sext(x, 32) * (int64_t)sext(y, 32));
                lo = p & 0xffffffffull;
                hi = (p >> 32) & 0xffffffffull;
            } else if (op->opc == INDEX_op_mulu2) {
                unsigned __int128 p = (unsigned __int128)x * y;
                lo = (uint64_t)p;
                hi = (uint64_t)(p >> 64);
            } else {
                __int128 p = (__int128)(int64_t)x * (int64_t)y;
                lo = (uint64_t)p;
                hi = (uint64_t)((unsigned __int128)p >> 64);
            }
            to_movi(o, op, rl, lo);
            return insert_movi_after(o, op, t, rh, hi);
        }
        break;
    case INDEX_op_add2: case INDEX_op_sub2:
        if (is_const(o, op->args[2]) && is_const(o, op->args[3]) &&
            is_const(o, op->args[4]) && is_const(o, op->args[5])) {
            unsigned __int128 x, y, res;
            TCGArg rl = op->args[0], rh = op->args[1];
            x = ((unsigned __int128)cval(o, op->args[3]) << w) | cval(o, op->args[2]);
            y = ((unsigned __int128)cval(o, op->args[5]) << w) | cval(o, op->args[4]);
            res = op->opc == INDEX_op_add2 ? x + y : x - y;
            to_movi(o, op, rl, (uint64_t)res & tmask(t));
            return insert_movi_after(o, op, t, rh, (uint64_t)(res >> w) & tmask(t));
        }
        break;
    default:
        break;
    }

    /* Not simplified: the outputs hold unknown values now, except for
     * the bits known zero. */
    if (nb_o == 1) {
        TCGArg out = op->args[0];
        uint64_t z = out_zmask(o, op);
        TempInfo *to;

        reset_temp(o, out);
        to = info(o, out);
        to->z &= z;
        if (zext_op_mask(op->opc) && out != op->args[1]) {
            to->def_opc = op->opc;
            to->def_arg = op->args[1];
            to->def_ver = info(o, op->args[1])->version;
        }
        return op;
    }
    for (i = 0; i < nb_o; i++) {
        reset_temp(o, op->args[i]);
    }
    (void)def;
    return op;
}

void tcg_pass_optimize(TCGContext *s)
{
    Opt o = { .s = s };
    TCGOp *op, *next;

    /* The table of the previous translation is reused: a new generation
       makes every entry stale without clearing it. */
    o.ti = s->opt_info;
    o.cap = s->opt_cap;
    o.gen = s->opt_gen + 1;
    if (unlikely(o.gen > UINT32_MAX - (1u << 20))) {
        /* Far from wrapping around (labels bump it once each). */
        memset(o.ti, 0, o.cap * sizeof(TempInfo));
        o.gen = 1;
    }
    ensure_cap(&o);

    for (op = s->first_op; op; op = next) {
        TCGOp *prev = op->prev, *last;

        if (op->opc == INDEX_op_set_label) {
            TCGLabel *l = arg_label(op->args[0]);
            /* "br L; L:" and "brcond ..., L; L:" — the jump is useless. */
            while (op->prev && ((op->prev->opc == INDEX_op_br &&
                                 arg_label(op->prev->args[0]) == l) ||
                                (op->prev->opc == INDEX_op_brcond &&
                                 arg_label(op->prev->args[3]) == l))) {
                tcg_op_remove(s, op->prev);
            }
            prev = op->prev;
            if (l->refs == 0) {
                /* Nothing branches here: no block boundary any more. */
                l->present = false;
                tcg_op_remove(s, op);
                if (prev && (prev->opc == INDEX_op_br ||
                             prev->opc == INDEX_op_exit_tb ||
                             prev->opc == INDEX_op_goto_ptr)) {
                    /* What the label made reachable no longer is. */
                    remove_unreachable(s, prev);
                }
                next = prev ? prev->next : s->first_op;
                continue;
            }
        }
        last = optimize_op(&o, op);
        if (last) {
            next = last->next;
        } else {
            next = prev ? prev->next : s->first_op;
        }
    }
    s->opt_info = o.ti;
    s->opt_cap = o.cap;
    s->opt_gen = o.gen;
}
