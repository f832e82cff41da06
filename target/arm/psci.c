/*
 * psci.c — the firmware's Power State Coordination Interface, answered by
 * Turtle itself when the board boots a kernel without firmware (Arm DEN
 * 0022 "PSCI", version 1.0), with the SMC Calling Convention's version and
 * feature discovery (Arm DEN 0028 "SMCCC", version 1.1).
 *
 * The conduit is chosen by the board through the CPU property
 * "psci-conduit": HVC (a CPU without EL2), SMC (a CPU without EL3), or
 * none. Every SMCCC call over that conduit (imm16 = 0) is answered: PSCI
 * functions as below, anything else NOT_SUPPORTED (-1), as firmware does.
 *
 * Power states: each CPU is ON, OFF, or ON_PENDING (never seen here:
 * CPU_ON completes at once, because all vCPUs run on one thread and the
 * target is not running while the caller is).
 */
#include "util/osdep.h"
#include "util/log.h"
#include "hw/qdev.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"
#include "target/arm/cpu.h"
#include "target/arm/internals.h"

/* Function IDs (DEN 0022 5.1; 64-bit variants add 0x40000000). */
#define PSCI_0_2_FN_BASE            0x84000000u
#define PSCI_0_2_64BIT              0x40000000u
#define PSCI_FN(n)                  (PSCI_0_2_FN_BASE + (n))
#define PSCI_FN64(n)                (PSCI_0_2_FN_BASE + PSCI_0_2_64BIT + (n))

#define PSCI_VERSION                PSCI_FN(0)
#define PSCI_CPU_SUSPEND            PSCI_FN(1)
#define PSCI_CPU_OFF                PSCI_FN(2)
#define PSCI_CPU_ON                 PSCI_FN(3)
#define PSCI_AFFINITY_INFO          PSCI_FN(4)
#define PSCI_MIGRATE                PSCI_FN(5)
#define PSCI_MIGRATE_INFO_TYPE      PSCI_FN(6)
#define PSCI_MIGRATE_INFO_UP_CPU    PSCI_FN(7)
#define PSCI_SYSTEM_OFF             PSCI_FN(8)
#define PSCI_SYSTEM_RESET           PSCI_FN(9)
#define PSCI_FEATURES               PSCI_FN(10)

#define SMCCC_VERSION               0x80000000u
#define SMCCC_ARCH_FEATURES         0x80000001u

/* Return codes */
#define PSCI_RET_SUCCESS            0
#define PSCI_RET_NOT_SUPPORTED      (-1)
#define PSCI_RET_INVALID_PARAMS     (-2)
#define PSCI_RET_DENIED             (-3)
#define PSCI_RET_ALREADY_ON         (-4)
#define PSCI_RET_ON_PENDING         (-5)
#define PSCI_RET_INTERNAL_FAILURE   (-6)
#define PSCI_RET_NOT_PRESENT        (-7)
#define PSCI_RET_DISABLED           (-8)
#define PSCI_RET_INVALID_ADDRESS    (-9)

/* MIGRATE_INFO_TYPE: no Trusted OS that needs migration. */
#define PSCI_TOS_NOT_PRESENT_MP     2

bool arm_is_psci_call(ARMCPU *cpu, int excp)
{
    switch (cpu->psci_conduit) {
    case ARM_PSCI_CONDUIT_HVC:
        return excp == EXCP_HVC;
    case ARM_PSCI_CONDUIT_SMC:
        return excp == EXCP_SMC;
    default:
        return false;
    }
}

/* The PSCI functions this firmware implements (PSCI_FEATURES). */
static bool psci_implemented(uint32_t fn)
{
    switch (fn) {
    case PSCI_VERSION:
    case PSCI_CPU_SUSPEND: case PSCI_FN64(1):
    case PSCI_CPU_OFF:
    case PSCI_CPU_ON: case PSCI_FN64(3):
    case PSCI_AFFINITY_INFO: case PSCI_FN64(4):
    case PSCI_MIGRATE_INFO_TYPE:
    case PSCI_SYSTEM_OFF:
    case PSCI_SYSTEM_RESET:
    case PSCI_FEATURES:
    case SMCCC_VERSION:
        return true;
    default:
        return false;
    }
}

