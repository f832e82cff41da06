/*
 * virtio-serial.c — the virtio console device with multiple ports
 * (VIRTIO 1.2, section 5.3) and its port devices, virtconsole and
 * virtserialport (usage in hw/virtio/virtio-serial.h).
 *
 * Device ID 3. Features offered: MULTIPORT, EMERG_WRITE (plus the core's).
 * Queues (5.3.2): 0/1 receiveq/transmitq of port 0, 2/3 control receiveq/
 * transmitq, then 4+2(n-1)/5+2(n-1) for port n >= 1. "Receive" is the
 * driver's view: the device writes into receiveq buffers.
 *
 * Configuration layout (5.3.4), little-endian:
 *   0x00 cols u16, 0x02 rows u16      0 (SIZE not offered)
 *   0x04 max_nr_ports u32             max_ports property (default 31)
 *   0x08 emerg_wr u32                 write: one character to port 0
 *
 * Control messages (5.3.6.2), 8 bytes {u32 id, u16 event, u16 value}:
 *   driver -> device: DEVICE_READY 0, PORT_READY 3, PORT_OPEN 6
 *   device -> driver: DEVICE_ADD 1, DEVICE_REMOVE 2, CONSOLE_PORT 4,
 *                     PORT_OPEN 6, PORT_NAME 7 (followed by the name)
 * Start-up: the driver sends DEVICE_READY; the device announces each port
 * with DEVICE_ADD; the driver answers PORT_READY; the device then marks
 * consoles (CONSOLE_PORT), names named ports (PORT_NAME) and tells which
 * ports have a connected host side (PORT_OPEN). Messages for the driver
 * wait in a list until it posts control receive buffers.
 *
 * A driver without MULTIPORT sees port 0 only (a console), with no
 * control queue.
 *
 * Input from a port's chardev goes into one receive buffer at a time, held
 * between the chardev asking how much it may send (can_read) and sending
 * it; output is written to the chardev as the driver queues it.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "chardev/char.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-serial.h"

#define VIRTIO_CONSOLE_F_SIZE        0
#define VIRTIO_CONSOLE_F_MULTIPORT   1
#define VIRTIO_CONSOLE_F_EMERG_WRITE 2

enum {
    VIRTIO_CONSOLE_DEVICE_READY = 0,
    VIRTIO_CONSOLE_DEVICE_ADD = 1,
    VIRTIO_CONSOLE_DEVICE_REMOVE = 2,
    VIRTIO_CONSOLE_PORT_READY = 3,
    VIRTIO_CONSOLE_CONSOLE_PORT = 4,
    VIRTIO_CONSOLE_RESIZE = 5,
    VIRTIO_CONSOLE_PORT_OPEN = 6,
    VIRTIO_CONSOLE_PORT_NAME = 7,
};

#define VIRTIO_SERIAL_CONFIG_SIZE 12
#define VIRTIO_SERIAL_QUEUE_SIZE  128
#define VIRTIO_SERIAL_CTRL_QUEUE_SIZE 32
#define VIRTIO_SERIAL_MAX_PORTS   ((VIRTIO_QUEUE_MAX - 2) / 2)
#define VIRTIO_SERIAL_AUTO_NR     UINT32_MAX
#define VIRTIO_SERIAL_CTRL_PENDING_MAX 1024

typedef struct VirtIOSerialPort VirtIOSerialPort;

typedef struct VirtIOSerial {
    VirtIODevice parent_obj;
    uint32_t max_ports;
    VirtIOSerialPort **ports;           /* [max_ports] */
    VirtQueue *c_ivq, *c_ovq;
    GQueue *ctrl_pending;               /* GBytes * for the driver */
    bool driver_ready;                  /* DEVICE_READY received */
} VirtIOSerial;

struct VirtIOSerialPort {
    DeviceState parent_obj;
    Chardev *chr;
    char *name;
    char *bus;
    uint32_t nr;
    VirtIOSerial *serial;
    bool guest_ready;                   /* PORT_READY received */
    bool guest_open;                    /* PORT_OPEN 1 received */
    bool host_open;                     /* chardev peer connected */
    VirtQueueElement *rx_elem;          /* receive buffer being filled */
};

typedef struct VirtIOSerialPortClass {
    DeviceClass parent_class;
    bool is_console;
} VirtIOSerialPortClass;

