/*
 * arm_gicv3_redist.c — the GICv3 Redistributors (GICR_* registers): one
 * per PE, holding the state of its SGIs and PPIs (INTIDs 0-31), its power
 * handshake and, for the ITS, its LPI table bases.
 *
 * Follows Arm IHI 0069, 12.10 and 12.11 "The GIC Redistributor register
 * descriptions". Each PE has a frame set of 128 KiB (GICv3: RD_base then
 * SGI_base, 64 KiB each); the frame sets are contiguous in MMIO region 1,
 * in processor-number order, and the last one has GICR_TYPER.Last set.
 *
 * RD_base frame (offset, name, reset, access):
 *   0x0000 GICR_CTLR       0            RW   EnableLPIs RAZ/WI (no LPIs yet)
 *   0x0004 GICR_IIDR       0x5400043b   RO
 *   0x0008 GICR_TYPER      -            RO   64-bit: Affinity_Value[63:32],
 *                                            Processor_Number[23:8], Last[4]
 *   0x0010 GICR_STATUSR    0            RAZ/WI
 *   0x0014 GICR_WAKER      0x6          RW   ProcessorSleep; ChildrenAsleep RO
 *   0x0040 GICR_SETLPIR / 0x0048 GICR_CLRLPIR    WI (no LPIs yet)
 *   0x0070 GICR_PROPBASER  0            RW   64-bit, stored for the ITS
 *   0x0078 GICR_PENDBASER  0            RW   64-bit, stored for the ITS
 *   0x00a0 GICR_INVLPIR / 0x00b0 GICR_INVALLR    WI
 *   0x00c0 GICR_SYNCR      0            RO   never busy
 *   0xffd0-0xfffc ID registers           RO   PIDR2.ArchRev = 3
 * SGI_base frame (offset from SGI_base):
 *   0x0080 GICR_IGROUPR0     0          RW
 *   0x0100 GICR_ISENABLER0   0          RW   write 1 to enable
 *   0x0180 GICR_ICENABLER0   0          RW   write 1 to disable
 *   0x0200 GICR_ISPENDR0     0          RW
 *   0x0280 GICR_ICPENDR0     0          RW
 *   0x0300 GICR_ISACTIVER0   0          RW
 *   0x0380 GICR_ICACTIVER0   0          RW
 *   0x0400 GICR_IPRIORITYR0-7 0         RW   byte accessible, bits [7:3]
 *   0x0c00 GICR_ICFGR0     0xaaaaaaaa   RO   SGIs are edge-triggered
 *   0x0c04 GICR_ICFGR1     0            RW   PPIs: level (0) or edge (2)
 *   0x0d00 GICR_IGRPMODR0  0            RAZ/WI (DS=1)
 *   0x0e00 GICR_NSACR      0            RAZ/WI (DS=1)
 * Other offsets are RAZ/WI and logged with -d guest_errors.
 */
#include "util/osdep.h"
#include "util/log.h"
#include "arm_gicv3_internal.h"

#define GICR_SGI_BASE 0x10000

enum {
    GICR_CTLR = 0x0000,
    GICR_IIDR = 0x0004,
    GICR_TYPER = 0x0008,
    GICR_STATUSR = 0x0010,
    GICR_WAKER = 0x0014,
    GICR_MPAMIDR = 0x0018,
    GICR_PARTIDR = 0x001c,
    GICR_SETLPIR = 0x0040,
    GICR_CLRLPIR = 0x0048,
    GICR_PROPBASER = 0x0070,
    GICR_PENDBASER = 0x0078,
    GICR_INVLPIR = 0x00a0,
    GICR_INVALLR = 0x00b0,
    GICR_SYNCR = 0x00c0,
    GICR_IDREGS = 0xffd0,
};

