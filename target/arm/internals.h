/*
 * internals.h — what the pieces of the arm64 CPU model share with each
 * other (translator, helpers, exception model, MMU, system registers), but
 * not with the rest of Turtle.
 */
#ifndef TURTLE_TARGET_ARM_INTERNALS_H
#define TURTLE_TARGET_ARM_INTERNALS_H

#include "target/arm/cpu.h"

/* The host return address of a helper called from generated code: names
 * the guest instruction for cpu_loop_exit_restore(). */
#define ARM_GETPC() ((uintptr_t)__builtin_return_address(0))

/* ---- Exceptions (target/arm/exception.c) ------------------------------ */

/* Raises an exception of class excp (EXCP_*) with syndrome (ESR_ELx value)
 * to target_el, from a helper whose host return address is retaddr (0 if
 * the state is already exact). Does not return. */
G_NORETURN void arm_raise_exception(CPUARMState *env, int excp, uint32_t syndrome,
                                    int target_el, uintptr_t retaddr);
/* The EL an exception from the current EL is taken to (routing rules:
 * HCR_EL2.TGE, SCR_EL3, ...), for synchronous exceptions. */
int arm_exception_target_el(CPUARMState *env);

/* As arm_raise_exception, with the faulting virtual address for FAR_ELx
 * (aborts, watchpoints). */
G_NORETURN void arm_raise_exception_far(CPUARMState *env, int excp,
                                        uint32_t syndrome, int target_el,
                                        uint64_t far, uintptr_t retaddr);

/* Stack pointer banking: arm_sp_save() before changing the EL or PSTATE.SP
 * (it stores xregs[31] into its bank), arm_sp_restore() after (it loads
 * xregs[31] from the bank of the new EL/SPSel). */
void arm_sp_save(CPUARMState *env);
void arm_sp_restore(CPUARMState *env);
/* SP_ELn as the SP_EL0/SP_EL1/SP_EL2 registers read it (the live value if
 * it is the current stack pointer). */
uint64_t arm_sp_el_read(CPUARMState *env, int n);
void arm_sp_el_write(CPUARMState *env, int n, uint64_t val);

/* TCGCPUOps.do_interrupt: delivers cs->exception_index (Arm ARM D1.10,
 * AArch64.TakeException). Also used by cpu_exec_interrupt. */
void arm_cpu_do_interrupt(CPUState *cs);
/* TCGCPUOps.cpu_exec_interrupt (masking and routing rules, D1.3.6). */
bool arm_cpu_exec_interrupt(CPUState *cs, uint32_t interrupt_request);
/* The EL a physical IRQ (fiq=false) or FIQ is routed to (SCR_EL3.IRQ/FIQ,
 * HCR_EL2.IMO/FMO/TGE). */
int arm_phys_irq_target_el(CPUARMState *env, bool fiq);
/* TCGCPUOps.do_unaligned_access and do_transaction_failed: an Alignment
 * fault, and a synchronous External abort (routed by SCR_EL3.EA and
 * HCR_EL2.TEA). Defined in exception.c. */
G_NORETURN void arm_cpu_do_unaligned_access(CPUState *cs, vaddr addr,
                                            MMUAccessType access_type,
                                            int mmu_idx, uintptr_t retaddr);
void arm_cpu_do_transaction_failed(CPUState *cs, hwaddr physaddr, vaddr addr,
                                   unsigned size, MMUAccessType access_type,
                                   int mmu_idx, MemTxResult response,
                                   uintptr_t retaddr);

/*
 * ERET (Arm ARM D1.11, AArch64.ExceptionReturn): PSTATE from SPSR_ELx of
 * the current EL, PC = new_pc (ELR_ELx, read by the caller). An illegal
 * return (D1.11.4: AArch32, a higher or unimplemented EL, EL1 with
 * HCR_EL2.TGE, EL0 with SPSel=1...) keeps EL/SPSel, sets PSTATE.IL, and
 * the next instruction raises the Illegal State exception (TBFLAG_PSTATE_IL).
 * The translator ends the block and returns to the CPU loop after it.
 */
