/*
 * test-chardev.c — unit tests of the character backends (softmmu/chardev/):
 * spec parsing and errors, null, file, stdio over pipes and a pty, pty,
 * Unix and TCP sockets (server, client, wait=on, reconnect, events), flow
 * control, slow peers, the mux and its Ctrl-A escapes, and the "chardev"
 * property kind.
 *
 * The tests play the peer with plain socket calls and drive the main loop
 * with main_loop_wait() until the expected effect shows up (or a timeout).
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/main-loop.h"
#include "chardev/char.h"
#include "sysemu/runstate.h"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

/* ---- Stub of the run state (Ctrl-A x) --------------------------------- */

static int shutdown_calls;
static ShutdownCause shutdown_cause;

void system_shutdown_request(ShutdownCause cause)
{
    shutdown_calls++;
    shutdown_cause = cause;
}

/* ---- A recording frontend --------------------------------------------- */

typedef struct TestFe {
    GString *in;            /* bytes received */
    GString *events;        /* O opened, C closed, B break, I mux-in, X mux-out */
    int room;               /* can_read result; -1: unlimited */
} TestFe;

static int fe_can_read(void *opaque)
{
    TestFe *fe = opaque;

    return fe->room < 0 ? 4096 : fe->room;
}

static void fe_read(void *opaque, const uint8_t *buf, int len)
{
    TestFe *fe = opaque;

    g_assert_cmpint(len, >, 0);
    if (fe->room >= 0) {
        g_assert_cmpint(len, <=, fe->room);
        fe->room -= len;
    }
    g_string_append_len(fe->in, (const char *)buf, len);
}

static void fe_event(void *opaque, ChardevEvent event)
{
    static const char code[] = {
        [CHR_EVENT_OPENED] = 'O', [CHR_EVENT_CLOSED] = 'C',
        [CHR_EVENT_BREAK] = 'B', [CHR_EVENT_MUX_IN] = 'I',
        [CHR_EVENT_MUX_OUT] = 'X',
    };
    TestFe *fe = opaque;

    g_string_append_c(fe->events, code[event]);
}

static const CharFrontendOps fe_ops = {
    .can_read = fe_can_read,
    .read = fe_read,
    .event = fe_event,
};

static void fe_init(TestFe *fe)
{
    fe->in = g_string_new("");
    fe->events = g_string_new("");
    fe->room = -1;
}

static void fe_clear(TestFe *fe)
{
    g_string_free(fe->in, TRUE);
    g_string_free(fe->events, TRUE);
}

/* Runs the main loop until cond holds or ms elapse; evaluates to cond. */
#define SPIN_UNTIL(cond, ms) ({                                             \
    int64_t end_ = g_get_monotonic_time() + (ms) * 1000LL;                  \
    while (!(cond) && g_get_monotonic_time() < end_) {                      \
        main_loop_wait(false, 10 * 1000 * 1000);                            \
    }                                                                       \
    (cond);                                                                 \
})

static void spin_ms(int ms)
{
    int64_t end = g_get_monotonic_time() + ms * 1000LL;

    while (g_get_monotonic_time() < end) {
        main_loop_wait(false, 5 * 1000 * 1000);
    }
}

static Chardev *new_ok(const char *spec)
{
    GError *err = NULL;
    Chardev *chr = chardev_new_from_opts(spec, &err);

    g_assert_no_error(err);
    g_assert_nonnull(chr);
    return chr;
}

static void attach_ok(Chardev *chr, TestFe *fe)
{
    GError *err = NULL;

    g_assert_true(chardev_attach(chr, &fe_ops, fe, &err));
    g_assert_no_error(err);
}

/* Expects spec to fail with a message containing want. */
static void expect_error(const char *spec, const char *want)
{
    GError *err = NULL;

    g_assert_null(chardev_new_from_opts(spec, &err));
    g_assert_nonnull(err);
    if (!strstr(err->message, want)) {
        g_error("spec '%s': got '%s', want '%s'", spec, err->message, want);
    }
    g_error_free(err);
}

static char *tmp_dir;

static char *tmp_path(const char *name)
{
    return g_build_filename(tmp_dir, name, NULL);
}

/* ---- Peer helpers ----------------------------------------------------- */

static int unix_connect(const char *path)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_assert_cmpint(fd, >=, 0);
    g_strlcpy(sun.sun_path, path, sizeof(sun.sun_path));
    g_assert_cmpint(connect(fd, (struct sockaddr *)&sun, sizeof(sun)), ==, 0);
    return fd;
}

static int tcp_connect(int port)
{
    struct sockaddr_in sin = {
        .sin_family = AF_INET,
        .sin_port = htons(port),
        .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
    };
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(connect(fd, (struct sockaddr *)&sin, sizeof(sin)), ==, 0);
    return fd;
}

