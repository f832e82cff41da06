/*
 * property.c — typed properties of objects: the built-in kinds (bool,
 * unsigned integers of each width, int64, size, string), lookup, setting from
 * text and printing (see hw/object.h).
 *
 * A property is a field of the instance struct at a fixed offset; its kind
 * (PropertyInfo) converts text to the field and back. Every error names the
 * property, the object's type and the offending value, because the text
 * comes from the user (-device, -M, device_add).
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/opts.h"
#include "hw/object.h"

static void *prop_field(Object *obj, const Property *prop)
{
    return (char *)obj + prop->offset;
}

/* "device 'pl011'", "machine 'virt'", "object 'container'": how errors name
 * the object whose property is wrong. */
static char *object_describe(Object *obj)
{
    const char *type = object_get_typename(obj);

    if (object_is_a(obj, "device")) {
        return g_strdup_printf("device '%s'", type);
    }
    if (object_is_a(obj, "machine")) {
        size_t len = strlen(type);
        if (g_str_has_suffix(type, "-machine")) {
            len -= strlen("-machine");
        }
        return g_strdup_printf("machine '%.*s'", (int)len, type);
    }
    return g_strdup_printf("object '%s'", type);
}

/* ---- bool ------------------------------------------------------------- */

static bool prop_bool_set(Object *obj, const Property *prop, const char *value,
                          GError **errp)
{
    return parse_bool(value, prop_field(obj, prop), errp);
}

static char *prop_bool_get(Object *obj, const Property *prop)
{
    return g_strdup(*(bool *)prop_field(obj, prop) ? "on" : "off");
}

static void prop_bool_set_default(Object *obj, const Property *prop)
{
    *(bool *)prop_field(obj, prop) = prop->defval.u != 0;
}

const PropertyInfo prop_info_bool = {
    .type_name = "bool",
    .set = prop_bool_set,
    .get = prop_bool_get,
    .set_default = prop_bool_set_default,
};

/* ---- integers ----------------------------------------------------------- */

typedef enum PropIntParse {
    PROP_INT_OK,
    PROP_INT_NOT_A_NUMBER,
    PROP_INT_TOO_LARGE,                 /* magnitude above 2^64-1 */
} PropIntParse;

/*
 * Parses a decimal or 0x-hexadecimal integer with an optional leading '-'
 * into a sign and a magnitude. Octal is not special: "010" is ten, which is
 * what a user typing a number means.
 */
static PropIntParse prop_parse_integer(const char *value, bool *negative,
                                       uint64_t *magnitude)
{
    const char *p = value;
    unsigned base = 10;
    uint64_t num = 0;

    *negative = false;
    if (*p == '-') {
        *negative = true;
        p++;
    }
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16;
        p += 2;
    }
    if (!*p) {
        return PROP_INT_NOT_A_NUMBER;
    }
    for (; *p; p++) {
        unsigned digit;

        if (base == 16 ? !g_ascii_isxdigit(*p) : !g_ascii_isdigit(*p)) {
            return PROP_INT_NOT_A_NUMBER;
        }
        digit = g_ascii_xdigit_value(*p);
        if (num > (UINT64_MAX - digit) / base) {
            /* Keep scanning: "99999999999999999999x" is not a number. */
            for (p++; *p; p++) {
                if (base == 16 ? !g_ascii_isxdigit(*p) : !g_ascii_isdigit(*p)) {
                    return PROP_INT_NOT_A_NUMBER;
                }
            }
            return PROP_INT_TOO_LARGE;
        }
        num = num * base + digit;
    }
    *magnitude = num;
    return PROP_INT_OK;
}

/* The bounds a property accepts: its min/max if set, else the field's. */
static void prop_unsigned_bounds(const Property *prop, uint64_t width_max,
                                 uint64_t *min, uint64_t *max)
{
    if (prop->min || prop->max) {
        *min = prop->min;
        *max = MIN(prop->max, width_max);
    } else {
        *min = 0;
        *max = width_max;
    }
}

