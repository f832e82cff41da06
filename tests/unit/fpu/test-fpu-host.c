/*
 * test-fpu-host.c — float32/float64 arithmetic and conversions of the FP
 * library compared bit for bit, flags included, with the host's SSE unit.
 *
 * The library runs with the x86 SSE preset (first-operand NaN rule,
 * negative default NaN, tininess after rounding, integer indefinite), so
 * the host is an exact oracle, NaN payloads included.  Every case runs in
 * the four IEEE rounding modes (fesetround for the host), with the host
 * fast path allowed and forbidden, and with the inexact flag already set
 * or clear (the fast path skips its exactness check when it is set).  A
 * second configuration sets FTZ and DAZ in the host's MXCSR and
 * flush_to_zero/flush_inputs_to_zero in the library.
 *
 * TURTLE_FPU_N=<n> changes the number of random cases per (op, mode).
 */
#include "util/osdep.h"
#include <xmmintrin.h>
#include <immintrin.h>
#include "fpu-test-util.h"

#define MXCSR_DAZ 0x0040
#define MXCSR_FTZ 0x8000

typedef enum {
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_FMA,
    OP_CVT_NARROW,      /* f64 -> f32 (f64 only) / f32 -> f64 (f32 only) */
    OP_TO_I32, OP_TO_I32_TRUNC, OP_TO_I64, OP_TO_I64_TRUNC,
    OP_FROM_I32, OP_FROM_I64,
    OP_COUNT
} Op;

static const char *const op_names[OP_COUNT] = {
    "add", "sub", "mul", "div", "sqrt", "fma", "cvt", "to_i32",
    "to_i32_trunc", "to_i64", "to_i64_trunc", "from_i32", "from_i64",
};

static int n_cases = 20000;
static bool host_fma_ok;

__attribute__((target("fma"), noipa))
static double host_fma64(double a, double b, double c)
{
    return _mm_cvtsd_f64(_mm_fmadd_sd(_mm_set_sd(a), _mm_set_sd(b),
                                      _mm_set_sd(c)));
}

__attribute__((target("fma"), noipa))
static float host_fma32(float a, float b, float c)
{
    return _mm_cvtss_f32(_mm_fmadd_ss(_mm_set_ss(a), _mm_set_ss(b),
                                      _mm_set_ss(c)));
}

static void host_enter(int m, unsigned extra)
{
    fesetround(test_host_modes[m]);
    _mm_setcsr(_mm_getcsr() | extra);
    feclearexcept(FE_ALL_EXCEPT);
}

static void host_leave(void)
{
    _mm_setcsr(_mm_getcsr() & ~(MXCSR_DAZ | MXCSR_FTZ));
    fesetround(FE_TONEAREST);
}

/* ---- The host side: one operation in mode m, returning raw bits. ---- */

