/*
 * test-mmu.c — VMSAv8-64 stage 1 translation in the EL1&0 regime (Arm ARM
 * D8): for each translation granule the CPU implements (4K, 16K, 64K via
 * TCR_EL1.TG0/TG1; ID_AA64MMFR0_EL1.TGran*), an identity map made of
 * blocks, a high alias inside TTBR0 and one in the TTBR1 range, page
 * mappings; permission faults (read-only, EL1-only from EL0, execute-never),
 * PAN, the Access flag fault and its hardware update (TCR_EL1.HA, only with
 * FEAT_HAFDBS), TLBI after a descriptor change, translation faults at the
 * level the walk stops and for addresses outside both ranges, and AT
 * S1E1R/S1E1W/S1E0R writing PAR_EL1.
 *
 * Tables live in a pool at physical 0x44000000; the pages the test maps
 * at 0x45000000. Both are inside the identity-mapped RAM.
 */
#include "sys-support.h"

#define POOL_PA         0x44000000ul
#define POOL_SIZE       0x00800000ul
#define PAGES_PA        0x45000000ul    /* page i at PAGES_PA + i * 64K */
#define RAM_PA          0x40000000ul
#define DEV_PA          0x08000000ul    /* GIC, UART, RTC */
#define DEV_SIZE        0x02000000ul

#define VA_BITS         39
#define TXSZ            (64 - VA_BITS)
#define ALIAS_VA        0x1040000000ul  /* TTBR0 alias of RAM_PA */
#define TEST_VA         0x2000000000ul  /* page mappings */
#define HOLE_VA         0x3000000000ul  /* nothing mapped at the start level */
#define HIGH_BASE       (~0ul << VA_BITS)               /* 0xffffff8000000000 */
#define HIGH_VA         (HIGH_BASE + RAM_PA)            /* TTBR1 alias of RAM_PA */

/* Descriptor bits (D8.3). */
#define D_VALID         1ul
#define D_TABLE         3ul
#define D_PAGE          3ul
#define D_BLOCK         1ul
#define D_ATTR(i)       ((u64)(i) << 2)
#define D_AP_EL1_RW     (0ul << 6)
#define D_AP_RW         (1ul << 6)      /* EL1 and EL0 read/write */
#define D_AP_EL1_RO     (2ul << 6)
#define D_AP_RO         (3ul << 6)      /* EL1 and EL0 read-only */
#define D_SH_INNER      (3ul << 8)
#define D_AF            (1ul << 10)
#define D_PXN           (1ul << 53)
#define D_UXN           (1ul << 54)
#define D_OA_MASK       0x0000fffffffff000ul

#define ATTR_DEVICE     0
#define ATTR_NORMAL     1
#define MAIR_VALUE      0x00000000000ff00ul    /* Attr0 Device-nGnRnE, Attr1 Normal WB */
#define NORMAL          (D_ATTR(ATTR_NORMAL) | D_SH_INNER | D_AF)
#define DEVICE          (D_ATTR(ATTR_DEVICE) | D_AF | D_PXN | D_UXN)

#define SCTLR_M         (1ul << 0)
#define SCTLR_C         (1ul << 2)
#define SCTLR_I         (1ul << 12)
#define SCTLR_WXN       (1ul << 19)
#define SCTLR_SPAN      (1ul << 23)
#define TCR_HA          (1ul << 39)

/* The test pages, by index (page i of the test region is TEST_VA + i*G). */
enum {
    PG_MAP0, PG_MAP1, PG_MAP2, PG_MAP3,     /* RW, mapped to PA pages 3..0 */
    PG_RO,                                  /* EL1 read-only */
    PG_USER,                                /* EL0 and EL1 read/write */
    PG_KERNEL,                              /* EL1 only */
    PG_NOAF,                                /* AF = 0 */
    PG_USER_RO,                             /* read-only at EL0 and EL1 */
    PG_CODE,                                /* code, EL1 RW, executable at EL1 and EL0 */
    PG_UNMAPPED,                            /* invalid level 3 descriptor */
    PG_TLBI,                                /* remapped from PA page 10 to 11 */
    PG_COUNT
};

typedef struct Granule {
    const char *name;
    unsigned shift;     /* 12, 14, 16 */
    u64 tg0, tg1;       /* TCR_EL1 encodings */
} Granule;

static const Granule granules[] = {
    { "4k", 12, 0, 2 },
    { "16k", 14, 2, 1 },
    { "64k", 16, 1, 3 },
};

static const Granule *g;        /* the granule under test */
static u64 gsize;
static int start_level;
static u64 pool_next;
static u64 *root0, *root1;

