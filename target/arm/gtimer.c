/*
 * gtimer.c — the Arm generic timer of each CPU (Arm ARM DDI 0487, D11
 * "The Generic Timer in AArch64 state", and the CNT* registers of D19.8).
 *
 * The system counter runs at cpu->gt_freq_hz (62.5 MHz unless the model
 * says otherwise) and is derived from CLOCK_VIRTUAL, so it stops while
 * the VM is paused and follows instructions with -icount. The timers:
 *   GTIMER_PHYS     CNTP_*_EL0    compares the physical count
 *   GTIMER_VIRT     CNTV_*_EL0    the virtual count (physical - CNTVOFF_EL2)
 *   GTIMER_HYP      CNTHP_*_EL2   physical, EL2 (with "has-el2")
 *   GTIMER_HYPVIRT  CNTHV_*_EL2   virtual, EL2 host regime (FEAT_VHE)
 *   GTIMER_SEC      CNTPS_*_EL1   Secure physical (with "has-el3")
 * Each timer drives its output line (cpu->gt_timer_outputs[], level):
 * high while ENABLE && ISTATUS && !IMASK. A Timer on CLOCK_VIRTUAL is armed
 * for the moment the condition becomes true, and every register write
 * re-evaluates the line and re-arms it.
 *
 * Access rules: CNTKCTL_EL1 for EL0 (CNTHCTL_EL2 in the host regime),
 * CNTHCTL_EL2 for EL1 and EL0 of a guest; in the EL2 host regime
 * (HCR_EL2.E2H) the EL0 timer encodings reach the EL2 timers and the
 * *_EL02 encodings the EL0 ones.
 */
#include "util/osdep.h"
#include "util/timer.h"
#include "hw/irq.h"
#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "target/arm/sysreg.h"

/* ---- Counting ---------------------------------------------------------- */

static uint64_t gt_ns_to_ticks(ARMCPU *cpu, int64_t ns)
{
    if (ns < 0) {
        ns = 0;
    }
    return (uint64_t)(((unsigned __int128)ns * cpu->gt_freq_hz) / NANOSECONDS_PER_SECOND);
}

/* The first virtual-clock time at which the physical count is >= ticks,
 * or INT64_MAX if that is beyond the clock's range. */
static int64_t gt_ticks_to_ns(ARMCPU *cpu, uint64_t ticks)
{
    unsigned __int128 ns = ((unsigned __int128)ticks * NANOSECONDS_PER_SECOND +
                            cpu->gt_freq_hz - 1) / cpu->gt_freq_hz;

    return ns > INT64_MAX ? INT64_MAX : (int64_t)ns;
}

uint64_t arm_gt_count(CPUARMState *env)
{
    return gt_ns_to_ticks(env_archcpu(env), clock_get_ns(CLOCK_VIRTUAL));
}

/* The offset between the physical count and the count a timer compares. */
static uint64_t gt_timer_offset(CPUARMState *env, int idx)
{
    return idx == GTIMER_VIRT && arm_feature(env, ARM_FEATURE_EL2) ? env->sys.cntvoff_el2 : 0;
}

/* CNTVCT_EL0 as read now: no offset at EL2 with E2H or at EL0 of the host
 * regime (D11.2.4). */
static uint64_t gt_virt_count_read(CPUARMState *env)
{
    int el = arm_current_el(env);
    uint64_t hcr = arm_hcr_el2_eff(env);
    uint64_t off = gt_timer_offset(env, GTIMER_VIRT);

    if ((el == 2 && (hcr & HCR_E2H)) || (el == 0 && arm_regime_el(env, 0) == 2)) {
        off = 0;
    }
    return arm_gt_count(env) - off;
}

