/*
 * translate-a64-simd-int.c — Advanced SIMD integer instructions, vector
 * and scalar: three same, three same extra (RDM, dot product), three
 * different, two-register miscellaneous, across lanes, scalar pairwise,
 * shift by immediate and by element (Arm ARM DDI 0487, C4.1, groups of
 * "Data Processing -- Scalar Floating-Point and Advanced SIMD").
 *
 * The simple lane-wise operations (ADD, SUB, the logical operations, BSL/
 * BIT/BIF, CMEQ, CMTST, NOT, and 64-bit-lane shifts) are inline IR on the
 * two 64-bit halves of the registers, with SWAR arithmetic for lanes
 * narrower than 64 bits; everything else calls helper-simd.c.
 */
#include "util/osdep.h"
#include "target/arm/translate-a64-simd.h"

/* Size rules of an instruction: which size fields are allocated. */
enum {
    SZ_BHS,         /* 8, 16, 32 */
    SZ_BHSD,        /* all; 64-bit only for 128-bit vectors */
    SZ_HS,          /* 16, 32 */
    SZ_B,           /* 8 */
    SZ_D,           /* 64 (scalar forms that only exist for D) */
    SZ_ANY,         /* all (scalar saturating forms) */
};

static bool size_ok(int size, bool q, bool scalar, int rule)
{
    switch (rule) {
    case SZ_BHS:
        return size != 3;
    case SZ_BHSD:
        return size != 3 || q || scalar;
    case SZ_HS:
        return size == 1 || size == 2;
    case SZ_B:
        return size == 0;
    case SZ_D:
        return size == 3;
    default:
        return true;
    }
}

static bool do_helper3(DisasContext *s, arg_simd3 *a, const TCGHelperInfo *info,
                       int vrule, int srule)
{
    if (!size_ok(a->size, a->q, a->scalar, a->scalar ? srule : vrule)) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, simd_desc(a->rd, a->rn, a->rm, 0, a->size, a->q,
                                  a->scalar, 0));
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Inline lane-wise operations on 64-bit halves                            */

/* Top bit of every lane of esz. */
static uint64_t lane_msb(int esz)
{
    return simd_dup_const(esz, 1ull << ((8 << esz) - 1));
}

typedef void GenHalfFn(TCGv_i64 d, TCGv_i64 n, TCGv_i64 m, int esz);

/* d = fn(n, m) on each 64-bit half (one half, upper zeroed, if !q). */
static void gen_halves(int rd, int rn, int rm, bool q, int esz, GenHalfFn *fn)
{
    for (int i = 0; i <= (int)q; i++) {
        TCGv_i64 n = tcg_temp_new_i64(), m = tcg_temp_new_i64();
        TCGv_i64 d = tcg_temp_new_i64();

        simd_ld_half(n, rn, i);
        simd_ld_half(m, rm, i);
        fn(d, n, m, esz);
        simd_st_half(d, rd, i);
    }
    a64_clear_vreg_high(rd, q);
}

static void gen_add_h(TCGv_i64 d, TCGv_i64 n, TCGv_i64 m, int esz)
{
    if (esz == 3) {
        tcg_gen_add_i64(d, n, m);
    } else {
        /* ((n & ~H) + (m & ~H)) ^ ((n ^ m) & H): no carry between lanes. */
        uint64_t h = lane_msb(esz);
        TCGv_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();

        tcg_gen_andi_i64(t, n, (int64_t)~h);
        tcg_gen_andi_i64(u, m, (int64_t)~h);
        tcg_gen_add_i64(t, t, u);
        tcg_gen_xor_i64(u, n, m);
        tcg_gen_andi_i64(u, u, (int64_t)h);
        tcg_gen_xor_i64(d, t, u);
    }
}

static void gen_sub_h(TCGv_i64 d, TCGv_i64 n, TCGv_i64 m, int esz)
{
    if (esz == 3) {
        tcg_gen_sub_i64(d, n, m);
    } else {
        /* ((n | H) - (m & ~H)) ^ ((n ^ ~m) & H) */
        uint64_t h = lane_msb(esz);
        TCGv_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();

        tcg_gen_ori_i64(t, n, (int64_t)h);
        tcg_gen_andi_i64(u, m, (int64_t)~h);
        tcg_gen_sub_i64(t, t, u);
        tcg_gen_eqv_i64(u, n, m);
        tcg_gen_andi_i64(u, u, (int64_t)h);
        tcg_gen_xor_i64(d, t, u);
    }
}