static void send_str(int fd, const char *s)
{
    g_assert_cmpint(send(fd, s, strlen(s), MSG_NOSIGNAL), ==, (ssize_t)strlen(s));
}

/* Reads exactly len bytes (2 s timeout) into a new string. */
static char *recv_len(int fd, size_t len)
{
    char *buf = g_malloc0(len + 1);
    size_t got = 0;

    while (got < len) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        ssize_t r;

        g_assert_cmpint(poll(&pfd, 1, 2000), ==, 1);
        r = read(fd, buf + got, len - got);
        g_assert_cmpint(r, >, 0);
        got += r;
    }
    return buf;
}

static bool fd_readable(int fd, int ms)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };

    return poll(&pfd, 1, ms) == 1;
}

static void chr_write_str(Chardev *chr, const char *s)
{
    g_assert_cmpint(chardev_write(chr, (const uint8_t *)s, strlen(s)), ==,
                    (int)strlen(s));
}

/* ---- Tests ------------------------------------------------------------ */

static void test_errors(void)
{
    GError *err = NULL;
    Chardev *chr;

    expect_error("foo,id=x", "chardev: unknown backend 'foo'");
    expect_error("file,id=c0", "chardev 'c0': 'path' is required");
    expect_error("file,id=c0,path=/tmp/x,bogus=1",
                 "chardev 'c0': invalid parameter 'bogus' for backend 'file'");
    expect_error("null", "chardev null: 'id' is required");
    expect_error("id=c0", "chardev: no backend given");
    expect_error("socket,id=s0", "chardev 's0': 'port' (TCP) or 'path'");
    expect_error("socket,id=s0,port=1,server=maybe",
                 "chardev 's0': parameter 'server': 'maybe' is not a boolean");
    expect_error("socket,id=s0,path=/tmp/x,port=3", "cannot be combined");
    expect_error("socket,id=s0,port=0,host=127.0.0.1,telnet=on",
                 "telnet and websocket modes are not supported");
    expect_error("file,id=c0,path=/nonexistent-dir/x",
                 "chardev 'c0': cannot open '/nonexistent-dir/x'");
    expect_error("null,id=n0,mux=perhaps", "chardev 'n0': parameter 'mux'");

    chr = new_ok("null,id=dup");
    expect_error("null,id=dup", "chardev 'dup': id already in use");
    chardev_delete(chr);

    g_assert_null(chardev_new_from_legacy("serial0:x", NULL, &err));
    g_assert_nonnull(strstr(err->message, "chardev: unknown backend 'serial0:x'"));
    g_clear_error(&err);
    g_assert_null(chardev_new_from_legacy("chardev:nope", NULL, &err));
    g_assert_nonnull(strstr(err->message, "no chardev with id 'nope'"));
    g_clear_error(&err);
    g_assert_null(chardev_new_from_legacy("tcp:localhost", NULL, &err));
    g_assert_nonnull(strstr(err->message, "needs a port"));
    g_clear_error(&err);

    /* A client to a port nobody listens on fails at creation. */
    {
        struct sockaddr_in sin = { .sin_family = AF_INET,
                                   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
        socklen_t len = sizeof(sin);
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        g_autofree char *spec = NULL;

        g_assert_cmpint(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), ==, 0);
        g_assert_cmpint(getsockname(fd, (struct sockaddr *)&sin, &len), ==, 0);
        close(fd);              /* now refused */
        spec = g_strdup_printf("socket,id=cl,host=127.0.0.1,port=%d",
                               ntohs(sin.sin_port));
        expect_error(spec, "chardev 'cl': cannot connect to 127.0.0.1:");
        g_assert_null(chardev_find("cl"));
    }
    /* Nothing half-made stays registered. */
    g_assert_null(chardev_find("c0"));
    g_assert_null(chardev_find("s0"));
}

static void test_null(void)
{
    Chardev *chr = new_ok("null,id=n0");
    GError *err = NULL;
    TestFe fe;

    fe_init(&fe);
    g_assert_true(chardev_find("n0") == chr);
    g_assert_cmpstr(chardev_get_id(chr), ==, "n0");
    attach_ok(chr, &fe);
    g_assert_cmpstr(fe.events->str, ==, "O");
    g_assert_cmpint(chardev_write(chr, (const uint8_t *)"discard", 7), ==, 7);
    g_assert_true(chardev_is_connected(chr));
    {
        g_autofree char *d = chardev_describe(chr);
        g_assert_cmpstr(d, ==, "null");
    }
    /* A second frontend is refused. */
    g_assert_false(chardev_attach(chr, &fe_ops, &fe, &err));
    g_assert_nonnull(strstr(err->message, "already in use"));
    g_clear_error(&err);
    chardev_detach(chr);
    chardev_delete(chr);
    g_assert_null(chardev_find("n0"));

    chr = chardev_new_from_legacy("none", "n1", &err);
    g_assert_no_error(err);
    g_autofree char *d = chardev_describe(chr);
    g_assert_cmpstr(d, ==, "null");
    chardev_delete(chr);
    fe_clear(&fe);
}

