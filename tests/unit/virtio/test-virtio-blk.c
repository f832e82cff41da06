/*
 * test-virtio-blk.c — the virtio-mmio transport, the virtio core (feature
 * negotiation, split rings, indirect descriptors, event index, malformed
 * chains) and virtio-blk on a temporary image file, all driven through
 * MMIO registers and guest RAM as a driver would.
 */
#include "vdrv.h"
#include "util/error.h"
#include "util/log.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-mmio.h"
#include "hw/virtio/virtio-blk.h"

#include <glib/gstdio.h>
#include <fcntl.h>
#include <unistd.h>

#define F_VERSION_1   (1ULL << 32)
#define F_EVENT_IDX   (1ULL << 29)
#define F_INDIRECT    (1ULL << 28)
#define F_BLK_RO      (1ULL << 5)
#define F_BLK_FLUSH   (1ULL << 9)
#define F_BLK_DISCARD (1ULL << 13)
#define F_BLK_WZ      (1ULL << 14)
#define ALL_FEATURES  (~0ULL)

#define DISK_SECTORS  64

static char *disk_path;
static char *ro_path;

/* ---- Fixture: a disk on some transport ---------------------------------- */

static DeviceState *create_blk(const char *drive_id, const char *serial)
{
    Object *parent = object_container_get(NULL, "/machine/peripheral-anon");
    DeviceState *dev = device_new(TYPE_VIRTIO_BLK);
    GError *err = NULL;

    object_add_child(parent, "device[*]", OBJECT(dev));
    object_unref(OBJECT(dev));
    g_assert_true(object_property_set_str(OBJECT(dev), "drive", drive_id, &err));
    if (serial) {
        g_assert_true(object_property_set_str(OBJECT(dev), "serial", serial,
                                              &err));
    }
    g_assert_true(device_realize(dev, &err));
    g_assert_no_error(err);
    return dev;
}

static void destroy_dev(DeviceState *dev)
{
    object_remove_child(OBJECT(dev)->parent, OBJECT(dev));
}

static int transport_of(DeviceState *dev)
{
    for (int i = 0; i < VDRV_NUM_TRANSPORTS; i++) {
        if (virtio_mmio_get_device(vdrv_transport(i)) == dev) {
            return i;
        }
    }
    return -1;
}

/* A driver-side view of one disk with its queue set up and running. */
typedef struct Disk {
    DeviceState *dev;
    VDrv d;
    hwaddr hdr, data, status;
} Disk;

static void disk_start(Disk *k, const char *drive_id, uint64_t wanted)
{
    vdrv_free_all();
    k->dev = create_blk(drive_id, "turtle-disk-serial-0123456789");
    g_assert_cmpint(transport_of(k->dev), >=, 0);
    g_assert_true(vdrv_init(&k->d, transport_of(k->dev), wanted));
    vdrv_setup_queue(&k->d, 0, 16);
    vdrv_driver_ok(&k->d);
    k->hdr = vdrv_alloc(16, 16);
    k->data = vdrv_alloc(8192, 4096);
    k->status = vdrv_alloc(1, 1);
}

static void disk_stop(Disk *k)
{
    destroy_dev(k->dev);
    g_assert_cmpint(vdrv_irq_level(k->d.transport), ==, 0);
}

static void put_hdr(Disk *k, uint32_t type, uint64_t sector)
{
    uint8_t h[16] = { 0 };
    uint32_t t = GUINT32_TO_LE(type);
    uint64_t s = GUINT64_TO_LE(sector);

    memcpy(h, &t, 4);
    memcpy(h + 8, &s, 8);
    vdrv_memwrite(k->hdr, h, 16);
}

/* Runs one request: header, data (readable for OUT, writable for IN),
 * status. Returns the status byte; *used gets the used length. */
static uint8_t disk_request(Disk *k, uint32_t type, uint64_t sector,
                            uint32_t data_len, bool data_write, bool indirect,
                            uint32_t *used)
{
    VDrvBuf bufs[3];
    int n = 0;
    uint32_t id, len;
    uint16_t head;
    uint8_t status = 0xee;

    vdrv_memwrite(k->status, &status, 1);
    put_hdr(k, type, sector);
    bufs[n++] = (VDrvBuf){ k->hdr, 16, false };
    if (data_len) {
        bufs[n++] = (VDrvBuf){ k->data, data_len, data_write };
    }
    bufs[n++] = (VDrvBuf){ k->status, 1, true };
    head = vdrv_add_chain(&k->d, 0, bufs, n, indirect);
    vdrv_notify(&k->d, 0);
    g_assert_true(vdrv_get_used(&k->d, 0, &id, &len));
    g_assert_cmpuint(id, ==, head);
    if (used) {
        *used = len;
    }
    vdrv_memread(k->status, &status, 1);
    return status;
}