/* Lanes of x that are non-zero (nz) or zero (!nz) become all ones. */
static void gen_lane_mask(TCGv_i64 d, TCGv_i64 x, int esz, bool nz)
{
    if (esz == 3) {
        tcg_gen_negsetcondi_i64(nz ? TCG_COND_NE : TCG_COND_EQ, d, x, 0);
    } else {
        /* msb of each lane of ((x & ~H) + ~H) | x is set iff the lane is
         * non-zero; spread it over the lane with a multiply. */
        uint64_t h = lane_msb(esz);
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_andi_i64(t, x, (int64_t)~h);
        tcg_gen_addi_i64(t, t, (int64_t)~h);
        tcg_gen_or_i64(t, t, x);
        if (nz) {
            tcg_gen_andi_i64(t, t, (int64_t)h);
        } else {
            tcg_gen_andc_i64(t, tcg_constant_i64((int64_t)h), t);
        }
        tcg_gen_shri_i64(t, t, (8 << esz) - 1);
        tcg_gen_muli_i64(d, t, (int64_t)vmask(esz));
    }
}

static void gen_cmeq_h(TCGv_i64 d, TCGv_i64 n, TCGv_i64 m, int esz)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_xor_i64(t, n, m);
    gen_lane_mask(d, t, esz, false);
}

static void gen_cmtst_h(TCGv_i64 d, TCGv_i64 n, TCGv_i64 m, int esz)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_and_i64(t, n, m);
    gen_lane_mask(d, t, esz, true);
}

static void gen_and_h(TCGv_i64 d, TCGv_i64 n, TCGv_i64 m, int esz) { tcg_gen_and_i64(d, n, m); }
static void gen_bic_h(TCGv_i64 d, TCGv_i64 n, TCGv_i64 m, int esz) { tcg_gen_andc_i64(d, n, m); }
static void gen_orr_h(TCGv_i64 d, TCGv_i64 n, TCGv_i64 m, int esz) { tcg_gen_or_i64(d, n, m); }
static void gen_orn_h(TCGv_i64 d, TCGv_i64 n, TCGv_i64 m, int esz) { tcg_gen_orc_i64(d, n, m); }
static void gen_eor_h(TCGv_i64 d, TCGv_i64 n, TCGv_i64 m, int esz) { tcg_gen_xor_i64(d, n, m); }

static bool do_inline3(DisasContext *s, arg_simd3 *a, GenHalfFn *fn,
                       int vrule, int srule)
{
    if (!size_ok(a->size, a->q, a->scalar, a->scalar ? srule : vrule)) {
        return false;
    }
    if (simd_access(s)) {
        gen_halves(a->rd, a->rn, a->rm, a->q, a->size, fn);
    }
    return true;
}

bool trans_AND_v(DisasContext *s, arg_simd3 *a) { return do_inline3(s, a, gen_and_h, SZ_ANY, SZ_ANY); }
bool trans_BIC_v(DisasContext *s, arg_simd3 *a) { return do_inline3(s, a, gen_bic_h, SZ_ANY, SZ_ANY); }
bool trans_ORR_v(DisasContext *s, arg_simd3 *a) { return do_inline3(s, a, gen_orr_h, SZ_ANY, SZ_ANY); }
bool trans_ORN_v(DisasContext *s, arg_simd3 *a) { return do_inline3(s, a, gen_orn_h, SZ_ANY, SZ_ANY); }
bool trans_EOR_v(DisasContext *s, arg_simd3 *a) { return do_inline3(s, a, gen_eor_h, SZ_ANY, SZ_ANY); }
bool trans_ADD_v(DisasContext *s, arg_simd3 *a) { return do_inline3(s, a, gen_add_h, SZ_BHSD, SZ_D); }
bool trans_SUB_v(DisasContext *s, arg_simd3 *a) { return do_inline3(s, a, gen_sub_h, SZ_BHSD, SZ_D); }
bool trans_CMEQ_v(DisasContext *s, arg_simd3 *a) { return do_inline3(s, a, gen_cmeq_h, SZ_BHSD, SZ_D); }
bool trans_CMTST_v(DisasContext *s, arg_simd3 *a) { return do_inline3(s, a, gen_cmtst_h, SZ_BHSD, SZ_D); }

