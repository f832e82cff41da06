/*
 * test-qdev.c — unit tests of devices: realize/reset hook chaining, the
 * reset tree walk, GPIO lines, creation from "-device" text with each of its
 * errors, "info qtree" printing, and machine lookup and listing.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "hw/qdev.h"
#include "hw/boards.h"

static GString *trace;

static void trace_add(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static void trace_add(const char *fmt, ...)
{
    va_list ap;

    if (trace->len) {
        g_string_append_c(trace, ' ');
    }
    va_start(ap, fmt);
    g_string_append_vprintf(trace, fmt, ap);
    va_end(ap);
}

static const char *dev_label(DeviceState *dev)
{
    return dev->id ? dev->id : object_get_typename(OBJECT(dev));
}

/* ---- Test devices ------------------------------------------------------- */

#define TYPE_TEST_BASE "test-base-dev"
#define TYPE_TEST_UART "test-uart"
#define TYPE_TEST_BUILTIN "test-builtin"
#define TYPE_TEST_INTC "test-intc"

typedef struct TestBase {
    DeviceState parent_obj;
    uint32_t freq;
} TestBase;

typedef struct TestUart {
    TestBase parent_obj;
    uint8_t baudrate;
    bool fail;
    char *label;
    int resets;
} TestUart;

static void base_realize(DeviceState *dev, GError **errp)
{
    trace_add("base-realize(%s)", dev_label(dev));
}

static void base_unrealize(DeviceState *dev)
{
    trace_add("base-unrealize(%s)", dev_label(dev));
}

static void base_reset(DeviceState *dev)
{
    trace_add("base-reset(%s)", dev_label(dev));
}

static const Property base_props[] = {
    PROP_UINT32("freq", TestBase, freq, 24000000),
    PROP_END
};

static void base_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->realize = base_realize;
    dc->unrealize = base_unrealize;
    dc->reset = base_reset;
    object_class_add_props(oc, base_props);
}

static void uart_realize(DeviceState *dev, GError **errp)
{
    TestUart *u = (TestUart *)dev;

    trace_add("uart-realize(%s)", dev_label(dev));
    if (u->fail) {
        error_setg(errp, "uart refuses to start");
    }
}

static void uart_unrealize(DeviceState *dev)
{
    trace_add("uart-unrealize(%s)", dev_label(dev));
}

static void uart_reset(DeviceState *dev)
{
    ((TestUart *)dev)->resets++;
    trace_add("uart-reset(%s)", dev_label(dev));
}

static void uart_print_info(DeviceState *dev, GString *out, int indent)
{
    g_string_append_printf(out, "%*sresets %d\n", indent, "",
                           ((TestUart *)dev)->resets);
}

static const Property uart_props[] = {
    PROP_UINT8("baudrate", TestUart, baudrate, 96),
    PROP_BOOL("fail", TestUart, fail, false),
    PROP_STRING("label", TestUart, label),
    PROP_END
};

static void uart_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->realize = uart_realize;
    dc->unrealize = uart_unrealize;
    dc->reset = uart_reset;
    dc->print_info = uart_print_info;
    dc->user_creatable = true;
    dc->desc = "a test serial port";
    object_class_add_props(oc, uart_props);
}

static const TypeInfo test_base_info = {
    .name = TYPE_TEST_BASE, .parent = TYPE_DEVICE, .abstract = true,
    .instance_size = sizeof(TestBase), .class_init = base_class_init,
};
static const TypeInfo test_uart_info = {
    .name = TYPE_TEST_UART, .parent = TYPE_TEST_BASE,
    .instance_size = sizeof(TestUart), .class_init = uart_class_init,
};
/* Inherits every hook and sets none: each must still run once. */
static const TypeInfo test_builtin_info = {
    .name = TYPE_TEST_BUILTIN, .parent = TYPE_TEST_BASE,
};
TYPE_REGISTER(test_base_info)
TYPE_REGISTER(test_uart_info)
TYPE_REGISTER(test_builtin_info)

/* An interrupt controller with 4 inputs and 2 outputs. */
typedef struct TestIntc {
    DeviceState parent_obj;
    IRQLine *out[2];
    int levels[4];
    int events;
    DeviceState *last_opaque;
} TestIntc;

