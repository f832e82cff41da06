/*
 * mmu.c — the arm64 MMU as the execution engine sees it: which MMU index
 * (softmmu TLB) a data access uses, filling the TLB from a translation
 * table walk (arm_cpu_tlb_fill), the debugger's translation, and the TLB
 * flushes that register writes require.
 *
 * MMU indexes (internals.h) and their regimes (Arm ARM D8.1.2):
 *   E10_0, E10_1, E10_1_PAN   EL1&0, stage 1 + stage 2 combined when
 *                             HCR_EL2.VM (the entry maps VA -> PA)
 *   E20_0, E20_2, E20_2_PAN   EL2&0 (HCR_EL2.E2H = 1)
 *   E2                        EL2 (E2H = 0)
 *   E3                        EL3
 *   STAGE2                    IPA -> PA alone (walks only, no TLB entries)
 *   PHYS                      identity
 * The TLB has no ASID or VMID tags, but in the two-range regimes an entry
 * is installed with PAGE_TAGGED when it belongs to the current ASID
 * (nG = 1) or was translated through TTBR0: a change of ASID or of the
 * TTBR0 table (a context switch) flushes only those, and the global
 * TTBR1 entries (the kernel) stay. Any other change of VMID (VTTBR),
 * TTBR1 table or translation control flushes the affected indexes.
 */
#include "util/osdep.h"
#include "target/arm/mmu-internal.h"

/* ---- Regimes --------------------------------------------------------- */

bool mmu_regime_of(int mmu_idx, MMURegime *r)
{
    memset(r, 0, sizeof(*r));
    switch (mmu_idx) {
    case ARM_MMU_E10_0:
        r->user = true;
        /* fall through */
    case ARM_MMU_E10_1:
    case ARM_MMU_E10_1_PAN:
        r->kind = MMU_REGIME_E10;
        r->el = 1;
        r->two_ranges = true;
        r->pan = mmu_idx == ARM_MMU_E10_1_PAN;
        return true;
    case ARM_MMU_E20_0:
        r->user = true;
        /* fall through */
    case ARM_MMU_E20_2:
    case ARM_MMU_E20_2_PAN:
        r->kind = MMU_REGIME_E20;
        r->el = 2;
        r->two_ranges = true;
        r->pan = mmu_idx == ARM_MMU_E20_2_PAN;
        return true;
    case ARM_MMU_E2:
        r->kind = MMU_REGIME_E2;
        r->el = 2;
        return true;
    case ARM_MMU_E3:
        r->kind = MMU_REGIME_E3;
        r->el = 3;
        return true;
    case ARM_MMU_STAGE2:
        r->kind = MMU_REGIME_STAGE2;
        r->el = 1;
        return true;
    case ARM_MMU_PHYS:
        r->kind = MMU_REGIME_PHYS;
        return true;
    default:
        return false;
    }
}

/* ---- TLB fill ---------------------------------------------------------- */

bool arm_cpu_tlb_fill(CPUState *cs, vaddr addr, int size,
                      MMUAccessType access_type, int mmu_idx, bool probe,
                      uintptr_t retaddr)
{
    ARMCPU *cpu = container_of(cs, ARMCPU, parent_obj);
    CPUARMState *env = &cpu->env;
    ARMMMUResult res;
    MemTxAttrs attrs = MEMTXATTRS_UNSPECIFIED;
    const vaddr tlb_mask = ~(vaddr)((1ULL << TLB_PAGE_BITS_DEFAULT) - 1);
    MMURegime r;

    if (!arm_mmu_walk(env, addr, access_type, mmu_idx, 0, &res)) {
        if (probe) {
            return false;
        }
        arm_mmu_raise_fault(env, addr, access_type, mmu_idx, &res.fault,
                            false, retaddr);
    }
    mmu_regime_of(mmu_idx, &r);
    attrs.secure = !res.ns;
    attrs.user = r.user;
    if (r.two_ranges && (!res.global || !(addr & (1ULL << 55)))) {
        res.prot |= PAGE_TAGGED;
    }
    /*
     * The TLB granule is 4K: install the 4K piece of the mapping that
     * holds addr, and pass the size of the whole block so that a TLBI by
     * address inside it flushes every piece (large-page tracking).
     * Device memory is not marked: alignment faults on Device memory are
     * not raised (see docs/arm64.md, MMU).
     */
    tlb_set_page(cs, addr & tlb_mask, res.pa & tlb_mask, attrs, res.prot,
                 mmu_idx, MAX(res.page_size, 1ULL << TLB_PAGE_BITS_DEFAULT));
    return true;
}

hwaddr arm_cpu_get_phys_page_debug(CPUState *cs, vaddr addr)
{
    ARMCPU *cpu = container_of(cs, ARMCPU, parent_obj);
    CPUARMState *env = &cpu->env;
    ARMMMUResult res;

    if (!arm_mmu_walk(env, addr, MMU_DATA_LOAD, arm_mmu_idx(env),
                      ARM_WALK_DEBUG, &res)) {
        return HWADDR_MAX;
    }
    return res.pa;
}

