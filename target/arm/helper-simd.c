/*
 * helper-simd.c — A64 Advanced SIMD integer helpers: the element-wise,
 * saturating (FPSR.QC), rounding, widening, narrowing, pairwise,
 * across-lanes, shift, polynomial, dot-product and permute operations that
 * are not emitted as inline IR by translate-a64-simd-*.c.
 *
 * Semantics follow the Arm ARM (DDI 0487) C7.2 pseudocode of each
 * instruction; intermediate results are computed in 128-bit integers so
 * that no element size needs a special case.  Register-to-register
 * convention and descriptor: vec-internal.h.
 */
#include "util/osdep.h"
#include "target/arm/vec-internal.h"

typedef __int128 i128;

static inline int ebits(int esz)
{
    return 8 << esz;
}

/* Saturates v to a signed / unsigned element of esz, setting FPSR.QC. */
static uint64_t sat_s(CPUARMState *env, i128 v, int esz)
{
    i128 max = ((i128)1 << (ebits(esz) - 1)) - 1;
    i128 min = -max - 1;

    if (v > max) {
        env->fpsr |= FPSR_QC;
        return (uint64_t)max;
    }
    if (v < min) {
        env->fpsr |= FPSR_QC;
        return (uint64_t)min;
    }
    return (uint64_t)v;
}

static uint64_t sat_u(CPUARMState *env, i128 v, int esz)
{
    i128 max = ((i128)1 << ebits(esz)) - 1;

    if (v > max) {
        env->fpsr |= FPSR_QC;
        return (uint64_t)max;
    }
    if (v < 0) {
        env->fpsr |= FPSR_QC;
        return 0;
    }
    return (uint64_t)v;
}

/*
 * Shift by a signed register amount (SSHL, USHL, SRSHL, URSHL, SQSHL,
 * UQSHL, SQRSHL, UQRSHL): sh > 0 shifts left, sh < 0 right, rounding
 * adds 1 << (-sh - 1) first; saturating forms saturate left shifts.
 */
static uint64_t shift_reg(CPUARMState *env, i128 v, int sh, int esz,
                          bool sgn, bool round, bool sat)
{
    int bits = ebits(esz);

    if (sh >= 0) {
        if (v == 0) {
            return 0;
        }
        if (sh >= bits) {
            if (!sat) {
                return 0;
            }
            v = v > 0 ? ((i128)1 << 100) : -((i128)1 << 100);
        } else {
            v <<= sh;
        }
    } else {
        int k = -sh > 100 ? 100 : -sh;

        if (round) {
            v += (i128)1 << (k - 1);
        }
        v >>= k;
    }
    if (sat) {
        return sgn ? sat_s(env, v, esz) : sat_u(env, v, esz);
    }
    return (uint64_t)v;
}

static uint64_t pmul8(uint64_t a, uint64_t b)
{
    uint64_t r = 0;

    for (int i = 0; i < 8; i++) {
        if (b & (1u << i)) {
            r ^= a << i;
        }
    }
    return r;
}

static void pmul64(uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi)
{
    uint64_t l = 0, h = 0;

    for (int i = 0; i < 64; i++) {
        if ((b >> i) & 1) {
            l ^= a << i;
            h ^= i ? a >> (64 - i) : 0;
        }
    }
    *lo = l;
    *hi = h;
}

/* ---------------------------------------------------------------------- */
/* Same-size element-wise operations                                       */

/*
 * The element loops take the element size as a parameter; they are
 * instantiated once per size (esz a constant) so that the element
 * accessors fold into plain loads and stores.
 */
#define ESZ_DISPATCH(FN, env, desc)                                         \
    do {                                                                    \
        switch (SIMD_ESZ(desc)) {                                           \
        case 0: FN(env, desc, 0); break;                                    \
        case 1: FN(env, desc, 1); break;                                    \
        case 2: FN(env, desc, 2); break;                                    \
        default: FN(env, desc, 3); break;                                   \
        }                                                                   \
    } while (0)
#define LOOP_FN static inline __attribute__((always_inline)) void

/*
 * EXPR sees: a, b (unsigned elements of Vn, Vm), sa, sb (signed), d (the
 * element of Vd), esz, bits, env.  IDX: b is element data of Vm.
 */
#define INT3_BODY(EXPR, IDX)                                                \
    int ne = simd_nelem(desc), bits = ebits(esz);                           \
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vm = env->vregs[SIMD_RM(desc)];\
    ARMVReg vd = env->vregs[SIMD_RD(desc)];                                 \
    (void)bits;                                                             \
    for (int i = 0; i < ne; i++) {                                          \
        uint64_t a = velt(&vn, i, esz);                                     \
        uint64_t b = velt(&vm, (IDX) ? (int)SIMD_DATA(desc) : i, esz);      \
        uint64_t d = velt(&vd, i, esz);                                     \
        i128 sa = vsext(a, esz), sb = vsext(b, esz), sd = vsext(d, esz);    \
        (void)sa; (void)sb; (void)sd; (void)d;                              \
        vset(&vd, i, esz, (uint64_t)(EXPR));                                \
    }                                                                       \
    vstore(env, desc, &vd);

