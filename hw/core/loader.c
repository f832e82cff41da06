/*
 * loader.c — reading image files and writing them into guest memory: raw
 * images, gzip-compressed images, initrds, and the RAM checks every loader
 * shares (see include/hw/loader.h). ELF is in loader-elf.c.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "hw/loader.h"
#include "loader-internal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

/* ---- Guest memory -------------------------------------------------------- */

/*
 * How many bytes starting at addr are RAM or ROM without a gap, walking the
 * flat view section by section; stops once limit bytes are found.
 */
static uint64_t loader_ram_room(AddressSpace *as, hwaddr addr, uint64_t limit)
{
    uint64_t room = 0;

    while (room < limit) {
        hwaddr a = addr + room;
        MemoryRegionSection sec;
        uint64_t avail;

        if (room && a == 0) {
            break;                      /* wrapped past the top of the space */
        }
        sec = address_space_lookup(as, a);
        if (!sec.mr || !memory_region_is_ram(sec.mr) || sec.size == 0 ||
            a < sec.addr || a - sec.addr >= sec.size) {
            break;
        }
        avail = sec.size - (a - sec.addr);
        if (avail >= limit - room) {
            return limit;
        }
        room += avail;
    }
    return room;
}

bool loader_check_ram(AddressSpace *as, hwaddr addr, uint64_t size,
                      const char *what, GError **errp)
{
    if (size == 0) {
        return true;
    }
    if (addr + size - 1 < addr ||
        loader_ram_room(as, addr, size) < size) {
        error_setg(errp, "%s at 0x%" HWADDR_PRIx " (%" PRIu64
                   " bytes) does not fit in guest RAM", what, addr, size);
        return false;
    }
    return true;
}

/* Writes data (or zeros if data is NULL) after a successful check. */
static bool loader_write(AddressSpace *as, hwaddr addr, const void *data,
                  uint64_t size, const char *what, GError **errp)
{
    static const uint8_t zeros[64 * KiB];
    uint64_t done = 0;

    /* Chunks keep each write well inside size_t on any host and let the
     * zero fill use one small static buffer. */
    while (done < size) {
        size_t chunk = MIN(size - done, (uint64_t)sizeof(zeros));
        const void *src = data ? (const uint8_t *)data + done : zeros;

        if (address_space_write_rom(as, addr + done, src, chunk) != MEMTX_OK) {
            error_setg(errp, "%s at 0x%" HWADDR_PRIx " (%" PRIu64
                       " bytes) does not fit in guest RAM", what, addr, size);
            return false;
        }
        done += chunk;
    }
    return true;
}

bool load_blob(AddressSpace *as, hwaddr addr, const void *data, uint64_t size,
               const char *what, GError **errp)
{
    return loader_check_ram(as, addr, size, what, errp) &&
           loader_write(as, addr, data, size, what, errp);
}

/* ---- Files ------------------------------------------------------------- */

/* Opens a regular file and returns its descriptor and size; -1 on error. */
static int loader_open(const char *path, uint64_t *size, GError **errp)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        error_setg(errp, "%s", g_strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) < 0) {
        error_setg(errp, "%s", g_strerror(errno));
        close(fd);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        error_setg(errp, "is a directory");
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        error_setg(errp, "not a regular file");
        close(fd);
        return -1;
    }
    *size = st.st_size;
    return fd;
}

/* Reads exactly size bytes; a file that shrank meanwhile is an error. */
static bool loader_read_fd(int fd, void *buf, uint64_t size, GError **errp)
{
    uint64_t done = 0;

    while (done < size) {
        ssize_t n = read(fd, (uint8_t *)buf + done,
                         MIN(size - done, (uint64_t)(1u << 30)));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            error_setg(errp, "read error: %s", g_strerror(errno));
            return false;
        }
        if (n == 0) {
            error_setg(errp, "file is truncated (it changed while being read)");
            return false;
        }
        done += n;
    }
    return true;
}