/* ---- names --------------------------------------------------------------- */

static char namebuf[96];

static const char *nm(const char *suffix)
{
    unsigned i = 0;

    for (const char *p = g->name; *p; p++) {
        namebuf[i++] = *p;
    }
    namebuf[i++] = '-';
    for (const char *p = suffix; *p && i < sizeof(namebuf) - 1; p++) {
        namebuf[i++] = *p;
    }
    namebuf[i] = 0;
    return namebuf;
}

static char namebuf2[96];

static const char *nm2(const char *a, const char *b)
{
    unsigned i = 0;

    for (const char *p = nm(a); *p; p++) {
        namebuf2[i++] = *p;
    }
    for (const char *p = b; *p && i < sizeof(namebuf2) - 1; p++) {
        namebuf2[i++] = *p;
    }
    namebuf2[i] = 0;
    return namebuf2;
}

/* ---- table building ------------------------------------------------------ */

static unsigned level_shift(int level)
{
    return g->shift + (unsigned)(3 - level) * (g->shift - 3);
}

static int block_allowed(int level)
{
    /* 48-bit output addresses: 4K blocks at levels 1 and 2, 16K and 64K
     * at level 2 only (D8.2.x, Table D8-...: "Block descriptor" rows). */
    return level == 2 || (level == 1 && g->shift == 12);
}

static u64 *pt_alloc(void)
{
    u64 *t = (u64 *)pool_next;

    pool_next += gsize;
    if (pool_next > POOL_PA + POOL_SIZE) {
        puts_("FAIL table-pool-exhausted\n");
        test_exit(1);
    }
    for (u64 i = 0; i < gsize / 8; i++) {
        ((volatile u64 *)t)[i] = 0;
    }
    return t;
}

static u64 *next_table(u64 *t, unsigned idx)
{
    if (!(t[idx] & D_VALID)) {
        t[idx] = (u64)pt_alloc() | D_TABLE;
    }
    return (u64 *)(t[idx] & D_OA_MASK & ~(gsize - 1));
}

static unsigned table_index(u64 va, int level)
{
    return (unsigned)(((va & ((1ul << VA_BITS) - 1)) >> level_shift(level)) &
                      ((1ul << (g->shift - 3)) - 1));
}

/* The descriptor slot for va at level, allocating tables on the way. */
static volatile u64 *slot(u64 *root, u64 va, int level)
{
    u64 *t = root;

    for (int l = start_level; l < level; l++) {
        t = next_table(t, table_index(va, l));
    }
    return &t[table_index(va, level)];
}

/* Maps [va, va + size) to pa with the largest blocks alignment allows. */
static void map_range(u64 *root, u64 va, u64 pa, u64 size, u64 attrs)
{
    while (size) {
        int l;

        for (l = start_level; l < 3; l++) {
            u64 bs = 1ul << level_shift(l);

            if (block_allowed(l) && !(va & (bs - 1)) && !(pa & (bs - 1)) && size >= bs) {
                break;
            }
        }
        *slot(root, va, l) = pa | attrs | (l == 3 ? D_PAGE : D_BLOCK);
        va += 1ul << level_shift(l);
        pa += 1ul << level_shift(l);
        size -= 1ul << level_shift(l);
    }
}

static u64 test_va(int page)
{
    return TEST_VA + (u64)page * gsize;
}

static u64 page_pa(int i)
{
    return PAGES_PA + (u64)i * 0x10000;
}

static volatile u64 *pte_of(int page)
{
    return slot(root0, test_va(page), 3);
}

static void tlbi_va(u64 va)
{
    __asm__ volatile("dsb ishst\n\ttlbi vae1is, %0\n\tdsb ish\n\tisb"
                     :: "r"((va >> 12) & 0xfffffffffffful) : "memory");
}

static void tlbi_all(void)
{
    __asm__ volatile("dsb ishst\n\ttlbi vmalle1is\n\tdsb ish\n\tisb" ::: "memory");
}

/* Code copied to PG_CODE: at +0 "mov x0, #42; ret", at +8 (EL0 entry)
 * "mov x0, #43; svc #0xffff". */
static const u32 code_words[] = { 0xd2800540, 0xd65f03c0, 0xd2800560, 0xd41fffe1 };

