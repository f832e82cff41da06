/*
 * softfloat-parts.c — the format-independent core of the FP library.
 *
 * Every algorithm here works on FloatParts (see softfloat-parts.h): the
 * significand is a 128-bit integer with its leading 1 at bit 126, so one
 * implementation serves every format from float16 to float128.  Results
 * are returned unrounded (with a sticky bit jammed into bit 0 when bits
 * were lost) and parts_round_pack() rounds once for the destination.
 *
 * References: IEEE 754-2008 sections 5.3-5.4 (operations), 6.2 (NaNs),
 * 7 (exceptions); Arm ARM (DDI 0487) J1.2 shared/functions/float
 * (FPRoundBase, FPUnpackBase) for the flush-to-zero rules.
 */
#include "util/osdep.h"
#include "fpu/softfloat-parts.h"

#define FMT(e, f, x, ahp)                                                  \
    { .exp_size = (e), .frac_size = (f), .exp_bias = (1 << ((e) - 1)) - 1, \
      .exp_max = (1 << (e)) - 1, .frac_shift = PARTS_INT_BIT - (f),       \
      .arm_althp = (ahp), .explicit_int = (x) }

const FloatFmt float16_fmt = FMT(5, 10, false, false);
const FloatFmt float16_ahp_fmt = FMT(5, 10, false, true);
const FloatFmt bfloat16_fmt = FMT(8, 7, false, false);
const FloatFmt float32_fmt = FMT(8, 23, false, false);
const FloatFmt float64_fmt = FMT(11, 52, false, false);
const FloatFmt float128_fmt = FMT(15, 112, false, false);
const FloatFmt floatx80_fmt = FMT(15, 63, true, false);

/* ---- 256-bit helpers, for exact products ---- */

typedef struct U256 {
    u128 hi, lo;
} U256;

static U256 mul128(u128 a, u128 b)
{
    uint64_t a0 = (uint64_t)a, a1 = (uint64_t)(a >> 64);
    uint64_t b0 = (uint64_t)b, b1 = (uint64_t)(b >> 64);
    u128 p00 = (u128)a0 * b0, p01 = (u128)a0 * b1;
    u128 p10 = (u128)a1 * b0, p11 = (u128)a1 * b1;
    u128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;
    U256 r;
    r.lo = (uint64_t)p00 | (mid << 64);
    r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    return r;
}

static int clz256(U256 x)
{
    return x.hi ? clz128(x.hi) : 128 + clz128(x.lo);
}

static bool is_zero256(U256 x)
{
    return (x.hi | x.lo) == 0;
}

static U256 shr_jam256(U256 x, int n)
{
    U256 r;
    if (n <= 0) {
        return x;
    }
    if (n >= 256) {
        r.hi = 0;
        r.lo = !is_zero256(x);
        return r;
    }
    if (n >= 128) {
        bool sticky = x.lo != 0 || (x.hi & mask128(n - 128)) != 0;
        r.lo = (n == 128 ? x.hi : x.hi >> (n - 128)) | sticky;
        r.hi = 0;
        return r;
    }
    bool sticky = (x.lo & mask128(n)) != 0;
    r.lo = (x.lo >> n) | (x.hi << (128 - n)) | sticky;
    r.hi = x.hi >> n;
    return r;
}

static U256 shl256(U256 x, int n)
{
    U256 r;
    if (n <= 0) {
        return x;
    }
    if (n >= 128) {
        r.hi = x.lo << (n - 128);
        r.lo = 0;
        return r;
    }
    r.hi = (x.hi << n) | (x.lo >> (128 - n));
    r.lo = x.lo << n;
    return r;
}

static int cmp256(U256 a, U256 b)
{
    if (a.hi != b.hi) {
        return a.hi < b.hi ? -1 : 1;
    }
    if (a.lo != b.lo) {
        return a.lo < b.lo ? -1 : 1;
    }
    return 0;
}

static U256 add256(U256 a, U256 b)
{
    U256 r;
    r.lo = a.lo + b.lo;
    r.hi = a.hi + b.hi + (r.lo < a.lo);
    return r;
}

static U256 sub256(U256 a, U256 b)
{
    U256 r;
    r.lo = a.lo - b.lo;
    r.hi = a.hi - b.hi - (a.lo < b.lo);
    return r;
}

/* ---- Unpacking ---- */

static inline FloatParts make_parts(FloatClass cls, bool sign)
{
    FloatParts p = { .cls = cls, .sign = sign, .exp = 0, .frac = 0 };
    return p;
}

