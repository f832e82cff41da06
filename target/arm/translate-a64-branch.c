/*
 * translate-a64-branch.c — A64 "Branches, Exception Generating and System
 * instructions" (Arm ARM DDI 0487, C4.1; instructions in C6.2; system
 * instruction space in C5), decoded by a64-branch-sys.decode: branches,
 * SVC/HVC/SMC/BRK, ERET, hints, barriers, PSTATE writes, MRS/MSR and
 * SYS/SYSL through the system register table (sysreg.h).
 *
 * Branches end the block: direct ones chain (goto_tb), indirect ones look
 * the next block up from the new pc (DISAS_JUMP). Writes that may change
 * the TB flags end the block and return to the CPU loop.
 */
#include "util/osdep.h"
#include "util/log.h"
#include "target/arm/translate-a64.h"
#include "target/arm/helper-a64.h"
#include "target/arm/sysreg.h"

#include "target/arm/decode-a64-branch.c.inc"

bool a64_translate_branch(DisasContext *s, uint32_t insn)
{
    return decode_a64_branch(s, insn);
}

/* ID register fields the internals.h feature tests do not cover. */
static unsigned isar_field(uint64_t reg, int shift)
{
    return (reg >> shift) & 0xf;
}

/* ---------------------------------------------------------------------- */
/* Branches (immediate)                                                    */

static bool trans_B(DisasContext *s, arg_branch *a)
{
    a64_gen_goto_tb(s, 0, s->pc_curr + (int64_t)a->imm * 4);
    return true;
}

static bool trans_BL(DisasContext *s, arg_branch *a)
{
    tcg_gen_movi_i64(cpu_X[30], (int64_t)s->base.pc_next);
    a64_gen_goto_tb(s, 0, s->pc_curr + (int64_t)a->imm * 4);
    return true;
}

/* Ends the block with "if cond goes to target else falls through",
 * cond being a branch to l_taken already emitted. */
static void gen_cond_branch_tail(DisasContext *s, TCGLabel *l_taken,
                                 vaddr target)
{
    a64_gen_goto_tb(s, 0, s->base.pc_next);
    tcg_gen_set_label(l_taken);
    a64_gen_goto_tb(s, 1, target);
}

static bool trans_B_cond(DisasContext *s, arg_bcond *a)
{
    vaddr target = s->pc_curr + (int64_t)a->imm * 4;
    TCGLabel *l_taken;

    if ((a->cond >> 1) == 7) {
        a64_gen_goto_tb(s, 0, target);
        return true;
    }
    l_taken = gen_new_label();
    a64_gen_brcond_cc(a->cond, l_taken);
    gen_cond_branch_tail(s, l_taken, target);
    return true;
}

static bool trans_BC_cond(DisasContext *s, arg_bcond *a)
{
    /* FEAT_HBC: ID_AA64ISAR2_EL1.BC, bits 23:20. */
    if (isar_field(s->isar->id_aa64isar2, 20) == 0) {
        return false;
    }
    return trans_B_cond(s, a);
}

static bool do_cbz(DisasContext *s, arg_cbz *a, TCGCond cond)
{
    vaddr target = s->pc_curr + (int64_t)a->imm * 4;
    TCGLabel *l_taken = gen_new_label();
    TCGv_i64 t = a64_read_x_sf(s, a->rt, a->sf);

    tcg_gen_brcondi_i64(cond, t, 0, l_taken);
    gen_cond_branch_tail(s, l_taken, target);
    return true;
}

static bool trans_CBZ(DisasContext *s, arg_cbz *a)
{
    return do_cbz(s, a, TCG_COND_EQ);
}

static bool trans_CBNZ(DisasContext *s, arg_cbz *a)
{
    return do_cbz(s, a, TCG_COND_NE);
}

static bool do_tbz(DisasContext *s, arg_tbz *a, TCGCond cond)
{
    vaddr target = s->pc_curr + (int64_t)a->imm * 4;
    TCGLabel *l_taken = gen_new_label();
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_andi_i64(t, a64_read_x(s, a->rt), (int64_t)(1ull << a->bitpos));
    tcg_gen_brcondi_i64(cond, t, 0, l_taken);
    gen_cond_branch_tail(s, l_taken, target);
    return true;
}

