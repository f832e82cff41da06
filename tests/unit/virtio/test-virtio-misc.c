/*
 * test-virtio-misc.c — virtio-rng and virtio-serial (virtconsole and
 * virtserialport on socket and null chardevs), driven through MMIO and
 * guest RAM as a driver would: the multiport control protocol, console
 * output and input, the emergency write register, and a driver without
 * the multiport feature.
 */
#include "vdrv.h"
#include "util/error.h"
#include "util/log.h"
#include "util/main-loop.h"
#include "util/timer.h"
#include "chardev/char.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-mmio.h"
#include "hw/virtio/virtio-serial.h"

#include <glib/gstdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#define F_MULTIPORT   (1ULL << 1)
#define F_EMERG_WRITE (1ULL << 2)

static char *sock_path;

static DeviceState *create_dev(const char *opts)
{
    GError *err = NULL;
    DeviceState *dev = device_create_from_opts(opts, NULL, &err);

    g_assert_no_error(err);
    g_assert_nonnull(dev);
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
    g_assert_not_reached();
}

/* ---- virtio-rng ----------------------------------------------------------- */

static void test_rng(void)
{
    DeviceState *dev = create_dev("virtio-rng-device");
    VDrv d;
    hwaddr a, b;
    uint8_t ba[256], bb[256], zero[256] = { 0 };
    uint32_t id, len;

    vdrv_free_all();
    g_assert_cmpuint(vdrv_mmio_read(VDRV_MMIO_BASE + transport_of(dev) * 0x200
                                    + 8, 4), ==, 4);
    g_assert_true(vdrv_init(&d, transport_of(dev), ~0ULL));
    vdrv_setup_queue(&d, 0, 8);
    vdrv_driver_ok(&d);
    a = vdrv_alloc(256, 8);
    b = vdrv_alloc(256, 8);
    vdrv_memwrite(a, zero, 256);
    vdrv_memwrite(b, zero, 256);
    /* Two buffers, the second in two pieces. */
    vdrv_add_chain(&d, 0, (VDrvBuf[]){ { a, 256, true } }, 1, false);
    vdrv_add_chain(&d, 0, (VDrvBuf[]){ { b, 100, true }, { b + 100, 156, true } },
                   2, false);
    vdrv_notify(&d, 0);
    g_assert_true(vdrv_get_used(&d, 0, &id, &len));
    g_assert_cmpuint(len, ==, 256);
    g_assert_true(vdrv_get_used(&d, 0, &id, &len));
    g_assert_cmpuint(len, ==, 256);
    g_assert_false(vdrv_get_used(&d, 0, &id, &len));
    g_assert_cmpint(vdrv_irq_level(d.transport), ==, 1);
    vdrv_memread(a, ba, 256);
    vdrv_memread(b, bb, 256);
    /* Random bytes: not zero, not the same twice (2^-2048 odds). */
    g_assert_true(memcmp(ba, zero, 256) != 0);
    g_assert_true(memcmp(bb + 100, zero, 156) != 0);
    g_assert_true(memcmp(ba, bb, 256) != 0);
    /* A device-readable buffer is returned with nothing written. */
    vdrv_add_chain(&d, 0, (VDrvBuf[]){ { a, 16, false } }, 1, false);
    vdrv_notify(&d, 0);
    g_assert_true(vdrv_get_used(&d, 0, &id, &len));
    g_assert_cmpuint(len, ==, 0);
    destroy_dev(dev);
}

/* A device can be put in a chosen slot before realize; without a transport
 * at all, realize fails. */
static void test_plug_choices(void)
{
    DeviceState *dev = device_new("virtio-rng-device");
    GError *err = NULL;

    object_add_child(object_container_get(NULL, "/machine/peripheral-anon"),
                     "device[*]", OBJECT(dev));
    object_unref(OBJECT(dev));
    g_assert_true(virtio_mmio_plug_into(vdrv_transport(2), dev, &err));
    /* Not realized yet: the slot looks empty to a driver. */
    g_assert_cmpuint(vdrv_mmio_read(VDRV_MMIO_BASE + 2 * 0x200 + 8, 4), ==, 0);
    g_assert_true(device_realize(dev, &err));
    g_assert_no_error(err);
    g_assert_cmpint(transport_of(dev), ==, 2);
    g_assert_cmpuint(vdrv_mmio_read(VDRV_MMIO_BASE + 2 * 0x200 + 8, 4), ==, 4);
    /* A busy slot refuses a second device. */
    g_assert_false(virtio_mmio_plug_into(vdrv_transport(2), dev, &err));
    g_clear_error(&err);
    destroy_dev(dev);
    g_assert_cmpuint(vdrv_mmio_read(VDRV_MMIO_BASE + 2 * 0x200 + 8, 4), ==, 0);

    virtio_set_default_plug(NULL);
    g_assert_null(device_create_from_opts("virtio-rng-device", NULL, &err));
    g_assert_nonnull(strstr(err->message, "no virtio transport"));
    g_clear_error(&err);
    virtio_set_default_plug(virtio_mmio_plug);
}

