/*
 * regalloc.c — the register allocator of the code generator.
 *
 * One forward walk over the ops of a translation, greedy and local (like
 * a "linear scan" without intervals): each temp lives in at most one host
 * register, in its memory slot, or both. The liveness pass (tcg/liveness.c)
 * already told, for each op argument, whether the temp dies there
 * (TCG_LIFE_DEAD) and whether a written global must reach memory
 * (TCG_LIFE_SYNC); the allocator follows that, so it is O(ops) with a
 * constant amount of work per op argument and no allocation.
 *
 * Rules:
 *  - Globals stay in registers across ops and are written back only at
 *    SYNC points, before calls that read them, at basic-block ends and
 *    before ops that may fault. Calls that may write globals drop the
 *    register copies.
 *  - TB temps are stored to their frame slot at every basic-block end;
 *    EBB temps are never saved there (they are dead at labels).
 *  - At a label the register file is emptied: every predecessor has put
 *    everything in memory, so that is the one state all paths agree on.
 *  - A register can be "tracked" (reg_temp[] names its temp) or, during one
 *    op, an untracked copy the op destroys (locked in a mask meanwhile).
 *  - Constants become immediates when the backend's constraint accepts
 *    them, else they are loaded and the register is kept as a cache until
 *    it is needed or the next label.
 *  - When no register is free, a victim is chosen that needs no store
 *    (a constant or a clean copy) if there is one; it is moved to a free
 *    register rather than stored when it must leave a particular register.
 */
#include "util/osdep.h"
#include "tcg/x86_64/tcg-target.h"

#include <assert.h>

/* Allocation order: callee-saved first (values survive helper calls),
   rax/rdx/rcx last (they are the fixed registers of div, shifts, cmpxchg). */
static const int8_t alloc_order[] = {
    X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15, X86_R10, X86_R9, X86_R8,
    X86_RDI, X86_RSI, X86_RCX, X86_RDX, X86_RAX,
};

#define BIT(r) (1u << (r))

static inline bool temp_in_mem(const TCGTemp *ts)
{
    return ts->kind == TEMP_GLOBAL || ts->kind == TEMP_TB || ts->kind == TEMP_EBB;
}

static inline TCGType temp_type(const TCGTemp *ts)
{
    return (TCGType)ts->type;
}

/* ---------------------------------------------------------------- slots */

static void temp_alloc_slot(TCGGen *g, TCGTemp *ts)
{
    if (ts->mem_allocated) {
        return;
    }
    if (g->nb_free_slots) {
        ts->mem_offset = g->be->free_slots[--g->nb_free_slots];
    } else if (g->next_slot < TCG_FRAME_SLOTS + TCG_FRAME_NB_SLOTS * 8) {
        ts->mem_offset = g->next_slot;
        g->next_slot += 8;
    } else {
        /* Out of frame: the block is abandoned, keep going harmlessly. */
        g->too_large = true;
        ts->mem_offset = TCG_FRAME_SLOTS;
        ts->mem_allocated = true;
        return;
    }
    ts->mem_allocated = true;
}

static void temp_free_slot(TCGGen *g, TCGTemp *ts)
{
    if (ts->kind == TEMP_EBB && ts->mem_allocated) {
        g->be->free_slots[g->nb_free_slots++] = (int32_t)ts->mem_offset;
        ts->mem_allocated = false;
    }
}

static void temp_mem_loc(TCGGen *g, TCGTemp *ts, int *base, intptr_t *ofs)
{
    if (ts->kind == TEMP_GLOBAL) {
        /* Globals are env-relative (tcg_global_mem_new). */
        assert(ts->mem_base == TCG_ENV_TEMP_INDEX);
        *base = TCG_REG_ENV;
    } else {
        temp_alloc_slot(g, ts);
        *base = X86_RSP;
    }
    *ofs = ts->mem_offset;
}

/* ------------------------------------------------------------ registers */

static inline void reg_assign(TCGGen *g, int r, TCGTemp *ts)
{
    ts->val_type = TEMP_VAL_REG;
    ts->reg = r;
    g->reg_temp[r] = ts;
    g->free_regs &= ~BIT(r);
}

/* Forgets that r holds its temp (the temp's val_type is the caller's). */
static inline void reg_unassign(TCGGen *g, int r)
{
    g->reg_temp[r] = NULL;
    if (TCG_REGS_ALLOCATABLE & BIT(r)) {
        g->free_regs |= BIT(r);
    }
}

