/*
 * test-exec.c — the execution engine running the toy CPU (toy-cpu.h):
 * block reuse and chaining, self-modifying code, precise exceptions,
 * interrupts at block boundaries, budgets (and exact ones with icount),
 * halting, MMIO and page-crossing accesses from generated code, debug
 * stops, tracing and "info jit".
 */
#include "util/osdep.h"
#include <glib/gstdio.h>
#include "util/log.h"
#include "util/timer.h"
#include "accel/tcg/internal.h"
#include "exec/gdbstub.h"
#include "sysemu/slice-timer.h"
#include "toy-cpu.h"

#define CODE 0x1000ULL

static CPUState *cpu;

#define I(op, rd, rs, imm) toy_insn(OP_##op, rd, rs, imm)

static void load_prog(uint64_t addr, const uint32_t *p, size_t n)
{
    toy_load(addr, p, n);
    toy_env(cpu)->pc = addr;
}

#define LOAD(addr, ...) do { \
        const uint32_t prog_[] = { __VA_ARGS__ }; \
        load_prog(addr, prog_, G_N_ELEMENTS(prog_)); \
    } while (0)

static TCGAccelStats stats(void)
{
    TCGAccelStats st;

    tcg_accel_get_stats(&st);
    return st;
}

/* ---- Blocks are translated once, reused and chained ---------------------- */

static void test_reuse_and_chaining(void)
{
    ToyEnv *env = toy_env(cpu);
    TCGAccelStats before, after;

    toy_reset(cpu);
    /* r1 counts to r2 = 10000 in a two-instruction loop, then halts. */
    LOAD(CODE,
         I(ADDI, 1, 1, 1),
         I(BNE, 1, 2, -2),
         I(HALT, 0, 0, 0));
    env->regs[2] = 10000;
    before = stats();
    g_assert_cmpint(toy_run(cpu, 1000000), ==, EXCP_HLT);
    after = stats();
    g_assert_cmpuint(env->regs[1], ==, 10000);
    g_assert_cmpuint(env->pc, ==, CODE + 12);
    /* Two blocks (the loop and the halt), each translated once. */
    g_assert_cmpuint(after.tbs_translated - before.tbs_translated, ==, 2);
    /* The loop block ran 10000 times, all but a few through the patched
     * jump to itself, without coming back to the loop. */
    g_assert_cmpuint(after.tb_entries - before.tb_entries, >=, 10000);
    g_assert_cmpuint(after.loop_dispatches - before.loop_dispatches, <=, 4);
    g_assert_cmpuint(after.chains_patched - before.chains_patched, >=, 1);
    /* The pages holding the blocks are code pages now. */
    g_assert_true(tb_page_has_tbs(CODE));

    /* Run again from the start: no new translation at all. */
    cpu->halted = false;
    env->pc = CODE;
    env->regs[1] = 0;
    before = stats();
    g_assert_cmpint(toy_run(cpu, 1000000), ==, EXCP_HLT);
    after = stats();
    g_assert_cmpuint(env->regs[1], ==, 10000);
    g_assert_cmpuint(after.tbs_translated, ==, before.tbs_translated);

    /* Unchaining: rewriting the loop body (as a loader or DMA would)
     * invalidates the block and unpatches the jump into it. */
    before = stats();
    toy_write32(CODE, I(ADDI, 1, 1, 2));
    after = stats();
    g_assert_cmpuint(after.tbs_invalidated - before.tbs_invalidated, >=, 1);
    g_assert_cmpuint(after.chains_reset - before.chains_reset, >=, 1);
    cpu->halted = false;
    env->pc = CODE;
    env->regs[1] = 0;
    g_assert_cmpint(toy_run(cpu, 1000000), ==, EXCP_HLT);
    g_assert_cmpuint(env->regs[1], ==, 10000);      /* counted by 2 now */
    g_assert_cmpuint(stats().tb_entries - after.tb_entries, >=, 5000);
    g_assert_cmpuint(stats().tb_entries - after.tb_entries, <, 5010);
}

/* Indirect jumps find their target through the goto_ptr lookup. */
static void test_goto_ptr(void)
{
    ToyEnv *env = toy_env(cpu);
    TCGAccelStats before, after;

    toy_reset(cpu);
    /* main calls f 100 times through JAL/JR. */
    LOAD(CODE,
         I(JAL, 6, 0, 0x3ff),        /* -> 0x2000 */
         I(ADDI, 3, 3, 1),
         I(BNE, 3, 4, -3),
         I(HALT, 0, 0, 0));
    toy_load(0x2000, (const uint32_t[]){ I(ADDI, 2, 2, 5), I(JR, 0, 6, 0) }, 2);
    env->regs[4] = 100;
    before = stats();
    g_assert_cmpint(toy_run(cpu, 1000000), ==, EXCP_HLT);
    after = stats();
    g_assert_cmpuint(env->regs[2], ==, 500);
    g_assert_cmpuint(env->regs[3], ==, 100);
    /* Every return went through the lookup helper, found in the cache. */
    g_assert_cmpuint(after.ptr_dispatches - before.ptr_dispatches, >=, 99);
    g_assert_cmpuint(after.loop_dispatches - before.loop_dispatches, <=, 6);
}

/*
 * The inline jump cache probe (JRC): main calls f at 0x2000 through a
 * trampoline (JAL to 0x1800, JRC r7) and f returns with JRC r6.
 */
static void load_jrc_prog(void)
{
    ToyEnv *env = toy_env(cpu);

    LOAD(CODE,
         I(JAL, 6, 0, 0x1ff),         /* -> 0x1800 */
         I(ADDI, 3, 3, 1),
         I(BNE, 3, 4, -3),
         I(HALT, 0, 0, 0));
    toy_load(0x1800, (const uint32_t[]){ I(JRC, 0, 7, 0) }, 1);
    toy_load(0x2000, (const uint32_t[]){ I(ADDI, 2, 2, 1), I(JRC, 0, 6, 0) }, 2);
    env->regs[7] = 0x2000;
}

static void restart(uint64_t n)
{
    ToyEnv *env = toy_env(cpu);

    cpu->halted = false;
    env->pc = CODE;
    env->regs[2] = env->regs[3] = 0;
    env->regs[4] = n;
}

static void test_jrc_hit_and_miss(void)
{
    ToyEnv *env = toy_env(cpu);
    TCGAccelStats before, after;

    toy_reset(cpu);
    load_jrc_prog();
    restart(100);
    before = stats();
    g_assert_cmpint(toy_run(cpu, 1000000), ==, EXCP_HLT);
    after = stats();
    g_assert_cmpuint(env->regs[2], ==, 100);
    g_assert_cmpuint(env->regs[3], ==, 100);
    /* 200 indirect jumps: the first to each target misses (the block does
     * not exist yet: back to the loop), the rest hit inline. */
    g_assert_cmpuint(after.ptr_inline_hits - before.ptr_inline_hits, >=, 196);
    g_assert_cmpuint(after.ptr_misses - before.ptr_misses, >=, 1);
    g_assert_cmpuint(after.loop_dispatches - before.loop_dispatches, <=, 8);

    /* A jump to a block that exists but is not in the jump cache: the
     * probe misses, the helper finds it in the hash table. */
    restart(100);
    tb_jmp_cache_clear(cpu);
    before = stats();
    g_assert_cmpint(toy_run(cpu, 1000000), ==, EXCP_HLT);
    after = stats();
    g_assert_cmpuint(env->regs[2], ==, 100);
    g_assert_cmpuint(after.tbs_translated, ==, before.tbs_translated);
    g_assert_cmpuint(after.ptr_dispatches - after.ptr_inline_hits, >,
                     before.ptr_dispatches - before.ptr_inline_hits);
    g_assert_cmpuint(after.ptr_inline_hits - before.ptr_inline_hits, >=, 190);
}

