/*
 * test-x86-emit.c — the x86-64 encoder, checked against capstone.
 *
 * Every case emits one or more instructions into a buffer and disassembles
 * them with capstone (Intel syntax); the text, instruction by instruction,
 * must match. Capstone must also consume exactly the bytes emitted, so a
 * stray or missing byte fails too. Register-sweeping cases cover all 16
 * registers in every operand position, which is where REX/SIB bugs hide.
 */
#include "util/osdep.h"
#include "tcg/x86_64/emit.h"

#include <capstone/capstone.h>

static csh cs;
static uint8_t buf[4096];
static X86Emit em;

static const char *const r64[16] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};
static const char *const r32[16] = {
    "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
    "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d",
};
static const char *const r16[16] = {
    "ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
    "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w",
};
static const char *const r8[16] = {
    "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
    "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b",
};

static X86Emit *begin(void)
{
    memset(buf, 0xcc, sizeof(buf));
    em.ptr = buf;
    em.rx_minus_rw = 0;
    return &em;
}

/* Disassembles what was emitted since begin() as "insn; insn; ...". */
static char *disasm(void)
{
    cs_insn *insn;
    size_t len = em.ptr - buf;
    size_t n = cs_disasm(cs, buf, len, (uint64_t)(uintptr_t)buf, 0, &insn);
    GString *s = g_string_new(NULL);
    size_t used = 0;

    for (size_t i = 0; i < n; i++) {
        if (i) {
            g_string_append(s, "; ");
        }
        g_string_append_printf(s, "%s%s%s", insn[i].mnemonic,
                               insn[i].op_str[0] ? " " : "", insn[i].op_str);
        used += insn[i].size;
    }
    if (n) {
        cs_free(insn, n);
    }
    if (used != len) {
        g_string_append_printf(s, " <%zu of %zu bytes decoded>", used, len);
    }
    return g_string_free(s, FALSE);
}

/*
 * Capstone's printer is not consistent across instructions (an index with
 * scale 1 is sometimes written "*1", an immediate or absolute address as
 * "-0x80" or "0xffffffffffffff80" or "0xffffff80"), so both texts are put in
 * a canonical form first: no "*1", every number as a signed decimal, a
 * number in [2^31, 2^32) taken as its sign-extended 32-bit value.
 */
static char *canon(const char *t)
{
    GString *s = g_string_new(NULL);
    const char *p = t;

    while (*p) {
        if (p[0] == '*' && p[1] == '1' && !g_ascii_isxdigit(p[2])) {
            p += 2;
            continue;
        }
        bool neg = false;
        const char *q = p;
        if (*q == '-' && g_ascii_isdigit(q[1])) {
            neg = true;
            q++;
        }
        bool starts_word = (p == t) || !g_ascii_isalnum(p[-1]);
        if (starts_word && g_ascii_isdigit(*q)) {
            char *end;
            uint64_t v = g_ascii_strtoull(q, &end, 0);
            if (v >= 0x80000000ull && v <= 0xffffffffull) {
                v = (uint64_t)(int64_t)(int32_t)(uint32_t)v;
            }
            if (neg) {
                v = -v;
            }
            g_string_append_printf(s, "%" PRId64, (int64_t)v);
            p = end;
            continue;
        }
        g_string_append_c(s, *p++);
    }
    return g_string_free(s, FALSE);
}

static void check_text(const char *expect, int line)
{
    g_autofree char *got_raw = disasm();
    g_autofree char *got = canon(got_raw);
    g_autofree char *exp = canon(expect);
    if (strcmp(got, exp) != 0) {
        GString *hex = g_string_new(NULL);
        for (uint8_t *p = buf; p < em.ptr; p++) {
            g_string_append_printf(hex, "%02x ", *p);
        }
        g_test_message("line %d: expected \"%s\", got \"%s\" (%s)", line, expect,
                       got_raw, hex->str);
        g_string_free(hex, TRUE);
        g_test_fail();
    }
}

