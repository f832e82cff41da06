/*
 * test-tlb.c — the softmmu TLB (accel/tcg/cputlb.c) driven through its C
 * entry points with the toy CPU: fills and hits, the victim TLB, flushes by
 * page / MMU index / range / large page / all vCPUs, table growth and
 * shrinking, device accesses and their byte order, accesses that cross
 * pages or regions, atomics, probe_access, code-page protection and the
 * memory-map listener.
 */
#include "util/osdep.h"
#include "accel/tcg/internal.h"
#include "toy-cpu.h"

static CPUState *cpu, *cpu2;

#define PG 4096ULL

static uint32_t ld32(CPUState *c, vaddr addr, int mmu_idx)
{
    return cpu_ldl_mmu(c, addr, MO_LE, mmu_idx, 0);
}

static CPUTLBEntry *entry(CPUState *c, int mmu_idx, vaddr addr)
{
    CPUTLBDescFast *f = &c->tlb_fast[mmu_idx];
    size_t n = (f->mask >> CPU_TLB_ENTRY_BITS) + 1;

    return &f->table[(addr >> 12) & (n - 1)];
}

static void reset(void)
{
    toy_reset(cpu);
    tlb_flush(cpu2);
    toy.fills = 0;
}

static void test_fill_and_hit(void)
{
    reset();
    *(uint32_t *)toy_ram_host(0x5010) = 0xcafef00d;
    g_assert_cmphex(ld32(cpu, 0x5010, 0), ==, 0xcafef00d);
    g_assert_cmpint(toy.fills, ==, 1);
    /* Same page, other offset: a hit. */
    g_assert_cmphex(ld32(cpu, 0x5000, 0), ==, 0);
    g_assert_cmpint(toy.fills, ==, 1);
    g_assert_cmpuint(tlb_used_entries(cpu, 0), ==, 1);
    /* The entry generated code would probe. */
    g_assert_cmphex(entry(cpu, 0, 0x5000)->addr_read, ==, 0x5000);
    g_assert_true(entry(cpu, 0, 0x5000)->addend + 0x5010 ==
                  (uintptr_t)toy_ram_host(0x5010));
    /* Another MMU index has its own table. */
    g_assert_cmphex(ld32(cpu, 0x5010, 1), ==, 0xcafef00d);
    g_assert_cmpint(toy.fills, ==, 2);
}

static void test_victim(void)
{
    TCGAccelStats a, b;
    vaddr pa = 0x10000, pb;

    reset();
    g_assert_cmpuint(tlb_table_size(cpu, 0), ==, 256);
    pb = pa + 256 * PG;                 /* same index */
    ld32(cpu, pa, 0);
    ld32(cpu, pb, 0);
    g_assert_cmpint(toy.fills, ==, 2);
    g_assert_cmphex(entry(cpu, 0, pa)->addr_read, ==, pb);
    tcg_accel_get_stats(&a);
    /* pa was evicted into the victim TLB: found there, no fill. */
    ld32(cpu, pa, 0);
    tcg_accel_get_stats(&b);
    g_assert_cmpint(toy.fills, ==, 2);
    g_assert_cmpuint(b.tlb_victim_hits - a.tlb_victim_hits, ==, 1);
    g_assert_cmphex(entry(cpu, 0, pa)->addr_read, ==, pa);
    /* And pb is in the victim TLB now. */
    ld32(cpu, pb, 0);
    g_assert_cmpint(toy.fills, ==, 2);
}

