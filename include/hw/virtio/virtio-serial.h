/*
 * virtio-serial.h — the virtio console device (VIRTIO 1.2, section 5.3)
 * with multiple ports, and its ports:
 *
 *   -chardev stdio,id=c0 -device virtio-serial-device
 *   -device virtconsole,chardev=c0              (the guest's /dev/hvc0)
 *   -device virtserialport,chardev=c1,name=org.example.agent
 *                                               (/dev/vport0p1, by name in
 *                                                /dev/virtio-ports/)
 *
 * A port attaches to the virtio-serial-device given by bus=ID (ID of the
 * -device virtio-serial-device,id=ID; "ID.0" is accepted too), or else to
 * the most recently created one. Port numbers: nr=N, or the first free
 * one; port 0 is kept for a virtconsole (the console Linux also finds
 * without the multiport feature).
 */
#ifndef TURTLE_HW_VIRTIO_VIRTIO_SERIAL_H
#define TURTLE_HW_VIRTIO_VIRTIO_SERIAL_H

#include "hw/virtio/virtio.h"

#define TYPE_VIRTIO_SERIAL "virtio-serial-device"
#define TYPE_VIRTIO_SERIAL_PORT "virtio-serial-port"
#define TYPE_VIRTCONSOLE "virtconsole"
#define TYPE_VIRTSERIALPORT "virtserialport"

#endif
