/*
 * test-arm-fp-fast.c — the host fast paths of the A64 FP helpers
 * (helper-fp.c: FADD/FSUB/FMUL/FDIV, FMUL by element, FMLA/FMLS vector
 * and by element, FMADD/FMSUB/FNMADD/FNMSUB) against the fully soft
 * helpers (arm_fp_soft_only).
 *
 * Random operands of every class (normal numbers around 1 and near the
 * ends of the exponent range, so that results become tiny or overflow,
 * zeros, denormals, infinities, quiet and signalling NaNs), random FPCR
 * (each rounding mode, FZ, DN, AHP) and FPSR (IXC set or not, other
 * flags), single and double precision, scalar and 64/128-bit vectors,
 * registers chosen from a small set so that Vd often aliases Vn, Vm or
 * Va.  Every V register and FPSR must come out identical.  Likewise for
 * the scalar compare and conversions that have fast paths (FCMP, FCVTZS
 * and SCVTF/UCVTF with general registers, FCVT single <-> double).
 */
#include "util/osdep.h"
#include "target/arm/vec-internal.h"

void arm_fp_fast_tests_register(void);

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

static unsigned rndn(unsigned n)
{
    return (unsigned)(rnd() % n);
}

/* A random value of 1 << esz bytes (esz 2 or 3); *zon is cleared unless
 * it is a normal number or a zero. */
static uint64_t rnd_fp(int esz, bool *zon)
{
    int ebits = esz == 2 ? 8 : 11, fbits = esz == 2 ? 23 : 52;
    int emax = (1 << ebits) - 1, bias = emax >> 1;
    uint64_t sign = (uint64_t)(rnd() & 1) << (ebits + fbits);
    uint64_t frac = rnd() & ((1ull << fbits) - 1);
    unsigned c = rndn(100);
    int exp;

    if (c < 8) {
        return sign;                                    /* zero */
    }
    *zon = false;
    if (c < 14) {
        return sign | (frac ? frac : 1);                /* denormal */
    }
    if (c < 19) {
        return sign | ((uint64_t)emax << fbits);        /* infinity */
    }
    if (c < 24) {                                       /* quiet NaN */
        return sign | ((uint64_t)emax << fbits) | (1ull << (fbits - 1)) |
               frac;
    }
    if (c < 27) {                                       /* signalling NaN */
        frac &= (1ull << (fbits - 1)) - 1;
        return sign | ((uint64_t)emax << fbits) | (frac ? frac : 1);
    }
    *zon = true;
    c = rndn(10);
    if (c < 5) {
        exp = bias - 8 + (int)rndn(17);                 /* around 1 */
    } else if (c < 7) {
        exp = 1 + (int)rndn(bias / 2);                  /* small */
    } else if (c < 9) {
        exp = emax - 1 - (int)rndn(bias / 2);           /* large */
    } else {
        exp = 1 + (int)rndn(emax - 1);                  /* anywhere */
    }
    if (rndn(4) == 0) {
        frac &= ~0ull << (fbits / 2);                   /* short, exact */
    }
    return sign | ((uint64_t)exp << fbits) | frac;
}

typedef void HelperFn(CPUARMState *env, uint32_t desc);

typedef struct FastCase {
    const char *name;
    HelperFn *fn;
    bool idx;       /* by element: data = element index of Vm */
    bool scalar;    /* scalar only (FMADD family: ra used) */
    bool four;      /* uses Va */
} FastCase;

static const FastCase fast_cases[] = {
    { "fadd", helper_simd_fadd, false, false, false },
    { "fsub", helper_simd_fsub, false, false, false },
    { "fmul", helper_simd_fmul, false, false, false },
    { "fdiv", helper_simd_fdiv, false, false, false },
    { "fmul_idx", helper_simd_fmul_idx, true, false, false },
    { "fmla", helper_simd_fmla, false, false, false },
    { "fmls", helper_simd_fmls, false, false, false },
    { "fmla_idx", helper_simd_fmla_idx, true, false, false },
    { "fmls_idx", helper_simd_fmls_idx, true, false, false },
    { "fmadd", helper_simd_fmadd, false, true, true },
    { "fmsub", helper_simd_fmsub, false, true, true },
    { "fnmadd", helper_simd_fnmadd, false, true, true },
    { "fnmsub", helper_simd_fnmsub, false, true, true },
};

