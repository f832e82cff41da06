/*
 * translate-a64-fp.c — the entry point of the "Data Processing -- Scalar
 * Floating-Point and Advanced SIMD" group (Arm ARM DDI 0487, C4.1), and the
 * scalar floating-point instructions of it: FP data processing with 1, 2
 * and 3 sources, compares (FCMP, FCCMP: NZCV), FCSEL, FMOV (register,
 * immediate, general), conversions between precisions and to/from general
 * registers (integer and fixed point, every rounding mode), FJCVTZS.
 *
 * Arithmetic and conversions call helper-fp.c (softfloat under FPCR);
 * moves, FABS, FNEG and FCSEL are inline IR.  The AdvSIMD handlers of the
 * same decoder are in translate-a64-simd-*.c.
 */
#include "util/osdep.h"
#include "target/arm/translate-a64-simd.h"

bool a64_translate_simd(DisasContext *s, uint32_t insn)
{
    return decode_a64_simd(s, insn);
}

static uint32_t scalar_desc(int rd, int rn, int rm, int ra, int esz,
                            unsigned data)
{
    return simd_desc(rd, rn, rm, ra, esz, false, true, data);
}

/* ---------------------------------------------------------------------- */
/* Data processing, 2 and 3 sources                                        */

static bool do_fp_rrr(DisasContext *s, arg_fp_rrr *a,
                      const TCGHelperInfo *info)
{
    int esz = simd_ftype_esz(s, a->ftype);

    if (esz < 0) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, scalar_desc(a->rd, a->rn, a->rm, 0, esz, 0));
    }
    return true;
}

bool trans_FMUL_s(DisasContext *s, arg_fp_rrr *a) { return do_fp_rrr(s, a, &helper_info_simd_fmul); }
bool trans_FDIV_s(DisasContext *s, arg_fp_rrr *a) { return do_fp_rrr(s, a, &helper_info_simd_fdiv); }
bool trans_FADD_s(DisasContext *s, arg_fp_rrr *a) { return do_fp_rrr(s, a, &helper_info_simd_fadd); }
bool trans_FSUB_s(DisasContext *s, arg_fp_rrr *a) { return do_fp_rrr(s, a, &helper_info_simd_fsub); }
bool trans_FMAX_s(DisasContext *s, arg_fp_rrr *a) { return do_fp_rrr(s, a, &helper_info_simd_fmax); }
bool trans_FMIN_s(DisasContext *s, arg_fp_rrr *a) { return do_fp_rrr(s, a, &helper_info_simd_fmin); }
bool trans_FMAXNM_s(DisasContext *s, arg_fp_rrr *a) { return do_fp_rrr(s, a, &helper_info_simd_fmaxnm); }
bool trans_FMINNM_s(DisasContext *s, arg_fp_rrr *a) { return do_fp_rrr(s, a, &helper_info_simd_fminnm); }
bool trans_FNMUL_s(DisasContext *s, arg_fp_rrr *a) { return do_fp_rrr(s, a, &helper_info_simd_fnmul); }

static bool do_fp_rrrr(DisasContext *s, arg_fp_rrrr *a,
                       const TCGHelperInfo *info)
{
    int esz = simd_ftype_esz(s, a->ftype);

    if (esz < 0) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, scalar_desc(a->rd, a->rn, a->rm, a->ra, esz, 0));
    }
    return true;
}

bool trans_FMADD_s(DisasContext *s, arg_fp_rrrr *a) { return do_fp_rrrr(s, a, &helper_info_simd_fmadd); }
bool trans_FMSUB_s(DisasContext *s, arg_fp_rrrr *a) { return do_fp_rrrr(s, a, &helper_info_simd_fmsub); }
bool trans_FNMADD_s(DisasContext *s, arg_fp_rrrr *a) { return do_fp_rrrr(s, a, &helper_info_simd_fnmadd); }
bool trans_FNMSUB_s(DisasContext *s, arg_fp_rrrr *a) { return do_fp_rrrr(s, a, &helper_info_simd_fnmsub); }

/* ---------------------------------------------------------------------- */
/* Data processing, 1 source                                               */

