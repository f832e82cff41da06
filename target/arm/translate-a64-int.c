/*
 * translate-a64-int.c — A64 integer data processing: the "Data Processing
 * -- Immediate" and "Data Processing -- Register" encoding groups (Arm ARM
 * DDI 0487, C4.1; instructions in C6.2), decoded by the patterns of
 * a64-dp-imm.decode and a64-dp-reg.decode.
 *
 * Everything is inline IR, flags included (NZCV split as cpu.h says);
 * only CRC32 and pointer authentication call helpers. 32-bit (W) forms
 * compute on 64-bit temps where the low 32 bits do not depend on the high
 * ones (add, sub, logic, multiply, left shifts) and on the low word
 * otherwise; the write to Wd zero-extends.
 */
#include "util/osdep.h"
#include "target/arm/translate-a64.h"
#include "target/arm/helper-a64.h"

#include "target/arm/decode-a64-int.c.inc"

bool a64_translate_int(DisasContext *s, uint32_t insn)
{
    return decode_a64_int(s, insn);
}

/* ---------------------------------------------------------------------- */
/* PC-relative addressing                                                  */

static bool trans_ADR(DisasContext *s, arg_pcrel *a)
{
    a64_write_x(s, a->rd, tcg_constant_i64((int64_t)(s->pc_curr + a->imm)),
                true);
    return true;
}

static bool trans_ADRP(DisasContext *s, arg_pcrel *a)
{
    uint64_t base = s->pc_curr & ~(uint64_t)0xfff;

    a64_write_x(s, a->rd,
                tcg_constant_i64((int64_t)(base + ((int64_t)a->imm << 12))),
                true);
    return true;
}

/* ---------------------------------------------------------------------- */
/* Add/subtract (immediate)                                                */

static bool do_addsub_imm(DisasContext *s, arg_addsub_imm *a, bool sub,
                          bool setflags)
{
    TCGv_i64 rn = a64_read_xsp(s, a->rn);
    TCGv_i64 imm = tcg_constant_i64((int64_t)a->imm << (a->sh ? 12 : 0));
    TCGv_i64 res = tcg_temp_new_i64();

    if (setflags) {
        if (sub) {
            a64_gen_sub_cc(a->sf, res, rn, imm);
        } else {
            a64_gen_add_cc(a->sf, res, rn, imm);
        }
        a64_write_x(s, a->rd, res, a->sf);
    } else {
        if (sub) {
            tcg_gen_sub_i64(res, rn, imm);
        } else {
            tcg_gen_add_i64(res, rn, imm);
        }
        a64_write_xsp(s, a->rd, res, a->sf);
    }
    return true;
}

static bool trans_ADD_i(DisasContext *s, arg_addsub_imm *a)
{
    return do_addsub_imm(s, a, false, false);
}

static bool trans_ADDS_i(DisasContext *s, arg_addsub_imm *a)
{
    return do_addsub_imm(s, a, false, true);
}

static bool trans_SUB_i(DisasContext *s, arg_addsub_imm *a)
{
    return do_addsub_imm(s, a, true, false);
}

static bool trans_SUBS_i(DisasContext *s, arg_addsub_imm *a)
{
    return do_addsub_imm(s, a, true, true);
}

/* ADDG/SUBG need FEAT_MTE, which the CPU does not implement. */
static bool trans_ADDG(DisasContext *s, arg_addsub_tag *a)
{
    return false;
}

static bool trans_SUBG(DisasContext *s, arg_addsub_tag *a)
{
    return false;
}

/* ---------------------------------------------------------------------- */
/* Logical (immediate)                                                     */

static uint64_t bitmask64(unsigned len)
{
    return len >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << len) - 1;
}

/*
 * DecodeBitMasks(N, imms, immr, immediate = TRUE) (Arm ARM J1,
 * aarch64/instrs/integer/bitmasks): the element size is given by the
 * highest set bit of N:NOT(imms); an element holds S+1 ones rotated right
 * by R and is replicated to the register width. False for the reserved
 * encodings.
 */
static bool decode_bit_masks(uint64_t *result, unsigned n, unsigned imms,
                             unsigned immr, bool sf)
{
    unsigned v = (n << 6) | (~imms & 0x3f);
    unsigned len, esize, levels, s, r;
    uint64_t elem;

    if (v == 0) {
        return false;
    }
    len = 31 - __builtin_clz(v);
    if (len < 1) {
        return false;
    }
    esize = 1u << len;
    if (!sf && esize > 32) {
        return false;
    }
    levels = esize - 1;
    s = imms & levels;
    r = immr & levels;
    if (s == levels) {
        return false;
    }
    elem = bitmask64(s + 1);
    if (r) {
        elem = ((elem >> r) | (elem << (esize - r))) & bitmask64(esize);
    }
    for (unsigned e = esize; e < 64; e *= 2) {
        elem |= elem << e;
    }
    *result = sf ? elem : (elem & 0xffffffffu);
    return true;
}

typedef enum { LOGIC_AND, LOGIC_ORR, LOGIC_EOR, LOGIC_ANDS } LogicOp;

