/*
 * hmp-cmds.c — the built-in commands of the human monitor: run control
 * (stop, cont, system_reset, quit), inspection (info status/registers/cpus/
 * mtree/qtree/chardev/version, x, xp, print) and settings (cpu, log,
 * logfile).
 *
 * Memory examination ("x /FMT ADDR", "xp /FMT ADDR"): FMT is
 * [count][format][size] with format x (hex), d (signed), u (unsigned),
 * o (octal), c (character), i (instructions) and size b/h/w/g (1/2/4/8
 * bytes). "x" reads through the selected CPU's current translation (as the
 * CPU would, but without faults or side effects), "xp" reads guest physical
 * memory. Items are shown in the guest's byte order. An address that cannot
 * be read ends the dump with "Cannot access memory ..." — a typo in an
 * address must never bring the emulator down.
 *
 * Address expressions: numbers (decimal, or hex with 0x), "$pc", joined
 * with '+' and '-'.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "util/disas.h"
#include "exec/memory.h"
#include "hw/qdev.h"
#include "hw/core/cpu.h"
#include "sysemu/runstate.h"
#include "monitor-internal.h"
#include <capstone/capstone.h>

/* Largest count accepted by x/xp: larger dumps are a typo. */
#define HMP_X_MAX_COUNT 65536

/* ---- Helpers -------------------------------------------------------------- */

/* The CPU the monitor works on ("cpu N"), or the first one. */
static CPUState *hmp_current_cpu(Monitor *mon)
{
    CPUState *cpu = cpu_by_index(monitor_get_cpu_index(mon));

    if (!cpu && cpu_list && cpu_list->len) {
        cpu = g_ptr_array_index(cpu_list, 0);
    }
    return cpu;
}

static const char *hmp_skip_spaces(const char *p)
{
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    return p;
}

/* One term of an address expression. */
static bool hmp_parse_term(Monitor *mon, const char **pp, uint64_t *val,
                           GError **errp)
{
    const char *p = hmp_skip_spaces(*pp);
    char *end;

    if (*p == '$') {
        const char *name = ++p;
        size_t n = 0;
        CPUState *cpu;

        while (g_ascii_isalnum(name[n]) || name[n] == '_') {
            n++;
        }
        cpu = hmp_current_cpu(mon);
        if (n == 2 && !strncmp(name, "pc", 2)) {
            if (!cpu || !CPU_GET_CLASS(cpu)->get_pc) {
                error_setg(errp, "no CPU to read $pc from");
                return false;
            }
            *val = CPU_GET_CLASS(cpu)->get_pc(cpu);
            *pp = name + n;
            return true;
        }
        error_setg(errp, "unknown register '$%.*s'", (int)n, name);
        return false;
    }
    if (!g_ascii_isdigit(*p)) {
        error_setg(errp, "expected a number at '%s'", p);
        return false;
    }
    errno = 0;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        if (!g_ascii_isxdigit(p[2])) {
            error_setg(errp, "bad hex number '%s'", p);
            return false;
        }
        *val = g_ascii_strtoull(p + 2, &end, 16);
    } else {
        *val = g_ascii_strtoull(p, &end, 10);
    }
    if (errno == ERANGE) {
        error_setg(errp, "number too large: '%s'", p);
        return false;
    }
    if (g_ascii_isalnum(*end) || *end == '_') {
        error_setg(errp, "bad number '%s'", p);
        return false;
    }
    *pp = end;
    return true;
}

/* An expression: term (('+' | '-') term)*, up to the end of the text. */
static bool hmp_parse_expr(Monitor *mon, const char *text, uint64_t *val,
                           GError **errp)
{
    const char *p = text;
    uint64_t v, t;

    if (!*hmp_skip_spaces(p)) {
        error_setg(errp, "missing address");
        return false;
    }
    if (!hmp_parse_term(mon, &p, &v, errp)) {
        return false;
    }
    for (;;) {
        char op;

        p = hmp_skip_spaces(p);
        if (!*p) {
            break;
        }
        op = *p++;
        if (op != '+' && op != '-') {
            error_setg(errp, "unexpected '%s'", p - 1);
            return false;
        }
        if (!hmp_parse_term(mon, &p, &t, errp)) {
            return false;
        }
        v = op == '+' ? v + t : v - t;
    }
    *val = v;
    return true;
}

