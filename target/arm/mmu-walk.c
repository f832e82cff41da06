/*
 * mmu-walk.c — the AArch64 translation table walk (Arm ARM D8.2-D8.6).
 *
 * One generic walker (walk_tables) reads VMSAv8-64 descriptors for any
 * granule (4K, 16K, 64K), any start level (-1 with FEAT_LPA2 .. 3),
 * concatenated start tables (stage 2) and 52-bit output addresses
 * (FEAT_LPA with 64K pages, FEAT_LPA2 with TCR.DS). Around it:
 *   - s1_config / s2_config turn TCR_ELx+TTBRn_ELx and VTCR+VTTBR into a
 *     WalkCfg, with the TxSZ, SL0 and PS checks of D8.2;
 *   - s2_translate translates an IPA: for the final output of an EL1&0
 *     stage 1 walk and for every stage 1 descriptor read (D8.2.10);
 *   - arm_mmu_walk is the whole translation of one access: regime, MMU
 *     off, stage 1, permissions (D8.4), Access flag (D8.5.1) and dirty
 *     state (D8.5.2) with hardware updates, then stage 2.
 *
 * Hardware updates of descriptors (TCR.HA/HD, VTCR.HA/HD) are atomic
 * compare-and-swaps on the host memory of the table, so that another vCPU
 * updating the same descriptor is never overwritten; if the descriptor
 * changed in between the walk restarts. A table that is not in RAM cannot
 * be updated atomically: the access then faults as if the hardware update
 * were disabled, which the guest handles in software.
 */
#include "util/osdep.h"
#include "target/arm/mmu-internal.h"
#include "exec/memory.h"

/* How many times a walk restarts after losing a descriptor update race. */
#define WALK_MAX_RETRIES 64

/* The table format of one stage: everything a walk needs but the address. */
typedef struct WalkCfg {
    bool stage2;
    int gran;                   /* log2 of the granule: 12, 14 or 16 */
    int stride;                 /* gran - 3: input bits per level */
    int start_level;            /* -1..3 */
    int inputsize;              /* input address bits */
    int oasize;                 /* output address bits (PS/IPS, clamped) */
    bool ds;                    /* FEAT_LPA2 descriptor format */
    bool lpa;                   /* 64K granule with OA[51:48] in bits 15:12 */
    bool be;                    /* big-endian descriptors (SCTLR_ELx.EE) */
    bool ha, hd;                /* hardware Access flag / dirty state */
    bool hpd;                   /* hierarchical permissions disabled */
    uint8_t sh;                 /* TCR.SHx (the SH of every descriptor if ds) */
    hwaddr base;                /* start-level table (an IPA for stage 1 + 2) */
} WalkCfg;

/* A leaf found by walk_tables, with what the tables above it said. */
typedef struct WalkLeaf {
    uint64_t desc;
    int level;
    hwaddr desc_addr;           /* where desc is (IPA if stage 2 applies) */
    hwaddr oa;                  /* output address of the input address */
    uint64_t block_size;
    unsigned ap_table;          /* bit 0: no EL0 access, bit 1: no write */
    bool xn_table, pxn_table, ns_table;
} WalkLeaf;

typedef struct Walker {
    CPUARMState *env;
    ARMCPU *cpu;
    AddressSpace *as;
    unsigned flags;
    bool user;                  /* EL0 access (stage 2 XN for EL0) */
    uint64_t hcr;
    bool s2;                    /* stage 2 applies (EL1&0, VM or DC) */
    bool s2_ok;                 /* s2cfg is valid; else s2_fault is */
    WalkCfg s2cfg;
    ARMMMUFault s2_fault;
} Walker;

/* The result of a stage 2 translation. */
typedef struct S2Out {
    hwaddr pa;
    uint64_t page_size;
    int prot;
    uint8_t attrs;              /* MAIR format */
    uint8_t sh;
} S2Out;

enum { UPD_DONE, UPD_RACED, UPD_IMPOSSIBLE, UPD_FAULT };

static int access_prot(MMUAccessType access)
{
    switch (access) {
    case MMU_DATA_STORE:
        return PAGE_WRITE;
    case MMU_INST_FETCH:
        return PAGE_EXEC;
    default:
        return PAGE_READ;
    }
}

static void set_fault(ARMMMUFault *f, ARMFaultType type, int level)
{
    memset(f, 0, sizeof(*f));
    f->type = type;
    f->level = level;
}

/* ---- Granules and sizes (D8.2) ------------------------------------------- */

static bool gran_supported(ARMCPU *cpu, int gran, bool stage2)
{
    uint64_t m = cpu->isar.id_aa64mmfr0;

    if (stage2) {
        unsigned f2 = gran == 12 ? ID_MMFR0_TGRAN4_2(m) :
                      gran == 14 ? ID_MMFR0_TGRAN16_2(m) : ID_MMFR0_TGRAN64_2(m);
        if (f2 != 0) {          /* 0: as the stage 1 field says */
            return f2 >= 2;
        }
    }
    switch (gran) {
    case 12:
        return ID_MMFR0_TGRAN4(m) != 0xf;
    case 14:
        return ID_MMFR0_TGRAN16(m) != 0;
    case 16:
        return ID_MMFR0_TGRAN64(m) != 0xf;
    default:
        return false;
    }
}

