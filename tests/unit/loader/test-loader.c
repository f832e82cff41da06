/*
 * test-loader.c — the image loaders (hw/core/loader.c, loader-elf.c):
 * ELF32/ELF64 of both byte orders, bss zeroing, entry points, refusal of
 * other architectures, every kind of corrupt or truncated ELF (including a
 * fuzz loop), raw images, initrds, and gzip decompression with its limits.
 *
 * The guest memory map of every test:
 *   0x00000000  1 MiB   ROM
 *   0x09000000  4 KiB   MMIO (not loadable)
 *   0x40000000 16 MiB   RAM
 */
#include "util/osdep.h"
#include "util/error.h"
#include "exec/memory.h"
#include "hw/loader.h"
#include "elf-build.h"

#include <glib/gstdio.h>
#include <zlib.h>

#define ROM_BASE   0x0ULL
#define ROM_SIZE   (1 * MiB)
#define MMIO_BASE  0x09000000ULL
#define RAM_BASE   0x40000000ULL
#define RAM_SIZE   (16 * MiB)

#define EM_X86_64_  62
#define EM_AARCH64_ 183
#define EM_PPC_     20

static MemoryRegion sysmem, rom, ram, mmio;
static AddressSpace as;
static char *tmpdir;
static unsigned mmio_writes;

static uint64_t mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void mmio_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    mmio_writes++;
}

static const MemoryRegionOps mmio_ops = {
    .read = mmio_read,
    .write = mmio_write,
};

static void setup_memory(void)
{
    memory_region_init_container(&sysmem, NULL, "system", UINT64_MAX);
    g_assert_true(memory_region_init_rom(&rom, NULL, "rom", ROM_SIZE, NULL));
    g_assert_true(memory_region_init_ram(&ram, NULL, "ram", RAM_SIZE, NULL));
    memory_region_init_io(&mmio, NULL, &mmio_ops, NULL, "mmio", 4 * KiB);
    memory_region_add_subregion(&sysmem, ROM_BASE, &rom);
    memory_region_add_subregion(&sysmem, MMIO_BASE, &mmio);
    memory_region_add_subregion(&sysmem, RAM_BASE, &ram);
    address_space_init(&as, &sysmem, "test");
}

static uint8_t *ram_ptr(hwaddr addr)
{
    g_assert(addr >= RAM_BASE && addr < RAM_BASE + RAM_SIZE);
    return (uint8_t *)memory_region_get_ram_ptr(&ram) + (addr - RAM_BASE);
}

static void fill_memory(uint8_t v)
{
    memset(memory_region_get_ram_ptr(&ram), v, RAM_SIZE);
    memset(memory_region_get_ram_ptr(&rom), v, ROM_SIZE);
}

static char *temp_path(const char *name)
{
    return g_build_filename(tmpdir, name, NULL);
}

static char *write_temp(const char *name, const void *data, size_t len)
{
    char *path = temp_path(name);
    FILE *f;

    /* Plain stdio: g_file_set_contents() fsyncs, which the fuzz loop's
     * thousands of files do not need; and a new file rather than a
     * truncated one, whose close ext4 turns into a flush to disk. */
    g_unlink(path);
    f = fopen(path, "wb");

    g_assert_nonnull(f);
    g_assert_cmpuint(len ? fwrite(data, 1, len, f) : 0, ==, len);
    g_assert_cmpint(fclose(f), ==, 0);
    return path;
}

/* Loads b through a file; returns NULL on success or the error message. */
static char *load_bytes(const GByteArray *b, uint16_t em, LoadedImage *img)
{
    g_autofree char *path = write_temp("t.elf", b->data, b->len);
    GError *err = NULL;
    char *msg;

    if (load_elf(path, &as, em, img, &err)) {
        g_assert_null(err);
        return NULL;
    }
    g_assert_nonnull(err);
    msg = g_strdup(err->message);
    g_error_free(err);
    return msg;
}

static void assert_load_fails(const GByteArray *b, uint16_t em,
                              const char *expected)
{
    g_autofree char *msg = load_bytes(b, em, NULL);

    if (!msg) {
        g_error("load succeeded, expected \"%s\"", expected);
    }
    if (!strstr(msg, expected)) {
        g_error("message \"%s\" does not contain \"%s\"", msg, expected);
    }
}

/* A text segment (pattern bytes) and a data+bss segment in RAM. */
static ElfBuildSpec spec_two_segments(bool is64, bool be, uint16_t machine)
{
    ElfBuildSpec s = {
        .is64 = is64, .big_endian = be, .machine = machine,
        .entry = RAM_BASE + 0x100,
        .nr_segs = 2,
        .segs = {
            { .paddr = RAM_BASE, .filesz = 0x300, .memsz = 0x300 },
            { .paddr = RAM_BASE + 0x10000, .filesz = 0x20, .memsz = 0x2000 },
        },
    };
    return s;
}

/* ---- Good ELF files ------------------------------------------------------- */