/*
 * A tagged TLB flush (address space switch) keeps the jump cache entries
 * of blocks on global pages valid and makes those on tagged pages stale;
 * a full flush makes every entry stale. A stale entry is still found
 * again through the miss path while its page maps the same RAM.
 */
/*
 * A flush by address inside a block (large page) mapping removes the whole
 * block, so jump-cache entries for code anywhere in it must go too: its
 * other pages may map elsewhere afterwards.
 */
static void test_jc_large_page_flush(void)
{
    AccelCPUState *a = accel_cpu(cpu);
    const vaddr f = 0x1800, g = 0x2000;    /* blocks of load_jrc_prog */
    const vaddr other = 0x7000;             /* same 2 MiB block, other page */

    toy_reset(cpu);
    load_jrc_prog();
    restart(10);
    g_assert_cmpint(toy_run(cpu, 100000), ==, EXCP_HLT);
    g_assert_cmpuint(tb_jc_page_group(other), !=, tb_jc_page_group(f));
    g_assert_cmpuint(tb_jc_page_group(other), !=, tb_jc_page_group(g));
    g_assert_cmpuint(tb_jc_page_group(other - 0x1000), !=, tb_jc_page_group(f));
    g_assert_cmpuint(tb_jc_page_group(other - 0x1000), !=, tb_jc_page_group(g));

    /* Without a block mapping, a page flush elsewhere keeps them. */
    tlb_flush_page(cpu, other);
    g_assert_nonnull(tb_jc_find(a, f, 0, 0, 0));
    g_assert_nonnull(tb_jc_find(a, g, 0, 0, 0));

    /* The first 2 MiB as one block: flushing any page of it drops all. */
    tlb_set_page(cpu, 0, 0, MEMTXATTRS_UNSPECIFIED,
                 PAGE_READ | PAGE_WRITE | PAGE_EXEC, 0, 2 << 20);
    tlb_flush_page(cpu, other);
    g_assert_null(tb_jc_find(a, f, 0, 0, 0));
    g_assert_null(tb_jc_find(a, g, 0, 0, 0));

    /* Likewise for a range flush touching the block. */
    g_assert_nonnull(tb_lookup(cpu, f, 0, 0, 0));
    tlb_set_page(cpu, 0, 0, MEMTXATTRS_UNSPECIFIED,
                 PAGE_READ | PAGE_WRITE | PAGE_EXEC, 0, 2 << 20);
    tlb_flush_range_by_mmuidx(cpu, other, 0x2000, 0x3, 64);
    g_assert_null(tb_jc_find(a, f, 0, 0, 0));
}

static void test_jc_tagged_flush(void)
{
    AccelCPUState *a = accel_cpu(cpu);
    ToyEnv *env = toy_env(cpu);
    const vaddr f = 0x1800, g = 0x2000;    /* blocks of load_jrc_prog */
    uint64_t reval;

    toy_reset(cpu);
    toy.tagged_lo = 0x2000;                 /* g's page is tagged */
    toy.tagged_hi = 0x3000;
    load_jrc_prog();
    restart(10);
    g_assert_cmpint(toy_run(cpu, 100000), ==, EXCP_HLT);
    g_assert_nonnull(tb_jc_find(a, f, 0, 0, 0));
    g_assert_nonnull(tb_jc_find(a, g, 0, 0, 0));

    tlb_flush_tagged_by_mmuidx(cpu, 0x3);
    g_assert_nonnull(tb_jc_find(a, f, 0, 0, 0));    /* global: survives */
    g_assert_null(tb_jc_find(a, g, 0, 0, 0));       /* tagged: stale */
    reval = tcg_engine.jc_revalidated;
    g_assert_nonnull(tb_lookup(cpu, g, 0, 0, 0));   /* found again */
    g_assert_cmpuint(tcg_engine.jc_revalidated, ==, reval + 1);
    g_assert_nonnull(tb_jc_find(a, g, 0, 0, 0));
    /* The re-filled entry is still known as tagged. */
    tlb_flush_tagged_by_mmuidx(cpu, 0x3);
    g_assert_null(tb_jc_find(a, g, 0, 0, 0));
    g_assert_nonnull(tb_jc_find(a, f, 0, 0, 0));

    /* The program still runs right, and refills the entries. */
    restart(10);
    g_assert_cmpint(toy_run(cpu, 100000), ==, EXCP_HLT);
    g_assert_cmpuint(env->regs[2], ==, 10);
    g_assert_nonnull(tb_jc_find(a, g, 0, 0, 0));

    /* A full flush leaves nothing valid. */
    tlb_flush(cpu);
    g_assert_null(tb_jc_find(a, f, 0, 0, 0));
    g_assert_null(tb_jc_find(a, g, 0, 0, 0));

    /* More tagged entries than the log holds: the tagged flush then
     * makes every entry stale, global ones included. */
    g_assert_nonnull(tb_lookup(cpu, f, 0, 0, 0));   /* refills f's entry */
    g_assert_nonnull(tb_jc_find(a, f, 0, 0, 0));
    a->jc_tagged_len = TB_JC_TAGGED_LOG + 1;
    tlb_flush_tagged_by_mmuidx(cpu, 0x3);
    g_assert_null(tb_jc_find(a, f, 0, 0, 0));
    g_assert_cmpuint(a->jc_tagged_len, ==, 0);

    /* A page flush drops the entries of that page and of the page before
     * (a block there may run into it), not the others of the same jump
     * cache group: pages 0x2 and 0x43 share one. */
    g_assert_cmpuint(tb_jc_page_group(0x43000), ==, tb_jc_page_group(g));
    g_assert_nonnull(tb_lookup(cpu, f, 0, 0, 0));
    g_assert_nonnull(tb_lookup(cpu, g, 0, 0, 0));
    tlb_flush_page(cpu, 0x43000);
    g_assert_nonnull(tb_jc_find(a, g, 0, 0, 0));
    g_assert_nonnull(tb_jc_find(a, f, 0, 0, 0));
    tlb_flush_page(cpu, 0x3000);
    g_assert_null(tb_jc_find(a, g, 0, 0, 0));
    g_assert_nonnull(tb_jc_find(a, f, 0, 0, 0));
    g_assert_nonnull(tb_lookup(cpu, g, 0, 0, 0));
    tlb_flush_page(cpu, 0x2000);
    g_assert_null(tb_jc_find(a, g, 0, 0, 0));
    /* Top byte ignored by the flush: still the same page. */
    g_assert_nonnull(tb_lookup(cpu, g, 0, 0, 0));
    tlb_flush_page(cpu, 0x5a00000000002000ull);
    g_assert_null(tb_jc_find(a, g, 0, 0, 0));

    /* Everything global: a tagged flush invalidates nothing. */
    toy_reset(cpu);
    load_jrc_prog();
    restart(10);
    g_assert_cmpint(toy_run(cpu, 100000), ==, EXCP_HLT);
    tlb_flush_tagged_by_mmuidx(cpu, 0x3);
    g_assert_nonnull(tb_jc_find(a, f, 0, 0, 0));
    g_assert_nonnull(tb_jc_find(a, g, 0, 0, 0));
}

