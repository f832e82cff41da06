/*
 * tcg-accel.c — the TCG execution engine as Turtle's accelerator: its
 * AccelOps (registered from a constructor), the one-time start-up of the
 * translator (code buffer, prologue, IR context, backend configuration
 * with the TLB slow paths), per-vCPU set-up (TLB, jump cache, memory-map
 * listener) and the statistics shown by "info jit".
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "util/timer.h"
#include "sysemu/cpus.h"
#include "monitor/monitor.h"
#include "accel/tcg/internal.h"
#ifdef __x86_64__
#include "tcg/x86_64/cpuinfo.h"
#endif

TCGEngine tcg_engine = {
    .codebuf_size = 256 * MiB,
};

/* The TCGCPUOps whose initialize() already ran (one per target). */
static GPtrArray *initialized_ops;

void tcg_set_code_mmu_index_fn(int (*fn)(CPUState *cpu))
{
    tcg_engine.code_mmu_index = fn;
}

void tcg_engine_set_codebuf_size(size_t bytes)
{
    if (!tcg_engine.ready) {
        tcg_engine.codebuf_size = bytes;
    }
}

/* RAM written by anything but a TLB store (DMA, loaders, the debugger). */
static void tcg_code_write_hook(ram_addr_t addr, uint64_t len)
{
    tb_invalidate_ram_range(addr, addr + len, NULL);
}

bool tcg_engine_init(CPUState *first_cpu, GError **errp)
{
    TCGEngine *e = &tcg_engine;

    if (e->ready) {
        return true;
    }
    e->env_offset = (char *)first_cpu->env_ptr - (char *)first_cpu;
    if (!codebuf_init(&e->codebuf, e->codebuf_size, errp)) {
        return false;
    }
    if (!tcg_prologue_init(&e->prologue, &e->codebuf, errp)) {
        codebuf_destroy(&e->codebuf);
        return false;
    }
    tcg_context_init(&e->ctx);
    tcg_ctx = &e->ctx;
    e->ctx.lookup_tb_ptr_info = &helper_lookup_tb_ptr_info;
    e->cfg = (TCGBackendConfig){
        .prologue = &e->prologue,
        .codebuf = &e->codebuf,
#ifdef __x86_64__
        .host_features = cpuinfo_x86_init(),
#endif
        .tlb_fast_offset = (intptr_t)offsetof(CPUState, tlb_fast) - e->env_offset,
        .page_bits = TLB_PAGE_BITS,
        .slow_ld = tlb_slow_ld,
        .slow_st = tlb_slow_st,
        .slow_cmpxchg = tlb_slow_cmpxchg,
        .slow_rmw = tlb_slow_rmw,
    };
    tcg_backend_attach(&e->ctx, &e->cfg);
    tb_maint_init();
    ram_set_code_write_hook(tcg_code_write_hook);
    e->ready = true;
    return true;
}

/* Memory map changed: host addresses cached in the TLB may be stale. */
static void tcg_listener_commit(MemoryListener *l, AddressSpace *as)
{
    tlb_flush((CPUState *)l->opaque);
}

static void tcg_hotblocks_at_exit(void)
{
    tb_print_hotblocks(log_file(), 20);
    log_flush();
}