static void test_fp_fast_vs_soft(void)
{
    CPUARMState *fast = g_new0(CPUARMState, 1);
    CPUARMState *soft = g_new0(CPUARMState, 1);
    unsigned eligible = 0, total = 200000;

    for (unsigned it = 0; it < total; it++) {
        const FastCase *fc = &fast_cases[rndn(G_N_ELEMENTS(fast_cases))];
        int esz = 2 + (int)rndn(2);
        bool scalar = fc->scalar || rndn(4) == 0;
        bool q = !scalar && (esz == 3 || rndn(2));
        int nel = scalar ? 1 : (8 << q) >> esz;
        int rd = (int)rndn(4), rn = (int)rndn(4), rm = (int)rndn(4);
        int ra = fc->four ? (int)rndn(4) : 0;
        unsigned data = fc->idx ? rndn(16 >> esz) : 0;
        bool all_zon = true;
        uint32_t desc;

        /* Registers 0..3 random, lane by lane. */
        for (int r = 0; r < 4; r++) {
            for (int i = 0; i < 16 >> esz; i++) {
                vset(&fast->vregs[r], i, esz, rnd_fp(esz, &all_zon));
            }
        }
        /* Mostly the state of FP-heavy code (nearest, IXC set). */
        fast->fpcr = (rndn(4) == 0 ? rndn(4) : 0) << FPCR_RMODE_SHIFT;
        fast->fpcr |= (rndn(2) ? FPCR_FZ : 0) | (rndn(2) ? FPCR_DN : 0) |
                      (rndn(2) ? FPCR_AHP : 0);
        fast->fpsr = (uint32_t)rnd() & (FPSR_IOC | FPSR_DZC | FPSR_OFC |
                                        FPSR_UFC | FPSR_IDC | FPSR_QC);
        if (rndn(4) != 0) {
            fast->fpsr |= FPSR_IXC;
        }
        memcpy(soft->vregs, fast->vregs, sizeof(fast->vregs));
        soft->fpcr = fast->fpcr;
        soft->fpsr = fast->fpsr;
        if (all_zon && (fast->fpsr & FPSR_IXC) &&
            !(fast->fpcr & (3u << FPCR_RMODE_SHIFT))) {
            eligible++;
        }

        desc = simd_desc(rd, rn, rm, ra, esz, q, scalar, data);
        arm_fp_soft_only = false;
        fc->fn(fast, desc);
        arm_fp_soft_only = true;
        fc->fn(soft, desc);
        arm_fp_soft_only = false;

        for (int r = 0; r < 4; r++) {
            if (memcmp(&fast->vregs[r], &soft->vregs[r], 16) != 0 ||
                fast->fpsr != soft->fpsr) {
                g_test_message("%s esz %d nel %d d%d n%d m%d a%d idx %u "
                               "fpcr %08x: v%d %016" PRIx64 ":%016" PRIx64
                               " fpsr %08x, soft %016" PRIx64 ":%016" PRIx64
                               " fpsr %08x", fc->name, esz, nel, rd, rn, rm,
                               ra, data, fast->fpcr, r, fast->vregs[r].d[1],
                               fast->vregs[r].d[0], fast->fpsr,
                               soft->vregs[r].d[1], soft->vregs[r].d[0],
                               soft->fpsr);
                g_test_fail();
                goto out;
            }
        }
    }
    /* The fast path's conditions held often enough to be exercised. */
    g_assert_cmpuint(eligible, >, total / 20);
out:
    g_free(fast);
    g_free(soft);
}

/* Hand-picked boundaries: results just at the smallest normal, at the
 * largest finite value and overflowing, exact zeros of either sign. */
