/*
 * helper-fp.c — A64 floating-point helpers, scalar and Advanced SIMD:
 * arithmetic, fused multiply-add, min/max, compares, conversions between
 * precisions and to/from integers and fixed point, FRINT*, and the
 * reciprocal (square root) estimate and step instructions.
 *
 * Every operation goes through softfloat with a FloatStatus built from
 * FPCR (rounding mode, FZ / FZ16, DN, AHP) and folds the exception flags
 * it raised into the cumulative FPSR bits (Arm ARM C5.2.8).  Trapped FP
 * exceptions are not implemented (FPCR trap enables read as zero), so no
 * helper here raises a guest exception.
 *
 * One element function per operation serves the scalar FP instruction
 * (FADD Sd, Sn, Sm), its AdvSIMD scalar form and the vector form: the
 * descriptor (vec-internal.h) says how many elements to process.
 */
#include "util/osdep.h"
#include "target/arm/vec-internal.h"
#include "fpu/softfloat-host.h"

/* ---------------------------------------------------------------------- */
/* FPCR and FPSR                                                           */

FloatRoundMode arm_rmode_to_float(int rm)
{
    switch (rm) {
    case ARM_RM_P:
        return FLOAT_ROUND_UP;
    case ARM_RM_M:
        return FLOAT_ROUND_DOWN;
    case ARM_RM_Z:
        return FLOAT_ROUND_TO_ZERO;
    case ARM_RM_A:
        return FLOAT_ROUND_TIES_AWAY;
    case ARM_RM_ODD:
        return FLOAT_ROUND_TO_ODD;
    default:
        return FLOAT_ROUND_NEAREST_EVEN;
    }
}

void arm_fp_status(CPUARMState *env, FloatStatus *st, int esz)
{
    uint32_t fpcr = env->fpcr;
    bool fz = esz == 1 ? (fpcr & FPCR_FZ16) : (fpcr & FPCR_FZ);

    float_status_init_arm(st);
    st->rounding_mode = arm_rmode_to_float((fpcr >> FPCR_RMODE_SHIFT) & 3);
    /* FZ: denormal inputs and tiny results become zeros; a flushed input
     * sets IDC, a flushed result UFC (not IXC). */
    st->flush_to_zero = fz;
    st->flush_inputs_to_zero = fz;
    st->default_nan_mode = fpcr & FPCR_DN;
    st->float16_althp = fpcr & FPCR_AHP;
    st->no_host_fpu = arm_fp_soft_only;
    /* FPSR.IXC is cumulative: once the guest has it, every later result
     * may skip the exactness check (the host fast paths test this flag;
     * arm_fp_finish only ORs it back). */
    if (env->fpsr & FPSR_IXC) {
        st->flags |= FLOAT_FLAG_INEXACT;
    }
}

void arm_fp_finish(CPUARMState *env, const FloatStatus *st)
{
    unsigned f = st->flags;
    uint32_t r = 0;

    if (f & FLOAT_FLAG_INVALID) {
        r |= FPSR_IOC;
    }
    if (f & FLOAT_FLAG_DIVBYZERO) {
        r |= FPSR_DZC;
    }
    if (f & FLOAT_FLAG_OVERFLOW) {
        r |= FPSR_OFC;
    }
    if (f & (FLOAT_FLAG_UNDERFLOW | FLOAT_FLAG_OUTPUT_DENORMAL)) {
        r |= FPSR_UFC;
    }
    if (f & FLOAT_FLAG_INEXACT) {
        r |= FPSR_IXC;
    }
    if (f & FLOAT_FLAG_INPUT_DENORMAL) {
        r |= FPSR_IDC;
    }
    env->fpsr |= r;
}

/* ---------------------------------------------------------------------- */
/* Host fast paths of the hot single/double operations                     */

bool arm_fp_soft_only;

/*
 * The common state of FP-heavy guest code: FPCR.RMode round to nearest,
 * FPSR.IXC already set.  Then a result the host FPU computes from normal
 * or zero operands, when it is normal or an exact zero, is the
 * architected one and raises no new flag (softfloat-host.h); FZ, DN and
 * AHP cannot matter (no denormal, NaN or half-precision value is
 * involved).  The fast helpers below check that once, then run every
 * element on the host and commit the results only when all elements
 * qualified: otherwise nothing was written and the generic loop redoes the
 * operation (so operands aliasing the destination are harmless).
 * fpu_host_has_fma is required too: the element loops are compiled for
 * the host FMA.
 */
static inline bool fp_fast_ok(CPUARMState *env)
{
    return FPU_HOST_FAST && fpu_host_has_fma && !arm_fp_soft_only &&
           !(env->fpcr & (3u << FPCR_RMODE_SHIFT)) &&
           (env->fpsr & FPSR_IXC);
}

enum { FAST_ADD, FAST_SUB, FAST_MUL, FAST_DIV, FAST_MLA, FAST_MADD };

/*
 * One operation on the NEL elements of T (float32 or float64) the
 * descriptor names.  FAST_MLA: Vd += (Vn ^ neg) * Vm (or Vm[idx]);
 * FAST_MADD (scalar FMADD family): Vd = (Va ^ nega) + (Vn ^ neg) * Vm.
 * The result is element-wise with the unused part of Vd zeroed, as
 * vstore() does.
 *
 * Operands are read one element at a time and the results kept in
 * scalars: the generated code stores V registers 64 bits at a time, and a
 * wider load of freshly stored data (a copy of the whole register, or of
 * a local array of results) stalls the host's store forwarding.
 */
#define DEFINE_FP_FAST(T, UT)                                                \
    static inline __attribute__((always_inline)) UT                          \
    fast_elt_##T(const ARMVReg *v, int i)                                    \
    {                                                                        \
        UT x;                                                                \
        memcpy(&x, (const uint8_t *)v + i * sizeof(UT), sizeof(UT));         \
        return x;                                                            \
    }                                                                        \
    static inline __attribute__((always_inline)) bool                        \
    fast_lane_##T(const ARMVReg *vn, const ARMVReg *vm, const ARMVReg *va,   \
                  int op, UT neg, UT nega, bool idx, UT mi, int i, UT *r)    \
    {                                                                        \
        UT x = fast_elt_##T(vn, i);                                          \
        UT y = idx ? mi : fast_elt_##T(vm, i);                               \
                                                                             \
        switch (op) {                                                        \
        case FAST_ADD:                                                       \
            return T##_host_add_ix(x, y, false, r);                          \
        case FAST_SUB:                                                       \
            return T##_host_add_ix(x, y, true, r);                           \
        case FAST_MUL:                                                       \
            return T##_host_mul_ix(x, y, r);                                 \
        case FAST_DIV:                                                       \
            return T##_host_div_ix(x, y, r);                                 \
        default:                                                             \
            return T##_host_muladd_ix(x ^ neg, y, fast_elt_##T(va, i) ^ nega, \
                                      r);                                    \
        }                                                                    \
    }                                                                        \
    static inline __attribute__((always_inline)) bool                        \
    fast_n_##T(CPUARMState *env, uint32_t desc, int op, UT neg, UT nega,     \
               bool idx, const int NEL)                                      \
    {                                                                        \
        const ARMVReg *vn = &env->vregs[SIMD_RN(desc)];                      \
        const ARMVReg *vm = &env->vregs[SIMD_RM(desc)];                      \
        const ARMVReg *va = &env->vregs[op == FAST_MADD ? SIMD_RA(desc)      \
                                                        : SIMD_RD(desc)];    \
        UT r0 = 0, r1 = 0, r2 = 0, r3 = 0, mi = 0;                           \
                                                                             \
        if (idx) {                                                           \
            mi = fast_elt_##T(vm, SIMD_DATA(desc) & (16 / sizeof(UT) - 1));  \
        }                                                                    \
        if (!fast_lane_##T(vn, vm, va, op, neg, nega, idx, mi, 0, &r0) ||    \
            (NEL > 1 &&                                                      \
             !fast_lane_##T(vn, vm, va, op, neg, nega, idx, mi, 1, &r1)) ||  \
            (NEL > 2 &&                                                      \
             !fast_lane_##T(vn, vm, va, op, neg, nega, idx, mi, 2, &r2)) ||  \
            (NEL > 3 &&                                                      \
             !fast_lane_##T(vn, vm, va, op, neg, nega, idx, mi, 3, &r3))) {  \
            return false;                                                    \
        }                                                                    \
        ARMVReg *vd = &env->vregs[SIMD_RD(desc)];                            \
        if (sizeof(UT) == 8) {                                               \
            vd->d[0] = r0;                                                   \
            vd->d[1] = r1;                                                   \
        } else {                                                             \
            vd->d[0] = r0 | (uint64_t)r1 << 32;                              \
            vd->d[1] = r2 | (uint64_t)r3 << 32;                              \
        }                                                                    \
        return true;                                                         \
    }                                                                        \
    static inline __attribute__((always_inline)) bool                        \
    fast_##T(CPUARMState *env, uint32_t desc, int op, UT neg, UT nega,       \
             bool idx)                                                       \
    {                                                                        \
        if (SIMD_SCALAR(desc)) {                                             \
            return fast_n_##T(env, desc, op, neg, nega, idx, 1);             \
        }                                                                    \
        if (SIMD_Q(desc)) {                                                  \
            return fast_n_##T(env, desc, op, neg, nega, idx,                 \
                              16 / sizeof(UT));                              \
        }                                                                    \
        return fast_n_##T(env, desc, op, neg, nega, idx, 8 / sizeof(UT));    \
    }

DEFINE_FP_FAST(float32, uint32_t)
DEFINE_FP_FAST(float64, uint64_t)

#define DEFINE_FAST_OP(name, op, idx)                                        \
    static FPU_HOST_FMA_TARGET bool fast_##name(CPUARMState *env,            \
                                                uint32_t desc, bool neg,     \
                                                bool nega)                   \
    {                                                                        \
        switch (SIMD_ESZ(desc)) {                                            \
        case 2:                                                              \
            return fast_float32(env, desc, op, neg ? 1u << 31 : 0,           \
                                nega ? 1u << 31 : 0, idx);                   \
        case 3:                                                              \
            return fast_float64(env, desc, op, neg ? 1ull << 63 : 0,         \
                                nega ? 1ull << 63 : 0, idx);                 \
        default:                                                             \
            return false;                                                    \
        }                                                                    \
    }