/* An entry for the same pc with other flags never matches. */
static void test_jrc_flags_mismatch(void)
{
    ToyEnv *env = toy_env(cpu);

    toy_reset(cpu);
    load_jrc_prog();
    env->mmu_idx = 1;
    restart(10);
    g_assert_cmpint(toy_run(cpu, 100000), ==, EXCP_HLT);
    g_assert_cmpuint(env->regs[2], ==, 10);
    g_assert_nonnull(tb_lookup(cpu, CODE + 4, 0, 1, 0));
    g_assert_null(tb_lookup(cpu, CODE + 4, 0, 0, 0));

    /* Same code with flags 0: the blocks reached only through JRC (f and
     * the return point) must be looked up and translated for flags 0, not
     * taken from the flags-1 entries still in the cache. */
    env->mmu_idx = 0;
    restart(10);
    g_assert_cmpint(toy_run(cpu, 100000), ==, EXCP_HLT);
    g_assert_cmpuint(env->regs[2], ==, 10);
    g_assert_nonnull(tb_lookup(cpu, CODE + 4, 0, 0, 0));
    g_assert_nonnull(tb_lookup(cpu, 0x2000, 0, 0, 0));
    env->mmu_idx = 0;
}

/* A block invalidated by a write to its code is never entered again. */
static void test_jrc_invalidated_target(void)
{
    ToyEnv *env = toy_env(cpu);
    TCGAccelStats before, after;

    toy_reset(cpu);
    load_jrc_prog();
    restart(10);
    g_assert_cmpint(toy_run(cpu, 100000), ==, EXCP_HLT);
    g_assert_cmpuint(env->regs[2], ==, 10);
    /* f (entered only through JRC) now adds 10. */
    before = stats();
    toy_write32(0x2000, I(ADDI, 2, 2, 10));
    after = stats();
    g_assert_cmpuint(after.tbs_invalidated - before.tbs_invalidated, >=, 1);
    restart(10);
    g_assert_cmpint(toy_run(cpu, 100000), ==, EXCP_HLT);
    g_assert_cmpuint(env->regs[2], ==, 100);

    /* The same by the guest, in the middle of the run: iteration 5
     * rewrites f back to adding 1 (the store is in the caller's block). */
    toy_reset(cpu);
    LOAD(CODE,
         I(JAL, 6, 0, 0x1ff),         /* -> 0x1800 */
         I(ADDI, 3, 3, 1),
         I(BNE, 3, 5, 1),             /* r3 == 5: patch f */
         I(ST + 2, 8, 9, 0),
         I(BNE, 3, 4, -5),
         I(HALT, 0, 0, 0));
    toy_load(0x1800, (const uint32_t[]){ I(JRC, 0, 7, 0) }, 1);
    toy_load(0x2000, (const uint32_t[]){ I(ADDI, 2, 2, 10), I(JRC, 0, 6, 0) }, 2);
    env->regs[7] = 0x2000;
    env->regs[5] = 5;
    env->regs[8] = I(ADDI, 2, 2, 1);
    env->regs[9] = 0x2000;
    env->regs[4] = 10;
    g_assert_cmpint(toy_run(cpu, 100000), ==, EXCP_HLT);
    g_assert_cmpuint(env->regs[3], ==, 10);
    g_assert_cmpuint(env->regs[2], ==, 5 * 10 + 5 * 1);
}

/* Debugging while the blocks jump to each other through the probe. */
static void test_jrc_breakpoint_and_step(void)
{
    ToyEnv *env = toy_env(cpu);
    vaddr bp = 0x2000;
    int steps;

    toy_reset(cpu);
    load_jrc_prog();
    restart(10);
    /* Warm: everything translated and in the jump cache. */
    g_assert_cmpint(toy_run(cpu, 100000), ==, EXCP_HLT);

    /* A breakpoint on f, reached only through JRC, stops every call. */
    restart(3);
    g_array_append_val(cpu->breakpoints, bp);
    for (int i = 0; i < 3; i++) {
        g_assert_cmpint(toy_run(cpu, 100000), ==, EXCP_DEBUG);
        g_assert_cmphex(env->pc, ==, bp);
        g_assert_cmpuint(env->regs[2], ==, i);
    }
    g_assert_cmpint(toy_run(cpu, 100000), ==, EXCP_HLT);
    g_assert_cmpuint(env->regs[2], ==, 3);
    g_array_set_size(cpu->breakpoints, 0);

    /* Warm again without the breakpoint, then single-step: every JRC
     * stops on its target. One call is JAL, JRC, ADDI, JRC, ADDI, BNE. */
    restart(2);
    g_assert_cmpint(toy_run(cpu, 100000), ==, EXCP_HLT);
    restart(2);
    cpu->singlestep = true;
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_DEBUG);
    g_assert_cmphex(env->pc, ==, 0x1800);
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_DEBUG);
    g_assert_cmphex(env->pc, ==, 0x2000);
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_DEBUG);
    g_assert_cmphex(env->pc, ==, 0x2004);
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_DEBUG);
    g_assert_cmphex(env->pc, ==, CODE + 4);
    for (steps = 4; !cpu->halted && steps < 100; steps++) {
        int r = toy_run(cpu, 1000);

        g_assert_true(r == EXCP_DEBUG || r == EXCP_HLT);
        if (r == EXCP_HLT) {
            break;
        }
    }
    cpu->singlestep = false;
    g_assert_cmpuint(env->regs[2], ==, 2);
    /* 2 calls of 6 instructions, then HALT (stepped: it stops first). */
    g_assert_cmpint(steps, ==, 12);
}

/* Tracing: the probe must not skip the loop (every block is logged). */
static void test_jrc_exec_log(void)
{
    ToyEnv *env = toy_env(cpu);
    g_autofree char *path = g_build_filename(g_get_tmp_dir(), "turtle-accel-log-XXXXXX", NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) traces = NULL;
    GError *err = NULL;
    int fd = g_mkstemp(path);

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    toy_reset(cpu);
    load_jrc_prog();
    restart(3);
    g_assert_cmpint(toy_run(cpu, 100000), ==, EXCP_HLT);   /* warm */
    restart(3);
    g_assert_true(log_set_file(path, &err));
    log_set_mask(LOG_EXEC);
    g_assert_cmpint(toy_run(cpu, 100000), ==, EXCP_HLT);
    log_set_mask(0);
    log_flush();
    g_assert_true(log_set_file(NULL, &err));
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_unlink(path);
    /* The blocks reached only through JRC (f, the return point) come
     * back to the loop every time. (Direct jumps patched before tracing
     * began stay patched.) */
    traces = g_strsplit(text, "[0000000000002000/", -1);
    g_assert_cmpuint(g_strv_length(traces) - 1, ==, 3);
    g_strfreev(traces);
    traces = g_strsplit(text, "[0000000000001004/", -1);
    g_assert_cmpuint(g_strv_length(traces) - 1, ==, 3);
    g_assert_cmpuint(env->regs[2], ==, 3);
}

