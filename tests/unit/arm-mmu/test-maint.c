/*
 * test-maint.c — unit tests of what the MMU offers around the walk: the
 * TLB fill (tlb_set_page arguments, probe, the abort it raises), the
 * debugger's translation, fault status codes and syndromes, the AT
 * instructions and PAR_EL1, the TLBI instructions (which MMU indexes and
 * addresses they flush, broadcast, traps) and the flushes of register
 * writes.
 */
#include "harness.h"

#define DATA_PA     (RAM_BASE + 0x200000)
#define IPA_OFF     0x100000000ULL
#define RETADDR     ((uintptr_t)0x1234)
#define ESR(ec, iss) (((uint32_t)(ec) << 26) | (1u << 25) | (iss))

static TlbCall *call(guint i)
{
    g_assert_cmpuint(i, <, tlb_calls->len);
    return &g_array_index(tlb_calls, TlbCall, i);
}

/* The usual tables: 0x1000 EL1 RW (normal), 0x2000 EL0 RW, 0x3000 EL1 RO,
 * 2 MiB block at 0x40000000 (device), TTBR1 page at 0xffff800000001000. */
static PT std_tables(void)
{
    PT pt, pt1;

    pt_init(&pt, 12, 48, -99);
    pt_init(&pt1, 12, 48, -99);
    pt_map(&pt, 0x1000, DATA_PA, 3, S1_DEFAULT);
    pt_map(&pt, 0x2000, DATA_PA + 0x1000, 3, S1_DEFAULT | S1_AP(1));
    pt_map(&pt, 0x3000, DATA_PA + 0x2000, 3, S1_DEFAULT | S1_AP(2));
    pt_map(&pt, 0x40000000ULL, RAM_BASE, 2, S1_DEFAULT | S1_ATTR(1));
    pt_map(&pt1, 0xffff800000001000ULL, DATA_PA + 0x3000, 3, S1_DEFAULT);
    use_ttbr0(&pt, 12);
    use_ttbr1(&pt1, 12);
    return pt;
}

/* ---- TLB fill ----------------------------------------------------------- */

static void test_tlb_fill(void)
{
    CPUState *cs;

    machine_reset();
    cs = &tcpu->parent_obj;
    std_tables();
    g_assert_true(arm_cpu_tlb_fill(cs, 0x1234, 4, MMU_DATA_LOAD, ARM_MMU_E10_1,
                                   false, 0));
    g_assert_cmpuint(tlb_calls->len, ==, 1);
    g_assert_cmpint(call(0)->kind, ==, CALL_SET_PAGE);
    g_assert_cmphex(call(0)->addr, ==, 0x1000);
    g_assert_cmphex(call(0)->pa, ==, DATA_PA);
    /* Through TTBR0: tagged (flushed by a context switch). */
    g_assert_cmpint(call(0)->prot, ==, PAGE_READ | PAGE_WRITE | PAGE_EXEC | PAGE_TAGGED);
    g_assert_cmpint(call(0)->mmu_idx, ==, ARM_MMU_E10_1);
    g_assert_cmpuint(call(0)->len, ==, 4096);
    g_assert_false(call(0)->attrs.user);
    g_assert_false(call(0)->attrs.secure);

    /* A block: the 4K piece that holds the address, the block's size. */
    g_assert_true(arm_cpu_tlb_fill(cs, 0x40123456ULL, 1, MMU_DATA_STORE,
                                   ARM_MMU_E10_1, false, 0));
    g_assert_cmphex(call(1)->addr, ==, 0x40123000ULL);
    g_assert_cmphex(call(1)->pa, ==, RAM_BASE + 0x123000);
    g_assert_cmpuint(call(1)->len, ==, 2 * MiB);

    /* EL0: user attribute, EL0 permissions. */
    g_assert_true(arm_cpu_tlb_fill(cs, 0x2008, 8, MMU_DATA_STORE, ARM_MMU_E10_0,
                                   false, 0));
    g_assert_true(call(2)->attrs.user);
    g_assert_cmpint(call(2)->prot, ==, PAGE_READ | PAGE_WRITE | PAGE_EXEC | PAGE_TAGGED);

    /* probe: false on a fault, nothing installed, nothing raised. */
    g_assert_false(arm_cpu_tlb_fill(cs, 0x3000, 8, MMU_DATA_STORE, ARM_MMU_E10_1,
                                    true, 0));
    g_assert_false(arm_cpu_tlb_fill(cs, 0x1000, 8, MMU_DATA_LOAD, ARM_MMU_E10_0,
                                    true, 0));
    g_assert_cmpuint(tlb_calls->len, ==, 3);
    g_assert_false(last_excp.raised);
}

/* Hardware AF/dirty updates happen only for accesses that succeed: a
 * probe (or an access) that faults leaves the descriptor alone. */
