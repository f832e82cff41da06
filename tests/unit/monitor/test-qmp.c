/*
 * test-qmp.c — QMP and HMP sessions over Unix socket chardevs.
 *
 * A client thread speaks the protocols with plain sockets, as an outside
 * tool would, while the main thread runs the main loop (main_loop_wait and
 * runstate_process_requests, as softmmu/main.c does). The client checks
 * every reply; the main thread checks the machine's side (run state,
 * shutdown request) once the client is done.
 *
 * The JSON stream splitter and the JSON writer are tested directly too.
 */
#include "util/osdep.h"
#include "util/main-loop.h"
#include "exec/memory.h"
#include "sysemu/runstate.h"
#include "chardev/char.h"
#include "monitor/monitor.h"
#include "../../../softmmu/monitor/monitor-internal.h"
#include "test-cpu.h"

#include <glib/gstdio.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

static char *tmp_dir;
static char *expected_mtree;
static gint client_done;
static gint shutdown_seen;
static MemoryRegion ram;

/* ---- Client side (runs on its own thread) ------------------------------- */

typedef struct Client {
    int fd;
    GString *in;                /* received, not yet consumed */
    GQueue events;              /* JsonNode * events seen while waiting */
} Client;

static void client_connect(Client *c, const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    struct timeval tv = { .tv_sec = 10 };

    memset(c, 0, sizeof(*c));
    c->in = g_string_new(NULL);
    g_queue_init(&c->events);
    c->fd = socket(AF_UNIX, SOCK_STREAM, 0);
    g_assert_cmpint(c->fd, >=, 0);
    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    g_assert_cmpint(connect(c->fd, (struct sockaddr *)&addr, sizeof(addr)),
                    ==, 0);
    /* A missing reply fails the test instead of hanging it. */
    setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

static void client_close(Client *c)
{
    close(c->fd);
    g_string_free(c->in, true);
    g_queue_clear_full(&c->events, (GDestroyNotify)json_node_unref);
}

static void client_send(Client *c, const char *text)
{
    size_t len = strlen(text), done = 0;

    while (done < len) {
        ssize_t n = write(c->fd, text + done, len - done);
        g_assert_cmpint(n, >, 0);
        done += n;
    }
}

static void client_fill(Client *c)
{
    char buf[4096];
    ssize_t n = read(c->fd, buf, sizeof(buf));

    if (n <= 0) {
        g_error("client: read failed or timed out (have \"%s\")", c->in->str);
    }
    g_string_append_len(c->in, buf, n);
}

/* Returns (and consumes) everything up to and including marker. */
static char *client_read_until(Client *c, const char *marker)
{
    for (;;) {
        char *p = strstr(c->in->str, marker);
        if (p) {
            size_t n = p - c->in->str + strlen(marker);
            char *text = g_strndup(c->in->str, n);
            g_string_erase(c->in, 0, n);
            return text;
        }
        client_fill(c);
    }
}

/* The next QMP message (one line ending in \r\n), parsed. */
static JsonNode *client_read_json(Client *c)
{
    g_autofree char *line = client_read_until(c, "\n");
    g_autoptr(JsonParser) parser = json_parser_new();
    GError *err = NULL;

    g_assert_true(g_str_has_suffix(line, "\r\n"));
    if (!json_parser_load_from_data(parser, line, -1, &err)) {
        g_error("client: bad JSON from server: %s: %s", err->message, line);
    }
    g_assert_true(JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser)));
    return json_node_copy(json_parser_get_root(parser));
}

/* The next reply (return or error); events met on the way are queued. */
static JsonNode *client_reply(Client *c)
{
    for (;;) {
        JsonNode *n = client_read_json(c);
        JsonObject *o = json_node_get_object(n);

        if (json_object_has_member(o, "event")) {
            g_queue_push_tail(&c->events, n);
            continue;
        }
        return n;
    }
}

/* Sends a command and returns its reply. */
static JsonNode *client_cmd(Client *c, const char *json)
{
    client_send(c, json);
    return client_reply(c);
}

static JsonObject *obj(JsonNode *n)
{
    g_assert_true(JSON_NODE_HOLDS_OBJECT(n));
    return json_node_get_object(n);
}

