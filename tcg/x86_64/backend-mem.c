/*
 * backend-mem.c — guest memory accesses on x86-64: the inline softmmu TLB
 * probe, the accesses themselves (with MOVBE or bswap for the other byte
 * order), atomics, and the out-of-line slow paths.
 *
 * The TLB layout is include/exec/tlb-common.h. For an access of size s
 * and required alignment a at guest address A, the inline code is:
 *
 *     mov   t0, A
 *     shr   t0, page_bits - CPU_TLB_ENTRY_BITS
 *     and   t0, [env + fast + mask]        ; entry offset in the table
 *     add   t0, [env + fast + table]       ; t0 = &entry
 *     lea   r11, [A + s - a]               ; (mov when s <= a)
 *     and   r11, page_mask | (a - 1)       ; alignment bits stay: misaligned misses
 *     cmp   r11, [t0 + addr_read/write]    ; flags in the entry never match
 *     jne   slow                           ; out of line, after the block
 *     mov   t0, [t0 + addend]
 *     <access [A + t0]>
 *   resume:
 *
 * The slow path saves the call-clobbered registers that hold live values
 * (the fast path never spills for it), calls the runtime with the address
 * of `resume` as the return address that identifies the guest instruction,
 * puts the result in the output register, restores and jumps back to
 * `resume`.
 */
#include "util/osdep.h"
#include "tcg/x86_64/backend-int.h"

#include <assert.h>

#define RA TCG_REGS_ALLOCATABLE
#define A_R      { .regs = RA, .alias = -1 }
#define A_NOAX   { .regs = RA & ~R(RAX), .alias = -1 }

static const TCGOpCons cons_ld = { .nb_scratch = 1, .a = { A_R, A_R } };
static const TCGOpCons cons_st = { .nb_scratch = 1, .a = { A_R, A_R } };
/* out(rax) = cmpxchg(cmp in rax, new, addr) */
static const TCGOpCons cons_cmpxchg = {
    .nb_scratch = 1,
    .a = { { .regs = R(RAX), .alias = 1 }, { .regs = R(RAX), .alias = -1 }, A_NOAX, A_NOAX },
};
/* xchg / xadd: out = the copy of val the instruction swaps. */
static const TCGOpCons cons_rmw_swap = {
    .nb_scratch = 1,
    .a = { { .regs = RA, .alias = 1 }, A_R, A_R },
};
/* the cmpxchg loop: rax is the accumulator. */
static const TCGOpCons cons_rmw_loop = {
    .nb_scratch = 2,
    .a = { { .regs = R(RAX), .alias = -1 }, A_NOAX, A_NOAX },
};

static bool rmw_is_swap(const TCGOp *op)
{
    MemOp mop = get_memop((MemOpIdx)op->args[3]);
    TCGAtomicOp aop = (TCGAtomicOp)op->args[4];

    return aop == TCG_ATOMIC_XCHG || (aop == TCG_ATOMIC_ADD && !(mop & MO_BSWAP));
}

const TCGOpCons *tcg_target_mem_cons(const TCGGen *g, const TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_guest_ld:
        return &cons_ld;
    case INDEX_op_guest_st:
        return &cons_st;
    case INDEX_op_atomic_cmpxchg:
        return &cons_cmpxchg;
    default:
        return rmw_is_swap(op) ? &cons_rmw_swap : &cons_rmw_loop;
    }
}

/* ------------------------------------------------------------------ probe */

static TCGSlowPath *slow_new(TCGGen *g)
{
    TCGBackendState *be = g->be;

    if (g->nb_slow == be->slow_cap) {
        /* Rare: only blocks with very many memory accesses get here. */
        be->slow_cap *= 2;
        be->slow = g_renew(TCGSlowPath, be->slow, be->slow_cap);
    }
    return &be->slow[g->nb_slow++];
}

/*
 * Emits the probe for an access described by oi at the address in register
 * addr; on return t0 holds the addend. Fills the slow path's branch field.
 */
