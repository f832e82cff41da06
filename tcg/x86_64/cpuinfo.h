/*
 * cpuinfo.h — optional x86-64 host instructions the backend may use.
 *
 * Detected once at start-up with cpuid. The code generator reads the set
 * from its context (TCGContext) so that tests can force the generic paths.
 */
#ifndef TURTLE_TCG_X86_64_CPUINFO_H
#define TURTLE_TCG_X86_64_CPUINFO_H

#include "util/osdep.h"

enum {
    CPUINFO_BMI1   = 1u << 0,   /* andn, blsi, blsr, tzcnt, bextr */
    CPUINFO_BMI2   = 1u << 1,   /* shlx, shrx, sarx, rorx, bzhi, pdep, pext */
    CPUINFO_LZCNT  = 1u << 2,   /* lzcnt (AMD "ABM") */
    CPUINFO_POPCNT = 1u << 3,   /* popcnt */
    CPUINFO_MOVBE  = 1u << 4,   /* movbe load/store with byte swap */
    CPUINFO_ALL    = (1u << 5) - 1,
};

/* Host features, valid after cpuinfo_x86_init() (called by a constructor). */
extern unsigned cpuinfo_x86;

/* Runs cpuid (idempotent) and returns the feature set. */
unsigned cpuinfo_x86_init(void);

/* "bmi1,bmi2,..." for logs; buf of at least 64 bytes. */
const char *cpuinfo_x86_describe(unsigned features, char *buf, size_t size);

#endif
