/*
 * test-arm-exception.c — exception entry and return, routing and masking
 * of interrupts, and the instructions whose effect depends on EL2/EL3
 * controls (HVC, SMC, WFI), on CPUs created directly (target/arm/
 * exception.c and the interrupt code of cpu.c).
 */
#include "arm-test.h"
#include "util/log.h"
#include <glib/gstdio.h>

#define VBAR1 0x10000ull
#define VBAR2 0x20000ull
#define VBAR3 0x30000ull

typedef struct RaiseArgs {
    int excp;
    uint32_t syn;
    int target_el;
    bool with_far;
    uint64_t far;
} RaiseArgs;

static void raise_fn(ARMCPU *cpu, void *opaque)
{
    RaiseArgs *a = opaque;

    if (a->with_far) {
        arm_raise_exception_far(&cpu->env, a->excp, a->syn, a->target_el, a->far, 0);
    }
    arm_raise_exception(&cpu->env, a->excp, a->syn, a->target_el, 0);
}

static ARMCPU *new_cpu(const char *opts)
{
    ARMCPU *cpu = arm_test_cpu_new("max", opts, 0);

    cpu->env.sys.vbar_el[1] = VBAR1;
    cpu->env.sys.vbar_el[2] = VBAR2;
    cpu->env.sys.vbar_el[3] = VBAR3;
    return cpu;
}

/* SVC from EL0: lower-EL vector, SPSR/ELR/ESR, PSTATE, stack switch. */
static void test_entry_from_el0(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;
    RaiseArgs a = { EXCP_SWI, syn_aa64_svc(0x42), 1 };
    g_autofree char *logpath = NULL;
    g_autofree char *log = NULL;
    int fd;

    arm_test_set_el(cpu, 0, false, false);
    env->sp_el[1] = 0x9000;
    env->xregs[31] = 0x8000;            /* SP_EL0 */
    pstate_write_nzcv(env, PSTATE_N | PSTATE_C);
    env->pc = 0x400004;                 /* the instruction after the SVC */

    fd = g_file_open_tmp("arm-int-XXXXXX.log", &logpath, NULL);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    g_assert_true(log_set_file(logpath, NULL));
    log_set_mask(LOG_INT);
    g_assert_cmpint(arm_test_run_deliver(cpu, raise_fn, &a), ==, EXCP_SWI);
    log_set_mask(0);
    log_flush();
    g_assert_true(log_set_file(NULL, NULL));

    g_assert_cmpint(arm_current_el(env), ==, 1);
    g_assert_true(env->pstate & PSTATE_SP);
    g_assert_cmphex(env->pstate & PSTATE_DAIF, ==, PSTATE_DAIF);
    g_assert_cmphex(env->pc, ==, VBAR1 + 0x400);
    g_assert_cmphex(env->elr_el[1], ==, 0x400004);
    g_assert_cmphex(env->spsr_el[1], ==, PSTATE_N | PSTATE_C);   /* EL0t, DAIF clear */
    g_assert_cmphex(env->sys.esr_el[1], ==, 0x56000042);
    g_assert_cmphex(env->xregs[31], ==, 0x9000);
    g_assert_cmphex(env->sp_el[0], ==, 0x8000);
    /* NZCV is kept, the exclusive monitor cleared. */
    g_assert_cmphex(pstate_read(env) & PSTATE_NZCV, ==, PSTATE_N | PSTATE_C);
    g_assert_cmphex(env->exclusive_addr, ==, (uint64_t)-1);
    g_assert_cmpint((env->hflags >> TBFLAG_EL_SHIFT) & 3, ==, 1);
    /* SCTLR_EL1.SPAN is 1 at reset: PSTATE.PAN is left alone. */
    g_assert_false(env->pstate & PSTATE_PAN);

    g_assert_true(g_file_get_contents(logpath, &log, NULL, NULL));
    g_assert_nonnull(strstr(log, "Taking exception 2 [SVC] on CPU"));
    g_assert_nonnull(strstr(log, "from EL0 to EL1, ELR 0x0000000000400004, ESR 0x56000042"));
    g_unlink(logpath);
    arm_test_cpu_free(cpu);
}

