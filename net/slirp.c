/*
 * slirp.c — the "user" network backend: libslirp (4.x API) as a user-mode
 * TCP/IP stack on the guest's Ethernet, with its sockets in Turtle's main
 * loop (see include/net/net.h for the options).
 *
 * Main loop integration: a GSource on the default glib context. Its
 * prepare() asks libslirp for the fds to watch (slirp_pollfds_fill) and
 * adds them as the source's poll fds, with libslirp's timeout as the
 * source's; check() reports ready fds or an expired timeout; dispatch()
 * hands the results back (slirp_pollfds_poll), which accepts host-forward
 * connections, reads sockets and runs the TCP timers. libslirp's own
 * timers (IPv6 router advertisements) are CLOCK_RT timers, and its clock
 * is CLOCK_RT: the network keeps time while the VM is paused, as a real
 * network would.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "util/main-loop.h"
#include "util/timer.h"
#include "net/net.h"

#include <slirp/libslirp.h>

typedef struct NetSlirp NetSlirp;

typedef struct SlirpSource {
    GSource source;
    NetSlirp *ns;
} SlirpSource;

struct NetSlirp {
    NetClient *nc;
    Slirp *slirp;
    SlirpSource *source;
    GPtrArray *pollfds;                 /* GPollFD *, added to the source */
    int64_t deadline_ns;                /* CLOCK_RT; -1: none */
    GPtrArray *timers;                  /* SlirpTimer * */
    char *summary;
    /* Kept alive for libslirp: it keeps pointers into the config. */
    char *hostname, *domainname, *tftp, *bootfile;
    char **dnssearch;
};

typedef struct SlirpTimer {
    NetSlirp *ns;
    Timer *timer;
    SlirpTimerId id;
    void *cb_opaque;
    SlirpTimerCb cb;                    /* the pre-version-4 form */
} SlirpTimer;

/* ---- Callbacks from libslirp -------------------------------------------- */

static ssize_t net_slirp_send_packet(const void *buf, size_t len, void *opaque)
{
    NetSlirp *ns = opaque;

    net_client_deliver(ns->nc, buf, len);
    return len;
}

static void net_slirp_guest_error(const char *msg, void *opaque)
{
    log_mask_printf(LOG_GUEST_ERROR, "slirp: %s\n", msg);
}

static int64_t net_slirp_clock_get_ns(void *opaque)
{
    return clock_get_ns(CLOCK_RT);
}

static void net_slirp_timer_cb(void *opaque)
{
    SlirpTimer *t = opaque;

    if (t->cb) {
        t->cb(t->cb_opaque);
    } else {
        slirp_handle_timer(t->ns->slirp, t->id, t->cb_opaque);
    }
}

static SlirpTimer *net_slirp_timer_alloc(NetSlirp *ns)
{
    SlirpTimer *t = g_new0(SlirpTimer, 1);

    t->ns = ns;
    t->timer = timer_new_ns(CLOCK_RT, net_slirp_timer_cb, t);
    g_ptr_array_add(ns->timers, t);
    return t;
}

static void *net_slirp_timer_new(SlirpTimerCb cb, void *cb_opaque,
                                 void *opaque)
{
    SlirpTimer *t = net_slirp_timer_alloc(opaque);

    t->cb = cb;
    t->cb_opaque = cb_opaque;
    return t;
}

static void *net_slirp_timer_new_opaque(SlirpTimerId id, void *cb_opaque,
                                        void *opaque)
{
    SlirpTimer *t = net_slirp_timer_alloc(opaque);

    t->id = id;
    t->cb_opaque = cb_opaque;
    return t;
}

static void net_slirp_timer_free(void *timer, void *opaque)
{
    NetSlirp *ns = opaque;
    SlirpTimer *t = timer;

    g_ptr_array_remove(ns->timers, t);  /* frees it */
}

static void net_slirp_timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
    SlirpTimer *t = timer;

    timer_mod(t->timer, expire_ms * 1000000);
}

static void net_slirp_register_poll_fd(int fd, void *opaque)
{
    /* Every fd is reported again by slirp_pollfds_fill at each wait. */
}

static void net_slirp_unregister_poll_fd(int fd, void *opaque)
{
}