static void read_file(const char *path, off_t off, void *buf, size_t len)
{
    int fd = open(path, O_RDONLY);

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(pread(fd, buf, len, off), ==, (ssize_t)len);
    close(fd);
}

/* ---- Transport ---------------------------------------------------------- */

static void test_probe(void)
{
    DeviceState *dev = create_blk("disk0", NULL);
    int t = transport_of(dev);
    hwaddr base;

    /* The first free transport, in creation order. */
    g_assert_cmpint(t, ==, 0);
    base = VDRV_MMIO_BASE + t * 0x200;
    g_assert_cmphex(vdrv_mmio_read(base + 0x000, 4), ==, 0x74726976);
    g_assert_cmpuint(vdrv_mmio_read(base + 0x004, 4), ==, 2);
    g_assert_cmpuint(vdrv_mmio_read(base + 0x008, 4), ==, 2);
    g_assert_cmphex(vdrv_mmio_read(base + 0x00c, 4), ==, VIRTIO_MMIO_VENDOR_ID);
    /* An empty slot: same identification, device ID 0. */
    g_assert_cmphex(vdrv_mmio_read(VDRV_MMIO_BASE + 0x200, 4), ==, 0x74726976);
    g_assert_cmpuint(vdrv_mmio_read(VDRV_MMIO_BASE + 0x208, 4), ==, 0);
    /* Registers are 32-bit only: a byte read gives 0. */
    g_assert_cmpuint(vdrv_mmio_read(base + 0x000, 1), ==, 0);
    /* No shared memory regions: length all ones. */
    g_assert_cmphex(vdrv_mmio_read(base + 0x0b0, 4), ==, 0xffffffff);
    destroy_dev(dev);
    g_assert_null(virtio_mmio_get_device(vdrv_transport(0)));
    g_assert_cmpuint(vdrv_mmio_read(base + 0x008, 4), ==, 0);
}

static void test_features(void)
{
    DeviceState *dev = create_blk("disk0", NULL);
    VDrv d;
    uint64_t offered;

    vdrv_init(&d, transport_of(dev), 0);
    vdrv_set_reg(&d, 0x014, 0);
    offered = vdrv_reg(&d, 0x010);
    vdrv_set_reg(&d, 0x014, 1);
    offered |= (uint64_t)vdrv_reg(&d, 0x010) << 32;
    g_assert_true(offered & F_VERSION_1);
    g_assert_true(offered & F_EVENT_IDX);
    g_assert_true(offered & F_INDIRECT);
    g_assert_true(offered & F_BLK_FLUSH);
    g_assert_false(offered & F_BLK_RO);
    g_assert_false(offered & (1ULL << 34));     /* no packed ring */
    vdrv_set_reg(&d, 0x014, 2);
    g_assert_cmpuint(vdrv_reg(&d, 0x010), ==, 0);

    /* Without VERSION_1 the device refuses FEATURES_OK. */
    g_assert_false(vdrv_init(&d, d.transport, F_BLK_FLUSH));
    g_assert_cmpuint(vdrv_reg(&d, 0x070) & 8, ==, 0);
    /* A feature that was not offered is refused too. */
    vdrv_set_reg(&d, 0x070, 0);
    vdrv_set_reg(&d, 0x070, 3);
    vdrv_set_reg(&d, 0x024, 0);
    vdrv_set_reg(&d, 0x020, 1u << 7);           /* bit 7 not offered */
    vdrv_set_reg(&d, 0x024, 1);
    vdrv_set_reg(&d, 0x020, 1);
    vdrv_set_reg(&d, 0x070, 3 | 8);
    g_assert_cmpuint(vdrv_reg(&d, 0x070) & 8, ==, 0);
    /* DRIVER_OK without FEATURES_OK does not stick. */
    vdrv_set_reg(&d, 0x070, 3 | 4);
    g_assert_cmpuint(vdrv_reg(&d, 0x070) & 4, ==, 0);
    /* A proper negotiation. */
    g_assert_true(vdrv_init(&d, d.transport, F_VERSION_1 | F_BLK_FLUSH));
    g_assert_cmphex(vdrv_reg(&d, 0x070), ==, 0xb);
    /* Features are frozen after FEATURES_OK: a late write is ignored. */
    vdrv_set_reg(&d, 0x024, 0);
    vdrv_set_reg(&d, 0x020, 0);
    g_assert_true(VIRTIO_DEVICE(dev)->guest_features & F_BLK_FLUSH);
    /* Reset clears the status. */
    vdrv_set_reg(&d, 0x070, 0);
    g_assert_cmpuint(vdrv_reg(&d, 0x070), ==, 0);
    g_assert_cmpuint(VIRTIO_DEVICE(dev)->guest_features, ==, 0);
    destroy_dev(dev);
}

