/*
 * translate-a64.c — the A64 front end's core: the TranslatorOps driving
 * translator_loop (block start from the TB flags, insn_start words, one
 * instruction fetched and dispatched on its op0 field, block end), the TCG
 * globals of the guest registers, and the IR builders shared by the
 * encoding-group files (translate-a64.h).
 *
 * Top-level encoding (Arm ARM DDI 0487, C4.1, op0 = bits 28:25):
 *   0000-0011  reserved / SME / SVE      -> UNDEFINED (not implemented)
 *   100x       data processing, immediate -> translate-a64-int.c
 *   101x       branches, exceptions, system -> translate-a64-branch.c
 *   x1x0       loads and stores          -> translate-a64-ldst.c
 *   x101       data processing, register -> translate-a64-int.c
 *   x111       SIMD&FP data processing   -> a64_translate_simd()
 */
#include "util/osdep.h"
#include "util/log.h"
#include "target/arm/translate-a64.h"
#include "target/arm/helper-a64.h"

TCGv_i64 cpu_X[32];
TCGv_i64 cpu_pc;
TCGv_i64 cpu_NF, cpu_ZF, cpu_CF, cpu_VF;
TCGv_i64 cpu_cc_a, cpu_cc_b;
TCGv_i32 cpu_cc_op;
TCGv_i64 cpu_exclusive_addr, cpu_exclusive_val, cpu_exclusive_high;

static const char *const regnames[32] = {
    "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7",
    "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
    "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23",
    "x24", "x25", "x26", "x27", "x28", "x29", "lr", "sp",
};

void a64_translate_init(void)
{
    for (int i = 0; i < 32; i++) {
        cpu_X[i] = tcg_global_mem_new_i64(offsetof(CPUARMState, xregs[i]),
                                          regnames[i]);
    }
    cpu_pc = tcg_global_mem_new_i64(offsetof(CPUARMState, pc), "pc");
    cpu_NF = tcg_global_mem_new_i64(offsetof(CPUARMState, NF), "NF");
    cpu_ZF = tcg_global_mem_new_i64(offsetof(CPUARMState, ZF), "ZF");
    cpu_CF = tcg_global_mem_new_i64(offsetof(CPUARMState, CF), "CF");
    cpu_VF = tcg_global_mem_new_i64(offsetof(CPUARMState, VF), "VF");
    cpu_cc_a = tcg_global_mem_new_i64(offsetof(CPUARMState, cc_a), "cc_a");
    cpu_cc_b = tcg_global_mem_new_i64(offsetof(CPUARMState, cc_b), "cc_b");
    cpu_cc_op = tcg_global_mem_new_i32(offsetof(CPUARMState, cc_op), "cc_op");
    cpu_exclusive_addr = tcg_global_mem_new_i64(
        offsetof(CPUARMState, exclusive_addr), "exclusive_addr");
    cpu_exclusive_val = tcg_global_mem_new_i64(
        offsetof(CPUARMState, exclusive_val), "exclusive_val");
    cpu_exclusive_high = tcg_global_mem_new_i64(
        offsetof(CPUARMState, exclusive_high), "exclusive_high");
}

/*
 * The SIMD&FP data-processing group belongs to the FP front end; until it
 * is linked in, this weak definition makes the whole group UNDEFINED.
 */
__attribute__((weak)) bool a64_translate_simd(DisasContext *s, uint32_t insn)
{
    return false;
}

/* ---------------------------------------------------------------------- */
/* General registers                                                       */

TCGv_i64 a64_read_x(DisasContext *s, int reg)
{
    return reg == 31 ? tcg_constant_i64(0) : cpu_X[reg];
}

TCGv_i64 a64_read_xsp(DisasContext *s, int reg)
{
    return cpu_X[reg];
}

TCGv_i64 a64_read_x_sf(DisasContext *s, int reg, bool sf)
{
    TCGv_i64 t = tcg_temp_new_i64();

    if (reg == 31) {
        tcg_gen_movi_i64(t, 0);
    } else if (sf) {
        tcg_gen_mov_i64(t, cpu_X[reg]);
    } else {
        tcg_gen_ext32u_i64(t, cpu_X[reg]);
    }
    return t;
}

void a64_write_x(DisasContext *s, int reg, TCGv_i64 val, bool sf)
{
    if (reg == 31) {
        return;
    }
    if (sf) {
        tcg_gen_mov_i64(cpu_X[reg], val);
    } else {
        tcg_gen_ext32u_i64(cpu_X[reg], val);
    }
}

void a64_write_xsp(DisasContext *s, int reg, TCGv_i64 val, bool sf)
{
    if (sf) {
        tcg_gen_mov_i64(cpu_X[reg], val);
    } else {
        tcg_gen_ext32u_i64(cpu_X[reg], val);
    }
}

/* ---------------------------------------------------------------------- */
/* NZCV                                                                    */

/*
 * The flag setter of the previous instruction, for conditions evaluated
 * from the compare operands (a64_test_cc). Only SUBS/CMP and ANDS/TST
 * record themselves; anything else leaves A64_CC_NONE.
 */
