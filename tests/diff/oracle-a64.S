/*
 * oracle-a64.S — entry point and block runner of the differential test's
 * oracle (a freestanding aarch64 Linux program, run under qemu-aarch64).
 *
 *   _start       passes the initial stack (argc, argv) to oracle_main
 *   run_blob     runs one case's code: saves the callee-saved registers,
 *                points SP at the state area, stores its return address
 *                there (the epilogue returns through it) and jumps to it;
 *                returns 0, or the signal number when oracle-a64.c's
 *                handler sends a faulting case to run_recover
 */
    .text
    .global _start
_start:
    mov     x0, sp
    bl      oracle_main
    mov     x8, #93             /* exit */
    svc     #0

    .global run_blob
run_blob:                       /* x0 = code, x1 = state */
    sub     sp, sp, #176
    stp     x19, x20, [sp, #0]
    stp     x21, x22, [sp, #16]
    stp     x23, x24, [sp, #32]
    stp     x25, x26, [sp, #48]
    stp     x27, x28, [sp, #64]
    stp     x29, x30, [sp, #80]
    stp     d8, d9, [sp, #96]
    stp     d10, d11, [sp, #112]
    stp     d12, d13, [sp, #128]
    stp     d14, d15, [sp, #144]
    adrp    x2, saved_sp
    add     x2, x2, :lo12:saved_sp
    mov     x3, sp
    str     x3, [x2]
    adr     x3, 1f
    str     x3, [x1, #256]
    mov     sp, x1
    br      x0
1:  mov     x0, #0
    .global run_recover
run_recover:                    /* x0 = status */
    adrp    x2, saved_sp
    add     x2, x2, :lo12:saved_sp
    ldr     x3, [x2]
    mov     sp, x3
    ldp     x19, x20, [sp, #0]
    ldp     x21, x22, [sp, #16]
    ldp     x23, x24, [sp, #32]
    ldp     x25, x26, [sp, #48]
    ldp     x27, x28, [sp, #64]
    ldp     x29, x30, [sp, #80]
    ldp     d8, d9, [sp, #96]
    ldp     d10, d11, [sp, #112]
    ldp     d12, d13, [sp, #128]
    ldp     d14, d15, [sp, #144]
    add     sp, sp, #176
    ret

    .bss
    .balign 8
saved_sp:
    .skip   8
