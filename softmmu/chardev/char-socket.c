/*
 * char-socket.c — the "socket" backend: TCP or Unix stream sockets, as a
 * server (listen, one client at a time) or a client (connect at creation).
 *
 *   -chardev socket,id=c0,host=127.0.0.1,port=4444,server=on,wait=off
 *           [,ipv4=on|ipv6=on][,nodelay=on]
 *   -chardev socket,id=c0,path=/tmp/s,server=on,wait=off
 *   (old spelling accepted: ",server,nowait")
 *
 * A server accepts one client; while it is connected the listening socket is
 * not watched (later clients wait in the backlog) and the next one is
 * accepted when it leaves. wait=on (the default for a server, as users
 * expect) blocks creation until the first client connects. The frontend gets
 * OPENED when a client connects and CLOSED when it leaves; output while no
 * client is connected is dropped silently.
 *
 * A Unix server removes a stale socket file (one nobody listens on) before
 * binding, refuses to steal a live one, and removes its file when closed.
 * port=0 asks the kernel for a free port; chardev_describe() shows the real
 * one.
 */
#include "char-internal.h"
#include "util/main-loop.h"

#include <glib-unix.h>

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

typedef struct SocketChardev {
    Chardev parent;
    bool is_unix;
    bool server;
    bool nodelay;
    char *host;                 /* TCP: as given ("" = any) */
    char *port;                 /* TCP: as given */
    char *path;                 /* Unix */
    bool unlink_path;           /* we created the Unix socket file */
    int listen_fd;
    guint listen_tag;           /* accept watch, while no client */
    int fd;                     /* the connection, or -1 */
    ChrFdWatch *watch;
    BottomHalf *hangup_bh;      /* disconnect found while writing */
    bool hung_up;               /* hangup_bh scheduled: drop output */
} SocketChardev;

static void socket_ready(Chardev *chr, int fd, GIOCondition cond);
static void socket_listen_watch(SocketChardev *s);

static void socket_set_nodelay(int fd)
{
    int one = 1;

    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

static void socket_connected(SocketChardev *s, int fd)
{
    int fl = fcntl(fd, F_GETFL);

    fcntl(fd, F_SETFL, fl | O_NONBLOCK);
    if (!s->is_unix && s->nodelay) {
        socket_set_nodelay(fd);
    }
    s->fd = fd;
    s->watch = chr_fd_watch_new(&s->parent, fd, socket_ready);
    chr_be_event(&s->parent, CHR_EVENT_OPENED);
}

static void socket_disconnect(SocketChardev *s)
{
    if (s->fd < 0) {
        return;
    }
    chr_fd_watch_free(s->watch);
    s->watch = NULL;
    close(s->fd);
    s->fd = -1;
    s->hung_up = false;
    s->parent.write_stalled = false;
    chr_be_event(&s->parent, CHR_EVENT_CLOSED);
    if (s->server && s->listen_fd >= 0) {
        socket_listen_watch(s);
    }
}

static void socket_hangup_bh(void *opaque)
{
    socket_disconnect(opaque);
}

static gboolean socket_accept_cb(gint fd, GIOCondition cond, gpointer opaque)
{
    SocketChardev *s = opaque;
    int client;

    client = accept4(s->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (client < 0) {
        return G_SOURCE_CONTINUE;       /* EAGAIN, ECONNABORTED: try later */
    }
    s->listen_tag = 0;
    socket_connected(s, client);
    return G_SOURCE_REMOVE;             /* one client at a time */
}

static void socket_listen_watch(SocketChardev *s)
{
    if (!s->listen_tag) {
        s->listen_tag = g_unix_fd_add(s->listen_fd, G_IO_IN, socket_accept_cb, s);
    }
}

static void socket_ready(Chardev *chr, int fd, GIOCondition cond)
{
    SocketChardev *s = (SocketChardev *)chr;
    uint8_t buf[4096];
    int max = chr_be_can_read(chr);
    ssize_t r;

    if (max <= 0) {
        return;
    }
    r = chr_fd_read(fd, buf, MIN((size_t)max, sizeof(buf)), true);
    if (r > 0) {
        chr_be_read(chr, buf, r);
    } else if (r == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
        socket_disconnect(s);
    }
}

/* ---- Address setup ---------------------------------------------------- */

static bool socket_unix_addr(const char *path, struct sockaddr_un *sun,
                             GError **errp)
{
    memset(sun, 0, sizeof(*sun));
    sun->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof(sun->sun_path)) {
        error_setg(errp, "socket path '%s' is too long (max %zu bytes)",
                   path, sizeof(sun->sun_path) - 1);
        return false;
    }
    strcpy(sun->sun_path, path);
    return true;
}

static int socket_unix_connect(const char *path, GError **errp)
{
    struct sockaddr_un sun;
    int fd;

    if (!socket_unix_addr(path, &sun, errp)) {
        return -1;
    }
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error_setg_errno(errp, errno, "cannot create a socket");
        return -1;
    }
    if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
        error_setg_errno(errp, errno, "cannot connect to unix:%s", path);
        close(fd);
        return -1;
    }
    return fd;
}

