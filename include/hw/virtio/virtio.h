/*
 * virtio.h — the transport-independent virtio device core: device status
 * and feature negotiation, the device configuration space, and split
 * virtqueues (VIRTIO 1.2, section 2).
 *
 * A virtio device (block, network, console, entropy) is a TYPE_VIRTIO_DEVICE
 * subclass that knows nothing about how the guest reaches it. A transport
 * (virtio-mmio today; virtio-pci and virtio-ccw later) owns the registers
 * and the interrupt, and drives the device through this API:
 *
 *   transport                         core / device
 *   ---------                         -------------
 *   DeviceFeatures register  ->       vdev->host_features
 *   DriverFeatures register  ->       vdev->guest_features (staged)
 *   Status register write    ->       virtio_set_status()
 *   Queue* registers         ->       virtio_queue_set_*()
 *   QueueNotify write        ->       virtio_queue_notify()
 *   config space access      ->       virtio_config_read()/write()
 *   interrupt line           <-       VirtioTransportOps.notify() with vdev->isr
 *
 * A device model:
 *
 *     static void rng_realize(VirtIODevice *vdev, GError **errp)
 *     {
 *         virtio_init(vdev, VIRTIO_ID_RNG, 0);
 *         rng->vq = virtio_add_queue(vdev, 64, rng_handle_request);
 *     }
 *     static void rng_handle_request(VirtIODevice *vdev, VirtQueue *vq)
 *     {
 *         VirtQueueElement *elem;
 *         while ((elem = virtqueue_pop(vq))) {
 *             ... virtqueue_elem_write(elem, 0, buf, n) ...
 *             virtqueue_push(vq, elem, n);
 *         }
 *         virtio_notify(vdev, vq);
 *     }
 *
 * Its class sets VirtioDeviceClass.device_realize (not DeviceClass.realize):
 * the core runs it and then plugs the device into a free transport (found
 * by the function the board registered with virtio_set_default_plug), unless
 * a transport was bound before realize. Without either, realize fails: the
 * machine has no place for the device.
 *
 * Guest memory is reached only through the memory API: descriptor tables
 * and rings with dma_memory_read/write (bounds-checked), buffers mapped with
 * address_space_map (a buffer outside RAM is a malformed descriptor). Any
 * malformed ring or descriptor chain puts the device in the "needs reset"
 * state (section 2.1.2): it sets DEVICE_NEEDS_RESET, raises a configuration
 * change interrupt and processes nothing until the driver resets it.
 *
 * Everything runs on the main thread; queue handlers run synchronously from
 * the transport's notify register write.
 */
#ifndef TURTLE_HW_VIRTIO_VIRTIO_H
#define TURTLE_HW_VIRTIO_VIRTIO_H

#include "util/osdep.h"
#include "hw/qdev.h"
#include "exec/memory.h"

#include <sys/uio.h>

/* Device IDs (section 5). */
enum {
    VIRTIO_ID_NET = 1,
    VIRTIO_ID_BLOCK = 2,
    VIRTIO_ID_CONSOLE = 3,
    VIRTIO_ID_RNG = 4,
};

/* Device status bits (section 2.1). */
enum {
    VIRTIO_CONFIG_S_ACKNOWLEDGE = 1,
    VIRTIO_CONFIG_S_DRIVER = 2,
    VIRTIO_CONFIG_S_DRIVER_OK = 4,
    VIRTIO_CONFIG_S_FEATURES_OK = 8,
    VIRTIO_CONFIG_S_NEEDS_RESET = 0x40,
    VIRTIO_CONFIG_S_FAILED = 0x80,
};

/* Reserved feature bits (section 6). */
#define VIRTIO_F_INDIRECT_DESC     28
#define VIRTIO_F_EVENT_IDX         29
#define VIRTIO_F_VERSION_1         32
#define VIRTIO_F_ACCESS_PLATFORM   33
#define VIRTIO_F_RING_PACKED       34
#define VIRTIO_F_IN_ORDER          35

/* The interrupt status bits the transport reports (ISR, section 4.2.2). */
#define VIRTIO_ISR_QUEUE  0x1
#define VIRTIO_ISR_CONFIG 0x2

/* The largest queue the core accepts (split rings allow 32768). */
#define VIRTQUEUE_MAX_SIZE 1024
/* The most queues a device may have. */
#define VIRTIO_QUEUE_MAX 64

typedef struct VirtIODevice VirtIODevice;
typedef struct VirtQueue VirtQueue;

/* One buffer of a descriptor chain, mapped into host memory. */
typedef struct VirtQueueSeg {
    void *host;
    size_t len;
    hwaddr gpa;
} VirtQueueSeg;

