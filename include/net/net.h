/*
 * net.h — network backends: where a NIC model's Ethernet frames go.
 *
 * A backend is made from one -netdev option when a NIC claims it (the
 * "netdev" property, PROP_NETDEV). Only "user" exists: a user-mode TCP/IP
 * stack (libslirp) with DHCP, DNS and host port forwarding, that needs no
 * privileges:
 *
 *   -netdev user,id=ID[,net=ADDR[/MASK]][,host=ADDR][,dns=ADDR]
 *           [,dhcpstart=ADDR][,hostname=NAME][,domainname=NAME]
 *           [,dnssearch=DOMAIN]...[,restrict=on|off][,ipv4=on|off]
 *           [,ipv6=on|off][,ipv6-net=ADDR6/LEN][,ipv6-host=ADDR6]
 *           [,ipv6-dns=ADDR6][,tftp=DIR][,bootfile=FILE]
 *           [,hostfwd=[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT]...
 *
 * Defaults: network 10.0.2.0/24, gateway/host 10.0.2.2, DNS 10.0.2.3,
 * DHCP hands out 10.0.2.15 onwards; IPv6 fec0::/64 with host fec0::2 and
 * DNS fec0::3. restrict=on isolates the guest (only hostfwd works).
 *
 * Frames flow:
 *   guest -> NIC model -> net_client_send() -> backend
 *   backend -> net.c queue -> NetFrontendOps.receive() -> NIC model -> guest
 * A frame the NIC cannot take yet (no receive buffers) waits in a bounded
 * queue until the NIC calls net_client_flush_queue(); beyond the bound new
 * frames are dropped, as a full NIC ring would.
 */
#ifndef TURTLE_NET_NET_H
#define TURTLE_NET_NET_H

#include "util/osdep.h"
#include "hw/object.h"
#include "sysemu/sysemu.h"

typedef struct NetClient NetClient;

/* What the NIC model (the frontend) provides. */
typedef struct NetFrontendOps {
    /* Could a frame be delivered now (receive buffers available)? */
    bool (*can_receive)(void *opaque);
    /* Delivers one Ethernet frame. Returns false if it could not be taken
     * after all (it stays queued); a frame the NIC decides to drop counts
     * as taken. */
    bool (*receive)(void *opaque, const uint8_t *buf, size_t len);
} NetFrontendOps;

/* Creates the backend of a -netdev for a frontend. Errors are option
 * mistakes ("-netdev user,id=n0,hostfwd=...: ..."). */
NetClient *net_client_new(NetdevInfo *info, const NetFrontendOps *ops,
                          void *opaque, GError **errp);
void net_client_free(NetClient *nc);
/* Sends a frame from the guest to the network. */
void net_client_send(NetClient *nc, const uint8_t *buf, size_t len);
/* The frontend can receive again: delivers queued frames. */
void net_client_flush_queue(NetClient *nc);
/* Frames waiting for the frontend (statistics and tests). */
unsigned net_client_queued(NetClient *nc);
/* One line describing the backend ("user: net=10.0.2.0/24 ..."). */
char *net_client_describe(NetClient *nc);

/* "netdev=ID": a NetdevInfo * field, looked up with netdev_find_by_id and
 * marked claimed (a backend serves one NIC). */
extern const PropertyInfo prop_info_netdev;
#define PROP_NETDEV(n, st, f) PROP_FIELD(n, prop_info_netdev, st, f)

/* ---- For backends (net/) ---------------------------------------------- */

typedef struct NetBackendOps {
    void (*send)(NetClient *nc, const uint8_t *buf, size_t len);
    void (*cleanup)(NetClient *nc);
    char *(*describe)(NetClient *nc);
} NetBackendOps;

struct NetClient {
    char *id;
    const NetBackendOps *backend;
    void *backend_state;
    const NetFrontendOps *frontend;
    void *frontend_opaque;
    GQueue *rx_queue;                   /* GBytes *, oldest first */
    unsigned rx_dropped;
};

/* A backend hands a frame to the frontend (or queues it). */
void net_client_deliver(NetClient *nc, const uint8_t *buf, size_t len);

/* The user-mode backend (net/slirp.c): parses the -netdev text. */
bool net_slirp_init(NetClient *nc, const char *opts, GError **errp);

#endif
