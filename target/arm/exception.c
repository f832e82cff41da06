/*
 * exception.c — the AArch64 exception model: raising exceptions from
 * helpers, routing (which EL takes them), exception entry (Arm ARM DDI
 * 0487, D1.10 "Exception entry", pseudocode AArch64.TakeException),
 * exception return (D1.11, AArch64.ExceptionReturn, with the illegal
 * return checks of D1.11.4), stack pointer banking, and the exception
 * generating and waiting instructions whose behaviour depends on the EL2
 * and EL3 controls (HVC, SMC, WFI, WFE) and the FP/AdvSIMD access trap.
 *
 * Conventions: env->pc is the preferred return address when an exception
 * is delivered (the faulting instruction, restored from the host return
 * address, for synchronous exceptions; the next instruction for SVC, HVC,
 * SMC; the next instruction to run for interrupts).
 */
#include "util/osdep.h"
#include "util/log.h"
#include "sysemu/cpus.h"
#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "target/arm/syndrome.h"

/* ---- Names for -d int ------------------------------------------------------ */

const char *arm_excp_name(int excp)
{
    switch (excp) {
    case EXCP_UDEF: return "Undefined Instruction";
    case EXCP_SWI: return "SVC";
    case EXCP_PREFETCH_ABORT: return "Prefetch Abort";
    case EXCP_DATA_ABORT: return "Data Abort";
    case EXCP_IRQ: return "IRQ";
    case EXCP_FIQ: return "FIQ";
    case EXCP_BKPT: return "Breakpoint";
    case EXCP_HVC: return "Hypervisor Call";
    case EXCP_HYP_TRAP: return "Hypervisor Trap";
    case EXCP_SMC: return "Secure Monitor Call";
    case EXCP_VIRQ: return "Virtual IRQ";
    case EXCP_VFIQ: return "Virtual FIQ";
    case EXCP_SEMIHOST: return "Semihosting call";
    case EXCP_UNALIGNED: return "Alignment Fault";
    case EXCP_VSERR: return "Virtual SError";
    case EXCP_GPC: return "Granule Protection Check";
    case EXCP_SERROR: return "SError";
    default: return "unknown";
    }
}

static const char *arm_ec_name(unsigned ec)
{
    switch (ec) {
    case ARM_EC_UNCATEGORIZED: return "unknown/UNDEFINED";
    case ARM_EC_WFX_TRAP: return "WFx trap";
    case ARM_EC_FP_ACCESS: return "FP access trap";
    case ARM_EC_BTI: return "BTI";
    case ARM_EC_ILLEGAL_STATE: return "illegal state";
    case ARM_EC_SVC: return "SVC64";
    case ARM_EC_HVC: return "HVC64";
    case ARM_EC_SMC: return "SMC64";
    case ARM_EC_SYSTEM_REG: return "MSR/MRS trap";
    case ARM_EC_SVE_ACCESS: return "SVE access trap";
    case ARM_EC_ERET_TRAP: return "ERET trap";
    case ARM_EC_INSN_ABORT_LOWER: return "instruction abort (lower EL)";
    case ARM_EC_INSN_ABORT: return "instruction abort";
    case ARM_EC_PC_ALIGN: return "PC alignment";
    case ARM_EC_DATA_ABORT_LOWER: return "data abort (lower EL)";
    case ARM_EC_DATA_ABORT: return "data abort";
    case ARM_EC_SP_ALIGN: return "SP alignment";
    case ARM_EC_FP_EXC: return "FP exception";
    case ARM_EC_SERROR: return "SError";
    case ARM_EC_SOFTSTEP_LOWER: case ARM_EC_SOFTSTEP: return "software step";
    case ARM_EC_BREAKPOINT_LOWER: case ARM_EC_BREAKPOINT: return "breakpoint";
    case ARM_EC_WATCHPOINT_LOWER: case ARM_EC_WATCHPOINT: return "watchpoint";
    case ARM_EC_BRK: return "BRK";
    default: return "?";
    }
}

/* ---- Routing ----------------------------------------------------------------- */

