/*
 * test-gic.c — the generic timer (Arm ARM D11) and the GICv3 (Arm IHI
 * 0069) as the virt board wires them: the counter (CNTFRQ_EL0, CNTVCT_EL0,
 * CNTPCT_EL0), the GIC brought up the way an OS does (GICD_CTLR.ARE +
 * EnableGrp1, GICR_WAKER, ICC_SRE_EL1, ICC_PMR_EL1, ICC_IGRPEN1_EL1), the
 * EL1 virtual timer (PPI 27) and physical timer (PPI 30) firing after a
 * short TVAL/CVAL while the CPU waits in WFI, acknowledged through
 * ICC_IAR1_EL1 and completed through ICC_EOIR1_EL1; SGIs to self through
 * ICC_SGI1R_EL1, priority masking by ICC_PMR_EL1, priority order, the
 * spurious INTID, EOImode 1 with ICC_DIR_EL1.
 */
#include "sys-support.h"

#define GICD_BASE       0x08000000ul
#define GICR_BASE       0x080a0000ul    /* CPU 0: RD_base; SGI_base = +64K */
#define GICD_CTLR       0x0000
#define GICD_TYPER      0x0004
#define GICD_PIDR2      0xffe8
#define GICD_CTLR_RWP   (1u << 31)
#define GICD_CTLR_ARE   (1u << 4)
#define GICD_CTLR_G1    (1u << 1)
#define GICR_TYPER      0x0008
#define GICR_WAKER      0x0014
#define WAKER_PS        (1u << 1)
#define WAKER_CA        (1u << 2)
#define SGI_BASE        (GICR_BASE + 0x10000)
#define GICR_IGROUPR0   0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_ICENABLER0 0x0180
#define GICR_ISPENDR0   0x0200
#define GICR_ICPENDR0   0x0280
#define GICR_ISACTIVER0 0x0300
#define GICR_IPRIORITYR 0x0400

#define INTID_VTIMER    27
#define INTID_PTIMER    30
#define CTL_ENABLE      1ul
#define CTL_IMASK       2ul
#define CTL_ISTATUS     4ul

static u32 rd32(u64 a)
{
    return *(volatile u32 *)a;
}

static void wr32(u64 a, u32 v)
{
    *(volatile u32 *)a = v;
}

static u64 rd64(u64 a)
{
    return *(volatile u64 *)a;
}

static void wr8(u64 a, u8 v)
{
    *(volatile u8 *)a = v;
}

/* ---- the IRQ handler ---------------------------------------------------- */

#define MAX_IRQS 8
static volatile int irq_count;
static volatile u64 irq_intid[MAX_IRQS];
static volatile u64 irq_rpr[MAX_IRQS];
static volatile u64 irq_istatus[MAX_IRQS];
static volatile u64 irq_counter[MAX_IRQS];
static volatile int irq_no_eoi;     /* EOImode 1 test: EOIR only, no DIR */

static void irq_handler(u64 type, ExcFrame *f)
{
    u64 iar = READ_SYSREG(icc_iar1_el1);
    u64 intid = iar & 0xffffff;
    int i = irq_count;

    (void)type;
    (void)f;
    if (intid == 1023) {
        return;                 /* spurious: nothing to complete */
    }
    if (i < MAX_IRQS) {
        irq_intid[i] = intid;
        irq_rpr[i] = READ_SYSREG(icc_rpr_el1);
        irq_counter[i] = sys_counter();
        irq_istatus[i] = 0;
    }
    /* A timer's line is a level: quiet it before the EOI, or it stays
     * pending and fires again. */
    if (intid == INTID_VTIMER) {
        if (i < MAX_IRQS) {
            irq_istatus[i] = READ_SYSREG(cntv_ctl_el0);
        }
        WRITE_SYSREG(cntv_ctl_el0, 0);
    } else if (intid == INTID_PTIMER) {
        if (i < MAX_IRQS) {
            irq_istatus[i] = READ_SYSREG(cntp_ctl_el0);
        }
        WRITE_SYSREG(cntp_ctl_el0, 0);
    }
    ISB();
    irq_count = i + 1;
    WRITE_SYSREG(icc_eoir1_el1, iar);
    ISB();
}

