/*
 * toy-cpu.c — the fake guest CPU of the execution engine's tests (see
 * toy-cpu.h): its translator (through translator_loop), MMU, exception
 * and interrupt model, and the little machine it runs on.
 */
#include "util/osdep.h"
#include "exec/translator.h"
#include "tcg/tcg-op.h"
#include "accel/tcg/tcg-accel.h"
#include "util/timer.h"
#include "toy-cpu.h"

ToyMachine toy;

/* sysemu/cpus.c is part of the emulator binary, not of a library: the
 * tests keep the registered engine here. */
static const AccelOps *registered_accel;

void accel_register(const AccelOps *ops)
{
    registered_accel = ops;
}

const AccelOps *accel_get(void)
{
    return registered_accel;
}

/* ---- Helpers called by generated code ---------------------------------- */

static CPUState *env_to_cpu(void *env)
{
    return CPU(container_of((ToyEnv *)env, ToyCPU, env));
}

static void helper_raise(void *env, uint32_t excp)
{
    cpu_loop_exit_exception(env_to_cpu(env), excp, 0);
}

static void helper_halt(void *env)
{
    CPUState *cpu = env_to_cpu(env);

    cpu->halted = true;
    cpu->exception_index = EXCP_HLT;
    cpu_loop_exit(cpu);
}

static const TCGHelperInfo helper_raise_info = {
    .func = (void *)helper_raise, .name = "raise", .flags = 0,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32 },
};

static const TCGHelperInfo helper_halt_info = {
    .func = (void *)helper_halt, .name = "halt", .flags = 0,
    .nb_args = 1, .arg_types = { TCG_TYPE_PTR },
};

/* ---- Translator ----------------------------------------------------------- */

static TCGv_i64 cpu_regs[16], cpu_pc;

static void toy_tcg_init(void)
{
    static const char *const names[16] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
    };

    for (int i = 0; i < 16; i++) {
        cpu_regs[i] = tcg_global_mem_new_i64(offsetof(ToyEnv, regs[i]), names[i]);
    }
    cpu_pc = tcg_global_mem_new_i64(offsetof(ToyEnv, pc), "pc");
}

typedef struct ToyDisas {
    DisasContextBase base;
    int mmu_idx;
} ToyDisas;

static void gen_exception(vaddr pc, int excp)
{
    tcg_gen_movi_i64(cpu_pc, pc);
    tcg_gen_call(&helper_raise_info, NULL, tcg_env, tcg_constant_i32(excp));
}

static void gen_goto(DisasContextBase *db, int n, vaddr dest)
{
    if (translator_use_goto_tb(db, dest)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_exit_tb(db->tb, n);
    } else {
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_lookup_and_goto_ptr();
    }
}

static void toy_init_disas_context(DisasContextBase *db, CPUState *cpu)
{
    ToyDisas *dc = container_of(db, ToyDisas, base);

    dc->mmu_idx = db->tb->flags & 1;
}

static void toy_tb_start(DisasContextBase *db, CPUState *cpu)
{
}

static void toy_insn_start(DisasContextBase *db, CPUState *cpu)
{
    tcg_gen_insn_start(db->pc_next, 0, 0);
}