int arm_exception_target_el(CPUARMState *env)
{
    int el = arm_current_el(env);

    if (el == 0) {
        /* D1.10.2: with HCR_EL2.TGE set, exceptions from EL0 that would
         * go to EL1 go to EL2. */
        return (arm_hcr_el2_eff(env) & HCR_TGE) ? 2 : 1;
    }
    return el;
}

int arm_fp_exception_el(CPUARMState *env)
{
    int el = arm_current_el(env);
    uint64_t hcr = arm_hcr_el2_eff(env);
    bool host = (hcr & (HCR_E2H | HCR_TGE)) == (HCR_E2H | HCR_TGE);

    /* CPACR_EL1.FPEN (D19.2.30): 0b01 traps EL0 only, 0b00/0b10 trap EL0
     * and EL1, 0b11 traps nothing. It does not apply in the EL2&0 host
     * regime, where CPTR_EL2 takes its place. */
    if (el <= 1 && !host) {
        switch ((env->sys.cpacr_el1 >> 20) & 3) {
        case 1:
            if (el == 0) {
                return 1;
            }
            break;
        case 0:
        case 2:
            return 1;
        default:
            break;
        }
    }
    /* CPTR_EL2 (D19.2.33): the CPACR-like FPEN with E2H, TFP without. */
    if (el <= 2 && arm_is_el2_enabled(env)) {
        if (hcr & HCR_E2H) {
            switch ((env->sys.cptr_el[2] >> 20) & 3) {
            case 1:
                if (el == 0 && (hcr & HCR_TGE)) {
                    return 2;
                }
                break;
            case 0:
            case 2:
                return 2;
            default:
                break;
            }
        } else if (env->sys.cptr_el[2] & (1u << 10)) {
            return 2;
        }
    }
    /* CPTR_EL3.TFP traps every EL. */
    if (arm_feature(env, ARM_FEATURE_EL3) && (env->sys.cptr_el[3] & (1u << 10))) {
        return 3;
    }
    return 0;
}

/* ---- Raising ---------------------------------------------------------------- */

static G_NORETURN void arm_raise_common(CPUARMState *env, int excp, uint32_t syndrome,
                                        int target_el, bool far_valid, uint64_t far,
                                        uintptr_t retaddr)
{
    CPUState *cs = env_cpu(env);
    int el = arm_current_el(env);

    /* HCR_EL2.TGE sends what would go to EL1 from EL0 to EL2 (D1.10.2). */
    if (el == 0 && target_el == 1 && (arm_hcr_el2_eff(env) & HCR_TGE)) {
        target_el = 2;
    }
    if (target_el < el || target_el < 1) {
        /* Exceptions are never taken to a lower EL: an emulator bug in
         * the caller; take it at the current EL rather than crash. */
        target_el = el ? el : 1;
    }
    env->exception.syndrome = syndrome;
    env->exception.target_el = target_el;
    env->exception.far_valid = far_valid;
    env->exception.vaddress = far;
    cs->exception_index = excp;
    cpu_loop_exit_restore(cs, retaddr);
}

void arm_raise_exception(CPUARMState *env, int excp, uint32_t syndrome,
                         int target_el, uintptr_t retaddr)
{
    arm_raise_common(env, excp, syndrome, target_el, false, 0, retaddr);
}

void arm_raise_exception_far(CPUARMState *env, int excp, uint32_t syndrome,
                             int target_el, uint64_t far, uintptr_t retaddr)
{
    arm_raise_common(env, excp, syndrome, target_el, true, far, retaddr);
}

/* ---- Stack pointer banking -------------------------------------------------- */

/* The bank the current xregs[31] belongs to: SP_EL0 with SPSel=0, else
 * SP_ELx of the current EL. */
static int arm_sp_bank(const CPUARMState *env)
{
    return (env->pstate & PSTATE_SP) ? arm_current_el(env) : 0;
}

void arm_sp_save(CPUARMState *env)
{
    env->sp_el[arm_sp_bank(env)] = env->xregs[31];
}

void arm_sp_restore(CPUARMState *env)
{
    env->xregs[31] = env->sp_el[arm_sp_bank(env)];
}

uint64_t arm_sp_el_read(CPUARMState *env, int n)
{
    return n == arm_sp_bank(env) ? env->xregs[31] : env->sp_el[n];
}