/* Waits in WFI (IRQs masked, so that no interrupt is lost between the
 * check and the WFI: a pending interrupt wakes WFI even when masked), then
 * lets the IRQ in. Gives up after timeout_ms of counter time, checked
 * whenever WFI returns. */
static int wait_irqs(int n, u64 timeout_ms)
{
    u64 deadline = sys_deadline_ms(timeout_ms);

    while (irq_count < n && !sys_expired(deadline)) {
        __asm__ volatile("wfi\n\tmsr daifclr, #2\n\tisb\n\tmsr daifset, #2" ::: "memory");
    }
    return irq_count >= n;
}

/* Lets pending IRQs in for a moment. */
static void open_irq_window(void)
{
    __asm__ volatile("msr daifclr, #2\n\tisb" ::: "memory");
    for (volatile int i = 0; i < 1000; i++) {
    }
    __asm__ volatile("msr daifset, #2\n\tisb" ::: "memory");
}

/* ---- counter -------------------------------------------------------------- */

static void test_counter(void)
{
    u64 frq = READ_SYSREG(cntfrq_el0);
    u64 v1, v2, p1, p2, v;

    CHECK("cntfrq-nonzero", frq != 0, 1);
    v1 = sys_counter();
    for (volatile int i = 0; i < 20000; i++) {
    }
    v2 = sys_counter();
    CHECK("cntvct-advances", v2 > v1, 1);
    ISB();
    p1 = READ_SYSREG(cntpct_el0);
    ISB();
    v = READ_SYSREG(cntvct_el0);
    ISB();
    p2 = READ_SYSREG(cntpct_el0);
    CHECK("cntpct-advances", p2 >= p1, 1);
    /* No EL2: the virtual offset is zero (D11.2.4). */
    CHECK("cntvct-no-offset-without-el2", p1 <= v && v <= p2, 1);
    /* A busy wait of 2 ms by the counter ends (the counter runs at the
     * rate CNTFRQ says, against a second reading). */
    {
        u64 d = sys_deadline_ms(2);

        while (!sys_expired(d)) {
        }
        CHECK("counter-deadline-reached", sys_counter() - v2 >= frq / 500, 1);
    }
}

/* ---- GIC bring-up ----------------------------------------------------------- */

