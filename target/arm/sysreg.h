/*
 * sysreg.h — the AArch64 system registers as a declarative table.
 *
 * Each register is one ARMSysReg row: its encoding (op0, op1, CRn, CRm,
 * op2), its name, where it lives (a field of CPUARMState, or read/write
 * functions), its reset value, and an access check that implements the
 * trap rules (EL0 access, traps to EL2 from HCR/CPTR/MDCR, ...). MRS/MSR
 * are translated by looking the encoding up at translate time: plain
 * fields become a direct load/store in generated code, anything with
 * functions or a dynamic access check calls a helper.
 */
#ifndef TURTLE_TARGET_ARM_SYSREG_H
#define TURTLE_TARGET_ARM_SYSREG_H

#include "target/arm/cpu.h"

/* The 16-bit key of an encoding: op0:2 op1:3 CRn:4 CRm:4 op2:3, i.e. the
 * MRS/MSR instruction bits [20:5] with op0 in its full 2-bit form. */
#define ARM_SYSREG_KEY(op0, op1, crn, crm, op2) \
    ((uint32_t)(((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2)))

typedef enum ARMSysRegAccess {
    SYSREG_ACCESS_OK,
    SYSREG_ACCESS_UNDEF,        /* UNDEFINED at this EL */
    SYSREG_ACCESS_TRAP_EL1,     /* trap to EL1 (e.g. EL0 access disabled) */
    SYSREG_ACCESS_TRAP_EL2,     /* trap to EL2 (HCR_EL2, CPTR_EL2, ...) */
    SYSREG_ACCESS_TRAP_EL3,
    SYSREG_ACCESS_TRAP_FP,      /* FP/SIMD disabled: FP trap syndrome */
} ARMSysRegAccess;

/* Row flags */
enum {
    SYSREG_EL0_R     = 1u << 0,     /* readable from EL0 */
    SYSREG_EL0_W     = 1u << 1,
    SYSREG_EL1       = 1u << 2,     /* minimum EL 1 */
    SYSREG_EL2       = 1u << 3,     /* minimum EL 2 */
    SYSREG_EL3       = 1u << 4,
    SYSREG_RO        = 1u << 5,     /* writes UNDEFINED */
    SYSREG_WO        = 1u << 6,
    SYSREG_NOP       = 1u << 7,     /* accepted, no effect (cache maintenance) */
    SYSREG_IO        = 1u << 8,     /* touches devices/timers: helper, ends TB */
    SYSREG_REBUILD   = 1u << 9,     /* write may change TB flags: end the TB */
    SYSREG_CONST     = 1u << 10,    /* value is the reset value, constant */
    SYSREG_INSN      = 1u << 11,    /* SYS instruction (TLBI, DC, IC, AT) */
    SYSREG_FP        = 1u << 12,    /* FPCR/FPSR: the FP access trap applies
                                     * (translator: if !TBFLAG_FPEN, raise
                                     * the FP trap instead) */
    SYSREG_ALIAS     = 1u << 13,    /* another row resets the same field */
    SYSREG_E2H       = 1u << 14,    /* an EL1 register that EL2 reaches
                                     * through its EL1 encoding when
                                     * HCR_EL2.E2H is 1: opaque is the
                                     * offset of the EL2 field */
};

/*
 * Rules of a row (checked when rows are registered, in debug builds):
 *   - a field (fieldoffset >= 0) is a uint64_t of CPUARMState;
 *   - a row with SYSREG_REBUILD has a write function (the write goes
 *     through helper_sysreg_write, which rebuilds the TB flags);
 *   - a row whose read has side effects (acknowledging an interrupt...)
 *     carries SYSREG_IO: "info registers" and gdb never read it;
 *   - rows are copied at registration: the pointer arm_sysreg_find()
 *     returns lives as long as the CPU (generated code may embed it);
 *   - registering a key twice replaces the earlier row (a later, more
 *     complete implementation overrides a placeholder).
 * The translator: static check, then a direct load/store of the field for
 * rows without access/read/write functions, SYSREG_IO or SYSREG_CONST
 * (a constant); otherwise a call to helper_sysreg_read/write.
 */

typedef struct ARMSysReg ARMSysReg;
struct ARMSysReg {
    const char *name;
    uint32_t key;
    uint32_t flags;
    ptrdiff_t fieldoffset;          /* in CPUARMState, or -1 */
    uint64_t resetvalue;
    ARMSysRegAccess (*access)(CPUARMState *env, const ARMSysReg *r, bool isread);
    uint64_t (*read)(CPUARMState *env, const ARMSysReg *r);
    void (*write)(CPUARMState *env, const ARMSysReg *r, uint64_t value);
    void (*reset)(CPUARMState *env, const ARMSysReg *r);
    uintptr_t opaque;               /* per-row data for shared functions */
};

/* The row for key in this CPU (NULL: UNDEFINED encoding). */
const ARMSysReg *arm_sysreg_find(ARMCPU *cpu, uint32_t key);
/* Static access check at translate time: EL and flag-based rules only;
 * rows with an access function return SYSREG_ACCESS_OK here and are
 * checked again at run time by the helpers. */
ARMSysRegAccess arm_sysreg_static_access(const ARMSysReg *r, int el, bool isread);
/* Registers a table (each CPU model, the GIC CPU interface, timers, PMU). */
void arm_sysreg_register(ARMCPU *cpu, const ARMSysReg *rows, size_t count);
void arm_sysreg_reset_all(ARMCPU *cpu);
/*
 * A function run at the realize of every arm64 CPU, after the CPU's own
 * rows, to register more rows (mmu.c: TLBI and AT; a device's CPU
 * interface). Call it from a constructor:
 *     static void __attribute__((constructor)) mmu_rows_init(void)
 *     { arm_sysreg_add_cpu_hook(arm_mmu_register_sysregs); }
 */
void arm_sysreg_add_cpu_hook(void (*fn)(ARMCPU *cpu));
/* Runs the hooks above for cpu (its realize does). */
void arm_sysreg_run_cpu_hooks(ARMCPU *cpu);
/* Frees the CPU's table (unrealize/finalize). */
void arm_sysreg_free(ARMCPU *cpu);
/* The full access check at run time: the static rules, then the row's
 * access function, then the FP trap of SYSREG_FP rows. */
ARMSysRegAccess arm_sysreg_access(CPUARMState *env, const ARMSysReg *r,
                                  bool isread);
/* Raises the exception that access result asks for (not OK), with the
 * MRS/MSR syndrome for traps and the unknown-reason one for UNDEFINED. */
G_NORETURN void arm_sysreg_raise(CPUARMState *env, ARMSysRegAccess acc,
                                 uint32_t syndrome, uintptr_t retaddr);
/* Reads/writes the row without any check (gdb, tests, other rows). */
/* Every row of the CPU, sorted by encoding (g_ptr_array_unref it). */
GPtrArray *arm_sysreg_list(ARMCPU *cpu);
uint64_t arm_sysreg_get(CPUARMState *env, const ARMSysReg *r);
void arm_sysreg_set(CPUARMState *env, const ARMSysReg *r, uint64_t value);
/* The row of that name (slow: for the monitor, gdb and tests). */
const ARMSysReg *arm_sysreg_find_by_name(ARMCPU *cpu, const char *name);
/* The uint64_t a row with a field reaches now: the EL2 field for a
 * SYSREG_E2H row accessed at EL2 with HCR_EL2.E2H set, else its own. */
uint64_t *arm_sysreg_field_ptr(CPUARMState *env, const ARMSysReg *r);
/* Generic read/write functions of a field row honouring SYSREG_E2H. */
uint64_t arm_sysreg_read_field(CPUARMState *env, const ARMSysReg *r);
void arm_sysreg_write_field(CPUARMState *env, const ARMSysReg *r, uint64_t v);
/* Checks for the dynamic access of SYS instructions (DC ZVA): raises like
 * helper_sysreg_write if the access is not allowed. */
void helper_sysreg_check(CPUARMState *env, const ARMSysReg *r,
                         uint32_t syndrome, uint32_t isread);
/* Run-time accessors used by MRS/MSR/SYS helpers (they check access and raise
 * the right exception with the MSR/MRS syndrome). */
uint64_t helper_sysreg_read(CPUARMState *env, const ARMSysReg *r, uint32_t syndrome);
void helper_sysreg_write(CPUARMState *env, const ARMSysReg *r, uint64_t value,
                         uint32_t syndrome);
/* "info registers" with CPU_DUMP_SYS prints every row with a value. */
void arm_sysreg_dump(ARMCPU *cpu, GString *out);

#endif