static void test_queue_setup(void)
{
    DeviceState *dev = create_blk("disk0", NULL);
    VDrv d;

    vdrv_free_all();
    g_assert_true(vdrv_init(&d, transport_of(dev), ALL_FEATURES));
    vdrv_set_reg(&d, 0x030, 0);
    g_assert_cmpuint(vdrv_reg(&d, 0x034), ==, 256);
    /* A queue that does not exist has QueueNumMax 0. */
    vdrv_set_reg(&d, 0x030, 1);
    g_assert_cmpuint(vdrv_reg(&d, 0x034), ==, 0);
    /* A size that is not a power of two is refused. */
    vdrv_set_reg(&d, 0x030, 0);
    vdrv_set_reg(&d, 0x038, 100);
    g_assert_cmpuint(virtio_queue_get_num(VIRTIO_DEVICE(dev), 0), ==, 256);
    vdrv_setup_queue(&d, 0, 32);
    g_assert_cmpuint(virtio_queue_get_num(VIRTIO_DEVICE(dev), 0), ==, 32);
    g_assert_cmphex(vdrv_reg(&d, 0x080), ==, (uint32_t)d.q[0].desc);
    g_assert_cmphex(vdrv_reg(&d, 0x090), ==, (uint32_t)d.q[0].avail);
    g_assert_cmphex(vdrv_reg(&d, 0x0a0), ==, (uint32_t)d.q[0].used);
    g_assert_cmphex(vdrv_reg(&d, 0x0a4), ==, 0);
    /* Set-up registers are locked while the queue is ready. */
    vdrv_set_reg(&d, 0x080, 0x1000);
    g_assert_cmphex(vdrv_reg(&d, 0x080), ==, (uint32_t)d.q[0].desc);
    vdrv_set_reg(&d, 0x044, 0);
    g_assert_cmpuint(vdrv_reg(&d, 0x044), ==, 0);
    vdrv_set_reg(&d, 0x070, 0);
    g_assert_cmphex(vdrv_reg(&d, 0x080), ==, 0);
    destroy_dev(dev);
}

static void test_config(void)
{
    DeviceState *dev = create_blk("disk0", NULL);
    hwaddr base = VDRV_MMIO_BASE + transport_of(dev) * 0x200;

    /* capacity (u64) in two 32-bit halves, then blk_size, num_queues. */
    g_assert_cmpuint(vdrv_mmio_read(base + 0x100, 4), ==, DISK_SECTORS);
    g_assert_cmpuint(vdrv_mmio_read(base + 0x104, 4), ==, 0);
    g_assert_cmpuint(vdrv_mmio_read(base + 0x114, 4), ==, 512);
    g_assert_cmpuint(vdrv_mmio_read(base + 0x122, 2), ==, 1);
    g_assert_cmpuint(vdrv_mmio_read(base + 0x100, 1), ==, DISK_SECTORS);
    /* Out of the config space: 0. */
    g_assert_cmpuint(vdrv_mmio_read(base + 0x1fc, 4), ==, 0);
    g_assert_cmpuint(vdrv_reg(&(VDrv){ .base = base }, 0x0fc), ==, 0);
    destroy_dev(dev);
}

/* ---- Block I/O ---------------------------------------------------------- */

static void test_write_flush_read(void)
{
    Disk k;
    uint8_t pattern[1024], back[1024], file[1024];
    uint32_t used;

    disk_start(&k, "disk0", ALL_FEATURES);
    for (unsigned i = 0; i < sizeof(pattern); i++) {
        pattern[i] = i * 7 + 3;
    }
    /* Write sectors 5 and 6. */
    vdrv_memwrite(k.data, pattern, sizeof(pattern));
    g_assert_cmpuint(disk_request(&k, 1, 5, 1024, false, false, &used), ==, 0);
    g_assert_cmpuint(used, ==, 1);
    /* The completion interrupt: line high, InterruptStatus bit 0. */
    g_assert_cmpint(vdrv_irq_level(k.d.transport), ==, 1);
    g_assert_cmpuint(vdrv_ack(&k.d), ==, 1);
    g_assert_cmpint(vdrv_irq_level(k.d.transport), ==, 0);
    g_assert_cmpuint(vdrv_reg(&k.d, 0x060), ==, 0);
    /* Each write is in the file when it completes, before any flush. */
    read_file(disk_path, 5 * 512, file, sizeof(file));
    g_assert_cmpmem(file, sizeof(file), pattern, sizeof(pattern));
    /* Flush. */
    g_assert_cmpuint(disk_request(&k, 4, 0, 0, false, false, NULL), ==, 0);
    vdrv_ack(&k.d);
    /* Read back, through an indirect table this time. */
    vdrv_memwrite(k.data, (uint8_t[1024]){ 0 }, 1024);
    g_assert_cmpuint(disk_request(&k, 0, 5, 1024, true, true, &used), ==, 0);
    g_assert_cmpuint(used, ==, 1025);
    vdrv_memread(k.data, back, sizeof(back));
    g_assert_cmpmem(back, sizeof(back), pattern, sizeof(pattern));
    /* GET_ID: the serial, 20 bytes without a terminator. */
    g_assert_cmpuint(disk_request(&k, 8, 0, 20, true, false, NULL), ==, 0);
    vdrv_memread(k.data, back, 20);
    g_assert_cmpmem(back, 20, "turtle-disk-serial-0", 20);
    disk_stop(&k);
}

