/*
 * translate-a64-simd-fp.c — Advanced SIMD floating-point instructions,
 * vector and scalar forms (Arm ARM DDI 0487, C4.1): three same (including
 * the FEAT_FP16 encodings), two-register miscellaneous (compares with
 * zero, FRINT*, conversions, estimates), across lanes, scalar pairwise and
 * by element.  FABS/FNEG are inline IR; everything else calls
 * helper-fp.c.
 */
#include "util/osdep.h"
#include "target/arm/translate-a64-simd.h"

/* Element size of a vector/scalar FP operation, or -1 if unallocated (a
 * double-precision 64-bit vector, half precision without FEAT_FP16). */
static int fp_esz(DisasContext *s, int h, int sz, bool q, bool scalar)
{
    int esz = simd_fp_esz(s, h, sz);

    if (esz == 3 && !q && !scalar) {
        return -1;
    }
    return esz;
}

static bool do_fp3(DisasContext *s, arg_simdf3 *a, const TCGHelperInfo *info)
{
    int esz = fp_esz(s, a->h, a->sz, a->q, a->scalar);

    if (esz < 0) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, simd_desc(a->rd, a->rn, a->rm, 0, esz, a->q,
                                  a->scalar, 0));
    }
    return true;
}

#define TF3(NAME, HELPER)                                                   \
    bool trans_##NAME(DisasContext *s, arg_simdf3 *a)                       \
    {                                                                       \
        return do_fp3(s, a, &helper_info_simd_##HELPER);                    \
    }

TF3(FMAXNM_v, fmaxnm)
TF3(FMINNM_v, fminnm)
TF3(FMLA_v, fmla)
TF3(FMLS_v, fmls)
TF3(FADD_v, fadd)
TF3(FSUB_v, fsub)
TF3(FMULX_v, fmulx)
TF3(FCMEQ_v, fcmeq)
TF3(FMAX_v, fmax)
TF3(FMIN_v, fmin)
TF3(FRECPS_v, frecps)
TF3(FRSQRTS_v, frsqrts)
TF3(FMAXNMP_v, fmaxnmp)
TF3(FMINNMP_v, fminnmp)
TF3(FADDP_v, faddp)
TF3(FABD_v, fabd)
TF3(FMUL_v, fmul)
TF3(FCMGE_v, fcmge)
TF3(FCMGT_v, fcmgt)
TF3(FACGE_v, facge)
TF3(FACGT_v, facgt)
TF3(FMAXP_v, fmaxp)
TF3(FMINP_v, fminp)
TF3(FDIV_v, fdiv)

/* ---------------------------------------------------------------------- */
/* Two-register miscellaneous                                              */

static bool do_fp2(DisasContext *s, arg_simdf2 *a, const TCGHelperInfo *info,
                   unsigned data)
{
    int esz = fp_esz(s, a->h, a->sz, a->q, a->scalar);

    if (esz < 0) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, simd_desc(a->rd, a->rn, 0, 0, esz, a->q, a->scalar,
                                  data));
    }
    return true;
}

