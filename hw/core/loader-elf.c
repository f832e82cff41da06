/*
 * loader-elf.c — loading ELF32/ELF64 executables of either byte order into
 * guest memory (see include/hw/loader.h).
 *
 * The file is untrusted input: every field is read through bounds-checked
 * accessors, every offset and size is checked against the file size with
 * overflow-safe arithmetic, and the whole image is validated before the
 * first byte is written. Layouts follow the System V ABI, "Object Files"
 * (ELF header, program header); only PT_LOAD segments are used, at their
 * physical addresses (p_paddr).
 */
#include "util/osdep.h"
#include "util/error.h"
#include "hw/loader.h"
#include "loader-internal.h"

#include <assert.h>
#include <elf.h>

/* One PT_LOAD segment, in host form. */
typedef struct ElfSegment {
    unsigned index;             /* program header number, for messages */
    uint64_t offset;
    uint64_t vaddr;
    uint64_t paddr;
    uint64_t filesz;
    uint64_t memsz;
} ElfSegment;

/* The file and how to read its fields. */
typedef struct ElfFile {
    const uint8_t *data;
    size_t size;
    bool is64;
    bool big_endian;
} ElfFile;

/* Offset and size of a field of one of <elf.h>'s structs. */
#define ELF_FIELD(type, field) offsetof(type, field), sizeof(((type *)0)->field)

/*
 * Reads an unsigned field of len bytes at off in the file's byte order. The
 * callers have checked that [off, off+len) is inside the file; the assert
 * guards against an emulator bug, never against the file's contents.
 */
static uint64_t elf_read(const ElfFile *f, uint64_t off, size_t len)
{
    uint64_t v = 0;

    assert(len <= 8 && off <= f->size && len <= f->size - off);
    for (size_t i = 0; i < len; i++) {
        unsigned shift = f->big_endian ? (len - 1 - i) * 8 : i * 8;
        v |= (uint64_t)f->data[off + i] << shift;
    }
    return v;
}

/* Field of the ELF header: the right one of the 32- and 64-bit forms. */
#define EHDR(f, field) \
    ((f)->is64 ? elf_read((f), ELF_FIELD(Elf64_Ehdr, field)) \
               : elf_read((f), ELF_FIELD(Elf32_Ehdr, field)))
/* Field of the program header at byte offset base. */
#define PHDR(f, base, field) \
    ((f)->is64 ? elf_read((f), (base) + offsetof(Elf64_Phdr, field), \
                          sizeof(((Elf64_Phdr *)0)->field)) \
               : elf_read((f), (base) + offsetof(Elf32_Phdr, field), \
                          sizeof(((Elf32_Phdr *)0)->field)))

static const struct {
    uint16_t machine;
    const char *name;
} elf_machines[] = {
    { EM_NONE, "EM_NONE" },
    { EM_SPARC, "EM_SPARC" },
    { EM_386, "EM_386" },
    { EM_68K, "EM_68K" },
    { EM_MIPS, "EM_MIPS" },
    { EM_PARISC, "EM_PARISC" },
    { EM_PPC, "EM_PPC" },
    { EM_PPC64, "EM_PPC64" },
    { EM_S390, "EM_S390" },
    { EM_ARM, "EM_ARM" },
    { EM_SH, "EM_SH" },
    { EM_SPARCV9, "EM_SPARCV9" },
    { EM_IA_64, "EM_IA_64" },
    { EM_X86_64, "EM_X86_64" },
    { EM_AARCH64, "EM_AARCH64" },
    { EM_RISCV, "EM_RISCV" },
    { EM_BPF, "EM_BPF" },
    { 258 /* EM_LOONGARCH */, "EM_LOONGARCH" },
};

const char *elf_machine_name(uint16_t machine)
{
    static __thread char buf[24];

    for (size_t i = 0; i < ARRAY_SIZE(elf_machines); i++) {
        if (elf_machines[i].machine == machine) {
            return elf_machines[i].name;
        }
    }
    snprintf(buf, sizeof(buf), "machine %u", machine);
    return buf;
}

bool elf_has_magic(const void *data, size_t size)
{
    return size >= SELFMAG && memcmp(data, ELFMAG, SELFMAG) == 0;
}

