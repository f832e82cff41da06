/*
 * translate-a64-simd-perm.c — Advanced SIMD data movement and the crypto
 * extensions (Arm ARM DDI 0487, C4.1): copy (DUP, INS, UMOV, SMOV),
 * modified immediate (MOVI, MVNI, ORR, BIC, FMOV), permute (UZP/TRN/ZIP),
 * EXT, TBL/TBX, and AES, SHA-1/256/512, SHA-3.
 *
 * The copies and immediates are inline IR; permutes, table lookups and
 * the crypto rounds call helper-simd.c / helper-crypto.c.
 */
#include "util/osdep.h"
#include "target/arm/translate-a64-simd.h"

/* ---------------------------------------------------------------------- */
/* Copy                                                                    */

/* imm5 = index:1:Zeros(size): the element size and index, or false for
 * the reserved imm5 = x0000. */
static bool copy_decode(int imm5, int *esz, int *idx)
{
    if (!(imm5 & 15)) {
        return false;
    }
    *esz = __builtin_ctz((unsigned)imm5);
    *idx = imm5 >> (*esz + 1);
    return true;
}

/* Writes the 64-bit pattern v to both halves of Vd (or the low one). */
static void gen_dup_halves(int rd, TCGv_i64 v, bool q)
{
    simd_st_half(v, rd, 0);
    if (q) {
        simd_st_half(v, rd, 1);
    } else {
        a64_clear_vreg_high(rd, false);
    }
}

/* x (zero-extended element of esz) replicated over 64 bits. */
static void gen_dup_elt(TCGv_i64 d, TCGv_i64 x, int esz)
{
    if (esz == 3) {
        tcg_gen_mov_i64(d, x);
    } else {
        tcg_gen_muli_i64(d, x, (int64_t)simd_dup_const(esz, 1));
    }
}

bool trans_DUP_elt(DisasContext *s, arg_simdcopy *a)
{
    int esz, idx;
    TCGv_i64 t;

    if (!copy_decode(a->imm5, &esz, &idx) ||
        (!a->scalar && esz == 3 && !a->q)) {
        return false;
    }
    if (!simd_access(s)) {
        return true;
    }
    t = tcg_temp_new_i64();
    a64_read_vreg_elt(t, a->rn, idx, esz);
    if (a->scalar) {
        simd_write_scalar(a->rd, t);
    } else {
        gen_dup_elt(t, t, esz);
        gen_dup_halves(a->rd, t, a->q);
    }
    return true;
}

bool trans_DUP_gen(DisasContext *s, arg_simdcopy *a)
{
    int esz, idx;
    TCGv_i64 t;

    if (!copy_decode(a->imm5, &esz, &idx) || (esz == 3 && !a->q)) {
        return false;
    }
    if (!simd_access(s)) {
        return true;
    }
    t = tcg_temp_new_i64();
    if (esz == 3) {
        tcg_gen_mov_i64(t, a64_read_x(s, a->rn));
    } else {
        tcg_gen_andi_i64(t, a64_read_x(s, a->rn), (int64_t)vmask(esz));
    }
    gen_dup_elt(t, t, esz);
    gen_dup_halves(a->rd, t, a->q);
    return true;
}

bool trans_INS_gen(DisasContext *s, arg_simdcopy *a)
{
    int esz, idx;

    if (!copy_decode(a->imm5, &esz, &idx)) {
        return false;
    }
    if (simd_access(s)) {
        a64_write_vreg_elt(a64_read_x(s, a->rn), a->rd, idx, esz);
    }
    return true;
}

bool trans_INS_elt(DisasContext *s, arg_simdcopy *a)
{
    int esz, idx;
    TCGv_i64 t;

    if (!copy_decode(a->imm5, &esz, &idx)) {
        return false;
    }
    if (!simd_access(s)) {
        return true;
    }
    t = tcg_temp_new_i64();
    a64_read_vreg_elt(t, a->rn, a->imm4 >> esz, esz);
    a64_write_vreg_elt(t, a->rd, idx, esz);
    return true;
}

/* UMOV: Wd from a B/H/S element (q=0), Xd from a D element (q=1). */
bool trans_UMOV(DisasContext *s, arg_simdcopy *a)
{
    int esz, idx;
    TCGv_i64 t;

    if (!copy_decode(a->imm5, &esz, &idx) || (a->q ? esz != 3 : esz == 3)) {
        return false;
    }
    if (!simd_access(s)) {
        return true;
    }
    t = tcg_temp_new_i64();
    a64_read_vreg_elt(t, a->rn, idx, esz);
    a64_write_x(s, a->rd, t, true);
    return true;
}

