/*
 * vdrv.c — the tests' minimal virtio driver and test machine (vdrv.h).
 */
#include "vdrv.h"
#include "util/error.h"
#include "hw/irq.h"
#include "hw/virtio/virtio-mmio.h"

#define VRING_DESC_F_NEXT     1
#define VRING_DESC_F_WRITE    2
#define VRING_DESC_F_INDIRECT 4

static MemoryRegion ram;
static DeviceState *transports[VDRV_NUM_TRANSPORTS];
static int irq_levels[VDRV_NUM_TRANSPORTS];
static IRQLine *irq_lines[VDRV_NUM_TRANSPORTS];
static hwaddr alloc_next = VDRV_RAM_BASE;
static GPtrArray *drives;
static GPtrArray *netdevs;

/* ---- The command line, as seen by the devices --------------------------- */

GPtrArray *drive_list(void)
{
    return drives;
}

DriveInfo *drive_find_by_id(const char *id)
{
    for (guint i = 0; drives && i < drives->len; i++) {
        DriveInfo *d = g_ptr_array_index(drives, i);
        if (!g_strcmp0(d->id, id)) {
            return d;
        }
    }
    return NULL;
}

DriveInfo *drive_claim_next(const char *interface)
{
    return NULL;
}

GPtrArray *netdev_list(void)
{
    return netdevs;
}

NetdevInfo *netdev_find_by_id(const char *id)
{
    for (guint i = 0; netdevs && i < netdevs->len; i++) {
        NetdevInfo *n = g_ptr_array_index(netdevs, i);
        if (!g_strcmp0(n->id, id)) {
            return n;
        }
    }
    return NULL;
}

DriveInfo *vdrv_add_drive(const char *id, const char *file, bool readonly,
                          const char *interface)
{
    DriveInfo *d = g_new0(DriveInfo, 1);

    if (!drives) {
        drives = g_ptr_array_new();
    }
    d->id = g_strdup(id);
    d->file = g_strdup(file);
    d->format = g_strdup("raw");
    d->interface = g_strdup(interface);
    d->readonly = readonly;
    d->index = drives->len;
    g_ptr_array_add(drives, d);
    return d;
}

NetdevInfo *vdrv_add_netdev(const char *id, const char *opts)
{
    NetdevInfo *n = g_new0(NetdevInfo, 1);

    if (!netdevs) {
        netdevs = g_ptr_array_new();
    }
    n->id = g_strdup(id);
    n->type = g_strdup("user");
    n->opts = g_strdup(opts);
    g_ptr_array_add(netdevs, n);
    return n;
}

/* ---- The machine -------------------------------------------------------- */

static void record_irq(void *opaque, int n, int level)
{
    irq_levels[n] = level;
}

void vdrv_machine_init(void)
{
    GError *err = NULL;

    g_assert_true(memory_region_init_ram(&ram, NULL, "test.ram",
                                         VDRV_RAM_SIZE, &err));
    memory_region_add_subregion(get_system_memory(), VDRV_RAM_BASE, &ram);
    for (unsigned i = 0; i < VDRV_NUM_TRANSPORTS; i++) {
        irq_lines[i] = irq_line_new(record_irq, NULL, i);
    }
    virtio_mmio_create_transports(NULL, NULL, VDRV_MMIO_BASE,
                                  VDRV_NUM_TRANSPORTS, irq_lines, transports);
}

DeviceState *vdrv_transport(unsigned n)
{
    return transports[n];
}

int vdrv_irq_level(unsigned n)
{
    return irq_levels[n];
}

hwaddr vdrv_alloc(size_t size, size_t align)
{
    hwaddr a = ROUND_UP(alloc_next, (hwaddr)align);

    g_assert_cmpuint(a + size, <=, VDRV_RAM_BASE + VDRV_RAM_SIZE);
    alloc_next = a + size;
    return a;
}

void vdrv_free_all(void)
{
    alloc_next = VDRV_RAM_BASE;
}

void vdrv_memwrite(hwaddr addr, const void *buf, size_t len)
{
    g_assert_cmpint(address_space_write(get_address_space_memory(), addr,
                                        MEMTXATTRS_UNSPECIFIED, buf, len),
                    ==, MEMTX_OK);
}

void vdrv_memread(hwaddr addr, void *buf, size_t len)
{
    g_assert_cmpint(address_space_read(get_address_space_memory(), addr,
                                       MEMTXATTRS_UNSPECIFIED, buf, len),
                    ==, MEMTX_OK);
}

