/*
 * main.c — turtle-system-<arch>: builds the machine the command line
 * describes and runs it.
 *
 * Order of work: parse options -> answer "help"/"-version" requests ->
 * logging -> chardevs and serial ports -> drives and netdevs -> machine
 * (board init: CPUs, RAM, devices, guest images) -> -device options ->
 * monitors -> reset -> run until a shutdown request. Every user mistake
 * on the way ends the process with one error line and status 1.
 */
#include <signal.h>
#include <unistd.h>
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "util/opts.h"
#include "util/timer.h"
#include "util/main-loop.h"
#include "chardev/char.h"
#include "exec/memory.h"
#include "hw/boards.h"
#include "hw/qdev.h"
#include "hw/core/cpu.h"
#include "monitor/monitor.h"
#include "exec/gdbstub.h"
#include "sysemu/cpus.h"
#include "sysemu/options.h"
#include "sysemu/runstate.h"
#include "sysemu/sysemu.h"

const char *vm_name;

static Chardev *serial_chardevs[MAX_SERIAL_PORTS];
static GPtrArray *drives;
static GPtrArray *netdevs;

Chardev *serial_hd(int i)
{
    return (i >= 0 && i < MAX_SERIAL_PORTS) ? serial_chardevs[i] : NULL;
}

GPtrArray *drive_list(void)
{
    return drives;
}

DriveInfo *drive_find_by_id(const char *id)
{
    for (guint i = 0; drives && i < drives->len; i++) {
        DriveInfo *d = g_ptr_array_index(drives, i);
        if (!g_strcmp0(d->id, id)) {
            return d;
        }
    }
    return NULL;
}

DriveInfo *drive_claim_next(const char *interface)
{
    for (guint i = 0; drives && i < drives->len; i++) {
        DriveInfo *d = g_ptr_array_index(drives, i);
        if (!d->claimed && !g_strcmp0(d->interface, interface)) {
            d->claimed = true;
            return d;
        }
    }
    return NULL;
}

GPtrArray *netdev_list(void)
{
    return netdevs;
}

NetdevInfo *netdev_find_by_id(const char *id)
{
    for (guint i = 0; netdevs && i < netdevs->len; i++) {
        NetdevInfo *n = g_ptr_array_index(netdevs, i);
        if (!g_strcmp0(n->id, id)) {
            return n;
        }
    }
    return NULL;
}

static void print_version(void)
{
    printf("Turtle emulator version %s\n", TURTLE_VERSION);
}

static void print_cpu_list(void)
{
    GSList *list = object_class_get_list(TYPE_CPU, false);
    size_t suffix_len = strlen(target_info.cpu_type_suffix);

    printf("Available CPUs:\n");
    for (GSList *l = list; l; l = l->next) {
        const char *tn = object_class_get_name(l->data);
        size_t len = strlen(tn);
        const char *desc = object_class_get_description(l->data);

        if (len > suffix_len &&
            !strcmp(tn + len - suffix_len, target_info.cpu_type_suffix)) {
            printf("  %-20.*s %s\n", (int)(len - suffix_len), tn,
                   desc ? desc : "");
        }
    }
    g_slist_free(list);
}

static void print_device_list(void)
{
    GSList *list = object_class_get_list(TYPE_DEVICE, false);

    printf("Available devices (-device NAME,help for properties):\n");
    for (GSList *l = list; l; l = l->next) {
        DeviceClass *dc = DEVICE_CLASS(l->data);
        const char *desc = object_class_get_description(l->data);

        if (dc->user_creatable) {
            printf("  %-24s %s\n", object_class_get_name(l->data),
                   desc ? desc : (dc->desc ? dc->desc : ""));
        }
    }
    g_slist_free(list);
}