enum { A64_CC_NONE, A64_CC_SUB, A64_CC_LOGIC };
typedef struct A64CCRecord {
    int kind;
    bool is32;
    TCGv_i64 a, b;
    TCGv_i32 a32, b32;
} A64CCRecord;
static __thread A64CCRecord cc_cur, cc_prev;

/*
 * env->cc_op as far as the translator knows it at this point of the
 * block (ArmCCOp), or CC_KNOWN_NOT at the start of a block. Every setter
 * stores cc_op itself, so this only decides how a64_cc_materialize()
 * brings the flags to CC_OP_FLAGS.
 */
#define CC_KNOWN_NOT (-1)
static __thread int cc_known;

static void gen_flags_inline(int op);

void a64_cc_materialize(void)
{
    TCGLabel *skip;

    switch (cc_known) {
    case CC_OP_FLAGS:
        return;
    case CC_OP_SUB64:
    case CC_OP_SUB32:
    case CC_OP_ADD64:
    case CC_OP_ADD32:
    case CC_OP_LOGIC:
        gen_flags_inline(cc_known);
        break;
    default:
        skip = gen_new_label();
        tcg_gen_brcondi_i32(TCG_COND_EQ, cpu_cc_op, CC_OP_FLAGS, skip);
        tcg_gen_call(&helper_info_a64_cc_materialize, NULL, tcg_env);
        tcg_gen_set_label(skip);
        break;
    }
    cc_known = CC_OP_FLAGS;
}

/* The four flag globals are about to be written in full. */
static void cc_set_flags_op(void)
{
    tcg_gen_movi_i32(cpu_cc_op, CC_OP_FLAGS);
    cc_known = CC_OP_FLAGS;
}

/* Flags of op on cc_a, cc_b from now on. */
static void cc_set_lazy(int op, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_mov_i64(cpu_cc_a, a);
    if (b) {
        tcg_gen_mov_i64(cpu_cc_b, b);
    }
    tcg_gen_movi_i32(cpu_cc_op, op);
    cc_known = op;
}

void a64_cc_next_insn(void)
{
    cc_prev = cc_cur;
    cc_cur.kind = A64_CC_NONE;
}

void a64_cc_forget(void)
{
    cc_cur.kind = A64_CC_NONE;
    cc_prev.kind = A64_CC_NONE;
}

void a64_cc_block_start(void)
{
    a64_cc_forget();
    cc_known = CC_KNOWN_NOT;
}

/*
 * 32-bit results: ZF holds the zero-extended result, NF the sign-extended
 * one, VF the sign-extended overflow word; 64-bit results are stored as
 * they are (cpu.h).
 */
static void gen_set_nz32(TCGv_i64 dest, TCGv_i32 r32)
{
    tcg_gen_ext_i32_i64(cpu_NF, r32);
    tcg_gen_extu_i32_i64(cpu_ZF, r32);
    tcg_gen_mov_i64(dest, cpu_ZF);
}

void a64_gen_logic_cc(bool sf, TCGv_i64 result)
{
    if (sf) {
        cc_set_lazy(CC_OP_LOGIC, result, NULL);
    } else {
        TCGv_i64 t = tcg_temp_ebb_new_i64();

        tcg_gen_ext32s_i64(t, result);
        cc_set_lazy(CC_OP_LOGIC, t, NULL);
    }
    cc_cur.kind = A64_CC_LOGIC;
    cc_cur.a = cpu_cc_a;
}

void a64_gen_add_overflow_i64(TCGv_i64 vf, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b)
{
    TCGv_i64 t = tcg_temp_ebb_new_i64();
    TCGv_i64 u = tcg_temp_ebb_new_i64();

    tcg_gen_xor_i64(t, res, a);
    tcg_gen_xor_i64(u, a, b);
    tcg_gen_andc_i64(vf, t, u);
}

void a64_gen_add_overflow_i32(TCGv_i32 vf, TCGv_i32 res, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 t = tcg_temp_ebb_new_i32();
    TCGv_i32 u = tcg_temp_ebb_new_i32();

    tcg_gen_xor_i32(t, res, a);
    tcg_gen_xor_i32(u, a, b);
    tcg_gen_andc_i32(vf, t, u);
}

/* dest = a + b, NZCV of it into the flag globals (sf: 64 bits, else 32). */
static void gen_add_flags(bool sf, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b)
{
    if (sf) {
        TCGv_i64 res = tcg_temp_ebb_new_i64();
        TCGv_i64 carry = tcg_temp_ebb_new_i64();
        TCGv_i64 zero = tcg_constant_i64(0);

        tcg_gen_add2_i64(res, carry, a, zero, b, zero);
        a64_gen_add_overflow_i64(cpu_VF, res, a, b);
        tcg_gen_mov_i64(cpu_CF, carry);
        tcg_gen_mov_i64(cpu_NF, res);
        tcg_gen_mov_i64(cpu_ZF, res);
        tcg_gen_mov_i64(dest, res);
    } else {
        TCGv_i32 a32 = tcg_temp_ebb_new_i32();
        TCGv_i32 b32 = tcg_temp_ebb_new_i32();
        TCGv_i32 r32 = tcg_temp_ebb_new_i32();
        TCGv_i32 c32 = tcg_temp_ebb_new_i32();
        TCGv_i32 zero = tcg_constant_i32(0);
        TCGv_i32 t = tcg_temp_ebb_new_i32();

        tcg_gen_extrl_i64_i32(a32, a);
        tcg_gen_extrl_i64_i32(b32, b);
        tcg_gen_add2_i32(r32, c32, a32, zero, b32, zero);
        a64_gen_add_overflow_i32(t, r32, a32, b32);
        tcg_gen_ext_i32_i64(cpu_VF, t);
        tcg_gen_extu_i32_i64(cpu_CF, c32);
        gen_set_nz32(dest, r32);
    }
}

