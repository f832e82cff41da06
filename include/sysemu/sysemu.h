/*
 * sysemu.h — what the command line configured, for the boards and devices
 * that consume it: serial ports, drives, network backends, and the guest
 * architecture of this binary.
 */
#ifndef TURTLE_SYSEMU_SYSEMU_H
#define TURTLE_SYSEMU_SYSEMU_H

#include "util/osdep.h"
#include "chardev/char.h"

/* Each binary defines one TargetInfo (target/<arch>/target-info.c). */
typedef struct TargetInfo {
    const char *arch;                   /* "aarch64": in the binary name */
    const char *cpu_type_suffix;        /* "-arm-cpu": CPU type = model + suffix */
    const char *default_machine;        /* "virt" */
    const char *default_console;        /* "ttyAMA0", for help text */
} TargetInfo;
extern const TargetInfo target_info;

#define MAX_SERIAL_PORTS 4

/* The chardev of the i-th -serial (NULL if none). */
Chardev *serial_hd(int i);

/* One -drive. The block layer opens it when a device claims it. */
typedef struct DriveInfo {
    char *id;
    char *file;
    char *format;                       /* "raw" */
    char *interface;                    /* "virtio", "none" */
    bool readonly;
    bool claimed;                       /* a device uses it */
    int index;
} DriveInfo;

/* The -drive options in order; drive_find_by_id for -device ...,drive=ID. */
GPtrArray *drive_list(void);
DriveInfo *drive_find_by_id(const char *id);
/* The next drive with interface if= not yet claimed (boards use it). */
DriveInfo *drive_claim_next(const char *interface);

/* One -netdev (its options as given; the network layer parses them). */
typedef struct NetdevInfo {
    char *id;
    char *type;                         /* "user" */
    char *opts;                         /* the full option text */
    bool claimed;
} NetdevInfo;
GPtrArray *netdev_list(void);
NetdevInfo *netdev_find_by_id(const char *id);

/* -name */
extern const char *vm_name;

#endif
