/*
 * helper-a64.c — run-time helpers called from A64 generated code (see
 * helper-a64.h): exception raising, CRC32/CRC32C, DC ZVA, MSR (immediate)
 * to PSTATE, 128-bit compare-and-swap for CASP/STXP, pointer
 * authentication with an IMPLEMENTATION DEFINED algorithm; and the
 * TCGHelperInfo of the CPU model's helpers the translator calls (WFI, WFE,
 * HVC, SMC, ERET, system registers).
 */
#include "util/osdep.h"
#include "util/log.h"
#include "exec/cpu-exec.h"
#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "target/arm/sysreg.h"
#include "target/arm/helper-a64.h"
#include "target/arm/translate-a64.h"

/* SCTLR_ELx.EnIA/EnIB/EnDA/EnDB: the pointer authentication keys in use. */
#define SCTLR_EnDB   (1ull << 13)
#define SCTLR_EnDA   (1ull << 27)
#define SCTLR_EnIB   (1ull << 30)
#define SCTLR_EnIA   (1ull << 31)

static bool a64_tge_el0(CPUARMState *env)
{
    return arm_current_el(env) == 0 && arm_feature(env, ARM_FEATURE_EL2) &&
           (arm_hcr_el2_eff(env) & HCR_TGE);
}

/* The SCTLR that controls the current EL's regime. */
static uint64_t a64_sctlr(CPUARMState *env)
{
    int el = arm_current_el(env);

    if (el == 0) {
        return a64_tge_el0(env) ? env->sys.sctlr_el[2] : env->sys.sctlr_el[1];
    }
    return env->sys.sctlr_el[el];
}

/* ---------------------------------------------------------------------- */
/* Exceptions                                                              */

void helper_a64_exception(CPUARMState *env, uint32_t excp, uint32_t syndrome,
                          uint32_t target_el)
{
    if (target_el == 0) {
        target_el = arm_exception_target_el(env);
    }
    arm_raise_exception(env, excp, syndrome, target_el, 0);
}

void helper_a64_exception_far(CPUARMState *env, uint32_t excp, uint32_t syndrome,
                              uint32_t target_el, uint64_t far)
{
    if (target_el == 0) {
        target_el = arm_exception_target_el(env);
    }
    arm_raise_exception_far(env, excp, syndrome, target_el, far, 0);
}

void helper_a64_fetch_fault(CPUARMState *env, uint64_t pc, uint32_t mmu_idx)
{
    /* Faults (and does not return) if the fetch still faults; otherwise
     * the block exits and the code is translated again. */
    probe_access(env_cpu(env), pc, 4, MMU_INST_FETCH, mmu_idx, A64_GETPC());
}

/* ---------------------------------------------------------------------- */
/* CRC32                                                                   */

/* Reflected CRC update, no pre/post inversion (Arm ARM C6.2 CRC32B...:
 * the polynomial applied bit-reversed, LSB first). */
static uint32_t crc_update(uint32_t crc, uint64_t val, unsigned bytes,
                           uint32_t poly)
{
    for (unsigned i = 0; i < bytes * 8; i++) {
        uint32_t bit = (crc ^ (uint32_t)(val >> i)) & 1;

        crc = (crc >> 1) ^ (bit ? poly : 0);
    }
    return crc;
}

uint64_t helper_a64_crc32(uint64_t acc, uint64_t val, uint32_t bytes)
{
    return crc_update((uint32_t)acc, val, bytes, 0xedb88320u);
}

uint64_t helper_a64_crc32c(uint64_t acc, uint64_t val, uint32_t bytes)
{
    return crc_update((uint32_t)acc, val, bytes, 0x82f63b78u);
}

/* ---------------------------------------------------------------------- */
/* DC ZVA                                                                  */