static uint64_t prop_width_max(const Property *prop);

static bool prop_uint_set(Object *obj, const Property *prop, const char *value,
                          GError **errp)
{
    uint64_t width_max = prop_width_max(prop), min, max, num = 0;
    void *field = prop_field(obj, prop);
    bool negative;

    switch (prop_parse_integer(value, &negative, &num)) {
    case PROP_INT_NOT_A_NUMBER:
        error_setg(errp, "'%s' is not a number", value);
        return false;
    case PROP_INT_TOO_LARGE:
        negative = true;                /* out of range either way */
        num = 1;
        break;
    case PROP_INT_OK:
        break;
    }
    prop_unsigned_bounds(prop, width_max, &min, &max);
    if ((negative && num != 0) || num < min || num > max) {
        error_setg(errp, "value %s out of range %" PRIu64 "-%" PRIu64,
                   value, min, max);
        return false;
    }
    if (prop->info == &prop_info_uint8) {
        *(uint8_t *)field = num;
    } else if (prop->info == &prop_info_uint16) {
        *(uint16_t *)field = num;
    } else if (prop->info == &prop_info_uint32) {
        *(uint32_t *)field = num;
    } else {
        *(uint64_t *)field = num;
    }
    return true;
}

static uint64_t prop_uint_read(Object *obj, const Property *prop)
{
    void *field = prop_field(obj, prop);

    if (prop->info == &prop_info_uint8) {
        return *(uint8_t *)field;
    } else if (prop->info == &prop_info_uint16) {
        return *(uint16_t *)field;
    } else if (prop->info == &prop_info_uint32) {
        return *(uint32_t *)field;
    }
    return *(uint64_t *)field;
}

static char *prop_uint_get(Object *obj, const Property *prop)
{
    return g_strdup_printf("%" PRIu64, prop_uint_read(obj, prop));
}

static void prop_uint_set_default(Object *obj, const Property *prop)
{
    void *field = prop_field(obj, prop);

    if (prop->info == &prop_info_uint8) {
        *(uint8_t *)field = prop->defval.u;
    } else if (prop->info == &prop_info_uint16) {
        *(uint16_t *)field = prop->defval.u;
    } else if (prop->info == &prop_info_uint32) {
        *(uint32_t *)field = prop->defval.u;
    } else {
        *(uint64_t *)field = prop->defval.u;
    }
}

const PropertyInfo prop_info_uint8 = {
    .type_name = "uint8",
    .set = prop_uint_set,
    .get = prop_uint_get,
    .set_default = prop_uint_set_default,
};

const PropertyInfo prop_info_uint16 = {
    .type_name = "uint16",
    .set = prop_uint_set,
    .get = prop_uint_get,
    .set_default = prop_uint_set_default,
};

const PropertyInfo prop_info_uint32 = {
    .type_name = "uint32",
    .set = prop_uint_set,
    .get = prop_uint_get,
    .set_default = prop_uint_set_default,
};

const PropertyInfo prop_info_uint64 = {
    .type_name = "uint64",
    .set = prop_uint_set,
    .get = prop_uint_get,
    .set_default = prop_uint_set_default,
};

static uint64_t prop_width_max(const Property *prop)
{
    if (prop->info == &prop_info_uint8) {
        return UINT8_MAX;
    } else if (prop->info == &prop_info_uint16) {
        return UINT16_MAX;
    } else if (prop->info == &prop_info_uint32) {
        return UINT32_MAX;
    }
    return UINT64_MAX;
}