enum {
    GICR_IGROUPR0 = 0x0080,
    GICR_ISENABLER0 = 0x0100,
    GICR_ICENABLER0 = 0x0180,
    GICR_ISPENDR0 = 0x0200,
    GICR_ICPENDR0 = 0x0280,
    GICR_ISACTIVER0 = 0x0300,
    GICR_ICACTIVER0 = 0x0380,
    GICR_IPRIORITYR = 0x0400,
    GICR_ICFGR0 = 0x0c00,
    GICR_ICFGR1 = 0x0c04,
    GICR_IGRPMODR0 = 0x0d00,
    GICR_NSACR = 0x0e00,
};

#define SGI_EDGE_MASK 0x0000ffffu       /* SGIs 0-15 always edge */

static uint64_t gicv3_redist_typer(GICv3CPUState *cs)
{
    GICv3State *s = cs->gic;
    uint64_t v = (uint64_t)cs->affinity << 32;

    v |= (uint64_t)cs->index << 8;          /* Processor_Number */
    if ((unsigned)cs->index == s->num_cpu - 1) {
        v |= 1u << 4;                       /* Last */
    }
    return v;
}

static inline uint64_t gicv3_reg64_read(uint64_t r, hwaddr offset, unsigned size)
{
    return size == 8 ? r : (uint32_t)(r >> (8 * (offset & 4)));
}

static inline uint64_t gicv3_reg64_write(uint64_t r, hwaddr offset,
                                         uint64_t value, unsigned size)
{
    if (size == 8) {
        return value;
    }
    if (offset & 4) {
        return (r & 0xffffffffull) | (value << 32);
    }
    return (r & ~0xffffffffull) | (uint32_t)value;
}

static bool gicv3_redist_rd_read(GICv3CPUState *cs, hwaddr off, unsigned size,
                                 uint64_t *v)
{
    if (size < 4) {
        return false;                       /* 32- and 64-bit registers only */
    }
    switch (off & ~7ull) {
    case GICR_TYPER:
        *v = gicv3_reg64_read(gicv3_redist_typer(cs), off, size);
        return true;
    case GICR_PROPBASER:
        *v = gicv3_reg64_read(cs->gicr_propbaser, off, size);
        return true;
    case GICR_PENDBASER:
        *v = gicv3_reg64_read(cs->gicr_pendbaser, off, size);
        return true;
    case GICR_SETLPIR:
    case GICR_CLRLPIR:
    case GICR_INVLPIR:
    case GICR_INVALLR:
        *v = 0;
        return true;
    }
    if (size != 4) {
        return false;
    }
    switch (off) {
    case GICR_CTLR:
        *v = cs->gicr_ctlr;
        return true;
    case GICR_IIDR:
        *v = gicv3_iidr();
        return true;
    case GICR_STATUSR:
    case GICR_MPAMIDR:
    case GICR_PARTIDR:
    case GICR_SYNCR:
        *v = 0;
        return true;
    case GICR_WAKER:
        *v = cs->gicr_waker;
        return true;
    }
    if (off >= GICR_IDREGS) {
        *v = gicv3_idreg(cs->gic, off);
        return true;
    }
    return false;
}

static bool gicv3_redist_rd_write(GICv3CPUState *cs, hwaddr off, uint64_t value,
                                  unsigned size)
{
    if (size < 4) {
        return false;
    }
    switch (off & ~7ull) {
    case GICR_TYPER:
        return true;                        /* RO */
    case GICR_PROPBASER:
        cs->gicr_propbaser = gicv3_reg64_write(cs->gicr_propbaser, off, value, size);
        return true;
    case GICR_PENDBASER:
        cs->gicr_pendbaser = gicv3_reg64_write(cs->gicr_pendbaser, off, value, size);
        return true;
    case GICR_SETLPIR:
    case GICR_CLRLPIR:
    case GICR_INVLPIR:
    case GICR_INVALLR:
        return true;                        /* no LPIs (TYPER.PLPIS = 0) */
    }
    if (size != 4) {
        return false;
    }
    switch (off) {
    case GICR_CTLR:
        /* EnableLPIs is RES0 while GICR_TYPER.PLPIS is 0; nothing else
         * is writable in a single security state without DPG support. */
        return true;
    case GICR_WAKER: {
        /* The handshake of IHI 0069 11.1: clearing ProcessorSleep wakes
         * the redistributor's interface at once, so ChildrenAsleep follows
         * ProcessorSleep immediately. */
        uint32_t old = cs->gicr_waker;

        cs->gicr_waker = (value & GICR_WAKER_PS) ? GICR_WAKER_PS | GICR_WAKER_CA : 0;
        if (old != cs->gicr_waker) {
            gicv3_cpu_recompute(cs);
        }
        return true;
    }
    case GICR_IIDR:
    case GICR_STATUSR:
    case GICR_MPAMIDR:
    case GICR_PARTIDR:
    case GICR_SYNCR:
        return true;
    }
    return off >= GICR_IDREGS;
}

