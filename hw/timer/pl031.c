/*
 * pl031.c — Arm PrimeCell Real Time Clock (PL031), the virt board's RTC.
 *
 * Follows the ARM PrimeCell Real Time Clock (PL031) Technical Reference
 * Manual (DDI 0224), chapter 3.
 *
 * Register table (offset, name, reset, access):
 *   0x000 RTCDR    -     RO  counter: seconds (host wall clock + offset)
 *   0x004 RTCMR    0x0   RW  match value: RTCRIS is set when RTCDR == RTCMR
 *   0x008 RTCLR    0x0   RW  load: a write sets the counter to the value
 *   0x00c RTCCR    0x1   RW  bit 0 start; once started, writes have no
 *                            effect until reset (3.3.4), so it reads 1
 *   0x010 RTCIMSC  0x0   RW  bit 0 interrupt mask (1 = enabled)
 *   0x014 RTCRIS   0x0   RO  bit 0 raw match interrupt
 *   0x018 RTCMIS   0x0   RO  RTCRIS & RTCIMSC
 *   0x01c RTCICR   -     WO  write bit 0 = 1 clears the interrupt
 *   0xfe0-0xffc PeriphID0-3 0x31 0x10 0x14 0x00, PCellID0-3 0x0d 0xf0 0x05 0xb1
 *
 * The counter runs from the host's wall clock (CLOCK_HOST) at one tick a
 * second, so at start RTCDR is the host's current Unix time; RTCLR moves
 * it by an offset that survives a machine reset (as a battery-backed RTC
 * keeps its time). The match interrupt is a CLOCK_HOST timer at the host
 * second in which the counter reaches RTCMR. The interrupt line is level:
 * high while RTCMIS is set.
 */
#include "util/osdep.h"
#include "util/log.h"
#include "util/timer.h"
#include "hw/sysbus.h"

#define TYPE_PL031 "pl031"
#define PL031(obj) OBJECT_CHECK(PL031State, (obj), TYPE_PL031)

enum {
    R_DR = 0x000, R_MR = 0x004, R_LR = 0x008, R_CR = 0x00c,
    R_IMSC = 0x010, R_RIS = 0x014, R_MIS = 0x018, R_ICR = 0x01c,
};

typedef struct PL031State {
    SysBusDevice parent_obj;
    MemoryRegion iomem;
    IRQLine *irq;
    Timer *timer;
    uint32_t offset;                    /* counter - host seconds */
    uint32_t mr, lr, imsc, ris;
} PL031State;

static const uint8_t pl031_id[8] = {
    0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

static int64_t pl031_host_seconds(void)
{
    return clock_get_ns(CLOCK_HOST) / NANOSECONDS_PER_SECOND;
}

static uint32_t pl031_counter(PL031State *s)
{
    return (uint32_t)pl031_host_seconds() + s->offset;
}

static void pl031_update_irq(PL031State *s)
{
    irq_set(s->irq, (s->ris & s->imsc & 1) != 0);
}

/* Arms the timer for the host second at which the counter equals RTCMR. */
static void pl031_arm_match(PL031State *s)
{
    int64_t now = pl031_host_seconds();
    uint32_t delta = s->mr - ((uint32_t)now + s->offset);

    if (delta == 0) {
        /* The counter equals the match value already. */
        timer_del(s->timer);
        s->ris |= 1;
        pl031_update_irq(s);
        return;
    }
    timer_mod(s->timer, (now + delta) * NANOSECONDS_PER_SECOND);
}

static void pl031_match(void *opaque)
{
    PL031State *s = opaque;

    s->ris |= 1;
    pl031_update_irq(s);
}

static uint64_t pl031_read(void *opaque, hwaddr offset, unsigned size)
{
    PL031State *s = opaque;

    if (offset >= 0xfe0 && offset < 0x1000) {
        return pl031_id[(offset - 0xfe0) >> 2];
    }
    switch (offset) {
    case R_DR:
        return pl031_counter(s);
    case R_MR:
        return s->mr;
    case R_LR:
        return s->lr;
    case R_CR:
        return 1;
    case R_IMSC:
        return s->imsc;
    case R_RIS:
        return s->ris;
    case R_MIS:
        return s->ris & s->imsc;
    case R_ICR:
        log_mask_printf(LOG_GUEST_ERROR, "pl031: read of write-only RTCICR\n");
        return 0;
    default:
        log_mask_printf(LOG_GUEST_ERROR, "pl031: read of unknown offset 0x%"
                        HWADDR_PRIx "\n", offset);
        return 0;
    }
}

static void pl031_write(void *opaque, hwaddr offset, uint64_t data,
                        unsigned size)
{
    PL031State *s = opaque;
    uint32_t v = data;

    switch (offset) {
    case R_MR:
        s->mr = v;
        pl031_arm_match(s);
        break;
    case R_LR:
        s->lr = v;
        s->offset = v - (uint32_t)pl031_host_seconds();
        pl031_arm_match(s);
        break;
    case R_CR:
        break;                          /* always started */
    case R_IMSC:
        s->imsc = v & 1;
        pl031_update_irq(s);
        break;
    case R_ICR:
        s->ris &= ~(v & 1);
        pl031_update_irq(s);
        break;
    case R_DR: case R_RIS: case R_MIS:
        log_mask_printf(LOG_GUEST_ERROR, "pl031: write to read-only offset 0x%"
                        HWADDR_PRIx "\n", offset);
        break;
    default:
        log_mask_printf(LOG_GUEST_ERROR, "pl031: write to unknown offset 0x%"
                        HWADDR_PRIx "\n", offset);
        break;
    }
}

static const MemoryRegionOps pl031_ops = {
    .read = pl031_read,
    .write = pl031_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

static void pl031_init(Object *obj)
{
    PL031State *s = PL031(obj);

    memory_region_init_io(&s->iomem, obj, &pl031_ops, s, "pl031", 0x1000);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
    s->timer = timer_new_ns(CLOCK_HOST, pl031_match, s);
}

static void pl031_reset(DeviceState *dev)
{
    PL031State *s = PL031(dev);

    /* The time (offset) is kept, as a battery-backed clock keeps it. */
    s->mr = 0;
    s->lr = 0;
    s->imsc = 0;
    s->ris = 0;
    timer_del(s->timer);
    pl031_update_irq(s);
}

static void pl031_unrealize(DeviceState *dev)
{
    timer_del(PL031(dev)->timer);
}

static void pl031_finalize(Object *obj)
{
    PL031State *s = PL031(obj);

    timer_free(s->timer);
    memory_region_destroy(&s->iomem);
}

static void pl031_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "Arm PrimeCell PL031 real-time clock";
    dc->reset = pl031_reset;
    dc->unrealize = pl031_unrealize;
}

static const TypeInfo pl031_info = {
    .name = TYPE_PL031,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(PL031State),
    .class_init = pl031_class_init,
    .instance_init = pl031_init,
    .instance_finalize = pl031_finalize,
    .description = "Arm PL031 real-time clock",
};
TYPE_REGISTER(pl031_info)