/* Stores ts to memory if its register holds a newer value. */
static void temp_sync(TCGGen *g, TCGTemp *ts)
{
    if (ts->val_type == TEMP_VAL_REG && !ts->mem_coherent && temp_in_mem(ts)) {
        int base;
        intptr_t ofs;
        temp_mem_loc(g, ts, &base, &ofs);
        tcg_target_st(g, temp_type(ts), ts->reg, base, ofs);
        ts->mem_coherent = true;
    }
}

/* Moves ts out of its register to memory (constants just drop the copy). */
static void temp_spill(TCGGen *g, TCGTemp *ts)
{
    assert(ts->val_type == TEMP_VAL_REG && ts->kind != TEMP_FIXED);
    if (ts->kind == TEMP_CONST) {
        reg_unassign(g, ts->reg);
        ts->val_type = TEMP_VAL_CONST;
        ts->reg = -1;
        return;
    }
    temp_sync(g, ts);
    reg_unassign(g, ts->reg);
    ts->val_type = TEMP_VAL_MEM;
    ts->reg = -1;
}

/* ts is not used any more: free its register (and an EBB temp's slot). */
static void temp_dead(TCGGen *g, TCGTemp *ts)
{
    switch (ts->kind) {
    case TEMP_FIXED:
        return;
    case TEMP_CONST:
        if (ts->val_type == TEMP_VAL_REG) {
            temp_spill(g, ts);
        }
        return;
    case TEMP_GLOBAL:
        /*
         * Liveness put a SYNC on the last write before any point that
         * reads memory, so a dead global needs no store: a later write
         * replaces it.
         */
        if (ts->val_type == TEMP_VAL_REG) {
            reg_unassign(g, ts->reg);
            ts->reg = -1;
            ts->val_type = TEMP_VAL_MEM;
            ts->mem_coherent = true;
        }
        return;
    default:
        if (ts->val_type == TEMP_VAL_REG) {
            reg_unassign(g, ts->reg);
            ts->reg = -1;
        }
        /*
         * "sync + dead" on a TB temp means: its value lives on in its
         * slot (across labels), not in a register.
         */
        if (ts->mem_coherent && ts->mem_allocated &&
            (ts->val_type == TEMP_VAL_REG || ts->val_type == TEMP_VAL_MEM)) {
            ts->val_type = TEMP_VAL_MEM;
            return;
        }
        ts->val_type = TEMP_VAL_DEAD;
        temp_free_slot(g, ts);
        return;
    }
}

static int first_in_order(uint16_t mask)
{
    for (unsigned i = 0; i < ARRAY_SIZE(alloc_order); i++) {
        if (mask & BIT(alloc_order[i])) {
            return alloc_order[i];
        }
    }
    return -1;
}

/*
 * Empties register r: its temp moves to a free register outside avoid if
 * there is one (cheaper than a store and a later load), else to memory.
 */
static void reg_evict(TCGGen *g, int r, uint16_t avoid)
{
    TCGTemp *ts = g->reg_temp[r];
    uint16_t f;

    if (!ts) {
        return;
    }
    /* Never into a register the current op uses as an untracked copy. */
    f = g->free_regs & ~avoid & ~g->locked & ~BIT(r);
    if (ts->kind != TEMP_CONST && f) {
        int n = first_in_order(f);
        tcg_target_mov(g, temp_type(ts), n, r);
        reg_unassign(g, r);
        reg_assign(g, n, ts);
        return;
    }
    temp_spill(g, ts);
}

/*
 * Returns a register of mask, not in avoid, that holds no temp: a free one
 * (hint first), else one emptied by spilling the cheapest victim.
 */
static int reg_alloc(TCGGen *g, uint16_t mask, uint16_t avoid, int hint)
{
    uint16_t cands = mask & ~avoid & TCG_REGS_ALLOCATABLE;
    uint16_t f = cands & g->free_regs;
    int victim = -1;

    if (hint >= 0 && (f & BIT(hint))) {
        return hint;
    }
    if (f) {
        return first_in_order(f);
    }
    assert(cands != 0);
    for (unsigned i = 0; i < ARRAY_SIZE(alloc_order); i++) {
        int r = alloc_order[i];
        TCGTemp *ts;
        if (!(cands & BIT(r))) {
            continue;
        }
        ts = g->reg_temp[r];
        if (ts->kind == TEMP_CONST || ts->mem_coherent) {
            victim = r;
            break;
        }
        if (victim < 0) {
            victim = r;
        }
    }
    reg_evict(g, victim, avoid | mask);
    return victim;
}

