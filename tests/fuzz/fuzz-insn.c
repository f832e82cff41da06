/*
 * fuzz-insn.c — random instruction streams at EL1 and EL0 (tests/fuzz).
 *
 * Each round fills one page with seeded random 32-bit words, biased
 * towards the system instruction space (MRS/MSR with random encodings,
 * SYS/TLBI/DC/IC/AT, MSR immediate to PSTATE fields, ERET, HVC, SMC, SVC,
 * WFI/WFE, barriers), ends it with "svc #0xf00d" and runs it at EL1 (EL1t,
 * on a scratch stack) or at EL0, with the MMU off or on (identity map,
 * fuzz-mmu.c style 2 MiB blocks built here). The exception vectors
 * (fuzz-vectors.S) skip the faulting instruction (ELR += 4) and count
 * exceptions; a round ends at the sentinel, when the code escapes its page,
 * after an exception budget, or at the EL1 physical timer's interrupt (the
 * guard against infinite loops).
 *
 * Some random writes break the harness (VBAR, SCTLR, timers, the GIC CPU
 * interface). Ordinary rounds filter the few writes that would, and the
 * harness repairs the rest between rounds; the last rounds ("chaos") run
 * unfiltered. Whatever happens to the guest, the test only judges the
 * emulator (run-fuzz.py): it must end by itself or by the runner's
 * timeout, never by a signal or an assertion.
 *
 * Parameters come from memory the runner fills with -device loader:
 * 0x40001000 seed, 0x40001008 rounds; 0x40001010 counts boots (a random
 * PSCI SYSTEM_RESET would otherwise replay the same run forever).
 */
#include "../guest/aarch64/test.h"

#define PARAM_SEED      (*(volatile u64 *)0x40001000ul)
#define PARAM_ROUNDS    (*(volatile u64 *)0x40001008ul)
#define PARAM_BOOTS     (*(volatile u64 *)0x40001010ul)

#define CODE_PA         0x40400000ul    /* 2 MiB block: the fuzzed page */
#define SCRATCH_PA      0x40600000ul    /* 2 MiB block: data and stacks */
#define CODE_WORDS      1024
#define EXC_BUDGET      4096

#define GICD_BASE       0x08000000ul
#define GICR_BASE       0x080a0000ul
#define SGI_BASE        (GICR_BASE + 0x10000ul)
#define INTID_PTIMER    30

typedef struct FuzzFrame {
    u64 x[31];
    u64 elr;
    u64 spsr;
    u64 sp;
    u64 pad[2];
} FuzzFrame;

enum { END_DONE, END_ESCAPE, END_BUDGET, END_TIMER, END_ASYNC, END_NR };
static const char *const end_names[END_NR] = {
    "sentinel", "escaped", "budget", "timer", "async"
};

extern char fz_vectors[];
extern char fz_round_end[];
void fz_enter(u64 pc, u64 spsr, u64 *regs, u64 sp);

static volatile int fz_active;
static u64 round_exc, total_exc, total_insn_words, last_in_page;
static u64 end_hist[END_NR], escapes;
static u64 ec_hist[64];
static u64 rng_state;
static u64 sctlr_base;
static u64 l1_table[512] __attribute__((aligned(4096)));
static u64 l2_table[512] __attribute__((aligned(4096)));