bool loader_read_file(const char *path, uint64_t max, GBytes **out,
                             GError **errp)
{
    uint64_t size;
    void *buf;
    int fd = loader_open(path, &size, errp);

    if (fd < 0) {
        return false;
    }
    if (size > max) {
        error_setg(errp, "file is too large (%" PRIu64 " bytes, at most %"
                   PRIu64 ")", size, max);
        close(fd);
        return false;
    }
    if (size > G_MAXSIZE || !(buf = g_try_malloc(size ? size : 1))) {
        error_setg(errp, "file is too large to read into memory (%" PRIu64
                   " bytes)", size);
        close(fd);
        return false;
    }
    if (!loader_read_fd(fd, buf, size, errp)) {
        g_free(buf);
        close(fd);
        return false;
    }
    close(fd);
    *out = g_bytes_new_take(buf, size);
    return true;
}

/* Raw images and initrds: what is loaded is the file, byte for byte. */
static bool loader_load_plain(const char *path, AddressSpace *as, hwaddr addr,
                              uint64_t max_size, uint64_t *size,
                              const char *what, GError **errp)
{
    g_autoptr(GBytes) bytes = NULL;
    uint64_t fsize;
    int fd = loader_open(path, &fsize, errp);

    if (fd < 0) {
        return false;
    }
    close(fd);
    if (fsize == 0) {
        error_setg(errp, "file is empty");
        return false;
    }
    if (fsize > max_size) {
        error_setg(errp, "file is too large (%" PRIu64 " bytes, at most %"
                   PRIu64 ")", fsize, max_size);
        return false;
    }
    /* Check the room before reading, so that a huge file meant for another
     * address is refused without reading it. */
    if (!loader_check_ram(as, addr, fsize, what, errp) ||
        !loader_read_file(path, max_size, &bytes, errp)) {
        return false;
    }
    if (!load_blob(as, addr, g_bytes_get_data(bytes, NULL),
                   g_bytes_get_size(bytes), what, errp)) {
        return false;
    }
    if (size) {
        *size = g_bytes_get_size(bytes);
    }
    return true;
}

bool load_image_raw(const char *path, AddressSpace *as, hwaddr addr,
                    uint64_t max_size, uint64_t *size, GError **errp)
{
    return loader_load_plain(path, as, addr, max_size, size, "image", errp);
}

bool load_initrd(const char *path, AddressSpace *as, hwaddr addr,
                 uint64_t max_size, uint64_t *size, GError **errp)
{
    return loader_load_plain(path, as, addr, max_size, size, "initrd", errp);
}

/* ---- gzip (RFC 1952) ------------------------------------------------------ */

