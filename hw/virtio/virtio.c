/*
 * virtio.c — the virtio device core: status and feature negotiation, the
 * configuration space, and split virtqueues (see hw/virtio/virtio.h).
 *
 * Follows Virtual I/O Device (VIRTIO) Version 1.2:
 *   2.1  device status field        2.2  feature bits
 *   2.5  device configuration space 2.7  split virtqueues
 *   2.7.5  descriptor table (chains, 2.7.5.3 indirect descriptors)
 *   2.7.7 / 2.7.10  notification suppression (flags and event index)
 *
 * Split ring layout in guest memory (all fields little-endian):
 *   descriptor table  16 bytes each: addr u64, len u32, flags u16, next u16
 *   driver area       flags u16, idx u16, ring[num] u16, used_event u16
 *   device area       flags u16, idx u16, ring[num] {id u32, len u32},
 *                     avail_event u16
 *
 * Only the packed ring and the legacy (pre-1.0) interface are not modelled:
 * VERSION_1 is required and RING_PACKED is never offered.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "hw/virtio/virtio.h"

/* Descriptor flags (2.7.5). */
#define VRING_DESC_F_NEXT     1
#define VRING_DESC_F_WRITE    2
#define VRING_DESC_F_INDIRECT 4
/* Driver area flags (2.7.7) and device area flags (2.7.10). */
#define VRING_AVAIL_F_NO_INTERRUPT 1
#define VRING_USED_F_NO_NOTIFY     1

/* Host segments one element may have: a chain of up to a queue's size of
 * descriptors, each possibly split where RAM is not contiguous. */
#define VIRTQUEUE_MAX_SEGS 1024
/* Entries of one indirect table: drivers size them by the request's
 * scatter list (at most a few hundred); more is refused as malformed. */
#define VIRTIO_INDIRECT_MAX 4096

struct VirtQueue {
    VirtIODevice *vdev;
    unsigned index;
    unsigned max_size;                  /* 0: the queue does not exist */
    unsigned num;
    bool ready;
    hwaddr desc, avail, used;
    uint16_t last_avail_idx;            /* next driver entry to consume */
    uint16_t used_idx;                  /* shadow of the used ring's idx */
    uint16_t signalled_used;            /* used idx at the last interrupt */
    bool signalled_used_valid;
    VirtQueueHandler *handler;
};

typedef struct VRingDesc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
} VRingDesc;

static VirtioPlugFn *virtio_default_plug;

void virtio_set_default_plug(VirtioPlugFn *fn)
{
    virtio_default_plug = fn;
}

/* ---- Errors ------------------------------------------------------------- */

void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    log_mask_printf(LOG_GUEST_ERROR, "%s: %s (device needs reset)\n",
                    object_get_typename(OBJECT(vdev)), msg);
    if (vdev->broken) {
        return;
    }
    vdev->broken = true;
    /* 2.1.2: the device sets DEVICE_NEEDS_RESET and, once the driver is
     * running, sends a configuration change notification. */
    vdev->status |= VIRTIO_CONFIG_S_NEEDS_RESET;
    if (vdev->status & VIRTIO_CONFIG_S_DRIVER_OK) {
        virtio_notify_config(vdev);
    }
}

bool virtio_device_ready(VirtIODevice *vdev)
{
    return (vdev->status & VIRTIO_CONFIG_S_DRIVER_OK) && !vdev->broken;
}

/* ---- Ring accessors (little-endian, bounds-checked DMA) ----------------- */

static bool vq_read16(VirtQueue *vq, hwaddr addr, uint16_t *val)
{
    uint16_t le;

    if (!dma_memory_read(vq->vdev->dma_as, addr, &le, sizeof(le))) {
        virtio_error(vq->vdev, "queue %u: ring at 0x%" HWADDR_PRIx
                     " is not in RAM", vq->index, addr);
        return false;
    }
    *val = GUINT16_FROM_LE(le);
    return true;
}

