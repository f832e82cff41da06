/*
 * block-backend.c — raw image files for disk models, and the "drive"
 * property kind (see hw/virtio/block-backend.h).
 */
#include "util/osdep.h"
#include "util/error.h"
#include "hw/virtio/block-backend.h"

#include <fcntl.h>
#include <limits.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <linux/falloc.h>

struct BlockBackend {
    int fd;
    char *filename;
    bool readonly;
    uint64_t size;
};

BlockBackend *blk_open(const char *filename, bool readonly, GError **errp)
{
    BlockBackend *blk;
    struct stat st;
    int fd;

    fd = open(filename, (readonly ? O_RDONLY : O_RDWR) | O_CLOEXEC);
    if (fd < 0) {
        error_setg_errno(errp, errno, "could not open disk image '%s'",
                         filename);
        return NULL;
    }
    /* Two writers on one image corrupt it: refuse a second one. */
    if (flock(fd, (readonly ? LOCK_SH : LOCK_EX) | LOCK_NB) < 0 &&
        errno == EWOULDBLOCK) {
        error_setg(errp, "disk image '%s' is in use by another process",
                   filename);
        close(fd);
        return NULL;
    }
    if (fstat(fd, &st) < 0) {
        error_setg_errno(errp, errno, "could not stat disk image '%s'",
                         filename);
        close(fd);
        return NULL;
    }
    if (S_ISBLK(st.st_mode)) {
        off_t end = lseek(fd, 0, SEEK_END);

        st.st_size = end < 0 ? 0 : end;
    } else if (!S_ISREG(st.st_mode)) {
        error_setg(errp, "disk image '%s' is not a file or a block device",
                   filename);
        close(fd);
        return NULL;
    }
    blk = g_new0(BlockBackend, 1);
    blk->fd = fd;
    blk->filename = g_strdup(filename);
    blk->readonly = readonly;
    blk->size = st.st_size;
    return blk;
}

BlockBackend *blk_open_drive(DriveInfo *drive, GError **errp)
{
    return blk_open(drive->file, drive->readonly, errp);
}

void blk_close(BlockBackend *blk)
{
    if (blk) {
        close(blk->fd);
        g_free(blk->filename);
        g_free(blk);
    }
}

const char *blk_filename(BlockBackend *blk)
{
    return blk->filename;
}

bool blk_is_readonly(BlockBackend *blk)
{
    return blk->readonly;
}

uint64_t blk_get_size(BlockBackend *blk)
{
    return blk->size;
}

/* Loops over short transfers: preadv/pwritev may stop early. */
static int blk_rw(BlockBackend *blk, uint64_t offset, struct iovec *iov,
                  int cnt, bool write)
{
    struct iovec local[64];
    struct iovec *v = cnt <= (int)G_N_ELEMENTS(local) ? local
                                                       : g_new(struct iovec, cnt);
    int ret = 0;

    memcpy(v, iov, cnt * sizeof(*v));
    iov = v;
    while (cnt > 0) {
        ssize_t n = write ? pwritev(blk->fd, iov, MIN(cnt, IOV_MAX), offset)
                          : preadv(blk->fd, iov, MIN(cnt, IOV_MAX), offset);

        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            ret = -errno;
            break;
        }
        if (n == 0) {
            ret = -EIO;                 /* past the end of the file */
            break;
        }
        offset += n;
        while (cnt > 0 && (size_t)n >= iov->iov_len) {
            n -= iov->iov_len;
            iov++;
            cnt--;
        }
        if (cnt > 0) {
            iov->iov_base = (uint8_t *)iov->iov_base + n;
            iov->iov_len -= n;
        }
    }
    if (v != local) {
        g_free(v);
    }
    return ret;
}

int blk_preadv(BlockBackend *blk, uint64_t offset, struct iovec *iov, int cnt)
{
    return blk_rw(blk, offset, iov, cnt, false);
}

int blk_pwritev(BlockBackend *blk, uint64_t offset, struct iovec *iov, int cnt)
{
    if (blk->readonly) {
        return -EROFS;
    }
    return blk_rw(blk, offset, iov, cnt, true);
}

int blk_flush(BlockBackend *blk)
{
    if (blk->readonly) {
        return 0;
    }
    return fdatasync(blk->fd) < 0 ? -errno : 0;
}

int blk_discard(BlockBackend *blk, uint64_t offset, uint64_t len)
{
    if (blk->readonly) {
        return -EROFS;
    }
    if (fallocate(blk->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                  offset, len) < 0 && errno != EOPNOTSUPP && errno != ENOSYS) {
        return -errno;
    }
    return 0;
}

int blk_write_zeroes(BlockBackend *blk, uint64_t offset, uint64_t len,
                     bool may_unmap)
{
    static const uint8_t zeros[64 * 1024];

    if (blk->readonly) {
        return -EROFS;
    }
    if (may_unmap &&
        fallocate(blk->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                  offset, len) == 0) {
        return 0;
    }
    if (fallocate(blk->fd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE,
                  offset, len) == 0) {
        return 0;
    }
    while (len) {
        struct iovec iov = { (void *)zeros, MIN(len, sizeof(zeros)) };
        int ret = blk_rw(blk, offset, &iov, 1, true);

        if (ret < 0) {
            return ret;
        }
        offset += iov.iov_len;
        len -= iov.iov_len;
    }
    return 0;
}

/* ---- The "drive" property kind ------------------------------------------ */

static DriveInfo **prop_drive_field(Object *obj, const Property *prop)
{
    return (DriveInfo **)((char *)obj + prop->offset);
}

static bool prop_drive_set(Object *obj, const Property *prop,
                           const char *value, GError **errp)
{
    DriveInfo **field = prop_drive_field(obj, prop);
    DriveInfo *d;

    if (!value || !*value) {
        if (*field) {
            (*field)->claimed = false;
        }
        *field = NULL;
        return true;
    }
    d = drive_find_by_id(value);
    if (!d) {
        error_setg(errp, "no drive with id '%s' (see -drive ...,id=)", value);
        return false;
    }
    if (d == *field) {
        return true;
    }
    if (d->claimed) {
        error_setg(errp, "drive '%s' is already in use by another device "
                   "(use if=none for a drive given to -device)", value);
        return false;
    }
    if (*field) {
        (*field)->claimed = false;
    }
    d->claimed = true;
    *field = d;
    return true;
}

static char *prop_drive_get(Object *obj, const Property *prop)
{
    DriveInfo *d = *prop_drive_field(obj, prop);

    return g_strdup(d ? d->id : "");
}

static void prop_drive_set_default(Object *obj, const Property *prop)
{
    *prop_drive_field(obj, prop) = NULL;
}

static void prop_drive_release(Object *obj, const Property *prop)
{
    DriveInfo **field = prop_drive_field(obj, prop);

    if (*field) {
        (*field)->claimed = false;
        *field = NULL;
    }
}

const PropertyInfo prop_info_drive = {
    .type_name = "drive",
    .set = prop_drive_set,
    .get = prop_drive_get,
    .set_default = prop_drive_set_default,
    .release = prop_drive_release,
};