static bool socket_unix_listen(SocketChardev *s, GError **errp)
{
    struct sockaddr_un sun;
    struct stat st;
    int fd;

    if (!socket_unix_addr(s->path, &sun, errp)) {
        return false;
    }
    if (lstat(s->path, &st) == 0) {
        int probe;

        if (!S_ISSOCK(st.st_mode)) {
            error_setg(errp, "'%s' exists and is not a socket", s->path);
            return false;
        }
        /* Someone listening there: do not steal it. Else it is stale. */
        probe = socket_unix_connect(s->path, NULL);
        if (probe >= 0) {
            close(probe);
            error_setg(errp, "'%s' is in use by another program", s->path);
            return false;
        }
        unlink(s->path);
    }
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        error_setg_errno(errp, errno, "cannot create a socket");
        return false;
    }
    if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
        error_setg_errno(errp, errno, "cannot bind unix:%s", s->path);
        close(fd);
        return false;
    }
    s->unlink_path = true;
    if (listen(fd, 16) < 0) {
        error_setg_errno(errp, errno, "cannot listen on unix:%s", s->path);
        close(fd);
        unlink(s->path);
        s->unlink_path = false;
        return false;
    }
    s->listen_fd = fd;
    return true;
}

static struct addrinfo *socket_resolve(SocketChardev *s, int family,
                                       GError **errp)
{
    struct addrinfo hints = {
        .ai_family = family,
        .ai_socktype = SOCK_STREAM,
        .ai_flags = s->server ? AI_PASSIVE : 0,
    };
    struct addrinfo *res = NULL;
    const char *host = *s->host ? s->host : (s->server ? NULL : "localhost");
    int r = getaddrinfo(host, s->port, &hints, &res);

    if (r != 0) {
        error_setg(errp, "cannot resolve %s:%s: %s", s->host, s->port,
                   gai_strerror(r));
        return NULL;
    }
    return res;
}

static bool socket_tcp_listen(SocketChardev *s, int family, GError **errp)
{
    struct addrinfo *res = socket_resolve(s, family, errp), *ai;
    int saved_errno = 0;

    if (!res) {
        return false;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        int one = 1;
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC |
                        SOCK_NONBLOCK, ai->ai_protocol);

        if (fd < 0) {
            saved_errno = errno;
            continue;
        }
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (ai->ai_family == AF_INET6) {
            /* "::" with ipv6=on only takes IPv6; else both families. */
            int v6only = family == AF_INET6;

            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof(v6only));
        }
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 16) == 0) {
            s->listen_fd = fd;
            freeaddrinfo(res);
            return true;
        }
        saved_errno = errno;
        close(fd);
    }
    freeaddrinfo(res);
    error_setg_errno(errp, saved_errno, "cannot listen on %s:%s",
                     *s->host ? s->host : "*", s->port);
    return false;
}