/* With SCTLR_EL1.SPAN = 0, taking an exception to EL1 sets PSTATE.PAN. */
static void test_entry_sets_pan(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;
    RaiseArgs a = { EXCP_UDEF, syn_uncategorized(), 1 };

    env->sys.sctlr_el[1] &= ~SCTLR_SPAN;
    arm_test_set_el(cpu, 0, false, false);
    env->pc = 0x1000;
    g_assert_cmpint(arm_test_run_deliver(cpu, raise_fn, &a), ==, EXCP_UDEF);
    g_assert_true(env->pstate & PSTATE_PAN);
    g_assert_cmpint((env->hflags >> TBFLAG_MMUIDX_SHIFT) & 15, ==, ARM_MMU_E10_1_PAN);
    g_assert_cmphex(env->sys.esr_el[1], ==, 0x02000000);
    arm_test_cpu_free(cpu);
}

/* A data abort at EL1h: current-EL SPx vector, FAR, and the "same EL"
 * exception class whatever the raiser said. */
static void test_entry_same_el(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;
    RaiseArgs a = { EXCP_DATA_ABORT,
                    syn_data_abort_no_iss(false, false, false, false, false, true,
                                          ARM_FSC_TRANSLATION(3)), 1, true, 0xdead000 };

    arm_test_set_el(cpu, 1, true, false);
    env->xregs[31] = 0x7000;
    env->pc = 0xffff000000001234ull;
    g_assert_cmpint(arm_test_run_deliver(cpu, raise_fn, &a), ==, EXCP_DATA_ABORT);
    g_assert_cmphex(env->pc, ==, VBAR1 + 0x200);
    g_assert_cmphex(env->elr_el[1], ==, 0xffff000000001234ull);
    g_assert_cmphex(env->sys.far_el[1], ==, 0xdead000);
    g_assert_cmphex(syn_get_ec(env->sys.esr_el[1]), ==, ARM_EC_DATA_ABORT);
    g_assert_cmphex(env->sys.esr_el[1] & 0x7f, ==, 0x40 | 0x07);    /* WnR, L3 */
    g_assert_cmphex(env->spsr_el[1] & 0x1f, ==, 0x5);                /* EL1h */
    g_assert_cmphex(env->xregs[31], ==, 0x7000);                     /* same SP */
    arm_test_cpu_free(cpu);
}

/* A PC alignment fault reports the PC in FAR. */
static void test_entry_pc_align(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;
    RaiseArgs a = { EXCP_PREFETCH_ABORT, syn_pcalignment(), 1 };

    arm_test_set_el(cpu, 0, false, false);
    env->pc = 0x40000002;
    g_assert_cmpint(arm_test_run_deliver(cpu, raise_fn, &a), ==, EXCP_PREFETCH_ABORT);
    g_assert_cmphex(env->sys.far_el[1], ==, 0x40000002);
    g_assert_cmphex(env->elr_el[1], ==, 0x40000002);
    g_assert_cmphex(env->sys.esr_el[1], ==, 0x8a000000);
    arm_test_cpu_free(cpu);
}

/* An IRQ at EL1t: current-EL SP0 vector + 0x80; ESR untouched. */
static void test_entry_irq_sp0(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;
    CPUState *cs = CPU(cpu);

    arm_test_set_el(cpu, 1, false, false);
    env->sys.esr_el[1] = 0x1234;
    env->pc = 0x5000;
    cs->interrupt_request = CPU_INTERRUPT_HARD;
    g_assert_true(arm_cpu_exec_interrupt(cs, cs->interrupt_request));
    g_assert_cmphex(env->pc, ==, VBAR1 + 0x080);
    g_assert_cmphex(env->elr_el[1], ==, 0x5000);
    g_assert_cmphex(env->sys.esr_el[1], ==, 0x1234);
    g_assert_cmphex(env->spsr_el[1] & 0x3cf, ==, 0x004);             /* EL1t, unmasked */
    arm_test_cpu_free(cpu);
}

