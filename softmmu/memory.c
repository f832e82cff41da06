/*
 * memory.c — the memory region tree.
 *
 * Regions (RAM, ROM, I/O, containers, aliases), their placement in
 * containers with priorities, transactions that batch changes, the
 * flattening of a tree into a FlatView (sorted, non-overlapping ranges),
 * the dispatch of one access to a device's callbacks (valid/impl checks,
 * splitting, widening, byte order), and the "info mtree" printer.
 *
 * Address spaces, RAM blocks and the read/write/DMA paths are in physmem.c.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "exec/memory.h"
#include "softmmu/memory-internal.h"

#include <assert.h>

/* Aliases of aliases and nested containers are followed to this depth; a
 * deeper tree is a cycle, which is a bug in the board code. */
#define MEMORY_MAX_DEPTH 64

static unsigned transaction_depth;
static bool update_pending;
static bool update_running;
static unsigned flatview_builds;

/* ---- Regions ---------------------------------------------------------- */

static void region_init(MemoryRegion *mr, Object *owner, const char *name,
                        uint64_t size, MemoryRegionKind kind)
{
    memset(mr, 0, sizeof(*mr));
    mr->name = g_strdup(name ? name : "anonymous");
    mr->owner = owner;
    mr->kind = kind;
    mr->size = size;
    mr->enabled = true;
}

void memory_region_init_container(MemoryRegion *mr, Object *owner,
                                  const char *name, uint64_t size)
{
    region_init(mr, owner, name, size, MR_KIND_CONTAINER);
}

static bool region_init_backed(MemoryRegion *mr, Object *owner,
                               const char *name, uint64_t size,
                               MemoryRegionKind kind, GError **errp)
{
    region_init(mr, owner, name, size, kind);
    mr->readonly = kind == MR_KIND_ROM;
    if (!ram_block_alloc(mr, size, errp)) {
        g_free(mr->name);
        memset(mr, 0, sizeof(*mr));
        return false;
    }
    return true;
}

bool memory_region_init_ram(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, GError **errp)
{
    return region_init_backed(mr, owner, name, size, MR_KIND_RAM, errp);
}

bool memory_region_init_rom(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, GError **errp)
{
    return region_init_backed(mr, owner, name, size, MR_KIND_ROM, errp);
}

void memory_region_init_io(MemoryRegion *mr, Object *owner,
                           const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size)
{
    region_init(mr, owner, name, size, MR_KIND_IO);
    mr->ops = ops;
    mr->opaque = opaque;
}

void memory_region_init_alias(MemoryRegion *mr, Object *owner, const char *name,
                              MemoryRegion *orig, hwaddr offset, uint64_t size)
{
    region_init(mr, owner, name, size, MR_KIND_ALIAS);
    mr->alias = orig;
    mr->alias_offset = offset;
}

void memory_region_destroy(MemoryRegion *mr)
{
    if (!mr->name) {
        return;                         /* never initialised, or destroyed */
    }
    memory_region_transaction_begin();
    if (mr->container) {
        memory_region_del_subregion(mr->container, mr);
    }
    if (mr->subregions) {
        while (mr->subregions->len) {
            memory_region_del_subregion(mr, g_ptr_array_index(mr->subregions, 0));
        }
        g_ptr_array_free(mr->subregions, TRUE);
    }
    memory_region_transaction_commit();
    if (mr->ram_block) {
        ram_block_free(mr);
    }
    g_free(mr->name);
    memset(mr, 0, sizeof(*mr));
}

/* ---- Transactions ----------------------------------------------------- */

void memory_region_transaction_begin(void)
{
    transaction_depth++;
}

void memory_region_transaction_commit(void)
{
    assert(transaction_depth > 0);
    if (--transaction_depth || !update_pending || update_running) {
        return;
    }
    /* A listener may change the tree again; loop until it is stable rather
     * than recursing. */
    update_running = true;
    while (update_pending) {
        update_pending = false;
        address_space_rebuild_all();
    }
    update_running = false;
}

/* Every change to the tree goes through here: rebuilt now, or at the end
 * of the enclosing transaction. */
