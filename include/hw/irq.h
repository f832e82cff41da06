/*
 * irq.h — interrupt (and other single-bit signal) lines between devices.
 *
 * A line is owned by its receiver, which supplies the handler; senders keep a
 * pointer and call irq_set(). A NULL line is valid and ignores everything, so
 * an unconnected output needs no special case.
 */
#ifndef TURTLE_HW_IRQ_H
#define TURTLE_HW_IRQ_H

#include "util/osdep.h"

typedef struct IRQLine IRQLine;
typedef void (*IRQHandler)(void *opaque, int n, int level);

IRQLine *irq_line_new(IRQHandler handler, void *opaque, int n);
/* count lines numbered 0..count-1 with the same handler. The array is the
 * caller's: free each line with irq_line_free, then the array with g_free. */
IRQLine **irq_lines_new(IRQHandler handler, void *opaque, int count);
void irq_line_free(IRQLine *line);

void irq_set(IRQLine *line, int level);
static inline void irq_raise(IRQLine *line) { irq_set(line, 1); }
static inline void irq_lower(IRQLine *line) { irq_set(line, 0); }
static inline void irq_pulse(IRQLine *line)
{
    irq_set(line, 1);
    irq_set(line, 0);
}

#endif
