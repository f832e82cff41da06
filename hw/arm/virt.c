/*
 * virt.c — the arm64 "virt" board: RAM at 1 GiB, a GICv3, a PL011 console,
 * a PL031 RTC and virtio-mmio transports, described to the guest by a
 * generated device tree.
 *
 * Devices not modelled yet (flash, GPIO, the ITS, PCIe) are mapped as
 * unimplemented-device regions (RAZ/WI, logged with -d unimp) so the map is
 * complete and visible in "info mtree".
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
#include "hw/intc/arm_gicv3.h"
#include "hw/virtio/virtio-mmio.h"
#include "hw/virtio/virtio-blk.h"
#include "target/arm/cpu.h"

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
    CPUState *cpus[VIRT_MAX_CPUS];
    DeviceState *gic;
    DeviceState *rtc;
    ArmBootInfo boot;
    void *fdt;
} VirtMachineState;

#define TYPE_VIRT_MACHINE "virt" TYPE_MACHINE_SUFFIX
#define VIRT_MACHINE(obj) OBJECT_CHECK(VirtMachineState, (obj), TYPE_VIRT_MACHINE)

static void virt_create_cpus(MachineState *ms, GError **errp)
{
    VirtMachineState *vms = VIRT_MACHINE(ms);
    g_autofree char *type = g_strconcat(ms->cpu_model, target_info.cpu_type_suffix, NULL);
    ObjectClass *oc = object_class_by_name(type);

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
        /* MPIDR affinity: Aff0 = CPU number within a cluster of 8. */
        CPU(cpu)->mp_affinity = ((i / 8) << 8) | (i % 8);
        if (!object_property_set_str(OBJECT(cpu), "psci-conduit", "hvc", errp) ||
            !object_property_set_str(OBJECT(cpu), "start-powered-off",
                                     i > 0 ? "on" : "off", errp) ||
            !device_realize(cpu, errp)) {
            return;
        }
        vms->cpus[i] = CPU(cpu);
    }
}

/* The interrupt controller, with every CPU's interface and timers wired. */
static void virt_create_gic(VirtMachineState *vms, GError **errp)
{
    MachineState *ms = MACHINE(vms);
    g_autofree char *ncpu = g_strdup_printf("%u", ms->smp_cpus);
    /* Timer outputs (GTIMER_*) to their PPIs (Linux's arm,armv8-timer
     * binding: secure 29, non-secure 30, virtual 27, hypervisor 26, EL2
     * virtual 28). */
    static const int timer_ppi[GTIMER_COUNT] = {
        [GTIMER_PHYS] = 30, [GTIMER_VIRT] = 27, [GTIMER_HYP] = 26,
        [GTIMER_SEC] = 29, [GTIMER_HYPVIRT] = 28,
    };
    DeviceState *gic = device_new(TYPE_ARM_GICV3);

    object_add_child(OBJECT(ms), "gic", OBJECT(gic));
    object_unref(OBJECT(gic));
    if (!object_property_set_str(OBJECT(gic), "num-cpu", ncpu, errp) ||
        !object_property_set_str(OBJECT(gic), "num-irq", "288", errp) ||
        !device_realize(gic, errp)) {
        return;
    }
    sysbus_mmio_map(SYS_BUS_DEVICE(gic), GICV3_MMIO_DIST, virt_memmap[VIRT_GIC_DIST].base);
    sysbus_mmio_map(SYS_BUS_DEVICE(gic), GICV3_MMIO_REDIST, virt_memmap[VIRT_GIC_REDIST].base);
    for (unsigned i = 0; i < ms->smp_cpus; i++) {
        arm_gicv3_connect_cpu(gic, i, vms->cpus[i]);
        for (int t = 0; t < GTIMER_COUNT; t++) {
            device_connect_gpio_out(DEVICE(vms->cpus[i]), t,
                                    arm_gicv3_ppi(gic, i, timer_ppi[t]));
        }
    }
    vms->gic = gic;
}

