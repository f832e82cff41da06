/*
 * gdbstub.c — the arm64 registers as the GDB remote protocol sees them.
 *
 * Numbering follows the target description (gdb-xml/aarch64-core.xml and
 * aarch64-fpu.xml, embedded at build time):
 *   0-30  x0-x30 (64-bit)     31 sp     32 pc     33 cpsr (32-bit)
 *   34-65 v0-v31 (128-bit)    66 fpsr (32-bit)    67 fpcr (32-bit)
 *   68-   the system registers of the CPU's table that are plain storage
 *         (no side effect when read), in encoding order, described by
 *         "aarch64-sysregs.xml", which is built at run time from the table
 *         so it always matches the model.
 * Values are little-endian, as the target's memory is.
 */
#include "util/osdep.h"
#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "target/arm/sysreg.h"
#include "exec/cpu-exec.h"

typedef struct ArmGdbXml {
    const char *name;
    const char *xml;
} ArmGdbXml;

#include "target/arm/arm-gdb-xml.c.inc"

/* The system registers shown to the debugger: rows that are plain
 * storage, so reading them has no side effect (ICC_IAR1_EL1 would
 * acknowledge an interrupt). The same model for every CPU, so the list is
 * built once, from CPU 0. */
static GPtrArray *gdb_sysregs;
static char *gdb_sysregs_xml;

static bool arm_gdb_sysreg_shown(const ARMSysReg *r)
{
    if (r->flags & (SYSREG_INSN | SYSREG_WO | SYSREG_IO | SYSREG_NOP | SYSREG_ALIAS)) {
        return false;
    }
    return (r->fieldoffset >= 0 && !r->read) || (r->flags & SYSREG_CONST);
}

static GPtrArray *arm_gdb_sysreg_rows(void)
{
    CPUState *cpu0 = cpu_by_index(0);

    if (!gdb_sysregs && cpu0) {
        g_autoptr(GPtrArray) all = arm_sysreg_list(ARM_CPU(cpu0));
        GString *xml = g_string_new("<?xml version=\"1.0\"?>"
                                    "<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">"
                                    "<feature name=\"org.turtle.aarch64.sysregs\">");

        gdb_sysregs = g_ptr_array_new();
        for (guint i = 0; i < all->len; i++) {
            const ARMSysReg *r = g_ptr_array_index(all, i);
            g_autofree char *lower = NULL;

            if (!arm_gdb_sysreg_shown(r)) {
                continue;
            }
            lower = g_ascii_strdown(r->name, -1);
            g_string_append_printf(xml, "<reg name=\"%s\" bitsize=\"64\" regnum=\"%u\" "
                                   "group=\"system\"/>", lower,
                                   ARM_GDB_NUM_REGS + gdb_sysregs->len);
            g_ptr_array_add(gdb_sysregs, (gpointer)r);
        }
        g_string_append(xml, "</feature>");
        gdb_sysregs_xml = g_string_free(xml, false);
    }
    return gdb_sysregs;
}

int arm_cpu_gdb_num_regs(CPUState *cs)
{
    GPtrArray *rows = arm_gdb_sysreg_rows();

    return ARM_GDB_NUM_REGS + (rows ? rows->len : 0);
}

const char *arm_gdb_get_xml(const char *name)
{
    if (!strcmp(name, "aarch64-sysregs.xml")) {
        return arm_gdb_sysreg_rows() ? gdb_sysregs_xml : NULL;
    }
    for (size_t i = 0; i < ARRAY_SIZE(arm_gdb_xml_files); i++) {
        if (!strcmp(arm_gdb_xml_files[i].name, name)) {
            return arm_gdb_xml_files[i].xml;
        }
    }
    return NULL;
}

static int gdb_put_le(GByteArray *buf, uint64_t v, int bytes)
{
    uint8_t b[8];

    for (int i = 0; i < bytes; i++) {
        b[i] = (uint8_t)(v >> (8 * i));
    }
    g_byte_array_append(buf, b, bytes);
    return bytes;
}

