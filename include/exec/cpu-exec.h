/*
 * cpu-exec.h — the contract between a guest CPU (target/<arch>) and the
 * execution engine (accel/tcg): what a target provides so its code can be
 * translated and run, and the services the engine offers back (TLB fills
 * and flushes, guest memory access from helpers, leaving a block with an
 * exception).
 *
 * Flow: accel/tcg asks the target for the current block key
 * (get_tb_cpu_state), looks the block up (or has the target translate it
 * through translator_loop, see exec/translator.h), runs it, and between
 * blocks checks interrupt_request (cpu_exec_interrupt) and pending
 * exceptions (do_interrupt). A helper that faults calls cpu_loop_exit_restore
 * with its return address: the engine restores the guest state of the
 * faulting instruction (restore_state_to_opc) and unwinds to the CPU loop.
 */
#ifndef TURTLE_EXEC_CPU_EXEC_H
#define TURTLE_EXEC_CPU_EXEC_H

#include "hw/core/cpu.h"
#include "exec/tlb-common.h"

/* The largest number of MMU indexes a target may use (TLBs per vCPU). */
#define CPU_MAX_MMU_MODES 16

typedef enum MMUAccessType {
    MMU_DATA_LOAD = 0,
    MMU_DATA_STORE = 1,
    MMU_INST_FETCH = 2,
} MMUAccessType;

/* cflags: how a block was (or must be) translated. */
enum {
    CF_COUNT_MASK   = 0x000001ff,   /* max guest insns, 0 = as many as fit */
    CF_SINGLE_STEP  = 0x00000200,   /* gdb single step: one insn, then debug exit */
    CF_NOIRQ        = 0x00000400,   /* do not check for interrupts at entry */
    CF_LAST_IO      = 0x00000800,   /* last insn may do I/O (icount) */
    CF_NO_CHAIN     = 0x00001000,   /* never chain to this block */
    CF_ICOUNT       = 0x00002000,   /* counts its insns against the budget */
    CF_INVALID      = 0x80000000,   /* block was invalidated */
};

/* The key and the guest-visible summary of a translated block. The engine's
 * bookkeeping (host code, chaining, page lists) is private to accel/tcg. */
typedef struct TranslationBlock {
    vaddr pc;                       /* guest virtual pc of the first insn */
    uint64_t cs_base;               /* extra key word (x86 CS base, ...) */
    uint32_t flags;                 /* target's TB flags: mode, EL, ... */
    uint32_t cflags;
    uint16_t size;                  /* guest bytes covered */
    uint16_t icount;                /* guest instructions */
    uint64_t exec_count;            /* times entered (only with -d hotblocks) */
} TranslationBlock;

typedef struct TCGCPUOps {
    /* Once per process: create the target's TCG globals (registers, flags). */
    void (*initialize)(void);
    /* Translates one block starting at pc (see exec/translator.h). */
    void (*translate_code)(CPUState *cpu, TranslationBlock *tb, int max_insns);
    /* The key of the block to run now: pc, cs_base and the TB flags that
     * capture every piece of state the translation depends on. */
    void (*get_tb_cpu_state)(CPUState *cpu, vaddr *pc, uint64_t *cs_base,
                             uint32_t *flags);
    /* Sets the pc from a block we are about to leave without running it
     * (e.g. an interrupt at block entry). */
    void (*synchronize_from_tb)(CPUState *cpu, const TranslationBlock *tb);
    /* Restores guest state from the insn_start words of the instruction
     * that faulted (data[0] is its pc). */
    void (*restore_state_to_opc)(CPUState *cpu, const TranslationBlock *tb,
                                 const uint64_t *data);
    /* Takes an interrupt if one of interrupt_request is deliverable now;
     * true if one was taken (the loop then looks up a new block). */
    bool (*cpu_exec_interrupt)(CPUState *cpu, uint32_t interrupt_request);
    /* Delivers cpu->exception_index (an architectural exception). */
    void (*do_interrupt)(CPUState *cpu);
    /*
     * Translates addr for an access of the given type and size in mmu_idx:
     * on success fills the TLB with tlb_set_page() and returns true; if
     * probe is true returns false on a fault; otherwise raises the guest
     * fault (cpu_loop_exit_restore with retaddr) and does not return.
     */
    bool (*tlb_fill)(CPUState *cpu, vaddr addr, int size,
                     MMUAccessType access_type, int mmu_idx, bool probe,
                     uintptr_t retaddr);
    /* An access not aligned as its memop requires; raises, never returns. */
    G_NORETURN void (*do_unaligned_access)(CPUState *cpu, vaddr addr,
                                           MMUAccessType access_type,
                                           int mmu_idx, uintptr_t retaddr);
    /* A bus error from the memory system (unassigned address, device
     * error): the target raises its external abort, or ignores it. */
    void (*do_transaction_failed)(CPUState *cpu, hwaddr physaddr, vaddr addr,
                                  unsigned size, MMUAccessType access_type,
                                  int mmu_idx, MemTxResult response,
                                  uintptr_t retaddr);
    /* Whether the CPU is in the low-power state and should sleep. */
    bool (*cpu_exec_halt)(CPUState *cpu);
    /* Number of MMU indexes the target uses (<= CPU_MAX_MMU_MODES). */
    int nb_mmu_modes;
} TCGCPUOps;

