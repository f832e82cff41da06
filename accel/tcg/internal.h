/*
 * internal.h — data structures shared by the files of the execution engine
 * (accel/tcg): the engine's global state, the per-vCPU state, translated
 * blocks (TBlock) and the softmmu TLB's private side. Nothing outside
 * accel/tcg includes this except its unit tests, which look inside.
 *
 *   cpu-exec.c      the CPU loop (vcpu_exec), exits, interrupts, debug
 *   translate-all.c translating one block, restoring state from a host pc
 *   tb-maint.c      TB hash table, jump caches, chaining, invalidation, flush
 *   cputlb.c        the softmmu TLB and the slow paths of guest accesses
 *   translator.c    the generic translation loop and code fetch
 *   tcg-accel.c     AccelOps, engine start-up, statistics, "info jit"
 */
#ifndef TURTLE_ACCEL_TCG_INTERNAL_H
#define TURTLE_ACCEL_TCG_INTERNAL_H

#include "util/osdep.h"
#include "exec/cpu-exec.h"
#include "exec/translator.h"
#include "tcg/tcg.h"
#include "tcg/backend.h"
#include "accel/tcg/tcg-accel.h"

/* ---- Pages ------------------------------------------------------------- */

#define TLB_PAGE_BITS   TLB_PAGE_BITS_DEFAULT
#define TLB_PAGE_SIZE   ((vaddr)1 << TLB_PAGE_BITS)
#define TLB_PAGE_MASK   (~(TLB_PAGE_SIZE - 1))

#define RAM_ADDR_INVALID ((ram_addr_t)-1)

/* ---- Exit values of generated code ------------------------------------ */

/*
 * A block returns (TBlock *) | index to the loop. 0 and 1 are the goto_tb
 * slots of exit_tb; the prologue check at block entry adds two more. In
 * both of those cases the block did not run at all.
 */
enum {
    TB_EXIT_IDX0 = 0,
    TB_EXIT_IDX1 = 1,
    TB_EXIT_REQUESTED = 2,      /* cpu->exit_request was set */
    TB_EXIT_BUDGET = 3,         /* the instruction budget would be exceeded */
    TB_EXIT_MASK = 3,
};

/* ---- Translated blocks -------------------------------------------------- */

typedef struct TBlock TBlock;

struct TBlock {
    TranslationBlock base;      /* first: exit values point here */
    /* Key (with base.pc, cs_base, flags, cflags): the ram address of the
     * first byte (RAM_ADDR_INVALID for uncached one-shot blocks). */
    ram_addr_t ram_pc;
    hwaddr phys_pc;             /* guest physical address, for logs */
    /*
     * The code pages (ram addresses of the page starts) and the bytes of
     * each the block covers, [ram_lo, ram_hi). page_ram[1] is
     * RAM_ADDR_INVALID unless the block spans two pages; then phys_page2
     * is the guest physical page of the second one (re-checked at lookup:
     * the second page may be remapped independently).
     */
    ram_addr_t page_ram[2];
    ram_addr_t ram_lo[2], ram_hi[2];
    hwaddr phys_page2;
    bool uncached;              /* not in the hash table, never chained */
    /* Its first page was mapped PAGE_TAGGED when it was translated (for
     * the jump cache entry made right after, see tb_jc_set). */
    bool code_tagged;
    /* Host code (and its restore-state table). */
    TCGCodeInfo ci;
    /* Chaining: where goto_tb n jumps now (NULL: unchained), and the list
     * of (TBlock | n) jumping to this block, linked through
     * jmp_list_next[n] of each source. */
    TBlock *jmp_dest[2];
    uintptr_t jmp_list_next[2];
    uintptr_t jmp_list_head;
    /* icount mode: the pc of each instruction, to count the executed ones
     * exactly when a block is left in the middle. */
    uint64_t *insn_pc;
};

static inline TBlock *tb_from_base(const TranslationBlock *tb)
{
    return container_of((TranslationBlock *)tb, TBlock, base);
}