/* Checks that reply is {"return": ...} and returns the return value. */
static JsonNode *ret_of(JsonNode *reply)
{
    JsonObject *o = obj(reply);

    if (!json_object_has_member(o, "return")) {
        g_error("expected a return, got an error: %s",
                json_object_has_member(o, "error") ?
                json_object_get_string_member(
                    json_object_get_object_member(o, "error"), "desc") : "?");
    }
    return json_object_get_member(o, "return");
}

/* Checks that reply is an error of class klass; returns its desc. */
static const char *error_of(JsonNode *reply, const char *klass)
{
    JsonObject *o = obj(reply);
    JsonObject *e;

    g_assert_true(json_object_has_member(o, "error"));
    g_assert_false(json_object_has_member(o, "return"));
    e = json_object_get_object_member(o, "error");
    g_assert_cmpstr(json_object_get_string_member(e, "class"), ==, klass);
    return json_object_get_string_member(e, "desc");
}

/* Waits for an event (queued or still to come) and returns it. */
static JsonNode *client_event(Client *c, const char *name)
{
    for (;;) {
        while (!g_queue_is_empty(&c->events)) {
            JsonNode *n = g_queue_pop_head(&c->events);
            JsonObject *o = obj(n);

            if (!strcmp(json_object_get_string_member(o, "event"), name)) {
                return n;
            }
            json_node_unref(n);
        }
        g_queue_push_tail(&c->events, client_read_json(c));
    }
}

static void check_event_format(JsonNode *ev, const char *name)
{
    JsonObject *o = obj(ev);
    JsonObject *ts = json_object_get_object_member(o, "timestamp");
    gint64 now = g_get_real_time() / G_USEC_PER_SEC;

    g_assert_cmpstr(json_object_get_string_member(o, "event"), ==, name);
    g_assert_nonnull(ts);
    g_assert_cmpint(json_object_get_int_member(ts, "seconds"), <=, now);
    g_assert_cmpint(json_object_get_int_member(ts, "seconds"), >=, now - 60);
    g_assert_cmpint(json_object_get_int_member(ts, "microseconds"), >=, 0);
    g_assert_cmpint(json_object_get_int_member(ts, "microseconds"), <, 1000000);
}

static void check_greeting(Client *c)
{
    g_autoptr(JsonNode) g = client_read_json(c);
    JsonObject *qmp = json_object_get_object_member(obj(g), "QMP");
    JsonObject *version, *num;
    JsonArray *caps;
    int major = -1, minor = -1, micro = -1;

    g_assert_nonnull(qmp);
    version = json_object_get_object_member(qmp, "version");
    num = json_object_get_object_member(version, "qemu");
    sscanf(TURTLE_VERSION, "%d.%d.%d", &major, &minor, &micro);
    g_assert_cmpint(json_object_get_int_member(num, "major"), ==, major);
    g_assert_cmpint(json_object_get_int_member(num, "minor"), ==, minor);
    g_assert_cmpint(json_object_get_int_member(num, "micro"), ==, micro);
    g_assert_cmpstr(json_object_get_string_member(version, "package"), ==,
                    "Turtle " TURTLE_VERSION);
    caps = json_object_get_array_member(qmp, "capabilities");
    g_assert_nonnull(caps);
    g_assert_cmpuint(json_array_get_length(caps), ==, 0);
}

static void check_status(Client *c, bool running, const char *status)
{
    g_autoptr(JsonNode) r = client_cmd(c, "{\"execute\": \"query-status\"}");
    JsonObject *s = obj(ret_of(r));

    g_assert_cmpint(json_object_get_boolean_member(s, "running"), ==, running);
    g_assert_false(json_object_get_boolean_member(s, "singlestep"));
    g_assert_cmpstr(json_object_get_string_member(s, "status"), ==, status);
}

