/*
 * vec-internal.h — what the A64 floating-point, Advanced SIMD and crypto
 * helpers (helper-fp.c, helper-simd.c, helper-crypto.c) share with their
 * translators (translate-a64-fp.c, translate-a64-simd-*.c) and unit tests.
 *
 * Calling convention.  Most helpers work register to register: they take
 * env and one 32-bit descriptor naming the V registers, the element size
 * and the operation's shape, read env->vregs and write the destination
 * (zeroing the bits an A64 write to a scalar or 64-bit vector register
 * clears, Arm ARM C1.2.5).  V registers are not TCG globals, so these
 * helpers are TCG_CALL_NO_RWG.
 *
 * Descriptor bits:
 *   4:0 rd   9:5 rn   14:10 rm   19:15 ra (or a second immediate)
 *   21:20 esz (log2 of the element size in bytes)
 *   22 q (128-bit vector)   23 scalar (one element)
 *   31:24 data (shift amount, rounding mode, ... per helper)
 * Elements are numbered as in the Arm ARM (element 0 is the least
 * significant); the host is little-endian, so element i of size 1 << esz
 * is at byte offset i << esz of ARMVReg.
 */
#ifndef TURTLE_TARGET_ARM_VEC_INTERNAL_H
#define TURTLE_TARGET_ARM_VEC_INTERNAL_H

#include "util/osdep.h"
#include "fpu/softfloat.h"
#include "tcg/tcg.h"
#include "target/arm/cpu.h"

/* ---- Descriptor -------------------------------------------------------- */

#define SIMD_RD(d)      ((d) & 31)
#define SIMD_RN(d)      (((d) >> 5) & 31)
#define SIMD_RM(d)      (((d) >> 10) & 31)
#define SIMD_RA(d)      (((d) >> 15) & 31)
#define SIMD_ESZ(d)     (((d) >> 20) & 3)
#define SIMD_Q(d)       (((d) >> 22) & 1)
#define SIMD_SCALAR(d)  (((d) >> 23) & 1)
#define SIMD_DATA(d)    ((d) >> 24)

static inline uint32_t simd_desc(int rd, int rn, int rm, int ra, int esz,
                                 bool q, bool scalar, unsigned data)
{
    return (uint32_t)rd | ((uint32_t)rn << 5) | ((uint32_t)rm << 10) |
           ((uint32_t)ra << 15) | ((uint32_t)esz << 20) |
           ((uint32_t)q << 22) | ((uint32_t)scalar << 23) |
           ((uint32_t)(data & 0xff) << 24);
}

/* Number of elements the descriptor operates on. */
static inline int simd_nelem(uint32_t desc)
{
    if (SIMD_SCALAR(desc)) {
        return 1;
    }
    return (8 << SIMD_Q(desc)) >> SIMD_ESZ(desc);
}

/* ---- FPCR / FPSR (Arm ARM C5.2.7, C5.2.8) ---------------------------- */

#define FPCR_IOE   (1u << 8)
#define FPCR_FZ16  (1u << 19)
#define FPCR_RMODE_SHIFT 22
#define FPCR_FZ    (1u << 24)
#define FPCR_DN    (1u << 25)
#define FPCR_AHP   (1u << 26)

#define FPSR_IOC   (1u << 0)
#define FPSR_DZC   (1u << 1)
#define FPSR_OFC   (1u << 2)
#define FPSR_UFC   (1u << 3)
#define FPSR_IXC   (1u << 4)
#define FPSR_IDC   (1u << 7)
#define FPSR_QC    (1u << 27)

/* FPCR.RMode values and the explicit modes of FRINT/FCVT* (rmode fields
 * of the pattern files): 0 N, 1 P, 2 M, 3 Z, 4 A (ties away), 5 odd. */
enum {
    ARM_RM_N = 0, ARM_RM_P, ARM_RM_M, ARM_RM_Z, ARM_RM_A, ARM_RM_ODD,
    ARM_RM_CURRENT = 7,     /* "use FPCR.RMode" in helper descriptors */
};