static void net_slirp_notify(void *opaque)
{
    main_loop_notify();
}

static const SlirpCb net_slirp_callbacks = {
    .send_packet = net_slirp_send_packet,
    .guest_error = net_slirp_guest_error,
    .clock_get_ns = net_slirp_clock_get_ns,
    .timer_new = net_slirp_timer_new,
    .timer_free = net_slirp_timer_free,
    .timer_mod = net_slirp_timer_mod,
    .register_poll_fd = net_slirp_register_poll_fd,
    .unregister_poll_fd = net_slirp_unregister_poll_fd,
    .notify = net_slirp_notify,
#if SLIRP_CONFIG_VERSION_MAX >= 4
    .timer_new_opaque = net_slirp_timer_new_opaque,
#endif
};

static void net_slirp_free_timer(gpointer p)
{
    SlirpTimer *t = p;

    timer_free(t->timer);
    g_free(t);
}

/* ---- The GSource -------------------------------------------------------- */

static int net_slirp_to_gio(int events)
{
    return ((events & SLIRP_POLL_IN) ? G_IO_IN : 0) |
           ((events & SLIRP_POLL_OUT) ? G_IO_OUT : 0) |
           ((events & SLIRP_POLL_PRI) ? G_IO_PRI : 0) |
           ((events & SLIRP_POLL_ERR) ? G_IO_ERR : 0) |
           ((events & SLIRP_POLL_HUP) ? G_IO_HUP : 0);
}

static int net_slirp_from_gio(int revents)
{
    return ((revents & G_IO_IN) ? SLIRP_POLL_IN : 0) |
           ((revents & G_IO_OUT) ? SLIRP_POLL_OUT : 0) |
           ((revents & G_IO_PRI) ? SLIRP_POLL_PRI : 0) |
           ((revents & G_IO_ERR) ? SLIRP_POLL_ERR : 0) |
           ((revents & G_IO_HUP) ? SLIRP_POLL_HUP : 0);
}

static void net_slirp_clear_pollfds(NetSlirp *ns)
{
    for (guint i = 0; i < ns->pollfds->len; i++) {
        GPollFD *pfd = g_ptr_array_index(ns->pollfds, i);

        g_source_remove_poll(&ns->source->source, pfd);
    }
    g_ptr_array_set_size(ns->pollfds, 0);   /* frees them */
}

static int net_slirp_add_poll(int fd, int events, void *opaque)
{
    NetSlirp *ns = opaque;
    GPollFD *pfd = g_new0(GPollFD, 1);

    pfd->fd = fd;
    pfd->events = net_slirp_to_gio(events);
    g_ptr_array_add(ns->pollfds, pfd);
    g_source_add_poll(&ns->source->source, pfd);
    return ns->pollfds->len - 1;
}

static int net_slirp_get_revents(int idx, void *opaque)
{
    NetSlirp *ns = opaque;
    GPollFD *pfd;

    if (idx < 0 || (guint)idx >= ns->pollfds->len) {
        return 0;
    }
    pfd = g_ptr_array_index(ns->pollfds, idx);
    return net_slirp_from_gio(pfd->revents);
}

static gboolean net_slirp_prepare(GSource *source, gint *timeout)
{
    NetSlirp *ns = ((SlirpSource *)source)->ns;
    uint32_t t = UINT32_MAX;

    net_slirp_clear_pollfds(ns);
    slirp_pollfds_fill(ns->slirp, &t, net_slirp_add_poll, ns);
    if (t == UINT32_MAX) {
        *timeout = -1;
        ns->deadline_ns = -1;
    } else {
        *timeout = MIN(t, (uint32_t)G_MAXINT);
        ns->deadline_ns = clock_get_ns(CLOCK_RT) + (int64_t)t * 1000000;
    }
    return FALSE;
}

static gboolean net_slirp_check(GSource *source)
{
    NetSlirp *ns = ((SlirpSource *)source)->ns;

    for (guint i = 0; i < ns->pollfds->len; i++) {
        GPollFD *pfd = g_ptr_array_index(ns->pollfds, i);

        if (pfd->revents) {
            return TRUE;
        }
    }
    return ns->deadline_ns >= 0 && clock_get_ns(CLOCK_RT) >= ns->deadline_ns;
}