static bool do_logic_imm(DisasContext *s, arg_logic_imm *a, LogicOp op)
{
    uint64_t imm;
    TCGv_i64 rn, res;

    if (!decode_bit_masks(&imm, a->n, a->imms, a->immr, a->sf)) {
        return false;
    }
    rn = a64_read_x(s, a->rn);
    res = tcg_temp_new_i64();
    switch (op) {
    case LOGIC_AND:
    case LOGIC_ANDS:
        tcg_gen_andi_i64(res, rn, (int64_t)imm);
        break;
    case LOGIC_ORR:
        tcg_gen_ori_i64(res, rn, (int64_t)imm);
        break;
    case LOGIC_EOR:
        tcg_gen_xori_i64(res, rn, (int64_t)imm);
        break;
    }
    if (op == LOGIC_ANDS) {
        a64_gen_logic_cc(a->sf, res);
        a64_write_x(s, a->rd, res, a->sf);
    } else {
        a64_write_xsp(s, a->rd, res, a->sf);
    }
    return true;
}

static bool trans_AND_i(DisasContext *s, arg_logic_imm *a)
{
    return do_logic_imm(s, a, LOGIC_AND);
}

static bool trans_ORR_i(DisasContext *s, arg_logic_imm *a)
{
    return do_logic_imm(s, a, LOGIC_ORR);
}

static bool trans_EOR_i(DisasContext *s, arg_logic_imm *a)
{
    return do_logic_imm(s, a, LOGIC_EOR);
}

static bool trans_ANDS_i(DisasContext *s, arg_logic_imm *a)
{
    return do_logic_imm(s, a, LOGIC_ANDS);
}

/* ---------------------------------------------------------------------- */
/* Move wide (immediate)                                                   */

static bool trans_MOVN(DisasContext *s, arg_movw *a)
{
    uint64_t v = ~((uint64_t)a->imm << (a->hw * 16));

    a64_write_x(s, a->rd, tcg_constant_i64((int64_t)v), a->sf);
    return true;
}

static bool trans_MOVZ(DisasContext *s, arg_movw *a)
{
    uint64_t v = (uint64_t)a->imm << (a->hw * 16);

    a64_write_x(s, a->rd, tcg_constant_i64((int64_t)v), a->sf);
    return true;
}

static bool trans_MOVK(DisasContext *s, arg_movw *a)
{
    TCGv_i64 t;

    if (a->rd == 31) {
        return true;
    }
    t = tcg_temp_new_i64();
    tcg_gen_deposit_i64(t, cpu_X[a->rd], tcg_constant_i64(a->imm),
                        a->hw * 16, 16);
    a64_write_x(s, a->rd, t, a->sf);
    return true;
}

/* ---------------------------------------------------------------------- */
/* Bitfield                                                                */

static bool trans_SBFM(DisasContext *s, arg_bitfield *a)
{
    unsigned bits = a->sf ? 64 : 32;
    unsigned r = a->immr, sa = a->imms;
    TCGv_i64 rn, t;

    if (r >= bits || sa >= bits) {
        return false;
    }
    rn = a64_read_x(s, a->rn);
    t = tcg_temp_new_i64();
    if (sa >= r) {
        /* ASR, SBFX, SXTB/H/W: the field [r, sa] to the bottom. */
        tcg_gen_sextract_i64(t, rn, r, sa - r + 1);
    } else {
        /* SBFIZ: the low sa+1 bits to position bits - r. */
        tcg_gen_sextract_i64(t, rn, 0, sa + 1);
        tcg_gen_shli_i64(t, t, bits - r);
    }
    a64_write_x(s, a->rd, t, a->sf);
    return true;
}

static bool trans_UBFM(DisasContext *s, arg_bitfield *a)
{
    unsigned bits = a->sf ? 64 : 32;
    unsigned r = a->immr, sa = a->imms;
    TCGv_i64 rn, t;

    if (r >= bits || sa >= bits) {
        return false;
    }
    rn = a64_read_x(s, a->rn);
    t = tcg_temp_new_i64();
    if (sa >= r) {
        /* LSR, UBFX, UXTB/H */
        tcg_gen_extract_i64(t, rn, r, sa - r + 1);
    } else {
        /* LSL, UBFIZ */
        tcg_gen_deposit_z_i64(t, rn, bits - r, sa + 1);
    }
    a64_write_x(s, a->rd, t, a->sf);
    return true;
}

static bool trans_BFM(DisasContext *s, arg_bitfield *a)
{
    unsigned bits = a->sf ? 64 : 32;
    unsigned r = a->immr, sa = a->imms;
    TCGv_i64 rn, rd, t;

    if (r >= bits || sa >= bits) {
        return false;
    }
    rn = a64_read_x(s, a->rn);
    rd = a64_read_x(s, a->rd);
    t = tcg_temp_new_i64();
    if (sa >= r) {
        /* BFXIL: field [r, sa] of rn into the bottom of rd. */
        TCGv_i64 f = tcg_temp_ebb_new_i64();

        tcg_gen_extract_i64(f, rn, r, sa - r + 1);
        tcg_gen_deposit_i64(t, rd, f, 0, sa - r + 1);
    } else {
        /* BFI: the low sa+1 bits of rn at position bits - r of rd. */
        tcg_gen_deposit_i64(t, rd, rn, bits - r, sa + 1);
    }
    a64_write_x(s, a->rd, t, a->sf);
    return true;
}

/* ---------------------------------------------------------------------- */
/* Extract                                                                 */

static bool trans_EXTR(DisasContext *s, arg_extract *a)
{
    TCGv_i64 rn = a64_read_x(s, a->rn);
    TCGv_i64 rm = a64_read_x(s, a->rm);
    TCGv_i64 t = tcg_temp_new_i64();

    if (a->sf) {
        if (a->imms == 0) {
            tcg_gen_mov_i64(t, rm);
        } else {
            tcg_gen_extract2_i64(t, rm, rn, a->imms);
        }
    } else {
        if (a->imms >= 32) {
            return false;
        }
        /* (Wn:Wm) >> lsb, low 32 bits. */
        tcg_gen_deposit_i64(t, rm, rn, 32, 32);
        tcg_gen_shri_i64(t, t, a->imms);
    }
    a64_write_x(s, a->rd, t, a->sf);
    return true;
}

