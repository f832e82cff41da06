/*
 * softfloat-parts.h — the unpacked representation shared by every format.
 *
 * Each operation unpacks its operands into FloatParts (class, sign,
 * unbiased exponent, a 128-bit significand normalised with its leading bit
 * at bit 126), runs one format-independent algorithm on them, and rounds
 * and packs the result with the destination's FloatFmt.  Bit 127 is kept
 * free for the carry of an addition; bits below the destination's lsb are
 * the guard bits, a "sticky" bit is jammed into bit 0 when bits are shifted
 * out.  Every format has a significand of at most 113 bits, so at least 13
 * bits always lie below the rounding position.
 *
 * Internal to fpu/: not installed, not included by targets.
 */
#ifndef TURTLE_FPU_SOFTFLOAT_PARTS_H
#define TURTLE_FPU_SOFTFLOAT_PARTS_H

#include "fpu/softfloat.h"

typedef unsigned __int128 u128;

#define PARTS_INT_BIT   126               /* position of the leading 1 */
#define PARTS_QUIET_BIT 125               /* NaN: fraction msb */
#define U128_ONE        ((u128)1)

typedef struct FloatParts {
    FloatClass cls;
    bool sign;
    int32_t exp;      /* NORMAL: value = frac / 2^126 * 2^exp */
    u128 frac;        /* NaN: the fraction field, msb at bit 125 */
} FloatParts;

/* A binary interchange format (or floatx80). */
typedef struct FloatFmt {
    int exp_size;       /* exponent field width */
    int frac_size;      /* stored fraction bits, without the integer bit */
    int exp_bias;
    int exp_max;        /* all-ones exponent field */
    int frac_shift;     /* PARTS_INT_BIT - frac_size: lsb position in parts */
    bool arm_althp;     /* Arm alternative half precision: no inf/NaN */
    bool explicit_int;  /* floatx80: the integer bit is stored */
} FloatFmt;

extern const FloatFmt float16_fmt, float16_ahp_fmt, bfloat16_fmt;
extern const FloatFmt float32_fmt, float64_fmt, float128_fmt, floatx80_fmt;

/* ---- 128-bit helpers ---- */

static inline int clz128(u128 x)
{
    uint64_t hi = (uint64_t)(x >> 64), lo = (uint64_t)x;
    if (hi) {
        return __builtin_clzll(hi);
    }
    return lo ? 64 + __builtin_clzll(lo) : 128;
}

/* Shift right, ORing every bit shifted out into bit 0 ("jamming"). */
static inline u128 shr_jam128(u128 x, int n)
{
    if (n <= 0) {
        return x;
    }
    if (n >= 128) {
        return x != 0;
    }
    return (x >> n) | ((x & ((U128_ONE << n) - 1)) != 0);
}

static inline u128 mask128(int n)
{
    return n >= 128 ? ~(u128)0 : (U128_ONE << n) - 1;
}

/* ---- NaN handling (softfloat-specialize.c) ---- */

/* Result NaN for an operation whose inputs a, b contain a NaN. */
FloatParts parts_pick_nan(const FloatParts *a, const FloatParts *b,
                          FloatStatus *s);
/* Result NaN for a*b+c when any input is a NaN, or inf*0 with any c. */
FloatParts parts_pick_nan_muladd(const FloatParts *a, const FloatParts *b,
                                 const FloatParts *c, bool infzero,
                                 FloatStatus *s);
/* Quieten a NaN (raising invalid if it was signalling), or the default
 * NaN in default-NaN mode. */
FloatParts parts_return_nan(FloatParts a, FloatStatus *s);
FloatParts parts_default_nan(const FloatStatus *s);
/* Quiet bit set on a NaN's fraction, honouring snan_bit_is_one. */
u128 parts_silence_frac(u128 frac, const FloatStatus *s);
/* Class of a NaN fraction (QNAN or SNAN). */
FloatClass parts_nan_class(u128 frac, const FloatStatus *s);

/* ---- The core (softfloat-parts.c) ---- */

/* Raw fields -> canonical parts (flushing input denormals per s). */
FloatParts parts_canonicalize(bool sign, int exp_field, u128 frac_field,
                              const FloatFmt *fmt, FloatStatus *s);
/* Canonical parts -> raw fields, rounding per s (mode from s). */
void parts_round_pack(FloatParts *p, const FloatFmt *fmt, FloatStatus *s);
/* Same, rounding to a narrower significand of prec bits (x87 precision
 * control) inside fmt's exponent range. */
void parts_round_pack_prec(FloatParts *p, const FloatFmt *fmt, int prec,
                           FloatStatus *s);

FloatParts parts_addsub(FloatParts a, FloatParts b, bool subtract,
                        FloatStatus *s);
FloatParts parts_mul(FloatParts a, FloatParts b, FloatStatus *s);
FloatParts parts_div(FloatParts a, FloatParts b, int prec, FloatStatus *s);
FloatParts parts_rem(FloatParts a, FloatParts b, FloatStatus *s);
/* prec: significand bits the caller will round to (sizes the loop). */
FloatParts parts_sqrt(FloatParts a, int prec, FloatStatus *s);
/* Fused; returns parts still to round.  *negate_after tells the caller to
 * flip the sign after rounding (FLOAT_MULADD_NEGATE_RESULT). */
FloatParts parts_muladd(FloatParts a, FloatParts b, FloatParts c, int flags,
                        FloatStatus *s);
FloatParts parts_minmax(FloatParts a, FloatParts b, bool is_max,
                        bool is_num, FloatStatus *s);
FloatRelation parts_compare(FloatParts a, FloatParts b, bool quiet,
                            FloatStatus *s);
FloatParts parts_round_to_int(FloatParts a, FloatRoundMode mode, int scale,
                              int frac_size, bool exact, FloatStatus *s);
FloatParts parts_scalbn(FloatParts a, int n, FloatStatus *s);
int64_t parts_to_sint(FloatParts a, FloatRoundMode mode, int scale,
                      int64_t min, int64_t max, FloatStatus *s);
uint64_t parts_to_uint(FloatParts a, FloatRoundMode mode, int scale,
                       uint64_t max, FloatStatus *s);
FloatParts parts_from_sint(int64_t v, int scale);
FloatParts parts_from_uint(uint64_t v, int scale);
/* A NaN converted to another format: quietened, payload kept. */
FloatParts parts_convert_nan(FloatParts a, FloatStatus *s);

#endif
