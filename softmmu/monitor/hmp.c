/*
 * hmp.c — the human monitor: the command tables, the dispatcher, "help"
 * and "info", and the HMP frontend that ties the line editor to a chardev.
 *
 * Commands live in two tables that any subsystem extends at start-up with
 * hmp_register_command / hmp_register_info ("info jit" from the execution
 * engine, "info pic" from the interrupt controller). The built-in commands
 * of hmp-cmds.c are added the first time a table is looked at, so a
 * subsystem may register before or after them.
 *
 * A command line is "NAME ARGS": NAME is letters, digits, '_' and '-' (or
 * '?'), so "x/4x 0x1000" is the command "x" with the arguments "/4x 0x1000".
 * A name may carry aliases separated by '|' ("cont|c").
 */
#include "util/osdep.h"
#include "util/error.h"
#include "monitor-internal.h"

#define HMP_PROMPT "(turtle) "

static GPtrArray *hmp_commands;         /* const HMPCommand * */
static GPtrArray *hmp_info_commands;    /* const HMPInfoCommand * */
static bool hmp_builtins_registered;

static void hmp_cmd_help(Monitor *mon, const char *args);
static void hmp_cmd_info(Monitor *mon, const char *args);

static const HMPCommand hmp_core_commands[] = {
    { "help|?", "[cmd]", "show the help (\"help info\": the info subcommands)",
      hmp_cmd_help },
    { "info", "[subcommand]", "show information about the machine",
      hmp_cmd_info },
};

static void hmp_ensure_builtins(void)
{
    if (hmp_builtins_registered) {
        return;
    }
    hmp_builtins_registered = true;
    for (size_t i = 0; i < ARRAY_SIZE(hmp_core_commands); i++) {
        hmp_register_command(&hmp_core_commands[i]);
    }
    hmp_cmds_register_builtins();
}

/* True if name (up to its length n) is one of the '|'-separated aliases. */
static bool hmp_name_matches(const char *names, const char *name, size_t n)
{
    const char *p = names;

    while (*p) {
        const char *end = strchr(p, '|');
        size_t len = end ? (size_t)(end - p) : strlen(p);

        if (len == n && !strncmp(p, name, n)) {
            return true;
        }
        if (!end) {
            break;
        }
        p = end + 1;
    }
    return false;
}

static const HMPCommand *hmp_find_command(const char *name, size_t n)
{
    hmp_ensure_builtins();
    for (guint i = 0; i < hmp_commands->len; i++) {
        const HMPCommand *c = g_ptr_array_index(hmp_commands, i);

        if (hmp_name_matches(c->name, name, n)) {
            return c;
        }
    }
    return NULL;
}

static const HMPInfoCommand *hmp_find_info(const char *name, size_t n)
{
    hmp_ensure_builtins();
    if (!hmp_info_commands) {
        return NULL;
    }
    for (guint i = 0; i < hmp_info_commands->len; i++) {
        const HMPInfoCommand *c = g_ptr_array_index(hmp_info_commands, i);

        if (hmp_name_matches(c->name, name, n)) {
            return c;
        }
    }
    return NULL;
}

void hmp_register_command(const HMPCommand *cmd)
{
    const char *p = cmd->name;

    if (!hmp_commands) {
        hmp_commands = g_ptr_array_new();
    }
    /* The first registration of a name wins: warn about a clash, which is
     * a bug of the registering subsystem. */
    while (*p) {
        size_t n = strcspn(p, "|");

        for (guint i = 0; i < hmp_commands->len; i++) {
            const HMPCommand *c = g_ptr_array_index(hmp_commands, i);
            if (hmp_name_matches(c->name, p, n)) {
                warn_report("monitor: command '%.*s' registered twice",
                            (int)n, p);
                return;
            }
        }
        p += n;
        if (*p == '|') {
            p++;
        }
    }
    g_ptr_array_add(hmp_commands, (gpointer)cmd);
}

void hmp_register_info(const HMPInfoCommand *cmd)
{
    if (!hmp_info_commands) {
        hmp_info_commands = g_ptr_array_new();
    }
    for (guint i = 0; i < hmp_info_commands->len; i++) {
        const HMPInfoCommand *c = g_ptr_array_index(hmp_info_commands, i);
        if (!strcmp(c->name, cmd->name)) {
            warn_report("monitor: info subcommand '%s' registered twice",
                        cmd->name);
            return;
        }
    }
    g_ptr_array_add(hmp_info_commands, (gpointer)cmd);
}

