/*
 * emit.c — the x86-64 instruction encoder (see emit.h).
 *
 * Layout of one instruction (Intel SDM vol. 2A, 2.1): legacy prefixes
 * (66, F2/F3), REX (0100WRXB), opcode (0F / 0F 38 / 0F 3A escape), ModRM,
 * SIB, displacement, immediate. VEX-encoded instructions (BMI1/2) replace
 * the prefixes, REX and escape bytes with a 3-byte C4 prefix (2.3.5).
 */
#include "util/osdep.h"
#include "tcg/x86_64/emit.h"

#include <assert.h>

void x86_op_riprel(X86Emit *e, uint32_t opc, int r, uintptr_t target_rx,
                   int imm_bytes)
{
    x86_emit_prefix(e, opc, r, -1, -1, false);
    x86_byte(e, ((r & 7) << 3) | 5);       /* mod 00, rm 101: [rip + disp32] */
    intptr_t disp = target_rx - (x86_pc(e) + 4 + imm_bytes);
    assert(x86_fits_s32(disp));
    x86_u32(e, (uint32_t)disp);
}

void x86_op_vex_rr(X86Emit *e, uint32_t opc, int r, int v, int rm)
{
    int map = (opc & X86_P_0F3A) ? 3 : (opc & X86_P_0F38) ? 2 : 1;
    int pp = (opc & X86_P_66) ? 1 : (opc & X86_P_F3) ? 2 : (opc & X86_P_F2) ? 3 : 0;

    x86_byte(e, 0xc4);
    /* R, X, B are stored inverted; there is no index here. */
    x86_byte(e, ((r & 8) ? 0 : 0x80) | 0x40 | ((rm & 8) ? 0 : 0x20) | map);
    x86_byte(e, ((opc & X86_P_REXW) ? 0x80 : 0) | ((~v & 15) << 3) | pp);
    x86_byte(e, opc & 0xff);
    x86_byte(e, 0xc0 | ((r & 7) << 3) | (rm & 7));
}

/* --- moves ---------------------------------------------------------------- */


void x86_movi(X86Emit *e, bool w, int dst, uint64_t imm)
{
    if (!w) {
        imm = (uint32_t)imm;
    }
    if (imm == (uint32_t)imm) {
        /* mov r32, imm32 zero-extends: B8+r id. */
        x86_emit_prefix(e, 0xb8 + (dst & 7), 0, -1, dst, true);
        x86_u32(e, (uint32_t)imm);
    } else if (x86_fits_s32((int64_t)imm)) {
        x86_op_rr(e, 0xc7 | X86_P_REXW, 0, dst);
        x86_u32(e, (uint32_t)imm);
    } else if (x86_fits_s32((int64_t)(imm - (x86_pc(e) + 7)))) {
        /* An address near the code: lea is 7 bytes instead of 10. */
        x86_lea_rip(e, dst, (uintptr_t)imm);
    } else {
        x86_emit_prefix(e, (0xb8 + (dst & 7)) | X86_P_REXW, 0, -1, dst, true);
        x86_u64(e, imm);
    }
}

void x86_zero(X86Emit *e, int dst)
{
    x86_op_rr(e, 0x33, dst, dst);
}

void x86_load(X86Emit *e, int size, bool sign, bool w, int dst, int base, int index,
              int shift, int32_t disp)
{
    uint32_t opc;

    switch (size) {
    case 1:
        opc = sign ? (0xbe | X86_P_0F | x86_w(w)) : (0xb6 | X86_P_0F);
        break;
    case 2:
        opc = sign ? (0xbf | X86_P_0F | x86_w(w)) : (0xb7 | X86_P_0F);
        break;
    case 4:
        opc = (sign && w) ? (0x63 | X86_P_REXW) : 0x8b;
        break;
    default:
        opc = 0x8b | X86_P_REXW;
        break;
    }
    x86_op_rm(e, opc, dst, base, index, shift, disp);
}