#define TF2(NAME, HELPER)                                                   \
    bool trans_##NAME(DisasContext *s, arg_simdf2 *a)                       \
    {                                                                       \
        return do_fp2(s, a, &helper_info_simd_##HELPER, 0);                 \
    }

TF2(FCMGT0_v, fcmgt0)
TF2(FCMGE0_v, fcmge0)
TF2(FCMEQ0_v, fcmeq0)
TF2(FCMLE0_v, fcmle0)
TF2(FCMLT0_v, fcmlt0)
TF2(FRECPE_v, frecpe)
TF2(FRSQRTE_v, frsqrte)
TF2(FSQRT_v, fsqrt)

bool trans_FRECPX_v(DisasContext *s, arg_simdf2 *a)
{
    return do_fp2(s, a, &helper_info_simd_frecpx, 0);
}

/* FABS / FNEG (vector): the sign bits of each lane, inline. */
static bool do_fp_sign(DisasContext *s, arg_simdf2 *a, bool neg)
{
    int esz = fp_esz(s, a->h, a->sz, a->q, a->scalar);
    uint64_t sign;

    if (esz < 0) {
        return false;
    }
    if (!simd_access(s)) {
        return true;
    }
    sign = simd_dup_const(esz, 1ull << ((8 << esz) - 1));
    for (int i = 0; i <= a->q; i++) {
        TCGv_i64 t = tcg_temp_new_i64();

        simd_ld_half(t, a->rn, i);
        if (neg) {
            tcg_gen_xori_i64(t, t, (int64_t)sign);
        } else {
            tcg_gen_andi_i64(t, t, (int64_t)~sign);
        }
        simd_st_half(t, a->rd, i);
    }
    a64_clear_vreg_high(a->rd, a->q);
    return true;
}

bool trans_FABS_v(DisasContext *s, arg_simdf2 *a) { return do_fp_sign(s, a, false); }
bool trans_FNEG_v(DisasContext *s, arg_simdf2 *a) { return do_fp_sign(s, a, true); }

/* FCVTN(2) double -> single (sz=1) or single -> half (sz=0); FCVTL(2)
 * the other way; FCVTXN(2) double -> single, round to odd.  The helpers'
 * esz is the destination element size (narrow) / (wide). */
bool trans_FCVTN_v(DisasContext *s, arg_simdf2 *a)
{
    if (simd_access(s)) {
        simd_call(&helper_info_simd_fcvtn,
                  simd_desc(a->rd, a->rn, 0, 0, 1 + a->sz, a->q, false, 0));
    }
    return true;
}

bool trans_FCVTL_v(DisasContext *s, arg_simdf2 *a)
{
    if (simd_access(s)) {
        simd_call(&helper_info_simd_fcvtl,
                  simd_desc(a->rd, a->rn, 0, 0, 2 + a->sz, a->q, false, 0));
    }
    return true;
}

bool trans_FCVTXN_v(DisasContext *s, arg_simdf2 *a)
{
    if (!a->sz) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(&helper_info_simd_fcvtxn,
                  simd_desc(a->rd, a->rn, 0, 0, 2, a->q, a->scalar, 0));
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* FRINT* and conversions to and from integers                            */

static int frint_data(int rmode)
{
    switch (rmode) {
    case 6:
        return ARM_RM_CURRENT | 8;
    case 7:
        return ARM_RM_CURRENT;
    default:
        return rmode;
    }
}

static bool do_fcvt(DisasContext *s, arg_simdfcvt *a, const TCGHelperInfo *info,
                    unsigned data)
{
    int esz = fp_esz(s, a->h, a->sz, a->q, a->scalar);

    if (esz < 0) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, simd_desc(a->rd, a->rn, 0, 0, esz, a->q, a->scalar,
                                  data));
    }
    return true;
}

bool trans_FRINT_v(DisasContext *s, arg_simdfcvt *a)
{
    return do_fcvt(s, a, &helper_info_simd_frint, frint_data(a->rmode));
}

static bool do_frintn_v(DisasContext *s, arg_simdfcvt *a, const TCGHelperInfo *info)
{
    if (!isar_feature_aa64_frint(s->isar)) {
        return false;
    }
    return do_fcvt(s, a, info, a->rmode == 6 ? ARM_RM_CURRENT : ARM_RM_Z);
}

bool trans_FRINT32_v(DisasContext *s, arg_simdfcvt *a) { return do_frintn_v(s, a, &helper_info_simd_frint32); }
bool trans_FRINT64_v(DisasContext *s, arg_simdfcvt *a) { return do_frintn_v(s, a, &helper_info_simd_frint64); }

bool trans_FCVTI_v(DisasContext *s, arg_simdfcvt *a)
{
    return do_fcvt(s, a, &helper_info_simd_fcvt_to_int, a->rmode | (a->u << 3));
}

bool trans_CVTF_v(DisasContext *s, arg_simdfcvt *a)
{
    return do_fcvt(s, a, &helper_info_simd_cvtf_from_int, a->u);
}

