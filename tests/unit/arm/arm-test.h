/*
 * arm-test.h — the harness of the arm64 CPU model unit tests: creating
 * CPUs directly (no board, no execution engine), running a helper that
 * may leave through cpu_loop_exit(), and the stubs' records of what the
 * CPU model asked of the engine, the MMU and the run state.
 */
#ifndef TURTLE_TESTS_UNIT_ARM_TEST_H
#define TURTLE_TESTS_UNIT_ARM_TEST_H

#include "util/osdep.h"
#include "hw/qdev.h"
#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "target/arm/sysreg.h"
#include "target/arm/syndrome.h"
#include "sysemu/runstate.h"
#include "sysemu/cpus.h"

/* What the stubs saw (reset by arm_test_stub_reset). */
typedef struct ArmTestStubs {
    int tlb_flushes;                    /* tlb_flush */
    int regime_changed[4];              /* arm_mmu_regime_changed(el) */
    int ttbr_changed[4];                /* arm_mmu_ttbr_changed(el) */
    bool ttbr1;                         /*   the last one's ttbr1 */
    int stage2_changed;
    int hcr_changed;
    int scr_changed;
    int mmu_rows_registered;            /* arm_mmu_register_sysregs */
    ShutdownCause shutdown;             /* system_shutdown_request */
    ShutdownCause reset;                /* system_reset_request */
    int exit_status;
} ArmTestStubs;
extern ArmTestStubs arm_test_stubs;
void arm_test_stub_reset(void);

/*
 * A realized and reset CPU "<model>-arm-cpu" with properties opts
 * ("has-el2=on,psci-conduit=hvc", or NULL), MPIDR affinity aff.
 */
ARMCPU *arm_test_cpu_new(const char *model, const char *opts, uint64_t aff);
/* As arm_test_cpu_new, but before realize calls adjust(cpu) (to change
 * ID registers); NULL if realize fails (the error in *errp). */
ARMCPU *arm_test_cpu_new_full(const char *model, const char *opts, uint64_t aff,
                              void (*adjust)(ARMCPU *cpu), GError **errp);
void arm_test_cpu_free(ARMCPU *cpu);

/* Sets the EL and SPSel (with the SP banking), DAIF cleared or masked. */
void arm_test_set_el(ARMCPU *cpu, int el, bool spx, bool masked);

/* Runs fn(cpu, opaque) as generated code would call a helper. Returns
 * true if it left through cpu_loop_exit (cs->exception_index then says
 * why), false if it returned. */
typedef void ArmTestFn(ARMCPU *cpu, void *opaque);
bool arm_test_run(ARMCPU *cpu, ArmTestFn *fn, void *opaque);
/* As arm_test_run, then delivers the architectural exception raised (as
 * the CPU loop does). Returns the EXCP_* raised, or -1 if none. */
int arm_test_run_deliver(ARMCPU *cpu, ArmTestFn *fn, void *opaque);

/* System register access as MRS/MSR generated code would do it, at the
 * CPU's current EL: key from ARM_SYSREG_KEY, rt the register number. */
typedef struct ArmTestAccess {
    uint32_t key;
    int rt;
    uint64_t value;                     /* write: in; read: out */
} ArmTestAccess;
void arm_test_mrs_fn(ARMCPU *cpu, void *opaque);
void arm_test_msr_fn(ARMCPU *cpu, void *opaque);
/* Reads/writes through the helpers; returns the exception number raised
 * (-1 if none); the exception is left pending in env->exception. */
int arm_test_mrs(ARMCPU *cpu, uint32_t key, uint64_t *value);
int arm_test_msr(ARMCPU *cpu, uint32_t key, uint64_t value);
/* The syndrome the translator passes for MRS/MSR of key with rt = 5. */
uint32_t arm_test_syn(uint32_t key, bool isread);

#endif