#define VIRTIO_SERIAL(obj) OBJECT_CHECK(VirtIOSerial, (obj), TYPE_VIRTIO_SERIAL)
#define VIRTIO_SERIAL_PORT(obj) \
    OBJECT_CHECK(VirtIOSerialPort, (obj), TYPE_VIRTIO_SERIAL_PORT)
#define VIRTIO_SERIAL_PORT_GET_CLASS(obj) \
    OBJECT_GET_CLASS(VirtIOSerialPortClass, (obj), TYPE_VIRTIO_SERIAL_PORT)

/* virtio-serial devices in creation order: ports attach to the last one. */
static GPtrArray *serial_devices;

static bool port_is_console(VirtIOSerialPort *port)
{
    return VIRTIO_SERIAL_PORT_GET_CLASS(port)->is_console;
}

static unsigned port_rx_queue(uint32_t nr)
{
    return nr == 0 ? 0 : 2 + 2 * nr;
}

static bool serial_multiport(VirtIOSerial *s)
{
    return virtio_vdev_has_feature(VIRTIO_DEVICE(s), VIRTIO_CONSOLE_F_MULTIPORT);
}

/* May data flow between the port and the driver? */
static bool port_guest_open(VirtIOSerialPort *port)
{
    VirtIOSerial *s = port->serial;

    if (!s || !virtio_device_ready(VIRTIO_DEVICE(s))) {
        return false;
    }
    if (!serial_multiport(s)) {
        return port->nr == 0;
    }
    return port->guest_ready && port->guest_open;
}

/* ---- Control messages to the driver -------------------------------------- */

static void ctrl_flush(VirtIOSerial *s)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(s);
    bool pushed = false;

    while (!g_queue_is_empty(s->ctrl_pending)) {
        GBytes *msg = g_queue_peek_head(s->ctrl_pending);
        VirtQueueElement *elem = virtqueue_pop(s->c_ivq);
        gsize len;
        const void *data = g_bytes_get_data(msg, &len);

        if (!elem) {
            break;
        }
        if (elem->in_len < len) {
            log_mask_printf(LOG_GUEST_ERROR, "virtio-serial: control buffer "
                            "of %zu bytes too small for a %zu-byte message\n",
                            elem->in_len, (size_t)len);
            len = elem->in_len;
        }
        virtqueue_elem_write(elem, 0, data, len);
        virtqueue_push(s->c_ivq, elem, len);
        g_bytes_unref(g_queue_pop_head(s->ctrl_pending));
        pushed = true;
    }
    if (pushed) {
        virtio_notify(vdev, s->c_ivq);
    }
}

static void ctrl_send(VirtIOSerial *s, uint32_t id, uint16_t event,
                      uint16_t value, const char *extra)
{
    size_t extra_len = extra ? strlen(extra) : 0;
    uint8_t *msg;
    uint32_t id_le = GUINT32_TO_LE(id);
    uint16_t ev_le = GUINT16_TO_LE(event), val_le = GUINT16_TO_LE(value);

    if (!serial_multiport(s) || !virtio_device_ready(VIRTIO_DEVICE(s))) {
        return;
    }
    if (g_queue_get_length(s->ctrl_pending) >= VIRTIO_SERIAL_CTRL_PENDING_MAX) {
        return;                         /* a driver that never reads them */
    }
    msg = g_malloc(8 + extra_len);
    memcpy(msg, &id_le, 4);
    memcpy(msg + 4, &ev_le, 2);
    memcpy(msg + 6, &val_le, 2);
    if (extra_len) {
        memcpy(msg + 8, extra, extra_len);
    }
    g_queue_push_tail(s->ctrl_pending, g_bytes_new_take(msg, 8 + extra_len));
    ctrl_flush(s);
}

/* ---- Port data paths ------------------------------------------------------ */

static void port_drop_rx(VirtIOSerialPort *port)
{
    if (port->rx_elem && port->serial) {
        virtqueue_elem_free(virtio_get_queue(VIRTIO_DEVICE(port->serial),
                                             port_rx_queue(port->nr)),
                            port->rx_elem);
    }
    port->rx_elem = NULL;
}

