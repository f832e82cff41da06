/*
 * test-memory.c — unit tests of the region tree: flattening (priorities,
 * overlaps, aliases, nesting, clipping, disabling), MMIO dispatch (valid and
 * impl checks, splitting, widening, byte order), transactions, listeners
 * and the "info mtree" printer.
 */
#include "util/osdep.h"
#include "util/log.h"
#include "exec/memory.h"
#include "testdev.h"

#define ATTRS MEMTXATTRS_UNSPECIFIED

static MemoryRegion *new_ram(const char *name, uint64_t size)
{
    MemoryRegion *mr = g_new0(MemoryRegion, 1);
    GError *err = NULL;

    g_assert_true(memory_region_init_ram(mr, NULL, name, size, &err));
    g_assert_no_error(err);
    for (uint64_t i = 0; i < size; i++) {
        mr->ram_ptr[i] = (uint8_t)(i ^ (i >> 8));
    }
    return mr;
}

static void free_region(MemoryRegion *mr)
{
    memory_region_destroy(mr);
    g_free(mr);
}

/* ---- Dispatch through an address space -------------------------------- */

static void test_dispatch_offsets(void)
{
    MemoryRegion root;
    AddressSpace as;
    TestDev a, b;
    uint64_t v;

    memory_region_init_container(&root, NULL, "root", UINT64_MAX);
    testdev_init(&a, "dev-a", 0x100, DEVICE_LITTLE_ENDIAN);
    testdev_init(&b, "dev-b", 0x100, DEVICE_LITTLE_ENDIAN);
    memory_region_add_subregion(&root, 0x9000000, &a.mr);
    memory_region_add_subregion(&root, 0x9001000, &b.mr);
    address_space_init(&as, &root, "test");

    g_assert_cmpint(address_space_ld(&as, 0x9000010, 4, false, &v, ATTRS),
                    ==, MEMTX_OK);
    g_assert_cmphex(v, ==, 0x13121110);
    g_assert_cmpuint(a.calls->len, ==, 1);
    testdev_assert_call(&a, 0, false, 0x10, 4);
    g_assert_cmpuint(b.calls->len, ==, 0);

    g_assert_cmpint(address_space_st(&as, 0x9001020, 2, false, 0xbeef, ATTRS),
                    ==, MEMTX_OK);
    g_assert_cmpuint(b.calls->len, ==, 1);
    testdev_assert_call(&b, 0, true, 0x20, 2);
    g_assert_cmphex(testdev_call(&b, 0)->data, ==, 0xbeef);
    g_assert_cmpuint(a.calls->len, ==, 1);

    /* Between the devices: nothing. */
    g_assert_cmpint(address_space_ld(&as, 0x9000800, 4, false, &v, ATTRS),
                    ==, MEMTX_DECODE_ERROR);
    g_assert_cmphex(v, ==, 0);

    address_space_destroy(&as);
    testdev_destroy(&a);
    testdev_destroy(&b);
    memory_region_destroy(&root);
}

/* ---- Priorities and overlaps ------------------------------------------ */

