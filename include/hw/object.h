/*
 * object.h — Turtle's object model: types with a parent, classes, instances,
 * typed properties and a composition tree.
 *
 * A type is described once by a TypeInfo and registered at start-up:
 *
 *     typedef struct PL011State { SysBusDevice parent_obj; uint32_t cr; ... } PL011State;
 *     #define TYPE_PL011 "pl011"
 *
 *     static const Property pl011_props[] = {
 *         PROP_CHARDEV("chardev", PL011State, chr),
 *         PROP_END
 *     };
 *     static void pl011_class_init(ObjectClass *oc, const void *data)
 *     {
 *         DeviceClass *dc = DEVICE_CLASS(oc);
 *         dc->realize = pl011_realize;
 *         dc->reset = pl011_reset;
 *         object_class_add_props(oc, pl011_props);
 *     }
 *     static const TypeInfo pl011_info = {
 *         .name = TYPE_PL011, .parent = TYPE_SYS_BUS_DEVICE,
 *         .instance_size = sizeof(PL011State), .class_init = pl011_class_init,
 *     };
 *     TYPE_REGISTER(pl011_info)
 *
 * One struct per type, a cast by name (OBJECT_CHECK), no macro towers.
 * Objects are reference counted; a child added to a parent is owned by it.
 */
#ifndef TURTLE_HW_OBJECT_H
#define TURTLE_HW_OBJECT_H

#include "util/osdep.h"

typedef struct Object Object;
typedef struct ObjectClass ObjectClass;
typedef struct TypeImpl TypeImpl;
typedef struct Property Property;

#define TYPE_OBJECT "object"

typedef struct TypeInfo {
    const char *name;
    const char *parent;                 /* NULL only for TYPE_OBJECT */
    size_t instance_size;               /* 0: same as the parent's */
    size_t class_size;                  /* 0: same as the parent's */
    bool abstract;                      /* cannot be instantiated */
    const char *description;            /* one line for "-device help" */
    void (*class_init)(ObjectClass *oc, const void *data);
    const void *class_data;
    void (*instance_init)(Object *obj);         /* parents' run first */
    void (*instance_finalize)(Object *obj);     /* children's run first */
} TypeInfo;

struct ObjectClass {
    TypeImpl *type;
    ObjectClass *parent_class;
    GPtrArray *props;                   /* const Property *, this class only */
    /* Called once when the last reference goes, after the children were
     * released and before the instance_finalize chain runs (devices
     * unrealize here). Inherited like any class field. */
    void (*pre_finalize)(Object *obj);
};

struct Object {
    ObjectClass *klass;
    char *name;                         /* name in the composition tree */
    Object *parent;                     /* composition parent, or NULL */
    GPtrArray *children;                /* Object *, in insertion order */
    int refcount;
    void (*free)(void *obj);            /* g_free for object_new, NULL if embedded */
};

void type_register(const TypeInfo *info);
/* Registers a TypeInfo from a constructor, before main() runs. */
#define TYPE_REGISTER(info) \
    static void __attribute__((constructor)) info##_register(void) \
    { type_register(&info); }

ObjectClass *object_class_by_name(const char *typename);
const char *object_class_get_name(ObjectClass *oc);
const char *object_class_get_description(ObjectClass *oc);
bool object_class_is_abstract(ObjectClass *oc);
/* Returns oc if it is typename or a subtype of it, else NULL. */
ObjectClass *object_class_dynamic_cast(ObjectClass *oc, const char *typename);
/* Every non-abstract (or every, with include_abstract) class below
 * implements_type, sorted by name. Free the list with g_slist_free. */
GSList *object_class_get_list(const char *implements_type, bool include_abstract);

/* Creates an instance; its refcount is 1. */
Object *object_new(const char *typename);
Object *object_new_with_class(ObjectClass *oc);
/* Initializes an instance embedded in a larger struct (no allocation). */
void object_initialize(void *obj, size_t size, const char *typename);
void object_ref(Object *obj);
void object_unref(Object *obj);

const char *object_get_typename(Object *obj);
bool object_is_a(Object *obj, const char *typename);
Object *object_dynamic_cast(Object *obj, const char *typename);
/* As object_dynamic_cast, but a failing cast is an emulator bug: aborts. */
Object *object_dynamic_cast_assert(Object *obj, const char *typename,
                                   const char *file, int line);

#define OBJECT(obj) ((Object *)(obj))
#define OBJECT_CHECK(type, obj, name) \
    ((type *)object_dynamic_cast_assert(OBJECT(obj), (name), __FILE__, __LINE__))
#define OBJECT_CLASS(oc) ((ObjectClass *)(oc))
#define OBJECT_CLASS_CHECK(type, oc, name) \
    ((type *)object_class_check((ObjectClass *)(oc), (name), __FILE__, __LINE__))
#define OBJECT_GET_CLASS(type, obj, name) \
    OBJECT_CLASS_CHECK(type, OBJECT(obj)->klass, name)