/*
 * The FloatStatus of an FP operation on elements of 1 << esz bytes under
 * the current FPCR: rounding mode, FZ (FZ16 for half precision), DN;
 * flags cleared.  arm_fp_finish() folds the flags into FPSR.
 */
void arm_fp_status(CPUARMState *env, FloatStatus *st, int esz);
/* For tests: every FP helper runs fully in software (no host FPU, no
 * inline fast path), the reference the fast paths are compared with. */
extern bool arm_fp_soft_only;
void arm_fp_finish(CPUARMState *env, const FloatStatus *st);
/* FloatRoundMode of an ARM_RM_* value. */
FloatRoundMode arm_rmode_to_float(int rm);

/* ---- Estimates (Arm ARM J1, shared/functions/float) ------------------ */

/* RecipEstimate(): a in 256..511, result in 256..511. */
unsigned arm_recip_estimate(unsigned a);
/* RecipSqrtEstimate(): a in 128..511, result in 256..511. */
unsigned arm_recip_sqrt_estimate(unsigned a);
/* FPRecipEstimate / FPRSqrtEstimate / FPRecpX on raw bits of 1 << esz
 * bytes (esz 1..3), flags in st (its FZ/DN/rounding settings apply). */
uint64_t arm_fp_recpe(uint64_t a, int esz, FloatStatus *st);
uint64_t arm_fp_rsqrte(uint64_t a, int esz, FloatStatus *st);
uint64_t arm_fp_recpx(uint64_t a, int esz, FloatStatus *st);
/* URECPE / URSQRTE on a 32-bit element. */
uint32_t arm_urecpe(uint32_t a);
uint32_t arm_ursqrte(uint32_t a);

/* ---- Crypto primitives (helper-crypto.c), for the unit tests ---------- */

/* One AES round step on a 16-byte state (FIPS-197): AESE/AESD do
 * AddRoundKey then (Inv)ShiftRows and (Inv)SubBytes; AESMC/AESIMC do
 * (Inv)MixColumns.  Bytes in register order (byte 0 = bits 7:0). */
void arm_aes_round(uint8_t st[16], const uint8_t key[16], bool decrypt);
void arm_aes_mixcolumns(uint8_t st[16], bool inverse);

/* ---- Helper declarations ---------------------------------------------- */

