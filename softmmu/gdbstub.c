/*
 * gdbstub.c — a GDB remote serial protocol server, so that an unmodified
 * gdb connects with `target remote :1234`.
 *
 * Protocol: GDB manual, appendix E "GDB Remote Serial Protocol". Threads
 * are vCPUs (thread id = cpu_index + 1). Supported: ?, g/G, p/P, m/M/X,
 * c/s/vCont, Z0-Z4/z0-z4 (software and hardware breakpoints are the same
 * thing here; watchpoints for write/read/access), qSupported,
 * qXfer:features:read (target descriptions), qfThreadInfo/qsThreadInfo,
 * qC, qAttached, qThreadExtraInfo, qRcmd (monitor commands), H, T,
 * QStartNoAckMode, k (kill), D (detach), and Ctrl-C.
 *
 * Everything runs on the main loop: packets arrive through the chardev,
 * and the stop reply is sent from the STOP event when the VM stops for
 * debugging (breakpoint, watchpoint, single step) or because of Ctrl-C.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "chardev/char.h"
#include "exec/gdbstub.h"
#include "monitor/monitor.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"

#define GDB_MAX_PACKET 16384

typedef enum GDBRxState {
    RS_IDLE,
    RS_DATA,
    RS_ESCAPE,
    RS_CHECKSUM1,
    RS_CHECKSUM2,
} GDBRxState;

typedef struct GDBState {
    Chardev *chr;
    bool connected;
    bool no_ack;
    bool running;               /* gdb waits for a stop reply */
    CPUState *g_cpu;            /* for g/G/p/P/m/M (Hg) */
    CPUState *c_cpu;            /* for c/s (Hc) */
    GDBRxState rx_state;
    GString *rx;
    uint8_t rx_sum;
    uint8_t rx_csum;
    GString *xml;               /* target.xml, built once */
} GDBState;

static GDBState gdb;

static const char hexchars[] = "0123456789abcdef";

static int hexval(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c |= 0x20;
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

static void hex_append(GString *out, const uint8_t *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        g_string_append_c(out, hexchars[data[i] >> 4]);
        g_string_append_c(out, hexchars[data[i] & 15]);
    }
}

/* Decodes hex text into bytes; false on a bad digit or odd length. */
static bool hex_decode(const char *text, size_t chars, GByteArray *out)
{
    if (chars & 1) {
        return false;
    }
    for (size_t i = 0; i < chars; i += 2) {
        int hi = hexval(text[i]), lo = hexval(text[i + 1]);
        uint8_t b;

        if (hi < 0 || lo < 0) {
            return false;
        }
        b = hi << 4 | lo;
        g_byte_array_append(out, &b, 1);
    }
    return true;
}

static void gdb_send_raw(const char *data, size_t len)
{
    if (gdb.chr) {
        chardev_write(gdb.chr, (const uint8_t *)data, len);
    }
}

static void gdb_put_packet(const char *payload)
{
    GString *pkt = g_string_new("$");
    uint8_t sum = 0;

    for (const char *p = payload; *p; p++) {
        /* '$', '#', '}' and '*' must be escaped in replies. */
        if (*p == '$' || *p == '#' || *p == '}' || *p == '*') {
            g_string_append_c(pkt, '}');
            g_string_append_c(pkt, *p ^ 0x20);
            sum += '}' + (*p ^ 0x20);
        } else {
            g_string_append_c(pkt, *p);
            sum += (uint8_t)*p;
        }
    }
    g_string_append_printf(pkt, "#%02x", sum);
    gdb_send_raw(pkt->str, pkt->len);
    g_string_free(pkt, true);
}

static CPUState *gdb_first_cpu(void)
{
    return cpu_by_index(0);
}

static int gdb_thread_id(CPUState *cpu)
{
    return cpu->cpu_index + 1;
}

