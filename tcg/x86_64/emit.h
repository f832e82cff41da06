/*
 * emit.h — an x86-64 instruction encoder for the code generator.
 *
 * Only what the backend needs, written for speed: every function appends
 * one instruction at e->ptr (in the writable view of the code buffer) and
 * never checks for space; the code generator guarantees a margin before
 * each IR op (see TCG_MAX_OP_BYTES in backend.h).
 *
 * Encoding references: Intel SDM vol. 2A, 2.1 "Instruction Format"
 * (prefixes, ModRM, SIB, displacement, immediate), 2.2.1 "REX prefixes",
 * 2.3 "VEX prefix" and the instruction pages of vol. 2A-2C.
 *
 * Operand size is passed as `w`: true for 64-bit (REX.W), false for 32-bit
 * (which zero-extends the destination to 64 bits, Intel SDM vol. 1, 3.4.1.1).
 * Memory operands are base + index * (1 << shift) + disp; base or index may
 * be X86_NOREG.
 */
#ifndef TURTLE_TCG_X86_64_EMIT_H
#define TURTLE_TCG_X86_64_EMIT_H

#include "util/osdep.h"

typedef enum X86Reg {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_NOREG = -1,
} X86Reg;

/* Condition codes (the low nibble of jcc/setcc/cmovcc), SDM vol. 1, B.1. */
typedef enum X86Cond {
    X86_CC_O, X86_CC_NO, X86_CC_B, X86_CC_AE, X86_CC_E, X86_CC_NE,
    X86_CC_BE, X86_CC_A, X86_CC_S, X86_CC_NS, X86_CC_P, X86_CC_NP,
    X86_CC_L, X86_CC_GE, X86_CC_LE, X86_CC_G,
} X86Cond;

static inline X86Cond x86_cond_invert(X86Cond c)
{
    return c ^ 1;
}

/* The ALU group: the /digit of opcodes 80/81/83 and bits 5:3 of 00..3F. */
typedef enum X86Alu {
    X86_ADD, X86_OR, X86_ADC, X86_SBB, X86_AND, X86_SUB, X86_XOR, X86_CMP,
} X86Alu;

/* The shift group: the /digit of C1/D1/D3. */
typedef enum X86Shift {
    X86_ROL = 0, X86_ROR = 1, X86_SHL = 4, X86_SHR = 5, X86_SAR = 7,
} X86Shift;

/* Group 3 unary ops: the /digit of F6/F7. */
typedef enum X86Unary {
    X86_NOT = 2, X86_NEG = 3, X86_MUL = 4, X86_IMUL1 = 5, X86_DIV = 6, X86_IDIV = 7,
} X86Unary;

/* Bit counting (F3 0F xx / 0F xx). */
typedef enum X86BitOp {
    X86_BSF, X86_BSR, X86_TZCNT, X86_LZCNT, X86_POPCNT,
} X86BitOp;

/* BMI2 shifts with the count in any register (VEX F7, SDM vol. 2B SARX/SHLX/SHRX). */
typedef enum X86ShiftX {
    X86_SHLX, X86_SHRX, X86_SARX,
} X86ShiftX;

typedef struct X86Emit {
    uint8_t *ptr;            /* next byte to write (rw view) */
    ptrdiff_t rx_minus_rw;   /* to compute pc-relative offsets */
} X86Emit;

/* The rx (execution) address of the next byte. */
static inline uintptr_t x86_pc(const X86Emit *e)
{
    return (uintptr_t)e->ptr + e->rx_minus_rw;
}

static inline void x86_byte(X86Emit *e, uint8_t b)
{
    *e->ptr++ = b;
}

static inline void x86_u16(X86Emit *e, uint16_t v)
{
    memcpy(e->ptr, &v, 2);
    e->ptr += 2;
}

static inline void x86_u32(X86Emit *e, uint32_t v)
{
    memcpy(e->ptr, &v, 4);
    e->ptr += 4;
}

static inline void x86_u64(X86Emit *e, uint64_t v)
{
    memcpy(e->ptr, &v, 8);
    e->ptr += 8;
}

static inline bool x86_fits_s8(int64_t v)
{
    return v == (int8_t)v;
}

static inline bool x86_fits_s32(int64_t v)
{
    return v == (int32_t)v;
}

/* --- raw opcode encoding -------------------------------------------------- */

/*
 * Opcode words: the low byte is the opcode, the flags add what comes before.
 * X86_P_REXB_R / X86_P_REXB_RM mark the operand as a byte register, so that
 * registers 4-7 mean spl/bpl/sil/dil (needs a REX prefix) and not ah..bh.
 */