ObjectClass *object_class_check(ObjectClass *oc, const char *typename,
                                const char *file, int line);

/* Composition tree: parent takes a reference to child. A name ending in
 * "[*]" ("uart[*]") gets the first free index ("uart[0]", "uart[1]"...).
 * A duplicate name is an emulator bug (aborts). */
void object_add_child(Object *parent, const char *name, Object *child);
void object_remove_child(Object *parent, Object *child);
Object *object_get_child(Object *parent, const char *name);
/* Resolves "/machine/uart0" from the root. */
Object *object_resolve_path(const char *path);
Object *object_get_root(void);
/* "/machine/uart0"; NULL if obj is not reachable from the root. */
char *object_get_canonical_path(Object *obj);

/* A plain node of the tree that only holds children ("/machine/peripheral"). */
#define TYPE_CONTAINER "container"
/* Returns the object at path below root (NULL: the root), creating missing
 * components as containers. */
Object *object_container_get(Object *root, const char *path);

/* ---- Typed properties -------------------------------------------------- */

/* How a property kind turns text into a field and back. Subsystems add kinds
 * (a chardev, a drive, a netdev reference) by defining a PropertyInfo. */
typedef struct PropertyInfo {
    const char *type_name;              /* "uint32", "bool", "chardev", ... */
    /* Reports only what is wrong with the value ("value 300 out of range
     * 0-255"); object_property_set_str() prepends
     * "property 'baud' of device 'pl011': ". */
    bool (*set)(Object *obj, const Property *prop, const char *value,
                GError **errp);
    char *(*get)(Object *obj, const Property *prop);   /* g_free the result */
    void (*set_default)(Object *obj, const Property *prop);
    void (*release)(Object *obj, const Property *prop);  /* at finalize */
} PropertyInfo;

struct Property {
    const char *name;
    const PropertyInfo *info;
    size_t offset;                      /* of the field in the instance */
    union {
        uint64_t u;
        int64_t i;
        const char *s;
    } defval;
    uint64_t min, max;                  /* numeric bounds, inclusive (0,0: none;
                                         * read as int64_t for int64) */
    const char *description;
};

extern const PropertyInfo prop_info_bool;
extern const PropertyInfo prop_info_uint8;
extern const PropertyInfo prop_info_uint16;
extern const PropertyInfo prop_info_uint32;
extern const PropertyInfo prop_info_uint64;
extern const PropertyInfo prop_info_int64;
extern const PropertyInfo prop_info_size;   /* uint64 with k/M/G/T suffixes */
extern const PropertyInfo prop_info_string;

#define PROP_FIELD(_name, _info, _state, _field, ...) \
    { .name = (_name), .info = &(_info), .offset = offsetof(_state, _field), __VA_ARGS__ }
#define PROP_BOOL(n, st, f, d)   PROP_FIELD(n, prop_info_bool, st, f, .defval.u = (d))
#define PROP_UINT8(n, st, f, d)  PROP_FIELD(n, prop_info_uint8, st, f, .defval.u = (d))
#define PROP_UINT16(n, st, f, d) PROP_FIELD(n, prop_info_uint16, st, f, .defval.u = (d))
#define PROP_UINT32(n, st, f, d) PROP_FIELD(n, prop_info_uint32, st, f, .defval.u = (d))
#define PROP_UINT64(n, st, f, d) PROP_FIELD(n, prop_info_uint64, st, f, .defval.u = (d))
#define PROP_INT64(n, st, f, d)  PROP_FIELD(n, prop_info_int64, st, f, .defval.i = (d))
#define PROP_SIZE(n, st, f, d)   PROP_FIELD(n, prop_info_size, st, f, .defval.u = (d))
#define PROP_STRING(n, st, f)    PROP_FIELD(n, prop_info_string, st, f, .defval.s = NULL)
#define PROP_END { .name = NULL }

/* Adds a PROP_END-terminated array of properties to a class. */
void object_class_add_props(ObjectClass *oc, const Property *props);
/* Looks a property up in obj's class and its parents. */
const Property *object_find_property(Object *obj, const char *name);
/* Every property of the class and its parents, parents first. */
GPtrArray *object_class_list_props(ObjectClass *oc);

bool object_property_set_str(Object *obj, const char *name, const char *value,
                             GError **errp);
char *object_property_get_str(Object *obj, const char *name, GError **errp);
/* Applies "a=1,b=on,c=str" (commas in values doubled: ",,"); keys listed in
 * skip (NULL-terminated, may be NULL) are ignored. */
bool object_set_props_from_opts(Object *obj, const char *opts,
                                const char *const *skip, GError **errp);
/* Prints the body of "NAME,help" output (the caller prints the heading):
 * each property on one line,
 * "  baudrate=<uint32> (default: 115200) - description", parents' first;
 * "  (no options)" if there are none. */
void object_class_print_props(ObjectClass *oc, FILE *f);

#endif