static void eret_fn(ARMCPU *cpu, void *opaque)
{
    helper_exception_return(&cpu->env, *(uint64_t *)opaque);
}

/* ERET from EL1 to EL0: PSTATE from SPSR, SP_EL0, PC. */
static void test_eret_to_el0(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;
    uint64_t elr = 0x400000;

    arm_test_set_el(cpu, 1, true, true);
    env->sp_el[0] = 0x8000;
    env->xregs[31] = 0x9000;
    env->spsr_el[1] = PSTATE_Z | PSTATE_V | PSTATE_F;   /* EL0t, FIQ masked */
    env->exclusive_addr = 0x100;
    g_assert_false(arm_test_run(cpu, eret_fn, &elr));
    g_assert_cmpint(arm_current_el(env), ==, 0);
    g_assert_cmphex(env->pc, ==, 0x400000);
    g_assert_cmphex(pstate_read(env), ==, PSTATE_Z | PSTATE_V | PSTATE_F);
    g_assert_cmphex(env->xregs[31], ==, 0x8000);
    g_assert_cmphex(env->sp_el[1], ==, 0x9000);
    g_assert_cmphex(env->exclusive_addr, ==, (uint64_t)-1);
    g_assert_cmpint((env->hflags >> TBFLAG_MMUIDX_SHIFT) & 15, ==, ARM_MMU_E10_0);
    g_assert_false(env->hflags & TBFLAG_PSTATE_IL);
    arm_test_cpu_free(cpu);
}

/* Exception entry then ERET is a round trip. */
static void test_entry_eret_roundtrip(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;
    RaiseArgs a = { EXCP_SWI, syn_aa64_svc(0), 1 };
    uint64_t elr;

    arm_test_set_el(cpu, 0, false, false);
    env->xregs[31] = 0x8888;
    pstate_write_nzcv(env, PSTATE_C);
    env->pc = 0x2004;
    g_assert_cmpint(arm_test_run_deliver(cpu, raise_fn, &a), ==, EXCP_SWI);
    elr = env->elr_el[1];
    g_assert_false(arm_test_run(cpu, eret_fn, &elr));
    g_assert_cmpint(arm_current_el(env), ==, 0);
    g_assert_cmphex(env->pc, ==, 0x2004);
    g_assert_cmphex(env->xregs[31], ==, 0x8888);
    g_assert_cmphex(pstate_read(env), ==, PSTATE_C);
    arm_test_cpu_free(cpu);
}

/* With TCR_EL1.TBI0 the tag byte of ELR is dropped on return (the PC is
 * the sign extension of bit 55). */
static void test_eret_tbi(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;
    uint64_t elr = 0x5a00000000401000ull;

    arm_test_set_el(cpu, 1, true, true);
    env->spsr_el[1] = 0;
    env->sys.tcr_el[1] = 1ull << 37;
    g_assert_false(arm_test_run(cpu, eret_fn, &elr));
    g_assert_cmphex(env->pc, ==, 0x401000);
    arm_test_set_el(cpu, 1, true, true);
    env->sys.tcr_el[1] = 0;
    g_assert_false(arm_test_run(cpu, eret_fn, &elr));
    g_assert_cmphex(env->pc, ==, elr);
    arm_test_cpu_free(cpu);
}

/* Illegal returns: EL and SPSel kept, PSTATE.IL set, NZCV/DAIF from SPSR,
 * and the TB flags make the next instruction raise Illegal State. */