static bool vq_write16(VirtQueue *vq, hwaddr addr, uint16_t val)
{
    uint16_t le = GUINT16_TO_LE(val);

    if (!dma_memory_write(vq->vdev->dma_as, addr, &le, sizeof(le))) {
        virtio_error(vq->vdev, "queue %u: used ring at 0x%" HWADDR_PRIx
                     " is not in RAM", vq->index, addr);
        return false;
    }
    return true;
}

static bool vq_avail_idx(VirtQueue *vq, uint16_t *idx)
{
    return vq_read16(vq, vq->avail + 2, idx);
}

static bool vq_avail_ring(VirtQueue *vq, unsigned i, uint16_t *head)
{
    return vq_read16(vq, vq->avail + 4 + 2 * (hwaddr)(i % vq->num), head);
}

static bool vq_used_event(VirtQueue *vq, uint16_t *val)
{
    return vq_read16(vq, vq->avail + 4 + 2 * (hwaddr)vq->num, val);
}

static void vq_set_avail_event(VirtQueue *vq, uint16_t val)
{
    vq_write16(vq, vq->used + 4 + 8 * (hwaddr)vq->num, val);
}

static bool vq_read_desc(VirtQueue *vq, hwaddr table, unsigned i, VRingDesc *d)
{
    uint8_t raw[16];

    if (!dma_memory_read(vq->vdev->dma_as, table + 16 * (hwaddr)i, raw,
                         sizeof(raw))) {
        virtio_error(vq->vdev, "queue %u: descriptor table at 0x%"
                     HWADDR_PRIx " is not in RAM", vq->index, table);
        return false;
    }
    memcpy(&d->addr, raw, 8);
    memcpy(&d->len, raw + 8, 4);
    memcpy(&d->flags, raw + 12, 2);
    memcpy(&d->next, raw + 14, 2);
    d->addr = GUINT64_FROM_LE(d->addr);
    d->len = GUINT32_FROM_LE(d->len);
    d->flags = GUINT16_FROM_LE(d->flags);
    d->next = GUINT16_FROM_LE(d->next);
    return true;
}

/* ---- Elements ----------------------------------------------------------- */

static void elem_unmap(AddressSpace *as, VirtQueueElement *elem,
                       size_t written)
{
    for (unsigned i = 0; i < elem->out_num; i++) {
        address_space_unmap(as, elem->out[i].host, elem->out[i].len, false,
                            elem->out[i].len);
    }
    for (unsigned i = 0; i < elem->in_num; i++) {
        size_t access = MIN(written, elem->in[i].len);

        address_space_unmap(as, elem->in[i].host, elem->in[i].len, true,
                            access);
        written -= access;
    }
}

static void elem_free(VirtQueueElement *elem)
{
    g_free(elem->out);
    g_free(elem->in);
    g_free(elem);
}

void virtqueue_elem_free(VirtQueue *vq, VirtQueueElement *elem)
{
    if (elem) {
        elem_unmap(vq->vdev->dma_as, elem, 0);
        elem_free(elem);
    }
}

static bool elem_add_seg(VirtQueueSeg **segs, unsigned *num, void *host,
                         size_t len, hwaddr gpa)
{
    if (*num >= VIRTQUEUE_MAX_SEGS) {
        return false;
    }
    /* Grow by doubling: most chains have one to three buffers. */
    if ((*num & (*num - 1)) == 0) {
        *segs = g_renew(VirtQueueSeg, *segs, *num ? *num * 2 : 4);
    }
    (*segs)[*num] = (VirtQueueSeg){ host, len, gpa };
    (*num)++;
    return true;
}

