/*
 * liveness.c — backward liveness analysis, dead-code elimination, and the
 * per-argument annotations the register allocator reads (op->life).
 *
 * One backward walk. Each temp's state (a byte in Liveness.st) says what
 * the code after the current point needs from it:
 *   TS_DEAD  its value is not read again from a register (it may be freed)
 *   TS_MEM   its value must be in its memory slot (env field / frame slot)
 * A temp with neither bit is live in a register.
 *
 * Boundary states:
 *   TB exit (exit_tb, goto_tb, goto_ptr): globals DEAD|MEM, all else DEAD.
 *   label / br / the target side of brcond: globals and TB temps
 *     DEAD|MEM (a label is entered with every value in memory), EBB and
 *     constant temps DEAD (an EBB temp cannot be live across a label).
 *   brcond: the fall-through state with TS_MEM added to globals/TB temps.
 *   call: reads globals -> globals get TS_MEM before it; may write them ->
 *     globals are DEAD|MEM before it (its register copies become stale).
 *   TCG_OPF_MAY_FAULT ops: globals get TS_MEM before them.
 *
 * At each op, for an output: DEAD bit if TS_DEAD, SYNC bit if TS_MEM; then
 * the temp becomes DEAD (its earlier value is not needed). For an input:
 * DEAD bit if TS_DEAD; then it becomes live. An op without side effects
 * whose outputs are all dead and need no sync is removed; mulu2/muls2 and
 * add2/sub2 whose high output is dead become mul / add / sub.
 */
#include "util/osdep.h"
#include "tcg/tcg.h"
#include "tcg/passes.h"

enum {
    TS_DEAD = 1,
    TS_MEM  = 2,
};

typedef struct Liveness {
    TCGContext *s;
    /*
     * The state of every temp, one byte each. Temps [0, nb_globals) are the
     * globals (and the fixed env, treated alike: it is never an output and
     * its input slots get no DEAD bit), so the boundary effects on globals
     * are loops over a short dense byte range rather than over TCGTemps.
     */
    uint8_t *st;
    uint32_t nb_globals;
    uint32_t *tb_temps;         /* TB temps (to memory at labels) */
    uint32_t nb_tb_temps;
    uint32_t *consts;           /* constant temps (dead at labels) */
    uint32_t nb_consts;
} Liveness;

/* State at a TB exit. */
static void la_exit(Liveness *l)
{
    memset(l->st, TS_DEAD | TS_MEM, l->nb_globals);
    memset(l->st + l->nb_globals, TS_DEAD, l->s->nb_temps - l->nb_globals);
}

/* State at a label (also what br leads to). */
static void la_label(Liveness *l, bool reset_ebb)
{
    if (reset_ebb) {
        memset(l->st + l->nb_globals, TS_DEAD, l->s->nb_temps - l->nb_globals);
    } else {
        /* EBB temps are already dead here: each is written after the label
           before it is read (the verifier checks it). Constants are not. */
        for (uint32_t i = 0; i < l->nb_consts; i++) {
            l->st[l->consts[i]] = TS_DEAD;
        }
    }
    memset(l->st, TS_DEAD | TS_MEM, l->nb_globals);
    for (uint32_t i = 0; i < l->nb_tb_temps; i++) {
        l->st[l->tb_temps[i]] = TS_DEAD | TS_MEM;
    }
}

/* Adds TS_MEM to globals (and TB temps if tb). */
static void la_sync(Liveness *l, bool tb)
{
    for (uint32_t i = 0; i < l->nb_globals; i++) {
        l->st[i] |= TS_MEM;
    }
    if (tb) {
        for (uint32_t i = 0; i < l->nb_tb_temps; i++) {
            l->st[l->tb_temps[i]] |= TS_MEM;
        }
    }
}

/* Globals must be in memory and need no register copy before the op. */
static void la_globals_dead_mem(Liveness *l)
{
    memset(l->st, TS_DEAD | TS_MEM, l->nb_globals);
}

static inline bool out_unused(const Liveness *l, TCGArg a)
{
    return l->st[a] == TS_DEAD;
}

