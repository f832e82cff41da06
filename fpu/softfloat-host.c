/*
 * softfloat-host.c — host capabilities used by the FP fast path.
 *
 * The fused multiply-add of the host is needed to check exactness of
 * products, quotients and square roots (softfloat-host.h).  On x86-64 it
 * is an optional extension: the two wrappers are compiled for it and only
 * called once cpuid has confirmed it.
 */
#include "util/osdep.h"
#include "fpu/softfloat-host.h"

#if defined(__x86_64__)
#define FMA_TARGET FPU_HOST_FMA_TARGET __attribute__((noinline))
bool fpu_host_has_fma;

static void __attribute__((constructor)) fpu_host_init(void)
{
    __builtin_cpu_init();
    fpu_host_has_fma = __builtin_cpu_supports("fma");
}
#else
#define FMA_TARGET __attribute__((noinline))
bool fpu_host_has_fma = FPU_HOST_FAST;
#endif

FMA_TARGET double fpu_host_fma64(double a, double b, double c)
{
    return __builtin_fma(a, b, c);
}

FMA_TARGET float fpu_host_fma32(float a, float b, float c)
{
    return __builtin_fmaf(a, b, c);
}