/* ---- Self-modifying code ------------------------------------------------ */

static void test_smc_same_block(void)
{
    ToyEnv *env = toy_env(cpu);
    TCGAccelStats before, after;

    toy_reset(cpu);
    /* The store rewrites an instruction of its own block, after it. */
    LOAD(CODE,
         I(ST + 2, 4, 5, 0),          /* [r5] = r4 */
         I(ADDI, 1, 1, 1),
         I(ADDI, 2, 2, 1),            /* replaced by ADDI r2, r2, 50 */
         I(HALT, 0, 0, 0));
    env->regs[4] = I(ADDI, 2, 2, 50);
    env->regs[5] = CODE + 8;
    before = stats();
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    after = stats();
    g_assert_cmphex(toy_read32(CODE + 8), ==, I(ADDI, 2, 2, 50));
    g_assert_cmpuint(env->regs[2], ==, 50);      /* the new instruction ran */
    g_assert_cmpuint(env->regs[1], ==, 1);       /* nothing ran twice */
    g_assert_cmpuint(after.tbs_invalidated - before.tbs_invalidated, >=, 1);
}

static void test_smc_other_block(void)
{
    ToyEnv *env = toy_env(cpu);

    toy_reset(cpu);
    /* f at 0x1100 (same page) is called, patched, called again. */
    LOAD(CODE,
         I(JAL, 6, 0, 0x3f),          /* -> 0x1100 */
         I(ST + 2, 4, 5, 0),
         I(JAL, 6, 0, 0x3d),          /* -> 0x1100 */
         I(HALT, 0, 0, 0));
    toy_load(0x1100, (const uint32_t[]){ I(ADDI, 2, 2, 1), I(JR, 0, 6, 0) }, 2);
    env->regs[4] = I(ADDI, 2, 2, 10);
    env->regs[5] = 0x1100;
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpuint(env->regs[2], ==, 11);
}

/* A store into a code page outside the block's bytes keeps the block. */
static void test_smc_data_on_code_page(void)
{
    ToyEnv *env = toy_env(cpu);
    TCGAccelStats before, after;

    toy_reset(cpu);
    LOAD(CODE,
         I(ST + 3, 1, 5, 0),
         I(ADDI, 1, 1, 1),
         I(BNE, 1, 2, -3),
         I(HALT, 0, 0, 0));
    env->regs[2] = 100;
    env->regs[5] = CODE + 0x800;          /* data on the same page */
    before = stats();
    g_assert_cmpint(toy_run(cpu, 100000), ==, EXCP_HLT);
    after = stats();
    g_assert_cmpuint(env->regs[1], ==, 100);
    g_assert_cmpuint(*(uint64_t *)toy_ram_host(CODE + 0x800), ==, 99);
    g_assert_cmpuint(after.tbs_invalidated, ==, before.tbs_invalidated);
    g_assert_cmpuint(after.tbs_translated - before.tbs_translated, ==, 2);
}

/*
 * Rewriting and rerunning a function without end: each call retranslates
 * it, and the descriptors of the invalidated translations are recycled
 * (they leave the host-pc index), so the index stays small. A fault in a
 * block on a recycled descriptor is still precise (host pc -> block).
 */
static void test_smc_recycled_descriptors(void)
{
    ToyEnv *env = toy_env(cpu);
    TCGAccelStats before, after;
    const unsigned n = 2000;
    guint tbs_before;

    toy_reset(cpu);
    LOAD(CODE,
         I(ADDI, 4, 4, 1),            /* next immediate of f's ADDI */
         I(ST + 2, 4, 5, 0),          /* patch f */
         I(JAL, 6, 0, 0x3d),          /* -> 0x1100 */
         I(ADDI, 7, 7, 1),
         I(BNE, 7, 8, -5),
         I(HALT, 0, 0, 0));
    toy_load(0x1100, (const uint32_t[]){ I(ADDI, 2, 2, 0), I(JR, 0, 6, 0) }, 2);
    env->regs[4] = I(ADDI, 2, 2, 0);
    env->regs[5] = 0x1100;
    env->regs[8] = n;
    before = stats();
    tbs_before = tcg_engine.tbs->len;
    g_assert_cmpint(toy_run(cpu, 100000000), ==, EXCP_HLT);
    after = stats();
    g_assert_cmpuint(env->regs[2], ==, (uint64_t)n * (n + 1) / 2);
    g_assert_cmpuint(after.tbs_invalidated - before.tbs_invalidated, >=, n - 1);
    g_assert_cmpuint(after.tbs_translated - before.tbs_translated, >=, n);
    g_assert_cmpuint(tcg_engine.tbs->len, <, tbs_before + 16);

    /* f again, now faulting in its second instruction. */
    toy.unmapped_lo = 0x300000;
    toy.unmapped_hi = 0x301000;
    toy_load(0x1100, (const uint32_t[]){ I(ADDI, 1, 1, 5), I(LD + 3, 9, 3, 8),
                                         I(ADDI, 1, 1, 100), I(JR, 0, 6, 0) }, 4);
    env->regs[1] = 0;
    env->regs[3] = 0x300000;
    env->regs[9] = 0x77;
    env->pc = 0x1100;
    cpu->halted = false;
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpint(env->last_excp, ==, EXCP_TOY_FAULT);
    g_assert_cmphex(env->epc, ==, 0x1104);
    g_assert_cmpuint(env->regs[1], ==, 5);
    g_assert_cmphex(env->regs[9], ==, 0x77);
}

/* ---- Precise exceptions ------------------------------------------------- */

static void test_precise_fault(void)
{
    ToyEnv *env = toy_env(cpu);

    toy_reset(cpu);
    toy.unmapped_lo = 0x300000;
    toy.unmapped_hi = 0x301000;
    LOAD(CODE,
         I(ADDI, 1, 1, 5),
         I(LUI, 3, 0, 0x30),          /* r3 = 0x300000 */
         I(ADDI, 1, 1, 5),
         I(LD + 3, 2, 3, 8),          /* faults */
         I(ADDI, 1, 1, 100),
         I(HALT, 0, 0, 0));
    env->regs[2] = 0x1234;
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpint(env->last_excp, ==, EXCP_TOY_FAULT);
    g_assert_cmpint(env->excp_count, ==, 1);
    g_assert_cmphex(env->epc, ==, CODE + 12);     /* the load */
    g_assert_cmphex(env->fault_addr, ==, 0x300008);
    g_assert_cmpuint(env->regs[1], ==, 10);       /* before it, not after */
    g_assert_cmphex(env->regs[2], ==, 0x1234);
    g_assert_cmphex(env->pc, ==, TOY_VEC_BASE + 16 * EXCP_TOY_FAULT + 4);

    /* A store crossing into the unmapped page faults without writing
     * the part on the mapped page. */
    toy_reset(cpu);
    toy.unmapped_lo = 0x300000;
    toy.unmapped_hi = 0x301000;
    memset(toy_ram_host(0x2ffff8), 0xaa, 8);
    LOAD(CODE,
         I(LUI, 3, 0, 0x30),
         I(ST + 3, 4, 3, -4),         /* 8 bytes at 0x2ffffc */
         I(HALT, 0, 0, 0));
    env->regs[4] = 0x1122334455667788ULL;
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpint(env->last_excp, ==, EXCP_TOY_FAULT);
    g_assert_cmphex(env->epc, ==, CODE + 4);
    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(toy_ram_host(0x2ffff8)[i], ==, 0xaa);
    }
}