/* FEAT_LPA2 for this granule (TCR.DS may be set). */
static bool gran_has_lpa2(ARMCPU *cpu, int gran, bool stage2)
{
    uint64_t m = cpu->isar.id_aa64mmfr0;

    if (stage2) {
        unsigned f2 = gran == 12 ? ID_MMFR0_TGRAN4_2(m) :
                      gran == 14 ? ID_MMFR0_TGRAN16_2(m) : 0;
        if (f2 != 0) {
            return f2 == 3;
        }
    }
    if (gran == 12) {
        return ID_MMFR0_TGRAN4(m) == 1;
    }
    if (gran == 14) {
        return ID_MMFR0_TGRAN16(m) == 2;
    }
    return false;
}

/* A reserved or unimplemented granule behaves as an IMPLEMENTATION DEFINED
 * implemented one (D8.2.2): Turtle picks 4K, then 64K, then 16K. */
static int gran_pick(ARMCPU *cpu, int gran, bool stage2)
{
    static const int order[3] = { 12, 16, 14 };

    if (gran && gran_supported(cpu, gran, stage2)) {
        return gran;
    }
    for (int i = 0; i < 3; i++) {
        if (gran_supported(cpu, order[i], stage2)) {
            return order[i];
        }
    }
    return 12;
}

int mmu_pa_bits(ARMCPU *cpu)
{
    static const int bits[7] = { 32, 36, 40, 42, 44, 48, 52 };
    unsigned pr = ID_MMFR0_PARANGE(cpu->isar.id_aa64mmfr0);

    return bits[MIN(pr, 6u)];
}

int mmu_ps_bits(ARMCPU *cpu, unsigned ps)
{
    static const int bits[8] = { 32, 36, 40, 42, 44, 48, 52, 52 };

    return MIN(bits[ps & 7], mmu_pa_bits(cpu));
}

/* TxSZ limits (D8.2.4, D8.2.5): 48-bit VA at most, 52 with FEAT_LVA (64K)
 * or FEAT_LPA2 (DS); 39-bit VA at least, 16-bit with FEAT_TTST. */
static bool tsz_ok(ARMCPU *cpu, int tsz, int gran, bool ds, bool stage2)
{
    uint64_t m2 = cpu->isar.id_aa64mmfr2;
    int min = 16, max = 39;

    if (ds) {
        min = 12;
    } else if (gran == 16 && (stage2 ? mmu_pa_bits(cpu) == 52
                                     : ID_MMFR2_VARANGE(m2) >= 1)) {
        min = 12;
    }
    if (ID_MMFR2_ST(m2) >= 1) {
        max = gran == 16 ? 47 : 48;
    }
    return tsz >= min && tsz <= max;
}

/* The base address in a TTBR/VTTBR (D17.2.142): BADDR[47:1], or with a
 * 52-bit output BADDR[51:48] in bits 5:2. */
static hwaddr ttbr_base(uint64_t ttbr, bool ext52)
{
    if (ext52) {
        return (ttbr & mmu_mask(47, 6)) | (mmu_extract(ttbr, 2, 4) << 48);
    }
    return ttbr & mmu_mask(47, 1);
}

/* Number of input address bits resolved by the start level. */
static int start_bits(const WalkCfg *c)
{
    return c->inputsize - (c->gran + (3 - c->start_level) * c->stride);
}

/* Output address (or next-level table address) of a descriptor. */
static hwaddr desc_oa(const WalkCfg *c, uint64_t desc)
{
    if (c->ds) {
        return (desc & mmu_mask(49, c->gran)) | (mmu_extract(desc, 8, 2) << 50);
    }
    if (c->lpa) {
        return (desc & mmu_mask(47, 16)) | (mmu_extract(desc, 12, 4) << 48);
    }
    return desc & mmu_mask(47, c->gran);
}

/* Block descriptors allowed at this level (D8.3.1, table D8-xx). */
static bool block_allowed(const WalkCfg *c, int level)
{
    switch (c->gran) {
    case 12:
        return level == 1 || level == 2 || (level == 0 && c->ds);
    case 14:
        return level == 2 || (level == 1 && c->ds);
    default:
        return level == 2 || (level == 1 && c->lpa);
    }
}

/* ---- Descriptor memory access -------------------------------------------- */

static bool s2_translate(Walker *w, hwaddr ipa, MMUAccessType access, bool ptw,
                         S2Out *out, ARMMMUFault *f);

static uint64_t desc_from_mem(uint64_t m, bool be)
{
    return be ? GUINT64_FROM_BE(m) : GUINT64_FROM_LE(m);
}

static uint64_t desc_to_mem(uint64_t v, bool be)
{
    return be ? GUINT64_TO_BE(v) : GUINT64_TO_LE(v);
}