static void test_eret_illegal(void)
{
    static const uint32_t bad_modes[] = {
        0x9,        /* EL2h without EL2 */
        0xd,        /* EL3h without EL3 */
        0x1,        /* EL0 with SP_EL1 */
        0x6,        /* M[1] set */
        0x10,       /* AArch32 */
    };
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;

    for (size_t i = 0; i < ARRAY_SIZE(bad_modes); i++) {
        uint64_t elr = 0x3000 + i * 4;

        arm_test_set_el(cpu, 1, true, true);
        env->xregs[31] = 0x7700;
        env->spsr_el[1] = bad_modes[i] | PSTATE_N | PSTATE_I;
        g_assert_false(arm_test_run(cpu, eret_fn, &elr));
        g_assert_cmpint(arm_current_el(env), ==, 1);
        g_assert_true(env->pstate & PSTATE_SP);
        g_assert_true(env->pstate & PSTATE_IL);
        g_assert_cmphex(env->pstate & PSTATE_DAIF, ==, PSTATE_I);
        g_assert_true(pstate_read(env) & PSTATE_N);
        g_assert_cmphex(env->pc, ==, elr);
        g_assert_cmphex(env->xregs[31], ==, 0x7700);
        g_assert_true(env->hflags & TBFLAG_PSTATE_IL);
    }
    /* Taking an exception clears PSTATE.IL (and SPSR keeps it). */
    {
        RaiseArgs a = { EXCP_UDEF, syn_illegalstate(), 1 };
        g_assert_cmpint(arm_test_run_deliver(cpu, raise_fn, &a), ==, EXCP_UDEF);
        g_assert_false(env->pstate & PSTATE_IL);
        g_assert_true(env->spsr_el[1] & PSTATE_IL);
        g_assert_cmphex(env->sys.esr_el[1], ==, 0x3a000000);
    }
    arm_test_cpu_free(cpu);
}

/* EL2: returning to EL1 with HCR_EL2.TGE set is illegal; without it, a
 * return to EL1h is legal. */
static void test_eret_illegal_tge(void)
{
    ARMCPU *cpu = new_cpu("has-el2=on");
    CPUARMState *env = &cpu->env;
    uint64_t elr = 0x4000;

    g_assert_cmpint(arm_current_el(env), ==, 2);
    env->sys.hcr_el2 = HCR_RW | HCR_TGE;
    arm_test_set_el(cpu, 2, true, true);
    env->spsr_el[2] = 0x5;
    g_assert_false(arm_test_run(cpu, eret_fn, &elr));
    g_assert_cmpint(arm_current_el(env), ==, 2);
    g_assert_true(env->pstate & PSTATE_IL);

    env->sys.hcr_el2 = HCR_RW;
    arm_test_set_el(cpu, 2, true, true);
    env->pstate &= ~PSTATE_IL;
    g_assert_false(arm_test_run(cpu, eret_fn, &elr));
    g_assert_cmpint(arm_current_el(env), ==, 1);
    g_assert_false(env->pstate & PSTATE_IL);
    arm_test_cpu_free(cpu);
}

/* ---- Interrupt masking and routing ------------------------------------------ */

static void test_irq_masking_el1(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;
    CPUState *cs = CPU(cpu);

    arm_test_set_el(cpu, 1, true, true);
    cs->interrupt_request = CPU_INTERRUPT_HARD;
    g_assert_false(arm_cpu_exec_interrupt(cs, cs->interrupt_request));
    /* A masked interrupt still wakes WFI. */
    g_assert_true(CPU_GET_CLASS(cs)->has_work(cs));

    env->pstate &= ~PSTATE_I;
    env->pc = 0x100;
    g_assert_true(arm_cpu_exec_interrupt(cs, cs->interrupt_request));
    g_assert_cmphex(env->pc, ==, VBAR1 + 0x280);
    g_assert_true(env->pstate & PSTATE_I);

    /* FIQ is masked by F, not I. */
    arm_test_set_el(cpu, 1, true, true);
    env->pstate &= ~PSTATE_F;
    cs->interrupt_request = CPU_INTERRUPT_FIQ;
    g_assert_true(arm_cpu_exec_interrupt(cs, cs->interrupt_request));
    g_assert_cmphex(env->pc, ==, VBAR1 + 0x300);

    /* From EL0 with I clear: taken to EL1 through the lower-EL vector. */
    arm_test_set_el(cpu, 0, false, false);
    cs->interrupt_request = CPU_INTERRUPT_HARD;
    g_assert_true(arm_cpu_exec_interrupt(cs, cs->interrupt_request));
    g_assert_cmphex(env->pc, ==, VBAR1 + 0x480);
    g_assert_cmpint(arm_current_el(env), ==, 1);

    /* Virtual interrupts need EL2: ignored here. */
    arm_test_set_el(cpu, 1, true, false);
    cs->interrupt_request = CPU_INTERRUPT_VIRQ;
    g_assert_false(arm_cpu_exec_interrupt(cs, cs->interrupt_request));
    g_assert_false(CPU_GET_CLASS(cs)->has_work(cs));
    cs->interrupt_request = 0;
    arm_test_cpu_free(cpu);
}

