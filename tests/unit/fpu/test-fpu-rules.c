/*
 * test-fpu-rules.c — architecture rules of the FP library checked with
 * known vectors: Arm default-NaN mode, flush-to-zero with IDC/UFC, NaN
 * propagation order, FMINNM/FMAXNM, FCVTZS saturation, alternative half
 * precision, rounding to integral, remainder (against libm), fused
 * multiply-add options, and float128/floatx80 arithmetic.
 */
#include "util/osdep.h"
#include "fpu-test-util.h"

#define F32_ONE   0x3f800000u
#define F32_TWO   0x40000000u
#define F32_HALF  0x3f000000u
#define F32_INF   0x7f800000u
#define F32_QNAN1 0x7fc00001u
#define F32_QNAN2 0x7fc00002u
#define F32_SNAN3 0x7f800003u
#define F32_SNAN4 0xff800004u
#define F32_DNAN  0x7fc00000u
#define F32_MINN  0x00800000u       /* smallest normal */

static FloatStatus arm(void)
{
    FloatStatus s;
    float_status_init_arm(&s);
    return s;
}

#define CHECK(expr, want, flags_want, st)                                    \
    do {                                                                     \
        uint64_t got_ = (expr);                                              \
        g_assert_cmphex(got_, ==, (want));                                   \
        g_assert_cmphex((st).flags, ==, (flags_want));                       \
        (st).flags = 0;                                                      \
    } while (0)

static void test_arm_nan_propagation(void)
{
    FloatStatus s = arm();
    /* FPProcessNaNs: signalling first, then operand order. */
    CHECK(float32_add(F32_QNAN1, F32_SNAN3, &s), 0x7fc00003, FLOAT_FLAG_INVALID, s);
    CHECK(float32_add(F32_SNAN3, F32_QNAN1, &s), 0x7fc00003, FLOAT_FLAG_INVALID, s);
    CHECK(float32_mul(F32_QNAN1, F32_QNAN2, &s), F32_QNAN1, 0, s);
    CHECK(float32_sub(F32_ONE, F32_QNAN2, &s), F32_QNAN2, 0, s);
    CHECK(float32_div(F32_SNAN4, F32_SNAN3, &s), 0xffc00004, FLOAT_FLAG_INVALID, s);
    /* The same with the x86 rule: first NaN operand. */
    FloatStatus x;
    float_status_init_x86_sse(&x);
    CHECK(float32_add(F32_QNAN1, F32_SNAN3, &x), F32_QNAN1, FLOAT_FLAG_INVALID, x);
    CHECK(float32_add(F32_ONE, F32_SNAN3, &x), 0x7fc00003, FLOAT_FLAG_INVALID, x);
    /* x87 rule: larger significand; quiet beats signalling. */
    FloatStatus k = { .nan_rule = FLOAT_NAN_RULE_LARGER_SIGNIFICAND };
    CHECK(float32_add(F32_QNAN1, F32_QNAN2, &k), F32_QNAN2, 0, k);
    CHECK(float32_add(F32_SNAN3, F32_QNAN1, &k), F32_QNAN1, FLOAT_FLAG_INVALID, k);

    /* FPProcessNaNs3 (FMADD Dd = Da + Dn*Dm): addend first. muladd(a,b,c)
     * is a*b+c, so the Arm order is c, a, b. */
    CHECK(float32_muladd(F32_QNAN1, F32_SNAN3, F32_QNAN2, 0, &s), 0x7fc00003,
          FLOAT_FLAG_INVALID, s);
    CHECK(float32_muladd(F32_SNAN4, F32_SNAN3, F32_QNAN2, 0, &s), 0xffc00004,
          FLOAT_FLAG_INVALID, s);
    CHECK(float32_muladd(F32_QNAN1, F32_ONE, F32_QNAN2, 0, &s), F32_QNAN2, 0, s);
    CHECK(float32_muladd(F32_SNAN4, F32_ONE, F32_SNAN3, 0, &s), 0x7fc00003,
          FLOAT_FLAG_INVALID, s);
    /* 0 * inf + qNaN: Arm gives the default NaN and invalid... */
    CHECK(float32_muladd(0, F32_INF, F32_QNAN2, 0, &s), F32_DNAN,
          FLOAT_FLAG_INVALID, s);
    CHECK(float32_muladd(0, F32_INF, F32_ONE, 0, &s), F32_DNAN,
          FLOAT_FLAG_INVALID, s);
    /* ... x86 returns the qNaN quietly (checked on the host's FMA). */
    CHECK(float32_muladd(0, F32_INF, F32_QNAN2, 0, &x), F32_QNAN2, 0, x);
}