/* Every register-to-register helper: void helper_NAME(env, desc). */
#define SIMD_HELPER_LIST(X) \
    /* helper-fp.c: floating point, element-wise (scalar or vector) */ \
    X(fadd) X(fsub) X(fmul) X(fdiv) X(fmax) X(fmin) X(fmaxnm) X(fminnm) \
    X(fnmul) X(fabd) X(fmulx) X(fmla) X(fmls) X(frecps) X(frsqrts) \
    X(fmadd) X(fmsub) X(fnmadd) X(fnmsub) \
    X(fmla_idx) X(fmls_idx) X(fmul_idx) X(fmulx_idx) \
    X(fsqrt) X(frecpe) X(frsqrte) X(frecpx) \
    X(fcmeq) X(fcmge) X(fcmgt) X(facge) X(facgt) \
    X(fcmeq0) X(fcmge0) X(fcmgt0) X(fcmle0) X(fcmlt0) \
    X(faddp) X(fmaxp) X(fminp) X(fmaxnmp) X(fminnmp) \
    X(fmaxv) X(fminv) X(fmaxnmv) X(fminnmv) \
    X(frint) X(frint32) X(frint64) X(fcvt_to_int) X(cvtf_from_int) \
    X(fcvtzs_fix) X(fcvtzu_fix) X(scvtf_fix) X(ucvtf_fix) \
    X(fcvt_prec) X(fcvtn) X(fcvtxn) X(fcvtl) X(urecpe) X(ursqrte) \
    /* helper-simd.c: integer */ \
    X(add) X(sub) X(mul) X(mla) X(mls) X(pmul) \
    X(shadd) X(uhadd) X(srhadd) X(urhadd) X(shsub) X(uhsub) \
    X(sqadd) X(uqadd) X(sqsub) X(uqsub) \
    X(cmgt) X(cmhi) X(cmge) X(cmhs) X(cmeq) X(cmtst) \
    X(sshl) X(ushl) X(sqshl) X(uqshl) X(srshl) X(urshl) X(sqrshl) X(uqrshl) \
    X(smax) X(umax) X(smin) X(umin) X(sabd) X(uabd) X(saba) X(uaba) \
    X(smaxp) X(umaxp) X(sminp) X(uminp) X(addp) \
    X(sqdmulh) X(sqrdmulh) X(sqrdmlah) X(sqrdmlsh) X(sdot) X(udot) \
    X(mul_idx) X(mla_idx) X(mls_idx) X(sqdmulh_idx) X(sqrdmulh_idx) \
    X(sqrdmlah_idx) X(sqrdmlsh_idx) X(sdot_idx) X(udot_idx) \
    X(saddl) X(uaddl) X(saddw) X(uaddw) X(ssubl) X(usubl) X(ssubw) X(usubw) \
    X(addhn) X(raddhn) X(subhn) X(rsubhn) X(sabal) X(uabal) X(sabdl) X(uabdl) \
    X(smlal) X(umlal) X(smlsl) X(umlsl) X(smull) X(umull) \
    X(sqdmlal) X(sqdmlsl) X(sqdmull) X(pmull) \
    X(smlal_idx) X(umlal_idx) X(smlsl_idx) X(umlsl_idx) X(smull_idx) \
    X(umull_idx) X(sqdmlal_idx) X(sqdmlsl_idx) X(sqdmull_idx) \
    X(rev) X(saddlp) X(uaddlp) X(sadalp) X(uadalp) X(suqadd) X(usqadd) \
    X(cls) X(clz) X(cnt) X(rbit) X(sqabs) X(sqneg) X(abs) X(neg) \
    X(cmgt0) X(cmge0) X(cmeq0) X(cmle0) X(cmlt0) \
    X(xtn) X(sqxtn) X(uqxtn) X(sqxtun) X(shll) \
    X(saddlv) X(uaddlv) X(smaxv) X(umaxv) X(sminv) X(uminv) X(addv) \
    X(sshr) X(ushr) X(ssra) X(usra) X(srshr) X(urshr) X(srsra) X(ursra) \
    X(sri) X(shl) X(sli) X(sqshlu) X(sqshli) X(uqshli) \
    X(shrn) X(rshrn) X(sqshrn) X(uqshrn) X(sqrshrn) X(uqrshrn) \
    X(sqshrun) X(sqrshrun) X(sshll) X(ushll) \
    X(uzp1) X(uzp2) X(trn1) X(trn2) X(zip1) X(zip2) X(ext) X(tbl) X(tbx) \
    /* helper-crypto.c */ \
    X(aese) X(aesd) X(aesmc) X(aesimc) \
    X(sha1c) X(sha1p) X(sha1m) X(sha1su0) X(sha1h) X(sha1su1) \
    X(sha256h) X(sha256h2) X(sha256su0) X(sha256su1) \
    X(sha512h) X(sha512h2) X(sha512su0) X(sha512su1) \
    X(eor3) X(bcax) X(rax1) X(xar)

#define SIMD_DECLARE_HELPER(name) \
    void helper_simd_##name(CPUARMState *env, uint32_t desc); \
    extern const TCGHelperInfo helper_info_simd_##name;
SIMD_HELPER_LIST(SIMD_DECLARE_HELPER)
#undef SIMD_DECLARE_HELPER