/* Thread id text: "-1" all, "0" any, else cpu_index + 1 (hex). */
static CPUState *gdb_parse_thread(const char *text, bool *all)
{
    long id;

    *all = false;
    if (!strncmp(text, "-1", 2)) {
        *all = true;
        return gdb_first_cpu();
    }
    if (text[0] == 'p') {           /* multiprocess form pPID.TID */
        const char *dot = strchr(text, '.');
        text = dot ? dot + 1 : text + 1;
    }
    id = strtol(text, NULL, 16);
    if (id == 0) {
        return gdb_first_cpu();
    }
    return cpu_by_index(id - 1);
}

static CPUClass *gdb_cpu_class(CPUState *cpu)
{
    return CPU_GET_CLASS(cpu);
}

static int gdb_num_regs(CPUState *cpu)
{
    CPUClass *cc = gdb_cpu_class(cpu);

    return cc->gdb_num_regs ? cc->gdb_num_regs(cpu) : cc->gdb_num_core_regs;
}

static const char *gdb_target_xml(void)
{
    CPUState *cpu = gdb_first_cpu();
    CPUClass *cc;

    if (gdb.xml) {
        return gdb.xml->str;
    }
    cc = gdb_cpu_class(cpu);
    gdb.xml = g_string_new("<?xml version=\"1.0\"?>"
                           "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
                           "<target>");
    g_string_append_printf(gdb.xml, "<architecture>%s</architecture>",
                           cc->gdb_arch_name);
    if (cc->gdb_core_xml) {
        g_string_append_printf(gdb.xml, "<xi:include href=\"%s\"/>", cc->gdb_core_xml);
    }
    for (const char *const *f = cc->gdb_xml_files; f && *f; f++) {
        g_string_append_printf(gdb.xml, "<xi:include href=\"%s\"/>", *f);
    }
    g_string_append(gdb.xml, "</target>");
    return gdb.xml->str;
}

static const char *gdb_get_annex(const char *name)
{
    CPUClass *cc = gdb_cpu_class(gdb_first_cpu());

    if (!strcmp(name, "target.xml")) {
        return gdb_target_xml();
    }
    return cc->gdb_get_xml ? cc->gdb_get_xml(name) : NULL;
}

static void gdb_stop_reply(CPUState *cpu, int signal)
{
    g_autofree char *reply = NULL;
    vaddr addr;
    int flags;

    if (!cpu) {
        cpu = gdb_first_cpu();
    }
    if (cpu_debug_take_watch_hit(cpu, &addr, &flags)) {
        const char *kind = flags == BP_MEM_WRITE ? "watch" :
                           flags == BP_MEM_READ ? "rwatch" : "awatch";
        reply = g_strdup_printf("T%02xthread:%x;%s:%" VADDR_PRIx ";", signal,
                                gdb_thread_id(cpu), kind, addr);
    } else {
        reply = g_strdup_printf("T%02xthread:%x;", signal, gdb_thread_id(cpu));
    }
    gdb.g_cpu = cpu;
    gdb.c_cpu = cpu;
    gdb_put_packet(reply);
}

static void gdb_read_registers(CPUState *cpu, GString *out)
{
    CPUClass *cc = gdb_cpu_class(cpu);
    GByteArray *buf = g_byte_array_new();

    for (int reg = 0; reg < gdb_num_regs(cpu); reg++) {
        g_byte_array_set_size(buf, 0);
        if (cc->gdb_read_register(cpu, buf, reg) <= 0) {
            break;
        }
        hex_append(out, buf->data, buf->len);
    }
    g_byte_array_unref(buf);
}

static bool gdb_write_registers(CPUState *cpu, const char *hex)
{
    CPUClass *cc = gdb_cpu_class(cpu);
    GByteArray *bytes = g_byte_array_new();
    GByteArray *probe = g_byte_array_new();
    size_t off = 0;
    bool ok = hex_decode(hex, strlen(hex), bytes);

    for (int reg = 0; ok && reg < gdb_num_regs(cpu) && off < bytes->len; reg++) {
        int size;

        g_byte_array_set_size(probe, 0);
        size = cc->gdb_read_register(cpu, probe, reg);
        if (size <= 0 || off + size > bytes->len) {
            break;
        }
        cc->gdb_write_register(cpu, bytes->data + off, reg);
        off += size;
    }
    g_byte_array_unref(bytes);
    g_byte_array_unref(probe);
    return ok;
}

