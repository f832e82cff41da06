/*
 * physmem.c — address spaces and guest RAM.
 *
 * An AddressSpace holds the FlatView of its root region (built by memory.c)
 * and answers lookups by binary search, with a shortcut for the range hit
 * last. On top of lookups sit the byte-stream accesses (address_space_read/
 * write, crossing regions), the single loads and stores of a CPU or device
 * (address_space_ld/st), host mappings for devices (address_space_map) and
 * the bounds-checked DMA helpers.
 *
 * RAM and ROM are RAM blocks in one global "ram address" space, each with a
 * bitmap of the 4 KiB pages that hold translated code and a bitmap of the
 * pages written since the last scan; every write that bypasses the TLB fast
 * path goes through ram_notify_write, which keeps both honest.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "exec/memory.h"
#include "softmmu/memory-internal.h"

#include <assert.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>

/* ---- Address spaces ---------------------------------------------------- */

static GPtrArray *address_spaces;

GPtrArray *address_space_get_all(void)
{
    if (!address_spaces) {
        address_spaces = g_ptr_array_new();
    }
    return address_spaces;
}

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name)
{
    memset(as, 0, sizeof(*as));
    as->name = g_strdup(name);
    as->root = root;
    as->listeners = g_ptr_array_new();
    as->view = flatview_build(root);
    g_ptr_array_add(address_space_get_all(), as);
}

void address_space_destroy(AddressSpace *as)
{
    g_ptr_array_remove(address_space_get_all(), as);
    flatview_free(as->view);
    if (as->listeners) {
        g_ptr_array_free(as->listeners, TRUE);
    }
    g_free(as->name);
    memset(as, 0, sizeof(*as));
}

void address_space_add_listener(AddressSpace *as, MemoryListener *l)
{
    g_ptr_array_add(as->listeners, l);
}

void address_space_remove_listener(AddressSpace *as, MemoryListener *l)
{
    g_ptr_array_remove(as->listeners, l);
}

/*
 * The old view is freed at once: lookups must not run concurrently with a
 * tree change (the tree is only changed with the global lock held, and
 * vCPUs leave the lock only between translation blocks).
 */
void address_space_rebuild_all(void)
{
    GPtrArray *spaces = address_space_get_all();

    for (guint i = 0; i < spaces->len; i++) {
        AddressSpace *as = g_ptr_array_index(spaces, i);
        FlatView *fv = flatview_build(as->root);

        if (flatview_equal(fv, as->view)) {
            flatview_free(fv);
            continue;
        }
        flatview_free(as->view);
        as->view = fv;
        as->last_hit = 0;
        for (guint j = 0; j < as->listeners->len; j++) {
            MemoryListener *l = g_ptr_array_index(as->listeners, j);

            if (l->commit) {
                l->commit(l, as);
            }
        }
    }
}

static inline bool section_contains(const MemoryRegionSection *s, hwaddr addr)
{
    return addr - s->addr < s->size;
}

MemoryRegionSection address_space_lookup(AddressSpace *as, hwaddr addr)
{
    const FlatView *fv = as->view;
    unsigned hit = __atomic_load_n(&as->last_hit, __ATOMIC_RELAXED);
    unsigned lo = 0, hi = fv->nr;
    MemU128 gap_start, gap_end;
    MemoryRegionSection none = { 0 };

    if (likely(hit < fv->nr && section_contains(&fv->ranges[hit], addr))) {
        return fv->ranges[hit];
    }
    /* lo := the number of ranges that start at or below addr. */
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;

        if (fv->ranges[mid].addr <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo > 0 && section_contains(&fv->ranges[lo - 1], addr)) {
        __atomic_store_n(&as->last_hit, lo - 1, __ATOMIC_RELAXED);
        return fv->ranges[lo - 1];
    }
    /* Unassigned: the whole gap around addr, or from addr on when the gap
     * is the full 2^64 space (its size would not fit). */
    gap_start = lo > 0 ? (MemU128)fv->ranges[lo - 1].addr +
                         fv->ranges[lo - 1].size : 0;
    gap_end = lo < fv->nr ? fv->ranges[lo].addr : (MemU128)1 << 64;
    if (gap_end - gap_start > UINT64_MAX) {
        gap_start = addr;
    }
    none.addr = (hwaddr)gap_start;
    none.size = gap_end - gap_start > UINT64_MAX ? UINT64_MAX
                                                 : (uint64_t)(gap_end - gap_start);
    return none;
}

