/*
 * arm_gicv3_cpuif.c — the GICv3 physical CPU interface: acknowledge,
 * priority drop and deactivation, priority masking and preemption, SGI
 * generation, and the IRQ/FIQ lines to the PE.
 *
 * Follows Arm IHI 0069, chapter 4 (4.8 "Interrupt prioritization",
 * 4.1.1 "Interrupt lifecycle") and 12.2 "AArch64 System register
 * descriptions of the CPU interface". These are plain C functions on a
 * GICv3CPUState; arm_gicv3_sysreg.c makes them the ICC_* system registers
 * of an arm64 CPU.
 *
 * Register table (name, encoding op0,op1,CRn,CRm,op2, reset, access):
 *   ICC_PMR_EL1      3,0,4,6,0     0x00   RW  priority mask, bits [7:3]
 *   ICC_IAR0_EL1     3,0,12,8,0    -      RO  acknowledge Group 0
 *   ICC_EOIR0_EL1    3,0,12,8,1    -      WO  priority drop (+deactivate)
 *   ICC_HPPIR0_EL1   3,0,12,8,2    -      RO  highest pending Group 0
 *   ICC_BPR0_EL1     3,0,12,8,3    0x2    RW  binary point, minimum 2
 *   ICC_AP0R0_EL1    3,0,12,8,4    0      RW  Group 0 active priorities
 *   ICC_AP1R0_EL1    3,0,12,9,0    0      RW  Group 1 active priorities
 *   ICC_DIR_EL1      3,0,12,11,1   -      WO  deactivate (EOImode 1)
 *   ICC_RPR_EL1      3,0,12,11,3   0xff   RO  running priority
 *   ICC_SGI1R_EL1    3,0,12,11,5   -      WO  SGI (any group, DS=1)
 *   ICC_ASGI1R_EL1   3,0,12,11,6   -      WO  SGI (Group 0 with DS=1)
 *   ICC_SGI0R_EL1    3,0,12,11,7   -      WO  SGI (Group 0)
 *   ICC_IAR1_EL1     3,0,12,12,0   -      RO  acknowledge Group 1
 *   ICC_EOIR1_EL1    3,0,12,12,1   -      WO
 *   ICC_HPPIR1_EL1   3,0,12,12,2   -      RO
 *   ICC_BPR1_EL1     3,0,12,12,3   0x3    RW  minimum 3; BPR0+1 if CBPR
 *   ICC_CTLR_EL1     3,0,12,12,4   0x8400 RW  CBPR, EOImode; PRIbits=4, A3V
 *   ICC_SRE_EL1      3,0,12,12,5   0x7    RO  SRE, DFB, DIB fixed to 1
 *   ICC_IGRPEN0_EL1  3,0,12,12,6   0      RW
 *   ICC_IGRPEN1_EL1  3,0,12,12,7   0      RW
 *   ICC_SRE_EL2      3,4,12,9,5    0xf    RO  SRE, DFB, DIB, Enable fixed
 *
 * Group 0 interrupts are signalled as FIQ, Group 1 as IRQ (single security
 * state). An interrupt is signalled when it is the highest-priority pending
 * interrupt of the PE, its group is enabled (ICC_IGRPEN<g>), its priority
 * is higher than the mask (PMR) and its group priority is higher than the
 * running priority (the highest bit set in the active priorities).
 */
#include "util/osdep.h"
#include "util/log.h"
#include "arm_gicv3_internal.h"

#define GICV3_PHYS_LINES (CPU_INTERRUPT_HARD | CPU_INTERRUPT_FIQ)

/* The group priority bits of a priority, per the binary point of its
 * group (IHI 0069 4.8.5): BPR0 = n keeps bits [7:n+1]; for Group 1, BPR1 = n
 * keeps bits [7:n], or BPR0's split is used when ICC_CTLR_EL1.CBPR is set. */
static uint8_t gicv3_group_prio_mask(GICv3CPUState *cs, int grp)
{
    if (grp == GICV3_G0 || (cs->icc_ctlr_el1 & ICC_CTLR_CBPR)) {
        return (0xffu << (cs->icc_bpr[GICV3_G0] + 1)) & 0xff;
    }
    return (0xffu << cs->icc_bpr[GICV3_G1]) & 0xff;
}

/* With 5 priority bits, APR bit n stands for group priority n << 3. */
static inline unsigned gicv3_apr_bit(uint8_t group_prio)
{
    return group_prio >> (8 - GICV3_PRIBITS);
}

uint8_t gicv3_running_priority(GICv3CPUState *cs)
{
    uint32_t ap = cs->icc_apr[GICV3_G0][0] | cs->icc_apr[GICV3_G1][0];

    if (!ap) {
        return GICV3_PRIO_IDLE;
    }
    return __builtin_ctz(ap) << (8 - GICV3_PRIBITS);
}

