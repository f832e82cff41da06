/*
 * tb-maint.c — the cache of translated blocks: finding a block (per-vCPU
 * jump cache in front of a global hash table), chaining blocks together,
 * and throwing blocks away when the guest writes to their code.
 *
 * Keys. A block is found by (ram address of its first byte, virtual pc,
 * cs_base, flags, cflags). The ram address (not the guest physical
 * address) makes the key survive memory-map changes: if RAM moves, the same
 * bytes keep their ram address. The jump cache skips the TLB walk for the
 * common case; it is indexed by virtual pc only, so every TLB flush of a
 * vCPU clears the matching part of its jump cache.
 *
 * Pages. Every RAM page that holds code has a list of the blocks on it
 * (a block that spans two pages is on both lists) and its code bit set in
 * the RAM block (exec/memory.h), which makes the TLB send writes to it
 * through the slow path (TLB_NOTDIRTY). A write there invalidates the
 * blocks whose bytes it overlaps; when the last block of a page goes, the
 * page's code bit is cleared. Invalidating by byte range rather than by
 * page avoids retranslation storms on pages that mix code and data.
 *
 * Chaining. A block that left through goto_tb slot n returns (block | n);
 * when the loop has found the next block it patches that jump to go there
 * directly and records the source on the destination's incoming list, so
 * that invalidating the destination can unpatch every jump to it.
 *
 * Memory. Block descriptors live until the next full flush, even when
 * invalidated: a block may still be running when its code is modified, and
 * its descriptor is what its exit value points to. They are carved from
 * big chunks (tb_alloc) that a flush recycles whole: no malloc per
 * translation. An invalidated descriptor becomes a zombie: it stays in the
 * host-pc index while its code may still run, and tb_reclaim (called
 * before each translation, from the loop: no generated code is running
 * then, and with the round-robin scheduler none on any vCPU) drops it from
 * the index and recycles it, so that a guest that rewrites and reruns its
 * code without end (self-modifying code) does not touch fresh memory for
 * every translation.
 */
#include "util/osdep.h"
#include "util/log.h"
#include "accel/tcg/internal.h"

#include <sys/mman.h>

typedef struct TBPageList {
    ram_addr_t page;            /* key (ram address of the page start) */
    GPtrArray *tbs;
} TBPageList;

/* ---- Descriptor memory ------------------------------------------------------ */

#define TB_CHUNK_SIZE (2 * MiB)

typedef struct TBChunk {
    struct TBChunk *next;
    char data[] __attribute__((aligned(64)));
} TBChunk;

static struct {
    TBChunk *first;             /* every chunk, kept across flushes */
    TBChunk *cur;               /* chunk being filled (NULL: none yet) */
    char *ptr, *end;
    TBlock *free_list;          /* recycled, linked through jmp_dest[0] */
    GPtrArray *zombies;         /* invalidated, still in tcg_engine.tbs */
    guint zombies_far;          /* zombies[0, this): far from the index's
                                   end, waiting for a pass */
} tb_mem;

static TBChunk *tb_chunk_new(void)
{
    void *p = NULL;

    if (posix_memalign(&p, TB_CHUNK_SIZE, TB_CHUNK_SIZE) != 0) {
        g_error("tcg: out of memory for block descriptors");
    }
#ifdef MADV_HUGEPAGE
    /* One fault per chunk where the host allows it, not one per page. */
    madvise(p, TB_CHUNK_SIZE, MADV_HUGEPAGE);
#endif
    ((TBChunk *)p)->next = NULL;
    return p;
}

TBlock *tb_alloc(void)
{
    size_t n = ROUND_UP(sizeof(TBlock), 64);
    TBlock *tb;

    if (tb_mem.free_list) {
        tb = tb_mem.free_list;
        tb_mem.free_list = tb->jmp_dest[0];
        memset(tb, 0, sizeof(*tb));
        return tb;
    }
    if (unlikely((size_t)(tb_mem.end - tb_mem.ptr) < n)) {
        TBChunk *c = tb_mem.cur ? tb_mem.cur->next : tb_mem.first;

        if (!c) {
            c = tb_chunk_new();
            if (tb_mem.cur) {
                tb_mem.cur->next = c;
            } else {
                tb_mem.first = c;
            }
        }
        tb_mem.cur = c;
        tb_mem.ptr = c->data;
        tb_mem.end = (char *)c + TB_CHUNK_SIZE;
    }
    tb = (TBlock *)tb_mem.ptr;
    tb_mem.ptr += n;
    memset(tb, 0, sizeof(*tb));
    return tb;
}