static gint hmp_cmd_compare(gconstpointer a, gconstpointer b)
{
    const HMPCommand *ca = *(const HMPCommand *const *)a;
    const HMPCommand *cb = *(const HMPCommand *const *)b;

    return strcmp(ca->name, cb->name);
}

static gint hmp_info_compare(gconstpointer a, gconstpointer b)
{
    const HMPInfoCommand *ca = *(const HMPInfoCommand *const *)a;
    const HMPInfoCommand *cb = *(const HMPInfoCommand *const *)b;

    return strcmp(ca->name, cb->name);
}

GPtrArray *hmp_get_commands(void)
{
    GPtrArray *list = g_ptr_array_new();

    hmp_ensure_builtins();
    for (guint i = 0; i < hmp_commands->len; i++) {
        g_ptr_array_add(list, g_ptr_array_index(hmp_commands, i));
    }
    g_ptr_array_sort(list, hmp_cmd_compare);
    return list;
}

GPtrArray *hmp_get_info_commands(void)
{
    GPtrArray *list = g_ptr_array_new();

    hmp_ensure_builtins();
    for (guint i = 0; hmp_info_commands && i < hmp_info_commands->len; i++) {
        g_ptr_array_add(list, g_ptr_array_index(hmp_info_commands, i));
    }
    g_ptr_array_sort(list, hmp_info_compare);
    return list;
}

/* ---- help and info ------------------------------------------------------- */

static void hmp_print_command_help(Monitor *mon, const HMPCommand *c)
{
    monitor_printf(mon, "%s%s%s -- %s\n", c->name,
                   c->params && c->params[0] ? " " : "",
                   c->params ? c->params : "", c->help ? c->help : "");
}

static void hmp_print_info_help(Monitor *mon)
{
    g_autoptr(GPtrArray) list = hmp_get_info_commands();

    for (guint i = 0; i < list->len; i++) {
        const HMPInfoCommand *c = g_ptr_array_index(list, i);
        monitor_printf(mon, "info %s -- %s\n", c->name, c->help ? c->help : "");
    }
}

static void hmp_cmd_help(Monitor *mon, const char *args)
{
    g_autoptr(GPtrArray) list = NULL;
    size_t n = strcspn(args, " \t");

    if (n == 0) {
        list = hmp_get_commands();
        for (guint i = 0; i < list->len; i++) {
            hmp_print_command_help(mon, g_ptr_array_index(list, i));
        }
        return;
    }
    if (n == 4 && !strncmp(args, "info", 4)) {
        hmp_print_info_help(mon);
        return;
    }
    const HMPCommand *c = hmp_find_command(args, n);
    if (!c) {
        monitor_printf(mon, "unknown command: '%.*s'\n", (int)n, args);
        return;
    }
    hmp_print_command_help(mon, c);
}

static void hmp_cmd_info(Monitor *mon, const char *args)
{
    g_autoptr(GString) out = NULL;
    size_t n = strcspn(args, " \t");
    const HMPInfoCommand *c;
    const char *rest;

    if (n == 0) {
        hmp_print_info_help(mon);
        return;
    }
    c = hmp_find_info(args, n);
    if (!c) {
        monitor_printf(mon, "unknown info subcommand: '%.*s' "
                       "(\"help info\" lists them)\n", (int)n, args);
        return;
    }
    rest = args + n;
    while (*rest == ' ' || *rest == '\t') {
        rest++;
    }
    out = g_string_new(NULL);
    c->handler(mon, out, rest);
    monitor_puts(mon, out->str);
}

/* ---- Dispatch ------------------------------------------------------------ */

static bool hmp_is_name_char(char c)
{
    return g_ascii_isalnum(c) || c == '_' || c == '-' || c == '?';
}

void hmp_handle_command(Monitor *mon, const char *line)
{
    Monitor *saved = monitor_cur;
    const HMPCommand *c;
    g_autofree char *copy = g_strstrip(g_strdup(line));
    const char *name = copy;
    const char *args;
    size_t n = 0;

    if (!copy[0] || copy[0] == '#') {
        return;
    }
    while (hmp_is_name_char(name[n])) {
        n++;
    }
    if (n == 0) {
        n = strcspn(name, " \t");
        monitor_printf(mon, "unknown command: '%.*s'\n", (int)n, name);
        return;
    }
    c = hmp_find_command(name, n);
    if (!c) {
        monitor_printf(mon, "unknown command: '%.*s'\n", (int)n, name);
        return;
    }
    args = name + n;
    while (*args == ' ' || *args == '\t') {
        args++;
    }
    monitor_cur = mon;
    c->handler(mon, args);
    monitor_cur = saved;
}

/* ---- Completion ---------------------------------------------------------- */

