/*
 * pass-demote.c — turns TB temps that never cross a label into EBB temps.
 *
 * Front ends get TEMP_TB temps from tcg_temp_new_*() because that is always
 * safe, but a TB temp must be spilled to its frame slot at every block end
 * (a brcond, a label) in case it is read after it. Most are used within one
 * extended basic block: those are demoted to TEMP_EBB, which the register
 * allocator may keep in a register through conditional branches and simply
 * forget at the next label. One forward walk; an EBB is numbered from each
 * label.
 */
#include "util/osdep.h"
#include "tcg/tcg.h"
#include "tcg/passes.h"

/* ts->state during this pass: 0 unseen, EBB number + 1, or MULTI. */
#define MULTI UINTPTR_MAX

void tcg_pass_demote_temps(TCGContext *s)
{
    uintptr_t ebb = 1;
    const TCGOp *op;
    bool any = false;

    for (uint32_t i = s->nb_globals; i < s->nb_temps; i++) {
        s->temps[i].state = 0;
        any |= s->temps[i].kind == TEMP_TB;
    }
    if (!any) {
        return;                 /* most blocks: nothing to look at */
    }
    TCG_FOREACH_OP(s, op) {
        unsigned n;

        if (op->opc == INDEX_op_set_label) {
            ebb++;
            continue;
        }
        n = tcg_op_nb_oargs(op) + tcg_op_nb_iargs(op);
        for (unsigned i = 0; i < n; i++) {
            TCGTemp *ts = tcg_op_temp(s, op, i);
            if (ts->kind != TEMP_TB) {
                continue;
            }
            if (ts->state == 0) {
                ts->state = ebb;
            } else if (ts->state != ebb) {
                ts->state = MULTI;
            }
        }
    }
    for (uint32_t i = s->nb_globals; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->kind == TEMP_TB && ts->state != MULTI) {
            ts->kind = TEMP_EBB;
        }
    }
}
