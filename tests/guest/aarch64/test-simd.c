/*
 * test-simd.c — A64 Advanced SIMD and crypto with known results (Arm ARM
 * C7.2): lane-wise integer arithmetic and logic, compares, the string
 * search idioms of C libraries (CMEQ + SHRN/UMAXP + FMOV), saturation with
 * FPSR.QC, shifts, widening/narrowing, across lanes, permutes, TBL, copies
 * (DUP/INS/UMOV/SMOV), modified immediates, vector FP, and the crypto
 * instructions the CPU advertises in ID_AA64ISAR0_EL1 (UNDEFINED otherwise).
 */
#include "test.h"

typedef struct V128 {
    u64 lo, hi;
} V128;

/* v0 = insn(v1, v2), with v0 preset to d (for accumulating forms). */
#define V3(name, insn, a, b, d, elo, ehi) do { \
        V128 a_ = a, b_ = b, d_ = d, r_; \
        __asm__ volatile("ldr q1, [%1]\n\tldr q2, [%2]\n\tldr q0, [%3]\n\t" insn \
                         "\n\tstr q0, [%0]" \
                         :: "r"(&r_), "r"(&a_), "r"(&b_), "r"(&d_) : "v0", "v1", "v2", "memory"); \
        CHECK(name " lo", r_.lo, elo); \
        CHECK(name " hi", r_.hi, ehi); \
    } while (0)

#define VV(lo, hi) ((V128){ (lo), (hi) })
#define Z VV(0, 0)

static const V128 BYTES = { 0x0706050403020100ul, 0x0f0e0d0c0b0a0908ul };
static const V128 BYTES2 = { 0x1716151413121110ul, 0x1f1e1d1c1b1a1918ul };

