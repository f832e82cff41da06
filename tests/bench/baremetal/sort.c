/*
 * sort.c — branchy workload: quicksort (median of three, insertion sort
 * below 16 elements) of 1 Mi pseudo-random 32-bit integers, several rounds.
 * Data-dependent branches defeat prediction and exercise conditional
 * branch translation and block chaining.
 */
#include "bench.h"

#define N (1u << 20)
#ifndef SORT_ROUNDS
#define SORT_ROUNDS 16
#endif

static void insertion_sort(int32_t *a, long lo, long hi)
{
    for (long i = lo + 1; i <= hi; i++) {
        int32_t v = a[i];
        long j = i - 1;

        while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void swap(int32_t *a, long i, long j)
{
    int32_t t = a[i];

    a[i] = a[j];
    a[j] = t;
}

static void quicksort(int32_t *a, long lo, long hi)
{
    while (hi - lo >= 16) {
        long mid = lo + (hi - lo) / 2;
        long i = lo, j = hi;
        int32_t pivot;

        if (a[mid] < a[lo]) {
            swap(a, mid, lo);
        }
        if (a[hi] < a[lo]) {
            swap(a, hi, lo);
        }
        if (a[hi] < a[mid]) {
            swap(a, hi, mid);
        }
        pivot = a[mid];
        while (i <= j) {
            while (a[i] < pivot) {
                i++;
            }
            while (a[j] > pivot) {
                j--;
            }
            if (i <= j) {
                swap(a, i, j);
                i++;
                j--;
            }
        }
        /* Recurse into the smaller side to bound the stack depth. */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
    insertion_sort(a, lo, hi);
}

int main(void)
{
    int32_t *a = bench_alloc(N * sizeof(int32_t), 4096);
    uint64_t seed = 12345, h = 0;

    for (int r = 0; r < SORT_ROUNDS; r++) {
        for (uint32_t i = 0; i < N; i++) {
            a[i] = (int32_t)bench_rand(&seed);
        }
        quicksort(a, 0, N - 1);
        for (uint32_t i = 1; i < N; i++) {
            if (a[i - 1] > a[i]) {
                bench_fail("array not sorted");
            }
        }
        for (uint32_t i = 0; i < N; i += 997) {
            h = h * 31 + (uint32_t)a[i];
        }
    }
    bench_result("sort", h);
    return 0;
}