void arm_sp_el_write(CPUARMState *env, int n, uint64_t val)
{
    if (n == arm_sp_bank(env)) {
        env->xregs[31] = val;
    }
    env->sp_el[n] = val;
}

/* ---- Debug state used on entry and return ------------------------------------- */

/* The EL debug exceptions go to (D2.3): EL2 with MDCR_EL2.TDE or
 * HCR_EL2.TGE, else EL1. */
static int arm_debug_target_el(CPUARMState *env)
{
    uint64_t hcr = arm_hcr_el2_eff(env);

    if (arm_is_el2_enabled(env) &&
        ((hcr & HCR_TGE) || (env->sys.mdcr_el2 & (1u << 8)))) {
        return 2;
    }
    return 1;
}

/* Whether software step is active for code at el with PSTATE.D = d
 * (D2.12: MDSCR_EL1.SS, and debug exceptions enabled from that EL). */
bool arm_singlestep_active(CPUARMState *env, int el, bool d)
{
    int tel = arm_debug_target_el(env);

    if (!(env->sys.mdscr_el1 & 1)) {
        return false;
    }
    if (el < tel) {
        return true;
    }
    return el == tel && (env->sys.mdscr_el1 & (1u << 13)) && !d;   /* KDE */
}

/* ---- Exception entry ------------------------------------------------------------ */

static uint32_t arm_vector_type_offset(int excp)
{
    switch (excp) {
    case EXCP_IRQ:
    case EXCP_VIRQ:
        return 0x80;
    case EXCP_FIQ:
    case EXCP_VFIQ:
        return 0x100;
    case EXCP_SERROR:
    case EXCP_VSERR:
        return 0x180;
    default:
        return 0;
    }
}

static bool arm_excp_is_async(int excp)
{
    switch (excp) {
    case EXCP_IRQ: case EXCP_VIRQ: case EXCP_FIQ: case EXCP_VFIQ:
        return true;
    default:
        return false;
    }
}