static void emit_probe(TCGGen *g, TCGSlowPath *sp, int addr, int t0, MemOpIdx oi,
                       bool is_write)
{
    X86Emit *e = &g->e;
    const TCGBackendConfig *cfg = &g->be->cfg;
    MemOp mop = get_memop(oi);
    unsigned size = memop_size(mop);
    unsigned align = memop_alignment_bytes(mop);
    intptr_t fast = cfg->tlb_fast_offset + get_mmuidx(oi) * sizeof(CPUTLBDescFast);
    int32_t cmp_mask;
    int32_t field = is_write ? offsetof(CPUTLBEntry, addr_write)
                             : offsetof(CPUTLBEntry, addr_read);

    x86_mov_rr(e, true, t0, addr);
    x86_shift_ri(e, X86_SHR, true, t0, cfg->page_bits - CPU_TLB_ENTRY_BITS);
    x86_alu_rm(e, X86_AND, true, t0, TCG_REG_ENV, X86_NOREG, 0,
               (int32_t)(fast + offsetof(CPUTLBDescFast, mask)));
    x86_alu_rm(e, X86_ADD, true, t0, TCG_REG_ENV, X86_NOREG, 0,
               (int32_t)(fast + offsetof(CPUTLBDescFast, table)));

    /* The last aligned unit of the access must be on the same page. */
    if (size > align) {
        x86_lea(e, true, TCG_REG_TMP, addr, X86_NOREG, 0, (int32_t)(size - align));
    } else {
        x86_mov_rr(e, true, TCG_REG_TMP, addr);
    }
    cmp_mask = (int32_t)(~(((uint64_t)1 << cfg->page_bits) - 1)) | (int32_t)(align - 1);
    x86_alu_ri(e, X86_AND, true, TCG_REG_TMP, cmp_mask);
    x86_alu_rm(e, X86_CMP, true, TCG_REG_TMP, t0, X86_NOREG, 0, field);
    sp->jcc_field = x86_jcc(e, X86_CC_NE, x86_pc(e));
    x86_load(e, 8, false, true, t0, t0, X86_NOREG, 0, offsetof(CPUTLBEntry, addend));
}

/* Call-clobbered registers to keep across the slow path's call. */
static uint16_t slow_save_set(const TCGGenArgs *ga, uint16_t outputs)
{
    return ga->live_after & TCG_REGS_CALL_CLOBBERED & ~outputs;
}

/* ------------------------------------------------------------ data order */

/* Swaps the low size bytes of r (size 2: the rest of r is kept). */
static void emit_bswap_reg(X86Emit *e, int size, int r)
{
    if (size == 2) {
        x86_bswap16(e, r);
    } else if (size == 4) {
        x86_bswap(e, false, r);
    } else if (size == 8) {
        x86_bswap(e, true, r);
    }
}

/* Extends the low size bytes of r per mop to the op type (w: i64). */
static void emit_extend(X86Emit *e, MemOp mop, bool w, int r)
{
    unsigned size = memop_size(mop);

    if (size == 8 || (size == 4 && !w)) {
        if (size == 4) {
            x86_mov_rr(e, false, r, r);
        }
        return;
    }
    x86_ext(e, size, (mop & MO_SIGN) != 0, w, r, r);
}

/* out = [A + t0] per mop. */
static void emit_load_data(TCGGen *g, MemOp mop, bool w, int out, int base, int index)
{
    X86Emit *e = &g->e;
    unsigned size = memop_size(mop);
    bool sign = (mop & MO_SIGN) != 0;

    if (!(mop & MO_BSWAP) || size == 1) {
        x86_load(e, size, sign, w, out, base, index, 0, 0);
        return;
    }
    if (tcg_has(g, CPUINFO_MOVBE)) {
        if (size == 2) {
            /* movbe r16 keeps bits 63:16: extend after. */
            x86_movbe_load(e, 2, out, base, index, 0, 0);
            x86_ext(e, 2, sign, w, out, out);
        } else {
            x86_movbe_load(e, size, out, base, index, 0, 0);
            if (size == 4 && sign && w) {
                x86_ext(e, 4, true, true, out, out);
            }
        }
        return;
    }
    x86_load(e, size, false, w, out, base, index, 0, 0);
    emit_bswap_reg(e, size, out);
    if (size == 2) {
        x86_ext(e, 2, sign, w, out, out);
    } else if (size == 4 && sign && w) {
        x86_ext(e, 4, true, true, out, out);
    }
}

