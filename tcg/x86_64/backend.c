/*
 * backend.c — the x86-64 host backend: prologue/epilogue, block chaining,
 * the allocator's moves, labels, control flow and env-relative memory.
 *
 * Arithmetic and logic are in backend-alu.c, guest memory accesses (TLB
 * probe and slow paths) in backend-mem.c. The register conventions and
 * the frame are described in tcg-target.h.
 */
#include "util/osdep.h"
#include "tcg/x86_64/tcg-target.h"
#include "tcg/x86_64/backend-int.h"

#include <assert.h>

/* --------------------------------------------------------------- prologue */

static const int8_t saved_regs[] = {
    X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15,
};

bool tcg_prologue_init(TCGPrologue *p, TCGCodeBuf *cb, GError **errp)
{
    size_t avail;
    uint8_t *rw = codebuf_begin(cb, &avail);
    X86Emit e = { .ptr = rw, .rx_minus_rw = cb->rx_minus_rw };
    uintptr_t entry;

    if (avail < 256) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NOSPC,
                    "code buffer: no room for the prologue");
        return false;
    }
    _Static_assert((56 + TCG_FRAME_SIZE) % 16 == 0, "frame keeps rsp 16-aligned");

    /*
     * entry(env = rdi, code = rsi): save the callee-saved registers (SysV
     * ABI, AMD64 supplement 3.2.1), make the frame, env in rbp, go.
     */
    entry = x86_pc(&e);
    for (unsigned i = 0; i < ARRAY_SIZE(saved_regs); i++) {
        x86_push(&e, saved_regs[i]);
    }
    x86_alu_ri(&e, X86_SUB, true, X86_RSP, TCG_FRAME_SIZE);
    x86_mov_rr(&e, true, TCG_REG_ENV, X86_RDI);
    x86_jmp_r(&e, X86_RSI);

    /* ret0: exit_tb(0), goto_ptr(0). */
    x86_align(&e, 16, 0);
    p->ret0 = x86_pc(&e);
    x86_zero(&e, X86_RAX);
    /* epilogue: the exit value is in rax. */
    p->epilogue = x86_pc(&e);
    x86_alu_ri(&e, X86_ADD, true, X86_RSP, TCG_FRAME_SIZE);
    for (int i = ARRAY_SIZE(saved_regs) - 1; i >= 0; i--) {
        x86_pop(&e, saved_regs[i]);
    }
    x86_ret(&e);

    codebuf_commit(cb, rw, e.ptr - rw);
    codebuf_pin(cb);
    p->entry = (TCGEntryFn)entry;
    p->frame_size = TCG_FRAME_SIZE;
    return true;
}

void tcg_backend_patch_jump(uintptr_t jmp_rx, uintptr_t jmp_rw, uintptr_t target_rx)
{
    int32_t rel = (int32_t)(target_rx - (jmp_rx + 4));

    assert((jmp_rw & 3) == 0);
    assert((intptr_t)(target_rx - (jmp_rx + 4)) == rel);
    /* One aligned 4-byte store: a concurrent fetch sees old or new. */
    __atomic_store_n((int32_t *)jmp_rw, rel, __ATOMIC_RELEASE);
    codebuf_sync_icache((const void *)jmp_rx, 4);
}

/* ---------------------------------------------------------- allocator I/O */

void tcg_target_mov(TCGGen *g, TCGType type, int dst, int src)
{
    if (dst != src) {
        x86_mov_rr(&g->e, type == TCG_TYPE_I64, dst, src);
    }
}

void tcg_target_movi(TCGGen *g, TCGType type, int dst, int64_t val)
{
    /* Between ops no flags are live: xor is the shortest zero. */
    if (val == 0 || (type == TCG_TYPE_I32 && (uint32_t)val == 0)) {
        x86_zero(&g->e, dst);
    } else {
        x86_movi(&g->e, type == TCG_TYPE_I64, dst, (uint64_t)val);
    }
}

/* Puts base + ofs in an addressable form: [base + disp32] or [base + r11]. */
static int x86_addr(TCGGen *g, int base, intptr_t ofs, int *index, int32_t *disp)
{
    if (ofs == (int32_t)ofs) {
        *index = X86_NOREG;
        *disp = (int32_t)ofs;
    } else {
        x86_movi(&g->e, true, TCG_REG_TMP, (uint64_t)ofs);
        *index = TCG_REG_TMP;
        *disp = 0;
    }
    return base;
}

void tcg_target_ld(TCGGen *g, TCGType type, int dst, int base, intptr_t ofs)
{
    int index;
    int32_t disp;

    x86_addr(g, base, ofs, &index, &disp);
    x86_load(&g->e, type == TCG_TYPE_I64 ? 8 : 4, false, true, dst, base, index, 0, disp);
}

