/*
 * main-loop.h — the single event loop Turtle runs on.
 *
 * Everything happens on the main thread: glib sources (sockets, the
 * terminal, the monitor) are dispatched from g_main_context_default(), the
 * timers of util/timer.h fire from main_loop_wait(), and the vCPUs run in
 * time slices between two waits (softmmu/cpus.c). This keeps runs
 * deterministic and device code lock-free. A thread-per-vCPU mode would add
 * a global lock taken around device access; nothing here prevents it.
 */
#ifndef TURTLE_UTIL_MAIN_LOOP_H
#define TURTLE_UTIL_MAIN_LOOP_H

#include "util/osdep.h"

/* Dispatches ready glib sources and expired timers. If nonblocking is false,
 * first sleeps until an event or the next timer deadline (capped at
 * max_wait_ns when >= 0). */
void main_loop_wait(bool nonblocking, int64_t max_wait_ns);
/* Makes a blocking main_loop_wait return early (safe from signal handlers
 * and other threads). */
void main_loop_notify(void);

/* Bottom halves: callbacks run once by the next main_loop_wait. */
typedef struct BottomHalf BottomHalf;
BottomHalf *bh_new(void (*cb)(void *opaque), void *opaque);
void bh_schedule(BottomHalf *bh);
void bh_delete(BottomHalf *bh);

#endif