static FloatParts canonicalize_x80(bool sign, int exp_field, u128 frac_field,
                                   const FloatFmt *fmt, FloatStatus *s)
{
    FloatParts p = make_parts(FLOAT_CLASS_NORMAL, sign);
    bool int_bit = (frac_field >> 63) & 1;
    u128 frac = frac_field & mask128(63);

    if (exp_field == fmt->exp_max) {
        if (!int_bit) {
            goto invalid_encoding;
        }
        if (frac == 0) {
            p.cls = FLOAT_CLASS_INF;
        } else {
            p.frac = frac << fmt->frac_shift;
            p.cls = parts_nan_class(p.frac, s);
        }
        return p;
    }
    if (exp_field == 0) {
        /* Denormal, or pseudo-denormal (integer bit set), both read with
         * the minimum exponent (Intel SDM vol. 1, 8.2.2). */
        if (frac_field == 0) {
            p.cls = FLOAT_CLASS_ZERO;
            return p;
        }
        if (s->flush_inputs_to_zero) {
            float_raise(s, FLOAT_FLAG_INPUT_DENORMAL);
            p.cls = FLOAT_CLASS_ZERO;
            return p;
        }
        float_raise(s, FLOAT_FLAG_DENORMAL_OPERAND);
        int k = clz128(frac_field << 63) - 1;
        p.frac = (frac_field << 63) << k;
        p.exp = 1 - fmt->exp_bias - k;
        return p;
    }
    if (!int_bit) {
        goto invalid_encoding;
    }
    p.frac = frac_field << 63;
    p.exp = exp_field - fmt->exp_bias;
    return p;

invalid_encoding:
    /* Unnormals, pseudo-infinities and pseudo-NaNs: invalid operands on
     * the 387 and later; quietened they give the real indefinite. */
    p.cls = FLOAT_CLASS_SNAN;
    p.sign = true;
    p.frac = s->snan_bit_is_one ? U128_ONE << PARTS_QUIET_BIT : 0;
    return p;
}

FloatParts parts_canonicalize(bool sign, int exp_field, u128 frac_field,
                              const FloatFmt *fmt, FloatStatus *s)
{
    FloatParts p = make_parts(FLOAT_CLASS_NORMAL, sign);

    if (fmt->explicit_int) {
        return canonicalize_x80(sign, exp_field, frac_field, fmt, s);
    }
    if (likely(exp_field != 0 &&
               (exp_field != fmt->exp_max || fmt->arm_althp))) {
        p.frac = (frac_field | (U128_ONE << fmt->frac_size)) << fmt->frac_shift;
        p.exp = exp_field - fmt->exp_bias;
        return p;
    }
    if (exp_field == 0) {
        if (frac_field == 0) {
            p.cls = FLOAT_CLASS_ZERO;
            return p;
        }
        if (s->flush_inputs_to_zero) {
            float_raise(s, FLOAT_FLAG_INPUT_DENORMAL);
            p.cls = FLOAT_CLASS_ZERO;
            return p;
        }
        float_raise(s, FLOAT_FLAG_DENORMAL_OPERAND);
        u128 f = frac_field << fmt->frac_shift;
        int k = clz128(f) - 1;
        p.frac = f << k;
        p.exp = 1 - fmt->exp_bias - k;
        return p;
    }
    /* All-ones exponent. */
    if (frac_field == 0) {
        p.cls = FLOAT_CLASS_INF;
    } else {
        p.frac = frac_field << fmt->frac_shift;
        p.cls = parts_nan_class(p.frac, s);
    }
    return p;
}

/* ---- Rounding ---- */

/* The amount to add at the rounding position rshift so that the carry
 * out of the kept bits implements the rounding mode. */
static inline u128 round_increment(int mode, bool sign, u128 frac, int rshift)
{
    switch (mode) {
    case FLOAT_ROUND_NEAREST_EVEN:
        return (U128_ONE << (rshift - 1)) - 1 + ((frac >> rshift) & 1);
    case FLOAT_ROUND_TIES_AWAY:
        return U128_ONE << (rshift - 1);
    case FLOAT_ROUND_UP:
        return sign ? 0 : mask128(rshift);
    case FLOAT_ROUND_DOWN:
        return sign ? mask128(rshift) : 0;
    case FLOAT_ROUND_TO_ZERO:
    case FLOAT_ROUND_TO_ODD:
    default:
        return 0;
    }
}

static inline bool overflow_to_inf(int mode, bool sign)
{
    switch (mode) {
    case FLOAT_ROUND_NEAREST_EVEN:
    case FLOAT_ROUND_TIES_AWAY:
        return true;
    case FLOAT_ROUND_UP:
        return !sign;
    case FLOAT_ROUND_DOWN:
        return sign;
    default:
        return false;
    }
}

