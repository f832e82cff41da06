/*
 * test-gicv3.c — unit tests of the GICv3 model (hw/intc/arm_gicv3_*.c).
 *
 * The distributor and redistributors are driven through the system
 * address space (MMIO as the guest does it); the CPU interface through the
 * ICC_* system-register rows the GIC registers on each CPU, captured here
 * by a stand-in arm_sysreg_register(). The CPUs are minimal objects of
 * type "arm-cpu" (this test does not link the arm64 CPU model), so the
 * GIC's cpu_interrupt()/cpu_reset_interrupt() calls show in their
 * interrupt_request.
 */
#include "util/osdep.h"
#include "hw/sysbus.h"
#include "exec/memory.h"
#include "monitor/monitor.h"
#include "target/arm/cpu.h"
#include "target/arm/sysreg.h"
#include "../../../hw/intc/arm_gicv3_internal.h"

#define DIST_BASE   0x08000000ull
#define REDIST_BASE 0x080a0000ull
#define NCPU        4

/* GICD/GICR offsets used below */
#define GICD_CTLR       0x0000
#define GICD_TYPER      0x0004
#define GICD_IIDR       0x0008
#define GICD_IGROUPR    0x0080
#define GICD_ISENABLER  0x0100
#define GICD_ICENABLER  0x0180
#define GICD_ISPENDR    0x0200
#define GICD_ICPENDR    0x0280
#define GICD_ISACTIVER  0x0300
#define GICD_IPRIORITYR 0x0400
#define GICD_ICFGR      0x0c00
#define GICD_IGRPMODR   0x0d00
#define GICD_IROUTER    0x6000
#define GICD_PIDR2      0xffe8
#define GICR_CTLR       0x0000
#define GICR_IIDR       0x0004
#define GICR_TYPER      0x0008
#define GICR_WAKER      0x0014
#define GICR_PROPBASER  0x0070
#define GICR_PIDR2      0xffe8
#define SGI_BASE        0x10000
#define GICR_IGROUPR0   (SGI_BASE + 0x0080)
#define GICR_ISENABLER0 (SGI_BASE + 0x0100)
#define GICR_ISPENDR0   (SGI_BASE + 0x0200)
#define GICR_ISACTIVER0 (SGI_BASE + 0x0300)
#define GICR_IPRIORITYR (SGI_BASE + 0x0400)
#define GICR_ICFGR0     (SGI_BASE + 0x0c00)
#define GICR_ICFGR1     (SGI_BASE + 0x0c04)

/* ---- Stand-ins for the arm64 CPU model and the monitor ---------------- */

static const TypeInfo fake_arm_cpu_info = {
    .name = TYPE_ARM_CPU, .parent = TYPE_CPU,
    .instance_size = sizeof(ARMCPU),
};
TYPE_REGISTER(fake_arm_cpu_info)

/* The rows the GIC registered, by name (the same table for every CPU). */
static GHashTable *rows_by_name;
static unsigned rows_registered;

void arm_sysreg_register(ARMCPU *cpu, const ARMSysReg *rows, size_t count)
{
    if (!rows_by_name) {
        rows_by_name = g_hash_table_new(g_str_hash, g_str_equal);
    }
    for (size_t i = 0; i < count; i++) {
        g_hash_table_insert(rows_by_name, (gpointer)rows[i].name, (gpointer)&rows[i]);
    }
    rows_registered += count;
}

static const HMPInfoCommand *info_pic;

void hmp_register_info(const HMPInfoCommand *cmd)
{
    g_assert_cmpstr(cmd->name, ==, "pic");
    info_pic = cmd;
}

/* ---- Fixture ---------------------------------------------------------- */

static ARMCPU *cpus[NCPU];
static DeviceState *gic;
static GICv3State *gs;
/* Affinities (MPIDR format): 0.0.0.0, 0.0.0.1, 0.0.1.0, 1.0.0.0 */
static const uint64_t cpu_mpidr[NCPU] = { 0x0, 0x1, 0x100, 0x100000000ull };

static void make_cpus(void)
{
    for (int i = 0; i < NCPU; i++) {
        cpus[i] = ARM_CPU(object_new(TYPE_ARM_CPU));
        g_assert_true(device_realize(DEVICE(cpus[i]), NULL));
        CPU(cpus[i])->mp_affinity = cpu_mpidr[i];
        cpus[i]->has_el2 = true;
        cpus[i]->env.pstate = 1 << PSTATE_EL_SHIFT;     /* EL1 */
    }
}

static void gic_create(int ncpu)
{
    char buf[16];

    gic = device_new(TYPE_ARM_GICV3);
    snprintf(buf, sizeof(buf), "%d", ncpu);
    g_assert_true(object_property_set_str(OBJECT(gic), "num-cpu", buf, NULL));
    g_assert_true(device_realize(gic, NULL));
    gs = ARM_GICV3(gic);
    sysbus_mmio_map(SYS_BUS_DEVICE(gic), GICV3_MMIO_DIST, DIST_BASE);
    sysbus_mmio_map(SYS_BUS_DEVICE(gic), GICV3_MMIO_REDIST, REDIST_BASE);
    for (int i = 0; i < ncpu; i++) {
        CPU(cpus[i])->interrupt_request = 0;
        cpus[i]->env.sys.hcr_el2 = 0;
        cpus[i]->env.pstate = 1 << PSTATE_EL_SHIFT;
        arm_gicv3_connect_cpu(gic, i, CPU(cpus[i]));
    }
    device_reset(gic);
}

static void gic_destroy(void)
{
    object_unref(OBJECT(gic));
    gic = NULL;
    gs = NULL;
}

static uint32_t mmio_read(hwaddr addr, unsigned size)
{
    uint64_t v = ~0ull;

    g_assert_cmpint(address_space_ld(get_address_space_memory(), addr, size, false,
                                     &v, MEMTXATTRS_UNSPECIFIED), ==, MEMTX_OK);
    return v;
}

static uint64_t mmio_read64(hwaddr addr)
{
    uint64_t v = 0;

    g_assert_cmpint(address_space_ld(get_address_space_memory(), addr, 8, false,
                                     &v, MEMTXATTRS_UNSPECIFIED), ==, MEMTX_OK);
    return v;
}

static void mmio_write(hwaddr addr, uint64_t v, unsigned size)
{
    g_assert_cmpint(address_space_st(get_address_space_memory(), addr, size, false,
                                     v, MEMTXATTRS_UNSPECIFIED), ==, MEMTX_OK);
}

static uint32_t gicd_read(hwaddr off) { return mmio_read(DIST_BASE + off, 4); }
static void gicd_write(hwaddr off, uint32_t v) { mmio_write(DIST_BASE + off, v, 4); }
static uint32_t gicr_read(int cpu, hwaddr off)
{
    return mmio_read(REDIST_BASE + cpu * GICV3_REDIST_STRIDE_V3 + off, 4);
}
static void gicr_write(int cpu, hwaddr off, uint32_t v)
{
    mmio_write(REDIST_BASE + cpu * GICV3_REDIST_STRIDE_V3 + off, v, 4);
}

static const ARMSysReg *row(const char *name)
{
    const ARMSysReg *r = rows_by_name ? g_hash_table_lookup(rows_by_name, name) : NULL;

    g_assert_nonnull(r);
    return r;
}

