/*
 * translator.c — the generic translation loop every target plugs into
 * (exec/translator.h), and instruction fetch during translation.
 *
 * translator_loop drives the target's TranslatorOps: one insn_start and
 * translate_insn per guest instruction until the target ends the block,
 * max_insns is reached, the next instruction is on another page (a block's
 * code must stay valid as one unit of the code TLB), or the next
 * instruction has a breakpoint (the CPU loop stops before it).
 *
 * Around the target's code it emits the block entry check, as IR:
 *
 *     ld_i32   t, env, exit_request          ; unless CF_NOIRQ
 *     brcond   t != 0 -> exit_requested
 *     ld       a, env, accel                 ; CF_ICOUNT only:
 *     ld       c, a, budget_left             ;   per-vCPU engine state
 *     sub      c, c, $icount                 ;   patched once icount is known
 *     brcond   c < 0 -> over_budget
 *     st       c, a, budget_left
 *     (entry counters, under -d hotblocks only)
 *     ... the block ...
 *   exit_requested: exit_tb  tb | TB_EXIT_REQUESTED
 *   over_budget:    exit_tb  tb | TB_EXIT_BUDGET
 *
 * so that a chain of blocks that never returns to the loop still notices
 * cpu_interrupt/cpu_exit (which also ends time slices without -icount:
 * sysemu/slice-timer.h) and, under -icount, runs out of instructions.
 *
 * Fetch goes through the code TLB (the code MMU index) and records the
 * host page in DisasContextBase.host_addr[], which is also what ties the
 * block to its RAM pages for self-modifying-code detection. Code outside
 * RAM is read through the memory API (one-shot blocks, translate-all.c).
 */
#include "util/osdep.h"
#include "util/log.h"
#include "util/disas.h"
#include "accel/tcg/internal.h"

void translator_begin(TBlock *tb, vaddr page0, void *host0)
{
    tcg_engine.tr.tb = tb;
    tcg_engine.tr.page0 = page0;
    tcg_engine.tr.host0 = host0;
    tcg_engine.tr.page1 = (vaddr)-1;
    tcg_engine.tr.host1 = NULL;
    tcg_engine.tr.budget_op = NULL;
    tcg_engine.tr.exit_label = NULL;
    tcg_engine.tr.budget_label = NULL;
}

/* ---- Block entry and exit ----------------------------------------------- */

static void gen_tb_start(DisasContextBase *db, CPUState *cpu)
{
    TCGContext *s = tcg_ctx;
    intptr_t env_off = tcg_engine.env_offset;
    uint32_t cflags = db->tb->cflags;

    if (!(cflags & CF_NOIRQ)) {
        TCGv_i32 t = tcg_temp_ebb_new_i32();

        tcg_engine.tr.exit_label = gen_new_label();
        tcg_gen_ld_i32(t, tcg_env, (intptr_t)offsetof(CPUState, exit_request) - env_off);
        tcg_gen_brcondi_i32(TCG_COND_NE, t, 0, tcg_engine.tr.exit_label);
    }
    if (cflags & CF_ICOUNT) {
        TCGv_i64 acc = tcg_temp_ebb_new_i64(), c = tcg_temp_ebb_new_i64();
        TCGLabel *l = gen_new_label();

        tcg_gen_ld_ptr(tcgv_i64_as_ptr(acc), tcg_env,
                       (intptr_t)offsetof(CPUState, accel) - env_off);
        tcg_gen_ld_i64(c, tcgv_i64_as_ptr(acc), offsetof(AccelCPUState, budget_left));
        /* The instruction count is known only at the end: patched there. */
        tcg_engine.tr.budget_op =
            tcg_gen_op3(INDEX_op_sub, TCG_TYPE_I64, tcgv_i64_idx(c), tcgv_i64_idx(c),
                        tcg_constant_internal(s, TCG_TYPE_I64, 1)->index);
        tcg_engine.tr.budget_label = l;
        tcg_gen_brcondi_i64(TCG_COND_LT, c, 0, l);
        tcg_gen_st_i64(c, tcgv_i64_as_ptr(acc), offsetof(AccelCPUState, budget_left));
    }
    if (log_enabled(LOG_HOTBLOCKS)) {
        /* -d hotblocks: count entries of this block in the block itself
         * (printed at exit by tb_print_hotblocks) and of all blocks (the
         * "blocks executed" line of info jit). Off otherwise: it costs
         * two memory increments per block. */
        TCGv_i64 p = tcg_temp_ebb_new_i64(), c = tcg_temp_ebb_new_i64();

        tcg_gen_movi_i64(p, (uintptr_t)&db->tb->exec_count);
        tcg_gen_ld_i64(c, tcgv_i64_as_ptr(p), 0);
        tcg_gen_addi_i64(c, c, 1);
        tcg_gen_st_i64(c, tcgv_i64_as_ptr(p), 0);
        tcg_gen_ld_ptr(tcgv_i64_as_ptr(p), tcg_env,
                       (intptr_t)offsetof(CPUState, accel) - env_off);
        tcg_gen_ld_i64(c, tcgv_i64_as_ptr(p), offsetof(AccelCPUState, tb_entries));
        tcg_gen_addi_i64(c, c, 1);
        tcg_gen_st_i64(c, tcgv_i64_as_ptr(p), offsetof(AccelCPUState, tb_entries));
    }
}

