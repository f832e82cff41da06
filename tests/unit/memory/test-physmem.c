/*
 * test-physmem.c — unit tests of address spaces and guest RAM: byte-stream
 * accesses across regions, ROM, unassigned memory, map/unmap, the DMA
 * bounds checks, RAM blocks with code and dirty tracking, the system
 * memory, and RAM sizes the host cannot provide.
 */
#include "util/osdep.h"
#include "util/log.h"
#include "exec/memory.h"
#include "testdev.h"

#include <unistd.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>

#define ATTRS MEMTXATTRS_UNSPECIFIED

/*
 * The machine used by most tests:
 *   0x1000-0x2fff   RAM "ram1" (8 KiB)
 *   0x3000-0x3fff   device "dev" (little-endian, 4-byte registers)
 *   0x4000-0x4fff   unassigned
 *   0x5000-0x6fff   RAM "ram2", then at 0x7000 RAM "ram3" right after it
 *   0x8000-0x8fff   ROM "rom"
 *   2^64-4K..2^64   RAM "top"
 */
typedef struct Machine {
    MemoryRegion root, ram1, ram2, ram3, rom, top;
    TestDev dev;
    AddressSpace as;
} Machine;

static void init_backed(MemoryRegion *mr, const char *name, uint64_t size,
                        bool rom)
{
    GError *err = NULL;
    bool ok = rom ? memory_region_init_rom(mr, NULL, name, size, &err)
                  : memory_region_init_ram(mr, NULL, name, size, &err);

    g_assert_no_error(err);
    g_assert_true(ok);
    for (uint64_t i = 0; i < size; i++) {
        mr->ram_ptr[i] = (uint8_t)(i + (i >> 8) * 3);
    }
}

static Machine *machine_new(void)
{
    Machine *m = g_new0(Machine, 1);

    memory_region_transaction_begin();
    memory_region_init_container(&m->root, NULL, "root", UINT64_MAX);
    init_backed(&m->ram1, "ram1", 0x2000, false);
    init_backed(&m->ram2, "ram2", 0x2000, false);
    init_backed(&m->ram3, "ram3", 0x1000, false);
    init_backed(&m->rom, "rom", 0x1000, true);
    init_backed(&m->top, "top", 0x1000, false);
    testdev_init(&m->dev, "dev", 0x1000, DEVICE_LITTLE_ENDIAN);
    m->dev.ops.valid.max_access_size = 4;
    memory_region_add_subregion(&m->root, 0x1000, &m->ram1);
    memory_region_add_subregion(&m->root, 0x3000, &m->dev.mr);
    memory_region_add_subregion(&m->root, 0x5000, &m->ram2);
    memory_region_add_subregion(&m->root, 0x7000, &m->ram3);
    memory_region_add_subregion(&m->root, 0x8000, &m->rom);
    memory_region_add_subregion(&m->root, 0xfffffffffffff000ULL, &m->top);
    memory_region_transaction_commit();
    address_space_init(&m->as, &m->root, "test");
    return m;
}

static void machine_free(Machine *m)
{
    address_space_destroy(&m->as);
    memory_region_destroy(&m->ram1);
    memory_region_destroy(&m->ram2);
    memory_region_destroy(&m->ram3);
    memory_region_destroy(&m->rom);
    memory_region_destroy(&m->top);
    testdev_destroy(&m->dev);
    memory_region_destroy(&m->root);
    g_free(m);
}

/* ---- Byte streams ------------------------------------------------------ */

static void test_read_write_ram(void)
{
    Machine *m = machine_new();
    uint8_t buf[16], back[16];

    for (int i = 0; i < 16; i++) {
        buf[i] = 0xa0 + i;
    }
    g_assert_cmpint(address_space_write(&m->as, 0x1ff8, ATTRS, buf, 16), ==,
                    MEMTX_OK);
    g_assert_cmpmem(m->ram1.ram_ptr + 0xff8, 16, buf, 16);
    g_assert_cmpint(address_space_read(&m->as, 0x1ff8, ATTRS, back, 16), ==,
                    MEMTX_OK);
    g_assert_cmpmem(back, 16, buf, 16);

    /* Across two RAM regions that touch. */
    g_assert_cmpint(address_space_write(&m->as, 0x6ffc, ATTRS, buf, 8), ==,
                    MEMTX_OK);
    g_assert_cmpmem(m->ram2.ram_ptr + 0x1ffc, 4, buf, 4);
    g_assert_cmpmem(m->ram3.ram_ptr, 4, buf + 4, 4);
    machine_free(m);
}

