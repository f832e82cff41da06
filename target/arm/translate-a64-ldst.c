/*
 * translate-a64-ldst.c — A64 "Loads and Stores" (Arm ARM DDI 0487, C4.1;
 * instructions in C6.2 and C7.2), decoded by a64-ldst.decode: every
 * addressing form of the general and SIMD&FP register loads and stores,
 * exclusives, load-acquire/store-release, LSE atomics and compare-and-swap,
 * and the Advanced SIMD structure loads and stores.
 *
 * Addresses: the base is Xn or SP; the access uses the address after Top
 * Byte Ignore (a64_clean_addr) while writeback keeps the tagged value.
 * Every access goes through the block's MMU index (LDTR/STTR: the
 * unprivileged one) and data byte order. Loads complete into temps and
 * registers are written after the last access, so a fault leaves them
 * untouched; writeback happens after the accesses too.
 *
 * CONSTRAINED UNPREDICTABLE choices (Arm ARM K1.2):
 *  - load with writeback and Rt == Rn (Rn != SP): the base is written back,
 *    then Rt receives the loaded value (the load wins);
 *  - store with writeback and Rt == Rn: the value stored is Rt before the
 *    writeback;
 *  - LDP/LDXP with Rt == Rt2: Rt2's value wins;
 *  - STXR/STXP/CAS with Rs equal to Rt, Rt2 or Rn: the operands are read
 *    before Rs is written.
 * The base of every access goes through a64_ldst_base(), which makes the
 * SP alignment check of SCTLR_ELx.SA/SA0 when the base is SP.
 */
#include "util/osdep.h"
#include "target/arm/translate-a64.h"
#include "target/arm/helper-a64.h"

#include "target/arm/decode-a64-ldst.c.inc"

bool a64_translate_ldst(DisasContext *s, uint32_t insn)
{
    return decode_a64_ldst(s, insn);
}

/* ---------------------------------------------------------------------- */
/* Common pieces                                                           */

/* The dirty (tagged) address Xn|SP + offset, as a new temp. */
static TCGv_i64 gen_base_plus(DisasContext *s, int rn, int64_t offset)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_addi_i64(t, a64_ldst_base(s, rn), offset);
    return t;
}

/*
 * Address of an immediate-offset form: returns the clean address of the
 * access and leaves in *wb_val the value to write back (NULL if none).
 */
static TCGv_i64 gen_imm_addr(DisasContext *s, int rn, int64_t offset,
                             bool wb, bool post, TCGv_i64 *wb_val)
{
    TCGv_i64 dirty;

    if (post) {
        dirty = gen_base_plus(s, rn, 0);
        *wb_val = gen_base_plus(s, rn, offset);
    } else {
        dirty = gen_base_plus(s, rn, offset);
        *wb_val = wb ? dirty : NULL;
    }
    return a64_clean_addr(s, dirty);
}

static void gen_writeback(DisasContext *s, int rn, TCGv_i64 wb_val)
{
    if (wb_val) {
        tcg_gen_mov_i64(cpu_X[rn], wb_val);
    }
}

/* A load of one general register: dest gets the value, sign-extended to
 * 64 or 32 bits (sf) if is_signed. */
static void gen_load_gpr(DisasContext *s, TCGv_i64 dest, TCGv_i64 addr,
                         int sz, bool is_signed, bool sf, int mmu_idx)
{
    MemOp op = sz | (is_signed ? MO_SIGN : 0);

    a64_gen_ld_idx(s, dest, addr, op, mmu_idx);
    if (is_signed && !sf) {
        tcg_gen_ext32u_i64(dest, dest);
    }
}

/* ---------------------------------------------------------------------- */
/* Load register (literal)                                                 */

static bool trans_LDR_lit(DisasContext *s, arg_ldlit *a)
{
    TCGv_i64 addr = tcg_constant_i64((int64_t)(s->pc_curr + (int64_t)a->imm * 4));
    TCGv_i64 t = tcg_temp_new_i64();

    a64_set_insn_syndrome(s, a64_iss_ldst(a->sz, false, a->rt, a->sz == 3,
                                          false));
    a64_gen_ld(s, t, addr, a->sz);
    a64_write_x(s, a->rt, t, true);
    return true;
}

static bool trans_LDRSW_lit(DisasContext *s, arg_LDRSW_lit *a)
{
    TCGv_i64 addr = tcg_constant_i64((int64_t)(s->pc_curr + (int64_t)a->imm * 4));
    TCGv_i64 t = tcg_temp_new_i64();

    a64_set_insn_syndrome(s, a64_iss_ldst(2, true, a->rt, true, false));
    a64_gen_ld(s, t, addr, MO_SL);
    a64_write_x(s, a->rt, t, true);
    return true;
}

static bool trans_PRFM_lit(DisasContext *s, arg_PRFM_lit *a)
{
    return true;
}

/* ---------------------------------------------------------------------- */
/* SIMD&FP register loads and stores (B/H/S/D/Q)                           */

