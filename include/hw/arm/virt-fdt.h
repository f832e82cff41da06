/*
 * virt-fdt.h — building the virt board's device tree (hw/arm/virt-fdt.c).
 */
#ifndef TURTLE_HW_ARM_VIRT_FDT_H
#define TURTLE_HW_ARM_VIRT_FDT_H

#include "util/osdep.h"

#define VIRT_FDT_MAX_SIZE (64 * KiB)
/* One GICv3 redistributor: RD_base and SGI_base frames of 64 KiB each. */
#define VIRT_GICR_FRAME_SIZE (128 * KiB)

typedef struct VirtFdtConfig {
    uint64_t ram_size;
    unsigned num_cpus;
    uint64_t cpu_mpidr[64];             /* MPIDR affinity value of each CPU */
    const char *cpu_compatible;         /* "arm,cortex-a57", "arm,arm-v8" */
    const char *psci_conduit;           /* "hvc", "smc" or NULL: no PSCI */
    bool has_gic;
    bool has_rtc;
    unsigned num_virtio_transports;
} VirtFdtConfig;

/* Returns a packed flattened device tree (g_free it), or NULL with errp. */
void *virt_fdt_build(const VirtFdtConfig *cfg, GError **errp);

#endif
