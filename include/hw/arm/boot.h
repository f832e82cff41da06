/*
 * boot.h — loading an arm64 guest: a Linux Image (plain or gzip'd, as
 * Debian ships it), an ELF, or a raw binary; the initrd; the device tree.
 *
 * Linux images follow the arm64 boot protocol (Linux
 * Documentation/arch/arm64/booting.rst): a 64-byte header with text_offset,
 * image_size and the "ARM\x64" magic; the image goes at a 2 MiB-aligned base
 * plus text_offset, the device tree's physical address goes in x0 of the
 * boot CPU, the other CPUs wait for PSCI CPU_ON.
 */
#ifndef TURTLE_HW_ARM_BOOT_H
#define TURTLE_HW_ARM_BOOT_H

#include "util/osdep.h"
#include "exec/memory.h"

typedef struct ArmBootInfo {
    /* Inputs */
    hwaddr ram_base;
    uint64_t ram_size;
    const char *kernel_filename;
    const char *initrd_filename;
    const char *kernel_cmdline;
    const char *dtb_filename;           /* -dtb: used instead of fdt */
    void *fdt;                          /* the board's device tree (owned) */

    /* Outputs */
    bool is_linux;                      /* an Image: x0 = dtb_addr at entry */
    hwaddr entry;                       /* physical entry point */
    hwaddr kernel_start, kernel_end;
    hwaddr initrd_start, initrd_end;    /* 0, 0 without an initrd */
    hwaddr dtb_addr;                    /* 0 without a device tree */
    uint64_t dtb_size;
    void *final_fdt;                    /* the tree as loaded (g_free) */
} ArmBootInfo;

/* Loads kernel, initrd and device tree into as. Errors name the file:
 * "could not load kernel 'x': file is empty". */
bool arm_load_kernel(AddressSpace *as, ArmBootInfo *info, GError **errp);

/* Parses the arm64 Image header: true if data is an arm64 Linux Image. */
bool arm64_image_parse_header(const void *data, size_t size,
                              uint64_t *text_offset, uint64_t *image_size);

#endif