/* BSL, BIT, BIF: bitwise selects that also read Vd. */
static bool do_bitsel(DisasContext *s, arg_simd3 *a, int kind)
{
    if (!simd_access(s)) {
        return true;
    }
    for (int i = 0; i <= a->q; i++) {
        TCGv_i64 n = tcg_temp_new_i64(), m = tcg_temp_new_i64();
        TCGv_i64 d = tcg_temp_new_i64(), sel = tcg_temp_new_i64();
        TCGv_i64 t = tcg_temp_new_i64();

        simd_ld_half(n, a->rn, i);
        simd_ld_half(m, a->rm, i);
        simd_ld_half(d, a->rd, i);
        /* result = (x & sel) | (y & ~sel) = y ^ ((x ^ y) & sel) */
        switch (kind) {
        case 0: /* BSL: sel = Vd, x = Vn, y = Vm */
            tcg_gen_mov_i64(sel, d);
            tcg_gen_xor_i64(t, n, m);
            tcg_gen_and_i64(t, t, sel);
            tcg_gen_xor_i64(d, m, t);
            break;
        case 1: /* BIT: insert Vn where Vm is 1 */
            tcg_gen_xor_i64(t, n, d);
            tcg_gen_and_i64(t, t, m);
            tcg_gen_xor_i64(d, d, t);
            break;
        default: /* BIF: insert Vn where Vm is 0 */
            tcg_gen_xor_i64(t, n, d);
            tcg_gen_andc_i64(t, t, m);
            tcg_gen_xor_i64(d, d, t);
            break;
        }
        simd_st_half(d, a->rd, i);
    }
    a64_clear_vreg_high(a->rd, a->q);
    return true;
}

bool trans_BSL_v(DisasContext *s, arg_simd3 *a) { return do_bitsel(s, a, 0); }
bool trans_BIT_v(DisasContext *s, arg_simd3 *a) { return do_bitsel(s, a, 1); }
bool trans_BIF_v(DisasContext *s, arg_simd3 *a) { return do_bitsel(s, a, 2); }

/* ---------------------------------------------------------------------- */
/* Three same, through helpers                                             */

#define T3(NAME, HELPER, VRULE, SRULE)                                      \
    bool trans_##NAME(DisasContext *s, arg_simd3 *a)                        \
    {                                                                       \
        return do_helper3(s, a, &helper_info_simd_##HELPER, VRULE, SRULE);  \
    }

T3(SHADD_v, shadd, SZ_BHS, SZ_BHS)
T3(UHADD_v, uhadd, SZ_BHS, SZ_BHS)
T3(SRHADD_v, srhadd, SZ_BHS, SZ_BHS)
T3(URHADD_v, urhadd, SZ_BHS, SZ_BHS)
T3(SHSUB_v, shsub, SZ_BHS, SZ_BHS)
T3(UHSUB_v, uhsub, SZ_BHS, SZ_BHS)
T3(SQADD_v, sqadd, SZ_BHSD, SZ_ANY)
T3(UQADD_v, uqadd, SZ_BHSD, SZ_ANY)
T3(SQSUB_v, sqsub, SZ_BHSD, SZ_ANY)
T3(UQSUB_v, uqsub, SZ_BHSD, SZ_ANY)
T3(CMGT_v, cmgt, SZ_BHSD, SZ_D)
T3(CMHI_v, cmhi, SZ_BHSD, SZ_D)
T3(CMGE_v, cmge, SZ_BHSD, SZ_D)
T3(CMHS_v, cmhs, SZ_BHSD, SZ_D)
T3(SSHL_v, sshl, SZ_BHSD, SZ_D)
T3(USHL_v, ushl, SZ_BHSD, SZ_D)
T3(SQSHL_v, sqshl, SZ_BHSD, SZ_ANY)
T3(UQSHL_v, uqshl, SZ_BHSD, SZ_ANY)
T3(SRSHL_v, srshl, SZ_BHSD, SZ_D)
T3(URSHL_v, urshl, SZ_BHSD, SZ_D)
T3(SQRSHL_v, sqrshl, SZ_BHSD, SZ_ANY)
T3(UQRSHL_v, uqrshl, SZ_BHSD, SZ_ANY)
T3(SMAX_v, smax, SZ_BHS, SZ_BHS)
T3(UMAX_v, umax, SZ_BHS, SZ_BHS)
T3(SMIN_v, smin, SZ_BHS, SZ_BHS)
T3(UMIN_v, umin, SZ_BHS, SZ_BHS)
T3(SABD_v, sabd, SZ_BHS, SZ_BHS)
T3(UABD_v, uabd, SZ_BHS, SZ_BHS)
T3(SABA_v, saba, SZ_BHS, SZ_BHS)
T3(UABA_v, uaba, SZ_BHS, SZ_BHS)
T3(MLA_v, mla, SZ_BHS, SZ_BHS)
T3(MLS_v, mls, SZ_BHS, SZ_BHS)
T3(MUL_v, mul, SZ_BHS, SZ_BHS)
T3(PMUL_v, pmul, SZ_B, SZ_B)
T3(SMAXP_v, smaxp, SZ_BHS, SZ_BHS)
T3(UMAXP_v, umaxp, SZ_BHS, SZ_BHS)
T3(SMINP_v, sminp, SZ_BHS, SZ_BHS)
T3(UMINP_v, uminp, SZ_BHS, SZ_BHS)
T3(ADDP_v, addp, SZ_BHSD, SZ_D)
T3(SQDMULH_v, sqdmulh, SZ_HS, SZ_HS)
T3(SQRDMULH_v, sqrdmulh, SZ_HS, SZ_HS)

static bool do_rdm(DisasContext *s, arg_simd3 *a, const TCGHelperInfo *info)
{
    if (!isar_feature_aa64_rdm(s->isar)) {
        return false;
    }
    return do_helper3(s, a, info, SZ_HS, SZ_HS);
}

bool trans_SQRDMLAH_v(DisasContext *s, arg_simd3 *a) { return do_rdm(s, a, &helper_info_simd_sqrdmlah); }
bool trans_SQRDMLSH_v(DisasContext *s, arg_simd3 *a) { return do_rdm(s, a, &helper_info_simd_sqrdmlsh); }

static bool do_dot(DisasContext *s, arg_simd3 *a, const TCGHelperInfo *info)
{
    if (!isar_feature_aa64_dp(s->isar) || a->size != 2) {
        return false;
    }
    return do_helper3(s, a, info, SZ_ANY, SZ_ANY);
}

bool trans_SDOT_v(DisasContext *s, arg_simd3 *a) { return do_dot(s, a, &helper_info_simd_sdot); }
bool trans_UDOT_v(DisasContext *s, arg_simd3 *a) { return do_dot(s, a, &helper_info_simd_udot); }

/* ---------------------------------------------------------------------- */
/* Three different (size is the narrow element size)                       */

static bool do_3diff(DisasContext *s, arg_simd3 *a, const TCGHelperInfo *info,
                     int rule)
{
    if (!size_ok(a->size, true, a->scalar, rule)) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, simd_desc(a->rd, a->rn, a->rm, 0, a->size, a->q,
                                  a->scalar, 0));
    }
    return true;
}

