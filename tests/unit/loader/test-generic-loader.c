/*
 * test-generic-loader.c — the "-device loader" device (hw/core/
 * generic-loader.c) created from -device text as the command line does, and
 * cpu_disas() (hw/core/cpu-disas.c), on a small test CPU.
 *
 * Memory: 16 MiB of RAM at 0x40000000 in the system address space. The
 * test CPU sees it at virtual 0xffff000040000000 (a fixed offset), so that
 * cpu_disas is seen to go through the CPU's translation.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "exec/memory.h"
#include "hw/qdev.h"
#include "hw/core/cpu.h"
#include "hw/loader.h"
#include "sysemu/runstate.h"
#include "elf-build.h"

#include <glib/gstdio.h>
#include <capstone/capstone.h>

#define RAM_BASE    0x40000000ULL
#define RAM_SIZE    (16 * MiB)
#define VIRT_OFFSET 0xffff000000000000ULL
#define RESET_PC    0xdead0000ULL

/* ---- A test CPU ----------------------------------------------------------- */

#define TYPE_LOADER_TEST_CPU "loader-test-cpu"
#define TYPE_LOADER_TEST_CPU_NODIS "loader-test-cpu-nodis"

typedef struct LoaderTestCPU {
    CPUState parent_obj;
    vaddr pc;
} LoaderTestCPU;

#define LOADER_TEST_CPU(obj) \
    OBJECT_CHECK(LoaderTestCPU, (obj), TYPE_LOADER_TEST_CPU)

static void test_cpu_set_pc(CPUState *cpu, vaddr pc)
{
    LOADER_TEST_CPU(cpu)->pc = pc;
}

static vaddr test_cpu_get_pc(CPUState *cpu)
{
    return LOADER_TEST_CPU(cpu)->pc;
}

static hwaddr test_cpu_get_phys_page_debug(CPUState *cpu, vaddr addr)
{
    if (addr < VIRT_OFFSET + RAM_BASE ||
        addr >= VIRT_OFFSET + RAM_BASE + RAM_SIZE) {
        return HWADDR_MAX;
    }
    return addr - VIRT_OFFSET;
}

static void test_cpu_disas_config(CPUState *cpu, int *arch, int *mode)
{
    *arch = CS_ARCH_ARM64;
    *mode = CS_MODE_ARM;
}

/* The architectural reset: the PC goes to a reset vector the loader must
 * override afterwards. */
static void test_cpu_reset(DeviceState *dev)
{
    LOADER_TEST_CPU(dev)->pc = RESET_PC;
}

static void test_cpu_class_init(ObjectClass *oc, const void *data)
{
    CPUClass *cc = CPU_CLASS(oc);

    DEVICE_CLASS(oc)->reset = test_cpu_reset;
    cc->arch_name = "aarch64";
    cc->set_pc = test_cpu_set_pc;
    cc->get_pc = test_cpu_get_pc;
    cc->get_phys_page_debug = test_cpu_get_phys_page_debug;
    cc->disas_config = data ? NULL : test_cpu_disas_config;
}

static const TypeInfo test_cpu_info = {
    .name = TYPE_LOADER_TEST_CPU,
    .parent = TYPE_CPU,
    .instance_size = sizeof(LoaderTestCPU),
    .class_init = test_cpu_class_init,
};
TYPE_REGISTER(test_cpu_info)

static const TypeInfo test_cpu_nodis_info = {
    .name = TYPE_LOADER_TEST_CPU_NODIS,
    .parent = TYPE_LOADER_TEST_CPU,
    .class_init = test_cpu_class_init,
    .class_data = "no disassembler",
};
TYPE_REGISTER(test_cpu_nodis_info)

/* ---- Fixture ---------------------------------------------------------- */

static MemoryRegion ram;
static CPUState *cpus[2];
static char *tmpdir;