static void test_gic_init(void)
{
    u64 mpidr = READ_SYSREG(mpidr_el1);
    u64 typer = rd64(GICR_BASE + GICR_TYPER);
    u32 waker;
    u64 deadline;
    /* GICR_TYPER.Affinity_Value is Aff3.Aff2.Aff1.Aff0. */
    u64 aff = ((mpidr >> 32) & 0xff) << 24 | ((mpidr >> 16) & 0xff) << 16 |
          ((mpidr >> 8) & 0xff) << 8 | (mpidr & 0xff);
    CHECK("gicd-pidr2-archrev-3", (rd32(GICD_BASE + GICD_PIDR2) >> 4) & 0xf, 3);
    CHECK("gicd-typer-itlines", (rd32(GICD_BASE + GICD_TYPER) & 0x1f) >= 1, 1);
    CHECK("gicr-typer-affinity", typer >> 32, aff);
    /* The frames (128 KiB each, one per CPU) end with GICR_TYPER.Last. */
    {
        int frames = 0;

        while (frames < 16 && !((rd64(GICR_BASE + frames * 0x20000ul + GICR_TYPER) >> 4) & 1)) {
            frames++;
        }
        CHECK("gicr-typer-last-found", frames < 16, 1);
    }

    /* Distributor: affinity routing, Group 1 enabled. */
    wr32(GICD_BASE + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_G1);
    deadline = sys_deadline_ms(100);
    while ((rd32(GICD_BASE + GICD_CTLR) & GICD_CTLR_RWP) && !sys_expired(deadline)) {
    }
    CHECK("gicd-ctlr-are-grp1", rd32(GICD_BASE + GICD_CTLR) & (GICD_CTLR_ARE | GICD_CTLR_G1),
          GICD_CTLR_ARE | GICD_CTLR_G1);

    /* Redistributor: wake it up. */
    waker = rd32(GICR_BASE + GICR_WAKER);
    CHECK("gicr-waker-asleep-at-reset", waker & (WAKER_PS | WAKER_CA), WAKER_PS | WAKER_CA);
    wr32(GICR_BASE + GICR_WAKER, waker & ~WAKER_PS);
    deadline = sys_deadline_ms(100);
    while ((rd32(GICR_BASE + GICR_WAKER) & WAKER_CA) && !sys_expired(deadline)) {
    }
    CHECK("gicr-waker-awake", rd32(GICR_BASE + GICR_WAKER) & (WAKER_PS | WAKER_CA), 0);

    /* SGIs and PPIs: Group 1, priority 0x80, timers and SGIs 0-15 enabled. */
    wr32(SGI_BASE + GICR_IGROUPR0, 0xffffffff);
    for (int i = 0; i < 32; i++) {
        wr8(SGI_BASE + GICR_IPRIORITYR + i, 0x80);
    }
    wr32(SGI_BASE + GICR_ICPENDR0, 0xffffffff);
    wr32(SGI_BASE + GICR_ISENABLER0, (1u << INTID_VTIMER) | (1u << INTID_PTIMER) | 0xffff);
    CHECK("gicr-isenabler0", rd32(SGI_BASE + GICR_ISENABLER0) &
          ((1u << INTID_VTIMER) | (1u << INTID_PTIMER) | 0xffff),
          (1u << INTID_VTIMER) | (1u << INTID_PTIMER) | 0xffff);
    CHECK("gicr-ipriorityr", rd32(SGI_BASE + GICR_IPRIORITYR + INTID_VTIMER / 4 * 4) >>
          (8 * (INTID_VTIMER % 4)) & 0xff, 0x80);

    /* CPU interface. */
    WRITE_SYSREG(icc_sre_el1, READ_SYSREG(icc_sre_el1) | 1);
    ISB();
    CHECK("icc-sre-el1-sre", READ_SYSREG(icc_sre_el1) & 1, 1);
    WRITE_SYSREG(icc_pmr_el1, 0xff);
    WRITE_SYSREG(icc_bpr1_el1, 0);
    WRITE_SYSREG(icc_ctlr_el1, READ_SYSREG(icc_ctlr_el1) & ~2ul);  /* EOImode 0 */
    WRITE_SYSREG(icc_igrpen1_el1, 1);
    ISB();
    CHECK("icc-pmr-el1", READ_SYSREG(icc_pmr_el1) >= 0xf0, 1);
    CHECK("icc-igrpen1-el1", READ_SYSREG(icc_igrpen1_el1) & 1, 1);
    CHECK("icc-iar1-spurious-when-idle", READ_SYSREG(icc_iar1_el1) & 0xffffff, 1023);
    CHECK("icc-rpr-idle", READ_SYSREG(icc_rpr_el1) & 0xff, 0xff);
}

/* ---- timers ------------------------------------------------------------------ */