/* SMOV: Wd from B/H (q=0), Xd from B/H/S (q=1). */
bool trans_SMOV(DisasContext *s, arg_simdcopy *a)
{
    int esz, idx;
    TCGv_i64 t;

    if (!copy_decode(a->imm5, &esz, &idx) || esz == 3 || (!a->q && esz == 2)) {
        return false;
    }
    if (!simd_access(s)) {
        return true;
    }
    t = tcg_temp_new_i64();
    a64_read_vreg_elt(t, a->rn, idx, esz | MO_SIGN);
    a64_write_x(s, a->rd, t, a->q);
    return true;
}

/* ---------------------------------------------------------------------- */
/* Modified immediate                                                      */

/* AdvSIMDExpandImm(op, cmode, imm8) of the Arm ARM. */
static uint64_t expand_imm(int op, int cmode, unsigned imm8)
{
    uint64_t imm = imm8;

    switch (cmode >> 1) {
    case 0:
        return simd_dup_const(2, imm);
    case 1:
        return simd_dup_const(2, imm << 8);
    case 2:
        return simd_dup_const(2, imm << 16);
    case 3:
        return simd_dup_const(2, imm << 24);
    case 4:
        return simd_dup_const(1, imm);
    case 5:
        return simd_dup_const(1, imm << 8);
    case 6:
        return simd_dup_const(2, (cmode & 1) ? (imm << 16) | 0xffff
                                             : (imm << 8) | 0xff);
    default:
        if (!(cmode & 1)) {
            if (!op) {
                return simd_dup_const(0, imm);
            } else {
                uint64_t r = 0;
                for (int i = 0; i < 8; i++) {
                    if ((imm8 >> i) & 1) {
                        r |= 0xffull << (8 * i);
                    }
                }
                return r;
            }
        }
        return op ? a64_vfp_expand_imm(3, imm8)
                  : simd_dup_const(2, a64_vfp_expand_imm(2, imm8));
    }
}

static void gen_imm_op(arg_simdimm *a, uint64_t imm, int kind)
{
    for (int i = 0; i <= a->q; i++) {
        TCGv_i64 t = tcg_temp_new_i64();

        if (kind == 0) {
            tcg_gen_movi_i64(t, (int64_t)imm);
        } else {
            simd_ld_half(t, a->rd, i);
            if (kind == 1) {
                tcg_gen_ori_i64(t, t, (int64_t)imm);
            } else {
                tcg_gen_andi_i64(t, t, (int64_t)~imm);
            }
        }
        simd_st_half(t, a->rd, i);
    }
    a64_clear_vreg_high(a->rd, a->q);
}

bool trans_MOVI_vi(DisasContext *s, arg_simdimm *a)
{
    uint64_t imm = expand_imm(a->op, a->cmode, a->imm);

    /* op=1 is MVNI except for the 64-bit MOVI (cmode 1110). */
    if (a->op && a->cmode != 14) {
        imm = ~imm;
    }
    if (simd_access(s)) {
        gen_imm_op(a, imm, 0);
    }
    return true;
}

bool trans_ORR_vi(DisasContext *s, arg_simdimm *a)
{
    if (simd_access(s)) {
        gen_imm_op(a, expand_imm(0, a->cmode, a->imm), 1);
    }
    return true;
}

bool trans_BIC_vi(DisasContext *s, arg_simdimm *a)
{
    if (simd_access(s)) {
        gen_imm_op(a, expand_imm(0, a->cmode, a->imm), 2);
    }
    return true;
}

/* FMOV (vector, immediate): single (op 0), double (op 1, 128-bit only),
 * half (o2 = 1, FEAT_FP16). */
