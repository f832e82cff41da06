/*
 * test-exc.c — AArch64 exception model at EL1 and EL0 (Arm ARM D1.10
 * exception entry, D1.11 exception return, D17.2.37 ESR_EL1): SVC, HVC,
 * SMC, BRK, UDF, SP and PC alignment faults, external aborts on data
 * accesses and instruction fetches to unmapped physical memory, the FP
 * access trap, the Illegal Execution state exception; for each, the vector,
 * ESR_EL1 (EC, IL, ISS), FAR_EL1, ELR_EL1 and SPSR_EL1; PSTATE on entry
 * (DAIF, SPSel, EL); exception return to EL0 and back through SVC, SP_EL0
 * against SP_EL1 (SPSel).
 *
 * Runs with the MMU off: data accesses are Device-nGnRnE, physical
 * 0x7f000000 is unmapped with -m 256M on the virt board.
 */
#include "sys-support.h"

#define UNMAPPED_PA     0x7f000000ul
#define SCTLR_SA        (1ul << 3)
#define SCTLR_SA0       (1ul << 4)
#define SPSR_M(s)       ((s) & 0xf)
#define SPSR_IL         (1ul << 20)
#define SPSR_CHECKED    0xf00003cful    /* NZCV, DAIF, M[3:0] */

/* Code that runs at EL0 (run_at_el0): written in assembly so that it uses
 * no stack and its addresses are known. "svc #0xffff" returns to EL1
 * with x0. */
extern char el0_svc_twice[], el0_svc_twice_ret[];
extern char el0_get_sp[], el0_set_sp[];
extern char el0_currentel[], el0_currentel_mrs[];
extern char el0_hvc[], el0_hvc_insn[];
extern char el0_spalign[], el0_spalign_ldr[];
extern char el0_pcalign[], el0_pcalign_ret[];
extern char el0_unmapped_str[], el0_unmapped_str_insn[];
extern char el0_fp[], el0_fp_insn[];
__asm__(
    ".text\n"
    ".balign 4\n"
    "el0_svc_twice:\n"             /* x0 = 2 * arg (by the handler) + 1 */
    "    svc #0x55\n"
    "el0_svc_twice_ret:\n"
    "    add x0, x0, #1\n"
    "    svc #0xffff\n"
    "el0_get_sp:\n"
    "    mov x0, sp\n"
    "    svc #0xffff\n"
    "el0_set_sp:\n"                /* SP_EL0 = arg, then back */
    "    mov sp, x0\n"
    "    svc #0xffff\n"
    "el0_currentel:\n"
    "el0_currentel_mrs:\n"
    "    mrs x1, currentel\n"
    "    svc #0xffff\n"
    "el0_hvc:\n"
    "    movz x0, #0x8400, lsl #16\n" /* PSCI_VERSION: HVC is UNDEFINED at EL0 anyway */
    "el0_hvc_insn:\n"
    "    hvc #0\n"
    "    svc #0xffff\n"
    "el0_spalign:\n"
    "    mov x9, sp\n"
    "    sub sp, sp, #8\n"
    "el0_spalign_ldr:\n"
    "    ldr x10, [sp]\n"
    "    mov sp, x9\n"
    "    svc #0xffff\n"
    "el0_pcalign:\n"
    "    adr x30, el0_pcalign_ret\n"
    "    add x9, x30, #2\n"
    "    br x9\n"
    "el0_pcalign_ret:\n"
    "    svc #0xffff\n"
    "el0_unmapped_str:\n"           /* x0 = address */
    "el0_unmapped_str_insn:\n"
    "    str x0, [x0]\n"
    "    svc #0xffff\n"
    "el0_fp:\n"
    "el0_fp_insn:\n"
    "    fmov d0, x0\n"
    "    svc #0xffff\n");

static u64 run_el0_code(char *code, u64 arg)
{
    return run_at_el0((u64 (*)(u64))(void *)code, arg);
}

/* ---- SVC at EL1, PSTATE on entry -------------------------------------- */