/* "-device NAME,help": true if the text asked for help (and it was given). */
static bool device_help_requested(const char *text)
{
    g_autoptr(Opts) opts = NULL;
    const char *driver;
    ObjectClass *oc;

    if (!strcmp(text, "help")) {
        print_device_list();
        return true;
    }
    opts = opts_parse(text, "driver", NULL);
    if (!opts || !opts_has(opts, "help")) {
        return false;
    }
    driver = opts_get(opts, "driver");
    oc = driver ? object_class_by_name(driver) : NULL;
    if (!oc || !object_class_dynamic_cast(oc, TYPE_DEVICE) ||
        object_class_is_abstract(oc)) {
        error_exit("'%s' is not a valid device model name", driver ? driver : "");
    }
    printf("%s options:\n", driver);
    object_class_print_props(oc, stdout);
    return true;
}

static void parse_drives(MachineConfig *cfg)
{
    static const char *const keys[] = {
        "file", "format", "if", "id", "readonly", "index", "media", "cache",
        "discard", NULL
    };

    drives = g_ptr_array_new();
    for (guint i = 0; cfg->drives && i < cfg->drives->len; i++) {
        const char *text = g_ptr_array_index(cfg->drives, i);
        g_autoptr(Opts) opts = NULL;
        GError *err = NULL;
        DriveInfo *d;
        bool ro;

        opts = opts_parse(text, NULL, &err);
        if (!opts || !opts_check_keys(opts, keys, "-drive", &err) ||
            !opts_get_bool(opts, "readonly", false, &ro, &err)) {
            error_prepend(&err, "-drive %s: ", text);
            error_exit_err(err);
        }
        if (!opts_get(opts, "file")) {
            error_exit("-drive %s: 'file' is required", text);
        }
        d = g_new0(DriveInfo, 1);
        d->file = g_strdup(opts_get(opts, "file"));
        d->format = g_strdup(opts_get(opts, "format") ? opts_get(opts, "format") : "raw");
        d->interface = g_strdup(opts_get(opts, "if") ? opts_get(opts, "if") : "virtio");
        d->id = opts_get(opts, "id") ? g_strdup(opts_get(opts, "id"))
                                     : g_strdup_printf("drive%u", i);
        d->readonly = ro;
        d->index = i;
        if (strcmp(d->format, "raw")) {
            error_exit("-drive %s: unsupported format '%s' (only raw)", text, d->format);
        }
        if (strcmp(d->interface, "virtio") && strcmp(d->interface, "none")) {
            error_exit("-drive %s: unsupported interface '%s' (virtio or none)",
                       text, d->interface);
        }
        if (access(d->file, ro ? R_OK : R_OK | W_OK) != 0) {
            error_exit("could not open disk image '%s': %s", d->file,
                       g_strerror(errno));
        }
        g_ptr_array_add(drives, d);
    }
}

/* -netdev TYPE,id=ID,...: only the type and the id are read here (options
 * like hostfwd may repeat); the network backend parses the rest. */
static void parse_netdevs(MachineConfig *cfg)
{
    netdevs = g_ptr_array_new();
    for (guint i = 0; cfg->netdevs && i < cfg->netdevs->len; i++) {
        const char *text = g_ptr_array_index(cfg->netdevs, i);
        g_auto(GStrv) parts = g_strsplit(text, ",", -1);
        const char *type = parts[0];
        const char *id = NULL;
        NetdevInfo *n;

        for (char **p = parts + 1; *p; p++) {
            if (g_str_has_prefix(*p, "id=")) {
                id = *p + 3;
            }
        }
        if (!type || strcmp(type, "user")) {
            error_exit("-netdev %s: unsupported network backend '%s' (only user)",
                       text, type ? type : "");
        }
        if (!id || !*id) {
            error_exit("-netdev %s: 'id' is required", text);
        }
        if (netdev_find_by_id(id)) {
            error_exit("-netdev %s: duplicate id '%s'", text, id);
        }
        n = g_new0(NetdevInfo, 1);
        n->id = g_strdup(id);
        n->type = g_strdup(type);
        n->opts = g_strdup(text);
        g_ptr_array_add(netdevs, n);
    }
}

