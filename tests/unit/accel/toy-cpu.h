/*
 * toy-cpu.h — a tiny fake guest CPU for the execution engine's tests: 16
 * 64-bit registers, a pc, 4-byte little-endian instructions, a trivial MMU
 * (identity mapping with holes the tests choose) and a recording MMIO
 * device, on a small machine:
 *
 *     0x000000  RAM 4 MiB          vectors at 0x100 + 16 * exception
 *     0x400000  ROM 64 KiB
 *     0x800000  test device 4 KiB  (little-endian registers; +0x80 raises IRQ)
 *     0x801000  test device 4 KiB  (big-endian registers)
 *     0x900000  nothing (bus errors)
 *
 * Encoding: op[31:24] rd[23:20] rs[19:16] imm[15:0] (imm sign-extended
 * unless said otherwise).
 */
#ifndef TURTLE_TESTS_ACCEL_TOY_CPU_H
#define TURTLE_TESTS_ACCEL_TOY_CPU_H

#include "util/osdep.h"
#include "hw/core/cpu.h"
#include "exec/cpu-exec.h"
#include "sysemu/cpus.h"

#define TYPE_TOY_CPU "toy-cpu"

#define TOY_RAM_BASE   0x000000ULL
#define TOY_RAM_SIZE   (4 * MiB)
#define TOY_ROM_BASE   0x400000ULL
#define TOY_ROM_SIZE   (64 * KiB)
#define TOY_DEV_BASE   0x800000ULL
#define TOY_DEVBE_BASE 0x801000ULL
#define TOY_HOLE_BASE  0x900000ULL
#define TOY_VA_LIMIT   0x1000000ULL
#define TOY_VEC_BASE   0x100ULL
#define TOY_VEC_IRQ    (TOY_VEC_BASE + 16 * EXCP_TOY_IRQ)
#define TOY_DEV_IRQ_REG 0x80

enum {
    OP_ADDI = 0x01,     /* rd = rs + imm */
    OP_LUI  = 0x02,     /* rd = (uint16)imm << 16 */
    OP_BNE  = 0x03,     /* if rd != rs: pc += 4 + imm * 4 */
    OP_B    = 0x04,     /* pc += 4 + imm * 4 */
    OP_JAL  = 0x05,     /* rd = pc + 4; pc += 4 + imm * 4 */
    OP_JR   = 0x06,     /* pc = rs */
    OP_HALT = 0x07,     /* halt until an interrupt */
    OP_TRAP = 0x08,     /* exception EXCP_TOY_TRAP, return address pc + 4 */
    OP_IEN  = 0x09,     /* irq_enabled = imm; back to the loop */
    OP_JRC  = 0x0a,     /* pc = rs, through the inline jump cache probe */
    OP_LD   = 0x10,     /* | size: rd = zext(mem[rs + imm]), unaligned ok */
    OP_LDA  = 0x14,     /* | size: the same, alignment required */
    OP_ST   = 0x18,     /* | size: mem[rs + imm] = rd */
    OP_XADD = 0x20,     /* rd = atomic fetch_add64(mem[rs + imm], rd) */
};

/* Architectural exceptions of the toy (vector = 0x100 + 16 * number). */
enum {
    EXCP_TOY_TRAP = 1,
    EXCP_TOY_FAULT = 2,
    EXCP_TOY_PREFETCH = 3,
    EXCP_TOY_ALIGN = 4,
    EXCP_TOY_BUS = 5,
    EXCP_TOY_UNDEF = 6,
    EXCP_TOY_IRQ = 7,
};

typedef struct ToyEnv {
    uint64_t regs[16];
    uint64_t pc;
    uint32_t irq_enabled;
    uint32_t mmu_idx;
    /* exception state */
    uint64_t epc;
    int last_excp;
    int excp_count;
    uint64_t fault_addr;
    /* interrupt observations */
    int irq_taken;
    uint64_t irq_r1;            /* r1 when the interrupt was taken */
} ToyEnv;

typedef struct ToyCPU {
    CPUState parent_obj;
    uint64_t pad;
    ToyEnv env;
} ToyCPU;

#define TOY_CPU(obj) ((ToyCPU *)(obj))

/* Test control of the toy MMU and device. */
typedef struct ToyMachine {
    MemoryRegion ram, rom;
    MemoryRegionOps dev_ops, devbe_ops;
    MemoryRegion dev, devbe;
    uint8_t dev_regs[2][256];
    GArray *dev_calls;          /* ToyDevCall */
    /* MMU: virtual pages [unmapped_lo, unmapped_hi) fault. */
    vaddr unmapped_lo, unmapped_hi;
    /* Pages [tagged_lo, tagged_hi) are filled PAGE_TAGGED (an address
     * space's own mappings); the others are global. */
    vaddr tagged_lo, tagged_hi;
    int fills;                  /* tlb_fill calls */
    /* When the IRQ register is written: r1 at that time. */
    uint64_t irq_raised_r1;
    int irq_raised;
    CPUState *irq_target;
} ToyMachine;

typedef struct ToyDevCall {
    bool write;
    bool be;
    hwaddr addr;
    unsigned size;
    uint64_t data;
} ToyDevCall;

extern ToyMachine toy;

/* Builds the machine once and returns a new, initialized (engine) CPU. */
CPUState *toy_new_cpu(void);
/* Clears RAM, registers, TBs and TLBs; puts HALT at every vector. */
void toy_reset(CPUState *cpu);
static inline ToyEnv *toy_env(CPUState *cpu)
{
    return &TOY_CPU(cpu)->env;
}

/* Instruction encoders. */
static inline uint32_t toy_insn(unsigned op, unsigned rd, unsigned rs, int32_t imm)
{
    return (op & 0xff) << 24 | (rd & 15) << 20 | (rs & 15) << 16 | ((uint32_t)imm & 0xffff);
}
/* Writes insns at addr (through the memory API, like a loader). */
void toy_load(uint64_t addr, const uint32_t *insns, size_t n);
uint32_t toy_read32(uint64_t addr);
void toy_write32(uint64_t addr, uint32_t v);
uint8_t *toy_ram_host(uint64_t addr);

/* Runs the CPU through the registered AccelOps. */
int toy_run(CPUState *cpu, int64_t budget);

#endif
