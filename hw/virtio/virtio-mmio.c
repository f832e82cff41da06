/*
 * virtio-mmio.c — the virtio-over-MMIO transport, version 2 register layout
 * (VIRTIO 1.2, section 4.2.2). Legacy (version 1) is not modelled.
 *
 * Register table (offset, name, reset, access); every register below 0x100
 * is 32 bits wide and must be accessed as one aligned 32-bit word (4.2.2.2):
 *   0x000 MagicValue          0x74726976 ("virt")  RO
 *   0x004 Version             2                    RO
 *   0x008 DeviceID            0 when the slot is empty  RO
 *   0x00c VendorID            0x4c545254 ("TRTL")  RO
 *   0x010 DeviceFeatures      bits [32*sel+31:32*sel] RO
 *   0x014 DeviceFeaturesSel   0                    WO
 *   0x020 DriverFeatures      0                    WO
 *   0x024 DriverFeaturesSel   0                    WO
 *   0x030 QueueSel            0                    WO
 *   0x034 QueueNumMax         0 if no such queue   RO
 *   0x038 QueueNum            max                  WO
 *   0x044 QueueReady          0                    RW
 *   0x050 QueueNotify         -                    WO  (value: queue index)
 *   0x060 InterruptStatus     0                    RO  (bit 0 used buffer,
 *                                                       bit 1 config change)
 *   0x064 InterruptACK        -                    WO
 *   0x070 Status              0                    RW  (0 resets)
 *   0x080/0x084 QueueDescLow/High      0           WO (reads back here)
 *   0x090/0x094 QueueDriverLow/High    0           WO (reads back here)
 *   0x0a0/0x0a4 QueueDeviceLow/High    0           WO (reads back here)
 *   0x0ac SHMSel              0                    WO
 *   0x0b0/0x0b4 SHMLenLow/High  0xffffffff: no shared memory regions  RO
 *   0x0b8/0x0bc SHMBaseLow/High 0xffffffff         RO
 *   0x0c0 QueueReset          0 (RING_RESET is not offered) RAZ/WI
 *   0x0fc ConfigGeneration    counter              RO
 *   0x100+ device configuration space (8/16/32-bit accesses; 64-bit ones
 *          are split into two 32-bit halves)
 *
 * The interrupt line is level: high while InterruptStatus is non-zero.
 * Queue notifications run the device's handler synchronously, from the
 * guest's store to QueueNotify.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-mmio.h"

#define VIRTIO_MMIO_MAGIC 0x74726976u

enum {
    R_MAGIC = 0x000, R_VERSION = 0x004, R_DEVICE_ID = 0x008,
    R_VENDOR_ID = 0x00c, R_DEVICE_FEATURES = 0x010,
    R_DEVICE_FEATURES_SEL = 0x014, R_DRIVER_FEATURES = 0x020,
    R_DRIVER_FEATURES_SEL = 0x024, R_QUEUE_SEL = 0x030,
    R_QUEUE_NUM_MAX = 0x034, R_QUEUE_NUM = 0x038, R_QUEUE_READY = 0x044,
    R_QUEUE_NOTIFY = 0x050, R_INTERRUPT_STATUS = 0x060,
    R_INTERRUPT_ACK = 0x064, R_STATUS = 0x070,
    R_QUEUE_DESC_LOW = 0x080, R_QUEUE_DESC_HIGH = 0x084,
    R_QUEUE_DRIVER_LOW = 0x090, R_QUEUE_DRIVER_HIGH = 0x094,
    R_QUEUE_DEVICE_LOW = 0x0a0, R_QUEUE_DEVICE_HIGH = 0x0a4,
    R_SHM_SEL = 0x0ac, R_SHM_LEN_LOW = 0x0b0, R_SHM_LEN_HIGH = 0x0b4,
    R_SHM_BASE_LOW = 0x0b8, R_SHM_BASE_HIGH = 0x0bc,
    R_QUEUE_RESET = 0x0c0, R_CONFIG_GENERATION = 0x0fc,
    R_CONFIG = 0x100,
};

typedef struct VirtIOMMIOState {
    SysBusDevice parent_obj;
    MemoryRegion iomem;
    IRQLine *irq;
    MemoryRegion *container;            /* mapped here when not via sysbus */
    VirtIODevice *vdev;                 /* the slot, or NULL */
    uint32_t device_features_sel;
    uint32_t driver_features_sel;
    uint32_t queue_sel;
    uint64_t driver_features;           /* staged until FEATURES_OK */
} VirtIOMMIOState;

