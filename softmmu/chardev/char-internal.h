/*
 * char-internal.h — what the chardev core (char.c) shares with the backend
 * files: the Chardev struct, the backend class table, and the fd helpers of
 * char-fd.c. Nothing outside softmmu/chardev/ includes this.
 *
 * A backend is a ChardevClass: a name, the option keys it accepts, and
 * open/write/describe/close hooks. Its state struct starts with a Chardev
 * (instance_size bytes are allocated), like an object subclass.
 */
#ifndef TURTLE_CHARDEV_CHAR_INTERNAL_H
#define TURTLE_CHARDEV_CHAR_INTERNAL_H

#include "util/osdep.h"
#include "util/error.h"
#include "util/opts.h"
#include "chardev/char.h"

typedef struct ChardevClass {
    const char *name;                   /* "socket", as in -chardev socket */
    size_t instance_size;               /* of the struct starting with Chardev */
    const char *const *keys;            /* accepted keys besides id and mux */
    /* Sets the backend up from its options. On failure it releases what it
     * took (close is not called) and sets errp without the "chardev 'ID': "
     * prefix, which the core adds. */
    bool (*open)(Chardev *chr, const Opts *opts, GError **errp);
    /* Writes all of buf or drops it; len, or -1 on a hard error. */
    int (*write)(Chardev *chr, const uint8_t *buf, int len);
    /* Optional: the frontend takes input again (the core already wakes the
     * main loop, whose next poll re-asks can_read). */
    void (*accept_input)(Chardev *chr);
    char *(*describe)(Chardev *chr);
    void (*close)(Chardev *chr);        /* optional */
    /* Optional, for the mux: replaces the core's single-frontend attach. */
    bool (*attach)(Chardev *chr, const CharFrontendOps *ops, void *opaque,
                   GError **errp);
    void (*detach)(Chardev *chr);
    bool (*is_connected)(Chardev *chr); /* optional: else chr->connected */
} ChardevClass;

struct Chardev {
    const ChardevClass *cls;
    char *id;
    const CharFrontendOps *fe_ops;      /* the frontend, or NULL */
    void *fe_opaque;
    bool connected;                     /* a peer is there (see OPENED) */
    bool write_stalled;                 /* output dropped until it drains */
    bool is_mux;
};

/* Backend classes (one per file). */
extern const ChardevClass chardev_stdio_class;
extern const ChardevClass chardev_file_class;
extern const ChardevClass chardev_pty_class;
extern const ChardevClass chardev_null_class;
extern const ChardevClass chardev_socket_class;
extern const ChardevClass chardev_mux_class;

/* ---- Core services for backends (char.c) ------------------------------ */

/* How many bytes the frontend takes now (0 without a frontend). */
int chr_be_can_read(Chardev *chr);
/* Hands input to the frontend; len must be <= chr_be_can_read(). */
void chr_be_read(Chardev *chr, const uint8_t *buf, int len);
/* Sends an event to the frontend. OPENED/CLOSED also update
 * chr->connected (and are not repeated: OPENED twice sends one). */
void chr_be_event(Chardev *chr, ChardevEvent event);

/* Adds chr to the registry under chr->id (for backends made outside
 * chardev_create, i.e. the mux). */
void chr_register(Chardev *chr);
/* Creates a mux over base (char-mux.c); the mux gets id. */
Chardev *chr_mux_new(const char *id, Chardev *base, GError **errp);

/* ---- fd helpers (char-fd.c) ------------------------------------------- */

/*
 * A read watch on fd with flow control: the fd is polled only while the
 * frontend's can_read() is positive (re-checked at every main loop
 * iteration), so a slow frontend leaves data in the kernel rather than in
 * our memory. ready() is called with the poll condition when the fd is
 * readable or hung up; it reads at most chr_be_can_read() bytes.
 */
typedef struct ChrFdWatch ChrFdWatch;
typedef void ChrFdReady(Chardev *chr, int fd, GIOCondition cond);
ChrFdWatch *chr_fd_watch_new(Chardev *chr, int fd, ChrFdReady *ready);
void chr_fd_watch_free(ChrFdWatch *w);

typedef enum ChrWriteKind {
    CHR_WRITE_FD,           /* fd is O_NONBLOCK (ours) or a regular file */
    CHR_WRITE_SHARED_FD,    /* a shared fd (stdout): O_NONBLOCK only while writing */
    CHR_WRITE_SOCKET,       /* send(MSG_DONTWAIT | MSG_NOSIGNAL) */
} ChrWriteKind;

typedef enum ChrWriteResult {
    CHR_WRITE_OK,           /* written (or dropped after a stall, logged) */
    CHR_WRITE_PEER_GONE,    /* EPIPE/ECONNRESET/EIO: caller disconnects */
    CHR_WRITE_ERROR,        /* another error (errno set) */
} ChrWriteResult;

/*
 * Writes all of buf. When the peer does not take data, waits in poll; after
 * CHR_WRITE_STALL_MS without progress it drops the rest, reports it once, and
 * drops further output without waiting until a write succeeds again, so a
 * stuck peer costs one stall, not one per write.
 */
#define CHR_WRITE_STALL_MS 1000
ChrWriteResult chr_fd_write_all(Chardev *chr, int fd, const uint8_t *buf,
                                int len, ChrWriteKind kind);

/* Reads what is available (at most max bytes); as read(2), with EINTR
 * retried; sockets use recv(MSG_DONTWAIT). */
ssize_t chr_fd_read(int fd, uint8_t *buf, size_t max, bool is_socket);

#endif
