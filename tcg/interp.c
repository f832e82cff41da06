/*
 * interp.c — the reference interpreter of the IR (see interp.h).
 *
 * Values are kept as uint64_t; an i32 value always has its upper 32 bits
 * clear. Every op of tcg-opc.h is implemented here; this file is the
 * executable definition of the IR's semantics.
 */
#include "util/osdep.h"
#include "tcg/tcg.h"
#include "tcg/interp.h"

static __thread const TCGInterpMemOps *default_mem;
static __thread void *default_mem_opaque;

void tcg_interp_set_memory(const TCGInterpMemOps *ops, void *opaque)
{
    default_mem = ops;
    default_mem_opaque = opaque;
}

typedef struct Interp {
    TCGContext *s;
    char *env;
    uint64_t *vals;
    const TCGInterpMemOps *mem;
    void *mem_opaque;
    TCGInterpResult *res;
} Interp;

static inline uint64_t type_mask(TCGType t)
{
    return t == TCG_TYPE_I32 ? 0xffffffffull : ~0ull;
}

static inline uint64_t sext(uint64_t v, unsigned bits)
{
    return bits >= 64 ? v : (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
}

static inline uint64_t zext(uint64_t v, unsigned bits)
{
    return bits >= 64 ? v : v & ((1ull << bits) - 1);
}

/* Global storage in env. */
static uint64_t global_load(Interp *in, const TCGTemp *ts)
{
    char *p = in->env + ts->mem_offset;
    if (ts->type == TCG_TYPE_I32) {
        uint32_t v;
        memcpy(&v, p, 4);
        return v;
    } else {
        uint64_t v;
        memcpy(&v, p, 8);
        return v;
    }
}

static void global_store(Interp *in, const TCGTemp *ts, uint64_t v)
{
    char *p = in->env + ts->mem_offset;
    if (ts->type == TCG_TYPE_I32) {
        uint32_t w = (uint32_t)v;
        memcpy(p, &w, 4);
    } else {
        memcpy(p, &v, 8);
    }
}

static inline uint64_t get(Interp *in, TCGArg a)
{
    const TCGTemp *ts = &in->s->temps[a];
    switch (ts->kind) {
    case TEMP_CONST:
        return (uint64_t)ts->val & type_mask(ts->type);
    case TEMP_GLOBAL:
        return global_load(in, ts);
    case TEMP_FIXED:
        return (uintptr_t)in->env;
    default:
        return in->vals[a];
    }
}

static inline void set(Interp *in, TCGArg a, TCGType type, uint64_t v)
{
    const TCGTemp *ts = &in->s->temps[a];
    v &= type_mask(type);
    if (ts->kind == TEMP_GLOBAL) {
        global_store(in, ts, v);
    } else {
        in->vals[a] = v;
    }
}

static uint64_t bswap_n(uint64_t v, unsigned bytes)
{
    switch (bytes) {
    case 2: return __builtin_bswap16((uint16_t)v);
    case 4: return __builtin_bswap32((uint32_t)v);
    case 8: return __builtin_bswap64(v);
    default: return v;
    }
}

/* Raw host-order bytes -> value per memop (swap, extend to 64). */
static uint64_t memop_decode(MemOp mop, uint64_t raw)
{
    unsigned bytes = memop_size(mop);
    raw = zext(raw, bytes * 8);
    if (mop & MO_BSWAP) {
        raw = bswap_n(raw, bytes);
    }
    return (mop & MO_SIGN) ? sext(raw, bytes * 8) : raw;
}

static uint64_t memop_encode(MemOp mop, uint64_t v)
{
    unsigned bytes = memop_size(mop);
    v = zext(v, bytes * 8);
    return (mop & MO_BSWAP) ? bswap_n(v, bytes) : v;
}

static bool guest_load(Interp *in, uint64_t addr, MemOpIdx oi, uint64_t *val)
{
    uint64_t raw = 0;
    if (!in->mem || !in->mem->load ||
        !in->mem->load(in->mem_opaque, addr, get_memop(oi), get_mmuidx(oi), &raw)) {
        in->res->faulted = true;
        in->res->fault_addr = addr;
        return false;
    }
    *val = memop_decode(get_memop(oi), raw);
    return true;
}

static bool guest_store(Interp *in, uint64_t addr, MemOpIdx oi, uint64_t v)
{
    if (!in->mem || !in->mem->store ||
        !in->mem->store(in->mem_opaque, addr, get_memop(oi), get_mmuidx(oi),
                        memop_encode(get_memop(oi), v))) {
        in->res->faulted = true;
        in->res->fault_addr = addr;
        return false;
    }
    return true;
}

static uint64_t do_atomic(TCGAtomicOp aop, uint64_t old, uint64_t v)
{
    switch (aop) {
    case TCG_ATOMIC_XCHG: return v;
    case TCG_ATOMIC_ADD: return old + v;
    case TCG_ATOMIC_AND: return old & v;
    case TCG_ATOMIC_OR: return old | v;
    case TCG_ATOMIC_XOR: return old ^ v;
    case TCG_ATOMIC_SMIN: return (int64_t)old < (int64_t)v ? old : v;
    case TCG_ATOMIC_SMAX: return (int64_t)old > (int64_t)v ? old : v;
    case TCG_ATOMIC_UMIN: return old < v ? old : v;
    case TCG_ATOMIC_UMAX: return old > v ? old : v;
    default: g_assert_not_reached();
    }
}

typedef uint64_t (*HelperFn)(uint64_t, uint64_t, uint64_t, uint64_t,
                             uint64_t, uint64_t, uint64_t, uint64_t);

static void do_call(Interp *in, const TCGOp *op)
{
    const TCGHelperInfo *info = tcg_call_info(op);
    unsigned nb_o = op->call_o, i;
    uint64_t a[TCG_MAX_CALL_IARGS] = { 0 };
    uint64_t r;

    for (i = 0; i < op->call_i; i++) {
        uint64_t v = get(in, op->args[nb_o + i]);
        if (info->arg_types[i] == TCG_TYPE_I32 && (info->sext_mask >> i & 1)) {
            v = sext(v, 32);
        }
        a[i] = v;
    }
    /*
     * On the x86-64 and AArch64 ABIs a function taking fewer integer
     * arguments may be called through a pointer taking eight: the extra
     * registers are ignored. Tests only.
     */
    r = ((HelperFn)info->func)(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    if (nb_o) {
        set(in, op->args[0], info->ret_type, r);
    }
}

/* Integer semantics of one arithmetic/logic op; w = width in bits. */
static uint64_t alu(TCGOpcode opc, unsigned w, uint64_t a, uint64_t b)
{
    uint64_t m = w == 32 ? 0xffffffffull : ~0ull;
    unsigned c = b & (w - 1);
    int64_t sa = (int64_t)sext(a, w), sb = (int64_t)sext(b, w);

    switch (opc) {
    case INDEX_op_add: return a + b;
    case INDEX_op_sub: return a - b;
    case INDEX_op_mul: return a * b;
    case INDEX_op_and: return a & b;
    case INDEX_op_or: return a | b;
    case INDEX_op_xor: return a ^ b;
    case INDEX_op_andc: return a & ~b;
    case INDEX_op_orc: return a | ~b;
    case INDEX_op_eqv: return ~(a ^ b);
    case INDEX_op_nand: return ~(a & b);
    case INDEX_op_nor: return ~(a | b);
    case INDEX_op_shl: return a << c;
    case INDEX_op_shr: return (a & m) >> c;
    case INDEX_op_sar: return (uint64_t)(sa >> c);
    case INDEX_op_rotl:
        return c ? ((a << c) | ((a & m) >> (w - c))) : a;
    case INDEX_op_rotr:
        return c ? (((a & m) >> c) | (a << (w - c))) : a;
    case INDEX_op_div:
        if (sb == 0) {
            return 0;
        }
        if (sb == -1) {
            return -(uint64_t)sa;           /* INT_MIN / -1 wraps to INT_MIN */
        }
        return (uint64_t)(sa / sb);
    case INDEX_op_rem:
        if (sb == 0 || sb == -1) {
            return 0;
        }
        return (uint64_t)(sa % sb);
    case INDEX_op_divu:
        return (b & m) ? (a & m) / (b & m) : 0;
    case INDEX_op_remu:
        return (b & m) ? (a & m) % (b & m) : 0;
    case INDEX_op_clz:
        if ((a & m) == 0) {
            return b;
        }
        return w == 32 ? (uint64_t)__builtin_clz((uint32_t)a)
                       : (uint64_t)__builtin_clzll(a);
    case INDEX_op_ctz:
        if ((a & m) == 0) {
            return b;
        }
        return __builtin_ctzll(a & m);
    default:
        g_assert_not_reached();
    }
}

uintptr_t tcg_interp_run_ex(TCGContext *s, void *env,
                            const TCGInterpMemOps *mem, void *mem_opaque,
                            uint64_t max_steps, TCGInterpResult *res)
{
    TCGInterpResult dummy;
    Interp in = { .s = s, .env = env, .mem = mem, .mem_opaque = mem_opaque };
    const TCGOp **label_ops;
    const TCGOp *op;
    uint64_t steps = 0;

    if (!res) {
        res = &dummy;
    }
    memset(res, 0, sizeof(*res));
    res->goto_tb = -1;
    res->last_insn = -1;
    in.res = res;
    if (!max_steps) {
        max_steps = 1ull << 28;
    }

    in.vals = g_new0(uint64_t, s->nb_temps);
    label_ops = g_new0(const TCGOp *, s->nb_labels + 1);
    TCG_FOREACH_OP(s, op) {
        if (op->opc == INDEX_op_set_label) {
            label_ops[arg_label(op->args[0])->id] = op;
        }
    }

    op = s->first_op;
    while (op) {
        const TCGArg *a = op->args;
        TCGType t = op->type;
        unsigned w = tcg_type_bits(t);
        const TCGOp *next = op->next;

        if (++steps > max_steps) {
            res->step_limit = true;
            break;
        }
        switch ((TCGOpcode)op->opc) {
        case INDEX_op_nop:
        case INDEX_op_discard:
        case INDEX_op_set_label:
        case INDEX_op_mb:
            break;
        case INDEX_op_br:
            next = label_ops[arg_label(a[0])->id];
            break;
        case INDEX_op_brcond:
            if (tcg_cond_eval_type(t, a[2], get(&in, a[0]), get(&in, a[1]))) {
                next = label_ops[arg_label(a[3])->id];
            }
            break;
        case INDEX_op_insn_start:
            res->last_insn++;
            memcpy(res->insn_data, a, sizeof(res->insn_data));
            break;
        case INDEX_op_goto_tb:
            res->goto_tb = (int)a[0];
            break;
        case INDEX_op_exit_tb:
            res->exit_value = (uintptr_t)a[0];
            goto done;
        case INDEX_op_goto_ptr:
            res->goto_ptr = true;
            res->goto_ptr_target = (uintptr_t)get(&in, a[0]);
            goto done;
        case INDEX_op_call:
            do_call(&in, op);
            break;

        case INDEX_op_mov:
            set(&in, a[0], t, get(&in, a[1]));
            break;
        case INDEX_op_setcond:
            set(&in, a[0], t, tcg_cond_eval_type(t, a[3], get(&in, a[1]),
                                                 get(&in, a[2])));
            break;
        case INDEX_op_negsetcond:
            set(&in, a[0], t, -(uint64_t)tcg_cond_eval_type(t, a[3], get(&in, a[1]),
                                                            get(&in, a[2])));
            break;
        case INDEX_op_movcond:
            set(&in, a[0], t, tcg_cond_eval_type(t, a[5], get(&in, a[1]),
                                                 get(&in, a[2]))
                ? get(&in, a[3]) : get(&in, a[4]));
            break;

        case INDEX_op_ld8u ... INDEX_op_ld: {
            char *p = (char *)(uintptr_t)get(&in, a[1]) + (intptr_t)a[2];
            uint8_t b8; uint16_t b16; uint32_t b32; uint64_t v;
            switch (op->opc) {
            case INDEX_op_ld8u: memcpy(&b8, p, 1); v = b8; break;
            case INDEX_op_ld8s: memcpy(&b8, p, 1); v = sext(b8, 8); break;
            case INDEX_op_ld16u: memcpy(&b16, p, 2); v = b16; break;
            case INDEX_op_ld16s: memcpy(&b16, p, 2); v = sext(b16, 16); break;
            case INDEX_op_ld32u: memcpy(&b32, p, 4); v = b32; break;
            case INDEX_op_ld32s: memcpy(&b32, p, 4); v = sext(b32, 32); break;
            default:
                if (w == 32) {
                    memcpy(&b32, p, 4);
                    v = b32;
                } else {
                    memcpy(&v, p, 8);
                }
                break;
            }
            set(&in, a[0], t, v);
            break;
        }
        case INDEX_op_st8 ... INDEX_op_st: {
            char *p = (char *)(uintptr_t)get(&in, a[1]) + (intptr_t)a[2];
            uint64_t v = get(&in, a[0]);
            unsigned n = op->opc == INDEX_op_st8 ? 1 : op->opc == INDEX_op_st16 ? 2 :
                         op->opc == INDEX_op_st32 ? 4 : w / 8;
            /* Little-endian host: the low n bytes come first. */
            memcpy(p, &v, n);
            break;
        }

        case INDEX_op_add: case INDEX_op_sub: case INDEX_op_mul:
        case INDEX_op_and: case INDEX_op_or: case INDEX_op_xor:
        case INDEX_op_andc: case INDEX_op_orc: case INDEX_op_eqv:
        case INDEX_op_nand: case INDEX_op_nor:
        case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
        case INDEX_op_rotl: case INDEX_op_rotr:
        case INDEX_op_div: case INDEX_op_divu:
        case INDEX_op_rem: case INDEX_op_remu:
        case INDEX_op_clz: case INDEX_op_ctz:
            set(&in, a[0], t, alu(op->opc, w, get(&in, a[1]), get(&in, a[2])));
            break;
        case INDEX_op_neg:
            set(&in, a[0], t, -get(&in, a[1]));
            break;
        case INDEX_op_not:
            set(&in, a[0], t, ~get(&in, a[1]));
            break;
        case INDEX_op_ctpop:
            set(&in, a[0], t, __builtin_popcountll(get(&in, a[1])));
            break;

        case INDEX_op_mulu2:
        case INDEX_op_muls2: {
            uint64_t x = get(&in, a[2]), y = get(&in, a[3]), lo, hi;
            if (w == 32) {
                uint64_t p = op->opc == INDEX_op_mulu2 ? x * y
                           : (uint64_t)((int64_t)sext(x, 32) * (int64_t)sext(y, 32));
                lo = p;
                hi = p >> 32;
            } else if (op->opc == INDEX_op_mulu2) {
                unsigned __int128 p = (unsigned __int128)x * y;
                lo = (uint64_t)p;
                hi = (uint64_t)(p >> 64);
            } else {
                __int128 p = (__int128)(int64_t)x * (int64_t)y;
                lo = (uint64_t)p;
                hi = (uint64_t)((unsigned __int128)p >> 64);
            }
            set(&in, a[0], t, lo);
            set(&in, a[1], t, hi);
            break;
        }
        case INDEX_op_add2:
        case INDEX_op_sub2: {
            unsigned __int128 x, y, r;
            x = ((unsigned __int128)get(&in, a[3]) << w) | get(&in, a[2]);
            y = ((unsigned __int128)get(&in, a[5]) << w) | get(&in, a[4]);
            r = op->opc == INDEX_op_add2 ? x + y : x - y;
            set(&in, a[0], t, (uint64_t)r);
            set(&in, a[1], t, (uint64_t)(r >> w));
            break;
        }

        case INDEX_op_extract:
            set(&in, a[0], t, zext(get(&in, a[1]) >> a[2], a[3]));
            break;
        case INDEX_op_sextract:
            set(&in, a[0], t, sext(get(&in, a[1]) >> a[2], a[3]));
            break;
        case INDEX_op_deposit: {
            uint64_t fm = zext(~0ull, a[4]) << a[3];
            set(&in, a[0], t, (get(&in, a[1]) & ~fm) | ((get(&in, a[2]) << a[3]) & fm));
            break;
        }
        case INDEX_op_extract2: {
            uint64_t lo = get(&in, a[1]), hi = get(&in, a[2]);
            unsigned sh = a[3];
            set(&in, a[0], t, sh ? (lo >> sh) | (hi << (w - sh)) : lo);
            break;
        }

        case INDEX_op_ext8s: set(&in, a[0], t, sext(get(&in, a[1]), 8)); break;
        case INDEX_op_ext8u: set(&in, a[0], t, zext(get(&in, a[1]), 8)); break;
        case INDEX_op_ext16s: set(&in, a[0], t, sext(get(&in, a[1]), 16)); break;
        case INDEX_op_ext16u: set(&in, a[0], t, zext(get(&in, a[1]), 16)); break;
        case INDEX_op_ext32s: set(&in, a[0], t, sext(get(&in, a[1]), 32)); break;
        case INDEX_op_ext32u: set(&in, a[0], t, zext(get(&in, a[1]), 32)); break;
        case INDEX_op_extu_i32_i64: set(&in, a[0], t, get(&in, a[1])); break;
        case INDEX_op_ext_i32_i64: set(&in, a[0], t, sext(get(&in, a[1]), 32)); break;
        case INDEX_op_extrl_i64_i32: set(&in, a[0], t, get(&in, a[1])); break;
        case INDEX_op_extrh_i64_i32: set(&in, a[0], t, get(&in, a[1]) >> 32); break;

        case INDEX_op_bswap16: {
            uint64_t v = __builtin_bswap16((uint16_t)get(&in, a[1]));
            set(&in, a[0], t, a[2] == TCG_BSWAP_OS ? sext(v, 16) : v);
            break;
        }
        case INDEX_op_bswap32: {
            uint64_t v = __builtin_bswap32((uint32_t)get(&in, a[1]));
            set(&in, a[0], t, a[2] == TCG_BSWAP_OS ? sext(v, 32) : v);
            break;
        }
        case INDEX_op_bswap64:
            set(&in, a[0], t, __builtin_bswap64(get(&in, a[1])));
            break;

        case INDEX_op_guest_ld: {
            uint64_t v;
            if (!guest_load(&in, get(&in, a[1]), a[2], &v)) {
                goto done;
            }
            set(&in, a[0], t, v);
            break;
        }
        case INDEX_op_guest_st:
            if (!guest_store(&in, get(&in, a[1]), a[2], get(&in, a[0]))) {
                goto done;
            }
            break;
        case INDEX_op_atomic_cmpxchg: {
            MemOp mop = get_memop(a[4]);
            uint64_t addr = get(&in, a[3]), old, cmpv;
            unsigned bits = memop_size(mop) * 8;
            if (!guest_load(&in, addr, a[4], &old)) {
                goto done;
            }
            cmpv = get(&in, a[1]);
            cmpv = (mop & MO_SIGN) ? sext(cmpv, bits) : zext(cmpv, bits);
            if (old == cmpv && !guest_store(&in, addr, a[4], get(&in, a[2]))) {
                goto done;
            }
            set(&in, a[0], t, old);
            break;
        }
        case INDEX_op_atomic_rmw: {
            MemOp mop = get_memop(a[3]);
            uint64_t addr = get(&in, a[2]), old, v;
            unsigned bits = memop_size(mop) * 8;
            if (!guest_load(&in, addr, a[3], &old)) {
                goto done;
            }
            v = get(&in, a[1]);
            v = (mop & MO_SIGN) ? sext(v, bits) : zext(v, bits);
            if (!guest_store(&in, addr, a[3], do_atomic(a[4], old, v))) {
                goto done;
            }
            set(&in, a[0], t, old);
            break;
        }
        default:
            g_error("tcg_interp: bad opcode %u", op->opc);
        }
        op = next;
    }
    if (!op) {
        res->fell_off = true;
    }
done:
    res->steps = steps;
    g_free(label_ops);
    g_free(in.vals);
    return res->exit_value;
}

uintptr_t tcg_interp_run(TCGContext *s, void *env)
{
    return tcg_interp_run_ex(s, env, default_mem, default_mem_opaque, 0, NULL);
}
