/*
 * guest-test-mmu.c — the arm64 MMU seen from a guest (Arm ARM D8): stage 1
 * translation with 4K pages and a 39-bit VA, blocks and pages, TLBI,
 * translation / Access flag / permission faults with their ESR and FAR,
 * AT S1E1R/S1E0R and PAR_EL1, EL0 permissions, PAN, hardware AF update.
 * RAM and the UART stay identity-mapped so the test runs with the MMU on.
 *
 * A bare-metal guest test for tests/guest/aarch64 (as test-mmu.c, with
 * 'mmu' added to guest_aarch64_tests there); kept here, not built, until
 * the owner of that folder adopts it. It passes (24 checks) under
 * turtle-system-aarch64 -M virt -cpu max (the hardware Access flag part
 * runs only when ID_AA64MMFR1.HAFDBS is advertised), and on the oracle
 * the other guest tests are checked against (run-guest-test.py).
 */
#include "test.h"

#define EC(esr)   ((esr) >> 26)
#define DFSC(esr) ((esr) & 0x3f)
#define WNR       (1ul << 6)

#define D_VALID   1ul
#define D_TABLE   3ul
#define D_PAGE    3ul
#define D_BLOCK   1ul
#define D_AF      (1ul << 10)
#define D_ISH     (3ul << 8)
#define D_AP(x)   ((u64)(x) << 6)
#define D_ATTR(i) ((u64)(i) << 2)
#define D_UXN     (1ul << 54)
#define D_PXN     (1ul << 53)
#define NORMAL    (D_AF | D_ISH | D_ATTR(0))

#define VA_BASE   0x80000000ul          /* L1 entry 2: our test window */

static u64 l1[512] __attribute__((aligned(4096)));
static u64 l2[512] __attribute__((aligned(4096)));
static u64 l3[512] __attribute__((aligned(4096)));
static u8 pages[4][4096] __attribute__((aligned(4096)));

static inline void tlbi_all(void)
{
    __asm__ volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
}

static inline void tlbi_va(u64 va)
{
    __asm__ volatile("dsb ishst\n\ttlbi vae1, %0\n\tdsb ish\n\tisb" :: "r"(va >> 12) : "memory");
}

static u64 load(u64 va)
{
    u64 v = 0xdead;
    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(va) : "memory");
    return v;
}

static void store(u64 va, u64 v)
{
    __asm__ volatile("str %0, [%1]" :: "r"(v), "r"(va) : "memory");
}

static u64 at_s1e1r(u64 va)
{
    __asm__ volatile("at s1e1r, %0\n\tisb" :: "r"(va));
    return READ_SYSREG(par_el1);
}

static u64 at_s1e0r(u64 va)
{
    __asm__ volatile("at s1e0r, %0\n\tisb" :: "r"(va));
    return READ_SYSREG(par_el1);
}

static u64 el0_load(u64 va)
{
    EL0_RETURN(load(va));
    return 0;
}

static void mmu_on(void)
{
    /* L1: 0-1G device (UART, GIC), 1-2G normal RAM, 2G: our L2. */
    l1[0] = 0x00000000ul | D_BLOCK | D_AF | D_ATTR(1) | D_UXN | D_PXN;
    l1[1] = 0x40000000ul | D_BLOCK | NORMAL;
    l1[2] = (u64)l2 | D_TABLE;
    l2[0] = (u64)l3 | D_TABLE;
    l2[1] = 0x40000000ul | D_BLOCK | NORMAL;       /* 2M block at VA_BASE+2M */
    l3[0] = (u64)pages[0] | D_PAGE | NORMAL;
    WRITE_SYSREG(mair_el1, 0x00fful);              /* 0: WB, 1: Device-nGnRnE */
    /* T0SZ 25 (39-bit), 4K, IPS 40 bits, EPD1, WB walks, ISH. */
    WRITE_SYSREG(tcr_el1, 25ul | (1ul << 8) | (1ul << 10) | (3ul << 12) |
                          (1ul << 23) | (2ul << 32));
    WRITE_SYSREG(ttbr0_el1, (u64)l1);
    __asm__ volatile("dsb sy\n\tisb");
    WRITE_SYSREG(sctlr_el1, READ_SYSREG(sctlr_el1) | 1 | (1 << 2) | (1 << 12));
    __asm__ volatile("isb");
}

