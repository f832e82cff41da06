/*
 * memory.h — the guest's physical memory map.
 *
 * A machine describes its memory as a tree of MemoryRegions:
 *   - RAM and ROM regions are backed by host memory (ROM is read-only to the
 *     guest but writable by loaders);
 *   - I/O (MMIO) regions dispatch each access to a device's callbacks, after
 *     checking the access against the sizes and alignment the device accepts
 *     (`valid`) and splitting/merging it into the sizes the callbacks handle
 *     (`impl`);
 *   - containers hold subregions at offsets, with priorities: where siblings
 *     overlap, the higher priority wins, and among equal priorities the one
 *     added last;
 *   - aliases show a window of another region somewhere else.
 *
 * An AddressSpace is a root region seen by some master (a CPU, a DMA-capable
 * device). It keeps a FlatView — the tree flattened into a sorted array of
 * non-overlapping ranges — rebuilt when the tree changes (batched between
 * memory_region_transaction_begin/commit) and looked up by binary search.
 *
 * RAM is also registered as RAM blocks with a global "ram address" space,
 * so that the translator can track, per 4 KiB page, which pages hold
 * translated code and which pages were written (dirty tracking).
 *
 * Devices never touch guest memory directly: they use dma_memory_read/write
 * or address_space_map, which check bounds, so a bad guest-programmed DMA
 * address yields an error status, never a host memory access.
 */
#ifndef TURTLE_EXEC_MEMORY_H
#define TURTLE_EXEC_MEMORY_H

#include "util/osdep.h"

typedef struct Object Object;
typedef struct MemoryRegion MemoryRegion;
typedef struct AddressSpace AddressSpace;
typedef struct FlatView FlatView;
typedef struct RAMBlock RAMBlock;
typedef uint64_t ram_addr_t;

/* The page granule of dirty/code tracking: the smallest page of every guest. */
#define PHYS_PAGE_BITS 12
#define PHYS_PAGE_SIZE (1ULL << PHYS_PAGE_BITS)
#define PHYS_PAGE_MASK (~(PHYS_PAGE_SIZE - 1))

typedef enum MemTxResult {
    MEMTX_OK = 0,
    MEMTX_ERROR = 1,            /* the device reported an error (slave error) */
    MEMTX_DECODE_ERROR = 2,     /* nothing at that address, or access refused */
} MemTxResult;

/* Who makes an access and how: devices may look at it. */
typedef struct MemTxAttrs {
    unsigned secure : 1;
    unsigned user : 1;          /* unprivileged access */
    unsigned debug : 1;         /* debugger/monitor access: no side effects wanted */
    unsigned requester_id : 16; /* bus/device number of the master */
} MemTxAttrs;

#define MEMTXATTRS_UNSPECIFIED ((MemTxAttrs){ 0 })

typedef enum DeviceEndian {
    DEVICE_LITTLE_ENDIAN,
    DEVICE_BIG_ENDIAN,
} DeviceEndian;

typedef struct MemoryRegionOps {
    /* Called with size in impl range; addr is the offset in the region. */
    uint64_t (*read)(void *opaque, hwaddr addr, unsigned size);
    void (*write)(void *opaque, hwaddr addr, uint64_t data, unsigned size);
    /* Optional forms that see attributes and can fail; used when set. */
    MemTxResult (*read_with_attrs)(void *opaque, hwaddr addr, uint64_t *data,
                                   unsigned size, MemTxAttrs attrs);
    MemTxResult (*write_with_attrs)(void *opaque, hwaddr addr, uint64_t data,
                                    unsigned size, MemTxAttrs attrs);
    /* The byte order of the device's registers; data passed to the callbacks
     * is always a host integer. */
    DeviceEndian endianness;
    /* What the guest may do: other accesses are refused (DECODE_ERROR).
     * Zero sizes mean 1..8. */
    struct {
        unsigned min_access_size;
        unsigned max_access_size;
        bool unaligned;
    } valid;
    /* What the callbacks implement: the core splits or widens accesses
     * to fit. Zero sizes mean 1..4 (the valid range if that is narrower). */
    struct {
        unsigned min_access_size;
        unsigned max_access_size;
        bool unaligned;
    } impl;
} MemoryRegionOps;

typedef enum MemoryRegionKind {
    MR_KIND_CONTAINER,
    MR_KIND_RAM,
    MR_KIND_ROM,
    MR_KIND_IO,
    MR_KIND_ALIAS,
} MemoryRegionKind;