void helper_exception_return(CPUARMState *env, uint64_t new_pc);

/*
 * WFI / WFE, called with env->pc = the next instruction. They first apply
 * the traps (SCTLR_EL1.nTWI/nTWE at EL0, HCR_EL2.TWI/TWE, SCR_EL3.TWI/TWE:
 * EC 0x01 with ELR = the WFx instruction). WFI then halts the CPU unless
 * it has work (cs->halted, cpu_loop_exit with EXCP_HLT); WFE, having no
 * event register model, ends the time slice (EXCP_YIELD) so the CPU that
 * will send the event can run.
 */
void helper_wfi(CPUARMState *env);
void helper_wfe(CPUARMState *env);
/* The EL a WFI (is_wfe false) or WFE at the current EL traps to, 0: none. */
int arm_wfx_trap_el(CPUARMState *env, bool is_wfe);

/*
 * HVC / SMC #imm16, called with env->pc = the next instruction (the
 * preferred return address) and the state synced. They handle: UNDEFINED
 * (EL0; HVC without EL2 or with SCR_EL3.HCE=0; SMC without EL3), the
 * HCR_EL2.TSC trap of SMC, PSCI/SMCCC calls answered by the emulated
 * firmware (then they return: continue at env->pc; x0-x3 may have changed;
 * CPU_OFF/SYSTEM_OFF do not return), and the HVC/SMC exception itself.
 */
void helper_hvc(CPUARMState *env, uint32_t imm16);
void helper_smc(CPUARMState *env, uint32_t imm16);

/* The EL that the FP/AdvSIMD access trap (EC 0x07) goes to in the current
 * state, 0 if FP/AdvSIMD is enabled (CPACR_EL1.FPEN, CPTR_EL2, CPTR_EL3). */
int arm_fp_exception_el(CPUARMState *env);

/* Whether software step is active for code at el with PSTATE.D = d
 * (D2.12: MDSCR_EL1.SS, and debug exceptions enabled from that EL). */
bool arm_singlestep_active(CPUARMState *env, int el, bool d);

/* -d int logging name of an EXCP_* value. */
const char *arm_excp_name(int excp);

/* ---- Features -------------------------------------------------------- */

/* Bits of env->features (and ARMCPU): what the CPU model implements. */
enum {
    ARM_FEATURE_AARCH64,
    ARM_FEATURE_EL2,
    ARM_FEATURE_EL3,
    ARM_FEATURE_PMU,
    ARM_FEATURE_GIC_CPUIF,      /* GICv3 system-register CPU interface */
    ARM_FEATURE_GENERIC_TIMER,
};

static inline bool arm_feature(const CPUARMState *env, int feature)
{
    return env->features & (1ull << feature);
}

/* Bits of SCR_EL3 and HCR_EL2 this model reads (Arm ARM D19.2). */
#define SCR_NS      (1ull << 0)
#define SCR_IRQ     (1ull << 1)
#define SCR_FIQ     (1ull << 2)
#define SCR_EA      (1ull << 3)
#define SCR_SMD     (1ull << 7)
#define SCR_HCE     (1ull << 8)
#define SCR_RW      (1ull << 10)
#define SCR_ST      (1ull << 11)
#define SCR_TWI     (1ull << 12)
#define SCR_TWE     (1ull << 13)