static void test_other_faults(void)
{
    ToyEnv *env = toy_env(cpu);

    /* Alignment: checked before translation. */
    toy_reset(cpu);
    LOAD(CODE, I(LDA + 2, 2, 0, 0x2002), I(HALT, 0, 0, 0));
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpint(env->last_excp, ==, EXCP_TOY_ALIGN);
    g_assert_cmphex(env->epc, ==, CODE);
    g_assert_cmphex(env->fault_addr, ==, 0x2002);

    /* Bus error: nothing at the physical address. */
    toy_reset(cpu);
    LOAD(CODE, I(LUI, 3, 0, 0x90), I(LD + 2, 2, 3, 4), I(HALT, 0, 0, 0));
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpint(env->last_excp, ==, EXCP_TOY_BUS);
    g_assert_cmphex(env->epc, ==, CODE + 4);

    /* Prefetch abort: jumping to an unmapped page. */
    toy_reset(cpu);
    toy.unmapped_lo = 0x300000;
    toy.unmapped_hi = 0x301000;
    LOAD(CODE, I(LUI, 3, 0, 0x30), I(JR, 0, 3, 0));
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpint(env->last_excp, ==, EXCP_TOY_PREFETCH);
    g_assert_cmphex(env->epc, ==, 0x300000);

    /* Instruction fetch from nothing: a bus error, before the block. */
    toy_reset(cpu);
    LOAD(CODE, I(LUI, 3, 0, 0x90), I(JR, 0, 3, 0));
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpint(env->last_excp, ==, EXCP_TOY_BUS);
    g_assert_cmphex(env->epc, ==, 0x900000);

    /* Undefined instruction, and a trap with its return address. */
    toy_reset(cpu);
    LOAD(CODE, 0xff000000, I(HALT, 0, 0, 0));
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpint(env->last_excp, ==, EXCP_TOY_UNDEF);
    toy_reset(cpu);
    LOAD(CODE, I(ADDI, 1, 1, 1), I(TRAP, 0, 0, 0), I(HALT, 0, 0, 0));
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpint(env->last_excp, ==, EXCP_TOY_TRAP);
    g_assert_cmphex(env->epc, ==, CODE + 8);
}

/* ---- Interrupts, halt, budget ----------------------------------------------- */

static void test_interrupt_latency(void)
{
    ToyEnv *env = toy_env(cpu);

    toy_reset(cpu);
    toy.irq_target = cpu;
    /* Count to 1000, raise the IRQ through the device, keep counting. */
    LOAD(CODE,
         I(LUI, 3, 0, 0x80),          /* r3 = device */
         I(ADDI, 1, 1, 1),
         I(BNE, 1, 2, -2),
         I(ST + 2, 0, 3, TOY_DEV_IRQ_REG),
         I(ADDI, 1, 1, 1),
         I(ADDI, 1, 1, 1),
         I(B, 0, 0, -3));             /* loop on the two ADDIs */
    env->regs[2] = 1000;
    env->irq_enabled = 1;
    g_assert_cmpint(toy_run(cpu, 1000000), ==, EXCP_HLT);
    g_assert_cmpint(toy.irq_raised, ==, 1);
    g_assert_cmpint(env->irq_taken, ==, 1);
    g_assert_cmphex(env->pc, ==, TOY_VEC_IRQ + 4);
    /* Taken at the next block boundary: at most one block later. */
    g_assert_cmpuint(toy.irq_raised_r1, ==, 1000);
    g_assert_cmpuint(env->irq_r1, >=, 1000);
    g_assert_cmpuint(env->irq_r1 - toy.irq_raised_r1, <=, 4);

    /* Masked: no interrupt; unmasking (IEN 1) takes it right away. */
    toy_reset(cpu);
    LOAD(CODE,
         I(ADDI, 1, 1, 1),
         I(BNE, 1, 2, -2),
         I(IEN, 0, 0, 1),
         I(ADDI, 1, 1, 100),
         I(HALT, 0, 0, 0));
    env->regs[2] = 50;
    cpu_interrupt(cpu, CPU_INTERRUPT_HARD);
    /* The kick makes vcpu_exec return once (nothing could be taken). */
    g_assert_cmpint(toy_run(cpu, 1000000), ==, EXCP_INTERRUPT);
    g_assert_cmpint(toy_run(cpu, 1000000), ==, EXCP_HLT);
    g_assert_cmpint(env->irq_taken, ==, 1);
    g_assert_cmpuint(env->irq_r1, ==, 50);
    g_assert_cmphex(env->epc, ==, CODE + 12);
}

static void test_halt_and_wake(void)
{
    ToyEnv *env = toy_env(cpu);

    toy_reset(cpu);
    LOAD(CODE, I(HALT, 0, 0, 0), I(ADDI, 1, 1, 7), I(HALT, 0, 0, 0));
    env->irq_enabled = 1;
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_true(cpu->halted);
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HALTED);
    g_assert_cmphex(env->pc, ==, CODE + 4);
    /* An interrupt wakes it: the handler (a HALT) runs. */
    cpu_interrupt(cpu, CPU_INTERRUPT_HARD);
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpint(env->irq_taken, ==, 1);
    g_assert_cmphex(env->epc, ==, CODE + 4);
    g_assert_cmphex(env->pc, ==, TOY_VEC_IRQ + 4);
}

/*
 * Without -icount blocks do not count instructions: an endless chained
 * loop ends its slice when the slice timer sets exit_request, and resumes
 * where it stopped.
 */
