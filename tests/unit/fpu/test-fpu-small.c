/*
 * test-fpu-small.c — float16 and bfloat16: exhaustive conversions and
 * float16 arithmetic, checked bit for bit with flags.
 *
 * Oracles: the host's F16C instructions (VCVTPH2PS/VCVTPS2PH) when cpuid
 * reports them; otherwise, and for bfloat16 and float16 arithmetic, a
 * reference computed here by an independent simple method: the exact
 * result in double (exact for float16 add/sub/mul; div and sqrt in double
 * round innocuously since 53 >= 2*11+2), then rounded to the narrow format
 * by scaling to an integer and rounding with nearbyint() in the host's
 * rounding mode.  The library runs with the x86 preset, whose NaN rule
 * (first NaN operand, quietened; default NaN negative) the expected NaNs
 * follow.
 */
#include "util/osdep.h"
#include <immintrin.h>
#include "fpu-test-util.h"

/* ---- An independent model of a small binary format ---- */

typedef struct SmallFmt {
    int p;          /* significand bits incl. the hidden one */
    int emin, emax;
    int ebits;
} SmallFmt;

static const SmallFmt half = { 11, -14, 15, 5 };
static const SmallFmt bf16 = { 8, -126, 127, 8 };

/* Decode to double (exact). */
static double small_decode(const SmallFmt *f, uint32_t bits)
{
    int fb = f->p - 1;
    uint32_t sign = bits >> (fb + f->ebits);
    int e = (bits >> fb) & ((1 << f->ebits) - 1);
    uint32_t m = bits & ((1u << fb) - 1);
    double v;
    if (e == (1 << f->ebits) - 1) {
        v = m ? NAN : INFINITY;
    } else if (e == 0) {
        v = ldexp(m, f->emin - fb);
    } else {
        v = ldexp(m + (1u << fb), e - (f->emax) - fb);
    }
    return sign ? -v : v;
}

/* Encode a double that is exactly representable (or +-inf, +-0). */
static uint32_t small_encode(const SmallFmt *f, double v)
{
    int fb = f->p - 1;
    uint32_t sign = signbit(v) ? 1u << (fb + f->ebits) : 0;
    uint32_t emaxf = (1u << f->ebits) - 1;
    v = fabs(v);
    if (isinf(v)) {
        return sign | (emaxf << fb);
    }
    if (v == 0) {
        return sign;
    }
    int e = ilogb(v);
    if (e < f->emin) {
        return sign | (uint32_t)ldexp(v, -(f->emin - fb));
    }
    uint32_t m = (uint32_t)ldexp(v, fb - e);
    return sign | ((uint32_t)(e + f->emax) << fb) | (m - (1u << fb));
}

/* Round x (exact) to the format in host rounding mode m: bits and flags
 * (IEEE: tininess after rounding, underflow = tiny and inexact). */
static uint32_t small_round(const SmallFmt *f, double x, int m,
                            bool was_inexact, unsigned *flags)
{
    *flags = 0;
    if (x == 0 || isinf(x)) {
        return small_encode(f, x);
    }
    int e = ilogb(x);
    int q = (e < f->emin ? f->emin : e) - (f->p - 1);
    double sc = ldexp(x, -q);
    fesetround(test_host_modes[m]);
    double r = nearbyint(sc);
    double ru = nearbyint(ldexp(x, -(e - (f->p - 1))));
    fesetround(FE_TONEAREST);
    bool inexact = r != sc || was_inexact;
    double res = ldexp(r, q);
    bool tiny = fabs(ldexp(ru, e - (f->p - 1))) < ldexp(1, f->emin);
    double maxv = ldexp(2 - ldexp(1, 1 - f->p), f->emax);
    if (fabs(res) > maxv) {
        *flags = FLOAT_FLAG_OVERFLOW | FLOAT_FLAG_INEXACT;
        bool neg = x < 0;
        bool to_inf;
        switch (test_host_modes[m]) {
        case FE_TONEAREST: to_inf = true; break;
        case FE_UPWARD: to_inf = !neg; break;
        case FE_DOWNWARD: to_inf = neg; break;
        default: to_inf = false; break;
        }
        return small_encode(f, neg ? -(to_inf ? INFINITY : maxv)
                                   : (to_inf ? INFINITY : maxv));
    }
    if (inexact) {
        *flags |= FLOAT_FLAG_INEXACT | (tiny ? FLOAT_FLAG_UNDERFLOW : 0);
    }
    return small_encode(f, res);
}

/* ---- F16C ---- */

static bool have_f16c;

__attribute__((target("f16c"), noipa))
static float f16c_to_f32(uint16_t h)
{
    return _mm_cvtss_f32(_mm_cvtph_ps(_mm_set1_epi16((short)h)));
}

/* Inline asm: the compiler must not run conversions speculatively (an
 * if-converted switch would raise the flags of every rounding mode). */
