/*
 * cpuinfo.c — cpuid detection of the optional host instructions.
 *
 * Bits follow the Intel SDM vol. 2A, CPUID, tables 3-8 (leaf 1 ECX),
 * 3-8 leaf 7 EBX and the extended leaf 0x80000001 ECX (LZCNT is "ABM" in
 * AMD's manual, vol. 3 appendix E). An instruction without its cpuid bit
 * may still decode as something else (lzcnt as bsr, tzcnt as bsf), so the
 * backend must never emit it without the bit.
 */
#include "util/osdep.h"
#include "tcg/x86_64/cpuinfo.h"

#include <cpuid.h>

unsigned cpuinfo_x86;

unsigned cpuinfo_x86_init(void)
{
    unsigned a, b, c, d, max;
    unsigned info = 0;

    max = __get_cpuid_max(0, NULL);
    if (max >= 1 && __get_cpuid(1, &a, &b, &c, &d)) {
        if (c & bit_POPCNT) {
            info |= CPUINFO_POPCNT;
        }
        if (c & bit_MOVBE) {
            info |= CPUINFO_MOVBE;
        }
    }
    if (max >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        if (b & bit_BMI) {
            info |= CPUINFO_BMI1;
        }
        if (b & bit_BMI2) {
            info |= CPUINFO_BMI2;
        }
    }
    max = __get_cpuid_max(0x80000000, NULL);
    if (max >= 0x80000001 && __get_cpuid(0x80000001, &a, &b, &c, &d)) {
        if (c & bit_LZCNT) {
            info |= CPUINFO_LZCNT;
        }
    }
    cpuinfo_x86 = info;
    return info;
}

static void __attribute__((constructor)) cpuinfo_x86_ctor(void)
{
    cpuinfo_x86_init();
}

const char *cpuinfo_x86_describe(unsigned features, char *buf, size_t size)
{
    static const char *const names[] = { "bmi1", "bmi2", "lzcnt", "popcnt", "movbe" };
    size_t n = 0;

    buf[0] = 0;
    for (unsigned i = 0; i < ARRAY_SIZE(names); i++) {
        if (features & (1u << i)) {
            n += g_snprintf(buf + n, n < size ? size - n : 0, "%s%s",
                            n ? "," : "", names[i]);
        }
    }
    return buf;
}
