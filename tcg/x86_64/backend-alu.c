/*
 * backend-alu.c — x86-64 code for the arithmetic, logic, shift, bit-field,
 * extension, byte-swap and bit-count ops of the IR.
 *
 * Most x86 instructions are two-address (dst op= src); the constraints
 * leave the output register free and each emitter picks the form that
 * avoids a copy: the output may share a register with any input (reads
 * happen before the write), `lea` gives three-address add/sub, BMI1/2 give
 * three-address andn/shlx/shrx/sarx/rorx. Without BMI2, a shift count in a
 * register must be in cl. Without LZCNT/TZCNT/POPCNT the generic
 * sequences use bsr/bsf and the SWAR population count.
 *
 * r11 (TCG_REG_TMP) is free inside any emitter. Flags are dead between ops.
 */
#include "util/osdep.h"
#include "tcg/x86_64/backend-int.h"

#include <assert.h>

#define RA TCG_REGS_ALLOCATABLE
#define A_R      { .regs = RA, .alias = -1 }
#define A_RI     { .regs = RA, .ct = TCG_CT_CONST_S32, .alias = -1 }
#define A_RANY   { .regs = RA, .ct = TCG_CT_CONST_ANY, .alias = -1 }
#define A_FIX(x) { .regs = R(x), .alias = -1 }
#define A_NOCX   { .regs = RA & ~R(RCX), .alias = -1 }
#define A_ALIAS(i) { .regs = RA, .alias = (i) }

static const TCGOpCons cons_r_r = { .a = { A_R, A_R } };
/* add/sub read their first input once, never write it: env works in place. */
static const TCGOpCons cons_addsub = {
    .a = { A_R, { .regs = RA | R(RBP), .alias = -1 }, A_RI },
};
static const TCGOpCons cons_r_r_ri = { .a = { A_R, A_R, A_RI } };
static const TCGOpCons cons_r_r_r = { .a = { A_R, A_R, A_R } };
static const TCGOpCons cons_r_r_rany = { .a = { A_R, A_R, A_RANY } };
static const TCGOpCons cons_shift_cl = {
    .a = { A_NOCX, A_NOCX, { .regs = R(RCX), .ct = TCG_CT_CONST_S32, .alias = -1 } },
};
static const TCGOpCons cons_movcond = {
    .a = { A_ALIAS(4), A_R, A_RI, A_R, A_R },
};
static const TCGOpCons cons_div = {
    .clobber = R(RAX) | R(RDX),
    .a = { A_FIX(RAX), A_FIX(RAX), { .regs = RA & ~(R(RAX) | R(RDX)), .alias = -1 } },
};
static const TCGOpCons cons_rem = {
    .clobber = R(RAX) | R(RDX),
    .a = { A_FIX(RDX), A_FIX(RAX), { .regs = RA & ~(R(RAX) | R(RDX)), .alias = -1 } },
};
static const TCGOpCons cons_mul2 = {
    .clobber = R(RAX) | R(RDX),
    .a = { A_FIX(RAX), A_FIX(RDX), A_FIX(RAX), { .regs = RA & ~R(RAX), .alias = -1 } },
};
static const TCGOpCons cons_add2 = {
    .a = { A_ALIAS(2), A_ALIAS(3), A_R, A_R, A_RI, A_RI },
};
static const TCGOpCons cons_r_r_scratch = { .nb_scratch = 1, .a = { A_R, A_R } };