static uint64_t icc_read(int cpu, const char *name)
{
    const ARMSysReg *r = row(name);

    g_assert_false(r->flags & SYSREG_WO);
    g_assert_nonnull(r->read);
    return r->read(&cpus[cpu]->env, r);
}

static void icc_write(int cpu, const char *name, uint64_t v)
{
    const ARMSysReg *r = row(name);

    g_assert_false(r->flags & SYSREG_RO);
    g_assert_nonnull(r->write);
    r->write(&cpus[cpu]->env, r, v);
}

static bool irq_of(int cpu)
{
    return CPU(cpus[cpu])->interrupt_request & CPU_INTERRUPT_HARD;
}

static bool fiq_of(int cpu)
{
    return CPU(cpus[cpu])->interrupt_request & CPU_INTERRUPT_FIQ;
}

static void spi_set(int spi, int level)
{
    irq_set(arm_gicv3_spi(gic, spi), level);
}

/* What Linux does at boot: Group 1 everywhere, both groups enabled,
 * redistributors awake, PMR open, Group 1 enabled at every interface. */
static void linux_like_init(int ncpu)
{
    gicd_write(GICD_CTLR, 3);
    for (unsigned w = 1; w < gs->num_irq / 32; w++) {
        gicd_write(GICD_IGROUPR + 4 * w, ~0u);
    }
    for (int i = 0; i < ncpu; i++) {
        gicr_write(i, GICR_WAKER, 0);
        gicr_write(i, GICR_IGROUPR0, ~0u);
        icc_write(i, "ICC_PMR_EL1", 0xf0);
        icc_write(i, "ICC_IGRPEN1_EL1", 1);
    }
}

/* SPI spi (INTID 32 + spi) enabled with priority prio, routed to the PE
 * with IROUTER value route. */
static void spi_setup(int spi, uint8_t prio, uint64_t route, bool edge)
{
    unsigned irq = 32 + spi;

    mmio_write(DIST_BASE + GICD_IPRIORITYR + irq, prio, 1);
    mmio_write(DIST_BASE + GICD_IROUTER + 8 * irq, route, 8);
    if (edge) {
        uint32_t cfg = gicd_read(GICD_ICFGR + 4 * (irq / 16));

        gicd_write(GICD_ICFGR + 4 * (irq / 16), cfg | (2u << (2 * (irq % 16))));
    }
    gicd_write(GICD_ISENABLER + 4 * (irq / 32), 1u << (irq % 32));
}

/* ---- Tests ------------------------------------------------------------ */

static void test_id_registers(void)
{
    uint32_t typer;

    gic_create(NCPU);
    g_assert_cmphex(gicd_read(GICD_PIDR2) & 0xf0, ==, 0x30);
    g_assert_cmphex(gicr_read(1, GICR_PIDR2) & 0xf0, ==, 0x30);
    typer = gicd_read(GICD_TYPER);
    g_assert_cmpuint(typer & 0x1f, ==, 288 / 32 - 1);       /* ITLinesNumber */
    g_assert_cmpuint((typer >> 19) & 0x1f, ==, 15);          /* IDbits */
    g_assert_cmpuint((typer >> 17) & 1, ==, 0);              /* no LPIs yet */
    g_assert_cmphex(gicd_read(GICD_IIDR), ==, gicr_read(0, GICR_IIDR));
    /* ARE and DS are fixed to 1 */
    g_assert_cmphex(gicd_read(GICD_CTLR), ==, 0x50);
    gicd_write(GICD_CTLR, 0);
    g_assert_cmphex(gicd_read(GICD_CTLR), ==, 0x50);
    gicd_write(GICD_CTLR, 3);
    g_assert_cmphex(gicd_read(GICD_CTLR), ==, 0x53);
    gic_destroy();
}

static void test_redist_typer(void)
{
    gic_create(NCPU);
    for (int i = 0; i < NCPU; i++) {
        uint64_t t = mmio_read64(REDIST_BASE + i * GICV3_REDIST_STRIDE_V3 + GICR_TYPER);
        uint64_t m = cpu_mpidr[i];
        uint32_t aff = (m & 0xffffff) | ((m >> 32) & 0xff) << 24;

        g_assert_cmphex(t >> 32, ==, aff);
        g_assert_cmpuint((t >> 8) & 0xffff, ==, i);          /* Processor_Number */
        g_assert_cmpuint((t >> 4) & 1, ==, i == NCPU - 1);   /* Last */
        /* The 32-bit halves read the same */
        g_assert_cmphex(gicr_read(i, GICR_TYPER + 4), ==, t >> 32);
        g_assert_cmphex(gicr_read(i, GICR_TYPER), ==, (uint32_t)t);
    }
    g_assert_cmpuint(arm_gicv3_redist_size(gic), ==, NCPU * 0x20000);
    /* PROPBASER is stored for the ITS */
    mmio_write(REDIST_BASE + GICR_PROPBASER, 0x123456789000ull, 8);
    g_assert_cmphex(mmio_read64(REDIST_BASE + GICR_PROPBASER), ==, 0x123456789000ull);
    gic_destroy();
}

static void test_waker(void)
{
    gic_create(2);
    linux_like_init(2);
    /* reset state: asleep */
    gicr_write(0, GICR_WAKER, 2);
    g_assert_cmphex(gicr_read(0, GICR_WAKER), ==, 0x6);
    spi_setup(0, 0x80, 0, false);
    spi_set(0, 1);
    g_assert_false(irq_of(0));                  /* an asleep PE gets nothing */
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 1023);
    gicr_write(0, GICR_WAKER, 0);               /* wake: ChildrenAsleep clears */
    g_assert_cmphex(gicr_read(0, GICR_WAKER), ==, 0);
    g_assert_true(irq_of(0));
    spi_set(0, 0);
    gic_destroy();
}

static void test_spurious(void)
{
    gic_create(2);
    linux_like_init(2);
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 1023);
    g_assert_cmpuint(icc_read(0, "ICC_HPPIR1_EL1"), ==, 1023);
    g_assert_cmpuint(icc_read(0, "ICC_IAR0_EL1"), ==, 1023);
    g_assert_cmphex(icc_read(0, "ICC_RPR_EL1"), ==, 0xff);
    g_assert_false(irq_of(0));
    g_assert_false(fiq_of(0));
    gic_destroy();
}

