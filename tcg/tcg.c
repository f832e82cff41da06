/*
 * tcg.c — the IR context: op table, per-translation arena, temps, interned
 * constants, labels, and the op list primitives every pass uses.
 */
#include "util/osdep.h"
#include "tcg/tcg.h"
#include "tcg/passes.h"

__thread TCGContext *tcg_ctx;

const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(n, o, i, c, f) \
    [INDEX_op_##n] = { .name = #n, .nb_oargs = o, .nb_iargs = i, \
                       .nb_cargs = c, .nb_args = o + i + c, .flags = f },
#include "tcg/tcg-opc.h"
};

/* ------------------------------------------------------------ conditions */

bool tcg_cond_eval(TCGCond c, uint64_t a, uint64_t b)
{
    switch (c) {
    case TCG_COND_NEVER:  return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ:     return a == b;
    case TCG_COND_NE:     return a != b;
    case TCG_COND_LT:     return (int64_t)a < (int64_t)b;
    case TCG_COND_GE:     return (int64_t)a >= (int64_t)b;
    case TCG_COND_LE:     return (int64_t)a <= (int64_t)b;
    case TCG_COND_GT:     return (int64_t)a > (int64_t)b;
    case TCG_COND_LTU:    return a < b;
    case TCG_COND_GEU:    return a >= b;
    case TCG_COND_LEU:    return a <= b;
    case TCG_COND_GTU:    return a > b;
    default:
        g_assert_not_reached();
    }
}

bool tcg_cond_eval_type(TCGType type, TCGCond c, uint64_t a, uint64_t b)
{
    if (type == TCG_TYPE_I32) {
        if (tcg_cond_is_unsigned(c)) {
            a = (uint32_t)a;
            b = (uint32_t)b;
        } else {
            a = (uint64_t)(int64_t)(int32_t)a;
            b = (uint64_t)(int64_t)(int32_t)b;
        }
    }
    return tcg_cond_eval(c, a, b);
}

/* ----------------------------------------------------------------- arena */

#define TCG_ARENA_CHUNK (64 * 1024)

struct TCGArenaChunk {
    TCGArenaChunk *next;
    size_t size;
    char data[] __attribute__((aligned(16)));
};

void *tcg_arena_alloc_slow(TCGContext *s, size_t n)
{
    TCGArena *a = &s->arena;
    TCGArenaChunk *c = a->cur ? a->cur->next : a->first;

    /* Reuse the next kept chunk if it is big enough, else insert a new one. */
    if (!c || c->size < n) {
        size_t size = MAX(n, (size_t)TCG_ARENA_CHUNK);
        TCGArenaChunk *nc = g_malloc(sizeof(*nc) + size);
        nc->size = size;
        nc->next = c;
        if (a->cur) {
            a->cur->next = nc;
        } else {
            a->first = nc;
        }
        c = nc;
    }
    a->cur = c;
    a->ptr = c->data + n;
    a->end = c->data + c->size;
    return c->data;
}

static void tcg_arena_reset(TCGArena *a)
{
    a->cur = NULL;
    a->ptr = a->end = NULL;
}

static void tcg_arena_free(TCGArena *a)
{
    TCGArenaChunk *c = a->first, *n;
    for (; c; c = n) {
        n = c->next;
        g_free(c);
    }
    memset(a, 0, sizeof(*a));
}

/* ------------------------------------------------------- constant table */

/* Open addressing, keyed by (type, value); lives in the arena. */
struct TCGConstTable {
    uint32_t mask;
    uint32_t count;
    uint32_t slots[];       /* temp index + 1, 0 = empty */
};

static TCGConstTable *const_table_new(TCGContext *s, uint32_t size)
{
    TCGConstTable *t = tcg_arena_alloc(s, sizeof(*t) + size * sizeof(uint32_t));
    t->mask = size - 1;
    t->count = 0;
    memset(t->slots, 0, size * sizeof(uint32_t));
    return t;
}

static inline uint32_t const_hash(TCGType type, int64_t val)
{
    uint64_t h = (uint64_t)val * 0x9e3779b97f4a7c15ull + type;
    return (uint32_t)(h >> 32) ^ (uint32_t)h;
}

static void const_table_insert(TCGConstTable *t, TCGTemp *ts)
{
    uint32_t i = const_hash(ts->type, ts->val) & t->mask;
    while (t->slots[i]) {
        i = (i + 1) & t->mask;
    }
    t->slots[i] = ts->index + 1;
    t->count++;
}

/* -------------------------------------------------------------- context */

