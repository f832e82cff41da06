/*
 * arm_gicv3_internal.h — the state of the GICv3 model and what its files
 * (common, dist, redist, cpuif, sysreg) share. Not for boards: they use
 * include/hw/intc/arm_gicv3.h.
 *
 * Shape of the model (Arm IHI 0069, chapter 2 "Distribution and routing"):
 *
 *   GICv3State          the distributor: SPI state (INTIDs 32..num_irq-1),
 *                       GICD_CTLR, affinity routing (IROUTER)
 *     cpu[n]: GICv3CPUState, one per PE, holding
 *       - the redistributor: SGI/PPI state (INTIDs 0..31), WAKER, the LPI
 *         table bases (PROPBASER/PENDBASER) and, for GICv4, the resident vPE
 *         (VPROPBASER/VPENDBASER);
 *       - the physical CPU interface (ICC_* registers);
 *       - the virtual CPU interface (ICH_* registers, seen by a guest as
 *         ICV_*), for a hypervisor at EL2 (arm_gicv3_vcpuif.c);
 *       - the cached highest-priority pending interrupt (hppi) and the
 *         interrupt lines last signalled to the CPU.
 *
 * Single security state: GICD_CTLR.DS is 1 and fixed, as on a machine
 * without EL3. Interrupt groups are then Group 0 (signalled as FIQ) and
 * Group 1 (signalled as IRQ); GICD_IGRPMODR and GICR_IGRPMODR0 are RAZ/WI.
 * Affinity routing is always on (GICD_CTLR.ARE RAO/WI): no GICv2 legacy
 * mode, so GICD_ITARGETSR/SGIR are RAZ/WI.
 *
 * Priorities: 5 bits (32 levels), as ICC_CTLR_EL1.PRIbits says, so only
 * ICC_AP0R0/AP1R0 exist and one APR bit stands for each group priority.
 *
 * Highest pending interrupt: each CPU keeps hppi, the best candidate among
 * its SGIs/PPIs, the SPIs routed to it and (with the ITS) its LPIs. A
 * state change of one interrupt updates it incrementally (a better
 * candidate replaces it); only when the current hppi itself stops being a
 * candidate is the CPU's set rescanned, through the bitmap words of
 * pending & enabled & !active, so a full rescan costs 33 word tests plus
 * the bits that are actually pending. Register reads (IAR, HPPIR) use the
 * cached value.
 */
#ifndef TURTLE_HW_INTC_ARM_GICV3_INTERNAL_H
#define TURTLE_HW_INTC_ARM_GICV3_INTERNAL_H

#include "util/osdep.h"
#include "hw/intc/arm_gicv3.h"

#define GICV3_MAXIRQ        1024    /* INTIDs 0..1019 plus special 1020-1023 */
#define GICV3_WORDS         (GICV3_MAXIRQ / 32)
#define GICV3_INTERNAL      32      /* SGIs 0-15 + PPIs 16-31 per CPU */
#define GICV3_MAX_CPUS      512
#define GICV3_SPURIOUS      1023
#define GICV3_LPI_INTID_START 8192
#define GICV3_IDBITS        16      /* ICC_CTLR_EL1.IDbits 0: 16-bit INTIDs */

/* Priority: 5 implemented bits, [7:3] */
#define GICV3_PRIBITS       5
#define GICV3_PRIO_MASK     0xf8
#define GICV3_PRIO_IDLE     0xff    /* "nothing": no pending, no running */
#define GICV3_BPR0_MIN      (7 - GICV3_PRIBITS)          /* 2 */
#define GICV3_BPR1_MIN      (GICV3_BPR0_MIN + 1)         /* 3 */
#define GICV3_NUM_APR       1       /* ICC_AP0R0/AP1R0 only (32 levels) */

/* List registers of the virtual interface (ICH_VTR_EL2.ListRegs + 1). */
#define GICV3_NUM_LRS       16