static void test_fp_fast_edges(void)
{
    static const uint64_t d[] = {
        0x0010000000000000ull,  /* smallest normal */
        0x0010000000000001ull, 0x3fe0000000000000ull, 0x3ff0000000000000ull,
        0x3ff0000000000001ull, 0x4000000000000000ull, 0x7fefffffffffffffull,
        0x7fe0000000000000ull, 0x8000000000000000ull, 0,
        0xbff0000000000000ull, 0x000fffffffffffffull, 0x3ca0000000000000ull,
    };
    static const uint32_t s[] = {
        0x00800000, 0x00800001, 0x3f000000, 0x3f800000, 0x3f800001,
        0x40000000, 0x7f7fffff, 0x7f000000, 0x80000000, 0, 0xbf800000,
        0x007fffff, 0x33800000,
    };
    CPUARMState *fast = g_new0(CPUARMState, 1);
    CPUARMState *soft = g_new0(CPUARMState, 1);
    size_t n = G_N_ELEMENTS(d);

    for (size_t c = 0; c < G_N_ELEMENTS(fast_cases); c++) {
        const FastCase *fc = &fast_cases[c];

        for (size_t i = 0; i < n * n * n; i++) {
            for (int esz = 2; esz <= 3; esz++) {
                size_t x = i % n, y = i / n % n, z = i / n / n;
                uint64_t vx = esz == 3 ? d[x] : s[x];
                uint64_t vy = esz == 3 ? d[y] : s[y];
                uint64_t vz = esz == 3 ? d[z] : s[z];
                uint32_t desc = simd_desc(0, 1, 2, 3, esz, false, true, 0);

                memset(fast->vregs, 0, sizeof(fast->vregs));
                vset(&fast->vregs[1], 0, esz, vx);
                vset(&fast->vregs[2], 0, esz, vy);
                vset(&fast->vregs[0], 0, esz, vz);
                vset(&fast->vregs[3], 0, esz, vz);
                fast->fpcr = (c & 1) ? FPCR_FZ : 0;
                fast->fpsr = FPSR_IXC;
                memcpy(soft->vregs, fast->vregs, sizeof(fast->vregs));
                soft->fpcr = fast->fpcr;
                soft->fpsr = fast->fpsr;
                arm_fp_soft_only = false;
                fc->fn(fast, desc);
                arm_fp_soft_only = true;
                fc->fn(soft, desc);
                arm_fp_soft_only = false;
                if (fast->vregs[0].d[0] != soft->vregs[0].d[0] ||
                    fast->vregs[0].d[1] != soft->vregs[0].d[1] ||
                    fast->fpsr != soft->fpsr) {
                    g_test_message("%s esz %d %" PRIx64 " %" PRIx64 " %"
                                   PRIx64 ": %" PRIx64 " fpsr %x, soft %"
                                   PRIx64 " fpsr %x", fc->name, esz, vx, vy,
                                   vz, fast->vregs[0].d[0], fast->fpsr,
                                   soft->vregs[0].d[0], soft->fpsr);
                    g_test_fail();
                    goto out;
                }
            }
        }
    }
out:
    g_free(fast);
    g_free(soft);
}

/* A random integer: small, near the significand limits, or anywhere. */
static uint64_t rnd_int(void)
{
    uint64_t v = rnd();

    switch (rndn(5)) {
    case 0:
        return v % 1000 - 500;
    case 1:
        return (1ull << 24) + v % 5 - 2 - (rndn(2) ? 2ull << 24 : 0);
    case 2:
        return (1ull << 53) + v % 5 - 2 - (rndn(2) ? 2ull << 53 : 0);
    case 3:
        return v >> rndn(64);
    default:
        return v;
    }
}

/* The scalar helpers with a fast path of their own: FCMP/FCMPE, FCVTZS
 * to a general register, SCVTF/UCVTF from one, FCVT between single and
 * double.  Their results go to V31 so that the V registers say it all. */
static void run_scalar(CPUARMState *env, unsigned kind, int esz,
                       uint64_t val, unsigned sel)
{
    switch (kind) {
    case 0:     /* fcmp: data bit 0 = E, bit 1 = compare with zero */
        env->vregs[31].d[0] =
            helper_simd_fcmp(env, simd_desc(0, 1, 2, 0, esz, false, true,
                                            sel & 3));
        break;
    case 1: {   /* fcvt_gen: rmode | u << 3 | sf << 4, fbits in ra */
        int fbits = sel & 4 ? (int)(sel >> 3) % 32 : 0;
        unsigned data = (sel & 8 ? ARM_RM_N + (sel >> 5) % 5 : ARM_RM_Z) |
                        ((sel >> 8) & 1) << 3 | ((sel >> 9) & 1) << 4;

        if (!((sel >> 9) & 1) && fbits > 32) {
            fbits = 32;
        }
        env->vregs[31].d[0] =
            helper_simd_fcvt_gen(env, simd_desc(0, 1, 0, fbits, esz, false,
                                                true, data));
        break;
    }
    case 2: {   /* cvtf_gen: u | sf << 1, fbits in ra */
        int fbits = sel & 4 ? (int)(sel >> 3) % 32 : 0;

        helper_simd_cvtf_gen(env, val, simd_desc(0, 0, 0, fbits, esz, false,
                                                 true, (sel >> 8) & 3));
        break;
    }
    default:    /* fcvt_prec: esz to the other of single/double */
        helper_simd_fcvt_prec(env, simd_desc(0, 1, 0, 0, esz, false, true,
                                             esz == 2 ? 3 : 2));
        break;
    }
}

/* Boundaries of the scalar fast paths: integer ranges of FCVTZS, the
 * single-precision normal range for FCVT (tiny before rounding, rounding
 * up to the smallest normal, to the largest finite value or overflowing). */