static int port_chr_can_read(void *opaque)
{
    VirtIOSerialPort *port = opaque;
    VirtQueue *vq;

    if (!port_guest_open(port)) {
        return 0;
    }
    if (!port->rx_elem) {
        vq = virtio_get_queue(VIRTIO_DEVICE(port->serial),
                              port_rx_queue(port->nr));
        port->rx_elem = virtqueue_pop(vq);
    }
    return port->rx_elem ? MIN(port->rx_elem->in_len, (size_t)INT_MAX) : 0;
}

static void port_chr_read(void *opaque, const uint8_t *buf, int len)
{
    VirtIOSerialPort *port = opaque;
    VirtIODevice *vdev;
    VirtQueue *vq;
    size_t n;

    if (!port->rx_elem || !port_guest_open(port)) {
        return;                         /* the driver went away meanwhile */
    }
    vdev = VIRTIO_DEVICE(port->serial);
    vq = virtio_get_queue(vdev, port_rx_queue(port->nr));
    n = virtqueue_elem_write(port->rx_elem, 0, buf, len);
    virtqueue_push(vq, port->rx_elem, n);
    port->rx_elem = NULL;
    virtio_notify(vdev, vq);
}

static void port_chr_event(void *opaque, ChardevEvent event)
{
    VirtIOSerialPort *port = opaque;

    if (event != CHR_EVENT_OPENED && event != CHR_EVENT_CLOSED) {
        return;
    }
    port->host_open = event == CHR_EVENT_OPENED;
    if (port->serial && port->guest_ready) {
        ctrl_send(port->serial, port->nr, VIRTIO_CONSOLE_PORT_OPEN,
                  port->host_open, NULL);
    }
}

static const CharFrontendOps port_chr_ops = {
    .can_read = port_chr_can_read,
    .read = port_chr_read,
    .event = port_chr_event,
};

static VirtIOSerialPort *serial_port_of_queue(VirtIOSerial *s, unsigned q,
                                              bool *is_rx)
{
    uint32_t nr = q < 2 ? 0 : (q - 2) / 2;

    *is_rx = (q & 1) == 0;
    return nr < s->max_ports ? s->ports[nr] : NULL;
}

/* The driver added receive buffers for a port: let its chardev send. */
static void serial_handle_port_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    bool is_rx;
    VirtIOSerialPort *port = serial_port_of_queue(VIRTIO_SERIAL(vdev),
                                                  virtio_queue_index(vq),
                                                  &is_rx);

    if (port && port->chr) {
        chardev_accept_input(port->chr);
    }
}

/* The driver queued output on a port. */
static void serial_handle_port_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    bool is_rx;
    VirtIOSerialPort *port = serial_port_of_queue(VIRTIO_SERIAL(vdev),
                                                  virtio_queue_index(vq),
                                                  &is_rx);
    VirtQueueElement *elem;

    while ((elem = virtqueue_pop(vq))) {
        if (port && port->chr) {
            for (unsigned i = 0; i < elem->out_num; i++) {
                chardev_write(port->chr, elem->out[i].host, elem->out[i].len);
            }
        }
        virtqueue_push(vq, elem, 0);
    }
    virtio_notify(vdev, vq);
}

/* ---- Control messages from the driver ------------------------------------- */

static void serial_port_announce(VirtIOSerial *s, VirtIOSerialPort *port)
{
    ctrl_send(s, port->nr, VIRTIO_CONSOLE_DEVICE_ADD, 1, NULL);
}

static void serial_handle_ctrl(VirtIOSerial *s, uint32_t id, uint16_t event,
                               uint16_t value)
{
    VirtIOSerialPort *port = id < s->max_ports ? s->ports[id] : NULL;

    switch (event) {
    case VIRTIO_CONSOLE_DEVICE_READY:
        if (!value) {
            log_mask_printf(LOG_GUEST_ERROR, "virtio-serial: driver failed "
                            "to initialize\n");
            return;
        }
        s->driver_ready = true;
        for (uint32_t i = 0; i < s->max_ports; i++) {
            if (s->ports[i]) {
                serial_port_announce(s, s->ports[i]);
            }
        }
        return;
    case VIRTIO_CONSOLE_PORT_READY:
        if (!port) {
            log_mask_printf(LOG_GUEST_ERROR, "virtio-serial: PORT_READY for "
                            "port %u that does not exist\n", id);
            return;
        }
        if (!value) {
            log_mask_printf(LOG_GUEST_ERROR, "virtio-serial: driver failed "
                            "to add port %u\n", id);
            return;
        }
        port->guest_ready = true;
        if (port_is_console(port)) {
            ctrl_send(s, id, VIRTIO_CONSOLE_CONSOLE_PORT, 1, NULL);
        }
        if (port->name) {
            ctrl_send(s, id, VIRTIO_CONSOLE_PORT_NAME, 1, port->name);
        }
        if (port->host_open || port_is_console(port)) {
            ctrl_send(s, id, VIRTIO_CONSOLE_PORT_OPEN, 1, NULL);
        }
        return;
    case VIRTIO_CONSOLE_PORT_OPEN:
        if (!port) {
            log_mask_printf(LOG_GUEST_ERROR, "virtio-serial: PORT_OPEN for "
                            "port %u that does not exist\n", id);
            return;
        }
        port->guest_open = value != 0;
        if (!port->guest_open) {
            port_drop_rx(port);
        } else if (port->chr) {
            chardev_accept_input(port->chr);
        }
        return;
    default:
        log_mask_printf(LOG_GUEST_ERROR, "virtio-serial: unexpected control "
                        "event %u from the driver\n", event);
        return;
    }
}