static void hmp_complete_names(const char *names, const char *prefix,
                               GPtrArray *cands)
{
    g_auto(GStrv) aliases = g_strsplit(names, "|", -1);

    for (char **a = aliases; *a; a++) {
        if (g_str_has_prefix(*a, prefix) && strcmp(*a, "?")) {
            g_ptr_array_add(cands, g_strdup(*a));
        }
    }
}

/* g_ptr_array_sort passes pointers to the elements. */
static gint hmp_str_compare(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void hmp_complete(const char *text, GPtrArray *cands)
{
    g_auto(GStrv) words = NULL;
    guint nwords;
    bool new_word;

    while (*text == ' ') {
        text++;
    }
    words = g_strsplit_set(text, " \t", -1);
    /* g_strsplit_set leaves empty strings between repeated separators. */
    nwords = 0;
    for (char **w = words; *w; w++) {
        if (**w) {
            words[nwords++] = *w;
        } else {
            g_free(*w);
        }
    }
    words[nwords] = NULL;
    new_word = !*text || text[strlen(text) - 1] == ' ';

    if (nwords == 0 || (nwords == 1 && !new_word)) {
        g_autoptr(GPtrArray) list = hmp_get_commands();
        const char *prefix = nwords ? words[0] : "";

        for (guint i = 0; i < list->len; i++) {
            const HMPCommand *c = g_ptr_array_index(list, i);
            hmp_complete_names(c->name, prefix, cands);
        }
    } else if ((nwords == 1 && new_word) || (nwords == 2 && !new_word)) {
        const char *prefix = nwords == 2 ? words[1] : "";

        if (!strcmp(words[0], "info") || !strcmp(words[0], "help") ||
            !strcmp(words[0], "?")) {
            if (!strcmp(words[0], "info")) {
                g_autoptr(GPtrArray) list = hmp_get_info_commands();
                for (guint i = 0; i < list->len; i++) {
                    const HMPInfoCommand *c = g_ptr_array_index(list, i);
                    hmp_complete_names(c->name, prefix, cands);
                }
            } else {
                g_autoptr(GPtrArray) list = hmp_get_commands();
                for (guint i = 0; i < list->len; i++) {
                    const HMPCommand *c = g_ptr_array_index(list, i);
                    hmp_complete_names(c->name, prefix, cands);
                }
            }
        }
    }
    g_ptr_array_sort(cands, hmp_str_compare);
}

/* ---- The HMP frontend ---------------------------------------------------- */

static void hmp_rl_print(void *opaque, const char *text)
{
    Monitor *mon = opaque;

    g_string_append(mon->outbuf, text);
    monitor_flush(mon);
}

static void hmp_rl_line(void *opaque, const char *line)
{
    Monitor *mon = opaque;

    hmp_handle_command(mon, line);
    monitor_flush(mon);
    readline_show_prompt(mon->rs);
}

static void hmp_rl_complete(void *opaque, const char *text, GPtrArray *cands)
{
    hmp_complete(text, cands);
}

void hmp_monitor_init(Monitor *mon)
{
    mon->rs = readline_new(HMP_PROMPT, hmp_rl_print, hmp_rl_line,
                           hmp_rl_complete, mon);
}

void hmp_monitor_destroy(Monitor *mon)
{
    g_clear_pointer(&mon->rs, readline_free);
}

static void hmp_show_banner(Monitor *mon)
{
    if (!mon->banner_shown) {
        mon->banner_shown = true;
        monitor_printf(mon, "Turtle %s monitor - type 'help' for more "
                       "information\n", TURTLE_VERSION);
    }
    monitor_flush(mon);
    readline_show_prompt(mon->rs);
}

void hmp_monitor_event(Monitor *mon, int event)
{
    switch (event) {
    case CHR_EVENT_OPENED:
        hmp_show_banner(mon);
        /* A mux sends MUX_IN right after the first OPENED: one prompt. */
        mon->skip_mux_in = true;
        break;
    case CHR_EVENT_MUX_IN:
        if (mon->skip_mux_in) {
            mon->skip_mux_in = false;
        } else {
            hmp_show_banner(mon);
        }
        break;
    case CHR_EVENT_CLOSED:
        /* The next peer starts with a clean line and its own banner. */
        readline_reset(mon->rs);
        mon->banner_shown = false;
        mon->skip_mux_in = false;
        break;
    default:
        mon->skip_mux_in = false;
        break;
    }
}

void hmp_monitor_input(Monitor *mon, const uint8_t *buf, int len)
{
    for (int i = 0; i < len; i++) {
        readline_handle_byte(mon->rs, buf[i]);
    }
}
