/*
 * softfloat.c — the public arithmetic entry points of the FP library.
 *
 * Each function unpacks its operands (softfloat-formats.h), runs the
 * shared core (softfloat-parts.c) and rounds once.  float32 and float64
 * add/sub/mul/div/sqrt/muladd first try the host FPU (softfloat-host.c
 * explains when that is exact); everything else is soft.
 */
#include "util/osdep.h"
#include "fpu/softfloat-formats.h"
#include "fpu/softfloat-host.h"

void float_status_init_ieee(FloatStatus *s)
{
    *s = (FloatStatus){ 0 };
}

void float_status_init_arm(FloatStatus *s)
{
    /* Arm ARM: FPProcessNaNs rule, positive default NaN (0x7fc00000),
     * tininess before rounding (FPRoundBase tests the unrounded exponent),
     * saturating float->integer conversions. */
    *s = (FloatStatus){ 0 };
    s->nan_rule = FLOAT_NAN_RULE_SNAN_FIRST;
    s->tininess = FLOAT_TININESS_BEFORE_ROUNDING;
    s->int_overflow = FLOAT_INT_SATURATE;
}

void float_status_init_x86_sse(FloatStatus *s)
{
    /* Intel SDM vol. 1, 4.8.3.7 (real indefinite 0xffc00000), 11.5.2.5
     * (tininess of the rounded result), 4.8.3.8 (integer indefinite). */
    *s = (FloatStatus){ 0 };
    s->nan_rule = FLOAT_NAN_RULE_FIRST_OPERAND;
    s->tininess = FLOAT_TININESS_AFTER_ROUNDING;
    s->default_nan_negative = true;
    s->int_overflow = FLOAT_INT_INDEFINITE;
    s->flush_to_zero_inexact = true;
}

/*
 * The operations every format shares.  SOFT is the name prefix: float32
 * and float64 build their soft paths as static T##_xxx_soft functions and
 * wrap them with the host fast path below.
 */
#define DEFINE_ARITH(T, SFX, LINK, PREC)                                      \
    LINK T T##_add##SFX(T a, T b, FloatStatus *s)                             \
    {                                                                         \
        return T##_pack(parts_addsub(T##_unpack(a, s), T##_unpack(b, s),      \
                                     false, s), s);                           \
    }                                                                         \
    LINK T T##_sub##SFX(T a, T b, FloatStatus *s)                             \
    {                                                                         \
        return T##_pack(parts_addsub(T##_unpack(a, s), T##_unpack(b, s),      \
                                     true, s), s);                            \
    }                                                                         \
    LINK T T##_mul##SFX(T a, T b, FloatStatus *s)                             \
    {                                                                         \
        return T##_pack(parts_mul(T##_unpack(a, s), T##_unpack(b, s), s), s); \
    }                                                                         \
    LINK T T##_div##SFX(T a, T b, FloatStatus *s)                             \
    {                                                                         \
        return T##_pack(parts_div(T##_unpack(a, s), T##_unpack(b, s),        \
                                  (PREC), s), s);                             \
    }                                                                         \
    LINK T T##_sqrt##SFX(T a, FloatStatus *s)                                 \
    {                                                                         \
        return T##_pack(parts_sqrt(T##_unpack(a, s), (PREC), s), s);          \
    }                                                                         \
    LINK T T##_muladd##SFX(T a, T b, T c, int flags, FloatStatus *s)          \
    {                                                                         \
        FloatParts pa = T##_unpack(a, s), pb = T##_unpack(b, s);              \
        FloatParts pc = T##_unpack(c, s);                                     \
        FloatParts r = parts_muladd(pa, pb, pc, flags, s);                    \
        T res = T##_pack(r, s);                                               \
        if ((flags & FLOAT_MULADD_NEGATE_RESULT) && !T##_is_nan(res)) {       \
            res = T##_chs(res);                                               \
        }                                                                     \
        return res;                                                           \
    }

