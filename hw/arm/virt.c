/*
 * virt.c — the arm64 "virt" board: RAM at 1 GiB, a GICv3, a PL011 console,
 * a PL031 RTC and virtio-mmio transports, described to the guest by a
 * generated device tree.
 *
 * Devices not modelled yet are mapped as unimplemented-device regions
 * (RAZ/WI, logged with -d unimp) so the map is complete and visible in
 * "info mtree" from the start.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "hw/boards.h"
#include "hw/sysbus.h"
#include "hw/core/cpu.h"
#include "hw/misc/unimp.h"
#include "hw/arm/virt.h"
#include "hw/arm/boot.h"
#include "hw/arm/virt-fdt.h"
#include <libfdt.h>
#include "sysemu/sysemu.h"

const VirtMemMapEntry virt_memmap[VIRT_NR_REGIONS] = {
    [VIRT_FLASH] =      { "flash",      0x00000000, 0x08000000 },
    [VIRT_GIC_DIST] =   { "gic-dist",   0x08000000, 0x00010000 },
    [VIRT_GIC_ITS] =    { "gic-its",    0x08080000, 0x00020000 },
    [VIRT_GIC_REDIST] = { "gic-redist", 0x080a0000, 0x00f60000 },
    [VIRT_UART] =       { "uart",       0x09000000, 0x00001000 },
    [VIRT_RTC] =        { "rtc",        0x09010000, 0x00001000 },
    [VIRT_GPIO] =       { "gpio",       0x09030000, 0x00001000 },
    [VIRT_MMIO] =       { "virtio-mmio", 0x0a000000,
                          VIRT_NUM_VIRTIO_TRANSPORTS * VIRT_VIRTIO_TRANSPORT_SIZE },
    [VIRT_PCIE_MMIO] =  { "pcie-mmio",  0x10000000, 0x2eff0000 },
    [VIRT_PCIE_PIO] =   { "pcie-pio",   0x3eff0000, 0x00010000 },
    [VIRT_PCIE_ECAM] =  { "pcie-ecam",  0x3f000000, 0x01000000 },
    [VIRT_MEM] =        { "mem",        0x40000000, 255 * GiB },
};

typedef struct VirtMachineState {
    MachineState parent_obj;
    MemoryRegion ram;
    ArmBootInfo boot;
    void *fdt;
} VirtMachineState;

#define TYPE_VIRT_MACHINE "virt" TYPE_MACHINE_SUFFIX
#define VIRT_MACHINE(obj) OBJECT_CHECK(VirtMachineState, (obj), TYPE_VIRT_MACHINE)

static void virt_create_cpus(MachineState *ms, GError **errp)
{
    g_autofree char *type = g_strconcat(ms->cpu_model, target_info.cpu_type_suffix, NULL);
    ObjectClass *oc = object_class_by_name(type);
    GSList *all = object_class_get_list(TYPE_CPU, false);
    bool have_cpus = all != NULL;

    g_slist_free(all);
    if (!have_cpus) {
        /* This build has no arm64 CPU model yet: the board is built without
         * CPUs so its devices and memory map can be inspected. */
        return;
    }
    if (!oc || !object_class_dynamic_cast(oc, TYPE_CPU) ||
        object_class_is_abstract(oc)) {
        error_setg(errp, "unknown CPU model '%s' (-cpu help lists them)", ms->cpu_model);
        return;
    }
    for (unsigned i = 0; i < ms->smp_cpus; i++) {
        DeviceState *cpu = DEVICE(object_new_with_class(oc));
        g_autofree char *name = g_strdup_printf("cpu[%u]", i);

        object_add_child(OBJECT(ms), name, OBJECT(cpu));
        object_unref(OBJECT(cpu));
        CPU(cpu)->mp_affinity = i;
        if (!device_realize(cpu, errp)) {
            return;
        }
    }
}

static bool virt_build_fdt(MachineState *ms, GError **errp)
{
    VirtMachineState *vms = VIRT_MACHINE(ms);
    VirtFdtConfig cfg = {
        .ram_size = ms->ram_size,
        .num_cpus = ms->smp_cpus,
        .cpu_compatible = "arm,arm-v8",
        .psci_conduit = "hvc",
        .has_gic = false,
        .has_rtc = false,
        .num_virtio_transports = 0,
    };

    for (unsigned i = 0; i < ms->smp_cpus && i < ARRAY_SIZE(cfg.cpu_mpidr); i++) {
        CPUState *cpu = cpu_by_index(i);
        cfg.cpu_mpidr[i] = cpu ? cpu->mp_affinity : i;
    }
    vms->fdt = virt_fdt_build(&cfg, errp);
    return vms->fdt != NULL;
}