static void intc_set_irq(void *opaque, int n, int level)
{
    TestIntc *s = opaque;

    s->last_opaque = opaque;
    s->levels[n] = level;
    s->events++;
}

static void intc_init(Object *obj)
{
    TestIntc *s = (TestIntc *)obj;

    device_init_gpio_in(DEVICE(obj), intc_set_irq, 3);
    device_init_gpio_in(DEVICE(obj), intc_set_irq, 1);  /* appends input 3 */
    device_init_gpio_out(DEVICE(obj), s->out, 2);
}

static const TypeInfo test_intc_info = {
    .name = TYPE_TEST_INTC, .parent = TYPE_DEVICE,
    .instance_size = sizeof(TestIntc), .instance_init = intc_init,
};
TYPE_REGISTER(test_intc_info)

/* ---- Tests -------------------------------------------------------------- */

static void test_hook_chaining(void)
{
    DeviceState *uart = device_new(TYPE_TEST_UART);
    DeviceState *builtin = device_new(TYPE_TEST_BUILTIN);
    GError *err = NULL;

    g_string_truncate(trace, 0);
    g_assert_true(device_realize(uart, &err));
    g_assert_no_error(err);
    g_assert_true(uart->realized);
    /* Parents first, each once; realizing again does nothing. */
    g_assert_true(device_realize(uart, &err));
    device_reset(uart);
    g_assert_cmpstr(trace->str, ==, "base-realize(test-uart) "
                    "uart-realize(test-uart) base-reset(test-uart) "
                    "uart-reset(test-uart)");

    /* An inherited hook runs once, not once per class that inherits it. */
    g_string_truncate(trace, 0);
    g_assert_true(device_realize(builtin, &err));
    device_reset(builtin);
    g_assert_cmpstr(trace->str, ==, "base-realize(test-builtin) "
                    "base-reset(test-builtin)");

    /* Unrealize runs the other way round, at the last unref too. */
    g_string_truncate(trace, 0);
    object_unref(OBJECT(uart));
    object_unref(OBJECT(builtin));
    g_assert_cmpstr(trace->str, ==, "uart-unrealize(test-uart) "
                    "base-unrealize(test-uart) base-unrealize(test-builtin)");
}

static void test_realize_failure(void)
{
    DeviceState *uart = device_new(TYPE_TEST_UART);
    GError *err = NULL;

    g_assert_true(object_property_set_str(OBJECT(uart), "fail", "on", NULL));
    g_string_truncate(trace, 0);
    g_assert_false(device_realize(uart, &err));
    g_assert_cmpstr(err->message, ==, "uart refuses to start");
    g_clear_error(&err);
    g_assert_false(uart->realized);
    /* The layer that succeeded was undone. */
    g_assert_cmpstr(trace->str, ==, "base-realize(test-uart) "
                    "uart-realize(test-uart) base-unrealize(test-uart)");
    /* Without an errp the failure is still seen. */
    g_assert_false(device_realize(uart, NULL));
    g_assert_false(uart->realized);
    object_unref(OBJECT(uart));
}

static DeviceState *new_child(Object *parent, const char *type, const char *id,
                              bool realize)
{
    DeviceState *dev = device_new(type);

    device_set_id(dev, id);
    object_add_child(parent, id, OBJECT(dev));
    object_unref(OBJECT(dev));
    if (realize) {
        g_assert_true(device_realize(dev, NULL));
    }
    return dev;
}

static void test_reset_tree(void)
{
    Object *top = object_container_get(NULL, "/test-reset");
    Object *box = object_container_get(top, "box");
    DeviceState *a = new_child(top, TYPE_TEST_UART, "a", true);
    DeviceState *b = new_child(OBJECT(a), TYPE_TEST_BUILTIN, "b", true);
    DeviceState *d = new_child(OBJECT(b), TYPE_TEST_UART, "d", true);

    new_child(box, TYPE_TEST_UART, "c", true);
    new_child(top, TYPE_TEST_UART, "e", false);   /* never realized: skipped */
    (void)d;

    g_string_truncate(trace, 0);
    device_reset_tree(top);
    g_assert_cmpstr(trace->str, ==,
                    "base-reset(c) uart-reset(c) "
                    "base-reset(a) uart-reset(a) base-reset(b) "
                    "base-reset(d) uart-reset(d)");
    g_assert(device_find_by_id("d") == d);
    g_assert(device_find_by_id("e") != NULL);
    g_assert_null(device_find_by_id("zz"));

    /* Tear-down: children before parents, newest sibling first. */
    g_string_truncate(trace, 0);
    object_remove_child(object_get_root(), top);
    g_assert_cmpstr(trace->str, ==,
                    "uart-unrealize(d) base-unrealize(d) base-unrealize(b) "
                    "uart-unrealize(a) base-unrealize(a) "
                    "uart-unrealize(c) base-unrealize(c)");
    g_assert_null(device_find_by_id("d"));
}