enum {
    X86_P_0F      = 0x100,     /* two-byte opcode 0F xx */
    X86_P_0F38    = 0x200,     /* three-byte opcode 0F 38 xx */
    X86_P_0F3A    = 0x400,     /* three-byte opcode 0F 3A xx */
    X86_P_66      = 0x800,     /* operand-size prefix (or SIMD prefix 66) */
    X86_P_F3      = 0x1000,    /* REP / SIMD prefix F3 */
    X86_P_F2      = 0x2000,    /* REPNE / SIMD prefix F2 */
    X86_P_REXW    = 0x4000,    /* 64-bit operand size */
    X86_P_REXB_R  = 0x8000,    /* ModRM.reg is a byte register */
    X86_P_REXB_RM = 0x10000,   /* ModRM.rm is a byte register */
};

/*
 * Legacy prefixes, REX and the opcode bytes of opc. index < 0 and rm < 0
 * mean "none". Written for the common case (no legacy prefix, no byte
 * register, one opcode byte): the REX bits are computed without branches.
 */
static inline __attribute__((always_inline))
void x86_emit_prefix(X86Emit *e, uint32_t opc, int r, int index, int rm, bool rm_is_reg)
{
    uint8_t *p = e->ptr;
    unsigned rex;

    if (__builtin_expect(opc & (X86_P_66 | X86_P_F3 | X86_P_F2), 0)) {
        if (opc & X86_P_66) {
            *p++ = 0x66;
        }
        if (opc & X86_P_F3) {
            *p++ = 0xf3;
        } else if (opc & X86_P_F2) {
            *p++ = 0xf2;
        }
    }
    /* W from the flag, R/X/B from bit 3 of reg, index, rm (none: 0). */
    rex = ((opc & X86_P_REXW) >> 11)
        | ((unsigned)(r & 8) >> 1)
        | ((unsigned)(index & ~(index >> 31) & 8) >> 2)
        | ((unsigned)(rm & ~(rm >> 31) & 8) >> 3);
    /*
     * Without REX, byte registers 4-7 are ah, ch, dh, bh; any REX makes
     * them spl, bpl, sil, dil (SDM vol. 2A, 3.7.2.1 / table 3-1).
     */
    if (__builtin_expect(opc & (X86_P_REXB_R | X86_P_REXB_RM), 0)) {
        if (((opc & X86_P_REXB_R) && r >= 4) ||
            ((opc & X86_P_REXB_RM) && rm_is_reg && rm >= 4)) {
            rex |= 0x40;
        }
    }
    if (rex) {
        *p++ = (uint8_t)(0x40 | rex);
    }
    if (__builtin_expect(opc & (X86_P_0F | X86_P_0F38 | X86_P_0F3A), 0)) {
        *p++ = 0x0f;
        if (opc & X86_P_0F38) {
            *p++ = 0x38;
        } else if (opc & X86_P_0F3A) {
            *p++ = 0x3a;
        }
    }
    *p++ = (uint8_t)opc;
    e->ptr = p;
}

/* opc with register-direct ModRM (mod = 3). */
static inline void x86_op_rr(X86Emit *e, uint32_t opc, int r, int rm)
{
    x86_emit_prefix(e, opc, r, -1, rm, true);
    *e->ptr++ = (uint8_t)(0xc0 | ((r & 7) << 3) | (rm & 7));
}

static inline uint32_t x86_w(bool w)
{
    return w ? X86_P_REXW : 0;
}

static inline void x86_mov_rr(X86Emit *e, bool w, int dst, int src)
{
    x86_op_rr(e, 0x8b | x86_w(w), dst, src);
}

static inline void x86_alu_rr(X86Emit *e, X86Alu op, bool w, int dst, int src)
{
    x86_op_rr(e, ((op << 3) | 3) | x86_w(w), dst, src);
}

/* dst op= imm (sign-extended 8 or 32-bit immediate form). */
static inline void x86_alu_ri(X86Emit *e, X86Alu op, bool w, int dst, int32_t imm)
{
    if (x86_fits_s8(imm)) {
        x86_op_rr(e, 0x83 | x86_w(w), op, dst);
        *e->ptr++ = (uint8_t)imm;
    } else if (dst == X86_RAX) {
        x86_emit_prefix(e, ((op << 3) | 5) | x86_w(w), 0, -1, -1, false);
        x86_u32(e, (uint32_t)imm);
    } else {
        x86_op_rr(e, 0x81 | x86_w(w), op, dst);
        x86_u32(e, (uint32_t)imm);
    }
}