static void test_arm_default_nan(void)
{
    FloatStatus s = arm();
    s.default_nan_mode = true;
    CHECK(float32_add(F32_QNAN1, F32_ONE, &s), F32_DNAN, 0, s);
    CHECK(float32_add(F32_SNAN4, F32_ONE, &s), F32_DNAN, FLOAT_FLAG_INVALID, s);
    CHECK(float32_sqrt(0xbf800000u, &s), F32_DNAN, FLOAT_FLAG_INVALID, s);
    CHECK(float64_mul(0x7ff8000000000123ULL, 0, &s), 0x7ff8000000000000ULL, 0, s);
    CHECK(float32_to_float64(F32_SNAN3, &s), 0x7ff8000000000000ULL,
          FLOAT_FLAG_INVALID, s);
    CHECK(float32_muladd(F32_QNAN1, F32_ONE, F32_ONE, 0, &s), F32_DNAN, 0, s);
    /* Without DN, conversions keep the payload's top bits. */
    s.default_nan_mode = false;
    CHECK(float32_to_float64(F32_SNAN3, &s), 0x7ff8000060000000ULL,
          FLOAT_FLAG_INVALID, s);
    CHECK(float64_to_float32(0xfff0000020000001ULL, &s), 0xffc00001u,
          FLOAT_FLAG_INVALID, s);
    /* x86's default NaN is negative. */
    FloatStatus x;
    float_status_init_x86_sse(&x);
    CHECK(float32_sub(F32_INF, F32_INF, &x), 0xffc00000u, FLOAT_FLAG_INVALID, x);
    CHECK(float32_sub(F32_INF, F32_INF, &s), F32_DNAN, FLOAT_FLAG_INVALID, s);
}

static void test_arm_flush_to_zero(void)
{
    FloatStatus s = arm();
    s.flush_to_zero = s.flush_inputs_to_zero = true;   /* FPCR.FZ */
    /* Input denormals read as zero: IDC (INPUT_DENORMAL), no inexact. */
    CHECK(float32_add(0x00000001, 0, &s), 0, FLOAT_FLAG_INPUT_DENORMAL, s);
    CHECK(float32_add(0x80400000, F32_ONE, &s), F32_ONE,
          FLOAT_FLAG_INPUT_DENORMAL, s);
    CHECK(float32_mul(0x80400000, F32_ONE, &s), 0x80000000,
          FLOAT_FLAG_INPUT_DENORMAL, s);
    /* Tiny results flush to a signed zero with UFC only (no IXC), even
     * when exact. */
    CHECK(float32_mul(F32_MINN, F32_HALF, &s), 0, FLOAT_FLAG_UNDERFLOW |
          FLOAT_FLAG_OUTPUT_DENORMAL, s);
    CHECK(float32_mul(F32_MINN | 0x80000000u, 0x3f7fffff, &s), 0x80000000u,
          FLOAT_FLAG_UNDERFLOW | FLOAT_FLAG_OUTPUT_DENORMAL, s);
    /* Arm detects tininess before rounding: (2^-63 * (1-2^-24))^2-ish
     * products below 2^-126 that round up to it are flushed too. */
    CHECK(float32_mul(0x20000001, 0x1ffffffe, &s), 0,
          FLOAT_FLAG_UNDERFLOW | FLOAT_FLAG_OUTPUT_DENORMAL, s);
    /* A result that is normal is untouched. */
    CHECK(float32_mul(F32_MINN, F32_TWO, &s), 0x01000000, 0, s);
    /* Conversions flush too. */
    CHECK(float64_to_float32(0x3800000000000000ULL, &s), 0,
          FLOAT_FLAG_UNDERFLOW | FLOAT_FLAG_OUTPUT_DENORMAL, s);

    /* Without FZ: underflow needs inexact; before-rounding tininess sets
     * UFC for a result that rounds up to the smallest normal, which
     * x86 (after rounding) does not. */
    FloatStatus t = arm();
    CHECK(float32_mul(0x20000001, 0x1ffffffe, &t), F32_MINN,
          FLOAT_FLAG_UNDERFLOW | FLOAT_FLAG_INEXACT, t);
    CHECK(float32_mul(F32_MINN, F32_HALF, &t), 0x00400000, 0, t);
    FloatStatus x;
    float_status_init_x86_sse(&x);
    CHECK(float32_mul(0x20000001, 0x1ffffffe, &x), F32_MINN,
          FLOAT_FLAG_INEXACT, x);
    /* x86 FTZ: flushes after-rounding tiny results, raising UE and PE. */
    x.flush_to_zero = true;
    CHECK(float32_mul(F32_MINN, F32_HALF, &x), 0, FLOAT_FLAG_UNDERFLOW |
          FLOAT_FLAG_INEXACT | FLOAT_FLAG_OUTPUT_DENORMAL, x);
    CHECK(float32_mul(0x20000001, 0x1ffffffe, &x), F32_MINN,
          FLOAT_FLAG_INEXACT, x);
}

