/*
 * softfloat-convert.c — conversions between FP formats and to/from
 * integers (including fixed point with a binary scale).
 *
 * Format conversions unpack, quieten a NaN keeping the top of its payload
 * (IEEE 754-2008 6.2.3; Arm FPConvertNaN), and round once.  float16 reads
 * and writes Arm's alternative half precision when s->float16_althp is
 * set (Arm ARM FPConvert: a NaN converts to a signed zero and an infinity
 * to the largest value, both signalling invalid; overflow saturates with
 * invalid, see FPRoundBase).
 */
#include "util/osdep.h"
#include "fpu/softfloat-formats.h"

float16 float16_pack_conv(FloatParts p, FloatStatus *s)
{
    if (!s->float16_althp) {
        return float16_pack_fmt(p, &float16_fmt, s);
    }
    switch (p.cls) {
    case FLOAT_CLASS_QNAN:
    case FLOAT_CLASS_SNAN:
        float_raise(s, FLOAT_FLAG_INVALID);
        return float16_make(p.sign, 0, 0);
    case FLOAT_CLASS_INF:
        float_raise(s, FLOAT_FLAG_INVALID);
        return (float16)((p.sign ? 0x8000 : 0) | 0x7fff);
    default:
        return float16_pack_fmt(p, &float16_ahp_fmt, s);
    }
}

/* Unpack for conversion: float16 honours althp. */
#define UNPACK_CONV_float16(a, s) float16_unpack_conv(a, s)
#define UNPACK_CONV_bfloat16(a, s) bfloat16_unpack(a, s)
#define UNPACK_CONV_float32(a, s) float32_unpack(a, s)
#define UNPACK_CONV_float64(a, s) float64_unpack(a, s)
#define UNPACK_CONV_float128(a, s) float128_unpack(a, s)
#define UNPACK_CONV_floatx80(a, s) floatx80_unpack(a, s)
#define PACK_CONV_float16(p, s) float16_pack_conv(p, s)
#define PACK_CONV_bfloat16(p, s) bfloat16_pack(p, s)
#define PACK_CONV_float32(p, s) float32_pack(p, s)
#define PACK_CONV_float64(p, s) float64_pack(p, s)
#define PACK_CONV_float128(p, s) float128_pack(p, s)
#define PACK_CONV_floatx80(p, s) floatx80_pack(p, s)

#define DEFINE_CONVERT(FROM, TO)                                              \
    TO FROM##_to_##TO(FROM a, FloatStatus *s)                                 \
    {                                                                         \
        FloatParts p = UNPACK_CONV_##FROM(a, s);                              \
        if (p.cls == FLOAT_CLASS_QNAN || p.cls == FLOAT_CLASS_SNAN) {         \
            p = parts_convert_nan(p, s);                                      \
        }                                                                     \
        return PACK_CONV_##TO(p, s);                                          \
    }

DEFINE_CONVERT(float16, float32)
DEFINE_CONVERT(float16, float64)
DEFINE_CONVERT(float32, float16)
DEFINE_CONVERT(float64, float16)
DEFINE_CONVERT(float16, bfloat16)
DEFINE_CONVERT(bfloat16, float16)
DEFINE_CONVERT(float16, float128)
DEFINE_CONVERT(float128, float16)
DEFINE_CONVERT(float16, floatx80)
DEFINE_CONVERT(floatx80, float16)

DEFINE_CONVERT(bfloat16, float32)
DEFINE_CONVERT(bfloat16, float64)
DEFINE_CONVERT(float32, bfloat16)
DEFINE_CONVERT(float64, bfloat16)

DEFINE_CONVERT(float64, float32)
DEFINE_CONVERT(float32, float128)
DEFINE_CONVERT(float64, float128)
DEFINE_CONVERT(float128, float32)
DEFINE_CONVERT(float128, float64)
DEFINE_CONVERT(float32, floatx80)
DEFINE_CONVERT(float64, floatx80)
DEFINE_CONVERT(float128, floatx80)
DEFINE_CONVERT(floatx80, float32)
DEFINE_CONVERT(floatx80, float64)
DEFINE_CONVERT(floatx80, float128)

/* float32 -> float64 is exact for every non-NaN input: skip rounding. */
float64 float32_to_float64(float32 a, FloatStatus *s)
{
    int exp = float32_exp(a);
    if (likely(exp != 0 && exp != 0xff)) {
        return ((uint64_t)float32_sign(a) << 63) |
               ((uint64_t)(exp - 127 + 1023) << 52) |
               ((uint64_t)float32_frac(a) << 29);
    }
    FloatParts p = float32_unpack(a, s);
    if (p.cls == FLOAT_CLASS_QNAN || p.cls == FLOAT_CLASS_SNAN) {
        p = parts_convert_nan(p, s);
    }
    return float64_pack(p, s);
}

/*
 * Integer conversions.  Out-of-range inputs and NaNs raise invalid (never
 * inexact) and return what s->int_overflow selects (Arm FPToFixed
 * saturates; x86 returns the integer indefinite).
 */