static void test_priority_overlap(void)
{
    MemoryRegion root;
    MemoryRegion *ram = new_ram("ram", 0x10000);
    AddressSpace as;
    TestDev hi, lo1, lo2;
    MemoryRegionSection s;

    memory_region_init_container(&root, NULL, "root", UINT64_MAX);
    testdev_init(&hi, "hole", 0x1000, DEVICE_LITTLE_ENDIAN);
    memory_region_add_subregion(&root, 0, ram);
    memory_region_add_subregion_overlap(&root, 0x2000, &hi.mr, 1);
    address_space_init(&as, &root, "test");

    /* The high-priority device punches a hole into RAM. */
    s = address_space_lookup(&as, 0x1fff);
    g_assert_true(s.mr == ram);
    s = address_space_lookup(&as, 0x2000);
    g_assert_true(s.mr == &hi.mr);
    g_assert_cmphex(s.addr, ==, 0x2000);
    g_assert_cmphex(s.size, ==, 0x1000);
    g_assert_cmphex(s.offset_in_region, ==, 0);
    s = address_space_lookup(&as, 0x3000);
    g_assert_true(s.mr == ram);
    g_assert_cmphex(s.addr, ==, 0x3000);
    g_assert_cmphex(s.offset_in_region, ==, 0x3000);
    g_assert_cmpuint(as.view->nr, ==, 3);

    /* Equal priority: the one added last wins... */
    testdev_init(&lo1, "first", 0x1000, DEVICE_LITTLE_ENDIAN);
    testdev_init(&lo2, "second", 0x1000, DEVICE_LITTLE_ENDIAN);
    memory_region_add_subregion_overlap(&root, 0x5000, &lo1.mr, 1);
    memory_region_add_subregion_overlap(&root, 0x5000, &lo2.mr, 1);
    g_assert_true(address_space_lookup(&as, 0x5800).mr == &lo2.mr);
    /* ...and disabling it reveals the one below, then the RAM. */
    memory_region_set_enabled(&lo2.mr, false);
    g_assert_true(address_space_lookup(&as, 0x5800).mr == &lo1.mr);
    memory_region_set_enabled(&lo1.mr, false);
    s = address_space_lookup(&as, 0x5800);
    g_assert_true(s.mr == ram);
    /* The RAM is whole again from the hole's end on: one merged range. */
    g_assert_cmphex(s.addr, ==, 0x3000);
    g_assert_cmphex(s.offset_in_region + (0x5800 - s.addr), ==, 0x5800);
    memory_region_set_enabled(&lo2.mr, true);
    g_assert_true(address_space_lookup(&as, 0x5800).mr == &lo2.mr);

    /* A lower priority region added later stays below. */
    memory_region_del_subregion(&root, &hi.mr);
    memory_region_add_subregion_overlap(&root, 0x2000, &hi.mr, -1);
    g_assert_true(address_space_lookup(&as, 0x2000).mr == ram);
    /* Moving the RAM away uncovers it. */
    memory_region_set_address(ram, 0x100000);
    g_assert_true(address_space_lookup(&as, 0x2000).mr == &hi.mr);
    g_assert_true(address_space_lookup(&as, 0x100000).mr == ram);

    address_space_destroy(&as);
    testdev_destroy(&hi);
    testdev_destroy(&lo1);
    testdev_destroy(&lo2);
    free_region(ram);
    memory_region_destroy(&root);
}

/* ---- Aliases ----------------------------------------------------------- */