/* ---- Jump cache ---------------------------------------------------------- */

/*
 * Per vCPU, direct-mapped on the virtual pc. The index keeps the page
 * number in its high bits, so that flushing one page touches a group of
 * TB_JC_PAGE_ENTRIES entries only.
 *
 * An entry holds a copy of its block's key and host code address, so
 * that a hit (every goto_ptr dispatch) reads one cache line and never the
 * block descriptor. Clearing the whole cache (every full TLB flush) bumps
 * a generation number instead of writing the table: an entry is valid
 * only while its gen equals the vCPU's jc_gen; an older entry is still a
 * candidate that the miss path checks against the TLB (tb-maint.c).
 * tb_phys_invalidate clears the entry of a block it invalidates (tb =
 * NULL); a full flush of the translation cache zeroes the table.
 *
 * A tagged TLB flush (an address space switch) leaves the mappings of
 * global pages alone, so it need not invalidate their entries: each vCPU
 * logs the indexes of the entries it filled for blocks on tagged pages
 * (or on two pages) since the last flush, and a tagged flush makes only
 * those stale (gen = 0, still candidates for the miss path). When the log
 * overflows, the tagged flush bumps the generation like a full one.
 *
 * Generated code probes the table itself at indirect branches
 * (translator_lookup_and_goto_ptr, translator.c): it computes tb_jc_hash,
 * compares pc, cs_base, flags | cflags << 32 (one 64-bit word) and gen
 * against AccelCPUState.ptr_gen, and jumps to code. The layout below is
 * what that code assumes (checked at build time).
 */
#define TB_JC_BITS          14
#define TB_JC_SIZE          (1u << TB_JC_BITS)
#define TB_JC_PAGE_BITS     6
#define TB_JC_PAGE_ENTRIES  (1u << (TB_JC_BITS - TB_JC_PAGE_BITS))
#define TB_JC_ENTRY_SHIFT   6   /* 64-byte entries, one cache line each */
#define TB_JC_TAGGED_LOG    512 /* logged tagged entries per vCPU */

typedef struct TBJmpCacheEntry {
    vaddr pc;
    uint64_t cs_base;
    uint32_t flags;
    uint32_t cflags;
    uint32_t gen;               /* valid iff == AccelCPUState.jc_gen */
    struct TBlock *tb;
    const void *code;           /* tb->ci.code */
} __attribute__((aligned(1u << TB_JC_ENTRY_SHIFT))) TBJmpCacheEntry;

_Static_assert(TB_JC_SIZE <= 65536, "jc_tagged_log holds 16-bit indexes");
_Static_assert(sizeof(TBJmpCacheEntry) == 1u << TB_JC_ENTRY_SHIFT,
               "jump cache entry size");
_Static_assert(offsetof(TBJmpCacheEntry, cflags) ==
               offsetof(TBJmpCacheEntry, flags) + 4,
               "flags | cflags << 32 is one little-endian word");

/*
 * hash = ((t >> 12) & 63) << 8 | (t & 255) with t = pc ^ (pc >> 6): the
 * group (t bits 12-17 = page number bits 0-5 ^ 6-11) depends on the page
 * only; the offset mixes the low pc bits with those above (bits 0-1 are
 * zero on fixed-width ISAs). Generated code computes the same.
 */
#define TB_JC_MIX_SHIFT     6

static inline unsigned tb_jc_page_group(vaddr pc)
{
    vaddr t = pc ^ (pc >> TB_JC_MIX_SHIFT);

    return (unsigned)((t >> TLB_PAGE_BITS) & ((1u << TB_JC_PAGE_BITS) - 1));
}

static inline unsigned tb_jc_hash(vaddr pc)
{
    vaddr t = pc ^ (pc >> TB_JC_MIX_SHIFT);

    return (tb_jc_page_group(pc) << (TB_JC_BITS - TB_JC_PAGE_BITS)) |
           (unsigned)(t & (TB_JC_PAGE_ENTRIES - 1));
}

