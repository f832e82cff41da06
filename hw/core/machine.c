/*
 * machine.c — the abstract machine type every board derives from, machine
 * lookup by -M name and "-M help" (see hw/boards.h).
 *
 * The options a user gives on -M (-M virt,dumpdtb=FILE) are properties of
 * MachineState, so object_set_props_from_opts() applies them and "-M
 * virt,help" lists them like any device's.
 */
#include "util/osdep.h"
#include "hw/boards.h"

/* Weak, so that a program defining its own (the system emulator's main)
 * links too; there must be exactly one strong definition at most. */
MachineState *current_machine;

static const Property machine_props[] = {
    PROP_FIELD("kernel", prop_info_string, MachineState, kernel_filename,
               .description = "the guest kernel image (as -kernel)"),
    PROP_FIELD("initrd", prop_info_string, MachineState, initrd_filename,
               .description = "the initial ram disk (as -initrd)"),
    PROP_FIELD("append", prop_info_string, MachineState, kernel_cmdline,
               .description = "the kernel command line (as -append)"),
    PROP_FIELD("dtb", prop_info_string, MachineState, dtb_filename,
               .description = "a device tree blob to use (as -dtb)"),
    PROP_FIELD("firmware", prop_info_string, MachineState, firmware,
               .description = "the firmware image (as -bios)"),
    PROP_FIELD("dumpdtb", prop_info_string, MachineState, dumpdtb,
               .description = "write the generated device tree to a file "
                              "and exit"),
    PROP_END
};

/* "virt" for the class "virt-machine", unless the board set a name. */
static const char *machine_class_short_name(MachineClass *mc, char **tmp)
{
    const char *type = object_class_get_name(OBJECT_CLASS(mc));

    if (mc->name) {
        return mc->name;
    }
    if (g_str_has_suffix(type, TYPE_MACHINE_SUFFIX)) {
        *tmp = g_strndup(type, strlen(type) - strlen(TYPE_MACHINE_SUFFIX));
        return *tmp;
    }
    return type;
}

MachineClass *machine_find_class(const char *name)
{
    g_autofree char *type = g_strconcat(name, TYPE_MACHINE_SUFFIX, NULL);
    ObjectClass *oc = object_class_by_name(type);
    GSList *list;
    MachineClass *found = NULL;

    if (oc && object_class_dynamic_cast(oc, TYPE_MACHINE) &&
        !object_class_is_abstract(oc)) {
        return MACHINE_CLASS(oc);
    }
    /* A board whose -M name differs from its type name. */
    list = object_class_get_list(TYPE_MACHINE, false);
    for (GSList *l = list; l; l = l->next) {
        MachineClass *mc = MACHINE_CLASS(l->data);
        if (mc->name && strcmp(mc->name, name) == 0) {
            found = mc;
            break;
        }
    }
    g_slist_free(list);
    return found;
}

MachineClass *machine_default_class(void)
{
    GSList *list = object_class_get_list(TYPE_MACHINE, false);
    MachineClass *found = NULL;

    for (GSList *l = list; l; l = l->next) {
        MachineClass *mc = MACHINE_CLASS(l->data);
        if (mc->is_default) {
            found = mc;
            break;
        }
    }
    g_slist_free(list);
    return found;
}

void machine_print_list(FILE *f)
{
    GSList *list = object_class_get_list(TYPE_MACHINE, false);

    fprintf(f, "Supported machines are:\n");
    for (GSList *l = list; l; l = l->next) {
        MachineClass *mc = MACHINE_CLASS(l->data);
        g_autofree char *tmp = NULL;
        const char *desc = mc->desc ? mc->desc
                                    : object_class_get_description(l->data);

        fprintf(f, "%-20s %s%s\n", machine_class_short_name(mc, &tmp),
                desc ? desc : "", mc->is_default ? " (default)" : "");
    }
    g_slist_free(list);
}

static void machine_instance_init(Object *obj)
{
    MachineState *ms = MACHINE(obj);
    MachineClass *mc = MACHINE_GET_CLASS(obj);

    ms->ram_size = mc->default_ram_size;
    ms->smp_cpus = 1;
    ms->drives = g_ptr_array_new();
}

static void machine_instance_finalize(Object *obj)
{
    MachineState *ms = MACHINE(obj);

    g_free(ms->cpu_model);
    ms->cpu_model = NULL;
    g_ptr_array_free(ms->drives, TRUE);
    ms->drives = NULL;
    if (current_machine == ms) {
        current_machine = NULL;
    }
}

static void machine_class_init(ObjectClass *oc, const void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);

    mc->max_cpus = 1;
    mc->default_ram_size = 128 * MiB;
    object_class_add_props(oc, machine_props);
}

static const TypeInfo machine_info = {
    .name = TYPE_MACHINE,
    .parent = TYPE_OBJECT,
    .abstract = true,
    .instance_size = sizeof(MachineState),
    .class_size = sizeof(MachineClass),
    .class_init = machine_class_init,
    .instance_init = machine_instance_init,
    .instance_finalize = machine_instance_finalize,
    .description = "the base of every board",
};
TYPE_REGISTER(machine_info)
