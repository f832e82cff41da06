/*
 * arm-test.c — harness and stubs for the arm64 CPU model unit tests (see
 * arm-test.h).
 *
 * The CPU model is linked without the execution engine, the translator or
 * the MMU: the few functions it calls there are stubbed below. The stub
 * of cpu_loop_exit() unwinds to arm_test_run() the way the engine unwinds
 * to its CPU loop.
 */
#include "arm-test.h"
#include "util/error.h"
#include "exec/cpu-exec.h"
#include "accel/tcg/tcg-accel.h"
#include "target/arm/mmu.h"

ArmTestStubs arm_test_stubs;

void arm_test_stub_reset(void)
{
    memset(&arm_test_stubs, 0, sizeof(arm_test_stubs));
}

/* ---- Stubs: execution engine ------------------------------------------------ */

void cpu_loop_exit(CPUState *cpu)
{
    siglongjmp(cpu->jmp_env, 1);
}

void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr)
{
    /* Helpers in these tests are called with exact state. */
    cpu_loop_exit(cpu);
}

void cpu_loop_exit_exception(CPUState *cpu, int excp, uintptr_t retaddr)
{
    cpu->exception_index = excp;
    cpu_loop_exit(cpu);
}

void tlb_flush(CPUState *cpu)
{
    arm_test_stubs.tlb_flushes++;
}

void tcg_set_code_mmu_index_fn(int (*fn)(CPUState *cpu))
{
}

/* ---- Stubs: translator and MMU ---------------------------------------------------- */

void a64_translate_init(void)
{
}

void arm_translate_code(CPUState *cpu, TranslationBlock *tb, int max_insns)
{
    g_assert_not_reached();
}

void a64_restore_state_to_opc(CPUState *cpu, const TranslationBlock *tb,
                              const uint64_t *data)
{
    ((CPUARMState *)cpu->env_ptr)->pc = data[0];
}

bool arm_cpu_tlb_fill(CPUState *cs, vaddr addr, int size, MMUAccessType access_type,
                      int mmu_idx, bool probe, uintptr_t retaddr)
{
    g_assert_not_reached();
}

hwaddr arm_cpu_get_phys_page_debug(CPUState *cs, vaddr addr)
{
    return addr;
}

void arm_mmu_register_sysregs(ARMCPU *cpu)
{
    arm_test_stubs.mmu_rows_registered++;
}

void arm_mmu_regime_changed(CPUARMState *env, int el)
{
    g_assert(el >= 1 && el <= 3);
    arm_test_stubs.regime_changed[el]++;
}

void arm_mmu_ttbr_changed(CPUARMState *env, int el, bool ttbr1, uint64_t old,
                          uint64_t new)
{
    g_assert(el >= 1 && el <= 3);
    g_assert(old != new);
    arm_test_stubs.ttbr_changed[el]++;
    arm_test_stubs.ttbr1 = ttbr1;
}

void arm_mmu_stage2_changed(CPUARMState *env)
{
    arm_test_stubs.stage2_changed++;
}

void arm_mmu_hcr_changed(CPUARMState *env, uint64_t old_hcr)
{
    arm_test_stubs.hcr_changed++;
}

void arm_mmu_scr_changed(CPUARMState *env, uint64_t old_scr)
{
    arm_test_stubs.scr_changed++;
}

/* ---- Stubs: run state ---------------------------------------------------------- */

void system_shutdown_request(ShutdownCause cause)
{
    arm_test_stubs.shutdown = cause;
}

void system_reset_request(ShutdownCause cause)
{
    arm_test_stubs.reset = cause;
}

void system_set_exit_status(int status)
{
    arm_test_stubs.exit_status = status;
}

/* ---- CPUs ---------------------------------------------------------------------------- */

