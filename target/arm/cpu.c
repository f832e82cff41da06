/*
 * cpu.c — the arm64 CPU object: the abstract TYPE_ARM_CPU device
 * (properties, realize, reset), its CPUClass and TCGCPUOps hooks, the
 * interrupt inputs and the rules that decide when an interrupt is taken
 * (Arm ARM DDI 0487, D1.3.6 "Asynchronous exception masking" and the
 * routing controls SCR_EL3.{IRQ,FIQ,EA}, HCR_EL2.{IMO,FMO,AMO,TGE}, and the
 * virtual interrupts HCR_EL2.{VI,VF,VSE}), the MMU index and TB flag
 * computations, and "info registers".
 *
 * The CPU models (ID register values) are in cpu-models.c, the exception
 * model in exception.c, the system registers in sysreg*.c.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "util/timer.h"
#include "hw/qdev.h"
#include "accel/tcg/tcg-accel.h"
#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "target/arm/sysreg.h"
#include "target/arm/syndrome.h"
#include "target/arm/mmu.h"

#include <capstone/capstone.h>

/* ---- MPIDR ---------------------------------------------------------------- */

#define MPIDR_AFF_MASK 0xff00ffffffull     /* Aff3 (39:32), Aff2..Aff0 */

uint64_t arm_cpu_mpidr(ARMCPU *cpu)
{
    /* Bit 31 is RES1; U (bit 30) = 0: part of a multiprocessor system;
     * MT (bit 24) = 0: the lowest affinity level is the core. */
    return (CPU(cpu)->mp_affinity & MPIDR_AFF_MASK) | (1ull << 31);
}

ARMCPU *arm_cpu_by_mpidr(uint64_t mpidr)
{
    CPUState *cs;

    CPU_FOREACH(cs) {
        if (object_dynamic_cast(OBJECT(cs), TYPE_ARM_CPU) &&
            (arm_cpu_mpidr(ARM_CPU(cs)) & MPIDR_AFF_MASK) == (mpidr & MPIDR_AFF_MASK)) {
            return ARM_CPU(cs);
        }
    }
    return NULL;
}

/* ---- MMU indexes ------------------------------------------------------------- */

static bool arm_host_regime(const CPUARMState *env)
{
    return (arm_hcr_el2_eff(env) & (HCR_E2H | HCR_TGE)) == (HCR_E2H | HCR_TGE);
}

int arm_mmu_idx_el(CPUARMState *env, int el)
{
    bool pan = env->pstate & PSTATE_PAN;

    switch (el) {
    case 3:
        return ARM_MMU_E3;
    case 2:
        if (arm_hcr_el2_eff(env) & HCR_E2H) {
            return pan ? ARM_MMU_E20_2_PAN : ARM_MMU_E20_2;
        }
        return ARM_MMU_E2;
    case 1:
        return pan ? ARM_MMU_E10_1_PAN : ARM_MMU_E10_1;
    default:
        return arm_host_regime(env) ? ARM_MMU_E20_0 : ARM_MMU_E10_0;
    }
}

int arm_mmu_idx(CPUARMState *env)
{
    return arm_mmu_idx_el(env, arm_current_el(env));
}

int arm_mmu_idx_user(CPUARMState *env)
{
    int el = arm_current_el(env);
    bool uao = env->pstate & PSTATE_UAO;

    /* LDTR/STTR (C6.2.x): at EL1, and at EL2 in the host regime, they
     * access as EL0 unless PSTATE.UAO is set; elsewhere they are plain
     * loads and stores. */
    if (el == 1 && !uao) {
        return ARM_MMU_E10_0;
    }
    if (el == 2 && !uao && arm_host_regime(env)) {
        return ARM_MMU_E20_0;
    }
    return arm_mmu_idx(env);
}

int arm_mmu_idx_code(CPUARMState *env)
{
    switch (arm_mmu_idx(env)) {
    case ARM_MMU_E10_1_PAN:
        return ARM_MMU_E10_1;
    case ARM_MMU_E20_2_PAN:
        return ARM_MMU_E20_2;
    default:
        return arm_mmu_idx(env);
    }
}

static int arm_cpu_code_mmu_index(CPUState *cs)
{
    return arm_mmu_idx_code(cs->env_ptr);
}