static void build_tables(void)
{
    u64 user_ap[PG_COUNT];

    pool_next = POOL_PA;
    root0 = pt_alloc();
    root1 = pt_alloc();

    /* Identity: devices, then RAM (at least 256 MiB, and the largest
     * block so that 4K gets a level 1 block). */
    map_range(root0, DEV_PA, DEV_PA, DEV_SIZE, DEVICE);
    map_range(root0, RAM_PA, RAM_PA,
              g->shift == 12 ? 0x40000000ul : g->shift == 14 ? 0x10000000ul : 0x20000000ul,
              NORMAL);
    /* Aliases of the first 32 MiB of RAM (the image): inside TTBR0 and in
     * the TTBR1 range. */
    map_range(root0, ALIAS_VA, RAM_PA, 0x02000000, NORMAL);
    map_range(root1, HIGH_VA, RAM_PA, 0x02000000, NORMAL);

    for (int i = 0; i < PG_COUNT; i++) {
        user_ap[i] = D_AP_EL1_RW;
    }
    user_ap[PG_RO] = D_AP_EL1_RO;
    user_ap[PG_USER] = D_AP_RW;
    user_ap[PG_USER_RO] = D_AP_RO;
    for (int i = 0; i < PG_COUNT; i++) {
        u64 pa = i <= PG_MAP3 ? page_pa(PG_MAP3 - i) : page_pa(i);
        u64 attrs = NORMAL | user_ap[i];

        if (i == PG_UNMAPPED) {
            continue;
        }
        if (i == PG_NOAF) {
            attrs &= ~D_AF;
        }
        if (i != PG_CODE) {
            attrs |= D_PXN | D_UXN;
        }
        *slot(root0, test_va(i), 3) = pa | attrs | D_PAGE;
        /* A marker per physical page: its index, and at +8 its index+100. */
        ((volatile u64 *)pa)[0] = 0x1000 + (u64)(i <= PG_MAP3 ? PG_MAP3 - i : i);
        ((volatile u64 *)pa)[1] = 0x2000 + (u64)(i <= PG_MAP3 ? PG_MAP3 - i : i);
    }
    ((volatile u64 *)page_pa(PG_TLBI + 1))[0] = 0x1000 + PG_TLBI + 1;
    for (unsigned i = 0; i < sizeof(code_words) / 4; i++) {
        ((volatile u32 *)page_pa(PG_CODE))[i] = code_words[i];
    }
    __asm__ volatile("dsb sy\n\tic iallu\n\tdsb sy\n\tisb" ::: "memory");
}

static void mmu_on(u64 extra_tcr)
{
    u64 tcr = TXSZ | (1ul << 8) | (1ul << 10) | (3ul << 12) | (g->tg0 << 14) |
              ((u64)TXSZ << 16) | (1ul << 24) | (1ul << 26) | (3ul << 28) | (g->tg1 << 30) |
              (5ul << 32) | extra_tcr;

    WRITE_SYSREG(mair_el1, MAIR_VALUE);
    WRITE_SYSREG(tcr_el1, tcr);
    WRITE_SYSREG(ttbr0_el1, (u64)root0);
    WRITE_SYSREG(ttbr1_el1, (u64)root1);
    ISB();
    __asm__ volatile("tlbi vmalle1\n\tdsb nsh\n\tisb" ::: "memory");
    WRITE_SYSREG(sctlr_el1, (READ_SYSREG(sctlr_el1) & ~SCTLR_WXN) | SCTLR_M | SCTLR_C | SCTLR_I);
    ISB();
}

static void mmu_off(void)
{
    WRITE_SYSREG(sctlr_el1, READ_SYSREG(sctlr_el1) & ~SCTLR_M);
    ISB();
    __asm__ volatile("tlbi vmalle1\n\tdsb nsh\n\tisb" ::: "memory");
}

/* ---- accesses that may fault ---------------------------------------------- */

static u64 fault_pc;

/* Loads/stores at EL1 (and LDTR, an EL0-privilege access); return 1 when
 * they took an exception (recorded in last_exc). */
static int el1_load(u64 va, u64 *v)
{
    int n = exc_count();
    u64 r = 0xbad;

    expect_exception(EXC_SKIP);
    __asm__ volatile("adr %0, 1f\n1:\tldr %1, [%2]" : "=&r"(fault_pc), "+r"(r) : "r"(va)
                     : "memory");
    expect_exception(EXC_FATAL);
    if (v) {
        *v = r;
    }
    return exc_count() != n;
}

static int el1_store(u64 va, u64 v)
{
    int n = exc_count();

    expect_exception(EXC_SKIP);
    __asm__ volatile("adr %0, 1f\n1:\tstr %1, [%2]" : "=&r"(fault_pc) : "r"(v), "r"(va)
                     : "memory");
    expect_exception(EXC_FATAL);
    return exc_count() != n;
}

