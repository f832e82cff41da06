/*
 * unimp.h — placeholder regions for devices not modelled yet (hw/misc/unimp.c).
 */
#ifndef TURTLE_HW_MISC_UNIMP_H
#define TURTLE_HW_MISC_UNIMP_H

#include "hw/qdev.h"

#define TYPE_UNIMPLEMENTED_DEVICE "unimplemented-device"

/* Maps a RAZ/WI region named name at base, below any other mapping there. */
DeviceState *create_unimplemented_device(const char *name, hwaddr base,
                                         uint64_t size);

#endif
