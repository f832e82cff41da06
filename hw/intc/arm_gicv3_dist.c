/*
 * arm_gicv3_dist.c — the GICv3 Distributor (GICD_* registers): the SPIs'
 * group, enable, pending, active, priority, configuration and affinity
 * routing, and the global group enables.
 *
 * Follows Arm IHI 0069, 12.9 "The GIC Distributor register descriptions".
 * Single security state (DS=1) and affinity routing only (ARE=1): the
 * registers of INTIDs 0-31 are RAZ/WI here (they live in the
 * redistributors), and so are the GICv2 legacy registers.
 *
 * Register table (offset, name, reset, access):
 *   0x0000 GICD_CTLR       0x50         RW   EnableGrp0/1 writable; ARE, DS RAO/WI
 *   0x0004 GICD_TYPER      -            RO   ITLinesNumber, IDbits=15, A3V
 *   0x0008 GICD_IIDR       0x5400043b   RO
 *   0x000c GICD_TYPER2     0            RO
 *   0x0010 GICD_STATUSR    0            RAZ/WI
 *   0x0040-0x0058 SETSPI/CLRSPI_NSR/SR  RAZ/WI (TYPER.MBIS=0)
 *   0x0080 GICD_IGROUPR<n>   0          RW   1 bit/INTID, 1 = Group 1
 *   0x0100 GICD_ISENABLER<n> 0          RW   write 1 to enable
 *   0x0180 GICD_ICENABLER<n> 0          RW   write 1 to disable
 *   0x0200 GICD_ISPENDR<n>   0          RW   write 1 to set pending
 *   0x0280 GICD_ICPENDR<n>   0          RW   write 1 to clear pending
 *   0x0300 GICD_ISACTIVER<n> 0          RW
 *   0x0380 GICD_ICACTIVER<n> 0          RW
 *   0x0400 GICD_IPRIORITYR<n> 0         RW   byte accessible, bits [7:3]
 *   0x0800 GICD_ITARGETSR<n> 0          RAZ/WI (ARE=1)
 *   0x0c00 GICD_ICFGR<n>     0          RW   2 bits/INTID, bit 1 = edge
 *   0x0d00 GICD_IGRPMODR<n>  0          RAZ/WI (DS=1)
 *   0x0e00 GICD_NSACR<n>     0          RAZ/WI (DS=1)
 *   0x0f00 GICD_SGIR         -          WI (ARE=1)
 *   0x0f10 GICD_CPENDSGIR / 0x0f20 GICD_SPENDSGIR   RAZ/WI
 *   0x6000 GICD_IROUTER<n>   0          RW   64-bit (or 32-bit halves)
 *   0xffd0-0xfffc PIDR4-7, PIDR0-3, CIDR0-3   RO   PIDR2.ArchRev = 3
 * Other offsets are RAZ/WI and logged with -d guest_errors. Registers are
 * 32 bits wide (accessed as such) except IPRIORITYR (any size) and IROUTER.
 */
#include "util/osdep.h"
#include "util/log.h"
#include "arm_gicv3_internal.h"

enum {
    GICD_CTLR = 0x0000,
    GICD_TYPER = 0x0004,
    GICD_IIDR = 0x0008,
    GICD_TYPER2 = 0x000c,
    GICD_STATUSR = 0x0010,
    GICD_SETSPI_NSR = 0x0040,
    GICD_CLRSPI_SR = 0x0058,
    GICD_IGROUPR = 0x0080,
    GICD_ISENABLER = 0x0100,
    GICD_ICENABLER = 0x0180,
    GICD_ISPENDR = 0x0200,
    GICD_ICPENDR = 0x0280,
    GICD_ISACTIVER = 0x0300,
    GICD_ICACTIVER = 0x0380,
    GICD_IPRIORITYR = 0x0400,
    GICD_ITARGETSR = 0x0800,
    GICD_ICFGR = 0x0c00,
    GICD_IGRPMODR = 0x0d00,
    GICD_NSACR = 0x0e00,
    GICD_SGIR = 0x0f00,
    GICD_CPENDSGIR = 0x0f10,
    GICD_SPENDSGIR = 0x0f20,
    GICD_IROUTER = 0x6000,
    GICD_IDREGS = 0xffd0,
};