static TCGTemp *tcg_temp_alloc(TCGContext *s)
{
    TCGTemp *ts;

    if (unlikely(s->nb_temps == s->temps_cap)) {
        s->temps_cap = s->temps_cap ? s->temps_cap * 2 : 256;
        s->temps = g_renew(TCGTemp, s->temps, s->temps_cap);
    }
    ts = &s->temps[s->nb_temps];
    memset(ts, 0, sizeof(*ts));
    ts->index = s->nb_temps++;
    ts->reg = -1;
    ts->mem_base = -1;
    return ts;
}

void tcg_context_init(TCGContext *s)
{
    TCGTemp *env;
    const char *v;

    memset(s, 0, sizeof(*s));
#ifdef TURTLE_DEBUG_TCG
    s->verify = true;
#endif
    v = getenv("TURTLE_TCG_VERIFY");
    if (v && *v && strcmp(v, "0") != 0) {
        s->verify = true;
    }
    env = tcg_temp_alloc(s);
    g_assert(env->index == TCG_ENV_TEMP_INDEX);
    env->type = TCG_TYPE_PTR;
    env->kind = TEMP_FIXED;
    env->name = "env";
    env->val_type = TEMP_VAL_REG;
    s->nb_globals = s->nb_temps;
    tcg_func_start(s);
}

void tcg_context_clone(TCGContext *s, const TCGContext *proto)
{
    tcg_context_init(s);
    s->verify = proto->verify;
    s->backend_op_supported = proto->backend_op_supported;
    s->lookup_tb_ptr_info = proto->lookup_tb_ptr_info;
    s->temps_cap = MAX(proto->temps_cap, 256u);
    s->temps = g_renew(TCGTemp, s->temps, s->temps_cap);
    memcpy(s->temps, proto->temps, proto->nb_globals * sizeof(TCGTemp));
    s->nb_globals = s->nb_temps = proto->nb_globals;
}

void tcg_context_destroy(TCGContext *s)
{
    tcg_arena_free(&s->arena);
    g_free(s->temps);
    g_free(s->opt_info);
    g_free(s->live_buf);
    memset(s, 0, sizeof(*s));
}

void tcg_func_start(TCGContext *s)
{
    tcg_arena_reset(&s->arena);
    s->nb_temps = s->nb_globals;
    s->first_op = s->last_op = NULL;
    s->nb_ops = 0;
    s->first_label = s->last_label = NULL;
    s->nb_labels = 0;
    s->num_insns = 0;
    s->consts = const_table_new(s, 256);
    s->goto_tb_jmp_offset[0] = s->goto_tb_jmp_offset[1] = UINT16_MAX;
    s->goto_tb_reset_offset[0] = s->goto_tb_reset_offset[1] = UINT16_MAX;
}

/* ---------------------------------------------------------------- temps */

TCGTemp *tcg_temp_new_internal(TCGContext *s, TCGType type, TCGTempKind kind)
{
    TCGTemp *ts = tcg_temp_alloc(s);

    g_assert(kind == TEMP_EBB || kind == TEMP_TB);
    ts->type = type;
    ts->kind = kind;
    ts->val_type = TEMP_VAL_DEAD;
    return ts;
}

TCGTemp *tcg_global_mem_new_internal(TCGContext *s, TCGType type,
                                     intptr_t offset, const char *name)
{
    TCGTemp *ts;

    /* Globals are created once, before the first translation. */
    g_assert(s->nb_temps == s->nb_globals && s->first_op == NULL);
    ts = tcg_temp_alloc(s);
    ts->type = type;
    ts->kind = TEMP_GLOBAL;
    ts->mem_base = TCG_ENV_TEMP_INDEX;
    ts->mem_offset = offset;
    ts->mem_allocated = true;
    ts->mem_coherent = true;
    ts->val_type = TEMP_VAL_MEM;
    ts->name = name;
    s->nb_globals = s->nb_temps;
    return ts;
}

TCGTemp *tcg_constant_internal(TCGContext *s, TCGType type, int64_t val)
{
    TCGConstTable *t = s->consts;
    uint32_t i, idx;
    TCGTemp *ts;

    if (type == TCG_TYPE_I32) {
        val = (int32_t)val;
    }
    i = const_hash(type, val) & t->mask;
    while ((idx = t->slots[i]) != 0) {
        ts = &s->temps[idx - 1];
        if (ts->val == val && ts->type == type) {
            return ts;
        }
        i = (i + 1) & t->mask;
    }

    ts = tcg_temp_alloc(s);
    ts->type = type;
    ts->kind = TEMP_CONST;
    ts->val_type = TEMP_VAL_CONST;
    ts->val = val;

    if ((t->count + 1) * 2 > t->mask + 1) {
        /* Grow: rehash every constant into a table twice as large. */
        TCGConstTable *nt = const_table_new(s, (t->mask + 1) * 2);
        for (uint32_t j = 0; j <= t->mask; j++) {
            if (t->slots[j]) {
                const_table_insert(nt, &s->temps[t->slots[j] - 1]);
            }
        }
        s->consts = t = nt;
    }
    const_table_insert(t, ts);
    return ts;
}

