/*
 * disas.c — capstone-backed disassembly for logs, the monitor and the
 * debugger (see include/util/disas.h).
 *
 * Opening a capstone handle costs more than disassembling a block, and
 * -d in_asm/out_asm disassembles every translated block, so each thread
 * keeps its handles open in a small cache keyed by (arch, mode).
 */
#include "util/osdep.h"
#include "util/disas.h"

#include <capstone/capstone.h>

#define DISAS_CACHE_SIZE 4

typedef struct DisasHandle {
    bool valid;
    int arch;
    int mode;
    csh handle;
    cs_insn *insn;              /* scratch for cs_disasm_iter */
} DisasHandle;

static __thread DisasHandle disas_cache[DISAS_CACHE_SIZE];
static __thread unsigned disas_cache_next;

/* The open handle for (arch, mode), or NULL if capstone refuses it. */
static DisasHandle *disas_get_handle(int arch, int mode)
{
    DisasHandle *h;

    for (unsigned i = 0; i < DISAS_CACHE_SIZE; i++) {
        h = &disas_cache[i];
        if (h->valid && h->arch == arch && h->mode == mode) {
            return h;
        }
    }

    /* Round-robin replacement: a thread rarely uses more than two. */
    h = &disas_cache[disas_cache_next];
    disas_cache_next = (disas_cache_next + 1) % DISAS_CACHE_SIZE;
    if (h->valid) {
        cs_free(h->insn, 1);
        cs_close(&h->handle);
        h->valid = false;
    }
    if (cs_open(arch, mode, &h->handle) != CS_ERR_OK) {
        return NULL;
    }
    h->insn = cs_malloc(h->handle);
    if (!h->insn) {
        cs_close(&h->handle);
        return NULL;
    }
    h->arch = arch;
    h->mode = mode;
    h->valid = true;
    return h;
}

bool disas_arch_supported(int cs_arch)
{
    return cs_support(cs_arch);
}

/* How instruction bytes are grouped for display. */
static unsigned disas_unit_size(int arch, int mode)
{
    if (arch == CS_ARCH_ARM64) {
        return 4;
    }
    if (arch == CS_ARCH_ARM) {
        return (mode & CS_MODE_THUMB) ? 2 : 4;
    }
    return 1;
}

/*
 * Length of the instruction at p that capstone could not decode, so that
 * the listing resumes at the next instruction boundary. For variable-length
 * sets whose length is encoded up front we honour it; for x86 one byte is
 * all we can skip with confidence.
 */
static size_t disas_bad_length(int arch, int mode, const uint8_t *p,
                               size_t avail)
{
    switch (arch) {
    case CS_ARCH_ARM64:
        return 4;
    case CS_ARCH_ARM:
        if (!(mode & CS_MODE_THUMB)) {
            return 4;
        }
        /* Thumb: a first halfword with bits [15:11] = 0b11101, 0b11110 or
         * 0b11111 starts a 32-bit instruction (Arm ARM A6.1). */
        if (avail >= 2) {
            uint16_t hw = (mode & CS_MODE_BIG_ENDIAN) ? (p[0] << 8) | p[1]
                                                      : (p[1] << 8) | p[0];
            return (hw >> 11) >= 0x1d ? 4 : 2;
        }
        return 2;
    case CS_ARCH_SYSZ:
        /* The two top bits of the first opcode byte give the length:
         * 00 -> 2, 01/10 -> 4, 11 -> 6 bytes (z/Architecture PoO, ch. 5). */
        return (p[0] >> 6) == 0 ? 2 : (p[0] >> 6) == 3 ? 6 : 4;
    default:
        return 1;
    }
}

/* Appends the bytes of one instruction, grouped in units, padded to width. */
static void disas_put_bytes(GString *out, int mode, unsigned unit,
                            const uint8_t *p, size_t len, int width)
{
    size_t start = out->len;
    bool be = mode & CS_MODE_BIG_ENDIAN;

    if (unit > 1 && len % unit == 0) {
        for (size_t i = 0; i < len; i += unit) {
            uint32_t v = 0;

            for (unsigned b = 0; b < unit; b++) {
                unsigned shift = be ? (unit - 1 - b) * 8 : b * 8;
                v |= (uint32_t)p[i + b] << shift;
            }
            g_string_append_printf(out, "%s%0*x", i ? " " : "", unit * 2, v);
        }
    } else {
        for (size_t i = 0; i < len; i++) {
            g_string_append_printf(out, "%s%02x", i ? " " : "", p[i]);
        }
    }
    while ((int)(out->len - start) < width) {
        g_string_append_c(out, ' ');
    }
}