static void test_tlb_fill_no_side_effects(void)
{
    CPUState *cs;
    hwaddr slot;
    PT pt;

    machine_reset();
    cs = &tcpu->parent_obj;
    pt = std_tables();
    tenv->sys.tcr_el[1] |= TCR_HA | TCR_HD;
    slot = pt_map(&pt, 0x6000, DATA_PA, 3, S1_ISH | S1_AP(2));     /* RO, no AF */
    g_assert_false(arm_cpu_tlb_fill(cs, 0x6000, 8, MMU_DATA_STORE, ARM_MMU_E10_1,
                                    true, 0));
    g_assert_cmphex(rd64(slot), ==, DATA_PA | S1_ISH | S1_AP(2) | 3);
    g_assert_false(arm_cpu_tlb_fill(cs, 0x6000, 8, MMU_DATA_LOAD, ARM_MMU_E10_0,
                                    true, 0));
    g_assert_cmphex(rd64(slot), ==, DATA_PA | S1_ISH | S1_AP(2) | 3);
    g_assert_true(arm_cpu_tlb_fill(cs, 0x6000, 8, MMU_DATA_LOAD, ARM_MMU_E10_1,
                                   true, 0));
    g_assert_cmphex(rd64(slot), ==, DATA_PA | S1_ISH | S1_AP(2) | DESC_AF | 3);
    /* AF and dirty state in one update. */
    slot = pt_map(&pt, 0x7000, DATA_PA, 3, S1_ISH | S1_AP(2) | DESC_DBM);
    g_assert_true(arm_cpu_tlb_fill(cs, 0x7000, 8, MMU_DATA_STORE, ARM_MMU_E10_1,
                                   false, 0));
    g_assert_cmphex(rd64(slot), ==, DATA_PA | S1_ISH | DESC_DBM | DESC_AF | 3);
    g_assert_cmpint(call(tlb_calls->len - 1)->prot, ==,
                    PAGE_READ | PAGE_WRITE | PAGE_EXEC | PAGE_TAGGED);
}

/* PAGE_TAGGED: non-global entries, and every entry through TTBR0; the
 * global TTBR1 entries (a kernel's) are the ones a context switch keeps. */
static void test_tlb_fill_tagged(void)
{
    CPUState *cs;
    PT pt, pt1;
    struct { vaddr va; uint64_t attrs; bool tagged; } cases[] = {
        { 0x1000, S1_DEFAULT, true },
        { 0x5000, S1_DEFAULT | DESC_NG, true },
        { 0xffff800000001000ULL, S1_DEFAULT, false },
        { 0xffff800000002000ULL, S1_DEFAULT | DESC_NG, true },
    };

    machine_reset();
    cs = &tcpu->parent_obj;
    pt_init(&pt, 12, 48, -99);
    pt_init(&pt1, 12, 48, -99);
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        pt_map(cases[i].va >> 55 ? &pt1 : &pt, cases[i].va, DATA_PA + i * 0x1000, 3,
               cases[i].attrs);
    }
    use_ttbr0(&pt, 12);
    use_ttbr1(&pt1, 12);
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_assert_true(arm_cpu_tlb_fill(cs, cases[i].va + 8, 4, MMU_DATA_LOAD,
                                       ARM_MMU_E10_1, false, 0));
        g_assert_cmpint(call(i)->kind, ==, CALL_SET_PAGE);
        g_assert_cmphex(call(i)->addr, ==, cases[i].va);
        g_assert_cmpint(!!(call(i)->prot & PAGE_TAGGED), ==, cases[i].tagged);
    }
}

static void test_tlb_fill_faults(void)
{
    CPUState *cs;

    machine_reset();
    cs = &tcpu->parent_obj;
    std_tables();
    test_insn_iss = (1u << 24) | (2u << 22);    /* never used for stage 1 */

    /* EL1 read of an unmapped page: translation fault level 3, same EL. */
    g_assert_true(RAISES(arm_cpu_tlb_fill(cs, 0x5008, 8, MMU_DATA_LOAD,
                                          ARM_MMU_E10_1, false, RETADDR)));
    g_assert_cmpint(last_excp.excp, ==, EXCP_DATA_ABORT);
    g_assert_cmpint(last_excp.target_el, ==, 1);
    g_assert_cmphex(last_excp.syndrome, ==, ESR(0x25, 0x07));
    g_assert_cmphex(last_excp.far, ==, 0x5008);

    /* Write to a read-only page: permission fault with WnR. */
    g_assert_true(RAISES(arm_cpu_tlb_fill(cs, 0x3010, 8, MMU_DATA_STORE,
                                          ARM_MMU_E10_1, false, RETADDR)));
    g_assert_cmphex(last_excp.syndrome, ==, ESR(0x25, (1u << 6) | 0x0f));

    /* From EL0: to EL1, "lower EL" classes; fetches are Instruction Aborts. */
    tenv->pstate = 0;
    g_assert_true(RAISES(arm_cpu_tlb_fill(cs, 0x5000, 4, MMU_INST_FETCH,
                                          ARM_MMU_E10_0, false, 0)));
    g_assert_cmpint(last_excp.excp, ==, EXCP_PREFETCH_ABORT);
    g_assert_cmphex(last_excp.syndrome, ==, ESR(0x20, 0x07));
    /* (EL0 may execute an EL1-only page: execute-only user memory.) */
    g_assert_true(arm_cpu_tlb_fill(cs, 0x1000, 4, MMU_INST_FETCH, ARM_MMU_E10_0,
                                   false, 0));
    g_assert_cmpint(last_excp.target_el, ==, 1);
    /* Level 0 translation fault (outside both ranges). */
    g_assert_true(RAISES(arm_cpu_tlb_fill(cs, 0x0010000000000000ULL, 4, MMU_DATA_LOAD,
                                          ARM_MMU_E10_0, false, 0)));
    g_assert_cmphex(last_excp.syndrome, ==, ESR(0x24, 0x04));
    /* With HCR_EL2.TGE stage 1 faults of EL0 go to EL2 (here the EL2&0
     * regime with E2H: TTBR0_EL2 = 0 points nowhere). */
    tenv->sys.hcr_el2 = MMU_HCR_TGE | MMU_HCR_E2H;
    tenv->sys.sctlr_el[2] = MMU_SCTLR_M;
    tenv->sys.tcr_el[2] = tenv->sys.tcr_el[1];
    tenv->sys.ttbr0_el[2] = 0x20000000ULL;
    g_assert_true(RAISES(arm_cpu_tlb_fill(cs, 0x1000, 4, MMU_DATA_LOAD,
                                          ARM_MMU_E20_0, false, 0)));
    g_assert_cmpint(last_excp.target_el, ==, 2);
    g_assert_cmphex(last_excp.syndrome, ==, ESR(0x24, 0x14));  /* walk abort L0 */

    /* LDTR at EL1 (EL0 index): the fault is taken at EL1 as same-EL. */
    tenv->sys.hcr_el2 = 0;
    tenv->pstate = 1u << PSTATE_EL_SHIFT;
    g_assert_true(RAISES(arm_cpu_tlb_fill(cs, 0x1000, 4, MMU_DATA_LOAD,
                                          ARM_MMU_E10_0, false, RETADDR)));
    g_assert_cmpint(last_excp.target_el, ==, 1);
    g_assert_cmphex(last_excp.syndrome, ==, ESR(0x25, 0x0f));
}

