/*
 * char-stdio.c — the "stdio" backend: input from fd 0, output to fd 1.
 *
 * When stdin is a terminal it is put in raw mode (no line editing, no echo,
 * no CR/NL translation, no XON/XOFF) so that every key reaches the guest or
 * the monitor; output post-processing stays on so our own "\n" messages on
 * stderr still start at column 0. Ctrl-C still raises SIGINT unless
 * signal=off (then it goes to the guest, as -nographic users expect).
 * The terminal is restored at exit (atexit and chardev_cleanup_all, which
 * main calls on SIGINT/SIGTERM), or from a signal handler through
 * chardev_restore_terminal().
 *
 * stdin that is not a terminal (a pipe in CI, /dev/null) is read as bytes
 * arrive; end of file just stops the reading, output goes on.
 */
#include "char-internal.h"

#include <termios.h>
#include <unistd.h>
#include <sys/stat.h>

typedef struct StdioChardev {
    Chardev parent;
    ChrFdWatch *watch;
    ChrWriteKind out_kind;
} StdioChardev;

static StdioChardev *stdio_instance;    /* fd 0/1 can be owned only once */
static struct termios stdio_saved_tty;
static volatile sig_atomic_t stdio_tty_saved;

void chardev_restore_terminal(void)
{
    if (stdio_tty_saved) {
        tcsetattr(STDIN_FILENO, TCSANOW, &stdio_saved_tty);
    }
}

static void stdio_atexit(void)
{
    chardev_restore_terminal();
}

static void stdio_make_raw(bool allow_signals)
{
    static bool atexit_done;
    struct termios tty;

    if (tcgetattr(STDIN_FILENO, &stdio_saved_tty) < 0) {
        return;
    }
    stdio_tty_saved = 1;
    if (!atexit_done) {
        atexit_done = true;
        atexit(stdio_atexit);
    }
    tty = stdio_saved_tty;
    tty.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
                     ICRNL | IXON);
    tty.c_oflag |= OPOST;
    tty.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
    if (!allow_signals) {
        tty.c_lflag &= ~ISIG;
    }
    tty.c_cflag &= ~(CSIZE | PARENB);
    tty.c_cflag |= CS8;
    tty.c_cc[VMIN] = 1;
    tty.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSANOW, &tty);
}

static void stdio_ready(Chardev *chr, int fd, GIOCondition cond)
{
    StdioChardev *s = (StdioChardev *)chr;
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
        /* End of input (or a dead terminal): stop reading, keep writing. */
        chr_fd_watch_free(s->watch);
        s->watch = NULL;
    }
}

static bool stdio_open(Chardev *chr, const Opts *opts, GError **errp)
{
    StdioChardev *s = (StdioChardev *)chr;
    struct stat st;
    bool allow_signals;

    if (stdio_instance) {
        error_setg(errp, "stdio is already used by chardev '%s'",
                   stdio_instance->parent.id);
        return false;
    }
    if (!opts_get_bool(opts, "signal", true, &allow_signals, errp)) {
        return false;
    }
    if (isatty(STDIN_FILENO)) {
        stdio_make_raw(allow_signals);
    }
    /* A regular file never blocks; anything else may. */
    s->out_kind = (fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode))
                  ? CHR_WRITE_FD : CHR_WRITE_SHARED_FD;
    s->watch = chr_fd_watch_new(chr, STDIN_FILENO, stdio_ready);
    chr->connected = true;
    stdio_instance = s;
    return true;
}

static int stdio_write(Chardev *chr, const uint8_t *buf, int len)
{
    StdioChardev *s = (StdioChardev *)chr;

    switch (chr_fd_write_all(chr, STDOUT_FILENO, buf, len, s->out_kind)) {
    case CHR_WRITE_OK:
    case CHR_WRITE_PEER_GONE:   /* stdout closed: nobody to tell */
        return len;
    default:
        return -1;
    }
}

static char *stdio_describe(Chardev *chr)
{
    return g_strdup("stdio");
}

static void stdio_close(Chardev *chr)
{
    StdioChardev *s = (StdioChardev *)chr;

    chr_fd_watch_free(s->watch);
    s->watch = NULL;
    chardev_restore_terminal();
    stdio_tty_saved = 0;
    if (stdio_instance == s) {
        stdio_instance = NULL;
    }
}

static const char *const stdio_keys[] = { "signal", NULL };

const ChardevClass chardev_stdio_class = {
    .name = "stdio",
    .instance_size = sizeof(StdioChardev),
    .keys = stdio_keys,
    .open = stdio_open,
    .write = stdio_write,
    .describe = stdio_describe,
    .close = stdio_close,
};