static void toy_translate_insn(DisasContextBase *db, CPUState *cpu)
{
    ToyDisas *dc = container_of(db, ToyDisas, base);
    vaddr pc = db->pc_next;
    uint32_t insn;
    unsigned op, rd, rs;
    int32_t imm;
    TCGv_i64 addr;

    if (translator_fetch_faults(cpu, db, pc, 4)) {
        gen_exception(pc, EXCP_TOY_PREFETCH);
        db->pc_next = pc + 4;
        db->is_jmp = DISAS_NORETURN;
        return;
    }
    insn = translator_ldl(cpu, db, pc);
    db->pc_next = pc + 4;
    op = insn >> 24;
    rd = (insn >> 20) & 15;
    rs = (insn >> 16) & 15;
    imm = (int16_t)(insn & 0xffff);

    switch (op) {
    case OP_ADDI:
        tcg_gen_addi_i64(cpu_regs[rd], cpu_regs[rs], imm);
        return;
    case OP_LUI:
        tcg_gen_movi_i64(cpu_regs[rd], (uint64_t)(insn & 0xffff) << 16);
        return;
    case OP_BNE: {
        TCGLabel *taken = gen_new_label();

        tcg_gen_brcond_i64(TCG_COND_NE, cpu_regs[rd], cpu_regs[rs], taken);
        gen_goto(db, 0, pc + 4);
        tcg_gen_set_label(taken);
        gen_goto(db, 1, pc + 4 + (int64_t)imm * 4);
        db->is_jmp = DISAS_NORETURN;
        return;
    }
    case OP_B:
        gen_goto(db, 0, pc + 4 + (int64_t)imm * 4);
        db->is_jmp = DISAS_NORETURN;
        return;
    case OP_JAL:
        tcg_gen_movi_i64(cpu_regs[rd], pc + 4);
        gen_goto(db, 0, pc + 4 + (int64_t)imm * 4);
        db->is_jmp = DISAS_NORETURN;
        return;
    case OP_JR:
        tcg_gen_mov_i64(cpu_pc, cpu_regs[rs]);
        tcg_gen_lookup_and_goto_ptr();
        db->is_jmp = DISAS_NORETURN;
        return;
    case OP_JRC:
        /* Nothing in a toy block changes the TB flags (mmu_idx). */
        tcg_gen_mov_i64(cpu_pc, cpu_regs[rs]);
        translator_lookup_and_goto_ptr(db, cpu_pc);
        db->is_jmp = DISAS_NORETURN;
        return;
    case OP_HALT:
        tcg_gen_movi_i64(cpu_pc, pc + 4);
        tcg_gen_call(&helper_halt_info, NULL, tcg_env);
        db->is_jmp = DISAS_NORETURN;
        return;
    case OP_TRAP:
        gen_exception(pc + 4, EXCP_TOY_TRAP);
        db->is_jmp = DISAS_NORETURN;
        return;
    case OP_IEN:
        tcg_gen_st_i32(tcg_constant_i32(imm != 0), tcg_env,
                       offsetof(ToyEnv, irq_enabled));
        tcg_gen_movi_i64(cpu_pc, pc + 4);
        tcg_gen_exit_tb(NULL, 0);
        db->is_jmp = DISAS_NORETURN;
        return;
    case OP_LD ... OP_LD + 3:
    case OP_LDA ... OP_LDA + 3:
        addr = tcg_temp_new_i64();
        tcg_gen_addi_i64(addr, cpu_regs[rs], imm);
        tcg_gen_guest_ld_i64(cpu_regs[rd], addr, dc->mmu_idx,
                             MO_LE | (op & 3) | (op >= OP_LDA ? MO_ALIGN : 0));
        return;
    case OP_ST ... OP_ST + 3:
        addr = tcg_temp_new_i64();
        tcg_gen_addi_i64(addr, cpu_regs[rs], imm);
        tcg_gen_guest_st_i64(cpu_regs[rd], addr, dc->mmu_idx, MO_LE | (op & 3));
        return;
    case OP_XADD:
        addr = tcg_temp_new_i64();
        tcg_gen_addi_i64(addr, cpu_regs[rs], imm);
        tcg_gen_atomic_fetch_add_i64(cpu_regs[rd], addr, cpu_regs[rd], dc->mmu_idx,
                                     MO_LEUQ);
        return;
    default:
        gen_exception(pc, EXCP_TOY_UNDEF);
        db->is_jmp = DISAS_NORETURN;
        return;
    }
}

static void toy_tb_stop(DisasContextBase *db, CPUState *cpu)
{
    if (db->is_jmp == DISAS_TOO_MANY) {
        gen_goto(db, 0, db->pc_next);
    }
}

static const TranslatorOps toy_translator_ops = {
    .init_disas_context = toy_init_disas_context,
    .tb_start = toy_tb_start,
    .insn_start = toy_insn_start,
    .translate_insn = toy_translate_insn,
    .tb_stop = toy_tb_stop,
};

static void toy_translate_code(CPUState *cpu, TranslationBlock *tb, int max_insns)
{
    ToyDisas dc;

    translator_loop(cpu, tb, max_insns, &toy_translator_ops, &dc.base);
}