static int el1_ldtr(u64 va, u64 *v)
{
    int n = exc_count();
    u64 r = 0xbad;

    expect_exception(EXC_SKIP);
    __asm__ volatile("adr %0, 1f\n1:\tldtr %1, [%2]" : "=&r"(fault_pc), "+r"(r) : "r"(va)
                     : "memory");
    expect_exception(EXC_FATAL);
    *v = r;
    return exc_count() != n;
}

extern char mmu_el0_load[], mmu_el0_load_insn[], mmu_el0_store[], mmu_el0_store_insn[];
__asm__(
    ".text\n"
    ".balign 4\n"
    "mmu_el0_load:\n"
    "mmu_el0_load_insn:\n"
    "    ldr x0, [x0]\n"
    "    svc #0xffff\n"
    "mmu_el0_store:\n"
    "mmu_el0_store_insn:\n"
    "    str x0, [x0]\n"
    "    svc #0xffff\n");

/* Runs the EL0 load or store; returns 1 when it faulted. */
static int el0_access(int store, u64 va, u64 *v)
{
    int n = exc_count();
    u64 r;

    expect_exception(EXC_SKIP);
    r = run_at_el0((u64 (*)(u64))(void *)(store ? mmu_el0_store : mmu_el0_load), va);
    expect_exception(EXC_FATAL);
    fault_pc = (u64)(store ? mmu_el0_store_insn : mmu_el0_load_insn);
    if (v) {
        *v = r;
    }
    return exc_count() != n;
}

/* The abort just taken: class, ISS[8:0] (DFSC/IFSC, WnR, S1PTW, CM),
 * FAR and ELR. */
static void check_abort(const char *what, u64 ec, u64 iss, u64 far, u64 elr)
{
    CHECK(nm2(what, "-ec"), ESR_EC(last_exc.esr), ec);
    CHECK(nm2(what, "-iss"), last_exc.esr & 0x1ff, iss);
    CHECK(nm2(what, "-far"), last_exc.far, far);
    CHECK(nm2(what, "-elr"), last_exc.elr, elr);
}

static u64 at_s1e1r(u64 va)
{
    u64 par;

    __asm__ volatile("at s1e1r, %1\n\tisb\n\tmrs %0, par_el1" : "=r"(par) : "r"(va) : "memory");
    return par;
}

static u64 at_s1e1w(u64 va)
{
    u64 par;

    __asm__ volatile("at s1e1w, %1\n\tisb\n\tmrs %0, par_el1" : "=r"(par) : "r"(va) : "memory");
    return par;
}

static u64 at_s1e0r(u64 va)
{
    u64 par;

    __asm__ volatile("at s1e0r, %1\n\tisb\n\tmrs %0, par_el1" : "=r"(par) : "r"(va) : "memory");
    return par;
}

/* PAR_EL1 success: PA[47:12] and ATTR; fault: F, FST. Bit 11 (RES1) and
 * the IMPLEMENTATION DEFINED bits are masked. */
#define PAR_OK_MASK     (0xff0000fffffff001ul)
#define PAR_OK(pa)      (((u64)0xff << 56) | ((pa) & D_OA_MASK))
#define PAR_FAULT(fst)  (((u64)(fst) << 1) | 1)

/* ---- the tests -------------------------------------------------------------- */

static volatile u64 shared_var;

extern char mmu_whereami[];
__asm__(
    ".text\n"
    ".balign 4\n"
    "mmu_whereami:\n"
    "    adr x0, .\n"
    "    ret\n");

static void test_maps(void)
{
    u64 v;
    u64 (*high_fn)(void);

    CHECK(nm("mmu-on"), READ_SYSREG(sctlr_el1) & SCTLR_M, SCTLR_M);

    /* TTBR0 alias (a block) of the RAM the image is in. */
    shared_var = 0x1111;
    CHECK(nm("alias-read"), *(volatile u64 *)(ALIAS_VA + ((u64)&shared_var - RAM_PA)), 0x1111);
    *(volatile u64 *)(ALIAS_VA + ((u64)&shared_var - RAM_PA)) = 0x2222;
    CHECK(nm("alias-write"), shared_var, 0x2222);

    /* TTBR1: data and execution at 0xffffff80_4xxxxxxx. */
    CHECK(nm("ttbr1-read"), *(volatile u64 *)(HIGH_VA + ((u64)&shared_var - RAM_PA)), 0x2222);
    high_fn = (u64 (*)(void))(void *)(HIGH_VA + ((u64)mmu_whereami - RAM_PA));
    CHECK(nm("ttbr1-execute"), high_fn(), (u64)high_fn);

    /* Pages: page i of the region maps PA page 3 - i. */
    v = 0;
    for (int i = PG_MAP0; i <= PG_MAP3; i++) {
        v |= (*(volatile u64 *)test_va(i) - 0x1000) << (8 * i);
    }
    CHECK(nm("page-map"), v, 0x00010203);
    CHECK(nm("page-offset"), *(volatile u64 *)(test_va(PG_MAP1) + 8), 0x2000 + PG_MAP3 - PG_MAP1);
    *(volatile u64 *)(test_va(PG_MAP2) + 16) = 0x77;
    CHECK(nm("page-write-reaches-pa"), ((volatile u64 *)page_pa(PG_MAP3 - PG_MAP2))[2], 0x77);
}

