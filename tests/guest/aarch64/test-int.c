/*
 * test-int.c — A64 integer data processing with known results, flags
 * included (Arm ARM C6.2): add/sub (immediate, shifted, extended, with
 * carry), logical (immediate bitmasks, shifted), conditional compare and
 * select, bitfield moves, extract, move wide, ADR/ADRP, one-source
 * (RBIT, REV*, CLZ, CLS), division (by zero, overflow), shifts by
 * register, multiply-add and high multiplies, CRC32/CRC32C, FlagM.
 */
#include "test.h"

/* r = insn(a, b), flags in = fin (NZCV in bits 3:0), flags out checked. */
#define OPF(name, insn, a, b, fin, exp, expf) do { \
        u64 r_, f_; \
        __asm__ volatile("msr nzcv, %3\n\t" insn "\n\tmrs %1, nzcv" \
                         : "=&r"(r_), "=&r"(f_) \
                         : "r"((u64)(a)), "r"((u64)(fin) << 28), "r"((u64)(b))); \
        CHECK(name, r_, exp); \
        CHECK(name " flags", f_ >> 28, expf); \
    } while (0)
/* Operands: %0 result, %2 a, %4 b (%w0 etc. for W registers). */

#define OP(name, insn, a, b, exp) do { \
        u64 r_; \
        __asm__ volatile(insn : "=&r"(r_) : "r"((u64)(a)), "r"((u64)(b))); \
        CHECK(name, r_, exp); \
    } while (0)
/* Operands: %0 result, %1 a, %2 b. */

#define OP3(name, insn, a, b, c, exp) do { \
        u64 r_; \
        __asm__ volatile(insn : "=&r"(r_) : "r"((u64)(a)), "r"((u64)(b)), "r"((u64)(c))); \
        CHECK(name, r_, exp); \
    } while (0)

static void test_addsub(void)
{
    OPF("adds-x-overflow", "adds %0, %2, %4", 0x7fffffffffffffff, 1, 0, 0x8000000000000000, 0x9);
    OPF("adds-x-carry-zero", "adds %0, %2, %4", -1, 1, 0, 0, 0x6);
    OPF("adds-w-carry-zero", "adds %w0, %w2, %w4", 0xffffffff, 1, 0, 0, 0x6);
    OPF("adds-w-overflow", "adds %w0, %w2, %w4", 0x7fffffff, 1, 0, 0x80000000, 0x9);
    OPF("adds-w-upper-ignored", "adds %w0, %w2, %w4", 0xffffffff00000001, 0x100000001, 0, 2, 0x0);
    OPF("subs-x-neg", "subs %0, %2, %4", 5, 7, 0, -2, 0x8);
    OPF("subs-x-pos", "subs %0, %2, %4", 7, 5, 0, 2, 0x2);
    OPF("subs-x-zero", "subs %0, %2, %4", 5, 5, 0, 0, 0x6);
    OPF("subs-x-overflow", "subs %0, %2, %4", 0x8000000000000000, 1, 0, 0x7fffffffffffffff, 0x3);
    OPF("subs-w-borrow", "subs %w0, %w2, %w4", 0, 1, 0, 0xffffffff, 0x8);
    OPF("subs-imm-shift", "subs %0, %2, #1, lsl #12", 0x1000, 0, 0, 0, 0x6);
    OPF("cmn-w", "cmn %w2, %w4\n\tmov %0, #0", 0x80000000, 0x80000000, 0, 0, 0x7);
    OPF("adcs-carry-in", "adcs %0, %2, %4", -1, 0, 0x2, 0, 0x6);
    OPF("adcs-w-carry-in", "adcs %w0, %w2, %w4", 0x7fffffff, 0, 0x2, 0x80000000, 0x9);
    OPF("adc-no-flags", "adc %0, %2, %4", 1, 2, 0x2, 4, 0x2);
    OPF("sbcs-no-carry", "sbcs %0, %2, %4", 5, 3, 0x0, 1, 0x2);
    OPF("sbcs-carry", "sbcs %0, %2, %4", 3, 3, 0x2, 0, 0x6);
    OPF("sbcs-w-borrow", "sbcs %w0, %w2, %w4", 0, 0, 0x0, 0xffffffff, 0x8);
    OPF("sbc-x", "sbc %0, %2, %4", 10, 3, 0x0, 6, 0x0);
    OP("add-sxtw", "add %0, %1, %w2, sxtw", 100, 0xffffffff, 99);
    OP("add-uxtw", "add %0, %1, %w2, uxtw", 100, 0xffffffff, 100 + 0xffffffffull);
    OP("sub-sxtb-lsl2", "sub %0, %1, %w2, sxtb #2", 0, 0x80, 512);
    OP("add-uxth-w", "add %w0, %w1, %w2, uxth #1", 1, 0xffff8001, 0x10003);
    OP("add-shift-asr", "add %0, %1, %2, asr #60", 0, 0x8000000000000000, -8);
    OP("sub-w-lsr", "sub %w0, %w1, %w2, lsr #31", 5, 0x80000000, 4);
    {
        u64 r, sp;

        __asm__ volatile("mov %1, sp\n\tadd %0, sp, #16" : "=r"(r), "=r"(sp));
        CHECK("add-sp-imm", r, sp + 16);
    }
}

