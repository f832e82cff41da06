/*
 * readline.c — the line editor of the human monitor.
 *
 * The monitor runs on a chardev, often a raw terminal (stdio, a pty, a
 * telnet-like socket), so it edits the line itself: it echoes what is typed
 * and redraws with ANSI/VT100 control sequences (ECMA-48: CUB "ESC [ n D",
 * CUF "ESC [ n C", EL "ESC [ K").
 *
 * Keys: printable text inserts at the cursor; Backspace (BS or DEL)
 * deletes before it; Delete (ESC [ 3 ~) and Ctrl-D delete under it;
 * Left/Right (ESC [ D / ESC [ C, Ctrl-B/Ctrl-F) move; Home/End (ESC [ H,
 * ESC [ F, ESC [ 1 ~, ESC [ 4 ~, Ctrl-A/Ctrl-E); Ctrl-U kills to the start
 * of the line, Ctrl-K to its end, Ctrl-W the word before the cursor;
 * Up/Down (ESC [ A / ESC [ B, Ctrl-P/Ctrl-N) walk the history; Tab
 * completes; Ctrl-C drops the line; CR, LF or CR LF ends it.
 *
 * The editor tracks where the terminal's cursor is (term_pos, an index in
 * the line) so that every edit only moves the cursor and rewrites the tail
 * of the line that changed.
 */
#include "util/osdep.h"
#include "monitor-internal.h"

typedef enum EscState {
    ESC_NONE,
    ESC_SEEN,       /* ESC */
    ESC_CSI,        /* ESC [ params */
    ESC_SS3,        /* ESC O */
} EscState;

struct ReadLineState {
    char *prompt;
    char line[READLINE_MAX_LINE];
    int len;                    /* bytes in line (kept NUL-terminated) */
    int pos;                    /* cursor index in line */
    int term_pos;               /* where the terminal's cursor is */

    EscState esc;
    int esc_param;
    bool last_was_cr;           /* swallow the LF of a CR LF pair */

    char *history[READLINE_MAX_HISTORY];
    unsigned hist_len;
    int hist_index;             /* entry shown, -1: editing a new line */
    char *saved_line;           /* the new line, while browsing history */

    GString *out;               /* output of the current key, printed at once */
    ReadLinePrintFunc *print;
    ReadLineLineFunc *line_cb;
    ReadLineCompleteFunc *complete;
    void *opaque;
};

ReadLineState *readline_new(const char *prompt, ReadLinePrintFunc *print,
                            ReadLineLineFunc *line_cb,
                            ReadLineCompleteFunc *complete, void *opaque)
{
    ReadLineState *rs = g_new0(ReadLineState, 1);

    rs->prompt = g_strdup(prompt);
    rs->hist_index = -1;
    rs->out = g_string_new(NULL);
    rs->print = print;
    rs->line_cb = line_cb;
    rs->complete = complete;
    rs->opaque = opaque;
    return rs;
}

void readline_free(ReadLineState *rs)
{
    if (!rs) {
        return;
    }
    for (unsigned i = 0; i < rs->hist_len; i++) {
        g_free(rs->history[i]);
    }
    g_free(rs->saved_line);
    g_free(rs->prompt);
    g_string_free(rs->out, true);
    g_free(rs);
}

static void rl_flush(ReadLineState *rs)
{
    if (rs->out->len) {
        rs->print(rs->opaque, rs->out->str);
        g_string_truncate(rs->out, 0);
    }
}

/* Moves the terminal cursor to index `to` of the line. */
static void rl_move_to(ReadLineState *rs, int to)
{
    if (to < rs->term_pos) {
        g_string_append_printf(rs->out, "\033[%dD", rs->term_pos - to);
    } else if (to > rs->term_pos) {
        g_string_append_printf(rs->out, "\033[%dC", to - rs->term_pos);
    }
    rs->term_pos = to;
}

/* Rewrites the line from index `from` on and puts the cursor back at pos;
 * `shrunk` clears what is left of a longer old line. */
static void rl_redraw_from(ReadLineState *rs, int from, bool shrunk)
{
    rl_move_to(rs, from);
    g_string_append_len(rs->out, rs->line + from, rs->len - from);
    rs->term_pos = rs->len;
    if (shrunk) {
        g_string_append(rs->out, "\033[K");
    }
    rl_move_to(rs, rs->pos);
}

static void rl_set_line(ReadLineState *rs, const char *text)
{
    int n = MIN((int)strlen(text), READLINE_MAX_LINE - 1);

    memcpy(rs->line, text, n);
    rs->line[n] = '\0';
    rs->len = n;
    rs->pos = n;
    rl_redraw_from(rs, 0, true);
}

static void rl_insert(ReadLineState *rs, const char *text, int n)
{
    n = MIN(n, READLINE_MAX_LINE - 1 - rs->len);
    if (n <= 0) {
        return;
    }
    memmove(rs->line + rs->pos + n, rs->line + rs->pos, rs->len - rs->pos + 1);
    memcpy(rs->line + rs->pos, text, n);
    rs->len += n;
    rs->pos += n;
    rl_redraw_from(rs, rs->pos - n, false);
}

