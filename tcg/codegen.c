/*
 * codegen.c — the code generation driver: IR ops in, host code out.
 *
 * tcg_gen_code() walks the op list once, letting the register allocator
 * (regalloc.c) place values and the host backend (x86_64/) emit
 * instructions, then appends the out-of-line slow paths and the
 * restore-state table, and commits the result to the code buffer.
 *
 * Restore-state table (right after the code, read through the rx view):
 *     uleb128 num_insns
 *     per guest instruction i:
 *         uleb128 end_i - end_{i-1}       host code offset where insn i ends
 *         sleb128 word_j - prev_word_j    for j < TCG_INSN_START_WORDS
 * with end_{-1} = 0 and prev_word = 0 before the first instruction. Code
 * before the first insn_start (block entry checks) counts as instruction 0.
 * A few bytes per guest instruction; decoded only when an exception needs
 * the guest state, by a linear scan.
 */
#include "util/osdep.h"
#include "util/log.h"
#include "tcg/x86_64/tcg-target.h"

#include <assert.h>
#include <capstone/capstone.h>

/*
 * The log module lives in util/; a program that links libtcg without it
 * (unit tests) simply has no -d out_asm.
 */
#pragma weak log_mask
#pragma weak log_file

/* ------------------------------------------------------------- backend */

void tcg_backend_attach(TCGContext *s, const TCGBackendConfig *cfg)
{
    TCGBackendState *be = s->backend;

    if (!be) {
        be = g_new0(TCGBackendState, 1);
        be->free_slots = g_new(int32_t, TCG_FRAME_NB_SLOTS);
        be->slow_cap = 64;
        be->slow = g_new(TCGSlowPath, be->slow_cap);
        s->backend = be;
    }
    /* The TLB descriptors are addressed as env + disp32. */
    g_assert(cfg->tlb_fast_offset > INT32_MIN / 2 && cfg->tlb_fast_offset < INT32_MAX / 2);
    be->cfg = *cfg;
    if (be->cfg.page_bits == 0) {
        be->cfg.page_bits = TLB_PAGE_BITS_DEFAULT;
    }
    /* Never more than the host has: lzcnt would silently run as bsr. */
    be->cfg.host_features &= cpuinfo_x86;
    /* Every op of the table is implemented natively. */
    s->backend_op_supported = NULL;
}

void tcg_backend_detach(TCGContext *s)
{
    TCGBackendState *be = s->backend;

    if (be) {
        g_free(be->free_slots);
        g_free(be->tb_temps);
        g_free(be->slow);
        g_free(be);
        s->backend = NULL;
    }
}

void tcg_backend_set_features(TCGContext *s, unsigned host_features)
{
    TCGBackendState *be = s->backend;
    be->cfg.host_features = host_features & cpuinfo_x86;
}

/* ------------------------------------------------------ restore state */

static uint8_t *put_uleb(uint8_t *p, uint64_t v)
{
    do {
        uint8_t b = v & 0x7f;
        v >>= 7;
        *p++ = b | (v ? 0x80 : 0);
    } while (v);
    return p;
}

static uint8_t *put_sleb(uint8_t *p, int64_t v)
{
    for (;;) {
        uint8_t b = v & 0x7f;
        v >>= 7;            /* arithmetic shift */
        if ((v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40))) {
            *p++ = b;
            return p;
        }
        *p++ = b | 0x80;
    }
}

static const uint8_t *get_uleb(const uint8_t *p, uint64_t *out)
{
    uint64_t v = 0;
    unsigned shift = 0;
    uint8_t b;

    do {
        b = *p++;
        v |= (uint64_t)(b & 0x7f) << shift;
        shift += 7;
    } while ((b & 0x80) && shift < 64);
    *out = v;
    return p;
}

static const uint8_t *get_sleb(const uint8_t *p, int64_t *out)
{
    uint64_t v = 0;
    unsigned shift = 0;
    uint8_t b;

    do {
        b = *p++;
        v |= (uint64_t)(b & 0x7f) << shift;
        shift += 7;
    } while ((b & 0x80) && shift < 64);
    if (shift < 64 && (b & 0x40)) {
        v |= -(uint64_t)1 << shift;
    }
    *out = (int64_t)v;
    return p;
}

/* Largest encoding of one instruction's entry. */
#define SEARCH_MAX_ENTRY (10 + 10 * TCG_INSN_START_WORDS)