/* ---- Services of the engine to targets ----------------------------------- */

/* Leaves the current block and returns to the CPU loop; with _restore, first
 * restores the guest state of the instruction at host address retaddr
 * (0: state is already exact). */
G_NORETURN void cpu_loop_exit(CPUState *cpu);
G_NORETURN void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr);
/* Sets exception_index and leaves (the exception is delivered by
 * do_interrupt from the loop). */
G_NORETURN void cpu_loop_exit_exception(CPUState *cpu, int excp, uintptr_t retaddr);
/* Restores the guest state for retaddr without leaving; false if retaddr is
 * not inside generated code. */
bool cpu_restore_state(CPUState *cpu, uintptr_t retaddr);

/* Page attributes for tlb_set_page. */
enum {
    PAGE_READ = 1,
    PAGE_WRITE = 2,
    PAGE_EXEC = 4,
    /* The translation belongs to the current address space identifier
     * (e.g. a non-global Arm entry): tlb_flush_tagged_by_mmuidx drops it,
     * the others survive. */
    PAGE_TAGGED = 8,
};

/* Installs a translation: the page of vaddr in mmu_idx maps to paddr with
 * prot rights; size is the guest page size (>= TLB page, a power of two;
 * large pages are remembered for flush-by-range). attrs go to MMIO. */
void tlb_set_page(CPUState *cpu, vaddr addr, hwaddr paddr, MemTxAttrs attrs,
                  int prot, int mmu_idx, uint64_t size);
void tlb_flush(CPUState *cpu);
void tlb_flush_page(CPUState *cpu, vaddr addr);
/* idxmap: bit i set = flush MMU index i. */
void tlb_flush_by_mmuidx(CPUState *cpu, uint16_t idxmap);
void tlb_flush_page_by_mmuidx(CPUState *cpu, vaddr addr, uint16_t idxmap);
/* Flushes only the translations installed with PAGE_TAGGED (an address
 * space identifier switch or invalidation): cheap for big tables. */
void tlb_flush_tagged_by_mmuidx(CPUState *cpu, uint16_t idxmap);
/* Flushes a range of pages (TLBI by range, large pages). bits: VA bits that
 * count (for tagged/sign-extended addresses). */
void tlb_flush_range_by_mmuidx(CPUState *cpu, vaddr addr, uint64_t len,
                               uint16_t idxmap, unsigned bits);
/* The same on every vCPU (broadcast TLBI, INVLPGA..., IPTE). */
void tlb_flush_all_cpus(CPUState *src);
void tlb_flush_page_all_cpus(CPUState *src, vaddr addr);
void tlb_flush_by_mmuidx_all_cpus(CPUState *src, uint16_t idxmap);
void tlb_flush_page_by_mmuidx_all_cpus(CPUState *src, vaddr addr, uint16_t idxmap);
void tlb_flush_tagged_by_mmuidx_all_cpus(CPUState *src, uint16_t idxmap);

/* Guest memory access from helpers, through the TLB of mmu_idx, faulting
 * like the instruction at retaddr would. */
uint8_t cpu_ldb_mmu(CPUState *cpu, vaddr addr, int mmu_idx, uintptr_t ra);
uint16_t cpu_ldw_mmu(CPUState *cpu, vaddr addr, uint32_t memop, int mmu_idx, uintptr_t ra);
uint32_t cpu_ldl_mmu(CPUState *cpu, vaddr addr, uint32_t memop, int mmu_idx, uintptr_t ra);
uint64_t cpu_ldq_mmu(CPUState *cpu, vaddr addr, uint32_t memop, int mmu_idx, uintptr_t ra);
void cpu_stb_mmu(CPUState *cpu, vaddr addr, uint8_t val, int mmu_idx, uintptr_t ra);
void cpu_stw_mmu(CPUState *cpu, vaddr addr, uint16_t val, uint32_t memop, int mmu_idx, uintptr_t ra);
void cpu_stl_mmu(CPUState *cpu, vaddr addr, uint32_t val, uint32_t memop, int mmu_idx, uintptr_t ra);
void cpu_stq_mmu(CPUState *cpu, vaddr addr, uint64_t val, uint32_t memop, int mmu_idx, uintptr_t ra);
/* Host pointer for size bytes at addr (within one page) if it is RAM and
 * the access is allowed; NULL for MMIO/watchpoints (use cpu_*_mmu); faults
 * unless nonfault. For DC ZVA, block copies, exclusive monitors. */
void *probe_access(CPUState *cpu, vaddr addr, int size, MMUAccessType type,
                   int mmu_idx, uintptr_t ra);
/* Guest physical address of the code at pc (for the TB key), -1 if it
 * cannot be fetched (the fault is raised when the block runs). */
hwaddr get_page_addr_code(CPUState *cpu, vaddr pc);

/* Drops every translation (breakpoints changed, ...). Safe from the main
 * loop and from helpers (deferred until every vCPU is back in its loop). */
void tb_flush(CPUState *cpu);

/* The virtual address of the TB being executed is invalid from now on
 * (self-modifying code detected by a helper). */
void tb_invalidate_phys_range(ram_addr_t start, ram_addr_t end);

#endif