static void qmp_client_session(const char *path)
{
    Client c;
    JsonNode *r;

    client_connect(&c, path);
    check_greeting(&c);

    /* Nothing but qmp_capabilities before negotiation. */
    r = client_cmd(&c, "{\"execute\": \"query-status\", \"id\": 1}");
    g_assert_cmpstr(error_of(r, "CommandNotFound"), ==,
                    "Expecting capabilities negotiation with 'qmp_capabilities'");
    g_assert_cmpint(json_object_get_int_member(obj(r), "id"), ==, 1);
    json_node_unref(r);
    r = client_cmd(&c, "{\"execute\": \"qmp_capabilities\", "
                   "\"arguments\": {\"enable\": [\"oob\"]}}");
    g_assert_cmpstr(error_of(r, "GenericError"), ==,
                    "Capability 'oob' not available");
    json_node_unref(r);
    r = client_cmd(&c, "{\"execute\": \"qmp_capabilities\"}");
    g_assert_cmpuint(json_object_get_size(obj(ret_of(r))), ==, 0);
    g_assert_false(json_object_has_member(obj(r), "id"));
    json_node_unref(r);
    r = client_cmd(&c, "{\"execute\": \"qmp_capabilities\"}");
    error_of(r, "CommandNotFound");
    json_node_unref(r);

    /* query-status, with an id echoed verbatim (a string, then an object). */
    check_status(&c, true, "running");
    r = client_cmd(&c, "{\"execute\": \"query-status\", \"id\": \"a1\"}");
    g_assert_cmpstr(json_object_get_string_member(obj(r), "id"), ==, "a1");
    json_node_unref(r);
    r = client_cmd(&c, "{\"id\": {\"n\": [1, 2]}, \"execute\": \"query-version\"}");
    g_assert_cmpint(json_array_get_int_element(json_object_get_array_member(
        json_object_get_object_member(obj(r), "id"), "n"), 1), ==, 2);
    json_node_unref(r);

    /* stop -> STOP event, paused; cont -> RESUME event, running. */
    r = client_cmd(&c, "{\"execute\": \"stop\", \"id\": 7}");
    ret_of(r);
    g_assert_cmpint(json_object_get_int_member(obj(r), "id"), ==, 7);
    json_node_unref(r);
    r = client_event(&c, "STOP");
    check_event_format(r, "STOP");
    json_node_unref(r);
    check_status(&c, false, "paused");
    r = client_cmd(&c, "{\"execute\": \"cont\"}");
    ret_of(r);
    json_node_unref(r);
    r = client_event(&c, "RESUME");
    check_event_format(r, "RESUME");
    json_node_unref(r);
    check_status(&c, true, "running");

    /* Malformed JSON: an error, and the connection still works. */
    r = client_cmd(&c, "{\"execute\": }");
    g_assert_true(g_str_has_prefix(error_of(r, "GenericError"),
                                   "JSON parse error, "));
    json_node_unref(r);
    r = client_cmd(&c, "this is not json\n");
    g_assert_true(g_str_has_prefix(error_of(r, "GenericError"),
                                   "JSON parse error, "));
    json_node_unref(r);
    r = client_cmd(&c, "[1, 2]");
    g_assert_cmpstr(error_of(r, "GenericError"), ==,
                    "QMP input must be a JSON object");
    json_node_unref(r);
    r = client_cmd(&c, "{\"arguments\": {}}");
    g_assert_cmpstr(error_of(r, "GenericError"), ==,
                    "QMP input lacks member 'execute'");
    json_node_unref(r);
    r = client_cmd(&c, "{\"execute\": 5}");
    g_assert_cmpstr(error_of(r, "GenericError"), ==,
                    "QMP input member 'execute' must be a string");
    json_node_unref(r);
    r = client_cmd(&c, "{\"execute\": \"stop\", \"arguments\": []}");
    g_assert_cmpstr(error_of(r, "GenericError"), ==,
                    "QMP input member 'arguments' must be an object");
    json_node_unref(r);
    r = client_cmd(&c, "{\"execute\": \"stop\", \"bogus\": 1, \"id\": 3}");
    g_assert_cmpstr(error_of(r, "GenericError"), ==,
                    "QMP input member 'bogus' is unexpected");
    g_assert_cmpint(json_object_get_int_member(obj(r), "id"), ==, 3);
    json_node_unref(r);
    r = client_cmd(&c, "{\"execute\": \"query-version\"}");
    JsonObject *v = obj(ret_of(r));
    g_assert_cmpstr(json_object_get_string_member(v, "package"), ==,
                    "Turtle " TURTLE_VERSION);
    g_assert_true(json_object_has_member(
        json_object_get_object_member(v, "qemu"), "major"));
    json_node_unref(r);

    /* Two commands in one write: two replies, in order. */
    client_send(&c, "{\"execute\": \"query-status\", \"id\": 1}"
                    "{\"execute\": \"query-version\", \"id\": 2}\n");
    r = client_reply(&c);
    g_assert_cmpint(json_object_get_int_member(obj(r), "id"), ==, 1);
    g_assert_true(json_object_has_member(obj(ret_of(r)), "status"));
    json_node_unref(r);
    r = client_reply(&c);
    g_assert_cmpint(json_object_get_int_member(obj(r), "id"), ==, 2);
    g_assert_true(json_object_has_member(obj(ret_of(r)), "package"));
    json_node_unref(r);

    /* One command split over two writes (inside a string, even). */
    client_send(&c, "{\"execute\": \"query-st");
    g_usleep(50 * 1000);
    client_send(&c, "atus\", \"id\": \"sp}lit\"}");
    r = client_reply(&c);
    g_assert_cmpstr(json_object_get_string_member(obj(r), "id"), ==, "sp}lit");
    g_assert_true(json_object_has_member(obj(ret_of(r)), "running"));
    json_node_unref(r);

    /* Unknown commands and arguments, unsupported ones. */
    r = client_cmd(&c, "{\"execute\": \"no-such-command\"}");
    g_assert_cmpstr(error_of(r, "CommandNotFound"), ==,
                    "The command no-such-command has not been found");
    json_node_unref(r);
    r = client_cmd(&c, "{\"execute\": \"query-status\", \"arguments\": {\"x\": 1}}");
    g_assert_cmpstr(error_of(r, "GenericError"), ==,
                    "Parameter 'x' is unexpected");
    json_node_unref(r);
    r = client_cmd(&c, "{\"execute\": \"system_powerdown\"}");
    error_of(r, "GenericError");
    json_node_unref(r);

    /* human-monitor-command returns what HMP printed. */
    r = client_cmd(&c, "{\"execute\": \"human-monitor-command\", "
                   "\"arguments\": {\"command-line\": \"info mtree\"}}");
    g_assert_cmpstr(json_node_get_string(ret_of(r)), ==, expected_mtree);
    json_node_unref(r);
    r = client_cmd(&c, "{\"execute\": \"human-monitor-command\", "
                   "\"arguments\": {\"command-line\": \"xp /4xb 0x40000000\"}}");
    g_assert_cmpstr(json_node_get_string(ret_of(r)), ==,
                    "0000000040000000: 0x54 0x75 0x72 0x74\n");
    json_node_unref(r);
    r = client_cmd(&c, "{\"execute\": \"human-monitor-command\", "
                   "\"arguments\": {\"command-line\": \"info cpus\", "
                   "\"cpu-index\": 1}}");
    g_assert_cmpstr(json_node_get_string(ret_of(r)), ==,
                    "  CPU #0: pc=0x0000000000001000\n"
                    "* CPU #1: pc=0x0000000000002000\n");
    json_node_unref(r);
    r = client_cmd(&c, "{\"execute\": \"human-monitor-command\", "
                   "\"arguments\": {\"command-line\": \"info cpus\"}}");
    g_assert_true(g_str_has_prefix(json_node_get_string(ret_of(r)), "* CPU #0"));
    json_node_unref(r);
    r = client_cmd(&c, "{\"execute\": \"human-monitor-command\", "
                   "\"arguments\": {\"command-line\": \"nosuch\"}}");
    g_assert_cmpstr(json_node_get_string(ret_of(r)), ==,
                    "unknown command: 'nosuch'\n");
    json_node_unref(r);
    r = client_cmd(&c, "{\"execute\": \"human-monitor-command\"}");
    error_of(r, "GenericError");
    json_node_unref(r);

    /* query-cpus-fast and query-commands. */
    r = client_cmd(&c, "{\"execute\": \"query-cpus-fast\"}");
    JsonArray *cpus = json_node_get_array(ret_of(r));
    g_assert_cmpuint(json_array_get_length(cpus), ==, 2);
    for (guint i = 0; i < 2; i++) {
        JsonObject *o = json_array_get_object_element(cpus, i);
        g_autofree char *qom = g_strdup_printf("/machine/cpu[%u]", i);

        g_assert_cmpint(json_object_get_int_member(o, "cpu-index"), ==, i);
        g_assert_cmpstr(json_object_get_string_member(o, "qom-path"), ==, qom);
        g_assert_cmpint(json_object_get_int_member(o, "thread-id"), ==, getpid());
        g_assert_cmpstr(json_object_get_string_member(o, "target"), ==, "aarch64");
    }
    json_node_unref(r);
    r = client_cmd(&c, "{\"execute\": \"query-commands\"}");
    JsonArray *cmds = json_node_get_array(ret_of(r));
    bool seen_hmc = false, seen_caps = false;
    for (guint i = 0; i < json_array_get_length(cmds); i++) {
        const char *name = json_object_get_string_member(
            json_array_get_object_element(cmds, i), "name");
        seen_hmc |= !strcmp(name, "human-monitor-command");
        seen_caps |= !strcmp(name, "qmp_capabilities");
    }
    g_assert_true(seen_hmc && seen_caps);
    json_node_unref(r);

    /* system_reset: a RESET event once the main loop acted on it. */
    r = client_cmd(&c, "{\"execute\": \"system_reset\"}");
    ret_of(r);
    json_node_unref(r);
    r = client_event(&c, "RESET");
    check_event_format(r, "RESET");
    g_assert_cmpstr(json_object_get_string_member(
        json_object_get_object_member(obj(r), "data"), "reason"), ==,
        "host-qmp-quit");
    json_node_unref(r);
    client_close(&c);

    /* A new connection is greeted and must negotiate again. */
    client_connect(&c, path);
    check_greeting(&c);
    r = client_cmd(&c, "{\"execute\": \"query-status\"}");
    error_of(r, "CommandNotFound");
    json_node_unref(r);
    r = client_cmd(&c, "{\"execute\": \"qmp_capabilities\", \"id\": \"n\"}");
    ret_of(r);
    json_node_unref(r);

    /* quit: the reply arrives, then the shutdown is acted upon. */
    r = client_cmd(&c, "{\"execute\": \"quit\", \"id\": \"bye\"}");
    ret_of(r);
    g_assert_cmpstr(json_object_get_string_member(obj(r), "id"), ==, "bye");
    json_node_unref(r);
    r = client_event(&c, "SHUTDOWN");
    check_event_format(r, "SHUTDOWN");
    JsonObject *data = json_object_get_object_member(obj(r), "data");
    g_assert_false(json_object_get_boolean_member(data, "guest"));
    g_assert_cmpstr(json_object_get_string_member(data, "reason"), ==,
                    "host-qmp-quit");
    json_node_unref(r);
    /* (The main thread checks that runstate_process_requests() asked the
     * main loop to end: the event is sent just before it returns.) */
    client_close(&c);
}

