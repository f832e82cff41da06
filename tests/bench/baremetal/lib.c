/*
 * lib.c — console, allocator, failure paths and the few libc functions the
 * compiler may call, for the bare-metal benchmark programs (bench.h).
 */
#include "bench.h"

/* PL011 UART of the virt board (PrimeCell UART TRM, section 3.2). */
#define UART_BASE 0x09000000ul
#define UART_DR   0x000
#define UART_FR   0x018
#define UART_CR   0x030
#define FR_TXFF   (1u << 5)
#define CR_UARTEN (1u << 0)
#define CR_TXE    (1u << 8)
#define CR_RXE    (1u << 9)

static inline void mmio_write32(uintptr_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}

static inline uint32_t mmio_read32(uintptr_t addr)
{
    return *(volatile uint32_t *)addr;
}

static int uart_ready;

void bench_putc(char c)
{
    if (!uart_ready) {
        /* Firmware would have enabled the UART; there is none here. */
        mmio_write32(UART_BASE + UART_CR, CR_UARTEN | CR_TXE | CR_RXE);
        uart_ready = 1;
    }
    if (c == '\n') {
        bench_putc('\r');
    }
    while (mmio_read32(UART_BASE + UART_FR) & FR_TXFF) {
    }
    mmio_write32(UART_BASE + UART_DR, (uint8_t)c);
}

void bench_puts(const char *s)
{
    while (*s) {
        bench_putc(*s++);
    }
}

void bench_put_hex(uint64_t v)
{
    for (int i = 60; i >= 0; i -= 4) {
        bench_putc("0123456789abcdef"[(v >> i) & 15]);
    }
}

void bench_put_dec(uint64_t v)
{
    char buf[24];
    int n = 0;

    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n) {
        bench_putc(buf[--n]);
    }
}

void bench_result(const char *name, uint64_t checksum)
{
    bench_puts("RESULT ");
    bench_puts(name);
    bench_putc(' ');
    bench_put_hex(checksum);
    bench_putc('\n');
}

void bench_fail(const char *what)
{
    bench_puts("ERROR ");
    bench_puts(what);
    bench_putc('\n');
    bench_poweroff();
}

/* Called from every entry of the vector table (start.S). */
void bench_exception(uint64_t idx, uint64_t esr, uint64_t elr, uint64_t far)
    __attribute__((noreturn));
void bench_exception(uint64_t idx, uint64_t esr, uint64_t elr, uint64_t far)
{
    bench_puts("ERROR exception vector ");
    bench_put_dec(idx);
    bench_puts(" esr=");
    bench_put_hex(esr);
    bench_puts(" elr=");
    bench_put_hex(elr);
    bench_puts(" far=");
    bench_put_hex(far);
    bench_putc('\n');
    bench_poweroff();
}

extern char __heap_start[];
static uintptr_t heap_next = (uintptr_t)__heap_start;

void *bench_alloc(size_t size, size_t align)
{
    uintptr_t p = (heap_next + align - 1) & ~(uintptr_t)(align - 1);

    if (p + size > BENCH_RAM_BASE + BENCH_RAM_SIZE || p + size < p) {
        bench_fail("out of memory");
    }
    heap_next = p + size;
    return (void *)p;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;

    while (n--) {
        *d++ = *s++;
    }
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;

    if (d < s) {
        while (n--) {
            *d++ = *s++;
        }
    } else {
        while (n--) {
            d[n] = s[n];
        }
    }
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    uint8_t *d = dst;

    while (n--) {
        *d++ = (uint8_t)c;
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;

    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i]) {
            return x[i] < y[i] ? -1 : 1;
        }
    }
    return 0;
}
