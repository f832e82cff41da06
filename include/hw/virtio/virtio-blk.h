/*
 * virtio-blk.h — the virtio block device (VIRTIO 1.2, section 5.2):
 * "-device virtio-blk-device,drive=ID[,serial=S][,discard=on|off]".
 */
#ifndef TURTLE_HW_VIRTIO_VIRTIO_BLK_H
#define TURTLE_HW_VIRTIO_VIRTIO_BLK_H

#include "hw/virtio/virtio.h"

#define TYPE_VIRTIO_BLK "virtio-blk-device"

/* Creates a virtio-blk-device, child "virtio-disk[N]" of parent, for each
 * -drive if=virtio not claimed by a device yet, in command-line order. The
 * devices plug themselves into free transports (see virtio-mmio.h).
 * Fails on the first drive that cannot be opened or has no free slot. */
bool virtio_blk_create_for_drives(Object *parent, GError **errp);

#endif
