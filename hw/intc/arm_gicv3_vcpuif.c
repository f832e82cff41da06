/*
 * arm_gicv3_vcpuif.c — the GICv3 virtual CPU interface: the hypervisor's
 * ICH_*_EL2 registers (list registers, virtual machine control, active
 * priorities, maintenance status) and what a guest at EL1 sees through
 * them as ICV_* when HCR_EL2.IMO/FMO route its interrupts to EL2.
 *
 * Follows Arm IHI 0069, chapter 6 "Virtual Interrupt Handling and
 * Prioritization" and 12.4 "AArch64 virtualization control System
 * registers". Like arm_gicv3_cpuif.c these are plain C functions on a
 * GICv3CPUState; arm_gicv3_sysreg.c makes them system registers.
 *
 * Register table (name, encoding op0,op1,CRn,CRm,op2, reset, access):
 *   ICH_AP0R0_EL2   3,4,12,8,0        0   RW  virtual Group 0 active priorities
 *   ICH_AP1R0_EL2   3,4,12,9,0        0   RW  virtual Group 1 active priorities
 *   ICH_HCR_EL2     3,4,12,11,0       0   RW  En, UIE, LRENPIE, NPIE, VGrp*IE,
 *                                             TC, TALL0, TALL1, TDIR, EOIcount
 *   ICH_VTR_EL2     3,4,12,11,1       -   RO  16 LRs, PRIbits/PREbits 5, A3V,
 *                                             nV4 (no direct injection)
 *   ICH_MISR_EL2    3,4,12,11,2       -   RO  maintenance interrupt causes
 *   ICH_EISR_EL2    3,4,12,11,3       -   RO  LRs with a finished EOI
 *   ICH_ELRSR_EL2   3,4,12,11,5       -   RO  empty LRs
 *   ICH_VMCR_EL2    3,4,12,11,7       0   RW  the guest's ICV_ state
 *   ICH_LR<n>_EL2   3,4,12,12+n/8,n%8 0   RW  list registers 0-15
 *
 * The virtual interface signals CPU_INTERRUPT_VIRQ (virtual Group 1) or
 * CPU_INTERRUPT_VFIQ (virtual Group 0) when ICH_HCR_EL2.En is set and the
 * best pending list register can preempt, and drives the maintenance
 * interrupt, PPI 25 of its own redistributor, from ICH_MISR_EL2.
 */
#include "util/osdep.h"
#include "util/log.h"
#include "arm_gicv3_internal.h"

#define GICV3_VIRT_LINES (CPU_INTERRUPT_VIRQ | CPU_INTERRUPT_VFIQ)
#define GICV3_MAINT_PPI  25

/* ICH_HCR_EL2 */
#define ICH_HCR_UIE         (1ull << 1)
#define ICH_HCR_LRENPIE     (1ull << 2)
#define ICH_HCR_NPIE        (1ull << 3)
#define ICH_HCR_VGRP0EIE    (1ull << 4)
#define ICH_HCR_VGRP0DIE    (1ull << 5)
#define ICH_HCR_VGRP1EIE    (1ull << 6)
#define ICH_HCR_VGRP1DIE    (1ull << 7)
#define ICH_HCR_EOICOUNT_SHIFT 27
#define ICH_HCR_MASK        (0x7fffull | (0x1full << ICH_HCR_EOICOUNT_SHIFT))

/* ICH_VMCR_EL2 */
#define ICH_VMCR_VENG0      (1ull << 0)
#define ICH_VMCR_VENG1      (1ull << 1)
#define ICH_VMCR_VCBPR      (1ull << 4)
#define ICH_VMCR_VEOIM      (1ull << 9)
#define ICH_VMCR_VBPR1_SHIFT 18
#define ICH_VMCR_VBPR0_SHIFT 21
#define ICH_VMCR_VPMR_SHIFT 24
#define ICH_VMCR_MASK       (0x21full | (0x3full << 18) | (0xffull << 24))

/* ICH_LR<n>_EL2 */
#define ICH_LR_EOI          (1ull << 41)
#define ICH_LR_PINTID(lr)   (((lr) >> ICH_LR_PINTID_SHIFT) & 0x1fff)
#define ICH_LR_PRIO(lr)     (((lr) >> ICH_LR_PRIORITY_SHIFT) & 0xff)
#define ICH_LR_STATE(lr)    ((lr) >> ICH_LR_STATE_SHIFT)
#define ICH_LR_PENDING      1ull
#define ICH_LR_ACTIVE       2ull
#define ICH_LR_MASK         (~((7ull << 45) | (0xfull << 56)))