const TCGOpCons *tcg_x86_alu_cons(const TCGGen *g, const TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_add: case INDEX_op_sub:
        return &cons_addsub;
    case INDEX_op_mul:
    case INDEX_op_and: case INDEX_op_or: case INDEX_op_xor:
    case INDEX_op_andc: case INDEX_op_orc: case INDEX_op_eqv:
    case INDEX_op_nand: case INDEX_op_nor:
    case INDEX_op_setcond: case INDEX_op_negsetcond:
        return &cons_r_r_ri;
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
        return tcg_has(g, CPUINFO_BMI2) ? &cons_r_r_ri : &cons_shift_cl;
    case INDEX_op_rotl: case INDEX_op_rotr:
        return &cons_shift_cl;
    case INDEX_op_movcond:
        return &cons_movcond;
    case INDEX_op_div: case INDEX_op_divu:
        return &cons_div;
    case INDEX_op_rem: case INDEX_op_remu:
        return &cons_rem;
    case INDEX_op_mulu2: case INDEX_op_muls2:
        return &cons_mul2;
    case INDEX_op_add2: case INDEX_op_sub2:
        return &cons_add2;
    case INDEX_op_deposit: case INDEX_op_extract2:
        return &cons_r_r_r;
    case INDEX_op_clz: case INDEX_op_ctz:
        return &cons_r_r_rany;
    case INDEX_op_ctpop:
        if (!tcg_has(g, CPUINFO_POPCNT) && op->type == TCG_TYPE_I64) {
            return &cons_r_r_scratch;
        }
        return &cons_r_r;
    default:
        /* neg, not, extract, sextract, ext*, bswap*: one in, one out. */
        return &cons_r_r;
    }
}

/* ----------------------------------------------------------------- helpers */

static inline void mov_if(TCGGen *g, bool w, int d, int s)
{
    if (d != s) {
        x86_mov_rr(&g->e, w, d, s);
    }
}

/* The immediate of a constant input of an op of width w. */
static inline int32_t imm32(int64_t v)
{
    return (int32_t)v;
}

/* ----------------------------------------------------------- arithmetic */

static void emit_add(TCGGen *g, bool w, int o, int x, int64_t y, bool yc)
{
    if (yc) {
        if (imm32(y) == 0) {
            mov_if(g, w, o, x);
        } else if (o == x) {
            x86_alu_ri(&g->e, X86_ADD, w, o, imm32(y));
        } else {
            x86_lea(&g->e, w, o, x, X86_NOREG, 0, imm32(y));
        }
    } else if (o == x) {
        x86_alu_rr(&g->e, X86_ADD, w, o, (int)y);
    } else if (o == y) {
        x86_alu_rr(&g->e, X86_ADD, w, o, x);
    } else {
        x86_lea(&g->e, w, o, x, (int)y, 0, 0);
    }
}

static void emit_sub(TCGGen *g, bool w, int o, int x, int64_t y, bool yc)
{
    if (yc) {
        int32_t i = imm32(y);
        if (i == 0) {
            mov_if(g, w, o, x);
        } else if (o != x && i != INT32_MIN) {
            x86_lea(&g->e, w, o, x, X86_NOREG, 0, -i);
        } else {
            mov_if(g, w, o, x);
            x86_alu_ri(&g->e, X86_SUB, w, o, i);
        }
    } else if (o == x) {
        x86_alu_rr(&g->e, X86_SUB, w, o, (int)y);
    } else if (o == y) {
        /* o = x - o = -o + x */
        x86_unary(&g->e, X86_NEG, w, o);
        x86_alu_rr(&g->e, X86_ADD, w, o, x);
    } else {
        x86_mov_rr(&g->e, w, o, x);
        x86_alu_rr(&g->e, X86_SUB, w, o, (int)y);
    }
}

static void emit_mul(TCGGen *g, bool w, int o, int x, int64_t y, bool yc)
{
    if (yc) {
        x86_imul_rri(&g->e, w, o, x, imm32(y));
    } else if (o == x) {
        x86_imul_rr(&g->e, w, o, (int)y);
    } else if (o == y) {
        x86_imul_rr(&g->e, w, o, x);
    } else {
        x86_mov_rr(&g->e, w, o, x);
        x86_imul_rr(&g->e, w, o, (int)y);
    }
}

/* o = x op y for the commutative and/or/xor. */
static void emit_logic(TCGGen *g, X86Alu op, bool w, int o, int x, int64_t y, bool yc)
{
    if (yc) {
        int32_t i = imm32(y);
        if (op == X86_AND && (i == 0xff || i == 0xffff)) {
            x86_ext(&g->e, i == 0xff ? 1 : 2, false, w, o, x);
            return;
        }
        if (op == X86_AND && i == -1) {
            mov_if(g, w, o, x);
            return;
        }
        mov_if(g, w, o, x);
        x86_alu_ri(&g->e, op, w, o, i);
    } else if (o == x) {
        x86_alu_rr(&g->e, op, w, o, (int)y);
    } else if (o == y) {
        x86_alu_rr(&g->e, op, w, o, x);
    } else {
        x86_mov_rr(&g->e, w, o, x);
        x86_alu_rr(&g->e, op, w, o, (int)y);
    }
}

