/*
 * sysbus.c — devices on the system bus: MMIO regions the board maps at fixed
 * physical addresses and interrupt outputs the board wires (see hw/sysbus.h).
 */
#include "util/osdep.h"
#include "util/error.h"
#include "hw/sysbus.h"

void sysbus_init_mmio(SysBusDevice *dev, MemoryRegion *mr)
{
    if (dev->num_mmio >= SYSBUS_MAX_MMIO) {
        fprintf(stderr, "device '%s': more than %d MMIO regions\n",
                object_get_typename(OBJECT(dev)), SYSBUS_MAX_MMIO);
        abort();
    }
    dev->mmio[dev->num_mmio].mr = mr;
    dev->mmio[dev->num_mmio].addr = HWADDR_MAX;
    dev->num_mmio++;
}

static void sysbus_check_mmio(SysBusDevice *dev, int n)
{
    if (n < 0 || n >= dev->num_mmio) {
        fprintf(stderr, "device '%s' has no MMIO region %d (it has %d)\n",
                object_get_typename(OBJECT(dev)), n, dev->num_mmio);
        abort();
    }
}

static void sysbus_mmio_unmap(SysBusDevice *dev, int n)
{
    if (dev->mmio[n].addr != HWADDR_MAX) {
        memory_region_del_subregion(get_system_memory(), dev->mmio[n].mr);
        dev->mmio[n].addr = HWADDR_MAX;
    }
}

void sysbus_mmio_map_overlap(SysBusDevice *dev, int n, hwaddr addr,
                             int priority)
{
    sysbus_check_mmio(dev, n);
    if (dev->mmio[n].addr == addr) {
        return;
    }
    /* Moving a region is an unmap and a map: the flat view is rebuilt. */
    sysbus_mmio_unmap(dev, n);
    memory_region_add_subregion_overlap(get_system_memory(), addr,
                                        dev->mmio[n].mr, priority);
    dev->mmio[n].addr = addr;
}

void sysbus_mmio_map(SysBusDevice *dev, int n, hwaddr addr)
{
    sysbus_check_mmio(dev, n);
    if (dev->mmio[n].addr == addr) {
        return;
    }
    sysbus_mmio_unmap(dev, n);
    memory_region_add_subregion(get_system_memory(), addr, dev->mmio[n].mr);
    dev->mmio[n].addr = addr;
}

hwaddr sysbus_mmio_get_addr(SysBusDevice *dev, int n)
{
    sysbus_check_mmio(dev, n);
    return dev->mmio[n].addr;
}

void sysbus_init_irq(SysBusDevice *dev, IRQLine **slot)
{
    if (dev->num_irq >= SYSBUS_MAX_IRQ) {
        fprintf(stderr, "device '%s': more than %d interrupt outputs\n",
                object_get_typename(OBJECT(dev)), SYSBUS_MAX_IRQ);
        abort();
    }
    *slot = NULL;
    dev->irq[dev->num_irq++] = slot;
}

void sysbus_connect_irq(SysBusDevice *dev, int n, IRQLine *line)
{
    if (n < 0 || n >= dev->num_irq) {
        fprintf(stderr, "device '%s' has no interrupt output %d (it has %d)\n",
                object_get_typename(OBJECT(dev)), n, dev->num_irq);
        abort();
    }
    *dev->irq[n] = line;
}

DeviceState *sysbus_create_simple(const char *typename, hwaddr addr,
                                  IRQLine *irq)
{
    DeviceState *dev = device_new(typename);
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);
    GError *err = NULL;

    /* Board-made devices live under /machine/unattached, so that machine
     * reset and "info qtree" find them. */
    object_add_child(object_container_get(NULL, "/machine/unattached"),
                     "device[*]", OBJECT(dev));
    object_unref(OBJECT(dev));
    if (!device_realize(dev, &err)) {
        error_report("cannot create '%s': %s", typename, err->message);
        abort();
    }
    if (addr != HWADDR_MAX) {
        sysbus_mmio_map(sbd, 0, addr);
    }
    if (irq) {
        sysbus_connect_irq(sbd, 0, irq);
    }
    return dev;
}

static void sysbus_print_info(DeviceState *dev, GString *out, int indent)
{
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);

    for (int i = 0; i < sbd->num_mmio; i++) {
        if (sbd->mmio[i].addr == HWADDR_MAX) {
            g_string_append_printf(out, "%*smmio (unmapped)/%016" PRIx64 "\n",
                                   indent, "", sbd->mmio[i].mr->size);
        } else {
            g_string_append_printf(out, "%*smmio %016" HWADDR_PRIx "/%016"
                                   PRIx64 "\n", indent, "", sbd->mmio[i].addr,
                                   sbd->mmio[i].mr->size);
        }
    }
}

/* Regions leave the memory map before the device's finalizers destroy them. */
static void sysbus_unrealize(DeviceState *dev)
{
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);

    for (int i = 0; i < sbd->num_mmio; i++) {
        sysbus_mmio_unmap(sbd, i);
    }
}

static void sysbus_instance_init(Object *obj)
{
    SysBusDevice *sbd = SYS_BUS_DEVICE(obj);

    for (int i = 0; i < SYSBUS_MAX_MMIO; i++) {
        sbd->mmio[i].addr = HWADDR_MAX;
    }
}

static void sysbus_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->print_info = sysbus_print_info;
    dc->unrealize = sysbus_unrealize;
}

static const TypeInfo sysbus_info = {
    .name = TYPE_SYS_BUS_DEVICE,
    .parent = TYPE_DEVICE,
    .abstract = true,
    .instance_size = sizeof(SysBusDevice),
    .class_init = sysbus_class_init,
    .instance_init = sysbus_instance_init,
    .description = "a device with MMIO regions and interrupt outputs",
};
TYPE_REGISTER(sysbus_info)
