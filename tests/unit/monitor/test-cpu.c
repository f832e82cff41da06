/*
 * test-cpu.c — the CPU model of the monitor tests (see test-cpu.h).
 */
#include "util/osdep.h"
#include "test-cpu.h"
#include <capstone/capstone.h>

#define TEST_CPU(obj) OBJECT_CHECK(TestCPU, (obj), TYPE_TEST_CPU)

static void test_cpu_dump_state(CPUState *cpu, GString *out, unsigned flags)
{
    TestCPU *t = TEST_CPU(cpu);

    g_string_append_printf(out, "pc=%016" PRIx64 " x0=%016" PRIx64 "%s%s\n",
                           t->pc, t->x0,
                           flags & CPU_DUMP_FPU ? " fpu" : "",
                           flags & CPU_DUMP_SYS ? " sys" : "");
}

static vaddr test_cpu_get_pc(CPUState *cpu)
{
    return TEST_CPU(cpu)->pc;
}

static void test_cpu_set_pc(CPUState *cpu, vaddr pc)
{
    TEST_CPU(cpu)->pc = pc;
}

static hwaddr test_cpu_get_phys_page_debug(CPUState *cpu, vaddr addr)
{
    return addr >= TEST_CPU_VIRT_BASE ? addr - TEST_CPU_VIRT_BASE : HWADDR_MAX;
}

static void test_cpu_disas_config(CPUState *cpu, int *arch, int *mode)
{
    *arch = CS_ARCH_ARM64;
    *mode = CS_MODE_ARM;
}

static void test_cpu_class_init(ObjectClass *oc, const void *data)
{
    CPUClass *cc = CPU_CLASS(oc);

    cc->arch_name = "aarch64";
    cc->dump_state = test_cpu_dump_state;
    cc->get_pc = test_cpu_get_pc;
    cc->set_pc = test_cpu_set_pc;
    cc->get_phys_page_debug = test_cpu_get_phys_page_debug;
    cc->disas_config = test_cpu_disas_config;
}

static const TypeInfo test_cpu_info = {
    .name = TYPE_TEST_CPU,
    .parent = TYPE_CPU,
    .instance_size = sizeof(TestCPU),
    .class_init = test_cpu_class_init,
};
TYPE_REGISTER(test_cpu_info)

TestCPU *test_cpu_create(void)
{
    Object *machine = object_container_get(object_get_root(), "machine");
    DeviceState *dev = device_new(TYPE_TEST_CPU);
    GError *err = NULL;
    g_autofree char *name = NULL;

    g_assert_nonnull(dev);
    g_assert_true(device_realize(dev, &err));
    g_assert_no_error(err);
    name = g_strdup_printf("cpu[%d]", CPU(dev)->cpu_index);
    object_add_child(machine, name, OBJECT(dev));
    object_unref(OBJECT(dev));
    return TEST_CPU(dev);
}