static void test_logic(void)
{
    OP("and-imm-x", "and %0, %1, #0x5555555555555555", -1, 0, 0x5555555555555555);
    OP("orr-imm-w", "orr %w0, %w1, #0xff00ff00", 0x1, 0, 0xff00ff01);
    OP("eor-imm-x", "eor %0, %1, #0xffff0000", 0xffffffffffffffff, 0, 0xffffffff0000ffff);
    OP("orr-imm-rot", "orr %0, %1, #0x8000000000000001", 0, 0, 0x8000000000000001);
    OP("and-imm-w-upper", "and %w0, %w1, #0xf", 0xffffffffffffffff, 0, 0xf);
    OPF("ands-imm-n", "ands %0, %2, #0x8000000000000000", 0x8000000000000001, 0, 0xf,
        0x8000000000000000, 0x8);
    OPF("tst-zero", "tst %2, %4\n\tmov %0, #1", 0xf0, 0x0f, 0x3, 1, 0x4);
    OP("bic", "bic %0, %1, %2", 0xff, 0x0f, 0xf0);
    OP("orn-w", "orn %w0, %w1, %w2", 0, 0xffff0000, 0x0000ffff);
    OP("eon-lsl", "eon %0, %1, %2, lsl #4", 0, 0xf, 0xffffffffffffff0f);
    OP("and-ror", "and %0, %1, %2, ror #4", -1, 0x1, 0x1000000000000000);
    OP("orr-w-ror", "orr %w0, %w1, %w2, ror #1", 0, 0x1, 0x80000000);
    OPF("bics-w", "bics %w0, %w2, %w4", 0x80000000, 0x0, 0x0, 0x80000000, 0x8);
}

static void test_cond(void)
{
    /* ccmp: condition true -> compare; false -> nzcv immediate. */
    OPF("ccmp-true", "ccmp %2, %4, #0xf, eq\n\tmov %0, #0", 1, 1, 0x4, 0, 0x6);
    OPF("ccmp-false", "ccmp %2, %4, #0x9, ne\n\tmov %0, #0", 1, 1, 0x4, 0, 0x9);
    OPF("ccmn-imm", "ccmn %2, #1, #0, al\n\tmov %0, #0", -1, 0, 0x0, 0, 0x6);
    OPF("ccmp-w-imm-lt", "ccmp %w2, #5, #0, ge\n\tmov %0, #0", 3, 0, 0x0, 0, 0x8);
    OPF("csel-eq", "csel %0, %2, %4, eq", 1, 2, 0x4, 1, 0x4);
    OPF("csel-ne", "csel %0, %2, %4, eq", 1, 2, 0x0, 2, 0x0);
    OPF("csinc", "csinc %0, %2, %4, hi", 1, 2, 0x6, 3, 0x6);
    OPF("csinc-hi-true", "csinc %0, %2, %4, hi", 1, 2, 0x2, 1, 0x2);
    OPF("csinv-w", "csinv %w0, %w2, %w4, lt", 1, 0, 0x8, 1, 0x8);
    OPF("csinv-w-false", "csinv %w0, %w2, %w4, lt", 1, 0, 0x9, 0xffffffff, 0x9);
    OPF("csneg-gt", "csneg %0, %2, %4, gt", 7, 7, 0x4, -7, 0x4);
    OPF("csneg-gt-true", "csneg %0, %2, %4, gt", 7, 7, 0x9, 7, 0x9);
    OPF("cset-le", "cset %0, le", 0, 0, 0x1, 1, 0x1);
    OPF("csetm-vc", "csetm %w0, vc", 0, 0, 0x0, 0xffffffff, 0x0);
    OPF("cinc-mi", "cinc %0, %2, mi", 41, 0, 0x8, 42, 0x8);
}