/* opc with a memory ModRM; r is a register or a /digit. */
static inline void x86_op_rm(X86Emit *e, uint32_t opc, int r, int base, int index,
                             int shift, int32_t disp)
{
    /* index 100b means "no index": rsp can not be an index. */
    g_assert(index != X86_RSP);
    x86_emit_prefix(e, opc, r, index, base, false);
    if (base < 0) {
        /* [index*scale + disp32] or [disp32]: SIB with base 101b, mod 00. */
        *e->ptr++ = (uint8_t)(((r & 7) << 3) | 4);
        *e->ptr++ = (uint8_t)((shift << 6) | ((index < 0 ? 4 : index & 7) << 3) | 5);
        x86_u32(e, disp);
        return;
    }

    int mod;
    if (disp == 0 && (base & 7) != X86_RBP) {
        mod = 0;            /* rbp/r13 with mod 00 would mean rip/disp32 */
    } else if (x86_fits_s8(disp)) {
        mod = 0x40;
    } else {
        mod = 0x80;
    }
    if (index < 0 && (base & 7) != X86_RSP) {
        *e->ptr++ = (uint8_t)(mod | ((r & 7) << 3) | (base & 7));
    } else {
        /* rsp/r12 as base always need a SIB byte. */
        *e->ptr++ = (uint8_t)(mod | ((r & 7) << 3) | 4);
        *e->ptr++ = (uint8_t)((shift << 6) | ((index < 0 ? 4 : index & 7) << 3) | (base & 7));
    }
    if (mod == 0x40) {
        *e->ptr++ = (uint8_t)disp;
    } else if (mod == 0x80) {
        x86_u32(e, disp);
    }
}

/* opc with a rip-relative memory operand; imm_bytes follow the instruction. */
void x86_op_riprel(X86Emit *e, uint32_t opc, int r, uintptr_t target_rx,
                   int imm_bytes);
/* VEX-encoded opc (maps 0F38/0F3A) with register operands r, v (vvvv), rm. */
void x86_op_vex_rr(X86Emit *e, uint32_t opc, int r, int v, int rm);

/* --- moves ---------------------------------------------------------------- */

/* Loads a constant with the shortest form; never touches the flags. */
void x86_movi(X86Emit *e, bool w, int dst, uint64_t imm);
/* Zero via xor (shortest): clobbers the flags. */
void x86_zero(X86Emit *e, int dst);
/* Loads of 1/2/4/8 bytes, zero- or sign-extended into a 32/64-bit dst. */
void x86_load(X86Emit *e, int size, bool sign, bool w, int dst, int base, int index,
              int shift, int32_t disp);
/* Stores of 1/2/4/8 bytes of src. */
void x86_store(X86Emit *e, int size, int src, int base, int index, int shift,
               int32_t disp);
/* Stores of a sign-extended 32-bit immediate (size 8) or a narrower one. */
void x86_store_imm(X86Emit *e, int size, int32_t imm, int base, int index,
                   int shift, int32_t disp);
/* movbe load/store (MOVBE feature), size 2/4/8; loads of 2 zero-extend nothing. */
void x86_movbe_load(X86Emit *e, int size, int dst, int base, int index, int shift,
                    int32_t disp);
void x86_movbe_store(X86Emit *e, int size, int src, int base, int index, int shift,
                     int32_t disp);
/* Register extension: movzx/movsx from 8/16 bits, movsxd, mov r32 (zext 32). */
void x86_ext(X86Emit *e, int size, bool sign, bool w, int dst, int src);
void x86_lea(X86Emit *e, bool w, int dst, int base, int index, int shift, int32_t disp);
/* dst = rip-relative address of target_rx. */
void x86_lea_rip(X86Emit *e, int dst, uintptr_t target_rx);
void x86_cmov(X86Emit *e, X86Cond cc, bool w, int dst, int src);
void x86_setcc(X86Emit *e, X86Cond cc, int dst8);
void x86_xchg_rr(X86Emit *e, bool w, int a, int b);

/* --- arithmetic ----------------------------------------------------------- */

/* reg op= [mem] and [mem] op= reg. */
void x86_alu_rm(X86Emit *e, X86Alu op, bool w, int dst, int base, int index,
                int shift, int32_t disp);
void x86_alu_mr(X86Emit *e, X86Alu op, bool w, int src, int base, int index,
                int shift, int32_t disp);