static void round_normal(FloatParts *p, const FloatFmt *fmt, int prec,
                         FloatStatus *s)
{
    const int rshift = PARTS_INT_BIT + 1 - prec;
    const u128 rmask = mask128(rshift);
    const int mode = s->rounding_mode;
    const int max_e = fmt->arm_althp ? fmt->exp_max : fmt->exp_max - 1;
    u128 frac = p->frac;
    int e = p->exp + fmt->exp_bias;
    bool inexact;

    if (likely(e >= 1)) {
        inexact = (frac & rmask) != 0;
        frac += round_increment(mode, p->sign, frac, rshift);
        if (frac >> 127) {
            frac >>= 1;
            e++;
        }
        frac &= ~rmask;
        if (mode == FLOAT_ROUND_TO_ODD && inexact) {
            frac |= U128_ONE << rshift;
        }
        if (unlikely(e > max_e)) {
            if (fmt->arm_althp) {
                /* FPRoundBase: alternative half precision saturates and
                 * signals invalid instead of overflow, no inexact. */
                float_raise(s, FLOAT_FLAG_INVALID);
                e = fmt->exp_max;
                frac = mask128(PARTS_INT_BIT + 1) & ~rmask;
            } else {
                float_raise(s, FLOAT_FLAG_OVERFLOW | FLOAT_FLAG_INEXACT);
                if (overflow_to_inf(mode, p->sign)) {
                    p->cls = FLOAT_CLASS_INF;
                    p->exp = fmt->exp_max;
                    p->frac = fmt->explicit_int ? U128_ONE << 63 : 0;
                    return;
                }
                e = fmt->exp_max - 1;
                frac = mask128(PARTS_INT_BIT + 1) & ~rmask;
            }
        } else if (inexact) {
            float_raise(s, FLOAT_FLAG_INEXACT);
        }
    } else {
        /* Tiny before rounding.  Is it tiny after rounding, i.e. does it
         * stay below 2^emin once rounded to prec bits with an unbounded
         * exponent? */
        bool tiny = true;
        if (s->tininess == FLOAT_TININESS_AFTER_ROUNDING && e == 0) {
            u128 r = frac + round_increment(mode, p->sign, frac, rshift);
            tiny = !(r >> 127);
        }
        if (s->flush_to_zero && tiny) {
            /* Arm FPRoundBase with FZ (UFC only); x86 FTZ (UE and PE). */
            float_raise(s, FLOAT_FLAG_UNDERFLOW | FLOAT_FLAG_OUTPUT_DENORMAL |
                           (s->flush_to_zero_inexact ? FLOAT_FLAG_INEXACT : 0));
            p->cls = FLOAT_CLASS_ZERO;
            p->exp = 0;
            p->frac = 0;
            return;
        }
        frac = shr_jam128(frac, 1 - e);
        inexact = (frac & rmask) != 0;
        frac += round_increment(mode, p->sign, frac, rshift);
        /* Rounding up to 2^emin makes it the smallest normal. */
        e = (frac >> PARTS_INT_BIT) & 1;
        frac &= ~rmask;
        if (mode == FLOAT_ROUND_TO_ODD && inexact) {
            frac |= U128_ONE << rshift;
        }
        if (inexact) {
            float_raise(s, FLOAT_FLAG_INEXACT |
                           (tiny ? FLOAT_FLAG_UNDERFLOW : 0));
        }
        if (frac == 0) {
            p->cls = FLOAT_CLASS_ZERO;
        }
    }
    p->exp = e;
    frac >>= fmt->frac_shift;
    if (!fmt->explicit_int) {
        frac &= mask128(fmt->frac_size);
    }
    p->frac = frac;
}

void parts_round_pack_prec(FloatParts *p, const FloatFmt *fmt, int prec,
                           FloatStatus *s)
{
    switch (p->cls) {
    case FLOAT_CLASS_NORMAL:
        round_normal(p, fmt, prec, s);
        return;
    case FLOAT_CLASS_ZERO:
        p->exp = 0;
        p->frac = 0;
        return;
    case FLOAT_CLASS_INF:
        p->exp = fmt->exp_max;
        p->frac = fmt->explicit_int ? U128_ONE << 63 : 0;
        return;
    case FLOAT_CLASS_QNAN:
    case FLOAT_CLASS_SNAN:
    default:
        p->exp = fmt->exp_max;
        p->frac = p->frac >> fmt->frac_shift;
        if (fmt->explicit_int) {
            p->frac |= U128_ONE << 63;
        }
        return;
    }
}

void parts_round_pack(FloatParts *p, const FloatFmt *fmt, FloatStatus *s)
{
    parts_round_pack_prec(p, fmt, fmt->frac_size + 1, s);
}

/* ---- Arithmetic ---- */

static inline bool parts_is_nan(const FloatParts *p)
{
    return p->cls >= FLOAT_CLASS_QNAN;
}

