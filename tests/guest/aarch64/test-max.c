/* test-max.c — checks of the optional features "-cpu max" advertises: FlagM, TLBI
 * range/OS/nXS, LRCPC2, SB, DIT, PAN2 (AT S1E1RP), and the SP alignment check
 * compiled in or out of the same code by SCTLR.SA (TBFLAG_SP_ALIGN). */
#include "test.h"
#include "sys-support.h"

#define SCTLR_SA  (1ul << 3)
#define SCTLR_SA0 (1ul << 4)

static u64 buf[8] __attribute__((aligned(64)));
static u64 spbuf[8] __attribute__((aligned(16)));

/* The same code (one TB) run with SCTLR_EL1.SA on and off. */
static __attribute__((noinline)) u64 load_via_sp(u64 *p)
{
    u64 v;
    __asm__ volatile("msr spsel, #0\n\tmov sp, %1\n\tmov %0, #7\n\tldr %0, [sp]\n\tmsr spsel, #1"
                     : "=&r"(v) : "r"(p) : "memory");
    return v;
}

int main(void)
{
    u64 isar0 = READ_SYSREG(id_aa64isar0_el1), isar1 = READ_SYSREG(id_aa64isar1_el1);
    u64 v, sctlr = READ_SYSREG(sctlr_el1);
    int n;

    sys_install_vectors();
    CHECK("isar0-ts", (isar0 >> 52) & 0xf, 2);
    CHECK("isar0-tlb", (isar0 >> 56) & 0xf, 2);
    CHECK("isar1-lrcpc", (isar1 >> 20) & 0xf, 2);
    CHECK("isar1-sb", (isar1 >> 36) & 0xf, 1);
    CHECK("isar1-xs", (isar1 >> 56) & 0xf, 1);
    CHECK("pfr0-dit", (READ_SYSREG(id_aa64pfr0_el1) >> 48) & 0xf, 1);
    CHECK("mmfr1-vh-off", (READ_SYSREG(id_aa64mmfr1_el1) >> 8) & 0xf, 0);

    /* LRCPC2 */
    buf[0] = 0x1122334455667788ul;
    buf[1] = 0x8877665544332211ul;
#define RCPC(insn, out) __asm__ volatile("mov x1, %1\n\t.inst " insn "\n\tmov %0, x0" \
                                        : "=r"(out) : "r"(&buf[1]) : "x0", "x1", "memory")
    RCPC("0xd9400000 | ((0x1f8) << 12) | (1 << 5)", v);      /* ldapur x0, [x1, #-8] */
    CHECK("ldapur-neg", v, 0x1122334455667788ul);
    RCPC("0x99800000 | (4 << 12) | (1 << 5)", v);            /* ldapursw x0, [x1, #4] */
    CHECK("ldapursw", v, 0xffffffff88776655ul);
    RCPC("0x19c00000 | (7 << 12) | (1 << 5)", v);            /* ldapursb w0, [x1, #7] */
    CHECK("ldapursb-w", v, 0xffffff88ul);
    RCPC("0x19800000 | (7 << 12) | (1 << 5)", v);            /* ldapursb x0, [x1, #7] */
    CHECK("ldapursb-x", v, 0xffffffffffffff88ul);
    __asm__ volatile("mov x1, %0\n\tmov x2, %1\n\t.inst 0x99000000 | ((0x1fc) << 12) | (1 << 5) | 2"
                     :: "r"(&buf[1]), "r"(0xcafebabeul) : "x1", "x2", "memory");   /* stlur w2, [x1, #-4] */
    CHECK("stlur-w", buf[0] >> 32, 0xcafebabe);
    /* SB, DSB nXS */
    __asm__ volatile(".inst 0xd50330ff" ::: "memory");              /* sb */
    __asm__ volatile(".inst 0xd5033a3f" ::: "memory");              /* dsb ishnxs (imm2=10) */
    CHECK("sb-dsb-nxs", 1, 1);
    /* DIT */
    __asm__ volatile(".inst 0xd503415f\n\tmrs %0, s3_3_c4_c2_5" : "=r"(v));   /* msr dit, #1 */
    CHECK("dit-set", v, 1ul << 24);
    __asm__ volatile(".inst 0xd503405f\n\tmrs %0, s3_3_c4_c2_5" : "=r"(v));   /* msr dit, #0 */
    CHECK("dit-clear", v, 0);
    /* TLBI forms: OS, range, nXS (MMU off: they must simply not UNDEF). */
    n = exc_count();
    __asm__ volatile("tlbi vmalle1os" ::: "memory");
    __asm__ volatile("sys #0, c8, c6, #1, %0" :: "r"((1ul << 46) | 0x100ul) : "memory"); /* tlbi rvae1 */
    __asm__ volatile("sys #0, c8, c2, #1, %0" :: "r"((1ul << 46) | 0x100ul) : "memory"); /* tlbi rvae1is */
    __asm__ volatile("sys #0, c9, c7, #0" ::: "memory");           /* tlbi vmalle1nxs */
    __asm__ volatile("sys #0, c9, c3, #1, %0" :: "r"(0x100ul) : "memory"); /* tlbi vae1isnxs */
    __asm__ volatile("dsb ish\n\tisb" ::: "memory");
    CHECK("tlbi-os-range-nxs", exc_count(), n);
    /* AT S1E1RP (PAN2), MMU off: flat */
    __asm__ volatile("sys #0, c7, c9, #0, %1\n\tisb\n\tmrs %0, par_el1"
                     : "=r"(v) : "r"((u64)buf) : "memory");
    CHECK("at-s1e1rp-ok", v & 1, 0);
    CHECK("at-s1e1rp-pa", v & 0xfffffffff000ul, (u64)buf & ~0xffful);

    /* SP alignment through the TB flag: the same code with SA off, on, off. */
    spbuf[1] = 0x5a5a;
    for (int i = 0; i < 3; i++) {
        int on = i == 1;
        WRITE_SYSREG(sctlr_el1, on ? (sctlr | SCTLR_SA) : (sctlr & ~(SCTLR_SA | SCTLR_SA0)));
        __asm__ volatile("isb");
        if (on) {
            expect_exception(EXC_SKIP);
        }
        n = exc_count();
        v = load_via_sp(&spbuf[1]);
        if (on) {
            CHECK("sp-align-same-tb-faults", exc_count() == n + 1 &&
                  ESR_EC(last_exc.esr) == EC_SP_ALIGN && v == 7, 1);
        } else {
            CHECK(i ? "sp-align-same-tb-off-again" : "sp-align-same-tb-off",
                  exc_count() == n && v == 0x5a5a, 1);
        }
    }
    WRITE_SYSREG(sctlr_el1, sctlr);
    __asm__ volatile("isb");
    return 0;
}