static void test_int_lanes(void)
{
    V3("add-16b", "add v0.16b, v1.16b, v2.16b", VV(0xff7f0102ff7f0102ul, 1),
       VV(0x0101010101010101ul, 0xff), Z, 0x0080020300800203ul, 0);
    V3("add-8h", "add v0.8h, v1.8h, v2.8h", VV(0xffff7fff00010002ul, 0),
       VV(0x0001000100010001ul, 0), Z, 0x0000800000020003ul, 0);
    V3("sub-4s", "sub v0.4s, v1.4s, v2.4s", VV(1, 5), VV(2, 3), Z,
       0x00000000fffffffful, 2);
    V3("add-2d", "add v0.2d, v1.2d, v2.2d", VV(-1ul, 2), VV(1, 3), Z, 0, 5);
    V3("add-8b-clears-high", "add v0.8b, v1.8b, v2.8b", VV(1, 1), VV(1, 1), VV(7, 7), 2, 0);
    V3("and", "and v0.16b, v1.16b, v2.16b", VV(0xff00ff00, 3), VV(0x0ff00ff0, 6), Z,
       0x0f000f00, 2);
    V3("bic", "bic v0.16b, v1.16b, v2.16b", VV(0xff, 7), VV(0x0f, 1), Z, 0xf0, 6);
    V3("orn", "orn v0.8b, v1.8b, v2.8b", VV(0, 0), VV(0xfffffffffffffff0ul, 0), Z, 0xf, 0);
    V3("eor", "eor v0.16b, v1.16b, v2.16b", VV(0xff, 1), VV(0x0f, 1), Z, 0xf0, 0);
    V3("bsl", "bsl v0.16b, v1.16b, v2.16b", VV(0x1111, 0), VV(0x2222, -1ul),
       VV(0xff00, 0xf), 0x1122, 0xfffffffffffffff0ul);
    V3("bit", "bit v0.16b, v1.16b, v2.16b", VV(0xaaaa, 0), VV(0x00ff, 0),
       VV(0x5555, 0), 0x55aa, 0);
    V3("bif", "bif v0.16b, v1.16b, v2.16b", VV(0xaaaa, 0), VV(0x00ff, 0),
       VV(0x5555, 0), 0xaa55, 0);
    V3("cmeq-16b", "cmeq v0.16b, v1.16b, v2.16b", BYTES, VV(0x0700050000000100ul, 0), Z,
       0xff00ff000000fffful, 0);
    V3("cmeq-2d", "cmeq v0.2d, v1.2d, v2.2d", VV(5, 6), VV(5, 7), Z, -1ul, 0);
    V3("cmtst-8h", "cmtst v0.8h, v1.8h, v2.8h", VV(0x8000000100020000ul, 0),
       VV(0x8000000200020001ul, 0), Z, 0xffff0000ffff0000ul, 0);
    V3("cmgt-4s", "cmgt v0.4s, v1.4s, v2.4s", VV(0x00000001fffffffful, 0),
       VV(0x0000000000000000ul, 0), Z, 0xffffffff00000000ul, 0);
    V3("cmhi-16b", "cmhi v0.16b, v1.16b, v2.16b", VV(0xff01, 0), VV(0x0102, 0), Z, 0xff00, 0);
    V3("mul-8h", "mul v0.8h, v1.8h, v2.8h", VV(0x0100000300020003ul, 0),
       VV(0x0100000500030003ul, 0), Z, 0x0000000f00060009ul, 0);
    V3("mla-4s", "mla v0.4s, v1.4s, v2.4s", VV(0x0000000300000002ul, 0),
       VV(0x0000000400000005ul, 0), VV(0x0000000100000001ul, 0), 0x0000000d0000000bul, 0);
    V3("umax-16b", "umax v0.16b, v1.16b, v2.16b", BYTES, BYTES2, Z, BYTES2.lo, BYTES2.hi);
    V3("smin-8b", "smin v0.8b, v1.8b, v2.8b", VV(0x80, 0), VV(0x7f, 0), Z, 0x80, 0);
    V3("uabd-8b", "uabd v0.8b, v1.8b, v2.8b", VV(0x0310, 0), VV(0x0501, 0), Z, 0x020f, 0);
    V3("addp-4s", "addp v0.4s, v1.4s, v2.4s", VV(0x0000000200000001ul, 0x0000000400000003ul),
       VV(0x0000000600000005ul, 0x0000000800000007ul), Z,
       0x0000000700000003ul, 0x0000000f0000000bul);
    V3("umaxp-16b", "umaxp v0.16b, v1.16b, v2.16b", BYTES, BYTES2, Z,
       0x0f0d0b0907050301ul, 0x1f1d1b1917151311ul);
    V3("uminp-4s", "uminp v0.4s, v1.4s, v2.4s", VV(0x0000000200000001ul, 0), Z, Z, 1, 0);
    V3("sshl-neg", "sshl v0.2d, v1.2d, v2.2d", VV(-16l, 1), VV(0xfe, 3), Z, -4ul, 8);
    V3("ushl-4s", "ushl v0.4s, v1.4s, v2.4s", VV(0x8000000000000001ul, 0),
       VV(0x000000ff00000004ul, 0), Z, 0x4000000000000010ul, 0);
    V3("pmul", "pmul v0.8b, v1.8b, v2.8b", VV(0x0303, 0), VV(0x0302, 0), Z, 0x0506, 0);
    V3("ext-16b", "ext v0.16b, v1.16b, v2.16b, #3", BYTES, BYTES2, Z,
       0x0a09080706050403ul, 0x1211100f0e0d0c0bul);
    V3("ext-8b", "ext v0.8b, v1.8b, v2.8b, #7", BYTES, BYTES2, Z, 0x1615141312111007ul, 0);
}

static void test_saturation(void)
{
    u64 qc;

    WRITE_SYSREG(fpsr, 0);
    V3("sqadd-16b", "sqadd v0.16b, v1.16b, v2.16b", VV(0x7f80, 0), VV(0x01ff, 0), Z,
       0x7f80, 0);
    qc = READ_SYSREG(fpsr);
    CHECK("sqadd-qc", qc >> 27 & 1, 1);
    WRITE_SYSREG(fpsr, 0);
    V3("uqadd-no-sat", "uqadd v0.8h, v1.8h, v2.8h", VV(1, 0), VV(2, 0), Z, 3, 0);
    CHECK("uqadd-no-qc", READ_SYSREG(fpsr), 0);
    V3("uqsub-sat", "uqsub v0.4s, v1.4s, v2.4s", VV(1, 0), VV(2, 0), Z, 0, 0);
    CHECK("uqsub-qc", READ_SYSREG(fpsr) >> 27 & 1, 1);
    WRITE_SYSREG(fpsr, 0);
    V3("sqdmulh", "sqdmulh v0.8h, v1.8h, v2.8h", VV(0x80004000, 0), VV(0x80004000, 0), Z,
       0x7fff2000, 0);
    CHECK("sqdmulh-qc", READ_SYSREG(fpsr) >> 27 & 1, 1);
    V3("sqxtn", "sqxtn v0.4h, v1.4s", VV(0xfffe000000011170ul, 0x7fff0000ul), Z, Z,
       0x00007fff80007ffful, 0);
    V3("uqxtn2", "uqxtn2 v0.16b, v1.8h", VV(0x01000012, 0), Z, VV(5, 6), 5, 0xff12);
    V3("sqshlu", "sqshlu v0.4s, v1.4s, #4", VV(0xffffffff10000000ul, 0x1), Z, Z,
       0xffffffff, 0x10);
}

