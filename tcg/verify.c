/*
 * verify.c — the IR verifier: checks a translation's ops against the table
 * in tcg-opc.h (arity, value types, constant-argument ranges), that labels
 * are placed once and branched to only if placed, that outputs are writable
 * temps, and that every temp read was written before (in list order; an EBB
 * temp must be written in the same extended basic block, i.e. since the last
 * label). Run between passes when s->verify is set.
 */
#include "util/osdep.h"
#include "tcg/tcg.h"

typedef struct VerifyState {
    TCGContext *s;
    GString *err;
    const TCGOp *op;
} VerifyState;

static bool G_GNUC_PRINTF(2, 3) fail(VerifyState *v, const char *fmt, ...)
{
    va_list ap;

    if (v->err->len) {
        return false;           /* keep the first error only */
    }
    va_start(ap, fmt);
    g_string_append_vprintf(v->err, fmt, ap);
    va_end(ap);
    if (v->op) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        tcg_dump_op(v->s, v->op, f);
        fclose(f);
        g_string_append_printf(v->err, " in:%s", buf);
        free(buf);
    }
    return false;
}

/* The type the temp of argument i must have (TCG_TYPE_COUNT = don't check). */
static TCGType expected_type(const TCGOp *op, unsigned i, unsigned nb_o,
                             unsigned nb_i)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];

    if (op->opc == INDEX_op_call) {
        const TCGHelperInfo *info = tcg_call_info(op);
        if (i < nb_o) {
            return info->ret_type;
        }
        return info->arg_types[i - nb_o];
    }
    if ((def->flags & TCG_OPF_PTR_LAST) && i == nb_o + nb_i - 1) {
        return TCG_TYPE_PTR;
    }
    if (def->flags & TCG_OPF_INT) {
        if ((def->flags & TCG_OPF_CVT) && i >= nb_o) {
            return op->type == TCG_TYPE_I32 ? TCG_TYPE_I64 : TCG_TYPE_I32;
        }
        return op->type;
    }
    return TCG_TYPE_COUNT;
}

static bool check_consts(VerifyState *v, const TCGOp *op, const TCGArg *c)
{
    unsigned w = tcg_type_bits(op->type);

    switch (op->opc) {
    case INDEX_op_set_label:
    case INDEX_op_br:
        if (!c[0]) {
            return fail(v, "null label");
        }
        break;
    case INDEX_op_brcond:
        if (!c[1]) {
            return fail(v, "null label");
        }
        /* fall through */
    case INDEX_op_setcond:
    case INDEX_op_negsetcond:
    case INDEX_op_movcond:
        if (c[0] >= TCG_COND_COUNT) {
            return fail(v, "bad condition %" PRIu64, c[0]);
        }
        break;
    case INDEX_op_extract:
    case INDEX_op_sextract:
    case INDEX_op_deposit:
        if (c[1] < 1 || c[0] + c[1] > w) {
            return fail(v, "bad bit field pos %" PRIu64 " len %" PRIu64,
                        c[0], c[1]);
        }
        break;
    case INDEX_op_extract2:
        if (c[0] >= w) {
            return fail(v, "bad extract2 shift %" PRIu64, c[0]);
        }
        break;
    case INDEX_op_bswap16:
    case INDEX_op_bswap32:
        if (c[0] != TCG_BSWAP_OZ && c[0] != TCG_BSWAP_OS) {
            return fail(v, "bad bswap flags %" PRIu64, c[0]);
        }
        break;
    case INDEX_op_goto_tb:
        if (c[0] > 1) {
            return fail(v, "bad goto_tb slot %" PRIu64, c[0]);
        }
        break;
    case INDEX_op_atomic_rmw:
        if (c[1] >= TCG_ATOMIC_NB_OPS) {
            return fail(v, "bad atomic op %" PRIu64, c[1]);
        }
        /* fall through */
    case INDEX_op_guest_ld:
    case INDEX_op_guest_st:
    case INDEX_op_atomic_cmpxchg: {
        MemOp mop = get_memop((MemOpIdx)c[0]);
        if ((mop & MO_SIZE) > (op->type == TCG_TYPE_I32 ? MO_32 : MO_64)) {
            return fail(v, "memop size larger than the op type");
        }
        if (c[0] >> 16) {
            return fail(v, "bad MemOpIdx 0x%" PRIx64, c[0]);
        }
        break;
    }
    default:
        break;
    }
    return true;
}