static void check_two_segments(bool is64, bool be)
{
    ElfBuildSpec s = spec_two_segments(is64, be, be ? EM_PPC_ : EM_AARCH64_);
    g_autoptr(GByteArray) b = elfb_build(&s);
    LoadedImage img;
    g_autofree char *msg = NULL;

    fill_memory(0xaa);
    msg = load_bytes(b, s.machine, &img);
    g_assert_null(msg);

    g_assert_cmphex(img.entry, ==, RAM_BASE + 0x100);
    g_assert_cmphex(img.entry_phys, ==, RAM_BASE + 0x100);
    g_assert_cmphex(img.low_addr, ==, RAM_BASE);
    g_assert_cmphex(img.high_addr, ==, RAM_BASE + 0x12000);
    g_assert_cmpuint(img.size, ==, 0x300 + 0x2000);
    g_assert_cmpuint(img.nr_segments, ==, 2);
    g_assert_cmpuint(img.machine, ==, s.machine);
    g_assert_cmpuint(img.elf_class, ==, is64 ? 64 : 32);
    g_assert_cmpint(img.big_endian, ==, be);

    /* Segment bytes where they belong, read back through the address space. */
    for (unsigned seg = 0; seg < 2; seg++) {
        uint8_t buf[0x300];
        uint64_t n = s.segs[seg].filesz;

        g_assert_cmpint(address_space_read(&as, s.segs[seg].paddr,
                                           MEMTXATTRS_UNSPECIFIED, buf, n),
                        ==, MEMTX_OK);
        for (uint64_t o = 0; o < n; o++) {
            g_assert_cmphex(buf[o], ==, elfb_pattern_byte(seg, o));
        }
    }
    /* bss zeroed up to memsz, and not a byte further. */
    for (uint64_t o = 0x20; o < 0x2000; o++) {
        g_assert_cmphex(*ram_ptr(RAM_BASE + 0x10000 + o), ==, 0);
    }
    g_assert_cmphex(*ram_ptr(RAM_BASE + 0x12000), ==, 0xaa);
    g_assert_cmphex(*ram_ptr(RAM_BASE + 0x300), ==, 0xaa);
    g_assert_cmphex(*ram_ptr(RAM_BASE + 0xffff), ==, 0xaa);
}

static void test_elf64_le(void) { check_two_segments(true, false); }
static void test_elf64_be(void) { check_two_segments(true, true); }
static void test_elf32_le(void) { check_two_segments(false, false); }
static void test_elf32_be(void) { check_two_segments(false, true); }

/* Values that only a correct byte-order reader gets right. */
static void test_elf_byte_order_fields(void)
{
    for (int be = 0; be < 2; be++) {
        ElfBuildSpec s = spec_two_segments(true, be, 0x1234);
        g_autoptr(GByteArray) b = NULL;
        LoadedImage img;
        g_autofree char *msg = NULL;

        s.entry = RAM_BASE + 0x10203;
        b = elfb_build(&s);
        msg = load_bytes(b, LOADER_EM_ANY, &img);
        g_assert_null(msg);
        g_assert_cmphex(img.entry, ==, RAM_BASE + 0x10203);
        g_assert_cmphex(img.machine, ==, 0x1234);
    }
}

/* A kernel linked at a high virtual address, loaded at its physical one. */
static void test_elf_entry_phys(void)
{
    ElfBuildSpec s = {
        .is64 = true, .machine = EM_AARCH64_,
        .entry = 0xffff800010000040ULL,
        .nr_segs = 1,
        .segs = { { .vaddr = 0xffff800010000000ULL, .paddr = RAM_BASE + 0x80000,
                    .filesz = 0x100, .memsz = 0x100 } },
    };
    g_autoptr(GByteArray) b = elfb_build(&s);
    LoadedImage img;
    g_autofree char *msg = load_bytes(b, EM_AARCH64_, &img);

    g_assert_null(msg);
    g_assert_cmphex(img.entry, ==, 0xffff800010000040ULL);
    g_assert_cmphex(img.entry_phys, ==, RAM_BASE + 0x80040);
    g_assert_cmphex(*ram_ptr(RAM_BASE + 0x80000), ==, elfb_pattern_byte(0, 0));
}

/* ROM is loadable; segments that occupy no memory and other p_types are
 * skipped; ET_DYN is accepted. */
static void test_elf_rom_and_skipped_segments(void)
{
    ElfBuildSpec s = {
        .is64 = true, .machine = EM_AARCH64_, .type = 3 /* ET_DYN */,
        .entry = ROM_BASE, .nr_segs = 4,
        .segs = {
            { .paddr = ROM_BASE, .filesz = 0x40, .memsz = 0x40 },
            { .type = 4 /* PT_NOTE */, .paddr = 0x80000000, .filesz = 8,
              .memsz = 8 },
            { .paddr = 0xdead0000, .filesz = 0, .memsz = 0 },
            { .type = 0x6474e551 /* PT_GNU_STACK */, .paddr = 0, .memsz = 0 },
        },
    };
    g_autoptr(GByteArray) b = elfb_build(&s);
    LoadedImage img;
    g_autofree char *msg = NULL;
    uint8_t v;

    fill_memory(0);
    msg = load_bytes(b, EM_AARCH64_, &img);
    g_assert_null(msg);
    g_assert_cmpuint(img.nr_segments, ==, 1);
    g_assert_cmpint(address_space_read(&as, ROM_BASE + 5, MEMTXATTRS_UNSPECIFIED,
                                       &v, 1), ==, MEMTX_OK);
    g_assert_cmphex(v, ==, elfb_pattern_byte(0, 5));
}

/* A real toolchain's output, when the build made one (cross compiler). */
static const char *cross_elf_path;

