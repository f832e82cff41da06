/*
 * object.c — types, classes, instances, casts and the composition tree
 * (see hw/object.h).
 *
 * Types are registered by constructors before main() and kept in a hash
 * table by name. A type's class is built the first time it is needed:
 * the parent's class first, then a copy of it grown to this type's class
 * size, then this type's class_init. So a subclass starts with every hook
 * its parent set and overrides only what it changes.
 *
 * Instances get their property defaults first, then the instance_init chain
 * (parents first); finalization runs instance_finalize children first, the
 * reverse of construction.
 */
#include "util/osdep.h"
#include "hw/object.h"

struct TypeImpl {
    const char *name;
    const char *parent_name;
    TypeImpl *parent;                   /* resolved at class initialization */
    size_t instance_size;
    size_t class_size;
    bool abstract;
    const char *description;
    void (*class_init)(ObjectClass *oc, const void *data);
    const void *class_data;
    void (*instance_init)(Object *obj);
    void (*instance_finalize)(Object *obj);
    ObjectClass *class;                 /* NULL until first needed */
};

/* While an object is being finalized its refcount holds this, so that a
 * temporary object_ref/object_unref pair inside a finalizer cannot start a
 * second finalization. */
#define OBJECT_FINALIZING_REFS (G_MININT / 2)

static GHashTable *type_table;

static GHashTable *type_table_get(void)
{
    if (!type_table) {
        type_table = g_hash_table_new(g_str_hash, g_str_equal);
    }
    return type_table;
}

void type_register(const TypeInfo *info)
{
    TypeImpl *ti;

    g_assert(info->name);
    if (g_hash_table_lookup(type_table_get(), info->name)) {
        fprintf(stderr, "type_register: type '%s' registered twice\n",
                info->name);
        abort();
    }
    ti = g_new0(TypeImpl, 1);
    ti->name = info->name;
    ti->parent_name = info->parent;
    ti->instance_size = info->instance_size;
    ti->class_size = info->class_size;
    ti->abstract = info->abstract;
    ti->description = info->description;
    ti->class_init = info->class_init;
    ti->class_data = info->class_data;
    ti->instance_init = info->instance_init;
    ti->instance_finalize = info->instance_finalize;
    g_hash_table_insert(type_table_get(), (gpointer)ti->name, ti);
}

static TypeImpl *type_lookup(const char *name)
{
    return name ? g_hash_table_lookup(type_table_get(), name) : NULL;
}

static void type_initialize(TypeImpl *ti)
{
    TypeImpl *parent = NULL;
    ObjectClass *oc;

    if (ti->class) {
        return;
    }
    if (ti->parent_name) {
        parent = type_lookup(ti->parent_name);
        if (!parent) {
            fprintf(stderr, "type '%s': parent type '%s' is not registered\n",
                    ti->name, ti->parent_name);
            abort();
        }
        type_initialize(parent);
        ti->parent = parent;
    }
    if (!ti->class_size) {
        ti->class_size = parent ? parent->class_size : sizeof(ObjectClass);
    }
    if (!ti->instance_size) {
        ti->instance_size = parent ? parent->instance_size : sizeof(Object);
    }
    /* A subtype embeds its parent's structs at their start. */
    g_assert(!parent || ti->class_size >= parent->class_size);
    g_assert(!parent || ti->instance_size >= parent->instance_size);

    oc = g_malloc0(ti->class_size);
    if (parent) {
        memcpy(oc, parent->class, parent->class_size);
    }
    oc->type = ti;
    oc->parent_class = parent ? parent->class : NULL;
    oc->props = g_ptr_array_new();
    ti->class = oc;
    if (ti->class_init) {
        ti->class_init(oc, ti->class_data);
    }
}

ObjectClass *object_class_by_name(const char *typename)
{
    TypeImpl *ti = type_lookup(typename);

    if (!ti) {
        return NULL;
    }
    type_initialize(ti);
    return ti->class;
}

const char *object_class_get_name(ObjectClass *oc)
{
    return oc->type->name;
}

const char *object_class_get_description(ObjectClass *oc)
{
    return oc->type->description;
}

bool object_class_is_abstract(ObjectClass *oc)
{
    return oc->type->abstract;
}

static bool type_is_a(const TypeImpl *ti, const char *typename)
{
    for (; ti; ti = ti->parent) {
        if (ti->name == typename || strcmp(ti->name, typename) == 0) {
            return true;
        }
    }
    return false;
}

ObjectClass *object_class_dynamic_cast(ObjectClass *oc, const char *typename)
{
    if (!oc || !type_is_a(oc->type, typename)) {
        return NULL;
    }
    return oc;
}