static void test_faults(void)
{
    u64 v;

    /* Level 3 descriptor invalid. */
    CHECK(nm("l3-invalid-faults"), el1_load(test_va(PG_UNMAPPED) + 0x10, &v), 1);
    check_abort("l3-invalid", EC_DABT_SAME, FSC_TRANSLATION(3), test_va(PG_UNMAPPED) + 0x10,
                fault_pc);

    /* Nothing at the start level. */
    CHECK(nm("start-level-invalid-faults"), el1_load(HOLE_VA + 0x28, &v), 1);
    check_abort("start-level-invalid", EC_DABT_SAME, FSC_TRANSLATION(start_level),
                HOLE_VA + 0x28, fault_pc);

    /* Outside both VA ranges (T0SZ = T1SZ = 25, TBI off): level 0 fault. */
    CHECK(nm("va-hole-low-faults"), el1_load(0x0000800000000000ul, &v), 1);
    check_abort("va-hole-low", EC_DABT_SAME, FSC_TRANSLATION(0), 0x0000800000000000ul, fault_pc);
    CHECK(nm("va-hole-high-faults"), el1_store(0xffff000000001000ul, 1), 1);
    check_abort("va-hole-high", EC_DABT_SAME, ESR_WNR | FSC_TRANSLATION(0), 0xffff000000001000ul,
                fault_pc);

    /* Read-only at EL1: reads work, a write is a permission fault with
     * WnR, and memory is unchanged. */
    CHECK(nm("ro-read"), el1_load(test_va(PG_RO), &v) == 0 && v == 0x1000 + PG_RO, 1);
    CHECK(nm("ro-write-faults"), el1_store(test_va(PG_RO) + 8, 0x99), 1);
    check_abort("ro-write", EC_DABT_SAME, ESR_WNR | FSC_PERMISSION(3), test_va(PG_RO) + 8,
                fault_pc);
    CHECK(nm("ro-write-no-effect"), ((volatile u64 *)page_pa(PG_RO))[1], 0x2000 + PG_RO);

    /* Read-only everywhere. */
    CHECK(nm("user-ro-el1-write-faults"), el1_store(test_va(PG_USER_RO), 1), 1);
    check_abort("user-ro-el1-write", EC_DABT_SAME, ESR_WNR | FSC_PERMISSION(3),
                test_va(PG_USER_RO), fault_pc);
    CHECK(nm("user-ro-el0-read"), el0_access(0, test_va(PG_USER_RO), &v) == 0 &&
          v == 0x1000 + PG_USER_RO, 1);
    CHECK(nm("user-ro-el0-write-faults"), el0_access(1, test_va(PG_USER_RO), 0), 1);
    check_abort("user-ro-el0-write", EC_DABT_LOWER, ESR_WNR | FSC_PERMISSION(3),
                test_va(PG_USER_RO), fault_pc);

    /* EL0 and an EL1-only page; an EL0 page works from both. */
    CHECK(nm("el0-kernel-page-faults"), el0_access(0, test_va(PG_KERNEL) + 8, 0), 1);
    CHECK(nm("el0-kernel-page-vector"), last_exc.type, VEC_LOWER_SYNC);
    check_abort("el0-kernel-page", EC_DABT_LOWER, FSC_PERMISSION(3), test_va(PG_KERNEL) + 8,
                fault_pc);
    CHECK(nm("el0-user-page-read"), el0_access(0, test_va(PG_USER), &v) == 0 &&
          v == 0x1000 + PG_USER, 1);
    CHECK(nm("el0-user-page-write"), el0_access(1, test_va(PG_USER) + 16, 0) == 0 &&
          ((volatile u64 *)page_pa(PG_USER))[2] == test_va(PG_USER) + 16, 1);
    CHECK(nm("el1-user-page-read"), el1_load(test_va(PG_USER), &v) == 0 &&
          v == 0x1000 + PG_USER, 1);
    /* LDTR at EL1 is an EL0 access. */
    CHECK(nm("ldtr-kernel-page-faults"), el1_ldtr(test_va(PG_KERNEL), &v), 1);
    check_abort("ldtr-kernel-page", EC_DABT_SAME, FSC_PERMISSION(3), test_va(PG_KERNEL),
                fault_pc);
}