int main(void)
{
    u64 par;

    mmu_on();
    puts_("MMU on\n");
    CHECK("sctlr-m", READ_SYSREG(sctlr_el1) & 1, 1);

    /* Page and block translations. */
    ((volatile u64 *)pages[0])[1] = 0x1111;
    CHECK("page-read", load(VA_BASE + 8), 0x1111);
    store(VA_BASE + 16, 0x2222);
    CHECK("page-write", ((volatile u64 *)pages[0])[2], 0x2222);
    *(volatile u64 *)0x40000100ul = 0x3333;         /* (in the image's gap) */
    CHECK("block-read", load(VA_BASE + 0x200000 + 0x100), 0x3333);

    /* Remap without TLBI may hit the old entry; with TLBI it must not. */
    ((volatile u64 *)pages[1])[1] = 0x4444;
    l3[0] = (u64)pages[1] | D_PAGE | NORMAL;
    tlbi_va(VA_BASE);
    CHECK("remap-tlbi", load(VA_BASE + 8), 0x4444);

    /* Translation fault: level 3, FAR = the VA. */
    l3[0] = 0;
    tlbi_all();
    expect_exception(EXC_SKIP);
    load(VA_BASE + 0x18);
    CHECK("xlat-ec", EC(last_exc.esr), 0x25);
    CHECK("xlat-dfsc", DFSC(last_exc.esr), 0x07);
    CHECK("xlat-far", last_exc.far, VA_BASE + 0x18);
    /* Level 2 (no table at all for VA_BASE + 4M). */
    expect_exception(EXC_SKIP);
    load(VA_BASE + 0x400000);
    CHECK("xlat-l2-dfsc", DFSC(last_exc.esr), 0x06);

    /* Access flag fault. */
    l3[0] = (u64)pages[0] | D_PAGE | D_ISH;
    tlbi_va(VA_BASE);
    expect_exception(EXC_SKIP);
    load(VA_BASE);
    CHECK("af-dfsc", DFSC(last_exc.esr), 0x0b);

    /* Read-only: the store faults with WnR. */
    l3[0] = (u64)pages[0] | D_PAGE | NORMAL | D_AP(2);
    tlbi_va(VA_BASE);
    CHECK("ro-read", load(VA_BASE + 8), 0x1111);
    expect_exception(EXC_SKIP);
    store(VA_BASE, 1);
    CHECK("ro-dfsc", DFSC(last_exc.esr), 0x0f);
    CHECK("ro-wnr", last_exc.esr & WNR, WNR);

    /* AT S1E1R / S1E0R and PAR_EL1. */
    par = at_s1e1r(VA_BASE + 0x123);
    CHECK("at-ok-f", par & 1, 0);
    CHECK("at-ok-pa", par & 0xfffffffff000ul, (u64)pages[0]);
    CHECK("at-ok-attr", par >> 56, 0xff);
    CHECK("at-ok-sh", (par >> 7) & 3, 3);
    par = at_s1e0r(VA_BASE);
    CHECK("at-el0-fault", par & 0x7f, 1 | (0x0f << 1));
    par = at_s1e1r(VA_BASE + 0x400000);
    CHECK("at-xlat-fault", par & 0x7f, 1 | (0x06 << 1));

    /* EL0: AP = 01 (EL0 RW) works, AP = 00 faults as a lower-EL abort. */
    l3[0] = (u64)pages[0] | D_PAGE | NORMAL | D_AP(1) | D_PXN;
    tlbi_va(VA_BASE);
    CHECK("el0-read", run_at_el0(el0_load, VA_BASE + 8), 0x1111);
    l3[0] = (u64)pages[0] | D_PAGE | NORMAL | D_AP(0);
    tlbi_va(VA_BASE);
    expect_exception(EXC_SKIP);
    run_at_el0(el0_load, VA_BASE + 8);
    CHECK("el0-fault-ec", EC(last_exc.esr), 0x24);
    CHECK("el0-fault-dfsc", DFSC(last_exc.esr), 0x0f);

    /* PAN: EL1 loses data access to EL0 pages. */
    if ((READ_SYSREG(id_aa64mmfr1_el1) >> 20) & 0xf) {
        l3[0] = (u64)pages[0] | D_PAGE | NORMAL | D_AP(1) | D_PXN;
        tlbi_va(VA_BASE);
        __asm__ volatile(".inst 0xd500419f" ::: "memory");     /* msr pan, #1 */
        expect_exception(EXC_SKIP);
        load(VA_BASE + 8);
        CHECK("pan-dfsc", DFSC(last_exc.esr), 0x0f);
        __asm__ volatile(".inst 0xd500409f" ::: "memory");     /* msr pan, #0 */
        CHECK("pan-off", load(VA_BASE + 8), 0x1111);
    }

    /* Hardware Access flag update (FEAT_HAFDBS). */
    if (READ_SYSREG(id_aa64mmfr1_el1) & 0xf) {
        WRITE_SYSREG(tcr_el1, READ_SYSREG(tcr_el1) | (1ul << 39));
        __asm__ volatile("isb");
        l3[0] = (u64)pages[0] | D_PAGE | D_ISH;
        tlbi_all();
        CHECK("ha-read", load(VA_BASE + 8), 0x1111);
        CHECK("ha-af-set", (l3[0] >> 10) & 1, 1);
    }
    return 0;
}
