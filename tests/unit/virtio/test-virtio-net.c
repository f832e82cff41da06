/*
 * test-virtio-net.c — virtio-net on the user network stack, driven as a
 * guest driver would: ARP, DHCP and ICMP echo answered by the stack,
 * mergeable receive buffers, frames held while the guest has no receive
 * buffers, a host-forwarded TCP connection reaching the guest through the
 * main loop, and the -netdev user option parser.
 */
#include "vdrv.h"
#include "util/error.h"
#include "util/log.h"
#include "util/main-loop.h"
#include "util/timer.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-mmio.h"
#include "net/net.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <fcntl.h>

#define F_MRG_RXBUF (1ULL << 15)
#define HDR 12
#define RXQ 0
#define TXQ 1
#define QSIZE 32

static const uint8_t guest_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static int fwd_port;

typedef struct Nic {
    DeviceState *dev;
    VDrv d;
    hwaddr rx_addr[QSIZE];              /* buffer of each receive head */
    hwaddr tx_buf;
} Nic;

static DeviceState *create_nic(const char *netdev, const char *mac)
{
    Object *parent = object_container_get(NULL, "/machine/peripheral-anon");
    DeviceState *dev = device_new("virtio-net-device");
    GError *err = NULL;

    object_add_child(parent, "device[*]", OBJECT(dev));
    object_unref(OBJECT(dev));
    g_assert_true(object_property_set_str(OBJECT(dev), "netdev", netdev, &err));
    if (mac) {
        g_assert_true(object_property_set_str(OBJECT(dev), "mac", mac, &err));
    }
    g_assert_true(device_realize(dev, &err));
    g_assert_no_error(err);
    return dev;
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

static void post_rx(Nic *k, int count, uint32_t size)
{
    for (int i = 0; i < count; i++) {
        hwaddr buf = vdrv_alloc(size, 8);
        uint16_t head = vdrv_add_chain(&k->d, RXQ,
                                       (VDrvBuf[]){ { buf, size, true } }, 1,
                                       false);

        k->rx_addr[head] = buf;
    }
    vdrv_notify(&k->d, RXQ);
}

static void nic_start(Nic *k, const char *netdev, uint64_t features,
                      int rx_bufs, uint32_t rx_size)
{
    vdrv_free_all();
    memset(k, 0, sizeof(*k));
    k->dev = create_nic(netdev, NULL);
    g_assert_true(vdrv_init(&k->d, transport_of(k->dev), features));
    vdrv_setup_queue(&k->d, RXQ, QSIZE);
    vdrv_setup_queue(&k->d, TXQ, QSIZE);
    vdrv_driver_ok(&k->d);
    k->tx_buf = vdrv_alloc(2048, 8);
    post_rx(k, rx_bufs, rx_size);
}

static void nic_stop(Nic *k)
{
    object_remove_child(OBJECT(k->dev)->parent, OBJECT(k->dev));
}

static void send_frame(Nic *k, const uint8_t *frame, size_t len)
{
    uint8_t hdr[HDR] = { 0 };
    uint32_t id, used;

    vdrv_memwrite(k->tx_buf, hdr, HDR);
    vdrv_memwrite(k->tx_buf + HDR, frame, len);
    vdrv_add_chain(&k->d, TXQ, (VDrvBuf[]){ { k->tx_buf, HDR + len, false } },
                   1, false);
    vdrv_notify(&k->d, TXQ);
    g_assert_true(vdrv_get_used(&k->d, TXQ, &id, &used));
    g_assert_cmpuint(used, ==, 0);
}

/* Takes the next received frame (without the header); false if none. Frames
 * spread over several buffers (MRG_RXBUF) are joined; *nbufs gets
 * num_buffers. */
static bool recv_frame(Nic *k, uint8_t *frame, size_t *len, unsigned *nbufs)
{
    uint32_t id, used;
    uint8_t buf[4096];
    size_t total = 0;
    uint16_t n;

    if (!vdrv_get_used(&k->d, RXQ, &id, &used)) {
        return false;
    }
    g_assert_cmpuint(used, >=, HDR);
    vdrv_memread(k->rx_addr[id], buf, used);
    memcpy(&n, buf + 10, 2);
    n = GUINT16_FROM_LE(n);
    g_assert_cmpuint(n, >=, 1);
    memcpy(frame, buf + HDR, used - HDR);
    total = used - HDR;
    for (unsigned i = 1; i < n; i++) {
        g_assert_true(vdrv_get_used(&k->d, RXQ, &id, &used));
        vdrv_memread(k->rx_addr[id], frame + total, used);
        total += used;
    }
    *len = total;
    if (nbufs) {
        *nbufs = n;
    }
    return true;
}

/* Receives frames until one of the given ethertype, pumping the main loop
 * for up to two seconds. */
static bool wait_frame(Nic *k, uint16_t ethertype, uint8_t *frame,
                       size_t *len)
{
    int64_t end = clock_get_ns(CLOCK_RT) + 2 * NANOSECONDS_PER_SECOND;

    do {
        while (recv_frame(k, frame, len, NULL)) {
            if (*len >= 14 && ((frame[12] << 8) | frame[13]) == ethertype) {
                return true;
            }
        }
        main_loop_wait(false, 10 * 1000 * 1000);
    } while (clock_get_ns(CLOCK_RT) < end);
    return false;
}

/* ---- Frame builders ------------------------------------------------------ */

static uint16_t csum(const uint8_t *p, size_t len, uint32_t sum)
{
    for (size_t i = 0; i + 1 < len; i += 2) {
        sum += (p[i] << 8) | p[i + 1];
    }
    if (len & 1) {
        sum += p[len - 1] << 8;
    }
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return ~sum;
}

static size_t eth(uint8_t *f, const uint8_t *dst, uint16_t type)
{
    memcpy(f, dst, 6);
    memcpy(f + 6, guest_mac, 6);
    f[12] = type >> 8;
    f[13] = type;
    return 14;
}

static size_t arp_request(uint8_t *f, const char *target)
{
    size_t n = eth(f, bcast, 0x0806);
    uint8_t *a = f + n;
    struct in_addr sip, tip;

    inet_aton("10.0.2.15", &sip);
    inet_aton(target, &tip);
    memset(a, 0, 28);
    a[1] = 1;                           /* Ethernet */
    a[2] = 0x08;                        /* IPv4 */
    a[4] = 6;
    a[5] = 4;
    a[7] = 1;                           /* request */
    memcpy(a + 8, guest_mac, 6);
    memcpy(a + 14, &sip, 4);
    memcpy(a + 24, &tip, 4);
    return n + 28;
}

static size_t ipv4(uint8_t *f, const char *src, const char *dst, uint8_t proto,
                   size_t payload)
{
    struct in_addr s, d;
    uint16_t sum;

    inet_aton(src, &s);
    inet_aton(dst, &d);
    memset(f, 0, 20);
    f[0] = 0x45;
    f[2] = (20 + payload) >> 8;
    f[3] = (20 + payload) & 0xff;
    f[8] = 64;
    f[9] = proto;
    memcpy(f + 12, &s, 4);
    memcpy(f + 16, &d, 4);
    sum = csum(f, 20, 0);
    f[10] = sum >> 8;
    f[11] = sum;
    return 20;
}

static size_t dhcp_discover(uint8_t *f)
{
    size_t n = eth(f, bcast, 0x0800);
    const size_t bootp_len = 548;
    uint8_t *udp = f + n + 20, *bp = udp + 8;

    n += ipv4(f + n, "0.0.0.0", "255.255.255.255", 17, 8 + bootp_len);
    memset(udp, 0, 8 + bootp_len);
    udp[1] = 68;
    udp[3] = 67;
    udp[4] = (8 + bootp_len) >> 8;
    udp[5] = (8 + bootp_len) & 0xff;
    bp[0] = 1;                          /* BOOTREQUEST */
    bp[1] = 1;
    bp[2] = 6;
    memcpy(bp + 4, "\x12\x34\x56\x78", 4);
    memcpy(bp + 28, guest_mac, 6);
    memcpy(bp + 236, "\x63\x82\x53\x63", 4);
    memcpy(bp + 240, "\x35\x01\x01\xff", 4);    /* DHCPDISCOVER, end */
    return n + 8 + bootp_len;
}

static size_t icmp_echo(uint8_t *f, uint8_t *router_mac, const char *dst)
{
    size_t n = eth(f, router_mac, 0x0800);
    uint8_t *icmp = f + n + 20;
    uint16_t sum;

    n += ipv4(f + n, "10.0.2.15", dst, 1, 16);
    memset(icmp, 0, 16);
    icmp[0] = 8;                        /* echo request */
    icmp[5] = 0x2a;                     /* id */
    icmp[7] = 1;                        /* sequence */
    memcpy(icmp + 8, "turtle!!", 8);
    sum = csum(icmp, 16, 0);
    icmp[2] = sum >> 8;
    icmp[3] = sum;
    return n + 16;
}

/* ---- Tests ---------------------------------------------------------------- */

static void test_probe_config(void)
{
    DeviceState *dev = create_nic("n0", NULL);
    DeviceState *dev2;
    hwaddr base = VDRV_MMIO_BASE + transport_of(dev) * 0x200;

    g_assert_cmpuint(vdrv_mmio_read(base + 0x008, 4), ==, 1);
    /* mac, status = LINK_UP */
    for (int i = 0; i < 6; i++) {
        g_assert_cmphex(vdrv_mmio_read(base + 0x100 + i, 1), ==, guest_mac[i]);
    }
    g_assert_cmpuint(vdrv_mmio_read(base + 0x106, 2), ==, 1);
    /* The second NIC gets the next address; mac= overrides. */
    dev2 = create_nic("n1", NULL);
    base = VDRV_MMIO_BASE + transport_of(dev2) * 0x200;
    g_assert_cmphex(vdrv_mmio_read(base + 0x105, 1), ==, 0x57);
    object_remove_child(OBJECT(dev2)->parent, OBJECT(dev2));
    dev2 = create_nic("n1", "02:00:00:00:00:09");
    base = VDRV_MMIO_BASE + transport_of(dev2) * 0x200;
    g_assert_cmphex(vdrv_mmio_read(base + 0x100, 1), ==, 0x02);
    g_assert_cmphex(vdrv_mmio_read(base + 0x105, 1), ==, 0x09);
    /* The MAC is read-only to the driver. */
    vdrv_mmio_write(base + 0x105, 0x77, 1);
    g_assert_cmphex(vdrv_mmio_read(base + 0x105, 1), ==, 0x09);
    object_remove_child(OBJECT(dev2)->parent, OBJECT(dev2));
    object_remove_child(OBJECT(dev)->parent, OBJECT(dev));
}

static void test_bad_props(void)
{
    DeviceState *dev = device_new("virtio-net-device");
    GError *err = NULL;

    g_assert_false(device_realize(dev, &err));
    g_assert_nonnull(strstr(err->message, "netdev"));
    g_clear_error(&err);
    g_assert_false(object_property_set_str(OBJECT(dev), "netdev", "nope", &err));
    g_clear_error(&err);
    g_assert_true(object_property_set_str(OBJECT(dev), "netdev", "n1", &err));
    g_assert_true(object_property_set_str(OBJECT(dev), "mac", "01:00:00:00:00:01",
                                          &err));
    g_assert_false(device_realize(dev, &err));
    g_assert_nonnull(strstr(err->message, "unicast"));
    g_clear_error(&err);
    object_unref(OBJECT(dev));
    g_assert_false(netdev_find_by_id("n1")->claimed);
}

static void test_arp_dhcp_ping(void)
{
    Nic k;
    uint8_t f[2048];
    size_t len;
    uint8_t router_mac[6];
    struct in_addr a;

    nic_start(&k, "n0", ~0ULL, 8, 2048);
    g_assert_true(k.d.features & F_MRG_RXBUF);

    /* ARP: who has 10.0.2.2? The stack answers at once. */
    send_frame(&k, f, arp_request(f, "10.0.2.2"));
    g_assert_cmpint(vdrv_irq_level(k.d.transport), ==, 1);
    g_assert_cmpuint(vdrv_ack(&k.d), ==, 1);
    g_assert_true(recv_frame(&k, f, &len, NULL));
    g_assert_cmpuint(len, >=, 42);
    g_assert_cmpmem(f, 6, guest_mac, 6);
    g_assert_cmphex((f[12] << 8) | f[13], ==, 0x0806);
    g_assert_cmpuint(f[14 + 7], ==, 2);                 /* reply */
    inet_aton("10.0.2.2", &a);
    g_assert_cmpmem(f + 14 + 14, 4, &a, 4);             /* sender IP */
    memcpy(router_mac, f + 14 + 8, 6);

    /* DHCP: the offer is 10.0.2.15. */
    send_frame(&k, f, dhcp_discover(f));
    g_assert_true(wait_frame(&k, 0x0800, f, &len));
    g_assert_cmpuint(f[14 + 9], ==, 17);                /* UDP */
    g_assert_cmpuint((f[34 + 2] << 8) | f[34 + 3], ==, 68);
    inet_aton("10.0.2.15", &a);
    g_assert_cmpmem(f + 42 + 16, 4, &a, 4);             /* yiaddr */
    g_assert_cmphex(f[42 + 4], ==, 0x12);               /* our xid */

    /* Ping the gateway: an echo reply comes back. */
    send_frame(&k, f, icmp_echo(f, router_mac, "10.0.2.2"));
    g_assert_true(wait_frame(&k, 0x0800, f, &len));
    g_assert_cmpuint(f[14 + 9], ==, 1);                 /* ICMP */
    g_assert_cmpuint(f[34], ==, 0);                     /* echo reply */
    g_assert_cmpmem(f + 34 + 8, 8, "turtle!!", 8);
    nic_stop(&k);
}

static void test_mergeable_small_buffers(void)
{
    Nic k;
    uint8_t f[2048];
    size_t len;
    unsigned nbufs;

    nic_start(&k, "n0", ~0ULL, 8, 32);
    send_frame(&k, f, arp_request(f, "10.0.2.3"));
    g_assert_true(recv_frame(&k, f, &len, &nbufs));
    g_assert_cmpuint(nbufs, ==, DIV_ROUND_UP(HDR + len, 32));
    g_assert_cmpuint(nbufs, >=, 2);
    g_assert_cmphex((f[12] << 8) | f[13], ==, 0x0806);
    g_assert_cmpuint(f[14 + 7], ==, 2);
    nic_stop(&k);

    /* Without MRG_RXBUF a frame that does not fit one buffer is dropped
     * and the buffer stays available. */
    nic_start(&k, "n0", ~F_MRG_RXBUF, 2, 32);
    send_frame(&k, f, arp_request(f, "10.0.2.3"));
    g_assert_false(recv_frame(&k, f, &len, &nbufs));
    nic_stop(&k);

    nic_start(&k, "n0", ~F_MRG_RXBUF, 2, 2048);
    send_frame(&k, f, arp_request(f, "10.0.2.3"));
    g_assert_true(recv_frame(&k, f, &len, &nbufs));
    g_assert_cmpuint(nbufs, ==, 1);
    nic_stop(&k);
}

/* A frame arriving while the guest has no receive buffer waits for one. */
static void test_rx_waits_for_buffers(void)
{
    Nic k;
    uint8_t f[2048];
    size_t len;

    nic_start(&k, "n0", ~0ULL, 0, 0);
    send_frame(&k, f, arp_request(f, "10.0.2.2"));
    g_assert_false(recv_frame(&k, f, &len, NULL));
    vdrv_ack(&k.d);
    post_rx(&k, 2, 2048);
    g_assert_true(recv_frame(&k, f, &len, NULL));
    g_assert_cmpuint(f[14 + 7], ==, 2);
    g_assert_cmpint(vdrv_irq_level(k.d.transport), ==, 1);
    nic_stop(&k);
}

/* A TCP connection to the forwarded host port shows up in the guest as a
 * SYN to port 22 (or first an ARP request for the guest), through the main
 * loop's polling of the stack's sockets. */
static void test_hostfwd(void)
{
    Nic k;
    uint8_t f[2048];
    size_t len;
    struct sockaddr_in sa = { .sin_family = AF_INET };
    int fd;
    bool syn = false;
    int64_t end;

    nic_start(&k, "n0", ~0ULL, 16, 2048);
    /* The stack learns our MAC from our ARP request. */
    send_frame(&k, f, arp_request(f, "10.0.2.2"));
    g_assert_true(recv_frame(&k, f, &len, NULL));

    fd = socket(AF_INET, SOCK_STREAM, 0);
    g_assert_cmpint(fd, >=, 0);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    sa.sin_port = htons(fwd_port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    g_assert_true(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 ||
                  errno == EINPROGRESS);
    end = clock_get_ns(CLOCK_RT) + 3 * NANOSECONDS_PER_SECOND;
    while (!syn && clock_get_ns(CLOCK_RT) < end) {
        main_loop_wait(false, 10 * 1000 * 1000);
        while (!syn && recv_frame(&k, f, &len, NULL)) {
            if (((f[12] << 8) | f[13]) == 0x0800 && f[14 + 9] == 6) {
                uint8_t *tcp = f + 14 + (f[14] & 0xf) * 4;

                g_assert_cmpuint((tcp[2] << 8) | tcp[3], ==, 22);
                g_assert_true(tcp[13] & 0x02);          /* SYN */
                syn = true;
            }
        }
    }
    g_assert_true(syn);
    close(fd);
    nic_stop(&k);
}

static bool frontend_can_receive(void *opaque)
{
    return false;
}

static bool frontend_receive(void *opaque, const uint8_t *buf, size_t len)
{
    return false;
}

static const NetFrontendOps null_frontend = {
    .can_receive = frontend_can_receive,
    .receive = frontend_receive,
};

static void expect_bad_netdev(const char *opts, const char *what)
{
    NetdevInfo info = { .id = (char *)"x", .type = (char *)"user",
                        .opts = (char *)opts };
    GError *err = NULL;

    g_assert_null(net_client_new(&info, &null_frontend, NULL, &err));
    g_assert_nonnull(err);
    if (!strstr(err->message, what)) {
        g_error("'%s' gave '%s', expected '%s'", opts, err->message, what);
    }
    g_clear_error(&err);
}

static void test_netdev_options(void)
{
    NetdevInfo info = { .id = (char *)"x", .type = (char *)"user" };
    GError *err = NULL;
    NetClient *nc;
    g_autofree char *desc = NULL;

    info.opts = (char *)"user,id=x,net=192.168.76.0/24,dhcpstart=192.168.76.9,"
                        "hostname=tt,dnssearch=a.example,dnssearch=b.example,"
                        "hostfwd=tcp:127.0.0.1:0-:22,hostfwd=udp::0-:53,"
                        "restrict=on,ipv6=off";
    nc = net_client_new(&info, &null_frontend, NULL, &err);
    g_assert_no_error(err);
    desc = net_client_describe(nc);
    g_assert_nonnull(strstr(desc, "net=192.168.76.0/255.255.255.0"));
    g_assert_nonnull(strstr(desc, "host=192.168.76.2"));
    g_assert_nonnull(strstr(desc, "dhcpstart=192.168.76.9"));
    g_assert_nonnull(strstr(desc, "restrict"));
    g_assert_nonnull(strstr(desc, "2 host forward"));
    net_client_free(nc);

    expect_bad_netdev("user,id=x,foo=1", "unknown option 'foo'");
    expect_bad_netdev("user,id=x,hostfwd=tcp::abc-:22", "hostfwd=");
    expect_bad_netdev("user,id=x,hostfwd=sctp::22-:22", "tcp or udp");
    expect_bad_netdev("user,id=x,hostfwd=tcp::2222", "hostfwd=");
    expect_bad_netdev("user,id=x,hostfwd=tcp::2222-:0", "hostfwd=");
    expect_bad_netdev("user,id=x,net=10.0.2.0/24,host=10.0.3.2", "inside");
    expect_bad_netdev("user,id=x,net=10.0.2.0/40", "prefix");
    expect_bad_netdev("user,id=x,dns=notanip", "dns=notanip");
    expect_bad_netdev("user,id=x,restrict=maybe", "on or off");
    expect_bad_netdev("user,id=x,ipv4=off,ipv6=off", "no network");
    expect_bad_netdev("user,id=x,ipv6-net=zz::/64", "ipv6-net");
}

/* A host port already taken is a clear error. */
static void test_hostfwd_port_in_use(void)
{
    g_autofree char *opts = g_strdup_printf("user,id=x,hostfwd=tcp:127.0.0.1:%d-:22",
                                            fwd_port);

    /* "n0" holds fwd_port while its NIC exists. */
    DeviceState *dev = create_nic("n0", NULL);

    expect_bad_netdev(opts, "could not forward host port");
    object_remove_child(OBJECT(dev)->parent, OBJECT(dev));
}

static int pick_free_port(void)
{
    struct sockaddr_in sa = { .sin_family = AF_INET };
    socklen_t sl = sizeof(sa);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int port;

    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    g_assert_cmpint(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    g_assert_cmpint(getsockname(fd, (struct sockaddr *)&sa, &sl), ==, 0);
    port = ntohs(sa.sin_port);
    close(fd);
    return port;
}

int main(int argc, char **argv)
{
    g_autofree char *n0 = NULL;

    g_test_init(&argc, &argv, NULL);
    log_set_mask(LOG_GUEST_ERROR);
    vdrv_machine_init();
    fwd_port = pick_free_port();
    n0 = g_strdup_printf("user,id=n0,hostfwd=tcp:127.0.0.1:%d-:22", fwd_port);
    vdrv_add_netdev("n0", n0);
    vdrv_add_netdev("n1", "user,id=n1,ipv6=off");

    g_test_add_func("/virtio/net/probe-config", test_probe_config);
    g_test_add_func("/virtio/net/bad-props", test_bad_props);
    g_test_add_func("/virtio/net/arp-dhcp-ping", test_arp_dhcp_ping);
    g_test_add_func("/virtio/net/mergeable", test_mergeable_small_buffers);
    g_test_add_func("/virtio/net/rx-waits-for-buffers", test_rx_waits_for_buffers);
    g_test_add_func("/virtio/net/hostfwd", test_hostfwd);
    g_test_add_func("/virtio/net/netdev-options", test_netdev_options);
    g_test_add_func("/virtio/net/hostfwd-port-in-use", test_hostfwd_port_in_use);
    return g_test_run();
}