static int socket_tcp_connect(SocketChardev *s, int family, GError **errp)
{
    struct addrinfo *res = socket_resolve(s, family, errp), *ai;
    int saved_errno = 0;

    if (!res) {
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
                        ai->ai_protocol);

        if (fd < 0) {
            saved_errno = errno;
            continue;
        }
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            freeaddrinfo(res);
            return fd;
        }
        saved_errno = errno;
        close(fd);
    }
    freeaddrinfo(res);
    error_setg_errno(errp, saved_errno, "cannot connect to %s:%s",
                     s->host, s->port);
    return -1;
}

/* Blocks until the first client connects (wait=on). */
static bool socket_wait_client(SocketChardev *s, GError **errp)
{
    g_autofree char *desc = chardev_describe(&s->parent);
    int client;

    fprintf(stderr, "%s: waiting for connection on %s\n",
            error_get_progname(), desc);
    for (;;) {
        struct pollfd pfd = { .fd = s->listen_fd, .events = POLLIN };

        if (poll(&pfd, 1, -1) < 0 && errno != EINTR) {
            error_setg_errno(errp, errno, "waiting for a connection");
            return false;
        }
        client = accept4(s->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (client >= 0) {
            break;
        }
        if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED) {
            error_setg_errno(errp, errno, "accepting a connection");
            return false;
        }
    }
    socket_connected(s, client);
    return true;
}

static bool socket_open(Chardev *chr, const Opts *opts, GError **errp)
{
    SocketChardev *s = (SocketChardev *)chr;
    const char *host = opts_get(opts, "host");
    const char *port = opts_get(opts, "port");
    const char *path = opts_get(opts, "path");
    bool wait, nowait, ipv4, ipv6;
    int family = AF_UNSPEC;

    s->fd = -1;
    s->listen_fd = -1;
    if (!opts_get_bool(opts, "server", false, &s->server, errp) ||
        !opts_get_bool(opts, "wait", true, &wait, errp) ||
        !opts_get_bool(opts, "nowait", false, &nowait, errp) ||
        !opts_get_bool(opts, "nodelay", false, &s->nodelay, errp) ||
        !opts_get_bool(opts, "ipv4", false, &ipv4, errp) ||
        !opts_get_bool(opts, "ipv6", false, &ipv6, errp)) {
        return false;
    }
    if (opts_has(opts, "telnet") || opts_has(opts, "websocket")) {
        error_setg(errp, "telnet and websocket modes are not supported");
        return false;
    }
    if (nowait) {
        wait = false;
    }
    if (path && (host || port)) {
        error_setg(errp, "'path' (Unix socket) cannot be combined with "
                   "'host'/'port' (TCP)");
        return false;
    }
    if (!path && !port) {
        error_setg(errp, "'port' (TCP) or 'path' (Unix socket) is required");
        return false;
    }
    if (ipv4 && ipv6) {
        error_setg(errp, "'ipv4' and 'ipv6' cannot both be on");
        return false;
    }
    family = ipv4 ? AF_INET : ipv6 ? AF_INET6 : AF_UNSPEC;

    if (path) {
        if (!*path) {
            error_setg(errp, "'path' must not be empty");
            return false;
        }
        s->is_unix = true;
        s->path = g_strdup(path);
    } else {
        s->host = g_strdup(host ? host : "");
        s->port = g_strdup(port);
    }
    s->hangup_bh = bh_new(socket_hangup_bh, s);

    if (s->server) {
        if (!(s->is_unix ? socket_unix_listen(s, errp)
                         : socket_tcp_listen(s, family, errp))) {
            goto fail;
        }
        if (wait) {
            if (!socket_wait_client(s, errp)) {
                goto fail;
            }
        } else {
            socket_listen_watch(s);
        }
    } else {
        int fd = s->is_unix ? socket_unix_connect(s->path, errp)
                            : socket_tcp_connect(s, family, errp);

        if (fd < 0) {
            goto fail;
        }
        socket_connected(s, fd);
    }
    return true;

fail:
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
    }
    if (s->unlink_path) {
        unlink(s->path);
    }
    if (s->fd >= 0) {
        chr_fd_watch_free(s->watch);
        close(s->fd);
    }
    bh_delete(s->hangup_bh);
    g_free(s->host);
    g_free(s->port);
    g_free(s->path);
    return false;
}