static volatile u64 hook_daif, hook_spsel, hook_el, hook_sp;

static int hook_pstate(u64 type, ExcFrame *f)
{
    (void)type;
    (void)f;
    hook_daif = READ_SYSREG(daif);
    hook_spsel = READ_SYSREG(spsel);
    hook_el = READ_SYSREG(currentel);
    __asm__ volatile("mov %0, sp" : "=r"(hook_sp));
    return 0;                   /* exc_handler records and resumes */
}

static void test_svc_el1(void)
{
    u64 next, spsel_after;
    int n = exc_count();

    expect_exception(EXC_RESUME);
    __asm__ volatile("msr daifset, #0xf\n\tmsr nzcv, %1\n\tsvc #0x1234\n\tadr %0, ."
                     : "=r"(next) : "r"(0x90000000ul) : "cc", "memory");
    CHECK("svc-el1-taken", exc_count(), n + 1);
    CHECK("svc-el1-vector", last_exc.type, VEC_CUR_SPX_SYNC);
    CHECK("svc-el1-esr", last_exc.esr, (EC_SVC << 26) | ESR_IL | 0x1234);
    CHECK("svc-el1-elr", last_exc.elr, next);
    CHECK("svc-el1-spsr", last_exc.spsr & SPSR_CHECKED, 0x900003c5);

    /* Entry masks DAIF, selects SP_EL1, stays at EL1; SPSR keeps the
     * unmasked DAIF of the interrupted code. */
    sys_sync_hook = hook_pstate;
    expect_exception(EXC_RESUME);
    __asm__ volatile("msr daifclr, #0xf\n\tsvc #1\n\tmsr daifset, #0xf" ::: "memory");
    sys_sync_hook = 0;
    CHECK("entry-daif-masked", hook_daif, 0x3c0);
    CHECK("entry-spsel-1", hook_spsel, 1);
    CHECK("entry-currentel-1", hook_el, 1 << 2);
    CHECK("entry-spsr-daif-clear", last_exc.spsr & 0x3c0, 0);

    /* Taken from EL1t (SPSel = 0): vector "current EL with SP0", SPSR.M
     * EL1t, the handler on SP_EL1, and the return restores SPSel = 0. */
    sys_sync_hook = hook_pstate;
    expect_exception(EXC_RESUME);
    __asm__ volatile("msr spsel, #0\n\tsvc #0x21\n\tmrs %0, spsel\n\tmsr spsel, #1"
                     : "=r"(spsel_after) :: "memory");
    sys_sync_hook = 0;
    CHECK("svc-el1t-vector", last_exc.type, VEC_CUR_SP0_SYNC);
    CHECK("svc-el1t-spsr-m", SPSR_M(last_exc.spsr), 0x4);
    CHECK("svc-el1t-handler-spsel", hook_spsel, 1);
    CHECK("svc-el1t-handler-on-sp-el1",
          hook_sp > (u64)0x40000000 && hook_sp != READ_SYSREG(sp_el0), 1);
    CHECK("svc-el1t-return-spsel-0", spsel_after, 0);
}

/* ---- HVC, SMC, BRK, UDF ------------------------------------------------- */

