/*
 * memory-internal.h — what softmmu/memory.c (the region tree) and
 * softmmu/physmem.c (address spaces and RAM blocks) share with each other
 * and nobody else.
 */
#ifndef TURTLE_SOFTMMU_MEMORY_INTERNAL_H
#define TURTLE_SOFTMMU_MEMORY_INTERNAL_H

#include "util/osdep.h"
#include "exec/memory.h"

/*
 * Region sizes and flat-view arithmetic span the whole 2^64 space, whose
 * size does not fit in 64 bits: the tree code computes in 128 bits.
 */
__extension__ typedef unsigned __int128 MemU128;
__extension__ typedef __int128 MemS128;
#define MEM_SPACE_END ((MemS128)1 << 64)

/* A region's size in bytes; UINT64_MAX stands for 2^64. */
static inline MemS128 memory_region_size128(const MemoryRegion *mr)
{
    return mr->size == UINT64_MAX ? MEM_SPACE_END : (MemS128)mr->size;
}

/* ---- memory.c ---- */

/* Flattens the tree under root (placed at address 0) into a new FlatView. */
FlatView *flatview_build(MemoryRegion *root);
void flatview_free(FlatView *fv);
bool flatview_equal(const FlatView *a, const FlatView *b);
/* The size of the next access when len bytes at offset addr of an I/O
 * region are read or written as a byte stream: the largest of 8/4/2/1 that
 * fits len and the device's valid sizes and alignment. */
unsigned memory_region_access_size(MemoryRegion *mr, hwaddr addr,
                                   uint64_t len);

/* ---- physmem.c ---- */

/* Rebuilds the flat view of every address space and tells the listeners of
 * those whose view changed (called by the outermost transaction commit). */
void address_space_rebuild_all(void);
/* Every address space, in creation order (for "info mtree"). */
GPtrArray *address_space_get_all(void);
/* Allocates host memory and a RAM block for a RAM/ROM region. */
bool ram_block_alloc(MemoryRegion *mr, uint64_t size, GError **errp);
void ram_block_free(MemoryRegion *mr);

/* ---- byte order helpers (both files) ---- */

/* The value of an access of size bytes whose memory bytes are b[0..size),
 * b[0] at the lowest address, in the given byte order. */
static inline uint64_t mem_bytes_to_value(const uint8_t *b, unsigned size,
                                          bool big_endian)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < size; i++) {
        unsigned shift = big_endian ? 8 * (size - 1 - i) : 8 * i;
        v |= (uint64_t)b[i] << shift;
    }
    return v;
}

/* The inverse: the memory bytes of a value of size bytes. */
static inline void mem_value_to_bytes(uint64_t v, uint8_t *b, unsigned size,
                                      bool big_endian)
{
    for (unsigned i = 0; i < size; i++) {
        unsigned shift = big_endian ? 8 * (size - 1 - i) : 8 * i;
        b[i] = v >> shift;
    }
}

static inline bool memory_region_ops_big_endian(const MemoryRegion *mr)
{
    return mr->ops && mr->ops->endianness == DEVICE_BIG_ENDIAN;
}

#endif
