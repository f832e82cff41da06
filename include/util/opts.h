/*
 * opts.h — parsing of "key=value,key2=value2" option strings as used by
 * -device, -M, -chardev, -drive, -netdev, -icount...
 *
 * Rules (the ones command-line users know):
 *   - pairs are separated by ',', a literal ',' inside a value is written ",,";
 *   - a bare "flag" means "flag=on", "noflag" is NOT special (use flag=off);
 *   - if implied_key is given, a first element without '=' is the value of
 *     that key ("virtio-blk-device,drive=d0" -> driver=virtio-blk-device);
 *   - keys keep their order; a repeated key is an error.
 */
#ifndef TURTLE_UTIL_OPTS_H
#define TURTLE_UTIL_OPTS_H

#include "util/osdep.h"

typedef struct OptPair {
    char *key;
    char *value;
} OptPair;

typedef struct Opts {
    GArray *pairs;                      /* of OptPair, in order */
} Opts;

Opts *opts_parse(const char *str, const char *implied_key, GError **errp);
void opts_free(Opts *opts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Opts, opts_free)

/* The value of key, or NULL if absent. */
const char *opts_get(const Opts *opts, const char *key);
bool opts_has(const Opts *opts, const char *key);
/* Parses "on/off/yes/no/true/false"; absent key -> defval. */
bool opts_get_bool(const Opts *opts, const char *key, bool defval,
                   bool *out, GError **errp);
/* Parses a decimal/hex number with an optional k/M/G/T suffix. */
bool opts_get_size(const Opts *opts, const char *key, uint64_t defval,
                   uint64_t *out, GError **errp);
/* Fails naming the first key not in allowed (NULL-terminated). */
bool opts_check_keys(const Opts *opts, const char *const *allowed,
                     const char *what, GError **errp);
/* Rebuilds "k=v,..." without the keys in skip (NULL-terminated). */
char *opts_to_string(const Opts *opts, const char *const *skip);

/* Parses a size like "2G", "512M", "0x1000", "4096" (no suffix: bytes unless
 * default_suffix is 'M' as for -m). */
bool parse_size(const char *str, char default_suffix, uint64_t *out,
                GError **errp);
bool parse_bool(const char *str, bool *out, GError **errp);

#endif