#define CHECK(expect, ...) do { X86Emit *e = begin(); __VA_ARGS__; \
                                check_text(expect, __LINE__); } while (0)

/* "qword ptr [base + index*scale + disp]" as capstone prints it. */
static char *mem_text(const char *size, int base, int index, int shift, int32_t disp)
{
    GString *s = g_string_new(NULL);
    if (size) {
        g_string_append_printf(s, "%s ptr ", size);
    }
    g_string_append_c(s, '[');
    if (base >= 0) {
        g_string_append(s, r64[base]);
    }
    if (index >= 0) {
        /* A lone index with scale 1 prints as a plain register. */
        if (base < 0 && shift == 0) {
            g_string_append(s, r64[index]);
        } else {
            g_string_append_printf(s, "%s%s*%d", base >= 0 ? " + " : "", r64[index],
                                   1 << shift);
        }
    }
    if (disp || (base < 0 && index < 0)) {
        int64_t d = disp;
        const char *sign = "+";
        if (d < 0 && (base >= 0 || index >= 0)) {
            sign = "-";
            d = -d;
        }
        if (base >= 0 || index >= 0) {
            g_string_append_printf(s, " %s ", sign);
        }
        if (d >= 0 && d < 10) {
            g_string_append_printf(s, "%" PRId64, d);
        } else if (d < 0) {
            /* An absolute address is a 32-bit field, printed as such. */
            g_string_append_printf(s, "0x%" PRIx32, (uint32_t)d);
        } else {
            g_string_append_printf(s, "0x%" PRIx64, d);
        }
    }
    g_string_append_c(s, ']');
    return g_string_free(s, FALSE);
}

static void test_mov_rr(void)
{
    for (int d = 0; d < 16; d++) {
        for (int s = 0; s < 16; s++) {
            g_autofree char *t64 = g_strdup_printf("mov %s, %s", r64[d], r64[s]);
            g_autofree char *t32 = g_strdup_printf("mov %s, %s", r32[d], r32[s]);
            CHECK(t64, x86_mov_rr(e, true, d, s));
            CHECK(t32, x86_mov_rr(e, false, d, s));
        }
    }
}

static void test_movi(void)
{
    for (int d = 0; d < 16; d++) {
        g_autofree char *a = g_strdup_printf("mov %s, 0x12345678", r32[d]);
        g_autofree char *b = g_strdup_printf("mov %s, -0x80000000", r64[d]);
        g_autofree char *c = g_strdup_printf("movabs %s, 0x123456789abcdef0", r64[d]);
        g_autofree char *z = g_strdup_printf("xor %s, %s", r32[d], r32[d]);
        g_autofree char *f = g_strdup_printf("mov %s, 0xffffffff", r32[d]);
        CHECK(a, x86_movi(e, true, d, 0x12345678));
        CHECK(b, x86_movi(e, true, d, 0xffffffff80000000ull));
        CHECK(c, x86_movi(e, true, d, 0x123456789abcdef0ull));
        CHECK(z, x86_zero(e, d));
        /* 32-bit ops take the low half only. */
        CHECK(f, x86_movi(e, false, d, 0x77777777ffffffffull));
        /* Near the code: rip-relative lea (target = buf + 0x100). */
        g_autofree char *l = g_strdup_printf("lea %s, [rip + 0xf9]", r64[d]);
        CHECK(l, x86_movi(e, true, d, 0x100 + (uintptr_t)buf));
    }
}

