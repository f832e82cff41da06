/*
 * start.S — entry point of the bare-metal benchmark programs.
 *
 * Loaded with `-kernel prog.elf` on the arm64 virt board, the program starts
 * at _start in EL1 (or EL2 on a board with virtualization enabled, from which
 * it drops to EL1) with the MMU off. It:
 *   1. leaves EL2 if it was entered there,
 *   2. sets up the stack and zeroes .bss,
 *   3. grants EL1/EL0 access to FP/SIMD (CPACR_EL1.FPEN = 0b11, Arm ARM
 *      D17.2.30) so compiled C may use the vector registers,
 *   4. installs an exception vector table that reports any exception,
 *   5. builds the identity map and turns the MMU and caches on (mmu.c),
 *   6. calls main() and powers the machine off through PSCI.
 */
    .section .text.boot, "ax"
    .global _start
_start:
    mov     x19, #0                     /* 1: entered in EL2 */
    mrs     x0, CurrentEL
    lsr     x0, x0, #2
    cmp     x0, #2
    b.ne    1f
    mov     x19, #1
    /* EL2: run EL1 as AArch64 (HCR_EL2.RW), give EL1 the timer, and ERET
     * to EL1h at 1: with interrupts masked. */
    mov     x0, #(1 << 31)
    msr     hcr_el2, x0
    mov     x0, #3
    msr     cnthctl_el2, x0
    msr     cntvoff_el2, xzr
    mov     x0, #0x3c5                  /* DAIF masked, EL1h */
    msr     spsr_el2, x0
    adr     x0, 1f
    msr     elr_el2, x0
    eret
1:
    ldr     x0, =__stack_top
    mov     sp, x0

    /* Zero .bss: both ends are 16-byte aligned by the linker script. */
    ldr     x0, =__bss_start
    ldr     x1, =__bss_end
2:  cmp     x0, x1
    b.hs    3f
    stp     xzr, xzr, [x0], #16
    b       2b
3:
    ldr     x0, =bench_psci_smc
    str     w19, [x0]
    mov     x0, #(3 << 20)              /* CPACR_EL1.FPEN: no FP/SIMD traps */
    msr     cpacr_el1, x0
    isb

    ldr     x0, =bench_vectors
    msr     vbar_el1, x0
    isb

    bl      mmu_init                    /* builds tables, MMU and caches on */
    bl      main
    b       bench_poweroff

/*
 * Exception vectors (Arm ARM D1.10.2): 16 entries of 0x80 bytes. Every entry
 * passes its index to bench_exception(), which prints the syndrome and
 * powers off, so a faulting program ends instead of hanging.
 */
    .macro vec idx
    .balign 0x80
    mov     x0, #\idx
    mrs     x1, esr_el1
    mrs     x2, elr_el1
    mrs     x3, far_el1
    b       bench_exception
    .endm

    .balign 0x800
    .global bench_vectors
bench_vectors:
    vec 0
    vec 1
    vec 2
    vec 3
    vec 4
    vec 5
    vec 6
    vec 7
    vec 8
    vec 9
    vec 10
    vec 11
    vec 12
    vec 13
    vec 14
    vec 15

/* PSCI SYSTEM_OFF (function id 0x84000008). The virt board's conduit is
 * HVC when the guest has no EL2, SMC when it has one (the program then ran
 * at EL2 before dropping to EL1, and an HVC would land in its own EL2). */
    .text
    .global bench_poweroff
bench_poweroff:
    ldr     x1, =bench_psci_smc
    ldr     w1, [x1]
    ldr     w0, =0x84000008
    cbnz    w1, 5f
    hvc     #0
    b       4f
5:  smc     #0
4:  wfi
    b       4b

    .bss
    .balign 4
    .global bench_psci_smc
bench_psci_smc:
    .word   0