/* o = x op ~y (andc, orc). */
static void emit_logic_c(TCGGen *g, X86Alu op, bool w, int o, int x, int64_t y, bool yc)
{
    if (yc) {
        emit_logic(g, op, w, o, x, ~y, true);
    } else if (op == X86_AND && tcg_has(g, CPUINFO_BMI1)) {
        x86_andn(&g->e, w, o, (int)y, x);
    } else if (o == x) {
        x86_mov_rr(&g->e, w, TCG_REG_TMP, (int)y);
        x86_unary(&g->e, X86_NOT, w, TCG_REG_TMP);
        x86_alu_rr(&g->e, op, w, o, TCG_REG_TMP);
    } else {
        mov_if(g, w, o, (int)y);
        x86_unary(&g->e, X86_NOT, w, o);
        x86_alu_rr(&g->e, op, w, o, x);
    }
}

static void emit_shift(TCGGen *g, TCGOpcode opc, bool w, int o, int x, int64_t y,
                       bool yc)
{
    unsigned width = w ? 64 : 32;
    X86Shift sop;

    switch (opc) {
    case INDEX_op_shl: sop = X86_SHL; break;
    case INDEX_op_shr: sop = X86_SHR; break;
    case INDEX_op_sar: sop = X86_SAR; break;
    case INDEX_op_rotl: sop = X86_ROL; break;
    default: sop = X86_ROR; break;
    }
    if (yc) {
        /* Counts out of range are undefined: the hardware's masking is fine. */
        unsigned c = (unsigned)y & (width - 1);
        if (c == 0) {
            mov_if(g, w, o, x);
        } else if ((sop == X86_ROL || sop == X86_ROR) && o != x
                   && tcg_has(g, CPUINFO_BMI2)) {
            x86_rorx(&g->e, w, o, x, sop == X86_ROR ? c : width - c);
        } else if (sop == X86_SHL && c == 1 && o != x) {
            x86_lea(&g->e, w, o, x, x, 0, 0);       /* o = x + x */
        } else {
            mov_if(g, w, o, x);
            x86_shift_ri(&g->e, sop, w, o, c);
        }
    } else if (tcg_has(g, CPUINFO_BMI2) && sop != X86_ROL && sop != X86_ROR) {
        x86_shiftx(&g->e, sop == X86_SHL ? X86_SHLX : sop == X86_SHR ? X86_SHRX : X86_SARX,
                   w, o, x, (int)y);
    } else {
        assert(y == X86_RCX && o != X86_RCX);
        mov_if(g, w, o, x);
        x86_shift_cl(&g->e, sop, w, o);
    }
}

static void emit_setcond(TCGGen *g, const TCGOp *op, const TCGGenArgs *ga, bool neg)
{
    bool w = op->type == TCG_TYPE_I64;
    int o = (int)ga->a[0], x = (int)ga->a[1];
    TCGCond c = (TCGCond)ga->a[3];

    if (c == TCG_COND_ALWAYS || c == TCG_COND_NEVER) {
        x86_movi(&g->e, w, o, c == TCG_COND_ALWAYS ? (neg ? (uint64_t)-1 : 1) : 0);
        return;
    }
    if (o != x && (ga->is_const[2] || o != (int)ga->a[2])) {
        /* Zero first (before the compare): no partial-register merge. */
        x86_zero(&g->e, o);
        tcg_x86_cmp(g, w, x, ga->a[2], ga->is_const[2]);
        x86_setcc(&g->e, tcg_x86_cond(c), o);
    } else {
        tcg_x86_cmp(g, w, x, ga->a[2], ga->is_const[2]);
        x86_setcc(&g->e, tcg_x86_cond(c), o);
        x86_ext(&g->e, 1, false, false, o, o);
    }
    if (neg) {
        x86_unary(&g->e, X86_NEG, w, o);
    }
}