static void test_load_store(void)
{
    static const int32_t disps[] = { 0, 8, -8, 127, -128, 128, 0x12345, -0x1000 };
    for (int b = -1; b < 16; b++) {
        for (int x = -1; x < 16; x++) {
            if (x == X86_RSP) {
                continue;
            }
            for (unsigned k = 0; k < ARRAY_SIZE(disps); k++) {
                int shift = (b + x + k) & 3;
                int32_t disp = disps[k];
                int r = (b + 3 * x + k + 16) & 15;
                g_autofree char *mq = mem_text("qword", b, x, shift, disp);
                g_autofree char *md = mem_text("dword", b, x, shift, disp);
                g_autofree char *mw = mem_text("word", b, x, shift, disp);
                g_autofree char *mb = mem_text("byte", b, x, shift, disp);
                g_autofree char *mn = mem_text(NULL, b, x, shift, disp);
                g_autofree char *t1 = g_strdup_printf("mov %s, %s", r64[r], mq);
                g_autofree char *t2 = g_strdup_printf("movzx %s, %s", r32[r], mb);
                g_autofree char *t3 = g_strdup_printf("movsx %s, %s", r64[r], mw);
                g_autofree char *t4 = g_strdup_printf("movsxd %s, %s", r64[r], md);
                g_autofree char *t5 = g_strdup_printf("mov %s, %s", mb, r8[r]);
                g_autofree char *t6 = g_strdup_printf("mov %s, %s", mw, r16[r]);
                g_autofree char *t7 = g_strdup_printf("lea %s, %s", r64[r], mn);
                g_autofree char *t8 = g_strdup_printf("mov %s, -2", mq);
                g_autofree char *t9 = g_strdup_printf("add %s, %s", r32[r], md);
                g_autofree char *t10 = g_strdup_printf("cmp %s, %s", mq, r64[r]);
                g_autofree char *t11 = g_strdup_printf("movbe %s, %s", r64[r], mq);
                g_autofree char *t12 = g_strdup_printf("movbe %s, %s", mw, r16[r]);
                CHECK(t1, x86_load(e, 8, false, true, r, b, x, shift, disp));
                CHECK(t2, x86_load(e, 1, false, true, r, b, x, shift, disp));
                CHECK(t3, x86_load(e, 2, true, true, r, b, x, shift, disp));
                CHECK(t4, x86_load(e, 4, true, true, r, b, x, shift, disp));
                CHECK(t5, x86_store(e, 1, r, b, x, shift, disp));
                CHECK(t6, x86_store(e, 2, r, b, x, shift, disp));
                CHECK(t7, x86_lea(e, true, r, b, x, shift, disp));
                CHECK(t8, x86_store_imm(e, 8, -2, b, x, shift, disp));
                CHECK(t9, x86_alu_rm(e, X86_ADD, false, r, b, x, shift, disp));
                CHECK(t10, x86_alu_mr(e, X86_CMP, true, r, b, x, shift, disp));
                CHECK(t11, x86_movbe_load(e, 8, r, b, x, shift, disp));
                CHECK(t12, x86_movbe_store(e, 2, r, b, x, shift, disp));
            }
        }
    }
    CHECK("mov dword ptr [rbx + 4], 0x12345678",
          x86_store_imm(e, 4, 0x12345678, X86_RBX, -1, 0, 4));
    CHECK("mov word ptr [r12], 0x1234", x86_store_imm(e, 2, 0x1234, X86_R12, -1, 0, 0));
    CHECK("mov byte ptr [r13], 0x80", x86_store_imm(e, 1, 0x80, X86_R13, -1, 0, 0));
    CHECK("mov dword ptr [rsi], edi", x86_store(e, 4, X86_RDI, X86_RSI, -1, 0, 0));
    CHECK("mov qword ptr [r15 + 0x10], r8", x86_store(e, 8, X86_R8, X86_R15, -1, 0, 16));
    CHECK("mov eax, dword ptr [rbp + 8]", x86_load(e, 4, false, true, X86_RAX, X86_RBP,
                                                   -1, 0, 8));
    CHECK("movsx ecx, byte ptr [rdx]", x86_load(e, 1, true, false, X86_RCX, X86_RDX,
                                                -1, 0, 0));
    CHECK("movzx r9d, word ptr [r10]", x86_load(e, 2, false, true, X86_R9, X86_R10,
                                                -1, 0, 0));
    CHECK("movbe edx, dword ptr [rax]", x86_movbe_load(e, 4, X86_RDX, X86_RAX, -1, 0, 0));
    CHECK("add qword ptr [r14 + 0x40], 1",
          x86_alu_mi(e, X86_ADD, true, 1, X86_R14, -1, 0, 0x40));
    CHECK("cmp dword ptr [rbx], 0x1000",
          x86_alu_mi(e, X86_CMP, false, 0x1000, X86_RBX, -1, 0, 0));
    CHECK("mov rax, qword ptr [rip + 0x7f9]",
          x86_op_riprel(e, 0x8b | X86_P_REXW, X86_RAX, (uintptr_t)buf + 0x800, 0));
}