static void test_spi_level(void)
{
    gic_create(2);
    linux_like_init(2);
    spi_setup(1, 0x80, 1, false);               /* INTID 33 -> CPU 1 */
    spi_set(1, 1);
    g_assert_true(irq_of(1));
    g_assert_false(irq_of(0));
    g_assert_cmphex(gicd_read(GICD_ISPENDR + 4), ==, 1u << 1);
    g_assert_cmpuint(icc_read(1, "ICC_HPPIR1_EL1"), ==, 33);
    g_assert_cmpuint(icc_read(0, "ICC_HPPIR1_EL1"), ==, 1023);

    g_assert_cmpuint(icc_read(1, "ICC_IAR1_EL1"), ==, 33);
    g_assert_false(irq_of(1));
    g_assert_cmphex(icc_read(1, "ICC_RPR_EL1"), ==, 0x80);
    g_assert_cmphex(gicd_read(GICD_ISACTIVER + 4), ==, 1u << 1);
    /* line still high: active and pending */
    g_assert_cmphex(gicd_read(GICD_ISPENDR + 4), ==, 1u << 1);
    /* clearing the pending state of a level interrupt whose line is high
     * leaves it pending */
    gicd_write(GICD_ICPENDR + 4, 1u << 1);
    g_assert_cmphex(gicd_read(GICD_ISPENDR + 4), ==, 1u << 1);

    icc_write(1, "ICC_EOIR1_EL1", 33);
    g_assert_cmphex(gicd_read(GICD_ISACTIVER + 4), ==, 0);
    g_assert_cmphex(icc_read(1, "ICC_RPR_EL1"), ==, 0xff);
    g_assert_true(irq_of(1));                   /* still asserted: again */
    spi_set(1, 0);
    g_assert_false(irq_of(1));
    g_assert_cmphex(gicd_read(GICD_ISPENDR + 4), ==, 0);
    g_assert_cmpuint(icc_read(1, "ICC_IAR1_EL1"), ==, 1023);
    gic_destroy();
}

static void test_spi_edge(void)
{
    gic_create(2);
    linux_like_init(2);
    spi_setup(2, 0x80, 0, true);                /* INTID 34 edge -> CPU 0 */
    g_assert_cmphex(gicd_read(GICD_ICFGR + 8) >> 4 & 3, ==, 2);
    irq_pulse(arm_gicv3_spi(gic, 2));
    g_assert_true(irq_of(0));                   /* latched after the pulse */
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 34);
    g_assert_false(irq_of(0));
    g_assert_cmphex(gicd_read(GICD_ISPENDR + 4), ==, 0);
    /* A second edge while active: active and pending, not signalled */
    irq_pulse(arm_gicv3_spi(gic, 2));
    g_assert_cmphex(gicd_read(GICD_ISPENDR + 4), ==, 1u << 2);
    g_assert_false(irq_of(0));
    icc_write(0, "ICC_EOIR1_EL1", 34);
    g_assert_true(irq_of(0));
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 34);
    icc_write(0, "ICC_EOIR1_EL1", 34);
    g_assert_false(irq_of(0));
    /* A level held high on an edge interrupt does not re-pend it */
    spi_set(2, 1);
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 34);
    icc_write(0, "ICC_EOIR1_EL1", 34);
    g_assert_false(irq_of(0));
    spi_set(2, 0);
    /* Software can pend it too */
    gicd_write(GICD_ISPENDR + 4, 1u << 2);
    g_assert_true(irq_of(0));
    gicd_write(GICD_ICPENDR + 4, 1u << 2);
    g_assert_false(irq_of(0));
    gic_destroy();
}

static void test_routing(void)
{
    gic_create(NCPU);
    linux_like_init(NCPU);
    /* Aff3 = 1 reaches CPU 3 */
    spi_setup(3, 0x80, 1ull << 32, false);
    g_assert_cmphex(mmio_read64(DIST_BASE + GICD_IROUTER + 8 * 35), ==, 1ull << 32);
    spi_set(3, 1);
    g_assert_true(irq_of(3));
    g_assert_false(irq_of(0) || irq_of(1) || irq_of(2));
    /* Re-routing a pending SPI to 0.0.1.0 moves the signal to CPU 2 */
    mmio_write(DIST_BASE + GICD_IROUTER + 8 * 35, 0x100, 8);
    g_assert_false(irq_of(3));
    g_assert_true(irq_of(2));
    /* 32-bit halves, RES0 bits dropped */
    mmio_write(DIST_BASE + GICD_IROUTER + 8 * 35, 0x7f000001, 4);
    g_assert_cmphex(mmio_read(DIST_BASE + GICD_IROUTER + 8 * 35, 4), ==, 0x1);
    g_assert_true(irq_of(1));
    g_assert_false(irq_of(2));
    /* An affinity no PE has: nobody */
    mmio_write(DIST_BASE + GICD_IROUTER + 8 * 35, 0x5, 8);
    g_assert_false(irq_of(0) || irq_of(1) || irq_of(2) || irq_of(3));
    /* 1 of N: offered to every awake PE, taken by the first to ack */
    mmio_write(DIST_BASE + GICD_IROUTER + 8 * 35, 1u << 31, 8);
    g_assert_true(irq_of(0) && irq_of(1) && irq_of(2) && irq_of(3));
    g_assert_cmpuint(icc_read(2, "ICC_IAR1_EL1"), ==, 35);
    g_assert_false(irq_of(0) || irq_of(1) || irq_of(2) || irq_of(3));
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 1023);
    icc_write(2, "ICC_EOIR1_EL1", 35);
    spi_set(3, 0);
    gic_destroy();
}

static void test_pmr_mask(void)
{
    gic_create(2);
    linux_like_init(2);
    icc_write(0, "ICC_PMR_EL1", 0x80);
    g_assert_cmphex(icc_read(0, "ICC_PMR_EL1"), ==, 0x80);
    spi_setup(4, 0x80, 0, false);
    spi_set(4, 1);
    g_assert_false(irq_of(0));                  /* priority must beat the mask */
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 1023);
    g_assert_cmpuint(icc_read(0, "ICC_HPPIR1_EL1"), ==, 36);   /* still pending */
    icc_write(0, "ICC_PMR_EL1", 0x88);
    g_assert_true(irq_of(0));
    icc_write(0, "ICC_PMR_EL1", 0x00);
    g_assert_false(irq_of(0));
    /* low bits of priorities are not implemented */
    icc_write(0, "ICC_PMR_EL1", 0xff);
    g_assert_cmphex(icc_read(0, "ICC_PMR_EL1"), ==, 0xf8);
    g_assert_true(irq_of(0));
    spi_set(4, 0);
    g_assert_false(irq_of(0));
    gic_destroy();
}

