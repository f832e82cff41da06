/*
 * test-flush.c — the execution engine with a code buffer too small for the
 * guest's code: translating into a full buffer throws every translation
 * away and starts again, and execution goes on correctly across flushes
 * (no chaining into freed blocks, no stale jump-cache entries).
 */
#include "util/osdep.h"
#include "accel/tcg/internal.h"
#include "toy-cpu.h"

#define BASE    0x10000ULL
#define NBLOCKS 2048

static void test_buffer_full(void)
{
    CPUState *cpu = toy_new_cpu();
    ToyEnv *env = toy_env(cpu);
    TCGAccelStats st;
    uint64_t pc = BASE;

    toy_reset(cpu);
    /* NBLOCKS two-instruction blocks, each jumping to the next. */
    for (int i = 0; i < NBLOCKS; i++) {
        toy_write32(pc, toy_insn(OP_ADDI, 1, 1, 1));
        toy_write32(pc + 4, toy_insn(OP_B, 0, 0, 0));
        pc += 8;
    }
    toy_write32(pc, toy_insn(OP_ADDI, 3, 3, 1));
    toy_write32(pc + 4, toy_insn(OP_BNE, 3, 4, (int32_t)(BASE - (pc + 8)) / 4));
    toy_write32(pc + 8, toy_insn(OP_HALT, 0, 0, 0));
    env->regs[4] = 3;
    env->pc = BASE;
    /* Translating all the time, a slice may also end on its host-time
     * bound (EXCP_YIELD): run slices until the program halts. */
    {
        int r, slices = 0;

        while ((r = toy_run(cpu, 10000000)) == EXCP_YIELD && ++slices < 10000) {
        }
        g_assert_cmpint(r, ==, EXCP_HLT);
    }
    g_assert_cmpuint(env->regs[1], ==, 3 * NBLOCKS);
    g_assert_cmpuint(env->regs[3], ==, 3);
    tcg_accel_get_stats(&st);
    g_assert_cmpuint(st.flushes, >=, 2);
    g_assert_cmpuint(st.tbs_translated, >, 3 * NBLOCKS / 2);
    g_assert_cmpuint(st.code_used, <=, st.code_size);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tcg_engine_set_codebuf_size(128 * KiB);
    g_test_add_func("/accel/flush/buffer-full", test_buffer_full);
    return g_test_run();
}