static void test_hvc_smc_brk_udf(void)
{
    u64 at, r;
    int n;

    /* HVC #0 is the PSCI/SMCCC conduit: an unknown function ID returns
     * NOT_SUPPORTED in x0 and no exception reaches EL1. */
    n = exc_count();
    r = psci_call(0x8400ffff, 0, 0, 0);
    CHECK("hvc-unknown-fn-not-supported", r, PSCI_NOT_SUPPORTED);
    r = psci_call(0xc200ffff, 0, 0, 0);   /* a fast SiP call nobody answers */
    CHECK("hvc-sip-fn-not-supported", r, PSCI_NOT_SUPPORTED);
    CHECK("hvc-conduit-no-exception", exc_count(), n);

    /* HVC with a non-zero immediate is no SMCCC call (SMCCC: imm16 = 0),
     * so the firmware conduit does not take it (docs/arm64.md, PSCI) and
     * the architecture decides: without EL2, HVC is UNDEFINED (C6.2 HVC;
     * preferred return = the HVC itself). An emulator whose firmware takes
     * every HVC fails these three checks. */
    expect_exception(EXC_SKIP);
    n = exc_count();
    __asm__ volatile("mov x0, #0\n\tadr %0, 1f\n1:\thvc #1" : "=r"(at) :: "x0", "memory");
    CHECK("hvc-imm1-undefined", exc_count() == n + 1 && last_exc.type == VEC_CUR_SPX_SYNC, 1);
    CHECK("hvc-imm1-esr", last_exc.esr, ESR_IL);
    CHECK("hvc-imm1-elr", last_exc.elr, at);

    /* SMC without EL3: UNDEFINED. */
    expect_exception(EXC_SKIP);
    n = exc_count();
    __asm__ volatile("mov x0, #0\n\tadr %0, 1f\n1:\tsmc #0" : "=r"(at) :: "x0", "memory");
    CHECK("smc-no-el3-undefined", exc_count(), n + 1);
    CHECK("smc-no-el3-esr", last_exc.esr, ESR_IL);
    CHECK("smc-no-el3-elr", last_exc.elr, at);

    /* BRK: EC 0x3c, ISS = imm16, preferred return = the BRK. */
    expect_exception(EXC_SKIP);
    __asm__ volatile("adr %0, 1f\n1:\tbrk #0x4321" : "=r"(at));
    CHECK("brk-esr", last_exc.esr, (EC_BRK << 26) | ESR_IL | 0x4321);
    CHECK("brk-elr", last_exc.elr, at);

    /* UDF #imm16 (permanently undefined): EC 0, ISS 0. */
    expect_exception(EXC_SKIP);
    __asm__ volatile("adr %0, 1f\n1:\tudf #0xabcd" : "=r"(at));
    CHECK("udf-esr", last_exc.esr, ESR_IL);
    CHECK("udf-elr", last_exc.elr, at);
    CHECK("udf-spsr-el1h", SPSR_M(last_exc.spsr), 0x5);
}

/* ---- SP and PC alignment ------------------------------------------------ */

static u64 spbuf[8] __attribute__((aligned(16)));