static void test_file(void)
{
    g_autofree char *path = tmp_path("out.txt");
    g_autofree char *path2 = tmp_path("a,b.txt");
    g_autofree char *spec = g_strdup_printf("file,id=f0,path=%s", path);
    g_autofree char *legacy = g_strdup_printf("file:%s", path2);
    g_autofree char *contents = NULL;
    GError *err = NULL;
    Chardev *chr;
    char *d;

    g_file_set_contents(path, "old content", -1, NULL);
    chr = new_ok(spec);
    chr_write_str(chr, "hello ");
    chr_write_str(chr, "file\n");
    d = chardev_describe(chr);
    g_assert_true(g_str_has_prefix(d, "file:"));
    g_assert_true(g_str_has_suffix(d, "out.txt"));
    g_free(d);
    chardev_delete(chr);
    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, "hello file\n");     /* truncated first */
    g_clear_pointer(&contents, g_free);

    /* append=on keeps what is there. */
    g_free(spec);
    spec = g_strdup_printf("file,id=f1,path=%s,append=on", path);
    chr = new_ok(spec);
    chr_write_str(chr, "more\n");
    chardev_delete(chr);
    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, "hello file\nmore\n");
    g_clear_pointer(&contents, g_free);

    /* The short form, with a ',' in the file name. */
    chr = chardev_new_from_legacy(legacy, NULL, &err);
    g_assert_no_error(err);
    chr_write_str(chr, "x");
    chardev_delete(chr);
    g_assert_true(g_file_get_contents(path2, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, "x");
}

/* Full round trip and events over a connected socket chardev. */
static void check_round_trip(Chardev *chr, TestFe *fe, int peer)
{
    g_autofree char *got = NULL;

    send_str(peer, "ping");
    g_assert_true(SPIN_UNTIL(fe->in->len >= 4, 2000));
    g_assert_cmpstr(fe->in->str, ==, "ping");
    g_string_truncate(fe->in, 0);
    chr_write_str(chr, "pong!");
    got = recv_len(peer, 5);
    g_assert_cmpstr(got, ==, "pong!");
}

static void test_socket_unix(void)
{
    g_autofree char *path = tmp_path("s.sock");
    g_autofree char *spec = g_strdup_printf(
        "socket,id=u0,path=%s,server=on,wait=off", path);
    struct stat st;
    Chardev *chr;
    TestFe fe;
    int peer;

    /* A stale socket file (nobody listening) is replaced. */
    {
        struct sockaddr_un sun = { .sun_family = AF_UNIX };
        int fd = socket(AF_UNIX, SOCK_STREAM, 0);

        g_strlcpy(sun.sun_path, path, sizeof(sun.sun_path));
        g_assert_cmpint(bind(fd, (struct sockaddr *)&sun, sizeof(sun)), ==, 0);
        close(fd);
        g_assert_cmpint(stat(path, &st), ==, 0);
    }
    fe_init(&fe);
    chr = new_ok(spec);
    {
        g_autofree char *d = chardev_describe(chr);
        g_autofree char *want = g_strdup_printf("unix:%s,server", path);
        g_assert_cmpstr(d, ==, want);
    }
    /* A live one (someone listens on it) is not stolen. */
    {
        g_autofree char *live = tmp_path("live.sock");
        g_autofree char *spec2 = g_strdup_printf(
            "socket,id=u1,path=%s,server=on,wait=off", live);
        struct sockaddr_un sun = { .sun_family = AF_UNIX };
        int fd = socket(AF_UNIX, SOCK_STREAM, 0);

        g_strlcpy(sun.sun_path, live, sizeof(sun.sun_path));
        g_assert_cmpint(bind(fd, (struct sockaddr *)&sun, sizeof(sun)), ==, 0);
        g_assert_cmpint(listen(fd, 1), ==, 0);
        expect_error(spec2, "is in use by another program");
        g_assert_cmpint(stat(live, &st), ==, 0);
        close(fd);
    }
    attach_ok(chr, &fe);
    g_assert_cmpstr(fe.events->str, ==, "");
    g_assert_false(chardev_is_connected(chr));
    /* Output with no client is dropped, not an error. */
    chr_write_str(chr, "lost");

    peer = unix_connect(path);
    g_assert_true(SPIN_UNTIL(fe.events->len == 1, 2000));
    g_assert_cmpstr(fe.events->str, ==, "O");
    g_assert_true(chardev_is_connected(chr));
    check_round_trip(chr, &fe, peer);
    g_assert_false(fd_readable(peer, 0));    /* "lost" was really dropped */

    close(peer);
    g_assert_true(SPIN_UNTIL(fe.events->len == 2, 2000));
    g_assert_cmpstr(fe.events->str, ==, "OC");
    g_assert_false(chardev_is_connected(chr));

    chardev_detach(chr);
    chardev_delete(chr);
    g_assert_cmpint(stat(path, &st), ==, -1);   /* removed at close */
    fe_clear(&fe);
}

