/*
 * cputlb.c — the softmmu TLB: per vCPU and MMU index a direct-mapped table
 * of guest page -> host address translations that generated code probes
 * inline (layout in exec/tlb-common.h), a small victim TLB behind it, and
 * the slow paths every access that misses or is flagged goes through.
 *
 * Filling. On a miss the slow path searches the victim TLB (entries a
 * conflict pushed out of the table), then calls the target's tlb_fill,
 * which walks the guest page tables and installs the result with
 * tlb_set_page. RAM pages get host = guest + addend; device pages get
 * TLB_MMIO and are dispatched through the memory API; pages of read-only
 * RAM (ROM) get no write fast path (writes are dropped, as a bus would);
 * RAM pages holding translated code get TLB_NOTDIRTY on writes, so that the
 * slow path invalidates the translations before the write.
 *
 * Sizing. Each table starts at 256 entries. At every full flush of an
 * index the most entries in use over the last 100 ms decide: more than 70%
 * used doubles the table (up to 65536), less than 30% over a whole window
 * halves it toward what was used. A table that keeps evicting (half its
 * size in conflicts within 100 ms, no flush in between) grows 4x at once,
 * its entries rehashed: a big working set that is never flushed (a
 * pointer chase over many pages) would otherwise miss on every access.
 *
 * Clearing. Each index logs the slots it fills from empty; while the log
 * has not overflowed (an eighth of the table), a flush clears only those
 * slots, so a big table that is sparsely used stays cheap to flush. The
 * parallel full entries are never cleared: they are read only after a hit.
 *
 * Tagged entries. Targets mark with PAGE_TAGGED the translations that
 * belong to the current address space identifier (Arm: non-global, or
 * through TTBR0); an identifier switch flushes only those
 * (tlb_flush_tagged_by_mmuidx), and global kernel entries survive it.
 *
 * Cross-vCPU flushes (broadcast TLBI) are requests: run at once on the
 * requesting vCPU and, as long as vCPUs take turns on one thread, on the
 * others too; with vCPUs on their own threads they would be queued and
 * run by each target vCPU at its next safe point (tlb_run_pending_work).
 *
 * Slow paths split accesses that cross a page (both pages are translated
 * before any byte is written, so a fault leaves memory untouched) and do
 * atomics on RAM with host atomic instructions.
 */
#include "util/osdep.h"
#include "util/log.h"
#include "exec/gdbstub.h"
#include "accel/tcg/internal.h"
#include <sys/mman.h>

/* Kept by the debugger support (softmmu/cpu-debug.c), which is part of the
 * emulator binary, not of a library: optional here. */
#pragma weak cpu_debug_set_watch_hit

_Static_assert(offsetof(CPUTLBEntry, addr_read) == MMU_DATA_LOAD * 8 &&
               offsetof(CPUTLBEntry, addr_write) == MMU_DATA_STORE * 8 &&
               offsetof(CPUTLBEntry, addr_code) == MMU_INST_FETCH * 8,
               "CPUTLBEntry fields are indexed by MMUAccessType");

/* ---- Small helpers ------------------------------------------------------ */

static inline uint64_t *tlb_field(CPUTLBEntry *e, MMUAccessType type)
{
    return &((uint64_t *)e)[type];
}

static inline size_t tlb_n_entries(const CPUTLBDescFast *f)
{
    return (f->mask >> CPU_TLB_ENTRY_BITS) + 1;
}

static inline size_t tlb_index(CPUState *cpu, int mmu_idx, vaddr addr)
{
    return (addr >> TLB_PAGE_BITS) & (tlb_n_entries(&cpu->tlb_fast[mmu_idx]) - 1);
}

/* Whether a field allows an access to the page of addr (flags aside). */
static inline bool tlb_hit(uint64_t tlb_addr, vaddr addr)
{
    return (tlb_addr & (TLB_PAGE_MASK | TLB_INVALID)) == (addr & TLB_PAGE_MASK);
}

static inline bool tlb_hit_page_anyprot(CPUTLBEntry *e, vaddr page)
{
    return tlb_hit(e->addr_read, page) || tlb_hit(e->addr_write, page) ||
           tlb_hit(e->addr_code, page);
}

static inline bool tlb_entry_is_empty(const CPUTLBEntry *e)
{
    return e->addr_read == (uint64_t)-1 && e->addr_write == (uint64_t)-1 &&
           e->addr_code == (uint64_t)-1;
}

static inline void tlb_entry_clear(CPUTLBEntry *e)
{
    memset(e, -1, sizeof(*e));
}

/* The page an entry maps, read from any field that allows some access. */
static inline vaddr tlb_entry_page(const CPUTLBEntry *e)
{
    for (int t = 0; t < 3; t++) {
        uint64_t f = ((const uint64_t *)e)[t];

        if (!(f & TLB_INVALID)) {
            return f & TLB_PAGE_MASK;
        }
    }
    return (vaddr)-1;
}

/* Notes that slot index was filled from empty (see Clearing above). */
static inline void tlb_log_used(CPUTLBDesc *d, size_t index)
{
    if (d->used_log_len < d->used_log_cap) {
        d->used_log[d->used_log_len++] = (uint32_t)index;
    } else {
        d->used_log_len = d->used_log_cap + 1;
    }
}

static inline bool tlb_log_valid(const CPUTLBDesc *d)
{
    return d->used_log_len <= d->used_log_cap;
}

static int64_t tlb_now_ns(void)
{
    return g_get_monotonic_time() * 1000;
}

static uint64_t bswap_n(uint64_t v, unsigned size)
{
    switch (size) {
    case 2: return __builtin_bswap16((uint16_t)v);
    case 4: return __builtin_bswap32((uint32_t)v);
    case 8: return __builtin_bswap64(v);
    default: return v;
    }
}

static uint64_t extend(uint64_t v, MemOp mop)
{
    unsigned bits = memop_size(mop) * 8;

    if (bits == 64) {
        return v;
    }
    if (mop & MO_SIGN) {
        return (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
    }
    return v & ((1ull << bits) - 1);
}

static inline bool host_big_endian(void)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return true;
#else
    return false;
#endif
}

/* The byte order of the guest access (MO_BSWAP is relative to the host). */
static inline bool memop_big_endian(MemOp mop)
{
    return host_big_endian() ^ !!(mop & MO_BSWAP);
}

static uint64_t ld_he(const void *p, unsigned size)
{
    uint8_t b; uint16_t w; uint32_t l; uint64_t q;

    switch (size) {
    case 1: memcpy(&b, p, 1); return b;
    case 2: memcpy(&w, p, 2); return w;
    case 4: memcpy(&l, p, 4); return l;
    default: memcpy(&q, p, 8); return q;
    }
}

static void st_he(void *p, unsigned size, uint64_t v)
{
    uint8_t b = v; uint16_t w = v; uint32_t l = v;

    switch (size) {
    case 1: memcpy(p, &b, 1); break;
    case 2: memcpy(p, &w, 2); break;
    case 4: memcpy(p, &l, 4); break;
    default: memcpy(p, &v, 8); break;
    }
}

static uint64_t bytes_to_value(const uint8_t *buf, unsigned size, bool be)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)buf[be ? i : size - 1 - i] << (8 * (size - 1 - i));
    }
    return v;
}

static void value_to_bytes(uint64_t v, uint8_t *buf, unsigned size, bool be)
{
    for (unsigned i = 0; i < size; i++) {
        uint8_t byte = v >> (8 * i);
        buf[be ? size - 1 - i : i] = byte;
    }
}

/* ---- Init, sizing, flushing -------------------------------------------- */

/*
 * Tables of 2 MiB and more are probed at random all over: on huge-page
 * boundaries, with transparent huge pages asked for, they cost the host
 * far fewer TLB misses. Freed with free() (g_free is free()).
 */
#define TLB_HUGE_ALIGN ((size_t)2 << 20)

