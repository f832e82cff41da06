/*
 * translate-all.c — making one translated block, and going back from a host
 * code address to the guest state of the instruction that was running there.
 *
 * tb_gen_code: looks the code page up through the code TLB, has the target
 * translate (TCGCPUOps.translate_code, which runs translator_loop), runs
 * the IR passes and the code generator, and links the block into the cache
 * (tb-maint.c). When the code buffer is full, every translation is thrown
 * away and the block is generated again into the empty buffer; when one
 * block is too large for the backend, it is retranslated with half the
 * instructions.
 *
 * Code that is not in RAM (a device's memory, an unmapped page whose fetch
 * must fault) is translated one instruction at a time into blocks that are
 * run once and never cached: nothing would tell us when such code changes.
 */
#include "util/osdep.h"
#include "util/log.h"
#include "util/timer.h"
#include "tcg/passes.h"
#include "accel/tcg/internal.h"

/* ---- Translation -------------------------------------------------------- */

static void log_ops(const char *title)
{
    FILE *f = log_file();

    fprintf(f, "%s:\n", title);
    tcg_dump_ops(&tcg_engine.ctx, f);
    fprintf(f, "\n");
    log_flush();
}

/* Code whose physical address decodes to nothing: the bus error of the
 * fetch is the target's (an external abort); raised before the block, so
 * the guest state is exactly that of the block's first instruction. */
static void check_unassigned_fetch(CPUState *cpu, CPUTLBEntryFull *full, vaddr pc)
{
    AccelCPUState *a = accel_cpu(cpu);
    hwaddr phys = full->phys_addr + (pc & ~TLB_PAGE_MASK);
    MemoryRegionSection s = address_space_lookup(cpu->as, phys);

    if (s.mr) {
        return;
    }
    log_mask_printf(LOG_GUEST_ERROR, "cpu%d: instruction fetch from unassigned "
                    "address 0x%016" HWADDR_PRIx " (pc 0x%016" PRIx64 ")\n",
                    cpu->cpu_index, phys, (uint64_t)pc);
    if (a->ops->do_transaction_failed) {
        a->ops->do_transaction_failed(cpu, phys, pc, 1, MMU_INST_FETCH,
                                      tcg_code_mmu_index(cpu),
                                      MEMTX_DECODE_ERROR, 0);
    }
}

TBlock *tb_gen_code(CPUState *cpu, vaddr pc, uint64_t cs_base,
                    uint32_t flags, uint32_t cflags)
{
    AccelCPUState *a = accel_cpu(cpu);
    TCGContext *s = &tcg_engine.ctx;
    CPUTLBEntryFull *full = NULL;
    void *host = NULL;
    bool mapped, flushed = false;
    int max_insns;
    TBlock *tb;
    vaddr off = pc & ~TLB_PAGE_MASK;

    tcg_ctx = s;
    mapped = tlb_lookup_code(cpu, pc, &full, &host);
    if (mapped && !host) {
        check_unassigned_fetch(cpu, full, pc);
    }
    if (!host) {
        cflags = (cflags & ~(uint32_t)CF_COUNT_MASK) | 1;
    }
    max_insns = cflags & CF_COUNT_MASK;
    if (max_insns == 0 || max_insns > TCG_MAX_INSNS) {
        max_insns = TCG_MAX_INSNS;
    }
    if (cflags & CF_SINGLE_STEP) {
        max_insns = 1;
    }

    tb_reclaim();
    tb = tb_alloc();
    tb->base.pc = pc;
    tb->base.cs_base = cs_base;
    tb->base.flags = flags;
    tb->base.cflags = cflags;
    tb->uncached = !host;
    tb->code_tagged = mapped && (full->prot & PAGE_TAGGED);
    tb->ram_pc = host ? full->ram_addr + off : RAM_ADDR_INVALID;
    tb->phys_pc = mapped ? full->phys_addr + off : (hwaddr)-1;
    tb->page_ram[0] = host ? full->ram_addr : RAM_ADDR_INVALID;
    tb->page_ram[1] = RAM_ADDR_INVALID;
    tb->phys_page2 = (hwaddr)-1;

    for (;;) {
        int r;

        translator_begin(tb, pc & TLB_PAGE_MASK,
                         host ? (uint8_t *)host - off : NULL);
        tcg_func_start(s);
        a->ops->translate_code(cpu, &tb->base, max_insns);
        if (log_enabled(LOG_OP)) {
            log_ops("OP");
        }
        tcg_optimize_and_analyze(s);
        if (log_enabled(LOG_OP_OPT)) {
            log_ops("OP after optimization and liveness analysis");
        }
        r = tcg_gen_code(s, &tb->ci);
        if (r >= 0) {
            break;
        }
        if (r == TCG_GEN_BUFFER_FULL) {
            if (flushed) {
                g_error("tcg: the code buffer cannot hold one block");
            }
            /* tb is not recorded yet: it survives the flush, moved to a
               descriptor of the new generation (which may overlap it). */
            tb_flush_all();
            {
                TBlock keep = *tb;

                tb = tb_alloc();
                *tb = keep;
            }
            flushed = true;
            continue;
        }
        /* TCG_GEN_TOO_LARGE: fewer guest instructions. */
        tcg_engine.too_large++;
        if (tb->base.icount <= 1) {
            g_error("tcg: one guest instruction is too large for a block");
        }
        max_insns = tb->base.icount / 2;
    }

    /* The bytes the block covers, per page. */
    {
        vaddr last = pc + (tb->base.size ? tb->base.size - 1 : 0);

        if (host) {
            tb->ram_lo[0] = tb->ram_pc;
            tb->ram_hi[0] = tb->page_ram[0] +
                            MIN((vaddr)TLB_PAGE_SIZE, off + MAX(tb->base.size, 1));
        }
        if (host && (last & TLB_PAGE_MASK) != (pc & TLB_PAGE_MASK)) {
            CPUTLBEntryFull *f2;
            void *h2;

            if (tlb_lookup_code(cpu, last & TLB_PAGE_MASK, &f2, &h2) && h2) {
                tb->page_ram[1] = f2->ram_addr;
                tb->phys_page2 = f2->phys_addr;
                tb->ram_lo[1] = f2->ram_addr;
                tb->ram_hi[1] = f2->ram_addr + (last & ~TLB_PAGE_MASK) + 1;
            } else {
                tb->uncached = true;    /* the rest is not in RAM */
            }
        }
    }
    if (icount_enabled()) {
        tb->insn_pc = g_new(uint64_t, tb->base.icount);
        for (unsigned i = 0; i < tb->base.icount && i < s->num_insns; i++) {
            tb->insn_pc[i] = s->insn_data[i][0];
        }
    }
    tcg_engine.tbs_translated++;
    if (tb->uncached) {
        tcg_engine.tbs_uncached++;
    }
    tb_record(tb);
    if (!tb->uncached) {
        tb_link(tb);
    }
    return tb;
}