static int64_t psci_cpu_on(ARMCPU *caller, uint64_t mpidr, uint64_t entry,
                           uint64_t context)
{
    ARMCPU *target = arm_cpu_by_mpidr(mpidr);
    CPUState *tcs;
    uint32_t keep_irqs;
    int el = arm_current_el(&caller->env);

    if (!target) {
        return PSCI_RET_INVALID_PARAMS;
    }
    if (target->power_state == ARM_POWER_ON) {
        return PSCI_RET_ALREADY_ON;
    }
    if (target->power_state == ARM_POWER_ON_PENDING) {
        return PSCI_RET_ON_PENDING;
    }
    if (entry & 3) {
        return PSCI_RET_INVALID_ADDRESS;
    }
    tcs = CPU(target);
    /* A warm reset of the target, keeping the interrupt lines its
     * interrupt controller holds (a level is not re-sent). */
    keep_irqs = tcs->interrupt_request &
                (CPU_INTERRUPT_HARD | CPU_INTERRUPT_FIQ | CPU_INTERRUPT_VIRQ |
                 CPU_INTERRUPT_VFIQ);
    device_reset(DEVICE(target));
    if (keep_irqs) {
        cpu_interrupt(tcs, keep_irqs);
    }
    /* The target starts at the caller's EL, in AArch64 (DEN 0022 5.6). */
    arm_cpu_set_entry(target, el, entry, context);
    if (el < 3 && caller->has_el3) {
        target->env.sys.scr_el3 = caller->env.sys.scr_el3;
    }
    if (el < 2 && caller->has_el2) {
        target->env.sys.hcr_el2 = caller->env.sys.hcr_el2;
    }
    arm_rebuild_hflags(&target->env);
    target->power_state = ARM_POWER_ON;
    tcs->stopped = false;
    tcs->halted = false;
    log_mask_printf(LOG_INT, "PSCI: CPU %d turns on CPU %d at 0x%016" PRIx64 " (EL%d)\n",
                    CPU(caller)->cpu_index, tcs->cpu_index, entry, el);
    return PSCI_RET_SUCCESS;
}

static int64_t psci_affinity_info(uint64_t mpidr, uint64_t level)
{
    ARMCPU *target;

    /* PSCI 1.0: only level 0 must be supported. */
    if (level != 0) {
        return PSCI_RET_INVALID_PARAMS;
    }
    target = arm_cpu_by_mpidr(mpidr);
    if (!target) {
        return PSCI_RET_INVALID_PARAMS;
    }
    return target->power_state;
}

static G_NORETURN void psci_cpu_off(ARMCPU *cpu)
{
    CPUState *cs = CPU(cpu);

    log_mask_printf(LOG_INT, "PSCI: CPU %d turns itself off\n", cs->cpu_index);
    cpu->power_state = ARM_POWER_OFF;
    cs->stopped = true;
    cs->halted = true;
    cs->exception_index = EXCP_HLT;
    cpu_loop_exit(cs);
}

void arm_handle_psci_call(ARMCPU *cpu)
{
    CPUARMState *env = &cpu->env;
    CPUState *cs = CPU(cpu);
    uint32_t fn = (uint32_t)env->xregs[0];
    bool is64 = fn & PSCI_0_2_64BIT;
    uint64_t a1 = env->xregs[1], a2 = env->xregs[2], a3 = env->xregs[3];
    int64_t ret;

    if (!is64) {
        /* SMC32/HVC32 calls pass 32-bit arguments (SMCCC 2.6). */
        a1 = (uint32_t)a1;
        a2 = (uint32_t)a2;
        a3 = (uint32_t)a3;
    }
    switch (fn) {
    case PSCI_VERSION:
        ret = 0x00010000;           /* 1.0 */
        break;
    case PSCI_CPU_SUSPEND:
    case PSCI_FN64(1):
        /* Any power state is entered as standby: the CPU waits for an
         * interrupt like WFI and returns SUCCESS (a powerdown request may
         * return early, DEN 0022 5.4.2). */
        env->xregs[0] = PSCI_RET_SUCCESS;
        if (!CPU_GET_CLASS(cs)->has_work(cs)) {
            cs->halted = true;
            cs->exception_index = EXCP_HLT;
            cpu_loop_exit(cs);
        }
        return;
    case PSCI_CPU_OFF:
        psci_cpu_off(cpu);
    case PSCI_CPU_ON:
    case PSCI_FN64(3):
        ret = psci_cpu_on(cpu, a1, a2, a3);
        break;
    case PSCI_AFFINITY_INFO:
    case PSCI_FN64(4):
        ret = psci_affinity_info(a1, a2);
        break;
    case PSCI_MIGRATE_INFO_TYPE:
        ret = PSCI_TOS_NOT_PRESENT_MP;
        break;
    case PSCI_SYSTEM_OFF:
        log_mask_printf(LOG_INT, "PSCI: SYSTEM_OFF from CPU %d\n", cs->cpu_index);
        system_set_exit_status(0);
        system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        psci_cpu_off(cpu);
    case PSCI_SYSTEM_RESET:
        log_mask_printf(LOG_INT, "PSCI: SYSTEM_RESET from CPU %d\n", cs->cpu_index);
        system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        cs->halted = true;
        cs->exception_index = EXCP_HLT;
        cpu_loop_exit(cs);
    case PSCI_FEATURES:
        /* CPU_SUSPEND's feature flags: original power_state format. */
        ret = psci_implemented((uint32_t)a1) ? PSCI_RET_SUCCESS : PSCI_RET_NOT_SUPPORTED;
        break;
    case SMCCC_VERSION:
        ret = 0x00010001;           /* 1.1 */
        break;
    case SMCCC_ARCH_FEATURES:
        /* No SMCCC_ARCH_WORKAROUND_* nor SOC_ID: an emulated CPU needs no
         * firmware mitigation, and discovery of them says NOT_SUPPORTED. */
        ret = PSCI_RET_NOT_SUPPORTED;
        break;
    default:
        log_mask_printf(LOG_UNIMP, "PSCI/SMCCC: function 0x%08x not supported\n", fn);
        ret = PSCI_RET_NOT_SUPPORTED;
        break;
    }
    env->xregs[0] = (uint64_t)ret;
}
