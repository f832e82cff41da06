/*
 * vdrv.h — a minimal virtio driver for the unit tests: it reaches the
 * devices only as a guest would, through virtio-mmio registers in the
 * system address space and split rings in guest RAM.
 *
 * The test machine: 16 MiB of RAM at VDRV_RAM_BASE, VDRV_NUM_TRANSPORTS
 * virtio-mmio transports at VDRV_MMIO_BASE with recorded interrupt lines.
 */
#ifndef TESTS_UNIT_VIRTIO_VDRV_H
#define TESTS_UNIT_VIRTIO_VDRV_H

#include "util/osdep.h"
#include "exec/memory.h"
#include "hw/qdev.h"
#include "sysemu/sysemu.h"

#define VDRV_RAM_BASE       0x40000000ULL
#define VDRV_RAM_SIZE       (16 * MiB)
#define VDRV_MMIO_BASE      0x0a000000ULL
#define VDRV_NUM_TRANSPORTS 4
#define VDRV_MAX_QUEUES     8

/* Creates RAM and transports (once per test program). */
void vdrv_machine_init(void);
DeviceState *vdrv_transport(unsigned n);
/* Level of transport n's interrupt line as last set by the device. */
int vdrv_irq_level(unsigned n);
/* Bump allocator in guest RAM (aligned to align); vdrv_free_all resets it. */
hwaddr vdrv_alloc(size_t size, size_t align);
void vdrv_free_all(void);

/* Guest memory and MMIO as the CPU sees them. */
void vdrv_memwrite(hwaddr addr, const void *buf, size_t len);
void vdrv_memread(hwaddr addr, void *buf, size_t len);
uint32_t vdrv_mmio_read(hwaddr addr, unsigned size);
void vdrv_mmio_write(hwaddr addr, uint32_t val, unsigned size);

/* Drives registered for the "drive" property (drive_find_by_id). */
DriveInfo *vdrv_add_drive(const char *id, const char *file, bool readonly,
                          const char *interface);
/* Netdevs for the "netdev" property (netdev_find_by_id). */
NetdevInfo *vdrv_add_netdev(const char *id, const char *opts);

typedef struct VDrvQueue {
    unsigned size;
    hwaddr desc, avail, used;
    uint16_t avail_idx;                 /* next avail idx the driver writes */
    uint16_t used_seen;                 /* used entries consumed */
    uint16_t next_desc;                 /* descriptors are used round robin */
} VDrvQueue;

typedef struct VDrv {
    unsigned transport;
    hwaddr base;
    uint64_t features;                  /* negotiated */
    VDrvQueue q[VDRV_MAX_QUEUES];
} VDrv;

typedef struct VDrvBuf {
    hwaddr addr;
    uint32_t len;
    bool write;                         /* device-writable */
} VDrvBuf;

uint32_t vdrv_reg(VDrv *d, hwaddr off);
void vdrv_set_reg(VDrv *d, hwaddr off, uint32_t val);

/* Resets the device and negotiates: accepts offered & wanted. Returns
 * whether FEATURES_OK stuck. */
bool vdrv_init(VDrv *d, unsigned transport, uint64_t wanted);
/* Allocates and enables queue q with size entries. */
void vdrv_setup_queue(VDrv *d, unsigned q, unsigned size);
void vdrv_driver_ok(VDrv *d);
/* Writes a chain (or with indirect, one indirect descriptor pointing at a
 * table holding it) and publishes it; returns the head index. */
uint16_t vdrv_add_chain(VDrv *d, unsigned q, const VDrvBuf *bufs, int n,
                        bool indirect);
/* Writes a raw descriptor i of queue q. */
void vdrv_write_desc(VDrv *d, unsigned q, unsigned i, uint64_t addr,
                     uint32_t len, uint16_t flags, uint16_t next);
/* Publishes head in the avail ring. */
void vdrv_publish(VDrv *d, unsigned q, uint16_t head);
void vdrv_notify(VDrv *d, unsigned q);
/* Takes the next used entry; false if none. */
bool vdrv_get_used(VDrv *d, unsigned q, uint32_t *id, uint32_t *len);
/* Writes used_event (the driver's interrupt threshold, EVENT_IDX). */
void vdrv_set_used_event(VDrv *d, unsigned q, uint16_t val);
uint16_t vdrv_avail_event(VDrv *d, unsigned q);
/* Reads InterruptStatus and acknowledges it; returns what was read. */
uint32_t vdrv_ack(VDrv *d);

#endif