/* ---- Restoring state ---------------------------------------------------- */

/*
 * Sets the guest state to the instruction of tb running at host address ra.
 * With exit, the block is being left there: in icount mode the
 * instructions of tb that did not run are given back to the budget (the
 * block entry charged them all).
 */
static bool restore_state(CPUState *cpu, TBlock *tb, uintptr_t ra, bool exit)
{
    AccelCPUState *a = accel_cpu(cpu);
    uint64_t data[TCG_INSN_START_WORDS];

    if (!tcg_restore_state(&tb->ci, ra, data)) {
        return false;
    }
    a->ops->restore_state_to_opc(cpu, &tb->base, data);
    if (exit && (tb->base.cflags & CF_ICOUNT) && tb->insn_pc) {
        for (unsigned i = 0; i < tb->base.icount; i++) {
            if (tb->insn_pc[i] == data[0]) {
                a->budget_left += tb->base.icount - i;
                break;
            }
        }
    }
    return true;
}

void cpu_restore_state_from_tb(CPUState *cpu, TBlock *tb, uintptr_t ra)
{
    restore_state(cpu, tb, ra, true);
}

bool cpu_restore_state(CPUState *cpu, uintptr_t retaddr)
{
    TBlock *tb = retaddr ? tb_find_by_host_pc(retaddr) : NULL;

    return tb && restore_state(cpu, tb, retaddr, false);
}

G_NORETURN void cpu_loop_exit(CPUState *cpu)
{
    AccelCPUState *a = accel_cpu(cpu);

    if (!a || !a->in_exec) {
        /* A target raised from outside the CPU loop (a monitor or device
         * access that should have used a non-faulting path). */
        g_error("cpu%d: cpu_loop_exit outside of the CPU loop", cpu->cpu_index);
    }
    siglongjmp(cpu->jmp_env, 1);
}

G_NORETURN void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr)
{
    if (retaddr) {
        TBlock *tb = tb_find_by_host_pc(retaddr);
        if (tb) {
            restore_state(cpu, tb, retaddr, true);
        }
    }
    cpu_loop_exit(cpu);
}

G_NORETURN void cpu_loop_exit_exception(CPUState *cpu, int excp, uintptr_t retaddr)
{
    cpu->exception_index = excp;
    cpu_loop_exit_restore(cpu, retaddr);
}
