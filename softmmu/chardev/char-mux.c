/*
 * char-mux.c — the multiplexer: several frontends (a serial port and the
 * monitor, as "-serial mon:stdio" and -nographic set up) sharing one
 * backend, switched with Ctrl-A c.
 *
 * Output of every frontend goes to the backend, focused or not, so the
 * guest console is never lost while the user is in the monitor. Input goes
 * to the focused frontend only, through a per-frontend buffer: a frontend
 * that does not read (a guest with its UART receiver off) then blocks the
 * backend only once its buffer is full, and Ctrl-A sequences typed before
 * that still work.
 *
 * Escapes (Ctrl-A = 0x01, then):
 *   x    quit (a shutdown request, as the monitor's "quit")
 *   c    focus the next frontend (MUX_OUT to the old, MUX_IN to the new)
 *   h ?  print the list of escapes
 *   b    send a BREAK to the focused frontend
 *   C-a  a literal Ctrl-A
 * anything else after Ctrl-A is swallowed.
 *
 * Events: a frontend receives OPENED the first time it has the focus while
 * the backend is open (so a monitor prints its banner when the user first
 * switches to it, not over the guest's boot log), then MUX_IN/MUX_OUT as
 * focus moves; CLOSED goes to every frontend that was opened.
 */
#include "char-internal.h"
#include "util/main-loop.h"
#include "sysemu/runstate.h"

/* The run state is part of the emulator binary, not of this library: unit
 * tests and tools that link chardevs without it still link (and Ctrl-A x
 * then just exits). */
#pragma weak system_shutdown_request

#define MUX_MAX_FRONTENDS 4
#define MUX_BUFFER_SIZE 4096
#define MUX_ESCAPE 0x01            /* Ctrl-A */

typedef struct MuxFrontend {
    const CharFrontendOps *ops;
    void *opaque;
    bool opened;                    /* has received OPENED */
    uint8_t buf[MUX_BUFFER_SIZE];   /* input not yet taken */
    int len;
} MuxFrontend;

typedef struct MuxChardev {
    Chardev parent;
    Chardev *base;
    MuxFrontend fe[MUX_MAX_FRONTENDS];
    int nfe;
    int focus;
    bool got_escape;
    BottomHalf *flush_bh;
} MuxChardev;

static const char mux_help[] =
    "\r\n"
    "C-a h    print this help\r\n"
    "C-a x    exit the emulator\r\n"
    "C-a b    send a break\r\n"
    "C-a c    switch between console and monitor\r\n"
    "C-a C-a  send C-a\r\n";

static void mux_send_event(MuxFrontend *fe, ChardevEvent event)
{
    if (fe->ops && fe->ops->event) {
        fe->ops->event(fe->opaque, event);
    }
}

/* Hands buffered input to fe while it takes it. */
static void mux_flush(MuxFrontend *fe)
{
    while (fe->len > 0 && fe->ops) {
        int n = fe->ops->can_read ? fe->ops->can_read(fe->opaque) : fe->len;
        uint8_t chunk[MUX_BUFFER_SIZE];

        if (n <= 0) {
            break;
        }
        n = MIN(n, fe->len);
        /* Copy out first: read() may make us buffer more. */
        memcpy(chunk, fe->buf, n);
        memmove(fe->buf, fe->buf + n, fe->len - n);
        fe->len -= n;
        if (fe->ops->read) {
            fe->ops->read(fe->opaque, chunk, n);
        }
    }
}

/* The focused frontend gets OPENED once, when the backend is open. */
static void mux_open_focused(MuxChardev *m)
{
    MuxFrontend *fe = &m->fe[m->focus];

    if (m->nfe && !fe->opened && chardev_is_connected(m->base)) {
        fe->opened = true;
        mux_send_event(fe, CHR_EVENT_OPENED);
    }
}

static void mux_set_focus(MuxChardev *m, int focus)
{
    if (m->nfe == 0) {
        return;
    }
    mux_send_event(&m->fe[m->focus], CHR_EVENT_MUX_OUT);
    m->focus = focus;
    mux_open_focused(m);
    mux_send_event(&m->fe[m->focus], CHR_EVENT_MUX_IN);
    mux_flush(&m->fe[m->focus]);
}

static void mux_quit(MuxChardev *m)
{
    g_autofree char *msg = g_strdup_printf("\r\n%s: terminating on Ctrl-A x\r\n",
                                           error_get_progname());

    chardev_write(m->base, (const uint8_t *)msg, strlen(msg));
    if (system_shutdown_request) {
        system_shutdown_request(SHUTDOWN_CAUSE_HOST_UI);
    } else {
        chardev_cleanup_all();
        exit(0);
    }
}

/* Returns true if ch is input for the focused frontend. */
static bool mux_escape(MuxChardev *m, uint8_t ch)
{
    if (!m->got_escape) {
        if (ch == MUX_ESCAPE) {
            m->got_escape = true;
            return false;
        }
        return true;
    }
    m->got_escape = false;
    switch (ch) {
    case MUX_ESCAPE:
        return true;
    case 'x':
        mux_quit(m);
        break;
    case 'c':
        mux_set_focus(m, (m->focus + 1) % MAX(m->nfe, 1));
        break;
    case 'h':
    case '?':
        chardev_write(m->base, (const uint8_t *)mux_help, sizeof(mux_help) - 1);
        break;
    case 'b':
        if (m->nfe) {
            mux_send_event(&m->fe[m->focus], CHR_EVENT_BREAK);
        }
        break;
    default:
        break;
    }
    return false;
}

