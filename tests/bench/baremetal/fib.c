/*
 * fib.c — call/return workload: the doubly recursive Fibonacci function,
 * tens of millions of calls and returns (BL/RET pairs, stack frames).
 */
#include "bench.h"

#ifndef FIB_N
#define FIB_N 40
#endif

static uint64_t __attribute__((noinline)) fib(uint32_t n)
{
    if (n < 2) {
        return n;
    }
    return fib(n - 1) + fib(n - 2);
}

int main(void)
{
    /* The bound is read through a volatile so nothing is folded at build
     * time. */
    volatile uint32_t n = FIB_N;
    uint64_t a = 0, b = 1, r = fib(n);

    for (uint32_t i = 0; i < n; i++) {
        uint64_t t = a + b;

        a = b;
        b = t;
    }
    if (r != a) {
        bench_fail("fib disagrees with the iterative value");
    }
    bench_result("fib", r);
    return 0;
}