static void test_aliases(void)
{
    MemoryRegion root, a1, a2, aio;
    MemoryRegion *ram = new_ram("ram", 0x10000);
    AddressSpace as;
    TestDev dev;
    MemoryRegionSection s;
    uint8_t buf[4];
    uint64_t v;

    memory_region_init_container(&root, NULL, "root", UINT64_MAX);
    /* The RAM itself is not mapped: only windows of it are. */
    memory_region_init_alias(&a1, NULL, "win1", ram, 0x100, 0x1000);
    memory_region_init_alias(&a2, NULL, "win2", &a1, 0x10, 0x20);
    memory_region_add_subregion(&root, 0x8000, &a1);
    memory_region_add_subregion(&root, 0x20000, &a2);
    testdev_init(&dev, "dev", 0x100, DEVICE_LITTLE_ENDIAN);
    memory_region_init_alias(&aio, NULL, "devwin", &dev.mr, 0x40, 0x40);
    memory_region_add_subregion(&root, 0x30000, &aio);
    address_space_init(&as, &root, "test");

    s = address_space_lookup(&as, 0x8004);
    g_assert_true(s.mr == ram);
    g_assert_cmphex(s.addr, ==, 0x8000);
    g_assert_cmphex(s.size, ==, 0x1000);
    g_assert_cmphex(s.offset_in_region, ==, 0x100);
    g_assert_cmpint(address_space_read(&as, 0x8004, ATTRS, buf, 4), ==, MEMTX_OK);
    g_assert_cmpmem(buf, 4, ram->ram_ptr + 0x104, 4);

    /* Alias of an alias: offsets add up, sizes clip. */
    s = address_space_lookup(&as, 0x20000);
    g_assert_true(s.mr == ram);
    g_assert_cmphex(s.offset_in_region, ==, 0x110);
    g_assert_cmphex(s.size, ==, 0x20);
    g_assert_null(address_space_lookup(&as, 0x20020).mr);
    buf[0] = 0xab;
    g_assert_cmpint(address_space_write(&as, 0x2001f, ATTRS, buf, 1), ==, MEMTX_OK);
    g_assert_cmphex(ram->ram_ptr[0x12f], ==, 0xab);

    /* Moving the window changes what is seen. */
    memory_region_set_alias_offset(&a1, 0x200);
    s = address_space_lookup(&as, 0x20000);
    g_assert_cmphex(s.offset_in_region, ==, 0x210);

    /* An alias of a device dispatches at the aliased offsets. */
    g_assert_cmpint(address_space_ld(&as, 0x30004, 4, false, &v, ATTRS), ==,
                    MEMTX_OK);
    g_assert_cmphex(v, ==, 0x47464544);
    testdev_assert_call(&dev, 0, false, 0x44, 4);
    g_assert_null(address_space_lookup(&as, 0x30040).mr);

    address_space_destroy(&as);
    memory_region_destroy(&aio);
    testdev_destroy(&dev);
    memory_region_destroy(&a2);
    memory_region_destroy(&a1);
    free_region(ram);
    memory_region_destroy(&root);
}

/* ---- Nesting and clipping --------------------------------------------- */

static void test_nested_containers(void)
{
    MemoryRegion root, c1, c2, c3;
    AddressSpace as;
    TestDev dev;
    MemoryRegionSection s;
    uint64_t v;

    memory_region_init_container(&root, NULL, "root", UINT64_MAX);
    memory_region_init_container(&c1, NULL, "c1", 0x10000);
    memory_region_init_container(&c2, NULL, "c2", 0x1000);
    memory_region_init_container(&c3, NULL, "c3", 0x20);
    testdev_init(&dev, "dev", 0x100, DEVICE_LITTLE_ENDIAN);
    /* Built inside out and outside in: order must not matter. */
    memory_region_add_subregion(&c3, 0x10, &dev.mr);
    memory_region_add_subregion(&root, 0x100000, &c1);
    memory_region_add_subregion(&c2, 0x100, &c3);
    memory_region_add_subregion(&c1, 0x1000, &c2);
    address_space_init(&as, &root, "test");

    s = address_space_lookup(&as, 0x101110);
    g_assert_true(s.mr == &dev.mr);
    g_assert_cmphex(s.addr, ==, 0x101110);
    /* c3 is 0x20 bytes: only 0x10 bytes of the device show. */
    g_assert_cmphex(s.size, ==, 0x10);
    g_assert_null(address_space_lookup(&as, 0x101120).mr);
    g_assert_cmpuint(as.view->nr, ==, 1);

    g_assert_cmpint(address_space_ld(&as, 0x101118, 2, false, &v, ATTRS), ==,
                    MEMTX_OK);
    testdev_assert_call(&dev, 0, false, 0x8, 2);
    g_assert_cmphex(v, ==, 0x0908);

    /* Disabling a middle container hides everything under it. */
    memory_region_set_enabled(&c2, false);
    g_assert_null(address_space_lookup(&as, 0x101110).mr);
    g_assert_cmpuint(as.view->nr, ==, 0);

    address_space_destroy(&as);
    testdev_destroy(&dev);
    memory_region_destroy(&c3);
    memory_region_destroy(&c2);
    memory_region_destroy(&c1);
    memory_region_destroy(&root);
}

