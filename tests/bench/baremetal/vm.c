/*
 * vm.c — interpreter workload: a small register bytecode machine whose
 * handlers end in a computed goto (an indirect branch per bytecode, the way
 * fast interpreters dispatch). The bytecode program runs nested loops with
 * Collatz steps, so dispatch targets vary and the emulator's indirect-jump
 * lookup is exercised.
 */
#include "bench.h"

#ifndef VM_OUTER
#define VM_OUTER 2000000
#endif

enum {
    OP_LI,      /* r[a] = imm */
    OP_ADD,     /* r[a] = r[b] + r[c] */
    OP_ADDI,    /* r[a] = r[b] + imm */
    OP_XOR,     /* r[a] = r[b] ^ r[c] */
    OP_ANDI,    /* r[a] = r[b] & imm */
    OP_SHRI,    /* r[a] = r[b] >> imm */
    OP_MUL,     /* r[a] = r[b] * r[c] */
    OP_BZ,      /* if r[a] == 0 goto imm */
    OP_BLT,     /* if r[a] < r[b] goto imm */
    OP_JMP,     /* goto imm */
    OP_HALT,
};

typedef struct Insn {
    uint8_t op, a, b, c;
    int32_t imm;
} Insn;

#define I(op, a, b, c, imm) { op, a, b, c, imm }

/*
 * r0 = i (outer counter), r1 = outer bound, r2 = x, r3 = j (inner counter),
 * r4 = inner bound, r5 = accumulator, r6 = scratch, r7 = constant 3.
 *   for (i = 0; i < n; i++) { x = i; for (j = 0; j < 12; j++) {
 *       if (x & 1) x = x * 3 + 1; else x >>= 1;
 *       acc ^= x + j; } }
 */
static const Insn program[] = {
    /* 0 */  I(OP_LI, 0, 0, 0, 0),          /* i = 0 */
    /* 1 */  I(OP_LI, 5, 0, 0, 0),          /* acc = 0 */
    /* 2 */  I(OP_LI, 4, 0, 0, 12),
    /* 3 */  I(OP_LI, 7, 0, 0, 3),
    /* 4 */  I(OP_BLT, 0, 1, 0, 6),         /* outer: i < n ? body */
    /* 5 */  I(OP_HALT, 0, 0, 0, 0),
    /* 6 */  I(OP_ADDI, 2, 0, 0, 0),        /* x = i */
    /* 7 */  I(OP_LI, 3, 0, 0, 0),          /* j = 0 */
    /* 8 */  I(OP_BLT, 3, 4, 0, 10),        /* inner: j < 12 ? body */
    /* 9 */  I(OP_JMP, 0, 0, 0, 20),
    /* 10 */ I(OP_ANDI, 6, 2, 0, 1),
    /* 11 */ I(OP_BZ, 6, 0, 0, 15),
    /* 12 */ I(OP_MUL, 2, 2, 7, 0),         /* odd: x = 3x + 1 */
    /* 13 */ I(OP_ADDI, 2, 2, 0, 1),
    /* 14 */ I(OP_JMP, 0, 0, 0, 16),
    /* 15 */ I(OP_SHRI, 2, 2, 0, 1),        /* even: x >>= 1 */
    /* 16 */ I(OP_ADD, 6, 2, 3, 0),
    /* 17 */ I(OP_XOR, 5, 5, 6, 0),         /* acc ^= x + j */
    /* 18 */ I(OP_ADDI, 3, 3, 0, 1),        /* j++ */
    /* 19 */ I(OP_JMP, 0, 0, 0, 8),
    /* 20 */ I(OP_ADDI, 0, 0, 0, 1),        /* i++ */
    /* 21 */ I(OP_JMP, 0, 0, 0, 4),
};

static uint64_t run(const Insn *code, uint64_t n, uint64_t *steps)
{
    static void *const dispatch[] = {
        [OP_LI] = &&op_li, [OP_ADD] = &&op_add, [OP_ADDI] = &&op_addi,
        [OP_XOR] = &&op_xor, [OP_ANDI] = &&op_andi, [OP_SHRI] = &&op_shri,
        [OP_MUL] = &&op_mul, [OP_BZ] = &&op_bz, [OP_BLT] = &&op_blt,
        [OP_JMP] = &&op_jmp, [OP_HALT] = &&op_halt,
    };
    uint64_t r[8] = { 0 };
    const Insn *pc = code;
    uint64_t count = 0;

    r[1] = n;
#define NEXT do { count++; goto *dispatch[pc->op]; } while (0)
    NEXT;
op_li:   r[pc->a] = (uint64_t)(int64_t)pc->imm; pc++; NEXT;
op_add:  r[pc->a] = r[pc->b] + r[pc->c]; pc++; NEXT;
op_addi: r[pc->a] = r[pc->b] + (uint64_t)(int64_t)pc->imm; pc++; NEXT;
op_xor:  r[pc->a] = r[pc->b] ^ r[pc->c]; pc++; NEXT;
op_andi: r[pc->a] = r[pc->b] & (uint64_t)(int64_t)pc->imm; pc++; NEXT;
op_shri: r[pc->a] = r[pc->b] >> pc->imm; pc++; NEXT;
op_mul:  r[pc->a] = r[pc->b] * r[pc->c]; pc++; NEXT;
op_bz:   pc = r[pc->a] == 0 ? code + pc->imm : pc + 1; NEXT;
op_blt:  pc = r[pc->a] < r[pc->b] ? code + pc->imm : pc + 1; NEXT;
op_jmp:  pc = code + pc->imm; NEXT;
op_halt:
#undef NEXT
    *steps = count;
    return r[5];
}

/* The same computation in C, to check the interpreter. */
static uint64_t reference(uint64_t n)
{
    uint64_t acc = 0;

    for (uint64_t i = 0; i < n; i++) {
        uint64_t x = i;

        for (uint64_t j = 0; j < 12; j++) {
            x = (x & 1) ? x * 3 + 1 : x >> 1;
            acc ^= x + j;
        }
    }
    return acc;
}

int main(void)
{
    volatile uint64_t n = VM_OUTER;
    uint64_t steps, small_steps, acc;

    if (run(program, 1000, &small_steps) != reference(1000)) {
        bench_fail("interpreter disagrees with C");
    }
    acc = run(program, n, &steps);
    bench_result("vm", acc ^ (steps << 32));
    return 0;
}
