/*
 * test.h — the bare-metal test framework of tests/guest/aarch64: output on
 * the PL011 UART, checks that print "PASS name" / "FAIL name: ...", the
 * record of the last exception taken, EL0 execution and the exit through
 * PSCI SYSTEM_OFF (HVC conduit, as the virt board's device tree says).
 *
 * A test program defines main(), runs checks and returns; the framework
 * prints "END: N passed, M failed" and powers off. run-guest-test.py
 * decides from those lines.
 */
#ifndef TURTLE_GUEST_AARCH64_TEST_H
#define TURTLE_GUEST_AARCH64_TEST_H

typedef unsigned long u64;
typedef long s64;
typedef unsigned int u32;
typedef int s32;
typedef unsigned short u16;
typedef unsigned char u8;

void uart_putc(char c);
void puts_(const char *s);
void put_hex(u64 v);
void put_dec(u64 v);

/* Records one check; returns its success. */
int check_u64(const char *name, u64 got, u64 expected);
#define CHECK(name, got, expected) check_u64((name), (u64)(got), (u64)(expected))
/* A check that passes when cond is true; detail is printed otherwise. */
int check_true(const char *name, int cond);

/* Exceptions: exc_handler records each one here. */
typedef struct ExcFrame {
    u64 x[31];
    u64 elr;
    u64 spsr;
} ExcFrame;

typedef struct ExcRecord {
    int count;
    u64 type;       /* vector offset: 0x200 current EL SPx sync, 0x400 lower EL sync... */
    u64 esr;
    u64 far;
    u64 elr;
    u64 spsr;
} ExcRecord;

extern volatile ExcRecord last_exc;

/* What the handler does after recording an expected synchronous
 * exception: resume at ELR + 4 (skip the instruction that faulted), or at
 * ELR (SVC/HVC/SMC already point past themselves), or at the saved X30
 * (after a BLR to a bad target). EXC_ABORT_EL0 stays in force: every
 * exception from EL0 ends the run_at_el0() in progress, which returns
 * 0x1000 | EC. */
enum { EXC_FATAL, EXC_SKIP, EXC_RESUME, EXC_RESUME_LR, EXC_ABORT_EL0 };
void expect_exception(int mode);
/* Number of exceptions taken so far (to check one happened). */
int exc_count(void);

u64 run_at_el0(u64 (*fn)(u64), u64 arg);
u64 run_at_el0_spsr(u64 (*fn)(u64), u64 arg, u64 spsr);
/* Returns from EL0 code started by run_at_el0. */
#define EL0_RETURN(v) \
    do { register u64 x0_ __asm__("x0") = (v); \
         __asm__ volatile("svc #0xffff" :: "r"(x0_) : "memory"); } while (0)

void test_exit(int status) __attribute__((noreturn));
u64 psci_call(u64 fn, u64 a1, u64 a2, u64 a3);

#define READ_SYSREG(name) ({ u64 v_; __asm__ volatile("mrs %0, " #name : "=r"(v_)); v_; })
#define WRITE_SYSREG(name, v) __asm__ volatile("msr " #name ", %0" :: "r"((u64)(v)))

/* ConditionHolds() of the Arm ARM: condition code cond (0-15) under the
 * flags nzcv (N in bit 3 .. V in bit 0); the reference for flag tests. */
static inline int cond_holds(int cond, unsigned nzcv)
{
    int n = (nzcv >> 3) & 1, z = (nzcv >> 2) & 1, c = (nzcv >> 1) & 1, v = nzcv & 1;
    int r;

    switch (cond >> 1) {
    case 0: r = z; break;
    case 1: r = c; break;
    case 2: r = n; break;
    case 3: r = v; break;
    case 4: r = c && !z; break;
    case 5: r = n == v; break;
    case 6: r = !z && n == v; break;
    default: return 1;
    }
    return (cond & 1) ? !r : r;
}

void *memset(void *d, int c, unsigned long n);
void *memcpy(void *d, const void *s, unsigned long n);

#endif
