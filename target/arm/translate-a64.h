/*
 * translate-a64.h — what the files of the A64 front end share: the
 * DisasContext of one block, the TCG globals of the guest registers, and
 * small IR builders for the things every instruction class needs (reading
 * and writing X registers and SP, NZCV, condition codes, guest memory
 * accesses with the block's MMU index and byte order, raising exceptions,
 * V register offsets).
 *
 * The front end is split by encoding group (Arm ARM DDI 0487, C4.1):
 *   translate-a64.c         TranslatorOps, globals, dispatch on op0, the
 *                           builders below
 *   translate-a64-int.c     data processing, immediate and register
 *   translate-a64-branch.c  branches, exception generation, system
 *   translate-a64-ldst.c    loads and stores (general and SIMD&FP registers)
 *   translate-a64-fp*.c / -simd*.c   FP/AdvSIMD/crypto data processing
 *                           (provides a64_translate_simd(); until it exists
 *                           a weak stub makes that group UNDEFINED)
 * Each group file includes its own generated decoder (scripts/decodegen.py
 * over target/arm/a64-*.decode) and exposes one a64_translate_<group>()
 * that returns false when the word is not an instruction of its group.
 */
#ifndef TURTLE_TARGET_ARM_TRANSLATE_A64_H
#define TURTLE_TARGET_ARM_TRANSLATE_A64_H

#include "util/osdep.h"
#include "exec/translator.h"
#include "tcg/tcg-op.h"
#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "target/arm/syndrome.h"

/* The generated decoders declare the type only if nobody did. */
#ifndef TURTLE_DECODE_DISASCONTEXT
#define TURTLE_DECODE_DISASCONTEXT
typedef struct DisasContext DisasContext;
#endif

/* Target-specific ways a block ends (base.is_jmp). */
/* cpu_pc already holds the next pc: look the next block up and jump. */
#define DISAS_JUMP            ((DisasJumpType)(DISAS_TARGET_0 + 0))
/* State the TB flags depend on changed: set pc to the next insn and go back
 * to the CPU loop (which recomputes the flags and takes interrupts that
 * just became unmasked). */
#define DISAS_UPDATE_EXIT     ((DisasJumpType)(DISAS_TARGET_0 + 1))
/* Set pc to the next insn and look the next block up (the lookup
 * recomputes the TB flags) without returning to the loop. */
#define DISAS_UPDATE_NOCHAIN  ((DisasJumpType)(DISAS_TARGET_0 + 2))
/* cpu_pc is set: return to the CPU loop (e.g. after ERET). */
#define DISAS_EXIT            ((DisasJumpType)(DISAS_TARGET_0 + 3))
/* WFI: pc = next insn, then the WFI helper. */
#define DISAS_WFI             ((DisasJumpType)(DISAS_TARGET_0 + 4))
/* YIELD: pc = next insn, give the loop a chance to run others. */
#define DISAS_YIELD           ((DisasJumpType)(DISAS_TARGET_0 + 5))
/* WFE: pc = next insn, then the WFE helper. */
#define DISAS_WFE             ((DisasJumpType)(DISAS_TARGET_0 + 6))

struct DisasContext {
    DisasContextBase base;
    ARMCPU *cpu;
    const ARMISARegisters *isar;
    uint32_t tbflags;

    vaddr pc_curr;          /* address of the instruction being translated */
    uint32_t insn;          /* its encoding */

    /* Decoded TB flags (internals.h). */
    int current_el;
    int mmu_idx;            /* data accesses */
    int unpriv_mmu_idx;     /* LDTR/STTR */
    MemOp be_data;          /* MO_LE or MO_BE for data accesses */
    bool align_check;       /* SCTLR_ELx.A */
    bool sp_align;          /* SCTLR_ELx.SA (SA0 at EL0): SP alignment check */
    bool fp_enabled;
    int fp_excp_el;         /* EL of the FP access trap when !fp_enabled */
    bool pstate_il;         /* PSTATE.IL: every insn is an Illegal State */
    bool sve_enabled;
    bool tbi0, tbi1;
    bool ss_active, pstate_ss;
    bool bti;
    bool vhe, tge, nv;

    /* The insn_start op of this instruction, to patch its syndrome word. */
    TCGOp *insn_start_op;
    unsigned insn_start_idx;
};

/* ---- TCG globals (created by a64_translate_init) --------------------- */

/* X0..X30, and [31] = the current SP (env->xregs[31]). */
extern TCGv_i64 cpu_X[32];
extern TCGv_i64 cpu_pc;
/* NZCV, split as cpu.h describes. */
extern TCGv_i64 cpu_NF, cpu_ZF, cpu_CF, cpu_VF;
/* Lazy NZCV: env->cc_op (ArmCCOp) and its operands. */
extern TCGv_i64 cpu_cc_a, cpu_cc_b;
extern TCGv_i32 cpu_cc_op;
/* The exclusive monitor. */
extern TCGv_i64 cpu_exclusive_addr, cpu_exclusive_val, cpu_exclusive_high;

