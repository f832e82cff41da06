/*
 * test-sysbus.c — unit tests of system-bus devices: MMIO regions mapped into
 * the system memory (reached through the memory API), remapping, unmapping
 * at unrealize, interrupt outputs, sysbus_create_simple and the qtree lines.
 */
#include "util/osdep.h"
#include "hw/sysbus.h"

#define TYPE_TEST_SBD "test-sbd"

/* Registers: 0x00 SCRATCH (rw), 0x04 IRQ (write 1 raises, 0 lowers). */
typedef struct TestSbd {
    SysBusDevice parent_obj;
    MemoryRegion mmio;
    IRQLine *irq;
    uint32_t scratch;
    int reads, writes;
} TestSbd;

static uint64_t sbd_read(void *opaque, hwaddr addr, unsigned size)
{
    TestSbd *s = opaque;

    s->reads++;
    return addr == 0 ? s->scratch : 0;
}

static void sbd_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    TestSbd *s = opaque;

    s->writes++;
    if (addr == 0) {
        s->scratch = data;
    } else if (addr == 4) {
        irq_set(s->irq, data & 1);
    }
}

static const MemoryRegionOps sbd_ops = {
    .read = sbd_read,
    .write = sbd_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

static void sbd_init(Object *obj)
{
    TestSbd *s = (TestSbd *)obj;

    memory_region_init_io(&s->mmio, obj, &sbd_ops, s, "test-sbd", 0x100);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
}

static void sbd_finalize(Object *obj)
{
    memory_region_destroy(&((TestSbd *)obj)->mmio);
}

static const TypeInfo test_sbd_info = {
    .name = TYPE_TEST_SBD, .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(TestSbd), .instance_init = sbd_init,
    .instance_finalize = sbd_finalize,
};
TYPE_REGISTER(test_sbd_info)

static int irq_level = -1;

static void record_irq(void *opaque, int n, int level)
{
    irq_level = level;
}

static uint32_t rd32(hwaddr addr, MemTxResult *res)
{
    uint8_t buf[4] = { 0 };

    *res = address_space_read(get_address_space_memory(), addr,
                              MEMTXATTRS_UNSPECIFIED, buf, 4);
    return buf[0] | buf[1] << 8 | buf[2] << 16 | (uint32_t)buf[3] << 24;
}

static MemTxResult wr32(hwaddr addr, uint32_t v)
{
    uint8_t buf[4] = { v, v >> 8, v >> 16, v >> 24 };

    return address_space_write(get_address_space_memory(), addr,
                               MEMTXATTRS_UNSPECIFIED, buf, 4);
}

static void test_mmio_map(void)
{
    DeviceState *dev = device_new(TYPE_TEST_SBD);
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);
    TestSbd *s = (TestSbd *)dev;
    IRQLine *line = irq_line_new(record_irq, NULL, 0);
    MemTxResult res;

    g_assert_true(device_realize(dev, NULL));
    g_assert_cmpint(sbd->num_mmio, ==, 1);
    g_assert_cmpint(sbd->num_irq, ==, 1);
    g_assert_cmphex(sysbus_mmio_get_addr(sbd, 0), ==, HWADDR_MAX);

    /* Unmapped: nothing answers. */
    rd32(0x10000000, &res);
    g_assert_cmpint(res, ==, MEMTX_DECODE_ERROR);

    sysbus_mmio_map(sbd, 0, 0x10000000);
    g_assert_cmphex(sysbus_mmio_get_addr(sbd, 0), ==, 0x10000000);
    g_assert_cmpint(wr32(0x10000000, 0xcafef00d), ==, MEMTX_OK);
    g_assert_cmphex(s->scratch, ==, 0xcafef00d);
    g_assert_cmphex(rd32(0x10000000, &res), ==, 0xcafef00d);
    g_assert_cmpint(res, ==, MEMTX_OK);
    g_assert_cmpint(s->reads, ==, 1);
    g_assert_cmpint(s->writes, ==, 1);

    /* The interrupt output reaches the line the board connected. */
    wr32(0x10000004, 1);                /* not connected yet: ignored */
    g_assert_cmpint(irq_level, ==, -1);
    sysbus_connect_irq(sbd, 0, line);
    wr32(0x10000004, 1);
    g_assert_cmpint(irq_level, ==, 1);
    wr32(0x10000004, 0);
    g_assert_cmpint(irq_level, ==, 0);

    /* Remapping moves the region. */
    sysbus_mmio_map(sbd, 0, 0x20000000);
    rd32(0x10000000, &res);
    g_assert_cmpint(res, ==, MEMTX_DECODE_ERROR);
    g_assert_cmphex(rd32(0x20000000, &res), ==, 0xcafef00d);
    g_assert_cmpint(res, ==, MEMTX_OK);

    /* The device's end takes its region out of the map. */
    object_unref(OBJECT(dev));
    rd32(0x20000000, &res);
    g_assert_cmpint(res, ==, MEMTX_DECODE_ERROR);
    irq_line_free(line);
}

static void test_create_simple(void)
{
    IRQLine *line = irq_line_new(record_irq, NULL, 0);
    DeviceState *dev = sysbus_create_simple(TYPE_TEST_SBD, 0x30000000, line);
    g_autofree char *path = object_get_canonical_path(OBJECT(dev));
    g_autoptr(GString) tree = g_string_new(NULL);
    MemTxResult res;

    g_assert_true(dev->realized);
    g_assert_cmpstr(path, ==, "/machine/unattached/device[0]");
    wr32(0x30000000, 42);
    g_assert_cmpuint(rd32(0x30000000, &res), ==, 42);
    irq_level = -1;
    wr32(0x30000004, 1);
    g_assert_cmpint(irq_level, ==, 1);

    device_print_tree(object_resolve_path("/machine/unattached"), tree);
    g_assert_cmpstr(tree->str, ==,
                    "dev: test-sbd, id \"\"\n"
                    "  mmio 0000000030000000/0000000000000100\n");

    object_remove_child(object_resolve_path("/machine/unattached"),
                        OBJECT(dev));
    rd32(0x30000000, &res);
    g_assert_cmpint(res, ==, MEMTX_DECODE_ERROR);
    irq_line_free(line);
}

static void test_bad_region_aborts(void)
{
    if (g_test_subprocess()) {
        DeviceState *dev = device_new(TYPE_TEST_SBD);
        sysbus_mmio_map(SYS_BUS_DEVICE(dev), 1, 0);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*'test-sbd' has no MMIO region 1 (it has 1)*");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qom/sysbus/mmio-map", test_mmio_map);
    g_test_add_func("/qom/sysbus/create-simple", test_create_simple);
    g_test_add_func("/qom/sysbus/bad-region-aborts", test_bad_region_aborts);
    return g_test_run();
}