static void *tlb_table_alloc(size_t bytes)
{
    void *p;

    if (bytes < TLB_HUGE_ALIGN) {
        return g_malloc(bytes);
    }
    if (posix_memalign(&p, TLB_HUGE_ALIGN, bytes) != 0) {
        return g_malloc(bytes);
    }
#ifdef MADV_HUGEPAGE
    (void)madvise(p, bytes, MADV_HUGEPAGE);
#endif
    return p;
}

static void tlb_alloc(CPUState *cpu, int mmu_idx, size_t n)
{
    CPUTLBDescFast *f = &cpu->tlb_fast[mmu_idx];
    CPUTLBDesc *d = &accel_cpu(cpu)->tlb[mmu_idx];

    f->table = tlb_table_alloc(n * sizeof(CPUTLBEntry));
    f->mask = (n - 1) << CPU_TLB_ENTRY_BITS;
    d->fulltlb = g_new0(CPUTLBEntryFull, n);
    memset(f->table, -1, n * sizeof(CPUTLBEntry));
    d->used_log_cap = MAX(n / 8, (size_t)8);
    d->used_log = g_new(uint32_t, d->used_log_cap);
    d->used_log_len = 0;
}

static void tlb_free(CPUState *cpu, int mmu_idx)
{
    CPUTLBDesc *d = &accel_cpu(cpu)->tlb[mmu_idx];

    g_free(cpu->tlb_fast[mmu_idx].table);
    g_free(d->fulltlb);
    g_free(d->used_log);
    cpu->tlb_fast[mmu_idx].table = NULL;
    cpu->tlb_fast[mmu_idx].mask = 0;
    d->fulltlb = NULL;
    d->used_log = NULL;
    d->used_log_len = d->used_log_cap = 0;
}

static void tlb_desc_reset(CPUTLBDesc *d)
{
    d->large_page_addr = (vaddr)-1;
    d->large_page_mask = (vaddr)-1;
    d->n_used_entries = 0;
    d->evictions = 0;
    d->used_log_len = 0;
    d->vindex = 0;
    memset(d->vtable, -1, sizeof(d->vtable));
    memset(d->vfull, 0, sizeof(d->vfull));
}

void tlb_init(CPUState *cpu)
{
    AccelCPUState *a = accel_cpu(cpu);
    int64_t now = tlb_now_ns();

    for (int i = 0; i < CPU_MAX_MMU_MODES; i++) {
        CPUTLBDesc *d = &a->tlb[i];

        if (i < a->nb_mmu_modes) {
            tlb_alloc(cpu, i, 1u << CPU_TLB_DYN_MIN_BITS);
        } else {
            /* Unused index: a one-entry table that never matches. */
            tlb_alloc(cpu, i, 1);
        }
        tlb_desc_reset(d);
        d->window_begin_ns = now;
        d->evict_begin_ns = now;
        d->window_max_entries = 0;
    }
}

void tlb_destroy(CPUState *cpu)
{
    AccelCPUState *a = accel_cpu(cpu);

    for (int i = 0; i < CPU_MAX_MMU_MODES; i++) {
        tlb_free(cpu, i);
    }
    (void)a;
}

size_t tlb_table_size(CPUState *cpu, int mmu_idx)
{
    return tlb_n_entries(&cpu->tlb_fast[mmu_idx]);
}

size_t tlb_used_entries(CPUState *cpu, int mmu_idx)
{
    return accel_cpu(cpu)->tlb[mmu_idx].n_used_entries;
}

static size_t pow2_ceil(size_t n)
{
    size_t p = 1;

    while (p < n) {
        p <<= 1;
    }
    return p;
}

/* The sizing policy (see the top of the file); runs at a full flush. */
static void tlb_mmu_resize(CPUState *cpu, int mmu_idx, int64_t now)
{
    AccelCPUState *a = accel_cpu(cpu);
    CPUTLBDesc *d = &a->tlb[mmu_idx];
    size_t old_size = tlb_n_entries(&cpu->tlb_fast[mmu_idx]);
    size_t new_size = old_size, rate;
    bool expired = now > d->window_begin_ns + CPU_TLB_WINDOW_NS;

    d->window_max_entries = MAX(d->window_max_entries, d->n_used_entries);
    rate = d->window_max_entries * 100 / old_size;
    if (rate > 70) {
        new_size = MIN(old_size << 1, (size_t)1 << CPU_TLB_DYN_MAX_BITS);
    } else if (rate < 30 && expired) {
        size_t ceil = pow2_ceil(MAX(d->window_max_entries, (size_t)1));

        /* Do not shrink so far that the next window overflows again. */
        if (d->window_max_entries * 100 / ceil > 70) {
            ceil <<= 1;
        }
        new_size = MAX(ceil, (size_t)1 << CPU_TLB_DYN_MIN_BITS);
    }
    if (new_size == old_size) {
        if (expired) {
            d->window_begin_ns = now;
            d->window_max_entries = d->n_used_entries;
        }
        return;
    }
    tlb_free(cpu, mmu_idx);
    tlb_alloc(cpu, mmu_idx, new_size);
    d->window_begin_ns = now;
    d->window_max_entries = 0;
    a->tlb_resizes++;
}

/*
 * Grows a table that keeps evicting to new_size, keeping its entries: the
 * old slots hold pages distinct modulo the old size, hence distinct modulo
 * the new one, so each lands in a slot of its own.
 */
static void tlb_grow(CPUState *cpu, int mmu_idx, size_t new_size, int64_t now)
{
    AccelCPUState *a = accel_cpu(cpu);
    CPUTLBDesc *d = &a->tlb[mmu_idx];
    CPUTLBDescFast *f = &cpu->tlb_fast[mmu_idx];
    CPUTLBEntry *old = f->table;
    CPUTLBEntryFull *oldfull = d->fulltlb;
    uint32_t *oldlog = d->used_log;
    size_t oldn = tlb_n_entries(f);
    bool from_log = tlb_log_valid(d);
    size_t len = from_log ? d->used_log_len : oldn, used = 0;

    tlb_alloc(cpu, mmu_idx, new_size);
    for (size_t k = 0; k < len; k++) {
        size_t i = from_log ? oldlog[k] : k;
        vaddr page = tlb_entry_page(&old[i]);
        size_t j;

        if (page == (vaddr)-1) {
            continue;
        }
        j = (page >> TLB_PAGE_BITS) & (new_size - 1);
        if (tlb_entry_is_empty(&f->table[j])) {
            used++;
            tlb_log_used(d, j);
        }
        f->table[j] = old[i];
        d->fulltlb[j] = oldfull[i];
    }
    g_free(old);
    g_free(oldfull);
    g_free(oldlog);
    d->n_used_entries = used;
    d->evictions = 0;
    d->evict_begin_ns = now;
    d->window_begin_ns = now;
    d->window_max_entries = used;
    a->tlb_resizes++;
}

/* Empties every slot of the table (not the victim TLB). */
static void tlb_table_clear(CPUState *cpu, int mmu_idx)
{
    CPUTLBDescFast *f = &cpu->tlb_fast[mmu_idx];
    CPUTLBDesc *d = &accel_cpu(cpu)->tlb[mmu_idx];

    if (!d->n_used_entries) {
        /* Every fill of an empty slot counts: the table is all empty. */
    } else if (tlb_log_valid(d)) {
        for (size_t k = 0; k < d->used_log_len; k++) {
            tlb_entry_clear(&f->table[d->used_log[k]]);
        }
    } else {
        memset(f->table, -1, tlb_n_entries(f) * sizeof(CPUTLBEntry));
    }
    d->used_log_len = 0;
    d->n_used_entries = 0;
}

static void tlb_flush_one_mmuidx(CPUState *cpu, int mmu_idx, int64_t now)
{
    AccelCPUState *a = accel_cpu(cpu);
    CPUTLBDescFast *f = &cpu->tlb_fast[mmu_idx];
    CPUTLBDesc *d = &a->tlb[mmu_idx];

    tlb_mmu_resize(cpu, mmu_idx, now);
    tlb_table_clear(cpu, mmu_idx);
    tlb_desc_reset(d);
    d->evict_begin_ns = now;
    a->tlb_flushes++;
    (void)f;
}