/* e_ident, the ELF header and e_machine. */
static bool elf_check_header(ElfFile *f, uint16_t expected_machine,
                             GError **errp)
{
    const uint8_t *id = f->data;
    size_t ehdr_size;
    uint64_t type, machine;

    if (!elf_has_magic(f->data, f->size)) {
        error_setg(errp, "not an ELF file");
        return false;
    }
    if (f->size < EI_NIDENT) {
        error_setg(errp, "file is truncated (ELF header)");
        return false;
    }
    if (id[EI_CLASS] != ELFCLASS32 && id[EI_CLASS] != ELFCLASS64) {
        error_setg(errp, "unknown ELF class %u", id[EI_CLASS]);
        return false;
    }
    if (id[EI_DATA] != ELFDATA2LSB && id[EI_DATA] != ELFDATA2MSB) {
        error_setg(errp, "unknown ELF data encoding %u", id[EI_DATA]);
        return false;
    }
    if (id[EI_VERSION] != EV_CURRENT) {
        error_setg(errp, "unsupported ELF version %u", id[EI_VERSION]);
        return false;
    }
    f->is64 = id[EI_CLASS] == ELFCLASS64;
    f->big_endian = id[EI_DATA] == ELFDATA2MSB;
    ehdr_size = f->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
    if (f->size < ehdr_size) {
        error_setg(errp, "file is truncated (ELF header)");
        return false;
    }

    type = EHDR(f, e_type);
    switch (type) {
    case ET_EXEC:
    case ET_DYN:        /* position-independent: loaded where it says */
        break;
    case ET_REL:
        error_setg(errp, "ELF is a relocatable object (ET_REL), "
                   "not an executable");
        return false;
    case ET_CORE:
        error_setg(errp, "ELF is a core dump (ET_CORE), not an executable");
        return false;
    default:
        error_setg(errp, "ELF type %" PRIu64 " is not an executable", type);
        return false;
    }

    machine = EHDR(f, e_machine);
    if (expected_machine != LOADER_EM_ANY && machine != expected_machine) {
        /* elf_machine_name's buffer is per call for unknown values: copy. */
        g_autofree char *found = g_strdup(elf_machine_name(machine));

        error_setg(errp, "ELF is for %s, expected %s", found,
                   elf_machine_name(expected_machine));
        return false;
    }
    return true;
}

/*
 * Reads and checks the program headers; fills segs with the PT_LOAD
 * segments that occupy memory.
 */
static bool elf_read_segments(const ElfFile *f, GArray *segs, GError **errp)
{
    uint64_t phoff = EHDR(f, e_phoff);
    uint64_t phnum = EHDR(f, e_phnum);
    uint64_t phentsize = EHDR(f, e_phentsize);
    size_t want = f->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
    uint64_t addr_limit = f->is64 ? UINT64_MAX : UINT32_MAX;

    if (phnum == 0) {
        error_setg(errp, "no loadable segments");
        return false;
    }
    if (phnum == PN_XNUM) {
        error_setg(errp, "too many program headers (extended numbering "
                   "is not supported)");
        return false;
    }
    if (phentsize != want) {
        error_setg(errp, "bad program header size %" PRIu64 " (expected %zu)",
                   phentsize, want);
        return false;
    }
    /* phnum < 2^16 and phentsize < 2^16: the product cannot overflow. */
    if (phoff > f->size || phnum * phentsize > f->size - phoff) {
        error_setg(errp, "file is truncated (program headers at offset 0x%"
                   PRIx64 " end past the end of the %zu-byte file)",
                   phoff, f->size);
        return false;
    }

    for (unsigned i = 0; i < phnum; i++) {
        uint64_t base = phoff + i * phentsize;
        ElfSegment s = { .index = i };

        if (PHDR(f, base, p_type) != PT_LOAD) {
            continue;
        }
        s.offset = PHDR(f, base, p_offset);
        s.vaddr = PHDR(f, base, p_vaddr);
        s.paddr = PHDR(f, base, p_paddr);
        s.filesz = PHDR(f, base, p_filesz);
        s.memsz = PHDR(f, base, p_memsz);

        if (s.filesz > s.memsz) {
            error_setg(errp, "segment %u: file size 0x%" PRIx64
                       " is larger than its memory size 0x%" PRIx64,
                       i, s.filesz, s.memsz);
            return false;
        }
        if (s.offset > f->size || s.filesz > f->size - s.offset) {
            error_setg(errp, "file is truncated (segment %u: data at offset "
                       "0x%" PRIx64 ", 0x%" PRIx64 " bytes, past the end of "
                       "the %zu-byte file)", i, s.offset, s.filesz, f->size);
            return false;
        }
        if (s.memsz == 0) {
            continue;
        }
        if (s.memsz - 1 > addr_limit - s.paddr) {
            error_setg(errp, "segment %u at 0x%" PRIx64 " (0x%" PRIx64
                       " bytes) wraps around the end of the address space",
                       i, s.paddr, s.memsz);
            return false;
        }
        g_array_append_val(segs, s);
    }
    if (segs->len == 0) {
        error_setg(errp, "no loadable segments");
        return false;
    }
    return true;
}