/* Loads the value of ts into register r (which ts does not own). */
static void temp_load_to(TCGGen *g, TCGTemp *ts, int r)
{
    switch (ts->val_type) {
    case TEMP_VAL_REG:
        tcg_target_mov(g, temp_type(ts), r, ts->reg);
        break;
    case TEMP_VAL_CONST:
        tcg_target_movi(g, temp_type(ts), r, ts->val);
        break;
    case TEMP_VAL_MEM: {
        int base;
        intptr_t ofs;
        temp_mem_loc(g, ts, &base, &ofs);
        tcg_target_ld(g, temp_type(ts), r, base, ofs);
        break;
    }
    default:
        /* Reading an undefined temp (never written on this path). */
        break;
    }
}

/* Makes r the register of ts, loading it if needed (r must be free). */
static void temp_load_own(TCGGen *g, TCGTemp *ts, int r)
{
    int old = ts->val_type == TEMP_VAL_REG ? ts->reg : -1;

    temp_load_to(g, ts, r);
    if (ts->val_type == TEMP_VAL_MEM) {
        ts->mem_coherent = true;
    } else if (ts->val_type == TEMP_VAL_DEAD) {
        ts->mem_coherent = false;
    }
    if (old >= 0) {
        reg_unassign(g, old);
    }
    reg_assign(g, r, ts);
}

/* ------------------------------------------------------------ start/end */

void tcg_regalloc_start(TCGGen *g)
{
    TCGContext *s = g->s;

    memset(g->reg_temp, 0, sizeof(g->reg_temp));
    g->free_regs = TCG_REGS_ALLOCATABLE;
    g->next_slot = TCG_FRAME_SLOTS;
    g->nb_free_slots = 0;
    g->nb_tb_temps = 0;
    if (g->be->tb_temps_cap < s->nb_temps) {
        /* Grows with the largest translation seen, not per block. */
        g->be->tb_temps_cap = MAX(s->nb_temps, 2 * g->be->tb_temps_cap);
        g->be->tb_temps = g_renew(uint32_t, g->be->tb_temps, g->be->tb_temps_cap);
    }

    for (uint32_t i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        switch (ts->kind) {
        case TEMP_FIXED:
            assert(i == TCG_ENV_TEMP_INDEX);
            ts->val_type = TEMP_VAL_REG;
            ts->reg = TCG_REG_ENV;
            break;
        case TEMP_GLOBAL:
            ts->val_type = TEMP_VAL_MEM;
            ts->mem_coherent = true;
            ts->reg = -1;
            break;
        case TEMP_CONST:
            ts->val_type = TEMP_VAL_CONST;
            ts->reg = -1;
            break;
        default:
            ts->val_type = TEMP_VAL_DEAD;
            ts->mem_allocated = false;
            ts->mem_coherent = false;
            ts->reg = -1;
            if (ts->kind == TEMP_TB) {
                g->be->tb_temps[g->nb_tb_temps++] = i;
            }
            break;
        }
    }
}

void tcg_regalloc_sync_globals(TCGGen *g)
{
    uint16_t used = TCG_REGS_ALLOCATABLE & ~g->free_regs;

    while (used) {
        int r = __builtin_ctz(used);
        TCGTemp *ts = g->reg_temp[r];
        used &= used - 1;
        if (ts->kind == TEMP_GLOBAL) {
            temp_sync(g, ts);
        }
    }
}

void tcg_regalloc_bb_end(TCGGen *g, bool exit_tb)
{
    uint16_t used = TCG_REGS_ALLOCATABLE & ~g->free_regs;

    while (used) {
        int r = __builtin_ctz(used);
        TCGTemp *ts = g->reg_temp[r];
        used &= used - 1;
        if (ts->kind == TEMP_GLOBAL || (ts->kind == TEMP_TB && !exit_tb)) {
            temp_sync(g, ts);
        }
    }
}

void tcg_regalloc_label(TCGGen *g)
{
    uint16_t used;

    /* The fallthrough path into the label saves like a branch would. */
    tcg_regalloc_bb_end(g, false);
    used = TCG_REGS_ALLOCATABLE & ~g->free_regs;
    while (used) {
        int r = __builtin_ctz(used);
        TCGTemp *ts = g->reg_temp[r];
        used &= used - 1;
        reg_unassign(g, r);
        ts->reg = -1;
        switch (ts->kind) {
        case TEMP_CONST:
            ts->val_type = TEMP_VAL_CONST;
            break;
        case TEMP_EBB:
            ts->val_type = TEMP_VAL_DEAD;
            temp_free_slot(g, ts);
            break;
        default:
            ts->val_type = TEMP_VAL_MEM;
            break;
        }
    }
    /*
     * Every path into a label stored the TB temps live there (liveness
     * asks for it), so the slots are the truth, whatever the path that
     * fell through (or ended before) the label left in our state. This
     * includes temps not written yet in program order: a backward branch
     * to this label may bring their value (the slot is then allocated at
     * the first load or store, the same for both).
     */
    for (unsigned i = 0; i < g->nb_tb_temps; i++) {
        g->s->temps[g->be->tb_temps[i]].val_type = TEMP_VAL_MEM;
    }
}