static inline FloatParts zero_of_exact_sum(bool sa, bool sb, FloatStatus *s)
{
    /* IEEE 754-2008 6.3: x + (-x) is +0, except -0 when rounding down. */
    return make_parts(FLOAT_CLASS_ZERO,
                      sa == sb ? sa : s->rounding_mode == FLOAT_ROUND_DOWN);
}

static FloatParts invalid_nan(FloatStatus *s)
{
    float_raise(s, FLOAT_FLAG_INVALID);
    return parts_default_nan(s);
}

FloatParts parts_addsub(FloatParts a, FloatParts b, bool subtract,
                        FloatStatus *s)
{
    if (unlikely(parts_is_nan(&a) || parts_is_nan(&b))) {
        return parts_pick_nan(&a, &b, s);
    }
    b.sign ^= subtract;

    if (likely(a.cls == FLOAT_CLASS_NORMAL && b.cls == FLOAT_CLASS_NORMAL)) {
        if (a.sign == b.sign) {
            if (a.exp < b.exp) {
                FloatParts t = a; a = b; b = t;
            }
            a.frac += shr_jam128(b.frac, a.exp - b.exp);
            if (a.frac >> 127) {
                a.frac = shr_jam128(a.frac, 1);
                a.exp++;
            }
            return a;
        }
        if (a.exp < b.exp || (a.exp == b.exp && a.frac < b.frac)) {
            FloatParts t = a; a = b; b = t;
        }
        a.frac -= shr_jam128(b.frac, a.exp - b.exp);
        if (a.frac == 0) {
            return zero_of_exact_sum(false, true, s);
        }
        int k = clz128(a.frac) - 1;
        a.frac <<= k;
        a.exp -= k;
        return a;
    }
    if (a.cls == FLOAT_CLASS_INF) {
        if (b.cls == FLOAT_CLASS_INF && a.sign != b.sign) {
            return invalid_nan(s);
        }
        return a;
    }
    if (b.cls == FLOAT_CLASS_INF) {
        return b;
    }
    if (a.cls == FLOAT_CLASS_ZERO) {
        if (b.cls == FLOAT_CLASS_ZERO) {
            return zero_of_exact_sum(a.sign, b.sign, s);
        }
        return b;
    }
    return a;
}

/* Normalise a significand of the product's scale (leading bit 252 or 253
 * of a 256-bit value, value = P / 2^252) into parts. */
static FloatParts from_u256(U256 p, bool sign, int32_t exp)
{
    FloatParts r = make_parts(FLOAT_CLASS_NORMAL, sign);
    int lead = 255 - clz256(p);
    r.exp = exp + (lead - 252);
    if (lead >= PARTS_INT_BIT) {
        p = shr_jam256(p, lead - PARTS_INT_BIT);
    } else {
        p = shl256(p, PARTS_INT_BIT - lead);
    }
    r.frac = p.lo;
    return r;
}

FloatParts parts_mul(FloatParts a, FloatParts b, FloatStatus *s)
{
    if (unlikely(parts_is_nan(&a) || parts_is_nan(&b))) {
        return parts_pick_nan(&a, &b, s);
    }
    bool sign = a.sign ^ b.sign;

    if (likely(a.cls == FLOAT_CLASS_NORMAL && b.cls == FLOAT_CLASS_NORMAL)) {
        FloatParts r = make_parts(FLOAT_CLASS_NORMAL, sign);
        r.exp = a.exp + b.exp;
        if (((uint64_t)a.frac | (uint64_t)b.frac) == 0) {
            /* Significands of at most 64 bits: one 64x64 multiply, exact. */
            u128 p = (u128)(uint64_t)(a.frac >> 64) * (uint64_t)(b.frac >> 64);
            if (p >> 125) {
                r.frac = p << 1;
                r.exp++;
            } else {
                r.frac = p << 2;
            }
            return r;
        }
        return from_u256(mul128(a.frac, b.frac), sign, r.exp);
    }
    if ((a.cls == FLOAT_CLASS_INF && b.cls == FLOAT_CLASS_ZERO) ||
        (a.cls == FLOAT_CLASS_ZERO && b.cls == FLOAT_CLASS_INF)) {
        return invalid_nan(s);
    }
    if (a.cls == FLOAT_CLASS_INF || b.cls == FLOAT_CLASS_INF) {
        return make_parts(FLOAT_CLASS_INF, sign);
    }
    return make_parts(FLOAT_CLASS_ZERO, sign);
}