static void test_irq_routing_el2(void)
{
    ARMCPU *cpu = new_cpu("has-el2=on");
    CPUARMState *env = &cpu->env;
    CPUState *cs = CPU(cpu);

    /* HCR_EL2.IMO: a physical IRQ at EL1 goes to EL2 even with I set. */
    env->sys.hcr_el2 = HCR_RW | HCR_IMO | HCR_FMO;
    arm_test_set_el(cpu, 1, true, true);
    cs->interrupt_request = CPU_INTERRUPT_HARD;
    g_assert_cmpint(arm_phys_irq_target_el(env, false), ==, 2);
    g_assert_true(arm_cpu_exec_interrupt(cs, cs->interrupt_request));
    g_assert_cmpint(arm_current_el(env), ==, 2);
    g_assert_cmphex(env->pc, ==, VBAR2 + 0x480);

    /* At EL2 the same interrupt is masked by PSTATE.I (same EL). */
    g_assert_false(arm_cpu_exec_interrupt(cs, cs->interrupt_request));
    /* ... and an IRQ routed to EL1 is never taken at EL2. */
    env->sys.hcr_el2 = HCR_RW;
    env->pstate &= ~PSTATE_DAIF;
    g_assert_false(arm_cpu_exec_interrupt(cs, cs->interrupt_request));

    /* HCR_EL2.VI with IMO: a virtual IRQ to EL1, masked by PSTATE.I. */
    env->sys.hcr_el2 = HCR_RW | HCR_IMO | HCR_VI;
    cs->interrupt_request = 0;
    arm_test_set_el(cpu, 1, true, true);
    g_assert_false(arm_cpu_exec_interrupt(cs, 0));
    g_assert_true(CPU_GET_CLASS(cs)->has_work(cs));
    env->pstate &= ~PSTATE_I;
    g_assert_true(arm_cpu_exec_interrupt(cs, 0));
    g_assert_cmpint(arm_current_el(env), ==, 1);
    g_assert_cmphex(env->pc, ==, VBAR1 + 0x280);

    /* The GIC's virtual IRQ line works the same way; not with TGE. */
    env->sys.hcr_el2 = HCR_RW | HCR_IMO | HCR_TGE;
    arm_test_set_el(cpu, 0, false, false);
    g_assert_false(arm_cpu_exec_interrupt(cs, CPU_INTERRUPT_VIRQ));

    /* HCR_EL2.VSE with AMO: a virtual SError, consumed when taken. */
    env->sys.hcr_el2 = HCR_RW | HCR_AMO | HCR_VSE;
    arm_test_set_el(cpu, 1, true, false);
    g_assert_true(arm_cpu_exec_interrupt(cs, 0));
    g_assert_cmphex(env->pc, ==, VBAR1 + 0x380);
    g_assert_cmphex(syn_get_ec(env->sys.esr_el[1]), ==, ARM_EC_SERROR);
    g_assert_false(env->sys.hcr_el2 & HCR_VSE);

    /* Host regime (E2H and TGE): at EL0 PSTATE.I masks IRQs to EL2. The
     * CPU has no FEAT_VHE, so E2H is written directly here. */
    env->sys.hcr_el2 = HCR_RW | HCR_TGE | HCR_E2H;
    arm_test_set_el(cpu, 0, false, true);
    g_assert_false(arm_cpu_exec_interrupt(cs, CPU_INTERRUPT_HARD));
    env->pstate &= ~PSTATE_I;
    g_assert_true(arm_cpu_exec_interrupt(cs, CPU_INTERRUPT_HARD));
    g_assert_cmpint(arm_current_el(env), ==, 2);
    cs->interrupt_request = 0;
    arm_test_cpu_free(cpu);
}

