/*
 * tcg-op.h — the builders front ends call to emit IR: tcg_gen_*.
 *
 * Every builder appends ops to the current thread's context (tcg_ctx).
 * Builders with an immediate ("addi", "shli", ...) use interned constant
 * temps and fold trivial cases (x + 0 -> mov) at once. Temps need no
 * freeing: everything but globals is released by tcg_func_start().
 *
 *   tcg_temp_new_*      a TEMP_TB temp: keeps its value across labels
 *   tcg_temp_ebb_new_*  a TEMP_EBB temp: dead at the next label (cheaper)
 *   tcg_constant_*      a read-only constant (never write to it)
 *   tcg_global_mem_new_* a global bound to env + offset (create at init)
 *
 * Shift-by-immediate counts and bit-field positions must be in range
 * (asserted); shift-by-temp counts out of range give an undefined result.
 * Division by zero and INT_MIN / -1 are undefined: guard them.
 */
#ifndef TURTLE_TCG_TCG_OP_H
#define TURTLE_TCG_TCG_OP_H

#include "tcg/tcg.h"

struct TranslationBlock;

/* ------------------------------------------------------ raw op emission --- */

/* Emits an op whose args are given raw (temp indexes / constants). */
TCGOp *tcg_gen_op1(TCGOpcode opc, TCGType type, TCGArg a1);
TCGOp *tcg_gen_op2(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2);
TCGOp *tcg_gen_op3(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3);
TCGOp *tcg_gen_op4(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                   TCGArg a4);
TCGOp *tcg_gen_op5(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                   TCGArg a4, TCGArg a5);
TCGOp *tcg_gen_op6(TCGOpcode opc, TCGType type, TCGArg a1, TCGArg a2, TCGArg a3,
                   TCGArg a4, TCGArg a5, TCGArg a6);

/* ---------------------------------------------------------- control --- */

TCGLabel *gen_new_label(void);
void tcg_gen_set_label(TCGLabel *l);
void tcg_gen_br(TCGLabel *l);
/* kind: TCG_MO_* | TCG_BAR_* */
void tcg_gen_mb(unsigned kind);
/* Marks the start of one guest instruction (see tcg.h, "Restoring state"). */
void tcg_gen_insn_start(uint64_t pc, uint64_t w1, uint64_t w2);
/* Direct, patchable jump to the next TB through slot n (0 or 1); must be
   followed by tcg_gen_exit_tb(tb, n). */
void tcg_gen_goto_tb(unsigned n);
/* Returns to the cpu loop with (uintptr_t)tb | idx, or 0 if tb is NULL. */
void tcg_gen_exit_tb(const struct TranslationBlock *tb, unsigned idx);
/* Looks the next TB up from the CPU state and jumps to it, or exits. */
void tcg_gen_lookup_and_goto_ptr(void);

/*
 * Helper calls. ret is a TCGv_* handle or NULL; args are TCGv_* handles of
 * the types info->arg_types lists:
 *     tcg_gen_call(&helper_info_foo, ret, tcg_env, a, b);
 */
void tcg_gen_callN(const TCGHelperInfo *info, void *ret, unsigned nargs,
                   void *const *args);
#define tcg_gen_call(info, ret, ...) \
    tcg_gen_callN((info), (void *)(ret), \
                  sizeof((void *[]){ __VA_ARGS__ }) / sizeof(void *), \
                  (void *[]){ __VA_ARGS__ })
#define tcg_gen_call0(info, ret) tcg_gen_callN((info), (void *)(ret), 0, NULL)

/* ---------------------------------------------------------- ptr --- */

TCGv_ptr tcg_temp_new_ptr(void);
void tcg_gen_ld_ptr(TCGv_ptr ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_st_ptr(TCGv_ptr val, TCGv_ptr base, intptr_t offset);
void tcg_gen_mov_ptr(TCGv_ptr ret, TCGv_ptr arg);
void tcg_gen_addi_ptr(TCGv_ptr ret, TCGv_ptr arg, intptr_t imm);
static inline TCGv_i64 tcgv_ptr_as_i64(TCGv_ptr p) { return (TCGv_i64)(void *)p; }
static inline TCGv_ptr tcgv_i64_as_ptr(TCGv_i64 p) { return (TCGv_ptr)(void *)p; }

/* ---------------------------------------------------- conversions --- */

void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 arg);
void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 arg);
void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 arg);
void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 arg);
/* ret = hi:lo */
void tcg_gen_concat_i32_i64(TCGv_i64 ret, TCGv_i32 lo, TCGv_i32 hi);
/* lo = low half, hi = high half */
void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 arg);

/* ---------------------------------------------------------- i32 --- */