static void hmp_client_session(const char *path)
{
    Client c;
    g_autofree char *banner = NULL;
    char *out;

    client_connect(&c, path);
    banner = client_read_until(&c, "(turtle) ");
    g_assert_cmpstr(banner, ==, "Turtle " TURTLE_VERSION " monitor - type "
                    "'help' for more information\r\n(turtle) ");

    /* Backspaces are applied before the line runs. */
    client_send(&c, "info versoin\x7f\x7f\x7fion\r");
    out = client_read_until(&c, "(turtle) ");
    g_assert_true(g_str_has_prefix(out, "info versoin"));
    g_assert_true(g_str_has_suffix(out, "\r\nTurtle " TURTLE_VERSION
                                   "\r\n(turtle) "));
    g_free(out);

    client_send(&c, "foo\r");
    out = client_read_until(&c, "(turtle) ");
    g_assert_cmpstr(out, ==, "foo\r\nunknown command: 'foo'\r\n(turtle) ");
    g_free(out);

    /* Up twice: back to "info version". */
    client_send(&c, "\033[A\033[A\r");
    out = client_read_until(&c, "(turtle) ");
    /* The line is redrawn from history, then run. */
    g_assert_true(g_str_has_prefix(out, "foo\033[K\033[3Dinfo version\033[K\r\n"));
    g_assert_true(g_str_has_suffix(out, "\r\nTurtle " TURTLE_VERSION
                                   "\r\n(turtle) "));
    g_free(out);

    client_send(&c, "stop\r");
    g_free(client_read_until(&c, "(turtle) "));
    client_send(&c, "info status\r");
    out = client_read_until(&c, "(turtle) ");
    g_assert_cmpstr(out, ==, "info status\r\nVM status: paused\r\n(turtle) ");
    g_free(out);
    client_send(&c, "c\r");
    g_free(client_read_until(&c, "(turtle) "));
    client_send(&c, "info status\r");
    out = client_read_until(&c, "(turtle) ");
    g_assert_cmpstr(out, ==, "info status\r\nVM status: running\r\n(turtle) ");
    g_free(out);

    /* Text pasted as one write with several lines runs them all. */
    client_send(&c, "xp /xb 0x40000000\rxp /cb 0x40000001\r");
    out = client_read_until(&c, "(turtle) ");
    g_assert_true(g_str_has_suffix(out, "0000000040000000: 0x54\r\n(turtle) "));
    g_free(out);
    out = client_read_until(&c, "(turtle) ");
    g_assert_true(g_str_has_suffix(out, "0000000040000001: 'u'\r\n(turtle) "));
    g_free(out);
    client_close(&c);

    /* The next peer gets its own banner. */
    client_connect(&c, path);
    banner = (g_free(banner), client_read_until(&c, "(turtle) "));
    g_assert_true(g_str_has_prefix(banner, "Turtle "));
    client_close(&c);
}

