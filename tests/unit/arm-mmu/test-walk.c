/*
 * test-walk.c — unit tests of the arm64 stage 1 translation table walk
 * (target/arm/mmu-walk.c): tables built in guest RAM, then arm_mmu_walk()
 * for each granule and start level, blocks, both VA ranges, TxSZ limits,
 * permissions (AP, UXN/PXN, PAN, WXN, hierarchical, HPD), the Access flag
 * and dirty state with hardware updates, TBI, EPD/E0PD, MMU off, 52-bit
 * formats (FEAT_LPA, FEAT_LPA2), big-endian tables and walk aborts.
 */
#include "harness.h"

#define DATA_PA     (RAM_BASE + 0x200000)
#define RWX         (PAGE_READ | PAGE_WRITE | PAGE_EXEC)

/* ---- MMU off ------------------------------------------------------------ */

static void test_mmu_off(void)
{
    ARMMMUResult res;

    machine_reset();
    tenv->sys.sctlr_el[1] = 0;
    g_assert_true(walk(0x40001234, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, 0x40001234);
    g_assert_cmpint(res.prot, ==, RWX);
    g_assert_cmphex(res.attrs, ==, 0x00);           /* Device-nGnRnE */
    g_assert_true(res.device);
    g_assert_cmpint(res.sh, ==, 2);

    /* Instruction fetches are Normal: Non-cacheable, or WT with SCTLR.I. */
    g_assert_true(walk(0x40001234, MMU_INST_FETCH, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.attrs, ==, 0x44);
    g_assert_false(res.device);
    tenv->sys.sctlr_el[1] = MMU_SCTLR_I;
    g_assert_true(walk(0x40001234, MMU_INST_FETCH, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.attrs, ==, 0xaa);

    /* Beyond the 48-bit PA: address size fault, level 0. */
    assert_fault(1ULL << 48, MMU_DATA_LOAD, ARM_MMU_E10_1, ARM_FAULT_ADDR_SIZE, 0);
    /* With TBI0 the top byte is ignored even with the MMU off. */
    assert_fault(0x5a00000040001000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1,
                 ARM_FAULT_ADDR_SIZE, 0);
    tenv->sys.tcr_el[1] |= TCR_TBI0;
    g_assert_true(walk(0x5a00000040001000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, 0x40001000);

    /* ARM_MMU_PHYS is the identity whatever the registers say. */
    tenv->sys.sctlr_el[1] = MMU_SCTLR_M;
    g_assert_true(walk(0x123456789ULL, MMU_DATA_STORE, ARM_MMU_PHYS, &res));
    g_assert_cmphex(res.pa, ==, 0x123456789ULL);
}

/* ---- Granules and start levels --------------------------------------------- */

typedef struct GranCase {
    int gran, inputsize, start;
    bool need_st;               /* FEAT_TTST for a small VA */
} GranCase;

static const GranCase gran_cases[] = {
    { 12, 48, 0 }, { 12, 39, 1 }, { 12, 30, 2 }, { 12, 21, 3, true },
    { 14, 48, 0 }, { 14, 47, 1 }, { 14, 36, 2 }, { 14, 25, 3 },
    { 16, 48, 1 }, { 16, 42, 2 }, { 16, 29, 3 },
};

static void test_granules(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(gran_cases); i++) {
        const GranCase *gc = &gran_cases[i];
        uint64_t gsize = 1ULL << gc->gran;
        uint64_t lo_va = 3 * gsize + 0x18;
        uint64_t hi_va = (1ULL << gc->inputsize) - gsize + 0x20;
        uint64_t t1_va = ~0ULL << gc->inputsize | (5 * gsize) | 0x28;
        hwaddr pa0 = ROUND_UP(DATA_PA, gsize), pa1 = pa0 + gsize, pa2 = pa1 + gsize;
        ARMMMUResult res;
        PT pt0, pt1;

        machine_reset();
        if (gc->need_st) {
            tcpu->isar.id_aa64mmfr2 |= 1ULL << 28;
        }
        pt_init(&pt0, gc->gran, gc->inputsize, -99);
        pt_init(&pt1, gc->gran, gc->inputsize, -99);
        g_assert_cmpint(pt0.start, ==, gc->start);
        pt_map(&pt0, lo_va, pa0, 3, S1_DEFAULT);
        pt_map(&pt0, hi_va, pa1, 3, S1_DEFAULT);
        pt_map(&pt1, t1_va, pa2, 3, S1_DEFAULT);
        use_ttbr0(&pt0, gc->gran);
        use_ttbr1(&pt1, gc->gran);

        g_assert_true(walk(lo_va, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
        g_assert_cmphex(res.pa, ==, pa0 + (lo_va & (gsize - 1)));
        g_assert_cmpint(res.level, ==, 3);
        g_assert_cmpuint(res.page_size, ==, gsize);
        g_assert_cmpint(res.prot, ==, RWX);
        g_assert_cmphex(res.attrs, ==, 0xff);
        g_assert_cmpint(res.sh, ==, 3);
        g_assert_true(walk(hi_va, MMU_DATA_STORE, ARM_MMU_E10_1, &res));
        g_assert_cmphex(res.pa, ==, pa1 + (hi_va & (gsize - 1)));
        g_assert_true(walk(t1_va, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
        g_assert_cmphex(res.pa, ==, pa2 + (t1_va & (gsize - 1)));
        /* Unmapped neighbours: translation fault at the last level. */
        assert_fault(lo_va + gsize, MMU_DATA_LOAD, ARM_MMU_E10_1,
                     ARM_FAULT_TRANSLATION, 3);
        /* Just above the TTBR0 range, just below the TTBR1 range. */
        if (gc->inputsize < 48) {
            assert_fault(1ULL << gc->inputsize, MMU_DATA_LOAD, ARM_MMU_E10_1,
                         ARM_FAULT_TRANSLATION, 0);
            assert_fault((~0ULL << gc->inputsize) - gsize, MMU_DATA_LOAD,
                         ARM_MMU_E10_1, ARM_FAULT_TRANSLATION, 0);
        }
    }
}

/* The TTBR0 range is only reachable with an address whose top bits are 0,
 * TTBR1 with all ones; anything else faults at level 0. */
static void test_ranges(void)
{
    machine_reset();
    assert_fault(0x0001000000000000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1,
                 ARM_FAULT_TRANSLATION, 0);
    assert_fault(0xfffe000000000000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1,
                 ARM_FAULT_TRANSLATION, 0);
    assert_fault(0x8000000000001000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1,
                 ARM_FAULT_TRANSLATION, 0);
}

/* ---- Blocks ------------------------------------------------------------- */

static void test_blocks(void)
{
    ARMMMUResult res;
    PT pt;

    /* 4K: 1 GiB blocks at level 1, 2 MiB at level 2, none at level 0. */
    machine_reset();
    pt_init(&pt, 12, 48, -99);
    pt_map(&pt, 0x40000000ULL, RAM_BASE, 1, S1_DEFAULT);
    pt_map(&pt, 0x80200000ULL, RAM_BASE + 0x200000, 2, S1_DEFAULT);
    pt_map(&pt, 0x8000000000ULL, RAM_BASE, 0, S1_DEFAULT);
    use_ttbr0(&pt, 12);
    g_assert_true(walk(0x40123456ULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, RAM_BASE + 0x123456);
    g_assert_cmpint(res.level, ==, 1);
    g_assert_cmpuint(res.page_size, ==, 1 * GiB);
    g_assert_true(walk(0x802fedcbULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, RAM_BASE + 0x2fedcb);
    g_assert_cmpint(res.level, ==, 2);
    g_assert_cmpuint(res.page_size, ==, 2 * MiB);
    assert_fault(0x8000001000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1,
                 ARM_FAULT_TRANSLATION, 0);
    /* Level 3 with bit 1 clear is reserved. */
    wr64(pt_slot(&pt, 0x1000, 3), DATA_PA | S1_DEFAULT | 1);
    assert_fault(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, ARM_FAULT_TRANSLATION, 3);

    /* 16K: 32 MiB blocks at level 2; level 1 only with FEAT_LPA2. */
    machine_reset();
    pt_init(&pt, 14, 48, -99);
    pt_map(&pt, 0x2000000ULL, RAM_BASE, 2, S1_DEFAULT);
    pt_map(&pt, 0x1000000000ULL, RAM_BASE, 1, S1_DEFAULT);
    use_ttbr0(&pt, 14);
    g_assert_true(walk(0x2abcdefULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, RAM_BASE + 0xabcdef);
    g_assert_cmpuint(res.page_size, ==, 32 * MiB);
    assert_fault(0x1000000000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1,
                 ARM_FAULT_TRANSLATION, 1);

    /* 64K: 512 MiB blocks at level 2; level 1 only with 52-bit PAs. */
    machine_reset();
    pt_init(&pt, 16, 48, -99);
    pt_map(&pt, 0x20000000ULL, RAM_BASE, 2, S1_DEFAULT);
    pt_map(&pt, 0x40000000000ULL, RAM_BASE, 1, S1_DEFAULT);
    use_ttbr0(&pt, 16);
    g_assert_true(walk(0x21234567ULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, RAM_BASE + 0x1234567);
    g_assert_cmpuint(res.page_size, ==, 512 * MiB);
    assert_fault(0x40000000000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1,
                 ARM_FAULT_TRANSLATION, 1);
}

/* ---- TxSZ limits ------------------------------------------------------------ */

static void test_txsz_limits(void)
{
    ARMMMUResult res;
    PT pt;

    /* T0SZ below 16 without FEAT_LVA: level 0 translation fault. */
    machine_reset();
    pt_init(&pt, 12, 48, -99);
    pt_map(&pt, 0x1000, DATA_PA, 3, S1_DEFAULT);
    use_ttbr0(&pt, 12);
    g_assert_true(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    tenv->sys.tcr_el[1] = (tenv->sys.tcr_el[1] & ~mmu_mask(5, 0)) | 15;
    assert_fault(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, ARM_FAULT_TRANSLATION, 0);

    /* T0SZ 40 (24-bit VA) needs FEAT_TTST. */
    machine_reset();
    pt_init(&pt, 12, 24, -99);
    g_assert_cmpint(pt.start, ==, 2);
    pt_map(&pt, 0x3000, DATA_PA, 3, S1_DEFAULT);
    use_ttbr0(&pt, 12);
    assert_fault(0x3000, MMU_DATA_LOAD, ARM_MMU_E10_1, ARM_FAULT_TRANSLATION, 0);
    tcpu->isar.id_aa64mmfr2 |= 1ULL << 28;          /* ST */
    g_assert_true(walk(0x3000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, DATA_PA);

    /* 52-bit VA with 64K pages needs FEAT_LVA (ID_AA64MMFR2.VARange). */
    machine_reset();
    pt_init(&pt, 16, 52, -99);
    g_assert_cmpint(pt.start, ==, 1);
    pt_map(&pt, 0xf000000010000ULL, DATA_PA, 3, S1_DEFAULT);
    use_ttbr0(&pt, 16);
    assert_fault(0xf000000010000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1,
                 ARM_FAULT_TRANSLATION, 0);
    tcpu->isar.id_aa64mmfr2 |= 1ULL << 16;          /* VARange = 52 bits */
    g_assert_true(walk(0xf000000010008ULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, DATA_PA + 8);
}

/* ---- Permissions ------------------------------------------------------------- */

/* Expected PAGE_* of a page with AP[2:1] = ap, UXN, PXN (D8.4.1 tables). */
static int expect_prot(unsigned ap, bool uxn, bool pxn, bool user, bool wxn)
{
    bool el0 = ap & 1, ro = ap & 2, user_w = el0 && !ro;
    int prot;

    if (user) {
        prot = (el0 ? PAGE_READ : 0) | (user_w ? PAGE_WRITE : 0);
        if (!uxn && !(wxn && user_w)) {
            prot |= PAGE_EXEC;
        }
    } else {
        prot = PAGE_READ | (ro ? 0 : PAGE_WRITE);
        if (!pxn && !user_w && !(wxn && !ro)) {
            prot |= PAGE_EXEC;
        }
    }
    return prot;
}

static void check_prot(vaddr va, int idx, int expect, int level)
{
    static const MMUAccessType accs[3] = { MMU_DATA_LOAD, MMU_DATA_STORE,
                                           MMU_INST_FETCH };
    static const int need[3] = { PAGE_READ, PAGE_WRITE, PAGE_EXEC };
    ARMMMUResult res;

    for (int i = 0; i < 3; i++) {
        if (expect & need[i]) {
            g_assert_true(walk(va, accs[i], idx, &res));
            g_assert_cmpint(res.prot, ==, expect);
        } else {
            assert_fault(va, accs[i], idx, ARM_FAULT_PERMISSION, level);
        }
    }
}

static void test_permissions(void)
{
    PT pt;
    int n = 0;

    for (int wxn = 0; wxn < 2; wxn++) {
        machine_reset();
        if (wxn) {
            tenv->sys.sctlr_el[1] |= MMU_SCTLR_WXN;
        }
        pt_init(&pt, 12, 48, -99);
        use_ttbr0(&pt, 12);
        for (unsigned ap = 0; ap < 4; ap++) {
            for (int xn = 0; xn < 4; xn++) {
                bool uxn = xn & 1, pxn = xn & 2;
                vaddr va = 0x100000 + (uint64_t)n++ * 0x1000;

                pt_map(&pt, va, DATA_PA, 3, S1_DEFAULT | S1_AP(ap) |
                       (uxn ? DESC_UXN : 0) | (pxn ? DESC_PXN : 0));
                check_prot(va, ARM_MMU_E10_0, expect_prot(ap, uxn, pxn, true, wxn), 3);
                check_prot(va, ARM_MMU_E10_1, expect_prot(ap, uxn, pxn, false, wxn), 3);
            }
        }
    }

    /* Permission faults report the level of the block. */
    machine_reset();
    pt_init(&pt, 12, 48, -99);
    use_ttbr0(&pt, 12);
    pt_map(&pt, 0x40000000ULL, RAM_BASE, 2, S1_DEFAULT | S1_AP(2));
    assert_fault(0x40000000ULL, MMU_DATA_STORE, ARM_MMU_E10_1, ARM_FAULT_PERMISSION, 2);
    assert_fault(0x40000000ULL, MMU_DATA_LOAD, ARM_MMU_E10_0, ARM_FAULT_PERMISSION, 2);
}

/* PSTATE.PAN (the _PAN indexes): no EL1 data access to what EL0 can
 * access; instruction fetches are not affected. */
static void test_pan(void)
{
    ARMMMUResult res;
    PT pt;

    machine_reset();
    pt_init(&pt, 12, 48, -99);
    use_ttbr0(&pt, 12);
    pt_map(&pt, 0x1000, DATA_PA, 3, S1_DEFAULT | S1_AP(0));     /* EL1 only */
    pt_map(&pt, 0x2000, DATA_PA, 3, S1_DEFAULT | S1_AP(1));     /* EL0 RW */
    pt_map(&pt, 0x3000, DATA_PA, 3, S1_DEFAULT | S1_AP(3));     /* EL0 RO */
    g_assert_true(walk(0x1000, MMU_DATA_STORE, ARM_MMU_E10_1_PAN, &res));
    assert_fault(0x2000, MMU_DATA_LOAD, ARM_MMU_E10_1_PAN, ARM_FAULT_PERMISSION, 3);
    assert_fault(0x2000, MMU_DATA_STORE, ARM_MMU_E10_1_PAN, ARM_FAULT_PERMISSION, 3);
    assert_fault(0x3000, MMU_DATA_LOAD, ARM_MMU_E10_1_PAN, ARM_FAULT_PERMISSION, 3);
    g_assert_true(walk(0x3000, MMU_INST_FETCH, ARM_MMU_E10_1_PAN, &res));
    g_assert_cmpint(res.prot, ==, PAGE_EXEC);
    g_assert_true(walk(0x3000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    /* EL0 access through APTable[0] = 1 is removed: PAN does not apply. */
    pt_map(&pt, 0x40000000ULL + 0x1000, DATA_PA, 3, S1_DEFAULT | S1_AP(1));
    pt_table_bits(&pt, 0x40001000ULL, 2, 1ULL << DESC_APTABLE_SHIFT);
    g_assert_true(walk(0x40001000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1_PAN, &res));
}

/* APTable, XNTable (UXNTable), PXNTable, and TCR.HPD0 disabling them. */
static void test_hierarchical(void)
{
    PT pt;

    for (int hpd = 0; hpd < 2; hpd++) {
        machine_reset();
        pt_init(&pt, 12, 48, -99);
        use_ttbr0(&pt, 12);
        if (hpd) {
            tenv->sys.tcr_el[1] |= TCR_HPD0;
        }
        /* Four 1 GiB regions, one table attribute each (set on the
         * level 1 table descriptors that lead to their level 2 tables). */
        pt_map(&pt, 0x000001000ULL, DATA_PA, 3, S1_DEFAULT | S1_AP(1));
        pt_map(&pt, 0x040001000ULL, DATA_PA, 3, S1_DEFAULT | S1_AP(1));
        pt_map(&pt, 0x080001000ULL, DATA_PA, 3, S1_DEFAULT | S1_AP(0));
        pt_map(&pt, 0x0c0001000ULL, DATA_PA, 3, S1_DEFAULT | S1_AP(0));
        pt_table_bits(&pt, 0x000001000ULL, 1, 1ULL << DESC_APTABLE_SHIFT);
        pt_table_bits(&pt, 0x040001000ULL, 1, DESC_XNTABLE);
        pt_table_bits(&pt, 0x080001000ULL, 1, 2ULL << DESC_APTABLE_SHIFT);
        pt_table_bits(&pt, 0x0c0001000ULL, 1, DESC_PXNTABLE);
        if (hpd) {
            check_prot(0x000001000ULL, ARM_MMU_E10_0, PAGE_READ | PAGE_WRITE | PAGE_EXEC, 3);
            check_prot(0x040001000ULL, ARM_MMU_E10_0, PAGE_READ | PAGE_WRITE | PAGE_EXEC, 3);
            check_prot(0x080001000ULL, ARM_MMU_E10_1, RWX, 3);
            check_prot(0x0c0001000ULL, ARM_MMU_E10_1, RWX, 3);
        } else {
            /* No EL0 access: what EL1 gets back is execute (no longer
             * writable at EL0). */
            check_prot(0x000001000ULL, ARM_MMU_E10_0, PAGE_EXEC, 3);
            check_prot(0x000001000ULL, ARM_MMU_E10_1, RWX, 3);
            check_prot(0x040001000ULL, ARM_MMU_E10_0, PAGE_READ | PAGE_WRITE, 3);
            check_prot(0x080001000ULL, ARM_MMU_E10_1, PAGE_READ | PAGE_EXEC, 3);
            check_prot(0x0c0001000ULL, ARM_MMU_E10_1, PAGE_READ | PAGE_WRITE, 3);
        }
    }
}

/* EL2 (nVHE), EL2&0 and EL3 regimes: their registers and formats. */
static void test_other_regimes(void)
{
    ARMMMUResult res;
    PT pt;

    /* EL2, one range, one privilege: AP[2] read-only, XN at bit 54. */
    machine_reset();
    pt_init(&pt, 12, 40, -99);
    pt_map(&pt, 0x1000, DATA_PA, 3, S1_DEFAULT);
    pt_map(&pt, 0x2000, DATA_PA, 3, S1_DEFAULT | S1_AP(2) | DESC_UXN);
    tenv->sys.sctlr_el[2] = MMU_SCTLR_M;
    tenv->sys.tcr_el[2] = 24 | (5ull << TCR2_PS_SHIFT);
    tenv->sys.ttbr0_el[2] = pt.root;
    tenv->sys.mair_el[2] = 0x44;
    check_prot(0x1000, ARM_MMU_E2, RWX, 3);
    check_prot(0x2000, ARM_MMU_E2, PAGE_READ, 3);
    g_assert_true(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E2, &res));
    g_assert_cmphex(res.attrs, ==, 0x44);
    /* No TTBR1 range in the EL2 regime. */
    assert_fault(0xffffff8000001000ULL, MMU_DATA_LOAD, ARM_MMU_E2,
                 ARM_FAULT_TRANSLATION, 0);
    /* TCR_EL2.TBI (bit 20) in the one-range format. */
    assert_fault(0x7700000000001000ULL, MMU_DATA_LOAD, ARM_MMU_E2,
                 ARM_FAULT_TRANSLATION, 0);
    tenv->sys.tcr_el[2] |= TCR2_TBI;
    g_assert_true(walk(0x7700000000001000ULL, MMU_DATA_LOAD, ARM_MMU_E2, &res));

    /* EL2&0: the EL1 format of TCR_EL2, TTBR1_EL2, EL0 permissions. */
    machine_reset();
    pt_init(&pt, 16, 48, -99);
    pt_map(&pt, 0xffff000000010000ULL, DATA_PA, 3, S1_DEFAULT | S1_AP(1));
    tenv->sys.sctlr_el[2] = MMU_SCTLR_M;
    tenv->sys.tcr_el[2] = (16ull << TCR_T1SZ_SHIFT) | ((uint64_t)tg1_of(16) << TCR_TG1_SHIFT) |
                          (5ull << TCR_IPS_SHIFT) | TCR_EPD0;
    tenv->sys.ttbr1_el[2] = pt.root;
    check_prot(0xffff000000010000ULL, ARM_MMU_E20_0, PAGE_READ | PAGE_WRITE | PAGE_EXEC, 3);
    check_prot(0xffff000000010000ULL, ARM_MMU_E20_2, PAGE_READ | PAGE_WRITE, 3);
    assert_fault(0xffff000000010000ULL, MMU_DATA_LOAD, ARM_MMU_E20_2_PAN,
                 ARM_FAULT_PERMISSION, 3);
    assert_fault(0x10000, MMU_DATA_LOAD, ARM_MMU_E20_2, ARM_FAULT_TRANSLATION, 0);

    /* EL3 */
    machine_reset();
    tenv->features |= 1ull << ARM_FEATURE_EL3;
    pt_init(&pt, 12, 39, -99);
    pt_map(&pt, 0x5000, DATA_PA, 3, S1_DEFAULT | DESC_NS);
    pt_map(&pt, 0x6000, DATA_PA, 3, S1_DEFAULT);
    tenv->sys.sctlr_el[3] = MMU_SCTLR_M;
    tenv->sys.tcr_el[3] = 25 | (5ull << TCR2_PS_SHIFT);
    tenv->sys.ttbr0_el[3] = pt.root;
    g_assert_true(walk(0x5000, MMU_DATA_LOAD, ARM_MMU_E3, &res));
    g_assert_cmphex(res.pa, ==, DATA_PA);
    g_assert_true(res.ns);
    g_assert_true(walk(0x6000, MMU_DATA_LOAD, ARM_MMU_E3, &res));
    g_assert_false(res.ns);
}

/* ---- Access flag and dirty state --------------------------------------------- */

static void test_access_flag(void)
{
    ARMMMUResult res;
    hwaddr slot, blk;
    PT pt;

    machine_reset();
    pt_init(&pt, 12, 48, -99);
    use_ttbr0(&pt, 12);
    slot = pt_map(&pt, 0x1000, DATA_PA, 3, S1_ISH);
    blk = pt_map(&pt, 0x40000000ULL, RAM_BASE, 2, S1_ISH);

    /* Software management: Access flag fault at the leaf's level. */
    assert_fault(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, ARM_FAULT_ACCESS_FLAG, 3);
    assert_fault(0x40000000ULL, MMU_INST_FETCH, ARM_MMU_E10_1, ARM_FAULT_ACCESS_FLAG, 2);
    g_assert_cmphex(rd64(slot) & DESC_AF, ==, 0);
    /* The debugger sees through it and changes nothing. */
    g_assert_true(arm_mmu_walk(tenv, 0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1,
                               ARM_WALK_DEBUG, &res));
    g_assert_cmphex(res.pa, ==, DATA_PA);
    g_assert_cmphex(rd64(slot) & DESC_AF, ==, 0);

    /* TCR.HA without FEAT_HAFDBS does nothing. */
    tenv->sys.tcr_el[1] |= TCR_HA;
    tcpu->isar.id_aa64mmfr1 &= ~0xfULL;
    assert_fault(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, ARM_FAULT_ACCESS_FLAG, 3);

    /* Hardware management: AT-style walks succeed without writing... */
    tcpu->isar.id_aa64mmfr1 |= 1;
    g_assert_true(arm_mmu_walk(tenv, 0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1,
                               ARM_WALK_NO_HW_UPDATE, &res));
    g_assert_cmphex(rd64(slot) & DESC_AF, ==, 0);
    /* ...accesses set AF in the descriptor. */
    g_assert_true(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(rd64(slot), ==, DATA_PA | S1_ISH | DESC_AF | 3);
    g_assert_true(walk(0x40000000ULL, MMU_DATA_STORE, ARM_MMU_E10_1, &res));
    g_assert_cmphex(rd64(blk), ==, RAM_BASE | S1_ISH | DESC_AF | 1);
}

/* Tables outside RAM cannot be updated atomically: the access faults as
 * if hardware management were off. */
static void test_access_flag_mmio_table(void)
{
    ARMMMUResult res;

    machine_reset();
    /* 25-bit VA, 4K: start level 2 with 16 entries, at MMIO_BASE; the
     * level 3 table at MMIO_BASE + 0x1000. */
    wr64(MMIO_BASE + 8 * 1, (MMIO_BASE + 0x1000) | 3);
    wr64(MMIO_BASE + 0x1000 + 8 * 2, DATA_PA | S1_ISH | 3);          /* no AF */
    wr64(MMIO_BASE + 0x1000 + 8 * 3, DATA_PA | S1_ISH | DESC_AF | 3);
    tenv->sys.tcr_el[1] = (tenv->sys.tcr_el[1] & ~mmu_mask(5, 0)) | 39 | TCR_HA;
    tenv->sys.ttbr0_el[1] = MMIO_BASE;
    g_assert_true(walk(0x203008, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, DATA_PA + 8);
    assert_fault(0x202000, MMU_DATA_LOAD, ARM_MMU_E10_1, ARM_FAULT_ACCESS_FLAG, 3);
    g_assert_cmphex(rd64(MMIO_BASE + 0x1000 + 8 * 2) & DESC_AF, ==, 0);
}

static void test_dirty_bit(void)
{
    ARMMMUResult res;
    hwaddr s1, s2, s3, s4;
    PT pt;

    machine_reset();
    pt_init(&pt, 12, 48, -99);
    use_ttbr0(&pt, 12);
    s1 = pt_map(&pt, 0x1000, DATA_PA, 3, S1_DEFAULT | S1_AP(2) | DESC_DBM);
    s2 = pt_map(&pt, 0x2000, DATA_PA, 3, S1_DEFAULT | S1_AP(3) | DESC_DBM);
    s3 = pt_map(&pt, 0x40001000ULL, DATA_PA, 3, S1_DEFAULT | S1_AP(2) | DESC_DBM);
    pt_table_bits(&pt, 0x40001000ULL, 2, 2ULL << DESC_APTABLE_SHIFT);
    s4 = pt_map(&pt, 0x3000, DATA_PA, 3, S1_DEFAULT | S1_AP(2));

    /* Without TCR.HD a writable-clean page is read-only. */
    tenv->sys.tcr_el[1] |= TCR_HA;
    assert_fault(0x1000, MMU_DATA_STORE, ARM_MMU_E10_1, ARM_FAULT_PERMISSION, 3);

    tenv->sys.tcr_el[1] |= TCR_HD;
    /* A read keeps it clean (and the TLB entry read-only). */
    g_assert_true(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmpint(res.prot & PAGE_WRITE, ==, 0);
    g_assert_cmphex(rd64(s1) & DESC_AP2, ==, DESC_AP2);
    /* A write makes it dirty: AP[2] cleared in memory. */
    g_assert_true(walk(0x1000, MMU_DATA_STORE, ARM_MMU_E10_1, &res));
    g_assert_cmpint(res.prot & PAGE_WRITE, ==, PAGE_WRITE);
    g_assert_cmphex(rd64(s1), ==, DATA_PA | S1_DEFAULT | DESC_DBM | 3);
    /* EL0 read-only + DBM becomes EL0 read/write. */
    g_assert_true(walk(0x2000, MMU_DATA_STORE, ARM_MMU_E10_0, &res));
    g_assert_cmphex(rd64(s2), ==, DATA_PA | S1_DEFAULT | S1_AP(1) | DESC_DBM | 3);
    /* APTable[1] forbids the write: no update, permission fault. */
    assert_fault(0x40001000ULL, MMU_DATA_STORE, ARM_MMU_E10_1, ARM_FAULT_PERMISSION, 3);
    g_assert_cmphex(rd64(s3) & DESC_AP2, ==, DESC_AP2);
    /* No DBM: a plain read-only page. */
    assert_fault(0x3000, MMU_DATA_STORE, ARM_MMU_E10_1, ARM_FAULT_PERMISSION, 3);
    g_assert_cmphex(rd64(s4) & DESC_AP2, ==, DESC_AP2);
}

/* ---- TBI, EPD, E0PD ----------------------------------------------------------- */

static void test_tbi(void)
{
    ARMMMUResult res;
    PT pt0, pt1;

    machine_reset();
    pt_init(&pt0, 12, 48, -99);
    pt_init(&pt1, 12, 48, -99);
    pt_map(&pt0, 0x12345000ULL, DATA_PA, 3, S1_DEFAULT);
    pt_map(&pt1, 0xffff800000001000ULL, DATA_PA + 0x1000, 3, S1_DEFAULT);
    use_ttbr0(&pt0, 12);
    use_ttbr1(&pt1, 12);

    assert_fault(0xab00000012345000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1,
                 ARM_FAULT_TRANSLATION, 0);
    tenv->sys.tcr_el[1] |= TCR_TBI0;
    g_assert_true(walk(0xab00000012345678ULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, DATA_PA + 0x678);
    /* TBI0 does not cover the TTBR1 half. */
    assert_fault(0x00ff800000001000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1,
                 ARM_FAULT_TRANSLATION, 0);
    tenv->sys.tcr_el[1] |= TCR_TBI1;
    g_assert_true(walk(0x00ff800000001000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, DATA_PA + 0x1000);
    /* Instruction fetches: TBI applies unless TBID. */
    g_assert_true(walk(0xab00000012345000ULL, MMU_INST_FETCH, ARM_MMU_E10_1, &res));
    tenv->sys.tcr_el[1] |= TCR_TBID0;
    assert_fault(0xab00000012345000ULL, MMU_INST_FETCH, ARM_MMU_E10_1,
                 ARM_FAULT_TRANSLATION, 0);
    g_assert_true(walk(0xab00000012345000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
}

static void test_epd(void)
{
    ARMMMUResult res;
    PT pt0, pt1;

    machine_reset();
    pt_init(&pt0, 12, 48, -99);
    pt_init(&pt1, 12, 48, -99);
    pt_map(&pt0, 0x1000, DATA_PA, 3, S1_DEFAULT | S1_AP(1));
    pt_map(&pt1, 0xffff000000001000ULL, DATA_PA, 3, S1_DEFAULT | S1_AP(1));
    use_ttbr0(&pt0, 12);
    use_ttbr1(&pt1, 12);

    tenv->sys.tcr_el[1] |= TCR_EPD0;
    assert_fault(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, ARM_FAULT_TRANSLATION, 0);
    g_assert_true(walk(0xffff000000001000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    tenv->sys.tcr_el[1] ^= TCR_EPD0 | TCR_EPD1;
    g_assert_true(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    assert_fault(0xffff000000001000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1,
                 ARM_FAULT_TRANSLATION, 0);

    /* E0PD1 (FEAT_E0PD): EL0 cannot reach the TTBR1 half, EL1 can. */
    tenv->sys.tcr_el[1] &= ~TCR_EPD1;
    tenv->sys.tcr_el[1] |= TCR_E0PD1;
    g_assert_true(walk(0xffff000000001000ULL, MMU_DATA_LOAD, ARM_MMU_E10_0, &res));
    tcpu->isar.id_aa64mmfr2 |= 1ULL << 60;
    assert_fault(0xffff000000001000ULL, MMU_DATA_LOAD, ARM_MMU_E10_0,
                 ARM_FAULT_TRANSLATION, 0);
    g_assert_true(walk(0xffff000000001000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
}

/* ---- 52-bit formats ---------------------------------------------------------- */

/* FEAT_LPA: 64K granule, OA[51:48] in descriptor bits 15:12, level 1
 * blocks; with a 48-bit IPS the same descriptor is an address size fault. */
static void test_lpa_64k(void)
{
    ARMMMUResult res;
    PT pt;

    machine_reset();
    tcpu->isar.id_aa64mmfr0 = (tcpu->isar.id_aa64mmfr0 & ~0xfULL) | 6;
    pt_init(&pt, 16, 48, -99);
    pt_map(&pt, 0x10000, 0x40010000ULL | (0xaULL << 12), 3, S1_DEFAULT);
    pt_map(&pt, 0x40000000000ULL, 0x40000000000ULL | (0x3ULL << 12), 1, S1_DEFAULT);
    use_ttbr0(&pt, 16);
    tenv->sys.tcr_el[1] = (tenv->sys.tcr_el[1] & ~(7ULL << TCR_IPS_SHIFT)) |
                          (6ULL << TCR_IPS_SHIFT);
    g_assert_true(walk(0x10010, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, (0xaULL << 48) | 0x40010010ULL);
    g_assert_true(walk(0x40000123456ULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, (0x3ULL << 48) | 0x40000123456ULL);
    g_assert_cmpuint(res.page_size, ==, 4ULL << 40);

    tenv->sys.tcr_el[1] = (tenv->sys.tcr_el[1] & ~(7ULL << TCR_IPS_SHIFT)) |
                          (5ULL << TCR_IPS_SHIFT);
    assert_fault(0x10010, MMU_DATA_LOAD, ARM_MMU_E10_1, ARM_FAULT_ADDR_SIZE, 3);
}

/* FEAT_LPA2 (TCR.DS): 4K granule, 52-bit VA starting at level -1,
 * OA[51:50] in bits 9:8 and shareability from TCR, level 0 blocks; 16K
 * granule with level 1 blocks. */
static void test_lpa2(void)
{
    ARMMMUResult res;
    PT pt;

    machine_reset();
    tcpu->isar.id_aa64mmfr0 = 6 | (1ULL << 28) | (2ULL << 20);
    pt_init(&pt, 12, 52, -99);
    g_assert_cmpint(pt.start, ==, -1);
    pt_map(&pt, 0xf123456789000ULL, 0x40003000ULL | (2ULL << 8), 3, DESC_AF);
    pt_map(&pt, 0x8000000000ULL, 0x8000000000ULL, 0, DESC_AF);
    use_ttbr0(&pt, 12);
    tenv->sys.tcr_el[1] = (tenv->sys.tcr_el[1] & ~((7ULL << TCR_IPS_SHIFT) | (3ULL << TCR_SH0_SHIFT))) |
                          (6ULL << TCR_IPS_SHIFT) | (3ULL << TCR_SH0_SHIFT);
    /* T0SZ = 12 needs DS. */
    assert_fault(0xf123456789abcULL, MMU_DATA_LOAD, ARM_MMU_E10_1,
                 ARM_FAULT_TRANSLATION, 0);
    tenv->sys.tcr_el[1] |= TCR_DS;
    g_assert_true(walk(0xf123456789abcULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, (2ULL << 50) | 0x40003abcULL);
    g_assert_cmpint(res.sh, ==, 3);
    g_assert_true(walk(0x8000001234ULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmpint(res.level, ==, 0);
    g_assert_cmpuint(res.page_size, ==, 512 * GiB);
    /* An unmapped top-level entry faults at level -1 (DFSC 0x2b). */
    assert_fault(0x1000000001000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1,
                 ARM_FAULT_TRANSLATION, -1);
    assert_fault(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, ARM_FAULT_TRANSLATION, 0);
    g_assert_cmphex(arm_mmu_fsc(&(ARMMMUFault){ .type = ARM_FAULT_TRANSLATION,
                                                .level = -1 }), ==, 0x2b);

    /* 16K with DS: 52-bit VA from level 0, 64 GiB blocks at level 1. */
    machine_reset();
    tcpu->isar.id_aa64mmfr0 = 6 | (1ULL << 28) | (2ULL << 20);
    pt_init(&pt, 14, 52, -99);
    g_assert_cmpint(pt.start, ==, 0);
    pt_map(&pt, 0x1000000000ULL, 0x1000000000ULL | (1ULL << 8), 1, DESC_AF);
    pt_map(&pt, 0x8000000004000ULL, DATA_PA, 3, DESC_AF);
    use_ttbr0(&pt, 14);
    tenv->sys.tcr_el[1] = (tenv->sys.tcr_el[1] & ~(7ULL << TCR_IPS_SHIFT)) |
                          (6ULL << TCR_IPS_SHIFT) | TCR_DS;
    g_assert_true(walk(0x1234567890ULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, (1ULL << 50) | 0x1234567890ULL);
    g_assert_cmpint(res.level, ==, 1);
    g_assert_cmpuint(res.page_size, ==, 64 * GiB);
    g_assert_true(walk(0x8000000004008ULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, DATA_PA + 8);
    /* Without FEAT_LPA2 for 16K, DS is ignored: T0SZ 12 is out of range. */
    tcpu->isar.id_aa64mmfr0 = 6 | (1ULL << 28) | (1ULL << 20);
    assert_fault(0x8000000004008ULL, MMU_DATA_LOAD, ARM_MMU_E10_1,
                 ARM_FAULT_TRANSLATION, 0);
}

/* ---- Address size faults, walk aborts, big-endian tables ------------------ */

static void test_address_size(void)
{
    PT pt;

    machine_reset();
    pt_init(&pt, 12, 48, -99);
    pt_map(&pt, 0x1000, DATA_PA, 3, S1_DEFAULT);
    use_ttbr0(&pt, 12);
    /* IPS = 40 bits: a TTBR above that is a level 0 address size fault. */
    tenv->sys.tcr_el[1] = (tenv->sys.tcr_el[1] & ~(7ULL << TCR_IPS_SHIFT)) |
                          (2ULL << TCR_IPS_SHIFT);
    tenv->sys.ttbr0_el[1] = pt.root | (1ULL << 44);
    assert_fault(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, ARM_FAULT_ADDR_SIZE, 0);
    /* A level 1 table address above it: address size fault at level 1. */
    tenv->sys.ttbr0_el[1] = pt.root;
    wr64(pt_slot(&pt, 0x1000, 1), rd64(pt_slot(&pt, 0x1000, 1)) | (1ULL << 41));
    assert_fault(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, ARM_FAULT_ADDR_SIZE, 1);
    /* The ASID bits of the TTBR do not count. */
    wr64(pt_slot(&pt, 0x1000, 1), rd64(pt_slot(&pt, 0x1000, 1)) & ~(1ULL << 41));
    tenv->sys.ttbr0_el[1] = pt.root | (0xabcdULL << 48);
    ARMMMUResult res;
    g_assert_true(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
}

static void test_walk_abort(void)
{
    machine_reset();
    /* Tables in unassigned physical memory: external abort on the walk. */
    tenv->sys.ttbr0_el[1] = 0x20000000ULL;
    assert_fault(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, ARM_FAULT_WALK_EXTERNAL, 0);
    g_assert_cmphex(arm_mmu_fsc(&(ARMMMUFault){ .type = ARM_FAULT_WALK_EXTERNAL,
                                                .level = 0 }), ==, 0x14);
}

static void test_big_endian_tables(void)
{
    ARMMMUResult res;
    hwaddr slot;
    PT pt;

    machine_reset();
    pt_init(&pt, 12, 48, -99);
    pt_map(&pt, 0x1000, DATA_PA, 3, S1_DEFAULT);
    slot = pt_map(&pt, 0x2000, DATA_PA + 0x1000, 3, S1_ISH);
    use_ttbr0(&pt, 12);
    for (hwaddr a = TABLE_AREA; a < table_area_end(); a += 8) {
        wr64(a, GUINT64_SWAP_LE_BE(rd64(a)));
    }
    assert_fault(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, ARM_FAULT_TRANSLATION, 0);
    tenv->sys.sctlr_el[1] |= MMU_SCTLR_EE;
    g_assert_true(walk(0x1234, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, DATA_PA + 0x234);
    /* Hardware AF update in big-endian. */
    tenv->sys.tcr_el[1] |= TCR_HA;
    g_assert_true(walk(0x2000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(GUINT64_SWAP_LE_BE(rd64(slot)), ==,
                    (DATA_PA + 0x1000) | S1_ISH | DESC_AF | 3);
}

/* Attributes from MAIR, nG, GP. */
static void test_attributes(void)
{
    ARMMMUResult res;
    PT pt;

    machine_reset();
    pt_init(&pt, 12, 48, -99);
    pt_map(&pt, 0x1000, DATA_PA, 3, S1_DEFAULT | S1_ATTR(1));
    pt_map(&pt, 0x2000, DATA_PA, 3, S1_DEFAULT | S1_ATTR(2) | DESC_NG | DESC_GP);
    use_ttbr0(&pt, 12);
    g_assert_true(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.attrs, ==, 0x04);
    g_assert_true(res.device);
    g_assert_cmpint(res.sh, ==, 2);     /* Device is Outer Shareable */
    g_assert_true(res.global);
    g_assert_false(res.guarded);
    g_assert_true(walk(0x2000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.attrs, ==, 0x44);
    g_assert_false(res.device);
    g_assert_false(res.global);
    g_assert_true(res.guarded);
    g_assert_true(arm_mmu_page_is_guarded(tenv, 0x2000, ARM_MMU_E10_1));
    g_assert_false(arm_mmu_page_is_guarded(tenv, 0x1000, ARM_MMU_E10_1));
}

/* Granule encodings: TG0 and TG1 differ, reserved values fall back to 4K,
 * unimplemented granules to an implemented one. */
static void test_granule_encodings(void)
{
    ARMMMUResult res;
    PT pt;

    g_assert_cmpint(mmu_tg0_bits(0), ==, 12);
    g_assert_cmpint(mmu_tg0_bits(1), ==, 16);
    g_assert_cmpint(mmu_tg0_bits(2), ==, 14);
    g_assert_cmpint(mmu_tg1_bits(1), ==, 14);
    g_assert_cmpint(mmu_tg1_bits(2), ==, 12);
    g_assert_cmpint(mmu_tg1_bits(3), ==, 16);

    machine_reset();
    pt_init(&pt, 12, 48, -99);
    pt_map(&pt, 0xffff000000003000ULL, DATA_PA, 3, S1_DEFAULT);
    tenv->sys.ttbr1_el[1] = pt.root;
    /* TG1 = 0 is reserved: treated as 4K here. */
    tenv->sys.tcr_el[1] &= ~(3ULL << TCR_TG1_SHIFT);
    g_assert_true(walk(0xffff000000003000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    /* 16K not implemented (TGran16 = 0): TG1 = 16K behaves as 4K. */
    tcpu->isar.id_aa64mmfr0 &= ~(0xfULL << 20);
    tenv->sys.tcr_el[1] |= (uint64_t)tg1_of(14) << TCR_TG1_SHIFT;
    g_assert_true(walk(0xffff000000003000ULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, DATA_PA);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm-mmu/walk/mmu-off", test_mmu_off);
    g_test_add_func("/arm-mmu/walk/granules", test_granules);
    g_test_add_func("/arm-mmu/walk/granule-encodings", test_granule_encodings);
    g_test_add_func("/arm-mmu/walk/ranges", test_ranges);
    g_test_add_func("/arm-mmu/walk/blocks", test_blocks);
    g_test_add_func("/arm-mmu/walk/txsz-limits", test_txsz_limits);
    g_test_add_func("/arm-mmu/walk/permissions", test_permissions);
    g_test_add_func("/arm-mmu/walk/pan", test_pan);
    g_test_add_func("/arm-mmu/walk/hierarchical", test_hierarchical);
    g_test_add_func("/arm-mmu/walk/other-regimes", test_other_regimes);
    g_test_add_func("/arm-mmu/walk/access-flag", test_access_flag);
    g_test_add_func("/arm-mmu/walk/access-flag-mmio", test_access_flag_mmio_table);
    g_test_add_func("/arm-mmu/walk/dirty-bit", test_dirty_bit);
    g_test_add_func("/arm-mmu/walk/tbi", test_tbi);
    g_test_add_func("/arm-mmu/walk/epd", test_epd);
    g_test_add_func("/arm-mmu/walk/lpa-64k", test_lpa_64k);
    g_test_add_func("/arm-mmu/walk/lpa2", test_lpa2);
    g_test_add_func("/arm-mmu/walk/address-size", test_address_size);
    g_test_add_func("/arm-mmu/walk/walk-abort", test_walk_abort);
    g_test_add_func("/arm-mmu/walk/big-endian", test_big_endian_tables);
    g_test_add_func("/arm-mmu/walk/attributes", test_attributes);
    return g_test_run();
}