/* Drops the PAGE_TAGGED entries of an index, table and victim TLB. */
static void tlb_flush_tagged_one(CPUState *cpu, int mmu_idx)
{
    AccelCPUState *a = accel_cpu(cpu);
    CPUTLBDescFast *f = &cpu->tlb_fast[mmu_idx];
    CPUTLBDesc *d = &a->tlb[mmu_idx];
    bool from_log = tlb_log_valid(d);
    size_t len = !d->n_used_entries ? 0 : from_log ? d->used_log_len : tlb_n_entries(f);

    /* The log is rebuilt in place with the slots that stay (it never
     * gets ahead of the reading position). */
    d->used_log_len = 0;
    for (size_t k = 0; k < len; k++) {
        size_t i = from_log ? d->used_log[k] : k;
        CPUTLBEntry *e = &f->table[i];

        if (tlb_entry_is_empty(e)) {
            continue;
        }
        if (d->fulltlb[i].prot & PAGE_TAGGED) {
            tlb_entry_clear(e);
            if (d->n_used_entries) {
                d->n_used_entries--;
            }
        } else {
            tlb_log_used(d, i);
        }
    }
    if (!len) {
        d->n_used_entries = 0;
    }
    for (int v = 0; v < CPU_VTLB_SIZE; v++) {
        if (!tlb_entry_is_empty(&d->vtable[v]) && (d->vfull[v].prot & PAGE_TAGGED)) {
            tlb_entry_clear(&d->vtable[v]);
        }
    }
    a->tlb_flushes++;
}

static void tlb_flush_tagged_local(CPUState *cpu, uint16_t idxmap)
{
    AccelCPUState *a = accel_cpu(cpu);

    for (int i = 0; i < a->nb_mmu_modes; i++) {
        if (idxmap & (1u << i)) {
            tlb_flush_tagged_one(cpu, i);
        }
    }
    /* Code on global pages keeps its mapping, and its jump cache entries. */
    tb_jmp_cache_clear_tagged(cpu);
}

static void tlb_flush_by_mmuidx_local(CPUState *cpu, uint16_t idxmap)
{
    AccelCPUState *a = accel_cpu(cpu);
    int64_t now = tlb_now_ns();

    for (int i = 0; i < a->nb_mmu_modes; i++) {
        if (idxmap & (1u << i)) {
            tlb_flush_one_mmuidx(cpu, i, now);
        }
    }
    /* The jump cache maps virtual pcs: stale once mappings change. */
    tb_jmp_cache_clear(cpu);
}

/* Clears e if it maps page (compared on the address bits in cmp_mask). */
static bool tlb_flush_entry_masked(CPUTLBEntry *e, vaddr page, vaddr cmp_mask)
{
    cmp_mask &= TLB_PAGE_MASK;
    for (int t = 0; t < 3; t++) {
        uint64_t f = *tlb_field(e, (MMUAccessType)t);
        if (!(f & TLB_INVALID) && ((f ^ page) & cmp_mask) == 0) {
            tlb_entry_clear(e);
            return true;
        }
    }
    return false;
}

static void tlb_flush_page_one(CPUState *cpu, int mmu_idx, vaddr page,
                               vaddr cmp_mask)
{
    AccelCPUState *a = accel_cpu(cpu);
    CPUTLBDesc *d = &a->tlb[mmu_idx];
    CPUTLBEntry *e = &cpu->tlb_fast[mmu_idx].table[tlb_index(cpu, mmu_idx, page)];

    if (tlb_flush_entry_masked(e, page, cmp_mask) && d->n_used_entries) {
        d->n_used_entries--;
    }
    for (int i = 0; i < CPU_VTLB_SIZE; i++) {
        tlb_flush_entry_masked(&d->vtable[i], page, cmp_mask);
    }
}

static bool tlb_in_large_page(CPUTLBDesc *d, vaddr addr, vaddr cmp_mask)
{
    return d->large_page_addr != (vaddr)-1 &&
           ((addr ^ d->large_page_addr) & d->large_page_mask & cmp_mask) == 0;
}

static void tlb_flush_page_by_mmuidx_local(CPUState *cpu, vaddr addr,
                                           uint16_t idxmap)
{
    AccelCPUState *a = accel_cpu(cpu);
    vaddr page = addr & TLB_PAGE_MASK;
    int64_t now = tlb_now_ns();
    bool in_large = false;

    for (int i = 0; i < a->nb_mmu_modes; i++) {
        if (!(idxmap & (1u << i))) {
            continue;
        }
        if (tlb_in_large_page(&a->tlb[i], page, (vaddr)-1)) {
            /* Only the whole large page is known: flush the index. */
            tlb_flush_one_mmuidx(cpu, i, now);
            in_large = true;
        } else {
            tlb_flush_page_one(cpu, i, page, (vaddr)-1);
        }
    }
    a->tlb_page_flushes++;
    /* A flush by address inside a block mapping removes the whole block
     * (its other pages may now map elsewhere): so must the jump cache. */
    if (in_large) {
        tb_jmp_cache_clear(cpu);
    } else {
        tb_jmp_cache_clear_page(cpu, page);
    }
}

static void tlb_flush_range_local(CPUState *cpu, vaddr addr, uint64_t len,
                                  uint16_t idxmap, unsigned bits)
{
    AccelCPUState *a = accel_cpu(cpu);
    vaddr cmp_mask = bits >= 64 ? (vaddr)-1 : (((vaddr)1 << bits) - 1);
    vaddr start = addr & TLB_PAGE_MASK & cmp_mask;
    uint64_t pages = len ? ((addr & ~TLB_PAGE_MASK) + len - 1) / TLB_PAGE_SIZE + 1 : 0;
    int64_t now = tlb_now_ns();
    bool in_large = false;

    if (pages == 0) {
        return;
    }
    for (int i = 0; i < a->nb_mmu_modes; i++) {
        CPUTLBDesc *d = &a->tlb[i];
        bool full = pages > tlb_n_entries(&cpu->tlb_fast[i]);

        if (!(idxmap & (1u << i))) {
            continue;
        }
        if (!full && d->large_page_addr != (vaddr)-1) {
            /* Does the range touch the large page region? */
            vaddr lp_lo = d->large_page_addr & cmp_mask;
            vaddr lp_hi = lp_lo + ~d->large_page_mask;
            vaddr hi = start + (pages - 1) * TLB_PAGE_SIZE;
            full = !(hi < lp_lo || start > lp_hi);
            in_large |= full;
        }
        if (full) {
            tlb_flush_one_mmuidx(cpu, i, now);
            continue;
        }
        for (uint64_t p = 0; p < pages; p++) {
            tlb_flush_page_one(cpu, i, (start + p * TLB_PAGE_SIZE) & cmp_mask,
                               cmp_mask);
        }
    }
    a->tlb_page_flushes++;
    /* A whole-cache clear is a generation bump (O(1)); a page clear
     * writes two groups of entries. */
    if (pages > 8 || in_large) {
        tb_jmp_cache_clear(cpu);
    } else {
        for (uint64_t p = 0; p < pages; p++) {
            tb_jmp_cache_clear_page(cpu, start + p * TLB_PAGE_SIZE);
        }
    }
}

/* ---- Flush requests (local and cross-vCPU) ------------------------------ */

static void tlb_do_request(CPUState *cpu, const TLBFlushRequest *r)
{
    switch (r->kind) {
    case TLB_FLUSH_BY_MMUIDX:
        tlb_flush_by_mmuidx_local(cpu, r->idxmap);
        break;
    case TLB_FLUSH_PAGE_BY_MMUIDX:
        tlb_flush_page_by_mmuidx_local(cpu, r->addr, r->idxmap);
        break;
    case TLB_FLUSH_RANGE_BY_MMUIDX:
        tlb_flush_range_local(cpu, r->addr, r->len, r->idxmap, r->bits);
        break;
    case TLB_FLUSH_TAGGED_BY_MMUIDX:
        tlb_flush_tagged_local(cpu, r->idxmap);
        break;
    }
}

