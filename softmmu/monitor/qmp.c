/*
 * qmp.c — the machine protocol: JSON messages over a chardev.
 *
 * The protocol (as existing QMP clients expect it):
 *   - on connection the server sends a greeting
 *       {"QMP": {"version": {"qemu": {"micro": 0, "minor": 1, "major": 0},
 *                            "package": "Turtle 0.1.0"},
 *                "capabilities": []}}
 *     (the key names are the protocol's, kept for client compatibility);
 *   - the client must first send {"execute": "qmp_capabilities"}; any other
 *     command before it gets a CommandNotFound error;
 *   - then {"execute": NAME, "arguments": {...}, "id": ANY} gets
 *     {"return": VALUE, "id": ANY} or {"error": {"class": C, "desc": D},
 *     "id": ANY}; the id is echoed verbatim when given;
 *   - asynchronous events {"event": NAME, "data": {...}, "timestamp":
 *     {"seconds": S, "microseconds": U}} go to every negotiated client.
 * Each message sent ends with "\r\n".
 *
 * Input is a byte stream: a read may hold several messages or part of one,
 * so a splitter (which tracks {} [] nesting outside strings) cuts it into
 * whole JSON texts before json-glib parses them. Bad input — malformed JSON,
 * a non-object, stray text — gets an error reply and the stream stays
 * usable.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "sysemu/runstate.h"
#include "monitor-internal.h"

static GHashTable *qmp_commands;        /* name -> QMPHandler * */
static bool qmp_builtins_registered;
static bool qmp_runstate_hooked;

/* ---- Stream splitter ------------------------------------------------------- */

void qmp_splitter_init(QMPStreamSplitter *s)
{
    memset(s, 0, sizeof(*s));
    s->buf = g_string_new(NULL);
}

void qmp_splitter_destroy(QMPStreamSplitter *s)
{
    if (s->buf) {
        g_string_free(s->buf, true);
        s->buf = NULL;
    }
}

void qmp_splitter_reset(QMPStreamSplitter *s)
{
    GString *buf = s->buf;

    g_string_truncate(buf, 0);
    memset(s, 0, sizeof(*s));
    s->buf = buf;
}

static void qmp_splitter_emit(QMPStreamSplitter *s, QMPSplitterEmitFunc *emit,
                              void *opaque)
{
    g_autofree char *text = g_strdup(s->buf->str);
    bool overflow = s->overflow;

    qmp_splitter_reset(s);
    emit(opaque, text, overflow ? "message too long or nested too deeply"
                                : NULL);
}

void qmp_splitter_feed(QMPStreamSplitter *s, const uint8_t *buf, size_t len,
                       QMPSplitterEmitFunc *emit, void *opaque)
{
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];

        if (s->depth == 0 && !s->stray) {
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            if (c == '{' || c == '[') {
                s->depth = 1;
            } else {
                s->stray = true;
            }
            g_string_append_c(s->buf, c);
            continue;
        }
        if (s->stray) {
            /* Not JSON we can frame: it ends at the end of the line. */
            if (c == '\n') {
                qmp_splitter_emit(s, emit, opaque);
            } else if (!s->overflow) {
                g_string_append_c(s->buf, c);
            }
        } else {
            if (!s->overflow) {
                g_string_append_c(s->buf, c);
            }
            if (s->in_string) {
                if (s->escape) {
                    s->escape = false;
                } else if (c == '\\') {
                    s->escape = true;
                } else if (c == '"') {
                    s->in_string = false;
                }
            } else if (c == '"') {
                s->in_string = true;
            } else if (c == '{' || c == '[') {
                if (++s->depth > QMP_MAX_NESTING) {
                    s->overflow = true;
                }
            } else if (c == '}' || c == ']') {
                if (--s->depth == 0) {
                    qmp_splitter_emit(s, emit, opaque);
                    continue;
                }
            }
        }
        if (s->buf->len > QMP_MAX_MESSAGE_SIZE && !s->overflow) {
            /* Keep framing (depth, strings) but stop storing. */
            s->overflow = true;
            g_string_truncate(s->buf, 0);
        }
    }
}