/* Maps one descriptor's buffer, in as many pieces as RAM is split. */
static bool elem_map_desc(VirtQueue *vq, VirtQueueElement *elem,
                          const VRingDesc *d)
{
    bool is_write = d->flags & VRING_DESC_F_WRITE;
    hwaddr addr = d->addr;
    size_t left = d->len;

    if (addr + left < addr) {
        virtio_error(vq->vdev, "queue %u: buffer wraps the address space",
                     vq->index);
        return false;
    }
    while (left) {
        hwaddr l = left;
        void *host = address_space_map(vq->vdev->dma_as, addr, &l, is_write);
        bool ok;

        if (!host || l == 0) {
            virtio_error(vq->vdev, "queue %u: buffer 0x%" HWADDR_PRIx
                         "+0x%zx is not in %sRAM", vq->index, d->addr,
                         (size_t)d->len, is_write ? "writable " : "");
            return false;
        }
        if (is_write) {
            ok = elem_add_seg(&elem->in, &elem->in_num, host, l, addr);
            elem->in_len += l;
        } else {
            ok = elem_add_seg(&elem->out, &elem->out_num, host, l, addr);
            elem->out_len += l;
        }
        if (!ok) {
            address_space_unmap(vq->vdev->dma_as, host, l, is_write, 0);
            virtio_error(vq->vdev, "queue %u: descriptor chain has too many "
                         "buffers", vq->index);
            return false;
        }
        addr += l;
        left -= l;
    }
    return true;
}

/*
 * Walks the chain starting at head (2.7.5): direct descriptors, at most one
 * indirect table (2.7.5.3), device-readable buffers before device-writable
 * ones (2.7.4.2). A chain longer than its table is a loop.
 */
static bool vq_walk_chain(VirtQueue *vq, unsigned head, VirtQueueElement *elem)
{
    VirtIODevice *vdev = vq->vdev;
    hwaddr table = vq->desc;
    unsigned max = vq->num, i = head, count = 0;
    bool indirect = false;
    VRingDesc d;

    if (!vq_read_desc(vq, table, i, &d)) {
        return false;
    }
    for (;;) {
        if (d.flags & VRING_DESC_F_INDIRECT) {
            if (!virtio_vdev_has_feature(vdev, VIRTIO_F_INDIRECT_DESC)) {
                virtio_error(vdev, "queue %u: indirect descriptor without "
                             "VIRTIO_F_INDIRECT_DESC", vq->index);
                return false;
            }
            if (indirect) {
                virtio_error(vdev, "queue %u: nested indirect descriptor",
                             vq->index);
                return false;
            }
            if (d.flags & VRING_DESC_F_NEXT) {
                virtio_error(vdev, "queue %u: indirect descriptor with NEXT",
                             vq->index);
                return false;
            }
            if (d.len == 0 || d.len % 16 || d.len / 16 > VIRTIO_INDIRECT_MAX) {
                virtio_error(vdev, "queue %u: bad indirect table size %u",
                             vq->index, d.len);
                return false;
            }
            indirect = true;
            table = d.addr;
            max = d.len / 16;
            i = 0;
            count = 0;
            if (!vq_read_desc(vq, table, i, &d)) {
                return false;
            }
            continue;
        }
        if (++count > max) {
            virtio_error(vdev, "queue %u: descriptor chain loops", vq->index);
            return false;
        }
        if (!(d.flags & VRING_DESC_F_WRITE) && elem->in_num) {
            virtio_error(vdev, "queue %u: device-readable buffer after a "
                         "device-writable one", vq->index);
            return false;
        }
        if (!elem_map_desc(vq, elem, &d)) {
            return false;
        }
        if (!(d.flags & VRING_DESC_F_NEXT)) {
            return true;
        }
        i = d.next;
        if (i >= max) {
            virtio_error(vdev, "queue %u: next descriptor %u out of range",
                         vq->index, i);
            return false;
        }
        if (!vq_read_desc(vq, table, i, &d)) {
            return false;
        }
    }
}

static bool vq_usable(VirtQueue *vq)
{
    return vq && vq->ready && vq->num && virtio_device_ready(vq->vdev);
}

bool virtio_queue_ready(VirtQueue *vq)
{
    return vq_usable(vq);
}

bool virtqueue_empty(VirtQueue *vq)
{
    uint16_t idx;

    if (!vq_usable(vq) || !vq_avail_idx(vq, &idx)) {
        return true;
    }
    return idx == vq->last_avail_idx;
}

