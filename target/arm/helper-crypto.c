/*
 * helper-crypto.c — the A64 cryptographic extension instructions: AES
 * (FEAT_AES: AESE, AESD, AESMC, AESIMC), SHA-1 and SHA-256 (FEAT_SHA1,
 * FEAT_SHA256), SHA-512 (FEAT_SHA512) and the SHA-3 helpers (FEAT_SHA3:
 * EOR3, BCAX, RAX1, XAR), as the Arm ARM C7.2 pseudocode defines them
 * (AESShiftRows, SHA256hash, ...) on top of FIPS-197 / FIPS 180-4.
 *
 * The AES S-boxes are computed once at start-up from their definition
 * (multiplicative inverse in GF(2^8), then the affine transform), so no
 * 256-entry table has to be typed in.
 */
#include "util/osdep.h"
#include "target/arm/vec-internal.h"

/* ---------------------------------------------------------------------- */
/* AES (FIPS-197)                                                          */

static uint8_t aes_sbox[256], aes_inv_sbox[256];

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;

    while (b) {
        if (b & 1) {
            r ^= a;
        }
        a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
        b >>= 1;
    }
    return r;
}

__attribute__((constructor)) static void aes_init_sbox(void)
{
    for (int x = 0; x < 256; x++) {
        uint8_t inv = 0, s;

        for (int y = 1; x && y < 256; y++) {
            if (gf_mul((uint8_t)x, (uint8_t)y) == 1) {
                inv = (uint8_t)y;
                break;
            }
        }
        /* FIPS-197 5.1.1: b ^ rotl(b,1) ^ rotl(b,2) ^ rotl(b,3) ^ rotl(b,4) ^ 0x63 */
        s = inv;
        for (int i = 1; i <= 4; i++) {
            s ^= (uint8_t)((inv << i) | (inv >> (8 - i)));
        }
        s ^= 0x63;
        aes_sbox[x] = s;
        aes_inv_sbox[s] = (uint8_t)x;
    }
}

/* The state byte i is row i % 4, column i / 4 (the register holds the
 * state in the column-major order FIPS-197 3.4 uses for the input). */
void arm_aes_round(uint8_t st[16], const uint8_t key[16], bool decrypt)
{
    uint8_t t[16];

    for (int i = 0; i < 16; i++) {
        t[i] = st[i] ^ key[i];
    }
    for (int c = 0; c < 4; c++) {
        for (int r = 0; r < 4; r++) {
            if (decrypt) {
                /* InvShiftRows: row r moves right by r */
                st[((c + r) % 4) * 4 + r] = aes_inv_sbox[t[c * 4 + r]];
            } else {
                /* ShiftRows: row r moves left by r */
                st[c * 4 + r] = aes_sbox[t[((c + r) % 4) * 4 + r]];
            }
        }
    }
}

void arm_aes_mixcolumns(uint8_t st[16], bool inverse)
{
    static const uint8_t fwd[4] = { 2, 3, 1, 1 }, inv[4] = { 14, 11, 13, 9 };
    const uint8_t *m = inverse ? inv : fwd;

    for (int c = 0; c < 4; c++) {
        uint8_t s[4], *col = st + 4 * c;

        memcpy(s, col, 4);
        for (int r = 0; r < 4; r++) {
            col[r] = gf_mul(s[0], m[(4 - r) % 4]) ^ gf_mul(s[1], m[(5 - r) % 4]) ^
                     gf_mul(s[2], m[(6 - r) % 4]) ^ gf_mul(s[3], m[(7 - r) % 4]);
        }
    }
}

static void aes_round_helper(CPUARMState *env, uint32_t desc, bool decrypt)
{
    ARMVReg d = env->vregs[SIMD_RD(desc)], n = env->vregs[SIMD_RN(desc)];

    arm_aes_round((uint8_t *)&d, (const uint8_t *)&n, decrypt);
    env->vregs[SIMD_RD(desc)] = d;
}