/* Deletes [from, to) of the line and leaves the cursor at from. */
static void rl_delete(ReadLineState *rs, int from, int to)
{
    if (from >= to) {
        return;
    }
    memmove(rs->line + from, rs->line + to, rs->len - to + 1);
    rs->len -= to - from;
    rs->pos = from;
    rl_redraw_from(rs, from, true);
}

static void rl_move_cursor(ReadLineState *rs, int pos)
{
    rs->pos = CLAMP(pos, 0, rs->len);
    rl_move_to(rs, rs->pos);
}

void readline_show_prompt(ReadLineState *rs)
{
    g_string_append(rs->out, rs->prompt);
    g_string_append_len(rs->out, rs->line, rs->len);
    rs->term_pos = rs->len;
    rl_move_to(rs, rs->pos);
    rl_flush(rs);
}

void readline_reset(ReadLineState *rs)
{
    rs->len = rs->pos = rs->term_pos = 0;
    rs->line[0] = '\0';
    rs->esc = ESC_NONE;
    rs->last_was_cr = false;
    rs->hist_index = -1;
    g_clear_pointer(&rs->saved_line, g_free);
}

static void rl_history_add(ReadLineState *rs, const char *line)
{
    if (!line[0]) {
        return;
    }
    if (rs->hist_len && !strcmp(rs->history[rs->hist_len - 1], line)) {
        return;             /* repeating a command does not fill the history */
    }
    if (rs->hist_len == READLINE_MAX_HISTORY) {
        g_free(rs->history[0]);
        memmove(rs->history, rs->history + 1,
                (READLINE_MAX_HISTORY - 1) * sizeof(rs->history[0]));
        rs->hist_len--;
    }
    rs->history[rs->hist_len++] = g_strdup(line);
}

static void rl_history_up(ReadLineState *rs)
{
    if (!rs->hist_len) {
        return;
    }
    if (rs->hist_index < 0) {
        g_free(rs->saved_line);
        rs->saved_line = g_strdup(rs->line);
        rs->hist_index = rs->hist_len - 1;
    } else if (rs->hist_index > 0) {
        rs->hist_index--;
    } else {
        return;
    }
    rl_set_line(rs, rs->history[rs->hist_index]);
}

static void rl_history_down(ReadLineState *rs)
{
    if (rs->hist_index < 0) {
        return;
    }
    if (rs->hist_index < (int)rs->hist_len - 1) {
        rs->hist_index++;
        rl_set_line(rs, rs->history[rs->hist_index]);
    } else {
        g_autofree char *saved = g_steal_pointer(&rs->saved_line);

        rs->hist_index = -1;
        rl_set_line(rs, saved ? saved : "");
    }
}

static void rl_enter(ReadLineState *rs)
{
    g_autofree char *line = g_strdup(rs->line);

    g_string_append(rs->out, "\r\n");
    rl_flush(rs);
    rl_history_add(rs, line);
    readline_reset(rs);
    rs->line_cb(rs->opaque, line);
}

static int rl_word_start(ReadLineState *rs, int pos)
{
    while (pos > 0 && rs->line[pos - 1] == ' ') {
        pos--;
    }
    while (pos > 0 && rs->line[pos - 1] != ' ') {
        pos--;
    }
    return pos;
}

static void rl_complete(ReadLineState *rs)
{
    g_autoptr(GPtrArray) cands = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *before = g_strndup(rs->line, rs->pos);
    int word = rs->pos;
    size_t word_len, common;

    if (!rs->complete) {
        return;
    }
    while (word > 0 && rs->line[word - 1] != ' ') {
        word--;
    }
    word_len = rs->pos - word;
    rs->complete(rs->opaque, before, cands);
    if (cands->len == 0) {
        return;
    }
    /* The longest prefix all candidates share. */
    common = strlen(g_ptr_array_index(cands, 0));
    for (guint i = 1; i < cands->len; i++) {
        const char *a = g_ptr_array_index(cands, 0);
        const char *b = g_ptr_array_index(cands, i);
        size_t j = 0;

        while (j < common && a[j] && a[j] == b[j]) {
            j++;
        }
        common = j;
    }
    if (cands->len == 1) {
        const char *c = g_ptr_array_index(cands, 0);

        rl_insert(rs, c + MIN(word_len, strlen(c)),
                  strlen(c) - MIN(word_len, strlen(c)));
        rl_insert(rs, " ", 1);
    } else if (common > word_len) {
        rl_insert(rs, (char *)g_ptr_array_index(cands, 0) + word_len,
                  common - word_len);
    } else {
        /* Nothing more to add: show the choices under the line. */
        g_string_append(rs->out, "\r\n");
        for (guint i = 0; i < cands->len; i++) {
            g_string_append_printf(rs->out, "%s%s",
                                   (char *)g_ptr_array_index(cands, i),
                                   i + 1 < cands->len ? "  " : "\r\n");
        }
        readline_show_prompt(rs);
    }
}

