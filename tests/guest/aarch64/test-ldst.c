/*
 * test-ldst.c — A64 loads and stores of every addressing form (Arm ARM
 * C6.2, C7.2): unsigned offset, unscaled, pre/post-index writeback,
 * register offset with extend and shift, literal, pairs (LDPSW, LDNP),
 * unprivileged, sign extension, unaligned accesses, acquire/release,
 * and the SIMD&FP forms (B/H/S/D/Q, pairs, LD1-4/ST1-4 multiple and single
 * structures, LD1R, post-index by immediate and by register).
 */
#include "test.h"

static u8 buf[512] __attribute__((aligned(64)));
static u8 out[512] __attribute__((aligned(64)));

static void fill(void)
{
    for (int i = 0; i < 512; i++) {
        buf[i] = (u8)(i * 7 + 0x81);
        out[i] = 0;
    }
}

static u64 le(const u8 *p, int n)
{
    u64 v = 0;

    for (int i = n - 1; i >= 0; i--) {
        v = (v << 8) | p[i];
    }
    return v;
}

static void test_gpr_loads(void)
{
    u64 r, b;

    fill();
    __asm__ volatile("ldr %0, [%1, #8]" : "=r"(r) : "r"(buf));
    CHECK("ldr-uimm", r, le(buf + 8, 8));
    __asm__ volatile("ldr %w0, [%1, #4092]" : "=r"(r) : "r"(buf - 4092 + 12));
    CHECK("ldr-w-uimm-max", r, le(buf + 12, 4));
    __asm__ volatile("ldur %w0, [%1, #-3]" : "=r"(r) : "r"(buf + 16));
    CHECK("ldur-neg", r, le(buf + 13, 4));
    b = (u64)buf;
    __asm__ volatile("ldr %0, [%1, #8]!" : "=r"(r), "+r"(b));
    CHECK("ldr-pre", r, le(buf + 8, 8));
    CHECK("ldr-pre-wb", b, (u64)buf + 8);
    b = (u64)buf;
    __asm__ volatile("ldr %0, [%1], #16" : "=r"(r), "+r"(b));
    CHECK("ldr-post", r, le(buf, 8));
    CHECK("ldr-post-wb", b, (u64)buf + 16);
    b = (u64)buf + 32;
    __asm__ volatile("ldrh %w0, [%1, #-2]!" : "=r"(r), "+r"(b));
    CHECK("ldrh-pre-neg", r, le(buf + 30, 2));
    CHECK("ldrh-pre-neg-wb", b, (u64)buf + 30);

    buf[40] = 0x80;
    buf[41] = 0x01;
    buf[42] = 0x80;
    buf[43] = 0x00;
    buf[44] = 0x00;
    buf[45] = 0x80;
    __asm__ volatile("ldrsb %0, [%1, #40]" : "=r"(r) : "r"(buf));
    CHECK("ldrsb-x", r, 0xffffffffffffff80);
    __asm__ volatile("ldrsb %w0, [%1, #40]" : "=r"(r) : "r"(buf));
    CHECK("ldrsb-w", r, 0xffffff80);
    __asm__ volatile("ldrb %w0, [%1, #40]" : "=r"(r) : "r"(buf));
    CHECK("ldrb", r, 0x80);
    __asm__ volatile("ldrsh %0, [%1, #41]" : "=r"(r) : "r"(buf));
    CHECK("ldrsh-x-unaligned", r, 0xffffffffffff8001);
    __asm__ volatile("ldrsh %w0, [%1, #44]" : "=r"(r) : "r"(buf));
    CHECK("ldrsh-w", r, 0xffff8000);
    __asm__ volatile("ldrsw %0, [%1, #42]" : "=r"(r) : "r"(buf));
    CHECK("ldrsw", r, (u64)(s64)(s32)le(buf + 42, 4));
}