void tcg_target_st(TCGGen *g, TCGType type, int src, int base, intptr_t ofs)
{
    int index;
    int32_t disp;

    x86_addr(g, base, ofs, &index, &disp);
    x86_store(&g->e, type == TCG_TYPE_I64 ? 8 : 4, src, base, index, 0, disp);
}

bool tcg_target_sti(TCGGen *g, TCGType type, int64_t val, int base, intptr_t ofs)
{
    if (type == TCG_TYPE_I64 && val != (int32_t)val) {
        return false;
    }
    if (ofs != (int32_t)ofs) {
        return false;
    }
    x86_store_imm(&g->e, type == TCG_TYPE_I64 ? 8 : 4, (int32_t)val, base, X86_NOREG, 0,
                  (int32_t)ofs);
    return true;
}

/* ----------------------------------------------------------------- labels */

void tcg_target_jmp_label(TCGGen *g, int cond, TCGLabel *l)
{
    uintptr_t target;
    uint8_t *field;

    if (l->has_value) {
        /* Backward: the distance is known, use the short form if it fits. */
        target = (uintptr_t)g->start + g->e.rx_minus_rw + l->value;
        intptr_t rel8 = (intptr_t)target - (intptr_t)(x86_pc(&g->e) + 2);
        if (x86_fits_s8(rel8)) {
            if (cond < 0) {
                x86_jmp8(&g->e, target);
            } else {
                x86_jcc8(&g->e, cond, target);
            }
        } else if (cond < 0) {
            x86_jmp(&g->e, target);
        } else {
            x86_jcc(&g->e, cond, target);
        }
        return;
    }
    /* Forward: rel32, patched when the label is placed. */
    target = x86_pc(&g->e);     /* placeholder */
    field = cond < 0 ? x86_jmp(&g->e, target) : x86_jcc(&g->e, cond, target);
    TCGRelocation *rel = tcg_arena_alloc(g->s, sizeof(*rel));
    rel->type = 0;
    rel->offset = (uint32_t)(field - g->start);
    rel->addend = 0;
    rel->next = l->relocs;
    l->relocs = rel;
}

void tcg_target_set_label(TCGGen *g, TCGLabel *l)
{
    uintptr_t here = x86_pc(&g->e);

    l->has_value = true;
    l->value = tcg_gen_offset(g);
    for (TCGRelocation *r = l->relocs; r; r = r->next) {
        x86_patch_rel32(&g->e, g->start + r->offset, here);
    }
    l->relocs = NULL;
}

/* ------------------------------------------------------------ conditions */

X86Cond tcg_x86_cond(TCGCond c)
{
    static const uint8_t map[TCG_COND_COUNT] = {
        [TCG_COND_EQ] = X86_CC_E, [TCG_COND_NE] = X86_CC_NE,
        [TCG_COND_LT] = X86_CC_L, [TCG_COND_GE] = X86_CC_GE,
        [TCG_COND_LE] = X86_CC_LE, [TCG_COND_GT] = X86_CC_G,
        [TCG_COND_LTU] = X86_CC_B, [TCG_COND_GEU] = X86_CC_AE,
        [TCG_COND_LEU] = X86_CC_BE, [TCG_COND_GTU] = X86_CC_A,
    };
    return (X86Cond)map[c];
}

void tcg_x86_cmp(TCGGen *g, bool w, int a, int64_t b, bool b_const)
{
    if (!b_const) {
        x86_alu_rr(&g->e, X86_CMP, w, a, (int)b);
    } else if (b == 0) {
        /* Same flags as cmp a, 0 for every condition (CF = OF = 0). */
        x86_test_rr(&g->e, w, a, a);
    } else {
        x86_alu_ri(&g->e, X86_CMP, w, a, (int32_t)b);
    }
}

/* ------------------------------------------------------------ constraints */

#define RA TCG_REGS_ALLOCATABLE
#define RP (TCG_REGS_ALLOCATABLE | R(RBP))   /* a pointer: env usable in place */
#define A_R     { .regs = RA, .alias = -1 }
#define A_RI    { .regs = RA, .ct = TCG_CT_CONST_S32, .alias = -1 }
#define A_P     { .regs = RP, .alias = -1 }

static const TCGOpCons cons_p = { .a = { A_P } };
static const TCGOpCons cons_r_p = { .a = { A_R, A_P } };
static const TCGOpCons cons_ri_p = { .a = { A_RI, A_P } };
static const TCGOpCons cons_r_ri = { .a = { A_R, A_RI } };