#define HCR_VM      (1ull << 0)
#define HCR_SWIO    (1ull << 1)
#define HCR_PTW     (1ull << 2)
#define HCR_FMO     (1ull << 3)
#define HCR_IMO     (1ull << 4)
#define HCR_AMO     (1ull << 5)
#define HCR_VF      (1ull << 6)
#define HCR_VI      (1ull << 7)
#define HCR_VSE     (1ull << 8)
#define HCR_FB      (1ull << 9)
#define HCR_BSU     (3ull << 10)
#define HCR_DC      (1ull << 12)
#define HCR_TWI     (1ull << 13)
#define HCR_TWE     (1ull << 14)
#define HCR_TID0    (1ull << 15)
#define HCR_TID1    (1ull << 16)
#define HCR_TID2    (1ull << 17)
#define HCR_TID3    (1ull << 18)
#define HCR_TSC     (1ull << 19)
#define HCR_TIDCP   (1ull << 20)
#define HCR_TACR    (1ull << 21)
#define HCR_TSW     (1ull << 22)
#define HCR_TPCP    (1ull << 23)
#define HCR_TPU     (1ull << 24)
#define HCR_TTLB    (1ull << 25)
#define HCR_TVM     (1ull << 26)
#define HCR_TGE     (1ull << 27)
#define HCR_TDZ     (1ull << 28)
#define HCR_HCD     (1ull << 29)
#define HCR_TRVM    (1ull << 30)
#define HCR_RW      (1ull << 31)
#define HCR_CD      (1ull << 32)
#define HCR_ID      (1ull << 33)
#define HCR_E2H     (1ull << 34)
#define HCR_TLOR    (1ull << 35)
#define HCR_TERR    (1ull << 36)
#define HCR_TEA     (1ull << 37)
#define HCR_NV      (1ull << 42)

/* SCTLR_ELx bits (Arm ARM D19.2.118). */
#define SCTLR_M     (1ull << 0)
#define SCTLR_A     (1ull << 1)
#define SCTLR_C     (1ull << 2)
#define SCTLR_SA    (1ull << 3)
#define SCTLR_SA0   (1ull << 4)
#define SCTLR_UMA   (1ull << 9)
#define SCTLR_I     (1ull << 12)
#define SCTLR_DZE   (1ull << 14)
#define SCTLR_UCT   (1ull << 15)
#define SCTLR_nTWI  (1ull << 16)
#define SCTLR_nTWE  (1ull << 18)
#define SCTLR_WXN   (1ull << 19)
#define SCTLR_SPAN  (1ull << 23)
#define SCTLR_E0E   (1ull << 24)
#define SCTLR_EE    (1ull << 25)
#define SCTLR_UCI   (1ull << 26)
#define SCTLR_DSSBS (1ull << 44)

/* CNTKCTL_EL1 / CNTHCTL_EL2 bits (D19.8). */
#define CNTKCTL_EL0PCTEN (1u << 0)
#define CNTKCTL_EL0VCTEN (1u << 1)
#define CNTKCTL_EL0VTEN  (1u << 8)
#define CNTKCTL_EL0PTEN  (1u << 9)
#define CNTHCTL_EL1PCTEN (1u << 0)      /* HCR_EL2.E2H == 0 layout */
#define CNTHCTL_EL1PCEN  (1u << 1)
#define CNTHCTL_E2H_EL1PCTEN (1u << 10) /* HCR_EL2.E2H == 1 layout */
#define CNTHCTL_E2H_EL1PTEN  (1u << 11)

/* Generic timer CTL bits. */
#define GTIMER_CTL_ENABLE  (1u << 0)
#define GTIMER_CTL_IMASK   (1u << 1)
#define GTIMER_CTL_ISTATUS (1u << 2)

static inline bool arm_is_secure_below_el3(const CPUARMState *env)
{
    return arm_feature(env, ARM_FEATURE_EL3) && !(env->sys.scr_el3 & SCR_NS);
}

static inline bool arm_is_el2_enabled(const CPUARMState *env)
{
    return arm_feature(env, ARM_FEATURE_EL2) && !arm_is_secure_below_el3(env);
}

static inline uint64_t arm_hcr_el2_eff(const CPUARMState *env)
{
    return arm_is_el2_enabled(env) ? env->sys.hcr_el2 : 0;
}

/* The EL of the translation regime used at el (EL0 belongs to EL2&0 when
 * HCR_EL2.{E2H,TGE} are both 1). */
static inline int arm_regime_el(const CPUARMState *env, int el)
{
    if (el == 0) {
        uint64_t hcr = arm_hcr_el2_eff(env);
        return (hcr & (HCR_E2H | HCR_TGE)) == (HCR_E2H | HCR_TGE) ? 2 : 1;
    }
    return el;
}

