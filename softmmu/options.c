/*
 * options.c — the command-line option table and parser (sysemu/options.h).
 */
#include "util/osdep.h"
#include "util/error.h"
#include "sysemu/options.h"

typedef enum OptKind {
    OPT_STRING,         /* stores the argument in a char * (last one wins) */
    OPT_LIST,           /* appends the argument to a GPtrArray */
    OPT_FLAG,           /* sets a bool, takes no argument */
    OPT_SPECIAL,        /* handled in options_apply_special */
} OptKind;

typedef struct OptionDef {
    const char *name;
    OptKind kind;
    size_t offset;                      /* of the field in MachineConfig */
    const char *arg;                    /* argument name for help, NULL: none */
    const char *help;
} OptionDef;

#define CFG(f) offsetof(MachineConfig, f)

static const OptionDef option_defs[] = {
    { "h", OPT_FLAG, CFG(show_help), NULL, "print this help and exit" },
    { "help", OPT_FLAG, CFG(show_help), NULL, "print this help and exit" },
    { "version", OPT_FLAG, CFG(show_version), NULL, "print the version and exit" },
    { "M", OPT_STRING, CFG(machine_opts), "NAME[,prop=value...]", "machine (-M help lists them)" },
    { "machine", OPT_STRING, CFG(machine_opts), "NAME[,prop=value...]", "same as -M" },
    { "cpu", OPT_STRING, CFG(cpu_model), "MODEL", "CPU model (-cpu help lists them)" },
    { "m", OPT_STRING, CFG(mem_opts), "SIZE", "guest RAM size (default unit: MiB; 2G, 512M)" },
    { "smp", OPT_STRING, CFG(smp_opts), "N", "number of CPUs" },
    { "kernel", OPT_STRING, CFG(kernel), "FILE", "kernel image (Linux Image, ELF, raw)" },
    { "initrd", OPT_STRING, CFG(initrd), "FILE", "initial ram disk" },
    { "append", OPT_STRING, CFG(append), "CMDLINE", "kernel command line" },
    { "dtb", OPT_STRING, CFG(dtb), "FILE", "use this device tree instead of the generated one" },
    { "bios", OPT_STRING, CFG(bios), "FILE", "firmware image" },
    { "device", OPT_LIST, CFG(devices), "DRIVER[,prop=value...]", "add a device (-device help)" },
    { "chardev", OPT_LIST, CFG(chardevs), "BACKEND,id=ID[,...]", "character backend" },
    { "serial", OPT_LIST, CFG(serials), "DEV", "serial port backend (stdio, pty, file:F, tcp:..., unix:..., mon:stdio, null, none)" },
    { "monitor", OPT_LIST, CFG(monitors), "DEV", "human monitor on DEV" },
    { "qmp", OPT_LIST, CFG(qmps), "DEV", "QMP monitor on DEV (e.g. unix:/tmp/q,server,nowait)" },
    { "qmp-pretty", OPT_LIST, CFG(qmps_pretty), "DEV", "QMP monitor with indented JSON" },
    { "mon", OPT_LIST, CFG(mons), "chardev=ID[,mode=readline|control]", "monitor on a -chardev" },
    { "drive", OPT_LIST, CFG(drives), "file=F,format=raw,if=virtio[,id=ID]", "disk image" },
    { "netdev", OPT_LIST, CFG(netdevs), "user,id=ID[,hostfwd=...]", "network backend" },
    { "nographic", OPT_FLAG, CFG(nographic), NULL, "no display; serial and monitor on the terminal" },
    { "display", OPT_STRING, CFG(display), "none|sdl", "display backend" },
    { "nodefaults", OPT_FLAG, CFG(nodefaults), NULL, "create no default serial port or monitor" },
    { "no-reboot", OPT_FLAG, CFG(no_reboot), NULL, "exit instead of rebooting" },
    { "no-shutdown", OPT_FLAG, CFG(no_shutdown), NULL, "pause instead of exiting at guest power-off" },
    { "name", OPT_STRING, CFG(name), "NAME", "name of the VM (window title, logs)" },
    { "S", OPT_FLAG, CFG(start_paused), NULL, "do not start the CPUs (cont in the monitor starts them)" },
    { "s", OPT_SPECIAL, 0, NULL, "shorthand for -gdb tcp::1234" },
    { "gdb", OPT_STRING, CFG(gdb), "DEV", "wait for gdb on DEV (tcp::1234, unix:PATH)" },
    { "d", OPT_STRING, CFG(log_items), "ITEM,...", "log categories (-d help lists them)" },
    { "D", OPT_STRING, CFG(log_file), "FILE", "write the log to FILE" },
    { "icount", OPT_STRING, CFG(icount), "shift=N", "guest time follows executed instructions (2^N ns each)" },
    { "accel", OPT_STRING, CFG(accel), "tcg", "execution engine (only tcg)" },
};

static const OptionDef *option_find(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(option_defs); i++) {
        if (!strcmp(option_defs[i].name, name)) {
            return &option_defs[i];
        }
    }
    return NULL;
}

bool options_parse(int argc, char **argv, MachineConfig *cfg, GError **errp)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *name;
        const OptionDef *def;
        char *base = (char *)cfg;

        if (arg[0] != '-' || arg[1] == '\0') {
            error_setg(errp, "unexpected argument '%s' (options start with '-')", arg);
            return false;
        }
        name = arg + 1;
        if (name[0] == '-') {
            name++;
        }
        def = option_find(name);
        if (!def) {
            error_setg(errp, "unknown option '%s' (-help lists the options)", arg);
            return false;
        }
        if (def->kind == OPT_FLAG) {
            *(bool *)(base + def->offset) = true;
            continue;
        }
        if (def->kind == OPT_SPECIAL) {
            if (!strcmp(def->name, "s")) {
                g_free(cfg->gdb);
                cfg->gdb = g_strdup("tcp::1234");
            }
            continue;
        }
        if (i + 1 >= argc) {
            error_setg(errp, "option '%s' needs an argument (%s)", arg, def->arg);
            return false;
        }
        i++;
        if (def->kind == OPT_STRING) {
            char **field = (char **)(base + def->offset);
            g_free(*field);
            *field = g_strdup(argv[i]);
        } else {
            GPtrArray **list = (GPtrArray **)(base + def->offset);
            if (!*list) {
                *list = g_ptr_array_new_with_free_func(g_free);
            }
            g_ptr_array_add(*list, g_strdup(argv[i]));
        }
    }
    return true;
}

void options_print_help(FILE *f, const char *progname)
{
    fprintf(f, "Turtle emulator version %s\n", TURTLE_VERSION);
    fprintf(f, "usage: %s [options]\n\n", progname);
    for (size_t i = 0; i < ARRAY_SIZE(option_defs); i++) {
        const OptionDef *d = &option_defs[i];
        g_autofree char *left = g_strdup_printf("-%s%s%s", d->name,
                                                d->arg ? " " : "",
                                                d->arg ? d->arg : "");
        fprintf(f, "  %-40s %s\n", left, d->help);
    }
    fprintf(f, "\nOn the terminal with -nographic: Ctrl-A x quits, Ctrl-A c "
               "switches between the console and the monitor, Ctrl-A h helps.\n");
}