static void test_shifts(void)
{
    V3("ushr-16b", "ushr v0.16b, v1.16b, #4", VV(0xf0f1, 0x80), Z, Z, 0x0f0f, 0x08);
    V3("sshr-8h", "sshr v0.8h, v1.8h, #15", VV(0x8000700000010000ul, 0), Z, Z,
       0xffff000000000000ul, 0);
    V3("sshr-2d-64", "sshr v0.2d, v1.2d, #64", VV(-5ul, 5), Z, Z, -1ul, 0);
    V3("ushr-2d", "ushr v0.2d, v1.2d, #60", VV(-1ul, 0x1000000000000000ul), Z, Z, 0xf, 1);
    V3("shl-4s", "shl v0.4s, v1.4s, #31", VV(0x0000000300000001ul, 0), Z, Z,
       0x8000000080000000ul, 0);
    V3("shl-2d", "shl v0.2d, v1.2d, #8", VV(0x1122334455667788ul, 1), Z, Z,
       0x2233445566778800ul, 0x100);
    V3("srshr", "srshr v0.16b, v1.16b, #2", VV(0x0707, 0), Z, Z, 0x0202, 0);
    V3("usra", "usra v0.4s, v1.4s, #1", VV(0x0000000400000002ul, 0), Z,
       VV(0x0000000100000001ul, 0), 0x0000000300000002ul, 0);
    V3("sri", "sri v0.2d, v1.2d, #8", VV(0x1122334455667788ul, 0), Z,
       VV(0xaaaaaaaaaaaaaaaaul, 0), 0xaa11223344556677ul, 0);
    V3("sli", "sli v0.2d, v1.2d, #8", VV(0x1122334455667788ul, 0), Z,
       VV(0xaaaaaaaaaaaaaaaaul, 0), 0x22334455667788aaul, 0);
    V3("shrn", "shrn v0.8b, v1.8h, #4", VV(0xff000ff0f00f00fful, 0x1234567800000000ul), Z,
       Z, 0x23670000f0ff000ful, 0);
    V3("rshrn2", "rshrn2 v0.16b, v1.8h, #8", VV(0x0180, 0), Z, VV(9, 9), 9, 2);
    V3("uqshrn", "uqshrn v0.8b, v1.8h, #1", VV(0xfffe0004, 0), Z, Z, 0xff02, 0);
    V3("ushll", "ushll v0.8h, v1.8b, #1", VV(0x80ff, 0), Z, Z, 0x010001fe, 0);
    V3("sxtl2", "sxtl2 v0.4s, v1.8h", VV(0, 0x8000ffff), Z, Z, 0xffff8000ffffffff, 0);
    V3("shll", "shll v0.8h, v1.8b, #8", VV(0x0102, 0), Z, Z, 0x01000200, 0);
}

static void test_widen_narrow(void)
{
    V3("uaddl", "uaddl v0.8h, v1.8b, v2.8b", VV(0xff, 0), VV(0xff, 0), Z, 0x1fe, 0);
    V3("saddw2", "saddw2 v0.4s, v1.4s, v2.8h", VV(1, 0), VV(0, 0xffff), Z,
       0, 0);
    V3("umull", "umull v0.2d, v1.2s, v2.2s", VV(0xffffffff00000003ul, 0),
       VV(0x0000000200000005ul, 0), Z, 15, 0x1fffffffeul);
    V3("smlal2", "smlal2 v0.4s, v1.8h, v2.8h", VV(0, 0xffff), VV(0, 7), VV(10, 0), 3, 0);
    V3("addhn", "addhn v0.8b, v1.8h, v2.8h", VV(0xff00, 0), VV(0x0100, 0), Z, 0, 0);
    V3("raddhn", "raddhn v0.8b, v1.8h, v2.8h", VV(0x0080, 0), VV(0, 0), Z, 1, 0);
    V3("xtn", "xtn v0.8b, v1.8h", VV(0x1234567890abcdeful, 0x1122334455667788ul), Z, Z,
       0x224466883478abeful, 0);
    V3("uaddlp", "uaddlp v0.4h, v1.8b", BYTES, Z, Z, 0x000d000900050001ul, 0);
    V3("pmull-8b", "pmull v0.8h, v1.8b, v2.8b", VV(0x03, 0), VV(0x03, 0), Z, 5, 0);
}