static void serial_handle_ctrl_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOSerial *s = VIRTIO_SERIAL(vdev);
    VirtQueueElement *elem;

    while ((elem = virtqueue_pop(vq))) {
        uint8_t msg[8];
        uint32_t id;
        uint16_t event, value;

        if (virtqueue_elem_read(elem, 0, msg, sizeof(msg)) < sizeof(msg)) {
            log_mask_printf(LOG_GUEST_ERROR, "virtio-serial: control message "
                            "of %zu bytes\n", elem->out_len);
            virtqueue_push(vq, elem, 0);
            continue;
        }
        virtqueue_push(vq, elem, 0);
        memcpy(&id, msg, 4);
        memcpy(&event, msg + 4, 2);
        memcpy(&value, msg + 6, 2);
        serial_handle_ctrl(s, GUINT32_FROM_LE(id), GUINT16_FROM_LE(event),
                           GUINT16_FROM_LE(value));
    }
    virtio_notify(vdev, vq);
}

/* The driver posted control receive buffers. */
static void serial_handle_ctrl_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    ctrl_flush(VIRTIO_SERIAL(vdev));
}

/* ---- The device ------------------------------------------------------------ */

static void serial_get_config(VirtIODevice *vdev, uint8_t *config)
{
    VirtIOSerial *s = VIRTIO_SERIAL(vdev);
    uint32_t max = GUINT32_TO_LE(s->max_ports);

    memset(config, 0, VIRTIO_SERIAL_CONFIG_SIZE);
    memcpy(config + 4, &max, 4);
}

static void serial_set_config(VirtIODevice *vdev, const uint8_t *config,
                              unsigned offset, unsigned size)
{
    VirtIOSerial *s = VIRTIO_SERIAL(vdev);
    VirtIOSerialPort *port = s->ports[0];

    /* 5.3.4: a write to emerg_wr prints one character, even before the
     * driver is fully up. */
    if (offset == 8 && port && port->chr &&
        virtio_vdev_has_feature(vdev, VIRTIO_CONSOLE_F_EMERG_WRITE)) {
        uint8_t c = config[8];

        chardev_write(port->chr, &c, 1);
    }
}

static void serial_set_status(VirtIODevice *vdev, uint8_t status)
{
    VirtIOSerial *s = VIRTIO_SERIAL(vdev);

    /* Without MULTIPORT, port 0 is live as soon as the driver is. */
    if (virtio_device_ready(vdev) && s->ports[0] && s->ports[0]->chr) {
        chardev_accept_input(s->ports[0]->chr);
    }
}

static void serial_reset(VirtIODevice *vdev)
{
    VirtIOSerial *s = VIRTIO_SERIAL(vdev);

    for (uint32_t i = 0; s->ports && i < s->max_ports; i++) {
        VirtIOSerialPort *port = s->ports[i];

        if (port) {
            port_drop_rx(port);
            port->guest_ready = false;
            port->guest_open = false;
        }
    }
    if (s->ctrl_pending) {
        g_queue_clear_full(s->ctrl_pending, (GDestroyNotify)g_bytes_unref);
    }
    s->driver_ready = false;
}

