/*
 * cpu.h — the architecture-independent part of a virtual CPU.
 *
 * Each target embeds CPUState at the start of its CPU object (ARMCPU,
 * X86CPU, S390CPU) next to its architectural state (env), and fills a
 * CPUClass with the hooks the rest of Turtle calls: the monitor (dump_state),
 * the gdbstub (registers), the debugger's memory access (get_phys_page_debug)
 * and the execution engine (the TCG hooks in accel/tcg).
 */
#ifndef TURTLE_HW_CORE_CPU_H
#define TURTLE_HW_CORE_CPU_H

#include <setjmp.h>
#include "hw/qdev.h"
#include "exec/memory.h"
#include "exec/tlb-common.h"

#define TYPE_CPU "cpu"

/* interrupt_request bits: level-sensitive inputs latched by the CPU. */
enum {
    CPU_INTERRUPT_HARD    = 1u << 0,    /* IRQ line */
    CPU_INTERRUPT_FIQ     = 1u << 1,
    CPU_INTERRUPT_VIRQ    = 1u << 2,    /* virtual IRQ from a hypervisor */
    CPU_INTERRUPT_VFIQ    = 1u << 3,
    CPU_INTERRUPT_SERROR  = 1u << 4,
    CPU_INTERRUPT_VSERROR = 1u << 5,
    CPU_INTERRUPT_NMI     = 1u << 6,
    CPU_INTERRUPT_SMI     = 1u << 7,
    CPU_INTERRUPT_INIT    = 1u << 8,
    CPU_INTERRUPT_SIPI    = 1u << 9,
    CPU_INTERRUPT_EXITTB  = 1u << 10,   /* leave generated code, re-check state */
    CPU_INTERRUPT_TGT_0   = 1u << 16,   /* first target-specific bit */
};

/* dump_state flags */
enum {
    CPU_DUMP_FPU  = 1u << 0,    /* include FP/SIMD registers */
    CPU_DUMP_SYS  = 1u << 1,    /* include system registers */
};

typedef struct CPUState CPUState;
typedef struct TCGCPUOps TCGCPUOps;     /* accel/tcg hooks, in exec/cpu-exec.h */

typedef struct CPUClass {
    DeviceClass parent_class;
    const char *arch_name;              /* "aarch64", "x86_64", "s390x" */
    /* Host-side state summary for "info registers" and -d cpu. */
    void (*dump_state)(CPUState *cpu, GString *out, unsigned flags);
    vaddr (*get_pc)(CPUState *cpu);
    void (*set_pc)(CPUState *cpu, vaddr pc);
    /* True if the CPU would leave its low-power state (WFI, HLT) now. */
    bool (*has_work)(CPUState *cpu);
    /* Debugger translation of a virtual address in the current regime;
     * -1 (HWADDR_MAX) if unmapped. No side effects, no faults. */
    hwaddr (*get_phys_page_debug)(CPUState *cpu, vaddr addr);
    /* Capstone arch/mode for guest disassembly in the current state. */
    void (*disas_config)(CPUState *cpu, int *cs_arch, int *cs_mode);
    /* GDB remote protocol */
    const char *gdb_arch_name;          /* "aarch64" */
    const char *gdb_core_xml;           /* target description file name */
    /* More description files (FP/SIMD, system registers), NULL-terminated,
     * included after the core one in the generated target.xml. */
    const char *const *gdb_xml_files;
    /* The contents of a description file named above, or NULL. */
    const char *(*gdb_get_xml)(const char *name);
    int gdb_num_core_regs;
    /* If set, the register count of this CPU (overrides the field above,
     * for descriptions built at run time such as system registers). */
    int (*gdb_num_regs)(CPUState *cpu);
    int (*gdb_read_register)(CPUState *cpu, GByteArray *buf, int reg);
    int (*gdb_write_register)(CPUState *cpu, const uint8_t *buf, int reg);
    /* The execution engine's hooks */
    const TCGCPUOps *tcg_ops;
} CPUClass;

struct CPUState {
    DeviceState parent_obj;
    int cpu_index;
    uint64_t mp_affinity;               /* architectural id (MPIDR, APIC id...) */
    AddressSpace *as;                   /* what the CPU's physical accesses see */
    void *env_ptr;                      /* the target's architectural state */

    bool halted;                        /* in WFI/HLT until has_work() */
    bool stopped;                       /* powered off (PSCI CPU_OFF, not yet on) */
    bool stop_request;                  /* leave the run loop at the next chance */
    uint32_t interrupt_request;         /* CPU_INTERRUPT_* */
    /* Checked by generated code at each block entry: non-zero -> leave. */
    volatile int32_t exit_request;
    /* Set with exit_request when the time slice is over (the slice timer):
     * the CPU loop then returns even if it also took an interrupt. */
    volatile int32_t end_slice_request;

    int exception_index;                /* pending exception, -1 for none */
    sigjmp_buf jmp_env;                 /* unwind target of the CPU loop */
    bool can_do_io;

    uint64_t insns_executed;            /* counted under -icount only */
    uint64_t slices_run;                /* vcpu_exec calls that could run */
    bool singlestep;                    /* one instruction per block (gdb) */
    GArray *breakpoints;                /* vaddr */
    GArray *watchpoints;                /* CPUWatchpoint, see exec/gdbstub.h */

    void *accel;                        /* the execution engine's per-CPU data */

    /* The fast-path TLB descriptors read by generated code, one per MMU
     * index (accel/tcg/cputlb.c owns them; at most 16 indexes). Generated
     * code reaches them at a fixed offset from env_ptr. */
    CPUTLBDescFast tlb_fast[16];
};

#define CPU(obj) OBJECT_CHECK(CPUState, (obj), TYPE_CPU)
#define CPU_CLASS(oc) OBJECT_CLASS_CHECK(CPUClass, (oc), TYPE_CPU)
#define CPU_GET_CLASS(obj) OBJECT_GET_CLASS(CPUClass, (obj), TYPE_CPU)

/* All CPUs of the machine, in cpu_index order. */
extern GPtrArray *cpu_list;
#define CPU_FOREACH(cpu) \
    for (guint _i = 0; cpu_list && _i < cpu_list->len && \
         ((cpu) = g_ptr_array_index(cpu_list, _i), 1); _i++)
CPUState *cpu_by_index(int index);
int cpu_count(void);

/* Adds the CPU to cpu_list and gives it its index (called at realize). */
void cpu_list_add(CPUState *cpu);
void cpu_list_remove(CPUState *cpu);

/* Latches an interrupt request and kicks the CPU out of generated code. */
void cpu_interrupt(CPUState *cpu, uint32_t mask);
void cpu_reset_interrupt(CPUState *cpu, uint32_t mask);
/* Asks the CPU to leave generated code at the next block boundary. */
void cpu_exit(CPUState *cpu);
/* Debugger/monitor memory access through the CPU's current translation. */
bool cpu_memory_rw_debug(CPUState *cpu, vaddr addr, void *buf, size_t len,
                         bool is_write);
/* The capstone disassembly of len bytes of guest code at addr (virtual). */
void cpu_disas(CPUState *cpu, GString *out, vaddr addr, size_t len_or_count,
               bool count_insns);

#endif
