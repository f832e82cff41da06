/*
 * harness.c — the test machine and the stubs of the arm64 MMU unit tests
 * (see harness.h).
 */
#include "harness.h"

ARMCPU *tcpu;
CPUARMState *tenv;
AddressSpace tas;
uint64_t mmio_mem[MMIO_SIZE / 8];

static MemoryRegion sysmem, ram, mmio;
static hwaddr alloc_next;

GArray *tlb_calls;
int test_ncpus = 1;
TestExcp last_excp;
sigjmp_buf *excp_jmp;
uint32_t test_insn_iss;
GPtrArray *registered_rows;

/* ---- Memory ------------------------------------------------------------- */

/* A device that reads and writes like memory, 8 bytes at a time. */
static uint64_t mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    return mmio_mem[(addr / 8) % (MMIO_SIZE / 8)];
}

static void mmio_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    mmio_mem[(addr / 8) % (MMIO_SIZE / 8)] = data;
}

static const MemoryRegionOps mmio_ops = {
    .read = mmio_read,
    .write = mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 8, .max_access_size = 8 },
    .impl = { .min_access_size = 8, .max_access_size = 8 },
};

static void machine_init_once(void)
{
    GError *err = NULL;

    if (tcpu) {
        return;
    }
    memory_region_transaction_begin();
    memory_region_init_container(&sysmem, NULL, "system", UINT64_MAX);
    g_assert_true(memory_region_init_ram(&ram, NULL, "ram", RAM_SIZE, &err));
    g_assert_no_error(err);
    memory_region_init_io(&mmio, NULL, &mmio_ops, NULL, "tables", MMIO_SIZE);
    memory_region_add_subregion(&sysmem, RAM_BASE, &ram);
    memory_region_add_subregion(&sysmem, MMIO_BASE, &mmio);
    memory_region_transaction_commit();
    address_space_init(&tas, &sysmem, "cpu-memory");

    tcpu = g_new0(ARMCPU, 1);
    tenv = &tcpu->env;
    tcpu->parent_obj.as = &tas;
    tcpu->parent_obj.env_ptr = tenv;
    tlb_calls = g_array_new(false, true, sizeof(TlbCall));
    registered_rows = g_ptr_array_new();
}

void machine_reset(void)
{
    machine_init_once();
    memset(tenv, 0, sizeof(*tenv));
    memset(&tcpu->isar, 0, sizeof(tcpu->isar));
    memset(ram.ram_ptr, 0, RAM_SIZE);
    memset(mmio_mem, 0, sizeof(mmio_mem));
    alloc_next = TABLE_AREA;
    g_array_set_size(tlb_calls, 0);
    g_ptr_array_set_size(registered_rows, 0);
    memset(&last_excp, 0, sizeof(last_excp));
    test_ncpus = 1;
    test_insn_iss = 0;

    tenv->features = (1ull << ARM_FEATURE_AARCH64) | (1ull << ARM_FEATURE_EL2);
    tenv->pstate = 1u << PSTATE_EL_SHIFT | PSTATE_SP;
    /* PARange 48 bits; TGran4/64 supported (0), TGran16 supported (1). */
    tcpu->isar.id_aa64mmfr0 = 5 | (1ull << 20);
    /* HAFDBS = 2, HPDS = 1, PAN = 2 */
    tcpu->isar.id_aa64mmfr1 = 2 | (1ull << 12) | (2ull << 20);
    tcpu->isar.id_aa64mmfr2 = 0;
    tenv->sys.sctlr_el[1] = MMU_SCTLR_M;
    tenv->sys.tcr_el[1] = 16 | (16ull << TCR_T1SZ_SHIFT) |
                          ((uint64_t)tg0_of(12) << TCR_TG0_SHIFT) |
                          ((uint64_t)tg1_of(12) << TCR_TG1_SHIFT) |
                          (5ull << TCR_IPS_SHIFT);
    tenv->sys.mair_el[1] = 0xff | (0x04 << 8) | (0x44 << 16);
}

static uint64_t *host64(hwaddr pa)
{
    g_assert_true(pa >= RAM_BASE && pa + 8 <= RAM_BASE + RAM_SIZE);
    return (uint64_t *)(ram.ram_ptr + (pa - RAM_BASE));
}

void wr64(hwaddr pa, uint64_t v)
{
    if (pa >= MMIO_BASE && pa < MMIO_BASE + MMIO_SIZE) {
        mmio_mem[(pa - MMIO_BASE) / 8] = v;
        return;
    }
    *host64(pa) = GUINT64_TO_LE(v);
}

uint64_t rd64(hwaddr pa)
{
    if (pa >= MMIO_BASE && pa < MMIO_BASE + MMIO_SIZE) {
        return mmio_mem[(pa - MMIO_BASE) / 8];
    }
    return GUINT64_FROM_LE(*host64(pa));
}