static bool trans_TBZ(DisasContext *s, arg_tbz *a)
{
    return do_tbz(s, a, TCG_COND_EQ);
}

static bool trans_TBNZ(DisasContext *s, arg_tbz *a)
{
    return do_tbz(s, a, TCG_COND_NE);
}

/* ---------------------------------------------------------------------- */
/* Branches (register)                                                     */

/* Jumps to target; with link, X30 = next insn (target read first, so
 * BLR X30 works). */
static void gen_branch_reg(DisasContext *s, TCGv_i64 target, bool link)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_mov_i64(t, target);
    if (link) {
        tcg_gen_movi_i64(cpu_X[30], (int64_t)s->base.pc_next);
    }
    a64_gen_set_pc_tbi(s, t);
    s->base.is_jmp = DISAS_JUMP;
}

static bool trans_BR(DisasContext *s, arg_br *a)
{
    gen_branch_reg(s, a64_read_x(s, a->rn), false);
    return true;
}

static bool trans_BLR(DisasContext *s, arg_br *a)
{
    gen_branch_reg(s, a64_read_x(s, a->rn), true);
    return true;
}

static bool trans_RET(DisasContext *s, arg_br *a)
{
    gen_branch_reg(s, a64_read_x(s, a->rn), false);
    return true;
}

/* AUTIA/AUTIB of ptr with modifier (key 0 = IA, 1 = IB). */
static TCGv_i64 gen_auth_insn_ptr(DisasContext *s, TCGv_i64 ptr,
                                  TCGv_i64 modifier, int m)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_call(&helper_info_a64_aut, t, tcg_env, ptr, modifier,
                 tcg_constant_i32(m));
    return t;
}

static bool trans_BRAZ(DisasContext *s, arg_braz *a)
{
    if (!isar_feature_aa64_pauth(s->isar)) {
        return false;
    }
    gen_branch_reg(s, gen_auth_insn_ptr(s, a64_read_x(s, a->rn),
                                        tcg_constant_i64(0), a->m), false);
    return true;
}

static bool trans_BLRAZ(DisasContext *s, arg_braz *a)
{
    if (!isar_feature_aa64_pauth(s->isar)) {
        return false;
    }
    gen_branch_reg(s, gen_auth_insn_ptr(s, a64_read_x(s, a->rn),
                                        tcg_constant_i64(0), a->m), true);
    return true;
}

static bool trans_RETA(DisasContext *s, arg_key *a)
{
    if (!isar_feature_aa64_pauth(s->isar)) {
        return false;
    }
    gen_branch_reg(s, gen_auth_insn_ptr(s, cpu_X[30], cpu_X[31], a->m),
                   false);
    return true;
}

static bool trans_BRA(DisasContext *s, arg_bra *a)
{
    if (!isar_feature_aa64_pauth(s->isar)) {
        return false;
    }
    gen_branch_reg(s, gen_auth_insn_ptr(s, a64_read_x(s, a->rn),
                                        a64_read_xsp(s, a->rm), a->m), false);
    return true;
}

static bool trans_BLRA(DisasContext *s, arg_bra *a)
{
    if (!isar_feature_aa64_pauth(s->isar)) {
        return false;
    }
    gen_branch_reg(s, gen_auth_insn_ptr(s, a64_read_x(s, a->rn),
                                        a64_read_xsp(s, a->rm), a->m), true);
    return true;
}

/* ERET: PSTATE from SPSR_ELx, pc from ELR_ELx (Arm ARM D1.11). */
static void gen_eret(DisasContext *s, TCGv_i64 new_pc)
{
    a64_gen_set_pc_im(s->pc_curr);
    tcg_gen_call(&helper_info_exception_return, NULL, tcg_env, new_pc);
    s->base.is_jmp = DISAS_EXIT;
}

static bool trans_ERET(DisasContext *s, arg_empty *a)
{
    TCGv_i64 elr;

    if (s->current_el == 0) {
        return false;
    }
    elr = tcg_temp_new_i64();
    tcg_gen_ld_i64(elr, tcg_env, offsetof(CPUARMState, elr_el[s->current_el]));
    gen_eret(s, elr);
    return true;
}

