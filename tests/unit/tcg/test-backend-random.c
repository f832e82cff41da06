/*
 * test-backend-random.c — differential test of the code generator.
 *
 * For each seed, a random IR program (tcg-random.c) runs in the reference
 * interpreter on one copy of the CPU state and guest memory, and, after
 * tcg_optimize_and_analyze + register allocation + the x86-64 backend, as
 * host code on another copy. Final globals, env scratch, guest memory,
 * exit value and fault status must be identical bit for bit; when the
 * program faults, tcg_restore_state() on the slow path's return address
 * must give the insn_start words of the instruction the interpreter was
 * executing.
 *
 * Guest memory goes through the real inline TLB probe: a small TLB maps the
 * random programs' page, and per seed the entry is valid, flagged (every
 * access takes the slow path) or read-only (stores and atomics take it),
 * so fast and slow paths are both compared. Even seeds use every optional
 * host instruction the machine has, odd seeds none (generic paths).
 *
 * Environment:
 *   TURTLE_TCG_SEED=N      run only seed N, dumping the IR and host code
 *   TURTLE_TCG_BASE=N      base seed of a full run (default: random, printed)
 *   TURTLE_TCG_COUNT=N     number of programs (default 100000)
 *   TURTLE_TCG_FEATURES=M  host features for every seed (CPUINFO_* mask)
 *   TURTLE_TCG_CFG=...     narrows the generator: nobranch, noenv, nomem,
 *                          nocall, nodiv, noinsn, nogototb, ops=N; "passes"
 *                          also tells optimizer bugs from backend bugs
 */
#include "util/osdep.h"
#include "tcg/tcg.h"
#include "tcg/passes.h"
#include "tcg/interp.h"
#include "tcg/backend.h"
#include "tcg/x86_64/cpuinfo.h"
#include "tcg-random.h"

#include <setjmp.h>
#include <signal.h>

#define TLB_ENTRIES 64
#define PAGE_BITS 12

/* env as the generated code sees it: the random state, then the TLB. */
typedef struct TestEnv {
    TCGRandomEnv r;
    CPUTLBDescFast fast[TCG_MMU_IDX_MAX];
    CPUTLBEntry table[TLB_ENTRIES];
} TestEnv;

typedef struct JitRun {
    TestEnv env;
    uint8_t page[1u << PAGE_BITS] __attribute__((aligned(4096)));
    uintptr_t exit_value;
    bool faulted;
    uint64_t fault_addr;
    uintptr_t fault_ra;
} JitRun;

static TCGCodeBuf cb;
static TCGPrologue prologue;
static __thread JitRun *cur;
static __thread sigjmp_buf fault_jmp;
static volatile uint64_t current_seed;

/* ------------------------------------------------------- fake runtime */

static uint64_t bswap_n(uint64_t v, unsigned bytes)
{
    switch (bytes) {
    case 2: return __builtin_bswap16((uint16_t)v);
    case 4: return __builtin_bswap32((uint32_t)v);
    case 8: return __builtin_bswap64(v);
    default: return v;
    }
}

