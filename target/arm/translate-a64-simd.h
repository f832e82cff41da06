/*
 * translate-a64-simd.h — what the FP/AdvSIMD/crypto translator files
 * (translate-a64-fp.c, translate-a64-simd-*.c) share: the generated
 * decoder's types (decode-a64-simd.h, from a64-simd.decode), helper-call
 * shorthands and the checks every handler makes.
 */
#ifndef TURTLE_TARGET_ARM_TRANSLATE_A64_SIMD_H
#define TURTLE_TARGET_ARM_TRANSLATE_A64_SIMD_H

#include "target/arm/translate-a64.h"
#include "target/arm/vec-internal.h"
#include "target/arm/decode-a64-simd.h"

/* Calls a register-to-register helper with its descriptor. */
static inline void simd_call(const TCGHelperInfo *info, uint32_t desc)
{
    tcg_gen_call(info, NULL, tcg_env, tcg_constant_i32((int32_t)desc));
}

/*
 * Every handler first rejects unallocated encodings (returning false:
 * UNDEFINED), then calls simd_access() and returns true if it is false:
 * the FP/AdvSIMD access trap was emitted instead of the instruction.
 */
static inline bool simd_access(DisasContext *s)
{
    return a64_fp_access_check(s);
}

/* Element size of a floating-point argument set (h, sz), or -1 when the
 * CPU lacks half precision (FEAT_FP16). */
static inline int simd_fp_esz(DisasContext *s, int h, int sz)
{
    if (h) {
        return isar_feature_aa64_fp16(s->isar) ? 1 : -1;
    }
    return 2 + sz;
}

/* Element size of a scalar FP ftype field (0 single, 1 double, 3 half
 * with FEAT_FP16), or -1. */
static inline int simd_ftype_esz(DisasContext *s, int ftype)
{
    switch (ftype) {
    case 0:
        return 2;
    case 1:
        return 3;
    case 3:
        return isar_feature_aa64_fp16(s->isar) ? 1 : -1;
    default:
        return -1;
    }
}

/* 64-bit halves of V registers. */
static inline void simd_ld_half(TCGv_i64 t, int reg, int half)
{
    tcg_gen_ld_i64(t, tcg_env, a64_vreg_half_offset(reg, half));
}

static inline void simd_st_half(TCGv_i64 t, int reg, int half)
{
    tcg_gen_st_i64(t, tcg_env, a64_vreg_half_offset(reg, half));
}

/* Writes val (already zero-extended to 64 bits) as the whole low half of
 * Vd and zeroes the rest: a write to a B/H/S/D register. */
static inline void simd_write_scalar(int reg, TCGv_i64 val)
{
    simd_st_half(val, reg, 0);
    a64_clear_vreg_high(reg, false);
}

/* Replicates the low 8 << esz bits of x over 64 bits. */
static inline uint64_t simd_dup_const(int esz, uint64_t x)
{
    static const uint64_t mul[4] = {
        0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull, 1,
    };
    return (x & vmask(esz)) * mul[esz];
}

/* VFPExpandImm(): the FP constant of an FMOV imm8 for elements of esz. */
uint64_t a64_vfp_expand_imm(int esz, unsigned imm8);

/* Entry points of the group files (translate-a64-fp.c dispatches). */
bool a64_translate_simd(DisasContext *s, uint32_t insn);

#endif