/* A region covering all of 2^64 and one at the very top. */
static void test_full_space(void)
{
    MemoryRegion root;
    AddressSpace as;
    TestDev all, top;
    MemoryRegionSection s;
    uint64_t total = 0;

    memory_region_init_container(&root, NULL, "root", UINT64_MAX);
    testdev_init(&all, "all", UINT64_MAX, DEVICE_LITTLE_ENDIAN);
    testdev_init(&top, "top", 0x1000, DEVICE_LITTLE_ENDIAN);
    memory_region_add_subregion_overlap(&root, 0, &all.mr, -1);
    memory_region_add_subregion(&root, 0xfffffffffffff000ULL, &top.mr);
    address_space_init(&as, &root, "test");

    /* 2^64 bytes in all, so the first 2^64-4K are cut in two ranges whose
     * sizes fit in 64 bits. */
    g_assert_cmpuint(as.view->nr, ==, 3);
    for (unsigned i = 0; i < as.view->nr; i++) {
        total += as.view->ranges[i].size;
        if (i) {
            g_assert_cmphex(as.view->ranges[i].addr, ==,
                            as.view->ranges[i - 1].addr + as.view->ranges[i - 1].size);
        }
    }
    g_assert_cmphex(as.view->ranges[0].size, ==, 1ULL << 63);
    g_assert_true(as.view->ranges[1].mr == &all.mr);
    g_assert_cmphex(as.view->ranges[1].offset_in_region, ==, 1ULL << 63);
    g_assert_cmphex(total, ==, 0);          /* 2^64 mod 2^64 */
    s = address_space_lookup(&as, UINT64_MAX);
    g_assert_true(s.mr == &top.mr);
    g_assert_cmphex(s.addr, ==, 0xfffffffffffff000ULL);
    g_assert_cmphex(s.offset_in_region + (UINT64_MAX - s.addr), ==, 0xfff);
    s = address_space_lookup(&as, 0x8000000000000000ULL);
    g_assert_true(s.mr == &all.mr);
    g_assert_cmphex(s.offset_in_region, ==, 0x8000000000000000ULL);

    address_space_destroy(&as);
    testdev_destroy(&all);
    testdev_destroy(&top);
    memory_region_destroy(&root);
}

/* ---- Access sizes ------------------------------------------------------ */

static uint64_t fixed_read(void *opaque, hwaddr addr, unsigned size)
{
    GArray *calls = opaque;
    TestCall c = { .addr = addr, .size = size };

    g_array_append_val(calls, c);
    return addr == 0 ? 0x11111111 : 0x22222222;
}

static void test_split_wide_read(void)
{
    static const MemoryRegionOps le_ops = {
        .read = fixed_read, .endianness = DEVICE_LITTLE_ENDIAN,
        .impl = { .max_access_size = 4 },
    };
    static const MemoryRegionOps be_ops = {
        .read = fixed_read, .endianness = DEVICE_BIG_ENDIAN,
        .impl = { .max_access_size = 4 },
    };
    const MemoryRegionOps *ops[2] = { &le_ops, &be_ops };
    const uint64_t want[2] = { 0x2222222211111111ULL, 0x1111111122222222ULL };

    for (int i = 0; i < 2; i++) {
        GArray *calls = g_array_new(FALSE, TRUE, sizeof(TestCall));
        MemoryRegion mr;
        uint64_t v;

        memory_region_init_io(&mr, NULL, ops[i], calls, "dev", 0x100);
        g_assert_cmpint(memory_region_dispatch_read(&mr, 0, &v, 8, ATTRS), ==,
                        MEMTX_OK);
        g_assert_cmphex(v, ==, want[i]);
        g_assert_cmpuint(calls->len, ==, 2);
        g_assert_cmphex(g_array_index(calls, TestCall, 0).addr, ==, 0);
        g_assert_cmpuint(g_array_index(calls, TestCall, 0).size, ==, 4);
        g_assert_cmphex(g_array_index(calls, TestCall, 1).addr, ==, 4);
        g_assert_cmpuint(g_array_index(calls, TestCall, 1).size, ==, 4);
        memory_region_destroy(&mr);
        g_array_free(calls, TRUE);
    }
}