struct MemoryRegion {
    char *name;
    Object *owner;                      /* device that owns it, or NULL */
    MemoryRegionKind kind;
    uint64_t size;                      /* UINT64_MAX: the whole 2^64 space */
    bool enabled;
    bool readonly;                      /* RAM/ROM: guest writes refused */

    /* RAM/ROM */
    uint8_t *ram_ptr;
    RAMBlock *ram_block;

    /* I/O */
    const MemoryRegionOps *ops;
    void *opaque;

    /* Alias */
    MemoryRegion *alias;
    hwaddr alias_offset;

    /* Placement in the parent container */
    MemoryRegion *container;
    hwaddr addr;
    int priority;
    bool may_overlap;

    /* Container children, sorted by priority (descending), then newest first */
    GPtrArray *subregions;
};

/* A piece of the flat view: [addr, addr+size) maps to mr at offset_in_region. */
typedef struct MemoryRegionSection {
    MemoryRegion *mr;                   /* a RAM, ROM or I/O region, or NULL */
    hwaddr addr;                        /* start in the address space */
    uint64_t size;
    hwaddr offset_in_region;
    bool readonly;
} MemoryRegionSection;

struct FlatView {
    MemoryRegionSection *ranges;        /* sorted, non-overlapping */
    unsigned nr;
};

/* Told about every change of an address space's flat view (e.g. so the
 * softmmu TLBs of CPUs using it can be flushed). */
typedef struct MemoryListener {
    void (*commit)(struct MemoryListener *l, AddressSpace *as);
    void *opaque;
} MemoryListener;

struct AddressSpace {
    char *name;
    MemoryRegion *root;
    FlatView *view;
    unsigned last_hit;                  /* index of the last range found */
    GPtrArray *listeners;               /* MemoryListener * */
};

/* ---- Regions ---------------------------------------------------------- */

void memory_region_init_container(MemoryRegion *mr, Object *owner,
                                  const char *name, uint64_t size);
/* Allocates zeroed host memory; fails (user error: "-m too large") when the
 * host cannot provide it. */
bool memory_region_init_ram(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, GError **errp);
bool memory_region_init_rom(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, GError **errp);
void memory_region_init_io(MemoryRegion *mr, Object *owner,
                           const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size);
void memory_region_init_alias(MemoryRegion *mr, Object *owner, const char *name,
                              MemoryRegion *orig, hwaddr offset, uint64_t size);
/* Releases what init allocated (RAM, names); the region must be unmapped. */
void memory_region_destroy(MemoryRegion *mr);

/* Adds sub at offset with priority 0; it must not overlap its siblings
 * unless they were added with _overlap. */
void memory_region_add_subregion(MemoryRegion *container, hwaddr offset,
                                 MemoryRegion *sub);
void memory_region_add_subregion_overlap(MemoryRegion *container, hwaddr offset,
                                         MemoryRegion *sub, int priority);
void memory_region_del_subregion(MemoryRegion *container, MemoryRegion *sub);
void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
void memory_region_set_address(MemoryRegion *mr, hwaddr addr);
void memory_region_set_readonly(MemoryRegion *mr, bool readonly);
void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset);

static inline void *memory_region_get_ram_ptr(MemoryRegion *mr)
{
    return mr->ram_ptr;
}
static inline bool memory_region_is_ram(const MemoryRegion *mr)
{
    return mr->kind == MR_KIND_RAM || mr->kind == MR_KIND_ROM;
}

/* Batches tree changes: flat views are rebuilt once, at the outermost commit. */
void memory_region_transaction_begin(void);
void memory_region_transaction_commit(void);
/* How many flat views have been built so far (statistics and tests). */
unsigned memory_flatview_rebuild_count(void);

/* Direct dispatch to one region (offset inside it), with the valid/impl
 * checks, splitting and endianness handling. Used by the address space code
 * and by the softmmu slow path for MMIO. The data is the value in the
 * device's byte order (ops->endianness): a caller that wants another byte
 * order swaps it (address_space_ld/st do). Only I/O regions (or aliases of
 * them) accept accesses; anything else gives MEMTX_DECODE_ERROR. */
MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr,
                                        uint64_t *data, unsigned size,
                                        MemTxAttrs attrs);
MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr,
                                         uint64_t data, unsigned size,
                                         MemTxAttrs attrs);

/* ---- Address spaces --------------------------------------------------- */

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name);
void address_space_destroy(AddressSpace *as);
void address_space_add_listener(AddressSpace *as, MemoryListener *l);
void address_space_remove_listener(AddressSpace *as, MemoryListener *l);

/* The section containing addr (mr NULL: unassigned), from the flat view. */
MemoryRegionSection address_space_lookup(AddressSpace *as, hwaddr addr);

/* Reads/writes len bytes, crossing regions as needed. Guest-visible byte
 * order: buf holds memory bytes as they are in guest memory. Writes to ROM
 * are refused (MEMTX_ERROR); unassigned addresses give DECODE_ERROR (reads
 * return 0 bytes there). */
MemTxResult address_space_read(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                               void *buf, size_t len);
MemTxResult address_space_write(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                                const void *buf, size_t len);
/* Loader/debugger write: also writes ROM. */
MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    const void *buf, size_t len);

/* Single aligned-or-not loads/stores of 1/2/4/8 bytes in a given byte order,
 * as a CPU or device would do them (MMIO sees one access of that size). */
MemTxResult address_space_ld(AddressSpace *as, hwaddr addr, unsigned size,
                             bool big_endian, uint64_t *val, MemTxAttrs attrs);
MemTxResult address_space_st(AddressSpace *as, hwaddr addr, unsigned size,
                             bool big_endian, uint64_t val, MemTxAttrs attrs);

/* Host pointer to guest RAM for [addr, addr+*len): shortens *len to what is
 * contiguous RAM; NULL if addr is not RAM (or ROM for a write). */
void *address_space_map(AddressSpace *as, hwaddr addr, hwaddr *len,
                        bool is_write);
/* Marks what was written through a map as dirty (code invalidation). */
void address_space_unmap(AddressSpace *as, void *host, hwaddr len,
                         bool is_write, hwaddr access_len);

/* DMA from devices: bounds-checked, never touches host memory outside
 * guest RAM; returns false (and does nothing harmful) on any error. */
bool dma_memory_read(AddressSpace *as, hwaddr addr, void *buf, size_t len);
bool dma_memory_write(AddressSpace *as, hwaddr addr, const void *buf, size_t len);
bool dma_memory_set(AddressSpace *as, hwaddr addr, uint8_t c, size_t len);

/* ---- RAM blocks, dirty and code-page tracking -------------------------- */

struct RAMBlock {
    MemoryRegion *mr;
    uint8_t *host;
    ram_addr_t offset;                  /* start in the global ram address space */
    uint64_t size;
    /* One bit per page: set = page holds translated code (writes must go
     * through the slow path so the translations are invalidated). */
    unsigned long *code_bitmap;
    /* One bit per page: set = page written since last cleared. */
    unsigned long *dirty_bitmap;
};

/* The RAM block containing a host pointer (NULL if none); *offset gets the
 * offset inside it. */
RAMBlock *ram_block_from_host(const void *host, ram_addr_t *offset);
/* The RAM block containing a global ram address. */
RAMBlock *ram_block_from_ram_addr(ram_addr_t addr);
static inline ram_addr_t memory_region_ram_addr(const MemoryRegion *mr);

bool ram_page_has_code(ram_addr_t addr);
void ram_page_set_code(ram_addr_t addr);
void ram_page_clear_code(ram_addr_t addr);
/* Called on every write to RAM that did not come through the TLB fast path
 * (DMA, loaders, the slow path): marks pages dirty and, for code pages,
 * calls the registered code-write hook (the translator invalidates). */
void ram_notify_write(ram_addr_t addr, uint64_t len);
void ram_set_code_write_hook(void (*hook)(ram_addr_t addr, uint64_t len));
bool ram_page_test_and_clear_dirty(ram_addr_t addr);

static inline ram_addr_t memory_region_ram_addr(const MemoryRegion *mr)
{
    return mr->ram_block ? mr->ram_block->offset : 0;
}

/* ---- The machine's memory and printing --------------------------------- */

/* The machine-wide root container ("system") and its address space. */
MemoryRegion *get_system_memory(void);
AddressSpace *get_address_space_memory(void);

/* "info mtree": the region tree of every address space, and with flat=true
 * the flat view. */
void memory_print_tree(GString *out, bool flat);

#endif