/* ------------------------------------------------------------- outputs */

/* After an op wrote ts (in a register): honour SYNC and DEAD. */
static void output_done(TCGGen *g, const TCGOp *op, unsigned k, TCGTemp *ts)
{
    if (tcg_op_arg_sync(op, k)) {
        temp_sync(g, ts);
    }
    if (tcg_op_arg_dead(op, k)) {
        temp_dead(g, ts);
    }
}

/* Gives ts register r as its new, not yet stored, value. */
static void output_assign(TCGGen *g, TCGTemp *ts, int r)
{
    if (ts->val_type == TEMP_VAL_REG && ts->reg != r) {
        reg_unassign(g, ts->reg);
    }
    reg_assign(g, r, ts);
    ts->mem_coherent = false;
}

static bool const_accepted(const TCGArgCons *ac, TCGType type, int64_t v)
{
    if (ac->ct & TCG_CT_CONST_ANY) {
        return true;
    }
    if ((ac->ct & TCG_CT_CONST_S32) && (type == TCG_TYPE_I32 || v == (int32_t)v)) {
        return true;
    }
    if ((ac->ct & TCG_CT_CONST_ZERO) && v == 0) {
        return true;
    }
    return false;
}

/* Whether ts is an input of op that dies there. */
static bool is_dead_input(const TCGOp *op, unsigned nb_o, unsigned nb_i,
                          const TCGTemp *ts)
{
    for (unsigned i = 0; i < nb_i; i++) {
        if (op->args[nb_o + i] == ts->index && tcg_op_arg_dead(op, nb_o + i)) {
            return true;
        }
    }
    return false;
}

/* ------------------------------------------------------------ generic op */