static void test_fsc_and_syndromes(void)
{
    static const struct { ARMFaultType t; int level; uint32_t fsc; } codes[] = {
        { ARM_FAULT_ADDR_SIZE, 0, 0x00 }, { ARM_FAULT_ADDR_SIZE, 3, 0x03 },
        { ARM_FAULT_ADDR_SIZE, -1, 0x29 },
        { ARM_FAULT_TRANSLATION, 0, 0x04 }, { ARM_FAULT_TRANSLATION, 2, 0x06 },
        { ARM_FAULT_TRANSLATION, -1, 0x2b },
        { ARM_FAULT_ACCESS_FLAG, 1, 0x09 }, { ARM_FAULT_ACCESS_FLAG, 3, 0x0b },
        { ARM_FAULT_PERMISSION, 1, 0x0d }, { ARM_FAULT_PERMISSION, 3, 0x0f },
        { ARM_FAULT_WALK_EXTERNAL, 1, 0x15 }, { ARM_FAULT_WALK_EXTERNAL, -1, 0x13 },
        { ARM_FAULT_EXTERNAL, 0, 0x10 }, { ARM_FAULT_ALIGNMENT, 0, 0x21 },
    };
    ARMMMUFault f = { .type = ARM_FAULT_PERMISSION, .level = 3 };

    for (size_t i = 0; i < ARRAY_SIZE(codes); i++) {
        ARMMMUFault c = { .type = codes[i].t, .level = codes[i].level };
        g_assert_cmphex(arm_mmu_fsc(&c), ==, codes[i].fsc);
    }
    /* Cache maintenance / AT: CM and WnR. */
    g_assert_cmphex(arm_mmu_abort_syndrome(&f, MMU_DATA_LOAD, 1, 1, 0, true), ==,
                    ESR(0x25, (1u << 8) | (1u << 6) | 0x0f));
    /* Stage 2, not on a walk: the instruction syndrome is kept. */
    f.stage2 = true;
    g_assert_cmphex(arm_mmu_abort_syndrome(&f, MMU_DATA_LOAD, 1, 2, 0x01ff0000u, false),
                    ==, ESR(0x24, 0x01ff0000u | 0x0f));
    /* ...but not with CM, nor on a walk, nor for stage 1. */
    g_assert_cmphex(arm_mmu_abort_syndrome(&f, MMU_DATA_LOAD, 1, 2, 0x01ff0000u, true),
                    ==, ESR(0x24, (1u << 8) | (1u << 6) | 0x0f));
    f.s1ptw = true;
    g_assert_cmphex(arm_mmu_abort_syndrome(&f, MMU_DATA_STORE, 1, 2, 0x01ff0000u, false),
                    ==, ESR(0x24, (1u << 7) | 0x0f));
    f.stage2 = f.s1ptw = false;
    g_assert_cmphex(arm_mmu_abort_syndrome(&f, MMU_DATA_STORE, 0, 1, 0x01ff0000u, false),
                    ==, ESR(0x24, (1u << 6) | 0x0f));
}

static void test_debug_translation(void)
{
    CPUState *cs;
    hwaddr slot;
    PT pt;

    machine_reset();
    cs = &tcpu->parent_obj;
    pt = std_tables();
    slot = pt_map(&pt, 0x6000, DATA_PA + 0x6000, 3, S1_ISH | S1_AP(0));    /* no AF */
    /* The current regime (EL1), any permission, no AF fault or update. */
    g_assert_cmphex(arm_cpu_get_phys_page_debug(cs, 0x3abc), ==, DATA_PA + 0x2abc);
    g_assert_cmphex(arm_cpu_get_phys_page_debug(cs, 0x6000), ==, DATA_PA + 0x6000);
    tenv->sys.tcr_el[1] |= TCR_HA;
    g_assert_cmphex(arm_cpu_get_phys_page_debug(cs, 0x6000), ==, DATA_PA + 0x6000);
    g_assert_cmphex(rd64(slot) & DESC_AF, ==, 0);
    g_assert_cmphex(arm_cpu_get_phys_page_debug(cs, 0x7000), ==, HWADDR_MAX);
    g_assert_cmphex(arm_cpu_get_phys_page_debug(cs, 0xffff800000001008ULL), ==,
                    DATA_PA + 0x3008);
    g_assert_cmpuint(tlb_calls->len, ==, 0);
}

