/*
 * cross-start.S — a tiny AArch64 program built by the real cross toolchain
 * (aarch64-linux-gnu-gcc) so that the loader is also tested on a linker's
 * output: a text segment, a data word and a bss area.
 */
    .text
    .global _start
_start:
    nop
    ret

    .data
    .word 0x7e57da7a

    .bss
    .space 4096