static void serial_device_realize(VirtIODevice *vdev, GError **errp)
{
    VirtIOSerial *s = VIRTIO_SERIAL(vdev);

    if (s->max_ports < 1 || s->max_ports > VIRTIO_SERIAL_MAX_PORTS) {
        error_setg(errp, "max_ports=%u: must be 1..%u", s->max_ports,
                   VIRTIO_SERIAL_MAX_PORTS);
        return;
    }
    virtio_init(vdev, VIRTIO_ID_CONSOLE, VIRTIO_SERIAL_CONFIG_SIZE);
    virtio_add_feature(&vdev->host_features, VIRTIO_CONSOLE_F_MULTIPORT);
    virtio_add_feature(&vdev->host_features, VIRTIO_CONSOLE_F_EMERG_WRITE);
    s->ports = g_new0(VirtIOSerialPort *, s->max_ports);
    s->ctrl_pending = g_queue_new();
    for (uint32_t i = 0; i < s->max_ports; i++) {
        virtio_add_queue(vdev, VIRTIO_SERIAL_QUEUE_SIZE, serial_handle_port_rx);
        virtio_add_queue(vdev, VIRTIO_SERIAL_QUEUE_SIZE, serial_handle_port_tx);
        if (i == 0) {
            s->c_ivq = virtio_add_queue(vdev, VIRTIO_SERIAL_CTRL_QUEUE_SIZE,
                                        serial_handle_ctrl_rx);
            s->c_ovq = virtio_add_queue(vdev, VIRTIO_SERIAL_CTRL_QUEUE_SIZE,
                                        serial_handle_ctrl_tx);
        }
    }
    if (!serial_devices) {
        serial_devices = g_ptr_array_new();
    }
    g_ptr_array_add(serial_devices, s);
}

static void serial_device_unrealize(VirtIODevice *vdev)
{
    VirtIOSerial *s = VIRTIO_SERIAL(vdev);

    for (uint32_t i = 0; s->ports && i < s->max_ports; i++) {
        if (s->ports[i]) {
            s->ports[i]->rx_elem = NULL;    /* freed by the reset before */
            s->ports[i]->serial = NULL;
        }
    }
    g_free(s->ports);
    s->ports = NULL;
    if (s->ctrl_pending) {
        g_queue_free_full(s->ctrl_pending, (GDestroyNotify)g_bytes_unref);
        s->ctrl_pending = NULL;
    }
    if (serial_devices) {
        g_ptr_array_remove(serial_devices, s);
    }
}

static const Property serial_props[] = {
    PROP_UINT32("max_ports", VirtIOSerial, max_ports, 31),
    PROP_END
};

static void serial_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(oc);

    dc->desc = "virtio console with ports (add -device virtconsole)";
    dc->user_creatable = true;
    vdc->device_realize = serial_device_realize;
    vdc->device_unrealize = serial_device_unrealize;
    vdc->get_config = serial_get_config;
    vdc->set_config = serial_set_config;
    vdc->set_status = serial_set_status;
    vdc->reset = serial_reset;
    object_class_add_props(oc, serial_props);
}

static const TypeInfo serial_info = {
    .name = TYPE_VIRTIO_SERIAL,
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIOSerial),
    .class_init = serial_class_init,
    .description = "virtio console/serial device (ports: virtconsole, "
                   "virtserialport)",
};
TYPE_REGISTER(serial_info)

/* ---- Ports ----------------------------------------------------------------- */

static VirtIOSerial *port_find_serial(VirtIOSerialPort *port, GError **errp)
{
    if (port->bus && *port->bus) {
        g_autofree char *id = g_strdup(port->bus);
        char *dot = strrchr(id, '.');
        DeviceState *dev;

        if (dot && !strcmp(dot, ".0")) {
            *dot = '\0';
        }
        dev = device_find_by_id(id);
        if (!dev || !object_dynamic_cast(OBJECT(dev), TYPE_VIRTIO_SERIAL) ||
            !dev->realized) {
            error_setg(errp, "bus=%s: no virtio-serial-device with that id",
                       port->bus);
            return NULL;
        }
        return VIRTIO_SERIAL(dev);
    }
    if (!serial_devices || !serial_devices->len) {
        error_setg(errp, "%s needs a -device virtio-serial-device before it",
                   object_get_typename(OBJECT(port)));
        return NULL;
    }
    return g_ptr_array_index(serial_devices, serial_devices->len - 1);
}