static void aes_mix_helper(CPUARMState *env, uint32_t desc, bool inverse)
{
    ARMVReg n = env->vregs[SIMD_RN(desc)];

    arm_aes_mixcolumns((uint8_t *)&n, inverse);
    env->vregs[SIMD_RD(desc)] = n;
}

void helper_simd_aese(CPUARMState *env, uint32_t desc) { aes_round_helper(env, desc, false); }
void helper_simd_aesd(CPUARMState *env, uint32_t desc) { aes_round_helper(env, desc, true); }
void helper_simd_aesmc(CPUARMState *env, uint32_t desc) { aes_mix_helper(env, desc, false); }
void helper_simd_aesimc(CPUARMState *env, uint32_t desc) { aes_mix_helper(env, desc, true); }
SIMD_HELPER_INFO(aese)
SIMD_HELPER_INFO(aesd)
SIMD_HELPER_INFO(aesmc)
SIMD_HELPER_INFO(aesimc)

/* ---------------------------------------------------------------------- */
/* SHA-1 and SHA-256 (FIPS 180-4)                                          */

static inline uint32_t rol32(uint32_t x, int n)
{
    return n ? (x << n) | (x >> (32 - n)) : x;
}

static inline uint32_t ror32(uint32_t x, int n)
{
    return rol32(x, (32 - n) & 31);
}

static inline uint64_t ror64(uint64_t x, int n)
{
    return n ? (x >> n) | (x << (64 - n)) : x;
}

static inline uint32_t w32(const ARMVReg *v, int i)
{
    return (uint32_t)velt(v, i, 2);
}

static uint32_t sha_choose(uint32_t x, uint32_t y, uint32_t z)
{
    return ((y ^ z) & x) ^ z;
}

static uint32_t sha_parity(uint32_t x, uint32_t y, uint32_t z)
{
    return x ^ y ^ z;
}

static uint32_t sha_majority(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) | ((x | y) & z);
}

/* SHA1C/SHA1P/SHA1M: four rounds on X = Qd (a b c d), Y = Sn (e), W =
 * Vm (four schedule words plus constants). */
static void sha1_rounds(CPUARMState *env, uint32_t desc,
                        uint32_t (*f)(uint32_t, uint32_t, uint32_t))
{
    ARMVReg x = env->vregs[SIMD_RD(desc)], w = env->vregs[SIMD_RM(desc)];
    uint32_t y = w32(&env->vregs[SIMD_RN(desc)], 0);
    uint32_t xs[4] = { w32(&x, 0), w32(&x, 1), w32(&x, 2), w32(&x, 3) };

    for (int e = 0; e < 4; e++) {
        uint32_t t = f(xs[1], xs[2], xs[3]);
        uint32_t top;

        y = y + rol32(xs[0], 5) + t + w32(&w, e);
        xs[1] = rol32(xs[1], 30);
        /* <Y, X> = ROL(Y : X, 32) */
        top = xs[3];
        xs[3] = xs[2];
        xs[2] = xs[1];
        xs[1] = xs[0];
        xs[0] = y;
        y = top;
    }
    for (int i = 0; i < 4; i++) {
        vset(&x, i, 2, xs[i]);
    }
    env->vregs[SIMD_RD(desc)] = x;
}

void helper_simd_sha1c(CPUARMState *env, uint32_t desc) { sha1_rounds(env, desc, sha_choose); }
void helper_simd_sha1p(CPUARMState *env, uint32_t desc) { sha1_rounds(env, desc, sha_parity); }
void helper_simd_sha1m(CPUARMState *env, uint32_t desc) { sha1_rounds(env, desc, sha_majority); }
SIMD_HELPER_INFO(sha1c)
SIMD_HELPER_INFO(sha1p)
SIMD_HELPER_INFO(sha1m)