/* ---------------------------------------------------------------------- */
/* Shifted and extended register operands                                  */

/* dest = ShiftReg(src, type, amount) at width sf ? 64 : 32 (result's
 * high 32 bits are garbage for !sf: the write to Wd drops them). */
static void gen_shift_imm(TCGv_i64 dest, TCGv_i64 src, bool sf, int type,
                          unsigned amount)
{
    if (amount == 0) {
        tcg_gen_mov_i64(dest, src);
        return;
    }
    switch (type) {
    case 0: /* LSL */
        tcg_gen_shli_i64(dest, src, amount);
        break;
    case 1: /* LSR */
        if (sf) {
            tcg_gen_shri_i64(dest, src, amount);
        } else {
            tcg_gen_extract_i64(dest, src, amount, 32 - amount);
        }
        break;
    case 2: /* ASR */
        if (sf) {
            tcg_gen_sari_i64(dest, src, amount);
        } else {
            tcg_gen_sextract_i64(dest, src, amount, 32 - amount);
        }
        break;
    default: /* ROR */
        if (sf) {
            tcg_gen_rotri_i64(dest, src, amount);
        } else {
            TCGv_i32 t = tcg_temp_ebb_new_i32();

            tcg_gen_extrl_i64_i32(t, src);
            tcg_gen_rotri_i32(t, t, amount);
            tcg_gen_extu_i32_i64(dest, t);
        }
        break;
    }
}

/* dest = ExtendReg(src, option, shift) (Arm ARM J1 ExtendReg). */
static void gen_extend_reg(TCGv_i64 dest, TCGv_i64 src, int option,
                           unsigned shift)
{
    switch (option) {
    case 0: tcg_gen_ext8u_i64(dest, src); break;
    case 1: tcg_gen_ext16u_i64(dest, src); break;
    case 2: tcg_gen_ext32u_i64(dest, src); break;
    case 4: tcg_gen_ext8s_i64(dest, src); break;
    case 5: tcg_gen_ext16s_i64(dest, src); break;
    case 6: tcg_gen_ext32s_i64(dest, src); break;
    default: tcg_gen_mov_i64(dest, src); break;
    }
    if (shift) {
        tcg_gen_shli_i64(dest, dest, shift);
    }
}

static bool do_logic_reg(DisasContext *s, arg_logic_reg *a, LogicOp op)
{
    TCGv_i64 rn, rm, res;

    if (!a->sf && a->imm >= 32) {
        return false;
    }
    rn = a64_read_x(s, a->rn);
    rm = tcg_temp_new_i64();
    gen_shift_imm(rm, a64_read_x(s, a->rm), a->sf, a->shift, a->imm);
    res = tcg_temp_new_i64();
    switch (op) {
    case LOGIC_AND:
    case LOGIC_ANDS:
        if (a->n) {
            tcg_gen_andc_i64(res, rn, rm);
        } else {
            tcg_gen_and_i64(res, rn, rm);
        }
        break;
    case LOGIC_ORR:
        if (a->n) {
            tcg_gen_orc_i64(res, rn, rm);
        } else {
            tcg_gen_or_i64(res, rn, rm);
        }
        break;
    case LOGIC_EOR:
        if (a->n) {
            tcg_gen_eqv_i64(res, rn, rm);
        } else {
            tcg_gen_xor_i64(res, rn, rm);
        }
        break;
    }
    if (op == LOGIC_ANDS) {
        a64_gen_logic_cc(a->sf, res);
    }
    a64_write_x(s, a->rd, res, a->sf);
    return true;
}

static bool trans_AND_r(DisasContext *s, arg_logic_reg *a)
{
    return do_logic_reg(s, a, LOGIC_AND);
}

static bool trans_ORR_r(DisasContext *s, arg_logic_reg *a)
{
    return do_logic_reg(s, a, LOGIC_ORR);
}

static bool trans_EOR_r(DisasContext *s, arg_logic_reg *a)
{
    return do_logic_reg(s, a, LOGIC_EOR);
}

static bool trans_ANDS_r(DisasContext *s, arg_logic_reg *a)
{
    return do_logic_reg(s, a, LOGIC_ANDS);
}

static void gen_addsub(bool sf, bool sub, bool setflags, TCGv_i64 res,
                       TCGv_i64 rn, TCGv_i64 rm)
{
    if (setflags) {
        if (sub) {
            a64_gen_sub_cc(sf, res, rn, rm);
        } else {
            a64_gen_add_cc(sf, res, rn, rm);
        }
    } else if (sub) {
        tcg_gen_sub_i64(res, rn, rm);
    } else {
        tcg_gen_add_i64(res, rn, rm);
    }
}

static bool do_addsub_reg(DisasContext *s, arg_addsub_reg *a, bool sub,
                          bool setflags)
{
    TCGv_i64 rm, res;

    if (a->shift == 3 || (!a->sf && a->imm >= 32)) {
        return false;
    }
    rm = tcg_temp_new_i64();
    gen_shift_imm(rm, a64_read_x(s, a->rm), a->sf, a->shift, a->imm);
    res = tcg_temp_new_i64();
    gen_addsub(a->sf, sub, setflags, res, a64_read_x(s, a->rn), rm);
    a64_write_x(s, a->rd, res, a->sf);
    return true;
}

