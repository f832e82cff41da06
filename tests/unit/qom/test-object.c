/*
 * test-object.c — unit tests of the object model: type hierarchy and casts,
 * class and instance initialization order, finalization, reference counts,
 * the composition tree, and typed properties of every kind.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "hw/object.h"

/* Each init/finalize hook appends its name here, so tests can check order. */
static GString *trace;

static void trace_add(const char *what)
{
    if (trace->len) {
        g_string_append_c(trace, ' ');
    }
    g_string_append(trace, what);
}

/* ---- A small hierarchy: animal (abstract) > dog > puppy; animal > cat ---- */

typedef struct AnimalClass {
    ObjectClass parent_class;
    const char *(*speak)(void);
    int legs;
} AnimalClass;

typedef struct Animal {
    Object parent_obj;
    int age;
} Animal;

typedef struct Dog {
    Animal parent_obj;
    int bones;
} Dog;

typedef struct Puppy {
    Dog parent_obj;
    int toys;
} Puppy;

#define TYPE_ANIMAL "test-animal"
#define TYPE_DOG "test-dog"
#define TYPE_PUPPY "test-puppy"
#define TYPE_CAT "test-cat"
#define ANIMAL_CLASS(oc) OBJECT_CLASS_CHECK(AnimalClass, (oc), TYPE_ANIMAL)
#define ANIMAL_GET_CLASS(obj) OBJECT_GET_CLASS(AnimalClass, (obj), TYPE_ANIMAL)
#define DOG(obj) OBJECT_CHECK(Dog, (obj), TYPE_DOG)

static const char *speak_woof(void) { return "woof"; }
static const char *speak_yip(void) { return "yip"; }
static const char *speak_meow(void) { return "meow"; }

static void animal_class_init(ObjectClass *oc, const void *data)
{
    trace_add("animal-class");
    ANIMAL_CLASS(oc)->legs = 4;
}

static void dog_class_init(ObjectClass *oc, const void *data)
{
    trace_add("dog-class");
    ANIMAL_CLASS(oc)->speak = speak_woof;
}

static void puppy_class_init(ObjectClass *oc, const void *data)
{
    /* The parent's class was copied: its hooks are already here. */
    g_assert(ANIMAL_CLASS(oc)->speak == speak_woof);
    g_assert_cmpint(ANIMAL_CLASS(oc)->legs, ==, 4);
    trace_add("puppy-class");
    ANIMAL_CLASS(oc)->speak = speak_yip;
}

static void cat_class_init(ObjectClass *oc, const void *data)
{
    trace_add(data);
    ANIMAL_CLASS(oc)->speak = speak_meow;
}

static void animal_init(Object *obj) { trace_add("animal-init"); ((Animal *)obj)->age = 1; }
static void dog_init(Object *obj) { trace_add("dog-init"); DOG(obj)->bones = 3; }
static void puppy_init(Object *obj) { trace_add("puppy-init"); }
static void animal_fini(Object *obj) { trace_add("animal-fini"); }
static void dog_fini(Object *obj) { trace_add("dog-fini"); }
static void puppy_fini(Object *obj) { trace_add("puppy-fini"); }

static const TypeInfo animal_info = {
    .name = TYPE_ANIMAL, .parent = TYPE_OBJECT, .abstract = true,
    .instance_size = sizeof(Animal), .class_size = sizeof(AnimalClass),
    .class_init = animal_class_init, .instance_init = animal_init,
    .instance_finalize = animal_fini,
};
static const TypeInfo dog_info = {
    .name = TYPE_DOG, .parent = TYPE_ANIMAL, .instance_size = sizeof(Dog),
    .class_init = dog_class_init, .instance_init = dog_init,
    .instance_finalize = dog_fini,
};
static const TypeInfo puppy_info = {
    .name = TYPE_PUPPY, .parent = TYPE_DOG, .instance_size = sizeof(Puppy),
    .class_init = puppy_class_init, .instance_init = puppy_init,
    .instance_finalize = puppy_fini, .description = "a young dog",
};
static const TypeInfo cat_info = {
    .name = TYPE_CAT, .parent = TYPE_ANIMAL,
    .class_init = cat_class_init, .class_data = "cat-class",
};
TYPE_REGISTER(animal_info)
TYPE_REGISTER(dog_info)
TYPE_REGISTER(puppy_info)
TYPE_REGISTER(cat_info)