static void gdb_resume(CPUState *step_cpu)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        cpu->singlestep = (cpu == step_cpu);
    }
    gdb.running = true;
    vm_start();
}

static void gdb_handle_query(const char *p)
{
    if (!strncmp(p, "qSupported", 10)) {
        gdb_put_packet("PacketSize=4000;qXfer:features:read+;QStartNoAckMode+;"
                       "swbreak+;hwbreak+;vContSupported+");
    } else if (!strncmp(p, "qXfer:features:read:", 20)) {
        char annex[128];
        unsigned long off, len;
        const char *colon = strchr(p + 20, ':');
        const char *xml;
        size_t total;

        if (!colon || (size_t)(colon - (p + 20)) >= sizeof(annex) ||
            sscanf(colon + 1, "%lx,%lx", &off, &len) != 2) {
            gdb_put_packet("E01");
            return;
        }
        memcpy(annex, p + 20, colon - (p + 20));
        annex[colon - (p + 20)] = 0;
        xml = gdb_get_annex(annex);
        if (!xml) {
            gdb_put_packet("E00");
            return;
        }
        total = strlen(xml);
        if (off >= total) {
            gdb_put_packet("l");
        } else {
            size_t n = MIN(len, total - off);
            g_autofree char *chunk = g_strndup(xml + off, n);
            g_autofree char *reply = g_strconcat(off + n < total ? "m" : "l", chunk, NULL);
            gdb_put_packet(reply);
        }
    } else if (!strcmp(p, "qAttached")) {
        gdb_put_packet("1");
    } else if (!strcmp(p, "qC")) {
        g_autofree char *reply = g_strdup_printf("QC%x", gdb_thread_id(gdb.g_cpu));
        gdb_put_packet(reply);
    } else if (!strcmp(p, "qfThreadInfo")) {
        GString *reply = g_string_new("m");
        CPUState *cpu;

        CPU_FOREACH(cpu) {
            g_string_append_printf(reply, "%s%x", reply->len > 1 ? "," : "",
                                   gdb_thread_id(cpu));
        }
        gdb_put_packet(reply->str);
        g_string_free(reply, true);
    } else if (!strcmp(p, "qsThreadInfo")) {
        gdb_put_packet("l");
    } else if (!strncmp(p, "qThreadExtraInfo,", 17)) {
        bool all;
        CPUState *cpu = gdb_parse_thread(p + 17, &all);
        g_autofree char *text = NULL;
        GString *hex = g_string_new(NULL);

        if (!cpu) {
            gdb_put_packet("E01");
            g_string_free(hex, true);
            return;
        }
        text = g_strdup_printf("CPU#%d [%s]", cpu->cpu_index,
                               cpu->stopped ? "off" : cpu->halted ? "halted" : "running");
        hex_append(hex, (const uint8_t *)text, strlen(text));
        gdb_put_packet(hex->str);
        g_string_free(hex, true);
    } else if (!strncmp(p, "qRcmd,", 6)) {
        GByteArray *cmd = g_byte_array_new();
        g_autofree char *line = NULL;
        g_autofree char *output = NULL;

        if (!hex_decode(p + 6, strlen(p + 6), cmd)) {
            g_byte_array_unref(cmd);
            gdb_put_packet("E01");
            return;
        }
        line = g_strndup((const char *)cmd->data, cmd->len);
        g_byte_array_unref(cmd);
        output = hmp_run_command(line);
        if (output && *output) {
            GString *pkt = g_string_new("O");
            hex_append(pkt, (const uint8_t *)output, strlen(output));
            gdb_put_packet(pkt->str);
            g_string_free(pkt, true);
        }
        gdb_put_packet("OK");
    } else if (!strncmp(p, "QStartNoAckMode", 15)) {
        gdb_put_packet("OK");
        gdb.no_ack = true;
    } else {
        gdb_put_packet("");
    }
}