FloatParts parts_div(FloatParts a, FloatParts b, int prec, FloatStatus *s)
{
    if (unlikely(parts_is_nan(&a) || parts_is_nan(&b))) {
        return parts_pick_nan(&a, &b, s);
    }
    bool sign = a.sign ^ b.sign;

    if (likely(a.cls == FLOAT_CLASS_NORMAL && b.cls == FLOAT_CLASS_NORMAL)) {
        FloatParts r = make_parts(FLOAT_CLASS_NORMAL, sign);
        r.exp = a.exp - b.exp;
        if (((uint64_t)a.frac | (uint64_t)b.frac) == 0) {
            /* Divisor of at most 64 bits: 65 quotient bits from one 128/64
             * division, 64 more from a second one when prec needs them. */
            uint64_t n = (uint64_t)(a.frac >> 64), d = (uint64_t)(b.frac >> 64);
            u128 num;
            if (n < d) {
                num = (u128)n << 65;
                r.exp--;
            } else {
                num = (u128)n << 64;
            }
            u128 q = num / d;
            uint64_t rem = (uint64_t)(num - q * d);
            if (prec <= 64) {
                r.frac = (q << 62) | (rem != 0);
                return r;
            }
            u128 num2 = (u128)rem << 64;
            u128 q2 = num2 / d;
            rem = (uint64_t)(num2 - q2 * d);
            /* q:q2 has its leading bit at 128: keep 127 bits, jam the rest. */
            r.frac = (q << 62) | (q2 >> 2) | ((q2 & 3) != 0) | (rem != 0);
            return r;
        }
        /* Restoring division, one quotient bit per step (float128). */
        u128 n = a.frac, d = b.frac, q = 0;
        if (n < d) {
            n <<= 1;
            r.exp--;
        }
        for (int i = PARTS_INT_BIT; i >= 0; i--) {
            if (n >= d) {
                n -= d;
                q |= U128_ONE << i;
            }
            n <<= 1;
        }
        r.frac = q | (n != 0);
        return r;
    }
    if ((a.cls == FLOAT_CLASS_INF && b.cls == FLOAT_CLASS_INF) ||
        (a.cls == FLOAT_CLASS_ZERO && b.cls == FLOAT_CLASS_ZERO)) {
        return invalid_nan(s);
    }
    if (a.cls == FLOAT_CLASS_INF || b.cls == FLOAT_CLASS_ZERO) {
        if (a.cls == FLOAT_CLASS_NORMAL) {
            /* Only a finite non-zero dividend divides by zero. */
            float_raise(s, FLOAT_FLAG_DIVBYZERO);
        }
        return make_parts(FLOAT_CLASS_INF, sign);
    }
    return make_parts(FLOAT_CLASS_ZERO, sign);
}

FloatParts parts_sqrt(FloatParts a, int prec, FloatStatus *s)
{
    if (unlikely(parts_is_nan(&a))) {
        return parts_return_nan(a, s);
    }
    if (a.cls == FLOAT_CLASS_ZERO) {
        return a;                       /* sqrt(-0) = -0 */
    }
    if (a.sign) {
        return invalid_nan(s);
    }
    if (a.cls == FLOAT_CLASS_INF) {
        return a;
    }
    /* m / 2^126 in [1, 4) with an even exponent. */
    u128 m = a.frac;
    int32_t e = a.exp;
    if (e & 1) {
        m <<= 1;
        e--;
    }
    /* Digit-by-digit square root: k result bits from the top k bit pairs
     * of m; rem stays below 2 * root + 1 so it fits comfortably. */
    int k = prec + 2;
    if (k > 116) {
        k = 116;
    }
    u128 root = 0, rem = 0;
    for (int j = 0; j < k; j++) {
        unsigned pair = j < 64 ? (unsigned)(m >> (126 - 2 * j)) & 3 : 0;
        rem = (rem << 2) | pair;
        u128 trial = (root << 2) | 1;
        root <<= 1;
        if (rem >= trial) {
            rem -= trial;
            root |= 1;
        }
    }
    bool sticky = rem != 0 || (k < 64 && (m & mask128(128 - 2 * k)) != 0);
    FloatParts r = make_parts(FLOAT_CLASS_NORMAL, false);
    r.exp = e >> 1;
    r.frac = (root << (127 - k)) | sticky;
    return r;
}