static void hmp_report_err(Monitor *mon, GError *err)
{
    monitor_printf(mon, "%s\n", err->message);
    g_error_free(err);
}

/* Is the guest big-endian? The CPU's disassembler configuration says so
 * (capstone's CS_MODE_BIG_ENDIAN), which avoids a second description. */
static bool hmp_cpu_big_endian(CPUState *cpu)
{
    CPUClass *cc;
    int arch = 0, mode = 0;

    if (!cpu) {
        return false;
    }
    cc = CPU_GET_CLASS(cpu);
    if (!cc->disas_config) {
        return false;
    }
    cc->disas_config(cpu, &arch, &mode);
    return (mode & CS_MODE_BIG_ENDIAN) != 0;
}

/* ---- x / xp --------------------------------------------------------------- */

typedef struct HMPMemFormat {
    unsigned count;
    char format;                /* x d u o c i */
    unsigned size;              /* 1 2 4 8 */
} HMPMemFormat;

/* Last format used, as the default of the next x/xp (like a debugger). */
static HMPMemFormat hmp_last_format = { 1, 'x', 4 };

/* Parses "/FMT" at the start of *pp. */
static bool hmp_parse_mem_format(const char **pp, HMPMemFormat *f,
                                 GError **errp)
{
    const char *p = *pp;
    bool size_given = false;

    f->count = 1;
    f->format = hmp_last_format.format;
    f->size = hmp_last_format.size;
    if (*p != '/') {
        return true;
    }
    p++;
    if (g_ascii_isdigit(*p)) {
        char *end;
        uint64_t n = g_ascii_strtoull(p, &end, 10);

        if (n == 0 || n > HMP_X_MAX_COUNT) {
            error_setg(errp, "count must be 1..%d", HMP_X_MAX_COUNT);
            return false;
        }
        f->count = n;
        p = end;
    }
    for (; *p && *p != ' ' && *p != '\t'; p++) {
        switch (*p) {
        case 'x': case 'd': case 'u': case 'o': case 'c': case 'i':
            f->format = *p;
            break;
        case 'b':
            f->size = 1;
            size_given = true;
            break;
        case 'h':
            f->size = 2;
            size_given = true;
            break;
        case 'w':
            f->size = 4;
            size_given = true;
            break;
        case 'g':
            f->size = 8;
            size_given = true;
            break;
        default:
            error_setg(errp, "invalid format character '%c' (formats x d u o "
                       "c i, sizes b h w g)", *p);
            return false;
        }
    }
    if (f->format == 'c') {
        f->size = 1;
    } else if (!size_given && hmp_last_format.format == 'c') {
        f->size = 4;
    }
    *pp = p;
    return true;
}

static void hmp_format_item(GString *line, char format, unsigned size,
                            uint64_t v)
{
    switch (format) {
    case 'x':
        g_string_append_printf(line, " 0x%0*" PRIx64, size * 2, v);
        break;
    case 'u':
        g_string_append_printf(line, " %" PRIu64, v);
        break;
    case 'd': {
        int64_t s = size == 8 ? (int64_t)v
                    : (int64_t)(v << (64 - size * 8)) >> (64 - size * 8);
        g_string_append_printf(line, " %" PRId64, s);
        break;
    }
    case 'o':
        g_string_append_printf(line, " %#" PRIo64, v);
        break;
    case 'c':
        switch (v) {
        case '\n':
            g_string_append(line, " '\\n'");
            break;
        case '\r':
            g_string_append(line, " '\\r'");
            break;
        case '\t':
            g_string_append(line, " '\\t'");
            break;
        case 0:
            g_string_append(line, " '\\0'");
            break;
        default:
            if (v >= 32 && v < 127) {
                g_string_append_printf(line, " '%c'", (char)v);
            } else {
                g_string_append_printf(line, " '\\x%02x'", (unsigned)v);
            }
        }
        break;
    }
}

/* Reads size bytes at addr, virtual (through cpu) or physical. */
static bool hmp_mem_read(CPUState *cpu, bool physical, uint64_t addr,
                         uint8_t *buf, size_t size)
{
    if (physical) {
        MemTxAttrs attrs = { .debug = 1 };
        return address_space_read(get_address_space_memory(), addr, attrs,
                                  buf, size) == MEMTX_OK;
    }
    return cpu_memory_rw_debug(cpu, addr, buf, size, false);
}