static void test_io_errors(void)
{
    Disk k;
    uint8_t file[512];

    disk_start(&k, "disk0", ALL_FEATURES);
    /* The last sector is fine, one past it is not. */
    g_assert_cmpuint(disk_request(&k, 0, DISK_SECTORS - 1, 512, true, false,
                                  NULL), ==, 0);
    g_assert_cmpuint(disk_request(&k, 0, DISK_SECTORS, 512, true, false,
                                  NULL), ==, 1);
    g_assert_cmpuint(disk_request(&k, 1, DISK_SECTORS - 1, 1024, false, false,
                                  NULL), ==, 1);
    g_assert_cmpuint(disk_request(&k, 0, UINT64_MAX, 512, true, false,
                                  NULL), ==, 1);
    /* A length that is not whole sectors. */
    g_assert_cmpuint(disk_request(&k, 0, 0, 100, true, false, NULL), ==, 1);
    /* An unknown request type. */
    g_assert_cmpuint(disk_request(&k, 99, 0, 0, false, false, NULL), ==, 2);
    /* The device is still fine. */
    g_assert_cmpuint(vdrv_reg(&k.d, 0x070) & 0x40, ==, 0);
    disk_stop(&k);

    /* A readonly drive: RO offered, writes refused, the file unchanged. */
    disk_start(&k, "ro", ALL_FEATURES);
    g_assert_true(k.d.features & F_BLK_RO);
    g_assert_false(k.d.features & F_BLK_DISCARD);
    vdrv_memwrite(k.data, (uint8_t[512]){ [0] = 0x55 }, 512);
    g_assert_cmpuint(disk_request(&k, 1, 0, 512, false, false, NULL), ==, 1);
    read_file(ro_path, 0, file, 512);
    g_assert_cmpuint(file[0], ==, 0xaa);
    g_assert_cmpuint(disk_request(&k, 0, 0, 512, true, false, NULL), ==, 0);
    disk_stop(&k);
}

static void test_discard_write_zeroes(void)
{
    Disk k;
    uint8_t seg[16] = { 0 }, buf[2048];
    uint64_t sector = GUINT64_TO_LE(10);
    uint32_t num = GUINT32_TO_LE(4), flags;

    disk_start(&k, "disk0", ALL_FEATURES);
    g_assert_true(k.d.features & F_BLK_WZ);
    memset(buf, 0x77, sizeof(buf));
    vdrv_memwrite(k.data, buf, sizeof(buf));
    g_assert_cmpuint(disk_request(&k, 1, 10, 2048, false, false, NULL), ==, 0);
    read_file(disk_path, 10 * 512, buf, sizeof(buf));
    g_assert_cmpuint(buf[0], ==, 0x77);
    /* WRITE_ZEROES of sectors 10..13. */
    memcpy(seg, &sector, 8);
    memcpy(seg + 8, &num, 4);
    vdrv_memwrite(k.data, seg, 16);
    g_assert_cmpuint(disk_request(&k, 13, 0, 16, false, false, NULL), ==, 0);
    read_file(disk_path, 10 * 512, buf, sizeof(buf));
    for (unsigned i = 0; i < sizeof(buf); i++) {
        g_assert_cmpuint(buf[i], ==, 0);
    }
    /* DISCARD with the unmap flag is not supported; out of range is an
     * I/O error. */
    flags = GUINT32_TO_LE(1);
    memcpy(seg + 12, &flags, 4);
    vdrv_memwrite(k.data, seg, 16);
    g_assert_cmpuint(disk_request(&k, 11, 0, 16, false, false, NULL), ==, 2);
    sector = GUINT64_TO_LE(DISK_SECTORS - 1);
    memcpy(seg, &sector, 8);
    memset(seg + 12, 0, 4);
    vdrv_memwrite(k.data, seg, 16);
    g_assert_cmpuint(disk_request(&k, 11, 0, 16, false, false, NULL), ==, 1);
    disk_stop(&k);
}

/* ---- Notification suppression ------------------------------------------ */

