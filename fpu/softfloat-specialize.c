/*
 * softfloat-specialize.c — the NaN rules in which architectures differ.
 *
 * IEEE 754 leaves to the implementation which NaN an operation with
 * several NaN inputs returns, the default NaN's bits, and (for fused
 * multiply-add) whether inf * 0 + qNaN signals invalid.  The choices are
 * selected by FloatStatus.nan_rule, default_nan_negative, snan_bit_is_one:
 *
 *   SNAN_FIRST (Arm ARM, FPProcessNaNs / FPProcessNaNs3): the first
 *     signalling NaN in operand order, else the first quiet NaN; fused
 *     multiply-add takes the addend first; inf*0 + qNaN -> default NaN,
 *     invalid (FPMulAdd).
 *   FIRST_OPERAND (Intel SDM vol. 1, 11.5.2.2 / table 4-7, SSE column):
 *     the first operand that is a NaN; fma: a, b, c; inf*0 + qNaN returns
 *     the qNaN and does not signal (checked on the host's FMA unit).
 *   LARGER_SIGNIFICAND (Intel SDM vol. 1, table 4-7, x87 column): a quiet
 *     NaN wins over a signalling one; between two of a kind the larger
 *     significand, the positive one on a tie.
 */
#include "util/osdep.h"
#include "fpu/softfloat-parts.h"

FloatClass parts_nan_class(u128 frac, const FloatStatus *s)
{
    bool quiet = (frac >> PARTS_QUIET_BIT) & 1;
    return quiet != s->snan_bit_is_one ? FLOAT_CLASS_QNAN : FLOAT_CLASS_SNAN;
}

u128 parts_silence_frac(u128 frac, const FloatStatus *s)
{
    if (!s->snan_bit_is_one) {
        return frac | (U128_ONE << PARTS_QUIET_BIT);
    }
    /* Legacy convention: clear the signalling bit; keep the value a NaN
     * by setting the next bit if nothing else is left. */
    frac &= ~(U128_ONE << PARTS_QUIET_BIT);
    if (frac == 0) {
        frac = U128_ONE << (PARTS_QUIET_BIT - 1);
    }
    return frac;
}

FloatParts parts_default_nan(const FloatStatus *s)
{
    FloatParts p = {
        .cls = FLOAT_CLASS_QNAN,
        .sign = s->default_nan_negative,
        .exp = 0,
    };
    if (s->snan_bit_is_one) {
        /* All fraction bits but the signalling one (legacy MIPS 0x7fbfffff). */
        p.frac = mask128(PARTS_QUIET_BIT);
    } else {
        p.frac = U128_ONE << PARTS_QUIET_BIT;
    }
    return p;
}

FloatParts parts_return_nan(FloatParts a, FloatStatus *s)
{
    if (a.cls == FLOAT_CLASS_SNAN) {
        float_raise(s, FLOAT_FLAG_INVALID);
        a.frac = parts_silence_frac(a.frac, s);
        a.cls = FLOAT_CLASS_QNAN;
    }
    if (s->default_nan_mode) {
        return parts_default_nan(s);
    }
    return a;
}

static inline bool is_nan(const FloatParts *p)
{
    return p->cls >= FLOAT_CLASS_QNAN;
}

/* x87: which of two NaNs wins (both known to be NaNs). */
static const FloatParts *larger_significand(const FloatParts *a,
                                            const FloatParts *b)
{
    if (a->cls != b->cls) {
        return a->cls == FLOAT_CLASS_QNAN ? a : b;
    }
    u128 fa = a->frac & mask128(PARTS_QUIET_BIT);
    u128 fb = b->frac & mask128(PARTS_QUIET_BIT);
    if (fa != fb) {
        return fa > fb ? a : b;
    }
    return (a->sign && !b->sign) ? b : a;
}

FloatParts parts_pick_nan(const FloatParts *a, const FloatParts *b,
                          FloatStatus *s)
{
    const FloatParts *r;

    if (a->cls == FLOAT_CLASS_SNAN || b->cls == FLOAT_CLASS_SNAN) {
        float_raise(s, FLOAT_FLAG_INVALID);
    }
    if (s->default_nan_mode) {
        return parts_default_nan(s);
    }
    switch (s->nan_rule) {
    case FLOAT_NAN_RULE_FIRST_OPERAND:
        r = is_nan(a) ? a : b;
        break;
    case FLOAT_NAN_RULE_LARGER_SIGNIFICAND:
        if (!is_nan(a) || !is_nan(b)) {
            r = is_nan(a) ? a : b;
        } else {
            r = larger_significand(a, b);
        }
        break;
    case FLOAT_NAN_RULE_SNAN_FIRST:
    default:
        if (a->cls == FLOAT_CLASS_SNAN) {
            r = a;
        } else if (b->cls == FLOAT_CLASS_SNAN) {
            r = b;
        } else {
            r = is_nan(a) ? a : b;
        }
        break;
    }
    FloatParts ret = *r;
    if (ret.cls == FLOAT_CLASS_SNAN) {
        ret.frac = parts_silence_frac(ret.frac, s);
        ret.cls = FLOAT_CLASS_QNAN;
    }
    return ret;
}

FloatParts parts_pick_nan_muladd(const FloatParts *a, const FloatParts *b,
                                 const FloatParts *c, bool infzero,
                                 FloatStatus *s)
{
    const FloatParts *order[3];
    const FloatParts *r = NULL;

    if (a->cls == FLOAT_CLASS_SNAN || b->cls == FLOAT_CLASS_SNAN ||
        c->cls == FLOAT_CLASS_SNAN) {
        float_raise(s, FLOAT_FLAG_INVALID);
    }

    switch (s->nan_rule) {
    case FLOAT_NAN_RULE_FIRST_OPERAND:
        /* inf * 0 + qNaN: the qNaN, no invalid (Intel FMA behaviour). */
        order[0] = a; order[1] = b; order[2] = c;
        for (int i = 0; i < 3 && !r; i++) {
            if (is_nan(order[i])) {
                r = order[i];
            }
        }
        break;
    case FLOAT_NAN_RULE_LARGER_SIGNIFICAND:
        /* No x87 fused multiply-add exists; apply the pairwise rule. */
        order[0] = a; order[1] = b; order[2] = c;
        for (int i = 0; i < 3; i++) {
            if (is_nan(order[i])) {
                r = r ? larger_significand(r, order[i]) : order[i];
            }
        }
        break;
    case FLOAT_NAN_RULE_SNAN_FIRST:
    default:
        if (infzero && c->cls == FLOAT_CLASS_QNAN) {
            /* Arm FPMulAdd: 0 * inf + qNaN is an invalid operation. */
            float_raise(s, FLOAT_FLAG_INVALID);
            return parts_default_nan(s);
        }
        order[0] = c; order[1] = a; order[2] = b;
        for (int i = 0; i < 3 && !r; i++) {
            if (order[i]->cls == FLOAT_CLASS_SNAN) {
                r = order[i];
            }
        }
        for (int i = 0; i < 3 && !r; i++) {
            if (is_nan(order[i])) {
                r = order[i];
            }
        }
        break;
    }

    if (s->default_nan_mode || !r) {
        return parts_default_nan(s);
    }
    FloatParts ret = *r;
    if (ret.cls == FLOAT_CLASS_SNAN) {
        ret.frac = parts_silence_frac(ret.frac, s);
        ret.cls = FLOAT_CLASS_QNAN;
    }
    return ret;
}

FloatParts parts_convert_nan(FloatParts a, FloatStatus *s)
{
    return parts_return_nan(a, s);
}