static void emit_movcond(TCGGen *g, const TCGOp *op, const TCGGenArgs *ga)
{
    bool w = op->type == TCG_TYPE_I64;
    int o = (int)ga->a[0];
    TCGCond c = (TCGCond)ga->a[5];

    /* o already holds v2 (aliased). */
    if (c == TCG_COND_NEVER) {
        return;
    }
    if (c == TCG_COND_ALWAYS) {
        mov_if(g, w, o, (int)ga->a[3]);
        return;
    }
    tcg_x86_cmp(g, w, (int)ga->a[1], ga->a[2], ga->is_const[2]);
    x86_cmov(&g->e, tcg_x86_cond(c), w, o, (int)ga->a[3]);
}

/* ------------------------------------------------------------ bit fields */

static void emit_extract(TCGGen *g, bool w, int o, int x, unsigned pos, unsigned len,
                         bool sign)
{
    unsigned width = w ? 64 : 32;

    if (pos == 0 && len == width) {
        mov_if(g, w, o, x);
        return;
    }
    if (pos == 0 && (len == 8 || len == 16 || len == 32)) {
        x86_ext(&g->e, len / 8, sign, w, o, x);
        return;
    }
    if (pos + len == width) {
        mov_if(g, w, o, x);
        x86_shift_ri(&g->e, sign ? X86_SAR : X86_SHR, w, o, pos);
        return;
    }
    if (!sign && pos + len == 32) {
        /* A 32-bit shr drops bits 63:32 and zero-extends: one insn. */
        mov_if(g, false, o, x);
        x86_shift_ri(&g->e, X86_SHR, false, o, pos);
        return;
    }
    if (!sign && len < 32) {
        int32_t mask = (int32_t)((1u << len) - 1);
        if (pos && tcg_has(g, CPUINFO_BMI2) && o != x) {
            x86_rorx(&g->e, w, o, x, pos);
        } else {
            mov_if(g, w, o, x);
            if (pos) {
                x86_shift_ri(&g->e, X86_SHR, w, o, pos);
            }
        }
        /* The 32-bit and clears bits 63:32 too, as wanted. */
        x86_alu_ri(&g->e, X86_AND, false, o, mask);
        return;
    }
    mov_if(g, w, o, x);
    x86_shift_ri(&g->e, X86_SHL, w, o, width - pos - len);
    x86_shift_ri(&g->e, sign ? X86_SAR : X86_SHR, w, o, width - len);
}

static void emit_deposit(TCGGen *g, bool w, int o, int x, int y, unsigned pos,
                         unsigned len)
{
    unsigned width = w ? 64 : 32;
    uint64_t mask;
    int64_t notmask;

    if (len == width) {
        mov_if(g, w, o, y);
        return;
    }
    if (pos == 0 && (len == 8 || len == 16) && o != y) {
        /* Replace the low byte / word in place. */
        mov_if(g, w, o, x);
        if (len == 8) {
            x86_op_rr(&g->e, 0x88 | X86_P_REXB_R | X86_P_REXB_RM, y, o);
        } else {
            x86_op_rr(&g->e, 0x89 | X86_P_66, y, o);
        }
        return;
    }
    /* r11 = the field of y at its place, zeros elsewhere. */
    x86_mov_rr(&g->e, w, TCG_REG_TMP, y);
    if (pos + len < width) {
        x86_shift_ri(&g->e, X86_SHL, w, TCG_REG_TMP, width - len);
        x86_shift_ri(&g->e, X86_SHR, w, TCG_REG_TMP, width - len - pos);
    } else {
        x86_shift_ri(&g->e, X86_SHL, w, TCG_REG_TMP, pos);
    }
    /* o = x with the field cleared. */
    mask = (((uint64_t)1 << len) - 1) << pos;
    notmask = w ? (int64_t)~mask : (int32_t)~(uint32_t)mask;
    mov_if(g, w, o, x);
    if (notmask == (int32_t)notmask) {
        x86_alu_ri(&g->e, X86_AND, w, o, (int32_t)notmask);
    } else {
        /* Rotate the field to the bottom, shift it out and back, rotate back. */
        if (pos) {
            x86_shift_ri(&g->e, X86_ROR, w, o, pos);
        }
        x86_shift_ri(&g->e, X86_SHR, w, o, len);
        x86_shift_ri(&g->e, X86_SHL, w, o, len);
        if (pos) {
            x86_shift_ri(&g->e, X86_ROL, w, o, pos);
        }
    }
    x86_alu_rr(&g->e, X86_OR, w, o, TCG_REG_TMP);
}