/* CSEL with condition NV (0b1111) behaves as AL (Arm ARM C1.2.4). */
static void test_csel_nv(void)
{
    register u64 x0 __asm__("x0");
    register u64 x1 __asm__("x1") = 5;
    register u64 x2 __asm__("x2") = 6;

    __asm__ volatile(".inst 0x9a82f020" : "=r"(x0) : "r"(x1), "r"(x2));  /* csel x0, x1, x2, nv */
    CHECK("csel-nv", x0, 5);
}

static void test_bitfield(void)
{
    OP("ubfx", "ubfx %0, %1, #8, #12", 0x123456789abcdef0, 0, 0xcde);
    OP("sbfx-w", "sbfx %w0, %w1, #8, #4", 0xf00, 0, 0xffffffff);
    OP("sbfx-x", "sbfx %0, %1, #60, #4", 0x8000000000000000, 0, -8);
    OP("bfi", "mov %0, %1\n\tbfi %0, %2, #4, #8", -1, 0, 0xfffffffffffff00f);
    OP("bfxil", "mov %0, #0\n\tbfxil %0, %1, #4, #8", 0xabcd, 0, 0xbc);
    OP("bfi-w-clears-upper", "mov %0, %1\n\tbfi %w0, %w2, #0, #4", -1, 0, 0xfffffff0);
    OP("lsl-w", "lsl %w0, %w1, #31", 1, 0, 0x80000000);
    OP("lsr-x", "lsr %0, %1, #63", 0x8000000000000000, 0, 1);
    OP("asr-x", "asr %0, %1, #4", 0x8000000000000000, 0, 0xf800000000000000);
    OP("asr-w", "asr %w0, %w1, #31", 0x80000000, 0, 0xffffffff);
    OP("sxtb", "sxtb %0, %w1", 0x80, 0, 0xffffffffffffff80);
    OP("sxth-w", "sxth %w0, %w1", 0x8000, 0, 0xffff8000);
    OP("sxtw", "sxtw %0, %w1", 0x80000000, 0, 0xffffffff80000000);
    OP("uxth", "uxth %w0, %w1", 0x12345678, 0, 0x5678);
    OP("sbfiz", "sbfiz %0, %1, #4, #4", 0x8, 0, 0xffffffffffffff80);
    OP("ubfiz-w", "ubfiz %w0, %w1, #24, #8", 0x1ff, 0, 0xff000000);
    OP("ror-x", "ror %0, %1, #1", 1, 0, 0x8000000000000000);
    OP("ror-w", "ror %w0, %w1, #1", 1, 0, 0x80000000);
    OP("extr-x", "extr %0, %1, %2, #16", 0x0123456789abcdef, 0xfedcba9876543210,
       0xcdeffedcba987654);
    OP("extr-w", "extr %w0, %w1, %w2, #8", 0x11223344, 0x55667788, 0x44556677);
}