static Chardev *chardev_or_die(const char *spec, const char *what)
{
    GError *err = NULL;
    Chardev *chr = chardev_new_from_legacy(spec, NULL, &err);

    if (!chr) {
        error_prepend(&err, "%s %s: ", what, spec);
        error_exit_err(err);
    }
    return chr;
}

static void setup_chardevs(MachineConfig *cfg, Chardev **stdio_mux)
{
    int nserial = 0;

    for (guint i = 0; cfg->chardevs && i < cfg->chardevs->len; i++) {
        GError *err = NULL;
        const char *text = g_ptr_array_index(cfg->chardevs, i);

        if (!chardev_new_from_opts(text, &err)) {
            error_prepend(&err, "-chardev %s: ", text);
            error_exit_err(err);
        }
    }

    /* Defaults: -nographic puts the first serial port and the monitor on the
     * terminal, multiplexed (Ctrl-A c switches); without a display the
     * serial port goes to stdio too. */
    if (!cfg->nodefaults && !cfg->serials) {
        cfg->serials = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(cfg->serials,
                        g_strdup(cfg->nographic && !cfg->monitors ? "mon:stdio" : "stdio"));
    }
    for (guint i = 0; cfg->serials && i < cfg->serials->len; i++) {
        const char *spec = g_ptr_array_index(cfg->serials, i);

        if (!strcmp(spec, "none")) {
            continue;
        }
        if (nserial >= MAX_SERIAL_PORTS) {
            error_exit("too many serial ports (at most %d)", MAX_SERIAL_PORTS);
        }
        serial_chardevs[nserial] = chardev_or_die(spec, "-serial");
        if (g_str_has_prefix(spec, "mon:")) {
            *stdio_mux = serial_chardevs[nserial];
        }
        nserial++;
    }
}

static void setup_monitors(MachineConfig *cfg, Chardev *mux)
{
    GError *err = NULL;

    if (mux && !monitor_new_hmp(mux, &err)) {
        error_exit_err(err);
    }
    for (guint i = 0; cfg->monitors && i < cfg->monitors->len; i++) {
        const char *spec = g_ptr_array_index(cfg->monitors, i);
        if (!strcmp(spec, "none")) {
            continue;
        }
        if (!monitor_new_hmp(chardev_or_die(spec, "-monitor"), &err)) {
            error_exit_err(err);
        }
    }
    for (int pretty = 0; pretty < 2; pretty++) {
        GPtrArray *list = pretty ? cfg->qmps_pretty : cfg->qmps;
        for (guint i = 0; list && i < list->len; i++) {
            const char *spec = g_ptr_array_index(list, i);
            if (!monitor_new_qmp(chardev_or_die(spec, "-qmp"), pretty, &err)) {
                error_exit_err(err);
            }
        }
    }
    for (guint i = 0; cfg->mons && i < cfg->mons->len; i++) {
        const char *text = g_ptr_array_index(cfg->mons, i);
        g_autoptr(Opts) opts = opts_parse(text, NULL, &err);
        const char *id, *mode;
        Chardev *chr;

        if (!opts) {
            error_prepend(&err, "-mon %s: ", text);
            error_exit_err(err);
        }
        id = opts_get(opts, "chardev");
        mode = opts_get(opts, "mode") ? opts_get(opts, "mode") : "readline";
        chr = id ? chardev_find(id) : NULL;
        if (!chr) {
            error_exit("-mon %s: no chardev with id '%s'", text, id ? id : "");
        }
        if (!strcmp(mode, "readline")) {
            if (!monitor_new_hmp(chr, &err)) {
                error_exit_err(err);
            }
        } else if (!strcmp(mode, "control")) {
            bool pretty = false;
            if (!opts_get_bool(opts, "pretty", false, &pretty, &err) ||
                !monitor_new_qmp(chr, pretty, &err)) {
                error_exit_err(err);
            }
        } else {
            error_exit("-mon %s: mode must be readline or control", text);
        }
    }
}