static void emit_store_data(TCGGen *g, MemOp mop, int val, int base, int index)
{
    X86Emit *e = &g->e;
    unsigned size = memop_size(mop);

    if (!(mop & MO_BSWAP) || size == 1) {
        x86_store(e, size, val, base, index, 0, 0);
    } else if (tcg_has(g, CPUINFO_MOVBE)) {
        x86_movbe_store(e, size, val, base, index, 0, 0);
    } else {
        x86_mov_rr(e, true, TCG_REG_TMP, val);
        emit_bswap_reg(e, size, TCG_REG_TMP);
        x86_store(e, size, TCG_REG_TMP, base, index, 0, 0);
    }
}

/* ----------------------------------------------------------------- atomics */

/*
 * The cmpxchg loop for rmw ops without a single instruction:
 *     rax = [m]
 *  1: t = decode(rax); t = op(t, decode(val)); t = encode(t)
 *     lock cmpxchg [m], t ; jne 1b
 * decode = swap + extend to 64 bits per memop, as the IR defines min/max.
 */
static void emit_rmw_loop(TCGGen *g, MemOp mop, TCGAtomicOp aop, int val, int addr,
                          int t0, int t)
{
    X86Emit *e = &g->e;
    unsigned size = memop_size(mop);
    const int v = TCG_REG_TMP;
    uintptr_t loop;

    /* v = decode(val): it does not change in the loop. */
    x86_mov_rr(e, true, v, val);
    if (size < 8) {
        x86_ext(e, size, (mop & MO_SIGN) != 0, true, v, v);
    }
    x86_load(e, size, false, true, X86_RAX, addr, t0, 0, 0);
    loop = x86_pc(e);
    x86_mov_rr(e, true, t, X86_RAX);
    if (mop & MO_BSWAP) {
        emit_bswap_reg(e, size, t);
    }
    if (size < 8) {
        x86_ext(e, size, (mop & MO_SIGN) != 0, true, t, t);
    }
    switch (aop) {
    case TCG_ATOMIC_ADD:
        x86_alu_rr(e, X86_ADD, true, t, v);
        break;
    case TCG_ATOMIC_AND:
        x86_alu_rr(e, X86_AND, true, t, v);
        break;
    case TCG_ATOMIC_OR:
        x86_alu_rr(e, X86_OR, true, t, v);
        break;
    case TCG_ATOMIC_XOR:
        x86_alu_rr(e, X86_XOR, true, t, v);
        break;
    case TCG_ATOMIC_XCHG:
        x86_mov_rr(e, true, t, v);
        break;
    default: {
        /* min/max: t = cond(t, v) ? t : v, on 64-bit extended values. */
        X86Cond keep_old;
        switch (aop) {
        case TCG_ATOMIC_SMIN: keep_old = X86_CC_L; break;
        case TCG_ATOMIC_SMAX: keep_old = X86_CC_G; break;
        case TCG_ATOMIC_UMIN: keep_old = X86_CC_B; break;
        default: keep_old = X86_CC_A; break;
        }
        x86_alu_rr(e, X86_CMP, true, t, v);
        x86_cmov(e, x86_cond_invert(keep_old), true, t, v);
        break;
    }
    }
    if (mop & MO_BSWAP) {
        emit_bswap_reg(e, size, t);
    }
    x86_lock(e);
    x86_cmpxchg_m(e, size, t, addr, t0, 0, 0);
    if (x86_fits_s8((intptr_t)loop - (intptr_t)(x86_pc(e) + 2))) {
        x86_jcc8(e, X86_CC_NE, loop);
    } else {
        x86_jcc(e, X86_CC_NE, loop);
    }
}

/* ------------------------------------------------------------------- emit */

