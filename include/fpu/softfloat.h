/*
 * softfloat.h — Turtle's IEEE 754 floating-point library for guest FP.
 *
 * Every guest floating-point instruction that must be bit-exact with the
 * guest architecture (results, exception flags, rounding modes, NaN and
 * denormal rules) goes through these functions.  The library knows no guest
 * architecture: a FloatStatus carries the few rules in which architectures
 * differ (NaN propagation, tininess detection, flush-to-zero flavours,
 * integer-overflow results), and each target keeps one FloatStatus per
 * guest FP control register (or per flavour of it, e.g. Arm's FPCR for
 * half precision with FZ16).
 *
 * Formats: float16 (IEEE binary16, or Arm's alternative half precision for
 * conversions), bfloat16, float32, float64, float128 (binary128) and floatx80
 * (the x87 80-bit extended format).  Values are passed as raw bit patterns.
 *
 * The design, the host-FPU fast path and the per-architecture rules are
 * described in docs/fpu.md.
 */
#ifndef TURTLE_FPU_SOFTFLOAT_H
#define TURTLE_FPU_SOFTFLOAT_H

#include <stdbool.h>
#include <stdint.h>

/* Raw IEEE bit patterns. */
typedef uint16_t float16;
typedef uint16_t bfloat16;
typedef uint32_t float32;
typedef uint64_t float64;

/* binary128: hi holds the sign, the 15-bit exponent and the top 48 fraction
 * bits; lo the low 64 fraction bits. */
typedef struct float128 {
    uint64_t lo;
    uint64_t hi;
} float128;

/* x87 double extended: 64-bit significand with an explicit integer bit (63),
 * sign and 15-bit exponent in high. */
typedef struct floatx80 {
    uint64_t low;
    uint16_t high;
} floatx80;

/* IEEE 754 rounding-direction attributes, plus round-to-odd (Arm BFCVT-style
 * helpers and exact double-rounding-free narrowing; Arm FCVTXN). */
typedef enum FloatRoundMode {
    FLOAT_ROUND_NEAREST_EVEN = 0,
    FLOAT_ROUND_TO_ZERO,
    FLOAT_ROUND_UP,            /* towards +infinity */
    FLOAT_ROUND_DOWN,          /* towards -infinity */
    FLOAT_ROUND_TIES_AWAY,     /* nearest, ties away from zero (Arm FRINTA, FCVTA*) */
    FLOAT_ROUND_TO_ODD,        /* truncate, then set the lsb if inexact */
} FloatRoundMode;

/* Exception flags, accumulated (sticky) in FloatStatus.flags. */
enum {
    FLOAT_FLAG_INVALID          = 0x01,
    FLOAT_FLAG_DIVBYZERO        = 0x02,
    FLOAT_FLAG_OVERFLOW         = 0x04,
    FLOAT_FLAG_UNDERFLOW        = 0x08,
    FLOAT_FLAG_INEXACT          = 0x10,
    /* A denormal input was flushed to zero (flush_inputs_to_zero): Arm IDC. */
    FLOAT_FLAG_INPUT_DENORMAL   = 0x20,
    /* A tiny result was flushed to zero (flush_to_zero); UNDERFLOW is raised
     * with it (Arm UFC; x86 UE, with PE when flush_to_zero_inexact). */
    FLOAT_FLAG_OUTPUT_DENORMAL  = 0x40,
    /* A denormal input was used as is (not flushed): x86 DE. */
    FLOAT_FLAG_DENORMAL_OPERAND = 0x80,
};

/* When a result is "tiny" (IEEE 754-2008 7.5): Arm (and, as documented
 * for its FPU, s390x) detect tininess before rounding, x86 SSE and x87
 * after rounding (checked on the host, see docs/fpu.md). */
typedef enum FloatTininess {
    FLOAT_TININESS_AFTER_ROUNDING = 0,
    FLOAT_TININESS_BEFORE_ROUNDING,
} FloatTininess;

/* Which NaN an operation with NaN inputs returns (quietened).  Invalid is
 * raised whenever any input is a signalling NaN. */