static void test_arm_minmax(void)
{
    FloatStatus s = arm();
    /* FMINNM/FMAXNM: a quiet NaN loses against a number. */
    CHECK(float32_minnum(F32_QNAN1, F32_ONE, &s), F32_ONE, 0, s);
    CHECK(float32_maxnum(F32_ONE, F32_QNAN1, &s), F32_ONE, 0, s);
    CHECK(float32_minnum(F32_QNAN1, F32_QNAN2, &s), F32_QNAN1, 0, s);
    /* ...but a signalling NaN propagates (quietened, invalid). */
    CHECK(float32_minnum(F32_SNAN3, F32_ONE, &s), 0x7fc00003, FLOAT_FLAG_INVALID, s);
    CHECK(float32_maxnum(F32_QNAN1, F32_SNAN3, &s), 0x7fc00003,
          FLOAT_FLAG_INVALID, s);
    /* FMIN/FMAX propagate any NaN. */
    CHECK(float32_min(F32_QNAN1, F32_ONE, &s), F32_QNAN1, 0, s);
    CHECK(float32_max(F32_ONE, F32_SNAN3, &s), 0x7fc00003, FLOAT_FLAG_INVALID, s);
    /* -0 < +0. */
    CHECK(float32_min(0, 0x80000000u, &s), 0x80000000u, 0, s);
    CHECK(float32_max(0x80000000u, 0, &s), 0, 0, s);
    CHECK(float32_minnum(0, 0x80000000u, &s), 0x80000000u, 0, s);
    CHECK(float32_maxnum(0x80000000u, 0, &s), 0, 0, s);
    CHECK(float64_max(0xbff0000000000000ULL, 0x3ff0000000000000ULL, &s),
          0x3ff0000000000000ULL, 0, s);
    CHECK(float64_min(0xfff0000000000000ULL, 0x3ff0000000000000ULL, &s),
          0xfff0000000000000ULL, 0, s);
    /* Comparisons: quiet vs signalling. */
    g_assert_cmpint(float32_compare_quiet(F32_QNAN1, F32_ONE, &s), ==,
                    FLOAT_RELATION_UNORDERED);
    g_assert_cmphex(s.flags, ==, 0);
    g_assert_cmpint(float32_compare(F32_QNAN1, F32_ONE, &s), ==,
                    FLOAT_RELATION_UNORDERED);
    g_assert_cmphex(s.flags, ==, FLOAT_FLAG_INVALID);
    s.flags = 0;
    g_assert_cmpint(float32_compare_quiet(F32_SNAN3, F32_ONE, &s), ==,
                    FLOAT_RELATION_UNORDERED);
    g_assert_cmphex(s.flags, ==, FLOAT_FLAG_INVALID);
    s.flags = 0;
    g_assert_cmpint(float32_compare(0x80000000u, 0, &s), ==, FLOAT_RELATION_EQUAL);
    g_assert_cmpint(float32_compare(0xbf800000u, F32_HALF, &s), ==, FLOAT_RELATION_LESS);
    g_assert_cmpint(float32_compare(0xbf800000u, 0xbf000000u, &s), ==, FLOAT_RELATION_LESS);
    g_assert_cmpint(float32_compare(F32_INF, F32_TWO, &s), ==, FLOAT_RELATION_GREATER);
    g_assert_cmphex(s.flags, ==, 0);
}