static void test_slice_timer(void)
{
    ToyEnv *env = toy_env(cpu);
    uint64_t kicks0 = slice_timer_kicks(), r1;
    int64_t t0;

    toy_reset(cpu);
    LOAD(CODE,
         I(ADDI, 1, 1, 1),
         I(ADDI, 1, 1, 1),
         I(ADDI, 1, 1, 1),
         I(B, 0, 0, -4));
    t0 = clock_get_ns(CLOCK_RT);
    slice_timer_arm(cpu, t0 + 20 * 1000 * 1000);
    g_assert_cmpint(toy_run(cpu, INT64_MAX), ==, EXCP_INTERRUPT);
    slice_timer_disarm();
    g_assert_cmpint(clock_get_ns(CLOCK_RT) - t0, >=, 20 * 1000 * 1000);
    g_assert_cmpuint(slice_timer_kicks(), ==, kicks0 + 1);
    r1 = env->regs[1];
    g_assert_cmpuint(r1, >, 0);
    g_assert_cmpuint(r1 % 3, ==, 0);    /* whole loop iterations */
    g_assert_cmphex(env->pc, ==, CODE);

    /* It resumes where it stopped. */
    slice_timer_arm(cpu, clock_get_ns(CLOCK_RT) + 5 * 1000 * 1000);
    g_assert_cmpint(toy_run(cpu, INT64_MAX), ==, EXCP_INTERRUPT);
    slice_timer_disarm();
    g_assert_cmpuint(env->regs[1], >, r1);

    /* A slice that ended before its deadline is not kicked later. */
    slice_timer_arm(cpu, clock_get_ns(CLOCK_RT) + 5 * 1000 * 1000);
    slice_timer_disarm();
    g_usleep(20 * 1000);
    g_assert_cmpint(cpu->exit_request, ==, 0);
    g_assert_cmpuint(slice_timer_kicks(), ==, kicks0 + 2);

    /* An earlier deadline armed while the thread waits for a later one
     * still kicks on time. */
    t0 = clock_get_ns(CLOCK_RT);
    slice_timer_arm(cpu, t0 + 1000 * 1000 * 1000);
    slice_timer_disarm();
    slice_timer_arm(cpu, t0 + 10 * 1000 * 1000);
    g_assert_cmpint(toy_run(cpu, INT64_MAX), ==, EXCP_INTERRUPT);
    slice_timer_disarm();
    g_assert_cmpint(clock_get_ns(CLOCK_RT) - t0, <, 500 * 1000 * 1000);
    g_assert_cmpuint(slice_timer_kicks(), ==, kicks0 + 3);

    /* A kick that comes with an interrupt taken at the same block
     * boundary still ends the slice: the handler (an endless loop here)
     * must not keep the CPU past its slice. Otherwise only the 2 s safety
     * deadline would end it. */
    toy_reset(cpu);
    LOAD(CODE, I(B, 0, 0, -1));
    LOAD(TOY_VEC_IRQ, I(B, 0, 0, -1));
    env->irq_enabled = 1;
    t0 = clock_get_ns(CLOCK_RT);
    slice_timer_arm(cpu, t0 + 2000ll * 1000 * 1000);
    cpu->end_slice_request = 1;             /* as the timer thread does */
    cpu_interrupt(cpu, CPU_INTERRUPT_HARD);
    g_assert_cmpint(toy_run(cpu, INT64_MAX), ==, EXCP_INTERRUPT);
    slice_timer_disarm();
    cpu_reset_interrupt(cpu, CPU_INTERRUPT_HARD);
    g_assert_cmpint(env->irq_taken, ==, 1);
    g_assert_cmphex(env->pc, ==, TOY_VEC_IRQ);
    g_assert_cmpint(clock_get_ns(CLOCK_RT) - t0, <, 1000ll * 1000 * 1000);
    g_assert_cmpint(cpu->end_slice_request, ==, 0);
}

/* ---- Memory from generated code ---------------------------------------------- */

static void test_mmio_from_code(void)
{
    ToyEnv *env = toy_env(cpu);
    ToyDevCall *c;

    toy_reset(cpu);
    LOAD(CODE,
         I(LUI, 3, 0, 0x80),          /* r3 = LE device */
         I(LD + 2, 1, 3, 0x10),       /* 4 bytes at 0x10 */
         I(LD + 0, 2, 3, 0x21),       /* 1 byte at 0x21 */
         I(ST + 1, 5, 3, 0x42),       /* 2 bytes at 0x42 */
         I(ADDI, 3, 3, 0x1000),       /* r3 = BE device */
         I(LD + 2, 6, 3, 0x10),
         I(ST + 3, 5, 3, 0x48),
         I(HALT, 0, 0, 0));
    env->regs[5] = 0x1122334455667788ULL;
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpuint(toy.dev_calls->len, ==, 5);
    c = &g_array_index(toy.dev_calls, ToyDevCall, 0);
    g_assert_false(c->write);
    g_assert_cmphex(c->addr, ==, 0x10);
    g_assert_cmpuint(c->size, ==, 4);
    g_assert_cmphex(env->regs[1], ==, 0x13121110);
    c = &g_array_index(toy.dev_calls, ToyDevCall, 1);
    g_assert_cmphex(c->addr, ==, 0x21);
    g_assert_cmpuint(c->size, ==, 1);
    g_assert_cmphex(env->regs[2], ==, 0x21);
    c = &g_array_index(toy.dev_calls, ToyDevCall, 2);
    g_assert_true(c->write);
    g_assert_cmphex(c->addr, ==, 0x42);
    g_assert_cmpuint(c->size, ==, 2);
    g_assert_cmphex(c->data, ==, 0x7788);
    /* Big-endian device: the guest still sees memory byte order. */
    c = &g_array_index(toy.dev_calls, ToyDevCall, 3);
    g_assert_true(c->be);
    g_assert_cmphex(c->data, ==, 0x10111213);
    g_assert_cmphex(env->regs[6], ==, 0x13121110);
    c = &g_array_index(toy.dev_calls, ToyDevCall, 4);
    g_assert_cmpuint(c->size, ==, 8);
    g_assert_cmphex(c->data, ==, 0x8877665544332211ULL);
    g_assert_cmphex(toy.dev_regs[1][0x48], ==, 0x88);
    g_assert_cmphex(toy.dev_regs[1][0x4f], ==, 0x11);
}

static void test_crossing_from_code(void)
{
    ToyEnv *env = toy_env(cpu);
    uint8_t *h = toy_ram_host(0x2ff8);

    toy_reset(cpu);
    for (int i = 0; i < 16; i++) {
        h[i] = 0xa0 + i;
    }
    LOAD(CODE,
         I(LUI, 3, 0, 0),
         I(LD + 3, 1, 3, 0x2ffd),     /* 8 bytes across 0x3000 */
         I(LD + 2, 2, 3, 0x2ffe),     /* 4 bytes across */
         I(ST + 3, 4, 3, 0x2ffb),     /* 8 bytes across */
         I(LD + 1, 5, 3, 0x2fff),     /* 2 bytes across */
         I(HALT, 0, 0, 0));
    env->regs[4] = 0x0102030405060708ULL;
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmphex(env->regs[1], ==, 0xacabaaa9a8a7a6a5ULL);
    g_assert_cmphex(env->regs[2], ==, 0xa9a8a7a6);
    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(h[3 + i], ==, 8 - i);
    }
    g_assert_cmphex(h[2], ==, 0xa2);
    g_assert_cmphex(h[11], ==, 0xab);
    g_assert_cmphex(env->regs[5], ==, 0x0304);
}