static bool trans_ADD_r(DisasContext *s, arg_addsub_reg *a)
{
    return do_addsub_reg(s, a, false, false);
}

static bool trans_ADDS_r(DisasContext *s, arg_addsub_reg *a)
{
    return do_addsub_reg(s, a, false, true);
}

static bool trans_SUB_r(DisasContext *s, arg_addsub_reg *a)
{
    return do_addsub_reg(s, a, true, false);
}

static bool trans_SUBS_r(DisasContext *s, arg_addsub_reg *a)
{
    return do_addsub_reg(s, a, true, true);
}

static bool do_addsub_ext(DisasContext *s, arg_addsub_ext *a, bool sub,
                          bool setflags)
{
    TCGv_i64 rm, res;

    if (a->imm > 4) {
        return false;
    }
    rm = tcg_temp_new_i64();
    gen_extend_reg(rm, a64_read_x(s, a->rm), a->opt, a->imm);
    res = tcg_temp_new_i64();
    gen_addsub(a->sf, sub, setflags, res, a64_read_xsp(s, a->rn), rm);
    if (setflags) {
        a64_write_x(s, a->rd, res, a->sf);
    } else {
        a64_write_xsp(s, a->rd, res, a->sf);
    }
    return true;
}

static bool trans_ADD_x(DisasContext *s, arg_addsub_ext *a)
{
    return do_addsub_ext(s, a, false, false);
}

static bool trans_ADDS_x(DisasContext *s, arg_addsub_ext *a)
{
    return do_addsub_ext(s, a, false, true);
}

static bool trans_SUB_x(DisasContext *s, arg_addsub_ext *a)
{
    return do_addsub_ext(s, a, true, false);
}

static bool trans_SUBS_x(DisasContext *s, arg_addsub_ext *a)
{
    return do_addsub_ext(s, a, true, true);
}

/* ---------------------------------------------------------------------- */
/* Add/subtract with carry                                                 */

/* res = rn + rm + C (rm already inverted for SBC), optionally setting
 * NZCV as AddWithCarry() does (Arm ARM J1). */
static void gen_adc(bool sf, bool setflags, TCGv_i64 res, TCGv_i64 rn,
                    TCGv_i64 rm)
{
    a64_cc_materialize();
    if (!setflags) {
        tcg_gen_add_i64(res, rn, rm);
        tcg_gen_add_i64(res, res, cpu_CF);
        return;
    }
    if (sf) {
        TCGv_i64 zero = tcg_constant_i64(0);
        TCGv_i64 t = tcg_temp_ebb_new_i64();
        TCGv_i64 cout = tcg_temp_ebb_new_i64();
        TCGv_i64 r = tcg_temp_ebb_new_i64();

        tcg_gen_add2_i64(t, cout, rn, zero, cpu_CF, zero);
        tcg_gen_add2_i64(r, cout, t, cout, rm, zero);
        a64_gen_add_overflow_i64(cpu_VF, r, rn, rm);
        tcg_gen_mov_i64(cpu_CF, cout);
        tcg_gen_mov_i64(cpu_NF, r);
        tcg_gen_mov_i64(cpu_ZF, r);
        tcg_gen_mov_i64(res, r);
    } else {
        TCGv_i32 n32 = tcg_temp_ebb_new_i32();
        TCGv_i32 m32 = tcg_temp_ebb_new_i32();
        TCGv_i32 c32 = tcg_temp_ebb_new_i32();
        TCGv_i32 r32 = tcg_temp_ebb_new_i32();
        TCGv_i32 t = tcg_temp_ebb_new_i32();
        TCGv_i32 zero = tcg_constant_i32(0);

        tcg_gen_extrl_i64_i32(n32, rn);
        tcg_gen_extrl_i64_i32(m32, rm);
        tcg_gen_extrl_i64_i32(c32, cpu_CF);
        tcg_gen_add2_i32(t, c32, n32, zero, c32, zero);
        tcg_gen_add2_i32(r32, c32, t, c32, m32, zero);
        tcg_gen_extu_i32_i64(cpu_CF, c32);
        a64_gen_add_overflow_i32(t, r32, n32, m32);
        tcg_gen_ext_i32_i64(cpu_VF, t);
        tcg_gen_ext_i32_i64(cpu_NF, r32);
        tcg_gen_extu_i32_i64(cpu_ZF, r32);
        tcg_gen_mov_i64(res, cpu_ZF);
    }
}

static bool do_adc(DisasContext *s, arg_rrr_sf *a, bool sub, bool setflags)
{
    TCGv_i64 rm = a64_read_x(s, a->rm);
    TCGv_i64 res = tcg_temp_new_i64();

    if (sub) {
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_not_i64(t, rm);
        rm = t;
    }
    gen_adc(a->sf, setflags, res, a64_read_x(s, a->rn), rm);
    a64_write_x(s, a->rd, res, a->sf);
    return true;
}

static bool trans_ADC(DisasContext *s, arg_rrr_sf *a)
{
    return do_adc(s, a, false, false);
}

static bool trans_ADCS(DisasContext *s, arg_rrr_sf *a)
{
    return do_adc(s, a, false, true);
}

static bool trans_SBC(DisasContext *s, arg_rrr_sf *a)
{
    return do_adc(s, a, true, false);
}

static bool trans_SBCS(DisasContext *s, arg_rrr_sf *a)
{
    return do_adc(s, a, true, true);
}

/* ---------------------------------------------------------------------- */
/* Flag manipulation (FEAT_FlagM)                                          */

