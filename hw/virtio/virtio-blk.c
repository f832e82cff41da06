/*
 * virtio-blk.c — the virtio block device (VIRTIO 1.2, section 5.2) on a raw
 * image file.
 *
 * Device ID 2, one request queue of 256 entries.
 * Features offered: SEG_MAX, BLK_SIZE, FLUSH, DISCARD and WRITE_ZEROES
 * (unless discard=off), RO for a readonly drive; plus the core's VERSION_1,
 * EVENT_IDX, INDIRECT_DESC. Without CONFIG_WCE the cache mode is
 * "writeback" as far as the driver knows, so it sends flushes; each write
 * is in the file when completed, each flush is an fdatasync.
 *
 * Configuration layout (5.2.4), little-endian:
 *   0x00 capacity                 u64  image size / 512
 *   0x08 size_max                 u32  (SIZE_MAX not offered)
 *   0x0c seg_max                  u32  queue size - 2
 *   0x10 geometry                 u16 cylinders, u8 heads, u8 sectors (unused)
 *   0x14 blk_size                 u32  512
 *   0x18 topology                 u8, u8, u16, u32 (TOPOLOGY not offered)
 *   0x20 writeback, unused0       u8, u8
 *   0x22 num_queues               u16  1 (MQ not offered)
 *   0x24 max_discard_sectors      u32
 *   0x28 max_discard_seg          u32
 *   0x2c discard_sector_alignment u32  8 (4 KiB)
 *   0x30 max_write_zeroes_sectors u32
 *   0x34 max_write_zeroes_seg     u32
 *   0x38 write_zeroes_may_unmap   u8, unused1[3]
 *
 * A request (5.2.6): a 16-byte device-readable header {u32 type, u32
 * reserved, u64 sector}, data, and a 1-byte device-writable status at the
 * very end. Types handled: IN 0, OUT 1, FLUSH 4, GET_ID 8, DISCARD 11,
 * WRITE_ZEROES 13; others complete with UNSUPP. A request that cannot even
 * carry a status (header too short, no writable byte) is a malformed
 * request: the device needs a reset.
 *
 * I/O is synchronous, from the guest's queue notification.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-blk.h"
#include "hw/virtio/block-backend.h"

#define VIRTIO_BLK_F_SIZE_MAX      1
#define VIRTIO_BLK_F_SEG_MAX       2
#define VIRTIO_BLK_F_RO            5
#define VIRTIO_BLK_F_BLK_SIZE      6
#define VIRTIO_BLK_F_FLUSH         9
#define VIRTIO_BLK_F_DISCARD       13
#define VIRTIO_BLK_F_WRITE_ZEROES  14

#define VIRTIO_BLK_T_IN            0
#define VIRTIO_BLK_T_OUT           1
#define VIRTIO_BLK_T_FLUSH         4
#define VIRTIO_BLK_T_GET_ID        8
#define VIRTIO_BLK_T_DISCARD       11
#define VIRTIO_BLK_T_WRITE_ZEROES  13

#define VIRTIO_BLK_S_OK            0
#define VIRTIO_BLK_S_IOERR         1
#define VIRTIO_BLK_S_UNSUPP        2

#define VIRTIO_BLK_ID_BYTES        20
#define VIRTIO_BLK_WZ_UNMAP        1    /* discard/write-zeroes segment flag */

#define VIRTIO_BLK_SECTOR_BITS     9
#define VIRTIO_BLK_SECTOR_SIZE     512
#define VIRTIO_BLK_QUEUE_SIZE      256
#define VIRTIO_BLK_CONFIG_SIZE     0x3c
#define VIRTIO_BLK_MAX_DISCARD_SECTORS (4u << 20)   /* 2 GiB a segment */
#define VIRTIO_BLK_MAX_DISCARD_SEG 16
/* iovecs one request may need: seg_max data segments, each possibly split
 * where guest RAM is not contiguous. */
#define VIRTIO_BLK_MAX_IOV         1024

typedef struct VirtIOBlock {
    VirtIODevice parent_obj;
    DriveInfo *drive;
    char *serial;
    bool discard;
    BlockBackend *blk;
    uint64_t sectors;
    VirtQueue *vq;
} VirtIOBlock;