static void test_flushes(void)
{
    reset();
    for (int i = 0; i < 4; i++) {
        ld32(cpu, 0x20000 + i * PG, 0);
        ld32(cpu, 0x20000 + i * PG, 1);
    }
    g_assert_cmpint(toy.fills, ==, 8);

    /* By page, all indexes. */
    tlb_flush_page(cpu, 0x20000 + 0x123);
    ld32(cpu, 0x20000, 0);
    ld32(cpu, 0x20000, 1);
    ld32(cpu, 0x21000, 0);
    g_assert_cmpint(toy.fills, ==, 10);

    /* By MMU index. */
    tlb_flush_by_mmuidx(cpu, 1u << 1);
    ld32(cpu, 0x22000, 0);
    g_assert_cmpint(toy.fills, ==, 10);
    ld32(cpu, 0x22000, 1);
    g_assert_cmpint(toy.fills, ==, 11);

    /* A page in one index only. */
    ld32(cpu, 0x23000, 1);
    g_assert_cmpint(toy.fills, ==, 12);
    tlb_flush_page_by_mmuidx(cpu, 0x23000, 1u << 0);
    ld32(cpu, 0x23000, 1);
    g_assert_cmpint(toy.fills, ==, 12);
    ld32(cpu, 0x23000, 0);
    g_assert_cmpint(toy.fills, ==, 13);

    /* A range: the middle two pages. */
    tlb_flush_range_by_mmuidx(cpu, 0x21000, 2 * PG, 0x3, 64);
    ld32(cpu, 0x20000, 0);
    ld32(cpu, 0x23000, 0);
    g_assert_cmpint(toy.fills, ==, 13);
    ld32(cpu, 0x21000, 0);
    ld32(cpu, 0x22000, 0);
    g_assert_cmpint(toy.fills, ==, 15);

    /* A range given with tag bits above bit 48 that do not count. */
    tlb_flush_range_by_mmuidx(cpu, 0xff00000000020000ULL, PG, 0x1, 48);
    ld32(cpu, 0x20000, 0);
    g_assert_cmpint(toy.fills, ==, 16);

    /* Everything. */
    tlb_flush(cpu);
    ld32(cpu, 0x20000, 0);
    ld32(cpu, 0x20000, 1);
    g_assert_cmpint(toy.fills, ==, 18);
    g_assert_cmpuint(tlb_used_entries(cpu, 1), ==, 1);
}

static void test_large_page(void)
{
    reset();
    /* A 2 MiB page at 0x200000 and an ordinary page elsewhere. */
    tlb_set_page(cpu, 0x200000, 0x200000, MEMTXATTRS_UNSPECIFIED,
                 PAGE_READ | PAGE_WRITE, 0, 2 * MiB);
    ld32(cpu, 0x5000, 0);
    g_assert_cmpint(toy.fills, ==, 1);
    ld32(cpu, 0x200000, 0);
    g_assert_cmpint(toy.fills, ==, 1);
    /* Flushing any page of the large page flushes the whole index. */
    tlb_flush_page(cpu, 0x3ff000);
    ld32(cpu, 0x5000, 0);
    g_assert_cmpint(toy.fills, ==, 2);
}

static void test_resize(void)
{
    reset();
    tlb_flush(cpu);
    g_assert_cmpuint(tlb_table_size(cpu, 0), ==, 256);
    /* Use every entry: the next flush doubles the table. */
    for (int i = 0; i < 300; i++) {
        tlb_set_page(cpu, 0x100000 + i * PG, 0x100000 + i * PG,
                     MEMTXATTRS_UNSPECIFIED, PAGE_READ, 0, PG);
    }
    g_assert_cmpuint(tlb_used_entries(cpu, 0), ==, 256);
    tlb_flush(cpu);
    g_assert_cmpuint(tlb_table_size(cpu, 0), ==, 512);
    g_assert_cmpuint(tlb_table_size(cpu, 1), ==, 256);
    for (int i = 0; i < 600; i++) {
        tlb_set_page(cpu, 0x100000 + i * PG, 0x100000 + i * PG,
                     MEMTXATTRS_UNSPECIFIED, PAGE_READ, 0, PG);
    }
    tlb_flush(cpu);
    g_assert_cmpuint(tlb_table_size(cpu, 0), ==, 1024);
    /* Lookups still work in the bigger table. */
    g_assert_cmphex(ld32(cpu, 0x5000, 0), ==, 0);
    /* A whole window (100 ms) of little use shrinks it back. */
    g_usleep(120 * 1000);
    tlb_flush(cpu);
    g_usleep(120 * 1000);
    tlb_flush(cpu);
    g_assert_cmpuint(tlb_table_size(cpu, 0), ==, 256);
}

/* A table that keeps evicting grows without a flush, its entries kept;
 * flushes of the big table (from the log of filled slots, or whole once
 * the log overflowed) leave nothing behind. */
