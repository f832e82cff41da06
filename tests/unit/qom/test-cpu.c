/*
 * test-cpu.c — unit tests of the CPU base type: the CPU list and indexes,
 * interrupt requests and exit requests, the common reset, and the debugger's
 * memory access through get_phys_page_debug (page by page, ROM writable).
 */
#include "util/osdep.h"
#include "hw/core/cpu.h"

#define TYPE_TEST_CPU "test-cpu"

#define VIRT_BASE 0x40000000ULL
#define RAM_BASE  0x80000000ULL
#define ROM_BASE  0x90000000ULL
#define NPAGES    16

typedef struct TestCPU {
    CPUState parent_obj;
    bool saw_clean_state;               /* at the target reset */
} TestCPU;

/*
 * A toy MMU: virtual pages VIRT_BASE + n map to RAM pages in reverse order
 * (NPAGES - 1 - n), so consecutive virtual pages are not consecutive in
 * physical memory; VIRT_BASE + NPAGES maps to the ROM; the rest is unmapped.
 */
static hwaddr test_cpu_get_phys_page_debug(CPUState *cpu, vaddr addr)
{
    uint64_t n;

    if (addr < VIRT_BASE) {
        return HWADDR_MAX;
    }
    n = (addr - VIRT_BASE) / PHYS_PAGE_SIZE;
    if (n < NPAGES) {
        return RAM_BASE + (NPAGES - 1 - n) * PHYS_PAGE_SIZE;
    }
    if (n == NPAGES) {
        return ROM_BASE;
    }
    return HWADDR_MAX;
}

static void test_cpu_reset(DeviceState *dev)
{
    CPUState *cpu = CPU(dev);

    /* The common part ran first. */
    ((TestCPU *)dev)->saw_clean_state =
        cpu->interrupt_request == 0 && !cpu->halted &&
        cpu->exception_index == -1;
}

static void test_cpu_class_init(ObjectClass *oc, const void *data)
{
    CPUClass *cc = CPU_CLASS(oc);

    cc->arch_name = "toy";
    cc->get_phys_page_debug = test_cpu_get_phys_page_debug;
    DEVICE_CLASS(oc)->reset = test_cpu_reset;
}

static const TypeInfo test_cpu_info = {
    .name = TYPE_TEST_CPU, .parent = TYPE_CPU,
    .instance_size = sizeof(TestCPU), .class_init = test_cpu_class_init,
};
TYPE_REGISTER(test_cpu_info)

static CPUState *new_cpu(int preset_index)
{
    CPUState *cpu = CPU(object_new(TYPE_TEST_CPU));

    if (preset_index >= 0) {
        cpu->cpu_index = preset_index;
    }
    g_assert_true(device_realize(DEVICE(cpu), NULL));
    return cpu;
}

static void test_cpu_list(void)
{
    CPUState *c0, *c1, *c2, *c3, *c9, *cpu;
    int seen[8], n = 0;

    g_assert_cmpint(cpu_count(), ==, 0);
    c0 = new_cpu(-1);
    c1 = new_cpu(-1);
    c2 = new_cpu(-1);
    g_assert_cmpint(c0->cpu_index, ==, 0);
    g_assert_cmpint(c1->cpu_index, ==, 1);
    g_assert_cmpint(c2->cpu_index, ==, 2);
    g_assert_cmpint(cpu_count(), ==, 3);
    g_assert(cpu_by_index(1) == c1);
    g_assert_null(cpu_by_index(3));
    g_assert(c0->as == get_address_space_memory());

    /* Adding twice changes nothing. */
    cpu_list_add(c1);
    g_assert_cmpint(cpu_count(), ==, 3);

    /* Removing one keeps the others' indexes; the next gets a fresh one. */
    object_unref(OBJECT(c1));
    g_assert_cmpint(cpu_count(), ==, 2);
    g_assert_null(cpu_by_index(1));
    c3 = new_cpu(-1);
    g_assert_cmpint(c3->cpu_index, ==, 3);

    /* A preset index is kept and the list stays in index order. */
    c9 = new_cpu(9);
    cpu = new_cpu(1);
    CPU_FOREACH(cpu) {
        seen[n++] = cpu->cpu_index;
    }
    g_assert_cmpint(n, ==, 5);
    g_assert_cmpint(seen[0], ==, 0);
    g_assert_cmpint(seen[1], ==, 1);
    g_assert_cmpint(seen[2], ==, 2);
    g_assert_cmpint(seen[3], ==, 3);
    g_assert_cmpint(seen[4], ==, 9);
    g_assert(cpu_by_index(9) == c9);

    while (cpu_count()) {
        object_unref(g_ptr_array_index(cpu_list, 0));
    }
    g_assert_cmpint(cpu_count(), ==, 0);
}