/* Interrupt groups in a single security state */
enum {
    GICV3_G0 = 0,
    GICV3_G1 = 1,
};

/* SGI generation registers (ICC_SGI0R/SGI1R/ASGI1R) */
typedef enum GICv3SGIKind {
    GICV3_SGI0R,
    GICV3_SGI1R,
    GICV3_ASGI1R,
} GICv3SGIKind;

/* spi_target values besides a CPU index */
#define GICV3_TARGET_NONE   (-1)    /* IROUTER names no existing PE */
#define GICV3_TARGET_ANY    (-2)    /* IROUTER.IRM = 1: 1 of N */

/* GICD_CTLR (single security state view, IHI 0069 12.9.4) */
#define GICD_CTLR_EN_GRP0   (1u << 0)
#define GICD_CTLR_EN_GRP1   (1u << 1)
#define GICD_CTLR_ARE       (1u << 4)
#define GICD_CTLR_DS        (1u << 6)
#define GICD_CTLR_E1NWF     (1u << 7)
#define GICD_CTLR_RWP       (1u << 31)

/* GICR_WAKER (12.11.40) */
#define GICR_WAKER_PS       (1u << 1)   /* ProcessorSleep */
#define GICR_WAKER_CA       (1u << 2)   /* ChildrenAsleep */

/* GICR_CTLR (12.11.2) */
#define GICR_CTLR_ENABLE_LPIS (1u << 0)

/* ICC_CTLR_EL1 (12.2.6) */
#define ICC_CTLR_CBPR       (1u << 0)
#define ICC_CTLR_EOIMODE    (1u << 1)
#define ICC_CTLR_PMHE       (1u << 6)
#define ICC_CTLR_PRIBITS_SHIFT 8
#define ICC_CTLR_IDBITS_SHIFT 11
#define ICC_CTLR_SEIS       (1u << 14)
#define ICC_CTLR_A3V        (1u << 15)
#define ICC_CTLR_RSS        (1u << 18)

/* ICC_SGI*R_EL1 fields (12.2.21) */
#define ICC_SGIR_TARGETLIST(v)  ((v) & 0xffff)
#define ICC_SGIR_AFF1(v)        (((v) >> 16) & 0xff)
#define ICC_SGIR_INTID(v)       (((v) >> 24) & 0xf)
#define ICC_SGIR_AFF2(v)        (((v) >> 32) & 0xff)
#define ICC_SGIR_IRM            (1ull << 40)
#define ICC_SGIR_RS(v)          (((v) >> 44) & 0xf)
#define ICC_SGIR_AFF3(v)        (((v) >> 48) & 0xff)

/* ICH_HCR_EL2 (12.4.5), ICH_LR<n>_EL2 (12.4.7): virtual interface */
#define ICH_HCR_EN          (1ull << 0)
#define ICH_HCR_TC          (1ull << 10)
#define ICH_HCR_TALL0       (1ull << 11)
#define ICH_HCR_TALL1       (1ull << 12)
#define ICH_HCR_TDIR        (1ull << 14)
#define ICH_LR_VINTID_MASK  0xffffffffull
#define ICH_LR_PINTID_SHIFT 32
#define ICH_LR_PRIORITY_SHIFT 48
#define ICH_LR_GROUP        (1ull << 60)
#define ICH_LR_HW           (1ull << 61)
#define ICH_LR_STATE_SHIFT  62          /* 0 invalid, 1 pending, 2 active, 3 both */

/* A candidate interrupt for a CPU: intid GICV3_SPURIOUS = none. */
typedef struct GICv3Pending {
    uint32_t intid;
    uint8_t prio;
    uint8_t group;
} GICv3Pending;

typedef struct GICv3State GICv3State;