/* TCGCPUOps.initialize and .translate_code. */
void a64_translate_init(void);
void arm_translate_code(CPUState *cpu, TranslationBlock *tb, int max_insns);
/*
 * TCGCPUOps.restore_state_to_opc for A64 blocks: data[0] is the pc,
 * data[1] the data-abort ISS template of the instruction (ISV, SAS, SSE,
 * SRT, SF, AR: ESR_ELx bits 24:14, 0 when ISV must read 0; the CPU model
 * keeps it in env->insn_iss for the fault it delivers), data[2] is 0.
 * Sets env->pc.
 */
void a64_restore_state_to_opc(CPUState *cpu, const TranslationBlock *tb,
                              const uint64_t *data);

/* One decoder per encoding group; false: not an instruction of the group. */
bool a64_translate_int(DisasContext *s, uint32_t insn);
bool a64_translate_branch(DisasContext *s, uint32_t insn);
bool a64_translate_ldst(DisasContext *s, uint32_t insn);
/* FP/AdvSIMD/crypto data processing (op0 = x111), from the FP front end. */
bool a64_translate_simd(DisasContext *s, uint32_t insn);

/* ---- General registers ------------------------------------------------- */

/* Rn as a source where 31 is XZR (a constant 0: never write it). */
TCGv_i64 a64_read_x(DisasContext *s, int reg);
/* Rn as a source where 31 is SP. */
TCGv_i64 a64_read_xsp(DisasContext *s, int reg);
/* A fresh temp holding Rn (31 = XZR), zero-extended from 32 bits if !sf. */
TCGv_i64 a64_read_x_sf(DisasContext *s, int reg, bool sf);
/* Writes val to Rd (31 = XZR: discarded); !sf zero-extends from 32 bits. */
void a64_write_x(DisasContext *s, int reg, TCGv_i64 val, bool sf);
/* Writes val to Rd where 31 is SP; !sf zero-extends from 32 bits. */
void a64_write_xsp(DisasContext *s, int reg, TCGv_i64 val, bool sf);

/* ---- NZCV and conditions ------------------------------------------------ */

/* N and Z from a 64-bit or a 32-bit result; C and V cleared. */
void a64_gen_logic_cc(bool sf, TCGv_i64 result);
/* dest = a + b (sf ? 64 : 32 bits), NZCV set; dest zero-extended if !sf. */
void a64_gen_add_cc(bool sf, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b);
/* dest = a - b, NZCV set as SUBS does. */
void a64_gen_sub_cc(bool sf, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b);
/* vf = the overflow of res = a + b (+ carry) in its sign bit: the operands
 * have the same sign and the result does not. */
void a64_gen_add_overflow_i64(TCGv_i64 vf, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b);
void a64_gen_add_overflow_i32(TCGv_i32 vf, TCGv_i32 res, TCGv_i32 a, TCGv_i32 b);
/* NZCV from/to the PSTATE layout (bits 31:28; other bits ignored / 0). */
void a64_gen_set_nzcv(TCGv_i64 nzcv);
void a64_gen_get_nzcv(TCGv_i64 dest);
/* NZCV from a 4-bit immediate (N=bit 3 ... V=bit 0). */
void a64_gen_set_nzcv_imm(unsigned nzcv);

/*
 * A condition code (Arm ARM C1.2.4) as "cond(a, b)": on the i64 pair a, b,
 * or, if is32, on the i32 pair a32, b32. Usually a is a flag and b zero;
 * right after a compare (SUBS/CMP) the operands themselves.
 */
typedef struct A64Compare {
    TCGCond cond;
    bool is32;
    TCGv_i64 a, b;
    TCGv_i32 a32, b32;
} A64Compare;
void a64_test_cc(A64Compare *c, int cc);
/* dest = c holds ? t : f (c->cond must not be ALWAYS). */
void a64_gen_movcond_cc(const A64Compare *c, TCGv_i64 dest, TCGv_i64 t,
                        TCGv_i64 f);
/*
 * Called before each instruction: the compare recorded by the previous
 * instruction (if it set NZCV from a SUBS/ANDS) stays usable for this
 * one only; a64_cc_forget() drops it (flags set conditionally).
 */
void a64_cc_next_insn(void);
void a64_cc_forget(void);
/* At the start of a block: nothing known about cc_op (cpu.h, ArmCCOp). */
void a64_cc_block_start(void);
/*
 * Before generated code reads cpu_NF/ZF/CF/VF: brings lazy flags
 * (env->cc_op != CC_OP_FLAGS) into them, inline when the translator knows
 * the lazy operation, else through helper_a64_cc_materialize behind a
 * test of cc_op (a branch: TCG EBB temps do not survive it). Flag
 * setters that write all four globals set cc_op themselves.
 */
void a64_cc_materialize(void);
/* Branches to label if condition cc holds. */
void a64_gen_brcond_cc(int cc, TCGLabel *label);