/* ---- virtio-serial -------------------------------------------------------- */

/* Queue numbers (5.3.2). */
#define Q_RX0   0
#define Q_TX0   1
#define Q_CRX   2
#define Q_CTX   3
#define Q_RX1   4
#define Q_TX1   5

enum { DEVICE_READY = 0, DEVICE_ADD = 1, DEVICE_REMOVE = 2, PORT_READY = 3,
       CONSOLE_PORT = 4, PORT_OPEN = 6, PORT_NAME = 7 };

typedef struct Serial {
    DeviceState *dev, *console, *port;
    VDrv d;
    hwaddr ctrl_rx[8], rx0[4], rx1[4], tx;
    int client;                         /* our end of the console chardev */
} Serial;

typedef struct Ctrl {
    uint32_t id;
    uint16_t event, value;
    char name[64];
} Ctrl;

static bool next_ctrl(Serial *s, Ctrl *c)
{
    uint32_t id, len;
    uint8_t buf[80] = { 0 };

    if (!vdrv_get_used(&s->d, Q_CRX, &id, &len)) {
        return false;
    }
    g_assert_cmpuint(len, >=, 8);
    g_assert_cmpuint(len, <=, 64);
    vdrv_memread(s->ctrl_rx[id], buf, len);
    memcpy(&c->id, buf, 4);
    memcpy(&c->event, buf + 4, 2);
    memcpy(&c->value, buf + 6, 2);
    c->id = GUINT32_FROM_LE(c->id);
    c->event = GUINT16_FROM_LE(c->event);
    c->value = GUINT16_FROM_LE(c->value);
    memset(c->name, 0, sizeof(c->name));
    memcpy(c->name, buf + 8, len - 8);
    /* Give the buffer back, as the driver does. */
    vdrv_add_chain(&s->d, Q_CRX, (VDrvBuf[]){ { s->ctrl_rx[id], 64, true } },
                   1, false);
    vdrv_notify(&s->d, Q_CRX);
    return true;
}

static void expect_ctrl(Serial *s, uint32_t id, uint16_t event, uint16_t value)
{
    Ctrl c;

    g_assert_true(next_ctrl(s, &c));
    g_assert_cmpuint(c.id, ==, id);
    g_assert_cmpuint(c.event, ==, event);
    g_assert_cmpuint(c.value, ==, value);
}

static void send_ctrl(Serial *s, uint32_t id, uint16_t event, uint16_t value)
{
    uint8_t msg[8];
    uint32_t i = GUINT32_TO_LE(id), uid, len;
    uint16_t e = GUINT16_TO_LE(event), v = GUINT16_TO_LE(value);

    memcpy(msg, &i, 4);
    memcpy(msg + 4, &e, 2);
    memcpy(msg + 6, &v, 2);
    vdrv_memwrite(s->tx, msg, 8);
    vdrv_add_chain(&s->d, Q_CTX, (VDrvBuf[]){ { s->tx, 8, false } }, 1, false);
    vdrv_notify(&s->d, Q_CTX);
    g_assert_true(vdrv_get_used(&s->d, Q_CTX, &uid, &len));
}

static void pump(int times)
{
    for (int i = 0; i < times; i++) {
        main_loop_wait(false, 5 * 1000 * 1000);
    }
}

static int connect_client(void)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_strlcpy(sa.sun_path, sock_path, sizeof(sa.sun_path));
    g_assert_cmpint(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    return fd;
}

/* Reads what the client got, pumping the main loop, until want bytes. */
static size_t client_read(int fd, char *buf, size_t want)
{
    size_t got = 0;
    int64_t end = clock_get_ns(CLOCK_RT) + 2 * NANOSECONDS_PER_SECOND;

    while (got < want && clock_get_ns(CLOCK_RT) < end) {
        ssize_t n = read(fd, buf + got, want - got);

        if (n > 0) {
            got += n;
        } else {
            pump(1);
        }
    }
    return got;
}