/* Every descriptor is gone (flush): reuse the chunks from the first. */
static void tb_mem_reset(void)
{
    tb_mem.cur = NULL;
    tb_mem.ptr = tb_mem.end = NULL;
    tb_mem.free_list = NULL;
    if (tb_mem.zombies) {
        g_ptr_array_set_size(tb_mem.zombies, 0);
    }
    tb_mem.zombies_far = 0;
}

static void tb_recycle(TBlock *tb)
{
    g_free(tb->insn_pc);
    tb->insn_pc = NULL;
    tb->jmp_dest[0] = tb_mem.free_list;
    tb_mem.free_list = tb;
}

/* Position of tb in the host-pc index, or -1. */
static gssize tb_index(const TBlock *tb)
{
    GPtrArray *tbs = tcg_engine.tbs;
    guint lo = 0, hi = tbs->len;

    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        TBlock *t = g_ptr_array_index(tbs, mid);

        if ((uintptr_t)t->ci.code < (uintptr_t)tb->ci.code) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < tbs->len && g_ptr_array_index(tbs, lo) == tb ? (gssize)lo : -1;
}

/* Zombies this close to the end of the index leave it one by one. */
#define TB_RECLAIM_NEAR_END 256

void tb_reclaim(void)
{
    GPtrArray *z = tb_mem.zombies, *tbs = tcg_engine.tbs;
    CPUState *cpu;
    guint keep;

    if (!z || z->len == tb_mem.zombies_far || tcg_engine.threaded) {
        return;                 /* nothing new */
    }
    /* A block that invalidated itself may have exited through a goto_tb
       slot since: nothing may chain from it (tb_add_jump refuses anyway). */
    CPU_FOREACH(cpu) {
        AccelCPUState *a = accel_cpu(cpu);

        if (a && a->last_tb && (a->last_tb->base.cflags & CF_INVALID)) {
            a->last_tb = NULL;
        }
    }
    if ((size_t)z->len * 16 >= tbs->len) {
        /* Many: one pass over the index removes them all. Every
           invalidated block in it is a zombie. */
        guint j = 0;

        for (guint i = 0; i < tbs->len; i++) {
            TBlock *t = g_ptr_array_index(tbs, i);

            if (t->base.cflags & CF_INVALID) {
                tb_recycle(t);
            } else {
                g_ptr_array_index(tbs, j++) = t;
            }
        }
        g_ptr_array_set_size(tbs, j);
        g_ptr_array_set_size(z, 0);
        tb_mem.zombies_far = 0;
        return;
    }
    /* Few: new ones near the end (just translated, the self-modifying
       code case) leave by a short move; the others wait for a pass. */
    keep = tb_mem.zombies_far;
    for (guint i = tb_mem.zombies_far; i < z->len; i++) {
        TBlock *t = g_ptr_array_index(z, i);
        gssize idx = tb_index(t);

        if (idx >= 0 && tbs->len - (guint)idx <= TB_RECLAIM_NEAR_END) {
            g_ptr_array_remove_index(tbs, (guint)idx);
            tb_recycle(t);
        } else if (idx >= 0) {
            g_ptr_array_index(z, keep++) = t;
        }
    }
    g_ptr_array_set_size(z, keep);
    tb_mem.zombies_far = keep;
}

/* ---- Hash table ------------------------------------------------------------ */

/* CF_INVALID is state, not key. */
#define CF_KEY_MASK (~(uint32_t)CF_INVALID)

static guint tb_key_hash(gconstpointer p)
{
    const TBlock *tb = p;
    uint64_t h = tb->ram_pc * 0x9e3779b97f4a7c15ull;

    h ^= (uint64_t)tb->base.pc * 0xc2b2ae3d27d4eb4full;
    h ^= tb->base.cs_base * 0x165667b19e3779f9ull;
    h ^= ((uint64_t)tb->base.flags << 32) | (tb->base.cflags & CF_KEY_MASK);
    h ^= h >> 29;
    return (guint)(h ^ (h >> 32));
}

