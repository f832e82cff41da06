/*
 * loader.h — putting images into guest memory: ELF executables, raw images,
 * gzip-compressed images and initrds.
 *
 * Every loader validates the whole image before it writes a single byte, so a
 * load that fails leaves guest memory as it was. Everything lands through
 * address_space_write_rom(), so images may go to RAM or ROM, and anything that
 * is not RAM or ROM (a hole, an MMIO region) is refused.
 *
 * Error messages give the reason only, and are written to read well after a
 * prefix the caller adds with error_prepend(), naming what was loaded:
 *
 *     if (!load_elf(path, as, EM_AARCH64, &img, &err)) {
 *         error_prepend(&err, "could not load kernel '%s': ", path);
 *         error_exit_err(err);
 *     }
 *
 * gives "could not load kernel 'x': No such file or directory" or
 * "could not load kernel 'x': segment at 0x80000000 (4096 bytes) does not fit
 * in guest RAM".
 *
 * Kernel formats (the arm64 Image header, the x86 bzImage setup header, the
 * s390x kernel layout) are parsed per architecture on top of
 * load_file_maybe_gzip() and load_blob().
 */
#ifndef TURTLE_HW_LOADER_H
#define TURTLE_HW_LOADER_H

#include "util/osdep.h"
#include "exec/memory.h"

/* e_machine values the callers pass as "expected machine" (ELF gABI). */
#define LOADER_EM_ANY       0       /* EM_NONE: accept any machine */
#define LOADER_EM_386       3
#define LOADER_EM_ARM       40
#define LOADER_EM_S390      22
#define LOADER_EM_X86_64    62
#define LOADER_EM_AARCH64   183

/* What a successful load put where. Addresses are guest physical. */
typedef struct LoadedImage {
    uint64_t entry;             /* e_entry as written in the file (virtual) */
    /* The entry point as a physical address: e_entry moved by the
     * (p_paddr - p_vaddr) of the PT_LOAD segment whose virtual range holds
     * it, or e_entry itself if no segment holds it. This is where a CPU that
     * starts with its MMU off must begin. Raw images: the load address. */
    uint64_t entry_phys;
    uint64_t low_addr;          /* lowest address written */
    uint64_t high_addr;         /* one past the highest address written */
    uint64_t size;              /* bytes written, bss included */
    uint16_t machine;           /* e_machine (0 for a raw image) */
    uint8_t elf_class;          /* 32 or 64 (0 for a raw image) */
    bool big_endian;            /* ELF data encoding */
    unsigned nr_segments;       /* PT_LOAD segments written (memsz > 0) */
} LoadedImage;

/* ---- ELF ---------------------------------------------------------------- */

/* "EM_AARCH64", "EM_X86_64", ... or "machine 1234" for an unknown value. The
 * returned string is static or (for unknown values) valid until the next call
 * from the same thread. */
const char *elf_machine_name(uint16_t machine);

/* True if data starts with the ELF magic (size may be anything). */
bool elf_has_magic(const void *data, size_t size);

/*
 * Loads the PT_LOAD segments of an ELF32 or ELF64 executable, of either byte
 * order, at their physical addresses (p_paddr): p_filesz bytes are copied
 * from the file and the rest up to p_memsz is zeroed (bss).
 *
 * expected_machine: an e_machine value; an ELF for another machine is refused
 * ("ELF is for EM_X86_64, expected EM_AARCH64"). LOADER_EM_ANY accepts all.
 *
 * Every header field is checked against the file size; segments that overlap,
 * that have p_filesz > p_memsz, or that do not lie wholly in RAM/ROM are
 * refused. Nothing is written unless everything is valid. out may be NULL.
 */
bool load_elf(const char *path, AddressSpace *as, uint16_t expected_machine,
              LoadedImage *out, GError **errp);
/* The same, from an image already in memory. */
bool load_elf_from_buffer(const void *data, size_t size, AddressSpace *as,
                          uint16_t expected_machine, LoadedImage *out,
                          GError **errp);

/* ---- Raw images, gzip, initrd ---------------------------------------------- */

/*
 * Copies the file as it is to addr. max_size: the largest accepted file
 * (UINT64_MAX: limited only by the RAM at addr). *size (may be NULL) gets
 * the number of bytes loaded. For "-device loader,file=...,addr=...".
 */
bool load_image_raw(const char *path, AddressSpace *as, hwaddr addr,
                    uint64_t max_size, uint64_t *size, GError **errp);

/*
 * Loads a gzip-compressed file decompressed at addr; a file that is not
 * gzip-compressed is loaded as it is. The decompressed size is limited to
 * max_size (decompression stops as soon as it would be exceeded).
 */
bool load_image_gzip(const char *path, AddressSpace *as, hwaddr addr,
                     uint64_t max_size, uint64_t *size, GError **errp);

/*
 * Loads an initial ramdisk at addr, as it is (the guest kernel decompresses
 * it). max_size is the room the board leaves for it.
 */
bool load_initrd(const char *path, AddressSpace *as, hwaddr addr,
                 uint64_t max_size, uint64_t *size, GError **errp);

/*
 * Reads a whole file into memory, inflating it if it is gzip-compressed
 * (RFC 1952 magic 1f 8b; concatenated members are joined). At most max bytes
 * are accepted, before or after decompression. *out gets a new GBytes.
 */
bool load_file_maybe_gzip(const char *path, uint64_t max, GBytes **out,
                          GError **errp);

/* True if data starts with the gzip magic. */
bool gzip_has_magic(const void *data, size_t size);

/*
 * Inflates a gzip stream held in memory; the output may not exceed max bytes.
 * Corrupt or truncated input is an error.
 */
bool gunzip_buffer(const void *data, size_t size, uint64_t max, GBytes **out,
                   GError **errp);

/* ---- Writing into guest memory -------------------------------------------- */

/*
 * Checks that [addr, addr + size) is all RAM or ROM in as; what names the
 * thing in the error ("segment", "image", "initrd"):
 * "image at 0x40000000 (4096 bytes) does not fit in guest RAM".
 */
bool loader_check_ram(AddressSpace *as, hwaddr addr, uint64_t size,
                      const char *what, GError **errp);

/* Checks with loader_check_ram, then writes size bytes of data at addr
 * (ROM included), or size zero bytes if data is NULL. For per-architecture
 * kernel loaders. */
bool load_blob(AddressSpace *as, hwaddr addr, const void *data, uint64_t size,
               const char *what, GError **errp);

#endif
