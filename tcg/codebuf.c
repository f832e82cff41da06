/*
 * codebuf.c — the JIT code buffer, mapped twice (rw and rx views).
 *
 * See include/tcg/codebuf.h for the model and a usage example. The errors
 * are reported in the G_FILE_ERROR domain so that libtcg does not depend on
 * util/ for them.
 */
#include "util/osdep.h"
#include "tcg/codebuf.h"

#include <assert.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

static void codebuf_set_error(GError **errp, int err, const char *what)
{
    g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(err),
                "code buffer: %s: %s", what, g_strerror(err));
}

/* An anonymous file descriptor for shared memory, or -1 with errno set. */
static int codebuf_open_anon(void)
{
    int fd;

#ifdef MFD_CLOEXEC
    fd = memfd_create("turtle-jit", MFD_CLOEXEC);
    if (fd >= 0) {
        return fd;
    }
#endif
    /* Older kernels: a POSIX shm object, unlinked at once. */
    for (int tries = 0; tries < 16; tries++) {
        char name[64];
        g_snprintf(name, sizeof(name), "/turtle-jit-%d-%u", (int)getpid(),
                   g_random_int());
        fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            shm_unlink(name);
            return fd;
        }
        if (errno != EEXIST) {
            break;
        }
    }
    return -1;
}

/*
 * Where the executable view would best go: just below the emulator's own
 * code, so that generated code reaches the helpers with a 5-byte rel32
 * call instead of a 13-byte absolute one. Only a hint: the kernel picks
 * another place if that range is taken.
 */
static void *codebuf_rx_hint(size_t size)
{
    uintptr_t text = (uintptr_t)&codebuf_rx_hint;
    uintptr_t gap = 16 * MiB;

    if (size > 1 * GiB || text < size + gap + 1 * GiB) {
        return NULL;
    }
    return (void *)ROUND_DOWN(text - size - gap, (uintptr_t)(2 * MiB));
}

bool codebuf_init(TCGCodeBuf *cb, size_t size, GError **errp)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    void *rw, *rx;
    int fd, err;

    memset(cb, 0, sizeof(*cb));
    size = ROUND_UP(size, page);
    if (size == 0) {
        size = page;
    }

    fd = codebuf_open_anon();
    if (fd < 0) {
        codebuf_set_error(errp, errno, "cannot create shared memory");
        return false;
    }
    if (ftruncate(fd, (off_t)size) != 0) {
        err = errno;
        close(fd);
        codebuf_set_error(errp, err, "cannot size shared memory");
        return false;
    }
    rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (rw == MAP_FAILED) {
        err = errno;
        close(fd);
        codebuf_set_error(errp, err, "cannot map the writable view");
        return false;
    }
    rx = mmap(codebuf_rx_hint(size), size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    if (rx == MAP_FAILED) {
        err = errno;
        munmap(rw, size);
        close(fd);
        codebuf_set_error(errp, err, "cannot map the executable view");
        return false;
    }
    /* The mappings keep the memory alive; the descriptor is not needed. */
    close(fd);

    cb->rw = rw;
    cb->rx = rx;
    cb->size = size;
    cb->rx_minus_rw = (uint8_t *)rx - (uint8_t *)rw;
    return true;
}

void codebuf_destroy(TCGCodeBuf *cb)
{
    if (cb->rw) {
        munmap(cb->rw, cb->size);
        munmap(cb->rx, cb->size);
    }
    memset(cb, 0, sizeof(*cb));
}

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/* Bytes mapped ahead of the bump pointer at a time. */
#define CODEBUF_POPULATE_STEP (2 * MiB)

/*
 * Maps the next pages of both views ahead of use with one call each, so
 * that writing the code (rw) and then running it (rx, a separate mapping
 * of the same memory) does not take two page faults per page. Pages stay
 * mapped across flushes, so this happens only the first time the buffer
 * fills up to a point. Best effort: older hosts just fault page by page.
 */
static void codebuf_populate(TCGCodeBuf *cb)
{
    size_t lo = cb->populated;
    size_t hi = MIN(cb->size, ROUND_UP(cb->used + CODEBUF_POPULATE_STEP / 2,
                                       CODEBUF_POPULATE_STEP));

    if (hi <= lo) {
        return;
    }
    if (madvise(cb->rw + lo, hi - lo, MADV_POPULATE_WRITE) != 0 ||
        madvise(cb->rx + lo, hi - lo, MADV_POPULATE_READ) != 0) {
        cb->no_populate = true;
        return;
    }
    cb->populated = hi;
}

uint8_t *codebuf_begin(TCGCodeBuf *cb, size_t *avail)
{
    if (unlikely(cb->used + CODEBUF_POPULATE_STEP / 4 > cb->populated) &&
        !cb->no_populate) {
        codebuf_populate(cb);
    }
    *avail = cb->size - cb->used;
    return cb->rw + cb->used;
}

const void *codebuf_commit(TCGCodeBuf *cb, uint8_t *rw, size_t len)
{
    const void *rx = codebuf_rw_to_rx(cb, rw);

    assert(rw == cb->rw + cb->used && len <= cb->size - cb->used);
    codebuf_sync_icache(rx, len);
    cb->used = MIN(cb->size, ROUND_UP(cb->used + len, CODEBUF_ALIGN));
    return rx;
}

void codebuf_pin(TCGCodeBuf *cb)
{
    cb->pinned = cb->used;
}

void codebuf_flush(TCGCodeBuf *cb)
{
    cb->used = cb->pinned;
    cb->flush_count++;
}

void codebuf_sync_icache(const void *rx, size_t len)
{
#if defined(__x86_64__) || defined(__i386__)
    /*
     * x86 snoops instruction fetch against stores, including stores made
     * through another virtual alias of the same physical page (Intel SDM
     * vol. 3, 8.1.3 "Handling Self- and Cross-Modifying Code"). The jump to
     * the new code serializes enough; keep the compiler from sinking the
     * stores past it.
     */
    (void)rx;
    (void)len;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
#else
    /*
     * Split caches: clean through the rw alias is not enough in general,
     * but the builtin invalidates by virtual address on the rx view, which
     * is the one that will be fetched.
     */
    __builtin___clear_cache((char *)rx, (char *)rx + len);
#endif
}