FloatParts parts_rem(FloatParts a, FloatParts b, FloatStatus *s)
{
    if (unlikely(parts_is_nan(&a) || parts_is_nan(&b))) {
        return parts_pick_nan(&a, &b, s);
    }
    if (a.cls == FLOAT_CLASS_INF || b.cls == FLOAT_CLASS_ZERO) {
        return invalid_nan(s);
    }
    if (a.cls == FLOAT_CLASS_ZERO || b.cls == FLOAT_CLASS_INF) {
        return a;
    }
    int32_t ediff = a.exp - b.exp;
    if (ediff < -1) {
        return a;                       /* |a| < |b| / 2 */
    }
    /* Integer significands: a = A * 2^(a.exp-126), b = B * 2^(b.exp-126). */
    u128 r, d = b.frac;
    bool q_odd = false;
    int32_t base_exp = b.exp;
    if (ediff == -1) {
        r = a.frac;                     /* in units of a: b = 2B */
        d = b.frac << 1;
        base_exp = a.exp;
    } else if (((uint64_t)a.frac | (uint64_t)b.frac) == 0) {
        /* Up to 64-bit significands: reduce 63 exponent steps at a time. */
        uint64_t dd = (uint64_t)(b.frac >> 64);
        uint64_t rr = (uint64_t)(a.frac >> 64);
        u128 q = rr / dd;
        rr %= dd;
        while (ediff > 0) {
            int c = ediff > 63 ? 63 : ediff;
            u128 num = (u128)rr << c;
            q = num / dd;
            rr = (uint64_t)(num % dd);
            ediff -= c;
        }
        q_odd = q & 1;
        r = (u128)rr << 64;
    } else {
        r = a.frac;
        if (r >= d) {
            r -= d;
            q_odd = true;
        } else {
            q_odd = false;
        }
        while (ediff-- > 0) {
            r <<= 1;
            q_odd = r >= d;
            if (q_odd) {
                r -= d;
            }
        }
    }
    /* Round the quotient to nearest-even: maybe take one more b. */
    bool flip = false;
    if (r > d - r || (r == d - r && q_odd)) {
        r = d - r;
        flip = true;
    }
    if (r == 0) {
        return make_parts(FLOAT_CLASS_ZERO, a.sign);
    }
    FloatParts res = make_parts(FLOAT_CLASS_NORMAL, a.sign ^ flip);
    int k = clz128(r) - 1;
    res.frac = r << k;
    res.exp = base_exp - k;
    return res;
}

FloatParts parts_muladd(FloatParts a, FloatParts b, FloatParts c, int flags,
                        FloatStatus *s)
{
    bool infzero = (a.cls == FLOAT_CLASS_INF && b.cls == FLOAT_CLASS_ZERO) ||
                   (a.cls == FLOAT_CLASS_ZERO && b.cls == FLOAT_CLASS_INF);

    if (unlikely(parts_is_nan(&a) || parts_is_nan(&b) || parts_is_nan(&c))) {
        return parts_pick_nan_muladd(&a, &b, &c, infzero, s);
    }
    if (infzero) {
        return invalid_nan(s);
    }
    if (flags & FLOAT_MULADD_NEGATE_C) {
        c.sign ^= 1;
    }
    bool psign = a.sign ^ b.sign ^ !!(flags & FLOAT_MULADD_NEGATE_PRODUCT);
    int halve = (flags & FLOAT_MULADD_HALVE_RESULT) ? 1 : 0;

    if (a.cls == FLOAT_CLASS_INF || b.cls == FLOAT_CLASS_INF) {
        if (c.cls == FLOAT_CLASS_INF && c.sign != psign) {
            return invalid_nan(s);
        }
        return make_parts(FLOAT_CLASS_INF, psign);
    }
    if (c.cls == FLOAT_CLASS_INF) {
        return c;
    }
    if (a.cls == FLOAT_CLASS_ZERO || b.cls == FLOAT_CLASS_ZERO) {
        if (c.cls == FLOAT_CLASS_ZERO) {
            return zero_of_exact_sum(psign, c.sign, s);
        }
        c.exp -= halve;
        return c;
    }

    /* Exact product, value P / 2^252 * 2^pexp, P in [2^252, 2^254). */
    U256 p = mul128(a.frac, b.frac);
    int32_t pexp = a.exp + b.exp - halve;
    if (c.cls == FLOAT_CLASS_ZERO) {
        return from_u256(p, psign, pexp);
    }
    U256 cc = { .hi = c.frac >> 2, .lo = c.frac << 126 };
    int32_t cexp = c.exp - halve, e;
    if (pexp >= cexp) {
        cc = shr_jam256(cc, pexp - cexp);
        e = pexp;
    } else {
        p = shr_jam256(p, cexp - pexp);
        e = cexp;
    }
    U256 sum;
    bool sign;
    if (psign == c.sign) {
        sum = add256(p, cc);
        sign = psign;
    } else {
        int cmp = cmp256(p, cc);
        if (cmp == 0) {
            return zero_of_exact_sum(false, true, s);
        }
        if (cmp > 0) {
            sum = sub256(p, cc);
            sign = psign;
        } else {
            sum = sub256(cc, p);
            sign = c.sign;
        }
    }
    return from_u256(sum, sign, e);
}

static int parts_cmp_magnitude(const FloatParts *a, const FloatParts *b)
{
    if (a->cls != b->cls) {
        /* ZERO < NORMAL < INF, which is their enum order. */
        return a->cls < b->cls ? -1 : 1;
    }
    if (a->cls != FLOAT_CLASS_NORMAL) {
        return 0;
    }
    if (a->exp != b->exp) {
        return a->exp < b->exp ? -1 : 1;
    }
    if (a->frac != b->frac) {
        return a->frac < b->frac ? -1 : 1;
    }
    return 0;
}

