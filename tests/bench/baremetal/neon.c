/*
 * neon.c — SIMD memory workload: memset and memcpy written with Advanced
 * SIMD intrinsics (64 bytes per iteration through four Q registers) over
 * 64 MiB buffers, then a vector XOR fold of the result. Exercises 128-bit
 * loads and stores and the emulator's vector register handling.
 */
#include <arm_neon.h>
#include "bench.h"

#define BUF_SIZE (64ul << 20)
#ifndef NEON_ROUNDS
#define NEON_ROUNDS 45
#endif

static void neon_memset(uint8_t *d, uint8_t v, size_t n)
{
    uint8x16_t x = vdupq_n_u8(v);

    for (size_t i = 0; i < n; i += 64) {
        vst1q_u8(d + i, x);
        vst1q_u8(d + i + 16, x);
        vst1q_u8(d + i + 32, x);
        vst1q_u8(d + i + 48, x);
    }
}

static void neon_memcpy(uint8_t *d, const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i += 64) {
        uint8x16x4_t v = vld1q_u8_x4(s + i);

        vst1q_u8_x4(d + i, v);
    }
}

static uint64_t neon_fold(const uint8_t *s, size_t n)
{
    uint64x2_t acc = vdupq_n_u64(0);

    for (size_t i = 0; i < n; i += 32) {
        uint64x2_t x = vreinterpretq_u64_u8(vld1q_u8(s + i));
        uint64x2_t y = vreinterpretq_u64_u8(vld1q_u8(s + i + 16));

        /* Rotating the accumulator makes the fold position-dependent. */
        acc = veorq_u64(vorrq_u64(vshlq_n_u64(acc, 1), vshrq_n_u64(acc, 63)),
                        veorq_u64(x, y));
    }
    return vgetq_lane_u64(acc, 0) ^ (vgetq_lane_u64(acc, 1) * 3);
}

int main(void)
{
    uint8_t *src = bench_alloc(BUF_SIZE, 0x200000);
    uint8_t *dst = bench_alloc(BUF_SIZE, 0x200000);
    uint64_t seed = 5, h = 0;

    for (size_t i = 0; i < BUF_SIZE / 8; i++) {
        ((uint64_t *)src)[i] = bench_rand(&seed);
    }
    for (int r = 0; r < NEON_ROUNDS; r++) {
        neon_memset(dst, (uint8_t)r, BUF_SIZE);
        h = h * 31 + dst[(size_t)r * 4099 % BUF_SIZE];
        neon_memcpy(dst, src, BUF_SIZE);
        src[(size_t)r * 65537 % BUF_SIZE] ^= (uint8_t)(r + 1);
    }
    if (memcmp(dst + 4096, src + 4096, 4096)) {
        bench_fail("copy differs from its source");
    }
    h ^= neon_fold(dst, BUF_SIZE);
    bench_result("neon", h);
    return 0;
}