static void test_alignment(void)
{
    u64 sctlr = READ_SYSREG(sctlr_el1);
    u64 sp0 = READ_SYSREG(sp_el0);
    u64 at, v;
    int n;

    /* SCTLR_EL1.SA: a load with a misaligned SP base at EL1 faults (EC
     * 0x26). SP_EL0 is used (SPSel = 0) so that the handler still has an
     * aligned SP_EL1. */
    spbuf[1] = 0x5a5a;
    WRITE_SYSREG(sctlr_el1, sctlr | SCTLR_SA);
    ISB();
    expect_exception(EXC_SKIP);
    n = exc_count();
    __asm__ volatile("msr spsel, #0\n\tmov sp, %2\n\tmov %1, #0\n\tadr %0, 1f\n"
                     "1:\tldr %1, [sp]\n\tmsr spsel, #1"
                     : "=&r"(at), "=&r"(v) : "r"(&spbuf[1]) : "memory");
    CHECK("sp-align-el1-taken", exc_count(), n + 1);
    CHECK("sp-align-el1-vector", last_exc.type, VEC_CUR_SP0_SYNC);
    CHECK("sp-align-el1-esr", last_exc.esr, (EC_SP_ALIGN << 26) | ESR_IL);
    CHECK("sp-align-el1-elr", last_exc.elr, at);
    CHECK("sp-align-el1-spsr-el1t", SPSR_M(last_exc.spsr), 0x4);
    CHECK("sp-align-el1-no-load", v, 0);

    /* SA = 0: the same load is fine. */
    WRITE_SYSREG(sctlr_el1, sctlr & ~(SCTLR_SA | SCTLR_SA0));
    ISB();
    n = exc_count();
    __asm__ volatile("msr spsel, #0\n\tmov sp, %1\n\tldr %0, [sp]\n\tmsr spsel, #1"
                     : "=&r"(v) : "r"(&spbuf[1]) : "memory");
    CHECK("sp-misaligned-sa0-loads", exc_count() == n && v == 0x5a5a, 1);
    n = exc_count();
    run_el0_code(el0_spalign, 0);
    CHECK("sp-misaligned-el0-sa0-clear-loads", exc_count(), n);

    /* SCTLR_EL1.SA0 for EL0. */
    WRITE_SYSREG(sctlr_el1, (sctlr & ~SCTLR_SA) | SCTLR_SA0);
    ISB();
    expect_exception(EXC_SKIP);
    n = exc_count();
    run_el0_code(el0_spalign, 0);
    CHECK("sp-align-el0-taken", exc_count(), n + 1);
    CHECK("sp-align-el0-vector", last_exc.type, VEC_LOWER_SYNC);
    CHECK("sp-align-el0-esr", last_exc.esr, (EC_SP_ALIGN << 26) | ESR_IL);
    CHECK("sp-align-el0-elr", last_exc.elr, (u64)el0_spalign_ldr);
    CHECK("sp-align-el0-spsr-el0t", SPSR_M(last_exc.spsr), 0);

    WRITE_SYSREG(sctlr_el1, sctlr);
    ISB();
    WRITE_SYSREG(sp_el0, sp0);

    /* PC alignment fault (EC 0x22) at EL1: BR to target + 1; FAR and ELR
     * are the misaligned target. */
    expect_exception(EXC_RESUME_LR);
    n = exc_count();
    __asm__ volatile("adr x30, 1f\n\tadd %0, x30, #1\n\tbr %0\n1:"
                     : "=&r"(at) :: "x30", "memory");
    CHECK("pc-align-el1-taken", exc_count(), n + 1);
    CHECK("pc-align-el1-esr", last_exc.esr, (EC_PC_ALIGN << 26) | ESR_IL);
    CHECK("pc-align-el1-elr", last_exc.elr, at);
    CHECK("pc-align-el1-far", last_exc.far, at);

    /* ... and from EL0: lower-EL vector, same EC. */
    expect_exception(EXC_RESUME_LR);
    n = exc_count();
    v = run_el0_code(el0_pcalign, 77);
    CHECK("pc-align-el0-taken", exc_count(), n + 1);
    CHECK("pc-align-el0-vector", last_exc.type, VEC_LOWER_SYNC);
    CHECK("pc-align-el0-esr", last_exc.esr, (EC_PC_ALIGN << 26) | ESR_IL);
    CHECK("pc-align-el0-far", last_exc.far, (u64)el0_pcalign_ret + 2);
    CHECK("pc-align-el0-elr", last_exc.elr, (u64)el0_pcalign_ret + 2);
    CHECK("pc-align-el0-resumed", v, 77);
}

/* ---- Aborts on unmapped physical memory --------------------------------- */