static void test_alu(void)
{
    static const char *const names[] = { "add", "or", "adc", "sbb", "and", "sub", "xor",
                                         "cmp" };
    for (int op = 0; op < 8; op++) {
        for (int d = 0; d < 16; d++) {
            int s = 15 - d;
            g_autofree char *a = g_strdup_printf("%s %s, %s", names[op], r64[d], r64[s]);
            g_autofree char *b = g_strdup_printf("%s %s, %s", names[op], r32[d], r32[s]);
            g_autofree char *c = g_strdup_printf("%s %s, 0x7f", names[op], r64[d]);
            g_autofree char *f = g_strdup_printf("%s %s, 0x1234", names[op], r32[d]);
            g_autofree char *g = g_strdup_printf("%s %s, -0x80", names[op],
                                                 r64[d]);
            CHECK(a, x86_alu_rr(e, op, true, d, s));
            CHECK(b, x86_alu_rr(e, op, false, d, s));
            CHECK(c, x86_alu_ri(e, op, true, d, 0x7f));
            CHECK(f, x86_alu_ri(e, op, false, d, 0x1234));
            CHECK(g, x86_alu_ri(e, op, true, d, -128));
        }
    }
    for (int r = 0; r < 16; r++) {
        g_autofree char *t1 = g_strdup_printf("test %s, %s", r64[r], r64[r ^ 5]);
        g_autofree char *t2 = g_strdup_printf("test %s, 0x80", r8[r]);
        g_autofree char *t3 = g_strdup_printf("test %s, 0x10000", r32[r]);
        g_autofree char *t4 = g_strdup_printf("not %s", r64[r]);
        g_autofree char *t5 = g_strdup_printf("neg %s", r32[r]);
        g_autofree char *t6 = g_strdup_printf("mul %s", r64[r]);
        g_autofree char *t7 = g_strdup_printf("imul %s", r64[r]);
        g_autofree char *t8 = g_strdup_printf("div %s", r32[r]);
        g_autofree char *t9 = g_strdup_printf("idiv %s", r64[r]);
        g_autofree char *t10 = g_strdup_printf("imul %s, %s", r64[r], r64[r ^ 9]);
        g_autofree char *t11 = g_strdup_printf("imul %s, %s, 0x64", r32[r], r32[r ^ 3]);
        g_autofree char *t12 = g_strdup_printf("imul %s, %s, 0x12345", r64[r], r64[r]);
        g_autofree char *t13 = g_strdup_printf("bswap %s", r64[r]);
        g_autofree char *t14 = g_strdup_printf("bswap %s", r32[r]);
        g_autofree char *t15 = g_strdup_printf("rol %s, 8", r16[r]);
        g_autofree char *t16 = g_strdup_printf("bt %s, 0x3f", r64[r]);
        CHECK(t1, x86_test_rr(e, true, r, r ^ 5));
        CHECK(t2, x86_test_ri(e, true, r, 0x80));
        CHECK(t3, x86_test_ri(e, true, r, 0x10000));
        CHECK(t4, x86_unary(e, X86_NOT, true, r));
        CHECK(t5, x86_unary(e, X86_NEG, false, r));
        CHECK(t6, x86_unary(e, X86_MUL, true, r));
        CHECK(t7, x86_unary(e, X86_IMUL1, true, r));
        CHECK(t8, x86_unary(e, X86_DIV, false, r));
        CHECK(t9, x86_unary(e, X86_IDIV, true, r));
        CHECK(t10, x86_imul_rr(e, true, r, r ^ 9));
        CHECK(t11, x86_imul_rri(e, false, r, r ^ 3, 100));
        CHECK(t12, x86_imul_rri(e, true, r, r, 0x12345));
        CHECK(t13, x86_bswap(e, true, r));
        CHECK(t14, x86_bswap(e, false, r));
        CHECK(t15, x86_bswap16(e, r));
        CHECK(t16, x86_bt_ri(e, true, r, 63));
    }
    CHECK("add eax, 0x12345678", x86_alu_ri(e, X86_ADD, false, X86_RAX, 0x12345678));
    CHECK("cqo", x86_cqo(e, true));
    CHECK("cdq", x86_cqo(e, false));
    CHECK("xchg r12, rbx", x86_xchg_rr(e, true, X86_RBX, X86_R12));
}

