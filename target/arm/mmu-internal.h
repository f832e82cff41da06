/*
 * mmu-internal.h — what the MMU files (mmu*.c, tlbi.c) share: register
 * bit positions, bit-field helpers and the description of a translation
 * regime. Not for the rest of the CPU model (use mmu.h).
 */
#ifndef TURTLE_TARGET_ARM_MMU_INTERNAL_H
#define TURTLE_TARGET_ARM_MMU_INTERNAL_H

#include "target/arm/mmu.h"

static inline uint64_t mmu_extract(uint64_t v, int start, int len)
{
    return len >= 64 ? v >> start : (v >> start) & ((1ULL << len) - 1);
}

static inline int64_t mmu_sextract(uint64_t v, int start, int len)
{
    return (int64_t)(v << (64 - len - start)) >> (64 - len);
}

/* Bits [hi:lo] set. */
static inline uint64_t mmu_mask(int hi, int lo)
{
    return (hi >= 63 ? ~0ULL : ((1ULL << (hi + 1)) - 1)) & ~((1ULL << lo) - 1);
}

/* Granule size (log2) of TCR.TG0 / VTCR.TG0: 00 4K, 01 64K, 10 16K; 0 for
 * the reserved encoding. */
static inline int mmu_tg0_bits(unsigned tg)
{
    static const int bits[4] = { 12, 16, 14, 0 };
    return bits[tg & 3];
}

/* TCR.TG1 has another encoding: 01 16K, 10 4K, 11 64K. */
static inline int mmu_tg1_bits(unsigned tg)
{
    static const int bits[4] = { 0, 14, 12, 16 };
    return bits[tg & 3];
}

/* SCTLR_ELx (Arm ARM D17.2.118) */
#define MMU_SCTLR_M     (1ULL << 0)
#define MMU_SCTLR_I     (1ULL << 12)
#define MMU_SCTLR_WXN   (1ULL << 19)
#define MMU_SCTLR_EE    (1ULL << 25)

/* HCR_EL2 (D17.2.48) */
#define MMU_HCR_VM      (1ULL << 0)
#define MMU_HCR_PTW     (1ULL << 2)
#define MMU_HCR_FB      (1ULL << 9)
#define MMU_HCR_DC      (1ULL << 12)
#define MMU_HCR_TTLB    (1ULL << 25)
#define MMU_HCR_TGE     (1ULL << 27)
#define MMU_HCR_CD      (1ULL << 32)
#define MMU_HCR_ID      (1ULL << 33)
#define MMU_HCR_E2H     (1ULL << 34)
#define MMU_HCR_FWB     (1ULL << 46)
#define MMU_HCR_TTLBIS  (1ULL << 54)
#define MMU_HCR_TTLBOS  (1ULL << 55)

/* SCR_EL3 */
#define MMU_SCR_NS      (1ULL << 0)

/* TCR_EL1 and TCR_EL2 with E2H=1: the two-range format (D17.2.131) */
#define TCR_T0SZ_SHIFT  0
#define TCR_EPD0        (1ULL << 7)
#define TCR_SH0_SHIFT   12
#define TCR_TG0_SHIFT   14
#define TCR_T1SZ_SHIFT  16
#define TCR_EPD1        (1ULL << 23)
#define TCR_SH1_SHIFT   28
#define TCR_TG1_SHIFT   30
#define TCR_IPS_SHIFT   32
#define TCR_TBI0        (1ULL << 37)
#define TCR_TBI1        (1ULL << 38)
#define TCR_HA          (1ULL << 39)
#define TCR_HD          (1ULL << 40)
#define TCR_HPD0        (1ULL << 41)
#define TCR_HPD1        (1ULL << 42)
#define TCR_TBID0       (1ULL << 51)
#define TCR_TBID1       (1ULL << 52)
#define TCR_E0PD0       (1ULL << 55)
#define TCR_E0PD1       (1ULL << 56)
#define TCR_DS          (1ULL << 59)

/* TCR_EL2 with E2H=0 and TCR_EL3: the one-range format */
#define TCR2_PS_SHIFT   16
#define TCR2_TBI        (1ULL << 20)
#define TCR2_HA         (1ULL << 21)
#define TCR2_HD         (1ULL << 22)
#define TCR2_HPD        (1ULL << 24)
#define TCR2_TBID       (1ULL << 29)
#define TCR2_DS         (1ULL << 32)

/* VTCR_EL2 (D17.2.169) */
#define VTCR_SL0_SHIFT  6
#define VTCR_PS_SHIFT   16
#define VTCR_HA         (1ULL << 21)
#define VTCR_HD         (1ULL << 22)
#define VTCR_DS         (1ULL << 32)
#define VTCR_SL2        (1ULL << 33)

