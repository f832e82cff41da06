/*
 * opts.c — "key=value,key2=value2" option strings, booleans and sizes
 * (see util/opts.h for the rules).
 *
 * Every error is one sentence that names the offending text, because these
 * strings come straight from the command line or the monitor.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/opts.h"

/* Key names: what a user can type without quoting, and what every option of
 * every subsystem uses ("drive", "x-pmu", "cache.direct", "id"). */
static bool opts_is_valid_key(const char *key)
{
    if (!*key) {
        return false;
    }
    for (const char *p = key; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_' && *p != '.') {
            return false;
        }
    }
    return true;
}

static void opts_pair_clear(gpointer data)
{
    OptPair *pair = data;

    g_free(pair->key);
    g_free(pair->value);
}

/*
 * Reads one element starting at *pp up to an unescaped ',' or the end,
 * turning ",," into ','. The element is split at its first '=' (which is not
 * part of an escape): *key gets the part before it, *value the part after,
 * or *value stays NULL if there is no '='. *pp is left after the ','.
 */
static void opts_read_element(const char **pp, GString *key, GString **value)
{
    const char *p = *pp;
    GString *cur = key;

    *value = NULL;
    while (*p) {
        if (*p == ',') {
            if (p[1] == ',') {
                g_string_append_c(cur, ',');
                p += 2;
                continue;
            }
            p++;
            break;
        }
        if (*p == '=' && !*value) {
            *value = g_string_new(NULL);
            cur = *value;
            p++;
            continue;
        }
        g_string_append_c(cur, *p);
        p++;
    }
    *pp = p;
}

Opts *opts_parse(const char *str, const char *implied_key, GError **errp)
{
    g_autoptr(Opts) opts = g_new0(Opts, 1);
    const char *p = str ? str : "";
    bool first = true;

    opts->pairs = g_array_new(FALSE, TRUE, sizeof(OptPair));
    g_array_set_clear_func(opts->pairs, opts_pair_clear);

    if (*p == ',' && p[1] != ',') {
        error_setg(errp, "unexpected ',' at the start of '%s'", str);
        return NULL;
    }
    while (*p) {
        g_autoptr(GString) key = g_string_new(NULL);
        GString *value_str = NULL;
        g_autofree char *value = NULL;
        OptPair pair;

        opts_read_element(&p, key, &value_str);
        if (value_str) {
            value = g_string_free(value_str, FALSE);
        }

        if (!value) {
            if (first && implied_key) {
                /* "pl011,id=x": the first bare element is the implied key. */
                value = g_strdup(key->str);
                g_string_assign(key, implied_key);
            } else if (key->len == 0) {
                /* A trailing ',' ends the list: nothing to add. */
                first = false;
                continue;
            } else if (opts_is_valid_key(key->str)) {
                /* A bare flag: "server" means "server=on". */
                value = g_strdup("on");
            } else {
                error_setg(errp, "expected '=' after '%s'", key->str);
                return NULL;
            }
        } else if (key->len == 0) {
            error_setg(errp, "missing parameter name before '=%s'", value);
            return NULL;
        } else if (!opts_is_valid_key(key->str)) {
            error_setg(errp, "invalid parameter name '%s'", key->str);
            return NULL;
        }
        first = false;

        if (opts_has(opts, key->str)) {
            error_setg(errp, "parameter '%s' given twice", key->str);
            return NULL;
        }
        pair.key = g_strdup(key->str);
        pair.value = g_steal_pointer(&value);
        g_array_append_val(opts->pairs, pair);
    }
    return g_steal_pointer(&opts);
}

void opts_free(Opts *opts)
{
    if (!opts) {
        return;
    }
    g_array_free(opts->pairs, TRUE);
    g_free(opts);
}

const char *opts_get(const Opts *opts, const char *key)
{
    for (guint i = 0; i < opts->pairs->len; i++) {
        OptPair *pair = &g_array_index(opts->pairs, OptPair, i);
        if (strcmp(pair->key, key) == 0) {
            return pair->value;
        }
    }
    return NULL;
}

bool opts_has(const Opts *opts, const char *key)
{
    return opts_get(opts, key) != NULL;
}

bool opts_get_bool(const Opts *opts, const char *key, bool defval,
                   bool *out, GError **errp)
{
    const char *value = opts_get(opts, key);

    if (!value) {
        *out = defval;
        return true;
    }
    if (!parse_bool(value, out, errp)) {
        error_prepend(errp, "parameter '%s': ", key);
        return false;
    }
    return true;
}

bool opts_get_size(const Opts *opts, const char *key, uint64_t defval,
                   uint64_t *out, GError **errp)
{
    const char *value = opts_get(opts, key);

    if (!value) {
        *out = defval;
        return true;
    }
    if (!parse_size(value, 0, out, errp)) {
        error_prepend(errp, "parameter '%s': ", key);
        return false;
    }
    return true;
}