#define INT3(NAME, EXPR)                                                    \
    LOOP_FN loop_##NAME(CPUARMState *env, uint32_t desc, int esz)           \
    {                                                                       \
        INT3_BODY(EXPR, 0)                                                  \
    }                                                                       \
    void helper_simd_##NAME(CPUARMState *env, uint32_t desc)                \
    {                                                                       \
        ESZ_DISPATCH(loop_##NAME, env, desc);                               \
    }                                                                       \
    SIMD_HELPER_INFO(NAME)

#define INT3_IDX(NAME, EXPR)                                                \
    LOOP_FN loop_##NAME(CPUARMState *env, uint32_t desc, int esz)           \
    {                                                                       \
        INT3_BODY(EXPR, 1)                                                  \
    }                                                                       \
    void helper_simd_##NAME(CPUARMState *env, uint32_t desc)                \
    {                                                                       \
        ESZ_DISPATCH(loop_##NAME, env, desc);                               \
    }                                                                       \
    SIMD_HELPER_INFO(NAME)

#define MASK(c) ((c) ? vmask(esz) : 0)
#define ABSD(x, y) ((x) > (y) ? (x) - (y) : (y) - (x))

INT3(add, a + b)
INT3(sub, a - b)
INT3(mul, a * b)
INT3(mla, d + a * b)
INT3(mls, d - a * b)
INT3(pmul, pmul8(a, b))
INT3(shadd, (sa + sb) >> 1)
INT3(uhadd, ((i128)a + b) >> 1)
INT3(srhadd, (sa + sb + 1) >> 1)
INT3(urhadd, ((i128)a + b + 1) >> 1)
INT3(shsub, (sa - sb) >> 1)
INT3(uhsub, ((i128)a - (i128)b) >> 1)
INT3(sqadd, sat_s(env, sa + sb, esz))
INT3(uqadd, sat_u(env, (i128)a + b, esz))
INT3(sqsub, sat_s(env, sa - sb, esz))
INT3(uqsub, sat_u(env, (i128)a - (i128)b, esz))
INT3(cmgt, MASK(sa > sb))
INT3(cmhi, MASK(a > b))
INT3(cmge, MASK(sa >= sb))
INT3(cmhs, MASK(a >= b))
INT3(cmeq, MASK(a == b))
INT3(cmtst, MASK((a & b) != 0))
INT3(sshl, shift_reg(env, sa, (int8_t)b, esz, true, false, false))
INT3(ushl, shift_reg(env, a, (int8_t)b, esz, false, false, false))
INT3(srshl, shift_reg(env, sa, (int8_t)b, esz, true, true, false))
INT3(urshl, shift_reg(env, a, (int8_t)b, esz, false, true, false))
INT3(sqshl, shift_reg(env, sa, (int8_t)b, esz, true, false, true))
INT3(uqshl, shift_reg(env, a, (int8_t)b, esz, false, false, true))
INT3(sqrshl, shift_reg(env, sa, (int8_t)b, esz, true, true, true))
INT3(uqrshl, shift_reg(env, a, (int8_t)b, esz, false, true, true))
INT3(smax, sa > sb ? a : b)
INT3(umax, a > b ? a : b)
INT3(smin, sa < sb ? a : b)
INT3(umin, a < b ? a : b)
INT3(sabd, ABSD(sa, sb))
INT3(uabd, ABSD(a, b))
INT3(saba, d + ABSD(sa, sb))
INT3(uaba, d + ABSD(a, b))
INT3(sqdmulh, sat_s(env, (2 * sa * sb) >> bits, esz))
INT3(sqrdmulh, sat_s(env, (2 * sa * sb + ((i128)1 << (bits - 1))) >> bits, esz))
INT3(sqrdmlah, sat_s(env, ((sd << bits) + 2 * sa * sb +
                           ((i128)1 << (bits - 1))) >> bits, esz))
INT3(sqrdmlsh, sat_s(env, ((sd << bits) - 2 * sa * sb +
                           ((i128)1 << (bits - 1))) >> bits, esz))
INT3_IDX(mul_idx, a * b)
INT3_IDX(mla_idx, d + a * b)
INT3_IDX(mls_idx, d - a * b)
INT3_IDX(sqdmulh_idx, sat_s(env, (2 * sa * sb) >> bits, esz))
INT3_IDX(sqrdmulh_idx, sat_s(env, (2 * sa * sb + ((i128)1 << (bits - 1))) >> bits, esz))
INT3_IDX(sqrdmlah_idx, sat_s(env, ((sd << bits) + 2 * sa * sb +
                                   ((i128)1 << (bits - 1))) >> bits, esz))
INT3_IDX(sqrdmlsh_idx, sat_s(env, ((sd << bits) - 2 * sa * sb +
                                   ((i128)1 << (bits - 1))) >> bits, esz))

/* Pairwise: results 0..n/2-1 from pairs of Vn, the rest from Vm; the
 * scalar form (ADDP Dd, Vn.2D) combines elements 0 and 1 of Vn. */
#define PAIR(NAME, EXPR)                                                    \
    LOOP_FN loop_##NAME(CPUARMState *env, uint32_t desc, int esz)           \
    {                                                                       \
        int ne = simd_nelem(desc), half = ne / 2;                           \
        ARMVReg vn = env->vregs[SIMD_RN(desc)];                             \
        ARMVReg vm = env->vregs[SIMD_RM(desc)], vd = { { 0, 0 } };          \
        if (SIMD_SCALAR(desc)) {                                            \
            half = 1;                                                       \
            ne = 1;                                                         \
        }                                                                   \
        for (int i = 0; i < ne; i++) {                                      \
            const ARMVReg *s = i < half ? &vn : &vm;                        \
            int j = 2 * (i < half ? i : i - half);                          \
            uint64_t a = velt(s, j, esz), b = velt(s, j + 1, esz);          \
            i128 sa = vsext(a, esz), sb = vsext(b, esz);                    \
            (void)sa; (void)sb;                                             \
            vset(&vd, i, esz, (uint64_t)(EXPR));                            \
        }                                                                   \
        vstore(env, desc, &vd);                                             \
    }                                                                       \
    void helper_simd_##NAME(CPUARMState *env, uint32_t desc)                \
    {                                                                       \
        ESZ_DISPATCH(loop_##NAME, env, desc);                               \
    }                                                                       \
    SIMD_HELPER_INFO(NAME)

PAIR(addp, a + b)
PAIR(smaxp, sa > sb ? a : b)
PAIR(umaxp, a > b ? a : b)
PAIR(sminp, sa < sb ? a : b)
PAIR(uminp, a < b ? a : b)

/* SDOT / UDOT: each 32-bit element of Vd accumulates four byte products
 * (FEAT_DotProd); by element, the group of four bytes is element data of
 * Vm (as a 32-bit element). */
static void dot(CPUARMState *env, uint32_t desc, bool sgn, bool idx)
{
    int ne = simd_nelem(desc);
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vm = env->vregs[SIMD_RM(desc)];
    ARMVReg vd = env->vregs[SIMD_RD(desc)];

    for (int i = 0; i < ne; i++) {
        uint32_t acc = (uint32_t)velt(&vd, i, 2);
        int g = idx ? (int)SIMD_DATA(desc) : i;

        for (int k = 0; k < 4; k++) {
            uint64_t x = velt(&vn, 4 * i + k, 0), y = velt(&vm, 4 * g + k, 0);
            acc += sgn ? (uint32_t)((int8_t)x * (int8_t)y) : (uint32_t)(x * y);
        }
        vset(&vd, i, 2, acc);
    }
    vstore(env, desc, &vd);
}

void helper_simd_sdot(CPUARMState *env, uint32_t desc) { dot(env, desc, true, false); }
void helper_simd_udot(CPUARMState *env, uint32_t desc) { dot(env, desc, false, false); }
void helper_simd_sdot_idx(CPUARMState *env, uint32_t desc) { dot(env, desc, true, true); }
void helper_simd_udot_idx(CPUARMState *env, uint32_t desc) { dot(env, desc, false, true); }
SIMD_HELPER_INFO(sdot)
SIMD_HELPER_INFO(udot)
SIMD_HELPER_INFO(sdot_idx)
SIMD_HELPER_INFO(udot_idx)

/* ---------------------------------------------------------------------- */
/* Three different: widening, long and narrowing high-half operations     */

enum {
    W_ADD, W_SUB, W_ABA, W_ABD, W_MLA, W_MLS, W_MUL,
    W_QDMLA, W_QDMLS, W_QDMUL,
};

/*
 * esz is the narrow element size.  Narrow operands come from the low half
 * (q=0) or the high half (q=1) of the register; wide_n: Vn holds wide
 * elements (the W forms); idx >= 0: the Vm operand is its element idx.
 */
static inline void widen_op(CPUARMState *env, uint32_t desc, bool sgn,
                            bool wide_n, int idx, int kind)
{
    int esz = SIMD_ESZ(desc), wsz = esz + 1;
    int ne = SIMD_SCALAR(desc) ? 1 : 8 >> esz;
    int off = SIMD_Q(desc) ? ne : 0;
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vm = env->vregs[SIMD_RM(desc)];
    ARMVReg vd = env->vregs[SIMD_RD(desc)], r = { { 0, 0 } };

    for (int i = 0; i < ne; i++) {
        uint64_t ua = wide_n ? velt(&vn, i, wsz) : velt(&vn, i + off, esz);
        uint64_t ub = velt(&vm, idx >= 0 ? idx : i + off, esz);
        i128 a = sgn ? vsext(ua, wide_n ? wsz : esz) : (i128)ua;
        i128 b = sgn ? vsext(ub, esz) : (i128)ub;
        uint64_t ud = velt(&vd, i, wsz);
        i128 d = sgn ? vsext(ud, wsz) : (i128)ud;
        uint64_t res;

        switch (kind) {
        case W_ADD:
            res = (uint64_t)(a + b);
            break;
        case W_SUB:
            res = (uint64_t)(a - b);
            break;
        case W_ABA:
            res = (uint64_t)(d + ABSD(a, b));
            break;
        case W_ABD:
            res = (uint64_t)ABSD(a, b);
            break;
        case W_MLA:
            res = (uint64_t)(d + a * b);
            break;
        case W_MLS:
            res = (uint64_t)(d - a * b);
            break;
        case W_MUL:
            res = (uint64_t)(a * b);
            break;
        case W_QDMLA:
            res = sat_s(env, d + vsext(sat_s(env, 2 * a * b, wsz), wsz), wsz);
            break;
        case W_QDMLS:
            res = sat_s(env, d - vsext(sat_s(env, 2 * a * b, wsz), wsz), wsz);
            break;
        default: /* W_QDMUL */
            res = sat_s(env, 2 * a * b, wsz);
            break;
        }
        vset(&r, i, wsz, res);
    }
    if (SIMD_SCALAR(desc)) {
        ARMVReg s = { { 0, 0 } };
        vset(&s, 0, wsz, velt(&r, 0, wsz));
        r = s;
    }
    env->vregs[SIMD_RD(desc)] = r;
}

#define WIDE(NAME, SGN, WN, IDX, KIND)                                      \
    void helper_simd_##NAME(CPUARMState *env, uint32_t desc)                \
    {                                                                       \
        widen_op(env, desc, SGN, WN, (IDX) ? (int)SIMD_DATA(desc) : -1,     \
                 KIND);                                                     \
    }                                                                       \
    SIMD_HELPER_INFO(NAME)

WIDE(saddl, true, false, 0, W_ADD)
WIDE(uaddl, false, false, 0, W_ADD)
WIDE(saddw, true, true, 0, W_ADD)
WIDE(uaddw, false, true, 0, W_ADD)
WIDE(ssubl, true, false, 0, W_SUB)
WIDE(usubl, false, false, 0, W_SUB)
WIDE(ssubw, true, true, 0, W_SUB)
WIDE(usubw, false, true, 0, W_SUB)
WIDE(sabal, true, false, 0, W_ABA)
WIDE(uabal, false, false, 0, W_ABA)
WIDE(sabdl, true, false, 0, W_ABD)
WIDE(uabdl, false, false, 0, W_ABD)
WIDE(smlal, true, false, 0, W_MLA)
WIDE(umlal, false, false, 0, W_MLA)
WIDE(smlsl, true, false, 0, W_MLS)
WIDE(umlsl, false, false, 0, W_MLS)
WIDE(smull, true, false, 0, W_MUL)
WIDE(umull, false, false, 0, W_MUL)
WIDE(sqdmlal, true, false, 0, W_QDMLA)
WIDE(sqdmlsl, true, false, 0, W_QDMLS)
WIDE(sqdmull, true, false, 0, W_QDMUL)
WIDE(smlal_idx, true, false, 1, W_MLA)
WIDE(umlal_idx, false, false, 1, W_MLA)
WIDE(smlsl_idx, true, false, 1, W_MLS)
WIDE(umlsl_idx, false, false, 1, W_MLS)
WIDE(smull_idx, true, false, 1, W_MUL)
WIDE(umull_idx, false, false, 1, W_MUL)
WIDE(sqdmlal_idx, true, false, 1, W_QDMLA)
WIDE(sqdmlsl_idx, true, false, 1, W_QDMLS)
WIDE(sqdmull_idx, true, false, 1, W_QDMUL)

/* PMULL(2): 8 x 8 -> 16 bits (esz 0) or 64 x 64 -> 128 bits (esz 3). */
void helper_simd_pmull(CPUARMState *env, uint32_t desc)
{
    int esz = SIMD_ESZ(desc);
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vm = env->vregs[SIMD_RM(desc)];
    ARMVReg r = { { 0, 0 } };

    if (esz == 3) {
        int h = SIMD_Q(desc);
        pmul64(vn.d[h], vm.d[h], &r.d[0], &r.d[1]);
    } else {
        int off = SIMD_Q(desc) ? 8 : 0;
        for (int i = 0; i < 8; i++) {
            vset(&r, i, 1, pmul8(velt(&vn, i + off, 0), velt(&vm, i + off, 0)));
        }
    }
    env->vregs[SIMD_RD(desc)] = r;
}
SIMD_HELPER_INFO(pmull)

/* Narrowing: writes ne narrow results to the low half (q=0, high half
 * zeroed) or the high half (q=1, low half kept); scalar: element 0. */
static void narrow_store(CPUARMState *env, uint32_t desc, const uint64_t *res,
                         int ne, int esz)
{
    ARMVReg vd = env->vregs[SIMD_RD(desc)];

    if (SIMD_SCALAR(desc)) {
        ARMVReg s = { { 0, 0 } };
        vset(&s, 0, esz, res[0]);
        env->vregs[SIMD_RD(desc)] = s;
        return;
    }
    for (int i = 0; i < ne; i++) {
        vset(&vd, i + (SIMD_Q(desc) ? ne : 0), esz, res[i]);
    }
    if (!SIMD_Q(desc)) {
        vd.d[1] = 0;
    }
    env->vregs[SIMD_RD(desc)] = vd;
}

/* ADDHN, RADDHN, SUBHN, RSUBHN: esz is the narrow size. */
static void hn_op(CPUARMState *env, uint32_t desc, bool sub, bool round)
{
    int esz = SIMD_ESZ(desc), ne = 8 >> esz, bits = ebits(esz);
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vm = env->vregs[SIMD_RM(desc)];
    uint64_t res[8];

    for (int i = 0; i < ne; i++) {
        i128 a = velt(&vn, i, esz + 1), b = velt(&vm, i, esz + 1);
        i128 v = sub ? a - b : a + b;
        if (round) {
            v += (i128)1 << (bits - 1);
        }
        res[i] = (uint64_t)(v >> bits);
    }
    narrow_store(env, desc, res, ne, esz);
}

void helper_simd_addhn(CPUARMState *env, uint32_t desc) { hn_op(env, desc, false, false); }
void helper_simd_raddhn(CPUARMState *env, uint32_t desc) { hn_op(env, desc, false, true); }
void helper_simd_subhn(CPUARMState *env, uint32_t desc) { hn_op(env, desc, true, false); }
void helper_simd_rsubhn(CPUARMState *env, uint32_t desc) { hn_op(env, desc, true, true); }
SIMD_HELPER_INFO(addhn)
SIMD_HELPER_INFO(raddhn)
SIMD_HELPER_INFO(subhn)
SIMD_HELPER_INFO(rsubhn)

/* ---------------------------------------------------------------------- */
/* Two-register miscellaneous                                              */

#define INT2(NAME, EXPR)                                                    \
    LOOP_FN loop_##NAME(CPUARMState *env, uint32_t desc, int esz)           \
    {                                                                       \
        int ne = simd_nelem(desc), bits = ebits(esz);                       \
        ARMVReg vn = env->vregs[SIMD_RN(desc)];                             \
        ARMVReg vd = env->vregs[SIMD_RD(desc)];                             \
        (void)bits;                                                         \
        for (int i = 0; i < ne; i++) {                                      \
            uint64_t a = velt(&vn, i, esz), d = velt(&vd, i, esz);          \
            i128 sa = vsext(a, esz), sd = vsext(d, esz);                    \
            (void)sa; (void)sd; (void)d;                                    \
            vset(&vd, i, esz, (uint64_t)(EXPR));                            \
        }                                                                   \
        vstore(env, desc, &vd);                                             \
    }                                                                       \
    void helper_simd_##NAME(CPUARMState *env, uint32_t desc)                \
    {                                                                       \
        ESZ_DISPATCH(loop_##NAME, env, desc);                               \
    }                                                                       \
    SIMD_HELPER_INFO(NAME)

static uint64_t clz_e(uint64_t a, int bits)
{
    return a ? (uint64_t)(__builtin_clzll(a) - (64 - bits)) : (uint64_t)bits;
}

static uint64_t rbit8(uint64_t a)
{
    uint64_t r = 0;

    for (int i = 0; i < 8; i++) {
        r |= ((a >> i) & 1) << (7 - i);
    }
    return r;
}

INT2(suqadd, sat_s(env, sd + (i128)a, esz))
INT2(usqadd, sat_u(env, (i128)d + sa, esz))
INT2(cls, clz_e((uint64_t)(sa < 0 ? ~sa : sa) & vmask(esz), bits) - 1)
INT2(clz, clz_e(a, bits))
INT2(cnt, __builtin_popcountll(a))
INT2(rbit, rbit8(a))
INT2(sqabs, sat_s(env, sa < 0 ? -sa : sa, esz))
INT2(sqneg, sat_s(env, -sa, esz))
INT2(abs, sa < 0 ? -sa : sa)
INT2(neg, -sa)
INT2(cmgt0, MASK(sa > 0))
INT2(cmge0, MASK(sa >= 0))
INT2(cmeq0, MASK(a == 0))
INT2(cmle0, MASK(sa <= 0))
INT2(cmlt0, MASK(sa < 0))

/* REV16/REV32/REV64: data = log2 of the container in bytes. */
void helper_simd_rev(CPUARMState *env, uint32_t desc)
{
    int esz = SIMD_ESZ(desc), ne = simd_nelem(desc);
    int flip = (1 << (SIMD_DATA(desc) - esz)) - 1;
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vd;

    for (int i = 0; i < ne; i++) {
        vset(&vd, i ^ flip, esz, velt(&vn, i, esz));
    }
    vstore(env, desc, &vd);
}
SIMD_HELPER_INFO(rev)

/* SADDLP/UADDLP/SADALP/UADALP: esz is the narrow size. */
static void addlp(CPUARMState *env, uint32_t desc, bool sgn, bool acc)
{
    int esz = SIMD_ESZ(desc), ne = (8 << SIMD_Q(desc)) >> (esz + 1);
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vd = env->vregs[SIMD_RD(desc)];

    for (int i = 0; i < ne; i++) {
        uint64_t a = velt(&vn, 2 * i, esz), b = velt(&vn, 2 * i + 1, esz);
        uint64_t s = sgn ? (uint64_t)(vsext(a, esz) + vsext(b, esz)) : a + b;
        vset(&vd, i, esz + 1, (acc ? velt(&vd, i, esz + 1) : 0) + s);
    }
    if (!SIMD_Q(desc)) {
        vd.d[1] = 0;
    }
    env->vregs[SIMD_RD(desc)] = vd;
}

void helper_simd_saddlp(CPUARMState *env, uint32_t desc) { addlp(env, desc, true, false); }
void helper_simd_uaddlp(CPUARMState *env, uint32_t desc) { addlp(env, desc, false, false); }
void helper_simd_sadalp(CPUARMState *env, uint32_t desc) { addlp(env, desc, true, true); }
void helper_simd_uadalp(CPUARMState *env, uint32_t desc) { addlp(env, desc, false, true); }
SIMD_HELPER_INFO(saddlp)
SIMD_HELPER_INFO(uaddlp)
SIMD_HELPER_INFO(sadalp)
SIMD_HELPER_INFO(uadalp)

/* XTN, SQXTN, UQXTN, SQXTUN: esz is the narrow size. */
enum { N_TRUNC, N_SS, N_UU, N_SU };

static uint64_t narrow1(CPUARMState *env, uint64_t w, int esz, int kind)
{
    switch (kind) {
    case N_SS:
        return sat_s(env, vsext(w, esz + 1), esz);
    case N_UU:
        return sat_u(env, w, esz);
    case N_SU:
        return sat_u(env, vsext(w, esz + 1), esz);
    default:
        return w;
    }
}

static void xtn(CPUARMState *env, uint32_t desc, int kind)
{
    int esz = SIMD_ESZ(desc), ne = SIMD_SCALAR(desc) ? 1 : 8 >> esz;
    ARMVReg vn = env->vregs[SIMD_RN(desc)];
    uint64_t res[8];

    for (int i = 0; i < ne; i++) {
        res[i] = narrow1(env, velt(&vn, i, esz + 1), esz, kind);
    }
    narrow_store(env, desc, res, ne, esz);
}

void helper_simd_xtn(CPUARMState *env, uint32_t desc) { xtn(env, desc, N_TRUNC); }
void helper_simd_sqxtn(CPUARMState *env, uint32_t desc) { xtn(env, desc, N_SS); }
void helper_simd_uqxtn(CPUARMState *env, uint32_t desc) { xtn(env, desc, N_UU); }
void helper_simd_sqxtun(CPUARMState *env, uint32_t desc) { xtn(env, desc, N_SU); }
SIMD_HELPER_INFO(xtn)
SIMD_HELPER_INFO(sqxtn)
SIMD_HELPER_INFO(uqxtn)
SIMD_HELPER_INFO(sqxtun)

/* SHLL(2) and SSHLL/USHLL(2): widen the low (q=0) or high (q=1) half,
 * then shift left by data. esz is the narrow size. */
static void shll(CPUARMState *env, uint32_t desc, bool sgn)
{
    int esz = SIMD_ESZ(desc), ne = 8 >> esz, off = SIMD_Q(desc) ? ne : 0;
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vd;

    for (int i = 0; i < ne; i++) {
        uint64_t a = velt(&vn, i + off, esz);
        uint64_t w = sgn ? (uint64_t)vsext(a, esz) : a;
        vset(&vd, i, esz + 1, w << SIMD_DATA(desc));
    }
    env->vregs[SIMD_RD(desc)] = vd;
}

void helper_simd_shll(CPUARMState *env, uint32_t desc) { shll(env, desc, false); }
void helper_simd_sshll(CPUARMState *env, uint32_t desc) { shll(env, desc, true); }
void helper_simd_ushll(CPUARMState *env, uint32_t desc) { shll(env, desc, false); }
SIMD_HELPER_INFO(shll)
SIMD_HELPER_INFO(sshll)
SIMD_HELPER_INFO(ushll)

/* ---------------------------------------------------------------------- */
/* Across lanes                                                            */

enum { V_ADD, V_SADDL, V_UADDL, V_SMAX, V_UMAX, V_SMIN, V_UMIN };

static void across(CPUARMState *env, uint32_t desc, int kind)
{
    int esz = SIMD_ESZ(desc), ne = simd_nelem(desc);
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vd = { { 0, 0 } };
    uint64_t r = velt(&vn, 0, esz);
    i128 s = vsext(r, esz);
    int rsz = esz;

    for (int i = 1; i < ne; i++) {
        uint64_t a = velt(&vn, i, esz);
        i128 sa = vsext(a, esz);

        switch (kind) {
        case V_ADD:
        case V_UADDL:
            r += a;
            break;
        case V_SADDL:
            s += sa;
            break;
        case V_SMAX:
            if (sa > s) {
                s = sa;
            }
            break;
        case V_SMIN:
            if (sa < s) {
                s = sa;
            }
            break;
        case V_UMAX:
            r = a > r ? a : r;
            break;
        default:
            r = a < r ? a : r;
            break;
        }
    }
    if (kind == V_SADDL || kind == V_SMAX || kind == V_SMIN) {
        r = (uint64_t)s;
    }
    if (kind == V_SADDL || kind == V_UADDL) {
        rsz = esz + 1;
    }
    vset(&vd, 0, rsz, r);
    env->vregs[SIMD_RD(desc)] = vd;
}

void helper_simd_addv(CPUARMState *env, uint32_t desc) { across(env, desc, V_ADD); }
void helper_simd_saddlv(CPUARMState *env, uint32_t desc) { across(env, desc, V_SADDL); }
void helper_simd_uaddlv(CPUARMState *env, uint32_t desc) { across(env, desc, V_UADDL); }
void helper_simd_smaxv(CPUARMState *env, uint32_t desc) { across(env, desc, V_SMAX); }
void helper_simd_umaxv(CPUARMState *env, uint32_t desc) { across(env, desc, V_UMAX); }
void helper_simd_sminv(CPUARMState *env, uint32_t desc) { across(env, desc, V_SMIN); }
void helper_simd_uminv(CPUARMState *env, uint32_t desc) { across(env, desc, V_UMIN); }
SIMD_HELPER_INFO(addv)
SIMD_HELPER_INFO(saddlv)
SIMD_HELPER_INFO(uaddlv)
SIMD_HELPER_INFO(smaxv)
SIMD_HELPER_INFO(umaxv)
SIMD_HELPER_INFO(sminv)
SIMD_HELPER_INFO(uminv)

/* ---------------------------------------------------------------------- */
/* Shift by immediate: data = the shift amount                             */

#define SHIFTI(NAME, EXPR)                                                  \
    LOOP_FN loop_##NAME(CPUARMState *env, uint32_t desc, int esz)           \
    {                                                                       \
        int ne = simd_nelem(desc), bits = ebits(esz);                       \
        int sh = SIMD_DATA(desc);                                           \
        ARMVReg vn = env->vregs[SIMD_RN(desc)];                             \
        ARMVReg vd = env->vregs[SIMD_RD(desc)];                             \
        (void)bits;                                                         \
        for (int i = 0; i < ne; i++) {                                      \
            uint64_t a = velt(&vn, i, esz), d = velt(&vd, i, esz);          \
            i128 sa = vsext(a, esz), ua = a;                                \
            (void)sa; (void)ua; (void)d;                                    \
            vset(&vd, i, esz, (uint64_t)(EXPR));                            \
        }                                                                   \
        vstore(env, desc, &vd);                                             \
    }                                                                       \
    void helper_simd_##NAME(CPUARMState *env, uint32_t desc)                \
    {                                                                       \
        ESZ_DISPATCH(loop_##NAME, env, desc);                               \
    }                                                                       \
    SIMD_HELPER_INFO(NAME)

#define RND(v) (((v) + ((i128)1 << (sh - 1))) >> sh)
/* Bits [bits-1 : 0] that a right shift by sh (1..bits) leaves / a left
 * shift by sh (0..bits-1) fills. */
#define RMASK (sh >= bits ? 0 : vmask(esz) >> sh)
#define LMASK ((vmask(esz) << sh) & vmask(esz))

SHIFTI(sshr, sa >> sh)
SHIFTI(ushr, ua >> sh)
SHIFTI(ssra, d + (uint64_t)(sa >> sh))
SHIFTI(usra, d + (uint64_t)(ua >> sh))
SHIFTI(srshr, RND(sa))
SHIFTI(urshr, RND(ua))
SHIFTI(srsra, d + (uint64_t)RND(sa))
SHIFTI(ursra, d + (uint64_t)RND(ua))
SHIFTI(sri, (d & ~RMASK) | ((uint64_t)(ua >> sh) & RMASK))
SHIFTI(shl, a << sh)
SHIFTI(sli, (d & ~LMASK) | ((a << sh) & LMASK))
SHIFTI(sqshlu, sat_u(env, sa << sh, esz))
SHIFTI(sqshli, sat_s(env, sa << sh, esz))
SHIFTI(uqshli, sat_u(env, ua << sh, esz))

/* Narrowing shifts right: esz is the narrow size, sh in 1..8 << esz. */
static void shrn_op(CPUARMState *env, uint32_t desc, bool sgn, bool round,
                    int kind)
{
    int esz = SIMD_ESZ(desc), ne = SIMD_SCALAR(desc) ? 1 : 8 >> esz;
    int sh = SIMD_DATA(desc);
    ARMVReg vn = env->vregs[SIMD_RN(desc)];
    uint64_t res[8];

    for (int i = 0; i < ne; i++) {
        uint64_t w = velt(&vn, i, esz + 1);
        i128 v = sgn ? (i128)vsext(w, esz + 1) : (i128)w;

        if (round) {
            v += (i128)1 << (sh - 1);
        }
        v >>= sh;
        switch (kind) {
        case N_SS:
            res[i] = sat_s(env, v, esz);
            break;
        case N_UU:
        case N_SU:
            res[i] = sat_u(env, v, esz);
            break;
        default:
            res[i] = (uint64_t)v;
            break;
        }
    }
    narrow_store(env, desc, res, ne, esz);
}

void helper_simd_shrn(CPUARMState *env, uint32_t desc) { shrn_op(env, desc, false, false, N_TRUNC); }
void helper_simd_rshrn(CPUARMState *env, uint32_t desc) { shrn_op(env, desc, false, true, N_TRUNC); }
void helper_simd_sqshrn(CPUARMState *env, uint32_t desc) { shrn_op(env, desc, true, false, N_SS); }
void helper_simd_sqrshrn(CPUARMState *env, uint32_t desc) { shrn_op(env, desc, true, true, N_SS); }
void helper_simd_uqshrn(CPUARMState *env, uint32_t desc) { shrn_op(env, desc, false, false, N_UU); }
void helper_simd_uqrshrn(CPUARMState *env, uint32_t desc) { shrn_op(env, desc, false, true, N_UU); }
void helper_simd_sqshrun(CPUARMState *env, uint32_t desc) { shrn_op(env, desc, true, false, N_SU); }
void helper_simd_sqrshrun(CPUARMState *env, uint32_t desc) { shrn_op(env, desc, true, true, N_SU); }
SIMD_HELPER_INFO(shrn)
SIMD_HELPER_INFO(rshrn)
SIMD_HELPER_INFO(sqshrn)
SIMD_HELPER_INFO(sqrshrn)
SIMD_HELPER_INFO(uqshrn)
SIMD_HELPER_INFO(uqrshrn)
SIMD_HELPER_INFO(sqshrun)
SIMD_HELPER_INFO(sqrshrun)

/* ---------------------------------------------------------------------- */
/* Permutes, EXT, TBL/TBX                                                  */

static void permute(CPUARMState *env, uint32_t desc, int kind, int part)
{
    int esz = SIMD_ESZ(desc), ne = simd_nelem(desc), half = ne / 2;
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vm = env->vregs[SIMD_RM(desc)];
    ARMVReg vd = { { 0, 0 } };

    for (int i = 0; i < ne; i++) {
        uint64_t x;

        switch (kind) {
        case 0: { /* UZP: even (part 0) or odd elements of Vm:Vn */
            int j = 2 * i + part;
            x = j < ne ? velt(&vn, j, esz) : velt(&vm, j - ne, esz);
            break;
        }
        case 1: /* TRN */
            x = (i & 1) ? velt(&vm, (i & ~1) + part, esz)
                        : velt(&vn, i + part, esz);
            break;
        default: { /* ZIP: interleave the low (0) or high (1) halves */
            int j = i / 2 + part * half;
            x = (i & 1) ? velt(&vm, j, esz) : velt(&vn, j, esz);
            break;
        }
        }
        vset(&vd, i, esz, x);
    }
    vstore(env, desc, &vd);
}

void helper_simd_uzp1(CPUARMState *env, uint32_t desc) { permute(env, desc, 0, 0); }
void helper_simd_uzp2(CPUARMState *env, uint32_t desc) { permute(env, desc, 0, 1); }
void helper_simd_trn1(CPUARMState *env, uint32_t desc) { permute(env, desc, 1, 0); }
void helper_simd_trn2(CPUARMState *env, uint32_t desc) { permute(env, desc, 1, 1); }
void helper_simd_zip1(CPUARMState *env, uint32_t desc) { permute(env, desc, 2, 0); }
void helper_simd_zip2(CPUARMState *env, uint32_t desc) { permute(env, desc, 2, 1); }
SIMD_HELPER_INFO(uzp1)
SIMD_HELPER_INFO(uzp2)
SIMD_HELPER_INFO(trn1)
SIMD_HELPER_INFO(trn2)
SIMD_HELPER_INFO(zip1)
SIMD_HELPER_INFO(zip2)

/* EXT: bytes data.. of Vm:Vn (8 or 16 bytes each). */
void helper_simd_ext(CPUARMState *env, uint32_t desc)
{
    int nb = 8 << SIMD_Q(desc), pos = SIMD_DATA(desc);
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vm = env->vregs[SIMD_RM(desc)];
    ARMVReg vd = { { 0, 0 } };

    for (int i = 0; i < nb; i++) {
        int j = i + pos;
        vset(&vd, i, 0, j < nb ? velt(&vn, j, 0) : velt(&vm, j - nb, 0));
    }
    vstore(env, desc, &vd);
}
SIMD_HELPER_INFO(ext)

/* TBL/TBX: the table is Vn..Vn+len (modulo 32), len in data; out-of-range
 * indexes give 0 (TBL) or leave the byte of Vd (TBX). */
static void tbl(CPUARMState *env, uint32_t desc, bool tbx)
{
    int nb = 8 << SIMD_Q(desc), len = SIMD_DATA(desc) + 1;
    ARMVReg tab[4], idx = env->vregs[SIMD_RM(desc)];
    ARMVReg vd = env->vregs[SIMD_RD(desc)];

    for (int t = 0; t < len; t++) {
        tab[t] = env->vregs[(SIMD_RN(desc) + t) % 32];
    }
    for (int i = 0; i < nb; i++) {
        unsigned x = (unsigned)velt(&idx, i, 0);

        if (x < 16u * len) {
            vset(&vd, i, 0, velt(&tab[x / 16], x % 16, 0));
        } else if (!tbx) {
            vset(&vd, i, 0, 0);
        }
    }
    vstore(env, desc, &vd);
}

void helper_simd_tbl(CPUARMState *env, uint32_t desc) { tbl(env, desc, false); }
void helper_simd_tbx(CPUARMState *env, uint32_t desc) { tbl(env, desc, true); }
SIMD_HELPER_INFO(tbl)
SIMD_HELPER_INFO(tbx)