static gboolean tb_key_equal(gconstpointer pa, gconstpointer pb)
{
    const TBlock *a = pa, *b = pb;

    return a->ram_pc == b->ram_pc && a->base.pc == b->base.pc &&
           a->base.cs_base == b->base.cs_base && a->base.flags == b->base.flags &&
           (a->base.cflags & CF_KEY_MASK) == (b->base.cflags & CF_KEY_MASK);
}

static void page_list_free(gpointer p)
{
    TBPageList *pl = p;

    g_ptr_array_free(pl->tbs, TRUE);
    g_free(pl);
}

void tb_maint_init(void)
{
    if (tcg_engine.tb_htable) {
        return;
    }
    tcg_engine.tb_htable = g_hash_table_new(tb_key_hash, tb_key_equal);
    tcg_engine.page_map = g_hash_table_new_full(g_int64_hash, g_int64_equal,
                                                NULL, page_list_free);
    tcg_engine.tbs = g_ptr_array_new();
}

/* ---- Jump caches ------------------------------------------------------------- */

/* Really empties the cache: the blocks it points to are going away. */
static void tb_jmp_cache_reset(CPUState *cpu)
{
    AccelCPUState *a = accel_cpu(cpu);

    if (a) {
        memset(a->jmp_cache, 0, sizeof(TBJmpCacheEntry) * TB_JC_SIZE);
    }
}

void tb_jmp_cache_clear(CPUState *cpu)
{
    AccelCPUState *a = accel_cpu(cpu);

    if (!a) {
        return;
    }
    /* A new generation invalidates every entry without touching the
     * table; only when the counter wraps is the table rewritten. */
    a->jc_tagged_len = 0;
    if (++a->jc_gen == 0) {
        memset(a->jmp_cache, 0, sizeof(TBJmpCacheEntry) * TB_JC_SIZE);
        a->jc_gen = 1;
    }
    /* Generated code may be running (a helper flushed the TLB): its
     * probes must see the new generation at once. */
    if (a->ptr_gen) {
        a->ptr_gen = a->jc_gen;
    }
}

void tb_jmp_cache_clear_tagged(CPUState *cpu)
{
    AccelCPUState *a = accel_cpu(cpu);

    if (!a) {
        return;
    }
    if (a->jc_tagged_len > TB_JC_TAGGED_LOG) {
        tb_jmp_cache_clear(cpu);
        return;
    }
    /* gen 0 is never current (jc_gen >= 1): the entry stays a candidate
     * for revalidation by tb_lookup_slow. */
    for (unsigned i = 0; i < a->jc_tagged_len; i++) {
        a->jmp_cache[a->jc_tagged_log[i]].gen = 0;
    }
    a->jc_tagged_len = 0;
}

/*
 * Drops the entries of the blocks starting on addr's page. The group of
 * the page also holds entries of other pages (those with the same group
 * bits): they stay. Pages are compared on bits 12-55 only, so that an
 * address with another top byte (flushes that ignore it) still matches.
 */
#define TB_JC_PAGE_CMP_MASK (TLB_PAGE_MASK & (((vaddr)1 << 56) - 1))

static void tb_jmp_cache_clear_group(AccelCPUState *a, vaddr addr)
{
    unsigned first = tb_jc_page_group(addr) << (TB_JC_BITS - TB_JC_PAGE_BITS);
    TBJmpCacheEntry *jc = &a->jmp_cache[first];

    for (unsigned i = 0; i < TB_JC_PAGE_ENTRIES; i++) {
        if (!((jc[i].pc ^ addr) & TB_JC_PAGE_CMP_MASK)) {
            jc[i].tb = NULL;
            jc[i].code = NULL;
            jc[i].gen = 0;
        }
    }
}

void tb_jmp_cache_clear_page(CPUState *cpu, vaddr addr)
{
    AccelCPUState *a = accel_cpu(cpu);

    if (!a) {
        return;
    }
    /* A block starting on the page before may extend into this one. */
    tb_jmp_cache_clear_group(a, addr);
    tb_jmp_cache_clear_group(a, addr - TLB_PAGE_SIZE);
}

/* ---- Lookup ------------------------------------------------------------------ */

/*
 * stale: the jump cache entry for pc, whose generation may be old. A TLB
 * flush only bumps the generation; when the entry's key still matches and
 * pc still maps to the block's ram address, the block is found without
 * the hash table (the common case after a context switch: the kernel's
 * code has not moved). A stale entry never points to a recycled block:
 * invalidating a block clears the one entry that can point to it (the
 * index of its pc), and a full flush really clears the cache.
 */
