/*
 * hello.c — the smallest bare-metal program: proves the emulator runs guest
 * code, prints on the UART and powers off. The runner tries it first.
 */
#include "bench.h"

int main(void)
{
    uint64_t s = 1;

    bench_puts("hello from the benchmark runtime\n");
    bench_result("hello", bench_rand(&s));
    return 0;
}