static void test_elf_cross_compiled(void)
{
    LoadedImage img;
    GError *err = NULL;
    uint32_t insn;

    if (!cross_elf_path) {
        g_test_skip("no aarch64 cross-compiled ELF (aarch64-linux-gnu-gcc)");
        return;
    }
    fill_memory(0xaa);
    load_elf(cross_elf_path, &as, EM_AARCH64_, &img, &err);
    g_assert_no_error(err);
    g_assert_cmphex(img.entry, ==, RAM_BASE + 0x80000);
    g_assert_cmpuint(img.elf_class, ==, 64);
    /* _start: nop; ret (guest little-endian words). */
    memcpy(&insn, ram_ptr(img.entry_phys), 4);
    g_assert_cmphex(GUINT32_FROM_LE(insn), ==, 0xd503201f);
    memcpy(&insn, ram_ptr(img.entry_phys + 4), 4);
    g_assert_cmphex(GUINT32_FROM_LE(insn), ==, 0xd65f03c0);
    /* The .data word and the zeroed .bss the program defines. */
    g_assert_cmphex(img.high_addr, >, img.entry_phys + 8);
    {
        bool found = false;
        for (hwaddr a = img.low_addr; a + 4 <= img.high_addr; a += 4) {
            memcpy(&insn, ram_ptr(a), 4);
            if (GUINT32_FROM_LE(insn) == 0x7e57da7a) {
                found = true;
            }
        }
        g_assert_true(found);
    }
    g_assert_cmphex(*ram_ptr(img.high_addr - 1), ==, 0);

    /* The same file is refused for another machine. */
    g_assert_false(load_elf(cross_elf_path, &as, EM_X86_64_, &img, &err));
    g_assert_cmpstr(err->message, ==, "ELF is for EM_AARCH64, expected EM_X86_64");
    g_clear_error(&err);
}

/* ---- Refusals ------------------------------------------------------------ */

static void test_elf_wrong_machine(void)
{
    ElfBuildSpec s = spec_two_segments(true, false, EM_X86_64_);
    g_autoptr(GByteArray) b = elfb_build(&s);
    g_autofree char *msg = NULL;

    fill_memory(0xaa);
    msg = load_bytes(b, EM_AARCH64_, NULL);
    g_assert_cmpstr(msg, ==, "ELF is for EM_X86_64, expected EM_AARCH64");
    /* Nothing was written. */
    g_assert_cmphex(*ram_ptr(RAM_BASE), ==, 0xaa);

    g_free(msg);
    s.machine = 4242;
    g_byte_array_unref(b);
    b = elfb_build(&s);
    msg = load_bytes(b, EM_AARCH64_, NULL);
    g_assert_cmpstr(msg, ==, "ELF is for machine 4242, expected EM_AARCH64");
}

static void test_elf_not_elf(void)
{
    g_autoptr(GByteArray) b = g_byte_array_new();
    g_autofree char *path = NULL;
    GError *err = NULL;

    g_byte_array_append(b, (const guint8 *)"MZ\x90\x00 not an elf at all", 22);
    assert_load_fails(b, LOADER_EM_ANY, "not an ELF file");
    g_byte_array_set_size(b, 0);
    assert_load_fails(b, LOADER_EM_ANY, "not an ELF file");

    path = temp_path("does-not-exist.elf");
    g_assert_false(load_elf(path, &as, LOADER_EM_ANY, NULL, &err));
    g_assert_cmpstr(err->message, ==, "No such file or directory");
    g_clear_error(&err);

    g_assert_false(load_elf(tmpdir, &as, LOADER_EM_ANY, NULL, &err));
    g_assert_cmpstr(err->message, ==, "is a directory");
    g_clear_error(&err);
}

static void test_elf_bad_ident(void)
{
    ElfBuildSpec s = spec_two_segments(true, false, EM_AARCH64_);
    g_autoptr(GByteArray) b = elfb_build(&s);

    b->data[4] = 3;
    assert_load_fails(b, LOADER_EM_ANY, "unknown ELF class 3");
    b->data[4] = 2;
    b->data[5] = 0;
    assert_load_fails(b, LOADER_EM_ANY, "unknown ELF data encoding 0");
    b->data[5] = 1;
    b->data[6] = 2;
    assert_load_fails(b, LOADER_EM_ANY, "unsupported ELF version 2");
    b->data[6] = 1;

    elfb_put(b, false, 16, 2, 1);
    assert_load_fails(b, LOADER_EM_ANY,
                      "ELF is a relocatable object (ET_REL), not an executable");
    elfb_put(b, false, 16, 2, 4);
    assert_load_fails(b, LOADER_EM_ANY, "core dump");
    elfb_put(b, false, 16, 2, 0xfe00);
    assert_load_fails(b, LOADER_EM_ANY, "ELF type 65024 is not an executable");
}

/* Every proper prefix of a good file is refused, with the right reason. */
static void test_elf_truncated(void)
{
    for (int is64 = 0; is64 < 2; is64++) {
        ElfBuildSpec s = spec_two_segments(is64, false, EM_AARCH64_);
        g_autoptr(GByteArray) b = elfb_build(&s);
        size_t full = b->len;
        size_t ehsize = elfb_phoff(&s);
        size_t ph_end = ehsize + 2 * elfb_phentsize(&s);

        fill_memory(0xaa);
        for (size_t len = 0; len < full; len++) {
            g_autoptr(GByteArray) t = g_byte_array_new();
            g_autofree char *msg = NULL;
            const char *expect;

            g_byte_array_append(t, b->data, len);
            msg = load_bytes(t, EM_AARCH64_, NULL);
            if (!msg) {
                g_error("a %zu-byte prefix of a %zu-byte ELF was accepted",
                        len, full);
            }
            if (len < 4) {
                expect = "not an ELF file";
            } else if (len < ehsize) {
                expect = "file is truncated (ELF header)";
            } else if (len < ph_end) {
                expect = "file is truncated (program headers at offset 0x";
            } else {
                expect = "file is truncated (segment ";
            }
            if (!g_str_has_prefix(msg, expect)) {
                g_error("prefix %zu: \"%s\", expected \"%s...\"", len, msg,
                        expect);
            }
        }
        /* No failed load wrote anything. */
        g_assert_cmphex(*ram_ptr(RAM_BASE), ==, 0xaa);
        g_assert_cmphex(*ram_ptr(RAM_BASE + 0x10000), ==, 0xaa);
    }
}