static void memory_region_changed(void)
{
    memory_region_transaction_begin();
    update_pending = true;
    memory_region_transaction_commit();
}

unsigned memory_flatview_rebuild_count(void)
{
    return flatview_builds;
}

/* ---- Placement -------------------------------------------------------- */

static bool ranges_overlap(hwaddr a, uint64_t asize, hwaddr b, uint64_t bsize)
{
    MemS128 a_end = (MemS128)a + (asize == UINT64_MAX ? MEM_SPACE_END : asize);
    MemS128 b_end = (MemS128)b + (bsize == UINT64_MAX ? MEM_SPACE_END : bsize);

    return (MemS128)a < b_end && (MemS128)b < a_end;
}

static void subregion_add(MemoryRegion *container, hwaddr offset,
                          MemoryRegion *sub, int priority, bool may_overlap)
{
    guint i;

    assert(!sub->container);            /* mapped twice: a board bug */
    sub->container = container;
    sub->addr = offset;
    sub->priority = priority;
    sub->may_overlap = may_overlap;
    if (!container->subregions) {
        container->subregions = g_ptr_array_new();
    }
    if (!may_overlap) {
        for (i = 0; i < container->subregions->len; i++) {
            MemoryRegion *other = g_ptr_array_index(container->subregions, i);

            if (!other->may_overlap &&
                ranges_overlap(offset, sub->size, other->addr, other->size)) {
                warn_report("memory region '%s' at 0x%" HWADDR_PRIx
                            " overlaps '%s' at 0x%" HWADDR_PRIx " in '%s'",
                            sub->name, offset, other->name, other->addr,
                            container->name);
                break;
            }
        }
    }
    /* Highest priority first; the newest before older ones of the same
     * priority, so that the flattener's first match is the winner. */
    for (i = 0; i < container->subregions->len; i++) {
        MemoryRegion *other = g_ptr_array_index(container->subregions, i);

        if (priority >= other->priority) {
            break;
        }
    }
    g_ptr_array_insert(container->subregions, i, sub);
    memory_region_changed();
}

void memory_region_add_subregion(MemoryRegion *container, hwaddr offset,
                                 MemoryRegion *sub)
{
    subregion_add(container, offset, sub, 0, false);
}

void memory_region_add_subregion_overlap(MemoryRegion *container, hwaddr offset,
                                         MemoryRegion *sub, int priority)
{
    subregion_add(container, offset, sub, priority, true);
}

void memory_region_del_subregion(MemoryRegion *container, MemoryRegion *sub)
{
    assert(sub->container == container);
    g_ptr_array_remove(container->subregions, sub);
    sub->container = NULL;
    memory_region_changed();
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
    if (mr->enabled != enabled) {
        mr->enabled = enabled;
        memory_region_changed();
    }
}

void memory_region_set_address(MemoryRegion *mr, hwaddr addr)
{
    if (mr->addr != addr) {
        mr->addr = addr;
        memory_region_changed();
    }
}

void memory_region_set_readonly(MemoryRegion *mr, bool readonly)
{
    if (mr->readonly != readonly) {
        mr->readonly = readonly;
        memory_region_changed();
    }
}

void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset)
{
    if (mr->alias_offset != offset) {
        mr->alias_offset = offset;
        memory_region_changed();
    }
}

/* ---- Flattening ------------------------------------------------------- */

/* A range while the view is being built: [start, end) in 128 bits. */
typedef struct BuildRange {
    MemS128 start, end;
    MemoryRegion *mr;
    uint64_t offset_in_region;
    bool readonly;
} BuildRange;

#define BR(arr, i) g_array_index(arr, BuildRange, i)

/*
 * Fills the parts of [start, end) that no range covers yet with mr, whose
 * offset 0 is at base. Regions are rendered from the highest priority down,
 * so whatever is already there wins.
 */
