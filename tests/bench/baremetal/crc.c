/*
 * crc.c — integer ALU workload: table-driven CRC-32 (the IEEE 802.3
 * polynomial, reflected) and a 64-bit multiply-rotate hash, each over a
 * 1 MiB buffer, many passes. Exercises loads, shifts, xors, multiplies.
 */
#include "bench.h"

#ifndef CRC_PASSES
#define CRC_PASSES 560
#endif
#define BUF_SIZE (1u << 20)

static uint32_t crc_table[256];

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;

        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        }
        crc_table[i] = c;
    }
}

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n--) {
        crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    }
    return ~crc;
}

static uint64_t rotl(uint64_t v, int r)
{
    return (v << r) | (v >> (64 - r));
}

static uint64_t hash64(uint64_t h, const uint64_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= rotl(p[i] * 0x87c37b91114253d5ull, 31) * 0x4cf5ad432745937full;
        h = rotl(h, 27) * 5 + 0x52dce729;
    }
    return h;
}

int main(void)
{
    uint8_t *buf = bench_alloc(BUF_SIZE, 4096);
    uint64_t seed = 42, h = 0;
    uint32_t crc = 0;

    /* Known-answer check of the CRC: "123456789" -> 0xcbf43926. */
    crc_init();
    if (crc32_update(0, (const uint8_t *)"123456789", 9) != 0xcbf43926u) {
        bench_fail("crc32 known answer");
    }
    for (size_t i = 0; i < BUF_SIZE / 8; i++) {
        ((uint64_t *)buf)[i] = bench_rand(&seed);
    }
    for (int pass = 0; pass < CRC_PASSES; pass++) {
        crc = crc32_update(crc, buf, BUF_SIZE);
        h = hash64(h + crc, (const uint64_t *)buf, BUF_SIZE / 8);
        buf[pass] ^= (uint8_t)h;        /* each pass sees different data */
    }
    bench_result("crc", ((uint64_t)crc << 32) ^ h);
    return 0;
}