/* ---- AT -------------------------------------------------------------------- */

static uint64_t at(const char *name, uint64_t va)
{
    const ARMSysReg *r = find_row(name);

    g_assert_nonnull(r);
    g_assert_true(r->flags & SYSREG_INSN);
    tenv->sys.par_el1 = 0xdeadbeef;
    r->write(tenv, r, va);
    return tenv->sys.par_el1;
}

#define PAR_OK(pa, attr, sh) (((pa) & ~0xfffULL) | ((uint64_t)(attr) << 56) | \
                              ((uint64_t)(sh) << 7) | (1ULL << 9) | (1ULL << 11))
#define PAR_FAULT(fst, ptw, s) (1 | ((uint64_t)(fst) << 1) | ((uint64_t)(ptw) << 8) | \
                                ((uint64_t)(s) << 9) | (1ULL << 11))

static void test_at_rows(void)
{
    machine_reset();
    arm_mmu_register_sysregs(tcpu);
    g_assert_nonnull(find_row("AT_S1E1R"));
    g_assert_nonnull(find_row("AT_S1E0W"));
    g_assert_nonnull(find_row("AT_S1E1RP"));        /* PAN2 in the ID regs */
    g_assert_nonnull(find_row("AT_S12E0R"));        /* EL2 */
    g_assert_null(find_row("AT_S1E3R"));            /* no EL3 */
    g_assert_cmphex(find_row("AT_S1E1W")->key, ==, ARM_SYSREG_KEY(1, 0, 7, 8, 1));
    g_assert_cmphex(find_row("AT_S12E1R")->key, ==, ARM_SYSREG_KEY(1, 4, 7, 8, 4));
    g_assert_cmpuint(find_row("AT_S12E1R")->flags & SYSREG_EL2, !=, 0);

    machine_reset();
    tcpu->isar.id_aa64mmfr1 &= ~(0xfULL << 20);
    tenv->features = (1ull << ARM_FEATURE_AARCH64) | (1ull << ARM_FEATURE_EL3);
    arm_mmu_register_sysregs(tcpu);
    g_assert_null(find_row("AT_S1E1RP"));
    g_assert_null(find_row("AT_S12E0R"));
    g_assert_nonnull(find_row("AT_S1E3W"));
}

static void test_at_stage1(void)
{
    hwaddr slot;
    PT pt;

    machine_reset();
    arm_mmu_register_sysregs(tcpu);
    pt = std_tables();
    g_assert_cmphex(at("AT_S1E1R", 0x1234), ==, PAR_OK(DATA_PA, 0xff, 3));
    g_assert_cmphex(at("AT_S1E1W", 0x1234), ==, PAR_OK(DATA_PA, 0xff, 3));
    g_assert_cmphex(at("AT_S1E1R", 0x40145678ULL), ==, PAR_OK(RAM_BASE + 0x145000, 0x04, 2));
    g_assert_cmphex(at("AT_S1E1R", 0x40345678ULL), ==, PAR_FAULT(0x06, 0, 0));
    /* EL0 access to an EL1 page: permission fault level 3 (FST 0x0f). */
    g_assert_cmphex(at("AT_S1E0R", 0x1000), ==, PAR_FAULT(0x0f, 0, 0));
    g_assert_cmphex(at("AT_S1E0W", 0x2000), ==, PAR_OK(DATA_PA + 0x1000, 0xff, 3));
    g_assert_cmphex(at("AT_S1E1W", 0x3000), ==, PAR_FAULT(0x0f, 0, 0));
    g_assert_cmphex(at("AT_S1E1R", 0x9000), ==, PAR_FAULT(0x07, 0, 0));
    /* PAN: S1E1RP honours PSTATE.PAN, S1E1R does not. */
    tenv->pstate |= PSTATE_PAN;
    g_assert_cmphex(at("AT_S1E1RP", 0x2000), ==, PAR_FAULT(0x0f, 0, 0));
    g_assert_cmphex(at("AT_S1E1R", 0x2000), ==, PAR_OK(DATA_PA + 0x1000, 0xff, 3));
    tenv->pstate &= ~PSTATE_PAN;
    g_assert_cmphex(at("AT_S1E1RP", 0x2000), ==, PAR_OK(DATA_PA + 0x1000, 0xff, 3));

    /* No hardware update from AT; success if the update would allow it. */
    slot = pt_map(&pt, 0x8000, DATA_PA, 3, S1_ISH);
    g_assert_cmphex(at("AT_S1E1R", 0x8000), ==, PAR_FAULT(0x0b, 0, 0));
    tenv->sys.tcr_el[1] |= TCR_HA;
    g_assert_cmphex(at("AT_S1E1R", 0x8000), ==, PAR_OK(DATA_PA, 0xff, 3));
    g_assert_cmphex(rd64(slot) & DESC_AF, ==, 0);
    g_assert_cmpuint(tlb_calls->len, ==, 0);

    /* S1E2R: the EL2 regime (E2H = 0), MMU off there. */
    g_assert_cmphex(at("AT_S1E2R", 0x40001000ULL), ==, PAR_OK(0x40001000ULL, 0x00, 2));
}