bool gzip_has_magic(const void *data, size_t size)
{
    const uint8_t *p = data;

    return size >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

bool gunzip_buffer(const void *data, size_t size, uint64_t max, GBytes **out,
                   GError **errp)
{
    const uint8_t *in = data;
    size_t in_pos = 0;
    /* One byte more than max is room enough to notice the output is too
     * large; never ask for more than a size_t can hold. */
    uint64_t hard_cap = max < G_MAXSIZE - 1 ? max + 1 : G_MAXSIZE - 1;
    size_t cap = MIN(hard_cap, MAX((uint64_t)size * 4, (uint64_t)(64 * KiB)));
    size_t out_len = 0;
    uint8_t *buf;
    z_stream zs = { 0 };
    int ret;

    if (!gzip_has_magic(data, size)) {
        error_setg(errp, "not a gzip file");
        return false;
    }
    buf = g_try_malloc(cap);
    if (!buf) {
        error_setg(errp, "out of memory for the decompressed image");
        return false;
    }
    /* 16 + MAX_WBITS: a gzip wrapper (header and CRC-32 trailer) only. */
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        g_free(buf);
        error_setg(errp, "cannot initialize zlib");
        return false;
    }

    for (;;) {
        if (out_len == cap) {
            size_t ncap;
            uint8_t *nbuf;

            if (cap >= hard_cap) {
                error_setg(errp, "decompressed size exceeds the limit of %"
                           PRIu64 " bytes", max);
                goto fail;
            }
            ncap = cap > hard_cap / 2 ? hard_cap : cap * 2;
            nbuf = g_try_realloc(buf, ncap);
            if (!nbuf) {
                error_setg(errp, "out of memory for the decompressed image "
                           "(%zu bytes)", ncap);
                goto fail;
            }
            buf = nbuf;
            cap = ncap;
        }
        if (zs.avail_in == 0 && in_pos < size) {
            uInt chunk = MIN(size - in_pos, (size_t)(1u << 30));

            zs.next_in = (Bytef *)in + in_pos;
            zs.avail_in = chunk;
            in_pos += chunk;
        }
        zs.next_out = buf + out_len;
        zs.avail_out = MIN(cap - out_len, (size_t)(1u << 30));
        {
            uInt before = zs.avail_out;

            ret = inflate(&zs, Z_NO_FLUSH);
            out_len += before - zs.avail_out;
        }

        if (ret == Z_STREAM_END) {
            /* Concatenated members form one file (RFC 1952, 2.2); anything
             * else after a member (padding, a signature) is ignored. */
            size_t pos = in_pos - zs.avail_in;

            if (size - pos >= 2 && gzip_has_magic(in + pos, 2)) {
                inflateReset(&zs);
                zs.next_in = (Bytef *)in + pos;
                continue;
            }
            break;
        }
        if (ret == Z_OK) {
            continue;
        }
        if (ret == Z_BUF_ERROR) {
            if (zs.avail_in == 0 && in_pos == size) {
                error_setg(errp, "gzip data is truncated");
                goto fail;
            }
            if (zs.avail_in == 0 || zs.avail_out == 0) {
                continue;               /* refilled or grown at the top */
            }
            /* No progress with input and room for output: zlib should
             * never say so, but a loop must not depend on that. */
            error_setg(errp, "corrupt gzip data (no progress)");
            goto fail;
        }
        if (ret == Z_MEM_ERROR) {
            error_setg(errp, "out of memory while decompressing");
        } else {
            error_setg(errp, "corrupt gzip data (%s)",
                       zs.msg ? zs.msg : "invalid stream");
        }
        goto fail;
    }

    if (out_len > max) {
        /* The stream ended right in the one byte of slack. */
        error_setg(errp, "decompressed size exceeds the limit of %" PRIu64
                   " bytes", max);
        goto fail;
    }
    inflateEnd(&zs);
    *out = g_bytes_new_take(g_realloc(buf, out_len ? out_len : 1), out_len);
    return true;

fail:
    inflateEnd(&zs);
    g_free(buf);
    return false;
}

/*
 * How large a compressed file may be for a decompressed limit of max:
 * deflate's worst-case growth is 5 bytes per 16 KiB stored block plus the
 * gzip header and trailer, so this is never the limit that bites first for
 * a valid image.
 */
static uint64_t gzip_input_limit(uint64_t max)
{
    uint64_t slack = max / 1024 + 64 * KiB;

    return max > UINT64_MAX - slack ? UINT64_MAX : max + slack;
}

bool load_file_maybe_gzip(const char *path, uint64_t max, GBytes **out,
                          GError **errp)
{
    g_autoptr(GBytes) raw = NULL;
    gsize size;
    const void *data;

    if (!loader_read_file(path, gzip_input_limit(max), &raw, errp)) {
        return false;
    }
    data = g_bytes_get_data(raw, &size);
    if (gzip_has_magic(data, size)) {
        return gunzip_buffer(data, size, max, out, errp);
    }
    if (size > max) {
        error_setg(errp, "file is too large (%zu bytes, at most %" PRIu64 ")",
                   (size_t)size, max);
        return false;
    }
    *out = g_steal_pointer(&raw);
    return true;
}

bool load_image_gzip(const char *path, AddressSpace *as, hwaddr addr,
                     uint64_t max_size, uint64_t *size, GError **errp)
{
    g_autoptr(GBytes) bytes = NULL;
    gsize len;
    const void *data;

    if (!load_file_maybe_gzip(path, max_size, &bytes, errp)) {
        return false;
    }
    data = g_bytes_get_data(bytes, &len);
    if (len == 0) {
        error_setg(errp, "file is empty");
        return false;
    }
    if (!load_blob(as, addr, data, len, "image", errp)) {
        return false;
    }
    if (size) {
        *size = len;
    }
    return true;
}
