/*
 * options.h — the command line, parsed into one MachineConfig.
 *
 * Options follow the conventions users already know (-M, -cpu, -m, -smp,
 * -kernel, -initrd, -append, -drive, -netdev, -device, -serial, -monitor,
 * -qmp, -nographic, -s -S, -d/-D ...); each may be written with one dash or
 * two. Parsing only records; softmmu/main.c builds the machine from it.
 */
#ifndef TURTLE_SYSEMU_OPTIONS_H
#define TURTLE_SYSEMU_OPTIONS_H

#include "util/osdep.h"

typedef struct MachineConfig {
    char *machine_opts;                 /* -M text: "virt,dumpdtb=x" */
    char *cpu_model;
    char *mem_opts;                     /* -m text */
    char *smp_opts;
    char *kernel;
    char *initrd;
    char *append;
    char *dtb;
    char *bios;
    char *name;
    char *icount;
    char *log_items;                    /* -d */
    char *log_file;                     /* -D */
    char *gdb;                          /* -gdb DEV, or "tcp::1234" from -s */
    char *display;                      /* -display */
    char *accel;
    GPtrArray *devices;                 /* -device texts */
    GPtrArray *chardevs;                /* -chardev texts */
    GPtrArray *serials;                 /* -serial texts */
    GPtrArray *monitors;                /* -monitor texts (HMP) */
    GPtrArray *qmps;                    /* -qmp texts */
    GPtrArray *qmps_pretty;             /* -qmp-pretty texts */
    GPtrArray *mons;                    /* -mon texts: chardev=ID,mode=readline|control */
    GPtrArray *drives;                  /* -drive texts */
    GPtrArray *netdevs;                 /* -netdev texts */
    bool nographic;
    bool nodefaults;
    bool no_reboot;
    bool no_shutdown;
    bool start_paused;                  /* -S */
    bool show_version;
    bool show_help;
} MachineConfig;

/* Parses argv; a bad option is reported through errp in one sentence. */
bool options_parse(int argc, char **argv, MachineConfig *cfg, GError **errp);
void options_print_help(FILE *f, const char *progname);

#endif