/* AT with stage 2: S12E* give the PA, S1E* the IPA; stage 2 faults of the
 * stage 1 walk of S1E* are taken to EL2; S12E* report stage 2 faults. */
static void test_at_stage2(void)
{
    bool raised;
    PT s2, s1;

    machine_reset();
    arm_mmu_register_sysregs(tcpu);
    pt_init(&s2, 12, 40, 1);
    for (hwaddr off = 0; off < RAM_SIZE; off += 2 * MiB) {
        pt_map(&s2, RAM_BASE + IPA_OFF + off, RAM_BASE + off, 2, S2_DEFAULT);
    }
    tenv->sys.vtcr_el2 = 24 | (1 << VTCR_SL0_SHIFT) | (5ULL << VTCR_PS_SHIFT);
    tenv->sys.vttbr_el2 = s2.root;
    tenv->sys.hcr_el2 = MMU_HCR_VM;
    pt_init(&s1, 12, 48, -99);
    s1.tbl_off = IPA_OFF;
    pt_map(&s1, 0x1000, DATA_PA + IPA_OFF, 3, S1_DEFAULT);
    pt_map(&s1, 0x2000, 0x200000000ULL, 3, S1_DEFAULT);
    use_ttbr0(&s1, 12);

    g_assert_cmphex(at("AT_S1E1R", 0x1000), ==, PAR_OK(DATA_PA + IPA_OFF, 0xff, 3));
    g_assert_cmphex(at("AT_S12E1R", 0x1000), ==, PAR_OK(DATA_PA, 0xff, 3));
    g_assert_cmphex(at("AT_S12E0R", 0x1000), ==, PAR_FAULT(0x0f, 0, 0));
    /* A stage 2 translation fault on the output (level 1): S = 1. */
    g_assert_cmphex(at("AT_S12E1W", 0x2000), ==, PAR_FAULT(0x05, 0, 1));
    g_assert_cmphex(at("AT_S1E1W", 0x2000), ==, PAR_OK(0x200000000ULL, 0xff, 3));

    /* The stage 1 tables unreadable at stage 2. */
    pt_map(&s2, TABLE_AREA + IPA_OFF, TABLE_AREA, 2, S2_DEFAULT & ~S2_AP(3));
    g_assert_cmphex(at("AT_S12E1R", 0x1000), ==, PAR_FAULT(0x0e, 1, 1));
    raised = RAISES(at("AT_S1E1R", 0x1000));
    g_assert_true(raised);
    g_assert_cmpint(last_excp.target_el, ==, 2);
    g_assert_cmphex(last_excp.syndrome, ==,
                    ESR(0x24, (1u << 8) | (1u << 7) | (1u << 6) | 0x0e));
    g_assert_true(last_excp.ipa_valid);
    g_assert_cmphex(last_excp.far, ==, 0x1000);
}

/* ---- TLBI ----------------------------------------------------------------- */

static void tlbi(const char *name, uint64_t xt)
{
    const ARMSysReg *r = find_row(name);

    if (!r) {
        g_error("no row %s", name);
    }
    g_array_set_size(tlb_calls, 0);
    r->write(tenv, r, xt);
}

static void assert_one(CallKind kind, uint16_t idxmap, vaddr addr)
{
    g_assert_cmpuint(tlb_calls->len, ==, 1);
    g_assert_cmpint(call(0)->kind, ==, kind);
    g_assert_cmphex(call(0)->idxmap, ==, idxmap);
    g_assert_cmphex(call(0)->addr, ==, addr);
}

static void test_tlbi_rows(void)
{
    machine_reset();
    arm_mmu_register_sysregs(tcpu);
    g_assert_nonnull(find_row("TLBI_VMALLE1IS"));
    g_assert_nonnull(find_row("TLBI_VALE1"));
    g_assert_nonnull(find_row("TLBI_IPAS2E1IS"));
    g_assert_nonnull(find_row("TLBI_ALLE2"));
    g_assert_null(find_row("TLBI_VMALLE1OS"));      /* ID_AA64ISAR0.TLB = 0 */
    g_assert_null(find_row("TLBI_RVAE1IS"));
    g_assert_null(find_row("TLBI_ALLE3"));
    g_assert_null(find_row("TLBI_VAE1NXS"));
    g_assert_cmphex(find_row("TLBI_VAE1IS")->key, ==, ARM_SYSREG_KEY(1, 0, 8, 3, 1));
    g_assert_cmphex(find_row("TLBI_VMALLS12E1")->key, ==, ARM_SYSREG_KEY(1, 4, 8, 7, 6));

    machine_reset();
    tcpu->isar.id_aa64isar0 = 2ULL << 56;
    tcpu->isar.id_aa64isar1 = 1ULL << 56;
    tenv->features |= 1ull << ARM_FEATURE_EL3;
    arm_mmu_register_sysregs(tcpu);
    g_assert_nonnull(find_row("TLBI_VMALLE1OS"));
    g_assert_nonnull(find_row("TLBI_RVAALE1OS"));
    g_assert_nonnull(find_row("TLBI_RIPAS2LE1OS"));
    g_assert_nonnull(find_row("TLBI_RVALE3"));
    g_assert_nonnull(find_row("TLBI_VAE1NXS"));
    g_assert_cmphex(find_row("TLBI_VAE1NXS")->key, ==, ARM_SYSREG_KEY(1, 0, 9, 7, 1));
    g_assert_cmphex(find_row("TLBI_RVAE1OS")->key, ==, ARM_SYSREG_KEY(1, 0, 8, 5, 1));
    /* Every key once. */
    for (guint i = 0; i < registered_rows->len; i++) {
        for (guint j = i + 1; j < registered_rows->len; j++) {
            const ARMSysReg *a = g_ptr_array_index(registered_rows, i);
            const ARMSysReg *b = g_ptr_array_index(registered_rows, j);
            if (a->key == b->key) {
                g_error("%s and %s share a key", a->name, b->name);
            }
        }
    }
}