void x86_store(X86Emit *e, int size, int src, int base, int index, int shift,
               int32_t disp)
{
    static const uint32_t opc[9] = {
        [1] = 0x88 | X86_P_REXB_R, [2] = 0x89 | X86_P_66,
        [4] = 0x89, [8] = 0x89 | X86_P_REXW,
    };
    x86_op_rm(e, opc[size], src, base, index, shift, disp);
}

void x86_store_imm(X86Emit *e, int size, int32_t imm, int base, int index,
                   int shift, int32_t disp)
{
    switch (size) {
    case 1:
        x86_op_rm(e, 0xc6, 0, base, index, shift, disp);
        x86_byte(e, (uint8_t)imm);
        break;
    case 2:
        x86_op_rm(e, 0xc7 | X86_P_66, 0, base, index, shift, disp);
        x86_u16(e, (uint16_t)imm);
        break;
    default:
        x86_op_rm(e, 0xc7 | (size == 8 ? X86_P_REXW : 0), 0, base, index, shift, disp);
        x86_u32(e, (uint32_t)imm);
        break;
    }
}

static uint32_t x86_size_prefix(int size)
{
    return size == 2 ? X86_P_66 : size == 8 ? X86_P_REXW : 0;
}

void x86_movbe_load(X86Emit *e, int size, int dst, int base, int index, int shift,
                    int32_t disp)
{
    x86_op_rm(e, 0xf0 | X86_P_0F38 | x86_size_prefix(size), dst, base, index, shift,
              disp);
}

void x86_movbe_store(X86Emit *e, int size, int src, int base, int index, int shift,
                     int32_t disp)
{
    x86_op_rm(e, 0xf1 | X86_P_0F38 | x86_size_prefix(size), src, base, index, shift,
              disp);
}

void x86_ext(X86Emit *e, int size, bool sign, bool w, int dst, int src)
{
    switch (size) {
    case 1:
        x86_op_rr(e, (sign ? (0xbe | x86_w(w)) : 0xb6) | X86_P_0F | X86_P_REXB_RM,
                  dst, src);
        break;
    case 2:
        x86_op_rr(e, (sign ? (0xbf | x86_w(w)) : 0xb7) | X86_P_0F, dst, src);
        break;
    case 4:
        if (sign && w) {
            x86_op_rr(e, 0x63 | X86_P_REXW, dst, src);
        } else {
            x86_op_rr(e, 0x8b, dst, src);
        }
        break;
    default:
        x86_mov_rr(e, true, dst, src);
        break;
    }
}

void x86_lea(X86Emit *e, bool w, int dst, int base, int index, int shift, int32_t disp)
{
    x86_op_rm(e, 0x8d | x86_w(w), dst, base, index, shift, disp);
}

void x86_lea_rip(X86Emit *e, int dst, uintptr_t target_rx)
{
    x86_op_riprel(e, 0x8d | X86_P_REXW, dst, target_rx, 0);
}

void x86_cmov(X86Emit *e, X86Cond cc, bool w, int dst, int src)
{
    x86_op_rr(e, (0x40 + cc) | X86_P_0F | x86_w(w), dst, src);
}

void x86_setcc(X86Emit *e, X86Cond cc, int dst8)
{
    x86_op_rr(e, (0x90 + cc) | X86_P_0F | X86_P_REXB_RM, 0, dst8);
}

void x86_xchg_rr(X86Emit *e, bool w, int a, int b)
{
    x86_op_rr(e, 0x87 | x86_w(w), a, b);
}

/* --- arithmetic ----------------------------------------------------------- */



void x86_alu_rm(X86Emit *e, X86Alu op, bool w, int dst, int base, int index,
                int shift, int32_t disp)
{
    x86_op_rm(e, ((op << 3) | 3) | x86_w(w), dst, base, index, shift, disp);
}

void x86_alu_mr(X86Emit *e, X86Alu op, bool w, int src, int base, int index,
                int shift, int32_t disp)
{
    x86_op_rm(e, ((op << 3) | 1) | x86_w(w), src, base, index, shift, disp);
}

