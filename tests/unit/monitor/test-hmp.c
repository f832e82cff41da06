/*
 * test-hmp.c — the human monitor without a chardev: the line editor fed
 * byte by byte, and commands run through hmp_run_command on a small
 * machine built here (a RAM region, an MMIO region, two test CPUs).
 */
#include "util/osdep.h"
#include "util/log.h"
#include "exec/memory.h"
#include "sysemu/runstate.h"
#include "monitor/monitor.h"
#include "../../../softmmu/monitor/monitor-internal.h"
#include "test-cpu.h"
#include <unistd.h>

#define RAM_BASE 0x40000000ULL
#define RAM_SIZE 0x10000ULL
#define UART_BASE 0x09000000ULL

static MemoryRegion ram, uart;
static TestCPU *cpu0, *cpu1;

static uint64_t uart_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0x5a;
}

static void uart_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
}

static const MemoryRegionOps uart_ops = {
    .read = uart_read,
    .write = uart_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static void machine_setup(void)
{
    static const uint8_t bytes[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    static const uint8_t signed_bytes[] = { 0xff, 0xfe, 0x80, 0x7f };
    /* AArch64 "nop; ret", little-endian words. */
    static const uint8_t code[] = { 0x1f, 0x20, 0x03, 0xd5, 0xc0, 0x03, 0x5f, 0xd6 };
    GError *err = NULL;
    AddressSpace *as;

    g_assert_true(memory_region_init_ram(&ram, NULL, "ram", RAM_SIZE, &err));
    g_assert_no_error(err);
    memory_region_init_io(&uart, NULL, &uart_ops, NULL, "uart", 0x1000);
    memory_region_add_subregion(get_system_memory(), RAM_BASE, &ram);
    memory_region_add_subregion(get_system_memory(), UART_BASE, &uart);
    as = get_address_space_memory();
    g_assert_cmpint(address_space_write(as, RAM_BASE, MEMTXATTRS_UNSPECIFIED,
                                        bytes, sizeof(bytes)), ==, MEMTX_OK);
    g_assert_cmpint(address_space_write(as, RAM_BASE + 0x10,
                                        MEMTXATTRS_UNSPECIFIED, signed_bytes,
                                        sizeof(signed_bytes)), ==, MEMTX_OK);
    g_assert_cmpint(address_space_write(as, RAM_BASE + 0x20,
                                        MEMTXATTRS_UNSPECIFIED, "Hi!\n", 4),
                    ==, MEMTX_OK);
    g_assert_cmpint(address_space_write(as, RAM_BASE + 0x100,
                                        MEMTXATTRS_UNSPECIFIED, code,
                                        sizeof(code)), ==, MEMTX_OK);

    cpu0 = test_cpu_create();
    cpu1 = test_cpu_create();
    cpu0->pc = TEST_CPU_VIRT_BASE + RAM_BASE + 0x100;
    cpu0->x0 = 0x1234;
    cpu1->pc = 0x80000;
    CPU(cpu1)->halted = true;
}

/* Runs a line and checks everything it printed. */
static void check_cmd(const char *line, const char *expected)
{
    g_autofree char *out = hmp_run_command(line);

    g_assert_cmpstr(out, ==, expected);
}

/* ---- Line editor ------------------------------------------------------- */

typedef struct RLTest {
    GString *echo;
    GPtrArray *lines;
} RLTest;

static void rlt_print(void *opaque, const char *text)
{
    g_string_append(((RLTest *)opaque)->echo, text);
}

static void rlt_line(void *opaque, const char *line)
{
    g_ptr_array_add(((RLTest *)opaque)->lines, g_strdup(line));
}

static void rlt_complete(void *opaque, const char *text, GPtrArray *cands)
{
    hmp_complete(text, cands);
}

static ReadLineState *rlt_new(RLTest *t)
{
    t->echo = g_string_new(NULL);
    t->lines = g_ptr_array_new_with_free_func(g_free);
    return readline_new("(turtle) ", rlt_print, rlt_line, rlt_complete, t);
}

static void rlt_free(ReadLineState *rs, RLTest *t)
{
    readline_free(rs);
    g_string_free(t->echo, true);
    g_ptr_array_free(t->lines, true);
}

static void rlt_type(ReadLineState *rs, const char *keys)
{
    for (const char *p = keys; *p; p++) {
        readline_handle_byte(rs, (uint8_t)*p);
    }
}

static const char *rlt_last(RLTest *t)
{
    g_assert_cmpuint(t->lines->len, >, 0);
    return g_ptr_array_index(t->lines, t->lines->len - 1);
}

static void test_readline_editing(void)
{
    RLTest t;
    ReadLineState *rs = rlt_new(&t);

    readline_show_prompt(rs);
    g_assert_cmpstr(t.echo->str, ==, "(turtle) ");

    /* Typed text is echoed; Backspace (DEL) erases and redraws. */
    g_string_truncate(t.echo, 0);
    rlt_type(rs, "ab");
    g_assert_cmpstr(t.echo->str, ==, "ab");
    g_string_truncate(t.echo, 0);
    rlt_type(rs, "\x7f");
    g_assert_cmpstr(t.echo->str, ==, "\033[1D\033[K");
    g_assert_cmpstr(readline_get_line(rs), ==, "a");
    rlt_type(rs, "\r");
    g_assert_cmpstr(rlt_last(&t), ==, "a");

    /* Backspace in a word, BS (Ctrl-H) too. */
    rlt_type(rs, "info versoin\x7f\x7f\x08ion\r");
    g_assert_cmpstr(rlt_last(&t), ==, "info version");

    /* Ctrl-U kills the line typed so far. */
    rlt_type(rs, "garbage\x15info mtree\r");
    g_assert_cmpstr(rlt_last(&t), ==, "info mtree");

    /* Left arrow then insert in the middle; Home/End; Delete. */
    rlt_type(rs, "hllo\033[D\033[D\033[De\r");
    g_assert_cmpstr(rlt_last(&t), ==, "hello");
    rlt_type(rs, "orld\033[Hw\033[F!\r");
    g_assert_cmpstr(rlt_last(&t), ==, "world!");
    rlt_type(rs, "abXc\033[D\033[D\033[3~\r");
    g_assert_cmpstr(rlt_last(&t), ==, "abc");
    /* Ctrl-A, Ctrl-K, Ctrl-W. */
    rlt_type(rs, "stop now\x01\x06\x06\x06\x06\x0b\r");
    g_assert_cmpstr(rlt_last(&t), ==, "stop");
    rlt_type(rs, "x /4xb foo\x17\r");
    g_assert_cmpstr(rlt_last(&t), ==, "x /4xb ");

    /* CR LF ends one line, not two. */
    guint n = t.lines->len;
    rlt_type(rs, "cont\r\n");
    g_assert_cmpuint(t.lines->len, ==, n + 1);
    rlt_type(rs, "c\n");
    g_assert_cmpuint(t.lines->len, ==, n + 2);
    g_assert_cmpstr(rlt_last(&t), ==, "c");

    /* An unknown escape sequence inserts nothing. */
    rlt_type(rs, "a\033[5;2Xb\r");
    g_assert_cmpstr(rlt_last(&t), ==, "ab");
    rlt_free(rs, &t);
}

static void test_readline_history(void)
{
    RLTest t;
    ReadLineState *rs = rlt_new(&t);

    rlt_type(rs, "one\rtwo\rtwo\r\r");
    /* Repeats and empty lines are not kept. */
    g_assert_cmpuint(readline_history_len(rs), ==, 2);
    g_assert_cmpstr(readline_history_get(rs, 0), ==, "one");
    g_assert_cmpstr(readline_history_get(rs, 1), ==, "two");

    rlt_type(rs, "new");
    rlt_type(rs, "\033[A");
    g_assert_cmpstr(readline_get_line(rs), ==, "two");
    rlt_type(rs, "\033[A");
    g_assert_cmpstr(readline_get_line(rs), ==, "one");
    rlt_type(rs, "\033[A");         /* stays on the oldest */
    g_assert_cmpstr(readline_get_line(rs), ==, "one");
    rlt_type(rs, "\033[B");
    g_assert_cmpstr(readline_get_line(rs), ==, "two");
    rlt_type(rs, "\033[B");         /* back to the line being typed */
    g_assert_cmpstr(readline_get_line(rs), ==, "new");
    /* Ctrl-P and SS3 forms work too; an edited entry is run. */
    rlt_type(rs, "\x15\x10\033OA!\r");
    g_assert_cmpstr(rlt_last(&t), ==, "one!");
    g_assert_cmpstr(readline_history_get(rs, 2), ==, "one!");
    rlt_free(rs, &t);
}

static void test_readline_completion(void)
{
    RLTest t;
    ReadLineState *rs = rlt_new(&t);

    rlt_type(rs, "inf\t");
    g_assert_cmpstr(readline_get_line(rs), ==, "info ");
    rlt_type(rs, "mt\t");
    g_assert_cmpstr(readline_get_line(rs), ==, "info mtree ");
    rlt_type(rs, "\x15");

    /* Several choices sharing no longer prefix: listed under the line. */
    g_string_truncate(t.echo, 0);
    rlt_type(rs, "x\t");
    g_assert_cmpstr(readline_get_line(rs), ==, "x");
    g_assert_nonnull(strstr(t.echo->str, "\r\nx  xp\r\n(turtle) x"));
    rlt_type(rs, "\x15");

    /* A common prefix is completed as far as it goes. */
    rlt_type(rs, "lo\t");
    g_assert_cmpstr(readline_get_line(rs), ==, "log");
    rlt_type(rs, "\x15" "system_r\t");
    g_assert_cmpstr(readline_get_line(rs), ==, "system_reset ");
    rlt_free(rs, &t);

    /* The completion function itself. */
    g_autoptr(GPtrArray) c = g_ptr_array_new_with_free_func(g_free);
    hmp_complete("help inf", c);
    g_assert_cmpuint(c->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(c, 0), ==, "info");
    g_ptr_array_set_size(c, 0);
    hmp_complete("info re", c);
    g_assert_cmpuint(c->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(c, 0), ==, "registers");
    g_ptr_array_set_size(c, 0);
    hmp_complete("stop now ", c);
    g_assert_cmpuint(c->len, ==, 0);
}

/* ---- Commands ---------------------------------------------------------- */

static void test_help(void)
{
    g_autofree char *help = hmp_run_command("help");
    g_autofree char *q = hmp_run_command("?");
    g_autofree char *info = hmp_run_command("help info");
    g_autofree char *info2 = hmp_run_command("info");

    g_assert_nonnull(strstr(help, "\nx /fmt addr -- virtual memory dump"));
    g_assert_nonnull(strstr(help, "\ninfo [subcommand] -- "));
    g_assert_nonnull(strstr(help, "cont|c -- resume emulation\n"));
    g_assert_nonnull(strstr(help, "\nquit|q -- quit the emulator\n"));
    g_assert_true(g_str_has_prefix(help, "cont|c -- "));   /* sorted */
    g_assert_cmpstr(help, ==, q);
    g_assert_nonnull(strstr(info, "info mtree -- show the memory tree"));
    g_assert_nonnull(strstr(info, "info registers -- "));
    g_assert_nonnull(strstr(info, "info status -- "));
    g_assert_cmpstr(info, ==, info2);
    check_cmd("help stop", "stop -- stop emulation\n");
    check_cmd("help nosuch", "unknown command: 'nosuch'\n");
}

static void test_unknown(void)
{
    check_cmd("foo", "unknown command: 'foo'\n");
    check_cmd("  foo bar baz  ", "unknown command: 'foo'\n");
    check_cmd("", "");
    check_cmd("   ", "");
    check_cmd("@#!", "unknown command: '@#!'\n");
    check_cmd("info nosuch", "unknown info subcommand: 'nosuch' "
              "(\"help info\" lists them)\n");
}

static void hmp_info_test_handler(Monitor *mon, GString *out, const char *args)
{
    g_string_append_printf(out, "test info [%s]\n", args);
}

static void hmp_test_handler(Monitor *mon, const char *args)
{
    monitor_printf(mon, "echo: %s\n", args);
}

static void test_register(void)
{
    static const HMPInfoCommand info = { "testinfo", "a test", hmp_info_test_handler };
    static const HMPCommand cmd = { "testcmd|tc", "text", "echo", hmp_test_handler };
    static const HMPCommand dup = { "stop", "", "a clash", hmp_test_handler };

    hmp_register_info(&info);
    hmp_register_command(&cmd);
    hmp_register_command(&dup);     /* refused: the first one stays */
    check_cmd("info testinfo  a b", "test info [a b]\n");
    check_cmd("testcmd hello world", "echo: hello world\n");
    check_cmd("tc x", "echo: x\n");
    check_cmd("help tc", "testcmd|tc text -- echo\n");
    check_cmd("help stop", "stop -- stop emulation\n");
    g_autofree char *list = hmp_run_command("help info");
    g_assert_nonnull(strstr(list, "info testinfo -- a test\n"));
}

static const char mtree_expected[] =
    "address-space: memory\n"
    "  0000000000000000-ffffffffffffffff (prio 0, container): system\n"
    "    0000000009000000-0000000009000fff (prio 0, i/o): uart\n"
    "    0000000040000000-000000004000ffff (prio 0, ram): ram\n";

static const char mtree_flat_expected[] =
    "address-space (flat view): memory\n"
    "  0000000009000000-0000000009000fff (prio 0, i/o): uart\n"
    "  0000000040000000-000000004000ffff (prio 0, ram): ram\n";

static void test_info_mtree(void)
{
    check_cmd("info mtree", mtree_expected);
    check_cmd("info mtree -f", mtree_flat_expected);
    check_cmd("info mtree -x", "unknown option '-x' (-f: flat view)\n");
}

static void test_xp(void)
{
    check_cmd("xp /8xb 0x40000000",
              "0000000040000000: 0x01 0x02 0x03 0x04 0x05 0x06 0x07 0x08\n");
    check_cmd("xp /2xw 0x40000000",
              "0000000040000000: 0x04030201 0x08070605\n");
    check_cmd("xp /xg 0x40000000", "0000000040000000: 0x0807060504030201\n");
    check_cmd("xp /3xh 1073741824",
              "0000000040000000: 0x0201 0x0403 0x0605\n");
    check_cmd("xp /4db 0x40000010", "0000000040000010: -1 -2 -128 127\n");
    check_cmd("xp /2uh 0x40000010", "0000000040000010: 65279 32640\n");
    check_cmd("xp /dw 0x40000010", "0000000040000010: 2139160319\n");
    check_cmd("xp /2ob 0x40000000", "0000000040000000: 01 02\n");
    check_cmd("xp /4c 0x40000020", "0000000040000020: 'H' 'i' '!' '\\n'\n");
    /* The format sticks: a bare address reuses the last one (c). */
    check_cmd("xp 0x40000021", "0000000040000021: 'i'\n");
    /* Several lines: 4 words a line. */
    check_cmd("xp /6xw 0x40000000",
              "0000000040000000: 0x04030201 0x08070605 0x00000000 0x00000000\n"
              "0000000040000010: 0x7f80feff 0x00000000\n");
    /* Expressions. */
    check_cmd("xp /xb 0x40000000+3", "0000000040000003: 0x04\n");
    check_cmd("xp /xb 0x40000010 - 0x10 + 1", "0000000040000001: 0x02\n");
    /* MMIO reads go to the device. */
    check_cmd("xp /xb 0x09000000", "0000000009000000: 0x5a\n");
    /* Physical disassembly. */
    g_autofree char *dis = hmp_run_command("xp /2i 0x40000100");
    g_assert_nonnull(strstr(dis, "0x0000000040000100:"));
    g_assert_nonnull(strstr(dis, "nop"));
    g_assert_nonnull(strstr(dis, "ret"));
}

static void test_xp_errors(void)
{
    check_cmd("xp /x 0x1000",
              "Cannot access memory at physical address 0x1000\n");
    /* The readable part is shown, then the error. */
    check_cmd("xp /2xw 0x4000fffc",
              "000000004000fffc: 0x00000000\n"
              "Cannot access memory at physical address 0x40010000\n");
    check_cmd("xp /xg 0xfffffffffffffffc",
              "Cannot access memory at physical address 0xfffffffffffffffc\n");
    check_cmd("xp /1i 0x20000000",
              "Cannot access memory at physical address 0x20000000\n");
    check_cmd("xp /z 0", "invalid format character 'z' (formats x d u o c i, "
              "sizes b h w g)\n");
    check_cmd("xp /0x 0", "count must be 1..65536\n");
    check_cmd("xp /x", "missing address\n");
    check_cmd("xp /x zz", "expected a number at 'zz'\n");
    check_cmd("xp /x 0x", "bad hex number '0x'\n");
    check_cmd("xp /x 12ab", "bad number '12ab'\n");
    check_cmd("xp /x 1 * 2", "unexpected '* 2'\n");
    check_cmd("xp /x 99999999999999999999999", "number too large: "
              "'99999999999999999999999'\n");
    check_cmd("xp /x $nosuch", "unknown register '$nosuch'\n");
}

static void test_x(void)
{
    check_cmd("cpu 0", "");
    check_cmd("x /2xw 0xffff000040000000",
              "ffff000040000000: 0x04030201 0x08070605\n");
    check_cmd("x /x 0x1234", "Cannot access memory at address 0x1234\n");
    check_cmd("x /2xw 0xffff00004000fffc",
              "ffff00004000fffc: 0x00000000\n"
              "Cannot access memory at address 0xffff000040010000\n");
    /* $pc of the selected CPU. */
    check_cmd("x /xw $pc", "ffff000040000100: 0xd503201f\n");
    check_cmd("print $pc + 4", "0xffff000040000104 (18446462599806583044)\n");
    check_cmd("p 0x10+6", "0x16 (22)\n");

    g_autofree char *dis = hmp_run_command("x /2i $pc");
    g_auto(GStrv) lines = g_strsplit(dis, "\n", -1);
    g_assert_cmpuint(g_strv_length(lines), ==, 3);      /* 2 lines + "" */
    g_assert_true(g_str_has_prefix(lines[0], "0xffff000040000100:"));
    g_assert_nonnull(strstr(lines[0], "nop"));
    g_assert_true(g_str_has_prefix(lines[1], "0xffff000040000104:"));
    g_assert_nonnull(strstr(lines[1], "ret"));
    check_cmd("x /3i 0x10", "Cannot access memory at address 0x10\n");

    /* Another CPU: its own $pc (not mapped by the test CPU's MMU). */
    check_cmd("cpu 1", "");
    check_cmd("x /xw $pc", "Cannot access memory at address 0x80000\n");
    check_cmd("cpu 0", "");
}

static void test_cpus_registers(void)
{
    check_cmd("cpu 0", "");
    check_cmd("info cpus",
              "* CPU #0: pc=0xffff000040000100\n"
              "  CPU #1: pc=0x0000000000080000 (halted)\n");
    check_cmd("info registers",
              "pc=ffff000040000100 x0=0000000000001234\n");
    check_cmd("info registers -f -s",
              "pc=ffff000040000100 x0=0000000000001234 fpu sys\n");
    check_cmd("info registers -a",
              "CPU#0\npc=ffff000040000100 x0=0000000000001234\n"
              "CPU#1\npc=0000000000080000 x0=0000000000000000\n");
    check_cmd("info registers -z", "unknown option '-z' "
              "(-a all CPUs, -f FP/SIMD, -s system)\n");
    check_cmd("cpu 1", "");
    check_cmd("info cpus",
              "  CPU #0: pc=0xffff000040000100\n"
              "* CPU #1: pc=0x0000000000080000 (halted)\n");
    check_cmd("info registers",
              "pc=0000000000080000 x0=0000000000000000\n");
    check_cmd("cpu 7", "invalid CPU index '7'\n");
    check_cmd("cpu x", "usage: cpu INDEX\n");
    check_cmd("cpu 1 2", "invalid CPU index '1 2'\n");
    check_cmd("cpu 0", "");
}

static void test_run_control(void)
{
    check_cmd("info status", "VM status: paused (prelaunch)\n");
    vm_start();
    check_cmd("info status", "VM status: running\n");
    check_cmd("stop", "");
    g_assert_cmpint(runstate_get(), ==, RUN_STATE_PAUSED);
    check_cmd("info status", "VM status: paused\n");
    check_cmd("c", "");
    g_assert_cmpint(runstate_get(), ==, RUN_STATE_RUNNING);
    check_cmd("stop", "");
    check_cmd("cont", "");
    check_cmd("info status", "VM status: running\n");

    g_assert_false(runstate_process_requests());
    check_cmd("system_reset", "");
    g_assert_false(runstate_process_requests());    /* reset: keeps running */
    check_cmd("quit", "");
    g_assert_true(runstate_process_requests());     /* shutdown requested */
    check_cmd("q", "");
    g_assert_true(runstate_process_requests());
    g_assert_false(runstate_process_requests());
}

static void test_info_misc(void)
{
    g_autofree char *ver = g_strdup_printf("Turtle %s\n", TURTLE_VERSION);
    g_autofree char *qtree = hmp_run_command("info qtree");

    check_cmd("info version", ver);
    /* The test CPUs are devices under /machine. */
    g_assert_nonnull(strstr(qtree, TYPE_TEST_CPU));
    g_autofree char *chr = hmp_run_command("info chardev");
    g_assert_nonnull(chr);
}

static void test_log(void)
{
    g_autofree char *path = NULL;
    g_autofree char *cmd = NULL;
    g_autofree char *help = hmp_run_command("log help");
    int fd;

    check_cmd("log int,guest_errors", "");
    g_assert_cmpuint(log_mask, ==, LOG_INT | LOG_GUEST_ERROR);
    check_cmd("log nosuch", "unknown log category 'nosuch' (-d help lists them)\n");
    g_assert_cmpuint(log_mask, ==, LOG_INT | LOG_GUEST_ERROR);
    check_cmd("log none", "");
    g_assert_cmpuint(log_mask, ==, 0);
    check_cmd("log", "usage: log ITEM1[,ITEM2...] | none | help\n");
    g_assert_nonnull(strstr(help, "guest_errors"));

    fd = g_file_open_tmp("turtle-monitor-log-XXXXXX", &path, NULL);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    cmd = g_strdup_printf("logfile %s", path);
    check_cmd(cmd, "");
    log_printf("hello from the log\n");
    log_flush();
    check_cmd("logfile -", "");
    g_autofree char *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_assert_nonnull(strstr(text, "hello from the log"));
    unlink(path);
    g_autofree char *bad = hmp_run_command("logfile /nonexistent-dir/x/log");
    g_assert_cmpuint(strlen(bad), >, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    machine_setup();

    g_test_add_func("/monitor/readline/editing", test_readline_editing);
    g_test_add_func("/monitor/readline/history", test_readline_history);
    g_test_add_func("/monitor/readline/completion", test_readline_completion);
    g_test_add_func("/monitor/hmp/help", test_help);
    g_test_add_func("/monitor/hmp/unknown", test_unknown);
    g_test_add_func("/monitor/hmp/register", test_register);
    g_test_add_func("/monitor/hmp/info-mtree", test_info_mtree);
    g_test_add_func("/monitor/hmp/xp", test_xp);
    g_test_add_func("/monitor/hmp/xp-errors", test_xp_errors);
    g_test_add_func("/monitor/hmp/x", test_x);
    g_test_add_func("/monitor/hmp/cpus-registers", test_cpus_registers);
    g_test_add_func("/monitor/hmp/run-control", test_run_control);
    g_test_add_func("/monitor/hmp/info-misc", test_info_misc);
    g_test_add_func("/monitor/hmp/log", test_log);
    return g_test_run();
}