static void test_gpr_regoff(void)
{
    u64 r;

    fill();
    __asm__ volatile("ldr %0, [%1, %2, lsl #3]" : "=r"(r) : "r"(buf), "r"(5ul));
    CHECK("ldr-reg-lsl3", r, le(buf + 40, 8));
    __asm__ volatile("ldr %0, [%1, %2]" : "=r"(r) : "r"(buf), "r"(5ul));
    CHECK("ldr-reg", r, le(buf + 5, 8));
    __asm__ volatile("ldr %w0, [%1, %w2, sxtw #2]" : "=r"(r) : "r"(buf + 64), "r"(-1));
    CHECK("ldr-w-sxtw2", r, le(buf + 60, 4));
    __asm__ volatile("ldrb %w0, [%1, %w2, uxtw]" : "=r"(r)
                     : "r"(buf), "r"(0xffffffff00000007ul));
    CHECK("ldrb-uxtw", r, buf[7]);
    __asm__ volatile("ldrh %w0, [%1, %2, sxtx #1]" : "=r"(r) : "r"(buf + 64), "r"(-3l));
    CHECK("ldrh-sxtx1", r, le(buf + 58, 2));
    __asm__ volatile("ldrsh %0, [%1, %w2, uxtw #1]" : "=r"(r) : "r"(buf), "r"(3));
    CHECK("ldrsh-uxtw1", r, (u64)(s64)(short)le(buf + 6, 2));
}

static void test_gpr_stores(void)
{
    u64 b;

    fill();
    __asm__ volatile("strb %w0, [%1, #1]\n\tstrh %w0, [%1, #2]\n\t"
                     "str %w0, [%1, #4]\n\tstr %0, [%1, #8]"
                     :: "r"(0x1122334455667788ul), "r"(out) : "memory");
    CHECK("strb", out[1], 0x88);
    CHECK("strh", le(out + 2, 2), 0x7788);
    CHECK("str-w", le(out + 4, 4), 0x55667788);
    CHECK("str-x", le(out + 8, 8), 0x1122334455667788);
    CHECK("strb-no-spill", out[0], 0);
    b = (u64)out + 32;
    __asm__ volatile("str %1, [%0, #-8]!" : "+r"(b) : "r"(0xabcdul) : "memory");
    CHECK("str-pre", le(out + 24, 8), 0xabcd);
    CHECK("str-pre-wb", b, (u64)out + 24);
    b = (u64)out + 64;
    __asm__ volatile("strh %w1, [%0], #-6" : "+r"(b) : "r"(0x1234) : "memory");
    CHECK("strh-post", le(out + 64, 2), 0x1234);
    CHECK("strh-post-wb", b, (u64)out + 58);
    __asm__ volatile("stur %1, [%0, #-1]" :: "r"(out + 100), "r"(0x0102030405060708ul)
                     : "memory");
    CHECK("stur-unaligned", le(out + 99, 8), 0x0102030405060708);
    __asm__ volatile("str %w1, [%0, %2, lsl #2]" :: "r"(out), "r"(0xdeadbeef), "r"(30ul)
                     : "memory");
    CHECK("str-reg", le(out + 120, 4), 0xdeadbeef);
    __asm__ volatile("str xzr, [%0]" :: "r"(out + 8) : "memory");
    CHECK("str-xzr", le(out + 8, 8), 0);
}