/* Implementer 0x43b (JEP106 Arm), product 0x54: no erratum workaround of
 * any guest matches it. */
#define GICV3_IIDR      0x5400043bu
#define GICV3_PART      0x054
#define GICV3_JEP106    0x3b            /* identity code ... */
#define GICV3_JEP106_CC 0x4             /* ... and its continuation count */

uint32_t gicv3_iidr(void)
{
    return GICV3_IIDR;
}

uint32_t gicv3_idreg(GICv3State *s, hwaddr offset)
{
    static const uint8_t cidr[4] = { 0x0d, 0xf0, 0x05, 0xb1 };

    switch (offset & 0xfffc) {
    case 0xffd0:                            /* PIDR4: 64 KiB, JEP106 cont. */
        return 0x40 | GICV3_JEP106_CC;
    case 0xffe0:                            /* PIDR0 */
        return GICV3_PART & 0xff;
    case 0xffe4:                            /* PIDR1 */
        return ((GICV3_JEP106 & 0xf) << 4) | (GICV3_PART >> 8);
    case 0xffe8:                            /* PIDR2: ArchRev, JEDEC, JEP106 */
        return (s->revision << 4) | 0x8 | ((GICV3_JEP106 >> 4) & 7);
    case 0xfff0: case 0xfff4: case 0xfff8: case 0xfffc:
        return cidr[(offset - 0xfff0) / 4];
    default:                                /* PIDR3, PIDR5-7 */
        return 0;
    }
}

static uint32_t gicv3_dist_typer(GICv3State *s)
{
    uint32_t cpus = MIN(s->num_cpu, 8u) - 1;

    return (s->num_irq / 32 - 1) |          /* ITLinesNumber */
           (cpus << 5) |                    /* CPUNumber */
           ((GICV3_IDBITS - 1) << 19) |     /* IDbits */
           (1u << 24);                      /* A3V: Aff3 supported */
}

/* A bitmap register: which INTIDs (first) of which map, or false when the
 * register covers no SPI (RAZ/WI). */
static bool gicv3_dist_bitmap_word(GICv3State *s, hwaddr offset, hwaddr base,
                                   unsigned *w)
{
    *w = (offset - base) / 4;
    return *w >= 1 && *w < s->num_irq / 32;
}

static uint64_t gicv3_dist_read_prio(GICv3State *s, hwaddr offset, unsigned size)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < size; i++) {
        unsigned irq = offset - GICD_IPRIORITYR + i;

        if (irq >= GICV3_INTERNAL && irq < s->num_irq) {
            v |= (uint64_t)s->priority[irq] << (8 * i);
        }
    }
    return v;
}

static void gicv3_dist_write_prio(GICv3State *s, hwaddr offset, uint64_t v,
                                  unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        unsigned irq = offset - GICD_IPRIORITYR + i;

        if (irq >= GICV3_INTERNAL && irq < s->num_irq) {
            s->priority[irq] = (v >> (8 * i)) & GICV3_PRIO_MASK;
            gicv3_dist_update(s, irq);
        }
    }
}