bool opts_check_keys(const Opts *opts, const char *const *allowed,
                     const char *what, GError **errp)
{
    for (guint i = 0; i < opts->pairs->len; i++) {
        OptPair *pair = &g_array_index(opts->pairs, OptPair, i);
        bool found = false;

        for (const char *const *a = allowed; a && *a; a++) {
            if (strcmp(*a, pair->key) == 0) {
                found = true;
                break;
            }
        }
        if (!found) {
            if (what) {
                error_setg(errp, "invalid parameter '%s' for %s", pair->key,
                           what);
            } else {
                error_setg(errp, "invalid parameter '%s'", pair->key);
            }
            return false;
        }
    }
    return true;
}

static bool opts_in_list(const char *key, const char *const *list)
{
    for (const char *const *k = list; k && *k; k++) {
        if (strcmp(*k, key) == 0) {
            return true;
        }
    }
    return false;
}

static void opts_append_escaped(GString *out, const char *s)
{
    for (; *s; s++) {
        if (*s == ',') {
            g_string_append_c(out, ',');
        }
        g_string_append_c(out, *s);
    }
}

char *opts_to_string(const Opts *opts, const char *const *skip)
{
    GString *out = g_string_new(NULL);

    for (guint i = 0; i < opts->pairs->len; i++) {
        OptPair *pair = &g_array_index(opts->pairs, OptPair, i);

        if (opts_in_list(pair->key, skip)) {
            continue;
        }
        if (out->len) {
            g_string_append_c(out, ',');
        }
        opts_append_escaped(out, pair->key);
        g_string_append_c(out, '=');
        opts_append_escaped(out, pair->value);
    }
    return g_string_free(out, FALSE);
}

bool parse_bool(const char *str, bool *out, GError **errp)
{
    static const char *const yes[] = { "on", "yes", "true" };
    static const char *const no[] = { "off", "no", "false" };

    for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
        if (g_ascii_strcasecmp(str, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (g_ascii_strcasecmp(str, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    error_setg(errp, "'%s' is not a boolean (use on or off)", str);
    return false;
}

/* The multiplier of a size suffix (binary units: "1k" is 1024), or 0. */
static uint64_t size_suffix_multiplier(char c)
{
    switch (g_ascii_toupper(c)) {
    case 'B':
        return 1;
    case 'K':
        return KiB;
    case 'M':
        return MiB;
    case 'G':
        return GiB;
    case 'T':
        return GiB * KiB;
    case 'P':
        return GiB * MiB;
    case 'E':
        return GiB * GiB;
    default:
        return 0;
    }
}

bool parse_size(const char *str, char default_suffix, uint64_t *out,
                GError **errp)
{
    const char *p = str;
    uint64_t whole = 0, frac = 0, frac_scale = 1, mult;
    bool hex = false, any_digit = false;
    unsigned __int128 total;

    if (*p == '-') {
        error_setg(errp, "size '%s' is negative", str);
        return false;
    }
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        hex = true;
        p += 2;
    }
    /* The integer part, with overflow detection. */
    for (; hex ? g_ascii_isxdigit(*p) : g_ascii_isdigit(*p); p++) {
        unsigned digit = (unsigned)g_ascii_xdigit_value(*p);
        unsigned base = hex ? 16 : 10;

        if (whole > (UINT64_MAX - digit) / base) {
            error_setg(errp, "size '%s' is too large", str);
            return false;
        }
        whole = whole * base + digit;
        any_digit = true;
    }
    /* A decimal fraction ("1.5G"); 18 digits fit in a uint64. */
    if (!hex && *p == '.') {
        p++;
        for (; g_ascii_isdigit(*p); p++) {
            if (frac_scale >= 1000000000000000000ULL) {
                error_setg(errp, "size '%s' has too many decimals", str);
                return false;
            }
            frac = frac * 10 + (uint64_t)(*p - '0');
            frac_scale *= 10;
            any_digit = true;
        }
    }
    if (!any_digit) {
        error_setg(errp, "'%s' is not a valid size", str);
        return false;
    }
    if (*p) {
        mult = size_suffix_multiplier(*p);
        if (!mult || p[1]) {
            error_setg(errp, "'%s' is not a valid size (suffixes: k, M, G, T)",
                       str);
            return false;
        }
    } else {
        mult = default_suffix ? size_suffix_multiplier(default_suffix) : 1;
        g_assert(mult);
    }

    /* Exact arithmetic in 128 bits: "1.5G" must be 1610612736 exactly. */
    total = (unsigned __int128)whole * mult;
    if (frac) {
        unsigned __int128 f = (unsigned __int128)frac * mult;
        if (f % frac_scale) {
            error_setg(errp, "size '%s' is not a whole number of bytes", str);
            return false;
        }
        total += f / frac_scale;
    }
    if (total > UINT64_MAX) {
        error_setg(errp, "size '%s' is too large", str);
        return false;
    }
    *out = (uint64_t)total;
    return true;
}
