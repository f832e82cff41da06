/*
 * tlbi.c — the AArch64 TLB maintenance instructions (Arm ARM D8.13
 * "TLB maintenance", C5.5 "A64 system instructions for TLB maintenance")
 * as SYSREG_INSN rows of the system register table.
 *
 * Turtle's softmmu TLB is one table per MMU index without ASID or VMID
 * tags, so an operation by ASID becomes a flush of the regime's tagged
 * entries (every non-global one, of any ASID: see arm_cpu_tlb_fill),
 * an operation by VA a flush of that page in every index of the regime
 * (whatever the ASID), and an operation by IPA a flush of the EL1&0
 * indexes (their entries combine stage 1 and 2). Last-level (VALE*) and
 * all-ASID (VAAE*) forms flush the same as VAE*; the TTL hints are
 * ignored. Inner and Outer Shareable forms (and EL1 forms with
 * HCR_EL2.FB) reach every vCPU.
 *
 * Operand formats (D8.13.5): by VA, Xt = ASID[63:48] : VA[55:12] in bits
 * 43:0; by range (FEAT_TLBIRANGE), Xt = ASID : TG[47:46] : SCALE[45:44] :
 * NUM[43:39] : TTL[38:37] : BaseADDR[36:0] in units of the granule, the
 * range being (NUM + 1) << (5 * SCALE + 1) granules.
 */
#include "util/osdep.h"
#include "target/arm/mmu-internal.h"
#include "target/arm/sysreg.h"

/* Row opaque: the shareability domain of the operation. */
enum { TLBI_LOCAL = 0, TLBI_IS = 1, TLBI_OS = 2 };

static bool tlbi_broadcast(CPUARMState *env, const ARMSysReg *r)
{
    if (r->opaque != TLBI_LOCAL) {
        return true;
    }
    /* HCR_EL2.FB: EL1 TLB maintenance is broadcast in the Inner
     * Shareable domain. */
    return arm_current_el(env) == 1 && (arm_hcr_el2_eff(env) & MMU_HCR_FB);
}

/* Trap checks of the EL1 operations executed at EL1 (HCR_EL2.TTLB, and
 * TTLBIS/TTLBOS of FEAT_EVT). */
static ARMSysRegAccess tlbi_el1_access(CPUARMState *env, const ARMSysReg *r,
                                       bool isread)
{
    uint64_t hcr;

    if (arm_current_el(env) != 1) {
        return SYSREG_ACCESS_OK;
    }
    hcr = arm_hcr_el2_eff(env);
    if ((hcr & MMU_HCR_TTLB) ||
        (r->opaque == TLBI_IS && (hcr & MMU_HCR_TTLBIS)) ||
        (r->opaque == TLBI_OS && (hcr & MMU_HCR_TTLBOS))) {
        return SYSREG_ACCESS_TRAP_EL2;
    }
    return SYSREG_ACCESS_OK;
}

/* The EL1 operations act on the EL2&0 regime when executed at EL2 with
 * HCR_EL2.{E2H,TGE} = {1,1} (the host of a VHE hypervisor). */
static uint16_t tlbi_el1_idxmap(CPUARMState *env)
{
    uint64_t hcr = arm_hcr_el2_eff(env);

    if (arm_current_el(env) == 2 && (hcr & MMU_HCR_E2H) && (hcr & MMU_HCR_TGE)) {
        return MMU_IDXMAP_E20;
    }
    return MMU_IDXMAP_E10;
}

/* The VA of a by-VA operand: VA[55:12], sign-extended from bit 55 in the
 * regimes with two VA ranges (bit 55 selects TTBR1). */
static vaddr tlbi_va(uint64_t x, bool two_ranges)
{
    uint64_t va = mmu_extract(x, 0, 44) << 12;

    return two_ranges ? (vaddr)mmu_sextract(va, 0, 56) : va;
}