/* ---- ICH_VMCR_EL2 fields ------------------------------------------------- */

static inline unsigned vmcr_vbpr(GICv3CPUState *cs, int grp)
{
    unsigned shift = grp == GICV3_G0 ? ICH_VMCR_VBPR0_SHIFT : ICH_VMCR_VBPR1_SHIFT;

    return (cs->ich_vmcr_el2 >> shift) & 7;
}

static inline void vmcr_set_vbpr(GICv3CPUState *cs, int grp, unsigned v)
{
    unsigned shift = grp == GICV3_G0 ? ICH_VMCR_VBPR0_SHIFT : ICH_VMCR_VBPR1_SHIFT;
    unsigned min = grp == GICV3_G0 ? GICV3_BPR0_MIN : GICV3_BPR1_MIN;

    v = MAX(v & 7, min);
    cs->ich_vmcr_el2 = (cs->ich_vmcr_el2 & ~(7ull << shift)) | ((uint64_t)v << shift);
}

static inline uint8_t vmcr_vpmr(GICv3CPUState *cs)
{
    return (cs->ich_vmcr_el2 >> ICH_VMCR_VPMR_SHIFT) & 0xff;
}

static inline bool vmcr_veng(GICv3CPUState *cs, int grp)
{
    return cs->ich_vmcr_el2 & (grp == GICV3_G0 ? ICH_VMCR_VENG0 : ICH_VMCR_VENG1);
}

/* ---- Virtual priorities ---------------------------------------------------- */

static uint8_t icv_group_prio_mask(GICv3CPUState *cs, int grp)
{
    if (grp == GICV3_G0 || (cs->ich_vmcr_el2 & ICH_VMCR_VCBPR)) {
        return (0xffu << (vmcr_vbpr(cs, GICV3_G0) + 1)) & 0xff;
    }
    return (0xffu << MAX(vmcr_vbpr(cs, GICV3_G1), (unsigned)GICV3_BPR1_MIN)) & 0xff;
}

static uint8_t icv_running_priority(GICv3CPUState *cs)
{
    uint32_t ap = cs->ich_apr[GICV3_G0][0] | cs->ich_apr[GICV3_G1][0];

    return ap ? __builtin_ctz(ap) << (8 - GICV3_PRIBITS) : GICV3_PRIO_IDLE;
}

/* The list register holding the best pending virtual interrupt, or -1.
 * Pending-and-active ones do not count: they wait for deactivation. */
static int icv_best_lr(GICv3CPUState *cs)
{
    int best = -1;
    unsigned best_prio = 0x100;

    for (int i = 0; i < GICV3_NUM_LRS; i++) {
        uint64_t lr = cs->ich_lr_el2[i];
        unsigned prio = ICH_LR_PRIO(lr) & GICV3_PRIO_MASK;

        if (ICH_LR_STATE(lr) == ICH_LR_PENDING && prio < best_prio) {
            best = i;
            best_prio = prio;
        }
    }
    return best;
}

static bool icv_lr_can_preempt(GICv3CPUState *cs, int idx)
{
    uint64_t lr;
    unsigned prio;
    int grp;

    if (idx < 0) {
        return false;
    }
    lr = cs->ich_lr_el2[idx];
    prio = ICH_LR_PRIO(lr) & GICV3_PRIO_MASK;
    grp = (lr & ICH_LR_GROUP) ? GICV3_G1 : GICV3_G0;
    return vmcr_veng(cs, grp) && prio < vmcr_vpmr(cs) &&
           (prio & icv_group_prio_mask(cs, grp)) < icv_running_priority(cs);
}

/* ---- Maintenance status ---------------------------------------------------- */

uint64_t gicv3_ich_eisr(GICv3CPUState *cs)
{
    uint64_t v = 0;

    for (int i = 0; i < GICV3_NUM_LRS; i++) {
        uint64_t lr = cs->ich_lr_el2[i];

        if (ICH_LR_STATE(lr) == 0 && !(lr & ICH_LR_HW) && (lr & ICH_LR_EOI)) {
            v |= 1u << i;
        }
    }
    return v;
}