/* ---- JSON output ----------------------------------------------------------- */

static void qmp_json_string(GString *out, const char *str)
{
    g_autofree char *valid = g_utf8_make_valid(str, -1);

    g_string_append_c(out, '"');
    for (const char *p = valid; *p; p++) {
        unsigned char c = *p;

        switch (c) {
        case '"':
            g_string_append(out, "\\\"");
            break;
        case '\\':
            g_string_append(out, "\\\\");
            break;
        case '\n':
            g_string_append(out, "\\n");
            break;
        case '\r':
            g_string_append(out, "\\r");
            break;
        case '\t':
            g_string_append(out, "\\t");
            break;
        case '\b':
            g_string_append(out, "\\b");
            break;
        case '\f':
            g_string_append(out, "\\f");
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                g_string_append_printf(out, "\\u%04x", c);
            } else {
                g_string_append_c(out, c);
            }
        }
    }
    g_string_append_c(out, '"');
}

static void qmp_json_indent(GString *out, bool pretty, int level)
{
    if (pretty) {
        g_string_append_c(out, '\n');
        for (int i = 0; i < level; i++) {
            g_string_append(out, "    ");
        }
    }
}

static void qmp_json_node(GString *out, JsonNode *node, bool pretty, int level)
{
    if (!node) {
        g_string_append(out, "null");
        return;
    }
    switch (json_node_get_node_type(node)) {
    case JSON_NODE_OBJECT: {
        JsonObject *obj = json_node_get_object(node);
        GList *members = json_object_get_members(obj);   /* insertion order */

        if (!members) {
            g_string_append(out, "{}");
            break;
        }
        g_string_append_c(out, '{');
        for (GList *l = members; l; l = l->next) {
            qmp_json_indent(out, pretty, level + 1);
            qmp_json_string(out, l->data);
            g_string_append(out, ": ");
            qmp_json_node(out, json_object_get_member(obj, l->data), pretty,
                          level + 1);
            if (l->next) {
                g_string_append(out, pretty ? "," : ", ");
            }
        }
        qmp_json_indent(out, pretty, level);
        g_string_append_c(out, '}');
        g_list_free(members);
        break;
    }
    case JSON_NODE_ARRAY: {
        JsonArray *arr = json_node_get_array(node);
        guint n = json_array_get_length(arr);

        if (n == 0) {
            g_string_append(out, "[]");
            break;
        }
        g_string_append_c(out, '[');
        for (guint i = 0; i < n; i++) {
            qmp_json_indent(out, pretty, level + 1);
            qmp_json_node(out, json_array_get_element(arr, i), pretty,
                          level + 1);
            if (i + 1 < n) {
                g_string_append(out, pretty ? "," : ", ");
            }
        }
        qmp_json_indent(out, pretty, level);
        g_string_append_c(out, ']');
        break;
    }
    case JSON_NODE_VALUE: {
        GType t = json_node_get_value_type(node);

        if (t == G_TYPE_INT64) {
            g_string_append_printf(out, "%" G_GINT64_FORMAT,
                                   json_node_get_int(node));
        } else if (t == G_TYPE_DOUBLE) {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];
            g_string_append(out, g_ascii_dtostr(buf, sizeof(buf),
                                                json_node_get_double(node)));
        } else if (t == G_TYPE_BOOLEAN) {
            g_string_append(out, json_node_get_boolean(node) ? "true" : "false");
        } else if (t == G_TYPE_STRING) {
            qmp_json_string(out, json_node_get_string(node));
        } else {
            g_string_append(out, "null");
        }
        break;
    }
    case JSON_NODE_NULL:
        g_string_append(out, "null");
        break;
    }
}

void qmp_json_to_gstring(GString *out, JsonNode *node, bool pretty)
{
    qmp_json_node(out, node, pretty, 0);
}