ObjectClass *object_class_check(ObjectClass *oc, const char *typename,
                                const char *file, int line)
{
    if (oc && !type_is_a(oc->type, typename)) {
        fprintf(stderr, "%s:%d: class '%s' is not a subclass of '%s'\n",
                file, line, oc->type->name, typename);
        abort();
    }
    return oc;
}

static gint object_class_compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(object_class_get_name((ObjectClass *)a),
                  object_class_get_name((ObjectClass *)b));
}

GSList *object_class_get_list(const char *implements_type,
                              bool include_abstract)
{
    GHashTableIter iter;
    gpointer value;
    GSList *list = NULL;

    g_hash_table_iter_init(&iter, type_table_get());
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        TypeImpl *ti = value;

        type_initialize(ti);
        if (implements_type && !type_is_a(ti, implements_type)) {
            continue;
        }
        if (ti->abstract && !include_abstract) {
            continue;
        }
        list = g_slist_prepend(list, ti->class);
    }
    return g_slist_sort(list, object_class_compare_names);
}

/* ---- Instances ---------------------------------------------------------- */

static void object_apply_defaults(Object *obj, ObjectClass *oc)
{
    if (oc->parent_class) {
        object_apply_defaults(obj, oc->parent_class);
    }
    for (guint i = 0; i < oc->props->len; i++) {
        const Property *prop = g_ptr_array_index(oc->props, i);
        if (prop->info->set_default) {
            prop->info->set_default(obj, prop);
        }
    }
}

static void object_run_instance_init(Object *obj, TypeImpl *ti)
{
    if (ti->parent) {
        object_run_instance_init(obj, ti->parent);
    }
    if (ti->instance_init) {
        ti->instance_init(obj);
    }
}

static void object_init_with_type(Object *obj, TypeImpl *ti)
{
    if (ti->abstract) {
        fprintf(stderr, "cannot create an instance of abstract type '%s'\n",
                ti->name);
        abort();
    }
    obj->klass = ti->class;
    obj->refcount = 1;
    obj->children = g_ptr_array_new();
    /* Defaults first, so that instance_init sees (and may adjust) them. */
    object_apply_defaults(obj, ti->class);
    object_run_instance_init(obj, ti);
}

static TypeImpl *type_get_or_die(const char *typename)
{
    TypeImpl *ti = type_lookup(typename);

    if (!ti) {
        fprintf(stderr, "unknown object type '%s'\n", typename);
        abort();
    }
    type_initialize(ti);
    return ti;
}

Object *object_new_with_class(ObjectClass *oc)
{
    TypeImpl *ti = oc->type;
    Object *obj = g_malloc0(ti->instance_size);

    object_init_with_type(obj, ti);
    obj->free = g_free;
    return obj;
}

Object *object_new(const char *typename)
{
    return object_new_with_class(type_get_or_die(typename)->class);
}

void object_initialize(void *data, size_t size, const char *typename)
{
    TypeImpl *ti = type_get_or_die(typename);
    Object *obj = data;

    g_assert(size >= ti->instance_size);
    memset(obj, 0, ti->instance_size);
    object_init_with_type(obj, ti);
    obj->free = NULL;
}

static void object_release_props(Object *obj, ObjectClass *oc)
{
    for (; oc; oc = oc->parent_class) {
        for (guint i = 0; i < oc->props->len; i++) {
            const Property *prop = g_ptr_array_index(oc->props, i);
            if (prop->info->release) {
                prop->info->release(obj, prop);
            }
        }
    }
}

static void object_finalize(Object *obj)
{
    ObjectClass *oc = obj->klass;

    obj->refcount = OBJECT_FINALIZING_REFS;
    /* Children go first, the newest first (they may depend on older
     * siblings): the reverse of how a parent builds its parts. */
    while (obj->children->len) {
        object_remove_child(obj, g_ptr_array_index(obj->children,
                                                   obj->children->len - 1));
    }
    if (oc->pre_finalize) {
        oc->pre_finalize(obj);
    }
    for (TypeImpl *ti = oc->type; ti; ti = ti->parent) {
        if (ti->instance_finalize) {
            ti->instance_finalize(obj);
        }
    }
    object_release_props(obj, oc);
    g_ptr_array_free(obj->children, TRUE);
    obj->children = NULL;
    g_free(obj->name);
    obj->name = NULL;
    if (obj->free) {
        obj->free(obj);
    }
}

void object_ref(Object *obj)
{
    if (obj) {
        g_atomic_int_inc(&obj->refcount);
    }
}