#define VIRTIO_BLK(obj) OBJECT_CHECK(VirtIOBlock, (obj), TYPE_VIRTIO_BLK)

static void stl_le(uint8_t *p, uint32_t v)
{
    v = GUINT32_TO_LE(v);
    memcpy(p, &v, 4);
}

static void virtio_blk_get_config(VirtIODevice *vdev, uint8_t *config)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);
    uint64_t cap = GUINT64_TO_LE(s->sectors);
    uint16_t nq = GUINT16_TO_LE(1);

    memset(config, 0, VIRTIO_BLK_CONFIG_SIZE);
    memcpy(config + 0x00, &cap, 8);
    stl_le(config + 0x0c, VIRTIO_BLK_QUEUE_SIZE - 2);
    stl_le(config + 0x14, VIRTIO_BLK_SECTOR_SIZE);
    memcpy(config + 0x22, &nq, 2);
    stl_le(config + 0x24, VIRTIO_BLK_MAX_DISCARD_SECTORS);
    stl_le(config + 0x28, VIRTIO_BLK_MAX_DISCARD_SEG);
    stl_le(config + 0x2c, 8);
    stl_le(config + 0x30, VIRTIO_BLK_MAX_DISCARD_SECTORS);
    stl_le(config + 0x34, VIRTIO_BLK_MAX_DISCARD_SEG);
    config[0x38] = 1;                   /* write zeroes may punch holes */
}

/* Is [sector, sector + bytes) inside the disk? */
static bool virtio_blk_range_ok(VirtIOBlock *s, uint64_t sector,
                                uint64_t bytes)
{
    uint64_t nsec = bytes >> VIRTIO_BLK_SECTOR_BITS;

    return sector <= s->sectors && nsec <= s->sectors - sector;
}

static uint8_t virtio_blk_rw(VirtIOBlock *s, VirtQueueElement *elem,
                             uint64_t sector, bool write)
{
    /* OUT: data follows the header in the readable side; IN: data fills
     * the writable side before the status byte. */
    size_t offset = write ? 16 : 0;
    size_t len = write ? elem->out_len - 16 : elem->in_len - 1;
    struct iovec *iov;
    int cnt, ret;

    if (len % VIRTIO_BLK_SECTOR_SIZE) {
        log_mask_printf(LOG_GUEST_ERROR, "virtio-blk: %s of %zu bytes, not "
                        "a multiple of 512\n", write ? "write" : "read", len);
        return VIRTIO_BLK_S_IOERR;
    }
    if (!virtio_blk_range_ok(s, sector, len)) {
        log_mask_printf(LOG_GUEST_ERROR, "virtio-blk: %s of sectors %" PRIu64
                        "+%zu beyond the end (%" PRIu64 " sectors)\n",
                        write ? "write" : "read", sector,
                        len >> VIRTIO_BLK_SECTOR_BITS, s->sectors);
        return VIRTIO_BLK_S_IOERR;
    }
    if (write && blk_is_readonly(s->blk)) {
        return VIRTIO_BLK_S_IOERR;
    }
    if (len == 0) {
        return VIRTIO_BLK_S_OK;
    }
    iov = g_new(struct iovec, VIRTIO_BLK_MAX_IOV);
    cnt = virtqueue_elem_iov(elem, !write, offset, len, iov,
                             VIRTIO_BLK_MAX_IOV);
    if (cnt < 0) {
        ret = -EINVAL;
    } else if (write) {
        ret = blk_pwritev(s->blk, sector << VIRTIO_BLK_SECTOR_BITS, iov, cnt);
    } else {
        ret = blk_preadv(s->blk, sector << VIRTIO_BLK_SECTOR_BITS, iov, cnt);
    }
    g_free(iov);
    if (ret < 0) {
        log_mask_printf(LOG_GUEST_ERROR, "virtio-blk: %s at sector %" PRIu64
                        " failed: %s\n", write ? "write" : "read", sector,
                        g_strerror(-ret));
        return VIRTIO_BLK_S_IOERR;
    }
    return VIRTIO_BLK_S_OK;
}

/* DISCARD and WRITE_ZEROES carry an array of 16-byte segments (5.2.6):
 * {u64 sector, u32 num_sectors, u32 flags}. */
