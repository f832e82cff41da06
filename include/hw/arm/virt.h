/*
 * virt.h — the "virt" board's memory map and interrupt numbers.
 *
 * A board for virtual machines, not a model of real hardware: the guest
 * learns everything from the device tree the board generates. The layout
 * is the one Linux, firmware and users of this board already expect.
 */
#ifndef TURTLE_HW_ARM_VIRT_H
#define TURTLE_HW_ARM_VIRT_H

#include "util/osdep.h"

enum {
    VIRT_FLASH,
    VIRT_GIC_DIST,
    VIRT_GIC_ITS,
    VIRT_GIC_REDIST,
    VIRT_UART,
    VIRT_RTC,
    VIRT_GPIO,
    VIRT_MMIO,
    VIRT_PCIE_MMIO,
    VIRT_PCIE_PIO,
    VIRT_PCIE_ECAM,
    VIRT_MEM,
    VIRT_NR_REGIONS,
};

typedef struct VirtMemMapEntry {
    const char *name;
    hwaddr base;
    hwaddr size;
} VirtMemMapEntry;

extern const VirtMemMapEntry virt_memmap[VIRT_NR_REGIONS];

/* Shared peripheral interrupts (GIC SPI numbers, i.e. INTID - 32). */
enum {
    VIRT_IRQ_UART = 1,
    VIRT_IRQ_RTC = 2,
    VIRT_IRQ_PCIE = 3,          /* 4 lines */
    VIRT_IRQ_GPIO = 7,
    VIRT_IRQ_MMIO = 16,         /* one per virtio-mmio transport */
};

#define VIRT_NUM_VIRTIO_TRANSPORTS 32
#define VIRT_VIRTIO_TRANSPORT_SIZE 0x200
#define VIRT_MAX_CPUS 8         /* GICv3 redistributor space allows 123 */

#endif