uint32_t vdrv_mmio_read(hwaddr addr, unsigned size)
{
    uint64_t v = 0;

    g_assert_cmpint(address_space_ld(get_address_space_memory(), addr, size,
                                     false, &v, MEMTXATTRS_UNSPECIFIED),
                    ==, MEMTX_OK);
    return v;
}

void vdrv_mmio_write(hwaddr addr, uint32_t val, unsigned size)
{
    g_assert_cmpint(address_space_st(get_address_space_memory(), addr, size,
                                     false, val, MEMTXATTRS_UNSPECIFIED),
                    ==, MEMTX_OK);
}

static void st16(hwaddr a, uint16_t v)
{
    v = GUINT16_TO_LE(v);
    vdrv_memwrite(a, &v, 2);
}

static uint16_t ld16(hwaddr a)
{
    uint16_t v;

    vdrv_memread(a, &v, 2);
    return GUINT16_FROM_LE(v);
}

static uint32_t ld32(hwaddr a)
{
    uint32_t v;

    vdrv_memread(a, &v, 4);
    return GUINT32_FROM_LE(v);
}

/* ---- The driver --------------------------------------------------------- */

uint32_t vdrv_reg(VDrv *d, hwaddr off)
{
    return vdrv_mmio_read(d->base + off, 4);
}

void vdrv_set_reg(VDrv *d, hwaddr off, uint32_t val)
{
    vdrv_mmio_write(d->base + off, val, 4);
}

bool vdrv_init(VDrv *d, unsigned transport, uint64_t wanted)
{
    uint64_t offered;

    memset(d, 0, sizeof(*d));
    d->transport = transport;
    d->base = VDRV_MMIO_BASE + transport * 0x200;
    /* 3.1.1: reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK. */
    vdrv_set_reg(d, 0x070, 0);
    g_assert_cmpuint(vdrv_reg(d, 0x070), ==, 0);
    vdrv_set_reg(d, 0x070, 1);
    vdrv_set_reg(d, 0x070, 1 | 2);
    vdrv_set_reg(d, 0x014, 0);
    offered = vdrv_reg(d, 0x010);
    vdrv_set_reg(d, 0x014, 1);
    offered |= (uint64_t)vdrv_reg(d, 0x010) << 32;
    d->features = offered & wanted;
    vdrv_set_reg(d, 0x024, 0);
    vdrv_set_reg(d, 0x020, (uint32_t)d->features);
    vdrv_set_reg(d, 0x024, 1);
    vdrv_set_reg(d, 0x020, d->features >> 32);
    vdrv_set_reg(d, 0x070, 1 | 2 | 8);
    return (vdrv_reg(d, 0x070) & 8) != 0;
}

void vdrv_setup_queue(VDrv *d, unsigned q, unsigned size)
{
    VDrvQueue *vq = &d->q[q];

    vq->size = size;
    vq->desc = vdrv_alloc(16 * size, 16);
    vq->avail = vdrv_alloc(6 + 2 * size, 2);
    vq->used = vdrv_alloc(6 + 8 * size, 4);
    vq->avail_idx = vq->used_seen = vq->next_desc = 0;
    /* Rings start zeroed (2.7: the driver initializes them). */
    for (unsigned i = 0; i < 6 + 2 * size; i += 2) {
        st16(vq->avail + i, 0);
    }
    for (unsigned i = 0; i < 6 + 8 * size; i += 2) {
        st16(vq->used + i, 0);
    }
    vdrv_set_reg(d, 0x030, q);
    g_assert_cmpuint(vdrv_reg(d, 0x044), ==, 0);
    g_assert_cmpuint(vdrv_reg(d, 0x034), >=, size);
    vdrv_set_reg(d, 0x038, size);
    vdrv_set_reg(d, 0x080, (uint32_t)vq->desc);
    vdrv_set_reg(d, 0x084, vq->desc >> 32);
    vdrv_set_reg(d, 0x090, (uint32_t)vq->avail);
    vdrv_set_reg(d, 0x094, vq->avail >> 32);
    vdrv_set_reg(d, 0x0a0, (uint32_t)vq->used);
    vdrv_set_reg(d, 0x0a4, vq->used >> 32);
    vdrv_set_reg(d, 0x044, 1);
    g_assert_cmpuint(vdrv_reg(d, 0x044), ==, 1);
}