DEFINE_FAST_OP(add, FAST_ADD, false)
DEFINE_FAST_OP(sub, FAST_SUB, false)
DEFINE_FAST_OP(mul, FAST_MUL, false)
DEFINE_FAST_OP(div, FAST_DIV, false)
DEFINE_FAST_OP(mul_idx, FAST_MUL, true)
DEFINE_FAST_OP(mla, FAST_MLA, false)
DEFINE_FAST_OP(mla_idx, FAST_MLA, true)
DEFINE_FAST_OP(madd, FAST_MADD, false)

/* ---------------------------------------------------------------------- */
/* Element operations, by element size (1 half, 2 single, 3 double)        */

#define FP_DISPATCH2(fn, a, b, esz, st)                                     \
    ((esz) == 1 ? (uint64_t)float16_##fn((float16)(a), (float16)(b), st) :  \
     (esz) == 2 ? (uint64_t)float32_##fn((float32)(a), (float32)(b), st) :  \
                  (uint64_t)float64_##fn((float64)(a), (float64)(b), st))

#define FP_OP2(name, fn)                                                    \
    static uint64_t fe_##name(uint64_t a, uint64_t b, int esz,              \
                              FloatStatus *st)                              \
    {                                                                       \
        return FP_DISPATCH2(fn, a, b, esz, st);                             \
    }

FP_OP2(add, add)
FP_OP2(sub, sub)
FP_OP2(mul, mul)
FP_OP2(div, div)
FP_OP2(max, max)
FP_OP2(min, min)
FP_OP2(maxnm, maxnum)
FP_OP2(minnm, minnum)

static uint64_t sign_bit(int esz)
{
    return 1ull << ((8 << esz) - 1);
}

static bool fe_is_nan(uint64_t a, int esz)
{
    switch (esz) {
    case 1:
        return float16_is_nan((float16)a);
    case 2:
        return float32_is_nan((float32)a);
    default:
        return float64_is_nan(a);
    }
}

static bool fe_is_inf(uint64_t a, int esz)
{
    switch (esz) {
    case 1:
        return float16_is_infinity((float16)a);
    case 2:
        return float32_is_infinity((float32)a);
    default:
        return float64_is_infinity(a);
    }
}

/* Zero after input flushing (a denormal counts when FZ flushes it, which
 * then sets IDC as FPUnpack does). */
static bool fe_is_zero_in(uint64_t a, int esz, FloatStatus *st)
{
    bool zero, denorm;

    switch (esz) {
    case 1:
        zero = float16_is_zero((float16)a);
        denorm = float16_is_denormal((float16)a);
        break;
    case 2:
        zero = float32_is_zero((float32)a);
        denorm = float32_is_denormal((float32)a);
        break;
    default:
        zero = float64_is_zero(a);
        denorm = float64_is_denormal(a);
        break;
    }
    if (denorm && st->flush_inputs_to_zero) {
        float_raise(st, FLOAT_FLAG_INPUT_DENORMAL);
        return true;
    }
    return zero;
}

static uint64_t fe_muladd(uint64_t a, uint64_t b, uint64_t c, int flags,
                          int esz, FloatStatus *st)
{
    switch (esz) {
    case 1:
        return float16_muladd((float16)a, (float16)b, (float16)c, flags, st);
    case 2:
        return float32_muladd((float32)a, (float32)b, (float32)c, flags, st);
    default:
        return float64_muladd(a, b, c, flags, st);
    }
}

/* FNMUL: FPNeg(FPMul()), the rounded product negated, NaN results
 * included (Arm ARM C7.2 FNMUL (scalar)). */
static uint64_t fe_nmul(uint64_t a, uint64_t b, int esz, FloatStatus *st)
{
    return fe_mul(a, b, esz, st) ^ sign_bit(esz);
}

/* FABD: FPAbs(FPSub()), which clears the sign of a NaN result too. */
static uint64_t fe_abd(uint64_t a, uint64_t b, int esz, FloatStatus *st)
{
    return fe_sub(a, b, esz, st) & ~sign_bit(esz);
}

enum { FC_TWO, FC_ONE_HALF, FC_INF };

static uint64_t fe_const(int esz, bool neg, int v)
{
    /* Only 2.0, 1.5 and infinity are needed: exact in every format. */
    uint64_t r;

    switch (esz) {
    case 1:
        r = v == FC_TWO ? 0x4000 : v == FC_ONE_HALF ? 0x3e00 : 0x7c00;
        break;
    case 2:
        r = v == FC_TWO ? 0x40000000 : v == FC_ONE_HALF ? 0x3fc00000 : 0x7f800000;
        break;
    default:
        r = v == FC_TWO ? 0x4000000000000000ull :
            v == FC_ONE_HALF ? 0x3ff8000000000000ull : 0x7ff0000000000000ull;
        break;
    }
    return neg ? r | sign_bit(esz) : r;
}

/* FMULX: FMUL, except that infinity times zero is 2.0 with the sign of
 * the product (Arm ARM FPMulX). */
static uint64_t fe_mulx(uint64_t a, uint64_t b, int esz, FloatStatus *st)
{
    if (!fe_is_nan(a, esz) && !fe_is_nan(b, esz)) {
        bool neg = ((a ^ b) & sign_bit(esz)) != 0;

        if ((fe_is_inf(a, esz) && fe_is_zero_in(b, esz, st)) ||
            (fe_is_inf(b, esz) && fe_is_zero_in(a, esz, st))) {
            return fe_const(esz, neg, FC_TWO);
        }
    }
    return fe_mul(a, b, esz, st);
}

/* FRECPS: 2.0 - a * b, fused (FPRecipStepFused); FRSQRTS: (3.0 - a * b)
 * / 2 (FPRSqrtStepFused).  op1 is negated first, NaN or not. */
