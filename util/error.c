/*
 * error.c — one-line error reporting on top of GError (see util/error.h).
 */
#include "util/osdep.h"
#include "util/error.h"

static const char *error_progname = "turtle";

G_DEFINE_QUARK(turtle-error-quark, turtle_error)

void error_set_progname(const char *argv0)
{
    const char *slash = strrchr(argv0, '/');
    error_progname = slash ? slash + 1 : argv0;
}

const char *error_get_progname(void)
{
    return error_progname;
}

void error_setg(GError **errp, const char *fmt, ...)
{
    va_list ap;

    if (!errp) {
        return;
    }
    g_assert(*errp == NULL);
    va_start(ap, fmt);
    *errp = g_error_new_valist(TURTLE_ERROR, TURTLE_ERROR_GENERIC, fmt, ap);
    va_end(ap);
}

void error_setg_errno(GError **errp, int os_errno, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    if (!errp) {
        return;
    }
    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    error_setg(errp, "%s: %s", msg, g_strerror(os_errno));
}

void error_prepend(GError **errp, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *prefix = NULL;
    char *msg;

    if (!errp || !*errp) {
        return;
    }
    va_start(ap, fmt);
    prefix = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    msg = g_strconcat(prefix, (*errp)->message, NULL);
    g_free((*errp)->message);
    (*errp)->message = msg;
}

static void error_vreport(const char *kind, const char *fmt, va_list ap)
{
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);

    /* One write of the whole line keeps it intact next to other output. */
    fprintf(stderr, "%s: %s%s\n", error_progname, kind, msg);
}

void error_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_vreport("", fmt, ap);
    va_end(ap);
}

void warn_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_vreport("warning: ", fmt, ap);
    va_end(ap);
}

void error_report_err(GError *err)
{
    error_report("%s", err->message);
    g_error_free(err);
}

void error_exit_err(GError *err)
{
    error_report_err(err);
    exit(1);
}

void error_exit(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_vreport("", fmt, ap);
    va_end(ap);
    exit(1);
}
