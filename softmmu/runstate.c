/*
 * runstate.c — the VM's run state and the requests that change it
 * (see sysemu/runstate.h).
 *
 * Requests only set flags; runstate_process_requests(), called by the main
 * loop between vCPU time slices, acts on them. That is what makes a power-off
 * request from the middle of a guest instruction (PSCI) or from a signal
 * handler safe.
 */
#include "util/osdep.h"
#include "util/timer.h"
#include "util/main-loop.h"
#include "hw/qdev.h"
#include "hw/core/cpu.h"
#include "sysemu/runstate.h"

bool system_no_reboot;
bool system_no_shutdown;

static RunState current_state = RUN_STATE_PRELAUNCH;
static volatile ShutdownCause reset_requested;
static volatile ShutdownCause shutdown_requested;
static int exit_status;

typedef struct EventHandler {
    RunstateEventHandler *fn;
    void *opaque;
} EventHandler;
static GArray *event_handlers;

typedef struct ResetHandler {
    void (*fn)(void *opaque);
    void *opaque;
} ResetHandler;
static GArray *reset_handlers;

static const char *const runstate_names[] = {
    [RUN_STATE_PRELAUNCH] = "prelaunch",
    [RUN_STATE_RUNNING] = "running",
    [RUN_STATE_PAUSED] = "paused",
    [RUN_STATE_DEBUG] = "debug",
    [RUN_STATE_SHUTDOWN] = "shutdown",
    [RUN_STATE_GUEST_PANICKED] = "guest-panicked",
    [RUN_STATE_INTERNAL_ERROR] = "internal-error",
};

/* The "reason" strings of the SHUTDOWN and RESET events. */
static const char *const shutdown_cause_names[] = {
    [SHUTDOWN_CAUSE_NONE] = "none",
    [SHUTDOWN_CAUSE_HOST_QMP] = "host-qmp-quit",
    [SHUTDOWN_CAUSE_HOST_UI] = "host-ui",
    [SHUTDOWN_CAUSE_HOST_SIGNAL] = "host-signal",
    [SHUTDOWN_CAUSE_GUEST_SHUTDOWN] = "guest-shutdown",
    [SHUTDOWN_CAUSE_GUEST_RESET] = "guest-reset",
    [SHUTDOWN_CAUSE_GUEST_PANIC] = "guest-panic",
};

RunState runstate_get(void)
{
    return current_state;
}

const char *runstate_name(RunState s)
{
    return runstate_names[s];
}

bool runstate_is_running(void)
{
    return current_state == RUN_STATE_RUNNING;
}

void runstate_add_event_handler(RunstateEventHandler *fn, void *opaque)
{
    EventHandler h = { fn, opaque };

    if (!event_handlers) {
        event_handlers = g_array_new(false, false, sizeof(EventHandler));
    }
    g_array_append_val(event_handlers, h);
}

void runstate_emit_event(const char *event, const char *data_json)
{
    if (!event_handlers) {
        return;
    }
    for (guint i = 0; i < event_handlers->len; i++) {
        EventHandler *h = &g_array_index(event_handlers, EventHandler, i);
        h->fn(event, data_json, h->opaque);
    }
}

static void cpus_kick_all(void)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        cpu_exit(cpu);
    }
}

void vm_stop(RunState state)
{
    if (current_state != RUN_STATE_RUNNING) {
        current_state = state;
        return;
    }
    current_state = state;
    clock_virtual_pause();
    cpus_kick_all();
    runstate_emit_event("STOP", NULL);
}

void vm_start(void)
{
    if (current_state == RUN_STATE_RUNNING) {
        return;
    }
    current_state = RUN_STATE_RUNNING;
    clock_virtual_resume();
    runstate_emit_event("RESUME", NULL);
    main_loop_notify();
}

void system_reset_request(ShutdownCause cause)
{
    if (system_no_reboot && cause == SHUTDOWN_CAUSE_GUEST_RESET) {
        shutdown_requested = cause;
    } else {
        reset_requested = cause;
    }
    cpus_kick_all();
    main_loop_notify();
}

void system_shutdown_request(ShutdownCause cause)
{
    shutdown_requested = cause;
    cpus_kick_all();
    main_loop_notify();
}

void system_set_exit_status(int status)
{
    exit_status = status;
}

int system_get_exit_status(void)
{
    return exit_status;
}

void reset_handler_register(void (*fn)(void *opaque), void *opaque)
{
    ResetHandler h = { fn, opaque };

    if (!reset_handlers) {
        reset_handlers = g_array_new(false, false, sizeof(ResetHandler));
    }
    g_array_append_val(reset_handlers, h);
}

void system_reset(ShutdownCause cause)
{
    device_reset_tree(object_get_root());
    if (reset_handlers) {
        for (guint i = 0; i < reset_handlers->len; i++) {
            ResetHandler *h = &g_array_index(reset_handlers, ResetHandler, i);
            h->fn(h->opaque);
        }
    }
    if (cause != SHUTDOWN_CAUSE_NONE) {
        g_autofree char *data = g_strdup_printf(
            "{\"guest\": %s, \"reason\": \"%s\"}",
            cause >= SHUTDOWN_CAUSE_GUEST_SHUTDOWN ? "true" : "false",
            shutdown_cause_names[cause]);
        runstate_emit_event("RESET", data);
    }
}

bool runstate_request_pending(void)
{
    return shutdown_requested != SHUTDOWN_CAUSE_NONE ||
           reset_requested != SHUTDOWN_CAUSE_NONE;
}

bool runstate_process_requests(void)
{
    if (shutdown_requested != SHUTDOWN_CAUSE_NONE) {
        ShutdownCause cause = shutdown_requested;
        g_autofree char *data = g_strdup_printf(
            "{\"guest\": %s, \"reason\": \"%s\"}",
            cause >= SHUTDOWN_CAUSE_GUEST_SHUTDOWN ? "true" : "false",
            shutdown_cause_names[cause]);

        shutdown_requested = SHUTDOWN_CAUSE_NONE;
        runstate_emit_event("SHUTDOWN", data);
        if (system_no_shutdown && cause == SHUTDOWN_CAUSE_GUEST_SHUTDOWN) {
            vm_stop(RUN_STATE_SHUTDOWN);
            return false;
        }
        return true;
    }
    if (reset_requested != SHUTDOWN_CAUSE_NONE) {
        ShutdownCause cause = reset_requested;

        reset_requested = SHUTDOWN_CAUSE_NONE;
        system_reset(cause);
    }
    return false;
}
