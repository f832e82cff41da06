/*
 * cpu-exec.c — the CPU loop: runs one vCPU for a budget of guest
 * instructions (AccelOps.vcpu_exec) by finding or translating the block
 * for the current state, chaining it to the block that led there, and
 * entering generated code; between blocks it delivers exceptions, takes
 * interrupts and stops for the debugger.
 *
 * Unwinding. A helper or slow path that raises an exception restores the
 * guest state of its instruction and siglongjmps to cpu->jmp_env, set by
 * vcpu_exec; the loop then delivers cpu->exception_index through the
 * target's do_interrupt. Values of EXCP_INTERRUPT and above are not
 * architectural: they end vcpu_exec and are returned (EXCP_HLT when the CPU
 * halts, EXCP_DEBUG...).
 *
 * Exits from generated code (the value exit_tb returns, see internal.h):
 *   block | 0, block | 1   the block left through an unpatched goto_tb:
 *                          chain it to the next block we find;
 *   block | REQUESTED      cpu->exit_request was set at its entry: look at
 *                          interrupt_request, return EXCP_INTERRUPT if
 *                          nothing was taken (the scheduler wants us back);
 *   block | BUDGET         the block has more instructions than the budget
 *                          left: return EXCP_YIELD; with icount, first run
 *                          a block cut to exactly the instructions left;
 *   0                      nothing to chain (indirect jump miss, a target's
 *                          exit to the loop).
 *
 * Budget. Generated code charges each block's instruction count at its
 * entry (translator.c); an exception in the middle gives back the
 * instructions that did not run when icount is on (translate-all.c). The
 * count executed is added to cpu->insns_executed and, with icount, to the
 * virtual clock.
 *
 * Debug. A breakpoint address stops the loop before the block at it
 * (EXCP_DEBUG); resuming at that address runs it. A watchpoint stops after
 * the instruction that made the access (cputlb.c). Breakpoints change the
 * translation (blocks end before them), so a change of the list flushes
 * every block. Single step runs one-instruction blocks and returns
 * EXCP_DEBUG after each. While either is active, and with -d exec or
 * -d cpu (which trace every block), no block is chained, so that every
 * block comes back to the loop.
 */
#include "util/osdep.h"
#include "util/log.h"
#include "util/timer.h"
#include "sysemu/cpus.h"
#include "accel/tcg/internal.h"

/* ---- Policy ----------------------------------------------------------- */

uint32_t tcg_curr_cflags(CPUState *cpu)
{
    /* Single step is the only source besides -icount; chaining is not
     * allowed with it, so chained dispatch always finds TB_CFLAGS_CHAINED
     * (plus CF_ICOUNT under -icount). */
    return (cpu->singlestep ? CF_SINGLE_STEP : TB_CFLAGS_CHAINED) |
           (icount_enabled() ? CF_ICOUNT : 0);
}

static bool has_breakpoints(CPUState *cpu)
{
    return cpu->breakpoints && cpu->breakpoints->len > 0;
}

static bool breakpoint_at(CPUState *cpu, vaddr pc)
{
    for (guint i = 0; has_breakpoints(cpu) && i < cpu->breakpoints->len; i++) {
        if (g_array_index(cpu->breakpoints, vaddr, i) == pc) {
            return true;
        }
    }
    return false;
}

/* Whether blocks may jump to each other without coming back to the loop. */
static bool chaining_allowed(CPUState *cpu)
{
    return !cpu->singlestep && !has_breakpoints(cpu) &&
           accel_cpu(cpu)->watch_state == WATCH_NONE &&
           !log_enabled(LOG_EXEC | LOG_CPU);
}

/* ---- goto_ptr ----------------------------------------------------------- */

