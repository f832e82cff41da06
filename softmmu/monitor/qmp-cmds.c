/*
 * qmp-cmds.c — the built-in QMP commands: query-status, query-cpus-fast,
 * query-version, query-commands, stop, cont, system_reset,
 * system_powerdown, quit and human-monitor-command.
 *
 * Each handler checks its arguments (an unknown one is an error, as QMP
 * clients expect) and returns the "return" value as a JSON node.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "hw/core/cpu.h"
#include "sysemu/runstate.h"
#include "monitor-internal.h"
#include <unistd.h>

/* Fails unless every member of args is in the NULL-terminated list. */
static bool qmp_check_args(JsonObject *args, const char *const *allowed,
                           GError **errp)
{
    g_autoptr(GList) members = json_object_get_members(args);

    for (GList *l = members; l; l = l->next) {
        bool ok = false;

        for (const char *const *a = allowed; a && *a; a++) {
            if (!strcmp(*a, l->data)) {
                ok = true;
                break;
            }
        }
        if (!ok) {
            error_setg(errp, "Parameter '%s' is unexpected", (char *)l->data);
            return false;
        }
    }
    return true;
}

static bool qmp_no_args(JsonObject *args, GError **errp)
{
    return qmp_check_args(args, NULL, errp);
}

static JsonNode *qmp_object_node(JsonObject *obj)
{
    JsonNode *node = json_node_init_object(json_node_alloc(), obj);

    json_object_unref(obj);
    return node;
}

static JsonNode *qmp_cmd_query_status(JsonObject *args, GError **errp)
{
    JsonObject *ret;

    if (!qmp_no_args(args, errp)) {
        return NULL;
    }
    ret = json_object_new();
    json_object_set_boolean_member(ret, "running", runstate_is_running());
    json_object_set_boolean_member(ret, "singlestep", false);
    json_object_set_string_member(ret, "status", runstate_name(runstate_get()));
    return qmp_object_node(ret);
}

static JsonNode *qmp_cmd_query_cpus_fast(JsonObject *args, GError **errp)
{
    JsonArray *arr;
    JsonNode *node;
    CPUState *cpu;

    if (!qmp_no_args(args, errp)) {
        return NULL;
    }
    arr = json_array_new();
    CPU_FOREACH(cpu) {
        JsonObject *o = json_object_new();
        CPUClass *cc = CPU_GET_CLASS(cpu);
        g_autofree char *path = object_get_canonical_path(OBJECT(cpu));

        json_object_set_int_member(o, "cpu-index", cpu->cpu_index);
        if (path) {
            json_object_set_string_member(o, "qom-path", path);
        }
        /* Every vCPU runs on the main thread (util/main-loop.h). */
        json_object_set_int_member(o, "thread-id", getpid());
        json_object_set_string_member(o, "target",
                                      cc->arch_name ? cc->arch_name : "unknown");
        json_array_add_object_element(arr, o);
    }
    node = json_node_init_array(json_node_alloc(), arr);
    json_array_unref(arr);
    return node;
}

static JsonNode *qmp_cmd_query_version(JsonObject *args, GError **errp)
{
    JsonObject *ret, *num;
    int major = 0, minor = 0, micro = 0;
    g_autofree char *package = NULL;

    if (!qmp_no_args(args, errp)) {
        return NULL;
    }
    sscanf(TURTLE_VERSION, "%d.%d.%d", &major, &minor, &micro);
    package = g_strdup_printf("Turtle %s", TURTLE_VERSION);
    num = json_object_new();
    json_object_set_int_member(num, "micro", micro);
    json_object_set_int_member(num, "minor", minor);
    json_object_set_int_member(num, "major", major);
    ret = json_object_new();
    json_object_set_object_member(ret, "qemu", num);
    json_object_set_string_member(ret, "package", package);
    return qmp_object_node(ret);
}