static void test_split_wide_write(void)
{
    for (int e = 0; e < 2; e++) {
        TestDev d;

        testdev_init(&d, "dev", 0x100, e ? DEVICE_BIG_ENDIAN : DEVICE_LITTLE_ENDIAN);
        d.ops.impl.max_access_size = 2;
        g_assert_cmpint(memory_region_dispatch_write(&d.mr, 0x10,
                        0x1122334455667788ULL, 8, ATTRS), ==, MEMTX_OK);
        g_assert_cmpuint(d.calls->len, ==, 4);
        for (unsigned i = 0; i < 4; i++) {
            testdev_assert_call(&d, i, true, 0x10 + 2 * i, 2);
        }
        if (e) {
            g_assert_cmphex(testdev_call(&d, 0)->data, ==, 0x1122);
            g_assert_cmphex(testdev_call(&d, 3)->data, ==, 0x7788);
            g_assert_cmphex(d.regs[0x10], ==, 0x11);
        } else {
            g_assert_cmphex(testdev_call(&d, 0)->data, ==, 0x7788);
            g_assert_cmphex(testdev_call(&d, 3)->data, ==, 0x1122);
            g_assert_cmphex(d.regs[0x10], ==, 0x88);
        }
        testdev_destroy(&d);
    }
}

static void test_widen(void)
{
    for (int e = 0; e < 2; e++) {
        bool be = e;
        TestDev d;
        uint64_t v;

        testdev_init(&d, "dev", 0x100, be ? DEVICE_BIG_ENDIAN : DEVICE_LITTLE_ENDIAN);
        d.ops.impl.min_access_size = 4;
        memcpy(d.regs, "\xaa\xbb\xcc\xdd", 4);

        /* Read one byte at offset 2: one aligned 4-byte read, byte extracted. */
        g_assert_cmpint(memory_region_dispatch_read(&d.mr, 2, &v, 1, ATTRS), ==,
                        MEMTX_OK);
        g_assert_cmphex(v, ==, 0xcc);
        g_assert_cmpuint(d.calls->len, ==, 1);
        testdev_assert_call(&d, 0, false, 0, 4);

        /* Write one byte at offset 1: a 4-byte write with the byte in place. */
        g_assert_cmpint(memory_region_dispatch_write(&d.mr, 1, 0x5a, 1, ATTRS),
                        ==, MEMTX_OK);
        g_assert_cmpuint(d.calls->len, ==, 2);
        testdev_assert_call(&d, 1, true, 0, 4);
        g_assert_cmphex(testdev_call(&d, 1)->data, ==,
                        be ? 0x005a0000 : 0x00005a00);

        /* A 2-byte read at 6 comes from the 4-byte word at 4. */
        memcpy(d.regs + 4, "\x01\x02\x03\x04", 4);
        g_assert_cmpint(memory_region_dispatch_read(&d.mr, 6, &v, 2, ATTRS), ==,
                        MEMTX_OK);
        testdev_assert_call(&d, 2, false, 4, 4);
        g_assert_cmphex(v, ==, be ? 0x0304 : 0x0403);
        testdev_destroy(&d);
    }
}