static void test_elf_phdrs_past_eof(void)
{
    ElfBuildSpec s = spec_two_segments(true, false, EM_AARCH64_);
    g_autoptr(GByteArray) b = elfb_build(&s);

    elfb_put(b, false, 32, 8, 0xfffffffffffffff0ULL);      /* e_phoff */
    assert_load_fails(b, LOADER_EM_ANY,
                      "file is truncated (program headers at offset "
                      "0xfffffffffffffff0 end past the end of the");
    elfb_put(b, false, 32, 8, b->len - 8);
    assert_load_fails(b, LOADER_EM_ANY, "file is truncated (program headers");
    elfb_put(b, false, 32, 8, 64);
    elfb_put(b, false, 56, 2, 0xfffe);                     /* e_phnum */
    assert_load_fails(b, LOADER_EM_ANY, "file is truncated (program headers");
    elfb_put(b, false, 56, 2, 0xffff);
    assert_load_fails(b, LOADER_EM_ANY, "extended numbering");
    elfb_put(b, false, 56, 2, 0);
    assert_load_fails(b, LOADER_EM_ANY, "no loadable segments");
    elfb_put(b, false, 56, 2, 2);
    elfb_put(b, false, 54, 2, 32);                          /* e_phentsize */
    assert_load_fails(b, LOADER_EM_ANY, "bad program header size 32 (expected 56)");
    elfb_put(b, false, 54, 2, 56);

    /* Segment data offset past the end, and offset+filesz overflowing. */
    elfb_put(b, false, 64 + 8, 8, b->len + 1);              /* p_offset */
    assert_load_fails(b, LOADER_EM_ANY, "file is truncated (segment 0: data at "
                      "offset 0x");
    elfb_put(b, false, 64 + 8, 8, 0xffffffffffffff00ULL);
    assert_load_fails(b, LOADER_EM_ANY, "file is truncated (segment 0");
    elfb_put(b, false, 64 + 8, 8, 8);
    elfb_put(b, false, 64 + 32, 8, 0xffffffffffffff00ULL);  /* p_filesz */
    elfb_put(b, false, 64 + 40, 8, 0xffffffffffffff00ULL);  /* p_memsz */
    assert_load_fails(b, LOADER_EM_ANY, "file is truncated (segment 0");
}

static void test_elf_filesz_over_memsz(void)
{
    ElfBuildSpec s = spec_two_segments(true, false, EM_AARCH64_);
    g_autoptr(GByteArray) b = NULL;

    s.segs[1].memsz = 0x10;
    b = elfb_build(&s);
    assert_load_fails(b, LOADER_EM_ANY,
                      "segment 1: file size 0x20 is larger than its memory "
                      "size 0x10");
}

static void test_elf_no_load_segments(void)
{
    ElfBuildSpec s = spec_two_segments(true, false, EM_AARCH64_);
    g_autoptr(GByteArray) b = NULL;

    s.segs[0].type = 4;
    s.segs[1].type = 6;
    b = elfb_build(&s);
    assert_load_fails(b, LOADER_EM_ANY, "no loadable segments");
}

static void test_elf_overlap(void)
{
    ElfBuildSpec s = spec_two_segments(true, false, EM_AARCH64_);
    g_autoptr(GByteArray) b = NULL;

    /* The second segment's bss runs into the first (listed in reverse). */
    s.segs[0].paddr = RAM_BASE + 0x11000;
    s.segs[1].paddr = RAM_BASE + 0x10000;
    fill_memory(0xaa);
    b = elfb_build(&s);
    assert_load_fails(b, LOADER_EM_ANY,
                      "segments 1 (0x40010000..0x40011fff) and 0 "
                      "(0x40011000..0x400112ff) overlap");
    g_assert_cmphex(*ram_ptr(RAM_BASE + 0x10000), ==, 0xaa);

    /* Identical start addresses. */
    g_byte_array_unref(b);
    s.segs[0].paddr = s.segs[1].paddr;
    b = elfb_build(&s);
    assert_load_fails(b, LOADER_EM_ANY, "overlap");

    /* Touching is fine. */
    g_byte_array_unref(b);
    s.segs[0].paddr = RAM_BASE + 0x12000;
    b = elfb_build(&s);
    {
        g_autofree char *msg = load_bytes(b, LOADER_EM_ANY, NULL);
        g_assert_null(msg);
    }
}