static void test_tlbi_el1(void)
{
    machine_reset();
    tcpu->isar.id_aa64isar0 = 2ULL << 56;
    arm_mmu_register_sysregs(tcpu);

    tlbi("TLBI_VMALLE1", 0);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E10, 0);
    /* By VA: VA[55:12] in Xt[43:0], sign-extended (TTBR1), any ASID. */
    tlbi("TLBI_VAE1", (0x1234ULL << 48) | (0xffff800012345000ULL >> 12 & mmu_mask(43, 0)));
    assert_one(CALL_FLUSH_PAGE_IDX, MMU_IDXMAP_E10, 0xffff800012345000ULL);
    tlbi("TLBI_VAALE1", 0x12345);
    assert_one(CALL_FLUSH_PAGE_IDX, MMU_IDXMAP_E10, 0x12345000ULL);
    /* By ASID: the tagged entries (a superset of that ASID's). */
    tlbi("TLBI_ASIDE1", 0x5ULL << 48);
    assert_one(CALL_FLUSH_TAGGED_IDX, MMU_IDXMAP_E10, 0);

    /* IS with one CPU: local; with two: every CPU. */
    tlbi("TLBI_VMALLE1IS", 0);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E10, 0);
    test_ncpus = 2;
    tlbi("TLBI_VMALLE1IS", 0);
    assert_one(CALL_FLUSH_IDX_ALL, MMU_IDXMAP_E10, 0);
    tlbi("TLBI_VALE1IS", 0x12345);
    assert_one(CALL_FLUSH_PAGE_IDX_ALL, MMU_IDXMAP_E10, 0x12345000ULL);
    tlbi("TLBI_ASIDE1IS", 0x5ULL << 48);
    assert_one(CALL_FLUSH_TAGGED_IDX_ALL, MMU_IDXMAP_E10, 0);
    tlbi("TLBI_VAE1OS", 0x12345);
    assert_one(CALL_FLUSH_PAGE_IDX_ALL, MMU_IDXMAP_E10, 0x12345000ULL);
    /* HCR_EL2.FB upgrades EL1 operations to broadcast. */
    tenv->sys.hcr_el2 = MMU_HCR_FB;
    tlbi("TLBI_VMALLE1", 0);
    assert_one(CALL_FLUSH_IDX_ALL, MMU_IDXMAP_E10, 0);
    /* At EL2 in a VHE host, the EL1 operations act on EL2&0. */
    tenv->sys.hcr_el2 = MMU_HCR_E2H | MMU_HCR_TGE;
    tenv->pstate = 2u << PSTATE_EL_SHIFT;
    tlbi("TLBI_VAE1IS", 0x12345);
    assert_one(CALL_FLUSH_PAGE_IDX_ALL, MMU_IDXMAP_E20, 0x12345000ULL);
    tenv->sys.hcr_el2 = MMU_HCR_E2H;
    tlbi("TLBI_VMALLE1", 0);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E10, 0);
}

static void test_tlbi_range(void)
{
    uint64_t x;

    machine_reset();
    tcpu->isar.id_aa64isar0 = 2ULL << 56;
    arm_mmu_register_sysregs(tcpu);

    /* TG = 4K, SCALE = 1, NUM = 2: (2 + 1) << 6 = 192 pages at 0x40000000. */
    x = (1ULL << 46) | (1ULL << 44) | (2ULL << 39) | (0x40000000ULL >> 12);
    tlbi("TLBI_RVAE1", x);
    assert_one(CALL_FLUSH_RANGE_IDX, MMU_IDXMAP_E10, 0x40000000ULL);
    g_assert_cmpuint(call(0)->len, ==, 192 * 4096);
    /* 64K granule, NUM = 0, SCALE = 0: 2 granules; TTBR1 base. */
    x = (3ULL << 46) | ((0xffff800000000000ULL >> 16) & mmu_mask(36, 0));
    tlbi("TLBI_RVALE1", x);
    assert_one(CALL_FLUSH_RANGE_IDX, MMU_IDXMAP_E10, 0xffff800000000000ULL);
    g_assert_cmpuint(call(0)->len, ==, 2 * 65536);
    /* TG = 0 is reserved: nothing. */
    tlbi("TLBI_RVAE1", 0x12345);
    g_assert_cmpuint(tlb_calls->len, ==, 0);
    /* Broadcast: page by page when small, whole indexes when large. */
    test_ncpus = 4;
    x = (1ULL << 46) | (3ULL << 39) | 0x100;        /* 8 pages */
    tlbi("TLBI_RVAE1IS", x);
    g_assert_cmpuint(tlb_calls->len, ==, 8);
    for (guint i = 0; i < 8; i++) {
        g_assert_cmpint(call(i)->kind, ==, CALL_FLUSH_PAGE_IDX_ALL);
        g_assert_cmphex(call(i)->addr, ==, 0x100000ULL + i * 4096);
    }
    x = (1ULL << 46) | (3ULL << 44) | (31ULL << 39);
    tlbi("TLBI_RVAAE1OS", x);
    assert_one(CALL_FLUSH_IDX_ALL, MMU_IDXMAP_E10, 0);
}