static bool trans_ERETA(DisasContext *s, arg_key *a)
{
    TCGv_i64 elr;

    if (!isar_feature_aa64_pauth(s->isar) || s->current_el == 0) {
        return false;
    }
    elr = tcg_temp_new_i64();
    tcg_gen_ld_i64(elr, tcg_env, offsetof(CPUARMState, elr_el[s->current_el]));
    gen_eret(s, gen_auth_insn_ptr(s, elr, cpu_X[31], a->m));
    return true;
}

/* Debug state is not modelled: DRPS and DCPSn are UNDEFINED outside it. */
static bool trans_DRPS(DisasContext *s, arg_empty *a)
{
    return false;
}

static bool trans_DCPS(DisasContext *s, arg_DCPS *a)
{
    return false;
}

/* ---------------------------------------------------------------------- */
/* Exception generation                                                    */

static bool trans_SVC(DisasContext *s, arg_exc *a)
{
    a64_gen_exception_insn_next(s, EXCP_SWI, syn_aa64_svc(a->imm), 0);
    return true;
}

static bool trans_HVC(DisasContext *s, arg_exc *a)
{
    if (s->current_el == 0) {
        return false;
    }
    /* The helper handles PSCI calls, raises the HVC exception or makes
     * the instruction UNDEFINED (EL2 absent or disabled). */
    a64_gen_set_pc_im(s->base.pc_next);
    tcg_gen_call(&helper_info_hvc, NULL, tcg_env,
                 tcg_constant_i32(a->imm));
    s->base.is_jmp = DISAS_EXIT;
    return true;
}

static bool trans_SMC(DisasContext *s, arg_exc *a)
{
    if (s->current_el == 0) {
        return false;
    }
    a64_gen_set_pc_im(s->base.pc_next);
    tcg_gen_call(&helper_info_smc, NULL, tcg_env,
                 tcg_constant_i32(a->imm));
    s->base.is_jmp = DISAS_EXIT;
    return true;
}

static bool trans_BRK(DisasContext *s, arg_exc *a)
{
    a64_gen_exception_insn(s, EXCP_BKPT, syn_aa64_bkpt(a->imm), 0);
    return true;
}

/* HLT is only for semihosting (not supported): UNDEFINED. */
static bool trans_HLT(DisasContext *s, arg_exc *a)
{
    return false;
}

/* ---------------------------------------------------------------------- */
/* Hints                                                                   */

static bool trans_WFET(DisasContext *s, arg_wfxt *a)
{
    return false;       /* FEAT_WFxT not implemented */
}

static bool trans_WFIT(DisasContext *s, arg_wfxt *a)
{
    return false;
}

static bool trans_NOP(DisasContext *s, arg_empty *a)
{
    return true;
}

static bool trans_YIELD(DisasContext *s, arg_empty *a)
{
    /* Let the other vCPUs run: spin loops yield. */
    s->base.is_jmp = DISAS_YIELD;
    return true;
}

static bool trans_WFE(DisasContext *s, arg_empty *a)
{
    /* helper_wfe applies the traps and ends the time slice (no event
     * register is modelled: WFE may complete at once, Arm ARM D1.6.1). */
    s->base.is_jmp = DISAS_WFE;
    return true;
}

static bool trans_WFI(DisasContext *s, arg_empty *a)
{
    s->base.is_jmp = DISAS_WFI;
    return true;
}

static bool trans_SEV(DisasContext *s, arg_empty *a)
{
    return true;
}

static bool trans_SEVL(DisasContext *s, arg_empty *a)
{
    return true;
}

static bool trans_DGH(DisasContext *s, arg_empty *a)
{
    return true;
}

static bool trans_ESB(DisasContext *s, arg_empty *a)
{
    return true;
}

static bool trans_PSB_CSYNC(DisasContext *s, arg_empty *a)
{
    return true;
}

static bool trans_TSB_CSYNC(DisasContext *s, arg_empty *a)
{
    return true;
}

static bool trans_CSDB(DisasContext *s, arg_empty *a)
{
    return true;
}

static bool trans_CLRBHB(DisasContext *s, arg_empty *a)
{
    return true;
}

/* BTI landing pads: guarded pages are not enforced (PSTATE.BTYPE is not
 * tracked), so BTI executes as a NOP. */
static bool trans_BTI(DisasContext *s, arg_BTI *a)
{
    return true;
}

