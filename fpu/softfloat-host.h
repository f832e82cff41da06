/*
 * softfloat-host.h — the host-FPU fast path for float32/float64 arithmetic.
 *
 * The host's SSE (x86-64) or FP unit (arm64) computes add, sub, mul, div,
 * sqrt and fma correctly rounded in IEEE binary32/binary64.  When
 *   - the guest rounding mode is nearest-even (the host always runs in
 *     nearest-even: Turtle never changes the host's MXCSR/FPCR),
 *   - every input is a normal number or a zero (no NaN, infinity or
 *     denormal, so no NaN rule, input flushing or denormal flag applies),
 *   - the result is a normal number (not tiny, not overflowing) or an
 *     exact zero,
 * the host result is bit-identical to the soft one and the only flag left
 * to compute is inexact.  That flag is sticky: once the guest has it set,
 * nothing needs checking.  Otherwise an error-free transformation tells
 * whether the result was exact: TwoSum for add/sub, a fused multiply-add
 * giving the exact error a*b - r, the remainder a - q*b or a - r*r for
 * div and sqrt; thresholds keep those errors clear of underflow.
 * Fused multiply-add only takes the fast path once inexact is set.
 * docs/fpu.md describes the tests that prove the equivalence.
 *
 * The library is compiled with -ffp-contract=off so that the compiler
 * never fuses these expressions itself.
 *
 * Target helpers that run many operations under one guest FP state may
 * use the T##_host_*_ix variants directly (inlined into their own element
 * loops): they are the same fast paths for a caller that has checked the
 * preconditions once — nearest-even rounding, the host FPU allowed, the
 * inexact flag already set (so no flag at all can be raised by a fast
 * result) — and, for muladd, that fpu_host_has_fma holds and that the
 * caller is compiled with FPU_HOST_FMA_TARGET so that the fused
 * multiply-add is one host instruction.  They raise nothing; on false
 * the caller runs the ordinary library call.  They contain no a*b+c
 * expression the compiler could fuse.
 */
#ifndef TURTLE_FPU_SOFTFLOAT_HOST_H
#define TURTLE_FPU_SOFTFLOAT_HOST_H

#include <float.h>
#include <math.h>
#include <string.h>
#include "fpu/softfloat.h"

#if defined(__x86_64__) || defined(__aarch64__)
#define FPU_HOST_FAST 1
#else
#define FPU_HOST_FAST 0
#endif

/* True when the host has a fused multiply-add (x86: checked by cpuid). */
extern bool fpu_host_has_fma;
/* Function attribute of code that may use the host FMA instruction inline
 * (to be called only when fpu_host_has_fma). */
#if defined(__x86_64__)
#define FPU_HOST_FMA_TARGET __attribute__((target("fma")))
#else
#define FPU_HOST_FMA_TARGET
#endif
double fpu_host_fma64(double a, double b, double c);
float fpu_host_fma32(float a, float b, float c);

static inline bool host_fpu_usable(const FloatStatus *s)
{
    return FPU_HOST_FAST && s->rounding_mode == FLOAT_ROUND_NEAREST_EVEN &&
           !s->no_host_fpu;
}

/*
 * One set of fast paths per format.  HT is the host type, ZON tests
 * "normal or zero" on the raw bits, MIN the smallest normal, ADD_LIMIT a
 * bound below which TwoSum cannot overflow, ERR_MIN the magnitude above
 * which exact errors are never lost to underflow; FMA the out-of-line host
 * fused multiply-add, BUILTIN_FMA and FABS the compiler's builtins (fabs
 * is branch-free: a sign test would mispredict on random data).
 */