static void disas_put_line(GString *out, int mode, unsigned unit, int width,
                           uint64_t addr, const uint8_t *p, size_t len,
                           const char *mnemonic, const char *operands)
{
    g_string_append_printf(out, "0x%016" PRIx64 ":  ", addr);
    disas_put_bytes(out, mode, unit, p, len, width);
    g_string_append(out, "  ");
    if (operands && operands[0]) {
        g_string_append_printf(out, "%-8s %s\n", mnemonic, operands);
    } else {
        g_string_append_printf(out, "%s\n", mnemonic);
    }
}

size_t disas_guest(GString *out, int cs_arch, int cs_mode, const void *code,
                   size_t size, uint64_t addr, size_t max_insns)
{
    DisasHandle *h = disas_get_handle(cs_arch, cs_mode);
    unsigned unit = disas_unit_size(cs_arch, cs_mode);
    /* Room for "d503201f" on word-based sets, eight bytes on the others. */
    int width = unit > 1 ? 8 : 23;
    const uint8_t *p = code;
    size_t lines = 0;

    if (!h) {
        g_string_append_printf(out, "0x%016" PRIx64 ":  (no disassembler "
                               "for capstone arch %d mode 0x%x)\n",
                               addr, cs_arch, (unsigned)cs_mode);
        return 1;
    }

    while (size > 0 && (max_insns == 0 || lines < max_insns)) {
        const uint8_t *next = p;
        size_t left = size;
        uint64_t next_addr = addr;

        if (cs_disasm_iter(h->handle, &next, &left, &next_addr, h->insn)) {
            disas_put_line(out, cs_mode, unit, width, addr, p, h->insn->size,
                           h->insn->mnemonic, h->insn->op_str);
            p = next;
            size = left;
            addr = next_addr;
        } else {
            size_t len = disas_bad_length(cs_arch, cs_mode, p, size);
            g_autoptr(GString) word = g_string_new(NULL);

            if (len > size) {
                /* The tail is shorter than one instruction: show it as
                 * bytes and stop. */
                for (size_t i = 0; i < size; i++) {
                    g_string_append_printf(word, "%s0x%02x", i ? ", " : "",
                                           p[i]);
                }
                disas_put_line(out, cs_mode, 1, width, addr, p, size,
                               ".byte", word->str);
                lines++;
                break;
            }
            if (cs_arch == CS_ARCH_X86) {
                disas_put_line(out, cs_mode, unit, width, addr, p, len,
                               "(bad)", NULL);
            } else {
                /* The encoding as the manual writes it: a word in the
                 * instruction stream's byte order. */
                uint64_t v = 0;
                bool be = cs_mode & CS_MODE_BIG_ENDIAN;

                if (unit > 1) {
                    /* Units in stream order, the first most significant
                     * (how a 32-bit Thumb encoding is written). */
                    for (size_t i = 0; i < len; i += unit) {
                        uint64_t u = 0;

                        for (unsigned b = 0; b < unit; b++) {
                            unsigned shift = be ? (unit - 1 - b) * 8 : b * 8;
                            u |= (uint64_t)p[i + b] << shift;
                        }
                        v = (v << (unit * 8)) | u;
                    }
                } else {
                    for (size_t i = 0; i < len; i++) {
                        v = (v << 8) | p[i];
                    }
                }
                g_string_append_printf(word, "0x%0*" PRIx64, (int)len * 2, v);
                disas_put_line(out, cs_mode, unit, width, addr, p, len,
                               ".inst", word->str);
            }
            p += len;
            size -= len;
            addr += len;
        }
        lines++;
    }
    return lines;
}

void disas_host(GString *out, const void *code, size_t size, uint64_t addr)
{
#if defined(__x86_64__)
    disas_guest(out, CS_ARCH_X86, CS_MODE_64, code, size, addr, 0);
#elif defined(__aarch64__)
    disas_guest(out, CS_ARCH_ARM64, CS_MODE_ARM, code, size, addr, 0);
#else
    g_string_append_printf(out, "0x%016" PRIx64 ":  (no disassembler for "
                           "this host, %zu bytes)\n", addr, size);
#endif
}