static uint64_t rnd_edge(int esz)
{
    static const double d[] = {
        0x1p31, 0x1p31 - 0.5, 0x1p31 - 1, 0x1p31 + 1, 0x1p32 - 1, 0x1p32,
        0x1p63, 0x1p63 - 1024, 0x1p64, 0x1p53 + 2, 0.5, 0.75,
        0x1p-126, 0x1p-126 * (1 - 0x1p-25), 0x1p-126 * (1 - 0x1p-24),
        0x1p-126 * (1 + 0x1p-30), 0x1p-126 * (1 - 0x1p-23),
        FLT_MAX, FLT_MAX * (1 + 0x1p-25), FLT_MAX * (1 + 0x1p-24),
        FLT_MAX * (1 + 0x1p-23),
    };
    static const float f[] = {
        0x1p31f, 0x1p31f * (1 - 0x1p-24f), 0x1p32f, 0x1p32f * (1 - 0x1p-24f),
        0x1p63f, 0x1p63f * (1 - 0x1p-24f), 0x1p64f, 0x1p24f, 0.5f, 1.5f,
    };
    bool neg = rndn(2);
    uint64_t r;

    if (esz == 3) {
        double x = d[rndn(G_N_ELEMENTS(d))];

        memcpy(&r, &x, 8);
        return r | (neg ? 1ull << 63 : 0);
    } else {
        float x = f[rndn(G_N_ELEMENTS(f))];
        uint32_t b;

        memcpy(&b, &x, 4);
        return b | (neg ? 1u << 31 : 0);
    }
}

static void test_fp_fast_scalar(void)
{
    static const char *const names[] = { "fcmp", "fcvt_gen", "cvtf_gen",
                                         "fcvt_prec" };
    CPUARMState *fast = g_new0(CPUARMState, 1);
    CPUARMState *soft = g_new0(CPUARMState, 1);

    for (unsigned it = 0; it < 200000; it++) {
        unsigned kind = rndn(4), sel = (unsigned)rnd();
        int esz = 2 + (int)rndn(2);
        uint64_t val = rnd_int();
        bool zon = true;

        memset(fast->vregs, 0, sizeof(fast->vregs));
        for (int r = 0; r < 3; r++) {
            vset(&fast->vregs[r], 0, esz,
                 rndn(4) ? rnd_fp(esz, &zon) : rnd_edge(esz));
        }
        if (rndn(8) == 0) {     /* equal operands */
            fast->vregs[2] = fast->vregs[1];
        }
        fast->vregs[0].d[1] = rnd();
        fast->fpcr = (rndn(3) == 0 ? rndn(4) : 0) << FPCR_RMODE_SHIFT;
        fast->fpcr |= (rndn(2) ? FPCR_FZ : 0) | (rndn(2) ? FPCR_DN : 0);
        fast->fpsr = rndn(2) ? FPSR_IXC : 0;
        memcpy(soft->vregs, fast->vregs, sizeof(fast->vregs));
        soft->fpcr = fast->fpcr;
        soft->fpsr = fast->fpsr;

        arm_fp_soft_only = false;
        run_scalar(fast, kind, esz, val, sel);
        arm_fp_soft_only = true;
        run_scalar(soft, kind, esz, val, sel);
        arm_fp_soft_only = false;

        if (memcmp(fast->vregs, soft->vregs, sizeof(fast->vregs)) != 0 ||
            fast->fpsr != soft->fpsr) {
            g_test_message("%s esz %d sel %x val %" PRIx64 " fpcr %08x "
                           "v1 %" PRIx64 " v2 %" PRIx64 ": v0 %" PRIx64
                           " v31 %" PRIx64 " fpsr %x, soft v0 %" PRIx64
                           " v31 %" PRIx64 " fpsr %x", names[kind], esz,
                           sel, val, fast->fpcr, fast->vregs[1].d[0],
                           fast->vregs[2].d[0], fast->vregs[0].d[0],
                           fast->vregs[31].d[0], fast->fpsr,
                           soft->vregs[0].d[0], soft->vregs[31].d[0],
                           soft->fpsr);
            g_test_fail();
            break;
        }
    }
    g_free(fast);
    g_free(soft);
}

void arm_fp_fast_tests_register(void)
{
    g_test_add_func("/arm-simd/fp/fast-scalar", test_fp_fast_scalar);
    g_test_add_func("/arm-simd/fp/fast-vs-soft", test_fp_fast_vs_soft);
    g_test_add_func("/arm-simd/fp/fast-edges", test_fp_fast_edges);
}