static uint64_t gdb_get_le(const uint8_t *p, int bytes)
{
    uint64_t v = 0;

    for (int i = 0; i < bytes; i++) {
        v |= (uint64_t)p[i] << (8 * i);
    }
    return v;
}

int arm_cpu_gdb_read_register(CPUState *cs, GByteArray *buf, int reg)
{
    CPUARMState *env = cs->env_ptr;

    if (reg >= ARM_GDB_NUM_REGS) {
        GPtrArray *rows = arm_gdb_sysreg_rows();
        guint i = reg - ARM_GDB_NUM_REGS;

        if (!rows || i >= rows->len) {
            return 0;
        }
        return gdb_put_le(buf, arm_sysreg_get(env, g_ptr_array_index(rows, i)), 8);
    }

    if (reg < 31) {
        return gdb_put_le(buf, env->xregs[reg], 8);
    }
    switch (reg) {
    case 31:
        return gdb_put_le(buf, env->xregs[31], 8);
    case 32:
        return gdb_put_le(buf, env->pc, 8);
    case 33:
        return gdb_put_le(buf, pstate_read(env) | ((env->btype & 3) << 10), 4);
    case 66:
        return gdb_put_le(buf, env->fpsr, 4);
    case 67:
        return gdb_put_le(buf, env->fpcr, 4);
    default:
        break;
    }
    if (reg >= 34 && reg < 66) {
        const ARMVReg *v = &env->vregs[reg - 34];
        return gdb_put_le(buf, v->d[0], 8) + gdb_put_le(buf, v->d[1], 8);
    }
    return 0;
}

int arm_cpu_gdb_write_register(CPUState *cs, const uint8_t *buf, int reg)
{
    CPUARMState *env = cs->env_ptr;

    if (reg >= ARM_GDB_NUM_REGS) {
        GPtrArray *rows = arm_gdb_sysreg_rows();
        guint i = reg - ARM_GDB_NUM_REGS;
        const ARMSysReg *r;

        if (!rows || i >= rows->len) {
            return 0;
        }
        r = g_ptr_array_index(rows, i);
        /* Read-only and constant registers keep their value; a written one
         * may change the translation regime, so TB flags and TLB follow. */
        if (!(r->flags & (SYSREG_RO | SYSREG_CONST))) {
            arm_sysreg_set(env, r, gdb_get_le(buf, 8));
            arm_rebuild_hflags(env);
            tlb_flush(cs);
        }
        return 8;
    }

    if (reg < 31) {
        env->xregs[reg] = gdb_get_le(buf, 8);
        return 8;
    }
    switch (reg) {
    case 31:
        env->xregs[31] = gdb_get_le(buf, 8);
        return 8;
    case 32:
        env->pc = gdb_get_le(buf, 8);
        return 8;
    case 33: {
        /* The debugger may change the flags and the masks; the EL and
         * SPSel would need the banking and TB flags to follow, so a
         * change of them is ignored. */
        uint32_t v = (uint32_t)gdb_get_le(buf, 4);
        uint32_t writable = PSTATE_DAIF | PSTATE_SS | PSTATE_IL;

        pstate_write_nzcv(env, v);
        env->pstate = (env->pstate & ~writable) | (v & writable);
        arm_rebuild_hflags(env);
        return 4;
    }
    case 66:
        env->fpsr = (uint32_t)gdb_get_le(buf, 4);
        return 4;
    case 67:
        env->fpcr = (uint32_t)gdb_get_le(buf, 4);
        return 4;
    default:
        break;
    }
    if (reg >= 34 && reg < 66) {
        ARMVReg *v = &env->vregs[reg - 34];
        v->d[0] = gdb_get_le(buf, 8);
        v->d[1] = gdb_get_le(buf + 8, 8);
        return 16;
    }
    return 0;
}
