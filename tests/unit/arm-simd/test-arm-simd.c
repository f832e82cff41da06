/*
 * test-arm-simd.c — unit tests of the A64 floating-point and Advanced SIMD
 * helpers (target/arm/helper-fp.c, helper-simd.c): the Arm ARM reciprocal
 * (square root) estimates, FPCR rounding / FZ / DN / AHP handling and the
 * accumulation of FPSR flags, compares, conversions, and the saturating,
 * shifting, pairwise and permute integer helpers.
 *
 * The helpers work on a CPUARMState directly (register to register), so
 * the tests fill V registers, call a helper with a descriptor and check
 * the destination register and FPSR.
 */
#include "util/osdep.h"
#include "target/arm/vec-internal.h"

void arm_crypto_tests_register(void);
void arm_fp_fast_tests_register(void);

static CPUARMState *new_env(void)
{
    return g_new0(CPUARMState, 1);
}

/* Scalar descriptor: one element of esz. */
static uint32_t sdesc(int rd, int rn, int rm, int esz, unsigned data)
{
    return simd_desc(rd, rn, rm, 0, esz, false, true, data);
}

static uint32_t vdesc(int rd, int rn, int rm, int esz, bool q, unsigned data)
{
    return simd_desc(rd, rn, rm, 0, esz, q, false, data);
}

static void set_v(CPUARMState *env, int r, uint64_t lo, uint64_t hi)
{
    env->vregs[r].d[0] = lo;
    env->vregs[r].d[1] = hi;
}

/* ---------------------------------------------------------------------- */
/* Estimates                                                               */

static void test_recip_estimate_table(void)
{
    /* RecipEstimate: 0.5 (256) -> ~2.0 (511), just below 1.0 -> ~1.0. */
    g_assert_cmpuint(arm_recip_estimate(256), ==, 511);
    g_assert_cmpuint(arm_recip_estimate(511), ==, 256);
    g_assert_cmpuint(arm_recip_estimate(384), ==, 341);   /* 1/0.75 = 1.333 */
    /* RecipSqrtEstimate: 0.25 (128) -> ~2.0, 0.5 (256) -> ~1.414. */
    g_assert_cmpuint(arm_recip_sqrt_estimate(128), ==, 511);
    g_assert_cmpuint(arm_recip_sqrt_estimate(256), ==, 361);
    g_assert_cmpuint(arm_recip_sqrt_estimate(511), ==, 256);
    /* Every output is a 9-bit value with the top bit set, decreasing. */
    for (unsigned a = 256; a < 512; a++) {
        unsigned r = arm_recip_estimate(a);
        g_assert_cmpuint(r, >=, 256);
        g_assert_cmpuint(r, <=, 511);
        if (a > 256) {
            g_assert_cmpuint(r, <=, arm_recip_estimate(a - 1));
        }
    }
    for (unsigned a = 128; a < 512; a++) {
        unsigned r = arm_recip_sqrt_estimate(a);
        g_assert_cmpuint(r, >=, 256);
        g_assert_cmpuint(r, <=, 511);
    }
}