static void record_level(void *opaque, int n, int level)
{
    ((int *)opaque)[n] = level;
}

static void test_gpio(void)
{
    DeviceState *intc = device_new(TYPE_TEST_INTC);
    DeviceState *src = device_new(TYPE_TEST_INTC);
    TestIntc *s = (TestIntc *)intc, *srcs = (TestIntc *)src;
    IRQLine **lines;
    int seen[3] = { 0 };

    g_assert_cmpuint(intc->gpio_in->len, ==, 4);
    g_assert_cmpuint(intc->gpio_out->len, ==, 2);

    /* src's output 1 drives intc's input 3. */
    device_connect_gpio_out(src, 1, device_get_gpio_in(intc, 3));
    g_assert(srcs->out[1] == device_get_gpio_in(intc, 3));
    irq_raise(srcs->out[1]);
    g_assert_cmpint(s->levels[3], ==, 1);
    g_assert(s->last_opaque == intc);
    irq_lower(srcs->out[1]);
    g_assert_cmpint(s->levels[3], ==, 0);
    g_assert_cmpint(s->events, ==, 2);
    irq_pulse(srcs->out[1]);
    g_assert_cmpint(s->events, ==, 4);
    g_assert_cmpint(s->levels[3], ==, 0);

    /* An unconnected output is a NULL line: setting it does nothing. */
    g_assert_null(srcs->out[0]);
    irq_raise(srcs->out[0]);
    g_assert_cmpint(s->events, ==, 4);
    irq_set(device_get_gpio_in(intc, 0), 5);
    g_assert_cmpint(s->levels[0], ==, 5);

    /* A bare array of lines numbered from 0. */
    lines = irq_lines_new(record_level, seen, 3);
    irq_raise(lines[2]);
    irq_set(lines[0], 7);
    g_assert_cmpint(seen[0], ==, 7);
    g_assert_cmpint(seen[1], ==, 0);
    g_assert_cmpint(seen[2], ==, 1);
    for (int i = 0; i < 3; i++) {
        irq_line_free(lines[i]);
    }
    g_free(lines);

    object_unref(OBJECT(intc));
    object_unref(OBJECT(src));
}

