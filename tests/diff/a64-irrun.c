/*
 * a64-irrun.c — Turtle's side of the A64 differential test at the IR
 * level: the A64 front end (target/arm/translate-a64*.c) translates each
 * block of a case, the IR is checked by the verifier (and optionally run
 * through the optimizer and the other passes), and the reference IR
 * interpreter runs it on a flat guest memory, as EL0 code with the MMU
 * off. This isolates the front end: the same cases run under the whole
 * emulator in the "system" mode of run-diff.py.
 *
 *     a64-irrun [--opt] [--dump] [--dczid N] CASES RESULTS
 *
 * The pieces of the CPU model and of the execution engine the front end
 * calls are stood in for below (translator_loop, the softmmu accessors,
 * exceptions, the system register table), just enough for EL0 code.
 */
#include "util/osdep.h"
#include <setjmp.h>
#include "exec/translator.h"
#include "tcg/tcg.h"
#include "tcg/passes.h"
#include "tcg/interp.h"
#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "target/arm/sysreg.h"
#include "target/arm/translate-a64.h"
#include "target/arm/helper-a64.h"
#include "a64-case.h"

#define EXIT_MAGIC 0x40fff000ull

/* ---------------------------------------------------------------------- */
/* Guest memory: the code and data areas of a64-case.h                     */

static uint8_t *code_mem, *data_mem;

static uint8_t *guest_ptr(uint64_t addr, unsigned size)
{
    if (addr >= A64_CODE_BASE && addr + size <= A64_CODE_BASE + A64_CODE_SIZE) {
        return code_mem + (addr - A64_CODE_BASE);
    }
    if (addr >= A64_DATA_BASE && addr + size <= A64_DATA_BASE + A64_DATA_SIZE) {
        return data_mem + (addr - A64_DATA_BASE);
    }
    return NULL;
}

static uint64_t fault_addr;

static bool mem_load(void *opaque, uint64_t addr, MemOp mop, unsigned mmu_idx,
                     uint64_t *val)
{
    unsigned size = memop_size(mop);
    uint8_t *p = guest_ptr(addr, size);

    if (!p || (addr & (memop_alignment_bytes(mop) - 1))) {
        fault_addr = addr;
        return false;
    }
    *val = 0;
    memcpy(val, p, size);           /* little-endian host */
    return true;
}

static bool mem_store(void *opaque, uint64_t addr, MemOp mop, unsigned mmu_idx,
                      uint64_t val)
{
    unsigned size = memop_size(mop);
    uint8_t *p = guest_ptr(addr, size);

    if (!p || (addr & (memop_alignment_bytes(mop) - 1))) {
        fault_addr = addr;
        return false;
    }
    memcpy(p, &val, size);
    return true;
}

static const TCGInterpMemOps mem_ops = { mem_load, mem_store };

/* ---------------------------------------------------------------------- */
/* Exceptions: leave the case                                              */

static sigjmp_buf case_jmp;
static int case_excp;
static uint32_t case_syndrome;

void arm_raise_exception(CPUARMState *env, int excp, uint32_t syndrome,
                         int target_el, uintptr_t retaddr)
{
    case_excp = excp;
    case_syndrome = syndrome;
    siglongjmp(case_jmp, 1);
}

int arm_exception_target_el(CPUARMState *env)
{
    return 1;
}

G_NORETURN void cpu_loop_exit(CPUState *cpu)
{
    case_excp = -1;
    siglongjmp(case_jmp, 1);
}

void arm_sp_save(CPUARMState *env) { }
void arm_sp_restore(CPUARMState *env) { }
void arm_rebuild_hflags(CPUARMState *env) { }
bool arm_is_psci_call(ARMCPU *cpu, int excp) { return false; }
void arm_handle_psci_call(ARMCPU *cpu) { }

void arm_raise_exception_far(CPUARMState *env, int excp, uint32_t syndrome,
                             int target_el, uint64_t far, uintptr_t retaddr)
{
    arm_raise_exception(env, excp, syndrome, target_el, retaddr);
}

void arm_cpu_update_interrupts(CPUARMState *env) { }

/* Not reached by the generated cases (ERET, WFx, HVC and SMC are not
 * EL0 instructions the generator emits). */