uint64_t gicv3_ich_elrsr(GICv3CPUState *cs)
{
    uint64_t v = 0;

    for (int i = 0; i < GICV3_NUM_LRS; i++) {
        uint64_t lr = cs->ich_lr_el2[i];

        if (ICH_LR_STATE(lr) == 0 && ((lr & ICH_LR_HW) || !(lr & ICH_LR_EOI))) {
            v |= 1u << i;
        }
    }
    return v;
}

uint64_t gicv3_ich_misr(GICv3CPUState *cs)
{
    uint64_t hcr = cs->ich_hcr_el2, v = 0;
    unsigned valid = 0, pending = 0;

    for (int i = 0; i < GICV3_NUM_LRS; i++) {
        uint64_t st = ICH_LR_STATE(cs->ich_lr_el2[i]);

        valid += st != 0;
        pending += st == ICH_LR_PENDING;
    }
    if (gicv3_ich_eisr(cs)) {
        v |= 1u << 0;                       /* EOI */
    }
    if ((hcr & ICH_HCR_UIE) && valid <= 1) {
        v |= 1u << 1;                       /* U: underflow */
    }
    if ((hcr & ICH_HCR_LRENPIE) && (hcr >> ICH_HCR_EOICOUNT_SHIFT)) {
        v |= 1u << 2;                       /* LRENP */
    }
    if ((hcr & ICH_HCR_NPIE) && !pending) {
        v |= 1u << 3;                       /* NP: no pending */
    }
    if ((hcr & ICH_HCR_VGRP0EIE) && vmcr_veng(cs, GICV3_G0)) {
        v |= 1u << 4;
    }
    if ((hcr & ICH_HCR_VGRP0DIE) && !vmcr_veng(cs, GICV3_G0)) {
        v |= 1u << 5;
    }
    if ((hcr & ICH_HCR_VGRP1EIE) && vmcr_veng(cs, GICV3_G1)) {
        v |= 1u << 6;
    }
    if ((hcr & ICH_HCR_VGRP1DIE) && !vmcr_veng(cs, GICV3_G1)) {
        v |= 1u << 7;
    }
    return v;
}

uint64_t gicv3_ich_vtr(void)
{
    return (GICV3_NUM_LRS - 1) |                    /* ListRegs */
           (1ull << 20) |                           /* nV4: no vLPI injection */
           (1ull << 21) |                           /* A3V */
           (0ull << 23) |                           /* IDbits: 16 */
           ((uint64_t)(GICV3_PRIBITS - 1) << 26) |  /* PREbits */
           ((uint64_t)(GICV3_PRIBITS - 1) << 29);   /* PRIbits */
}

void gicv3_vcpuif_update(GICv3CPUState *cs)
{
    uint32_t want = 0, raise, lower;
    bool en = cs->ich_hcr_el2 & ICH_HCR_EN;
    bool maint = en && gicv3_ich_misr(cs);
    uint32_t mbit = 1u << GICV3_MAINT_PPI;
    int idx;

    if (en) {
        idx = icv_best_lr(cs);
        if (icv_lr_can_preempt(cs, idx)) {
            want = (cs->ich_lr_el2[idx] & ICH_LR_GROUP) ? CPU_INTERRUPT_VIRQ
                                                        : CPU_INTERRUPT_VFIQ;
        }
    }
    raise = want & ~cs->signalled & GICV3_VIRT_LINES;
    lower = cs->signalled & ~want & GICV3_VIRT_LINES;
    if (raise || lower) {
        cs->signalled = (cs->signalled & ~GICV3_VIRT_LINES) | want;
        if (cs->cpu && lower) {
            cpu_reset_interrupt(cs->cpu, lower);
        }
        if (cs->cpu && raise) {
            cpu_interrupt(cs->cpu, raise);
        }
    }
    /* The maintenance interrupt is a level-sensitive PPI of this PE. */
    if (maint != !!(cs->level & mbit)) {
        cs->level ^= mbit;
        gicv3_redist_update(cs, mbit);
    }
}

/* ---- ICH_*_EL2 writes --------------------------------------------------------- */

void gicv3_ich_hcr_write(GICv3CPUState *cs, uint64_t v)
{
    cs->ich_hcr_el2 = v & ICH_HCR_MASK;
    gicv3_vcpuif_update(cs);
}