static void test_arm_fcvt(void)
{
    FloatStatus s = arm();
    /* FCVTZS saturates with invalid only. */
    CHECK((uint32_t)float32_to_int32_round_to_zero(0x4f400000u /* 3.2e9 */, &s),
          (uint32_t)INT32_MAX, FLOAT_FLAG_INVALID, s);
    CHECK((uint32_t)float32_to_int32_round_to_zero(0xcf400000u, &s),
          (uint32_t)INT32_MIN, FLOAT_FLAG_INVALID, s);
    CHECK((uint32_t)float32_to_int32_round_to_zero(F32_QNAN1, &s), 0,
          FLOAT_FLAG_INVALID, s);
    CHECK((uint32_t)float32_to_int32_round_to_zero(0xff800000u, &s),
          (uint32_t)INT32_MIN, FLOAT_FLAG_INVALID, s);
    CHECK((uint64_t)float64_to_int64_round_to_zero(0x43e0000000000000ULL, &s),
          (uint64_t)INT64_MAX, FLOAT_FLAG_INVALID, s);
    CHECK((uint64_t)float64_to_int64_round_to_zero(0xc3e0000000000000ULL, &s),
          (uint64_t)INT64_MIN, 0, s);
    CHECK((uint32_t)float32_to_int32_round_to_zero(0xbf400000u, &s), 0,
          FLOAT_FLAG_INEXACT, s);
    /* FCVTZU of a negative value: 0 and invalid; of -0.75: 0, inexact. */
    CHECK(float32_to_uint32_round_to_zero(0xbf800000u, &s), 0,
          FLOAT_FLAG_INVALID, s);
    CHECK(float32_to_uint32_round_to_zero(0xbf400000u, &s), 0,
          FLOAT_FLAG_INEXACT, s);
    CHECK(float64_to_uint64_round_to_zero(0x43f0000000000000ULL, &s),
          UINT64_MAX, FLOAT_FLAG_INVALID, s);
    /* FCVTZS with fbits: 1.75 * 2^2 = 7; 1.8 * 2^2 = 7.2 -> 7 inexact. */
    CHECK((uint32_t)float32_to_int32_scalbn(0x3fe00000u, FLOAT_ROUND_TO_ZERO, 2,
                                            &s), 7, 0, s);
    CHECK((uint32_t)float32_to_int32_scalbn(0x3fe66666u, FLOAT_ROUND_TO_ZERO, 2,
                                            &s), 7, FLOAT_FLAG_INEXACT, s);
    CHECK((uint16_t)float16_to_int16_scalbn(0x7bff, FLOAT_ROUND_TO_ZERO, 0, &s),
          (uint16_t)INT16_MAX, FLOAT_FLAG_INVALID, s);
    /* FCVTAS (ties away), FCVTNS (ties even), FCVTMS, FCVTPS. */
    CHECK((uint32_t)float32_to_int32_scalbn(0x40200000u, FLOAT_ROUND_TIES_AWAY,
                                            0, &s), 3, FLOAT_FLAG_INEXACT, s);
    CHECK((uint32_t)float32_to_int32_scalbn(0x40200000u,
                                            FLOAT_ROUND_NEAREST_EVEN, 0, &s),
          2, FLOAT_FLAG_INEXACT, s);
    CHECK((uint32_t)float32_to_int32_scalbn(0xc0200000u, FLOAT_ROUND_DOWN, 0,
                                            &s), (uint32_t)-3, FLOAT_FLAG_INEXACT, s);
    CHECK((uint32_t)float32_to_int32_scalbn(0xc0200000u, FLOAT_ROUND_UP, 0,
                                            &s), (uint32_t)-2, FLOAT_FLAG_INEXACT, s);
    /* SCVTF with fbits: 7 * 2^-2 = 1.75. */
    CHECK(int64_to_float32_scalbn(7, -2, &s), 0x3fe00000u, 0, s);
    CHECK(uint64_to_float64_scalbn(UINT64_MAX, 0, &s), 0x43f0000000000000ULL,
          FLOAT_FLAG_INEXACT, s);
    CHECK(int32_to_float16(65520, &s), 0x7c00,
          FLOAT_FLAG_OVERFLOW | FLOAT_FLAG_INEXACT, s);
    /* x86 returns the integer indefinite instead. */
    FloatStatus x;
    float_status_init_x86_sse(&x);
    CHECK((uint32_t)float32_to_int32(0x4f400000u, &x), 0x80000000u,
          FLOAT_FLAG_INVALID, x);
    CHECK((uint32_t)float32_to_int32(F32_QNAN1, &x), 0x80000000u,
          FLOAT_FLAG_INVALID, x);
    CHECK(float64_to_uint32(0xbff0000000000000ULL, &x), 0xffffffffu,
          FLOAT_FLAG_INVALID, x);
}