static uint64_t host_f64(Op op, uint64_t ua, uint64_t ub, uint64_t uc, int m,
                         unsigned extra, unsigned *flags)
{
    double a = d_of(ua), b = d_of(ub), c = d_of(uc), r = 0;
    float rf = 0;
    int32_t i32 = 0;
    int64_t i64 = 0, ia = (int64_t)ua;
    uint64_t res = 0;

    host_enter(m, extra);
    FP_BARRIER(a);
    FP_BARRIER(b);
    FP_BARRIER(c);
    switch (op) {
    case OP_ADD: r = a + b; break;
    case OP_SUB: r = a - b; break;
    case OP_MUL: r = a * b; break;
    case OP_DIV: r = a / b; break;
    case OP_SQRT: r = __builtin_sqrt(a); break;
    case OP_FMA: r = host_fma64(a, b, c); break;
    case OP_CVT_NARROW:
        __asm__ volatile("cvtsd2ss %1, %0" : "=x"(rf) : "x"(a));
        res = u_of_f(rf);
        break;
    case OP_TO_I32:
        __asm__ volatile("cvtsd2si %1, %0" : "=r"(i32) : "x"(a));
        res = (uint32_t)i32;
        break;
    case OP_TO_I32_TRUNC:
        __asm__ volatile("cvttsd2si %1, %0" : "=r"(i32) : "x"(a));
        res = (uint32_t)i32;
        break;
    case OP_TO_I64:
        __asm__ volatile("cvtsd2si %1, %0" : "=r"(i64) : "x"(a));
        res = i64;
        break;
    case OP_TO_I64_TRUNC:
        __asm__ volatile("cvttsd2si %1, %0" : "=r"(i64) : "x"(a));
        res = i64;
        break;
    case OP_FROM_I32:
        __asm__ volatile("cvtsi2sdl %1, %0" : "=x"(r) : "r"((int32_t)ia));
        break;
    case OP_FROM_I64:
        __asm__ volatile("cvtsi2sdq %1, %0" : "=x"(r) : "r"(ia));
        break;
    default:
        g_assert_not_reached();
    }
    FP_BARRIER(r);
    FP_BARRIER(rf);
    *flags = test_host_flags();
    host_leave();
    if (op <= OP_FMA || op == OP_FROM_I32 || op == OP_FROM_I64) {
        res = u_of_d(r);
    }
    return res;
}

static uint64_t host_f32(Op op, uint64_t ua, uint64_t ub, uint64_t uc, int m,
                         unsigned extra, unsigned *flags)
{
    float a = f_of((uint32_t)ua), b = f_of((uint32_t)ub);
    float c = f_of((uint32_t)uc), r = 0;
    double rd = 0;
    int32_t i32 = 0;
    int64_t i64 = 0, ia = (int64_t)ua;
    uint64_t res = 0;

    host_enter(m, extra);
    FP_BARRIER(a);
    FP_BARRIER(b);
    FP_BARRIER(c);
    switch (op) {
    case OP_ADD: r = a + b; break;
    case OP_SUB: r = a - b; break;
    case OP_MUL: r = a * b; break;
    case OP_DIV: r = a / b; break;
    case OP_SQRT: r = __builtin_sqrtf(a); break;
    case OP_FMA: r = host_fma32(a, b, c); break;
    case OP_CVT_NARROW:
        __asm__ volatile("cvtss2sd %1, %0" : "=x"(rd) : "x"(a));
        res = u_of_d(rd);
        break;
    case OP_TO_I32:
        __asm__ volatile("cvtss2si %1, %0" : "=r"(i32) : "x"(a));
        res = (uint32_t)i32;
        break;
    case OP_TO_I32_TRUNC:
        __asm__ volatile("cvttss2si %1, %0" : "=r"(i32) : "x"(a));
        res = (uint32_t)i32;
        break;
    case OP_TO_I64:
        __asm__ volatile("cvtss2si %1, %0" : "=r"(i64) : "x"(a));
        res = i64;
        break;
    case OP_TO_I64_TRUNC:
        __asm__ volatile("cvttss2si %1, %0" : "=r"(i64) : "x"(a));
        res = i64;
        break;
    case OP_FROM_I32:
        __asm__ volatile("cvtsi2ssl %1, %0" : "=x"(r) : "r"((int32_t)ia));
        break;
    case OP_FROM_I64:
        __asm__ volatile("cvtsi2ssq %1, %0" : "=x"(r) : "r"(ia));
        break;
    default:
        g_assert_not_reached();
    }
    FP_BARRIER(r);
    FP_BARRIER(rd);
    *flags = test_host_flags();
    host_leave();
    if (op <= OP_FMA || op == OP_FROM_I32 || op == OP_FROM_I64) {
        res = u_of_f(r);
    }
    return res;
}

/* ---- The library side ---- */