void arm_gt_recalc(ARMCPU *cpu, int idx)
{
    CPUARMState *env = &cpu->env;
    ARMGenericTimer *gt = &env->sys.gt[idx];
    uint64_t offset = gt_timer_offset(env, idx);
    uint64_t count;
    bool istatus;

    if (!(gt->ctl & GTIMER_CTL_ENABLE)) {
        gt->ctl &= ~(uint64_t)GTIMER_CTL_ISTATUS;
        irq_set(cpu->gt_timer_outputs[idx], 0);
        if (cpu->gt_timer[idx]) {
            timer_del(cpu->gt_timer[idx]);
        }
        return;
    }
    count = arm_gt_count(env) - offset;
    istatus = count >= gt->cval;
    gt->ctl = (gt->ctl & ~(uint64_t)GTIMER_CTL_ISTATUS) | (istatus ? GTIMER_CTL_ISTATUS : 0);
    irq_set(cpu->gt_timer_outputs[idx], istatus && !(gt->ctl & GTIMER_CTL_IMASK));
    if (!cpu->gt_timer[idx]) {
        return;
    }
    if (istatus) {
        /* The condition stays true until a register write changes it. */
        timer_del(cpu->gt_timer[idx]);
    } else {
        /* Due when the physical count reaches CVAL + offset; a sum that
         * wraps is beyond any reachable time. */
        uint64_t target = gt->cval + offset;

        if (target < gt->cval) {
            timer_del(cpu->gt_timer[idx]);
        } else {
            timer_mod(cpu->gt_timer[idx], gt_ticks_to_ns(cpu, target));
        }
    }
}

static void gt_timer_cb(void *opaque)
{
    ARMGenericTimerCtx *ctx = opaque;

    arm_gt_recalc(ctx->cpu, ctx->idx);
}

/* ---- Which timer an encoding reaches -------------------------------------- */

#define GT_NO_REDIRECT 0x100        /* opaque flag of the *_EL02 rows */

static int gt_timer_index(CPUARMState *env, const ARMSysReg *r)
{
    int idx = r->opaque & 0xff;
    int el = arm_current_el(env);

    if (!(r->opaque & GT_NO_REDIRECT) && (idx == GTIMER_PHYS || idx == GTIMER_VIRT) &&
        ((el == 2 && (arm_hcr_el2_eff(env) & HCR_E2H)) ||
         (el == 0 && arm_regime_el(env, 0) == 2))) {
        return idx == GTIMER_PHYS ? GTIMER_HYP : GTIMER_HYPVIRT;
    }
    return idx;
}

/* ---- Access checks ------------------------------------------------------ */

/* The register that controls EL0 access (CNTKCTL_EL1 layout). */
static uint64_t gt_el0_ctl(CPUARMState *env)
{
    return arm_regime_el(env, 0) == 2 ? env->sys.cnthctl_el2 : env->sys.cntkctl_el1;
}

/* CNTHCTL_EL2 traps of EL1/EL0 of a guest: the E2H = 0 or E2H = 1 bit. */
static bool gt_el2_traps(CPUARMState *env, uint32_t bit_nvhe, uint32_t bit_vhe)
{
    int el = arm_current_el(env);
    uint64_t hcr = arm_hcr_el2_eff(env);

    if (el > 1 || !arm_is_el2_enabled(env) || arm_regime_el(env, 0) == 2) {
        return false;
    }
    return !(env->sys.cnthctl_el2 & ((hcr & HCR_E2H) ? bit_vhe : bit_nvhe));
}

static ARMSysRegAccess gt_access_cntfrq(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    int el = arm_current_el(env);
    int highest = arm_feature(env, ARM_FEATURE_EL3) ? 3 :
                  arm_feature(env, ARM_FEATURE_EL2) ? 2 : 1;

    if (!isread) {
        /* Only the highest EL (firmware) programs the frequency. */
        return el == highest ? SYSREG_ACCESS_OK : SYSREG_ACCESS_UNDEF;
    }
    if (el == 0 && !(gt_el0_ctl(env) & (CNTKCTL_EL0PCTEN | CNTKCTL_EL0VCTEN))) {
        return SYSREG_ACCESS_TRAP_EL1;
    }
    return SYSREG_ACCESS_OK;
}

