/*
 * virtio-net.c — the virtio network device (VIRTIO 1.2, section 5.1):
 * "-device virtio-net-device,netdev=ID[,mac=52:54:00:12:34:56]".
 *
 * Device ID 1. Queues: 0 receiveq, 1 transmitq (no control queue, no
 * multiqueue). Features offered: MAC, STATUS, MRG_RXBUF, plus the core's
 * VERSION_1, EVENT_IDX, INDIRECT_DESC. No checksum or segmentation offload:
 * the guest sends complete frames with valid checksums, and receives them
 * so (the user network stack computes its own).
 *
 * Configuration layout (5.1.4), little-endian:
 *   0x00 mac[6]                 the default is 52:54:00:12:34:56 + n for
 *                               the n-th NIC created
 *   0x06 status u16             1 = VIRTIO_NET_S_LINK_UP (always)
 *   0x08 max_virtqueue_pairs u16  1
 *   0x0a mtu u16                1500 (MTU not offered: informative)
 *
 * Every buffer starts with the 12-byte virtio_net_hdr (5.1.6): flags u8,
 * gso_type u8, hdr_len u16, gso_size u16, csum_start u16, csum_offset u16,
 * num_buffers u16 (the VERSION_1 layout always has num_buffers). Received
 * frames get an all-zero header with num_buffers = the receive buffers used
 * (1 unless MRG_RXBUF spreads a frame over several, 5.1.6.3.2).
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "hw/virtio/virtio.h"
#include "net/net.h"

#define TYPE_VIRTIO_NET "virtio-net-device"

#define VIRTIO_NET_F_MAC        5
#define VIRTIO_NET_F_MRG_RXBUF  15
#define VIRTIO_NET_F_STATUS     16

#define VIRTIO_NET_S_LINK_UP    1
#define VIRTIO_NET_HDR_SIZE     12
#define VIRTIO_NET_CONFIG_SIZE  12
#define VIRTIO_NET_QUEUE_SIZE   256
/* The largest frame accepted from the guest (a 64 KiB GSO-sized frame is
 * more than any frame without offloads). */
#define VIRTIO_NET_MAX_FRAME    (64 * 1024 + 14)
/* Receive buffers one frame may take with MRG_RXBUF. */
#define VIRTIO_NET_MAX_MRG      64

typedef struct VirtIONet {
    VirtIODevice parent_obj;
    NetdevInfo *netdev;
    char *mac_str;
    uint8_t mac[6];
    NetClient *nc;
    VirtQueue *rx_vq, *tx_vq;
    uint8_t *tx_buf;
} VirtIONet;

#define VIRTIO_NET(obj) OBJECT_CHECK(VirtIONet, (obj), TYPE_VIRTIO_NET)

static unsigned virtio_net_count;

static void virtio_net_get_config(VirtIODevice *vdev, uint8_t *config)
{
    VirtIONet *n = VIRTIO_NET(vdev);
    uint16_t status = GUINT16_TO_LE(VIRTIO_NET_S_LINK_UP);
    uint16_t pairs = GUINT16_TO_LE(1), mtu = GUINT16_TO_LE(1500);

    memcpy(config, n->mac, 6);
    memcpy(config + 6, &status, 2);
    memcpy(config + 8, &pairs, 2);
    memcpy(config + 10, &mtu, 2);
}

static void virtio_net_set_config(VirtIODevice *vdev, const uint8_t *config,
                                  unsigned offset, unsigned size)
{
    /* 5.1.4: the MAC is read-only for a VERSION_1 driver; keep ours. */
}

/* ---- Receive ------------------------------------------------------------- */

static bool virtio_net_can_receive(void *opaque)
{
    VirtIONet *n = opaque;

    return virtio_queue_ready(n->rx_vq) && !virtqueue_empty(n->rx_vq);
}

static bool virtio_net_receive(void *opaque, const uint8_t *buf, size_t len)
{
    VirtIONet *n = opaque;
    VirtIODevice *vdev = VIRTIO_DEVICE(n);
    bool mrg = virtio_vdev_has_feature(vdev, VIRTIO_NET_F_MRG_RXBUF);
    VirtQueueElement *elems[VIRTIO_NET_MAX_MRG];
    size_t lens[VIRTIO_NET_MAX_MRG];
    uint8_t hdr[VIRTIO_NET_HDR_SIZE] = { 0 };
    size_t done = 0;                    /* bytes of the frame placed */
    unsigned count = 0;
    uint16_t num_buffers;

    if (!virtio_queue_ready(n->rx_vq)) {
        return true;                    /* no driver: the frame is lost */
    }
    while (done < len || count == 0) {
        VirtQueueElement *e;
        size_t room, hdr_room = count == 0 ? VIRTIO_NET_HDR_SIZE : 0, take;

        if (count == VIRTIO_NET_MAX_MRG || !(e = virtqueue_pop(n->rx_vq))) {
            /* Not enough buffers yet: give them back and keep the frame
             * for later, unless it would never fit (then drop it). */
            bool never = count == VIRTIO_NET_MAX_MRG;

            while (count) {
                virtqueue_unpop(n->rx_vq, elems[--count]);
            }
            return never || !virtio_queue_ready(n->rx_vq);
        }
        if (e->in_len < hdr_room) {
            virtio_error(vdev, "receive buffer of %zu bytes is smaller than "
                         "the header", e->in_len);
            virtqueue_elem_free(n->rx_vq, e);
            while (count) {
                virtqueue_elem_free(n->rx_vq, elems[--count]);
            }
            return true;
        }
        room = e->in_len - hdr_room;
        if (!mrg && room < len) {
            /* 5.1.6.3: the buffer cannot hold the frame: drop the frame,
             * keep the buffer. */
            log_mask_printf(LOG_GUEST_ERROR, "virtio-net: %zu-byte frame "
                            "dropped: receive buffer holds %zu\n", len, room);
            virtqueue_unpop(n->rx_vq, e);
            return true;
        }
        take = MIN(room, len - done);
        virtqueue_elem_write(e, hdr_room, buf + done, take);
        done += take;
        lens[count] = hdr_room + take;
        elems[count++] = e;
    }
    num_buffers = GUINT16_TO_LE(count);
    memcpy(hdr + 10, &num_buffers, 2);
    virtqueue_elem_write(elems[0], 0, hdr, sizeof(hdr));
    for (unsigned i = 0; i < count; i++) {
        virtqueue_fill(n->rx_vq, elems[i], lens[i], i);
    }
    virtqueue_flush(n->rx_vq, count);
    virtio_notify(vdev, n->rx_vq);
    return true;
}