static uint64_t fe_step(uint64_t a, uint64_t b, int esz, FloatStatus *st,
                        bool rsqrt)
{
    a ^= sign_bit(esz);
    if (!fe_is_nan(a, esz) && !fe_is_nan(b, esz)) {
        bool ainf = fe_is_inf(a, esz), binf = fe_is_inf(b, esz);
        bool azero = fe_is_zero_in(a, esz, st);
        bool bzero = fe_is_zero_in(b, esz, st);

        if ((ainf && bzero) || (binf && azero)) {
            return fe_const(esz, false, rsqrt ? FC_ONE_HALF : FC_TWO);
        }
        if (ainf || binf) {
            return fe_const(esz, ((a ^ b) & sign_bit(esz)) != 0, FC_INF);
        }
    }
    if (rsqrt) {
        uint64_t three = esz == 1 ? 0x4200 : esz == 2 ? 0x40400000 :
                         0x4008000000000000ull;
        return fe_muladd(a, b, three, FLOAT_MULADD_HALVE_RESULT, esz, st);
    }
    return fe_muladd(a, b, fe_const(esz, false, FC_TWO), 0, esz, st);
}

static uint64_t fe_recps(uint64_t a, uint64_t b, int esz, FloatStatus *st)
{
    return fe_step(a, b, esz, st, false);
}

static uint64_t fe_rsqrts(uint64_t a, uint64_t b, int esz, FloatStatus *st)
{
    return fe_step(a, b, esz, st, true);
}

static FloatRelation fe_compare(uint64_t a, uint64_t b, int esz,
                                bool signalling, FloatStatus *st)
{
    switch (esz) {
    case 1:
        return signalling ? float16_compare((float16)a, (float16)b, st)
                          : float16_compare_quiet((float16)a, (float16)b, st);
    case 2:
        return signalling ? float32_compare((float32)a, (float32)b, st)
                          : float32_compare_quiet((float32)a, (float32)b, st);
    default:
        return signalling ? float64_compare(a, b, st)
                          : float64_compare_quiet(a, b, st);
    }
}

static uint64_t fe_cmeq(uint64_t a, uint64_t b, int esz, FloatStatus *st)
{
    return fe_compare(a, b, esz, false, st) == FLOAT_RELATION_EQUAL ?
           vmask(esz) : 0;
}

static uint64_t fe_cmge(uint64_t a, uint64_t b, int esz, FloatStatus *st)
{
    FloatRelation r = fe_compare(a, b, esz, true, st);

    return (r == FLOAT_RELATION_EQUAL || r == FLOAT_RELATION_GREATER) ?
           vmask(esz) : 0;
}

static uint64_t fe_cmgt(uint64_t a, uint64_t b, int esz, FloatStatus *st)
{
    return fe_compare(a, b, esz, true, st) == FLOAT_RELATION_GREATER ?
           vmask(esz) : 0;
}

static uint64_t fe_acge(uint64_t a, uint64_t b, int esz, FloatStatus *st)
{
    return fe_cmge(a & ~sign_bit(esz), b & ~sign_bit(esz), esz, st);
}

static uint64_t fe_acgt(uint64_t a, uint64_t b, int esz, FloatStatus *st)
{
    return fe_cmgt(a & ~sign_bit(esz), b & ~sign_bit(esz), esz, st);
}

/* Compares with zero: b is the zero operand. */
static uint64_t fe_cmle(uint64_t a, uint64_t b, int esz, FloatStatus *st)
{
    return fe_cmge(b, a, esz, st);
}

static uint64_t fe_cmlt(uint64_t a, uint64_t b, int esz, FloatStatus *st)
{
    return fe_cmgt(b, a, esz, st);
}

typedef uint64_t FpOp2Fn(uint64_t a, uint64_t b, int esz, FloatStatus *st);

/* ---------------------------------------------------------------------- */
/* Two- and three-operand element loops                                    */

static inline void fp_loop2(CPUARMState *env, uint32_t desc, FpOp2Fn *op)
{
    FloatStatus st;
    int esz = SIMD_ESZ(desc), n = simd_nelem(desc);
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vm = env->vregs[SIMD_RM(desc)];
    ARMVReg vd = env->vregs[SIMD_RD(desc)];

    arm_fp_status(env, &st, esz);
    for (int i = 0; i < n; i++) {
        vset(&vd, i, esz, op(velt(&vn, i, esz), velt(&vm, i, esz), esz, &st));
    }
    vstore(env, desc, &vd);
    arm_fp_finish(env, &st);
}

/* By element: the second operand is element data of Vm. */
static inline void fp_loop2_idx(CPUARMState *env, uint32_t desc, FpOp2Fn *op)
{
    FloatStatus st;
    int esz = SIMD_ESZ(desc), n = simd_nelem(desc);
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vm = env->vregs[SIMD_RM(desc)];
    ARMVReg vd = env->vregs[SIMD_RD(desc)];
    uint64_t m = velt(&vm, SIMD_DATA(desc), esz);

    arm_fp_status(env, &st, esz);
    for (int i = 0; i < n; i++) {
        vset(&vd, i, esz, op(velt(&vn, i, esz), m, esz, &st));
    }
    vstore(env, desc, &vd);
    arm_fp_finish(env, &st);
}

/* Compares with zero. */
static inline void fp_loop_zero(CPUARMState *env, uint32_t desc, FpOp2Fn *op)
{
    FloatStatus st;
    int esz = SIMD_ESZ(desc), n = simd_nelem(desc);
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vd = vn;

    arm_fp_status(env, &st, esz);
    for (int i = 0; i < n; i++) {
        vset(&vd, i, esz, op(velt(&vn, i, esz), 0, esz, &st));
    }
    vstore(env, desc, &vd);
    arm_fp_finish(env, &st);
}

#define FP_HELPER2(name, op)                                                \
    void helper_simd_##name(CPUARMState *env, uint32_t desc)                \
    {                                                                       \
        fp_loop2(env, desc, op);                                            \
    }                                                                       \
    SIMD_HELPER_INFO(name)

/* With a host fast path (fast_FAST) tried first. */
#define FP_HELPER2_FAST(name, op, FAST)                                     \
    void helper_simd_##name(CPUARMState *env, uint32_t desc)                \
    {                                                                       \
        if (fp_fast_ok(env) && fast_##FAST(env, desc, false, false)) {      \
            return;                                                         \
        }                                                                   \
        fp_loop2(env, desc, op);                                            \
    }                                                                       \
    SIMD_HELPER_INFO(name)

FP_HELPER2_FAST(fadd, fe_add, add)
FP_HELPER2_FAST(fsub, fe_sub, sub)
FP_HELPER2_FAST(fmul, fe_mul, mul)
FP_HELPER2_FAST(fdiv, fe_div, div)
FP_HELPER2(fmax, fe_max)
FP_HELPER2(fmin, fe_min)
FP_HELPER2(fmaxnm, fe_maxnm)
FP_HELPER2(fminnm, fe_minnm)
FP_HELPER2(fnmul, fe_nmul)
FP_HELPER2(fabd, fe_abd)
FP_HELPER2(fmulx, fe_mulx)
FP_HELPER2(frecps, fe_recps)
FP_HELPER2(frsqrts, fe_rsqrts)
FP_HELPER2(fcmeq, fe_cmeq)
FP_HELPER2(fcmge, fe_cmge)
FP_HELPER2(fcmgt, fe_cmgt)
FP_HELPER2(facge, fe_acge)
FP_HELPER2(facgt, fe_acgt)

#define FP_HELPER_IDX(name, op)                                             \
    void helper_simd_##name(CPUARMState *env, uint32_t desc)                \
    {                                                                       \
        fp_loop2_idx(env, desc, op);                                        \
    }                                                                       \
    SIMD_HELPER_INFO(name)

void helper_simd_fmul_idx(CPUARMState *env, uint32_t desc)
{
    if (fp_fast_ok(env) && fast_mul_idx(env, desc, false, false)) {
        return;
    }
    fp_loop2_idx(env, desc, fe_mul);
}
SIMD_HELPER_INFO(fmul_idx)

FP_HELPER_IDX(fmulx_idx, fe_mulx)

#define FP_HELPER_ZERO(name, op)                                            \
    void helper_simd_##name(CPUARMState *env, uint32_t desc)                \
    {                                                                       \
        fp_loop_zero(env, desc, op);                                        \
    }                                                                       \
    SIMD_HELPER_INFO(name)

FP_HELPER_ZERO(fcmeq0, fe_cmeq)
FP_HELPER_ZERO(fcmge0, fe_cmge)
FP_HELPER_ZERO(fcmgt0, fe_cmgt)
FP_HELPER_ZERO(fcmle0, fe_cmle)
FP_HELPER_ZERO(fcmlt0, fe_cmlt)

