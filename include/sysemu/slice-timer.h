/*
 * slice-timer.h — ends vCPU time slices by host time.
 *
 * Without -icount, generated code does not count instructions: a block
 * entry only tests cpu->exit_request. A slice therefore ends when someone
 * sets that flag: the guest itself (an interrupt, WFI, a monitor command)
 * or this timer. A helper thread sleeps until the armed deadline and then
 * sets exit_request of the CPU whose slice is still armed; a slice that
 * ended earlier (disarmed) is left alone.
 *
 * The main loop arms it before each vCPU slice with the earlier of "now +
 * SLICE_TIMER_QUANTUM_NS" and the next timer deadline, so device timers and
 * I/O are serviced on time, and disarms it after.
 */
#ifndef TURTLE_SYSEMU_SLICE_TIMER_H
#define TURTLE_SYSEMU_SLICE_TIMER_H

#include "hw/core/cpu.h"

/* Longest host time one vCPU runs before the main loop gets a turn. */
#define SLICE_TIMER_QUANTUM_NS (1000 * 1000)

/* Starts the helper thread on first use; arms a kick of cpu at the
 * CLOCK_RT time deadline_ns. */
void slice_timer_arm(CPUState *cpu, int64_t deadline_ns);
/* The slice ended: the pending kick, if any, is cancelled. */
void slice_timer_disarm(void);
/* Kicks delivered so far (statistics and tests). */
uint64_t slice_timer_kicks(void);

#endif