static void test_preemption(void)
{
    gic_create(2);
    linux_like_init(2);
    spi_setup(5, 0x80, 0, false);               /* INTID 37 */
    spi_setup(6, 0x40, 0, false);               /* INTID 38, more urgent */
    spi_setup(7, 0xa0, 0, false);               /* INTID 39, less urgent */
    spi_set(5, 1);
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 37);
    g_assert_cmphex(icc_read(0, "ICC_RPR_EL1"), ==, 0x80);
    g_assert_cmphex(icc_read(0, "ICC_AP1R0_EL1"), ==, 1u << (0x80 >> 3));
    spi_set(7, 1);
    g_assert_false(irq_of(0));                  /* cannot preempt 0x80 */
    spi_set(6, 1);
    g_assert_true(irq_of(0));                   /* 0x40 preempts */
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 38);
    g_assert_cmphex(icc_read(0, "ICC_RPR_EL1"), ==, 0x40);
    g_assert_false(irq_of(0));
    spi_set(6, 0);
    icc_write(0, "ICC_EOIR1_EL1", 38);
    g_assert_cmphex(icc_read(0, "ICC_RPR_EL1"), ==, 0x80);
    g_assert_false(irq_of(0));                  /* 0xa0 still blocked */
    spi_set(5, 0);
    icc_write(0, "ICC_EOIR1_EL1", 37);
    g_assert_cmphex(icc_read(0, "ICC_RPR_EL1"), ==, 0xff);
    g_assert_true(irq_of(0));                   /* now 39 */
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 39);
    icc_write(0, "ICC_EOIR1_EL1", 39);
    spi_set(7, 0);

    /* Binary point: with BPR1 = 7 only bit 7 is group priority, so 0x40
     * (group 0x00) preempts a running 0x80 but 0x90 (group 0x80) does not */
    icc_write(0, "ICC_BPR1_EL1", 7);
    g_assert_cmpuint(icc_read(0, "ICC_BPR1_EL1"), ==, 7);
    spi_setup(8, 0x90, 0, false);               /* INTID 40 */
    spi_set(5, 1);
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 37);
    g_assert_cmphex(icc_read(0, "ICC_RPR_EL1"), ==, 0x80);
    spi_set(8, 1);
    g_assert_false(irq_of(0));
    spi_set(6, 1);
    g_assert_true(irq_of(0));
    spi_set(6, 0);
    spi_set(8, 0);
    spi_set(5, 0);
    icc_write(0, "ICC_EOIR1_EL1", 37);
    /* BPR1 below its minimum reads back as the minimum */
    icc_write(0, "ICC_BPR1_EL1", 0);
    g_assert_cmpuint(icc_read(0, "ICC_BPR1_EL1"), ==, 3);
    gic_destroy();
}

static void test_eoimode1(void)
{
    gic_create(2);
    linux_like_init(2);
    icc_write(0, "ICC_CTLR_EL1", 2);            /* EOImode = 1 */
    g_assert_cmphex(icc_read(0, "ICC_CTLR_EL1") & 3, ==, 2);
    g_assert_cmphex((icc_read(0, "ICC_CTLR_EL1") >> 8) & 7, ==, 4);     /* PRIbits */
    spi_setup(9, 0x80, 0, false);               /* INTID 41 */
    spi_set(9, 1);
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 41);
    icc_write(0, "ICC_EOIR1_EL1", 41);          /* priority drop only */
    g_assert_cmphex(icc_read(0, "ICC_RPR_EL1"), ==, 0xff);
    g_assert_cmphex(gicd_read(GICD_ISACTIVER + 4), ==, 1u << 9);
    g_assert_false(irq_of(0));                  /* active: not signalled again */
    icc_write(0, "ICC_DIR_EL1", 41);            /* deactivation */
    g_assert_cmphex(gicd_read(GICD_ISACTIVER + 4), ==, 0);
    g_assert_true(irq_of(0));                   /* line still high */
    spi_set(9, 0);
    g_assert_false(irq_of(0));
    gic_destroy();
}

static void test_sgi(void)
{
    gic_create(NCPU);
    linux_like_init(NCPU);
    for (int i = 0; i < NCPU; i++) {
        gicr_write(i, GICR_ISENABLER0, 0xffff);
        mmio_write(REDIST_BASE + i * 0x20000 + GICR_IPRIORITYR + 5, 0xa0, 1);
    }
    g_assert_cmphex(gicr_read(0, GICR_ICFGR0), ==, 0xaaaaaaaa);
    /* CPU 0 -> 0.0.0.1 (CPU 1), SGI 5 */
    icc_write(0, "ICC_SGI1R_EL1", (5ull << 24) | (1u << 1));
    g_assert_true(irq_of(1));
    g_assert_false(irq_of(0) || irq_of(2) || irq_of(3));
    g_assert_cmphex(gicr_read(1, GICR_ISPENDR0), ==, 1u << 5);
    g_assert_cmpuint(icc_read(1, "ICC_IAR1_EL1"), ==, 5);
    g_assert_cmphex(gicr_read(1, GICR_ISACTIVER0), ==, 1u << 5);
    icc_write(1, "ICC_EOIR1_EL1", 5);
    g_assert_cmphex(gicr_read(1, GICR_ISACTIVER0), ==, 0);
    g_assert_false(irq_of(1));
    /* Aff1 = 1, target list bit 0: 0.0.1.0 is CPU 2 */
    icc_write(0, "ICC_SGI1R_EL1", (3ull << 24) | (1ull << 16) | 1);
    g_assert_true(irq_of(2));
    g_assert_cmpuint(icc_read(2, "ICC_IAR1_EL1"), ==, 3);
    icc_write(2, "ICC_EOIR1_EL1", 3);
    /* Aff3 = 1, target list bit 0: CPU 3 */
    icc_write(0, "ICC_SGI1R_EL1", (7ull << 24) | (1ull << 48) | 1);
    g_assert_true(irq_of(3));
    g_assert_cmpuint(icc_read(3, "ICC_IAR1_EL1"), ==, 7);
    icc_write(3, "ICC_EOIR1_EL1", 7);
    /* IRM: everyone but the sender */
    icc_write(1, "ICC_SGI1R_EL1", (2ull << 24) | ICC_SGIR_IRM);
    g_assert_true(irq_of(0) && irq_of(2) && irq_of(3));
    g_assert_false(irq_of(1));
    for (int i = 0; i < NCPU; i++) {
        if (i != 1) {
            g_assert_cmpuint(icc_read(i, "ICC_IAR1_EL1"), ==, 2);
            icc_write(i, "ICC_EOIR1_EL1", 2);
        }
    }
    /* SGI0R only raises Group 0 SGIs */
    icc_write(0, "ICC_SGI0R_EL1", (4ull << 24) | (1u << 1));
    g_assert_cmphex(gicr_read(1, GICR_ISPENDR0), ==, 0);
    gicr_write(1, GICR_IGROUPR0, ~0u & ~(1u << 4));
    mmio_write(REDIST_BASE + 0x20000 + GICR_IPRIORITYR + 4, 0x60, 1);
    icc_write(1, "ICC_IGRPEN0_EL1", 1);
    icc_write(0, "ICC_SGI0R_EL1", (4ull << 24) | (1u << 1));
    g_assert_cmphex(gicr_read(1, GICR_ISPENDR0), ==, 1u << 4);
    g_assert_true(fiq_of(1));                   /* Group 0 is FIQ */
    g_assert_false(irq_of(1));
    g_assert_cmpuint(icc_read(1, "ICC_IAR1_EL1"), ==, 1023);
    g_assert_cmpuint(icc_read(1, "ICC_HPPIR0_EL1"), ==, 4);
    g_assert_cmpuint(icc_read(1, "ICC_IAR0_EL1"), ==, 4);
    g_assert_false(fiq_of(1));
    g_assert_cmphex(icc_read(1, "ICC_AP0R0_EL1"), ==, 1u << (0x60 >> 3));
    /* EOIR1 cannot drop a Group 0 priority */
    icc_write(1, "ICC_EOIR1_EL1", 4);
    g_assert_cmphex(icc_read(1, "ICC_AP0R0_EL1"), ==, 1u << (0x60 >> 3));
    icc_write(1, "ICC_EOIR0_EL1", 4);
    g_assert_cmphex(icc_read(1, "ICC_AP0R0_EL1"), ==, 0);
    g_assert_cmphex(gicr_read(1, GICR_ISACTIVER0), ==, 0);
    gic_destroy();
}