/* Reads the descriptor at addr (an IPA for a stage 1 walk under stage 2). */
static bool read_desc(Walker *w, const WalkCfg *c, hwaddr addr, int level,
                      uint64_t *desc, ARMMMUFault *f)
{
    hwaddr pa = addr, len = 8;
    uint64_t *host;
    MemTxAttrs attrs = MEMTXATTRS_UNSPECIFIED;

    if (!c->stage2 && w->s2) {
        S2Out s2;

        if (!s2_translate(w, addr, MMU_DATA_LOAD, true, &s2, f)) {
            return false;
        }
        pa = s2.pa;
    }
    /* Descriptors are 8-byte aligned: a RAM read is single-copy atomic,
     * as the architecture requires against concurrent updates. */
    host = address_space_map(w->as, pa, &len, false);
    if (host && len >= 8) {
        *desc = desc_from_mem(__atomic_load_n(host, __ATOMIC_ACQUIRE), c->be);
        address_space_unmap(w->as, host, 8, false, 0);
        return true;
    }
    attrs.debug = (w->flags & ARM_WALK_DEBUG) != 0;
    if (address_space_ld(w->as, pa, 8, c->be, desc, attrs) != MEMTX_OK) {
        set_fault(f, ARM_FAULT_WALK_EXTERNAL, level);
        return false;
    }
    return true;
}