#define TD(NAME, HELPER, RULE)                                              \
    bool trans_##NAME(DisasContext *s, arg_simd3 *a)                        \
    {                                                                       \
        return do_3diff(s, a, &helper_info_simd_##HELPER, RULE);            \
    }

TD(SADDL_v, saddl, SZ_BHS)
TD(UADDL_v, uaddl, SZ_BHS)
TD(SADDW_v, saddw, SZ_BHS)
TD(UADDW_v, uaddw, SZ_BHS)
TD(SSUBL_v, ssubl, SZ_BHS)
TD(USUBL_v, usubl, SZ_BHS)
TD(SSUBW_v, ssubw, SZ_BHS)
TD(USUBW_v, usubw, SZ_BHS)
TD(ADDHN_v, addhn, SZ_BHS)
TD(RADDHN_v, raddhn, SZ_BHS)
TD(SUBHN_v, subhn, SZ_BHS)
TD(RSUBHN_v, rsubhn, SZ_BHS)
TD(SABAL_v, sabal, SZ_BHS)
TD(UABAL_v, uabal, SZ_BHS)
TD(SABDL_v, sabdl, SZ_BHS)
TD(UABDL_v, uabdl, SZ_BHS)
TD(SMLAL_v, smlal, SZ_BHS)
TD(UMLAL_v, umlal, SZ_BHS)
TD(SMLSL_v, smlsl, SZ_BHS)
TD(UMLSL_v, umlsl, SZ_BHS)
TD(SMULL_v, smull, SZ_BHS)
TD(UMULL_v, umull, SZ_BHS)
TD(SQDMLAL_v, sqdmlal, SZ_HS)
TD(SQDMLSL_v, sqdmlsl, SZ_HS)
TD(SQDMULL_v, sqdmull, SZ_HS)

bool trans_PMULL_v(DisasContext *s, arg_simd3 *a)
{
    if (a->size == 3 ? !isar_feature_aa64_pmull(s->isar) : a->size != 0) {
        return false;
    }
    return do_3diff(s, a, &helper_info_simd_pmull, SZ_ANY);
}

/* ---------------------------------------------------------------------- */
/* Two-register miscellaneous                                              */

static bool do_2misc(DisasContext *s, arg_simd2 *a, const TCGHelperInfo *info,
                     int vrule, int srule, unsigned data)
{
    if (!size_ok(a->size, a->q, a->scalar, a->scalar ? srule : vrule)) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, simd_desc(a->rd, a->rn, 0, 0, a->size, a->q,
                                  a->scalar, data));
    }
    return true;
}

