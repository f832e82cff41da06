/*
 * sys-support.h — what the system-architecture guest tests (test-exc,
 * test-mmu, test-gic, test-psci, test-excl, test-wfe) add to the bare-metal
 * framework of test.h: a second vector table that also takes IRQs and lets
 * a test claim synchronous exceptions first, secondary CPUs started through
 * PSCI CPU_ON, the generic counter as a clock for timeouts, and a shared
 * identity mapping (Normal memory for RAM) for the SMP tests, whose
 * exclusives and events need cacheable shareable memory (Arm ARM B2.9).
 *
 * Everything here is additive: the framework's vectors, exc_handler() and
 * run_at_el0() keep working; sys_install_vectors() routes synchronous
 * exceptions to exc_handler() unless the sync hook claims them.
 */
#ifndef TURTLE_GUEST_AARCH64_SYS_SUPPORT_H
#define TURTLE_GUEST_AARCH64_SYS_SUPPORT_H

#include "test.h"

/* ESR_ELx fields (Arm ARM D17.2.37). */
#define ESR_EC(esr)     (((esr) >> 26) & 0x3f)
#define ESR_IL          (1ul << 25)
#define ESR_ISS(esr)    ((esr) & 0x1ffffff)
#define ESR_xFSC(esr)   ((esr) & 0x3f)
#define ESR_WNR         (1ul << 6)
#define ESR_FNV         (1ul << 10)

#define EC_UNKNOWN      0x00ul
#define EC_WFX          0x01ul
#define EC_FP           0x07ul
#define EC_ILLEGAL      0x0eul
#define EC_SVC          0x15ul
#define EC_HVC          0x16ul
#define EC_SYSREG       0x18ul
#define EC_IABT_LOWER   0x20ul
#define EC_IABT_SAME    0x21ul
#define EC_PC_ALIGN     0x22ul
#define EC_DABT_LOWER   0x24ul
#define EC_DABT_SAME    0x25ul
#define EC_SP_ALIGN     0x26ul
#define EC_BRK          0x3cul

/* Fault status codes: level is added to the translation, access flag and
 * permission codes. */
#define FSC_TRANSLATION(l)  (0x04 + (l))
#define FSC_ACCESS(l)       (0x08 + (l))
#define FSC_PERMISSION(l)   (0x0c + (l))
#define FSC_SYNC_EXTERNAL   0x10

/* Vector offsets (the 'type' the handlers get). */
#define VEC_CUR_SP0_SYNC    0x000
#define VEC_CUR_SPX_SYNC    0x200
#define VEC_CUR_SPX_IRQ     0x280
#define VEC_LOWER_SYNC      0x400
#define VEC_LOWER_IRQ       0x480

/* PSCI 1.0 function IDs (DEN 0022) and return codes. */
#define PSCI_VERSION            0x84000000ul
#define PSCI_CPU_SUSPEND64      0xc4000001ul
#define PSCI_CPU_OFF            0x84000002ul
#define PSCI_CPU_ON64           0xc4000003ul
#define PSCI_AFFINITY_INFO64    0xc4000004ul
#define PSCI_MIGRATE_INFO_TYPE  0x84000006ul
#define PSCI_SYSTEM_OFF         0x84000008ul
#define PSCI_SYSTEM_RESET       0x84000009ul
#define PSCI_FEATURES           0x8400000aul
#define SMCCC_VERSION           0x80000000ul
#define PSCI_SUCCESS            0
#define PSCI_NOT_SUPPORTED      ((u64)-1)
#define PSCI_INVALID_PARAMS     ((u64)-2)
#define PSCI_DENIED             ((u64)-3)
#define PSCI_ALREADY_ON         ((u64)-4)
#define PSCI_ON_PENDING         ((u64)-5)
#define PSCI_AFF_ON             0
#define PSCI_AFF_OFF            1

/* The frame-level handler of lib.c, reused for synchronous exceptions. */
void exc_handler(u64 type, ExcFrame *f);

/*
 * IRQ/FIQ/SError vectors call sys_irq_hook (a FAIL and exit when unset);
 * synchronous ones call sys_sync_hook first and exc_handler() when it is
 * unset or returns 0. Hooks run at EL1 on SP_EL1 with DAIF masked.
 */
typedef void (*SysIrqHook)(u64 type, ExcFrame *f);
typedef int (*SysSyncHook)(u64 type, ExcFrame *f);
extern volatile SysIrqHook sys_irq_hook;
extern volatile SysSyncHook sys_sync_hook;
extern char sys_vectors[];
void sys_install_vectors(void);

/* A record hooks can fill (last_exc is exc_handler's). */
typedef struct SysExcRecord {
    int count;
    u64 type, esr, far, elr, spsr;
    u64 extra;          /* whatever the hook wants to report */
} SysExcRecord;
extern volatile SysExcRecord sys_exc;
void sys_record(u64 type, ExcFrame *f);

/* Generic counter (CNTVCT_EL0, read after an ISB) and timeouts. */
u64 sys_counter(void);
u64 sys_deadline_ms(u64 ms);
int sys_expired(u64 deadline);

/*
 * Secondary CPUs. sys_cpu_on() powers on the CPU whose MPIDR affinity is
 * mpidr (Aff0 = index < SYS_MAX_CPUS on the virt board) at
 * sys_secondary_entry with its own stack; it runs fn(arg) at EL1 with the
 * sys vectors, then calls PSCI CPU_OFF. Returns the CPU_ON status.
 * sys_cpu_boot[i] also holds what the entry observed before any of its own
 * code changed it: x0 (the context id), CurrentEL, DAIF, SCTLR_EL1, SPSel.
 */
#define SYS_MAX_CPUS 4
typedef struct SysCpuBoot {
    u64 sp;             /* 0 */
    u64 fn;             /* 8 */
    u64 arg;            /* 16 */
    u64 entry_x0;       /* 24 */
    u64 entry_currentel;/* 32 */
    u64 entry_daif;     /* 40 */
    u64 entry_sctlr;    /* 48 */
    u64 entry_spsel;    /* 56 */
} SysCpuBoot;
extern SysCpuBoot sys_cpu_boot[SYS_MAX_CPUS];
extern char sys_secondary_entry[];
u64 sys_cpu_on(u64 mpidr, void (*fn)(u64), u64 arg);
u64 sys_cpu_on_raw(u64 mpidr, u64 entry, u64 context_id);
unsigned sys_cpu_index(void);   /* MPIDR_EL1.Aff0 */

/*
 * The identity map of the SMP tests (4K granule, 1 GiB blocks): [0, 1 GiB)
 * Device-nGnRnE execute-never, [1 GiB, 2 GiB) Normal write-back
 * inner shareable. sys_mmu_identity_on() builds it on first use and turns
 * the MMU on for the calling CPU; each CPU calls it.
 */
void sys_mmu_identity_on(void);
void sys_mmu_off(void);

#define ISB() __asm__ volatile("isb" ::: "memory")
#define DSB_SY() __asm__ volatile("dsb sy" ::: "memory")

#endif