/* The same for a - b (SUBS). */
static void gen_sub_flags(bool sf, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b)
{
    if (sf) {
        TCGv_i64 res = tcg_temp_ebb_new_i64();
        TCGv_i64 t = tcg_temp_ebb_new_i64();
        TCGv_i64 u = tcg_temp_ebb_new_i64();

        tcg_gen_sub_i64(res, a, b);
        /* V: the operands differ in sign and the result's sign is b's. */
        tcg_gen_xor_i64(t, res, a);
        tcg_gen_xor_i64(u, a, b);
        tcg_gen_and_i64(cpu_VF, t, u);
        tcg_gen_setcond_i64(TCG_COND_GEU, cpu_CF, a, b);
        tcg_gen_mov_i64(cpu_NF, res);
        tcg_gen_mov_i64(cpu_ZF, res);
        tcg_gen_mov_i64(dest, res);
    } else {
        TCGv_i32 a32 = tcg_temp_ebb_new_i32();
        TCGv_i32 b32 = tcg_temp_ebb_new_i32();
        TCGv_i32 r32 = tcg_temp_ebb_new_i32();
        TCGv_i32 t = tcg_temp_ebb_new_i32();
        TCGv_i32 u = tcg_temp_ebb_new_i32();

        tcg_gen_extrl_i64_i32(a32, a);
        tcg_gen_extrl_i64_i32(b32, b);
        tcg_gen_sub_i32(r32, a32, b32);
        tcg_gen_xor_i32(t, r32, a32);
        tcg_gen_xor_i32(u, a32, b32);
        tcg_gen_and_i32(t, t, u);
        tcg_gen_ext_i32_i64(cpu_VF, t);
        tcg_gen_setcond_i32(TCG_COND_GEU, t, a32, b32);
        tcg_gen_extu_i32_i64(cpu_CF, t);
        gen_set_nz32(dest, r32);
    }
}

/* The flags of lazy op (known at translation) from cc_a, cc_b. */
static void gen_flags_inline(int op)
{
    TCGv_i64 t = tcg_temp_ebb_new_i64();

    switch (op) {
    case CC_OP_SUB64:
    case CC_OP_SUB32:
        gen_sub_flags(op == CC_OP_SUB64, t, cpu_cc_a, cpu_cc_b);
        break;
    case CC_OP_ADD64:
    case CC_OP_ADD32:
        gen_add_flags(op == CC_OP_ADD64, t, cpu_cc_a, cpu_cc_b);
        break;
    default: /* CC_OP_LOGIC */
        tcg_gen_mov_i64(cpu_NF, cpu_cc_a);
        tcg_gen_mov_i64(cpu_ZF, cpu_cc_a);
        tcg_gen_movi_i64(cpu_CF, 0);
        tcg_gen_movi_i64(cpu_VF, 0);
        break;
    }
    tcg_gen_movi_i32(cpu_cc_op, CC_OP_FLAGS);
}

void a64_gen_add_cc(bool sf, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b)
{
    cc_cur.kind = A64_CC_NONE;
    cc_set_lazy(sf ? CC_OP_ADD64 : CC_OP_ADD32, a, b);
    tcg_gen_add_i64(dest, cpu_cc_a, cpu_cc_b);
    if (!sf) {
        tcg_gen_ext32u_i64(dest, dest);
    }
}

void a64_gen_sub_cc(bool sf, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b)
{
    cc_set_lazy(sf ? CC_OP_SUB64 : CC_OP_SUB32, a, b);
    /* The operands, for conditions in the next insn (only flag setters
     * write cc_a and cc_b, and they evaluate their condition first). */
    cc_cur.kind = A64_CC_SUB;
    cc_cur.is32 = !sf;
    if (sf) {
        cc_cur.a = cpu_cc_a;
        cc_cur.b = cpu_cc_b;
        tcg_gen_sub_i64(dest, cpu_cc_a, cpu_cc_b);
    } else {
        cc_cur.a32 = tcg_temp_new_i32();
        cc_cur.b32 = tcg_temp_new_i32();
        tcg_gen_extrl_i64_i32(cc_cur.a32, cpu_cc_a);
        tcg_gen_extrl_i64_i32(cc_cur.b32, cpu_cc_b);
        tcg_gen_sub_i64(dest, cpu_cc_a, cpu_cc_b);
        tcg_gen_ext32u_i64(dest, dest);
    }
}