TCGv_i32 tcg_temp_new_i32(void);
TCGv_i32 tcg_temp_ebb_new_i32(void);
TCGv_i32 tcg_constant_i32(int32_t val);
TCGv_i32 tcg_global_mem_new_i32(intptr_t offset, const char *name);
void tcg_gen_discard_i32(TCGv_i32 arg);
void tcg_gen_mov_i32(TCGv_i32 ret, TCGv_i32 arg);
void tcg_gen_movi_i32(TCGv_i32 ret, int32_t arg);
void tcg_gen_add_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_addi_i32(TCGv_i32 ret, TCGv_i32 arg1, int32_t arg2);
void tcg_gen_sub_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_subi_i32(TCGv_i32 ret, TCGv_i32 arg1, int32_t arg2);
void tcg_gen_mul_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_muli_i32(TCGv_i32 ret, TCGv_i32 arg1, int32_t arg2);
void tcg_gen_and_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_andi_i32(TCGv_i32 ret, TCGv_i32 arg1, int32_t arg2);
void tcg_gen_or_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_ori_i32(TCGv_i32 ret, TCGv_i32 arg1, int32_t arg2);
void tcg_gen_xor_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_xori_i32(TCGv_i32 ret, TCGv_i32 arg1, int32_t arg2);
void tcg_gen_shl_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_shli_i32(TCGv_i32 ret, TCGv_i32 arg1, unsigned arg2);
void tcg_gen_shr_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_shri_i32(TCGv_i32 ret, TCGv_i32 arg1, unsigned arg2);
void tcg_gen_sar_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_sari_i32(TCGv_i32 ret, TCGv_i32 arg1, unsigned arg2);
void tcg_gen_rotl_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_rotli_i32(TCGv_i32 ret, TCGv_i32 arg1, unsigned arg2);
void tcg_gen_rotr_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_rotri_i32(TCGv_i32 ret, TCGv_i32 arg1, unsigned arg2);
/* ret = arg1 - arg2 with a constant first operand */
void tcg_gen_subfi_i32(TCGv_i32 ret, int32_t arg1, TCGv_i32 arg2);
void tcg_gen_div_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_divu_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_rem_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_remu_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_andc_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_orc_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_eqv_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_nand_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_nor_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_neg_i32(TCGv_i32 ret, TCGv_i32 arg);
void tcg_gen_not_i32(TCGv_i32 ret, TCGv_i32 arg);
void tcg_gen_ctpop_i32(TCGv_i32 ret, TCGv_i32 arg);
void tcg_gen_ext8s_i32(TCGv_i32 ret, TCGv_i32 arg);
void tcg_gen_ext8u_i32(TCGv_i32 ret, TCGv_i32 arg);
void tcg_gen_ext16s_i32(TCGv_i32 ret, TCGv_i32 arg);
void tcg_gen_ext16u_i32(TCGv_i32 ret, TCGv_i32 arg);
void tcg_gen_abs_i32(TCGv_i32 ret, TCGv_i32 arg);
/* flags: TCG_BSWAP_OZ / TCG_BSWAP_OS */
void tcg_gen_bswap16_i32(TCGv_i32 ret, TCGv_i32 arg, int flags);
void tcg_gen_bswap32_i32(TCGv_i32 ret, TCGv_i32 arg, int flags);
/* ret = arg1 ? clz(arg1) : arg2 (ctz likewise) */
void tcg_gen_clz_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_clzi_i32(TCGv_i32 ret, TCGv_i32 arg1, int32_t arg2);
void tcg_gen_ctz_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_ctzi_i32(TCGv_i32 ret, TCGv_i32 arg1, int32_t arg2);
void tcg_gen_smin_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_smax_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_umin_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_umax_i32(TCGv_i32 ret, TCGv_i32 a, TCGv_i32 b);
void tcg_gen_mulu2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_muls2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 arg1, TCGv_i32 arg2);
/* high part of the unsigned / signed double-width product */
void tcg_gen_muluh_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_mulsh_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_add2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 al, TCGv_i32 ah, TCGv_i32 bl, TCGv_i32 bh);
void tcg_gen_sub2_i32(TCGv_i32 rl, TCGv_i32 rh, TCGv_i32 al, TCGv_i32 ah, TCGv_i32 bl, TCGv_i32 bh);
void tcg_gen_extract_i32(TCGv_i32 ret, TCGv_i32 arg, unsigned ofs, unsigned len);
void tcg_gen_sextract_i32(TCGv_i32 ret, TCGv_i32 arg, unsigned ofs, unsigned len);
void tcg_gen_deposit_i32(TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2, unsigned ofs, unsigned len);
/* ret = arg2 deposited into zero at ofs */
void tcg_gen_deposit_z_i32(TCGv_i32 ret, TCGv_i32 arg, unsigned ofs, unsigned len);
/* ret = low half of (ah:al) >> ofs */
void tcg_gen_extract2_i32(TCGv_i32 ret, TCGv_i32 al, TCGv_i32 ah, unsigned ofs);
void tcg_gen_setcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_setcondi_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 arg1, int32_t arg2);
void tcg_gen_negsetcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 arg1, TCGv_i32 arg2);
void tcg_gen_negsetcondi_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 arg1, int32_t arg2);
void tcg_gen_movcond_i32(TCGCond cond, TCGv_i32 ret, TCGv_i32 c1, TCGv_i32 c2, TCGv_i32 v1, TCGv_i32 v2);
void tcg_gen_brcond_i32(TCGCond cond, TCGv_i32 arg1, TCGv_i32 arg2, TCGLabel *l);
void tcg_gen_brcondi_i32(TCGCond cond, TCGv_i32 arg1, int32_t arg2, TCGLabel *l);
void tcg_gen_ld8u_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld8s_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld16u_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld16s_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld_i32(TCGv_i32 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_st8_i32(TCGv_i32 val, TCGv_ptr base, intptr_t offset);
void tcg_gen_st16_i32(TCGv_i32 val, TCGv_ptr base, intptr_t offset);
void tcg_gen_st_i32(TCGv_i32 val, TCGv_ptr base, intptr_t offset);
void tcg_gen_guest_ld_i32(TCGv_i32 ret, TCGv_i64 addr, unsigned mmu_idx, MemOp memop);
void tcg_gen_guest_st_i32(TCGv_i32 val, TCGv_i64 addr, unsigned mmu_idx, MemOp memop);
/* ret = old value; stores newv if old == cmpv (old extended per memop) */
void tcg_gen_atomic_cmpxchg_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 cmpv, TCGv_i32 newv, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_xchg_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_fetch_add_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_fetch_and_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_fetch_or_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_fetch_xor_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_fetch_smin_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_fetch_smax_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_fetch_umin_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_fetch_umax_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_add_fetch_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_and_fetch_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_or_fetch_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_xor_fetch_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_smin_fetch_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_smax_fetch_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_umin_fetch_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_umax_fetch_i32(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 val, unsigned mmu_idx, MemOp memop);

/* ---------------------------------------------------------- i64 --- */

TCGv_i64 tcg_temp_new_i64(void);
TCGv_i64 tcg_temp_ebb_new_i64(void);
TCGv_i64 tcg_constant_i64(int64_t val);
TCGv_i64 tcg_global_mem_new_i64(intptr_t offset, const char *name);
void tcg_gen_discard_i64(TCGv_i64 arg);
void tcg_gen_mov_i64(TCGv_i64 ret, TCGv_i64 arg);
void tcg_gen_movi_i64(TCGv_i64 ret, int64_t arg);
void tcg_gen_add_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_addi_i64(TCGv_i64 ret, TCGv_i64 arg1, int64_t arg2);
void tcg_gen_sub_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_subi_i64(TCGv_i64 ret, TCGv_i64 arg1, int64_t arg2);
void tcg_gen_mul_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_muli_i64(TCGv_i64 ret, TCGv_i64 arg1, int64_t arg2);
void tcg_gen_and_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_andi_i64(TCGv_i64 ret, TCGv_i64 arg1, int64_t arg2);
void tcg_gen_or_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_ori_i64(TCGv_i64 ret, TCGv_i64 arg1, int64_t arg2);
void tcg_gen_xor_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_xori_i64(TCGv_i64 ret, TCGv_i64 arg1, int64_t arg2);
void tcg_gen_shl_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_shli_i64(TCGv_i64 ret, TCGv_i64 arg1, unsigned arg2);
void tcg_gen_shr_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_shri_i64(TCGv_i64 ret, TCGv_i64 arg1, unsigned arg2);
void tcg_gen_sar_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_sari_i64(TCGv_i64 ret, TCGv_i64 arg1, unsigned arg2);
void tcg_gen_rotl_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_rotli_i64(TCGv_i64 ret, TCGv_i64 arg1, unsigned arg2);
void tcg_gen_rotr_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_rotri_i64(TCGv_i64 ret, TCGv_i64 arg1, unsigned arg2);
/* ret = arg1 - arg2 with a constant first operand */
void tcg_gen_subfi_i64(TCGv_i64 ret, int64_t arg1, TCGv_i64 arg2);
void tcg_gen_div_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_divu_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_rem_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_remu_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_andc_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_orc_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_eqv_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_nand_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_nor_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_neg_i64(TCGv_i64 ret, TCGv_i64 arg);
void tcg_gen_not_i64(TCGv_i64 ret, TCGv_i64 arg);
void tcg_gen_ctpop_i64(TCGv_i64 ret, TCGv_i64 arg);
void tcg_gen_ext8s_i64(TCGv_i64 ret, TCGv_i64 arg);
void tcg_gen_ext8u_i64(TCGv_i64 ret, TCGv_i64 arg);
void tcg_gen_ext16s_i64(TCGv_i64 ret, TCGv_i64 arg);
void tcg_gen_ext16u_i64(TCGv_i64 ret, TCGv_i64 arg);
void tcg_gen_abs_i64(TCGv_i64 ret, TCGv_i64 arg);
void tcg_gen_ext32s_i64(TCGv_i64 ret, TCGv_i64 arg);
void tcg_gen_ext32u_i64(TCGv_i64 ret, TCGv_i64 arg);
void tcg_gen_bswap64_i64(TCGv_i64 ret, TCGv_i64 arg);
/* flags: TCG_BSWAP_OZ / TCG_BSWAP_OS */
void tcg_gen_bswap16_i64(TCGv_i64 ret, TCGv_i64 arg, int flags);
void tcg_gen_bswap32_i64(TCGv_i64 ret, TCGv_i64 arg, int flags);
/* ret = arg1 ? clz(arg1) : arg2 (ctz likewise) */
void tcg_gen_clz_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_clzi_i64(TCGv_i64 ret, TCGv_i64 arg1, int64_t arg2);
void tcg_gen_ctz_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_ctzi_i64(TCGv_i64 ret, TCGv_i64 arg1, int64_t arg2);
void tcg_gen_smin_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_smax_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_umin_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_umax_i64(TCGv_i64 ret, TCGv_i64 a, TCGv_i64 b);
void tcg_gen_mulu2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_muls2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 arg1, TCGv_i64 arg2);
/* high part of the unsigned / signed double-width product */
void tcg_gen_muluh_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_mulsh_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_add2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 al, TCGv_i64 ah, TCGv_i64 bl, TCGv_i64 bh);
void tcg_gen_sub2_i64(TCGv_i64 rl, TCGv_i64 rh, TCGv_i64 al, TCGv_i64 ah, TCGv_i64 bl, TCGv_i64 bh);
void tcg_gen_extract_i64(TCGv_i64 ret, TCGv_i64 arg, unsigned ofs, unsigned len);
void tcg_gen_sextract_i64(TCGv_i64 ret, TCGv_i64 arg, unsigned ofs, unsigned len);
void tcg_gen_deposit_i64(TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2, unsigned ofs, unsigned len);
/* ret = arg2 deposited into zero at ofs */
void tcg_gen_deposit_z_i64(TCGv_i64 ret, TCGv_i64 arg, unsigned ofs, unsigned len);
/* ret = low half of (ah:al) >> ofs */
void tcg_gen_extract2_i64(TCGv_i64 ret, TCGv_i64 al, TCGv_i64 ah, unsigned ofs);
void tcg_gen_setcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_setcondi_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 arg1, int64_t arg2);
void tcg_gen_negsetcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 arg1, TCGv_i64 arg2);
void tcg_gen_negsetcondi_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 arg1, int64_t arg2);
void tcg_gen_movcond_i64(TCGCond cond, TCGv_i64 ret, TCGv_i64 c1, TCGv_i64 c2, TCGv_i64 v1, TCGv_i64 v2);
void tcg_gen_brcond_i64(TCGCond cond, TCGv_i64 arg1, TCGv_i64 arg2, TCGLabel *l);
void tcg_gen_brcondi_i64(TCGCond cond, TCGv_i64 arg1, int64_t arg2, TCGLabel *l);
void tcg_gen_ld8u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld8s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld16u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld16s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld32u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld32s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_ld_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t offset);
void tcg_gen_st8_i64(TCGv_i64 val, TCGv_ptr base, intptr_t offset);
void tcg_gen_st16_i64(TCGv_i64 val, TCGv_ptr base, intptr_t offset);
void tcg_gen_st32_i64(TCGv_i64 val, TCGv_ptr base, intptr_t offset);
void tcg_gen_st_i64(TCGv_i64 val, TCGv_ptr base, intptr_t offset);
void tcg_gen_guest_ld_i64(TCGv_i64 ret, TCGv_i64 addr, unsigned mmu_idx, MemOp memop);
void tcg_gen_guest_st_i64(TCGv_i64 val, TCGv_i64 addr, unsigned mmu_idx, MemOp memop);
/* ret = old value; stores newv if old == cmpv (old extended per memop) */
void tcg_gen_atomic_cmpxchg_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 cmpv, TCGv_i64 newv, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_xchg_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_fetch_add_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_fetch_and_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_fetch_or_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_fetch_xor_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_fetch_smin_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_fetch_smax_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_fetch_umin_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_fetch_umax_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_add_fetch_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_and_fetch_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_or_fetch_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_xor_fetch_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_smin_fetch_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_smax_fetch_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_umin_fetch_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);
void tcg_gen_atomic_umax_fetch_i64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx, MemOp memop);

#endif
