/*
 * bench.h — the runtime shared by the bare-metal benchmark programs:
 * console output on the PL011 UART, a bump allocator over guest RAM, a
 * deterministic pseudo-random generator and the MMU set-up.
 *
 * Every program defines main(), which does its work and reports it with
 * bench_result(); returning from main() powers the machine off.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>

/* RAM of the virt board as the benchmarks run it (-m 2G). */
#define BENCH_RAM_BASE 0x40000000ul
#define BENCH_RAM_SIZE 0x80000000ul

int main(void);

void bench_putc(char c);
void bench_puts(const char *s);
void bench_put_hex(uint64_t v);
void bench_put_dec(uint64_t v);

/* Prints "RESULT <name> <16 hex digits>": the runner compares this line
 * between the emulators. */
void bench_result(const char *name, uint64_t checksum);
/* Prints "ERROR <what>" and powers off: a self-check failed. */
void bench_fail(const char *what) __attribute__((noreturn));
void bench_poweroff(void) __attribute__((noreturn));

/* Hands out RAM after the program image; align must be a power of two. */
void *bench_alloc(size_t size, size_t align);

/* splitmix64: a fast generator whose sequence is fixed by its seed. */
static inline uint64_t bench_rand(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Builds the identity map (2 MiB blocks over RAM, 1 GiB device block over
 * the first GiB of the address space) and enables the MMU and caches.
 * Called by start.S before main(). */
void mmu_init(void);
/* Remaps [start, start+size) of RAM with 4 KiB pages instead of 2 MiB
 * blocks; both must be 2 MiB aligned and the range unused while it runs. */
void mmu_map_4k(uintptr_t start, size_t size);

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