static void setup(void)
{
    g_assert_true(memory_region_init_ram(&ram, NULL, "ram", RAM_SIZE, NULL));
    memory_region_add_subregion(get_system_memory(), RAM_BASE, &ram);

    for (int i = 0; i < 2; i++) {
        DeviceState *dev = device_new(TYPE_LOADER_TEST_CPU);
        g_autofree char *name = g_strdup_printf("cpu%d", i);

        object_add_child(object_get_root(), name, OBJECT(dev));
        object_unref(OBJECT(dev));
        g_assert_true(device_realize(dev, NULL));
        cpus[i] = CPU(dev);
    }
    g_assert_cmpint(cpus[1]->cpu_index, ==, 1);
    tmpdir = g_dir_make_tmp("turtle-gloader-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
}

static uint8_t *ram_ptr(hwaddr addr)
{
    g_assert(addr >= RAM_BASE && addr < RAM_BASE + RAM_SIZE);
    return (uint8_t *)memory_region_get_ram_ptr(&ram) + (addr - RAM_BASE);
}

static vaddr cpu_pc(int n)
{
    return LOADER_TEST_CPU(cpus[n])->pc;
}

static char *write_temp(const char *name, const void *data, size_t len)
{
    char *path = g_build_filename(tmpdir, name, NULL);
    GError *err = NULL;

    g_assert_true(g_file_set_contents(path, data, len, &err));
    return path;
}

/* Creates a loader from -device text; NULL on success or the message. */
static char *create(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static char *create(const char *fmt, ...)
{
    va_list ap;
    g_autofree char *opts = NULL;
    GError *err = NULL;
    DeviceState *dev;
    char *msg;

    va_start(ap, fmt);
    opts = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    dev = device_create_from_opts(opts, NULL, &err);
    if (dev) {
        g_assert_null(err);
        return NULL;
    }
    g_assert_nonnull(err);
    msg = g_strdup(err->message);
    g_error_free(err);
    return msg;
}

#define assert_created(...) do { \
        g_autofree char *msg_ = create(__VA_ARGS__); \
        g_assert_cmpstr(msg_, ==, NULL); \
    } while (0)

#define assert_refused(expected, ...) do { \
        g_autofree char *msg_ = create(__VA_ARGS__); \
        g_assert_cmpstr(msg_, ==, (expected)); \
    } while (0)

/* ---- The loader device --------------------------------------------------- */

static void test_elf_sets_pc_and_survives_reset(void)
{
    ElfBuildSpec s = {
        .is64 = true, .machine = 183, .entry = 0xffff800000000010ULL,
        .nr_segs = 2,
        .segs = {
            { .vaddr = 0xffff800000000000ULL, .paddr = RAM_BASE + 0x100000,
              .filesz = 0x40, .memsz = 0x40 },
            { .vaddr = 0xffff800000010000ULL, .paddr = RAM_BASE + 0x110000,
              .filesz = 0x10, .memsz = 0x1000 },
        },
    };
    g_autoptr(GByteArray) b = elfb_build(&s);
    g_autofree char *path = write_temp("fw.elf", b->data, b->len);

    memset(ram_ptr(RAM_BASE + 0x100000), 0xaa, 0x20000);
    assert_created("loader,file=%s,cpu-num=0", path);
    g_assert_cmphex(*ram_ptr(RAM_BASE + 0x100000), ==, elfb_pattern_byte(0, 0));
    g_assert_cmphex(*ram_ptr(RAM_BASE + 0x110010), ==, 0);
    g_assert_cmphex(cpu_pc(0), ==, RAM_BASE + 0x100010);

    /* The guest scribbles over its image; a reset puts it back and points
     * the CPU at it again, after the CPU's own reset. */
    memset(ram_ptr(RAM_BASE + 0x100000), 0x55, 0x20000);
    system_reset(SHUTDOWN_CAUSE_NONE);
    g_assert_cmphex(*ram_ptr(RAM_BASE + 0x100000), ==, elfb_pattern_byte(0, 0));
    g_assert_cmphex(*ram_ptr(RAM_BASE + 0x100030), ==,
                    elfb_pattern_byte(0, 0x30));
    g_assert_cmphex(*ram_ptr(RAM_BASE + 0x110fff), ==, 0);
    g_assert_cmphex(*ram_ptr(RAM_BASE + 0x111000), ==, 0x55);
    g_assert_cmphex(cpu_pc(0), ==, RAM_BASE + 0x100010);
    g_assert_cmphex(cpu_pc(1), ==, RESET_PC);
}