static void test_read_ram_into_mmio(void)
{
    Machine *m = machine_new();
    uint8_t buf[12];

    g_assert_cmpint(address_space_read(&m->as, 0x2ffc, ATTRS, buf, 12), ==,
                    MEMTX_OK);
    g_assert_cmpmem(buf, 4, m->ram1.ram_ptr + 0x1ffc, 4);
    /* The device's registers 0..7, in its (little-endian) byte order. */
    g_assert_cmpmem(buf + 4, 8, "\x00\x01\x02\x03\x04\x05\x06\x07", 8);
    /* valid.max_access_size is 4: two 4-byte accesses. */
    g_assert_cmpuint(m->dev.calls->len, ==, 2);
    testdev_assert_call(&m->dev, 0, false, 0, 4);
    testdev_assert_call(&m->dev, 1, false, 4, 4);

    /* A 4-byte load straddling RAM and the device: bytes from both. */
    uint64_t v;
    g_assert_cmpint(address_space_ld(&m->as, 0x2ffe, 4, false, &v, ATTRS), ==,
                    MEMTX_OK);
    g_assert_cmphex(v, ==, 0x0100u << 16 |
                    (uint64_t)m->ram1.ram_ptr[0x1fff] << 8 | m->ram1.ram_ptr[0x1ffe]);
    machine_free(m);
}

static void test_ld_st_ram(void)
{
    Machine *m = machine_new();
    uint64_t v;

    g_assert_cmpint(address_space_st(&m->as, 0x1100, 4, true, 0x11223344, ATTRS),
                    ==, MEMTX_OK);
    g_assert_cmpmem(m->ram1.ram_ptr + 0x100, 4, "\x11\x22\x33\x44", 4);
    g_assert_cmpint(address_space_ld(&m->as, 0x1100, 4, false, &v, ATTRS), ==,
                    MEMTX_OK);
    g_assert_cmphex(v, ==, 0x44332211);
    g_assert_cmpint(address_space_st(&m->as, 0x1103, 8, false,
                                     0x0102030405060708ULL, ATTRS), ==, MEMTX_OK);
    g_assert_cmpint(address_space_ld(&m->as, 0x1103, 8, true, &v, ATTRS), ==,
                    MEMTX_OK);
    g_assert_cmphex(v, ==, 0x0807060504030201ULL);
    g_assert_cmpint(address_space_ld(&m->as, 0x1100, 3, false, &v, ATTRS), ==,
                    MEMTX_DECODE_ERROR);
    machine_free(m);
}

static void test_rom(void)
{
    Machine *m = machine_new();
    uint8_t old[4], buf[4] = { 1, 2, 3, 4 };
    uint64_t v;

    memcpy(old, m->rom.ram_ptr + 0x10, 4);
    g_assert_cmpint(address_space_write(&m->as, 0x8010, ATTRS, buf, 4), ==,
                    MEMTX_ERROR);
    g_assert_cmpmem(m->rom.ram_ptr + 0x10, 4, old, 4);
    g_assert_cmpint(address_space_st(&m->as, 0x8010, 4, false, 0, ATTRS), ==,
                    MEMTX_ERROR);
    g_assert_cmpmem(m->rom.ram_ptr + 0x10, 4, old, 4);

    g_assert_cmpint(address_space_write_rom(&m->as, 0x8010, buf, 4), ==, MEMTX_OK);
    g_assert_cmpmem(m->rom.ram_ptr + 0x10, 4, buf, 4);
    g_assert_cmpint(address_space_ld(&m->as, 0x8010, 4, false, &v, ATTRS), ==,
                    MEMTX_OK);
    g_assert_cmphex(v, ==, 0x04030201);

    /* The loader path does not poke devices. */
    g_assert_cmpint(address_space_write_rom(&m->as, 0x3000, buf, 4), ==,
                    MEMTX_ERROR);
    g_assert_cmpuint(m->dev.calls->len, ==, 0);

    /* Read-only RAM behaves like ROM for the guest. */
    memory_region_set_readonly(&m->ram3, true);
    g_assert_cmpint(address_space_write(&m->as, 0x7000, ATTRS, buf, 1), ==,
                    MEMTX_ERROR);
    memory_region_set_readonly(&m->ram3, false);
    g_assert_cmpint(address_space_write(&m->as, 0x7000, ATTRS, buf, 1), ==,
                    MEMTX_OK);
    machine_free(m);
}

