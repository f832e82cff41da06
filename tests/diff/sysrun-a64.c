/*
 * sysrun-a64.c — Turtle's side of the A64 differential test in "system"
 * mode: a bare-metal program (built on the tests/guest/aarch64 framework)
 * that runs each case of a case file as EL0 code under the whole
 * emulator: translator, backend, softmmu TLB and the MMU.
 *
 *     turtle-system-aarch64 -M virt -cpu max -nographic -kernel sysrun-a64.elf
 *         -device loader,file=cases.bin,addr=0x48000000
 *
 * The MMU maps the RAM one to one like a Linux process sees its memory
 * (Normal write-back, TBI0): the 2 MiB holding the case code and data at
 * A64_CODE_BASE/A64_DATA_BASE is EL0 read/write/execute, the rest EL1
 * only. For each case it prints one line
 *     R <case> <status> <x0> ... <x30> <nzcv> <hash of v0-v31> <hash of sandbox>
 * (hex; hashes are FNV-1a 64), then "END: ..." like the guest tests.
 * run-diff.py --mode system compares the lines with the oracle's results.
 */
#include "test.h"
#include "a64-case.h"

#define CASES_ADDR 0x48000000ul
#define EL0_BLOCK 0x40200000ul          /* one 2 MiB block: code and data */
#define TRAMPOLINE (A64_CODE_BASE + 0xff000)

static u64 l1[512] __attribute__((aligned(4096)));
static u64 l2[512] __attribute__((aligned(4096)));

/* Block descriptors (Arm ARM D8.3): AttrIndx 4:2, AP 7:6, SH 9:8, AF 10,
 * PXN 53, UXN 54. */
#define DESC_BLOCK 0x1ul
#define DESC_TABLE 0x3ul
#define ATTR_DEVICE (0ul << 2)
#define ATTR_NORMAL (1ul << 2)
#define AP_EL0_RW (1ul << 6)
#define SH_INNER (3ul << 8)
#define AF (1ul << 10)
#define PXN (1ul << 53)
#define UXN (1ul << 54)

static void mmu_on(void)
{
    /* L1[0]: 0-1 GiB devices (EL1 only); L1[1]: 1-2 GiB RAM through L2. */
    l1[0] = 0x00000000ul | DESC_BLOCK | ATTR_DEVICE | AF | PXN | UXN;
    l1[1] = (u64)l2 | DESC_TABLE;
    for (u64 i = 0; i < 512; i++) {
        u64 pa = 0x40000000ul + (i << 21);

        l2[i] = pa | DESC_BLOCK | ATTR_NORMAL | SH_INNER | AF | UXN;
        if (pa == EL0_BLOCK) {
            l2[i] = pa | DESC_BLOCK | ATTR_NORMAL | SH_INNER | AF | AP_EL0_RW | PXN;
        }
    }
    WRITE_SYSREG(mair_el1, 0xff00);             /* attr0 Device-nGnRnE, attr1 WB */
    /* T0SZ=25 (39-bit), WB cacheable walks, inner shareable, 4 KiB granule,
     * EPD1 (no TTBR1 walks), IPS 40 bits, TBI0. */
    WRITE_SYSREG(tcr_el1, 25ul | (1ul << 8) | (1ul << 10) | (3ul << 12) |
                 (1ul << 23) | (2ul << 32) | (1ul << 37));
    WRITE_SYSREG(ttbr0_el1, (u64)l1);
    __asm__ volatile("dsb sy\n\ttlbi vmalle1\n\tdsb sy\n\tisb");
    /* M, C, I; EL0 may use DC ZVA, CTR/cache maintenance, WFI/WFE;
     * SPAN (PAN unchanged on exceptions). */
    WRITE_SYSREG(sctlr_el1, (1ul << 0) | (1ul << 2) | (1ul << 12) | (1ul << 14) |
                 (1ul << 15) | (1ul << 16) | (1ul << 18) | (1ul << 23) | (1ul << 26) |
                 (1ul << 11) | (1ul << 20) | (1ul << 22) | (1ul << 28) | (1ul << 29));
    __asm__ volatile("isb");
}