void object_unref(Object *obj)
{
    if (!obj) {
        return;
    }
    /* A refcount of 0 here is a double unref: an emulator bug. */
    g_assert(obj->refcount != 0);
    if (g_atomic_int_dec_and_test(&obj->refcount)) {
        object_finalize(obj);
    }
}

const char *object_get_typename(Object *obj)
{
    return obj->klass->type->name;
}

bool object_is_a(Object *obj, const char *typename)
{
    return obj && type_is_a(obj->klass->type, typename);
}

Object *object_dynamic_cast(Object *obj, const char *typename)
{
    return object_is_a(obj, typename) ? obj : NULL;
}

Object *object_dynamic_cast_assert(Object *obj, const char *typename,
                                   const char *file, int line)
{
    if (obj && !type_is_a(obj->klass->type, typename)) {
        fprintf(stderr, "%s:%d: object %p of type '%s' is not a '%s'\n",
                file, line, (void *)obj, object_get_typename(obj), typename);
        abort();
    }
    return obj;
}

/* ---- Composition tree --------------------------------------------------- */

static Object *object_root;

Object *object_get_root(void)
{
    if (!object_root) {
        object_root = object_new(TYPE_CONTAINER);
    }
    return object_root;
}

Object *object_get_child(Object *parent, const char *name)
{
    for (guint i = 0; i < parent->children->len; i++) {
        Object *child = g_ptr_array_index(parent->children, i);
        if (strcmp(child->name, name) == 0) {
            return child;
        }
    }
    return NULL;
}

void object_add_child(Object *parent, const char *name, Object *child)
{
    g_autofree char *real_name = NULL;

    if (child->parent) {
        fprintf(stderr, "object_add_child: '%s' already has a parent\n",
                child->name);
        abort();
    }
    if (g_str_has_suffix(name, "[*]")) {
        g_autofree char *stem = g_strndup(name, strlen(name) - 3);
        for (unsigned n = 0;; n++) {
            g_free(real_name);
            real_name = g_strdup_printf("%s[%u]", stem, n);
            if (!object_get_child(parent, real_name)) {
                break;
            }
        }
    } else {
        real_name = g_strdup(name);
    }
    if (object_get_child(parent, real_name)) {
        fprintf(stderr, "object_add_child: a child named '%s' exists already\n",
                real_name);
        abort();
    }
    object_ref(child);
    child->name = g_steal_pointer(&real_name);
    child->parent = parent;
    g_ptr_array_add(parent->children, child);
}

void object_remove_child(Object *parent, Object *child)
{
    g_assert(child->parent == parent);
    g_ptr_array_remove(parent->children, child);
    child->parent = NULL;
    g_free(child->name);
    child->name = NULL;
    object_unref(child);
}

Object *object_resolve_path(const char *path)
{
    g_auto(GStrv) parts = g_strsplit(path, "/", -1);
    Object *obj = object_get_root();

    for (char **p = parts; *p && obj; p++) {
        if (**p) {
            obj = object_get_child(obj, *p);
        }
    }
    return obj;
}

Object *object_container_get(Object *root, const char *path)
{
    g_auto(GStrv) parts = g_strsplit(path, "/", -1);
    Object *obj = root ? root : object_get_root();

    for (char **p = parts; *p; p++) {
        Object *child;

        if (!**p) {
            continue;
        }
        child = object_get_child(obj, *p);
        if (!child) {
            child = object_new(TYPE_CONTAINER);
            object_add_child(obj, *p, child);
            object_unref(child);
        }
        obj = child;
    }
    return obj;
}

char *object_get_canonical_path(Object *obj)
{
    Object *root = object_get_root();
    GString *path = g_string_new(NULL);

    for (; obj && obj != root; obj = obj->parent) {
        if (!obj->parent) {
            /* Not attached to the tree. */
            g_string_free(path, TRUE);
            return NULL;
        }
        g_string_prepend(path, obj->name);
        g_string_prepend_c(path, '/');
    }
    if (!obj) {
        g_string_free(path, TRUE);
        return NULL;
    }
    if (!path->len) {
        g_string_append_c(path, '/');
    }
    return g_string_free(path, FALSE);
}

static const TypeInfo object_info = {
    .name = TYPE_OBJECT,
    .instance_size = sizeof(Object),
    .class_size = sizeof(ObjectClass),
    .abstract = true,
    .description = "the base of every type",
};
TYPE_REGISTER(object_info)

static const TypeInfo container_info = {
    .name = TYPE_CONTAINER,
    .parent = TYPE_OBJECT,
    .description = "a node of the object tree that holds children",
};
TYPE_REGISTER(container_info)