/* The range of a by-range operand; false for the reserved TG = 0, which
 * invalidates nothing. */
static bool tlbi_range(uint64_t x, bool two_ranges, vaddr *base, uint64_t *len)
{
    unsigned tg = mmu_extract(x, 46, 2);
    unsigned scale = mmu_extract(x, 44, 2), num = mmu_extract(x, 39, 5);
    int shift;
    uint64_t b;

    if (tg == 0) {
        return false;
    }
    shift = tg == 1 ? 12 : tg == 2 ? 14 : 16;
    *len = ((uint64_t)(num + 1) << (5 * scale + 1)) << shift;
    b = mmu_extract(x, 0, 37) << shift;
    /* BaseADDR holds VA[36+shift:shift]: the top bit of it selects the
     * range (sign extension to a TTBR1 address). */
    *base = two_ranges ? (vaddr)mmu_sextract(b, 0, 37 + shift) : b;
    return true;
}

static void flush_va(CPUARMState *env, vaddr va, uint16_t idxmap, bool bcast)
{
    mmu_flush_va_range(env, va, 1ULL << TLB_PAGE_BITS_DEFAULT, idxmap, bcast);
}

/* ---- EL1 operations ------------------------------------------------------ */

/* VMALLE1: the whole regime. */
static void tlbi_vmalle1(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    mmu_flush_idx(env, tlbi_el1_idxmap(env), tlbi_broadcast(env, r));
}

/* ASIDE1: the non-global entries of an ASID; the tagged entries are a
 * superset of them (the TLB holds non-global entries of the current ASID
 * only). */
static void tlbi_aside1(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    mmu_flush_tagged_idx(env, tlbi_el1_idxmap(env), tlbi_broadcast(env, r));
}

/* VAE1, VALE1, VAAE1, VAALE1 */
static void tlbi_vae1(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    flush_va(env, tlbi_va(v, true), tlbi_el1_idxmap(env), tlbi_broadcast(env, r));
}

/* RVAE1, RVALE1, RVAAE1, RVAALE1 */
static void tlbi_rvae1(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    vaddr base;
    uint64_t len;

    if (tlbi_range(v, true, &base, &len)) {
        mmu_flush_va_range(env, base, len, tlbi_el1_idxmap(env),
                           tlbi_broadcast(env, r));
    }
}

/* ---- EL2 operations ------------------------------------------------------ */

static bool el2_two_ranges(CPUARMState *env)
{
    return (env->sys.hcr_el2 & MMU_HCR_E2H) != 0;
}

/* ALLE2: the EL2 and EL2&0 regimes. */
static void tlbi_alle2(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    mmu_flush_idx(env, MMU_IDXMAP_E2 | MMU_IDXMAP_E20, tlbi_broadcast(env, r));
}

/* VAE2, VALE2 */
static void tlbi_vae2(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    flush_va(env, tlbi_va(v, el2_two_ranges(env)), MMU_IDXMAP_E2 | MMU_IDXMAP_E20,
             tlbi_broadcast(env, r));
}

/* RVAE2, RVALE2 */
static void tlbi_rvae2(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    vaddr base;
    uint64_t len;

    if (tlbi_range(v, el2_two_ranges(env), &base, &len)) {
        mmu_flush_va_range(env, base, len, MMU_IDXMAP_E2 | MMU_IDXMAP_E20,
                           tlbi_broadcast(env, r));
    }
}

/* ALLE1, VMALLS12E1, and the by-IPA operations IPAS2(L)E1 / RIPAS2(L)E1:
 * every EL1&0 entry (stage 1+2 combined, so an IPA cannot be traced back
 * to the VAs that reach it). */
static void tlbi_alle1(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    mmu_flush_idx(env, MMU_IDXMAP_E10 | MMU_IDXMAP_S2, tlbi_broadcast(env, r));
}

/* ---- EL3 operations ------------------------------------------------------ */