bool arm_mmu_page_is_guarded(CPUARMState *env, vaddr pc, int mmu_idx)
{
    ARMMMUResult res;

    return arm_mmu_walk(env, pc, MMU_INST_FETCH, mmu_idx, ARM_WALK_DEBUG, &res) &&
           res.guarded;
}

/* ---- TLB flushes ----------------------------------------------------- */

void mmu_flush_idx(CPUARMState *env, uint16_t idxmap, bool broadcast)
{
    CPUState *cs = env_cpu(env);

    if (broadcast && cpu_count() > 1) {
        tlb_flush_by_mmuidx_all_cpus(cs, idxmap);
    } else {
        tlb_flush_by_mmuidx(cs, idxmap);
    }
}

void mmu_flush_tagged_idx(CPUARMState *env, uint16_t idxmap, bool broadcast)
{
    CPUState *cs = env_cpu(env);

    if (broadcast && cpu_count() > 1) {
        tlb_flush_tagged_by_mmuidx_all_cpus(cs, idxmap);
    } else {
        tlb_flush_tagged_by_mmuidx(cs, idxmap);
    }
}

/* Pages above which a broadcast range flush becomes a full flush (there is
 * no cross-CPU range flush in the engine's API). */
#define MMU_BCAST_PAGE_LIMIT 64

void mmu_flush_va_range(CPUARMState *env, vaddr addr, uint64_t len,
                        uint16_t idxmap, bool broadcast)
{
    CPUState *cs = env_cpu(env);
    const uint64_t page = 1ULL << TLB_PAGE_BITS_DEFAULT;
    uint64_t pages;

    addr &= ~(page - 1);
    len = ROUND_UP(len, page);
    pages = len / page;
    if (pages == 0) {
        return;
    }
    if (!broadcast || cpu_count() <= 1) {
        if (pages == 1) {
            tlb_flush_page_by_mmuidx(cs, addr, idxmap);
        } else {
            tlb_flush_range_by_mmuidx(cs, addr, len, idxmap, 64);
        }
    } else if (pages <= MMU_BCAST_PAGE_LIMIT) {
        for (uint64_t i = 0; i < pages; i++) {
            tlb_flush_page_by_mmuidx_all_cpus(cs, addr + i * page, idxmap);
        }
    } else {
        tlb_flush_by_mmuidx_all_cpus(cs, idxmap);
    }
}

void arm_mmu_regime_changed(CPUARMState *env, int el)
{
    switch (el) {
    case 1:
        mmu_flush_idx(env, MMU_IDXMAP_E10, false);
        break;
    case 2:
        mmu_flush_idx(env, MMU_IDXMAP_E2 | MMU_IDXMAP_E20, false);
        break;
    case 3:
        mmu_flush_idx(env, MMU_IDXMAP_E3, false);
        break;
    default:
        break;
    }
}

void arm_mmu_ttbr_changed(CPUARMState *env, int el, bool ttbr1, uint64_t old,
                          uint64_t new)
{
    /* TTBRn_EL1 bits 63:48 are the ASID; the rest (BADDR, CnP) the table. */
    const uint64_t asid_mask = 0xffffULL << 48;

    if (el != 1 || (ttbr1 && ((old ^ new) & ~asid_mask))) {
        arm_mmu_regime_changed(env, el);
        return;
    }
    mmu_flush_tagged_idx(env, MMU_IDXMAP_E10, false);
}

void arm_mmu_stage2_changed(CPUARMState *env)
{
    mmu_flush_idx(env, MMU_IDXMAP_E10 | MMU_IDXMAP_S2, false);
}

void arm_mmu_hcr_changed(CPUARMState *env, uint64_t old_hcr)
{
    uint64_t diff = old_hcr ^ env->sys.hcr_el2;
    uint16_t idxmap = 0;

    /* What EL1&0 translations depend on: stage 2 on/off and its
     * attributes, stage 1 forced off (DC, and TGE while E2H = 0). */
    if (diff & (MMU_HCR_VM | MMU_HCR_DC | MMU_HCR_PTW | MMU_HCR_FWB |
                MMU_HCR_CD | MMU_HCR_ID | MMU_HCR_E2H)) {
        idxmap |= MMU_IDXMAP_E10 | MMU_IDXMAP_S2;
    }
    if ((diff & MMU_HCR_TGE) && !(env->sys.hcr_el2 & old_hcr & MMU_HCR_E2H)) {
        idxmap |= MMU_IDXMAP_E10;
    }
    /* E2H switches EL2 between the EL2 and EL2&0 regimes. */
    if (diff & MMU_HCR_E2H) {
        idxmap |= MMU_IDXMAP_E2 | MMU_IDXMAP_E20;
    }
    if (idxmap) {
        mmu_flush_idx(env, idxmap, false);
    }
}

void arm_mmu_scr_changed(CPUARMState *env, uint64_t old_scr)
{
    if ((old_scr ^ env->sys.scr_el3) & MMU_SCR_NS) {
        tlb_flush(env_cpu(env));
    }
}
