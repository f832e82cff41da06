/*
 * test-tcg-passes-random.c — differential test of the IR passes.
 *
 * Generates random programs (tcg-random.c), runs each in the reference
 * interpreter before and after the passes (optimize + liveness, and the
 * lowering pass with a random "backend" that rejects some ops), and
 * requires identical final globals, env scratch, guest memory, exit value
 * and fault status. The verifier must accept each program before and after.
 *
 * Environment:
 *   TURTLE_TCG_SEED=N    base seed (default: random, printed); program i
 *                        uses seed N + i
 *   TURTLE_TCG_COUNT=N   number of programs (default 100000)
 *   TURTLE_TCG_OPS=N     ops per program, roughly (default 60)
 */
#include "util/osdep.h"
#include "tcg/tcg.h"
#include "tcg/passes.h"
#include "tcg/interp.h"
#include "tcg-random.h"

static uint64_t base_seed;
static unsigned count = 100000;
static unsigned nb_ops = 60;

typedef struct RunState {
    TCGRandomEnv env;
    TCGRandomMem mem;
    TCGInterpResult res;
} RunState;

static void run(TCGContext *s, uint64_t seed, RunState *st)
{
    tcg_random_fill_env(&st->env, seed);
    tcg_random_fill_mem(&st->mem, seed);
    tcg_interp_run_ex(s, &st->env, &tcg_random_mem_ops, &st->mem, 0, &st->res);
}

static bool same_run(const RunState *a, const RunState *b)
{
    return !memcmp(&a->env, &b->env, sizeof(a->env)) &&
           !memcmp(&a->mem, &b->mem, sizeof(a->mem)) &&
           a->res.exit_value == b->res.exit_value &&
           a->res.faulted == b->res.faulted &&
           a->res.fault_addr == b->res.fault_addr &&
           a->res.goto_tb == b->res.goto_tb &&
           a->res.last_insn == b->res.last_insn &&
           !a->res.fell_off && !b->res.fell_off &&
           !memcmp(a->res.insn_data, b->res.insn_data, sizeof(a->res.insn_data));
}

static void print_run(const char *what, const RunState *r)
{
    fprintf(stderr, "%s: exit 0x%" PRIxPTR " fault %d@0x%" PRIx64 " insn %d\n",
            what, r->res.exit_value, r->res.faulted, r->res.fault_addr,
            r->res.last_insn);
    for (unsigned i = 0; i < TCG_RANDOM_NB_G64; i++) {
        fprintf(stderr, "  r%u=%016" PRIx64 " w%u=%08" PRIx32 "\n", i,
                r->env.g64[i], i, r->env.g32[i]);
    }
}

/* A random backend: rejects each op kind with ~25% chance per program. */
static __thread uint64_t reject_mask[2];

static bool random_backend(TCGOpcode opc, TCGType type)
{
    return !((reject_mask[type == TCG_TYPE_I64] >> (opc % 64)) & 1);
}

/* A backend with only the core ops (see pass-lower.c). */
static bool core_backend(TCGOpcode opc, TCGType type)
{
    switch (opc) {
    case INDEX_op_andc: case INDEX_op_orc: case INDEX_op_eqv:
    case INDEX_op_nand: case INDEX_op_nor: case INDEX_op_rotl:
    case INDEX_op_rotr: case INDEX_op_extract: case INDEX_op_sextract:
    case INDEX_op_deposit: case INDEX_op_extract2: case INDEX_op_ext8s:
    case INDEX_op_ext8u: case INDEX_op_ext16s: case INDEX_op_ext16u:
    case INDEX_op_ext32s: case INDEX_op_ext32u: case INDEX_op_bswap16:
    case INDEX_op_bswap32: case INDEX_op_bswap64: case INDEX_op_negsetcond:
    case INDEX_op_movcond: case INDEX_op_add2: case INDEX_op_sub2:
    case INDEX_op_ctpop:
        return false;
    default:
        return true;
    }
}

/*
 * Generates program `seed` into s, runs it, applies the passes selected by
 * `lower`, runs again, compares. On failure dumps both versions.
 */
