/*
 * testdev.h — a recording MMIO device for the memory API tests.
 *
 * Its registers are a 256-byte array read and written in the device's byte
 * order; every callback is appended to a call log so tests can check which
 * accesses the core made, at which offsets, in which order.
 */
#ifndef TURTLE_TESTS_MEMORY_TESTDEV_H
#define TURTLE_TESTS_MEMORY_TESTDEV_H

#include "util/osdep.h"
#include "exec/memory.h"

typedef struct TestCall {
    bool write;
    hwaddr addr;
    unsigned size;
    uint64_t data;
} TestCall;

typedef struct TestDev {
    MemoryRegionOps ops;
    MemoryRegion mr;
    GArray *calls;                  /* TestCall */
    uint8_t regs[256];
} TestDev;

static inline uint64_t testdev_read(void *opaque, hwaddr addr, unsigned size)
{
    TestDev *d = opaque;
    bool be = d->ops.endianness == DEVICE_BIG_ENDIAN;
    uint64_t v = 0;
    TestCall c;

    for (unsigned i = 0; i < size; i++) {
        uint8_t b = d->regs[(addr + i) & 0xff];

        v |= (uint64_t)b << (be ? 8 * (size - 1 - i) : 8 * i);
    }
    c = (TestCall){ .write = false, .addr = addr, .size = size, .data = v };
    g_array_append_val(d->calls, c);
    return v;
}

static inline void testdev_write(void *opaque, hwaddr addr, uint64_t data,
                                 unsigned size)
{
    TestDev *d = opaque;
    bool be = d->ops.endianness == DEVICE_BIG_ENDIAN;
    TestCall c = { .write = true, .addr = addr, .size = size, .data = data };

    for (unsigned i = 0; i < size; i++) {
        d->regs[(addr + i) & 0xff] = data >> (be ? 8 * (size - 1 - i) : 8 * i);
    }
    g_array_append_val(d->calls, c);
}

/* Sets up d with the given byte order and valid/impl limits; regs[i] = i. */
static inline void testdev_init(TestDev *d, const char *name, uint64_t size,
                                DeviceEndian endian)
{
    memset(d, 0, sizeof(*d));
    d->ops.read = testdev_read;
    d->ops.write = testdev_write;
    d->ops.endianness = endian;
    d->calls = g_array_new(FALSE, TRUE, sizeof(TestCall));
    for (unsigned i = 0; i < sizeof(d->regs); i++) {
        d->regs[i] = i;
    }
    memory_region_init_io(&d->mr, NULL, &d->ops, d, name, size);
}

static inline void testdev_destroy(TestDev *d)
{
    memory_region_destroy(&d->mr);
    g_array_free(d->calls, TRUE);
}

static inline TestCall *testdev_call(TestDev *d, unsigned i)
{
    g_assert_cmpuint(i, <, d->calls->len);
    return &g_array_index(d->calls, TestCall, i);
}

static inline void testdev_assert_call(TestDev *d, unsigned i, bool write,
                                       hwaddr addr, unsigned size)
{
    TestCall *c = testdev_call(d, i);

    g_assert_cmpint(c->write, ==, write);
    g_assert_cmphex(c->addr, ==, addr);
    g_assert_cmpuint(c->size, ==, size);
}

#endif
