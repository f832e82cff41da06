/*
 * syndrome.h — ESR_ELx syndrome values of AArch64 exceptions.
 *
 * An exception's syndrome is EC (bits 31:26, the exception class), IL
 * (bit 25, 32-bit instruction: always 1 for A64), and an ISS (bits 24:0)
 * whose layout depends on the class: Arm ARM DDI 0487, D17.2.37
 * "ESR_EL1, Exception Syndrome Register (EL1)" and D1.10.4 "Exception
 * syndrome". Each constructor below returns the whole 32-bit value.
 */
#ifndef TURTLE_TARGET_ARM_SYNDROME_H
#define TURTLE_TARGET_ARM_SYNDROME_H

#include "util/osdep.h"

/* Exception classes (ESR_ELx.EC). */
enum ARMExceptionClass {
    ARM_EC_UNCATEGORIZED = 0x00,        /* UNDEFINED and unknown reasons */
    ARM_EC_WFX_TRAP = 0x01,
    ARM_EC_FP_ACCESS = 0x07,            /* CPACR/CPTR FP/AdvSIMD trap */
    ARM_EC_PAC_TRAP = 0x09,
    ARM_EC_BTI = 0x0d,
    ARM_EC_ILLEGAL_STATE = 0x0e,        /* PSTATE.IL set */
    ARM_EC_SVC = 0x15,                  /* SVC in AArch64 */
    ARM_EC_HVC = 0x16,
    ARM_EC_SMC = 0x17,
    ARM_EC_SYSTEM_REG = 0x18,           /* MSR, MRS, SYS trapped */
    ARM_EC_SVE_ACCESS = 0x19,
    ARM_EC_ERET_TRAP = 0x1a,
    ARM_EC_PAC_FAIL = 0x1c,
    ARM_EC_INSN_ABORT_LOWER = 0x20,     /* from a lower EL */
    ARM_EC_INSN_ABORT = 0x21,           /* without a change of EL */
    ARM_EC_PC_ALIGN = 0x22,
    ARM_EC_DATA_ABORT_LOWER = 0x24,
    ARM_EC_DATA_ABORT = 0x25,
    ARM_EC_SP_ALIGN = 0x26,
    ARM_EC_FP_EXC = 0x2c,               /* trapped FP exception, AArch64 */
    ARM_EC_SERROR = 0x2f,
    ARM_EC_BREAKPOINT_LOWER = 0x30,
    ARM_EC_BREAKPOINT = 0x31,
    ARM_EC_SOFTSTEP_LOWER = 0x32,
    ARM_EC_SOFTSTEP = 0x33,
    ARM_EC_WATCHPOINT_LOWER = 0x34,
    ARM_EC_WATCHPOINT = 0x35,
    ARM_EC_BRK = 0x3c,                  /* BRK in AArch64 */
};

#define ARM_EL_EC_SHIFT 26
#define ARM_EL_IL (1u << 25)
#define ARM_EL_ISS_MASK 0x1ffffffu

/* Fault status codes (DFSC/IFSC), D17.2.37. level is 0..3. */
#define ARM_FSC_ADDR_SIZE(level)    (0x00 + (level))
#define ARM_FSC_TRANSLATION(level)  (0x04 + (level))
#define ARM_FSC_ACCESS_FLAG(level)  (0x08 + (level))
#define ARM_FSC_PERMISSION(level)   (0x0c + (level))
#define ARM_FSC_SYNC_EXTERNAL       0x10
#define ARM_FSC_SYNC_EXT_WALK(level) (0x14 + (level))
#define ARM_FSC_ALIGNMENT           0x21
#define ARM_FSC_TLB_CONFLICT        0x30

static inline uint32_t syn_make(unsigned ec, uint32_t iss)
{
    return ((uint32_t)ec << ARM_EL_EC_SHIFT) | ARM_EL_IL | (iss & ARM_EL_ISS_MASK);
}

static inline unsigned syn_get_ec(uint32_t syn)
{
    return syn >> ARM_EL_EC_SHIFT;
}