/* [mem] op= imm. */
void x86_alu_mi(X86Emit *e, X86Alu op, bool w, int32_t imm, int base, int index,
                int shift, int32_t disp);
void x86_test_rr(X86Emit *e, bool w, int a, int b);
void x86_test_ri(X86Emit *e, bool w, int r, uint32_t imm);
void x86_unary(X86Emit *e, X86Unary op, bool w, int r);
void x86_shift_ri(X86Emit *e, X86Shift op, bool w, int r, int count);
/* Shift by CL. */
void x86_shift_cl(X86Emit *e, X86Shift op, bool w, int r);
/* Double-precision shifts (shld/shrd r/m, reg, imm8). */
void x86_shld_ri(X86Emit *e, bool w, int dst, int src, int count);
void x86_shrd_ri(X86Emit *e, bool w, int dst, int src, int count);
void x86_imul_rr(X86Emit *e, bool w, int dst, int src);
void x86_imul_rri(X86Emit *e, bool w, int dst, int src, int32_t imm);
/* cdq (32) / cqo (64): sign-extend eax/rax into edx/rdx. */
void x86_cqo(X86Emit *e, bool w);
void x86_bswap(X86Emit *e, bool w, int r);
/* 16-bit byte swap of the low half: rol r16, 8 (upper bits unchanged). */
void x86_bswap16(X86Emit *e, int r);
void x86_bitop(X86Emit *e, X86BitOp op, bool w, int dst, int src);
void x86_bt_ri(X86Emit *e, bool w, int r, int bit);

/* --- atomics and barriers ------------------------------------------------- */

void x86_lock(X86Emit *e);
void x86_mfence(X86Emit *e);
/* [mem] <-> r exchanges of 1/2/4/8 bytes (xchg is implicitly locked). */
void x86_xchg_m(X86Emit *e, int size, int r, int base, int index, int shift,
                int32_t disp);
/* cmpxchg [mem], r (compares with rax); precede with x86_lock(). */
void x86_cmpxchg_m(X86Emit *e, int size, int r, int base, int index, int shift,
                   int32_t disp);
/* xadd [mem], r; precede with x86_lock(). */
void x86_xadd_m(X86Emit *e, int size, int r, int base, int index, int shift,
                int32_t disp);

/* --- BMI1 / BMI2 ---------------------------------------------------------- */

/* dst = ~a & b */
void x86_andn(X86Emit *e, bool w, int dst, int a, int b);
/* dst = src shifted by count (register). */
void x86_shiftx(X86Emit *e, X86ShiftX op, bool w, int dst, int src, int count);
void x86_rorx(X86Emit *e, bool w, int dst, int src, int count);
/* dst = src with bits [n, width) cleared, n = low byte of index (BMI2). */
void x86_bzhi(X86Emit *e, bool w, int dst, int src, int index);

/* --- control flow --------------------------------------------------------- */

/* jmp/jcc rel32 to target_rx; returns the rw address of the rel32 field. */
uint8_t *x86_jmp(X86Emit *e, uintptr_t target_rx);
uint8_t *x86_jcc(X86Emit *e, X86Cond cc, uintptr_t target_rx);
/* Short forms, target must be within reach: rel8 field pointer returned. */
uint8_t *x86_jmp8(X86Emit *e, uintptr_t target_rx);
uint8_t *x86_jcc8(X86Emit *e, X86Cond cc, uintptr_t target_rx);
/* Rewrites a rel32 / rel8 field (rw address) so it branches to target_rx. */
void x86_patch_rel32(const X86Emit *e, uint8_t *field_rw, uintptr_t target_rx);
void x86_patch_rel8(const X86Emit *e, uint8_t *field_rw, uintptr_t target_rx);
/*
 * call to an absolute address: rel32 if reachable, else via the scratch
 * register (which must be free and not an argument).
 */
void x86_call(X86Emit *e, uintptr_t target, int scratch);
void x86_call_r(X86Emit *e, int r);
void x86_jmp_r(X86Emit *e, int r);
void x86_jmp_m(X86Emit *e, int base, int32_t disp);
void x86_push(X86Emit *e, int r);
void x86_pop(X86Emit *e, int r);
void x86_ret(X86Emit *e);
void x86_ud2(X86Emit *e);
/* Multi-byte nops (SDM vol. 2B, NOP table 4-12) filling n bytes. */
void x86_nops(X86Emit *e, int n);
/* Pads with nops so that x86_pc() + offset is a multiple of align. */
void x86_align(X86Emit *e, int align, int offset);

#endif