/* "x /Ni" and "xp /Ni": reads the bytes (as far as they can be read: the
 * last instructions may end before a hole in the map) and hands them to
 * the disassembler with the CPU's current configuration. */
static void hmp_disas(Monitor *mon, CPUState *cpu, bool physical,
                      uint64_t addr, unsigned count)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);
    int arch = 0, mode = 0;
    size_t want = (size_t)count * 16, got = 0, lines;
    g_autofree uint8_t *buf = NULL;
    g_autoptr(GString) out = g_string_new(NULL);

    if (!cc->disas_config) {
        monitor_printf(mon, "this CPU has no disassembler\n");
        return;
    }
    cc->disas_config(cpu, &arch, &mode);
    buf = g_malloc(want);
    while (got < want) {
        size_t chunk = MIN(want - got, 256);
        if (hmp_mem_read(cpu, physical, addr + got, buf + got, chunk)) {
            got += chunk;
            continue;
        }
        while (chunk-- && hmp_mem_read(cpu, physical, addr + got, buf + got, 1)) {
            got++;
        }
        break;
    }
    if (got == 0) {
        monitor_printf(mon, "Cannot access memory at %saddress 0x%" PRIx64
                       "\n", physical ? "physical " : "", addr);
        return;
    }
    lines = disas_guest(out, arch, mode, buf, got, addr, count);
    monitor_puts(mon, out->str);
    if (lines < count && got < want) {
        monitor_printf(mon, "Cannot access memory at %saddress 0x%" PRIx64
                       "\n", physical ? "physical " : "", addr + got);
    }
}

static void hmp_memory_dump(Monitor *mon, const char *args, bool physical)
{
    HMPMemFormat f;
    GError *err = NULL;
    const char *p = args;
    uint64_t addr;
    CPUState *cpu = hmp_current_cpu(mon);
    bool big_endian;
    unsigned per_line;
    g_autoptr(GString) line = g_string_new(NULL);

    if (!hmp_parse_mem_format(&p, &f, &err) ||
        !hmp_parse_expr(mon, p, &addr, &err)) {
        hmp_report_err(mon, err);
        return;
    }
    hmp_last_format = f;
    if (!cpu && (!physical || f.format == 'i')) {
        monitor_printf(mon, "No CPU\n");
        return;
    }
    if (f.format == 'i') {
        hmp_disas(mon, cpu, physical, addr, f.count);
        return;
    }

    big_endian = hmp_cpu_big_endian(cpu);
    per_line = f.format == 'c' ? 16 : f.size >= 4 ? 16 / f.size : 8;
    for (unsigned i = 0; i < f.count; i++) {
        uint64_t a = addr + (uint64_t)i * f.size;
        uint8_t buf[8];
        uint64_t v = 0;

        if (!hmp_mem_read(cpu, physical, a, buf, f.size)) {
            if (line->len) {
                monitor_printf(mon, "%s\n", line->str);
            }
            monitor_printf(mon, "Cannot access memory at %saddress 0x%"
                           PRIx64 "\n", physical ? "physical " : "", a);
            return;
        }
        for (unsigned b = 0; b < f.size; b++) {
            unsigned shift = big_endian ? (f.size - 1 - b) * 8 : b * 8;
            v |= (uint64_t)buf[b] << shift;
        }
        if (i % per_line == 0) {
            g_string_printf(line, "%016" PRIx64 ":", a);
        }
        hmp_format_item(line, f.format, f.size, v);
        if ((i + 1) % per_line == 0 || i + 1 == f.count) {
            monitor_printf(mon, "%s\n", line->str);
            g_string_truncate(line, 0);
        }
    }
}

static void hmp_cmd_x(Monitor *mon, const char *args)
{
    hmp_memory_dump(mon, args, false);
}

static void hmp_cmd_xp(Monitor *mon, const char *args)
{
    hmp_memory_dump(mon, args, true);
}

