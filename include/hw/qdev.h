/*
 * qdev.h — devices: objects with realize, reset, GPIO lines and a place in
 * the machine's composition tree.
 *
 * Life cycle: object_new() -> set properties -> device_realize() (may fail
 * with an error: a bad property value is a user mistake) -> device_reset()
 * at machine reset -> unrealize/finalize at exit.
 */
#ifndef TURTLE_HW_QDEV_H
#define TURTLE_HW_QDEV_H

#include "hw/object.h"
#include "hw/irq.h"

#define TYPE_DEVICE "device"

typedef struct DeviceState DeviceState;

/*
 * Hooks chain by themselves: realize, reset and print_info run the hook of
 * every class from TYPE_DEVICE down to the device's own type that sets a
 * hook different from its parent's, parents first; unrealize runs them in
 * the reverse order. So a subclass sets only its own hook and never calls
 * its parent's (calling it again would run it twice).
 */
typedef struct DeviceClass {
    ObjectClass parent_class;
    const char *desc;
    bool user_creatable;                /* may appear in -device */
    void (*realize)(DeviceState *dev, GError **errp);
    void (*unrealize)(DeviceState *dev);
    void (*reset)(DeviceState *dev);
    /* For "info qtree": extra per-device lines (e.g. MMIO ranges). */
    void (*print_info)(DeviceState *dev, GString *out, int indent);
} DeviceClass;

struct DeviceState {
    Object parent_obj;
    char *id;                           /* -device ...,id=X, or NULL */
    bool realized;
    GPtrArray *gpio_in;                 /* IRQLine *, owned */
    GPtrArray *gpio_out;                /* IRQLine **, slots to fill */
};

#define DEVICE(obj) OBJECT_CHECK(DeviceState, (obj), TYPE_DEVICE)
#define DEVICE_CLASS(oc) OBJECT_CLASS_CHECK(DeviceClass, (oc), TYPE_DEVICE)
#define DEVICE_GET_CLASS(obj) OBJECT_GET_CLASS(DeviceClass, (obj), TYPE_DEVICE)

/* Creates a device (refcount 1); an unknown or non-device type is an
 * emulator bug (aborts). */
DeviceState *device_new(const char *typename);
/* Runs the realize hooks; on error the device stays unrealized. Does not
 * reset the device: machine reset (or the caller) does. */
bool device_realize(DeviceState *dev, GError **errp);
void device_unrealize(DeviceState *dev);
void device_reset(DeviceState *dev);
/* Resets every realized device below root in tree order (parents first). */
void device_reset_tree(Object *root);
/* Sets the id used by -device ...,id= and the monitor. */
void device_set_id(DeviceState *dev, const char *id);
/* Searches the whole composition tree. */
DeviceState *device_find_by_id(const char *id);

/* Input lines: the device receives level changes through handler, called
 * with opaque = the device and n = the input's number (numbering continues
 * across calls). */
void device_init_gpio_in(DeviceState *dev, IRQHandler handler, int count);
IRQLine *device_get_gpio_in(DeviceState *dev, int n);
/* Output lines: each slot is a pointer the device passes to irq_set(). */
void device_init_gpio_out(DeviceState *dev, IRQLine **slots, int count);
void device_connect_gpio_out(DeviceState *dev, int n, IRQLine *line);

/* Creates a device from "-device" text ("driver,prop=val,id=x"), adds it under
 * parent (or /machine/peripheral/ID, /machine/peripheral-anon/device[N]) and
 * realizes it. The tree owns the device: the returned pointer is borrowed.
 * "help" handling is the caller's (see device_print_list). */
DeviceState *device_create_from_opts(const char *opts, Object *parent,
                                     GError **errp);
/* "-device help": every user-creatable device with its description. */
void device_print_list(FILE *f);

/* "info qtree": the tree of devices below root (NULL: everything) with their
 * properties, each nested device indented by two more spaces:
 *   dev: pl011, id "uart0"
 *     chardev = "serial0"
 *     baudrate = 115200
 *     mmio 0000000009000000/0000000000001000
 */
void device_print_tree(Object *root, GString *out);

#endif