void x86_alu_mi(X86Emit *e, X86Alu op, bool w, int32_t imm, int base, int index,
                int shift, int32_t disp)
{
    if (x86_fits_s8(imm)) {
        x86_op_rm(e, 0x83 | x86_w(w), op, base, index, shift, disp);
        x86_byte(e, (uint8_t)imm);
    } else {
        x86_op_rm(e, 0x81 | x86_w(w), op, base, index, shift, disp);
        x86_u32(e, (uint32_t)imm);
    }
}

void x86_test_rr(X86Emit *e, bool w, int a, int b)
{
    x86_op_rr(e, 0x85 | x86_w(w), b, a);
}

/*
 * Only ZF (and the zero-ness tests built on it) is reliable: a small
 * immediate selects the shorter byte or 32-bit form, which computes the
 * same AND result but a different SF.
 */
void x86_test_ri(X86Emit *e, bool w, int r, uint32_t imm)
{
    if (imm <= 0xff) {
        x86_op_rr(e, 0xf6 | X86_P_REXB_RM, 0, r);
        x86_byte(e, (uint8_t)imm);
    } else {
        /*
         * The 64-bit form would sign-extend imm; the 32-bit form tests the
         * same bits of a zero-extended imm and gives the same ZF.
         */
        x86_op_rr(e, 0xf7, 0, r);
        x86_u32(e, imm);
    }
}

void x86_unary(X86Emit *e, X86Unary op, bool w, int r)
{
    x86_op_rr(e, 0xf7 | x86_w(w), op, r);
}

void x86_shift_ri(X86Emit *e, X86Shift op, bool w, int r, int count)
{
    if (count == 1) {
        x86_op_rr(e, 0xd1 | x86_w(w), op, r);
    } else {
        x86_op_rr(e, 0xc1 | x86_w(w), op, r);
        x86_byte(e, (uint8_t)count);
    }
}

void x86_shift_cl(X86Emit *e, X86Shift op, bool w, int r)
{
    x86_op_rr(e, 0xd3 | x86_w(w), op, r);
}

void x86_shld_ri(X86Emit *e, bool w, int dst, int src, int count)
{
    x86_op_rr(e, 0xa4 | X86_P_0F | x86_w(w), src, dst);
    x86_byte(e, (uint8_t)count);
}

void x86_shrd_ri(X86Emit *e, bool w, int dst, int src, int count)
{
    x86_op_rr(e, 0xac | X86_P_0F | x86_w(w), src, dst);
    x86_byte(e, (uint8_t)count);
}

void x86_imul_rr(X86Emit *e, bool w, int dst, int src)
{
    x86_op_rr(e, 0xaf | X86_P_0F | x86_w(w), dst, src);
}

void x86_imul_rri(X86Emit *e, bool w, int dst, int src, int32_t imm)
{
    if (x86_fits_s8(imm)) {
        x86_op_rr(e, 0x6b | x86_w(w), dst, src);
        x86_byte(e, (uint8_t)imm);
    } else {
        x86_op_rr(e, 0x69 | x86_w(w), dst, src);
        x86_u32(e, (uint32_t)imm);
    }
}

void x86_cqo(X86Emit *e, bool w)
{
    if (w) {
        x86_byte(e, 0x48);
    }
    x86_byte(e, 0x99);
}

void x86_bswap(X86Emit *e, bool w, int r)
{
    x86_emit_prefix(e, (0xc8 + (r & 7)) | X86_P_0F | x86_w(w), 0, -1, r, true);
}

void x86_bswap16(X86Emit *e, int r)
{
    x86_op_rr(e, 0xc1 | X86_P_66, X86_ROL, r);
    x86_byte(e, 8);
}