/* Queues one message (a JSON object) on mon and writes it out. */
static void qmp_send(Monitor *mon, JsonObject *msg)
{
    g_autoptr(JsonNode) node = json_node_init_object(json_node_alloc(), msg);

    qmp_json_to_gstring(mon->outbuf, node, mon->pretty);
    g_string_append_c(mon->outbuf, '\n');
    monitor_flush(mon);
}

static void qmp_send_error(Monitor *mon, const char *klass, const char *desc,
                           JsonNode *id)
{
    g_autoptr(JsonObject) msg = json_object_new();
    JsonObject *err = json_object_new();

    json_object_set_string_member(err, "class", klass);
    json_object_set_string_member(err, "desc", desc);
    json_object_set_object_member(msg, "error", err);
    if (id) {
        json_object_set_member(msg, "id", json_node_copy(id));
    }
    qmp_send(mon, msg);
}

/* ---- Commands --------------------------------------------------------------- */

/* "qmp_capabilities" is listed like any command; the dispatcher handles it
 * because it changes the state of the connection, not of the machine. */
static JsonNode *qmp_cmd_capabilities_listed(JsonObject *args, GError **errp)
{
    return NULL;
}

static void qmp_ensure_builtins(void)
{
    if (!qmp_commands) {
        qmp_commands = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                             NULL);
    }
    if (!qmp_builtins_registered) {
        qmp_builtins_registered = true;
        qmp_register_command("qmp_capabilities", qmp_cmd_capabilities_listed);
        qmp_cmds_register_builtins();
    }
}

void qmp_register_command(const char *name, QMPHandler *handler)
{
    if (!qmp_commands) {
        qmp_commands = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                             NULL);
    }
    if (g_hash_table_contains(qmp_commands, name)) {
        warn_report("monitor: QMP command '%s' registered twice", name);
        return;
    }
    g_hash_table_insert(qmp_commands, g_strdup(name), (gpointer)handler);
}