typedef struct GICv3CPUState {
    GICv3State *gic;
    CPUState *cpu;                  /* NULL until the board connects one */
    int index;                      /* processor number (GICR_TYPER) */
    uint32_t affinity;              /* Aff3:Aff2:Aff1:Aff0, as GICR_TYPER[63:32] */

    /* ---- Redistributor, RD_base frame ---- */
    uint32_t gicr_ctlr;
    uint32_t gicr_waker;
    uint64_t gicr_propbaser;        /* LPI configuration table (ITS work) */
    uint64_t gicr_pendbaser;        /* LPI pending table (ITS work) */

    /* ---- Redistributor, SGI_base frame: INTIDs 0..31, one bit each ---- */
    uint32_t gicr_igroupr0;
    uint32_t gicr_ienabler0;
    uint32_t gicr_ipendr0;          /* latched pending (edge, ISPENDR, SGIs) */
    uint32_t gicr_iactiver0;
    uint32_t edge_trigger;          /* 1 = edge (SGIs always) */
    uint32_t level;                 /* PPI input line levels */
    uint8_t gicr_ipriorityr[GICV3_INTERNAL];

    /* ---- GICv4: the resident vPE (VLPI_base frame, ITS work) ---- */
    uint64_t gicr_vpropbaser;
    uint64_t gicr_vpendbaser;       /* Valid bit + vPE table entry */

    /* ---- Cached best pending interrupts ---- */
    GICv3Pending hppi;              /* physical: SGI/PPI, SPI or LPI */
    GICv3Pending hpplpi;            /* best LPI (kept by the ITS code) */

    /* ---- Physical CPU interface (ICC_*), IHI 0069 12.2 ---- */
    uint64_t icc_pmr;
    uint64_t icc_bpr[2];            /* [GICV3_G0], [GICV3_G1] */
    uint64_t icc_ctlr_el1;          /* writable bits only: CBPR, EOImode */
    uint64_t icc_igrpen[2];
    uint64_t icc_apr[2][4];         /* [group][n]: ICC_AP0R<n>/AP1R<n> */

    /* ---- Virtual CPU interface (ICH_*), IHI 0069 12.4; the guest sees
     *      ICV_* through them when HCR_EL2.IMO/FMO route interrupts to
     *      EL2 ---- */
    uint64_t ich_hcr_el2;
    uint64_t ich_vmcr_el2;
    uint64_t ich_lr_el2[GICV3_NUM_LRS];
    uint64_t ich_apr[2][4];

    /* CPU_INTERRUPT_* bits this GIC currently asserts on the CPU */
    uint32_t signalled;
} GICv3CPUState;

struct GICv3State {
    SysBusDevice parent_obj;
    MemoryRegion iomem_dist;
    MemoryRegion iomem_redist;

    /* Properties */
    uint32_t num_cpu;
    uint32_t num_irq;               /* SPIs + 32, multiple of 32 */
    uint32_t revision;              /* 3 (4 with the ITS and vLPIs) */

    /* ---- Distributor: SPI state, indexed by INTID (bits/entries of
     *      INTIDs 0..31 are unused: those live in the redistributors) ---- */
    uint32_t gicd_ctlr;
    uint32_t group[GICV3_WORDS];
    uint32_t enabled[GICV3_WORDS];
    uint32_t pending[GICV3_WORDS];  /* latched: edges, ISPENDR */
    uint32_t active[GICV3_WORDS];
    uint32_t level[GICV3_WORDS];    /* input line levels */
    uint32_t edge_trigger[GICV3_WORDS];
    uint8_t priority[GICV3_MAXIRQ];
    uint64_t irouter[GICV3_MAXIRQ];
    int16_t spi_target[GICV3_MAXIRQ];   /* CPU index or GICV3_TARGET_* */

    GICv3CPUState *cpu;             /* num_cpu of them, after realize */
    uint32_t redist_stride;
};

#define ARM_GICV3(obj) OBJECT_CHECK(GICv3State, (obj), TYPE_ARM_GICV3)