/* ---- CPU model ------------------------------------------------------------- */

static void toy_get_tb_cpu_state(CPUState *cpu, vaddr *pc, uint64_t *cs_base,
                                 uint32_t *flags)
{
    ToyEnv *env = toy_env(cpu);

    *pc = env->pc;
    *cs_base = 0;
    *flags = env->mmu_idx;
}

static void toy_synchronize_from_tb(CPUState *cpu, const TranslationBlock *tb)
{
    toy_env(cpu)->pc = tb->pc;
}

static void toy_restore_state_to_opc(CPUState *cpu, const TranslationBlock *tb,
                                     const uint64_t *data)
{
    toy_env(cpu)->pc = data[0];
}

static bool toy_cpu_exec_interrupt(CPUState *cpu, uint32_t req)
{
    ToyEnv *env = toy_env(cpu);

    if ((req & CPU_INTERRUPT_HARD) && env->irq_enabled) {
        env->irq_taken++;
        env->irq_r1 = env->regs[1];
        env->epc = env->pc;
        env->pc = TOY_VEC_IRQ;
        env->irq_enabled = 0;
        cpu_reset_interrupt(cpu, CPU_INTERRUPT_HARD);
        return true;
    }
    return false;
}

static void toy_do_interrupt(CPUState *cpu)
{
    ToyEnv *env = toy_env(cpu);

    env->last_excp = cpu->exception_index;
    env->excp_count++;
    env->epc = env->pc;
    env->pc = TOY_VEC_BASE + 16 * cpu->exception_index;
}

static bool toy_tlb_fill(CPUState *cpu, vaddr addr, int size,
                         MMUAccessType access_type, int mmu_idx, bool probe,
                         uintptr_t retaddr)
{
    vaddr page = addr & ~(vaddr)0xfff;

    toy.fills++;
    if (addr >= TOY_VA_LIMIT || (page >= toy.unmapped_lo && page < toy.unmapped_hi)) {
        if (probe) {
            return false;
        }
        toy_env(cpu)->fault_addr = addr;
        cpu_loop_exit_exception(cpu, access_type == MMU_INST_FETCH ?
                                EXCP_TOY_PREFETCH : EXCP_TOY_FAULT, retaddr);
    }
    tlb_set_page(cpu, page, page, MEMTXATTRS_UNSPECIFIED,
                 PAGE_READ | PAGE_WRITE | PAGE_EXEC |
                 (page >= toy.tagged_lo && page < toy.tagged_hi ? PAGE_TAGGED : 0),
                 mmu_idx, 4096);
    return true;
}

static G_NORETURN void toy_do_unaligned_access(CPUState *cpu, vaddr addr,
                                               MMUAccessType access_type,
                                               int mmu_idx, uintptr_t retaddr)
{
    toy_env(cpu)->fault_addr = addr;
    cpu_loop_exit_exception(cpu, EXCP_TOY_ALIGN, retaddr);
}

static void toy_do_transaction_failed(CPUState *cpu, hwaddr physaddr, vaddr addr,
                                      unsigned size, MMUAccessType access_type,
                                      int mmu_idx, MemTxResult response,
                                      uintptr_t retaddr)
{
    toy_env(cpu)->fault_addr = addr;
    cpu_loop_exit_exception(cpu, EXCP_TOY_BUS, retaddr);
}

static const TCGCPUOps toy_tcg_ops = {
    .initialize = toy_tcg_init,
    .translate_code = toy_translate_code,
    .get_tb_cpu_state = toy_get_tb_cpu_state,
    .synchronize_from_tb = toy_synchronize_from_tb,
    .restore_state_to_opc = toy_restore_state_to_opc,
    .cpu_exec_interrupt = toy_cpu_exec_interrupt,
    .do_interrupt = toy_do_interrupt,
    .tlb_fill = toy_tlb_fill,
    .do_unaligned_access = toy_do_unaligned_access,
    .do_transaction_failed = toy_do_transaction_failed,
    .nb_mmu_modes = 2,
};