/* Loads 1 << sz bytes at addr into V<rt> (zeroing the rest). */
static void gen_load_vreg(DisasContext *s, int rt, TCGv_i64 addr, int sz)
{
    TCGv_i64 lo = tcg_temp_new_i64();

    if (sz < 4) {
        a64_gen_ld(s, lo, addr, sz);
        tcg_gen_st_i64(lo, tcg_env, a64_vreg_half_offset(rt, 0));
        a64_clear_vreg_high(rt, false);
    } else {
        TCGv_i64 hi = tcg_temp_new_i64();
        TCGv_i64 a8 = tcg_temp_new_i64();
        MemOp first = MO_64 | (s->align_check ? MO_ALIGN_16 : 0);

        tcg_gen_addi_i64(a8, addr, 8);
        if (s->be_data == MO_BE) {
            a64_gen_ld(s, hi, addr, first);
            a64_gen_ld(s, lo, a8, MO_64);
        } else {
            a64_gen_ld(s, lo, addr, first);
            a64_gen_ld(s, hi, a8, MO_64);
        }
        tcg_gen_st_i64(lo, tcg_env, a64_vreg_half_offset(rt, 0));
        tcg_gen_st_i64(hi, tcg_env, a64_vreg_half_offset(rt, 1));
    }
}

static void gen_store_vreg(DisasContext *s, int rt, TCGv_i64 addr, int sz)
{
    TCGv_i64 lo = tcg_temp_new_i64();

    if (sz < 4) {
        a64_read_vreg_elt(lo, rt, 0, sz);
        a64_gen_st(s, lo, addr, sz);
    } else {
        TCGv_i64 hi = tcg_temp_new_i64();
        TCGv_i64 a8 = tcg_temp_new_i64();
        MemOp first = MO_64 | (s->align_check ? MO_ALIGN_16 : 0);

        tcg_gen_ld_i64(lo, tcg_env, a64_vreg_half_offset(rt, 0));
        tcg_gen_ld_i64(hi, tcg_env, a64_vreg_half_offset(rt, 1));
        tcg_gen_addi_i64(a8, addr, 8);
        if (s->be_data == MO_BE) {
            a64_gen_st(s, hi, addr, first);
            a64_gen_st(s, lo, a8, MO_64);
        } else {
            a64_gen_st(s, lo, addr, first);
            a64_gen_st(s, hi, a8, MO_64);
        }
    }
}

static bool trans_LDR_v_lit(DisasContext *s, arg_ldlit *a)
{
    if (!a64_fp_access_check(s)) {
        return true;
    }
    gen_load_vreg(s, a->rt,
                  tcg_constant_i64((int64_t)(s->pc_curr + (int64_t)a->imm * 4)),
                  a->sz);
    return true;
}

/* ---------------------------------------------------------------------- */
/* Load/store register: immediate, unsigned offset, register offset        */

static bool do_ldst_imm(DisasContext *s, int rt, int rn, int64_t offset,
                        int sz, bool wb, bool post, bool unpriv, bool is_load,
                        bool is_signed, bool sf)
{
    int mmu_idx = unpriv ? s->unpriv_mmu_idx : s->mmu_idx;
    TCGv_i64 wb_val, addr;

    addr = gen_imm_addr(s, rn, offset, wb, post, &wb_val);
    if (!wb) {
        a64_set_insn_syndrome(s, a64_iss_ldst(sz, is_signed, rt,
                                              is_load ? (sz == 3 || sf) : sz == 3,
                                              false));
    }
    if (is_load) {
        TCGv_i64 t = tcg_temp_new_i64();

        gen_load_gpr(s, t, addr, sz, is_signed, sf, mmu_idx);
        gen_writeback(s, rn, wb_val);
        a64_write_x(s, rt, t, true);
    } else {
        a64_gen_st_idx(s, a64_read_x(s, rt), addr, sz, mmu_idx);
        gen_writeback(s, rn, wb_val);
    }
    return true;
}

static bool trans_STR_i(DisasContext *s, arg_ldst_imm *a)
{
    return do_ldst_imm(s, a->rt, a->rn, a->imm, a->sz, a->wb, a->post,
                       a->unpriv, false, false, false);
}

static bool trans_LDR_i(DisasContext *s, arg_ldst_imm *a)
{
    return do_ldst_imm(s, a->rt, a->rn, a->imm, a->sz, a->wb, a->post,
                       a->unpriv, true, false, false);
}

static bool trans_LDRS_i(DisasContext *s, arg_ldsts_imm *a)
{
    return do_ldst_imm(s, a->rt, a->rn, a->imm, a->sz, a->wb, a->post,
                       a->unpriv, true, true, a->sf);
}

static bool trans_PRFUM(DisasContext *s, arg_PRFUM *a)
{
    return true;
}

static bool trans_STR_u(DisasContext *s, arg_ldst_imm *a)
{
    return do_ldst_imm(s, a->rt, a->rn, (int64_t)a->imm << a->sz, a->sz,
                       false, false, false, false, false, false);
}

static bool trans_LDR_u(DisasContext *s, arg_ldst_imm *a)
{
    return do_ldst_imm(s, a->rt, a->rn, (int64_t)a->imm << a->sz, a->sz,
                       false, false, false, true, false, false);
}

static bool trans_LDRS_u(DisasContext *s, arg_ldsts_imm *a)
{
    return do_ldst_imm(s, a->rt, a->rn, (int64_t)a->imm << a->sz, a->sz,
                       false, false, false, true, true, a->sf);
}

static bool trans_PRFM_u(DisasContext *s, arg_PRFM_u *a)
{
    return true;
}

/* Xn|SP + ExtendReg(Xm, opt, s ? sz : 0), cleaned; NULL if opt is
 * unallocated (option<1> == 0). */