static int describe_port(Chardev *chr)
{
    g_autofree char *d = chardev_describe(chr);
    const char *colon = strrchr(d, ':');
    int port;

    g_assert_true(g_str_has_prefix(d, "tcp:127.0.0.1:"));
    g_assert_true(g_str_has_suffix(d, ",server"));
    port = atoi(colon + 1);
    g_assert_cmpint(port, >, 0);
    return port;
}

static void test_socket_tcp_reconnect(void)
{
    Chardev *chr = new_ok("socket,id=t0,host=127.0.0.1,port=0,server=on,"
                          "wait=off,nodelay=on,ipv4=on");
    int port = describe_port(chr);
    TestFe fe;
    int peer, peer2;

    fe_init(&fe);
    attach_ok(chr, &fe);
    peer = tcp_connect(port);
    g_assert_true(SPIN_UNTIL(fe.events->len == 1, 2000));
    g_assert_cmpstr(fe.events->str, ==, "O");
    check_round_trip(chr, &fe, peer);

    /* One client at a time: a second one is not served meanwhile. */
    peer2 = tcp_connect(port);
    send_str(peer2, "early");
    spin_ms(100);
    g_assert_cmpstr(fe.in->str, ==, "");
    g_assert_cmpstr(fe.events->str, ==, "O");

    /* The first leaves: CLOSED, then the waiting one is accepted. */
    close(peer);
    g_assert_true(SPIN_UNTIL(fe.events->len == 3, 2000));
    g_assert_cmpstr(fe.events->str, ==, "OCO");
    g_assert_true(SPIN_UNTIL(fe.in->len == 5, 2000));
    g_assert_cmpstr(fe.in->str, ==, "early");
    g_string_truncate(fe.in, 0);
    check_round_trip(chr, &fe, peer2);
    close(peer2);
    g_assert_true(SPIN_UNTIL(fe.events->len == 4, 2000));

    /* And a third one later. */
    peer = tcp_connect(port);
    g_assert_true(SPIN_UNTIL(fe.events->len == 5, 2000));
    g_assert_cmpstr(fe.events->str, ==, "OCOCO");
    check_round_trip(chr, &fe, peer);
    close(peer);

    chardev_detach(chr);
    chardev_delete(chr);
    fe_clear(&fe);
}