static void test_gpio_out_of_range_aborts(void)
{
    if (g_test_subprocess()) {
        device_get_gpio_in(device_new(TYPE_TEST_INTC), 4);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*'test-intc' has no GPIO input 4 (it has 4)*");
}

static void create_fails(const char *opts, const char *message)
{
    GError *err = NULL;

    g_assert_null(device_create_from_opts(opts, NULL, &err));
    g_assert_nonnull(err);
    g_assert_cmpstr(err->message, ==, message);
    g_error_free(err);
}

static void test_create_from_opts(void)
{
    GError *err = NULL;
    DeviceState *u0, *anon0, *anon1;
    g_autofree char *path = NULL;

    g_string_truncate(trace, 0);
    u0 = device_create_from_opts("test-uart,id=u0,baudrate=0x20,label=a,,b",
                                 NULL, &err);
    g_assert_no_error(err);
    g_assert_nonnull(u0);
    g_assert_true(u0->realized);
    g_assert_cmpstr(u0->id, ==, "u0");
    g_assert_cmpuint(((TestUart *)u0)->baudrate, ==, 32);
    g_assert_cmpstr(((TestUart *)u0)->label, ==, "a,b");
    g_assert(object_resolve_path("/machine/peripheral/u0") == OBJECT(u0));
    g_assert(device_find_by_id("u0") == u0);
    path = object_get_canonical_path(OBJECT(u0));
    g_assert_cmpstr(path, ==, "/machine/peripheral/u0");
    /* The tree holds the only reference. */
    g_assert_cmpint(OBJECT(u0)->refcount, ==, 1);
    g_assert_cmpstr(trace->str, ==, "base-realize(u0) uart-realize(u0)");

    anon0 = device_create_from_opts("driver=test-uart", NULL, &err);
    anon1 = device_create_from_opts("test-uart,freq=1000", NULL, &err);
    g_assert_no_error(err);
    g_assert(object_resolve_path("/machine/peripheral-anon/device[0]") ==
             OBJECT(anon0));
    g_assert(object_resolve_path("/machine/peripheral-anon/device[1]") ==
             OBJECT(anon1));
    g_assert_cmpuint(((TestBase *)anon1)->freq, ==, 1000);

    create_fails("foo", "'foo' is not a valid device model name");
    create_fails("foo,id=x", "'foo' is not a valid device model name");
    create_fails(TYPE_TEST_BASE, "'test-base-dev' is not a valid device model "
                 "name");
    create_fails("device", "'device' is not a valid device model name");
    create_fails("container", "'container' is not a valid device model name");
    create_fails(TYPE_TEST_BUILTIN, "'test-builtin' is not a valid device "
                 "model name (only boards create it)");
    create_fails("test-uart,bar=1", "device 'test-uart' has no property 'bar'");
    create_fails("test-uart,baudrate=300", "property 'baudrate' of device "
                 "'test-uart': value 300 out of range 0-255");
    create_fails("test-uart,fail=maybe", "property 'fail' of device "
                 "'test-uart': 'maybe' is not a boolean (use on or off)");
    create_fails("test-uart,id=u0", "a device with id 'u0' exists already");
    create_fails("test-uart,id=9lives", "invalid device id '9lives' (use "
                 "letters, digits, '-', '_' and '.', starting with a letter)");
    create_fails("test-uart,id=a,id=b", "parameter 'id' given twice");
    create_fails("", "-device needs a device model name first "
                 "(try -device help)");
    create_fails("id=x", "-device needs a device model name first "
                 "(try -device help)");

    /* A failed realize leaves nothing behind. */
    create_fails("test-uart,id=bad,fail=on", "uart refuses to start");
    g_assert_null(device_find_by_id("bad"));
    g_assert_null(object_resolve_path("/machine/peripheral/bad"));
    create_fails("test-uart,fail=on", "uart refuses to start");
    g_assert_null(object_resolve_path("/machine/peripheral-anon/device[2]"));

    /* Under an explicit parent. */
    {
        Object *bus = object_container_get(NULL, "/test-bus");
        DeviceState *d = device_create_from_opts("test-uart", bus, &err);
        DeviceState *e = device_create_from_opts("test-uart,id=e1", bus, &err);

        g_assert_no_error(err);
        g_assert(object_resolve_path("/test-bus/device[0]") == OBJECT(d));
        g_assert(object_resolve_path("/test-bus/e1") == OBJECT(e));
        object_remove_child(object_get_root(), bus);
    }
}

static void test_print_list(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    device_print_list(f);
    fclose(f);
    g_assert_true(g_str_has_prefix(buf, "Available devices:\n"));
    g_assert_nonnull(strstr(buf, "  test-uart                a test serial port\n"));
    g_assert_null(strstr(buf, "test-builtin"));
    g_assert_null(strstr(buf, "test-intc"));
    free(buf);
}

static void test_print_tree(void)
{
    Object *top = object_container_get(NULL, "/test-qtree");
    DeviceState *a = new_child(top, TYPE_TEST_UART, "a", true);
    DeviceState *b = new_child(OBJECT(a), TYPE_TEST_BUILTIN, "b", true);
    g_autoptr(GString) out = g_string_new(NULL);

    g_assert_true(object_property_set_str(OBJECT(a), "label", "con0", NULL));
    device_reset(a);
    g_free(b->id);
    b->id = NULL;
    device_print_tree(top, out);
    g_assert_cmpstr(out->str, ==,
                    "dev: test-uart, id \"a\"\n"
                    "  freq = 24000000\n"
                    "  baudrate = 96\n"
                    "  fail = off\n"
                    "  label = \"con0\"\n"
                    "  resets 1\n"
                    "  dev: test-builtin, id \"\"\n"
                    "    freq = 24000000\n");
    object_remove_child(object_get_root(), top);
}

/* ---- Machines ----------------------------------------------------------- */

static void board_init(MachineState *ms, GError **errp) { }

static void testboard_class_init(ObjectClass *oc, const void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);

    mc->desc = "Test board";
    mc->is_default = true;
    mc->default_ram_size = 256 * MiB;
    mc->init = board_init;
}