#define DEFINE_HOST_FAST(T, HT, UT, EXPBITS, FRACBITS, MIN, MAX, ADD_LIMIT,   \
                         ERR_MIN, FMA, BUILTIN_FMA, FABS)                     \
    static inline HT T##_to_host(T a)                                         \
    {                                                                         \
        HT h;                                                                 \
        memcpy(&h, &a, sizeof(h));                                            \
        return h;                                                             \
    }                                                                         \
    static inline T T##_from_host(HT h)                                       \
    {                                                                         \
        T a;                                                                  \
        memcpy(&a, &h, sizeof(a));                                            \
        return a;                                                             \
    }                                                                         \
    static inline bool T##_zon(T a)                                           \
    {                                                                         \
        UT e = (a >> (FRACBITS)) & ((1u << (EXPBITS)) - 1);                   \
        return (UT)(e - 1) < (UT)((1u << (EXPBITS)) - 2) || (T)(a << 1) == 0; \
    }                                                                         \
    static inline bool T##_zero_bits(T a)                                     \
    {                                                                         \
        return (T)(a << 1) == 0;                                              \
    }                                                                         \
    static inline bool T##_host_add(T a, T b, bool sub, FloatStatus *s,       \
                                    T *res)                                   \
    {                                                                         \
        if (!(T##_zon(a) && T##_zon(b))) {                                    \
            return false;                                                     \
        }                                                                     \
        HT ha = T##_to_host(a), hb = T##_to_host(b);                          \
        if (sub) {                                                            \
            hb = -hb;                                                         \
        }                                                                     \
        HT r = ha + hb;                                                       \
        HT ar = FABS(r);                                                      \
        if (likely(ar > (MIN) && ar < (ADD_LIMIT))) {                         \
            if (!(s->flags & FLOAT_FLAG_INEXACT)) {                           \
                HT bb = r - ha;                                               \
                HT err = (ha - (r - bb)) + (hb - bb);                         \
                if (err != 0) {                                               \
                    s->flags |= FLOAT_FLAG_INEXACT;                           \
                }                                                             \
            }                                                                 \
        } else if (r != 0) {                                                  \
            return false;                                                     \
        }                                                                     \
        *res = T##_from_host(r);                                              \
        return true;                                                          \
    }                                                                         \
    static inline bool T##_host_mul(T a, T b, FloatStatus *s, T *res)         \
    {                                                                         \
        if (!(T##_zon(a) && T##_zon(b))) {                                    \
            return false;                                                     \
        }                                                                     \
        HT ha = T##_to_host(a), hb = T##_to_host(b);                          \
        HT r = ha * hb;                                                       \
        HT ar = FABS(r);                                                      \
        if (likely(ar > (MIN) && ar <= (MAX))) {                              \
            if (!(s->flags & FLOAT_FLAG_INEXACT)) {                           \
                if (!fpu_host_has_fma || ar < (ERR_MIN)) {                    \
                    return false;                                             \
                }                                                             \
                if (FMA(ha, hb, -r) != 0) {                                   \
                    s->flags |= FLOAT_FLAG_INEXACT;                           \
                }                                                             \
            }                                                                 \
        } else if (!(r == 0 && (T##_zero_bits(a) || T##_zero_bits(b)))) {     \
            return false;                                                     \
        }                                                                     \
        *res = T##_from_host(r);                                              \
        return true;                                                          \
    }                                                                         \
    static inline bool T##_host_div(T a, T b, FloatStatus *s, T *res)         \
    {                                                                         \
        if (!(T##_zon(a) && T##_zon(b)) || T##_zero_bits(b)) {                \
            return false;                                                     \
        }                                                                     \
        HT ha = T##_to_host(a), hb = T##_to_host(b);                          \
        HT r = ha / hb;                                                       \
        HT ar = FABS(r);                                                      \
        if (likely(ar > (MIN) && ar <= (MAX))) {                              \
            if (!(s->flags & FLOAT_FLAG_INEXACT)) {                           \
                HT aa = FABS(ha);                                             \
                if (!fpu_host_has_fma || aa < (ERR_MIN)) {                    \
                    return false;                                             \
                }                                                             \
                if (FMA(-r, hb, ha) != 0) {                                   \
                    s->flags |= FLOAT_FLAG_INEXACT;                           \
                }                                                             \
            }                                                                 \
        } else if (!(r == 0 && T##_zero_bits(a))) {                           \
            return false;                                                     \
        }                                                                     \
        *res = T##_from_host(r);                                              \
        return true;                                                          \
    }                                                                         \
    static inline bool T##_host_sqrt(T a, FloatStatus *s, T *res)             \
    {                                                                         \
        if (!T##_zon(a)) {                                                    \
            return false;                                                     \
        }                                                                     \
        if (T##_zero_bits(a)) {                                               \
            *res = a;                 /* sqrt(+-0) = +-0, exact */            \
            return true;                                                      \
        }                                                                     \
        HT ha = T##_to_host(a);                                               \
        if (ha < 0) {                                                         \
            return false;                                                     \
        }                                                                     \
        HT r = sizeof(HT) == 4 ? __builtin_sqrtf(ha) : __builtin_sqrt(ha);    \
        if (!(s->flags & FLOAT_FLAG_INEXACT)) {                               \
            if (!fpu_host_has_fma || ha < (ERR_MIN)) {                        \
                return false;                                                 \
            }                                                                 \
            if (FMA(-r, r, ha) != 0) {                                        \
                s->flags |= FLOAT_FLAG_INEXACT;                               \
            }                                                                 \
        }                                                                     \
        *res = T##_from_host(r);                                              \
        return true;                                                          \
    }                                                                         \
    /* The result of a muladd the host computed, r: usable when it is         \
     * normal, or an exact zero from a zero product (inexact set). */     \
    static inline bool T##_host_fma_result_ok(HT r, T a, T b)             \
    {                                                                     \
        HT ar = FABS(r);                                                  \
        return (ar > (MIN) && ar <= (MAX)) ||                             \
               (r == 0 && (T##_zero_bits(a) || T##_zero_bits(b)));        \
    }                                                                     \
    static inline bool T##_host_muladd(T a, T b, T c, int flags,          \
                                       FloatStatus *s, T *res)            \
    {                                                                     \
        if (!(s->flags & FLOAT_FLAG_INEXACT) || !fpu_host_has_fma ||      \
            (flags & FLOAT_MULADD_HALVE_RESULT) ||                        \
            !(T##_zon(a) && T##_zon(b) && T##_zon(c))) {                  \
            return false;                                                 \
        }                                                                 \
        HT ha = T##_to_host(a), hb = T##_to_host(b), hc = T##_to_host(c); \
        if (flags & FLOAT_MULADD_NEGATE_PRODUCT) {                        \
            ha = -ha;                                                     \
        }                                                                 \
        if (flags & FLOAT_MULADD_NEGATE_C) {                              \
            hc = -hc;                                                     \
        }                                                                 \
        HT r = FMA(ha, hb, hc);                                           \
        if (!T##_host_fma_result_ok(r, a, b)) {                           \
            return false;                                                 \
        }                                                                 \
        if (flags & FLOAT_MULADD_NEGATE_RESULT) {                         \
            r = -r;                                                       \
        }                                                                 \
        *res = T##_from_host(r);                                          \
        return true;                                                      \
    }                                                                     \
    /* The _ix variants: see the head of this file. */                    \
    static inline bool T##_host_add_ix(T a, T b, bool sub, T *res)        \
    {                                                                     \
        FloatStatus s = { .flags = FLOAT_FLAG_INEXACT };                  \
        return T##_host_add(a, b, sub, &s, res);                          \
    }                                                                     \
    static inline bool T##_host_mul_ix(T a, T b, T *res)                  \
    {                                                                     \
        FloatStatus s = { .flags = FLOAT_FLAG_INEXACT };                  \
        return T##_host_mul(a, b, &s, res);                               \
    }                                                                     \
    static inline bool T##_host_div_ix(T a, T b, T *res)                  \
    {                                                                     \
        FloatStatus s = { .flags = FLOAT_FLAG_INEXACT };                  \
        return T##_host_div(a, b, &s, res);                               \
    }                                                                     \
    /* a * b + c, one rounding (no flag variants: negate the inputs). */  \
    static inline bool T##_host_muladd_ix(T a, T b, T c, T *res)          \
    {                                                                     \
        if (!(T##_zon(a) && T##_zon(b) && T##_zon(c))) {                  \
            return false;                                                 \
        }                                                                 \
        HT r = BUILTIN_FMA(T##_to_host(a), T##_to_host(b), T##_to_host(c)); \
        if (!T##_host_fma_result_ok(r, a, b)) {                           \
            return false;                                                 \
        }                                                                 \
        *res = T##_from_host(r);                                          \
        return true;                                                      \
    }

DEFINE_HOST_FAST(float32, float, uint32_t, 8, 23, FLT_MIN, FLT_MAX, 0x1p124f,
                 0x1p-100f, fpu_host_fma32, __builtin_fmaf, __builtin_fabsf)
DEFINE_HOST_FAST(float64, double, uint64_t, 11, 52, DBL_MIN, DBL_MAX, 0x1p1020,
                 0x1p-968, fpu_host_fma64, __builtin_fma, __builtin_fabs)

#endif