typedef struct SessionArgs {
    const char *qmp_path;
    const char *hmp_path;
} SessionArgs;

static gpointer client_thread(gpointer opaque)
{
    SessionArgs *a = opaque;

    hmp_client_session(a->hmp_path);
    qmp_client_session(a->qmp_path);
    g_atomic_int_set(&client_done, 1);
    main_loop_notify();
    return NULL;
}

/* ---- Main thread -------------------------------------------------------- */

static void test_sessions(void)
{
    g_autofree char *qmp_path = g_build_filename(tmp_dir, "qmp.sock", NULL);
    g_autofree char *hmp_path = g_build_filename(tmp_dir, "hmp.sock", NULL);
    g_autofree char *qmp_spec = g_strdup_printf(
        "socket,id=qmp0,path=%s,server=on,wait=off", qmp_path);
    g_autofree char *hmp_spec = g_strdup_printf(
        "socket,id=hmp0,path=%s,server=on,wait=off", hmp_path);
    SessionArgs args = { qmp_path, hmp_path };
    GError *err = NULL;
    Chardev *qchr, *hchr;
    GThread *th;
    gint64 deadline = g_get_monotonic_time() + 40 * G_USEC_PER_SEC;

    qchr = chardev_new_from_opts(qmp_spec, &err);
    g_assert_no_error(err);
    hchr = chardev_new_from_opts(hmp_spec, &err);
    g_assert_no_error(err);
    g_assert_nonnull(monitor_new_qmp(qchr, false, &err));
    g_assert_no_error(err);
    g_assert_nonnull(monitor_new_hmp(hchr, &err));
    g_assert_no_error(err);
    /* A chardev has one frontend. */
    g_assert_null(monitor_new_hmp(hchr, &err));
    g_assert_nonnull(err);
    g_clear_error(&err);

    vm_start();
    th = g_thread_new("qmp-client", client_thread, &args);
    while (!g_atomic_int_get(&client_done)) {
        main_loop_wait(false, 20 * 1000 * 1000);
        if (runstate_process_requests()) {
            g_atomic_int_set(&shutdown_seen, 1);
        }
        g_assert_cmpint(g_get_monotonic_time(), <, deadline);
    }
    g_thread_join(th);
    g_assert_cmpint(g_atomic_int_get(&shutdown_seen), ==, 1);
    g_assert_cmpint(runstate_get(), ==, RUN_STATE_RUNNING);

    monitor_cleanup_all();
    chardev_cleanup_all();
}