static bool prop_int64_set(Object *obj, const Property *prop, const char *value,
                           GError **errp)
{
    int64_t min = INT64_MIN, max = INT64_MAX, num;
    bool negative, in_range;
    uint64_t mag;

    if (prop->min || prop->max) {
        min = (int64_t)prop->min;
        max = (int64_t)prop->max;
    }
    switch (prop_parse_integer(value, &negative, &mag)) {
    case PROP_INT_NOT_A_NUMBER:
        error_setg(errp, "'%s' is not a number", value);
        return false;
    case PROP_INT_TOO_LARGE:
        goto out_of_range;
    case PROP_INT_OK:
        break;
    }
    if (negative) {
        in_range = mag <= (uint64_t)INT64_MAX + 1;
        num = in_range ? (int64_t)(0 - mag) : 0;
    } else {
        in_range = mag <= (uint64_t)INT64_MAX;
        num = (int64_t)mag;
    }
    if (in_range && num >= min && num <= max) {
        *(int64_t *)prop_field(obj, prop) = num;
        return true;
    }
out_of_range:
    if (min < 0) {
        error_setg(errp, "value %s out of range %" PRId64 " to %" PRId64,
                   value, min, max);
    } else {
        error_setg(errp, "value %s out of range %" PRId64 "-%" PRId64,
                   value, min, max);
    }
    return false;
}

static char *prop_int64_get(Object *obj, const Property *prop)
{
    return g_strdup_printf("%" PRId64, *(int64_t *)prop_field(obj, prop));
}

static void prop_int64_set_default(Object *obj, const Property *prop)
{
    *(int64_t *)prop_field(obj, prop) = prop->defval.i;
}

const PropertyInfo prop_info_int64 = {
    .type_name = "int64",
    .set = prop_int64_set,
    .get = prop_int64_get,
    .set_default = prop_int64_set_default,
};

/* ---- size --------------------------------------------------------------- */

static bool prop_size_set(Object *obj, const Property *prop, const char *value,
                          GError **errp)
{
    uint64_t num;

    if (!parse_size(value, 0, &num, errp)) {
        return false;
    }
    if ((prop->min || prop->max) && (num < prop->min || num > prop->max)) {
        error_setg(errp, "value %s out of range %" PRIu64 "-%" PRIu64,
                   value, prop->min, prop->max);
        return false;
    }
    *(uint64_t *)prop_field(obj, prop) = num;
    return true;
}

const PropertyInfo prop_info_size = {
    .type_name = "size",
    .set = prop_size_set,
    .get = prop_uint_get,
    .set_default = prop_uint_set_default,
};

/* ---- string ------------------------------------------------------------- */

static bool prop_string_set(Object *obj, const Property *prop,
                            const char *value, GError **errp)
{
    char **field = prop_field(obj, prop);

    g_free(*field);
    *field = g_strdup(value);
    return true;
}

static char *prop_string_get(Object *obj, const Property *prop)
{
    char *s = *(char **)prop_field(obj, prop);

    return g_strdup(s ? s : "");
}

static void prop_string_set_default(Object *obj, const Property *prop)
{
    *(char **)prop_field(obj, prop) = g_strdup(prop->defval.s);
}

static void prop_string_release(Object *obj, const Property *prop)
{
    char **field = prop_field(obj, prop);

    g_free(*field);
    *field = NULL;
}

const PropertyInfo prop_info_string = {
    .type_name = "string",
    .set = prop_string_set,
    .get = prop_string_get,
    .set_default = prop_string_set_default,
    .release = prop_string_release,
};

/* ---- Lookup and access -------------------------------------------------- */

static const Property *object_class_find_property(ObjectClass *oc,
                                                  const char *name)
{
    for (; oc; oc = oc->parent_class) {
        for (guint i = 0; i < oc->props->len; i++) {
            const Property *prop = g_ptr_array_index(oc->props, i);
            if (strcmp(prop->name, name) == 0) {
                return prop;
            }
        }
    }
    return NULL;
}

void object_class_add_props(ObjectClass *oc, const Property *props)
{
    for (const Property *prop = props; prop->name; prop++) {
        /* Two properties of one name are a bug in the type's definition. */
        if (object_class_find_property(oc, prop->name)) {
            fprintf(stderr, "type '%s': property '%s' defined twice\n",
                    object_class_get_name(oc), prop->name);
            abort();
        }
        g_assert(prop->info);
        g_ptr_array_add(oc->props, (gpointer)prop);
    }
}