static void test_elf_outside_ram(void)
{
    ElfBuildSpec s = spec_two_segments(true, false, EM_AARCH64_);
    g_autoptr(GByteArray) b = NULL;

    fill_memory(0xaa);
    /* In a hole: the first segment is good, and must not be written. */
    s.segs[1].paddr = 0x80000000;
    b = elfb_build(&s);
    assert_load_fails(b, LOADER_EM_ANY,
                      "segment at 0x80000000 (8192 bytes) does not fit in "
                      "guest RAM");
    g_assert_cmphex(*ram_ptr(RAM_BASE), ==, 0xaa);

    /* Running off the end of RAM by its bss. */
    g_byte_array_unref(b);
    s.segs[1].paddr = RAM_BASE + RAM_SIZE - 0x1000;
    b = elfb_build(&s);
    assert_load_fails(b, LOADER_EM_ANY,
                      "segment at 0x40fff000 (8192 bytes) does not fit in "
                      "guest RAM");

    /* Onto a device. */
    g_byte_array_unref(b);
    s.segs[1].paddr = MMIO_BASE;
    b = elfb_build(&s);
    mmio_writes = 0;
    assert_load_fails(b, LOADER_EM_ANY,
                      "segment at 0x9000000 (8192 bytes) does not fit in guest "
                      "RAM");
    g_assert_cmpuint(mmio_writes, ==, 0);

    /* Straddling ROM's end into the hole after it. */
    g_byte_array_unref(b);
    s.segs[1].paddr = ROM_BASE + ROM_SIZE - 0x10;
    b = elfb_build(&s);
    assert_load_fails(b, LOADER_EM_ANY, "does not fit in guest RAM");
    g_assert_cmphex(*ram_ptr(RAM_BASE), ==, 0xaa);
}

static void test_elf_huge_memsz(void)
{
    ElfBuildSpec s = spec_two_segments(true, false, EM_AARCH64_);
    g_autoptr(GByteArray) b = NULL;

    s.segs[1].memsz = 0x7fffffffffffffffULL;
    b = elfb_build(&s);
    assert_load_fails(b, LOADER_EM_ANY, "segment at 0x40010000 "
                      "(9223372036854775807 bytes) does not fit in guest RAM");

    g_byte_array_unref(b);
    s.segs[1].memsz = 0xfffffffffffff000ULL;
    b = elfb_build(&s);
    assert_load_fails(b, LOADER_EM_ANY, "segment 1 at 0x40010000 "
                      "(0xfffffffffffff000 bytes) wraps around the end of the "
                      "address space");

    /* ELF32: the 32-bit address space ends at 4 GiB. */
    g_byte_array_unref(b);
    s = spec_two_segments(false, false, EM_AARCH64_);
    s.segs[1].memsz = 0xc0000000;
    b = elfb_build(&s);
    assert_load_fails(b, LOADER_EM_ANY, "wraps around the end of the address "
                      "space");
    g_byte_array_unref(b);
    s.segs[1].memsz = 0x80000000;
    b = elfb_build(&s);
    assert_load_fails(b, LOADER_EM_ANY, "does not fit in guest RAM");
}

/* ---- Fuzzing --------------------------------------------------------------- */

static bool fuzz_one(GRand *rng, const GByteArray *seed, bool via_file)
{
    g_autoptr(GByteArray) b = g_byte_array_new();
    unsigned nmut = g_rand_int_range(rng, 1, 9);
    LoadedImage img;
    GError *err = NULL;
    bool ok;

    g_byte_array_append(b, seed->data, seed->len);
    for (unsigned m = 0; m < nmut; m++) {
        /* Mostly the headers, where the interesting fields are. */
        size_t limit = g_rand_boolean(rng) ? MIN(b->len, 64 + 3 * 56) : b->len;
        size_t pos = g_rand_int_range(rng, 0, limit);

        switch (g_rand_int_range(rng, 0, 4)) {
        case 0:
            b->data[pos] = g_rand_int_range(rng, 0, 256);
            break;
        case 1:
            b->data[pos] ^= 1u << g_rand_int_range(rng, 0, 8);
            break;
        case 2:                 /* interesting values */
            b->data[pos] = (const uint8_t[]){ 0, 0xff, 0x7f, 0x80, 1 }
                           [g_rand_int_range(rng, 0, 5)];
            break;
        default:
            g_byte_array_set_size(b, g_rand_int_range(rng, 0, b->len + 1));
            break;
        }
        if (b->len == 0) {
            break;
        }
    }

    if (via_file) {
        g_autofree char *path = write_temp("fuzz.elf", b->data, b->len);
        ok = load_elf(path, &as, LOADER_EM_ANY, &img, &err);
    } else {
        /* An exact-size heap copy, so a sanitizer sees any overread. */
        g_autofree uint8_t *copy = g_memdup2(b->data, b->len);
        ok = load_elf_from_buffer(copy, b->len, &as, LOADER_EM_ANY, &img, &err);
    }
    if (ok) {
        g_assert_null(err);
        g_assert_cmpuint(img.nr_segments, >, 0);
        g_assert_cmphex(img.low_addr, <, img.high_addr);
    } else {
        g_assert_nonnull(err);
        g_assert_cmpuint(strlen(err->message), >, 0);
        g_clear_error(&err);
    }
    return ok;
}

static void test_elf_fuzz(void)
{
    const char *env = g_getenv("LOADER_FUZZ_SEED");
    guint32 seed = env ? (guint32)g_ascii_strtoull(env, NULL, 0) : 0x7475727;
    g_autoptr(GRand) rng = g_rand_new_with_seed(seed);
    GByteArray *seeds[4];
    unsigned iterations = 10000;
    unsigned loaded = 0;

    g_test_message("fuzz seed 0x%x (set LOADER_FUZZ_SEED to change)", seed);
    for (int i = 0; i < 4; i++) {
        ElfBuildSpec s = spec_two_segments(i & 1, i & 2, EM_AARCH64_);
        s.segs[0].filesz = s.segs[0].memsz = 0x40;
        seeds[i] = elfb_build(&s);
    }
    for (unsigned i = 0; i < iterations; i++) {
        loaded += fuzz_one(rng, seeds[i % 4], i % 2 == 0);
    }
    g_test_message("fuzz: %u of %u corrupted files loaded, the rest refused",
                   loaded, iterations);
    /* Both outcomes must occur, or the mutations are not reaching the
     * interesting fields (or are always fatal). */
    g_assert_cmpuint(loaded, >, 0);
    g_assert_cmpuint(loaded, <, iterations);
    for (int i = 0; i < 4; i++) {
        g_byte_array_unref(seeds[i]);
    }
}