static void test_across_misc(void)
{
    V3("addv", "addv b0, v1.16b", BYTES, Z, VV(-1ul, -1ul), 120, 0);
    V3("uaddlv", "uaddlv h0, v1.16b", VV(-1ul, -1ul), Z, Z, 16 * 255, 0);
    V3("umaxv", "umaxv h0, v1.8h", VV(0x0001fffe00030004ul, 0x7fff), Z, Z, 0xfffe, 0);
    V3("sminv", "sminv s0, v1.4s", VV(0x80000000ffffffff, 5), Z, Z, 0x80000000, 0);
    V3("cnt", "cnt v0.16b, v1.16b", VV(0xff0f0301, -1ul), Z, Z, 0x08040201, 0x0808080808080808ul);
    V3("clz-4s", "clz v0.4s, v1.4s", VV(0x0000000100000000ul, 0xffffffff), Z, Z,
       0x0000001f00000020ul, 0x0000002000000000ul);
    V3("cls-8b", "cls v0.8b, v1.8b", VV(0x01ff, 0), Z, Z, 0x0707070707070607ul, 0);
    V3("rbit", "rbit v0.8b, v1.8b", VV(0x0180, 0), Z, Z, 0x8001, 0);
    V3("rev32", "rev32 v0.16b, v1.16b", BYTES, Z, Z, 0x0405060700010203ul, 0x0c0d0e0f08090a0bul);
    V3("rev64-4s", "rev64 v0.4s, v1.4s", BYTES, Z, Z, 0x0302010007060504ul, 0x0b0a09080f0e0d0cul);
    V3("abs-2d", "abs v0.2d, v1.2d", VV(-5ul, 5), Z, Z, 5, 5);
    V3("neg-4s", "neg v0.4s, v1.4s", VV(1, 0), Z, Z, 0xffffffff, 0);
    V3("cmlt0", "cmlt v0.16b, v1.16b, #0", VV(0x80ff017f, 0), Z, Z, 0xffff0000, 0);
    V3("cmeq0", "cmeq v0.8h, v1.8h, #0", VV(0x0000000100000000ul, 0), Z, Z,
       0xffff0000ffffffffull, -1ul);
    V3("not", "not v0.8b, v1.8b", VV(0xff00, 5), Z, Z, 0xffffffffffff00fful, 0);
    V3("zip1", "zip1 v0.16b, v1.16b, v2.16b", BYTES, BYTES2, Z,
       0x1303120211011000ul, 0x1707160615051404ul);
    V3("uzp2", "uzp2 v0.8h, v1.8h, v2.8h", BYTES, BYTES2, Z,
       0x0f0e0b0a07060302ul, 0x1f1e1b1a17161312ul);
    V3("trn1", "trn1 v0.4s, v1.4s, v2.4s", BYTES, BYTES2, Z,
       0x1312111003020100ul, 0x1b1a19180b0a0908ul);
    V3("tbl1", "tbl v0.16b, {v1.16b}, v2.16b", BYTES2, VV(0x0f00ff10, 0x01), Z,
       0x101010101f100000ul, 0x1010101010101011ul);
}