static void test_shift(void)
{
    static const struct { X86Shift op; const char *name; } ops[] = {
        { X86_ROL, "rol" }, { X86_ROR, "ror" }, { X86_SHL, "shl" },
        { X86_SHR, "shr" }, { X86_SAR, "sar" },
    };
    for (unsigned i = 0; i < ARRAY_SIZE(ops); i++) {
        for (int r = 0; r < 16; r++) {
            g_autofree char *a = g_strdup_printf("%s %s, 1", ops[i].name, r64[r]);
            g_autofree char *b = g_strdup_printf("%s %s, 0x1f", ops[i].name, r32[r]);
            g_autofree char *c = g_strdup_printf("%s %s, cl", ops[i].name, r64[r]);
            CHECK(a, x86_shift_ri(e, ops[i].op, true, r, 1));
            CHECK(b, x86_shift_ri(e, ops[i].op, false, r, 31));
            CHECK(c, x86_shift_cl(e, ops[i].op, true, r));
        }
    }
    CHECK("shld rax, r9, 0xc", x86_shld_ri(e, true, X86_RAX, X86_R9, 12));
    CHECK("shrd r10d, ebx, 3", x86_shrd_ri(e, false, X86_R10, X86_RBX, 3));
}

static void test_ext_bits(void)
{
    static const char *const bit_names[] = { "bsf", "bsr", "tzcnt", "lzcnt", "popcnt" };
    for (int d = 0; d < 16; d++) {
        int s = (d * 7 + 3) & 15;
        g_autofree char *a = g_strdup_printf("movzx %s, %s", r32[d], r8[s]);
        g_autofree char *b = g_strdup_printf("movsx %s, %s", r64[d], r8[s]);
        g_autofree char *c = g_strdup_printf("movzx %s, %s", r32[d], r16[s]);
        g_autofree char *f = g_strdup_printf("movsx %s, %s", r32[d], r16[s]);
        g_autofree char *g = g_strdup_printf("movsxd %s, %s", r64[d], r32[s]);
        g_autofree char *h = g_strdup_printf("mov %s, %s", r32[d], r32[s]);
        g_autofree char *i = g_strdup_printf("set%s %s", "ne", r8[d]);
        g_autofree char *j = g_strdup_printf("cmovl %s, %s", r64[d], r64[s]);
        g_autofree char *k = g_strdup_printf("cmovae %s, %s", r32[d], r32[s]);
        CHECK(a, x86_ext(e, 1, false, true, d, s));
        CHECK(b, x86_ext(e, 1, true, true, d, s));
        CHECK(c, x86_ext(e, 2, false, true, d, s));
        CHECK(f, x86_ext(e, 2, true, false, d, s));
        CHECK(g, x86_ext(e, 4, true, true, d, s));
        CHECK(h, x86_ext(e, 4, false, true, d, s));
        CHECK(i, x86_setcc(e, X86_CC_NE, d));
        CHECK(j, x86_cmov(e, X86_CC_L, true, d, s));
        CHECK(k, x86_cmov(e, X86_CC_AE, false, d, s));
        for (int op = 0; op < 5; op++) {
            g_autofree char *t = g_strdup_printf("%s %s, %s", bit_names[op], r64[d], r64[s]);
            g_autofree char *u = g_strdup_printf("%s %s, %s", bit_names[op], r32[d], r32[s]);
            CHECK(t, x86_bitop(e, op, true, d, s));
            CHECK(u, x86_bitop(e, op, false, d, s));
        }
    }
}