void gicv3_ich_vmcr_write(GICv3CPUState *cs, uint64_t v)
{
    cs->ich_vmcr_el2 = v & ICH_VMCR_MASK;
    /* Binary points below the minimum read back as the minimum. */
    vmcr_set_vbpr(cs, GICV3_G0, vmcr_vbpr(cs, GICV3_G0));
    vmcr_set_vbpr(cs, GICV3_G1, vmcr_vbpr(cs, GICV3_G1));
    cs->ich_vmcr_el2 &= ~((uint64_t)(~GICV3_PRIO_MASK & 0xff) << ICH_VMCR_VPMR_SHIFT);
    gicv3_vcpuif_update(cs);
}

void gicv3_ich_lr_write(GICv3CPUState *cs, int n, uint64_t v)
{
    if (n >= 0 && n < GICV3_NUM_LRS) {
        cs->ich_lr_el2[n] = v & ICH_LR_MASK;
        gicv3_vcpuif_update(cs);
    }
}

void gicv3_ich_apr_write(GICv3CPUState *cs, int grp, int n, uint64_t v)
{
    if (n < GICV3_NUM_APR) {
        cs->ich_apr[grp][n] = (uint32_t)v;
        gicv3_vcpuif_update(cs);
    }
}

/* ---- ICV_* (guest view) --------------------------------------------------- */

uint64_t gicv3_icv_iar(GICv3CPUState *cs, int grp)
{
    int idx = icv_best_lr(cs);
    uint64_t lr;
    uint32_t intid;
    uint8_t gprio;

    if (!icv_lr_can_preempt(cs, idx)) {
        return GICV3_SPURIOUS;
    }
    lr = cs->ich_lr_el2[idx];
    if (((lr & ICH_LR_GROUP) ? GICV3_G1 : GICV3_G0) != grp) {
        return GICV3_SPURIOUS;
    }
    intid = lr & ICH_LR_VINTID_MASK;
    gprio = (ICH_LR_PRIO(lr) & GICV3_PRIO_MASK) & icv_group_prio_mask(cs, grp);
    cs->ich_apr[grp][0] |= 1u << (gprio >> (8 - GICV3_PRIBITS));
    lr &= ~(3ull << ICH_LR_STATE_SHIFT);
    if (intid < GICV3_LPI_INTID_START) {
        lr |= ICH_LR_ACTIVE << ICH_LR_STATE_SHIFT;  /* LPIs have no active state */
    }
    cs->ich_lr_el2[idx] = lr;
    gicv3_vcpuif_update(cs);
    return intid;
}

uint64_t gicv3_icv_hppir(GICv3CPUState *cs, int grp)
{
    int idx = icv_best_lr(cs);

    if (idx < 0 || !!(cs->ich_lr_el2[idx] & ICH_LR_GROUP) != grp) {
        return GICV3_SPURIOUS;
    }
    return cs->ich_lr_el2[idx] & ICH_LR_VINTID_MASK;
}

/* Deactivation of a virtual interrupt (IHI 0069 6.2.2): the list register
 * loses its active state; with HW set the physical interrupt is
 * deactivated too; no list register: EOIcount counts it. */
static void icv_deactivate(GICv3CPUState *cs, uint32_t intid)
{
    for (int i = 0; i < GICV3_NUM_LRS; i++) {
        uint64_t lr = cs->ich_lr_el2[i];

        if ((lr & ICH_LR_VINTID_MASK) == intid &&
            (ICH_LR_STATE(lr) & ICH_LR_ACTIVE)) {
            cs->ich_lr_el2[i] = lr & ~(ICH_LR_ACTIVE << ICH_LR_STATE_SHIFT);
            if (lr & ICH_LR_HW) {
                uint32_t pintid = ICH_LR_PINTID(lr);

                if (pintid < 1020) {
                    gicv3_deactivate(cs, pintid);
                }
            }
            return;
        }
    }
    if (intid < GICV3_LPI_INTID_START) {
        uint64_t count = (cs->ich_hcr_el2 >> ICH_HCR_EOICOUNT_SHIFT) & 0x1f;

        count = (count + 1) & 0x1f;
        cs->ich_hcr_el2 = (cs->ich_hcr_el2 & ~(0x1full << ICH_HCR_EOICOUNT_SHIFT)) |
                          (count << ICH_HCR_EOICOUNT_SHIFT);
    }
}