static bool gicv3_redist_sgi_read(GICv3CPUState *cs, hwaddr off, unsigned size,
                                  uint64_t *v)
{
    if (off >= GICR_IPRIORITYR && off < GICR_IPRIORITYR + GICV3_INTERNAL) {
        *v = 0;
        for (unsigned i = 0; i < size && off - GICR_IPRIORITYR + i < GICV3_INTERNAL; i++) {
            *v |= (uint64_t)cs->gicr_ipriorityr[off - GICR_IPRIORITYR + i] << (8 * i);
        }
        return true;
    }
    if (size != 4) {
        return false;
    }
    switch (off) {
    case GICR_IGROUPR0:
        *v = cs->gicr_igroupr0;
        return true;
    case GICR_ISENABLER0:
    case GICR_ICENABLER0:
        *v = cs->gicr_ienabler0;
        return true;
    case GICR_ISPENDR0:
    case GICR_ICPENDR0:
        *v = gicv3_redist_pending(cs);
        return true;
    case GICR_ISACTIVER0:
    case GICR_ICACTIVER0:
        *v = cs->gicr_iactiver0;
        return true;
    case GICR_ICFGR0:
    case GICR_ICFGR1: {
        uint32_t half = (off == GICR_ICFGR0) ? cs->edge_trigger & 0xffff
                                             : cs->edge_trigger >> 16;
        uint32_t r = 0;

        for (unsigned i = 0; i < 16; i++) {
            if (half & (1u << i)) {
                r |= 2u << (2 * i);
            }
        }
        *v = r;
        return true;
    }
    case GICR_IGRPMODR0:
    case GICR_NSACR:
        *v = 0;
        return true;
    }
    return false;
}

static bool gicv3_redist_sgi_write(GICv3CPUState *cs, hwaddr off, uint64_t value,
                                   unsigned size)
{
    uint32_t v = value, changed;

    if (off >= GICR_IPRIORITYR && off < GICR_IPRIORITYR + GICV3_INTERNAL) {
        changed = 0;
        for (unsigned i = 0; i < size && off - GICR_IPRIORITYR + i < GICV3_INTERNAL; i++) {
            unsigned irq = off - GICR_IPRIORITYR + i;

            cs->gicr_ipriorityr[irq] = (value >> (8 * i)) & GICV3_PRIO_MASK;
            changed |= 1u << irq;
        }
        gicv3_redist_update(cs, changed);
        return true;
    }
    if (size != 4) {
        return false;
    }
    switch (off) {
    case GICR_IGROUPR0:
        changed = cs->gicr_igroupr0 ^ v;
        cs->gicr_igroupr0 = v;
        break;
    case GICR_ISENABLER0:
        cs->gicr_ienabler0 |= v;
        changed = v;
        break;
    case GICR_ICENABLER0:
        cs->gicr_ienabler0 &= ~v;
        changed = v;
        break;
    case GICR_ISPENDR0:
        cs->gicr_ipendr0 |= v;
        changed = v;
        break;
    case GICR_ICPENDR0:
        cs->gicr_ipendr0 &= ~v;
        changed = v;
        break;
    case GICR_ISACTIVER0:
        cs->gicr_iactiver0 |= v;
        changed = v;
        break;
    case GICR_ICACTIVER0:
        cs->gicr_iactiver0 &= ~v;
        changed = v;
        break;
    case GICR_ICFGR0:
        return true;                        /* SGIs: fixed edge */
    case GICR_ICFGR1: {
        uint32_t edge = 0, old = cs->edge_trigger;

        for (unsigned i = 0; i < 16; i++) {
            if (v & (2u << (2 * i))) {
                edge |= 1u << (16 + i);
            }
        }
        cs->edge_trigger = SGI_EDGE_MASK | edge;
        changed = old ^ cs->edge_trigger;
        break;
    }
    case GICR_IGRPMODR0:
    case GICR_NSACR:
        return true;
    default:
        return false;
    }
    if (changed) {
        gicv3_redist_update(cs, changed);
    }
    return true;
}