/* Defines the TCGHelperInfo of a register-to-register helper. */
#define SIMD_HELPER_INFO(N)                                                 \
    const TCGHelperInfo helper_info_simd_##N = {                            \
        .func = (void *)helper_simd_##N, .name = "simd_" #N,                \
        .flags = TCG_CALL_NO_RWG, .has_ret = false, .nb_args = 2,           \
        .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32 },                        \
    };

/*
 * Helpers with other shapes (helper-fp.c):
 *   fcmp: FCMP/FCMPE of Vn and Vm (or zero: data bit 1), data bit 0 =
 *         signalling; returns NZCV in bits 31:28.
 *   fcvt_gen: FP element 0 of Vn to a general register value; data =
 *         rmode | u << 3 | sf << 4 | (fbits >> 5) << 5, ra = fbits & 31
 *         (fbits 0: integer conversion).
 *   fjcvtzs: FJCVTZS of the double val: the W result in bits 31:0 and
 *         the NZCV (0 Z 0 0) in bits 63:60.
 *   cvtf_gen: general register value val to FP Vd (element 0, rest of
 *         the register zeroed); data = u | sf << 1 | (fbits >> 5) << 2,
 *         ra = fbits & 31.
 */
uint32_t helper_simd_fcmp(CPUARMState *env, uint32_t desc);
uint64_t helper_simd_fcvt_gen(CPUARMState *env, uint32_t desc);
void helper_simd_cvtf_gen(CPUARMState *env, uint64_t val, uint32_t desc);
uint64_t helper_simd_fjcvtzs(CPUARMState *env, uint64_t val);
extern const TCGHelperInfo helper_info_simd_fcmp;
extern const TCGHelperInfo helper_info_simd_fcvt_gen;
extern const TCGHelperInfo helper_info_simd_cvtf_gen;
extern const TCGHelperInfo helper_info_simd_fjcvtzs;

/* ---- Element access, shared by the helper files ------------------------ */

static inline ARMVReg *simd_vreg(CPUARMState *env, int r)
{
    return &env->vregs[r];
}

static inline uint64_t velt(const ARMVReg *v, int i, int esz)
{
    const uint8_t *p = (const uint8_t *)v;

    switch (esz) {
    case 0:
        return p[i];
    case 1: {
        uint16_t x;
        memcpy(&x, p + 2 * i, 2);
        return x;
    }
    case 2: {
        uint32_t x;
        memcpy(&x, p + 4 * i, 4);
        return x;
    }
    default:
        return v->d[i & 1];
    }
}

static inline void vset(ARMVReg *v, int i, int esz, uint64_t x)
{
    uint8_t *p = (uint8_t *)v;

    switch (esz) {
    case 0:
        p[i] = (uint8_t)x;
        break;
    case 1: {
        uint16_t y = (uint16_t)x;
        memcpy(p + 2 * i, &y, 2);
        break;
    }
    case 2: {
        uint32_t y = (uint32_t)x;
        memcpy(p + 4 * i, &y, 4);
        break;
    }
    default:
        v->d[i & 1] = x;
        break;
    }
}

/* Sign-extends the low 8 << esz bits of x. */
static inline int64_t vsext(uint64_t x, int esz)
{
    int sh = 64 - (8 << esz);

    return sh ? (int64_t)(x << sh) >> sh : (int64_t)x;
}

static inline uint64_t vmask(int esz)
{
    return esz == 3 ? ~0ull : (1ull << (8 << esz)) - 1;
}

/*
 * Stores the result d to Vd of desc: a scalar result keeps element 0 only
 * and zeroes the rest of the register, a 64-bit vector result zeroes the
 * upper half.
 */
static inline void vstore(CPUARMState *env, uint32_t desc, const ARMVReg *d)
{
    ARMVReg r = *d;

    if (SIMD_SCALAR(desc)) {
        uint64_t e = velt(d, 0, SIMD_ESZ(desc));
        r.d[0] = e;
        r.d[1] = 0;
    } else if (!SIMD_Q(desc)) {
        r.d[1] = 0;
    }
    env->vregs[SIMD_RD(desc)] = r;
}

#endif