static void test_vtimer(void)
{
    u64 frq = READ_SYSREG(cntfrq_el0);
    u64 tval = frq / 1000, before, cval, deadline;
    int n;

    irq_count = 0;
    before = sys_counter();
    WRITE_SYSREG(cntv_tval_el0, tval);
    WRITE_SYSREG(cntv_ctl_el0, CTL_ENABLE);
    ISB();
    cval = READ_SYSREG(cntv_cval_el0);
    CHECK("cntv-tval-sets-cval", cval >= before + tval && cval <= sys_counter() + tval, 1);
    CHECK("cntv-ctl-enabled", READ_SYSREG(cntv_ctl_el0) & (CTL_ENABLE | CTL_IMASK), CTL_ENABLE);

    /* The condition is met once the counter passes CVAL: ISTATUS, then
     * the PPI pending at the redistributor, the highest pending at the
     * CPU interface. */
    deadline = sys_deadline_ms(1000);
    while (!(READ_SYSREG(cntv_ctl_el0) & CTL_ISTATUS) && !sys_expired(deadline)) {
    }
    CHECK("cntv-istatus", READ_SYSREG(cntv_ctl_el0) & CTL_ISTATUS, CTL_ISTATUS);
    CHECK("cntv-istatus-after-cval", sys_counter() >= cval, 1);
    CHECK("cntv-tval-negative-after-expiry", (s32)READ_SYSREG(cntv_tval_el0) <= 0, 1);
    CHECK("cntv-ppi27-pending", (rd32(SGI_BASE + GICR_ISPENDR0) >> INTID_VTIMER) & 1, 1);
    CHECK("icc-hppir1-27", READ_SYSREG(icc_hppir1_el1) & 0xffffff, INTID_VTIMER);

    n = wait_irqs(1, 1000);
    CHECK("cntv-irq-taken", n && irq_count == 1, 1);
    CHECK("cntv-irq-intid-27", irq_intid[0], INTID_VTIMER);
    CHECK("cntv-irq-istatus", irq_istatus[0] & CTL_ISTATUS, CTL_ISTATUS);
    CHECK("cntv-irq-rpr", irq_rpr[0] & 0xff, 0x80);
    CHECK("cntv-after-eoi-rpr-idle", READ_SYSREG(icc_rpr_el1) & 0xff, 0xff);
    CHECK("cntv-after-eoi-not-pending", (rd32(SGI_BASE + GICR_ISPENDR0) >> INTID_VTIMER) & 1, 0);
    CHECK("cntv-after-eoi-not-active", (rd32(SGI_BASE + GICR_ISACTIVER0) >> INTID_VTIMER) & 1, 0);

    /* Again, now asleep in WFI before the timer fires (5 ms). */
    irq_count = 0;
    before = sys_counter();
    WRITE_SYSREG(cntv_tval_el0, frq / 200);
    WRITE_SYSREG(cntv_ctl_el0, CTL_ENABLE);
    ISB();
    n = wait_irqs(1, 2000);
    CHECK("cntv-wfi-wakeup", n && irq_intid[0] == INTID_VTIMER, 1);
    CHECK("cntv-wfi-not-early", irq_counter[0] >= before + frq / 200, 1);

    /* IMASK: the condition is met, ISTATUS says so, no interrupt. */
    irq_count = 0;
    WRITE_SYSREG(cntv_tval_el0, 0);
    WRITE_SYSREG(cntv_ctl_el0, CTL_ENABLE | CTL_IMASK);
    ISB();
    CHECK("cntv-imask-istatus", READ_SYSREG(cntv_ctl_el0) & CTL_ISTATUS, CTL_ISTATUS);
    open_irq_window();
    CHECK("cntv-imask-no-irq", irq_count == 0 &&
          ((rd32(SGI_BASE + GICR_ISPENDR0) >> INTID_VTIMER) & 1) == 0, 1);
    WRITE_SYSREG(cntv_ctl_el0, 0);
    ISB();
}

static void test_ptimer(void)
{
    u64 frq = READ_SYSREG(cntfrq_el0);
    u64 cval;
    int n;

    irq_count = 0;
    ISB();
    /* 200 ms ahead: far enough that a busy host cannot make the TVAL read
     * below land after the deadline (the counter follows host time). */
    cval = READ_SYSREG(cntpct_el0) + frq / 5;
    WRITE_SYSREG(cntp_cval_el0, cval);
    WRITE_SYSREG(cntp_ctl_el0, CTL_ENABLE);
    ISB();
    CHECK("cntp-cval-readback", READ_SYSREG(cntp_cval_el0), cval);
    CHECK("cntp-tval-from-cval", (s32)READ_SYSREG(cntp_tval_el0) > 0 &&
          (u64)(s32)READ_SYSREG(cntp_tval_el0) <= frq / 5, 1);
    n = wait_irqs(1, 2000);
    CHECK("cntp-irq-taken", n && irq_count == 1, 1);
    CHECK("cntp-irq-intid-30", irq_intid[0], INTID_PTIMER);
    CHECK("cntp-irq-istatus", irq_istatus[0] & CTL_ISTATUS, CTL_ISTATUS);
    CHECK("cntp-irq-not-early", irq_counter[0] >= cval, 1);

    /* Disabled: never fires, ISTATUS reads 0 (UNKNOWN on some versions:
     * only the absence of the interrupt is checked). */
    irq_count = 0;
    WRITE_SYSREG(cntp_cval_el0, 0);
    WRITE_SYSREG(cntp_ctl_el0, 0);
    ISB();
    open_irq_window();
    CHECK("cntp-disabled-no-irq", irq_count, 0);
}