/* Whether the best pending interrupt may be signalled/acknowledged now. */
static bool gicv3_hppi_can_preempt(GICv3CPUState *cs)
{
    const GICv3Pending *p = &cs->hppi;

    if (p->intid == GICV3_SPURIOUS) {
        return false;
    }
    /* An asleep redistributor forwards nothing to its CPU interface. */
    if (cs->gicr_waker & GICR_WAKER_PS) {
        return false;
    }
    if (!(cs->icc_igrpen[p->group] & 1)) {
        return false;
    }
    if (p->prio >= cs->icc_pmr) {
        return false;
    }
    return (p->prio & gicv3_group_prio_mask(cs, p->group)) < gicv3_running_priority(cs);
}

void gicv3_cpuif_update(GICv3CPUState *cs)
{
    uint32_t want = 0, raise, lower;

    if (gicv3_hppi_can_preempt(cs)) {
        want = cs->hppi.group == GICV3_G0 ? CPU_INTERRUPT_FIQ : CPU_INTERRUPT_HARD;
    }
    raise = want & ~cs->signalled & GICV3_PHYS_LINES;
    lower = cs->signalled & ~want & GICV3_PHYS_LINES;
    if (!raise && !lower) {
        return;
    }
    cs->signalled = (cs->signalled & ~GICV3_PHYS_LINES) | want;
    if (cs->cpu) {
        if (lower) {
            cpu_reset_interrupt(cs->cpu, lower);
        }
        if (raise) {
            cpu_interrupt(cs->cpu, raise);
        }
    }
}

uint64_t gicv3_icc_iar(GICv3CPUState *cs, int grp)
{
    uint32_t intid = cs->hppi.intid;
    uint8_t gprio;

    if (!gicv3_hppi_can_preempt(cs) || cs->hppi.group != grp) {
        return GICV3_SPURIOUS;
    }
    gprio = cs->hppi.prio & gicv3_group_prio_mask(cs, grp);
    cs->icc_apr[grp][0] |= 1u << gicv3_apr_bit(gprio);
    gicv3_activate(cs, intid);              /* updates hppi and the lines */
    return intid;
}

uint64_t gicv3_icc_hppir(GICv3CPUState *cs, int grp)
{
    if (cs->hppi.intid == GICV3_SPURIOUS || cs->hppi.group != grp) {
        return GICV3_SPURIOUS;
    }
    return cs->hppi.intid;
}

static bool gicv3_intid_is_special(uint32_t intid)
{
    return intid >= 1020 && intid <= 1023;
}

void gicv3_icc_eoir(GICv3CPUState *cs, int grp, uint64_t value)
{
    uint32_t intid = value & 0xffffff;
    uint32_t ap0 = cs->icc_apr[GICV3_G0][0], ap1 = cs->icc_apr[GICV3_G1][0];
    uint32_t bit;
    int active_grp;

    if (gicv3_intid_is_special(intid)) {
        return;
    }
    if (!(ap0 | ap1)) {
        log_mask_printf(LOG_GUEST_ERROR,
                        "gicv3: EOIR%d of INTID %u with no active priority\n", grp, intid);
        return;
    }
    /* Priority drop: the highest active priority, which must belong to the
     * group of the EOI register (IHI 0069 4.1.1). */
    bit = __builtin_ctz(ap0 | ap1);
    active_grp = (ap0 >> bit) & 1 ? GICV3_G0 : GICV3_G1;
    if (active_grp != grp) {
        log_mask_printf(LOG_GUEST_ERROR,
                        "gicv3: EOIR%d of INTID %u while the running priority is Group %d\n",
                        grp, intid, active_grp);
        return;
    }
    cs->icc_apr[grp][0] &= ~(1u << bit);
    if (!(cs->icc_ctlr_el1 & ICC_CTLR_EOIMODE)) {
        gicv3_deactivate(cs, intid);
    }
    gicv3_cpuif_update(cs);
}

void gicv3_icc_dir(GICv3CPUState *cs, uint64_t value)
{
    uint32_t intid = value & 0xffffff;

    if (gicv3_intid_is_special(intid)) {
        return;
    }
    if (!(cs->icc_ctlr_el1 & ICC_CTLR_EOIMODE)) {
        /* UNPREDICTABLE: deactivating anyway is what software that
         * wrote it wanted. */
        log_mask_printf(LOG_GUEST_ERROR,
                        "gicv3: ICC_DIR_EL1 write (INTID %u) with EOImode 0\n", intid);
    }
    gicv3_deactivate(cs, intid);
}

uint64_t gicv3_icc_rpr(GICv3CPUState *cs)
{
    return gicv3_running_priority(cs);
}

uint64_t gicv3_icc_pmr_read(GICv3CPUState *cs)
{
    return cs->icc_pmr;
}

void gicv3_icc_pmr_write(GICv3CPUState *cs, uint64_t value)
{
    cs->icc_pmr = value & GICV3_PRIO_MASK;
    gicv3_cpuif_update(cs);
}

uint64_t gicv3_icc_bpr_read(GICv3CPUState *cs, int grp)
{
    if (grp == GICV3_G1 && (cs->icc_ctlr_el1 & ICC_CTLR_CBPR)) {
        return MIN(cs->icc_bpr[GICV3_G0] + 1, 7u);
    }
    return cs->icc_bpr[grp];
}

