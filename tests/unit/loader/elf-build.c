/*
 * elf-build.c — the ELF writer of the loader tests (see elf-build.h).
 *
 * Field offsets are written out from the System V ABI tables rather than
 * taken from <elf.h>, so that the tests check the loader against an
 * independent description of the format.
 */
#include "elf-build.h"

void elfb_put(GByteArray *b, bool big_endian, size_t off, unsigned len,
              uint64_t v)
{
    g_assert(off + len <= b->len);
    for (unsigned i = 0; i < len; i++) {
        unsigned shift = big_endian ? (len - 1 - i) * 8 : i * 8;
        b->data[off + i] = v >> shift;
    }
}

size_t elfb_phoff(const ElfBuildSpec *spec)
{
    return spec->is64 ? 64 : 52;
}

size_t elfb_phentsize(const ElfBuildSpec *spec)
{
    return spec->is64 ? 56 : 32;
}

GByteArray *elfb_build(const ElfBuildSpec *spec)
{
    GByteArray *b = g_byte_array_new();
    bool be = spec->big_endian;
    size_t ehsize = elfb_phoff(spec);
    size_t phentsize = elfb_phentsize(spec);
    size_t data_off = ehsize + phentsize * spec->nr_segs;
    size_t total = data_off;

    for (unsigned i = 0; i < spec->nr_segs; i++) {
        total += spec->segs[i].filesz;
    }
    g_byte_array_set_size(b, total);
    memset(b->data, 0, total);

    /* e_ident */
    memcpy(b->data, "\x7f" "ELF", 4);
    b->data[4] = spec->is64 ? 2 : 1;            /* EI_CLASS */
    b->data[5] = be ? 2 : 1;                    /* EI_DATA */
    b->data[6] = 1;                             /* EI_VERSION */

    elfb_put(b, be, 16, 2, spec->type ? spec->type : 2);   /* e_type */
    elfb_put(b, be, 18, 2, spec->machine);                 /* e_machine */
    elfb_put(b, be, 20, 4, 1);                             /* e_version */
    if (spec->is64) {
        elfb_put(b, be, 24, 8, spec->entry);               /* e_entry */
        elfb_put(b, be, 32, 8, ehsize);                    /* e_phoff */
        elfb_put(b, be, 40, 8, 0);                         /* e_shoff */
        elfb_put(b, be, 52, 2, ehsize);                    /* e_ehsize */
        elfb_put(b, be, 54, 2, phentsize);                 /* e_phentsize */
        elfb_put(b, be, 56, 2, spec->nr_segs);             /* e_phnum */
    } else {
        elfb_put(b, be, 24, 4, spec->entry);
        elfb_put(b, be, 28, 4, ehsize);
        elfb_put(b, be, 32, 4, 0);
        elfb_put(b, be, 40, 2, ehsize);
        elfb_put(b, be, 42, 2, phentsize);
        elfb_put(b, be, 44, 2, spec->nr_segs);
    }

    for (unsigned i = 0; i < spec->nr_segs; i++) {
        const ElfBuildSeg *s = &spec->segs[i];
        size_t ph = ehsize + i * phentsize;
        uint32_t type = s->type ? s->type : 1;
        uint64_t vaddr = s->vaddr ? s->vaddr : s->paddr;

        if (spec->is64) {
            elfb_put(b, be, ph + 0, 4, type);           /* p_type */
            elfb_put(b, be, ph + 4, 4, 7);              /* p_flags RWX */
            elfb_put(b, be, ph + 8, 8, data_off);       /* p_offset */
            elfb_put(b, be, ph + 16, 8, vaddr);         /* p_vaddr */
            elfb_put(b, be, ph + 24, 8, s->paddr);      /* p_paddr */
            elfb_put(b, be, ph + 32, 8, s->filesz);     /* p_filesz */
            elfb_put(b, be, ph + 40, 8, s->memsz);      /* p_memsz */
            elfb_put(b, be, ph + 48, 8, 4096);          /* p_align */
        } else {
            elfb_put(b, be, ph + 0, 4, type);
            elfb_put(b, be, ph + 4, 4, data_off);
            elfb_put(b, be, ph + 8, 4, vaddr);
            elfb_put(b, be, ph + 12, 4, s->paddr);
            elfb_put(b, be, ph + 16, 4, s->filesz);
            elfb_put(b, be, ph + 20, 4, s->memsz);
            elfb_put(b, be, ph + 24, 4, 7);
            elfb_put(b, be, ph + 28, 4, 4096);
        }
        for (uint64_t o = 0; o < s->filesz; o++) {
            b->data[data_off + o] = s->data ? ((const uint8_t *)s->data)[o]
                                            : elfb_pattern_byte(i, o);
        }
        data_off += s->filesz;
    }
    return b;
}
