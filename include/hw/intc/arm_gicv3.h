/*
 * arm_gicv3.h — the Arm GICv3 interrupt controller as the board sees it:
 * the device type, its MMIO regions, its interrupt inputs and how CPUs are
 * connected to it (Arm IHI 0069, "GIC architecture version 3 and 4").
 *
 * A board creates it like this:
 *
 *     DeviceState *gic = device_new(TYPE_ARM_GICV3);
 *     object_add_child(machine, "gic", OBJECT(gic));
 *     object_property_set_str(OBJECT(gic), "num-cpu", "2", &err);
 *     object_property_set_str(OBJECT(gic), "num-irq", "288", &err);
 *     device_realize(gic, &err);
 *     sysbus_mmio_map(SYS_BUS_DEVICE(gic), 0, dist_base);     // GICD
 *     sysbus_mmio_map(SYS_BUS_DEVICE(gic), 1, redist_base);   // GICR frames
 *     for each CPU n: arm_gicv3_connect_cpu(gic, n, cpu);
 *     timer outputs  -> arm_gicv3_ppi(gic, n, 30 / 27 / 26 / 28)
 *     device outputs -> arm_gicv3_spi(gic, spi)
 *
 * Interrupt inputs (GPIO in lines, in this order):
 *   0 .. num_irq-33                 SPIs (line k is INTID 32 + k)
 *   num_spis + cpu * 32 + p         PPI/SGI p of CPU cpu (p < 16 is ignored:
 *                                   SGIs only come from ICC_SGI*R_EL1)
 * A line is level-sensitive or edge-triggered as GICD_ICFGR/GICR_ICFGR1
 * say: level-sensitive interrupts are pending while the line is high,
 * edge-triggered ones latch a rising edge.
 */
#ifndef TURTLE_HW_INTC_ARM_GICV3_H
#define TURTLE_HW_INTC_ARM_GICV3_H

#include "hw/sysbus.h"
#include "hw/core/cpu.h"

#define TYPE_ARM_GICV3 "arm-gicv3"

/* MMIO region numbers of the sysbus device. */
enum {
    GICV3_MMIO_DIST = 0,            /* GICD_*: 64 KiB */
    GICV3_MMIO_REDIST = 1,          /* GICR_*: one frame set per CPU */
};

#define GICV3_DIST_SIZE         0x10000
/* RD_base + SGI_base (GICv3); GICv4 adds VLPI_base + a reserved frame. */
#define GICV3_REDIST_STRIDE_V3  0x20000
#define GICV3_REDIST_STRIDE_V4  0x40000

/* Size of MMIO region 1 (all redistributor frames) of a realized GIC. */
uint64_t arm_gicv3_redist_size(DeviceState *gic);

/* Input lines: SPI number spi (INTID 32 + spi), and PPI ppi (16..31) of CPU
 * cpu. Out of range is a board bug (aborts). */
IRQLine *arm_gicv3_spi(DeviceState *gic, int spi);
IRQLine *arm_gicv3_ppi(DeviceState *gic, int cpu, int ppi);

/*
 * Connects CPU n (an arm-cpu) to redistributor n and CPU interface n: the
 * redistributor takes its affinity from the CPU's mp_affinity, the CPU gets
 * the ICC_* system registers (and ICH_* when it has EL2) and its
 * env->gicv3_cpuif, and the GIC raises CPU_INTERRUPT_HARD (Group 1) and
 * CPU_INTERRUPT_FIQ (Group 0) on it. Call after both are realized.
 */
void arm_gicv3_connect_cpu(DeviceState *gic, int n, CPUState *cpu);

#endif