static bool trans_HINT(DisasContext *s, arg_HINT *a)
{
    return true;
}

/* The pointer-authentication hints are NOPs without FEAT_PAuth. */
static void gen_pac_hint(DisasContext *s, const TCGHelperInfo *info, int dst,
                         TCGv_i64 modifier, int key)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_call(info, t, tcg_env, cpu_X[dst], modifier,
                 tcg_constant_i32(key));
    tcg_gen_mov_i64(cpu_X[dst], t);
}

static bool trans_XPACLRI(DisasContext *s, arg_empty *a)
{
    if (isar_feature_aa64_pauth(s->isar)) {
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_call(&helper_info_a64_xpac, t, tcg_env, cpu_X[30],
                     tcg_constant_i32(0));
        tcg_gen_mov_i64(cpu_X[30], t);
    }
    return true;
}

static bool trans_PACI1716(DisasContext *s, arg_key *a)
{
    if (isar_feature_aa64_pauth(s->isar)) {
        gen_pac_hint(s, &helper_info_a64_pac, 17, cpu_X[16], a->m);
    }
    return true;
}

static bool trans_AUTI1716(DisasContext *s, arg_key *a)
{
    if (isar_feature_aa64_pauth(s->isar)) {
        gen_pac_hint(s, &helper_info_a64_aut, 17, cpu_X[16], a->m);
    }
    return true;
}

static bool trans_PACIX30(DisasContext *s, arg_PACIX30 *a)
{
    if (isar_feature_aa64_pauth(s->isar)) {
        gen_pac_hint(s, &helper_info_a64_pac, 30,
                     a->sp ? cpu_X[31] : tcg_constant_i64(0), a->m);
    }
    return true;
}

