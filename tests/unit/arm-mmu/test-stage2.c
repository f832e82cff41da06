/*
 * test-stage2.c — unit tests of stage 2 translation (Arm ARM D8.2.10):
 * VTCR_EL2 granules, SL0 and T0SZ (with concatenated start tables and the
 * invalid combinations), stage 1 tables in stage-2-mapped memory, stage 2
 * faults on the table walk (S1PTW) and on the final access, the HPFAR_EL2
 * IPA and the syndrome of the abort taken to EL2, the Access flag and
 * dirty state at stage 2, attribute combination, HCR_EL2.DC/TGE.
 *
 * The guest "VM": IPA = PA + IPA_OFF for all of RAM.
 */
#include "harness.h"

#define IPA_OFF     0x100000000ULL
#define DATA_PA     (RAM_BASE + 0x200000)
#define DATA_IPA    (DATA_PA + IPA_OFF)
#define EC(syn)     ((syn) >> 26)
#define RETADDR     ((uintptr_t)0x1234)     /* "inside generated code" */

/* VTCR_EL2 value: T0SZ, SL0, TG0 of gran, PS = 48 bits. */
static uint64_t vtcr(int t0sz, int sl0, int gran)
{
    return (uint64_t)t0sz | ((uint64_t)sl0 << VTCR_SL0_SHIFT) |
           ((uint64_t)tg0_of(gran) << 14) | (5ULL << VTCR_PS_SHIFT);
}

/* Stage 2 of the VM: 4K granule, 40-bit IPA, start level 1 (two
 * concatenated tables), RAM mapped with 2 MiB blocks; HCR_EL2.VM on. */
static PT s2_setup(void)
{
    PT s2;

    pt_init(&s2, 12, 40, 1);
    for (hwaddr off = 0; off < RAM_SIZE; off += 2 * MiB) {
        pt_map(&s2, RAM_BASE + IPA_OFF + off, RAM_BASE + off, 2, S2_DEFAULT);
    }
    tenv->sys.vtcr_el2 = vtcr(24, 1, 12);
    tenv->sys.vttbr_el2 = s2.root | (7ULL << 48);  /* VMID 7 */
    tenv->sys.hcr_el2 = MMU_HCR_VM;
    return s2;
}

/* The guest's stage 1: 4K, 48-bit VA, tables seen at their IPA; VA 0x1000
 * -> DATA_IPA. */
static PT s1_setup(void)
{
    PT s1;

    pt_init(&s1, 12, 48, -99);
    s1.tbl_off = IPA_OFF;
    pt_map(&s1, 0x1000, DATA_IPA, 3, S1_DEFAULT | S1_AP(1));
    use_ttbr0(&s1, 12);
    return s1;
}