static void test_socket_client(void)
{
    struct sockaddr_in sin = { .sin_family = AF_INET,
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof(sin);
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    g_autofree char *spec = NULL;
    Chardev *chr;
    TestFe fe;
    int peer;

    g_assert_cmpint(bind(lfd, (struct sockaddr *)&sin, sizeof(sin)), ==, 0);
    g_assert_cmpint(listen(lfd, 1), ==, 0);
    g_assert_cmpint(getsockname(lfd, (struct sockaddr *)&sin, &len), ==, 0);
    spec = g_strdup_printf("socket,id=cl0,host=127.0.0.1,port=%d",
                           ntohs(sin.sin_port));
    chr = new_ok(spec);
    peer = accept(lfd, NULL, NULL);
    g_assert_cmpint(peer, >=, 0);
    g_assert_true(chardev_is_connected(chr));
    fe_init(&fe);
    attach_ok(chr, &fe);
    g_assert_cmpstr(fe.events->str, ==, "O");    /* already connected */
    check_round_trip(chr, &fe, peer);

    /* The server goes away: CLOSED, writes are dropped silently. */
    close(peer);
    g_assert_true(SPIN_UNTIL(fe.events->len == 2, 2000));
    g_assert_cmpstr(fe.events->str, ==, "OC");
    chr_write_str(chr, "nobody");
    chardev_detach(chr);
    chardev_delete(chr);
    close(lfd);
    fe_clear(&fe);
}

static gpointer connect_later(gpointer opaque)
{
    g_usleep(100000);
    return GINT_TO_POINTER(unix_connect(opaque));
}

static void test_socket_wait(void)
{
    g_autofree char *path = tmp_path("w.sock");
    g_autofree char *spec = g_strdup_printf("socket,id=w0,path=%s,server=on",
                                            path);
    int64_t t0 = g_get_monotonic_time();
    GThread *th;
    Chardev *chr;
    TestFe fe;
    int peer;

    /* The thread connects once the socket exists; creation blocks until. */
    th = g_thread_new("client", connect_later, path);
    chr = new_ok(spec);
    peer = GPOINTER_TO_INT(g_thread_join(th));
    g_assert_cmpint(g_get_monotonic_time() - t0, >=, 90000);
    g_assert_true(chardev_is_connected(chr));
    fe_init(&fe);
    attach_ok(chr, &fe);
    g_assert_cmpstr(fe.events->str, ==, "O");
    check_round_trip(chr, &fe, peer);
    close(peer);
    chardev_detach(chr);
    chardev_delete(chr);
    fe_clear(&fe);
}

static void test_flow_control(void)
{
    g_autofree char *path = tmp_path("f.sock");
    g_autofree char *spec = g_strdup_printf(
        "socket,id=fc,path=%s,server=on,wait=off", path);
    Chardev *chr = new_ok(spec);
    TestFe fe;
    int peer;

    fe_init(&fe);
    fe.room = 0;
    attach_ok(chr, &fe);
    peer = unix_connect(path);
    g_assert_true(SPIN_UNTIL(fe.events->len == 1, 2000));
    send_str(peer, "abcdefgh");
    spin_ms(50);
    g_assert_cmpstr(fe.in->str, ==, "");       /* can_read 0: nothing */

    fe.room = 3;
    chardev_accept_input(chr);
    g_assert_true(SPIN_UNTIL(fe.in->len == 3, 2000));
    spin_ms(50);
    g_assert_cmpstr(fe.in->str, ==, "abc");    /* no more than offered */

    fe.room = 100;
    chardev_accept_input(chr);
    g_assert_true(SPIN_UNTIL(fe.in->len == 8, 2000));
    g_assert_cmpstr(fe.in->str, ==, "abcdefgh");

    close(peer);
    chardev_detach(chr);
    chardev_delete(chr);
    fe_clear(&fe);
}

static void test_slow_peer(void)
{
    g_autofree char *path = tmp_path("slow.sock");
    g_autofree char *spec = g_strdup_printf(
        "socket,id=slow,path=%s,server=on,wait=off", path);
    Chardev *chr = new_ok(spec);
    size_t big = 8 * MiB;
    g_autofree uint8_t *buf = g_malloc0(big);
    int64_t t0, t1;
    TestFe fe;
    int peer;

    fe_init(&fe);
    attach_ok(chr, &fe);
    peer = unix_connect(path);
    g_assert_true(SPIN_UNTIL(fe.events->len == 1, 2000));

    /* The peer never reads: after about a second the rest is dropped. */
    t0 = g_get_monotonic_time();
    g_assert_cmpint(chardev_write(chr, buf, big), ==, (int)big);
    t1 = g_get_monotonic_time();
    g_assert_cmpint(t1 - t0, >=, 900000);
    g_assert_cmpint(t1 - t0, <, 3000000);
    /* Later writes do not wait again while it stays stuck. */
    g_assert_cmpint(chardev_write(chr, buf, 65536), ==, 65536);
    g_assert_cmpint(g_get_monotonic_time() - t1, <, 200000);

    /* The peer hangs up: writes are dropped silently, then CLOSED. */
    close(peer);
    g_assert_cmpint(chardev_write(chr, buf, 100), ==, 100);
    g_assert_true(SPIN_UNTIL(fe.events->len == 2, 2000));
    g_assert_cmpstr(fe.events->str, ==, "OC");
    g_assert_cmpint(chardev_write(chr, buf, 100), ==, 100);

    chardev_detach(chr);
    chardev_delete(chr);
    fe_clear(&fe);
}

static void test_mux(void)
{
    g_autofree char *path = tmp_path("mux.sock");
    g_autofree char *spec = g_strdup_printf(
        "socket,id=mx,path=%s,server=on,wait=off,mux=on", path);
    Chardev *chr = new_ok(spec);
    TestFe serial, mon, third;
    GError *err = NULL;
    int peer;

    g_assert_nonnull(chardev_find("mx-base"));
    {
        g_autofree char *d = chardev_describe(chr);
        g_autofree char *want = g_strdup_printf("mux:unix:%s,server", path);
        g_assert_cmpstr(d, ==, want);
    }
    fe_init(&serial);
    fe_init(&mon);
    fe_init(&third);
    attach_ok(chr, &serial);
    attach_ok(chr, &mon);
    g_assert_cmpstr(serial.events->str, ==, "I");   /* focus, not open yet */
    g_assert_cmpstr(mon.events->str, ==, "");

    peer = unix_connect(path);
    g_assert_true(SPIN_UNTIL(serial.events->len == 2, 2000));
    g_assert_cmpstr(serial.events->str, ==, "IO");
    g_assert_cmpstr(mon.events->str, ==, "");

    /* Input goes to the focused frontend. */
    send_str(peer, "ab");
    g_assert_true(SPIN_UNTIL(serial.in->len == 2, 2000));
    g_assert_cmpstr(serial.in->str, ==, "ab");

    /* C-a c: focus to the monitor, which is opened on first focus. */
    send_str(peer, "\001cxy");
    g_assert_true(SPIN_UNTIL(mon.in->len == 2, 2000));
    g_assert_cmpstr(mon.in->str, ==, "xy");
    g_assert_cmpstr(serial.in->str, ==, "ab");
    g_assert_cmpstr(serial.events->str, ==, "IOX");
    g_assert_cmpstr(mon.events->str, ==, "OI");

    /* C-a C-a is a literal C-a; unknown escapes are swallowed. */
    send_str(peer, "\001\001\001zq");
    g_assert_true(SPIN_UNTIL(mon.in->len == 4, 2000));
    g_assert_cmpstr(mon.in->str, ==, "xy\001q");

    /* Output of both frontends reaches the backend, focused or not. */
    chr_write_str(chr, "S");
    chr_write_str(chr, "M");
    {
        g_autofree char *got = recv_len(peer, 2);
        g_assert_cmpstr(got, ==, "SM");
    }

    /* C-a h prints the help on the backend. */
    send_str(peer, "\001h");
    {
        g_autofree char *got = NULL;
        GString *all = g_string_new("");

        while (!strstr(all->str, "C-a C-a") && SPIN_UNTIL(fd_readable(peer, 0), 2000)) {
            char buf[512];
            ssize_t r = read(peer, buf, sizeof(buf) - 1);

            g_assert_cmpint(r, >, 0);
            g_string_append_len(all, buf, r);
        }
        got = g_string_free(all, FALSE);
        g_assert_nonnull(strstr(got, "C-a x"));
        g_assert_nonnull(strstr(got, "C-a c"));
    }

    /* C-a c again: back to the serial port; C-a b breaks it. */
    send_str(peer, "\001c\001bz");
    g_assert_true(SPIN_UNTIL(serial.in->len == 3, 2000));
    g_assert_cmpstr(serial.in->str, ==, "abz");
    g_assert_cmpstr(serial.events->str, ==, "IOXIB");
    g_assert_cmpstr(mon.events->str, ==, "OIX");

    /* A slow focused frontend: bytes wait in the mux, accept resumes. */
    serial.room = 0;
    send_str(peer, "123");
    spin_ms(50);
    g_assert_cmpstr(serial.in->str, ==, "abz");
    serial.room = 10;
    chardev_accept_input(chr);
    g_assert_true(SPIN_UNTIL(serial.in->len == 6, 2000));
    g_assert_cmpstr(serial.in->str, ==, "abz123");

    /* C-a x asks for a shutdown. */
    g_assert_cmpint(shutdown_calls, ==, 0);
    send_str(peer, "\001x");
    g_assert_true(SPIN_UNTIL(shutdown_calls == 1, 2000));
    g_assert_cmpint(shutdown_cause, ==, SHUTDOWN_CAUSE_HOST_UI);

    /* The client leaves: both opened frontends get CLOSED. */
    close(peer);
    g_assert_true(SPIN_UNTIL(mon.events->len == 4, 2000));
    g_assert_cmpstr(mon.events->str, ==, "OIXC");
    g_assert_cmpstr(serial.events->str, ==, "IOXIBC");

    /* Up to four frontends. */
    attach_ok(chr, &third);
    attach_ok(chr, &third);
    g_assert_false(chardev_attach(chr, &fe_ops, &third, &err));
    g_assert_nonnull(strstr(err->message, "at most 4 frontends"));
    g_clear_error(&err);

    chardev_detach(chr);
    chardev_delete(chr);
    chardev_delete(chardev_find("mx-base"));
    fe_clear(&serial);
    fe_clear(&mon);
    fe_clear(&third);
}

static void test_legacy(void)
{
    g_autofree char *path = tmp_path("leg.sock");
    g_autofree char *spec = g_strdup_printf("mon:unix:%s,server,nowait", path);
    GError *err = NULL;
    Chardev *chr, *same;
    char *d;

    chr = chardev_new_from_legacy("tcp:127.0.0.1:0,server,nowait", "l0", &err);
    g_assert_no_error(err);
    describe_port(chr);
    g_assert_false(chardev_is_connected(chr));
    same = chardev_new_from_legacy("chardev:l0", NULL, &err);
    g_assert_true(same == chr);

    chr = chardev_new_from_legacy(spec, "mon0", &err);
    g_assert_no_error(err);
    d = chardev_describe(chr);
    g_assert_true(g_str_has_prefix(d, "mux:unix:"));
    g_assert_true(g_str_has_suffix(d, "leg.sock,server"));
    g_free(d);
    g_assert_nonnull(chardev_find("mon0-base"));

    /* Automatic ids are unique. */
    chr = chardev_new_from_legacy("null", NULL, &err);
    same = chardev_new_from_legacy("null", NULL, &err);
    g_assert_no_error(err);
    g_assert_cmpstr(chardev_get_id(chr), !=, chardev_get_id(same));

    chardev_cleanup_all();
    g_assert_null(chardev_find("l0"));
    g_assert_null(chardev_find("mon0"));
    g_assert_null(chardev_find("mon0-base"));
    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
}

/* Puts pipes (or a tty) on fd 0/1 for the stdio backend, and back. */
typedef struct StdFds {
    int saved_in, saved_out;
} StdFds;

static void std_redirect(StdFds *s, int in, int out)
{
    s->saved_in = dup(STDIN_FILENO);
    s->saved_out = dup(STDOUT_FILENO);
    fflush(stdout);
    dup2(in, STDIN_FILENO);
    if (out >= 0) {
        dup2(out, STDOUT_FILENO);
    }
}

static void std_restore(StdFds *s)
{
    dup2(s->saved_in, STDIN_FILENO);
    dup2(s->saved_out, STDOUT_FILENO);
    close(s->saved_in);
    close(s->saved_out);
}

static void test_stdio_pipe(void)
{
    int in[2], out[2];
    StdFds fds;
    Chardev *chr;
    TestFe fe;
    int64_t t0;

    g_assert_cmpint(pipe(in), ==, 0);
    g_assert_cmpint(pipe(out), ==, 0);
    std_redirect(&fds, in[0], out[1]);
    close(in[0]);
    close(out[1]);

    fe_init(&fe);
    chr = new_ok("stdio,id=io");
    expect_error("stdio,id=io2", "stdio is already used by chardev 'io'");
    attach_ok(chr, &fe);
    g_assert_cmpstr(fe.events->str, ==, "O");

    g_assert_cmpint(write(in[1], "typed", 5), ==, 5);
    g_assert_true(SPIN_UNTIL(fe.in->len == 5, 2000));
    g_assert_cmpstr(fe.in->str, ==, "typed");
    chr_write_str(chr, "shown");
    {
        g_autofree char *got = recv_len(out[0], 5);
        g_assert_cmpstr(got, ==, "shown");
    }

    /* EOF on stdin: reading stops (no busy loop), output still works. */
    close(in[1]);
    spin_ms(20);
    t0 = g_get_monotonic_time();
    main_loop_wait(false, 50 * 1000 * 1000);
    g_assert_cmpint(g_get_monotonic_time() - t0, >=, 40000);
    g_assert_cmpstr(fe.events->str, ==, "O");
    chr_write_str(chr, "still");
    {
        g_autofree char *got = recv_len(out[0], 5);
        g_assert_cmpstr(got, ==, "still");
    }

    chardev_detach(chr);
    chardev_delete(chr);
    std_restore(&fds);
    close(out[0]);
    fe_clear(&fe);
}

static int open_pty(int *slave)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);

    g_assert_cmpint(master, >=, 0);
    g_assert_cmpint(grantpt(master), ==, 0);
    g_assert_cmpint(unlockpt(master), ==, 0);
    *slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    g_assert_cmpint(*slave, >=, 0);
    return master;
}

