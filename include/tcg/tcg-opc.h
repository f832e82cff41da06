/*
 * tcg-opc.h — the one table that defines Turtle's intermediate representation.
 *
 * Every IR operation is one line:
 *
 *     DEF(name, nb_outputs, nb_inputs, nb_const_args, flags)
 *
 * The opcode enum (INDEX_op_<name>), the name table, the arity checks of the
 * verifier, the dumper and the interpreter all come from here. Include this
 * file after defining DEF; it undefines DEF at the end.
 *
 * Argument order in TCGOp.args is always: outputs, then inputs, then
 * constant arguments. Integer ops carry their value type (i32 or i64) in
 * TCGOp.type, not in the opcode. The flags are described in tcg.h
 * (TCG_OPF_*). Semantics of every op are written in docs/tcg.md; the short
 * comments here are reminders.
 *
 * Ops flagged TCG_OPF_PTR_LAST take a host pointer / guest address (always
 * 64 bits) as their LAST input, whatever the op's value type.
 */

/* ---- control flow and markers ---- */
/* (no operands) does nothing; a pass may leave it, liveness removes it */
DEF(nop, 0, 0, 0, TCG_OPF_NOT_PRESENT)
/* marks the output temp dead / undefined from here on */
DEF(discard, 1, 0, 0, TCG_OPF_INT)
/* const: label — a branch target; starts a basic block */
DEF(set_label, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS)
/* const: label — unconditional jump */
DEF(br, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS)
/* in: a, b; const: cond, label — jump if cond(a, b) */
DEF(brcond, 0, 2, 2, TCG_OPF_BB_END | TCG_OPF_COND_BRANCH |
    TCG_OPF_SIDE_EFFECTS | TCG_OPF_INT)
/* const: barrier kind (TCG_MO_* | TCG_BAR_*) */
DEF(mb, 0, 0, 1, TCG_OPF_SIDE_EFFECTS)
/* const: guest pc, word1, word2 — start of one guest instruction */
DEF(insn_start, 0, 0, 3, TCG_OPF_SIDE_EFFECTS)
/* const: slot (0 or 1) — patchable direct jump to the next TB */
DEF(goto_tb, 0, 0, 1, TCG_OPF_BB_EXIT | TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS)
/* const: value returned to the cpu loop (TB pointer | exit index, or 0) */
DEF(exit_tb, 0, 0, 1, TCG_OPF_BB_EXIT | TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS)
/* in: host code pointer (0 = return to the loop with exit value 0) */
DEF(goto_ptr, 0, 1, 0, TCG_OPF_BB_EXIT | TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS |
    TCG_OPF_PTR_LAST)
/* helper call; variable arity: outputs/inputs counted in TCGOp.call_o/call_i,
   const: function pointer, TCGHelperInfo pointer */
DEF(call, 0, 0, 2, TCG_OPF_CALL_CLOBBER)

/* ---- moves and conditions ---- */
DEF(mov, 1, 1, 0, TCG_OPF_INT)
/* const: cond — out = cond(a, b) ? 1 : 0 */
DEF(setcond, 1, 2, 1, TCG_OPF_INT)
/* const: cond — out = cond(a, b) ? -1 : 0 */
DEF(negsetcond, 1, 2, 1, TCG_OPF_INT)
/* in: c1, c2, v1, v2; const: cond — out = cond(c1, c2) ? v1 : v2 */
DEF(movcond, 1, 4, 1, TCG_OPF_INT)