static void tlbi_alle3(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    mmu_flush_idx(env, MMU_IDXMAP_E3, tlbi_broadcast(env, r));
}

static void tlbi_vae3(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    flush_va(env, tlbi_va(v, false), MMU_IDXMAP_E3, tlbi_broadcast(env, r));
}

static void tlbi_rvae3(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    vaddr base;
    uint64_t len;

    if (tlbi_range(v, false, &base, &len)) {
        mmu_flush_va_range(env, base, len, MMU_IDXMAP_E3, tlbi_broadcast(env, r));
    }
}

/* ---- The rows ---------------------------------------------------------- */

/* name, op1, CRm, op2, function, domain (encodings: C5.5, CRn = 8; the
 * FEAT_XS nXS forms are the same with CRn = 9). */
#define TLBI_EL1_V80(X) \
    X(VMALLE1IS,  0, 3, 0, tlbi_vmalle1, TLBI_IS) \
    X(VAE1IS,     0, 3, 1, tlbi_vae1,    TLBI_IS) \
    X(ASIDE1IS,   0, 3, 2, tlbi_aside1,  TLBI_IS) \
    X(VAAE1IS,    0, 3, 3, tlbi_vae1,    TLBI_IS) \
    X(VALE1IS,    0, 3, 5, tlbi_vae1,    TLBI_IS) \
    X(VAALE1IS,   0, 3, 7, tlbi_vae1,    TLBI_IS) \
    X(VMALLE1,    0, 7, 0, tlbi_vmalle1, TLBI_LOCAL) \
    X(VAE1,       0, 7, 1, tlbi_vae1,    TLBI_LOCAL) \
    X(ASIDE1,     0, 7, 2, tlbi_aside1,  TLBI_LOCAL) \
    X(VAAE1,      0, 7, 3, tlbi_vae1,    TLBI_LOCAL) \
    X(VALE1,      0, 7, 5, tlbi_vae1,    TLBI_LOCAL) \
    X(VAALE1,     0, 7, 7, tlbi_vae1,    TLBI_LOCAL)

#define TLBI_EL1_OS(X) \
    X(VMALLE1OS,  0, 1, 0, tlbi_vmalle1, TLBI_OS) \
    X(VAE1OS,     0, 1, 1, tlbi_vae1,    TLBI_OS) \
    X(ASIDE1OS,   0, 1, 2, tlbi_aside1,  TLBI_OS) \
    X(VAAE1OS,    0, 1, 3, tlbi_vae1,    TLBI_OS) \
    X(VALE1OS,    0, 1, 5, tlbi_vae1,    TLBI_OS) \
    X(VAALE1OS,   0, 1, 7, tlbi_vae1,    TLBI_OS)

#define TLBI_EL1_RANGE(X) \
    X(RVAE1IS,    0, 2, 1, tlbi_rvae1,   TLBI_IS) \
    X(RVAAE1IS,   0, 2, 3, tlbi_rvae1,   TLBI_IS) \
    X(RVALE1IS,   0, 2, 5, tlbi_rvae1,   TLBI_IS) \
    X(RVAALE1IS,  0, 2, 7, tlbi_rvae1,   TLBI_IS) \
    X(RVAE1OS,    0, 5, 1, tlbi_rvae1,   TLBI_OS) \
    X(RVAAE1OS,   0, 5, 3, tlbi_rvae1,   TLBI_OS) \
    X(RVALE1OS,   0, 5, 5, tlbi_rvae1,   TLBI_OS) \
    X(RVAALE1OS,  0, 5, 7, tlbi_rvae1,   TLBI_OS) \
    X(RVAE1,      0, 6, 1, tlbi_rvae1,   TLBI_LOCAL) \
    X(RVAAE1,     0, 6, 3, tlbi_rvae1,   TLBI_LOCAL) \
    X(RVALE1,     0, 6, 5, tlbi_rvae1,   TLBI_LOCAL) \
    X(RVAALE1,    0, 6, 7, tlbi_rvae1,   TLBI_LOCAL)