void a64_gen_set_nzcv(TCGv_i64 nzcv)
{
    cc_cur.kind = A64_CC_NONE;
    cc_set_flags_op();
    TCGv_i64 t = tcg_temp_ebb_new_i64();

    tcg_gen_shli_i64(cpu_NF, nzcv, 32);             /* bit 31 -> 63 */
    tcg_gen_not_i64(t, nzcv);
    tcg_gen_andi_i64(cpu_ZF, t, PSTATE_Z);
    tcg_gen_extract_i64(cpu_CF, nzcv, 29, 1);
    tcg_gen_shli_i64(cpu_VF, nzcv, 35);             /* bit 28 -> 63 */
}

void a64_gen_get_nzcv(TCGv_i64 dest)
{
    TCGv_i64 r, t;

    a64_cc_materialize();
    r = tcg_temp_ebb_new_i64();
    t = tcg_temp_ebb_new_i64();
    tcg_gen_shri_i64(r, cpu_NF, 63);
    tcg_gen_shli_i64(r, r, 31);
    tcg_gen_setcondi_i64(TCG_COND_EQ, t, cpu_ZF, 0);
    tcg_gen_deposit_i64(r, r, t, 30, 1);
    tcg_gen_deposit_i64(r, r, cpu_CF, 29, 1);
    tcg_gen_shri_i64(t, cpu_VF, 63);
    tcg_gen_deposit_i64(dest, r, t, 28, 1);
}

void a64_gen_set_nzcv_imm(unsigned nzcv)
{
    cc_cur.kind = A64_CC_NONE;
    cc_set_flags_op();
    tcg_gen_movi_i64(cpu_NF, (nzcv & 8) ? INT64_MIN : 0);
    tcg_gen_movi_i64(cpu_ZF, (nzcv & 4) ? 0 : 1);
    tcg_gen_movi_i64(cpu_CF, (nzcv >> 1) & 1);
    tcg_gen_movi_i64(cpu_VF, (nzcv & 1) ? INT64_MIN : 0);
}

/*
 * ConditionHolds() (Arm ARM J1, shared/functions/system): cond<3:1> picks
 * the test, cond<0> inverts it except for 1111 (always).
 */
/* cond(a, b) that holds iff condition cc >> 1 holds after CMP a, b. */
static const TCGCond cc_sub_cond[8] = {
    [0] = TCG_COND_EQ, [1] = TCG_COND_GEU, [4] = TCG_COND_GTU,
    [5] = TCG_COND_GE, [6] = TCG_COND_GT,
    [2] = TCG_COND_NEVER, [3] = TCG_COND_NEVER, [7] = TCG_COND_NEVER,
};

/* The same after ANDS/TST with result a, compared with 0. */
static const TCGCond cc_logic_cond[8] = {
    [0] = TCG_COND_EQ, [2] = TCG_COND_LT, [5] = TCG_COND_GE,
    [6] = TCG_COND_GT,
    [1] = TCG_COND_NEVER, [3] = TCG_COND_NEVER, [4] = TCG_COND_NEVER,
    [7] = TCG_COND_NEVER,
};

void a64_test_cc(A64Compare *c, int cc)
{
    TCGv_i64 v;

    c->is32 = false;
    c->b = tcg_constant_i64(0);
    if (cc_prev.kind == A64_CC_SUB && cc_sub_cond[cc >> 1] != TCG_COND_NEVER) {
        /* Right after CMP a, b: compare a and b themselves. */
        c->cond = cc_sub_cond[cc >> 1];
        c->is32 = cc_prev.is32;
        c->a = cc_prev.a;
        c->b = cc_prev.b;
        c->a32 = cc_prev.a32;
        c->b32 = cc_prev.b32;
        if (cc & 1) {
            c->cond = tcg_invert_cond(c->cond);
        }
        return;
    }
    if (cc_prev.kind == A64_CC_LOGIC && cc_logic_cond[cc >> 1] != TCG_COND_NEVER) {
        /* After ANDS/TST, C = V = 0 and a is the (sign-extended) result:
         * EQ is a == 0, MI a < 0, GE a >= 0, GT a > 0. */
        c->cond = cc_logic_cond[cc >> 1];
        c->a = cc_prev.a;
        if (cc & 1) {
            c->cond = tcg_invert_cond(c->cond);
        }
        return;
    }
    if ((cc >> 1) == 7) {
        c->cond = TCG_COND_ALWAYS;
        c->a = cpu_ZF;
        return;
    }
    a64_cc_materialize();
    switch (cc >> 1) {
    case 0: /* EQ / NE: Z */
        c->cond = TCG_COND_EQ;
        c->a = cpu_ZF;
        break;
    case 1: /* CS / CC: C */
        c->cond = TCG_COND_NE;
        c->a = cpu_CF;
        break;
    case 2: /* MI / PL: N */
        c->cond = TCG_COND_LT;
        c->a = cpu_NF;
        break;
    case 3: /* VS / VC: V */
        c->cond = TCG_COND_LT;
        c->a = cpu_VF;
        break;
    case 4: /* HI / LS: C && !Z */
        v = tcg_temp_ebb_new_i64();
        tcg_gen_neg_i64(v, cpu_CF);
        tcg_gen_and_i64(v, v, cpu_ZF);
        c->cond = TCG_COND_NE;
        c->a = v;
        break;
    case 5: /* GE / LT: N == V */
        v = tcg_temp_ebb_new_i64();
        tcg_gen_xor_i64(v, cpu_VF, cpu_NF);
        c->cond = TCG_COND_GE;
        c->a = v;
        break;
    case 6: /* GT / LE: !Z && N == V */
        v = tcg_temp_ebb_new_i64();
        tcg_gen_xor_i64(v, cpu_VF, cpu_NF);
        tcg_gen_sari_i64(v, v, 63);         /* -1 if N != V */
        tcg_gen_andc_i64(v, cpu_ZF, v);     /* ZF if N == V, else 0 */
        c->cond = TCG_COND_NE;
        c->a = v;
        break;
    default: /* AL, NV */
        c->cond = TCG_COND_ALWAYS;
        c->a = cpu_ZF;
        return;
    }
    if (cc & 1) {
        c->cond = tcg_invert_cond(c->cond);
    }
}

