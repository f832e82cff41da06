/*
 * tcg-random.h — random IR program generator for tests.
 *
 * Given a seed, builds a random program over a fixed set of globals (both
 * types) that lives in a TCGRandomEnv: straight-line code with forward
 * branches, using every arithmetic / logic / shift / bit-field / bswap /
 * bit-count / setcond / movcond / brcond / mul2 / add2 / div op with edge
 * constants, and ending with exit_tb. Programs are well defined: shift
 * counts are masked into range, divisors are guarded against 0 and
 * INT_MIN / -1, every temp is written before it is read on every path.
 *
 * Used by the pass tests (interpreter before vs after the passes) and by
 * the backend tests (interpreter vs generated host code).
 *
 *     TCGContext s;
 *     tcg_context_init(&s);
 *     tcg_ctx = &s;
 *     tcg_random_create_globals(&s);          // once per context
 *     TCGRandomConfig cfg = tcg_random_default_config();
 *     tcg_func_start(&s);
 *     tcg_random_gen_program(&s, seed, &cfg);
 *     TCGRandomEnv env;
 *     tcg_random_fill_env(&env, seed);
 *     tcg_interp_run_ex(&s, &env, &tcg_random_mem_ops, &mem, 0, &res);
 */
#ifndef TURTLE_TESTS_TCG_RANDOM_H
#define TURTLE_TESTS_TCG_RANDOM_H

#include "tcg/tcg.h"
#include "tcg/interp.h"

#define TCG_RANDOM_NB_G64 8
#define TCG_RANDOM_NB_G32 8
#define TCG_RANDOM_SCRATCH 8

/* The CPU state random programs run on (env). */
typedef struct TCGRandomEnv {
    uint64_t g64[TCG_RANDOM_NB_G64];        /* bound to globals "r0".."r7" */
    uint32_t g32[TCG_RANDOM_NB_G32];        /* bound to globals "w0".."w7" */
    uint64_t scratch[TCG_RANDOM_SCRATCH];   /* target of env ld/st ops */
} TCGRandomEnv;

/* Guest memory window for guest_ld/st and atomics. */
#define TCG_RANDOM_MEM_BASE 0x10000ull
#define TCG_RANDOM_MEM_SIZE 256

typedef struct TCGRandomMem {
    uint8_t bytes[TCG_RANDOM_MEM_SIZE];
} TCGRandomMem;

typedef struct TCGRandomConfig {
    unsigned nb_ops;        /* roughly how many ops (default 60) */
    bool branches;          /* brcond / br to forward labels (default on) */
    bool env_ldst;          /* ld / st to env->scratch (default on) */
    bool guest_mem;         /* guest_ld / st and atomics (default on) */
    bool calls;             /* helper calls (default on) */
    bool insn_start;        /* insn_start markers (default on) */
    bool goto_tb;           /* end with goto_tb + exit_tb (default on) */
    bool div;               /* division / remainder (default on) */
} TCGRandomConfig;

TCGRandomConfig tcg_random_default_config(void);

/* Creates the globals of TCGRandomEnv in s (before any translation). */
void tcg_random_create_globals(TCGContext *s);

/* Appends a random program to s (after tcg_func_start); uses tcg_ctx = s. */
void tcg_random_gen_program(TCGContext *s, uint64_t seed,
                            const TCGRandomConfig *cfg);

/* Fills env (and mem) with values derived from seed. */
void tcg_random_fill_env(TCGRandomEnv *env, uint64_t seed);
void tcg_random_fill_mem(TCGRandomMem *mem, uint64_t seed);

/* Memory callbacks over a TCGRandomMem (opaque); out-of-window = fault. */
extern const TCGInterpMemOps tcg_random_mem_ops;

/* The deterministic generator used everywhere (splitmix64). */
uint64_t tcg_random_next(uint64_t *state);

#endif