static void test_irq_routing_el3(void)
{
    ARMCPU *cpu = new_cpu("has-el2=on,has-el3=on");
    CPUARMState *env = &cpu->env;
    CPUState *cs = CPU(cpu);

    g_assert_cmpint(arm_current_el(env), ==, 3);
    env->sys.scr_el3 |= SCR_NS | SCR_FIQ;
    arm_test_set_el(cpu, 2, true, true);
    g_assert_cmpint(arm_phys_irq_target_el(env, true), ==, 3);
    g_assert_true(arm_cpu_exec_interrupt(cs, CPU_INTERRUPT_FIQ));
    g_assert_cmpint(arm_current_el(env), ==, 3);
    g_assert_cmphex(env->pc, ==, VBAR3 + 0x500);
    /* At EL3 with F set it is masked. */
    g_assert_false(arm_cpu_exec_interrupt(cs, CPU_INTERRUPT_FIQ));
    arm_test_cpu_free(cpu);
}

/* ---- HVC, SMC, WFI ------------------------------------------------------------ */

static void hvc_fn(ARMCPU *cpu, void *opaque)
{
    helper_hvc(&cpu->env, 0x77);
}

static void smc_fn(ARMCPU *cpu, void *opaque)
{
    helper_smc(&cpu->env, 0x5);
}

static void test_hvc_smc(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;

    /* No EL2: HVC is UNDEFINED, ELR = the HVC itself. */
    arm_test_set_el(cpu, 1, true, false);
    env->pc = 0x1004;
    g_assert_cmpint(arm_test_run_deliver(cpu, hvc_fn, NULL), ==, EXCP_UDEF);
    g_assert_cmphex(env->elr_el[1], ==, 0x1000);
    g_assert_cmphex(env->sys.esr_el[1], ==, 0x02000000);
    /* No EL3: SMC is UNDEFINED. */
    arm_test_set_el(cpu, 1, true, false);
    env->pc = 0x2004;
    g_assert_cmpint(arm_test_run_deliver(cpu, smc_fn, NULL), ==, EXCP_UDEF);
    g_assert_cmphex(env->elr_el[1], ==, 0x2000);
    arm_test_cpu_free(cpu);

    cpu = new_cpu("has-el2=on");
    env = &cpu->env;
    /* With EL2: HVC from EL1 goes to EL2, ELR = the next instruction. */
    env->sys.hcr_el2 = HCR_RW;
    arm_test_set_el(cpu, 1, true, false);
    env->pc = 0x3004;
    g_assert_cmpint(arm_test_run_deliver(cpu, hvc_fn, NULL), ==, EXCP_HVC);
    g_assert_cmpint(arm_current_el(env), ==, 2);
    g_assert_cmphex(env->elr_el[2], ==, 0x3004);
    g_assert_cmphex(env->sys.esr_el[2], ==, 0x5a000077);
    g_assert_cmphex(env->pc, ==, VBAR2 + 0x400);
    /* HCR_EL2.TSC traps SMC to EL2 with ELR = the SMC. */
    env->sys.hcr_el2 = HCR_RW | HCR_TSC;
    arm_test_set_el(cpu, 1, true, false);
    env->pc = 0x4004;
    g_assert_cmpint(arm_test_run_deliver(cpu, smc_fn, NULL), ==, EXCP_HYP_TRAP);
    g_assert_cmpint(arm_current_el(env), ==, 2);
    g_assert_cmphex(env->elr_el[2], ==, 0x4000);
    g_assert_cmphex(env->sys.esr_el[2], ==, 0x5e000005);
    arm_test_cpu_free(cpu);
}

static void wfi_fn(ARMCPU *cpu, void *opaque)
{
    helper_wfi(&cpu->env);
}