static u64 fnv(const u8 *p, unsigned n)
{
    u64 h = 0xcbf29ce484222325ul;

    for (unsigned i = 0; i < n; i++) {
        h = (h ^ p[i]) * 0x100000001b3ul;
    }
    return h;
}

static void put_hex_short(u64 v)
{
    for (int i = 60; i >= 0; i -= 4) {
        uart_putc("0123456789abcdef"[(v >> i) & 15]);
    }
}

int main(void)
{
    const u8 *in = (const u8 *)CASES_ADDR;
    u8 *code = (u8 *)A64_CODE_BASE;
    u8 *data = (u8 *)A64_DATA_BASE;
    u8 *state = (u8 *)A64_STATE_BASE;
    u32 ncases;
    const u8 *p;

    if (*(const u32 *)in != A64_CASE_MAGIC) {
        puts_("FAIL no case file at 0x48000000\n");
        return 1;
    }
    ncases = *(const u32 *)(in + 4);
    puts_("ID ");
    put_hex_short(READ_SYSREG(id_aa64isar0_el1));
    uart_putc(' ');
    put_hex_short(READ_SYSREG(id_aa64isar1_el1));
    uart_putc(' ');
    put_hex_short(READ_SYSREG(id_aa64mmfr1_el1));
    uart_putc(' ');
    put_hex_short(READ_SYSREG(dczid_el0));
    uart_putc('\n');
    mmu_on();
    /* EL0 trampoline: SP = x0 (the state area), then the case's code. */
    *(u32 *)TRAMPOLINE = 0x9100001f;                                   /* mov sp, x0 */
    *(u32 *)(TRAMPOLINE + 4) = 0x14000000 |
        (u32)(((A64_CODE_BASE - (TRAMPOLINE + 4)) >> 2) & 0x3ffffff);  /* b code */
    *(u32 *)(TRAMPOLINE + 8) = 0xd41fffe1;                             /* svc #0xffff */
    expect_exception(EXC_ABORT_EL0);

    p = in + 8;
    for (u32 c = 0; c < ncases; c++) {
        const A64CaseHeader *h = (const A64CaseHeader *)p;
        const u8 *words = p + sizeof(*h);
        u64 status, ret = TRAMPOLINE + 8;

        memcpy(code, words, h->nwords * 4ul);
        memcpy(data, h->sandbox, A64_SANDBOX_SIZE);
        memset(state, 0, A64_STATE_SIZE);
        memcpy(state, h->x, sizeof(h->x));
        memcpy(state + A64_OFF_NZCV, &h->nzcv, 8);
        memcpy(state + A64_OFF_V, h->v, sizeof(h->v));
        memcpy(state + A64_OFF_RET, &ret, 8);
        __asm__ volatile("dsb ish\n\tic iallu\n\tdsb ish\n\tisb" ::: "memory");
        status = run_at_el0((u64 (*)(u64))TRAMPOLINE, A64_STATE_BASE);
        /* The normal return leaves the trampoline's SVC in x0's place: the
         * status is whatever x0 held; only the 0x1000 | EC form counts. */
        status = (status & ~0x3ful) == 0x1000 ? status : 0;
        puts_("R ");
        put_dec(c);
        uart_putc(' ');
        put_hex_short(status);
        for (int i = 0; i < 32; i++) {
            uart_putc(' ');
            put_hex_short(((const u64 *)state)[i]);     /* x0-x30, nzcv */
        }
        uart_putc(' ');
        put_hex_short(fnv(state + A64_OFF_V, 512));
        uart_putc(' ');
        put_hex_short(fnv(data, A64_SANDBOX_SIZE));
        uart_putc('\n');
        p = words + ((h->nwords * 4ul + 7) & ~7ul);
    }
    check_true("sysrun-cases-ran", 1);
    return 0;
}