static void gdb_handle_breakpoint(const char *p, bool insert)
{
    unsigned type;
    unsigned long long addr, kind;
    CPUState *cpu;
    bool ok = true;

    if (sscanf(p + 1, "%u,%llx,%llx", &type, &addr, &kind) != 3) {
        gdb_put_packet("E22");
        return;
    }
    CPU_FOREACH(cpu) {
        switch (type) {
        case 0:
        case 1:
            if (insert) {
                cpu_breakpoint_insert(cpu, addr);
            } else {
                ok &= cpu_breakpoint_remove(cpu, addr);
            }
            break;
        case 2:
        case 3:
        case 4: {
            int flags = type == 2 ? BP_MEM_WRITE : type == 3 ? BP_MEM_READ : BP_MEM_ACCESS;
            ok &= insert ? cpu_watchpoint_insert(cpu, addr, kind, flags)
                         : cpu_watchpoint_remove(cpu, addr, kind, flags);
            break;
        }
        default:
            gdb_put_packet("");
            return;
        }
    }
    gdb_put_packet(ok ? "OK" : "E22");
}

static void gdb_handle_vcont(const char *p)
{
    /* vCont;ACTION[:TID];ACTION... — single step of one thread, continue
     * of the others: all vCPUs run round-robin, the stepped one stops the
     * VM after one instruction. */
    CPUState *step = NULL;
    g_auto(GStrv) actions = g_strsplit(p + 6, ";", -1);

    for (char **a = actions; *a; a++) {
        char action = (*a)[0];
        const char *colon = strchr(*a, ':');
        bool all;
        CPUState *cpu = colon ? gdb_parse_thread(colon + 1, &all) : gdb.c_cpu;

        if (action == 's' || action == 'S') {
            step = cpu ? cpu : gdb_first_cpu();
        } else if (action != 'c' && action != 'C') {
            gdb_put_packet("E22");
            return;
        }
    }
    gdb_resume(step);
}