void x86_bitop(X86Emit *e, X86BitOp op, bool w, int dst, int src)
{
    static const uint32_t opc[] = {
        [X86_BSF] = 0xbc | X86_P_0F,
        [X86_BSR] = 0xbd | X86_P_0F,
        [X86_TZCNT] = 0xbc | X86_P_0F | X86_P_F3,
        [X86_LZCNT] = 0xbd | X86_P_0F | X86_P_F3,
        [X86_POPCNT] = 0xb8 | X86_P_0F | X86_P_F3,
    };
    x86_op_rr(e, opc[op] | x86_w(w), dst, src);
}

void x86_bt_ri(X86Emit *e, bool w, int r, int bit)
{
    x86_op_rr(e, 0xba | X86_P_0F | x86_w(w), 4, r);
    x86_byte(e, (uint8_t)bit);
}

/* --- atomics and barriers ------------------------------------------------- */

void x86_lock(X86Emit *e)
{
    x86_byte(e, 0xf0);
}

void x86_mfence(X86Emit *e)
{
    x86_byte(e, 0x0f);
    x86_byte(e, 0xae);
    x86_byte(e, 0xf0);
}

/* opc8 for byte operands, opc (with the size prefix) for the others. */
static void x86_op_sized_m(X86Emit *e, uint32_t opc8, uint32_t opc, int size, int r,
                           int base, int index, int shift, int32_t disp)
{
    if (size == 1) {
        x86_op_rm(e, opc8 | X86_P_REXB_R, r, base, index, shift, disp);
    } else {
        x86_op_rm(e, opc | x86_size_prefix(size), r, base, index, shift, disp);
    }
}

void x86_xchg_m(X86Emit *e, int size, int r, int base, int index, int shift,
                int32_t disp)
{
    x86_op_sized_m(e, 0x86, 0x87, size, r, base, index, shift, disp);
}

void x86_cmpxchg_m(X86Emit *e, int size, int r, int base, int index, int shift,
                   int32_t disp)
{
    x86_op_sized_m(e, 0xb0 | X86_P_0F, 0xb1 | X86_P_0F, size, r, base, index, shift,
                   disp);
}

void x86_xadd_m(X86Emit *e, int size, int r, int base, int index, int shift,
                int32_t disp)
{
    x86_op_sized_m(e, 0xc0 | X86_P_0F, 0xc1 | X86_P_0F, size, r, base, index, shift,
                   disp);
}

/* --- BMI1 / BMI2 ---------------------------------------------------------- */

void x86_andn(X86Emit *e, bool w, int dst, int a, int b)
{
    x86_op_vex_rr(e, 0xf2 | X86_P_0F38 | x86_w(w), dst, a, b);
}

void x86_shiftx(X86Emit *e, X86ShiftX op, bool w, int dst, int src, int count)
{
    static const uint32_t pfx[] = {
        [X86_SHLX] = X86_P_66, [X86_SHRX] = X86_P_F2, [X86_SARX] = X86_P_F3,
    };
    x86_op_vex_rr(e, 0xf7 | X86_P_0F38 | pfx[op] | x86_w(w), dst, count, src);
}

void x86_rorx(X86Emit *e, bool w, int dst, int src, int count)
{
    x86_op_vex_rr(e, 0xf0 | X86_P_0F3A | X86_P_F2 | x86_w(w), dst, 0, src);
    x86_byte(e, (uint8_t)count);
}

void x86_bzhi(X86Emit *e, bool w, int dst, int src, int index)
{
    x86_op_vex_rr(e, 0xf5 | X86_P_0F38 | x86_w(w), dst, index, src);
}

/* --- control flow --------------------------------------------------------- */

void x86_patch_rel32(const X86Emit *e, uint8_t *field_rw, uintptr_t target_rx)
{
    uintptr_t next = (uintptr_t)field_rw + 4 + e->rx_minus_rw;
    intptr_t rel = (intptr_t)(target_rx - next);
    int32_t v;

    assert(x86_fits_s32(rel));
    v = (int32_t)rel;
    memcpy(field_rw, &v, 4);
}