static bool toy_has_work(CPUState *cpu)
{
    return (cpu->interrupt_request & CPU_INTERRUPT_HARD) != 0;
}

static vaddr toy_get_pc(CPUState *cpu)
{
    return toy_env(cpu)->pc;
}

static void toy_set_pc(CPUState *cpu, vaddr pc)
{
    toy_env(cpu)->pc = pc;
}

static void toy_dump_state(CPUState *cpu, GString *out, unsigned flags)
{
    ToyEnv *env = toy_env(cpu);

    g_string_append_printf(out, "pc=%016" PRIx64, env->pc);
    for (int i = 0; i < 16; i++) {
        g_string_append_printf(out, "%sr%d=%" PRIx64, i % 4 ? " " : "\n", i,
                               env->regs[i]);
    }
    g_string_append_c(out, '\n');
}

static void toy_cpu_instance_init(Object *obj)
{
    CPU(obj)->env_ptr = &TOY_CPU(obj)->env;
}

static void toy_cpu_class_init(ObjectClass *oc, const void *data)
{
    CPUClass *cc = CPU_CLASS(oc);

    cc->arch_name = "toy";
    cc->tcg_ops = &toy_tcg_ops;
    cc->has_work = toy_has_work;
    cc->get_pc = toy_get_pc;
    cc->set_pc = toy_set_pc;
    cc->dump_state = toy_dump_state;
}

static const TypeInfo toy_cpu_info = {
    .name = TYPE_TOY_CPU, .parent = TYPE_CPU,
    .instance_size = sizeof(ToyCPU),
    .instance_init = toy_cpu_instance_init,
    .class_init = toy_cpu_class_init,
};
TYPE_REGISTER(toy_cpu_info)

/* ---- The machine ------------------------------------------------------------ */

static uint64_t toy_dev_read_common(int which, hwaddr addr, unsigned size)
{
    bool be = which == 1;
    uint64_t v = 0;
    ToyDevCall c;

    for (unsigned i = 0; i < size; i++) {
        uint8_t b = toy.dev_regs[which][(addr + i) & 0xff];
        v |= (uint64_t)b << (be ? 8 * (size - 1 - i) : 8 * i);
    }
    c = (ToyDevCall){ .write = false, .be = be, .addr = addr, .size = size, .data = v };
    g_array_append_val(toy.dev_calls, c);
    return v;
}

static void toy_dev_write_common(int which, hwaddr addr, uint64_t data, unsigned size)
{
    bool be = which == 1;
    ToyDevCall c = { .write = true, .be = be, .addr = addr, .size = size, .data = data };

    for (unsigned i = 0; i < size; i++) {
        toy.dev_regs[which][(addr + i) & 0xff] = data >> (be ? 8 * (size - 1 - i) : 8 * i);
    }
    g_array_append_val(toy.dev_calls, c);
    if (which == 0 && addr == TOY_DEV_IRQ_REG && toy.irq_target) {
        toy.irq_raised++;
        toy.irq_raised_r1 = toy_env(toy.irq_target)->regs[1];
        cpu_interrupt(toy.irq_target, CPU_INTERRUPT_HARD);
    }
}

static uint64_t toy_dev_read(void *opaque, hwaddr addr, unsigned size)
{
    return toy_dev_read_common(0, addr, size);
}

static void toy_dev_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    toy_dev_write_common(0, addr, data, size);
}

static uint64_t toy_devbe_read(void *opaque, hwaddr addr, unsigned size)
{
    return toy_dev_read_common(1, addr, size);
}

static void toy_devbe_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    toy_dev_write_common(1, addr, data, size);
}