#define T2(NAME, HELPER, VRULE, SRULE)                                      \
    bool trans_##NAME(DisasContext *s, arg_simd2 *a)                        \
    {                                                                       \
        return do_2misc(s, a, &helper_info_simd_##HELPER, VRULE, SRULE, 0); \
    }

T2(SADDLP_v, saddlp, SZ_BHS, SZ_BHS)
T2(UADDLP_v, uaddlp, SZ_BHS, SZ_BHS)
T2(SADALP_v, sadalp, SZ_BHS, SZ_BHS)
T2(UADALP_v, uadalp, SZ_BHS, SZ_BHS)
T2(SUQADD_v, suqadd, SZ_BHSD, SZ_ANY)
T2(USQADD_v, usqadd, SZ_BHSD, SZ_ANY)
T2(CLS_v, cls, SZ_BHS, SZ_BHS)
T2(CLZ_v, clz, SZ_BHS, SZ_BHS)
T2(CNT_v, cnt, SZ_B, SZ_B)
T2(SQABS_v, sqabs, SZ_BHSD, SZ_ANY)
T2(SQNEG_v, sqneg, SZ_BHSD, SZ_ANY)
T2(ABS_v, abs, SZ_BHSD, SZ_D)
T2(NEG_v, neg, SZ_BHSD, SZ_D)
T2(CMGT0_v, cmgt0, SZ_BHSD, SZ_D)
T2(CMGE0_v, cmge0, SZ_BHSD, SZ_D)
T2(CMEQ0_v, cmeq0, SZ_BHSD, SZ_D)
T2(CMLE0_v, cmle0, SZ_BHSD, SZ_D)
T2(CMLT0_v, cmlt0, SZ_BHSD, SZ_D)
T2(SQXTN_v, sqxtn, SZ_BHS, SZ_BHS)
T2(UQXTN_v, uqxtn, SZ_BHS, SZ_BHS)
T2(SQXTUN_v, sqxtun, SZ_BHS, SZ_BHS)

/*
 * XTN(2) and SHRN(2) inline: bits [sh, sh + N) of each 2N-bit lane of Vn,
 * packed into the low (q=0, upper half zeroed) or high (q=1) half of Vd.
 * C libraries' string functions run SHRN #4 on every 16 bytes they scan.
 */
static void gen_narrow_inline(int rd, int rn, int esz, int sh, bool q)
{
    TCGv_i64 h[2], r = tcg_temp_new_i64();
    uint64_t lane = vmask(esz);

    for (int i = 0; i < 2; i++) {
        TCGv_i64 t = tcg_temp_new_i64();

        simd_ld_half(t, rn, i);
        if (sh) {
            tcg_gen_shri_i64(t, t, sh);
        }
        /* Keep the low N bits of each 2N-bit lane, then close the gaps. */
        tcg_gen_andi_i64(t, t, (int64_t)simd_dup_const(esz + 1, lane));
        for (int w = 8 << esz; w < 32; w *= 2) {
            TCGv_i64 u = tcg_temp_new_i64();
            int lsz = __builtin_ctz((unsigned)(w / 2));     /* 4w-bit lanes */

            tcg_gen_shri_i64(u, t, w);
            tcg_gen_or_i64(t, t, u);
            tcg_gen_andi_i64(t, t, (int64_t)simd_dup_const(lsz, (1ull << (2 * w)) - 1));
        }
        h[i] = t;
    }
    tcg_gen_deposit_i64(r, h[0], h[1], 32, 32);
    if (q) {
        simd_st_half(r, rd, 1);
    } else {
        simd_write_scalar(rd, r);
    }
}

bool trans_XTN_v(DisasContext *s, arg_simd2 *a)
{
    if (a->size == 3) {
        return false;
    }
    if (!simd_access(s)) {
        return true;
    }
    gen_narrow_inline(a->rd, a->rn, a->size, 0, a->q);
    return true;
}

/* RBIT is encoded with size 01 (the pattern fixes it) but reverses the
 * bits of each byte. */
bool trans_RBIT_v(DisasContext *s, arg_simd2 *a)
{
    if (simd_access(s)) {
        simd_call(&helper_info_simd_rbit, simd_desc(a->rd, a->rn, 0, 0, 0, a->q,
                                                    false, 0));
    }
    return true;
}

bool trans_NOT_v(DisasContext *s, arg_simd2 *a)
{
    if (!simd_access(s)) {
        return true;
    }
    for (int i = 0; i <= a->q; i++) {
        TCGv_i64 t = tcg_temp_new_i64();

        simd_ld_half(t, a->rn, i);
        tcg_gen_not_i64(t, t);
        simd_st_half(t, a->rd, i);
    }
    a64_clear_vreg_high(a->rd, a->q);
    return true;
}

static bool do_rev(DisasContext *s, arg_simd2 *a, int container)
{
    if (a->size >= container) {
        return false;
    }
    return do_2misc(s, a, &helper_info_simd_rev, SZ_ANY, SZ_ANY, container);
}

bool trans_REV16_v(DisasContext *s, arg_simd2 *a) { return do_rev(s, a, 1); }
bool trans_REV32_v(DisasContext *s, arg_simd2 *a) { return do_rev(s, a, 2); }
bool trans_REV64_v(DisasContext *s, arg_simd2 *a) { return do_rev(s, a, 3); }

bool trans_SHLL_v(DisasContext *s, arg_simd2 *a)
{
    return do_2misc(s, a, &helper_info_simd_shll, SZ_BHS, SZ_BHS, 8 << a->size);
}

static bool do_urecpe(DisasContext *s, arg_simd2 *a, const TCGHelperInfo *info)
{
    if (a->size != 2) {
        return false;
    }
    return do_2misc(s, a, info, SZ_ANY, SZ_ANY, 0);
}

bool trans_URECPE_v(DisasContext *s, arg_simd2 *a) { return do_urecpe(s, a, &helper_info_simd_urecpe); }
bool trans_URSQRTE_v(DisasContext *s, arg_simd2 *a) { return do_urecpe(s, a, &helper_info_simd_ursqrte); }

/* ---------------------------------------------------------------------- */
/* Across lanes and scalar pairwise                                        */

static bool do_across(DisasContext *s, arg_simd2 *a, const TCGHelperInfo *info)
{
    if (a->size == 3 || (a->size == 2 && !a->q)) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, simd_desc(a->rd, a->rn, 0, 0, a->size, a->q, false, 0));
    }
    return true;
}

