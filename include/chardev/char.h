/*
 * char.h — character backends: where a serial port, a monitor or a
 * virtio-console sends and receives bytes.
 *
 * Backends: stdio (raw terminal), file, pty, null, socket (TCP or Unix,
 * client or server, wait/nowait), and mux (several frontends on one backend,
 * switched with Ctrl-A c, as "mon:stdio" and -nographic use).
 * A backend has at most one frontend (a mux gives each frontend its own
 * virtual backend). Input arrives from the main loop: the backend asks
 * can_read() how many bytes the frontend takes now and calls read() with at
 * most that many.
 *
 * Specs accepted (-chardev, -serial, -monitor, -qmp):
 *   -chardev stdio,id=c0[,signal=off]    -serial stdio
 *   -chardev file,id=c0,path=out.txt     -serial file:out.txt
 *   -chardev pty,id=c0                   -serial pty
 *   -chardev null,id=c0                  -serial null / none
 *   -chardev socket,id=c0,host=127.0.0.1,port=4444,server=on,wait=off
 *   -chardev socket,id=c0,path=/tmp/s,server=on,wait=off
 *                                        -serial tcp::4444,server,nowait
 *                                        -serial unix:/tmp/s,server,nowait
 *   -serial mon:stdio                    (mux of the serial port and the monitor)
 *   -chardev stdio,id=c0,mux=on[,signal=off]   (mux "c0" over backend "c0-base")
 * Sockets also take nodelay=on, ipv4=on / ipv6=on; a server waits for its
 * first client (wait=on) unless wait=off/nowait; port=0 picks a free port.
 * file takes append=on.
 *
 * Events: OPENED is sent at attach time if the backend is already open
 * (stdio, file, null, a connected socket or pty), else when a peer connects;
 * CLOSED when it leaves. On a mux, a frontend gets OPENED the first time it
 * has the focus while the backend is open (the first attached frontend has
 * the focus and gets MUX_IN at once), then MUX_OUT/MUX_IN as Ctrl-A c moves
 * the focus; every frontend's output is written, focused or not. With
 * "-serial mon:stdio", attach the serial port first, then start the monitor
 * on the same Chardev.
 */
#ifndef TURTLE_CHARDEV_CHAR_H
#define TURTLE_CHARDEV_CHAR_H

#include "util/osdep.h"

typedef struct Chardev Chardev;

typedef enum ChardevEvent {
    CHR_EVENT_OPENED,           /* a peer connected (or the backend is ready) */
    CHR_EVENT_CLOSED,           /* the peer went away */
    CHR_EVENT_BREAK,            /* serial break (Ctrl-A b on a mux) */
    CHR_EVENT_MUX_IN,           /* this mux frontend now has the focus */
    CHR_EVENT_MUX_OUT,          /* this mux frontend lost the focus */
} ChardevEvent;

typedef struct CharFrontendOps {
    int (*can_read)(void *opaque);                  /* bytes accepted now */
    void (*read)(void *opaque, const uint8_t *buf, int len);
    void (*event)(void *opaque, ChardevEvent event);   /* may be NULL */
} CharFrontendOps;

/* Creates a backend from "-chardev" text; it must have an id. */
Chardev *chardev_new_from_opts(const char *spec, GError **errp);
/* Creates a backend from the short forms of -serial/-monitor/-qmp
 * ("stdio", "file:PATH", "tcp:HOST:PORT,server,nowait", "unix:PATH,...",
 * "pty", "null", "none", "mon:stdio", "chardev:ID"); id may be NULL for
 * an automatic one. */
Chardev *chardev_new_from_legacy(const char *spec, const char *id,
                                 GError **errp);
Chardev *chardev_find(const char *id);
const char *chardev_get_id(Chardev *chr);
/* Short description for "info chardev", e.g. "unix:/tmp/s,server". */
char *chardev_describe(Chardev *chr);

/* Attaches a frontend (replacing none: a second attach is an error). For a
 * mux backend, each attach adds a frontend (at most 4); chardev_detach on a
 * mux detaches all of them. */
bool chardev_attach(Chardev *chr, const CharFrontendOps *ops, void *opaque,
                    GError **errp);
void chardev_detach(Chardev *chr);

/* Writes all of buf (blocking briefly if the peer is slow; dropping the
 * data if no peer is connected). Returns len, or -1 on a hard error. */
int chardev_write(Chardev *chr, const uint8_t *buf, int len);
/* Tells the backend the frontend can take more input now (safe from any
 * thread; the input comes from the next main_loop_wait, never from inside
 * this call). */
void chardev_accept_input(Chardev *chr);
bool chardev_is_connected(Chardev *chr);

/* Restores the terminal and closes every backend (at exit). */
void chardev_cleanup_all(void);
/* Closes one backend and forgets its id (its frontend must be detached). */
void chardev_delete(Chardev *chr);
/* Calls fn for each backend in creation order ("info chardev"). */
void chardev_foreach(void (*fn)(Chardev *chr, void *opaque), void *opaque);
/* Puts the terminal back as it was before stdio made it raw. Only
 * async-signal-safe calls: usable from a fatal-signal handler. */
void chardev_restore_terminal(void);
/* Registers the "chardev" property kind (PROP_CHARDEV) for devices. */
#include "hw/object.h"
extern const PropertyInfo prop_info_chardev;
#define PROP_CHARDEV(n, st, f) PROP_FIELD(n, prop_info_chardev, st, f)

#endif