typedef enum FloatNaNRule {
    /* Arm (FPProcessNaNs/FPProcessNaNs3): the first signalling NaN in
     * operand order, else the first quiet NaN.  Fused multiply-add checks
     * the addend first (Arm's operand order is addend, op1, op2), and
     * inf*0 + qNaN gives the default NaN and raises invalid. */
    FLOAT_NAN_RULE_SNAN_FIRST = 0,
    /* x86 SSE/AVX: the first NaN operand, signalling or quiet.  Fused
     * multiply-add checks a, b, c in that order; inf*0 + qNaN returns the
     * quiet NaN without raising invalid (verified on the host). */
    FLOAT_NAN_RULE_FIRST_OPERAND,
    /* x87: with two NaNs of the same kind the one with the larger
     * significand (a on a tie); a quiet NaN wins over a signalling one. */
    FLOAT_NAN_RULE_LARGER_SIGNIFICAND,
} FloatNaNRule;

/* What float -> integer conversions return for NaN and out-of-range
 * inputs (always raising invalid and never inexact). */
typedef enum FloatIntOverflow {
    /* Arm FCVT*: saturate to the nearest bound; NaN converts to 0. */
    FLOAT_INT_SATURATE = 0,
    /* x86 CVT*: the "integer indefinite" value: the most negative value
     * for signed results, all ones for unsigned ones (AVX-512 *2USI). */
    FLOAT_INT_INDEFINITE,
    /* Saturate, NaN converts to the most negative value (signed) or 0
     * (unsigned).  Meant for s390x CONVERT TO FIXED; unverified. */
    FLOAT_INT_SATURATE_NAN_MIN,
} FloatIntOverflow;

/* x87 precision control: the significand width results are rounded to. */
typedef enum FloatX80Precision {
    FLOATX80_PRECISION_64 = 0,
    FLOATX80_PRECISION_53,
    FLOATX80_PRECISION_24,
} FloatX80Precision;

/*
 * The state one guest FP environment carries.  Zero-initialised it is IEEE
 * default: nearest-even, no flush, tininess after rounding, Arm NaN rule,
 * positive default NaN.  Fields may be written directly.
 */
typedef struct FloatStatus {
    uint8_t rounding_mode;       /* FloatRoundMode */
    uint8_t flags;               /* FLOAT_FLAG_*, sticky */
    uint8_t tininess;            /* FloatTininess */
    uint8_t nan_rule;            /* FloatNaNRule */
    uint8_t int_overflow;        /* FloatIntOverflow */
    uint8_t floatx80_precision;  /* FloatX80Precision */
    /* Results that are tiny are returned as a zero of the same sign. */
    bool flush_to_zero;
    /* ... and then inexact is raised too (x86 FTZ does, Arm FZ does not). */
    bool flush_to_zero_inexact;
    /* Denormal inputs are read as zeros of the same sign (Arm FZ, x86 DAZ). */
    bool flush_inputs_to_zero;
    /* Every NaN result is the default NaN (Arm FPCR.DN). */
    bool default_nan_mode;
    /* The default NaN has its sign bit set (x86 "real indefinite"). */
    bool default_nan_negative;
    /* Fraction msb set means signalling (legacy MIPS, PA-RISC) instead of
     * quiet (IEEE 754-2008 recommendation, used by Arm, x86 and s390x). */
    bool snan_bit_is_one;
    /* float16 conversions (to and from other formats and integers) use
     * Arm's alternative half precision (FPCR.AHP): no infinities or NaNs,
     * exponent 31 is a normal exponent.  float16 arithmetic ignores it
     * (Arm's half-precision arithmetic is always IEEE). */
    bool float16_althp;
    /* Never use the host FPU fast path (tests, debugging). */
    bool no_host_fpu;
} FloatStatus;

/* Presets for the common guest environments (flags cleared). */
void float_status_init_ieee(FloatStatus *s);
void float_status_init_arm(FloatStatus *s);
void float_status_init_x86_sse(FloatStatus *s);

static inline void float_raise(FloatStatus *s, unsigned flags)
{
    s->flags |= flags;
}