static void test_event_idx(void)
{
    Disk k;

    disk_start(&k, "disk0", ALL_FEATURES);
    g_assert_true(k.d.features & F_EVENT_IDX);
    /* The first completion always interrupts. */
    disk_request(&k, 4, 0, 0, false, false, NULL);
    g_assert_cmpint(vdrv_irq_level(k.d.transport), ==, 1);
    vdrv_ack(&k.d);
    /* used_event = 2: no interrupt for used idx 1 -> 2, one for 2 -> 3. */
    vdrv_set_used_event(&k.d, 0, 2);
    disk_request(&k, 4, 0, 0, false, false, NULL);
    g_assert_cmpint(vdrv_irq_level(k.d.transport), ==, 0);
    disk_request(&k, 4, 0, 0, false, false, NULL);
    g_assert_cmpint(vdrv_irq_level(k.d.transport), ==, 1);
    vdrv_ack(&k.d);
    /* The device asks to be notified of the next buffer. */
    g_assert_cmpuint(vdrv_avail_event(&k.d, 0), ==, 3);
    disk_stop(&k);

    /* Without EVENT_IDX: the NO_INTERRUPT flag. */
    disk_start(&k, "disk0", ALL_FEATURES & ~F_EVENT_IDX);
    vdrv_memwrite(k.d.q[0].avail, (uint16_t[]){ GUINT16_TO_LE(1) }, 2);
    disk_request(&k, 4, 0, 0, false, false, NULL);
    g_assert_cmpint(vdrv_irq_level(k.d.transport), ==, 0);
    vdrv_memwrite(k.d.q[0].avail, (uint16_t[]){ 0 }, 2);
    disk_request(&k, 4, 0, 0, false, false, NULL);
    g_assert_cmpint(vdrv_irq_level(k.d.transport), ==, 1);
    disk_stop(&k);
}

/* ---- Malformed rings and chains ----------------------------------------- */

/* After a bad request the device shows NEEDS_RESET, raises a config-change
 * interrupt, completes nothing, and works again after a reset. */
static void expect_needs_reset(Disk *k)
{
    uint32_t id, len;

    g_assert_false(vdrv_get_used(&k->d, 0, &id, &len));
    g_assert_cmphex(vdrv_reg(&k->d, 0x070) & 0x40, ==, 0x40);
    g_assert_cmpint(vdrv_irq_level(k->d.transport), ==, 1);
    g_assert_cmphex(vdrv_ack(&k->d), ==, 2);
    /* Further notifications are ignored. */
    vdrv_notify(&k->d, 0);
    g_assert_false(vdrv_get_used(&k->d, 0, &id, &len));
    /* A reset brings it back. */
    vdrv_free_all();
    g_assert_true(vdrv_init(&k->d, k->d.transport, ALL_FEATURES));
    g_assert_cmphex(vdrv_reg(&k->d, 0x070) & 0x40, ==, 0);
    vdrv_setup_queue(&k->d, 0, 16);
    vdrv_driver_ok(&k->d);
    k->hdr = vdrv_alloc(16, 16);
    k->data = vdrv_alloc(8192, 4096);
    k->status = vdrv_alloc(1, 1);
    g_assert_cmpuint(disk_request(k, 0, 0, 512, true, false, NULL), ==, 0);
    vdrv_ack(&k->d);
}