/*
 * Runs r on target: now if vCPUs take turns on one thread (the target is
 * not running) or if the target is the requester; otherwise it is queued
 * and the target is kicked to its loop, where it runs its queue before
 * entering generated code again.
 */
static void tlb_request(CPUState *target, CPUState *src, const TLBFlushRequest *r)
{
    AccelCPUState *a = accel_cpu(target);

    if (!a) {
        return;
    }
    if (!tcg_engine.threaded || target == src) {
        tlb_do_request(target, r);
        return;
    }
    g_mutex_lock(&a->work_lock);
    g_queue_push_tail(&a->work, g_memdup2(r, sizeof(*r)));
    __atomic_store_n(&a->work_pending, 1, __ATOMIC_RELEASE);
    g_mutex_unlock(&a->work_lock);
    cpu_exit(target);
}

void tlb_run_pending_work(CPUState *cpu)
{
    AccelCPUState *a = accel_cpu(cpu);
    TLBFlushRequest *r;

    if (!__atomic_load_n(&a->work_pending, __ATOMIC_ACQUIRE)) {
        return;
    }
    g_mutex_lock(&a->work_lock);
    a->work_pending = 0;
    while ((r = g_queue_pop_head(&a->work)) != NULL) {
        g_mutex_unlock(&a->work_lock);
        tlb_do_request(cpu, r);
        g_free(r);
        g_mutex_lock(&a->work_lock);
    }
    g_mutex_unlock(&a->work_lock);
}

static uint16_t all_mmuidx(void)
{
    return (uint16_t)((1u << CPU_MAX_MMU_MODES) - 1);
}

static void tlb_all_cpus(CPUState *src, const TLBFlushRequest *r)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        tlb_request(cpu, src, r);
    }
}

void tlb_flush(CPUState *cpu)
{
    tlb_flush_by_mmuidx(cpu, all_mmuidx());
}

void tlb_flush_by_mmuidx(CPUState *cpu, uint16_t idxmap)
{
    TLBFlushRequest r = { .kind = TLB_FLUSH_BY_MMUIDX, .idxmap = idxmap };

    tlb_request(cpu, cpu, &r);
}

void tlb_flush_page(CPUState *cpu, vaddr addr)
{
    tlb_flush_page_by_mmuidx(cpu, addr, all_mmuidx());
}

void tlb_flush_page_by_mmuidx(CPUState *cpu, vaddr addr, uint16_t idxmap)
{
    TLBFlushRequest r = { .kind = TLB_FLUSH_PAGE_BY_MMUIDX, .addr = addr,
                          .idxmap = idxmap };

    tlb_request(cpu, cpu, &r);
}

void tlb_flush_tagged_by_mmuidx(CPUState *cpu, uint16_t idxmap)
{
    TLBFlushRequest r = { .kind = TLB_FLUSH_TAGGED_BY_MMUIDX, .idxmap = idxmap };

    tlb_request(cpu, cpu, &r);
}

void tlb_flush_tagged_by_mmuidx_all_cpus(CPUState *src, uint16_t idxmap)
{
    TLBFlushRequest r = { .kind = TLB_FLUSH_TAGGED_BY_MMUIDX, .idxmap = idxmap };

    tlb_all_cpus(src, &r);
}

void tlb_flush_range_by_mmuidx(CPUState *cpu, vaddr addr, uint64_t len,
                               uint16_t idxmap, unsigned bits)
{
    TLBFlushRequest r = { .kind = TLB_FLUSH_RANGE_BY_MMUIDX, .addr = addr,
                          .len = len, .idxmap = idxmap, .bits = bits };

    tlb_request(cpu, cpu, &r);
}

void tlb_flush_all_cpus(CPUState *src)
{
    tlb_flush_by_mmuidx_all_cpus(src, all_mmuidx());
}

void tlb_flush_page_all_cpus(CPUState *src, vaddr addr)
{
    tlb_flush_page_by_mmuidx_all_cpus(src, addr, all_mmuidx());
}

void tlb_flush_by_mmuidx_all_cpus(CPUState *src, uint16_t idxmap)
{
    TLBFlushRequest r = { .kind = TLB_FLUSH_BY_MMUIDX, .idxmap = idxmap };

    tlb_all_cpus(src, &r);
}

void tlb_flush_page_by_mmuidx_all_cpus(CPUState *src, vaddr addr, uint16_t idxmap)
{
    TLBFlushRequest r = { .kind = TLB_FLUSH_PAGE_BY_MMUIDX, .addr = addr,
                          .idxmap = idxmap };

    tlb_all_cpus(src, &r);
}

/* ---- Watchpoints ---------------------------------------------------------- */

static bool watch_overlaps(const CPUWatchpoint *wp, vaddr addr, vaddr len)
{
    vaddr wlen = wp->len ? wp->len : 1;

    return addr <= wp->addr + (wlen - 1) && wp->addr <= addr + (len - 1);
}

/* BP_MEM_* of the watchpoints on the TLB page page. */
static int tlb_watch_flags(CPUState *cpu, vaddr page)
{
    GArray *w = cpu->watchpoints;
    int flags = 0;

    for (guint i = 0; w && i < w->len; i++) {
        CPUWatchpoint *wp = &g_array_index(w, CPUWatchpoint, i);
        if (watch_overlaps(wp, page, TLB_PAGE_SIZE)) {
            flags |= wp->flags;
        }
    }
    return flags;
}

void tlb_watch_report(CPUState *cpu)
{
    AccelCPUState *a = accel_cpu(cpu);

    if (cpu_debug_set_watch_hit) {
        cpu_debug_set_watch_hit(cpu, a->watch_addr, a->watch_flags);
    }
    a->watch_state = WATCH_NONE;
}

/* An access of kind flags to [addr, addr+size) on a TLB_WATCHPOINT page. */
static void watch_check(CPUState *cpu, vaddr addr, unsigned size, int flags,
                        uintptr_t ra)
{
    AccelCPUState *a = accel_cpu(cpu);
    GArray *w = cpu->watchpoints;
    TBlock *tb;

    if (a->watch_state != WATCH_NONE) {
        return;                 /* re-running the instruction that hit */
    }
    for (guint i = 0; w && i < w->len; i++) {
        CPUWatchpoint *wp = &g_array_index(w, CPUWatchpoint, i);

        if (!(wp->flags & flags) || !watch_overlaps(wp, addr, size)) {
            continue;
        }
        a->watch_addr = addr;
        a->watch_flags = flags;
        tb = ra ? tb_find_by_host_pc(ra) : NULL;
        if (tb) {
            cpu_restore_state_from_tb(cpu, tb, ra);
            a->watch_state = WATCH_STEPPING;
            a->cflags_next = CF_SINGLE_STEP | CF_NOIRQ | 1;
            cpu_loop_exit(cpu);
        }
        a->watch_state = WATCH_REPORT;
        cpu_exit(cpu);
        return;
    }
}

/* ---- Installing translations -------------------------------------------- */

static void tlb_add_large_page(CPUTLBDesc *d, vaddr addr, uint64_t size)
{
    vaddr lp_addr = d->large_page_addr;
    vaddr lp_mask = ~(vaddr)(size - 1);

    if (lp_addr == (vaddr)-1) {
        lp_addr = addr;
    } else {
        /* Widen the remembered region until it covers both pages. */
        lp_mask &= d->large_page_mask;
        while (((lp_addr ^ addr) & lp_mask) != 0) {
            lp_mask <<= 1;
        }
    }
    d->large_page_addr = lp_addr & lp_mask;
    d->large_page_mask = lp_mask;
}

