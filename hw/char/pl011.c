/*
 * pl011.c — Arm PrimeCell UART (PL011), as used by the virt board's console.
 *
 * Follows the PrimeCell UART (PL011) Technical Reference Manual r1p5, ch. 3.
 *
 * Register table (offset, name, reset, access):
 *   0x000 UARTDR     0x0    RW   data; read pops the receive FIFO
 *   0x004 UARTRSR    0x0    RW   receive status / error clear
 *   0x018 UARTFR     0x90   RO   flags (TXFE|RXFE at reset)
 *   0x020 UARTILPR   0x0    RW   IrDA low-power counter (stored only)
 *   0x024 UARTIBRD   0x0    RW   integer baud divisor (16 bits)
 *   0x028 UARTFBRD   0x0    RW   fractional baud divisor (6 bits)
 *   0x02c UARTLCR_H  0x0    RW   line control (FEN enables the FIFOs)
 *   0x030 UARTCR     0x300  RW   control (TXE|RXE at reset)
 *   0x034 UARTIFLS   0x12   RW   FIFO interrupt levels
 *   0x038 UARTIMSC   0x0    RW   interrupt mask set/clear
 *   0x03c UARTRIS    0x0    RO   raw interrupt status
 *   0x040 UARTMIS    0x0    RO   masked interrupt status
 *   0x044 UARTICR    -      WO   interrupt clear
 *   0x048 UARTDMACR  0x0    RW   DMA control (no DMA: stored only)
 *   0xfe0-0xffc PeriphID/PCellID  RO  identification
 *
 * Transmission is instantaneous (the byte goes to the chardev at once), so
 * the transmit FIFO is always empty and TXIS is raised whenever transmit is
 * enabled — which is what drivers see as "ready".
 */
#include "util/osdep.h"
#include "util/log.h"
#include "hw/sysbus.h"
#include "chardev/char.h"

#define TYPE_PL011 "pl011"
#define PL011(obj) OBJECT_CHECK(PL011State, (obj), TYPE_PL011)

#define PL011_FIFO_DEPTH 16

enum {
    R_DR = 0x000, R_RSR = 0x004, R_FR = 0x018, R_ILPR = 0x020,
    R_IBRD = 0x024, R_FBRD = 0x028, R_LCR_H = 0x02c, R_CR = 0x030,
    R_IFLS = 0x034, R_IMSC = 0x038, R_RIS = 0x03c, R_MIS = 0x040,
    R_ICR = 0x044, R_DMACR = 0x048,
};

/* UARTFR bits */
#define FR_BUSY (1u << 3)
#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)
#define FR_RXFF (1u << 6)
#define FR_TXFE (1u << 7)

/* Interrupt bits (RIS/MIS/IMSC/ICR) */
#define INT_RX  (1u << 4)
#define INT_TX  (1u << 5)
#define INT_RT  (1u << 6)
#define INT_FE  (1u << 7)
#define INT_PE  (1u << 8)
#define INT_BE  (1u << 9)
#define INT_OE  (1u << 10)

#define LCR_FEN (1u << 4)
#define CR_UARTEN (1u << 0)
#define CR_TXE (1u << 8)
#define CR_RXE (1u << 9)

/* Data register error bits stored next to each received byte. */
#define DR_BE (1u << 10)

typedef struct PL011State {
    SysBusDevice parent_obj;
    MemoryRegion iomem;
    Chardev *chr;
    IRQLine *irq;

    uint32_t rsr, lcr, cr, ilpr, ibrd, fbrd, ifls, imsc, ris, dmacr;
    uint32_t rx_fifo[PL011_FIFO_DEPTH];
    unsigned rx_head, rx_count;
} PL011State;

