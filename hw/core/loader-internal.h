/*
 * loader-internal.h — helpers shared by the loaders in hw/core (loader.c,
 * loader-elf.c); not for use elsewhere.
 */
#ifndef TURTLE_HW_CORE_LOADER_INTERNAL_H
#define TURTLE_HW_CORE_LOADER_INTERNAL_H

#include "util/osdep.h"

/*
 * Reads a whole regular file into a new GBytes; a file larger than max is
 * refused before anything is read. Messages are the reason only
 * ("No such file or directory", "is a directory").
 */
bool loader_read_file(const char *path, uint64_t max, GBytes **out,
                      GError **errp);

#endif