uint16_t arm_mmu_idxmap_regime(int regime_el)
{
    switch (regime_el) {
    case 1:
        return (1u << ARM_MMU_E10_0) | (1u << ARM_MMU_E10_1) | (1u << ARM_MMU_E10_1_PAN);
    case 2:
        return (1u << ARM_MMU_E20_0) | (1u << ARM_MMU_E20_2) |
               (1u << ARM_MMU_E20_2_PAN) | (1u << ARM_MMU_E2);
    case 3:
        return 1u << ARM_MMU_E3;
    default:
        return 0;
    }
}

int arm_mmu_idx_regime_el(int mmu_idx)
{
    switch (mmu_idx) {
    case ARM_MMU_E10_0: case ARM_MMU_E10_1: case ARM_MMU_E10_1_PAN:
        return 1;
    case ARM_MMU_E20_0: case ARM_MMU_E20_2: case ARM_MMU_E20_2_PAN: case ARM_MMU_E2:
        return 2;
    case ARM_MMU_E3:
        return 3;
    default:
        return 0;
    }
}

bool arm_mmu_idx_is_user(int mmu_idx)
{
    return mmu_idx == ARM_MMU_E10_0 || mmu_idx == ARM_MMU_E20_0;
}

/* ---- TB flags ------------------------------------------------------------------ */

void arm_rebuild_hflags(CPUARMState *env)
{
    int el = arm_current_el(env);
    int regime = arm_regime_el(env, el);
    uint64_t hcr = arm_hcr_el2_eff(env);
    uint64_t sctlr = env->sys.sctlr_el[regime];
    uint64_t tcr = env->sys.tcr_el[regime];
    uint32_t f;
    int fpel;

    f = (uint32_t)el << TBFLAG_EL_SHIFT;
    f |= (uint32_t)arm_mmu_idx(env) << TBFLAG_MMUIDX_SHIFT;
    f |= (uint32_t)arm_mmu_idx_user(env) << TBFLAG_UNPRIV_IDX_SHIFT;
    fpel = arm_fp_exception_el(env);
    if (fpel) {
        f |= (uint32_t)fpel << TBFLAG_FPEXC_EL_SHIFT;
    } else {
        f |= TBFLAG_FPEN;
    }
    if (el == 0 ? (sctlr & SCTLR_E0E) : (sctlr & SCTLR_EE)) {
        f |= TBFLAG_BE_DATA;
    }
    if (sctlr & SCTLR_A) {
        f |= TBFLAG_ALIGN;
    }
    /* SP alignment checking (D1.3.5.2): SA for EL1..EL3, SA0 for EL0, both
     * in the SCTLR of the current translation regime. With the flag in the
     * TB, code built while it is off has no check at all. */
    if (sctlr & (el == 0 ? SCTLR_SA0 : SCTLR_SA)) {
        f |= TBFLAG_SP_ALIGN;
    }
    /* Top byte ignore (D8.8): two VA ranges in EL1&0 and EL2&0, one
     * (TCR_ELx.TBI, bit 20) in EL2 and EL3. */
    if (regime == 1 || (regime == 2 && (hcr & HCR_E2H))) {
        f |= ((tcr >> 37) & 1) ? TBFLAG_TBI0 : 0;
        f |= ((tcr >> 38) & 1) ? TBFLAG_TBI1 : 0;
    } else if ((tcr >> 20) & 1) {
        f |= TBFLAG_TBI0;
    }
    if (arm_singlestep_active(env, el, env->pstate & PSTATE_D)) {
        f |= TBFLAG_SS_ACTIVE;
        if (env->pstate & PSTATE_SS) {
            f |= TBFLAG_PSTATE_SS;
        }
    }
    if ((hcr & HCR_E2H) && (el == 2 || (el == 0 && (hcr & HCR_TGE)))) {
        f |= TBFLAG_VHE;
    }
    if (hcr & HCR_TGE) {
        f |= TBFLAG_TGE;
    }
    if ((hcr & HCR_NV) && el == 1) {
        f |= TBFLAG_NV;
    }
    if (env->pstate & PSTATE_IL) {
        f |= TBFLAG_PSTATE_IL;
    }
    env->hflags = f;
}

void arm_get_tb_cpu_state(CPUState *cs, vaddr *pc, uint64_t *cs_base, uint32_t *flags)
{
    CPUARMState *env = cs->env_ptr;

    *pc = env->pc;
    *cs_base = 0;
    *flags = env->hflags;
}

/* ---- Interrupts -------------------------------------------------------------------- */