/* ---- Pure parts ---------------------------------------------------------- */

static void collect(void *opaque, const char *text, const char *error)
{
    g_ptr_array_add(opaque, g_strdup_printf("%s%s", error ? "!" : "", text));
}

static void test_splitter(void)
{
    g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
    QMPStreamSplitter s;
    const char *in = " {\"a\": \"}{\\\"\"}[1,[2]] garbage here\n {\"b\":";
    GString *deep = g_string_new(NULL);

    qmp_splitter_init(&s);
    /* Byte by byte gives the same as all at once. */
    for (const char *p = in; *p; p++) {
        qmp_splitter_feed(&s, (const uint8_t *)p, 1, collect, out);
    }
    g_assert_cmpuint(out->len, ==, 3);
    g_assert_cmpstr(g_ptr_array_index(out, 0), ==, "{\"a\": \"}{\\\"\"}");
    g_assert_cmpstr(g_ptr_array_index(out, 1), ==, "[1,[2]]");
    g_assert_cmpstr(g_ptr_array_index(out, 2), ==, "garbage here");
    qmp_splitter_feed(&s, (const uint8_t *)" 1}", 3, collect, out);
    g_assert_cmpuint(out->len, ==, 4);
    g_assert_cmpstr(g_ptr_array_index(out, 3), ==, "{\"b\": 1}");

    /* Too deep: one error, then back in step. */
    for (int i = 0; i < QMP_MAX_NESTING + 5; i++) {
        g_string_append_c(deep, '[');
    }
    for (int i = 0; i < QMP_MAX_NESTING + 5; i++) {
        g_string_append_c(deep, ']');
    }
    g_string_append(deep, "{}");
    qmp_splitter_feed(&s, (const uint8_t *)deep->str, deep->len, collect, out);
    g_assert_cmpuint(out->len, ==, 6);
    g_assert_true(((char *)g_ptr_array_index(out, 4))[0] == '!');
    g_assert_cmpstr(g_ptr_array_index(out, 5), ==, "{}");
    g_string_free(deep, true);
    qmp_splitter_destroy(&s);
}