static void test_frecpe(void)
{
    FloatStatus st;

    float_status_init_arm(&st);
    g_assert_cmphex(arm_fp_recpe(0x3f800000, 2, &st), ==, 0x3f7f8000);   /* 1.0 */
    g_assert_cmphex(arm_fp_recpe(0x40000000, 2, &st), ==, 0x3eff8000);   /* 2.0 */
    g_assert_cmphex(arm_fp_recpe(0xbf000000, 2, &st), ==, 0xbfff8000);   /* -0.5 */
    g_assert_cmphex(arm_fp_recpe(0x3ff0000000000000ull, 3, &st), ==,
                    0x3feff00000000000ull);
    g_assert_cmphex(arm_fp_recpe(0x3c00, 1, &st), ==, 0x3bfc);           /* half 1.0 */
    g_assert_cmpuint(st.flags, ==, 0);
    /* 1/inf = 0, 1/0 = inf with divide-by-zero. */
    g_assert_cmphex(arm_fp_recpe(0xff800000, 2, &st), ==, 0x80000000);
    g_assert_cmphex(arm_fp_recpe(0x00000000, 2, &st), ==, 0x7f800000);
    g_assert_cmpuint(st.flags, ==, FLOAT_FLAG_DIVBYZERO);
    /* A tiny denormal overflows: infinity (nearest) or max normal (RZ). */
    st.flags = 0;
    g_assert_cmphex(arm_fp_recpe(0x00000001, 2, &st), ==, 0x7f800000);
    g_assert_cmpuint(st.flags, ==, FLOAT_FLAG_OVERFLOW | FLOAT_FLAG_INEXACT);
    st.rounding_mode = FLOAT_ROUND_TO_ZERO;
    g_assert_cmphex(arm_fp_recpe(0x00000001, 2, &st), ==, 0x7f7fffff);
    st.rounding_mode = FLOAT_ROUND_NEAREST_EVEN;
    /* A large denormal gets an estimate with a large exponent. */
    g_assert_cmphex(arm_fp_recpe(0x00400000, 2, &st), ==, 0x7eff8000);
    /* Signalling NaN: quietened, invalid. */
    st.flags = 0;
    g_assert_cmphex(arm_fp_recpe(0x7f800001, 2, &st), ==, 0x7fc00001);
    g_assert_cmpuint(st.flags, ==, FLOAT_FLAG_INVALID);
    /* FZ: a huge input gives a flushed zero and underflow. */
    st.flags = 0;
    st.flush_to_zero = st.flush_inputs_to_zero = true;
    g_assert_cmphex(arm_fp_recpe(0x7e800000, 2, &st), ==, 0);
    g_assert_cmpuint(st.flags, ==, FLOAT_FLAG_UNDERFLOW);
}

static void test_frsqrte(void)
{
    FloatStatus st;

    float_status_init_arm(&st);
    g_assert_cmphex(arm_fp_rsqrte(0x3f800000, 2, &st), ==, 0x3f7f8000);  /* 1.0 */
    g_assert_cmphex(arm_fp_rsqrte(0x40000000, 2, &st), ==, 0x3f348000);  /* 2.0 */
    g_assert_cmphex(arm_fp_rsqrte(0x40800000, 2, &st), ==, 0x3eff8000);  /* 4.0 */
    g_assert_cmphex(arm_fp_rsqrte(0x4010000000000000ull, 3, &st), ==,
                    0x3fdff00000000000ull);
    g_assert_cmpuint(st.flags, ==, 0);
    g_assert_cmphex(arm_fp_rsqrte(0x7f800000, 2, &st), ==, 0);           /* +inf */
    g_assert_cmphex(arm_fp_rsqrte(0x80000000, 2, &st), ==, 0xff800000);  /* -0 */
    g_assert_cmpuint(st.flags, ==, FLOAT_FLAG_DIVBYZERO);
    st.flags = 0;
    g_assert_cmphex(arm_fp_rsqrte(0xbf800000, 2, &st), ==, 0x7fc00000);  /* -1 */
    g_assert_cmpuint(st.flags, ==, FLOAT_FLAG_INVALID);
    /* Denormal input: normalised, the exponent keeps its parity. */
    st.flags = 0;
    g_assert_cmphex(arm_fp_rsqrte(0x00000001, 2, &st), ==, 0x64b48000);
}

static void test_frecpx_urecpe(void)
{
    FloatStatus st;

    float_status_init_arm(&st);
    g_assert_cmphex(arm_fp_recpx(0x3f800000, 2, &st), ==, 0x40000000);
    g_assert_cmphex(arm_fp_recpx(0xc1200000, 2, &st), ==, 0xbe800000);
    g_assert_cmphex(arm_fp_recpx(0x00000005, 2, &st), ==, 0x7f000000);
    g_assert_cmphex(arm_fp_recpx(0x8000, 1, &st), ==, 0xf800);
    g_assert_cmphex(arm_urecpe(0x80000000u), ==, 0xff800000u);
    g_assert_cmphex(arm_urecpe(0x7fffffffu), ==, 0xffffffffu);
    g_assert_cmphex(arm_ursqrte(0x40000000u), ==, 0xff800000u);
    g_assert_cmphex(arm_ursqrte(0x3fffffffu), ==, 0xffffffffu);
}