/* Changes the "same EL" variant of the classes that have one (aborts,
 * breakpoints, software step, watchpoints) to match the real source and
 * target ELs: the code that builds a syndrome may not know the target. */
static inline uint32_t syn_set_same_el(uint32_t syn, bool same_el)
{
    switch (syn_get_ec(syn)) {
    case ARM_EC_INSN_ABORT_LOWER: case ARM_EC_INSN_ABORT:
    case ARM_EC_DATA_ABORT_LOWER: case ARM_EC_DATA_ABORT:
    case ARM_EC_BREAKPOINT_LOWER: case ARM_EC_BREAKPOINT:
    case ARM_EC_SOFTSTEP_LOWER: case ARM_EC_SOFTSTEP:
    case ARM_EC_WATCHPOINT_LOWER: case ARM_EC_WATCHPOINT:
        return same_el ? syn | (1u << ARM_EL_EC_SHIFT)
                       : syn & ~(1u << ARM_EL_EC_SHIFT);
    default:
        return syn;
    }
}

static inline uint32_t syn_uncategorized(void)
{
    return syn_make(ARM_EC_UNCATEGORIZED, 0);
}

static inline uint32_t syn_aa64_svc(uint32_t imm16)
{
    return syn_make(ARM_EC_SVC, imm16 & 0xffff);
}

static inline uint32_t syn_aa64_hvc(uint32_t imm16)
{
    return syn_make(ARM_EC_HVC, imm16 & 0xffff);
}

static inline uint32_t syn_aa64_smc(uint32_t imm16)
{
    return syn_make(ARM_EC_SMC, imm16 & 0xffff);
}

static inline uint32_t syn_aa64_bkpt(uint32_t imm16)
{
    return syn_make(ARM_EC_BRK, imm16 & 0xffff);
}

/* MSR/MRS/SYS trap (EC 0x18): Op0 21:20, Op2 19:17, Op1 16:14, CRn 13:10,
 * Rt 9:5, CRm 4:1, Direction 0 (1 = read, MRS). */
static inline uint32_t syn_aa64_sysregtrap(int op0, int op1, int op2, int crn,
                                           int crm, int rt, bool isread)
{
    return syn_make(ARM_EC_SYSTEM_REG,
                    ((uint32_t)op0 << 20) | ((uint32_t)op2 << 17) |
                    ((uint32_t)op1 << 14) | ((uint32_t)crn << 10) |
                    ((uint32_t)rt << 5) | ((uint32_t)crm << 1) | (isread ? 1 : 0));
}

/* The syndrome of the sysreg trap for a sysreg.h key (op0:op1:CRn:CRm:op2). */
static inline uint32_t syn_sysreg_from_key(uint32_t key, int rt, bool isread)
{
    return syn_aa64_sysregtrap((key >> 14) & 3, (key >> 11) & 7, key & 7,
                               (key >> 7) & 0xf, (key >> 3) & 0xf, rt, isread);
}

/* FP/AdvSIMD access trap: from AArch64 state CV = 1 and COND = 0xe. */
static inline uint32_t syn_fp_access_trap(void)
{
    return syn_make(ARM_EC_FP_ACCESS, (1u << 24) | (0xeu << 20));
}

/* WFI/WFE trap: TI = 0 WFI, 1 WFE (2/3 the FEAT_WFxT forms); CV/COND as
 * for AArch64 state. */
static inline uint32_t syn_wfx(unsigned ti)
{
    return syn_make(ARM_EC_WFX_TRAP, (1u << 24) | (0xeu << 20) | (ti & 3));
}

static inline uint32_t syn_illegalstate(void)
{
    return syn_make(ARM_EC_ILLEGAL_STATE, 0);
}

static inline uint32_t syn_pcalignment(void)
{
    return syn_make(ARM_EC_PC_ALIGN, 0);
}

static inline uint32_t syn_sp_alignment(void)
{
    return syn_make(ARM_EC_SP_ALIGN, 0);
}

