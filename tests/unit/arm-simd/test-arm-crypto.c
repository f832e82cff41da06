/*
 * test-arm-crypto.c — the A64 crypto helpers (target/arm/helper-crypto.c)
 * against FIPS test vectors: AES-128 encryption and decryption (FIPS-197
 * Appendix B), and SHA-1 / SHA-256 / SHA-512 of "abc" (FIPS 180-4
 * examples), each computed with the instruction sequences software uses
 * (AESE+AESMC rounds, SHA256H/H2 with SHA256SU0/SU1 schedule, ...).
 */
#include "util/osdep.h"
#include "target/arm/vec-internal.h"

void arm_crypto_tests_register(void);

static uint32_t d3(int rd, int rn, int rm)
{
    return simd_desc(rd, rn, rm, 0, 0, true, false, 0);
}

/* ---------------------------------------------------------------------- */
/* AES                                                                     */

static const uint8_t sbox_check[4] = { 0x63, 0x7c, 0x77, 0x7b };

/* FIPS-197 5.2 key expansion (AES-128), written independently of the
 * helper (it needs SubWord: taken from AESE with a zero key, which
 * applies SubBytes after ShiftRows to a state whose columns are equal). */
static void aes_expand(CPUARMState *env, const uint8_t key[16], uint8_t rk[11][16])
{
    static const uint8_t rcon[10] = { 1, 2, 4, 8, 16, 32, 64, 128, 0x1b, 0x36 };

    memcpy(rk[0], key, 16);
    for (int r = 1; r <= 10; r++) {
        uint8_t t[4], w[16];

        /* RotWord of the last word, then SubWord through AESE: put the
         * word in all four columns so ShiftRows leaves it in place. */
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 4; i++) {
                w[c * 4 + i] = rk[r - 1][12 + (i + 1) % 4];
            }
        }
        memcpy(&env->vregs[0], w, 16);
        memset(&env->vregs[1], 0, 16);
        helper_simd_aese(env, d3(0, 1, 0));
        memcpy(t, &env->vregs[0], 4);
        t[0] ^= rcon[r - 1];
        for (int i = 0; i < 16; i++) {
            uint8_t prev = i < 4 ? t[i] : rk[r][i - 4];
            rk[r][i] = rk[r - 1][i] ^ prev;
        }
    }
}

static void test_aes(void)
{
    static const uint8_t key[16] = {
        0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
        0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
    };
    static const uint8_t pt[16] = {
        0x32, 0x43, 0xf6, 0xa8, 0x88, 0x5a, 0x30, 0x8d,
        0x31, 0x31, 0x98, 0xa2, 0xe0, 0x37, 0x07, 0x34,
    };
    static const uint8_t ct[16] = {
        0x39, 0x25, 0x84, 0x1d, 0x02, 0xdc, 0x09, 0xfb,
        0xdc, 0x11, 0x85, 0x97, 0x19, 0x6a, 0x0b, 0x32,
    };
    CPUARMState *env = g_new0(CPUARMState, 1);
    uint8_t rk[11][16], out[16];

    /* SubBytes of 0, 1, 2, 3 (AESE with zero state and key: ShiftRows of
     * an all-equal row is the identity). */
    for (int i = 0; i < 4; i++) {
        memset(&env->vregs[0], i, 16);
        memset(&env->vregs[1], 0, 16);
        helper_simd_aese(env, d3(0, 1, 0));
        g_assert_cmphex(((uint8_t *)&env->vregs[0])[0], ==, sbox_check[i]);
    }
    aes_expand(env, key, rk);
    /* FIPS-197 A.1: the last round key */
    g_assert_cmphex(rk[10][0], ==, 0xd0);
    g_assert_cmphex(rk[10][15], ==, 0xa6);

    /* Encrypt: 9 x (AESE, AESMC), AESE, EOR with the last key. */
    memcpy(&env->vregs[0], pt, 16);
    for (int r = 0; r < 10; r++) {
        memcpy(&env->vregs[1], rk[r], 16);
        helper_simd_aese(env, d3(0, 1, 0));
        if (r < 9) {
            helper_simd_aesmc(env, d3(0, 0, 0));
        }
    }
    memcpy(out, &env->vregs[0], 16);
    for (int i = 0; i < 16; i++) {
        out[i] ^= rk[10][i];
    }
    g_assert_cmpmem(out, 16, ct, 16);

    /* Decrypt (equivalent inverse cipher): AESD with the last key, then
     * AESIMC + AESD with InvMixColumns of each middle key. */
    memcpy(&env->vregs[0], ct, 16);
    memcpy(&env->vregs[1], rk[10], 16);
    helper_simd_aesd(env, d3(0, 1, 0));
    for (int r = 9; r >= 1; r--) {
        helper_simd_aesimc(env, d3(0, 0, 0));
        memcpy(&env->vregs[2], rk[r], 16);
        helper_simd_aesimc(env, d3(1, 2, 0));
        helper_simd_aesd(env, d3(0, 1, 0));
    }
    memcpy(out, &env->vregs[0], 16);
    for (int i = 0; i < 16; i++) {
        out[i] ^= rk[0][i];
    }
    g_assert_cmpmem(out, 16, pt, 16);
    g_free(env);
}

/* ---------------------------------------------------------------------- */
/* SHA-1, SHA-256                                                          */

/* The padded one-block message "abc" as big-endian 32-bit words. */
static void abc_block32(uint32_t w[16])
{
    memset(w, 0, 64);
    w[0] = 0x61626380;
    w[15] = 24;
}