static void test_ppi_timer(void)
{
    gic_create(2);
    linux_like_init(2);
    for (int i = 0; i < 2; i++) {
        gicr_write(i, GICR_ISENABLER0, (1u << 30) | (1u << 27));
        mmio_write(REDIST_BASE + i * 0x20000 + GICR_IPRIORITYR + 30, 0xa0, 1);
        mmio_write(REDIST_BASE + i * 0x20000 + GICR_IPRIORITYR + 27, 0xa0, 1);
    }
    g_assert_cmphex(mmio_read(REDIST_BASE + GICR_IPRIORITYR + 28, 4), ==, 0x00a00000);
    irq_raise(arm_gicv3_ppi(gic, 0, 30));       /* EL1 physical timer, CPU 0 */
    g_assert_true(irq_of(0));
    g_assert_false(irq_of(1));
    g_assert_cmpuint(icc_read(0, "ICC_HPPIR1_EL1"), ==, 30);
    irq_lower(arm_gicv3_ppi(gic, 0, 30));       /* level: goes away */
    g_assert_false(irq_of(0));
    irq_raise(arm_gicv3_ppi(gic, 1, 27));       /* virtual timer, CPU 1 */
    g_assert_true(irq_of(1));
    g_assert_false(irq_of(0));
    g_assert_cmpuint(icc_read(1, "ICC_IAR1_EL1"), ==, 27);
    g_assert_cmphex(gicr_read(1, GICR_ISPENDR0), ==, 1u << 27);  /* still high */
    irq_lower(arm_gicv3_ppi(gic, 1, 27));
    icc_write(1, "ICC_EOIR1_EL1", 27);
    g_assert_false(irq_of(1));
    /* PPI 27 made edge-triggered latches a pulse */
    gicr_write(1, GICR_ICFGR1, 2u << (2 * 11));
    g_assert_cmphex(gicr_read(1, GICR_ICFGR1), ==, 2u << (2 * 11));
    irq_pulse(arm_gicv3_ppi(gic, 1, 27));
    g_assert_true(irq_of(1));
    g_assert_cmpuint(icc_read(1, "ICC_IAR1_EL1"), ==, 27);
    icc_write(1, "ICC_EOIR1_EL1", 27);
    g_assert_false(irq_of(1));
    gic_destroy();
}

static void test_group_enables(void)
{
    gic_create(2);
    linux_like_init(2);
    spi_setup(10, 0x80, 0, false);
    spi_set(10, 1);
    g_assert_true(irq_of(0));
    icc_write(0, "ICC_IGRPEN1_EL1", 0);
    g_assert_false(irq_of(0));
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 1023);
    icc_write(0, "ICC_IGRPEN1_EL1", 1);
    g_assert_true(irq_of(0));
    gicd_write(GICD_CTLR, 1);                   /* Group 1 off in the distributor */
    g_assert_false(irq_of(0));
    g_assert_cmpuint(icc_read(0, "ICC_HPPIR1_EL1"), ==, 1023);
    gicd_write(GICD_CTLR, 3);
    g_assert_true(irq_of(0));
    gicd_write(GICD_ICENABLER + 4 * (42 / 32), 1u << (42 % 32));
    g_assert_false(irq_of(0));
    /* Group 0 SPI: FIQ */
    gicd_write(GICD_IGROUPR + 4, ~0u & ~(1u << 10));
    gicd_write(GICD_ISENABLER + 4, 1u << 10);
    g_assert_false(fiq_of(0));                  /* IGRPEN0 still 0 */
    icc_write(0, "ICC_IGRPEN0_EL1", 1);
    g_assert_true(fiq_of(0));
    g_assert_false(irq_of(0));
    spi_set(10, 0);
    g_assert_false(fiq_of(0));
    gic_destroy();
}

static void test_raz_wi(void)
{
    gic_create(2);
    /* byte access to priorities, low bits not implemented */
    mmio_write(DIST_BASE + GICD_IPRIORITYR + 45, 0xff, 1);
    g_assert_cmphex(mmio_read(DIST_BASE + GICD_IPRIORITYR + 44, 4), ==, 0xf800);
    mmio_write(DIST_BASE + GICD_IPRIORITYR + 44, 0x12345678, 4);
    g_assert_cmphex(mmio_read(DIST_BASE + GICD_IPRIORITYR + 44, 4), ==, 0x10305078);
    g_assert_cmphex(mmio_read(DIST_BASE + GICD_IPRIORITYR + 46, 1), ==, 0x30);
    /* INTIDs 0-31 are the redistributors' (ARE=1) */
    gicd_write(GICD_ISENABLER, ~0u);
    g_assert_cmphex(gicd_read(GICD_ISENABLER), ==, 0);
    mmio_write(DIST_BASE + GICD_IPRIORITYR + 3, 0x80, 1);
    g_assert_cmphex(gicd_read(GICD_IPRIORITYR), ==, 0);
    /* beyond num-irq */
    gicd_write(GICD_ISENABLER + 4 * 20, ~0u);
    g_assert_cmphex(gicd_read(GICD_ISENABLER + 4 * 20), ==, 0);
    /* DS=1: no group modifiers */
    gicd_write(GICD_IGRPMODR + 4, ~0u);
    g_assert_cmphex(gicd_read(GICD_IGRPMODR + 4), ==, 0);
    /* unknown offsets */
    gicd_write(0x5000, ~0u);
    g_assert_cmphex(gicd_read(0x5000), ==, 0);
    gicr_write(0, 0x3000, ~0u);
    g_assert_cmphex(gicr_read(0, 0x3000), ==, 0);
    g_assert_cmphex(gicr_read(0, GICR_CTLR), ==, 0);
    /* SGI configuration is fixed */
    gicr_write(0, GICR_ICFGR0, 0);
    g_assert_cmphex(gicr_read(0, GICR_ICFGR0), ==, 0xaaaaaaaa);
    gic_destroy();
}

static void test_reset(void)
{
    gic_create(2);
    linux_like_init(2);
    spi_setup(11, 0x80, 0, true);
    irq_pulse(arm_gicv3_spi(gic, 11));
    g_assert_true(irq_of(0));
    device_reset(gic);
    g_assert_false(irq_of(0));
    g_assert_cmphex(gicd_read(GICD_ISPENDR + 4), ==, 0);
    g_assert_cmphex(gicr_read(0, GICR_WAKER), ==, 0x6);
    g_assert_cmpuint(icc_read(0, "ICC_BPR0_EL1"), ==, 2);
    g_assert_cmpuint(icc_read(0, "ICC_BPR1_EL1"), ==, 3);
    g_assert_cmphex(icc_read(0, "ICC_SRE_EL1"), ==, 0x7);
    gic_destroy();
}

static void test_realize_errors(void)
{
    static const char *const bad[][2] = {
        { "num-irq", "100" }, { "num-irq", "32" }, { "num-irq", "2048" },
        { "num-cpu", "0" }, { "revision", "2" },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(bad); i++) {
        DeviceState *d = device_new(TYPE_ARM_GICV3);
        GError *err = NULL;

        g_assert_true(object_property_set_str(OBJECT(d), bad[i][0], bad[i][1], NULL));
        g_assert_false(device_realize(d, &err));
        g_assert_nonnull(err);
        g_error_free(err);
        object_unref(OBJECT(d));
    }
}

