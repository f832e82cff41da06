/*
 * memop.h — description of one guest memory access (MemOp) and the
 * (MemOp, MMU index) pair carried by guest memory IR ops (MemOpIdx).
 *
 * A MemOp packs:
 *   bits 0..2  size: log2 of the access size in bytes (MO_8 .. MO_64; MO_128
 *              is reserved for later and not accepted by the IR today)
 *   bit  3     MO_SIGN: sign-extend a loaded value to the op type
 *   bit  4     MO_BSWAP: the guest byte order differs from the host's
 *   bits 5..7  alignment requirement (MO_AMASK); an unaligned access raises
 *              the target's alignment fault when the field asks for it
 *   bits 8..10 atomicity requirement (MO_ATOM_MASK)
 *
 * Byte order is relative to the host: MO_LE / MO_BE are MO_BSWAP or 0
 * depending on the host's endianness. A target defines its own MO_TE.
 */
#ifndef TURTLE_TCG_MEMOP_H
#define TURTLE_TCG_MEMOP_H

#include "util/osdep.h"

typedef enum MemOp {
    MO_8     = 0,
    MO_16    = 1,
    MO_32    = 2,
    MO_64    = 3,
    MO_128   = 4,            /* reserved: not supported by the IR yet */
    MO_SIZE  = 7,

    MO_SIGN  = 1 << 3,

    MO_BSWAP = 1 << 4,
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    MO_LE    = MO_BSWAP,
    MO_BE    = 0,
#else
    MO_LE    = 0,
    MO_BE    = MO_BSWAP,
#endif

    /*
     * Alignment: MO_UNALN accepts any address; MO_ALIGN_N requires an
     * N-byte aligned address; MO_ALIGN requires alignment to the access
     * size itself.
     */
    MO_ASHIFT   = 5,
    MO_AMASK    = 7 << MO_ASHIFT,
    MO_UNALN    = 0,
    MO_ALIGN_2  = 1 << MO_ASHIFT,
    MO_ALIGN_4  = 2 << MO_ASHIFT,
    MO_ALIGN_8  = 3 << MO_ASHIFT,
    MO_ALIGN_16 = 4 << MO_ASHIFT,
    MO_ALIGN_32 = 5 << MO_ASHIFT,
    MO_ALIGN_64 = 6 << MO_ASHIFT,
    MO_ALIGN    = MO_AMASK,

    /*
     * Atomicity (what a concurrent observer may see):
     *  IFALIGN   the whole access is single-copy atomic if it is aligned to
     *            its size, otherwise no guarantee (the default)
     *  IFALIGN_PAIR  each half is atomic if aligned to half the size
     *  WITHIN16  atomic if it does not cross a 16-byte boundary
     *  WITHIN16_PAIR  each half atomic if within 16 bytes
     *  SUBALIGN  atomic per naturally aligned part (x86 semantics)
     *  NONE      no atomicity required (e.g. byte-wise string ops)
     */
    MO_ATOM_SHIFT         = 8,
    MO_ATOM_MASK          = 7 << MO_ATOM_SHIFT,
    MO_ATOM_IFALIGN       = 0 << MO_ATOM_SHIFT,
    MO_ATOM_IFALIGN_PAIR  = 1 << MO_ATOM_SHIFT,
    MO_ATOM_WITHIN16      = 2 << MO_ATOM_SHIFT,
    MO_ATOM_WITHIN16_PAIR = 3 << MO_ATOM_SHIFT,
    MO_ATOM_SUBALIGN      = 4 << MO_ATOM_SHIFT,
    MO_ATOM_NONE          = 5 << MO_ATOM_SHIFT,

    /* Shorthands (host byte order unless LE/BE is written). */
    MO_UB   = MO_8,
    MO_UW   = MO_16,
    MO_UL   = MO_32,
    MO_UQ   = MO_64,
    MO_SB   = MO_SIGN | MO_8,
    MO_SW   = MO_SIGN | MO_16,
    MO_SL   = MO_SIGN | MO_32,
    MO_SQ   = MO_SIGN | MO_64,

    MO_LEUW = MO_LE | MO_UW,
    MO_LEUL = MO_LE | MO_UL,
    MO_LEUQ = MO_LE | MO_UQ,
    MO_LESW = MO_LE | MO_SW,
    MO_LESL = MO_LE | MO_SL,
    MO_BEUW = MO_BE | MO_UW,
    MO_BEUL = MO_BE | MO_UL,
    MO_BEUQ = MO_BE | MO_UQ,
    MO_BESW = MO_BE | MO_SW,
    MO_BESL = MO_BE | MO_SL,

    MO_SSIZE = MO_SIZE | MO_SIGN,
} MemOp;

/* Number of MMU indexes a target may use (0 .. TCG_MMU_IDX_MAX-1). */
#define TCG_MMU_IDX_MAX 16

static inline unsigned memop_size(MemOp op)
{
    return 1u << (op & MO_SIZE);
}

static inline MemOp size_memop(unsigned bytes)
{
    return (MemOp)__builtin_ctz(bytes);
}

/*
 * The alignment, in bytes, that op requires (1 = none). For MO_ALIGN it is
 * the access size.
 */
static inline unsigned memop_alignment_bytes(MemOp op)
{
    unsigned a = op & MO_AMASK;
    if (a == MO_UNALN) {
        return 1;
    }
    if (a == MO_ALIGN) {
        return memop_size(op);
    }
    return 1u << (a >> MO_ASHIFT);
}

/* (memop, mmu index) packed into one IR constant argument. */
typedef uint32_t MemOpIdx;

static inline MemOpIdx make_memop_idx(MemOp op, unsigned mmu_idx)
{
    return ((uint32_t)op << 4) | (mmu_idx & 15);
}

static inline MemOp get_memop(MemOpIdx oi)
{
    return (MemOp)(oi >> 4);
}

static inline unsigned get_mmuidx(MemOpIdx oi)
{
    return oi & 15;
}

/* The operation of an atomic_rmw IR op (its second constant argument). */
typedef enum TCGAtomicOp {
    TCG_ATOMIC_XCHG,
    TCG_ATOMIC_ADD,
    TCG_ATOMIC_AND,
    TCG_ATOMIC_OR,
    TCG_ATOMIC_XOR,
    TCG_ATOMIC_SMIN,
    TCG_ATOMIC_SMAX,
    TCG_ATOMIC_UMIN,
    TCG_ATOMIC_UMAX,
    TCG_ATOMIC_NB_OPS,
} TCGAtomicOp;

/*
 * Memory barrier kinds for the mb op: which earlier accesses are ordered
 * before which later ones, plus an acquire/release/SC hint.
 */
typedef enum TCGBar {
    TCG_MO_LD_LD  = 0x01,
    TCG_MO_ST_LD  = 0x02,
    TCG_MO_LD_ST  = 0x04,
    TCG_MO_ST_ST  = 0x08,
    TCG_MO_ALL    = 0x0f,
    TCG_BAR_LDAQ  = 0x10,
    TCG_BAR_STRL  = 0x20,
    TCG_BAR_SC    = 0x30,
} TCGBar;

#endif
