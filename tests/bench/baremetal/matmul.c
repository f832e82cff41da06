/*
 * matmul.c — floating-point workload: C = A x B for 200 x 200 matrices of
 * doubles, in the textbook i-j-k order (a dot product per element, whose
 * additions the compiler must keep in order: scalar FMADD, no vectors).
 * The result's bit patterns are hashed, so both emulators must round
 * exactly alike.
 */
#include "bench.h"

#define DIM 200
#ifndef MATMUL_REPS
#define MATMUL_REPS 48
#endif

static double a[DIM][DIM], b[DIM][DIM], c[DIM][DIM];

static void matmul(void)
{
    for (int i = 0; i < DIM; i++) {
        for (int j = 0; j < DIM; j++) {
            double s = 0.0;

            for (int k = 0; k < DIM; k++) {
                s += a[i][k] * b[k][j];
            }
            c[i][j] = s;
        }
    }
}

static double unit(uint64_t *seed)
{
    /* 53 random bits, signed, scaled into [-1, 1). */
    return (double)((int64_t)bench_rand(seed) >> 11) / (double)(1ull << 52);
}

int main(void)
{
    uint64_t seed = 99, h = 0;

    for (int i = 0; i < DIM; i++) {
        for (int j = 0; j < DIM; j++) {
            a[i][j] = unit(&seed);
            b[i][j] = unit(&seed);
        }
    }
    for (int r = 0; r < MATMUL_REPS; r++) {
        matmul();
        /* Feed the result back so no repetition can be skipped. */
        a[r % DIM][r % DIM] += c[DIM - 1][r % DIM] * 0.5;
    }
    for (int i = 0; i < DIM; i++) {
        for (int j = 0; j < DIM; j++) {
            union { double d; uint64_t u; } v = { c[i][j] };

            h = (h ^ v.u) * 0x100000001b3ull;
        }
    }
    bench_result("matmul", h);
    return 0;
}