static void test_grow_on_evictions(void)
{
    int before;

    reset();
    g_assert_cmpuint(tlb_table_size(cpu, 0), ==, 256);
    for (int p = 0; p < 1024; p++) {
        ld32(cpu, p * PG, 0);
    }
    g_assert_cmpint(toy.fills, ==, 1024);
    g_assert_cmpuint(tlb_table_size(cpu, 0), >=, 1024);
    g_assert_cmpuint(tlb_table_size(cpu, 1), ==, 256);
    /* Pages still in the table when it grew were rehashed, not refilled:
     * only those evicted before refill (fewer than half the old table). */
    before = toy.fills;
    for (int p = 0; p < 1024; p++) {
        ld32(cpu, p * PG, 0);
    }
    g_assert_cmpint(toy.fills - before, <, 128);
    before = toy.fills;
    for (int p = 0; p < 1024; p++) {
        g_assert_cmphex(entry(cpu, 0, p * PG)->addr_read, ==, p * PG);
        ld32(cpu, p * PG, 0);
    }
    g_assert_cmpint(toy.fills, ==, before);
    g_assert_cmpuint(tlb_used_entries(cpu, 0), ==, 1024);

    /* Log overflowed (1024 slots filled): the flush clears everything. */
    tlb_flush_by_mmuidx(cpu, 1u << 0);
    g_assert_cmpuint(tlb_used_entries(cpu, 0), ==, 0);
    before = toy.fills;
    for (int p = 0; p < 1024; p++) {
        g_assert_cmphex(entry(cpu, 0, p * PG)->addr_read, ==, (uint64_t)-1);
    }
    /* A few pages in a big table: flushed from the log. */
    for (int p = 0; p < 20; p++) {
        ld32(cpu, p * 37 * PG, 0);
    }
    g_assert_cmpint(toy.fills - before, ==, 20);
    tlb_flush_by_mmuidx(cpu, 1u << 0);
    for (int p = 0; p < 1024; p++) {
        g_assert_cmphex(entry(cpu, 0, p * PG)->addr_read, ==, (uint64_t)-1);
    }
    before = toy.fills;
    for (int p = 0; p < 20; p++) {
        ld32(cpu, p * 37 * PG, 0);
    }
    g_assert_cmpint(toy.fills - before, ==, 20);
}

static void set_page(vaddr va, int prot, int mmu_idx)
{
    tlb_set_page(cpu, va, va, MEMTXATTRS_UNSPECIFIED, prot, mmu_idx, PG);
}

/* An address space switch (tlb_flush_tagged_by_mmuidx) drops the
 * PAGE_TAGGED entries, in the table and the victim TLB, of the indexes
 * asked, and keeps the others; dropped entries do not come back. */
static void test_tagged_flush(void)
{
    const int RW = PAGE_READ | PAGE_WRITE;
    vaddr conflict;
    int count;

    reset();
    conflict = 0x12000 + tlb_table_size(cpu, 0) * PG;   /* index of 0x12000 */
    set_page(0x10000, RW, 0);                     /* global */
    set_page(0x11000, RW | PAGE_TAGGED, 0);
    set_page(0x11000, RW | PAGE_TAGGED, 1);
    set_page(0x12000, RW | PAGE_TAGGED, 0);       /* to the victim TLB ... */
    set_page(conflict, RW, 0);                    /* ... by this global one */
    set_page(0x13000, RW, 0);
    set_page(0x13000, RW | PAGE_TAGGED, 0);       /* refilled tagged: tagged */
    g_assert_cmpuint(tlb_used_entries(cpu, 0), ==, 4);
    tlb_flush_tagged_by_mmuidx(cpu, 1u << 0);
    g_assert_cmpuint(tlb_used_entries(cpu, 0), ==, 2);
    g_assert_cmpint(toy.fills, ==, 0);
    ld32(cpu, 0x10000, 0);
    g_assert_cmphex(entry(cpu, 0, conflict)->addr_read & ~(uint64_t)TLB_FLAGS_MASK, ==,
                    conflict);
    ld32(cpu, 0x11000, 1);
    g_assert_cmpint(toy.fills, ==, 0);
    ld32(cpu, 0x11000, 0);
    g_assert_cmpint(toy.fills, ==, 1);
    ld32(cpu, 0x12000, 0);                        /* not from the victim TLB */
    g_assert_cmpint(toy.fills, ==, 2);
    ld32(cpu, 0x13000, 0);
    g_assert_cmpint(toy.fills, ==, 3);
    /* A second switch with nothing tagged left drops nothing. */
    tlb_flush_tagged_by_mmuidx(cpu, 0x3);
    ld32(cpu, 0x11000, 1);
    g_assert_cmpint(toy.fills, ==, 4);
    ld32(cpu, 0x10000, 0);
    ld32(cpu, 0x11000, 0);                        /* toy fills are untagged */
    g_assert_cmpint(toy.fills, ==, 4);

    /* More slots (up to half the table) than the log holds (an eighth): the
     * table is scanned. */
    reset();
    count = MIN(tlb_table_size(cpu, 0) / 2, 700);     /* in RAM */
    for (int i = 0; i < count; i++) {
        set_page(0x100000 + i * PG, RW | ((i & 1) ? PAGE_TAGGED : 0), 0);
    }
    tlb_flush_tagged_by_mmuidx(cpu, 1u << 0);
    g_assert_cmpuint(tlb_used_entries(cpu, 0), ==, count / 2);
    for (int i = 0; i < count; i++) {
        ld32(cpu, 0x100000 + i * PG, 0);
        g_assert_cmpint(toy.fills, ==, (i + 1) / 2);
    }
    /* The rebuilt log still finds every slot for the next full flush. */
    tlb_flush(cpu);
    for (int i = 0; i < count; i++) {
        g_assert_cmphex(entry(cpu, 0, 0x100000 + i * PG)->addr_read, ==, (uint64_t)-1);
    }
    /* Broadcast form. */
    set_page(0x11000, RW | PAGE_TAGGED, 0);
    tlb_set_page(cpu2, 0x11000, 0x11000, MEMTXATTRS_UNSPECIFIED, RW | PAGE_TAGGED, 0, PG);
    toy.fills = 0;
    tlb_flush_tagged_by_mmuidx_all_cpus(cpu, 1u << 0);
    ld32(cpu, 0x11000, 0);
    ld32(cpu2, 0x11000, 0);
    g_assert_cmpint(toy.fills, ==, 2);
}

