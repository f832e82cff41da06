/*
 * error.h — how Turtle reports problems.
 *
 * Functions that can fail take a `GError **errp` as their last argument, set it
 * with error_setg() and return false/NULL/-1. At the top (main, the monitor) an
 * error becomes exactly one line: "turtle-system-aarch64: <message>".
 *
 * abort()/assert() are reserved for emulator bugs; nothing a guest or a user
 * does may reach them (see docs/architecture.md, "Bad input").
 */
#ifndef TURTLE_UTIL_ERROR_H
#define TURTLE_UTIL_ERROR_H

#include "util/osdep.h"

#define TURTLE_ERROR turtle_error_quark()
GQuark turtle_error_quark(void);

/* Error codes in the TURTLE_ERROR domain; most callers only need GENERIC. */
enum {
    TURTLE_ERROR_GENERIC,
    TURTLE_ERROR_NOT_FOUND,
    TURTLE_ERROR_INVALID,
};

/* Sets *errp (if errp is not NULL) to a new TURTLE_ERROR_GENERIC error. */
void error_setg(GError **errp, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* As error_setg, with ": strerror(os_errno)" appended. */
void error_setg_errno(GError **errp, int os_errno, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
/* Prepends "prefix" to an already set error's message. */
void error_prepend(GError **errp, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* The program name used as the prefix of every error line. */
void error_set_progname(const char *argv0);
const char *error_get_progname(void);

/* Prints "progname: message\n" to stderr. */
void error_report(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* Prints "progname: warning: message\n" to stderr. */
void warn_report(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* Reports err (one line) and frees it. */
void error_report_err(GError *err);
/* Reports err and exits with status 1: the path for user mistakes. */
G_NORETURN void error_exit_err(GError *err);
G_NORETURN void error_exit(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

#endif
