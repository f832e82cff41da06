/*
 * gdbstub.c — the arm64 registers as the GDB remote protocol sees them.
 *
 * Numbering follows the target description (gdb-xml/aarch64-core.xml and
 * aarch64-fpu.xml, embedded at build time):
 *   0-30  x0-x30 (64-bit)     31 sp     32 pc     33 cpsr (32-bit)
 *   34-65 v0-v31 (128-bit)    66 fpsr (32-bit)    67 fpcr (32-bit)
 * Values are little-endian, as the target's memory is.
 */
#include "util/osdep.h"
#include "target/arm/cpu.h"
#include "target/arm/internals.h"

typedef struct ArmGdbXml {
    const char *name;
    const char *xml;
} ArmGdbXml;

#include "target/arm/arm-gdb-xml.c.inc"

const char *arm_gdb_get_xml(const char *name)
{
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