__attribute__((target("f16c"), noipa))
static uint16_t f16c_from_f32(float x, int m)
{
    __m128 v = _mm_set_ss(x);
    __m128i r;
    switch (m) {
    case 0:
        __asm__ volatile("vcvtps2ph $0, %1, %0" : "=x"(r) : "x"(v));
        break;
    case 1:
        __asm__ volatile("vcvtps2ph $3, %1, %0" : "=x"(r) : "x"(v));
        break;
    case 2:
        __asm__ volatile("vcvtps2ph $2, %1, %0" : "=x"(r) : "x"(v));
        break;
    default:
        __asm__ volatile("vcvtps2ph $1, %1, %0" : "=x"(r) : "x"(v));
        break;
    }
    return (uint16_t)_mm_extract_epi16(r, 0);
}

/* Expected NaN under the x86 rule for one NaN operand. */
static uint32_t quiet_small(uint32_t bits, int p)
{
    return bits | (1u << (p - 2));
}

/* ---- float16 <-> float32 ---- */

static void test_f16_to_f32(void)
{
    int fails = 0;
    for (uint32_t h = 0; h < 65536; h++) {
        FloatStatus s;
        float_status_init_x86_sse(&s);
        uint32_t got = float16_to_float32((float16)h, &s);
        uint32_t want;
        unsigned wflags;
        if (have_f16c) {
            feclearexcept(FE_ALL_EXCEPT);
            float r = f16c_to_f32((uint16_t)h);
            FP_BARRIER(r);
            wflags = test_host_flags();
            want = u_of_f(r);
        } else {
            double v = small_decode(&half, h);
            bool nan = isnan(v);
            want = nan ? ((h & 0x8000) << 16) | 0x7f800000 |
                         ((h & 0x3ff) << 13) | 0x400000
                       : u_of_f((float)v);
            wflags = nan && !(h & 0x200) ? FLOAT_FLAG_INVALID : 0;
        }
        if (got != want || (s.flags & TEST_IEEE_FLAGS) != wflags) {
            if (fails++ < 10) {
                g_printerr("f16->f32 %04x: want %08x/%x got %08x/%x\n", h,
                           want, wflags, got, s.flags);
            }
        }
    }
    g_assert_cmpint(fails, ==, 0);
}

/*
 * float32 -> float16: bits and flags against the independent reference
 * and, when the host has it, against F16C's VCVTPS2PH (which follows
 * IEEE with tininess after rounding, like SSE).
 */
static void check_f32_to_f16(uint32_t x, int m, int *fails)
{
    FloatStatus s;
    float_status_init_x86_sse(&s);
    s.rounding_mode = test_sf_modes[m];
    uint32_t got = float32_to_float16(x, &s);
    uint32_t want;
    unsigned wflags;
    double v = f_of(x);

    if (isnan(v)) {
        want = ((x >> 16) & 0x8000) | 0x7e00 | ((x >> 13) & 0x3ff);
        wflags = (x & 0x400000) ? 0 : FLOAT_FLAG_INVALID;
    } else {
        want = small_round(&half, v, m, false, &wflags);
    }
    if (got != want || (s.flags & TEST_IEEE_FLAGS) != wflags) {
        if ((*fails)++ < 10) {
            g_printerr("f32->f16 %08x mode %d: want %04x/%x got %04x/%x\n", x,
                       m, want, wflags, got, s.flags);
        }
    }
    if (have_f16c) {
        fesetround(test_host_modes[m]);
        feclearexcept(FE_ALL_EXCEPT);
        uint16_t r = f16c_from_f32(f_of(x), m);
        unsigned hflags = test_host_flags();
        fesetround(FE_TONEAREST);
        if (r != got || (s.flags & TEST_IEEE_FLAGS) != hflags) {
            if ((*fails)++ < 10) {
                g_printerr("f32->f16 %08x mode %d: F16C %04x/%x lib %04x/%x\n",
                           x, m, r, hflags, got, s.flags);
            }
        }
    }
}

static void test_f32_to_f16(void)
{
    int fails = 0;
    uint64_t st = 99;
    for (int m = 0; m < 4; m++) {
        /* Every float16 value, the midpoints to its neighbours and the
         * floats on either side of those (ties and near-ties). */
        for (uint32_t h = 0; h < 65536; h++) {
            FloatStatus s;
            float_status_init_x86_sse(&s);
            uint32_t x = float16_to_float32((float16)h, &s);
            uint32_t mid = x + (1u << 12);
            check_f32_to_f16(x, m, &fails);
            check_f32_to_f16(mid, m, &fails);
            check_f32_to_f16(mid + 1, m, &fails);
            check_f32_to_f16(mid - 1, m, &fails);
        }
        for (int i = 0; i < 100000; i++) {
            check_f32_to_f16((uint32_t)test_rand_bits(&st, 8, 23), m, &fails);
        }
    }
    g_assert_cmpint(fails, ==, 0);
}

/* ---- bfloat16 ---- */

