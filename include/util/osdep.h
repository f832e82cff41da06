/*
 * osdep.h — the header every Turtle source file includes first.
 *
 * Standard C and glib, the few helper macros used everywhere, and the basic
 * address types shared by all subsystems and all guest architectures.
 */
#ifndef TURTLE_UTIL_OSDEP_H
#define TURTLE_UTIL_OSDEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <glib.h>

#include "config-host.h"

/* A guest physical address (or an offset inside a MemoryRegion). */
typedef uint64_t hwaddr;
#define HWADDR_MAX UINT64_MAX
#define HWADDR_PRIx PRIx64

/* A guest virtual address, 64 bits for every guest architecture. */
typedef uint64_t vaddr;
#define VADDR_PRIx PRIx64

#ifndef container_of
#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))
#endif

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define ROUND_UP(n, d)   (((n) + (d) - 1) & -(__typeof__(n))(d))
#define ROUND_DOWN(n, d) ((n) & -(__typeof__(n))(d))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define IS_ALIGNED(n, m) (((n) & ((m) - 1)) == 0)

#define KiB (1ULL << 10)
#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

/* Nanoseconds per second, for clock arithmetic. */
#define NANOSECONDS_PER_SECOND 1000000000LL

#endif