static void alpha_class_init(ObjectClass *oc, const void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);

    mc->name = "alpha";
    mc->desc = "First board";
}

static const TypeInfo testboard_info = {
    .name = "testboard" TYPE_MACHINE_SUFFIX, .parent = TYPE_MACHINE,
    .class_init = testboard_class_init,
};
static const TypeInfo alpha_info = {
    .name = "alpha-board-type", .parent = TYPE_MACHINE,
    .class_init = alpha_class_init,
};
static const TypeInfo zeta_info = {
    .name = "zeta" TYPE_MACHINE_SUFFIX, .parent = TYPE_MACHINE,
    .description = "Last board",
};
TYPE_REGISTER(testboard_info)
TYPE_REGISTER(alpha_info)
TYPE_REGISTER(zeta_info)

static void test_machine_list(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    machine_print_list(f);
    fclose(f);
    g_assert_cmpstr(buf, ==,
                    "Supported machines are:\n"
                    "alpha                First board\n"
                    "testboard            Test board (default)\n"
                    "zeta                 Last board\n");
    free(buf);
}

static void test_machine_find(void)
{
    MachineClass *mc = machine_find_class("testboard");

    g_assert_nonnull(mc);
    g_assert_cmpstr(object_class_get_name(OBJECT_CLASS(mc)), ==,
                    "testboard-machine");
    g_assert(mc->init == board_init);
    g_assert(machine_default_class() == mc);
    g_assert_nonnull(machine_find_class("alpha"));
    g_assert_nonnull(machine_find_class("zeta"));
    g_assert_null(machine_find_class("nope"));
    g_assert_null(machine_find_class(""));      /* "-machine": abstract */
    g_assert_null(machine_find_class("test-uart"));
}

static void test_machine_props(void)
{
    MachineState *ms = MACHINE(object_new("testboard-machine"));
    GError *err = NULL;

    g_assert_cmpuint(ms->ram_size, ==, 256 * MiB);
    g_assert_cmpuint(ms->smp_cpus, ==, 1);
    g_assert_nonnull(ms->drives);
    g_assert_true(object_set_props_from_opts(OBJECT(ms),
        "dumpdtb=out.dtb,kernel=Image,append=console=ttyAMA0 quiet", NULL,
        &err));
    g_assert_no_error(err);
    g_assert_cmpstr(ms->dumpdtb, ==, "out.dtb");
    g_assert_cmpstr(ms->kernel_filename, ==, "Image");
    g_assert_cmpstr(ms->kernel_cmdline, ==, "console=ttyAMA0 quiet");
    g_assert_false(object_set_props_from_opts(OBJECT(ms), "foo=1", NULL, &err));
    g_assert_cmpstr(err->message, ==, "machine 'testboard' has no property 'foo'");
    g_clear_error(&err);

    current_machine = ms;
    object_unref(OBJECT(ms));
    g_assert_null(current_machine);
}

int main(int argc, char **argv)
{
    trace = g_string_new(NULL);
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qom/qdev/hook-chaining", test_hook_chaining);
    g_test_add_func("/qom/qdev/realize-failure", test_realize_failure);
    g_test_add_func("/qom/qdev/reset-tree", test_reset_tree);
    g_test_add_func("/qom/qdev/gpio", test_gpio);
    g_test_add_func("/qom/qdev/gpio-out-of-range-aborts",
                    test_gpio_out_of_range_aborts);
    g_test_add_func("/qom/qdev/create-from-opts", test_create_from_opts);
    g_test_add_func("/qom/qdev/print-list", test_print_list);
    g_test_add_func("/qom/qdev/print-tree", test_print_tree);
    g_test_add_func("/qom/machine/list", test_machine_list);
    g_test_add_func("/qom/machine/find", test_machine_find);
    g_test_add_func("/qom/machine/props", test_machine_props);
    return g_test_run();
}