/* Bytes of the section from addr to its end (at least 1). */
static uint64_t section_avail(const MemoryRegionSection *s, hwaddr addr)
{
    uint64_t avail = s->size - (addr - s->addr);

    return avail ? avail : 1;
}

static ram_addr_t section_ram_addr(const MemoryRegionSection *s, hwaddr addr)
{
    return memory_region_ram_addr(s->mr) + s->offset_in_region +
           (addr - s->addr);
}

static uint8_t *section_host(const MemoryRegionSection *s, hwaddr addr)
{
    return s->mr->ram_ptr + s->offset_in_region + (addr - s->addr);
}

/* ---- Byte-stream accesses --------------------------------------------- */

typedef enum RwMode {
    RW_READ,
    RW_WRITE,
    RW_WRITE_ROM,                       /* loader: ROM too, no MMIO */
} RwMode;

static MemTxResult io_rw(MemoryRegion *mr, hwaddr off, uint8_t *buf,
                         uint64_t len, bool is_write, MemTxAttrs attrs)
{
    bool be = memory_region_ops_big_endian(mr);
    MemTxResult res = MEMTX_OK;

    while (len) {
        unsigned size = memory_region_access_size(mr, off, len);
        MemTxResult r;

        if (is_write) {
            r = memory_region_dispatch_write(mr, off,
                                             mem_bytes_to_value(buf, size, be),
                                             size, attrs);
        } else {
            uint64_t v;

            r = memory_region_dispatch_read(mr, off, &v, size, attrs);
            mem_value_to_bytes(v, buf, size, be);
        }
        if (res == MEMTX_OK) {
            res = r;
        }
        off += size;
        buf += size;
        len -= size;
    }
    return res;
}

static MemTxResult unassigned_access(AddressSpace *as, hwaddr addr,
                                     uint8_t *buf, uint64_t len, RwMode mode)
{
    log_mask_printf(LOG_GUEST_ERROR,
                    "memory: unassigned %s of %" PRIu64 " bytes at 0x%016"
                    HWADDR_PRIx " in address space '%s'\n",
                    mode == RW_READ ? "read" : "write", len, addr, as->name);
    if (mode == RW_READ) {
        memset(buf, 0, len);
    }
    return MEMTX_DECODE_ERROR;
}

static MemTxResult address_space_rw(AddressSpace *as, hwaddr addr,
                                    MemTxAttrs attrs, uint8_t *buf,
                                    size_t len, RwMode mode)
{
    MemTxResult res = MEMTX_OK;

    while (len) {
        MemoryRegionSection s = address_space_lookup(as, addr);
        uint64_t n = MIN((uint64_t)len, section_avail(&s, addr));
        MemTxResult r = MEMTX_OK;

        if (!s.mr) {
            r = unassigned_access(as, addr, buf, n, mode);
        } else if (memory_region_is_ram(s.mr)) {
            if (mode == RW_READ) {
                memcpy(buf, section_host(&s, addr), n);
            } else if (s.readonly && mode != RW_WRITE_ROM) {
                log_mask_printf(LOG_GUEST_ERROR,
                                "memory: write of %" PRIu64 " bytes to "
                                "read-only '%s' at 0x%016" HWADDR_PRIx
                                " refused\n", n, s.mr->name, addr);
                r = MEMTX_ERROR;
            } else {
                memcpy(section_host(&s, addr), buf, n);
                ram_notify_write(section_ram_addr(&s, addr), n);
            }
        } else if (mode == RW_WRITE_ROM) {
            r = MEMTX_ERROR;                /* loaders do not poke devices */
        } else {
            r = io_rw(s.mr, s.offset_in_region + (addr - s.addr), buf, n,
                      mode != RW_READ, attrs);
        }
        if (res == MEMTX_OK) {
            res = r;
        }
        buf += n;
        len -= n;
        addr += n;
        if (len && addr == 0) {
            /* Ran past 2^64: nothing is there. */
            r = unassigned_access(as, addr, buf, len, mode);
            return res == MEMTX_OK ? r : res;
        }
    }
    return res;
}

