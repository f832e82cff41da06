/*
 * sys-vectors.S — the system tests' exception vector table and the entry
 * point of secondary CPUs (sys-support.h).
 *
 * sys_vectors: every entry saves x0-x30, ELR_EL1 and SPSR_EL1 in a frame
 * on SP_EL1 (the ExcFrame layout of test.h) and calls
 * sys_exc_dispatch(type, frame), which may change the frame; the frame is
 * then restored and ERET returns. Unlike the framework's table, IRQ and
 * FIQ entries are usable (sys_irq_hook).
 *
 * sys_secondary_entry: where PSCI CPU_ON starts a CPU (MMU off, DAIF
 * masked, x0 = context id = &sys_cpu_boot[i]). It records the state it
 * found, takes its stack, enables FP, installs sys_vectors, calls
 * fn(arg) and then PSCI CPU_OFF.
 */
    .text
.macro SVENTRY type
    .balign 0x80
    sub     sp, sp, #272
    stp     x0, x1, [sp, #0]
    mov     x0, #\type
    b       sys_exc_common
.endm

    .balign 0x800
    .global sys_vectors
sys_vectors:
    SVENTRY 0x000
    SVENTRY 0x080
    SVENTRY 0x100
    SVENTRY 0x180
    SVENTRY 0x200
    SVENTRY 0x280
    SVENTRY 0x300
    SVENTRY 0x380
    SVENTRY 0x400
    SVENTRY 0x480
    SVENTRY 0x500
    SVENTRY 0x580
    SVENTRY 0x600
    SVENTRY 0x680
    SVENTRY 0x700
    SVENTRY 0x780

sys_exc_common:
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
    bl      sys_exc_dispatch
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

    .global sys_secondary_entry
    .balign 8
sys_secondary_entry:                /* x0 = &sys_cpu_boot[i] */
    str     x0, [x0, #24]
    mrs     x1, currentel
    str     x1, [x0, #32]
    mrs     x1, daif
    str     x1, [x0, #40]
    mrs     x1, sctlr_el1
    str     x1, [x0, #48]
    mrs     x1, spsel
    str     x1, [x0, #56]
    ldr     x1, [x0, #0]
    mov     sp, x1
    mov     x1, #(3 << 20)          /* CPACR_EL1.FPEN: no FP traps */
    msr     cpacr_el1, x1
    ldr     x1, =sys_vectors
    msr     vbar_el1, x1
    isb
    mov     x19, x0
    ldr     x2, [x19, #8]
    ldr     x0, [x19, #16]
    blr     x2
    ldr     x0, =0x84000002         /* PSCI CPU_OFF: does not return */
    hvc     #0
1:  wfi
    b       1b