const TCGOpCons *tcg_target_op_cons(const TCGGen *g, const TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_goto_ptr:
        return &cons_p;
    case INDEX_op_mb:
    case INDEX_op_insn_start:
        return &cons_r_ri;      /* no temp args */
    case INDEX_op_brcond:
        return &cons_r_ri;
    case INDEX_op_ld8u: case INDEX_op_ld8s: case INDEX_op_ld16u:
    case INDEX_op_ld16s: case INDEX_op_ld32u: case INDEX_op_ld32s:
    case INDEX_op_ld:
        return &cons_r_p;
    case INDEX_op_st8: case INDEX_op_st16: case INDEX_op_st32: case INDEX_op_st:
        return &cons_ri_p;
    case INDEX_op_guest_ld: case INDEX_op_guest_st:
    case INDEX_op_atomic_cmpxchg: case INDEX_op_atomic_rmw:
        return tcg_target_mem_cons(g, op);
    default:
        return tcg_x86_alu_cons(g, op);
    }
}

/* ------------------------------------------------------------------ emit */

static void emit_ld(TCGGen *g, const TCGOp *op, const TCGGenArgs *ga)
{
    bool w = op->type == TCG_TYPE_I64;
    int size;
    bool sign = false;
    int index;
    int32_t disp;
    int base = (int)ga->a[1];

    switch (op->opc) {
    case INDEX_op_ld8s: sign = true; /* fall through */
    case INDEX_op_ld8u: size = 1; break;
    case INDEX_op_ld16s: sign = true; /* fall through */
    case INDEX_op_ld16u: size = 2; break;
    case INDEX_op_ld32s: sign = true; /* fall through */
    case INDEX_op_ld32u: size = 4; break;
    default: size = w ? 8 : 4; break;
    }
    x86_addr(g, base, (intptr_t)ga->a[2], &index, &disp);
    x86_load(&g->e, size, sign, w, (int)ga->a[0], base, index, 0, disp);
}

static void emit_st(TCGGen *g, const TCGOp *op, const TCGGenArgs *ga)
{
    int size;
    int index;
    int32_t disp;
    int base = (int)ga->a[1];

    switch (op->opc) {
    case INDEX_op_st8: size = 1; break;
    case INDEX_op_st16: size = 2; break;
    case INDEX_op_st32: size = 4; break;
    default: size = op->type == TCG_TYPE_I64 ? 8 : 4; break;
    }
    x86_addr(g, base, (intptr_t)ga->a[2], &index, &disp);
    if (ga->is_const[0]) {
        x86_store_imm(&g->e, size, (int32_t)ga->a[0], base, index, 0, disp);
    } else {
        x86_store(&g->e, size, (int)ga->a[0], base, index, 0, disp);
    }
}

static void emit_brcond(TCGGen *g, const TCGOp *op, const TCGGenArgs *ga)
{
    TCGCond c = (TCGCond)ga->a[2];
    TCGLabel *l = arg_label((TCGArg)ga->a[3]);

    if (c == TCG_COND_ALWAYS) {
        tcg_target_jmp_label(g, -1, l);
        return;
    }
    if (c == TCG_COND_NEVER) {
        return;
    }
    tcg_x86_cmp(g, op->type == TCG_TYPE_I64, (int)ga->a[0], ga->a[1], ga->is_const[1]);
    tcg_target_jmp_label(g, tcg_x86_cond(c), l);
}

static void emit_goto_ptr(TCGGen *g, const TCGGenArgs *ga)
{
    int r = (int)ga->a[0];

    /* 0 means "no block found": leave with exit value 0. */
    x86_test_rr(&g->e, true, r, r);
    x86_jcc(&g->e, X86_CC_E, g->be->cfg.prologue->ret0);
    x86_jmp_r(&g->e, r);
}

void tcg_target_emit_op(TCGGen *g, const TCGOp *op, const TCGGenArgs *ga)
{
    switch (op->opc) {
    case INDEX_op_brcond:
        emit_brcond(g, op, ga);
        break;
    case INDEX_op_goto_ptr:
        emit_goto_ptr(g, ga);
        break;
    case INDEX_op_mb:
        /*
         * x86 is TSO (SDM vol. 3A, 8.2.2): only a store followed by a load
         * may be reordered, so only that ordering needs a fence.
         */
        if (ga->a[0] & TCG_MO_ST_LD) {
            x86_mfence(&g->e);
        }
        break;
    case INDEX_op_insn_start:
        break;
    case INDEX_op_ld8u: case INDEX_op_ld8s: case INDEX_op_ld16u:
    case INDEX_op_ld16s: case INDEX_op_ld32u: case INDEX_op_ld32s:
    case INDEX_op_ld:
        emit_ld(g, op, ga);
        break;
    case INDEX_op_st8: case INDEX_op_st16: case INDEX_op_st32: case INDEX_op_st:
        emit_st(g, op, ga);
        break;
    case INDEX_op_guest_ld: case INDEX_op_guest_st:
    case INDEX_op_atomic_cmpxchg: case INDEX_op_atomic_rmw:
        tcg_target_emit_mem_op(g, op, ga);
        break;
    default:
        tcg_x86_emit_alu(g, op, ga);
        break;
    }
}