#define VIRTIO_MMIO(obj) OBJECT_CHECK(VirtIOMMIOState, (obj), TYPE_VIRTIO_MMIO)

/* Transports in creation order: -device virtio devices take the first
 * free one. */
static GPtrArray *mmio_transports;

static void virtio_mmio_update_irq(VirtIOMMIOState *s)
{
    irq_set(s->irq, s->vdev && s->vdev->isr != 0);
}

static void virtio_mmio_guest_error(VirtIOMMIOState *s, const char *what,
                                    hwaddr offset)
{
    log_mask_printf(LOG_GUEST_ERROR, "virtio-mmio: %s at offset 0x%03"
                    HWADDR_PRIx "\n", what, offset);
}

static uint64_t virtio_mmio_read(void *opaque, hwaddr offset, unsigned size)
{
    VirtIOMMIOState *s = opaque;
    VirtIODevice *vdev = s->vdev;
    hwaddr desc, driver, device;

    if (offset >= R_CONFIG) {
        if (!vdev || !IS_ALIGNED(offset, size)) {
            if (vdev) {
                virtio_mmio_guest_error(s, "unaligned config read", offset);
            }
            return 0;
        }
        return virtio_config_read(vdev, offset - R_CONFIG, size);
    }
    if (size != 4) {
        virtio_mmio_guest_error(s, "register read not 32 bits wide", offset);
        return 0;
    }
    /* An empty slot shows the identification and nothing else (4.2.3.1.1:
     * drivers ignore DeviceID 0). */
    switch (offset) {
    case R_MAGIC:
        return VIRTIO_MMIO_MAGIC;
    case R_VERSION:
        return 2;
    case R_DEVICE_ID:
        return vdev ? vdev->device_id : 0;
    case R_VENDOR_ID:
        return VIRTIO_MMIO_VENDOR_ID;
    }
    if (!vdev) {
        return 0;
    }
    switch (offset) {
    case R_DEVICE_FEATURES:
        return s->device_features_sel < 2
               ? (uint32_t)(vdev->host_features >> (32 * s->device_features_sel))
               : 0;
    case R_QUEUE_NUM_MAX:
        return virtio_queue_get_max_size(vdev, s->queue_sel);
    case R_QUEUE_READY:
        return virtio_queue_get_ready(vdev, s->queue_sel);
    case R_INTERRUPT_STATUS:
        return vdev->isr;
    case R_STATUS:
        return vdev->status;
    case R_QUEUE_DESC_LOW: case R_QUEUE_DESC_HIGH:
    case R_QUEUE_DRIVER_LOW: case R_QUEUE_DRIVER_HIGH:
    case R_QUEUE_DEVICE_LOW: case R_QUEUE_DEVICE_HIGH:
        virtio_queue_get_addrs(vdev, s->queue_sel, &desc, &driver, &device);
        switch (offset) {
        case R_QUEUE_DESC_LOW:    return (uint32_t)desc;
        case R_QUEUE_DESC_HIGH:   return desc >> 32;
        case R_QUEUE_DRIVER_LOW:  return (uint32_t)driver;
        case R_QUEUE_DRIVER_HIGH: return driver >> 32;
        case R_QUEUE_DEVICE_LOW:  return (uint32_t)device;
        default:                  return device >> 32;
        }
    case R_SHM_LEN_LOW: case R_SHM_LEN_HIGH:
    case R_SHM_BASE_LOW: case R_SHM_BASE_HIGH:
        return 0xffffffffu;             /* no shared memory region */
    case R_QUEUE_RESET:
        return 0;
    case R_CONFIG_GENERATION:
        return vdev->config_generation;
    case R_DEVICE_FEATURES_SEL: case R_DRIVER_FEATURES:
    case R_DRIVER_FEATURES_SEL: case R_QUEUE_SEL: case R_QUEUE_NUM:
    case R_QUEUE_NOTIFY: case R_INTERRUPT_ACK: case R_SHM_SEL:
        virtio_mmio_guest_error(s, "read of a write-only register", offset);
        return 0;
    default:
        virtio_mmio_guest_error(s, "read of an unknown register", offset);
        return 0;
    }
}