void a64_gen_brcond_cc(int cc, TCGLabel *label)
{
    A64Compare c;

    a64_test_cc(&c, cc);
    if (c.cond == TCG_COND_ALWAYS) {
        tcg_gen_br(label);
    } else if (c.is32) {
        tcg_gen_brcond_i32(c.cond, c.a32, c.b32, label);
    } else {
        tcg_gen_brcond_i64(c.cond, c.a, c.b, label);
    }
}

void a64_gen_movcond_cc(const A64Compare *c, TCGv_i64 dest, TCGv_i64 t,
                        TCGv_i64 f)
{
    if (c->is32) {
        /* Sign extension keeps both the signed and the unsigned order. */
        TCGv_i64 a = tcg_temp_ebb_new_i64();
        TCGv_i64 b = tcg_temp_ebb_new_i64();

        tcg_gen_ext_i32_i64(a, c->a32);
        tcg_gen_ext_i32_i64(b, c->b32);
        tcg_gen_movcond_i64(c->cond, dest, a, b, t, f);
    } else {
        tcg_gen_movcond_i64(c->cond, dest, c->a, c->b, t, f);
    }
}

/* ---------------------------------------------------------------------- */
/* Control flow and exceptions                                             */

void a64_gen_set_pc_im(vaddr pc)
{
    tcg_gen_movi_i64(cpu_pc, (int64_t)pc);
}

void a64_gen_set_pc_tbi(DisasContext *s, TCGv_i64 target)
{
    /* Branch targets drop their tag like data addresses do (Arm ARM
     * D8.8, "Address tagging"): the PC holds the cleaned address. */
    TCGv_i64 t = a64_clean_addr(s, target);

    tcg_gen_mov_i64(cpu_pc, t);
}

/*
 * Software step, active-not-pending: the instruction completed, so
 * PSTATE.SS becomes 0 and the step exception is taken with ELR = the next
 * instruction (cpu_pc, set by the caller). (Exceptions the instruction
 * itself takes are stepped by the exception entry code instead.)
 */
static void gen_step_complete(DisasContext *s)
{
    TCGv_i32 t = tcg_temp_new_i32();

    tcg_gen_ld_i32(t, tcg_env, offsetof(CPUARMState, pstate));
    tcg_gen_andi_i32(t, t, ~(int32_t)PSTATE_SS);
    tcg_gen_st_i32(t, tcg_env, offsetof(CPUARMState, pstate));
    tcg_gen_call(&helper_info_a64_exception, NULL, tcg_env,
                 tcg_constant_i32(EXCP_BKPT),
                 tcg_constant_i32((int32_t)syn_swstep(true, true, false)),
                 tcg_constant_i32(0));
}

void a64_gen_goto_tb(DisasContext *s, int n, vaddr dest)
{
    if (s->ss_active) {
        /* A stepped branch completes the step at its target. */
        a64_gen_set_pc_im(dest);
        gen_step_complete(s);
    } else if (translator_use_goto_tb(&s->base, dest)) {
        tcg_gen_goto_tb(n);
        a64_gen_set_pc_im(dest);
        tcg_gen_exit_tb(s->base.tb, n);
    } else {
        a64_gen_set_pc_im(dest);
        if (s->base.singlestep_enabled) {
            tcg_gen_exit_tb(NULL, 0);
        } else {
            translator_lookup_and_goto_ptr(&s->base, cpu_pc);
        }
    }
    s->base.is_jmp = DISAS_NORETURN;
}

static void gen_exception_at(DisasContext *s, vaddr pc, int excp,
                             uint32_t syndrome, int target_el)
{
    a64_gen_set_pc_im(pc);
    tcg_gen_call(&helper_info_a64_exception, NULL, tcg_env,
                 tcg_constant_i32(excp), tcg_constant_i32((int32_t)syndrome),
                 tcg_constant_i32(target_el));
    s->base.is_jmp = DISAS_NORETURN;
}