static void hmp_cmd_print(Monitor *mon, const char *args)
{
    GError *err = NULL;
    uint64_t v;

    if (!hmp_parse_expr(mon, args, &v, &err)) {
        hmp_report_err(mon, err);
        return;
    }
    monitor_printf(mon, "0x%" PRIx64 " (%" PRIu64 ")\n", v, v);
}

/* ---- Run control ---------------------------------------------------------- */

static void hmp_cmd_stop(Monitor *mon, const char *args)
{
    vm_stop(RUN_STATE_PAUSED);
}

static void hmp_cmd_cont(Monitor *mon, const char *args)
{
    vm_start();
}

static void hmp_cmd_system_reset(Monitor *mon, const char *args)
{
    system_reset_request(SHUTDOWN_CAUSE_HOST_UI);
}

static void hmp_cmd_quit(Monitor *mon, const char *args)
{
    system_shutdown_request(SHUTDOWN_CAUSE_HOST_UI);
}

static void hmp_cmd_cpu(Monitor *mon, const char *args)
{
    char *end;
    long idx;

    if (!g_ascii_isdigit(*args)) {
        monitor_printf(mon, "usage: cpu INDEX\n");
        return;
    }
    idx = strtol(args, &end, 10);
    if (*hmp_skip_spaces(end) || idx > INT_MAX || !cpu_by_index((int)idx)) {
        monitor_printf(mon, "invalid CPU index '%s'\n", args);
        return;
    }
    monitor_set_cpu_index(mon, (int)idx);
}

/* ---- Logging -------------------------------------------------------------- */

static void hmp_cmd_log(Monitor *mon, const char *args)
{
    GError *err = NULL;
    unsigned mask;

    if (!*args) {
        monitor_printf(mon, "usage: log ITEM1[,ITEM2...] | none | help\n");
        return;
    }
    if (!strcmp(args, "help")) {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);

        if (f) {
            log_print_help(f);
            fclose(f);
            monitor_puts(mon, text);
            free(text);
        }
        return;
    }
    if (!strcmp(args, "none")) {
        log_set_mask(0);
        return;
    }
    if (!log_parse_categories(args, &mask, &err)) {
        hmp_report_err(mon, err);
        return;
    }
    log_set_mask(mask);
}

static void hmp_cmd_logfile(Monitor *mon, const char *args)
{
    GError *err = NULL;

    if (!*args) {
        monitor_printf(mon, "usage: logfile PATH (\"-\" for stderr)\n");
        return;
    }
    if (!log_set_file(strcmp(args, "-") ? args : NULL, &err)) {
        hmp_report_err(mon, err);
    }
}

/* ---- info ----------------------------------------------------------------- */

static void hmp_info_status(Monitor *mon, GString *out, const char *args)
{
    RunState s = runstate_get();

    if (s == RUN_STATE_RUNNING) {
        g_string_append(out, "VM status: running\n");
    } else if (s == RUN_STATE_PAUSED) {
        g_string_append(out, "VM status: paused\n");
    } else {
        g_string_append_printf(out, "VM status: paused (%s)\n",
                               runstate_name(s));
    }
}

static void hmp_dump_cpu(CPUState *cpu, GString *out, unsigned flags)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);

    if (cc->dump_state) {
        cc->dump_state(cpu, out, flags);
    } else {
        g_string_append(out, "(this CPU cannot show its registers)\n");
    }
}

static void hmp_info_registers(Monitor *mon, GString *out, const char *args)
{
    g_auto(GStrv) opts = g_strsplit_set(args, " \t", -1);
    unsigned flags = 0;
    bool all = false;
    CPUState *cpu;

    for (char **o = opts; *o; o++) {
        if (!**o) {
            continue;
        } else if (!strcmp(*o, "-a")) {
            all = true;
        } else if (!strcmp(*o, "-f")) {
            flags |= CPU_DUMP_FPU;
        } else if (!strcmp(*o, "-s")) {
            flags |= CPU_DUMP_SYS;
        } else {
            g_string_append_printf(out, "unknown option '%s' "
                                   "(-a all CPUs, -f FP/SIMD, -s system)\n", *o);
            return;
        }
    }
    if (all) {
        CPU_FOREACH(cpu) {
            g_string_append_printf(out, "CPU#%d\n", cpu->cpu_index);
            hmp_dump_cpu(cpu, out, flags);
        }
        return;
    }
    cpu = hmp_current_cpu(mon);
    if (!cpu) {
        g_string_append(out, "No CPU\n");
        return;
    }
    hmp_dump_cpu(cpu, out, flags);
}