static uint64_t sf_f64(Op op, uint64_t a, uint64_t b, uint64_t c,
                       FloatStatus *s)
{
    switch (op) {
    case OP_ADD: return float64_add(a, b, s);
    case OP_SUB: return float64_sub(a, b, s);
    case OP_MUL: return float64_mul(a, b, s);
    case OP_DIV: return float64_div(a, b, s);
    case OP_SQRT: return float64_sqrt(a, s);
    case OP_FMA: return float64_muladd(a, b, c, 0, s);
    case OP_CVT_NARROW: return float64_to_float32(a, s);
    case OP_TO_I32: return (uint32_t)float64_to_int32(a, s);
    case OP_TO_I32_TRUNC: return (uint32_t)float64_to_int32_round_to_zero(a, s);
    case OP_TO_I64: return (uint64_t)float64_to_int64(a, s);
    case OP_TO_I64_TRUNC: return (uint64_t)float64_to_int64_round_to_zero(a, s);
    case OP_FROM_I32: return int32_to_float64((int32_t)a, s);
    case OP_FROM_I64: return int64_to_float64((int64_t)a, s);
    default: g_assert_not_reached();
    }
}

static uint64_t sf_f32(Op op, uint64_t a, uint64_t b, uint64_t c,
                       FloatStatus *s)
{
    float32 x = (float32)a, y = (float32)b, z = (float32)c;
    switch (op) {
    case OP_ADD: return float32_add(x, y, s);
    case OP_SUB: return float32_sub(x, y, s);
    case OP_MUL: return float32_mul(x, y, s);
    case OP_DIV: return float32_div(x, y, s);
    case OP_SQRT: return float32_sqrt(x, s);
    case OP_FMA: return float32_muladd(x, y, z, 0, s);
    case OP_CVT_NARROW: return float32_to_float64(x, s);
    case OP_TO_I32: return (uint32_t)float32_to_int32(x, s);
    case OP_TO_I32_TRUNC: return (uint32_t)float32_to_int32_round_to_zero(x, s);
    case OP_TO_I64: return (uint64_t)float32_to_int64(x, s);
    case OP_TO_I64_TRUNC: return (uint64_t)float32_to_int64_round_to_zero(x, s);
    case OP_FROM_I32: return int32_to_float32((int32_t)a, s);
    case OP_FROM_I64: return int64_to_float32((int64_t)a, s);
    default: g_assert_not_reached();
    }
}

/* ---- Operand generation ---- */

static uint64_t rand_int_operand(uint64_t *st)
{
    uint64_t r = test_rng_next(st);
    switch (r % 6) {
    case 0: return (int64_t)(int32_t)test_rng_next(st);
    case 1: return (int64_t)(int16_t)test_rng_next(st);
    case 2: {
        /* near a power of two: ties in the conversion */
        int sh = test_rng_next(st) % 63;
        uint64_t v = (1ULL << sh) + (test_rng_next(st) % 5) - 2;
        return (r & 64) ? 0 - v : v;
    }
    default: return test_rng_next(st);
    }
}

typedef struct Format {
    const char *name;
    int exp_bits, frac_bits;
    uint64_t (*host)(Op, uint64_t, uint64_t, uint64_t, int, unsigned,
                     unsigned *);
    uint64_t (*sf)(Op, uint64_t, uint64_t, uint64_t, FloatStatus *);
} Format;

static const Format fmt_f64 = { "float64", 11, 52, host_f64, sf_f64 };
static const Format fmt_f32 = { "float32", 8, 23, host_f32, sf_f32 };

/* Host-computed helper values to steer operands into hard cases. */
static uint64_t host_plain(const Format *f, Op op, uint64_t a, uint64_t b)
{
    unsigned fl;
    return f->host(op, a, b, 0, 0, 0, &fl);
}