static void serial_start(Serial *s, uint64_t features)
{
    uint64_t q_needed = (features & F_MULTIPORT) ? 6 : 2;

    vdrv_free_all();
    s->dev = create_dev("virtio-serial-device,id=vser0,max_ports=4");
    s->console = create_dev("virtconsole,chardev=con0");
    s->port = create_dev("virtserialport,chardev=nul0,name=org.turtle.test,"
                         "bus=vser0.0");
    s->client = connect_client();
    pump(3);                            /* the server accepts the client */
    g_assert_true(chardev_is_connected(chardev_find("con0")));

    g_assert_true(vdrv_init(&s->d, transport_of(s->dev), features));
    for (unsigned q = 0; q < q_needed; q++) {
        vdrv_setup_queue(&s->d, q, 8);
    }
    s->tx = vdrv_alloc(256, 8);
    if (q_needed > 2) {
        for (int i = 0; i < 8; i++) {
            s->ctrl_rx[i] = vdrv_alloc(64, 8);
            vdrv_add_chain(&s->d, Q_CRX,
                           (VDrvBuf[]){ { s->ctrl_rx[i], 64, true } }, 1, false);
        }
        for (int i = 0; i < 4; i++) {
            s->rx1[i] = vdrv_alloc(64, 8);
            vdrv_add_chain(&s->d, Q_RX1, (VDrvBuf[]){ { s->rx1[i], 64, true } },
                           1, false);
        }
    }
    for (int i = 0; i < 4; i++) {
        s->rx0[i] = vdrv_alloc(64, 8);
        vdrv_add_chain(&s->d, Q_RX0, (VDrvBuf[]){ { s->rx0[i], 64, true } },
                       1, false);
    }
    vdrv_driver_ok(&s->d);
}

static void serial_stop(Serial *s)
{
    close(s->client);
    pump(3);
    destroy_dev(s->port);
    destroy_dev(s->console);
    destroy_dev(s->dev);
}

static void console_write(Serial *s, const char *text)
{
    uint32_t id, len;

    vdrv_memwrite(s->tx, text, strlen(text));
    vdrv_add_chain(&s->d, Q_TX0, (VDrvBuf[]){ { s->tx, strlen(text), false } },
                   1, false);
    vdrv_notify(&s->d, Q_TX0);
    g_assert_true(vdrv_get_used(&s->d, Q_TX0, &id, &len));
}

/* Waits for typed input to land in a console receive buffer. */
static void expect_console_input(Serial *s, const char *text)
{
    uint32_t id = 0, len = 0;
    char buf[65] = { 0 };
    int64_t end = clock_get_ns(CLOCK_RT) + 2 * NANOSECONDS_PER_SECOND;
    bool got = false;

    g_assert_cmpint(write(s->client, text, strlen(text)), ==, strlen(text));
    while (!(got = vdrv_get_used(&s->d, Q_RX0, &id, &len)) &&
           clock_get_ns(CLOCK_RT) < end) {
        pump(1);
    }
    g_assert_true(got);
    vdrv_memread(s->rx0[id], buf, len);
    g_assert_cmpstr(buf, ==, text);
}

static void test_serial_multiport(void)
{
    Serial s;
    Ctrl c;
    char buf[64] = { 0 };

    serial_start(&s, ~0ULL);
    g_assert_true(s.d.features & F_MULTIPORT);
    g_assert_cmpuint(vdrv_mmio_read(s.d.base + 0x008, 4), ==, 3);
    g_assert_cmpuint(vdrv_mmio_read(s.d.base + 0x104, 4), ==, 4);   /* max_nr_ports */
    /* Nothing is said before the driver is ready. */
    g_assert_false(next_ctrl(&s, &c));

    send_ctrl(&s, 0, DEVICE_READY, 1);
    expect_ctrl(&s, 0, DEVICE_ADD, 1);
    expect_ctrl(&s, 1, DEVICE_ADD, 1);
    g_assert_false(next_ctrl(&s, &c));

    send_ctrl(&s, 0, PORT_READY, 1);
    expect_ctrl(&s, 0, CONSOLE_PORT, 1);
    expect_ctrl(&s, 0, PORT_OPEN, 1);
    send_ctrl(&s, 1, PORT_READY, 1);
    g_assert_true(next_ctrl(&s, &c));
    g_assert_cmpuint(c.id, ==, 1);
    g_assert_cmpuint(c.event, ==, PORT_NAME);
    g_assert_cmpstr(c.name, ==, "org.turtle.test");
    expect_ctrl(&s, 1, PORT_OPEN, 1);           /* null chardev: connected */
    g_assert_false(next_ctrl(&s, &c));
    /* PORT_READY for a port that does not exist is ignored. */
    send_ctrl(&s, 3, PORT_READY, 1);
    g_assert_false(next_ctrl(&s, &c));

    /* Output before the guest opened the port still goes out (the console
     * writes early); input waits until it is open. */
    console_write(&s, "hello hvc0\n");
    g_assert_cmpuint(client_read(s.client, buf, 11), ==, 11);
    g_assert_cmpstr(buf, ==, "hello hvc0\n");
    send_ctrl(&s, 0, PORT_OPEN, 1);
    expect_console_input(&s, "typed");
    g_assert_cmpint(vdrv_irq_level(s.d.transport), ==, 1);

    /* The emergency write register prints one character. */
    vdrv_mmio_write(s.d.base + 0x108, '!', 4);
    memset(buf, 0, sizeof(buf));
    g_assert_cmpuint(client_read(s.client, buf, 1), ==, 1);
    g_assert_cmpstr(buf, ==, "!");

    /* The host side closing is announced; reconnecting too. */
    close(s.client);
    pump(3);
    expect_ctrl(&s, 0, PORT_OPEN, 0);
    s.client = connect_client();
    pump(3);
    expect_ctrl(&s, 0, PORT_OPEN, 1);

    /* A port added while the driver runs is announced, and its removal. */
    {
        DeviceState *p2 = create_dev("virtserialport,chardev=nul1,nr=3");

        expect_ctrl(&s, 3, DEVICE_ADD, 1);
        destroy_dev(p2);
        expect_ctrl(&s, 3, DEVICE_REMOVE, 1);
    }
    serial_stop(&s);
}

