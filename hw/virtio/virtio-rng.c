/*
 * virtio-rng.c — the virtio entropy device (VIRTIO 1.2, section 5.4):
 * "-device virtio-rng-device".
 *
 * Device ID 4, one request queue (requestq, 64 entries), no feature bits
 * of its own, no configuration space. The driver posts device-writable
 * buffers; the device fills each completely with bytes from the host's
 * getrandom() (the kernel's CSPRNG: it never blocks once the host has
 * booted) and returns it.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "hw/virtio/virtio.h"

#include <sys/random.h>

#define TYPE_VIRTIO_RNG "virtio-rng-device"
#define VIRTIO_RNG_QUEUE_SIZE 64
/* Bytes given for one request at most: a driver asking for more gets a
 * short answer (5.4.6.1 allows any length). */
#define VIRTIO_RNG_MAX_REQUEST (64 * 1024)

typedef struct VirtIORNG {
    VirtIODevice parent_obj;
    VirtQueue *vq;
} VirtIORNG;

#define VIRTIO_RNG(obj) OBJECT_CHECK(VirtIORNG, (obj), TYPE_VIRTIO_RNG)

/* Fills buf entirely; getrandom may return less than asked. */
static bool virtio_rng_fill(uint8_t *buf, size_t len)
{
    while (len) {
        ssize_t n = getrandom(buf, len, 0);

        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        buf += n;
        len -= n;
    }
    return true;
}

static void virtio_rng_handle_request(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtQueueElement *elem;
    uint8_t buf[4096];

    while ((elem = virtqueue_pop(vq))) {
        size_t want = MIN(elem->in_len, VIRTIO_RNG_MAX_REQUEST), done = 0;

        while (done < want) {
            size_t n = MIN(sizeof(buf), want - done);

            if (!virtio_rng_fill(buf, n)) {
                break;
            }
            virtqueue_elem_write(elem, done, buf, n);
            done += n;
        }
        virtqueue_push(vq, elem, done);
    }
    virtio_notify(vdev, vq);
}

static void virtio_rng_device_realize(VirtIODevice *vdev, GError **errp)
{
    VirtIORNG *s = VIRTIO_RNG(vdev);

    virtio_init(vdev, VIRTIO_ID_RNG, 0);
    s->vq = virtio_add_queue(vdev, VIRTIO_RNG_QUEUE_SIZE,
                             virtio_rng_handle_request);
}

static void virtio_rng_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(oc);

    dc->desc = "virtio entropy device";
    dc->user_creatable = true;
    vdc->device_realize = virtio_rng_device_realize;
}

static const TypeInfo virtio_rng_info = {
    .name = TYPE_VIRTIO_RNG,
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIORNG),
    .class_init = virtio_rng_class_init,
    .description = "virtio entropy device (host getrandom)",
};
TYPE_REGISTER(virtio_rng_info)