/* QueueNum and the ring addresses may change only while the queue is off. */
static bool virtio_mmio_queue_writable(VirtIOMMIOState *s, hwaddr offset)
{
    if (virtio_queue_get_ready(s->vdev, s->queue_sel)) {
        virtio_mmio_guest_error(s, "queue set-up written while QueueReady",
                                offset);
        return false;
    }
    if (s->queue_sel >= s->vdev->num_queues) {
        virtio_mmio_guest_error(s, "set-up of a queue that does not exist",
                                offset);
        return false;
    }
    return true;
}

static void virtio_mmio_set_addr_half(VirtIOMMIOState *s, hwaddr offset,
                                      uint32_t val)
{
    hwaddr a[3];
    int which = (offset - R_QUEUE_DESC_LOW) / 0x10;
    bool high = offset & 4;

    virtio_queue_get_addrs(s->vdev, s->queue_sel, &a[0], &a[1], &a[2]);
    if (high) {
        a[which] = (a[which] & 0xffffffffu) | ((uint64_t)val << 32);
    } else {
        a[which] = (a[which] & ~0xffffffffULL) | val;
    }
    virtio_queue_set_addrs(s->vdev, s->queue_sel, a[0], a[1], a[2]);
}

static void virtio_mmio_write(void *opaque, hwaddr offset, uint64_t data,
                              unsigned size)
{
    VirtIOMMIOState *s = opaque;
    VirtIODevice *vdev = s->vdev;
    uint32_t val = data;

    if (offset >= R_CONFIG) {
        if (!vdev) {
            return;
        }
        if (!IS_ALIGNED(offset, size)) {
            virtio_mmio_guest_error(s, "unaligned config write", offset);
            return;
        }
        virtio_config_write(vdev, offset - R_CONFIG, val, size);
        return;
    }
    if (size != 4) {
        virtio_mmio_guest_error(s, "register write not 32 bits wide", offset);
        return;
    }
    if (!vdev) {
        return;
    }
    switch (offset) {
    case R_DEVICE_FEATURES_SEL:
        s->device_features_sel = val;
        break;
    case R_DRIVER_FEATURES:
        if (s->driver_features_sel < 2) {
            unsigned shift = 32 * s->driver_features_sel;

            s->driver_features &= ~(0xffffffffULL << shift);
            s->driver_features |= (uint64_t)val << shift;
            virtio_set_guest_features(vdev, s->driver_features);
        } else if (val) {
            virtio_mmio_guest_error(s, "driver feature bits above 63", offset);
        }
        break;
    case R_DRIVER_FEATURES_SEL:
        s->driver_features_sel = val;
        break;
    case R_QUEUE_SEL:
        s->queue_sel = val;
        break;
    case R_QUEUE_NUM:
        if (virtio_mmio_queue_writable(s, offset)) {
            virtio_queue_set_num(vdev, s->queue_sel, val);
        }
        break;
    case R_QUEUE_READY:
        if (s->queue_sel < vdev->num_queues) {
            virtio_queue_set_ready(vdev, s->queue_sel, val & 1);
        } else {
            virtio_mmio_guest_error(s, "QueueReady of a queue that does not "
                                    "exist", offset);
        }
        break;
    case R_QUEUE_NOTIFY:
        virtio_queue_notify(vdev, val & 0xffff);
        break;
    case R_INTERRUPT_ACK:
        vdev->isr &= ~val;
        virtio_mmio_update_irq(s);
        break;
    case R_STATUS:
        if ((val & 0xff) == 0) {
            s->device_features_sel = 0;
            s->driver_features_sel = 0;
            s->queue_sel = 0;
            s->driver_features = 0;
        }
        virtio_set_status(vdev, val & 0xff);
        virtio_mmio_update_irq(s);
        break;
    case R_QUEUE_DESC_LOW: case R_QUEUE_DESC_HIGH:
    case R_QUEUE_DRIVER_LOW: case R_QUEUE_DRIVER_HIGH:
    case R_QUEUE_DEVICE_LOW: case R_QUEUE_DEVICE_HIGH:
        if (virtio_mmio_queue_writable(s, offset)) {
            virtio_mmio_set_addr_half(s, offset, val);
        }
        break;
    case R_SHM_SEL:
    case R_QUEUE_RESET:
        break;
    case R_MAGIC: case R_VERSION: case R_DEVICE_ID: case R_VENDOR_ID:
    case R_DEVICE_FEATURES: case R_QUEUE_NUM_MAX: case R_INTERRUPT_STATUS:
    case R_SHM_LEN_LOW: case R_SHM_LEN_HIGH: case R_SHM_BASE_LOW:
    case R_SHM_BASE_HIGH: case R_CONFIG_GENERATION:
        virtio_mmio_guest_error(s, "write to a read-only register", offset);
        break;
    default:
        virtio_mmio_guest_error(s, "write to an unknown register", offset);
        break;
    }
}