void tlb_set_page(CPUState *cpu, vaddr addr, hwaddr paddr, MemTxAttrs attrs,
                  int prot, int mmu_idx, uint64_t size)
{
    AccelCPUState *a = accel_cpu(cpu);
    CPUTLBDesc *d;
    CPUTLBDescFast *f;
    CPUTLBEntryFull full = { 0 };
    CPUTLBEntry *te, ne;
    MemoryRegionSection s;
    vaddr page = addr & TLB_PAGE_MASK;
    hwaddr ppage = paddr & TLB_PAGE_MASK;
    size_t index;
    bool whole;

    g_assert(a && mmu_idx >= 0 && mmu_idx < a->nb_mmu_modes);
    d = &a->tlb[mmu_idx];
    f = &cpu->tlb_fast[mmu_idx];
    if (unlikely(d->evictions >= tlb_n_entries(f) / 2)) {
        size_t n = tlb_n_entries(f);
        int64_t now = tlb_now_ns();

        if (n < ((size_t)1 << CPU_TLB_DYN_MAX_BITS) &&
            now - d->evict_begin_ns <= CPU_TLB_WINDOW_NS) {
            tlb_grow(cpu, mmu_idx, MIN(n << 2, (size_t)1 << CPU_TLB_DYN_MAX_BITS),
                     now);
        } else {
            d->evictions = 0;
            d->evict_begin_ns = now;
        }
    }
    if (size > TLB_PAGE_SIZE) {
        tlb_add_large_page(d, page, size);
    }

    s = address_space_lookup(cpu->as, ppage);
    whole = ppage >= s.addr && ppage - s.addr <= s.size - TLB_PAGE_SIZE &&
            s.size >= TLB_PAGE_SIZE;
    full.phys_addr = ppage;
    full.ram_addr = RAM_ADDR_INVALID;
    full.attrs = attrs;
    full.prot = prot;
    full.lg_page_size = size > TLB_PAGE_SIZE ? __builtin_ctzll(size) : TLB_PAGE_BITS;

    memset(&ne, -1, sizeof(ne));
    ne.addend = 0;
    if (s.mr && memory_region_is_ram(s.mr) && whole) {
        hwaddr off = s.offset_in_region + (ppage - s.addr);
        uint8_t *host = s.mr->ram_ptr + off;
        uint64_t wflags = 0;

        full.ram_addr = memory_region_ram_addr(s.mr) + off;
        full.readonly = s.readonly || s.mr->readonly || s.mr->kind == MR_KIND_ROM;
        ne.addend = (uintptr_t)host - page;
        if (full.readonly || !(prot & PAGE_READ)) {
            /* Writes are dropped (ROM), or the page is write-only: atomics
             * compare addr_write and must not take a read fast path. */
            wflags |= TLB_FORCE_SLOW;
        }
        if (ram_page_has_code(full.ram_addr)) {
            wflags |= TLB_NOTDIRTY;
        }
        if (prot & PAGE_READ) {
            ne.addr_read = page;
        }
        if (prot & PAGE_WRITE) {
            ne.addr_write = page | wflags;
        }
        if (prot & PAGE_EXEC) {
            ne.addr_code = page;
        }
    } else {
        /* A device, unassigned space, or a page shared by several regions
         * (then each access looks its region up). */
        full.mr = whole ? s.mr : NULL;
        full.mr_offset = whole ? s.offset_in_region + (ppage - s.addr) : 0;
        full.lookup = !whole;
        if (prot & PAGE_READ) {
            ne.addr_read = page | TLB_MMIO;
        }
        if (prot & PAGE_WRITE) {
            ne.addr_write = page | TLB_MMIO;
        }
        if (prot & PAGE_EXEC) {
            ne.addr_code = page | TLB_MMIO;
        }
    }

    if (cpu->watchpoints && cpu->watchpoints->len) {
        int wf = tlb_watch_flags(cpu, page);

        if ((wf & BP_MEM_READ) && ne.addr_read != (uint64_t)-1) {
            ne.addr_read |= TLB_WATCHPOINT;
        }
        if ((wf & BP_MEM_WRITE) && ne.addr_write != (uint64_t)-1) {
            ne.addr_write |= TLB_WATCHPOINT;
        }
    }

    /* No other copy of this page may stay in the victim TLB. */
    for (int i = 0; i < CPU_VTLB_SIZE; i++) {
        if (tlb_hit_page_anyprot(&d->vtable[i], page)) {
            tlb_entry_clear(&d->vtable[i]);
        }
    }
    index = tlb_index(cpu, mmu_idx, page);
    te = &f->table[index];
    if (tlb_entry_is_empty(te)) {
        d->n_used_entries++;
        tlb_log_used(d, index);
    } else if (!tlb_hit_page_anyprot(te, page)) {
        /* Conflict: keep the old translation in the victim TLB. */
        unsigned v = d->vindex++ % CPU_VTLB_SIZE;

        d->evictions++;

        d->vtable[v] = *te;
        d->vfull[v] = d->fulltlb[index];
    }
    d->fulltlb[index] = full;
    *te = ne;
}

/* Moves a victim entry for page back into the table; true if found. */
static bool victim_tlb_hit(CPUState *cpu, int mmu_idx, size_t index,
                           MMUAccessType type, vaddr page)
{
    AccelCPUState *a = accel_cpu(cpu);
    CPUTLBDesc *d = &a->tlb[mmu_idx];
    CPUTLBEntry *te = &cpu->tlb_fast[mmu_idx].table[index];

    for (int i = 0; i < CPU_VTLB_SIZE; i++) {
        CPUTLBEntry *ve = &d->vtable[i];

        if (tlb_hit(*tlb_field(ve, type), page)) {
            CPUTLBEntry tmp = *te;
            CPUTLBEntryFull tmpf = d->fulltlb[index];

            if (tlb_entry_is_empty(te)) {
                d->n_used_entries++;
                tlb_log_used(d, index);
            }
            *te = *ve;
            *ve = tmp;
            d->fulltlb[index] = d->vfull[i];
            d->vfull[i] = tmpf;
            a->tlb_victim_hits++;
            return true;
        }
    }
    return false;
}

/* Puts TLB_NOTDIRTY on the write entries of every vCPU that point at the
 * host page of ram page `page`. */
void tlb_protect_code(ram_addr_t page)
{
    RAMBlock *b = ram_block_from_ram_addr(page);
    uintptr_t host;
    CPUState *cpu;

    if (!b) {
        return;
    }
    host = (uintptr_t)b->host + (page - b->offset);
    CPU_FOREACH(cpu) {
        AccelCPUState *a = accel_cpu(cpu);

        if (!a) {
            continue;
        }
        for (int i = 0; i < a->nb_mmu_modes; i++) {
            CPUTLBDescFast *f = &cpu->tlb_fast[i];
            CPUTLBDesc *d = &a->tlb[i];
            bool from_log = tlb_log_valid(d);
            size_t n = from_log ? d->used_log_len : tlb_n_entries(f);

            /* Only the slots in use (the log), then the victim TLB. */
            for (size_t j = 0; j < n + CPU_VTLB_SIZE; j++) {
                CPUTLBEntry *e = j >= n ? &d->vtable[j - n] :
                                 &f->table[from_log ? d->used_log[j] : j];
                uint64_t w = e->addr_write;

                if (!(w & (TLB_INVALID | TLB_MMIO)) &&
                    (uintptr_t)((w & TLB_PAGE_MASK) + e->addend) == host) {
                    e->addr_write = w | TLB_NOTDIRTY;
                }
            }
        }
    }
}

/* The page of addr no longer holds code: let writes take the fast path. */
static void tlb_set_dirty(CPUState *cpu, vaddr addr)
{
    AccelCPUState *a = accel_cpu(cpu);
    vaddr page = addr & TLB_PAGE_MASK;

    for (int i = 0; i < a->nb_mmu_modes; i++) {
        CPUTLBEntry *e = &cpu->tlb_fast[i].table[tlb_index(cpu, i, page)];

        if (tlb_hit(e->addr_write, page)) {
            e->addr_write &= ~(uint64_t)TLB_NOTDIRTY;
        }
        for (int v = 0; v < CPU_VTLB_SIZE; v++) {
            e = &a->tlb[i].vtable[v];
            if (tlb_hit(e->addr_write, page)) {
                e->addr_write &= ~(uint64_t)TLB_NOTDIRTY;
            }
        }
    }
}

/* ---- Lookup for the slow paths ------------------------------------------ */

/* One page's part of an access. full is a copy: a device access may
 * remap memory, which flushes (and may resize) the TLB under us. */