static void test_cross_cpu_flush(void)
{
    reset();
    ld32(cpu, 0x7000, 0);
    ld32(cpu2, 0x7000, 0);
    g_assert_cmpint(toy.fills, ==, 2);
    tlb_flush_page_all_cpus(cpu, 0x7000);
    ld32(cpu, 0x7000, 0);
    ld32(cpu2, 0x7000, 0);
    g_assert_cmpint(toy.fills, ==, 4);
    tlb_flush_by_mmuidx_all_cpus(cpu2, 1u << 0);
    ld32(cpu, 0x7000, 0);
    ld32(cpu2, 0x7000, 0);
    g_assert_cmpint(toy.fills, ==, 6);
    tlb_flush_all_cpus(cpu);
    tlb_flush_page_by_mmuidx_all_cpus(cpu, 0x7000, 1u << 0);
    ld32(cpu, 0x7000, 0);
    ld32(cpu2, 0x7000, 0);
    g_assert_cmpint(toy.fills, ==, 8);
}

static void test_mmio(void)
{
    ToyDevCall *c;

    reset();
    g_assert_cmphex(cpu_ldw_mmu(cpu, TOY_DEV_BASE + 0x22, MO_LE, 0, 0), ==, 0x2322);
    cpu_stl_mmu(cpu, TOY_DEV_BASE + 0x30, 0xa1b2c3d4, MO_LE, 0, 0);
    cpu_stq_mmu(cpu, TOY_DEVBE_BASE + 0x40, 0x0102030405060708ULL, MO_BE, 0, 0);
    g_assert_cmphex(cpu_ldq_mmu(cpu, TOY_DEVBE_BASE + 0x40, MO_BE, 0, 0), ==,
                    0x0102030405060708ULL);
    g_assert_cmphex(cpu_ldb_mmu(cpu, TOY_DEV_BASE + 0x33, 0, 0), ==, 0xa1);
    g_assert_cmpuint(toy.dev_calls->len, ==, 5);
    c = &g_array_index(toy.dev_calls, ToyDevCall, 0);
    g_assert_true(!c->write && c->addr == 0x22 && c->size == 2);
    c = &g_array_index(toy.dev_calls, ToyDevCall, 1);
    g_assert_true(c->write && c->addr == 0x30 && c->size == 4);
    g_assert_cmphex(c->data, ==, 0xa1b2c3d4);
    /* A big-endian guest store to a big-endian device: no swap. */
    c = &g_array_index(toy.dev_calls, ToyDevCall, 2);
    g_assert_true(c->write && c->be && c->addr == 0x40 && c->size == 8);
    g_assert_cmphex(c->data, ==, 0x0102030405060708ULL);
    g_assert_cmphex(toy.dev_regs[1][0x40], ==, 0x01);
    /* The device pages are flagged, never fast-pathed. */
    g_assert_true(entry(cpu, 0, TOY_DEV_BASE)->addr_read & TLB_MMIO);
    g_assert_null(probe_access(cpu, TOY_DEV_BASE, 4, MMU_DATA_LOAD, 0, 0));
}