static void test_movw_adr(void)
{
    u64 r, a;

    OP("movn-x", "movn %0, #0", 0, 0, -1);
    OP("movn-w", "movn %w0, #0", 0, 0, 0xffffffff);
    OP("movn-x-hw", "movn %0, #0x1234, lsl #32", 0, 0, 0xffffedcbffffffff);
    OP("movz-x", "movz %0, #0xbeef, lsl #48", 0, 0, 0xbeef000000000000);
    OP("movk-x", "mov %0, %1\n\tmovk %0, #0x1234, lsl #16", -1, 0, 0xffffffff1234ffff);
    OP("movk-w", "mov %0, %1\n\tmovk %w0, #0x1234, lsl #16", -1, 0, 0x1234ffff);
    __asm__ volatile("adr %0, 1f\n\tldr %1, =1f\n1:" : "=r"(r), "=r"(a));
    CHECK("adr", r, a);
    __asm__ volatile("adrp %0, 1f\n\tldr %1, =1f\n1:" : "=r"(r), "=r"(a));
    CHECK("adrp", r, a & ~0xfffull);
}

static void test_dp1(void)
{
    OP("rev-x", "rev %0, %1", 0x0123456789abcdef, 0, 0xefcdab8967452301);
    OP("rev-w", "rev %w0, %w1", 0xff01234567, 0, 0x67452301);
    OP("rev16-x", "rev16 %0, %1", 0x0123456789abcdef, 0, 0x23016745ab89efcd);
    OP("rev16-w", "rev16 %w0, %w1", 0x0123456789abcdef, 0, 0xab89efcd);
    OP("rev32", "rev32 %0, %1", 0x0123456789abcdef, 0, 0x67452301efcdab89);
    OP("rbit-w", "rbit %w0, %w1", 1, 0, 0x80000000);
    OP("rbit-x", "rbit %0, %1", 0x0123456789abcdef, 0, 0xf7b3d591e6a2c480);
    OP("clz-x-1", "clz %0, %1", 1, 0, 63);
    OP("clz-x-0", "clz %0, %1", 0, 0, 64);
    OP("clz-w-0", "clz %w0, %w1", 0xffffffff00000000, 0, 32);
    OP("cls-x-0", "cls %0, %1", 0, 0, 63);
    OP("cls-x-m1", "cls %0, %1", -1, 0, 63);
    OP("cls-x", "cls %0, %1", 0x00ffffffffffffff, 0, 7);
    OP("cls-w", "cls %w0, %w1", 0xc0000000, 0, 1);
}

static void test_dp2(void)
{
    OP("udiv", "udiv %0, %1, %2", 10, 3, 3);
    OP("udiv-by-zero", "udiv %0, %1, %2", 10, 0, 0);
    OP("udiv-w", "udiv %w0, %w1, %w2", 0xffffffff, 2, 0x7fffffff);
    OP("sdiv-trunc", "sdiv %0, %1, %2", -7, 2, -3);
    OP("sdiv-overflow", "sdiv %0, %1, %2", 0x8000000000000000, -1, 0x8000000000000000);
    OP("sdiv-w-overflow", "sdiv %w0, %w1, %w2", 0x80000000, 0xffffffff, 0x80000000);
    OP("sdiv-w-by-zero", "sdiv %w0, %w1, %w2", -7, 0, 0);
    OP("sdiv-by-zero", "sdiv %0, %1, %2", -7, 0, 0);
    OP("lslv-mod", "lsl %0, %1, %2", 1, 65, 2);
    OP("lsrv-w-mod", "lsr %w0, %w1, %w2", 0x80000000, 33, 0x40000000);
    OP("asrv", "asr %0, %1, %2", 0x8000000000000000, 63, -1);
    OP("rorv-w", "ror %w0, %w1, %w2", 1, 33, 0x80000000);
    OP("rorv-x", "ror %0, %1, %2", 3, 1, 0x8000000000000001);
}

