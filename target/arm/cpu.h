/*
 * cpu.h — the arm64 CPU: architectural state (CPUARMState), the CPU object
 * (ARMCPU) with its ID registers and features, and the TB flags.
 *
 * State layout rules (the translator reads these fields directly from
 * generated code, so they are plain fields at fixed offsets):
 *   - xregs[0..30] are X0..X30; xregs[31] is the current stack pointer
 *     (SP_ELx selected by PSTATE.SP and the EL). The banked values live in
 *     sp_el[]; arm_sp_save()/arm_sp_restore() (internals.h) move the
 *     live value when the EL or SPSel changes.
 *   - NZCV is kept split for fast flag computation, in 64-bit fields so
 *     that a 64-bit result can be stored as it is:
 *       NF: bit 63 is N;  ZF: Z is set iff ZF == 0;
 *       CF: 0 or 1;       VF: bit 63 is V.
 *     Those four are valid only when cc_op is CC_OP_FLAGS; otherwise the
 *     flags are those of an operation on cc_a and cc_b that generated code
 *     did not evaluate (lazy flags, see ArmCCOp). arm_cc_compute() gives
 *     them in either form, arm_cc_materialize() brings env to CC_OP_FLAGS.
 *     pstate holds every other PSTATE bit in its SPSR position
 *     (pstate_read()/pstate_write_nzcv() assemble and split), except
 *     BTYPE, which generated code keeps in btype.
 *   - vregs[n] is the 128-bit V register n (Q/D/S/H/B views are its low
 *     bytes, little-endian), 16-byte aligned; SVE, when added, widens it.
 * System registers are named fields of `sys`, indexed by EL where the
 * architecture banks them (…_el[1] is the EL1 copy, [2] EL2, [3] EL3);
 * every field a system register row names is a uint64_t (sysreg.h).
 * A CPU reset clears everything before `features`, then the rows' reset
 * values are applied (target/arm/cpu.c).
 */
#ifndef TURTLE_TARGET_ARM_CPU_H
#define TURTLE_TARGET_ARM_CPU_H

#include "util/osdep.h"
#include "hw/core/cpu.h"
#include "exec/cpu-exec.h"

#define TYPE_ARM_CPU "arm-cpu"
#define ARM_CPU_TYPE_SUFFIX "-" TYPE_ARM_CPU
#define ARM_CPU_TYPE_NAME(model) model ARM_CPU_TYPE_SUFFIX

/* PSTATE bits in their SPSR_ELx positions (Arm ARM C5.2.18). */
#define PSTATE_SP   (1u << 0)       /* SPSel */
#define PSTATE_EL_SHIFT 2
#define PSTATE_EL   (3u << 2)
#define PSTATE_nRW  (1u << 4)       /* 0: AArch64 */
#define PSTATE_F    (1u << 6)
#define PSTATE_I    (1u << 7)
#define PSTATE_A    (1u << 8)
#define PSTATE_D    (1u << 9)
#define PSTATE_DAIF (PSTATE_D | PSTATE_A | PSTATE_I | PSTATE_F)
#define PSTATE_BTYPE (3u << 10)
#define PSTATE_SSBS (1u << 12)
#define PSTATE_ALLINT (1u << 13)
#define PSTATE_IL   (1u << 20)
#define PSTATE_SS   (1u << 21)
#define PSTATE_PAN  (1u << 22)
#define PSTATE_UAO  (1u << 23)
#define PSTATE_DIT  (1u << 24)
#define PSTATE_TCO  (1u << 25)
#define PSTATE_V    (1u << 28)
#define PSTATE_C    (1u << 29)
#define PSTATE_Z    (1u << 30)
#define PSTATE_N    (1u << 31)
#define PSTATE_NZCV (PSTATE_N | PSTATE_Z | PSTATE_C | PSTATE_V)

/* Architectural exception numbers (cpu->exception_index), Arm ARM D1.3. */
enum {
    EXCP_UDEF = 1,          /* undefined instruction */
    EXCP_SWI = 2,           /* SVC */
    EXCP_PREFETCH_ABORT = 3,
    EXCP_DATA_ABORT = 4,
    EXCP_IRQ = 5,
    EXCP_FIQ = 6,
    EXCP_BKPT = 7,
    EXCP_HVC = 11,
    EXCP_HYP_TRAP = 12,
    EXCP_SMC = 13,
    EXCP_VIRQ = 14,
    EXCP_VFIQ = 15,
    EXCP_SEMIHOST = 16,
    EXCP_UNALIGNED = 22,
    EXCP_VSERR = 24,
    EXCP_GPC = 25,
    EXCP_SERROR = 26,       /* physical SError interrupt */
};

typedef struct ARMVReg {
    uint64_t d[2];          /* d[0] = low 64 bits */
} __attribute__((aligned(16))) ARMVReg;

