/*
 * block-backend.h — a raw disk image file behind a block device model,
 * and the "drive" property kind (PROP_DRIVE) that connects a device to a
 * -drive option.
 *
 * I/O is synchronous (pread/pwrite on the main thread) and write-through:
 * when a write call returns, the data is in the file (the host page cache),
 * visible to any reader; blk_flush() is an fdatasync, which is what makes
 * it durable. Writes reach the file in the order they are issued.
 *
 * Kept in hw/virtio/ while virtio-blk is its only user; it knows nothing of
 * virtio and can move to a block layer when a second disk controller needs
 * it.
 */
#ifndef TURTLE_HW_VIRTIO_BLOCK_BACKEND_H
#define TURTLE_HW_VIRTIO_BLOCK_BACKEND_H

#include "util/osdep.h"
#include "hw/object.h"
#include "sysemu/sysemu.h"

#include <sys/uio.h>

typedef struct BlockBackend BlockBackend;

/* Opens the image (read-write unless readonly), locking it against a
 * second writer. */
BlockBackend *blk_open(const char *filename, bool readonly, GError **errp);
BlockBackend *blk_open_drive(DriveInfo *drive, GError **errp);
void blk_close(BlockBackend *blk);

const char *blk_filename(BlockBackend *blk);
bool blk_is_readonly(BlockBackend *blk);
/* The image size in bytes, read at open time. */
uint64_t blk_get_size(BlockBackend *blk);

/* Transfer the whole iovec at byte offset; 0 or a negative errno. A read
 * past the end of the file fails with -EIO. */
int blk_preadv(BlockBackend *blk, uint64_t offset, struct iovec *iov, int cnt);
int blk_pwritev(BlockBackend *blk, uint64_t offset, struct iovec *iov, int cnt);
/* fdatasync: everything written so far is on stable storage. */
int blk_flush(BlockBackend *blk);
/* Deallocates a range (best effort: the contents then read as zeros or as
 * before; a host that cannot punch holes keeps the data). */
int blk_discard(BlockBackend *blk, uint64_t offset, uint64_t len);
/* Makes a range read as zeros (punching a hole if may_unmap and the host
 * can, otherwise writing zeros). */
int blk_write_zeroes(BlockBackend *blk, uint64_t offset, uint64_t len,
                     bool may_unmap);

/* "drive=ID": a DriveInfo * field, looked up with drive_find_by_id and
 * marked claimed (a drive serves one device). */
extern const PropertyInfo prop_info_drive;
#define PROP_DRIVE(n, st, f) PROP_FIELD(n, prop_info_drive, st, f)

#endif