static void gen_tb_end(DisasContextBase *db)
{
    TCGContext *s = tcg_ctx;
    uintptr_t tbv = (uintptr_t)db->tb;

    if (tcg_engine.tr.exit_label) {
        tcg_gen_set_label(tcg_engine.tr.exit_label);
        tcg_gen_op1(INDEX_op_exit_tb, 0, tbv | TB_EXIT_REQUESTED);
    }
    if (tcg_engine.tr.budget_op) {
        tcg_engine.tr.budget_op->args[2] =
            tcg_constant_internal(s, TCG_TYPE_I64, db->num_insns)->index;
        tcg_gen_set_label(tcg_engine.tr.budget_label);
        tcg_gen_op1(INDEX_op_exit_tb, 0, tbv | TB_EXIT_BUDGET);
    }
}

/* ---- Fetch -------------------------------------------------------------- */

/* Host address of guest code byte addr, or NULL if its page is not RAM
 * (or cannot be fetched). */
static uint8_t *code_host(CPUState *cpu, DisasContextBase *db, vaddr addr)
{
    vaddr page = addr & TLB_PAGE_MASK;
    CPUTLBEntryFull *full;
    void *host;

    if (page == tcg_engine.tr.page0) {
        host = tcg_engine.tr.host0;
    } else if (page == tcg_engine.tr.page1) {
        host = tcg_engine.tr.host1;
    } else {
        if (!tlb_lookup_code(cpu, page, &full, &host)) {
            host = NULL;
        }
        tcg_engine.tr.page1 = page;
        tcg_engine.tr.host1 = host;
        db->host_addr[1] = host;
    }
    return host ? (uint8_t *)host + (addr - page) : NULL;
}

/* Copies len code bytes at pc (memory order); unfetchable bytes read 0. */
static void code_read(CPUState *cpu, DisasContextBase *db, vaddr pc,
                      uint8_t *buf, size_t len)
{
    while (len) {
        size_t n = MIN(len, (size_t)(TLB_PAGE_SIZE - (pc & ~TLB_PAGE_MASK)));
        uint8_t *h = code_host(cpu, db, pc);

        if (h) {
            memcpy(buf, h, n);
        } else {
            CPUTLBEntryFull *full;
            void *host;

            memset(buf, 0, n);
            if (tlb_lookup_code(cpu, pc, &full, &host)) {
                /* A device's memory: through the memory API. */
                address_space_read(cpu->as, full->phys_addr + (pc & ~TLB_PAGE_MASK),
                                   full->attrs, buf, n);
            }
        }
        buf += n;
        pc += n;
        len -= n;
    }
}

/* Instruction words are little-endian in every guest that uses these
 * fetchers today (aarch64, x86-64). */
uint8_t translator_ldub(CPUState *cpu, DisasContextBase *db, vaddr pc)
{
    uint8_t b;

    code_read(cpu, db, pc, &b, 1);
    return b;
}

uint16_t translator_lduw(CPUState *cpu, DisasContextBase *db, vaddr pc)
{
    uint8_t b[2];

    code_read(cpu, db, pc, b, 2);
    return (uint16_t)(b[0] | b[1] << 8);
}

uint32_t translator_ldl(CPUState *cpu, DisasContextBase *db, vaddr pc)
{
    uint8_t b[4];

    code_read(cpu, db, pc, b, 4);
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
           (uint32_t)b[3] << 24;
}

uint64_t translator_ldq(CPUState *cpu, DisasContextBase *db, vaddr pc)
{
    return translator_ldl(cpu, db, pc) |
           (uint64_t)translator_ldl(cpu, db, pc + 4) << 32;
}