/* FMLA / FMLS (vector and by element): Vd = Vd + (+/-Vn) * Vm, fused. */
static void fp_mla(CPUARMState *env, uint32_t desc, bool neg, bool idx)
{
    FloatStatus st;
    int esz = SIMD_ESZ(desc), n = simd_nelem(desc);
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vm = env->vregs[SIMD_RM(desc)];
    ARMVReg vd = env->vregs[SIMD_RD(desc)];
    uint64_t neg_mask = neg ? sign_bit(esz) : 0;

    arm_fp_status(env, &st, esz);
    for (int i = 0; i < n; i++) {
        uint64_t m = velt(&vm, idx ? (int)SIMD_DATA(desc) : i, esz);
        vset(&vd, i, esz, fe_muladd(velt(&vn, i, esz) ^ neg_mask, m,
                                    velt(&vd, i, esz), 0, esz, &st));
    }
    vstore(env, desc, &vd);
    arm_fp_finish(env, &st);
}

#define FP_HELPER_MLA(name, neg, idx, FAST)                                 \
    void helper_simd_##name(CPUARMState *env, uint32_t desc)                \
    {                                                                       \
        if (fp_fast_ok(env) && fast_##FAST(env, desc, neg, false)) {        \
            return;                                                         \
        }                                                                   \
        fp_mla(env, desc, neg, idx);                                        \
    }

FP_HELPER_MLA(fmla, false, false, mla)
FP_HELPER_MLA(fmls, true, false, mla)
FP_HELPER_MLA(fmla_idx, false, true, mla_idx)
FP_HELPER_MLA(fmls_idx, true, true, mla_idx)
SIMD_HELPER_INFO(fmla)
SIMD_HELPER_INFO(fmls)
SIMD_HELPER_INFO(fmla_idx)
SIMD_HELPER_INFO(fmls_idx)

/* FMADD family (scalar): Vd = (+/-Va) + (+/-Vn) * Vm.  The negations are
 * FPNeg of the inputs, as the Arm ARM writes them (NaN signs included). */
static void fp_madd(CPUARMState *env, uint32_t desc, bool neg_a, bool neg_n)
{
    FloatStatus st;
    int esz = SIMD_ESZ(desc);
    uint64_t sb = sign_bit(esz);
    uint64_t a = velt(&env->vregs[SIMD_RA(desc)], 0, esz);
    uint64_t n = velt(&env->vregs[SIMD_RN(desc)], 0, esz);
    uint64_t m = velt(&env->vregs[SIMD_RM(desc)], 0, esz);
    ARMVReg vd = { { 0, 0 } };

    arm_fp_status(env, &st, esz);
    vset(&vd, 0, esz, fe_muladd(neg_n ? n ^ sb : n, m, neg_a ? a ^ sb : a,
                                0, esz, &st));
    env->vregs[SIMD_RD(desc)] = vd;
    arm_fp_finish(env, &st);
}

#define FP_HELPER_MADD(name, neg_a, neg_n)                                  \
    void helper_simd_##name(CPUARMState *env, uint32_t desc)                \
    {                                                                       \
        if (fp_fast_ok(env) && fast_madd(env, desc, neg_n, neg_a)) {        \
            return;                                                         \
        }                                                                   \
        fp_madd(env, desc, neg_a, neg_n);                                   \
    }

FP_HELPER_MADD(fmadd, false, false)
FP_HELPER_MADD(fmsub, false, true)
FP_HELPER_MADD(fnmadd, true, true)
FP_HELPER_MADD(fnmsub, true, false)
SIMD_HELPER_INFO(fmadd)
SIMD_HELPER_INFO(fmsub)
SIMD_HELPER_INFO(fnmadd)
SIMD_HELPER_INFO(fnmsub)

/* ---------------------------------------------------------------------- */
/* Pairwise and across lanes                                               */

static void fp_pairwise(CPUARMState *env, uint32_t desc, FpOp2Fn *op)
{
    FloatStatus st;
    int esz = SIMD_ESZ(desc);
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vm = env->vregs[SIMD_RM(desc)];
    ARMVReg vd = { { 0, 0 } };

    arm_fp_status(env, &st, esz);
    if (SIMD_SCALAR(desc)) {
        vset(&vd, 0, esz, op(velt(&vn, 0, esz), velt(&vn, 1, esz), esz, &st));
    } else {
        int n = simd_nelem(desc), half = n / 2;

        for (int i = 0; i < n; i++) {
            const ARMVReg *src = i < half ? &vn : &vm;
            int j = 2 * (i < half ? i : i - half);
            vset(&vd, i, esz, op(velt(src, j, esz), velt(src, j + 1, esz),
                                 esz, &st));
        }
    }
    vstore(env, desc, &vd);
    arm_fp_finish(env, &st);
}

#define FP_HELPER_PAIR(name, op)                                            \
    void helper_simd_##name(CPUARMState *env, uint32_t desc)                \
    {                                                                       \
        fp_pairwise(env, desc, op);                                         \
    }                                                                       \
    SIMD_HELPER_INFO(name)

FP_HELPER_PAIR(faddp, fe_add)
FP_HELPER_PAIR(fmaxp, fe_max)
FP_HELPER_PAIR(fminp, fe_min)
FP_HELPER_PAIR(fmaxnmp, fe_maxnm)
FP_HELPER_PAIR(fminnmp, fe_minnm)

/* Reduce() of the Arm ARM: a balanced tree, low half first. */
static uint64_t fp_reduce(const ARMVReg *v, int lo, int n, int esz,
                          FpOp2Fn *op, FloatStatus *st)
{
    if (n == 1) {
        return velt(v, lo, esz);
    }
    uint64_t a = fp_reduce(v, lo, n / 2, esz, op, st);
    uint64_t b = fp_reduce(v, lo + n / 2, n / 2, esz, op, st);
    return op(a, b, esz, st);
}

static void fp_across(CPUARMState *env, uint32_t desc, FpOp2Fn *op)
{
    FloatStatus st;
    int esz = SIMD_ESZ(desc);
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vd = { { 0, 0 } };

    arm_fp_status(env, &st, esz);
    vset(&vd, 0, esz, fp_reduce(&vn, 0, simd_nelem(desc), esz, op, &st));
    env->vregs[SIMD_RD(desc)] = vd;
    arm_fp_finish(env, &st);
}

#define FP_HELPER_ACROSS(name, op)                                          \
    void helper_simd_##name(CPUARMState *env, uint32_t desc)                \
    {                                                                       \
        fp_across(env, desc, op);                                           \
    }                                                                       \
    SIMD_HELPER_INFO(name)

FP_HELPER_ACROSS(fmaxv, fe_max)
FP_HELPER_ACROSS(fminv, fe_min)
FP_HELPER_ACROSS(fmaxnmv, fe_maxnm)
FP_HELPER_ACROSS(fminnmv, fe_minnm)

/* ---------------------------------------------------------------------- */
/* One-operand element operations                                          */

typedef uint64_t FpOp1Fn(uint64_t a, int esz, unsigned data, FloatStatus *st);

static void fp_loop1(CPUARMState *env, uint32_t desc, FpOp1Fn *op)
{
    FloatStatus st;
    int esz = SIMD_ESZ(desc), n = simd_nelem(desc);
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vd = vn;

    arm_fp_status(env, &st, esz);
    for (int i = 0; i < n; i++) {
        vset(&vd, i, esz, op(velt(&vn, i, esz), esz, SIMD_DATA(desc), &st));
    }
    vstore(env, desc, &vd);
    arm_fp_finish(env, &st);
}

static uint64_t fe_sqrt(uint64_t a, int esz, unsigned data, FloatStatus *st)
{
    switch (esz) {
    case 1:
        return float16_sqrt((float16)a, st);
    case 2:
        return float32_sqrt((float32)a, st);
    default:
        return float64_sqrt(a, st);
    }
}

static uint64_t fe_recpe(uint64_t a, int esz, unsigned data, FloatStatus *st)
{
    return arm_fp_recpe(a, esz, st);
}