/* Instruction abort: EA 9, S1PTW 7, IFSC 5:0. */
static inline uint32_t syn_insn_abort(bool same_el, bool ea, bool s1ptw,
                                      unsigned fsc)
{
    return syn_make(same_el ? ARM_EC_INSN_ABORT : ARM_EC_INSN_ABORT_LOWER,
                    ((ea ? 1u : 0) << 9) | ((s1ptw ? 1u : 0) << 7) | (fsc & 0x3f));
}

/* Data abort without a valid instruction syndrome (ISV = 0): FnV 10,
 * EA 9, CM 8, S1PTW 7, WnR 6, DFSC 5:0. */
static inline uint32_t syn_data_abort_no_iss(bool same_el, bool fnv, bool ea,
                                             bool cm, bool s1ptw, bool wnr,
                                             unsigned fsc)
{
    return syn_make(same_el ? ARM_EC_DATA_ABORT : ARM_EC_DATA_ABORT_LOWER,
                    ((fnv ? 1u : 0) << 10) | ((ea ? 1u : 0) << 9) |
                    ((cm ? 1u : 0) << 8) | ((s1ptw ? 1u : 0) << 7) |
                    ((wnr ? 1u : 0) << 6) | (fsc & 0x3f));
}

/* Data abort with the ISS of the instruction: iss_template holds ISV, SAS,
 * SSE, SRT, SF, AR (bits 24:14, as the translator records them). */
static inline uint32_t syn_data_abort_with_iss(bool same_el, uint32_t iss_template,
                                               bool ea, bool cm, bool s1ptw,
                                               bool wnr, unsigned fsc)
{
    return syn_data_abort_no_iss(same_el, false, ea, cm, s1ptw, wnr, fsc) |
           (iss_template & 0x1ffc000u);
}

static inline uint32_t syn_serror(uint32_t iss)
{
    return syn_make(ARM_EC_SERROR, iss);
}

static inline uint32_t syn_breakpoint(bool same_el)
{
    return syn_make(same_el ? ARM_EC_BREAKPOINT : ARM_EC_BREAKPOINT_LOWER, 0x22);
}

/* Software step: ISV 24, EX 6, IFSC 0x22 (debug event). */
static inline uint32_t syn_swstep(bool same_el, bool isv, bool ex)
{
    return syn_make(same_el ? ARM_EC_SOFTSTEP : ARM_EC_SOFTSTEP_LOWER,
                    ((isv ? 1u : 0) << 24) | ((ex ? 1u : 0) << 6) | 0x22);
}

/* Watchpoint: CM 8, WnR 6, DFSC 0x22. */
static inline uint32_t syn_watchpoint(bool same_el, bool cm, bool wnr)
{
    return syn_make(same_el ? ARM_EC_WATCHPOINT : ARM_EC_WATCHPOINT_LOWER,
                    ((cm ? 1u : 0) << 8) | ((wnr ? 1u : 0) << 6) | 0x22);
}

static inline uint32_t syn_btitrap(unsigned btype)
{
    return syn_make(ARM_EC_BTI, btype & 3);
}

/* ERET/ERETAA/ERETAB trapped by HCR_EL2.NV: op 0 ERET, 2 ERETAA, 3 ERETAB. */
static inline uint32_t syn_erettrap(unsigned op)
{
    return syn_make(ARM_EC_ERET_TRAP, op & 3);
}

static inline uint32_t syn_sve_access_trap(void)
{
    return syn_make(ARM_EC_SVE_ACCESS, 0);
}

static inline uint32_t syn_pactrap(void)
{
    return syn_make(ARM_EC_PAC_TRAP, 0);
}

/* True for the classes that report a faulting address in FAR_ELx. */
static inline bool syn_has_far(uint32_t syn)
{
    switch (syn_get_ec(syn)) {
    case ARM_EC_INSN_ABORT_LOWER: case ARM_EC_INSN_ABORT:
    case ARM_EC_PC_ALIGN:
    case ARM_EC_DATA_ABORT_LOWER: case ARM_EC_DATA_ABORT:
    case ARM_EC_WATCHPOINT_LOWER: case ARM_EC_WATCHPOINT:
        return true;
    default:
        return false;
    }
}

#endif
