/*
 * char-pty.c — the "pty" backend: a pseudo-terminal whose slave side
 * (/dev/pts/N) a user opens with screen, minicom or picocom.
 *
 * Whether someone has the slave open is read from the master: poll()
 * reports POLLHUP while no slave is open (after one was opened once, which
 * is why open() briefly opens it to set raw mode). While nobody is there
 * the master is not read (it would fail with EIO), output is dropped rather
 * than piling up in the kernel, and a 1 s timer looks for a new user.
 * OPENED/CLOSED events follow.
 */
#include "char-internal.h"
#include "util/timer.h"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#define PTY_POLL_NS (1000 * 1000 * 1000LL)

typedef struct PtyChardev {
    Chardev parent;
    int fd;                     /* master, O_NONBLOCK */
    char *path;                 /* slave, /dev/pts/N */
    ChrFdWatch *watch;          /* while connected */
    Timer *poll_timer;          /* while disconnected */
} PtyChardev;

static void pty_ready(Chardev *chr, int fd, GIOCondition cond);

/* Compares the slave's presence with our state; emits OPENED/CLOSED. */
static void pty_update(PtyChardev *s)
{
    Chardev *chr = &s->parent;
    struct pollfd pfd = { .fd = s->fd, .events = 0 };
    bool present;

    if (poll(&pfd, 1, 0) < 0) {
        return;
    }
    present = !(pfd.revents & POLLHUP);
    if (present && !chr->connected) {
        timer_del(s->poll_timer);
        s->watch = chr_fd_watch_new(chr, s->fd, pty_ready);
        chr_be_event(chr, CHR_EVENT_OPENED);
    } else if (!present && chr->connected) {
        chr_fd_watch_free(s->watch);
        s->watch = NULL;
        chr_be_event(chr, CHR_EVENT_CLOSED);
    }
    if (!chr->connected) {
        timer_mod(s->poll_timer, clock_get_ns(CLOCK_RT) + PTY_POLL_NS);
    }
}

static void pty_poll_timer_cb(void *opaque)
{
    pty_update(opaque);
}

static void pty_ready(Chardev *chr, int fd, GIOCondition cond)
{
    uint8_t buf[4096];
    int max = chr_be_can_read(chr);
    ssize_t r;

    if (max <= 0) {
        return;
    }
    r = chr_fd_read(fd, buf, MIN((size_t)max, sizeof(buf)), false);
    if (r > 0) {
        chr_be_read(chr, buf, r);
    } else if (r == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
        pty_update((PtyChardev *)chr);      /* EIO: the user closed it */
    }
}

static bool pty_open(Chardev *chr, const Opts *opts, GError **errp)
{
    PtyChardev *s = (PtyChardev *)chr;
    struct termios tty;
    const char *name;
    int slave;

    s->fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s->fd < 0 || grantpt(s->fd) < 0 || unlockpt(s->fd) < 0 ||
        !(name = ptsname(s->fd))) {
        error_setg_errno(errp, errno, "cannot create a pseudo-terminal");
        if (s->fd >= 0) {
            close(s->fd);
        }
        return false;
    }
    s->path = g_strdup(name);
    /* Raw mode lives in the pty, so it holds for whoever opens it later. */
    slave = open(s->path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave >= 0) {
        if (tcgetattr(slave, &tty) == 0) {
            cfmakeraw(&tty);
            tcsetattr(slave, TCSANOW, &tty);
        }
        close(slave);
    }
    fcntl(s->fd, F_SETFL, fcntl(s->fd, F_GETFL) | O_NONBLOCK);
    s->poll_timer = timer_new_ns(CLOCK_RT, pty_poll_timer_cb, s);
    fprintf(stderr, "char device redirected to %s (label %s)\n",
            s->path, chr->id);
    pty_update(s);
    return true;
}

static int pty_write(Chardev *chr, const uint8_t *buf, int len)
{
    PtyChardev *s = (PtyChardev *)chr;

    if (!chr->connected) {
        /* Someone may have opened it since the last check. */
        pty_update(s);
        if (!chr->connected) {
            return len;
        }
    }
    switch (chr_fd_write_all(chr, s->fd, buf, len, CHR_WRITE_FD)) {
    case CHR_WRITE_OK:
        return len;
    case CHR_WRITE_PEER_GONE:
        pty_update(s);
        return len;
    default:
        return -1;
    }
}

static char *pty_describe(Chardev *chr)
{
    return g_strdup_printf("pty:%s", ((PtyChardev *)chr)->path);
}

static void pty_close(Chardev *chr)
{
    PtyChardev *s = (PtyChardev *)chr;

    chr_fd_watch_free(s->watch);
    timer_free(s->poll_timer);
    close(s->fd);
    g_free(s->path);
}

static const char *const pty_keys[] = { NULL };

const ChardevClass chardev_pty_class = {
    .name = "pty",
    .instance_size = sizeof(PtyChardev),
    .keys = pty_keys,
    .open = pty_open,
    .write = pty_write,
    .describe = pty_describe,
    .close = pty_close,
};