static void test_crossing(void)
{
    uint8_t *end = toy_ram_host(TOY_RAM_SIZE - 4);

    reset();
    memcpy(end, "\x11\x22\x33\x44", 4);
    toy_write32(TOY_ROM_BASE, 0x88776655);
    /* RAM then ROM. */
    g_assert_cmphex(cpu_ldq_mmu(cpu, TOY_RAM_SIZE - 4, MO_LE, 0, 0), ==,
                    0x8877665544332211ULL);
    g_assert_cmphex(cpu_ldq_mmu(cpu, TOY_RAM_SIZE - 4, MO_BE, 0, 0), ==,
                    0x1122334455667788ULL);
    g_assert_cmphex(cpu_ldl_mmu(cpu, TOY_RAM_SIZE - 2, MO_LE, 0, 0), ==, 0x66554433);
    /* A store writes the RAM half; the ROM half is dropped. */
    cpu_stq_mmu(cpu, TOY_RAM_SIZE - 4, 0xa0a1a2a3a4a5a6a7ULL, MO_LE, 0, 0);
    g_assert_cmpmem(end, 4, "\xa7\xa6\xa5\xa4", 4);
    g_assert_cmphex(toy_read32(TOY_ROM_BASE), ==, 0x88776655);
}

static void test_atomics(void)
{
    void *env = toy_env(cpu);
    uint64_t *q = (uint64_t *)toy_ram_host(0x6000);
    uint32_t *l = (uint32_t *)toy_ram_host(0x6010);
    MemOpIdx oi;

    reset();
    *q = 100;
    oi = make_memop_idx(MO_LEUQ | MO_ALIGN, 0);
    g_assert_cmpuint(tlb_slow_rmw(env, 0x6000, 5, oi, TCG_ATOMIC_ADD, 0), ==, 100);
    g_assert_cmpuint(*q, ==, 105);
    g_assert_cmpuint(tlb_slow_cmpxchg(env, 0x6000, 105, 7, oi, 0), ==, 105);
    g_assert_cmpuint(*q, ==, 7);
    g_assert_cmpuint(tlb_slow_cmpxchg(env, 0x6000, 105, 9, oi, 0), ==, 7);
    g_assert_cmpuint(*q, ==, 7);

    /* 32-bit big-endian, sign-extended: memory holds guest bytes. */
    *l = 0xfeffffff;                    /* bytes ff ff ff fe: BE -2 */
    oi = make_memop_idx(MO_BESL, 0);
    g_assert_cmphex(tlb_slow_rmw(env, 0x6010, 3, oi, TCG_ATOMIC_ADD, 0), ==,
                    (uint64_t)-2);
    g_assert_cmphex(*l, ==, 0x01000000);        /* BE 1 */
    g_assert_cmphex(tlb_slow_rmw(env, 0x6010, (uint64_t)-5, oi, TCG_ATOMIC_SMIN, 0),
                    ==, 1);
    g_assert_cmphex(*l, ==, 0xfbffffff);        /* BE -5 */
    g_assert_cmphex(tlb_slow_cmpxchg(env, 0x6010, (uint64_t)-5, 0x12345678, oi, 0),
                    ==, (uint64_t)-5);
    g_assert_cmphex(*l, ==, 0x78563412);

    /* Unaligned and across a page (allowed by this memop): read, write. */
    memset(toy_ram_host(0x6ffc), 0, 8);
    oi = make_memop_idx(MO_LEUQ, 0);
    g_assert_cmpuint(tlb_slow_rmw(env, 0x6ffc, 0x0102030405060708ULL, oi,
                                  TCG_ATOMIC_XCHG, 0), ==, 0);
    g_assert_cmphex(cpu_ldq_mmu(cpu, 0x6ffc, MO_LE, 0, 0), ==, 0x0102030405060708ULL);

    /* On a device: not atomic, but read then written. */
    g_array_set_size(toy.dev_calls, 0);
    oi = make_memop_idx(MO_LEUL, 0);
    g_assert_cmphex(tlb_slow_rmw(env, TOY_DEV_BASE + 0x10, 1, oi, TCG_ATOMIC_OR, 0),
                    ==, 0x13121110);
    g_assert_cmpuint(toy.dev_calls->len, ==, 2);
    g_assert_cmphex(g_array_index(toy.dev_calls, ToyDevCall, 1).data, ==, 0x13121111);
}

