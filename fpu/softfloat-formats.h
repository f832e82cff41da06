/*
 * softfloat-formats.h — raw field access, unpacking and packing for each
 * concrete format (float16 ... floatx80).
 *
 * Internal to fpu/.  For every format T this gives T_sign/T_exp/T_frac
 * (raw fields; floatx80's fraction excludes the explicit integer bit),
 * T_make(sign, exp, frac), T_unpack(a, s) -> FloatParts and
 * T_pack(parts, s) -> T (rounding with s).
 */
#ifndef TURTLE_FPU_SOFTFLOAT_FORMATS_H
#define TURTLE_FPU_SOFTFLOAT_FORMATS_H

#include "fpu/softfloat-parts.h"

/* Formats that fit in an unsigned integer: float16, bfloat16, float32,
 * float64.  FMT is the FloatFmt used for arithmetic. */
#define SMALL_FORMAT(T, FMT, BITS)                                            \
    static inline bool T##_sign(T a) { return a >> ((BITS) - 1); }            \
    static inline int T##_exp(T a)                                            \
    {                                                                         \
        return (a >> (FMT).frac_size) & (FMT).exp_max;                        \
    }                                                                         \
    static inline u128 T##_frac(T a)                                          \
    {                                                                         \
        return a & ((((T)1) << (FMT).frac_size) - 1);                         \
    }                                                                         \
    static inline T T##_make(bool sign, int exp, u128 frac)                   \
    {                                                                         \
        return ((T)sign << ((BITS) - 1)) | ((T)exp << (FMT).frac_size) |      \
               (T)frac;                                                       \
    }                                                                         \
    static inline FloatParts T##_unpack_fmt(T a, const FloatFmt *fmt,         \
                                            FloatStatus *s)                   \
    {                                                                         \
        return parts_canonicalize(T##_sign(a), T##_exp(a), T##_frac(a),       \
                                  fmt, s);                                    \
    }                                                                         \
    static inline T T##_pack_fmt(FloatParts p, const FloatFmt *fmt,           \
                                 FloatStatus *s)                              \
    {                                                                         \
        parts_round_pack(&p, fmt, s);                                         \
        return T##_make(p.sign, p.exp, p.frac);                               \
    }                                                                         \
    static inline FloatParts T##_unpack(T a, FloatStatus *s)                  \
    {                                                                         \
        return T##_unpack_fmt(a, &(FMT), s);                                  \
    }                                                                         \
    static inline T T##_pack(FloatParts p, FloatStatus *s)                    \
    {                                                                         \
        return T##_pack_fmt(p, &(FMT), s);                                    \
    }

SMALL_FORMAT(float16, float16_fmt, 16)
SMALL_FORMAT(bfloat16, bfloat16_fmt, 16)
SMALL_FORMAT(float32, float32_fmt, 32)
SMALL_FORMAT(float64, float64_fmt, 64)

/* float16 as read and written by conversions: Arm's alternative half
 * precision when s->float16_althp is set. */
static inline FloatParts float16_unpack_conv(float16 a, FloatStatus *s)
{
    return float16_unpack_fmt(a, s->float16_althp ? &float16_ahp_fmt
                                                  : &float16_fmt, s);
}

float16 float16_pack_conv(FloatParts p, FloatStatus *s);

/* ---- float128 ---- */

static inline bool float128_sign(float128 a) { return a.hi >> 63; }
static inline int float128_exp(float128 a) { return (a.hi >> 48) & 0x7fff; }
static inline u128 float128_frac(float128 a)
{
    return ((u128)(a.hi & ((1ULL << 48) - 1)) << 64) | a.lo;
}
static inline float128 float128_make(bool sign, int exp, u128 frac)
{
    float128 r;
    r.hi = ((uint64_t)sign << 63) | ((uint64_t)exp << 48) |
           (uint64_t)(frac >> 64);
    r.lo = (uint64_t)frac;
    return r;
}
static inline FloatParts float128_unpack(float128 a, FloatStatus *s)
{
    return parts_canonicalize(float128_sign(a), float128_exp(a),
                              float128_frac(a), &float128_fmt, s);
}
static inline float128 float128_pack(FloatParts p, FloatStatus *s)
{
    parts_round_pack(&p, &float128_fmt, s);
    return float128_make(p.sign, p.exp, p.frac);
}

/* ---- floatx80 ---- */

static inline bool floatx80_sign(floatx80 a) { return a.high >> 15; }
static inline int floatx80_exp(floatx80 a) { return a.high & 0x7fff; }
/* The fraction without the explicit integer bit. */
static inline u128 floatx80_frac(floatx80 a)
{
    return a.low & ((1ULL << 63) - 1);
}
/* frac without integer bit; the integer bit is set for non-zero exponents. */
static inline floatx80 floatx80_make(bool sign, int exp, u128 frac)
{
    floatx80 r;
    r.high = (uint16_t)(((unsigned)sign << 15) | (unsigned)exp);
    r.low = (uint64_t)frac | (exp != 0 ? 1ULL << 63 : 0);
    return r;
}
static inline FloatParts floatx80_unpack(floatx80 a, FloatStatus *s)
{
    return parts_canonicalize(floatx80_sign(a), floatx80_exp(a), a.low,
                              &floatx80_fmt, s);
}
static inline floatx80 floatx80_pack(FloatParts p, FloatStatus *s)
{
    static const int prec[] = { 64, 53, 24 };
    int pc = s->floatx80_precision <= FLOATX80_PRECISION_24
             ? prec[s->floatx80_precision] : 64;
    parts_round_pack_prec(&p, &floatx80_fmt, pc, s);
    floatx80 r;
    r.high = (uint16_t)(((unsigned)p.sign << 15) | (unsigned)p.exp);
    r.low = (uint64_t)p.frac;
    return r;
}

#endif