const Property *object_find_property(Object *obj, const char *name)
{
    return object_class_find_property(obj->klass, name);
}

static void object_class_collect_props(ObjectClass *oc, GPtrArray *out)
{
    if (oc->parent_class) {
        object_class_collect_props(oc->parent_class, out);
    }
    for (guint i = 0; i < oc->props->len; i++) {
        g_ptr_array_add(out, g_ptr_array_index(oc->props, i));
    }
}

GPtrArray *object_class_list_props(ObjectClass *oc)
{
    GPtrArray *out = g_ptr_array_new();

    object_class_collect_props(oc, out);
    return out;
}

static void object_error_no_property(Object *obj, const char *name,
                                     GError **errp)
{
    g_autofree char *what = object_describe(obj);

    error_setg(errp, "%s has no property '%s'", what, name);
}

bool object_property_set_str(Object *obj, const char *name, const char *value,
                             GError **errp)
{
    const Property *prop = object_find_property(obj, name);

    if (!prop) {
        object_error_no_property(obj, name, errp);
        return false;
    }
    if (!prop->info->set) {
        g_autofree char *what = object_describe(obj);
        error_setg(errp, "property '%s' of %s cannot be set", name, what);
        return false;
    }
    if (!prop->info->set(obj, prop, value, errp)) {
        g_autofree char *what = object_describe(obj);
        error_prepend(errp, "property '%s' of %s: ", name, what);
        return false;
    }
    return true;
}

char *object_property_get_str(Object *obj, const char *name, GError **errp)
{
    const Property *prop = object_find_property(obj, name);

    if (!prop) {
        object_error_no_property(obj, name, errp);
        return NULL;
    }
    if (!prop->info->get) {
        return g_strdup("");
    }
    return prop->info->get(obj, prop);
}

bool object_set_props_from_opts(Object *obj, const char *opts,
                                const char *const *skip, GError **errp)
{
    g_autoptr(Opts) parsed = opts_parse(opts, NULL, errp);

    if (!parsed) {
        return false;
    }
    for (guint i = 0; i < parsed->pairs->len; i++) {
        OptPair *pair = &g_array_index(parsed->pairs, OptPair, i);
        bool skipped = false;

        for (const char *const *k = skip; k && *k; k++) {
            if (strcmp(*k, pair->key) == 0) {
                skipped = true;
                break;
            }
        }
        if (!skipped && !object_property_set_str(obj, pair->key, pair->value,
                                                 errp)) {
            return false;
        }
    }
    return true;
}

/* The default as the user would type it, or NULL if there is none to show. */
static char *prop_default_text(const Property *prop)
{
    const PropertyInfo *info = prop->info;

    if (info == &prop_info_bool) {
        return g_strdup(prop->defval.u ? "on" : "off");
    }
    if (info == &prop_info_uint8 || info == &prop_info_uint16 ||
        info == &prop_info_uint32 || info == &prop_info_uint64 ||
        info == &prop_info_size) {
        return g_strdup_printf("%" PRIu64, prop->defval.u);
    }
    if (info == &prop_info_int64) {
        return g_strdup_printf("%" PRId64, prop->defval.i);
    }
    if (info == &prop_info_string && prop->defval.s) {
        return g_strdup_printf("\"%s\"", prop->defval.s);
    }
    return NULL;
}

void object_class_print_props(ObjectClass *oc, FILE *f)
{
    g_autoptr(GPtrArray) props = object_class_list_props(oc);

    if (!props->len) {
        fprintf(f, "  (no options)\n");
    }
    for (guint i = 0; i < props->len; i++) {
        const Property *prop = g_ptr_array_index(props, i);
        g_autofree char *def = prop_default_text(prop);

        fprintf(f, "  %s=<%s>", prop->name, prop->info->type_name);
        if (def) {
            fprintf(f, " (default: %s)", def);
        }
        if (prop->description) {
            fprintf(f, " - %s", prop->description);
        }
        fputc('\n', f);
    }
}