uintptr_t helper_lookup_tb_ptr(void *env)
{
    CPUState *cpu = env_cpu(env);
    AccelCPUState *a = accel_cpu(cpu);
    vaddr pc;
    uint64_t cs_base;
    uint32_t flags, cflags;
    TBJmpCacheEntry *jc;
    TBlock *tb;

    if (!chaining_allowed(cpu) || a->cflags_next != (uint32_t)-1) {
        a->ptr_misses++;
        return tcg_engine.prologue.ret0;
    }
    a->ops->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
    cflags = tcg_curr_cflags(cpu);
    /* The hit path reads the jump cache entry only, not the block. */
    jc = tb_jc_find(a, pc, cs_base, flags, cflags);
    if (likely(jc)) {
        a->ptr_dispatches++;
        return (uintptr_t)jc->code;
    }
    tb = tb_lookup_slow(cpu, pc, cs_base, flags, cflags);
    if (!tb) {
        a->ptr_misses++;
        return tcg_engine.prologue.ret0;
    }
    a->ptr_dispatches++;
    return (uintptr_t)tb->ci.code;
}

const TCGHelperInfo helper_lookup_tb_ptr_info = {
    .func = (void *)helper_lookup_tb_ptr,
    .name = "lookup_tb_ptr",
    /* Reads the guest pc (globals synced), writes none, no side effect. */
    .flags = TCG_CALL_NO_WG_SE,
    .has_ret = true,
    .ret_type = TCG_TYPE_PTR,
    .nb_args = 1,
    .arg_types = { TCG_TYPE_PTR },
};

/* ---- Helpers of the loop ----------------------------------------------- */

static void sync_pc_from_tb(CPUState *cpu, TBlock *tb)
{
    AccelCPUState *a = accel_cpu(cpu);
    CPUClass *cc = CPU_GET_CLASS(cpu);

    if (a->ops->synchronize_from_tb) {
        a->ops->synchronize_from_tb(cpu, &tb->base);
    } else if (cc->set_pc) {
        cc->set_pc(cpu, tb->base.pc);
    }
}

/* The breakpoint list is not what the cached code was made for: flush. */
static void check_breakpoint_changes(CPUState *cpu)
{
    AccelCPUState *a = accel_cpu(cpu);
    GArray *bps = cpu->breakpoints;
    guint n = bps ? bps->len : 0;

    if (n == a->bp_snapshot->len &&
        (n == 0 || !memcmp(bps->data, a->bp_snapshot->data, n * sizeof(vaddr)))) {
        return;
    }
    g_array_set_size(a->bp_snapshot, 0);
    if (n) {
        g_array_append_vals(a->bp_snapshot, bps->data, n);
    }
    tb_flush_all();
}

/*
 * Exit requests and interrupts, between blocks. Returns an EXCP_* code to
 * leave vcpu_exec with, or -1 to go on.
 */
static int check_interrupts(CPUState *cpu)
{
    AccelCPUState *a = accel_cpu(cpu);
    bool exit_req = false, taken = false;
    uint32_t irq;

    if (__atomic_load_n(&cpu->exit_request, __ATOMIC_RELAXED)) {
        /* Clear before reading interrupt_request: cpu_interrupt sets the
         * request first, then exit_request. */
        __atomic_store_n(&cpu->exit_request, 0, __ATOMIC_SEQ_CST);
        exit_req = true;
        a->last_tb = NULL;
    }
    irq = __atomic_load_n(&cpu->interrupt_request, __ATOMIC_SEQ_CST);
    if (irq & CPU_INTERRUPT_EXITTB) {
        cpu_reset_interrupt(cpu, CPU_INTERRUPT_EXITTB);
        irq &= ~(uint32_t)CPU_INTERRUPT_EXITTB;
        a->last_tb = NULL;
    }
    if (irq && a->ops->cpu_exec_interrupt && a->ops->cpu_exec_interrupt(cpu, irq)) {
        log_mask_printf(LOG_INT, "cpu%d: interrupt taken (request 0x%x)\n",
                        cpu->cpu_index, irq);
        cpu->halted = false;
        a->last_tb = NULL;
        taken = true;
    }
    if (cpu->stop_request) {
        return EXCP_INTERRUPT;
    }
    /* An exit request only to deliver an interrupt goes on with its
     * handler; one that ends the time slice returns in any case. */
    if (exit_req && (!taken ||
                     __atomic_exchange_n(&cpu->end_slice_request, 0, __ATOMIC_SEQ_CST))) {
        return EXCP_INTERRUPT;
    }
    return -1;
}