VirtQueueElement *virtqueue_pop(VirtQueue *vq)
{
    VirtIODevice *vdev;
    VirtQueueElement *elem;
    uint16_t avail_idx, head;

    if (!vq_usable(vq)) {
        return NULL;
    }
    vdev = vq->vdev;
    if (!vq_avail_idx(vq, &avail_idx)) {
        return NULL;
    }
    if (avail_idx == vq->last_avail_idx) {
        /* Empty: ask to be notified of the next buffer (2.7.10). */
        if (virtio_vdev_has_feature(vdev, VIRTIO_F_EVENT_IDX)) {
            vq_set_avail_event(vq, vq->last_avail_idx);
        }
        return NULL;
    }
    if ((uint16_t)(avail_idx - vq->last_avail_idx) > vq->num) {
        virtio_error(vdev, "queue %u: driver made %u buffers available in a "
                     "queue of %u", vq->index,
                     (uint16_t)(avail_idx - vq->last_avail_idx), vq->num);
        return NULL;
    }
    if (!vq_avail_ring(vq, vq->last_avail_idx, &head)) {
        return NULL;
    }
    if (head >= vq->num) {
        virtio_error(vdev, "queue %u: head descriptor %u out of range",
                     vq->index, head);
        return NULL;
    }
    elem = g_new0(VirtQueueElement, 1);
    elem->index = head;
    if (!vq_walk_chain(vq, head, elem)) {
        virtqueue_elem_free(vq, elem);
        return NULL;
    }
    vq->last_avail_idx++;
    if (virtio_vdev_has_feature(vdev, VIRTIO_F_EVENT_IDX)) {
        vq_set_avail_event(vq, vq->last_avail_idx);
    }
    return elem;
}

void virtqueue_unpop(VirtQueue *vq, VirtQueueElement *elem)
{
    vq->last_avail_idx--;
    virtqueue_elem_free(vq, elem);
}

void virtqueue_fill(VirtQueue *vq, VirtQueueElement *elem, uint32_t len,
                    unsigned idx)
{
    VirtIODevice *vdev = vq->vdev;
    hwaddr slot;
    uint32_t entry[2];

    if (len > elem->in_len) {
        len = elem->in_len;             /* an emulator bug; do not lie */
    }
    elem_unmap(vdev->dma_as, elem, len);
    if (vq->num && !vdev->broken) {
        slot = vq->used + 4 + 8 * (hwaddr)((uint16_t)(vq->used_idx + idx) % vq->num);
        entry[0] = GUINT32_TO_LE(elem->index);
        entry[1] = GUINT32_TO_LE(len);
        if (!dma_memory_write(vdev->dma_as, slot, entry, sizeof(entry))) {
            virtio_error(vdev, "queue %u: used ring at 0x%" HWADDR_PRIx
                         " is not in RAM", vq->index, vq->used);
        }
    }
    elem_free(elem);
}

void virtqueue_flush(VirtQueue *vq, unsigned count)
{
    if (vq->vdev->broken || !vq->num) {
        return;
    }
    vq->used_idx += count;
    vq_write16(vq, vq->used + 2, vq->used_idx);
}

void virtqueue_push(VirtQueue *vq, VirtQueueElement *elem, uint32_t len)
{
    virtqueue_fill(vq, elem, len, 0);
    virtqueue_flush(vq, 1);
}

/* 2.7.7.2 / 2.7.10: does the driver want an interrupt now? */
static bool virtio_should_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    uint16_t flags, event, old, new;
    bool valid;

    if (!virtio_vdev_has_feature(vdev, VIRTIO_F_EVENT_IDX)) {
        return vq_read16(vq, vq->avail, &flags) &&
               !(flags & VRING_AVAIL_F_NO_INTERRUPT);
    }
    old = vq->signalled_used;
    new = vq->used_idx;
    valid = vq->signalled_used_valid;
    vq->signalled_used = new;
    vq->signalled_used_valid = true;
    if (!vq_used_event(vq, &event)) {
        return false;
    }
    /* Interrupt if used_event lies in (old, new]. */
    return !valid || (uint16_t)(new - event - 1) < (uint16_t)(new - old);
}