extern char mmu_el0_exit[];
__asm__(
    ".text\n"
    ".balign 4\n"
    "mmu_el0_exit:\n"
    "    svc #0xffff\n");

/* An instruction abort from EL0 resumes at mmu_el0_exit, still at EL0. */
static int hook_iabt_el0(u64 type, ExcFrame *f)
{
    if (type != VEC_LOWER_SYNC || ESR_EC(READ_SYSREG(esr_el1)) != EC_IABT_LOWER) {
        return 0;
    }
    sys_record(type, f);
    f->elr = (u64)mmu_el0_exit;
    return 1;
}

static void test_exec(void)
{
    u64 (*fn)(void) = (u64 (*)(void))(void *)test_va(PG_CODE);
    volatile u64 *pte = pte_of(PG_CODE);
    int n;

    CHECK(nm("exec-page-el1"), fn(), 42);
    /* EL0 may execute a page it cannot read (UXN = 0, AP = EL1 only). */
    CHECK(nm("exec-only-page-el0"),
          run_at_el0((u64 (*)(u64))(void *)(test_va(PG_CODE) + 8), 0), 43);

    *pte |= D_PXN;
    tlbi_va(test_va(PG_CODE));
    expect_exception(EXC_RESUME_LR);
    n = exc_count();
    __asm__ volatile("blr %0" :: "r"(fn) : "x0", "x30", "memory");
    CHECK(nm("pxn-faults"), exc_count(), n + 1);
    check_abort("pxn", EC_IABT_SAME, FSC_PERMISSION(3), (u64)fn, (u64)fn);

    *pte = (*pte & ~D_PXN) | D_UXN;
    tlbi_va(test_va(PG_CODE));
    CHECK(nm("uxn-el1-still-executes"), fn(), 42);
    sys_sync_hook = hook_iabt_el0;
    n = sys_exc.count;
    CHECK(nm("uxn-el0-resumed"),
          run_at_el0((u64 (*)(u64))(void *)(test_va(PG_CODE) + 8), 7), 7);
    sys_sync_hook = 0;
    CHECK(nm("uxn-el0-faults"), sys_exc.count, n + 1);
    CHECK(nm("uxn-el0-ec"), ESR_EC(sys_exc.esr), EC_IABT_LOWER);
    CHECK(nm("uxn-el0-iss"), sys_exc.esr & 0x1ff, FSC_PERMISSION(3));
    CHECK(nm("uxn-el0-far"), sys_exc.far, test_va(PG_CODE) + 8);
    CHECK(nm("uxn-el0-elr"), sys_exc.elr, test_va(PG_CODE) + 8);
    *pte &= ~D_UXN;
    tlbi_va(test_va(PG_CODE));
}

static volatile u64 hook_pan;

static int hook_read_pan(u64 type, ExcFrame *f)
{
    (void)type;
    (void)f;
    __asm__ volatile("mrs %0, pan" : "=r"(hook_pan));
    return 0;
}