static uint64_t fe_rsqrte(uint64_t a, int esz, unsigned data, FloatStatus *st)
{
    return arm_fp_rsqrte(a, esz, st);
}

static uint64_t fe_recpx(uint64_t a, int esz, unsigned data, FloatStatus *st)
{
    return arm_fp_recpx(a, esz, st);
}

/* FRINT*: data = ARM_RM_* mode (ARM_RM_CURRENT: FPCR's) | exact << 3. */
static FloatRoundMode data_rmode(unsigned data, FloatStatus *st)
{
    int rm = data & 7;

    return rm == ARM_RM_CURRENT ? (FloatRoundMode)st->rounding_mode
                                : arm_rmode_to_float(rm);
}

static uint64_t fe_rint(uint64_t a, int esz, unsigned data, FloatStatus *st)
{
    FloatRoundMode m = data_rmode(data, st);
    bool exact = data & 8;

    switch (esz) {
    case 1:
        return float16_round_to_int_mode((float16)a, m, exact, st);
    case 2:
        return float32_round_to_int_mode((float32)a, m, exact, st);
    default:
        return float64_round_to_int_mode(a, m, exact, st);
    }
}

/*
 * FRINT32* / FRINT64* (FPRoundIntN): round to an integral value that fits
 * in a 32/64-bit signed integer; NaN, infinity or out of range give the
 * most negative integer and Invalid; inexact results raise Inexact.
 */
static uint64_t fe_rintn(uint64_t a, int esz, unsigned data, FloatStatus *st,
                         int bits)
{
    FloatRoundMode m = data_rmode(data, st);
    unsigned saved = st->flags;
    uint64_t r;
    bool bad;

    if (esz == 2) {
        r = float32_round_to_int_mode((float32)a, m, true, st);
    } else {
        r = float64_round_to_int_mode(a, m, true, st);
    }
    if (fe_is_nan(a, esz) || fe_is_inf(a, esz)) {
        bad = true;
    } else if (esz == 2) {
        FloatStatus t = *st;
        int64_t v;

        t.flags = 0;
        v = bits == 32 ? float32_to_int32_round_to_zero((float32)r, &t)
                               : float32_to_int64_round_to_zero((float32)r, &t);
        bad = t.flags & FLOAT_FLAG_INVALID;
        (void)v;
    } else {
        FloatStatus t = *st;
        int64_t v;

        t.flags = 0;
        v = bits == 32 ? float64_to_int32_round_to_zero(r, &t)
                               : float64_to_int64_round_to_zero(r, &t);
        bad = t.flags & FLOAT_FLAG_INVALID;
        (void)v;
    }
    if (bad) {
        st->flags = saved | FLOAT_FLAG_INVALID;
        if (esz == 2) {
            return bits == 32 ? 0xcf000000u : 0xdf000000u;
        }
        return bits == 32 ? 0xc1e0000000000000ull : 0xc3e0000000000000ull;
    }
    return r;
}

static uint64_t fe_rint32(uint64_t a, int esz, unsigned data, FloatStatus *st)
{
    return fe_rintn(a, esz, data, st, 32);
}

static uint64_t fe_rint64(uint64_t a, int esz, unsigned data, FloatStatus *st)
{
    return fe_rintn(a, esz, data, st, 64);
}

/* FCVT{N,P,M,Z,A}{S,U} (vector): data = rmode | u << 3; result of the
 * element's size. */
static uint64_t fe_to_int(uint64_t a, int esz, FloatRoundMode m, int scale,
                          bool u, FloatStatus *st)
{
    switch (esz) {
    case 1:
        return u ? (uint16_t)float16_to_uint16_scalbn((float16)a, m, scale, st)
                 : (uint16_t)float16_to_int16_scalbn((float16)a, m, scale, st);
    case 2:
        return u ? (uint32_t)float32_to_uint32_scalbn((float32)a, m, scale, st)
                 : (uint32_t)float32_to_int32_scalbn((float32)a, m, scale, st);
    default:
        return u ? float64_to_uint64_scalbn(a, m, scale, st)
                 : (uint64_t)float64_to_int64_scalbn(a, m, scale, st);
    }
}

static uint64_t fe_cvt_to_int(uint64_t a, int esz, unsigned data,
                              FloatStatus *st)
{
    return fe_to_int(a, esz, arm_rmode_to_float(data & 7), 0, data & 8, st);
}

static uint64_t fe_from_int(uint64_t a, int esz, bool u, int scale,
                            FloatStatus *st)
{
    switch (esz) {
    case 1:
        return u ? uint64_to_float16_scalbn(a & 0xffff, scale, st)
                 : int64_to_float16_scalbn((int16_t)a, scale, st);
    case 2:
        return u ? uint64_to_float32_scalbn(a & 0xffffffffu, scale, st)
                 : int64_to_float32_scalbn((int32_t)a, scale, st);
    default:
        return u ? uint64_to_float64_scalbn(a, scale, st)
                 : int64_to_float64_scalbn((int64_t)a, scale, st);
    }
}

/* SCVTF/UCVTF (vector, integer): data = u. */
static uint64_t fe_cvtf_from_int(uint64_t a, int esz, unsigned data,
                                 FloatStatus *st)
{
    return fe_from_int(a, esz, data & 1, 0, st);
}

/* Fixed point: data = fbits. */
static uint64_t fe_fcvtzs_fix(uint64_t a, int esz, unsigned data, FloatStatus *st)
{
    return fe_to_int(a, esz, FLOAT_ROUND_TO_ZERO, (int)data, false, st);
}

static uint64_t fe_fcvtzu_fix(uint64_t a, int esz, unsigned data, FloatStatus *st)
{
    return fe_to_int(a, esz, FLOAT_ROUND_TO_ZERO, (int)data, true, st);
}

static uint64_t fe_scvtf_fix(uint64_t a, int esz, unsigned data, FloatStatus *st)
{
    return fe_from_int(a, esz, false, -(int)data, st);
}

static uint64_t fe_ucvtf_fix(uint64_t a, int esz, unsigned data, FloatStatus *st)
{
    return fe_from_int(a, esz, true, -(int)data, st);
}

static uint64_t fe_urecpe(uint64_t a, int esz, unsigned data, FloatStatus *st)
{
    return arm_urecpe((uint32_t)a);
}

static uint64_t fe_ursqrte(uint64_t a, int esz, unsigned data, FloatStatus *st)
{
    return arm_ursqrte((uint32_t)a);
}

#define FP_HELPER1(name, op)                                                \
    void helper_simd_##name(CPUARMState *env, uint32_t desc)                \
    {                                                                       \
        fp_loop1(env, desc, op);                                            \
    }                                                                       \
    SIMD_HELPER_INFO(name)

FP_HELPER1(fsqrt, fe_sqrt)
FP_HELPER1(frecpe, fe_recpe)
FP_HELPER1(frsqrte, fe_rsqrte)
FP_HELPER1(frecpx, fe_recpx)
FP_HELPER1(frint, fe_rint)
FP_HELPER1(frint32, fe_rint32)
FP_HELPER1(frint64, fe_rint64)
FP_HELPER1(fcvt_to_int, fe_cvt_to_int)
FP_HELPER1(cvtf_from_int, fe_cvtf_from_int)
FP_HELPER1(fcvtzs_fix, fe_fcvtzs_fix)
FP_HELPER1(fcvtzu_fix, fe_fcvtzu_fix)
FP_HELPER1(scvtf_fix, fe_scvtf_fix)
FP_HELPER1(ucvtf_fix, fe_ucvtf_fix)
FP_HELPER1(urecpe, fe_urecpe)
FP_HELPER1(ursqrte, fe_ursqrte)

/* ---------------------------------------------------------------------- */
/* Conversions between precisions                                          */

/*
 * FPConvert (Arm ARM): half-precision operands and results are never
 * flushed (FPUnpackCV / FPRoundCV ignore FZ16), single and double ones
 * follow FZ; AHP selects the alternative half format.  The FloatStatus
 * flushes only when no half-precision value is involved; a single/double
 * input denormal is flushed here for conversions to half.
 */
