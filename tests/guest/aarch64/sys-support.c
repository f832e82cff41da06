/*
 * sys-support.c — the system tests' additions to the guest framework
 * (sys-support.h): exception dispatch with IRQ and sync hooks, secondary
 * CPUs through PSCI CPU_ON, counter-based timeouts, and the identity map
 * of the SMP tests.
 */
#include "sys-support.h"

volatile SysIrqHook sys_irq_hook;
volatile SysSyncHook sys_sync_hook;
volatile SysExcRecord sys_exc;
SysCpuBoot sys_cpu_boot[SYS_MAX_CPUS];

static u8 sys_cpu_stacks[SYS_MAX_CPUS][16384] __attribute__((aligned(16)));

void sys_install_vectors(void)
{
    WRITE_SYSREG(vbar_el1, (u64)sys_vectors);
    ISB();
}

void sys_record(u64 type, ExcFrame *f)
{
    sys_exc.type = type;
    sys_exc.esr = READ_SYSREG(esr_el1);
    sys_exc.far = READ_SYSREG(far_el1);
    sys_exc.elr = f->elr;
    sys_exc.spsr = f->spsr;
    sys_exc.count++;
}

static void sys_fatal(const char *what, u64 type, ExcFrame *f)
{
    puts_("FAIL ");
    puts_(what);
    puts_(": vector ");
    put_hex(type);
    puts_(" ESR ");
    put_hex(READ_SYSREG(esr_el1));
    puts_(" ELR ");
    put_hex(f->elr);
    uart_putc('\n');
    test_exit(1);
}

void sys_exc_dispatch(u64 type, ExcFrame *f)
{
    switch (type & 0x180) {
    case 0x000:                 /* synchronous */
        if (sys_sync_hook && sys_sync_hook(type, f)) {
            return;
        }
        exc_handler(type, f);
        return;
    case 0x080:                 /* IRQ */
    case 0x100:                 /* FIQ */
        if (sys_irq_hook) {
            sys_irq_hook(type, f);
            return;
        }
        sys_fatal("unexpected interrupt", type, f);
        return;
    default:
        sys_fatal("unexpected SError", type, f);
    }
}

u64 sys_counter(void)
{
    ISB();
    return READ_SYSREG(cntvct_el0);
}

u64 sys_deadline_ms(u64 ms)
{
    return sys_counter() + READ_SYSREG(cntfrq_el0) / 1000 * ms;
}

int sys_expired(u64 deadline)
{
    return sys_counter() > deadline;
}

unsigned sys_cpu_index(void)
{
    return (unsigned)(READ_SYSREG(mpidr_el1) & 0xff);
}

u64 sys_cpu_on_raw(u64 mpidr, u64 entry, u64 context_id)
{
    return psci_call(PSCI_CPU_ON64, mpidr, entry, context_id);
}

u64 sys_cpu_on(u64 mpidr, void (*fn)(u64), u64 arg)
{
    unsigned i = (unsigned)(mpidr & 0xff);
    SysCpuBoot *b;

    if (i >= SYS_MAX_CPUS) {
        return PSCI_INVALID_PARAMS;
    }
    b = &sys_cpu_boot[i];
    memset(b, 0, sizeof(*b));
    b->sp = (u64)&sys_cpu_stacks[i][sizeof(sys_cpu_stacks[i])];
    b->fn = (u64)fn;
    b->arg = arg;
    DSB_SY();
    return sys_cpu_on_raw(mpidr, (u64)sys_secondary_entry, (u64)b);
}

/* ---- Identity map for the SMP tests (D8: VMSAv8-64 translation) --------- */

#define PTE_BLOCK       0x1ul
#define PTE_ATTRIDX(i)  ((u64)(i) << 2)
#define PTE_SH_INNER    (3ul << 8)
#define PTE_AF          (1ul << 10)
#define PTE_PXN         (1ul << 53)
#define PTE_UXN         (1ul << 54)

static u64 sys_l1_table[512] __attribute__((aligned(4096)));
static volatile int sys_l1_built;

void sys_mmu_identity_on(void)
{
    u64 tcr, sctlr;

    if (!sys_l1_built) {
        sys_l1_table[0] = 0x00000000ul | PTE_BLOCK | PTE_ATTRIDX(0) | PTE_AF |
                          PTE_PXN | PTE_UXN;
        sys_l1_table[1] = 0x40000000ul | PTE_BLOCK | PTE_ATTRIDX(1) | PTE_AF |
                          PTE_SH_INNER;
        DSB_SY();
        sys_l1_built = 1;
    }
    /* MAIR: Attr0 Device-nGnRnE, Attr1 Normal WB RW-allocate. */
    WRITE_SYSREG(mair_el1, 0xff00ul);
    /* T0SZ = 32 (4 GiB, start at level 1), IRGN0/ORGN0 WB WA, SH0 inner,
     * TG0 4K, EPD1 (no TTBR1 walks), IPS 40 bits. */
    tcr = 32 | (1ul << 8) | (1ul << 10) | (3ul << 12) | (0ul << 14) | (1ul << 23) |
          (2ul << 32);
    WRITE_SYSREG(tcr_el1, tcr);
    WRITE_SYSREG(ttbr0_el1, (u64)sys_l1_table);
    ISB();
    __asm__ volatile("tlbi vmalle1\n\tdsb nsh\n\tisb" ::: "memory");
    sctlr = READ_SYSREG(sctlr_el1);
    sctlr |= (1ul << 0) | (1ul << 2) | (1ul << 12);     /* M, C, I */
    WRITE_SYSREG(sctlr_el1, sctlr);
    ISB();
}

void sys_mmu_off(void)
{
    u64 sctlr = READ_SYSREG(sctlr_el1);

    WRITE_SYSREG(sctlr_el1, sctlr & ~1ul);
    ISB();
}