/* ---- Bitmap helpers ---- */

static inline bool gicv3_bit(const uint32_t *map, unsigned irq)
{
    return (map[irq / 32] >> (irq % 32)) & 1;
}

static inline void gicv3_set_bit(uint32_t *map, unsigned irq, bool v)
{
    if (v) {
        map[irq / 32] |= 1u << (irq % 32);
    } else {
        map[irq / 32] &= ~(1u << (irq % 32));
    }
}

/* Effective pending state of a word of SPIs: latched, or line high on a
 * level-sensitive interrupt. */
static inline uint32_t gicv3_dist_pending_word(const GICv3State *s, unsigned w)
{
    return s->pending[w] | (s->level[w] & ~s->edge_trigger[w]);
}

static inline uint32_t gicv3_redist_pending(const GICv3CPUState *cs)
{
    return cs->gicr_ipendr0 | (cs->level & ~cs->edge_trigger);
}

/* ---- arm_gicv3_common.c: pending-interrupt bookkeeping ---- */

/* After bits `changed` of the SGI/PPI state of cs changed (any of pending,
 * enable, active, group, priority, config). */
void gicv3_redist_update(GICv3CPUState *cs, uint32_t changed);
/* After bits `changed` of SPI word w changed (w >= 1). */
void gicv3_dist_update_word(GICv3State *s, unsigned w, uint32_t changed);
static inline void gicv3_dist_update(GICv3State *s, unsigned irq)
{
    gicv3_dist_update_word(s, irq / 32, 1u << (irq % 32));
}
/* Rescans one CPU's candidates, then updates its signals. */
void gicv3_cpu_recompute(GICv3CPUState *cs);
/* Rescans every CPU (GICD_CTLR changes, reset). */
void gicv3_recompute_all(GICv3State *s);
/* Where IROUTER value r sends an SPI: CPU index or GICV3_TARGET_*. */
int gicv3_route(GICv3State *s, uint64_t irouter);
/* The CPU whose affinity is aff (Aff3:Aff2:Aff1:Aff0), or NULL. */
GICv3CPUState *gicv3_cpu_by_affinity(GICv3State *s, uint32_t aff);
/* The group of an interrupt as the CPU interface sees it. */
int gicv3_irq_group(GICv3CPUState *cs, unsigned intid);
/* Activates intid (IAR): pending -> active (latched pending cleared). */
void gicv3_activate(GICv3CPUState *cs, unsigned intid);
/* Clears the active state of intid (EOI in EOImode 0, DIR). */
void gicv3_deactivate(GICv3CPUState *cs, unsigned intid);
/* "info pic" text. */
void gicv3_print_info(GICv3State *s, GString *out);

/* ---- arm_gicv3_dist.c / arm_gicv3_redist.c ---- */

extern const MemoryRegionOps gicv3_dist_ops;
extern const MemoryRegionOps gicv3_redist_ops;
void gicv3_dist_reset(GICv3State *s);
void gicv3_redist_reset(GICv3CPUState *cs);
/* ID registers shared by GICD and GICR: offset 0xffd0..0xfffc. */
uint32_t gicv3_idreg(GICv3State *s, hwaddr offset);
uint32_t gicv3_iidr(void);

/* ---- arm_gicv3_cpuif.c: the ICC_* registers as C functions ---- */

void gicv3_cpuif_reset(GICv3CPUState *cs);
/* Re-evaluates the IRQ/FIQ lines of cs from its hppi and interface state. */
void gicv3_cpuif_update(GICv3CPUState *cs);
/* The running priority (ICC_RPR_EL1): 0xff when nothing is active. */
uint8_t gicv3_running_priority(GICv3CPUState *cs);