static void test_malformed(void)
{
    Disk k;
    hwaddr table;

    disk_start(&k, "disk0", ALL_FEATURES);

    /* A loop: 0 -> 1 -> 0. */
    put_hdr(&k, 0, 0);
    vdrv_write_desc(&k.d, 0, 0, k.hdr, 16, 1, 1);
    vdrv_write_desc(&k.d, 0, 1, k.data, 512, 1, 0);
    vdrv_publish(&k.d, 0, 0);
    vdrv_notify(&k.d, 0);
    expect_needs_reset(&k);

    /* A buffer outside RAM. */
    put_hdr(&k, 0, 0);
    vdrv_write_desc(&k.d, 0, 0, k.hdr, 16, 1, 1);
    vdrv_write_desc(&k.d, 0, 1, 0x7ff00000, 512, 1 | 2, 2);
    vdrv_write_desc(&k.d, 0, 2, k.status, 1, 2, 0);
    vdrv_publish(&k.d, 0, 0);
    vdrv_notify(&k.d, 0);
    expect_needs_reset(&k);

    /* A buffer that wraps around the address space. */
    vdrv_write_desc(&k.d, 0, 0, 0xfffffffffffff000ULL, 0x2000, 0, 0);
    vdrv_publish(&k.d, 0, 0);
    vdrv_notify(&k.d, 0);
    expect_needs_reset(&k);

    /* A header shorter than 16 bytes. */
    vdrv_add_chain(&k.d, 0, (VDrvBuf[]){ { k.hdr, 8, false },
                                         { k.status, 1, true } }, 2, false);
    vdrv_notify(&k.d, 0);
    expect_needs_reset(&k);

    /* No status byte at all. */
    vdrv_add_chain(&k.d, 0, (VDrvBuf[]){ { k.hdr, 16, false } }, 1, false);
    vdrv_notify(&k.d, 0);
    expect_needs_reset(&k);

    /* Readable after writable. */
    vdrv_add_chain(&k.d, 0, (VDrvBuf[]){ { k.status, 1, true },
                                         { k.hdr, 16, false } }, 2, false);
    vdrv_notify(&k.d, 0);
    expect_needs_reset(&k);

    /* Head index out of range. */
    vdrv_publish(&k.d, 0, 999);
    vdrv_notify(&k.d, 0);
    expect_needs_reset(&k);

    /* Next index out of range. */
    vdrv_write_desc(&k.d, 0, 0, k.hdr, 16, 1, 40);
    vdrv_publish(&k.d, 0, 0);
    vdrv_notify(&k.d, 0);
    expect_needs_reset(&k);

    /* The driver claims more buffers than the queue holds. */
    vdrv_memwrite(k.d.q[0].avail + 2, (uint16_t[]){ GUINT16_TO_LE(100) }, 2);
    vdrv_notify(&k.d, 0);
    expect_needs_reset(&k);

    /* Indirect: a table with NEXT set, a nested table, a looping table,
     * a table whose size is not a multiple of 16, a table outside RAM. */
    vdrv_write_desc(&k.d, 0, 0, vdrv_alloc(32, 16), 32, 4 | 1, 1);
    vdrv_publish(&k.d, 0, 0);
    vdrv_notify(&k.d, 0);
    expect_needs_reset(&k);

    table = vdrv_alloc(32, 16);
    vdrv_write_desc(&k.d, 0, 0, table, 32, 4, 0);
    vdrv_memwrite(table, (uint64_t[]){ GUINT64_TO_LE(table), GUINT64_TO_LE(0x0000000400000020ULL) }, 16);
    vdrv_publish(&k.d, 0, 0);
    vdrv_notify(&k.d, 0);
    expect_needs_reset(&k);

    table = vdrv_alloc(32, 16);
    vdrv_write_desc(&k.d, 0, 0, table, 32, 4, 0);
    /* entry 0 -> 1 -> 0 */
    vdrv_memwrite(table, (uint64_t[]){ GUINT64_TO_LE(k.hdr),
                                       GUINT64_TO_LE(0x0001000100000010ULL),
                                       GUINT64_TO_LE(k.hdr),
                                       GUINT64_TO_LE(0x0000000100000010ULL) }, 32);
    vdrv_publish(&k.d, 0, 0);
    vdrv_notify(&k.d, 0);
    expect_needs_reset(&k);

    vdrv_write_desc(&k.d, 0, 0, vdrv_alloc(32, 16), 20, 4, 0);
    vdrv_publish(&k.d, 0, 0);
    vdrv_notify(&k.d, 0);
    expect_needs_reset(&k);

    vdrv_write_desc(&k.d, 0, 0, 0x7ff00000, 32, 4, 0);
    vdrv_publish(&k.d, 0, 0);
    vdrv_notify(&k.d, 0);
    expect_needs_reset(&k);

    /* Rings outside RAM: the driver area. */
    vdrv_set_reg(&k.d, 0x030, 0);
    vdrv_set_reg(&k.d, 0x044, 0);
    vdrv_set_reg(&k.d, 0x090, 0x7ff00000);
    vdrv_set_reg(&k.d, 0x044, 1);
    vdrv_notify(&k.d, 0);
    g_assert_cmphex(vdrv_reg(&k.d, 0x070) & 0x40, ==, 0x40);

    /* Notifying a queue that does not exist is harmless. */
    vdrv_notify(&k.d, 7);
    disk_stop(&k);
}

/* A driver without INDIRECT_DESC may not use indirect tables. */
static void test_indirect_not_negotiated(void)
{
    Disk k;

    disk_start(&k, "disk0", ALL_FEATURES & ~F_INDIRECT);
    put_hdr(&k, 4, 0);
    vdrv_add_chain(&k.d, 0, (VDrvBuf[]){ { k.hdr, 16, false },
                                         { k.status, 1, true } }, 2, true);
    vdrv_notify(&k.d, 0);
    g_assert_cmphex(vdrv_reg(&k.d, 0x070) & 0x40, ==, 0x40);
    disk_stop(&k);
}

/* Buffers made available before DRIVER_OK are processed when it is set. */
static void test_early_buffers(void)
{
    DeviceState *dev = create_blk("disk0", NULL);
    VDrv d;
    hwaddr hdr, st;
    uint32_t id, len;
    uint8_t status;

    vdrv_free_all();
    g_assert_true(vdrv_init(&d, transport_of(dev), ALL_FEATURES));
    vdrv_setup_queue(&d, 0, 8);
    hdr = vdrv_alloc(16, 16);
    st = vdrv_alloc(1, 1);
    vdrv_memwrite(hdr, (uint32_t[4]){ GUINT32_TO_LE(4), 0, 0, 0 }, 16);
    vdrv_add_chain(&d, 0, (VDrvBuf[]){ { hdr, 16, false }, { st, 1, true } },
                   2, false);
    vdrv_notify(&d, 0);
    g_assert_false(vdrv_get_used(&d, 0, &id, &len));
    vdrv_driver_ok(&d);
    g_assert_true(vdrv_get_used(&d, 0, &id, &len));
    vdrv_memread(st, &status, 1);
    g_assert_cmpuint(status, ==, 0);
    destroy_dev(dev);
}