bool trans_SADDLV(DisasContext *s, arg_simd2 *a) { return do_across(s, a, &helper_info_simd_saddlv); }
bool trans_UADDLV(DisasContext *s, arg_simd2 *a) { return do_across(s, a, &helper_info_simd_uaddlv); }
bool trans_SMAXV(DisasContext *s, arg_simd2 *a) { return do_across(s, a, &helper_info_simd_smaxv); }
bool trans_UMAXV(DisasContext *s, arg_simd2 *a) { return do_across(s, a, &helper_info_simd_umaxv); }
bool trans_SMINV(DisasContext *s, arg_simd2 *a) { return do_across(s, a, &helper_info_simd_sminv); }
bool trans_UMINV(DisasContext *s, arg_simd2 *a) { return do_across(s, a, &helper_info_simd_uminv); }
bool trans_ADDV(DisasContext *s, arg_simd2 *a) { return do_across(s, a, &helper_info_simd_addv); }

bool trans_ADDP_s(DisasContext *s, arg_simd2 *a)
{
    if (a->size != 3) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(&helper_info_simd_addp, simd_desc(a->rd, a->rn, a->rn, 0, 3,
                                                    true, true, 0));
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Shift by immediate                                                      */

/* Element size from immh (its highest set bit), -1 for immh == 0. */
static int immh_esz(int immh)
{
    return immh ? 31 - __builtin_clz((unsigned)immh) : -1;
}

/*
 * kind: 0 right shift (amount 2*esize - immh:immb), 1 left shift (amount
 * immh:immb - esize); narrow: esz is the narrow size (immh 1xxx reserved).
 * scalar_rule: SZ_D or SZ_ANY for the scalar form.
 */
static bool do_shift_imm(DisasContext *s, arg_simdsh *a,
                         const TCGHelperInfo *info, bool left, bool narrow,
                         int srule)
{
    int esz = immh_esz(a->immh), immhb = (a->immh << 3) | a->immb, sh;

    if (esz < 0) {
        return false;
    }
    if (narrow) {
        if (esz == 3) {
            return false;
        }
    } else if (a->scalar ? !size_ok(esz, false, true, srule)
                         : (esz == 3 && !a->q)) {
        return false;
    }
    sh = left ? immhb - (8 << esz) : (16 << esz) - immhb;
    if (!simd_access(s)) {
        return true;
    }
    /* SHL and USHR of any lane size and the 64-bit SSHR are inline: one
     * shift of each 64-bit half, masked so no bit crosses a lane. */
    if (!narrow && (info == &helper_info_simd_shl ||
                    info == &helper_info_simd_ushr ||
                    (info == &helper_info_simd_sshr && esz == 3))) {
        int halves = a->scalar ? 1 : a->q + 1;
        uint64_t lane = vmask(esz);

        for (int i = 0; i < halves; i++) {
            TCGv_i64 t = tcg_temp_new_i64();

            simd_ld_half(t, a->rn, i);
            if (info == &helper_info_simd_shl) {
                tcg_gen_shli_i64(t, t, sh);
                if (esz < 3) {
                    tcg_gen_andi_i64(t, t, (int64_t)simd_dup_const(esz, (lane << sh) & lane));
                }
            } else if (info == &helper_info_simd_ushr) {
                if (sh == (8 << esz)) {
                    tcg_gen_movi_i64(t, 0);
                } else {
                    tcg_gen_shri_i64(t, t, sh);
                    if (esz < 3) {
                        tcg_gen_andi_i64(t, t, (int64_t)simd_dup_const(esz, lane >> sh));
                    }
                }
            } else {
                tcg_gen_sari_i64(t, t, sh == 64 ? 63 : sh);
            }
            simd_st_half(t, a->rd, i);
        }
        a64_clear_vreg_high(a->rd, halves == 2);
        return true;
    }
    simd_call(info, simd_desc(a->rd, a->rn, 0, 0, esz, a->q, a->scalar, sh));
    return true;
}

#define TSH(NAME, HELPER, LEFT, NARROW, SRULE)                              \
    bool trans_##NAME(DisasContext *s, arg_simdsh *a)                       \
    {                                                                       \
        return do_shift_imm(s, a, &helper_info_simd_##HELPER, LEFT, NARROW, \
                            SRULE);                                         \
    }

TSH(SSHR_v, sshr, false, false, SZ_D)
TSH(USHR_v, ushr, false, false, SZ_D)
TSH(SSRA_v, ssra, false, false, SZ_D)
TSH(USRA_v, usra, false, false, SZ_D)
TSH(SRSHR_v, srshr, false, false, SZ_D)
TSH(URSHR_v, urshr, false, false, SZ_D)
TSH(SRSRA_v, srsra, false, false, SZ_D)
TSH(URSRA_v, ursra, false, false, SZ_D)
TSH(SRI_v, sri, false, false, SZ_D)
TSH(SHL_v, shl, true, false, SZ_D)
TSH(SLI_v, sli, true, false, SZ_D)
TSH(SQSHLU_v, sqshlu, true, false, SZ_ANY)
TSH(SQSHLI_v, sqshli, true, false, SZ_ANY)
TSH(UQSHLI_v, uqshli, true, false, SZ_ANY)
TSH(SQSHRUN_v, sqshrun, false, true, SZ_ANY)
TSH(SQRSHRUN_v, sqrshrun, false, true, SZ_ANY)
TSH(SQSHRN_v, sqshrn, false, true, SZ_ANY)
TSH(UQSHRN_v, uqshrn, false, true, SZ_ANY)
TSH(SQRSHRN_v, sqrshrn, false, true, SZ_ANY)
TSH(UQRSHRN_v, uqrshrn, false, true, SZ_ANY)

static bool do_shift_vec_only(DisasContext *s, arg_simdsh *a,
                              const TCGHelperInfo *info, bool left)
{
    if (a->scalar) {
        return false;
    }
    return do_shift_imm(s, a, info, left, true, SZ_ANY);
}

bool trans_SHRN_v(DisasContext *s, arg_simdsh *a)
{
    int esz = immh_esz(a->immh);

    if (a->scalar || esz < 0 || esz == 3) {
        return false;
    }
    if (simd_access(s)) {
        gen_narrow_inline(a->rd, a->rn, esz,
                          (16 << esz) - ((a->immh << 3) | a->immb), a->q);
    }
    return true;
}
bool trans_RSHRN_v(DisasContext *s, arg_simdsh *a) { return do_shift_vec_only(s, a, &helper_info_simd_rshrn, false); }
bool trans_SSHLL_v(DisasContext *s, arg_simdsh *a) { return do_shift_vec_only(s, a, &helper_info_simd_sshll, true); }
bool trans_USHLL_v(DisasContext *s, arg_simdsh *a) { return do_shift_vec_only(s, a, &helper_info_simd_ushll, true); }

/* Fixed-point conversions (vector and scalar): immh 001x half (FEAT_FP16),
 * 01xx single, 1xxx double; fbits = 2 * esize - immh:immb. */
static bool do_fix_conv(DisasContext *s, arg_simdsh *a, const TCGHelperInfo *info)
{
    int esz = immh_esz(a->immh), immhb = (a->immh << 3) | a->immb;

    if (esz <= 0 || (esz == 1 && !isar_feature_aa64_fp16(s->isar)) ||
        (esz == 3 && !a->q && !a->scalar)) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, simd_desc(a->rd, a->rn, 0, 0, esz, a->q, a->scalar,
                                  (16 << esz) - immhb));
    }
    return true;
}

