/*
 * tcg-accel.h — what the rest of Turtle may ask of the TCG execution engine
 * beyond the AccelOps it registers (sysemu/cpus.h) and the target services
 * of exec/cpu-exec.h: flushing every translation, telling the engine which
 * MMU index instruction fetches use, and its statistics ("info jit").
 */
#ifndef TURTLE_ACCEL_TCG_TCG_ACCEL_H
#define TURTLE_ACCEL_TCG_TCG_ACCEL_H

#include "exec/cpu-exec.h"

/*
 * The MMU index of instruction fetches in the CPU's current state. The
 * engine fetches code through the TLB of that index (get_page_addr_code,
 * translator_ld*). A target registers it once, before running; without it
 * index 0 is used. (TCGCPUOps has no such hook yet.)
 */
void tcg_set_code_mmu_index_fn(int (*fn)(CPUState *cpu));

/*
 * Throws away every translation (all TBs, chains, jump caches) and resets
 * the code buffer. Safe at any time: if a vCPU is inside generated code the
 * flush is done when it comes back to its loop (it is asked to leave at its
 * next block entry), never under its feet.
 */
void tb_flush(CPUState *cpu);

/* Counters of the engine, summed over vCPUs (see docs/accel.md). */
typedef struct TCGAccelStats {
    /* translation cache */
    uint64_t tbs_translated;    /* translations made since start */
    uint64_t tbs_live;          /* blocks in the hash table now */
    uint64_t tbs_uncached;      /* one-shot blocks (code outside RAM) */
    uint64_t tbs_invalidated;   /* blocks dropped by writes to their code */
    uint64_t code_used, code_size;  /* code buffer bytes */
    uint64_t flushes;           /* whole-cache flushes (buffer full, tb_flush) */
    uint64_t retranslations_too_large;
    /* dispatch */
    uint64_t tb_entries;        /* blocks entered (counted by generated code) */
    uint64_t loop_dispatches;   /* blocks entered from the CPU loop */
    uint64_t ptr_dispatches;    /* blocks entered through goto_ptr lookups */
    uint64_t ptr_inline_hits;   /*   of which found by the inline probe */
    uint64_t ptr_misses;        /* goto_ptr lookups that went back to the loop */
    uint64_t chains_patched;    /* direct jumps patched */
    uint64_t chains_reset;      /* direct jumps unpatched by invalidation */
    uint64_t jc_hits, htable_lookups;
    uint64_t jc_revalidated;    /* stale jump cache entries found still valid */
    /* softmmu TLB */
    uint64_t tlb_slow_calls;    /* accesses that left the inline fast path */
    uint64_t tlb_victim_hits;   /* misses satisfied by the victim TLB */
    uint64_t tlb_fills;         /* calls to the target's tlb_fill */
    uint64_t tlb_flushes;       /* full flushes of one MMU index */
    uint64_t tlb_page_flushes;  /* page flushes */
    uint64_t tlb_resizes;
    /* guest instructions counted against budgets */
    uint64_t insns;
} TCGAccelStats;

void tcg_accel_get_stats(TCGAccelStats *st);
/* The "info jit" text. */
void tcg_accel_info_jit(GString *out);

#endif
