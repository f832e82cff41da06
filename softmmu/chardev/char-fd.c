/*
 * char-fd.c — reading and writing file descriptors for the chardev backends:
 * a flow-controlled read watch (a small GSource) and a write routine that
 * never lets a slow or dead peer hang the emulator.
 *
 * Flow control: the watch's prepare() asks the frontend's can_read() at each
 * main loop iteration and adds the fd to the poll set only when it is
 * positive. Removing the fd (instead of polling it for no events) matters:
 * poll() reports a hang-up even for an empty event mask, which would spin.
 */
#include "char-internal.h"
#include "util/main-loop.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>

struct ChrFdWatch {
    GSource source;
    Chardev *chr;
    int fd;
    gpointer tag;               /* poll record while polled, else NULL */
    ChrFdReady *ready;
};

static gboolean chr_fd_watch_prepare(GSource *source, gint *timeout)
{
    ChrFdWatch *w = (ChrFdWatch *)source;
    bool want = chr_be_can_read(w->chr) > 0;

    if (want && !w->tag) {
        w->tag = g_source_add_unix_fd(source, w->fd,
                                      G_IO_IN | G_IO_HUP | G_IO_ERR);
    } else if (!want && w->tag) {
        g_source_remove_unix_fd(source, w->tag);
        w->tag = NULL;
    }
    *timeout = -1;
    return FALSE;
}

static gboolean chr_fd_watch_check(GSource *source)
{
    ChrFdWatch *w = (ChrFdWatch *)source;

    return w->tag && g_source_query_unix_fd(source, w->tag) != 0;
}

static gboolean chr_fd_watch_dispatch(GSource *source, GSourceFunc cb,
                                      gpointer data)
{
    ChrFdWatch *w = (ChrFdWatch *)source;
    GIOCondition cond = w->tag ? g_source_query_unix_fd(source, w->tag) : 0;

    if (cond) {
        w->ready(w->chr, w->fd, cond);
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs chr_fd_watch_funcs = {
    .prepare = chr_fd_watch_prepare,
    .check = chr_fd_watch_check,
    .dispatch = chr_fd_watch_dispatch,
};

ChrFdWatch *chr_fd_watch_new(Chardev *chr, int fd, ChrFdReady *ready)
{
    GSource *source = g_source_new(&chr_fd_watch_funcs, sizeof(ChrFdWatch));
    ChrFdWatch *w = (ChrFdWatch *)source;

    w->chr = chr;
    w->fd = fd;
    w->ready = ready;
    g_source_set_name(source, "chardev-read");
    g_source_attach(source, NULL);
    return w;
}

/* Safe from inside the watch's own ready() callback: glib keeps the source
 * alive until the dispatch returns. */
void chr_fd_watch_free(ChrFdWatch *w)
{
    if (w) {
        g_source_destroy(&w->source);
        g_source_unref(&w->source);
    }
}

ssize_t chr_fd_read(int fd, uint8_t *buf, size_t max, bool is_socket)
{
    ssize_t r;

    do {
        r = is_socket ? recv(fd, buf, max, MSG_DONTWAIT) : read(fd, buf, max);
    } while (r < 0 && errno == EINTR);
    return r;
}

static ssize_t chr_fd_write_once(int fd, const uint8_t *buf, size_t len,
                                 ChrWriteKind kind)
{
    ssize_t r;

    do {
        if (kind == CHR_WRITE_SOCKET) {
            r = send(fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL);
        } else if (kind == CHR_WRITE_SHARED_FD) {
            /* stdout's file description is shared with the shell and with
             * stderr: leave it non-blocking only for this one write. */
            int fl = fcntl(fd, F_GETFL);
            int saved;

            if (fl >= 0 && !(fl & O_NONBLOCK)) {
                fcntl(fd, F_SETFL, fl | O_NONBLOCK);
            }
            r = write(fd, buf, len);
            saved = errno;
            if (fl >= 0 && !(fl & O_NONBLOCK)) {
                fcntl(fd, F_SETFL, fl);
            }
            errno = saved;
        } else {
            r = write(fd, buf, len);
        }
    } while (r < 0 && errno == EINTR);
    return r;
}

static int64_t chr_now_ms(void)
{
    return g_get_monotonic_time() / 1000;
}

ChrWriteResult chr_fd_write_all(Chardev *chr, int fd, const uint8_t *buf,
                                int len, ChrWriteKind kind)
{
    int done = 0;
    int64_t deadline = chr_now_ms() + CHR_WRITE_STALL_MS;

    while (done < len) {
        ssize_t r = chr_fd_write_once(fd, buf + done, len - done, kind);

        if (r > 0) {
            done += r;
            deadline = chr_now_ms() + CHR_WRITE_STALL_MS;
            if (chr->write_stalled) {
                chr->write_stalled = false;
                warn_report("chardev '%s': output resumed", chr->id);
            }
            continue;
        }
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            int64_t left = deadline - chr_now_ms();
            struct pollfd pfd = { .fd = fd, .events = POLLOUT };

            if (chr->write_stalled || left <= 0) {
                if (!chr->write_stalled) {
                    chr->write_stalled = true;
                    warn_report("chardev '%s': output blocked for %d ms, "
                                "dropping output until it drains",
                                chr->id, CHR_WRITE_STALL_MS);
                }
                return CHR_WRITE_OK;
            }
            if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR) {
                return CHR_WRITE_ERROR;
            }
            if (pfd.revents & (POLLHUP | POLLERR)) {
                /* Let the next write report the precise error. */
                deadline = chr_now_ms();
            }
            continue;
        }
        if (r < 0 && (errno == EPIPE || errno == ECONNRESET || errno == EIO ||
                      errno == ENOTCONN)) {
            return CHR_WRITE_PEER_GONE;
        }
        if (r == 0) {
            /* Nothing written and no error (a full disk reports ENOSPC). */
            errno = EIO;
        }
        return CHR_WRITE_ERROR;
    }
    return CHR_WRITE_OK;
}