bool trans_SCVTF_fix_v(DisasContext *s, arg_simdsh *a) { return do_fix_conv(s, a, &helper_info_simd_scvtf_fix); }
bool trans_UCVTF_fix_v(DisasContext *s, arg_simdsh *a) { return do_fix_conv(s, a, &helper_info_simd_ucvtf_fix); }
bool trans_FCVTZS_fix_v(DisasContext *s, arg_simdsh *a) { return do_fix_conv(s, a, &helper_info_simd_fcvtzs_fix); }
bool trans_FCVTZU_fix_v(DisasContext *s, arg_simdsh *a) { return do_fix_conv(s, a, &helper_info_simd_fcvtzu_fix); }

/* ---------------------------------------------------------------------- */
/* Vector x indexed element, integer                                       */

/* Index and Vm of an integer by-element operation: 16-bit elements use
 * H:L:M and a 4-bit Vm, 32-bit ones H:L and the 5-bit M:Vm. */
static bool idx_decode(arg_simdidx *a, int *idx, int *rm)
{
    int mbit = a->rm >> 4;

    switch (a->size) {
    case 1:
        *idx = (a->h << 2) | (a->l << 1) | mbit;
        *rm = a->rm & 15;
        return true;
    case 2:
        *idx = (a->h << 1) | a->l;
        *rm = a->rm;
        return true;
    default:
        return false;
    }
}

