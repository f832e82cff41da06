/*
 * tlb-common.h — the softmmu TLB as generated code sees it.
 *
 * The translator emits, for every guest load and store, an inline probe of
 * a direct-mapped TLB (one per MMU index) and falls back to a slow-path
 * function on a miss. This header is the contract between that generated
 * code (tcg/x86_64/backend-mem.c) and the runtime that fills the TLB
 * (accel/tcg/cputlb.c):
 *
 *  - For MMU index i, a CPUTLBDescFast lives at
 *        env + tlb_fast_offset + i * sizeof(CPUTLBDescFast)
 *    (tlb_fast_offset is given to the backend in TCGBackendConfig).
 *  - mask = (number of entries - 1) << CPU_TLB_ENTRY_BITS, the entry count
 *    a power of two; the entry for address a is
 *        (CPUTLBEntry *)((uintptr_t)table + ((a >> (page_bits - CPU_TLB_ENTRY_BITS)) & mask))
 *  - An entry's addr_read / addr_write / addr_code hold the guest page
 *    address (low page_bits bits clear) for which that kind of access may
 *    use the fast path, ORed with flag bits; -1 (all flags set) never
 *    matches. The generated code compares
 *        (a + size - align) & (page mask | (align - 1))
 *    with the field, so any flag, a page crossing or a missing alignment
 *    sends the access to the slow path.
 *  - On a hit the host address is a + addend.
 *  - Atomic operations compare addr_write: the runtime must only fill
 *    addr_write for pages that are also readable.
 *
 * Flags live in the top bits of the page offset, above the alignment bits
 * the probe keeps (at most 6, for 64-byte alignment), so that page_bits may
 * be as small as 10.
 */
#ifndef TURTLE_EXEC_TLB_COMMON_H
#define TURTLE_EXEC_TLB_COMMON_H

#include "util/osdep.h"

#define CPU_TLB_ENTRY_BITS 5

typedef struct CPUTLBEntry {
    uint64_t addr_read;
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend;       /* host address = guest address + addend */
} CPUTLBEntry;

_Static_assert(sizeof(CPUTLBEntry) == (1 << CPU_TLB_ENTRY_BITS),
               "CPUTLBEntry size must match CPU_TLB_ENTRY_BITS");

typedef struct CPUTLBDescFast {
    uintptr_t mask;         /* (entries - 1) << CPU_TLB_ENTRY_BITS */
    CPUTLBEntry *table;
} CPUTLBDescFast;

/* Page size used by every Turtle guest (the TLB granule). */
#define TLB_PAGE_BITS_DEFAULT 12
/* Smallest page_bits the flag layout below allows. */
#define TLB_PAGE_BITS_MIN 10

/* Flags in the low bits of addr_read/addr_write/addr_code. */
#define TLB_INVALID     (1u << (TLB_PAGE_BITS_MIN - 1))  /* no valid mapping */
#define TLB_NOTDIRTY    (1u << (TLB_PAGE_BITS_MIN - 2))  /* code page: writes invalidate TBs */
#define TLB_MMIO        (1u << (TLB_PAGE_BITS_MIN - 3))  /* device memory: dispatch */
#define TLB_WATCHPOINT  (1u << (TLB_PAGE_BITS_MIN - 4))  /* a watchpoint covers the page */
#define TLB_FORCE_SLOW  (1u << (TLB_PAGE_BITS_MIN - 5))  /* any other reason */
#define TLB_FLAGS_MASK  (TLB_INVALID | TLB_NOTDIRTY | TLB_MMIO | TLB_WATCHPOINT | \
                         TLB_FORCE_SLOW)

/*
 * Slow paths, called from generated code on a TLB miss or a flagged entry.
 * oi is the MemOpIdx of the access (memop and mmu index, tcg/memop.h);
 * retaddr is a host return address inside the translated block, at the
 * guest instruction that made the access: the runtime passes it to
 * tcg_restore_state() to find the guest state if the access faults (and
 * then leaves the block by unwinding, never by returning).
 *
 * tlb_slow_ld returns the value in the byte order the memop asks for, and
 * extended to 64 bits as the memop asks (sign-extended with MO_SIGN,
 * zero-extended otherwise). tlb_slow_st stores the low memop_size bytes of
 * val in the memop's byte order.
 */
typedef uint64_t (*TLBSlowLoadFn)(void *env, uint64_t addr, uint32_t oi,
                                  uintptr_t retaddr);
typedef void (*TLBSlowStoreFn)(void *env, uint64_t addr, uint64_t val,
                               uint32_t oi, uintptr_t retaddr);
/*
 * Atomic compare-and-exchange: old = [addr]; if (old == cmp) [addr] = new;
 * returns old, extended as for a load. cmp is first extended from the
 * memop's size the same way, so only its low memop_size bytes matter.
 */
typedef uint64_t (*TLBSlowCmpxchgFn)(void *env, uint64_t addr, uint64_t cmp,
                                     uint64_t newv, uint32_t oi, uintptr_t retaddr);
/*
 * Atomic read-modify-write: old = [addr]; [addr] = op(old, val); returns
 * old extended as for a load. op is a TCGAtomicOp. old and val are both
 * extended to 64 bits per the memop (sign-extended with MO_SIGN) before op,
 * so min/max compare them as 64-bit values; the low memop_size bytes of
 * the result are stored.
 */
typedef uint64_t (*TLBSlowRmwFn)(void *env, uint64_t addr, uint64_t val,
                                 uint32_t oi, uint32_t op, uintptr_t retaddr);

#endif