static void gen_operands(const Format *f, Op op, uint64_t *st, uint64_t *a,
                         uint64_t *b, uint64_t *c)
{
    int eb = f->exp_bits, fb = f->frac_bits;
    uint64_t signbit = 1ULL << (eb + fb);
    uint64_t lowmask = (1ULL << (fb / 2)) - 1;

    *a = test_rand_bits(st, eb, fb);
    *b = test_rand_bits(st, eb, fb);
    *c = test_rand_bits(st, eb, fb);
    if (op >= OP_FROM_I32) {
        *a = rand_int_operand(st);
        return;
    }
    unsigned k = test_rng_next(st) % 10;
    switch (op) {
    case OP_ADD:
    case OP_SUB:
        if (k < 3) {
            /* Close exponents and cancellation. */
            int d = (int)(test_rng_next(st) % 5) - 2;
            uint64_t e = (*a >> fb) & ((1ULL << eb) - 1);
            uint64_t ne = e + d;
            if (e != 0 && e != (1ULL << eb) - 1 && ne >= 1 &&
                ne < (1ULL << eb) - 1) {
                *b = (*a & ~(((1ULL << eb) - 1) << fb)) | (ne << fb);
                *b ^= test_rng_next(st) & lowmask;
                if (k == 0) {
                    *b ^= signbit;
                }
            }
        }
        break;
    case OP_FMA:
        if (k < 3) {
            /* c near -(a*b): massive cancellation. */
            uint64_t p = host_plain(f, OP_MUL, *a, *b);
            *c = (p ^ signbit) ^ (test_rng_next(st) & 3);
        }
        break;
    case OP_DIV:
        if (k < 2) {
            /* Exact quotients. */
            *a = host_plain(f, OP_MUL, *b, test_rand_bits(st, eb, fb) &
                            ~((1ULL << (fb - 4)) - 1));
        }
        break;
    case OP_SQRT:
        if (k < 3) {
            /* Exact squares and their neighbours. */
            uint64_t x = test_rand_bits(st, eb, fb) & ~lowmask & ~signbit;
            *a = host_plain(f, OP_MUL, x, x) + (k == 0) - (k == 1);
        }
        break;
    default:
        break;
    }
}

/* ---- The comparison loop ---- */

typedef struct Config {
    const char *name;
    unsigned mxcsr;           /* host FTZ/DAZ bits */
} Config;

static void run_format_op(const Format *f, Op op, const Config *cfg,
                          uint64_t seed, long *count)
{
    uint64_t st = seed ^ ((uint64_t)op << 32) ^ (uint64_t)f->frac_bits;
    int fails = 0;

    if (op == OP_FMA && !host_fma_ok) {
        return;
    }
    for (int m = 0; m < 4; m++) {
        for (int i = 0; i < n_cases; i++) {
            uint64_t a, b, c;
            unsigned hflags;
            gen_operands(f, op, &st, &a, &b, &c);
            uint64_t want = f->host(op, a, b, c, m, cfg->mxcsr, &hflags);
            (*count)++;
            for (int v = 0; v < 4; v++) {
                FloatStatus s;
                float_status_init_x86_sse(&s);
                s.rounding_mode = test_sf_modes[m];
                s.no_host_fpu = v & 1;
                s.flags = (v & 2) ? FLOAT_FLAG_INEXACT : 0;
                s.flush_to_zero = (cfg->mxcsr & MXCSR_FTZ) != 0;
                s.flush_inputs_to_zero = (cfg->mxcsr & MXCSR_DAZ) != 0;
                unsigned pre = s.flags;
                uint64_t got = f->sf(op, a, b, c, &s);
                unsigned gflags = s.flags & TEST_IEEE_FLAGS;
                if (got != want || gflags != (hflags | pre)) {
                    if (fails++ < 10) {
                        g_printerr("%s %s %s mode %d fast %d pre %x: "
                                   "a=%" PRIx64 " b=%" PRIx64 " c=%" PRIx64
                                   " host %" PRIx64 "/%x lib %" PRIx64
                                   "/%x\n", cfg->name, f->name, op_names[op],
                                   m, !(v & 1), pre, a, b, c, want,
                                   hflags | pre, got, gflags);
                    }
                }
            }
        }
    }
    if (fails) {
        g_printerr("%s %s %s: %d mismatches\n", cfg->name, f->name,
                   op_names[op], fails);
    }
    g_assert_cmpint(fails, ==, 0);
}

