/*
 * test-fp.c — A64 scalar floating point with known results (Arm ARM C7.2):
 * arithmetic in single/double precision with FPSR cumulative flags, FPCR
 * rounding modes, FZ and DN, fused multiply-add, compares (FCMP/FCMPE/
 * FCCMP NZCV), FCSEL, FMOV (register, immediate, general, top half),
 * conversions between precisions (with AHP) and to/from integers and
 * fixed point, FRINT*, min/max, reciprocal estimates and steps, and the
 * FP access trap when CPACR_EL1.FPEN disables FP.
 */
#include "test.h"

#define FPSR_IOC 0x01
#define FPSR_DZC 0x02
#define FPSR_OFC 0x04
#define FPSR_UFC 0x08
#define FPSR_IXC 0x10
#define FPSR_IDC 0x80
#define FPCR_RZ (3ul << 22)
#define FPCR_RP (1ul << 22)
#define FPCR_RM (2ul << 22)
#define FPCR_FZ (1ul << 24)
#define FPCR_DN (1ul << 25)
#define FPCR_AHP (1ul << 26)

static void fpsr_clear(void) { WRITE_SYSREG(fpsr, 0); }
static u64 fpsr_get(void) { return READ_SYSREG(fpsr); }

/* Bit patterns <-> registers without the compiler's FP code. */
#define OPS(name, insn, a, b, exp, flags) do { \
        u64 r_; \
        fpsr_clear(); \
        __asm__ volatile("fmov s1, %w1\n\tfmov s2, %w2\n\t" insn "\n\tfmov %w0, s0" \
                         : "=r"(r_) : "r"((u32)(a)), "r"((u32)(b)) : "v0", "v1", "v2"); \
        CHECK(name, r_, exp); \
        CHECK(name " fpsr", fpsr_get(), flags); \
    } while (0)
#define OPD(name, insn, a, b, exp, flags) do { \
        u64 r_; \
        fpsr_clear(); \
        __asm__ volatile("fmov d1, %1\n\tfmov d2, %2\n\t" insn "\n\tfmov %0, d0" \
                         : "=r"(r_) : "r"((u64)(a)), "r"((u64)(b)) : "v0", "v1", "v2"); \
        CHECK(name, r_, exp); \
        CHECK(name " fpsr", fpsr_get(), flags); \
    } while (0)

#define ONE_S 0x3f800000u
#define TWO_S 0x40000000u
#define THREE_S 0x40400000u
#define ONE_D 0x3ff0000000000000ul
#define TWO_D 0x4000000000000000ul
#define THREE_D 0x4008000000000000ul