static uint8_t virtio_blk_discard(VirtIOBlock *s, VirtQueueElement *elem,
                                  bool zeroes)
{
    size_t len = elem->out_len - 16;
    unsigned nseg = len / 16;

    if (!s->discard) {
        return VIRTIO_BLK_S_UNSUPP;
    }
    if (len == 0 || len % 16 || nseg > VIRTIO_BLK_MAX_DISCARD_SEG) {
        return VIRTIO_BLK_S_UNSUPP;
    }
    if (blk_is_readonly(s->blk)) {
        return VIRTIO_BLK_S_IOERR;
    }
    for (unsigned i = 0; i < nseg; i++) {
        uint8_t raw[16];
        uint64_t sector;
        uint32_t num, flags;
        int ret;

        virtqueue_elem_read(elem, 16 + 16 * i, raw, 16);
        memcpy(&sector, raw, 8);
        memcpy(&num, raw + 8, 4);
        memcpy(&flags, raw + 12, 4);
        sector = GUINT64_FROM_LE(sector);
        num = GUINT32_FROM_LE(num);
        flags = GUINT32_FROM_LE(flags);
        /* 5.2.6.2: unmap is only meaningful for write zeroes; unknown
         * flags and oversized segments are unsupported. */
        if ((flags & ~VIRTIO_BLK_WZ_UNMAP) ||
            (!zeroes && (flags & VIRTIO_BLK_WZ_UNMAP)) ||
            num > VIRTIO_BLK_MAX_DISCARD_SECTORS) {
            return VIRTIO_BLK_S_UNSUPP;
        }
        if (!virtio_blk_range_ok(s, sector,
                                 (uint64_t)num << VIRTIO_BLK_SECTOR_BITS)) {
            return VIRTIO_BLK_S_IOERR;
        }
        if (zeroes) {
            ret = blk_write_zeroes(s->blk, sector << VIRTIO_BLK_SECTOR_BITS,
                                   (uint64_t)num << VIRTIO_BLK_SECTOR_BITS,
                                   flags & VIRTIO_BLK_WZ_UNMAP);
        } else {
            ret = blk_discard(s->blk, sector << VIRTIO_BLK_SECTOR_BITS,
                              (uint64_t)num << VIRTIO_BLK_SECTOR_BITS);
        }
        if (ret < 0) {
            return VIRTIO_BLK_S_IOERR;
        }
    }
    return VIRTIO_BLK_S_OK;
}

/* Handles one request; false if it was malformed (the device now needs a
 * reset and the element was dropped). */
static bool virtio_blk_handle_request(VirtIOBlock *s, VirtQueue *vq,
                                      VirtQueueElement *elem)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(s);
    uint8_t hdr[16], status;
    uint32_t type;
    uint64_t sector;
    size_t used = elem->in_len;

    if (elem->out_len < sizeof(hdr) || elem->in_len < 1) {
        virtio_error(vdev, "request without a 16-byte header and a status "
                     "byte (%zu readable, %zu writable bytes)",
                     elem->out_len, elem->in_len);
        virtqueue_elem_free(vq, elem);
        return false;
    }
    virtqueue_elem_read(elem, 0, hdr, sizeof(hdr));
    memcpy(&type, hdr, 4);
    memcpy(&sector, hdr + 8, 8);
    type = GUINT32_FROM_LE(type);
    sector = GUINT64_FROM_LE(sector);

    switch (type) {
    case VIRTIO_BLK_T_IN:
        status = virtio_blk_rw(s, elem, sector, false);
        break;
    case VIRTIO_BLK_T_OUT:
        status = virtio_blk_rw(s, elem, sector, true);
        used = 1;
        break;
    case VIRTIO_BLK_T_FLUSH:
        status = blk_flush(s->blk) < 0 ? VIRTIO_BLK_S_IOERR : VIRTIO_BLK_S_OK;
        used = 1;
        break;
    case VIRTIO_BLK_T_GET_ID: {
        char id[VIRTIO_BLK_ID_BYTES] = { 0 };

        /* Not NUL-terminated when it is 20 bytes long (5.2.6). */
        if (s->serial) {
            memcpy(id, s->serial, strnlen(s->serial, sizeof(id)));
        }
        virtqueue_elem_write(elem, 0, id, MIN(sizeof(id), elem->in_len - 1));
        status = VIRTIO_BLK_S_OK;
        break;
    }
    case VIRTIO_BLK_T_DISCARD:
    case VIRTIO_BLK_T_WRITE_ZEROES:
        status = virtio_blk_discard(s, elem, type == VIRTIO_BLK_T_WRITE_ZEROES);
        used = 1;
        break;
    default:
        status = VIRTIO_BLK_S_UNSUPP;
        used = 1;
        break;
    }
    virtqueue_elem_write(elem, elem->in_len - 1, &status, 1);
    virtqueue_push(vq, elem, used);
    return true;
}