#define TLBI_EL2_V80(X) \
    X(IPAS2E1IS,    4, 0, 1, tlbi_alle1, TLBI_IS) \
    X(IPAS2LE1IS,   4, 0, 5, tlbi_alle1, TLBI_IS) \
    X(ALLE2IS,      4, 3, 0, tlbi_alle2, TLBI_IS) \
    X(VAE2IS,       4, 3, 1, tlbi_vae2,  TLBI_IS) \
    X(ALLE1IS,      4, 3, 4, tlbi_alle1, TLBI_IS) \
    X(VALE2IS,      4, 3, 5, tlbi_vae2,  TLBI_IS) \
    X(VMALLS12E1IS, 4, 3, 6, tlbi_alle1, TLBI_IS) \
    X(IPAS2E1,      4, 4, 1, tlbi_alle1, TLBI_LOCAL) \
    X(IPAS2LE1,     4, 4, 5, tlbi_alle1, TLBI_LOCAL) \
    X(ALLE2,        4, 7, 0, tlbi_alle2, TLBI_LOCAL) \
    X(VAE2,         4, 7, 1, tlbi_vae2,  TLBI_LOCAL) \
    X(ALLE1,        4, 7, 4, tlbi_alle1, TLBI_LOCAL) \
    X(VALE2,        4, 7, 5, tlbi_vae2,  TLBI_LOCAL) \
    X(VMALLS12E1,   4, 7, 6, tlbi_alle1, TLBI_LOCAL)

#define TLBI_EL2_OS(X) \
    X(ALLE2OS,      4, 1, 0, tlbi_alle2, TLBI_OS) \
    X(VAE2OS,       4, 1, 1, tlbi_vae2,  TLBI_OS) \
    X(ALLE1OS,      4, 1, 4, tlbi_alle1, TLBI_OS) \
    X(VALE2OS,      4, 1, 5, tlbi_vae2,  TLBI_OS) \
    X(VMALLS12E1OS, 4, 1, 6, tlbi_alle1, TLBI_OS) \
    X(IPAS2E1OS,    4, 4, 0, tlbi_alle1, TLBI_OS) \
    X(IPAS2LE1OS,   4, 4, 4, tlbi_alle1, TLBI_OS)

#define TLBI_EL2_RANGE(X) \
    X(RIPAS2E1IS,   4, 0, 2, tlbi_alle1, TLBI_IS) \
    X(RIPAS2LE1IS,  4, 0, 6, tlbi_alle1, TLBI_IS) \
    X(RVAE2IS,      4, 2, 1, tlbi_rvae2, TLBI_IS) \
    X(RVALE2IS,     4, 2, 5, tlbi_rvae2, TLBI_IS) \
    X(RIPAS2E1,     4, 4, 2, tlbi_alle1, TLBI_LOCAL) \
    X(RIPAS2E1OS,   4, 4, 3, tlbi_alle1, TLBI_OS) \
    X(RIPAS2LE1,    4, 4, 6, tlbi_alle1, TLBI_LOCAL) \
    X(RIPAS2LE1OS,  4, 4, 7, tlbi_alle1, TLBI_OS) \
    X(RVAE2OS,      4, 5, 1, tlbi_rvae2, TLBI_OS) \
    X(RVALE2OS,     4, 5, 5, tlbi_rvae2, TLBI_OS) \
    X(RVAE2,        4, 6, 1, tlbi_rvae2, TLBI_LOCAL) \
    X(RVALE2,       4, 6, 5, tlbi_rvae2, TLBI_LOCAL)