/* ---- TLB, private side -------------------------------------------------- */

#define CPU_VTLB_SIZE           8
#define CPU_TLB_DYN_MIN_BITS    8       /* 256 entries */
#define CPU_TLB_DYN_MAX_BITS    16      /* 65536 entries */
#define CPU_TLB_WINDOW_NS       (100 * 1000 * 1000)

/* What the slow path needs to know about a TLB entry's page. */
typedef struct CPUTLBEntryFull {
    hwaddr phys_addr;           /* guest physical address of the TLB page */
    ram_addr_t ram_addr;        /* RAM/ROM page: its ram address, else invalid */
    MemoryRegion *mr;           /* I/O region covering the whole page, or NULL */
    hwaddr mr_offset;           /* offset of the page start in mr */
    MemTxAttrs attrs;
    uint8_t prot;               /* PAGE_* as the MMU granted them */
    uint8_t lg_page_size;       /* log2 of the guest page size */
    bool readonly;              /* RAM the guest may not write (ROM) */
    bool lookup;                /* look the section up at each access
                                   (page shared by several regions) */
} CPUTLBEntryFull;

typedef struct CPUTLBDesc {
    /* The large page(s) installed in this index, merged into one range:
     * flushing any page inside flushes the whole index. -1: none. */
    vaddr large_page_addr;
    vaddr large_page_mask;
    /* Sizing policy: entries in use, and the most used in the window. */
    int64_t window_begin_ns;
    size_t window_max_entries;
    size_t n_used_entries;
    /* Conflict evictions since the table was last sized or flushed: a
     * table that keeps evicting grows at once (rehashed), not at a flush. */
    size_t evictions;
    int64_t evict_begin_ns;     /* when evictions started counting */
    /* The slots filled since the table was last cleared (in any order,
     * maybe repeated, maybe emptied since): clearing only these makes
     * the flush of a big, sparsely used table cheap. used_log_len >
     * used_log_cap: overflowed, every slot may be in use. */
    uint32_t *used_log;
    size_t used_log_len;
    size_t used_log_cap;
    /* Victim TLB: entries evicted by a conflict, searched before a fill. */
    unsigned vindex;
    CPUTLBEntry vtable[CPU_VTLB_SIZE];
    CPUTLBEntryFull vfull[CPU_VTLB_SIZE];
    CPUTLBEntryFull *fulltlb;   /* parallel to the fast table */
} CPUTLBDesc;

/* A TLB flush to do on some vCPU (possibly deferred to its safe point). */
typedef enum TLBFlushKind {
    TLB_FLUSH_BY_MMUIDX,
    TLB_FLUSH_PAGE_BY_MMUIDX,
    TLB_FLUSH_RANGE_BY_MMUIDX,
    TLB_FLUSH_TAGGED_BY_MMUIDX,
} TLBFlushKind;

typedef struct TLBFlushRequest {
    TLBFlushKind kind;
    vaddr addr;
    uint64_t len;
    uint16_t idxmap;
    unsigned bits;
} TLBFlushRequest;

/* ---- Per-vCPU state (cpu->accel) ---------------------------------------- */