/* A generic timer (Arm ARM D11): physical, virtual, EL2 physical/virtual,
 * secure physical. */
enum {
    GTIMER_PHYS = 0,
    GTIMER_VIRT = 1,
    GTIMER_HYP = 2,
    GTIMER_SEC = 3,
    GTIMER_HYPVIRT = 4,
    GTIMER_COUNT = 5,
};

typedef struct ARMGenericTimer {
    uint64_t cval;
    uint64_t ctl;
} ARMGenericTimer;

/*
 * How NZCV is represented (env->cc_op). 0 is CC_OP_FLAGS so that a
 * zeroed state is valid.
 */
typedef enum ArmCCOp {
    CC_OP_FLAGS = 0,    /* NF, ZF, CF, VF hold the flags */
    CC_OP_SUB64,        /* flags of SUBS cc_a - cc_b (64 bits) */
    CC_OP_SUB32,        /* the same on the low 32 bits of cc_a, cc_b */
    CC_OP_ADD64,        /* flags of ADDS cc_a + cc_b (64 bits) */
    CC_OP_ADD32,        /* the same on the low 32 bits */
    CC_OP_LOGIC,        /* N, Z of the result cc_a (sign-extended if 32
                         * bits); C = V = 0 */
} ArmCCOp;

typedef struct CPUARMState {
    /* ---- Read and written by generated code ---- */
    uint64_t xregs[32];
    uint64_t pc;
    uint64_t NF, ZF, CF, VF;        /* NZCV, split (see above) */
    uint64_t cc_a, cc_b;            /* operands of a lazy cc_op */
    uint32_t cc_op;                 /* ArmCCOp: how NZCV is held */
    uint32_t pstate;                /* PSTATE without NZCV */
    uint32_t btype;                 /* PSTATE.BTYPE of the next insn */

    /* Exclusive monitor (LDXR/STXR), Arm ARM B2.9: address -1 = open. */
    uint64_t exclusive_addr;
    uint64_t exclusive_val;
    uint64_t exclusive_high;

    ARMVReg vregs[32];
    uint32_t fpcr;
    uint32_t fpsr;                  /* cumulative exception flags, QC */

    /* ---- Banked by exception level ---- */
    uint64_t sp_el[4];
    uint64_t elr_el[4];
    uint64_t spsr_el[4];

    /* ---- System registers (arm-cpu code extends this as needed) ---- */
    struct {
        uint64_t sctlr_el[4];
        uint64_t tcr_el[4];
        uint64_t ttbr0_el[4];
        uint64_t ttbr1_el[4];
        uint64_t mair_el[4];
        uint64_t amair_el[4];
        uint64_t vbar_el[4];
        uint64_t esr_el[4];
        uint64_t far_el[4];
        uint64_t afsr0_el[4];
        uint64_t afsr1_el[4];
        uint64_t tpidr_el[4];       /* [0] = TPIDR_EL0 */
        uint64_t tpidrro_el0;
        uint64_t contextidr_el[4];
        uint64_t cpacr_el1;
        uint64_t par_el1;
        uint64_t mdscr_el1;
        uint64_t oslsr_el1;
        uint64_t cntkctl_el1;
        uint64_t cntfrq_el0;
        uint64_t cntvoff_el2;
        uint64_t cnthctl_el2;
        uint64_t hcr_el2;
        uint64_t cptr_el[4];
        uint64_t mdcr_el2;
        uint64_t hstr_el2;
        uint64_t vttbr_el2;
        uint64_t vtcr_el2;
        uint64_t hpfar_el2;
        uint64_t vpidr_el2;
        uint64_t vmpidr_el2;
        uint64_t scr_el3;
        uint64_t tfsr_el[4];
        uint64_t disr_el1;
        uint64_t pmcr_el0;
        ARMGenericTimer gt[GTIMER_COUNT];

        /* ---- added by the CPU model (target/arm/sysreg-regs.c) ---- */
        uint64_t actlr_el[4];
        uint64_t csselr_el1;
        uint64_t hacr_el2;
        uint64_t mdcr_el3;
        uint64_t vsesr_el2;
        /* Debug (Arm ARM D2): stored so that reads return what was
         * written; breakpoints and watchpoints have no effect yet. */
        uint64_t osdlr_el1;
        uint64_t oseccr_el1;
        uint64_t mdccint_el1;
        uint64_t dbgclaim;
        uint64_t dbgbvr[16], dbgbcr[16];
        uint64_t dbgwvr[16], dbgwcr[16];
        /* PMUv3 with the cycle counter only (no event counters). */
        uint64_t pmcntenset;        /* bit 31: cycle counter enabled */
        uint64_t pmovsset;
        uint64_t pmintenset;
        uint64_t pmuserenr_el0;
        uint64_t pmselr_el0;
        uint64_t pmccfiltr_el0;
        uint64_t pmccntr_el0;       /* value at pmccntr_ns (while counting) */
        int64_t pmccntr_ns;         /* CLOCK_VIRTUAL time of that value */
    } sys;

    /* Data-abort ISS template (ISV, SAS, SSE, SRT, SF, AR) of the
     * instruction whose state was restored last: restore_state_to_opc
     * stores its data[1] here for the MMU fault code. */
    uint32_t insn_iss;

    /* The exception being raised: written by arm_raise_exception() and the
     * MMU, consumed by arm_cpu_do_interrupt(). */
    struct {
        uint32_t syndrome;          /* ESR_ELx value */
        uint32_t target_el;
        uint64_t vaddress;          /* FAR_ELx, for aborts and watchpoints */
        bool far_valid;
        uint64_t ipa;               /* HPFAR_EL2 value (stage-2 faults) */
        bool ipa_valid;
    } exception;

    /* The TB flags of the current state (internals.h TBFLAG_*), recomputed
     * by arm_rebuild_hflags() after every change they depend on. */
    uint32_t hflags;

    /* ---- Not cleared by reset: everything below ---- */

    /* Features and ID registers: a copy of the ARMCPU's, for helpers. */
    uint64_t features;

    /* The GICv3 CPU interface this CPU talks to (hw/intc), or NULL. */
    void *gicv3_cpuif;
} CPUARMState;