static uint64_t gicv3_dist_read(void *opaque, hwaddr offset, unsigned size)
{
    GICv3State *s = opaque;
    unsigned w;

    if (offset >= GICD_IPRIORITYR && offset < GICD_ITARGETSR) {
        return gicv3_dist_read_prio(s, offset, size);
    }
    if (offset >= GICD_IROUTER && offset < GICD_IROUTER + 8 * GICV3_MAXIRQ) {
        unsigned irq = (offset - GICD_IROUTER) / 8;
        uint64_t r;

        if (irq < GICV3_INTERNAL || irq >= s->num_irq || (size != 4 && size != 8)) {
            return 0;
        }
        r = s->irouter[irq];
        return size == 8 ? r : (uint32_t)(r >> (8 * (offset & 4)));
    }
    if (size != 4) {
        log_mask_printf(LOG_GUEST_ERROR,
                        "gicv3: %u-byte read of distributor offset 0x%04" HWADDR_PRIx
                        " (only 32-bit accesses)\n", size, offset);
        return 0;
    }

    switch (offset) {
    case GICD_CTLR:
        return s->gicd_ctlr;
    case GICD_TYPER:
        return gicv3_dist_typer(s);
    case GICD_IIDR:
        return GICV3_IIDR;
    case GICD_TYPER2:
    case GICD_STATUSR:
        return 0;
    case GICD_SETSPI_NSR ... GICD_CLRSPI_SR + 4:
    case GICD_ITARGETSR ... GICD_ICFGR - 4:
    case GICD_IGRPMODR ... GICD_IGRPMODR + 0x7c:
    case GICD_NSACR ... GICD_NSACR + 0xfc:
    case GICD_SGIR:
    case GICD_CPENDSGIR ... GICD_SPENDSGIR + 0xc:
        return 0;
    }

    if (offset >= GICD_IDREGS) {
        return gicv3_idreg(s, offset);
    }
    if (offset >= GICD_IGROUPR && offset < GICD_IPRIORITYR) {
        hwaddr base = offset & ~0x7full;

        if (!gicv3_dist_bitmap_word(s, offset, base, &w)) {
            return 0;
        }
        switch (base) {
        case GICD_IGROUPR:
            return s->group[w];
        case GICD_ISENABLER:
        case GICD_ICENABLER:
            return s->enabled[w];
        case GICD_ISPENDR:
        case GICD_ICPENDR:
            return gicv3_dist_pending_word(s, w);
        case GICD_ISACTIVER:
        case GICD_ICACTIVER:
            return s->active[w];
        }
    }
    if (offset >= GICD_ICFGR && offset < GICD_ICFGR + 0x100) {
        unsigned first = (offset - GICD_ICFGR) * 4;     /* 16 INTIDs a word */
        uint32_t v = 0;

        if (first < GICV3_INTERNAL || first >= s->num_irq) {
            return 0;
        }
        for (unsigned i = 0; i < 16; i++) {
            if (gicv3_bit(s->edge_trigger, first + i)) {
                v |= 2u << (2 * i);
            }
        }
        return v;
    }
    log_mask_printf(LOG_GUEST_ERROR,
                    "gicv3: read of unknown distributor offset 0x%04" HWADDR_PRIx "\n",
                    offset);
    return 0;
}

static void gicv3_dist_write_irouter(GICv3State *s, hwaddr offset,
                                     uint64_t value, unsigned size)
{
    unsigned irq = (offset - GICD_IROUTER) / 8;
    uint64_t r;

    if (irq < GICV3_INTERNAL || irq >= s->num_irq || (size != 4 && size != 8)) {
        return;
    }
    r = s->irouter[irq];
    if (size == 8) {
        r = value;
    } else if (offset & 4) {
        r = (r & 0xffffffffull) | (value << 32);
    } else {
        r = (r & ~0xffffffffull) | (uint32_t)value;
    }
    /* Aff0-2, IRM, Aff3; the rest is RES0 */
    s->irouter[irq] = r & 0xff80ffffffull;
    s->spi_target[irq] = gicv3_route(s, s->irouter[irq]);
    gicv3_dist_update(s, irq);
}