typedef struct AccelCPUState {
    /* Read and written by generated code at block entry (fixed offsets). */
    int64_t budget_left;        /* instructions this vcpu_exec may still run */
    uint64_t tb_entries;        /* blocks entered (statistics) */
    /* Read by the inline jump cache probe of goto_ptr: jc_gen while
     * blocks may jump to each other (chaining_allowed, cpu-exec.c), else
     * 0, which makes every probe fall back to helper_lookup_tb_ptr. */
    uint32_t ptr_gen;
    uint64_t ptr_inline_hits;   /* goto_ptr probes that hit (statistics) */

    CPUState *cpu;
    const TCGCPUOps *ops;
    int nb_mmu_modes;

    /* The CPU loop */
    bool in_exec;               /* inside vcpu_exec (jmp_env is valid) */
    /* Host time (CLOCK_RT) after which a slice ends at the next slow-path
     * event (exception, translation) even with budget left: a guest stuck
     * in an exception or retranslation storm runs ~1000x slower per
     * instruction, and must not starve devices and the monitor. 0: none. */
    int64_t slow_deadline_ns;
    TBlock *last_tb;            /* block that exited through an unpatched */
    int last_idx;               /*   goto_tb slot, for chaining */
    unsigned last_gen;          /* flush generation last_tb belongs to */
    uint32_t cflags_next;       /* cflags of the next block only, or -1 */
    bool bp_skip;               /* resume at a breakpoint: don't stop again */
    vaddr bp_skip_pc;
    GArray *bp_snapshot;        /* breakpoints the cached code was made for */
    int watch_state;            /* WATCH_* */
    vaddr watch_addr;           /* the access that hit a watchpoint */
    int watch_flags;            /*   and its kind (BP_MEM_*) */

    TBJmpCacheEntry *jmp_cache;
    uint32_t jc_gen;            /* generation of the valid entries (>= 1) */
    /* Entries filled for tagged code since the last flush (see the jump
     * cache above); jc_tagged_len > TB_JC_TAGGED_LOG: overflowed. */
    uint16_t jc_tagged_log[TB_JC_TAGGED_LOG];
    unsigned jc_tagged_len;

    /* The TLB: fast side in cpu->tlb_fast, slow side here. */
    CPUTLBDesc tlb[CPU_MAX_MMU_MODES];
    MemoryListener listener;

    /* TLB flushes asked by other vCPUs, run at this vCPU's next safe point
     * (only used when vCPUs run on their own threads). */
    GMutex work_lock;
    GQueue work;
    int work_pending;

    /* statistics */
    uint64_t loop_dispatches, ptr_dispatches, ptr_misses;
    uint64_t tlb_slow_calls, tlb_victim_hits, tlb_fills;
    uint64_t tlb_flushes, tlb_page_flushes, tlb_resizes;
    uint64_t insns;
} AccelCPUState;

/*
 * Watchpoints: an access that hits one is undone (state restored to its
 * instruction) and that instruction re-run alone with watchpoints ignored
 * (STEPPING); when it has completed, the loop reports EXCP_DEBUG. An access
 * from a helper without a return address cannot be re-run: it completes
 * and the hit is reported when the loop is next reached (REPORT).
 */
enum {
    WATCH_NONE,
    WATCH_STEPPING,
    WATCH_REPORT,
};

static inline AccelCPUState *accel_cpu(CPUState *cpu)
{
    return (AccelCPUState *)cpu->accel;
}

/* ---- The engine --------------------------------------------------------- */

typedef struct TCGEngine {
    bool ready;
    TCGContext ctx;
    TCGCodeBuf codebuf;
    size_t codebuf_size;
    TCGPrologue prologue;
    TCGBackendConfig cfg;
    /* env_ptr - cpu: the same for every vCPU (env is embedded). */
    ptrdiff_t env_offset;
    int (*code_mmu_index)(CPUState *cpu);
    /* vCPUs on their own threads (cross-vCPU work is queued); false in
     * the round-robin scheduler Turtle has today. */
    bool threaded;

    /* TB cache */
    GHashTable *tb_htable;      /* TBlock * (key fields) -> itself */
    GHashTable *page_map;       /* ram page -> TBPageList */
    GPtrArray *tbs;             /* every TB since the last flush, by code address */
    unsigned flush_gen;         /* bumped by every full flush */
    bool flush_pending;         /* tb_flush asked while generated code runs */

    /* Translation in progress (translator.c) */
    struct {
        TBlock *tb;
        vaddr page0;
        void *host0;            /* host pointer of page0, NULL if not RAM */
        vaddr page1;            /* second page, -1 until fetched */
        void *host1;
        TCGOp *budget_op;       /* sub whose constant becomes the icount */
        TCGLabel *exit_label, *budget_label;
    } tr;

    /* statistics not kept per vCPU */
    uint64_t tbs_translated, tbs_uncached, tbs_invalidated, flushes;
    uint64_t chains_patched, chains_reset, jc_hits, htable_lookups;
    uint64_t jc_revalidated;    /* stale jump cache entries found valid */
    uint64_t too_large;
} TCGEngine;