FloatRelation parts_compare(FloatParts a, FloatParts b, bool quiet,
                            FloatStatus *s)
{
    if (unlikely(parts_is_nan(&a) || parts_is_nan(&b))) {
        if (!quiet || a.cls == FLOAT_CLASS_SNAN || b.cls == FLOAT_CLASS_SNAN) {
            float_raise(s, FLOAT_FLAG_INVALID);
        }
        return FLOAT_RELATION_UNORDERED;
    }
    if (a.cls == FLOAT_CLASS_ZERO && b.cls == FLOAT_CLASS_ZERO) {
        return FLOAT_RELATION_EQUAL;
    }
    if (a.sign != b.sign) {
        return a.sign ? FLOAT_RELATION_LESS : FLOAT_RELATION_GREATER;
    }
    int c = parts_cmp_magnitude(&a, &b);
    if (a.sign) {
        c = -c;
    }
    return c < 0 ? FLOAT_RELATION_LESS
                 : c > 0 ? FLOAT_RELATION_GREATER : FLOAT_RELATION_EQUAL;
}

FloatParts parts_minmax(FloatParts a, FloatParts b, bool is_max, bool is_num,
                        FloatStatus *s)
{
    if (unlikely(parts_is_nan(&a) || parts_is_nan(&b))) {
        if (is_num) {
            /* IEEE 754-2008 minNum/maxNum, Arm FMINNM/FMAXNM: a quiet NaN
             * loses against a number; signalling NaNs still propagate. */
            if (a.cls == FLOAT_CLASS_QNAN && !parts_is_nan(&b)) {
                return b;
            }
            if (b.cls == FLOAT_CLASS_QNAN && !parts_is_nan(&a)) {
                return a;
            }
        }
        return parts_pick_nan(&a, &b, s);
    }
    if (a.cls == FLOAT_CLASS_ZERO && b.cls == FLOAT_CLASS_ZERO) {
        /* -0 < +0 for min and max (Arm FPMin/FPMax). */
        a.sign = is_max ? (a.sign && b.sign) : (a.sign || b.sign);
        return a;
    }
    FloatRelation rel = parts_compare(a, b, true, s);
    bool a_less = rel == FLOAT_RELATION_LESS;
    return a_less != is_max ? a : b;
}

/* Round a NORMAL value to an integral value at the 2^0 position of
 * value * 2^scale; returns whether bits were lost. */
static bool round_int_raw(FloatParts *a, int mode, int scale)
{
    int32_t exp = a->exp + scale;
    u128 frac = a->frac;
    bool inexact;

    if (exp >= PARTS_INT_BIT) {
        return false;
    }
    if (exp < 0) {
        /* |value| < 1: 0 or 1 after rounding. */
        frac = shr_jam128(frac, -exp);
        inexact = frac != 0;
        frac += round_increment(mode, a->sign, frac, PARTS_INT_BIT);
        if (mode == FLOAT_ROUND_TO_ODD && inexact) {
            frac |= U128_ONE << PARTS_INT_BIT;
        }
        if (frac >> PARTS_INT_BIT) {
            a->frac = U128_ONE << PARTS_INT_BIT;
            a->exp = 0 - scale;
        } else {
            a->cls = FLOAT_CLASS_ZERO;
        }
        return inexact;
    }
    int rshift = PARTS_INT_BIT - exp;
    if (rshift == 0) {
        return false;
    }
    u128 rmask = mask128(rshift);
    inexact = (frac & rmask) != 0;
    if (!inexact) {
        return false;
    }
    frac += round_increment(mode, a->sign, frac, rshift);
    frac &= ~rmask;
    if (mode == FLOAT_ROUND_TO_ODD) {
        frac |= U128_ONE << rshift;
    }
    if (frac >> 127) {
        frac >>= 1;
        a->exp++;
    }
    a->frac = frac;
    return true;
}

FloatParts parts_round_to_int(FloatParts a, FloatRoundMode mode, int scale,
                              int frac_size, bool exact, FloatStatus *s)
{
    (void)frac_size;
    switch (a.cls) {
    case FLOAT_CLASS_QNAN:
    case FLOAT_CLASS_SNAN:
        return parts_return_nan(a, s);
    case FLOAT_CLASS_NORMAL:
        if (round_int_raw(&a, mode, scale) && exact) {
            float_raise(s, FLOAT_FLAG_INEXACT);
        }
        return a;
    default:
        return a;
    }
}