static TCGv_i64 gen_reg_offset_addr(DisasContext *s, int rn, int rm, int opt,
                                    bool shift, int sz)
{
    TCGv_i64 off, t;
    unsigned sh = shift ? sz : 0;

    if (!(opt & 2)) {
        return NULL;
    }
    off = tcg_temp_new_i64();
    switch (opt) {
    case 2: tcg_gen_ext32u_i64(off, a64_read_x(s, rm)); break;  /* UXTW */
    case 6: tcg_gen_ext32s_i64(off, a64_read_x(s, rm)); break;  /* SXTW */
    default: tcg_gen_mov_i64(off, a64_read_x(s, rm)); break;    /* LSL, SXTX */
    }
    if (sh) {
        tcg_gen_shli_i64(off, off, sh);
    }
    t = tcg_temp_new_i64();
    tcg_gen_add_i64(t, a64_ldst_base(s, rn), off);
    return a64_clean_addr(s, t);
}

static bool do_ldst_reg(DisasContext *s, int rt, int rn, int rm, int sz,
                        int opt, bool shift, bool is_load, bool is_signed,
                        bool sf)
{
    TCGv_i64 addr = gen_reg_offset_addr(s, rn, rm, opt, shift, sz);

    if (!addr) {
        return false;
    }
    a64_set_insn_syndrome(s, a64_iss_ldst(sz, is_signed, rt,
                                          is_load ? (sz == 3 || sf) : sz == 3,
                                          false));
    if (is_load) {
        TCGv_i64 t = tcg_temp_new_i64();

        gen_load_gpr(s, t, addr, sz, is_signed, sf, s->mmu_idx);
        a64_write_x(s, rt, t, true);
    } else {
        a64_gen_st(s, a64_read_x(s, rt), addr, sz);
    }
    return true;
}

static bool trans_STR_r(DisasContext *s, arg_ldst_reg *a)
{
    return do_ldst_reg(s, a->rt, a->rn, a->rm, a->sz, a->opt, a->s, false,
                       false, false);
}

static bool trans_LDR_r(DisasContext *s, arg_ldst_reg *a)
{
    return do_ldst_reg(s, a->rt, a->rn, a->rm, a->sz, a->opt, a->s, true,
                       false, false);
}

static bool trans_LDRS_r(DisasContext *s, arg_ldsts_reg *a)
{
    return do_ldst_reg(s, a->rt, a->rn, a->rm, a->sz, a->opt, a->s, true,
                       true, a->sf);
}

static bool trans_PRFM_r(DisasContext *s, arg_PRFM_r *a)
{
    return (a->opt & 2) != 0;
}

/* SIMD&FP forms */

static bool do_ldst_v_imm(DisasContext *s, arg_ldst_imm *a, int64_t offset,
                          bool is_load)
{
    TCGv_i64 wb_val, addr;

    if (!a64_fp_access_check(s)) {
        return true;
    }
    addr = gen_imm_addr(s, a->rn, offset, a->wb, a->post, &wb_val);
    if (is_load) {
        gen_load_vreg(s, a->rt, addr, a->sz);
    } else {
        gen_store_vreg(s, a->rt, addr, a->sz);
    }
    gen_writeback(s, a->rn, wb_val);
    return true;
}

static bool trans_STR_v_i(DisasContext *s, arg_ldst_imm *a)
{
    return do_ldst_v_imm(s, a, a->imm, false);
}

static bool trans_LDR_v_i(DisasContext *s, arg_ldst_imm *a)
{
    return do_ldst_v_imm(s, a, a->imm, true);
}

static bool trans_STR_v_u(DisasContext *s, arg_ldst_imm *a)
{
    return do_ldst_v_imm(s, a, (int64_t)a->imm << a->sz, false);
}

static bool trans_LDR_v_u(DisasContext *s, arg_ldst_imm *a)
{
    return do_ldst_v_imm(s, a, (int64_t)a->imm << a->sz, true);
}

static bool do_ldst_v_reg(DisasContext *s, arg_ldst_reg *a, bool is_load)
{
    TCGv_i64 addr;

    if (!(a->opt & 2)) {
        return false;
    }
    if (!a64_fp_access_check(s)) {
        return true;
    }
    addr = gen_reg_offset_addr(s, a->rn, a->rm, a->opt, a->s, a->sz);
    if (is_load) {
        gen_load_vreg(s, a->rt, addr, a->sz);
    } else {
        gen_store_vreg(s, a->rt, addr, a->sz);
    }
    return true;
}

static bool trans_STR_v_r(DisasContext *s, arg_ldst_reg *a)
{
    return do_ldst_v_reg(s, a, false);
}

static bool trans_LDR_v_r(DisasContext *s, arg_ldst_reg *a)
{
    return do_ldst_v_reg(s, a, true);
}

/* ---------------------------------------------------------------------- */
/* Load/store pair                                                         */

static bool trans_STP(DisasContext *s, arg_ldstpair *a)
{
    int64_t offset = (int64_t)a->imm << a->sz;
    TCGv_i64 wb_val, addr, a2;
    TCGv_i64 v1 = tcg_temp_new_i64(), v2 = tcg_temp_new_i64();

    addr = gen_imm_addr(s, a->rn, offset, a->wb, a->post, &wb_val);
    tcg_gen_mov_i64(v1, a64_read_x(s, a->rt));
    tcg_gen_mov_i64(v2, a64_read_x(s, a->rt2));
    a2 = tcg_temp_new_i64();
    tcg_gen_addi_i64(a2, addr, 1 << a->sz);
    a64_gen_st(s, v1, addr, a->sz);
    a64_gen_st(s, v2, a2, a->sz);
    gen_writeback(s, a->rn, wb_val);
    return true;
}

