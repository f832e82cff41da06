/*
 * a64-case.h — the case and result file formats of the A64 differential
 * test (tests/diff), shared by the runners: the oracle (a freestanding
 * aarch64 Linux program run by qemu-aarch64) and Turtle's runners.
 *
 * Case file (little-endian), written by a64gen.py:
 *   u32 magic 'A64C', u32 ncases
 *   per case: u32 nwords, u32 reserved, u64 x[31], u64 nzcv,
 *             u8 v[32][16], u8 sandbox[4096], u32 code[nwords],
 *             padded to 8 bytes
 * Result file, per case: u64 status (0 = ran to the end, else the signal
 *   or exception that stopped it), u8 state[1024] (the state area the
 *   epilogue wrote: x0-x30, nzcv at 248, v0-v31 at 272), u8 sandbox[4096].
 *
 * The code runs at A64_CODE_BASE with SP = A64_STATE_BASE and returns
 * through the address at state + A64_OFF_RET.
 */
#ifndef TURTLE_TESTS_DIFF_A64_CASE_H
#define TURTLE_TESTS_DIFF_A64_CASE_H

#define A64_CASE_MAGIC   0x43343641u
#define A64_CODE_BASE    0x40200000ull
#define A64_CODE_SIZE    0x100000ull
#define A64_DATA_BASE    0x40300000ull
#define A64_DATA_SIZE    0x20000ull
#define A64_SANDBOX_SIZE 4096u
#define A64_STATE_BASE   (A64_DATA_BASE + 0x10000ull)
#define A64_STATE_SIZE   1024u
#define A64_OFF_NZCV     248u
#define A64_OFF_RET      256u
#define A64_OFF_V        272u

typedef struct A64CaseHeader {
    unsigned int nwords;
    unsigned int reserved;
    unsigned long long x[31];
    unsigned long long nzcv;
    unsigned char v[32][16];
    unsigned char sandbox[A64_SANDBOX_SIZE];
} A64CaseHeader;

#endif