int arm_phys_irq_target_el(CPUARMState *env, bool fiq)
{
    uint64_t hcr = arm_hcr_el2_eff(env);

    if (arm_feature(env, ARM_FEATURE_EL3) &&
        (env->sys.scr_el3 & (fiq ? SCR_FIQ : SCR_IRQ))) {
        return 3;
    }
    if (hcr & ((fiq ? HCR_FMO : HCR_IMO) | HCR_TGE)) {
        return 2;
    }
    return 1;
}

static int arm_serror_target_el(CPUARMState *env)
{
    uint64_t hcr = arm_hcr_el2_eff(env);

    if (arm_feature(env, ARM_FEATURE_EL3) && (env->sys.scr_el3 & SCR_EA)) {
        return 3;
    }
    if (hcr & (HCR_AMO | HCR_TGE)) {
        return 2;
    }
    return 1;
}

/*
 * Whether a physical interrupt routed to target_el may be taken now
 * (D1.3.6, table "Physical interrupt masking"): never to a lower EL; to
 * the current EL (or from EL0 to EL1) when PSTATE's mask bit is clear; to
 * a higher EL always, except to EL2 in the host regime (HCR_EL2.{E2H,TGE}
 * = {1,1}), where PSTATE masks it from EL0 too.
 */
static bool arm_phys_unmasked(CPUARMState *env, int target_el, uint32_t mask)
{
    int el = arm_current_el(env);

    if (target_el < el) {
        return false;
    }
    if (target_el > el) {
        if (target_el == 3) {
            return true;
        }
        if (target_el == 2) {
            return arm_host_regime(env) ? !(env->pstate & mask) : true;
        }
    }
    return !(env->pstate & mask);
}

/* The exception (EXCP_*) an interrupt request would cause now, and its
 * target EL; -1 if none can be taken. */
static int arm_pending_excp(CPUARMState *env, uint32_t req, int *target_el)
{
    int el = arm_current_el(env);
    uint64_t hcr = arm_hcr_el2_eff(env);
    int t;

    if (req & CPU_INTERRUPT_FIQ) {
        t = arm_phys_irq_target_el(env, true);
        if (arm_phys_unmasked(env, t, PSTATE_F)) {
            *target_el = t;
            return EXCP_FIQ;
        }
    }
    if (req & CPU_INTERRUPT_HARD) {
        t = arm_phys_irq_target_el(env, false);
        if (arm_phys_unmasked(env, t, PSTATE_I)) {
            *target_el = t;
            return EXCP_IRQ;
        }
    }
    /* Virtual interrupts (D1.3.3): only at EL0/EL1 of a guest (EL2
     * enabled, TGE clear) whose hypervisor routes the physical ones to
     * EL2 (xMO set); masked by PSTATE; taken to EL1. */
    if (el <= 1 && !(hcr & HCR_TGE)) {
        if (((req & CPU_INTERRUPT_VFIQ) || (hcr & HCR_VF)) && (hcr & HCR_FMO) &&
            !(env->pstate & PSTATE_F)) {
            *target_el = 1;
            return EXCP_VFIQ;
        }
        if (((req & CPU_INTERRUPT_VIRQ) || (hcr & HCR_VI)) && (hcr & HCR_IMO) &&
            !(env->pstate & PSTATE_I)) {
            *target_el = 1;
            return EXCP_VIRQ;
        }
        if (((req & CPU_INTERRUPT_VSERROR) || (hcr & HCR_VSE)) && (hcr & HCR_AMO) &&
            !(env->pstate & PSTATE_A)) {
            *target_el = 1;
            return EXCP_VSERR;
        }
    }
    if (req & CPU_INTERRUPT_SERROR) {
        t = arm_serror_target_el(env);
        if (arm_phys_unmasked(env, t, PSTATE_A)) {
            *target_el = t;
            return EXCP_SERROR;
        }
    }
    return -1;
}

bool arm_cpu_exec_interrupt(CPUState *cs, uint32_t interrupt_request)
{
    CPUARMState *env = cs->env_ptr;
    int target_el = 1;
    int excp = arm_pending_excp(env, interrupt_request, &target_el);

    if (excp < 0) {
        return false;
    }
    env->exception.target_el = target_el;
    env->exception.far_valid = false;
    env->exception.ipa_valid = false;
    if (excp == EXCP_VSERR) {
        /* ESR_EL1 of a virtual SError: VSESR_EL2 with RAS, else 0. */
        env->exception.syndrome = syn_serror(env->sys.vsesr_el2);
    } else if (excp == EXCP_SERROR) {
        env->exception.syndrome = syn_serror(0);
        cpu_reset_interrupt(cs, CPU_INTERRUPT_SERROR);  /* edge: taken once */
    } else {
        env->exception.syndrome = 0;
    }
    cs->exception_index = excp;
    arm_cpu_do_interrupt(cs);
    return true;
}