static void gdb_handle_packet(const char *p)
{
    GString *reply = g_string_new(NULL);
    unsigned long long addr, len;
    CPUState *cpu;
    bool all;

    if (!gdb.g_cpu) {
        gdb.g_cpu = gdb.c_cpu = gdb_first_cpu();
    }
    switch (p[0]) {
    case '?':
        vm_stop(RUN_STATE_PAUSED);
        gdb_stop_reply(gdb.c_cpu, 5);
        break;
    case 'g':
        gdb_read_registers(gdb.g_cpu, reply);
        gdb_put_packet(reply->str);
        break;
    case 'G':
        gdb_put_packet(gdb_write_registers(gdb.g_cpu, p + 1) ? "OK" : "E01");
        break;
    case 'p': {
        CPUClass *cc = gdb_cpu_class(gdb.g_cpu);
        GByteArray *buf = g_byte_array_new();
        unsigned long reg = strtoul(p + 1, NULL, 16);

        if (reg < (unsigned long)gdb_num_regs(gdb.g_cpu) &&
            cc->gdb_read_register(gdb.g_cpu, buf, reg) > 0) {
            hex_append(reply, buf->data, buf->len);
            gdb_put_packet(reply->str);
        } else {
            gdb_put_packet("E14");
        }
        g_byte_array_unref(buf);
        break;
    }
    case 'P': {
        CPUClass *cc = gdb_cpu_class(gdb.g_cpu);
        const char *eq = strchr(p, '=');
        unsigned long reg = strtoul(p + 1, NULL, 16);
        GByteArray *val = g_byte_array_new();

        if (eq && reg < (unsigned long)gdb_num_regs(gdb.g_cpu) &&
            hex_decode(eq + 1, strlen(eq + 1), val)) {
            cc->gdb_write_register(gdb.g_cpu, val->data, reg);
            gdb_put_packet("OK");
        } else {
            gdb_put_packet("E14");
        }
        g_byte_array_unref(val);
        break;
    }
    case 'm':
        if (sscanf(p + 1, "%llx,%llx", &addr, &len) != 2 || len > GDB_MAX_PACKET / 2) {
            gdb_put_packet("E22");
        } else {
            g_autofree uint8_t *buf = g_malloc(len ? len : 1);
            if (!cpu_memory_rw_debug(gdb.g_cpu, addr, buf, len, false)) {
                gdb_put_packet("E14");
            } else {
                hex_append(reply, buf, len);
                gdb_put_packet(reply->str);
            }
        }
        break;
    case 'M': {
        const char *colon = strchr(p, ':');
        GByteArray *data = g_byte_array_new();

        if (!colon || sscanf(p + 1, "%llx,%llx", &addr, &len) != 2 ||
            !hex_decode(colon + 1, strlen(colon + 1), data) || data->len != len) {
            gdb_put_packet("E22");
        } else {
            gdb_put_packet(cpu_memory_rw_debug(gdb.g_cpu, addr, data->data, len, true)
                           ? "OK" : "E14");
        }
        g_byte_array_unref(data);
        break;
    }
    case 'c':
        if (p[1] && sscanf(p + 1, "%llx", &addr) == 1) {
            CPUClass *cc = gdb_cpu_class(gdb.c_cpu);
            cc->set_pc(gdb.c_cpu, addr);
        }
        gdb_resume(NULL);
        break;
    case 's':
        if (p[1] && sscanf(p + 1, "%llx", &addr) == 1) {
            CPUClass *cc = gdb_cpu_class(gdb.c_cpu);
            cc->set_pc(gdb.c_cpu, addr);
        }
        gdb_resume(gdb.c_cpu);
        break;
    case 'v':
        if (!strcmp(p, "vCont?")) {
            gdb_put_packet("vCont;c;C;s;S");
        } else if (!strncmp(p, "vCont;", 6)) {
            gdb_handle_vcont(p);
        } else if (!strncmp(p, "vKill", 5)) {
            gdb_put_packet("OK");
            system_shutdown_request(SHUTDOWN_CAUSE_HOST_UI);
        } else {
            gdb_put_packet("");
        }
        break;
    case 'H':
        cpu = gdb_parse_thread(p + 2, &all);
        if (!cpu) {
            gdb_put_packet("E22");
        } else {
            if (p[1] == 'g') {
                gdb.g_cpu = cpu;
            } else {
                gdb.c_cpu = cpu;
            }
            gdb_put_packet("OK");
        }
        break;
    case 'T':
        cpu = gdb_parse_thread(p + 1, &all);
        gdb_put_packet(cpu ? "OK" : "E22");
        break;
    case 'Z':
    case 'z':
        gdb_handle_breakpoint(p, p[0] == 'Z');
        break;
    case 'q':
    case 'Q':
        gdb_handle_query(p);
        break;
    case 'D':
        gdb_put_packet("OK");
        CPU_FOREACH(cpu) {
            cpu_breakpoint_remove_all(cpu);
            cpu_watchpoint_remove_all(cpu);
            cpu->singlestep = false;
        }
        gdb.running = false;
        vm_start();
        break;
    case 'k':
        system_shutdown_request(SHUTDOWN_CAUSE_HOST_UI);
        break;
    default:
        gdb_put_packet("");
        break;
    }
    g_string_free(reply, true);
}