/* FMOV/FABS/FNEG: bit operations on element 0, inline. */
static bool do_fp_bitop(DisasContext *s, arg_fp_rr *a, int op)
{
    int esz = simd_ftype_esz(s, a->ftype);
    TCGv_i64 t;

    if (esz < 0) {
        return false;
    }
    if (!simd_access(s)) {
        return true;
    }
    t = tcg_temp_new_i64();
    a64_read_vreg_elt(t, a->rn, 0, esz);
    if (op == 1) {
        tcg_gen_andi_i64(t, t, (int64_t)(vmask(esz) >> 1));
    } else if (op == 2) {
        tcg_gen_xori_i64(t, t, (int64_t)(1ull << ((8 << esz) - 1)));
    }
    simd_write_scalar(a->rd, t);
    return true;
}

bool trans_FMOV_s(DisasContext *s, arg_fp_rr *a) { return do_fp_bitop(s, a, 0); }
bool trans_FABS_s(DisasContext *s, arg_fp_rr *a) { return do_fp_bitop(s, a, 1); }
bool trans_FNEG_s(DisasContext *s, arg_fp_rr *a) { return do_fp_bitop(s, a, 2); }

bool trans_FSQRT_s(DisasContext *s, arg_fp_rr *a)
{
    int esz = simd_ftype_esz(s, a->ftype);

    if (esz < 0) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(&helper_info_simd_fsqrt, scalar_desc(a->rd, a->rn, 0, 0, esz, 0));
    }
    return true;
}

/* FCVT between half, single and double: always available (the half
 * conversions are not part of FEAT_FP16). */
bool trans_FCVT_s(DisasContext *s, arg_FCVT_s *a)
{
    static const int esz_of[4] = { 2, 3, -1, 1 };
    int from = esz_of[a->ftype], to = esz_of[a->dtype];

    if (from < 0 || to < 0 || from == to) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(&helper_info_simd_fcvt_prec,
                  scalar_desc(a->rd, a->rn, 0, 0, from, to));
    }
    return true;
}

/* The helper's FRINT data: ARM_RM_* | exact << 3, from the rmode field
 * of the patterns (0 N, 1 P, 2 M, 3 Z, 4 A, 6 X, 7 I). */
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

bool trans_FRINT_s(DisasContext *s, arg_FRINT_s *a)
{
    int esz = simd_ftype_esz(s, a->ftype);

    if (esz < 0 || a->rmode == 5) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(&helper_info_simd_frint,
                  scalar_desc(a->rd, a->rn, 0, 0, esz, frint_data(a->rmode)));
    }
    return true;
}

static bool do_frintn_s(DisasContext *s, int rd, int rn, int ftype, int x,
                        const TCGHelperInfo *info)
{
    if (!isar_feature_aa64_frint(s->isar) || ftype > 1) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, scalar_desc(rd, rn, 0, 0, 2 + ftype,
                                    x ? ARM_RM_CURRENT : ARM_RM_Z));
    }
    return true;
}

bool trans_FRINT32_s(DisasContext *s, arg_FRINT32_s *a)
{
    return do_frintn_s(s, a->rd, a->rn, a->ftype, a->x, &helper_info_simd_frint32);
}

bool trans_FRINT64_s(DisasContext *s, arg_FRINT64_s *a)
{
    return do_frintn_s(s, a->rd, a->rn, a->ftype, a->x, &helper_info_simd_frint64);
}

/* ---------------------------------------------------------------------- */
/* Compares and conditional select                                         */

static void gen_fcmp(int rn, int rm, int esz, bool e, bool z)
{
    TCGv_i32 r = tcg_temp_new_i32();
    TCGv_i64 r64 = tcg_temp_new_i64();

    tcg_gen_call(&helper_info_simd_fcmp, r, tcg_env,
                 tcg_constant_i32((int32_t)scalar_desc(0, rn, rm, 0, esz,
                                                       (e ? 1 : 0) | (z ? 2 : 0))));
    tcg_gen_extu_i32_i64(r64, r);
    a64_gen_set_nzcv(r64);
}

bool trans_FCMP_s(DisasContext *s, arg_FCMP_s *a)
{
    int esz = simd_ftype_esz(s, a->ftype);

    if (esz < 0) {
        return false;
    }
    if (simd_access(s)) {
        gen_fcmp(a->rn, a->rm, esz, a->e, a->z);
    }
    return true;
}