static const Config cfg_ieee = { "ieee", 0 };
static const Config cfg_ftz = { "ftz+daz", MXCSR_FTZ | MXCSR_DAZ };

static void run_all(const Format *f, const Config *cfg)
{
    long count = 0;
    for (Op op = 0; op < OP_COUNT; op++) {
        run_format_op(f, op, cfg, 0x1234567887654321ULL, &count);
    }
    g_test_message("%s %s: %ld cases x 4 library variants", cfg->name,
                   f->name, count);
}

static void test_f64_ieee(void) { run_all(&fmt_f64, &cfg_ieee); }
static void test_f32_ieee(void) { run_all(&fmt_f32, &cfg_ieee); }
static void test_f64_ftz(void) { run_all(&fmt_f64, &cfg_ftz); }
static void test_f32_ftz(void) { run_all(&fmt_f32, &cfg_ftz); }

/* Directed cases the random generator may miss. */
static void test_directed(void)
{
    static const uint64_t d[] = {
        0, 1ULL << 63, 0x7ff0000000000000ULL, 0xfff0000000000000ULL,
        0x7ff8000000000001ULL, 0x7ff0000000000001ULL, 0xfff4000000000000ULL,
        1, 0x000fffffffffffffULL, 0x0010000000000000ULL,
        0x7fefffffffffffffULL, 0x3ff0000000000000ULL, 0xbff0000000000001ULL,
        0x3fefffffffffffffULL, 0x0010000000000001ULL, 0x001fffffffffffffULL,
        0x41e0000000000000ULL, 0xc1e0000000000000ULL, 0x43e0000000000000ULL,
        0xc3e0000000000000ULL, 0x41dfffffffc00000ULL, 0x3fe0000000000000ULL,
        0xbfe0000000000000ULL, 0x3ff8000000000000ULL, 0x4004000000000000ULL,
    };
    int fails = 0;
    for (Op op = 0; op < OP_FROM_I32; op++) {
        if (op == OP_FMA && !host_fma_ok) {
            continue;
        }
        for (int m = 0; m < 4; m++) {
            for (size_t i = 0; i < G_N_ELEMENTS(d); i++) {
                for (size_t j = 0; j < G_N_ELEMENTS(d); j++) {
                    uint64_t a = d[i], b = d[j], c = d[(i + j) % 7];
                    unsigned hf;
                    uint64_t want = host_f64(op, a, b, c, m, 0, &hf);
                    for (int v = 0; v < 2; v++) {
                        FloatStatus s;
                        float_status_init_x86_sse(&s);
                        s.rounding_mode = test_sf_modes[m];
                        s.no_host_fpu = v;
                        uint64_t got = sf_f64(op, a, b, c, &s);
                        if (got != want || (s.flags & TEST_IEEE_FLAGS) != hf) {
                            if (fails++ < 10) {
                                g_printerr("directed %s m%d %" PRIx64 " %" PRIx64
                                           ": host %" PRIx64 "/%x lib %" PRIx64
                                           "/%x\n", op_names[op], m, a, b,
                                           want, hf, got, s.flags);
                            }
                        }
                    }
                }
            }
        }
    }
    g_assert_cmpint(fails, ==, 0);
}

int main(int argc, char **argv)
{
    const char *n = getenv("TURTLE_FPU_N");
    if (n) {
        n_cases = atoi(n);
    }
    __builtin_cpu_init();
    host_fma_ok = __builtin_cpu_supports("fma");
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fpu/host/directed", test_directed);
    g_test_add_func("/fpu/host/float64", test_f64_ieee);
    g_test_add_func("/fpu/host/float32", test_f32_ieee);
    g_test_add_func("/fpu/host/float64-ftz-daz", test_f64_ftz);
    g_test_add_func("/fpu/host/float32-ftz-daz", test_f32_ftz);
    return g_test_run();
}