static void emit_extract2(TCGGen *g, bool w, int o, int lo, int hi, unsigned sh)
{
    if (sh == 0) {
        mov_if(g, w, o, lo);
    } else if (o == hi && o != lo) {
        x86_mov_rr(&g->e, w, TCG_REG_TMP, lo);
        x86_shrd_ri(&g->e, w, TCG_REG_TMP, hi, sh);
        x86_mov_rr(&g->e, w, o, TCG_REG_TMP);
    } else {
        mov_if(g, w, o, lo);
        x86_shrd_ri(&g->e, w, o, hi, sh);
    }
}

/* ------------------------------------------------------------ bit counts */

/* clz/ctz: o = x ? count(x) : z. */
static void emit_count(TCGGen *g, bool w, bool leading, int o, int x, int64_t z,
                       bool zc)
{
    unsigned width = w ? 64 : 32;
    bool native = leading ? tcg_has(g, CPUINFO_LZCNT) : tcg_has(g, CPUINFO_BMI1);

    if (native) {
        /* lzcnt/tzcnt give width for 0 and set CF when the source is 0. */
        X86BitOp bop = leading ? X86_LZCNT : X86_TZCNT;
        if (zc && (uint64_t)z == width) {
            x86_bitop(&g->e, bop, w, o, x);
        } else if (zc) {
            x86_bitop(&g->e, bop, w, o, x);
            x86_movi(&g->e, w, TCG_REG_TMP, (uint64_t)z);
            x86_cmov(&g->e, X86_CC_B, w, o, TCG_REG_TMP);
        } else if (o == z) {
            x86_bitop(&g->e, bop, w, TCG_REG_TMP, x);
            x86_cmov(&g->e, X86_CC_AE, w, o, TCG_REG_TMP);
        } else {
            x86_bitop(&g->e, bop, w, o, x);
            x86_cmov(&g->e, X86_CC_B, w, o, (int)z);
        }
        return;
    }
    /* bsr/bsf: ZF = (source == 0), destination undefined then. */
    if (leading) {
        if (zc) {
            x86_bitop(&g->e, X86_BSR, w, TCG_REG_TMP, x);
            x86_movi(&g->e, w, o, (uint64_t)z ^ (width - 1));
            x86_cmov(&g->e, X86_CC_NE, w, o, TCG_REG_TMP);
            x86_alu_ri(&g->e, X86_XOR, w, o, width - 1);
        } else {
            /* clz = bsr ^ (width - 1) for a nonzero source. */
            x86_bitop(&g->e, X86_BSR, w, TCG_REG_TMP, x);
            x86_alu_ri(&g->e, X86_XOR, w, TCG_REG_TMP, width - 1);
            x86_test_rr(&g->e, w, x, x);
            x86_cmov(&g->e, X86_CC_E, w, TCG_REG_TMP, (int)z);
            x86_mov_rr(&g->e, w, o, TCG_REG_TMP);
        }
    } else {
        x86_bitop(&g->e, X86_BSF, w, TCG_REG_TMP, x);
        if (zc) {
            x86_movi(&g->e, w, o, (uint64_t)z);
            x86_cmov(&g->e, X86_CC_NE, w, o, TCG_REG_TMP);
        } else {
            x86_cmov(&g->e, X86_CC_E, w, TCG_REG_TMP, (int)z);
            x86_mov_rr(&g->e, w, o, TCG_REG_TMP);
        }
    }
}

/*
 * Population count without POPCNT: the SWAR reduction (sum bit pairs,
 * nibbles, bytes, then add all bytes with one multiply).
 */
