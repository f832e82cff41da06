/*
 * char-file.c — the "file" backend: output appended to (or replacing) a
 * file, no input. "-serial file:out.txt" is the usual way to capture a
 * guest console in CI.
 *
 *   -chardev file,id=c0,path=out.txt[,append=on]
 */
#include "char-internal.h"

#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

typedef struct FileChardev {
    Chardev parent;
    char *path;
    int fd;
    ChrWriteKind kind;
} FileChardev;

static bool file_open(Chardev *chr, const Opts *opts, GError **errp)
{
    FileChardev *s = (FileChardev *)chr;
    const char *path = opts_get(opts, "path");
    struct stat st;
    bool append;

    if (!path || !*path) {
        error_setg(errp, "'path' is required");
        return false;
    }
    if (!opts_get_bool(opts, "append", false, &append, errp)) {
        return false;
    }
    /* O_NONBLOCK: harmless for a file, and a FIFO path must not hang us. */
    s->fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NONBLOCK |
                 (append ? O_APPEND : O_TRUNC), 0666);
    if (s->fd < 0) {
        error_setg_errno(errp, errno, "cannot open '%s'", path);
        return false;
    }
    s->kind = CHR_WRITE_FD;
    if (fstat(s->fd, &st) == 0 && S_ISREG(st.st_mode)) {
        /* Regular files do not need the non-blocking flag. */
        fcntl(s->fd, F_SETFL, fcntl(s->fd, F_GETFL) & ~O_NONBLOCK);
    }
    s->path = g_strdup(path);
    chr->connected = true;
    return true;
}

static int file_write(Chardev *chr, const uint8_t *buf, int len)
{
    FileChardev *s = (FileChardev *)chr;

    switch (chr_fd_write_all(chr, s->fd, buf, len, s->kind)) {
    case CHR_WRITE_OK:
    case CHR_WRITE_PEER_GONE:
        return len;
    default:
        return -1;
    }
}

static char *file_describe(Chardev *chr)
{
    return g_strdup_printf("file:%s", ((FileChardev *)chr)->path);
}

static void file_close(Chardev *chr)
{
    FileChardev *s = (FileChardev *)chr;

    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
    g_free(s->path);
}

static const char *const file_keys[] = { "path", "append", NULL };

const ChardevClass chardev_file_class = {
    .name = "file",
    .instance_size = sizeof(FileChardev),
    .keys = file_keys,
    .open = file_open,
    .write = file_write,
    .describe = file_describe,
    .close = file_close,
};