bool translator_fetch_faults(CPUState *cpu, DisasContextBase *db, vaddr pc, int len)
{
    CPUTLBEntryFull *full;
    void *host;
    vaddr last = pc + (len > 0 ? len - 1 : 0);

    if (!tlb_lookup_code(cpu, pc, &full, &host)) {
        return true;
    }
    if ((last & TLB_PAGE_MASK) != (pc & TLB_PAGE_MASK) &&
        !tlb_lookup_code(cpu, last, &full, &host)) {
        return true;
    }
    return false;
}

bool translator_use_goto_tb(DisasContextBase *db, vaddr dest)
{
    if (db->tb->cflags & (CF_SINGLE_STEP | CF_NO_CHAIN)) {
        return false;
    }
    return (dest & TLB_PAGE_MASK) == (db->pc_first & TLB_PAGE_MASK);
}

/* ---- Indirect branches --------------------------------------------------- */

/*
 * The jump cache probe, inline (the layout and hash are in internal.h):
 *
 *     ld       a, env, accel
 *     t = pc ^ (pc >> 6)
 *     off = ((t << 2) & group_mask) | ((t << 6) & entry_mask)   ; hash * 64
 *     ld       e, a, jmp_cache
 *     add      e, e, off
 *     ld v, e.pc;        brcond v != pc                    -> miss
 *     ld v, e.flags;     brcond v != flags | cflags << 32  -> miss
 *     ld v, e.cs_base;   brcond v != cs_base               -> miss
 *     ld g, e.gen; ld h, a, ptr_gen;  brcond g != h        -> miss
 *     (ptr_inline_hits += 1)
 *     ld v, e.code;      goto_ptr v      ; NULL (invalidated): to the loop
 *   miss:
 *     call lookup_tb_ptr; goto_ptr
 *
 * The key compared is the one helper_lookup_tb_ptr would build: pc, and
 * this block's cs_base and flags, which the caller guarantees are still
 * the CPU's; cflags are TB_CFLAGS_CHAINED (with this block's CF_ICOUNT),
 * what tcg_curr_cflags returns
 * whenever ptr_gen is not 0. ptr_gen is 0 while blocks may not chain
 * (single step, breakpoints, watchpoints, -d exec/cpu): then no entry
 * matches and the helper decides.
 */
#define TB_JC_GROUP_SHIFT  (TB_JC_BITS - TB_JC_PAGE_BITS + TB_JC_ENTRY_SHIFT)
_Static_assert(TB_JC_GROUP_SHIFT >= TLB_PAGE_BITS, "group shift");

void translator_lookup_and_goto_ptr(DisasContextBase *db, TCGv_i64 pc)
{
    const TranslationBlock *tb = db->tb;
    intptr_t env_off = tcg_engine.env_offset;
    uint64_t key = tb->flags |
                   (uint64_t)(TB_CFLAGS_CHAINED | (tb->cflags & CF_ICOUNT)) << 32;
    TCGLabel *miss = gen_new_label();
    TCGv_i64 acc = tcg_temp_ebb_new_i64();
    TCGv_i64 t = tcg_temp_ebb_new_i64();
    TCGv_i64 u = tcg_temp_ebb_new_i64();
    TCGv_i64 e = tcg_temp_ebb_new_i64();
    TCGv_i64 v = tcg_temp_ebb_new_i64();
    TCGv_i32 g = tcg_temp_ebb_new_i32();
    TCGv_i32 h = tcg_temp_ebb_new_i32();
    TCGv_ptr accp = tcgv_i64_as_ptr(acc), ep = tcgv_i64_as_ptr(e);

    tcg_gen_ld_ptr(accp, tcg_env, (intptr_t)offsetof(CPUState, accel) - env_off);
    tcg_gen_shri_i64(t, pc, TB_JC_MIX_SHIFT);
    tcg_gen_xor_i64(t, t, pc);
    tcg_gen_shli_i64(u, t, TB_JC_GROUP_SHIFT - TLB_PAGE_BITS);
    tcg_gen_andi_i64(u, u, (int64_t)((1u << TB_JC_PAGE_BITS) - 1) << TB_JC_GROUP_SHIFT);
    tcg_gen_shli_i64(t, t, TB_JC_ENTRY_SHIFT);
    tcg_gen_andi_i64(t, t, (int64_t)(TB_JC_PAGE_ENTRIES - 1) << TB_JC_ENTRY_SHIFT);
    tcg_gen_or_i64(t, t, u);
    tcg_gen_ld_i64(e, accp, offsetof(AccelCPUState, jmp_cache));
    tcg_gen_add_i64(e, e, t);

    tcg_gen_ld_i64(v, ep, offsetof(TBJmpCacheEntry, pc));
    tcg_gen_brcond_i64(TCG_COND_NE, v, pc, miss);
    tcg_gen_ld_i64(v, ep, offsetof(TBJmpCacheEntry, flags));
    tcg_gen_brcondi_i64(TCG_COND_NE, v, (int64_t)key, miss);
    tcg_gen_ld_i64(v, ep, offsetof(TBJmpCacheEntry, cs_base));
    tcg_gen_brcondi_i64(TCG_COND_NE, v, (int64_t)tb->cs_base, miss);
    tcg_gen_ld_i32(g, ep, offsetof(TBJmpCacheEntry, gen));
    tcg_gen_ld_i32(h, accp, offsetof(AccelCPUState, ptr_gen));
    tcg_gen_brcond_i32(TCG_COND_NE, g, h, miss);
    tcg_gen_ld_i64(v, accp, offsetof(AccelCPUState, ptr_inline_hits));
    tcg_gen_addi_i64(v, v, 1);
    tcg_gen_st_i64(v, accp, offsetof(AccelCPUState, ptr_inline_hits));
    tcg_gen_ld_i64(v, ep, offsetof(TBJmpCacheEntry, code));
    tcg_gen_op1(INDEX_op_goto_ptr, TCG_TYPE_PTR, tcgv_i64_idx(v));

    tcg_gen_set_label(miss);
    tcg_gen_lookup_and_goto_ptr();
}