/* ---- SGIs -------------------------------------------------------------------- */

static u64 sgi1r_self(unsigned intid)
{
    u64 mpidr = READ_SYSREG(mpidr_el1);

    return ((mpidr >> 32) & 0xff) << 48 |          /* Aff3 */
           ((mpidr >> 16) & 0xff) << 32 |          /* Aff2 */
           (u64)(intid & 0xf) << 24 |
           ((mpidr >> 8) & 0xff) << 16 |           /* Aff1 */
           (1ul << (mpidr & 0xf));                 /* target list: Aff0 */
}

static void send_sgi(unsigned intid)
{
    WRITE_SYSREG(icc_sgi1r_el1, sgi1r_self(intid));
    ISB();
}

static void test_sgi(void)
{
    int n;

    irq_count = 0;
    send_sgi(5);
    n = wait_irqs(1, 1000);
    CHECK("sgi-self-taken", n && irq_count == 1, 1);
    CHECK("sgi-self-intid", irq_intid[0], 5);

    /* ICC_PMR_EL1 masks priorities that are not higher (lower value). */
    irq_count = 0;
    WRITE_SYSREG(icc_pmr_el1, 0x80);
    ISB();
    send_sgi(6);
    CHECK("sgi-pmr-pending", (rd32(SGI_BASE + GICR_ISPENDR0) >> 6) & 1, 1);
    open_irq_window();
    CHECK("sgi-pmr-masked", irq_count, 0);
    WRITE_SYSREG(icc_pmr_el1, 0xff);
    ISB();
    n = wait_irqs(1, 1000);
    CHECK("sgi-pmr-unmasked-taken", n && irq_intid[0] == 6, 1);

    /* Two pending: the higher priority (lower value) first. */
    irq_count = 0;
    wr8(SGI_BASE + GICR_IPRIORITYR + 7, 0xa0);
    wr8(SGI_BASE + GICR_IPRIORITYR + 8, 0x40);
    send_sgi(7);
    send_sgi(8);
    n = wait_irqs(2, 1000);
    CHECK("sgi-priority-order", n && irq_intid[0] == 8 && irq_intid[1] == 7, 1);
    CHECK("sgi-priority-rpr", irq_rpr[0] & 0xff, 0x40);

    /* Disabled SGI: pending, not taken. */
    irq_count = 0;
    wr32(SGI_BASE + GICR_ICENABLER0, 1u << 10);
    send_sgi(10);
    open_irq_window();
    CHECK("sgi-disabled-not-taken", irq_count, 0);
    CHECK("sgi-disabled-pending", (rd32(SGI_BASE + GICR_ISPENDR0) >> 10) & 1, 1);
    wr32(SGI_BASE + GICR_ICPENDR0, 1u << 10);
    CHECK("sgi-icpendr-clears", (rd32(SGI_BASE + GICR_ISPENDR0) >> 10) & 1, 0);
    wr32(SGI_BASE + GICR_ISENABLER0, 1u << 10);

    /* EOImode 1: EOIR drops the priority, DIR deactivates. */
    irq_count = 0;
    WRITE_SYSREG(icc_ctlr_el1, READ_SYSREG(icc_ctlr_el1) | 2);
    ISB();
    send_sgi(9);
    n = wait_irqs(1, 1000);
    CHECK("eoimode1-taken", n && irq_intid[0] == 9, 1);
    CHECK("eoimode1-still-active", (rd32(SGI_BASE + GICR_ISACTIVER0) >> 9) & 1, 1);
    CHECK("eoimode1-priority-dropped", READ_SYSREG(icc_rpr_el1) & 0xff, 0xff);
    WRITE_SYSREG(icc_dir_el1, 9);
    ISB();
    CHECK("eoimode1-dir-deactivates", (rd32(SGI_BASE + GICR_ISACTIVER0) >> 9) & 1, 0);
    WRITE_SYSREG(icc_ctlr_el1, READ_SYSREG(icc_ctlr_el1) & ~2ul);
    ISB();
}

int main(void)
{
    sys_install_vectors();
    sys_irq_hook = irq_handler;
    test_counter();
    test_gic_init();
    test_vtimer();
    test_ptimer();
    test_sgi();
    return 0;
}