static u64 rnd(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

static u32 rnd_below(u32 n)
{
    return (u32)((rnd() >> 32) % n);
}

static void fz_end_round(FuzzFrame *f, int why)
{
    end_hist[why]++;
    f->elr = (u64)fz_round_end;
    f->spsr = 0x3c5;            /* EL1h, DAIF masked */
}

void fz_exc(u64 type, FuzzFrame *f);
void fz_exc(u64 type, FuzzFrame *f)
{
    u64 esr, ec;

    if (!fz_active) {
        puts_("FAIL harness exception: vector ");
        put_hex(type);
        puts_(" ESR ");
        put_hex(READ_SYSREG(esr_el1));
        puts_(" ELR ");
        put_hex(f->elr);
        uart_putc('\n');
        test_exit(1);
    }
    total_exc++;
    round_exc++;
    if ((type & 0x180) == 0x080) {
        u64 iar = READ_SYSREG(icc_iar1_el1) & 0xffffff;

        if (iar < 1020) {
            WRITE_SYSREG(icc_eoir1_el1, iar);
        }
        WRITE_SYSREG(cntp_ctl_el0, 0);
        fz_end_round(f, END_TIMER);
        return;
    }
    if ((type & 0x180) != 0) {
        fz_end_round(f, END_ASYNC);
        return;
    }
    esr = READ_SYSREG(esr_el1);
    ec = (esr >> 26) & 0x3f;
    ec_hist[ec]++;
    if (ec == 0x15 && (esr & 0xffff) == 0xf00d &&
        f->elr == CODE_PA + 4 * CODE_WORDS) {
        fz_end_round(f, END_DONE);
        return;
    }
    if (round_exc > EXC_BUDGET) {
        fz_end_round(f, END_BUDGET);
        return;
    }
    if (f->elr < CODE_PA || f->elr >= CODE_PA + 4 * CODE_WORDS) {
        /* Escaped (branch, ERET, vector change...): go on after the last
         * instruction known to have trapped inside the page, so that the
         * rest of the page still runs; each escape moves forward. */
        escapes++;
        last_in_page += 4;
        if (last_in_page >= CODE_PA + 4 * CODE_WORDS) {
            fz_end_round(f, END_ESCAPE);
            return;
        }
        f->elr = last_in_page;
        f->spsr &= ~((1ul << 7) | (1ul << 20) | (1ul << 21));
        return;
    }
    last_in_page = f->elr;
    /* SVC, HVC and SMC that executed already point past themselves. */
    if (ec != 0x15 && ec != 0x16 && ec != 0x17) {
        f->elr += 4;
    }
    /* Keep the timer guard usable and leave illegal-state / step
     * behind: clear PSTATE.I, IL and SS in what ERET restores. */
    f->spsr &= ~((1ul << 7) | (1ul << 20) | (1ul << 21));
}

/* ---- the generator ----------------------------------------------------- */

/* Writes that would break the harness in an ordinary round: SCTLR, CPACR,
 * TTBR0/1, TCR, MAIR, VBAR, the GIC CPU interface's PMR/IGRPEN1/SRE,
 * the timers and CNTKCTL, and the debug registers (op0 = 2). */
static int breaks_harness(u32 op0, u32 op1, u32 crn, u32 crm, u32 op2)
{
    if (op0 == 2) {
        return 1;
    }
    if (op0 != 3) {
        return 0;
    }
    if (op1 == 0 && (crn == 1 || crn == 2 || crn == 10)) {
        return 1;
    }
    if (op1 == 0 && crn == 12) {
        return 1;           /* VBAR, ICC_* */
    }
    if (op1 == 0 && crn == 4 && crm == 6) {
        return 1;           /* ICC_PMR_EL1 */
    }
    if (crn == 14) {
        return 1;           /* generic timer, CNTKCTL */
    }
    if (op1 == 0 && crn == 4 && crm == 0 && op2 == 0) {
        return 0;           /* SPSR_EL1: harmless, the handler rewrites it */
    }
    return 0;
}

static u32 gen_sysreg(int chaos)
{
    static const u8 op0s[] = { 2, 3, 3, 3, 3, 3 };
    static const u8 op1s[] = { 0, 0, 0, 3, 3, 4, 5, 6, 1, 2, 7 };
    u32 l = rnd_below(2), op0 = op0s[rnd_below(sizeof(op0s))];
    u32 op1 = op1s[rnd_below(sizeof(op1s))];
    u32 crn = rnd_below(16), crm = rnd_below(16), op2 = rnd_below(8);
    u32 rt = rnd_below(32);

    if (!l && !chaos && breaks_harness(op0, op1, crn, crm, op2)) {
        l = 1;              /* read it instead */
    }
    if (l && op0 == 3 && op1 == 0 && crn == 12 && crm == 12 && op2 == 0 && !chaos) {
        crm = 11;           /* ICC_IAR1_EL1 would eat the guard interrupt */
    }
    return 0xd5000000u | (l << 21) | (op0 << 19) | (op1 << 16) | (crn << 12) |
           (crm << 8) | (op2 << 5) | rt;
}

static u32 gen_sys_op(void)
{
    /* SYS/SYSL (op0 = 1): TLBI (CRn 8/9), DC/IC/AT (CRn 7), and others. */
    static const u8 crns[] = { 7, 7, 8, 8, 9, 7, 1, 0, 11, 15 };
    u32 l = rnd_below(8) == 0;
    u32 op1 = rnd_below(8), crn = crns[rnd_below(sizeof(crns))];
    u32 crm = rnd_below(16), op2 = rnd_below(8), rt = rnd_below(32);

    return 0xd5080000u | (l << 21) | (op1 << 16) | (crn << 12) | (crm << 8) |
           (op2 << 5) | rt;
}

static u32 gen_pstate(int el1, int chaos)
{
    /* MSR (immediate): op0 = 0, CRn = 4. */
    u32 op1 = rnd_below(8), crm = rnd_below(16), op2 = rnd_below(8);

    if (!chaos && el1 && op1 == 3 && (op2 == 6 || op2 == 7)) {
        crm &= ~2u;         /* DAIFSet/DAIFClr: leave I alone */
    }
    return 0xd500401fu | (op1 << 16) | (crm << 8) | (op2 << 5);
}

static u32 gen_special(void)
{
    static const u32 fixed[] = {
        0xd69f03e0u,    /* ERET */
        0xd69f0bffu,    /* ERETAA */
        0xd69f0fffu,    /* ERETAB */
        0xd6bf03e0u,    /* DRPS */
        0xd503207fu,    /* WFI */
        0xd503205fu,    /* WFE */
        0xd503209fu,    /* SEV */
        0xd50320bfu,    /* SEVL */
        0xd503203fu,    /* YIELD */
        0xd5033fdfu,    /* ISB */
        0xd5033f9fu,    /* DSB SY */
        0xd5033bbfu,    /* DMB ISH */
        0xd503305fu,    /* CLREX */
        0xd50330ffu,    /* SB */
        0xd503233fu,    /* PACIASP */
        0xd50323bfu,    /* AUTIASP */
        0xd503201fu,    /* NOP */
        0xd503221fu,    /* ESB */
        0xd503229fu,    /* CSDB */
        0xd500401fu,    /* CFINV */
    };
    u32 imm = (u32)rnd() & 0xffff;

    switch (rnd_below(10)) {
    case 0: return 0xd4000001u | (imm << 5);        /* SVC */
    case 1: return 0xd4000002u | (imm << 5);        /* HVC */
    case 2: return 0xd4000003u | (imm << 5);        /* SMC */
    case 3: return 0xd4200000u | (imm << 5);        /* BRK */
    case 4: return 0xd4400000u | (imm << 5);        /* HLT */
    case 5: return 0xd5031000u | rnd_below(32) | (rnd_below(2) << 5); /* WFET/WFIT */
    case 6: return 0xd4a00001u | (imm << 5) | rnd_below(3); /* DCPS1-3 */
    default: return fixed[rnd_below(sizeof(fixed) / sizeof(fixed[0]))];
    }
}

static u32 gen_word(int el1, int chaos)
{
    u32 r = (u32)(rnd() >> 32);

    switch (rnd_below(22)) {
    case 0: case 1: case 2: case 3: case 4:
        return r;                                   /* anything */
    case 5: case 6: case 7: case 8: case 9: case 10:
        return gen_sysreg(chaos);
    case 11: case 12:
        return gen_sys_op();
    case 13: case 14:
        return gen_pstate(el1, chaos);
    case 15: case 16:
        return gen_special();
    case 17: case 18:
        /* loads and stores: op0 = x1x0 */
        return (r & ~(1u << 25)) | (1u << 27);
    case 19:
        /* branches, mostly within the page: B/BL, B.cond, CBZ/CBNZ, TBZ */
        switch (rnd_below(4)) {
        case 0: return (r & 0x80000000u) | 0x14000000u | ((u32)(rnd_below(256) - 128) & 0x3ffffff);
        case 1: return 0x54000000u | (((u32)(rnd_below(256) - 128) & 0x7ffff) << 5) | (r & 0xf);
        case 2: return (r & 0x81000000u) | 0x34000000u | (((u32)(rnd_below(256) - 128) & 0x7ffff) << 5) | (r & 31);
        default: return (r & 0x8000001fu) | 0x36000000u | (r & 0x01f80000u) | ((u32)(rnd_below(256) - 128) & 0x3fff) << 5;
        }
    default:
        /* data processing (immediate, register), SIMD and FP */
    {
        /* op0 (bits 28:25): 100x DP immediate, x101 DP register, x111 SIMD/FP */
        static const u8 op0s[] = { 0x8, 0x9, 0x5, 0xd, 0x7, 0xf };

        return (r & ~(0xfu << 25)) | ((u32)op0s[rnd_below(sizeof(op0s))] << 25);
    }
    }
}

/* ---- machine set-up ---------------------------------------------------- */

static void wr32(u64 a, u32 v)
{
    *(volatile u32 *)a = v;
}

static u32 rd32(u64 a)
{
    return *(volatile u32 *)a;
}

static void gic_init(void)
{
    wr32(GICD_BASE + 0x0, (1u << 4) | (1u << 1));          /* ARE, EnableGrp1 */
    wr32(GICR_BASE + 0x14, rd32(GICR_BASE + 0x14) & ~2u);   /* WAKER.ProcessorSleep */
    for (int i = 0; i < 1000 && (rd32(GICR_BASE + 0x14) & 4u); i++) {
    }
    wr32(SGI_BASE + 0x80, 0xffffffffu);                     /* IGROUPR0 */
    *(volatile u8 *)(SGI_BASE + 0x400 + INTID_PTIMER) = 0x80;
    wr32(SGI_BASE + 0x100, 1u << INTID_PTIMER);             /* ISENABLER0 */
}

/* Undo what a round may have done to the harness's own state. */
static void harness_repair(void)
{
    WRITE_SYSREG(vbar_el1, (u64)fz_vectors);
    WRITE_SYSREG(sctlr_el1, sctlr_base);
    WRITE_SYSREG(cpacr_el1, 3ul << 20);
    WRITE_SYSREG(mdscr_el1, 0);
    WRITE_SYSREG(cntp_ctl_el0, 0);
    WRITE_SYSREG(cntkctl_el1, 0);
    wr32(SGI_BASE + 0x380, 1u << INTID_PTIMER);             /* ICACTIVER0 */
    wr32(SGI_BASE + 0x100, 1u << INTID_PTIMER);
    wr32(GICD_BASE + 0x0, (1u << 4) | (1u << 1));
    WRITE_SYSREG(icc_sre_el1, READ_SYSREG(icc_sre_el1) | 1);
    __asm__ volatile("isb");
    WRITE_SYSREG(icc_pmr_el1, 0xff);
    WRITE_SYSREG(icc_bpr1_el1, 0);
    WRITE_SYSREG(icc_ap1r0_el1, 0);
    WRITE_SYSREG(icc_ctlr_el1, 0);
    WRITE_SYSREG(icc_igrpen1_el1, 1);
    __asm__ volatile("isb");
}

#define PTE_VALID   1ul
#define PTE_TABLE   3ul
#define PTE_ATTR(i) ((u64)(i) << 2)
#define PTE_AP(a)   ((u64)(a) << 6)
#define PTE_SH_IN   (3ul << 8)
#define PTE_AF      (1ul << 10)
#define PTE_PXN     (1ul << 53)
#define PTE_UXN     (1ul << 54)

static void mmu_tables(void)
{
    l1_table[0] = 0 | PTE_VALID | PTE_ATTR(0) | PTE_AF | PTE_PXN | PTE_UXN;
    l1_table[1] = (u64)l2_table | PTE_TABLE;
    for (u64 i = 0; i < 512; i++) {
        u64 pa = 0x40000000ul + (i << 21);
        u64 e = pa | PTE_VALID | PTE_ATTR(1) | PTE_AF | PTE_SH_IN;

        if (pa == CODE_PA) {
            e |= PTE_AP(3);                 /* read-only, executable at EL0 and EL1 */
        } else if (pa == SCRATCH_PA) {
            e |= PTE_AP(1);                 /* EL0 read/write */
        } else {
            e |= PTE_UXN;                   /* the harness: EL1 only */
        }
        l2_table[i] = e;
    }
}

static void mmu_on(void)
{
    WRITE_SYSREG(mair_el1, 0xff00ul);
    WRITE_SYSREG(tcr_el1, 32 | (1ul << 8) | (1ul << 10) | (3ul << 12) | (1ul << 23) |
                 (2ul << 32));
    WRITE_SYSREG(ttbr0_el1, (u64)l1_table);
    __asm__ volatile("isb\n\ttlbi vmalle1\n\tdsb nsh\n\tisb" ::: "memory");
    WRITE_SYSREG(sctlr_el1, sctlr_base | 1 | (1ul << 2) | (1ul << 12));
    __asm__ volatile("isb");
}

static void put_stat(const char *name, u64 v)
{
    puts_(name);
    puts_("=");
    put_dec(v);
    uart_putc(' ');
}

int main(void)
{
    u64 seed = PARAM_SEED, rounds = PARAM_ROUNDS;
    u64 freq = READ_SYSREG(cntfrq_el0);
    u64 regs[31];
    volatile u32 *code = (volatile u32 *)CODE_PA;

    if (PARAM_BOOTS++ != 0) {
        puts_("fuzz-insn: the guest reset itself (random PSCI call); stopping\n");
        return 0;
    }
    if (!rounds) {
        rounds = 200;
    }
    rng_state = seed ? seed : 1;
    puts_("fuzz-insn: seed ");
    put_dec(seed);
    puts_(" rounds ");
    put_dec(rounds);
    uart_putc('\n');

    sctlr_base = READ_SYSREG(sctlr_el1) & ~((1ul << 0) | (1ul << 2) | (1ul << 12) |
                                            (1ul << 19));
    mmu_tables();
    gic_init();
    harness_repair();

    for (u64 r = 0; r < rounds; r++) {
        int el1 = (r & 1) == 0;
        int mmu = rnd_below(3) == 0;
        int chaos = r >= rounds - rounds / 20;
        u64 spsr;

        for (int i = 0; i < CODE_WORDS - 1; i++) {
            code[i] = gen_word(el1, chaos);
        }
        code[CODE_WORDS - 1] = 0xd4000001u | (0xf00du << 5);   /* svc #0xf00d */
        total_insn_words += CODE_WORDS - 1;
        __asm__ volatile("dsb sy\n\tic iallu\n\tdsb sy\n\tisb" ::: "memory");

        for (int i = 0; i < 31; i++) {
            u64 v = rnd();

            if (i < 8) {
                v = SCRATCH_PA + 0x1000 + (v & 0xfff8);     /* pointers into scratch */
            } else if (i < 16) {
                v &= 0xff;
            }
            regs[i] = v;
        }
        harness_repair();
        if (mmu) {
            mmu_on();
        }
        WRITE_SYSREG(cntp_tval_el0, freq / 1000 * 20);      /* 20 ms guard */
        WRITE_SYSREG(cntp_ctl_el0, 1);
        __asm__ volatile("isb");
        round_exc = 0;
        last_in_page = CODE_PA - 4;
        fz_active = 1;
        spsr = el1 ? 0x4 : 0x0;     /* EL1t or EL0t, DAIF clear */
        fz_enter(CODE_PA, spsr, regs, SCRATCH_PA + 0x100000);
        fz_active = 0;
        WRITE_SYSREG(cntp_ctl_el0, 0);
        WRITE_SYSREG(sctlr_el1, sctlr_base);
        __asm__ volatile("isb");
        if ((r & 63) == 63 || r == rounds - 1) {
            puts_("fuzz-insn: round ");
            put_dec(r + 1);
            puts_(" exceptions ");
            put_dec(total_exc);
            uart_putc('\n');
        }
    }
    puts_("fuzz-insn: done; ");
    put_stat("words", total_insn_words);
    put_stat("exceptions", total_exc);
    put_stat("escapes", escapes);
    for (int i = 0; i < END_NR; i++) {
        put_stat(end_names[i], end_hist[i]);
    }
    uart_putc('\n');
    puts_("fuzz-insn: exception classes:");
    for (int i = 0; i < 64; i++) {
        if (ec_hist[i]) {
            puts_(" ");
            put_hex((u64)i);
            puts_(":");
            put_dec(ec_hist[i]);
        }
    }
    uart_putc('\n');
    return 0;
}