static void emit_ctpop_generic(TCGGen *g, bool w, int o, int x, int s)
{
    X86Emit *e = &g->e;
    const int t = TCG_REG_TMP;

    mov_if(g, w, o, x);
    x86_mov_rr(e, w, t, o);
    x86_shift_ri(e, X86_SHR, w, t, 1);
    if (w) {
        x86_movi(e, true, s, 0x5555555555555555ull);
        x86_alu_rr(e, X86_AND, true, t, s);
    } else {
        x86_alu_ri(e, X86_AND, false, t, 0x55555555);
    }
    x86_alu_rr(e, X86_SUB, w, o, t);

    x86_mov_rr(e, w, t, o);
    x86_shift_ri(e, X86_SHR, w, t, 2);
    if (w) {
        x86_movi(e, true, s, 0x3333333333333333ull);
        x86_alu_rr(e, X86_AND, true, t, s);
        x86_alu_rr(e, X86_AND, true, o, s);
    } else {
        x86_alu_ri(e, X86_AND, false, t, 0x33333333);
        x86_alu_ri(e, X86_AND, false, o, 0x33333333);
    }
    x86_alu_rr(e, X86_ADD, w, o, t);

    x86_mov_rr(e, w, t, o);
    x86_shift_ri(e, X86_SHR, w, t, 4);
    x86_alu_rr(e, X86_ADD, w, o, t);
    if (w) {
        x86_movi(e, true, s, 0x0f0f0f0f0f0f0f0full);
        x86_alu_rr(e, X86_AND, true, o, s);
        x86_movi(e, true, s, 0x0101010101010101ull);
        x86_imul_rr(e, true, o, s);
        x86_shift_ri(e, X86_SHR, true, o, 56);
    } else {
        x86_alu_ri(e, X86_AND, false, o, 0x0f0f0f0f);
        x86_imul_rri(e, false, o, o, 0x01010101);
        x86_shift_ri(e, X86_SHR, false, o, 24);
    }
}

/* --------------------------------------------------------------- dispatch */