void a64_gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome,
                            int target_el)
{
    gen_exception_at(s, s->pc_curr, excp, syndrome, target_el);
}

void a64_gen_exception_insn_next(DisasContext *s, int excp,
                                 uint32_t syndrome, int target_el)
{
    gen_exception_at(s, s->base.pc_next, excp, syndrome, target_el);
}

void a64_unallocated(DisasContext *s)
{
    a64_gen_exception_insn(s, EXCP_UDEF, syn_uncategorized(), 0);
}

bool a64_fp_access_check(DisasContext *s)
{
    if (s->fp_enabled) {
        return true;
    }
    /* The TB flags say which EL the CPACR/CPTR trap goes to. */
    a64_gen_exception_insn(s, EXCP_UDEF, syn_fp_access_trap(), s->fp_excp_el);
    return false;
}

/* ---------------------------------------------------------------------- */
/* Guest memory                                                            */

void a64_set_insn_syndrome(DisasContext *s, uint32_t iss)
{
    TCGContext *ctx = tcg_ctx;

    if (s->insn_start_op) {
        s->insn_start_op->args[1] = iss;
        ctx->insn_data[s->insn_start_idx][1] = iss;
    }
}

/*
 * The SP alignment check (Arm ARM D1.3.5.2): a load or store whose base is
 * SP, with SCTLR_ELx.SA (SA0 at EL0) of the current regime set, faults
 * when SP is not 16-byte aligned. The SCTLR bit is in the TB flags
 * (TBFLAG_SP_ALIGN; SCTLR writes end the block and rebuild the flags), so
 * code built while checking is off has no test at all, and otherwise one
 * test of the low SP bits.
 */
static void gen_check_sp_alignment(DisasContext *s)
{
    TCGLabel *l_ok;
    TCGv_i64 t;

    if (!s->sp_align) {
        return;
    }
    t = tcg_temp_ebb_new_i64();
    tcg_gen_andi_i64(t, cpu_X[31], 15);
    l_ok = gen_new_label();
    tcg_gen_brcondi_i64(TCG_COND_EQ, t, 0, l_ok);
    gen_exception_at(s, s->pc_curr, EXCP_UDEF, syn_sp_alignment(), 0);
    s->base.is_jmp = DISAS_NEXT;    /* only on this path */
    tcg_gen_set_label(l_ok);
}

TCGv_i64 a64_ldst_base(DisasContext *s, int rn)
{
    if (rn == 31) {
        gen_check_sp_alignment(s);
    }
    return cpu_X[rn];
}

TCGv_i64 a64_clean_addr(DisasContext *s, TCGv_i64 addr)
{
    TCGv_i64 t, sx;

    if (!s->tbi0 && !s->tbi1) {
        return addr;
    }
    t = tcg_temp_new_i64();
    if (s->tbi0 && s->tbi1) {
        tcg_gen_sextract_i64(t, addr, 0, 56);
        return t;
    }
    /* Only one half of the address space ignores its top byte: bit 55
     * selects the half (Arm ARM D8.8.1). */
    sx = tcg_temp_ebb_new_i64();
    tcg_gen_sextract_i64(sx, addr, 0, 56);
    tcg_gen_movcond_i64(s->tbi0 ? TCG_COND_GE : TCG_COND_LT, t, sx,
                        tcg_constant_i64(0), sx, addr);
    return t;
}

MemOp a64_memop(DisasContext *s, MemOp op)
{
    op |= s->be_data;
    if (s->align_check && (op & MO_AMASK) == MO_UNALN) {
        op |= MO_ALIGN;
    }
    return op;
}

void a64_gen_ld_idx(DisasContext *s, TCGv_i64 dest, TCGv_i64 addr, MemOp op,
                    int mmu_idx)
{
    tcg_gen_guest_ld_i64(dest, addr, mmu_idx, a64_memop(s, op));
}

void a64_gen_st_idx(DisasContext *s, TCGv_i64 val, TCGv_i64 addr, MemOp op,
                    int mmu_idx)
{
    tcg_gen_guest_st_i64(val, addr, mmu_idx, a64_memop(s, op));
}

void a64_gen_ld(DisasContext *s, TCGv_i64 dest, TCGv_i64 addr, MemOp op)
{
    a64_gen_ld_idx(s, dest, addr, op, s->mmu_idx);
}

void a64_gen_st(DisasContext *s, TCGv_i64 val, TCGv_i64 addr, MemOp op)
{
    a64_gen_st_idx(s, val, addr, op, s->mmu_idx);
}

/* ---------------------------------------------------------------------- */
/* SIMD&FP registers                                                       */

void a64_read_vreg_elt(TCGv_i64 dest, int regno, int elt, MemOp op)
{
    ptrdiff_t off = a64_vreg_elt_offset(regno, elt, op & MO_SIZE);

    switch (op & MO_SSIZE) {
    case MO_UB: tcg_gen_ld8u_i64(dest, tcg_env, off); break;
    case MO_SB: tcg_gen_ld8s_i64(dest, tcg_env, off); break;
    case MO_UW: tcg_gen_ld16u_i64(dest, tcg_env, off); break;
    case MO_SW: tcg_gen_ld16s_i64(dest, tcg_env, off); break;
    case MO_UL: tcg_gen_ld32u_i64(dest, tcg_env, off); break;
    case MO_SL: tcg_gen_ld32s_i64(dest, tcg_env, off); break;
    default: tcg_gen_ld_i64(dest, tcg_env, off); break;
    }
}