static void test_arm_ahp(void)
{
    FloatStatus s = arm();
    s.float16_althp = true;
    /* Exponent 31 is a normal exponent: 0x7c00 is 65536, 0x7fff 131008. */
    CHECK(float16_to_float32(0x7c00, &s), 0x47800000u, 0, s);
    CHECK(float16_to_float32(0xffff, &s), 0xc7ffe000u, 0, s);
    CHECK(float32_to_float16(0x47ffe000u, &s), 0x7fff, 0, s);
    /* Overflow saturates with invalid (not overflow, not inexact). */
    CHECK(float32_to_float16(0x49742400u /* 1e6 */, &s), 0x7fff,
          FLOAT_FLAG_INVALID, s);
    CHECK(float32_to_float16(0xff800000u, &s), 0xffff, FLOAT_FLAG_INVALID, s);
    /* NaN converts to a zero of its sign with invalid. */
    CHECK(float32_to_float16(0xffc00000u, &s), 0x8000, FLOAT_FLAG_INVALID, s);
    CHECK(float64_to_float16(0x7ff8000000000000ULL, &s), 0, FLOAT_FLAG_INVALID, s);
    /* IEEE half for comparison. */
    s.float16_althp = false;
    CHECK(float16_to_float32(0x7c00, &s), F32_INF, 0, s);
    CHECK(float32_to_float16(0x49742400u, &s), 0x7c00,
          FLOAT_FLAG_OVERFLOW | FLOAT_FLAG_INEXACT, s);
    /* Arithmetic is always IEEE. */
    s.float16_althp = true;
    CHECK(float16_add(0x7bff, 0x7bff, &s), 0x7c00,
          FLOAT_FLAG_OVERFLOW | FLOAT_FLAG_INEXACT, s);
}

static void test_round_to_int(void)
{
    FloatStatus s = arm();
    const uint64_t two_half = 0x4004000000000000ULL;      /* 2.5 */
    CHECK(float64_round_to_int_mode(two_half, FLOAT_ROUND_NEAREST_EVEN, true, &s),
          0x4000000000000000ULL, FLOAT_FLAG_INEXACT, s);   /* FRINTX-like */
    CHECK(float64_round_to_int_mode(two_half, FLOAT_ROUND_TIES_AWAY, false, &s),
          0x4008000000000000ULL, 0, s);                    /* FRINTA */
    CHECK(float64_round_to_int_mode(0xbfd999999999999aULL, FLOAT_ROUND_NEAREST_EVEN,
                                    false, &s), 0x8000000000000000ULL, 0, s);
    CHECK(float64_round_to_int_mode(0xbfd999999999999aULL, FLOAT_ROUND_DOWN,
                                    false, &s), 0xbff0000000000000ULL, 0, s);
    CHECK(float64_round_to_int_mode(0x3fd999999999999aULL, FLOAT_ROUND_UP,
                                    true, &s), 0x3ff0000000000000ULL,
          FLOAT_FLAG_INEXACT, s);
    CHECK(float32_round_to_int_mode(0x4b7fffffu, FLOAT_ROUND_UP, true, &s),
          0x4b7fffffu, 0, s);                              /* already integral */
    CHECK(float32_round_to_int_mode(0x4affffffu, FLOAT_ROUND_UP, true, &s),
          0x4b000000u, FLOAT_FLAG_INEXACT, s);             /* 8388607.5 -> 2^23 */
    CHECK(float32_round_to_int_mode(F32_SNAN3, FLOAT_ROUND_UP, true, &s),
          0x7fc00003u, FLOAT_FLAG_INVALID, s);
    s.rounding_mode = FLOAT_ROUND_TO_ZERO;
    CHECK(float16_round_to_int(0x3e00, &s), 0x3c00, FLOAT_FLAG_INEXACT, s);
    /* Round to odd (Arm FCVTXN) and ties-away in arithmetic rounding. */
    s.rounding_mode = FLOAT_ROUND_TO_ODD;
    CHECK(float64_to_float32(0x3ff0000004000000ULL, &s), 0x3f800001u,
          FLOAT_FLAG_INEXACT, s);
    CHECK(float64_to_float32(0x3ff0000000000000ULL, &s), F32_ONE, 0, s);
    CHECK(float64_to_float32(0x47f0000000000000ULL, &s), 0x7f7fffffu,
          FLOAT_FLAG_OVERFLOW | FLOAT_FLAG_INEXACT, s);
    s.rounding_mode = FLOAT_ROUND_TIES_AWAY;
    CHECK(float64_to_float32(0x3ff0000010000000ULL, &s), 0x3f800001u,
          FLOAT_FLAG_INEXACT, s);
    s.rounding_mode = FLOAT_ROUND_NEAREST_EVEN;
    CHECK(float64_to_float32(0x3ff0000010000000ULL, &s), F32_ONE,
          FLOAT_FLAG_INEXACT, s);
}