static void test_info_pic(void)
{
    g_autoptr(GString) out = g_string_new("");

    gic_create(2);
    linux_like_init(2);
    spi_setup(12, 0x80, 1, false);              /* INTID 44 -> CPU 1 */
    spi_set(12, 1);
    g_assert_nonnull(info_pic);
    info_pic->handler(NULL, out, "");
    g_assert_nonnull(strstr(out->str, "GICv3"));
    g_assert_nonnull(strstr(out->str, "best pending: 44"));
    g_assert_nonnull(strstr(out->str, "pending: 44"));
    g_assert_nonnull(strstr(out->str, " IRQ"));
    spi_set(12, 0);
    gic_destroy();
}

static void test_sysreg_rows(void)
{
    const ARMSysReg *r;

    gic_create(1);
    r = row("ICC_IAR1_EL1");
    g_assert_cmphex(r->key, ==, ARM_SYSREG_KEY(3, 0, 12, 12, 0));
    g_assert_true(r->flags & SYSREG_RO);
    g_assert_true(r->flags & SYSREG_IO);
    r = row("ICC_SGI1R_EL1");
    g_assert_cmphex(r->key, ==, ARM_SYSREG_KEY(3, 0, 12, 11, 5));
    g_assert_true(r->flags & SYSREG_WO);
    r = row("ICC_PMR_EL1");
    g_assert_cmphex(r->key, ==, ARM_SYSREG_KEY(3, 0, 4, 6, 0));
    /* EL0 cannot reach any of them */
    g_assert_false(r->flags & (SYSREG_EL0_R | SYSREG_EL0_W));
    g_assert_cmphex((cpus[0]->isar.id_aa64pfr0 >> 24) & 0xf, ==, 1);
    g_assert_true(cpus[0]->env.gicv3_cpuif == &gs->cpu[0]);
    gic_destroy();
}

/*
 * The cached best pending interrupt against a brute-force reference, after
 * random operations on every kind of state.
 */
static GICv3Pending reference_hppi(GICv3CPUState *cs)
{
    GICv3Pending best = { GICV3_SPURIOUS, 0xff, 0 };

    for (unsigned irq = 0; irq < gs->num_irq; irq++) {
        bool pend, en, act, grp;
        uint8_t prio;

        if (irq < 32) {
            pend = (gicv3_redist_pending(cs) >> irq) & 1;
            en = (cs->gicr_ienabler0 >> irq) & 1;
            act = (cs->gicr_iactiver0 >> irq) & 1;
            grp = (cs->gicr_igroupr0 >> irq) & 1;
            prio = cs->gicr_ipriorityr[irq];
        } else {
            int t = gs->spi_target[irq];

            if (!(t == cs->index ||
                  (t == GICV3_TARGET_ANY && !(cs->gicr_waker & GICR_WAKER_PS)))) {
                continue;
            }
            pend = gicv3_bit(gs->pending, irq) ||
                   (gicv3_bit(gs->level, irq) && !gicv3_bit(gs->edge_trigger, irq));
            en = gicv3_bit(gs->enabled, irq);
            act = gicv3_bit(gs->active, irq);
            grp = gicv3_bit(gs->group, irq);
            prio = gs->priority[irq];
        }
        if (!pend || !en || act || !(gs->gicd_ctlr & (grp ? 2 : 1))) {
            continue;
        }
        if (prio < best.prio) {
            best.intid = irq;
            best.prio = prio;
            best.group = grp;
        }
    }
    return best;
}

static void test_hppi_cache_random(void)
{
    GRand *rand = g_rand_new_with_seed(1234);

    gic_create(NCPU);
    linux_like_init(NCPU);
    icc_write(0, "ICC_IGRPEN0_EL1", 1);
    for (int step = 0; step < 20000; step++) {
        int cpu = g_rand_int_range(rand, 0, NCPU);
        unsigned irq = g_rand_int_range(rand, 16, gs->num_irq);
        unsigned w = irq / 32, bit = 1u << (irq % 32);
        hwaddr rb = REDIST_BASE + cpu * 0x20000;
        uint8_t prio = g_rand_int_range(rand, 0, 8) << 5;

        switch (g_rand_int_range(rand, 0, 12)) {
        case 0:
            if (irq >= 32) {
                spi_set(irq - 32, g_rand_boolean(rand));
            } else {
                irq_set(arm_gicv3_ppi(gic, cpu, irq), g_rand_boolean(rand));
            }
            break;
        case 1:
            if (irq >= 32) {
                gicd_write(g_rand_boolean(rand) ? GICD_ISENABLER + 4 * w :
                           GICD_ICENABLER + 4 * w, bit);
            } else {
                gicr_write(cpu, g_rand_boolean(rand) ? GICR_ISENABLER0 :
                           GICR_ISENABLER0 + 0x80, bit);
            }
            break;
        case 2:
            if (irq >= 32) {
                mmio_write(DIST_BASE + GICD_IPRIORITYR + irq, prio, 1);
            } else {
                mmio_write(rb + GICR_IPRIORITYR + irq, prio, 1);
            }
            break;
        case 3:
            if (irq >= 32) {
                mmio_write(DIST_BASE + GICD_IROUTER + 8 * irq,
                           g_rand_int_range(rand, 0, 5) == 4 ? 1u << 31 :
                           cpu_mpidr[g_rand_int_range(rand, 0, NCPU)], 8);
            }
            break;
        case 4:
            if (irq >= 32) {
                gicd_write(g_rand_boolean(rand) ? GICD_ISPENDR + 4 * w :
                           GICD_ICPENDR + 4 * w, bit);
            } else {
                gicr_write(cpu, g_rand_boolean(rand) ? GICR_ISPENDR0 :
                           GICR_ISPENDR0 + 0x80, bit);
            }
            break;
        case 5:
            if (irq >= 32) {
                gicd_write(GICD_IGROUPR + 4 * w, gicd_read(GICD_IGROUPR + 4 * w) ^ bit);
            } else {
                gicr_write(cpu, GICR_IGROUPR0, gicr_read(cpu, GICR_IGROUPR0) ^ bit);
            }
            break;
        case 6: {
            int g = g_rand_boolean(rand);
            uint64_t id = icc_read(cpu, g ? "ICC_IAR1_EL1" : "ICC_IAR0_EL1");

            if (id != 1023) {
                icc_write(cpu, g ? "ICC_EOIR1_EL1" : "ICC_EOIR0_EL1", id);
            }
            break;
        }
        case 7:
            icc_read(cpu, g_rand_boolean(rand) ? "ICC_IAR1_EL1" : "ICC_IAR0_EL1");
            break;
        case 8:
            if (irq >= 32) {
                gicd_write(GICD_ISACTIVER + 0x80 * g_rand_int_range(rand, 0, 2) + 4 * w, bit);
            } else {
                gicr_write(cpu, GICR_ISACTIVER0 + 0x80 * g_rand_int_range(rand, 0, 2), bit);
            }
            break;
        case 9:
            if (g_rand_int_range(rand, 0, 20) == 0) {
                gicd_write(GICD_CTLR, g_rand_int_range(rand, 0, 4));
            }
            break;
        case 10:
            icc_write(cpu, "ICC_SGI1R_EL1", ((uint64_t)(irq % 16) << 24) |
                      (g_rand_boolean(rand) ? ICC_SGIR_IRM : 1));
            break;
        case 11:
            if (irq >= 32) {
                gicd_write(GICD_ICFGR + 4 * (irq / 16), g_rand_int(rand) & 0xaaaaaaaa);
            } else if (g_rand_int_range(rand, 0, 10) == 0) {
                gicr_write(cpu, GICR_WAKER, g_rand_int_range(rand, 0, 8) ? 0 : 2);
            }
            break;
        }
        for (int c = 0; c < NCPU; c++) {
            GICv3CPUState *cs = &gs->cpu[c];
            GICv3Pending ref = reference_hppi(cs);

            if (cs->hppi.intid != ref.intid || cs->hppi.prio != ref.prio) {
                g_test_message("step %d cpu %d: cached %u/0x%x, reference %u/0x%x",
                               step, c, cs->hppi.intid, cs->hppi.prio, ref.intid, ref.prio);
            }
            g_assert_cmpuint(cs->hppi.intid, ==, ref.intid);
            g_assert_cmpuint(cs->hppi.prio, ==, ref.prio);
            g_assert_cmpuint(cs->hppi.group, ==, ref.group);
        }
    }
    g_rand_free(rand);
    gic_destroy();
}