static void test_dp3(void)
{
    OP3("madd", "madd %0, %1, %2, %3", 3, 4, 5, 17);
    OP3("msub", "msub %0, %1, %2, %3", 3, 4, 20, 8);
    OP3("madd-w", "madd %w0, %w1, %w2, %w3", 0x10000, 0x10000, 1, 1);
    OP("mul", "mul %0, %1, %2", 0x100000000, 0x100000000, 0);
    OP("smull", "smull %0, %w1, %w2", -2, 3, -6);
    OP("umull", "umull %0, %w1, %w2", 0xffffffff, 0xffffffff, 0xfffffffe00000001);
    OP3("smsubl", "smsubl %0, %w1, %w2, %3", -1, -1, 10, 9);
    OP3("umaddl", "umaddl %0, %w1, %w2, %3", 0xffffffff, 2, 1, 0x1ffffffff);
    OP("smulh-m1", "smulh %0, %1, %2", -1, -1, 0);
    OP("umulh-m1", "umulh %0, %1, %2", -1, -1, 0xfffffffffffffffe);
    OP("smulh", "smulh %0, %1, %2", 0x4000000000000000, 4, 1);
    OP("smulh-neg", "smulh %0, %1, %2", 0x4000000000000000, -4, -1);
}

static u64 isar0(void)
{
    return READ_SYSREG(id_aa64isar0_el1);
}

static void test_crc32(void)
{
    static const char msg[] = "123456789";
    u32 crc = 0xffffffff, crcc = 0xffffffff;
    u64 eight;

    if (((isar0() >> 16) & 0xf) == 0) {
        puts_("SKIP crc32: not advertised\n");
        return;
    }
    for (int i = 0; i < 9; i++) {
        __asm__ volatile("crc32b %w0, %w0, %w1" : "+r"(crc) : "r"((u32)msg[i]));
        __asm__ volatile("crc32cb %w0, %w0, %w1" : "+r"(crcc) : "r"((u32)msg[i]));
    }
    CHECK("crc32b", ~crc, 0xcbf43926);
    CHECK("crc32cb", ~crcc, 0xe3069283);
    memcpy(&eight, msg, 8);
    crc = 0xffffffff;
    crcc = 0xffffffff;
    __asm__ volatile("crc32x %w0, %w0, %1\n\tcrc32b %w0, %w0, %w2"
                     : "+r"(crc) : "r"(eight), "r"((u32)'9'));
    __asm__ volatile("crc32cx %w0, %w0, %1\n\tcrc32cb %w0, %w0, %w2"
                     : "+r"(crcc) : "r"(eight), "r"((u32)'9'));
    CHECK("crc32x", ~crc, 0xcbf43926);
    CHECK("crc32cx", ~crcc, 0xe3069283);
    crc = 0xffffffff;
    __asm__ volatile("crc32h %w0, %w0, %w1\n\tcrc32w %w0, %w0, %w2\n\t"
                     "crc32h %w0, %w0, %w3\n\tcrc32b %w0, %w0, %w4"
                     : "+r"(crc) : "r"(0x3231u), "r"(0x36353433u), "r"(0x3837u),
                       "r"(0x39u));
    CHECK("crc32hw", ~crc, 0xcbf43926);
}