/* -M virt,dumpdtb=FILE: writes the tree the guest would get and ends the
 * process, so users can inspect or edit it (and pass it back with -dtb). */
static void virt_dump_dtb(VirtMachineState *vms, GError **errp)
{
    MachineState *ms = MACHINE(vms);
    void *fdt = vms->boot.final_fdt ? vms->boot.final_fdt : vms->fdt;
    GError *err = NULL;

    if (!g_file_set_contents(ms->dumpdtb, fdt, fdt_totalsize(fdt), &err)) {
        error_setg(errp, "dumpdtb: %s", err->message);
        g_error_free(err);
        return;
    }
    printf("device tree written to %s\n", ms->dumpdtb);
    exit(0);
}

static void virt_init(MachineState *ms, GError **errp)
{
    VirtMachineState *vms = VIRT_MACHINE(ms);
    MemoryRegion *sysmem = get_system_memory();
    const VirtMemMapEntry *mem = &virt_memmap[VIRT_MEM];
    DeviceState *uart;

    if (ms->ram_size > mem->size) {
        error_setg(errp, "-m: the virt board supports at most %" PRIu64 " GiB of RAM",
                   (uint64_t)(mem->size / GiB));
        return;
    }
    virt_create_cpus(ms, errp);
    if (*errp) {
        return;
    }
    if (!memory_region_init_ram(&vms->ram, OBJECT(ms), "virt.ram", ms->ram_size, errp)) {
        return;
    }
    ms->ram = &vms->ram;
    memory_region_add_subregion(sysmem, mem->base, &vms->ram);

    uart = device_new("pl011");
    object_add_child(OBJECT(ms), "uart0", OBJECT(uart));
    object_unref(OBJECT(uart));
    if (serial_hd(0)) {
        if (!object_property_set_str(OBJECT(uart), "chardev",
                                     chardev_get_id(serial_hd(0)), errp)) {
            return;
        }
    }
    if (!device_realize(uart, errp)) {
        return;
    }
    sysbus_mmio_map(SYS_BUS_DEVICE(uart), 0, virt_memmap[VIRT_UART].base);

    if (!virt_build_fdt(ms, errp)) {
        return;
    }
    vms->boot = (ArmBootInfo) {
        .ram_base = mem->base,
        .ram_size = ms->ram_size,
        .kernel_filename = ms->kernel_filename,
        .initrd_filename = ms->initrd_filename,
        .kernel_cmdline = ms->kernel_cmdline,
        .dtb_filename = ms->dtb_filename,
        .fdt = vms->fdt,
    };
    if (!arm_load_kernel(get_address_space_memory(), &vms->boot, errp)) {
        return;
    }
    if (ms->dumpdtb) {
        virt_dump_dtb(vms, errp);
        return;
    }

    create_unimplemented_device("flash", virt_memmap[VIRT_FLASH].base,
                                virt_memmap[VIRT_FLASH].size);
    create_unimplemented_device("gic-dist", virt_memmap[VIRT_GIC_DIST].base,
                                virt_memmap[VIRT_GIC_DIST].size);
    create_unimplemented_device("gic-redist", virt_memmap[VIRT_GIC_REDIST].base,
                                virt_memmap[VIRT_GIC_REDIST].size);
    create_unimplemented_device("pl031", virt_memmap[VIRT_RTC].base,
                                virt_memmap[VIRT_RTC].size);
    create_unimplemented_device("virtio-mmio", virt_memmap[VIRT_MMIO].base,
                                virt_memmap[VIRT_MMIO].size);
}

static void virt_class_init(ObjectClass *oc, const void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);

    mc->name = "virt";
    mc->desc = "Arm virtual machine board (GICv3, PL011, virtio-mmio)";
    mc->is_default = true;
    mc->max_cpus = VIRT_MAX_CPUS;
    mc->default_ram_size = 128 * MiB;
    mc->default_cpu_type = "cortex-a57";
    mc->init = virt_init;
}

static const TypeInfo virt_machine_info = {
    .name = TYPE_VIRT_MACHINE,
    .parent = TYPE_MACHINE,
    .instance_size = sizeof(VirtMachineState),
    .class_init = virt_class_init,
    .description = "Arm virtual machine board",
};
TYPE_REGISTER(virt_machine_info)
