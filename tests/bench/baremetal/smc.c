/*
 * smc.c — self-modifying code workload: a two-instruction function in its
 * own page is patched every iteration (a new MOVZ immediate), made visible
 * to instruction fetch with the sequence the architecture requires
 * (Arm ARM B2.4.4, "Concurrent modification and execution of
 * instructions": DC CVAU, DSB ISH, IC IVAU, DSB ISH, ISB), then called.
 * Each iteration makes the emulator invalidate and retranslate the code.
 */
#include "bench.h"

#ifndef SMC_ITERS
#define SMC_ITERS 500000
#endif

#define INSN_MOVZ_W0(imm) (0x52800000u | ((uint32_t)(imm) << 5))  /* movz w0, #imm */
#define INSN_ADD_W0_1     0x11000400u                             /* add w0, w0, #1 */
#define INSN_RET          0xd65f03c0u                             /* ret */

/* A page of its own, so patching it invalidates no other code. */
static uint32_t code_page[1024] __attribute__((aligned(4096)));

static void sync_icache(void *addr)
{
    __asm__ volatile("dc cvau, %0\n"
                     "dsb ish\n"
                     "ic ivau, %0\n"
                     "dsb ish\n"
                     "isb\n" :: "r"(addr) : "memory");
}

int main(void)
{
    uint32_t (*fn)(void) = (uint32_t (*)(void))(uintptr_t)code_page;
    uint64_t sum = 0;

    code_page[0] = INSN_MOVZ_W0(0);
    code_page[1] = INSN_ADD_W0_1;
    code_page[2] = INSN_RET;
    sync_icache(&code_page[0]);
    for (uint32_t i = 0; i < SMC_ITERS; i++) {
        uint32_t imm = (i * 40503u) & 0xffff;
        uint32_t got;

        code_page[0] = INSN_MOVZ_W0(imm);
        sync_icache(&code_page[0]);
        got = fn();
        if (got != imm + 1) {
            bench_fail("patched instruction not executed");
        }
        sum = sum * 33 + got;
    }
    bench_result("smc", sum);
    return 0;
}