static bool encode_search(TCGGen *g, const TCGOp *const *starts, unsigned n)
{
    TCGContext *s = g->s;
    uint64_t prev[TCG_INSN_START_WORDS] = { 0 };
    uint32_t prev_end = 0;
    uint8_t *p = g->e.ptr;

    if (g->end - p < 10) {
        return false;
    }
    p = put_uleb(p, n);
    for (unsigned i = 0; i < n; i++) {
        uint32_t end = s->insn_host_off[i + 1];
        if (g->end - p < SEARCH_MAX_ENTRY) {
            return false;
        }
        p = put_uleb(p, end - prev_end);
        prev_end = end;
        for (unsigned j = 0; j < TCG_INSN_START_WORDS; j++) {
            uint64_t w = starts[i]->args[j];
            p = put_sleb(p, (int64_t)(w - prev[j]));
            prev[j] = w;
        }
    }
    g->e.ptr = p;
    return true;
}

bool tcg_restore_state_raw(const void *code, uint32_t code_size,
                           const uint8_t *search, uintptr_t host_pc,
                           uint64_t data[TCG_INSN_START_WORDS])
{
    uint64_t n, end = 0, delta;
    uint64_t w[TCG_INSN_START_WORDS] = { 0 };
    uintptr_t start = (uintptr_t)code;
    uintptr_t off;
    const uint8_t *p = search;

    /* A return address points after the call: look at the byte before. */
    if (host_pc <= start || host_pc > start + code_size) {
        return false;
    }
    off = host_pc - 1 - start;
    p = get_uleb(p, &n);
    if (n == 0) {
        return false;
    }
    for (uint64_t i = 0; i < n; i++) {
        p = get_uleb(p, &delta);
        end += delta;
        for (unsigned j = 0; j < TCG_INSN_START_WORDS; j++) {
            int64_t d;
            p = get_sleb(p, &d);
            w[j] += (uint64_t)d;
        }
        /* Past the last insn (slow paths) counts as the last one. */
        if (off < end || i == n - 1) {
            memcpy(data, w, sizeof(w));
            return true;
        }
    }
    return false;
}

bool tcg_restore_state(const TCGCodeInfo *ci, uintptr_t host_pc,
                       uint64_t data[TCG_INSN_START_WORDS])
{
    return tcg_restore_state_raw(ci->code, ci->code_size,
                                 (const uint8_t *)ci->code + ci->code_size,
                                 host_pc, data);
}

/* ------------------------------------------------------------ out_asm */

void tcg_dump_host_code(FILE *f, const TCGCodeInfo *ci)
{
    csh cs;
    cs_insn *insn;
    size_t n;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
        fprintf(f, "OUT: [%u bytes, no disassembler]\n", ci->code_size);
        return;
    }
    fprintf(f, "OUT: [size=%u]\n", ci->code_size);
    n = cs_disasm(cs, ci->code, ci->code_size, (uint64_t)(uintptr_t)ci->code, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "  0x%" PRIx64 ":  %-8s %s\n", insn[i].address, insn[i].mnemonic,
                insn[i].op_str);
    }
    if (n) {
        cs_free(insn, n);
    }
    fprintf(f, "\n");
    cs_close(&cs);
}

/* --------------------------------------------------------------- driver */

static void gen_goto_tb(TCGGen *g, const TCGOp *op)
{
    TCGContext *s = g->s;
    unsigned n = (unsigned)op->args[0];
    uint8_t *field;

    tcg_regalloc_bb_end(g, true);
    /* The rel32 must be 4-byte aligned so that patching it is atomic. */
    x86_align(&g->e, 4, 1);
    field = x86_jmp(&g->e, x86_pc(&g->e) + 5);
    assert(n < 2);
    s->goto_tb_jmp_offset[n] = (uint16_t)(field - g->start);
    s->goto_tb_reset_offset[n] = (uint16_t)tcg_gen_offset(g);
}

static void gen_exit_tb(TCGGen *g, const TCGOp *op)
{
    uintptr_t val = (uintptr_t)op->args[0];
    const TCGPrologue *p = g->be->cfg.prologue;

    tcg_regalloc_bb_end(g, true);
    if (val == 0) {
        x86_jmp(&g->e, p->ret0);
    } else {
        x86_movi(&g->e, true, X86_RAX, val);
        x86_jmp(&g->e, p->epilogue);
    }
}

