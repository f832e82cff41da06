/*
 * char.c — the chardev core: the registry of backends by id, parsing of
 * "-chardev" specs and of the short -serial/-monitor forms, and the
 * frontend side (attach, write, accept_input, events). See chardev/char.h.
 *
 * Errors name the chardev and the problem in one line:
 *   "chardev: unknown backend 'foo'"
 *   "chardev 'c0': 'path' is required"
 *   "chardev 'c0': invalid parameter 'bogus' for backend 'file'"
 */
#include "char-internal.h"
#include "util/main-loop.h"

#include <signal.h>

static const ChardevClass *const chardev_classes[] = {
    &chardev_stdio_class,
    &chardev_file_class,
    &chardev_pty_class,
    &chardev_null_class,
    &chardev_socket_class,
    &chardev_mux_class,
};

/* id -> Chardev *, and creation order for cleanup and listing. */
static GHashTable *chardev_table;
static GPtrArray *chardev_list;
static unsigned chardev_auto_id;

static const ChardevClass *chardev_class_find(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(chardev_classes); i++) {
        if (!strcmp(chardev_classes[i]->name, name)) {
            return chardev_classes[i];
        }
    }
    return NULL;
}

static void chardev_registry_init(void)
{
    if (!chardev_table) {
        chardev_table = g_hash_table_new(g_str_hash, g_str_equal);
        chardev_list = g_ptr_array_new();
        /* A peer closing a pipe or a socket must be an error return, not a
         * fatal signal: a guest console must never kill the emulator. */
        signal(SIGPIPE, SIG_IGN);
    }
}

Chardev *chardev_find(const char *id)
{
    return chardev_table && id ? g_hash_table_lookup(chardev_table, id) : NULL;
}

const char *chardev_get_id(Chardev *chr)
{
    return chr->id;
}

void chr_register(Chardev *chr)
{
    chardev_registry_init();
    g_hash_table_insert(chardev_table, chr->id, chr);
    g_ptr_array_add(chardev_list, chr);
}

static bool chardev_id_check(const char *id, GError **errp)
{
    if (!*id) {
        error_setg(errp, "chardev: 'id' must not be empty");
        return false;
    }
    if (chardev_find(id)) {
        error_setg(errp, "chardev '%s': id already in use", id);
        return false;
    }
    return true;
}

/* Creates and opens one backend; registers it under id. */
static Chardev *chardev_create(const ChardevClass *cls, const char *id,
                               const Opts *opts, GError **errp)
{
    Chardev *chr;

    chardev_registry_init();
    if (!chardev_id_check(id, errp)) {
        return NULL;
    }
    if (cls->keys) {
        g_autoptr(GPtrArray) allowed = g_ptr_array_new();
        g_autofree char *what = g_strdup_printf("backend '%s'", cls->name);

        g_ptr_array_add(allowed, (gpointer)"backend");
        g_ptr_array_add(allowed, (gpointer)"id");
        g_ptr_array_add(allowed, (gpointer)"mux");
        for (const char *const *k = cls->keys; *k; k++) {
            g_ptr_array_add(allowed, (gpointer)*k);
        }
        g_ptr_array_add(allowed, NULL);
        if (!opts_check_keys(opts, (const char *const *)allowed->pdata, what,
                             errp)) {
            error_prepend(errp, "chardev '%s': ", id);
            return NULL;
        }
    }
    chr = g_malloc0(cls->instance_size);
    chr->cls = cls;
    chr->id = g_strdup(id);
    if (!cls->open(chr, opts, errp)) {
        error_prepend(errp, "chardev '%s': ", id);
        g_free(chr->id);
        g_free(chr);
        return NULL;
    }
    chr_register(chr);
    return chr;
}

static Chardev *chardev_new_parsed(const Opts *opts, GError **errp)
{
    const char *backend = opts_get(opts, "backend");
    const char *id = opts_get(opts, "id");
    const ChardevClass *cls;
    bool mux;
    Chardev *base, *chr;

    if (!backend || !*backend) {
        error_setg(errp, "chardev: no backend given (e.g. -chardev stdio,id=c0)");
        return NULL;
    }
    cls = chardev_class_find(backend);
    if (!cls || cls == &chardev_mux_class) {
        error_setg(errp, "chardev: unknown backend '%s' "
                   "(stdio, file, pty, null, socket)", backend);
        return NULL;
    }
    if (!id) {
        error_setg(errp, "chardev %s: 'id' is required (e.g. -chardev %s,id=c0)",
                   backend, backend);
        return NULL;
    }
    if (!opts_get_bool(opts, "mux", false, &mux, errp)) {
        error_prepend(errp, "chardev '%s': ", id);
        return NULL;
    }
    if (!mux) {
        return chardev_create(cls, id, opts, errp);
    }

    /* mux=on: the backend is "<id>-base", the mux over it is "<id>". */
    if (!chardev_id_check(id, errp)) {
        return NULL;
    }
    {
        g_autofree char *base_id = g_strdup_printf("%s-base", id);

        base = chardev_create(cls, base_id, opts, errp);
    }
    if (!base) {
        return NULL;
    }
    chr = chr_mux_new(id, base, errp);
    if (!chr) {
        chardev_delete(base);
    }
    return chr;
}

