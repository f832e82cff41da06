/*
 * net.c — network backends and the frame queue between a backend and its
 * NIC model, and the "netdev" property kind (see include/net/net.h).
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "net/net.h"

/* Frames kept for a NIC that has no receive buffers: about what a NIC ring
 * holds. */
#define NET_RX_QUEUE_MAX 256

NetClient *net_client_new(NetdevInfo *info, const NetFrontendOps *ops,
                          void *opaque, GError **errp)
{
    NetClient *nc = g_new0(NetClient, 1);

    nc->id = g_strdup(info->id);
    nc->frontend = ops;
    nc->frontend_opaque = opaque;
    nc->rx_queue = g_queue_new();
    if (!g_strcmp0(info->type, "user")) {
        if (!net_slirp_init(nc, info->opts, errp)) {
            error_prepend(errp, "-netdev %s: ", info->opts);
            net_client_free(nc);
            return NULL;
        }
    } else {
        error_setg(errp, "-netdev %s: unsupported network backend '%s'",
                   info->opts, info->type ? info->type : "");
        net_client_free(nc);
        return NULL;
    }
    return nc;
}

void net_client_free(NetClient *nc)
{
    if (!nc) {
        return;
    }
    if (nc->backend && nc->backend->cleanup) {
        nc->backend->cleanup(nc);
    }
    g_queue_free_full(nc->rx_queue, (GDestroyNotify)g_bytes_unref);
    g_free(nc->id);
    g_free(nc);
}

void net_client_send(NetClient *nc, const uint8_t *buf, size_t len)
{
    if (nc->backend && nc->backend->send) {
        nc->backend->send(nc, buf, len);
    }
}

static bool net_client_try_receive(NetClient *nc, const uint8_t *buf,
                                   size_t len)
{
    return nc->frontend->can_receive(nc->frontend_opaque) &&
           nc->frontend->receive(nc->frontend_opaque, buf, len);
}

void net_client_flush_queue(NetClient *nc)
{
    while (!g_queue_is_empty(nc->rx_queue)) {
        GBytes *b = g_queue_peek_head(nc->rx_queue);
        gsize len;
        const uint8_t *data = g_bytes_get_data(b, &len);

        if (!net_client_try_receive(nc, data, len)) {
            return;
        }
        g_bytes_unref(g_queue_pop_head(nc->rx_queue));
    }
}

void net_client_deliver(NetClient *nc, const uint8_t *buf, size_t len)
{
    /* Keep the order: nothing overtakes queued frames. */
    if (g_queue_is_empty(nc->rx_queue) && net_client_try_receive(nc, buf, len)) {
        return;
    }
    if (g_queue_get_length(nc->rx_queue) >= NET_RX_QUEUE_MAX) {
        nc->rx_dropped++;
        return;
    }
    g_queue_push_tail(nc->rx_queue, g_bytes_new(buf, len));
}

unsigned net_client_queued(NetClient *nc)
{
    return g_queue_get_length(nc->rx_queue);
}

char *net_client_describe(NetClient *nc)
{
    if (nc->backend && nc->backend->describe) {
        return nc->backend->describe(nc);
    }
    return g_strdup("(no backend)");
}

/* ---- The "netdev" property kind ----------------------------------------- */

static NetdevInfo **prop_netdev_field(Object *obj, const Property *prop)
{
    return (NetdevInfo **)((char *)obj + prop->offset);
}

static bool prop_netdev_set(Object *obj, const Property *prop,
                            const char *value, GError **errp)
{
    NetdevInfo **field = prop_netdev_field(obj, prop);
    NetdevInfo *n;

    if (!value || !*value) {
        if (*field) {
            (*field)->claimed = false;
        }
        *field = NULL;
        return true;
    }
    n = netdev_find_by_id(value);
    if (!n) {
        error_setg(errp, "no netdev with id '%s' (see -netdev ...,id=)", value);
        return false;
    }
    if (n == *field) {
        return true;
    }
    if (n->claimed) {
        error_setg(errp, "netdev '%s' is already in use by another device",
                   value);
        return false;
    }
    if (*field) {
        (*field)->claimed = false;
    }
    n->claimed = true;
    *field = n;
    return true;
}

static char *prop_netdev_get(Object *obj, const Property *prop)
{
    NetdevInfo *n = *prop_netdev_field(obj, prop);

    return g_strdup(n ? n->id : "");
}

static void prop_netdev_set_default(Object *obj, const Property *prop)
{
    *prop_netdev_field(obj, prop) = NULL;
}

static void prop_netdev_release(Object *obj, const Property *prop)
{
    NetdevInfo **field = prop_netdev_field(obj, prop);

    if (*field) {
        (*field)->claimed = false;
        *field = NULL;
    }
}

const PropertyInfo prop_info_netdev = {
    .type_name = "netdev",
    .set = prop_netdev_set,
    .get = prop_netdev_get,
    .set_default = prop_netdev_set_default,
    .release = prop_netdev_release,
};