extern TCGEngine tcg_engine;

static inline CPUState *env_cpu(void *env)
{
    return (CPUState *)((char *)env - tcg_engine.env_offset);
}

static inline int tcg_code_mmu_index(CPUState *cpu)
{
    return tcg_engine.code_mmu_index ? tcg_engine.code_mmu_index(cpu) : 0;
}

/* ---- tcg-accel.c -------------------------------------------------------- */

/* Starts the engine (code buffer, prologue, context) for the first vCPU. */
bool tcg_engine_init(CPUState *first_cpu, GError **errp);
/* Tests: a smaller code buffer (before the first vcpu_init). */
void tcg_engine_set_codebuf_size(size_t bytes);
bool tcg_vcpu_init(CPUState *cpu, GError **errp);
int tcg_vcpu_exec(CPUState *cpu, int64_t budget);

/* ---- cpu-exec.c --------------------------------------------------------- */

/* The helper behind tcg_gen_lookup_and_goto_ptr: host code of the block
 * for the current state, or the prologue's ret0. */
uintptr_t helper_lookup_tb_ptr(void *env);
extern const TCGHelperInfo helper_lookup_tb_ptr_info;
/* The cflags every block gets now (logging, single step...). */
uint32_t tcg_curr_cflags(CPUState *cpu);
/* What tcg_curr_cflags returns whenever blocks may chain (the inline
 * goto_ptr probe looks for blocks with these cflags). */
#define TB_CFLAGS_CHAINED 0u

/* ---- translate-all.c ---------------------------------------------------- */

TBlock *tb_gen_code(CPUState *cpu, vaddr pc, uint64_t cs_base,
                    uint32_t flags, uint32_t cflags);
/* Restores the guest state of the instruction of tb at host pc ra. */
void cpu_restore_state_from_tb(CPUState *cpu, TBlock *tb, uintptr_t ra);

/* ---- tb-maint.c --------------------------------------------------------- */

void tb_maint_init(void);
/* The jump cache miss path of tb_lookup (hash table, fills the entry). */
TBlock *tb_lookup_slow(CPUState *cpu, vaddr pc, uint64_t cs_base,
                       uint32_t flags, uint32_t cflags);
/* Records tb in the jump cache of cpu; tagged: pc's page is mapped
 * PAGE_TAGGED now (the entry must not survive a tagged TLB flush). */
void tb_jc_set(CPUState *cpu, TBlock *tb, bool tagged);

/* The valid jump cache entry of cpu for this state, or NULL. */
static inline TBJmpCacheEntry *tb_jc_find(AccelCPUState *a, vaddr pc,
                                          uint64_t cs_base, uint32_t flags,
                                          uint32_t cflags)
{
    TBJmpCacheEntry *jc = &a->jmp_cache[tb_jc_hash(pc)];

    if (likely(jc->pc == pc && jc->gen == a->jc_gen && jc->tb &&
               jc->flags == flags && jc->cflags == cflags &&
               jc->cs_base == cs_base)) {
        tcg_engine.jc_hits++;
        return jc;
    }
    return NULL;
}