static void test_wfi(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;
    CPUState *cs = CPU(cpu);

    /* EL0 with SCTLR_EL1.nTWI = 0: trapped to EL1 (EC 0x01, TI = WFI). */
    env->sys.sctlr_el[1] &= ~SCTLR_nTWI;
    arm_test_set_el(cpu, 0, false, false);
    env->pc = 0x5004;
    g_assert_cmpint(arm_test_run_deliver(cpu, wfi_fn, NULL), ==, EXCP_UDEF);
    g_assert_cmphex(env->sys.esr_el[1], ==, 0x07e00000);
    g_assert_cmphex(env->elr_el[1], ==, 0x5000);
    /* At EL1 with nothing pending: halt. */
    env->pc = 0x6004;
    g_assert_true(arm_test_run(cpu, wfi_fn, NULL));
    g_assert_true(cs->halted);
    g_assert_cmpint(cs->exception_index, ==, EXCP_HLT);
    cs->halted = false;
    /* With an interrupt pending (even masked): a NOP. */
    cs->interrupt_request = CPU_INTERRUPT_HARD;
    g_assert_false(arm_test_run(cpu, wfi_fn, NULL));
    g_assert_false(cs->halted);
    cs->interrupt_request = 0;
    arm_test_cpu_free(cpu);
}

/* ---- Other exception sources ---------------------------------------------------- */

static void unaligned_fn(ARMCPU *cpu, void *opaque)
{
    arm_cpu_do_unaligned_access(CPU(cpu), 0x1001, MMU_DATA_STORE, ARM_MMU_E10_0, 0);
}

static void test_unaligned(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;

    arm_test_set_el(cpu, 0, false, false);
    env->pc = 0x7000;
    g_assert_cmpint(arm_test_run_deliver(cpu, unaligned_fn, NULL), ==, EXCP_DATA_ABORT);
    g_assert_cmphex(env->sys.far_el[1], ==, 0x1001);
    /* Lower-EL data abort, WnR, Alignment fault. */
    g_assert_cmphex(env->sys.esr_el[1], ==, 0x92000061);
    arm_test_cpu_free(cpu);
}

static void test_fp_trap_el(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;

    arm_test_set_el(cpu, 1, true, false);
    env->sys.cpacr_el1 = 0;
    g_assert_cmpint(arm_fp_exception_el(env), ==, 1);
    env->sys.cpacr_el1 = 1u << 20;          /* FPEN = 01: EL0 traps */
    g_assert_cmpint(arm_fp_exception_el(env), ==, 0);
    arm_test_set_el(cpu, 0, false, false);
    g_assert_cmpint(arm_fp_exception_el(env), ==, 1);
    g_assert_false(env->hflags & TBFLAG_FPEN);
    g_assert_cmpint((env->hflags >> TBFLAG_FPEXC_EL_SHIFT) & 3, ==, 1);
    env->sys.cpacr_el1 = 3u << 20;
    arm_rebuild_hflags(env);
    g_assert_true(env->hflags & TBFLAG_FPEN);
    arm_test_cpu_free(cpu);

    cpu = new_cpu("has-el2=on");
    env = &cpu->env;
    env->sys.cpacr_el1 = 3u << 20;
    env->sys.cptr_el[2] |= 1u << 10;        /* CPTR_EL2.TFP */
    arm_test_set_el(cpu, 1, true, false);
    g_assert_cmpint(arm_fp_exception_el(env), ==, 2);
    arm_test_cpu_free(cpu);
}

static void test_dump_state(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;
    GString *out = g_string_new(NULL);

    env->xregs[3] = 0x1122334455667788ull;
    pstate_write_nzcv(env, PSTATE_Z | PSTATE_C);
    env->vregs[2].d[1] = 0xabcdull;
    arm_cpu_dump_state(CPU(cpu), out, CPU_DUMP_FPU | CPU_DUMP_SYS);
    g_assert_nonnull(strstr(out->str, "X03=1122334455667788"));
    g_assert_nonnull(strstr(out->str, "-ZC- EL1h DAIF=DAIF"));
    g_assert_nonnull(strstr(out->str, "V02=000000000000abcd:0000000000000000"));
    g_assert_nonnull(strstr(out->str, "SCTLR_EL1"));
    g_assert_nonnull(strstr(out->str, "SP_EL1="));
    g_string_free(out, TRUE);
    arm_test_cpu_free(cpu);
}