static void port_realize(DeviceState *dev, GError **errp)
{
    VirtIOSerialPort *port = VIRTIO_SERIAL_PORT(dev);
    VirtIOSerial *s = port_find_serial(port, errp);
    bool console = port_is_console(port);
    uint32_t nr = port->nr;

    if (!s) {
        return;
    }
    if (nr == VIRTIO_SERIAL_AUTO_NR) {
        /* Port 0 is the console's place. */
        for (nr = console ? 0 : 1; nr < s->max_ports && s->ports[nr]; nr++) {
        }
        if (nr >= s->max_ports) {
            error_setg(errp, "virtio-serial-device has no free port (max_ports="
                       "%u)", s->max_ports);
            return;
        }
    } else if (nr >= s->max_ports) {
        error_setg(errp, "nr=%u: the virtio-serial-device has ports 0..%u",
                   nr, s->max_ports - 1);
        return;
    } else if (nr == 0 && !console) {
        error_setg(errp, "nr=0: port 0 is reserved for a virtconsole");
        return;
    } else if (s->ports[nr]) {
        error_setg(errp, "nr=%u: port already in use", nr);
        return;
    }
    if (port->name && strchr(port->name, '/')) {
        error_setg(errp, "name=%s: a port name cannot contain '/'", port->name);
        return;
    }
    port->nr = nr;
    port->serial = s;
    s->ports[nr] = port;
    if (port->chr && !chardev_attach(port->chr, &port_chr_ops, port, errp)) {
        s->ports[nr] = NULL;
        port->serial = NULL;
        return;
    }
    if (s->driver_ready) {
        serial_port_announce(s, port);  /* hot-plugged */
    }
}

static void port_unrealize(DeviceState *dev)
{
    VirtIOSerialPort *port = VIRTIO_SERIAL_PORT(dev);
    VirtIOSerial *s = port->serial;

    if (port->chr) {
        chardev_detach(port->chr);
    }
    port_drop_rx(port);
    if (s) {
        if (s->driver_ready) {
            ctrl_send(s, port->nr, VIRTIO_CONSOLE_DEVICE_REMOVE, 1, NULL);
        }
        s->ports[port->nr] = NULL;
        port->serial = NULL;
    }
}

static const Property port_props[] = {
    PROP_CHARDEV("chardev", VirtIOSerialPort, chr),
    PROP_STRING("name", VirtIOSerialPort, name),
    PROP_STRING("bus", VirtIOSerialPort, bus),
    PROP_UINT32("nr", VirtIOSerialPort, nr, VIRTIO_SERIAL_AUTO_NR),
    PROP_END
};

static void port_print_info(DeviceState *dev, GString *out, int indent)
{
    VirtIOSerialPort *port = VIRTIO_SERIAL_PORT(dev);

    if (port->serial) {
        g_string_append_printf(out, "%*sport %u%s%s\n", indent, "", port->nr,
                               port->guest_open ? ", open in the guest" : "",
                               port->host_open ? ", host connected" : "");
    }
}

static void port_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->realize = port_realize;
    dc->unrealize = port_unrealize;
    dc->print_info = port_print_info;
    object_class_add_props(oc, port_props);
}

static const TypeInfo port_info = {
    .name = TYPE_VIRTIO_SERIAL_PORT,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(VirtIOSerialPort),
    .class_size = sizeof(VirtIOSerialPortClass),
    .abstract = true,
    .class_init = port_class_init,
};
TYPE_REGISTER(port_info)

static void virtconsole_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "virtio console port (the guest's hvc0)";
    dc->user_creatable = true;
    ((VirtIOSerialPortClass *)oc)->is_console = true;
}

static const TypeInfo virtconsole_info = {
    .name = TYPE_VIRTCONSOLE,
    .parent = TYPE_VIRTIO_SERIAL_PORT,
    .class_init = virtconsole_class_init,
    .description = "virtio console port (chardev=ID)",
};
TYPE_REGISTER(virtconsole_info)

static void virtserialport_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "virtio serial port (a named channel)";
    dc->user_creatable = true;
}

static const TypeInfo virtserialport_info = {
    .name = TYPE_VIRTSERIALPORT,
    .parent = TYPE_VIRTIO_SERIAL_PORT,
    .class_init = virtserialport_class_init,
    .description = "virtio serial port (chardev=ID,name=NAME)",
};
TYPE_REGISTER(virtserialport_info)