void tcg_regalloc_op(TCGGen *g, const TCGOp *op)
{
    TCGContext *s = g->s;
    const TCGOpCons *cons = tcg_target_op_cons(g, op);
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    unsigned nb_o = def->nb_oargs, nb_i = def->nb_iargs;
    uint16_t destroyed = cons->clobber;
    uint16_t i_locked = 0, o_locked = 0;
    TCGGenArgs ga;

    g->op = op;
    memset(ga.is_const, 0, sizeof(ga.is_const));

    /* Registers the op writes: clobbers, fixed outputs, aliased inputs. */
    for (unsigned k = 0; k < nb_o; k++) {
        const TCGArgCons *oc = &cons->a[k];
        if (oc->alias < 0 && (oc->regs & (oc->regs - 1)) == 0) {
            destroyed |= oc->regs;
        }
    }
    /* No value may be moved into them while the op is allocated. */
    g->locked = destroyed;

    /* Live values leave the registers the op destroys. */
    if (destroyed) {
        uint16_t d = destroyed & TCG_REGS_ALLOCATABLE & ~g->free_regs;
        uint16_t fixed_in = 0;
        for (unsigned i = 0; i < nb_i; i++) {
            const TCGArgCons *ic = &cons->a[nb_o + i];
            if ((ic->regs & (ic->regs - 1)) == 0) {
                fixed_in |= ic->regs;
            }
        }
        while (d) {
            int r = __builtin_ctz(d);
            d &= d - 1;
            if (!is_dead_input(op, nb_o, nb_i, g->reg_temp[r])) {
                reg_evict(g, r, destroyed | fixed_in);
            }
        }
    }

    /* Inputs. */
    for (unsigned i = 0; i < nb_i; i++) {
        unsigned k = nb_o + i;
        TCGTemp *ts = tcg_op_temp(s, op, k);
        const TCGArgCons *ic = &cons->a[k];
        uint16_t this_destroyed = destroyed;
        int r;

        ga.is_const[k] = false;
        if (ts->kind == TEMP_CONST && const_accepted(ic, temp_type(ts), ts->val)) {
            ga.is_const[k] = true;
            ga.a[k] = ts->val;
            continue;
        }
        for (unsigned o = 0; o < nb_o; o++) {
            if (cons->a[o].alias == (int)k) {
                this_destroyed |= TCG_REGS_ALL;   /* its register becomes an output */
            }
        }

        if (ts->val_type == TEMP_VAL_REG && (ic->regs & BIT(ts->reg))
            && !(ts->kind == TEMP_FIXED && (this_destroyed & BIT(ts->reg)))) {
            r = ts->reg;
            if (this_destroyed & BIT(r)) {
                /* The op overwrites r: keep the value elsewhere if still needed. */
                bool dead = tcg_op_arg_dead(op, k) && ts->kind != TEMP_CONST;
                for (unsigned j = i + 1; j < nb_i; j++) {
                    if (op->args[nb_o + j] == ts->index) {
                        dead = false;       /* read again by a later input */
                    }
                }
                if (!dead) {
                    uint16_t f = g->free_regs & ~(i_locked | destroyed | BIT(r));
                    if (ts->kind != TEMP_CONST && f) {
                        int n = first_in_order(f);
                        tcg_target_mov(g, temp_type(ts), n, r);
                        reg_unassign(g, r);
                        reg_assign(g, n, ts);
                    } else {
                        temp_spill(g, ts);
                    }
                } else {
                    temp_dead(g, ts);
                }
            }
        } else {
            int hint = -1;
            r = reg_alloc(g, ic->regs, i_locked, hint);
            if ((this_destroyed & BIT(r)) || ts->val_type == TEMP_VAL_REG
                || ts->kind == TEMP_FIXED) {
                /* An untracked copy for this op only. */
                temp_load_to(g, ts, r);
            } else {
                temp_load_own(g, ts, r);
            }
        }
        i_locked |= BIT(r);
        g->locked = i_locked | destroyed;
        ga.a[k] = r;
    }

    /* Inputs that die here free their registers (outputs may reuse them). */
    for (unsigned i = 0; i < nb_i; i++) {
        unsigned k = nb_o + i;
        if (tcg_op_arg_dead(op, k) && !ga.is_const[k]) {
            TCGTemp *ts = tcg_op_temp(s, op, k);
            if (ts->val_type == TEMP_VAL_REG || ts->kind == TEMP_EBB
                || ts->kind == TEMP_TB) {
                temp_dead(g, ts);
            }
        }
    }

    if (def->flags & TCG_OPF_MAY_FAULT) {
        tcg_regalloc_sync_globals(g);
    }
    if (def->flags & TCG_OPF_BB_END) {
        tcg_regalloc_bb_end(g, (def->flags & TCG_OPF_BB_EXIT) != 0);
    }

    /* Outputs. */
    for (unsigned k = 0; k < nb_o; k++) {
        TCGTemp *ts = tcg_op_temp(s, op, k);
        const TCGArgCons *oc = &cons->a[k];
        int r;

        if (oc->alias >= 0) {
            r = (int)ga.a[oc->alias];
            if (g->reg_temp[r] && g->reg_temp[r] != ts) {
                reg_evict(g, r, i_locked | o_locked);
            }
        } else {
            uint16_t avoid = o_locked | (oc->newreg ? i_locked : 0);
            if (ts->val_type == TEMP_VAL_REG && (oc->regs & BIT(ts->reg))
                && !(avoid & BIT(ts->reg))) {
                r = ts->reg;
            } else {
                int hint = -1;
                if (nb_i && !ga.is_const[nb_o] && tcg_op_arg_dead(op, nb_o)) {
                    hint = (int)ga.a[nb_o];
                } else if (nb_i > 1 && !ga.is_const[nb_o + 1]
                           && tcg_op_arg_dead(op, nb_o + 1)) {
                    hint = (int)ga.a[nb_o + 1];
                }
                if (ts->val_type == TEMP_VAL_REG) {
                    /* The old value dies: its register is free for us too. */
                    reg_unassign(g, ts->reg);
                    ts->val_type = TEMP_VAL_MEM;
                    ts->reg = -1;
                }
                r = reg_alloc(g, oc->regs, avoid, hint);
            }
        }
        output_assign(g, ts, r);
        o_locked |= BIT(r);
        g->locked = i_locked | o_locked | destroyed;
        ga.a[k] = r;
    }

    /* Scratch registers, distinct from everything the op uses. */
    for (unsigned i = 0; i < cons->nb_scratch; i++) {
        int r = reg_alloc(g, TCG_REGS_ALLOCATABLE, i_locked | o_locked | destroyed, -1);
        ga.scratch[i] = r;
        o_locked |= BIT(r);
        g->locked = i_locked | o_locked | destroyed;
    }

    /* Constant arguments pass through. */
    for (unsigned k = nb_o + nb_i; k < op->nargs; k++) {
        ga.a[k] = (int64_t)op->args[k];
        ga.is_const[k] = true;
    }
    ga.live_after = TCG_REGS_ALLOCATABLE & ~g->free_regs;

    g->locked = 0;
    tcg_target_emit_op(g, op, &ga);

    /* Registers the op destroyed hold nothing any more. */
    if (cons->clobber) {
        uint16_t d = cons->clobber & TCG_REGS_ALLOCATABLE & ~g->free_regs & ~o_locked;
        while (d) {
            int r = __builtin_ctz(d);
            d &= d - 1;
            temp_dead(g, g->reg_temp[r]);
        }
    }

    for (unsigned k = 0; k < nb_o; k++) {
        output_done(g, op, k, tcg_op_temp(s, op, k));
    }
}