static void test_s2_basic(void)
{
    ARMMMUResult res;
    PT s1;

    machine_reset();
    s2_setup();
    s1 = s1_setup();
    pt_map(&s1, 0x40000000ULL, RAM_BASE + IPA_OFF, 1, S1_DEFAULT);

    g_assert_true(walk(0x1abc, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, DATA_PA + 0xabc);
    g_assert_cmpuint(res.page_size, ==, 4096);
    g_assert_cmpint(res.prot, ==, PAGE_READ | PAGE_WRITE);  /* EL0-writable: PXN */
    g_assert_true(walk(0x1abc, MMU_INST_FETCH, ARM_MMU_E10_0, &res));
    /* A 1 GiB stage 1 block over 2 MiB stage 2 blocks: 2 MiB pages. */
    g_assert_true(walk(0x40345678ULL, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, RAM_BASE + 0x345678);
    g_assert_cmpuint(res.page_size, ==, 2 * MiB);
    /* Stage 1 only: the IPA. */
    g_assert_true(arm_mmu_walk(tenv, 0x1abc, MMU_DATA_LOAD, ARM_MMU_E10_1,
                               ARM_WALK_S1_ONLY, &res));
    g_assert_cmphex(res.pa, ==, DATA_IPA + 0xabc);
    /* The stage 2 index alone. */
    g_assert_true(walk(DATA_IPA + 8, MMU_DATA_LOAD, ARM_MMU_STAGE2, &res));
    g_assert_cmphex(res.pa, ==, DATA_PA + 8);
    /* EL2 translations never use stage 2. */
    tenv->sys.sctlr_el[2] = 0;
    g_assert_true(walk(DATA_PA, MMU_DATA_LOAD, ARM_MMU_E2, &res));
    g_assert_cmphex(res.pa, ==, DATA_PA);

    /* Without VM the stage 1 tables (at IPAs, here unassigned PAs) are
     * not reachable. */
    tenv->sys.hcr_el2 = 0;
    assert_fault(0x1abc, MMU_DATA_LOAD, ARM_MMU_E10_1, ARM_FAULT_WALK_EXTERNAL, 0);
    /* Nor when EL2 is disabled in this security state. */
    tenv->sys.hcr_el2 = MMU_HCR_VM;
    tenv->features |= 1ull << ARM_FEATURE_EL3;
    tenv->sys.scr_el3 = 0;
    assert_fault(0x1abc, MMU_DATA_LOAD, ARM_MMU_E10_1, ARM_FAULT_WALK_EXTERNAL, 0);
    tenv->sys.scr_el3 = MMU_SCR_NS;
    g_assert_true(walk(0x1abc, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
}

typedef struct S2Case {
    int gran, t0sz, sl0, start;
    uint64_t block;             /* stage 2 block size used for RAM */
    int block_level;
} S2Case;

static const S2Case s2_cases[] = {
    { 12, 24, 1, 1, 2 * MiB, 2 },        /* 40-bit, 2 concatenated tables */
    { 12, 22, 1, 1, 2 * MiB, 2 },        /* 42-bit, 8 concatenated tables */
    { 12, 16, 2, 0, 1 * GiB, 1 },        /* 48-bit from level 0 */
    { 12, 31, 0, 2, 2 * MiB, 2 },        /* 33-bit from level 2 */
    { 14, 28, 1, 2, 32 * MiB, 2 },       /* 16K, 36-bit */
    { 14, 24, 1, 2, 32 * MiB, 2 },       /* 16K, 40-bit, 16 concatenated */
    { 14, 16, 2, 1, 32 * MiB, 2 },       /* 16K, 48-bit from level 1 */
    { 16, 24, 1, 2, 512 * MiB, 2 },      /* 64K, 40-bit */
    { 16, 16, 2, 1, 512 * MiB, 2 },      /* 64K, 48-bit from level 1 */
    { 16, 33, 0, 3, 64 * KiB, 3 },       /* 64K, 31-bit from level 3 */
};

static void test_s2_granules(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(s2_cases); i++) {
        const S2Case *c = &s2_cases[i];
        uint64_t ipa_off = c->t0sz >= 31 ? 0 : IPA_OFF;
        ARMMMUResult res;
        PT s2, s1;

        machine_reset();
        pt_init(&s2, c->gran, 64 - c->t0sz, c->start);
        for (hwaddr off = 0; off < RAM_SIZE; off += c->block) {
            pt_map(&s2, RAM_BASE + ipa_off + off, RAM_BASE + off, c->block_level,
                   S2_DEFAULT);
        }
        tenv->sys.vtcr_el2 = vtcr(c->t0sz, c->sl0, c->gran);
        tenv->sys.vttbr_el2 = s2.root;
        tenv->sys.hcr_el2 = MMU_HCR_VM;
        pt_init(&s1, 12, 48, -99);
        s1.tbl_off = ipa_off;
        pt_map(&s1, 0x5000, DATA_PA + ipa_off, 3, S1_DEFAULT);
        use_ttbr0(&s1, 12);
        if (!walk(0x5010, MMU_DATA_LOAD, ARM_MMU_E10_1, &res)) {
            g_error("case %zu: fault %d level %d stage2 %d", i, res.fault.type,
                    res.fault.level, res.fault.stage2);
        }
        g_assert_cmphex(res.pa, ==, DATA_PA + 0x10);
    }
}

/* Invalid VTCR_EL2 configurations: a level 0 stage 2 translation fault,
 * here on the first stage 1 descriptor read. */
static void test_s2_bad_config(void)
{
    static const struct { int gran, t0sz, sl0; int parange; } bad[] = {
        { 12, 24, 0, 5 },       /* start level 2 cannot resolve 40 bits */
        { 12, 16, 1, 5 },       /* start level 1 cannot resolve 48 bits */
        { 12, 30, 3, 5 },       /* SL0 = 3 needs FEAT_TTST */
        { 12, 16, 2, 2 },       /* 48-bit IPA with a 40-bit PA */
        { 12, 24, 2, 2 },       /* level 0 start with a 40-bit PA */
        { 16, 24, 3, 5 },       /* SL0 = 3 is reserved for 64K */
        { 12, 10, 1, 5 },       /* T0SZ below the minimum */
    };

    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        ARMMMUResult res;

        machine_reset();
        tcpu->isar.id_aa64mmfr0 = (tcpu->isar.id_aa64mmfr0 & ~0xfULL) | bad[i].parange;
        s2_setup();
        s1_setup();
        tenv->sys.vtcr_el2 = vtcr(bad[i].t0sz, bad[i].sl0, bad[i].gran);
        g_assert_false(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
        g_assert_cmpint(res.fault.type, ==, ARM_FAULT_TRANSLATION);
        g_assert_cmpint(res.fault.level, ==, 0);
        g_assert_true(res.fault.stage2);
        g_assert_true(res.fault.s1ptw);
    }
}

/* A stage 1 table in a page stage 2 does not let the walk read. */
static void test_s2_ptw_fault(void)
{
    ARMMMUResult res;
    bool raised;
    PT s2, s1;

    machine_reset();
    s2 = s2_setup();
    s1 = s1_setup();
    /* The S1 tables are in the first 2 MiB of the table area. */
    pt_map(&s2, TABLE_AREA + IPA_OFF, TABLE_AREA, 2, S2_DEFAULT & ~S2_AP(3));
    g_assert_false(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmpint(res.fault.type, ==, ARM_FAULT_PERMISSION);
    g_assert_cmpint(res.fault.level, ==, 2);
    g_assert_true(res.fault.stage2);
    g_assert_true(res.fault.s1ptw);
    g_assert_false(res.fault.s1ptw_write);
    g_assert_cmphex(res.fault.ipa >> 12, ==, (s1.root + IPA_OFF) >> 12);

    /* Through the TLB fill: a Data Abort to EL2, S1PTW, HPFAR = the IPA
     * of the table; no instruction syndrome (ISV) on a walk fault. */
    test_insn_iss = (1u << 24) | (3u << 22) | (5u << 16);
    raised = RAISES(arm_cpu_tlb_fill(&tcpu->parent_obj, 0x1008, 8, MMU_DATA_LOAD,
                                     ARM_MMU_E10_1, false, RETADDR));
    g_assert_true(raised);
    g_assert_cmpint(last_excp.excp, ==, EXCP_DATA_ABORT);
    g_assert_cmpint(last_excp.target_el, ==, 2);
    g_assert_cmphex(last_excp.syndrome, ==, (0x24u << 26) | (1u << 25) | (1u << 7) | 0x0e);
    g_assert_cmphex(last_excp.far, ==, 0x1008);
    g_assert_true(last_excp.ipa_valid);
    g_assert_cmphex(last_excp.ipa, ==, (s1.root + IPA_OFF) & ~0xfffULL);

    /* The same walk for an instruction fetch: an Instruction Abort. */
    raised = RAISES(arm_cpu_tlb_fill(&tcpu->parent_obj, 0x1000, 4, MMU_INST_FETCH,
                                     ARM_MMU_E10_1, false, 0));
    g_assert_true(raised);
    g_assert_cmpint(last_excp.excp, ==, EXCP_PREFETCH_ABORT);
    g_assert_cmphex(last_excp.syndrome, ==, (0x20u << 26) | (1u << 25) | (1u << 7) | 0x0e);
    /* probe: no exception, no side effect. */
    g_assert_false(arm_cpu_tlb_fill(&tcpu->parent_obj, 0x1000, 4, MMU_DATA_LOAD,
                                    ARM_MMU_E10_1, true, 0));
}

/* Faults on the final IPA: permission (with the instruction syndrome),
 * translation, input size, execute-never. */
static void test_s2_final_fault(void)
{
    ARMMMUResult res;
    bool raised;
    PT s2, s1;

    machine_reset();
    s2 = s2_setup();
    s1 = s1_setup();
    /* The data block read-only at stage 2 (S2AP = 01), execute-never. */
    pt_map(&s2, DATA_IPA, DATA_PA, 2, (S2_DEFAULT & ~S2_AP(3)) | S2_AP(1) | DESC_UXN);
    pt_map(&s1, 0x2000, 0x200000000ULL, 3, S1_DEFAULT);     /* unmapped IPA */
    pt_map(&s1, 0x3000, 1ULL << 41, 3, S1_DEFAULT);         /* beyond 40 bits */

    g_assert_true(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmpint(res.prot, ==, PAGE_READ);
    g_assert_false(walk(0x1000, MMU_DATA_STORE, ARM_MMU_E10_1, &res));
    g_assert_cmpint(res.fault.type, ==, ARM_FAULT_PERMISSION);
    g_assert_true(res.fault.stage2);
    g_assert_false(res.fault.s1ptw);
    g_assert_cmphex(res.fault.ipa, ==, DATA_IPA);
    g_assert_false(walk(0x1000, MMU_INST_FETCH, ARM_MMU_E10_0, &res));
    g_assert_cmpint(res.fault.type, ==, ARM_FAULT_PERMISSION);
    g_assert_true(res.fault.stage2);

    test_insn_iss = (1u << 24) | (3u << 22) | (5u << 16) | (1u << 15);
    tenv->pstate = PSTATE_SP | (1u << PSTATE_EL_SHIFT);
    raised = RAISES(arm_cpu_tlb_fill(&tcpu->parent_obj, 0x1040, 8, MMU_DATA_STORE,
                                     ARM_MMU_E10_1, false, RETADDR));
    g_assert_true(raised);
    g_assert_cmpint(last_excp.target_el, ==, 2);
    g_assert_cmphex(last_excp.syndrome, ==, (0x24u << 26) | (1u << 25) | test_insn_iss |
                                            (1u << 6) | 0x0e);
    g_assert_cmphex(last_excp.ipa, ==, DATA_IPA);
    g_assert_cmphex(last_excp.far, ==, 0x1040);

    /* Unmapped IPA: translation fault at stage 2 level 1 (empty entry). */
    g_assert_false(walk(0x2000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmpint(res.fault.type, ==, ARM_FAULT_TRANSLATION);
    g_assert_cmpint(res.fault.level, ==, 1);
    g_assert_true(res.fault.stage2);
    g_assert_cmphex(res.fault.ipa, ==, 0x200000000ULL);
    /* IPA beyond the stage 2 input size: level 0. */
    g_assert_false(walk(0x3000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmpint(res.fault.type, ==, ARM_FAULT_TRANSLATION);
    g_assert_cmpint(res.fault.level, ==, 0);
    g_assert_true(res.fault.stage2);
    /* A stage 1 fault is still a stage 1 fault (to EL1). */
    g_assert_false(walk(0x4000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_false(res.fault.stage2);
    raised = RAISES(arm_cpu_tlb_fill(&tcpu->parent_obj, 0x4000, 8, MMU_DATA_LOAD,
                                     ARM_MMU_E10_1, false, RETADDR));
    g_assert_true(raised);
    g_assert_cmpint(last_excp.target_el, ==, 1);
    g_assert_false(last_excp.ipa_valid);
    g_assert_cmphex(last_excp.syndrome, ==, (0x25u << 26) | (1u << 25) | 0x07);
}

/* FEAT_XNX: XN[1:0] separates EL0 and EL1 execution at stage 2. VA 0x1000
 * is EL0-executable at stage 1, VA 0x8000 EL1-executable. */
static void test_s2_xnx(void)
{
    ARMMMUResult res;
    PT s2, s1;

    machine_reset();
    tcpu->isar.id_aa64mmfr1 |= 1ULL << 28;
    s2 = s2_setup();
    s1 = s1_setup();
    pt_map(&s1, 0x8000, DATA_IPA, 3, S1_DEFAULT);
    pt_map(&s2, DATA_IPA, DATA_PA, 2, S2_DEFAULT | (1ULL << 53));      /* XN = 01 */
    g_assert_true(walk(0x1000, MMU_INST_FETCH, ARM_MMU_E10_0, &res));
    assert_fault(0x8000, MMU_INST_FETCH, ARM_MMU_E10_1, ARM_FAULT_PERMISSION, 2);
    pt_map(&s2, DATA_IPA, DATA_PA, 2, S2_DEFAULT | (3ULL << 53));      /* XN = 11 */
    assert_fault(0x1000, MMU_INST_FETCH, ARM_MMU_E10_0, ARM_FAULT_PERMISSION, 2);
    g_assert_true(walk(0x8000, MMU_INST_FETCH, ARM_MMU_E10_1, &res));
    pt_map(&s2, DATA_IPA, DATA_PA, 2, S2_DEFAULT | (2ULL << 53));      /* XN = 10 */
    assert_fault(0x8000, MMU_INST_FETCH, ARM_MMU_E10_1, ARM_FAULT_PERMISSION, 2);
    /* Without FEAT_XNX, bit 53 is RES0: only bit 54 counts. */
    tcpu->isar.id_aa64mmfr1 &= ~(0xfULL << 28);
    pt_map(&s2, DATA_IPA, DATA_PA, 2, S2_DEFAULT | (1ULL << 53));
    g_assert_true(walk(0x8000, MMU_INST_FETCH, ARM_MMU_E10_1, &res));
    g_assert_true(walk(0x1000, MMU_INST_FETCH, ARM_MMU_E10_0, &res));
    pt_map(&s2, DATA_IPA, DATA_PA, 2, S2_DEFAULT | (1ULL << 54));
    assert_fault(0x1000, MMU_INST_FETCH, ARM_MMU_E10_0, ARM_FAULT_PERMISSION, 2);
}

static void test_s2_af_dbm(void)
{
    ARMMMUResult res;
    hwaddr slot;
    PT s2;

    machine_reset();
    s2 = s2_setup();
    s1_setup();
    slot = pt_map(&s2, DATA_IPA, DATA_PA, 2, S2_DEFAULT & ~DESC_AF);
    g_assert_false(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmpint(res.fault.type, ==, ARM_FAULT_ACCESS_FLAG);
    g_assert_cmpint(res.fault.level, ==, 2);
    g_assert_true(res.fault.stage2);
    tenv->sys.vtcr_el2 |= VTCR_HA;
    g_assert_true(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(rd64(slot) & DESC_AF, ==, DESC_AF);

    /* Dirty state: S2AP read-only + DBM, VTCR.HD: the write sets S2AP[1]. */
    slot = pt_map(&s2, DATA_IPA, DATA_PA, 2, (S2_DEFAULT & ~S2_AP(3)) | S2_AP(1) | DESC_DBM);
    assert_fault(0x1000, MMU_DATA_STORE, ARM_MMU_E10_1, ARM_FAULT_PERMISSION, 2);
    tenv->sys.vtcr_el2 |= VTCR_HD;
    g_assert_true(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmpint(res.prot & PAGE_WRITE, ==, 0);
    g_assert_true(walk(0x1000, MMU_DATA_STORE, ARM_MMU_E10_1, &res));
    g_assert_cmphex(rd64(slot) & S2_AP(3), ==, S2_AP(3));
}

/* Stage 1 hardware updates are writes through stage 2. */
static void test_s1_update_through_s2(void)
{
    ARMMMUResult res;
    hwaddr slot;
    bool raised;
    PT s2, s1;

    machine_reset();
    s2 = s2_setup();
    s1 = s1_setup();
    slot = pt_map(&s1, 0x6000, DATA_IPA, 3, S1_ISH);     /* no AF */
    tenv->sys.tcr_el[1] |= TCR_HA;
    g_assert_true(walk(0x6000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(rd64(slot), ==, DATA_IPA | S1_ISH | DESC_AF | 3);

    /* The table pages read-only at stage 2: the walk reads, the update
     * faults at stage 2 with S1PTW and WnR. */
    slot = pt_map(&s1, 0x7000, DATA_IPA, 3, S1_ISH);
    pt_map(&s2, TABLE_AREA + IPA_OFF, TABLE_AREA, 2, (S2_DEFAULT & ~S2_AP(3)) | S2_AP(1));
    g_assert_false(walk(0x7000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmpint(res.fault.type, ==, ARM_FAULT_PERMISSION);
    g_assert_true(res.fault.stage2);
    g_assert_true(res.fault.s1ptw);
    g_assert_true(res.fault.s1ptw_write);
    g_assert_cmphex(rd64(slot) & DESC_AF, ==, 0);
    raised = RAISES(arm_cpu_tlb_fill(&tcpu->parent_obj, 0x7000, 8, MMU_DATA_LOAD,
                                     ARM_MMU_E10_1, false, RETADDR));
    g_assert_true(raised);
    g_assert_cmphex(last_excp.syndrome, ==, (0x24u << 26) | (1u << 25) | (1u << 7) |
                                            (1u << 6) | 0x0e);
    g_assert_cmphex(last_excp.ipa, ==, (slot + IPA_OFF) & ~0xfffULL);
}

/* The memory type of stage 1 and stage 2 combined (D8.6.6). */
static void test_s2_attrs(void)
{
    ARMMMUResult res;
    PT s2;

    machine_reset();
    s2 = s2_setup();
    s1_setup();
    g_assert_true(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.attrs, ==, 0xff);
    g_assert_cmpint(res.sh, ==, 3);
    pt_map(&s2, DATA_IPA, DATA_PA, 2, (S2_DEFAULT & ~S2_MEMATTR(0xf)) | S2_MEMATTR(0x1));
    g_assert_true(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.attrs, ==, 0x04);       /* Device-nGnRE */
    g_assert_true(res.device);
    g_assert_cmpint(res.sh, ==, 2);
    pt_map(&s2, DATA_IPA, DATA_PA, 2, (S2_DEFAULT & ~S2_MEMATTR(0xf)) | S2_MEMATTR(0x5));
    g_assert_true(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.attrs, ==, 0x44);       /* Normal Non-cacheable */
    g_assert_false(res.device);
    /* HCR_EL2.PTW: stage 1 tables in stage 2 Device memory fault. */
    pt_map(&s2, TABLE_AREA + IPA_OFF, TABLE_AREA, 2,
           (S2_DEFAULT & ~S2_MEMATTR(0xf)) | S2_MEMATTR(0x0));
    g_assert_true(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    tenv->sys.hcr_el2 |= MMU_HCR_PTW;
    g_assert_false(walk(0x1000, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmpint(res.fault.type, ==, ARM_FAULT_PERMISSION);
    g_assert_true(res.fault.s1ptw);
}

/* HCR_EL2.DC: stage 1 off with Normal WB attributes, stage 2 on even with
 * VM = 0. HCR_EL2.TGE (E2H = 0): EL1&0 stage 1 off. */
static void test_hcr_dc_tge(void)
{
    ARMMMUResult res;

    machine_reset();
    s2_setup();
    s1_setup();
    tenv->sys.hcr_el2 = MMU_HCR_DC;
    g_assert_true(walk(DATA_IPA + 0x18, MMU_DATA_LOAD, ARM_MMU_E10_1, &res));
    g_assert_cmphex(res.pa, ==, DATA_PA + 0x18);
    g_assert_cmphex(res.attrs, ==, 0xff);
    g_assert_false(res.device);

    tenv->sys.hcr_el2 = MMU_HCR_TGE;
    g_assert_true(walk(DATA_PA + 0x18, MMU_DATA_LOAD, ARM_MMU_E10_0, &res));
    g_assert_cmphex(res.pa, ==, DATA_PA + 0x18);
    g_assert_true(res.device);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm-mmu/stage2/basic", test_s2_basic);
    g_test_add_func("/arm-mmu/stage2/granules", test_s2_granules);
    g_test_add_func("/arm-mmu/stage2/bad-config", test_s2_bad_config);
    g_test_add_func("/arm-mmu/stage2/ptw-fault", test_s2_ptw_fault);
    g_test_add_func("/arm-mmu/stage2/final-fault", test_s2_final_fault);
    g_test_add_func("/arm-mmu/stage2/xnx", test_s2_xnx);
    g_test_add_func("/arm-mmu/stage2/af-dbm", test_s2_af_dbm);
    g_test_add_func("/arm-mmu/stage2/s1-update", test_s1_update_through_s2);
    g_test_add_func("/arm-mmu/stage2/attrs", test_s2_attrs);
    g_test_add_func("/arm-mmu/stage2/hcr-dc-tge", test_hcr_dc_tge);
    return g_test_run();
}