/* Result of a comparison. */
typedef enum FloatRelation {
    FLOAT_RELATION_LESS = -1,
    FLOAT_RELATION_EQUAL = 0,
    FLOAT_RELATION_GREATER = 1,
    FLOAT_RELATION_UNORDERED = 2,
} FloatRelation;

/* muladd flags: a * b + c with one rounding, then optional tweaks. */
enum {
    FLOAT_MULADD_NEGATE_C       = 1,  /* a * b - c */
    FLOAT_MULADD_NEGATE_PRODUCT = 2,  /* -(a * b) + c */
    FLOAT_MULADD_NEGATE_RESULT  = 4,  /* -(a * b + c), negated after rounding */
    FLOAT_MULADD_HALVE_RESULT   = 8,  /* (a * b + c) / 2, one rounding (Arm FRSQRTS) */
};
/* The negations never change the sign of a NaN operand or result: Arm's
 * FMSUB/FNMADD flip the sign of NaN inputs too (FPNeg before FPMulAdd),
 * which the Arm helper does by flipping input sign bits itself. */

/* Classes, for targets that build estimates and classify instructions. */
typedef enum FloatClass {
    FLOAT_CLASS_ZERO,
    FLOAT_CLASS_NORMAL,     /* normal or denormal: any finite non-zero */
    FLOAT_CLASS_INF,
    FLOAT_CLASS_QNAN,
    FLOAT_CLASS_SNAN,
} FloatClass;

/*
 * An unpacked value of any format up to 64 bits of significand: the value
 * of a NORMAL is (-1)^sign * frac * 2^(exp - 63), frac's bit 63 set
 * (denormals are normalised).  For NaNs frac holds the fraction field
 * left-aligned below bit 63 (bit 62 is the quiet bit).  The building block
 * for target-specific estimates (Arm FRECPE/FRSQRTE).
 */
typedef struct FloatUnpacked {
    FloatClass cls;
    bool sign;
    int32_t exp;
    uint64_t frac;
} FloatUnpacked;

/*
 * The operations, for each of float16, bfloat16, float32, float64, float128
 * and floatx80 (written T below):
 *
 *   T T_add(T a, T b, FloatStatus *s)           also sub, mul, div
 *   T T_rem(T a, T b, FloatStatus *s)           IEEE remainder (exact)
 *   T T_sqrt(T a, FloatStatus *s)
 *   T T_muladd(T a, T b, T c, int flags, FloatStatus *s)  fused
 *   T T_min(T a, T b, FloatStatus *s)           Arm FMIN: NaN propagates, -0 < +0
 *   T T_max / T_minnum / T_maxnum               minnum/maxnum: IEEE 754-2008,
 *                                               a quiet NaN loses to a number (Arm FMINNM)
 *   FloatRelation T_compare(T a, T b, s)        invalid on any NaN (signalling compare)
 *   FloatRelation T_compare_quiet(T a, T b, s)  invalid on signalling NaNs only
 *   T T_round_to_int(T a, s)                    current mode, raises inexact
 *   T T_round_to_int_mode(T a, FloatRoundMode m, bool exact, s)
 *                                               exact: raise inexact (Arm FRINTX) or not
 *   T T_scalbn(T a, int n, s)                   a * 2^n, one rounding
 *   int32_t T_to_int32(T a, s) ... to int16/int32/int64/uint16/uint32/uint64,
 *          with the current mode; T_to_int32_round_to_zero(a, s);
 *          T_to_int32_scalbn(a, FloatRoundMode m, int scale, s) converts
 *          a * 2^scale (Arm FCVTZS with fbits = scale)
 *   T int32_to_T(int32_t v, s) ... from int32/int64/uint32/uint64;
 *          int64_to_T_scalbn(v, int scale, s) converts v * 2^scale
 *          (Arm SCVTF with fbits: scale = -fbits)
 *   bool T_is_nan / is_signaling_nan / is_quiet_nan / is_infinity /
 *        is_zero / is_denormal / is_neg / is_zero_or_denormal(T a)
 *   T T_abs(T a), T_chs(T a)                     bit operations, no flags
 *   T T_silence_nan(T a, s), T T_default_nan(s)
 *   FloatClass T_classify(T a, s)               without flushing or flags
 *
 * and conversions between every pair of formats: float32_to_float64(a, s),
 * float16_to_float32(a, s), ... (float16 per s->float16_althp).
 */