static void test_arith(void)
{
    OPS("fadd-s", "fadd s0, s1, s2", ONE_S, TWO_S, THREE_S, 0);
    OPS("fsub-s", "fsub s0, s1, s2", ONE_S, TWO_S, 0xbf800000, 0);
    OPS("fmul-s", "fmul s0, s1, s2", THREE_S, TWO_S, 0x40c00000, 0);
    OPS("fdiv-s-inexact", "fdiv s0, s1, s2", ONE_S, THREE_S, 0x3eaaaaab, FPSR_IXC);
    OPS("fdiv-s-by-zero", "fdiv s0, s1, s2", ONE_S, 0, 0x7f800000, FPSR_DZC);
    OPS("fdiv-s-0-0", "fdiv s0, s1, s2", 0, 0, 0x7fc00000, FPSR_IOC);
    OPS("fmul-s-overflow", "fmul s0, s1, s2", 0x7f000000, 0x7f000000, 0x7f800000,
        FPSR_OFC | FPSR_IXC);
    OPS("fmul-s-underflow", "fmul s0, s1, s2", 0x00800000, 0x3e800000, 0x00200000, 0);
    OPS("fmul-s-underflow-inexact", "fmul s0, s1, s2", 0x00800001, 0x3e800000, 0x00200000,
        FPSR_UFC | FPSR_IXC);
    OPS("fnmul-s", "fnmul s0, s1, s2", THREE_S, TWO_S, 0xc0c00000, 0);
    OPS("fsqrt-s", "fsqrt s0, s1", 0x40800000, 0, TWO_S, 0);
    OPS("fsqrt-s-neg", "fsqrt s0, s1", 0xbf800000, 0, 0x7fc00000, FPSR_IOC);
    OPS("fabs-s", "fabs s0, s1", 0xbf800000, 0, ONE_S, 0);
    OPS("fneg-s-nan", "fneg s0, s1", 0x7fc00001, 0, 0xffc00001, 0);
    OPS("fadd-s-snan", "fadd s0, s1, s2", 0x7f800001, ONE_S, 0x7fc00001, FPSR_IOC);
    OPS("fadd-s-qnan-second", "fadd s0, s1, s2", ONE_S, 0x7fc00002, 0x7fc00002, 0);
    OPS("fmax-s", "fmax s0, s1, s2", ONE_S, TWO_S, TWO_S, 0);
    OPS("fmin-s-zeros", "fmin s0, s1, s2", 0, 0x80000000, 0x80000000, 0);
    OPS("fmax-s-nan", "fmax s0, s1, s2", ONE_S, 0x7fc00000, 0x7fc00000, 0);
    OPS("fmaxnm-s-nan", "fmaxnm s0, s1, s2", ONE_S, 0x7fc00000, ONE_S, 0);
    OPS("fminnm-s", "fminnm s0, s1, s2", 0x7fc00000, TWO_S, TWO_S, 0);
    OPD("fadd-d", "fadd d0, d1, d2", ONE_D, TWO_D, THREE_D, 0);
    OPD("fdiv-d", "fdiv d0, d1, d2", ONE_D, THREE_D, 0x3fd5555555555555ul, FPSR_IXC);
    OPD("fmul-d", "fmul d0, d1, d2", THREE_D, THREE_D, 0x4022000000000000ul, 0);
    OPD("fsqrt-d", "fsqrt d0, d1", 0x4010000000000000ul, 0, TWO_D, 0);
    OPD("fabd-d", "fabd d0, d1, d2", ONE_D, THREE_D, TWO_D, 0);
    /* S writes clear the rest of the register */
    {
        u64 hi;
        __asm__ volatile("movi v0.16b, #0xff\n\tfmov s1, wzr\n\tfadd s0, s1, s1\n\t"
                         "mov %0, v0.d[1]" : "=r"(hi) :: "v0", "v1");
        CHECK("fadd-s-clears-high", hi, 0);
    }
}

static void test_fma(void)
{
    u64 r;

    fpsr_clear();
    __asm__ volatile("fmov d1, #2.0\n\tfmov d2, #3.0\n\tfmov d3, #10.0\n\t"
                     "fmadd d0, d1, d2, d3\n\tfmov %0, d0" : "=r"(r) :: "v0", "v1", "v2", "v3");
    CHECK("fmadd-d", r, 0x4030000000000000ul);     /* 16 */
    __asm__ volatile("fmov d1, #2.0\n\tfmov d2, #3.0\n\tfmov d3, #10.0\n\t"
                     "fmsub d0, d1, d2, d3\n\tfmov %0, d0" : "=r"(r) :: "v0", "v1", "v2", "v3");
    CHECK("fmsub-d", r, 0x4010000000000000ul);     /* 4 */
    __asm__ volatile("fmov s1, #2.0\n\tfmov s2, #3.0\n\tfmov s3, #10.0\n\t"
                     "fnmadd s0, s1, s2, s3\n\tfmov %w0, s0" : "=r"(r) :: "v0", "v1", "v2", "v3");
    CHECK("fnmadd-s", r, 0xc1800000);              /* -16 */
    __asm__ volatile("fmov s1, #2.0\n\tfmov s2, #3.0\n\tfmov s3, #10.0\n\t"
                     "fnmsub s0, s1, s2, s3\n\tfmov %w0, s0" : "=r"(r) :: "v0", "v1", "v2", "v3");
    CHECK("fnmsub-s", r, 0xc0800000);              /* -4 */
    /* (1 + 2^-23) * (1 - 2^-24) - 1 = 2^-24 - 2^-47: 0 if not fused */
    OPS("fnmsub-s-fused", "fmov s3, #1.0\n\tfnmsub s0, s1, s2, s3", 0x3f800001, 0x3f7fffff,
        0x337ffffe, 0);
    CHECK("fma-fpsr", fpsr_get(), 0);
}