static ARMSysRegAccess gt_access_pct(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    if (arm_current_el(env) == 0 && !(gt_el0_ctl(env) & CNTKCTL_EL0PCTEN)) {
        return SYSREG_ACCESS_TRAP_EL1;
    }
    if (gt_el2_traps(env, CNTHCTL_EL1PCTEN, CNTHCTL_E2H_EL1PCTEN)) {
        return SYSREG_ACCESS_TRAP_EL2;
    }
    return SYSREG_ACCESS_OK;
}

static ARMSysRegAccess gt_access_vct(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    if (arm_current_el(env) == 0 && !(gt_el0_ctl(env) & CNTKCTL_EL0VCTEN)) {
        return SYSREG_ACCESS_TRAP_EL1;
    }
    return SYSREG_ACCESS_OK;
}

/* CNTP_* and CNTV_* (EL0 encodings). */
static ARMSysRegAccess gt_access_timer(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    int base = r->opaque & 0xff;

    if (arm_current_el(env) == 0 &&
        !(gt_el0_ctl(env) & (base == GTIMER_PHYS ? CNTKCTL_EL0PTEN : CNTKCTL_EL0VTEN))) {
        return SYSREG_ACCESS_TRAP_EL1;
    }
    if (base == GTIMER_PHYS && gt_el2_traps(env, CNTHCTL_EL1PCEN, CNTHCTL_E2H_EL1PTEN)) {
        return SYSREG_ACCESS_TRAP_EL2;
    }
    return SYSREG_ACCESS_OK;
}

/* *_EL02 and CNTKCTL_EL12: only with HCR_EL2.E2H. */
static ARMSysRegAccess gt_access_e2h(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    return (arm_hcr_el2_eff(env) & HCR_E2H) ? SYSREG_ACCESS_OK : SYSREG_ACCESS_UNDEF;
}

/* CNTPS_*_EL1: EL3, or Secure EL1 with SCR_EL3.ST. */
static ARMSysRegAccess gt_access_secure(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    int el = arm_current_el(env);

    if (el == 3) {
        return SYSREG_ACCESS_OK;
    }
    if (el == 1 && arm_is_secure_below_el3(env)) {
        return (env->sys.scr_el3 & SCR_ST) ? SYSREG_ACCESS_OK : SYSREG_ACCESS_TRAP_EL3;
    }
    return SYSREG_ACCESS_UNDEF;
}

/* ---- Register functions ---------------------------------------------------- */

static uint64_t gt_read_pct(CPUARMState *env, const ARMSysReg *r)
{
    return arm_gt_count(env);
}

static uint64_t gt_read_vct(CPUARMState *env, const ARMSysReg *r)
{
    return gt_virt_count_read(env);
}

static uint64_t gt_read_ctl(CPUARMState *env, const ARMSysReg *r)
{
    ARMCPU *cpu = env_archcpu(env);
    int idx = gt_timer_index(env, r);

    /* ISTATUS as of now, even if the timer callback has not run yet. */
    arm_gt_recalc(cpu, idx);
    return env->sys.gt[idx].ctl;
}

static void gt_write_ctl(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    int idx = gt_timer_index(env, r);
    ARMGenericTimer *gt = &env->sys.gt[idx];

    gt->ctl = (gt->ctl & GTIMER_CTL_ISTATUS) | (v & (GTIMER_CTL_ENABLE | GTIMER_CTL_IMASK));
    arm_gt_recalc(env_archcpu(env), idx);
}

static uint64_t gt_read_cval(CPUARMState *env, const ARMSysReg *r)
{
    return env->sys.gt[gt_timer_index(env, r)].cval;
}

static void gt_write_cval(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    int idx = gt_timer_index(env, r);

    env->sys.gt[idx].cval = v;
    arm_gt_recalc(env_archcpu(env), idx);
}

/* TVAL (D11.2.4): the low 32 bits of CVAL - count; a write sets CVAL to
 * count + the sign-extended value. */