static bool do_idx(DisasContext *s, arg_simdidx *a, const TCGHelperInfo *info,
                   bool is_long)
{
    int idx, rm;

    if (!idx_decode(a, &idx, &rm)) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, simd_desc(a->rd, a->rn, rm, 0, a->size, a->q,
                                  a->scalar, idx));
    }
    (void)is_long;
    return true;
}

#define TX(NAME, HELPER, LONG)                                              \
    bool trans_##NAME(DisasContext *s, arg_simdidx *a)                      \
    {                                                                       \
        return do_idx(s, a, &helper_info_simd_##HELPER, LONG);              \
    }

TX(MLA_x, mla_idx, false)
TX(MLS_x, mls_idx, false)
TX(MUL_x, mul_idx, false)
TX(SMLAL_x, smlal_idx, true)
TX(UMLAL_x, umlal_idx, true)
TX(SMLSL_x, smlsl_idx, true)
TX(UMLSL_x, umlsl_idx, true)
TX(SMULL_x, smull_idx, true)
TX(UMULL_x, umull_idx, true)
TX(SQDMLAL_x, sqdmlal_idx, true)
TX(SQDMLSL_x, sqdmlsl_idx, true)
TX(SQDMULL_x, sqdmull_idx, true)
TX(SQDMULH_x, sqdmulh_idx, false)
TX(SQRDMULH_x, sqrdmulh_idx, false)

static bool do_rdm_idx(DisasContext *s, arg_simdidx *a, const TCGHelperInfo *info)
{
    if (!isar_feature_aa64_rdm(s->isar)) {
        return false;
    }
    return do_idx(s, a, info, false);
}

bool trans_SQRDMLAH_x(DisasContext *s, arg_simdidx *a) { return do_rdm_idx(s, a, &helper_info_simd_sqrdmlah_idx); }
bool trans_SQRDMLSH_x(DisasContext *s, arg_simdidx *a) { return do_rdm_idx(s, a, &helper_info_simd_sqrdmlsh_idx); }

static bool do_dot_idx(DisasContext *s, arg_simdidx *a, const TCGHelperInfo *info)
{
    if (!isar_feature_aa64_dp(s->isar) || a->size != 2) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, simd_desc(a->rd, a->rn, a->rm, 0, 2, a->q, false,
                                  (a->h << 1) | a->l));
    }
    return true;
}

bool trans_SDOT_x(DisasContext *s, arg_simdidx *a) { return do_dot_idx(s, a, &helper_info_simd_sdot_idx); }
bool trans_UDOT_x(DisasContext *s, arg_simdidx *a) { return do_dot_idx(s, a, &helper_info_simd_udot_idx); }