static const uint8_t pl011_id[8] = {
    0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

static unsigned pl011_fifo_depth(PL011State *s)
{
    return (s->lcr & LCR_FEN) ? PL011_FIFO_DEPTH : 1;
}

/* Receive interrupt trigger level from UARTIFLS[5:3]: 1/8 .. 7/8 full. */
static unsigned pl011_rx_trigger(PL011State *s)
{
    static const unsigned eighths[] = { 1, 2, 4, 6, 7 };
    unsigned sel = (s->ifls >> 3) & 7;

    if (!(s->lcr & LCR_FEN)) {
        return 1;
    }
    return PL011_FIFO_DEPTH * eighths[sel < 5 ? sel : 2] / 8;
}

static void pl011_update(PL011State *s)
{
    if (s->cr & CR_TXE) {
        s->ris |= INT_TX;
    }
    irq_set(s->irq, (s->ris & s->imsc) != 0);
}

static uint64_t pl011_read(void *opaque, hwaddr offset, unsigned size)
{
    PL011State *s = opaque;
    uint32_t v;

    if (offset >= 0xfe0 && offset < 0x1000) {
        return pl011_id[(offset - 0xfe0) >> 2];
    }
    switch (offset) {
    case R_DR:
        v = 0;
        if (s->rx_count) {
            v = s->rx_fifo[s->rx_head];
            s->rx_head = (s->rx_head + 1) % PL011_FIFO_DEPTH;
            s->rx_count--;
        }
        s->rsr = (v >> 8) & 0xf;
        if (s->rx_count < pl011_rx_trigger(s)) {
            s->ris &= ~INT_RX;
        }
        if (s->rx_count == 0) {
            s->ris &= ~INT_RT;
        }
        pl011_update(s);
        chardev_accept_input(s->chr);
        return v;
    case R_RSR:
        return s->rsr;
    case R_FR:
        v = FR_TXFE;
        v |= s->rx_count == 0 ? FR_RXFE : 0;
        v |= s->rx_count >= pl011_fifo_depth(s) ? FR_RXFF : 0;
        return v;
    case R_ILPR:
        return s->ilpr;
    case R_IBRD:
        return s->ibrd;
    case R_FBRD:
        return s->fbrd;
    case R_LCR_H:
        return s->lcr;
    case R_CR:
        return s->cr;
    case R_IFLS:
        return s->ifls;
    case R_IMSC:
        return s->imsc;
    case R_RIS:
        return s->ris;
    case R_MIS:
        return s->ris & s->imsc;
    case R_DMACR:
        return s->dmacr;
    default:
        log_mask_printf(LOG_GUEST_ERROR,
                        "pl011: read of unknown register 0x%03" HWADDR_PRIx "\n",
                        offset);
        return 0;
    }
}

static void pl011_write(void *opaque, hwaddr offset, uint64_t value,
                        unsigned size)
{
    PL011State *s = opaque;
    uint8_t ch;

    switch (offset) {
    case R_DR:
        /* Characters written while the UART or its transmitter is disabled
         * are still sent: firmware and early consoles rely on it. */
        ch = value;
        if (s->chr) {
            chardev_write(s->chr, &ch, 1);
        }
        s->ris |= INT_TX;
        pl011_update(s);
        break;
    case R_RSR:
        s->rsr = 0;
        break;
    case R_ILPR:
        s->ilpr = value & 0xff;
        break;
    case R_IBRD:
        s->ibrd = value & 0xffff;
        break;
    case R_FBRD:
        s->fbrd = value & 0x3f;
        break;
    case R_LCR_H:
        /* Turning the FIFOs on or off flushes them (TRM 3.3.7). */
        if ((s->lcr ^ value) & LCR_FEN) {
            s->rx_count = 0;
            s->rx_head = 0;
        }
        s->lcr = value & 0xff;
        chardev_accept_input(s->chr);
        break;
    case R_CR:
        s->cr = value & 0xff87;
        pl011_update(s);
        break;
    case R_IFLS:
        s->ifls = value & 0x3f;
        break;
    case R_IMSC:
        s->imsc = value & 0x7ff;
        pl011_update(s);
        break;
    case R_ICR:
        s->ris &= ~value;
        pl011_update(s);
        break;
    case R_DMACR:
        s->dmacr = value & 7;
        break;
    default:
        log_mask_printf(LOG_GUEST_ERROR,
                        "pl011: write of unknown register 0x%03" HWADDR_PRIx "\n",
                        offset);
        break;
    }
}

static const MemoryRegionOps pl011_ops = {
    .read = pl011_read,
    .write = pl011_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

static void pl011_push(PL011State *s, uint32_t value)
{
    unsigned depth = pl011_fifo_depth(s);

    if (s->rx_count >= depth) {
        s->ris |= INT_OE;
        s->rsr |= 8;
        return;
    }
    s->rx_fifo[(s->rx_head + s->rx_count) % PL011_FIFO_DEPTH] = value;
    s->rx_count++;
    if (s->rx_count >= pl011_rx_trigger(s)) {
        s->ris |= INT_RX;
    }
    /* Input arrives in bursts from the host; signal the receive timeout at
     * once so a partly filled FIFO is drained. */
    s->ris |= INT_RT;
    pl011_update(s);
}

static int pl011_can_read(void *opaque)
{
    PL011State *s = opaque;

    if (!(s->cr & CR_UARTEN) || !(s->cr & CR_RXE)) {
        return 0;
    }
    return pl011_fifo_depth(s) - s->rx_count;
}

static void pl011_receive(void *opaque, const uint8_t *buf, int len)
{
    PL011State *s = opaque;

    for (int i = 0; i < len; i++) {
        pl011_push(s, buf[i]);
    }
}

static void pl011_event(void *opaque, ChardevEvent event)
{
    PL011State *s = opaque;

    if (event == CHR_EVENT_BREAK) {
        pl011_push(s, DR_BE);
    }
}

static const CharFrontendOps pl011_chr_ops = {
    .can_read = pl011_can_read,
    .read = pl011_receive,
    .event = pl011_event,
};

static void pl011_realize(DeviceState *dev, GError **errp)
{
    PL011State *s = PL011(dev);

    if (s->chr) {
        chardev_attach(s->chr, &pl011_chr_ops, s, errp);
    }
}

static void pl011_reset(DeviceState *dev)
{
    PL011State *s = PL011(dev);

    s->rsr = 0;
    s->lcr = 0;
    s->cr = CR_TXE | CR_RXE;
    s->ilpr = 0;
    s->ibrd = 0;
    s->fbrd = 0;
    s->ifls = 0x12;
    s->imsc = 0;
    s->ris = 0;
    s->dmacr = 0;
    s->rx_head = 0;
    s->rx_count = 0;
    pl011_update(s);
}

static void pl011_init(Object *obj)
{
    PL011State *s = PL011(obj);
    SysBusDevice *sbd = SYS_BUS_DEVICE(obj);

    memory_region_init_io(&s->iomem, obj, &pl011_ops, s, "pl011", 0x1000);
    sysbus_init_mmio(sbd, &s->iomem);
    sysbus_init_irq(sbd, &s->irq);
}

static const Property pl011_props[] = {
    PROP_CHARDEV("chardev", PL011State, chr),
    PROP_END
};

static void pl011_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "Arm PL011 UART";
    dc->realize = pl011_realize;
    dc->reset = pl011_reset;
    object_class_add_props(oc, pl011_props);
}

static const TypeInfo pl011_info = {
    .name = TYPE_PL011,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(PL011State),
    .instance_init = pl011_init,
    .class_init = pl011_class_init,
    .description = "Arm PrimeCell PL011 UART",
};
TYPE_REGISTER(pl011_info)