static gint elf_segment_cmp(gconstpointer a, gconstpointer b)
{
    const ElfSegment *sa = a, *sb = b;

    return sa->paddr < sb->paddr ? -1 : sa->paddr > sb->paddr;
}

/* Segments sorted by paddr must not overlap, and all must be RAM/ROM. */
static bool elf_check_placement(GArray *segs, AddressSpace *as, GError **errp)
{
    g_array_sort(segs, elf_segment_cmp);
    for (unsigned i = 0; i < segs->len; i++) {
        const ElfSegment *s = &g_array_index(segs, ElfSegment, i);

        if (i > 0) {
            const ElfSegment *p = &g_array_index(segs, ElfSegment, i - 1);

            /* p->paddr <= s->paddr; p's last byte is p->paddr + memsz - 1. */
            if (s->paddr - p->paddr < p->memsz) {
                error_setg(errp, "segments %u (0x%" PRIx64 "..0x%" PRIx64
                           ") and %u (0x%" PRIx64 "..0x%" PRIx64 ") overlap",
                           p->index, p->paddr, p->paddr + p->memsz - 1,
                           s->index, s->paddr, s->paddr + s->memsz - 1);
                return false;
            }
        }
        if (!loader_check_ram(as, s->paddr, s->memsz, "segment", errp)) {
            return false;
        }
    }
    return true;
}

bool load_elf_from_buffer(const void *data, size_t size, AddressSpace *as,
                          uint16_t expected_machine, LoadedImage *out,
                          GError **errp)
{
    ElfFile f = { .data = data, .size = size };
    g_autoptr(GArray) segs = g_array_new(false, false, sizeof(ElfSegment));
    LoadedImage img = { 0 };

    if (!elf_check_header(&f, expected_machine, errp) ||
        !elf_read_segments(&f, segs, errp) ||
        !elf_check_placement(segs, as, errp)) {
        return false;
    }

    img.entry = EHDR(&f, e_entry);
    img.entry_phys = img.entry;
    img.machine = EHDR(&f, e_machine);
    img.elf_class = f.is64 ? 64 : 32;
    img.big_endian = f.big_endian;
    img.low_addr = UINT64_MAX;

    for (unsigned i = 0; i < segs->len; i++) {
        const ElfSegment *s = &g_array_index(segs, ElfSegment, i);

        if (!load_blob(as, s->paddr, f.data + s->offset, s->filesz,
                       "segment", errp) ||
            !load_blob(as, s->paddr + s->filesz, NULL, s->memsz - s->filesz,
                       "segment", errp)) {
            return false;
        }
        img.low_addr = MIN(img.low_addr, s->paddr);
        /* 0 if the segment ends at the very top of the space. */
        img.high_addr = MAX(img.high_addr, s->paddr + s->memsz);
        img.size += s->memsz;
        img.nr_segments++;
        if (img.entry >= s->vaddr && img.entry - s->vaddr < s->memsz) {
            img.entry_phys = img.entry - s->vaddr + s->paddr;
        }
    }
    if (out) {
        *out = img;
    }
    return true;
}

bool load_elf(const char *path, AddressSpace *as, uint16_t expected_machine,
              LoadedImage *out, GError **errp)
{
    g_autoptr(GBytes) bytes = NULL;
    gsize size;
    const void *data;

    /* Read, not mapped: a file truncated by someone else while we look at
     * it must be an error, not a SIGBUS. */
    if (!loader_read_file(path, UINT64_MAX, &bytes, errp)) {
        return false;
    }
    data = g_bytes_get_data(bytes, &size);
    return load_elf_from_buffer(data, size, as, expected_machine, out, errp);
}