static void test_interrupts_and_reset(void)
{
    CPUState *cpu = new_cpu(-1);
    TestCPU *tc = (TestCPU *)cpu;

    g_assert_cmpint(cpu->exit_request, ==, 0);
    cpu_interrupt(cpu, CPU_INTERRUPT_HARD);
    g_assert_cmphex(cpu->interrupt_request, ==, CPU_INTERRUPT_HARD);
    g_assert_cmpint(cpu->exit_request, ==, 1);
    cpu->exit_request = 0;
    cpu_interrupt(cpu, CPU_INTERRUPT_FIQ | CPU_INTERRUPT_VIRQ);
    g_assert_cmphex(cpu->interrupt_request, ==,
                    CPU_INTERRUPT_HARD | CPU_INTERRUPT_FIQ | CPU_INTERRUPT_VIRQ);
    g_assert_cmpint(cpu->exit_request, ==, 1);
    cpu_reset_interrupt(cpu, CPU_INTERRUPT_HARD | CPU_INTERRUPT_VIRQ);
    g_assert_cmphex(cpu->interrupt_request, ==, CPU_INTERRUPT_FIQ);
    cpu->exit_request = 0;
    cpu_exit(cpu);
    g_assert_cmpint(cpu->exit_request, ==, 1);

    cpu->halted = true;
    cpu->exception_index = 5;
    device_reset(DEVICE(cpu));
    g_assert_cmphex(cpu->interrupt_request, ==, 0);
    g_assert_cmpint(cpu->exit_request, ==, 0);
    g_assert_false(cpu->halted);
    g_assert_cmpint(cpu->exception_index, ==, -1);
    g_assert_true(tc->saw_clean_state);
    object_unref(OBJECT(cpu));
}

static MemoryRegion ram, rom;

static void setup_memory(void)
{
    g_assert_true(memory_region_init_ram(&ram, NULL, "ram",
                                         NPAGES * PHYS_PAGE_SIZE, NULL));
    g_assert_true(memory_region_init_rom(&rom, NULL, "rom", PHYS_PAGE_SIZE,
                                         NULL));
    memory_region_add_subregion(get_system_memory(), RAM_BASE, &ram);
    memory_region_add_subregion(get_system_memory(), ROM_BASE, &rom);
}

static void test_memory_rw_debug(void)
{
    CPUState *cpu = new_cpu(-1);
    AddressSpace *as = get_address_space_memory();
    uint8_t buf[PHYS_PAGE_SIZE + 16];
    uint8_t *host = memory_region_get_ram_ptr(&ram);
    static const char msg[] = "hello, page";

    /* A write across the boundary of virtual pages 0 and 1 lands at the end
     * of RAM page 15 and the start of RAM page 14. */
    g_assert_true(cpu_memory_rw_debug(cpu, VIRT_BASE + PHYS_PAGE_SIZE - 5,
                                      (void *)msg, sizeof(msg), true));
    g_assert_cmpmem(host + 16 * PHYS_PAGE_SIZE - 5, 5, "hello", 5);
    g_assert_cmpmem(host + 14 * PHYS_PAGE_SIZE, sizeof(msg) - 5, msg + 5,
                    sizeof(msg) - 5);
    memset(buf, 0, sizeof(buf));
    g_assert_true(cpu_memory_rw_debug(cpu, VIRT_BASE + PHYS_PAGE_SIZE - 5,
                                      buf, sizeof(msg), false));
    g_assert_cmpstr((char *)buf, ==, msg);

    /* More than a page, through the physical address space as well. */
    for (size_t i = 0; i < sizeof(buf); i++) {
        buf[i] = i * 7;
    }
    g_assert_true(cpu_memory_rw_debug(cpu, VIRT_BASE + 3 * PHYS_PAGE_SIZE + 8,
                                      buf, sizeof(buf), true));
    {
        uint8_t check[8];
        g_assert_cmpint(address_space_read(as, RAM_BASE + 12 * PHYS_PAGE_SIZE
                                           + 8, MEMTXATTRS_UNSPECIFIED, check,
                                           8), ==, MEMTX_OK);
        g_assert_cmpmem(check, 8, buf, 8);
        g_assert_cmpint(address_space_read(as, RAM_BASE + 11 * PHYS_PAGE_SIZE,
                                           MEMTXATTRS_UNSPECIFIED, check,
                                           8), ==, MEMTX_OK);
        g_assert_cmpmem(check, 8, buf + PHYS_PAGE_SIZE - 8, 8);
    }

    /* The debugger may patch ROM (to set a breakpoint in firmware). */
    g_assert_true(cpu_memory_rw_debug(cpu, VIRT_BASE + NPAGES * PHYS_PAGE_SIZE
                                      + 0x10, (void *)"BRK", 3, true));
    g_assert_cmpmem((uint8_t *)memory_region_get_ram_ptr(&rom) + 0x10, 3,
                    "BRK", 3);

    /* Unmapped virtual addresses fail, also when only the tail is. */
    g_assert_false(cpu_memory_rw_debug(cpu, 0x1000, buf, 4, false));
    g_assert_false(cpu_memory_rw_debug(cpu, VIRT_BASE + (NPAGES + 1) *
                                       PHYS_PAGE_SIZE - 2, buf, 4, false));
    object_unref(OBJECT(cpu));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    setup_memory();
    g_test_add_func("/qom/cpu/list", test_cpu_list);
    g_test_add_func("/qom/cpu/interrupts-and-reset", test_interrupts_and_reset);
    g_test_add_func("/qom/cpu/memory-rw-debug", test_memory_rw_debug);
    return g_test_run();
}
