/*
 * fuzz-mmio.c — device register fuzzing on the virt board (tests/fuzz).
 *
 * Writes seeded random values at random offsets with random sizes (1, 2,
 * 4, 8 bytes, aligned or not) into every MMIO region of the board — GIC
 * distributor and redistributors, PL011, PL031, the 32 virtio-mmio
 * transports, the unimplemented regions (flash, GPIO, ITS, PCIe windows) —
 * and reads them back; then drives each virtio transport through a
 * plausible-but-random set-up (status bits, feature words, queue size,
 * descriptor/avail/used addresses that are sometimes in RAM, sometimes
 * not, sometimes overlapping, QueueReady and a notify), with descriptor
 * tables in RAM filled with random descriptors (loops, huge lengths, bad
 * addresses, indirect flags). Accesses that fault (external aborts) are
 * skipped by the exception handler and counted.
 *
 * Interrupts stay masked (DAIF), so whatever the GIC is told to do cannot
 * disturb the program. Parameters as in fuzz-insn.c: 0x40001000 seed,
 * 0x40001008 iterations.
 */
#include "../guest/aarch64/test.h"

#define PARAM_SEED      (*(volatile u64 *)0x40001000ul)
#define PARAM_ITERS     (*(volatile u64 *)0x40001008ul)
#define PARAM_BOOTS     (*(volatile u64 *)0x40001010ul)

#define RAM_BASE        0x40000000ul
#define RING_AREA       0x40400000ul    /* 2 MiB of guest RAM for rings */
#define VIRTIO_BASE     0x0a000000ul
#define VIRTIO_N        32

typedef struct Region {
    const char *name;
    u64 base, size;
} Region;

/* The virt board's map (hw/arm/virt.c); the UART is fuzzed last and
 * gently (its data register is where this program prints). */
static const Region regions[] = {
    { "flash", 0x00000000ul, 0x08000000ul },
    { "gicd", 0x08000000ul, 0x00010000ul },
    { "gic-its", 0x08080000ul, 0x00020000ul },
    { "gicr", 0x080a0000ul, 0x00f60000ul },
    { "rtc", 0x09010000ul, 0x00001000ul },
    { "gpio", 0x09030000ul, 0x00001000ul },
    { "virtio", VIRTIO_BASE, VIRTIO_N * 0x200ul },
    { "pcie-mmio", 0x10000000ul, 0x2eff0000ul },
    { "pcie-pio", 0x3eff0000ul, 0x00010000ul },
    { "pcie-ecam", 0x3f000000ul, 0x01000000ul },
    { "hole", 0x09040000ul, 0x00fc0000ul },
};
#define N_REGIONS (sizeof(regions) / sizeof(regions[0]))

static u64 rng_state;
static u64 faults, accesses;

static u64 rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

static u64 rnd_below(u64 n)
{
    return (rnd() >> 16) % n;
}

/* Every access may fault: the handler (EXC_SKIP) resumes after it. Each
 * access is one instruction so that skipping it is exact. */
static void mmio_write(u64 a, int size, u64 v)
{
    int before = exc_count();

    expect_exception(EXC_SKIP);
    switch (size) {
    case 1: __asm__ volatile("strb %w0, [%1]" :: "r"(v), "r"(a) : "memory"); break;
    case 2: __asm__ volatile("strh %w0, [%1]" :: "r"(v), "r"(a) : "memory"); break;
    case 4: __asm__ volatile("str %w0, [%1]" :: "r"(v), "r"(a) : "memory"); break;
    default: __asm__ volatile("str %0, [%1]" :: "r"(v), "r"(a) : "memory"); break;
    }
    expect_exception(EXC_FATAL);
    accesses++;
    faults += exc_count() != before;
}