typedef struct MMUPage {
    CPUTLBEntryFull full;
    uint8_t *haddr;             /* host address of addr (RAM) */
    vaddr addr;
    unsigned size;
    uint64_t flags;             /* TLB_* of the entry for this access */
} MMUPage;

static void mmu_lookup_page(CPUState *cpu, MMUPage *p, int mmu_idx,
                            MMUAccessType type, uintptr_t ra)
{
    AccelCPUState *a = accel_cpu(cpu);
    vaddr page = p->addr & TLB_PAGE_MASK;
    size_t index = tlb_index(cpu, mmu_idx, p->addr);
    CPUTLBEntry *e = &cpu->tlb_fast[mmu_idx].table[index];
    uint64_t tlb_addr = *tlb_field(e, type);

    if (!tlb_hit(tlb_addr, p->addr)) {
        if (!victim_tlb_hit(cpu, mmu_idx, index, type, page)) {
            a->tlb_fills++;
            a->ops->tlb_fill(cpu, p->addr, p->size, type, mmu_idx, false, ra);
            /* The fill may have flushed and resized the table. */
            index = tlb_index(cpu, mmu_idx, p->addr);
        }
        e = &cpu->tlb_fast[mmu_idx].table[index];
        tlb_addr = *tlb_field(e, type);
        /* tlb_fill returns only after installing a usable entry. */
        g_assert(tlb_hit(tlb_addr, p->addr));
    }
    p->full = accel_cpu(cpu)->tlb[mmu_idx].fulltlb[index];
    p->flags = tlb_addr & TLB_FLAGS_MASK;
    p->haddr = (uint8_t *)(uintptr_t)(p->addr + e->addend);
}

/* Whether the entry of p (looked up earlier) still stands. */
static bool mmu_page_still_valid(CPUState *cpu, MMUPage *p, int mmu_idx,
                                 MMUAccessType type)
{
    CPUTLBEntry *e = &cpu->tlb_fast[mmu_idx].table[tlb_index(cpu, mmu_idx, p->addr)];

    return tlb_hit(*tlb_field(e, type), p->addr);
}

/* Translates both pages of a page-crossing access before touching either. */
static void mmu_lookup_two(CPUState *cpu, MMUPage p[2], vaddr addr,
                           unsigned size, int mmu_idx, MMUAccessType type,
                           uintptr_t ra)
{
    unsigned s0 = TLB_PAGE_SIZE - (addr & ~TLB_PAGE_MASK);

    p[0] = (MMUPage){ .addr = addr, .size = s0 };
    p[1] = (MMUPage){ .addr = addr + s0, .size = size - s0 };
    mmu_lookup_page(cpu, &p[0], mmu_idx, type, ra);
    mmu_lookup_page(cpu, &p[1], mmu_idx, type, ra);
    if (!mmu_page_still_valid(cpu, &p[0], mmu_idx, type)) {
        mmu_lookup_page(cpu, &p[0], mmu_idx, type, ra);
    }
}

/* ---- Device accesses ---------------------------------------------------- */

static void io_failed(CPUState *cpu, const MMUPage *p, vaddr addr, unsigned size,
                      MMUAccessType type, int mmu_idx, MemTxResult r,
                      uintptr_t ra)
{
    AccelCPUState *a = accel_cpu(cpu);
    hwaddr phys = p->full.phys_addr + (addr & ~TLB_PAGE_MASK);

    log_mask_printf(LOG_GUEST_ERROR, "cpu%d: bus error (%d) on %s of %u bytes "
                    "at 0x%016" PRIx64 " (physical 0x%016" HWADDR_PRIx ")\n",
                    cpu->cpu_index, (int)r,
                    type == MMU_DATA_STORE ? "store" : "load", size,
                    (uint64_t)addr, phys);
    if (a->ops->do_transaction_failed) {
        a->ops->do_transaction_failed(cpu, phys, addr, size, type, mmu_idx, r, ra);
    }
}

/*
 * One access of size bytes to the device page of p; *val is in the byte
 * order of the access (be). Returns the bus result.
 */
static MemTxResult io_access(CPUState *cpu, const MMUPage *p, vaddr addr,
                             unsigned size, bool is_write, uint64_t *val, bool be)
{
    const CPUTLBEntryFull *full = &p->full;
    hwaddr off = addr & ~TLB_PAGE_MASK;
    MemoryRegion *mr = full->mr;
    MemTxResult r;
    bool dev_be;

    if (full->lookup) {
        /* Several regions share the page: the memory API sorts it out
         * (RAM, devices, holes), with the same byte-order rules. */
        hwaddr phys = full->phys_addr + off;

        if (is_write) {
            return address_space_st(cpu->as, phys, size, be, *val, full->attrs);
        }
        return address_space_ld(cpu->as, phys, size, be, val, full->attrs);
    }
    if (!mr) {
        if (!is_write) {
            *val = 0;
        }
        return MEMTX_DECODE_ERROR;
    }
    dev_be = mr->ops && mr->ops->endianness == DEVICE_BIG_ENDIAN;
    if (is_write) {
        uint64_t v = dev_be != be ? bswap_n(*val, size) : *val;
        return memory_region_dispatch_write(mr, full->mr_offset + off, v, size,
                                            full->attrs);
    }
    r = memory_region_dispatch_read(mr, full->mr_offset + off, val, size,
                                    full->attrs);
    if (dev_be != be) {
        *val = bswap_n(*val, size);
    }
    return r;
}

/* Reads part of a page (bytes in memory order) for a split access. */
static void page_read_bytes(CPUState *cpu, MMUPage *p, uint8_t *buf, int mmu_idx,
                            MMUAccessType type, uintptr_t ra)
{
    if (!(p->flags & TLB_MMIO)) {
        memcpy(buf, p->haddr, p->size);
        return;
    }
    for (unsigned i = 0; i < p->size; i++) {
        uint64_t v;
        MemTxResult r = io_access(cpu, p, p->addr + i, 1, false, &v, false);

        if (r != MEMTX_OK) {
            io_failed(cpu, p, p->addr + i, 1, type, mmu_idx, r, ra);
        }
        buf[i] = v;
    }
}

/* ---- Stores to code pages --------------------------------------------- */

static bool page_store_needs_notdirty(const MMUPage *p)
{
    return (p->flags & TLB_NOTDIRTY) && !(p->flags & TLB_MMIO) && !p->full.readonly;
}

/* Before writing: drop the translations of the bytes about to change. */
static void store_prepare(CPUState *cpu, MMUPage *p, uintptr_t ra)
{
    if (page_store_needs_notdirty(p)) {
        tb_invalidate_for_store(cpu, p->full.ram_addr + (p->addr & ~TLB_PAGE_MASK),
                                p->size, ra);
    }
}

/* After writing: dirty tracking, and the fast path back once no code is left. */
static void store_finish(CPUState *cpu, MMUPage *p)
{
    if (page_store_needs_notdirty(p)) {
        ram_notify_write(p->full.ram_addr + (p->addr & ~TLB_PAGE_MASK), p->size);
        if (!ram_page_has_code(p->full.ram_addr)) {
            tlb_set_dirty(cpu, p->addr);
        }
    }
}

static bool store_dropped(CPUState *cpu, const MMUPage *p)
{
    if ((p->flags & TLB_FORCE_SLOW) && !(p->flags & TLB_MMIO) && p->full.readonly) {
        log_mask_printf(LOG_GUEST_ERROR, "cpu%d: write of %u bytes to read-only "
                        "memory at 0x%016" PRIx64 " ignored\n", cpu->cpu_index,
                        p->size, (uint64_t)p->addr);
        return true;
    }
    return false;
}

static void page_write_bytes(CPUState *cpu, MMUPage *p, const uint8_t *buf,
                             int mmu_idx, uintptr_t ra)
{
    if (p->flags & TLB_MMIO) {
        for (unsigned i = 0; i < p->size; i++) {
            uint64_t v = buf[i];
            MemTxResult r = io_access(cpu, p, p->addr + i, 1, true, &v, false);

            if (r != MEMTX_OK) {
                io_failed(cpu, p, p->addr + i, 1, MMU_DATA_STORE, mmu_idx, r, ra);
            }
        }
        return;
    }
    if (store_dropped(cpu, p)) {
        return;
    }
    memcpy(p->haddr, buf, p->size);
}