static TBlock *tb_htable_lookup(CPUState *cpu, const TBJmpCacheEntry *stale,
                                vaddr pc, uint64_t cs_base, uint32_t flags,
                                uint32_t cflags, bool *tagged)
{
    CPUTLBEntryFull *full;
    void *host;
    TBlock key, *tb;
    ram_addr_t ram_pc;

    if (!tlb_lookup_code(cpu, pc, &full, &host) || !host) {
        return NULL;            /* unmapped or not RAM: never cached */
    }
    *tagged = (full->prot & PAGE_TAGGED) != 0;
    ram_pc = full->ram_addr + (pc & ~TLB_PAGE_MASK);
    if (stale && stale->tb && stale->pc == pc && stale->flags == flags &&
        stale->cflags == cflags && stale->cs_base == cs_base &&
        stale->tb->ram_pc == ram_pc && !(stale->tb->base.cflags & CF_INVALID)) {
        tb = stale->tb;
        tcg_engine.jc_revalidated++;
    } else {
        tcg_engine.htable_lookups++;
        key.base.pc = pc;
        key.base.cs_base = cs_base;
        key.base.flags = flags;
        key.base.cflags = cflags;
        key.ram_pc = ram_pc;
        tb = g_hash_table_lookup(tcg_engine.tb_htable, &key);
    }
    if (tb && tb->page_ram[1] != RAM_ADDR_INVALID) {
        /* The second page is mapped on its own: check it still is. */
        vaddr page2 = (pc & TLB_PAGE_MASK) + TLB_PAGE_SIZE;

        if (!tlb_lookup_code(cpu, page2, &full, &host) || !host ||
            full->ram_addr != tb->page_ram[1]) {
            tb_phys_invalidate(tb);
            return NULL;
        }
    }
    return tb;
}

void tb_jc_set(CPUState *cpu, TBlock *tb, bool tagged)
{
    AccelCPUState *a = accel_cpu(cpu);
    unsigned idx = tb_jc_hash(tb->base.pc);
    TBJmpCacheEntry *jc = &a->jmp_cache[idx];

    /* A block on two pages: the second one may be tagged. */
    if ((tagged || tb->page_ram[1] != RAM_ADDR_INVALID) &&
        a->jc_tagged_len <= TB_JC_TAGGED_LOG) {
        if (a->jc_tagged_len < TB_JC_TAGGED_LOG) {
            a->jc_tagged_log[a->jc_tagged_len] = idx;
        }
        a->jc_tagged_len++;
    }

    jc->pc = tb->base.pc;
    jc->cs_base = tb->base.cs_base;
    jc->flags = tb->base.flags;
    jc->cflags = tb->base.cflags;
    jc->gen = a->jc_gen;
    jc->tb = tb;
    jc->code = tb->ci.code;
}

TBlock *tb_lookup_slow(CPUState *cpu, vaddr pc, uint64_t cs_base,
                       uint32_t flags, uint32_t cflags)
{
    AccelCPUState *a = accel_cpu(cpu);
    bool tagged = true;
    TBlock *tb = tb_htable_lookup(cpu, &a->jmp_cache[tb_jc_hash(pc)], pc,
                                  cs_base, flags, cflags, &tagged);

    if (tb) {
        tb_jc_set(cpu, tb, tagged);
    }
    return tb;
}

/* ---- Host pc -> block --------------------------------------------------------- */

void tb_record(TBlock *tb)
{
    /* Code is handed out bump-pointer style between flushes, so appending
     * keeps the array sorted by code address. */
    g_ptr_array_add(tcg_engine.tbs, tb);
}

TBlock *tb_find_by_host_pc(uintptr_t ra)
{
    GPtrArray *tbs = tcg_engine.tbs;
    guint lo = 0, hi = tbs ? tbs->len : 0;
    TBlock *tb;

    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        TBlock *t = g_ptr_array_index(tbs, mid);

        if ((uintptr_t)t->ci.code < ra) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo == 0) {
        return NULL;
    }
    tb = g_ptr_array_index(tbs, lo - 1);
    /* A return address is just after its call: (code, code + size]. */
    if (ra > (uintptr_t)tb->ci.code &&
        ra <= (uintptr_t)tb->ci.code + tb->ci.code_size) {
        return tb;
    }
    return NULL;
}