static void test_pairs(void)
{
    u64 a, c, b;

    fill();
    __asm__ volatile("ldp %0, %1, [%2, #16]" : "=r"(a), "=r"(c) : "r"(buf));
    CHECK("ldp-x-1", a, le(buf + 16, 8));
    CHECK("ldp-x-2", c, le(buf + 24, 8));
    __asm__ volatile("ldp %w0, %w1, [%2, #-8]" : "=r"(a), "=r"(c) : "r"(buf + 16));
    CHECK("ldp-w-1", a, le(buf + 8, 4));
    CHECK("ldp-w-2", c, le(buf + 12, 4));
    b = (u64)buf;
    __asm__ volatile("ldp %0, %1, [%2, #32]!" : "=r"(a), "=r"(c), "+r"(b));
    CHECK("ldp-pre", a, le(buf + 32, 8));
    CHECK("ldp-pre-wb", b, (u64)buf + 32);
    b = (u64)buf;
    __asm__ volatile("ldp %w0, %w1, [%2], #-16" : "=r"(a), "=r"(c), "+r"(b));
    CHECK("ldp-post-2", c, le(buf + 4, 4));
    CHECK("ldp-post-wb", b, (u64)buf - 16);
    buf[3] = 0x80;
    __asm__ volatile("ldpsw %0, %1, [%2]" : "=r"(a), "=r"(c) : "r"(buf));
    CHECK("ldpsw-1", a, (u64)(s64)(s32)le(buf, 4));
    CHECK("ldpsw-2", c, (u64)(s64)(s32)le(buf + 4, 4));
    __asm__ volatile("ldnp %0, %1, [%2, #8]" : "=r"(a), "=r"(c) : "r"(buf));
    CHECK("ldnp", c, le(buf + 16, 8));
    __asm__ volatile("stp %1, %2, [%0, #-16]" :: "r"(out + 32), "r"(1ul), "r"(2ul)
                     : "memory");
    CHECK("stp-1", le(out + 16, 8), 1);
    CHECK("stp-2", le(out + 24, 8), 2);
    b = (u64)out + 64;
    __asm__ volatile("stp %w1, %w2, [%0], #8" : "+r"(b) : "r"(3), "r"(4) : "memory");
    CHECK("stp-w-post", le(out + 64, 8), 0x0000000400000003);
    CHECK("stp-w-post-wb", b, (u64)out + 72);
    __asm__ volatile("stnp %1, %2, [%0]" :: "r"(out + 80), "r"(5ul), "r"(6ul) : "memory");
    CHECK("stnp", le(out + 88, 8), 6);
}

static void test_misc(void)
{
    u64 r;

    fill();
    __asm__ volatile("ldr %0, =0x1122334455667788" : "=r"(r));
    CHECK("ldr-literal", r, 0x1122334455667788);
    __asm__ volatile("ldrsw %0, 1f\n\tb 2f\n\t.balign 4\n1:\t.word 0x80000001\n2:" : "=r"(r));
    CHECK("ldrsw-literal", r, 0xffffffff80000001);
    __asm__ volatile("ldr %w0, 1f\n\tb 2f\n1:\t.word 0xcafef00d\n2:" : "=r"(r));
    CHECK("ldr-w-literal", r, 0xcafef00d);
    __asm__ volatile("ldtr %0, [%1, #8]" : "=r"(r) : "r"(buf));
    CHECK("ldtr", r, le(buf + 8, 8));
    __asm__ volatile("ldtrsh %0, [%1, #-2]" : "=r"(r) : "r"(buf + 2));
    CHECK("ldtrsh", r, (u64)(s64)(short)le(buf, 2));
    __asm__ volatile("sttr %w1, [%0, #4]" :: "r"(out), "r"(0x99) : "memory");
    CHECK("sttr", le(out + 4, 4), 0x99);
    __asm__ volatile("ldr %0, [%1]" : "=r"(r) : "r"(buf + 3));
    CHECK("ldr-unaligned", r, le(buf + 3, 8));
    __asm__ volatile("ldar %0, [%1]" : "=r"(r) : "r"(buf + 8));
    CHECK("ldar", r, le(buf + 8, 8));
    __asm__ volatile("ldarb %w0, [%1]" : "=r"(r) : "r"(buf + 9));
    CHECK("ldarb", r, buf[9]);
    __asm__ volatile("stlrh %w1, [%0]" :: "r"(out + 2), "r"(0xbeef) : "memory");
    CHECK("stlrh", le(out + 2, 2), 0xbeef);
    if ((READ_SYSREG(id_aa64isar1_el1) >> 20) & 0xf) {
        {
            register u64 x0 __asm__("x0");
            register u64 x1 __asm__("x1") = (u64)buf + 16;

            __asm__ volatile(".inst 0xf8bfc020" : "=r"(x0) : "r"(x1));   /* ldapr x0, [x1] */
            CHECK("ldapr", x0, le(buf + 16, 8));
        }
    }
    __asm__ volatile("prfm pldl1keep, [%0]\n\tprfm pstl2strm, [%0, #64]\n\t"
                     "prfum pldl1keep, [%0, #-1]" :: "r"(buf));
    CHECK("prfm-nop", 1, 1);
}