void helper_simd_sha1h(CPUARMState *env, uint32_t desc)
{
    ARMVReg r = { { rol32(w32(&env->vregs[SIMD_RN(desc)], 0), 30), 0 } };

    env->vregs[SIMD_RD(desc)] = r;
}
SIMD_HELPER_INFO(sha1h)

void helper_simd_sha1su0(CPUARMState *env, uint32_t desc)
{
    ARMVReg d = env->vregs[SIMD_RD(desc)], n = env->vregs[SIMD_RN(desc)];
    ARMVReg m = env->vregs[SIMD_RM(desc)], r;

    r.d[0] = d.d[1] ^ d.d[0] ^ m.d[0];
    r.d[1] = n.d[0] ^ d.d[1] ^ m.d[1];
    env->vregs[SIMD_RD(desc)] = r;
}
SIMD_HELPER_INFO(sha1su0)

void helper_simd_sha1su1(CPUARMState *env, uint32_t desc)
{
    ARMVReg x = env->vregs[SIMD_RD(desc)], y = env->vregs[SIMD_RN(desc)], r;
    uint32_t t[4];

    /* T = X EOR LSR(Y, 32) */
    t[0] = w32(&x, 0) ^ w32(&y, 1);
    t[1] = w32(&x, 1) ^ w32(&y, 2);
    t[2] = w32(&x, 2) ^ w32(&y, 3);
    t[3] = w32(&x, 3);
    vset(&r, 0, 2, rol32(t[0], 1));
    vset(&r, 1, 2, rol32(t[1], 1));
    vset(&r, 2, 2, rol32(t[2], 1));
    vset(&r, 3, 2, rol32(t[3], 1) ^ rol32(t[0], 2));
    env->vregs[SIMD_RD(desc)] = r;
}
SIMD_HELPER_INFO(sha1su1)

/* SHA256hash(X, Y, W, part1) of the Arm ARM. */
static ARMVReg sha256_hash(ARMVReg xv, ARMVReg yv, ARMVReg w, bool part1)
{
    uint32_t x[4], y[4];
    ARMVReg r;

    for (int i = 0; i < 4; i++) {
        x[i] = w32(&xv, i);
        y[i] = w32(&yv, i);
    }
    for (int e = 0; e < 4; e++) {
        uint32_t chs = sha_choose(y[0], y[1], y[2]);
        uint32_t maj = sha_majority(x[0], x[1], x[2]);
        uint32_t s1 = ror32(y[0], 6) ^ ror32(y[0], 11) ^ ror32(y[0], 25);
        uint32_t s0 = ror32(x[0], 2) ^ ror32(x[0], 13) ^ ror32(x[0], 22);
        uint32_t t = y[3] + s1 + chs + w32(&w, e);
        uint32_t xtop, ytop;

        x[3] = t + x[3];
        y[3] = t + s0 + maj;
        /* <Y, X> = ROL(Y : X, 32) */
        xtop = x[3];
        ytop = y[3];
        x[3] = x[2]; x[2] = x[1]; x[1] = x[0]; x[0] = ytop;
        y[3] = y[2]; y[2] = y[1]; y[1] = y[0]; y[0] = xtop;
    }
    for (int i = 0; i < 4; i++) {
        vset(&r, i, 2, part1 ? x[i] : y[i]);
    }
    return r;
}

void helper_simd_sha256h(CPUARMState *env, uint32_t desc)
{
    env->vregs[SIMD_RD(desc)] = sha256_hash(env->vregs[SIMD_RD(desc)],
                                            env->vregs[SIMD_RN(desc)],
                                            env->vregs[SIMD_RM(desc)], true);
}

void helper_simd_sha256h2(CPUARMState *env, uint32_t desc)
{
    env->vregs[SIMD_RD(desc)] = sha256_hash(env->vregs[SIMD_RN(desc)],
                                            env->vregs[SIMD_RD(desc)],
                                            env->vregs[SIMD_RM(desc)], false);
}
SIMD_HELPER_INFO(sha256h)
SIMD_HELPER_INFO(sha256h2)