static void test_external_aborts(void)
{
    u64 at, v = 0;
    int n;

    /* A load from a physical address nothing decodes: synchronous External
     * abort (DFSC 0b010000), WnR 0, FAR valid (FnV 0). ISS.EA is
     * IMPLEMENTATION DEFINED and not checked. */
    expect_exception(EXC_SKIP);
    n = exc_count();
    __asm__ volatile("adr %0, 1f\n1:\tldr %1, [%2]"
                     : "=&r"(at), "+r"(v) : "r"(UNMAPPED_PA) : "memory");
    CHECK("dabort-load-taken", exc_count(), n + 1);
    CHECK("dabort-load-ec", ESR_EC(last_exc.esr), EC_DABT_SAME);
    CHECK("dabort-load-il", last_exc.esr & ESR_IL, ESR_IL);
    CHECK("dabort-load-iss", last_exc.esr & 0x5ff, FSC_SYNC_EXTERNAL);
    CHECK("dabort-load-far", last_exc.far, UNMAPPED_PA);
    CHECK("dabort-load-elr", last_exc.elr, at);

    expect_exception(EXC_SKIP);
    __asm__ volatile("adr %0, 1f\n1:\tstr %0, [%1]"
                     : "=&r"(at) : "r"(UNMAPPED_PA + 0x18) : "memory");
    CHECK("dabort-store-ec", ESR_EC(last_exc.esr), EC_DABT_SAME);
    CHECK("dabort-store-iss-wnr", last_exc.esr & 0x5ff, ESR_WNR | FSC_SYNC_EXTERNAL);
    CHECK("dabort-store-far", last_exc.far, UNMAPPED_PA + 0x18);
    CHECK("dabort-store-elr", last_exc.elr, at);

    /* From EL0: the lower-EL class (EC 0x24). */
    expect_exception(EXC_SKIP);
    n = exc_count();
    run_el0_code(el0_unmapped_str, UNMAPPED_PA + 0x100);
    CHECK("dabort-el0-taken", exc_count(), n + 1);
    CHECK("dabort-el0-vector", last_exc.type, VEC_LOWER_SYNC);
    CHECK("dabort-el0-ec", ESR_EC(last_exc.esr), EC_DABT_LOWER);
    CHECK("dabort-el0-iss", last_exc.esr & 0x5ff, ESR_WNR | FSC_SYNC_EXTERNAL);
    CHECK("dabort-el0-far", last_exc.far, UNMAPPED_PA + 0x100);
    CHECK("dabort-el0-elr", last_exc.elr, (u64)el0_unmapped_str_insn);

    /* Instruction fetch from there: Instruction Abort (EC 0x21), IFSC
     * 0b010000, FAR = ELR = the target. */
    expect_exception(EXC_RESUME_LR);
    n = exc_count();
    __asm__ volatile("blr %0" :: "r"(UNMAPPED_PA + 0x40) : "x30", "memory");
    CHECK("iabort-taken", exc_count(), n + 1);
    CHECK("iabort-ec", ESR_EC(last_exc.esr), EC_IABT_SAME);
    CHECK("iabort-ifsc", last_exc.esr & 0x3f, FSC_SYNC_EXTERNAL);
    CHECK("iabort-far", last_exc.far, UNMAPPED_PA + 0x40);
    CHECK("iabort-elr", last_exc.elr, UNMAPPED_PA + 0x40);
}

/* ---- FP access trap ----------------------------------------------------- */

static void test_fp_trap(void)
{
    u64 cpacr = READ_SYSREG(cpacr_el1);
    u64 at;
    int n;

    /* CPACR_EL1.FPEN = 0b00: FP/SIMD traps at EL1 and EL0 (EC 0x07).
     * Nothing between the two writes may touch FP registers. */
    expect_exception(EXC_SKIP);
    n = exc_count();
    __asm__ volatile("msr cpacr_el1, xzr\n\tisb\n\tadr %0, 1f\n1:\tfmov d0, %0\n\t"
                     "msr cpacr_el1, %1\n\tisb"
                     : "=&r"(at) : "r"(cpacr) : "v0", "memory");
    CHECK("fp-trap-el1-taken", exc_count(), n + 1);
    CHECK("fp-trap-el1-ec", ESR_EC(last_exc.esr), EC_FP);
    CHECK("fp-trap-el1-il", last_exc.esr & ESR_IL, ESR_IL);
    CHECK("fp-trap-el1-elr", last_exc.elr, at);

    /* FPEN = 0b01: EL0 only. */
    n = exc_count();
    __asm__ volatile("msr cpacr_el1, %1\n\tisb\n\tfmov d0, %0\n\tfmov %0, d0\n\t"
                     "msr cpacr_el1, %2\n\tisb"
                     : "=&r"(at) : "r"(1ul << 20), "r"(cpacr) : "v0", "memory");
    CHECK("fp-fpen01-el1-ok", exc_count(), n);
    WRITE_SYSREG(cpacr_el1, 1ul << 20);
    ISB();
    expect_exception(EXC_SKIP);
    run_el0_code(el0_fp, 1);
    WRITE_SYSREG(cpacr_el1, cpacr);
    ISB();
    CHECK("fp-trap-el0-taken", exc_count(), n + 1);
    CHECK("fp-trap-el0-vector", last_exc.type, VEC_LOWER_SYNC);
    CHECK("fp-trap-el0-ec", ESR_EC(last_exc.esr), EC_FP);
    CHECK("fp-trap-el0-elr", last_exc.elr, (u64)el0_fp_insn);
}