static bool virt_build_fdt(MachineState *ms, GError **errp)
{
    VirtMachineState *vms = VIRT_MACHINE(ms);
    VirtFdtConfig cfg = {
        .ram_size = ms->ram_size,
        .num_cpus = ms->smp_cpus,
        .cpu_compatible = "arm,arm-v8",
        .psci_conduit = "hvc",
        .has_gic = vms->gic != NULL,
        .has_rtc = vms->rtc != NULL,
        .num_virtio_transports = VIRT_NUM_VIRTIO_TRANSPORTS,
    };

    for (unsigned i = 0; i < ms->smp_cpus && i < ARRAY_SIZE(cfg.cpu_mpidr); i++) {
        cfg.cpu_mpidr[i] = vms->cpus[i] ? vms->cpus[i]->mp_affinity : i;
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
    size_t size = fdt_totalsize(fdt);
    /* A plain write, not write-and-rename: the target may be a device or a
     * pipe (dumpdtb=/dev/stdout), which must be written, never replaced. */
    FILE *f = fopen(ms->dumpdtb, "wb");

    if (!f) {
        error_setg_errno(errp, errno, "dumpdtb: cannot open '%s'", ms->dumpdtb);
        return;
    }
    if (fwrite(fdt, 1, size, f) != size || fclose(f) != 0) {
        error_setg_errno(errp, errno, "dumpdtb: cannot write '%s'", ms->dumpdtb);
        return;
    }
    fprintf(stderr, "device tree written to %s\n", ms->dumpdtb);
    exit(0);
}

static DeviceState *virt_create_sysbus(MachineState *ms, const char *type,
                                       const char *name, int region, int spi,
                                       VirtMachineState *vms, GError **errp)
{
    DeviceState *dev = device_new(type);

    object_add_child(OBJECT(ms), name, OBJECT(dev));
    object_unref(OBJECT(dev));
    if (!strcmp(type, "pl011") && serial_hd(0) &&
        !object_property_set_str(OBJECT(dev), "chardev",
                                 chardev_get_id(serial_hd(0)), errp)) {
        return NULL;
    }
    if (!device_realize(dev, errp)) {
        return NULL;
    }
    sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, virt_memmap[region].base);
    sysbus_connect_irq(SYS_BUS_DEVICE(dev), 0, arm_gicv3_spi(vms->gic, spi));
    return dev;
}

static void virt_init(MachineState *ms, GError **errp)
{
    VirtMachineState *vms = VIRT_MACHINE(ms);
    MemoryRegion *sysmem = get_system_memory();
    const VirtMemMapEntry *mem = &virt_memmap[VIRT_MEM];
    IRQLine *virtio_irqs[VIRT_NUM_VIRTIO_TRANSPORTS];

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

    virt_create_gic(vms, errp);
    if (*errp) {
        return;
    }
    if (!virt_create_sysbus(ms, "pl011", "uart0", VIRT_UART, VIRT_IRQ_UART, vms, errp)) {
        return;
    }
    if (object_class_by_name("pl031")) {
        vms->rtc = virt_create_sysbus(ms, "pl031", "rtc", VIRT_RTC, VIRT_IRQ_RTC, vms, errp);
        if (!vms->rtc) {
            return;
        }
    }
    for (int i = 0; i < VIRT_NUM_VIRTIO_TRANSPORTS; i++) {
        virtio_irqs[i] = arm_gicv3_spi(vms->gic, VIRT_IRQ_MMIO + i);
    }
    virtio_mmio_create_transports(OBJECT(ms), NULL, virt_memmap[VIRT_MMIO].base,
                                  VIRT_NUM_VIRTIO_TRANSPORTS, virtio_irqs, NULL);
    create_unimplemented_device("flash", virt_memmap[VIRT_FLASH].base,
                                virt_memmap[VIRT_FLASH].size);
    create_unimplemented_device("gpio", virt_memmap[VIRT_GPIO].base,
                                virt_memmap[VIRT_GPIO].size);
    create_unimplemented_device("gic-its", virt_memmap[VIRT_GIC_ITS].base,
                                virt_memmap[VIRT_GIC_ITS].size);
    create_unimplemented_device("pcie-mmio", virt_memmap[VIRT_PCIE_MMIO].base,
                                virt_memmap[VIRT_PCIE_MMIO].size);
    create_unimplemented_device("pcie-pio", virt_memmap[VIRT_PCIE_PIO].base,
                                virt_memmap[VIRT_PCIE_PIO].size);
    create_unimplemented_device("pcie-ecam", virt_memmap[VIRT_PCIE_ECAM].base,
                                virt_memmap[VIRT_PCIE_ECAM].size);
}

/* After -device: disks for unclaimed -drive if=virtio, then the device tree
 * and the guest images (the tree must list every device). */
static void virt_done(MachineState *ms, GError **errp)
{
    VirtMachineState *vms = VIRT_MACHINE(ms);
    ARMCPU *boot_cpu = ARM_CPU(vms->cpus[0]);

    if (!virtio_blk_create_for_drives(OBJECT(ms), errp)) {
        return;
    }
    if (!virt_build_fdt(ms, errp)) {
        return;
    }
    vms->boot = (ArmBootInfo) {
        .ram_base = virt_memmap[VIRT_MEM].base,
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
    if (ms->kernel_filename) {
        boot_cpu->reset_pc = vms->boot.entry;
        boot_cpu->reset_x0 = vms->boot.dtb_addr;
        boot_cpu->reset_is_linux = vms->boot.is_linux;
    }
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
    mc->done = virt_done;
}

static const TypeInfo virt_machine_info = {
    .name = TYPE_VIRT_MACHINE,
    .parent = TYPE_MACHINE,
    .instance_size = sizeof(VirtMachineState),
    .class_init = virt_class_init,
    .description = "Arm virtual machine board",
};
TYPE_REGISTER(virt_machine_info)