void helper_simd_sha256su0(CPUARMState *env, uint32_t desc)
{
    ARMVReg d = env->vregs[SIMD_RD(desc)], n = env->vregs[SIMD_RN(desc)], r;
    /* T = operand2<31:0> : operand1<127:32> */
    uint32_t t[4] = { w32(&d, 1), w32(&d, 2), w32(&d, 3), w32(&n, 0) };

    for (int e = 0; e < 4; e++) {
        uint32_t elt = ror32(t[e], 7) ^ ror32(t[e], 18) ^ (t[e] >> 3);
        vset(&r, e, 2, elt + w32(&d, e));
    }
    env->vregs[SIMD_RD(desc)] = r;
}
SIMD_HELPER_INFO(sha256su0)

void helper_simd_sha256su1(CPUARMState *env, uint32_t desc)
{
    ARMVReg d = env->vregs[SIMD_RD(desc)], n = env->vregs[SIMD_RN(desc)];
    ARMVReg m = env->vregs[SIMD_RM(desc)];
    /* T0 = operand3<31:0> : operand2<127:32>; T1 = operand3<127:64> */
    uint32_t t0[4] = { w32(&n, 1), w32(&n, 2), w32(&n, 3), w32(&m, 0) };
    uint32_t t1[2] = { w32(&m, 2), w32(&m, 3) };
    uint32_t r[4];
    ARMVReg out;

    for (int e = 0; e < 4; e++) {
        uint32_t x = e < 2 ? t1[e] : r[e - 2];
        uint32_t elt = ror32(x, 17) ^ ror32(x, 19) ^ (x >> 10);
        r[e] = elt + w32(&d, e) + t0[e];
    }
    for (int e = 0; e < 4; e++) {
        vset(&out, e, 2, r[e]);
    }
    env->vregs[SIMD_RD(desc)] = out;
}
SIMD_HELPER_INFO(sha256su1)

/* ---------------------------------------------------------------------- */
/* SHA-512                                                                 */

void helper_simd_sha512h(CPUARMState *env, uint32_t desc)
{
    ARMVReg x = env->vregs[SIMD_RN(desc)], y = env->vregs[SIMD_RM(desc)];
    ARMVReg w = env->vregs[SIMD_RD(desc)], r;
    uint64_t s1, tmp;

    s1 = ror64(y.d[1], 14) ^ ror64(y.d[1], 18) ^ ror64(y.d[1], 41);
    r.d[1] = (y.d[1] & x.d[0]) ^ (~y.d[1] & x.d[1]);
    r.d[1] = r.d[1] + s1 + w.d[1];
    tmp = r.d[1] + y.d[0];
    s1 = ror64(tmp, 14) ^ ror64(tmp, 18) ^ ror64(tmp, 41);
    r.d[0] = (tmp & y.d[1]) ^ (~tmp & x.d[0]);
    r.d[0] = r.d[0] + s1 + w.d[0];
    env->vregs[SIMD_RD(desc)] = r;
}
SIMD_HELPER_INFO(sha512h)

void helper_simd_sha512h2(CPUARMState *env, uint32_t desc)
{
    ARMVReg x = env->vregs[SIMD_RN(desc)], y = env->vregs[SIMD_RM(desc)];
    ARMVReg w = env->vregs[SIMD_RD(desc)], r;
    uint64_t s0;

    s0 = ror64(y.d[0], 28) ^ ror64(y.d[0], 34) ^ ror64(y.d[0], 39);
    r.d[1] = (x.d[0] & y.d[1]) ^ (x.d[0] & y.d[0]) ^ (y.d[1] & y.d[0]);
    r.d[1] = r.d[1] + s0 + w.d[1];
    s0 = ror64(r.d[1], 28) ^ ror64(r.d[1], 34) ^ ror64(r.d[1], 39);
    r.d[0] = (r.d[1] & y.d[0]) ^ (r.d[1] & y.d[1]) ^ (y.d[1] & y.d[0]);
    r.d[0] = r.d[0] + s0 + w.d[0];
    env->vregs[SIMD_RD(desc)] = r;
}
SIMD_HELPER_INFO(sha512h2)