/* ---- Pages -------------------------------------------------------------------- */

static void page_list_add(ram_addr_t page, TBlock *tb)
{
    TBPageList *pl = g_hash_table_lookup(tcg_engine.page_map, &page);

    if (!pl) {
        pl = g_new0(TBPageList, 1);
        pl->page = page;
        pl->tbs = g_ptr_array_new();
        g_hash_table_insert(tcg_engine.page_map, &pl->page, pl);
    }
    g_ptr_array_add(pl->tbs, tb);
    if (!ram_page_has_code(page)) {
        ram_page_set_code(page);
        tlb_protect_code(page);
    }
}

static void page_list_remove(ram_addr_t page, TBlock *tb)
{
    TBPageList *pl = g_hash_table_lookup(tcg_engine.page_map, &page);

    if (!pl) {
        return;
    }
    g_ptr_array_remove_fast(pl->tbs, tb);
    if (pl->tbs->len == 0) {
        /* No code left: writes may take the fast path again (the TLB
         * entries lose TLB_NOTDIRTY lazily, at their next write). */
        ram_page_clear_code(page);
        g_hash_table_remove(tcg_engine.page_map, &page);
    }
}

unsigned tb_page_count(void)
{
    return tcg_engine.page_map ? g_hash_table_size(tcg_engine.page_map) : 0;
}

bool tb_page_has_tbs(ram_addr_t page)
{
    page &= TLB_PAGE_MASK;
    return tcg_engine.page_map &&
           g_hash_table_lookup(tcg_engine.page_map, &page) != NULL;
}

void tb_link(TBlock *tb)
{
    TBlock *old = g_hash_table_lookup(tcg_engine.tb_htable, tb);

    if (old) {
        /* Same key, older translation (its second page was remapped). */
        tb_phys_invalidate(old);
    }
    g_hash_table_add(tcg_engine.tb_htable, tb);
    for (int n = 0; n < 2; n++) {
        if (tb->page_ram[n] != RAM_ADDR_INVALID) {
            page_list_add(tb->page_ram[n], tb);
        }
    }
}

/* ---- Chaining ------------------------------------------------------------------ */

static void tb_patch_jump(TBlock *tb, int n, uintptr_t target)
{
    uintptr_t rx = tb->ci.jmp_field[n];

    tcg_backend_patch_jump(rx,
                           (uintptr_t)codebuf_rx_to_rw(&tcg_engine.codebuf,
                                                       (const void *)rx),
                           target);
}

void tb_add_jump(TBlock *from, int n, TBlock *to)
{
    if (!from->ci.jmp_field[n] || from->jmp_dest[n] ||
        from->uncached || to->uncached ||
        ((from->base.cflags | to->base.cflags) & CF_INVALID) ||
        (to->base.cflags & CF_NO_CHAIN)) {
        return;
    }
    tb_patch_jump(from, n, (uintptr_t)to->ci.code);
    from->jmp_dest[n] = to;
    from->jmp_list_next[n] = to->jmp_list_head;
    to->jmp_list_head = (uintptr_t)from | n;
    tcg_engine.chains_patched++;
}

/* Removes (src, n) from dest's incoming list. */
static void tb_jmp_list_remove(TBlock *dest, TBlock *src, int n)
{
    uintptr_t want = (uintptr_t)src | n;
    uintptr_t *link = &dest->jmp_list_head;

    while (*link) {
        TBlock *t = (TBlock *)(*link & ~(uintptr_t)1);
        int tn = *link & 1;

        if (*link == want) {
            *link = t->jmp_list_next[tn];
            t->jmp_list_next[tn] = 0;
            return;
        }
        link = &t->jmp_list_next[tn];
    }
}

static void tb_unchain(TBlock *tb)
{
    uintptr_t p = tb->jmp_list_head;

    /* Jumps into tb go back to their exits. */
    while (p) {
        TBlock *src = (TBlock *)(p & ~(uintptr_t)1);
        int n = p & 1;

        p = src->jmp_list_next[n];
        tb_patch_jump(src, n, src->ci.jmp_reset[n]);
        src->jmp_dest[n] = NULL;
        src->jmp_list_next[n] = 0;
        tcg_engine.chains_reset++;
    }
    tb->jmp_list_head = 0;
    /* And tb's own jumps leave their destinations' lists. */
    for (int n = 0; n < 2; n++) {
        TBlock *dest = tb->jmp_dest[n];

        if (dest) {
            tb_jmp_list_remove(dest, tb, n);
            tb_patch_jump(tb, n, tb->ci.jmp_reset[n]);
            tb->jmp_dest[n] = NULL;
            tcg_engine.chains_reset++;
        }
    }
}