static void test_copy_imm(void)
{
    u64 r, r2;

    V3("dup-elt", "dup v0.8h, v1.h[5]", BYTES, Z, Z, 0x0b0a0b0a0b0a0b0aul, 0x0b0a0b0a0b0a0b0aul);
    V3("dup-elt-2d", "dup v0.2d, v1.d[1]", BYTES, Z, Z, BYTES.hi, BYTES.hi);
    V3("mov-scalar-elt", "mov s0, v1.s[3]", BYTES, Z, VV(-1ul, -1ul), 0x0f0e0d0c, 0);
    V3("ins-elt", "mov v0.b[15], v1.b[1]", BYTES, Z, Z, 0, 0x0100000000000000ul);
    V3("movi-16b", "movi v0.16b, #0xab", Z, Z, Z, 0xababababababababul, 0xababababababababul);
    V3("movi-d", "movi d0, #0xff00ff00ff00ff00", Z, Z, VV(5, 5), 0xff00ff00ff00ff00ul, 0);
    V3("movi-msl", "movi v0.4s, #0x12, msl #8", Z, Z, Z, 0x000012ff000012fful, 0x000012ff000012fful);
    V3("mvni", "mvni v0.8h, #0x1, lsl #8", Z, Z, Z, 0xfefffefffefffefful, 0xfefffefffefffefful);
    V3("orr-imm", "orr v0.4s, #0x80, lsl #24", Z, Z, VV(1, 2), 0x8000000080000001ul, 0x8000000080000002ul);
    V3("bic-imm", "bic v0.8h, #0xff", Z, Z, VV(-1ul, 0), 0xff00ff00ff00ff00ul, 0);
    V3("fmov-vimm", "fmov v0.2d, #-1.5", Z, Z, Z, 0xbff8000000000000ul, 0xbff8000000000000ul);
    V3("fmov-vimm-4s", "fmov v0.2s, #1.0", Z, Z, VV(1, 1), 0x3f8000003f800000ul, 0);
    __asm__ volatile("mov x1, #0x1234\n\tdup v0.8h, w1\n\tumov %w0, v0.h[7]\n\t"
                     "mov v0.s[1], w1\n\tmov %1, v0.d[0]" : "=&r"(r), "=&r"(r2) :: "x1", "v0");
    CHECK("dup-gen", r, 0x1234);
    CHECK("ins-gen", r2, 0x0000123412341234ul);
    __asm__ volatile("movi v0.16b, #0x80\n\tsmov %0, v0.b[3]" : "=r"(r) :: "v0");
    CHECK("smov-x", r, -128ul);
    __asm__ volatile("movi v0.16b, #0x80\n\tsmov %w0, v0.h[3]" : "=r"(r) :: "v0");
    CHECK("smov-w", r, 0xffff8080);
}

/* The core of C-library strlen/memchr: compare 16 bytes with zero, narrow
 * the mask to 4 bits a byte, move it to a general register. */
static void test_string_idioms(void)
{
    static const char buf[32] __attribute__((aligned(16))) = "hello, world!";
    u64 syn, any;

    __asm__ volatile("ldr q1, [%2]\n\tcmeq v1.16b, v1.16b, #0\n\t"
                     "shrn v1.8b, v1.8h, #4\n\tfmov %0, d1\n\t"
                     "ldr q2, [%2]\n\tcmeq v2.16b, v2.16b, #0\n\t"
                     "umaxp v2.16b, v2.16b, v2.16b\n\tfmov %1, d2"
                     : "=&r"(syn), "=&r"(any) : "r"(buf) : "v1", "v2");
    CHECK("strlen-syndrome-nonzero", syn != 0, 1);
    CHECK("strlen-first-zero", __builtin_ctzl(syn) >> 2, 13);
    CHECK("memchr-any", any != 0, 1);
}

static void test_vector_fp(void)
{
    V3("fadd-4s", "fadd v0.4s, v1.4s, v2.4s", VV(0x400000003f800000ul, 0),
       VV(0x3f8000003f800000ul, 0x3f800000), Z, 0x4040000040000000ul, 0x3f800000);
    V3("fmul-2d", "fmul v0.2d, v1.2d, v2.2d", VV(0x4000000000000000ul, 0x4008000000000000ul),
       VV(0x4000000000000000ul, 0x4000000000000000ul), Z,
       0x4010000000000000ul, 0x4018000000000000ul);
    V3("fmla-idx", "fmla v0.4s, v1.4s, v2.s[1]", VV(0x400000003f800000ul, 0),
       VV(0x4040000000000000ul, 0), VV(0x3f8000003f800000ul, 0),
       0x40e0000040800000ul, 0);
    V3("fcmgt-4s", "fcmgt v0.4s, v1.4s, v2.4s", VV(0x3f80000040000000ul, 0),
       VV(0x400000003f800000ul, 0), Z, 0x00000000fffffffful, 0);
    V3("fcmeq0-2d", "fcmeq v0.2d, v1.2d, #0.0", VV(0x8000000000000000ul, 1), Z, Z, -1ul, 0);
    V3("fneg-4s", "fneg v0.4s, v1.4s", VV(0x3f80000000000000ul, 0x80000000), Z, Z,
       0xbf80000080000000ul, 0x8000000000000000ul);
    V3("fabs-2d", "fabs v0.2d, v1.2d", VV(0xbff0000000000000ul, 1), Z, Z,
       0x3ff0000000000000ul, 1);
    V3("fcvtzs-4s", "fcvtzs v0.4s, v1.4s", VV(0xc02000003fc00000ul, 0x4f000000), Z, Z,
       0xfffffffe00000001ul, 0x7fffffff);
    V3("scvtf-2d", "scvtf v0.2d, v1.2d", VV(-2ul, 3), Z, Z, 0xc000000000000000ul,
       0x4008000000000000ul);
    V3("ucvtf-fixed", "ucvtf v0.4s, v1.4s, #1", VV(3, 0), Z, Z, 0x3fc00000, 0);
    V3("frintm-4s", "frintm v0.4s, v1.4s", VV(0xbfc000003fc00000ul, 0), Z, Z,
       0xc00000003f800000ul, 0);
    V3("fcvtl", "fcvtl v0.2d, v1.2s", VV(0x400000003f800000ul, 0), Z, Z,
       0x3ff0000000000000ul, 0x4000000000000000ul);
    V3("fcvtn2", "fcvtn2 v0.4s, v1.2d", VV(0x3ff0000000000000ul, 0x4000000000000000ul), Z,
       VV(7, 7), 7, 0x400000003f800000ul);
    V3("fmaxv", "fmaxv s0, v1.4s", VV(0xc00000003f800000ul, 0x4040000040e00000ul), Z, Z,
       0x40e00000, 0);
    V3("faddp-scalar", "faddp d0, v1.2d", VV(0x4000000000000000ul, 0x4008000000000000ul), Z, Z,
       0x4014000000000000ul, 0);
    V3("frecpe-4s", "frecpe v0.4s, v1.4s", VV(0x3f800000, 0), Z, Z, 0x7f8000003f7f8000ul, 0x7f8000007f800000ul);
}