static void test_bmi(void)
{
    for (int d = 0; d < 16; d++) {
        int a = (d + 5) & 15, b = (d * 3 + 1) & 15;
        g_autofree char *t1 = g_strdup_printf("andn %s, %s, %s", r64[d], r64[a], r64[b]);
        g_autofree char *t2 = g_strdup_printf("andn %s, %s, %s", r32[d], r32[a], r32[b]);
        g_autofree char *t3 = g_strdup_printf("shlx %s, %s, %s", r64[d], r64[a], r64[b]);
        g_autofree char *t4 = g_strdup_printf("shrx %s, %s, %s", r32[d], r32[a], r32[b]);
        g_autofree char *t5 = g_strdup_printf("sarx %s, %s, %s", r64[d], r64[a], r64[b]);
        g_autofree char *t6 = g_strdup_printf("rorx %s, %s, 0x11", r64[d], r64[a]);
        g_autofree char *t7 = g_strdup_printf("rorx %s, %s, 7", r32[d], r32[a]);
        g_autofree char *t8 = g_strdup_printf("bzhi %s, %s, %s", r64[d], r64[a], r64[b]);
        CHECK(t1, x86_andn(e, true, d, a, b));
        CHECK(t2, x86_andn(e, false, d, a, b));
        CHECK(t3, x86_shiftx(e, X86_SHLX, true, d, a, b));
        CHECK(t4, x86_shiftx(e, X86_SHRX, false, d, a, b));
        CHECK(t5, x86_shiftx(e, X86_SARX, true, d, a, b));
        CHECK(t6, x86_rorx(e, true, d, a, 17));
        CHECK(t7, x86_rorx(e, false, d, a, 7));
        CHECK(t8, x86_bzhi(e, true, d, a, b));
    }
}

static void test_control(void)
{
    uintptr_t base = (uintptr_t)buf;
    g_autofree char *j = g_strdup_printf("jmp 0x%" PRIxPTR, base + 0x1000);
    g_autofree char *jb = g_strdup_printf("jmp 0x%" PRIxPTR, base);
    g_autofree char *jc = g_strdup_printf("jne 0x%" PRIxPTR, base + 0x400);
    g_autofree char *j8 = g_strdup_printf("jmp 0x%" PRIxPTR, base + 0x50);
    g_autofree char *jc8 = g_strdup_printf("jb 0x%" PRIxPTR, base + 0x20);
    g_autofree char *c = g_strdup_printf("call 0x%" PRIxPTR, base + 0x200);
    g_autofree char *cf = g_strdup_printf("movabs r11, 0x%" PRIx64 "; call r11",
                                          (uint64_t)0x7ff000001234ull);

    CHECK(j, x86_jmp(e, base + 0x1000));
    CHECK(jb, x86_jmp(e, base));
    CHECK(jc, x86_jcc(e, X86_CC_NE, base + 0x400));
    CHECK(j8, x86_jmp8(e, base + 0x50));
    CHECK(jc8, x86_jcc8(e, X86_CC_B, base + 0x20));
    CHECK(c, x86_call(e, base + 0x200, X86_R11));
    if ((int64_t)(0x7ff000001234ull - base) != (int32_t)(0x7ff000001234ull - base)) {
        CHECK(cf, x86_call(e, 0x7ff000001234ull, X86_R11));
    }
    /* Patching a forward branch after the fact. */
    {
        X86Emit *e = begin();
        uint8_t *f = x86_jcc(e, X86_CC_E, base);
        x86_patch_rel32(e, f, base + 0x123);
        g_autofree char *t = g_strdup_printf("je 0x%" PRIxPTR, base + 0x123);
        check_text(t, __LINE__);
    }
    CHECK("call rax", x86_call_r(e, X86_RAX));
    CHECK("jmp r13", x86_jmp_r(e, X86_R13));
    CHECK("jmp qword ptr [rbp + 0x18]", x86_jmp_m(e, X86_RBP, 0x18));
    CHECK("push rbp; push r15; pop r12; pop rbx; ret; ud2",
          x86_push(e, X86_RBP); x86_push(e, X86_R15); x86_pop(e, X86_R12);
          x86_pop(e, X86_RBX); x86_ret(e); x86_ud2(e));
    for (int n = 1; n <= 9; n++) {
        X86Emit *e = begin();
        x86_nops(e, n);
        g_assert_cmpint(e->ptr - buf, ==, n);
        g_autofree char *t = disasm();
        g_assert_true(g_str_has_prefix(t, "nop"));
        g_assert_null(strchr(t, ';'));
    }
    {
        X86Emit *e = begin();
        x86_byte(e, 0x90);
        x86_align(e, 16, 1);
        g_assert_cmpint((x86_pc(e) + 1) % 16, ==, 0);
    }
}