/* ---- Invalidation ---------------------------------------------------------------- */

void tb_phys_invalidate(TBlock *tb)
{
    CPUState *cpu;

    if (tb->base.cflags & CF_INVALID) {
        return;
    }
    if (!tb->uncached) {
        gpointer stored;

        if (g_hash_table_lookup_extended(tcg_engine.tb_htable, tb, &stored, NULL) &&
            stored == tb) {
            g_hash_table_remove(tcg_engine.tb_htable, tb);
        }
        for (int n = 0; n < 2; n++) {
            if (tb->page_ram[n] != RAM_ADDR_INVALID) {
                page_list_remove(tb->page_ram[n], tb);
            }
        }
    }
    tb->base.cflags |= CF_INVALID;
    CPU_FOREACH(cpu) {
        AccelCPUState *a = accel_cpu(cpu);

        if (a) {
            TBJmpCacheEntry *jc = &a->jmp_cache[tb_jc_hash(tb->base.pc)];
            if (jc->tb == tb) {
                jc->tb = NULL;
                jc->code = NULL;
            }
            if (a->last_tb == tb) {
                a->last_tb = NULL;
            }
        }
    }
    tb_unchain(tb);
    tcg_engine.tbs_invalidated++;
    if (!tcg_engine.threaded) {
        if (!tb_mem.zombies) {
            tb_mem.zombies = g_ptr_array_new();
        }
        g_ptr_array_add(tb_mem.zombies, tb);
    }
}

/* Whether tb covers any byte of [start, end) on the ram page page. */
static bool tb_overlaps(const TBlock *tb, ram_addr_t page, ram_addr_t start,
                        ram_addr_t end)
{
    for (int n = 0; n < 2; n++) {
        if (tb->page_ram[n] == page && tb->ram_lo[n] < end && start < tb->ram_hi[n]) {
            return true;
        }
    }
    return false;
}

bool tb_invalidate_ram_range(ram_addr_t start, ram_addr_t end, TBlock *cur)
{
    bool hit_cur = false;
    GPtrArray *victims;

    if (!tcg_engine.page_map || start >= end ||
        g_hash_table_size(tcg_engine.page_map) == 0) {
        return false;
    }
    victims = g_ptr_array_new();
    for (ram_addr_t page = start & TLB_PAGE_MASK; page < end; page += TLB_PAGE_SIZE) {
        TBPageList *pl = g_hash_table_lookup(tcg_engine.page_map, &page);

        if (!pl) {
            continue;
        }
        /* Collect first: invalidating edits (and may free) the list. */
        g_ptr_array_set_size(victims, 0);
        for (guint i = 0; i < pl->tbs->len; i++) {
            TBlock *tb = g_ptr_array_index(pl->tbs, i);
            if (tb_overlaps(tb, page, start, end)) {
                g_ptr_array_add(victims, tb);
            }
        }
        for (guint i = 0; i < victims->len; i++) {
            TBlock *tb = g_ptr_array_index(victims, i);
            hit_cur |= tb == cur;
            tb_phys_invalidate(tb);
        }
        if (page + TLB_PAGE_SIZE < page) {
            break;                      /* wrapped */
        }
    }
    g_ptr_array_free(victims, TRUE);
    return hit_cur;
}

void tb_invalidate_phys_range(ram_addr_t start, ram_addr_t end)
{
    tb_invalidate_ram_range(start, end, NULL);
}