static void test_muladd_options(void)
{
    FloatStatus s = arm();
    s.flags = 0;
    const uint32_t three = 0x40400000u;
    /* FMSUB: c - a*b; FNMADD: -(a*b) - c; FNMSUB: a*b - c. */
    CHECK(float32_muladd(F32_TWO, three, F32_ONE, FLOAT_MULADD_NEGATE_PRODUCT,
                         &s), 0xc0a00000u, 0, s);       /* -5 */
    CHECK(float32_muladd(F32_TWO, three, F32_ONE, FLOAT_MULADD_NEGATE_PRODUCT |
                         FLOAT_MULADD_NEGATE_C, &s), 0xc0e00000u, 0, s);
    CHECK(float32_muladd(F32_TWO, three, F32_ONE, FLOAT_MULADD_NEGATE_C, &s),
          0x40a00000u, 0, s);
    CHECK(float32_muladd(F32_TWO, three, F32_ONE, FLOAT_MULADD_NEGATE_RESULT,
                         &s), 0xc0e00000u, 0, s);
    /* FRSQRTS-style (3 - a*b) / 2 with one rounding. */
    CHECK(float32_muladd(F32_TWO, F32_ONE, three, FLOAT_MULADD_NEGATE_PRODUCT |
                         FLOAT_MULADD_HALVE_RESULT, &s), F32_HALF, 0, s);
    /* Exact cancellation: +0 (-0 when rounding down). */
    CHECK(float32_muladd(F32_TWO, three, 0x40c00000u, FLOAT_MULADD_NEGATE_C,
                         &s), 0, 0, s);
    s.rounding_mode = FLOAT_ROUND_DOWN;
    CHECK(float32_muladd(F32_TWO, three, 0x40c00000u, FLOAT_MULADD_NEGATE_C,
                         &s), 0x80000000u, 0, s);
    /* Single rounding: (1+2^-23)*(1-2^-23) - 1 = -2^-46 exactly. */
    s.rounding_mode = FLOAT_ROUND_NEAREST_EVEN;
    CHECK(float32_muladd(0x3f800001u, 0x3f7ffffeu, F32_ONE,
                         FLOAT_MULADD_NEGATE_C, &s), 0xa8800000u, 0, s);
}

/* IEEE remainder against libm's remainder() (exact by definition). */
static void test_rem(void)
{
    uint64_t st = 42;
    int fails = 0;
    for (int i = 0; i < 200000; i++) {
        uint64_t a = test_rand_bits(&st, 11, 52), b = test_rand_bits(&st, 11, 52);
        double want = remainder(d_of(a), d_of(b));
        if (want == 0) {
            /* IEEE 754-2008 5.3.1: a zero remainder has the sign of x
             * (glibc gets this wrong for some denormal divisors). */
            want = copysign(0.0, d_of(a));
        }
        FloatStatus s;
        float_status_init_x86_sse(&s);
        uint64_t got = float64_rem(a, b, &s);
        bool ok = isnan(want) ? float64_is_nan(got) : got == u_of_d(want);
        bool inv = isnan(want) && !isnan(d_of(a)) && !isnan(d_of(b));
        if (isnan(want) && (float64_is_signaling_nan(a, &s) ||
                            float64_is_signaling_nan(b, &s))) {
            inv = true;
        }
        ok = ok && ((s.flags & FLOAT_FLAG_INVALID) != 0) == inv &&
             !(s.flags & FLOAT_FLAG_INEXACT);
        if (!ok && fails++ < 10) {
            g_printerr("rem %016" PRIx64 " %016" PRIx64 ": want %016" PRIx64
                       " got %016" PRIx64 "/%x\n", a, b, u_of_d(want), got,
                       s.flags);
        }
        uint32_t fa = (uint32_t)test_rand_bits(&st, 8, 23);
        uint32_t fb = (uint32_t)test_rand_bits(&st, 8, 23);
        float wantf = remainderf(f_of(fa), f_of(fb));
        if (wantf == 0) {
            wantf = copysignf(0.0f, f_of(fa));
        }
        uint32_t gotf = float32_rem(fa, fb, &s);
        if (!(isnan(wantf) ? float32_is_nan(gotf) : gotf == u_of_f(wantf)) &&
            fails++ < 10) {
            g_printerr("remf %08x %08x: want %08x got %08x\n", fa, fb,
                       u_of_f(wantf), gotf);
        }
    }
    g_assert_cmpint(fails, ==, 0);
}

