/*
 * cpu-disas.c — cpu_disas(): disassembly of guest code as a CPU sees it,
 * for -d in_asm, the monitor and the debugger (see hw/core/cpu.h).
 *
 * The bytes are read through cpu_memory_rw_debug(), i.e. through the CPU's
 * current translation, without side effects; the CPU class says through its
 * disas_config hook which capstone architecture and mode apply in its
 * current state (A64 or A32/T32, x86 16/32/64-bit, endianness).
 */
#include "util/osdep.h"
#include "util/disas.h"
#include "hw/core/cpu.h"

/* The longest instruction of any guest (x86: 15 bytes), rounded up. */
#define CPU_DISAS_MAX_INSN_LEN 16

/*
 * Reads as much of [addr, addr + len) as the CPU can see, stopping at the
 * first byte it cannot; returns the number of bytes read.
 */
static size_t cpu_disas_read(CPUState *cpu, vaddr addr, uint8_t *buf,
                             size_t len)
{
    size_t got = 0;

    while (got < len) {
        vaddr a = addr + got;
        /* One translation granule at a time: a later page may be unmapped. */
        size_t chunk = MIN(len - got,
                           (size_t)(PHYS_PAGE_SIZE - (a & ~PHYS_PAGE_MASK)));

        if (cpu_memory_rw_debug(cpu, a, buf + got, chunk, false)) {
            got += chunk;
            continue;
        }
        /* Part of the page may still be readable (RAM ending inside it). */
        while (chunk-- && cpu_memory_rw_debug(cpu, addr + got, buf + got, 1,
                                              false)) {
            got++;
        }
        break;
    }
    return got;
}

void cpu_disas(CPUState *cpu, GString *out, vaddr addr, size_t len_or_count,
               bool count_insns)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);
    int arch = 0, mode = 0;
    size_t want, got, lines = 0;
    g_autofree uint8_t *buf = NULL;

    if (len_or_count == 0) {
        return;
    }
    if (!cc->disas_config) {
        g_string_append_printf(out, "0x%016" VADDR_PRIx ":  (this CPU has no "
                               "disassembler)\n", addr);
        return;
    }
    cc->disas_config(cpu, &arch, &mode);

    want = count_insns ? MIN(len_or_count, (size_t)1 << 20) *
                         CPU_DISAS_MAX_INSN_LEN
                       : MIN(len_or_count, (size_t)64 << 20);
    buf = g_malloc(want);
    got = cpu_disas_read(cpu, addr, buf, want);
    if (got) {
        lines = disas_guest(out, arch, mode, buf, got, addr,
                            count_insns ? len_or_count : 0);
    }
    /* Say why the listing is short, if it is. */
    if (got < want && (!count_insns || lines < len_or_count)) {
        g_string_append_printf(out, "0x%016" VADDR_PRIx ":  (cannot read "
                               "guest memory)\n", (vaddr)(addr + got));
    }
}