static void test_atomics(void)
{
    CHECK("mfence", x86_mfence(e));
    CHECK("lock cmpxchg qword ptr [rbx + r12], rcx",
          x86_lock(e); x86_cmpxchg_m(e, 8, X86_RCX, X86_RBX, X86_R12, 0, 0));
    CHECK("lock cmpxchg dword ptr [r13], r9d",
          x86_lock(e); x86_cmpxchg_m(e, 4, X86_R9, X86_R13, -1, 0, 0));
    CHECK("lock cmpxchg word ptr [rax + 2], dx",
          x86_lock(e); x86_cmpxchg_m(e, 2, X86_RDX, X86_RAX, -1, 0, 2));
    CHECK("lock cmpxchg byte ptr [rdi], sil",
          x86_lock(e); x86_cmpxchg_m(e, 1, X86_RSI, X86_RDI, -1, 0, 0));
    CHECK("lock xadd qword ptr [rcx + rdx], r8",
          x86_lock(e); x86_xadd_m(e, 8, X86_R8, X86_RCX, X86_RDX, 0, 0));
    CHECK("lock xadd byte ptr [rcx], bpl",
          x86_lock(e); x86_xadd_m(e, 1, X86_RBP, X86_RCX, -1, 0, 0));
    CHECK("xchg word ptr [r14 + r15], r10w",
          x86_xchg_m(e, 2, X86_R10, X86_R14, X86_R15, 0, 0));
    CHECK("xchg dword ptr [rsp + 8], eax", x86_xchg_m(e, 4, X86_RAX, X86_RSP, -1, 0, 8));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
        g_error("capstone: cannot open x86-64 disassembler");
    }
    g_test_add_func("/tcg/x86-emit/mov-rr", test_mov_rr);
    g_test_add_func("/tcg/x86-emit/movi", test_movi);
    g_test_add_func("/tcg/x86-emit/load-store", test_load_store);
    g_test_add_func("/tcg/x86-emit/alu", test_alu);
    g_test_add_func("/tcg/x86-emit/shift", test_shift);
    g_test_add_func("/tcg/x86-emit/ext-bits", test_ext_bits);
    g_test_add_func("/tcg/x86-emit/bmi", test_bmi);
    g_test_add_func("/tcg/x86-emit/control", test_control);
    g_test_add_func("/tcg/x86-emit/atomics", test_atomics);
    int ret = g_test_run();
    cs_close(&cs);
    return ret;
}