void gicv3_icc_bpr_write(GICv3CPUState *cs, int grp, uint64_t value)
{
    unsigned min = grp == GICV3_G0 ? GICV3_BPR0_MIN : GICV3_BPR1_MIN;

    if (grp == GICV3_G1 && (cs->icc_ctlr_el1 & ICC_CTLR_CBPR)) {
        return;                             /* CBPR: writes ignored */
    }
    value &= 7;
    cs->icc_bpr[grp] = MAX(value, (uint64_t)min);
    gicv3_cpuif_update(cs);
}

uint64_t gicv3_icc_ctlr_read(GICv3CPUState *cs)
{
    return (cs->icc_ctlr_el1 & (ICC_CTLR_CBPR | ICC_CTLR_EOIMODE)) |
           ((uint64_t)(GICV3_PRIBITS - 1) << ICC_CTLR_PRIBITS_SHIFT) |
           (0ull << ICC_CTLR_IDBITS_SHIFT) |        /* 16-bit INTIDs */
           ICC_CTLR_A3V;
}

void gicv3_icc_ctlr_write(GICv3CPUState *cs, uint64_t value)
{
    cs->icc_ctlr_el1 = value & (ICC_CTLR_CBPR | ICC_CTLR_EOIMODE);
    gicv3_cpuif_update(cs);
}

uint64_t gicv3_icc_igrpen_read(GICv3CPUState *cs, int grp)
{
    return cs->icc_igrpen[grp];
}

void gicv3_icc_igrpen_write(GICv3CPUState *cs, int grp, uint64_t value)
{
    cs->icc_igrpen[grp] = value & 1;
    gicv3_cpuif_update(cs);
}

uint64_t gicv3_icc_apr_read(GICv3CPUState *cs, int grp, int n)
{
    return n < GICV3_NUM_APR ? cs->icc_apr[grp][n] : 0;
}

void gicv3_icc_apr_write(GICv3CPUState *cs, int grp, int n, uint64_t value)
{
    if (n < GICV3_NUM_APR) {
        cs->icc_apr[grp][n] = (uint32_t)value;
        gicv3_cpuif_update(cs);
    }
}

uint64_t gicv3_icc_sre_read(GICv3CPUState *cs, int el)
{
    /* SRE, DFB, DIB; at EL2 also Enable (EL1 may access ICC_SRE_EL1). */
    return el >= 2 ? 0xf : 0x7;
}

static void gicv3_sgi_to(GICv3CPUState *target, GICv3SGIKind kind, unsigned sgi)
{
    uint32_t bit = 1u << sgi;
    bool g1 = target->gicr_igroupr0 & bit;

    /* With DS=1, SGI1R may raise an SGI of either group, while SGI0R and
     * ASGI1R (no other security state to address) raise Group 0 SGIs only
     * (IHI 0069 12.2.21-23, the SGI forwarding table). */
    if (kind != GICV3_SGI1R && g1) {
        return;
    }
    target->gicr_ipendr0 |= bit;
    gicv3_redist_update(target, bit);
}

void gicv3_icc_generate_sgi(GICv3CPUState *cs, GICv3SGIKind kind, uint64_t value)
{
    GICv3State *s = cs->gic;
    unsigned sgi = ICC_SGIR_INTID(value);

    if (value & ICC_SGIR_IRM) {
        /* Every PE but this one */
        for (unsigned i = 0; i < s->num_cpu; i++) {
            if (&s->cpu[i] != cs) {
                gicv3_sgi_to(&s->cpu[i], kind, sgi);
            }
        }
        return;
    }
    {
        uint32_t aff = (uint32_t)ICC_SGIR_AFF3(value) << 24 |
                       (uint32_t)ICC_SGIR_AFF2(value) << 16 |
                       (uint32_t)ICC_SGIR_AFF1(value) << 8;
        uint32_t list = ICC_SGIR_TARGETLIST(value);
        unsigned rs = ICC_SGIR_RS(value);

        while (list) {
            unsigned b = __builtin_ctz(list);
            GICv3CPUState *t;

            list &= list - 1;
            t = gicv3_cpu_by_affinity(s, aff | (rs * 16 + b));
            if (t) {
                gicv3_sgi_to(t, kind, sgi);
            }
        }
    }
}

void gicv3_cpuif_reset(GICv3CPUState *cs)
{
    cs->icc_pmr = 0;
    cs->icc_bpr[GICV3_G0] = GICV3_BPR0_MIN;
    cs->icc_bpr[GICV3_G1] = GICV3_BPR1_MIN;
    cs->icc_ctlr_el1 = 0;
    cs->icc_igrpen[0] = cs->icc_igrpen[1] = 0;
    memset(cs->icc_apr, 0, sizeof(cs->icc_apr));
    cs->ich_hcr_el2 = 0;
    cs->ich_vmcr_el2 = 0;
    memset(cs->ich_lr_el2, 0, sizeof(cs->ich_lr_el2));
    memset(cs->ich_apr, 0, sizeof(cs->ich_apr));
    cs->level &= ~(1u << 25);               /* the maintenance interrupt */
    if (cs->cpu && cs->signalled) {
        cpu_reset_interrupt(cs->cpu, cs->signalled);
    }
    cs->signalled = 0;
}
