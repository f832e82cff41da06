/*
 * char-prop.c — the "chardev" property kind (PROP_CHARDEV): a device field
 * of type Chardev * set from a chardev id, as in
 * "-device pl011,chardev=c0". The device attaches to it at realize.
 */
#include "char-internal.h"

static Chardev **prop_chardev_field(Object *obj, const Property *prop)
{
    return (Chardev **)((char *)obj + prop->offset);
}

static bool prop_chardev_set(Object *obj, const Property *prop,
                             const char *value, GError **errp)
{
    Chardev *chr;

    if (!value || !*value) {
        *prop_chardev_field(obj, prop) = NULL;      /* no backend */
        return true;
    }
    chr = chardev_find(value);
    if (!chr) {
        error_setg(errp, "property '%s': no chardev with id '%s'",
                   prop->name, value);
        return false;
    }
    *prop_chardev_field(obj, prop) = chr;
    return true;
}

static char *prop_chardev_get(Object *obj, const Property *prop)
{
    Chardev *chr = *prop_chardev_field(obj, prop);

    return g_strdup(chr ? chardev_get_id(chr) : "");
}

static void prop_chardev_set_default(Object *obj, const Property *prop)
{
    *prop_chardev_field(obj, prop) = NULL;
}

const PropertyInfo prop_info_chardev = {
    .type_name = "chardev",
    .set = prop_chardev_set,
    .get = prop_chardev_get,
    .set_default = prop_chardev_set_default,
};