static void log_block(CPUState *cpu, TBlock *tb)
{
    if (log_enabled(LOG_CPU)) {
        CPUClass *cc = CPU_GET_CLASS(cpu);

        if (cc->dump_state) {
            GString *out = g_string_new(NULL);
            cc->dump_state(cpu, out, 0);
            log_printf("%s", out->str);
            g_string_free(out, TRUE);
        }
    }
    if (log_enabled(LOG_EXEC)) {
        log_printf("Trace %d: %p [%016" PRIx64 "/%08x/%08x] %s\n",
                   cpu->cpu_index, tb->ci.code, (uint64_t)tb->base.pc,
                   tb->base.flags, tb->base.cflags,
                   tb->uncached ? "(one-shot)" : "");
    }
}

/* ---- The loop ------------------------------------------------------------ */

/* Host-time bound of a slice, checked only on slow paths (see
 * AccelCPUState.slow_deadline_ns). */
#define SLICE_MAX_HOST_NS (20 * 1000 * 1000)

static bool slice_overdue(AccelCPUState *a)
{
    return a->slow_deadline_ns && clock_get_ns(CLOCK_RT) > a->slow_deadline_ns;
}

static int cpu_exec_loop(CPUState *cpu)
{
    AccelCPUState *a = accel_cpu(cpu);
    const TCGCPUOps *ops = a->ops;

    for (;;) {
        vaddr pc;
        uint64_t cs_base;
        uint32_t flags, cflags;
        uintptr_t ret;
        TBlock *tb, *last;
        int idx, r;
        bool chain;

        if (tcg_engine.flush_pending) {
            tb_flush_all();
        }
        tlb_run_pending_work(cpu);

        if (cpu->exception_index >= 0) {
            int excp = cpu->exception_index;

            if (excp >= EXCP_INTERRUPT) {
                cpu->exception_index = -1;
                return excp;
            }
            log_mask_printf(LOG_INT, "cpu%d: exception %d\n", cpu->cpu_index, excp);
            if (ops->do_interrupt) {
                ops->do_interrupt(cpu);
            }
            cpu->exception_index = -1;
            a->last_tb = NULL;
            if (slice_overdue(a)) {
                return EXCP_YIELD;
            }
            if (a->watch_state == WATCH_STEPPING) {
                /* The watched instruction faulted: it did not happen. */
                a->watch_state = WATCH_NONE;
            }
            if (cpu->singlestep) {
                return EXCP_DEBUG;      /* stop on the handler's first insn */
            }
            continue;
        }
        if (a->watch_state == WATCH_REPORT) {
            tlb_watch_report(cpu);
            return EXCP_DEBUG;
        }
        r = check_interrupts(cpu);
        if (r >= 0) {
            return r;
        }
        if (cpu->halted) {
            return EXCP_HLT;
        }
        if (icount_enabled() && a->budget_left <= 0) {
            return EXCP_YIELD;
        }

        ops->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
        if (has_breakpoints(cpu)) {
            if (a->bp_skip && a->bp_skip_pc == pc) {
                a->bp_skip = false;     /* resuming at the breakpoint */
            } else if (breakpoint_at(cpu, pc)) {
                a->bp_skip = true;
                a->bp_skip_pc = pc;
                return EXCP_DEBUG;
            }
        }
        cflags = tcg_curr_cflags(cpu);
        if (a->cflags_next != (uint32_t)-1) {
            cflags = a->cflags_next;
            a->cflags_next = (uint32_t)-1;
        }

        tb = tb_lookup(cpu, pc, cs_base, flags, cflags);
        if (!tb) {
            if (slice_overdue(a)) {
                return EXCP_YIELD;
            }
            tb = tb_gen_code(cpu, pc, cs_base, flags, cflags);
            if (!tb->uncached) {
                tb_jc_set(cpu, tb, tb->code_tagged);
            }
        }
        chain = chaining_allowed(cpu);
        if (a->last_tb && a->last_gen == tcg_engine.flush_gen && chain) {
            tb_add_jump(a->last_tb, a->last_idx, tb);
        }
        a->last_tb = NULL;
        /* The inline goto_ptr probes follow the same rule as chaining.
         * What chaining_allowed reads changes only here, between blocks
         * (debugger, logging), or makes the block exit at its next entry
         * (a watchpoint report sets exit_request). */
        a->ptr_gen = chain ? a->jc_gen : 0;

        log_block(cpu, tb);
        a->loop_dispatches++;
        ret = tcg_exec_tb(&tcg_engine.prologue, cpu->env_ptr, tb->ci.code);
        a->bp_skip = false;
        if (a->watch_state == WATCH_STEPPING) {
            /* The instruction that hit the watchpoint has run (its block
             * has no entry check to stop it): stop after it. */
            tlb_watch_report(cpu);
            return EXCP_DEBUG;
        }

        last = (TBlock *)(ret & ~(uintptr_t)TB_EXIT_MASK);
        idx = ret & TB_EXIT_MASK;
        if (last) {
            switch (idx) {
            case TB_EXIT_IDX0:
            case TB_EXIT_IDX1:
                a->last_tb = last;
                a->last_idx = idx;
                a->last_gen = tcg_engine.flush_gen;
                break;
            case TB_EXIT_REQUESTED:
                /* The block did not run; a chained jump may have come
                 * from a block that had not written the pc back. */
                sync_pc_from_tb(cpu, last);
                continue;
            case TB_EXIT_BUDGET:
                sync_pc_from_tb(cpu, last);
                if (a->budget_left <= 0) {
                    return EXCP_YIELD;
                }
                /* icount: run exactly the instructions left. */
                a->cflags_next = (tcg_curr_cflags(cpu) & ~(uint32_t)CF_COUNT_MASK) |
                                 (uint32_t)MIN(a->budget_left, (int64_t)CF_COUNT_MASK);
                continue;
            }
        }
        if (cpu->singlestep) {
            return EXCP_DEBUG;
        }
    }
}