void virtio_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    if (!vq_usable(vq) || !virtio_should_notify(vdev, vq)) {
        return;
    }
    vdev->isr |= VIRTIO_ISR_QUEUE;
    if (vdev->transport) {
        vdev->transport->notify(vdev->transport_opaque, vq);
    }
}

void virtio_notify_config(VirtIODevice *vdev)
{
    vdev->config_generation++;
    if (!(vdev->status & VIRTIO_CONFIG_S_DRIVER_OK)) {
        return;
    }
    vdev->isr |= VIRTIO_ISR_CONFIG;
    if (vdev->transport) {
        vdev->transport->notify(vdev->transport_opaque, NULL);
    }
}

/* ---- Copying to and from elements --------------------------------------- */

static size_t segs_copy(const VirtQueueSeg *segs, unsigned num, size_t offset,
                        void *buf, size_t len, bool to_segs)
{
    size_t done = 0;

    for (unsigned i = 0; i < num && done < len; i++) {
        size_t n;

        if (offset >= segs[i].len) {
            offset -= segs[i].len;
            continue;
        }
        n = MIN(segs[i].len - offset, len - done);
        if (to_segs) {
            memcpy((uint8_t *)segs[i].host + offset, (uint8_t *)buf + done, n);
        } else {
            memcpy((uint8_t *)buf + done, (uint8_t *)segs[i].host + offset, n);
        }
        done += n;
        offset = 0;
    }
    return done;
}

size_t virtqueue_elem_read(const VirtQueueElement *elem, size_t offset,
                           void *buf, size_t len)
{
    return segs_copy(elem->out, elem->out_num, offset, buf, len, false);
}

size_t virtqueue_elem_write(VirtQueueElement *elem, size_t offset,
                            const void *buf, size_t len)
{
    return segs_copy(elem->in, elem->in_num, offset, (void *)buf, len, true);
}

int virtqueue_elem_iov(const VirtQueueElement *elem, bool in, size_t offset,
                       size_t len, struct iovec *iov, int max)
{
    const VirtQueueSeg *segs = in ? elem->in : elem->out;
    unsigned num = in ? elem->in_num : elem->out_num;
    int n = 0;

    for (unsigned i = 0; i < num && len; i++) {
        size_t l;

        if (offset >= segs[i].len) {
            offset -= segs[i].len;
            continue;
        }
        if (n >= max) {
            return -1;
        }
        l = MIN(segs[i].len - offset, len);
        iov[n].iov_base = (uint8_t *)segs[i].host + offset;
        iov[n].iov_len = l;
        n++;
        len -= l;
        offset = 0;
    }
    return len ? -1 : n;
}

/* ---- Device set-up ------------------------------------------------------ */

void virtio_init(VirtIODevice *vdev, uint16_t device_id, size_t config_len)
{
    vdev->device_id = device_id;
    g_free(vdev->config);
    vdev->config_len = config_len;
    vdev->config = g_malloc0(MAX(config_len, 1));
    if (!vdev->vq) {
        vdev->vq = g_new0(VirtQueue, VIRTIO_QUEUE_MAX);
    }
    vdev->host_features = (1ULL << VIRTIO_F_VERSION_1) |
                          (1ULL << VIRTIO_F_EVENT_IDX) |
                          (1ULL << VIRTIO_F_INDIRECT_DESC);
}

VirtQueue *virtio_add_queue(VirtIODevice *vdev, unsigned max_size,
                            VirtQueueHandler *handler)
{
    VirtQueue *vq;

    g_assert(vdev->vq && vdev->num_queues < VIRTIO_QUEUE_MAX);
    g_assert(max_size && max_size <= VIRTQUEUE_MAX_SIZE);
    vq = &vdev->vq[vdev->num_queues];
    *vq = (VirtQueue){
        .vdev = vdev, .index = vdev->num_queues, .max_size = max_size,
        .num = max_size, .handler = handler,
    };
    vdev->num_queues++;
    return vq;
}