void arm_cpu_do_interrupt(CPUState *cs)
{
    ARMCPU *cpu = container_of(cs, ARMCPU, parent_obj);
    CPUARMState *env = &cpu->env;
    int excp = cs->exception_index;
    int from_el = arm_current_el(env);
    int target_el = env->exception.target_el;
    uint32_t syndrome = env->exception.syndrome;
    uint32_t old_pstate, new_pstate;
    uint64_t sctlr, vector;
    uint64_t far = 0;
    bool far_valid = false;

    if (target_el < from_el || target_el < 1 || target_el > 3) {
        target_el = from_el ? from_el : 1;
    }
    if (arm_excp_is_async(excp)) {
        syndrome = 0;
    } else {
        syndrome = syn_set_same_el(syndrome, target_el == from_el);
        if (env->exception.far_valid) {
            far = env->exception.vaddress;
            far_valid = true;
        } else if (syn_get_ec(syndrome) == ARM_EC_PC_ALIGN) {
            /* The misaligned PC is both the return address and FAR. */
            far = env->pc;
            far_valid = true;
        }
    }

    /* The vector: VBAR_ELx + where we come from + the exception type. */
    vector = env->sys.vbar_el[target_el] & ~0x7ffull;
    if (target_el > from_el) {
        vector += 0x400;            /* lower EL, using AArch64 */
    } else if (env->pstate & PSTATE_SP) {
        vector += 0x200;            /* current EL with SP_ELx */
    }
    vector += arm_vector_type_offset(excp);

    /* Save PSTATE (with BTYPE, kept apart for generated code) and the
     * return address. */
    old_pstate = pstate_read(env) | ((env->btype & 3) << 10);
    arm_sp_save(env);
    env->spsr_el[target_el] = old_pstate;
    env->elr_el[target_el] = env->pc;
    if (!arm_excp_is_async(excp)) {
        env->sys.esr_el[target_el] = syndrome;
    }
    if (far_valid) {
        env->sys.far_el[target_el] = far;
    }
    if (target_el == 2 && env->exception.ipa_valid) {
        env->sys.hpfar_el2 = (env->exception.ipa >> 8) & ~0xfull;
    }

    /* New PSTATE (AArch64.TakeException): EL, SP_ELx, all of DAIF masked;
     * SS, IL, BTYPE cleared; NZCV and DIT kept; PAN, UAO, SSBS as below. */
    sctlr = env->sys.sctlr_el[target_el];
    new_pstate = (env->pstate & (PSTATE_DIT | PSTATE_PAN | PSTATE_SSBS)) |
                 ((uint32_t)target_el << PSTATE_EL_SHIFT) | PSTATE_SP | PSTATE_DAIF;
    if (isar_feature_aa64_pan(&cpu->isar)) {
        /* PSTATE.PAN is set on entry to EL1 (or to EL2 in the host
         * regime) when SCTLR_ELx.SPAN is 0, else kept. */
        bool host = (arm_hcr_el2_eff(env) & (HCR_E2H | HCR_TGE)) ==
                    (HCR_E2H | HCR_TGE);
        if ((target_el == 1 || (target_el == 2 && host)) && !(sctlr & SCTLR_SPAN)) {
            new_pstate |= PSTATE_PAN;
        }
    } else {
        new_pstate &= ~PSTATE_PAN;
    }
    if (isar_feature_aa64_ssbs(&cpu->isar)) {
        new_pstate = (new_pstate & ~PSTATE_SSBS) |
                     ((sctlr & SCTLR_DSSBS) ? PSTATE_SSBS : 0);
    } else {
        new_pstate &= ~PSTATE_SSBS;
    }
    if (!isar_feature_aa64_dit(&cpu->isar)) {
        new_pstate &= ~PSTATE_DIT;
    }
    /* PSTATE.UAO is cleared (not in new_pstate). */
    env->pstate = new_pstate;
    env->btype = 0;
    arm_sp_restore(env);
    env->pc = vector;
    /* The local exclusive monitor is cleared on exception entry. */
    env->exclusive_addr = (uint64_t)-1;

    if (excp == EXCP_VSERR) {
        /* Taking the virtual SError consumes HCR_EL2.VSE. */
        env->sys.hcr_el2 &= ~HCR_VSE;
    }
    env->exception.far_valid = false;
    env->exception.ipa_valid = false;
    cs->exception_index = -1;
    arm_rebuild_hflags(env);

    if (log_enabled(LOG_INT)) {
        GString *line = g_string_new(NULL);

        g_string_append_printf(line,
            "Taking exception %d [%s] on CPU %d from EL%d to EL%d, ELR 0x%016" PRIx64,
            excp, arm_excp_name(excp), cs->cpu_index, from_el, target_el,
            env->elr_el[target_el]);
        if (!arm_excp_is_async(excp)) {
            g_string_append_printf(line, ", ESR 0x%08x [EC 0x%02x %s]", syndrome,
                                   syn_get_ec(syndrome), arm_ec_name(syn_get_ec(syndrome)));
        }
        if (far_valid) {
            g_string_append_printf(line, ", FAR 0x%016" PRIx64, far);
        }
        g_string_append_printf(line, ", SPSR 0x%08x, vector 0x%016" PRIx64 "\n",
                               old_pstate, vector);
        log_printf("%s", line->str);
        g_string_free(line, TRUE);
    }
    if (target_el == 2 && from_el < 2) {
        log_mask_printf(LOG_VMEXIT,
                        "vmexit: CPU %d EL%d -> EL2: %s, ESR 0x%08x, ELR 0x%016" PRIx64 "\n",
                        cs->cpu_index, from_el,
                        arm_excp_is_async(excp) ? arm_excp_name(excp)
                                                : arm_ec_name(syn_get_ec(syndrome)),
                        syndrome, env->elr_el[2]);
    }
}

/* ---- Exception return --------------------------------------------------------- */

/* Whether an SPSR describes a state ERET may not return to from the
 * current state (D1.11.4 "Illegal return events from AArch64 state"). */