/* Replaces descriptor old by new at addr, atomically (D8.5.3). */
static int update_desc(Walker *w, const WalkCfg *c, hwaddr addr, uint64_t old,
                       uint64_t new, ARMMMUFault *f)
{
    hwaddr pa = addr, len = 8;
    uint64_t *host, expect;
    bool ok;

    if (!c->stage2 && w->s2) {
        S2Out s2;

        /* The update is a write through stage 2 (which may itself need a
         * dirty-state update, or fault with S1PTW and WnR). */
        if (!s2_translate(w, addr, MMU_DATA_STORE, true, &s2, f)) {
            f->s1ptw_write = true;
            return UPD_FAULT;
        }
        pa = s2.pa;
    }
    host = address_space_map(w->as, pa, &len, true);
    if (!host || len < 8) {
        return UPD_IMPOSSIBLE;
    }
    expect = desc_to_mem(old, c->be);
    ok = __atomic_compare_exchange_n(host, &expect, desc_to_mem(new, c->be),
                                     false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    address_space_unmap(w->as, host, 8, true, ok ? 8 : 0);
    return ok ? UPD_DONE : UPD_RACED;
}

/* ---- The table walk (D8.2.7) --------------------------------------------- */

static bool walk_tables(Walker *w, const WalkCfg *c, uint64_t ia, WalkLeaf *o,
                        ARMMMUFault *f)
{
    int level = c->start_level;
    hwaddr table = c->base;

    memset(o, 0, sizeof(*o));
    for (;;) {
        int shift = c->gran + (3 - level) * c->stride;
        int width = level == c->start_level ? c->inputsize - shift : c->stride;
        hwaddr daddr = table + mmu_extract(ia, shift, width) * 8;
        uint64_t desc;

        if (!read_desc(w, c, daddr, level, &desc, f)) {
            return false;
        }
        if (!(desc & DESC_VALID)) {
            set_fault(f, ARM_FAULT_TRANSLATION, level);
            return false;
        }
        if (level < 3 && (desc & DESC_TABLE)) {
            hwaddr next = desc_oa(c, desc);

            if (next >> c->oasize) {
                set_fault(f, ARM_FAULT_ADDR_SIZE, level);
                return false;
            }
            if (!c->stage2) {
                /* Hierarchical attributes (D8.4.2), unless HPD. */
                if (!c->hpd) {
                    o->ap_table |= mmu_extract(desc, DESC_APTABLE_SHIFT, 2);
                    o->xn_table |= (desc & DESC_XNTABLE) != 0;
                    o->pxn_table |= (desc & DESC_PXNTABLE) != 0;
                }
                o->ns_table |= (desc & DESC_NSTABLE) != 0;
            }
            table = next;
            level++;
            continue;
        }
        /* A page descriptor at level 3 has bit 1 set; 0 is reserved. A
         * block where blocks are not allowed is a translation fault. */
        if (level == 3 ? !(desc & DESC_TABLE) : !block_allowed(c, level)) {
            set_fault(f, ARM_FAULT_TRANSLATION, level);
            return false;
        }
        o->desc = desc;
        o->level = level;
        o->desc_addr = daddr;
        o->block_size = 1ULL << shift;
        o->oa = desc_oa(c, desc) & ~(o->block_size - 1);
        if (o->oa >> c->oasize) {
            set_fault(f, ARM_FAULT_ADDR_SIZE, level);
            return false;
        }
        o->oa |= ia & (o->block_size - 1);
        return true;
    }
}

/* ---- Stage 2 (D8.2.10) ---------------------------------------------------- */

/* VTCR_EL2/VTTBR_EL2 -> WalkCfg; false with a level 0 stage 2 fault for an
 * invalid or inconsistent configuration (D8.2.8 "S2InvalidSL"). */
static bool s2_config(Walker *w, WalkCfg *c, ARMMMUFault *f)
{
    CPUARMState *env = w->env;
    ARMCPU *cpu = w->cpu;
    uint64_t vtcr = env->sys.vtcr_el2;
    uint64_t hafdbs = ID_MMFR1_HAFDBS(cpu->isar.id_aa64mmfr1);
    int pamax = mmu_pa_bits(cpu);
    int tsz = (int)mmu_extract(vtcr, 0, 6);
    unsigned sl0 = mmu_extract(vtcr, VTCR_SL0_SHIFT, 2);
    int width, gran;
    bool valid = true;

    memset(c, 0, sizeof(*c));
    gran = gran_pick(cpu, mmu_tg0_bits(mmu_extract(vtcr, 14, 2)), true);
    c->stage2 = true;
    c->gran = gran;
    c->stride = gran - 3;
    c->ds = (vtcr & VTCR_DS) && gran != 16 && gran_has_lpa2(cpu, gran, true);
    c->ha = (vtcr & VTCR_HA) && hafdbs >= 1;
    c->hd = c->ha && (vtcr & VTCR_HD) && hafdbs >= 2;
    c->hpd = true;
    c->be = (env->sys.sctlr_el[2] & MMU_SCTLR_EE) != 0;
    c->sh = mmu_extract(vtcr, 12, 2);
    c->oasize = mmu_ps_bits(cpu, mmu_extract(vtcr, VTCR_PS_SHIFT, 3));
    if (c->oasize == 52 && !c->ds && gran != 16) {
        c->oasize = 48;
    }
    c->lpa = gran == 16 && pamax == 52;
    c->inputsize = 64 - tsz;

    if (gran == 12) {
        if (c->ds && (vtcr & VTCR_SL2) && sl0 == 0) {
            c->start_level = -1;
        } else if (sl0 == 3) {
            c->start_level = 3;
            valid = ID_MMFR2_ST(cpu->isar.id_aa64mmfr2) >= 1;
        } else {
            c->start_level = 2 - (int)sl0;
            valid = !(c->start_level == 0 && pamax < 44);
        }
    } else {
        c->start_level = 3 - (int)sl0;
        if (sl0 == 3) {
            valid = gran == 14 && c->ds;
        } else if (c->start_level == 1) {
            valid = pamax >= (gran == 14 ? 42 : 44);
        }
    }
    width = start_bits(c);
    if (!valid || !tsz_ok(cpu, tsz, gran, c->ds, true) ||
        c->inputsize > pamax || width < 1 || width > c->stride + 4) {
        set_fault(f, ARM_FAULT_TRANSLATION, 0);
        return false;
    }
    c->base = ttbr_base(env->sys.vttbr_el2, c->oasize == 52);
    c->base &= ~((8ULL << width) - 1);
    if (c->base >> c->oasize) {
        set_fault(f, ARM_FAULT_ADDR_SIZE, 0);
        return false;
    }
    return true;
}

/* Stage 2 MemAttr[3:0] -> the equivalent MAIR byte (D8.6.5). */
static uint8_t s2_attrs_to_mair(unsigned memattr)
{
    static const uint8_t norm[4] = { 0x4, 0x4, 0xa, 0xf };   /* -, NC, WT, WB */
    unsigned outer = memattr >> 2, inner = memattr & 3;

    if (outer == 0) {
        return (uint8_t)(inner << 2);       /* Device-nGnRnE .. -GRE */
    }
    return (uint8_t)((norm[outer] << 4) | norm[inner]);
}

/* Normal memory cacheability class of a MAIR nibble: 0 NC, 1 WT, 2 WB. */
static int cache_class(unsigned n)
{
    if (n == 4) {
        return 0;
    }
    switch (n & 0xc) {
    case 0x0:
    case 0x8:
        return 1;
    default:
        return 2;
    }
}

/* Combines stage 1 and stage 2 attributes: the stronger memory type and
 * the weaker cacheability win (D8.6.6). */
static uint8_t combine_attrs(uint8_t s1, uint8_t s2)
{
    bool d1 = !(s1 & 0xf0), d2 = !(s2 & 0xf0);
    uint8_t r = 0;

    if (d1 || d2) {
        unsigned t1 = d1 ? (s1 >> 2) & 3 : 3, t2 = d2 ? (s2 >> 2) & 3 : 3;
        return (uint8_t)(MIN(t1, t2) << 2);
    }
    for (int sh = 0; sh <= 4; sh += 4) {
        unsigned n1 = (s1 >> sh) & 0xf, n2 = (s2 >> sh) & 0xf;
        r |= (cache_class(n1) <= cache_class(n2) ? n1 : n2) << sh;
    }
    return r;
}

static uint8_t combine_sh(uint8_t s1, uint8_t s2)
{
    if (s1 == 2 || s2 == 2) {
        return 2;
    }
    return (s1 == 3 || s2 == 3) ? 3 : 0;
}

/* SH reported for an attribute: Device and Normal Non-cacheable memory is
 * always Outer Shareable (D8.6.2). */
static uint8_t effective_sh(uint8_t attrs, uint8_t sh)
{
    if (!(attrs & 0xf0) || attrs == 0x44) {
        return 2;
    }
    return sh == 1 ? 0 : sh;
}

/* Translates an IPA through stage 2. ptw: the access is a stage 1 table
 * walk (read, or write for a hardware descriptor update). */
static bool s2_translate(Walker *w, hwaddr ipa, MMUAccessType access, bool ptw,
                         S2Out *out, ARMMMUFault *f)
{
    const WalkCfg *c = &w->s2cfg;
    bool debug = w->flags & ARM_WALK_DEBUG;
    bool no_update = debug || (w->flags & ARM_WALK_NO_HW_UPDATE);
    WalkLeaf leaf;
    int retries = 0;

    if (!w->s2_ok) {
        *f = w->s2_fault;
        goto fault;
    }
    if (c->inputsize < 64 && (ipa >> c->inputsize)) {
        set_fault(f, ARM_FAULT_TRANSLATION, 0);
        goto fault;
    }
retry:
    if (!walk_tables(w, c, ipa, &leaf, f)) {
        goto fault;
    }
    {
        uint64_t desc = leaf.desc, want = desc;
        unsigned xn, memattr = mmu_extract(desc, 2, 4);
        int prot = 0;

        if (!(desc & DESC_AF) && !debug) {
            if (!c->ha) {
                set_fault(f, ARM_FAULT_ACCESS_FLAG, leaf.level);
                goto fault;
            }
            want |= DESC_AF;
        }
        /* S2AP (D8.4.3) and XN[1:0] (FEAT_XNX; bit 53 is RES0 without). */
        if (desc & DESC_AP1) {
            prot |= PAGE_READ;
        }
        if (desc & DESC_AP2) {
            prot |= PAGE_WRITE;
        }
        xn = ID_MMFR1_XNX(w->cpu->isar.id_aa64mmfr1) ? mmu_extract(desc, 53, 2)
                                                     : ((desc & DESC_UXN) ? 2 : 0);
        if (xn == 0 || (xn == 1 && w->user) || (xn == 3 && !w->user)) {
            prot |= PAGE_EXEC;
        }
        /* HCR_EL2.PTW: a stage 1 table in Device memory is a stage 2
         * permission fault (D8.2.10). */
        if (ptw && (w->hcr & MMU_HCR_PTW) && (memattr >> 2) == 0 && !debug) {
            set_fault(f, ARM_FAULT_PERMISSION, leaf.level);
            goto fault;
        }
        if (access == MMU_DATA_STORE && !(prot & PAGE_WRITE) && c->hd &&
            (desc & DESC_DBM) && !debug) {
            /* Dirty state: writable-clean becomes writable-dirty. */
            want |= DESC_AP2;
            prot |= PAGE_WRITE;
        }
        if (!debug && !(prot & access_prot(access))) {
            set_fault(f, ARM_FAULT_PERMISSION, leaf.level);
            goto fault;
        }
        /* The access succeeds: now (only now) the hardware updates. */
        if (want != desc && !no_update) {
            int r = update_desc(w, c, leaf.desc_addr, desc, want, f);
            if (r == UPD_RACED && ++retries < WALK_MAX_RETRIES) {
                goto retry;
            }
            if (r != UPD_DONE) {
                set_fault(f, (want ^ desc) & DESC_AF ? ARM_FAULT_ACCESS_FLAG
                                                     : ARM_FAULT_PERMISSION,
                          leaf.level);
                goto fault;
            }
        }
        out->pa = leaf.oa;
        out->page_size = leaf.block_size;
        out->prot = prot;
        out->attrs = s2_attrs_to_mair(memattr);
        out->sh = c->ds ? c->sh : (uint8_t)mmu_extract(desc, 8, 2);
        return true;
    }
fault:
    f->stage2 = true;
    f->s1ptw = ptw;
    f->ipa = ipa;
    return false;
}

/* ---- Stage 1 (D8.2.4 - D8.2.7) ------------------------------------------- */

/* TCR_ELx/TTBRn_ELx -> WalkCfg for addr; false with a level 0 fault when
 * addr is outside both ranges, the range is disabled (EPDn, E0PDn), TxSZ
 * is out of range or the table base is too large. */
static bool s1_config(Walker *w, const MMURegime *r, vaddr addr,
                      MMUAccessType access, WalkCfg *c, ARMMMUFault *f)
{
    CPUARMState *env = w->env;
    ARMCPU *cpu = w->cpu;
    uint64_t tcr = env->sys.tcr_el[r->el];
    uint64_t m1 = cpu->isar.id_aa64mmfr1;
    uint64_t hafdbs = ID_MMFR1_HAFDBS(m1);
    bool hpds = ID_MMFR1_HPDS(m1) >= 1;
    bool e0pd_ok = ID_MMFR2_E0PD(cpu->isar.id_aa64mmfr2) >= 1;
    bool tbi, tbid, disabled = false, ds, sel = false;
    unsigned ps;
    uint64_t ttbr, hi;
    int tsz, gran, top, levels;

    memset(c, 0, sizeof(*c));
    if (r->two_ranges) {
        sel = (addr >> 55) & 1;
        if (!sel) {
            tsz = (int)mmu_extract(tcr, TCR_T0SZ_SHIFT, 6);
            gran = mmu_tg0_bits(mmu_extract(tcr, TCR_TG0_SHIFT, 2));
            tbi = tcr & TCR_TBI0;
            tbid = tcr & TCR_TBID0;
            disabled = (tcr & TCR_EPD0) ||
                       (e0pd_ok && r->user && (tcr & TCR_E0PD0));
            c->hpd = hpds && (tcr & TCR_HPD0);
            c->sh = mmu_extract(tcr, TCR_SH0_SHIFT, 2);
            ttbr = env->sys.ttbr0_el[r->el];
        } else {
            tsz = (int)mmu_extract(tcr, TCR_T1SZ_SHIFT, 6);
            gran = mmu_tg1_bits(mmu_extract(tcr, TCR_TG1_SHIFT, 2));
            tbi = tcr & TCR_TBI1;
            tbid = tcr & TCR_TBID1;
            disabled = (tcr & TCR_EPD1) ||
                       (e0pd_ok && r->user && (tcr & TCR_E0PD1));
            c->hpd = hpds && (tcr & TCR_HPD1);
            c->sh = mmu_extract(tcr, TCR_SH1_SHIFT, 2);
            ttbr = env->sys.ttbr1_el[r->el];
        }
        ps = mmu_extract(tcr, TCR_IPS_SHIFT, 3);
        c->ha = (tcr & TCR_HA) && hafdbs >= 1;
        c->hd = c->ha && (tcr & TCR_HD) && hafdbs >= 2;
        ds = tcr & TCR_DS;
    } else {
        tsz = (int)mmu_extract(tcr, TCR_T0SZ_SHIFT, 6);
        gran = mmu_tg0_bits(mmu_extract(tcr, TCR_TG0_SHIFT, 2));
        tbi = tcr & TCR2_TBI;
        tbid = tcr & TCR2_TBID;
        c->hpd = hpds && (tcr & TCR2_HPD);
        c->sh = mmu_extract(tcr, TCR_SH0_SHIFT, 2);
        ps = mmu_extract(tcr, TCR2_PS_SHIFT, 3);
        c->ha = (tcr & TCR2_HA) && hafdbs >= 1;
        c->hd = c->ha && (tcr & TCR2_HD) && hafdbs >= 2;
        ds = tcr & TCR2_DS;
        ttbr = env->sys.ttbr0_el[r->el];
    }
    gran = gran_pick(cpu, gran, false);
    c->gran = gran;
    c->stride = gran - 3;
    c->ds = ds && gran != 16 && gran_has_lpa2(cpu, gran, false);
    c->be = (env->sys.sctlr_el[r->el] & MMU_SCTLR_EE) != 0;

    /* Top Byte Ignore (D8.8): for instruction fetches only without TBID. */
    top = (tbi && !(access == MMU_INST_FETCH && tbid)) ? 55 : 63;
    if (!tsz_ok(cpu, tsz, gran, c->ds, false)) {
        set_fault(f, ARM_FAULT_TRANSLATION, 0);
        return false;
    }
    c->inputsize = 64 - tsz;
    /* Bits [top:inputsize] must all equal the range select bit. */
    hi = mmu_extract(addr, c->inputsize, top - c->inputsize + 1);
    if (hi != (sel ? mmu_mask(top - c->inputsize, 0) : 0) || disabled) {
        set_fault(f, ARM_FAULT_TRANSLATION, 0);
        return false;
    }
    levels = DIV_ROUND_UP(c->inputsize - gran, c->stride);
    c->start_level = 4 - levels;
    c->oasize = mmu_ps_bits(cpu, ps);
    if (c->oasize == 52 && !c->ds && gran != 16) {
        c->oasize = 48;
    }
    /* With FEAT_LPA the 64K descriptors hold OA[51:48] whatever the IPS
     * (a larger OA is then an address size fault). */
    c->lpa = gran == 16 && mmu_pa_bits(cpu) == 52;
    c->base = ttbr_base(ttbr, c->oasize == 52);
    c->base &= ~((8ULL << start_bits(c)) - 1);
    if (c->base >> c->oasize) {
        set_fault(f, ARM_FAULT_ADDR_SIZE, 0);
        return false;
    }
    return true;
}

/* Stage 1 permissions of a leaf (D8.4.1, D8.4.2): PAGE_* for the access
 * privilege of the regime. PAN removes data access to EL0-accessible
 * pages; execution is unaffected (instruction fetches never use PAN). */
static int s1_prot(const MMURegime *r, const WalkLeaf *leaf, uint64_t desc,
                   uint64_t sctlr)
{
    bool ro = (desc & DESC_AP2) || (leaf->ap_table & 2);
    bool wxn = sctlr & MMU_SCTLR_WXN;
    int prot = 0;

    if (r->two_ranges) {
        bool el0 = (desc & DESC_AP1) && !(leaf->ap_table & 1);
        bool uxn = (desc & DESC_UXN) || leaf->xn_table;
        bool pxn = (desc & DESC_PXN) || leaf->pxn_table;
        bool user_w = el0 && !ro;

        if (r->user) {
            prot = (el0 ? PAGE_READ : 0) | (user_w ? PAGE_WRITE : 0);
            if (!uxn && !(wxn && user_w)) {
                prot |= PAGE_EXEC;
            }
        } else {
            if (!(r->pan && el0)) {
                prot = PAGE_READ | (ro ? 0 : PAGE_WRITE);
            }
            /* Memory writable at EL0 is never executable at EL1/EL2. */
            if (!pxn && !user_w && !(wxn && !ro)) {
                prot |= PAGE_EXEC;
            }
        }
    } else {
        /* One privilege level: AP[1] is RES1, XN is bit 54. */
        bool xn = (desc & DESC_UXN) || leaf->xn_table;

        prot = PAGE_READ | (ro ? 0 : PAGE_WRITE);
        if (!xn && !(wxn && !ro)) {
            prot |= PAGE_EXEC;
        }
    }
    return prot;
}

static bool regime_is_secure(CPUARMState *env, const MMURegime *r)
{
    if (r->kind == MMU_REGIME_E3) {
        return true;
    }
    return arm_feature(env, ARM_FEATURE_EL3) && r->kind == MMU_REGIME_E10 &&
           !(env->sys.scr_el3 & MMU_SCR_NS);
}

/* Stage 1 disabled (SCTLR_ELx.M == 0, or HCR_EL2.DC/TGE for EL1&0): a flat
 * mapping with the default attributes (D8.2.11). */
static bool s1_off(Walker *w, const MMURegime *r, vaddr addr,
                   MMUAccessType access, ARMMMUResult *res)
{
    CPUARMState *env = w->env;
    uint64_t tcr = env->sys.tcr_el[r->el];
    uint64_t sctlr = env->sys.sctlr_el[r->el];
    int pamax = mmu_pa_bits(w->cpu);
    bool tbi, tbid;
    int top;

    if (r->two_ranges) {
        bool sel = (addr >> 55) & 1;
        tbi = tcr & (sel ? TCR_TBI1 : TCR_TBI0);
        tbid = tcr & (sel ? TCR_TBID1 : TCR_TBID0);
    } else {
        tbi = tcr & TCR2_TBI;
        tbid = tcr & TCR2_TBID;
    }
    top = (tbi && !(access == MMU_INST_FETCH && tbid)) ? 55 : 63;
    if (mmu_extract(addr, pamax, top - pamax + 1)) {
        set_fault(&res->fault, ARM_FAULT_ADDR_SIZE, 0);
        return false;
    }
    res->pa = addr & mmu_mask(pamax - 1, 0);
    res->page_size = 1ULL << TLB_PAGE_BITS_DEFAULT;
    res->prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
    res->global = true;
    res->level = 4;
    res->ns = !regime_is_secure(env, r);
    if (r->kind == MMU_REGIME_E10 && (w->hcr & MMU_HCR_DC)) {
        res->attrs = 0xff;              /* Normal WB, non-shareable */
        res->sh = 0;
    } else if (access == MMU_INST_FETCH) {
        /* Normal, Write-Through if SCTLR.I else Non-cacheable. */
        res->attrs = (sctlr & MMU_SCTLR_I) ? 0xaa : 0x44;
        res->sh = 2;
    } else {
        res->attrs = 0x00;              /* Device-nGnRnE */
        res->sh = 2;
    }
    return true;
}

static bool s1_walk(Walker *w, const MMURegime *r, vaddr addr,
                    MMUAccessType access, ARMMMUResult *res)
{
    CPUARMState *env = w->env;
    ARMMMUFault *f = &res->fault;
    uint64_t sctlr = env->sys.sctlr_el[r->el];
    bool debug = w->flags & ARM_WALK_DEBUG;
    bool no_update = debug || (w->flags & ARM_WALK_NO_HW_UPDATE);
    WalkCfg c;
    WalkLeaf leaf;
    uint64_t desc, want;
    int prot, retries = 0;

    if (!s1_config(w, r, addr, access, &c, f)) {
        return false;
    }
retry:
    if (!walk_tables(w, &c, addr, &leaf, f)) {
        return false;
    }
    desc = want = leaf.desc;
    /* Access flag (D8.5.1): its fault comes before permission faults. */
    if (!(desc & DESC_AF) && !debug) {
        if (!c.ha) {
            set_fault(f, ARM_FAULT_ACCESS_FLAG, leaf.level);
            return false;
        }
        want |= DESC_AF;
    }
    prot = s1_prot(r, &leaf, desc, sctlr);
    /* Dirty state (D8.5.2): a write to a writable-clean page (DBM, AP[2]
     * set) clears AP[2] if nothing else forbids the write. */
    if (access == MMU_DATA_STORE && !(prot & PAGE_WRITE) && c.hd &&
        (desc & DESC_DBM) && (desc & DESC_AP2) && !debug) {
        int dprot = s1_prot(r, &leaf, desc & ~DESC_AP2, sctlr);

        if (dprot & PAGE_WRITE) {
            want &= ~DESC_AP2;
            prot = dprot;
        }
    }
    if (!debug && !(prot & access_prot(access))) {
        set_fault(f, ARM_FAULT_PERMISSION, leaf.level);
        return false;
    }
    /* The access succeeds: now (only now, so that a probe or a faulting
     * access leaves memory alone) the hardware updates, in one atomic
     * write. */
    if (want != desc && !no_update) {
        int u = update_desc(w, &c, leaf.desc_addr, desc, want, f);
        if (u == UPD_RACED && ++retries < WALK_MAX_RETRIES) {
            goto retry;
        }
        if (u == UPD_FAULT) {
            return false;
        }
        if (u != UPD_DONE) {
            set_fault(f, (want ^ desc) & DESC_AF ? ARM_FAULT_ACCESS_FLAG
                                                 : ARM_FAULT_PERMISSION,
                      leaf.level);
            return false;
        }
        desc = want;
    }
    res->pa = leaf.oa;
    res->page_size = leaf.block_size;
    res->prot = prot;
    res->attrs = (uint8_t)(env->sys.mair_el[r->el] >> (8 * mmu_extract(desc, 2, 3)));
    res->sh = c.ds ? c.sh : (uint8_t)mmu_extract(desc, 8, 2);
    res->ns = !regime_is_secure(env, r) || leaf.ns_table || (desc & DESC_NS);
    res->global = !(desc & DESC_NG);
    res->guarded = (desc & DESC_GP) != 0;
    res->level = leaf.level;
    return true;
}

/* ---- The whole translation ------------------------------------------------ */

bool arm_mmu_walk(CPUARMState *env, vaddr addr, MMUAccessType access,
                  int mmu_idx, unsigned flags, ARMMMUResult *res)
{
    ARMCPU *cpu = mmu_cpu(env);
    Walker w = {
        .env = env,
        .cpu = cpu,
        .as = env_cpu(env)->as ? env_cpu(env)->as : get_address_space_memory(),
        .flags = flags,
    };
    MMURegime r;
    bool ok;

    memset(res, 0, sizeof(*res));
    if (!mmu_regime_of(mmu_idx, &r)) {
        set_fault(&res->fault, ARM_FAULT_TRANSLATION, 0);
        return false;
    }
    w.user = r.user;
    w.hcr = arm_hcr_el2_eff(env);

    if (r.kind == MMU_REGIME_PHYS) {
        res->pa = addr;
        res->page_size = 1ULL << TLB_PAGE_BITS_DEFAULT;
        res->prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        res->attrs = 0xff;
        res->global = true;
        res->ns = true;
        res->level = 4;
        return true;
    }
    if (r.kind == MMU_REGIME_E10 || r.kind == MMU_REGIME_STAGE2) {
        w.s2 = arm_is_el2_enabled(env) && (w.hcr & (MMU_HCR_VM | MMU_HCR_DC));
        if (w.s2) {
            w.s2_ok = s2_config(&w, &w.s2cfg, &w.s2_fault);
        }
    }
    if (r.kind == MMU_REGIME_STAGE2) {
        S2Out s2;

        if (!w.s2) {
            /* Stage 2 disabled: the IPA is the PA. */
            res->pa = addr;
            res->page_size = 1ULL << TLB_PAGE_BITS_DEFAULT;
            res->prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
            res->attrs = 0xff;
            res->ns = true;
            res->level = 4;
            return true;
        }
        if (!s2_translate(&w, addr, access, false, &s2, &res->fault)) {
            return false;
        }
        res->pa = s2.pa;
        res->page_size = s2.page_size;
        res->prot = s2.prot;
        res->attrs = s2.attrs;
        res->sh = effective_sh(s2.attrs, s2.sh);
        res->device = !(s2.attrs & 0xf0);
        res->ns = true;
        res->level = 4;
        return true;
    }

    if ((env->sys.sctlr_el[r.el] & MMU_SCTLR_M) &&
        !(r.kind == MMU_REGIME_E10 && (w.hcr & (MMU_HCR_TGE | MMU_HCR_DC)))) {
        ok = s1_walk(&w, &r, addr, access, res);
    } else {
        ok = s1_off(&w, &r, addr, access, res);
    }
    if (!ok) {
        return false;
    }
    if (w.s2 && !(flags & ARM_WALK_S1_ONLY)) {
        S2Out s2;
        hwaddr ipa = res->pa;

        if (!s2_translate(&w, ipa, access, false, &s2, &res->fault)) {
            return false;
        }
        res->pa = s2.pa;
        res->prot &= s2.prot;
        res->page_size = MIN(res->page_size, s2.page_size);
        res->sh = combine_sh(effective_sh(res->attrs, res->sh),
                             effective_sh(s2.attrs, s2.sh));
        res->attrs = combine_attrs(res->attrs, s2.attrs);
    }
    res->sh = effective_sh(res->attrs, res->sh);
    res->device = !(res->attrs & 0xf0);
    return true;
}