static void test_class_init_order(void)
{
    ObjectClass *oc;

    g_string_truncate(trace, 0);
    /* The first use of puppy builds animal, then dog, then puppy. */
    oc = object_class_by_name(TYPE_PUPPY);
    g_assert_nonnull(oc);
    g_assert_cmpstr(trace->str, ==, "animal-class dog-class puppy-class");
    /* Classes are built once. */
    g_string_truncate(trace, 0);
    g_assert(object_class_by_name(TYPE_PUPPY) == oc);
    g_assert(object_class_by_name(TYPE_DOG) == oc->parent_class);
    g_assert_cmpstr(trace->str, ==, "");
    /* An override in the subclass does not leak into the parent. */
    g_assert_cmpstr(ANIMAL_CLASS(oc)->speak(), ==, "yip");
    g_assert_cmpstr(ANIMAL_CLASS(oc->parent_class)->speak(), ==, "woof");
    /* class_data reaches class_init. */
    g_string_truncate(trace, 0);
    g_assert_cmpstr(ANIMAL_CLASS(object_class_by_name(TYPE_CAT))->speak(), ==,
                    "meow");
    g_assert_cmpstr(trace->str, ==, "cat-class");
    g_assert_cmpstr(object_class_get_description(oc), ==, "a young dog");
    g_assert_null(object_class_by_name("test-no-such-type"));
}

static void test_casts(void)
{
    Object *obj = object_new(TYPE_PUPPY);
    Object *cat = object_new(TYPE_CAT);

    g_assert_cmpstr(object_get_typename(obj), ==, TYPE_PUPPY);
    g_assert(object_is_a(obj, TYPE_PUPPY));
    g_assert(object_is_a(obj, TYPE_DOG));
    g_assert(object_is_a(obj, TYPE_ANIMAL));
    g_assert(object_is_a(obj, TYPE_OBJECT));
    g_assert(!object_is_a(obj, TYPE_CAT));
    g_assert(!object_is_a(cat, TYPE_DOG));
    g_assert(object_dynamic_cast(obj, TYPE_DOG) == obj);
    g_assert_null(object_dynamic_cast(cat, TYPE_DOG));
    g_assert_null(object_dynamic_cast(NULL, TYPE_DOG));
    g_assert(DOG(obj) == (Dog *)obj);
    g_assert_cmpstr(ANIMAL_GET_CLASS(cat)->speak(), ==, "meow");
    g_assert(object_class_dynamic_cast(cat->klass, TYPE_ANIMAL) == cat->klass);
    g_assert_null(object_class_dynamic_cast(cat->klass, TYPE_PUPPY));
    g_assert(object_class_is_abstract(object_class_by_name(TYPE_ANIMAL)));
    g_assert(!object_class_is_abstract(cat->klass));
    object_unref(obj);
    object_unref(cat);
}