static bool arm_illegal_return(CPUARMState *env, uint32_t spsr)
{
    int cur_el = arm_current_el(env);
    int new_el = (spsr & PSTATE_EL) >> PSTATE_EL_SHIFT;

    if (spsr & PSTATE_nRW) {
        return true;                /* AArch32: not implemented */
    }
    if (spsr & 2) {
        return true;                /* M[1] is reserved */
    }
    if (new_el > cur_el) {
        return true;
    }
    if ((new_el == 3 && !arm_feature(env, ARM_FEATURE_EL3)) ||
        (new_el == 2 && !arm_feature(env, ARM_FEATURE_EL2))) {
        return true;
    }
    if (new_el == 2 && !arm_is_el2_enabled(env)) {
        return true;                /* no Secure EL2 */
    }
    if (new_el == 1 && (arm_hcr_el2_eff(env) & HCR_TGE)) {
        return true;
    }
    if (new_el == 0 && (spsr & PSTATE_SP)) {
        return true;                /* EL0 has only SP_EL0 */
    }
    return false;
}

/* The PC a branch to addr goes to at el (AArch64.BranchAddr): with top
 * byte ignore, bits 63:56 are the extension of bit 55. */
static uint64_t arm_branch_addr(CPUARMState *env, uint64_t addr, int el)
{
    int regime = arm_regime_el(env, el);
    bool two_ranges = regime == 1 ||
                      (regime == 2 && (arm_hcr_el2_eff(env) & HCR_E2H));
    uint64_t tcr = env->sys.tcr_el[regime];

    if (two_ranges) {
        bool tbi = (addr >> 55) & 1 ? (tcr >> 38) & 1 : (tcr >> 37) & 1;
        if (tbi) {
            return (uint64_t)((int64_t)(addr << 8) >> 8);
        }
    } else if ((tcr >> 20) & 1) {
        return addr & 0x00ffffffffffffffull;
    }
    return addr;
}

void helper_exception_return(CPUARMState *env, uint64_t new_pc)
{
    ARMCPU *cpu = env_archcpu(env);
    CPUState *cs = env_cpu(env);
    int cur_el = arm_current_el(env);
    uint32_t spsr, keep, from_spsr, new_pstate;
    int new_el;
    bool illegal, ss;

    if (cur_el == 0) {
        /* ERET is UNDEFINED at EL0; the translator should not get here. */
        arm_raise_exception(env, EXCP_UDEF, syn_uncategorized(),
                            arm_exception_target_el(env), 0);
    }
    spsr = (uint32_t)env->spsr_el[cur_el];
    illegal = arm_illegal_return(env, spsr);

    /* Fields an implemented feature gives meaning to. */
    from_spsr = PSTATE_NZCV | PSTATE_DAIF;
    if (isar_feature_aa64_pan(&cpu->isar)) {
        from_spsr |= PSTATE_PAN;
    }
    if (!illegal) {
        from_spsr |= PSTATE_EL | PSTATE_SP | PSTATE_IL;
        if (isar_feature_aa64_uao(&cpu->isar)) {
            from_spsr |= PSTATE_UAO;
        }
        if (isar_feature_aa64_dit(&cpu->isar)) {
            from_spsr |= PSTATE_DIT;
        }
        if (isar_feature_aa64_ssbs(&cpu->isar)) {
            from_spsr |= PSTATE_SSBS;
        }
    }
    arm_sp_save(env);
    if (illegal) {
        /* EL, SPSel (and nRW) unchanged; IL set; NZCV, DAIF, PAN from
         * SPSR; the UNKNOWN fields keep their values. */
        keep = PSTATE_EL | PSTATE_SP | PSTATE_UAO | PSTATE_DIT | PSTATE_SSBS;
        new_pstate = (env->pstate & keep) | (spsr & from_spsr) | PSTATE_IL;
    } else {
        new_pstate = spsr & from_spsr;
    }
    new_el = (new_pstate & PSTATE_EL) >> PSTATE_EL_SHIFT;
    /* PSTATE.SS is restored from SPSR only when software step is active
     * in the state returned to (D2.12.5). */
    ss = (spsr & PSTATE_SS) && arm_singlestep_active(env, new_el, new_pstate & PSTATE_D);
    if (ss) {
        new_pstate |= PSTATE_SS;
    }
    env->pstate = new_pstate & ~PSTATE_NZCV;
    pstate_write_nzcv(env, spsr);
    env->btype = (!illegal && isar_feature_aa64_bti(&cpu->isar)) ? (spsr >> 10) & 3 : 0;
    arm_sp_restore(env);
    env->pc = arm_branch_addr(env, new_pc, new_el);
    env->exclusive_addr = (uint64_t)-1;
    arm_rebuild_hflags(env);
    arm_cpu_update_interrupts(env);

    if (illegal) {
        log_mask_printf(LOG_INT | LOG_GUEST_ERROR,
                        "Illegal exception return on CPU %d at EL%d: SPSR 0x%08x, "
                        "PC 0x%016" PRIx64 "\n", cs->cpu_index, cur_el, spsr, env->pc);
    } else {
        log_mask_printf(LOG_INT, "Exception return on CPU %d from EL%d to EL%d, "
                        "PC 0x%016" PRIx64 ", PSTATE 0x%08x\n", cs->cpu_index, cur_el,
                        new_el, env->pc, pstate_read(env));
    }
    if (!illegal && cur_el == 2 && new_el < 2) {
        log_mask_printf(LOG_VMEXIT, "vmentry: CPU %d EL2 -> EL%d, PC 0x%016" PRIx64 "\n",
                        cs->cpu_index, new_el, env->pc);
    }
}