static uint64_t gt_read_tval(CPUARMState *env, const ARMSysReg *r)
{
    int idx = gt_timer_index(env, r);
    uint64_t count = arm_gt_count(env) - gt_timer_offset(env, idx);

    return (uint32_t)(env->sys.gt[idx].cval - count);
}

static void gt_write_tval(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    int idx = gt_timer_index(env, r);
    uint64_t count = arm_gt_count(env) - gt_timer_offset(env, idx);

    env->sys.gt[idx].cval = count + (uint64_t)(int64_t)(int32_t)v;
    arm_gt_recalc(env_archcpu(env), idx);
}

static void gt_write_cntvoff(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->sys.cntvoff_el2 = v;
    arm_gt_recalc(env_archcpu(env), GTIMER_VIRT);
}

static void gt_write_cntkctl(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    *arm_sysreg_field_ptr(env, r) = v;
}

/* ---- Rows ------------------------------------------------------------------------ */

#define GT_ROWS(prefix, suffix, o1, crm, fl, idx, acc) \
    { .name = prefix "_TVAL" suffix, .key = ARM_SYSREG_KEY(3, o1, 14, crm, 0), \
      .flags = (fl) | SYSREG_IO, .fieldoffset = -1, .opaque = (idx), .access = (acc), \
      .read = gt_read_tval, .write = gt_write_tval }, \
    { .name = prefix "_CTL" suffix, .key = ARM_SYSREG_KEY(3, o1, 14, crm, 1), \
      .flags = (fl) | SYSREG_IO | SYSREG_ALIAS, \
      .fieldoffset = offsetof(CPUARMState, sys.gt[(idx) & 0xff].ctl), .opaque = (idx), \
      .access = (acc), .read = gt_read_ctl, .write = gt_write_ctl }, \
    { .name = prefix "_CVAL" suffix, .key = ARM_SYSREG_KEY(3, o1, 14, crm, 2), \
      .flags = (fl) | SYSREG_IO | SYSREG_ALIAS, \
      .fieldoffset = offsetof(CPUARMState, sys.gt[(idx) & 0xff].cval), .opaque = (idx), \
      .access = (acc), .read = gt_read_cval, .write = gt_write_cval }

static const ARMSysReg gt_el0_rows[] = {
    { .name = "CNTPCT_EL0", .key = ARM_SYSREG_KEY(3, 3, 14, 0, 1),
      .flags = SYSREG_EL0_R | SYSREG_RO | SYSREG_IO, .fieldoffset = -1,
      .access = gt_access_pct, .read = gt_read_pct },
    { .name = "CNTVCT_EL0", .key = ARM_SYSREG_KEY(3, 3, 14, 0, 2),
      .flags = SYSREG_EL0_R | SYSREG_RO | SYSREG_IO, .fieldoffset = -1,
      .access = gt_access_vct, .read = gt_read_vct },
    { .name = "CNTKCTL_EL1", .key = ARM_SYSREG_KEY(3, 0, 14, 1, 0),
      .flags = SYSREG_EL1 | SYSREG_E2H, .fieldoffset = offsetof(CPUARMState, sys.cntkctl_el1),
      .opaque = offsetof(CPUARMState, sys.cnthctl_el2), .write = gt_write_cntkctl },
    GT_ROWS("CNTP", "_EL0", 3, 2, SYSREG_EL0_R | SYSREG_EL0_W, GTIMER_PHYS, gt_access_timer),
    GT_ROWS("CNTV", "_EL0", 3, 3, SYSREG_EL0_R | SYSREG_EL0_W, GTIMER_VIRT, gt_access_timer),
};