/* ---- Control flow --------------------------------------------------------- */

/* Ends the block with a jump to dest, chained through slot n if allowed. */
void a64_gen_goto_tb(DisasContext *s, int n, vaddr dest);
/* Sets cpu_pc to an immediate. */
void a64_gen_set_pc_im(vaddr pc);
/* Applies TBI to a branch target (the PC is 56 bits when TBI is on). */
void a64_gen_set_pc_tbi(DisasContext *s, TCGv_i64 target);

/* ---- Exceptions -------------------------------------------------------- */

/* Syndromes: the syn_*() constructors of syndrome.h. */

/*
 * Raises excp with syndrome at the instruction being translated (ELR =
 * its address), to target_el (0: the default routing from the current EL,
 * arm_exception_target_el). Ends the block.
 */
void a64_gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome,
                            int target_el);
/* The same with ELR = the next instruction (SVC, HVC, SMC). */
void a64_gen_exception_insn_next(DisasContext *s, int excp,
                                 uint32_t syndrome, int target_el);
/* UNDEFINED at this instruction (unknown-reason syndrome). */
void a64_unallocated(DisasContext *s);

/*
 * FP/AdvSIMD access check: true if FP is enabled; otherwise emits the
 * FP access trap and returns false (the caller then returns true: the
 * instruction was translated into the trap).
 */
bool a64_fp_access_check(DisasContext *s);

/* ---- Guest memory ---------------------------------------------------- */

/*
 * Records the data-abort ISS template of the current instruction in its
 * insn_start (for loads/stores that can report ISV=1: single general
 * register, no writeback). Arm ARM D17.2.37, ISS encoding for a Data
 * Abort: ISV 24, SAS 23:22, SSE 21, SRT 20:16, SF 15, AR 14.
 */
void a64_set_insn_syndrome(DisasContext *s, uint32_t iss);
static inline uint32_t a64_iss_ldst(unsigned size, bool sse, int rt, bool sf,
                                    bool ar)
{
    return (1u << 24) | (size << 22) | ((sse ? 1u : 0) << 21) |
           ((uint32_t)rt << 16) | ((sf ? 1u : 0) << 15) | ((ar ? 1u : 0) << 14);
}

/* The base register Xn|SP of a load/store: when it is SP, first the SP
 * alignment check (SCTLR_ELx.SA, SA0 at EL0: SP must be 16-byte aligned,
 * else an SP alignment fault, Arm ARM D1.3.5.2). */
TCGv_i64 a64_ldst_base(DisasContext *s, int rn);

/* The address of a data access after Top Byte Ignore (TBI0/TBI1 from the
 * TB flags): a new temp, or addr itself when TBI is off. */
TCGv_i64 a64_clean_addr(DisasContext *s, TCGv_i64 addr);
/* op with the block's data byte order, and MO_ALIGN when SCTLR.A asks for
 * it (an alignment already in op is kept). */
MemOp a64_memop(DisasContext *s, MemOp op);
/* Loads / stores with the block's MMU index (a64_memop applied). */
void a64_gen_ld(DisasContext *s, TCGv_i64 dest, TCGv_i64 addr, MemOp op);
void a64_gen_st(DisasContext *s, TCGv_i64 val, TCGv_i64 addr, MemOp op);
void a64_gen_ld_idx(DisasContext *s, TCGv_i64 dest, TCGv_i64 addr, MemOp op,
                    int mmu_idx);
void a64_gen_st_idx(DisasContext *s, TCGv_i64 val, TCGv_i64 addr, MemOp op,
                    int mmu_idx);

/* ---- SIMD&FP registers (env->vregs, little-endian byte order) ---------- */

static inline ptrdiff_t a64_vreg_offset(int regno)
{
    return offsetof(CPUARMState, vregs[regno]);
}
/* Offset of element elt of size (MO_8..MO_64) of V<regno>. */
static inline ptrdiff_t a64_vreg_elt_offset(int regno, int elt, MemOp size)
{
    return a64_vreg_offset(regno) + ((ptrdiff_t)elt << (size & MO_SIZE));
}
/* Offset of 64-bit half i (0 = low) of V<regno>. */
static inline ptrdiff_t a64_vreg_half_offset(int regno, int i)
{
    return offsetof(CPUARMState, vregs[regno].d[i]);
}
/* dest = element elt of V<regno>, zero- or sign-extended per op. */
void a64_read_vreg_elt(TCGv_i64 dest, int regno, int elt, MemOp op);
/* Element elt of V<regno> = low bits of val; other bits unchanged. */
void a64_write_vreg_elt(TCGv_i64 val, int regno, int elt, MemOp size);
/* Zeroes V<regno> above its low 64 (is_q false) or 128 bits, as a write
 * to a B/H/S/D (or Q) register does (Arm ARM C1.2.5). */
void a64_clear_vreg_high(int regno, bool is_q);

#endif