static void test_probe_access(void)
{
    uint8_t *p;

    reset();
    p = probe_access(cpu, 0x8008, 8, MMU_DATA_STORE, 0, 0);
    g_assert_true(p == toy_ram_host(0x8008));
    p = probe_access(cpu, TOY_ROM_BASE + 8, 8, MMU_DATA_LOAD, 0, 0);
    g_assert_nonnull(p);
    g_assert_null(probe_access(cpu, TOY_ROM_BASE + 8, 8, MMU_DATA_STORE, 0, 0));
    g_assert_cmphex(get_page_addr_code(cpu, 0x8010), ==, 0x8010);
    g_assert_cmphex(get_page_addr_code(cpu, TOY_DEV_BASE), ==, (hwaddr)-1);
}

static void test_code_protection(void)
{
    ToyEnv *env = toy_env(cpu);
    uint32_t prog[] = {
        toy_insn(OP_ADDI, 1, 1, 1),
        toy_insn(OP_HALT, 0, 0, 0),
    };

    reset();
    /* A write entry for the page, before it holds code: fast path. */
    cpu_stl_mmu(cpu, 0x9800, 1, MO_LE, 0, 0);
    g_assert_cmphex(entry(cpu, 0, 0x9000)->addr_write, ==, 0x9000);
    /* Translating code there puts TLB_NOTDIRTY on it. */
    toy_load(0x9000, prog, 2);
    env->pc = 0x9000;
    g_assert_cmpint(toy_run(cpu, 100), ==, EXCP_HLT);
    g_assert_true(tb_page_has_tbs(0x9000));
    g_assert_cmphex(entry(cpu, 0, 0x9000)->addr_write, ==, 0x9000 | TLB_NOTDIRTY);
    /* Data next to the code: the block stays. */
    cpu_stl_mmu(cpu, 0x9800, 2, MO_LE, 0, 0);
    g_assert_true(tb_page_has_tbs(0x9000));
    /* Over the code: the block goes, the page is plain RAM again. */
    cpu_stl_mmu(cpu, 0x9000, toy_insn(OP_ADDI, 1, 1, 5), MO_LE, 0, 0);
    g_assert_false(tb_page_has_tbs(0x9000));
    g_assert_false(ram_page_has_code(0x9000));
    g_assert_cmphex(entry(cpu, 0, 0x9000)->addr_write, ==, 0x9000);
    env->pc = 0x9000;
    cpu->halted = false;
    g_assert_cmpint(toy_run(cpu, 100), ==, EXCP_HLT);
    g_assert_cmpuint(env->regs[1], ==, 6);
}

static void test_memory_map_listener(void)
{
    MemoryRegion alias;

    reset();
    ld32(cpu, 0xa000, 0);
    ld32(cpu, 0xa000, 0);
    g_assert_cmpint(toy.fills, ==, 1);
    /* Any change of the map flushes the TLBs of the CPUs that see it. */
    memory_region_init_alias(&alias, NULL, "toy.alias", &toy.ram, 0, PG);
    memory_region_add_subregion(get_system_memory(), 0xa00000, &alias);
    ld32(cpu, 0xa000, 0);
    g_assert_cmpint(toy.fills, ==, 2);
    /* The alias is RAM for the TLB: same bytes as RAM page 0. */
    *(uint32_t *)toy_ram_host(0x10) = 0x5a5a5a5a;
    g_assert_cmphex(ld32(cpu, 0xa00010, 0), ==, 0x5a5a5a5a);
    memory_region_del_subregion(get_system_memory(), &alias);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    cpu = toy_new_cpu();
    cpu2 = toy_new_cpu();
    g_test_add_func("/accel/tlb/fill-and-hit", test_fill_and_hit);
    g_test_add_func("/accel/tlb/victim", test_victim);
    g_test_add_func("/accel/tlb/flushes", test_flushes);
    g_test_add_func("/accel/tlb/large-page", test_large_page);
    g_test_add_func("/accel/tlb/resize", test_resize);
    g_test_add_func("/accel/tlb/grow-on-evictions", test_grow_on_evictions);
    g_test_add_func("/accel/tlb/tagged-flush", test_tagged_flush);
    g_test_add_func("/accel/tlb/cross-cpu-flush", test_cross_cpu_flush);
    g_test_add_func("/accel/tlb/mmio", test_mmio);
    g_test_add_func("/accel/tlb/crossing", test_crossing);
    g_test_add_func("/accel/tlb/atomics", test_atomics);
    g_test_add_func("/accel/tlb/probe-access", test_probe_access);
    g_test_add_func("/accel/tlb/code-protection", test_code_protection);
    g_test_add_func("/accel/tlb/memory-map-listener", test_memory_map_listener);
    return g_test_run();
}