/* GDB: register numbering, sizes, byte order, and the target XML. */
static void test_gdb(void)
{
    ARMCPU *cpu = new_cpu(NULL);
    CPUARMState *env = &cpu->env;
    CPUState *cs = CPU(cpu);
    CPUClass *cc = CPU_GET_CLASS(cs);
    GByteArray *buf = g_byte_array_new();
    uint8_t v[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
    const char *core = arm_gdb_get_xml("aarch64-core.xml");
    const char *fpu = arm_gdb_get_xml("aarch64-fpu.xml");

    env->xregs[30] = 0x0102030405060708ull;
    g_assert_cmpint(cc->gdb_read_register(cs, buf, 30), ==, 8);
    g_assert_cmphex(buf->data[0], ==, 0x08);
    g_assert_cmphex(buf->data[7], ==, 0x01);
    g_byte_array_set_size(buf, 0);
    g_assert_cmpint(cc->gdb_read_register(cs, buf, 33), ==, 4);
    g_assert_cmphex(buf->data[0], ==, 0xc5);                /* EL1h, DAIF */
    g_assert_cmpint(cc->gdb_write_register(cs, v, 32), ==, 8);
    g_assert_cmphex(env->pc, ==, 0x0807060504030201ull);
    g_assert_cmpint(cc->gdb_write_register(cs, v, 34 + 5), ==, 16);
    g_assert_cmphex(env->vregs[5].d[1], ==, 0x100f0e0d0c0b0a09ull);
    g_assert_cmpint(cc->gdb_num_core_regs, ==, 68);
    g_assert_cmpstr(cc->gdb_core_xml, ==, "aarch64-core.xml");
    g_assert_nonnull(core);
    g_assert_nonnull(strstr(core, "org.gnu.gdb.aarch64.core"));
    g_assert_nonnull(strstr(core, "<reg name=\"cpsr\" bitsize=\"32\""));
    g_assert_nonnull(fpu);
    g_assert_nonnull(strstr(fpu, "<reg name=\"v31\" bitsize=\"128\" type=\"aarch64v\" regnum=\"65\"/>"));
    g_assert_null(arm_gdb_get_xml("nope.xml"));
    g_byte_array_free(buf, TRUE);
    arm_test_cpu_free(cpu);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm/exception/entry-from-el0", test_entry_from_el0);
    g_test_add_func("/arm/exception/entry-sets-pan", test_entry_sets_pan);
    g_test_add_func("/arm/exception/entry-same-el", test_entry_same_el);
    g_test_add_func("/arm/exception/entry-pc-align", test_entry_pc_align);
    g_test_add_func("/arm/exception/entry-irq-sp0", test_entry_irq_sp0);
    g_test_add_func("/arm/exception/eret-to-el0", test_eret_to_el0);
    g_test_add_func("/arm/exception/roundtrip", test_entry_eret_roundtrip);
    g_test_add_func("/arm/exception/eret-tbi", test_eret_tbi);
    g_test_add_func("/arm/exception/eret-illegal", test_eret_illegal);
    g_test_add_func("/arm/exception/eret-illegal-tge", test_eret_illegal_tge);
    g_test_add_func("/arm/interrupt/masking-el1", test_irq_masking_el1);
    g_test_add_func("/arm/interrupt/routing-el2", test_irq_routing_el2);
    g_test_add_func("/arm/interrupt/routing-el3", test_irq_routing_el3);
    g_test_add_func("/arm/exception/hvc-smc", test_hvc_smc);
    g_test_add_func("/arm/exception/wfi", test_wfi);
    g_test_add_func("/arm/exception/unaligned", test_unaligned);
    g_test_add_func("/arm/exception/fp-trap-el", test_fp_trap_el);
    g_test_add_func("/arm/cpu/dump-state", test_dump_state);
    g_test_add_func("/arm/cpu/gdb", test_gdb);
    return g_test_run();
}
