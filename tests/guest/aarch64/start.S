/*
 * start.S — entry, exception vectors and EL0 trampolines of the bare-metal
 * guest tests (tests/guest/aarch64).
 *
 * _start runs at EL1 (the virt board boots without EL2/EL3): stack, FP
 * enabled (CPACR_EL1.FPEN), VBAR_EL1, .bss cleared, then main(); its
 * return value goes to test_exit(). Every vector saves x0-x30, ELR and
 * SPSR in a frame on SP_EL1 and calls exc_handler(type, frame) (lib.c),
 * which may change the frame, then restores it and returns with ERET.
 *
 * run_at_el0(fn, arg) runs fn(arg) at EL0 (SP_EL0 = its own stack, DAIF
 * masked) and returns fn's x0 when fn executes "svc #0xffff" (the
 * handler then resumes at el0_return, back at EL1); run_at_el0_spsr(fn,
 * arg, spsr) enters EL0 with the given SPSR (e.g. with PSTATE.SS set).
 */
    .section .text.boot
    .global _start
_start:
    ldr     x0, =__stack_top
    mov     sp, x0
    mov     x0, #(3 << 20)
    msr     cpacr_el1, x0
    ldr     x0, =vectors
    msr     vbar_el1, x0
    isb
    ldr     x0, =__bss_start
    ldr     x1, =__bss_end
1:  cmp     x0, x1
    b.hs    2f
    str     xzr, [x0], #8
    b       1b
2:  bl      main
    bl      test_exit
3:  wfi
    b       3b

    .text
/* Frame: x0-x30 at 0..240, ELR at 248, SPSR at 256; 272 bytes. */
.macro VENTRY type
    .balign 0x80
    sub     sp, sp, #272
    stp     x0, x1, [sp, #0]
    mov     x0, #\type
    b       exc_common
.endm

    .balign 0x800
    .global vectors
vectors:
    VENTRY 0x000    /* current EL, SP0: sync, IRQ, FIQ, SError */
    VENTRY 0x080
    VENTRY 0x100
    VENTRY 0x180
    VENTRY 0x200    /* current EL, SPx */
    VENTRY 0x280
    VENTRY 0x300
    VENTRY 0x380
    VENTRY 0x400    /* lower EL, AArch64 */
    VENTRY 0x480
    VENTRY 0x500
    VENTRY 0x580
    VENTRY 0x600    /* lower EL, AArch32 */
    VENTRY 0x680
    VENTRY 0x700
    VENTRY 0x780

exc_common:
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    str     x30, [sp, #240]
    mrs     x1, elr_el1
    mrs     x2, spsr_el1
    stp     x1, x2, [sp, #248]
    mov     x1, sp
    bl      exc_handler
    ldp     x1, x2, [sp, #248]
    msr     elr_el1, x1
    msr     spsr_el1, x2
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldr     x30, [sp, #240]
    add     sp, sp, #272
    eret

    .global run_at_el0
    .global run_at_el0_spsr
run_at_el0:                     /* x0 = fn, x1 = arg */
    mov     x2, #0x3c0          /* EL0t, DAIF masked */
run_at_el0_spsr:                /* x2 = SPSR to enter EL0 with */
    ldr     x9, =el1_ctx
    stp     x19, x20, [x9, #0]
    stp     x21, x22, [x9, #16]
    stp     x23, x24, [x9, #32]
    stp     x25, x26, [x9, #48]
    stp     x27, x28, [x9, #64]
    stp     x29, x30, [x9, #80]
    mov     x10, sp
    str     x10, [x9, #96]
    msr     elr_el1, x0
    mov     x0, x1
    msr     spsr_el1, x2
    ldr     x11, =__el0_stack_top
    msr     sp_el0, x11
    isb
    eret

    .global el0_return
el0_return:                     /* from exc_handler, at EL1h; x0 = result */
    ldr     x9, =el1_ctx
    ldr     x10, [x9, #96]
    mov     sp, x10
    ldp     x19, x20, [x9, #0]
    ldp     x21, x22, [x9, #16]
    ldp     x23, x24, [x9, #32]
    ldp     x25, x26, [x9, #48]
    ldp     x27, x28, [x9, #64]
    ldp     x29, x30, [x9, #80]
    ret

    .bss
    .balign 16
el1_ctx:
    .skip   112