void helper_exception_return(CPUARMState *env, uint64_t new_pc)
{
    arm_raise_exception(env, EXCP_UDEF, 0, 1, 0);
}

void helper_wfi(CPUARMState *env)
{
    arm_raise_exception(env, EXCP_UDEF, 0, 1, 0);
}

void helper_wfe(CPUARMState *env)
{
    arm_raise_exception(env, EXCP_UDEF, 0, 1, 0);
}

void helper_hvc(CPUARMState *env, uint32_t imm16)
{
    arm_raise_exception(env, EXCP_UDEF, 0, 1, 0);
}

void helper_smc(CPUARMState *env, uint32_t imm16)
{
    arm_raise_exception(env, EXCP_UDEF, 0, 1, 0);
}

void helper_sysreg_check(CPUARMState *env, const ARMSysReg *r, uint32_t syndrome,
                         uint32_t isread)
{
}

/* No system register at EL0 in these tests: every MRS/MSR is UNDEFINED. */
const ARMSysReg *arm_sysreg_find(ARMCPU *cpu, uint32_t key)
{
    return NULL;
}

ARMSysRegAccess arm_sysreg_static_access(const ARMSysReg *r, int el, bool isread)
{
    return SYSREG_ACCESS_UNDEF;
}

uint64_t helper_sysreg_read(CPUARMState *env, const ARMSysReg *r, uint32_t syndrome)
{
    arm_raise_exception(env, EXCP_UDEF, syndrome, 1, 0);
}

void helper_sysreg_write(CPUARMState *env, const ARMSysReg *r, uint64_t value,
                         uint32_t syndrome)
{
    arm_raise_exception(env, EXCP_UDEF, syndrome, 1, 0);
}

/* The features of qemu-aarch64's "max" CPU that the generator uses. */
bool isar_feature_aa64_atomics(const ARMISARegisters *isar) { return true; }
bool isar_feature_aa64_crc32(const ARMISARegisters *isar) { return true; }
bool isar_feature_aa64_dit(const ARMISARegisters *isar) { return true; }
bool isar_feature_aa64_flagm(const ARMISARegisters *isar) { return true; }
bool isar_feature_aa64_lrcpc(const ARMISARegisters *isar) { return true; }
bool isar_feature_aa64_lrcpc2(const ARMISARegisters *isar) { return true; }
bool isar_feature_aa64_pan(const ARMISARegisters *isar) { return true; }
bool isar_feature_aa64_pauth(const ARMISARegisters *isar) { return false; }
bool isar_feature_aa64_sb(const ARMISARegisters *isar) { return true; }
bool isar_feature_aa64_ssbs(const ARMISARegisters *isar) { return true; }
bool isar_feature_aa64_uao(const ARMISARegisters *isar) { return true; }

/* ---------------------------------------------------------------------- */
/* Engine services                                                         */

static void mem_fault(uint64_t addr)
{
    fault_addr = addr;
    case_excp = EXCP_DATA_ABORT;
    siglongjmp(case_jmp, 1);
}

void *probe_access(CPUState *cpu, vaddr addr, int size, MMUAccessType type,
                   int mmu_idx, uintptr_t ra)
{
    uint8_t *p = guest_ptr(addr, size);

    if (!p) {
        mem_fault(addr);
    }
    return p;
}

uint64_t cpu_ldq_mmu(CPUState *cpu, vaddr addr, uint32_t memop, int mmu_idx,
                     uintptr_t ra)
{
    uint8_t *p = guest_ptr(addr, 8);
    uint64_t v;

    if (!p || (addr & (memop_alignment_bytes(memop) - 1))) {
        mem_fault(addr);
    }
    memcpy(&v, p, 8);
    return (memop & MO_BSWAP) ? __builtin_bswap64(v) : v;
}

void cpu_stq_mmu(CPUState *cpu, vaddr addr, uint64_t val, uint32_t memop,
                 int mmu_idx, uintptr_t ra)
{
    uint8_t *p = guest_ptr(addr, 8);

    if (!p || (addr & (memop_alignment_bytes(memop) - 1))) {
        mem_fault(addr);
    }
    if (memop & MO_BSWAP) {
        val = __builtin_bswap64(val);
    }
    memcpy(p, &val, 8);
}