static void test_fpcr(void)
{
    u64 r;

    WRITE_SYSREG(fpcr, FPCR_RZ);
    OPS("fdiv-rz", "fdiv s0, s1, s2", ONE_S, THREE_S, 0x3eaaaaaa, FPSR_IXC);
    WRITE_SYSREG(fpcr, FPCR_RP);
    OPS("fdiv-rp-neg", "fdiv s0, s1, s2", 0xbf800000, THREE_S, 0xbeaaaaaa, FPSR_IXC);
    WRITE_SYSREG(fpcr, FPCR_RM);
    OPS("fdiv-rm-neg", "fdiv s0, s1, s2", 0xbf800000, THREE_S, 0xbeaaaaab, FPSR_IXC);
    WRITE_SYSREG(fpcr, FPCR_DN);
    OPS("fadd-dn", "fadd s0, s1, s2", 0x7fc01234, ONE_S, 0x7fc00000, 0);
    WRITE_SYSREG(fpcr, FPCR_FZ);
    OPS("fadd-fz-input", "fadd s0, s1, s2", 0x00000001, 0, 0, FPSR_IDC);
    OPS("fmul-fz-output", "fmul s0, s1, s2", 0x00800000, 0x3f000000, 0, FPSR_UFC);
    WRITE_SYSREG(fpcr, 0);
    r = READ_SYSREG(fpcr);
    CHECK("fpcr-readback", r, 0);
    /* cumulative: flags stay set until cleared */
    fpsr_clear();
    __asm__ volatile("fmov s1, #1.0\n\tfmov s2, wzr\n\tfdiv s0, s1, s2\n\t"
                     "fmov s2, #3.0\n\tfdiv s0, s1, s2" ::: "v0", "v1", "v2");
    CHECK("fpsr-cumulative", fpsr_get(), FPSR_DZC | FPSR_IXC);
}

/* NZCV after a compare: from "mrs nzcv". */
#define CMPS(name, insn, a, b, exp_nzcv, flags) do { \
        u64 f_; \
        fpsr_clear(); \
        __asm__ volatile("fmov s1, %w1\n\tfmov s2, %w2\n\t" insn "\n\tmrs %0, nzcv" \
                         : "=r"(f_) : "r"((u32)(a)), "r"((u32)(b)) : "v1", "v2", "cc"); \
        CHECK(name, f_ >> 28, exp_nzcv); \
        CHECK(name " fpsr", fpsr_get(), flags); \
    } while (0)

static void test_compare(void)
{
    u64 r;

    CMPS("fcmp-lt", "fcmp s1, s2", ONE_S, TWO_S, 0x8, 0);
    CMPS("fcmp-gt", "fcmp s1, s2", TWO_S, ONE_S, 0x2, 0);
    CMPS("fcmp-eq", "fcmp s1, s2", ONE_S, ONE_S, 0x6, 0);
    CMPS("fcmp-zero", "fcmp s1, #0.0", 0x80000000, 0, 0x6, 0);
    CMPS("fcmp-unordered", "fcmp s1, s2", 0x7fc00000, ONE_S, 0x3, 0);
    CMPS("fcmpe-unordered", "fcmpe s1, s2", 0x7fc00000, ONE_S, 0x3, FPSR_IOC);
    CMPS("fcmp-snan", "fcmp s1, s2", 0x7f800001, ONE_S, 0x3, FPSR_IOC);
    CMPS("fccmp-taken", "cmp xzr, xzr\n\tfccmp s1, s2, #0xf, eq", ONE_S, TWO_S, 0x8, 0);
    CMPS("fccmp-not-taken", "cmp xzr, xzr\n\tfccmp s1, s2, #0x5, ne", ONE_S, TWO_S, 0x5, 0);
    __asm__ volatile("fmov s1, #1.0\n\tfmov s2, #2.0\n\tcmp xzr, xzr\n\t"
                     "fcsel s0, s1, s2, eq\n\tfmov %w0, s0" : "=r"(r) :: "v0", "v1", "v2", "cc");
    CHECK("fcsel-eq", r, ONE_S);
    __asm__ volatile("fmov d1, #1.0\n\tfmov d2, #2.0\n\tcmp xzr, xzr\n\t"
                     "fcsel d0, d1, d2, ne\n\tfmov %0, d0" : "=r"(r) :: "v0", "v1", "v2", "cc");
    CHECK("fcsel-ne", r, TWO_D);
}

