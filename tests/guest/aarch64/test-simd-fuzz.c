/*
 * test-simd-fuzz.c — robustness of the FP/AdvSIMD/crypto front end: 30,000
 * pseudo-random words of the "Data Processing -- Scalar Floating-Point and
 * Advanced SIMD" group (bits 27:25 = 111) are executed one at a time. Each
 * must either run or raise UNDEFINED (EC 0) at its own address: the
 * emulator must not crash, hang, or raise anything else. The group holds
 * no loads, stores or branches, and its only general-register writes are
 * to X0-X30/ZR, which the trampoline saves and restores (the word under
 * test branches back instead of returning through X30).
 */
#include "test.h"

/* The word under test is patched into slot[0], followed by a branch back
 * to fuzz_back. */
static u32 slot[4] __attribute__((aligned(64)));
u64 fuzz_saved[24];

/*
 * fuzz_call(code): saves the registers the C ABI wants preserved (X19-X30,
 * SP, D8-D15), jumps to code, and restores them at fuzz_back: the word
 * under test may write any X or V register, X30 included.
 */
void fuzz_call(void *code);
extern char fuzz_back[];
__asm__(
    ".text\n"
    ".global fuzz_call\n"
    "fuzz_call:\n\t"
    "adrp x1, fuzz_saved\n\t"
    "add x1, x1, :lo12:fuzz_saved\n\t"
    "stp x19, x20, [x1, #0]\n\t"
    "stp x21, x22, [x1, #16]\n\t"
    "stp x23, x24, [x1, #32]\n\t"
    "stp x25, x26, [x1, #48]\n\t"
    "stp x27, x28, [x1, #64]\n\t"
    "stp x29, x30, [x1, #80]\n\t"
    "mov x2, sp\n\t"
    "str x2, [x1, #96]\n\t"
    "stp d8, d9, [x1, #112]\n\t"
    "stp d10, d11, [x1, #128]\n\t"
    "stp d12, d13, [x1, #144]\n\t"
    "stp d14, d15, [x1, #160]\n\t"
    "br x0\n"
    ".global fuzz_back\n"
    "fuzz_back:\n\t"
    "adrp x1, fuzz_saved\n\t"
    "add x1, x1, :lo12:fuzz_saved\n\t"
    "ldp x19, x20, [x1, #0]\n\t"
    "ldp x21, x22, [x1, #16]\n\t"
    "ldp x23, x24, [x1, #32]\n\t"
    "ldp x25, x26, [x1, #48]\n\t"
    "ldp x27, x28, [x1, #64]\n\t"
    "ldp x29, x30, [x1, #80]\n\t"
    "ldr x2, [x1, #96]\n\t"
    "mov sp, x2\n\t"
    "ldp d8, d9, [x1, #112]\n\t"
    "ldp d10, d11, [x1, #128]\n\t"
    "ldp d12, d13, [x1, #144]\n\t"
    "ldp d14, d15, [x1, #160]\n\t"
    "ret\n");

static void run_word(u32 w)
{
    slot[0] = w;
    slot[1] = 0x14000000u | (u32)(((fuzz_back - (char *)&slot[1]) >> 2) & 0x3ffffff);
    __asm__ volatile("dc cvau, %0\n\tdsb ish\n\tic ivau, %0\n\tdsb ish\n\tisb"
                     :: "r"(slot) : "memory");
    fuzz_call(slot);
}

int main(void)
{
    u64 seed = 0x243f6a8885a308d3ul;
    int undef = 0, ran = 0, other = 0;

    for (int i = 0; i < 30000; i++) {
        int n = exc_count();
        u32 w;

        seed = seed * 6364136223846793005ul + 1442695040888963407ul;
        w = (u32)(seed >> 32);
        w = (w & ~(7u << 25)) | (7u << 25);     /* bits 27:25 = 111 */
        expect_exception(EXC_SKIP);
        run_word(w);
        if (exc_count() == n) {
            ran++;
            expect_exception(EXC_FATAL);
        } else if ((last_exc.esr >> 26) == 0 && last_exc.elr == (u64)slot) {
            undef++;
        } else {
            other++;
        }
        /* Keep FPCR at its reset value for the next word (MSR is not in
         * the group, but a future encoding could be). */
    }
    puts_("words that ran: ");
    put_dec(ran);
    puts_(", UNDEFINED: ");
    put_dec(undef);
    uart_putc('\n');
    CHECK("fuzz-no-other-exception", other, 0);
    CHECK("fuzz-some-ran", ran > 1000, 1);
    CHECK("fuzz-some-undefined", undef > 1000, 1);
    return 0;
}