/* ---- Loads and stores ---------------------------------------------------- */

static void check_alignment(CPUState *cpu, vaddr addr, MemOp mop,
                            MMUAccessType type, int mmu_idx, uintptr_t ra)
{
    unsigned align = memop_alignment_bytes(mop);
    AccelCPUState *a = accel_cpu(cpu);

    /* Checked before translation: alignment faults take priority. */
    if ((addr & (align - 1)) && a->ops->do_unaligned_access) {
        a->ops->do_unaligned_access(cpu, addr, type, mmu_idx, ra);
    }
}

static uint64_t do_ld(CPUState *cpu, vaddr addr, MemOp mop, int mmu_idx,
                      MMUAccessType type, uintptr_t ra)
{
    unsigned size = memop_size(mop);
    bool be = memop_big_endian(mop);
    uint64_t val;

    check_alignment(cpu, addr, mop, type, mmu_idx, ra);
    if ((addr & ~TLB_PAGE_MASK) + size <= TLB_PAGE_SIZE) {
        MMUPage p = { .addr = addr, .size = size };

        mmu_lookup_page(cpu, &p, mmu_idx, type, ra);
        if (p.flags & TLB_WATCHPOINT) {
            watch_check(cpu, addr, size, BP_MEM_READ, ra);
        }
        if (p.flags & TLB_MMIO) {
            MemTxResult r = io_access(cpu, &p, addr, size, false, &val, be);
            if (r != MEMTX_OK) {
                io_failed(cpu, &p, addr, size, type, mmu_idx, r, ra);
            }
        } else {
            val = ld_he(p.haddr, size);
            if (mop & MO_BSWAP) {
                val = bswap_n(val, size);
            }
        }
    } else {
        MMUPage p[2];
        uint8_t buf[8];

        mmu_lookup_two(cpu, p, addr, size, mmu_idx, type, ra);
        if ((p[0].flags | p[1].flags) & TLB_WATCHPOINT) {
            watch_check(cpu, addr, size, BP_MEM_READ, ra);
        }
        page_read_bytes(cpu, &p[0], buf, mmu_idx, type, ra);
        page_read_bytes(cpu, &p[1], buf + p[0].size, mmu_idx, type, ra);
        val = bytes_to_value(buf, size, be);
    }
    return extend(val, mop);
}

static void do_st(CPUState *cpu, vaddr addr, uint64_t val, MemOp mop,
                  int mmu_idx, uintptr_t ra)
{
    unsigned size = memop_size(mop);
    bool be = memop_big_endian(mop);

    check_alignment(cpu, addr, mop, MMU_DATA_STORE, mmu_idx, ra);
    if ((addr & ~TLB_PAGE_MASK) + size <= TLB_PAGE_SIZE) {
        MMUPage p = { .addr = addr, .size = size };

        mmu_lookup_page(cpu, &p, mmu_idx, MMU_DATA_STORE, ra);
        if (p.flags & TLB_WATCHPOINT) {
            watch_check(cpu, addr, size, BP_MEM_WRITE, ra);
        }
        if (p.flags & TLB_MMIO) {
            MemTxResult r = io_access(cpu, &p, addr, size, true, &val, be);
            if (r != MEMTX_OK) {
                io_failed(cpu, &p, addr, size, MMU_DATA_STORE, mmu_idx, r, ra);
            }
            return;
        }
        if (store_dropped(cpu, &p)) {
            return;
        }
        store_prepare(cpu, &p, ra);
        st_he(p.haddr, size, (mop & MO_BSWAP) ? bswap_n(val, size) : val);
        store_finish(cpu, &p);
    } else {
        MMUPage p[2];
        uint8_t buf[8];

        mmu_lookup_two(cpu, p, addr, size, mmu_idx, MMU_DATA_STORE, ra);
        if ((p[0].flags | p[1].flags) & TLB_WATCHPOINT) {
            watch_check(cpu, addr, size, BP_MEM_WRITE, ra);
        }
        store_prepare(cpu, &p[0], ra);
        store_prepare(cpu, &p[1], ra);
        value_to_bytes(val, buf, size, be);
        page_write_bytes(cpu, &p[0], buf, mmu_idx, ra);
        page_write_bytes(cpu, &p[1], buf + p[0].size, mmu_idx, ra);
        store_finish(cpu, &p[0]);
        store_finish(cpu, &p[1]);
    }
}

/* ---- Atomics --------------------------------------------------------------- */

static uint64_t atomic_apply(TCGAtomicOp op, uint64_t old, uint64_t v)
{
    switch (op) {
    case TCG_ATOMIC_XCHG: return v;
    case TCG_ATOMIC_ADD: return old + v;
    case TCG_ATOMIC_AND: return old & v;
    case TCG_ATOMIC_OR: return old | v;
    case TCG_ATOMIC_XOR: return old ^ v;
    case TCG_ATOMIC_SMIN: return (int64_t)old < (int64_t)v ? old : v;
    case TCG_ATOMIC_SMAX: return (int64_t)old > (int64_t)v ? old : v;
    case TCG_ATOMIC_UMIN: return old < v ? old : v;
    case TCG_ATOMIC_UMAX: return old > v ? old : v;
    default: return old;
    }
}

static uint64_t atomic_load_sz(void *h, unsigned size)
{
    switch (size) {
    case 1: return __atomic_load_n((uint8_t *)h, __ATOMIC_SEQ_CST);
    case 2: return __atomic_load_n((uint16_t *)h, __ATOMIC_SEQ_CST);
    case 4: return __atomic_load_n((uint32_t *)h, __ATOMIC_SEQ_CST);
    default: return __atomic_load_n((uint64_t *)h, __ATOMIC_SEQ_CST);
    }
}