hwaddr table_alloc(uint64_t size)
{
    hwaddr r;

    size = MAX(size, 64);
    alloc_next = ROUND_UP(alloc_next, size);
    r = alloc_next;
    alloc_next += size;
    g_assert_true(alloc_next <= RAM_BASE + RAM_SIZE);
    memset(host64(r), 0, size);
    return r;
}

hwaddr table_area_end(void)
{
    return alloc_next;
}

/* ---- Page tables --------------------------------------------------------- */

static int level_shift(const PT *pt, int level)
{
    return pt->gran + (3 - level) * pt->stride;
}

void pt_init(PT *pt, int gran, int inputsize, int start)
{
    memset(pt, 0, sizeof(*pt));
    pt->gran = gran;
    pt->stride = gran - 3;
    pt->inputsize = inputsize;
    pt->start = start >= -1 ? start
                            : 4 - DIV_ROUND_UP(inputsize - gran, pt->stride);
    pt->root = table_alloc(8ULL << (inputsize - level_shift(pt, pt->start)));
}

hwaddr pt_slot(PT *pt, uint64_t va, int level)
{
    hwaddr table = pt->root;

    for (int l = pt->start;; l++) {
        int shift = level_shift(pt, l);
        int width = l == pt->start ? pt->inputsize - shift : pt->stride;
        hwaddr slot = table + mmu_extract(va, shift, width) * 8;
        uint64_t d;

        if (l == level) {
            return slot;
        }
        d = rd64(slot);
        if (!(d & DESC_VALID)) {
            d = (table_alloc(1ULL << pt->gran) + pt->tbl_off) | 3;
            wr64(slot, d);
        }
        g_assert_true(d & DESC_TABLE);
        table = (d & mmu_mask(47, pt->gran)) - pt->tbl_off;
    }
}

hwaddr pt_map(PT *pt, uint64_t va, hwaddr oa, int level, uint64_t attrs)
{
    hwaddr slot = pt_slot(pt, va, level);

    wr64(slot, oa | attrs | (level == 3 ? 3 : 1));
    return slot;
}

void pt_table_bits(PT *pt, uint64_t va, int level, uint64_t bits)
{
    hwaddr slot = pt_slot(pt, va, level);

    g_assert_true(rd64(slot) & DESC_TABLE);
    wr64(slot, rd64(slot) | bits);
}

unsigned tg0_of(int gran)
{
    return gran == 12 ? 0 : gran == 16 ? 1 : 2;
}

unsigned tg1_of(int gran)
{
    return gran == 12 ? 2 : gran == 16 ? 3 : 1;
}

void use_ttbr0(const PT *pt, int gran)
{
    uint64_t tcr = tenv->sys.tcr_el[1];

    tcr &= ~(mmu_mask(5, 0) | (3ull << TCR_TG0_SHIFT));
    tcr |= (uint64_t)(64 - pt->inputsize) | ((uint64_t)tg0_of(gran) << TCR_TG0_SHIFT);
    tenv->sys.tcr_el[1] = tcr;
    tenv->sys.ttbr0_el[1] = pt->root + pt->tbl_off;
}

void use_ttbr1(const PT *pt, int gran)
{
    uint64_t tcr = tenv->sys.tcr_el[1];

    tcr &= ~(mmu_mask(21, 16) | (3ull << TCR_TG1_SHIFT));
    tcr |= ((uint64_t)(64 - pt->inputsize) << TCR_T1SZ_SHIFT) |
           ((uint64_t)tg1_of(gran) << TCR_TG1_SHIFT);
    tenv->sys.tcr_el[1] = tcr;
    tenv->sys.ttbr1_el[1] = pt->root + pt->tbl_off;
}

bool walk(vaddr va, MMUAccessType acc, int idx, ARMMMUResult *res)
{
    return arm_mmu_walk(tenv, va, acc, idx, 0, res);
}

void assert_fault(vaddr va, MMUAccessType acc, int idx, ARMFaultType type,
                  int level)
{
    ARMMMUResult res;

    if (walk(va, acc, idx, &res)) {
        g_error("walk of 0x%" PRIx64 " succeeded (pa 0x%" PRIx64 "), expected "
                "fault %d at level %d", va, res.pa, type, level);
    }
    g_assert_cmpint(res.fault.type, ==, type);
    g_assert_cmpint(res.fault.level, ==, level);
}

const ARMSysReg *find_row(const char *name)
{
    for (guint i = 0; i < registered_rows->len; i++) {
        const ARMSysReg *r = g_ptr_array_index(registered_rows, i);
        if (!strcmp(r->name, name)) {
            return r;
        }
    }
    return NULL;
}

