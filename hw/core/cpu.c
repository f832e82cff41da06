/*
 * cpu.c — the architecture-independent CPU: the abstract TYPE_CPU device,
 * the machine's list of CPUs, interrupt requests and the debugger's memory
 * access (see hw/core/cpu.h).
 *
 * Interrupt requests may be raised from any thread (a device model on the
 * I/O thread, another vCPU sending an IPI), so they are set with atomic
 * operations; the vCPU sees exit_request at its next block entry.
 */
#include "util/osdep.h"
#include "hw/core/cpu.h"

GPtrArray *cpu_list;

CPUState *cpu_by_index(int index)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        if (cpu->cpu_index == index) {
            return cpu;
        }
    }
    return NULL;
}

int cpu_count(void)
{
    return cpu_list ? (int)cpu_list->len : 0;
}

void cpu_list_add(CPUState *cpu)
{
    guint pos;

    if (!cpu_list) {
        cpu_list = g_ptr_array_new();
    }
    /* Realizing twice (a subclass chaining to this hook by hand) is harmless. */
    if (g_ptr_array_find(cpu_list, cpu, NULL)) {
        return;
    }
    if (cpu->cpu_index < 0) {
        /* The next index after the highest: indexes stay stable when a CPU
         * in the middle goes away. */
        cpu->cpu_index = 0;
        if (cpu_list->len) {
            CPUState *last = g_ptr_array_index(cpu_list, cpu_list->len - 1);
            cpu->cpu_index = last->cpu_index + 1;
        }
    } else if (cpu_by_index(cpu->cpu_index)) {
        fprintf(stderr, "two CPUs with index %d\n", cpu->cpu_index);
        abort();
    }
    /* Keep the list in cpu_index order (a board may preset indexes). */
    for (pos = 0; pos < cpu_list->len; pos++) {
        CPUState *other = g_ptr_array_index(cpu_list, pos);
        if (other->cpu_index > cpu->cpu_index) {
            break;
        }
    }
    g_ptr_array_insert(cpu_list, pos, cpu);
}

void cpu_list_remove(CPUState *cpu)
{
    if (cpu_list) {
        g_ptr_array_remove(cpu_list, cpu);
    }
}

void cpu_interrupt(CPUState *cpu, uint32_t mask)
{
    __atomic_fetch_or(&cpu->interrupt_request, mask, __ATOMIC_SEQ_CST);
    cpu_exit(cpu);
}

void cpu_reset_interrupt(CPUState *cpu, uint32_t mask)
{
    __atomic_fetch_and(&cpu->interrupt_request, ~mask, __ATOMIC_SEQ_CST);
}

void cpu_exit(CPUState *cpu)
{
    __atomic_store_n(&cpu->exit_request, 1, __ATOMIC_SEQ_CST);
}

bool cpu_memory_rw_debug(CPUState *cpu, vaddr addr, void *buf, size_t len,
                         bool is_write)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);
    AddressSpace *as = cpu->as ? cpu->as : get_address_space_memory();
    MemTxAttrs attrs = MEMTXATTRS_UNSPECIFIED;
    uint8_t *p = buf;

    attrs.debug = 1;
    /* Page by page: consecutive virtual pages need not be consecutive in
     * physical memory. The translation granule is the smallest page of any
     * guest, so a larger guest page just costs a few more walks. */
    while (len) {
        vaddr page = addr & PHYS_PAGE_MASK;
        size_t chunk = MIN(len, (size_t)(page + PHYS_PAGE_SIZE - addr));
        hwaddr phys;
        MemTxResult r;

        phys = cc->get_phys_page_debug ? cc->get_phys_page_debug(cpu, page)
                                       : page;
        if (phys == HWADDR_MAX) {
            return false;
        }
        phys = (phys & PHYS_PAGE_MASK) + (addr - page);
        if (is_write) {
            /* Through the ROM path, so a debugger can set breakpoints in
             * firmware. */
            r = address_space_write_rom(as, phys, p, chunk);
        } else {
            r = address_space_read(as, phys, attrs, p, chunk);
        }
        if (r != MEMTX_OK) {
            return false;
        }
        p += chunk;
        addr += chunk;
        len -= chunk;
    }
    return true;
}

static void cpu_common_realize(DeviceState *dev, GError **errp)
{
    CPUState *cpu = CPU(dev);

    if (!cpu->as) {
        cpu->as = get_address_space_memory();
    }
    cpu_list_add(cpu);
}

static void cpu_common_unrealize(DeviceState *dev)
{
    cpu_list_remove(CPU(dev));
}

/* The architecture-independent part of a CPU reset; the target's reset hook
 * runs after it and may, for instance, keep secondary CPUs stopped. */
static void cpu_common_reset(DeviceState *dev)
{
    CPUState *cpu = CPU(dev);

    cpu->interrupt_request = 0;
    cpu->exit_request = 0;
    cpu->halted = false;
    cpu->stop_request = false;
    cpu->exception_index = -1;
    cpu->can_do_io = true;
}

static void cpu_instance_init(Object *obj)
{
    CPUState *cpu = CPU(obj);

    cpu->cpu_index = -1;
    cpu->exception_index = -1;
    cpu->can_do_io = true;
    cpu->breakpoints = g_array_new(FALSE, FALSE, sizeof(vaddr));
    /* watchpoints: created by the gdbstub, which knows CPUWatchpoint. */
}

static void cpu_instance_finalize(Object *obj)
{
    CPUState *cpu = CPU(obj);

    cpu_list_remove(cpu);
    g_array_free(cpu->breakpoints, TRUE);
    if (cpu->watchpoints) {
        g_array_free(cpu->watchpoints, TRUE);
    }
}

static void cpu_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->realize = cpu_common_realize;
    dc->unrealize = cpu_common_unrealize;
    dc->reset = cpu_common_reset;
}

static const TypeInfo cpu_info = {
    .name = TYPE_CPU,
    .parent = TYPE_DEVICE,
    .abstract = true,
    .instance_size = sizeof(CPUState),
    .class_size = sizeof(CPUClass),
    .class_init = cpu_class_init,
    .instance_init = cpu_instance_init,
    .instance_finalize = cpu_instance_finalize,
    .description = "the base of every CPU model",
};
TYPE_REGISTER(cpu_info)
