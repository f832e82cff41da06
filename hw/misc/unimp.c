/*
 * unimp.c — a placeholder for a device a board has at some address but
 * Turtle does not model yet.
 *
 * Reads as zero and ignores writes, as an absent peripheral on many buses
 * does, and logs every access under -d unimp, so that a guest poking at it
 * is visible instead of silently misbehaving.
 *
 * Register table: the whole region, RAZ/WI.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "hw/sysbus.h"
#include "hw/misc/unimp.h"

typedef struct UnimplementedDeviceState {
    SysBusDevice parent_obj;
    MemoryRegion iomem;
    char *name;
    uint64_t size;
} UnimplementedDeviceState;

#define UNIMPLEMENTED_DEVICE(obj) \
    OBJECT_CHECK(UnimplementedDeviceState, (obj), TYPE_UNIMPLEMENTED_DEVICE)

static uint64_t unimp_read(void *opaque, hwaddr offset, unsigned size)
{
    UnimplementedDeviceState *s = opaque;

    log_mask_printf(LOG_UNIMP, "%s: unimplemented device read (size %u, "
                    "offset 0x%" HWADDR_PRIx ")\n", s->name, size, offset);
    return 0;
}

static void unimp_write(void *opaque, hwaddr offset, uint64_t value,
                        unsigned size)
{
    UnimplementedDeviceState *s = opaque;

    log_mask_printf(LOG_UNIMP, "%s: unimplemented device write (size %u, "
                    "offset 0x%" HWADDR_PRIx ", value 0x%" PRIx64 ")\n",
                    s->name, size, offset, value);
}

static const MemoryRegionOps unimp_ops = {
    .read = unimp_read,
    .write = unimp_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
    .impl = { .min_access_size = 1, .max_access_size = 8 },
};

static void unimp_realize(DeviceState *dev, GError **errp)
{
    UnimplementedDeviceState *s = UNIMPLEMENTED_DEVICE(dev);

    if (!s->name || s->size == 0) {
        error_setg(errp, "unimplemented-device: 'name' and 'size' are required");
        return;
    }
    memory_region_init_io(&s->iomem, OBJECT(dev), &unimp_ops, s, s->name,
                          s->size);
    sysbus_init_mmio(SYS_BUS_DEVICE(dev), &s->iomem);
}

static const Property unimp_props[] = {
    PROP_STRING("name", UnimplementedDeviceState, name),
    PROP_SIZE("size", UnimplementedDeviceState, size, 0),
    PROP_END
};

static void unimp_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->realize = unimp_realize;
    object_class_add_props(oc, unimp_props);
}

static const TypeInfo unimp_info = {
    .name = TYPE_UNIMPLEMENTED_DEVICE,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(UnimplementedDeviceState),
    .class_init = unimp_class_init,
    .description = "placeholder for a device not modelled yet (RAZ/WI, logged)",
};
TYPE_REGISTER(unimp_info)

DeviceState *create_unimplemented_device(const char *name, hwaddr base,
                                         uint64_t size)
{
    DeviceState *dev = device_new(TYPE_UNIMPLEMENTED_DEVICE);
    g_autofree char *sz = g_strdup_printf("%" PRIu64, size);
    GError *err = NULL;

    if (!object_property_set_str(OBJECT(dev), "name", name, &err) ||
        !object_property_set_str(OBJECT(dev), "size", sz, &err) ||
        !device_realize(dev, &err)) {
        g_error("creating %s: %s", name, err->message);
    }
    /* Lowest priority: a real device mapped later on top wins. */
    memory_region_add_subregion_overlap(get_system_memory(), base,
                                        SYS_BUS_DEVICE(dev)->mmio[0].mr, -1000);
    return dev;
}