void x86_patch_rel8(const X86Emit *e, uint8_t *field_rw, uintptr_t target_rx)
{
    uintptr_t next = (uintptr_t)field_rw + 1 + e->rx_minus_rw;
    intptr_t rel = (intptr_t)(target_rx - next);

    assert(x86_fits_s8(rel));
    *field_rw = (uint8_t)rel;
}

/* Writes the rel32 field at e->ptr for a branch ending right after it. */
static inline uint8_t *x86_rel32(X86Emit *e, uintptr_t target_rx)
{
    uint8_t *field = e->ptr;
    intptr_t rel = (intptr_t)(target_rx - (x86_pc(e) + 4));

    assert(x86_fits_s32(rel));
    x86_u32(e, (uint32_t)rel);
    return field;
}

uint8_t *x86_jmp(X86Emit *e, uintptr_t target_rx)
{
    *e->ptr++ = 0xe9;
    return x86_rel32(e, target_rx);
}

uint8_t *x86_jcc(X86Emit *e, X86Cond cc, uintptr_t target_rx)
{
    e->ptr[0] = 0x0f;
    e->ptr[1] = (uint8_t)(0x80 + cc);
    e->ptr += 2;
    return x86_rel32(e, target_rx);
}

uint8_t *x86_jmp8(X86Emit *e, uintptr_t target_rx)
{
    uint8_t *field;

    x86_byte(e, 0xeb);
    field = e->ptr++;
    x86_patch_rel8(e, field, target_rx);
    return field;
}

uint8_t *x86_jcc8(X86Emit *e, X86Cond cc, uintptr_t target_rx)
{
    uint8_t *field;

    x86_byte(e, 0x70 + cc);
    field = e->ptr++;
    x86_patch_rel8(e, field, target_rx);
    return field;
}

void x86_call(X86Emit *e, uintptr_t target, int scratch)
{
    intptr_t rel = (intptr_t)(target - (x86_pc(e) + 5));

    if (x86_fits_s32(rel)) {
        x86_byte(e, 0xe8);
        x86_u32(e, (uint32_t)rel);
    } else {
        x86_movi(e, true, scratch, target);
        x86_call_r(e, scratch);
    }
}

void x86_call_r(X86Emit *e, int r)
{
    x86_op_rr(e, 0xff, 2, r);
}

void x86_jmp_r(X86Emit *e, int r)
{
    x86_op_rr(e, 0xff, 4, r);
}

void x86_jmp_m(X86Emit *e, int base, int32_t disp)
{
    x86_op_rm(e, 0xff, 4, base, -1, 0, disp);
}

void x86_push(X86Emit *e, int r)
{
    if (r & 8) {
        x86_byte(e, 0x41);
    }
    x86_byte(e, 0x50 + (r & 7));
}

void x86_pop(X86Emit *e, int r)
{
    if (r & 8) {
        x86_byte(e, 0x41);
    }
    x86_byte(e, 0x58 + (r & 7));
}

void x86_ret(X86Emit *e)
{
    x86_byte(e, 0xc3);
}

void x86_ud2(X86Emit *e)
{
    x86_byte(e, 0x0f);
    x86_byte(e, 0x0b);
}

void x86_nops(X86Emit *e, int n)
{
    /* The recommended multi-byte NOP sequences, SDM vol. 2B, table 4-12. */
    static const uint8_t nops[10][9] = {
        [1] = { 0x90 },
        [2] = { 0x66, 0x90 },
        [3] = { 0x0f, 0x1f, 0x00 },
        [4] = { 0x0f, 0x1f, 0x40, 0x00 },
        [5] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 },
        [6] = { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
        [7] = { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
        [8] = { 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
        [9] = { 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
    };
    while (n > 0) {
        int k = n > 9 ? 9 : n;
        memcpy(e->ptr, nops[k], k);
        e->ptr += k;
        n -= k;
    }
}

void x86_align(X86Emit *e, int align, int offset)
{
    uintptr_t pc = x86_pc(e) + offset;
    int pad = (int)(ROUND_UP(pc, (uintptr_t)align) - pc);

    x86_nops(e, pad);
}