static gboolean net_slirp_dispatch(GSource *source, GSourceFunc cb,
                                   gpointer data)
{
    NetSlirp *ns = ((SlirpSource *)source)->ns;

    slirp_pollfds_poll(ns->slirp, 0, net_slirp_get_revents, ns);
    /* The fds were consumed: prepare() collects them afresh. */
    for (guint i = 0; i < ns->pollfds->len; i++) {
        ((GPollFD *)g_ptr_array_index(ns->pollfds, i))->revents = 0;
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs net_slirp_source_funcs = {
    .prepare = net_slirp_prepare,
    .check = net_slirp_check,
    .dispatch = net_slirp_dispatch,
};

/* ---- Options ------------------------------------------------------------ */

/* Splits "user,id=n0,hostfwd=a,hostfwd=b" into key/value pairs; a ",," is a
 * literal comma; a bare word is "word=" (the first one is the type). Keys
 * may repeat (hostfwd, dnssearch). */
static GPtrArray *net_slirp_split(const char *opts)
{
    GPtrArray *pairs = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);

    for (const char *p = opts;; p++) {
        if (*p == ',' && p[1] == ',') {
            g_string_append_c(cur, ',');
            p++;
        } else if (*p == ',' || *p == '\0') {
            if (cur->len) {
                g_ptr_array_add(pairs, g_strdup(cur->str));
            }
            g_string_truncate(cur, 0);
            if (*p == '\0') {
                break;
            }
        } else {
            g_string_append_c(cur, *p);
        }
    }
    g_string_free(cur, TRUE);
    return pairs;
}

static bool parse_bool_opt(const char *key, const char *v, bool *out,
                           GError **errp)
{
    if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true") ||
        !*v) {
        *out = true;
    } else if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false")) {
        *out = false;
    } else {
        error_setg(errp, "%s=%s: expected on or off", key, v);
        return false;
    }
    return true;
}

static bool parse_ipv4(const char *key, const char *v, struct in_addr *out,
                       GError **errp)
{
    if (!inet_aton(v, out)) {
        error_setg(errp, "%s=%s: not an IPv4 address", key, v);
        return false;
    }
    return true;
}

/* "10.0.2.0/24", "10.0.2.0/255.255.255.0" or "10.0.2.0" (/24 assumed,
 * or the class of the address for compatibility with old scripts). */
static bool parse_net(const char *v, struct in_addr *net,
                      struct in_addr *mask, GError **errp)
{
    g_autofree char *addr = g_strdup(v);
    char *slash = strchr(addr, '/');
    uint32_t m = 0xffffff00u;

    if (slash) {
        char *end;
        long bits;

        *slash++ = '\0';
        bits = strtol(slash, &end, 10);
        if (!*end && end != slash) {
            if (bits < 0 || bits > 30) {
                error_setg(errp, "net=%s: prefix length must be 0..30", v);
                return false;
            }
            m = bits ? ~0u << (32 - bits) : 0;
        } else {
            struct in_addr a;

            if (!inet_aton(slash, &a)) {
                error_setg(errp, "net=%s: bad netmask", v);
                return false;
            }
            m = ntohl(a.s_addr);
        }
    }
    if (!inet_aton(addr, net)) {
        error_setg(errp, "net=%s: not an IPv4 network", v);
        return false;
    }
    net->s_addr &= htonl(m);
    mask->s_addr = htonl(m);
    return true;
}

typedef struct HostFwd {
    bool udp;
    struct in_addr host_addr, guest_addr;
    int host_port, guest_port;
} HostFwd;

static bool parse_port(const char *s, int *port, bool allow_zero)
{
    char *end;
    long p = strtol(s, &end, 10);

    if (!*s || *end || p < (allow_zero ? 0 : 1) || p > 65535) {
        return false;
    }
    *port = p;
    return true;
}