static void toy_machine_init(void)
{
    static bool done;
    MemoryRegion *sys = get_system_memory();
    GError *err = NULL;

    if (done) {
        return;
    }
    done = true;
    g_assert_true(memory_region_init_ram(&toy.ram, NULL, "toy.ram", TOY_RAM_SIZE, &err));
    g_assert_true(memory_region_init_rom(&toy.rom, NULL, "toy.rom", TOY_ROM_SIZE, &err));
    toy.dev_ops = (MemoryRegionOps){
        .read = toy_dev_read, .write = toy_dev_write,
        .endianness = DEVICE_LITTLE_ENDIAN,
        .valid = { .min_access_size = 1, .max_access_size = 8 },
        .impl = { .min_access_size = 1, .max_access_size = 8 },
    };
    toy.devbe_ops = toy.dev_ops;
    toy.devbe_ops.read = toy_devbe_read;
    toy.devbe_ops.write = toy_devbe_write;
    toy.devbe_ops.endianness = DEVICE_BIG_ENDIAN;
    memory_region_init_io(&toy.dev, NULL, &toy.dev_ops, NULL, "toy.dev", 0x1000);
    memory_region_init_io(&toy.devbe, NULL, &toy.devbe_ops, NULL, "toy.devbe", 0x1000);
    memory_region_add_subregion(sys, TOY_RAM_BASE, &toy.ram);
    memory_region_add_subregion(sys, TOY_ROM_BASE, &toy.rom);
    memory_region_add_subregion(sys, TOY_DEV_BASE, &toy.dev);
    memory_region_add_subregion(sys, TOY_DEVBE_BASE, &toy.devbe);
    toy.dev_calls = g_array_new(FALSE, FALSE, sizeof(ToyDevCall));
}

CPUState *toy_new_cpu(void)
{
    CPUState *cpu;
    GError *err = NULL;

    toy_machine_init();
    cpu = CPU(object_new(TYPE_TOY_CPU));
    g_assert_true(device_realize(DEVICE(cpu), &err));
    g_assert_nonnull(accel_get());
    if (!accel_get()->vcpu_init(cpu, &err)) {
        g_error("vcpu_init: %s", err->message);
    }
    return cpu;
}

uint8_t *toy_ram_host(uint64_t addr)
{
    return (uint8_t *)memory_region_get_ram_ptr(&toy.ram) + addr - TOY_RAM_BASE;
}

void toy_load(uint64_t addr, const uint32_t *insns, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        toy_write32(addr + 4 * i, insns[i]);
    }
}

uint32_t toy_read32(uint64_t addr)
{
    uint8_t b[4];

    g_assert_cmpint(address_space_read(get_address_space_memory(), addr,
                                       MEMTXATTRS_UNSPECIFIED, b, 4), ==, MEMTX_OK);
    return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

void toy_write32(uint64_t addr, uint32_t v)
{
    uint8_t b[4] = { v, v >> 8, v >> 16, v >> 24 };

    g_assert_cmpint(address_space_write_rom(get_address_space_memory(), addr, b, 4),
                    ==, MEMTX_OK);
}

void toy_reset(CPUState *cpu)
{
    ToyEnv *env = toy_env(cpu);
    uint32_t halt = toy_insn(OP_HALT, 0, 0, 0);

    memset(toy_ram_host(0), 0, 64 * KiB);
    tb_flush(cpu);
    tlb_flush(cpu);
    memset(env, 0, sizeof(*env));
    for (int e = 0; e < 16; e++) {
        toy_write32(TOY_VEC_BASE + 16 * e, halt);
    }
    memset(toy.dev_regs, 0, sizeof(toy.dev_regs));
    for (int i = 0; i < 256; i++) {
        toy.dev_regs[0][i] = toy.dev_regs[1][i] = i;
    }
    g_array_set_size(toy.dev_calls, 0);
    toy.unmapped_lo = toy.unmapped_hi = 0;
    toy.tagged_lo = toy.tagged_hi = 0;
    toy.irq_target = NULL;
    toy.irq_raised = 0;
    cpu->halted = false;
    cpu->exception_index = -1;
    cpu->interrupt_request = 0;
    cpu->exit_request = 0;
    cpu->singlestep = false;
    g_array_set_size(cpu->breakpoints, 0);
}

int toy_run(CPUState *cpu, int64_t budget)
{
    int r;

    /* Without -icount nothing counts the budget: a slice that ends with
     * EXCP_YIELD hit the host-time bound of slow paths (a loaded machine),
     * and the main loop would simply run the CPU again. */
    do {
        r = accel_get()->vcpu_exec(cpu, budget);
    } while (r == EXCP_YIELD && !icount_enabled());
    return r;
}