/* Stores V0-V3 to vout (64 bytes). */
static u8 vout[128] __attribute__((aligned(16)));
#define SAVE_V0_3() __asm__ volatile("stp q0, q1, [%0]\n\tstp q2, q3, [%0, #32]" \
                                     :: "r"(vout) : "memory")
#define CLOBBER "v0", "v1", "v2", "v3", "memory"

static void test_simd(void)
{
    u64 b;

    fill();
    /* Q load/store, and zeroing of the upper bits by narrower loads. */
    __asm__ volatile("ldr q0, [%0, #16]\n\tmovi v1.16b, #0xff\n\tldr s1, [%0]\n\t"
                     "movi v2.16b, #0xff\n\tldr b2, [%0, #5]\n\t"
                     "movi v3.16b, #0xff\n\tldr d3, [%0, #8]" :: "r"(buf) : CLOBBER);
    SAVE_V0_3();
    CHECK("ldr-q-lo", le(vout, 8), le(buf + 16, 8));
    CHECK("ldr-q-hi", le(vout + 8, 8), le(buf + 24, 8));
    CHECK("ldr-s", le(vout + 16, 8), le(buf, 4));
    CHECK("ldr-s-clears", le(vout + 24, 8), 0);
    CHECK("ldr-b", le(vout + 32, 8), buf[5]);
    CHECK("ldr-d", le(vout + 48, 8), le(buf + 8, 8));
    CHECK("ldr-d-clears", le(vout + 56, 8), 0);
    __asm__ volatile("ldr q0, [%0]\n\tstr q0, [%2, #16]\n\tstr h0, [%2, #2]\n\t"
                     "stur s0, [%1, #-1]" :: "r"(buf), "r"(out + 41), "r"(out + 1)
                     : CLOBBER);
    CHECK("str-q", le(out + 17, 8), le(buf, 8));
    CHECK("str-q-hi", le(out + 25, 8), le(buf + 8, 8));
    CHECK("str-h", le(out + 3, 2), le(buf, 2));
    CHECK("stur-s", le(out + 40, 4), le(buf, 4));
    b = (u64)buf;
    __asm__ volatile("ldp q0, q1, [%0], #32\n\tldp s2, s3, [%0, #-8]!"
                     : "+r"(b) :: CLOBBER);
    SAVE_V0_3();
    CHECK("ldp-q-2", le(vout + 16, 8), le(buf + 16, 8));
    CHECK("ldp-s-post-pre-wb", b, (u64)buf + 24);
    CHECK("ldp-s-1", le(vout + 32, 8), le(buf + 24, 4));
    CHECK("ldp-s-2", le(vout + 48, 8), le(buf + 28, 4));
    __asm__ volatile("ldr q0, [%0, %1, lsl #4]" :: "r"(buf), "r"(2ul) : CLOBBER);
    SAVE_V0_3();
    CHECK("ldr-q-reg", le(vout, 8), le(buf + 32, 8));

    /* LD1 of two registers, LD4 de-interleaving, ST2 interleaving. */
    __asm__ volatile("ld1 {v0.16b, v1.16b}, [%0]" :: "r"(buf) : CLOBBER);
    SAVE_V0_3();
    CHECK("ld1-2r", le(vout + 16, 8), le(buf + 16, 8));
    __asm__ volatile("ld4 {v0.4s, v1.4s, v2.4s, v3.4s}, [%0]" :: "r"(buf) : CLOBBER);
    SAVE_V0_3();
    CHECK("ld4-v0-e1", le(vout + 4, 4), le(buf + 16, 4));
    CHECK("ld4-v1-e0", le(vout + 16, 4), le(buf + 4, 4));
    CHECK("ld4-v3-e3", le(vout + 60, 4), le(buf + 60, 4));
    __asm__ volatile("ld1 {v0.8b}, [%0]\n\t" :: "r"(buf) : CLOBBER);
    SAVE_V0_3();
    CHECK("ld1-8b-clears", le(vout + 8, 8), 0);
    __asm__ volatile("ld1 {v0.16b}, [%0]\n\tld1 {v1.16b}, [%1]\n\t"
                     "st2 {v0.8h, v1.8h}, [%2]" :: "r"(buf), "r"(buf + 16), "r"(out)
                     : CLOBBER);
    CHECK("st2-h0", le(out, 2), le(buf, 2));
    CHECK("st2-h1", le(out + 2, 2), le(buf + 16, 2));
    CHECK("st2-h2", le(out + 4, 2), le(buf + 2, 2));
    __asm__ volatile("ld3 {v0.8b, v1.8b, v2.8b}, [%0]" :: "r"(buf) : CLOBBER);
    SAVE_V0_3();
    CHECK("ld3-v2-b1", vout[33], buf[5]);
    /* Single structures and replicate. */
    __asm__ volatile("movi v0.16b, #0\n\tld1 {v0.s}[2], [%0]" :: "r"(buf + 4) : CLOBBER);
    SAVE_V0_3();
    CHECK("ld1-lane", le(vout + 8, 4), le(buf + 4, 4));
    CHECK("ld1-lane-others", le(vout, 8) | le(vout + 12, 4), 0);
    __asm__ volatile("ld1r {v0.8h}, [%0]\n\tld2r {v1.2s, v2.2s}, [%0]"
                     :: "r"(buf + 8) : CLOBBER);
    SAVE_V0_3();
    CHECK("ld1r-h", le(vout + 14, 2), le(buf + 8, 2));
    CHECK("ld2r-v2", le(vout + 36, 4), le(buf + 12, 4));
    CHECK("ld2r-clears", le(vout + 40, 8), 0);
    __asm__ volatile("ld1 {v0.16b}, [%0]\n\tst1 {v0.d}[1], [%1]\n\tst4 {v0.b, v1.b, v2.b, v3.b}[3], [%2]"
                     :: "r"(buf), "r"(out + 200), "r"(out + 300) : CLOBBER);
    CHECK("st1-lane-d", le(out + 200, 8), le(buf + 8, 8));
    CHECK("st4-lane-b0", out[300], buf[3]);
    /* Post-index by immediate and by register. */
    b = (u64)buf;
    __asm__ volatile("ld1 {v0.4s, v1.4s}, [%0], #32" : "+r"(b) :: CLOBBER);
    CHECK("ld1-post-imm", b, (u64)buf + 32);
    b = (u64)buf;
    __asm__ volatile("ld1 {v0.2d}, [%0], %1" : "+r"(b) : "r"(100ul) : CLOBBER);
    CHECK("ld1-post-reg", b, (u64)buf + 100);
    b = (u64)buf;
    __asm__ volatile("ld2 {v0.s, v1.s}[1], [%0], #8" : "+r"(b) :: CLOBBER);
    CHECK("ld2-lane-post", b, (u64)buf + 8);
    b = (u64)buf;
    __asm__ volatile("ld3r {v0.4h, v1.4h, v2.4h}, [%0], #6" : "+r"(b) :: CLOBBER);
    CHECK("ld3r-post", b, (u64)buf + 6);
}

int main(void)
{
    test_gpr_loads();
    test_gpr_regoff();
    test_gpr_stores();
    test_pairs();
    test_misc();
    test_simd();
    return 0;
}