bool trans_FMOV_vi(DisasContext *s, arg_simdimm *a)
{
    uint64_t imm;

    if (a->o2) {
        if (a->op || !isar_feature_aa64_fp16(s->isar)) {
            return false;
        }
        imm = simd_dup_const(1, a64_vfp_expand_imm(1, a->imm));
    } else if (a->op) {
        if (!a->q) {
            return false;
        }
        imm = a64_vfp_expand_imm(3, a->imm);
    } else {
        imm = simd_dup_const(2, a64_vfp_expand_imm(2, a->imm));
    }
    if (simd_access(s)) {
        gen_imm_op(a, imm, 0);
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Permute, extract, table lookup                                          */

static bool do_perm(DisasContext *s, arg_simd3 *a, const TCGHelperInfo *info)
{
    if (a->size == 3 && !a->q) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, simd_desc(a->rd, a->rn, a->rm, 0, a->size, a->q,
                                  false, 0));
    }
    return true;
}

bool trans_UZP1(DisasContext *s, arg_simd3 *a) { return do_perm(s, a, &helper_info_simd_uzp1); }
bool trans_UZP2(DisasContext *s, arg_simd3 *a) { return do_perm(s, a, &helper_info_simd_uzp2); }
bool trans_TRN1(DisasContext *s, arg_simd3 *a) { return do_perm(s, a, &helper_info_simd_trn1); }
bool trans_TRN2(DisasContext *s, arg_simd3 *a) { return do_perm(s, a, &helper_info_simd_trn2); }
bool trans_ZIP1(DisasContext *s, arg_simd3 *a) { return do_perm(s, a, &helper_info_simd_zip1); }
bool trans_ZIP2(DisasContext *s, arg_simd3 *a) { return do_perm(s, a, &helper_info_simd_zip2); }

bool trans_EXT(DisasContext *s, arg_EXT *a)
{
    if (!a->q && a->imm >= 8) {
        return false;
    }
    if (!simd_access(s)) {
        return true;
    }
    if (!a->q) {
        /* (Vm:Vn)<imm*8+63 : imm*8> of the low halves: one extract2. */
        TCGv_i64 n = tcg_temp_new_i64(), m = tcg_temp_new_i64();

        simd_ld_half(n, a->rn, 0);
        simd_ld_half(m, a->rm, 0);
        if (a->imm) {
            tcg_gen_extract2_i64(n, n, m, a->imm * 8);
        }
        simd_write_scalar(a->rd, n);
        return true;
    }
    simd_call(&helper_info_simd_ext, simd_desc(a->rd, a->rn, a->rm, 0, 0, true,
                                               false, a->imm));
    return true;
}

bool trans_TBL_TBX(DisasContext *s, arg_TBL_TBX *a)
{
    if (simd_access(s)) {
        simd_call(a->tbx ? &helper_info_simd_tbx : &helper_info_simd_tbl,
                  simd_desc(a->rd, a->rn, a->rm, 0, 0, a->q, false, a->len));
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Cryptographic extensions                                                */

static bool do_crypto(DisasContext *s, arg_crypto *a, bool feature,
                      const TCGHelperInfo *info)
{
    if (!feature) {
        return false;
    }
    if (simd_access(s)) {
        simd_call(info, simd_desc(a->rd, a->rn, a->rm, a->ra, 0, true, false,
                                  a->imm));
    }
    return true;
}

#define TC(NAME, FEAT, HELPER)                                              \
    bool trans_##NAME(DisasContext *s, arg_crypto *a)                       \
    {                                                                       \
        return do_crypto(s, a, isar_feature_aa64_##FEAT(s->isar),           \
                         &helper_info_simd_##HELPER);                       \
    }

TC(AESE, aes, aese)
TC(AESD, aes, aesd)
TC(AESMC, aes, aesmc)
TC(AESIMC, aes, aesimc)
TC(SHA1C, sha1, sha1c)
TC(SHA1P, sha1, sha1p)
TC(SHA1M, sha1, sha1m)
TC(SHA1SU0, sha1, sha1su0)
TC(SHA1H, sha1, sha1h)
TC(SHA1SU1, sha1, sha1su1)
TC(SHA256H, sha256, sha256h)
TC(SHA256H2, sha256, sha256h2)
TC(SHA256SU0, sha256, sha256su0)
TC(SHA256SU1, sha256, sha256su1)
TC(SHA512H, sha512, sha512h)
TC(SHA512H2, sha512, sha512h2)
TC(SHA512SU0, sha512, sha512su0)
TC(SHA512SU1, sha512, sha512su1)
TC(EOR3, sha3, eor3)
TC(BCAX, sha3, bcax)
TC(RAX1, sha3, rax1)
TC(XAR, sha3, xar)