static bool do_ldp(DisasContext *s, arg_ldstpair *a, bool is_signed)
{
    int64_t offset = (int64_t)a->imm << a->sz;
    TCGv_i64 wb_val, addr, a2;
    TCGv_i64 v1 = tcg_temp_new_i64(), v2 = tcg_temp_new_i64();
    MemOp op = a->sz | (is_signed ? MO_SIGN : 0);

    addr = gen_imm_addr(s, a->rn, offset, a->wb, a->post, &wb_val);
    a2 = tcg_temp_new_i64();
    tcg_gen_addi_i64(a2, addr, 1 << a->sz);
    a64_gen_ld(s, v1, addr, op);
    a64_gen_ld(s, v2, a2, op);
    gen_writeback(s, a->rn, wb_val);
    a64_write_x(s, a->rt, v1, true);
    a64_write_x(s, a->rt2, v2, true);
    return true;
}

static bool trans_LDP(DisasContext *s, arg_ldstpair *a)
{
    return do_ldp(s, a, false);
}

static bool trans_LDPSW(DisasContext *s, arg_ldstpair *a)
{
    return do_ldp(s, a, true);
}

static bool do_ldstp_v(DisasContext *s, arg_ldstpair *a, bool is_load)
{
    int64_t offset = (int64_t)a->imm << a->sz;
    TCGv_i64 wb_val, addr, a2;

    if (!a64_fp_access_check(s)) {
        return true;
    }
    addr = gen_imm_addr(s, a->rn, offset, a->wb, a->post, &wb_val);
    a2 = tcg_temp_new_i64();
    tcg_gen_addi_i64(a2, addr, 1 << a->sz);
    if (is_load) {
        gen_load_vreg(s, a->rt, addr, a->sz);
        gen_load_vreg(s, a->rt2, a2, a->sz);
    } else {
        gen_store_vreg(s, a->rt, addr, a->sz);
        gen_store_vreg(s, a->rt2, a2, a->sz);
    }
    gen_writeback(s, a->rn, wb_val);
    return true;
}

static bool trans_STP_v(DisasContext *s, arg_ldstpair *a)
{
    return do_ldstp_v(s, a, false);
}

static bool trans_LDP_v(DisasContext *s, arg_ldstpair *a)
{
    return do_ldstp_v(s, a, true);
}

/* ---------------------------------------------------------------------- */
/* Exclusives (Arm ARM B2.9)                                               */

/*
 * The monitor is (exclusive_addr, exclusive_val[, exclusive_high]): LDXR
 * remembers the address and the value it read; STXR succeeds only if the
 * address matches and memory still holds that value, checked and stored
 * with one atomic compare-and-swap, so it is correct across vCPUs.
 * A store by another vCPU of the value already there would go unnoticed
 * (ABA), so in addition STXR fails if any other vCPU ran since the LDXR
 * (helper_a64_excl_lost): vCPUs take turns in time slices, so a remote
 * store can only happen then. Losing the monitor without a conflicting
 * store is allowed (Arm ARM B2.9.5: software retries), and an LDXR/STXR
 * pair inside one time slice still succeeds, which keeps forward progress.
 */

static void gen_mb_acq(void)
{
    tcg_gen_mb(TCG_MO_ALL | TCG_BAR_LDAQ);
}

static void gen_mb_rel(void)
{
    tcg_gen_mb(TCG_MO_ALL | TCG_BAR_STRL);
}

static bool trans_LDXR(DisasContext *s, arg_LDXR *a)
{
    TCGv_i64 addr = a64_clean_addr(s, a64_ldst_base(s, a->rn));
    TCGv_i64 t = tcg_temp_new_i64();

    a64_gen_ld(s, t, addr, a->sz | MO_ALIGN);
    tcg_gen_mov_i64(cpu_exclusive_addr, addr);
    tcg_gen_mov_i64(cpu_exclusive_val, t);
    tcg_gen_call(&helper_info_a64_excl_mark, NULL, tcg_env);
    a64_write_x(s, a->rt, t, true);
    if (a->acq) {
        gen_mb_acq();
    }
    return true;
}

/* Rs = 0 if the store happened, 1 if not; the monitor is cleared. */
static void gen_store_exclusive(DisasContext *s, int rs, TCGv_i64 addr,
                                TCGv_i64 newv, MemOp op)
{
    TCGLabel *l_fail = gen_new_label();
    TCGLabel *l_done = gen_new_label();
    TCGv_i64 old = tcg_temp_new_i64();
    TCGv_i64 res = tcg_temp_new_i64();
    TCGv_i64 lost = tcg_temp_new_i64();

    tcg_gen_brcond_i64(TCG_COND_NE, addr, cpu_exclusive_addr, l_fail);
    tcg_gen_call(&helper_info_a64_excl_lost, lost, tcg_env);
    tcg_gen_brcondi_i64(TCG_COND_NE, lost, 0, l_fail);
    tcg_gen_atomic_cmpxchg_i64(old, addr, cpu_exclusive_val, newv, s->mmu_idx,
                               a64_memop(s, op | MO_ALIGN));
    tcg_gen_setcond_i64(TCG_COND_NE, res, old, cpu_exclusive_val);
    a64_write_x(s, rs, res, true);
    tcg_gen_br(l_done);
    tcg_gen_set_label(l_fail);
    a64_write_x(s, rs, tcg_constant_i64(1), true);
    tcg_gen_set_label(l_done);
    tcg_gen_movi_i64(cpu_exclusive_addr, -1);
}

