/*
 * disas.h — disassembly for logs, the monitor and the debugger, done by
 * capstone.
 *
 * One line per instruction:
 *
 *     0x0000000040080000:  d503201f  nop
 *     0x0000000040080008:  d2800020  movz     x0, #0x1
 *     0x0000000040080010:  ffffffff  .inst    0xffffffff
 *     0x00007f0000001000:  48 89 e5                 mov      rbp, rsp
 *     0x00007f0000001003:  06                       (bad)
 *
 * the address, the encoding (32-bit words for AArch64 and A32, 16-bit units
 * for Thumb, bytes for everything else), the mnemonic and the operands.
 * Bytes capstone cannot decode do not stop the listing: they print as
 * ".inst 0x..." (fixed-length instruction sets, one instruction's worth) or
 * "(bad)" (x86, one byte), and decoding goes on after them.
 *
 * cs_arch/cs_mode are capstone's CS_ARCH_* and CS_MODE_* values; include
 * <capstone/capstone.h> for them (util_dep brings its include path).
 */
#ifndef TURTLE_UTIL_DISAS_H
#define TURTLE_UTIL_DISAS_H

#include "util/osdep.h"

/*
 * Appends the disassembly of size bytes of code (at guest address addr) to
 * out, stopping after max_insns lines (0: no limit). Returns the number of
 * lines written.
 */
size_t disas_guest(GString *out, int cs_arch, int cs_mode, const void *code,
                   size_t size, uint64_t addr, size_t max_insns);

/* The same for code the translator generated for the host (-d out_asm). */
void disas_host(GString *out, const void *code, size_t size, uint64_t addr);

/* True if capstone was built with this architecture. */
bool disas_arch_supported(int cs_arch);

#endif