/* ---- Virtual CPU interface --------------------------------------------- */

#define HCR_FMO_BIT (1ull << 3)
#define HCR_IMO_BIT (1ull << 4)
#define LR(state, grp1, hw, prio, pintid, vintid) \
    (((uint64_t)(state) << 62) | ((uint64_t)(grp1) << 60) | ((uint64_t)(hw) << 61) | \
     ((uint64_t)(prio) << 48) | ((uint64_t)(pintid) << 32) | (vintid))
#define LR_EOI (1ull << 41)

static bool virq_of(int cpu)
{
    return CPU(cpus[cpu])->interrupt_request & CPU_INTERRUPT_VIRQ;
}

static ARMSysRegAccess access_of(int cpu, const char *name, bool isread)
{
    const ARMSysReg *r = row(name);

    return r->access ? r->access(&cpus[cpu]->env, r, isread) : SYSREG_ACCESS_OK;
}

static void test_vcpuif_list_registers(void)
{
    uint64_t vtr;

    gic_create(2);
    linux_like_init(2);
    vtr = icc_read(0, "ICH_VTR_EL2");
    g_assert_cmpuint(vtr & 0x1f, ==, 15);                   /* 16 LRs */
    g_assert_cmpuint((vtr >> 29) & 7, ==, 4);               /* PRIbits: 5 */
    g_assert_cmpuint((vtr >> 26) & 7, ==, 4);               /* PREbits: 5 */
    cpus[0]->env.sys.hcr_el2 = HCR_IMO_BIT | HCR_FMO_BIT;   /* a guest runs */
    icc_write(0, "ICH_VMCR_EL2", 2 | (0xf0ull << 24));      /* VENG1, VPMR */
    icc_write(0, "ICH_LR0_EL2", LR(1, 1, 0, 0xa0, 0, 27));
    g_assert_false(virq_of(0));                             /* En = 0 */
    icc_write(0, "ICH_HCR_EL2", 1);
    g_assert_true(virq_of(0));
    g_assert_false(irq_of(0));
    /* EL1 accesses now reach ICV_* */
    g_assert_cmphex(icc_read(0, "ICC_PMR_EL1"), ==, 0xf0);
    icc_write(0, "ICC_PMR_EL1", 0xa0);                      /* ICV_PMR masks it */
    g_assert_false(virq_of(0));
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 1023);
    icc_write(0, "ICC_PMR_EL1", 0xf0);
    g_assert_cmphex(gicv3_icc_pmr_read(&gs->cpu[0]), ==, 0xf0);  /* physical: untouched */
    g_assert_cmpuint(icc_read(0, "ICC_HPPIR1_EL1"), ==, 27);
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 27);
    g_assert_false(virq_of(0));
    g_assert_cmphex(icc_read(0, "ICH_LR0_EL2") >> 62, ==, 2);  /* active */
    g_assert_cmphex(icc_read(0, "ICC_RPR_EL1"), ==, 0xa0);
    g_assert_cmphex(icc_read(0, "ICH_AP1R0_EL2"), ==, 1u << (0xa0 >> 3));
    g_assert_cmphex(icc_read(0, "ICC_AP1R0_EL1"), ==, 1u << (0xa0 >> 3));
    g_assert_cmphex(gicv3_running_priority(&gs->cpu[0]), ==, 0xff);
    icc_write(0, "ICC_EOIR1_EL1", 27);
    g_assert_cmphex(icc_read(0, "ICH_LR0_EL2") >> 62, ==, 0);
    g_assert_cmphex(icc_read(0, "ICH_ELRSR_EL2") & 1, ==, 1);
    g_assert_cmphex(icc_read(0, "ICH_AP1R0_EL2"), ==, 0);
    /* An EOI for a vINTID in no list register counts in EOIcount */
    icc_write(0, "ICH_LR1_EL2", LR(1, 1, 0, 0x80, 0, 40));
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 40);
    icc_write(0, "ICH_LR1_EL2", 0);                         /* the hypervisor took it */
    icc_write(0, "ICC_EOIR1_EL1", 40);
    g_assert_cmpuint(icc_read(0, "ICH_HCR_EL2") >> 27, ==, 1);
    /* Without IMO/FMO the same registers are the physical interface */
    cpus[0]->env.sys.hcr_el2 = 0;
    icc_write(0, "ICC_PMR_EL1", 0x60);
    g_assert_cmphex(gicv3_icc_pmr_read(&gs->cpu[0]), ==, 0x60);
    g_assert_cmphex((icc_read(0, "ICH_VMCR_EL2") >> 24) & 0xff, ==, 0xf0);
    gic_destroy();
}

