/*
 * gdbstub.h — the GDB remote protocol server (-s, -gdb DEV) and the
 * debug facilities of CPUs it uses: breakpoints, watchpoints, single step.
 *
 * Breakpoints are guest virtual addresses on a CPU; the execution engine
 * checks them when it looks up a block and stops the VM with EXCP_DEBUG.
 * Watchpoints make the TLB send accesses to their pages through the slow
 * path (TLB_WATCHPOINT), where the engine checks them.
 */
#ifndef TURTLE_EXEC_GDBSTUB_H
#define TURTLE_EXEC_GDBSTUB_H

#include "hw/core/cpu.h"

enum {
    BP_MEM_READ = 1,
    BP_MEM_WRITE = 2,
    BP_MEM_ACCESS = BP_MEM_READ | BP_MEM_WRITE,
};

typedef struct CPUWatchpoint {
    vaddr addr;
    vaddr len;
    int flags;                  /* BP_MEM_* */
} CPUWatchpoint;

/* Why the VM last stopped for the debugger (set by the engine). */
typedef struct CPUDebugStop {
    bool watchpoint_hit;
    vaddr watch_addr;
    int watch_flags;
} CPUDebugStop;

void cpu_breakpoint_insert(CPUState *cpu, vaddr pc);
bool cpu_breakpoint_remove(CPUState *cpu, vaddr pc);
bool cpu_breakpoint_test(CPUState *cpu, vaddr pc);
void cpu_breakpoint_remove_all(CPUState *cpu);
bool cpu_watchpoint_insert(CPUState *cpu, vaddr addr, vaddr len, int flags);
bool cpu_watchpoint_remove(CPUState *cpu, vaddr addr, vaddr len, int flags);
void cpu_watchpoint_remove_all(CPUState *cpu);
/* The first watchpoint of cpu overlapping [addr, addr+len) with a flag of
 * flags, or NULL. */
CPUWatchpoint *cpu_watchpoint_find(CPUState *cpu, vaddr addr, vaddr len, int flags);
/* Records a watchpoint hit for the stop reply (the engine calls it before
 * stopping with EXCP_DEBUG). */
void cpu_debug_set_watch_hit(CPUState *cpu, vaddr addr, int flags);
bool cpu_debug_take_watch_hit(CPUState *cpu, vaddr *addr, int *flags);

/* Starts the server on a chardev spec ("tcp::1234", "unix:/tmp/g,server").
 * With -S the VM waits for gdb's "c". */
bool gdbserver_start(const char *spec, GError **errp);

#endif