void arm_cpu_update_interrupts(CPUARMState *env)
{
    CPUState *cs = env_cpu(env);
    int target_el;
    uint32_t req = __atomic_load_n(&cs->interrupt_request, __ATOMIC_SEQ_CST);

    if (arm_pending_excp(env, req, &target_el) >= 0) {
        cpu_exit(cs);
    }
}

static bool arm_cpu_has_work(CPUState *cs)
{
    CPUARMState *env = cs->env_ptr;
    ARMCPU *cpu = container_of(cs, ARMCPU, parent_obj);
    uint32_t req = cs->interrupt_request;
    uint64_t hcr = arm_hcr_el2_eff(env);

    if (cpu->power_state == ARM_POWER_OFF) {
        return false;
    }
    /* WFI wakes on a pending physical interrupt even when PSTATE masks it
     * (D1.6.2 "Wait for Interrupt"); virtual ones count where they could
     * be taken. */
    if (req & (CPU_INTERRUPT_HARD | CPU_INTERRUPT_FIQ | CPU_INTERRUPT_SERROR)) {
        return true;
    }
    if (arm_current_el(env) <= 1 && !(hcr & HCR_TGE)) {
        if (((req & CPU_INTERRUPT_VIRQ) || (hcr & HCR_VI)) && (hcr & HCR_IMO)) {
            return true;
        }
        if (((req & CPU_INTERRUPT_VFIQ) || (hcr & HCR_VF)) && (hcr & HCR_FMO)) {
            return true;
        }
        if (((req & CPU_INTERRUPT_VSERROR) || (hcr & HCR_VSE)) && (hcr & HCR_AMO)) {
            return true;
        }
    }
    return false;
}

/* The qdev inputs ARM_CPU_IRQ..ARM_CPU_VFIQ (level-sensitive). */
static void arm_cpu_set_irq(void *opaque, int n, int level)
{
    static const uint32_t masks[ARM_CPU_NUM_INPUTS] = {
        [ARM_CPU_IRQ] = CPU_INTERRUPT_HARD,
        [ARM_CPU_FIQ] = CPU_INTERRUPT_FIQ,
        [ARM_CPU_VIRQ] = CPU_INTERRUPT_VIRQ,
        [ARM_CPU_VFIQ] = CPU_INTERRUPT_VFIQ,
    };
    CPUState *cs = CPU(opaque);

    if (n < 0 || n >= ARM_CPU_NUM_INPUTS) {
        return;
    }
    if (level) {
        cpu_interrupt(cs, masks[n]);
    } else {
        cpu_reset_interrupt(cs, masks[n]);
    }
}

/* ---- Debugging aids -------------------------------------------------------------- */