/* True in the EL2&0 (VHE) regime at EL2, where EL1 register encodings
 * reach the EL2 registers (HCR_EL2.E2H == 1). */
static inline bool arm_is_e2h_at_el2(const CPUARMState *env)
{
    return arm_current_el(env) == 2 && (arm_hcr_el2_eff(env) & HCR_E2H);
}

/* ISA features, read from the ID registers the model advertises, so that
 * a feature is only decodable when the guest is told it exists. */
bool isar_feature_aa64_atomics(const ARMISARegisters *isar);   /* LSE */
bool isar_feature_aa64_crc32(const ARMISARegisters *isar);
bool isar_feature_aa64_aes(const ARMISARegisters *isar);
bool isar_feature_aa64_pmull(const ARMISARegisters *isar);
bool isar_feature_aa64_sha1(const ARMISARegisters *isar);
bool isar_feature_aa64_sha256(const ARMISARegisters *isar);
bool isar_feature_aa64_sha512(const ARMISARegisters *isar);
bool isar_feature_aa64_sha3(const ARMISARegisters *isar);
bool isar_feature_aa64_rdm(const ARMISARegisters *isar);
bool isar_feature_aa64_fp16(const ARMISARegisters *isar);
bool isar_feature_aa64_dp(const ARMISARegisters *isar);      /* dot product */
bool isar_feature_aa64_jscvt(const ARMISARegisters *isar);
bool isar_feature_aa64_fcma(const ARMISARegisters *isar);
bool isar_feature_aa64_lrcpc(const ARMISARegisters *isar);
bool isar_feature_aa64_lrcpc2(const ARMISARegisters *isar);
bool isar_feature_aa64_pauth(const ARMISARegisters *isar);
bool isar_feature_aa64_bti(const ARMISARegisters *isar);
bool isar_feature_aa64_sb(const ARMISARegisters *isar);
bool isar_feature_aa64_pan(const ARMISARegisters *isar);
bool isar_feature_aa64_uao(const ARMISARegisters *isar);
bool isar_feature_aa64_flagm(const ARMISARegisters *isar);
bool isar_feature_aa64_rndr(const ARMISARegisters *isar);
bool isar_feature_aa64_frint(const ARMISARegisters *isar);
bool isar_feature_aa64_i8mm(const ARMISARegisters *isar);
bool isar_feature_aa64_bf16(const ARMISARegisters *isar);
bool isar_feature_aa64_ssbs(const ARMISARegisters *isar);
bool isar_feature_aa64_dit(const ARMISARegisters *isar);
bool isar_feature_aa64_hpds(const ARMISARegisters *isar);
bool isar_feature_aa64_lse2(const ARMISARegisters *isar);
bool isar_feature_aa64_vh(const ARMISARegisters *isar);      /* VHE */
bool isar_feature_aa64_pmu(const ARMISARegisters *isar);     /* PMUv3 */
bool isar_feature_aa64_csv2(const ARMISARegisters *isar);

/* The extract of a 4-bit ID register field at shift. */
static inline unsigned arm_id_field(uint64_t reg, int shift)
{
    return (reg >> shift) & 0xf;
}

/* The CPU models (cpu-models.c): ID registers of each model. */
void arm_cpu_models_register(void);

/* ---- MMU (target/arm/mmu.c) ----------------------------------------- */

/* MMU indexes (one softmmu TLB each). Stage-2 and EL2&0 regimes are
 * separate indexes so a world switch changes the index, not the TLB. */
enum {
    ARM_MMU_E10_0 = 0,          /* EL1&0 regime, EL0 access */
    ARM_MMU_E10_1,              /* EL1&0 regime, EL1 access */
    ARM_MMU_E10_1_PAN,          /* EL1 access with PSTATE.PAN */
    ARM_MMU_E20_0,              /* EL2&0 (VHE) regime, EL0 access */
    ARM_MMU_E20_2,
    ARM_MMU_E20_2_PAN,
    ARM_MMU_E2,                 /* EL2 regime (nVHE) */
    ARM_MMU_E3,
    ARM_MMU_STAGE2,             /* stage-2 walks (IPA -> PA) */
    ARM_MMU_PHYS,               /* physical, MMU off / debug */
    ARM_MMU_COUNT,
};