static void hmp_info_cpus(Monitor *mon, GString *out, const char *args)
{
    CPUState *cur = hmp_current_cpu(mon);
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        CPUClass *cc = CPU_GET_CLASS(cpu);

        g_string_append_printf(out, "%c CPU #%d:", cpu == cur ? '*' : ' ',
                               cpu->cpu_index);
        if (cc->get_pc) {
            g_string_append_printf(out, " pc=0x%016" PRIx64,
                                   (uint64_t)cc->get_pc(cpu));
        }
        if (cpu->stopped) {
            g_string_append(out, " (powered off)");
        } else if (cpu->halted) {
            g_string_append(out, " (halted)");
        }
        g_string_append_c(out, '\n');
    }
}

static void hmp_info_mtree(Monitor *mon, GString *out, const char *args)
{
    bool flat = false;

    if (*args) {
        if (strcmp(args, "-f")) {
            g_string_append_printf(out, "unknown option '%s' (-f: flat view)\n",
                                   args);
            return;
        }
        flat = true;
    }
    memory_print_tree(out, flat);
}

static void hmp_info_qtree(Monitor *mon, GString *out, const char *args)
{
    Object *machine = object_resolve_path("/machine");

    device_print_tree(machine ? machine : object_get_root(), out);
}

static void hmp_info_chardev_one(Chardev *chr, void *opaque)
{
    GString *out = opaque;
    g_autofree char *desc = chardev_describe(chr);

    g_string_append_printf(out, "%s: filename=%s\n", chardev_get_id(chr),
                           desc ? desc : "");
}

static void hmp_info_chardev(Monitor *mon, GString *out, const char *args)
{
    chardev_foreach(hmp_info_chardev_one, out);
}

static void hmp_info_version(Monitor *mon, GString *out, const char *args)
{
    g_string_append_printf(out, "Turtle %s\n", TURTLE_VERSION);
}

/* ---- Tables --------------------------------------------------------------- */

static const HMPCommand hmp_builtin_commands[] = {
    { "cont|c", "", "resume emulation", hmp_cmd_cont },
    { "cpu", "index", "select the CPU used by x and info registers",
      hmp_cmd_cpu },
    { "log", "item1[,...]", "enable logging of the given categories "
      "(\"log none\": off, \"log help\": list)", hmp_cmd_log },
    { "logfile", "path", "send the log to a file (\"-\": stderr)",
      hmp_cmd_logfile },
    { "print|p", "expr", "print an expression (numbers, $pc, + and -)",
      hmp_cmd_print },
    { "quit|q", "", "quit the emulator", hmp_cmd_quit },
    { "stop", "", "stop emulation", hmp_cmd_stop },
    { "system_reset", "", "reset the machine", hmp_cmd_system_reset },
    { "x", "/fmt addr", "virtual memory dump starting at addr "
      "(fmt: count, format x/d/u/o/c/i, size b/h/w/g)", hmp_cmd_x },
    { "xp", "/fmt addr", "physical memory dump starting at addr",
      hmp_cmd_xp },
};

static const HMPInfoCommand hmp_builtin_info[] = {
    { "chardev", "show the character devices", hmp_info_chardev },
    { "cpus", "show the CPUs (* marks the selected one)", hmp_info_cpus },
    { "mtree", "show the memory tree (-f: the flat view)", hmp_info_mtree },
    { "qtree", "show the device tree", hmp_info_qtree },
    { "registers", "show the CPU registers (-a: all CPUs, -f: FP/SIMD, "
      "-s: system registers)", hmp_info_registers },
    { "status", "show the VM status (running or paused)", hmp_info_status },
    { "version", "show the version of Turtle", hmp_info_version },
};

void hmp_cmds_register_builtins(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(hmp_builtin_commands); i++) {
        hmp_register_command(&hmp_builtin_commands[i]);
    }
    for (size_t i = 0; i < ARRAY_SIZE(hmp_builtin_info); i++) {
        hmp_register_info(&hmp_builtin_info[i]);
    }
}