static void flat_fill_gaps(GArray *out, MemS128 start, MemS128 end,
                           MemoryRegion *mr, MemS128 base, bool readonly)
{
    guint lo = 0, hi = out->len;
    MemS128 cur = start;

    /* First range that ends after start. */
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;

        if (BR(out, mid).end <= start) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    while (cur < end) {
        if (lo < out->len && BR(out, lo).start <= cur) {
            if (BR(out, lo).end > cur) {
                cur = BR(out, lo).end;
            }
            lo++;
            continue;
        }
        MemS128 next = end;
        if (lo < out->len && BR(out, lo).start < end) {
            next = BR(out, lo).start;
        }
        BuildRange r = {
            .start = cur, .end = next, .mr = mr,
            .offset_in_region = (uint64_t)(cur - base), .readonly = readonly,
        };
        g_array_insert_val(out, lo, r);
        lo++;
        cur = next;
    }
}

/* Renders mr, whose offset 0 sits at base, clipped to [clip_start, clip_end). */
static void flat_render(GArray *out, MemoryRegion *mr, MemS128 base,
                        MemS128 clip_start, MemS128 clip_end, bool readonly,
                        unsigned depth)
{
    MemS128 start, end;

    assert(depth < MEMORY_MAX_DEPTH);
    if (!mr->enabled) {
        return;
    }
    start = MAX(base, clip_start);
    end = MIN(base + memory_region_size128(mr), clip_end);
    if (start >= end) {
        return;
    }
    readonly |= mr->readonly;
    if (mr->kind == MR_KIND_ALIAS) {
        if (mr->alias) {
            /* The target's own placement does not matter: its offset
             * alias_offset appears at base. */
            flat_render(out, mr->alias, base - (MemS128)mr->alias_offset,
                        start, end, readonly, depth + 1);
        }
        return;
    }
    if (mr->subregions) {
        for (guint i = 0; i < mr->subregions->len; i++) {
            MemoryRegion *sub = g_ptr_array_index(mr->subregions, i);

            flat_render(out, sub, base + sub->addr, start, end, readonly,
                        depth + 1);
        }
    }
    if (mr->kind != MR_KIND_CONTAINER) {
        /* A leaf with subregions shows through where they leave gaps. */
        flat_fill_gaps(out, start, end, mr, base, readonly);
    }
}

FlatView *flatview_build(MemoryRegion *root)
{
    GArray *b = g_array_new(FALSE, FALSE, sizeof(BuildRange));
    GArray *merged = g_array_new(FALSE, FALSE, sizeof(MemoryRegionSection));
    FlatView *fv = g_new0(FlatView, 1);

    flatview_builds++;
    if (root) {
        flat_render(b, root, 0, 0, MEM_SPACE_END, false, 0);
    }
    /* Join neighbours that are one piece of the same region, so that
     * lookups and map() see one long range. */
    guint n = 0;
    for (guint i = 0; i < b->len; i++) {
        BuildRange *r = &BR(b, i);

        if (n > 0) {
            BuildRange *p = &BR(b, n - 1);

            if (p->end == r->start && p->mr == r->mr &&
                p->readonly == r->readonly &&
                p->offset_in_region + (uint64_t)(p->end - p->start) ==
                r->offset_in_region) {
                p->end = r->end;
                continue;
            }
        }
        BR(b, n++) = *r;
    }
    for (guint i = 0; i < n; i++) {
        BuildRange *r = &BR(b, i);
        MemS128 start = r->start;
        uint64_t off = r->offset_in_region;

        while (start < r->end) {
            /* A 2^64-byte range does not fit a 64-bit size: halve it. */
            MemS128 len = MIN(r->end - start, (MemS128)1 << 63);
            MemoryRegionSection s = {
                .mr = r->mr, .addr = (hwaddr)start, .size = (uint64_t)len,
                .offset_in_region = off, .readonly = r->readonly,
            };
            g_array_append_val(merged, s);
            start += len;
            off += (uint64_t)len;
        }
    }
    g_array_free(b, TRUE);
    fv->nr = merged->len;
    fv->ranges = (MemoryRegionSection *)g_array_free(merged, FALSE);
    return fv;
}

void flatview_free(FlatView *fv)
{
    if (fv) {
        g_free(fv->ranges);
        g_free(fv);
    }
}