/* "[tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport" */
static bool parse_hostfwd(const char *v, struct in_addr dhcp_start,
                          HostFwd *fwd, GError **errp)
{
    g_autofree char *s = g_strdup(v);
    char *proto = s, *host, *guest, *colon;

    memset(fwd, 0, sizeof(*fwd));
    colon = strchr(s, ':');
    if (!colon) {
        goto bad;
    }
    *colon = '\0';
    host = colon + 1;
    if (!strcmp(proto, "udp")) {
        fwd->udp = true;
    } else if (*proto && strcmp(proto, "tcp")) {
        error_setg(errp, "hostfwd=%s: protocol must be tcp or udp", v);
        return false;
    }
    guest = strchr(host, '-');
    if (!guest) {
        goto bad;
    }
    *guest++ = '\0';
    colon = strrchr(host, ':');
    if (!colon) {
        goto bad;
    }
    *colon = '\0';
    fwd->host_addr.s_addr = INADDR_ANY;
    if (*host && !inet_aton(host, &fwd->host_addr)) {
        goto bad;
    }
    if (!parse_port(colon + 1, &fwd->host_port, true)) {
        goto bad;
    }
    colon = strchr(guest, ':');
    if (!colon) {
        goto bad;
    }
    *colon = '\0';
    fwd->guest_addr = dhcp_start;
    if (*guest && !inet_aton(guest, &fwd->guest_addr)) {
        goto bad;
    }
    if (!parse_port(colon + 1, &fwd->guest_port, false)) {
        goto bad;
    }
    return true;
bad:
    error_setg(errp, "hostfwd=%s: expected [tcp|udp]:[HOSTADDR]:HOSTPORT-"
               "[GUESTADDR]:GUESTPORT", v);
    return false;
}

static bool in_net(struct in_addr a, struct in_addr net, struct in_addr mask)
{
    return (a.s_addr & mask.s_addr) == net.s_addr;
}

/* ---- The backend -------------------------------------------------------- */

static void net_slirp_send(NetClient *nc, const uint8_t *buf, size_t len)
{
    NetSlirp *ns = nc->backend_state;

    if (len > INT_MAX) {
        return;
    }
    slirp_input(ns->slirp, buf, len);
}

static void net_slirp_cleanup(NetClient *nc)
{
    NetSlirp *ns = nc->backend_state;

    if (!ns) {
        return;
    }
    if (ns->source) {
        net_slirp_clear_pollfds(ns);
        g_source_destroy(&ns->source->source);
        g_source_unref(&ns->source->source);
    }
    if (ns->slirp) {
        slirp_cleanup(ns->slirp);
    }
    g_ptr_array_free(ns->timers, TRUE);
    g_ptr_array_free(ns->pollfds, TRUE);
    g_free(ns->summary);
    g_free(ns->hostname);
    g_free(ns->domainname);
    g_free(ns->tftp);
    g_free(ns->bootfile);
    g_strfreev(ns->dnssearch);
    g_free(ns);
    nc->backend_state = NULL;
}

static char *net_slirp_describe(NetClient *nc)
{
    NetSlirp *ns = nc->backend_state;

    return g_strdup(ns->summary);
}

static const NetBackendOps net_slirp_ops = {
    .send = net_slirp_send,
    .cleanup = net_slirp_cleanup,
    .describe = net_slirp_describe,
};