static int socket_write(Chardev *chr, const uint8_t *buf, int len)
{
    SocketChardev *s = (SocketChardev *)chr;

    if (s->fd < 0 || !chr->connected || s->hung_up) {
        return len;                     /* nobody there: dropped */
    }
    switch (chr_fd_write_all(chr, s->fd, buf, len, CHR_WRITE_SOCKET)) {
    case CHR_WRITE_OK:
        return len;
    case CHR_WRITE_PEER_GONE:
    default:
        /* Do not call the frontend's event() from inside its own write:
         * close from a bottom half; until then output is dropped. */
        s->hung_up = true;
        bh_schedule(s->hangup_bh);
        return len;
    }
}

static bool socket_is_connected(Chardev *chr)
{
    SocketChardev *s = (SocketChardev *)chr;

    return s->fd >= 0 && chr->connected && !s->hung_up;
}

static char *socket_describe(Chardev *chr)
{
    SocketChardev *s = (SocketChardev *)chr;
    const char *role = s->server ? ",server" : "";

    if (s->is_unix) {
        return g_strdup_printf("unix:%s%s", s->path, role);
    }
    if (s->server && s->listen_fd >= 0) {
        struct sockaddr_storage ss;
        socklen_t len = sizeof(ss);
        char host[INET6_ADDRSTRLEN + 2] = "";
        int port = 0;

        if (getsockname(s->listen_fd, (struct sockaddr *)&ss, &len) == 0) {
            if (ss.ss_family == AF_INET) {
                struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

                inet_ntop(AF_INET, &sin->sin_addr, host, sizeof(host));
                port = ntohs(sin->sin_port);
            } else if (ss.ss_family == AF_INET6) {
                struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
                char addr[INET6_ADDRSTRLEN] = "";

                inet_ntop(AF_INET6, &sin6->sin6_addr, addr, sizeof(addr));
                snprintf(host, sizeof(host), "[%s]", addr);
                port = ntohs(sin6->sin6_port);
            }
            return g_strdup_printf("tcp:%s:%d%s", host, port, role);
        }
    }
    return g_strdup_printf("tcp:%s:%s%s", s->host, s->port, role);
}

static void socket_close(Chardev *chr)
{
    SocketChardev *s = (SocketChardev *)chr;

    if (s->listen_tag) {
        g_source_remove(s->listen_tag);
        s->listen_tag = 0;
    }
    if (s->fd >= 0) {
        chr_fd_watch_free(s->watch);
        close(s->fd);
        s->fd = -1;
    }
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
        s->listen_fd = -1;
    }
    if (s->unlink_path) {
        unlink(s->path);
    }
    bh_delete(s->hangup_bh);
    g_free(s->host);
    g_free(s->port);
    g_free(s->path);
}

static const char *const socket_keys[] = {
    "host", "port", "path", "server", "wait", "nowait", "nodelay",
    "ipv4", "ipv6", "telnet", "websocket", NULL
};

const ChardevClass chardev_socket_class = {
    .name = "socket",
    .instance_size = sizeof(SocketChardev),
    .keys = socket_keys,
    .open = socket_open,
    .write = socket_write,
    .describe = socket_describe,
    .close = socket_close,
    .is_connected = socket_is_connected,
};