bool flatview_equal(const FlatView *a, const FlatView *b)
{
    if (a->nr != b->nr) {
        return false;
    }
    for (unsigned i = 0; i < a->nr; i++) {
        const MemoryRegionSection *x = &a->ranges[i], *y = &b->ranges[i];

        if (x->mr != y->mr || x->addr != y->addr || x->size != y->size ||
            x->offset_in_region != y->offset_in_region ||
            x->readonly != y->readonly) {
            return false;
        }
    }
    return true;
}

/* ---- MMIO dispatch ---------------------------------------------------- */

typedef struct AccessLimits {
    unsigned valid_min, valid_max, impl_min, impl_max;
    bool valid_unaligned, impl_unaligned;
} AccessLimits;

static void access_limits(const MemoryRegionOps *ops, AccessLimits *l)
{
    l->valid_min = ops->valid.min_access_size ? ops->valid.min_access_size : 1;
    l->valid_max = ops->valid.max_access_size ? ops->valid.max_access_size : 8;
    l->valid_unaligned = ops->valid.unaligned;
    /* Unset impl sizes: 1..4, narrowed to the valid range. */
    l->impl_min = ops->impl.min_access_size ? ops->impl.min_access_size
                                            : MAX(1u, l->valid_min);
    l->impl_max = ops->impl.max_access_size ? ops->impl.max_access_size
                                            : MIN(4u, l->valid_max);
    if (l->impl_max < l->impl_min) {
        l->impl_max = l->impl_min;
    }
    l->impl_unaligned = ops->impl.unaligned;
}

static bool size_is_pow2(unsigned size)
{
    return size == 1 || size == 2 || size == 4 || size == 8;
}

unsigned memory_region_access_size(MemoryRegion *mr, hwaddr addr,
                                   uint64_t len)
{
    unsigned size = len >= 8 ? 8 : len >= 4 ? 4 : len >= 2 ? 2 : 1;
    AccessLimits l;

    if (!mr->ops) {
        return size;
    }
    access_limits(mr->ops, &l);
    while (size > l.valid_max && size > 1) {
        size >>= 1;
    }
    if (!l.valid_unaligned) {
        while (addr & (size - 1)) {
            size >>= 1;
        }
    }
    return size;
}

static const char *access_name(bool is_write)
{
    return is_write ? "write" : "read";
}

static bool access_valid(MemoryRegion *mr, hwaddr addr, unsigned size,
                         bool is_write)
{
    const char *why = NULL;
    AccessLimits l;

    if (!mr->ops) {
        why = "no device behind the region";
    } else {
        access_limits(mr->ops, &l);
        if (!size_is_pow2(size) || size < l.valid_min || size > l.valid_max) {
            why = "size not accepted by the device";
        } else if (!l.valid_unaligned && (addr & (size - 1))) {
            why = "unaligned";
        } else if ((MemS128)addr + size > memory_region_size128(mr)) {
            why = "past the end of the region";
        } else if (is_write ? !mr->ops->write && !mr->ops->write_with_attrs
                            : !mr->ops->read && !mr->ops->read_with_attrs) {
            why = is_write ? "device is read-only" : "device is write-only";
        }
    }
    if (why) {
        log_mask_printf(LOG_GUEST_ERROR,
                        "memory: invalid %s of %u bytes at offset 0x%"
                        HWADDR_PRIx " of '%s': %s\n",
                        access_name(is_write), size, addr, mr->name, why);
        return false;
    }
    return true;
}

static uint64_t size_mask(unsigned size)
{
    return size >= 8 ? UINT64_MAX : (1ULL << (8 * size)) - 1;
}

static MemTxResult device_read(MemoryRegion *mr, hwaddr addr, uint64_t *val,
                               unsigned size, MemTxAttrs attrs)
{
    MemTxResult r = MEMTX_OK;

    if (mr->ops->read_with_attrs) {
        *val = 0;
        r = mr->ops->read_with_attrs(mr->opaque, addr, val, size, attrs);
    } else {
        *val = mr->ops->read(mr->opaque, addr, size);
    }
    *val &= size_mask(size);
    return r;
}