typedef struct ARMISARegisters {
    uint64_t midr;
    uint64_t revidr;
    uint64_t mpidr;
    uint64_t ctr;
    uint64_t dczid;
    uint64_t clidr;
    uint64_t id_aa64pfr0, id_aa64pfr1;
    uint64_t id_aa64dfr0, id_aa64dfr1;
    uint64_t id_aa64isar0, id_aa64isar1, id_aa64isar2;
    uint64_t id_aa64mmfr0, id_aa64mmfr1, id_aa64mmfr2;
    uint64_t id_aa64zfr0, id_aa64smfr0;
    uint64_t ccsidr[16];
} ARMISARegisters;

/* PSCI conduit (property "psci-conduit"): which instruction, if any, is
 * answered by the emulated firmware (target/arm/psci.c). */
typedef enum ARMPSCIConduit {
    ARM_PSCI_CONDUIT_NONE,
    ARM_PSCI_CONDUIT_SMC,
    ARM_PSCI_CONDUIT_HVC,
} ARMPSCIConduit;

/* PSCI power state of a CPU (AFFINITY_INFO values). */
typedef enum ARMPowerState {
    ARM_POWER_ON = 0,
    ARM_POWER_OFF = 1,
    ARM_POWER_ON_PENDING = 2,
} ARMPowerState;

typedef struct ARMCPU ARMCPU;

/* The opaque of one generic timer's callback. */
typedef struct ARMGenericTimerCtx {
    ARMCPU *cpu;
    int idx;                        /* GTIMER_* */
} ARMGenericTimerCtx;

struct ARMCPU {
    CPUState parent_obj;
    CPUARMState env;
    /* ID registers: filled by the model at instance_init, adjusted at
     * realize (EL2/EL3 fields, MPIDR); the ID register rows are built from
     * them at realize, so later changes are not seen by the guest. */
    ARMISARegisters isar;
    /* Timers (target/arm/gtimer.c), on CLOCK_VIRTUAL */
    struct Timer *gt_timer[GTIMER_COUNT];
    IRQLine *gt_timer_outputs[GTIMER_COUNT];   /* to the interrupt controller */
    ARMGenericTimerCtx gt_ctx[GTIMER_COUNT];
    uint64_t gt_freq_hz;            /* counter frequency (CNTFRQ reset value) */
    /* System registers (target/arm/sysreg.c): key -> ARMSysReg * */
    GHashTable *sysregs;
    GPtrArray *sysreg_blocks;       /* the per-CPU copies of the rows */
    /* PSCI (target/arm/psci.c) */
    ARMPSCIConduit psci_conduit;
    ARMPowerState power_state;
    /* Properties */
    bool start_powered_off;
    bool has_el2;
    bool has_el3;
    char *psci_conduit_str;         /* "smc", "hvc", "none" (NULL = none) */
    uint64_t reset_pc;              /* set by the boot loader */
    uint64_t reset_x0;              /* DTB address for Linux */
    bool reset_is_linux;            /* start at EL2 (or EL1) as Linux wants */
};

/* A CPU model (target/arm/cpu-models.c): one subclass of TYPE_ARM_CPU per
 * model, whose class_data is the model's ARMCPUModel. */