uint64_t gicv3_icc_iar(GICv3CPUState *cs, int grp);
void gicv3_icc_eoir(GICv3CPUState *cs, int grp, uint64_t value);
void gicv3_icc_dir(GICv3CPUState *cs, uint64_t value);
uint64_t gicv3_icc_hppir(GICv3CPUState *cs, int grp);
uint64_t gicv3_icc_rpr(GICv3CPUState *cs);
uint64_t gicv3_icc_pmr_read(GICv3CPUState *cs);
void gicv3_icc_pmr_write(GICv3CPUState *cs, uint64_t value);
uint64_t gicv3_icc_bpr_read(GICv3CPUState *cs, int grp);
void gicv3_icc_bpr_write(GICv3CPUState *cs, int grp, uint64_t value);
uint64_t gicv3_icc_ctlr_read(GICv3CPUState *cs);
void gicv3_icc_ctlr_write(GICv3CPUState *cs, uint64_t value);
uint64_t gicv3_icc_igrpen_read(GICv3CPUState *cs, int grp);
void gicv3_icc_igrpen_write(GICv3CPUState *cs, int grp, uint64_t value);
uint64_t gicv3_icc_apr_read(GICv3CPUState *cs, int grp, int n);
void gicv3_icc_apr_write(GICv3CPUState *cs, int grp, int n, uint64_t value);
/* ICC_SRE_EL1/EL2: system register interface always on (SRE, DFB, DIB RAO;
 * EL2 also Enable). */
uint64_t gicv3_icc_sre_read(GICv3CPUState *cs, int el);
/* ICC_SGI0R/SGI1R/ASGI1R writes: SGIs to the targeted PEs. */
void gicv3_icc_generate_sgi(GICv3CPUState *cs, GICv3SGIKind kind, uint64_t value);

/* ---- arm_gicv3_vcpuif.c: ICH_*_EL2 and the ICV_* guest view ---- */

/* Re-evaluates VIRQ/VFIQ and the maintenance interrupt (PPI 25). */
void gicv3_vcpuif_update(GICv3CPUState *cs);
uint64_t gicv3_ich_vtr(void);
uint64_t gicv3_ich_misr(GICv3CPUState *cs);
uint64_t gicv3_ich_eisr(GICv3CPUState *cs);
uint64_t gicv3_ich_elrsr(GICv3CPUState *cs);
void gicv3_ich_hcr_write(GICv3CPUState *cs, uint64_t v);
void gicv3_ich_vmcr_write(GICv3CPUState *cs, uint64_t v);
void gicv3_ich_lr_write(GICv3CPUState *cs, int n, uint64_t v);
void gicv3_ich_apr_write(GICv3CPUState *cs, int grp, int n, uint64_t v);
uint64_t gicv3_icv_iar(GICv3CPUState *cs, int grp);
void gicv3_icv_eoir(GICv3CPUState *cs, int grp, uint64_t value);
void gicv3_icv_dir(GICv3CPUState *cs, uint64_t value);
uint64_t gicv3_icv_hppir(GICv3CPUState *cs, int grp);
uint64_t gicv3_icv_rpr(GICv3CPUState *cs);
uint64_t gicv3_icv_pmr_read(GICv3CPUState *cs);
void gicv3_icv_pmr_write(GICv3CPUState *cs, uint64_t v);
uint64_t gicv3_icv_bpr_read(GICv3CPUState *cs, int grp);
void gicv3_icv_bpr_write(GICv3CPUState *cs, int grp, uint64_t v);
uint64_t gicv3_icv_ctlr_read(GICv3CPUState *cs);
void gicv3_icv_ctlr_write(GICv3CPUState *cs, uint64_t v);
uint64_t gicv3_icv_igrpen_read(GICv3CPUState *cs, int grp);
void gicv3_icv_igrpen_write(GICv3CPUState *cs, int grp, uint64_t v);

/* ---- Connection (common) ---- */

/* Records cpu as the PE of redistributor n (affinity from mp_affinity). */
void gicv3_set_cpu(GICv3State *s, int n, CPUState *cpu);

#endif
