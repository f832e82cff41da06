/*
 * gdb-target.S — a tiny bare-metal arm64 program for the debugger tests:
 * counts x0 up in a loop, stores the result, prints "done\n" on the PL011
 * and powers off through PSCI.
 */
    .global _start
    .text
_start:
    ldr     x1, =result
    mov     x0, #0
    mov     x2, #10
loop:
    add     x0, x0, #1          /* breakpoint target: "bp_add" */
    .global bp_add
    .set    bp_add, loop
    subs    x2, x2, #1
    b.ne    loop
    str     x0, [x1]            /* watchpoint target: writes result */
after_store:
    .global after_store
    ldr     x3, =0x09000000
    mov     w4, #'d'
    strb    w4, [x3]
    mov     w4, #'o'
    strb    w4, [x3]
    mov     w4, #'n'
    strb    w4, [x3]
    mov     w4, #'e'
    strb    w4, [x3]
    mov     w4, #'\n'
    strb    w4, [x3]
    ldr     x0, =0x84000008     /* PSCI SYSTEM_OFF */
    hvc     #0
1:  b       1b

    .data
    .balign 8
    .global result
result:
    .quad   0
