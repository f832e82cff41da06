/*
 * virtio-mmio.h — the virtio-over-MMIO transport (VIRTIO 1.2, 4.2; the
 * version 2 register layout only).
 *
 * Each transport is a 0x200-byte register window with one interrupt line
 * and a slot for at most one virtio device. An empty slot reads as device
 * ID 0, which drivers skip, so a board can create many transports and let
 * the command line fill them.
 *
 * For the board (hw/arm/virt.c):
 *
 *   1. In init, create the transports, lowest address first:
 *
 *        IRQLine *irqs[VIRT_NUM_VIRTIO_TRANSPORTS];
 *        for (i = 0; i < VIRT_NUM_VIRTIO_TRANSPORTS; i++)
 *            irqs[i] = <the GIC's input for SPI VIRT_IRQ_MMIO + i>;
 *        virtio_mmio_create_transports(OBJECT(ms), NULL,
 *                                      virt_memmap[VIRT_MMIO].base,
 *                                      VIRT_NUM_VIRTIO_TRANSPORTS, irqs, NULL);
 *
 *      This also makes every virtio device created afterwards with
 *      "-device virtio-blk-device,drive=d0" (virtio-net-device,
 *      virtio-console-device, virtio-rng-device...) plug itself into the
 *      first free transport, in command-line order (transport 0 at the
 *      lowest address first).
 *
 *   2. In MachineClass.done (after the -device options), create a disk for
 *      each -drive if=virtio that no -device claimed:
 *
 *        if (!virtio_blk_create_for_drives(OBJECT(ms), errp)) return;
 *
 *      (declared in hw/virtio/virtio-blk.h). Doing it in done rather than
 *      init keeps "-drive if=virtio,id=d0 -device virtio-blk-device,drive=d0"
 *      working and gives -device disks the lower transports.
 *
 *   3. Device tree: one node per transport,
 *        virtio_mmio@<addr> { compatible = "virtio,mmio";
 *                             reg = <addr 0x200>; interrupts = <SPI 16+n, edge>;
 *                             dma-coherent; }
 *      Linux probes the nodes in the order they appear in the blob and names
 *      disks vda, vdb... in probe order.
 *
 * Network backends need an explicit -device virtio-net-device,netdev=ID:
 * nothing is created for a -netdev on its own.
 */
#ifndef TURTLE_HW_VIRTIO_VIRTIO_MMIO_H
#define TURTLE_HW_VIRTIO_VIRTIO_MMIO_H

#include "hw/sysbus.h"

#define TYPE_VIRTIO_MMIO "virtio-mmio"
#define VIRTIO_MMIO_SIZE 0x200

/* Vendor ID register value: "TRTL". */
#define VIRTIO_MMIO_VENDOR_ID 0x4c545254

/*
 * Creates count transports as children "virtio-mmio[N]" of parent, maps
 * transport n at base + n * VIRTIO_MMIO_SIZE in container (NULL: the system
 * memory) and connects its interrupt to irqs[n] (irqs or an entry may be
 * NULL). Fills out[n] (if out is not NULL; the tree owns the devices) and
 * registers virtio_mmio_plug as the way -device virtio devices find a slot.
 */
void virtio_mmio_create_transports(Object *parent, MemoryRegion *container,
                                   hwaddr base, unsigned count,
                                   IRQLine *const *irqs, DeviceState **out);

/* Plugs a virtio device into the first free transport, in creation order. */
bool virtio_mmio_plug(DeviceState *vdev, GError **errp);
/* Plugs it into a given transport (which must be free), either after
 * realize or before it (then realize does not look for a free one). */
bool virtio_mmio_plug_into(DeviceState *transport, DeviceState *vdev,
                           GError **errp);
/* The device in a transport's slot, or NULL. */
DeviceState *virtio_mmio_get_device(DeviceState *transport);

#endif