Chardev *chardev_new_from_opts(const char *spec, GError **errp)
{
    g_autoptr(Opts) opts = opts_parse(spec, "backend", errp);

    if (!opts) {
        error_prepend(errp, "chardev: ");
        return NULL;
    }
    return chardev_new_parsed(opts, errp);
}

/* Appends ",key=value" with ',' in value doubled, as opts_parse expects. */
static void spec_append(GString *s, const char *key, const char *value)
{
    g_string_append_printf(s, ",%s=", key);
    for (const char *p = value; *p; p++) {
        if (*p == ',') {
            g_string_append_c(s, ',');
        }
        g_string_append_c(s, *p);
    }
}

/* Turns "tcp:HOST:PORT,opts" / "unix:PATH,opts" into a socket spec. */
static bool legacy_socket_spec(GString *s, const char *prefix, const char *rest,
                               GError **errp)
{
    const char *comma = strchr(rest, ',');
    g_autofree char *addr = comma ? g_strndup(rest, comma - rest) : g_strdup(rest);

    g_string_append(s, "socket");
    if (!strcmp(prefix, "unix")) {
        if (!*addr) {
            error_setg(errp, "chardev: 'unix:' needs a path (unix:/tmp/sock)");
            return false;
        }
        spec_append(s, "path", addr);
    } else {
        char *colon = strrchr(addr, ':');
        char *host = addr;

        if (!colon || !colon[1]) {
            error_setg(errp, "chardev: '%s:%s' needs a port (tcp:HOST:PORT)",
                       prefix, addr);
            return false;
        }
        *colon = '\0';
        if (host[0] == '[' && host[strlen(host) - 1] == ']') {
            host[strlen(host) - 1] = '\0';
            host++;
        }
        if (*host) {
            spec_append(s, "host", host);
        }
        spec_append(s, "port", colon + 1);
    }
    if (comma) {
        g_string_append(s, comma);      /* server,nowait,nodelay,... */
    }
    return true;
}

Chardev *chardev_new_from_legacy(const char *spec, const char *id,
                                 GError **errp)
{
    g_autofree char *auto_id = NULL;
    g_autoptr(GString) s = g_string_new("");
    /* "name:rest" or "name[,options]" */
    size_t name_len = strcspn(spec, ":,");
    g_autofree char *prefix = g_strndup(spec, name_len);
    bool colon = spec[name_len] == ':';
    const char *rest = colon ? spec + name_len + 1 : "";

    if (!id) {
        do {
            g_free(auto_id);
            auto_id = g_strdup_printf("chardev%u", chardev_auto_id++);
        } while (chardev_find(auto_id));
        id = auto_id;
    }

    if (!strcmp(prefix, "chardev")) {
        Chardev *chr = chardev_find(rest);

        if (!chr) {
            error_setg(errp, "chardev: no chardev with id '%s'", rest);
        }
        return chr;
    }
    if (!strcmp(prefix, "mon")) {
        g_autofree char *base_id = g_strdup_printf("%s-base", id);
        Chardev *base, *chr;

        if (!*rest) {
            error_setg(errp, "chardev: 'mon:' needs a backend (mon:stdio)");
            return NULL;
        }
        if (!chardev_id_check(id, errp)) {
            return NULL;
        }
        base = chardev_new_from_legacy(rest, base_id, errp);
        if (!base) {
            return NULL;
        }
        chr = chr_mux_new(id, base, errp);
        if (!chr) {
            chardev_delete(base);
        }
        return chr;
    }

    if (!colon && (!strcmp(prefix, "stdio") || !strcmp(prefix, "pty") ||
                   !strcmp(prefix, "null"))) {
        g_string_append(s, spec);           /* options too: stdio,signal=off */
    } else if (!colon && !strcmp(spec, "none")) {
        g_string_append(s, "null");
    } else if (!strcmp(prefix, "file") && colon) {
        if (!*rest) {
            error_setg(errp, "chardev: 'file:' needs a path (file:out.txt)");
            return NULL;
        }
        g_string_append(s, "file");
        spec_append(s, "path", rest);
    } else if ((!strcmp(prefix, "tcp") || !strcmp(prefix, "unix")) && colon) {
        if (!legacy_socket_spec(s, prefix, rest, errp)) {
            return NULL;
        }
    } else {
        error_setg(errp, "chardev: unknown backend '%s' (stdio, file:PATH, "
                   "pty, null, tcp:HOST:PORT, unix:PATH, mon:..., chardev:ID)",
                   spec);
        return NULL;
    }
    spec_append(s, "id", id);
    return chardev_new_from_opts(s->str, errp);
}