static bool atomic_cas_sz(void *h, unsigned size, uint64_t *expected, uint64_t desired)
{
    switch (size) {
    case 1: {
        uint8_t e = *expected;
        bool ok = __atomic_compare_exchange_n((uint8_t *)h, &e, (uint8_t)desired,
                                              false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        *expected = e;
        return ok;
    }
    case 2: {
        uint16_t e = *expected;
        bool ok = __atomic_compare_exchange_n((uint16_t *)h, &e, (uint16_t)desired,
                                              false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        *expected = e;
        return ok;
    }
    case 4: {
        uint32_t e = *expected;
        bool ok = __atomic_compare_exchange_n((uint32_t *)h, &e, (uint32_t)desired,
                                              false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        *expected = e;
        return ok;
    }
    default:
        return __atomic_compare_exchange_n((uint64_t *)h, expected, desired,
                                           false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    }
}

/*
 * cmpxchg when is_cmpxchg (a1 = cmp, a2 = new), otherwise rmw op with
 * a1 = operand. Values are extended as the memop says before comparing or
 * combining (as the IR reference interpreter defines them); the old value
 * is returned extended.
 */
static uint64_t do_atomic(CPUState *cpu, vaddr addr, MemOp mop, int mmu_idx,
                          uintptr_t ra, bool is_cmpxchg, TCGAtomicOp op,
                          uint64_t a1, uint64_t a2)
{
    unsigned size = memop_size(mop);
    uint64_t old, newv;

    check_alignment(cpu, addr, mop, MMU_DATA_STORE, mmu_idx, ra);
    a1 = extend(a1, mop);
    if ((addr & (size - 1)) == 0) {
        MMUPage p = { .addr = addr, .size = size };

        /* Write permission first (the access is a write), then read. */
        mmu_lookup_page(cpu, &p, mmu_idx, MMU_DATA_STORE, ra);
        if (!(p.full.prot & PAGE_READ)) {
            MMUPage q = { .addr = addr, .size = size };
            mmu_lookup_page(cpu, &q, mmu_idx, MMU_DATA_LOAD, ra);
        }
        if (p.flags & TLB_WATCHPOINT) {
            watch_check(cpu, addr, size, BP_MEM_READ | BP_MEM_WRITE, ra);
        }
        if (!(p.flags & TLB_MMIO) && !p.full.readonly) {
            uint64_t raw;

            store_prepare(cpu, &p, ra);
            raw = atomic_load_sz(p.haddr, size);
            for (;;) {
                uint64_t cur = raw, desired;

                if (mop & MO_BSWAP) {
                    cur = bswap_n(cur, size);
                }
                old = extend(cur, mop);
                if (is_cmpxchg) {
                    if (old != a1) {
                        break;
                    }
                    newv = a2;
                } else {
                    newv = atomic_apply(op, old, a1);
                }
                desired = extend(newv, mop & MO_SIZE);
                if (mop & MO_BSWAP) {
                    desired = bswap_n(desired, size);
                }
                if (atomic_cas_sz(p.haddr, size, &raw, desired)) {
                    break;
                }
            }
            store_finish(cpu, &p);
            return old;
        }
    }
    /*
     * Devices, ROM, or an unaligned access the memop allows: read, then
     * write. Not atomic against other vCPUs, which do not run meanwhile
     * while vCPUs take turns on one thread.
     */
    old = do_ld(cpu, addr, mop, mmu_idx, MMU_DATA_LOAD, ra);
    if (is_cmpxchg) {
        if (old != a1) {
            return old;
        }
        newv = a2;
    } else {
        newv = atomic_apply(op, old, a1);
    }
    do_st(cpu, addr, newv, mop, mmu_idx, ra);
    return old;
}

/* ---- Entry points ------------------------------------------------------------ */

uint64_t tlb_slow_ld(void *env, uint64_t addr, uint32_t oi, uintptr_t ra)
{
    CPUState *cpu = env_cpu(env);

    accel_cpu(cpu)->tlb_slow_calls++;
    return do_ld(cpu, addr, get_memop(oi), get_mmuidx(oi), MMU_DATA_LOAD, ra);
}

void tlb_slow_st(void *env, uint64_t addr, uint64_t val, uint32_t oi, uintptr_t ra)
{
    CPUState *cpu = env_cpu(env);

    accel_cpu(cpu)->tlb_slow_calls++;
    do_st(cpu, addr, val, get_memop(oi), get_mmuidx(oi), ra);
}

uint64_t tlb_slow_cmpxchg(void *env, uint64_t addr, uint64_t cmp, uint64_t newv,
                          uint32_t oi, uintptr_t ra)
{
    CPUState *cpu = env_cpu(env);

    accel_cpu(cpu)->tlb_slow_calls++;
    return do_atomic(cpu, addr, get_memop(oi), get_mmuidx(oi), ra, true,
                     TCG_ATOMIC_XCHG, cmp, newv);
}

uint64_t tlb_slow_rmw(void *env, uint64_t addr, uint64_t val, uint32_t oi,
                      uint32_t op, uintptr_t ra)
{
    CPUState *cpu = env_cpu(env);

    accel_cpu(cpu)->tlb_slow_calls++;
    return do_atomic(cpu, addr, get_memop(oi), get_mmuidx(oi), ra, false,
                     (TCGAtomicOp)op, val, 0);
}

/* The size comes from the function; the caller's memop gives byte order
 * and alignment. */
static MemOp sized(uint32_t memop, MemOp size)
{
    return (MemOp)((memop & ~(uint32_t)(MO_SIZE | MO_SIGN)) | size);
}

uint8_t cpu_ldb_mmu(CPUState *cpu, vaddr addr, int mmu_idx, uintptr_t ra)
{
    return do_ld(cpu, addr, MO_8, mmu_idx, MMU_DATA_LOAD, ra);
}

uint16_t cpu_ldw_mmu(CPUState *cpu, vaddr addr, uint32_t memop, int mmu_idx, uintptr_t ra)
{
    return do_ld(cpu, addr, sized(memop, MO_16), mmu_idx, MMU_DATA_LOAD, ra);
}

uint32_t cpu_ldl_mmu(CPUState *cpu, vaddr addr, uint32_t memop, int mmu_idx, uintptr_t ra)
{
    return do_ld(cpu, addr, sized(memop, MO_32), mmu_idx, MMU_DATA_LOAD, ra);
}

uint64_t cpu_ldq_mmu(CPUState *cpu, vaddr addr, uint32_t memop, int mmu_idx, uintptr_t ra)
{
    return do_ld(cpu, addr, sized(memop, MO_64), mmu_idx, MMU_DATA_LOAD, ra);
}

void cpu_stb_mmu(CPUState *cpu, vaddr addr, uint8_t val, int mmu_idx, uintptr_t ra)
{
    do_st(cpu, addr, val, MO_8, mmu_idx, ra);
}

void cpu_stw_mmu(CPUState *cpu, vaddr addr, uint16_t val, uint32_t memop,
                 int mmu_idx, uintptr_t ra)
{
    do_st(cpu, addr, val, sized(memop, MO_16), mmu_idx, ra);
}

void cpu_stl_mmu(CPUState *cpu, vaddr addr, uint32_t val, uint32_t memop,
                 int mmu_idx, uintptr_t ra)
{
    do_st(cpu, addr, val, sized(memop, MO_32), mmu_idx, ra);
}

void cpu_stq_mmu(CPUState *cpu, vaddr addr, uint64_t val, uint32_t memop,
                 int mmu_idx, uintptr_t ra)
{
    do_st(cpu, addr, val, sized(memop, MO_64), mmu_idx, ra);
}

void *probe_access(CPUState *cpu, vaddr addr, int size, MMUAccessType type,
                   int mmu_idx, uintptr_t ra)
{
    MMUPage p = { .addr = addr, .size = size > 0 ? size : 1 };

    /* Callers probe within one page (DC ZVA blocks, exclusive pairs). */
    g_assert((addr & ~TLB_PAGE_MASK) + p.size <= TLB_PAGE_SIZE);
    mmu_lookup_page(cpu, &p, mmu_idx, type, ra);
    if (p.flags & (TLB_MMIO | TLB_WATCHPOINT)) {
        return NULL;
    }
    if (type == MMU_DATA_STORE) {
        if (p.full.readonly) {
            return NULL;        /* cpu_st*_mmu drops the write */
        }
        if (size > 0) {
            /* The caller writes through the pointer right after. */
            store_prepare(cpu, &p, ra);
            store_finish(cpu, &p);
        }
    }
    return p.haddr;
}

/* ---- Code fetch ------------------------------------------------------------- */

bool tlb_lookup_code(CPUState *cpu, vaddr addr, CPUTLBEntryFull **pfull, void **phost)
{
    AccelCPUState *a = accel_cpu(cpu);
    int mmu_idx = tcg_code_mmu_index(cpu);
    size_t index = tlb_index(cpu, mmu_idx, addr);
    CPUTLBEntry *e = &cpu->tlb_fast[mmu_idx].table[index];

    if (!tlb_hit(e->addr_code, addr)) {
        if (!victim_tlb_hit(cpu, mmu_idx, index, MMU_INST_FETCH, addr & TLB_PAGE_MASK)) {
            a->tlb_fills++;
            if (!a->ops->tlb_fill(cpu, addr, 1, MMU_INST_FETCH, mmu_idx, true, 0)) {
                return false;
            }
            index = tlb_index(cpu, mmu_idx, addr);
        }
        e = &cpu->tlb_fast[mmu_idx].table[index];
        if (!tlb_hit(e->addr_code, addr)) {
            return false;
        }
    }
    *pfull = &a->tlb[mmu_idx].fulltlb[index];
    *phost = (e->addr_code & TLB_MMIO) ? NULL : (void *)(uintptr_t)(addr + e->addend);
    return true;
}

hwaddr get_page_addr_code(CPUState *cpu, vaddr pc)
{
    CPUTLBEntryFull *full;
    void *host;

    if (!tlb_lookup_code(cpu, pc, &full, &host) || !host) {
        return (hwaddr)-1;
    }
    return full->phys_addr + (pc & ~TLB_PAGE_MASK);
}
