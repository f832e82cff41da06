/*
 * cpus.h — running the vCPUs: the execution engine interface and the
 * round-robin scheduler of the main loop.
 *
 * All vCPUs run on the main thread, one time slice each in turn (an
 * instruction budget, so runs are deterministic), with main_loop_wait()
 * between rounds for devices, timers and the monitor. An execution engine
 * (accel/tcg) registers AccelOps; the scheduler knows nothing else of it.
 */
#ifndef TURTLE_SYSEMU_CPUS_H
#define TURTLE_SYSEMU_CPUS_H

#include "hw/core/cpu.h"

/* Why vcpu_exec returned (values above every architectural exception). */
enum {
    EXCP_INTERRUPT = 0x10000,   /* exit requested: interrupt, kick, stop */
    EXCP_HLT       = 0x10001,   /* the CPU halted (WFI, HLT) */
    EXCP_DEBUG     = 0x10002,   /* breakpoint, watchpoint or single step */
    EXCP_YIELD     = 0x10003,   /* time slice used up */
    EXCP_HALTED    = 0x10004,   /* the CPU is off or halted and has no work */
};

typedef struct AccelOps {
    const char *name;
    /* Per-vCPU set-up (TLB, jump cache); called once at machine start. */
    bool (*vcpu_init)(CPUState *cpu, GError **errp);
    /* Runs cpu for at most budget instructions; returns an EXCP_* code. */
    int (*vcpu_exec)(CPUState *cpu, int64_t budget);
    /* Statistics for "info jit" and friends may be registered by the engine
     * itself through hmp_register_info. */
} AccelOps;

void accel_register(const AccelOps *ops);
const AccelOps *accel_get(void);

/* Most instructions per time slice under -icount (without it, slices end
 * by host time: sysemu/slice-timer.h). */
#define CPUS_SLICE_INSNS 100000

/* Initializes every CPU of cpu_list with the engine. */
bool cpus_init(GError **errp);
/* Runs until a shutdown request; returns the process exit status. */
int cpus_main_loop(void);
/* Called by the gdbstub or a breakpoint: stop everything (RUN_STATE_DEBUG). */
void cpus_debug_stop(CPUState *cpu);
/* The CPU that triggered the last debug stop (or NULL). */
CPUState *cpus_debug_cpu(void);

#endif