static void test_flagm(void)
{
    u64 f;

    if (((isar0() >> 52) & 0xf) == 0) {
        puts_("SKIP flagm: not advertised\n");
        return;
    }
    __asm__ volatile("msr nzcv, %1\n\t.inst 0xd500401f\n\tmrs %0, nzcv"   /* cfinv */
                     : "=r"(f) : "r"(0x20000000ull));
    CHECK("cfinv", f >> 28, 0x0);
    {
        /* rmif x2, #21, #0b1111 with x2 = 0xb << 21: NZCV = 1011 */
        register u64 x2 __asm__("x2") = 0xbull << 21;

        __asm__ volatile("msr nzcv, xzr\n\t.inst 0xba0a844f\n\tmrs %0, nzcv"
                         : "=r"(f) : "r"(x2));
        CHECK("rmif", f >> 28, 0xb);
        /* setf8 w2 with w2 = 0x180: N=1 (bit 7), Z=0, V = bit8^bit7 = 0 */
        x2 = 0x180;
        __asm__ volatile("msr nzcv, %1\n\t.inst 0x3a00084d\n\tmrs %0, nzcv"
                         : "=r"(f) : "r"(0x20000000ull), "r"(x2));
        CHECK("setf8", f >> 28, 0xa);
        /* setf16 w2 with w2 = 0x8000: N=1, V=1 (bit16 0 ^ bit15 1) */
        x2 = 0x8000;
        __asm__ volatile("msr nzcv, xzr\n\t.inst 0x3a00484d\n\tmrs %0, nzcv"
                         : "=r"(f) : "r"(x2));
        CHECK("setf16", f >> 28, 0x9);
    }
    if (((isar0() >> 52) & 0xf) >= 2) {
        /* axflag: Z = Z|V, C = C&!V, N = V = 0.  From C,V: Z=0 C=0 */
        __asm__ volatile("msr nzcv, %1\n\t.inst 0xd500405f\n\tmrs %0, nzcv"
                         : "=r"(f) : "r"(0xbull << 28));
        CHECK("axflag", f >> 28, 0x4);
        /* xaflag from Z=0 C=0: N = !C & !Z = 1, V = !C & Z = 0, C = 0, Z = 0 */
        __asm__ volatile("msr nzcv, xzr\n\t.inst 0xd500403f\n\tmrs %0, nzcv"
                         : "=r"(f));
        CHECK("xaflag", f >> 28, 0x8);
    }
}

/*
 * Lazy flags: the translator may keep the flags of SUBS/ADDS/ANDS as
 * their operands and evaluate them only when read. "b 1f; 1:" ends the
 * block, so the reader after it starts a block that does not know how
 * the flags are held (run-time evaluation); a reader right after the
 * setter evaluates them with the setter known (or compares the operands).
 */
static u64 ref_nzcv(int op, u64 a, u64 b)
{
    u64 r, n, z, c, v;

    switch (op) {
    case 0: /* cmp x */
        r = a - b; c = a >= b; v = ((a ^ b) & (a ^ r)) >> 63;
        break;
    case 1: { /* cmp w */
        u32 a32 = (u32)a, b32 = (u32)b, r32 = a32 - b32;
        c = a32 >= b32; v = ((a32 ^ b32) & (a32 ^ r32)) >> 31;
        r = (u64)(long)(int)r32;
        break;
    }
    case 2: /* cmn x */
        r = a + b; c = r < a; v = (~(a ^ b) & (a ^ r)) >> 63;
        break;
    case 3: { /* cmn w */
        u32 a32 = (u32)a, b32 = (u32)b, r32 = a32 + b32;
        c = r32 < a32; v = (~(a32 ^ b32) & (a32 ^ r32)) >> 31;
        r = (u64)(long)(int)r32;
        break;
    }
    case 4: /* tst x */
        r = a & b; c = v = 0;
        break;
    default: /* tst w */
        r = (u64)(long)(int)(u32)(a & b); c = v = 0;
        break;
    }
    n = r >> 63;
    z = r == 0;
    return (n << 3) | (z << 2) | (c << 1) | v;
}

/* The setters, by the op number of ref_nzcv(). */
#define LAZY_SET_0 "cmp %1, %2"
#define LAZY_SET_1 "cmp %w1, %w2"
#define LAZY_SET_2 "cmn %1, %2"
#define LAZY_SET_3 "cmn %w1, %w2"
#define LAZY_SET_4 "tst %1, %2"
#define LAZY_SET_5 "tst %w1, %w2"
/* r = reader after setter `set` (a string literal), across a block end
 * when `brk` is "b 1f\n1:\t" and directly when it is "". */
#define LAZY_RUN(set, brk, rd, r, a, b) \
    __asm__ volatile(set "\n\t" brk rd : "=&r"(r) : "r"(a), "r"(b) : "cc")