/* --------------------------------------------------------------- labels */

TCGLabel *tcg_label_new(TCGContext *s)
{
    TCGLabel *l = tcg_arena_alloc(s, sizeof(*l));

    memset(l, 0, sizeof(*l));
    l->id = s->nb_labels++;
    if (s->last_label) {
        s->last_label->next = l;
    } else {
        s->first_label = l;
    }
    s->last_label = l;
    return l;
}

/* ------------------------------------------------------------------ ops */

static TCGOp *tcg_op_alloc(TCGContext *s, TCGOpcode opc, TCGType type,
                           unsigned nargs)
{
    /* At least 4 slots so that most in-place rewrites fit. */
    unsigned cap = MAX(nargs, 4u);
    TCGOp *op;

    g_assert(nargs <= TCG_MAX_OP_ARGS);
    op = tcg_arena_alloc(s, sizeof(TCGOp) + cap * sizeof(TCGArg));
    op->next = op->prev = NULL;
    op->opc = opc;
    op->type = type;
    op->nargs = nargs;
    op->cap = cap;
    op->call_o = op->call_i = 0;
    op->pad = 0;
    op->life = 0;
    op->aux = 0;
    return op;
}

TCGOp *tcg_emit_op(TCGContext *s, TCGOpcode opc, TCGType type, unsigned nargs)
{
    TCGOp *op = tcg_op_alloc(s, opc, type, nargs);

    op->prev = s->last_op;
    if (s->last_op) {
        s->last_op->next = op;
    } else {
        s->first_op = op;
    }
    s->last_op = op;
    s->nb_ops++;
    return op;
}

TCGOp *tcg_op_insert_before(TCGContext *s, TCGOp *old, TCGOpcode opc,
                            TCGType type, unsigned nargs)
{
    TCGOp *op = tcg_op_alloc(s, opc, type, nargs);

    op->next = old;
    op->prev = old->prev;
    if (old->prev) {
        old->prev->next = op;
    } else {
        s->first_op = op;
    }
    old->prev = op;
    s->nb_ops++;
    return op;
}

TCGOp *tcg_op_insert_after(TCGContext *s, TCGOp *old, TCGOpcode opc,
                           TCGType type, unsigned nargs)
{
    TCGOp *op = tcg_op_alloc(s, opc, type, nargs);

    op->prev = old;
    op->next = old->next;
    if (old->next) {
        old->next->prev = op;
    } else {
        s->last_op = op;
    }
    old->next = op;
    s->nb_ops++;
    return op;
}

/* Drops the label reference an op holds, if any. */
static void tcg_op_unref_label(TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_br:
        arg_label(op->args[0])->refs--;
        break;
    case INDEX_op_brcond:
        arg_label(op->args[3])->refs--;
        break;
    default:
        break;
    }
}

void tcg_op_remove(TCGContext *s, TCGOp *op)
{
    tcg_op_unref_label(op);
    if (op->prev) {
        op->prev->next = op->next;
    } else {
        s->first_op = op->next;
    }
    if (op->next) {
        op->next->prev = op->prev;
    } else {
        s->last_op = op->prev;
    }
    op->next = op->prev = NULL;
    s->nb_ops--;
}

TCGOp *tcg_op_reset(TCGContext *s, TCGOp *op, TCGOpcode opc, TCGType type,
                    unsigned nargs)
{
    tcg_op_unref_label(op);
    if (nargs > op->cap) {
        TCGOp *n = tcg_op_insert_before(s, op, opc, type, nargs);
        op->opc = INDEX_op_nop;     /* no label ref left to drop */
        tcg_op_remove(s, op);
        return n;
    }
    op->opc = opc;
    op->type = type;
    op->nargs = nargs;
    op->call_o = op->call_i = 0;
    op->life = 0;
    return op;
}

/* --------------------------------------------------------------- driver */

void tcg_optimize_and_analyze(TCGContext *s)
{
    tcg_verify_or_die(s, "generation");
    tcg_pass_optimize(s);
    tcg_verify_or_die(s, "optimize");
    if (s->backend_op_supported) {
        tcg_pass_lower(s);
        tcg_verify_or_die(s, "lower");
    }
    tcg_pass_demote_temps(s);
    tcg_verify_or_die(s, "demote_temps");
    tcg_pass_liveness(s);
    tcg_verify_or_die(s, "liveness");
}