bool trans_FCCMP_s(DisasContext *s, arg_FCCMP_s *a)
{
    int esz = simd_ftype_esz(s, a->ftype);
    TCGLabel *skip, *done;

    if (esz < 0) {
        return false;
    }
    if (!simd_access(s)) {
        return true;
    }
    if (a->cond >= 14) {
        gen_fcmp(a->rn, a->rm, esz, a->e, false);
        return true;
    }
    skip = gen_new_label();
    done = gen_new_label();
    a64_gen_brcond_cc(a->cond ^ 1, skip);
    gen_fcmp(a->rn, a->rm, esz, a->e, false);
    tcg_gen_br(done);
    tcg_gen_set_label(skip);
    a64_gen_set_nzcv_imm(a->nzcv);
    tcg_gen_set_label(done);
    return true;
}

bool trans_FCSEL_s(DisasContext *s, arg_FCSEL_s *a)
{
    int esz = simd_ftype_esz(s, a->ftype);
    TCGv_i64 n, m;
    A64Compare c;

    if (esz < 0) {
        return false;
    }
    if (!simd_access(s)) {
        return true;
    }
    n = tcg_temp_new_i64();
    m = tcg_temp_new_i64();
    a64_read_vreg_elt(n, a->rn, 0, esz);
    a64_read_vreg_elt(m, a->rm, 0, esz);
    a64_test_cc(&c, a->cond);
    if (c.cond != TCG_COND_ALWAYS) {
        a64_gen_movcond_cc(&c, n, n, m);
    }
    simd_write_scalar(a->rd, n);
    return true;
}

/* ---------------------------------------------------------------------- */
/* Immediate                                                               */

/* VFPExpandImm (Arm ARM): imm8 = a:b:cdefgh -> sign a, exponent
 * NOT(b):Replicate(b, E-3):cd, fraction efgh:Zeros. */
uint64_t a64_vfp_expand_imm(int esz, unsigned imm8)
{
    int n = 8 << esz, e = esz == 1 ? 5 : esz == 2 ? 8 : 11, f = n - e - 1;
    uint64_t sign = (imm8 >> 7) & 1, b = (imm8 >> 6) & 1;
    uint64_t exp = ((b ^ 1) << (e - 1)) | ((b ? (1ull << (e - 3)) - 1 : 0) << 2) |
                   ((imm8 >> 4) & 3);
    uint64_t frac = (uint64_t)(imm8 & 15) << (f - 4);

    return (sign << (n - 1)) | (exp << f) | frac;
}

