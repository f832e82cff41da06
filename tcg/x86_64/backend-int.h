/*
 * backend-int.h — what the x86-64 backend files share among themselves.
 */
#ifndef TURTLE_TCG_X86_64_BACKEND_INT_H
#define TURTLE_TCG_X86_64_BACKEND_INT_H

#include "tcg/x86_64/tcg-target.h"

/* backend.c */
X86Cond tcg_x86_cond(TCGCond c);
/* Flags of a - b (b a register, or a constant when b_const). */
void tcg_x86_cmp(TCGGen *g, bool w, int a, int64_t b, bool b_const);

/* backend-alu.c: arithmetic, logic, shifts, bit fields, conversions. */
const TCGOpCons *tcg_x86_alu_cons(const TCGGen *g, const TCGOp *op);
void tcg_x86_emit_alu(TCGGen *g, const TCGOp *op, const TCGGenArgs *ga);

#endif