static void test_stdio_tty(void)
{
    struct termios before, during, after;
    StdFds fds;
    Chardev *chr;
    int slave, master = open_pty(&slave);

    std_redirect(&fds, slave, -1);
    g_assert_cmpint(tcgetattr(STDIN_FILENO, &before), ==, 0);
    g_assert_true(before.c_lflag & ICANON);
    g_assert_true(before.c_lflag & ECHO);
    g_assert_true(before.c_lflag & ISIG);

    chr = new_ok("stdio,id=tty,signal=off");
    g_assert_cmpint(tcgetattr(STDIN_FILENO, &during), ==, 0);
    g_assert_false(during.c_lflag & ICANON);
    g_assert_false(during.c_lflag & ECHO);
    g_assert_false(during.c_lflag & ISIG);      /* signal=off */
    g_assert_false(during.c_iflag & ICRNL);
    g_assert_true(during.c_oflag & OPOST);
    chardev_delete(chr);

    g_assert_cmpint(tcgetattr(STDIN_FILENO, &after), ==, 0);
    g_assert_cmpint(after.c_lflag, ==, before.c_lflag);
    g_assert_cmpint(after.c_iflag, ==, before.c_iflag);

    /* signal=on (default) keeps Ctrl-C a signal. */
    chr = new_ok("stdio,id=tty2");
    g_assert_cmpint(tcgetattr(STDIN_FILENO, &during), ==, 0);
    g_assert_false(during.c_lflag & ICANON);
    g_assert_true(during.c_lflag & ISIG);
    chardev_restore_terminal();
    g_assert_cmpint(tcgetattr(STDIN_FILENO, &after), ==, 0);
    g_assert_cmpint(after.c_lflag, ==, before.c_lflag);
    chardev_delete(chr);

    std_restore(&fds);
    close(slave);
    close(master);
}