static uint64_t fp_convert(uint64_t a, int from, int to, CPUARMState *env,
                           FloatStatus *st)
{
    bool fz = env->fpcr & FPCR_FZ;

    if (from == 1 || to == 1) {
        st->flush_to_zero = false;
        st->flush_inputs_to_zero = false;
        if (from != 1 && fz) {
            bool den = from == 2 ? float32_is_denormal((float32)a)
                                 : float64_is_denormal(a);
            if (den) {
                a &= sign_bit(from);
                float_raise(st, FLOAT_FLAG_INPUT_DENORMAL);
            }
        }
    } else {
        st->flush_to_zero = fz;
        st->flush_inputs_to_zero = fz;
    }
    if (to == 1 && st->float16_althp && fe_is_nan(a, from)) {
        /* FPConvert: a NaN has no alternative-half encoding; the result is
         * a zero of the NaN's sign, with Invalid. */
        float_raise(st, FLOAT_FLAG_INVALID);
        return (a & sign_bit(from)) ? 0x8000 : 0;
    }
    switch (from * 4 + to) {
    case 1 * 4 + 2:
        return float16_to_float32((float16)a, st);
    case 1 * 4 + 3:
        return float16_to_float64((float16)a, st);
    case 2 * 4 + 1:
        return float32_to_float16((float32)a, st);
    case 2 * 4 + 3:
        return float32_to_float64((float32)a, st);
    case 3 * 4 + 1:
        return float64_to_float16(a, st);
    case 3 * 4 + 2:
        return float64_to_float32(a, st);
    default:
        return a;
    }
}

/* FCVT (scalar): esz is the source size, data the destination size. */
void helper_simd_fcvt_prec(CPUARMState *env, uint32_t desc)
{
    FloatStatus st;
    int from = SIMD_ESZ(desc), to = SIMD_DATA(desc) & 3;
    ARMVReg vd = { { 0, 0 } };

    /* Single to double is exact for normal numbers and zeros (any FPCR,
     * no flag); double to single is rounded alike on the host under
     * round-to-nearest when the result is normal, inexact checked. */
    if (FPU_HOST_FAST && !arm_fp_soft_only) {
        ARMVReg *d = &env->vregs[SIMD_RD(desc)];

        if (from == 2 && to == 3) {
            float32 a = (float32)env->vregs[SIMD_RN(desc)].d[0];

            if (float32_zon(a)) {
                d->d[0] = float64_from_host((double)float32_to_host(a));
                d->d[1] = 0;
                return;
            }
        } else if (from == 3 && to == 2 &&
                   !(env->fpcr & (3u << FPCR_RMODE_SHIFT))) {
            float64 a = env->vregs[SIMD_RN(desc)].d[0];
            double h = float64_to_host(a);
            float f = (float)h;
            float af = __builtin_fabsf(f);

            if (float64_zon(a) && ((af > FLT_MIN && af <= FLT_MAX) ||
                                   float64_zero_bits(a))) {
                if ((double)f != h) {
                    env->fpsr |= FPSR_IXC;
                }
                d->d[0] = float32_from_host(f);
                d->d[1] = 0;
                return;
            }
        }
    }
    arm_fp_status(env, &st, from);
    vset(&vd, 0, to, fp_convert(velt(&env->vregs[SIMD_RN(desc)], 0, from),
                                from, to, env, &st));
    env->vregs[SIMD_RD(desc)] = vd;
    arm_fp_finish(env, &st);
}
SIMD_HELPER_INFO(fcvt_prec)

/* FCVTN(2) / FCVTXN(2): esz is the destination size; the results fill
 * the low half (q=0, upper half zeroed) or the high half (q=1, low half
 * kept).  The scalar FCVTXN writes element 0 only. */
static void fp_narrow(CPUARMState *env, uint32_t desc, bool odd)
{
    FloatStatus st;
    int esz = SIMD_ESZ(desc), n = 8 >> esz;
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vd = env->vregs[SIMD_RD(desc)];

    arm_fp_status(env, &st, esz + 1);
    if (odd) {
        st.rounding_mode = FLOAT_ROUND_TO_ODD;
    }
    if (SIMD_SCALAR(desc)) {
        ARMVReg r = { { 0, 0 } };
        vset(&r, 0, esz, fp_convert(velt(&vn, 0, esz + 1), esz + 1, esz,
                                    env, &st));
        env->vregs[SIMD_RD(desc)] = r;
        arm_fp_finish(env, &st);
        return;
    }
    for (int i = 0; i < n; i++) {
        int j = SIMD_Q(desc) ? i + n : i;
        vset(&vd, j, esz, fp_convert(velt(&vn, i, esz + 1), esz + 1, esz,
                                     env, &st));
    }
    if (!SIMD_Q(desc)) {
        vd.d[1] = 0;
    }
    env->vregs[SIMD_RD(desc)] = vd;
    arm_fp_finish(env, &st);
}

void helper_simd_fcvtn(CPUARMState *env, uint32_t desc) { fp_narrow(env, desc, false); }
void helper_simd_fcvtxn(CPUARMState *env, uint32_t desc) { fp_narrow(env, desc, true); }
SIMD_HELPER_INFO(fcvtn)
SIMD_HELPER_INFO(fcvtxn)

/* FCVTL(2): esz is the destination size; the sources are the low (q=0)
 * or high (q=1) half of Vn. */
void helper_simd_fcvtl(CPUARMState *env, uint32_t desc)
{
    FloatStatus st;
    int esz = SIMD_ESZ(desc), n = 16 >> esz;
    ARMVReg vn = env->vregs[SIMD_RN(desc)], vd;

    arm_fp_status(env, &st, esz - 1);
    for (int i = 0; i < n; i++) {
        int j = SIMD_Q(desc) ? i + n : i;
        vset(&vd, i, esz, fp_convert(velt(&vn, j, esz - 1), esz - 1, esz,
                                     env, &st));
    }
    env->vregs[SIMD_RD(desc)] = vd;
    arm_fp_finish(env, &st);
}
SIMD_HELPER_INFO(fcvtl)

/* ---------------------------------------------------------------------- */
/* Scalar helpers with other shapes                                        */

/* NZCV of a compare of two ordered host values. */
#define FP_HOST_NZCV(x, y)                                                  \
    ((x) < (y) ? PSTATE_N : (x) == (y) ? PSTATE_Z | PSTATE_C : PSTATE_C)

uint32_t helper_simd_fcmp(CPUARMState *env, uint32_t desc)
{
    FloatStatus st;
    int esz = SIMD_ESZ(desc);
    uint64_t a = velt(&env->vregs[SIMD_RN(desc)], 0, esz);
    uint64_t b = (SIMD_DATA(desc) & 2) ? 0 :
                 velt(&env->vregs[SIMD_RM(desc)], 0, esz);
    uint32_t nzcv;

    /* Normal numbers and zeros compare on the host under any FPCR,
     * raising nothing (no NaN, no denormal for FZ to flush). */
    if (FPU_HOST_FAST && !arm_fp_soft_only) {
        if (esz == 3 && float64_zon(a) && float64_zon(b)) {
            return FP_HOST_NZCV(float64_to_host(a), float64_to_host(b));
        }
        if (esz == 2 && float32_zon((float32)a) && float32_zon((float32)b)) {
            return FP_HOST_NZCV(float32_to_host((float32)a),
                                float32_to_host((float32)b));
        }
    }
    arm_fp_status(env, &st, esz);
    switch (fe_compare(a, b, esz, SIMD_DATA(desc) & 1, &st)) {
    case FLOAT_RELATION_EQUAL:
        nzcv = PSTATE_Z | PSTATE_C;
        break;
    case FLOAT_RELATION_LESS:
        nzcv = PSTATE_N;
        break;
    case FLOAT_RELATION_GREATER:
        nzcv = PSTATE_C;
        break;
    default:
        nzcv = PSTATE_C | PSTATE_V;
        break;
    }
    arm_fp_finish(env, &st);
    return nzcv;
}

const TCGHelperInfo helper_info_simd_fcmp = {
    .func = (void *)helper_simd_fcmp, .name = "simd_fcmp",
    .flags = TCG_CALL_NO_RWG, .has_ret = true, .ret_type = TCG_TYPE_I32,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32 },
};

