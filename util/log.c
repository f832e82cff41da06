/*
 * log.c — the -d categories and the -D log file (see util/log.h).
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"

unsigned log_mask;
static FILE *log_out;

static const struct {
    unsigned mask;
    const char *name;
    const char *help;
} log_categories[] = {
    { LOG_IN_ASM, "in_asm", "show guest code of each translated block" },
    { LOG_OUT_ASM, "out_asm", "show host code generated for each block" },
    { LOG_OP, "op", "show the IR of each block before optimization" },
    { LOG_OP_OPT, "op_opt", "show the IR of each block after optimization" },
    { LOG_INT, "int", "show exceptions and interrupts as they are taken" },
    { LOG_EXEC, "exec", "show each block as it is executed (slow)" },
    { LOG_CPU, "cpu", "show the CPU state before each block (slow)" },
    { LOG_MMU, "mmu", "show page-table walks and MMU faults" },
    { LOG_GUEST_ERROR, "guest_errors", "show accesses the architecture calls invalid" },
    { LOG_UNIMP, "unimp", "show uses of features Turtle does not implement" },
    { LOG_VMEXIT, "vmexit", "show every VM entry and exit with its reason" },
    { LOG_HOTBLOCKS, "hotblocks", "print the most executed blocks at exit" },
};

bool log_parse_categories(const char *str, unsigned *mask, GError **errp)
{
    g_auto(GStrv) names = g_strsplit(str, ",", -1);
    unsigned result = 0;

    for (char **n = names; *n; n++) {
        bool found = false;

        if (!**n) {
            continue;
        }
        if (!strcmp(*n, "all")) {
            for (size_t i = 0; i < ARRAY_SIZE(log_categories); i++) {
                if (log_categories[i].mask != LOG_EXEC &&
                    log_categories[i].mask != LOG_CPU) {
                    result |= log_categories[i].mask;
                }
            }
            continue;
        }
        for (size_t i = 0; i < ARRAY_SIZE(log_categories); i++) {
            if (!strcmp(*n, log_categories[i].name)) {
                result |= log_categories[i].mask;
                found = true;
                break;
            }
        }
        if (!found) {
            error_setg(errp, "unknown log category '%s' (-d help lists them)", *n);
            return false;
        }
    }
    *mask = result;
    return true;
}

void log_print_help(FILE *f)
{
    fprintf(f, "Log categories (-d a,b,...):\n");
    for (size_t i = 0; i < ARRAY_SIZE(log_categories); i++) {
        fprintf(f, "%-14s %s\n", log_categories[i].name, log_categories[i].help);
    }
    fprintf(f, "%-14s %s\n", "all", "every category except exec and cpu");
}

bool log_set_file(const char *path, GError **errp)
{
    FILE *f = NULL;

    if (path) {
        f = fopen(path, "w");
        if (!f) {
            error_setg_errno(errp, errno, "could not open log file '%s'", path);
            return false;
        }
        setvbuf(f, NULL, _IOLBF, 0);
    }
    if (log_out && log_out != stderr) {
        fclose(log_out);
    }
    log_out = f;
    return true;
}

void log_set_mask(unsigned mask)
{
    log_mask = mask;
}

FILE *log_file(void)
{
    return log_out ? log_out : stderr;
}

void log_printf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(log_file(), fmt, ap);
    va_end(ap);
}

void log_flush(void)
{
    fflush(log_file());
}