/* ---- Illegal exception return ------------------------------------------- */

static int hook_illegal(u64 type, ExcFrame *f)
{
    if (ESR_EC(READ_SYSREG(esr_el1)) != EC_ILLEGAL) {
        return 0;
    }
    sys_record(type, f);
    f->spsr &= ~SPSR_IL;        /* or the ERET would set PSTATE.IL again */
    f->elr += 4;
    return 1;
}

static void test_illegal_return(void)
{
    u64 at;
    int n = sys_exc.count;

    /* ERET to EL2h without EL2: an illegal return (D1.11.4). PSTATE.EL
     * and SPSel stay, IL is set, NZCV and DAIF come from SPSR; the next
     * instruction takes the Illegal Execution state exception (EC 0x0e)
     * with SPSR.IL = 1. */
    sys_sync_hook = hook_illegal;
    __asm__ volatile("adr %0, 1f\n\tmsr elr_el1, %0\n\tmov x9, #0x3c9\n\t"
                     "movk x9, #0x6000, lsl #16\n\tmsr spsr_el1, x9\n\teret\n"
                     "1:\tnop\n\tmsr daifset, #0xf"
                     : "=&r"(at) :: "x9", "cc", "memory");
    sys_sync_hook = 0;
    CHECK("illegal-return-taken", sys_exc.count, n + 1);
    CHECK("illegal-return-vector", sys_exc.type, VEC_CUR_SPX_SYNC);
    CHECK("illegal-return-esr", sys_exc.esr, (EC_ILLEGAL << 26) | ESR_IL);
    CHECK("illegal-return-elr", sys_exc.elr, at);
    CHECK("illegal-return-spsr-il", sys_exc.spsr & SPSR_IL, SPSR_IL);
    CHECK("illegal-return-spsr-el1h", SPSR_M(sys_exc.spsr), 0x5);
    CHECK("illegal-return-spsr-nzcv", sys_exc.spsr >> 28, 0x6);
    CHECK("illegal-return-still-el1", READ_SYSREG(currentel), 1 << 2);
}

/* ---- EL0 and back ------------------------------------------------------- */

static int hook_svc55(u64 type, ExcFrame *f)
{
    u64 esr = READ_SYSREG(esr_el1);

    if (type != VEC_LOWER_SYNC || ESR_EC(esr) != EC_SVC || (esr & 0xffff) != 0x55) {
        return 0;
    }
    sys_record(type, f);
    f->x[0] *= 2;               /* the "system call" result */
    return 1;                   /* ELR already points after the SVC */
}

extern char __el0_stack_top[];