static void test_pan(void)
{
    u64 v, mmfr1 = READ_SYSREG(id_aa64mmfr1_el1);
    u64 sctlr = READ_SYSREG(sctlr_el1);
    u64 pan_after;

    if (!((mmfr1 >> 20) & 0xf)) {
        puts_("SKIP ");
        puts_(nm("pan"));
        puts_(": ID_AA64MMFR1_EL1.PAN = 0\n");
        return;
    }
    __asm__ volatile("msr pan, #1" ::: "memory");
    CHECK(nm("pan-el1-user-page-faults"), el1_load(test_va(PG_USER) + 8, &v), 1);
    check_abort("pan-el1-user-page", EC_DABT_SAME, FSC_PERMISSION(3), test_va(PG_USER) + 8,
                fault_pc);
    CHECK(nm("pan-spsr-pan"), (last_exc.spsr >> 22) & 1, 1);
    CHECK(nm("pan-el1-kernel-page-ok"), el1_load(test_va(PG_KERNEL), &v) == 0 &&
          v == 0x1000 + PG_KERNEL, 1);
    CHECK(nm("pan-ldtr-user-page-ok"), el1_ldtr(test_va(PG_USER), &v) == 0 &&
          v == 0x1000 + PG_USER, 1);
    __asm__ volatile("msr pan, #0" ::: "memory");
    CHECK(nm("pan-off-el1-user-page-ok"), el1_load(test_va(PG_USER), &v) == 0 &&
          v == 0x1000 + PG_USER, 1);

    /* SCTLR_EL1.SPAN = 0: taking an exception to EL1 sets PSTATE.PAN;
     * SPAN = 1 leaves it; ERET restores it from SPSR. */
    WRITE_SYSREG(sctlr_el1, sctlr & ~SCTLR_SPAN);
    ISB();
    sys_sync_hook = hook_read_pan;
    expect_exception(EXC_RESUME);
    __asm__ volatile("msr pan, #0\n\tsvc #0\n\tmrs %0, pan" : "=r"(pan_after) :: "memory");
    CHECK(nm("span0-entry-sets-pan"), hook_pan, 1ul << 22);
    CHECK(nm("span0-spsr-pan-clear"), (last_exc.spsr >> 22) & 1, 0);
    CHECK(nm("span0-eret-restores-pan"), pan_after, 0);
    WRITE_SYSREG(sctlr_el1, sctlr | SCTLR_SPAN);
    ISB();
    expect_exception(EXC_RESUME);
    __asm__ volatile("svc #0" ::: "memory");
    CHECK(nm("span1-entry-keeps-pan"), hook_pan, 0);
    sys_sync_hook = 0;
    WRITE_SYSREG(sctlr_el1, sctlr);
    ISB();
}

static void test_access_flag(void)
{
    u64 v, mmfr1 = READ_SYSREG(id_aa64mmfr1_el1);
    volatile u64 *pte = pte_of(PG_NOAF);

    CHECK(nm("af-fault"), el1_load(test_va(PG_NOAF) + 8, &v), 1);
    check_abort("af", EC_DABT_SAME, FSC_ACCESS(3), test_va(PG_NOAF) + 8, fault_pc);
    CHECK(nm("af-fault-store"), el1_store(test_va(PG_NOAF), 5), 1);
    check_abort("af-store", EC_DABT_SAME, ESR_WNR | FSC_ACCESS(3), test_va(PG_NOAF), fault_pc);
    CHECK(nm("af-not-set-by-walk"), *pte & D_AF, 0);
    CHECK(nm("at-af-fault"), at_s1e1r(test_va(PG_NOAF)) & 0x7f, PAR_FAULT(FSC_ACCESS(3)));

    if (!(mmfr1 & 0xf)) {
        puts_("SKIP ");
        puts_(nm("ha"));
        puts_(": ID_AA64MMFR1_EL1.HAFDBS = 0\n");
    } else {
        WRITE_SYSREG(tcr_el1, READ_SYSREG(tcr_el1) | TCR_HA);
        ISB();
        tlbi_all();
        CHECK(nm("ha-load-no-fault"), el1_load(test_va(PG_NOAF), &v) == 0 &&
              v == 0x1000 + PG_NOAF, 1);
        CHECK(nm("ha-sets-af"), *pte & D_AF, D_AF);
        WRITE_SYSREG(tcr_el1, READ_SYSREG(tcr_el1) & ~TCR_HA);
        ISB();
        tlbi_all();
    }
    /* Software sets AF, then TLBI: the access works. */
    *pte |= D_AF;
    tlbi_va(test_va(PG_NOAF));
    CHECK(nm("af-set-by-software"), el1_load(test_va(PG_NOAF), &v) == 0 &&
          v == 0x1000 + PG_NOAF, 1);
}

static void test_tlbi(void)
{
    volatile u64 *pte = pte_of(PG_TLBI);
    u64 va = test_va(PG_TLBI), v;

    CHECK(nm("tlbi-before"), *(volatile u64 *)va, 0x1000 + PG_TLBI);
    *pte = (*pte & ~D_OA_MASK) | page_pa(PG_TLBI + 1);
    tlbi_va(va);
    CHECK(nm("tlbi-vae1is-remap"), *(volatile u64 *)va, 0x1000 + PG_TLBI + 1);

    *pte = 0;
    __asm__ volatile("dsb ishst\n\ttlbi vale1, %0\n\tdsb nsh\n\tisb"
                     :: "r"((va >> 12) & 0xfffffffffffful) : "memory");
    CHECK(nm("tlbi-vale1-unmap-faults"), el1_load(va, &v), 1);
    CHECK(nm("tlbi-vale1-unmap-fsc"), last_exc.esr & 0x3f, FSC_TRANSLATION(3));

    *pte = page_pa(PG_TLBI) | NORMAL | D_PXN | D_UXN | D_PAGE;
    __asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb nsh\n\tisb" ::: "memory");
    CHECK(nm("tlbi-vmalle1-remap"), el1_load(va, &v) == 0 && v == 0x1000 + PG_TLBI, 1);
}