static void gicv3_dist_write(void *opaque, hwaddr offset, uint64_t value,
                             unsigned size)
{
    GICv3State *s = opaque;
    uint32_t v = value, old, changed;
    unsigned w;

    if (offset >= GICD_IPRIORITYR && offset < GICD_ITARGETSR) {
        gicv3_dist_write_prio(s, offset, value, size);
        return;
    }
    if (offset >= GICD_IROUTER && offset < GICD_IROUTER + 8 * GICV3_MAXIRQ) {
        gicv3_dist_write_irouter(s, offset, value, size);
        return;
    }
    if (size != 4) {
        log_mask_printf(LOG_GUEST_ERROR,
                        "gicv3: %u-byte write of distributor offset 0x%04" HWADDR_PRIx
                        " (only 32-bit accesses)\n", size, offset);
        return;
    }

    switch (offset) {
    case GICD_CTLR:
        s->gicd_ctlr = GICD_CTLR_ARE | GICD_CTLR_DS |
                       (v & (GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1));
        gicv3_recompute_all(s);
        return;
    case GICD_TYPER:
    case GICD_IIDR:
    case GICD_TYPER2:
        log_mask_printf(LOG_GUEST_ERROR,
                        "gicv3: write to read-only distributor offset 0x%04" HWADDR_PRIx "\n",
                        offset);
        return;
    case GICD_STATUSR:
    case GICD_SETSPI_NSR ... GICD_CLRSPI_SR + 4:
    case GICD_ITARGETSR ... GICD_ICFGR - 4:
    case GICD_IGRPMODR ... GICD_IGRPMODR + 0x7c:
    case GICD_NSACR ... GICD_NSACR + 0xfc:
    case GICD_SGIR:
    case GICD_CPENDSGIR ... GICD_SPENDSGIR + 0xc:
        return;
    }

    if (offset >= GICD_IDREGS) {
        return;
    }
    if (offset >= GICD_IGROUPR && offset < GICD_IPRIORITYR) {
        hwaddr base = offset & ~0x7full;

        if (!gicv3_dist_bitmap_word(s, offset, base, &w)) {
            return;
        }
        switch (base) {
        case GICD_IGROUPR:
            old = s->group[w];
            s->group[w] = v;
            changed = old ^ v;
            break;
        case GICD_ISENABLER:
            s->enabled[w] |= v;
            changed = v;
            break;
        case GICD_ICENABLER:
            s->enabled[w] &= ~v;
            changed = v;
            break;
        case GICD_ISPENDR:
            s->pending[w] |= v;
            changed = v;
            break;
        case GICD_ICPENDR:
            /* A level-sensitive interrupt whose line is high stays
             * pending: only the latch is cleared (IHI 0069 4.1.2). */
            s->pending[w] &= ~v;
            changed = v;
            break;
        case GICD_ISACTIVER:
            s->active[w] |= v;
            changed = v;
            break;
        default:                            /* GICD_ICACTIVER */
            s->active[w] &= ~v;
            changed = v;
            break;
        }
        if (changed) {
            gicv3_dist_update_word(s, w, changed);
        }
        return;
    }
    if (offset >= GICD_ICFGR && offset < GICD_ICFGR + 0x100) {
        unsigned first = (offset - GICD_ICFGR) * 4;
        uint32_t edge = 0;

        if (first < GICV3_INTERNAL || first >= s->num_irq) {
            return;
        }
        for (unsigned i = 0; i < 16; i++) {
            if (v & (2u << (2 * i))) {
                edge |= 1u << i;
            }
        }
        w = first / 32;
        old = s->edge_trigger[w];
        s->edge_trigger[w] = (old & ~(0xffffu << (first % 32))) |
                             (edge << (first % 32));
        changed = old ^ s->edge_trigger[w];
        if (changed) {
            gicv3_dist_update_word(s, w, changed);
        }
        return;
    }
    log_mask_printf(LOG_GUEST_ERROR,
                    "gicv3: write of unknown distributor offset 0x%04" HWADDR_PRIx "\n",
                    offset);
}

void gicv3_dist_reset(GICv3State *s)
{
    s->gicd_ctlr = GICD_CTLR_ARE | GICD_CTLR_DS;
    memset(s->group, 0, sizeof(s->group));
    memset(s->enabled, 0, sizeof(s->enabled));
    memset(s->pending, 0, sizeof(s->pending));
    memset(s->active, 0, sizeof(s->active));
    memset(s->edge_trigger, 0, sizeof(s->edge_trigger));
    memset(s->priority, 0, sizeof(s->priority));
    memset(s->irouter, 0, sizeof(s->irouter));
    /* Line levels are inputs, not state: they survive reset. */
    for (unsigned irq = 0; irq < GICV3_MAXIRQ; irq++) {
        s->spi_target[irq] = irq >= GICV3_INTERNAL && irq < s->num_irq ?
                             gicv3_route(s, 0) : GICV3_TARGET_NONE;
    }
}

const MemoryRegionOps gicv3_dist_ops = {
    .read = gicv3_dist_read,
    .write = gicv3_dist_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
    .impl = { .min_access_size = 1, .max_access_size = 8 },
};