bool trans_FMOV_i(DisasContext *s, arg_FMOV_i *a)
{
    int esz = simd_ftype_esz(s, a->ftype);

    if (esz < 0) {
        return false;
    }
    if (simd_access(s)) {
        simd_write_scalar(a->rd, tcg_constant_i64((int64_t)a64_vfp_expand_imm(esz, a->imm)));
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Conversions with general registers                                      */

bool trans_FCVT_int(DisasContext *s, arg_fcvt_int *a)
{
    int esz = simd_ftype_esz(s, a->ftype);
    TCGv_i64 r;

    if (esz < 0) {
        return false;
    }
    if (!simd_access(s)) {
        return true;
    }
    r = tcg_temp_new_i64();
    tcg_gen_call(&helper_info_simd_fcvt_gen, r, tcg_env,
                 tcg_constant_i32((int32_t)scalar_desc(0, a->rn, 0, 0, esz,
                                  a->rmode | (a->u << 3) | (a->sf << 4))));
    a64_write_x(s, a->rd, r, a->sf);
    return true;
}

bool trans_FCVTZ_fix(DisasContext *s, arg_FCVTZ_fix *a)
{
    int esz = simd_ftype_esz(s, a->ftype);
    int fbits = 64 - a->scale;
    TCGv_i64 r;

    if (esz < 0 || (!a->sf && a->scale < 32)) {
        return false;
    }
    if (!simd_access(s)) {
        return true;
    }
    r = tcg_temp_new_i64();
    tcg_gen_call(&helper_info_simd_fcvt_gen, r, tcg_env,
                 tcg_constant_i32((int32_t)scalar_desc(0, a->rn, 0, fbits & 31, esz,
                                  ARM_RM_Z | (a->u << 3) | (a->sf << 4) |
                                  ((fbits >> 5) << 5))));
    a64_write_x(s, a->rd, r, a->sf);
    return true;
}

static bool do_cvtf_gen(DisasContext *s, int sf, int ftype, int u, int rn,
                        int rd, int fbits)
{
    int esz = simd_ftype_esz(s, ftype);

    if (esz < 0) {
        return false;
    }
    if (simd_access(s)) {
        tcg_gen_call(&helper_info_simd_cvtf_gen, NULL, tcg_env,
                     a64_read_x(s, rn),
                     tcg_constant_i32((int32_t)scalar_desc(rd, 0, 0, fbits & 31, esz,
                                      u | (sf << 1) | ((fbits >> 5) << 2))));
    }
    return true;
}

bool trans_CVTF_int(DisasContext *s, arg_CVTF_int *a)
{
    return do_cvtf_gen(s, a->sf, a->ftype, a->u, a->rn, a->rd, 0);
}

bool trans_CVTF_fix(DisasContext *s, arg_CVTF_fix *a)
{
    if (!a->sf && a->scale < 32) {
        return false;
    }
    return do_cvtf_gen(s, a->sf, a->ftype, a->u, a->rn, a->rd, 64 - a->scale);
}

/*
 * FMOV (general): W <-> S (sf 0, ftype 0), X <-> D (1, 1), X <-> V.D[1]
 * (1, 2, top), W/X <-> H (ftype 3, FEAT_FP16).
 */
static int fmov_gen_esz(DisasContext *s, int sf, int ftype, int top)
{
    if (top) {
        return (sf && ftype == 2) ? 3 : -1;
    }
    switch (ftype) {
    case 0:
        return sf ? -1 : 2;
    case 1:
        return sf ? 3 : -1;
    case 3:
        return isar_feature_aa64_fp16(s->isar) ? 1 : -1;
    default:
        return -1;
    }
}

bool trans_FMOV_to_gen(DisasContext *s, arg_FMOV_to_gen *a)
{
    int esz = fmov_gen_esz(s, a->sf, a->ftype, a->top);
    TCGv_i64 t;

    if (esz < 0) {
        return false;
    }
    if (!simd_access(s)) {
        return true;
    }
    t = tcg_temp_new_i64();
    a64_read_vreg_elt(t, a->rn, a->top, esz);
    a64_write_x(s, a->rd, t, a->sf);
    return true;
}

bool trans_FMOV_to_fp(DisasContext *s, arg_FMOV_to_fp *a)
{
    int esz = fmov_gen_esz(s, a->sf, a->ftype, a->top);
    TCGv_i64 t;

    if (esz < 0) {
        return false;
    }
    if (!simd_access(s)) {
        return true;
    }
    if (a->top) {
        simd_st_half(a64_read_x(s, a->rn), a->rd, 1);
        return true;
    }
    t = tcg_temp_new_i64();
    if (esz == 3) {
        tcg_gen_mov_i64(t, a64_read_x(s, a->rn));
    } else {
        tcg_gen_andi_i64(t, a64_read_x(s, a->rn), (int64_t)vmask(esz));
    }
    simd_write_scalar(a->rd, t);
    return true;
}

bool trans_FJCVTZS(DisasContext *s, arg_FJCVTZS *a)
{
    TCGv_i64 r, v, nzcv;

    if (!isar_feature_aa64_jscvt(s->isar)) {
        return false;
    }
    if (!simd_access(s)) {
        return true;
    }
    r = tcg_temp_new_i64();
    v = tcg_temp_new_i64();
    nzcv = tcg_temp_new_i64();
    tcg_gen_ld_i64(v, tcg_env, a64_vreg_half_offset(a->rn, 0));
    tcg_gen_call(&helper_info_simd_fjcvtzs, r, tcg_env, v);
    tcg_gen_shri_i64(nzcv, r, 32);
    a64_gen_set_nzcv(nzcv);
    a64_write_x(s, a->rd, r, false);
    return true;
}