typedef struct ARMCPUModel {
    const char *name;               /* "cortex-a57" */
    const char *description;
    void (*init)(ARMCPU *cpu);      /* fills cpu->isar and gt_freq_hz */
} ARMCPUModel;

typedef struct ARMCPUClass {
    CPUClass parent_class;
    const ARMCPUModel *model;
} ARMCPUClass;

#define ARM_CPU(obj) OBJECT_CHECK(ARMCPU, (obj), TYPE_ARM_CPU)
#define ARM_CPU_CLASS(oc) OBJECT_CLASS_CHECK(ARMCPUClass, (oc), TYPE_ARM_CPU)
#define ARM_CPU_GET_CLASS(obj) OBJECT_GET_CLASS(ARMCPUClass, (obj), TYPE_ARM_CPU)

/* Inputs of the CPU (qdev GPIO in, in this order): the physical and
 * virtual interrupt lines. A GIC may instead call cpu_interrupt() /
 * cpu_reset_interrupt() with CPU_INTERRUPT_HARD/FIQ/VIRQ/VFIQ directly. */
enum {
    ARM_CPU_IRQ = 0,
    ARM_CPU_FIQ = 1,
    ARM_CPU_VIRQ = 2,
    ARM_CPU_VFIQ = 3,
    ARM_CPU_NUM_INPUTS,
};

static inline ARMCPU *env_archcpu(CPUARMState *env)
{
    return container_of(env, ARMCPU, env);
}

static inline CPUState *env_cpu(CPUARMState *env)
{
    return &env_archcpu(env)->parent_obj;
}

static inline int arm_current_el(const CPUARMState *env)
{
    return (env->pstate & PSTATE_EL) >> PSTATE_EL_SHIFT;
}

/* The split flags f[0..3] = NF, ZF, CF, VF that env's lazy state stands
 * for (whatever cc_op is). */
static inline void arm_cc_compute(const CPUARMState *env, uint64_t f[4])
{
    uint64_t a = env->cc_a, b = env->cc_b, r;
    uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b, r32;

    switch (env->cc_op) {
    case CC_OP_SUB64:
        r = a - b;
        f[0] = f[1] = r;
        f[2] = a >= b;
        f[3] = (r ^ a) & (a ^ b);
        return;
    case CC_OP_SUB32:
        r32 = a32 - b32;
        f[0] = (uint64_t)(int64_t)(int32_t)r32;
        f[1] = r32;
        f[2] = a32 >= b32;
        f[3] = (uint64_t)(int64_t)(int32_t)((r32 ^ a32) & (a32 ^ b32));
        return;
    case CC_OP_ADD64:
        r = a + b;
        f[0] = f[1] = r;
        f[2] = r < a;
        f[3] = (r ^ a) & ~(a ^ b);
        return;
    case CC_OP_ADD32:
        r32 = a32 + b32;
        f[0] = (uint64_t)(int64_t)(int32_t)r32;
        f[1] = r32;
        f[2] = r32 < a32;
        f[3] = (uint64_t)(int64_t)(int32_t)((r32 ^ a32) & ~(a32 ^ b32));
        return;
    case CC_OP_LOGIC:
        f[0] = f[1] = a;
        f[2] = f[3] = 0;
        return;
    default:
        f[0] = env->NF;
        f[1] = env->ZF;
        f[2] = env->CF;
        f[3] = env->VF;
        return;
    }
}

/* Evaluates lazy flags into NF, ZF, CF, VF; cc_op becomes CC_OP_FLAGS. */
static inline void arm_cc_materialize(CPUARMState *env)
{
    uint64_t f[4];

    if (env->cc_op == CC_OP_FLAGS) {
        return;
    }
    arm_cc_compute(env, f);
    env->NF = f[0];
    env->ZF = f[1];
    env->CF = f[2];
    env->VF = f[3];
    env->cc_op = CC_OP_FLAGS;
}

/* PSTATE as SPSR would save it (NZCV included), and back. */
static inline uint32_t pstate_read(const CPUARMState *env)
{
    uint64_t f[4];
    uint32_t nzcv;

    arm_cc_compute(env, f);
    nzcv = ((f[0] >> 63) ? PSTATE_N : 0) |
           (f[1] == 0 ? PSTATE_Z : 0) |
           (f[2] ? PSTATE_C : 0) |
           ((f[3] >> 63) ? PSTATE_V : 0);
    return (env->pstate & ~PSTATE_NZCV) | nzcv;
}

static inline void pstate_write_nzcv(CPUARMState *env, uint32_t val)
{
    env->NF = (uint64_t)(val & PSTATE_N) << 32;
    env->ZF = (~val) & PSTATE_Z;
    env->CF = (val & PSTATE_C) ? 1 : 0;
    env->VF = (uint64_t)(val & PSTATE_V) << 35;
    env->cc_op = CC_OP_FLAGS;
}

#endif