static void test_atomic_and_rom(void)
{
    ToyEnv *env = toy_env(cpu);

    toy_reset(cpu);
    *(uint64_t *)toy_ram_host(0x2000) = 40;
    LOAD(CODE,
         I(LUI, 3, 0, 0),
         I(XADD, 4, 3, 0x2000),       /* r4 = old, [0x2000] += r4 */
         I(LUI, 5, 0, 0x40),          /* ROM */
         I(ST + 3, 4, 5, 0x10),       /* dropped */
         I(LD + 3, 6, 5, 0x10),
         I(HALT, 0, 0, 0));
    env->regs[4] = 2;
    toy_write32(TOY_ROM_BASE + 0x10, 0xdeadbeef);
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpuint(env->regs[4], ==, 40);
    g_assert_cmpuint(*(uint64_t *)toy_ram_host(0x2000), ==, 42);
    g_assert_cmphex(env->regs[6], ==, 0xdeadbeef);
    g_assert_cmpint(env->excp_count, ==, 0);

    /* Code in ROM runs too. */
    toy_reset(cpu);
    toy_load(TOY_ROM_BASE, (const uint32_t[]){ I(ADDI, 1, 1, 3), I(HALT, 0, 0, 0) }, 2);
    env->pc = TOY_ROM_BASE;
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpuint(env->regs[1], ==, 3);
}

/* ---- Debug ------------------------------------------------------------------- */

static void test_breakpoint_and_step(void)
{
    ToyEnv *env = toy_env(cpu);
    vaddr bp = CODE + 8;

    toy_reset(cpu);
    LOAD(CODE,
         I(ADDI, 1, 1, 1),
         I(ADDI, 1, 1, 1),
         I(ADDI, 2, 2, 1),            /* breakpoint here */
         I(BNE, 2, 3, -4),
         I(HALT, 0, 0, 0));
    env->regs[3] = 3;
    /* Warm the cache first: the breakpoint must still be honoured. */
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    env->pc = CODE;
    env->regs[1] = env->regs[2] = 0;
    cpu->halted = false;
    g_array_append_val(cpu->breakpoints, bp);
    for (int i = 0; i < 3; i++) {
        g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_DEBUG);
        g_assert_cmphex(env->pc, ==, bp);
        g_assert_cmpuint(env->regs[1], ==, 2 * (i + 1));
        g_assert_cmpuint(env->regs[2], ==, i);
    }
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpuint(env->regs[2], ==, 3);

    /* Single step: one instruction per call. */
    g_array_set_size(cpu->breakpoints, 0);
    env->pc = CODE;
    env->regs[1] = env->regs[2] = 0;
    cpu->halted = false;
    cpu->singlestep = true;
    for (int i = 1; i <= 4; i++) {
        g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_DEBUG);
        /* ... the fourth is the branch, taken back to the start */
        g_assert_cmphex(env->pc, ==, i < 4 ? CODE + 4 * i : CODE);
    }
    g_assert_cmpuint(env->regs[1], ==, 2);
    g_assert_cmpuint(env->regs[2], ==, 1);
    cpu->singlestep = false;
}

static void test_watchpoint(void)
{
    ToyEnv *env = toy_env(cpu);
    CPUWatchpoint wp = { .addr = 0x5004, .len = 4, .flags = BP_MEM_WRITE };

    toy_reset(cpu);
    LOAD(CODE,
         I(LUI, 3, 0, 0),
         I(ADDI, 1, 1, 1),
         I(ST + 3, 1, 3, 0x5000),     /* 8 bytes over the watched word */
         I(ADDI, 2, 2, 1),
         I(LD + 2, 4, 3, 0x5004),
         I(ADDI, 2, 2, 1),
         I(HALT, 0, 0, 0));
    cpu->watchpoints = g_array_new(FALSE, FALSE, sizeof(CPUWatchpoint));
    g_array_append_val(cpu->watchpoints, wp);
    tlb_flush(cpu);
    /* Stops after the store, which happened. */
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_DEBUG);
    g_assert_cmphex(env->pc, ==, CODE + 12);
    g_assert_cmpuint(*(uint64_t *)toy_ram_host(0x5000), ==, 1);
    g_assert_cmpuint(env->regs[2], ==, 0);
    g_assert_cmphex(accel_cpu(cpu)->watch_addr, ==, 0x5000);
    g_assert_cmpint(accel_cpu(cpu)->watch_flags, ==, BP_MEM_WRITE);
    /* Reads do not trigger a write watchpoint; the run completes. */
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpuint(env->regs[2], ==, 2);

    /* A read watchpoint stops after the load. */
    g_array_index(cpu->watchpoints, CPUWatchpoint, 0).flags = BP_MEM_READ;
    tlb_flush(cpu);
    cpu->halted = false;
    env->pc = CODE;
    env->regs[2] = 0;
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_DEBUG);
    g_assert_cmphex(env->pc, ==, CODE + 20);
    g_assert_cmpuint(env->regs[4], ==, 0);       /* upper half of r1 = 2 */
    g_assert_cmpuint(env->regs[2], ==, 1);
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_array_free(cpu->watchpoints, TRUE);
    cpu->watchpoints = NULL;
    tlb_flush(cpu);
}

/* ---- Code on two pages, code outside RAM ----------------------------------- */

static void test_block_on_two_pages(void)
{
    ToyEnv *env = toy_env(cpu);
    uint32_t insn = I(ADDI, 1, 1, 1);
    uint8_t *h = toy_ram_host(0x2ffe);

    toy_reset(cpu);
    /* One instruction at 0x2ffe, straddling the page boundary. */
    memcpy(h, &insn, 4);
    toy_write32(0x3002, I(HALT, 0, 0, 0));
    tb_flush(cpu);
    env->pc = 0x2ffe;
    g_assert_cmpint(toy_run(cpu, 100), ==, EXCP_HLT);
    g_assert_cmpuint(env->regs[1], ==, 1);
    g_assert_true(tb_page_has_tbs(0x2000));
    g_assert_true(tb_page_has_tbs(0x3000));
    /* A write to the second page's part changes the register field:
     * the block is invalidated through its second page. */
    g_assert_cmpint(address_space_write(get_address_space_memory(), 0x3000,
                                        MEMTXATTRS_UNSPECIFIED, "\x20", 1),
                    ==, MEMTX_OK);                      /* rd = 2, rs = 0 */
    cpu->halted = false;
    env->pc = 0x2ffe;
    g_assert_cmpint(toy_run(cpu, 100), ==, EXCP_HLT);
    g_assert_cmpuint(env->regs[1], ==, 1);
    g_assert_cmpuint(env->regs[2], ==, 1);
}

static void test_code_in_device(void)
{
    ToyEnv *env = toy_env(cpu);
    uint32_t prog[] = { I(ADDI, 1, 1, 3), I(ADDI, 1, 1, 4), I(HALT, 0, 0, 0) };
    TCGAccelStats before, after;

    toy_reset(cpu);
    memcpy(toy.dev_regs[0], prog, sizeof(prog));
    env->pc = TOY_DEV_BASE;
    before = stats();
    g_assert_cmpint(toy_run(cpu, 100), ==, EXCP_HLT);
    after = stats();
    g_assert_cmpuint(env->regs[1], ==, 7);
    /* One instruction per block, none cached. */
    g_assert_cmpuint(after.tbs_uncached - before.tbs_uncached, ==, 3);
    g_assert_cmpuint(after.tbs_live, ==, before.tbs_live);
}