MemTxResult address_space_read(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                               void *buf, size_t len)
{
    return address_space_rw(as, addr, attrs, buf, len, RW_READ);
}

MemTxResult address_space_write(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                                const void *buf, size_t len)
{
    return address_space_rw(as, addr, attrs, (uint8_t *)buf, len, RW_WRITE);
}

MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    const void *buf, size_t len)
{
    return address_space_rw(as, addr, MEMTXATTRS_UNSPECIFIED, (uint8_t *)buf,
                            len, RW_WRITE_ROM);
}

/* ---- Single loads and stores ------------------------------------------ */

static uint64_t bswap_size(uint64_t v, unsigned size)
{
    switch (size) {
    case 2:
        return GUINT16_SWAP_LE_BE((uint16_t)v);
    case 4:
        return GUINT32_SWAP_LE_BE((uint32_t)v);
    case 8:
        return GUINT64_SWAP_LE_BE(v);
    default:
        return v;
    }
}

MemTxResult address_space_ld(AddressSpace *as, hwaddr addr, unsigned size,
                             bool big_endian, uint64_t *val, MemTxAttrs attrs)
{
    MemoryRegionSection s;
    uint8_t b[8];
    MemTxResult r;

    *val = 0;
    if (size != 1 && size != 2 && size != 4 && size != 8) {
        return MEMTX_DECODE_ERROR;
    }
    s = address_space_lookup(as, addr);
    if (s.mr && section_avail(&s, addr) >= size) {
        if (memory_region_is_ram(s.mr)) {
            memcpy(b, section_host(&s, addr), size);
            *val = mem_bytes_to_value(b, size, big_endian);
            return MEMTX_OK;
        }
        /* One access of that size, as the device must see it. */
        r = memory_region_dispatch_read(s.mr, s.offset_in_region +
                                        (addr - s.addr), val, size, attrs);
        if (memory_region_ops_big_endian(s.mr) != big_endian) {
            *val = bswap_size(*val, size);
        }
        return r;
    }
    /* Unassigned, or straddling two regions: a byte stream. */
    r = address_space_read(as, addr, attrs, b, size);
    *val = mem_bytes_to_value(b, size, big_endian);
    return r;
}

MemTxResult address_space_st(AddressSpace *as, hwaddr addr, unsigned size,
                             bool big_endian, uint64_t val, MemTxAttrs attrs)
{
    MemoryRegionSection s;
    uint8_t b[8];

    if (size != 1 && size != 2 && size != 4 && size != 8) {
        return MEMTX_DECODE_ERROR;
    }
    s = address_space_lookup(as, addr);
    if (s.mr && !memory_region_is_ram(s.mr) && section_avail(&s, addr) >= size) {
        if (memory_region_ops_big_endian(s.mr) != big_endian) {
            val = bswap_size(val, size);
        }
        return memory_region_dispatch_write(s.mr, s.offset_in_region +
                                            (addr - s.addr), val, size, attrs);
    }
    /* RAM (with its read-only check and code tracking), unassigned, or
     * straddling. */
    mem_value_to_bytes(val, b, size, big_endian);
    return address_space_write(as, addr, attrs, b, size);
}

/* ---- Host mappings and DMA -------------------------------------------- */

void *address_space_map(AddressSpace *as, hwaddr addr, hwaddr *len,
                        bool is_write)
{
    MemoryRegionSection s;

    if (*len == 0) {
        return NULL;
    }
    s = address_space_lookup(as, addr);
    if (!s.mr || !memory_region_is_ram(s.mr) || (is_write && s.readonly)) {
        *len = 0;
        return NULL;
    }
    *len = MIN(*len, section_avail(&s, addr));
    return section_host(&s, addr);
}

