/*
 * mmu.h — the arm64 MMU (Arm ARM D8, "The AArch64 Virtual Memory System
 * Architecture"): what the rest of the CPU model uses besides the two
 * TCGCPUOps hooks declared in internals.h (arm_cpu_tlb_fill,
 * arm_cpu_get_phys_page_debug).
 *
 *   mmu.c        MMU indexes -> regimes, tlb_fill, debug translation, the
 *                TLB flushes a register write needs (arm_mmu_*_changed)
 *   mmu-walk.c   the translation table walk: stage 1, stage 2, hardware
 *                Access flag and dirty state updates
 *   mmu-fault.c  fault status codes, abort syndromes, raising aborts
 *   tlbi.c       the TLBI instructions (system register rows)
 *   mmu-at.c     the AT instructions (system register rows) and PAR_EL1
 *
 * The softmmu TLB has one table per MMU index and no ASID/VMID tags, so
 * every register write that changes a translation (TTBRx with its ASID,
 * TCR, SCTLR, MAIR, HCR_EL2, VTTBR/VTCR) must flush the indexes of the
 * regime it controls: arm_mmu_regime_changed() and friends below.
 */
#ifndef TURTLE_TARGET_ARM_MMU_H
#define TURTLE_TARGET_ARM_MMU_H

#include "target/arm/internals.h"

/* ---- Walk results ---------------------------------------------------- */

/* The kinds of MMU fault (Arm ARM D8.15 "MMU faults"). */
typedef enum ARMFaultType {
    ARM_FAULT_NONE = 0,
    ARM_FAULT_TRANSLATION,
    ARM_FAULT_ACCESS_FLAG,
    ARM_FAULT_PERMISSION,
    ARM_FAULT_ADDR_SIZE,
    ARM_FAULT_WALK_EXTERNAL,    /* synchronous external abort on a table walk */
    ARM_FAULT_EXTERNAL,         /* synchronous external abort on the access */
    ARM_FAULT_ALIGNMENT,
} ARMFaultType;

typedef struct ARMMMUFault {
    ARMFaultType type;
    int level;                  /* lookup level, -1..3 */
    bool stage2;                /* a stage 2 fault (taken to EL2) */
    bool s1ptw;                 /* stage 2 fault on a stage 1 table walk */
    bool s1ptw_write;           /* ... while updating a stage 1 descriptor */
    hwaddr ipa;                 /* stage 2: the faulting IPA (for HPFAR_EL2) */
} ARMMMUFault;

typedef struct ARMMMUResult {
    hwaddr pa;                  /* output address of addr (with page offset) */
    uint64_t page_size;         /* size of the mapping (smallest stage) */
    int prot;                   /* PAGE_READ/WRITE/EXEC for this privilege */
    uint8_t attrs;              /* memory attributes, in MAIR_ELx byte format */
    uint8_t sh;                 /* shareability: 0 non, 2 outer, 3 inner */
    bool ns;                    /* non-secure output */
    bool global;                /* stage 1 nG == 0 (or MMU off) */
    bool guarded;               /* stage 1 GP bit (FEAT_BTI guarded page) */
    bool device;                /* Device memory (attrs[7:4] == 0) */
    int level;                  /* level of the stage 1 leaf, 4 if MMU off */
    ARMMMUFault fault;          /* when the walk failed */
} ARMMMUResult;

/* Walk flags */
enum {
    /* Debugger: no fault for permissions or the Access flag, no hardware
     * descriptor update. */
    ARM_WALK_DEBUG = 1u << 0,
    /* AT: no hardware descriptor update, but an access that the hardware
     * update would allow succeeds. */
    ARM_WALK_NO_HW_UPDATE = 1u << 1,
    /* Stage 1 only (AT S1E0/S1E1 with stage 2 on): the output is the IPA;
     * the stage 1 table walk still goes through stage 2. */
    ARM_WALK_S1_ONLY = 1u << 2,
};

