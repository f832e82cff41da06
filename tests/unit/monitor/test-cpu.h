/*
 * test-cpu.h — a tiny CPU model for the monitor tests: enough of CPUClass
 * (registers dump, pc, a fixed virtual->physical mapping, an AArch64
 * disassembler configuration) to drive "info registers", "info cpus", "x"
 * and query-cpus-fast without a real target.
 */
#ifndef TURTLE_TESTS_MONITOR_TEST_CPU_H
#define TURTLE_TESTS_MONITOR_TEST_CPU_H

#include "util/osdep.h"
#include "hw/core/cpu.h"

#define TYPE_TEST_CPU "monitor-test-cpu"

/* Virtual addresses from TEST_CPU_VIRT_BASE map to physical address
 * (vaddr - TEST_CPU_VIRT_BASE); anything below is unmapped. */
#define TEST_CPU_VIRT_BASE 0xffff000000000000ULL

typedef struct TestCPU {
    CPUState parent_obj;
    uint64_t pc;
    uint64_t x0;
} TestCPU;

/* Creates, realizes and adds "/machine/cpu[N]" (N = its cpu_index). */
TestCPU *test_cpu_create(void);

#endif