void address_space_unmap(AddressSpace *as, void *host, hwaddr len,
                         bool is_write, hwaddr access_len)
{
    ram_addr_t offset;
    RAMBlock *block;

    if (!is_write || !access_len || !host) {
        return;
    }
    block = ram_block_from_host(host, &offset);
    if (block) {
        ram_notify_write(block->offset + offset,
                         MIN(access_len, block->size - offset));
    }
}

/*
 * Whether [addr, addr+len) is guest RAM throughout (writable RAM for a
 * write). Checked before any byte moves, so a refused DMA leaves both the
 * guest memory and the device's buffer as they were.
 */
static bool dma_check(AddressSpace *as, hwaddr start, size_t len, bool is_write)
{
    uint64_t left = len;
    hwaddr addr = start;

    if (len == 0) {
        return true;
    }
    if ((uint64_t)len - 1 > UINT64_MAX - addr) {
        goto refused;                       /* wraps past 2^64 */
    }
    while (left) {
        MemoryRegionSection s = address_space_lookup(as, addr);
        uint64_t n;

        if (!s.mr || !memory_region_is_ram(s.mr) || (is_write && s.readonly)) {
            goto refused;
        }
        n = MIN(left, section_avail(&s, addr));
        left -= n;
        addr += n;
    }
    return true;

refused:
    log_mask_printf(LOG_GUEST_ERROR,
                    "memory: DMA %s of %zu bytes at 0x%016" HWADDR_PRIx
                    " refused: not all guest RAM\n",
                    is_write ? "write" : "read", len, start);
    return false;
}

bool dma_memory_read(AddressSpace *as, hwaddr addr, void *buf, size_t len)
{
    return dma_check(as, addr, len, false) &&
           address_space_rw(as, addr, MEMTXATTRS_UNSPECIFIED, buf, len,
                            RW_READ) == MEMTX_OK;
}

bool dma_memory_write(AddressSpace *as, hwaddr addr, const void *buf, size_t len)
{
    return dma_check(as, addr, len, true) &&
           address_space_rw(as, addr, MEMTXATTRS_UNSPECIFIED, (uint8_t *)buf,
                            len, RW_WRITE) == MEMTX_OK;
}

bool dma_memory_set(AddressSpace *as, hwaddr addr, uint8_t c, size_t len)
{
    if (!dma_check(as, addr, len, true)) {
        return false;
    }
    while (len) {
        MemoryRegionSection s = address_space_lookup(as, addr);
        uint64_t n = MIN((uint64_t)len, section_avail(&s, addr));

        memset(section_host(&s, addr), c, n);
        ram_notify_write(section_ram_addr(&s, addr), n);
        len -= n;
        addr += n;
    }
    return true;
}

/* ---- RAM blocks -------------------------------------------------------- */

#define BITS_PER_ULONG (8 * sizeof(unsigned long))

static GPtrArray *ram_blocks;           /* sorted by offset */
static ram_addr_t ram_addr_next;
static RAMBlock *ram_block_last;
static void (*code_write_hook)(ram_addr_t addr, uint64_t len);

static inline bool bitmap_test(const unsigned long *map, uint64_t bit)
{
    return (__atomic_load_n(&map[bit / BITS_PER_ULONG], __ATOMIC_RELAXED) >>
            (bit % BITS_PER_ULONG)) & 1;
}

static inline void bitmap_set_bit(unsigned long *map, uint64_t bit)
{
    unsigned long mask = 1UL << (bit % BITS_PER_ULONG);

    if (!(__atomic_load_n(&map[bit / BITS_PER_ULONG], __ATOMIC_RELAXED) & mask)) {
        __atomic_fetch_or(&map[bit / BITS_PER_ULONG], mask, __ATOMIC_RELAXED);
    }
}

static inline bool bitmap_test_and_clear(unsigned long *map, uint64_t bit)
{
    unsigned long mask = 1UL << (bit % BITS_PER_ULONG);

    return __atomic_fetch_and(&map[bit / BITS_PER_ULONG], ~mask,
                              __ATOMIC_RELAXED) & mask;
}