static void test_serial_single_port(void)
{
    Serial s;
    char buf[64] = { 0 };

    serial_start(&s, ~F_MULTIPORT);
    console_write(&s, "legacy");
    g_assert_cmpuint(client_read(s.client, buf, 6), ==, 6);
    g_assert_cmpstr(buf, ==, "legacy");
    expect_console_input(&s, "keys");
    serial_stop(&s);
}

static void test_serial_port_errors(void)
{
    GError *err = NULL;
    DeviceState *ser;

    /* No virtio-serial-device yet. */
    g_assert_null(device_create_from_opts("virtconsole,chardev=nul1", NULL, &err));
    g_assert_nonnull(strstr(err->message, "virtio-serial-device"));
    g_clear_error(&err);
    ser = create_dev("virtio-serial-device,max_ports=2");
    g_assert_null(device_create_from_opts("virtserialport,nr=0", NULL, &err));
    g_assert_nonnull(strstr(err->message, "reserved"));
    g_clear_error(&err);
    g_assert_null(device_create_from_opts("virtserialport,nr=2", NULL, &err));
    g_clear_error(&err);
    g_assert_null(device_create_from_opts("virtserialport,bus=nope", NULL, &err));
    g_clear_error(&err);
    g_assert_null(device_create_from_opts("virtio-serial-device,max_ports=40",
                                          NULL, &err));
    g_clear_error(&err);
    {
        DeviceState *p = create_dev("virtserialport");

        g_assert_null(device_create_from_opts("virtserialport", NULL, &err));
        g_assert_nonnull(strstr(err->message, "no free port"));
        g_clear_error(&err);
        destroy_dev(p);
    }
    destroy_dev(ser);
}

int main(int argc, char **argv)
{
    g_autofree char *dir = g_dir_make_tmp("turtle-virtio-XXXXXX", NULL);
    g_autofree char *spec = NULL;
    GError *err = NULL;
    int ret;

    g_test_init(&argc, &argv, NULL);
    log_set_mask(LOG_GUEST_ERROR);
    vdrv_machine_init();
    sock_path = g_build_filename(dir, "con.sock", NULL);
    spec = g_strdup_printf("socket,id=con0,path=%s,server=on,wait=off", sock_path);
    g_assert_nonnull(chardev_new_from_opts(spec, &err));
    g_assert_nonnull(chardev_new_from_opts("null,id=nul0", &err));
    g_assert_nonnull(chardev_new_from_opts("null,id=nul1", &err));
    g_assert_no_error(err);

    g_test_add_func("/virtio/rng/fill", test_rng);
    g_test_add_func("/virtio/rng/plug-choices", test_plug_choices);
    g_test_add_func("/virtio/serial/multiport", test_serial_multiport);
    g_test_add_func("/virtio/serial/single-port", test_serial_single_port);
    g_test_add_func("/virtio/serial/port-errors", test_serial_port_errors);
    ret = g_test_run();
    chardev_cleanup_all();
    g_rmdir(dir);
    g_free(sock_path);
    return ret;
}