bool tcg_vcpu_init(CPUState *cpu, GError **errp)
{
    static bool hotblocks_registered;

    /* -d hotblocks (from the command line: blocks are counted from their
     * translation on) prints its table when the process ends. */
    if (log_enabled(LOG_HOTBLOCKS) && !hotblocks_registered) {
        hotblocks_registered = true;
        atexit(tcg_hotblocks_at_exit);
    }
    CPUClass *cc = CPU_GET_CLASS(cpu);
    const TCGCPUOps *ops = cc->tcg_ops;
    AccelCPUState *a;

    if (cpu->accel) {
        return true;
    }
    if (!ops || !ops->translate_code || !ops->get_tb_cpu_state ||
        !ops->tlb_fill || !ops->restore_state_to_opc) {
        error_setg(errp, "CPU type '%s' cannot run under TCG (no TCG hooks)",
                   object_get_typename(OBJECT(cpu)));
        return false;
    }
    if (!cpu->env_ptr) {
        error_setg(errp, "cpu%d has no architectural state (env_ptr)",
                   cpu->cpu_index);
        return false;
    }
    if (!tcg_engine_init(cpu, errp)) {
        return false;
    }
    if ((char *)cpu->env_ptr - (char *)cpu != tcg_engine.env_offset) {
        error_setg(errp, "cpu%d: env must be at the same offset in every CPU",
                   cpu->cpu_index);
        return false;
    }
    tcg_ctx = &tcg_engine.ctx;
    if (!initialized_ops) {
        initialized_ops = g_ptr_array_new();
    }
    if (!g_ptr_array_find(initialized_ops, ops, NULL)) {
        g_ptr_array_add(initialized_ops, (gpointer)ops);
        if (ops->initialize) {
            ops->initialize();
        }
    }
    if (!cpu->as) {
        cpu->as = get_address_space_memory();
    }

    a = g_new0(AccelCPUState, 1);
    a->cpu = cpu;
    a->ops = ops;
    a->nb_mmu_modes = ops->nb_mmu_modes > 0 ?
                      MIN(ops->nb_mmu_modes, CPU_MAX_MMU_MODES) : 1;
    a->cflags_next = (uint32_t)-1;
    /* Entries are cache-line aligned: a probe reads one line. */
    if (posix_memalign((void **)&a->jmp_cache, sizeof(TBJmpCacheEntry),
                       sizeof(TBJmpCacheEntry) * TB_JC_SIZE)) {
        g_error("out of memory for the jump cache");
    }
    memset(a->jmp_cache, 0, sizeof(TBJmpCacheEntry) * TB_JC_SIZE);
    a->jc_gen = 1;
    a->bp_snapshot = g_array_new(FALSE, FALSE, sizeof(vaddr));
    g_mutex_init(&a->work_lock);
    g_queue_init(&a->work);
    cpu->accel = a;
    tlb_init(cpu);
    a->listener.commit = tcg_listener_commit;
    a->listener.opaque = cpu;
    address_space_add_listener(cpu->as, &a->listener);
    return true;
}

/* ---- Statistics ----------------------------------------------------------- */

void tcg_accel_get_stats(TCGAccelStats *st)
{
    TCGEngine *e = &tcg_engine;
    CPUState *cpu;

    memset(st, 0, sizeof(*st));
    st->tbs_translated = e->tbs_translated;
    st->tbs_live = e->tb_htable ? g_hash_table_size(e->tb_htable) : 0;
    st->tbs_uncached = e->tbs_uncached;
    st->tbs_invalidated = e->tbs_invalidated;
    st->code_used = e->ready ? e->codebuf.used : 0;
    st->code_size = e->ready ? e->codebuf.size : 0;
    st->flushes = e->flushes;
    st->retranslations_too_large = e->too_large;
    st->chains_patched = e->chains_patched;
    st->chains_reset = e->chains_reset;
    st->jc_hits = e->jc_hits;
    st->htable_lookups = e->htable_lookups;
    st->jc_revalidated = e->jc_revalidated;
    CPU_FOREACH(cpu) {
        AccelCPUState *a = accel_cpu(cpu);

        if (!a) {
            continue;
        }
        st->tb_entries += a->tb_entries;
        st->loop_dispatches += a->loop_dispatches;
        st->ptr_dispatches += a->ptr_dispatches + a->ptr_inline_hits;
        st->ptr_inline_hits += a->ptr_inline_hits;
        st->ptr_misses += a->ptr_misses;
        st->tlb_slow_calls += a->tlb_slow_calls;
        st->tlb_victim_hits += a->tlb_victim_hits;
        st->tlb_fills += a->tlb_fills;
        st->tlb_flushes += a->tlb_flushes;
        st->tlb_page_flushes += a->tlb_page_flushes;
        st->tlb_resizes += a->tlb_resizes;
        st->insns += a->insns;
    }
}