static void test_raw_file(void)
{
    static const uint8_t blob[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    g_autofree char *path = write_temp("blob.bin", blob, sizeof(blob));
    g_autofree char *e1 = NULL, *e2 = NULL;

    system_reset(SHUTDOWN_CAUSE_NONE);
    assert_created("loader,file=%s,addr=0x40200000", path);
    g_assert_cmpmem(ram_ptr(0x40200000), sizeof(blob), blob, sizeof(blob));
    g_assert_cmphex(cpu_pc(0), !=, 0x40200000);

    /* With cpu-num, the PC goes to addr. */
    assert_created("loader,file=%s,addr=0x40300000,cpu-num=1", path);
    g_assert_cmpmem(ram_ptr(0x40300000), sizeof(blob), blob, sizeof(blob));
    g_assert_cmphex(cpu_pc(1), ==, 0x40300000);

    /* addr=0 is an address like any other (here: not RAM). */
    e1 = g_strdup_printf("could not load '%s': image at 0x0 (9 bytes) does "
                         "not fit in guest RAM", path);
    assert_refused(e1, "loader,file=%s,addr=0", path);
    e2 = g_strdup_printf("could not load '%s': not an ELF file: a raw image "
                         "needs addr=", path);
    assert_refused(e2, "loader,file=%s", path);
}

static void test_force_raw(void)
{
    ElfBuildSpec s = {
        .is64 = true, .machine = 183, .entry = RAM_BASE, .nr_segs = 1,
        .segs = { { .paddr = RAM_BASE + 0x400000, .filesz = 8, .memsz = 8 } },
    };
    g_autoptr(GByteArray) b = elfb_build(&s);
    g_autofree char *path = write_temp("raw.elf", b->data, b->len);

    memset(ram_ptr(RAM_BASE + 0x400000), 0xaa, 64);
    assert_created("loader,file=%s,addr=0x40500000,force-raw=on", path);
    g_assert_cmpmem(ram_ptr(0x40500000), b->len, b->data, b->len);
    g_assert_cmphex(*ram_ptr(RAM_BASE + 0x400000), ==, 0xaa);
}

static void test_data(void)
{
    assert_created("loader,addr=0x40600000,data=0x11223344,data-len=4");
    g_assert_cmphex(*ram_ptr(0x40600000), ==, 0x44);
    g_assert_cmphex(*ram_ptr(0x40600003), ==, 0x11);
    g_assert_cmphex(*ram_ptr(0x40600004), ==, 0x00);

    assert_created("loader,addr=0x40600010,data=0x1122334455667788,"
                   "data-len=8,data-be=on");
    g_assert_cmphex(*ram_ptr(0x40600010), ==, 0x11);
    g_assert_cmphex(*ram_ptr(0x40600017), ==, 0x88);

    /* data=0 is a value like any other. */
    *ram_ptr(0x40600020) = 0xff;
    assert_created("loader,addr=0x40600020,data=0,data-len=1");
    g_assert_cmphex(*ram_ptr(0x40600020), ==, 0);

    /* Restored at reset. */
    *ram_ptr(0x40600000) = 0;
    system_reset(SHUTDOWN_CAUSE_NONE);
    g_assert_cmphex(*ram_ptr(0x40600000), ==, 0x44);

    assert_refused("data-len=3: must be 1, 2, 4 or 8",
                   "loader,addr=0x40600000,data=1,data-len=3");
    assert_refused("data=0x100 does not fit in data-len=1 bytes",
                   "loader,addr=0x40600000,data=0x100,data-len=1");
    assert_refused("data= needs data-len= (1, 2, 4 or 8)",
                   "loader,addr=0x40600000,data=1");
    assert_refused("data-len= needs data=",
                   "loader,addr=0x40600000,data-len=4");
    assert_refused("data= needs addr=", "loader,data=1,data-len=4");
    assert_refused("data at 0x80000000 (4 bytes) does not fit in guest RAM",
                   "loader,addr=0x80000000,data=1,data-len=4");
}

static void test_pc_only(void)
{
    assert_created("loader,addr=0x40700000,cpu-num=1");
    g_assert_cmphex(cpu_pc(1), ==, 0x40700000);
    system_reset(SHUTDOWN_CAUSE_NONE);
    g_assert_cmphex(cpu_pc(1), ==, 0x40700000);
}

static void test_refusals(void)
{
    g_autofree char *missing = g_build_filename(tmpdir, "missing.elf", NULL);
    ElfBuildSpec s = {
        .is64 = true, .machine = 183, .entry = 0, .nr_segs = 1,
        .segs = { { .paddr = 0x80000000, .filesz = 8, .memsz = 8 } },
    };
    g_autoptr(GByteArray) b = elfb_build(&s);
    g_autofree char *outside = write_temp("outside.elf", b->data, b->len);
    g_autofree char *e1 = NULL, *e2 = NULL;

    assert_refused("cpu-num=5: no such CPU (the machine has 2)",
                   "loader,addr=0x40000000,cpu-num=5");
    e1 = g_strdup_printf("could not load '%s': No such file or directory",
                         missing);
    assert_refused(e1, "loader,file=%s", missing);
    e2 = g_strdup_printf("could not load '%s': segment at 0x80000000 (8 bytes) "
                         "does not fit in guest RAM", outside);
    assert_refused(e2, "loader,file=%s,cpu-num=0", outside);
    assert_refused("needs file=, data= with data-len=, or addr= with cpu-num=",
                   "loader");
    assert_refused("needs file=, data= with data-len=, or addr= with cpu-num=",
                   "loader,addr=0x40000000");
    assert_refused("file= and data= cannot be used together",
                   "loader,file=%s,data=1,data-len=1", outside);
}

/* ---- cpu_disas ----------------------------------------------------------- */

static void put_insns(hwaddr addr, const uint32_t *insns, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t le = GUINT32_TO_LE(insns[i]);
        memcpy(ram_ptr(addr + 4 * i), &le, 4);
    }
}