uint64_t helper_simd_fcvt_gen(CPUARMState *env, uint32_t desc)
{
    FloatStatus st;
    int esz = SIMD_ESZ(desc);
    unsigned data = SIMD_DATA(desc);
    bool u = data & 8, sf = data & 16;
    int fbits = SIMD_RA(desc) | (((data >> 5) & 3) << 5);
    FloatRoundMode m = arm_rmode_to_float(data & 7);
    uint64_t a = velt(&env->vregs[SIMD_RN(desc)], 0, esz);
    uint64_t r;

    /* FCVTZS: a normal number or zero in range truncates on the host
     * under any FPCR; the only flag is inexact. */
    if (FPU_HOST_FAST && !arm_fp_soft_only && (data & 7) == ARM_RM_Z &&
        !u && fbits == 0 && (esz == 2 || esz == 3)) {
        bool ok, exact;
        int64_t i;

        if (esz == 3) {
            double h = float64_to_host(a);
            ok = float64_zon(a) && __builtin_fabs(h) < (sf ? 0x1p63 : 0x1p31);
            i = ok ? (int64_t)h : 0;
            exact = (double)i == h;
        } else {
            float h = float32_to_host((float32)a);
            ok = float32_zon((float32)a) &&
                 __builtin_fabsf(h) < (sf ? 0x1p63f : 0x1p31f);
            i = ok ? (int64_t)h : 0;
            exact = (float)i == h;
        }
        if (ok) {
            if (!exact) {
                env->fpsr |= FPSR_IXC;
            }
            return sf ? (uint64_t)i : (uint32_t)i;
        }
    }
    arm_fp_status(env, &st, esz);
    switch (esz * 4 + (sf ? 2 : 0) + (u ? 1 : 0)) {
#define CV(E, T, F) case E * 4 + 2: \
        r = (uint64_t)T##_to_int64_scalbn((T)a, m, fbits, &st); break; \
    case E * 4 + 3: r = T##_to_uint64_scalbn((T)a, m, fbits, &st); break; \
    case E * 4 + 0: \
        r = (uint32_t)T##_to_int32_scalbn((T)a, m, fbits, &st); break; \
    case E * 4 + 1: \
        r = T##_to_uint32_scalbn((T)a, m, fbits, &st); break;
    CV(1, float16, h)
    CV(2, float32, s)
    CV(3, float64, d)
#undef CV
    default:
        r = 0;
        break;
    }
    arm_fp_finish(env, &st);
    return r;
}

const TCGHelperInfo helper_info_simd_fcvt_gen = {
    .func = (void *)helper_simd_fcvt_gen, .name = "simd_fcvt_gen",
    .flags = TCG_CALL_NO_RWG, .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32 },
};

void helper_simd_cvtf_gen(CPUARMState *env, uint64_t val, uint32_t desc)
{
    FloatStatus st;
    int esz = SIMD_ESZ(desc);
    unsigned data = SIMD_DATA(desc);
    bool u = data & 1, sf = data & 2;
    int fbits = SIMD_RA(desc) | (((data >> 2) & 3) << 5);
    ARMVReg vd = { { 0, 0 } };
    uint64_t r;

    if (!sf) {
        val = u ? (uint32_t)val : (uint64_t)(int64_t)(int32_t)val;
    }
    /* SCVTF/UCVTF of an integer: exact on the host when it fits the
     * significand (any FPCR, no flag), and rounded alike under
     * round-to-nearest once FPSR.IXC is set (no overflow is possible). */
    if (FPU_HOST_FAST && !arm_fp_soft_only && fbits == 0 &&
        (esz == 2 || esz == 3)) {
        int sig = esz == 3 ? 53 : 24;
        bool exact = u ? val <= (1ull << sig)
                       : val + (1ull << sig) <= (2ull << sig);

        if (exact || (!(env->fpcr & (3u << FPCR_RMODE_SHIFT)) &&
                      (env->fpsr & FPSR_IXC))) {
            if (esz == 3) {
                r = float64_from_host(u ? (double)val : (double)(int64_t)val);
            } else {
                r = float32_from_host(u ? (float)val : (float)(int64_t)val);
            }
            env->vregs[SIMD_RD(desc)].d[0] = r;
            env->vregs[SIMD_RD(desc)].d[1] = 0;
            return;
        }
    }
    arm_fp_status(env, &st, esz);
    switch (esz) {
    case 1:
        r = u ? uint64_to_float16_scalbn(val, -fbits, &st)
              : int64_to_float16_scalbn((int64_t)val, -fbits, &st);
        break;
    case 2:
        r = u ? uint64_to_float32_scalbn(val, -fbits, &st)
              : int64_to_float32_scalbn((int64_t)val, -fbits, &st);
        break;
    default:
        r = u ? uint64_to_float64_scalbn(val, -fbits, &st)
              : int64_to_float64_scalbn((int64_t)val, -fbits, &st);
        break;
    }
    vset(&vd, 0, esz, r);
    env->vregs[SIMD_RD(desc)] = vd;
    arm_fp_finish(env, &st);
}

const TCGHelperInfo helper_info_simd_cvtf_gen = {
    .func = (void *)helper_simd_cvtf_gen, .name = "simd_cvtf_gen",
    .flags = TCG_CALL_NO_RWG, .has_ret = false,
    .nb_args = 3, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I32 },
};

/*
 * FJCVTZS (FEAT_JSCVT, Arm ARM FPToFixedJS): the double rounded toward
 * zero, modulo 2^32.  Z is set when the conversion was exact, in the int32
 * range and not of a negative zero (or of a denormal flushed by FZ).
 * NaN and infinity give 0 with Invalid.
 */
uint64_t helper_simd_fjcvtzs(CPUARMState *env, uint64_t val)
{
    FloatStatus st;
    int exp = (int)((val >> 52) & 0x7ff);
    uint64_t frac = val & ((1ull << 52) - 1);
    bool neg = val >> 63;
    uint32_t result = 0;
    bool z = true;

    arm_fp_status(env, &st, 3);
    if (exp == 0x7ff) {
        float_raise(&st, FLOAT_FLAG_INVALID);
        z = false;
    } else if (exp == 0) {
        if (frac != 0 && st.flush_inputs_to_zero) {
            float_raise(&st, FLOAT_FLAG_INPUT_DENORMAL);
            z = false;
        } else if (frac != 0) {
            float_raise(&st, FLOAT_FLAG_INEXACT);
            z = false;
        } else if (neg) {
            z = false;
        }
    } else {
        /* |value| = m * 2^sh */
        uint64_t m = frac | (1ull << 52);
        int sh = exp - 1075;
        bool inexact = false, overflow;
        uint64_t mag;           /* |int_result| modulo 2^64 */

        if (sh >= 64) {
            mag = 0;
            overflow = true;
        } else if (sh >= 0) {
            mag = m << sh;          /* >= 2^52: always out of range */
            overflow = true;
        } else if (sh > -64) {
            mag = m >> -sh;
            inexact = (m & ((1ull << -sh) - 1)) != 0;
            overflow = mag > (neg ? (1ull << 31) : (1ull << 31) - 1);
        } else {
            mag = 0;
            inexact = true;
            overflow = false;
        }
        result = (uint32_t)(neg ? -mag : mag);
        if (overflow) {
            float_raise(&st, FLOAT_FLAG_INVALID);
            z = false;
        } else if (inexact) {
            float_raise(&st, FLOAT_FLAG_INEXACT);
            z = false;
        }
    }
    arm_fp_finish(env, &st);
    return (uint64_t)result | (z ? (uint64_t)PSTATE_Z << 32 : 0);
}

const TCGHelperInfo helper_info_simd_fjcvtzs = {
    .func = (void *)helper_simd_fjcvtzs, .name = "simd_fjcvtzs",
    .flags = TCG_CALL_NO_RWG, .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64 },
};

/* ---------------------------------------------------------------------- */
/* Reciprocal and reciprocal square root estimates (Arm ARM J1,            */
/* shared/functions/float/fprecipestimate, fprsqrtestimate, fprecpx)       */

unsigned arm_recip_estimate(unsigned a)
{
    /* a is 0.5 <= x < 1.0 in units of 1/512: take the midpoint of its
     * interval, divide, round to nearest. */
    unsigned b;

    a = a * 2 + 1;
    b = (1u << 19) / a;
    return (b + 1) / 2;
}

