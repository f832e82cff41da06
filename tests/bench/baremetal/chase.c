/*
 * chase.c — memory latency and TLB workload: a walk along one pseudo-random
 * cycle through 4 Mi nodes of 64 bytes spread over 256 MiB mapped with
 * 4 KiB pages. Nearly every step lands on another page, so the emulator's
 * TLB misses and walks the guest page tables all the time.
 *
 * The cycle is i -> (A * i + C) mod 2^22: with C odd and A = 1 mod 4 this
 * map has one cycle through all nodes (the Hull-Dobell theorem), and its
 * high bits, which pick the page, jump around. Building it takes one
 * sequential pass, so the walk dominates the run time.
 */
#include "bench.h"

#define REGION_SIZE (256ul << 20)
#define NODE_SIZE 64
#define NODES (REGION_SIZE / NODE_SIZE)
#ifndef CHASE_CYCLES
#define CHASE_CYCLES 2
#endif
#define LCG_A 0x5851f42d4c957f2dull
#define LCG_C 0x14057b7ef767814full

typedef struct Node {
    uint32_t next;
    uint32_t value;
    uint8_t pad[NODE_SIZE - 8];
} Node;

int main(void)
{
    Node *nodes = bench_alloc(REGION_SIZE, 0x200000);
    volatile uint32_t cycles = CHASE_CYCLES;
    uint64_t sum = 0, steps = (uint64_t)cycles * NODES;
    uint32_t i;

    mmu_map_4k((uintptr_t)nodes, REGION_SIZE);
    for (i = 0; i < NODES; i++) {
        nodes[i].next = (uint32_t)((LCG_A * i + LCG_C) & (NODES - 1));
        nodes[i].value = i * 2654435761u;
    }

    i = 0;
    for (uint64_t step = 0; step < steps; step++) {
        sum += nodes[i].value;
        i = nodes[i].next;
        /* Back at the start before the end: the map has a short cycle. */
        if (i == 0 && (step + 1) % NODES) {
            bench_fail("the walk is not a single cycle");
        }
    }
    if (i != 0) {
        bench_fail("the walk did not come back to its start");
    }
    bench_result("chase", sum);
    return 0;
}