VirtQueue *virtio_get_queue(VirtIODevice *vdev, unsigned n)
{
    return n < vdev->num_queues ? &vdev->vq[n] : NULL;
}

unsigned virtio_queue_index(VirtQueue *vq)
{
    return vq->index;
}

VirtIODevice *virtio_queue_get_device(VirtQueue *vq)
{
    return vq->vdev;
}

static void virtio_queue_reset(VirtQueue *vq)
{
    vq->num = vq->max_size;
    vq->ready = false;
    vq->desc = vq->avail = vq->used = 0;
    vq->last_avail_idx = vq->used_idx = 0;
    vq->signalled_used = 0;
    vq->signalled_used_valid = false;
}

void virtio_reset(VirtIODevice *vdev)
{
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);

    /* The device first drops the elements it holds (their mappings). */
    if (vdc->reset) {
        vdc->reset(vdev);
    }
    vdev->status = 0;
    vdev->isr = 0;
    vdev->broken = false;
    vdev->guest_features = 0;
    for (unsigned i = 0; i < vdev->num_queues; i++) {
        virtio_queue_reset(&vdev->vq[i]);
    }
}

void virtio_set_guest_features(VirtIODevice *vdev, uint64_t features)
{
    /* 2.2.1: features are fixed once FEATURES_OK is set. */
    if (vdev->status & VIRTIO_CONFIG_S_FEATURES_OK) {
        log_mask_printf(LOG_GUEST_ERROR, "%s: driver features written after "
                        "FEATURES_OK\n", object_get_typename(OBJECT(vdev)));
        return;
    }
    vdev->guest_features = features;
}

static bool virtio_features_ok(VirtIODevice *vdev)
{
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);
    uint64_t f = vdev->guest_features;

    if (f & ~vdev->host_features) {
        log_mask_printf(LOG_GUEST_ERROR, "%s: driver accepted features "
                        "0x%" PRIx64 " that were not offered\n",
                        object_get_typename(OBJECT(vdev)),
                        f & ~vdev->host_features);
        return false;
    }
    /* Only the 1.0+ interface is modelled (no legacy layout). */
    if (!virtio_has_feature(f, VIRTIO_F_VERSION_1)) {
        log_mask_printf(LOG_GUEST_ERROR, "%s: driver did not accept "
                        "VIRTIO_F_VERSION_1\n", object_get_typename(OBJECT(vdev)));
        return false;
    }
    return !vdc->validate_features || vdc->validate_features(vdev, f);
}

void virtio_set_status(VirtIODevice *vdev, uint8_t status)
{
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);
    uint8_t old = vdev->status;

    if (status == 0) {
        virtio_reset(vdev);
        return;
    }
    if ((status & VIRTIO_CONFIG_S_FEATURES_OK) &&
        !(old & VIRTIO_CONFIG_S_FEATURES_OK)) {
        if (!virtio_features_ok(vdev)) {
            /* 3.1.1: the driver re-reads the status and sees the refusal. */
            status &= ~VIRTIO_CONFIG_S_FEATURES_OK;
        } else if (vdc->set_features) {
            vdc->set_features(vdev, vdev->guest_features);
        }
    }
    if ((status & VIRTIO_CONFIG_S_DRIVER_OK) &&
        !(status & VIRTIO_CONFIG_S_FEATURES_OK) &&
        !(old & VIRTIO_CONFIG_S_FEATURES_OK)) {
        log_mask_printf(LOG_GUEST_ERROR, "%s: DRIVER_OK without FEATURES_OK\n",
                        object_get_typename(OBJECT(vdev)));
        status &= ~VIRTIO_CONFIG_S_DRIVER_OK;
    }
    /* NEEDS_RESET is the device's: it stays until a reset. */
    vdev->status = status | (old & VIRTIO_CONFIG_S_NEEDS_RESET);
    if (vdc->set_status) {
        vdc->set_status(vdev, vdev->status);
    }
    /* Buffers may have been queued before DRIVER_OK (2.7.13.3 allows the
     * driver to add them early): look at every queue once. */
    if (!(old & VIRTIO_CONFIG_S_DRIVER_OK) && virtio_device_ready(vdev)) {
        for (unsigned i = 0; i < vdev->num_queues; i++) {
            if (vdev->vq[i].ready && !virtqueue_empty(&vdev->vq[i])) {
                virtio_queue_notify(vdev, i);
            }
        }
    }
}

