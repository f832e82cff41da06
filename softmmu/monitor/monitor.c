/*
 * monitor.c — the Monitor object: a human (HMP) or machine (QMP) monitor
 * attached as the frontend of a chardev.
 *
 * The core knows nothing of commands: it owns the chardev attachment, the
 * output buffer and the list of monitors, and hands input and connection
 * events to the HMP or QMP frontend. Output is buffered while a command
 * runs and written in one go at its end (monitor_flush), with "\n" sent as
 * "\r\n" because the peer is often a terminal in raw mode.
 *
 * Everything runs on the main thread (see util/main-loop.h), so no locking.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "monitor-internal.h"

/* Flush early when a command prints a lot, so memory stays bounded. */
#define MONITOR_OUTBUF_FLUSH_SIZE (64 * 1024)

Monitor *monitor_cur;
static GPtrArray *monitors;

GPtrArray *monitor_list(void)
{
    if (!monitors) {
        monitors = g_ptr_array_new();
    }
    return monitors;
}

void monitor_flush(Monitor *mon)
{
    g_autoptr(GString) crlf = NULL;

    if (!mon || mon->kind == MONITOR_CAPTURE || !mon->outbuf->len) {
        return;
    }
    crlf = g_string_sized_new(mon->outbuf->len + 64);
    for (gsize i = 0; i < mon->outbuf->len; i++) {
        char c = mon->outbuf->str[i];

        if (c == '\n' && (i == 0 || mon->outbuf->str[i - 1] != '\r')) {
            g_string_append_c(crlf, '\r');
        }
        g_string_append_c(crlf, c);
    }
    g_string_truncate(mon->outbuf, 0);
    if (mon->chr) {
        /* Written whole, or dropped when no peer listens: either way the
         * buffer is done with. */
        chardev_write(mon->chr, (const uint8_t *)crlf->str, crlf->len);
    }
}

void monitor_puts(Monitor *mon, const char *s)
{
    if (!mon) {
        mon = monitor_cur;
    }
    if (!mon) {
        /* No monitor command runs (a subsystem printing at start-up). */
        fputs(s, stdout);
        return;
    }
    g_string_append(mon->outbuf, s);
    if (mon->kind != MONITOR_CAPTURE &&
        mon->outbuf->len >= MONITOR_OUTBUF_FLUSH_SIZE) {
        monitor_flush(mon);
    }
}

void monitor_printf(Monitor *mon, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *s = NULL;

    va_start(ap, fmt);
    s = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    monitor_puts(mon, s);
}

int monitor_get_cpu_index(Monitor *mon)
{
    if (!mon) {
        mon = monitor_cur;
    }
    return mon ? mon->cpu_index : 0;
}

bool monitor_set_cpu_index(Monitor *mon, int index)
{
    if (!mon) {
        mon = monitor_cur;
    }
    if (!mon || index < 0) {
        return false;
    }
    mon->cpu_index = index;
    return true;
}

/* ---- Chardev frontend --------------------------------------------------- */

static int monitor_can_read(void *opaque)
{
    Monitor *mon = opaque;

    /* HMP takes a little at a time so that a paste is echoed smoothly;
     * QMP takes what comes. */
    return mon->kind == MONITOR_QMP ? 4096 : 256;
}

static void monitor_read(void *opaque, const uint8_t *buf, int len)
{
    Monitor *mon = opaque;

    if (mon->kind == MONITOR_QMP) {
        qmp_monitor_input(mon, buf, len);
    } else {
        hmp_monitor_input(mon, buf, len);
    }
}

static void monitor_event(void *opaque, ChardevEvent event)
{
    Monitor *mon = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
        if (mon->opened) {
            return;         /* already greeted this peer */
        }
        mon->opened = true;
        break;
    case CHR_EVENT_CLOSED:
        mon->opened = false;
        break;
    default:
        break;
    }
    if (mon->kind == MONITOR_QMP) {
        qmp_monitor_event(mon, event);
    } else {
        hmp_monitor_event(mon, event);
    }
}

static const CharFrontendOps monitor_frontend_ops = {
    .can_read = monitor_can_read,
    .read = monitor_read,
    .event = monitor_event,
};

static Monitor *monitor_new(MonitorKind kind, Chardev *chr, bool pretty,
                            GError **errp)
{
    Monitor *mon;

    if (!chr) {
        error_setg(errp, "monitor: no chardev");
        return NULL;
    }
    mon = g_new0(Monitor, 1);
    mon->kind = kind;
    mon->chr = chr;
    mon->pretty = pretty;
    mon->outbuf = g_string_new(NULL);
    if (kind == MONITOR_QMP) {
        qmp_monitor_init(mon);
    } else {
        hmp_monitor_init(mon);
    }
    g_ptr_array_add(monitor_list(), mon);
    if (!chardev_attach(chr, &monitor_frontend_ops, mon, errp)) {
        g_ptr_array_remove(monitor_list(), mon);
        if (kind == MONITOR_QMP) {
            qmp_monitor_destroy(mon);
        } else {
            hmp_monitor_destroy(mon);
        }
        g_string_free(mon->outbuf, true);
        g_free(mon);
        return NULL;
    }
    /* A connected backend reports OPENED from chardev_attach; a mux only
     * once the user switches to the monitor, so the banner does not land
     * in the middle of the guest's console. */
    return mon;
}

Monitor *monitor_new_hmp(Chardev *chr, GError **errp)
{
    return monitor_new(MONITOR_HMP, chr, false, errp);
}

Monitor *monitor_new_qmp(Chardev *chr, bool pretty, GError **errp)
{
    return monitor_new(MONITOR_QMP, chr, pretty, errp);
}

static void monitor_free(Monitor *mon)
{
    monitor_flush(mon);
    if (mon->chr) {
        chardev_detach(mon->chr);
    }
    if (mon->kind == MONITOR_QMP) {
        qmp_monitor_destroy(mon);
    } else if (mon->kind == MONITOR_HMP) {
        hmp_monitor_destroy(mon);
    }
    if (monitor_cur == mon) {
        monitor_cur = NULL;
    }
    g_string_free(mon->outbuf, true);
    g_free(mon);
}

void monitor_cleanup_all(void)
{
    if (!monitors) {
        return;
    }
    while (monitors->len) {
        Monitor *mon = g_ptr_array_steal_index(monitors, monitors->len - 1);
        monitor_free(mon);
    }
}

/* ---- Captured output (hmp_run_command) ---------------------------------- */

/* The CPU selected by commands run outside any monitor (tests, tools). */
static int monitor_detached_cpu_index;

char *hmp_run_command(const char *line)
{
    Monitor cap = { .kind = MONITOR_CAPTURE };
    Monitor *saved = monitor_cur;
    char *text;

    cap.outbuf = g_string_new(NULL);
    /* "cpu N" given through QMP applies to the calling monitor. */
    cap.cpu_index = saved ? saved->cpu_index : monitor_detached_cpu_index;
    hmp_handle_command(&cap, line ? line : "");
    if (saved) {
        saved->cpu_index = cap.cpu_index;
    } else {
        monitor_detached_cpu_index = cap.cpu_index;
    }
    monitor_cur = saved;
    text = g_string_free(cap.outbuf, false);
    return text;
}