static u64 mmio_read(u64 a, int size)
{
    int before = exc_count();
    u64 v = 0;

    expect_exception(EXC_SKIP);
    switch (size) {
    case 1: __asm__ volatile("ldrb %w0, [%1]" : "+r"(v) : "r"(a) : "memory"); break;
    case 2: __asm__ volatile("ldrh %w0, [%1]" : "+r"(v) : "r"(a) : "memory"); break;
    case 4: __asm__ volatile("ldr %w0, [%1]" : "+r"(v) : "r"(a) : "memory"); break;
    default: __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(a) : "memory"); break;
    }
    expect_exception(EXC_FATAL);
    accesses++;
    faults += exc_count() != before;
    return v;
}

static u64 rnd_value(void)
{
    switch (rnd_below(6)) {
    case 0: return 0;
    case 1: return ~0ul;
    case 2: return 1ul << rnd_below(64);
    case 3: return rnd_below(256);
    default: return rnd();
    }
}

static int rnd_size(void)
{
    return 1 << rnd_below(4);
}

/* A guest-physical address for a ring or buffer: mostly in RAM, sometimes
 * unaligned, past the end of RAM, in MMIO space or wild. */
static u64 rnd_gpa(void)
{
    switch (rnd_below(8)) {
    case 0: return rnd();
    case 1: return 0x09000000ul + rnd_below(0x1000);       /* the UART */
    case 2: return RAM_BASE + 256ul * 1024 * 1024 - rnd_below(64); /* end of RAM */
    case 3: return VIRTIO_BASE + rnd_below(VIRTIO_N * 0x200);
    default: return RING_AREA + rnd_below(0x200000 - 0x10000);
    }
}

static void fuzz_region_access(const Region *r)
{
    int size = rnd_size();
    u64 off = rnd_below(r->size);

    if (rnd_below(4)) {
        off &= ~(u64)(size - 1);
    }
    if (off + (u64)size > r->size) {
        off = r->size - (u64)size;
    }
    if (rnd_below(2)) {
        mmio_write(r->base + off, size, rnd_value());
    }
    mmio_read(r->base + off, size);
}

