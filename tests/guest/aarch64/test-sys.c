/*
 * test-sys.c — A64 exception generation and system instructions (Arm ARM
 * C5, C6.2, D1): SVC/BRK/UDF/HLT syndromes read back from ESR_EL1, ELR and
 * FAR, the PC alignment fault, exceptions from EL0 (SVC, UNDEFINED system
 * register access, WFI and DC ZVA and DAIF traps controlled by SCTLR_EL1),
 * ERET, PSTATE fields (NZCV, DAIF, SPSel, PAN), thread ID registers,
 * DC ZVA with the DCZID block size, barriers and hints, PSCI over HVC.
 */
#include "test.h"

#define EC(esr) ((esr) >> 26)
#define ISS(esr) ((esr) & 0x1ffffff)

#define SCTLR_UMA (1ul << 9)
#define SCTLR_DZE (1ul << 14)
#define SCTLR_nTWI (1ul << 16)

static void test_exc_el1(void)
{
    u64 next, at;
    int n;

    n = exc_count();
    expect_exception(EXC_RESUME);
    __asm__ volatile("svc #0x123\n\tadr %0, ." : "=r"(next));
    CHECK("svc-taken", exc_count(), n + 1);
    CHECK("svc-vector", last_exc.type, 0x200);
    CHECK("svc-esr", last_exc.esr, (0x15ul << 26) | (1 << 25) | 0x123);
    CHECK("svc-elr-next", last_exc.elr, next);

    expect_exception(EXC_SKIP);
    __asm__ volatile("adr %0, .\n\tbrk #0x42" : "=r"(at));
    CHECK("brk-esr", last_exc.esr, (0x3cul << 26) | (1 << 25) | 0x42);
    CHECK("brk-elr", last_exc.elr, at + 4);

    expect_exception(EXC_SKIP);
    __asm__ volatile("adr %0, .\n\t.inst 0x00000000" : "=r"(at));   /* udf #0 */
    CHECK("udf-esr", last_exc.esr, 1ul << 25);
    CHECK("udf-elr", last_exc.elr, at + 4);

    expect_exception(EXC_SKIP);
    n = exc_count();
    __asm__ volatile("hlt #0");
    CHECK("hlt-undefined", exc_count() == n + 1 && EC(last_exc.esr) == 0, 1);

    /* PC alignment fault: BLR to a misaligned address. */
    expect_exception(EXC_RESUME_LR);
    n = exc_count();
    __asm__ volatile("adr x9, 1f\n\tadd x9, x9, #2\n\tmov %0, x9\n\tblr x9\n1:"
                     : "=r"(at) :: "x9", "x30");
    CHECK("pc-align-taken", exc_count(), n + 1);
    CHECK("pc-align-ec", EC(last_exc.esr), 0x22);
    CHECK("pc-align-elr", last_exc.elr, at);
    CHECK("pc-align-far", last_exc.far, at);

    /* ERET to EL1h at a label. */
    __asm__ volatile("adr x9, 1f\n\tmsr elr_el1, x9\n\tmov x9, #0x3c5\n\tmsr spsr_el1, x9\n\t"
                     "mov %0, #0\n\teret\n\tmov %0, #5\n1:\tadd %0, %0, #1"
                     : "=&r"(at) :: "x9");
    CHECK("eret-el1", at, 1);
}

static u64 el0_svc(u64 arg)
{
    register u64 x0 __asm__("x0") = arg;

    __asm__ volatile("svc #0x77" : "+r"(x0) :: "memory");
    EL0_RETURN(x0 + 1);
    return 0;
}

static u64 el0_mrs_el1(u64 arg)
{
    u64 v;

    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(v));
    EL0_RETURN(arg);
    return 0;
}

static u64 el0_wfi(u64 arg)
{
    __asm__ volatile("wfi");
    EL0_RETURN(arg);
    return 0;
}

static u8 zva_buf[4096] __attribute__((aligned(2048)));

static u64 el0_dczva(u64 arg)
{
    __asm__ volatile("dc zva, %0" :: "r"(zva_buf) : "memory");
    EL0_RETURN(arg);
    return 0;
}

static u64 el0_daif(u64 arg)
{
    __asm__ volatile("msr daifset, #2");
    EL0_RETURN(arg);
    return 0;
}

static u64 el0_nzcv(u64 arg)
{
    u64 v;

    __asm__ volatile("msr nzcv, %1\n\tmrs %0, nzcv\n\tmrs x9, tpidr_el0\n\tadd %0, %0, x9"
                     : "=r"(v) : "r"(arg) : "x9");
    EL0_RETURN(v);
    return 0;
}