/* ------------------------------------------------------------------ mov */

void tcg_regalloc_mov(TCGGen *g, const TCGOp *op)
{
    TCGContext *s = g->s;
    TCGTemp *out = tcg_op_temp(s, op, 0);
    TCGTemp *in = tcg_op_temp(s, op, 1);
    TCGType type = (TCGType)op->type;
    bool in_dead = tcg_op_arg_dead(op, 1);
    bool out_dead = tcg_op_arg_dead(op, 0);
    int r;

    g->op = op;
    if (in == out) {
        if (in_dead) {
            temp_dead(g, in);
        }
        return;
    }

    if (in->kind == TEMP_CONST && in->val_type != TEMP_VAL_REG) {
        /* A constant written straight to memory when that is all we need. */
        if (out_dead && tcg_op_arg_sync(op, 0) && temp_in_mem(out)) {
            int base;
            intptr_t ofs;
            temp_mem_loc(g, out, &base, &ofs);
            if (tcg_target_sti(g, type, in->val, base, ofs)) {
                if (out->val_type == TEMP_VAL_REG) {
                    reg_unassign(g, out->reg);
                    out->reg = -1;
                }
                out->val_type = TEMP_VAL_MEM;
                out->mem_coherent = true;
                temp_dead(g, out);
                return;
            }
        }
        if (out->val_type == TEMP_VAL_REG) {
            r = out->reg;
        } else {
            r = reg_alloc(g, TCG_REGS_ALLOCATABLE, 0, -1);
        }
        tcg_target_movi(g, type, r, in->val);
        output_assign(g, out, r);
        output_done(g, op, 0, out);
        return;
    }

    if (out_dead && tcg_op_arg_sync(op, 0) && temp_in_mem(out)) {
        /* Only out's memory wants the value: store from in's register. */
        int base;
        intptr_t ofs;
        if (in->val_type != TEMP_VAL_REG) {
            temp_load_own(g, in, reg_alloc(g, TCG_REGS_ALLOCATABLE, 0, -1));
        }
        if (out->val_type == TEMP_VAL_REG) {
            reg_unassign(g, out->reg);
            out->reg = -1;
        }
        temp_mem_loc(g, out, &base, &ofs);
        tcg_target_st(g, type, in->reg, base, ofs);
        out->val_type = TEMP_VAL_MEM;
        out->mem_coherent = true;
        if (in_dead) {
            temp_dead(g, in);
        }
        return;
    }

    if (in->val_type == TEMP_VAL_REG) {
        if (in_dead && in->kind != TEMP_FIXED) {
            /* Rename: the register changes owner, no code. */
            r = in->reg;
            temp_dead(g, in);
            if (out->val_type == TEMP_VAL_REG) {
                reg_unassign(g, out->reg);
                out->reg = -1;
            }
            output_assign(g, out, r);
            output_done(g, op, 0, out);
            return;
        }
        if (out->val_type == TEMP_VAL_REG) {
            r = out->reg;
        } else {
            r = reg_alloc(g, TCG_REGS_ALLOCATABLE, BIT(in->reg), -1);
        }
        tcg_target_mov(g, type, r, in->reg);
    } else {
        /* In memory (or undefined): load straight into out's register. */
        if (out->val_type == TEMP_VAL_REG) {
            r = out->reg;
        } else {
            r = reg_alloc(g, TCG_REGS_ALLOCATABLE, 0, -1);
        }
        temp_load_to(g, in, r);
    }
    output_assign(g, out, r);
    if (in_dead) {
        temp_dead(g, in);
    }
    output_done(g, op, 0, out);
}

void tcg_regalloc_discard(TCGGen *g, const TCGOp *op)
{
    TCGTemp *ts = tcg_op_temp(g->s, op, 0);

    /* The value is undefined from here: drop it without storing. */
    if (ts->val_type == TEMP_VAL_REG) {
        reg_unassign(g, ts->reg);
        ts->reg = -1;
    }
    if (ts->kind == TEMP_GLOBAL) {
        ts->val_type = TEMP_VAL_MEM;
        ts->mem_coherent = true;
    } else {
        ts->val_type = TEMP_VAL_DEAD;
        temp_free_slot(g, ts);
    }
}