static const ARMSysReg gt_el2_rows[] = {
    { .name = "CNTVOFF_EL2", .key = ARM_SYSREG_KEY(3, 4, 14, 0, 3),
      .flags = SYSREG_EL2 | SYSREG_IO, .fieldoffset = offsetof(CPUARMState, sys.cntvoff_el2),
      .write = gt_write_cntvoff },
    { .name = "CNTHCTL_EL2", .key = ARM_SYSREG_KEY(3, 4, 14, 1, 0),
      .flags = SYSREG_EL2, .fieldoffset = offsetof(CPUARMState, sys.cnthctl_el2) },
    GT_ROWS("CNTHP", "_EL2", 4, 2, SYSREG_EL2, GTIMER_HYP, NULL),
};

static const ARMSysReg gt_vhe_rows[] = {
    GT_ROWS("CNTHV", "_EL2", 4, 3, SYSREG_EL2, GTIMER_HYPVIRT, NULL),
    GT_ROWS("CNTP", "_EL02", 5, 2, SYSREG_EL2, GTIMER_PHYS | GT_NO_REDIRECT, gt_access_e2h),
    GT_ROWS("CNTV", "_EL02", 5, 3, SYSREG_EL2, GTIMER_VIRT | GT_NO_REDIRECT, gt_access_e2h),
    { .name = "CNTKCTL_EL12", .key = ARM_SYSREG_KEY(3, 5, 14, 1, 0),
      .flags = SYSREG_EL2 | SYSREG_ALIAS, .fieldoffset = offsetof(CPUARMState, sys.cntkctl_el1),
      .access = gt_access_e2h },
};

static const ARMSysReg gt_el3_rows[] = {
    GT_ROWS("CNTPS", "_EL1", 7, 2, SYSREG_EL1, GTIMER_SEC, gt_access_secure),
};

void arm_gt_register_sysregs(ARMCPU *cpu)
{
    ARMSysReg cntfrq[] = {
        { .name = "CNTFRQ_EL0", .key = ARM_SYSREG_KEY(3, 3, 14, 0, 0),
          .flags = SYSREG_EL0_R | SYSREG_EL0_W, .fieldoffset = offsetof(CPUARMState, sys.cntfrq_el0),
          .resetvalue = cpu->gt_freq_hz, .access = gt_access_cntfrq },
    };

    arm_sysreg_register(cpu, cntfrq, ARRAY_SIZE(cntfrq));
    arm_sysreg_register(cpu, gt_el0_rows, ARRAY_SIZE(gt_el0_rows));
    if (cpu->has_el2) {
        arm_sysreg_register(cpu, gt_el2_rows, ARRAY_SIZE(gt_el2_rows));
        if (isar_feature_aa64_vh(&cpu->isar)) {
            arm_sysreg_register(cpu, gt_vhe_rows, ARRAY_SIZE(gt_vhe_rows));
        }
    }
    if (cpu->has_el3) {
        arm_sysreg_register(cpu, gt_el3_rows, ARRAY_SIZE(gt_el3_rows));
    }
}

/* ---- Life cycle -------------------------------------------------------------------- */

void arm_gt_init(ARMCPU *cpu)
{
    for (int i = 0; i < GTIMER_COUNT; i++) {
        cpu->gt_ctx[i].cpu = cpu;
        cpu->gt_ctx[i].idx = i;
        if (!cpu->gt_timer[i]) {
            cpu->gt_timer[i] = timer_new_ns(CLOCK_VIRTUAL, gt_timer_cb, &cpu->gt_ctx[i]);
        }
    }
    arm_gt_register_sysregs(cpu);
}

void arm_gt_reset(ARMCPU *cpu)
{
    for (int i = 0; i < GTIMER_COUNT; i++) {
        if (cpu->gt_timer[i]) {
            timer_del(cpu->gt_timer[i]);
        }
        irq_set(cpu->gt_timer_outputs[i], 0);
    }
}

void arm_gt_finalize(ARMCPU *cpu)
{
    for (int i = 0; i < GTIMER_COUNT; i++) {
        if (cpu->gt_timer[i]) {
            timer_free(cpu->gt_timer[i]);
            cpu->gt_timer[i] = NULL;
        }
    }
}