static void set_words(CPUARMState *env, int r, const uint32_t *w)
{
    for (int i = 0; i < 4; i++) {
        vset(&env->vregs[r], i, 2, w[i]);
    }
}

static void test_sha1(void)
{
    static const uint32_t h0[5] = {
        0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0,
    };
    static const uint32_t k[4] = { 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6 };
    static const uint32_t expect[5] = {
        0xa9993e36, 0x4706816a, 0xba3e2571, 0x7850c26c, 0x9cd0d89d,
    };
    CPUARMState *env = g_new0(CPUARMState, 1);
    uint32_t w[16];

    abc_block32(w);
    /* v0 = abcd, v1 = e, v4..v7 = message schedule, v2 = wk, v3 = next e */
    set_words(env, 0, h0);
    env->vregs[1].d[0] = h0[4];
    for (int i = 0; i < 4; i++) {
        set_words(env, 4 + i, w + 4 * i);
    }
    for (int g = 0; g < 20; g++) {
        int wr = 4 + g % 4;

        for (int i = 0; i < 4; i++) {
            vset(&env->vregs[2], i, 2, (uint32_t)velt(&env->vregs[wr], i, 2) + k[g / 5]);
        }
        helper_simd_sha1h(env, d3(3, 0, 0));
        if (g < 5) {
            helper_simd_sha1c(env, d3(0, 1, 2));
        } else if (g < 10 || g >= 15) {
            helper_simd_sha1p(env, d3(0, 1, 2));
        } else {
            helper_simd_sha1m(env, d3(0, 1, 2));
        }
        env->vregs[1] = env->vregs[3];
        if (g < 16) {
            helper_simd_sha1su0(env, d3(wr, 4 + (g + 1) % 4, 4 + (g + 2) % 4));
            helper_simd_sha1su1(env, d3(wr, 4 + (g + 3) % 4, 0));
        }
    }
    for (int i = 0; i < 4; i++) {
        g_assert_cmphex((uint32_t)velt(&env->vregs[0], i, 2) + h0[i], ==, expect[i]);
    }
    g_assert_cmphex((uint32_t)velt(&env->vregs[1], 0, 2) + h0[4], ==, expect[4]);
    g_free(env);
}

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static void test_sha256(void)
{
    static const uint32_t h0[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    static const uint32_t expect[8] = {
        0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
        0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad,
    };
    CPUARMState *env = g_new0(CPUARMState, 1);
    uint32_t w[16];

    abc_block32(w);
    /* v0 = abcd, v1 = efgh, v2 = wk, v3 = saved abcd, v4..v7 schedule */
    set_words(env, 0, h0);
    set_words(env, 1, h0 + 4);
    for (int i = 0; i < 4; i++) {
        set_words(env, 4 + i, w + 4 * i);
    }
    for (int g = 0; g < 16; g++) {
        int wr = 4 + g % 4;

        for (int i = 0; i < 4; i++) {
            vset(&env->vregs[2], i, 2,
                 (uint32_t)velt(&env->vregs[wr], i, 2) + sha256_k[4 * g + i]);
        }
        if (g < 12) {
            helper_simd_sha256su0(env, d3(wr, 4 + (g + 1) % 4, 0));
        }
        env->vregs[3] = env->vregs[0];
        helper_simd_sha256h(env, d3(0, 1, 2));
        helper_simd_sha256h2(env, d3(1, 3, 2));
        if (g < 12) {
            helper_simd_sha256su1(env, d3(wr, 4 + (g + 2) % 4, 4 + (g + 3) % 4));
        }
    }
    for (int i = 0; i < 4; i++) {
        g_assert_cmphex((uint32_t)velt(&env->vregs[0], i, 2) + h0[i], ==, expect[i]);
        g_assert_cmphex((uint32_t)velt(&env->vregs[1], i, 2) + h0[4 + i], ==,
                        expect[4 + i]);
    }
    g_free(env);
}

/* ---------------------------------------------------------------------- */
/* SHA-3 helpers                                                           */

static void test_sha3(void)
{
    CPUARMState *env = g_new0(CPUARMState, 1);

    env->vregs[1].d[0] = 0xf0f0;
    env->vregs[2].d[0] = 0xff00;
    env->vregs[3].d[0] = 0x0ff0;
    helper_simd_eor3(env, simd_desc(0, 1, 2, 3, 0, true, false, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0xf0f0 ^ 0xff00 ^ 0x0ff0);
    helper_simd_bcax(env, simd_desc(0, 1, 2, 3, 0, true, false, 0));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0xf0f0 ^ (0xff00 & ~0x0ff0ull));
    env->vregs[2].d[1] = 0x8000000000000001ull;
    helper_simd_rax1(env, d3(0, 1, 2));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0xf0f0 ^ 0x1fe00);
    g_assert_cmphex(env->vregs[0].d[1], ==, 3);
    helper_simd_xar(env, simd_desc(0, 1, 2, 0, 0, true, false, 4));
    g_assert_cmphex(env->vregs[0].d[0], ==, 0x0ff0ull >> 4);
    g_assert_cmphex(env->vregs[0].d[1], ==, 0x1800000000000000ull);
    g_free(env);
}

void arm_crypto_tests_register(void)
{
    g_test_add_func("/arm-simd/crypto/aes", test_aes);
    g_test_add_func("/arm-simd/crypto/sha1", test_sha1);
    g_test_add_func("/arm-simd/crypto/sha256", test_sha256);
    g_test_add_func("/arm-simd/crypto/sha3", test_sha3);
}