static void test_pty(void)
{
    Chardev *chr = new_ok("pty,id=p0");
    g_autofree char *d = chardev_describe(chr);
    TestFe fe;
    int user;

    g_assert_true(g_str_has_prefix(d, "pty:/dev/pts/"));
    fe_init(&fe);
    attach_ok(chr, &fe);
    g_assert_false(chardev_is_connected(chr));
    chr_write_str(chr, "dropped");              /* nobody there */

    user = open(d + 4, O_RDWR | O_NOCTTY);
    g_assert_cmpint(user, >=, 0);
    /* A write notices the new user at once (the timer within a second). */
    chr_write_str(chr, "hi");
    g_assert_cmpstr(fe.events->str, ==, "O");
    {
        g_autofree char *got = recv_len(user, 2);
        g_assert_cmpstr(got, ==, "hi");         /* raw: no "dropped" */
    }
    g_assert_cmpint(write(user, "key\r", 4), ==, 4);
    g_assert_true(SPIN_UNTIL(fe.in->len == 4, 2000));
    g_assert_cmpstr(fe.in->str, ==, "key\r");   /* raw: no CR->NL */

    close(user);
    g_assert_true(SPIN_UNTIL(fe.events->len == 2, 3000));
    g_assert_cmpstr(fe.events->str, ==, "OC");
    chardev_detach(chr);
    chardev_delete(chr);
    fe_clear(&fe);
}