void a64_write_vreg_elt(TCGv_i64 val, int regno, int elt, MemOp size)
{
    ptrdiff_t off = a64_vreg_elt_offset(regno, elt, size & MO_SIZE);

    switch (size & MO_SIZE) {
    case MO_8: tcg_gen_st8_i64(val, tcg_env, off); break;
    case MO_16: tcg_gen_st16_i64(val, tcg_env, off); break;
    case MO_32: tcg_gen_st32_i64(val, tcg_env, off); break;
    default: tcg_gen_st_i64(val, tcg_env, off); break;
    }
}

void a64_clear_vreg_high(int regno, bool is_q)
{
    if (!is_q) {
        tcg_gen_st_i64(tcg_constant_i64(0), tcg_env,
                       a64_vreg_half_offset(regno, 1));
    }
    /* Nothing lies above 128 bits until SVE widens the registers. */
}

/* ---------------------------------------------------------------------- */
/* Restoring state                                                         */

void a64_restore_state_to_opc(CPUState *cpu, const TranslationBlock *tb,
                              const uint64_t *data)
{
    CPUARMState *env = cpu->env_ptr;

    env->pc = data[0];
}

/* ---------------------------------------------------------------------- */
/* TranslatorOps                                                           */

static void a64_init_disas_context(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = container_of(db, DisasContext, base);
    ARMCPU *acpu = container_of(cpu, ARMCPU, parent_obj);
    uint32_t f = db->tb->flags;

    s->cpu = acpu;
    s->isar = &acpu->isar;
    s->tbflags = f;
    s->current_el = (f >> TBFLAG_EL_SHIFT) & 3;
    s->mmu_idx = (f >> TBFLAG_MMUIDX_SHIFT) & 15;
    s->unpriv_mmu_idx = (f >> TBFLAG_UNPRIV_IDX_SHIFT) & 15;
    s->be_data = (f & TBFLAG_BE_DATA) ? MO_BE : MO_LE;
    s->align_check = f & TBFLAG_ALIGN;
    s->sp_align = f & TBFLAG_SP_ALIGN;
    s->fp_enabled = f & TBFLAG_FPEN;
    s->fp_excp_el = (f >> TBFLAG_FPEXC_EL_SHIFT) & 3;
    s->pstate_il = f & TBFLAG_PSTATE_IL;
    s->sve_enabled = f & TBFLAG_SVE_EN;
    s->tbi0 = f & TBFLAG_TBI0;
    s->tbi1 = f & TBFLAG_TBI1;
    s->ss_active = f & TBFLAG_SS_ACTIVE;
    s->pstate_ss = f & TBFLAG_PSTATE_SS;
    s->bti = f & TBFLAG_BTI;
    s->vhe = f & TBFLAG_VHE;
    s->tge = f & TBFLAG_TGE;
    s->nv = f & TBFLAG_NV;
    s->insn_start_op = NULL;
    s->insn_start_idx = 0;
    a64_cc_block_start();
    /* Software step: one instruction per block (Arm ARM D2.12). */
    if (s->ss_active) {
        db->max_insns = 1;
    }
}

static void a64_tb_start(DisasContextBase *db, CPUState *cpu)
{
}

static void a64_insn_start(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = container_of(db, DisasContext, base);

    tcg_gen_insn_start(db->pc_next, 0, 0);
    s->insn_start_op = tcg_ctx->last_op;
    s->insn_start_idx = tcg_ctx->num_insns - 1;
}

/* The MMU index of instruction fetches: the data index without PAN
 * (PSTATE.PAN does not apply to fetches). */
static int a64_code_mmu_idx(DisasContext *s)
{
    switch (s->mmu_idx) {
    case ARM_MMU_E10_1_PAN:
        return ARM_MMU_E10_1;
    case ARM_MMU_E20_2_PAN:
        return ARM_MMU_E20_2;
    default:
        return s->mmu_idx;
    }
}

static bool a64_dispatch(DisasContext *s, uint32_t insn)
{
    switch ((insn >> 25) & 0xf) {
    case 0x8: case 0x9:
    case 0x5: case 0xd:
        return a64_translate_int(s, insn);
    case 0xa: case 0xb:
        return a64_translate_branch(s, insn);
    case 0x4: case 0x6: case 0xc: case 0xe:
        return a64_translate_ldst(s, insn);
    case 0x7: case 0xf:
        return a64_translate_simd(s, insn);
    default:
        /* Reserved, SME and SVE encodings: not implemented. */
        return false;
    }
}

