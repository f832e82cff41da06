/*
 * char-null.c — the "null" backend: output is discarded, input never comes.
 * "-serial null" and "-serial none" use it.
 */
#include "char-internal.h"

static bool null_open(Chardev *chr, const Opts *opts, GError **errp)
{
    chr->connected = true;
    return true;
}

static int null_write(Chardev *chr, const uint8_t *buf, int len)
{
    return len;
}

static char *null_describe(Chardev *chr)
{
    return g_strdup("null");
}

static const char *const null_keys[] = { NULL };

const ChardevClass chardev_null_class = {
    .name = "null",
    .instance_size = sizeof(Chardev),
    .keys = null_keys,
    .open = null_open,
    .write = null_write,
    .describe = null_describe,
};