void vdrv_driver_ok(VDrv *d)
{
    vdrv_set_reg(d, 0x070, 1 | 2 | 8 | 4);
}

void vdrv_write_desc(VDrv *d, unsigned q, unsigned i, uint64_t addr,
                     uint32_t len, uint16_t flags, uint16_t next)
{
    uint8_t raw[16];
    uint64_t a = GUINT64_TO_LE(addr);
    uint32_t l = GUINT32_TO_LE(len);
    uint16_t f = GUINT16_TO_LE(flags), n = GUINT16_TO_LE(next);

    memcpy(raw, &a, 8);
    memcpy(raw + 8, &l, 4);
    memcpy(raw + 12, &f, 2);
    memcpy(raw + 14, &n, 2);
    vdrv_memwrite(d->q[q].desc + 16 * (hwaddr)i, raw, 16);
}

static void write_desc_at(hwaddr table, unsigned i, uint64_t addr,
                          uint32_t len, uint16_t flags, uint16_t next)
{
    uint8_t raw[16];
    uint64_t a = GUINT64_TO_LE(addr);
    uint32_t l = GUINT32_TO_LE(len);
    uint16_t f = GUINT16_TO_LE(flags), n = GUINT16_TO_LE(next);

    memcpy(raw, &a, 8);
    memcpy(raw + 8, &l, 4);
    memcpy(raw + 12, &f, 2);
    memcpy(raw + 14, &n, 2);
    vdrv_memwrite(table + 16 * (hwaddr)i, raw, 16);
}

void vdrv_publish(VDrv *d, unsigned q, uint16_t head)
{
    VDrvQueue *vq = &d->q[q];

    st16(vq->avail + 4 + 2 * (vq->avail_idx % vq->size), head);
    vq->avail_idx++;
    st16(vq->avail + 2, vq->avail_idx);
}

uint16_t vdrv_add_chain(VDrv *d, unsigned q, const VDrvBuf *bufs, int n,
                        bool indirect)
{
    VDrvQueue *vq = &d->q[q];
    uint16_t head = vq->next_desc;

    if (indirect) {
        hwaddr table = vdrv_alloc(16 * n, 16);

        for (int i = 0; i < n; i++) {
            write_desc_at(table, i, bufs[i].addr, bufs[i].len,
                          (bufs[i].write ? VRING_DESC_F_WRITE : 0) |
                          (i + 1 < n ? VRING_DESC_F_NEXT : 0), i + 1);
        }
        vdrv_write_desc(d, q, head, table, 16 * n, VRING_DESC_F_INDIRECT, 0);
        vq->next_desc = (head + 1) % vq->size;
    } else {
        for (int i = 0; i < n; i++) {
            unsigned cur = (head + i) % vq->size;
            unsigned next = (head + i + 1) % vq->size;

            vdrv_write_desc(d, q, cur, bufs[i].addr, bufs[i].len,
                            (bufs[i].write ? VRING_DESC_F_WRITE : 0) |
                            (i + 1 < n ? VRING_DESC_F_NEXT : 0), next);
        }
        vq->next_desc = (head + n) % vq->size;
    }
    vdrv_publish(d, q, head);
    return head;
}

void vdrv_notify(VDrv *d, unsigned q)
{
    vdrv_set_reg(d, 0x050, q);
}

bool vdrv_get_used(VDrv *d, unsigned q, uint32_t *id, uint32_t *len)
{
    VDrvQueue *vq = &d->q[q];
    hwaddr e;

    if (ld16(vq->used + 2) == vq->used_seen) {
        return false;
    }
    e = vq->used + 4 + 8 * (vq->used_seen % vq->size);
    *id = ld32(e);
    *len = ld32(e + 4);
    vq->used_seen++;
    return true;
}

void vdrv_set_used_event(VDrv *d, unsigned q, uint16_t val)
{
    st16(d->q[q].avail + 4 + 2 * d->q[q].size, val);
}

uint16_t vdrv_avail_event(VDrv *d, unsigned q)
{
    return ld16(d->q[q].used + 4 + 8 * d->q[q].size);
}

uint32_t vdrv_ack(VDrv *d)
{
    uint32_t isr = vdrv_reg(d, 0x060);

    vdrv_set_reg(d, 0x064, isr);
    return isr;
}