/* The MMU index for a data access at the current EL (PAN/UAO applied).
 * Defined in cpu.c: it derives from PSTATE and HCR_EL2. */
int arm_mmu_idx(CPUARMState *env);
/* For LDTR/STTR: the unprivileged index of the current regime (the normal
 * index when PSTATE.UAO is set or at EL2 (non-VHE) / EL3). */
int arm_mmu_idx_user(CPUARMState *env);
/* The index of instruction fetches (no PAN). */
int arm_mmu_idx_code(CPUARMState *env);
/* The index a data access at el would use now (AT S1E0R etc.), PAN from
 * the current PSTATE. */
int arm_mmu_idx_el(CPUARMState *env, int el);
/* The set of MMU indexes (bit i = index i) whose translations depend on
 * the registers of regime_el (1: EL1&0, 2: EL2 and EL2&0, 3: EL3): what a
 * write to SCTLR/TCR/TTBR of that EL must flush. */
uint16_t arm_mmu_idxmap_regime(int regime_el);
/* The EL of the translation regime of an MMU index (1, 2 or 3; 0 for
 * ARM_MMU_PHYS / STAGE2). */
int arm_mmu_idx_regime_el(int mmu_idx);
/* Whether the index is the unprivileged (EL0) view of its regime. */
bool arm_mmu_idx_is_user(int mmu_idx);

/* TCGCPUOps.tlb_fill, and the debug translation (no side effects). */
bool arm_cpu_tlb_fill(CPUState *cs, vaddr addr, int size,
                      MMUAccessType access_type, int mmu_idx, bool probe,
                      uintptr_t retaddr);
hwaddr arm_cpu_get_phys_page_debug(CPUState *cs, vaddr addr);

/* ---- TB flags (target/arm/cpu.c computes them) ------------------------- */

/* Everything the translator specializes on. */
#define TBFLAG_EL_SHIFT        0   /* 2 bits: current EL */
#define TBFLAG_MMUIDX_SHIFT    2   /* 4 bits: data MMU index */
#define TBFLAG_SS_ACTIVE       (1u << 6)   /* software step active */
#define TBFLAG_PSTATE_SS       (1u << 7)
#define TBFLAG_FPEN            (1u << 8)   /* FP/SIMD enabled (CPACR/CPTR) */
#define TBFLAG_BE_DATA         (1u << 9)   /* SCTLR.EE/E0E: big-endian data */
#define TBFLAG_ALIGN           (1u << 10)  /* SCTLR.A: alignment checks */
#define TBFLAG_TBI0            (1u << 11)  /* top byte ignore, TTBR0 */
#define TBFLAG_TBI1            (1u << 12)
#define TBFLAG_BTI             (1u << 13)  /* guarded page (BTI) */
#define TBFLAG_UNPRIV_IDX_SHIFT 14         /* 4 bits: MMU index for LDTR/STTR */
#define TBFLAG_VHE             (1u << 18)  /* HCR_EL2.E2H && TGE context */
#define TBFLAG_TGE             (1u << 19)
#define TBFLAG_NV              (1u << 20)  /* nested virtualization traps */
#define TBFLAG_SVE_EN          (1u << 21)
#define TBFLAG_FPEXC_EL_SHIFT  22  /* 2 bits: EL of the FP trap if !FPEN */
#define TBFLAG_PSTATE_IL       (1u << 24)  /* PSTATE.IL: every insn raises
                                            * the Illegal State exception
                                            * (EC 0x0e, syndrome IL only) */
#define TBFLAG_SP_ALIGN        (1u << 25)  /* SP alignment check on: SCTLR_ELx.SA,
                                            * or SA0 at EL0, of the current
                                            * regime (D1.3.5.2) */