/* ---- loads / stores to the CPU state (env-relative host memory) ---- */
/* in: base pointer; const: offset. Must not alias a field bound to a global. */
DEF(ld8u, 1, 1, 1, TCG_OPF_INT | TCG_OPF_PTR_LAST)
DEF(ld8s, 1, 1, 1, TCG_OPF_INT | TCG_OPF_PTR_LAST)
DEF(ld16u, 1, 1, 1, TCG_OPF_INT | TCG_OPF_PTR_LAST)
DEF(ld16s, 1, 1, 1, TCG_OPF_INT | TCG_OPF_PTR_LAST)
DEF(ld32u, 1, 1, 1, TCG_OPF_INT | TCG_OPF_I64_ONLY | TCG_OPF_PTR_LAST)
DEF(ld32s, 1, 1, 1, TCG_OPF_INT | TCG_OPF_I64_ONLY | TCG_OPF_PTR_LAST)
/* full width of the op type */
DEF(ld, 1, 1, 1, TCG_OPF_INT | TCG_OPF_PTR_LAST)
/* in: value, base pointer; const: offset */
DEF(st8, 0, 2, 1, TCG_OPF_INT | TCG_OPF_SIDE_EFFECTS | TCG_OPF_PTR_LAST)
DEF(st16, 0, 2, 1, TCG_OPF_INT | TCG_OPF_SIDE_EFFECTS | TCG_OPF_PTR_LAST)
DEF(st32, 0, 2, 1, TCG_OPF_INT | TCG_OPF_I64_ONLY | TCG_OPF_SIDE_EFFECTS |
    TCG_OPF_PTR_LAST)
DEF(st, 0, 2, 1, TCG_OPF_INT | TCG_OPF_SIDE_EFFECTS | TCG_OPF_PTR_LAST)

/* ---- arithmetic ---- */
DEF(add, 1, 2, 0, TCG_OPF_INT)
DEF(sub, 1, 2, 0, TCG_OPF_INT)
DEF(mul, 1, 2, 0, TCG_OPF_INT)
DEF(neg, 1, 1, 0, TCG_OPF_INT)
/* division: undefined if the divisor is 0 or for INT_MIN / -1 (signed);
   targets guard these cases before emitting the op */
DEF(div, 1, 2, 0, TCG_OPF_INT)
DEF(divu, 1, 2, 0, TCG_OPF_INT)
DEF(rem, 1, 2, 0, TCG_OPF_INT)
DEF(remu, 1, 2, 0, TCG_OPF_INT)
/* out: lo, hi; in: a, b — full double-width product */
DEF(mulu2, 2, 2, 0, TCG_OPF_INT)
DEF(muls2, 2, 2, 0, TCG_OPF_INT)
/* out: lo, hi; in: al, ah, bl, bh — double-width add / subtract */
DEF(add2, 2, 4, 0, TCG_OPF_INT)
DEF(sub2, 2, 4, 0, TCG_OPF_INT)

/* ---- logic ---- */
DEF(and, 1, 2, 0, TCG_OPF_INT)
DEF(or, 1, 2, 0, TCG_OPF_INT)
DEF(xor, 1, 2, 0, TCG_OPF_INT)
DEF(andc, 1, 2, 0, TCG_OPF_INT)    /* a & ~b */
DEF(orc, 1, 2, 0, TCG_OPF_INT)     /* a | ~b */
DEF(eqv, 1, 2, 0, TCG_OPF_INT)     /* ~(a ^ b) */
DEF(nand, 1, 2, 0, TCG_OPF_INT)    /* ~(a & b) */
DEF(nor, 1, 2, 0, TCG_OPF_INT)     /* ~(a | b) */
DEF(not, 1, 1, 0, TCG_OPF_INT)

/* ---- shifts: the count is a temp in [0, width-1]; others undefined ---- */
DEF(shl, 1, 2, 0, TCG_OPF_INT)
DEF(shr, 1, 2, 0, TCG_OPF_INT)
DEF(sar, 1, 2, 0, TCG_OPF_INT)
DEF(rotl, 1, 2, 0, TCG_OPF_INT)
DEF(rotr, 1, 2, 0, TCG_OPF_INT)