void arm_cpu_dump_state(CPUState *cs, GString *out, unsigned flags)
{
    ARMCPU *cpu = container_of(cs, ARMCPU, parent_obj);
    CPUARMState *env = &cpu->env;
    uint32_t psr = pstate_read(env) | ((env->btype & 3) << 10);
    int el = arm_current_el(env);

    g_string_append_printf(out, "PC=%016" PRIx64 "  SP=%016" PRIx64 "\n",
                           env->pc, env->xregs[31]);
    for (int i = 0; i < 31; i++) {
        g_string_append_printf(out, "X%02d=%016" PRIx64 "%s", i, env->xregs[i],
                               (i % 4 == 3 || i == 30) ? "\n" : "  ");
    }
    g_string_append_printf(out,
        "PSTATE=%08x %c%c%c%c EL%d%c DAIF=%c%c%c%c%s%s%s%s\n", psr,
        (psr & PSTATE_N) ? 'N' : '-', (psr & PSTATE_Z) ? 'Z' : '-',
        (psr & PSTATE_C) ? 'C' : '-', (psr & PSTATE_V) ? 'V' : '-',
        el, (psr & PSTATE_SP) ? 'h' : 't',
        (psr & PSTATE_D) ? 'D' : '-', (psr & PSTATE_A) ? 'A' : '-',
        (psr & PSTATE_I) ? 'I' : '-', (psr & PSTATE_F) ? 'F' : '-',
        (psr & PSTATE_PAN) ? " PAN" : "", (psr & PSTATE_UAO) ? " UAO" : "",
        (psr & PSTATE_IL) ? " IL" : "", (psr & PSTATE_SS) ? " SS" : "");
    if (cs->halted || cs->stopped) {
        g_string_append_printf(out, "(%s)\n", cs->stopped ? "powered off" : "halted in WFI");
    }
    if (flags & CPU_DUMP_FPU) {
        for (int i = 0; i < 32; i++) {
            g_string_append_printf(out, "V%02d=%016" PRIx64 ":%016" PRIx64 "%s", i,
                                   env->vregs[i].d[1], env->vregs[i].d[0],
                                   (i & 1) ? "\n" : "  ");
        }
        g_string_append_printf(out, "FPCR=%08x  FPSR=%08x\n", env->fpcr, env->fpsr);
    }
    if (flags & CPU_DUMP_SYS) {
        for (int n = 0; n <= 3; n++) {
            if ((n == 2 && !cpu->has_el2) || (n == 3 && !cpu->has_el3)) {
                continue;
            }
            g_string_append_printf(out, "SP_EL%d=%016" PRIx64, n, arm_sp_el_read(env, n));
            if (n) {
                g_string_append_printf(out, "  ELR_EL%d=%016" PRIx64 "  SPSR_EL%d=%08" PRIx64,
                                       n, env->elr_el[n], n, env->spsr_el[n]);
            }
            g_string_append_c(out, '\n');
        }
        arm_sysreg_dump(cpu, out);
    }
}

static vaddr arm_cpu_get_pc(CPUState *cs)
{
    return ((CPUARMState *)cs->env_ptr)->pc;
}

static void arm_cpu_set_pc(CPUState *cs, vaddr pc)
{
    CPUARMState *env = cs->env_ptr;

    env->pc = pc;
    env->btype = 0;
}

static void arm_cpu_disas_config(CPUState *cs, int *cs_arch, int *cs_mode)
{
    /* A64 instructions are little-endian whatever SCTLR.EE says. */
    *cs_arch = CS_ARCH_ARM64;
    *cs_mode = CS_MODE_ARM | CS_MODE_LITTLE_ENDIAN;
}

/* ---- TCG hooks ------------------------------------------------------------------- */

static void arm_tcg_initialize(void)
{
    a64_translate_init();
    tcg_set_code_mmu_index_fn(arm_cpu_code_mmu_index);
}

static void arm_cpu_synchronize_from_tb(CPUState *cs, const TranslationBlock *tb)
{
    ((CPUARMState *)cs->env_ptr)->pc = tb->pc;
}

static void arm_cpu_restore_state_to_opc(CPUState *cs, const TranslationBlock *tb,
                                         const uint64_t *data)
{
    CPUARMState *env = cs->env_ptr;

    a64_restore_state_to_opc(cs, tb, data);
    env->insn_iss = (uint32_t)data[1];
}

static bool arm_cpu_exec_halt(CPUState *cs)
{
    /* True: stay asleep. */
    return !arm_cpu_has_work(cs);
}

static const TCGCPUOps arm_tcg_ops = {
    .initialize = arm_tcg_initialize,
    .translate_code = arm_translate_code,
    .get_tb_cpu_state = arm_get_tb_cpu_state,
    .synchronize_from_tb = arm_cpu_synchronize_from_tb,
    .restore_state_to_opc = arm_cpu_restore_state_to_opc,
    .cpu_exec_interrupt = arm_cpu_exec_interrupt,
    .do_interrupt = arm_cpu_do_interrupt,
    .tlb_fill = arm_cpu_tlb_fill,
    .do_unaligned_access = arm_cpu_do_unaligned_access,
    .do_transaction_failed = arm_cpu_do_transaction_failed,
    .cpu_exec_halt = arm_cpu_exec_halt,
    .nb_mmu_modes = ARM_MMU_COUNT,
};

/* ---- Life cycle --------------------------------------------------------------------- */