void arm_get_tb_cpu_state(CPUState *cs, vaddr *pc, uint64_t *cs_base,
                          uint32_t *flags);
/* Recomputes cached state after a change of EL, SCTLR, HCR...: the
 * translator ends the block after any MSR that may change TB flags. */
void arm_rebuild_hflags(CPUARMState *env);

/* The CPU's TCGCPUOps.get_tb_cpu_state (returns env->hflags). */

/* ---- CPU object helpers (target/arm/cpu.c) ------------------------------ */

/* The ARMCPU whose MPIDR affinity (Aff3..Aff0) is mpidr, or NULL. */
ARMCPU *arm_cpu_by_mpidr(uint64_t mpidr);
/* MPIDR_EL1 of the CPU (RES1 bit 31 set). */
uint64_t arm_cpu_mpidr(ARMCPU *cpu);
/* Re-evaluates the interrupt inputs after a change of the state that masks
 * or routes them (DAIF, HCR_EL2, SCR_EL3): leaves generated code if one
 * may now be taken. */
void arm_cpu_update_interrupts(CPUARMState *env);
/* "info registers": the dump_state hook. */
void arm_cpu_dump_state(CPUState *cs, GString *out, unsigned flags);
/* Enters the CPU at entry_pc in AArch64 state at el, with x0 = context and
 * the MMU and caches off (PSCI CPU_ON, the boot CPU). */
void arm_cpu_set_entry(ARMCPU *cpu, int el, uint64_t entry_pc, uint64_t x0);

/* ---- Generic timer (target/arm/gtimer.c) ------------------------------- */

uint64_t arm_gt_count(CPUARMState *env);    /* CNTPCT */
void arm_gt_recalc(ARMCPU *cpu, int timer);
/* Realize/reset/unrealize of the timers of a CPU, and its CNT* rows. */
void arm_gt_init(ARMCPU *cpu);
void arm_gt_reset(ARMCPU *cpu);
void arm_gt_finalize(ARMCPU *cpu);
void arm_gt_register_sysregs(ARMCPU *cpu);

/* ---- PMU (target/arm/sysreg-regs.c) ------------------------------------- */

uint64_t arm_pmu_cycles(CPUARMState *env);  /* PMCCNTR_EL0 now */

/* ---- System register rows (target/arm/sysreg-regs.c) ------------------ */

/* Registers every architectural row this CPU implements (called at
 * realize, before the timers and the hooks of arm_sysreg_add_cpu_hook). */
void arm_sysreg_register_cpu(ARMCPU *cpu);

/* ---- GDB (target/arm/gdbstub.c) ----------------------------------------- */

int arm_cpu_gdb_read_register(CPUState *cs, GByteArray *buf, int reg);
int arm_cpu_gdb_write_register(CPUState *cs, const uint8_t *buf, int reg);
/* The target description XML files: "aarch64-core.xml" (x0-x30, sp, pc,
 * cpsr: registers 0-33) and "aarch64-fpu.xml" (v0-v31, fpsr, fpcr:
 * registers 34-67). NULL for an unknown name. */
const char *arm_gdb_get_xml(const char *name);
int arm_cpu_gdb_num_regs(CPUState *cs);
#define ARM_GDB_NUM_CORE_REGS 34
#define ARM_GDB_NUM_REGS 68

/* ---- Translator (target/arm/translate-a64.c) --------------------------- */

void a64_translate_init(void);
void arm_translate_code(CPUState *cpu, TranslationBlock *tb, int max_insns);
void a64_restore_state_to_opc(CPUState *cpu, const TranslationBlock *tb,
                              const uint64_t *data);

/* ---- PSCI (target/arm/psci.c) ----------------------------------------- */

/* True if the HVC/SMC with imm16 in the current state is a PSCI call,
 * which is then handled (x0..x3 in, x0 out). */
bool arm_is_psci_call(ARMCPU *cpu, int excp);
void arm_handle_psci_call(ARMCPU *cpu);

#endif