/* ---------------------------------------------------------------------- */
/* FP arithmetic under FPCR, FPSR accumulation                             */

static void test_fp_flags(void)
{
    CPUARMState *env = new_env();

    /* 1.0f / 0.0f = inf, DZC */
    set_v(env, 1, 0x3f800000, 0);
    set_v(env, 2, 0, 0);
    set_v(env, 0, ~0ull, ~0ull);
    helper_simd_fdiv(env, sdesc(0, 1, 2, 2, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x7f800000);
    g_assert_cmphex(env->vregs[0].d[1], ==, 0);        /* S write clears */
    g_assert_cmphex(env->fpsr, ==, FPSR_DZC);
    /* 1/3: inexact, accumulated with DZC */
    set_v(env, 2, 0x40400000, 0);
    helper_simd_fdiv(env, sdesc(0, 1, 2, 2, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x3eaaaaab);
    g_assert_cmphex(env->fpsr, ==, FPSR_DZC | FPSR_IXC);
    /* Round toward zero from FPCR.RMode */
    env->fpcr = 3u << FPCR_RMODE_SHIFT;
    helper_simd_fdiv(env, sdesc(0, 1, 2, 2, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x3eaaaaaa);
    /* 0/0: default NaN, invalid */
    env->fpcr = 0;
    env->fpsr = 0;
    set_v(env, 1, 0, 0);
    set_v(env, 2, 0, 0);
    helper_simd_fdiv(env, sdesc(0, 1, 2, 2, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x7fc00000);
    g_assert_cmphex(env->fpsr, ==, FPSR_IOC);
    /* NaN propagation, and DN */
    env->fpsr = 0;
    set_v(env, 1, 0x7fc01234, 0);
    set_v(env, 2, 0x3f800000, 0);
    helper_simd_fadd(env, sdesc(0, 1, 2, 2, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x7fc01234);
    env->fpcr = FPCR_DN;
    helper_simd_fadd(env, sdesc(0, 1, 2, 2, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x7fc00000);
    g_assert_cmphex(env->fpsr, ==, 0);
    /* FZ: a denormal input is flushed and sets IDC */
    env->fpcr = FPCR_FZ;
    set_v(env, 1, 0x00000001, 0);
    set_v(env, 2, 0x00000000, 0);
    helper_simd_fadd(env, sdesc(0, 1, 2, 2, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0);
    g_assert_cmphex(env->fpsr, ==, FPSR_IDC);
    g_free(env);
}

static void test_fp_vector_and_fma(void)
{
    CPUARMState *env = new_env();

    /* FADD v0.2d: both lanes */
    set_v(env, 1, 0x3ff0000000000000ull, 0x4000000000000000ull);  /* 1, 2 */
    set_v(env, 2, 0x4000000000000000ull, 0x4008000000000000ull);  /* 2, 3 */
    helper_simd_fadd(env, vdesc(0, 1, 2, 3, true, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x4008000000000000ull);   /* 3 */
    g_assert_cmphex(env->vregs[0].d[1], ==, 0x4014000000000000ull);   /* 5 */
    /* FMLA v3.2s: 1 + 2 * 3 = 7 in both lanes, upper half cleared */
    set_v(env, 3, 0x3f8000003f800000ull, 0xdeadbeefull);
    set_v(env, 4, 0x4000000040000000ull, 0);
    set_v(env, 5, 0x4040000040400000ull, 0);
    helper_simd_fmla(env, vdesc(3, 4, 5, 2, false, 0));
    g_assert_cmphex(env->vregs[3].d[0], ==, 0x40e0000040e00000ull);
    g_assert_cmphex(env->vregs[3].d[1], ==, 0);
    /* FMSUB d0 = d3 - d1 * d2 = 10 - 2 * 3 = 4 */
    set_v(env, 1, 0x4000000000000000ull, 0);
    set_v(env, 2, 0x4008000000000000ull, 0);
    set_v(env, 3, 0x4024000000000000ull, 0);
    helper_simd_fmsub(env, simd_desc(0, 1, 2, 3, 3, false, true, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x4010000000000000ull);
    /* FNMADD = -(a) - n*m = -10 - 6 = -16 */
    helper_simd_fnmadd(env, simd_desc(0, 1, 2, 3, 3, false, true, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0xc030000000000000ull);
    /* FRECPS: 2 - 2 * 3 = -4; FRSQRTS: (3 - 2 * 3) / 2 = -1.5 */
    helper_simd_frecps(env, sdesc(0, 1, 2, 3, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0xc010000000000000ull);
    helper_simd_frsqrts(env, sdesc(0, 1, 2, 3, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0xbff8000000000000ull);
    /* FMULX inf * 0 = 2.0, negative */
    set_v(env, 1, 0xfff0000000000000ull, 0);
    set_v(env, 2, 0, 0);
    helper_simd_fmulx(env, sdesc(0, 1, 2, 3, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0xc000000000000000ull);
    /* FADDP scalar: element 0 + element 1 of Vn */
    set_v(env, 1, 0x4000000000000000ull, 0x4008000000000000ull);
    helper_simd_faddp(env, sdesc(0, 1, 1, 3, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x4014000000000000ull);
    /* FMAXV s: max of 1, -2, 7, 3 */
    set_v(env, 1, 0xc00000003f800000ull, 0x4040000040e00000ull);
    helper_simd_fmaxv(env, vdesc(0, 1, 0, 2, true, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x40e00000);
    g_assert_cmphex(env->fpsr, ==, 0);
    g_free(env);
}

static void test_fp_compare(void)
{
    CPUARMState *env = new_env();

    set_v(env, 1, 0x3f800000, 0);
    set_v(env, 2, 0x40000000, 0);
    g_assert_cmphex(helper_simd_fcmp(env, sdesc(0, 1, 2, 2, 0)), ==, PSTATE_N);
    g_assert_cmphex(helper_simd_fcmp(env, sdesc(0, 2, 1, 2, 0)), ==, PSTATE_C);
    g_assert_cmphex(helper_simd_fcmp(env, sdesc(0, 1, 1, 2, 0)), ==,
                    PSTATE_Z | PSTATE_C);
    /* Compare with zero: -0 == 0 */
    set_v(env, 3, 0x80000000, 0);
    g_assert_cmphex(helper_simd_fcmp(env, sdesc(0, 3, 0, 2, 2)), ==,
                    PSTATE_Z | PSTATE_C);
    /* Quiet NaN: unordered; FCMP quiet, FCMPE signals */
    set_v(env, 4, 0x7fc00000, 0);
    g_assert_cmphex(helper_simd_fcmp(env, sdesc(0, 4, 1, 2, 0)), ==,
                    PSTATE_C | PSTATE_V);
    g_assert_cmphex(env->fpsr, ==, 0);
    helper_simd_fcmp(env, sdesc(0, 4, 1, 2, 1));
    g_assert_cmphex(env->fpsr, ==, FPSR_IOC);
    /* Vector FCMGT: lanes 2 > 1 and 1 > 2 */
    set_v(env, 5, 0x3f80000040000000ull, 0);
    set_v(env, 6, 0x400000003f800000ull, 0);
    helper_simd_fcmgt(env, vdesc(0, 5, 6, 2, false, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x00000000ffffffffull);
    g_free(env);
}

static void test_fp_convert(void)
{
    CPUARMState *env = new_env();

    /* FCVTZS w, s: 1e10 saturates, invalid */
    set_v(env, 1, 0x501502f9, 0);
    g_assert_cmphex(helper_simd_fcvt_gen(env, sdesc(0, 1, 0, 2, ARM_RM_Z)), ==,
                    0x7fffffff);
    g_assert_cmphex(env->fpsr, ==, FPSR_IOC);
    /* FCVTAS x, d: 2.5 -> 3 (ties away), FCVTNS -> 2 */
    env->fpsr = 0;
    set_v(env, 1, 0x4004000000000000ull, 0);
    g_assert_cmphex(helper_simd_fcvt_gen(env, sdesc(0, 1, 0, 3, ARM_RM_A | 16)),
                    ==, 3);
    g_assert_cmphex(helper_simd_fcvt_gen(env, sdesc(0, 1, 0, 3, ARM_RM_N | 16)),
                    ==, 2);
    g_assert_cmphex(env->fpsr, ==, FPSR_IXC);
    /* FCVTZU x, d, #4 (fixed point): 2.5 * 16 = 40 */
    g_assert_cmphex(helper_simd_fcvt_gen(env, simd_desc(0, 1, 0, 4, 3, false, true,
                                                        ARM_RM_Z | 8 | 16)), ==, 40);
    /* SCVTF d, w (negative, 32-bit): -5 */
    helper_simd_cvtf_gen(env, 0xfffffffbull, sdesc(2, 0, 0, 3, 0));
    g_assert_cmphex(env->vregs[2].d[0], ==, 0xc014000000000000ull);
    /* UCVTF s, x, #1: 3 / 2 = 1.5 */
    helper_simd_cvtf_gen(env, 3, simd_desc(2, 0, 0, 1, 2, false, true, 1 | 2));
    g_assert_cmphex(env->vregs[2].d[0], ==, 0x3fc00000);
    /* FCVT d -> s -> h and back, AHP */
    set_v(env, 1, 0x3ff0000000000000ull, 0);
    helper_simd_fcvt_prec(env, sdesc(3, 1, 0, 3, 1));
    g_assert_cmphex(env->vregs[3].d[0], ==, 0x3c00);
    set_v(env, 1, 0x7f800000, 0);                    /* +inf single */
    env->fpsr = 0;
    env->fpcr = FPCR_AHP;
    helper_simd_fcvt_prec(env, sdesc(3, 1, 0, 2, 1));
    g_assert_cmphex(env->vregs[3].d[0], ==, 0x7fff);  /* AHP max, invalid */
    g_assert_cmphex(env->fpsr & FPSR_IOC, ==, FPSR_IOC);
    /* AHP has no NaN: a negative NaN converts to -0, Invalid */
    env->fpsr = 0;
    set_v(env, 1, 0xffffffff, 0);
    helper_simd_fcvt_prec(env, sdesc(3, 1, 0, 2, 1));
    g_assert_cmphex(env->vregs[3].d[0], ==, 0x8000);
    g_assert_cmphex(env->fpsr, ==, FPSR_IOC);
    env->fpcr = 0;
    /* FRINTA / FRINTX */
    env->fpsr = 0;
    set_v(env, 1, 0x40200000, 0);                     /* 2.5 */
    helper_simd_frint(env, sdesc(0, 1, 0, 2, ARM_RM_A));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x40400000);
    g_assert_cmphex(env->fpsr, ==, 0);
    helper_simd_frint(env, sdesc(0, 1, 0, 2, ARM_RM_CURRENT | 8));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x40000000);
    g_assert_cmphex(env->fpsr, ==, FPSR_IXC);
    /* FRINT32Z of 3e9: out of int32 range -> -2^31, invalid */
    env->fpsr = 0;
    set_v(env, 1, 0x4f32d05e, 0);
    helper_simd_frint32(env, sdesc(0, 1, 0, 2, ARM_RM_Z));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0xcf000000);
    g_assert_cmphex(env->fpsr & FPSR_IOC, ==, FPSR_IOC);
    /* Vector: an out-of-range lane does not spoil the next one (-0.4
     * rounds to -0.0, 5.5 to 5.0) */
    set_v(env, 1, 0xbecccccd4f32d05eull, 0x40b00000);
    helper_simd_frint32(env, vdesc(0, 1, 0, 2, true, ARM_RM_Z));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x80000000cf000000ull);
    g_assert_cmphex(env->vregs[0].d[1], ==, 0x40a00000);
    /* FCVTL 2s -> 2d and FCVTN back (upper half with q) */
    set_v(env, 1, 0x400000003f800000ull, 0);
    helper_simd_fcvtl(env, vdesc(4, 1, 0, 3, false, 0));
    g_assert_cmphex(env->vregs[4].d[0], ==, 0x3ff0000000000000ull);
    g_assert_cmphex(env->vregs[4].d[1], ==, 0x4000000000000000ull);
    set_v(env, 5, 0x1111, 0x2222);
    helper_simd_fcvtn(env, vdesc(5, 4, 0, 2, true, 0));
    g_assert_cmphex(env->vregs[5].d[0], ==, 0x1111);
    g_assert_cmphex(env->vregs[5].d[1], ==, 0x400000003f800000ull);
    /* FJCVTZS: -1.5 -> -1, inexact, Z clear; 7.0 -> 7, Z set */
    env->fpsr = 0;
    g_assert_cmphex(helper_simd_fjcvtzs(env, 0xbff8000000000000ull), ==, 0xffffffffull);
    g_assert_cmphex(helper_simd_fjcvtzs(env, 0x401c000000000000ull), ==,
                    7 | ((uint64_t)PSTATE_Z << 32));
    /* 2^32 + 5: modulo 2^32, out of range */
    g_assert_cmphex(helper_simd_fjcvtzs(env, 0x41f0000005000000ull) & 0xffffffff,
                    ==, 0x50);
    g_free(env);
}

/* ---------------------------------------------------------------------- */
/* Integer helpers                                                         */

static void test_int_saturating(void)
{
    CPUARMState *env = new_env();

    /* SQADD 16b: 0x7f + 1 saturates, QC */
    set_v(env, 1, 0x7f, 0x80);
    set_v(env, 2, 0x01, 0xff);
    helper_simd_sqadd(env, vdesc(0, 1, 2, 0, true, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x7f);
    g_assert_cmphex(env->vregs[0].d[1], ==, 0x80);
    g_assert_cmphex(env->fpsr, ==, FPSR_QC);
    /* UQSUB d: 1 - 2 = 0 */
    env->fpsr = 0;
    set_v(env, 1, 1, 0);
    set_v(env, 2, 2, 0);
    helper_simd_uqsub(env, sdesc(0, 1, 2, 3, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0);
    g_assert_cmphex(env->fpsr, ==, FPSR_QC);
    /* SQRDMULH h: 0x4000 * 0x4000 * 2 >> 16 = 0x2000 */
    env->fpsr = 0;
    set_v(env, 1, 0x4000, 0);
    set_v(env, 2, 0x4000, 0);
    helper_simd_sqrdmulh(env, sdesc(0, 1, 2, 1, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x2000);
    /* SQDMULH -32768 * -32768 saturates */
    set_v(env, 1, 0x8000, 0);
    set_v(env, 2, 0x8000, 0);
    helper_simd_sqdmulh(env, sdesc(0, 1, 2, 1, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x7fff);
    g_assert_cmphex(env->fpsr, ==, FPSR_QC);
    /* SQXTN h <- s: 70000 -> 32767 */
    set_v(env, 1, 70000, 0);
    helper_simd_sqxtn(env, sdesc(0, 1, 0, 1, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x7fff);
    g_free(env);
}

static void test_int_shifts(void)
{
    CPUARMState *env = new_env();

    /* SSHL by -1 (arithmetic right), USHL by 64 (zero) */
    set_v(env, 1, 0xfffffffffffffff0ull, 0x10);
    set_v(env, 2, 0xff, 64);
    helper_simd_sshl(env, vdesc(0, 1, 2, 3, true, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0xfffffffffffffff8ull);
    g_assert_cmphex(env->vregs[0].d[1], ==, 0);
    /* SRSHR #2 of 7 (bytes): (7 + 2) >> 2 = 2 */
    set_v(env, 1, 0x0707, 0);
    helper_simd_srshr(env, vdesc(0, 1, 0, 0, false, 2));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x0202);
    /* SHRN 8h -> 8b #4 (glibc's strlen trick) */
    set_v(env, 1, 0xff000ff0f00f00ffull, 0x1234567800000000ull);
    helper_simd_shrn(env, vdesc(0, 1, 0, 0, false, 4));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x23670000f0ff000full);
    /* SRI d #8, SLI d #8 */
    set_v(env, 0, 0xaaaaaaaaaaaaaaaaull, 0);
    set_v(env, 1, 0x1122334455667788ull, 0);
    helper_simd_sri(env, sdesc(0, 1, 0, 3, 8));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0xaa11223344556677ull);
    set_v(env, 0, 0xaaaaaaaaaaaaaaaaull, 0);
    helper_simd_sli(env, sdesc(0, 1, 0, 3, 8));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x22334455667788aaull);
    /* UQSHL #4 of 0x20 (bytes) saturates */
    env->fpsr = 0;
    set_v(env, 1, 0x0120, 0);
    helper_simd_uqshli(env, vdesc(0, 1, 0, 0, false, 4));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x10ff);
    g_assert_cmphex(env->fpsr, ==, FPSR_QC);
    g_free(env);
}

static void test_int_misc(void)
{
    CPUARMState *env = new_env();

    /* CNT, CLZ, ADDV, UMAXV, ADDP */
    set_v(env, 1, 0x00000000000000ffull, 0x0103070f00000001ull);
    helper_simd_cnt(env, vdesc(0, 1, 0, 0, true, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x08);
    g_assert_cmphex(env->vregs[0].d[1], ==, 0x0102030400000001ull);
    helper_simd_clz(env, vdesc(0, 1, 0, 0, true, 0));
    g_assert_cmphex(env->vregs[0].d[1], ==, 0x0706050408080807ull);
    helper_simd_addv(env, vdesc(0, 1, 0, 0, true, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, (0xff + 1 + 3 + 7 + 15 + 1) & 0xff);
    helper_simd_umaxv(env, vdesc(0, 1, 0, 0, true, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0xff);
    helper_simd_uaddlv(env, vdesc(0, 1, 0, 0, true, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0xff + 1 + 3 + 7 + 15 + 1);
    set_v(env, 1, 0x0000000200000001ull, 0x0000000400000003ull);
    set_v(env, 2, 0x0000000600000005ull, 0x0000000800000007ull);
    helper_simd_addp(env, vdesc(0, 1, 2, 2, true, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x0000000700000003ull);
    g_assert_cmphex(env->vregs[0].d[1], ==, 0x0000000f0000000bull);
    /* REV64 of bytes, RBIT */
    set_v(env, 1, 0x0102030405060708ull, 0);
    helper_simd_rev(env, vdesc(0, 1, 0, 0, false, 3));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x0807060504030201ull);
    helper_simd_rbit(env, vdesc(0, 1, 0, 0, false, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x8040c020a060e010ull);
    /* CMGT0, ABS (bytes) */
    set_v(env, 1, 0x00ff7f80, 0);
    helper_simd_cmgt0(env, vdesc(0, 1, 0, 0, false, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x0000ff00);
    helper_simd_abs(env, vdesc(0, 1, 0, 0, false, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x00017f80);
    /* UMULL 2s -> 2d, SMLAL */
    set_v(env, 1, 0xffffffff00000003ull, 0);
    set_v(env, 2, 0x0000000200000005ull, 0);
    helper_simd_umull(env, vdesc(0, 1, 2, 2, false, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 15);
    g_assert_cmphex(env->vregs[0].d[1], ==, 0x1fffffffeull);
    helper_simd_smlal(env, vdesc(0, 1, 2, 2, false, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 30);
    g_assert_cmphex(env->vregs[0].d[1], ==, 0x1fffffffcull);
    /* PMULL 1q: (x+1)^2 = x^2+1; x^63 * x = x^64 */
    set_v(env, 1, 3, 0x8000000000000000ull);
    set_v(env, 2, 3, 2);
    helper_simd_pmull(env, vdesc(0, 1, 2, 3, false, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 5);
    g_assert_cmphex(env->vregs[0].d[1], ==, 0);
    helper_simd_pmull(env, vdesc(0, 1, 2, 3, true, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0);
    g_assert_cmphex(env->vregs[0].d[1], ==, 1);
    /* SDOT: 1*1 + 2*(-1) + 3*2 + 4*0 = 5 added to 10 */
    set_v(env, 0, 10, 0);
    set_v(env, 1, 0x04030201, 0);
    set_v(env, 2, 0x0002ff01, 0);
    helper_simd_sdot(env, vdesc(0, 1, 2, 2, false, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 15);
    g_free(env);
}

static void test_permute(void)
{
    CPUARMState *env = new_env();

    set_v(env, 1, 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull);
    set_v(env, 2, 0x1716151413121110ull, 0x1f1e1d1c1b1a1918ull);
    helper_simd_zip1(env, vdesc(0, 1, 2, 0, true, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x1303120211011000ull);
    helper_simd_zip2(env, vdesc(0, 1, 2, 0, true, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x1b0b1a0a19091808ull);
    helper_simd_uzp1(env, vdesc(0, 1, 2, 0, true, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x0e0c0a0806040200ull);
    g_assert_cmphex(env->vregs[0].d[1], ==, 0x1e1c1a1816141210ull);
    helper_simd_uzp2(env, vdesc(0, 1, 2, 1, false, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x1716131207060302ull);
    helper_simd_trn1(env, vdesc(0, 1, 2, 0, false, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x1606140412021000ull);
    helper_simd_trn2(env, vdesc(0, 1, 2, 0, false, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x1707150513031101ull);
    helper_simd_ext(env, vdesc(0, 1, 2, 0, true, 3));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x0a09080706050403ull);
    g_assert_cmphex(env->vregs[0].d[1], ==, 0x1211100f0e0d0c0bull);
    /* TBL with two registers (v1, v2), indices in v3; 0x40 out of range */
    set_v(env, 3, 0x401f001005ull, 0);
    set_v(env, 0, ~0ull, ~0ull);
    helper_simd_tbl(env, simd_desc(0, 1, 3, 0, 0, false, false, 1));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x001f001005ull);
    g_assert_cmphex(env->vregs[0].d[1], ==, 0);
    set_v(env, 0, ~0ull, 0);
    helper_simd_tbx(env, simd_desc(0, 1, 3, 0, 0, false, false, 1));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x000000ff1f001005ull);
    g_free(env);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm-simd/estimate/tables", test_recip_estimate_table);
    g_test_add_func("/arm-simd/estimate/frecpe", test_frecpe);
    g_test_add_func("/arm-simd/estimate/frsqrte", test_frsqrte);
    g_test_add_func("/arm-simd/estimate/frecpx-urecpe", test_frecpx_urecpe);
    g_test_add_func("/arm-simd/fp/flags", test_fp_flags);
    g_test_add_func("/arm-simd/fp/vector-fma", test_fp_vector_and_fma);
    g_test_add_func("/arm-simd/fp/compare", test_fp_compare);
    g_test_add_func("/arm-simd/fp/convert", test_fp_convert);
    g_test_add_func("/arm-simd/int/saturating", test_int_saturating);
    g_test_add_func("/arm-simd/int/shifts", test_int_shifts);
    g_test_add_func("/arm-simd/int/misc", test_int_misc);
    g_test_add_func("/arm-simd/int/permute", test_permute);
    arm_crypto_tests_register();
    arm_fp_fast_tests_register();
    return g_test_run();
}