static MachineState *create_machine(MachineConfig *cfg)
{
    GError *err = NULL;
    g_autoptr(Opts) opts = NULL;
    const char *name;
    MachineClass *mc;
    MachineState *ms;
    static const char *const skip[] = { "type", NULL };

    if (cfg->machine_opts) {
        opts = opts_parse(cfg->machine_opts, "type", &err);
        if (!opts) {
            error_prepend(&err, "-M %s: ", cfg->machine_opts);
            error_exit_err(err);
        }
        name = opts_get(opts, "type");
    } else {
        name = target_info.default_machine;
    }
    if (name && (!strcmp(name, "help") || !strcmp(name, "?"))) {
        machine_print_list(stdout);
        exit(0);
    }
    mc = name ? machine_find_class(name) : machine_default_class();
    if (!mc) {
        error_exit("unsupported machine type '%s' (-M help lists them)", name ? name : "");
    }
    ms = MACHINE(object_new_with_class(OBJECT_CLASS(mc)));
    object_add_child(object_get_root(), "machine", OBJECT(ms));
    object_unref(OBJECT(ms));
    if (opts) {
        g_autofree char *props = opts_to_string(opts, skip);
        if (!object_set_props_from_opts(OBJECT(ms), props, NULL, &err)) {
            error_prepend(&err, "-M %s: ", cfg->machine_opts);
            error_exit_err(err);
        }
    }

    ms->ram_size = mc->default_ram_size ? mc->default_ram_size : 128 * MiB;
    if (cfg->mem_opts) {
        g_autoptr(Opts) mopts = opts_parse(cfg->mem_opts, "size", &err);
        const char *size = mopts ? opts_get(mopts, "size") : NULL;
        uint64_t bytes;

        if (!size || !parse_size(size, 'M', &bytes, &err)) {
            if (!err) {
                error_setg(&err, "missing size");
            }
            error_prepend(&err, "-m %s: ", cfg->mem_opts);
            error_exit_err(err);
        }
        if (bytes < 1 * MiB) {
            error_exit("-m %s: guest RAM must be at least 1 MiB", cfg->mem_opts);
        }
        ms->ram_size = bytes;
    }

    ms->smp_cpus = 1;
    if (cfg->smp_opts) {
        g_autoptr(Opts) sopts = opts_parse(cfg->smp_opts, "cpus", &err);
        const char *n = sopts ? opts_get(sopts, "cpus") : NULL;
        char *end = NULL;
        long cpus = n ? strtol(n, &end, 10) : 0;

        if (!n || *end || cpus < 1) {
            error_exit("-smp %s: expected a number of CPUs >= 1", cfg->smp_opts);
        }
        if (mc->max_cpus && cpus > mc->max_cpus) {
            error_exit("-smp %ld: machine '%s' supports at most %d CPUs",
                       cpus, mc->name, mc->max_cpus);
        }
        ms->smp_cpus = cpus;
    }
    ms->cpu_model = g_strdup(cfg->cpu_model ? cfg->cpu_model : mc->default_cpu_type);
    ms->kernel_filename = g_strdup(cfg->kernel);
    ms->initrd_filename = g_strdup(cfg->initrd);
    ms->kernel_cmdline = g_strdup(cfg->append ? cfg->append : "");
    ms->dtb_filename = g_strdup(cfg->dtb);
    ms->firmware = g_strdup(cfg->bios);
    ms->drives = drives;
    if (cfg->initrd && !cfg->kernel) {
        error_exit("-initrd requires -kernel");
    }
    if (cfg->append && !cfg->kernel) {
        error_exit("-append requires -kernel");
    }
    current_machine = ms;

    if (mc->init) {
        mc->init(ms, &err);
        if (err) {
            error_exit_err(err);
        }
    }
    return ms;
}

static void create_devices(MachineConfig *cfg)
{
    for (guint i = 0; cfg->devices && i < cfg->devices->len; i++) {
        const char *text = g_ptr_array_index(cfg->devices, i);
        GError *err = NULL;

        if (!device_create_from_opts(text, NULL, &err)) {
            error_exit_err(err);
        }
    }
}

static void handle_signal(int sig)
{
    system_shutdown_request(SHUTDOWN_CAUSE_HOST_SIGNAL);
}