/* ---- Stubs of the rest of Turtle ---------------------------------------- */

static void record(TlbCall c)
{
    g_array_append_val(tlb_calls, c);
}

void tlb_set_page(CPUState *cpu, vaddr addr, hwaddr paddr, MemTxAttrs attrs,
                  int prot, int mmu_idx, uint64_t size)
{
    record((TlbCall){ .kind = CALL_SET_PAGE, .addr = addr, .pa = paddr,
                      .attrs = attrs, .prot = prot, .mmu_idx = mmu_idx,
                      .len = size });
}

void tlb_flush(CPUState *cpu)
{
    record((TlbCall){ .kind = CALL_FLUSH, .idxmap = 0xffff });
}

void tlb_flush_page(CPUState *cpu, vaddr addr)
{
    record((TlbCall){ .kind = CALL_FLUSH_PAGE_IDX, .addr = addr, .idxmap = 0xffff });
}

void tlb_flush_by_mmuidx(CPUState *cpu, uint16_t idxmap)
{
    record((TlbCall){ .kind = CALL_FLUSH_IDX, .idxmap = idxmap });
}

void tlb_flush_page_by_mmuidx(CPUState *cpu, vaddr addr, uint16_t idxmap)
{
    record((TlbCall){ .kind = CALL_FLUSH_PAGE_IDX, .addr = addr, .idxmap = idxmap });
}

void tlb_flush_range_by_mmuidx(CPUState *cpu, vaddr addr, uint64_t len,
                               uint16_t idxmap, unsigned bits)
{
    record((TlbCall){ .kind = CALL_FLUSH_RANGE_IDX, .addr = addr, .len = len,
                      .idxmap = idxmap, .bits = bits });
}

void tlb_flush_tagged_by_mmuidx(CPUState *cpu, uint16_t idxmap)
{
    record((TlbCall){ .kind = CALL_FLUSH_TAGGED_IDX, .idxmap = idxmap });
}

void tlb_flush_tagged_by_mmuidx_all_cpus(CPUState *src, uint16_t idxmap)
{
    record((TlbCall){ .kind = CALL_FLUSH_TAGGED_IDX_ALL, .idxmap = idxmap });
}

void tlb_flush_all_cpus(CPUState *src)
{
    record((TlbCall){ .kind = CALL_FLUSH_ALL, .idxmap = 0xffff });
}

void tlb_flush_page_all_cpus(CPUState *src, vaddr addr)
{
    record((TlbCall){ .kind = CALL_FLUSH_PAGE_IDX_ALL, .addr = addr, .idxmap = 0xffff });
}

void tlb_flush_by_mmuidx_all_cpus(CPUState *src, uint16_t idxmap)
{
    record((TlbCall){ .kind = CALL_FLUSH_IDX_ALL, .idxmap = idxmap });
}

void tlb_flush_page_by_mmuidx_all_cpus(CPUState *src, vaddr addr, uint16_t idxmap)
{
    record((TlbCall){ .kind = CALL_FLUSH_PAGE_IDX_ALL, .addr = addr,
                      .idxmap = idxmap });
}

int cpu_count(void)
{
    return test_ncpus;
}

bool cpu_restore_state(CPUState *cpu, uintptr_t retaddr)
{
    CPUARMState *env = cpu->env_ptr;

    env->insn_iss = test_insn_iss;
    return true;
}

int arm_exception_target_el(CPUARMState *env)
{
    int el = arm_current_el(env);

    if (el == 0) {
        return (arm_hcr_el2_eff(env) & MMU_HCR_TGE) ? 2 : 1;
    }
    return el;
}

G_NORETURN void arm_raise_exception_far(CPUARMState *env, int excp,
                                        uint32_t syndrome, int target_el,
                                        uint64_t far, uintptr_t retaddr)
{
    last_excp = (TestExcp){
        .raised = true, .excp = excp, .syndrome = syndrome,
        .target_el = target_el, .far = far,
        .ipa_valid = env->exception.ipa_valid, .ipa = env->exception.ipa,
    };
    env->exception.ipa_valid = false;
    if (!excp_jmp) {
        g_error("unexpected exception %d syndrome 0x%08x", excp, syndrome);
    }
    siglongjmp(*excp_jmp, 1);
}

void arm_sysreg_register(ARMCPU *cpu, const ARMSysReg *rows, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        g_ptr_array_add(registered_rows, (gpointer)&rows[i]);
    }
}

/* cpu.c's index of the current EL, enough for the debug translation. */
int arm_mmu_idx(CPUARMState *env)
{
    static const int idx[4] = { ARM_MMU_E10_0, ARM_MMU_E10_1, ARM_MMU_E2, ARM_MMU_E3 };

    return idx[arm_current_el(env)];
}
