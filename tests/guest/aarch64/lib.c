/*
 * lib.c — the bare-metal test framework (test.h): PL011 output, checks,
 * the exception handler, PSCI.
 */
#include "test.h"

#define UART_BASE 0x09000000ul
#define UART_DR 0x00
#define UART_FR 0x18
#define UART_FR_TXFF (1u << 5)

#define PSCI_SYSTEM_OFF 0x84000008ul

volatile ExcRecord last_exc;
static int exc_mode;
static int n_pass, n_fail;
extern char el0_return[];

void *memset(void *d, int c, unsigned long n)
{
    volatile u8 *p = d;

    while (n--) {
        *p++ = (u8)c;
    }
    return d;
}

void *memcpy(void *d, const void *s, unsigned long n)
{
    volatile u8 *p = d;
    const u8 *q = s;

    while (n--) {
        *p++ = *q++;
    }
    return d;
}

void uart_putc(char c)
{
    volatile u32 *fr = (u32 *)(UART_BASE + UART_FR);
    volatile u32 *dr = (u32 *)(UART_BASE + UART_DR);

    if (c == '\n') {
        uart_putc('\r');
    }
    while (*fr & UART_FR_TXFF) {
    }
    *dr = (u8)c;
}

void puts_(const char *s)
{
    while (*s) {
        uart_putc(*s++);
    }
}

void put_hex(u64 v)
{
    puts_("0x");
    for (int i = 60; i >= 0; i -= 4) {
        uart_putc("0123456789abcdef"[(v >> i) & 15]);
    }
}

void put_dec(u64 v)
{
    char buf[24];
    int i = 0;

    do {
        buf[i++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (i) {
        uart_putc(buf[--i]);
    }
}

int check_u64(const char *name, u64 got, u64 expected)
{
    if (got == expected) {
        n_pass++;
        puts_("PASS ");
        puts_(name);
        uart_putc('\n');
        return 1;
    }
    n_fail++;
    puts_("FAIL ");
    puts_(name);
    puts_(": got ");
    put_hex(got);
    puts_(", expected ");
    put_hex(expected);
    uart_putc('\n');
    return 0;
}

int check_true(const char *name, int cond)
{
    return check_u64(name, cond != 0, 1);
}

void expect_exception(int mode)
{
    exc_mode = mode;
}

int exc_count(void)
{
    return last_exc.count;
}

u64 psci_call(u64 fn, u64 a1, u64 a2, u64 a3)
{
    register u64 x0 __asm__("x0") = fn;
    register u64 x1 __asm__("x1") = a1;
    register u64 x2 __asm__("x2") = a2;
    register u64 x3 __asm__("x3") = a3;

    __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) :: "memory");
    return x0;
}

void test_exit(int status)
{
    puts_("END: ");
    put_dec((u64)n_pass);
    puts_(" passed, ");
    put_dec((u64)n_fail);
    puts_(" failed\n");
    psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
    puts_("FAIL psci-system-off: still running\n");
    for (;;) {
        __asm__ volatile("wfi");
    }
}

void exc_handler(u64 type, ExcFrame *f)
{
    u64 esr = READ_SYSREG(esr_el1);

    /* Back from run_at_el0: SVC #0xffff from EL0 (framework machinery,
     * not recorded). */
    if (type == 0x400 && (esr >> 26) == 0x15 && (esr & 0xffff) == 0xffff) {
        f->elr = (u64)el0_return;
        f->spsr = 0x3c5;            /* EL1h, DAIF masked */
        return;
    }
    if (exc_mode == EXC_ABORT_EL0 && type >= 0x400 && type < 0x600) {
        f->x[0] = 0x1000 | (esr >> 26);
        f->elr = (u64)el0_return;
        f->spsr = 0x3c5;
        return;
    }
    /* A software step exception ends stepping (as a debugger would):
     * otherwise the next instruction steps again (active-pending). */
    if ((esr >> 26) == 0x32 || (esr >> 26) == 0x33) {
        WRITE_SYSREG(mdscr_el1, READ_SYSREG(mdscr_el1) & ~1ul);
    }
    last_exc.count++;
    last_exc.type = type;
    last_exc.esr = esr;
    last_exc.far = READ_SYSREG(far_el1);
    last_exc.elr = f->elr;
    last_exc.spsr = f->spsr;

    if ((type & 0x7f) == 0 && exc_mode != EXC_FATAL) {
        if (exc_mode == EXC_SKIP) {
            f->elr += 4;
        } else if (exc_mode == EXC_RESUME_LR) {
            f->elr = f->x[30];
        }
        exc_mode = EXC_FATAL;
        return;
    }
    puts_("FAIL unexpected exception: vector ");
    put_hex(type);
    puts_(" ESR ");
    put_hex(esr);
    puts_(" ELR ");
    put_hex(f->elr);
    puts_(" FAR ");
    put_hex(last_exc.far);
    uart_putc('\n');
    n_fail++;
    test_exit(1);
}