void tb_invalidate_for_store(CPUState *cpu, ram_addr_t start, uint64_t len,
                             uintptr_t ra)
{
    AccelCPUState *a = accel_cpu(cpu);
    TBlock *cur = NULL;
    bool any = false;

    /* Cheap test first: is there a block on the page(s) at all? */
    for (ram_addr_t page = start & TLB_PAGE_MASK; page < start + len;
         page += TLB_PAGE_SIZE) {
        any |= tb_page_has_tbs(page);
    }
    if (!any) {
        return;
    }
    if (ra) {
        cur = tb_find_by_host_pc(ra);
    }
    if (!tb_invalidate_ram_range(start, start + len, cur) || !cur ||
        cur->base.icount <= 1) {
        return;
    }
    /*
     * The running block wrote into its own code: what follows the store in
     * it may be stale. Nothing of the store has happened yet and the guest
     * state is exact at its instruction (accesses that may fault come
     * before any write-back), so go back to the loop and run the store
     * alone in a one-instruction block, then continue with fresh code.
     */
    cpu_restore_state_from_tb(cpu, cur, ra);
    a->cflags_next = (tcg_curr_cflags(cpu) & ~(uint32_t)CF_COUNT_MASK) | 1;
    cpu_loop_exit(cpu);
}

/* ---- Flush --------------------------------------------------------------------- */

static void page_clear_code_cb(gpointer key, gpointer value, gpointer opaque)
{
    TBPageList *pl = value;

    ram_page_clear_code(pl->page);
}

void tb_flush_all(void)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        AccelCPUState *a = accel_cpu(cpu);

        if (a) {
            tb_jmp_cache_reset(cpu);
            a->last_tb = NULL;
        }
    }
    if (tcg_engine.tb_htable) {
        g_hash_table_remove_all(tcg_engine.tb_htable);
        g_hash_table_foreach(tcg_engine.page_map, page_clear_code_cb, NULL);
        g_hash_table_remove_all(tcg_engine.page_map);
        for (guint i = 0; i < tcg_engine.tbs->len; i++) {
            TBlock *tb = g_ptr_array_index(tcg_engine.tbs, i);
            g_free(tb->insn_pc);
        }
        g_ptr_array_set_size(tcg_engine.tbs, 0);
    }
    tb_mem_reset();
    if (tcg_engine.ready) {
        codebuf_flush(&tcg_engine.codebuf);
    }
    tcg_engine.flush_gen++;
    tcg_engine.flushes++;
    tcg_engine.flush_pending = false;
}

void tb_flush(CPUState *cpu)
{
    CPUState *c;
    bool running = false;

    CPU_FOREACH(c) {
        AccelCPUState *a = accel_cpu(c);
        running |= a && a->in_exec;
    }
    if (!running) {
        tb_flush_all();
        return;
    }
    /* Someone may be inside generated code (a helper called us): flush
     * when every vCPU is back in its loop, and make them come back. */
    tcg_engine.flush_pending = true;
    CPU_FOREACH(c) {
        cpu_exit(c);
    }
}

/* ---- -d hotblocks -------------------------------------------------------- */

static gint tb_cmp_exec_count(gconstpointer a, gconstpointer b)
{
    const TBlock *ta = *(const TBlock *const *)a;
    const TBlock *tb = *(const TBlock *const *)b;

    return (tb->base.exec_count > ta->base.exec_count) -
           (tb->base.exec_count < ta->base.exec_count);
}

void tb_print_hotblocks(FILE *f, unsigned n)
{
    g_autoptr(GPtrArray) all = g_ptr_array_new();
    GHashTableIter it;
    gpointer key;
    uint64_t total = 0;

    if (!tcg_engine.tb_htable) {
        return;
    }
    g_hash_table_iter_init(&it, tcg_engine.tb_htable);
    while (g_hash_table_iter_next(&it, &key, NULL)) {
        TBlock *tb = key;

        total += tb->base.exec_count;
        g_ptr_array_add(all, tb);
    }
    g_ptr_array_sort(all, tb_cmp_exec_count);
    fprintf(f, "Hot blocks: the %u most entered of %u live blocks (%" PRIu64
            " entries counted; blocks flushed earlier are not listed)\n",
            MIN(n, all->len), all->len, total);
    fprintf(f, "  %-18s %-12s %6s %14s %7s\n", "guest pc", "phys", "insns",
            "entries", "share");
    for (guint i = 0; i < all->len && i < n; i++) {
        const TBlock *tb = g_ptr_array_index(all, i);

        fprintf(f, "  0x%016" VADDR_PRIx " 0x%010" HWADDR_PRIx " %6u %14" PRIu64
                " %6.2f%%\n", tb->base.pc, tb->phys_pc, tb->base.icount,
                tb->base.exec_count,
                total ? 100.0 * (double)tb->base.exec_count / (double)total : 0.0);
    }
}