/* ---- Raw images and initrds --------------------------------------------- */

static void test_raw_image(void)
{
    uint8_t data[3000];
    g_autofree char *path = NULL;
    GError *err = NULL;
    uint64_t size = 0;

    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = i * 13 + 5;
    }
    path = write_temp("raw.bin", data, sizeof(data));
    fill_memory(0xaa);
    g_assert_true(load_image_raw(path, &as, RAM_BASE + 0x1000, UINT64_MAX,
                                 &size, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(size, ==, sizeof(data));
    g_assert_cmpmem(ram_ptr(RAM_BASE + 0x1000), sizeof(data), data,
                    sizeof(data));
    g_assert_cmphex(*ram_ptr(RAM_BASE + 0x1000 + sizeof(data)), ==, 0xaa);

    /* Exactly at the limit is fine; one byte less is not. */
    g_assert_true(load_image_raw(path, &as, RAM_BASE, sizeof(data), NULL, &err));
    g_assert_false(load_image_raw(path, &as, RAM_BASE, sizeof(data) - 1, NULL,
                                  &err));
    g_assert_cmpstr(err->message, ==,
                    "file is too large (3000 bytes, at most 2999)");
    g_clear_error(&err);

    /* Into ROM, and hanging off the end of RAM. */
    g_assert_true(load_image_raw(path, &as, ROM_BASE, UINT64_MAX, NULL, &err));
    g_assert_false(load_image_raw(path, &as, RAM_BASE + RAM_SIZE - 100,
                                  UINT64_MAX, NULL, &err));
    g_assert_cmpstr(err->message, ==, "image at 0x40ffff9c (3000 bytes) does "
                    "not fit in guest RAM");
    g_clear_error(&err);
    g_assert_false(load_image_raw(path, &as, 0xfffffffffffffc00ULL, UINT64_MAX,
                                  NULL, &err));
    g_assert_nonnull(strstr(err->message, "does not fit in guest RAM"));
    g_clear_error(&err);

    g_free(path);
    path = write_temp("empty.bin", "", 0);
    g_assert_false(load_image_raw(path, &as, RAM_BASE, UINT64_MAX, NULL, &err));
    g_assert_cmpstr(err->message, ==, "file is empty");
    g_clear_error(&err);

    g_free(path);
    path = temp_path("missing.bin");
    g_assert_false(load_image_raw(path, &as, RAM_BASE, UINT64_MAX, NULL, &err));
    g_assert_cmpstr(err->message, ==, "No such file or directory");
    g_clear_error(&err);
}

static void test_initrd(void)
{
    g_autofree uint8_t *data = g_malloc(64 * KiB);
    g_autofree char *path = NULL;
    GError *err = NULL;
    uint64_t size = 0;

    for (size_t i = 0; i < 64 * KiB; i++) {
        data[i] = g_random_int();
    }
    path = write_temp("initrd.img", data, 64 * KiB);
    g_assert_true(load_initrd(path, &as, RAM_BASE + 8 * MiB, 8 * MiB, &size,
                              &err));
    g_assert_no_error(err);
    g_assert_cmpuint(size, ==, 64 * KiB);
    g_assert_cmpmem(ram_ptr(RAM_BASE + 8 * MiB), 64 * KiB, data, 64 * KiB);

    g_assert_false(load_initrd(path, &as, RAM_BASE + 8 * MiB, 32 * KiB, &size,
                               &err));
    g_assert_cmpstr(err->message, ==, "file is too large (65536 bytes, at most "
                    "32768)");
    g_clear_error(&err);
    g_assert_false(load_initrd(path, &as, RAM_BASE + RAM_SIZE - 4 * KiB,
                               UINT64_MAX, &size, &err));
    g_assert_cmpstr(err->message, ==, "initrd at 0x40fff000 (65536 bytes) does "
                    "not fit in guest RAM");
    g_clear_error(&err);
}

/* ---- gzip ---------------------------------------------------------------- */

/* gzip-compresses data with zlib (windowBits 31: the gzip wrapper). */
static GByteArray *gzip_bytes(const void *data, size_t len)
{
    GByteArray *out = g_byte_array_new();
    z_stream zs = { 0 };

    g_assert_cmpint(deflateInit2(&zs, 6, Z_DEFLATED, 31, 8,
                                 Z_DEFAULT_STRATEGY), ==, Z_OK);
    g_byte_array_set_size(out, deflateBound(&zs, len));
    zs.next_in = (Bytef *)data;
    zs.avail_in = len;
    zs.next_out = out->data;
    zs.avail_out = out->len;
    g_assert_cmpint(deflate(&zs, Z_FINISH), ==, Z_STREAM_END);
    g_byte_array_set_size(out, zs.total_out);
    deflateEnd(&zs);
    return out;
}

/* Something like a kernel: compressible, not trivially so. */
static uint8_t *kernel_like(size_t len)
{
    uint8_t *p = g_malloc(len);
    GRand *rng = g_rand_new_with_seed(42);

    for (size_t i = 0; i < len; i++) {
        p[i] = (i % 64 < 48) ? (uint8_t)(i / 64) : g_rand_int_range(rng, 0, 4);
    }
    g_rand_free(rng);
    return p;
}

static void test_gzip_round_trip(void)
{
    size_t len = 1 * MiB + 123;
    g_autofree uint8_t *orig = kernel_like(len);
    g_autoptr(GByteArray) gz = gzip_bytes(orig, len);
    g_autofree char *path = write_temp("Image.gz", gz->data, gz->len);
    g_autoptr(GBytes) out = NULL;
    GError *err = NULL;
    uint64_t size = 0;

    g_assert_cmpuint(gz->len, <, len / 2);
    g_assert_true(load_file_maybe_gzip(path, 2 * MiB, &out, &err));
    g_assert_no_error(err);
    g_assert_cmpmem(g_bytes_get_data(out, NULL), g_bytes_get_size(out), orig,
                    len);

    fill_memory(0xaa);
    g_assert_true(load_image_gzip(path, &as, RAM_BASE + 0x200000, 2 * MiB,
                                  &size, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(size, ==, len);
    g_assert_cmpmem(ram_ptr(RAM_BASE + 0x200000), len, orig, len);

    /* A plain file passes through load_file_maybe_gzip untouched. */
    {
        g_autofree char *plain = write_temp("Image", orig, 4096);
        g_autoptr(GBytes) p = NULL;

        g_assert_true(load_file_maybe_gzip(plain, 4096, &p, &err));
        g_assert_cmpmem(g_bytes_get_data(p, NULL), g_bytes_get_size(p), orig,
                        4096);
        g_assert_false(load_file_maybe_gzip(plain, 4095, &p, &err));
        g_assert_cmpstr(err->message, ==, "file is too large (4096 bytes, at "
                        "most 4095)");
        g_clear_error(&err);
    }
}

/* Two members are one file (what "cat a.gz b.gz" gives); padding after
 * the last member is ignored. */
static void test_gzip_multi_member(void)
{
    g_autoptr(GByteArray) a = gzip_bytes("hello, ", 7);
    g_autoptr(GByteArray) b = gzip_bytes("world", 5);
    g_autoptr(GBytes) out = NULL;
    GError *err = NULL;
    static const uint8_t pad[16];

    g_byte_array_append(a, b->data, b->len);
    g_byte_array_append(a, pad, sizeof(pad));
    g_assert_true(gunzip_buffer(a->data, a->len, 100, &out, &err));
    g_assert_no_error(err);
    g_assert_cmpmem(g_bytes_get_data(out, NULL), g_bytes_get_size(out),
                    "hello, world", 12);
}

static void test_gzip_corrupt(void)
{
    size_t len = 256 * KiB;
    g_autofree uint8_t *orig = kernel_like(len);
    g_autoptr(GByteArray) gz = gzip_bytes(orig, len);
    g_autoptr(GBytes) out = NULL;
    GError *err = NULL;

    /* Flipped bits in the deflate data: refused (bad block or CRC). */
    for (size_t pos = 20; pos < gz->len - 8; pos += gz->len / 7) {
        g_autoptr(GByteArray) bad = g_byte_array_new();

        g_byte_array_append(bad, gz->data, gz->len);
        bad->data[pos] ^= 0x5a;
        g_assert_false(gunzip_buffer(bad->data, bad->len, 1 * MiB, &out, &err));
        g_assert_nonnull(err);
        g_assert_true(g_str_has_prefix(err->message, "corrupt gzip data (") ||
                      g_str_equal(err->message, "gzip data is truncated"));
        g_clear_error(&err);
    }

    /* A wrong CRC-32 in the trailer. */
    {
        g_autoptr(GByteArray) bad = g_byte_array_new();
        g_autofree char *path = NULL;

        g_byte_array_append(bad, gz->data, gz->len);
        bad->data[gz->len - 8] ^= 1;
        path = write_temp("bad-crc.gz", bad->data, bad->len);
        g_assert_false(load_image_gzip(path, &as, RAM_BASE, 1 * MiB, NULL,
                                       &err));
        g_assert_cmpstr(err->message, ==, "corrupt gzip data (incorrect data "
                        "check)");
        g_clear_error(&err);
    }

    /* Truncated streams. */
    for (size_t cut = 2; cut < gz->len; cut += gz->len / 5 + 1) {
        g_assert_false(gunzip_buffer(gz->data, cut, 1 * MiB, &out, &err));
        g_assert_cmpstr(err->message, ==, "gzip data is truncated");
        g_clear_error(&err);
    }
    g_assert_false(gunzip_buffer(gz->data, gz->len - 1, 1 * MiB, &out, &err));
    g_assert_cmpstr(err->message, ==, "gzip data is truncated");
    g_clear_error(&err);

    /* Not gzip at all. */
    g_assert_false(gunzip_buffer("abc", 3, 100, &out, &err));
    g_assert_cmpstr(err->message, ==, "not a gzip file");
    g_clear_error(&err);
    g_assert_false(gunzip_buffer("\x1f\x8b\x01", 3, 100, &out, &err));
    g_clear_error(&err);
}

static void test_gzip_max_size(void)
{
    /* 32 MiB of zeros: a few dozen KiB compressed. */
    size_t len = 32 * MiB;
    g_autofree uint8_t *zeros = g_malloc0(len);
    g_autoptr(GByteArray) gz = gzip_bytes(zeros, len);
    g_autofree char *path = write_temp("bomb.gz", gz->data, gz->len);
    g_autoptr(GBytes) out = NULL;
    GError *err = NULL;

    g_assert_cmpuint(gz->len, <, 64 * KiB);
    g_assert_false(load_file_maybe_gzip(path, 1 * MiB, &out, &err));
    g_assert_cmpstr(err->message, ==, "decompressed size exceeds the limit of "
                    "1048576 bytes");
    g_clear_error(&err);
    g_assert_null(out);

    /* The exact size is accepted, one byte less is not. */
    g_assert_true(gunzip_buffer(gz->data, gz->len, len, &out, &err));
    g_assert_cmpuint(g_bytes_get_size(out), ==, len);
    g_clear_pointer(&out, g_bytes_unref);
    g_assert_false(gunzip_buffer(gz->data, gz->len, len - 1, &out, &err));
    g_clear_error(&err);

    /* Fits the limit, but not the RAM at the address. */
    g_assert_false(load_image_gzip(path, &as, RAM_BASE, 64 * MiB, NULL, &err));
    g_assert_cmpstr(err->message, ==, "image at 0x40000000 (33554432 bytes) "
                    "does not fit in guest RAM");
    g_clear_error(&err);
}

/* Randomly corrupted streams are refused or inflated within the limit,
 * never a crash or an overread (run under a sanitizer to see the latter). */
static void test_gzip_fuzz(void)
{
    size_t len = 16 * KiB;
    g_autofree uint8_t *orig = kernel_like(len);
    g_autoptr(GByteArray) gz = gzip_bytes(orig, len);
    g_autoptr(GRand) rng = g_rand_new_with_seed(0x677a);
    unsigned refused = 0;

    for (int i = 0; i < 2000; i++) {
        g_autofree uint8_t *bad = g_memdup2(gz->data, gz->len);
        size_t blen = gz->len;
        g_autoptr(GBytes) out = NULL;
        GError *err = NULL;
        unsigned nmut = g_rand_int_range(rng, 1, 5);

        for (unsigned m = 0; m < nmut; m++) {
            bad[g_rand_int_range(rng, 2, blen)] = g_rand_int_range(rng, 0, 256);
        }
        if (g_rand_boolean(rng)) {
            blen = g_rand_int_range(rng, 2, blen + 1);
        }
        if (gunzip_buffer(bad, blen, len, &out, &err)) {
            g_assert_cmpuint(g_bytes_get_size(out), <=, len);
        } else {
            g_assert_nonnull(err);
            g_clear_error(&err);
            refused++;
        }
    }
    g_assert_cmpuint(refused, >, 0);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    if (argc > 1) {
        cross_elf_path = argv[1];
    }
    tmpdir = g_dir_make_tmp("turtle-loader-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    setup_memory();

    g_test_add_func("/loader/elf/elf64-le", test_elf64_le);
    g_test_add_func("/loader/elf/elf64-be", test_elf64_be);
    g_test_add_func("/loader/elf/elf32-le", test_elf32_le);
    g_test_add_func("/loader/elf/elf32-be", test_elf32_be);
    g_test_add_func("/loader/elf/byte-order-fields", test_elf_byte_order_fields);
    g_test_add_func("/loader/elf/entry-phys", test_elf_entry_phys);
    g_test_add_func("/loader/elf/rom-and-skipped", test_elf_rom_and_skipped_segments);
    g_test_add_func("/loader/elf/cross-compiled", test_elf_cross_compiled);
    g_test_add_func("/loader/elf/wrong-machine", test_elf_wrong_machine);
    g_test_add_func("/loader/elf/not-elf", test_elf_not_elf);
    g_test_add_func("/loader/elf/bad-ident", test_elf_bad_ident);
    g_test_add_func("/loader/elf/truncated", test_elf_truncated);
    g_test_add_func("/loader/elf/phdrs-past-eof", test_elf_phdrs_past_eof);
    g_test_add_func("/loader/elf/filesz-over-memsz", test_elf_filesz_over_memsz);
    g_test_add_func("/loader/elf/no-load-segments", test_elf_no_load_segments);
    g_test_add_func("/loader/elf/overlap", test_elf_overlap);
    g_test_add_func("/loader/elf/outside-ram", test_elf_outside_ram);
    g_test_add_func("/loader/elf/huge-memsz", test_elf_huge_memsz);
    g_test_add_func("/loader/elf/fuzz", test_elf_fuzz);
    g_test_add_func("/loader/raw", test_raw_image);
    g_test_add_func("/loader/initrd", test_initrd);
    g_test_add_func("/loader/gzip/round-trip", test_gzip_round_trip);
    g_test_add_func("/loader/gzip/multi-member", test_gzip_multi_member);
    g_test_add_func("/loader/gzip/corrupt", test_gzip_corrupt);
    g_test_add_func("/loader/gzip/max-size", test_gzip_max_size);
    g_test_add_func("/loader/gzip/fuzz", test_gzip_fuzz);

    ret = g_test_run();

    {
        g_autoptr(GDir) d = g_dir_open(tmpdir, 0, NULL);
        const char *name;

        while (d && (name = g_dir_read_name(d))) {
            g_autofree char *p = g_build_filename(tmpdir, name, NULL);
            g_unlink(p);
        }
        g_rmdir(tmpdir);
    }
    g_free(tmpdir);
    return ret;
}