void tlb_flush_all_cpus(CPUState *src) { }

/* One CPU, not in a list: the exclusive monitor's vCPU scan sees none. */
GPtrArray *cpu_list;

/* The generic translation loop, reduced to what a test needs. */
void translator_loop(CPUState *cpu, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db)
{
    db->tb = tb;
    db->pc_first = db->pc_next = tb->pc;
    db->is_jmp = DISAS_NEXT;
    db->num_insns = 0;
    db->max_insns = max_insns;
    db->singlestep_enabled = false;
    ops->init_disas_context(db, cpu);
    ops->tb_start(db, cpu);
    for (;;) {
        db->num_insns++;
        ops->insn_start(db, cpu);
        ops->translate_insn(db, cpu);
        if (db->is_jmp != DISAS_NEXT) {
            break;
        }
        if (db->num_insns >= db->max_insns ||
            (db->pc_next & ~(vaddr)4095) != (db->pc_first & ~(vaddr)4095)) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    ops->tb_stop(db, cpu);
    tb->size = db->pc_next - db->pc_first;
    tb->icount = db->num_insns;
}

uint32_t translator_ldl(CPUState *cpu, DisasContextBase *db, vaddr pc)
{
    uint8_t *p = guest_ptr(pc, 4);
    uint32_t v = 0;

    if (p) {
        memcpy(&v, p, 4);
    }
    return v;
}

bool translator_fetch_faults(CPUState *cpu, DisasContextBase *db, vaddr pc, int len)
{
    return guest_ptr(pc, len) == NULL;
}

bool translator_use_goto_tb(DisasContextBase *db, vaddr dest)
{
    return false;
}

/* No jump cache here: the plain lookup (exit_tb 0 without a helper). */
void translator_lookup_and_goto_ptr(DisasContextBase *db, TCGv_i64 pc)
{
    tcg_gen_lookup_and_goto_ptr();
}

/* ---------------------------------------------------------------------- */
/* Running a case                                                          */

static ARMCPU the_cpu;
static TCGContext the_ctx;
static bool opt_passes, opt_dump;
static uint64_t insns_run;

static uint32_t el0_tb_flags(void)
{
    return (0u << TBFLAG_EL_SHIFT) | (ARM_MMU_E10_0 << TBFLAG_MMUIDX_SHIFT) |
           (ARM_MMU_E10_0 << TBFLAG_UNPRIV_IDX_SHIFT) | TBFLAG_FPEN | TBFLAG_TBI0;
}

/* Runs from env->pc until the code returns to EXIT_MAGIC; 0 or a status. */
static uint64_t run_case(void)
{
    CPUARMState *env = &the_cpu.env;
    CPUState *cs = &the_cpu.parent_obj;
    int budget = 200000;

    if (sigsetjmp(case_jmp, 1)) {
        uint8_t *ip = guest_ptr(env->pc, 4);

        fprintf(stderr, "a64-irrun: exception %d, syndrome 0x%08x at pc "
                "0x%" PRIx64 " (insn 0x%08x)\n", case_excp, case_syndrome,
                env->pc, ip ? *(uint32_t *)ip : 0);
        return 0x1000 | (uint32_t)(case_excp & 0xff) | ((uint64_t)case_syndrome << 32);
    }
    while (env->pc != EXIT_MAGIC) {
        TranslationBlock tb = { .pc = env->pc, .flags = el0_tb_flags() };
        TCGInterpResult res;
        char *err = NULL;

        if (--budget == 0) {
            return 0x2000;
        }
        tcg_func_start(&the_ctx);
        arm_translate_code(cs, &tb, TCG_MAX_INSNS);
        if (opt_dump) {
            fprintf(stderr, "---- block at 0x%" PRIx64 "\n", (uint64_t)tb.pc);
            tcg_dump_ops(&the_ctx, stderr);
        }
        if (!tcg_verify(&the_ctx, &err)) {
            fprintf(stderr, "a64-irrun: IR of the block at 0x%" PRIx64
                    " does not verify: %s\n", (uint64_t)tb.pc, err);
            tcg_dump_ops(&the_ctx, stderr);
            exit(2);
        }
        if (opt_passes) {
            tcg_optimize_and_analyze(&the_ctx);
        }
        tcg_interp_run_ex(&the_ctx, env, &mem_ops, NULL, 1u << 24, &res);
        insns_run += tb.icount;
        if (res.faulted) {
            return 0x3000 | ((uint64_t)res.fault_addr << 16);
        }
        if (res.fell_off || res.step_limit) {
            return 0x4000;
        }
    }
    return 0;
}

static uint8_t *read_file(const char *path, size_t *len)
{
    gchar *buf;
    gsize n;
    GError *err = NULL;

    if (!g_file_get_contents(path, &buf, &n, &err)) {
        fprintf(stderr, "a64-irrun: %s\n", err->message);
        exit(1);
    }
    *len = n;
    return (uint8_t *)buf;
}

int main(int argc, char **argv)
{
    CPUARMState *env = &the_cpu.env;
    const char *in_path = NULL, *out_path = NULL;
    uint8_t *in, *p;
    size_t len;
    uint32_t ncases;
    FILE *out;
    unsigned long dczid = 4;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--opt")) {
            opt_passes = true;
        } else if (!strcmp(argv[i], "--dump")) {
            opt_dump = true;
        } else if (!strcmp(argv[i], "--dczid") && i + 1 < argc) {
            dczid = strtoul(argv[++i], NULL, 0);
        } else if (!in_path) {
            in_path = argv[i];
        } else {
            out_path = argv[i];
        }
    }
    if (!in_path || !out_path) {
        fprintf(stderr, "usage: a64-irrun [--opt] [--dump] CASES RESULTS\n");
        return 1;
    }
    in = read_file(in_path, &len);
    if (len < 8 || *(uint32_t *)in != A64_CASE_MAGIC) {
        fprintf(stderr, "a64-irrun: %s is not a case file\n", in_path);
        return 1;
    }
    ncases = *(uint32_t *)(in + 4);
    out = fopen(out_path, "wb");
    if (!out) {
        perror(out_path);
        return 1;
    }

    code_mem = g_malloc0(A64_CODE_SIZE);
    data_mem = g_malloc0(A64_DATA_SIZE);
    tcg_context_init(&the_ctx);
    tcg_ctx = &the_ctx;
    a64_translate_init();
    the_cpu.parent_obj.env_ptr = env;
    the_cpu.isar.dczid = dczid;         /* DC ZVA block size */
    the_cpu.isar.id_aa64isar0 = 2ull << 52;     /* FlagM2 */

    p = in + 8;
    for (uint32_t c = 0; c < ncases; c++) {
        const A64CaseHeader *h = (const A64CaseHeader *)p;
        const uint8_t *words = p + sizeof(*h);
        uint8_t *state = data_mem + (A64_STATE_BASE - A64_DATA_BASE);
        uint64_t status, ret = EXIT_MAGIC;

        memcpy(code_mem, words, h->nwords * 4ull);
        memcpy(data_mem, h->sandbox, A64_SANDBOX_SIZE);
        memset(state, 0, A64_STATE_SIZE);
        memcpy(state, h->x, sizeof(h->x));
        memcpy(state + A64_OFF_NZCV, &h->nzcv, 8);
        memcpy(state + A64_OFF_V, h->v, sizeof(h->v));
        memcpy(state + A64_OFF_RET, &ret, 8);

        memset(env, 0, sizeof(*env));
        env->xregs[31] = A64_STATE_BASE;
        env->pc = A64_CODE_BASE;
        env->exclusive_addr = -1;
        env->ZF = 1;
        env->sys.sctlr_el[1] = (1ull << 9) | (1ull << 14) | (1ull << 15) |
                               (1ull << 16) | (1ull << 26);   /* UMA DZE UCT nTWI UCI */
        status = run_case();
        memset(state + A64_OFF_RET, 0, 8);
        fwrite(&status, 8, 1, out);
        fwrite(state, A64_STATE_SIZE, 1, out);
        fwrite(data_mem, A64_SANDBOX_SIZE, 1, out);
        p = (uint8_t *)words + ((h->nwords * 4ull + 7) & ~7ull);
    }
    fclose(out);
    fprintf(stderr, "a64-irrun: %u cases, %" PRIu64 " guest instructions\n",
            ncases, insns_run);
    return 0;
}
