/*
 * boot.c — loads an arm64 kernel, initrd and device tree (hw/arm/boot.h).
 *
 * Placement inside RAM (all 2 MiB aligned so large pages map them):
 *   ram_base + text_offset   the kernel (an Image at its text_offset, an ELF
 *                            where its headers say, a raw binary at ram_base)
 *   after the kernel         the initrd
 *   after the initrd         the device tree (at most 2 MiB, 8-byte aligned
 *                            as the boot protocol requires)
 */
#include <libfdt.h>
#include "util/osdep.h"
#include "util/error.h"
#include "hw/loader.h"
#include "hw/arm/boot.h"

#define ARM64_IMAGE_MAGIC 0x644d5241u   /* "ARM\x64", little endian */
#define ARM64_IMAGE_HEADER_SIZE 64
#define ARM64_DEFAULT_TEXT_OFFSET 0x80000
#define BOOT_ALIGN (2 * MiB)
#define DTB_MAX_SIZE (2 * MiB)
/* The largest kernel accepted, after decompression. */
#define KERNEL_MAX_SIZE (512 * MiB)

static uint64_t le64(const uint8_t *p)
{
    uint64_t v = 0;

    for (int i = 7; i >= 0; i--) {
        v = (v << 8) | p[i];
    }
    return v;
}

bool arm64_image_parse_header(const void *data, size_t size,
                              uint64_t *text_offset, uint64_t *image_size)
{
    const uint8_t *p = data;
    uint32_t magic;

    if (size < ARM64_IMAGE_HEADER_SIZE) {
        return false;
    }
    magic = p[56] | p[57] << 8 | p[58] << 16 | (uint32_t)p[59] << 24;
    if (magic != ARM64_IMAGE_MAGIC) {
        return false;
    }
    *image_size = le64(p + 16);
    /* image_size 0: a kernel older than 3.17, whose text_offset field is
     * unreliable; the protocol then says 0x80000. */
    *text_offset = *image_size ? le64(p + 8) : ARM64_DEFAULT_TEXT_OFFSET;
    return true;
}

static bool ram_fits(ArmBootInfo *info, hwaddr start, uint64_t size)
{
    hwaddr ram_end = info->ram_base + info->ram_size;

    return start >= info->ram_base && size <= info->ram_size &&
           start - info->ram_base <= info->ram_size - size &&
           start + size <= ram_end;
}

static bool load_kernel_image(AddressSpace *as, ArmBootInfo *info, GError **errp)
{
    g_autoptr(GBytes) bytes = NULL;
    const uint8_t *data;
    size_t size;
    uint64_t text_offset, image_size;

    if (!load_file_maybe_gzip(info->kernel_filename, KERNEL_MAX_SIZE, &bytes, errp)) {
        return false;
    }
    data = g_bytes_get_data(bytes, &size);
    if (size == 0) {
        error_setg(errp, "file is empty");
        return false;
    }
    if (elf_has_magic(data, size)) {
        LoadedImage img;

        if (!load_elf_from_buffer(data, size, as, LOADER_EM_AARCH64, &img, errp)) {
            return false;
        }
        info->entry = img.entry_phys;
        info->kernel_start = img.low_addr;
        info->kernel_end = img.high_addr;
        return true;
    }
    if (arm64_image_parse_header(data, size, &text_offset, &image_size)) {
        hwaddr base = ROUND_UP(info->ram_base, BOOT_ALIGN) + text_offset;
        uint64_t footprint = MAX(image_size, size);

        if (!ram_fits(info, base, footprint)) {
            error_setg(errp, "kernel needs %" PRIu64 " MiB at 0x%" HWADDR_PRIx
                       ", more than guest RAM (-m) provides",
                       (uint64_t)DIV_ROUND_UP(footprint, MiB), base);
            return false;
        }
        if (!load_blob(as, base, data, size, "kernel", errp)) {
            return false;
        }
        info->is_linux = true;
        info->entry = base;
        info->kernel_start = base;
        info->kernel_end = base + footprint;
        return true;
    }
    /* Anything else is a raw binary, run from the start of RAM. */
    if (!ram_fits(info, info->ram_base, size)) {
        error_setg(errp, "image of %zu bytes is larger than guest RAM", size);
        return false;
    }
    if (!load_blob(as, info->ram_base, data, size, "image", errp)) {
        return false;
    }
    info->entry = info->ram_base;
    info->kernel_start = info->ram_base;
    info->kernel_end = info->ram_base + size;
    return true;
}

