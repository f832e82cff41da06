/*
 * virt-fdt.c — the device tree the virt board hands to the guest.
 *
 * Follows the Devicetree Specification v0.4 and the Linux bindings for each
 * node (arm/cpus.yaml, arm/psci.yaml, timer/arm,arch_timer.yaml,
 * interrupt-controller/arm,gic-v3.yaml, serial/pl011.yaml, rtc/arm,pl031,
 * virtio/mmio.yaml). /chosen (bootargs, initrd) is completed by the boot
 * loader (hw/arm/boot.c).
 */
#include <libfdt.h>
#include "util/osdep.h"
#include "util/error.h"
#include "hw/arm/virt.h"
#include "hw/arm/virt-fdt.h"

/* Interrupt specifier cells of the GIC binding: type, number, flags. */
#define GIC_FDT_IRQ_TYPE_SPI 0
#define GIC_FDT_IRQ_TYPE_PPI 1
#define IRQ_TYPE_EDGE_RISING 1
#define IRQ_TYPE_LEVEL_HIGH 4
#define GIC_FDT_PPI_CPU_MASK(ncpus) (((1u << (ncpus)) - 1) << 8)

enum {
    PHANDLE_GIC = 1,
    PHANDLE_APB_CLK,
};

#define FDT_CHECK(expr) \
    do { \
        int fdt_err_ = (expr); \
        if (fdt_err_ < 0) { \
            error_setg(errp, "building the device tree: %s: %s", #expr, \
                       fdt_strerror(fdt_err_)); \
            return false; \
        } \
    } while (0)

static int fdt_prop_cells(void *fdt, int node, const char *name,
                          const uint32_t *cells, int n)
{
    fdt32_t be[16];

    g_assert(n <= 16);
    for (int i = 0; i < n; i++) {
        be[i] = cpu_to_fdt32(cells[i]);
    }
    return fdt_setprop(fdt, node, name, be, n * sizeof(fdt32_t));
}

/* A reg property of 2-cell address, 2-cell size pairs. */
static int fdt_prop_reg(void *fdt, int node, const uint64_t *pairs, int npairs)
{
    uint32_t cells[16];

    for (int i = 0; i < npairs * 2; i++) {
        cells[2 * i] = pairs[i] >> 32;
        cells[2 * i + 1] = (uint32_t)pairs[i];
    }
    return fdt_prop_cells(fdt, node, "reg", cells, npairs * 4);
}

static int fdt_add_node(void *fdt, const char *name, hwaddr addr, bool with_addr)
{
    char buf[64];

    if (with_addr) {
        snprintf(buf, sizeof(buf), "%s@%" HWADDR_PRIx, name, addr);
        name = buf;
    }
    return fdt_add_subnode(fdt, 0, name);
}

static bool fdt_add_cpus(void *fdt, const VirtFdtConfig *cfg, GError **errp)
{
    int cpus, node;

    FDT_CHECK(cpus = fdt_add_subnode(fdt, 0, "cpus"));
    FDT_CHECK(fdt_setprop_u32(fdt, cpus, "#address-cells", 1));
    FDT_CHECK(fdt_setprop_u32(fdt, cpus, "#size-cells", 0));
    /* Added in reverse so they appear in ascending order. */
    for (int i = cfg->num_cpus - 1; i >= 0; i--) {
        char name[32];

        snprintf(name, sizeof(name), "cpu@%" PRIx64, cfg->cpu_mpidr[i]);
        FDT_CHECK(node = fdt_add_subnode(fdt, cpus, name));
        FDT_CHECK(fdt_setprop_string(fdt, node, "device_type", "cpu"));
        FDT_CHECK(fdt_setprop_string(fdt, node, "compatible", cfg->cpu_compatible));
        FDT_CHECK(fdt_setprop_u32(fdt, node, "reg", (uint32_t)cfg->cpu_mpidr[i]));
        if (cfg->psci_conduit) {
            FDT_CHECK(fdt_setprop_string(fdt, node, "enable-method", "psci"));
        }
    }
    return true;
}

