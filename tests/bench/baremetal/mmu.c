/*
 * mmu.c — the identity map of the bare-metal benchmark programs (bench.h).
 *
 * 4 KiB granule, 39-bit virtual addresses (TCR_EL1.T0SZ = 25), so the walk
 * starts at level 1 (Arm ARM D8.2, "Translation table walk"):
 *   level 1 entry 0   0x00000000-0x3fffffff  one 1 GiB Device-nGnRnE block
 *                                            (UART, GIC, virtio...)
 *   level 1 entry 1   0x40000000-0x7fffffff  level 2 table of 2 MiB blocks
 *   level 1 entry 2   0x80000000-0xbfffffff  level 2 table of 2 MiB blocks
 * RAM is Normal write-back, inner shareable. mmu_map_4k() swaps 2 MiB blocks
 * for level 3 tables, so that a workload touches one TLB entry per 4 KiB.
 *
 * mmu_init() runs with the MMU off, where all data accesses are Device
 * accesses that must be aligned: this file is compiled with -mstrict-align.
 */
#include "bench.h"

#define DESC_BLOCK   0x1ull
#define DESC_TABLE   0x3ull            /* also "page" at level 3 */
#define DESC_ATTR(i) ((uint64_t)(i) << 2)
#define DESC_SH_IS   (3ull << 8)
#define DESC_AF      (1ull << 10)
#define DESC_PXN     (1ull << 53)
#define DESC_UXN     (1ull << 54)

#define ATTR_DEVICE  0                  /* MAIR attr0: Device-nGnRnE */
#define ATTR_NORMAL  1                  /* MAIR attr1: Normal WB RW-allocate */
#define MAIR_VALUE   (0x00ull | (0xffull << 8))

#define TCR_T0SZ     25ull
#define TCR_IRGN0_WB (1ull << 8)
#define TCR_ORGN0_WB (1ull << 10)
#define TCR_SH0_IS   (3ull << 12)
#define TCR_EPD1     (1ull << 23)       /* no walks through TTBR1_EL1 */
#define TCR_IPS_36   (1ull << 32)

#define SCTLR_M      (1ull << 0)
#define SCTLR_A      (1ull << 1)
#define SCTLR_C      (1ull << 2)
#define SCTLR_I      (1ull << 12)
#define SCTLR_WXN    (1ull << 19)

#define L3_TABLES    128                /* 256 MiB of 4 KiB pages at most */

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2[2][512] __attribute__((aligned(4096)));
static uint64_t l3[L3_TABLES][512] __attribute__((aligned(4096)));
static unsigned l3_used;

#define NORMAL_ATTRS (DESC_AF | DESC_SH_IS | DESC_ATTR(ATTR_NORMAL))

void mmu_init(void)
{
    uint64_t sctlr;

    l1[0] = 0x0ull | DESC_BLOCK | DESC_AF | DESC_ATTR(ATTR_DEVICE) |
            DESC_PXN | DESC_UXN;
    for (int t = 0; t < 2; t++) {
        uint64_t base = BENCH_RAM_BASE + ((uint64_t)t << 30);

        for (int i = 0; i < 512; i++) {
            l2[t][i] = (base + ((uint64_t)i << 21)) | DESC_BLOCK | NORMAL_ATTRS;
        }
        l1[1 + t] = (uint64_t)(uintptr_t)l2[t] | DESC_TABLE;
    }

    __asm__ volatile(
        "msr mair_el1, %0\n"
        "msr tcr_el1, %1\n"
        "msr ttbr0_el1, %2\n"
        "dsb ish\n"
        "tlbi vmalle1\n"
        "dsb ish\n"
        "isb\n"
        :: "r"(MAIR_VALUE),
           "r"(TCR_T0SZ | TCR_IRGN0_WB | TCR_ORGN0_WB | TCR_SH0_IS |
               TCR_EPD1 | TCR_IPS_36),
           "r"((uint64_t)(uintptr_t)l1)
        : "memory");
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    sctlr |= SCTLR_M | SCTLR_C | SCTLR_I;
    sctlr &= ~(SCTLR_A | SCTLR_WXN);
    __asm__ volatile("msr sctlr_el1, %0\n"
                     "isb\n" :: "r"(sctlr) : "memory");
}

void mmu_map_4k(uintptr_t start, size_t size)
{
    uintptr_t end = start + size;

    if ((start | size) & 0x1fffff || start < BENCH_RAM_BASE ||
        end > BENCH_RAM_BASE + BENCH_RAM_SIZE ||
        size / 0x200000 > L3_TABLES - l3_used) {
        bench_fail("mmu_map_4k: bad range");
    }
    /* Break before make (Arm ARM D8.14.1): invalidate the blocks, flush
     * them from the TLB, then install the tables. */
    for (uintptr_t a = start; a < end; a += 0x200000) {
        uint64_t off = a - BENCH_RAM_BASE;
        uint64_t *l3t = l3[l3_used + (a - start) / 0x200000];

        l2[off >> 30][(off >> 21) & 511] = 0;
        for (int i = 0; i < 512; i++) {
            l3t[i] = (a + ((uint64_t)i << 12)) | DESC_TABLE | NORMAL_ATTRS;
        }
    }
    __asm__ volatile("dsb ishst\n"
                     "tlbi vmalle1\n"
                     "dsb ish\n" ::: "memory");
    for (uintptr_t a = start; a < end; a += 0x200000) {
        uint64_t off = a - BENCH_RAM_BASE;

        l2[off >> 30][(off >> 21) & 511] =
            (uint64_t)(uintptr_t)l3[l3_used++] | DESC_TABLE;
    }
    __asm__ volatile("dsb ishst\n"
                     "isb\n" ::: "memory");
}
