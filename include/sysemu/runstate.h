/*
 * runstate.h — is the VM running, paused, shutting down; requests to
 * stop, continue, reset and power off, and who hears about them.
 *
 * Requests (from a device, a PSCI call, the monitor, a signal) only set a
 * flag; the main loop acts on them between two vCPU time slices, so a
 * request made from inside a guest instruction is safe.
 */
#ifndef TURTLE_SYSEMU_RUNSTATE_H
#define TURTLE_SYSEMU_RUNSTATE_H

#include "util/osdep.h"

typedef enum RunState {
    RUN_STATE_PRELAUNCH,        /* before the first start (-S) */
    RUN_STATE_RUNNING,
    RUN_STATE_PAUSED,           /* stopped by the monitor or gdb */
    RUN_STATE_DEBUG,            /* stopped at a breakpoint */
    RUN_STATE_SHUTDOWN,         /* guest powered off, -no-shutdown */
    RUN_STATE_GUEST_PANICKED,
    RUN_STATE_INTERNAL_ERROR,
} RunState;

typedef enum ShutdownCause {
    SHUTDOWN_CAUSE_NONE,
    SHUTDOWN_CAUSE_HOST_QMP,        /* "quit" on QMP */
    SHUTDOWN_CAUSE_HOST_UI,         /* "quit" on HMP, Ctrl-A x */
    SHUTDOWN_CAUSE_HOST_SIGNAL,     /* SIGINT/SIGTERM */
    SHUTDOWN_CAUSE_GUEST_SHUTDOWN,  /* guest powered off (PSCI SYSTEM_OFF) */
    SHUTDOWN_CAUSE_GUEST_RESET,     /* guest asked for a reset */
    SHUTDOWN_CAUSE_GUEST_PANIC,
} ShutdownCause;

RunState runstate_get(void);
const char *runstate_name(RunState s);
bool runstate_is_running(void);

/* Stop/continue now (called from the main loop: monitor, gdbstub). Each emits
 * the STOP/RESUME event. */
void vm_stop(RunState state);
void vm_start(void);

void system_reset_request(ShutdownCause cause);
void system_shutdown_request(ShutdownCause cause);
/* Exit status the process ends with (0 for a guest power-off). */
void system_set_exit_status(int status);
int system_get_exit_status(void);
/* -no-reboot: a guest reset request ends the process instead. */
extern bool system_no_reboot;
/* -no-shutdown: a guest power-off pauses instead of ending. */
extern bool system_no_shutdown;

/* True if a reset or shutdown request waits to be processed. */
bool runstate_request_pending(void);
/* Acts on pending requests; returns true when the main loop must end. */
bool runstate_process_requests(void);
/* Resets the whole machine now (devices and CPUs). */
void system_reset(ShutdownCause cause);

/* Events for the monitor (QMP) and others. data is a JSON object text or
 * NULL ("{\"reason\": \"host-qmp-quit\"}"). */
typedef void RunstateEventHandler(const char *event, const char *data_json,
                                  void *opaque);
void runstate_add_event_handler(RunstateEventHandler *fn, void *opaque);
void runstate_emit_event(const char *event, const char *data_json);

/* Reset handlers for things outside the device tree (CPUs, loaders). */
void reset_handler_register(void (*fn)(void *opaque), void *opaque);

#endif