#define TLBI_EL3_V80(X) \
    X(ALLE3IS,      6, 3, 0, tlbi_alle3, TLBI_IS) \
    X(VAE3IS,       6, 3, 1, tlbi_vae3,  TLBI_IS) \
    X(VALE3IS,      6, 3, 5, tlbi_vae3,  TLBI_IS) \
    X(ALLE3,        6, 7, 0, tlbi_alle3, TLBI_LOCAL) \
    X(VAE3,         6, 7, 1, tlbi_vae3,  TLBI_LOCAL) \
    X(VALE3,        6, 7, 5, tlbi_vae3,  TLBI_LOCAL)

#define TLBI_EL3_OS(X) \
    X(ALLE3OS,      6, 1, 0, tlbi_alle3, TLBI_OS) \
    X(VAE3OS,       6, 1, 1, tlbi_vae3,  TLBI_OS) \
    X(VALE3OS,      6, 1, 5, tlbi_vae3,  TLBI_OS)

#define TLBI_EL3_RANGE(X) \
    X(RVAE3IS,      6, 2, 1, tlbi_rvae3, TLBI_IS) \
    X(RVALE3IS,     6, 2, 5, tlbi_rvae3, TLBI_IS) \
    X(RVAE3OS,      6, 5, 1, tlbi_rvae3, TLBI_OS) \
    X(RVALE3OS,     6, 5, 5, tlbi_rvae3, TLBI_OS) \
    X(RVAE3,        6, 6, 1, tlbi_rvae3, TLBI_LOCAL) \
    X(RVALE3,       6, 6, 5, tlbi_rvae3, TLBI_LOCAL)

#define TLBI_ROW(nm, sfx, crn, op1, crm, op2, fn, dom, minel, acc) \
    { .name = "TLBI_" #nm sfx, .key = ARM_SYSREG_KEY(1, op1, crn, crm, op2), \
      .flags = SYSREG_INSN | SYSREG_WO | (minel), .fieldoffset = -1, \
      .access = (acc), .write = fn, .opaque = (dom) },

#define ROW_EL1(nm, op1, crm, op2, fn, dom) \
    TLBI_ROW(nm, "", 8, op1, crm, op2, fn, dom, SYSREG_EL1, tlbi_el1_access)
#define ROW_EL1_NXS(nm, op1, crm, op2, fn, dom) \
    TLBI_ROW(nm, "NXS", 9, op1, crm, op2, fn, dom, SYSREG_EL1, tlbi_el1_access)
#define ROW_EL2(nm, op1, crm, op2, fn, dom) \
    TLBI_ROW(nm, "", 8, op1, crm, op2, fn, dom, SYSREG_EL2, NULL)
#define ROW_EL2_NXS(nm, op1, crm, op2, fn, dom) \
    TLBI_ROW(nm, "NXS", 9, op1, crm, op2, fn, dom, SYSREG_EL2, NULL)
#define ROW_EL3(nm, op1, crm, op2, fn, dom) \
    TLBI_ROW(nm, "", 8, op1, crm, op2, fn, dom, SYSREG_EL3, NULL)
#define ROW_EL3_NXS(nm, op1, crm, op2, fn, dom) \
    TLBI_ROW(nm, "NXS", 9, op1, crm, op2, fn, dom, SYSREG_EL3, NULL)

static const ARMSysReg tlbi_el1_v80[] = { TLBI_EL1_V80(ROW_EL1) };
static const ARMSysReg tlbi_el1_os[] = { TLBI_EL1_OS(ROW_EL1) };
static const ARMSysReg tlbi_el1_range[] = { TLBI_EL1_RANGE(ROW_EL1) };
static const ARMSysReg tlbi_el2_v80[] = { TLBI_EL2_V80(ROW_EL2) };
static const ARMSysReg tlbi_el2_os[] = { TLBI_EL2_OS(ROW_EL2) };
static const ARMSysReg tlbi_el2_range[] = { TLBI_EL2_RANGE(ROW_EL2) };
static const ARMSysReg tlbi_el3_v80[] = { TLBI_EL3_V80(ROW_EL3) };
static const ARMSysReg tlbi_el3_os[] = { TLBI_EL3_OS(ROW_EL3) };
static const ARMSysReg tlbi_el3_range[] = { TLBI_EL3_RANGE(ROW_EL3) };