/* "64 GiB", "1.5 GiB", "4096 bytes": sizes for error messages. */
static char *format_size(MemU128 size)
{
    static const char *const units[] = { "bytes", "KiB", "MiB", "GiB", "TiB",
                                          "PiB", "EiB" };
    unsigned u = 0;
    MemU128 div = 1;

    while (u + 1 < G_N_ELEMENTS(units) && size >= div * 1024) {
        div *= 1024;
        u++;
    }
    if (size % div == 0) {
        return g_strdup_printf("%" PRIu64 " %s", (uint64_t)(size / div), units[u]);
    }
    return g_strdup_printf("%.1f %s", (double)size / (double)div, units[u]);
}

bool ram_block_alloc(MemoryRegion *mr, uint64_t size, GError **errp)
{
    const char *what = mr->kind == MR_KIND_ROM ? "ROM" : "RAM";
    struct sysinfo si;
    RAMBlock *block;
    uint64_t pages;
    void *host;

    mr->ram_ptr = NULL;
    mr->ram_block = NULL;
    if (size == 0) {
        return true;                        /* nothing to back */
    }
    /*
     * MAP_NORESERVE lets mmap succeed for nearly any size and the process
     * would die later, on first touch, when the host runs out: refuse
     * sizes the host cannot hold at all up front.
     */
    if (sysinfo(&si) == 0) {
        MemU128 host_total = ((MemU128)si.totalram + si.totalswap) *
                             (si.mem_unit ? si.mem_unit : 1);

        if (size > host_total) {
            g_autofree char *want = format_size(size);
            g_autofree char *have = format_size(host_total);

            error_setg(errp, "cannot allocate %s of guest %s: the host has "
                       "only %s of memory and swap", want, what, have);
            return false;
        }
    }
    host = mmap(NULL, size, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (host == MAP_FAILED) {
        g_autofree char *want = format_size(size);

        error_setg_errno(errp, errno, "cannot allocate %s of guest %s",
                         want, what);
        return false;
    }
#ifdef MADV_HUGEPAGE
    /* Transparent huge pages where the host allows them: a guest that
     * touches memory all over (page tables, big heaps) pays far fewer host
     * TLB misses. Advice only: failure changes nothing. */
    (void)madvise(host, size, MADV_HUGEPAGE);
#endif

    pages = DIV_ROUND_UP(size, PHYS_PAGE_SIZE);
    block = g_new0(RAMBlock, 1);
    block->mr = mr;
    block->host = host;
    block->offset = ram_addr_next;
    block->size = size;
    block->code_bitmap = g_new0(unsigned long, DIV_ROUND_UP(pages, BITS_PER_ULONG));
    block->dirty_bitmap = g_new0(unsigned long, DIV_ROUND_UP(pages, BITS_PER_ULONG));
    /* New memory counts as written, so a display's first scan sees all. */
    for (uint64_t p = 0; p < pages; p++) {
        bitmap_set_bit(block->dirty_bitmap, p);
    }
    ram_addr_next += pages * PHYS_PAGE_SIZE;
    if (!ram_blocks) {
        ram_blocks = g_ptr_array_new();
    }
    g_ptr_array_add(ram_blocks, block);     /* offsets only grow: stays sorted */
    mr->ram_ptr = host;
    mr->ram_block = block;
    return true;
}

void ram_block_free(MemoryRegion *mr)
{
    RAMBlock *block = mr->ram_block;

    if (!block) {
        return;
    }
    g_ptr_array_remove(ram_blocks, block);
    if (ram_block_last == block) {
        ram_block_last = NULL;
    }
    munmap(block->host, block->size);
    g_free(block->code_bitmap);
    g_free(block->dirty_bitmap);
    g_free(block);
    mr->ram_block = NULL;
    mr->ram_ptr = NULL;
}

RAMBlock *ram_block_from_ram_addr(ram_addr_t addr)
{
    RAMBlock *last = ram_block_last;
    guint lo = 0, hi;

    if (last && addr - last->offset < last->size) {
        return last;
    }
    if (!ram_blocks) {
        return NULL;
    }
    hi = ram_blocks->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        RAMBlock *b = g_ptr_array_index(ram_blocks, mid);

        if (b->offset <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo > 0) {
        RAMBlock *b = g_ptr_array_index(ram_blocks, lo - 1);

        if (addr - b->offset < b->size) {
            ram_block_last = b;
            return b;
        }
    }
    return NULL;
}

RAMBlock *ram_block_from_host(const void *host, ram_addr_t *offset)
{
    const uint8_t *p = host;

    if (!ram_blocks) {
        return NULL;
    }
    for (guint i = 0; i < ram_blocks->len; i++) {
        RAMBlock *b = g_ptr_array_index(ram_blocks, i);

        if (p >= b->host && (uint64_t)(p - b->host) < b->size) {
            if (offset) {
                *offset = p - b->host;
            }
            return b;
        }
    }
    return NULL;
}

bool ram_page_has_code(ram_addr_t addr)
{
    RAMBlock *b = ram_block_from_ram_addr(addr);

    return b && bitmap_test(b->code_bitmap, (addr - b->offset) >> PHYS_PAGE_BITS);
}

void ram_page_set_code(ram_addr_t addr)
{
    RAMBlock *b = ram_block_from_ram_addr(addr);

    if (b) {
        bitmap_set_bit(b->code_bitmap, (addr - b->offset) >> PHYS_PAGE_BITS);
    }
}

void ram_page_clear_code(ram_addr_t addr)
{
    RAMBlock *b = ram_block_from_ram_addr(addr);

    if (b) {
        bitmap_test_and_clear(b->code_bitmap, (addr - b->offset) >> PHYS_PAGE_BITS);
    }
}

bool ram_page_test_and_clear_dirty(ram_addr_t addr)
{
    RAMBlock *b = ram_block_from_ram_addr(addr);

    return b && bitmap_test_and_clear(b->dirty_bitmap,
                                      (addr - b->offset) >> PHYS_PAGE_BITS);
}

void ram_set_code_write_hook(void (*hook)(ram_addr_t addr, uint64_t len))
{
    code_write_hook = hook;
}

void ram_notify_write(ram_addr_t addr, uint64_t len)
{
    while (len) {
        RAMBlock *b = ram_block_from_ram_addr(addr);
        uint64_t off, end, first, last, run = UINT64_MAX;

        if (!b) {
            return;
        }
        off = addr - b->offset;
        end = off + MIN(len, b->size - off);
        first = off >> PHYS_PAGE_BITS;
        last = (end - 1) >> PHYS_PAGE_BITS;
        /* Mark dirty, and report each run of code pages, clipped to the
         * bytes written, to the translator once. */
        for (uint64_t p = first; p <= last + 1; p++) {
            bool code = p <= last && bitmap_test(b->code_bitmap, p);

            if (p <= last) {
                bitmap_set_bit(b->dirty_bitmap, p);
            }
            if (code && run == UINT64_MAX) {
                run = p;
            } else if (!code && run != UINT64_MAX) {
                uint64_t s = MAX(off, run << PHYS_PAGE_BITS);
                uint64_t e = MIN(end, p << PHYS_PAGE_BITS);

                if (code_write_hook) {
                    code_write_hook(b->offset + s, e - s);
                }
                run = UINT64_MAX;
            }
        }
        len -= end - off;
        addr += end - off;
    }
}

/* ---- The machine's memory ---------------------------------------------- */

static MemoryRegion system_memory;
static AddressSpace address_space_memory;
static bool system_memory_ready, address_space_memory_ready;

MemoryRegion *get_system_memory(void)
{
    if (!system_memory_ready) {
        memory_region_init_container(&system_memory, NULL, "system", UINT64_MAX);
        system_memory_ready = true;
    }
    return &system_memory;
}

AddressSpace *get_address_space_memory(void)
{
    if (!address_space_memory_ready) {
        address_space_init(&address_space_memory, get_system_memory(), "memory");
        address_space_memory_ready = true;
    }
    return &address_space_memory;
}
