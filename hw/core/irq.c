/*
 * irq.c — single-bit signal lines between devices (see hw/irq.h).
 *
 * A line is just the receiver's handler with its opaque pointer and input
 * number; irq_set() is a direct call, so wiring costs nothing at run time.
 */
#include "util/osdep.h"
#include "hw/irq.h"

struct IRQLine {
    IRQHandler handler;
    void *opaque;
    int n;
};

IRQLine *irq_line_new(IRQHandler handler, void *opaque, int n)
{
    IRQLine *line = g_new(IRQLine, 1);

    line->handler = handler;
    line->opaque = opaque;
    line->n = n;
    return line;
}

IRQLine **irq_lines_new(IRQHandler handler, void *opaque, int count)
{
    IRQLine **lines = g_new(IRQLine *, count);

    for (int i = 0; i < count; i++) {
        lines[i] = irq_line_new(handler, opaque, i);
    }
    return lines;
}

void irq_line_free(IRQLine *line)
{
    g_free(line);
}

void irq_set(IRQLine *line, int level)
{
    if (line && line->handler) {
        line->handler(line->opaque, line->n, level);
    }
}