/* ---------------------------------------------------------------------- */
/* Across lanes and scalar pairwise                                        */

static bool do_fp_across(DisasContext *s, arg_simdf2 *a, const TCGHelperInfo *info)
{
    int esz = simd_fp_esz(s, a->h, a->sz);

    /* Single precision needs the 4S form; half precision 4H or 8H. */
    if (esz < 0 || esz == 3 || (esz == 2 && !a->q)) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, simd_desc(a->rd, a->rn, 0, 0, esz, a->q, false, 0));
    }
    return true;
}

bool trans_FMAXNMV(DisasContext *s, arg_simdf2 *a) { return do_fp_across(s, a, &helper_info_simd_fmaxnmv); }
bool trans_FMINNMV(DisasContext *s, arg_simdf2 *a) { return do_fp_across(s, a, &helper_info_simd_fminnmv); }
bool trans_FMAXV(DisasContext *s, arg_simdf2 *a) { return do_fp_across(s, a, &helper_info_simd_fmaxv); }
bool trans_FMINV(DisasContext *s, arg_simdf2 *a) { return do_fp_across(s, a, &helper_info_simd_fminv); }

static bool do_fp_pair_s(DisasContext *s, arg_simdf2 *a, const TCGHelperInfo *info)
{
    int esz = simd_fp_esz(s, a->h, a->sz);

    if (esz < 0) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, simd_desc(a->rd, a->rn, a->rn, 0, esz, false, true, 0));
    }
    return true;
}

bool trans_FMAXNMP_s(DisasContext *s, arg_simdf2 *a) { return do_fp_pair_s(s, a, &helper_info_simd_fmaxnmp); }
bool trans_FMINNMP_s(DisasContext *s, arg_simdf2 *a) { return do_fp_pair_s(s, a, &helper_info_simd_fminnmp); }
bool trans_FADDP_s(DisasContext *s, arg_simdf2 *a) { return do_fp_pair_s(s, a, &helper_info_simd_faddp); }
bool trans_FMAXP_s(DisasContext *s, arg_simdf2 *a) { return do_fp_pair_s(s, a, &helper_info_simd_fmaxp); }
bool trans_FMINP_s(DisasContext *s, arg_simdf2 *a) { return do_fp_pair_s(s, a, &helper_info_simd_fminp); }

/* ---------------------------------------------------------------------- */
/* By element                                                              */

/* size 00 half (H:L:M, 4-bit Vm), 10 single (H:L), 11 double (H; L=0). */
static bool do_fp_idx(DisasContext *s, arg_simdfidx *a, const TCGHelperInfo *info)
{
    int esz, idx, rm = a->rm;

    switch (a->size) {
    case 0:
        if (!isar_feature_aa64_fp16(s->isar)) {
            return false;
        }
        esz = 1;
        idx = (a->h << 2) | (a->l << 1) | (a->rm >> 4);
        rm &= 15;
        break;
    case 2:
        esz = 2;
        idx = (a->h << 1) | a->l;
        break;
    case 3:
        if (a->l || (!a->q && !a->scalar)) {
            return false;
        }
        esz = 3;
        idx = a->h;
        break;
    default:
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, simd_desc(a->rd, a->rn, rm, 0, esz, a->q, a->scalar, idx));
    }
    return true;
}

bool trans_FMLA_x(DisasContext *s, arg_simdfidx *a) { return do_fp_idx(s, a, &helper_info_simd_fmla_idx); }
bool trans_FMLS_x(DisasContext *s, arg_simdfidx *a) { return do_fp_idx(s, a, &helper_info_simd_fmls_idx); }
bool trans_FMUL_x(DisasContext *s, arg_simdfidx *a) { return do_fp_idx(s, a, &helper_info_simd_fmul_idx); }
bool trans_FMULX_x(DisasContext *s, arg_simdfidx *a) { return do_fp_idx(s, a, &helper_info_simd_fmulx_idx); }