ARMCPU *arm_test_cpu_new_full(const char *model, const char *opts, uint64_t aff,
                              void (*adjust)(ARMCPU *cpu), GError **errp)
{
    g_autofree char *type = g_strconcat(model, ARM_CPU_TYPE_SUFFIX, NULL);
    Object *obj = object_new(type);
    ARMCPU *cpu = ARM_CPU(obj);

    CPU(cpu)->mp_affinity = aff;
    if (opts && !object_set_props_from_opts(obj, opts, NULL, errp)) {
        object_unref(obj);
        return NULL;
    }
    if (adjust) {
        adjust(cpu);
    }
    if (!device_realize(DEVICE(cpu), errp)) {
        object_unref(obj);
        return NULL;
    }
    device_reset(DEVICE(cpu));
    return cpu;
}

ARMCPU *arm_test_cpu_new(const char *model, const char *opts, uint64_t aff)
{
    GError *err = NULL;
    ARMCPU *cpu = arm_test_cpu_new_full(model, opts, aff, NULL, &err);

    g_assert_no_error(err);
    g_assert_nonnull(cpu);
    return cpu;
}

void arm_test_cpu_free(ARMCPU *cpu)
{
    object_unref(OBJECT(cpu));
}

void arm_test_set_el(ARMCPU *cpu, int el, bool spx, bool masked)
{
    CPUARMState *env = &cpu->env;

    arm_sp_save(env);
    env->pstate = (env->pstate & ~(PSTATE_EL | PSTATE_SP | PSTATE_DAIF)) |
                  ((uint32_t)el << PSTATE_EL_SHIFT) | (spx ? PSTATE_SP : 0) |
                  (masked ? PSTATE_DAIF : 0);
    arm_sp_restore(env);
    arm_rebuild_hflags(env);
}

bool arm_test_run(ARMCPU *cpu, ArmTestFn *fn, void *opaque)
{
    CPUState *cs = CPU(cpu);

    cs->exception_index = -1;
    if (sigsetjmp(cs->jmp_env, 0) == 0) {
        fn(cpu, opaque);
        return false;
    }
    return true;
}

int arm_test_run_deliver(ARMCPU *cpu, ArmTestFn *fn, void *opaque)
{
    CPUState *cs = CPU(cpu);
    int excp;

    if (!arm_test_run(cpu, fn, opaque)) {
        return -1;
    }
    excp = cs->exception_index;
    if (excp >= 0 && excp < 0x10000) {
        arm_cpu_do_interrupt(cs);
    }
    return excp;
}

uint32_t arm_test_syn(uint32_t key, bool isread)
{
    return syn_sysreg_from_key(key, 5, isread);
}

void arm_test_mrs_fn(ARMCPU *cpu, void *opaque)
{
    ArmTestAccess *a = opaque;
    const ARMSysReg *r = arm_sysreg_find(cpu, a->key);

    a->value = helper_sysreg_read(&cpu->env, r, syn_sysreg_from_key(a->key, a->rt, true));
}

void arm_test_msr_fn(ARMCPU *cpu, void *opaque)
{
    ArmTestAccess *a = opaque;
    const ARMSysReg *r = arm_sysreg_find(cpu, a->key);

    helper_sysreg_write(&cpu->env, r, a->value, syn_sysreg_from_key(a->key, a->rt, false));
}

int arm_test_mrs(ARMCPU *cpu, uint32_t key, uint64_t *value)
{
    ArmTestAccess a = { .key = key, .rt = 5 };

    g_assert_nonnull(arm_sysreg_find(cpu, key));
    if (arm_test_run(cpu, arm_test_mrs_fn, &a)) {
        return CPU(cpu)->exception_index;
    }
    if (value) {
        *value = a.value;
    }
    return -1;
}

int arm_test_msr(ARMCPU *cpu, uint32_t key, uint64_t value)
{
    ArmTestAccess a = { .key = key, .rt = 5, .value = value };

    g_assert_nonnull(arm_sysreg_find(cpu, key));
    if (arm_test_run(cpu, arm_test_msr_fn, &a)) {
        return CPU(cpu)->exception_index;
    }
    return -1;
}
