/*
 * log.h — the -d / -D logging facility.
 *
 * Each category is one bit of log_mask; hot paths test it inline with
 * log_enabled(). Output goes to stderr or to the -D file, one whole line at a
 * time, so that logs of several sources interleave cleanly.
 */
#ifndef TURTLE_UTIL_LOG_H
#define TURTLE_UTIL_LOG_H

#include "util/osdep.h"

enum {
    LOG_IN_ASM       = 1u << 0,  /* guest code of each translated block */
    LOG_OUT_ASM      = 1u << 1,  /* host code generated for each block */
    LOG_OP           = 1u << 2,  /* IR before optimization */
    LOG_OP_OPT       = 1u << 3,  /* IR after optimization */
    LOG_INT          = 1u << 4,  /* exceptions and interrupts taken */
    LOG_EXEC         = 1u << 5,  /* each block executed */
    LOG_CPU          = 1u << 6,  /* CPU state before each block */
    LOG_MMU          = 1u << 7,  /* page-table walks and faults */
    LOG_GUEST_ERROR  = 1u << 8,  /* guest did something architecturally wrong */
    LOG_UNIMP        = 1u << 9,  /* guest used an unimplemented feature */
    LOG_VMEXIT       = 1u << 10, /* every VM entry/exit, trap to EL2, SIE intercept */
    LOG_HOTBLOCKS    = 1u << 11, /* most executed blocks, printed at exit */
};

extern unsigned log_mask;

static inline bool log_enabled(unsigned mask)
{
    return unlikely(log_mask & mask);
}

/* Parses "in_asm,int,..." (or "help"); returns the mask or sets errp. */
bool log_parse_categories(const char *str, unsigned *mask, GError **errp);
/* Prints the category list for "-d help". */
void log_print_help(FILE *f);
/* Redirects logging to path ("-D"); NULL goes back to stderr. */
bool log_set_file(const char *path, GError **errp);
/* Sets the mask from the command line or the monitor. */
void log_set_mask(unsigned mask);

/* Writes formatted text to the log unconditionally. */
void log_printf(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* Writes formatted text only if one of the bits of mask is enabled. */
#define log_mask_printf(mask, ...) \
    do { if (log_enabled(mask)) log_printf(__VA_ARGS__); } while (0)
/* Returns the FILE log output currently goes to. */
FILE *log_file(void);
void log_flush(void);

#endif