/* g_ptr_array_sort passes pointers to the elements. */
static gint qmp_str_compare(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *qmp_get_command_names(void)
{
    GPtrArray *names = g_ptr_array_new();
    GHashTableIter it;
    gpointer key;

    qmp_ensure_builtins();
    g_hash_table_iter_init(&it, qmp_commands);
    while (g_hash_table_iter_next(&it, &key, NULL)) {
        g_ptr_array_add(names, key);
    }
    g_ptr_array_sort(names, qmp_str_compare);
    return names;
}

static void qmp_capabilities(Monitor *mon, JsonObject *args, JsonNode *id)
{
    JsonNode *enable = json_object_get_member(args, "enable");
    g_autoptr(JsonObject) reply = NULL;

    if (mon->negotiated) {
        qmp_send_error(mon, "CommandNotFound", "Capabilities negotiation is "
                       "already complete, command ignored", id);
        return;
    }
    if (enable) {
        JsonArray *arr;

        if (!JSON_NODE_HOLDS_ARRAY(enable)) {
            qmp_send_error(mon, "GenericError", "Invalid parameter type for "
                           "'enable', expected: array", id);
            return;
        }
        /* Turtle offers no optional capability yet. */
        arr = json_node_get_array(enable);
        if (json_array_get_length(arr) > 0) {
            JsonNode *e = json_array_get_element(arr, 0);
            g_autofree char *desc = g_strdup_printf(
                "Capability '%s' not available",
                JSON_NODE_HOLDS_VALUE(e) &&
                json_node_get_value_type(e) == G_TYPE_STRING ?
                json_node_get_string(e) : "?");
            qmp_send_error(mon, "GenericError", desc, id);
            return;
        }
    }
    if (json_object_get_size(args) > (enable ? 1u : 0u)) {
        qmp_send_error(mon, "GenericError", "Parameter 'enable' is the only "
                       "argument of qmp_capabilities", id);
        return;
    }
    mon->negotiated = true;
    reply = json_object_new();
    json_object_set_object_member(reply, "return", json_object_new());
    if (id) {
        json_object_set_member(reply, "id", json_node_copy(id));
    }
    qmp_send(mon, reply);
}

static void qmp_execute(Monitor *mon, const char *name, JsonObject *args,
                        JsonNode *id)
{
    QMPHandler *handler;
    g_autoptr(JsonObject) reply = NULL;
    GError *err = NULL;
    JsonNode *ret;
    Monitor *saved = monitor_cur;

    if (!strcmp(name, "qmp_capabilities")) {
        qmp_capabilities(mon, args, id);
        return;
    }
    if (!mon->negotiated) {
        qmp_send_error(mon, "CommandNotFound", "Expecting capabilities "
                       "negotiation with 'qmp_capabilities'", id);
        return;
    }
    qmp_ensure_builtins();
    handler = g_hash_table_lookup(qmp_commands, name);
    if (!handler) {
        g_autofree char *desc = g_strdup_printf(
            "The command %s has not been found", name);
        qmp_send_error(mon, "CommandNotFound", desc, id);
        return;
    }
    monitor_cur = mon;
    ret = handler(args, &err);
    monitor_cur = saved;
    if (err) {
        if (ret) {
            json_node_unref(ret);
        }
        qmp_send_error(mon, "GenericError", err->message, id);
        g_error_free(err);
        return;
    }
    reply = json_object_new();
    if (ret) {
        json_object_set_member(reply, "return", ret);
    } else {
        json_object_set_object_member(reply, "return", json_object_new());
    }
    if (id) {
        json_object_set_member(reply, "id", json_node_copy(id));
    }
    qmp_send(mon, reply);
}

/* One whole message from the splitter. */
static void qmp_handle_message(void *opaque, const char *text,
                               const char *split_error)
{
    Monitor *mon = opaque;
    g_autoptr(JsonParser) parser = NULL;
    g_autoptr(JsonObject) empty_args = NULL;
    GError *err = NULL;
    JsonNode *root, *id, *exec, *args_node;
    JsonObject *msg, *args;
    GList *members;

    if (split_error) {
        g_autofree char *desc = g_strdup_printf("JSON parse error, %s",
                                                split_error);
        qmp_send_error(mon, "GenericError", desc, NULL);
        return;
    }
    parser = json_parser_new();
    if (!json_parser_load_from_data(parser, text, -1, &err)) {
        g_autofree char *desc = g_strdup_printf("JSON parse error, %s",
                                                err->message);
        g_error_free(err);
        qmp_send_error(mon, "GenericError", desc, NULL);
        return;
    }
    root = json_parser_get_root(parser);
    if (!root || !JSON_NODE_HOLDS_OBJECT(root)) {
        qmp_send_error(mon, "GenericError", "QMP input must be a JSON object",
                       NULL);
        return;
    }
    msg = json_node_get_object(root);
    id = json_object_get_member(msg, "id");

    members = json_object_get_members(msg);
    for (GList *l = members; l; l = l->next) {
        const char *key = l->data;

        if (strcmp(key, "execute") && strcmp(key, "arguments") &&
            strcmp(key, "id")) {
            g_autofree char *desc = g_strdup_printf(
                "QMP input member '%s' is unexpected", key);
            g_list_free(members);
            qmp_send_error(mon, "GenericError", desc, id);
            return;
        }
    }
    g_list_free(members);

    exec = json_object_get_member(msg, "execute");
    if (!exec) {
        qmp_send_error(mon, "GenericError", "QMP input lacks member 'execute'",
                       id);
        return;
    }
    if (!JSON_NODE_HOLDS_VALUE(exec) ||
        json_node_get_value_type(exec) != G_TYPE_STRING) {
        qmp_send_error(mon, "GenericError",
                       "QMP input member 'execute' must be a string", id);
        return;
    }
    args_node = json_object_get_member(msg, "arguments");
    if (args_node && !JSON_NODE_HOLDS_OBJECT(args_node)) {
        qmp_send_error(mon, "GenericError",
                       "QMP input member 'arguments' must be an object", id);
        return;
    }
    if (args_node) {
        args = json_node_get_object(args_node);
    } else {
        empty_args = json_object_new();
        args = empty_args;
    }
    qmp_execute(mon, json_node_get_string(exec), args, id);
}

/* ---- Events ----------------------------------------------------------------- */

void qmp_emit_event(const char *name, JsonObject *data)
{
    GPtrArray *mons = monitor_list();
    g_autoptr(JsonObject) msg = json_object_new();
    JsonObject *ts = json_object_new();
    gint64 now = g_get_real_time();

    json_object_set_string_member(msg, "event", name);
    if (data) {
        json_object_set_object_member(msg, "data", json_object_ref(data));
    }
    json_object_set_int_member(ts, "seconds", now / G_USEC_PER_SEC);
    json_object_set_int_member(ts, "microseconds", now % G_USEC_PER_SEC);
    json_object_set_object_member(msg, "timestamp", ts);

    for (guint i = 0; i < mons->len; i++) {
        Monitor *mon = g_ptr_array_index(mons, i);

        if (mon->kind == MONITOR_QMP && mon->negotiated && mon->opened) {
            qmp_send(mon, msg);
        }
    }
}

/* STOP, RESUME, RESET, SHUTDOWN from the run state code. */
static void qmp_runstate_event(const char *event, const char *data_json,
                               void *opaque)
{
    g_autoptr(JsonParser) parser = NULL;
    JsonObject *data = NULL;

    if (data_json) {
        parser = json_parser_new();
        if (json_parser_load_from_data(parser, data_json, -1, NULL) &&
            JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser))) {
            data = json_node_get_object(json_parser_get_root(parser));
        }
    }
    qmp_emit_event(event, data);
}