static void test_el0(void)
{
    u64 sctlr = READ_SYSREG(sctlr_el1);
    u64 r;
    int n;

    WRITE_SYSREG(sctlr_el1, sctlr & ~(SCTLR_UMA | SCTLR_DZE | SCTLR_nTWI));
    __asm__ volatile("isb");

    expect_exception(EXC_RESUME);
    r = run_at_el0(el0_svc, 41);
    CHECK("el0-svc-vector", last_exc.type, 0x400);
    CHECK("el0-svc-esr", last_exc.esr, (0x15ul << 26) | (1 << 25) | 0x77);
    CHECK("el0-svc-spsr-el0t", last_exc.spsr & 0xf, 0);
    CHECK("el0-return-value", r, 42);

    expect_exception(EXC_SKIP);
    n = exc_count();
    run_at_el0(el0_mrs_el1, 0);
    CHECK("el0-mrs-el1-undef", exc_count() == n + 1 && last_exc.type == 0x400, 1);
    CHECK("el0-mrs-el1-esr", last_exc.esr, 1ul << 25);

    /* WFI with SCTLR_EL1.nTWI = 0: trapped (EC 0x01, CV=1 COND=0xe TI=0). */
    expect_exception(EXC_SKIP);
    n = exc_count();
    run_at_el0(el0_wfi, 0);
    CHECK("el0-wfi-trapped", exc_count(), n + 1);
    CHECK("el0-wfi-esr", last_exc.esr, (0x01ul << 26) | (1 << 25) | 0x1e00000);

    /* DC ZVA with SCTLR_EL1.DZE = 0: EC 0x18, op0=1 op1=3 CRn=7 CRm=4 op2=1. */
    expect_exception(EXC_SKIP);
    run_at_el0(el0_dczva, 0);
    CHECK("el0-dczva-trap-esr", last_exc.esr & ~(31ul << 5),
          (0x18ul << 26) | (1 << 25) | (1 << 20) | (1 << 17) | (3 << 14) | (7 << 10) |
          (4 << 1));

    /* MSR DAIFSet at EL0 with SCTLR_EL1.UMA = 0: EC 0x18 with Op1 = 3 in
     * ISS 16:14 and Op2 = 6 in 19:17 (Arm ARM D17.2.37; qemu-system-aarch64
     * 7.2 reports the two fields swapped). */
    expect_exception(EXC_SKIP);
    run_at_el0(el0_daif, 0);
    CHECK("el0-daif-trap-esr", last_exc.esr,
          (0x18ul << 26) | (1 << 25) | (6 << 17) | (3 << 14) | (4 << 10) | (31 << 5) |
          (2 << 1));

    WRITE_SYSREG(tpidr_el0, 5);
    r = run_at_el0(el0_nzcv, 0x60000000);
    CHECK("el0-nzcv-tpidr", r, 0x60000005);

    WRITE_SYSREG(sctlr_el1, sctlr);
    __asm__ volatile("isb");
}

/* Software step (Arm ARM D2.12): EL0 code entered with SPSR.SS = 1 and
 * MDSCR_EL1.SS = 1 runs one instruction, then the Software Step exception
 * (EC 0x32 from EL0, ISV=1, EX=0, IFSC 0x22) returns to EL1 with ELR = the
 * next instruction. */
static u64 el0_two_adds(u64 arg)
{
    __asm__ volatile("add x0, x0, #1\n\tadd x0, x0, #2" : "+r"(arg));
    EL0_RETURN(arg);
    return 0;
}

/* A stepped taken branch: the step completes at the branch target. */
__asm__(".text\n.balign 4\nel0_branchy:\n\tb 1f\n\tnop\n1:\tadd x0, x0, #5\n"
        "\tsvc #0xffff\n");
extern char el0_branchy[];

static void test_swstep(void)
{
    u64 r;
    int n = exc_count();

    WRITE_SYSREG(oslar_el1, 0);
    WRITE_SYSREG(mdscr_el1, 1);             /* SS */
    __asm__ volatile("isb");
    expect_exception(EXC_RESUME);
    r = run_at_el0_spsr(el0_two_adds, 40, 0x3c0 | (1ul << 21));   /* SPSR.SS */
    WRITE_SYSREG(mdscr_el1, 0);
    __asm__ volatile("isb");
    CHECK("swstep-taken", exc_count(), n + 1);
    CHECK("swstep-ec", last_exc.esr >> 26, 0x32);
    CHECK("swstep-iss", last_exc.esr & 0x1ffffff, (1u << 24) | 0x22);
    CHECK("swstep-elr", last_exc.elr, (u64)el0_two_adds + 4);
    CHECK("swstep-result", r, 43);

    n = exc_count();
    WRITE_SYSREG(mdscr_el1, 1);
    __asm__ volatile("isb");
    expect_exception(EXC_RESUME);
    r = run_at_el0_spsr((u64 (*)(u64))el0_branchy, 1, 0x3c0 | (1ul << 21));
    WRITE_SYSREG(mdscr_el1, 0);
    __asm__ volatile("isb");
    CHECK("swstep-branch-taken", exc_count(), n + 1);
    CHECK("swstep-branch-elr", last_exc.elr, (u64)el0_branchy + 8);
    CHECK("swstep-branch-result", r, 6);
}