static MemTxResult device_write(MemoryRegion *mr, hwaddr addr, uint64_t val,
                                unsigned size, MemTxAttrs attrs)
{
    if (mr->ops->write_with_attrs) {
        return mr->ops->write_with_attrs(mr->opaque, addr, val, size, attrs);
    }
    mr->ops->write(mr->opaque, addr, val, size);
    return MEMTX_OK;
}

/*
 * Performs the guest access [addr, addr+size) as callbacks of the sizes the
 * device implements. bytes[i] is the byte at addr+i in the device's byte
 * order. Too-wide accesses are cut into pieces in ascending address order;
 * too-narrow ones are widened to impl_min (aligned unless the device takes
 * unaligned accesses): a read keeps the wanted bytes, a write sends its
 * bytes shifted into place with zeros around them.
 */
static MemTxResult access_pieces(MemoryRegion *mr, hwaddr addr, unsigned size,
                                 uint8_t *bytes, bool is_write,
                                 MemTxAttrs attrs)
{
    bool be = memory_region_ops_big_endian(mr);
    MemTxResult res = MEMTX_OK;
    unsigned pos = 0;
    AccessLimits l;

    access_limits(mr->ops, &l);
    while (pos < size) {
        hwaddr a = addr + pos;
        unsigned rem = size - pos;
        unsigned s = 8;
        hwaddr base;
        unsigned width, first, n;
        uint8_t piece[8] = { 0 };
        MemTxResult r;

        while (s > rem || s > l.impl_max) {
            s >>= 1;
        }
        if (!l.impl_unaligned) {
            while (a & (s - 1)) {
                s >>= 1;
            }
        }
        if (s >= l.impl_min) {
            base = a;
            width = s;
        } else {
            width = l.impl_min;
            base = l.impl_unaligned ? a : a & ~(hwaddr)(width - 1);
        }
        first = a - base;
        n = MIN(width - first, rem);
        if (is_write) {
            memcpy(piece + first, bytes + pos, n);
            r = device_write(mr, base, mem_bytes_to_value(piece, width, be),
                             width, attrs);
        } else {
            uint64_t v;

            r = device_read(mr, base, &v, width, attrs);
            mem_value_to_bytes(v, piece, width, be);
            memcpy(bytes + pos, piece + first, n);
        }
        if (res == MEMTX_OK) {
            res = r;
        }
        pos += n;
    }
    return res;
}

MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr,
                                        uint64_t *data, unsigned size,
                                        MemTxAttrs attrs)
{
    uint8_t bytes[8] = { 0 };
    MemTxResult r;

    *data = 0;
    for (unsigned depth = 0; mr->kind == MR_KIND_ALIAS && mr->alias &&
         depth < MEMORY_MAX_DEPTH; depth++) {
        addr += mr->alias_offset;
        mr = mr->alias;
    }
    if (mr->kind != MR_KIND_IO || !access_valid(mr, addr, size, false)) {
        return MEMTX_DECODE_ERROR;
    }
    r = access_pieces(mr, addr, size, bytes, false, attrs);
    *data = mem_bytes_to_value(bytes, size, memory_region_ops_big_endian(mr));
    return r;
}

MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr,
                                         uint64_t data, unsigned size,
                                         MemTxAttrs attrs)
{
    uint8_t bytes[8];

    for (unsigned depth = 0; mr->kind == MR_KIND_ALIAS && mr->alias &&
         depth < MEMORY_MAX_DEPTH; depth++) {
        addr += mr->alias_offset;
        mr = mr->alias;
    }
    if (mr->kind != MR_KIND_IO || !access_valid(mr, addr, size, true)) {
        return MEMTX_DECODE_ERROR;
    }
    mem_value_to_bytes(data, bytes, size, memory_region_ops_big_endian(mr));
    return access_pieces(mr, addr, size, bytes, true, attrs);
}

/* ---- "info mtree" ----------------------------------------------------- */

static const MemoryRegion *alias_final(const MemoryRegion *mr)
{
    for (unsigned depth = 0; mr->kind == MR_KIND_ALIAS && mr->alias &&
         depth < MEMORY_MAX_DEPTH; depth++) {
        mr = mr->alias;
    }
    return mr;
}