static void test_at(void)
{
    u64 par;

    par = at_s1e1r(test_va(PG_MAP1) + 0x123);
    CHECK(nm("at-s1e1r-page"), par & PAR_OK_MASK, PAR_OK(page_pa(PG_MAP3 - PG_MAP1)));
    CHECK(nm("at-s1e1r-sh"), (par >> 7) & 3, 3);
    if (gsize > 0x1000) {
        par = at_s1e1r(test_va(PG_MAP1) + 0x1008);
        CHECK(nm("at-s1e1r-page-va-bits"), par & PAR_OK_MASK,
              PAR_OK(page_pa(PG_MAP3 - PG_MAP1) + 0x1000));
    }
    par = at_s1e1r(RAM_PA + 0x87654);
    CHECK(nm("at-s1e1r-identity-block"), par & PAR_OK_MASK, PAR_OK(RAM_PA + 0x87000));
    par = at_s1e1r(ALIAS_VA + 0x1234567);
    CHECK(nm("at-s1e1r-alias-block"), par & PAR_OK_MASK, PAR_OK(RAM_PA + 0x1234000));
    par = at_s1e1r(HIGH_VA + 0x5000);
    CHECK(nm("at-s1e1r-ttbr1"), par & PAR_OK_MASK, PAR_OK(RAM_PA + 0x5000));
    par = at_s1e1r(0x09000000);
    CHECK(nm("at-s1e1r-device-attr"), par & PAR_OK_MASK, 0x09000000ul);
    CHECK(nm("at-s1e1r-unmapped"), at_s1e1r(test_va(PG_UNMAPPED)) & 0x7f,
          PAR_FAULT(FSC_TRANSLATION(3)));
    CHECK(nm("at-s1e1r-hole"), at_s1e1r(HOLE_VA) & 0x7f, PAR_FAULT(FSC_TRANSLATION(start_level)));
    CHECK(nm("at-s1e1r-ro"), at_s1e1r(test_va(PG_RO)) & PAR_OK_MASK, PAR_OK(page_pa(PG_RO)));
    CHECK(nm("at-s1e1w-ro"), at_s1e1w(test_va(PG_RO)) & 0x7f, PAR_FAULT(FSC_PERMISSION(3)));
    CHECK(nm("at-s1e1w-rw"), at_s1e1w(test_va(PG_KERNEL)) & PAR_OK_MASK,
          PAR_OK(page_pa(PG_KERNEL)));
    CHECK(nm("at-s1e0r-kernel"), at_s1e0r(test_va(PG_KERNEL)) & 0x7f,
          PAR_FAULT(FSC_PERMISSION(3)));
    CHECK(nm("at-s1e0r-user"), at_s1e0r(test_va(PG_USER)) & PAR_OK_MASK,
          PAR_OK(page_pa(PG_USER)));
}

static int granule_supported(const Granule *gr)
{
    u64 mmfr0 = READ_SYSREG(id_aa64mmfr0_el1);

    switch (gr->shift) {
    case 12:
        return ((mmfr0 >> 28) & 0xf) != 0xf;
    case 14:
        return ((mmfr0 >> 20) & 0xf) != 0;
    default:
        return ((mmfr0 >> 24) & 0xf) != 0xf;
    }
}

int main(void)
{
    sys_install_vectors();
    for (unsigned i = 0; i < sizeof(granules) / sizeof(granules[0]); i++) {
        g = &granules[i];
        gsize = 1ul << g->shift;
        if (!granule_supported(g)) {
            puts_("SKIP ");
            puts_(g->name);
            puts_(": granule not implemented (ID_AA64MMFR0_EL1)\n");
            continue;
        }
        /* Levels needed for VA_BITS: each resolves shift - 3 bits. */
        start_level = 4 - (int)((VA_BITS - g->shift + (g->shift - 3) - 1) / (g->shift - 3));
        build_tables();
        mmu_on(0);
        test_maps();
        test_faults();
        test_exec();
        test_pan();
        test_access_flag();
        test_tlbi();
        test_at();
        mmu_off();
        CHECK(nm("mmu-off"), READ_SYSREG(sctlr_el1) & SCTLR_M, 0);
    }
    return 0;
}