void arm_cpu_set_entry(ARMCPU *cpu, int el, uint64_t entry_pc, uint64_t x0)
{
    CPUARMState *env = &cpu->env;

    arm_sp_save(env);
    env->pstate = ((uint32_t)el << PSTATE_EL_SHIFT) | PSTATE_SP | PSTATE_DAIF;
    pstate_write_nzcv(env, 0);
    env->btype = 0;
    arm_sp_restore(env);
    env->xregs[0] = x0;
    env->pc = entry_pc;
    if (el < 3 && cpu->has_el3) {
        /* What boot firmware sets up before entering a lower EL. */
        env->sys.scr_el3 |= SCR_NS | SCR_RW | (cpu->has_el2 ? SCR_HCE : 0);
    }
    if (el < 2 && cpu->has_el2) {
        env->sys.hcr_el2 |= HCR_RW;                 /* EL1 is AArch64 */
        env->sys.cnthctl_el2 |= CNTHCTL_EL1PCEN | CNTHCTL_EL1PCTEN;
    }
    arm_rebuild_hflags(env);
}

static void arm_cpu_reset(DeviceState *dev)
{
    ARMCPU *cpu = ARM_CPU(dev);
    CPUState *cs = CPU(dev);
    CPUARMState *env = &cpu->env;
    int el = cpu->has_el3 ? 3 : cpu->has_el2 ? 2 : 1;

    memset(env, 0, offsetof(CPUARMState, features));
    env->exclusive_addr = (uint64_t)-1;
    arm_sysreg_reset_all(cpu);
    env->sys.pmccntr_ns = clock_get_ns(CLOCK_VIRTUAL);
    /* Reset: the highest EL, SP_ELx, everything masked (D1.9). */
    env->pstate = ((uint32_t)el << PSTATE_EL_SHIFT) | PSTATE_SP | PSTATE_DAIF;
    pstate_write_nzcv(env, 0);
    env->pc = cpu->reset_pc;
    if (cpu->reset_is_linux) {
        /* The Linux arm64 boot protocol: at EL2 if there is one, else
         * EL1; MMU off; x0 = the device tree. */
        arm_cpu_set_entry(cpu, cpu->has_el2 ? 2 : 1, cpu->reset_pc, cpu->reset_x0);
    }
    if (cpu->start_powered_off) {
        cs->stopped = true;
        cpu->power_state = ARM_POWER_OFF;
    } else {
        cs->stopped = false;
        cpu->power_state = ARM_POWER_ON;
    }
    arm_gt_reset(cpu);
    arm_rebuild_hflags(env);
    if (cs->accel) {
        tlb_flush(cs);
    }
}

static bool arm_cpu_parse_conduit(ARMCPU *cpu, GError **errp)
{
    const char *s = cpu->psci_conduit_str;

    if (!s || !strcmp(s, "none")) {
        cpu->psci_conduit = ARM_PSCI_CONDUIT_NONE;
    } else if (!strcmp(s, "smc")) {
        cpu->psci_conduit = ARM_PSCI_CONDUIT_SMC;
    } else if (!strcmp(s, "hvc")) {
        cpu->psci_conduit = ARM_PSCI_CONDUIT_HVC;
    } else {
        error_setg(errp, "psci-conduit must be smc, hvc or none, not '%s'", s);
        return false;
    }
    if (cpu->psci_conduit == ARM_PSCI_CONDUIT_HVC && cpu->has_el2) {
        error_setg(errp, "psci-conduit=hvc needs a CPU without EL2 (its HVCs "
                   "belong to the guest hypervisor); use smc");
        return false;
    }
    if (cpu->psci_conduit == ARM_PSCI_CONDUIT_SMC && cpu->has_el3) {
        error_setg(errp, "psci-conduit=smc needs a CPU without EL3 (EL3 "
                   "firmware provides PSCI)");
        return false;
    }
    return true;
}