static double pct(uint64_t part, uint64_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

void tcg_accel_info_jit(GString *out)
{
    TCGAccelStats st;
    uint64_t chained, misses, accesses;

    tcg_accel_get_stats(&st);
    g_string_append_printf(out, "Translation cache\n");
    g_string_append_printf(out, "  TBs translated       %" PRIu64 " (%" PRIu64
                           " one-shot, %" PRIu64 " retranslated as too large)\n",
                           st.tbs_translated, st.tbs_uncached,
                           st.retranslations_too_large);
    g_string_append_printf(out, "  TBs live             %" PRIu64 " on %u code pages\n",
                           st.tbs_live, tb_page_count());
    g_string_append_printf(out, "  code buffer          %" PRIu64 " / %" PRIu64
                           " KiB (%.1f%%)\n", (uint64_t)(st.code_used / KiB),
                           (uint64_t)(st.code_size / KiB), pct(st.code_used, st.code_size));
    g_string_append_printf(out, "  full flushes         %" PRIu64 "\n", st.flushes);
    g_string_append_printf(out, "  TBs invalidated      %" PRIu64
                           " (by writes to their code)\n", st.tbs_invalidated);

    /* Under -d hotblocks every block entered counts once (generated code
     * increments a per-vCPU counter at entry); those not entered from the
     * loop or a goto_ptr lookup were reached through a patched direct
     * jump. Without it blocks are not counted: the counter would cost
     * every block entry. */
    g_string_append_printf(out, "Dispatch\n");
    if (log_enabled(LOG_HOTBLOCKS)) {
        chained = st.tb_entries > st.loop_dispatches + st.ptr_dispatches
                  ? st.tb_entries - st.loop_dispatches - st.ptr_dispatches : 0;
        g_string_append_printf(out, "  blocks executed      %" PRIu64 "\n", st.tb_entries);
        g_string_append_printf(out, "  via chained jumps    %" PRIu64 " (%.1f%%)\n",
                               chained, pct(chained, st.tb_entries));
    } else {
        g_string_append_printf(out, "  blocks executed      not counted (-d hotblocks counts them)\n");
    }
    g_string_append_printf(out, "  via goto_ptr lookup  %" PRIu64, st.ptr_dispatches);
    if (st.tb_entries) {
        g_string_append_printf(out, " (%.1f%%)", pct(st.ptr_dispatches, st.tb_entries));
    }
    g_string_append_printf(out, "; %" PRIu64 " found inline, %" PRIu64
                           " by the helper, %" PRIu64 " lookups missed\n",
                           st.ptr_inline_hits, st.ptr_dispatches - st.ptr_inline_hits,
                           st.ptr_misses);
    g_string_append_printf(out, "  from the CPU loop    %" PRIu64, st.loop_dispatches);
    if (st.tb_entries) {
        g_string_append_printf(out, " (%.1f%%)", pct(st.loop_dispatches, st.tb_entries));
    }
    g_string_append_printf(out, "\n");
    g_string_append_printf(out, "  jumps patched        %" PRIu64 ", unpatched %"
                           PRIu64 "\n", st.chains_patched, st.chains_reset);
    g_string_append_printf(out, "  jump cache hits      %" PRIu64 ", hash lookups %"
                           PRIu64 "\n", st.jc_hits, st.htable_lookups);
    g_string_append_printf(out, "  jump cache refills   %" PRIu64
                           " (entries older than a TLB flush, still valid)\n",
                           st.jc_revalidated);

    /* The inline fast path is not counted (it would cost every access):
     * what is counted is every access that reached the slow path and every
     * miss, per guest instruction executed. */
    misses = st.tlb_fills + st.tlb_victim_hits;
    g_string_append_printf(out, "Softmmu TLB\n");
    if (icount_enabled()) {
        g_string_append_printf(out, "  guest instructions   %" PRIu64 "\n", st.insns);
    } else {
        g_string_append_printf(out, "  guest instructions   not counted (only under -icount)\n");
    }
    g_string_append_printf(out, "  slow-path accesses   %" PRIu64, st.tlb_slow_calls);
    if (st.insns) {
        g_string_append_printf(out, " (%.2f per 1000 insns)",
                               1000.0 * st.tlb_slow_calls / st.insns);
    }
    g_string_append_printf(out, "\n  misses               %" PRIu64 " (%" PRIu64
                           " refilled by tlb_fill, %" PRIu64 " from the victim TLB)\n",
                           misses, st.tlb_fills, st.tlb_victim_hits);
    /* Rates need the instruction count (-icount only). */
    accesses = st.insns / 3;
    if (st.insns) {
        g_string_append_printf(out, "  misses per 1000 insns %.2f; hit rate ~%.2f%% if one "
                               "instruction in three accesses memory (an estimate: "
                               "fast-path hits are not counted)\n",
                               1000.0 * misses / st.insns,
                               accesses > misses ? 100.0 - pct(misses, accesses) : 0.0);
    }
    g_string_append_printf(out, "  flushes              %" PRIu64 " full (per MMU index), %"
                           PRIu64 " page/range; %" PRIu64 " resizes\n",
                           st.tlb_flushes, st.tlb_page_flushes, st.tlb_resizes);
}

static void hmp_info_jit(Monitor *mon, GString *out, const char *args)
{
    tcg_accel_info_jit(out);
}

static const HMPInfoCommand info_jit_cmd = {
    .name = "jit",
    .help = "show the translator's cache, dispatch and TLB statistics",
    .handler = hmp_info_jit,
};

/* ---- Registration ------------------------------------------------------------ */

static const AccelOps tcg_accel_ops = {
    .name = "tcg",
    .vcpu_init = tcg_vcpu_init,
    .vcpu_exec = tcg_vcpu_exec,
};

static void __attribute__((constructor)) tcg_accel_register(void)
{
    accel_register(&tcg_accel_ops);
    hmp_register_info(&info_jit_cmd);
}