static bool trans_RMIF(DisasContext *s, arg_RMIF *a)
{
    TCGv_i64 t;

    if (!isar_feature_aa64_flagm(s->isar)) {
        return false;
    }
    a64_cc_materialize();
    t = tcg_temp_new_i64();
    tcg_gen_rotri_i64(t, a64_read_x(s, a->rn), a->imm);
    if (a->mask & 8) {      /* N = tmp<3> */
        tcg_gen_shli_i64(cpu_NF, t, 60);
    }
    if (a->mask & 4) {      /* Z = tmp<2> */
        TCGv_i64 z = tcg_temp_ebb_new_i64();

        tcg_gen_not_i64(z, t);
        tcg_gen_andi_i64(cpu_ZF, z, 4);
    }
    if (a->mask & 2) {      /* C = tmp<1> */
        tcg_gen_extract_i64(cpu_CF, t, 1, 1);
    }
    if (a->mask & 1) {      /* V = tmp<0> */
        tcg_gen_shli_i64(cpu_VF, t, 63);
    }
    return true;
}

static bool trans_SETF(DisasContext *s, arg_SETF *a)
{
    unsigned bits = a->sz ? 16 : 8;
    TCGv_i64 v, t;

    if (!isar_feature_aa64_flagm(s->isar)) {
        return false;
    }
    a64_cc_materialize();
    v = a64_read_x(s, a->rn);
    t = tcg_temp_new_i64();
    /* N = op<bits-1>, Z = op<bits-1:0> == 0, V = op<bits> ^ op<bits-1>;
     * C unchanged. */
    tcg_gen_shli_i64(t, v, 63 - bits);
    tcg_gen_shli_i64(cpu_NF, v, 64 - bits);
    tcg_gen_mov_i64(cpu_ZF, cpu_NF);
    tcg_gen_xor_i64(cpu_VF, t, cpu_NF);
    return true;
}

/* ---------------------------------------------------------------------- */
/* Conditional compare and select                                          */

static void do_ccmp(DisasContext *s, int sf, int rn, TCGv_i64 op2, int cond,
                    int nzcv, bool sub)
{
    TCGLabel *l_fail = gen_new_label();
    TCGLabel *l_done = gen_new_label();
    TCGv_i64 res = tcg_temp_new_i64();
    TCGv_i64 vn = a64_read_x(s, rn);

    a64_gen_brcond_cc(cond ^ 1, l_fail);
    if (sub) {
        a64_gen_sub_cc(sf, res, vn, op2);
    } else {
        a64_gen_add_cc(sf, res, vn, op2);
    }
    /* Both paths leave CC_OP_FLAGS (the other one sets the flags). */
    a64_cc_materialize();
    tcg_gen_br(l_done);
    tcg_gen_set_label(l_fail);
    a64_gen_set_nzcv_imm(nzcv);
    tcg_gen_set_label(l_done);
    a64_cc_forget();
}

static bool ccmp_cond_always(int cond)
{
    return (cond >> 1) == 7;
}

static bool trans_CCMN_r(DisasContext *s, arg_ccmp_r *a)
{
    TCGv_i64 rm = a64_read_x(s, a->rm);
    TCGv_i64 res = tcg_temp_new_i64();

    if (ccmp_cond_always(a->cond)) {
        a64_gen_add_cc(a->sf, res, a64_read_x(s, a->rn), rm);
    } else {
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_mov_i64(t, rm);
        do_ccmp(s, a->sf, a->rn, t, a->cond, a->nzcv, false);
    }
    return true;
}

static bool trans_CCMP_r(DisasContext *s, arg_ccmp_r *a)
{
    TCGv_i64 rm = a64_read_x(s, a->rm);
    TCGv_i64 res = tcg_temp_new_i64();

    if (ccmp_cond_always(a->cond)) {
        a64_gen_sub_cc(a->sf, res, a64_read_x(s, a->rn), rm);
    } else {
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_mov_i64(t, rm);
        do_ccmp(s, a->sf, a->rn, t, a->cond, a->nzcv, true);
    }
    return true;
}

static bool trans_CCMN_i(DisasContext *s, arg_ccmp_i *a)
{
    TCGv_i64 res = tcg_temp_new_i64();

    if (ccmp_cond_always(a->cond)) {
        a64_gen_add_cc(a->sf, res, a64_read_x(s, a->rn),
                       tcg_constant_i64(a->imm));
    } else {
        do_ccmp(s, a->sf, a->rn, tcg_constant_i64(a->imm), a->cond, a->nzcv,
                false);
    }
    return true;
}

static bool trans_CCMP_i(DisasContext *s, arg_ccmp_i *a)
{
    TCGv_i64 res = tcg_temp_new_i64();

    if (ccmp_cond_always(a->cond)) {
        a64_gen_sub_cc(a->sf, res, a64_read_x(s, a->rn),
                       tcg_constant_i64(a->imm));
    } else {
        do_ccmp(s, a->sf, a->rn, tcg_constant_i64(a->imm), a->cond, a->nzcv,
                true);
    }
    return true;
}

typedef enum { CSEL_PLAIN, CSEL_INC, CSEL_INV, CSEL_NEG } CselOp;