static void test_pstate(void)
{
    u64 v, sp0, f;

    CHECK("currentel", READ_SYSREG(currentel), 1 << 2);
    __asm__ volatile("msr daifset, #0xf\n\tmrs %0, daif" : "=r"(v));
    CHECK("daifset", v, 0x3c0);
    __asm__ volatile("msr daifclr, #0x4\n\tmrs %0, daif\n\tmsr daifset, #0xf" : "=r"(v));
    CHECK("daifclr", v, 0x2c0);
    __asm__ volatile("msr daif, %1\n\tmrs %0, daif\n\tmsr daifset, #0xf"
                     : "=r"(v) : "r"(0x280ul));
    CHECK("msr-daif", v, 0x280);
    CHECK("spsel", READ_SYSREG(spsel), 1);
    WRITE_SYSREG(sp_el0, 0x12345670);
    __asm__ volatile("msr spsel, #0\n\tmov %0, sp\n\tmsr spsel, #1" : "=r"(sp0));
    CHECK("spsel-0-uses-sp-el0", sp0, 0x12345670);
    __asm__ volatile("mov x9, sp\n\tmsr spsel, #0\n\tmov sp, %1\n\tmsr spsel, #1\n\t"
                     "mrs %0, sp_el0\n\tmov sp, x9" : "=r"(sp0) : "r"(0x4000ul) : "x9");
    CHECK("sp-el0-write-through-spsel", sp0, 0x4000);
    __asm__ volatile("msr nzcv, %1\n\tmrs %0, nzcv" : "=r"(f) : "r"(0xf0000000ul));
    CHECK("nzcv-roundtrip", f, 0xf0000000);
    if ((READ_SYSREG(id_aa64mmfr1_el1) >> 20) & 0xf) {
        __asm__ volatile(".inst 0xd500419f\n\tmrs %0, s3_0_c4_c2_3\n\t.inst 0xd500409f"
                         : "=r"(v));   /* msr pan, #1; mrs pan; msr pan, #0 */
        CHECK("pan", v, 1ul << 22);
    }
    WRITE_SYSREG(tpidr_el0, 0x1111);
    WRITE_SYSREG(tpidrro_el0, 0x2222);
    WRITE_SYSREG(tpidr_el1, 0x3333);
    CHECK("tpidr", READ_SYSREG(tpidr_el0) + READ_SYSREG(tpidrro_el0) +
          READ_SYSREG(tpidr_el1), 0x6666);
    CHECK("mpidr-res1", READ_SYSREG(mpidr_el1) >> 31 & 1, 1);
    __asm__ volatile("isb\n\tdsb sy\n\tdmb ish\n\tdmb ishld\n\tdsb ishst\n\t"
                     "nop\n\tyield\n\tsevl\n\twfe\n\tsev\n\tcsdb\n\tesb\n\tclrex");
    CHECK("barriers-and-hints", 1, 1);
}

static void test_dczva(void)
{
    u64 dczid = READ_SYSREG(dczid_el0);
    unsigned bs = 4u << (dczid & 0xf);
    int bad = 0;

    if (dczid & 0x10) {
        puts_("SKIP dc-zva: prohibited\n");
        return;
    }
    memset(zva_buf, 0xaa, sizeof(zva_buf));
    __asm__ volatile("dc zva, %0" :: "r"(zva_buf + bs + 5) : "memory");
    for (unsigned i = 0; i < 2 * bs + 16 && i < sizeof(zva_buf); i++) {
        u8 want = (i >= bs && i < 2 * bs) ? 0 : 0xaa;

        bad += zva_buf[i] != want;
    }
    CHECK("dc-zva-block", bad, 0);
    /* Cache maintenance by VA is a NOP. */
    __asm__ volatile("dc civac, %0\n\tdc cvau, %0\n\tic ivau, %0\n\tic iallu\n\tdsb ish\n\tisb"
                     :: "r"(zva_buf) : "memory");
    CHECK("dc-ic-maintenance", zva_buf[0], 0xaa);
}

static void test_psci(void)
{
    u64 v = psci_call(0x84000000, 0, 0, 0);

    CHECK("psci-version-major", (v >> 16) >= 1, 1);
    CHECK("psci-unknown-fn", psci_call(0x8400ffff, 0, 0, 0), (u64)-1);
}

int main(void)
{
    test_exc_el1();
    test_pstate();
    test_el0();
    test_swstep();
    test_dczva();
    test_psci();
    return 0;
}