/* The "chardev" property kind, on a minimal fake object. */
typedef struct FakeDev {
    Object parent;
    Chardev *chr;
} FakeDev;

static void test_prop(void)
{
    static const Property prop = PROP_CHARDEV("chardev", FakeDev, chr);
    Chardev *chr = new_ok("null,id=serial-be");
    FakeDev dev = { 0 };
    GError *err = NULL;
    char *s;

    g_assert_cmpstr(prop_info_chardev.type_name, ==, "chardev");
    g_assert_true(prop.info->set(OBJECT(&dev), &prop, "serial-be", &err));
    g_assert_no_error(err);
    g_assert_true(dev.chr == chr);
    s = prop.info->get(OBJECT(&dev), &prop);
    g_assert_cmpstr(s, ==, "serial-be");
    g_free(s);

    g_assert_false(prop.info->set(OBJECT(&dev), &prop, "x", &err));
    g_assert_cmpstr(err->message, ==, "property 'chardev': no chardev with id 'x'");
    g_clear_error(&err);
    g_assert_true(dev.chr == chr);              /* unchanged on error */

    prop.info->set_default(OBJECT(&dev), &prop);
    g_assert_null(dev.chr);
    chardev_delete(chr);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    tmp_dir = g_dir_make_tmp("turtle-chardev-XXXXXX", NULL);
    g_assert_nonnull(tmp_dir);

    g_test_add_func("/chardev/errors", test_errors);
    g_test_add_func("/chardev/null", test_null);
    g_test_add_func("/chardev/file", test_file);
    g_test_add_func("/chardev/socket/unix", test_socket_unix);
    g_test_add_func("/chardev/socket/tcp-reconnect", test_socket_tcp_reconnect);
    g_test_add_func("/chardev/socket/client", test_socket_client);
    g_test_add_func("/chardev/socket/wait", test_socket_wait);
    g_test_add_func("/chardev/flow-control", test_flow_control);
    g_test_add_func("/chardev/slow-peer", test_slow_peer);
    g_test_add_func("/chardev/mux", test_mux);
    g_test_add_func("/chardev/legacy", test_legacy);
    g_test_add_func("/chardev/stdio/pipe", test_stdio_pipe);
    g_test_add_func("/chardev/stdio/tty", test_stdio_tty);
    g_test_add_func("/chardev/pty", test_pty);
    g_test_add_func("/chardev/prop", test_prop);
    ret = g_test_run();

    chardev_cleanup_all();
    {
        g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", tmp_dir);
        if (system(cmd) != 0) {
            g_printerr("could not remove %s\n", tmp_dir);
        }
    }
    return ret;
}
