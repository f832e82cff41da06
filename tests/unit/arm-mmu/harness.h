/*
 * harness.h — the test machine of the arm64 MMU unit tests: guest RAM in
 * an address space, an ARMCPU built in place (the walker needs only env,
 * the ID registers and cpu->as), a page table builder for every granule
 * and start level, and stubs for what the MMU calls in the rest of Turtle
 * (TLB maintenance of the engine, exception delivery, system register
 * registration), which record their calls for the tests to check.
 */
#ifndef TURTLE_TESTS_ARM_MMU_HARNESS_H
#define TURTLE_TESTS_ARM_MMU_HARNESS_H

#include "util/osdep.h"
#include "target/arm/mmu-internal.h"
#include "target/arm/sysreg.h"
#include "exec/memory.h"
#include <setjmp.h>

/* Guest physical memory: RAM at RAM_BASE; a device whose registers read
 * like memory (not RAM: no host pointer) at MMIO_BASE. */
#define RAM_BASE    0x40000000ULL
#define RAM_SIZE    (64 * MiB)
#define MMIO_BASE   0x10000000ULL
#define MMIO_SIZE   0x10000ULL
/* Page tables are allocated from here up; data pages live below. */
#define TABLE_AREA  (RAM_BASE + 32 * MiB)

extern ARMCPU *tcpu;
extern CPUARMState *tenv;
extern AddressSpace tas;
extern uint64_t mmio_mem[MMIO_SIZE / 8];

/* Resets the CPU to: EL1, EL2 implemented (not EL3), 48-bit PA, every
 * granule, HAFDBS = 2 (AF and dirty), HPDS, PAN2; SCTLR_EL1.M = 1,
 * TCR_EL1 = 4K granules for both ranges, T0SZ = T1SZ = 16, IPS = 48 bits;
 * MAIR_EL1 attr0 = Normal WB (0xff), attr1 = Device-nGnRE (0x04),
 * attr2 = Normal NC (0x44). Clears the table allocator, RAM and the logs. */
void machine_reset(void);

void wr64(hwaddr pa, uint64_t v);
uint64_t rd64(hwaddr pa);
/* Zeroed, size-aligned memory from the table area. */
hwaddr table_alloc(uint64_t size);
/* End of the allocated table area (for byte-swapping every table). */
hwaddr table_area_end(void);

/* A translation table tree (stage 1 or stage 2 format are the same for the
 * builder). tbl_off is added to table addresses written into descriptors
 * and TTBRs (a stage 1 tree seen through stage 2 at IPA = PA + tbl_off). */
typedef struct PT {
    int gran, stride, start, inputsize;
    hwaddr root;
    hwaddr tbl_off;
} PT;

/* start < -1: computed from inputsize as for stage 1. The start table is
 * as large as the start level needs (concatenated stage 2 tables). */
void pt_init(PT *pt, int gran, int inputsize, int start);
/* The PA of the descriptor of va at level, creating tables above it. */
hwaddr pt_slot(PT *pt, uint64_t va, int level);
/* Writes a block (level < 3) or page descriptor for va -> oa with attrs. */
hwaddr pt_map(PT *pt, uint64_t va, hwaddr oa, int level, uint64_t attrs);
/* ORs bits into the table descriptor that leads from level to level + 1. */
void pt_table_bits(PT *pt, uint64_t va, int level, uint64_t bits);

/* Stage 1 leaf attribute helpers */
#define S1_AF       DESC_AF
#define S1_ISH      (3ULL << 8)
#define S1_ATTR(i)  ((uint64_t)(i) << 2)
#define S1_AP(ap)   ((uint64_t)(ap) << 6)
#define S1_DEFAULT  (S1_AF | S1_ISH)
/* Stage 2 leaf: MemAttr Normal WB (0xf), S2AP RW, AF */
#define S2_MEMATTR(m) ((uint64_t)(m) << 2)
#define S2_AP(ap)   ((uint64_t)(ap) << 6)
#define S2_DEFAULT  (S2_MEMATTR(0xf) | S2_AP(3) | DESC_AF | (3ULL << 8))

/* Sets TCR_EL1 for the TTBR0 range: granule bits, T0SZ; TTBR0_EL1. */
void use_ttbr0(const PT *pt, int gran);
void use_ttbr1(const PT *pt, int gran);
/* TG0/TG1 field values of a granule. */
unsigned tg0_of(int gran);
unsigned tg1_of(int gran);

/* ---- What the stubs record ------------------------------------------------ */

typedef enum {
    CALL_SET_PAGE,
    CALL_FLUSH,                 /* tlb_flush */
    CALL_FLUSH_IDX,
    CALL_FLUSH_PAGE_IDX,
    CALL_FLUSH_RANGE_IDX,
    CALL_FLUSH_IDX_ALL,
    CALL_FLUSH_PAGE_IDX_ALL,
    CALL_FLUSH_ALL,
    CALL_FLUSH_TAGGED_IDX,      /* tlb_flush_tagged_by_mmuidx */
    CALL_FLUSH_TAGGED_IDX_ALL,
} CallKind;

typedef struct TlbCall {
    CallKind kind;
    vaddr addr;
    hwaddr pa;
    uint64_t len;               /* range length, or page size of set_page */
    uint16_t idxmap;
    unsigned bits;
    int prot;
    int mmu_idx;
    MemTxAttrs attrs;
} TlbCall;

extern GArray *tlb_calls;       /* TlbCall */
extern int test_ncpus;          /* what cpu_count() returns */

typedef struct TestExcp {
    bool raised;
    int excp;
    uint32_t syndrome;
    int target_el;
    uint64_t far;
    bool ipa_valid;
    uint64_t ipa;
} TestExcp;

extern TestExcp last_excp;
extern sigjmp_buf *excp_jmp;
/* What cpu_restore_state() puts in env->insn_iss (the translator's ISS). */
extern uint32_t test_insn_iss;

/* Runs fn-like statement; true if it raised an exception (recorded in
 * last_excp). */
#define RAISES(stmt) ({ \
    sigjmp_buf _jb; \
    bool _raised = false; \
    memset(&last_excp, 0, sizeof(last_excp)); \
    excp_jmp = &_jb; \
    if (sigsetjmp(_jb, 0) == 0) { \
        stmt; \
    } else { \
        _raised = true; \
    } \
    excp_jmp = NULL; \
    _raised; \
})

/* The rows given to arm_sysreg_register(). */
extern GPtrArray *registered_rows;   /* const ARMSysReg * */
const ARMSysReg *find_row(const char *name);

/* Walk shorthands */
bool walk(vaddr va, MMUAccessType acc, int idx, ARMMMUResult *res);
void assert_fault(vaddr va, MMUAccessType acc, int idx, ARMFaultType type,
                  int level);

#endif