void helper_simd_sha512su0(CPUARMState *env, uint32_t desc)
{
    ARMVReg w = env->vregs[SIMD_RN(desc)], x = env->vregs[SIMD_RD(desc)], r;
    uint64_t s0;

    s0 = ror64(x.d[1], 1) ^ ror64(x.d[1], 8) ^ (x.d[1] >> 7);
    r.d[0] = x.d[0] + s0;
    s0 = ror64(w.d[0], 1) ^ ror64(w.d[0], 8) ^ (w.d[0] >> 7);
    r.d[1] = x.d[1] + s0;
    env->vregs[SIMD_RD(desc)] = r;
}
SIMD_HELPER_INFO(sha512su0)

void helper_simd_sha512su1(CPUARMState *env, uint32_t desc)
{
    ARMVReg x = env->vregs[SIMD_RN(desc)], y = env->vregs[SIMD_RM(desc)];
    ARMVReg w = env->vregs[SIMD_RD(desc)], r;
    uint64_t s1;

    s1 = ror64(x.d[1], 19) ^ ror64(x.d[1], 61) ^ (x.d[1] >> 6);
    r.d[1] = w.d[1] + s1 + y.d[1];
    s1 = ror64(x.d[0], 19) ^ ror64(x.d[0], 61) ^ (x.d[0] >> 6);
    r.d[0] = w.d[0] + s1 + y.d[0];
    env->vregs[SIMD_RD(desc)] = r;
}
SIMD_HELPER_INFO(sha512su1)

/* ---------------------------------------------------------------------- */
/* SHA-3 helpers                                                           */

void helper_simd_eor3(CPUARMState *env, uint32_t desc)
{
    ARMVReg n = env->vregs[SIMD_RN(desc)], m = env->vregs[SIMD_RM(desc)];
    ARMVReg a = env->vregs[SIMD_RA(desc)], r;

    for (int i = 0; i < 2; i++) {
        r.d[i] = n.d[i] ^ m.d[i] ^ a.d[i];
    }
    env->vregs[SIMD_RD(desc)] = r;
}
SIMD_HELPER_INFO(eor3)

void helper_simd_bcax(CPUARMState *env, uint32_t desc)
{
    ARMVReg n = env->vregs[SIMD_RN(desc)], m = env->vregs[SIMD_RM(desc)];
    ARMVReg a = env->vregs[SIMD_RA(desc)], r;

    for (int i = 0; i < 2; i++) {
        r.d[i] = n.d[i] ^ (m.d[i] & ~a.d[i]);
    }
    env->vregs[SIMD_RD(desc)] = r;
}
SIMD_HELPER_INFO(bcax)

void helper_simd_rax1(CPUARMState *env, uint32_t desc)
{
    ARMVReg n = env->vregs[SIMD_RN(desc)], m = env->vregs[SIMD_RM(desc)], r;

    for (int i = 0; i < 2; i++) {
        r.d[i] = n.d[i] ^ ror64(m.d[i], 63);
    }
    env->vregs[SIMD_RD(desc)] = r;
}
SIMD_HELPER_INFO(rax1)

/* XAR: data = the rotate amount (imm6). */
void helper_simd_xar(CPUARMState *env, uint32_t desc)
{
    ARMVReg n = env->vregs[SIMD_RN(desc)], m = env->vregs[SIMD_RM(desc)], r;

    for (int i = 0; i < 2; i++) {
        r.d[i] = ror64(n.d[i] ^ m.d[i], SIMD_DATA(desc) & 63);
    }
    env->vregs[SIMD_RD(desc)] = r;
}
SIMD_HELPER_INFO(xar)
