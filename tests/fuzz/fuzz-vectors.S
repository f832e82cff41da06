/*
 * fuzz-vectors.S — exception vectors and round entry/exit of the random
 * instruction fuzzer (fuzz-insn.c).
 *
 * The code under test may corrupt SP (at EL1 with SPSel=1 its SP is
 * SP_EL1), so every vector first moves to a fixed handler stack: x0 goes
 * to TPIDR_EL1 and the interrupted SP to TPIDRRO_EL0 (the handler runs
 * before the fuzzed code could observe either), then x0-x30, SP, ELR and
 * SPSR are saved in a FuzzFrame and fz_exc(type, frame) decides: resume
 * (ELR may have been advanced) or end the round (ELR = fz_round_end).
 *
 * fz_enter(pc, spsr, regs, sp) saves the harness's callee-saved registers,
 * points SP_EL0 and SP_EL1 at sp, loads x0-x30 from regs[] and ERETs to pc with spsr; fz_round_end (an
 * EL1h landing point the handler returns to) restores them and returns
 * from fz_enter.
 */
    .text
.macro FVENTRY type
    .balign 0x80
    msr     tpidr_el1, x0
    mov     x0, sp
    msr     tpidrro_el0, x0
    adrp    x0, fz_hstack_top
    add     x0, x0, :lo12:fz_hstack_top
    mov     sp, x0
    sub     sp, sp, #288
    mov     x0, #\type
    b       fz_exc_common
.endm

    .balign 0x800
    .global fz_vectors
fz_vectors:
    FVENTRY 0x000
    FVENTRY 0x080
    FVENTRY 0x100
    FVENTRY 0x180
    FVENTRY 0x200
    FVENTRY 0x280
    FVENTRY 0x300
    FVENTRY 0x380
    FVENTRY 0x400
    FVENTRY 0x480
    FVENTRY 0x500
    FVENTRY 0x580
    FVENTRY 0x600
    FVENTRY 0x680
    FVENTRY 0x700
    FVENTRY 0x780

/* Frame: x0-x30 at 0..240, ELR 248, SPSR 256, SP 264; 288 bytes. */
fz_exc_common:
    stp     x1, x2, [sp, #8]
    stp     x3, x4, [sp, #24]
    stp     x5, x6, [sp, #40]
    stp     x7, x8, [sp, #56]
    stp     x9, x10, [sp, #72]
    stp     x11, x12, [sp, #88]
    stp     x13, x14, [sp, #104]
    stp     x15, x16, [sp, #120]
    stp     x17, x18, [sp, #136]
    stp     x19, x20, [sp, #152]
    stp     x21, x22, [sp, #168]
    stp     x23, x24, [sp, #184]
    stp     x25, x26, [sp, #200]
    stp     x27, x28, [sp, #216]
    stp     x29, x30, [sp, #232]
    mrs     x1, tpidr_el1
    str     x1, [sp, #0]
    mrs     x1, elr_el1
    mrs     x2, spsr_el1
    stp     x1, x2, [sp, #248]
    mrs     x1, tpidrro_el0
    str     x1, [sp, #264]
    mov     x1, sp
    bl      fz_exc
    ldp     x1, x2, [sp, #248]
    msr     elr_el1, x1
    msr     spsr_el1, x2
    ldp     x1, x2, [sp, #8]
    ldp     x3, x4, [sp, #24]
    ldp     x5, x6, [sp, #40]
    ldp     x7, x8, [sp, #56]
    ldp     x9, x10, [sp, #72]
    ldp     x11, x12, [sp, #88]
    ldp     x13, x14, [sp, #104]
    ldp     x15, x16, [sp, #120]
    ldp     x17, x18, [sp, #136]
    ldp     x19, x20, [sp, #152]
    ldp     x21, x22, [sp, #168]
    ldp     x23, x24, [sp, #184]
    ldp     x25, x26, [sp, #200]
    ldp     x27, x28, [sp, #216]
    ldp     x29, x30, [sp, #232]
    ldr     x0, [sp, #264]          /* the interrupted SP (EL1h case) */
    msr     tpidr_el1, x0
    ldr     x0, [sp, #0]
    msr     tpidrro_el0, x0
    mrs     x0, tpidr_el1
    mov     sp, x0
    mrs     x0, tpidrro_el0
    eret

    .global fz_enter
fz_enter:                   /* x0 = pc, x1 = spsr, x2 = regs[31], x3 = sp */
    adrp    x9, fz_ctx
    add     x9, x9, :lo12:fz_ctx
    stp     x19, x20, [x9, #0]
    stp     x21, x22, [x9, #16]
    stp     x23, x24, [x9, #32]
    stp     x25, x26, [x9, #48]
    stp     x27, x28, [x9, #64]
    stp     x29, x30, [x9, #80]
    mov     x10, sp
    str     x10, [x9, #96]
    msr     sp_el0, x3              /* both stacks point into scratch */
    mov     sp, x3
    msr     elr_el1, x0
    msr     spsr_el1, x1
    mov     x30, x2
    ldp     x0, x1, [x30, #0]
    ldp     x2, x3, [x30, #16]
    ldp     x4, x5, [x30, #32]
    ldp     x6, x7, [x30, #48]
    ldp     x8, x9, [x30, #64]
    ldp     x10, x11, [x30, #80]
    ldp     x12, x13, [x30, #96]
    ldp     x14, x15, [x30, #112]
    ldp     x16, x17, [x30, #128]
    ldp     x18, x19, [x30, #144]
    ldp     x20, x21, [x30, #160]
    ldp     x22, x23, [x30, #176]
    ldp     x24, x25, [x30, #192]
    ldp     x26, x27, [x30, #208]
    ldp     x28, x29, [x30, #224]
    ldr     x30, [x30, #240]
    isb
    eret

    .global fz_round_end
fz_round_end:                       /* EL1h, DAIF masked */
    adrp    x9, fz_ctx
    add     x9, x9, :lo12:fz_ctx
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
fz_ctx:
    .skip   112
    .balign 16
fz_hstack:
    .skip   16384
    .global fz_hstack_top
fz_hstack_top:
