/*
 * qdev.c — devices: realize/unrealize, reset, GPIO lines, ids, creation from
 * "-device" text, and the "info qtree" printer (see hw/qdev.h).
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/opts.h"
#include "hw/qdev.h"

/* ---- Hook chaining ------------------------------------------------------ */

/* Deep enough for any real hierarchy (device -> sys-bus-device -> cpu ->
 * arm-cpu -> cortex-a57 is five). */
#define DEVICE_MAX_DEPTH 32

/*
 * Fills out[] with the classes from TYPE_DEVICE down to dev's own class whose
 * hook at hook_offset is set and differs from their parent's, parents first.
 * Returns how many. Comparing the stored pointers bytewise avoids casting
 * function pointers.
 */
static int device_hook_chain(DeviceState *dev, size_t hook_offset,
                             DeviceClass **out)
{
    DeviceClass *chain[DEVICE_MAX_DEPTH];
    int depth = 0, n = 0;
    ObjectClass *oc;

    for (oc = OBJECT(dev)->klass; object_class_dynamic_cast(oc, TYPE_DEVICE);
         oc = oc->parent_class) {
        g_assert(depth < DEVICE_MAX_DEPTH);
        chain[depth++] = (DeviceClass *)oc;
    }
    /* chain[depth - 1] is TYPE_DEVICE's own class. */
    for (int i = depth - 1; i >= 0; i--) {
        const char *hook = (const char *)chain[i] + hook_offset;
        static const char null_hook[sizeof(void (*)(void))];

        if (memcmp(hook, null_hook, sizeof(null_hook)) == 0) {
            continue;
        }
        if (i < depth - 1 &&
            memcmp(hook, (const char *)chain[i + 1] + hook_offset,
                   sizeof(null_hook)) == 0) {
            continue;                   /* inherited, already in the list */
        }
        out[n++] = chain[i];
    }
    return n;
}

#define DEVICE_HOOKS(dev, hook, out) \
    device_hook_chain((dev), offsetof(DeviceClass, hook), (out))

/* ---- Life cycle --------------------------------------------------------- */

DeviceState *device_new(const char *typename)
{
    ObjectClass *oc = object_class_by_name(typename);

    if (!oc || !object_class_dynamic_cast(oc, TYPE_DEVICE)) {
        fprintf(stderr, "device_new: '%s' is not a device type\n", typename);
        abort();
    }
    return DEVICE(object_new_with_class(oc));
}

bool device_realize(DeviceState *dev, GError **errp)
{
    DeviceClass *hooks[DEVICE_MAX_DEPTH];
    int n;

    if (dev->realized) {
        return true;
    }
    n = DEVICE_HOOKS(dev, realize, hooks);
    for (int i = 0; i < n; i++) {
        GError *local = NULL;

        hooks[i]->realize(dev, &local);
        if (local) {
            /* Undo the layers that succeeded, innermost first. */
            for (int j = i - 1; j >= 0; j--) {
                if (hooks[j]->unrealize) {
                    hooks[j]->unrealize(dev);
                }
            }
            g_propagate_error(errp, local);
            return false;
        }
    }
    dev->realized = true;
    return true;
}

void device_unrealize(DeviceState *dev)
{
    DeviceClass *hooks[DEVICE_MAX_DEPTH];
    int n;

    if (!dev->realized) {
        return;
    }
    n = DEVICE_HOOKS(dev, unrealize, hooks);
    for (int i = n - 1; i >= 0; i--) {
        hooks[i]->unrealize(dev);
    }
    dev->realized = false;
}

void device_reset(DeviceState *dev)
{
    DeviceClass *hooks[DEVICE_MAX_DEPTH];
    int n = DEVICE_HOOKS(dev, reset, hooks);

    for (int i = 0; i < n; i++) {
        hooks[i]->reset(dev);
    }
}

void device_reset_tree(Object *root)
{
    DeviceState *dev = (DeviceState *)object_dynamic_cast(root, TYPE_DEVICE);

    if (dev && dev->realized) {
        device_reset(dev);
    }
    for (guint i = 0; i < root->children->len; i++) {
        device_reset_tree(g_ptr_array_index(root->children, i));
    }
}

void device_set_id(DeviceState *dev, const char *id)
{
    g_free(dev->id);
    dev->id = g_strdup(id);
}

static DeviceState *device_find_by_id_below(Object *obj, const char *id)
{
    DeviceState *dev = (DeviceState *)object_dynamic_cast(obj, TYPE_DEVICE);

    if (dev && dev->id && strcmp(dev->id, id) == 0) {
        return dev;
    }
    for (guint i = 0; i < obj->children->len; i++) {
        dev = device_find_by_id_below(g_ptr_array_index(obj->children, i), id);
        if (dev) {
            return dev;
        }
    }
    return NULL;
}

DeviceState *device_find_by_id(const char *id)
{
    return device_find_by_id_below(object_get_root(), id);
}

/* ---- GPIO lines --------------------------------------------------------- */

void device_init_gpio_in(DeviceState *dev, IRQHandler handler, int count)
{
    int base = dev->gpio_in->len;

    for (int i = 0; i < count; i++) {
        g_ptr_array_add(dev->gpio_in, irq_line_new(handler, dev, base + i));
    }
}

IRQLine *device_get_gpio_in(DeviceState *dev, int n)
{
    if (n < 0 || (guint)n >= dev->gpio_in->len) {
        fprintf(stderr, "device '%s' has no GPIO input %d (it has %u)\n",
                object_get_typename(OBJECT(dev)), n, dev->gpio_in->len);
        abort();
    }
    return g_ptr_array_index(dev->gpio_in, n);
}

void device_init_gpio_out(DeviceState *dev, IRQLine **slots, int count)
{
    for (int i = 0; i < count; i++) {
        slots[i] = NULL;
        g_ptr_array_add(dev->gpio_out, &slots[i]);
    }
}

void device_connect_gpio_out(DeviceState *dev, int n, IRQLine *line)
{
    IRQLine **slot;

    if (n < 0 || (guint)n >= dev->gpio_out->len) {
        fprintf(stderr, "device '%s' has no GPIO output %d (it has %u)\n",
                object_get_typename(OBJECT(dev)), n, dev->gpio_out->len);
        abort();
    }
    slot = g_ptr_array_index(dev->gpio_out, n);
    *slot = line;
}

/* ---- -device ------------------------------------------------------------ */

/* Ids are what users type in the monitor: no spaces, no punctuation that
 * option strings or paths give a meaning to. */
static bool device_id_is_valid(const char *id)
{
    if (!g_ascii_isalpha(id[0])) {
        return false;
    }
    for (const char *p = id; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_' && *p != '.') {
            return false;
        }
    }
    return true;
}

static bool opts_key_reserved(const char *key, const char *const *reserved)
{
    for (const char *const *r = reserved; *r; r++) {
        if (strcmp(*r, key) == 0) {
            return true;
        }
    }
    return false;
}

DeviceState *device_create_from_opts(const char *opts, Object *parent,
                                     GError **errp)
{
    static const char *const reserved[] = { "driver", "id", NULL };
    g_autoptr(Opts) parsed = opts_parse(opts, "driver", errp);
    const char *driver, *id;
    ObjectClass *oc;
    DeviceState *dev;
    const char *name;
    g_autoptr(GPtrArray) props = NULL;

    if (!parsed) {
        return NULL;
    }
    driver = opts_get(parsed, "driver");
    if (!driver || !*driver) {
        error_setg(errp, "-device needs a device model name first "
                   "(try -device help)");
        return NULL;
    }
    oc = object_class_by_name(driver);
    if (!oc || !object_class_dynamic_cast(oc, TYPE_DEVICE) ||
        object_class_is_abstract(oc)) {
        error_setg(errp, "'%s' is not a valid device model name", driver);
        return NULL;
    }
    if (!DEVICE_CLASS(oc)->user_creatable) {
        error_setg(errp, "'%s' is not a valid device model name "
                   "(only boards create it)", driver);
        return NULL;
    }

    id = opts_get(parsed, "id");
    if (id && !device_id_is_valid(id)) {
        error_setg(errp, "invalid device id '%s' (use letters, digits, '-', "
                   "'_' and '.', starting with a letter)", id);
        return NULL;
    }
    if (id && device_find_by_id(id)) {
        error_setg(errp, "a device with id '%s' exists already", id);
        return NULL;
    }

    /* Check every key before creating anything. */
    props = object_class_list_props(oc);
    for (guint i = 0; i < parsed->pairs->len; i++) {
        OptPair *pair = &g_array_index(parsed->pairs, OptPair, i);
        bool known = opts_key_reserved(pair->key, reserved);

        for (guint j = 0; j < props->len && !known; j++) {
            const Property *prop = g_ptr_array_index(props, j);
            known = strcmp(prop->name, pair->key) == 0;
        }
        if (!known) {
            error_setg(errp, "device '%s' has no property '%s'", driver,
                       pair->key);
            return NULL;
        }
    }

    dev = DEVICE(object_new_with_class(oc));
    for (guint i = 0; i < parsed->pairs->len; i++) {
        OptPair *pair = &g_array_index(parsed->pairs, OptPair, i);

        if (!opts_key_reserved(pair->key, reserved) &&
            !object_property_set_str(OBJECT(dev), pair->key, pair->value,
                                     errp)) {
            object_unref(OBJECT(dev));
            return NULL;
        }
    }
    if (id) {
        device_set_id(dev, id);
    }

    if (!parent) {
        parent = object_container_get(NULL, id ? "/machine/peripheral"
                                               : "/machine/peripheral-anon");
    }
    name = id ? id : "device[*]";
    if (id && object_get_child(parent, id)) {
        error_setg(errp, "a device with id '%s' exists already", id);
        object_unref(OBJECT(dev));
        return NULL;
    }
    object_add_child(parent, name, OBJECT(dev));
    object_unref(OBJECT(dev));          /* the tree owns it now */

    if (!device_realize(dev, errp)) {
        object_remove_child(parent, OBJECT(dev));
        return NULL;
    }
    return dev;
}