/* The end of an "ESC [ ... X" or "ESC O X" sequence. */
static void rl_handle_sequence(ReadLineState *rs, char final, int param)
{
    switch (final) {
    case 'A':
        rl_history_up(rs);
        break;
    case 'B':
        rl_history_down(rs);
        break;
    case 'C':
        rl_move_cursor(rs, rs->pos + 1);
        break;
    case 'D':
        rl_move_cursor(rs, rs->pos - 1);
        break;
    case 'H':
        rl_move_cursor(rs, 0);
        break;
    case 'F':
        rl_move_cursor(rs, rs->len);
        break;
    case '~':
        if (param == 1 || param == 7) {
            rl_move_cursor(rs, 0);
        } else if (param == 4 || param == 8) {
            rl_move_cursor(rs, rs->len);
        } else if (param == 3) {
            rl_delete(rs, rs->pos, MIN(rs->pos + 1, rs->len));
        }
        break;
    default:
        break;              /* unknown keys are ignored, not inserted */
    }
}

static void rl_handle_key(ReadLineState *rs, uint8_t ch)
{
    switch (ch) {
    case '\r':
        rl_enter(rs);               /* resets the state: set the flag after */
        rs->last_was_cr = true;
        return;
    case '\n':
        if (!rs->last_was_cr) {
            rl_enter(rs);
        }
        rs->last_was_cr = false;
        return;
    }
    rs->last_was_cr = false;

    switch (ch) {
    case 1:     /* Ctrl-A */
        rl_move_cursor(rs, 0);
        break;
    case 2:     /* Ctrl-B */
        rl_move_cursor(rs, rs->pos - 1);
        break;
    case 3:     /* Ctrl-C */
        g_string_append(rs->out, "^C\r\n");
        readline_reset(rs);
        readline_show_prompt(rs);
        break;
    case 4:     /* Ctrl-D */
        rl_delete(rs, rs->pos, MIN(rs->pos + 1, rs->len));
        break;
    case 5:     /* Ctrl-E */
        rl_move_cursor(rs, rs->len);
        break;
    case 6:     /* Ctrl-F */
        rl_move_cursor(rs, rs->pos + 1);
        break;
    case 8:     /* Ctrl-H */
    case 127:   /* DEL: what the Backspace key sends on most terminals */
        if (rs->pos > 0) {
            rl_delete(rs, rs->pos - 1, rs->pos);
        }
        break;
    case 9:     /* Tab */
        rl_complete(rs);
        break;
    case 11:    /* Ctrl-K */
        rl_delete(rs, rs->pos, rs->len);
        break;
    case 14:    /* Ctrl-N */
        rl_history_down(rs);
        break;
    case 16:    /* Ctrl-P */
        rl_history_up(rs);
        break;
    case 21:    /* Ctrl-U */
        rl_delete(rs, 0, rs->pos);
        break;
    case 23:    /* Ctrl-W */
        rl_delete(rs, rl_word_start(rs, rs->pos), rs->pos);
        break;
    case 27:    /* ESC */
        rs->esc = ESC_SEEN;
        break;
    default:
        if (ch >= 32) {
            char c = ch;
            rl_insert(rs, &c, 1);
        }
        break;
    }
}

void readline_handle_byte(ReadLineState *rs, uint8_t ch)
{
    switch (rs->esc) {
    case ESC_NONE:
        rl_handle_key(rs, ch);
        break;
    case ESC_SEEN:
        if (ch == '[') {
            rs->esc = ESC_CSI;
            rs->esc_param = 0;
        } else if (ch == 'O') {
            rs->esc = ESC_SS3;
        } else {
            rs->esc = ESC_NONE;
        }
        break;
    case ESC_CSI:
        if (ch >= '0' && ch <= '9') {
            rs->esc_param = MIN(rs->esc_param * 10 + (ch - '0'), 1000);
        } else if (ch >= 0x40 && ch <= 0x7e) {
            rs->esc = ESC_NONE;
            rl_handle_sequence(rs, ch, rs->esc_param);
        } else if (ch < 0x20 || ch > 0x7e) {
            rs->esc = ESC_NONE;     /* broken sequence: drop it */
        }
        break;                      /* ';' and other parameter bytes */
    case ESC_SS3:
        rs->esc = ESC_NONE;
        rl_handle_sequence(rs, ch, 0);
        break;
    }
    rl_flush(rs);
}

const char *readline_get_line(ReadLineState *rs)
{
    return rs->line;
}

unsigned readline_history_len(ReadLineState *rs)
{
    return rs->hist_len;
}

const char *readline_history_get(ReadLineState *rs, unsigned i)
{
    return i < rs->hist_len ? rs->history[i] : NULL;
}