/* ---- The QMP frontend ------------------------------------------------------- */

static void qmp_send_greeting(Monitor *mon)
{
    g_autoptr(JsonObject) msg = json_object_new();
    JsonObject *qmp = json_object_new();
    JsonObject *version = json_object_new();
    JsonObject *num = json_object_new();
    g_autofree char *package = g_strdup_printf("Turtle %s", TURTLE_VERSION);
    int major = 0, minor = 0, micro = 0;

    sscanf(TURTLE_VERSION, "%d.%d.%d", &major, &minor, &micro);
    json_object_set_int_member(num, "micro", micro);
    json_object_set_int_member(num, "minor", minor);
    json_object_set_int_member(num, "major", major);
    json_object_set_object_member(version, "qemu", num);
    json_object_set_string_member(version, "package", package);
    json_object_set_object_member(qmp, "version", version);
    json_object_set_array_member(qmp, "capabilities", json_array_new());
    json_object_set_object_member(msg, "QMP", qmp);
    qmp_send(mon, msg);
}

void qmp_monitor_init(Monitor *mon)
{
    qmp_splitter_init(&mon->splitter);
    if (!qmp_runstate_hooked) {
        qmp_runstate_hooked = true;
        runstate_add_event_handler(qmp_runstate_event, NULL);
    }
}

void qmp_monitor_destroy(Monitor *mon)
{
    qmp_splitter_destroy(&mon->splitter);
}

void qmp_monitor_event(Monitor *mon, int event)
{
    switch (event) {
    case CHR_EVENT_OPENED:
        /* Each connection negotiates afresh. */
        mon->negotiated = false;
        qmp_splitter_reset(&mon->splitter);
        qmp_send_greeting(mon);
        break;
    case CHR_EVENT_CLOSED:
        mon->negotiated = false;
        qmp_splitter_reset(&mon->splitter);
        break;
    default:
        break;
    }
}

void qmp_monitor_input(Monitor *mon, const uint8_t *buf, int len)
{
    qmp_splitter_feed(&mon->splitter, buf, len, qmp_handle_message, mon);
}