void tcg_target_emit_mem_op(TCGGen *g, const TCGOp *op, const TCGGenArgs *ga)
{
    X86Emit *e = &g->e;
    TCGSlowPath *sp = slow_new(g);
    bool w = op->type == TCG_TYPE_I64;
    int t0 = ga->scratch[0];

    sp->type = op->type;
    sp->out = sp->v1 = sp->v2 = -1;

    switch (op->opc) {
    case INDEX_op_guest_ld: {
        MemOpIdx oi = (MemOpIdx)ga->a[2];
        int out = (int)ga->a[0], addr = (int)ga->a[1];
        sp->kind = TCG_SLOW_LD;
        sp->addr = addr;
        sp->out = out;
        sp->oi = oi;
        sp->save = slow_save_set(ga, 1u << out);
        emit_probe(g, sp, addr, t0, oi, false);
        emit_load_data(g, get_memop(oi), w, out, addr, t0);
        break;
    }
    case INDEX_op_guest_st: {
        MemOpIdx oi = (MemOpIdx)ga->a[2];
        int val = (int)ga->a[0], addr = (int)ga->a[1];
        sp->kind = TCG_SLOW_ST;
        sp->addr = addr;
        sp->v1 = val;
        sp->oi = oi;
        sp->save = slow_save_set(ga, 0);
        emit_probe(g, sp, addr, t0, oi, true);
        emit_store_data(g, get_memop(oi), val, addr, t0);
        break;
    }
    case INDEX_op_atomic_cmpxchg: {
        MemOpIdx oi = (MemOpIdx)ga->a[4];
        MemOp mop = get_memop(oi);
        unsigned size = memop_size(mop);
        int newv = (int)ga->a[2], addr = (int)ga->a[3];
        sp->kind = TCG_SLOW_CMPXCHG;
        sp->addr = addr;
        sp->out = X86_RAX;
        sp->v1 = X86_RAX;           /* cmp, aliased with the output */
        sp->v2 = newv;
        sp->oi = oi;
        sp->save = slow_save_set(ga, 1u << X86_RAX);
        emit_probe(g, sp, addr, t0, oi, true);
        /* Only the low size bytes take part, as the IR defines. */
        if (mop & MO_BSWAP) {
            emit_bswap_reg(e, size, X86_RAX);
            x86_mov_rr(e, true, TCG_REG_TMP, newv);
            emit_bswap_reg(e, size, TCG_REG_TMP);
            newv = TCG_REG_TMP;
        }
        x86_lock(e);
        x86_cmpxchg_m(e, size, newv, addr, t0, 0, 0);
        if (mop & MO_BSWAP) {
            emit_bswap_reg(e, size, X86_RAX);
        }
        emit_extend(e, mop, w, X86_RAX);
        break;
    }
    default: {
        MemOpIdx oi = (MemOpIdx)ga->a[3];
        MemOp mop = get_memop(oi);
        TCGAtomicOp aop = (TCGAtomicOp)ga->a[4];
        unsigned size = memop_size(mop);
        int out = (int)ga->a[0], addr = (int)ga->a[2];
        sp->kind = TCG_SLOW_RMW;
        sp->rmw_op = aop;
        sp->addr = addr;
        sp->out = out;
        sp->oi = oi;
        sp->save = slow_save_set(ga, 1u << out);
        if (rmw_is_swap(op)) {
            /* out holds a copy of val: swapped in, old value out. */
            sp->v1 = out;
            emit_probe(g, sp, addr, t0, oi, true);
            if (mop & MO_BSWAP) {
                emit_bswap_reg(e, size, out);
            }
            if (aop == TCG_ATOMIC_XCHG) {
                x86_xchg_m(e, size, out, addr, t0, 0, 0);
            } else {
                x86_lock(e);
                x86_xadd_m(e, size, out, addr, t0, 0, 0);
            }
            if (mop & MO_BSWAP) {
                emit_bswap_reg(e, size, out);
            }
        } else {
            sp->v1 = (int)ga->a[1];
            emit_probe(g, sp, addr, t0, oi, true);
            emit_rmw_loop(g, mop, aop, (int)ga->a[1], addr, t0, ga->scratch[1]);
            if (mop & MO_BSWAP) {
                emit_bswap_reg(e, size, X86_RAX);
            }
        }
        emit_extend(e, mop, w, out);
        break;
    }
    }
    sp->resume = x86_pc(e);
}

/* ------------------------------------------------------------ slow paths */