/* The virtio-mmio v2 register set (virtio 1.x, 4.2.2). */
static void fuzz_virtio_setup(int t)
{
    u64 b = VIRTIO_BASE + (u64)t * 0x200;
    u32 nq = 1 + (u32)rnd_below(4);

    mmio_write(b + 0x070, 4, 0);                            /* Status: reset */
    mmio_write(b + 0x070, 4, 1 | 2);                        /* ACKNOWLEDGE, DRIVER */
    for (u32 sel = 0; sel < 2; sel++) {
        mmio_write(b + 0x014, 4, sel);                      /* DeviceFeaturesSel */
        (void)mmio_read(b + 0x010, 4);
        mmio_write(b + 0x024, 4, sel);                      /* DriverFeaturesSel */
        mmio_write(b + 0x020, 4, rnd_below(2) ? mmio_read(b + 0x010, 4) : (u32)rnd());
    }
    mmio_write(b + 0x070, 4, rnd_below(4) ? (1 | 2 | 8) : (u32)rnd());  /* FEATURES_OK */
    for (u32 q = 0; q < nq; q++) {
        u64 desc = rnd_gpa(), avail = rnd_gpa(), used = rnd_gpa();
        u32 qsize = rnd_below(3) ? 1u << rnd_below(9) : (u32)rnd();

        mmio_write(b + 0x030, 4, rnd_below(5) ? q : (u32)rnd());   /* QueueSel */
        (void)mmio_read(b + 0x034, 4);                      /* QueueNumMax */
        mmio_write(b + 0x038, 4, qsize);                    /* QueueNum */
        mmio_write(b + 0x080, 4, (u32)desc);
        mmio_write(b + 0x084, 4, (u32)(desc >> 32));
        mmio_write(b + 0x090, 4, (u32)avail);
        mmio_write(b + 0x094, 4, (u32)(avail >> 32));
        mmio_write(b + 0x0a0, 4, (u32)used);
        mmio_write(b + 0x0a4, 4, (u32)(used >> 32));
        /* Random descriptors and avail entries where they point in RAM:
         * addresses anywhere, lengths up to 4 GiB, NEXT loops, INDIRECT. */
        if (desc >= RING_AREA && desc < RING_AREA + 0x1f0000) {
            volatile u64 *d = (volatile u64 *)(desc & ~15ul);
            for (int i = 0; i < 64; i++) {
                d[2 * i] = rnd_below(2) ? rnd_gpa() : RING_AREA + rnd_below(0x1000);
                d[2 * i + 1] = rnd_below(2) ? rnd() : ((rnd() & 0x7) << 32 |
                                                      rnd_below(64) << 48 | rnd_below(0x2000));
            }
        }
        if (avail >= RING_AREA && avail < RING_AREA + 0x1f0000) {
            volatile u16 *a = (volatile u16 *)(avail & ~1ul);
            for (int i = 0; i < 64; i++) {
                a[i] = (u16)(rnd_below(2) ? rnd() : rnd_below(8));
            }
        }
        __asm__ volatile("dsb sy" ::: "memory");
        mmio_write(b + 0x044, 4, rnd_below(4) ? 1 : (u32)rnd());  /* QueueReady */
    }
    mmio_write(b + 0x070, 4, rnd_below(4) ? (1 | 2 | 8 | 4) : (u32)rnd()); /* DRIVER_OK */
    for (int n = 0; n < 3; n++) {
        mmio_write(b + 0x050, 4, rnd_below(4) ? rnd_below(nq) : (u32)rnd());  /* QueueNotify */
    }
    (void)mmio_read(b + 0x060, 4);                          /* InterruptStatus */
    mmio_write(b + 0x064, 4, (u32)rnd());                   /* InterruptACK */
    (void)mmio_read(b + 0x0fc, 4);                          /* ConfigGeneration */
    for (int n = 0; n < 8; n++) {
        u64 off = 0x100 + rnd_below(0x100);
        int size = rnd_size();

        mmio_write(b + (off & ~(u64)(size - 1)), size, rnd_value());
        (void)mmio_read(b + off, rnd_size());
    }
}

int main(void)
{
    u64 seed = PARAM_SEED, iters = PARAM_ITERS;

    if (PARAM_BOOTS++ != 0) {
        puts_("fuzz-mmio: the guest was reset; stopping\n");
        return 0;
    }
    if (!iters) {
        iters = 20000;
    }
    rng_state = seed ? seed : 1;
    puts_("fuzz-mmio: seed ");
    put_dec(seed);
    puts_(" iterations ");
    put_dec(iters);
    uart_putc('\n');

    for (u64 i = 0; i < iters; i++) {
        const Region *r = &regions[rnd_below(N_REGIONS)];

        fuzz_region_access(r);
        if ((i & 255) == 0) {
            fuzz_virtio_setup((int)rnd_below(VIRTIO_N));
        }
        if ((i & 8191) == 8191) {
            puts_("fuzz-mmio: ");
            put_dec(i + 1);
            puts_(" accesses done\n");
        }
    }
    /* Every transport once more, then leave them reset. */
    for (int t = 0; t < VIRTIO_N; t++) {
        fuzz_virtio_setup(t);
    }
    /* The UART last: registers other than DR, then restore it enabled. */
    for (int i = 0; i < 200; i++) {
        u64 off = 0x4 + rnd_below(0xffc);

        if (off == 0x30 || off == 0x2c || off == 0x24 || off == 0x28) {
            continue;       /* keep the line usable for the report */
        }
        mmio_write(0x09000000ul + (off & ~3ul), 4, rnd_value());
        (void)mmio_read(0x09000000ul + off, rnd_size());
    }
    puts_("\nfuzz-mmio: done; accesses ");
    put_dec(accesses);
    puts_(" faults ");
    put_dec(faults);
    uart_putc('\n');
    return 0;
}