#define LAZY_ALL(set, brk, a, b, out) do { \
        LAZY_RUN(set, brk, "mrs %0, nzcv", out[0], a, b); \
        LAZY_RUN(set, brk, "cset %0, eq", out[1], a, b); \
        LAZY_RUN(set, brk, "cset %0, ne", out[2], a, b); \
        LAZY_RUN(set, brk, "cset %0, cs", out[3], a, b); \
        LAZY_RUN(set, brk, "cset %0, cc", out[4], a, b); \
        LAZY_RUN(set, brk, "cset %0, mi", out[5], a, b); \
        LAZY_RUN(set, brk, "cset %0, pl", out[6], a, b); \
        LAZY_RUN(set, brk, "cset %0, vs", out[7], a, b); \
        LAZY_RUN(set, brk, "cset %0, vc", out[8], a, b); \
        LAZY_RUN(set, brk, "cset %0, hi", out[9], a, b); \
        LAZY_RUN(set, brk, "cset %0, ls", out[10], a, b); \
        LAZY_RUN(set, brk, "cset %0, ge", out[11], a, b); \
        LAZY_RUN(set, brk, "cset %0, lt", out[12], a, b); \
        LAZY_RUN(set, brk, "cset %0, gt", out[13], a, b); \
        LAZY_RUN(set, brk, "cset %0, le", out[14], a, b); \
        LAZY_RUN(set, brk, "adc %0, xzr, xzr", out[15], a, b); \
        LAZY_RUN(set, brk, "b.lt 2f\n\tmov %0, #0\n\tb 3f\n2:\tmov %0, #1\n3:", \
                 out[16], a, b); \
        LAZY_RUN(set, brk, "b.vs 2f\n\tmov %0, #0\n\tb 3f\n2:\tmov %0, #1\n3:", \
                 out[17], a, b); \
        LAZY_RUN(set, brk, "cmp %1, %1\n\tmrs %0, nzcv", out[18], a, b); \
    } while (0)

static void lazy_check(const char *what, int op, u64 a, u64 b, const u64 *out)
{
    u64 f = ref_nzcv(op, a, b);

    CHECK(what, out[0] >> 28, f);
    for (int cc = 0; cc < 14; cc++) {
        CHECK(what, out[1 + cc], (u64)cond_holds(cc, (unsigned)f));
    }
    CHECK(what, out[15], (f >> 1) & 1);
    CHECK(what, out[16], (u64)cond_holds(11, (unsigned)f));
    CHECK(what, out[17], (u64)cond_holds(6, (unsigned)f));
    CHECK(what, out[18] >> 28, 0x6);
}

static void test_lazy_flags(void)
{
    static const u64 pairs[][2] = {
        { 0, 0 }, { 1, 2 }, { 2, 1 }, { 0x8000000000000000ull, 1 },
        { 0x7fffffffffffffffull, -1ull }, { -1ull, -1ull },
        { 0x80000000, 1 }, { 0x7fffffff, 0xffffffff },
        { 0xffffffff00000000ull, 1 }, { 5, 0x100000005ull },
        { 0x7fffffff, 1 }, { 0x8000000000000000ull, 0x8000000000000000ull },
        { 0x80000000, 0x80000000 }, { 0xf0f0, 0x0f0f },
    };
    u64 out[19];

    for (unsigned i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        u64 a = pairs[i][0], b = pairs[i][1];

#define LAZY_OP(op) \
        LAZY_ALL(LAZY_SET_##op, "b 1f\n1:\t", a, b, out); \
        lazy_check("lazy-flags-block " #op, op, a, b, out); \
        LAZY_ALL(LAZY_SET_##op, "", a, b, out); \
        lazy_check("lazy-flags-direct " #op, op, a, b, out)
        LAZY_OP(0);
        LAZY_OP(1);
        LAZY_OP(2);
        LAZY_OP(3);
        LAZY_OP(4);
        LAZY_OP(5);
#undef LAZY_OP
    }
}

int main(void)
{
    test_addsub();
    test_logic();
    test_cond();
    test_csel_nv();
    test_bitfield();
    test_movw_adr();
    test_dp1();
    test_dp2();
    test_dp3();
    test_crc32();
    test_flagm();
    test_lazy_flags();
    return 0;
}