bool tcg_verify(TCGContext *s, char **errmsg)
{
    VerifyState v = { .s = s, .err = g_string_new(NULL) };
    /* temp.state: generation (EBB epoch + 1) of the last write, 0 = never */
    uintptr_t epoch = 1;
    unsigned goto_tb_seen = 0;
    bool ok = true;
    const TCGOp *op;
    TCGLabel *l;

    for (unsigned i = 0; i < s->nb_temps; i++) {
        s->temps[i].state = 0;
    }
    for (l = s->first_label; l; l = l->next) {
        l->has_value = false;   /* reused as "placed"; backend sets it later */
    }

    TCG_FOREACH_OP(s, op) {
        const TCGOpDef *def;
        unsigned nb_o, nb_i, i;

        v.op = op;
        if (op->opc >= NB_OPS) {
            v.op = NULL;
            ok = fail(&v, "bad opcode %u", op->opc);
            break;
        }
        def = &tcg_op_defs[op->opc];
        if (op->opc == INDEX_op_nop) {
            continue;           /* left by a pass, removed by liveness */
        }
        nb_o = tcg_op_nb_oargs(op);
        nb_i = tcg_op_nb_iargs(op);
        if (op->opc == INDEX_op_call) {
            const TCGHelperInfo *info;
            if (op->nargs != nb_o + nb_i + 2 || nb_o > 1 ||
                nb_i > TCG_MAX_CALL_IARGS) {
                ok = fail(&v, "bad call arity");
                break;
            }
            info = tcg_call_info(op);
            if (!info || info->func != tcg_call_func(op) ||
                info->nb_args != nb_i || (nb_o == 1) != info->has_ret) {
                ok = fail(&v, "call does not match its TCGHelperInfo");
                break;
            }
        } else if (op->nargs != def->nb_args) {
            ok = fail(&v, "%u args, table says %u", op->nargs, def->nb_args);
            break;
        }
        if (def->flags & TCG_OPF_INT) {
            if (op->type != TCG_TYPE_I32 && op->type != TCG_TYPE_I64) {
                ok = fail(&v, "bad op type %u", op->type);
                break;
            }
            if (((def->flags & TCG_OPF_I64_ONLY) && op->type != TCG_TYPE_I64) ||
                ((def->flags & TCG_OPF_I32_ONLY) && op->type != TCG_TYPE_I32)) {
                ok = fail(&v, "op not valid for this type");
                break;
            }
        }
        if (!check_consts(&v, op, op->args + nb_o + nb_i)) {
            ok = false;
            break;
        }

        /* Inputs: valid index, type, defined. */
        for (i = nb_o; i < nb_o + nb_i; i++) {
            TCGArg a = op->args[i];
            TCGTemp *ts;
            TCGType et;

            if (a >= s->nb_temps) {
                ok = fail(&v, "arg %u: temp %" PRIu64 " out of range", i, a);
                break;
            }
            ts = &s->temps[a];
            et = expected_type(op, i, nb_o, nb_i);
            if (et != TCG_TYPE_COUNT && ts->type != et) {
                ok = fail(&v, "arg %u: type %u, expected %u", i, ts->type, et);
                break;
            }
            if ((ts->kind == TEMP_TB && ts->state == 0) ||
                (ts->kind == TEMP_EBB && ts->state != epoch)) {
                ok = fail(&v, "arg %u: temp read before it is written", i);
                break;
            }
        }
        if (!ok) {
            break;
        }
        /* Outputs: valid, writable, type; then mark defined. */
        for (i = 0; i < nb_o; i++) {
            TCGArg a = op->args[i];
            TCGTemp *ts;
            TCGType et;

            if (a >= s->nb_temps) {
                ok = fail(&v, "arg %u: temp %" PRIu64 " out of range", i, a);
                break;
            }
            ts = &s->temps[a];
            et = expected_type(op, i, nb_o, nb_i);
            if (ts->kind == TEMP_CONST || ts->kind == TEMP_FIXED) {
                ok = fail(&v, "arg %u: output is read-only", i);
                break;
            }
            if (et != TCG_TYPE_COUNT && ts->type != et) {
                ok = fail(&v, "arg %u: type %u, expected %u", i, ts->type, et);
                break;
            }
            if (i == 1 && op->args[0] == a) {
                ok = fail(&v, "both outputs are the same temp");
                break;
            }
        }
        if (!ok) {
            break;
        }
        if (op->opc != INDEX_op_discard) {
            for (i = 0; i < nb_o; i++) {
                s->temps[op->args[i]].state = epoch;
            }
        }

        switch (op->opc) {
        case INDEX_op_set_label:
            l = arg_label(op->args[0]);
            if (l->has_value) {
                ok = fail(&v, "label $L%u placed twice", l->id);
            }
            l->has_value = true;
            epoch++;            /* EBB temps die at a label */
            break;
        case INDEX_op_goto_tb:
            if (goto_tb_seen & (1u << op->args[0])) {
                ok = fail(&v, "goto_tb slot used twice");
            }
            goto_tb_seen |= 1u << op->args[0];
            break;
        default:
            break;
        }
        if (!ok) {
            break;
        }
    }

    /* Every branch target must be placed. */
    v.op = NULL;
    if (ok) {
        TCG_FOREACH_OP(s, op) {
            TCGLabel *t = NULL;
            if (op->opc == INDEX_op_br) {
                t = arg_label(op->args[0]);
            } else if (op->opc == INDEX_op_brcond) {
                t = arg_label(op->args[3]);
            }
            if (t && !t->has_value) {
                v.op = op;
                ok = fail(&v, "branch to label $L%u that is never placed", t->id);
                break;
            }
        }
    }
    for (l = s->first_label; l; l = l->next) {
        l->has_value = false;
    }

    if (!ok && errmsg) {
        *errmsg = g_strdup(v.err->str);
    }
    g_string_free(v.err, true);
    return ok;
}

void tcg_verify_or_die(TCGContext *s, const char *after)
{
    char *msg = NULL;

    if (!s->verify) {
        return;
    }
    if (!tcg_verify(s, &msg)) {
        fprintf(stderr, "tcg: IR verification failed after %s: %s\n",
                after, msg);
        tcg_dump_ops(s, stderr);
        abort();
    }
}
