/*
 * target-info.c — what makes this binary turtle-system-aarch64.
 */
#include "util/osdep.h"
#include "sysemu/sysemu.h"

const TargetInfo target_info = {
    .arch = "aarch64",
    .cpu_type_suffix = "-arm-cpu",
    .default_machine = "virt",
    .default_console = "ttyAMA0",
};