static bool trans_STXR(DisasContext *s, arg_STXR *a)
{
    TCGv_i64 addr = tcg_temp_new_i64();
    TCGv_i64 v = tcg_temp_new_i64();

    if (a->rel) {
        gen_mb_rel();
    }
    tcg_gen_mov_i64(addr, a64_clean_addr(s, a64_ldst_base(s, a->rn)));
    tcg_gen_mov_i64(v, a64_read_x(s, a->rt));
    gen_store_exclusive(s, a->rs, addr, v, a->sz);
    return true;
}

static bool trans_LDXP(DisasContext *s, arg_LDXP *a)
{
    TCGv_i64 addr = tcg_temp_new_i64();
    TCGv_i64 v1 = tcg_temp_new_i64(), v2 = tcg_temp_new_i64();

    tcg_gen_mov_i64(addr, a64_clean_addr(s, a64_ldst_base(s, a->rn)));
    if (!a->sf) {
        /* Two W registers: one 64-bit single-copy-atomic access. */
        TCGv_i64 t = tcg_temp_new_i64();

        a64_gen_ld(s, t, addr, MO_64 | MO_ALIGN);
        tcg_gen_mov_i64(cpu_exclusive_val, t);
        if (s->be_data == MO_BE) {
            tcg_gen_extract_i64(v1, t, 32, 32);
            tcg_gen_ext32u_i64(v2, t);
        } else {
            tcg_gen_ext32u_i64(v1, t);
            tcg_gen_extract_i64(v2, t, 32, 32);
        }
    } else {
        TCGv_i64 a8 = tcg_temp_new_i64();

        tcg_gen_addi_i64(a8, addr, 8);
        a64_gen_ld(s, v1, addr, MO_64 | MO_ALIGN_16);
        a64_gen_ld(s, v2, a8, MO_64);
        tcg_gen_mov_i64(cpu_exclusive_val, v1);
        tcg_gen_mov_i64(cpu_exclusive_high, v2);
    }
    tcg_gen_mov_i64(cpu_exclusive_addr, addr);
    tcg_gen_call(&helper_info_a64_excl_mark, NULL, tcg_env);
    a64_write_x(s, a->rt, v1, true);
    a64_write_x(s, a->rt2, v2, true);
    if (a->acq) {
        gen_mb_acq();
    }
    return true;
}

