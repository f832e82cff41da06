/*
 * test-atomic.c — A64 exclusives and atomics (Arm ARM B2.9, C6.2):
 * LDXR/STXR success and failure, acquire/release and byte/halfword forms,
 * LDXP/STXP (W and X pairs), the alignment fault of a misaligned
 * exclusive, and the FEAT_LSE atomics: LD<op>/ST<op>, SWP, CAS, CASP.
 */
#include "test.h"

static u64 mem[8] __attribute__((aligned(64)));

static void test_exclusive(void)
{
    u64 v, st;

    mem[0] = 41;
    __asm__ volatile("ldxr %0, [%2]\n\tadd %0, %0, #1\n\tstxr %w1, %0, [%2]"
                     : "=&r"(v), "=&r"(st) : "r"(mem) : "memory");
    CHECK("ldxr-stxr-status", st, 0);
    CHECK("ldxr-stxr-value", mem[0], 42);
    __asm__ volatile("clrex\n\tstxr %w0, %1, [%2]" : "=&r"(st) : "r"(7ul), "r"(mem)
                     : "memory");
    CHECK("stxr-after-clrex-fails", st, 1);
    CHECK("stxr-after-clrex-unchanged", mem[0], 42);
    __asm__ volatile("ldaxr %0, [%2]\n\tstlxr %w1, %3, [%2]\n\tstxr %w1, %3, [%2]"
                     : "=&r"(v), "=&r"(st) : "r"(mem), "r"(9ul) : "memory");
    CHECK("second-stxr-fails", st, 1);
    CHECK("stlxr-value", mem[0], 9);
    mem[1] = 0x1122334455667788;
    __asm__ volatile("ldxrb %w0, [%2]\n\tstxrb %w1, %w3, [%2]"
                     : "=&r"(v), "=&r"(st) : "r"((u8 *)&mem[1] + 1), "r"(0xaa) : "memory");
    CHECK("ldxrb", v, 0x77);
    CHECK("stxrb", mem[1], 0x112233445566aa88);
    __asm__ volatile("ldaxrh %w0, [%2]\n\tstlxrh %w1, %w3, [%2]"
                     : "=&r"(v), "=&r"(st) : "r"((u8 *)&mem[1] + 6), "r"(0xbbcc) : "memory");
    CHECK("ldaxrh", v, 0x1122);
    CHECK("stlxrh", mem[1], 0xbbcc33445566aa88);
    {
        u64 a, b;

        mem[2] = 1;
        mem[3] = 2;
        __asm__ volatile("ldxp %0, %1, [%3]\n\tadd %0, %0, #10\n\tadd %1, %1, #20\n\t"
                         "stxp %w2, %0, %1, [%3]"
                         : "=&r"(a), "=&r"(b), "=&r"(st) : "r"(&mem[2]) : "memory");
        CHECK("ldxp-stxp-status", st, 0);
        CHECK("stxp-lo", mem[2], 11);
        CHECK("stxp-hi", mem[3], 22);
        __asm__ volatile("ldaxp %w0, %w1, [%3]\n\tstlxp %w2, %w1, %w0, [%3]"
                         : "=&r"(a), "=&r"(b), "=&r"(st) : "r"(&mem[4]) : "memory");
        CHECK("ldxp-w-status", st, 0);
        mem[4] = 0x0000000200000001;
        __asm__ volatile("ldxp %w0, %w1, [%3]\n\tstxp %w2, %w1, %w0, [%3]"
                         : "=&r"(a), "=&r"(b), "=&r"(st) : "r"(&mem[4]) : "memory");
        CHECK("ldxp-w-lo", a, 1);
        CHECK("ldxp-w-hi", b, 2);
        CHECK("stxp-w-swapped", mem[4], 0x0000000100000002);
    }
    /* A misaligned exclusive: alignment fault (DFSC 0b100001). */
    {
        int n = exc_count();

        expect_exception(EXC_SKIP);
        __asm__ volatile("ldxr %0, [%1]" : "=r"(v) : "r"((u8 *)mem + 4) : "memory");
        CHECK("ldxr-misaligned-faults", exc_count(), n + 1);
        CHECK("ldxr-misaligned-ec", last_exc.esr >> 26, 0x25);
        CHECK("ldxr-misaligned-dfsc", last_exc.esr & 0x3f, 0x21);
        CHECK("ldxr-misaligned-far", last_exc.far, (u64)mem + 4);
    }
}