/* ---- WFI / WFE -------------------------------------------------------------------- */

int arm_wfx_trap_el(CPUARMState *env, bool is_wfe)
{
    int el = arm_current_el(env);
    uint64_t hcr = arm_hcr_el2_eff(env);

    if (el == 0) {
        uint64_t sctlr = env->sys.sctlr_el[arm_regime_el(env, 0)];
        if (!(sctlr & (is_wfe ? SCTLR_nTWE : SCTLR_nTWI))) {
            return arm_exception_target_el(env);
        }
    }
    if (el <= 1 && (hcr & (is_wfe ? HCR_TWE : HCR_TWI))) {
        return 2;
    }
    if (el <= 2 && arm_feature(env, ARM_FEATURE_EL3) &&
        (env->sys.scr_el3 & (is_wfe ? SCR_TWE : SCR_TWI))) {
        return 3;
    }
    return 0;
}

void helper_wfi(CPUARMState *env)
{
    CPUState *cs = env_cpu(env);
    CPUClass *cc = CPU_GET_CLASS(cs);
    int trap = arm_wfx_trap_el(env, false);

    if (trap) {
        env->pc -= 4;               /* ELR = the WFI itself */
        arm_raise_exception(env, EXCP_UDEF, syn_wfx(0), trap, 0);
    }
    if (cc->has_work && cc->has_work(cs)) {
        return;                     /* a pending interrupt: WFI is a NOP */
    }
    cs->halted = true;
    cs->exception_index = EXCP_HLT;
    cpu_loop_exit(cs);
}

void helper_wfe(CPUARMState *env)
{
    CPUState *cs = env_cpu(env);
    int trap = arm_wfx_trap_el(env, true);

    if (trap) {
        env->pc -= 4;
        arm_raise_exception(env, EXCP_UDEF, syn_wfx(1), trap, 0);
    }
    /* No event register: give the other CPUs the rest of the slice. */
    cs->exception_index = EXCP_YIELD;
    cpu_loop_exit(cs);
}

/* ---- HVC / SMC ----------------------------------------------------------------------- */

static G_NORETURN void arm_undef_prev_insn(CPUARMState *env)
{
    env->pc -= 4;                   /* ELR = the instruction itself */
    arm_raise_exception(env, EXCP_UDEF, syn_uncategorized(),
                        arm_exception_target_el(env), 0);
}

void helper_hvc(CPUARMState *env, uint32_t imm16)
{
    ARMCPU *cpu = env_archcpu(env);
    int el = arm_current_el(env);

    if (el == 0) {
        arm_undef_prev_insn(env);
    }
    /* The emulated firmware answers SMCCC calls over HVC only when no
     * guest EL2 exists to take them (the board checks that). */
    if (imm16 == 0 && arm_is_psci_call(cpu, EXCP_HVC)) {
        arm_handle_psci_call(cpu);
        return;
    }
    /* D1.3.x: HVC is UNDEFINED without EL2, with SCR_EL3.HCE == 0, and in
     * Secure EL1 (no Secure EL2). */
    if (!arm_feature(env, ARM_FEATURE_EL2) ||
        (arm_feature(env, ARM_FEATURE_EL3) && !(env->sys.scr_el3 & SCR_HCE)) ||
        (el == 1 && !arm_is_el2_enabled(env))) {
        arm_undef_prev_insn(env);
    }
    arm_raise_exception(env, EXCP_HVC, syn_aa64_hvc(imm16), el == 3 ? 3 : 2, 0);
}