FloatParts parts_scalbn(FloatParts a, int n, FloatStatus *s)
{
    switch (a.cls) {
    case FLOAT_CLASS_QNAN:
    case FLOAT_CLASS_SNAN:
        return parts_return_nan(a, s);
    case FLOAT_CLASS_NORMAL:
        /* Clamp so the exponent arithmetic cannot wrap; any n this large
         * overflows or underflows every format anyway. */
        if (n > 0x10000) {
            n = 0x10000;
        } else if (n < -0x10000) {
            n = -0x10000;
        }
        a.exp += n;
        return a;
    default:
        return a;
    }
}

/* Integer conversion of a NaN or an out-of-range value. */
static int64_t sint_invalid(bool is_nan, bool sign, int64_t min, int64_t max,
                            FloatStatus *s)
{
    float_raise(s, FLOAT_FLAG_INVALID);
    switch (s->int_overflow) {
    case FLOAT_INT_INDEFINITE:
        return min;
    case FLOAT_INT_SATURATE_NAN_MIN:
        return is_nan || sign ? min : max;
    case FLOAT_INT_SATURATE:
    default:
        return is_nan ? 0 : sign ? min : max;
    }
}

static uint64_t uint_invalid(bool is_nan, bool sign, uint64_t max,
                             FloatStatus *s)
{
    float_raise(s, FLOAT_FLAG_INVALID);
    switch (s->int_overflow) {
    case FLOAT_INT_INDEFINITE:
        return max;
    case FLOAT_INT_SATURATE_NAN_MIN:
    case FLOAT_INT_SATURATE:
    default:
        return is_nan || sign ? 0 : max;
    }
}

int64_t parts_to_sint(FloatParts a, FloatRoundMode mode, int scale,
                      int64_t min, int64_t max, FloatStatus *s)
{
    switch (a.cls) {
    case FLOAT_CLASS_QNAN:
    case FLOAT_CLASS_SNAN:
        return sint_invalid(true, a.sign, min, max, s);
    case FLOAT_CLASS_INF:
        return sint_invalid(false, a.sign, min, max, s);
    case FLOAT_CLASS_ZERO:
        return 0;
    default:
        break;
    }
    bool inexact = round_int_raw(&a, mode, scale);
    if (a.cls == FLOAT_CLASS_ZERO) {
        float_raise(s, inexact ? FLOAT_FLAG_INEXACT : 0);
        return 0;
    }
    int32_t exp = a.exp + scale;
    if (exp > 63) {
        return sint_invalid(false, a.sign, min, max, s);
    }
    uint64_t mag = (uint64_t)(a.frac >> (PARTS_INT_BIT - exp));
    if (a.sign ? mag > (uint64_t)0 - (uint64_t)min : mag > (uint64_t)max) {
        return sint_invalid(false, a.sign, min, max, s);
    }
    if (inexact) {
        float_raise(s, FLOAT_FLAG_INEXACT);
    }
    return a.sign ? (int64_t)(0 - mag) : (int64_t)mag;
}

uint64_t parts_to_uint(FloatParts a, FloatRoundMode mode, int scale,
                       uint64_t max, FloatStatus *s)
{
    switch (a.cls) {
    case FLOAT_CLASS_QNAN:
    case FLOAT_CLASS_SNAN:
        return uint_invalid(true, a.sign, max, s);
    case FLOAT_CLASS_INF:
        return uint_invalid(false, a.sign, max, s);
    case FLOAT_CLASS_ZERO:
        return 0;
    default:
        break;
    }
    bool inexact = round_int_raw(&a, mode, scale);
    if (a.cls == FLOAT_CLASS_ZERO) {
        float_raise(s, inexact ? FLOAT_FLAG_INEXACT : 0);
        return 0;
    }
    int32_t exp = a.exp + scale;
    if (a.sign || exp > 63) {
        return uint_invalid(false, a.sign, max, s);
    }
    uint64_t mag = (uint64_t)(a.frac >> (PARTS_INT_BIT - exp));
    if (mag > max) {
        return uint_invalid(false, a.sign, max, s);
    }
    if (inexact) {
        float_raise(s, FLOAT_FLAG_INEXACT);
    }
    return mag;
}

FloatParts parts_from_uint(uint64_t v, int scale)
{
    if (v == 0) {
        return make_parts(FLOAT_CLASS_ZERO, false);
    }
    FloatParts p = make_parts(FLOAT_CLASS_NORMAL, false);
    int k = __builtin_clzll(v);
    p.frac = (u128)(v << k) << 63;
    p.exp = 63 - k + scale;
    return p;
}

FloatParts parts_from_sint(int64_t v, int scale)
{
    FloatParts p = parts_from_uint(v < 0 ? 0 - (uint64_t)v : (uint64_t)v,
                                   scale);
    p.sign = v < 0;
    return p;
}