/* ---- The mux as the frontend of its base ------------------------------ */

static int mux_base_can_read(void *opaque)
{
    MuxChardev *m = opaque;

    if (m->nfe == 0) {
        return 0;
    }
    return MUX_BUFFER_SIZE - m->fe[m->focus].len;
}

static void mux_base_read(void *opaque, const uint8_t *buf, int len)
{
    MuxChardev *m = opaque;

    for (int i = 0; i < len; i++) {
        if (mux_escape(m, buf[i]) && m->nfe) {
            MuxFrontend *fe = &m->fe[m->focus];

            /* Full only if focus moved to a fuller buffer in this chunk. */
            if (fe->len < MUX_BUFFER_SIZE) {
                fe->buf[fe->len++] = buf[i];
            }
        }
    }
    if (m->nfe) {
        mux_flush(&m->fe[m->focus]);
    }
}

static void mux_base_event(void *opaque, ChardevEvent event)
{
    MuxChardev *m = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
        mux_open_focused(m);
        break;
    case CHR_EVENT_CLOSED:
        for (int i = 0; i < m->nfe; i++) {
            if (m->fe[i].opened) {
                m->fe[i].opened = false;
                mux_send_event(&m->fe[i], CHR_EVENT_CLOSED);
            }
        }
        break;
    default:
        if (m->nfe) {
            mux_send_event(&m->fe[m->focus], event);
        }
        break;
    }
}

static const CharFrontendOps mux_base_ops = {
    .can_read = mux_base_can_read,
    .read = mux_base_read,
    .event = mux_base_event,
};

/* ---- The mux as a backend --------------------------------------------- */

static void mux_flush_bh(void *opaque)
{
    MuxChardev *m = opaque;

    if (m->nfe) {
        mux_flush(&m->fe[m->focus]);
    }
    chardev_accept_input(m->base);
}

static bool mux_attach(Chardev *chr, const CharFrontendOps *ops, void *opaque,
                       GError **errp)
{
    MuxChardev *m = (MuxChardev *)chr;
    MuxFrontend *fe;

    if (m->nfe == MUX_MAX_FRONTENDS) {
        error_setg(errp, "chardev '%s': a mux takes at most %d frontends",
                   chr->id, MUX_MAX_FRONTENDS);
        return false;
    }
    fe = &m->fe[m->nfe++];
    memset(fe, 0, sizeof(*fe));
    fe->ops = ops;
    fe->opaque = opaque;
    if (m->nfe == 1) {
        m->focus = 0;
        mux_open_focused(m);
        mux_send_event(fe, CHR_EVENT_MUX_IN);
    }
    main_loop_notify();
    return true;
}

/* Detaches every frontend (they share this Chardev). */
static void mux_detach(Chardev *chr)
{
    MuxChardev *m = (MuxChardev *)chr;

    m->nfe = 0;
    m->focus = 0;
    m->got_escape = false;
}

static int mux_write(Chardev *chr, const uint8_t *buf, int len)
{
    return chardev_write(((MuxChardev *)chr)->base, buf, len);
}

static void mux_accept_input(Chardev *chr)
{
    /* Deferred: the frontend calls this from inside its own code (a UART
     * register read), which must not be re-entered through read(). */
    bh_schedule(((MuxChardev *)chr)->flush_bh);
}

static bool mux_is_connected(Chardev *chr)
{
    return chardev_is_connected(((MuxChardev *)chr)->base);
}

static char *mux_describe(Chardev *chr)
{
    g_autofree char *base = chardev_describe(((MuxChardev *)chr)->base);

    return g_strdup_printf("mux:%s", base);
}

static void mux_close(Chardev *chr)
{
    MuxChardev *m = (MuxChardev *)chr;

    chardev_detach(m->base);
    bh_delete(m->flush_bh);
}

static bool mux_open(Chardev *chr, const Opts *opts, GError **errp)
{
    error_setg(errp, "a mux is created with mux=on or mon:");
    return false;
}

const ChardevClass chardev_mux_class = {
    .name = "mux",
    .instance_size = sizeof(MuxChardev),
    .open = mux_open,
    .write = mux_write,
    .accept_input = mux_accept_input,
    .describe = mux_describe,
    .close = mux_close,
    .attach = mux_attach,
    .detach = mux_detach,
    .is_connected = mux_is_connected,
};

Chardev *chr_mux_new(const char *id, Chardev *base, GError **errp)
{
    MuxChardev *m;

    if (chardev_find(id)) {
        error_setg(errp, "chardev '%s': id already in use", id);
        return NULL;
    }
    m = g_new0(MuxChardev, 1);
    m->parent.cls = &chardev_mux_class;
    m->parent.id = g_strdup(id);
    m->parent.is_mux = true;
    m->base = base;
    m->flush_bh = bh_new(mux_flush_bh, m);
    if (!chardev_attach(base, &mux_base_ops, m, errp)) {
        bh_delete(m->flush_bh);
        g_free(m->parent.id);
        g_free(m);
        return NULL;
    }
    chr_register(&m->parent);
    return &m->parent;
}