static void test_float128(void)
{
    FloatStatus s;
    float_status_init_ieee(&s);
    float128 one = make_float128(0x3fff000000000000ULL, 0);
    float128 two = make_float128(0x4000000000000000ULL, 0);
    float128 three = make_float128(0x4000800000000000ULL, 0);
    float128 r = float128_add(one, one, &s);
    g_assert_cmphex(r.hi, ==, two.hi);
    g_assert_cmphex(r.lo, ==, 0);
    g_assert_cmphex(s.flags, ==, 0);
    r = float128_div(one, three, &s);                     /* 1/3 */
    g_assert_cmphex(r.hi, ==, 0x3ffd555555555555ULL);
    g_assert_cmphex(r.lo, ==, 0x5555555555555555ULL);
    g_assert_cmphex(s.flags, ==, FLOAT_FLAG_INEXACT);
    s.flags = 0;
    r = float128_sqrt(two, &s);                           /* sqrt(2) */
    g_assert_cmphex(r.hi, ==, 0x3fff6a09e667f3bcULL);
    g_assert_cmphex(r.lo, ==, 0xc908b2fb1366ea95ULL);
    r = float128_mul(r, r, &s);                           /* ~2, rounded */
    g_assert_cmpint(float128_compare(r, two, &s), !=, FLOAT_RELATION_UNORDERED);
    g_assert_cmphex(float128_to_float64(float128_div(one, three, &s), &s), ==,
                    0x3fd5555555555555ULL);
    r = float64_to_float128(0x3fd5555555555555ULL, &s);
    g_assert_cmphex(r.hi, ==, 0x3ffd555555555555ULL);
    g_assert_cmphex(r.lo, ==, 0x5000000000000000ULL);
    r = float128_sub(one, one, &s);
    g_assert_cmphex(r.hi | r.lo, ==, 0);
    g_assert_cmpint(float128_to_int64(three, &s), ==, 3);
    r = int64_to_float128(-3, &s);
    g_assert_cmphex(r.hi, ==, 0xc000800000000000ULL);
    /* Smallest subnormal * 0.5 underflows to zero, inexact. */
    s.flags = 0;
    r = float128_mul(make_float128(0, 1), make_float128(0x3ffe000000000000ULL, 0),
                     &s);
    g_assert_cmphex(r.hi | r.lo, ==, 0);
    g_assert_cmphex(s.flags, ==, FLOAT_FLAG_UNDERFLOW | FLOAT_FLAG_INEXACT |
                    FLOAT_FLAG_DENORMAL_OPERAND);
}

static void test_floatx80(void)
{
    FloatStatus s;
    float_status_init_ieee(&s);
    floatx80 one = make_floatx80(0x3fff, 0x8000000000000000ULL);
    floatx80 three = make_floatx80(0x4000, 0xc000000000000000ULL);
    floatx80 r = floatx80_div(one, three, &s);
    g_assert_cmphex(r.high, ==, 0x3ffd);
    g_assert_cmphex(r.low, ==, 0xaaaaaaaaaaaaaaabULL);
    r = floatx80_sqrt(floatx80_add(one, one, &s), &s);
    g_assert_cmphex(r.high, ==, 0x3fff);
    g_assert_cmphex(r.low, ==, 0xb504f333f9de6484ULL);
    /* Precision control: 1/3 rounded to 53 bits inside the x80 format. */
    s.floatx80_precision = FLOATX80_PRECISION_53;
    r = floatx80_div(one, three, &s);
    g_assert_cmphex(r.low, ==, 0xaaaaaaaaaaaaa800ULL);
    s.floatx80_precision = FLOATX80_PRECISION_64;
    g_assert_cmphex(floatx80_to_float64(floatx80_div(one, three, &s), &s), ==,
                    0x3fd5555555555555ULL);
    /* Unnormals are invalid operands giving the real indefinite. */
    s.flags = 0;
    r = floatx80_add(make_floatx80(0x3fff, 0x4000000000000000ULL), one, &s);
    g_assert_true(floatx80_invalid_encoding(make_floatx80(0x3fff, 1)));
    g_assert_cmphex(r.high, ==, 0xffff);
    g_assert_cmphex(r.low, ==, 0xc000000000000000ULL);
    g_assert_cmphex(s.flags, ==, FLOAT_FLAG_INVALID);
}