static uint64_t extend(MemOp mop, uint64_t v)
{
    unsigned bits = memop_size(mop) * 8;
    if (bits < 64) {
        v &= (1ull << bits) - 1;
        if (mop & MO_SIGN) {
            v = (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
        }
    }
    return v;
}

static G_NORETURN void fault(uint64_t addr, uintptr_t ra)
{
    cur->faulted = true;
    cur->fault_addr = addr;
    cur->fault_ra = ra;
    siglongjmp(fault_jmp, 1);
}

static uint64_t mem_read(uint64_t addr, MemOp mop, uintptr_t ra)
{
    uint64_t raw = 0;
    if (!tcg_random_mem_ops.load((TCGRandomMem *)cur->page, addr, mop, 0, &raw)) {
        fault(addr, ra);
    }
    if (mop & MO_BSWAP) {
        raw = bswap_n(raw, memop_size(mop));
    }
    return extend(mop, raw);
}

static void mem_write(uint64_t addr, MemOp mop, uint64_t v, uintptr_t ra)
{
    v = extend(mop & ~MO_SIGN, v);
    if (mop & MO_BSWAP) {
        v = bswap_n(v, memop_size(mop));
    }
    if (!tcg_random_mem_ops.store((TCGRandomMem *)cur->page, addr, mop, 0, v)) {
        fault(addr, ra);
    }
}

static uint64_t slow_ld(void *env, uint64_t addr, uint32_t oi, uintptr_t ra)
{
    g_assert(env == &cur->env);
    return mem_read(addr, get_memop(oi), ra);
}

static void slow_st(void *env, uint64_t addr, uint64_t val, uint32_t oi, uintptr_t ra)
{
    g_assert(env == &cur->env);
    mem_write(addr, get_memop(oi), val, ra);
}

static uint64_t slow_cmpxchg(void *env, uint64_t addr, uint64_t cmp, uint64_t newv,
                             uint32_t oi, uintptr_t ra)
{
    MemOp mop = get_memop(oi);
    uint64_t old = mem_read(addr, mop, ra);
    if (old == extend(mop, cmp)) {
        mem_write(addr, mop, newv, ra);
    }
    return old;
}

static uint64_t slow_rmw(void *env, uint64_t addr, uint64_t val, uint32_t oi,
                         uint32_t op, uintptr_t ra)
{
    MemOp mop = get_memop(oi);
    uint64_t old = mem_read(addr, mop, ra), v = extend(mop, val), n;

    switch (op) {
    case TCG_ATOMIC_XCHG: n = v; break;
    case TCG_ATOMIC_ADD: n = old + v; break;
    case TCG_ATOMIC_AND: n = old & v; break;
    case TCG_ATOMIC_OR: n = old | v; break;
    case TCG_ATOMIC_XOR: n = old ^ v; break;
    case TCG_ATOMIC_SMIN: n = (int64_t)old < (int64_t)v ? old : v; break;
    case TCG_ATOMIC_SMAX: n = (int64_t)old > (int64_t)v ? old : v; break;
    case TCG_ATOMIC_UMIN: n = old < v ? old : v; break;
    default: n = old > v ? old : v; break;
    }
    mem_write(addr, mop, n, ra);
    return old;
}

/* mode 0: page mapped rw; 1: every access slow (MMIO); 2: read-only. */
static void setup_tlb(JitRun *j, int mode)
{
    unsigned idx = (TCG_RANDOM_MEM_BASE >> PAGE_BITS) & (TLB_ENTRIES - 1);

    memset(j->env.table, 0xff, sizeof(j->env.table));
    for (unsigned i = 0; i < TCG_MMU_IDX_MAX; i++) {
        j->env.fast[i].mask = (TLB_ENTRIES - 1) << CPU_TLB_ENTRY_BITS;
        j->env.fast[i].table = j->env.table;
    }
    CPUTLBEntry *e = &j->env.table[idx];
    e->addr_read = TCG_RANDOM_MEM_BASE | (mode == 1 ? TLB_MMIO : 0);
    e->addr_write = TCG_RANDOM_MEM_BASE | (mode == 0 ? 0 : mode == 1 ? TLB_MMIO
                                                                     : TLB_INVALID);
    e->addr_code = -1;
    e->addend = (uintptr_t)j->page - TCG_RANDOM_MEM_BASE;
}

/* ------------------------------------------------------------- the test */

typedef struct InterpRun {
    TCGRandomEnv env;
    TCGRandomMem mem;
    TCGInterpResult res;
} InterpRun;

static void segv_handler(int sig)
{
    fprintf(stderr, "test-backend-random: signal %d at seed %" PRIu64
            " (replay with TURTLE_TCG_SEED=%" PRIu64 ")\n", sig, current_seed,
            current_seed);
    signal(sig, SIG_DFL);
    raise(sig);
}

static TCGBackendConfig backend_config(unsigned features)
{
    return (TCGBackendConfig) {
        .prologue = &prologue, .codebuf = &cb, .host_features = features,
        .tlb_fast_offset = offsetof(TestEnv, fast), .page_bits = PAGE_BITS,
        .slow_ld = slow_ld, .slow_st = slow_st, .slow_cmpxchg = slow_cmpxchg,
        .slow_rmw = slow_rmw,
    };
}

static int gen_code_retry(TCGContext *s, TCGCodeInfo *ci)
{
    int r = tcg_gen_code(s, ci);
    if (r == TCG_GEN_BUFFER_FULL) {
        codebuf_flush(&cb);
        r = tcg_gen_code(s, ci);
    }
    return r;
}

static void report(const char *why, uint64_t seed, const InterpRun *a, const JitRun *b)
{
    fprintf(stderr, "seed %" PRIu64 ": %s\n", seed, why);
    fprintf(stderr, "  interp: exit 0x%" PRIxPTR " fault %d@0x%" PRIx64 " insn %d\n",
            a->res.exit_value, a->res.faulted, a->res.fault_addr, a->res.last_insn);
    fprintf(stderr, "  jit:    exit 0x%" PRIxPTR " fault %d@0x%" PRIx64 "\n",
            b->exit_value, b->faulted, b->fault_addr);
    for (unsigned i = 0; i < TCG_RANDOM_NB_G64; i++) {
        fprintf(stderr, "  r%u %016" PRIx64 " %016" PRIx64 "%s   w%u %08" PRIx32 " %08"
                PRIx32 "%s\n", i, a->env.g64[i], b->env.r.g64[i],
                a->env.g64[i] != b->env.r.g64[i] ? " <--" : "", i, a->env.g32[i],
                b->env.r.g32[i], a->env.g32[i] != b->env.r.g32[i] ? " <--" : "");
    }
    for (unsigned i = 0; i < TCG_RANDOM_SCRATCH; i++) {
        if (a->env.scratch[i] != b->env.r.scratch[i]) {
            fprintf(stderr, "  scratch[%u] %016" PRIx64 " %016" PRIx64 "\n", i,
                    a->env.scratch[i], b->env.r.scratch[i]);
        }
    }
    fprintf(stderr, "  replay with TURTLE_TCG_SEED=%" PRIu64 "\n", seed);
}

static bool check_passes;

/* Runs a block; a fault in a slow path comes back here by siglongjmp. */
static __attribute__((noinline)) void exec_block(JitRun *j, const void *code)
{
    cur = j;
    if (sigsetjmp(fault_jmp, 0) == 0) {
        j->exit_value = tcg_exec_tb(&prologue, &j->env, code);
    }
    cur = NULL;
}

/* TURTLE_TCG_CFG="nobranch,noenv,nomem,nocall,nodiv,noinsn,nogototb,passes,ops=N". */
static TCGRandomConfig random_config(void)
{
    TCGRandomConfig cfg = tcg_random_default_config();
    const char *c = getenv("TURTLE_TCG_CFG");

    if (c) {
        cfg.branches = !strstr(c, "nobranch");
        cfg.env_ldst = !strstr(c, "noenv");
        cfg.guest_mem = !strstr(c, "nomem");
        cfg.calls = !strstr(c, "nocall");
        cfg.div = !strstr(c, "nodiv");
        cfg.insn_start = !strstr(c, "noinsn");
        cfg.goto_tb = !strstr(c, "nogototb");
        check_passes = strstr(c, "passes") != NULL;
        if (strstr(c, "ops=")) {
            cfg.nb_ops = (unsigned)strtoul(strstr(c, "ops=") + 4, NULL, 0);
        }
    }
    return cfg;
}

/*
 * Whether every insn_start is at "top level": no branch jumps over it.
 * Front ends only emit such programs; random ones may put an insn_start
 * inside a conditional region, and then which instruction is "current"
 * at a later op depends on the path, so only top-level programs get the
 * exact restore-state check.
 */
static bool insn_starts_top_level(TCGContext *s)
{
    GHashTable *pending = g_hash_table_new(NULL, NULL);
    bool ok = true;
    TCGOp *op;

    TCG_FOREACH_OP(s, op) {
        switch (op->opc) {
        case INDEX_op_br:
            g_hash_table_add(pending, arg_label(op->args[0]));
            break;
        case INDEX_op_brcond:
            g_hash_table_add(pending, arg_label(op->args[3]));
            break;
        case INDEX_op_set_label:
            g_hash_table_remove(pending, arg_label(op->args[0]));
            break;
        case INDEX_op_insn_start:
            if (g_hash_table_size(pending)) {
                ok = false;
            }
            break;
        default:
            break;
        }
    }
    g_hash_table_destroy(pending);
    return ok;
}

/* Runs one seed; returns false (after printing why) on a mismatch. */
static bool run_seed(TCGContext *s, uint64_t seed, bool verbose)
{
    static InterpRun ir;
    static JitRun jr;
    TCGRandomConfig cfg = random_config();
    unsigned features = (seed & 1) ? 0 : cpuinfo_x86;
    const char *feat_env = getenv("TURTLE_TCG_FEATURES");

    if (feat_env) {
        features = (unsigned)strtoul(feat_env, NULL, 0) & cpuinfo_x86;
    }
    TCGCodeInfo ci;
    int r;

    current_seed = seed;
    tcg_func_start(s);
    tcg_random_gen_program(s, seed, &cfg);
    if (verbose) {
        fprintf(stderr, "--- IR of seed %" PRIu64 "\n", seed);
        tcg_dump_ops(s, stderr);
    }

    /* The reference: the program before any pass. */
    tcg_random_fill_env(&ir.env, seed);
    tcg_random_fill_mem(&ir.mem, seed);
    tcg_interp_run_ex(s, &ir.env, &tcg_random_mem_ops, &ir.mem, 0, &ir.res);

    bool exact_restore = insn_starts_top_level(s);
    tcg_optimize_and_analyze(s);
    if (check_passes) {
        /* Tells optimizer bugs from backend bugs when hunting one. */
        static InterpRun ir2;
        tcg_random_fill_env(&ir2.env, seed);
        tcg_random_fill_mem(&ir2.mem, seed);
        tcg_interp_run_ex(s, &ir2.env, &tcg_random_mem_ops, &ir2.mem, 0, &ir2.res);
        if (memcmp(&ir.env, &ir2.env, sizeof(ir.env)) ||
            memcmp(&ir.mem, &ir2.mem, sizeof(ir.mem))) {
            fprintf(stderr, "seed %" PRIu64 ": the passes changed the result\n", seed);
        }
    }
    tcg_backend_set_features(s, features);
    r = gen_code_retry(s, &ci);
    if (r < 0) {
        fprintf(stderr, "seed %" PRIu64 ": tcg_gen_code failed (%d)\n", seed, r);
        return false;
    }
    if (verbose) {
        fprintf(stderr, "--- IR after passes\n");
        tcg_dump_ops(s, stderr);
        tcg_dump_host_code(stderr, &ci);
    }

    memset(&jr, 0, sizeof(jr));
    tcg_random_fill_env(&jr.env.r, seed);
    tcg_random_fill_mem((TCGRandomMem *)jr.page, seed);
    setup_tlb(&jr, (int)((seed >> 1) % 3));
    exec_block(&jr, ci.code);

    const char *why = NULL;
    if (ir.res.fell_off || ir.res.step_limit) {
        why = "interpreter did not finish";
    } else if (memcmp(&ir.env, &jr.env.r, sizeof(ir.env))) {
        why = "CPU state differs";
    } else if (memcmp(&ir.mem, jr.page, sizeof(ir.mem))) {
        why = "guest memory differs";
    } else if (ir.res.faulted != jr.faulted) {
        why = "fault status differs";
    } else if (ir.res.faulted) {
        uint64_t data[TCG_INSN_START_WORDS];
        if (ir.res.fault_addr != jr.fault_addr) {
            why = "fault address differs";
        } else if (!tcg_restore_state(&ci, jr.fault_ra, data)) {
            why = "restore_state found no instruction";
        } else if (exact_restore && ir.res.last_insn >= 0 &&
                   memcmp(data, ir.res.insn_data, sizeof(data))) {
            why = "restore_state gives another instruction";
            fprintf(stderr, "fault ra at +0x%" PRIxPTR ", found pc 0x%" PRIx64
                    ", expected 0x%" PRIx64 "; insn ends:", jr.fault_ra -
                    (uintptr_t)ci.code, data[0], ir.res.insn_data[0]);
            for (unsigned i = 0; i <= ci.num_insns; i++) {
                fprintf(stderr, " 0x%x", s->insn_host_off[i]);
            }
            fprintf(stderr, "\n");
        }
    } else if (ir.res.exit_value != jr.exit_value) {
        why = "exit value differs";
    }
    if (why) {
        report(why, seed, &ir, &jr);
        return false;
    }
    return true;
}

static void setup_context(TCGContext *s, unsigned features)
{
    TCGBackendConfig bc = backend_config(features);
    tcg_context_init(s);
    tcg_ctx = s;
    tcg_random_create_globals(s);
    tcg_backend_attach(s, &bc);
}

static void test_random(void)
{
    const char *one = getenv("TURTLE_TCG_SEED");
    const char *base_env = getenv("TURTLE_TCG_BASE");
    const char *count_env = getenv("TURTLE_TCG_COUNT");
    unsigned count = count_env ? (unsigned)strtoul(count_env, NULL, 0) : 100000;
    uint64_t base;
    unsigned failures = 0;
    TCGContext s;

    setup_context(&s, cpuinfo_x86);
    if (one) {
        uint64_t seed = strtoull(one, NULL, 0);
        g_assert_true(run_seed(&s, seed, true));
        tcg_backend_detach(&s);
        tcg_context_destroy(&s);
        return;
    }
    base = base_env ? strtoull(base_env, NULL, 0) : g_test_rand_int() * 1000003ull;
    g_test_message("base seed %" PRIu64 " (TURTLE_TCG_BASE), %u programs", base, count);
    printf("# base seed %" PRIu64 ", %u programs\n", base, count);
    for (unsigned i = 0; i < count && failures < 5; i++) {
        if (!run_seed(&s, base + i, false)) {
            failures++;
        }
    }
    tcg_backend_detach(&s);
    tcg_context_destroy(&s);
    g_assert_cmpuint(failures, ==, 0);
}

int main(int argc, char **argv)
{
    GError *err = NULL;

    g_test_init(&argc, &argv, NULL);
    signal(SIGSEGV, segv_handler);
    signal(SIGFPE, segv_handler);
    signal(SIGILL, segv_handler);
    signal(SIGBUS, segv_handler);
    if (!codebuf_init(&cb, 32 * MiB, &err) || !tcg_prologue_init(&prologue, &cb, &err)) {
        g_error("%s", err->message);
    }
    g_test_add_func("/tcg/backend/random", test_random);
    int ret = g_test_run();
    codebuf_destroy(&cb);
    return ret;
}