static void test_bf16_conv(void)
{
    int fails = 0;
    uint64_t st = 7;
    for (uint32_t h = 0; h < 65536; h++) {
        FloatStatus s;
        float_status_init_x86_sse(&s);
        uint32_t got = bfloat16_to_float32((bfloat16)h, &s);
        bool snan = (h & 0x7f80) == 0x7f80 && (h & 0x7f) && !(h & 0x40);
        uint32_t want = (h << 16) | (snan ? 0x400000 : 0);
        if (got != want ||
            (s.flags & TEST_IEEE_FLAGS) != (snan ? FLOAT_FLAG_INVALID : 0u)) {
            if (fails++ < 10) {
                g_printerr("bf16->f32 %04x: got %08x/%x\n", h, got, s.flags);
            }
        }
    }
    for (int m = 0; m < 4; m++) {
        for (int i = 0; i < 300000; i++) {
            uint32_t x = (uint32_t)test_rand_bits(&st, 8, 23);
            if (i & 1) {
                x = (x & 0xffff0000u) | 0x8000 | ((i >> 1) % 3 == 0 ? 0 : (i % 5) - 2);
            }
            FloatStatus s;
            float_status_init_x86_sse(&s);
            s.rounding_mode = test_sf_modes[m];
            uint32_t got = float32_to_bfloat16(x, &s);
            uint32_t want;
            unsigned wflags;
            double v = f_of(x);
            if (isnan(v)) {
                want = (x >> 16) | 0x40;
                wflags = (x & 0x400000) ? 0 : FLOAT_FLAG_INVALID;
            } else {
                want = small_round(&bf16, v, m, false, &wflags);
            }
            if (got != want || (s.flags & TEST_IEEE_FLAGS) != wflags) {
                if (fails++ < 10) {
                    g_printerr("f32->bf16 %08x mode %d: want %04x/%x got "
                               "%04x/%x\n", x, m, want, wflags, got, s.flags);
                }
            }
        }
    }
    g_assert_cmpint(fails, ==, 0);
}

/* ---- float16 arithmetic against double + one rounding ---- */

enum { H_ADD, H_SUB, H_MUL, H_DIV, H_SQRT, H_COUNT };

static void test_f16_arith(void)
{
    int fails = 0;
    uint64_t st = 12345;
    for (int op = 0; op < H_COUNT; op++) {
        for (int m = 0; m < 4; m++) {
            for (int i = 0; i < 60000; i++) {
                uint32_t a = (uint32_t)test_rand_bits(&st, 5, 10);
                uint32_t b = (uint32_t)test_rand_bits(&st, 5, 10);
                double x = small_decode(&half, a), y = small_decode(&half, b);
                double r = 0;
                fesetround(test_host_modes[m]);
                feclearexcept(FE_ALL_EXCEPT);
                FP_BARRIER(x);
                FP_BARRIER(y);
                switch (op) {
                case H_ADD: r = x + y; break;
                case H_SUB: r = x - y; break;
                case H_MUL: r = x * y; break;
                case H_DIV: r = x / y; break;
                default: r = __builtin_sqrt(x); break;
                }
                FP_BARRIER(r);
                unsigned dflags = test_host_flags();
                fesetround(FE_TONEAREST);

                uint32_t want;
                unsigned wflags;
                bool a_nan = isnan(x), b_nan = isnan(y) && op != H_SQRT;
                if (a_nan || b_nan) {
                    want = quiet_small(a_nan ? a : b, 11);
                    bool snan = (a_nan && !(a & 0x200)) ||
                                (b_nan && !(b & 0x200));
                    wflags = snan ? FLOAT_FLAG_INVALID : 0;
                } else if (isnan(r)) {
                    want = 0xfe00;                     /* x86 default NaN */
                    wflags = FLOAT_FLAG_INVALID;
                } else {
                    want = small_round(&half, r, m,
                                       (dflags & FLOAT_FLAG_INEXACT) != 0,
                                       &wflags);
                    wflags |= dflags & FLOAT_FLAG_DIVBYZERO;
                }
                FloatStatus s;
                float_status_init_x86_sse(&s);
                s.rounding_mode = test_sf_modes[m];
                uint32_t got;
                switch (op) {
                case H_ADD: got = float16_add(a, b, &s); break;
                case H_SUB: got = float16_sub(a, b, &s); break;
                case H_MUL: got = float16_mul(a, b, &s); break;
                case H_DIV: got = float16_div(a, b, &s); break;
                default: got = float16_sqrt(a, &s); break;
                }
                if (got != want || (s.flags & TEST_IEEE_FLAGS) != wflags) {
                    if (fails++ < 10) {
                        g_printerr("f16 op %d mode %d %04x %04x: want %04x/%x "
                                   "got %04x/%x\n", op, m, a, b, want, wflags,
                                   got, s.flags);
                    }
                }
            }
        }
    }
    g_assert_cmpint(fails, ==, 0);
}

int main(int argc, char **argv)
{
    __builtin_cpu_init();
    have_f16c = __builtin_cpu_supports("f16c") && !getenv("TURTLE_FPU_NO_F16C");
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fpu/small/f16-to-f32", test_f16_to_f32);
    g_test_add_func("/fpu/small/f32-to-f16", test_f32_to_f16);
    g_test_add_func("/fpu/small/bf16-conv", test_bf16_conv);
    g_test_add_func("/fpu/small/f16-arith", test_f16_arith);
    return g_test_run();
}