#define FLOAT_DECLARE_OPS(T)                                                   \
    T T##_add(T a, T b, FloatStatus *s);                                       \
    T T##_sub(T a, T b, FloatStatus *s);                                       \
    T T##_mul(T a, T b, FloatStatus *s);                                       \
    T T##_div(T a, T b, FloatStatus *s);                                       \
    T T##_rem(T a, T b, FloatStatus *s);                                       \
    T T##_sqrt(T a, FloatStatus *s);                                           \
    T T##_muladd(T a, T b, T c, int flags, FloatStatus *s);                    \
    T T##_min(T a, T b, FloatStatus *s);                                       \
    T T##_max(T a, T b, FloatStatus *s);                                       \
    T T##_minnum(T a, T b, FloatStatus *s);                                    \
    T T##_maxnum(T a, T b, FloatStatus *s);                                    \
    FloatRelation T##_compare(T a, T b, FloatStatus *s);                       \
    FloatRelation T##_compare_quiet(T a, T b, FloatStatus *s);                 \
    T T##_round_to_int(T a, FloatStatus *s);                                   \
    T T##_round_to_int_mode(T a, FloatRoundMode mode, bool exact,              \
                            FloatStatus *s);                                   \
    T T##_scalbn(T a, int n, FloatStatus *s);                                  \
    int16_t T##_to_int16_scalbn(T a, FloatRoundMode mode, int scale,           \
                                FloatStatus *s);                               \
    int32_t T##_to_int32_scalbn(T a, FloatRoundMode mode, int scale,           \
                                FloatStatus *s);                               \
    int64_t T##_to_int64_scalbn(T a, FloatRoundMode mode, int scale,           \
                                FloatStatus *s);                               \
    uint16_t T##_to_uint16_scalbn(T a, FloatRoundMode mode, int scale,         \
                                  FloatStatus *s);                             \
    uint32_t T##_to_uint32_scalbn(T a, FloatRoundMode mode, int scale,         \
                                  FloatStatus *s);                             \
    uint64_t T##_to_uint64_scalbn(T a, FloatRoundMode mode, int scale,         \
                                  FloatStatus *s);                             \
    int16_t T##_to_int16(T a, FloatStatus *s);                                 \
    int32_t T##_to_int32(T a, FloatStatus *s);                                 \
    int64_t T##_to_int64(T a, FloatStatus *s);                                 \
    uint16_t T##_to_uint16(T a, FloatStatus *s);                               \
    uint32_t T##_to_uint32(T a, FloatStatus *s);                               \
    uint64_t T##_to_uint64(T a, FloatStatus *s);                               \
    int32_t T##_to_int32_round_to_zero(T a, FloatStatus *s);                   \
    int64_t T##_to_int64_round_to_zero(T a, FloatStatus *s);                   \
    uint32_t T##_to_uint32_round_to_zero(T a, FloatStatus *s);                 \
    uint64_t T##_to_uint64_round_to_zero(T a, FloatStatus *s);                 \
    T int32_to_##T(int32_t v, FloatStatus *s);                                 \
    T int64_to_##T(int64_t v, FloatStatus *s);                                 \
    T uint32_to_##T(uint32_t v, FloatStatus *s);                               \
    T uint64_to_##T(uint64_t v, FloatStatus *s);                               \
    T int64_to_##T##_scalbn(int64_t v, int scale, FloatStatus *s);             \
    T uint64_to_##T##_scalbn(uint64_t v, int scale, FloatStatus *s);           \
    bool T##_is_nan(T a);                                                      \
    bool T##_is_signaling_nan(T a, const FloatStatus *s);                      \
    bool T##_is_quiet_nan(T a, const FloatStatus *s);                          \
    bool T##_is_infinity(T a);                                                 \
    bool T##_is_zero(T a);                                                     \
    bool T##_is_denormal(T a);                                                 \
    bool T##_is_zero_or_denormal(T a);                                         \
    bool T##_is_neg(T a);                                                      \
    T T##_abs(T a);                                                            \
    T T##_chs(T a);                                                            \
    T T##_silence_nan(T a, const FloatStatus *s);                              \
    T T##_default_nan(const FloatStatus *s);                                   \
    FloatClass T##_classify(T a, const FloatStatus *s);