/* dst[i] = src[i] for registers, in parallel; cycles go through r11. */
static void emit_parallel_move(X86Emit *e, int8_t *dst, int8_t *src, int n)
{
    for (;;) {
        bool pending = false, progress = false;
        for (int i = 0; i < n; i++) {
            bool busy = false;
            if (src[i] == dst[i]) {
                continue;
            }
            pending = true;
            for (int j = 0; j < n; j++) {
                if (j != i && src[j] == dst[i] && src[j] != dst[j]) {
                    busy = true;
                }
            }
            if (!busy) {
                x86_mov_rr(e, true, dst[i], src[i]);
                src[i] = dst[i];
                progress = true;
            }
        }
        if (!pending) {
            return;
        }
        if (!progress) {
            for (int i = 0; i < n; i++) {
                if (src[i] != dst[i]) {
                    int d = dst[i];
                    x86_mov_rr(e, true, TCG_REG_TMP, d);
                    for (int j = 0; j < n; j++) {
                        if (src[j] == d && dst[j] != d) {
                            src[j] = TCG_REG_TMP;
                        }
                    }
                    break;
                }
            }
        }
    }
}

static void emit_slow_path(TCGGen *g, const TCGSlowPath *sp)
{
    X86Emit *e = &g->e;
    const TCGBackendConfig *cfg = &g->be->cfg;
    int8_t dst[4], src[4];
    int n = 0;
    uintptr_t fn;
    int next;       /* first argument register after the values */
    static const int8_t args[6] = { X86_RDI, X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9 };

    x86_patch_rel32(e, sp->jcc_field, x86_pc(e));
    for (uint16_t m = sp->save; m; m &= m - 1) {
        int r = __builtin_ctz(m);
        x86_store(e, 8, r, X86_RSP, X86_NOREG, 0, TCG_FRAME_SAVE + r * 8);
    }

    /* (env, addr, values..., oi, [op,] retaddr) */
    dst[n] = args[1], src[n++] = sp->addr;
    if (sp->v1 >= 0) {
        dst[n] = args[2], src[n++] = sp->v1;
    }
    if (sp->v2 >= 0) {
        dst[n] = args[3], src[n++] = sp->v2;
    }
    next = n + 1;
    dst[n] = args[0], src[n++] = TCG_REG_ENV;
    emit_parallel_move(e, dst, src, n);
    x86_movi(e, false, args[next++], sp->oi);
    if (sp->kind == TCG_SLOW_RMW) {
        x86_movi(e, false, args[next++], sp->rmw_op);
    }
    x86_movi(e, true, args[next], sp->resume);

    switch (sp->kind) {
    case TCG_SLOW_LD: fn = (uintptr_t)cfg->slow_ld; break;
    case TCG_SLOW_ST: fn = (uintptr_t)cfg->slow_st; break;
    case TCG_SLOW_CMPXCHG: fn = (uintptr_t)cfg->slow_cmpxchg; break;
    default: fn = (uintptr_t)cfg->slow_rmw; break;
    }
    if (fn) {
        x86_call(e, fn, TCG_REG_TMP);
    } else {
        x86_ud2(e);     /* the runtime did not provide this slow path */
    }

    if (sp->out >= 0) {
        /* The runtime returns the value extended to 64 bits per the memop. */
        x86_mov_rr(e, sp->type == TCG_TYPE_I64, sp->out, X86_RAX);
    }
    for (uint16_t m = sp->save; m; m &= m - 1) {
        int r = __builtin_ctz(m);
        x86_load(e, 8, false, true, r, X86_RSP, X86_NOREG, 0, TCG_FRAME_SAVE + r * 8);
    }
    x86_jmp(e, sp->resume);
}

/* Largest slow path: 9 saves + moves + constants + call + 9 restores + jmp. */
#define SLOW_PATH_MAX_BYTES 256

void tcg_target_emit_slow_paths(TCGGen *g)
{
    for (unsigned i = 0; i < g->nb_slow; i++) {
        if (g->end - g->e.ptr < SLOW_PATH_MAX_BYTES) {
            g->overflow = true;
            return;
        }
        emit_slow_path(g, &g->be->slow[i]);
    }
}