/* ---- The loop ------------------------------------------------------------ */

static bool breakpoint_at(CPUState *cpu, vaddr pc)
{
    GArray *bps = cpu->breakpoints;

    if (!bps) {
        return false;
    }
    for (guint i = 0; i < bps->len; i++) {
        if (g_array_index(bps, vaddr, i) == pc) {
            return true;
        }
    }
    return false;
}

static void log_in_asm(CPUState *cpu, DisasContextBase *db)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);
    TranslationBlock *tb = db->tb;
    GString *out = g_string_new(NULL);

    g_string_append_printf(out, "IN: [pc=0x%016" PRIx64 " size=%u insns=%u]\n",
                           (uint64_t)tb->pc, tb->size, tb->icount);
    if (!tcg_engine.tr.host0) {
        g_string_append(out, "  (code outside RAM)\n");
    } else if (cc->disas_config) {
        int arch, mode;
        uint8_t *buf = g_malloc(tb->size);

        cc->disas_config(cpu, &arch, &mode);
        code_read(cpu, db, tb->pc, buf, tb->size);
        disas_guest(out, arch, mode, buf, tb->size, tb->pc, 0);
        g_free(buf);
    } else {
        g_string_append(out, "  (no disassembler for this CPU)\n");
    }
    log_printf("%s\n", out->str);
    g_string_free(out, TRUE);
}

void translator_loop(CPUState *cpu, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db)
{
    uint32_t cflags = tb->cflags;

    if (max_insns <= 0 || max_insns > TCG_MAX_INSNS) {
        max_insns = TCG_MAX_INSNS;
    }
    if (cflags & CF_SINGLE_STEP) {
        max_insns = 1;
    }
    db->tb = tb;
    db->pc_first = tb->pc;
    db->pc_next = tb->pc;
    db->is_jmp = DISAS_NEXT;
    db->num_insns = 0;
    db->max_insns = max_insns;
    db->singlestep_enabled = (cflags & CF_SINGLE_STEP) != 0;
    db->host_addr[0] = tcg_engine.tr.host0;
    db->host_addr[1] = NULL;

    if (ops->init_disas_context) {
        ops->init_disas_context(db, cpu);
    }
    gen_tb_start(db, cpu);
    if (ops->tb_start) {
        ops->tb_start(db, cpu);
    }
    for (;;) {
        db->num_insns++;
        ops->insn_start(db, cpu);
        ops->translate_insn(db, cpu);
        if (db->is_jmp != DISAS_NEXT) {
            break;
        }
        if (db->num_insns >= db->max_insns ||
            (db->pc_next & TLB_PAGE_MASK) != (db->pc_first & TLB_PAGE_MASK) ||
            breakpoint_at(cpu, db->pc_next)) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    ops->tb_stop(db, cpu);
    gen_tb_end(db);
    tb->size = (uint16_t)(db->pc_next - db->pc_first);
    tb->icount = (uint16_t)db->num_insns;
    if (log_enabled(LOG_IN_ASM)) {
        log_in_asm(cpu, db);
    }
}