static bool do_csel(DisasContext *s, arg_csel *a, CselOp op)
{
    TCGv_i64 rn = a64_read_x(s, a->rn);
    TCGv_i64 rm = a64_read_x(s, a->rm);
    TCGv_i64 f = tcg_temp_new_i64();
    TCGv_i64 res = tcg_temp_new_i64();
    A64Compare c;

    switch (op) {
    case CSEL_PLAIN: tcg_gen_mov_i64(f, rm); break;
    case CSEL_INC: tcg_gen_addi_i64(f, rm, 1); break;
    case CSEL_INV: tcg_gen_not_i64(f, rm); break;
    case CSEL_NEG: tcg_gen_neg_i64(f, rm); break;
    }
    a64_test_cc(&c, a->cond);
    if (c.cond == TCG_COND_ALWAYS) {
        tcg_gen_mov_i64(res, rn);
    } else {
        a64_gen_movcond_cc(&c, res, rn, f);
    }
    a64_write_x(s, a->rd, res, a->sf);
    return true;
}

static bool trans_CSEL(DisasContext *s, arg_csel *a)
{
    return do_csel(s, a, CSEL_PLAIN);
}

static bool trans_CSINC(DisasContext *s, arg_csel *a)
{
    return do_csel(s, a, CSEL_INC);
}

static bool trans_CSINV(DisasContext *s, arg_csel *a)
{
    return do_csel(s, a, CSEL_INV);
}

static bool trans_CSNEG(DisasContext *s, arg_csel *a)
{
    return do_csel(s, a, CSEL_NEG);
}

/* ---------------------------------------------------------------------- */
/* Data processing (1 source)                                              */

/* dest = ((src >> sh) & m) | ((src & m) << sh) */
static void gen_swap_bits(TCGv_i64 dest, TCGv_i64 src, unsigned sh, uint64_t m)
{
    TCGv_i64 t = tcg_temp_ebb_new_i64();
    TCGv_i64 u = tcg_temp_ebb_new_i64();

    tcg_gen_shri_i64(t, src, sh);
    tcg_gen_andi_i64(t, t, (int64_t)m);
    tcg_gen_andi_i64(u, src, (int64_t)m);
    tcg_gen_shli_i64(u, u, sh);
    tcg_gen_or_i64(dest, t, u);
}

static bool trans_RBIT(DisasContext *s, arg_rr_sf *a)
{
    TCGv_i64 t = tcg_temp_new_i64();

    gen_swap_bits(t, a64_read_x(s, a->rn), 1, 0x5555555555555555ull);
    gen_swap_bits(t, t, 2, 0x3333333333333333ull);
    gen_swap_bits(t, t, 4, 0x0f0f0f0f0f0f0f0full);
    tcg_gen_bswap64_i64(t, t);
    if (!a->sf) {
        tcg_gen_shri_i64(t, t, 32);
    }
    a64_write_x(s, a->rd, t, a->sf);
    return true;
}

static bool trans_REV16(DisasContext *s, arg_rr_sf *a)
{
    TCGv_i64 t = tcg_temp_new_i64();

    gen_swap_bits(t, a64_read_x(s, a->rn), 8, 0x00ff00ff00ff00ffull);
    a64_write_x(s, a->rd, t, a->sf);
    return true;
}

static bool trans_REV32(DisasContext *s, arg_REV32 *a)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_bswap64_i64(t, a64_read_x(s, a->rn));
    tcg_gen_rotri_i64(t, t, 32);
    a64_write_x(s, a->rd, t, true);
    return true;
}

static bool trans_REV(DisasContext *s, arg_rr_sf *a)
{
    TCGv_i64 t = tcg_temp_new_i64();

    if (a->sf) {
        tcg_gen_bswap64_i64(t, a64_read_x(s, a->rn));
    } else {
        tcg_gen_bswap32_i64(t, a64_read_x(s, a->rn), TCG_BSWAP_OZ);
    }
    a64_write_x(s, a->rd, t, a->sf);
    return true;
}

static bool trans_CLZ(DisasContext *s, arg_rr_sf *a)
{
    TCGv_i64 t = tcg_temp_new_i64();

    if (a->sf) {
        tcg_gen_clzi_i64(t, a64_read_x(s, a->rn), 64);
    } else {
        TCGv_i32 v = tcg_temp_ebb_new_i32();

        tcg_gen_extrl_i64_i32(v, a64_read_x(s, a->rn));
        tcg_gen_clzi_i32(v, v, 32);
        tcg_gen_extu_i32_i64(t, v);
    }
    a64_write_x(s, a->rd, t, a->sf);
    return true;
}

static bool trans_CLS(DisasContext *s, arg_rr_sf *a)
{
    TCGv_i64 t = tcg_temp_new_i64();

    /* CLS(x) = CLZ(x ^ (x >> 1, arithmetic) with the top bit dropped) =
     * CLZ(x ^ sign(x)) - 1. */
    if (a->sf) {
        TCGv_i64 x = a64_read_x(s, a->rn);
        TCGv_i64 sgn = tcg_temp_ebb_new_i64();

        tcg_gen_sari_i64(sgn, x, 63);
        tcg_gen_xor_i64(t, x, sgn);
        tcg_gen_clzi_i64(t, t, 64);
        tcg_gen_subi_i64(t, t, 1);
    } else {
        TCGv_i32 v = tcg_temp_ebb_new_i32();
        TCGv_i32 sgn = tcg_temp_ebb_new_i32();

        tcg_gen_extrl_i64_i32(v, a64_read_x(s, a->rn));
        tcg_gen_sari_i32(sgn, v, 31);
        tcg_gen_xor_i32(v, v, sgn);
        tcg_gen_clzi_i32(v, v, 32);
        tcg_gen_subi_i32(v, v, 1);
        tcg_gen_extu_i32_i64(t, v);
    }
    a64_write_x(s, a->rd, t, a->sf);
    return true;
}