static bool fdt_set_chosen(void *fdt, ArmBootInfo *info, GError **errp)
{
    int chosen = fdt_path_offset(fdt, "/chosen");
    int err = 0;

    if (chosen < 0) {
        chosen = fdt_add_subnode(fdt, 0, "chosen");
    }
    if (chosen < 0) {
        error_setg(errp, "device tree: cannot add /chosen: %s", fdt_strerror(chosen));
        return false;
    }
    if (info->kernel_cmdline && *info->kernel_cmdline) {
        err = fdt_setprop_string(fdt, chosen, "bootargs", info->kernel_cmdline);
    }
    if (!err && info->initrd_end) {
        err = fdt_setprop_u64(fdt, chosen, "linux,initrd-start", info->initrd_start);
        if (!err) {
            err = fdt_setprop_u64(fdt, chosen, "linux,initrd-end", info->initrd_end);
        }
    }
    if (err) {
        error_setg(errp, "device tree: cannot set /chosen: %s", fdt_strerror(err));
        return false;
    }
    return true;
}

static bool load_dtb(AddressSpace *as, ArmBootInfo *info, hwaddr addr, GError **errp)
{
    g_autofree void *fdt = NULL;
    int err;

    if (info->dtb_filename) {
        g_autofree char *contents = NULL;
        gsize len;
        GError *ferr = NULL;

        if (!g_file_get_contents(info->dtb_filename, &contents, &len, &ferr)) {
            error_setg(errp, "could not load device tree '%s': %s",
                       info->dtb_filename, ferr->message);
            g_error_free(ferr);
            return false;
        }
        if (len < sizeof(struct fdt_header) || fdt_check_header(contents) != 0 ||
            fdt_totalsize(contents) > len) {
            error_setg(errp, "could not load device tree '%s': not a valid "
                       "flattened device tree", info->dtb_filename);
            return false;
        }
        fdt = g_malloc0(DTB_MAX_SIZE);
        err = fdt_open_into(contents, fdt, DTB_MAX_SIZE);
    } else if (info->fdt) {
        fdt = g_malloc0(DTB_MAX_SIZE);
        err = fdt_open_into(info->fdt, fdt, DTB_MAX_SIZE);
    } else {
        return true;
    }
    if (err) {
        error_setg(errp, "device tree: %s", fdt_strerror(err));
        return false;
    }
    if (!fdt_set_chosen(fdt, info, errp)) {
        return false;
    }
    fdt_pack(fdt);
    info->dtb_size = fdt_totalsize(fdt);
    if (!ram_fits(info, addr, info->dtb_size)) {
        error_setg(errp, "no room for the device tree in guest RAM: the kernel "
                   "and initrd fill it (increase -m)");
        return false;
    }
    if (!load_blob(as, addr, fdt, info->dtb_size, "device tree", errp)) {
        return false;
    }
    info->dtb_addr = addr;
    g_free(info->final_fdt);
    info->final_fdt = g_steal_pointer(&fdt);
    return true;
}

bool arm_load_kernel(AddressSpace *as, ArmBootInfo *info, GError **errp)
{
    hwaddr next;

    if (!info->kernel_filename) {
        return true;
    }
    if (!load_kernel_image(as, info, errp)) {
        error_prepend(errp, "could not load kernel '%s': ", info->kernel_filename);
        return false;
    }
    next = ROUND_UP(info->kernel_end, BOOT_ALIGN);
    if (info->initrd_filename) {
        uint64_t size = 0;
        uint64_t room = next < info->ram_base + info->ram_size
                        ? info->ram_base + info->ram_size - next : 0;

        if (!load_initrd(info->initrd_filename, as, next, room, &size, errp)) {
            error_prepend(errp, "could not load initrd '%s': ", info->initrd_filename);
            return false;
        }
        info->initrd_start = next;
        info->initrd_end = next + size;
        next = ROUND_UP(info->initrd_end, BOOT_ALIGN);
    }
    return load_dtb(as, info, next, errp);
}