/* ---- Queue configuration (transport side) ------------------------------- */

unsigned virtio_queue_get_max_size(VirtIODevice *vdev, unsigned n)
{
    return n < vdev->num_queues ? vdev->vq[n].max_size : 0;
}

void virtio_queue_set_num(VirtIODevice *vdev, unsigned n, unsigned num)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    if (!vq) {
        return;
    }
    /* 2.7: split queue sizes are powers of two (the ring indices wrap at
     * 2^16, so another size would break the modulo), at most the maximum. */
    if (num == 0 || num > vq->max_size || (num & (num - 1))) {
        log_mask_printf(LOG_GUEST_ERROR, "%s: queue %u size %u invalid (max "
                        "%u)\n", object_get_typename(OBJECT(vdev)), n, num,
                        vq->max_size);
        return;
    }
    vq->num = num;
}

unsigned virtio_queue_get_num(VirtIODevice *vdev, unsigned n)
{
    return n < vdev->num_queues ? vdev->vq[n].num : 0;
}

void virtio_queue_set_addrs(VirtIODevice *vdev, unsigned n, hwaddr desc,
                            hwaddr driver, hwaddr device)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    if (vq) {
        vq->desc = desc;
        vq->avail = driver;
        vq->used = device;
    }
}

void virtio_queue_get_addrs(VirtIODevice *vdev, unsigned n, hwaddr *desc,
                            hwaddr *driver, hwaddr *device)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    *desc = vq ? vq->desc : 0;
    *driver = vq ? vq->avail : 0;
    *device = vq ? vq->used : 0;
}

void virtio_queue_set_ready(VirtIODevice *vdev, unsigned n, bool ready)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    if (!vq) {
        return;
    }
    vq->ready = ready;
    if (ready) {
        /* A fresh ring starts at index 0 on both sides (2.7.6, 2.7.8). */
        vq->last_avail_idx = 0;
        vq->used_idx = 0;
        vq->signalled_used_valid = false;
    }
}

bool virtio_queue_get_ready(VirtIODevice *vdev, unsigned n)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    return vq && vq->ready;
}

void virtio_queue_notify(VirtIODevice *vdev, unsigned n)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    if (!vq) {
        log_mask_printf(LOG_GUEST_ERROR, "%s: notify of queue %u that does "
                        "not exist\n", object_get_typename(OBJECT(vdev)), n);
        return;
    }
    if (vq_usable(vq) && vq->handler) {
        vq->handler(vdev, vq);
    }
}

/* ---- Configuration space ------------------------------------------------ */

uint32_t virtio_config_read(VirtIODevice *vdev, uint32_t offset, unsigned size)
{
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);
    uint32_t v = 0;

    if (size > 4 || offset > vdev->config_len ||
        size > vdev->config_len - offset) {
        return 0;
    }
    if (vdc->get_config) {
        vdc->get_config(vdev, vdev->config);
    }
    for (unsigned i = 0; i < size; i++) {
        v |= (uint32_t)vdev->config[offset + i] << (8 * i);
    }
    return v;
}

void virtio_config_write(VirtIODevice *vdev, uint32_t offset, uint32_t value,
                         unsigned size)
{
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);

    if (size > 4 || offset > vdev->config_len ||
        size > vdev->config_len - offset) {
        return;
    }
    if (vdc->get_config) {
        vdc->get_config(vdev, vdev->config);
    }
    for (unsigned i = 0; i < size; i++) {
        vdev->config[offset + i] = value >> (8 * i);
    }
    if (vdc->set_config) {
        vdc->set_config(vdev, vdev->config, offset, size);
    }
}