/* The block for this state, or NULL: jump cache, then the hash table. */
static inline TBlock *tb_lookup(CPUState *cpu, vaddr pc, uint64_t cs_base,
                                uint32_t flags, uint32_t cflags)
{
    TBJmpCacheEntry *jc = tb_jc_find(accel_cpu(cpu), pc, cs_base, flags, cflags);

    return jc ? jc->tb : tb_lookup_slow(cpu, pc, cs_base, flags, cflags);
}
/* Makes a freshly translated block findable (hash, pages, code bits). */
void tb_link(TBlock *tb);
/* A zeroed block descriptor, valid until the next tb_flush_all(). */
TBlock *tb_alloc(void);
/* Recycles invalidated descriptors; only between blocks, from the loop. */
void tb_reclaim(void);
/* Appends tb to the host-pc index (every block, cached or not). */
void tb_record(TBlock *tb);
/* The block whose host code contains the return address ra, or NULL. */
TBlock *tb_find_by_host_pc(uintptr_t ra);
/* Patches goto_tb n of from to jump to to. */
void tb_add_jump(TBlock *from, int n, TBlock *to);
void tb_phys_invalidate(TBlock *tb);
/* Invalidates the blocks overlapping [start, end) of ram; returns true if
 * cur (may be NULL) was one of them. */
bool tb_invalidate_ram_range(ram_addr_t start, ram_addr_t end, TBlock *cur);
/*
 * A guest store through the TLB is about to write [start, start+len) of a
 * code page: invalidates the blocks there. If the block that makes the
 * store (found from ra) is among them and has more instructions, restores
 * its state to the store and leaves to the loop, which re-runs the store
 * alone in a fresh one-instruction block: the rest of the stale block
 * never runs. Returns only if execution may go on.
 */
void tb_invalidate_for_store(CPUState *cpu, ram_addr_t start, uint64_t len,
                             uintptr_t ra);
/* Throws away every block now (must not be inside generated code). */
void tb_flush_all(void);
/* -d hotblocks: prints the n most entered live blocks. */
void tb_print_hotblocks(FILE *f, unsigned n);
void tb_jmp_cache_clear(CPUState *cpu);
/* A tagged TLB flush: only the entries for tagged code go stale. */
void tb_jmp_cache_clear_tagged(CPUState *cpu);
void tb_jmp_cache_clear_page(CPUState *cpu, vaddr addr);
/* Code pages (for tests and "info jit"). */
unsigned tb_page_count(void);
bool tb_page_has_tbs(ram_addr_t page);

/* ---- cputlb.c ----------------------------------------------------------- */

void tlb_init(CPUState *cpu);
void tlb_destroy(CPUState *cpu);
/* Puts TLB_NOTDIRTY on every vCPU's write entries for a RAM page that now
 * holds code. */
void tlb_protect_code(ram_addr_t page);
/* Runs TLB flushes other vCPUs queued for cpu. */
void tlb_run_pending_work(CPUState *cpu);
/*
 * Instruction fetch through the code TLB (the code MMU index): fills the
 * TLB if needed (never faults: returns false when the MMU refuses). On
 * success *full is the page's entry and *host the host address of addr
 * (NULL if the page is not RAM).
 */
bool tlb_lookup_code(CPUState *cpu, vaddr addr, CPUTLBEntryFull **full,
                     void **host);
/* Reports a recorded watchpoint hit to the debugger. */
void tlb_watch_report(CPUState *cpu);
/* Table size of one MMU index (tests, statistics). */
size_t tlb_table_size(CPUState *cpu, int mmu_idx);
size_t tlb_used_entries(CPUState *cpu, int mmu_idx);

/* The slow paths handed to the backend (exec/tlb-common.h). */
uint64_t tlb_slow_ld(void *env, uint64_t addr, uint32_t oi, uintptr_t ra);
void tlb_slow_st(void *env, uint64_t addr, uint64_t val, uint32_t oi,
                 uintptr_t ra);
uint64_t tlb_slow_cmpxchg(void *env, uint64_t addr, uint64_t cmp,
                          uint64_t newv, uint32_t oi, uintptr_t ra);
uint64_t tlb_slow_rmw(void *env, uint64_t addr, uint64_t val, uint32_t oi,
                      uint32_t op, uintptr_t ra);

/* ---- translator.c ------------------------------------------------------- */

/* Prepares the code-fetch state for translating tb (page 0 looked up). */
void translator_begin(TBlock *tb, vaddr page0, void *host0);

#endif
