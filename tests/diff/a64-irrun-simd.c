/*
 * a64-irrun-simd.c — the optional FP/AdvSIMD/crypto features the IR
 * runner of the differential test (a64-irrun) reports to the FP/SIMD front
 * end: all of those Turtle implements, as qemu-aarch64's "max" CPU (the
 * oracle) has them all. Classes that use them: a64gen_simd.py.
 */
#include "util/osdep.h"
#include "target/arm/internals.h"

#define IRRUN_FEATURE(name) \
    bool isar_feature_aa64_##name(const ARMISARegisters *isar) { return true; }

IRRUN_FEATURE(fp16)
IRRUN_FEATURE(aes)
IRRUN_FEATURE(pmull)
IRRUN_FEATURE(sha1)
IRRUN_FEATURE(sha256)
IRRUN_FEATURE(sha512)
IRRUN_FEATURE(sha3)
IRRUN_FEATURE(rdm)
IRRUN_FEATURE(dp)
IRRUN_FEATURE(jscvt)
IRRUN_FEATURE(frint)