/* One popped request: the device-readable ("out") buffers, then the
 * device-writable ("in") buffers, each as host segments. */
typedef struct VirtQueueElement {
    unsigned index;                     /* head descriptor, for the used ring */
    unsigned out_num, in_num;
    VirtQueueSeg *out, *in;
    size_t out_len, in_len;             /* total bytes of each direction */
} VirtQueueElement;

typedef void VirtQueueHandler(VirtIODevice *vdev, VirtQueue *vq);

/* What a transport provides to the core. */
typedef struct VirtioTransportOps {
    /* vdev->isr changed (bits were set): update the interrupt. vq is the
     * queue that completed work, or NULL for a configuration change. */
    void (*notify)(void *opaque, VirtQueue *vq);
    /* The device is going away (unrealize): forget it. */
    void (*unplug)(void *opaque);
} VirtioTransportOps;

#define TYPE_VIRTIO_DEVICE "virtio-device"

struct VirtIODevice {
    DeviceState parent_obj;

    uint16_t device_id;
    uint8_t status;
    uint8_t isr;                        /* VIRTIO_ISR_* pending */
    bool broken;                        /* needs reset: queues are ignored */
    uint32_t config_generation;
    uint64_t host_features;             /* offered */
    uint64_t guest_features;            /* accepted by the driver */

    uint8_t *config;                    /* device configuration space */
    size_t config_len;

    unsigned num_queues;
    VirtQueue *vq;                      /* [VIRTIO_QUEUE_MAX] */

    AddressSpace *dma_as;               /* where the guest's buffers live */
    const VirtioTransportOps *transport;
    void *transport_opaque;
    Object *transport_obj;              /* for "info qtree" */
};

typedef struct VirtioDeviceClass {
    DeviceClass parent_class;
    /* Creates queues (virtio_add_queue) and the config space (virtio_init). */
    void (*device_realize)(VirtIODevice *vdev, GError **errp);
    void (*device_unrealize)(VirtIODevice *vdev);
    /* Fills vdev->config from the device state before the driver reads it. */
    void (*get_config)(VirtIODevice *vdev, uint8_t *config);
    /* The driver wrote size bytes at offset into vdev->config. */
    void (*set_config)(VirtIODevice *vdev, const uint8_t *config,
                       unsigned offset, unsigned size);
    /* May refuse a feature combination (then FEATURES_OK stays clear). */
    bool (*validate_features)(VirtIODevice *vdev, uint64_t features);
    /* The driver accepted these features (FEATURES_OK). */
    void (*set_features)(VirtIODevice *vdev, uint64_t features);
    /* Status register changed (after the core handled it). */
    void (*set_status)(VirtIODevice *vdev, uint8_t status);
    /* Device reset (status 0 or machine reset): drop device state. */
    void (*reset)(VirtIODevice *vdev);
} VirtioDeviceClass;

#define VIRTIO_DEVICE(obj) OBJECT_CHECK(VirtIODevice, (obj), TYPE_VIRTIO_DEVICE)
#define VIRTIO_DEVICE_CLASS(oc) \
    OBJECT_CLASS_CHECK(VirtioDeviceClass, (oc), TYPE_VIRTIO_DEVICE)
#define VIRTIO_DEVICE_GET_CLASS(obj) \
    OBJECT_GET_CLASS(VirtioDeviceClass, (obj), TYPE_VIRTIO_DEVICE)

/* ---- For device models ------------------------------------------------ */

/* Sets the device id and the size of the configuration space (zeroed).
 * host_features starts with VERSION_1, EVENT_IDX and INDIRECT_DESC. */
void virtio_init(VirtIODevice *vdev, uint16_t device_id, size_t config_len);
VirtQueue *virtio_add_queue(VirtIODevice *vdev, unsigned max_size,
                            VirtQueueHandler *handler);
VirtQueue *virtio_get_queue(VirtIODevice *vdev, unsigned n);
unsigned virtio_queue_index(VirtQueue *vq);
VirtIODevice *virtio_queue_get_device(VirtQueue *vq);

static inline bool virtio_has_feature(uint64_t features, unsigned bit)
{
    return (features >> bit) & 1;
}
static inline bool virtio_vdev_has_feature(VirtIODevice *vdev, unsigned bit)
{
    return virtio_has_feature(vdev->guest_features, bit);
}
static inline void virtio_add_feature(uint64_t *features, unsigned bit)
{
    *features |= 1ULL << bit;
}
/* DRIVER_OK set, not broken: queues may be used. */
bool virtio_device_ready(VirtIODevice *vdev);

/* Pops the next available request (NULL when none, when the device is not
 * ready, or when the chain is malformed — then the device is marked as
 * needing reset). The element is the caller's until it is pushed or
 * dropped. */
