/*
 * monitor-internal.h — what the files of softmmu/monitor/ share: the Monitor
 * object, the line editor, the QMP stream splitter, and the hooks between
 * the core (monitor.c), HMP (hmp.c, hmp-cmds.c) and QMP (qmp.c, qmp-cmds.c).
 *
 * Nothing outside softmmu/monitor/ includes this file: the public interface
 * is include/monitor/monitor.h.
 */
#ifndef TURTLE_SOFTMMU_MONITOR_INTERNAL_H
#define TURTLE_SOFTMMU_MONITOR_INTERNAL_H

#include "util/osdep.h"
#include "monitor/monitor.h"

/* ---- Line editor (readline.c) ------------------------------------------ */

#define READLINE_MAX_LINE     1024
#define READLINE_MAX_HISTORY  64

typedef struct ReadLineState ReadLineState;

/* Prints text to the terminal the editor draws on. */
typedef void ReadLinePrintFunc(void *opaque, const char *text);
/* Called with a finished line (without the end-of-line). */
typedef void ReadLineLineFunc(void *opaque, const char *line);
/* Fills candidates (char *, g_free'd by the editor) with the completions of
 * the text before the cursor. The candidates replace the last word. */
typedef void ReadLineCompleteFunc(void *opaque, const char *text,
                                  GPtrArray *candidates);

ReadLineState *readline_new(const char *prompt, ReadLinePrintFunc *print,
                            ReadLineLineFunc *line_cb,
                            ReadLineCompleteFunc *complete, void *opaque);
void readline_free(ReadLineState *rs);
/* Feeds one byte typed by the user (escape sequences arrive byte by byte). */
void readline_handle_byte(ReadLineState *rs, uint8_t ch);
/* Prints the prompt and the line being edited (after output or a focus
 * change). */
void readline_show_prompt(ReadLineState *rs);
/* Drops the line being edited (the peer went away). */
void readline_reset(ReadLineState *rs);
/* The line being edited, and the history (oldest first), for tests. */
const char *readline_get_line(ReadLineState *rs);
unsigned readline_history_len(ReadLineState *rs);
const char *readline_history_get(ReadLineState *rs, unsigned i);

/* ---- QMP stream splitter (qmp.c) --------------------------------------- */

/* Cuts a byte stream into top-level JSON texts without parsing them: it
 * tracks the nesting depth of {} and [] outside strings. Stray text at depth
 * zero (not JSON) is delivered as a message at the next newline, so that the
 * peer gets an error for it and the stream stays usable. */
typedef struct QMPStreamSplitter {
    GString *buf;
    int depth;
    bool in_string;
    bool escape;
    bool stray;             /* collecting text that started outside {} [] */
    bool overflow;          /* message too long or too deep: being skipped */
} QMPStreamSplitter;

/* Largest message and deepest nesting accepted; a longer or deeper one
 * gets an error instead of growing memory without bound. */
#define QMP_MAX_MESSAGE_SIZE  (1 * 1024 * 1024)
#define QMP_MAX_NESTING       1024

void qmp_splitter_init(QMPStreamSplitter *s);
void qmp_splitter_destroy(QMPStreamSplitter *s);
void qmp_splitter_reset(QMPStreamSplitter *s);
/* Feeds bytes; calls emit(opaque, text, error) for each complete message
 * (error is non-NULL when the message was too long or too deep). */
typedef void QMPSplitterEmitFunc(void *opaque, const char *text,
                                 const char *error);
void qmp_splitter_feed(QMPStreamSplitter *s, const uint8_t *buf, size_t len,
                       QMPSplitterEmitFunc *emit, void *opaque);

/* ---- The Monitor object (monitor.c) ------------------------------------ */

typedef enum MonitorKind {
    MONITOR_HMP,
    MONITOR_QMP,
    MONITOR_CAPTURE,        /* hmp_run_command: output collected, no chardev */
} MonitorKind;

struct Monitor {
    MonitorKind kind;
    Chardev *chr;               /* NULL for MONITOR_CAPTURE */
    GString *outbuf;            /* output not yet written to chr / captured */
    bool opened;                /* peer connected (OPENED seen) */
    int cpu_index;              /* CPU selected with "cpu N" */

    /* HMP */
    ReadLineState *rs;
    bool banner_shown;          /* the welcome line was printed */
    bool skip_mux_in;           /* OPENED just drew the prompt */

    /* QMP */
    bool pretty;
    bool negotiated;            /* qmp_capabilities done */
    QMPStreamSplitter splitter;
};

/* The monitor whose command runs now (NULL outside commands). */
extern Monitor *monitor_cur;

/* Writes the pending output to the chardev. */
void monitor_flush(Monitor *mon);
/* Every live chardev monitor (Monitor *), for events. */
GPtrArray *monitor_list(void);
/* The CPU index selected on mon (or on the current monitor when mon is
 * NULL), and its change. */
int monitor_get_cpu_index(Monitor *mon);
bool monitor_set_cpu_index(Monitor *mon, int index);

/* HMP frontend entry points (hmp.c). */
void hmp_monitor_init(Monitor *mon);
void hmp_monitor_destroy(Monitor *mon);
void hmp_monitor_event(Monitor *mon, int event);
void hmp_monitor_input(Monitor *mon, const uint8_t *buf, int len);
/* Runs a line on mon (output goes to mon). */
void hmp_handle_command(Monitor *mon, const char *line);
/* Command name completion for the line editor and tests. */
void hmp_complete(const char *text, GPtrArray *candidates);
/* Lists the registered commands/info subcommands (HMPCommand *, sorted). */
GPtrArray *hmp_get_commands(void);
GPtrArray *hmp_get_info_commands(void);

/* QMP frontend entry points (qmp.c). */
void qmp_monitor_init(Monitor *mon);
void qmp_monitor_destroy(Monitor *mon);
void qmp_monitor_event(Monitor *mon, int event);
void qmp_monitor_input(Monitor *mon, const uint8_t *buf, int len);
/* Names of the registered QMP commands, sorted (g_free the array only). */
GPtrArray *qmp_get_command_names(void);

/* Built-in command tables, registered on first use. */
void hmp_cmds_register_builtins(void);
void qmp_cmds_register_builtins(void);

/* Writes a JSON node as text: compact on one line ("key": value, ...) or
 * pretty (indented by 4). */
void qmp_json_to_gstring(GString *out, JsonNode *node, bool pretty);

#endif