static const MemoryRegionOps virtio_mmio_ops = {
    .read = virtio_mmio_read,
    .write = virtio_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- The slot ----------------------------------------------------------- */

static void virtio_mmio_transport_notify(void *opaque, VirtQueue *vq)
{
    virtio_mmio_update_irq(opaque);
}

static void virtio_mmio_transport_unplug(void *opaque)
{
    VirtIOMMIOState *s = opaque;

    s->vdev = NULL;
    virtio_mmio_update_irq(s);
}

static const VirtioTransportOps virtio_mmio_transport_ops = {
    .notify = virtio_mmio_transport_notify,
    .unplug = virtio_mmio_transport_unplug,
};

bool virtio_mmio_plug_into(DeviceState *transport, DeviceState *dev,
                           GError **errp)
{
    VirtIOMMIOState *s = VIRTIO_MMIO(transport);
    VirtIODevice *vdev = (VirtIODevice *)object_dynamic_cast(OBJECT(dev),
                                                             TYPE_VIRTIO_DEVICE);

    if (!vdev) {
        error_setg(errp, "'%s' is not a virtio device",
                   object_get_typename(OBJECT(dev)));
        return false;
    }
    if (s->vdev) {
        error_setg(errp, "virtio-mmio transport is already in use");
        return false;
    }
    if (vdev->transport) {
        error_setg(errp, "'%s' is already plugged into a transport",
                   object_get_typename(OBJECT(dev)));
        return false;
    }
    s->vdev = vdev;
    s->device_features_sel = s->driver_features_sel = s->queue_sel = 0;
    s->driver_features = 0;
    virtio_bind_transport(vdev, &virtio_mmio_transport_ops, s, OBJECT(s),
                          get_address_space_memory());
    return true;
}

bool virtio_mmio_plug(DeviceState *dev, GError **errp)
{
    for (guint i = 0; mmio_transports && i < mmio_transports->len; i++) {
        VirtIOMMIOState *s = g_ptr_array_index(mmio_transports, i);

        if (!s->vdev) {
            return virtio_mmio_plug_into(DEVICE(s), dev, errp);
        }
    }
    error_setg(errp, "'%s': no free virtio-mmio transport (the machine has "
               "%u)", object_get_typename(OBJECT(dev)),
               mmio_transports ? mmio_transports->len : 0);
    return false;
}

DeviceState *virtio_mmio_get_device(DeviceState *transport)
{
    VirtIOMMIOState *s = VIRTIO_MMIO(transport);

    return s->vdev ? DEVICE(s->vdev) : NULL;
}

void virtio_mmio_create_transports(Object *parent, MemoryRegion *container,
                                   hwaddr base, unsigned count,
                                   IRQLine *const *irqs, DeviceState **out)
{
    if (!parent) {
        parent = object_container_get(NULL, "/machine/unattached");
    }
    for (unsigned i = 0; i < count; i++) {
        DeviceState *dev = device_new(TYPE_VIRTIO_MMIO);
        VirtIOMMIOState *s = VIRTIO_MMIO(dev);
        hwaddr addr = base + (hwaddr)i * VIRTIO_MMIO_SIZE;
        GError *err = NULL;

        object_add_child(parent, "virtio-mmio[*]", OBJECT(dev));
        object_unref(OBJECT(dev));
        if (!device_realize(dev, &err)) {
            error_report("cannot create virtio-mmio: %s", err->message);
            abort();
        }
        if (container && container != get_system_memory()) {
            memory_region_add_subregion(container, addr, &s->iomem);
            s->container = container;
        } else {
            sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, addr);
        }
        if (irqs && irqs[i]) {
            sysbus_connect_irq(SYS_BUS_DEVICE(dev), 0, irqs[i]);
        }
        if (out) {
            out[i] = dev;
        }
    }
    virtio_set_default_plug(virtio_mmio_plug);
}

