/*
 * dump.c — prints IR ops in Turtle's stable text format (-d op, -d op_opt,
 * pass unit tests). One op a line:
 *
 *     <name>[_i32|_i64] <outputs>, <inputs>, <constants>[  ; dead: ... sync: ...]
 *
 * Temps print as their global name ("env", "x0"), "tmpN" (TB temps), "ebbN"
 * (EBB temps) or "$0x.." (constants); labels as "$LN"; conditions by name;
 * MemOpIdx as e.g. "leuq+al@1" (byte order, sign, size, alignment,
 * atomicity, @mmu index). docs/tcg.md describes the format.
 */
#include "util/osdep.h"
#include "tcg/tcg.h"

const char *const tcg_cond_names[TCG_COND_COUNT] = {
    [TCG_COND_NEVER] = "never", [TCG_COND_ALWAYS] = "always",
    [TCG_COND_EQ] = "eq", [TCG_COND_NE] = "ne",
    [TCG_COND_LT] = "lt", [TCG_COND_GE] = "ge",
    [TCG_COND_LE] = "le", [TCG_COND_GT] = "gt",
    [TCG_COND_LTU] = "ltu", [TCG_COND_GEU] = "geu",
    [TCG_COND_LEU] = "leu", [TCG_COND_GTU] = "gtu",
};

static const char *const atomic_names[TCG_ATOMIC_NB_OPS] = {
    [TCG_ATOMIC_XCHG] = "xchg", [TCG_ATOMIC_ADD] = "add",
    [TCG_ATOMIC_AND] = "and", [TCG_ATOMIC_OR] = "or",
    [TCG_ATOMIC_XOR] = "xor", [TCG_ATOMIC_SMIN] = "smin",
    [TCG_ATOMIC_SMAX] = "smax", [TCG_ATOMIC_UMIN] = "umin",
    [TCG_ATOMIC_UMAX] = "umax",
};

const char *tcg_temp_name(TCGContext *s, const TCGTemp *ts, char *buf, size_t n)
{
    switch (ts->kind) {
    case TEMP_GLOBAL:
    case TEMP_FIXED:
        snprintf(buf, n, "%s", ts->name ? ts->name : "?");
        break;
    case TEMP_TB:
        snprintf(buf, n, "tmp%u", ts->index - s->nb_globals);
        break;
    case TEMP_EBB:
        snprintf(buf, n, "ebb%u", ts->index - s->nb_globals);
        break;
    case TEMP_CONST:
        if (ts->type == TCG_TYPE_I32) {
            snprintf(buf, n, "$0x%" PRIx32, (uint32_t)ts->val);
        } else {
            snprintf(buf, n, "$0x%" PRIx64, (uint64_t)ts->val);
        }
        break;
    default:
        snprintf(buf, n, "?%u", ts->index);
        break;
    }
    return buf;
}

static void dump_memop(FILE *f, MemOpIdx oi)
{
    static const char sz[] = "bwlqo";
    MemOp mop = get_memop(oi);
    unsigned size = mop & MO_SIZE;
    unsigned a = mop & MO_AMASK;

    if (size != MO_8) {
        fputs((mop & MO_BSWAP) == MO_BE ? "be" : "le", f);
    }
    fputc(mop & MO_SIGN ? 's' : 'u', f);
    fputc(size < 5 ? sz[size] : '?', f);
    if (a == MO_ALIGN) {
        fputs("+al", f);
    } else if (a != MO_UNALN) {
        fprintf(f, "+al%u", 1u << (a >> MO_ASHIFT));
    }
    switch (mop & MO_ATOM_MASK) {
    case MO_ATOM_IFALIGN: break;
    case MO_ATOM_IFALIGN_PAIR: fputs("+atom_pair", f); break;
    case MO_ATOM_WITHIN16: fputs("+atom_w16", f); break;
    case MO_ATOM_WITHIN16_PAIR: fputs("+atom_w16pair", f); break;
    case MO_ATOM_SUBALIGN: fputs("+atom_sub", f); break;
    case MO_ATOM_NONE: fputs("+atom_none", f); break;
    default: fputs("+atom?", f); break;
    }
    fprintf(f, "@%u", get_mmuidx(oi));
}