VirtQueueElement *virtqueue_pop(VirtQueue *vq);
/* Returns elem to the used ring with len bytes written to its in buffers,
 * and frees it. Does not interrupt: call virtio_notify after a batch. */
void virtqueue_push(VirtQueue *vq, VirtQueueElement *elem, uint32_t len);
/* Batch forms: fill idx-th used entry after the current used index, then
 * publish count entries at once (mergeable receive buffers need this). */
void virtqueue_fill(VirtQueue *vq, VirtQueueElement *elem, uint32_t len,
                    unsigned idx);
void virtqueue_flush(VirtQueue *vq, unsigned count);
/* Gives an element back unused: it will be popped again. Elements must be
 * unpopped in the reverse order of their pops. */
void virtqueue_unpop(VirtQueue *vq, VirtQueueElement *elem);
/* Frees an element without returning it to the guest (reset paths). */
void virtqueue_elem_free(VirtQueue *vq, VirtQueueElement *elem);
/* True if the driver has made no buffer available (or the queue is off). */
bool virtqueue_empty(VirtQueue *vq);
bool virtio_queue_ready(VirtQueue *vq);
/* Interrupts the driver for vq unless it suppressed it (section 2.7.7,
 * 2.7.10: avail flags or used_event). */
void virtio_notify(VirtIODevice *vdev, VirtQueue *vq);
/* Configuration changed: bumps the generation and interrupts. */
void virtio_notify_config(VirtIODevice *vdev);
/* A guest mistake the device cannot recover from (section 2.1.2): logs it
 * with -d guest_errors, sets NEEDS_RESET and stops the device. */
void virtio_error(VirtIODevice *vdev, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Copy between a flat buffer and an element's buffers, from byte offset
 * within the out (device-readable) or in (device-writable) side. Return the
 * bytes copied (less than len when the element is shorter). */
size_t virtqueue_elem_read(const VirtQueueElement *elem, size_t offset,
                           void *buf, size_t len);
size_t virtqueue_elem_write(VirtQueueElement *elem, size_t offset,
                            const void *buf, size_t len);
/* Builds host iovecs for [offset, offset+len) of one side of elem into iov
 * (at most max entries); returns the count, or -1 if it does not fit. */
int virtqueue_elem_iov(const VirtQueueElement *elem, bool in, size_t offset,
                       size_t len, struct iovec *iov, int max);

/* ---- For transports --------------------------------------------------- */

/* Connects a realized device to its transport. */
void virtio_bind_transport(VirtIODevice *vdev, const VirtioTransportOps *ops,
                           void *opaque, Object *transport_obj,
                           AddressSpace *dma_as);
void virtio_unbind_transport(VirtIODevice *vdev);

/* Status register write: 0 resets the device; setting FEATURES_OK
 * validates the features written so far. */
void virtio_set_status(VirtIODevice *vdev, uint8_t status);
void virtio_reset(VirtIODevice *vdev);
/* Staged by the transport as the driver writes 32-bit halves. */
void virtio_set_guest_features(VirtIODevice *vdev, uint64_t features);

unsigned virtio_queue_get_max_size(VirtIODevice *vdev, unsigned n);
void virtio_queue_set_num(VirtIODevice *vdev, unsigned n, unsigned num);
unsigned virtio_queue_get_num(VirtIODevice *vdev, unsigned n);
void virtio_queue_set_addrs(VirtIODevice *vdev, unsigned n, hwaddr desc,
                            hwaddr driver, hwaddr device);
void virtio_queue_get_addrs(VirtIODevice *vdev, unsigned n, hwaddr *desc,
                            hwaddr *driver, hwaddr *device);
void virtio_queue_set_ready(VirtIODevice *vdev, unsigned n, bool ready);
bool virtio_queue_get_ready(VirtIODevice *vdev, unsigned n);
/* The driver notified queue n: runs its handler if the device is live. */
void virtio_queue_notify(VirtIODevice *vdev, unsigned n);

/* Config space access, little-endian, size 1, 2 or 4 (8 is split). Out of
 * range reads return 0, writes are ignored. */
uint32_t virtio_config_read(VirtIODevice *vdev, uint32_t offset, unsigned size);
void virtio_config_write(VirtIODevice *vdev, uint32_t offset, uint32_t value,
                         unsigned size);

/* ---- Plugging devices into transports --------------------------------- */

/* The board registers how a virtio device created with -device (and not
 * plugged explicitly) finds a transport: virtio-mmio registers
 * virtio_mmio_plug when the board creates its transports. */
typedef bool VirtioPlugFn(DeviceState *vdev, GError **errp);
void virtio_set_default_plug(VirtioPlugFn *fn);

#endif