/* ---- Transport binding -------------------------------------------------- */

void virtio_bind_transport(VirtIODevice *vdev, const VirtioTransportOps *ops,
                           void *opaque, Object *transport_obj,
                           AddressSpace *dma_as)
{
    vdev->transport = ops;
    vdev->transport_opaque = opaque;
    vdev->transport_obj = transport_obj;
    vdev->dma_as = dma_as ? dma_as : get_address_space_memory();
}

void virtio_unbind_transport(VirtIODevice *vdev)
{
    vdev->transport = NULL;
    vdev->transport_opaque = NULL;
    vdev->transport_obj = NULL;
}

/* ---- The abstract device type ------------------------------------------- */

static void virtio_device_free_state(VirtIODevice *vdev)
{
    g_free(vdev->vq);
    vdev->vq = NULL;
    vdev->num_queues = 0;
    g_free(vdev->config);
    vdev->config = NULL;
    vdev->config_len = 0;
}

static void virtio_device_realize(DeviceState *dev, GError **errp)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(dev);
    GError *err = NULL;

    if (!vdev->dma_as) {
        vdev->dma_as = get_address_space_memory();
    }
    /* Without a transport chosen beforehand (virtio_mmio_plug_into before
     * realize), there must be a machine-wide way to find one. */
    if (!vdev->transport && !virtio_default_plug) {
        error_setg(errp, "'%s': this machine has no virtio transport for it",
                   object_get_typename(OBJECT(dev)));
        return;
    }
    if (vdc->device_realize) {
        vdc->device_realize(vdev, &err);
        if (err) {
            goto fail;
        }
    }
    g_assert(vdev->config);             /* device_realize calls virtio_init */
    if (!vdev->transport && !virtio_default_plug(dev, &err)) {
        if (vdc->device_unrealize) {
            vdc->device_unrealize(vdev);
        }
        goto fail;
    }
    return;

fail:
    if (vdev->transport && vdev->transport->unplug) {
        vdev->transport->unplug(vdev->transport_opaque);
    }
    virtio_unbind_transport(vdev);
    virtio_device_free_state(vdev);
    g_propagate_error(errp, err);
}

static void virtio_device_unrealize(DeviceState *dev)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(dev);

    virtio_reset(vdev);
    if (vdev->transport && vdev->transport->unplug) {
        vdev->transport->unplug(vdev->transport_opaque);
    }
    virtio_unbind_transport(vdev);
    if (vdc->device_unrealize) {
        vdc->device_unrealize(vdev);
    }
    virtio_device_free_state(vdev);
}

static void virtio_device_reset(DeviceState *dev)
{
    virtio_reset(VIRTIO_DEVICE(dev));
}

static void virtio_device_print_info(DeviceState *dev, GString *out, int indent)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    g_autofree char *path = NULL;

    if (vdev->transport_obj) {
        path = object_get_canonical_path(vdev->transport_obj);
    }
    g_string_append_printf(out, "%*stransport %s\n", indent, "",
                           path ? path : "(none)");
}

static void virtio_device_finalize(Object *obj)
{
    virtio_device_free_state(VIRTIO_DEVICE(obj));
}

static void virtio_device_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->realize = virtio_device_realize;
    dc->unrealize = virtio_device_unrealize;
    dc->reset = virtio_device_reset;
    dc->print_info = virtio_device_print_info;
}

static const TypeInfo virtio_device_info = {
    .name = TYPE_VIRTIO_DEVICE,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(VirtIODevice),
    .class_size = sizeof(VirtioDeviceClass),
    .abstract = true,
    .class_init = virtio_device_class_init,
    .instance_finalize = virtio_device_finalize,
};
TYPE_REGISTER(virtio_device_info)