/* Descriptor bits (D8.3) */
#define DESC_VALID      (1ULL << 0)
#define DESC_TABLE      (1ULL << 1)     /* table (level < 3) or page (level 3) */
#define DESC_NS         (1ULL << 5)
#define DESC_AP1        (1ULL << 6)     /* stage 1: EL0 access; stage 2: S2AP[0] read */
#define DESC_AP2        (1ULL << 7)     /* stage 1: read-only; stage 2: S2AP[1] write */
#define DESC_AF         (1ULL << 10)
#define DESC_NG         (1ULL << 11)
#define DESC_GP         (1ULL << 50)
#define DESC_DBM        (1ULL << 51)
#define DESC_PXN        (1ULL << 53)
#define DESC_UXN        (1ULL << 54)    /* XN in one-privilege regimes */
#define DESC_PXNTABLE   (1ULL << 59)
#define DESC_XNTABLE    (1ULL << 60)
#define DESC_APTABLE_SHIFT 61
#define DESC_NSTABLE    (1ULL << 63)

/* ID register fields used by the MMU */
#define ID_MMFR0_PARANGE(v)  mmu_extract(v, 0, 4)
#define ID_MMFR0_TGRAN16(v)  mmu_extract(v, 20, 4)
#define ID_MMFR0_TGRAN64(v)  mmu_extract(v, 24, 4)
#define ID_MMFR0_TGRAN4(v)   mmu_extract(v, 28, 4)
#define ID_MMFR0_TGRAN16_2(v) mmu_extract(v, 32, 4)
#define ID_MMFR0_TGRAN64_2(v) mmu_extract(v, 36, 4)
#define ID_MMFR0_TGRAN4_2(v) mmu_extract(v, 40, 4)
#define ID_MMFR1_HAFDBS(v)   mmu_extract(v, 0, 4)
#define ID_MMFR1_HPDS(v)     mmu_extract(v, 12, 4)
#define ID_MMFR1_PAN(v)      mmu_extract(v, 20, 4)
#define ID_MMFR1_XNX(v)      mmu_extract(v, 28, 4)
#define ID_MMFR2_VARANGE(v)  mmu_extract(v, 16, 4)
#define ID_MMFR2_ST(v)       mmu_extract(v, 28, 4)
#define ID_MMFR2_E0PD(v)     mmu_extract(v, 60, 4)
#define ID_ISAR0_TLB(v)      mmu_extract(v, 56, 4)
#define ID_ISAR1_XS(v)       mmu_extract(v, 56, 4)

/* Sets of MMU indexes flushed together */
#define MMU_IDXMAP_E10  ((1u << ARM_MMU_E10_0) | (1u << ARM_MMU_E10_1) | \
                         (1u << ARM_MMU_E10_1_PAN))
#define MMU_IDXMAP_E20  ((1u << ARM_MMU_E20_0) | (1u << ARM_MMU_E20_2) | \
                         (1u << ARM_MMU_E20_2_PAN))
#define MMU_IDXMAP_E2   (1u << ARM_MMU_E2)
#define MMU_IDXMAP_E3   (1u << ARM_MMU_E3)
#define MMU_IDXMAP_S2   (1u << ARM_MMU_STAGE2)

/* A translation regime and the privilege of an access in it (D8.1.2). */
typedef enum MMURegimeKind {
    MMU_REGIME_E10,             /* EL1&0: SCTLR_EL1, TCR_EL1, TTBR0/1_EL1 */
    MMU_REGIME_E20,             /* EL2&0 (VHE): the EL2 registers, two ranges */
    MMU_REGIME_E2,              /* EL2 (nVHE): one range */
    MMU_REGIME_E3,
    MMU_REGIME_STAGE2,          /* stage 2 only (IPA in) */
    MMU_REGIME_PHYS,
} MMURegimeKind;

typedef struct MMURegime {
    MMURegimeKind kind;
    int el;                     /* EL of the controlling registers */
    bool two_ranges;            /* TTBR0 and TTBR1, EL0 and privileged access */
    bool user;                  /* EL0 (unprivileged) access */
    bool pan;                   /* PSTATE.PAN applies to data accesses */
} MMURegime;

/* The regime of an MMU index; false for an unknown index. */
bool mmu_regime_of(int mmu_idx, MMURegime *r);
/* The CPU's physical address size in bits, from ID_AA64MMFR0.PARange. */
int mmu_pa_bits(ARMCPU *cpu);
/* PS/IPS encoding -> bits, clamped to the implemented size (D17.2.131). */
int mmu_ps_bits(ARMCPU *cpu, unsigned ps);

/* TLB flushes, on this CPU or broadcast to all CPUs (IS/OS forms). */
void mmu_flush_idx(CPUARMState *env, uint16_t idxmap, bool broadcast);
/* Only the entries installed with PAGE_TAGGED (see arm_cpu_tlb_fill). */
void mmu_flush_tagged_idx(CPUARMState *env, uint16_t idxmap, bool broadcast);
void mmu_flush_va_range(CPUARMState *env, vaddr addr, uint64_t len,
                        uint16_t idxmap, bool broadcast);

/* Registers the AT rows (mmu-at.c); called by arm_mmu_register_sysregs. */
void arm_mmu_at_register(ARMCPU *cpu);
/* PAR_EL1 value of an AT instruction's walk result (mmu-at.c). */
uint64_t arm_mmu_par(bool ok, const ARMMMUResult *res);

static inline ARMCPU *mmu_cpu(CPUARMState *env)
{
    return env_archcpu(env);
}

#endif