/* ---- Logs and statistics -------------------------------------------------- */

static void test_exec_log_and_info(void)
{
    ToyEnv *env = toy_env(cpu);
    g_autofree char *path = g_build_filename(g_get_tmp_dir(), "turtle-accel-log-XXXXXX", NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) traces = NULL;
    GString *out = g_string_new(NULL);
    GError *err = NULL;
    int fd = g_mkstemp(path);

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    toy_reset(cpu);
    LOAD(CODE, I(ADDI, 1, 1, 1), I(BNE, 1, 2, -2), I(HALT, 0, 0, 0));
    env->regs[2] = 3;
    g_assert_true(log_set_file(path, &err));
    log_set_mask(LOG_EXEC | LOG_CPU | LOG_IN_ASM);
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    log_set_mask(0);
    log_flush();
    g_assert_true(log_set_file(NULL, &err));
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    /* Chaining is off while tracing: every run of the loop is logged. */
    g_assert_nonnull(strstr(text, "Trace 0:"));
    traces = g_strsplit(text, "Trace 0:", -1);
    g_assert_cmpuint(g_strv_length(traces) - 1, ==, 4);
    g_assert_nonnull(strstr(text, "pc=0000000000001000"));
    g_assert_nonnull(strstr(text, "IN: [pc=0x0000000000001000"));
    g_unlink(path);

    /* Block entries are counted under -d hotblocks only. */
    tcg_accel_info_jit(out);
    g_assert_nonnull(strstr(out->str, "TBs translated"));
    g_assert_nonnull(strstr(out->str, "not counted (-d hotblocks counts them)"));
    g_assert_null(strstr(out->str, "via chained jumps"));
    /* Without -icount instructions are not counted: no rates. */
    g_assert_nonnull(strstr(out->str, "refilled by tlb_fill"));
    g_assert_nonnull(strstr(out->str, "not counted (only under -icount)"));
    g_assert_null(strstr(out->str, "hit rate"));
    g_string_truncate(out, 0);
    log_set_mask(LOG_HOTBLOCKS);
    tcg_accel_info_jit(out);
    g_assert_nonnull(strstr(out->str, "via chained jumps"));
    g_string_free(out, TRUE);
}

/* ---- icount: exact budgets (last: it cannot be turned off) ---------------- */

static void test_icount_exact(void)
{
    ToyEnv *env = toy_env(cpu);
    GError *err = NULL;
    uint64_t insns0;

    g_assert_true(icount_configure("shift=0", &err));
    toy_reset(cpu);
    LOAD(CODE,
         I(ADDI, 1, 1, 1),
         I(ADDI, 1, 1, 1),
         I(ADDI, 1, 1, 1),
         I(B, 0, 0, -4));
    insns0 = cpu->insns_executed;
    g_assert_cmpint(toy_run(cpu, 1002), ==, EXCP_YIELD);
    /* 250 loops (1000 insns) and two more instructions, exactly. */
    g_assert_cmpuint(cpu->insns_executed - insns0, ==, 1002);
    g_assert_cmpuint(env->regs[1], ==, 752);
    g_assert_cmphex(env->pc, ==, CODE + 8);
    g_assert_cmpint(toy_run(cpu, 2), ==, EXCP_YIELD);
    g_assert_cmpuint(env->regs[1], ==, 753);
    g_assert_cmphex(env->pc, ==, CODE);

    /* A fault in the middle of a block counts only what ran. */
    toy_reset(cpu);
    toy.unmapped_lo = 0x300000;
    toy.unmapped_hi = 0x301000;
    LOAD(CODE,
         I(LUI, 3, 0, 0x30),
         I(ADDI, 1, 1, 1),
         I(LD + 3, 2, 3, 0),          /* faults: 2 insns ran */
         I(ADDI, 1, 1, 1),
         I(HALT, 0, 0, 0));
    insns0 = cpu->insns_executed;
    /* Fault, then the vector's HALT (one more instruction). */
    g_assert_cmpint(toy_run(cpu, 1000), ==, EXCP_HLT);
    g_assert_cmpuint(cpu->insns_executed - insns0, ==, 3);

    /* Counted instructions give info jit its per-instruction rates. */
    {
        GString *out = g_string_new(NULL);

        tcg_accel_info_jit(out);
        g_assert_null(strstr(out->str, "not counted (only under -icount)"));
        g_assert_nonnull(strstr(out->str, "per 1000 insns"));
        g_assert_nonnull(strstr(out->str, "hit rate"));
        g_string_free(out, TRUE);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    /* Block entries are counted (tb_entries) only under -d hotblocks. */
    log_set_mask(LOG_HOTBLOCKS);
    cpu = toy_new_cpu();
    g_test_add_func("/accel/exec/reuse-and-chaining", test_reuse_and_chaining);
    g_test_add_func("/accel/exec/goto-ptr", test_goto_ptr);
    g_test_add_func("/accel/exec/jrc-hit-and-miss", test_jrc_hit_and_miss);
    g_test_add_func("/accel/exec/jrc-flags-mismatch", test_jrc_flags_mismatch);
    g_test_add_func("/accel/exec/jc-tagged-flush", test_jc_tagged_flush);
    g_test_add_func("/accel/exec/jc-large-page-flush", test_jc_large_page_flush);
    g_test_add_func("/accel/exec/jrc-invalidated-target", test_jrc_invalidated_target);
    g_test_add_func("/accel/exec/jrc-breakpoint-and-step", test_jrc_breakpoint_and_step);
    g_test_add_func("/accel/exec/jrc-exec-log", test_jrc_exec_log);
    g_test_add_func("/accel/exec/smc-same-block", test_smc_same_block);
    g_test_add_func("/accel/exec/smc-other-block", test_smc_other_block);
    g_test_add_func("/accel/exec/smc-data-on-code-page", test_smc_data_on_code_page);
    g_test_add_func("/accel/exec/smc-recycled-descriptors",
                    test_smc_recycled_descriptors);
    g_test_add_func("/accel/exec/precise-fault", test_precise_fault);
    g_test_add_func("/accel/exec/other-faults", test_other_faults);
    g_test_add_func("/accel/exec/interrupt-latency", test_interrupt_latency);
    g_test_add_func("/accel/exec/halt-and-wake", test_halt_and_wake);
    g_test_add_func("/accel/exec/slice-timer", test_slice_timer);
    g_test_add_func("/accel/exec/mmio", test_mmio_from_code);
    g_test_add_func("/accel/exec/page-crossing", test_crossing_from_code);
    g_test_add_func("/accel/exec/atomic-and-rom", test_atomic_and_rom);
    g_test_add_func("/accel/exec/breakpoint-and-step", test_breakpoint_and_step);
    g_test_add_func("/accel/exec/watchpoint", test_watchpoint);
    g_test_add_func("/accel/exec/block-on-two-pages", test_block_on_two_pages);
    g_test_add_func("/accel/exec/code-in-device", test_code_in_device);
    g_test_add_func("/accel/exec/log-and-info", test_exec_log_and_info);
    g_test_add_func("/accel/exec/icount-exact", test_icount_exact);
    return g_test_run();
}