void tcg_x86_emit_alu(TCGGen *g, const TCGOp *op, const TCGGenArgs *ga)
{
    X86Emit *e = &g->e;
    bool w = op->type == TCG_TYPE_I64;
    int o = (int)ga->a[0];
    int x = (int)ga->a[1];
    int64_t y = ga->a[2];
    bool yc = ga->is_const[2];

    switch (op->opc) {
    case INDEX_op_add:
        emit_add(g, w, o, x, y, yc);
        break;
    case INDEX_op_sub:
        emit_sub(g, w, o, x, y, yc);
        break;
    case INDEX_op_mul:
        emit_mul(g, w, o, x, y, yc);
        break;
    case INDEX_op_and:
        emit_logic(g, X86_AND, w, o, x, y, yc);
        break;
    case INDEX_op_or:
        emit_logic(g, X86_OR, w, o, x, y, yc);
        break;
    case INDEX_op_xor:
        emit_logic(g, X86_XOR, w, o, x, y, yc);
        break;
    case INDEX_op_andc:
        emit_logic_c(g, X86_AND, w, o, x, y, yc);
        break;
    case INDEX_op_orc:
        emit_logic_c(g, X86_OR, w, o, x, y, yc);
        break;
    case INDEX_op_eqv:
        emit_logic(g, X86_XOR, w, o, x, y, yc);
        x86_unary(e, X86_NOT, w, o);
        break;
    case INDEX_op_nand:
        emit_logic(g, X86_AND, w, o, x, y, yc);
        x86_unary(e, X86_NOT, w, o);
        break;
    case INDEX_op_nor:
        emit_logic(g, X86_OR, w, o, x, y, yc);
        x86_unary(e, X86_NOT, w, o);
        break;
    case INDEX_op_neg:
        mov_if(g, w, o, x);
        x86_unary(e, X86_NEG, w, o);
        break;
    case INDEX_op_not:
        mov_if(g, w, o, x);
        x86_unary(e, X86_NOT, w, o);
        break;
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr:
        emit_shift(g, (TCGOpcode)op->opc, w, o, x, y, yc);
        break;
    case INDEX_op_setcond:
        emit_setcond(g, op, ga, false);
        break;
    case INDEX_op_negsetcond:
        emit_setcond(g, op, ga, true);
        break;
    case INDEX_op_movcond:
        emit_movcond(g, op, ga);
        break;
    case INDEX_op_div: case INDEX_op_rem:
        x86_cqo(e, w);
        x86_unary(e, X86_IDIV, w, (int)y);
        break;
    case INDEX_op_divu: case INDEX_op_remu:
        x86_zero(e, X86_RDX);
        x86_unary(e, X86_DIV, w, (int)y);
        break;
    case INDEX_op_mulu2:
        x86_unary(e, X86_MUL, w, (int)ga->a[3]);
        break;
    case INDEX_op_muls2:
        x86_unary(e, X86_IMUL1, w, (int)ga->a[3]);
        break;
    case INDEX_op_add2:
    case INDEX_op_sub2: {
        bool add = op->opc == INDEX_op_add2;
        int lo = (int)ga->a[0], hi = (int)ga->a[1];
        if (ga->is_const[4]) {
            x86_alu_ri(e, add ? X86_ADD : X86_SUB, w, lo, imm32(ga->a[4]));
        } else {
            x86_alu_rr(e, add ? X86_ADD : X86_SUB, w, lo, (int)ga->a[4]);
        }
        if (ga->is_const[5]) {
            x86_alu_ri(e, add ? X86_ADC : X86_SBB, w, hi, imm32(ga->a[5]));
        } else {
            x86_alu_rr(e, add ? X86_ADC : X86_SBB, w, hi, (int)ga->a[5]);
        }
        break;
    }
    case INDEX_op_extract:
        emit_extract(g, w, o, x, (unsigned)ga->a[2], (unsigned)ga->a[3], false);
        break;
    case INDEX_op_sextract:
        emit_extract(g, w, o, x, (unsigned)ga->a[2], (unsigned)ga->a[3], true);
        break;
    case INDEX_op_deposit:
        emit_deposit(g, w, o, x, (int)y, (unsigned)ga->a[3], (unsigned)ga->a[4]);
        break;
    case INDEX_op_extract2:
        emit_extract2(g, w, o, x, (int)y, (unsigned)ga->a[3]);
        break;
    case INDEX_op_ext8s:
        x86_ext(e, 1, true, w, o, x);
        break;
    case INDEX_op_ext8u:
        x86_ext(e, 1, false, w, o, x);
        break;
    case INDEX_op_ext16s:
        x86_ext(e, 2, true, w, o, x);
        break;
    case INDEX_op_ext16u:
        x86_ext(e, 2, false, w, o, x);
        break;
    case INDEX_op_ext32s:
    case INDEX_op_ext_i32_i64:
        x86_ext(e, 4, true, true, o, x);
        break;
    case INDEX_op_ext32u:
    case INDEX_op_extrl_i64_i32:
        x86_mov_rr(e, false, o, x);
        break;
    case INDEX_op_extu_i32_i64:
        /* An i32 in a register is already zero-extended. */
        mov_if(g, false, o, x);
        break;
    case INDEX_op_extrh_i64_i32:
        mov_if(g, true, o, x);
        x86_shift_ri(e, X86_SHR, true, o, 32);
        break;
    case INDEX_op_bswap16:
        x86_ext(e, 2, false, false, o, x);
        x86_bswap16(e, o);
        if (y & TCG_BSWAP_OS) {
            x86_ext(e, 2, true, w, o, o);
        }
        break;
    case INDEX_op_bswap32:
        x86_mov_rr(e, false, o, x);
        x86_bswap(e, false, o);
        if (w && (y & TCG_BSWAP_OS)) {
            x86_ext(e, 4, true, true, o, o);
        }
        break;
    case INDEX_op_bswap64:
        mov_if(g, true, o, x);
        x86_bswap(e, true, o);
        break;
    case INDEX_op_clz:
        emit_count(g, w, true, o, x, y, yc);
        break;
    case INDEX_op_ctz:
        emit_count(g, w, false, o, x, y, yc);
        break;
    case INDEX_op_ctpop:
        if (tcg_has(g, CPUINFO_POPCNT)) {
            x86_bitop(e, X86_POPCNT, w, o, x);
        } else {
            emit_ctpop_generic(g, w, o, x, ga->scratch[0]);
        }
        break;
    default:
        g_error("tcg x86-64 backend: op %s not handled", tcg_op_defs[op->opc].name);
    }
}