static const NetFrontendOps virtio_net_frontend_ops = {
    .can_receive = virtio_net_can_receive,
    .receive = virtio_net_receive,
};

/* The driver added receive buffers. */
static void virtio_net_handle_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    net_client_flush_queue(n->nc);
}

/* ---- Transmit ------------------------------------------------------------ */

static void virtio_net_handle_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *n = VIRTIO_NET(vdev);
    VirtQueueElement *elem;

    while ((elem = virtqueue_pop(vq))) {
        size_t len;

        if (elem->out_len < VIRTIO_NET_HDR_SIZE) {
            virtio_error(vdev, "transmit buffer of %zu bytes has no header",
                         elem->out_len);
            virtqueue_elem_free(vq, elem);
            break;
        }
        len = elem->out_len - VIRTIO_NET_HDR_SIZE;
        if (len > VIRTIO_NET_MAX_FRAME) {
            log_mask_printf(LOG_GUEST_ERROR, "virtio-net: %zu-byte frame "
                            "too large, dropped\n", len);
        } else {
            virtqueue_elem_read(elem, VIRTIO_NET_HDR_SIZE, n->tx_buf, len);
        }
        /* Complete before sending: the backend may answer at once, into
         * the receive queue, and the driver sees both in order. */
        virtqueue_push(vq, elem, 0);
        if (len <= VIRTIO_NET_MAX_FRAME) {
            net_client_send(n->nc, n->tx_buf, len);
        }
    }
    virtio_notify(vdev, vq);
}

/* ---- Device -------------------------------------------------------------- */

static bool virtio_net_parse_mac(const char *s, uint8_t mac[6])
{
    unsigned v[6];
    char end;

    if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3],
               &v[4], &v[5], &end) != 6) {
        return false;
    }
    for (int i = 0; i < 6; i++) {
        mac[i] = v[i];
    }
    return !(mac[0] & 1);               /* not a multicast address */
}

static void virtio_net_device_realize(VirtIODevice *vdev, GError **errp)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    if (!n->netdev) {
        error_setg(errp, "virtio-net-device needs netdev=ID (a -netdev "
                   "user,id=ID)");
        return;
    }
    if (n->mac_str) {
        if (!virtio_net_parse_mac(n->mac_str, n->mac)) {
            error_setg(errp, "mac=%s: expected a unicast address like "
                       "52:54:00:12:34:56", n->mac_str);
            return;
        }
    } else {
        static const uint8_t base[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

        memcpy(n->mac, base, 6);
        n->mac[5] += virtio_net_count;
        /* Shown by "info qtree" and -device ...,help users. */
        n->mac_str = g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x",
                                     n->mac[0], n->mac[1], n->mac[2],
                                     n->mac[3], n->mac[4], n->mac[5]);
    }
    n->nc = net_client_new(n->netdev, &virtio_net_frontend_ops, n, errp);
    if (!n->nc) {
        return;
    }
    virtio_net_count++;
    n->tx_buf = g_malloc(VIRTIO_NET_MAX_FRAME);
    virtio_init(vdev, VIRTIO_ID_NET, VIRTIO_NET_CONFIG_SIZE);
    virtio_add_feature(&vdev->host_features, VIRTIO_NET_F_MAC);
    virtio_add_feature(&vdev->host_features, VIRTIO_NET_F_STATUS);
    virtio_add_feature(&vdev->host_features, VIRTIO_NET_F_MRG_RXBUF);
    n->rx_vq = virtio_add_queue(vdev, VIRTIO_NET_QUEUE_SIZE,
                                virtio_net_handle_rx);
    n->tx_vq = virtio_add_queue(vdev, VIRTIO_NET_QUEUE_SIZE,
                                virtio_net_handle_tx);
}

static void virtio_net_device_unrealize(VirtIODevice *vdev)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    net_client_free(n->nc);
    n->nc = NULL;
    g_free(n->tx_buf);
    n->tx_buf = NULL;
}

static const Property virtio_net_props[] = {
    PROP_NETDEV("netdev", VirtIONet, netdev),
    PROP_STRING("mac", VirtIONet, mac_str),
    PROP_END
};

static void virtio_net_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(oc);

    dc->desc = "virtio network device";
    dc->user_creatable = true;
    vdc->device_realize = virtio_net_device_realize;
    vdc->device_unrealize = virtio_net_device_unrealize;
    vdc->get_config = virtio_net_get_config;
    vdc->set_config = virtio_net_set_config;
    object_class_add_props(oc, virtio_net_props);
}

static const TypeInfo virtio_net_info = {
    .name = TYPE_VIRTIO_NET,
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIONet),
    .class_init = virtio_net_class_init,
    .description = "virtio network device (netdev=ID)",
};
TYPE_REGISTER(virtio_net_info)