static void test_moves(void)
{
    u64 r, hi;

    __asm__ volatile("fmov d0, #-1.25\n\tfmov %0, d0" : "=r"(r) :: "v0");
    CHECK("fmov-imm-d", r, 0xbff4000000000000ul);
    __asm__ volatile("fmov s0, #31.0\n\tfmov %w0, s0" : "=r"(r) :: "v0");
    CHECK("fmov-imm-s", r, 0x41f80000);
    __asm__ volatile("fmov s0, #0.125\n\tfmov %w0, s0" : "=r"(r) :: "v0");
    CHECK("fmov-imm-s-small", r, 0x3e000000);
    __asm__ volatile("movi v0.2d, #0\n\tmov x1, #0x1234\n\tfmov v0.d[1], x1\n\t"
                     "fmov x2, d0\n\tfmov %0, v0.d[1]\n\tmov %1, x2"
                     : "=r"(hi), "=r"(r) :: "x1", "x2", "v0");
    CHECK("fmov-top-half", hi, 0x1234);
    CHECK("fmov-top-half-low-kept", r, 0);
    __asm__ volatile("mov x1, #-1\n\tfmov d0, x1\n\tfmov s1, s0\n\tfmov %0, d1"
                     : "=r"(r) :: "x1", "v0", "v1");
    CHECK("fmov-s-reg-zeroes-high", r, 0xffffffff);
}

static void test_convert(void)
{
    u64 r;

    fpsr_clear();
    __asm__ volatile("fmov d0, #2.5\n\tfcvtzs x0, d0\n\tmov %0, x0" : "=r"(r) :: "x0", "v0");
    CHECK("fcvtzs-2.5", r, 2);
    __asm__ volatile("fmov d0, #-2.5\n\tfcvtas x0, d0\n\tmov %0, x0" : "=r"(r) :: "x0", "v0");
    CHECK("fcvtas--2.5", r, (u64)-3);
    __asm__ volatile("fmov d0, #2.5\n\tfcvtns w0, d0\n\tmov %0, x0" : "=r"(r) :: "x0", "v0");
    CHECK("fcvtns-2.5", r, 2);
    __asm__ volatile("fmov d0, #-2.5\n\tfcvtms x0, d0\n\tmov %0, x0" : "=r"(r) :: "x0", "v0");
    CHECK("fcvtms--2.5", r, (u64)-3);
    __asm__ volatile("fmov d0, #2.5\n\tfcvtps x0, d0\n\tmov %0, x0" : "=r"(r) :: "x0", "v0");
    CHECK("fcvtps-2.5", r, 3);
    __asm__ volatile("fmov d0, #-2.5\n\tfcvtzu w0, d0\n\tmov %0, x0" : "=r"(r) :: "x0", "v0");
    CHECK("fcvtzu-neg-sat", r, 0);
    CHECK("fcvt-fpsr", fpsr_get(), FPSR_IXC | FPSR_IOC);
    __asm__ volatile("mov x0, #0x7f800000\n\tfmov s0, w0\n\tfcvtzs w0, s0\n\tmov %0, x0"
                     : "=r"(r) :: "x0", "v0");
    CHECK("fcvtzs-inf-sat", r, 0x7fffffff);
    __asm__ volatile("fmov d0, #2.5\n\tfcvtzs x0, d0, #4\n\tmov %0, x0" : "=r"(r) :: "x0", "v0");
    CHECK("fcvtzs-fixed", r, 40);
    __asm__ volatile("mov x0, #-5\n\tscvtf d0, x0\n\tfmov %0, d0" : "=r"(r) :: "x0", "v0");
    CHECK("scvtf-x", r, 0xc014000000000000ul);
    __asm__ volatile("mov w0, #-5\n\tucvtf s0, w0\n\tfmov %w0, s0" : "=r"(r) :: "x0", "v0");
    CHECK("ucvtf-w", r, 0x4f800000);                 /* 4294967291 -> 2^32 */
    __asm__ volatile("mov x0, #3\n\tscvtf s0, x0, #1\n\tfmov %w0, s0" : "=r"(r) :: "x0", "v0");
    CHECK("scvtf-fixed", r, 0x3fc00000);
    __asm__ volatile("fmov d1, #1.0\n\tfcvt s0, d1\n\tfmov %w0, s0" : "=r"(r) :: "v0", "v1");
    CHECK("fcvt-d-s", r, ONE_S);
    __asm__ volatile("fmov s1, #-2.0\n\tfcvt h0, s1\n\tfmov %w0, s0" : "=r"(r) :: "v0", "v1");
    CHECK("fcvt-s-h", r, 0xc000);
    __asm__ volatile("mov w1, #0x3c00\n\tfmov s1, w1\n\tfcvt d0, h1\n\tfmov %0, d0"
                     : "=r"(r) :: "x1", "v0", "v1");
    CHECK("fcvt-h-d", r, ONE_D);
    WRITE_SYSREG(fpcr, FPCR_AHP);
    __asm__ volatile("mov w1, #0x7c00\n\tfmov s1, w1\n\tfcvt s0, h1\n\tfmov %w0, s0"
                     : "=r"(r) :: "x1", "v0", "v1");
    CHECK("fcvt-ahp-h-s", r, 0x47800000);            /* 65536.0 */
    WRITE_SYSREG(fpcr, 0);
    fpsr_clear();
    __asm__ volatile("fmov d1, #2.5\n\tfrinta d0, d1\n\tfmov %0, d0" : "=r"(r) :: "v0", "v1");
    CHECK("frinta", r, THREE_D);
    __asm__ volatile("fmov d1, #2.5\n\tfrintn d0, d1\n\tfmov %0, d0" : "=r"(r) :: "v0", "v1");
    CHECK("frintn", r, TWO_D);
    __asm__ volatile("fmov d1, #-2.5\n\tfrintp d0, d1\n\tfmov %0, d0" : "=r"(r) :: "v0", "v1");
    CHECK("frintp", r, 0xc000000000000000ul);
    __asm__ volatile("fmov d1, #-2.5\n\tfrintm d0, d1\n\tfmov %0, d0" : "=r"(r) :: "v0", "v1");
    CHECK("frintm", r, 0xc008000000000000ul);
    __asm__ volatile("fmov d1, #2.5\n\tfrintz d0, d1\n\tfmov %0, d0" : "=r"(r) :: "v0", "v1");
    CHECK("frintz", r, TWO_D);
    CHECK("frint-no-inexact", fpsr_get(), 0);
    __asm__ volatile("fmov d1, #2.5\n\tfrintx d0, d1\n\tfmov %0, d0" : "=r"(r) :: "v0", "v1");
    CHECK("frintx", r, TWO_D);
    CHECK("frintx-inexact", fpsr_get(), FPSR_IXC);
}