void device_print_list(FILE *f)
{
    GSList *list = object_class_get_list(TYPE_DEVICE, false);

    fprintf(f, "Available devices:\n");
    for (GSList *l = list; l; l = l->next) {
        DeviceClass *dc = DEVICE_CLASS(l->data);
        const char *desc = dc->desc ? dc->desc
                                    : object_class_get_description(l->data);

        if (!dc->user_creatable) {
            continue;
        }
        fprintf(f, "  %-24s %s\n", object_class_get_name(l->data),
                desc ? desc : "");
    }
    g_slist_free(list);
}

/* ---- info qtree --------------------------------------------------------- */

static bool prop_is_numeric(const Property *prop)
{
    const PropertyInfo *info = prop->info;

    return info == &prop_info_bool || info == &prop_info_uint8 ||
           info == &prop_info_uint16 || info == &prop_info_uint32 ||
           info == &prop_info_uint64 || info == &prop_info_int64 ||
           info == &prop_info_size;
}

static void device_print_one(DeviceState *dev, GString *out, int indent)
{
    g_autoptr(GPtrArray) props = object_class_list_props(OBJECT(dev)->klass);
    DeviceClass *hooks[DEVICE_MAX_DEPTH];
    int n;

    g_string_append_printf(out, "%*sdev: %s, id \"%s\"\n", indent, "",
                           object_get_typename(OBJECT(dev)),
                           dev->id ? dev->id : "");
    for (guint i = 0; i < props->len; i++) {
        const Property *prop = g_ptr_array_index(props, i);
        g_autofree char *value = prop->info->get
            ? prop->info->get(OBJECT(dev), prop) : NULL;

        if (!value) {
            continue;
        }
        if (prop_is_numeric(prop)) {
            g_string_append_printf(out, "%*s%s = %s\n", indent + 2, "",
                                   prop->name, value);
        } else {
            g_string_append_printf(out, "%*s%s = \"%s\"\n", indent + 2, "",
                                   prop->name, value);
        }
    }
    n = DEVICE_HOOKS(dev, print_info, hooks);
    for (int i = 0; i < n; i++) {
        hooks[i]->print_info(dev, out, indent + 2);
    }
}

static void device_print_below(Object *obj, GString *out, int indent)
{
    DeviceState *dev = (DeviceState *)object_dynamic_cast(obj, TYPE_DEVICE);

    if (dev) {
        device_print_one(dev, out, indent);
        indent += 2;
    }
    for (guint i = 0; i < obj->children->len; i++) {
        device_print_below(g_ptr_array_index(obj->children, i), out, indent);
    }
}

void device_print_tree(Object *root, GString *out)
{
    device_print_below(root ? root : object_get_root(), out, 0);
}

/* ---- The type ----------------------------------------------------------- */

static void device_instance_init(Object *obj)
{
    DeviceState *dev = DEVICE(obj);

    dev->gpio_in = g_ptr_array_new_with_free_func((GDestroyNotify)irq_line_free);
    dev->gpio_out = g_ptr_array_new();
}

static void device_pre_finalize(Object *obj)
{
    device_unrealize(DEVICE(obj));
}

static void device_instance_finalize(Object *obj)
{
    DeviceState *dev = DEVICE(obj);

    g_ptr_array_free(dev->gpio_in, TRUE);
    g_ptr_array_free(dev->gpio_out, TRUE);
    g_free(dev->id);
    dev->id = NULL;
}

static void device_class_init(ObjectClass *oc, const void *data)
{
    oc->pre_finalize = device_pre_finalize;
}

static const TypeInfo device_info = {
    .name = TYPE_DEVICE,
    .parent = TYPE_OBJECT,
    .abstract = true,
    .instance_size = sizeof(DeviceState),
    .class_size = sizeof(DeviceClass),
    .class_init = device_class_init,
    .instance_init = device_instance_init,
    .instance_finalize = device_instance_finalize,
    .description = "the base of every device",
};
TYPE_REGISTER(device_info)