#define DEFINE_INT_CONV(T)                                                    \
    int16_t T##_to_int16_scalbn(T a, FloatRoundMode mode, int scale,          \
                                FloatStatus *s)                               \
    {                                                                         \
        return (int16_t)parts_to_sint(UNPACK_CONV_##T(a, s), mode, scale,     \
                                      INT16_MIN, INT16_MAX, s);               \
    }                                                                         \
    int32_t T##_to_int32_scalbn(T a, FloatRoundMode mode, int scale,          \
                                FloatStatus *s)                               \
    {                                                                         \
        return (int32_t)parts_to_sint(UNPACK_CONV_##T(a, s), mode, scale,     \
                                      INT32_MIN, INT32_MAX, s);               \
    }                                                                         \
    int64_t T##_to_int64_scalbn(T a, FloatRoundMode mode, int scale,          \
                                FloatStatus *s)                               \
    {                                                                         \
        return parts_to_sint(UNPACK_CONV_##T(a, s), mode, scale,              \
                             INT64_MIN, INT64_MAX, s);                        \
    }                                                                         \
    uint16_t T##_to_uint16_scalbn(T a, FloatRoundMode mode, int scale,        \
                                  FloatStatus *s)                             \
    {                                                                         \
        return (uint16_t)parts_to_uint(UNPACK_CONV_##T(a, s), mode, scale,    \
                                       UINT16_MAX, s);                        \
    }                                                                         \
    uint32_t T##_to_uint32_scalbn(T a, FloatRoundMode mode, int scale,        \
                                  FloatStatus *s)                             \
    {                                                                         \
        return (uint32_t)parts_to_uint(UNPACK_CONV_##T(a, s), mode, scale,    \
                                       UINT32_MAX, s);                        \
    }                                                                         \
    uint64_t T##_to_uint64_scalbn(T a, FloatRoundMode mode, int scale,        \
                                  FloatStatus *s)                             \
    {                                                                         \
        return parts_to_uint(UNPACK_CONV_##T(a, s), mode, scale,              \
                             UINT64_MAX, s);                                  \
    }                                                                         \
    int16_t T##_to_int16(T a, FloatStatus *s)                                 \
    {                                                                         \
        return T##_to_int16_scalbn(a, s->rounding_mode, 0, s);                \
    }                                                                         \
    int32_t T##_to_int32(T a, FloatStatus *s)                                 \
    {                                                                         \
        return T##_to_int32_scalbn(a, s->rounding_mode, 0, s);                \
    }                                                                         \
    int64_t T##_to_int64(T a, FloatStatus *s)                                 \
    {                                                                         \
        return T##_to_int64_scalbn(a, s->rounding_mode, 0, s);                \
    }                                                                         \
    uint16_t T##_to_uint16(T a, FloatStatus *s)                               \
    {                                                                         \
        return T##_to_uint16_scalbn(a, s->rounding_mode, 0, s);               \
    }                                                                         \
    uint32_t T##_to_uint32(T a, FloatStatus *s)                               \
    {                                                                         \
        return T##_to_uint32_scalbn(a, s->rounding_mode, 0, s);               \
    }                                                                         \
    uint64_t T##_to_uint64(T a, FloatStatus *s)                               \
    {                                                                         \
        return T##_to_uint64_scalbn(a, s->rounding_mode, 0, s);               \
    }                                                                         \
    int32_t T##_to_int32_round_to_zero(T a, FloatStatus *s)                   \
    {                                                                         \
        return T##_to_int32_scalbn(a, FLOAT_ROUND_TO_ZERO, 0, s);             \
    }                                                                         \
    int64_t T##_to_int64_round_to_zero(T a, FloatStatus *s)                   \
    {                                                                         \
        return T##_to_int64_scalbn(a, FLOAT_ROUND_TO_ZERO, 0, s);             \
    }                                                                         \
    uint32_t T##_to_uint32_round_to_zero(T a, FloatStatus *s)                 \
    {                                                                         \
        return T##_to_uint32_scalbn(a, FLOAT_ROUND_TO_ZERO, 0, s);            \
    }                                                                         \
    uint64_t T##_to_uint64_round_to_zero(T a, FloatStatus *s)                 \
    {                                                                         \
        return T##_to_uint64_scalbn(a, FLOAT_ROUND_TO_ZERO, 0, s);            \
    }                                                                         \
    T int64_to_##T##_scalbn(int64_t v, int scale, FloatStatus *s)             \
    {                                                                         \
        return PACK_CONV_##T(parts_from_sint(v, scale), s);                   \
    }                                                                         \
    T uint64_to_##T##_scalbn(uint64_t v, int scale, FloatStatus *s)           \
    {                                                                         \
        return PACK_CONV_##T(parts_from_uint(v, scale), s);                   \
    }                                                                         \
    T int32_to_##T(int32_t v, FloatStatus *s)                                 \
    {                                                                         \
        return PACK_CONV_##T(parts_from_sint(v, 0), s);                       \
    }                                                                         \
    T int64_to_##T(int64_t v, FloatStatus *s)                                 \
    {                                                                         \
        return PACK_CONV_##T(parts_from_sint(v, 0), s);                       \
    }                                                                         \
    T uint32_to_##T(uint32_t v, FloatStatus *s)                               \
    {                                                                         \
        return PACK_CONV_##T(parts_from_uint(v, 0), s);                       \
    }                                                                         \
    T uint64_to_##T(uint64_t v, FloatStatus *s)                               \
    {                                                                         \
        return PACK_CONV_##T(parts_from_uint(v, 0), s);                       \
    }

DEFINE_INT_CONV(float16)
DEFINE_INT_CONV(bfloat16)
DEFINE_INT_CONV(float32)
DEFINE_INT_CONV(float64)
DEFINE_INT_CONV(float128)
DEFINE_INT_CONV(floatx80)