/*
 * Translates addr for an access of type access in mmu_idx (ARM_MMU_*).
 * True on success with res filled; false with res->fault describing the
 * fault. Side effects only with hardware AF/dirty updates (TCR.HA/HD),
 * unless flags forbid them. ARM_MMU_STAGE2 translates an IPA through
 * stage 2 alone (EL1 access privilege); ARM_MMU_PHYS is the identity.
 */
bool arm_mmu_walk(CPUARMState *env, vaddr addr, MMUAccessType access,
                  int mmu_idx, unsigned flags, ARMMMUResult *res);

/* ---- Faults (mmu-fault.c) --------------------------------------------- */

/* The 6-bit DFSC/IFSC (and PAR_EL1.FST) code of a fault. */
uint32_t arm_mmu_fsc(const ARMMMUFault *f);
/* ESR_ELx value of the abort for fault f on an access of type access,
 * taken from current_el to target_el. iss_extra: the ISV/SAS/SSE/SRT/SF/AR
 * instruction syndrome (stage 2 data aborts only), cm: the access is a
 * cache maintenance or AT instruction. */
uint32_t arm_mmu_abort_syndrome(const ARMMMUFault *f, MMUAccessType access,
                                int current_el, int target_el,
                                uint32_t iss_extra, bool cm);
/* Raises the abort for fault f at addr (FAR, HPFAR_EL2, ESR, routing).
 * retaddr: host return address of the faulting access, 0 if env is exact. */
G_NORETURN void arm_mmu_raise_fault(CPUARMState *env, vaddr addr,
                                    MMUAccessType access, int mmu_idx,
                                    const ARMMMUFault *f, bool cm,
                                    uintptr_t retaddr);

/* ---- TLB maintenance on register writes (mmu.c) ------------------------ */

/*
 * A register of the stage 1 regime controlled by EL el (1: EL1&0, 2: EL2
 * and EL2&0, 3: EL3) changed: SCTLR_ELx, TCR_ELx, TTBR0/1_ELx (base or
 * ASID), MAIR_ELx. Flushes the MMU indexes of that regime on this CPU.
 */
void arm_mmu_regime_changed(CPUARMState *env, int el);
/*
 * TTBR0_ELx (ttbr1 false) or TTBR1_ELx of the regime of EL el went from
 * old to new. For EL1&0, an ASID switch or a new TTBR0 table flushes only
 * the tagged entries (non-global, or translated through TTBR0): the
 * global TTBR1 entries of the kernel survive a context switch. A new
 * TTBR1 table, and the other regimes, flush as arm_mmu_regime_changed.
 */
void arm_mmu_ttbr_changed(CPUARMState *env, int el, bool ttbr1, uint64_t old,
                          uint64_t new);
/* VTTBR_EL2 (base or VMID) or VTCR_EL2 changed: flushes the EL1&0 indexes
 * (their entries are stage 1+2 combined). */
void arm_mmu_stage2_changed(CPUARMState *env);
/* HCR_EL2 was old_hcr and is now env->sys.hcr_el2: flushes what the
 * change of VM, DC, TGE, E2H, PTW, FWB... invalidates (nothing for the
 * interrupt and trap bits). */
void arm_mmu_hcr_changed(CPUARMState *env, uint64_t old_hcr);
/* SCR_EL3 was old_scr: a change of NS flushes every index. */
void arm_mmu_scr_changed(CPUARMState *env, uint64_t old_scr);

/* ---- Helpers for other parts of the CPU model --------------------------- */

/* True if the instruction page at pc is a guarded page (FEAT_BTI GP bit of
 * the stage 1 descriptor), looked up without side effects. For the
 * translator's BTI checks. */
bool arm_mmu_page_is_guarded(CPUARMState *env, vaddr pc, int mmu_idx);

/* Registers the TLBI and AT rows (SYSREG_INSN) the CPU implements, from
 * its EL2/EL3 features and ID registers (FEAT_TLBIOS, FEAT_TLBIRANGE,
 * FEAT_XS, FEAT_PAN2). Called once per CPU by the CPU model. */
void arm_mmu_register_sysregs(ARMCPU *cpu);

#endif