static void test_el0(void)
{
    u64 r;
    int n;

    sys_sync_hook = hook_svc55;
    n = sys_exc.count;
    r = run_el0_code(el0_svc_twice, 20);
    sys_sync_hook = 0;
    CHECK("el0-svc-taken", sys_exc.count, n + 1);
    CHECK("el0-svc-vector", sys_exc.type, VEC_LOWER_SYNC);
    CHECK("el0-svc-esr", sys_exc.esr, (EC_SVC << 26) | ESR_IL | 0x55);
    CHECK("el0-svc-elr", sys_exc.elr, (u64)el0_svc_twice_ret);
    CHECK("el0-svc-spsr-el0t", SPSR_M(sys_exc.spsr), 0);
    CHECK("el0-svc-spsr-daif", sys_exc.spsr & 0x3c0, 0x3c0);
    CHECK("el0-svc-result-back-at-el0", r, 41);

    expect_exception(EXC_SKIP);
    n = exc_count();
    run_el0_code(el0_currentel, 0);
    CHECK("el0-mrs-currentel-undef", exc_count() == n + 1 && last_exc.type == VEC_LOWER_SYNC, 1);
    CHECK("el0-mrs-currentel-esr", last_exc.esr, ESR_IL);
    CHECK("el0-mrs-currentel-elr", last_exc.elr, (u64)el0_currentel_mrs);

    expect_exception(EXC_SKIP);
    n = exc_count();
    run_el0_code(el0_hvc, 0);
    CHECK("el0-hvc-undef", exc_count() == n + 1 && last_exc.type == VEC_LOWER_SYNC, 1);
    CHECK("el0-hvc-esr", last_exc.esr, ESR_IL);
    CHECK("el0-hvc-elr", last_exc.elr, (u64)el0_hvc_insn);

    /* EL0 runs on SP_EL0; what it writes to SP is SP_EL0 at EL1. */
    CHECK("el0-sp-is-sp-el0", run_el0_code(el0_get_sp, 0), (u64)__el0_stack_top);
    run_el0_code(el0_set_sp, 0x40123450);
    CHECK("el0-sp-write-is-sp-el0", READ_SYSREG(sp_el0), 0x40123450);
}

/* ---- SPSel, SP_EL0 and SP_EL1 ------------------------------------------- */

static void test_spsel(void)
{
    u64 sp1, sp_sel0, sp_sel1, at, sel;
    u64 saved_sp0 = READ_SYSREG(sp_el0);

    WRITE_SYSREG(sp_el0, 0x40aaa000);
    __asm__ volatile("mov %0, sp\n\tmsr spsel, #0\n\tmov %1, sp\n\tmsr spsel, #1\n\tmov %2, sp"
                     : "=&r"(sp1), "=&r"(sp_sel0), "=&r"(sp_sel1));
    CHECK("spsel0-sp-is-sp-el0", sp_sel0, 0x40aaa000);
    CHECK("spsel1-sp-is-sp-el1", sp_sel1, sp1);

    /* MRS SP_EL0 while SPSel = 0 is UNDEFINED (C5.2 SP_EL0). */
    expect_exception(EXC_SKIP);
    __asm__ volatile("msr spsel, #0\n\tadr %0, 1f\n1:\tmrs x9, sp_el0\n\tmsr spsel, #1"
                     : "=&r"(at) :: "x9", "memory");
    CHECK("mrs-sp-el0-spsel0-undef", last_exc.esr, ESR_IL);
    CHECK("mrs-sp-el0-spsel0-vector", last_exc.type, VEC_CUR_SP0_SYNC);
    CHECK("mrs-sp-el0-spsel0-elr", last_exc.elr, at);

    /* ERET to EL1t selects SP_EL0. */
    __asm__ volatile("adr x9, 1f\n\tmsr elr_el1, x9\n\tmov x9, #0x3c4\n\tmsr spsr_el1, x9\n\t"
                     "eret\n1:\tmrs %0, spsel\n\tmov %1, sp\n\tmsr spsel, #1"
                     : "=&r"(sel), "=&r"(sp_sel0) :: "x9", "memory");
    CHECK("eret-el1t-spsel", sel, 0);
    CHECK("eret-el1t-sp", sp_sel0, 0x40aaa000);
    CHECK("sp-el1-unchanged", READ_SYSREG(spsel) == 1 && ({
        u64 s; __asm__ volatile("mov %0, sp" : "=r"(s)); s; }) == sp1, 1);
    WRITE_SYSREG(sp_el0, saved_sp0);
}

int main(void)
{
    sys_install_vectors();
    test_svc_el1();
    test_hvc_smc_brk_udf();
    test_alignment();
    test_external_aborts();
    test_fp_trap();
    test_illegal_return();
    test_el0();
    test_spsel();
    return 0;
}