static void test_cpu_disas(void)
{
    static const uint32_t code[] = { 0xd503201f, 0xd65f03c0, 0xffffffff };
    g_autoptr(GString) out = g_string_new(NULL);
    vaddr va = VIRT_OFFSET + RAM_BASE + 0x800000;

    put_insns(RAM_BASE + 0x800000, code, 3);

    cpu_disas(cpus[0], out, va, 3, true);
    g_assert_cmpstr(out->str, ==,
        "0xffff000040800000:  d503201f  nop\n"
        "0xffff000040800004:  d65f03c0  ret\n"
        "0xffff000040800008:  ffffffff  .inst    0xffffffff\n");

    /* A length in bytes. */
    g_string_truncate(out, 0);
    cpu_disas(cpus[0], out, va + 4, 4, false);
    g_assert_cmpstr(out->str, ==, "0xffff000040800004:  d65f03c0  ret\n");

    /* Running off the end of what the CPU can see. */
    put_insns(RAM_BASE + RAM_SIZE - 4, code, 1);
    g_string_truncate(out, 0);
    cpu_disas(cpus[0], out, VIRT_OFFSET + RAM_BASE + RAM_SIZE - 4, 5, true);
    g_assert_cmpstr(out->str, ==,
        "0xffff000040fffffc:  d503201f  nop\n"
        "0xffff000041000000:  (cannot read guest memory)\n");

    /* An unmapped address. */
    g_string_truncate(out, 0);
    cpu_disas(cpus[0], out, 0x1000, 2, true);
    g_assert_cmpstr(out->str, ==,
                    "0x0000000000001000:  (cannot read guest memory)\n");
}

static void test_cpu_disas_no_disassembler(void)
{
    DeviceState *dev = device_new(TYPE_LOADER_TEST_CPU_NODIS);
    g_autoptr(GString) out = g_string_new(NULL);

    cpu_disas(CPU(dev), out, 0x1000, 1, true);
    g_assert_cmpstr(out->str, ==,
                    "0x0000000000001000:  (this CPU has no disassembler)\n");
    object_unref(OBJECT(dev));
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    setup();

    g_test_add_func("/generic-loader/elf-pc-reset",
                    test_elf_sets_pc_and_survives_reset);
    g_test_add_func("/generic-loader/raw", test_raw_file);
    g_test_add_func("/generic-loader/force-raw", test_force_raw);
    g_test_add_func("/generic-loader/data", test_data);
    g_test_add_func("/generic-loader/pc-only", test_pc_only);
    g_test_add_func("/generic-loader/refusals", test_refusals);
    g_test_add_func("/cpu-disas/lines", test_cpu_disas);
    g_test_add_func("/cpu-disas/no-disassembler",
                    test_cpu_disas_no_disassembler);
    ret = g_test_run();

    {
        g_autoptr(GDir) d = g_dir_open(tmpdir, 0, NULL);
        const char *name;

        while (d && (name = g_dir_read_name(d))) {
            g_autofree char *p = g_build_filename(tmpdir, name, NULL);
            g_unlink(p);
        }
        g_rmdir(tmpdir);
    }
    g_free(tmpdir);
    return ret;
}