static void test_json_writer(void)
{
    g_autoptr(JsonParser) p = json_parser_new();
    g_autoptr(GString) out = g_string_new(NULL);
    const char *in = "{\"b\": [1, true, null, \"q\\\"\\n\\u0001\"], "
                     "\"a\": {}, \"c\": []}";

    g_assert_true(json_parser_load_from_data(p, in, -1, NULL));
    qmp_json_to_gstring(out, json_parser_get_root(p), false);
    /* Member order is kept; control characters are escaped. */
    g_assert_cmpstr(out->str, ==, "{\"b\": [1, true, null, \"q\\\"\\n\\u0001\"], "
                    "\"a\": {}, \"c\": []}");
    g_string_truncate(out, 0);
    qmp_json_to_gstring(out, json_parser_get_root(p), true);
    g_assert_cmpstr(out->str, ==,
                    "{\n"
                    "    \"b\": [\n"
                    "        1,\n"
                    "        true,\n"
                    "        null,\n"
                    "        \"q\\\"\\n\\u0001\"\n"
                    "    ],\n"
                    "    \"a\": {},\n"
                    "    \"c\": []\n"
                    "}");
}

int main(int argc, char **argv)
{
    TestCPU *c0, *c1;
    GError *err = NULL;
    int ret;

    g_test_init(&argc, &argv, NULL);
    tmp_dir = g_dir_make_tmp("turtle-monitor-XXXXXX", &err);
    g_assert_no_error(err);

    g_assert_true(memory_region_init_ram(&ram, NULL, "ram", 0x10000, &err));
    g_assert_no_error(err);
    memory_region_add_subregion(get_system_memory(), 0x40000000, &ram);
    memcpy(memory_region_get_ram_ptr(&ram), "Turtle", 6);
    c0 = test_cpu_create();
    c1 = test_cpu_create();
    c0->pc = 0x1000;
    c1->pc = 0x2000;
    expected_mtree = hmp_run_command("info mtree");
    g_assert_cmpstr(expected_mtree, ==,
        "address-space: memory\n"
        "  0000000000000000-ffffffffffffffff (prio 0, container): system\n"
        "    0000000040000000-000000004000ffff (prio 0, ram): ram\n");

    g_test_add_func("/monitor/qmp/splitter", test_splitter);
    g_test_add_func("/monitor/qmp/json-writer", test_json_writer);
    g_test_add_func("/monitor/sessions", test_sessions);
    ret = g_test_run();
    g_rmdir(tmp_dir);
    return ret;
}
