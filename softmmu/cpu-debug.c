/*
 * cpu-debug.c — breakpoints and watchpoints of a CPU (exec/gdbstub.h).
 *
 * The lists are small (a debugger sets a handful), so they are plain arrays
 * searched linearly. A change flushes the CPU's translations and TLB, so
 * that blocks are re-translated with the breakpoint check and pages with a
 * watchpoint get the slow-path flag.
 */
#include "util/osdep.h"
#include "exec/cpu-exec.h"
#include "exec/gdbstub.h"

static void cpu_debug_changed(CPUState *cpu)
{
    tb_flush(cpu);
    tlb_flush(cpu);
}

void cpu_breakpoint_insert(CPUState *cpu, vaddr pc)
{
    if (!cpu->breakpoints) {
        cpu->breakpoints = g_array_new(false, false, sizeof(vaddr));
    }
    if (cpu_breakpoint_test(cpu, pc)) {
        return;
    }
    g_array_append_val(cpu->breakpoints, pc);
    cpu_debug_changed(cpu);
}

bool cpu_breakpoint_test(CPUState *cpu, vaddr pc)
{
    for (guint i = 0; cpu->breakpoints && i < cpu->breakpoints->len; i++) {
        if (g_array_index(cpu->breakpoints, vaddr, i) == pc) {
            return true;
        }
    }
    return false;
}

bool cpu_breakpoint_remove(CPUState *cpu, vaddr pc)
{
    for (guint i = 0; cpu->breakpoints && i < cpu->breakpoints->len; i++) {
        if (g_array_index(cpu->breakpoints, vaddr, i) == pc) {
            g_array_remove_index_fast(cpu->breakpoints, i);
            cpu_debug_changed(cpu);
            return true;
        }
    }
    return false;
}

void cpu_breakpoint_remove_all(CPUState *cpu)
{
    if (cpu->breakpoints && cpu->breakpoints->len) {
        g_array_set_size(cpu->breakpoints, 0);
        cpu_debug_changed(cpu);
    }
}

bool cpu_watchpoint_insert(CPUState *cpu, vaddr addr, vaddr len, int flags)
{
    CPUWatchpoint wp = { addr, len, flags };

    if (len == 0 || addr + len - 1 < addr || !(flags & BP_MEM_ACCESS)) {
        return false;
    }
    if (!cpu->watchpoints) {
        cpu->watchpoints = g_array_new(false, false, sizeof(CPUWatchpoint));
    }
    g_array_append_val(cpu->watchpoints, wp);
    tlb_flush(cpu);
    return true;
}

bool cpu_watchpoint_remove(CPUState *cpu, vaddr addr, vaddr len, int flags)
{
    for (guint i = 0; cpu->watchpoints && i < cpu->watchpoints->len; i++) {
        CPUWatchpoint *wp = &g_array_index(cpu->watchpoints, CPUWatchpoint, i);
        if (wp->addr == addr && wp->len == len && wp->flags == flags) {
            g_array_remove_index_fast(cpu->watchpoints, i);
            tlb_flush(cpu);
            return true;
        }
    }
    return false;
}

void cpu_watchpoint_remove_all(CPUState *cpu)
{
    if (cpu->watchpoints && cpu->watchpoints->len) {
        g_array_set_size(cpu->watchpoints, 0);
        tlb_flush(cpu);
    }
}

CPUWatchpoint *cpu_watchpoint_find(CPUState *cpu, vaddr addr, vaddr len, int flags)
{
    for (guint i = 0; cpu->watchpoints && i < cpu->watchpoints->len; i++) {
        CPUWatchpoint *wp = &g_array_index(cpu->watchpoints, CPUWatchpoint, i);
        if ((wp->flags & flags) && addr <= wp->addr + wp->len - 1 &&
            wp->addr <= addr + len - 1) {
            return wp;
        }
    }
    return NULL;
}

/* One pending hit per CPU, kept beside the CPU (the debugger is rare). */
static GHashTable *watch_hits;

typedef struct WatchHit {
    vaddr addr;
    int flags;
} WatchHit;

void cpu_debug_set_watch_hit(CPUState *cpu, vaddr addr, int flags)
{
    WatchHit *hit = g_new(WatchHit, 1);

    if (!watch_hits) {
        watch_hits = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    }
    hit->addr = addr;
    hit->flags = flags;
    g_hash_table_replace(watch_hits, cpu, hit);
}

bool cpu_debug_take_watch_hit(CPUState *cpu, vaddr *addr, int *flags)
{
    WatchHit *hit = watch_hits ? g_hash_table_lookup(watch_hits, cpu) : NULL;

    if (!hit) {
        return false;
    }
    *addr = hit->addr;
    *flags = hit->flags;
    g_hash_table_remove(watch_hits, cpu);
    return true;
}