static void arm_cpu_realize(DeviceState *dev, GError **errp)
{
    ARMCPU *cpu = ARM_CPU(dev);
    CPUARMState *env = &cpu->env;
    ARMISARegisters *isar = &cpu->isar;

    if (!arm_cpu_parse_conduit(cpu, errp)) {
        return;
    }
    /* ID_AA64PFR0_EL1.EL2/EL3 (bits 11:8, 15:12): 1 = AArch64 only. */
    isar->id_aa64pfr0 &= ~(0xffull << 8);
    isar->id_aa64pfr0 |= (cpu->has_el2 ? 1ull : 0) << 8;
    isar->id_aa64pfr0 |= (cpu->has_el3 ? 1ull : 0) << 12;
    if (!cpu->has_el2) {
        /* VHE and the other EL2 features need EL2. */
        isar->id_aa64mmfr1 &= ~(0xfull << 8);
    }
    isar->mpidr = arm_cpu_mpidr(cpu);

    env->features = (1ull << ARM_FEATURE_AARCH64) |
                    (1ull << ARM_FEATURE_GENERIC_TIMER) |
                    (1ull << ARM_FEATURE_GIC_CPUIF);
    if (isar_feature_aa64_pmu(isar)) {
        env->features |= 1ull << ARM_FEATURE_PMU;
    }
    if (cpu->has_el2) {
        env->features |= 1ull << ARM_FEATURE_EL2;
    }
    if (cpu->has_el3) {
        env->features |= 1ull << ARM_FEATURE_EL3;
    }

    arm_sysreg_register_cpu(cpu);
    arm_gt_init(cpu);
    arm_mmu_register_sysregs(cpu);
    arm_sysreg_run_cpu_hooks(cpu);
}

static void arm_cpu_instance_init(Object *obj)
{
    ARMCPU *cpu = ARM_CPU(obj);
    CPUState *cs = CPU(obj);
    const ARMCPUModel *model = ARM_CPU_GET_CLASS(obj)->model;

    cs->env_ptr = &cpu->env;
    cpu->gt_freq_hz = 62500000;     /* 62.5 MHz unless the model says */
    if (model && model->init) {
        model->init(cpu);
    }
    device_init_gpio_in(DEVICE(obj), arm_cpu_set_irq, ARM_CPU_NUM_INPUTS);
    device_init_gpio_out(DEVICE(obj), cpu->gt_timer_outputs, GTIMER_COUNT);
}

static void arm_cpu_instance_finalize(Object *obj)
{
    ARMCPU *cpu = ARM_CPU(obj);

    arm_gt_finalize(cpu);
    arm_sysreg_free(cpu);
}

static const Property arm_cpu_props[] = {
    PROP_BOOL("start-powered-off", ARMCPU, start_powered_off, false),
    PROP_BOOL("has-el2", ARMCPU, has_el2, false),
    PROP_BOOL("has-el3", ARMCPU, has_el3, false),
    PROP_STRING("psci-conduit", ARMCPU, psci_conduit_str),
    PROP_UINT64("reset-pc", ARMCPU, reset_pc, 0),
    PROP_UINT64("reset-x0", ARMCPU, reset_x0, 0),
    PROP_BOOL("reset-is-linux", ARMCPU, reset_is_linux, false),
    PROP_END
};

static const char *const arm_gdb_extra_xml_files[] = {
    "aarch64-fpu.xml", "aarch64-sysregs.xml", NULL
};

static void arm_cpu_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    CPUClass *cc = CPU_CLASS(oc);

    dc->realize = arm_cpu_realize;
    dc->reset = arm_cpu_reset;
    dc->desc = "arm64 CPU";
    cc->arch_name = "aarch64";
    cc->dump_state = arm_cpu_dump_state;
    cc->get_pc = arm_cpu_get_pc;
    cc->set_pc = arm_cpu_set_pc;
    cc->has_work = arm_cpu_has_work;
    cc->get_phys_page_debug = arm_cpu_get_phys_page_debug;
    cc->disas_config = arm_cpu_disas_config;
    cc->gdb_arch_name = "aarch64";
    cc->gdb_core_xml = "aarch64-core.xml";
    cc->gdb_num_core_regs = ARM_GDB_NUM_REGS;
    cc->gdb_num_regs = arm_cpu_gdb_num_regs;
    cc->gdb_xml_files = arm_gdb_extra_xml_files;
    cc->gdb_get_xml = arm_gdb_get_xml;
    cc->gdb_read_register = arm_cpu_gdb_read_register;
    cc->gdb_write_register = arm_cpu_gdb_write_register;
    cc->tcg_ops = &arm_tcg_ops;
    object_class_add_props(oc, arm_cpu_props);
}

static const TypeInfo arm_cpu_type_info = {
    .name = TYPE_ARM_CPU,
    .parent = TYPE_CPU,
    .abstract = true,
    .instance_size = sizeof(ARMCPU),
    .class_size = sizeof(ARMCPUClass),
    .class_init = arm_cpu_class_init,
    .instance_init = arm_cpu_instance_init,
    .instance_finalize = arm_cpu_instance_finalize,
    .description = "the base of the arm64 CPU models",
};
TYPE_REGISTER(arm_cpu_type_info)