bool net_slirp_init(NetClient *nc, const char *opts, GError **errp)
{
    g_autoptr(GPtrArray) pairs = net_slirp_split(opts);
    g_autoptr(GArray) fwds = g_array_new(FALSE, FALSE, sizeof(HostFwd));
    g_autoptr(GPtrArray) fwd_text = g_ptr_array_new();
    g_autoptr(GPtrArray) search = g_ptr_array_new_with_free_func(g_free);
    SlirpConfig cfg = { 0 };
    struct in_addr net, mask, host, dns, dhcp;
    bool have_host = false, have_dns = false, have_dhcp = false;
    bool restrict_ = false, ipv4 = true, ipv6 = true;
    const char *ipv6_net = "fec0::/64", *ipv6_host = NULL, *ipv6_dns = NULL;
    g_autofree char *ipv6_prefix = NULL;
    NetSlirp *ns;
    long prefix_len;
    char *end;

    inet_aton("10.0.2.0", &net);
    inet_aton("255.255.255.0", &mask);
    ns = g_new0(NetSlirp, 1);
    ns->nc = nc;
    ns->timers = g_ptr_array_new_with_free_func(net_slirp_free_timer);
    ns->pollfds = g_ptr_array_new_with_free_func(g_free);
    nc->backend = &net_slirp_ops;
    nc->backend_state = ns;

    for (guint i = 0; i < pairs->len; i++) {
        char *pair = g_ptr_array_index(pairs, i);
        char *eq = strchr(pair, '=');
        const char *key = pair, *v = "";
        bool ok = true;

        if (eq) {
            *eq = '\0';
            v = eq + 1;
        }
        if (i == 0 && !eq) {
            continue;                   /* the backend type, "user" */
        }
        if (!strcmp(key, "type") || !strcmp(key, "id")) {
            /* handled by the caller */
        } else if (!strcmp(key, "net")) {
            ok = parse_net(v, &net, &mask, errp);
        } else if (!strcmp(key, "host")) {
            ok = have_host = parse_ipv4(key, v, &host, errp);
        } else if (!strcmp(key, "dns")) {
            ok = have_dns = parse_ipv4(key, v, &dns, errp);
        } else if (!strcmp(key, "dhcpstart")) {
            ok = have_dhcp = parse_ipv4(key, v, &dhcp, errp);
        } else if (!strcmp(key, "hostname")) {
            g_free(ns->hostname);
            ns->hostname = g_strdup(v);
        } else if (!strcmp(key, "domainname")) {
            g_free(ns->domainname);
            ns->domainname = g_strdup(v);
        } else if (!strcmp(key, "dnssearch")) {
            g_ptr_array_add(search, g_strdup(v));
        } else if (!strcmp(key, "restrict")) {
            ok = parse_bool_opt(key, v, &restrict_, errp);
        } else if (!strcmp(key, "ipv4")) {
            ok = parse_bool_opt(key, v, &ipv4, errp);
        } else if (!strcmp(key, "ipv6")) {
            ok = parse_bool_opt(key, v, &ipv6, errp);
        } else if (!strcmp(key, "ipv6-net")) {
            ipv6_net = v;
        } else if (!strcmp(key, "ipv6-host")) {
            ipv6_host = v;
        } else if (!strcmp(key, "ipv6-dns")) {
            ipv6_dns = v;
        } else if (!strcmp(key, "tftp")) {
            g_free(ns->tftp);
            ns->tftp = g_strdup(v);
        } else if (!strcmp(key, "bootfile")) {
            g_free(ns->bootfile);
            ns->bootfile = g_strdup(v);
        } else if (!strcmp(key, "hostfwd")) {
            g_ptr_array_add(fwd_text, (gpointer)v);
        } else {
            error_setg(errp, "unknown option '%s' for a user network backend",
                       key);
            ok = false;
        }
        if (!ok) {
            return false;
        }
    }
    if (!ipv4 && !ipv6) {
        error_setg(errp, "ipv4=off and ipv6=off leave no network");
        return false;
    }
    if (!have_host) {
        host.s_addr = net.s_addr | htonl(2);
    }
    if (!have_dns) {
        dns.s_addr = net.s_addr | htonl(3);
    }
    if (!have_dhcp) {
        dhcp.s_addr = net.s_addr | htonl(15);
    }
    if (!in_net(host, net, mask) || !in_net(dns, net, mask) ||
        !in_net(dhcp, net, mask)) {
        error_setg(errp, "host, dns and dhcpstart must be inside the network "
                   "(net=)");
        return false;
    }
    if (host.s_addr == dns.s_addr || host.s_addr == dhcp.s_addr) {
        error_setg(errp, "host address must differ from dns and dhcpstart");
        return false;
    }
    for (guint i = 0; i < fwd_text->len; i++) {
        HostFwd fwd;

        if (!parse_hostfwd(g_ptr_array_index(fwd_text, i), dhcp, &fwd, errp)) {
            return false;
        }
        g_array_append_val(fwds, fwd);
    }

    cfg.version = MIN(SLIRP_CONFIG_VERSION_MAX, 4);
    cfg.restricted = restrict_;
    cfg.in_enabled = ipv4;
    cfg.vnetwork = net;
    cfg.vnetmask = mask;
    cfg.vhost = host;
    cfg.vdhcp_start = dhcp;
    cfg.vnameserver = dns;
    cfg.in6_enabled = ipv6;
    if (ipv6) {
        g_autofree char *prefix = g_strdup(ipv6_net);
        char *slash = strchr(prefix, '/');

        prefix_len = 64;
        if (slash) {
            *slash++ = '\0';
            prefix_len = strtol(slash, &end, 10);
            if (*end || end == slash || prefix_len < 1 || prefix_len > 126) {
                error_setg(errp, "ipv6-net=%s: bad prefix length", ipv6_net);
                return false;
            }
        }
        if (inet_pton(AF_INET6, prefix, &cfg.vprefix_addr6) != 1) {
            error_setg(errp, "ipv6-net=%s: not an IPv6 prefix", ipv6_net);
            return false;
        }
        cfg.vprefix_len = prefix_len;
        /* host ::2 and DNS ::3 inside the prefix by default. */
        cfg.vhost6 = cfg.vprefix_addr6;
        cfg.vhost6.s6_addr[15] |= 2;
        cfg.vnameserver6 = cfg.vprefix_addr6;
        cfg.vnameserver6.s6_addr[15] |= 3;
        if (ipv6_host && inet_pton(AF_INET6, ipv6_host, &cfg.vhost6) != 1) {
            error_setg(errp, "ipv6-host=%s: not an IPv6 address", ipv6_host);
            return false;
        }
        if (ipv6_dns && inet_pton(AF_INET6, ipv6_dns, &cfg.vnameserver6) != 1) {
            error_setg(errp, "ipv6-dns=%s: not an IPv6 address", ipv6_dns);
            return false;
        }
    }
    cfg.vhostname = ns->hostname;
    cfg.vdomainname = ns->domainname;
    cfg.tftp_path = ns->tftp;
    cfg.bootfile = ns->bootfile;
    if (search->len) {
        g_ptr_array_add(search, NULL);
        ns->dnssearch = (char **)g_ptr_array_free(g_steal_pointer(&search),
                                                  FALSE);
        cfg.vdnssearch = (const char **)ns->dnssearch;
    }

    ns->slirp = slirp_new(&cfg, &net_slirp_callbacks, ns);
    if (!ns->slirp) {
        error_setg(errp, "could not create the user network stack");
        return false;
    }
    for (guint i = 0; i < fwds->len; i++) {
        HostFwd *f = &g_array_index(fwds, HostFwd, i);

        if (slirp_add_hostfwd(ns->slirp, f->udp, f->host_addr, f->host_port,
                              f->guest_addr, f->guest_port) < 0) {
            error_setg(errp, "hostfwd=%s: could not forward host port %d "
                       "(in use?)", (char *)g_ptr_array_index(fwd_text, i),
                       f->host_port);
            return false;
        }
    }

    ns->source = (SlirpSource *)g_source_new(&net_slirp_source_funcs,
                                              sizeof(SlirpSource));
    ns->source->ns = ns;
    g_source_set_name(&ns->source->source, "slirp");
    g_source_attach(&ns->source->source, NULL);

    {
        char netbuf[INET_ADDRSTRLEN], hostbuf[INET_ADDRSTRLEN];
        char dnsbuf[INET_ADDRSTRLEN], dhcpbuf[INET_ADDRSTRLEN];
        char maskbuf[INET_ADDRSTRLEN];

        inet_ntop(AF_INET, &net, netbuf, sizeof(netbuf));
        inet_ntop(AF_INET, &mask, maskbuf, sizeof(maskbuf));
        inet_ntop(AF_INET, &host, hostbuf, sizeof(hostbuf));
        inet_ntop(AF_INET, &dns, dnsbuf, sizeof(dnsbuf));
        inet_ntop(AF_INET, &dhcp, dhcpbuf, sizeof(dhcpbuf));
        ns->summary = g_strdup_printf("user: net=%s/%s host=%s dns=%s "
                                      "dhcpstart=%s%s%s, %u host forward(s)",
                                      netbuf, maskbuf, hostbuf, dnsbuf,
                                      dhcpbuf, restrict_ ? " restrict" : "",
                                      ipv6 ? " ipv6" : "", fwds->len);
    }
    return true;
}
