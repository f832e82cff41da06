/*
 * elf-build.h — writes small ELF32/ELF64 executables of either byte order
 * for the loader tests, with every header field under the test's control.
 */
#ifndef TURTLE_TESTS_ELF_BUILD_H
#define TURTLE_TESTS_ELF_BUILD_H

#include "util/osdep.h"

#define ELFB_MAX_SEGS 8

typedef struct ElfBuildSeg {
    uint32_t type;              /* PT_LOAD (1) unless set otherwise */
    uint64_t vaddr;             /* 0: same as paddr */
    uint64_t paddr;
    const void *data;           /* filesz bytes, or NULL for a pattern */
    uint64_t filesz;
    uint64_t memsz;
} ElfBuildSeg;

typedef struct ElfBuildSpec {
    bool is64;
    bool big_endian;
    uint16_t machine;
    uint16_t type;              /* 0: ET_EXEC */
    uint64_t entry;
    unsigned nr_segs;
    ElfBuildSeg segs[ELFB_MAX_SEGS];
} ElfBuildSpec;

/*
 * Builds the file: ELF header, program headers right after it, then each
 * segment's file bytes in order. Segment data that is NULL is filled with
 * the pattern elfb_pattern_byte(segment, offset).
 */
GByteArray *elfb_build(const ElfBuildSpec *spec);

static inline uint8_t elfb_pattern_byte(unsigned seg, uint64_t off)
{
    return (uint8_t)(0x11 * (seg + 1) + off * 7);
}

/* Offsets of fields in the built file, for tests that corrupt them. */
size_t elfb_phoff(const ElfBuildSpec *spec);
size_t elfb_phentsize(const ElfBuildSpec *spec);

/* Writes a field of len bytes at off in the spec's byte order. */
void elfb_put(GByteArray *b, bool big_endian, size_t off, unsigned len,
              uint64_t v);

#endif