/* ---- The device type ---------------------------------------------------- */

static void virtio_mmio_init(Object *obj)
{
    VirtIOMMIOState *s = VIRTIO_MMIO(obj);

    memory_region_init_io(&s->iomem, obj, &virtio_mmio_ops, s, "virtio-mmio",
                          VIRTIO_MMIO_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
}

static void virtio_mmio_realize(DeviceState *dev, GError **errp)
{
    if (!mmio_transports) {
        mmio_transports = g_ptr_array_new();
    }
    g_ptr_array_add(mmio_transports, dev);
}

static void virtio_mmio_unrealize(DeviceState *dev)
{
    VirtIOMMIOState *s = VIRTIO_MMIO(dev);

    if (s->vdev) {
        virtio_unbind_transport(s->vdev);
        s->vdev = NULL;
    }
    if (s->container) {
        memory_region_del_subregion(s->container, &s->iomem);
        s->container = NULL;
    }
    g_ptr_array_remove(mmio_transports, dev);
}

static void virtio_mmio_reset(DeviceState *dev)
{
    VirtIOMMIOState *s = VIRTIO_MMIO(dev);

    s->device_features_sel = s->driver_features_sel = s->queue_sel = 0;
    s->driver_features = 0;
    if (s->vdev) {
        virtio_reset(s->vdev);
    }
    virtio_mmio_update_irq(s);
}

static void virtio_mmio_print_info(DeviceState *dev, GString *out, int indent)
{
    VirtIOMMIOState *s = VIRTIO_MMIO(dev);
    g_autofree char *path = NULL;

    if (s->vdev) {
        path = object_get_canonical_path(OBJECT(s->vdev));
    }
    g_string_append_printf(out, "%*sslot %s%s%s\n", indent, "",
                           s->vdev ? object_get_typename(OBJECT(s->vdev))
                                   : "(empty)",
                           path ? " " : "", path ? path : "");
}

static void virtio_mmio_finalize(Object *obj)
{
    memory_region_destroy(&VIRTIO_MMIO(obj)->iomem);
}

static void virtio_mmio_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "virtio-over-MMIO transport (one virtio device slot)";
    dc->realize = virtio_mmio_realize;
    dc->unrealize = virtio_mmio_unrealize;
    dc->reset = virtio_mmio_reset;
    dc->print_info = virtio_mmio_print_info;
}

static const TypeInfo virtio_mmio_info = {
    .name = TYPE_VIRTIO_MMIO,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(VirtIOMMIOState),
    .class_init = virtio_mmio_class_init,
    .instance_init = virtio_mmio_init,
    .instance_finalize = virtio_mmio_finalize,
    .description = "virtio-over-MMIO transport",
};
TYPE_REGISTER(virtio_mmio_info)