/* ----------------------------------------------------------------- call */

static const int8_t call_arg_regs[6] = {
    X86_RDI, X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9,
};

typedef struct CallMove {
    int8_t dst;
    int8_t src;         /* register, or -1: load ts */
    bool sext;          /* i32 passed sign-extended */
    bool i32;
    TCGTemp *ts;
} CallMove;

/* Places the value of ts (i32 extended as asked) in the stack argument slot. */
static void call_stack_arg(TCGGen *g, TCGTemp *ts, bool i32, bool sext, intptr_t ofs)
{
    int64_t v;

    if (ts->val_type == TEMP_VAL_CONST
        || (ts->kind == TEMP_CONST && ts->val_type != TEMP_VAL_REG)) {
        v = i32 ? (sext ? (int64_t)(int32_t)ts->val : (int64_t)(uint32_t)ts->val) : ts->val;
        if (!tcg_target_sti(g, TCG_TYPE_I64, v, X86_RSP, ofs)) {
            tcg_target_movi(g, TCG_TYPE_I64, TCG_REG_TMP, v);
            tcg_target_st(g, TCG_TYPE_I64, TCG_REG_TMP, X86_RSP, ofs);
        }
        return;
    }
    if (ts->val_type == TEMP_VAL_REG && !(i32 && sext)) {
        tcg_target_st(g, TCG_TYPE_I64, ts->reg, X86_RSP, ofs);
        return;
    }
    temp_load_to(g, ts, TCG_REG_TMP);
    if (i32 && sext) {
        x86_ext(&g->e, 4, true, true, TCG_REG_TMP, TCG_REG_TMP);
    }
    tcg_target_st(g, TCG_TYPE_I64, TCG_REG_TMP, X86_RSP, ofs);
}