void gicv3_icv_eoir(GICv3CPUState *cs, int grp, uint64_t value)
{
    uint32_t intid = value & 0xffffff;
    uint32_t ap0 = cs->ich_apr[GICV3_G0][0], ap1 = cs->ich_apr[GICV3_G1][0];
    uint32_t bit;

    if (intid >= 1020 && intid <= 1023) {
        return;
    }
    if (!(ap0 | ap1)) {
        log_mask_printf(LOG_GUEST_ERROR,
                        "gicv3: ICV_EOIR%d of vINTID %u with no active priority\n",
                        grp, intid);
        return;
    }
    bit = __builtin_ctz(ap0 | ap1);
    if ((((ap0 >> bit) & 1) ? GICV3_G0 : GICV3_G1) != grp) {
        log_mask_printf(LOG_GUEST_ERROR,
                        "gicv3: ICV_EOIR%d of vINTID %u: running priority of the other group\n",
                        grp, intid);
        return;
    }
    cs->ich_apr[grp][0] &= ~(1u << bit);
    if (!(cs->ich_vmcr_el2 & ICH_VMCR_VEOIM)) {
        icv_deactivate(cs, intid);
    }
    gicv3_vcpuif_update(cs);
}

void gicv3_icv_dir(GICv3CPUState *cs, uint64_t value)
{
    uint32_t intid = value & 0xffffff;

    if (intid >= 1020 && intid <= 1023) {
        return;
    }
    icv_deactivate(cs, intid);
    gicv3_vcpuif_update(cs);
}

uint64_t gicv3_icv_rpr(GICv3CPUState *cs)
{
    return icv_running_priority(cs);
}

uint64_t gicv3_icv_pmr_read(GICv3CPUState *cs)
{
    return vmcr_vpmr(cs);
}

void gicv3_icv_pmr_write(GICv3CPUState *cs, uint64_t v)
{
    cs->ich_vmcr_el2 = (cs->ich_vmcr_el2 & ~(0xffull << ICH_VMCR_VPMR_SHIFT)) |
                       ((v & GICV3_PRIO_MASK) << ICH_VMCR_VPMR_SHIFT);
    gicv3_vcpuif_update(cs);
}

uint64_t gicv3_icv_bpr_read(GICv3CPUState *cs, int grp)
{
    if (grp == GICV3_G1 && (cs->ich_vmcr_el2 & ICH_VMCR_VCBPR)) {
        return MIN(vmcr_vbpr(cs, GICV3_G0) + 1, 7u);
    }
    return vmcr_vbpr(cs, grp);
}

void gicv3_icv_bpr_write(GICv3CPUState *cs, int grp, uint64_t v)
{
    if (grp == GICV3_G1 && (cs->ich_vmcr_el2 & ICH_VMCR_VCBPR)) {
        return;
    }
    vmcr_set_vbpr(cs, grp, v);
    gicv3_vcpuif_update(cs);
}

uint64_t gicv3_icv_ctlr_read(GICv3CPUState *cs)
{
    return ((cs->ich_vmcr_el2 & ICH_VMCR_VCBPR) ? ICC_CTLR_CBPR : 0) |
           ((cs->ich_vmcr_el2 & ICH_VMCR_VEOIM) ? ICC_CTLR_EOIMODE : 0) |
           ((uint64_t)(GICV3_PRIBITS - 1) << ICC_CTLR_PRIBITS_SHIFT) |
           ICC_CTLR_A3V;
}

void gicv3_icv_ctlr_write(GICv3CPUState *cs, uint64_t v)
{
    cs->ich_vmcr_el2 &= ~(ICH_VMCR_VCBPR | ICH_VMCR_VEOIM);
    cs->ich_vmcr_el2 |= (v & ICC_CTLR_CBPR) ? ICH_VMCR_VCBPR : 0;
    cs->ich_vmcr_el2 |= (v & ICC_CTLR_EOIMODE) ? ICH_VMCR_VEOIM : 0;
    gicv3_vcpuif_update(cs);
}

uint64_t gicv3_icv_igrpen_read(GICv3CPUState *cs, int grp)
{
    return vmcr_veng(cs, grp);
}

void gicv3_icv_igrpen_write(GICv3CPUState *cs, int grp, uint64_t v)
{
    uint64_t bit = grp == GICV3_G0 ? ICH_VMCR_VENG0 : ICH_VMCR_VENG1;

    cs->ich_vmcr_el2 = (v & 1) ? cs->ich_vmcr_el2 | bit : cs->ich_vmcr_el2 & ~bit;
    gicv3_vcpuif_update(cs);
}