char *chardev_describe(Chardev *chr)
{
    return chr->cls->describe(chr);
}

/* ---- Frontend side ---------------------------------------------------- */

bool chardev_attach(Chardev *chr, const CharFrontendOps *ops, void *opaque,
                    GError **errp)
{
    if (chr->cls->attach) {
        return chr->cls->attach(chr, ops, opaque, errp);
    }
    if (chr->fe_ops) {
        error_setg(errp, "chardev '%s' is already in use by another device",
                   chr->id);
        return false;
    }
    chr->fe_ops = ops;
    chr->fe_opaque = opaque;
    if (chardev_is_connected(chr) && ops->event) {
        ops->event(opaque, CHR_EVENT_OPENED);
    }
    /* The read watch polls again now that someone reads. */
    main_loop_notify();
    return true;
}

void chardev_detach(Chardev *chr)
{
    if (chr->cls->detach) {
        chr->cls->detach(chr);
        return;
    }
    chr->fe_ops = NULL;
    chr->fe_opaque = NULL;
}

int chardev_write(Chardev *chr, const uint8_t *buf, int len)
{
    if (len <= 0) {
        return 0;
    }
    return chr->cls->write(chr, buf, len);
}

void chardev_accept_input(Chardev *chr)
{
    if (chr->cls->accept_input) {
        chr->cls->accept_input(chr);
    }
    /* A wait sleeping on another thread re-asks can_read in its prepare. */
    main_loop_notify();
}

bool chardev_is_connected(Chardev *chr)
{
    if (chr->cls->is_connected) {
        return chr->cls->is_connected(chr);
    }
    return chr->connected;
}

/* ---- Backend side ----------------------------------------------------- */

int chr_be_can_read(Chardev *chr)
{
    if (!chr->fe_ops) {
        return 0;
    }
    if (!chr->fe_ops->can_read) {
        return 4096;
    }
    return chr->fe_ops->can_read(chr->fe_opaque);
}

void chr_be_read(Chardev *chr, const uint8_t *buf, int len)
{
    if (chr->fe_ops && chr->fe_ops->read && len > 0) {
        chr->fe_ops->read(chr->fe_opaque, buf, len);
    }
}

void chr_be_event(Chardev *chr, ChardevEvent event)
{
    if (event == CHR_EVENT_OPENED) {
        if (chr->connected) {
            return;
        }
        chr->connected = true;
    } else if (event == CHR_EVENT_CLOSED) {
        if (!chr->connected) {
            return;
        }
        chr->connected = false;
    }
    if (chr->fe_ops && chr->fe_ops->event) {
        chr->fe_ops->event(chr->fe_opaque, event);
    }
}

/* ---- Teardown --------------------------------------------------------- */

void chardev_delete(Chardev *chr)
{
    if (!chr) {
        return;
    }
    if (chardev_table) {
        g_hash_table_remove(chardev_table, chr->id);
        g_ptr_array_remove(chardev_list, chr);
    }
    if (chr->cls->close) {
        chr->cls->close(chr);
    }
    g_free(chr->id);
    g_free(chr);
}

void chardev_cleanup_all(void)
{
    if (!chardev_list) {
        return;
    }
    /* Muxes first: they are the frontends of their bases. */
    for (guint i = chardev_list->len; i-- > 0;) {
        Chardev *chr = g_ptr_array_index(chardev_list, i);

        if (chr->is_mux) {
            chardev_delete(chr);
        }
    }
    while (chardev_list->len) {
        chardev_delete(g_ptr_array_index(chardev_list, chardev_list->len - 1));
    }
}

void chardev_foreach(void (*fn)(Chardev *chr, void *opaque), void *opaque)
{
    if (!chardev_list) {
        return;
    }
    for (guint i = 0; i < chardev_list->len; i++) {
        fn(g_ptr_array_index(chardev_list, i), opaque);
    }
}