void tcg_regalloc_call(TCGGen *g, const TCGOp *op)
{
    TCGContext *s = g->s;
    const TCGHelperInfo *info = tcg_call_info(op);
    unsigned nb_o = op->call_o, nb_i = op->call_i;
    uint32_t flags = info->flags;
    bool reads = !(flags & TCG_CALL_NO_READ_GLOBALS);
    bool writes = reads && !(flags & TCG_CALL_NO_WRITE_GLOBALS);
    CallMove mv[6];
    unsigned nb_mv = 0;
    uint16_t srcs;

    g->op = op;

    /* 1. The helper may read globals: memory must hold them. */
    if (reads) {
        tcg_regalloc_sync_globals(g);
    }

    /* 2. Values live after the call leave the call-clobbered registers. */
    {
        uint16_t used = TCG_REGS_CALL_CLOBBERED & TCG_REGS_ALLOCATABLE & ~g->free_regs;
        while (used) {
            int r = __builtin_ctz(used);
            TCGTemp *ts = g->reg_temp[r];
            uint16_t f;
            used &= used - 1;
            if (ts->kind == TEMP_GLOBAL) {
                temp_sync(g, ts);
            }
            if (is_dead_input(op, nb_o, nb_i, ts)) {
                continue;           /* an argument source, freed below */
            }
            f = g->free_regs & TCG_REGS_CALLEE_SAVED;
            if (ts->kind == TEMP_CONST || (ts->kind == TEMP_GLOBAL && writes) || !f) {
                temp_spill(g, ts);
            } else {
                int n = first_in_order(f);
                tcg_target_mov(g, temp_type(ts), n, r);
                reg_unassign(g, r);
                reg_assign(g, n, ts);
            }
        }
    }

    /* 3. Stack arguments first: their sources may be argument registers. */
    for (unsigned i = 6; i < nb_i; i++) {
        TCGTemp *ts = tcg_op_temp(s, op, nb_o + i);
        bool i32 = ts->type == TCG_TYPE_I32;
        call_stack_arg(g, ts, i32, i32 && (info->sext_mask & (1u << i)),
                       TCG_FRAME_CALL_ARGS + (i - 6) * 8);
    }

    /* 4. Register arguments: a parallel move, cycles broken through r11. */
    srcs = 0;
    for (unsigned i = 0; i < nb_i && i < 6; i++) {
        TCGTemp *ts = tcg_op_temp(s, op, nb_o + i);
        CallMove *m = &mv[nb_mv++];
        m->dst = call_arg_regs[i];
        m->ts = ts;
        m->i32 = ts->type == TCG_TYPE_I32;
        m->sext = m->i32 && (info->sext_mask & (1u << i));
        m->src = ts->val_type == TEMP_VAL_REG ? ts->reg : -1;
        if (m->src >= 0 && m->src != m->dst) {
            srcs |= BIT(m->src);
        }
    }
    for (;;) {
        bool progress = false, pending = false;
        for (unsigned i = 0; i < nb_mv; i++) {
            CallMove *m = &mv[i];
            if (m->src < 0 || m->src == m->dst) {
                continue;
            }
            pending = true;
            /* dst still needed as the source of another move? */
            bool busy = false;
            for (unsigned j = 0; j < nb_mv; j++) {
                if (j != i && mv[j].src == m->dst && mv[j].src != mv[j].dst) {
                    busy = true;
                    break;
                }
            }
            if (busy) {
                continue;
            }
            if (m->sext) {
                x86_ext(&g->e, 4, true, true, m->dst, m->src);
            } else {
                tcg_target_mov(g, m->i32 ? TCG_TYPE_I32 : TCG_TYPE_I64, m->dst, m->src);
            }
            m->src = m->dst;
            m->sext = false;        /* done as part of the move */
            progress = true;
        }
        if (!pending) {
            break;
        }
        if (!progress) {
            /* Only cycles remain: save one destination in r11. */
            for (unsigned i = 0; i < nb_mv; i++) {
                CallMove *m = &mv[i];
                if (m->src >= 0 && m->src != m->dst) {
                    int d = m->dst;
                    tcg_target_mov(g, TCG_TYPE_I64, TCG_REG_TMP, d);
                    for (unsigned j = 0; j < nb_mv; j++) {
                        if (mv[j].src == d && mv[j].dst != d) {
                            mv[j].src = TCG_REG_TMP;
                        }
                    }
                    break;
                }
            }
        }
    }
    /* Loads from memory and constants, then in-place sign extensions. */
    for (unsigned i = 0; i < nb_mv; i++) {
        CallMove *m = &mv[i];
        if (m->src < 0) {
            if (m->ts->val_type == TEMP_VAL_CONST
                || (m->ts->kind == TEMP_CONST && m->ts->val_type != TEMP_VAL_REG)) {
                int64_t v = m->ts->val;
                if (m->i32) {
                    v = m->sext ? (int64_t)(int32_t)v : (int64_t)(uint32_t)v;
                }
                tcg_target_movi(g, m->sext ? TCG_TYPE_I64 : temp_type(m->ts), m->dst, v);
                m->sext = false;
            } else {
                temp_load_to(g, m->ts, m->dst);
            }
        }
        if (m->sext) {
            x86_ext(&g->e, 4, true, true, m->dst, m->dst);
        }
    }

    /* 5. The call. */
    x86_call(&g->e, (uintptr_t)tcg_call_func(op), TCG_REG_TMP);

    /* 6. Call-clobbered registers hold nothing now; dead inputs are freed. */
    {
        uint16_t used = TCG_REGS_CALL_CLOBBERED & TCG_REGS_ALLOCATABLE & ~g->free_regs;
        while (used) {
            int r = __builtin_ctz(used);
            used &= used - 1;
            /* Only dead inputs are left there (globals synced in step 2). */
            temp_dead(g, g->reg_temp[r]);
        }
    }
    for (unsigned i = 0; i < nb_i; i++) {
        if (tcg_op_arg_dead(op, nb_o + i)) {
            TCGTemp *ts = tcg_op_temp(s, op, nb_o + i);
            if (ts->val_type == TEMP_VAL_REG || ts->kind == TEMP_EBB
                || ts->kind == TEMP_TB) {
                temp_dead(g, ts);
            }
        }
    }
    if (writes) {
        /* The helper may have changed any global: memory is the truth. */
        uint16_t used = TCG_REGS_ALLOCATABLE & ~g->free_regs;
        while (used) {
            int r = __builtin_ctz(used);
            TCGTemp *ts = g->reg_temp[r];
            used &= used - 1;
            if (ts->kind == TEMP_GLOBAL) {
                assert(ts->mem_coherent);
                reg_unassign(g, r);
                ts->reg = -1;
                ts->val_type = TEMP_VAL_MEM;
            }
        }
    }

    /* 7. The result, in rax. */
    if (nb_o) {
        TCGTemp *ts = tcg_op_temp(s, op, 0);
        if (ts->type == TCG_TYPE_I32) {
            /* The C ABI leaves bits 63:32 of an int return undefined. */
            x86_mov_rr(&g->e, false, X86_RAX, X86_RAX);
        }
        if (ts->val_type == TEMP_VAL_REG) {
            reg_unassign(g, ts->reg);
        }
        output_assign(g, ts, X86_RAX);
        output_done(g, op, 0, ts);
    }
}