static bool trans_AUTIX30(DisasContext *s, arg_AUTIX30 *a)
{
    if (isar_feature_aa64_pauth(s->isar)) {
        gen_pac_hint(s, &helper_info_a64_aut, 30,
                     a->sp ? cpu_X[31] : tcg_constant_i64(0), a->m);
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Barriers                                                                */

static bool trans_CLREX(DisasContext *s, arg_barrier *a)
{
    tcg_gen_movi_i64(cpu_exclusive_addr, -1);
    return true;
}

/* CRm<1:0> of DMB/DSB: 1 loads (load-load and load-store ordering),
 * 2 stores (store-store), 3 all; 0 (reserved option) as all. */
static void gen_barrier(int crm)
{
    unsigned kind;

    switch (crm & 3) {
    case 1: kind = TCG_MO_LD_LD | TCG_MO_LD_ST; break;
    case 2: kind = TCG_MO_ST_ST; break;
    default: kind = TCG_MO_ALL; break;
    }
    tcg_gen_mb(kind | TCG_BAR_SC);
}

static bool trans_DSB(DisasContext *s, arg_barrier *a)
{
    gen_barrier(a->crm);
    return true;
}

static bool trans_DSB_nXS(DisasContext *s, arg_DSB_nXS *a)
{
    /* FEAT_XS: ID_AA64ISAR1_EL1.XS, bits 59:56. */
    if (isar_field(s->isar->id_aa64isar1, 56) == 0) {
        return false;
    }
    gen_barrier(3);
    return true;
}

static bool trans_DMB(DisasContext *s, arg_barrier *a)
{
    gen_barrier(a->crm);
    return true;
}

static bool trans_ISB(DisasContext *s, arg_barrier *a)
{
    /* Context synchronization: instructions after it are translated in
     * the state the earlier ones left (those that changed the TB flags
     * ended their block already). */
    s->base.is_jmp = DISAS_TOO_MANY;
    return true;
}

static bool trans_SB(DisasContext *s, arg_empty *a)
{
    if (!isar_feature_aa64_sb(s->isar)) {
        return false;
    }
    tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);
    s->base.is_jmp = DISAS_TOO_MANY;
    return true;
}

/* ---------------------------------------------------------------------- */
/* PSTATE                                                                  */

static bool trans_CFINV(DisasContext *s, arg_empty *a)
{
    if (!isar_feature_aa64_flagm(s->isar)) {
        return false;
    }
    a64_cc_materialize();
    tcg_gen_xori_i64(cpu_CF, cpu_CF, 1);
    return true;
}

/* FEAT_FlagM2: ID_AA64ISAR0_EL1.TS (bits 55:52) >= 2. */
static bool have_flagm2(DisasContext *s)
{
    return isar_field(s->isar->id_aa64isar0, 52) >= 2;
}

static bool trans_XAFLAG(DisasContext *s, arg_empty *a)
{
    TCGv_i64 z, c, t;

    if (!have_flagm2(s)) {
        return false;
    }
    /* From the external (FP comparison) format: N = !C && !Z,
     * Z = Z && C, C = C || Z, V = !C && Z. */
    a64_cc_materialize();
    z = tcg_temp_new_i64();
    c = tcg_temp_new_i64();
    t = tcg_temp_new_i64();
    tcg_gen_setcondi_i64(TCG_COND_EQ, z, cpu_ZF, 0);    /* Z */
    tcg_gen_mov_i64(c, cpu_CF);                          /* C */
    tcg_gen_or_i64(t, c, z);
    tcg_gen_xori_i64(t, t, 1);                           /* !C && !Z */
    tcg_gen_shli_i64(cpu_NF, t, 63);
    tcg_gen_andc_i64(t, z, c);                           /* !C && Z */
    tcg_gen_shli_i64(cpu_VF, t, 63);
    tcg_gen_and_i64(t, z, c);                            /* new Z */
    tcg_gen_xori_i64(cpu_ZF, t, 1);
    tcg_gen_or_i64(cpu_CF, c, z);
    return true;
}

static bool trans_AXFLAG(DisasContext *s, arg_empty *a)
{
    TCGv_i64 v;

    if (!have_flagm2(s)) {
        return false;
    }
    /* To the external format: N = 0, Z = Z || V, C = C && !V, V = 0. */
    a64_cc_materialize();
    v = tcg_temp_new_i64();
    tcg_gen_sari_i64(v, cpu_VF, 63);                     /* -1 if V */
    tcg_gen_andc_i64(cpu_ZF, cpu_ZF, v);                 /* ZF = 0 if V */
    tcg_gen_andc_i64(cpu_CF, cpu_CF, v);
    tcg_gen_movi_i64(cpu_NF, 0);
    tcg_gen_movi_i64(cpu_VF, 0);
    return true;
}

static bool trans_MSR_i(DisasContext *s, arg_MSR_i *a)
{
    int field;

    switch ((a->op1 << 3) | a->op2) {
    case 0x05:              /* SPSel */
        if (s->current_el == 0) {
            return false;
        }
        field = A64_PSTATE_SPSEL;
        break;
    case 0x1e:              /* DAIFSet */
        field = A64_PSTATE_DAIFSET;
        break;
    case 0x1f:              /* DAIFClr */
        field = A64_PSTATE_DAIFCLR;
        break;
    case 0x03:              /* UAO */
        if (!isar_feature_aa64_uao(s->isar) || s->current_el == 0) {
            return false;
        }
        field = A64_PSTATE_UAO;
        break;
    case 0x04:              /* PAN */
        if (!isar_feature_aa64_pan(s->isar) || s->current_el == 0) {
            return false;
        }
        field = A64_PSTATE_PAN;
        break;
    case 0x1a:              /* DIT */
        if (!isar_feature_aa64_dit(s->isar)) {
            return false;
        }
        field = A64_PSTATE_DIT;
        break;
    case 0x19:              /* SSBS */
        if (!isar_feature_aa64_ssbs(s->isar)) {
            return false;
        }
        field = A64_PSTATE_SSBS;
        break;
    default:
        return false;
    }
    a64_gen_set_pc_im(s->pc_curr);
    tcg_gen_call(&helper_info_a64_msr_i, NULL, tcg_env,
                 tcg_constant_i32(field), tcg_constant_i32(a->crm));
    s->base.is_jmp = DISAS_UPDATE_EXIT;
    return true;
}

/* ---------------------------------------------------------------------- */
/* System registers and instructions                                       */

static void gen_sysreg_trap(DisasContext *s, ARMSysRegAccess acc,
                            uint32_t syndrome)
{
    switch (acc) {
    case SYSREG_ACCESS_TRAP_EL1:
        a64_gen_exception_insn(s, EXCP_UDEF, syndrome, s->tge ? 2 : 1);
        break;
    case SYSREG_ACCESS_TRAP_EL2:
        a64_gen_exception_insn(s, EXCP_UDEF, syndrome, 2);
        break;
    case SYSREG_ACCESS_TRAP_EL3:
        a64_gen_exception_insn(s, EXCP_UDEF, syndrome, 3);
        break;
    case SYSREG_ACCESS_TRAP_FP:
        a64_gen_exception_insn(s, EXCP_UDEF, syn_fp_access_trap(), s->fp_excp_el);
        break;
    default:
        a64_unallocated(s);
        break;
    }
}

static TCGv_ptr sysreg_ptr(const ARMSysReg *r)
{
    return tcgv_i64_as_ptr(tcg_constant_i64((int64_t)(uintptr_t)r));
}

/* MRS NZCV / MSR NZCV: the flags live in globals, done inline. */
#define KEY_NZCV ARM_SYSREG_KEY(3, 3, 4, 2, 0)

/*
 * MRS, MSR (register), SYS and SYSL through the table: a row that is a
 * constant becomes a move, a plain field without functions a load/store
 * of env, anything else calls the run-time accessors (which check access
 * again). Unknown encodings are UNDEFINED, except cache maintenance (a
 * NOP: Turtle has no caches) and TLBI (a full flush) when the MMU has not
 * registered a row.
 */
static bool do_sysreg(DisasContext *s, int op0, int op1, int crn, int crm,
                      int op2, int rt, bool isread)
{
    uint32_t key = ARM_SYSREG_KEY(op0, op1, crn, crm, op2);
    uint32_t syndrome = syn_aa64_sysregtrap(op0, op1, op2, crn, crm, rt, isread);
    const ARMSysReg *r;
    ARMSysRegAccess acc;
    bool direct;

    if (key == KEY_NZCV) {
        if (isread) {
            TCGv_i64 t = tcg_temp_new_i64();

            a64_gen_get_nzcv(t);
            a64_write_x(s, rt, t, true);
        } else {
            a64_gen_set_nzcv(a64_read_x(s, rt));
        }
        return true;
    }

    r = arm_sysreg_find(s->cpu, key);
    if (!r) {
        if (op0 == 1 && crn == 7 && crm != 8 && crm != 9) {
            /* DC / IC maintenance. EL0 may only use the ones Arm lets
             * SCTLR_EL1.UCI/UCT enable (by VA, to PoU/PoC/PoP). */
            if (s->current_el == 0 &&
                !(op1 == 3 && op2 == 1 &&
                  (crm == 5 || crm == 10 || crm == 11 || crm == 12 ||
                   crm == 13 || crm == 14))) {
                return false;
            }
            return true;
        }
        if (op0 == 3 && op1 == 0 && crn == 0 && crm >= 1 && isread &&
            s->current_el > 0) {
            /* The unallocated encodings of the ID register space are
             * reserved RAZ, so that software can probe ID registers of
             * later architecture versions (Arm ARM D19.1, Table D19-1). */
            a64_write_x(s, rt, tcg_constant_i64(0), true);
            return true;
        }
        if (op0 == 1 && crn == 8 && !isread && s->current_el > 0) {
            log_mask_printf(LOG_GUEST_ERROR,
                          "a64: TLBI op1=%d CRm=%d op2=%d not in the "
                          "system register table: flushing all\n",
                          op1, crm, op2);
            tcg_gen_call(&helper_info_a64_tlbi_all, NULL, tcg_env);
            return true;
        }
        log_mask_printf(LOG_UNIMP, "a64: %s of unknown system register "
                      "op0=%d op1=%d CRn=%d CRm=%d op2=%d at 0x%" PRIx64 "\n",
                      isread ? "read" : "write", op0, op1, crn, crm, op2,
                      (uint64_t)s->pc_curr);
        return false;
    }

    acc = arm_sysreg_static_access(r, s->current_el, isread);
    if (acc != SYSREG_ACCESS_OK) {
        gen_sysreg_trap(s, acc, syndrome);
        return true;
    }
    if ((r->flags & SYSREG_FP) && !s->fp_enabled) {
        a64_gen_exception_insn(s, EXCP_UDEF, syn_fp_access_trap(), s->fp_excp_el);
        return true;
    }
    /* A SYSREG_E2H row reaches an EL2 field at EL2 with HCR_EL2.E2H set,
     * which the TB flags do not say: let the accessors choose. */
    direct = r->fieldoffset >= 0 && !r->access &&
             !(r->flags & (SYSREG_IO | SYSREG_REBUILD)) &&
             !((r->flags & SYSREG_E2H) && s->current_el == 2);

    if (r->flags & SYSREG_NOP) {
        if (isread) {
            a64_write_x(s, rt, tcg_constant_i64(0), true);
        }
        return true;
    }

    if (isread) {
        TCGv_i64 t = tcg_temp_new_i64();

        if (r->flags & SYSREG_CONST) {
            tcg_gen_movi_i64(t, (int64_t)r->resetvalue);
        } else if (direct && !r->read) {
            tcg_gen_ld_i64(t, tcg_env, r->fieldoffset);
        } else {
            a64_gen_set_pc_im(s->pc_curr);
            tcg_gen_call(&helper_info_sysreg_read, t, tcg_env, sysreg_ptr(r),
                         tcg_constant_i32((int32_t)syndrome));
        }
        a64_write_x(s, rt, t, true);
        return true;
    }

    if (direct && !r->write) {
        tcg_gen_st_i64(a64_read_x(s, rt), tcg_env, r->fieldoffset);
    } else {
        a64_gen_set_pc_im(s->pc_curr);
        tcg_gen_call(&helper_info_sysreg_write, NULL, tcg_env, sysreg_ptr(r),
                     a64_read_x(s, rt), tcg_constant_i32((int32_t)syndrome));
    }
    if (r->flags & (SYSREG_IO | SYSREG_REBUILD)) {
        s->base.is_jmp = DISAS_UPDATE_EXIT;
    }
    return true;
}

static bool trans_MSR_r(DisasContext *s, arg_sysreg *a)
{
    return do_sysreg(s, a->op0, a->op1, a->crn, a->crm, a->op2, a->rt, false);
}

static bool trans_MRS(DisasContext *s, arg_sysreg *a)
{
    return do_sysreg(s, a->op0, a->op1, a->crn, a->crm, a->op2, a->rt, true);
}

/*
 * DC ZVA (op1=3 CRn=7 CRm=4 op2=1): zero a DCZID-sized block. The access
 * rules (SCTLR_EL1.DZE, HCR_EL2.TDZ) are those of the table's row.
 */
static bool gen_dc_zva(DisasContext *s, int rt)
{
    uint32_t key = ARM_SYSREG_KEY(1, 3, 7, 4, 1);
    uint32_t syndrome = syn_aa64_sysregtrap(1, 3, 1, 7, 4, rt, false);
    const ARMSysReg *r = arm_sysreg_find(s->cpu, key);
    ARMSysRegAccess acc;
    TCGv_i64 addr;

    if (s->isar->dczid & 0x10) {
        return false;           /* DCZID_EL0.DZP: prohibited */
    }
    a64_gen_set_pc_im(s->pc_curr);
    if (r) {
        acc = arm_sysreg_static_access(r, s->current_el, false);
        if (acc != SYSREG_ACCESS_OK) {
            gen_sysreg_trap(s, acc, syndrome);
            return true;
        }
        if (r->access) {
            tcg_gen_call(&helper_info_sysreg_check, NULL, tcg_env, sysreg_ptr(r),
                         tcg_constant_i32((int32_t)syndrome), tcg_constant_i32(0));
        }
    }
    addr = a64_clean_addr(s, a64_read_x(s, rt));
    tcg_gen_call(&helper_info_a64_dc_zva, NULL, tcg_env, addr,
                 tcg_constant_i32(s->mmu_idx));
    return true;
}

static bool trans_SYS(DisasContext *s, arg_sys *a)
{
    if (a->op1 == 3 && a->crn == 7 && a->crm == 4 && a->op2 == 1) {
        return gen_dc_zva(s, a->rt);
    }
    return do_sysreg(s, 1, a->op1, a->crn, a->crm, a->op2, a->rt, false);
}

static bool trans_SYSL(DisasContext *s, arg_sys *a)
{
    return do_sysreg(s, 1, a->op1, a->crn, a->crm, a->op2, a->rt, true);
}
