/*
 * boards.h — machines (-M): what a board is made of and how it is built.
 *
 * A machine type is a class below TYPE_MACHINE, named "<name>-machine"; its
 * init() creates the CPUs, RAM, devices and wiring and loads the guest
 * (kernel, initrd, dtb) from the MachineState's fields.
 */
#ifndef TURTLE_HW_BOARDS_H
#define TURTLE_HW_BOARDS_H

#include "hw/object.h"
#include "exec/memory.h"

#define TYPE_MACHINE "machine"
#define TYPE_MACHINE_SUFFIX "-machine"

typedef struct MachineState MachineState;

typedef struct MachineClass {
    ObjectClass parent_class;
    const char *name;                   /* "virt" */
    const char *desc;
    bool is_default;
    int max_cpus;
    uint64_t default_ram_size;
    const char *default_cpu_type;       /* CPU model name, e.g. "cortex-a57" */
    /* Builds the machine; a user mistake (kernel missing, RAM too small for
     * the images) is reported through errp. */
    void (*init)(MachineState *ms, GError **errp);
    /* Called after all -device options were created. */
    void (*done)(MachineState *ms, GError **errp);
} MachineClass;

/* The string fields are owned by the MachineState (g_strdup them; they are
 * freed at finalize). kernel, initrd, append, dtb, firmware and dumpdtb are
 * also properties, settable as -M NAME,kernel=FILE. */
struct MachineState {
    Object parent_obj;
    uint64_t ram_size;
    unsigned smp_cpus;
    char *cpu_model;                    /* -cpu NAME */
    char *kernel_filename;
    char *initrd_filename;
    char *kernel_cmdline;
    char *dtb_filename;
    char *firmware;                     /* -bios */
    MemoryRegion *ram;
    GPtrArray *drives;                  /* DriveInfo *, in -drive order */
    char *dumpdtb;                      /* -M virt,dumpdtb=FILE */
};

#define MACHINE(obj) OBJECT_CHECK(MachineState, (obj), TYPE_MACHINE)
#define MACHINE_CLASS(oc) OBJECT_CLASS_CHECK(MachineClass, (oc), TYPE_MACHINE)
#define MACHINE_GET_CLASS(obj) OBJECT_GET_CLASS(MachineClass, (obj), TYPE_MACHINE)

/* Finds a machine class by its -M name ("virt"); NULL if none. */
MachineClass *machine_find_class(const char *name);
MachineClass *machine_default_class(void);
/* Prints "-M help": "Supported machines are:", then one "name  description"
 * line per machine, sorted, the default one marked "(default)". */
void machine_print_list(FILE *f);
/* The machine being run (the object at /machine), set by whoever creates
 * it; cleared if that machine is finalized. */
extern MachineState *current_machine;

#endif