static void test_tlbi_el2_el3(void)
{
    machine_reset();
    tcpu->isar.id_aa64isar0 = 2ULL << 56;
    tenv->features |= 1ull << ARM_FEATURE_EL3;
    tenv->sys.scr_el3 = MMU_SCR_NS;
    tenv->pstate = 2u << PSTATE_EL_SHIFT;
    arm_mmu_register_sysregs(tcpu);

    tlbi("TLBI_ALLE2", 0);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E2 | MMU_IDXMAP_E20, 0);
    /* One VA range without E2H: no sign extension. */
    tlbi("TLBI_VAE2", 0x80000000000ULL);
    assert_one(CALL_FLUSH_PAGE_IDX, MMU_IDXMAP_E2 | MMU_IDXMAP_E20, 0x0080000000000000ULL);
    tenv->sys.hcr_el2 = MMU_HCR_E2H;
    tlbi("TLBI_VALE2", 0x80000000000ULL);
    assert_one(CALL_FLUSH_PAGE_IDX, MMU_IDXMAP_E2 | MMU_IDXMAP_E20, 0xff80000000000000ULL);
    tlbi("TLBI_ALLE1", 0);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E10 | MMU_IDXMAP_S2, 0);
    tlbi("TLBI_VMALLS12E1IS", 0);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E10 | MMU_IDXMAP_S2, 0);
    tlbi("TLBI_IPAS2E1", 0x12345);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E10 | MMU_IDXMAP_S2, 0);
    tlbi("TLBI_RIPAS2LE1", 0x12345);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E10 | MMU_IDXMAP_S2, 0);
    tlbi("TLBI_ALLE3", 0);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E3, 0);
    tlbi("TLBI_VAE3", 0x12345);
    assert_one(CALL_FLUSH_PAGE_IDX, MMU_IDXMAP_E3, 0x12345000ULL);
}

static void test_tlbi_traps(void)
{
    const ARMSysReg *r, *ris, *ros, *r2;

    machine_reset();
    tcpu->isar.id_aa64isar0 = 1ULL << 56;
    arm_mmu_register_sysregs(tcpu);
    r = find_row("TLBI_VMALLE1");
    ris = find_row("TLBI_VMALLE1IS");
    ros = find_row("TLBI_VMALLE1OS");
    r2 = find_row("TLBI_ALLE2");
    g_assert_true(r->flags & SYSREG_EL1);
    g_assert_true(r2->flags & SYSREG_EL2);
    g_assert_nonnull(r->access);
    g_assert_cmpint(r->access(tenv, r, false), ==, SYSREG_ACCESS_OK);
    tenv->sys.hcr_el2 = MMU_HCR_TTLB;
    g_assert_cmpint(r->access(tenv, r, false), ==, SYSREG_ACCESS_TRAP_EL2);
    g_assert_cmpint(ris->access(tenv, ris, false), ==, SYSREG_ACCESS_TRAP_EL2);
    tenv->sys.hcr_el2 = MMU_HCR_TTLBIS;
    g_assert_cmpint(r->access(tenv, r, false), ==, SYSREG_ACCESS_OK);
    g_assert_cmpint(ris->access(tenv, ris, false), ==, SYSREG_ACCESS_TRAP_EL2);
    g_assert_cmpint(ros->access(tenv, ros, false), ==, SYSREG_ACCESS_OK);
    tenv->sys.hcr_el2 = MMU_HCR_TTLBOS;
    g_assert_cmpint(ros->access(tenv, ros, false), ==, SYSREG_ACCESS_TRAP_EL2);
    /* Not at EL2, and not when EL2 is disabled. */
    tenv->sys.hcr_el2 = MMU_HCR_TTLB;
    tenv->pstate = 2u << PSTATE_EL_SHIFT;
    g_assert_cmpint(r->access(tenv, r, false), ==, SYSREG_ACCESS_OK);
    tenv->pstate = 1u << PSTATE_EL_SHIFT;
    tenv->features &= ~(1ull << ARM_FEATURE_EL2);
    g_assert_cmpint(r->access(tenv, r, false), ==, SYSREG_ACCESS_OK);
}

/* ---- Flushes of register writes ----------------------------------------- */

static void test_regime_changed(void)
{
    machine_reset();
    arm_mmu_regime_changed(tenv, 1);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E10, 0);
    g_array_set_size(tlb_calls, 0);
    arm_mmu_regime_changed(tenv, 2);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E2 | MMU_IDXMAP_E20, 0);
    g_array_set_size(tlb_calls, 0);
    arm_mmu_regime_changed(tenv, 3);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E3, 0);
    g_array_set_size(tlb_calls, 0);
    arm_mmu_stage2_changed(tenv);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E10 | MMU_IDXMAP_S2, 0);
    g_array_set_size(tlb_calls, 0);
    /* Only the write's CPU is flushed, whatever the number of CPUs. */
    test_ncpus = 2;
    arm_mmu_regime_changed(tenv, 1);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E10, 0);
}