/* Random descriptor tables and rings: the device completes requests or
 * needs a reset, never crashes (run under a sanitizer to see more). */
static void test_random_rings(void)
{
    Disk k;
    hwaddr pool;
    int resets = 0, completions = 0;

    disk_start(&k, "disk0", ALL_FEATURES);
    pool = vdrv_alloc(64 * 1024, 16);
    for (int iter = 0; iter < 3000; iter++) {
        int n = g_test_rand_int_range(1, 6);
        uint32_t id, len;

        for (int i = 0; i < 16; i++) {
            uint64_t addr;
            uint32_t dlen;

            /* Mostly plausible, sometimes wild: a chain of 5 descriptors
             * is then often valid enough to complete. */
            switch (g_test_rand_int_range(0, 12)) {
            case 0:
                addr = ((uint64_t)g_test_rand_int() << 32) | g_test_rand_int();
                break;
            case 1:
                addr = VDRV_RAM_BASE + VDRV_RAM_SIZE - g_test_rand_int_range(0, 64);
                break;
            case 2: case 3: case 4:
                addr = k.hdr;
                break;
            default:
                addr = pool + g_test_rand_int_range(0, 60 * 1024);
                break;
            }
            dlen = g_test_rand_int_range(0, 20) ? g_test_rand_int_range(0, 1100)
                                                : g_test_rand_int();
            vdrv_write_desc(&k.d, 0, i, addr, dlen,
                            g_test_rand_int_range(0, 10)
                            ? g_test_rand_int_range(0, 4)
                            : g_test_rand_int_range(0, 8),
                            g_test_rand_int_range(0, 17));
        }
        /* A plausible header in the pool now and then. */
        put_hdr(&k, g_test_rand_int_range(0, 16), g_test_rand_int_range(0, 80));
        for (int i = 0; i < n; i++) {
            vdrv_publish(&k.d, 0, g_test_rand_int_range(0, 10)
                                  ? g_test_rand_int_range(0, 16) : 17);
        }
        vdrv_notify(&k.d, 0);
        while (vdrv_get_used(&k.d, 0, &id, &len)) {
            g_assert_cmpuint(id, <, 16);
            completions++;
        }
        if (vdrv_reg(&k.d, 0x070) & 0x40) {
            resets++;
            vdrv_free_all();
            g_assert_true(vdrv_init(&k.d, k.d.transport, ALL_FEATURES));
            vdrv_setup_queue(&k.d, 0, 16);
            vdrv_driver_ok(&k.d);
            k.hdr = vdrv_alloc(16, 16);
            k.data = vdrv_alloc(8192, 4096);
            k.status = vdrv_alloc(1, 1);
            pool = vdrv_alloc(64 * 1024, 16);
        }
        vdrv_ack(&k.d);
    }
    /* Both outcomes happen with this mix. */
    g_assert_cmpint(resets, >, 0);
    g_assert_cmpint(completions, >, 0);
    disk_stop(&k);
}

/* ---- Creation from -drive ----------------------------------------------- */