static void gdb_rx_byte(uint8_t c)
{
    switch (gdb.rx_state) {
    case RS_IDLE:
        if (c == '$') {
            g_string_truncate(gdb.rx, 0);
            gdb.rx_sum = 0;
            gdb.rx_state = RS_DATA;
        } else if (c == 0x03) {
            /* Ctrl-C: interrupt the running guest. */
            if (runstate_is_running()) {
                vm_stop(RUN_STATE_PAUSED);
            }
            if (gdb.running) {
                gdb.running = false;
                gdb_stop_reply(gdb.c_cpu, 2);
            }
        }
        break;
    case RS_DATA:
        if (c == '#') {
            gdb.rx_state = RS_CHECKSUM1;
        } else if (c == '}') {
            gdb.rx_sum += c;
            gdb.rx_state = RS_ESCAPE;
        } else {
            gdb.rx_sum += c;
            if (gdb.rx->len < GDB_MAX_PACKET) {
                g_string_append_c(gdb.rx, c);
            }
        }
        break;
    case RS_ESCAPE:
        gdb.rx_sum += c;
        g_string_append_c(gdb.rx, c ^ 0x20);
        gdb.rx_state = RS_DATA;
        break;
    case RS_CHECKSUM1:
        gdb.rx_csum = hexval(c) << 4;
        gdb.rx_state = RS_CHECKSUM2;
        break;
    case RS_CHECKSUM2:
        gdb.rx_csum |= hexval(c) & 15;
        gdb.rx_state = RS_IDLE;
        if (!gdb.no_ack) {
            if (gdb.rx_csum != gdb.rx_sum) {
                gdb_send_raw("-", 1);
                break;
            }
            gdb_send_raw("+", 1);
        }
        gdb_handle_packet(gdb.rx->str);
        break;
    }
}

static int gdb_can_read(void *opaque)
{
    return GDB_MAX_PACKET;
}

static void gdb_read(void *opaque, const uint8_t *buf, int len)
{
    for (int i = 0; i < len; i++) {
        gdb_rx_byte(buf[i]);
    }
}

static void gdb_event(void *opaque, ChardevEvent event)
{
    CPUState *cpu;

    switch (event) {
    case CHR_EVENT_OPENED:
        /* A new debugger: the VM stops so it can look around. */
        gdb.connected = true;
        gdb.no_ack = false;
        gdb.running = false;
        gdb.rx_state = RS_IDLE;
        vm_stop(RUN_STATE_PAUSED);
        break;
    case CHR_EVENT_CLOSED:
        /* The debugger went away: drop its breakpoints and let the guest run. */
        gdb.connected = false;
        CPU_FOREACH(cpu) {
            cpu_breakpoint_remove_all(cpu);
            cpu_watchpoint_remove_all(cpu);
            cpu->singlestep = false;
        }
        if (gdb.running || runstate_get() == RUN_STATE_DEBUG) {
            vm_start();
        }
        gdb.running = false;
        break;
    default:
        break;
    }
}

static void gdb_runstate_event(const char *event, const char *data, void *opaque)
{
    if (strcmp(event, "STOP") || !gdb.connected || !gdb.running) {
        return;
    }
    gdb.running = false;
    gdb_stop_reply(cpus_debug_cpu(), runstate_get() == RUN_STATE_DEBUG ? 5 : 2);
}

static const CharFrontendOps gdb_chr_ops = {
    .can_read = gdb_can_read,
    .read = gdb_read,
    .event = gdb_event,
};

bool gdbserver_start(const char *spec, GError **errp)
{
    g_autofree char *full = NULL;
    Chardev *chr;

    if (gdb.chr) {
        error_setg(errp, "only one GDB server can run");
        return false;
    }
    /* "tcp::1234" is a server that does not wait for gdb before starting. */
    if ((g_str_has_prefix(spec, "tcp:") || g_str_has_prefix(spec, "unix:")) &&
        !strstr(spec, "server")) {
        full = g_strconcat(spec, ",server=on,wait=off", NULL);
        spec = full;
    }
    chr = chardev_new_from_legacy(spec, "gdb", errp);
    if (!chr) {
        return false;
    }
    gdb.chr = chr;
    gdb.rx = g_string_new(NULL);
    if (!chardev_attach(chr, &gdb_chr_ops, &gdb, errp)) {
        return false;
    }
    runstate_add_event_handler(gdb_runstate_event, NULL);
    return true;
}