unsigned arm_recip_sqrt_estimate(unsigned a)
{
    unsigned b;

    if (a < 256) {
        a = a * 2 + 1;          /* 0.25 .. 0.5 in units of 1/512 */
    } else {
        a = (a >> 1) << 1;      /* 0.5 .. 1.0 in units of 1/256 */
        a = (a + 1) * 2;
    }
    b = 512;
    while ((uint64_t)a * (b + 1) * (b + 1) < (1ull << 28)) {
        b++;
    }
    return (b + 1) / 2;
}

typedef struct FpFormat {
    int ebits, fbits;
} FpFormat;

static FpFormat fp_format(int esz)
{
    return esz == 1 ? (FpFormat){ 5, 10 } :
           esz == 2 ? (FpFormat){ 8, 23 } : (FpFormat){ 11, 52 };
}

/* FPProcessNaN: a quietened (Invalid if it was signalling), or the
 * default NaN under FPCR.DN. */
static uint64_t fe_process_nan(uint64_t a, int esz, FloatStatus *st)
{
    switch (esz) {
    case 1:
        if (float16_is_signaling_nan((float16)a, st)) {
            float_raise(st, FLOAT_FLAG_INVALID);
            a = float16_silence_nan((float16)a, st);
        }
        return st->default_nan_mode ? float16_default_nan(st) : a;
    case 2:
        if (float32_is_signaling_nan((float32)a, st)) {
            float_raise(st, FLOAT_FLAG_INVALID);
            a = float32_silence_nan((float32)a, st);
        }
        return st->default_nan_mode ? float32_default_nan(st) : a;
    default:
        if (float64_is_signaling_nan(a, st)) {
            float_raise(st, FLOAT_FLAG_INVALID);
            a = float64_silence_nan(a, st);
        }
        return st->default_nan_mode ? float64_default_nan(st) : a;
    }
}

static uint64_t fe_default_nan(int esz, FloatStatus *st)
{
    return esz == 1 ? float16_default_nan(st) :
           esz == 2 ? float32_default_nan(st) : float64_default_nan(st);
}

uint64_t arm_fp_recpe(uint64_t a, int esz, FloatStatus *st)
{
    FpFormat f = fp_format(esz);
    int n = 8 << esz;
    uint64_t sign = a & sign_bit(esz);
    int exp = (int)((a >> f.fbits) & ((1u << f.ebits) - 1));
    uint64_t frac = a & ((1ull << f.fbits) - 1);
    int emax = (1 << f.ebits) - 1;
    uint64_t fraction;
    int result_exp;
    unsigned scaled, estimate;

    if (exp == emax && frac) {
        return fe_process_nan(a, esz, st);
    }
    if (exp == emax) {
        return sign;                                    /* 1/inf = 0 */
    }
    if (exp == 0 && (frac == 0 || st->flush_inputs_to_zero)) {
        if (frac) {
            float_raise(st, FLOAT_FLAG_INPUT_DENORMAL);
        }
        float_raise(st, FLOAT_FLAG_DIVBYZERO);
        return sign | ((uint64_t)emax << f.fbits);     /* infinity */
    }
    if (exp == 0 && (frac >> (f.fbits - 2)) == 0) {
        /* |x| < 2^-(emax-1+... ): the reciprocal overflows. */
        bool to_inf;

        switch (st->rounding_mode) {
        case FLOAT_ROUND_UP:
            to_inf = !sign;
            break;
        case FLOAT_ROUND_DOWN:
            to_inf = sign;
            break;
        case FLOAT_ROUND_TO_ZERO:
            to_inf = false;
            break;
        default:
            to_inf = true;
            break;
        }
        float_raise(st, FLOAT_FLAG_OVERFLOW | FLOAT_FLAG_INEXACT);
        return to_inf ? sign | ((uint64_t)emax << f.fbits)
                      : sign | (((uint64_t)emax << f.fbits) - 1);
    }
    if (st->flush_to_zero && exp >= emax - 2) {
        /* The result would be tiny: flushed to zero, UFC. */
        float_raise(st, FLOAT_FLAG_UNDERFLOW);
        return sign;
    }
    /* 52-bit fraction as the double-precision pseudocode has it. */
    fraction = frac << (52 - f.fbits);
    if (exp == 0) {
        if (!((fraction >> 51) & 1)) {
            exp = -1;
            fraction = (fraction << 2) & ((1ull << 52) - 1);
        } else {
            fraction = (fraction << 1) & ((1ull << 52) - 1);
        }
    }
    scaled = 0x100 | (unsigned)(fraction >> 44);
    /* result_exp = 2 * bias - 1 - exp (29, 253, 2045) */
    result_exp = 2 * ((1 << (f.ebits - 1)) - 1) - 1 - exp;
    estimate = arm_recip_estimate(scaled);
    fraction = (uint64_t)(estimate & 0xff) << 44;
    if (result_exp == 0) {
        fraction = (1ull << 51) | (fraction >> 1);
    } else if (result_exp == -1) {
        fraction = (1ull << 50) | (fraction >> 2);
        result_exp = 0;
    }
    (void)n;
    return sign | ((uint64_t)result_exp << f.fbits) |
           (fraction >> (52 - f.fbits));
}

uint64_t arm_fp_rsqrte(uint64_t a, int esz, FloatStatus *st)
{
    FpFormat f = fp_format(esz);
    uint64_t sign = a & sign_bit(esz);
    int exp = (int)((a >> f.fbits) & ((1u << f.ebits) - 1));
    uint64_t frac = a & ((1ull << f.fbits) - 1);
    int emax = (1 << f.ebits) - 1;
    uint64_t fraction;
    int result_exp;
    unsigned scaled, estimate;

    if (exp == emax && frac) {
        return fe_process_nan(a, esz, st);
    }
    if (exp == 0 && (frac == 0 || st->flush_inputs_to_zero)) {
        if (frac) {
            float_raise(st, FLOAT_FLAG_INPUT_DENORMAL);
        }
        float_raise(st, FLOAT_FLAG_DIVBYZERO);
        return sign | ((uint64_t)emax << f.fbits);
    }
    if (sign) {
        float_raise(st, FLOAT_FLAG_INVALID);
        return fe_default_nan(esz, st);
    }
    if (exp == emax) {
        return 0;
    }
    fraction = frac << (52 - f.fbits);
    if (exp == 0) {
        while (!((fraction >> 51) & 1)) {
            fraction = (fraction << 1) & ((1ull << 52) - 1);
            exp--;
        }
        fraction = (fraction << 1) & ((1ull << 52) - 1);
    }
    if (!(exp & 1)) {
        scaled = 0x100 | (unsigned)(fraction >> 44);
    } else {
        scaled = 0x80 | (unsigned)(fraction >> 45);
    }
    /* (3 * bias - 1 - exp) / 2, with floor division (exp may be < 0). */
    {
        int num = 3 * ((1 << (f.ebits - 1)) - 1) - 1 - exp;
        result_exp = num / 2;
    }
    estimate = arm_recip_sqrt_estimate(scaled);
    return ((uint64_t)result_exp << f.fbits) |
           ((uint64_t)(estimate & 0xff) << (f.fbits - 8));
}

uint64_t arm_fp_recpx(uint64_t a, int esz, FloatStatus *st)
{
    FpFormat f = fp_format(esz);
    uint64_t sign = a & sign_bit(esz);
    int exp = (int)((a >> f.fbits) & ((1u << f.ebits) - 1));
    uint64_t frac = a & ((1ull << f.fbits) - 1);
    int emax = (1 << f.ebits) - 1;

    if (exp == emax && frac) {
        return fe_process_nan(a, esz, st);
    }
    if (exp == 0 && frac && st->flush_inputs_to_zero) {
        float_raise(st, FLOAT_FLAG_INPUT_DENORMAL);
    }
    if (exp == 0) {
        return sign | ((uint64_t)(emax - 1) << f.fbits);
    }
    return sign | ((uint64_t)(~exp & emax) << f.fbits);
}

uint32_t arm_urecpe(uint32_t a)
{
    if (!(a >> 31)) {
        return 0xffffffffu;
    }
    return (uint32_t)arm_recip_estimate(a >> 23) << 23;
}

uint32_t arm_ursqrte(uint32_t a)
{
    if (!(a >> 30)) {
        return 0xffffffffu;
    }
    return (uint32_t)arm_recip_sqrt_estimate(a >> 23) << 23;
}
