/*
 * oracle-a64.c — the oracle of the A64 differential test: a freestanding
 * aarch64 Linux program (no libc) that qemu-aarch64 runs.
 *
 *     oracle-a64 CASES RESULTS
 *     oracle-a64 -z        (exits with DCZID_EL0, for the runners)
 *
 * Maps the code and data areas at the fixed addresses of a64-case.h, and
 * for each case copies its code and sandbox, fills the state area, runs
 * the code (run_blob in oracle-a64.S) and appends its result (status,
 * state area, sandbox) to RESULTS. A case that faults is stopped by the
 * signal handler and reported with the signal number as its status.
 */
#include "a64-case.h"

typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned char u8;

u64 run_blob(void *code, void *state);
void run_recover(void);

static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    register long x5 __asm__("x5") = f;

    __asm__ volatile("svc #0" : "+r"(x0)
                     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                     : "memory");
    return x0;
}

#define SYS_openat 56
#define SYS_close 57
#define SYS_read 63
#define SYS_write 64
#define SYS_exit 93
#define SYS_rt_sigaction 134
#define SYS_mmap 222
#define AT_FDCWD (-100)

void *memcpy(void *d, const void *s, unsigned long n)
{
    u8 *dp = d;
    const u8 *sp = s;

    while (n--) {
        *dp++ = *sp++;
    }
    return d;
}

void *memset(void *d, int c, unsigned long n)
{
    u8 *dp = d;

    while (n--) {
        *dp++ = (u8)c;
    }
    return d;
}

static void die(const char *msg)
{
    unsigned long n = 0;

    while (msg[n]) {
        n++;
    }
    sys6(SYS_write, 2, (long)msg, n, 0, 0, 0);
    sys6(SYS_exit, 1, 0, 0, 0, 0, 0);
}

static void *map(u64 addr, u64 size, int prot, int fixed)
{
    long r = sys6(SYS_mmap, (long)addr, (long)size, prot,
                  0x22 | (fixed ? 0x10 : 0), -1, 0);   /* PRIVATE|ANON[|FIXED] */

    if (r < 0 && r > -4096) {
        die("oracle: mmap failed\n");
    }
    return (void *)r;
}

static void write_all(int fd, const void *buf, u64 n)
{
    const u8 *p = buf;

    while (n) {
        long r = sys6(SYS_write, fd, (long)p, (long)n, 0, 0, 0);

        if (r <= 0) {
            die("oracle: write failed\n");
        }
        p += r;
        n -= (u64)r;
    }
}

/* Kernel sigaction with SA_SIGINFO; ucontext layout of arm64 Linux:
 * uc_mcontext at 176, its sp at +256 and pc at +264 (regs[31] before). */
struct ksigaction {
    void *handler;
    u64 flags;
    void *restorer;
    u64 mask;
};

static void on_signal(int sig, void *info, void *uc)
{
    u8 *mc = (u8 *)uc + 176;

    *(u64 *)(mc + 8 + 0 * 8) = (u64)sig;            /* x0 */
    *(u64 *)(mc + 8 + 32 * 8) = (u64)run_recover;   /* pc */
}

int oracle_main(u64 *sp)
{
    long argc = (long)sp[0];
    char **argv = (char **)(sp + 1);
    static const int sigs[] = { 4, 5, 7, 8, 11 };
    u8 *in, *p;
    u64 cap = 256ull << 20, len = 0;
    u32 ncases;
    u8 *code, *data;
    long fd, out;

    if (argc == 2 && argv[1][0] == '-' && argv[1][1] == 'z') {
        /* "-z": the exit status is DCZID_EL0, which the runners copy. */
        u64 dczid;

        __asm__ volatile("mrs %0, dczid_el0" : "=r"(dczid));
        return (int)(dczid & 0x1f);
    }
    if (argc < 3) {
        die("usage: oracle-a64 CASES RESULTS | oracle-a64 -z\n");
    }
    fd = sys6(SYS_openat, AT_FDCWD, (long)argv[1], 0, 0, 0, 0);
    if (fd < 0) {
        die("oracle: cannot open the case file\n");
    }
    in = map(0, cap, 3, 0);
    for (;;) {
        long r = sys6(SYS_read, fd, (long)(in + len), (long)(cap - len), 0, 0, 0);

        if (r < 0) {
            die("oracle: read failed\n");
        }
        if (r == 0) {
            break;
        }
        len += (u64)r;
    }
    sys6(SYS_close, fd, 0, 0, 0, 0, 0);
    if (len < 8 || *(u32 *)in != A64_CASE_MAGIC) {
        die("oracle: not a case file\n");
    }
    ncases = *(u32 *)(in + 4);

    code = map(A64_CODE_BASE, A64_CODE_SIZE, 7, 1);
    data = map(A64_DATA_BASE, A64_DATA_SIZE, 3, 1);
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        struct ksigaction sa = { (void *)on_signal, 4 /* SA_SIGINFO */, 0, 0 };

        sys6(SYS_rt_sigaction, sigs[i], (long)&sa, 0, 8, 0, 0);
    }
    out = sys6(SYS_openat, AT_FDCWD, (long)argv[2], 01 | 0100 | 01000, 0644, 0, 0);
    if (out < 0) {
        die("oracle: cannot create the result file\n");
    }

    p = in + 8;
    for (u32 c = 0; c < ncases; c++) {
        A64CaseHeader *h = (A64CaseHeader *)p;
        u8 *words = p + sizeof(*h);
        u8 *state = data + (A64_STATE_BASE - A64_DATA_BASE);
        u64 status;

        memcpy(code, words, h->nwords * 4ull);
        __builtin___clear_cache((char *)code, (char *)code + h->nwords * 4ull);
        memcpy(data, h->sandbox, A64_SANDBOX_SIZE);
        memset(state, 0, A64_STATE_SIZE);
        memcpy(state, h->x, sizeof(h->x));
        memcpy(state + A64_OFF_NZCV, &h->nzcv, 8);
        memcpy(state + A64_OFF_V, h->v, sizeof(h->v));
        status = run_blob(code, state);
        memset(state + A64_OFF_RET, 0, 8);      /* the runner's own address */
        write_all(out, &status, 8);
        write_all(out, state, A64_STATE_SIZE);
        write_all(out, data, A64_SANDBOX_SIZE);
        p = words + ((h->nwords * 4ull + 7) & ~7ull);
    }
    sys6(SYS_close, out, 0, 0, 0, 0, 0);
    return 0;
}