static void test_vcpuif_hw_and_maintenance(void)
{
    GICv3CPUState *cs;

    gic_create(2);
    linux_like_init(2);
    cs = &gs->cpu[0];
    /* The hypervisor takes physical SPI 48 ... */
    spi_setup(16, 0x80, 0, false);
    spi_set(16, 1);
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 48);
    icc_write(0, "ICC_CTLR_EL1", 2);                        /* host: EOImode 1 */
    icc_write(0, "ICC_EOIR1_EL1", 48);                      /* drop, still active */
    g_assert_cmphex(gicd_read(GICD_ISACTIVER + 4), ==, 1u << 16);
    /* ... and hands it to the guest as vINTID 80 with HW = 1 */
    cpus[0]->env.sys.hcr_el2 = HCR_IMO_BIT | HCR_FMO_BIT;
    icc_write(0, "ICH_VMCR_EL2", 2 | (0xf0ull << 24));
    icc_write(0, "ICH_HCR_EL2", 1);
    icc_write(0, "ICH_LR2_EL2", LR(1, 1, 1, 0x80, 48, 80));
    g_assert_true(virq_of(0));
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 80);
    spi_set(16, 0);
    icc_write(0, "ICC_EOIR1_EL1", 80);
    /* the guest's deactivation deactivated the physical interrupt */
    g_assert_cmphex(gicd_read(GICD_ISACTIVER + 4), ==, 0);
    g_assert_cmphex(icc_read(0, "ICH_LR2_EL2") >> 62, ==, 0);

    /* EOI maintenance: an LR with EOI = 1 finishing raises PPI 25 */
    gicr_write(0, GICR_ISENABLER0, 1u << 25);
    icc_write(0, "ICH_LR3_EL2", LR(1, 1, 0, 0x80, 0, 81) | LR_EOI);
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 81);
    g_assert_cmphex(gicr_read(0, GICR_ISPENDR0) & (1u << 25), ==, 0);
    icc_write(0, "ICC_EOIR1_EL1", 81);
    g_assert_cmphex(icc_read(0, "ICH_EISR_EL2"), ==, 1u << 3);
    g_assert_cmphex(icc_read(0, "ICH_MISR_EL2") & 1, ==, 1);
    g_assert_cmphex(gicr_read(0, GICR_ISPENDR0) & (1u << 25), ==, 1u << 25);
    g_assert_true(irq_of(0));                               /* physical IRQ to EL2 */
    cpus[0]->env.sys.hcr_el2 = 0;                           /* the hypervisor runs */
    g_assert_cmpuint(icc_read(0, "ICC_IAR1_EL1"), ==, 25);
    icc_write(0, "ICH_LR3_EL2", 0);                         /* handled: clear LR */
    g_assert_cmphex(gicr_read(0, GICR_ISPENDR0) & (1u << 25), ==, 0);
    icc_write(0, "ICC_EOIR1_EL1", 25);
    icc_write(0, "ICC_DIR_EL1", 25);

    /* Underflow: UIE with at most one valid LR */
    icc_write(0, "ICH_LR0_EL2", LR(1, 1, 0, 0x80, 0, 90));
    icc_write(0, "ICH_LR1_EL2", LR(1, 1, 0, 0x80, 0, 91));
    icc_write(0, "ICH_HCR_EL2", 1 | 2);
    g_assert_cmphex(icc_read(0, "ICH_MISR_EL2") & 2, ==, 0);
    icc_write(0, "ICH_LR1_EL2", 0);
    g_assert_cmphex(icc_read(0, "ICH_MISR_EL2") & 2, ==, 2);
    g_assert_true(cs->level & (1u << 25));
    icc_write(0, "ICH_HCR_EL2", 0);                         /* En = 0: no maintenance */
    g_assert_false(cs->level & (1u << 25));
    g_assert_false(virq_of(0));
    gic_destroy();
}

static void test_vcpuif_traps(void)
{
    gic_create(2);
    linux_like_init(2);
    /* No routing: nothing traps */
    g_assert_cmpint(access_of(0, "ICC_SGI1R_EL1", false), ==, SYSREG_ACCESS_OK);
    /* IMO: SGI writes trap to EL2, the rest goes to ICV_* */
    cpus[0]->env.sys.hcr_el2 = HCR_IMO_BIT;
    g_assert_cmpint(access_of(0, "ICC_SGI1R_EL1", false), ==, SYSREG_ACCESS_TRAP_EL2);
    g_assert_cmpint(access_of(0, "ICC_IAR1_EL1", true), ==, SYSREG_ACCESS_OK);
    /* ICH_HCR_EL2 traps */
    icc_write(0, "ICH_HCR_EL2", 1u << 12);                  /* TALL1 */
    g_assert_cmpint(access_of(0, "ICC_IAR1_EL1", true), ==, SYSREG_ACCESS_TRAP_EL2);
    g_assert_cmpint(access_of(0, "ICC_IAR0_EL1", true), ==, SYSREG_ACCESS_OK);
    g_assert_cmpint(access_of(0, "ICC_PMR_EL1", true), ==, SYSREG_ACCESS_OK);
    icc_write(0, "ICH_HCR_EL2", 1u << 10);                  /* TC */
    g_assert_cmpint(access_of(0, "ICC_PMR_EL1", false), ==, SYSREG_ACCESS_TRAP_EL2);
    g_assert_cmpint(access_of(0, "ICC_DIR_EL1", false), ==, SYSREG_ACCESS_TRAP_EL2);
    icc_write(0, "ICH_HCR_EL2", 1u << 14);                  /* TDIR */
    g_assert_cmpint(access_of(0, "ICC_DIR_EL1", false), ==, SYSREG_ACCESS_TRAP_EL2);
    g_assert_cmpint(access_of(0, "ICC_PMR_EL1", false), ==, SYSREG_ACCESS_OK);
    /* At EL2 nothing of this applies */
    cpus[0]->env.pstate = 2 << PSTATE_EL_SHIFT;
    g_assert_cmpint(access_of(0, "ICC_SGI1R_EL1", false), ==, SYSREG_ACCESS_OK);
    g_assert_cmpint(access_of(0, "ICC_DIR_EL1", false), ==, SYSREG_ACCESS_OK);
    icc_write(0, "ICC_PMR_EL1", 0x40);                      /* physical at EL2 */
    g_assert_cmphex(gicv3_icc_pmr_read(&gs->cpu[0]), ==, 0x40);
    g_assert_cmphex(icc_read(0, "ICC_SRE_EL2"), ==, 0xf);
    /* TGE: EL1 is the host's, no routing */
    cpus[0]->env.pstate = 1 << PSTATE_EL_SHIFT;
    cpus[0]->env.sys.hcr_el2 = HCR_IMO_BIT | (1ull << 27);
    g_assert_cmpint(access_of(0, "ICC_SGI1R_EL1", false), ==, SYSREG_ACCESS_OK);
    gic_destroy();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    make_cpus();
    g_test_add_func("/gic/id-registers", test_id_registers);
    g_test_add_func("/gic/redist-typer", test_redist_typer);
    g_test_add_func("/gic/waker", test_waker);
    g_test_add_func("/gic/spurious", test_spurious);
    g_test_add_func("/gic/spi-level", test_spi_level);
    g_test_add_func("/gic/spi-edge", test_spi_edge);
    g_test_add_func("/gic/routing", test_routing);
    g_test_add_func("/gic/pmr-mask", test_pmr_mask);
    g_test_add_func("/gic/preemption", test_preemption);
    g_test_add_func("/gic/eoimode1", test_eoimode1);
    g_test_add_func("/gic/sgi", test_sgi);
    g_test_add_func("/gic/ppi-timer", test_ppi_timer);
    g_test_add_func("/gic/group-enables", test_group_enables);
    g_test_add_func("/gic/raz-wi", test_raz_wi);
    g_test_add_func("/gic/reset", test_reset);
    g_test_add_func("/gic/realize-errors", test_realize_errors);
    g_test_add_func("/gic/info-pic", test_info_pic);
    g_test_add_func("/gic/sysreg-rows", test_sysreg_rows);
    g_test_add_func("/gic/hppi-cache-random", test_hppi_cache_random);
    g_test_add_func("/gic/vcpuif-list-registers", test_vcpuif_list_registers);
    g_test_add_func("/gic/vcpuif-hw-maintenance", test_vcpuif_hw_and_maintenance);
    g_test_add_func("/gic/vcpuif-traps", test_vcpuif_traps);
    return g_test_run();
}