static void test_valid_refused(void)
{
    TestDev d;
    uint64_t v = 0x1234;

    testdev_init(&d, "dev", 0x100, DEVICE_LITTLE_ENDIAN);
    d.ops.valid.min_access_size = 2;
    d.ops.valid.max_access_size = 4;

    g_assert_cmpint(memory_region_dispatch_read(&d.mr, 0, &v, 8, ATTRS), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmphex(v, ==, 0);
    g_assert_cmpint(memory_region_dispatch_write(&d.mr, 0, 1, 1, ATTRS), ==,
                    MEMTX_DECODE_ERROR);
    /* Unaligned, and valid.unaligned is false. */
    g_assert_cmpint(memory_region_dispatch_read(&d.mr, 2, &v, 4, ATTRS), ==,
                    MEMTX_DECODE_ERROR);
    /* Past the end of the region. */
    g_assert_cmpint(memory_region_dispatch_read(&d.mr, 0x100, &v, 4, ATTRS), ==,
                    MEMTX_DECODE_ERROR);
    /* Odd sizes are never valid. */
    g_assert_cmpint(memory_region_dispatch_read(&d.mr, 0, &v, 3, ATTRS), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpuint(d.calls->len, ==, 0);

    /* What is valid goes through. */
    g_assert_cmpint(memory_region_dispatch_read(&d.mr, 4, &v, 4, ATTRS), ==,
                    MEMTX_OK);
    g_assert_cmpuint(d.calls->len, ==, 1);
    g_assert_cmphex(v, ==, 0x07060504);

    /* A write-only device refuses reads without calling anything. */
    d.ops.read = NULL;
    g_assert_cmpint(memory_region_dispatch_read(&d.mr, 4, &v, 4, ATTRS), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpuint(d.calls->len, ==, 1);
    testdev_destroy(&d);
}

static void test_unaligned_split(void)
{
    TestDev d;
    uint64_t v;

    testdev_init(&d, "dev", 0x100, DEVICE_LITTLE_ENDIAN);
    d.ops.valid.unaligned = true;           /* the bus takes it... */
    d.ops.impl.unaligned = false;           /* ...the callbacks do not */

    g_assert_cmpint(memory_region_dispatch_read(&d.mr, 1, &v, 4, ATTRS), ==,
                    MEMTX_OK);
    g_assert_cmphex(v, ==, 0x04030201);
    g_assert_cmpuint(d.calls->len, ==, 3);
    testdev_assert_call(&d, 0, false, 1, 1);
    testdev_assert_call(&d, 1, false, 2, 2);
    testdev_assert_call(&d, 2, false, 4, 1);

    g_array_set_size(d.calls, 0);
    g_assert_cmpint(memory_region_dispatch_write(&d.mr, 3, 0xa1a2a3a4, 4, ATTRS),
                    ==, MEMTX_OK);
    g_assert_cmpuint(d.calls->len, ==, 3);
    testdev_assert_call(&d, 0, true, 3, 1);
    g_assert_cmphex(testdev_call(&d, 0)->data, ==, 0xa4);
    testdev_assert_call(&d, 1, true, 4, 2);
    g_assert_cmphex(testdev_call(&d, 1)->data, ==, 0xa2a3);
    testdev_assert_call(&d, 2, true, 6, 1);
    g_assert_cmphex(testdev_call(&d, 2)->data, ==, 0xa1);
    g_assert_cmpmem(d.regs + 3, 4, "\xa4\xa3\xa2\xa1", 4);

    /* With a minimum of 4, the pieces are the two aligned words. */
    g_array_set_size(d.calls, 0);
    d.ops.impl.min_access_size = 4;
    g_assert_cmpint(memory_region_dispatch_read(&d.mr, 0x12, &v, 4, ATTRS), ==,
                    MEMTX_OK);
    g_assert_cmphex(v, ==, 0x15141312);
    g_assert_cmpuint(d.calls->len, ==, 2);
    testdev_assert_call(&d, 0, false, 0x10, 4);
    testdev_assert_call(&d, 1, false, 0x14, 4);
    testdev_destroy(&d);
}

/* A big-endian CPU load from a little-endian device sees swapped bytes. */
static void test_ld_st_endianness(void)
{
    MemoryRegion root;
    AddressSpace as;
    TestDev d;
    uint64_t v;

    memory_region_init_container(&root, NULL, "root", UINT64_MAX);
    testdev_init(&d, "dev", 0x100, DEVICE_LITTLE_ENDIAN);
    memory_region_add_subregion(&root, 0x1000, &d.mr);
    address_space_init(&as, &root, "test");

    g_assert_cmpint(address_space_ld(&as, 0x1000, 4, false, &v, ATTRS), ==, MEMTX_OK);
    g_assert_cmphex(v, ==, 0x03020100);
    g_assert_cmpint(address_space_ld(&as, 0x1000, 4, true, &v, ATTRS), ==, MEMTX_OK);
    g_assert_cmphex(v, ==, 0x00010203);
    g_assert_cmpuint(d.calls->len, ==, 2);   /* one device access each */

    g_assert_cmpint(address_space_st(&as, 0x1010, 2, true, 0xaabb, ATTRS), ==,
                    MEMTX_OK);
    g_assert_cmphex(testdev_call(&d, 2)->data, ==, 0xbbaa);
    g_assert_cmphex(d.regs[0x10], ==, 0xaa);
    g_assert_cmphex(d.regs[0x11], ==, 0xbb);

    address_space_destroy(&as);
    testdev_destroy(&d);
    memory_region_destroy(&root);
}

/* ---- Transactions and listeners --------------------------------------- */

static unsigned commits;
static AddressSpace *committed_as;

static void count_commit(MemoryListener *l, AddressSpace *as)
{
    commits++;
    committed_as = as;
    g_assert_true(l->opaque == as);
}

static void test_transactions_listeners(void)
{
    MemoryRegion root;
    AddressSpace as;
    MemoryListener l = { .commit = count_commit };
    TestDev d[5];
    unsigned before, one;

    memory_region_init_container(&root, NULL, "root", UINT64_MAX);
    address_space_init(&as, &root, "test");
    l.opaque = &as;
    address_space_add_listener(&as, &l);
    for (int i = 0; i < 5; i++) {
        testdev_init(&d[i], "dev", 0x100, DEVICE_LITTLE_ENDIAN);
    }

    /* Outside a transaction: every change rebuilds and notifies. */
    commits = 0;
    before = memory_flatview_rebuild_count();
    memory_region_add_subregion(&root, 0x0, &d[0].mr);
    one = memory_flatview_rebuild_count() - before;
    g_assert_cmpuint(one, >=, 1);
    g_assert_cmpuint(commits, ==, 1);
    g_assert_true(committed_as == &as);
    g_assert_true(address_space_lookup(&as, 0).mr == &d[0].mr);

    /* Inside one: nothing until the outermost commit, then one rebuild. */
    commits = 0;
    before = memory_flatview_rebuild_count();
    memory_region_transaction_begin();
    memory_region_transaction_begin();
    for (int i = 1; i < 5; i++) {
        memory_region_add_subregion(&root, 0x1000 * i, &d[i].mr);
    }
    memory_region_transaction_commit();
    g_assert_cmpuint(memory_flatview_rebuild_count(), ==, before);
    g_assert_cmpuint(commits, ==, 0);
    g_assert_null(address_space_lookup(&as, 0x1000).mr);
    memory_region_transaction_commit();
    g_assert_cmpuint(memory_flatview_rebuild_count() - before, ==, one);
    g_assert_cmpuint(commits, ==, 1);
    g_assert_cmpuint(as.view->nr, ==, 5);
    g_assert_true(address_space_lookup(&as, 0x4010).mr == &d[4].mr);

    /* A change that leaves the view as it was does not notify. */
    commits = 0;
    memory_region_set_enabled(&d[1].mr, false);
    memory_region_set_enabled(&d[1].mr, true);
    g_assert_cmpuint(commits, ==, 2);
    commits = 0;
    memory_region_transaction_begin();
    memory_region_set_enabled(&d[1].mr, false);
    memory_region_set_enabled(&d[1].mr, true);
    memory_region_transaction_commit();
    g_assert_cmpuint(commits, ==, 0);

    address_space_remove_listener(&as, &l);
    memory_region_set_enabled(&d[1].mr, false);
    g_assert_cmpuint(commits, ==, 0);

    address_space_destroy(&as);
    for (int i = 0; i < 5; i++) {
        testdev_destroy(&d[i]);
    }
    memory_region_destroy(&root);
}

/* ---- "info mtree" ------------------------------------------------------ */

static void test_print_tree(void)
{
    MemoryRegion root, bus, alias;
    MemoryRegion *ram = new_ram("ram", 0x10000);
    AddressSpace as;
    TestDev uart, dev;
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(GString) flat = g_string_new(NULL);

    memory_region_init_container(&root, NULL, "root", 0x100000000ULL);
    memory_region_init_container(&bus, NULL, "bus", 0x10000);
    testdev_init(&uart, "uart", 0x1000, DEVICE_LITTLE_ENDIAN);
    testdev_init(&dev, "dev", 0x100, DEVICE_LITTLE_ENDIAN);
    memory_region_init_alias(&alias, NULL, "ram-alias", ram, 0x1000, 0x1000);
    memory_region_add_subregion(&root, 0x40000000, ram);
    memory_region_add_subregion(&root, 0x9000000, &uart.mr);
    memory_region_add_subregion_overlap(&root, 0, &alias, 1);
    memory_region_add_subregion(&root, 0x10000000, &bus);
    memory_region_add_subregion(&bus, 0x100, &dev.mr);
    memory_region_set_enabled(&dev.mr, false);
    address_space_init(&as, &root, "test");

    memory_print_tree(out, false);
    g_assert_cmpstr(out->str, ==,
        "address-space: test\n"
        "  0000000000000000-00000000ffffffff (prio 0, container): root\n"
        "    0000000000000000-0000000000000fff (prio 1, ram): alias ram-alias"
        " @ram 0000000000001000-0000000000001fff\n"
        "    0000000009000000-0000000009000fff (prio 0, i/o): uart\n"
        "    0000000010000000-000000001000ffff (prio 0, container): bus\n"
        "      0000000010000100-00000000100001ff (prio 0, i/o): dev [disabled]\n"
        "    0000000040000000-000000004000ffff (prio 0, ram): ram\n");

    memory_print_tree(flat, true);
    g_assert_cmpstr(flat->str, ==,
        "address-space (flat view): test\n"
        "  0000000000000000-0000000000000fff (prio 0, ram): ram @0000000000001000\n"
        "  0000000009000000-0000000009000fff (prio 0, i/o): uart\n"
        "  0000000040000000-000000004000ffff (prio 0, ram): ram\n");

    address_space_destroy(&as);
    memory_region_destroy(&alias);
    testdev_destroy(&dev);
    testdev_destroy(&uart);
    memory_region_destroy(&bus);
    free_region(ram);
    memory_region_destroy(&root);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/memory/dispatch-offsets", test_dispatch_offsets);
    g_test_add_func("/memory/priority-overlap", test_priority_overlap);
    g_test_add_func("/memory/aliases", test_aliases);
    g_test_add_func("/memory/nested-containers", test_nested_containers);
    g_test_add_func("/memory/full-space", test_full_space);
    g_test_add_func("/memory/split-wide-read", test_split_wide_read);
    g_test_add_func("/memory/split-wide-write", test_split_wide_write);
    g_test_add_func("/memory/widen", test_widen);
    g_test_add_func("/memory/valid-refused", test_valid_refused);
    g_test_add_func("/memory/unaligned-split", test_unaligned_split);
    g_test_add_func("/memory/ld-st-endianness", test_ld_st_endianness);
    g_test_add_func("/memory/transactions-listeners", test_transactions_listeners);
    g_test_add_func("/memory/print-tree", test_print_tree);
    return g_test_run();
}