static bool check_one(TCGContext *s, uint64_t seed, int lower)
{
    static RunState before, after;
    TCGRandomConfig cfg = tcg_random_default_config();
    char *err = NULL;

    cfg.nb_ops = nb_ops;
    tcg_func_start(s);
    tcg_random_gen_program(s, seed, &cfg);
    if (!tcg_verify(s, &err)) {
        fprintf(stderr, "seed %" PRIu64 ": generated program rejected: %s\n",
                seed, err);
        tcg_dump_ops(s, stderr);
        g_free(err);
        return false;
    }
    run(s, seed, &before);

    if (lower == 1) {
        uint64_t r = seed * 0x2545f4914f6cdd1dull;
        reject_mask[0] = tcg_random_next(&r) & tcg_random_next(&r);
        reject_mask[1] = tcg_random_next(&r) & tcg_random_next(&r);
        s->backend_op_supported = random_backend;
    } else if (lower == 2) {
        s->backend_op_supported = core_backend;
    } else {
        s->backend_op_supported = NULL;
    }
    tcg_optimize_and_analyze(s);
    if (lower == 2) {
        const TCGOp *op;
        TCG_FOREACH_OP(s, op) {
            if (!core_backend(op->opc, op->type)) {
                fprintf(stderr, "seed %" PRIu64 ": %s left after lowering\n",
                        seed, tcg_op_defs[op->opc].name);
                s->backend_op_supported = NULL;
                goto fail;
            }
        }
    }
    s->backend_op_supported = NULL;

    if (!tcg_verify(s, &err)) {
        fprintf(stderr, "seed %" PRIu64 ": program after passes rejected: %s\n",
                seed, err);
        g_free(err);
        goto fail;
    }
    run(s, seed, &after);
    if (!same_run(&before, &after)) {
        fprintf(stderr, "seed %" PRIu64 ": results differ\n", seed);
        print_run("before", &before);
        print_run("after", &after);
        goto fail;
    }
    return true;

fail:
    fprintf(stderr, "---- after passes:\n");
    tcg_dump_ops(s, stderr);
    tcg_func_start(s);
    tcg_random_gen_program(s, seed, &cfg);
    fprintf(stderr, "---- before passes:\n");
    tcg_dump_ops(s, stderr);
    fprintf(stderr, "replay: TURTLE_TCG_SEED=%" PRIu64 " TURTLE_TCG_COUNT=1"
            " TURTLE_TCG_OPS=%u\n", seed, nb_ops);
    return false;
}

static void test_random_passes(void)
{
    TCGContext s;
    unsigned failures = 0;

    tcg_context_init(&s);
    s.verify = false;           /* we verify explicitly */
    tcg_ctx = &s;
    tcg_random_create_globals(&s);

    for (unsigned i = 0; i < count && failures < 3; i++) {
        uint64_t seed = base_seed + i;
        /* One program in 4 with a random backend, 1 in 8 core-only. */
        int lower = (seed & 3) == 3 ? 1 : (seed & 7) == 1 ? 2 : 0;
        if (!check_one(&s, seed, lower)) {
            failures++;
        }
    }
    tcg_ctx = NULL;
    tcg_context_destroy(&s);
    g_assert_cmpuint(failures, ==, 0);
}

/* The random programs must actually exercise what they claim to. */
static void test_random_coverage(void)
{
    TCGContext s;
    TCGRandomConfig cfg = tcg_random_default_config();
    unsigned seen[NB_OPS] = { 0 };
    unsigned changed = 0;
    const TCGOp *op;

    tcg_context_init(&s);
    tcg_ctx = &s;
    tcg_random_create_globals(&s);
    for (uint64_t seed = 1; seed <= 300; seed++) {
        unsigned n0;
        tcg_func_start(&s);
        tcg_random_gen_program(&s, seed, &cfg);
        TCG_FOREACH_OP(&s, op) {
            seen[op->opc]++;
        }
        n0 = s.nb_ops;
        tcg_optimize_and_analyze(&s);
        changed += s.nb_ops != n0;
    }
    for (unsigned opc = 0; opc < NB_OPS; opc++) {
        if (opc == INDEX_op_nop || opc == INDEX_op_goto_ptr) {
            continue;           /* not generated on purpose */
        }
        if (!seen[opc]) {
            g_test_message("op %s never generated", tcg_op_defs[opc].name);
        }
        g_assert_cmpuint(seen[opc], >, 0);
    }
    /* The passes must do something on random code. */
    g_assert_cmpuint(changed, >, 250);
    tcg_ctx = NULL;
    tcg_context_destroy(&s);
}

int main(int argc, char **argv)
{
    const char *v;

    g_test_init(&argc, &argv, NULL);
    v = getenv("TURTLE_TCG_SEED");
    base_seed = v ? g_ascii_strtoull(v, NULL, 0) : g_random_int() * 1000003ull;
    v = getenv("TURTLE_TCG_COUNT");
    if (v) {
        count = (unsigned)g_ascii_strtoull(v, NULL, 0);
    }
    v = getenv("TURTLE_TCG_OPS");
    if (v) {
        nb_ops = (unsigned)g_ascii_strtoull(v, NULL, 0);
    }
    printf("# TURTLE_TCG_SEED=%" PRIu64 " TURTLE_TCG_COUNT=%u TURTLE_TCG_OPS=%u\n",
           base_seed, count, nb_ops);
    g_test_add_func("/tcg/passes/random-coverage", test_random_coverage);
    g_test_add_func("/tcg/passes/random-differential", test_random_passes);
    return g_test_run();
}
