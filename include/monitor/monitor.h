/*
 * monitor.h — the human monitor (HMP) and the JSON machine protocol (QMP).
 *
 * Both run on chardevs. Commands are registered in tables by the subsystems
 * that own the data ("info mtree" by the memory code, "info registers" by the
 * CPU code), so the monitor itself knows no subsystem.
 */
#ifndef TURTLE_MONITOR_MONITOR_H
#define TURTLE_MONITOR_MONITOR_H

#include "util/osdep.h"
#include "chardev/char.h"

typedef struct Monitor Monitor;

/* Starts a monitor on chr: HMP (prompt "(turtle) ") or QMP (greeting,
 * capabilities negotiation, commands, events). */
Monitor *monitor_new_hmp(Chardev *chr, GError **errp);
Monitor *monitor_new_qmp(Chardev *chr, bool pretty, GError **errp);
void monitor_cleanup_all(void);

/* Output of a running HMP command (or the QMP human-monitor-command reply). */
void monitor_printf(Monitor *mon, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void monitor_puts(Monitor *mon, const char *s);

/* An HMP command. args_type describes the arguments for the parser and the
 * help text: e.g. "ADDR" or "/FMT ADDR". The handler parses args itself
 * (the rest of the line, leading spaces removed). */
typedef struct HMPCommand {
    const char *name;
    const char *params;         /* shown in help, e.g. "/fmt addr" */
    const char *help;
    void (*handler)(Monitor *mon, const char *args);
} HMPCommand;

/* An "info" subcommand: prints into out. */
typedef struct HMPInfoCommand {
    const char *name;
    const char *help;
    void (*handler)(Monitor *mon, GString *out, const char *args);
} HMPInfoCommand;

void hmp_register_command(const HMPCommand *cmd);
void hmp_register_info(const HMPInfoCommand *cmd);
/* Runs one HMP command line and returns what it printed (QMP's
 * human-monitor-command, tests). */
char *hmp_run_command(const char *line);

/* A QMP command: args is a JSON object (never NULL); on success returns a
 * JSON node for "return" (NULL means {}); on failure sets errp, which
 * becomes {"error": {"class": "GenericError", "desc": ...}}. */
#include <json-glib/json-glib.h>
typedef JsonNode *QMPHandler(JsonObject *args, GError **errp);
void qmp_register_command(const char *name, QMPHandler *handler);
/* Sends {"event": name, "data": data, "timestamp": ...} to every QMP
 * monitor that finished capabilities negotiation. data may be NULL. */
void qmp_emit_event(const char *name, JsonObject *data);

#endif