static void test_bad_cast_aborts(void)
{
    if (g_test_subprocess()) {
        Object *cat = object_new(TYPE_CAT);
        DOG(cat);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*of type 'test-cat' is not a 'test-dog'*");
}

static void test_abstract_new_aborts(void)
{
    if (g_test_subprocess()) {
        object_new(TYPE_ANIMAL);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*abstract type 'test-animal'*");
}

static void test_class_list_sorted(void)
{
    GSList *list = object_class_get_list(TYPE_ANIMAL, false);
    GSList *all = object_class_get_list(TYPE_ANIMAL, true);

    g_assert_cmpuint(g_slist_length(list), ==, 3);
    g_assert_cmpstr(object_class_get_name(g_slist_nth_data(list, 0)), ==, TYPE_CAT);
    g_assert_cmpstr(object_class_get_name(g_slist_nth_data(list, 1)), ==, TYPE_DOG);
    g_assert_cmpstr(object_class_get_name(g_slist_nth_data(list, 2)), ==, TYPE_PUPPY);
    g_assert_cmpuint(g_slist_length(all), ==, 4);
    g_assert_cmpstr(object_class_get_name(all->data), ==, TYPE_ANIMAL);
    g_slist_free(list);
    g_slist_free(all);
}

static void test_instance_order(void)
{
    Object *obj;

    g_string_truncate(trace, 0);
    obj = object_new(TYPE_PUPPY);
    g_assert_cmpstr(trace->str, ==, "animal-init dog-init puppy-init");
    g_assert_cmpint(((Animal *)obj)->age, ==, 1);
    g_assert_cmpint(DOG(obj)->bones, ==, 3);
    g_string_truncate(trace, 0);
    object_unref(obj);
    g_assert_cmpstr(trace->str, ==, "puppy-fini dog-fini animal-fini");
}

static void test_embedded(void)
{
    struct { int before; Dog dog; int after; } holder;

    holder.before = 11;
    holder.after = 22;
    g_string_truncate(trace, 0);
    object_initialize(&holder.dog, sizeof(holder.dog), TYPE_DOG);
    g_assert_cmpint(holder.dog.bones, ==, 3);
    g_assert_cmpint(OBJECT(&holder.dog)->refcount, ==, 1);
    object_unref(OBJECT(&holder.dog));
    g_assert_cmpstr(trace->str, ==, "animal-init dog-init dog-fini animal-fini");
    g_assert_cmpint(holder.before, ==, 11);
    g_assert_cmpint(holder.after, ==, 22);
}

static void test_refcount_and_tree(void)
{
    Object *parent = object_new(TYPE_DOG);
    Object *child = object_new(TYPE_CAT);
    Object *pup = object_new(TYPE_PUPPY);

    g_assert_cmpint(child->refcount, ==, 1);
    object_add_child(parent, "kitty", child);
    g_assert_cmpint(child->refcount, ==, 2);
    g_assert(child->parent == parent);
    g_assert_cmpstr(child->name, ==, "kitty");
    object_unref(child);                /* the parent keeps it alive */
    g_assert_cmpint(child->refcount, ==, 1);
    g_assert(object_get_child(parent, "kitty") == child);

    object_ref(pup);
    object_add_child(child, "pup", pup);
    g_assert_cmpint(pup->refcount, ==, 3);
    object_unref(pup);

    /* Dropping the parent finalizes the subtree: children first. */
    g_string_truncate(trace, 0);
    object_unref(parent);
    /* The child (a cat) goes before its parent's own finalizers run. */
    g_assert_cmpstr(trace->str, ==, "animal-fini dog-fini animal-fini");
    /* pup still has our reference, but left the tree. */
    g_assert_cmpint(pup->refcount, ==, 1);
    g_assert_null(pup->parent);
    g_assert_null(pup->name);
    g_string_truncate(trace, 0);
    object_unref(pup);
    g_assert_cmpstr(trace->str, ==, "puppy-fini dog-fini animal-fini");
}

static void test_paths(void)
{
    Object *root = object_get_root();
    Object *m = object_container_get(NULL, "/test-paths/sub");
    Object *a = object_new(TYPE_CAT), *b = object_new(TYPE_CAT);
    Object *c = object_new(TYPE_CAT);
    g_autofree char *pa = NULL, *pm = NULL, *proot = NULL, *pc = NULL;

    g_assert_nonnull(m);
    g_assert_cmpstr(object_get_typename(m), ==, TYPE_CONTAINER);
    g_assert(object_container_get(root, "test-paths/sub") == m);
    object_add_child(m, "cat[*]", a);
    object_unref(a);                    /* only the tree holds a now */
    object_add_child(m, "cat[*]", b);
    g_assert_cmpstr(a->name, ==, "cat[0]");
    g_assert_cmpstr(b->name, ==, "cat[1]");
    pa = object_get_canonical_path(a);
    pm = object_get_canonical_path(m);
    proot = object_get_canonical_path(root);
    g_assert_cmpstr(pa, ==, "/test-paths/sub/cat[0]");
    g_assert_cmpstr(pm, ==, "/test-paths/sub");
    g_assert_cmpstr(proot, ==, "/");
    g_assert(object_resolve_path("/test-paths/sub/cat[1]") == b);
    g_assert(object_resolve_path("/") == root);
    g_assert_null(object_resolve_path("/test-paths/nothing"));
    g_assert_null(object_resolve_path("/test-paths/sub/cat[1]/deeper"));
    pc = object_get_canonical_path(c);
    g_assert_null(pc);                  /* not in the tree */

    object_remove_child(m, a);          /* finalizes a */
    g_assert_null(object_resolve_path("/test-paths/sub/cat[0]"));
    object_add_child(m, "cat[*]", c);   /* the free index is reused */
    g_assert_cmpstr(c->name, ==, "cat[0]");
    object_unref(b);
    object_unref(c);
    object_remove_child(root, object_resolve_path("/test-paths"));
    g_assert_null(object_resolve_path("/test-paths/sub"));
}

static void test_duplicate_child_aborts(void)
{
    if (g_test_subprocess()) {
        Object *p = object_new(TYPE_CAT);
        object_add_child(p, "x", object_new(TYPE_CAT));
        object_add_child(p, "x", object_new(TYPE_CAT));
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*named 'x' exists already*");
}

/* ---- Properties --------------------------------------------------------- */

typedef struct Gadget {
    Object parent_obj;
    bool enabled;
    uint8_t u8;
    uint16_t u16;
    uint32_t baudrate;
    uint64_t u64;
    int64_t offset;
    uint64_t size;
    char *label;
    char *name;
    uint32_t seen_baudrate;             /* what instance_init saw */
    uint8_t level;                      /* bounded 1..10 */
    int64_t temp;                       /* bounded -40..85 */
} Gadget;

typedef struct Widget {
    Gadget parent_obj;
    uint32_t color;
} Widget;

#define TYPE_GADGET "test-gadget"
#define TYPE_WIDGET "test-widget"

static const Property gadget_props[] = {
    PROP_BOOL("enabled", Gadget, enabled, true),
    PROP_UINT8("u8", Gadget, u8, 7),
    PROP_UINT16("u16", Gadget, u16, 0),
    PROP_FIELD("baudrate", prop_info_uint32, Gadget, baudrate,
               .defval.u = 115200, .description = "line speed"),
    PROP_UINT64("u64", Gadget, u64, 0),
    PROP_INT64("offset", Gadget, offset, -5),
    PROP_SIZE("size", Gadget, size, 64 * KiB),
    PROP_STRING("label", Gadget, label),
    PROP_FIELD("name", prop_info_string, Gadget, name, .defval.s = "gizmo"),
    PROP_FIELD("level", prop_info_uint8, Gadget, level, .defval.u = 5,
               .min = 1, .max = 10),
    PROP_FIELD("temp", prop_info_int64, Gadget, temp, .defval.i = 20,
               .min = (uint64_t)-40, .max = 85),
    PROP_END
};

static const Property widget_props[] = {
    PROP_UINT32("color", Widget, color, 0xff0000),
    PROP_END
};

static void gadget_class_init(ObjectClass *oc, const void *data)
{
    object_class_add_props(oc, gadget_props);
}

static void widget_class_init(ObjectClass *oc, const void *data)
{
    object_class_add_props(oc, widget_props);
}

static void gadget_init(Object *obj)
{
    Gadget *g = (Gadget *)obj;

    g->seen_baudrate = g->baudrate;
}

static const TypeInfo gadget_info = {
    .name = TYPE_GADGET, .parent = TYPE_OBJECT, .instance_size = sizeof(Gadget),
    .class_init = gadget_class_init, .instance_init = gadget_init,
};
static const TypeInfo widget_info = {
    .name = TYPE_WIDGET, .parent = TYPE_GADGET, .instance_size = sizeof(Widget),
    .class_init = widget_class_init,
};
TYPE_REGISTER(gadget_info)
TYPE_REGISTER(widget_info)

static void test_prop_defaults(void)
{
    Gadget *g = (Gadget *)object_new(TYPE_WIDGET);

    g_assert_true(g->enabled);
    g_assert_cmpuint(g->u8, ==, 7);
    g_assert_cmpuint(g->baudrate, ==, 115200);
    g_assert_cmpuint(g->seen_baudrate, ==, 115200);   /* before instance_init */
    g_assert_cmpint(g->offset, ==, -5);
    g_assert_cmpuint(g->size, ==, 64 * KiB);
    g_assert_null(g->label);
    g_assert_cmpstr(g->name, ==, "gizmo");
    g_assert_cmpuint(((Widget *)g)->color, ==, 0xff0000);
    object_unref(OBJECT(g));
}

static void set_ok(Object *obj, const char *name, const char *value,
                   const char *expect_get)
{
    GError *err = NULL;
    g_autofree char *got = NULL;

    g_assert_true(object_property_set_str(obj, name, value, &err));
    g_assert_no_error(err);
    got = object_property_get_str(obj, name, &err);
    g_assert_no_error(err);
    g_assert_cmpstr(got, ==, expect_get);
}

static void set_fails(Object *obj, const char *name, const char *value,
                      const char *message)
{
    GError *err = NULL;

    g_assert_false(object_property_set_str(obj, name, value, &err));
    g_assert_nonnull(err);
    g_assert_cmpstr(err->message, ==, message);
    g_error_free(err);
}

static void test_prop_kinds(void)
{
    Object *obj = object_new(TYPE_WIDGET);
    Gadget *g = (Gadget *)obj;

    for (const char *const *v = (const char *const[]){ "off", "no", "false",
                                                       "OFF", NULL }; *v; v++) {
        g->enabled = true;
        set_ok(obj, "enabled", *v, "off");
        g_assert_false(g->enabled);
    }
    for (const char *const *v = (const char *const[]){ "on", "yes", "true",
                                                       NULL }; *v; v++) {
        g->enabled = false;
        set_ok(obj, "enabled", *v, "on");
        g_assert_true(g->enabled);
    }
    set_fails(obj, "enabled", "maybe", "property 'enabled' of object "
              "'test-widget': 'maybe' is not a boolean (use on or off)");

    set_ok(obj, "u8", "255", "255");
    set_ok(obj, "u8", "0x10", "16");
    set_ok(obj, "u8", "010", "10");
    set_fails(obj, "u8", "256", "property 'u8' of object 'test-widget': "
              "value 256 out of range 0-255");
    set_fails(obj, "u8", "-1", "property 'u8' of object 'test-widget': "
              "value -1 out of range 0-255");
    set_fails(obj, "u8", "12abc", "property 'u8' of object 'test-widget': "
              "'12abc' is not a number");
    set_fails(obj, "u8", "", "property 'u8' of object 'test-widget': "
              "'' is not a number");
    g_assert_cmpuint(g->u8, ==, 10);   /* failed sets change nothing */

    set_ok(obj, "u16", "65535", "65535");
    set_fails(obj, "u16", "65536", "property 'u16' of object 'test-widget': "
              "value 65536 out of range 0-65535");
    set_ok(obj, "baudrate", "4294967295", "4294967295");
    set_fails(obj, "baudrate", "0x100000000", "property 'baudrate' of object "
              "'test-widget': value 0x100000000 out of range 0-4294967295");
    set_ok(obj, "u64", "0xffffffffffffffff", "18446744073709551615");
    set_fails(obj, "u64", "18446744073709551616", "property 'u64' of object "
              "'test-widget': value 18446744073709551616 out of range "
              "0-18446744073709551615");

    set_ok(obj, "offset", "-9223372036854775808", "-9223372036854775808");
    set_ok(obj, "offset", "9223372036854775807", "9223372036854775807");
    set_ok(obj, "offset", "-0x10", "-16");
    set_fails(obj, "offset", "9223372036854775808", "property 'offset' of "
              "object 'test-widget': value 9223372036854775808 out of range "
              "-9223372036854775808 to 9223372036854775807");
    g_assert_cmpint(g->offset, ==, -16);

    set_ok(obj, "level", "10", "10");
    set_ok(obj, "level", "1", "1");
    set_fails(obj, "level", "0", "property 'level' of object 'test-widget': "
              "value 0 out of range 1-10");
    set_fails(obj, "level", "11", "property 'level' of object 'test-widget': "
              "value 11 out of range 1-10");
    set_ok(obj, "temp", "-40", "-40");
    set_fails(obj, "temp", "-41", "property 'temp' of object 'test-widget': "
              "value -41 out of range -40 to 85");
    set_fails(obj, "temp", "86", "property 'temp' of object 'test-widget': "
              "value 86 out of range -40 to 85");

    set_ok(obj, "size", "4k", "4096");
    set_ok(obj, "size", "1.5G", "1610612736");
    set_ok(obj, "size", "0x1000", "4096");
    set_fails(obj, "size", "-1", "property 'size' of object 'test-widget': "
              "size '-1' is negative");

    set_ok(obj, "label", "hello, world", "hello, world");
    g_assert_cmpstr(g->label, ==, "hello, world");
    set_ok(obj, "label", "", "");
    set_ok(obj, "name", "other", "other");

    set_ok(obj, "color", "0x00ff00", "65280");

    set_fails(obj, "nope", "1", "object 'test-widget' has no property 'nope'");
    {
        GError *err = NULL;
        g_assert_null(object_property_get_str(obj, "nope", &err));
        g_assert_cmpstr(err->message, ==,
                        "object 'test-widget' has no property 'nope'");
        g_error_free(err);
    }
    object_unref(obj);
}

static void test_prop_lookup_and_list(void)
{
    Object *obj = object_new(TYPE_WIDGET);
    g_autoptr(GPtrArray) props = object_class_list_props(obj->klass);
    const Property *p;

    /* Parents first, in declaration order. */
    g_assert_cmpuint(props->len, ==, 12);
    p = g_ptr_array_index(props, 0);
    g_assert_cmpstr(p->name, ==, "enabled");
    p = g_ptr_array_index(props, 11);
    g_assert_cmpstr(p->name, ==, "color");
    p = object_find_property(obj, "baudrate");
    g_assert_nonnull(p);
    g_assert(p->info == &prop_info_uint32);
    g_assert_null(object_find_property(obj, "nope"));
    object_unref(obj);
}

static void test_props_from_opts(void)
{
    Object *obj = object_new(TYPE_WIDGET);
    Gadget *g = (Gadget *)obj;
    GError *err = NULL;
    static const char *const skip[] = { "driver", "id", NULL };

    g_assert_true(object_set_props_from_opts(
        obj, "driver=x,u8=3,label=a,,b,enabled=off,id=foo", skip, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(g->u8, ==, 3);
    g_assert_cmpstr(g->label, ==, "a,b");
    g_assert_false(g->enabled);

    /* "u16" alone means u16=on, which is not a number. */
    g_assert_false(object_set_props_from_opts(obj, "u16", NULL, &err));
    g_assert_cmpstr(err->message, ==, "property 'u16' of object 'test-widget': "
                    "'on' is not a number");
    g_clear_error(&err);
    g_assert_false(object_set_props_from_opts(obj, "u8=1,u8=2", NULL, &err));
    g_assert_cmpstr(err->message, ==, "parameter 'u8' given twice");
    g_clear_error(&err);
    g_assert_false(object_set_props_from_opts(obj, "driver=x", NULL, &err));
    g_assert_cmpstr(err->message, ==,
                    "object 'test-widget' has no property 'driver'");
    g_clear_error(&err);
    object_unref(obj);
}

static void test_print_props(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    object_class_print_props(object_class_by_name(TYPE_WIDGET), f);
    fclose(f);
    g_assert_true(g_str_has_prefix(buf, "  enabled=<bool> (default: on)\n"));
    g_assert_nonnull(strstr(buf, "\n  baudrate=<uint32> (default: 115200) - "
                                 "line speed\n"));
    g_assert_nonnull(strstr(buf, "\n  offset=<int64> (default: -5)\n"));
    g_assert_nonnull(strstr(buf, "\n  size=<size> (default: 65536)\n"));
    g_assert_nonnull(strstr(buf, "\n  label=<string>\n"));
    g_assert_nonnull(strstr(buf, "\n  name=<string> (default: \"gizmo\")\n"));
    g_assert_nonnull(strstr(buf, "\n  color=<uint32> (default: 16711680)\n"));
    /* Inherited ones first. */
    g_assert(strstr(buf, "enabled=") < strstr(buf, "color="));
    free(buf);

    f = open_memstream(&buf, &len);
    object_class_print_props(object_class_by_name(TYPE_CAT), f);
    fclose(f);
    g_assert_cmpstr(buf, ==, "  (no options)\n");
    free(buf);
}

static void test_string_released(void)
{
    /* Strings set through properties are freed at finalize; run under
     * valgrind/ASan this test catches leaks, here it checks the field is
     * cleared by release. */
    Gadget holder;

    object_initialize(&holder, sizeof(holder), TYPE_GADGET);
    g_assert_true(object_property_set_str(OBJECT(&holder), "label", "x", NULL));
    object_unref(OBJECT(&holder));
    g_assert_null(holder.label);
    g_assert_null(holder.name);
}

int main(int argc, char **argv)
{
    trace = g_string_new(NULL);
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qom/object/class-init-order", test_class_init_order);
    g_test_add_func("/qom/object/casts", test_casts);
    g_test_add_func("/qom/object/bad-cast-aborts", test_bad_cast_aborts);
    g_test_add_func("/qom/object/abstract-new-aborts", test_abstract_new_aborts);
    g_test_add_func("/qom/object/class-list-sorted", test_class_list_sorted);
    g_test_add_func("/qom/object/instance-order", test_instance_order);
    g_test_add_func("/qom/object/embedded", test_embedded);
    g_test_add_func("/qom/object/refcount-and-tree", test_refcount_and_tree);
    g_test_add_func("/qom/object/paths", test_paths);
    g_test_add_func("/qom/object/duplicate-child-aborts",
                    test_duplicate_child_aborts);
    g_test_add_func("/qom/prop/defaults", test_prop_defaults);
    g_test_add_func("/qom/prop/kinds", test_prop_kinds);
    g_test_add_func("/qom/prop/lookup-and-list", test_prop_lookup_and_list);
    g_test_add_func("/qom/prop/from-opts", test_props_from_opts);
    g_test_add_func("/qom/prop/print", test_print_props);
    g_test_add_func("/qom/prop/string-released", test_string_released);
    return g_test_run();
}