FLOAT_DECLARE_OPS(float16)
FLOAT_DECLARE_OPS(bfloat16)
FLOAT_DECLARE_OPS(float32)
FLOAT_DECLARE_OPS(float64)
FLOAT_DECLARE_OPS(float128)
FLOAT_DECLARE_OPS(floatx80)

/* Unpacking for target-specific code (formats up to 64-bit significand).
 * Input denormals are flushed per s (raising INPUT_DENORMAL). */
void float16_to_unpacked(float16 a, FloatUnpacked *u, FloatStatus *s);
void bfloat16_to_unpacked(bfloat16 a, FloatUnpacked *u, FloatStatus *s);
void float32_to_unpacked(float32 a, FloatUnpacked *u, FloatStatus *s);
void float64_to_unpacked(float64 a, FloatUnpacked *u, FloatStatus *s);
/* Round and pack an unpacked ZERO/NORMAL/INF value (frac need not be
 * normalised; a NaN class gives the default NaN). */
float16 float16_round_unpacked(const FloatUnpacked *u, FloatStatus *s);
bfloat16 bfloat16_round_unpacked(const FloatUnpacked *u, FloatStatus *s);
float32 float32_round_unpacked(const FloatUnpacked *u, FloatStatus *s);
float64 float64_round_unpacked(const FloatUnpacked *u, FloatStatus *s);

/* Conversions between formats.  The float16 ones read or write Arm's
 * alternative half precision when s->float16_althp is set. */
float32 float16_to_float32(float16 a, FloatStatus *s);
float64 float16_to_float64(float16 a, FloatStatus *s);
float16 float32_to_float16(float32 a, FloatStatus *s);
float16 float64_to_float16(float64 a, FloatStatus *s);
bfloat16 float16_to_bfloat16(float16 a, FloatStatus *s);
float16 bfloat16_to_float16(bfloat16 a, FloatStatus *s);
float128 float16_to_float128(float16 a, FloatStatus *s);
float16 float128_to_float16(float128 a, FloatStatus *s);
floatx80 float16_to_floatx80(float16 a, FloatStatus *s);
float16 floatx80_to_float16(floatx80 a, FloatStatus *s);

float32 bfloat16_to_float32(bfloat16 a, FloatStatus *s);
float64 bfloat16_to_float64(bfloat16 a, FloatStatus *s);
bfloat16 float32_to_bfloat16(float32 a, FloatStatus *s);
bfloat16 float64_to_bfloat16(float64 a, FloatStatus *s);

float64 float32_to_float64(float32 a, FloatStatus *s);
float32 float64_to_float32(float64 a, FloatStatus *s);
float128 float32_to_float128(float32 a, FloatStatus *s);
float128 float64_to_float128(float64 a, FloatStatus *s);
float32 float128_to_float32(float128 a, FloatStatus *s);
float64 float128_to_float64(float128 a, FloatStatus *s);
floatx80 float32_to_floatx80(float32 a, FloatStatus *s);
floatx80 float64_to_floatx80(float64 a, FloatStatus *s);
floatx80 float128_to_floatx80(float128 a, FloatStatus *s);
float32 floatx80_to_float32(floatx80 a, FloatStatus *s);
float64 floatx80_to_float64(floatx80 a, FloatStatus *s);
float128 floatx80_to_float128(floatx80 a, FloatStatus *s);

/* x87: true for the encodings the 387 and later reject (unnormals,
 * pseudo-infinities, pseudo-NaNs); operations treat them as signalling
 * NaNs that quieten to the default NaN. */
bool floatx80_invalid_encoding(floatx80 a);

static inline float128 make_float128(uint64_t hi, uint64_t lo)
{
    float128 r = { .lo = lo, .hi = hi };
    return r;
}

static inline floatx80 make_floatx80(uint16_t high, uint64_t low)
{
    floatx80 r = { .low = low, .high = high };
    return r;
}

#endif