static void virtio_blk_handle_output(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);
    VirtQueueElement *elem;

    while ((elem = virtqueue_pop(vq))) {
        if (!virtio_blk_handle_request(s, vq, elem)) {
            break;
        }
    }
    virtio_notify(vdev, vq);
}

static void virtio_blk_device_realize(VirtIODevice *vdev, GError **errp)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);

    if (!s->drive) {
        error_setg(errp, "virtio-blk-device needs drive=ID (a -drive "
                   "...,if=none,id=ID)");
        return;
    }
    s->blk = blk_open_drive(s->drive, errp);
    if (!s->blk) {
        return;
    }
    s->sectors = blk_get_size(s->blk) >> VIRTIO_BLK_SECTOR_BITS;
    virtio_init(vdev, VIRTIO_ID_BLOCK, VIRTIO_BLK_CONFIG_SIZE);
    virtio_add_feature(&vdev->host_features, VIRTIO_BLK_F_SEG_MAX);
    virtio_add_feature(&vdev->host_features, VIRTIO_BLK_F_BLK_SIZE);
    virtio_add_feature(&vdev->host_features, VIRTIO_BLK_F_FLUSH);
    if (blk_is_readonly(s->blk)) {
        virtio_add_feature(&vdev->host_features, VIRTIO_BLK_F_RO);
    } else if (s->discard) {
        virtio_add_feature(&vdev->host_features, VIRTIO_BLK_F_DISCARD);
        virtio_add_feature(&vdev->host_features, VIRTIO_BLK_F_WRITE_ZEROES);
    }
    s->vq = virtio_add_queue(vdev, VIRTIO_BLK_QUEUE_SIZE,
                             virtio_blk_handle_output);
}

static void virtio_blk_device_unrealize(VirtIODevice *vdev)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);

    if (s->blk) {
        blk_flush(s->blk);
        blk_close(s->blk);
        s->blk = NULL;
    }
}

static const Property virtio_blk_props[] = {
    PROP_DRIVE("drive", VirtIOBlock, drive),
    PROP_STRING("serial", VirtIOBlock, serial),
    PROP_BOOL("discard", VirtIOBlock, discard, true),
    PROP_END
};

static void virtio_blk_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(oc);

    dc->desc = "virtio block device";
    dc->user_creatable = true;
    vdc->device_realize = virtio_blk_device_realize;
    vdc->device_unrealize = virtio_blk_device_unrealize;
    vdc->get_config = virtio_blk_get_config;
    object_class_add_props(oc, virtio_blk_props);
}

static const TypeInfo virtio_blk_info = {
    .name = TYPE_VIRTIO_BLK,
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIOBlock),
    .class_init = virtio_blk_class_init,
    .description = "virtio block device (drive=ID)",
};
TYPE_REGISTER(virtio_blk_info)

bool virtio_blk_create_for_drives(Object *parent, GError **errp)
{
    GPtrArray *drives = drive_list();

    if (!parent) {
        parent = object_container_get(NULL, "/machine/unattached");
    }
    for (guint i = 0; drives && i < drives->len; i++) {
        DriveInfo *d = g_ptr_array_index(drives, i);
        DeviceState *dev;

        if (d->claimed || g_strcmp0(d->interface, "virtio")) {
            continue;
        }
        dev = device_new(TYPE_VIRTIO_BLK);
        object_add_child(parent, "virtio-disk[*]", OBJECT(dev));
        object_unref(OBJECT(dev));
        if (!object_property_set_str(OBJECT(dev), "drive", d->id, errp) ||
            !device_realize(dev, errp)) {
            object_remove_child(parent, OBJECT(dev));
            return false;
        }
    }
    return true;
}