static void test_lse(void)
{
    u64 old;

    if (((READ_SYSREG(id_aa64isar0_el1) >> 20) & 0xf) < 2) {
        puts_("SKIP lse: not advertised\n");
        return;
    }
    mem[0] = 10;
    __asm__ volatile("ldadd %1, %0, [%2]" : "=&r"(old) : "r"(5ul), "r"(mem) : "memory");
    CHECK("ldadd-old", old, 10);
    CHECK("ldadd-new", mem[0], 15);
    __asm__ volatile("ldclral %1, %0, [%2]" : "=&r"(old) : "r"(0x5ul), "r"(mem) : "memory");
    CHECK("ldclr", mem[0], 10);
    __asm__ volatile("ldeora %1, %0, [%2]" : "=&r"(old) : "r"(0xfful), "r"(mem) : "memory");
    CHECK("ldeor", mem[0], 0xf5);
    __asm__ volatile("ldsetl %1, %0, [%2]" : "=&r"(old) : "r"(0x100ul), "r"(mem) : "memory");
    CHECK("ldset", mem[0], 0x1f5);
    mem[0] = (u64)-5;
    __asm__ volatile("ldsmax %1, %0, [%2]" : "=&r"(old) : "r"(3ul), "r"(mem) : "memory");
    CHECK("ldsmax", mem[0], 3);
    __asm__ volatile("ldsmin %1, %0, [%2]" : "=&r"(old) : "r"((u64)-7), "r"(mem) : "memory");
    CHECK("ldsmin", mem[0], (u64)-7);
    __asm__ volatile("ldumin %1, %0, [%2]" : "=&r"(old) : "r"(3ul), "r"(mem) : "memory");
    CHECK("ldumin", mem[0], 3);
    __asm__ volatile("ldumax %1, %0, [%2]" : "=&r"(old) : "r"(2ul), "r"(mem) : "memory");
    CHECK("ldumax", mem[0], 3);
    __asm__ volatile("swpal %1, %0, [%2]" : "=&r"(old) : "r"(77ul), "r"(mem) : "memory");
    CHECK("swp-old", old, 3);
    CHECK("swp-new", mem[0], 77);
    __asm__ volatile("stadd %0, [%1]" :: "r"(3ul), "r"(mem) : "memory");
    CHECK("stadd", mem[0], 80);
    /* Sub-word: the register gets the zero-extended old value; the signed
     * comparison uses the sign of the byte. */
    mem[1] = 0x00000000000000f0;
    __asm__ volatile("ldsmaxb %w1, %w0, [%2]" : "=&r"(old) : "r"(0x10), "r"(&mem[1])
                     : "memory");
    CHECK("ldsmaxb-old-zext", old, 0xf0);
    CHECK("ldsmaxb-new", mem[1], 0x10);
    __asm__ volatile("ldaddh %w1, %w0, [%2]" : "=&r"(old) : "r"(0xffff), "r"(&mem[1])
                     : "memory");
    CHECK("ldaddh-wraps", mem[1], 0x0f);
    /* CAS */
    mem[2] = 100;
    old = 100;
    __asm__ volatile("cas %0, %1, [%2]" : "+r"(old) : "r"(200ul), "r"(&mem[2]) : "memory");
    CHECK("cas-hit-old", old, 100);
    CHECK("cas-hit-new", mem[2], 200);
    old = 100;
    __asm__ volatile("casal %0, %1, [%2]" : "+r"(old) : "r"(300ul), "r"(&mem[2]) : "memory");
    CHECK("cas-miss-old", old, 200);
    CHECK("cas-miss-unchanged", mem[2], 200);
    old = 0xffffff00 | (u8)200;
    __asm__ volatile("casb %w0, %w1, [%2]" : "+r"(old) : "r"(1), "r"(&mem[2]) : "memory");
    CHECK("casb-compares-low-byte", mem[2], 1);
    CHECK("casb-old", old, 200);
    /* CASP: X and W pairs (even register pairs, written in one block so
     * that the compiler does not move them). */
    {
        static u64 res[4];

        mem[4] = 1;
        mem[5] = 2;
        __asm__ volatile("mov x0, #1\n\tmov x1, #2\n\tmov x2, #3\n\tmov x3, #4\n\t"
                         "casp x0, x1, x2, x3, [%0]\n\tstp x0, x1, [%1]\n\t"
                         "mov x0, #1\n\tmov x1, #2\n\t"
                         "caspal x0, x1, x2, x3, [%0]\n\tstp x0, x1, [%1, #16]"
                         :: "r"(&mem[4]), "r"(res) : "x0", "x1", "x2", "x3", "memory");
        CHECK("casp-hit-old", res[0] | (res[1] << 8), 0x201);
        CHECK("casp-hit-new", mem[4] | (mem[5] << 8), 0x403);
        CHECK("casp-miss-old", res[2] | (res[3] << 8), 0x403);
        /* The W pair compares against mem[4] = 3:0. */
        __asm__ volatile("mov x0, #3\n\tmov x1, #0\n\tmov x2, #3\n\tmov x3, #4\n\t"
                         "casp w0, w1, w2, w3, [%0]"
                         :: "r"(&mem[4]) : "x0", "x1", "x2", "x3", "memory");
        CHECK("casp-w-hit", mem[4], 0x0000000400000003);
    }
}

int main(void)
{
    test_exclusive();
    test_lse();
    return 0;
}