static void test_crypto(void)
{
    u64 isar0 = READ_SYSREG(id_aa64isar0_el1);
    /* FIPS-197 Appendix B, round 1: input xor key, then SubBytes and
     * ShiftRows (AESE), then MixColumns (AESMC). */
    V128 pt = { 0x8d305a88a8f64332ul, 0x340737e0a2983131ul };
    V128 key = { 0xa6d2ae2816157e2bul, 0x3c4fcf098815f7abul };
    int n;

    if ((isar0 >> 4) & 0xf) {
        V3("aese", ".arch_extension crypto\n\taese v0.16b, v1.16b", key, Z, pt,
           0xae52b4e0305dbfd4ul, 0xe598271ef11141b8ul);
        V3("aesmc", ".arch_extension crypto\n\taesmc v0.16b, v1.16b",
           VV(0xae52b4e0305dbfd4ul, 0xe598271ef11141b8ul), Z, Z,
           0x9a19cbe0e5816604ul, 0x4c2606287ad3f848ul);
    } else {
        n = exc_count();
        expect_exception(EXC_SKIP);
        __asm__ volatile(".arch_extension crypto\n\taese v0.16b, v1.16b" ::: "v0");
        CHECK("aese-undef", exc_count(), n + 1);
    }
    if ((isar0 >> 4) & 0xf) {
        V128 r;
        __asm__ volatile(".arch_extension crypto\n\tmovi v1.2d, #0\n\tmov x0, #3\n\t"
                         "mov v1.d[1], x0\n\tmov x0, #2\n\tmov v2.d[1], x0\n\t"
                         "pmull2 v0.1q, v1.2d, v2.2d\n\tstr q0, [%0]"
                         :: "r"(&r) : "x0", "v0", "v1", "v2", "memory");
        CHECK("pmull2-1q", r.lo, 6);
    }
    if ((isar0 >> 12) & 0xf) {
        V3("sha256su0", ".arch_extension crypto\n\tsha256su0 v0.4s, v1.4s",
           VV(0, 0), Z, VV(0, 0), 0, 0);
    }
    /* SHA3 (EOR3) as advertised */
    n = exc_count();
    if ((isar0 >> 32) & 0xf) {
        V3("eor3", ".arch_extension sha3\n\teor3 v0.16b, v1.16b, v2.16b, v2.16b",
           VV(5, 6), VV(7, 8), Z, 5, 6);
    } else {
        expect_exception(EXC_SKIP);
        __asm__ volatile(".arch_extension sha3\n\teor3 v0.16b, v1.16b, v2.16b, v3.16b" ::: "v0");
        CHECK("eor3-undef", exc_count(), n + 1);
    }
}

int main(void)
{
    WRITE_SYSREG(fpcr, 0);
    test_int_lanes();
    test_saturation();
    test_shifts();
    test_widen_narrow();
    test_across_misc();
    test_copy_imm();
    test_string_idioms();
    test_vector_fp();
    test_crypto();
    return 0;
}