static const char *kind_name(const MemoryRegion *mr)
{
    switch (alias_final(mr)->kind) {
    case MR_KIND_RAM:
        return "ram";
    case MR_KIND_ROM:
        return "rom";
    case MR_KIND_IO:
        return "i/o";
    default:
        return "container";
    }
}

/* The last byte of [start, start+size), modulo 2^64. */
static uint64_t range_last(uint64_t start, uint64_t size)
{
    if (size == 0) {
        return start;
    }
    return size == UINT64_MAX ? start - 1 : start + size - 1;
}

static gint compare_by_address(gconstpointer a, gconstpointer b)
{
    const MemoryRegion *x = *(MemoryRegion *const *)a;
    const MemoryRegion *y = *(MemoryRegion *const *)b;

    if (x->addr != y->addr) {
        return x->addr < y->addr ? -1 : 1;
    }
    return y->priority - x->priority;
}

static void print_region(GString *out, const MemoryRegion *mr, uint64_t start,
                         unsigned level)
{
    bool ro = mr->readonly && mr->kind != MR_KIND_ROM;

    g_string_append_printf(out, "%*s%016" PRIx64 "-%016" PRIx64
                           " (prio %d, %s%s): ", 2 * level, "", start,
                           range_last(start, mr->size), mr->priority,
                           kind_name(mr), ro ? ", readonly" : "");
    if (mr->kind == MR_KIND_ALIAS) {
        g_string_append_printf(out, "alias %s @%s %016" PRIx64 "-%016" PRIx64,
                               mr->name, mr->alias ? mr->alias->name : "?",
                               mr->alias_offset,
                               range_last(mr->alias_offset, mr->size));
    } else {
        g_string_append(out, mr->name);
    }
    g_string_append(out, mr->enabled ? "\n" : " [disabled]\n");

    if (mr->subregions && mr->subregions->len && level < MEMORY_MAX_DEPTH) {
        /* Print by address (then priority), which reads like a memory map;
         * the array itself is in priority order. */
        g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new(mr->subregions->len);

        for (guint i = 0; i < mr->subregions->len; i++) {
            g_ptr_array_add(sorted, g_ptr_array_index(mr->subregions, i));
        }
        g_ptr_array_sort(sorted, compare_by_address);
        for (guint i = 0; i < sorted->len; i++) {
            const MemoryRegion *sub = g_ptr_array_index(sorted, i);

            print_region(out, sub, start + sub->addr, level + 1);
        }
    }
}

static void print_flat(GString *out, const FlatView *fv)
{
    if (!fv || !fv->nr) {
        g_string_append(out, "  (empty)\n");
        return;
    }
    for (unsigned i = 0; i < fv->nr; i++) {
        const MemoryRegionSection *s = &fv->ranges[i];
        bool ro = s->readonly && s->mr->kind != MR_KIND_ROM;

        g_string_append_printf(out, "  %016" PRIx64 "-%016" PRIx64
                               " (prio %d, %s%s): %s", s->addr,
                               range_last(s->addr, s->size), s->mr->priority,
                               kind_name(s->mr), ro ? ", readonly" : "",
                               s->mr->name);
        if (s->offset_in_region) {
            g_string_append_printf(out, " @%016" PRIx64, s->offset_in_region);
        }
        g_string_append_c(out, '\n');
    }
}

void memory_print_tree(GString *out, bool flat)
{
    GPtrArray *spaces = address_space_get_all();

    for (guint i = 0; i < spaces->len; i++) {
        const AddressSpace *as = g_ptr_array_index(spaces, i);

        if (i) {
            g_string_append_c(out, '\n');
        }
        if (flat) {
            g_string_append_printf(out, "address-space (flat view): %s\n",
                                   as->name);
            print_flat(out, as->view);
        } else {
            g_string_append_printf(out, "address-space: %s\n", as->name);
            if (as->root) {
                print_region(out, as->root, 0, 1);
            }
        }
    }
}