/* Splits an offset of region 1 into a CPU and an offset in its frames. */
static GICv3CPUState *gicv3_redist_cpu(GICv3State *s, hwaddr *offset)
{
    unsigned n = *offset / s->redist_stride;

    if (n >= s->num_cpu) {
        return NULL;
    }
    *offset %= s->redist_stride;
    return &s->cpu[n];
}

static uint64_t gicv3_redist_read(void *opaque, hwaddr offset, unsigned size)
{
    GICv3State *s = opaque;
    hwaddr off = offset;
    GICv3CPUState *cs = gicv3_redist_cpu(s, &off);
    uint64_t v = 0;
    bool ok = false;

    if (cs && off < GICR_SGI_BASE) {
        ok = gicv3_redist_rd_read(cs, off, size, &v);
    } else if (cs && off < 2 * GICR_SGI_BASE) {
        ok = gicv3_redist_sgi_read(cs, off - GICR_SGI_BASE, size, &v);
    }
    if (!ok) {
        log_mask_printf(LOG_GUEST_ERROR,
                        "gicv3: %u-byte read of unknown redistributor offset 0x%06"
                        HWADDR_PRIx "\n", size, offset);
        return 0;
    }
    return v;
}

static void gicv3_redist_write(void *opaque, hwaddr offset, uint64_t value,
                               unsigned size)
{
    GICv3State *s = opaque;
    hwaddr off = offset;
    GICv3CPUState *cs = gicv3_redist_cpu(s, &off);
    bool ok = false;

    if (cs && off < GICR_SGI_BASE) {
        ok = gicv3_redist_rd_write(cs, off, value, size);
    } else if (cs && off < 2 * GICR_SGI_BASE) {
        ok = gicv3_redist_sgi_write(cs, off - GICR_SGI_BASE, value, size);
    }
    if (!ok) {
        log_mask_printf(LOG_GUEST_ERROR,
                        "gicv3: %u-byte write of unknown redistributor offset 0x%06"
                        HWADDR_PRIx "\n", size, offset);
    }
}

void gicv3_redist_reset(GICv3CPUState *cs)
{
    cs->gicr_ctlr = 0;
    cs->gicr_waker = GICR_WAKER_PS | GICR_WAKER_CA;
    cs->gicr_propbaser = 0;
    cs->gicr_pendbaser = 0;
    cs->gicr_igroupr0 = 0;
    cs->gicr_ienabler0 = 0;
    cs->gicr_ipendr0 = 0;
    cs->gicr_iactiver0 = 0;
    cs->edge_trigger = SGI_EDGE_MASK;
    memset(cs->gicr_ipriorityr, 0, sizeof(cs->gicr_ipriorityr));
    cs->gicr_vpropbaser = 0;
    cs->gicr_vpendbaser = 0;
}

const MemoryRegionOps gicv3_redist_ops = {
    .read = gicv3_redist_read,
    .write = gicv3_redist_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
    .impl = { .min_access_size = 1, .max_access_size = 8 },
};