static bool fdt_add_psci(void *fdt, const VirtFdtConfig *cfg, GError **errp)
{
    static const char compat[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";
    int node;

    if (!cfg->psci_conduit) {
        return true;
    }
    FDT_CHECK(node = fdt_add_subnode(fdt, 0, "psci"));
    FDT_CHECK(fdt_setprop(fdt, node, "compatible", compat, sizeof(compat)));
    FDT_CHECK(fdt_setprop_string(fdt, node, "method", cfg->psci_conduit));
    return true;
}

static bool fdt_add_timer(void *fdt, const VirtFdtConfig *cfg, GError **errp)
{
    static const char compat[] = "arm,armv8-timer";
    uint32_t flags = IRQ_TYPE_LEVEL_HIGH | GIC_FDT_PPI_CPU_MASK(MIN(cfg->num_cpus, 8));
    /* Secure phys, non-secure phys, virtual, hypervisor: PPI 13, 14, 11, 10
     * (INTIDs 29, 30, 27, 26). */
    uint32_t irqs[] = {
        GIC_FDT_IRQ_TYPE_PPI, 13, flags,
        GIC_FDT_IRQ_TYPE_PPI, 14, flags,
        GIC_FDT_IRQ_TYPE_PPI, 11, flags,
        GIC_FDT_IRQ_TYPE_PPI, 10, flags,
    };
    int node;

    FDT_CHECK(node = fdt_add_subnode(fdt, 0, "timer"));
    FDT_CHECK(fdt_setprop(fdt, node, "compatible", compat, sizeof(compat)));
    FDT_CHECK(fdt_prop_cells(fdt, node, "interrupts", irqs, ARRAY_SIZE(irqs)));
    FDT_CHECK(fdt_setprop(fdt, node, "always-on", NULL, 0));
    return true;
}

static bool fdt_add_gic(void *fdt, const VirtFdtConfig *cfg, GError **errp)
{
    const VirtMemMapEntry *dist = &virt_memmap[VIRT_GIC_DIST];
    const VirtMemMapEntry *redist = &virt_memmap[VIRT_GIC_REDIST];
    uint64_t reg[] = {
        dist->base, dist->size,
        redist->base, (uint64_t)cfg->num_cpus * VIRT_GICR_FRAME_SIZE,
    };
    /* The GIC maintenance interrupt is PPI 9 (INTID 25). */
    uint32_t maint[] = { GIC_FDT_IRQ_TYPE_PPI, 9, IRQ_TYPE_LEVEL_HIGH };
    int node;

    FDT_CHECK(node = fdt_add_node(fdt, "intc", dist->base, true));
    FDT_CHECK(fdt_setprop_string(fdt, node, "compatible", "arm,gic-v3"));
    FDT_CHECK(fdt_setprop_u32(fdt, node, "#interrupt-cells", 3));
    FDT_CHECK(fdt_setprop(fdt, node, "interrupt-controller", NULL, 0));
    FDT_CHECK(fdt_setprop_u32(fdt, node, "#redistributor-regions", 1));
    FDT_CHECK(fdt_prop_reg(fdt, node, reg, 2));
    FDT_CHECK(fdt_prop_cells(fdt, node, "interrupts", maint, 3));
    FDT_CHECK(fdt_setprop_u32(fdt, node, "#address-cells", 2));
    FDT_CHECK(fdt_setprop_u32(fdt, node, "#size-cells", 2));
    FDT_CHECK(fdt_setprop(fdt, node, "ranges", NULL, 0));
    FDT_CHECK(fdt_setprop_u32(fdt, node, "phandle", PHANDLE_GIC));
    return true;
}

static bool fdt_add_primecell(void *fdt, const char *name, const char *compat,
                              const VirtMemMapEntry *e, int spi, bool uart,
                              GError **errp)
{
    char compats[64];
    int len = snprintf(compats, sizeof(compats), "%s%carm,primecell", compat, 0) + 1;
    uint64_t reg[] = { e->base, e->size };
    uint32_t irq[] = { GIC_FDT_IRQ_TYPE_SPI, spi, IRQ_TYPE_LEVEL_HIGH };
    int node;

    FDT_CHECK(node = fdt_add_node(fdt, name, e->base, true));
    FDT_CHECK(fdt_setprop(fdt, node, "compatible", compats, len));
    FDT_CHECK(fdt_prop_reg(fdt, node, reg, 1));
    FDT_CHECK(fdt_prop_cells(fdt, node, "interrupts", irq, 3));
    if (uart) {
        static const char names[] = "uartclk\0apb_pclk";
        uint32_t clocks[] = { PHANDLE_APB_CLK, PHANDLE_APB_CLK };

        FDT_CHECK(fdt_prop_cells(fdt, node, "clocks", clocks, 2));
        FDT_CHECK(fdt_setprop(fdt, node, "clock-names", names, sizeof(names)));
    } else {
        FDT_CHECK(fdt_setprop_u32(fdt, node, "clocks", PHANDLE_APB_CLK));
        FDT_CHECK(fdt_setprop_string(fdt, node, "clock-names", "apb_pclk"));
    }
    return true;
}

static bool fdt_add_virtio(void *fdt, const VirtFdtConfig *cfg, GError **errp)
{
    const VirtMemMapEntry *e = &virt_memmap[VIRT_MMIO];

    /* Reverse order so that /sys lists transport 0 first, as scripts expect. */
    for (int i = cfg->num_virtio_transports - 1; i >= 0; i--) {
        hwaddr base = e->base + (hwaddr)i * VIRT_VIRTIO_TRANSPORT_SIZE;
        uint64_t reg[] = { base, VIRT_VIRTIO_TRANSPORT_SIZE };
        uint32_t irq[] = { GIC_FDT_IRQ_TYPE_SPI, VIRT_IRQ_MMIO + i, IRQ_TYPE_EDGE_RISING };
        int node;

        FDT_CHECK(node = fdt_add_node(fdt, "virtio_mmio", base, true));
        FDT_CHECK(fdt_setprop_string(fdt, node, "compatible", "virtio,mmio"));
        FDT_CHECK(fdt_prop_reg(fdt, node, reg, 1));
        FDT_CHECK(fdt_prop_cells(fdt, node, "interrupts", irq, 3));
        FDT_CHECK(fdt_setprop(fdt, node, "dma-coherent", NULL, 0));
    }
    return true;
}

void *virt_fdt_build(const VirtFdtConfig *cfg, GError **errp)
{
    g_autofree void *fdt = g_malloc0(VIRT_FDT_MAX_SIZE);
    uint64_t mem_reg[2] = { virt_memmap[VIRT_MEM].base, cfg->ram_size };
    char uart_path[64];
    int node;

#define BUILD(expr) do { if (!(expr)) { return NULL; } } while (0)
#define FDT_CHECK_NULL(expr) \
    do { \
        int fdt_err_ = (expr); \
        if (fdt_err_ < 0) { \
            error_setg(errp, "building the device tree: %s", fdt_strerror(fdt_err_)); \
            return NULL; \
        } \
    } while (0)

    FDT_CHECK_NULL(fdt_create_empty_tree(fdt, VIRT_FDT_MAX_SIZE));
    FDT_CHECK_NULL(fdt_setprop_string(fdt, 0, "compatible", "linux,dummy-virt"));
    FDT_CHECK_NULL(fdt_setprop_string(fdt, 0, "model", "Turtle virt machine"));
    FDT_CHECK_NULL(fdt_setprop_u32(fdt, 0, "#address-cells", 2));
    FDT_CHECK_NULL(fdt_setprop_u32(fdt, 0, "#size-cells", 2));
    if (cfg->has_gic) {
        FDT_CHECK_NULL(fdt_setprop_u32(fdt, 0, "interrupt-parent", PHANDLE_GIC));
    }

    /* A fixed 24 MHz APB clock for the PrimeCell peripherals. */
    FDT_CHECK_NULL(node = fdt_add_subnode(fdt, 0, "apb-pclk"));
    FDT_CHECK_NULL(fdt_setprop_string(fdt, node, "compatible", "fixed-clock"));
    FDT_CHECK_NULL(fdt_setprop_u32(fdt, node, "#clock-cells", 0));
    FDT_CHECK_NULL(fdt_setprop_u32(fdt, node, "clock-frequency", 24000000));
    FDT_CHECK_NULL(fdt_setprop_string(fdt, node, "clock-output-names", "clk24mhz"));
    FDT_CHECK_NULL(fdt_setprop_u32(fdt, node, "phandle", PHANDLE_APB_CLK));

    FDT_CHECK_NULL(node = fdt_add_node(fdt, "memory", virt_memmap[VIRT_MEM].base, true));
    FDT_CHECK_NULL(fdt_setprop_string(fdt, node, "device_type", "memory"));
    FDT_CHECK_NULL(fdt_prop_reg(fdt, node, mem_reg, 1));

    BUILD(fdt_add_cpus(fdt, cfg, errp));
    BUILD(fdt_add_psci(fdt, cfg, errp));
    if (cfg->has_gic) {
        BUILD(fdt_add_gic(fdt, cfg, errp));
        BUILD(fdt_add_timer(fdt, cfg, errp));
    }
    BUILD(fdt_add_primecell(fdt, "pl011", "arm,pl011", &virt_memmap[VIRT_UART],
                            VIRT_IRQ_UART, true, errp));
    if (cfg->has_rtc) {
        BUILD(fdt_add_primecell(fdt, "pl031", "arm,pl031", &virt_memmap[VIRT_RTC],
                                VIRT_IRQ_RTC, false, errp));
    }
    BUILD(fdt_add_virtio(fdt, cfg, errp));

    FDT_CHECK_NULL(node = fdt_add_subnode(fdt, 0, "chosen"));
    snprintf(uart_path, sizeof(uart_path), "/pl011@%" HWADDR_PRIx,
             virt_memmap[VIRT_UART].base);
    FDT_CHECK_NULL(fdt_setprop_string(fdt, node, "stdout-path", uart_path));

    FDT_CHECK_NULL(fdt_pack(fdt));
    return g_steal_pointer(&fdt);
#undef BUILD
#undef FDT_CHECK_NULL
}