/* TTBR writes: a context switch flushes the tagged entries only. */
static void test_ttbr_changed(void)
{
    const uint64_t asid = 1ULL << 48;

    machine_reset();
    /* TTBR0: a new table or ASID. */
    arm_mmu_ttbr_changed(tenv, 1, false, 0x40001000ULL, 0x40002000ULL);
    assert_one(CALL_FLUSH_TAGGED_IDX, MMU_IDXMAP_E10, 0);
    g_array_set_size(tlb_calls, 0);
    arm_mmu_ttbr_changed(tenv, 1, false, 0x40001000ULL, 0x40001000ULL | asid);
    assert_one(CALL_FLUSH_TAGGED_IDX, MMU_IDXMAP_E10, 0);
    g_array_set_size(tlb_calls, 0);
    /* TTBR1: a new ASID only (TCR_EL1.A1 = 1) ... */
    arm_mmu_ttbr_changed(tenv, 1, true, 0x40003000ULL | asid, 0x40003000ULL | 2 * asid);
    assert_one(CALL_FLUSH_TAGGED_IDX, MMU_IDXMAP_E10, 0);
    g_array_set_size(tlb_calls, 0);
    /* ... or a new table: the global entries came from the old one. */
    arm_mmu_ttbr_changed(tenv, 1, true, 0x40003000ULL | asid, 0x40004000ULL | asid);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E10, 0);
    g_array_set_size(tlb_calls, 0);
    arm_mmu_ttbr_changed(tenv, 1, true, 0x40003000ULL, 0x40003001ULL);   /* CnP */
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E10, 0);
    g_array_set_size(tlb_calls, 0);
    /* Other regimes: the whole regime. */
    arm_mmu_ttbr_changed(tenv, 2, false, 0x40001000ULL, 0x40002000ULL);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E2 | MMU_IDXMAP_E20, 0);
}

static void hcr_change(uint64_t from, uint64_t to)
{
    g_array_set_size(tlb_calls, 0);
    tenv->sys.hcr_el2 = to;
    arm_mmu_hcr_changed(tenv, from);
}

static void test_hcr_changed(void)
{
    machine_reset();
    /* Interrupt routing and traps: nothing to flush. */
    hcr_change(0, (1ULL << 4) | (1ULL << 3) | MMU_HCR_TTLB);
    g_assert_cmpuint(tlb_calls->len, ==, 0);
    /* Stage 2 on/off, DC: the EL1&0 indexes. */
    hcr_change(0, MMU_HCR_VM);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E10 | MMU_IDXMAP_S2, 0);
    hcr_change(MMU_HCR_VM, MMU_HCR_VM | MMU_HCR_DC);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E10 | MMU_IDXMAP_S2, 0);
    /* TGE with E2H = 0: EL0 switches EL1&0 stage 1 off. */
    hcr_change(0, MMU_HCR_TGE);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E10, 0);
    /* TGE with E2H = 1 kept: EL0 only changes index (no flush) — the
     * VHE host's world switch. */
    hcr_change(MMU_HCR_E2H | MMU_HCR_TGE, MMU_HCR_E2H);
    g_assert_cmpuint(tlb_calls->len, ==, 0);
    /* E2H: EL2 changes regime. */
    hcr_change(0, MMU_HCR_E2H);
    assert_one(CALL_FLUSH_IDX, MMU_IDXMAP_E10 | MMU_IDXMAP_S2 | MMU_IDXMAP_E2 |
               MMU_IDXMAP_E20, 0);
    /* SCR_EL3.NS: everything. */
    g_array_set_size(tlb_calls, 0);
    tenv->sys.scr_el3 = MMU_SCR_NS;
    arm_mmu_scr_changed(tenv, 0);
    assert_one(CALL_FLUSH, 0xffff, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm-mmu/maint/tlb-fill", test_tlb_fill);
    g_test_add_func("/arm-mmu/maint/tlb-fill-no-side-effects",
                    test_tlb_fill_no_side_effects);
    g_test_add_func("/arm-mmu/maint/tlb-fill-tagged", test_tlb_fill_tagged);
    g_test_add_func("/arm-mmu/maint/tlb-fill-faults", test_tlb_fill_faults);
    g_test_add_func("/arm-mmu/maint/fsc-syndromes", test_fsc_and_syndromes);
    g_test_add_func("/arm-mmu/maint/debug-translation", test_debug_translation);
    g_test_add_func("/arm-mmu/maint/at-rows", test_at_rows);
    g_test_add_func("/arm-mmu/maint/at-stage1", test_at_stage1);
    g_test_add_func("/arm-mmu/maint/at-stage2", test_at_stage2);
    g_test_add_func("/arm-mmu/maint/tlbi-rows", test_tlbi_rows);
    g_test_add_func("/arm-mmu/maint/tlbi-el1", test_tlbi_el1);
    g_test_add_func("/arm-mmu/maint/tlbi-range", test_tlbi_range);
    g_test_add_func("/arm-mmu/maint/tlbi-el2-el3", test_tlbi_el2_el3);
    g_test_add_func("/arm-mmu/maint/tlbi-traps", test_tlbi_traps);
    g_test_add_func("/arm-mmu/maint/regime-changed", test_regime_changed);
    g_test_add_func("/arm-mmu/maint/ttbr-changed", test_ttbr_changed);
    g_test_add_func("/arm-mmu/maint/hcr-changed", test_hcr_changed);
    return g_test_run();
}