/* Helpers and slow paths unwind to here (cpu_loop_exit); nothing but cpu
 * lives in this frame, so nothing can be clobbered by the longjmp. */
static int cpu_exec_setjmp(CPUState *cpu)
{
    if (sigsetjmp(cpu->jmp_env, 0) != 0) {
        tcg_ctx = &tcg_engine.ctx;
        accel_cpu(cpu)->last_tb = NULL;
    }
    return cpu_exec_loop(cpu);
}

int tcg_vcpu_exec(CPUState *cpu, int64_t budget)
{
    AccelCPUState *a = accel_cpu(cpu);
    CPUClass *cc;
    int64_t executed;
    int ret;

    if (!a) {
        return EXCP_HALTED;
    }
    tcg_ctx = &tcg_engine.ctx;
    cc = CPU_GET_CLASS(cpu);
    if (cpu->stopped) {
        return EXCP_HALTED;
    }
    if (cpu->halted) {
        bool sleep = a->ops->cpu_exec_halt ? a->ops->cpu_exec_halt(cpu)
                                           : !(cc->has_work && cc->has_work(cpu));
        if (sleep) {
            return EXCP_HALTED;
        }
        cpu->halted = false;
    }
    check_breakpoint_changes(cpu);

    /* Only -icount blocks count (CF_ICOUNT); otherwise the slice ends when
     * exit_request is set (sysemu/slice-timer.h). */
    a->budget_left = budget > 0 ? budget : 0;
    cpu->slices_run++;
    /* Under -icount slices end only on instruction counts (determinism). */
    a->slow_deadline_ns = icount_enabled() ? 0 : clock_get_ns(CLOCK_RT) + SLICE_MAX_HOST_NS;
    a->last_tb = NULL;
    a->in_exec = true;
    ret = cpu_exec_setjmp(cpu);
    a->in_exec = false;

    executed = (budget > 0 ? budget : 0) - a->budget_left;
    if (icount_enabled() && executed > 0) {
        cpu->insns_executed += executed;
        a->insns += executed;
        if (icount_enabled()) {
            icount_add(executed);
        }
    }
    return ret;
}
