/*
 * sysbus.h — devices on the system bus: MMIO regions mapped at fixed
 * addresses by the board, and interrupt outputs wired by the board.
 */
#ifndef TURTLE_HW_SYSBUS_H
#define TURTLE_HW_SYSBUS_H

#include "hw/qdev.h"
#include "exec/memory.h"

#define TYPE_SYS_BUS_DEVICE "sys-bus-device"
#define SYSBUS_MAX_MMIO 32
#define SYSBUS_MAX_IRQ 64

typedef struct SysBusDevice {
    DeviceState parent_obj;
    int num_mmio;
    struct {
        MemoryRegion *mr;
        hwaddr addr;                    /* HWADDR_MAX while unmapped */
    } mmio[SYSBUS_MAX_MMIO];
    int num_irq;
    IRQLine **irq[SYSBUS_MAX_IRQ];      /* the device's output slots */
} SysBusDevice;

#define SYS_BUS_DEVICE(obj) OBJECT_CHECK(SysBusDevice, (obj), TYPE_SYS_BUS_DEVICE)

void sysbus_init_mmio(SysBusDevice *dev, MemoryRegion *mr);
/* Maps MMIO region n of dev into the system memory at addr (moving it if it
 * was mapped elsewhere). Regions are unmapped at unrealize, so a device
 * destroys its regions in instance_finalize, not in unrealize. */
void sysbus_mmio_map(SysBusDevice *dev, int n, hwaddr addr);
/* The same, allowed to overlap other regions, at a priority. */
void sysbus_mmio_map_overlap(SysBusDevice *dev, int n, hwaddr addr,
                             int priority);
/* Where region n is mapped, HWADDR_MAX if it is not. */
hwaddr sysbus_mmio_get_addr(SysBusDevice *dev, int n);
void sysbus_init_irq(SysBusDevice *dev, IRQLine **slot);
void sysbus_connect_irq(SysBusDevice *dev, int n, IRQLine *line);
/* Creates a device under /machine/unattached, realizes it, maps its region 0
 * at addr (unless HWADDR_MAX) and connects its interrupt output 0 to irq
 * (unless NULL), in one step; errors are fatal (board construction bugs).
 * The tree owns the device: the returned pointer is borrowed. */
DeviceState *sysbus_create_simple(const char *typename, hwaddr addr,
                                  IRQLine *irq);

#endif