static const ARMSysReg tlbi_el1_v80_nxs[] = { TLBI_EL1_V80(ROW_EL1_NXS) };
static const ARMSysReg tlbi_el1_os_nxs[] = { TLBI_EL1_OS(ROW_EL1_NXS) };
static const ARMSysReg tlbi_el1_range_nxs[] = { TLBI_EL1_RANGE(ROW_EL1_NXS) };
static const ARMSysReg tlbi_el2_v80_nxs[] = { TLBI_EL2_V80(ROW_EL2_NXS) };
static const ARMSysReg tlbi_el2_os_nxs[] = { TLBI_EL2_OS(ROW_EL2_NXS) };
static const ARMSysReg tlbi_el2_range_nxs[] = { TLBI_EL2_RANGE(ROW_EL2_NXS) };
static const ARMSysReg tlbi_el3_v80_nxs[] = { TLBI_EL3_V80(ROW_EL3_NXS) };
static const ARMSysReg tlbi_el3_os_nxs[] = { TLBI_EL3_OS(ROW_EL3_NXS) };
static const ARMSysReg tlbi_el3_range_nxs[] = { TLBI_EL3_RANGE(ROW_EL3_NXS) };

/*
 * Registers what the CPU implements: the v8.0 operations, the Outer
 * Shareable ones with ID_AA64ISAR0.TLB >= 1 (FEAT_TLBIOS), the range ones
 * with TLB >= 2 (FEAT_TLBIRANGE), the nXS copies with ID_AA64ISAR1.XS
 * (FEAT_XS); EL2 and EL3 operations only if those ELs exist. Then the AT
 * instructions.
 */
void arm_mmu_register_sysregs(ARMCPU *cpu)
{
    CPUARMState *env = &cpu->env;
    unsigned tlb = ID_ISAR0_TLB(cpu->isar.id_aa64isar0);
    bool xs = ID_ISAR1_XS(cpu->isar.id_aa64isar1) >= 1;
    bool el2 = arm_feature(env, ARM_FEATURE_EL2);
    bool el3 = arm_feature(env, ARM_FEATURE_EL3);

#define REGISTER(tab, cond) \
    do { \
        if (cond) { \
            arm_sysreg_register(cpu, tab, ARRAY_SIZE(tab)); \
        } \
    } while (0)

    REGISTER(tlbi_el1_v80, true);
    REGISTER(tlbi_el1_os, tlb >= 1);
    REGISTER(tlbi_el1_range, tlb >= 2);
    REGISTER(tlbi_el2_v80, el2);
    REGISTER(tlbi_el2_os, el2 && tlb >= 1);
    REGISTER(tlbi_el2_range, el2 && tlb >= 2);
    REGISTER(tlbi_el3_v80, el3);
    REGISTER(tlbi_el3_os, el3 && tlb >= 1);
    REGISTER(tlbi_el3_range, el3 && tlb >= 2);

    REGISTER(tlbi_el1_v80_nxs, xs);
    REGISTER(tlbi_el1_os_nxs, xs && tlb >= 1);
    REGISTER(tlbi_el1_range_nxs, xs && tlb >= 2);
    REGISTER(tlbi_el2_v80_nxs, xs && el2);
    REGISTER(tlbi_el2_os_nxs, xs && el2 && tlb >= 1);
    REGISTER(tlbi_el2_range_nxs, xs && el2 && tlb >= 2);
    REGISTER(tlbi_el3_v80_nxs, xs && el3);
    REGISTER(tlbi_el3_os_nxs, xs && el3 && tlb >= 1);
    REGISTER(tlbi_el3_range_nxs, xs && el3 && tlb >= 2);
#undef REGISTER

    arm_mmu_at_register(cpu);
}