/* ---------------------------------------------------------------------- */
/* Pointer authentication (FEAT_PAuth), register forms                      */

static bool trans_PAC(DisasContext *s, arg_pac *a)
{
    TCGv_i64 mod, t;

    if (!isar_feature_aa64_pauth(s->isar)) {
        return false;
    }
    mod = a->z ? tcg_constant_i64(0) : a64_read_xsp(s, a->rn);
    t = tcg_temp_new_i64();
    tcg_gen_call(&helper_info_a64_pac, t, tcg_env, a64_read_x(s, a->rd), mod,
                 tcg_constant_i32(a->key));
    a64_write_x(s, a->rd, t, true);
    return true;
}

static bool trans_AUT(DisasContext *s, arg_pac *a)
{
    TCGv_i64 mod, t;

    if (!isar_feature_aa64_pauth(s->isar)) {
        return false;
    }
    mod = a->z ? tcg_constant_i64(0) : a64_read_xsp(s, a->rn);
    t = tcg_temp_new_i64();
    tcg_gen_call(&helper_info_a64_aut, t, tcg_env, a64_read_x(s, a->rd), mod,
                 tcg_constant_i32(a->key));
    a64_write_x(s, a->rd, t, true);
    return true;
}

static bool trans_XPAC(DisasContext *s, arg_XPAC *a)
{
    TCGv_i64 t;

    if (!isar_feature_aa64_pauth(s->isar)) {
        return false;
    }
    t = tcg_temp_new_i64();
    tcg_gen_call(&helper_info_a64_xpac, t, tcg_env, a64_read_x(s, a->rd),
                 tcg_constant_i32(a->d));
    a64_write_x(s, a->rd, t, true);
    return true;
}

static bool trans_PACGA(DisasContext *s, arg_PACGA *a)
{
    TCGv_i64 t;

    if (!isar_feature_aa64_pauth(s->isar)) {
        return false;
    }
    t = tcg_temp_new_i64();
    tcg_gen_call(&helper_info_a64_pacga, t, tcg_env, a64_read_x(s, a->rn),
                 a64_read_xsp(s, a->rm));
    a64_write_x(s, a->rd, t, true);
    return true;
}

/* ---------------------------------------------------------------------- */
/* Data processing (2 source)                                              */

/* Division never traps on A64: x / 0 = 0, INT_MIN / -1 = INT_MIN
 * (Arm ARM C6.2 SDIV/UDIV). The IR leaves both undefined: guard. */
static bool do_div(DisasContext *s, arg_rrr_sf *a, bool is_signed)
{
    TCGv_i64 n = tcg_temp_new_i64();
    TCGv_i64 m = tcg_temp_new_i64();
    TCGv_i64 d = tcg_temp_new_i64();
    TCGv_i64 q = tcg_temp_new_i64();
    TCGv_i64 zero = tcg_constant_i64(0);

    if (a->sf) {
        tcg_gen_mov_i64(n, a64_read_x(s, a->rn));
        tcg_gen_mov_i64(m, a64_read_x(s, a->rm));
    } else if (is_signed) {
        tcg_gen_ext32s_i64(n, a64_read_x(s, a->rn));
        tcg_gen_ext32s_i64(m, a64_read_x(s, a->rm));
    } else {
        tcg_gen_ext32u_i64(n, a64_read_x(s, a->rn));
        tcg_gen_ext32u_i64(m, a64_read_x(s, a->rm));
    }
    if (is_signed && a->sf) {
        /* Divisors 0 and -1 are replaced by 1, then fixed up. */
        TCGv_i64 t = tcg_temp_ebb_new_i64();
        TCGv_i64 neg = tcg_temp_ebb_new_i64();

        tcg_gen_addi_i64(t, m, 1);
        tcg_gen_movcond_i64(TCG_COND_LEU, d, t, tcg_constant_i64(1),
                            tcg_constant_i64(1), m);
        tcg_gen_div_i64(q, n, d);
        tcg_gen_neg_i64(neg, n);
        tcg_gen_movcond_i64(TCG_COND_EQ, q, m, tcg_constant_i64(-1), neg, q);
        tcg_gen_movcond_i64(TCG_COND_EQ, q, m, zero, zero, q);
    } else {
        /* 32-bit signed operands are sign-extended: no overflow in 64. */
        tcg_gen_movcond_i64(TCG_COND_EQ, d, m, zero, tcg_constant_i64(1), m);
        if (is_signed) {
            tcg_gen_div_i64(q, n, d);
        } else {
            tcg_gen_divu_i64(q, n, d);
        }
        tcg_gen_movcond_i64(TCG_COND_EQ, q, m, zero, zero, q);
    }
    a64_write_x(s, a->rd, q, a->sf);
    return true;
}

static bool trans_UDIV(DisasContext *s, arg_rrr_sf *a)
{
    return do_div(s, a, false);
}

static bool trans_SDIV(DisasContext *s, arg_rrr_sf *a)
{
    return do_div(s, a, true);
}