void tcg_pass_liveness(TCGContext *s)
{
    Liveness l = { .s = s, .nb_globals = s->nb_globals };
    TCGOp *op, *prev;
    /* Scratch: two temp lists and the state bytes. */
    uint32_t need = 2 * s->nb_temps + DIV_ROUND_UP(s->nb_temps, 4);

    if (unlikely(s->live_cap < need)) {
        s->live_cap = MAX(need, 2 * s->live_cap);
        g_free(s->live_buf);
        s->live_buf = g_new(uint32_t, s->live_cap);
    }
    l.tb_temps = s->live_buf;
    l.consts = s->live_buf + s->nb_temps;
    l.st = (uint8_t *)(s->live_buf + 2 * s->nb_temps);
    if (s->verify) {
        /* tcg.c only makes globals and the fixed env below nb_globals. */
        for (uint32_t i = 0; i < s->nb_globals; i++) {
            g_assert(s->temps[i].kind == TEMP_GLOBAL ||
                     s->temps[i].kind == TEMP_FIXED);
        }
    }
    for (uint32_t i = s->nb_globals; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->kind == TEMP_TB) {
            l.tb_temps[l.nb_tb_temps++] = i;
        } else if (ts->kind == TEMP_CONST) {
            l.consts[l.nb_consts++] = i;
        }
    }
    la_exit(&l);

    TCG_FOREACH_OP_REVERSE_SAFE(s, op, prev) {
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        unsigned nb_o = tcg_op_nb_oargs(op), nb_i = tcg_op_nb_iargs(op);
        uint32_t life = 0;
        unsigned i;

        /* 1. The boundary effect of control ops, seen from before them. */
        switch (op->opc) {
        case INDEX_op_exit_tb:
        case INDEX_op_goto_tb:
        case INDEX_op_goto_ptr:
            la_exit(&l);
            break;
        case INDEX_op_br:
            la_label(&l, true);
            break;
        case INDEX_op_set_label:
            la_label(&l, false);
            break;
        case INDEX_op_brcond:
            la_sync(&l, true);
            break;
        case INDEX_op_nop:
            tcg_op_remove(s, op);
            continue;
        default:
            break;
        }

        /* 2. Dead-code elimination and narrowing. */
        if (op->opc == INDEX_op_call) {
            const TCGHelperInfo *info = tcg_call_info(op);
            if ((info->flags & TCG_CALL_NO_SIDE_EFFECTS) &&
                (nb_o == 0 || out_unused(&l, op->args[0]))) {
                tcg_op_remove(s, op);
                continue;
            }
        } else if (nb_o && !(def->flags & TCG_OPF_SIDE_EFFECTS) &&
                   op->opc != INDEX_op_discard) {
            bool lo_dead = out_unused(&l, op->args[0]);
            bool hi_dead = nb_o == 2 && out_unused(&l, op->args[1]);

            if (lo_dead && (nb_o == 1 || hi_dead)) {
                tcg_op_remove(s, op);
                continue;
            }
            if (nb_o == 2 && hi_dead) {
                TCGArg lo = op->args[0];
                switch (op->opc) {
                case INDEX_op_mulu2:
                case INDEX_op_muls2:
                    op->args[1] = op->args[2];
                    op->args[2] = op->args[3];
                    op->opc = INDEX_op_mul;
                    break;
                case INDEX_op_add2:
                case INDEX_op_sub2:
                    /* The low half of a double-width sum is the sum of lows. */
                    op->args[1] = op->args[2];
                    op->args[2] = op->args[4];
                    op->opc = op->opc == INDEX_op_add2 ? INDEX_op_add
                                                       : INDEX_op_sub;
                    break;
                default:
                    g_assert_not_reached();
                }
                op->args[0] = lo;
                op->nargs = 3;
                def = &tcg_op_defs[op->opc];
                nb_o = 1;
                nb_i = 2;
            }
        } else if (op->opc == INDEX_op_discard &&
                   tcg_op_temp(s, op, 0)->kind != TEMP_GLOBAL &&
                   out_unused(&l, op->args[0])) {
            /* Already dead: the discard tells the allocator nothing. */
            tcg_op_remove(s, op);
            continue;
        }

        /* 3. Outputs. */
        for (i = 0; i < nb_o; i++) {
            uint8_t *st = &l.st[op->args[i]];
            if (*st & TS_DEAD) {
                life |= TCG_LIFE_DEAD(i);
            }
            if ((*st & TS_MEM) && op->opc != INDEX_op_discard) {
                life |= TCG_LIFE_SYNC(i);
            }
            *st = TS_DEAD;
        }

        /* 4. Effects on globals before the op. */
        if (op->opc == INDEX_op_call) {
            uint32_t flags = tcg_call_info(op)->flags;
            if (!(flags & TCG_CALL_NO_READ_GLOBALS)) {
                if (flags & TCG_CALL_NO_WRITE_GLOBALS) {
                    la_sync(&l, false);
                } else {
                    la_globals_dead_mem(&l);
                }
            }
        } else if (def->flags & TCG_OPF_MAY_FAULT) {
            la_sync(&l, false);
        }

        /* 5. Inputs. An arg used twice is dead only at its last use, which
           is the first one met here: test every slot before clearing. */
        for (i = nb_o; i < nb_o + nb_i; i++) {
            TCGTemp *ts = tcg_op_temp(s, op, i);
            if (ts->kind == TEMP_FIXED) {
                continue;
            }
            if (l.st[op->args[i]] & TS_DEAD) {
                life |= TCG_LIFE_DEAD(i);
            }
        }
        for (i = nb_o; i < nb_o + nb_i; i++) {
            l.st[op->args[i]] &= ~TS_DEAD;
        }
        op->life = life;
    }
}