/* floatx80 against the host's x87 (long double), which runs with 64-bit
 * precision, the LARGER_SIGNIFICAND NaN rule and tininess after rounding. */
static void test_floatx80_host(void)
{
#if defined(__x86_64__)
    uint64_t st = 777;
    int fails = 0;
    for (int op = 0; op < 5; op++) {
        for (int m = 0; m < 4; m++) {
            for (int i = 0; i < 20000; i++) {
                uint64_t ra = test_rand_bits(&st, 11, 52);
                uint64_t rb = test_rand_bits(&st, 11, 52);
                /* Widen doubles and add random low bits (finite only). */
                long double a = d_of(ra), b = d_of(rb);
                floatx80 xa, xb;
                memcpy(&xa, &a, 10);
                memcpy(&xb, &b, 10);
                if (isfinite(a) && a != 0) {
                    xa.low ^= test_rng_next(&st) & 0x7ff;
                    xa.high = (uint16_t)(xa.high + (test_rng_next(&st) % 64) - 32);
                    if (!(xa.high & 0x7fff) || (xa.high & 0x7fff) == 0x7fff) {
                        xa = make_floatx80(0x3fff, 0xc000000000000001ULL);
                    }
                    memcpy(&a, &xa, 10);
                }
                long double r = 0;
                fesetround(test_host_modes[m]);
                feclearexcept(FE_ALL_EXCEPT);
                __asm__ volatile("" : "+m"(a), "+m"(b));
                switch (op) {
                case 0: r = a + b; break;
                case 1: r = a - b; break;
                case 2: r = a * b; break;
                case 3: r = a / b; break;
                default: r = __builtin_sqrtl(a); break;
                }
                __asm__ volatile("" : "+m"(r));
                unsigned hf = test_host_flags();
                fesetround(FE_TONEAREST);
                floatx80 want;
                memcpy(&want, &r, 10);
                FloatStatus s = { .nan_rule = FLOAT_NAN_RULE_LARGER_SIGNIFICAND,
                                  .default_nan_negative = true };
                s.rounding_mode = test_sf_modes[m];
                floatx80 got;
                switch (op) {
                case 0: got = floatx80_add(xa, xb, &s); break;
                case 1: got = floatx80_sub(xa, xb, &s); break;
                case 2: got = floatx80_mul(xa, xb, &s); break;
                case 3: got = floatx80_div(xa, xb, &s); break;
                default: got = floatx80_sqrt(xa, &s); break;
                }
                if (got.high != want.high || got.low != want.low ||
                    (s.flags & TEST_IEEE_FLAGS) != hf) {
                    if (fails++ < 10) {
                        g_printerr("x80 op %d m %d %04x:%016" PRIx64 " %04x:%016"
                                   PRIx64 ": host %04x:%016" PRIx64 "/%x lib "
                                   "%04x:%016" PRIx64 "/%x\n", op, m, xa.high,
                                   xa.low, xb.high, xb.low, want.high, want.low,
                                   hf, got.high, got.low, s.flags);
                    }
                }
            }
        }
    }
    g_assert_cmpint(fails, ==, 0);
#else
    g_test_skip("no x87 on this host");
#endif
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fpu/rules/arm-nan-propagation", test_arm_nan_propagation);
    g_test_add_func("/fpu/rules/arm-default-nan", test_arm_default_nan);
    g_test_add_func("/fpu/rules/arm-flush-to-zero", test_arm_flush_to_zero);
    g_test_add_func("/fpu/rules/arm-minmax-compare", test_arm_minmax);
    g_test_add_func("/fpu/rules/arm-fcvt", test_arm_fcvt);
    g_test_add_func("/fpu/rules/arm-ahp", test_arm_ahp);
    g_test_add_func("/fpu/rules/round-to-int", test_round_to_int);
    g_test_add_func("/fpu/rules/muladd-options", test_muladd_options);
    g_test_add_func("/fpu/rules/rem", test_rem);
    g_test_add_func("/fpu/rules/float128", test_float128);
    g_test_add_func("/fpu/rules/floatx80", test_floatx80);
    g_test_add_func("/fpu/rules/floatx80-host", test_floatx80_host);
    return g_test_run();
}