/* Shifts by register: the amount is Rm modulo the width. */
static bool do_shift_reg(DisasContext *s, arg_rrr_sf *a, int type)
{
    TCGv_i64 res = tcg_temp_new_i64();

    if (a->sf) {
        TCGv_i64 amt = tcg_temp_ebb_new_i64();
        TCGv_i64 rn = a64_read_x(s, a->rn);

        tcg_gen_andi_i64(amt, a64_read_x(s, a->rm), 63);
        switch (type) {
        case 0: tcg_gen_shl_i64(res, rn, amt); break;
        case 1: tcg_gen_shr_i64(res, rn, amt); break;
        case 2: tcg_gen_sar_i64(res, rn, amt); break;
        default: tcg_gen_rotr_i64(res, rn, amt); break;
        }
    } else {
        TCGv_i32 amt = tcg_temp_ebb_new_i32();
        TCGv_i32 v = tcg_temp_ebb_new_i32();

        tcg_gen_extrl_i64_i32(amt, a64_read_x(s, a->rm));
        tcg_gen_andi_i32(amt, amt, 31);
        tcg_gen_extrl_i64_i32(v, a64_read_x(s, a->rn));
        switch (type) {
        case 0: tcg_gen_shl_i32(v, v, amt); break;
        case 1: tcg_gen_shr_i32(v, v, amt); break;
        case 2: tcg_gen_sar_i32(v, v, amt); break;
        default: tcg_gen_rotr_i32(v, v, amt); break;
        }
        tcg_gen_extu_i32_i64(res, v);
    }
    a64_write_x(s, a->rd, res, a->sf);
    return true;
}

static bool trans_LSLV(DisasContext *s, arg_rrr_sf *a)
{
    return do_shift_reg(s, a, 0);
}

static bool trans_LSRV(DisasContext *s, arg_rrr_sf *a)
{
    return do_shift_reg(s, a, 1);
}

static bool trans_ASRV(DisasContext *s, arg_rrr_sf *a)
{
    return do_shift_reg(s, a, 2);
}

static bool trans_RORV(DisasContext *s, arg_rrr_sf *a)
{
    return do_shift_reg(s, a, 3);
}

static bool trans_CRC32(DisasContext *s, arg_CRC32 *a)
{
    TCGv_i64 acc, val, res;

    if (!isar_feature_aa64_crc32(s->isar) || a->sf != (a->sz == 3)) {
        return false;
    }
    acc = tcg_temp_new_i64();
    val = tcg_temp_new_i64();
    res = tcg_temp_new_i64();
    tcg_gen_ext32u_i64(acc, a64_read_x(s, a->rn));
    switch (a->sz) {
    case 0: tcg_gen_ext8u_i64(val, a64_read_x(s, a->rm)); break;
    case 1: tcg_gen_ext16u_i64(val, a64_read_x(s, a->rm)); break;
    case 2: tcg_gen_ext32u_i64(val, a64_read_x(s, a->rm)); break;
    default: tcg_gen_mov_i64(val, a64_read_x(s, a->rm)); break;
    }
    tcg_gen_call(a->c ? &helper_info_a64_crc32c : &helper_info_a64_crc32,
                 res, acc, val, tcg_constant_i32(1 << a->sz));
    a64_write_x(s, a->rd, res, false);
    return true;
}

/* ---------------------------------------------------------------------- */
/* Data processing (3 source)                                              */

static bool do_madd(DisasContext *s, arg_rrrr_sf *a, bool sub)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_mul_i64(t, a64_read_x(s, a->rn), a64_read_x(s, a->rm));
    if (sub) {
        tcg_gen_sub_i64(t, a64_read_x(s, a->ra), t);
    } else {
        tcg_gen_add_i64(t, a64_read_x(s, a->ra), t);
    }
    a64_write_x(s, a->rd, t, a->sf);
    return true;
}

static bool trans_MADD(DisasContext *s, arg_rrrr_sf *a)
{
    return do_madd(s, a, false);
}

static bool trans_MSUB(DisasContext *s, arg_rrrr_sf *a)
{
    return do_madd(s, a, true);
}

static bool do_maddl(DisasContext *s, arg_rrrr *a, bool is_signed, bool sub)
{
    TCGv_i64 n = tcg_temp_new_i64();
    TCGv_i64 m = tcg_temp_new_i64();

    if (is_signed) {
        tcg_gen_ext32s_i64(n, a64_read_x(s, a->rn));
        tcg_gen_ext32s_i64(m, a64_read_x(s, a->rm));
    } else {
        tcg_gen_ext32u_i64(n, a64_read_x(s, a->rn));
        tcg_gen_ext32u_i64(m, a64_read_x(s, a->rm));
    }
    tcg_gen_mul_i64(n, n, m);
    if (sub) {
        tcg_gen_sub_i64(n, a64_read_x(s, a->ra), n);
    } else {
        tcg_gen_add_i64(n, a64_read_x(s, a->ra), n);
    }
    a64_write_x(s, a->rd, n, true);
    return true;
}

static bool trans_SMADDL(DisasContext *s, arg_rrrr *a)
{
    return do_maddl(s, a, true, false);
}

static bool trans_SMSUBL(DisasContext *s, arg_rrrr *a)
{
    return do_maddl(s, a, true, true);
}

static bool trans_UMADDL(DisasContext *s, arg_rrrr *a)
{
    return do_maddl(s, a, false, false);
}

static bool trans_UMSUBL(DisasContext *s, arg_rrrr *a)
{
    return do_maddl(s, a, false, true);
}

static bool trans_SMULH(DisasContext *s, arg_rrr *a)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_mulsh_i64(t, a64_read_x(s, a->rn), a64_read_x(s, a->rm));
    a64_write_x(s, a->rd, t, true);
    return true;
}

static bool trans_UMULH(DisasContext *s, arg_rrr *a)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_muluh_i64(t, a64_read_x(s, a->rn), a64_read_x(s, a->rm));
    a64_write_x(s, a->rd, t, true);
    return true;
}