static void a64_translate_insn(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = container_of(db, DisasContext, base);
    vaddr pc = db->pc_next;
    uint32_t insn;

    s->pc_curr = pc;
    if (pc & 3) {
        /* A misaligned PC (after BR to such an address) faults before the
         * fetch: PC alignment fault, FAR = the PC (Arm ARM D1.3.5.1). */
        db->pc_next += 4;
        a64_gen_set_pc_im(pc);
        tcg_gen_call(&helper_info_a64_exception_far, NULL, tcg_env,
                     tcg_constant_i32(EXCP_PREFETCH_ABORT),
                     tcg_constant_i32((int32_t)syn_pcalignment()),
                     tcg_constant_i32(0), tcg_constant_i64((int64_t)pc));
        db->is_jmp = DISAS_NORETURN;
        return;
    }
    if (s->ss_active && !s->pstate_ss) {
        /* Active-pending: the Software Step exception is taken before
         * the instruction executes (Arm ARM D2.12.5). */
        db->pc_next += 4;
        a64_gen_exception_insn(s, EXCP_BKPT, syn_swstep(true, true, false), 0);
        return;
    }
    if (s->pstate_il) {
        /* After an illegal exception return every instruction raises the
         * Illegal Execution state exception (Arm ARM D1.11.4). */
        db->pc_next += 4;
        a64_gen_exception_insn(s, EXCP_UDEF, syn_illegalstate(), 0);
        return;
    }
    if (translator_fetch_faults(cpu, db, pc, 4)) {
        db->pc_next += 4;
        a64_gen_set_pc_im(pc);
        tcg_gen_call(&helper_info_a64_fetch_fault, NULL, tcg_env,
                     tcg_constant_i64((int64_t)pc),
                     tcg_constant_i32(a64_code_mmu_idx(s)));
        /* If the fetch works by the time the helper runs, retranslate. */
        tcg_gen_exit_tb(NULL, 0);
        db->is_jmp = DISAS_NORETURN;
        return;
    }
    insn = translator_ldl(cpu, db, pc);
    s->insn = insn;
    db->pc_next += 4;
    a64_cc_next_insn();

    if (!a64_dispatch(s, insn)) {
        a64_unallocated(s);
    }
}

static void a64_tb_stop(DisasContextBase *db, CPUState *cpu)
{
    DisasContext *s = container_of(db, DisasContext, base);

    if (s->ss_active && db->is_jmp != DISAS_NORETURN) {
        switch ((int)db->is_jmp) {
        case DISAS_JUMP:
        case DISAS_EXIT:
            break;              /* cpu_pc already holds the target */
        case DISAS_WFI:
        case DISAS_WFE:
            /* Let the CPU sleep; the step completes when it wakes. */
            a64_gen_set_pc_im(db->pc_next);
            tcg_gen_call(db->is_jmp == DISAS_WFI ? &helper_info_wfi
                                                 : &helper_info_wfe, NULL, tcg_env);
            break;
        default:
            a64_gen_set_pc_im(db->pc_next);
            break;
        }
        gen_step_complete(s);
        return;
    }

    switch ((int)db->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        a64_gen_goto_tb(s, 1, db->pc_next);
        break;
    case DISAS_JUMP:
        /* Instructions that may change the TB flags end their block with
         * DISAS_UPDATE_EXIT, DISAS_EXIT or an exception: here the flags
         * are still this block's. */
        if (db->singlestep_enabled) {
            tcg_gen_exit_tb(NULL, 0);
        } else {
            translator_lookup_and_goto_ptr(db, cpu_pc);
        }
        break;
    case DISAS_UPDATE_EXIT:
        a64_gen_set_pc_im(db->pc_next);
        tcg_gen_exit_tb(NULL, 0);
        break;
    case DISAS_UPDATE_NOCHAIN:
        a64_gen_set_pc_im(db->pc_next);
        if (db->singlestep_enabled) {
            tcg_gen_exit_tb(NULL, 0);
        } else {
            tcg_gen_lookup_and_goto_ptr();
        }
        break;
    case DISAS_EXIT:
        tcg_gen_exit_tb(NULL, 0);
        break;
    case DISAS_WFI:
        a64_gen_set_pc_im(db->pc_next);
        tcg_gen_call(&helper_info_wfi, NULL, tcg_env);
        tcg_gen_exit_tb(NULL, 0);
        break;
    case DISAS_WFE:
        a64_gen_set_pc_im(db->pc_next);
        tcg_gen_call(&helper_info_wfe, NULL, tcg_env);
        tcg_gen_exit_tb(NULL, 0);
        break;
    case DISAS_YIELD:
        a64_gen_set_pc_im(db->pc_next);
        tcg_gen_exit_tb(NULL, 0);
        break;
    case DISAS_NORETURN:
    default:
        break;
    }
}

static const TranslatorOps a64_translator_ops = {
    .init_disas_context = a64_init_disas_context,
    .tb_start = a64_tb_start,
    .insn_start = a64_insn_start,
    .translate_insn = a64_translate_insn,
    .tb_stop = a64_tb_stop,
};

void arm_translate_code(CPUState *cpu, TranslationBlock *tb, int max_insns)
{
    DisasContext dc = { 0 };

    translator_loop(cpu, tb, max_insns, &a64_translator_ops, &dc.base);
}