#define DEFINE_COMMON(T, PREC)                                                \
    T T##_rem(T a, T b, FloatStatus *s)                                       \
    {                                                                         \
        return T##_pack(parts_rem(T##_unpack(a, s), T##_unpack(b, s), s), s); \
    }                                                                         \
    T T##_min(T a, T b, FloatStatus *s)                                       \
    {                                                                         \
        return T##_pack(parts_minmax(T##_unpack(a, s), T##_unpack(b, s),     \
                                     false, false, s), s);                    \
    }                                                                         \
    T T##_max(T a, T b, FloatStatus *s)                                       \
    {                                                                         \
        return T##_pack(parts_minmax(T##_unpack(a, s), T##_unpack(b, s),     \
                                     true, false, s), s);                     \
    }                                                                         \
    T T##_minnum(T a, T b, FloatStatus *s)                                    \
    {                                                                         \
        return T##_pack(parts_minmax(T##_unpack(a, s), T##_unpack(b, s),     \
                                     false, true, s), s);                     \
    }                                                                         \
    T T##_maxnum(T a, T b, FloatStatus *s)                                    \
    {                                                                         \
        return T##_pack(parts_minmax(T##_unpack(a, s), T##_unpack(b, s),     \
                                     true, true, s), s);                      \
    }                                                                         \
    FloatRelation T##_compare(T a, T b, FloatStatus *s)                       \
    {                                                                         \
        return parts_compare(T##_unpack(a, s), T##_unpack(b, s), false, s);   \
    }                                                                         \
    FloatRelation T##_compare_quiet(T a, T b, FloatStatus *s)                 \
    {                                                                         \
        return parts_compare(T##_unpack(a, s), T##_unpack(b, s), true, s);    \
    }                                                                         \
    T T##_round_to_int_mode(T a, FloatRoundMode mode, bool exact,             \
                            FloatStatus *s)                                   \
    {                                                                         \
        return T##_pack(parts_round_to_int(T##_unpack(a, s), mode, 0,         \
                                           (PREC) - 1, exact, s), s);         \
    }                                                                         \
    T T##_round_to_int(T a, FloatStatus *s)                                   \
    {                                                                         \
        return T##_round_to_int_mode(a, s->rounding_mode, true, s);           \
    }                                                                         \
    T T##_scalbn(T a, int n, FloatStatus *s)                                  \
    {                                                                         \
        return T##_pack(parts_scalbn(T##_unpack(a, s), n, s), s);             \
    }                                                                         \
    bool T##_is_nan(T a)                                                      \
    {                                                                         \
        return T##_exp(a) == T##_fmt_ptr()->exp_max && T##_frac(a) != 0;      \
    }                                                                         \
    bool T##_is_signaling_nan(T a, const FloatStatus *s)                      \
    {                                                                         \
        return T##_is_nan(a) &&                                               \
               parts_nan_class(T##_frac(a) << T##_fmt_ptr()->frac_shift, s)   \
                   == FLOAT_CLASS_SNAN;                                       \
    }                                                                         \
    bool T##_is_quiet_nan(T a, const FloatStatus *s)                          \
    {                                                                         \
        return T##_is_nan(a) && !T##_is_signaling_nan(a, s);                  \
    }                                                                         \
    bool T##_is_infinity(T a)                                                 \
    {                                                                         \
        return T##_exp(a) == T##_fmt_ptr()->exp_max && T##_frac(a) == 0;      \
    }                                                                         \
    bool T##_is_zero(T a)                                                     \
    {                                                                         \
        return T##_exp(a) == 0 && T##_frac(a) == 0 && !T##_int_bit(a);        \
    }                                                                         \
    bool T##_is_denormal(T a)                                                 \
    {                                                                         \
        return T##_exp(a) == 0 && (T##_frac(a) != 0 || T##_int_bit(a));       \
    }                                                                         \
    bool T##_is_zero_or_denormal(T a)                                         \
    {                                                                         \
        return T##_exp(a) == 0;                                               \
    }                                                                         \
    bool T##_is_neg(T a)                                                      \
    {                                                                         \
        return T##_sign(a);                                                   \
    }                                                                         \
    T T##_silence_nan(T a, const FloatStatus *s)                              \
    {                                                                         \
        const FloatFmt *fmt = T##_fmt_ptr();                                  \
        u128 f = parts_silence_frac(T##_frac(a) << fmt->frac_shift, s);       \
        return T##_make(T##_sign(a), T##_exp(a), f >> fmt->frac_shift);       \
    }                                                                         \
    T T##_default_nan(const FloatStatus *s)                                   \
    {                                                                         \
        const FloatFmt *fmt = T##_fmt_ptr();                                  \
        FloatParts p = parts_default_nan(s);                                  \
        return T##_make(p.sign, fmt->exp_max, p.frac >> fmt->frac_shift);     \
    }                                                                         \
    FloatClass T##_classify(T a, const FloatStatus *s)                        \
    {                                                                         \
        FloatStatus tmp = *s;                                                 \
        tmp.flush_inputs_to_zero = false;                                     \
        return T##_unpack(a, &tmp).cls;                                       \
    }

/* Format descriptors and the x87 integer bit, for the generic predicates. */
static inline const FloatFmt *float16_fmt_ptr(void) { return &float16_fmt; }
static inline const FloatFmt *bfloat16_fmt_ptr(void) { return &bfloat16_fmt; }
static inline const FloatFmt *float32_fmt_ptr(void) { return &float32_fmt; }
static inline const FloatFmt *float64_fmt_ptr(void) { return &float64_fmt; }
static inline const FloatFmt *float128_fmt_ptr(void) { return &float128_fmt; }
static inline const FloatFmt *floatx80_fmt_ptr(void) { return &floatx80_fmt; }
static inline bool float16_int_bit(float16 a) { (void)a; return false; }
static inline bool bfloat16_int_bit(bfloat16 a) { (void)a; return false; }
static inline bool float32_int_bit(float32 a) { (void)a; return false; }
static inline bool float64_int_bit(float64 a) { (void)a; return false; }
static inline bool float128_int_bit(float128 a) { (void)a; return false; }
static inline bool floatx80_int_bit(floatx80 a) { return a.low >> 63; }

float16 float16_abs(float16 a) { return a & 0x7fff; }
float16 float16_chs(float16 a) { return a ^ 0x8000; }
bfloat16 bfloat16_abs(bfloat16 a) { return a & 0x7fff; }
bfloat16 bfloat16_chs(bfloat16 a) { return a ^ 0x8000; }
float32 float32_abs(float32 a) { return a & 0x7fffffffu; }
float32 float32_chs(float32 a) { return a ^ 0x80000000u; }
float64 float64_abs(float64 a) { return a & INT64_MAX; }
float64 float64_chs(float64 a) { return a ^ (1ULL << 63); }
float128 float128_abs(float128 a) { a.hi &= INT64_MAX; return a; }
float128 float128_chs(float128 a) { a.hi ^= 1ULL << 63; return a; }
floatx80 floatx80_abs(floatx80 a) { a.high &= 0x7fff; return a; }
floatx80 floatx80_chs(floatx80 a) { a.high ^= 0x8000; return a; }

DEFINE_ARITH(float16, , , 11)
DEFINE_ARITH(bfloat16, , , 8)
DEFINE_ARITH(float32, _soft, static, 24)
DEFINE_ARITH(float64, _soft, static, 53)
DEFINE_ARITH(float128, , , 113)
DEFINE_ARITH(floatx80, , , 64)

DEFINE_COMMON(float16, 11)
DEFINE_COMMON(bfloat16, 8)
DEFINE_COMMON(float32, 24)
DEFINE_COMMON(float64, 53)
DEFINE_COMMON(float128, 113)
DEFINE_COMMON(floatx80, 64)

bool floatx80_invalid_encoding(floatx80 a)
{
    return (a.low >> 63) == 0 && floatx80_exp(a) != 0;
}

/* ---- float32 / float64 with the host fast path ---- */

#define DEFINE_FAST(T)                                                        \
    T T##_add(T a, T b, FloatStatus *s)                                       \
    {                                                                         \
        T r;                                                                  \
        if (host_fpu_usable(s) && T##_host_add(a, b, false, s, &r)) {         \
            return r;                                                         \
        }                                                                     \
        return T##_add_soft(a, b, s);                                         \
    }                                                                         \
    T T##_sub(T a, T b, FloatStatus *s)                                       \
    {                                                                         \
        T r;                                                                  \
        if (host_fpu_usable(s) && T##_host_add(a, b, true, s, &r)) {          \
            return r;                                                         \
        }                                                                     \
        return T##_sub_soft(a, b, s);                                         \
    }                                                                         \
    T T##_mul(T a, T b, FloatStatus *s)                                       \
    {                                                                         \
        T r;                                                                  \
        if (host_fpu_usable(s) && T##_host_mul(a, b, s, &r)) {                \
            return r;                                                         \
        }                                                                     \
        return T##_mul_soft(a, b, s);                                         \
    }                                                                         \
    T T##_div(T a, T b, FloatStatus *s)                                       \
    {                                                                         \
        T r;                                                                  \
        if (host_fpu_usable(s) && T##_host_div(a, b, s, &r)) {                \
            return r;                                                         \
        }                                                                     \
        return T##_div_soft(a, b, s);                                         \
    }                                                                         \
    T T##_sqrt(T a, FloatStatus *s)                                           \
    {                                                                         \
        T r;                                                                  \
        if (host_fpu_usable(s) && T##_host_sqrt(a, s, &r)) {                  \
            return r;                                                         \
        }                                                                     \
        return T##_sqrt_soft(a, s);                                           \
    }                                                                         \
    T T##_muladd(T a, T b, T c, int flags, FloatStatus *s)                    \
    {                                                                         \
        T r;                                                                  \
        if (host_fpu_usable(s) && T##_host_muladd(a, b, c, flags, s, &r)) {   \
            return r;                                                         \
        }                                                                     \
        return T##_muladd_soft(a, b, c, flags, s);                            \
    }

DEFINE_FAST(float32)
DEFINE_FAST(float64)

/* ---- Unpacked access for target-specific code ---- */

static void to_unpacked(FloatParts p, FloatUnpacked *u)
{
    u->cls = p.cls;
    u->sign = p.sign;
    if (p.cls == FLOAT_CLASS_NORMAL) {
        u->exp = p.exp;
        u->frac = (uint64_t)(p.frac >> 63);
    } else {
        u->exp = 0;
        u->frac = (uint64_t)(p.frac >> 63);
    }
}

static FloatParts from_unpacked(const FloatUnpacked *u, FloatStatus *s)
{
    FloatParts p = { .cls = u->cls, .sign = u->sign, .exp = u->exp,
                     .frac = (u128)u->frac << 63 };
    if (p.cls == FLOAT_CLASS_NORMAL) {
        if (u->frac == 0) {
            p.cls = FLOAT_CLASS_ZERO;
        } else {
            int k = clz128(p.frac) - 1;
            p.frac <<= k;
            p.exp -= k;
        }
    } else if (p.cls == FLOAT_CLASS_QNAN || p.cls == FLOAT_CLASS_SNAN) {
        p = parts_default_nan(s);
    }
    return p;
}

#define DEFINE_UNPACKED(T)                                                    \
    void T##_to_unpacked(T a, FloatUnpacked *u, FloatStatus *s)               \
    {                                                                         \
        to_unpacked(T##_unpack(a, s), u);                                     \
    }                                                                         \
    T T##_round_unpacked(const FloatUnpacked *u, FloatStatus *s)              \
    {                                                                         \
        return T##_pack(from_unpacked(u, s), s);                              \
    }

DEFINE_UNPACKED(float16)
DEFINE_UNPACKED(bfloat16)
DEFINE_UNPACKED(float32)
DEFINE_UNPACKED(float64)