int tcg_gen_code(TCGContext *s, TCGCodeInfo *ci)
{
    TCGBackendState *be = s->backend;
    TCGCodeBuf *cb;
    const TCGOp *starts[TCG_MAX_INSNS];
    unsigned num_insns = 0;
    size_t avail;
    uint8_t *rw;
    TCGGen g;
    TCGOp *op;

    g_assert(be != NULL);       /* tcg_backend_attach() first */
    cb = be->cfg.codebuf;
    rw = codebuf_begin(cb, &avail);
    if (avail < 2 * TCG_MAX_OP_BYTES) {
        return TCG_GEN_BUFFER_FULL;
    }
    memset(&g, 0, sizeof(g));
    g.s = s;
    g.be = be;
    g.e.ptr = rw;
    g.e.rx_minus_rw = cb->rx_minus_rw;
    g.start = rw;
    g.end = rw + avail;
    g.limit = g.end - TCG_MAX_OP_BYTES;
    g.features = be->cfg.host_features;

    for (TCGLabel *l = s->first_label; l; l = l->next) {
        l->has_value = false;
        l->relocs = NULL;
    }
    s->goto_tb_jmp_offset[0] = s->goto_tb_jmp_offset[1] = UINT16_MAX;
    s->goto_tb_reset_offset[0] = s->goto_tb_reset_offset[1] = UINT16_MAX;
    s->code_buf = (void *)codebuf_rw_to_rx(cb, rw);
    tcg_regalloc_start(&g);

    TCG_FOREACH_OP(s, op) {
        if (unlikely(g.e.ptr > g.limit)) {
            return TCG_GEN_BUFFER_FULL;
        }
        switch (op->opc) {
        case INDEX_op_nop:
            break;
        case INDEX_op_insn_start:
            if (num_insns >= TCG_MAX_INSNS) {
                return TCG_GEN_TOO_LARGE;
            }
            s->insn_host_off[num_insns] = tcg_gen_offset(&g);
            starts[num_insns++] = op;
            break;
        case INDEX_op_set_label:
            tcg_regalloc_label(&g);
            tcg_target_set_label(&g, arg_label(op->args[0]));
            break;
        case INDEX_op_br:
            tcg_regalloc_bb_end(&g, false);
            tcg_target_jmp_label(&g, -1, arg_label(op->args[0]));
            break;
        case INDEX_op_mov:
            tcg_regalloc_mov(&g, op);
            break;
        case INDEX_op_discard:
            tcg_regalloc_discard(&g, op);
            break;
        case INDEX_op_call:
            tcg_regalloc_call(&g, op);
            break;
        case INDEX_op_goto_tb:
            gen_goto_tb(&g, op);
            break;
        case INDEX_op_exit_tb:
            gen_exit_tb(&g, op);
            break;
        default:
            tcg_regalloc_op(&g, op);
            break;
        }
    }
    s->insn_host_off[num_insns] = tcg_gen_offset(&g);

    tcg_target_emit_slow_paths(&g);
    if (g.overflow || g.e.ptr > g.end) {
        return TCG_GEN_BUFFER_FULL;
    }
    for (TCGLabel *l = s->first_label; l; l = l->next) {
        /* A branch to a label that was never placed: an IR bug. */
        assert(l->has_value || !l->relocs);
    }

    uint32_t code_size = tcg_gen_offset(&g);
    if (g.too_large || code_size > TCG_MAX_CODE_SIZE) {
        return TCG_GEN_TOO_LARGE;
    }
    if (!encode_search(&g, starts, num_insns)) {
        return TCG_GEN_BUFFER_FULL;
    }

    uint32_t total = tcg_gen_offset(&g);
    const uint8_t *rx = codebuf_commit(cb, rw, total);
    s->code_ptr = (void *)(rx + total);

    memset(ci, 0, sizeof(*ci));
    ci->code = rx;
    ci->code_size = code_size;
    ci->search_size = total - code_size;
    ci->num_insns = num_insns;
    for (int n = 0; n < 2; n++) {
        if (s->goto_tb_jmp_offset[n] != UINT16_MAX) {
            ci->jmp_field[n] = (uintptr_t)rx + s->goto_tb_jmp_offset[n];
            ci->jmp_reset[n] = (uintptr_t)rx + s->goto_tb_reset_offset[n];
        }
    }

    if (&log_mask && log_enabled(LOG_OUT_ASM)) {
        tcg_dump_host_code(&log_file ? log_file() : stderr, ci);
    }
    return (int)total;
}