void helper_smc(CPUARMState *env, uint32_t imm16)
{
    ARMCPU *cpu = env_archcpu(env);
    int el = arm_current_el(env);

    if (el == 0) {
        arm_undef_prev_insn(env);
    }
    /* HCR_EL2.TSC traps SMC from EL1 to EL2, before EL3 sees it: a guest
     * hypervisor emulates its guests' firmware. ELR is the SMC itself. */
    if (el == 1 && (arm_hcr_el2_eff(env) & HCR_TSC)) {
        env->pc -= 4;
        arm_raise_exception(env, EXCP_HYP_TRAP, syn_aa64_smc(imm16), 2, 0);
    }
    if (imm16 == 0 && arm_is_psci_call(cpu, EXCP_SMC)) {
        arm_handle_psci_call(cpu);
        return;
    }
    if (!arm_feature(env, ARM_FEATURE_EL3) || (env->sys.scr_el3 & SCR_SMD)) {
        /* No EL3, or SMC disabled by SCR_EL3.SMD. */
        arm_undef_prev_insn(env);
    }
    arm_raise_exception(env, EXCP_SMC, syn_aa64_smc(imm16), 3, 0);
}

/* ---- Faults reported by the memory system -------------------------------------- */

/* The EL a synchronous external abort goes to (SCR_EL3.EA, HCR_EL2.TEA). */
static int arm_external_abort_target_el(CPUARMState *env)
{
    int el = arm_current_el(env);

    if (arm_feature(env, ARM_FEATURE_EL3) && (env->sys.scr_el3 & SCR_EA)) {
        return 3;
    }
    if (el < 2 && (arm_hcr_el2_eff(env) & HCR_TEA)) {
        return 2;
    }
    return arm_exception_target_el(env);
}

void arm_cpu_do_unaligned_access(CPUState *cs, vaddr addr, MMUAccessType access_type,
                                 int mmu_idx, uintptr_t retaddr)
{
    CPUARMState *env = cs->env_ptr;
    uint32_t syn;
    int excp;

    if (access_type == MMU_INST_FETCH) {
        syn = syn_pcalignment();
        excp = EXCP_PREFETCH_ABORT;
    } else {
        /* same_el is fixed up on delivery. */
        syn = syn_data_abort_no_iss(true, false, false, false, false,
                                    access_type == MMU_DATA_STORE, ARM_FSC_ALIGNMENT);
        excp = EXCP_DATA_ABORT;
    }
    arm_raise_exception_far(env, excp, syn, arm_exception_target_el(env), addr, retaddr);
}

void arm_cpu_do_transaction_failed(CPUState *cs, hwaddr physaddr, vaddr addr,
                                   unsigned size, MMUAccessType access_type,
                                   int mmu_idx, MemTxResult response,
                                   uintptr_t retaddr)
{
    CPUARMState *env = cs->env_ptr;
    uint32_t syn;
    int excp;

    log_mask_printf(LOG_GUEST_ERROR,
                    "CPU %d: bus error at physical 0x%" HWADDR_PRIx " (VA 0x%" VADDR_PRIx
                    ", %u bytes, %s)\n", cs->cpu_index, physaddr, addr, size,
                    access_type == MMU_DATA_STORE ? "write" :
                    access_type == MMU_INST_FETCH ? "fetch" : "read");
    if (access_type == MMU_INST_FETCH) {
        syn = syn_insn_abort(true, true, false, ARM_FSC_SYNC_EXTERNAL);
        excp = EXCP_PREFETCH_ABORT;
    } else {
        syn = syn_data_abort_no_iss(true, false, true, false, false,
                                    access_type == MMU_DATA_STORE, ARM_FSC_SYNC_EXTERNAL);
        excp = EXCP_DATA_ABORT;
    }
    arm_raise_exception_far(env, excp, syn, arm_external_abort_target_el(env), addr,
                            retaddr);
}