static void cleanup_at_exit(void)
{
    chardev_cleanup_all();
}

int main(int argc, char **argv)
{
    MachineConfig cfg = { 0 };
    GError *err = NULL;
    Chardev *stdio_mux = NULL;
    MachineState *ms;
    MachineClass *mc;
    unsigned mask;
    int status;

    error_set_progname(argv[0]);
    clock_virtual_pause();
    if (!options_parse(argc, argv, &cfg, &err)) {
        error_exit_err(err);
    }
    if (cfg.show_help) {
        options_print_help(stdout, error_get_progname());
        return 0;
    }
    if (cfg.show_version) {
        print_version();
        return 0;
    }
    if (cfg.log_items) {
        if (!strcmp(cfg.log_items, "help") || !strcmp(cfg.log_items, "?")) {
            log_print_help(stdout);
            return 0;
        }
        if (!log_parse_categories(cfg.log_items, &mask, &err)) {
            error_exit_err(err);
        }
        log_set_mask(mask);
    }
    if (cfg.log_file && !log_set_file(cfg.log_file, &err)) {
        error_exit_err(err);
    }
    if (cfg.cpu_model && (!strcmp(cfg.cpu_model, "help") || !strcmp(cfg.cpu_model, "?"))) {
        print_cpu_list();
        return 0;
    }
    for (guint i = 0; cfg.devices && i < cfg.devices->len; i++) {
        if (device_help_requested(g_ptr_array_index(cfg.devices, i))) {
            return 0;
        }
    }
    if (cfg.accel && strcmp(cfg.accel, "tcg")) {
        error_exit("-accel %s: unsupported accelerator (only tcg)", cfg.accel);
    }
    if (cfg.display && strcmp(cfg.display, "none")) {
        error_exit("-display %s: unsupported display (only none in this build)",
                   cfg.display);
    }
    if (cfg.icount && !icount_configure(cfg.icount, &err)) {
        error_prepend(&err, "-icount %s: ", cfg.icount);
        error_exit_err(err);
    }
    vm_name = cfg.name;
    system_no_reboot = cfg.no_reboot;
    system_no_shutdown = cfg.no_shutdown;

    signal(SIGINT, handle_signal);
    signal(SIGTERM, handle_signal);
    signal(SIGHUP, handle_signal);
    signal(SIGPIPE, SIG_IGN);
    atexit(cleanup_at_exit);

    parse_drives(&cfg);
    parse_netdevs(&cfg);
    setup_chardevs(&cfg, &stdio_mux);
    ms = create_machine(&cfg);
    create_devices(&cfg);
    mc = MACHINE_GET_CLASS(ms);
    if (mc->done) {
        mc->done(ms, &err);
        if (err) {
            error_exit_err(err);
        }
    }
    setup_monitors(&cfg, stdio_mux);

    if (!accel_get() || cpu_count() == 0) {
        /* No CPU can run in this build: show what was built. With a monitor
         * the machine stays up (without CPUs) so it can be inspected. */
        g_autofree char *qtree = hmp_run_command("info qtree");
        g_autofree char *mtree = hmp_run_command("info mtree");
        bool has_monitor = cfg.monitors || cfg.qmps || cfg.qmps_pretty ||
                           cfg.mons || stdio_mux;

        printf("Machine '%s' built; this build has no CPU execution engine for "
               "%s yet.\n%s\n%s", mc->name, target_info.arch, qtree, mtree);
        fflush(stdout);
        if (!has_monitor) {
            return 0;
        }
    }
    if (cfg.gdb && !gdbserver_start(cfg.gdb, &err)) {
        error_prepend(&err, "-gdb %s: ", cfg.gdb);
        error_exit_err(err);
    }
    if (!cpus_init(&err)) {
        error_exit_err(err);
    }
    system_reset(SHUTDOWN_CAUSE_NONE);
    if (!cfg.start_paused) {
        vm_start();
    }
    status = cpus_main_loop();
    monitor_cleanup_all();
    log_flush();
    return status;
}