static JsonNode *qmp_cmd_query_commands(JsonObject *args, GError **errp)
{
    g_autoptr(GPtrArray) names = NULL;
    JsonArray *arr;
    JsonNode *node;

    if (!qmp_no_args(args, errp)) {
        return NULL;
    }
    names = qmp_get_command_names();
    arr = json_array_new();
    for (guint i = 0; i < names->len; i++) {
        JsonObject *o = json_object_new();
        json_object_set_string_member(o, "name", g_ptr_array_index(names, i));
        json_array_add_object_element(arr, o);
    }
    node = json_node_init_array(json_node_alloc(), arr);
    json_array_unref(arr);
    return node;
}

static JsonNode *qmp_cmd_stop(JsonObject *args, GError **errp)
{
    if (qmp_no_args(args, errp)) {
        vm_stop(RUN_STATE_PAUSED);
    }
    return NULL;
}

static JsonNode *qmp_cmd_cont(JsonObject *args, GError **errp)
{
    if (qmp_no_args(args, errp)) {
        vm_start();
    }
    return NULL;
}

static JsonNode *qmp_cmd_system_reset(JsonObject *args, GError **errp)
{
    if (qmp_no_args(args, errp)) {
        system_reset_request(SHUTDOWN_CAUSE_HOST_QMP);
    }
    return NULL;
}

static JsonNode *qmp_cmd_system_powerdown(JsonObject *args, GError **errp)
{
    if (qmp_no_args(args, errp)) {
        /* A power button needs a machine-specific path to the guest (an
         * ACPI event, a GPIO key): no board provides one yet. */
        error_setg(errp, "system_powerdown is not supported by this machine");
    }
    return NULL;
}

static JsonNode *qmp_cmd_quit(JsonObject *args, GError **errp)
{
    /* Only a request: the reply goes out before the main loop acts on it. */
    if (qmp_no_args(args, errp)) {
        system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP);
    }
    return NULL;
}

static JsonNode *qmp_cmd_human_monitor_command(JsonObject *args, GError **errp)
{
    static const char *const allowed[] = { "command-line", "cpu-index", NULL };
    JsonNode *line = json_object_get_member(args, "command-line");
    JsonNode *cpu_node = json_object_get_member(args, "cpu-index");
    g_autofree char *text = NULL;
    int saved_cpu = monitor_get_cpu_index(NULL);
    JsonNode *ret;

    if (!qmp_check_args(args, allowed, errp)) {
        return NULL;
    }
    if (!line || !JSON_NODE_HOLDS_VALUE(line) ||
        json_node_get_value_type(line) != G_TYPE_STRING) {
        error_setg(errp, "Parameter 'command-line' is missing or not a string");
        return NULL;
    }
    if (cpu_node) {
        gint64 idx;

        if (!JSON_NODE_HOLDS_VALUE(cpu_node) ||
            json_node_get_value_type(cpu_node) != G_TYPE_INT64) {
            error_setg(errp, "Parameter 'cpu-index' must be an integer");
            return NULL;
        }
        idx = json_node_get_int(cpu_node);
        if (idx < 0 || idx > INT_MAX || !cpu_by_index((int)idx)) {
            error_setg(errp, "Parameter 'cpu-index': no CPU %" G_GINT64_FORMAT,
                       idx);
            return NULL;
        }
        monitor_set_cpu_index(NULL, (int)idx);
    }
    text = hmp_run_command(json_node_get_string(line));
    if (cpu_node) {
        monitor_set_cpu_index(NULL, saved_cpu);
    }
    ret = json_node_alloc();
    json_node_init_string(ret, text);
    return ret;
}

void qmp_cmds_register_builtins(void)
{
    qmp_register_command("cont", qmp_cmd_cont);
    qmp_register_command("human-monitor-command",
                         qmp_cmd_human_monitor_command);
    qmp_register_command("query-commands", qmp_cmd_query_commands);
    qmp_register_command("query-cpus-fast", qmp_cmd_query_cpus_fast);
    qmp_register_command("query-status", qmp_cmd_query_status);
    qmp_register_command("query-version", qmp_cmd_query_version);
    qmp_register_command("quit", qmp_cmd_quit);
    qmp_register_command("stop", qmp_cmd_stop);
    qmp_register_command("system_powerdown", qmp_cmd_system_powerdown);
    qmp_register_command("system_reset", qmp_cmd_system_reset);
}
