/*
 * passes.h — every pass over the IR of one translation, one file each.
 *
 * A pass takes the context and rewrites s's op list in place, in O(ops).
 * The usual pipeline, run by tcg_optimize_and_analyze():
 *
 *     tcg_pass_optimize     constant folding, copy propagation and algebraic
 *                           simplification in one forward walk
 *                           (tcg/optimize.c)
 *     tcg_pass_lower        rewrites ops the backend does not support
 *                           (s->backend_op_supported) into simpler ones
 *                           (tcg/pass-lower.c)
 *     tcg_pass_demote_temps TB temps used within one extended basic block
 *                           become EBB temps (tcg/pass-demote.c)
 *     tcg_pass_liveness     backward walk: removes dead ops, fills op->life
 *                           (dead / sync bits) for the register allocator
 *                           (tcg/liveness.c)
 *
 * With s->verify set, tcg_verify runs after each pass.
 */
#ifndef TURTLE_TCG_PASSES_H
#define TURTLE_TCG_PASSES_H

#include "tcg/tcg.h"

/*
 * Constant folding, copy propagation and algebraic simplification:
 * x+0, x-0, x*1, x*0, x&0, x&~0, x|0, x|~0, x^0, x^x, x-x, x&x, x|x,
 * shifts/rotates by 0, not(not x), neg(neg x), setcond/movcond with a
 * decided condition, brcond with a constant result -> br or nothing,
 * bit-field ops on constants, and removes unreachable ops after a
 * br / exit up to the next referenced label.
 */
void tcg_pass_optimize(TCGContext *s);

/*
 * Lowers the ops s->backend_op_supported() rejects into sequences of
 * simpler ops (andc/orc/eqv/nand/nor, rotl/rotr, extract/sextract/deposit/
 * extract2, ext*, bswap*, clz/ctz/ctpop, negsetcond, movcond, add2/sub2,
 * mulu2/muls2, div/rem via helpers is NOT provided). Does nothing when
 * s->backend_op_supported is NULL.
 */
void tcg_pass_lower(TCGContext *s);

/*
 * Demotes TEMP_TB temps whose every use is inside one extended basic block
 * to TEMP_EBB, so that they need not be spilled at block ends.
 */
void tcg_pass_demote_temps(TCGContext *s);

/*
 * Liveness analysis and dead-code elimination. Removes ops without side
 * effects whose outputs are all dead; sets op->life (TCG_LIFE_DEAD /
 * TCG_LIFE_SYNC). Must be the last pass before register allocation.
 */
void tcg_pass_liveness(TCGContext *s);

/* Runs optimize, lower, demote_temps and liveness (verifying between them
   if enabled). */
void tcg_optimize_and_analyze(TCGContext *s);

#endif