/* ---- bit fields: 0 <= pos, 1 <= len, pos + len <= width ---- */
/* const: pos, len — zero-extended field */
DEF(extract, 1, 1, 2, TCG_OPF_INT)
/* const: pos, len — sign-extended field */
DEF(sextract, 1, 1, 2, TCG_OPF_INT)
/* in: a, b; const: pos, len — a with field [pos, pos+len) replaced by low bits of b */
DEF(deposit, 1, 2, 2, TCG_OPF_INT)
/* in: lo, hi; const: shift (0 <= shift < width) — low half of (hi:lo) >> shift */
DEF(extract2, 1, 2, 1, TCG_OPF_INT)

/* ---- extensions and conversions ---- */
DEF(ext8s, 1, 1, 0, TCG_OPF_INT)
DEF(ext8u, 1, 1, 0, TCG_OPF_INT)
DEF(ext16s, 1, 1, 0, TCG_OPF_INT)
DEF(ext16u, 1, 1, 0, TCG_OPF_INT)
DEF(ext32s, 1, 1, 0, TCG_OPF_INT | TCG_OPF_I64_ONLY)
DEF(ext32u, 1, 1, 0, TCG_OPF_INT | TCG_OPF_I64_ONLY)
/* type i64, input i32 */
DEF(extu_i32_i64, 1, 1, 0, TCG_OPF_INT | TCG_OPF_I64_ONLY | TCG_OPF_CVT)
DEF(ext_i32_i64, 1, 1, 0, TCG_OPF_INT | TCG_OPF_I64_ONLY | TCG_OPF_CVT)
/* type i32, input i64: low / high half */
DEF(extrl_i64_i32, 1, 1, 0, TCG_OPF_INT | TCG_OPF_I32_ONLY | TCG_OPF_CVT)
DEF(extrh_i64_i32, 1, 1, 0, TCG_OPF_INT | TCG_OPF_I32_ONLY | TCG_OPF_CVT)

/* ---- byte swaps ---- */
/* const: TCG_BSWAP_* — swap the low 16 (32) bits; upper input bits ignored;
   result zero-extended, or sign-extended with TCG_BSWAP_OS */
DEF(bswap16, 1, 1, 1, TCG_OPF_INT)
DEF(bswap32, 1, 1, 1, TCG_OPF_INT)
DEF(bswap64, 1, 1, 0, TCG_OPF_INT | TCG_OPF_I64_ONLY)

/* ---- bit counts ---- */
/* in: a, z — count of leading (trailing) zeros of a, or z if a == 0 */
DEF(clz, 1, 2, 0, TCG_OPF_INT)
DEF(ctz, 1, 2, 0, TCG_OPF_INT)
DEF(ctpop, 1, 1, 0, TCG_OPF_INT)

/* ---- guest memory (through the softmmu TLB) ---- */
/* in: guest address; const: MemOpIdx (make_memop_idx) */
DEF(guest_ld, 1, 1, 1, TCG_OPF_INT | TCG_OPF_SIDE_EFFECTS | TCG_OPF_MAY_FAULT |
    TCG_OPF_PTR_LAST)
/* in: value, guest address; const: MemOpIdx */
DEF(guest_st, 0, 2, 1, TCG_OPF_INT | TCG_OPF_SIDE_EFFECTS | TCG_OPF_MAY_FAULT |
    TCG_OPF_PTR_LAST)
/* out: old value; in: cmp, new, guest address; const: MemOpIdx.
   Atomically: old = [addr]; if (old == cmp) [addr] = new. Comparison on the
   memop-extended value. */
DEF(atomic_cmpxchg, 1, 3, 1, TCG_OPF_INT | TCG_OPF_SIDE_EFFECTS |
    TCG_OPF_MAY_FAULT | TCG_OPF_PTR_LAST)
/* out: old value; in: operand, guest address; const: MemOpIdx, TCGAtomicOp.
   Atomically: old = [addr]; [addr] = op(old, operand). */
DEF(atomic_rmw, 1, 2, 2, TCG_OPF_INT | TCG_OPF_SIDE_EFFECTS |
    TCG_OPF_MAY_FAULT | TCG_OPF_PTR_LAST)

#undef DEF