static void test_unassigned(void)
{
    Machine *m = machine_new();
    g_autofree char *path = NULL;
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    GError *err = NULL;
    uint8_t buf[8];
    uint64_t v = 1;
    int fd;

    fd = g_file_open_tmp("turtle-memtest-XXXXXX", &path, &err);
    g_assert_no_error(err);
    close(fd);
    g_assert_true(log_set_file(path, &err));
    log_set_mask(LOG_GUEST_ERROR);

    memset(buf, 0xee, sizeof(buf));
    g_assert_cmpint(address_space_read(&m->as, 0x4ffc, ATTRS, buf, 8), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpmem(buf, 4, "\0\0\0\0", 4);           /* unassigned reads 0 */
    g_assert_cmpmem(buf + 4, 4, m->ram2.ram_ptr, 4);  /* the rest is read */
    g_assert_cmpint(address_space_ld(&m->as, 0x4000, 4, false, &v, ATTRS), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmphex(v, ==, 0);

    log_set_mask(0);
    log_flush();
    g_assert_true(log_set_file(NULL, &err));
    g_assert_true(g_file_get_contents(path, &text, NULL, &err));
    g_assert_nonnull(strstr(text, "unassigned read of 4 bytes at "
                                  "0x0000000000004ffc in address space 'test'\n"));
    g_assert_nonnull(strstr(text, "unassigned read of 4 bytes at "
                                  "0x0000000000004000"));
    /* One line per access, nothing else. */
    lines = g_strsplit(text, "\n", -1);
    g_assert_cmpuint(g_strv_length(lines), ==, 3);
    unlink(path);

    /* Quiet without the category. */
    g_assert_cmpint(address_space_read(&m->as, 0x4000, ATTRS, buf, 1), ==,
                    MEMTX_DECODE_ERROR);
    machine_free(m);
}

static void test_wrap_2_64(void)
{
    Machine *m = machine_new();
    uint8_t buf[8];

    /* The last bytes of the space are RAM; past 2^64 there is nothing. */
    memset(buf, 0xee, sizeof(buf));
    g_assert_cmpint(address_space_read(&m->as, UINT64_MAX - 3, ATTRS, buf, 8),
                    ==, MEMTX_DECODE_ERROR);
    g_assert_cmpmem(buf, 4, m->top.ram_ptr + 0xffc, 4);
    g_assert_cmpmem(buf + 4, 4, "\0\0\0\0", 4);
    g_assert_cmpint(address_space_read(&m->as, UINT64_MAX - 3, ATTRS, buf, 4),
                    ==, MEMTX_OK);
    machine_free(m);
}

/* ---- map/unmap and DMA ------------------------------------------------- */

static void test_map(void)
{
    Machine *m = machine_new();
    hwaddr len;
    void *p;

    len = 0x2000;
    p = address_space_map(&m->as, 0x6000, &len, true);
    g_assert_true(p == m->ram2.ram_ptr + 0x1000);
    g_assert_cmphex(len, ==, 0x1000);           /* stops at the end of ram2 */

    len = 0x10;
    p = address_space_map(&m->as, 0x1800, &len, false);
    g_assert_true(p == m->ram1.ram_ptr + 0x800);
    g_assert_cmphex(len, ==, 0x10);

    len = 0x10;
    g_assert_null(address_space_map(&m->as, 0x3000, &len, false));  /* MMIO */
    g_assert_cmphex(len, ==, 0);
    len = 0x10;
    g_assert_null(address_space_map(&m->as, 0x4000, &len, false));  /* nothing */
    len = 0x10;
    g_assert_null(address_space_map(&m->as, 0x8000, &len, true));   /* ROM */
    len = 0x10;
    g_assert_true(address_space_map(&m->as, 0x8000, &len, false) == m->rom.ram_ptr);
    machine_free(m);
}

static void test_dma(void)
{
    Machine *m = machine_new();
    uint8_t buf[0x100], copy[0x100], ram[0x100];

    memset(buf, 0xee, sizeof(buf));
    memcpy(copy, buf, sizeof(buf));

    /* In bounds. */
    g_assert_true(dma_memory_read(&m->as, 0x1f80, buf, 0x100));
    g_assert_cmpmem(buf, 0x100, m->ram1.ram_ptr + 0xf80, 0x100);
    g_assert_true(dma_memory_write(&m->as, 0x6f80, copy, 0x100));  /* ram2+ram3 */
    g_assert_cmpmem(m->ram2.ram_ptr + 0x1f80, 0x80, copy, 0x80);
    g_assert_cmpmem(m->ram3.ram_ptr, 0x80, copy, 0x80);
    g_assert_true(dma_memory_read(&m->as, 0xffffffffffffff00ULL, buf, 0x100));
    g_assert_true(dma_memory_read(&m->as, 0x1000, buf, 0));

    /* Refused: the host buffer and the guest memory stay as they were. */
    memset(buf, 0xee, sizeof(buf));
    memcpy(ram, m->ram1.ram_ptr + 0x1f80, 0x80);
    g_assert_false(dma_memory_read(&m->as, 0x2f80, buf, 0x100));    /* past RAM, into MMIO */
    g_assert_false(dma_memory_read(&m->as, 0x4f80, buf, 0x100));    /* from unassigned */
    g_assert_false(dma_memory_read(&m->as, 0x3000, buf, 4));        /* MMIO */
    g_assert_false(dma_memory_read(&m->as, 0xffffffffffffff80ULL, buf, 0x100)); /* wraps */
    g_assert_false(dma_memory_read(&m->as, UINT64_MAX, buf, 2));
    g_assert_cmpmem(buf, 0x100, copy, 0x100);
    g_assert_false(dma_memory_write(&m->as, 0x2f80, ram, 0x100));
    g_assert_false(dma_memory_write(&m->as, 0x8000, ram, 4));      /* ROM */
    g_assert_false(dma_memory_set(&m->as, 0x2ff0, 0, 0x20));
    g_assert_cmpmem(m->ram1.ram_ptr + 0x1f80, 0x80, ram, 0x80);
    g_assert_cmpuint(m->dev.calls->len, ==, 0);

    /* With RAM at 0 too, a wrapping DMA is still refused: 2^64 is the end. */
    memory_region_set_address(&m->ram3, 0);
    g_assert_true(dma_memory_read(&m->as, 0, buf, 0x100));
    memset(buf, 0xee, sizeof(buf));
    g_assert_false(dma_memory_read(&m->as, 0xffffffffffffff80ULL, buf, 0x100));
    g_assert_false(dma_memory_write(&m->as, 0xffffffffffffff80ULL, buf, 0x100));
    g_assert_cmpmem(buf, 0x100, copy, 0x100);
    g_assert_cmpuint(address_space_read(&m->as, 0xffffffffffffff80ULL, ATTRS,
                                        buf, 0x100), ==, MEMTX_DECODE_ERROR);
    g_assert_cmpmem(buf + 0x80, 4, "\0\0\0\0", 4);   /* not RAM at 0 */
    memory_region_set_address(&m->ram3, 0x7000);

    /* DMA reads of ROM are fine; set fills. */
    g_assert_true(dma_memory_read(&m->as, 0x8000, buf, 4));
    g_assert_true(dma_memory_set(&m->as, 0x1ff0, 0x5a, 0x10));
    g_assert_cmpmem(m->ram1.ram_ptr + 0xff0, 4, "\x5a\x5a\x5a\x5a", 4);
    machine_free(m);
}

/* ---- Code and dirty tracking ------------------------------------------ */

static GArray *hook_calls;          /* pairs of (addr, len) */

static void code_hook(ram_addr_t addr, uint64_t len)
{
    g_array_append_val(hook_calls, addr);
    g_array_append_val(hook_calls, len);
}

static void assert_hook(unsigned i, ram_addr_t addr, uint64_t len)
{
    g_assert_cmpuint(hook_calls->len, >, 2 * i + 1);
    g_assert_cmphex(g_array_index(hook_calls, uint64_t, 2 * i), ==, addr);
    g_assert_cmphex(g_array_index(hook_calls, uint64_t, 2 * i + 1), ==, len);
}

static void test_code_pages(void)
{
    Machine *m = machine_new();
    ram_addr_t base = memory_region_ram_addr(&m->ram1);
    ram_addr_t offset;
    uint8_t buf[0x2000] = { 0 };
    hwaddr len;
    void *p;

    hook_calls = g_array_new(FALSE, FALSE, sizeof(uint64_t));
    ram_set_code_write_hook(code_hook);
    g_assert_true(ram_block_from_ram_addr(base) == m->ram1.ram_block);
    g_assert_true(ram_block_from_ram_addr(base + 0x1fff) == m->ram1.ram_block);
    g_assert_true(ram_block_from_host(m->ram1.ram_ptr + 0x1234, &offset) ==
                  m->ram1.ram_block);
    g_assert_cmphex(offset, ==, 0x1234);
    g_assert_null(ram_block_from_host(buf, &offset));

    /* Page 1 of ram1 (guest 0x2000) holds code; page 0 does not. */
    g_assert_false(ram_page_has_code(base + 0x1000));
    ram_page_set_code(base + 0x1000);
    g_assert_true(ram_page_has_code(base + 0x1fff));
    g_assert_false(ram_page_has_code(base));

    g_assert_cmpint(address_space_write(&m->as, 0x1100, ATTRS, buf, 8), ==, MEMTX_OK);
    g_assert_cmpuint(hook_calls->len, ==, 0);
    g_assert_cmpint(address_space_write(&m->as, 0x2010, ATTRS, buf, 8), ==, MEMTX_OK);
    g_assert_cmpuint(hook_calls->len, ==, 2);
    assert_hook(0, base + 0x1010, 8);
    g_assert_cmpint(address_space_st(&m->as, 0x2020, 4, false, 0, ATTRS), ==, MEMTX_OK);
    assert_hook(1, base + 0x1020, 4);

    /* DMA over both pages: the hook sees only the code page's part. */
    g_array_set_size(hook_calls, 0);
    g_assert_true(dma_memory_write(&m->as, 0x1800, buf, 0x1000));
    g_assert_cmpuint(hook_calls->len, ==, 2);
    assert_hook(0, base + 0x1000, 0x800);
    g_array_set_size(hook_calls, 0);
    g_assert_true(dma_memory_write(&m->as, 0x1000, buf, 0x1000));
    g_assert_cmpuint(hook_calls->len, ==, 0);
    g_assert_true(dma_memory_read(&m->as, 0x1000, buf, 0x2000));   /* reads never */
    g_assert_cmpuint(hook_calls->len, ==, 0);

    /* Through a mapping: reported at unmap. */
    len = 0x100;
    p = address_space_map(&m->as, 0x2080, &len, true);
    g_assert_nonnull(p);
    memset(p, 1, len);
    address_space_unmap(&m->as, p, len, true, 0x40);
    g_assert_cmpuint(hook_calls->len, ==, 2);
    assert_hook(0, base + 0x1080, 0x40);

    /* Once the translator clears the page, writes are quiet again. */
    g_array_set_size(hook_calls, 0);
    ram_page_clear_code(base + 0x1000);
    g_assert_cmpint(address_space_write(&m->as, 0x2010, ATTRS, buf, 8), ==, MEMTX_OK);
    g_assert_cmpuint(hook_calls->len, ==, 0);

    ram_set_code_write_hook(NULL);
    g_array_free(hook_calls, TRUE);
    machine_free(m);
}

static void test_dirty(void)
{
    Machine *m = machine_new();
    ram_addr_t base = memory_region_ram_addr(&m->ram2);
    uint8_t b = 1;

    /* New RAM starts dirty. */
    g_assert_true(ram_page_test_and_clear_dirty(base));
    g_assert_false(ram_page_test_and_clear_dirty(base));
    g_assert_true(ram_page_test_and_clear_dirty(base + 0x1000));

    g_assert_cmpint(address_space_write(&m->as, 0x6004, ATTRS, &b, 1), ==, MEMTX_OK);
    g_assert_false(ram_page_test_and_clear_dirty(base));
    g_assert_true(ram_page_test_and_clear_dirty(base + 0x1000));
    g_assert_false(ram_page_test_and_clear_dirty(base + 0x1000));
    ram_notify_write(base, 0x2000);
    g_assert_true(ram_page_test_and_clear_dirty(base));
    g_assert_true(ram_page_test_and_clear_dirty(base + 0x1000));
    machine_free(m);
}

/* ---- System memory and RAM sizes --------------------------------------- */

static void test_system_memory(void)
{
    MemoryRegion *sys = get_system_memory();
    AddressSpace *as = get_address_space_memory();
    MemoryRegion ram;
    GError *err = NULL;
    uint64_t v;

    g_assert_true(get_system_memory() == sys);
    g_assert_true(get_address_space_memory() == as);
    g_assert_cmpstr(sys->name, ==, "system");
    g_assert_cmphex(sys->size, ==, UINT64_MAX);
    g_assert_cmpstr(as->name, ==, "memory");
    g_assert_true(as->root == sys);

    g_assert_true(memory_region_init_ram(&ram, NULL, "virt.ram", 0x10000, &err));
    memory_region_add_subregion(sys, 0x40000000, &ram);
    g_assert_cmpint(address_space_st(as, 0x40000008, 8, false, 42, ATTRS), ==,
                    MEMTX_OK);
    g_assert_cmpint(address_space_ld(as, 0x40000008, 8, false, &v, ATTRS), ==,
                    MEMTX_OK);
    g_assert_cmpuint(v, ==, 42);
    memory_region_destroy(&ram);             /* unmaps it too */
    g_assert_null(address_space_lookup(as, 0x40000008).mr);
}

static void test_ram_too_big(void)
{
    MemoryRegion mr;
    GError *err = NULL;
    struct sysinfo si;
    struct rlimit old, lim;

    /* More than the host's memory and swap together. */
    g_assert_false(memory_region_init_ram(&mr, NULL, "huge", 1ULL << 60, &err));
    g_assert_nonnull(err);
    g_assert_true(g_str_has_prefix(err->message,
                                   "cannot allocate 1 EiB of guest RAM: the host "
                                   "has only "));
    g_assert_true(g_str_has_suffix(err->message, " of memory and swap"));
    g_assert_null(strchr(err->message, '\n'));
    g_clear_error(&err);

    /* Within the host's memory but over the address-space limit: mmap fails. */
#ifdef __SANITIZE_ADDRESS__
    g_test_skip("AddressSanitizer needs more address space than the limit");
    return;
#endif
    g_assert_cmpint(sysinfo(&si), ==, 0);
    if ((uint64_t)si.totalram * si.mem_unit < 8 * GiB) {
        g_test_skip("host too small for the mmap failure case");
        return;
    }
    g_assert_cmpint(getrlimit(RLIMIT_AS, &old), ==, 0);
    lim = old;
    lim.rlim_cur = 4 * GiB;
    g_assert_cmpint(setrlimit(RLIMIT_AS, &lim), ==, 0);
    g_assert_false(memory_region_init_ram(&mr, NULL, "big", 8 * GiB, &err));
    g_assert_cmpint(setrlimit(RLIMIT_AS, &old), ==, 0);
    g_assert_nonnull(err);
    g_assert_cmpstr(err->message, ==,
                    "cannot allocate 8 GiB of guest RAM: Cannot allocate memory");
    g_clear_error(&err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/physmem/read-write-ram", test_read_write_ram);
    g_test_add_func("/physmem/read-ram-into-mmio", test_read_ram_into_mmio);
    g_test_add_func("/physmem/ld-st-ram", test_ld_st_ram);
    g_test_add_func("/physmem/rom", test_rom);
    g_test_add_func("/physmem/unassigned", test_unassigned);
    g_test_add_func("/physmem/wrap-2-64", test_wrap_2_64);
    g_test_add_func("/physmem/map", test_map);
    g_test_add_func("/physmem/dma", test_dma);
    g_test_add_func("/physmem/code-pages", test_code_pages);
    g_test_add_func("/physmem/dirty", test_dirty);
    g_test_add_func("/physmem/system-memory", test_system_memory);
    g_test_add_func("/physmem/ram-too-big", test_ram_too_big);
    return g_test_run();
}