static void test_drive_property(void)
{
    DeviceState *a = create_blk("disk0", NULL);
    DeviceState *b = device_new(TYPE_VIRTIO_BLK);
    GError *err = NULL;

    /* A drive serves one device. */
    g_assert_false(object_property_set_str(OBJECT(b), "drive", "disk0", &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
    g_assert_false(object_property_set_str(OBJECT(b), "drive", "nope", &err));
    g_clear_error(&err);
    /* Without a drive, realize fails with a message. */
    g_assert_false(device_realize(b, &err));
    g_assert_nonnull(strstr(err->message, "drive"));
    g_clear_error(&err);
    object_unref(OBJECT(b));
    /* Releasing the device releases the drive. */
    destroy_dev(a);
    g_assert_false(drive_find_by_id("disk0")->claimed);
}

static void test_auto_create(void)
{
    DeviceState *dev0 = create_blk("disk0", NULL);
    DeviceState *auto_dev;
    Object *parent = object_container_get(NULL, "/machine/test-auto");
    GError *err = NULL;

    /* Only the unclaimed if=virtio drive "auto" gets a device ("disk0" is
     * claimed, "ro" and "spare" are if=none). */
    g_assert_true(virtio_blk_create_for_drives(parent, &err));
    g_assert_no_error(err);
    auto_dev = DEVICE(object_get_child(parent, "virtio-disk[0]"));
    g_assert_nonnull(auto_dev);
    g_assert_null(object_get_child(parent, "virtio-disk[1]"));
    g_assert_true(drive_find_by_id("auto")->claimed);
    g_assert_cmpint(transport_of(dev0), ==, 0);
    g_assert_cmpint(transport_of(auto_dev), ==, 1);
    g_assert_cmpuint(vdrv_mmio_read(VDRV_MMIO_BASE + 0x208, 4), ==, 2);
    /* Calling it again creates nothing more. */
    g_assert_true(virtio_blk_create_for_drives(parent, &err));
    g_assert_null(object_get_child(parent, "virtio-disk[1]"));
    destroy_dev(auto_dev);
    destroy_dev(dev0);
}

static void test_no_free_transport(void)
{
    DeviceState *devs[VDRV_NUM_TRANSPORTS];
    DeviceState *extra = device_new(TYPE_VIRTIO_BLK);
    GError *err = NULL;

    /* Readonly drives share the image (a shared lock each). */
    for (int i = 0; i < VDRV_NUM_TRANSPORTS; i++) {
        g_autofree char *id = g_strdup_printf("ro%d", i);

        devs[i] = create_blk(id, NULL);
        g_assert_cmpint(transport_of(devs[i]), ==, i);
    }
    g_assert_true(object_property_set_str(OBJECT(extra), "drive", "ro4", &err));
    g_assert_false(device_realize(extra, &err));
    g_assert_nonnull(strstr(err->message, "no free virtio-mmio transport"));
    g_clear_error(&err);
    object_unref(OBJECT(extra));
    g_assert_false(drive_find_by_id("ro4")->claimed);
    for (int i = 0; i < VDRV_NUM_TRANSPORTS; i++) {
        destroy_dev(devs[i]);
    }
}

/* A second writer on an image is refused (the image is locked). */
static void test_image_locked(void)
{
    DeviceState *a = create_blk("disk0", NULL);
    DeviceState *b = device_new(TYPE_VIRTIO_BLK);
    GError *err = NULL;

    g_assert_true(object_property_set_str(OBJECT(b), "drive", "spare", &err));
    g_assert_false(device_realize(b, &err));
    g_assert_nonnull(strstr(err->message, "in use"));
    g_clear_error(&err);
    object_unref(OBJECT(b));
    destroy_dev(a);
}

static char *make_image(uint8_t fill)
{
    g_autofree uint8_t *zero = g_malloc(DISK_SECTORS * 512);
    char *path = NULL;
    int fd = g_file_open_tmp("turtle-virtio-XXXXXX.img", &path, NULL);

    g_assert_cmpint(fd, >=, 0);
    memset(zero, fill, DISK_SECTORS * 512);
    /* A partial sector at the end is not part of the disk. */
    g_assert_cmpint(write(fd, zero, DISK_SECTORS * 512), ==, DISK_SECTORS * 512);
    g_assert_cmpint(write(fd, zero, 100), ==, 100);
    close(fd);
    return path;
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    /* Exercise the guest-error log lines (they go to stderr). */
    log_set_mask(LOG_GUEST_ERROR);
    vdrv_machine_init();
    disk_path = make_image(0);
    ro_path = make_image(0xaa);
    vdrv_add_drive("disk0", disk_path, false, "none");
    vdrv_add_drive("ro", ro_path, true, "none");
    vdrv_add_drive("spare", disk_path, false, "none");
    vdrv_add_drive("auto", ro_path, true, "virtio");
    for (int i = 0; i <= VDRV_NUM_TRANSPORTS; i++) {
        g_autofree char *id = g_strdup_printf("ro%d", i);
        vdrv_add_drive(id, ro_path, true, "none");
    }

    g_test_add_func("/virtio/mmio/probe", test_probe);
    g_test_add_func("/virtio/mmio/features", test_features);
    g_test_add_func("/virtio/mmio/queue-setup", test_queue_setup);
    g_test_add_func("/virtio/blk/config", test_config);
    g_test_add_func("/virtio/blk/write-flush-read", test_write_flush_read);
    g_test_add_func("/virtio/blk/io-errors", test_io_errors);
    g_test_add_func("/virtio/blk/discard-write-zeroes", test_discard_write_zeroes);
    g_test_add_func("/virtio/core/event-idx", test_event_idx);
    g_test_add_func("/virtio/core/malformed", test_malformed);
    g_test_add_func("/virtio/core/indirect-not-negotiated",
                    test_indirect_not_negotiated);
    g_test_add_func("/virtio/core/early-buffers", test_early_buffers);
    g_test_add_func("/virtio/core/random-rings", test_random_rings);
    g_test_add_func("/virtio/blk/drive-property", test_drive_property);
    g_test_add_func("/virtio/blk/auto-create", test_auto_create);
    g_test_add_func("/virtio/mmio/no-free-transport", test_no_free_transport);
    g_test_add_func("/virtio/blk/image-locked", test_image_locked);
    ret = g_test_run();
    g_unlink(disk_path);
    g_unlink(ro_path);
    g_free(disk_path);
    g_free(ro_path);
    return ret;
}
