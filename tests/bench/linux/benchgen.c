/*
 * benchgen.c — writes N MiB of deterministic pseudo-English text to stdout
 * for the Linux benchmarks (md5sum, gzip). Text of random dictionary words
 * compresses about as well as real text, unlike zeros or random bytes.
 * Static and libc-free (raw Linux system calls), so it runs in the bench
 * initramfs next to busybox.   Usage: benchgen MIB
 */
#include <stddef.h>
#include <stdint.h>

#define SYS_WRITE 64
#define SYS_EXIT_GROUP 94

static long sys3(long nr, long a, long b, long c)
{
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;

    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
    return x0;
}

static const char *const words[] = {
    "the", "of", "and", "to", "in", "is", "was", "that", "for", "on",
    "emulator", "translation", "block", "guest", "host", "register",
    "memory", "page", "table", "cache", "interrupt", "timer", "device",
    "kernel", "processor", "instruction", "branch", "exception", "level",
    "turtle", "benchmark", "virtual", "machine", "address", "buffer",
    "queue", "ring", "descriptor", "packet", "network", "disk", "sector",
    "with", "from", "by", "as", "an", "be", "this", "which", "or", "are",
    "compression", "checksum", "signal", "process", "thread", "schedule",
    "load", "store", "flush", "invalidate", "barrier", "atomic",
};

static uint64_t rng = 0x243f6a8885a308d3ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static char buf[1 << 16];

static void put_all(const char *p, size_t n)
{
    while (n) {
        long w = sys3(SYS_WRITE, 1, (long)p, (long)n);

        if (w <= 0) {
            sys3(SYS_EXIT_GROUP, 1, 0, 0);
        }
        p += w;
        n -= (size_t)w;
    }
}

void gen_main(uint64_t *sp) __attribute__((noreturn, used));
void gen_main(uint64_t *sp)
{
    const char *arg = sp[0] > 1 ? (const char *)sp[2] : "1";
    uint64_t mib = 0, total, done = 0;
    size_t fill = 0, nwords = sizeof(words) / sizeof(words[0]);
    unsigned col = 0;

    while (*arg >= '0' && *arg <= '9') {
        mib = mib * 10 + (uint64_t)(*arg++ - '0');
    }
    total = mib << 20;
    while (done < total) {
        uint64_t r = next();
        const char *w = words[r % nwords];

        while (*w && done < total) {
            buf[fill++] = *w++;
            done++;
            if (fill == sizeof(buf)) {
                put_all(buf, fill);
                fill = 0;
            }
        }
        if (done < total) {
            buf[fill++] = (++col % 12 == 0) ? '\n' : ' ';
            done++;
            if (fill == sizeof(buf)) {
                put_all(buf, fill);
                fill = 0;
            }
        }
    }
    put_all(buf, fill);
    sys3(SYS_EXIT_GROUP, 0, 0, 0);
    __builtin_unreachable();
}

__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "    mov x0, sp\n"
        "    bl gen_main\n");