static void test_estimates(void)
{
    u64 r;

    __asm__ volatile("fmov s1, #1.0\n\tfrecpe s0, s1\n\tfmov %w0, s0" : "=r"(r) :: "v0", "v1");
    CHECK("frecpe-1", r, 0x3f7f8000);
    __asm__ volatile("fmov s1, #2.0\n\tfrsqrte s0, s1\n\tfmov %w0, s0" : "=r"(r) :: "v0", "v1");
    CHECK("frsqrte-2", r, 0x3f348000);
    __asm__ volatile("fmov s1, #2.0\n\tfmov s2, #3.0\n\tfrecps s0, s1, s2\n\tfmov %w0, s0"
                     : "=r"(r) :: "v0", "v1", "v2");
    CHECK("frecps", r, 0xc0800000);                  /* 2 - 6 */
    __asm__ volatile("fmov d1, #2.0\n\tfmov d2, #3.0\n\tfrsqrts d0, d1, d2\n\tfmov %0, d0"
                     : "=r"(r) :: "v0", "v1", "v2");
    CHECK("frsqrts", r, 0xbff8000000000000ul);       /* (3 - 6) / 2 */
    __asm__ volatile("fmov d1, #10.0\n\tfrecpx d0, d1\n\tfmov %0, d0" : "=r"(r) :: "v0", "v1");
    CHECK("frecpx", r, 0x3fd0000000000000ul);
}

static void test_fp_trap(void)
{
    u64 cpacr = READ_SYSREG(cpacr_el1);
    int n = exc_count();

    WRITE_SYSREG(cpacr_el1, cpacr & ~(3ul << 20));
    __asm__ volatile("isb");
    expect_exception(EXC_SKIP);
    __asm__ volatile("fadd s0, s1, s2" ::: "v0");
    CHECK("fp-trap-taken", exc_count(), n + 1);
    CHECK("fp-trap-ec", last_exc.esr >> 26, 0x07);
    WRITE_SYSREG(cpacr_el1, cpacr);
    __asm__ volatile("isb");
}

int main(void)
{
    WRITE_SYSREG(fpcr, 0);
    test_arith();
    test_fma();
    test_fpcr();
    test_compare();
    test_moves();
    test_convert();
    test_estimates();
    test_fp_trap();
    return 0;
}