/* Prints constant argument k (0-based among the constants) of op. */
static void dump_const(FILE *f, const TCGOp *op, unsigned k, TCGArg a)
{
    switch (op->opc) {
    case INDEX_op_set_label:
    case INDEX_op_br:
        fprintf(f, "$L%u", arg_label(a)->id);
        return;
    case INDEX_op_brcond:
        if (k == 1) {
            fprintf(f, "$L%u", arg_label(a)->id);
            return;
        }
        /* fall through */
    case INDEX_op_setcond:
    case INDEX_op_negsetcond:
    case INDEX_op_movcond:
        if (a < TCG_COND_COUNT) {
            fputs(tcg_cond_names[a], f);
        } else {
            fprintf(f, "cond?%" PRIu64, a);
        }
        return;
    case INDEX_op_guest_ld:
    case INDEX_op_guest_st:
    case INDEX_op_atomic_cmpxchg:
        dump_memop(f, (MemOpIdx)a);
        return;
    case INDEX_op_atomic_rmw:
        if (k == 0) {
            dump_memop(f, (MemOpIdx)a);
        } else if (a < TCG_ATOMIC_NB_OPS) {
            fputs(atomic_names[a], f);
        } else {
            fprintf(f, "aop?%" PRIu64, a);
        }
        return;
    case INDEX_op_bswap16:
    case INDEX_op_bswap32:
        fputs(a == TCG_BSWAP_OS ? "os" : "oz", f);
        return;
    case INDEX_op_extract:
    case INDEX_op_sextract:
    case INDEX_op_deposit:
    case INDEX_op_extract2:
        fprintf(f, "%" PRIu64, a);
        return;
    case INDEX_op_ld8u ... INDEX_op_st:
        fprintf(f, "%" PRId64, (int64_t)a);
        return;
    default:
        fprintf(f, "0x%" PRIx64, a);
        return;
    }
}

void tcg_dump_op(TCGContext *s, const TCGOp *op, FILE *f)
{
    const TCGOpDef *def;
    unsigned nb_o, nb_i, nb_c, i, k = 0;
    char buf[40];

    if (op->opc >= NB_OPS) {
        fprintf(f, " opcode?%u", op->opc);
        return;
    }
    def = &tcg_op_defs[op->opc];
    nb_o = tcg_op_nb_oargs(op);
    nb_i = tcg_op_nb_iargs(op);
    nb_c = tcg_op_nb_cargs(op);
    if (op->opc == INDEX_op_call) {
        const TCGHelperInfo *info = op->nargs >= 2 ? tcg_call_info(op) : NULL;
        fprintf(f, " call %s", info && info->name ? info->name : "?");
        nb_c = 0;       /* func and info already shown by name */
        if (nb_o + nb_i) {
            fputc(' ', f);
        }
    } else {
        fprintf(f, " %s", def->name);
        if ((def->flags & TCG_OPF_INT) && !(def->flags & TCG_OPF_CVT)) {
            fputs(op->type == TCG_TYPE_I32 ? "_i32" :
                  op->type == TCG_TYPE_I64 ? "_i64" : "_?", f);
        }
        if (op->nargs) {
            fputc(' ', f);
        }
    }
    /* Robust against malformed ops (the verifier prints what it rejects). */
    if (nb_o + nb_i > op->nargs) {
        nb_i = op->nargs > nb_o ? op->nargs - nb_o : 0;
        nb_o = MIN(nb_o, op->nargs);
    }
    nb_c = MIN(nb_c, op->nargs - nb_o - nb_i);
    for (i = 0; i < nb_o + nb_i; i++) {
        if (k++) {
            fputs(", ", f);
        }
        if (op->args[i] >= s->nb_temps) {
            fprintf(f, "?%" PRIu64, op->args[i]);
            continue;
        }
        fputs(tcg_temp_name(s, tcg_op_temp(s, op, i), buf, sizeof(buf)), f);
    }
    for (i = 0; i < nb_c; i++) {
        if (k++) {
            fputs(", ", f);
        }
        dump_const(f, op, i, op->args[nb_o + nb_i + i]);
    }
    if (op->life) {
        unsigned n = nb_o + nb_i;
        fputs("  ; ", f);
        if (op->life & 0xffff) {
            fputs("dead:", f);
            for (i = 0; i < n; i++) {
                if (tcg_op_arg_dead(op, i)) {
                    fprintf(f, " %u", i);
                }
            }
        }
        if (op->life >> 16) {
            fputs((op->life & 0xffff) ? " sync:" : "sync:", f);
            for (i = 0; i < n; i++) {
                if (tcg_op_arg_sync(op, i)) {
                    fprintf(f, " %u", i);
                }
            }
        }
    }
}

void tcg_dump_ops(TCGContext *s, FILE *f)
{
    const TCGOp *op;

    TCG_FOREACH_OP(s, op) {
        tcg_dump_op(s, op, f);
        fputc('\n', f);
    }
}
