/*
 * fpu-test-util.h — shared helpers of the FP library tests: a seeded
 * random generator biased towards edge cases, host rounding-mode and
 * flag plumbing, and bit casts.
 */
#ifndef TURTLE_TESTS_FPU_TEST_UTIL_H
#define TURTLE_TESTS_FPU_TEST_UTIL_H

#include <fenv.h>
#include <math.h>
#include <string.h>
#include "fpu/softfloat.h"

/* Keep the compiler from moving FP work across fenv calls. */
#define FP_BARRIER(x) __asm__ volatile("" : "+x"(x))

static inline uint64_t test_rng_next(uint64_t *st)
{
    /* xorshift64* */
    uint64_t x = *st;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *st = x;
    return x * 0x2545f4914f6cdd1dULL;
}

static inline double d_of(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static inline uint64_t u_of_d(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static inline float f_of(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static inline uint32_t u_of_f(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

static const int test_host_modes[4] = {
    FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD
};
static const FloatRoundMode test_sf_modes[4] = {
    FLOAT_ROUND_NEAREST_EVEN, FLOAT_ROUND_TO_ZERO, FLOAT_ROUND_UP,
    FLOAT_ROUND_DOWN
};

static inline unsigned test_host_flags(void)
{
    int e = fetestexcept(FE_ALL_EXCEPT);
    unsigned f = 0;
    f |= (e & FE_INVALID) ? FLOAT_FLAG_INVALID : 0;
    f |= (e & FE_DIVBYZERO) ? FLOAT_FLAG_DIVBYZERO : 0;
    f |= (e & FE_OVERFLOW) ? FLOAT_FLAG_OVERFLOW : 0;
    f |= (e & FE_UNDERFLOW) ? FLOAT_FLAG_UNDERFLOW : 0;
    f |= (e & FE_INEXACT) ? FLOAT_FLAG_INEXACT : 0;
    return f;
}

#define TEST_IEEE_FLAGS (FLOAT_FLAG_INVALID | FLOAT_FLAG_DIVBYZERO | \
                         FLOAT_FLAG_OVERFLOW | FLOAT_FLAG_UNDERFLOW | \
                         FLOAT_FLAG_INEXACT)

/*
 * A random value of a binary format with exp_bits/frac_bits, biased to
 * edge cases: zeros, infinities, NaNs (quiet and signalling), denormals,
 * extreme exponents, significands with long runs of ones or zeros (ties
 * and carries), and values near 1.
 */
static inline uint64_t test_rand_bits(uint64_t *st, int exp_bits,
                                      int frac_bits)
{
    uint64_t r = test_rng_next(st);
    uint64_t sign = r & 1;
    uint64_t emax = (1ULL << exp_bits) - 1;
    uint64_t fmask = (1ULL << frac_bits) - 1;
    uint64_t bias = emax >> 1;
    uint64_t e, f = test_rng_next(st) & fmask;
    unsigned kind = (r >> 1) % 100;
    unsigned fk = (r >> 8) % 8;

    /* Significand patterns. */
    switch (fk) {
    case 0:
        f &= ~((1ULL << (test_rng_next(st) % (frac_bits + 1))) - 1) | 0;
        f &= fmask;
        break;                                  /* trailing zeros */
    case 1:
        f |= (1ULL << (test_rng_next(st) % (frac_bits + 1))) - 1;
        f &= fmask;
        break;                                  /* trailing ones */
    case 2:
        f = fmask & (1ULL << (test_rng_next(st) % frac_bits));
        break;                                  /* one bit */
    case 3:
        f = 0;
        break;
    case 4:
        f = fmask;
        break;
    default:
        break;
    }

    if (kind < 3) {
        return (sign << (exp_bits + frac_bits));            /* zero */
    } else if (kind < 5) {
        return (sign << (exp_bits + frac_bits)) | (emax << frac_bits); /* inf */
    } else if (kind < 7) {
        f |= 1ULL << (frac_bits - 1);                        /* qNaN */
        return (sign << (exp_bits + frac_bits)) | (emax << frac_bits) | f;
    } else if (kind < 9) {
        f &= ~(1ULL << (frac_bits - 1));                     /* sNaN */
        if (f == 0) {
            f = 1;
        }
        return (sign << (exp_bits + frac_bits)) | (emax << frac_bits) | f;
    } else if (kind < 19) {
        e = 0;                                               /* denormal */
        if (f == 0) {
            f = 1;
        }
    } else if (kind < 27) {
        e = emax - 1 - test_rng_next(st) % 8;                /* near overflow */
    } else if (kind < 37) {
        e = 1 + test_rng_next(st) % (frac_bits + 4);         /* near underflow */
        if (e >= emax) {
            e = 1;
        }
    } else if (kind < 45) {
        e = 1 + test_rng_next(st) % (emax - 1);              /* anywhere */
    } else {
        e = bias - 8 + test_rng_next(st) % 17;               /* near 1 */
    }
    return (sign << (exp_bits + frac_bits)) | (e << frac_bits) | f;
}

#endif