void helper_a64_dc_zva(CPUARMState *env, uint64_t vaddr, uint32_t mmu_idx)
{
    CPUState *cs = env_cpu(env);
    ARMCPU *cpu = env_archcpu(env);
    uintptr_t ra = A64_GETPC();
    unsigned blocksize = 4u << (cpu->isar.dczid & 0xf);
    uint64_t base = vaddr & ~(uint64_t)(blocksize - 1);
    void *host;

    host = probe_access(cs, base, blocksize, MMU_DATA_STORE, mmu_idx, ra);
    if (host) {
        memset(host, 0, blocksize);
    } else {
        /* MMIO or watched: through the slow path. */
        for (unsigned i = 0; i < blocksize; i += 8) {
            cpu_stq_mmu(cs, base + i, 0, MO_64, mmu_idx, ra);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* PSTATE writes                                                           */

void helper_a64_msr_i(CPUARMState *env, uint32_t field, uint32_t imm)
{
    uint32_t daif = (imm & 0xf) << 6;
    int el = arm_current_el(env);

    switch (field) {
    case A64_PSTATE_SPSEL:
        arm_sp_save(env);
        env->pstate = (env->pstate & ~PSTATE_SP) | (imm & 1);
        arm_sp_restore(env);
        break;
    case A64_PSTATE_DAIFSET:
    case A64_PSTATE_DAIFCLR:
        if (el == 0 && !(a64_sctlr(env) & SCTLR_UMA)) {
            arm_raise_exception(env, EXCP_UDEF,
                                syn_aa64_sysregtrap(0, 3, field == A64_PSTATE_DAIFSET ? 6 : 7,
                                                    4, imm & 0xf, 31, false),
                                a64_tge_el0(env) ? 2 : 1, 0);
        }
        if (field == A64_PSTATE_DAIFSET) {
            env->pstate |= daif;
        } else {
            env->pstate &= ~daif;
        }
        arm_cpu_update_interrupts(env);
        break;
    case A64_PSTATE_PAN:
        env->pstate = (env->pstate & ~PSTATE_PAN) | ((imm & 1) ? PSTATE_PAN : 0);
        break;
    case A64_PSTATE_UAO:
        env->pstate = (env->pstate & ~PSTATE_UAO) | ((imm & 1) ? PSTATE_UAO : 0);
        break;
    case A64_PSTATE_DIT:
        env->pstate = (env->pstate & ~PSTATE_DIT) | ((imm & 1) ? PSTATE_DIT : 0);
        break;
    case A64_PSTATE_SSBS:
        env->pstate = (env->pstate & ~PSTATE_SSBS) |
                      ((imm & 1) ? PSTATE_SSBS : 0);
        break;
    default:
        break;
    }
    arm_rebuild_hflags(env);
}

/* ---------------------------------------------------------------------- */
/* Exclusive monitor across vCPUs                                          */

/* Per vCPU (by cpu_index): how many slices the others had run at its LDXR
 * (vCPUs take turns, so another one can only have stored in between if it
 * ran a slice). */
static GArray *excl_marks;

static uint64_t others_slices(CPUState *me)
{
    CPUState *c;
    uint64_t n = 0;

    CPU_FOREACH(c) {
        if (c != me) {
            n += c->slices_run;
        }
    }
    return n;
}

static uint64_t *excl_mark_slot(CPUState *cs)
{
    if (!excl_marks) {
        excl_marks = g_array_new(FALSE, TRUE, sizeof(uint64_t));
    }
    if ((guint)cs->cpu_index >= excl_marks->len) {
        g_array_set_size(excl_marks, cs->cpu_index + 1);
    }
    return &g_array_index(excl_marks, uint64_t, cs->cpu_index);
}

void helper_a64_excl_mark(CPUARMState *env)
{
    CPUState *cs = env_cpu(env);

    *excl_mark_slot(cs) = others_slices(cs);
}

uint64_t helper_a64_excl_lost(CPUARMState *env)
{
    CPUState *cs = env_cpu(env);

    return *excl_mark_slot(cs) != others_slices(cs);
}

void helper_a64_tlbi_all(CPUARMState *env)
{
    tlb_flush_all_cpus(env_cpu(env));
}

/* ---------------------------------------------------------------------- */
/* 128-bit compare-and-swap                                                */

/* One lock cmpxchg16b on x86-64 hosts. */
__attribute__((target("cx16")))
static unsigned __int128 cmpxchg128(unsigned __int128 *p, unsigned __int128 cmp,
                                    unsigned __int128 newv)
{
    return __sync_val_compare_and_swap(p, cmp, newv);
}

static inline uint64_t reg_or_zr(CPUARMState *env, int r)
{
    return r == 31 ? 0 : env->xregs[r];
}

/*
 * Compare and swap 16 bytes at addr: (cmp_lo, cmp_hi) are the doublewords
 * at addr and addr + 8 in guest byte order. Returns the old ones.
 */
static void cas128(CPUARMState *env, uint64_t addr, int mmu_idx, bool be,
                   uint64_t cmp_lo, uint64_t cmp_hi, uint64_t new_lo,
                   uint64_t new_hi, uint64_t *old_lo, uint64_t *old_hi,
                   uintptr_t ra)
{
    CPUState *cs = env_cpu(env);
    void *host;

    if (addr & 15) {
        /* The alignment fault, raised by the slow path of an access that
         * requires 16-byte alignment. */
        cpu_ldq_mmu(cs, addr, MO_64 | MO_ALIGN_16, mmu_idx, ra);
    }
    host = probe_access(cs, addr, 16, MMU_DATA_STORE, mmu_idx, ra);
    if (host) {
        unsigned __int128 c, n, o;

        if (be) {
            cmp_lo = __builtin_bswap64(cmp_lo);
            cmp_hi = __builtin_bswap64(cmp_hi);
            new_lo = __builtin_bswap64(new_lo);
            new_hi = __builtin_bswap64(new_hi);
        }
        c = ((unsigned __int128)cmp_hi << 64) | cmp_lo;
        n = ((unsigned __int128)new_hi << 64) | new_lo;
        o = cmpxchg128(host, c, n);
        *old_lo = (uint64_t)o;
        *old_hi = (uint64_t)(o >> 64);
        if (be) {
            *old_lo = __builtin_bswap64(*old_lo);
            *old_hi = __builtin_bswap64(*old_hi);
        }
    } else {
        /* Device memory: not atomic (no guest relies on that). */
        uint32_t op = MO_64 | (be ? MO_BE : MO_LE);

        *old_lo = cpu_ldq_mmu(cs, addr, op, mmu_idx, ra);
        *old_hi = cpu_ldq_mmu(cs, addr + 8, op, mmu_idx, ra);
        if (*old_lo == cmp_lo && *old_hi == cmp_hi) {
            cpu_stq_mmu(cs, addr, new_lo, op, mmu_idx, ra);
            cpu_stq_mmu(cs, addr + 8, new_hi, op, mmu_idx, ra);
        }
    }
}

void helper_a64_casp128(CPUARMState *env, uint64_t addr, uint32_t desc)
{
    int rs = desc & 31, rt = (desc >> 5) & 31;
    int mmu_idx = (desc >> 10) & 15;
    bool be = (desc >> 14) & 1;
    uint64_t lo, hi;

    cas128(env, addr, mmu_idx, be, reg_or_zr(env, rs), reg_or_zr(env, rs + 1),
           reg_or_zr(env, rt), reg_or_zr(env, rt + 1), &lo, &hi, A64_GETPC());
    if (rs != 31) {
        env->xregs[rs] = lo;
    }
    if (rs + 1 != 31) {
        env->xregs[rs + 1] = hi;
    }
}

uint64_t helper_a64_stxp128(CPUARMState *env, uint64_t addr, uint64_t lo,
                            uint64_t hi, uint32_t desc)
{
    int mmu_idx = (desc >> 10) & 15;
    bool be = (desc >> 14) & 1;
    uint64_t old_lo, old_hi;

    cas128(env, addr, mmu_idx, be, env->exclusive_val, env->exclusive_high,
           lo, hi, &old_lo, &old_hi, A64_GETPC());
    return !(old_lo == env->exclusive_val && old_hi == env->exclusive_high);
}

/* ---------------------------------------------------------------------- */
/* Pointer authentication (FEAT_PAuth, Arm ARM D8.10)                      */

/*
 * The PAC is an IMPLEMENTATION DEFINED function of the pointer, the
 * modifier and the key (the CPU model advertises the IMPDEF algorithm).
 * The key registers are not modelled separately: the key number stands
 * for the key, which keeps PAC/AUT consistent but not secret.
 */
static uint64_t pac_hash(uint64_t ptr, uint64_t modifier, unsigned key)
{
    uint64_t h = ptr ^ 0x9e3779b97f4a7c15ull * (key + 1);

    h ^= modifier + 0x632be59bd9b4e019ull + (h << 6) + (h >> 2);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

typedef struct PACParams {
    int bot;        /* lowest PAC bit: 64 - TxSZ */
    bool tbi;       /* top byte ignored: PAC only in bits 54:bot */
    bool enabled;   /* SCTLR_ELx.EnIA/EnIB/EnDA/EnDB */
} PACParams;

static PACParams pac_params(CPUARMState *env, uint64_t ptr, unsigned key)
{
    static const uint64_t en_bits[4] = {
        SCTLR_EnIA, SCTLR_EnIB, SCTLR_EnDA, SCTLR_EnDB
    };
    int el = arm_current_el(env);
    bool two_ranges = el < 2 || (el == 2 && (env->sys.hcr_el2 & HCR_E2H));
    uint64_t tcr;
    unsigned tsz;
    PACParams p;

    if (el < 2 && !a64_tge_el0(env)) {
        tcr = env->sys.tcr_el[1];
    } else {
        tcr = env->sys.tcr_el[el < 2 ? 2 : el];
    }
    if (two_ranges) {
        bool upper = (ptr >> 55) & 1;

        tsz = upper ? (tcr >> 16) & 0x3f : tcr & 0x3f;
        p.tbi = (tcr >> (upper ? 38 : 37)) & 1;
    } else {
        tsz = tcr & 0x3f;
        p.tbi = (tcr >> 20) & 1;
    }
    if (tsz < 16) {
        tsz = 16;
    } else if (tsz > 39) {
        tsz = 39;
    }
    p.bot = 64 - tsz;
    p.enabled = key > 3 || (a64_sctlr(env) & en_bits[key]);
    return p;
}

/* Mask of the PAC field. */
static uint64_t pac_mask(const PACParams *p)
{
    uint64_t m = ((1ull << 55) - 1) & ~((1ull << p->bot) - 1);

    if (!p->tbi) {
        m |= 0xffull << 56;
    }
    return m;
}

/* The pointer with its PAC field replaced by copies of bit 55. */
static uint64_t pac_strip(uint64_t ptr, const PACParams *p)
{
    uint64_t m = pac_mask(p);

    return ((ptr >> 55) & 1) ? (ptr | m) : (ptr & ~m);
}

uint64_t helper_a64_pac(CPUARMState *env, uint64_t ptr, uint64_t modifier,
                        uint32_t key)
{
    PACParams p = pac_params(env, ptr, key);
    uint64_t m, ext, pac;

    if (!p.enabled) {
        return ptr;
    }
    m = pac_mask(&p);
    ext = pac_strip(ptr, &p);
    pac = pac_hash(ext, modifier, key) & m;
    /* A non-canonical pointer gets a PAC that cannot authenticate
     * (AddPAC: flip bit top-2 of the PAC). */
    if (ext != ptr) {
        pac ^= 1ull << 53;
    }
    return (ptr & ~m) | pac | (ptr & (1ull << 55));
}

uint64_t helper_a64_aut(CPUARMState *env, uint64_t ptr, uint64_t modifier,
                        uint32_t key)
{
    PACParams p = pac_params(env, ptr, key);
    uint64_t m, orig, want;

    if (!p.enabled) {
        return ptr;
    }
    m = pac_mask(&p);
    orig = pac_strip(ptr, &p);
    want = (pac_hash(orig, modifier, key) & m) | (ptr & ~m);
    if (want == ptr) {
        return orig;
    }
    /* Failed: an error code in the extension bits makes the pointer
     * non-canonical, so using it faults (Arm ARM D8.10.1). */
    {
        uint64_t err = (key & 1) ? 2 : 1;
        int pos = p.tbi ? 53 : 61;

        return (orig & ~(3ull << pos)) | (err << pos);
    }
}

uint64_t helper_a64_xpac(CPUARMState *env, uint64_t ptr, uint32_t data)
{
    PACParams p = pac_params(env, ptr, data ? 2 : 0);

    return pac_strip(ptr, &p);
}

uint64_t helper_a64_pacga(CPUARMState *env, uint64_t ptr, uint64_t modifier)
{
    return pac_hash(ptr, modifier, 4) & 0xffffffff00000000ull;
}

/* ---------------------------------------------------------------------- */
/* Helper descriptions                                                     */

#define I32 TCG_TYPE_I32
#define I64 TCG_TYPE_I64
#define PTR TCG_TYPE_PTR

void helper_a64_cc_materialize(CPUARMState *env)
{
    arm_cc_materialize(env);
}

const TCGHelperInfo helper_info_a64_exception = {
    .func = (void *)helper_a64_exception, .name = "a64_exception",
    .flags = TCG_CALL_NO_WG, .nb_args = 4, .arg_types = { PTR, I32, I32, I32 },
};
const TCGHelperInfo helper_info_a64_exception_far = {
    .func = (void *)helper_a64_exception_far, .name = "a64_exception_far",
    .flags = TCG_CALL_NO_WG, .nb_args = 5, .arg_types = { PTR, I32, I32, I32, I64 },
};
const TCGHelperInfo helper_info_a64_fetch_fault = {
    .func = (void *)helper_a64_fetch_fault, .name = "a64_fetch_fault",
    .flags = TCG_CALL_NO_WG, .nb_args = 3, .arg_types = { PTR, I64, I32 },
};
const TCGHelperInfo helper_info_a64_crc32 = {
    .func = (void *)helper_a64_crc32, .name = "a64_crc32",
    .flags = TCG_CALL_NO_RWG_SE, .has_ret = true, .ret_type = I64,
    .nb_args = 3, .arg_types = { I64, I64, I32 },
};
const TCGHelperInfo helper_info_a64_crc32c = {
    .func = (void *)helper_a64_crc32c, .name = "a64_crc32c",
    .flags = TCG_CALL_NO_RWG_SE, .has_ret = true, .ret_type = I64,
    .nb_args = 3, .arg_types = { I64, I64, I32 },
};
const TCGHelperInfo helper_info_a64_dc_zva = {
    .func = (void *)helper_a64_dc_zva, .name = "a64_dc_zva",
    .flags = TCG_CALL_NO_WG, .nb_args = 3, .arg_types = { PTR, I64, I32 },
};
const TCGHelperInfo helper_info_a64_msr_i = {
    .func = (void *)helper_a64_msr_i, .name = "a64_msr_i",
    .flags = 0, .nb_args = 3, .arg_types = { PTR, I32, I32 },
};
const TCGHelperInfo helper_info_a64_cc_materialize = {
    .func = (void *)helper_a64_cc_materialize, .name = "a64_cc_materialize",
    .flags = 0, .nb_args = 1, .arg_types = { PTR },
};
const TCGHelperInfo helper_info_wfi = {
    .func = (void *)helper_wfi, .name = "wfi",
    .flags = TCG_CALL_NO_WG, .nb_args = 1, .arg_types = { PTR },
};
const TCGHelperInfo helper_info_wfe = {
    .func = (void *)helper_wfe, .name = "wfe",
    .flags = TCG_CALL_NO_WG, .nb_args = 1, .arg_types = { PTR },
};
/* PSCI calls write x0-x3: HVC and SMC may write globals. */
const TCGHelperInfo helper_info_hvc = {
    .func = (void *)helper_hvc, .name = "hvc",
    .flags = 0, .nb_args = 2, .arg_types = { PTR, I32 },
};
const TCGHelperInfo helper_info_smc = {
    .func = (void *)helper_smc, .name = "smc",
    .flags = 0, .nb_args = 2, .arg_types = { PTR, I32 },
};
const TCGHelperInfo helper_info_a64_tlbi_all = {
    .func = (void *)helper_a64_tlbi_all, .name = "a64_tlbi_all",
    .flags = TCG_CALL_NO_RWG, .nb_args = 1, .arg_types = { PTR },
};
const TCGHelperInfo helper_info_a64_excl_mark = {
    .func = (void *)helper_a64_excl_mark, .name = "a64_excl_mark",
    .flags = TCG_CALL_NO_RWG, .nb_args = 1, .arg_types = { PTR },
};
const TCGHelperInfo helper_info_a64_excl_lost = {
    .func = (void *)helper_a64_excl_lost, .name = "a64_excl_lost",
    .flags = TCG_CALL_NO_RWG, .has_ret = true, .ret_type = I64,
    .nb_args = 1, .arg_types = { PTR },
};
const TCGHelperInfo helper_info_a64_casp128 = {
    .func = (void *)helper_a64_casp128, .name = "a64_casp128",
    .flags = 0, .nb_args = 3, .arg_types = { PTR, I64, I32 },
};
const TCGHelperInfo helper_info_a64_stxp128 = {
    .func = (void *)helper_a64_stxp128, .name = "a64_stxp128",
    .flags = TCG_CALL_NO_WG, .has_ret = true, .ret_type = I64,
    .nb_args = 5, .arg_types = { PTR, I64, I64, I64, I32 },
};
const TCGHelperInfo helper_info_a64_pac = {
    .func = (void *)helper_a64_pac, .name = "a64_pac",
    .flags = TCG_CALL_NO_WG_SE, .has_ret = true, .ret_type = I64,
    .nb_args = 4, .arg_types = { PTR, I64, I64, I32 },
};
const TCGHelperInfo helper_info_a64_aut = {
    .func = (void *)helper_a64_aut, .name = "a64_aut",
    .flags = TCG_CALL_NO_WG_SE, .has_ret = true, .ret_type = I64,
    .nb_args = 4, .arg_types = { PTR, I64, I64, I32 },
};
const TCGHelperInfo helper_info_a64_xpac = {
    .func = (void *)helper_a64_xpac, .name = "a64_xpac",
    .flags = TCG_CALL_NO_WG_SE, .has_ret = true, .ret_type = I64,
    .nb_args = 3, .arg_types = { PTR, I64, I32 },
};
const TCGHelperInfo helper_info_a64_pacga = {
    .func = (void *)helper_a64_pacga, .name = "a64_pacga",
    .flags = TCG_CALL_NO_WG_SE, .has_ret = true, .ret_type = I64,
    .nb_args = 3, .arg_types = { PTR, I64, I64 },
};
const TCGHelperInfo helper_info_exception_return = {
    .func = (void *)helper_exception_return, .name = "exception_return",
    .flags = 0, .nb_args = 2, .arg_types = { PTR, I64 },
};
const TCGHelperInfo helper_info_sysreg_read = {
    .func = (void *)helper_sysreg_read, .name = "sysreg_read",
    .flags = TCG_CALL_NO_WG, .has_ret = true, .ret_type = I64,
    .nb_args = 3, .arg_types = { PTR, PTR, I32 },
};
const TCGHelperInfo helper_info_sysreg_check = {
    .func = (void *)helper_sysreg_check, .name = "sysreg_check",
    .flags = TCG_CALL_NO_WG, .nb_args = 4, .arg_types = { PTR, PTR, I32, I32 },
};
const TCGHelperInfo helper_info_sysreg_write = {
    .func = (void *)helper_sysreg_write, .name = "sysreg_write",
    .flags = 0, .nb_args = 4, .arg_types = { PTR, PTR, I64, I32 },
};