static bool trans_STXP(DisasContext *s, arg_STXP *a)
{
    TCGv_i64 addr = tcg_temp_new_i64();

    if (a->rel) {
        gen_mb_rel();
    }
    tcg_gen_mov_i64(addr, a64_clean_addr(s, a64_ldst_base(s, a->rn)));
    if (!a->sf) {
        TCGv_i64 v = tcg_temp_new_i64();

        if (s->be_data == MO_BE) {
            tcg_gen_deposit_i64(v, a64_read_x(s, a->rt2), a64_read_x(s, a->rt),
                                32, 32);
        } else {
            tcg_gen_deposit_i64(v, a64_read_x(s, a->rt), a64_read_x(s, a->rt2),
                                32, 32);
        }
        gen_store_exclusive(s, a->rs, addr, v, MO_64);
    } else {
        TCGLabel *l_fail = gen_new_label();
        TCGLabel *l_done = gen_new_label();
        TCGv_i64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
        TCGv_i64 res = tcg_temp_new_i64();
        uint32_t desc = (s->mmu_idx << 10) | (s->be_data == MO_BE ? 1u << 14 : 0);

        tcg_gen_mov_i64(lo, a64_read_x(s, a->rt));
        tcg_gen_mov_i64(hi, a64_read_x(s, a->rt2));
        tcg_gen_brcond_i64(TCG_COND_NE, addr, cpu_exclusive_addr, l_fail);
        tcg_gen_call(&helper_info_a64_excl_lost, res, tcg_env);
        tcg_gen_brcondi_i64(TCG_COND_NE, res, 0, l_fail);
        tcg_gen_call(&helper_info_a64_stxp128, res, tcg_env, addr, lo, hi,
                     tcg_constant_i32((int32_t)desc));
        a64_write_x(s, a->rs, res, true);
        tcg_gen_br(l_done);
        tcg_gen_set_label(l_fail);
        a64_write_x(s, a->rs, tcg_constant_i64(1), true);
        tcg_gen_set_label(l_done);
        tcg_gen_movi_i64(cpu_exclusive_addr, -1);
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Compare and swap (FEAT_LSE)                                             */

static bool trans_CAS(DisasContext *s, arg_CAS *a)
{
    TCGv_i64 addr, cmp, newv, old;

    if (!isar_feature_aa64_atomics(s->isar)) {
        return false;
    }
    if (a->rel) {
        gen_mb_rel();
    }
    addr = tcg_temp_new_i64();
    cmp = tcg_temp_new_i64();
    newv = tcg_temp_new_i64();
    old = tcg_temp_new_i64();
    tcg_gen_mov_i64(addr, a64_clean_addr(s, a64_ldst_base(s, a->rn)));
    tcg_gen_mov_i64(cmp, a64_read_x(s, a->rs));
    tcg_gen_mov_i64(newv, a64_read_x(s, a->rt));
    tcg_gen_atomic_cmpxchg_i64(old, addr, cmp, newv, s->mmu_idx,
                               a64_memop(s, a->sz | MO_ALIGN));
    a64_write_x(s, a->rs, old, true);
    if (a->acq) {
        gen_mb_acq();
    }
    return true;
}

static bool trans_CASP(DisasContext *s, arg_CASP *a)
{
    TCGv_i64 addr;

    if (!isar_feature_aa64_atomics(s->isar) || (a->rs & 1) || (a->rt & 1)) {
        return false;
    }
    if (a->rel) {
        gen_mb_rel();
    }
    addr = tcg_temp_new_i64();
    tcg_gen_mov_i64(addr, a64_clean_addr(s, a64_ldst_base(s, a->rn)));
    if (!a->sf) {
        /* W pair: one 64-bit compare-and-swap. */
        TCGv_i64 cmp = tcg_temp_new_i64(), newv = tcg_temp_new_i64();
        TCGv_i64 old = tcg_temp_new_i64();
        TCGv_i64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
        bool be = s->be_data == MO_BE;

        tcg_gen_deposit_i64(cmp, a64_read_x(s, be ? a->rs + 1 : a->rs),
                            a64_read_x(s, be ? a->rs : a->rs + 1), 32, 32);
        tcg_gen_deposit_i64(newv, a64_read_x(s, be ? a->rt + 1 : a->rt),
                            a64_read_x(s, be ? a->rt : a->rt + 1), 32, 32);
        tcg_gen_atomic_cmpxchg_i64(old, addr, cmp, newv, s->mmu_idx,
                                   a64_memop(s, MO_64 | MO_ALIGN));
        tcg_gen_ext32u_i64(lo, old);
        tcg_gen_extract_i64(hi, old, 32, 32);
        a64_write_x(s, a->rs, be ? hi : lo, true);
        a64_write_x(s, a->rs + 1, be ? lo : hi, true);
    } else {
        uint32_t desc = a->rs | (a->rt << 5) | (s->mmu_idx << 10) |
                        (s->be_data == MO_BE ? 1u << 14 : 0);

        tcg_gen_call(&helper_info_a64_casp128, NULL, tcg_env, addr,
                     tcg_constant_i32((int32_t)desc));
    }
    if (a->acq) {
        gen_mb_acq();
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Load-acquire / store-release                                            */

static bool do_ldar(DisasContext *s, int rt, int rn, int sz, int64_t offset,
                    bool is_signed, bool sf)
{
    TCGv_i64 addr = a64_clean_addr(s, gen_base_plus(s, rn, offset));
    TCGv_i64 t = tcg_temp_new_i64();

    a64_set_insn_syndrome(s, a64_iss_ldst(sz, is_signed, rt,
                                          sz == 3 || sf, true));
    gen_load_gpr(s, t, addr, sz, is_signed, sf, s->mmu_idx);
    gen_mb_acq();
    a64_write_x(s, rt, t, true);
    return true;
}

static bool do_stlr(DisasContext *s, int rt, int rn, int sz, int64_t offset)
{
    TCGv_i64 addr = a64_clean_addr(s, gen_base_plus(s, rn, offset));

    a64_set_insn_syndrome(s, a64_iss_ldst(sz, false, rt, sz == 3, true));
    gen_mb_rel();
    a64_gen_st(s, a64_read_x(s, rt), addr, sz);
    return true;
}

static bool trans_LDAR(DisasContext *s, arg_ldst_ord *a)
{
    return do_ldar(s, a->rt, a->rn, a->sz, 0, false, false);
}

/* LDLAR/STLLR: LORegions are not implemented, so they behave as LDAR/STLR
 * (FEAT_LOR is optional only from Armv8.1 and the limited ordering is a
 * subset of full acquire/release). */
static bool trans_LDLAR(DisasContext *s, arg_ldst_ord *a)
{
    return do_ldar(s, a->rt, a->rn, a->sz, 0, false, false);
}

static bool trans_STLR(DisasContext *s, arg_ldst_ord *a)
{
    return do_stlr(s, a->rt, a->rn, a->sz, 0);
}

static bool trans_STLLR(DisasContext *s, arg_ldst_ord *a)
{
    return do_stlr(s, a->rt, a->rn, a->sz, 0);
}

static bool trans_LDAPR(DisasContext *s, arg_ldst_ord *a)
{
    if (!isar_feature_aa64_lrcpc(s->isar)) {
        return false;
    }
    return do_ldar(s, a->rt, a->rn, a->sz, 0, false, false);
}

static bool trans_STLUR(DisasContext *s, arg_ldst_imm *a)
{
    if (!isar_feature_aa64_lrcpc2(s->isar)) {
        return false;
    }
    return do_stlr(s, a->rt, a->rn, a->sz, a->imm);
}

static bool trans_LDAPUR(DisasContext *s, arg_ldst_imm *a)
{
    if (!isar_feature_aa64_lrcpc2(s->isar)) {
        return false;
    }
    return do_ldar(s, a->rt, a->rn, a->sz, a->imm, false, false);
}

static bool trans_LDAPURS(DisasContext *s, arg_ldsts_imm *a)
{
    if (!isar_feature_aa64_lrcpc2(s->isar)) {
        return false;
    }
    return do_ldar(s, a->rt, a->rn, a->sz, a->imm, true, a->sf);
}

/* ---------------------------------------------------------------------- */
/* Atomic memory operations (FEAT_LSE)                                     */

typedef void AtomicFetchFn(TCGv_i64, TCGv_i64, TCGv_i64, unsigned, MemOp);

static bool do_atomic(DisasContext *s, arg_atomic *a, AtomicFetchFn *fn,
                      bool invert, bool is_signed)
{
    TCGv_i64 addr, val, old;
    MemOp op = a->sz | MO_ALIGN | (is_signed ? MO_SIGN : 0);

    if (!isar_feature_aa64_atomics(s->isar)) {
        return false;
    }
    if (a->rel) {
        gen_mb_rel();
    }
    addr = tcg_temp_new_i64();
    val = tcg_temp_new_i64();
    old = tcg_temp_new_i64();
    tcg_gen_mov_i64(addr, a64_clean_addr(s, a64_ldst_base(s, a->rn)));
    if (invert) {
        tcg_gen_not_i64(val, a64_read_x(s, a->rs));
    } else {
        tcg_gen_mov_i64(val, a64_read_x(s, a->rs));
    }
    fn(old, addr, val, s->mmu_idx, a64_memop(s, op));
    if (is_signed) {
        /* The register gets the memory value zero-extended. */
        switch (a->sz) {
        case 0: tcg_gen_ext8u_i64(old, old); break;
        case 1: tcg_gen_ext16u_i64(old, old); break;
        case 2: tcg_gen_ext32u_i64(old, old); break;
        default: break;
        }
    }
    a64_write_x(s, a->rt, old, true);
    /* ST<op> (Rt = XZR) has no acquire semantics. */
    if (a->acq && a->rt != 31) {
        gen_mb_acq();
    }
    return true;
}

static bool trans_LDADD(DisasContext *s, arg_atomic *a)
{
    return do_atomic(s, a, tcg_gen_atomic_fetch_add_i64, false, false);
}

static bool trans_LDCLR(DisasContext *s, arg_atomic *a)
{
    return do_atomic(s, a, tcg_gen_atomic_fetch_and_i64, true, false);
}

static bool trans_LDEOR(DisasContext *s, arg_atomic *a)
{
    return do_atomic(s, a, tcg_gen_atomic_fetch_xor_i64, false, false);
}

static bool trans_LDSET(DisasContext *s, arg_atomic *a)
{
    return do_atomic(s, a, tcg_gen_atomic_fetch_or_i64, false, false);
}

static bool trans_LDSMAX(DisasContext *s, arg_atomic *a)
{
    return do_atomic(s, a, tcg_gen_atomic_fetch_smax_i64, false, true);
}

static bool trans_LDSMIN(DisasContext *s, arg_atomic *a)
{
    return do_atomic(s, a, tcg_gen_atomic_fetch_smin_i64, false, true);
}

static bool trans_LDUMAX(DisasContext *s, arg_atomic *a)
{
    return do_atomic(s, a, tcg_gen_atomic_fetch_umax_i64, false, false);
}

static bool trans_LDUMIN(DisasContext *s, arg_atomic *a)
{
    return do_atomic(s, a, tcg_gen_atomic_fetch_umin_i64, false, false);
}

static bool trans_SWP(DisasContext *s, arg_atomic *a)
{
    return do_atomic(s, a, tcg_gen_atomic_xchg_i64, false, false);
}

/* ---------------------------------------------------------------------- */
/* Load register with pointer authentication (FEAT_PAuth)                  */

static bool trans_LDRA(DisasContext *s, arg_LDRA *a)
{
    TCGv_i64 ptr, dirty, t;

    if (!isar_feature_aa64_pauth(s->isar)) {
        return false;
    }
    ptr = tcg_temp_new_i64();
    /* AUTDA (m=0) / AUTDB (m=1) of Xn with a zero modifier. */
    tcg_gen_call(&helper_info_a64_aut, ptr, tcg_env, a64_ldst_base(s, a->rn),
                 tcg_constant_i64(0), tcg_constant_i32(2 + a->m));
    dirty = tcg_temp_new_i64();
    tcg_gen_addi_i64(dirty, ptr, (int64_t)a->imm * 8);
    t = tcg_temp_new_i64();
    a64_gen_ld(s, t, a64_clean_addr(s, dirty), MO_64);
    if (a->wb) {
        tcg_gen_mov_i64(cpu_X[a->rn], dirty);
    }
    a64_write_x(s, a->rt, t, true);
    return true;
}

/* ---------------------------------------------------------------------- */
/* Advanced SIMD structure loads and stores                                */

/* Post-index writeback: by the transfer size (Rm = 31) or by Xm. */
static void gen_simd_writeback(DisasContext *s, int rn, int rm,
                               TCGv_i64 base, int64_t total)
{
    TCGv_i64 t = tcg_temp_new_i64();

    if (rm == 31) {
        tcg_gen_addi_i64(t, base, total);
    } else {
        tcg_gen_add_i64(t, base, cpu_X[rm]);
    }
    tcg_gen_mov_i64(cpu_X[rn], t);
}

/*
 * LD1-4 / ST1-4 (multiple structures): rpt groups of selem interleaved
 * registers, elements of 1 << sz bytes (Arm ARM C7.2, "LD1 (multiple
 * structures)" and shared/functions/memory).
 */
static bool do_ldst_mult(DisasContext *s, arg_ldst_mult *a, bool is_load)
{
    int ebytes = 1 << a->sz;
    int elements = (a->q ? 16 : 8) / ebytes;
    int64_t total = (int64_t)a->rpt * a->selem * (a->q ? 16 : 8);
    TCGv_i64 base, addr, t;
    int64_t off = 0;

    if (a->sz == 3 && !a->q && a->selem > 1) {
        return false;           /* reserved: .1D with LD2/3/4 */
    }
    if (!a64_fp_access_check(s)) {
        return true;
    }
    base = tcg_temp_new_i64();
    tcg_gen_mov_i64(base, a64_ldst_base(s, a->rn));
    addr = a64_clean_addr(s, base);
    t = tcg_temp_new_i64();

    if (a->selem == 1 && s->be_data == MO_LE && !s->align_check) {
        /* One register after the other, in memory order: little-endian
         * elements are just bytes, so move 8 at a time. */
        for (int r = 0; r < a->rpt; r++) {
            int tt = (a->rt + r) % 32;

            for (int h = 0; h < (a->q ? 2 : 1); h++) {
                TCGv_i64 ea = tcg_temp_new_i64();

                tcg_gen_addi_i64(ea, addr, off);
                if (is_load) {
                    a64_gen_ld(s, t, ea, MO_64);
                    tcg_gen_st_i64(t, tcg_env, a64_vreg_half_offset(tt, h));
                } else {
                    tcg_gen_ld_i64(t, tcg_env, a64_vreg_half_offset(tt, h));
                    a64_gen_st(s, t, ea, MO_64);
                }
                off += 8;
            }
            if (is_load && !a->q) {
                a64_clear_vreg_high(tt, false);
            }
        }
    } else {
        for (int r = 0; r < a->rpt; r++) {
            for (int e = 0; e < elements; e++) {
                for (int k = 0; k < a->selem; k++) {
                    int tt = (a->rt + r + k) % 32;
                    TCGv_i64 ea = tcg_temp_new_i64();

                    tcg_gen_addi_i64(ea, addr, off);
                    if (is_load) {
                        a64_gen_ld(s, t, ea, a->sz);
                        a64_write_vreg_elt(t, tt, e, a->sz);
                    } else {
                        a64_read_vreg_elt(t, tt, e, a->sz);
                        a64_gen_st(s, t, ea, a->sz);
                    }
                    off += ebytes;
                }
            }
        }
        if (is_load && !a->q) {
            for (int r = 0; r < a->rpt + a->selem - 1; r++) {
                a64_clear_vreg_high((a->rt + r) % 32, false);
            }
        }
    }
    if (a->wb) {
        gen_simd_writeback(s, a->rn, a->rm, base, total);
    }
    return true;
}

static bool trans_ST_mult(DisasContext *s, arg_ldst_mult *a)
{
    return do_ldst_mult(s, a, false);
}

static bool trans_LD_mult(DisasContext *s, arg_ldst_mult *a)
{
    return do_ldst_mult(s, a, true);
}

/*
 * LD1-4 / ST1-4 (single structure): one element of each of selem
 * registers. The lane index comes from Q:S:size, shortened by the
 * element size; the other lanes are unchanged.
 */
static bool do_ldst_single(DisasContext *s, arg_ldst_single *a, bool is_load)
{
    int scale = a->scale;
    int index;
    TCGv_i64 base, addr, t;

    switch (scale) {
    case 0:
        index = (a->q << 3) | (a->s << 2) | a->sz;
        break;
    case 1:
        if (a->sz & 1) {
            return false;
        }
        index = (a->q << 2) | (a->s << 1) | (a->sz >> 1);
        break;
    case 2:
        if (a->sz & 2) {
            return false;
        }
        if (!(a->sz & 1)) {
            index = (a->q << 1) | a->s;
        } else {
            if (a->s) {
                return false;
            }
            index = a->q;
            scale = 3;
        }
        break;
    default:
        return false;           /* replicate forms are LD_rep */
    }
    if (!a64_fp_access_check(s)) {
        return true;
    }
    base = tcg_temp_new_i64();
    tcg_gen_mov_i64(base, a64_ldst_base(s, a->rn));
    addr = a64_clean_addr(s, base);
    t = tcg_temp_new_i64();
    for (int k = 0; k < a->selem; k++) {
        int tt = (a->rt + k) % 32;
        TCGv_i64 ea = tcg_temp_new_i64();

        tcg_gen_addi_i64(ea, addr, k << scale);
        if (is_load) {
            a64_gen_ld(s, t, ea, scale);
            a64_write_vreg_elt(t, tt, index, scale);
        } else {
            a64_read_vreg_elt(t, tt, index, scale);
            a64_gen_st(s, t, ea, scale);
        }
    }
    if (a->wb) {
        gen_simd_writeback(s, a->rn, a->rm, base, a->selem << scale);
    }
    return true;
}

static bool trans_ST_single(DisasContext *s, arg_ldst_single *a)
{
    return do_ldst_single(s, a, false);
}

static bool trans_LD_single(DisasContext *s, arg_ldst_single *a)
{
    return do_ldst_single(s, a, true);
}

/* LD1R-LD4R: one element per register, replicated to all lanes. */
static bool trans_LD_rep(DisasContext *s, arg_ldst_rep *a)
{
    static const uint64_t rep[4] = {
        0x0101010101010101ull, 0x0001000100010001ull,
        0x0000000100000001ull, 1,
    };
    TCGv_i64 base, addr, t;

    if (!a64_fp_access_check(s)) {
        return true;
    }
    base = tcg_temp_new_i64();
    tcg_gen_mov_i64(base, a64_ldst_base(s, a->rn));
    addr = a64_clean_addr(s, base);
    t = tcg_temp_new_i64();
    for (int k = 0; k < a->selem; k++) {
        int tt = (a->rt + k) % 32;
        TCGv_i64 ea = tcg_temp_new_i64();

        tcg_gen_addi_i64(ea, addr, k << a->sz);
        a64_gen_ld(s, t, ea, a->sz);
        if (a->sz < 3) {
            tcg_gen_muli_i64(t, t, (int64_t)rep[a->sz]);
        }
        tcg_gen_st_i64(t, tcg_env, a64_vreg_half_offset(tt, 0));
        if (a->q) {
            tcg_gen_st_i64(t, tcg_env, a64_vreg_half_offset(tt, 1));
        } else {
            a64_clear_vreg_high(tt, false);
        }
    }
    if (a->wb) {
        gen_simd_writeback(s, a->rn, a->rm, base, a->selem << a->sz);
    }
    return true;
}
