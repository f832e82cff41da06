/*
 * test-branch.c — A64 branches (Arm ARM C6.2): B.cond for every condition
 * against all 16 NZCV values (ConditionHolds, C1.2.4), CBZ/CBNZ and
 * TBZ/TBNZ on W and X registers, B/BL, BR/BLR/RET and the link register.
 */
#include "test.h"

#define BCOND(name, idx) \
    static void test_b_##name(void) \
    { \
        int bad = 0; \
        for (unsigned f = 0; f < 16; f++) { \
            u64 r; \
            __asm__ volatile("msr nzcv, %1\n\tb." #name " 1f\n\tmov %0, #0\n\tb 2f\n" \
                             "1:\tmov %0, #1\n2:" : "=r"(r) : "r"((u64)f << 28)); \
            bad += (int)r != cond_holds(idx, f); \
        } \
        CHECK("b." #name, bad, 0); \
    }

BCOND(eq, 0) BCOND(ne, 1) BCOND(cs, 2) BCOND(cc, 3) BCOND(mi, 4) BCOND(pl, 5)
BCOND(vs, 6) BCOND(vc, 7) BCOND(hi, 8) BCOND(ls, 9) BCOND(ge, 10) BCOND(lt, 11)
BCOND(gt, 12) BCOND(le, 13) BCOND(al, 14) BCOND(nv, 15)

#define TAKEN(insn, val) ({ u64 r_; \
        __asm__ volatile(insn " 1f\n\tmov %0, #0\n\tb 2f\n1:\tmov %0, #1\n2:" \
                         : "=r"(r_) : "r"((u64)(val))); r_; })

static u64 leaf(u64 x)
{
    return x + 1;
}

static void test_cb_tb(void)
{
    CHECK("cbz-x-zero", TAKEN("cbz %1,", 0), 1);
    CHECK("cbz-x-nonzero", TAKEN("cbz %1,", 1ul << 63), 0);
    CHECK("cbz-w-upper-ignored", TAKEN("cbz %w1,", 0xffffffff00000000ul), 1);
    CHECK("cbnz-w", TAKEN("cbnz %w1,", 0x100000000ul), 0);
    CHECK("cbnz-x", TAKEN("cbnz %1,", 0x100000000ul), 1);
    CHECK("tbz-0", TAKEN("tbz %1, #0,", 2), 1);
    CHECK("tbnz-63", TAKEN("tbnz %1, #63,", 1ul << 63), 1);
    CHECK("tbz-32", TAKEN("tbz %1, #32,", 1ul << 32), 0);
    CHECK("tbnz-w-31", TAKEN("tbnz %w1, #31,", 0x80000000), 1);
}

static void test_calls(void)
{
    u64 r, lr, exp;

    __asm__ volatile("bl 1f\n2:\tb 3f\n1:\tmov %0, x30\n\tadr %1, 2b\n\tret\n3:"
                     : "=r"(lr), "=r"(exp) :: "x30");
    CHECK("bl-link", lr, exp);
    __asm__ volatile("mov x0, #41\n\tblr %1\n\tmov %0, x0"
                     : "=r"(r) : "r"(leaf) : "x0", "x1", "x2", "x3", "x4", "x5", "x6",
                       "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
                       "x16", "x17", "x30", "memory");
    CHECK("blr", r, 42);
    __asm__ volatile("adr x9, 1f\n\tmov %0, #0\n\tbr x9\n\tmov %0, #5\n1:\tadd %0, %0, #1"
                     : "=&r"(r) :: "x9");
    CHECK("br", r, 1);
    __asm__ volatile("adr x9, 1f\n\tmov %0, #0\n\tret x9\n\tmov %0, #5\n1:\tadd %0, %0, #2"
                     : "=&r"(r) :: "x9");
    CHECK("ret-xn", r, 2);
    /* BLR x30: the target is read before the link is written. */
    __asm__ volatile("adr x30, 1f\n\tmov %0, #0\n\tblr x30\n\tmov %0, #7\n1:\tadd %0, %0, #3"
                     : "=&r"(r) :: "x30");
    CHECK("blr-x30", r, 3);
    __asm__ volatile("mov %0, #0\n\tb 1f\n\tmov %0, #9\n1:" : "=r"(r));
    CHECK("b", r, 0);
}

int main(void)
{
    test_b_eq(); test_b_ne(); test_b_cs(); test_b_cc();
    test_b_mi(); test_b_pl(); test_b_vs(); test_b_vc();
    test_b_hi(); test_b_ls(); test_b_ge(); test_b_lt();
    test_b_gt(); test_b_le(); test_b_al(); test_b_nv();
    test_cb_tb();
    test_calls();
    return 0;
}
