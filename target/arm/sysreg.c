/*
 * sysreg.c — the system register table mechanism (see sysreg.h): per-CPU
 * registration and lookup by encoding, reset, the static (translate-time)
 * and run-time access checks, the MRS/MSR/SYS helpers that raise the
 * trap exceptions, and the "info registers" dump.
 *
 * The rows themselves live in sysreg-regs.c (architectural registers),
 * gtimer.c (CNT*), and in mmu.c and the GIC CPU interface, which add theirs
 * through arm_sysreg_register() / arm_sysreg_add_cpu_hook().
 */
#include "util/osdep.h"
#include "util/log.h"
#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "target/arm/sysreg.h"
#include "target/arm/syndrome.h"

static GPtrArray *sysreg_cpu_hooks;

void arm_sysreg_add_cpu_hook(void (*fn)(ARMCPU *cpu))
{
    if (!sysreg_cpu_hooks) {
        sysreg_cpu_hooks = g_ptr_array_new();
    }
    g_ptr_array_add(sysreg_cpu_hooks, (gpointer)fn);
}

void arm_sysreg_run_cpu_hooks(ARMCPU *cpu)
{
    if (!sysreg_cpu_hooks) {
        return;
    }
    for (guint i = 0; i < sysreg_cpu_hooks->len; i++) {
        void (*fn)(ARMCPU *) = (void (*)(ARMCPU *))g_ptr_array_index(sysreg_cpu_hooks, i);
        fn(cpu);
    }
}

static bool cpu_has_vhe(ARMCPU *cpu)
{
    return cpu->has_el2 && isar_feature_aa64_vh(&cpu->isar);
}

void arm_sysreg_register(ARMCPU *cpu, const ARMSysReg *rows, size_t count)
{
    ARMSysReg *copy;

    if (!count) {
        return;
    }
    if (!cpu->sysregs) {
        cpu->sysregs = g_hash_table_new(g_direct_hash, g_direct_equal);
        cpu->sysreg_blocks = g_ptr_array_new_with_free_func(g_free);
    }
    copy = g_new(ARMSysReg, count);
    memcpy(copy, rows, count * sizeof(*rows));
    g_ptr_array_add(cpu->sysreg_blocks, copy);
    for (size_t i = 0; i < count; i++) {
        ARMSysReg *r = &copy[i];

        /* Emulator bugs in a table, caught the first time it is used. */
        g_assert(r->name);
        g_assert(r->key <= 0xffff);
        g_assert(r->fieldoffset < (ptrdiff_t)sizeof(CPUARMState));
        /* A constant is read inline by generated code: no access check. */
        g_assert(!((r->flags & SYSREG_CONST) && r->access));
        g_assert(!(r->flags & SYSREG_REBUILD) || r->write ||
                 (r->flags & (SYSREG_RO | SYSREG_CONST | SYSREG_NOP)));
        if ((r->flags & SYSREG_E2H) && cpu_has_vhe(cpu) && r->fieldoffset >= 0) {
            /* The field depends on HCR_EL2.E2H: never a direct access. */
            if (!r->read) {
                r->read = arm_sysreg_read_field;
            }
            if (!r->write) {
                r->write = arm_sysreg_write_field;
            }
        }
        g_hash_table_insert(cpu->sysregs, GUINT_TO_POINTER(r->key), r);
    }
}

void arm_sysreg_free(ARMCPU *cpu)
{
    if (cpu->sysregs) {
        g_hash_table_destroy(cpu->sysregs);
        cpu->sysregs = NULL;
    }
    if (cpu->sysreg_blocks) {
        g_ptr_array_free(cpu->sysreg_blocks, TRUE);
        cpu->sysreg_blocks = NULL;
    }
}

const ARMSysReg *arm_sysreg_find(ARMCPU *cpu, uint32_t key)
{
    if (!cpu->sysregs) {
        return NULL;
    }
    return g_hash_table_lookup(cpu->sysregs, GUINT_TO_POINTER(key));
}

const ARMSysReg *arm_sysreg_find_by_name(ARMCPU *cpu, const char *name)
{
    GHashTableIter it;
    gpointer k, v;

    if (!cpu->sysregs) {
        return NULL;
    }
    g_hash_table_iter_init(&it, cpu->sysregs);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        const ARMSysReg *r = v;
        if (!g_ascii_strcasecmp(r->name, name)) {
            return r;
        }
    }
    return NULL;
}

/* ---- Values ------------------------------------------------------------ */

uint64_t *arm_sysreg_field_ptr(CPUARMState *env, const ARMSysReg *r)
{
    ptrdiff_t off = r->fieldoffset;

    if ((r->flags & SYSREG_E2H) && arm_is_e2h_at_el2(env)) {
        off = (ptrdiff_t)r->opaque;
    }
    return (uint64_t *)((char *)env + off);
}

uint64_t arm_sysreg_read_field(CPUARMState *env, const ARMSysReg *r)
{
    return *arm_sysreg_field_ptr(env, r);
}

void arm_sysreg_write_field(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    *arm_sysreg_field_ptr(env, r) = v;
}

uint64_t arm_sysreg_get(CPUARMState *env, const ARMSysReg *r)
{
    if (r->read) {
        return r->read(env, r);
    }
    if (r->flags & SYSREG_CONST) {
        return r->resetvalue;
    }
    if (r->fieldoffset >= 0) {
        return *(uint64_t *)((char *)env + r->fieldoffset);
    }
    return 0;
}

void arm_sysreg_set(CPUARMState *env, const ARMSysReg *r, uint64_t value)
{
    if (r->write) {
        r->write(env, r, value);
    } else if (r->flags & (SYSREG_CONST | SYSREG_NOP)) {
        /* Write ignored. */
    } else if (r->fieldoffset >= 0) {
        *(uint64_t *)((char *)env + r->fieldoffset) = value;
    }
}

static gint sysreg_cmp_key(gconstpointer a, gconstpointer b)
{
    const ARMSysReg *ra = *(const ARMSysReg *const *)a;
    const ARMSysReg *rb = *(const ARMSysReg *const *)b;

    return (ra->key > rb->key) - (ra->key < rb->key);
}

/* The rows of the CPU sorted by key (a new array of const ARMSysReg *). */
static GPtrArray *sysreg_sorted(ARMCPU *cpu)
{
    GPtrArray *all = g_ptr_array_new();
    GHashTableIter it;
    gpointer k, v;

    if (cpu->sysregs) {
        g_hash_table_iter_init(&it, cpu->sysregs);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            g_ptr_array_add(all, v);
        }
    }
    g_ptr_array_sort(all, sysreg_cmp_key);
    return all;
}

GPtrArray *arm_sysreg_list(ARMCPU *cpu)
{
    return sysreg_sorted(cpu);
}

void arm_sysreg_reset_all(ARMCPU *cpu)
{
    CPUARMState *env = &cpu->env;
    g_autoptr(GPtrArray) all = sysreg_sorted(cpu);

    /* In key order so that a reset function that reads another register
     * sees a deterministic state. */
    for (guint i = 0; i < all->len; i++) {
        const ARMSysReg *r = g_ptr_array_index(all, i);

        if (r->reset) {
            r->reset(env, r);
        } else if (r->fieldoffset >= 0 && !(r->flags & SYSREG_ALIAS)) {
            *(uint64_t *)((char *)env + r->fieldoffset) = r->resetvalue;
        }
    }
}

/* ---- Access checks -------------------------------------------------------- */

static int sysreg_min_el(const ARMSysReg *r)
{
    if (r->flags & SYSREG_EL3) {
        return 3;
    }
    if (r->flags & SYSREG_EL2) {
        return 2;
    }
    return 1;
}

ARMSysRegAccess arm_sysreg_static_access(const ARMSysReg *r, int el, bool isread)
{
    if (isread && (r->flags & SYSREG_WO)) {
        return SYSREG_ACCESS_UNDEF;
    }
    if (!isread && (r->flags & SYSREG_RO)) {
        return SYSREG_ACCESS_UNDEF;
    }
    if (el == 0) {
        /* EL0 access only where the row allows it; anything else is
         * UNDEFINED (Arm ARM D19.1: "accessible at EL1 or higher"). */
        if (!(r->flags & (isread ? SYSREG_EL0_R : SYSREG_EL0_W))) {
            return SYSREG_ACCESS_UNDEF;
        }
    } else if (el < sysreg_min_el(r)) {
        return SYSREG_ACCESS_UNDEF;
    }
    return SYSREG_ACCESS_OK;
}

ARMSysRegAccess arm_sysreg_access(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    ARMSysRegAccess acc = arm_sysreg_static_access(r, arm_current_el(env), isread);

    if (acc != SYSREG_ACCESS_OK) {
        return acc;
    }
    if (r->access) {
        acc = r->access(env, r, isread);
        if (acc != SYSREG_ACCESS_OK) {
            return acc;
        }
    }
    if ((r->flags & SYSREG_FP) && arm_fp_exception_el(env)) {
        return SYSREG_ACCESS_TRAP_FP;
    }
    return SYSREG_ACCESS_OK;
}

void arm_sysreg_raise(CPUARMState *env, ARMSysRegAccess acc, uint32_t syndrome,
                      uintptr_t retaddr)
{
    int el = arm_current_el(env);
    int target;

    switch (acc) {
    case SYSREG_ACCESS_TRAP_EL1:
        /* From EL0 the "EL1" trap follows the routing of EL0 exceptions
         * (to EL2 when HCR_EL2.TGE is 1). */
        target = el == 0 ? arm_exception_target_el(env) : 1;
        break;
    case SYSREG_ACCESS_TRAP_EL2:
        target = 2;
        break;
    case SYSREG_ACCESS_TRAP_EL3:
        target = 3;
        break;
    case SYSREG_ACCESS_TRAP_FP:
        arm_raise_exception(env, EXCP_UDEF, syn_fp_access_trap(),
                            arm_fp_exception_el(env), retaddr);
    case SYSREG_ACCESS_UNDEF:
    default:
        arm_raise_exception(env, EXCP_UDEF, syn_uncategorized(),
                            arm_exception_target_el(env), retaddr);
    }
    if (target < el) {
        /* A trap to a lower EL is an emulator bug in a row; be safe. */
        target = el;
    }
    arm_raise_exception(env, EXCP_UDEF, syndrome, target, retaddr);
}

/* ---- Helpers called from generated code ------------------------------ */

uint64_t helper_sysreg_read(CPUARMState *env, const ARMSysReg *r, uint32_t syndrome)
{
    ARMSysRegAccess acc = arm_sysreg_access(env, r, true);

    if (acc != SYSREG_ACCESS_OK) {
        arm_sysreg_raise(env, acc, syndrome, ARM_GETPC());
    }
    return arm_sysreg_get(env, r);
}

void helper_sysreg_write(CPUARMState *env, const ARMSysReg *r, uint64_t value,
                         uint32_t syndrome)
{
    ARMSysRegAccess acc = arm_sysreg_access(env, r, false);

    if (acc != SYSREG_ACCESS_OK) {
        arm_sysreg_raise(env, acc, syndrome, ARM_GETPC());
    }
    arm_sysreg_set(env, r, value);
    if (r->flags & SYSREG_REBUILD) {
        arm_rebuild_hflags(env);
    }
}

void helper_sysreg_check(CPUARMState *env, const ARMSysReg *r, uint32_t syndrome,
                         uint32_t isread)
{
    ARMSysRegAccess acc = arm_sysreg_access(env, r, isread != 0);

    if (acc != SYSREG_ACCESS_OK) {
        arm_sysreg_raise(env, acc, syndrome, ARM_GETPC());
    }
}

/* ---- Dump ------------------------------------------------------------------ */

void arm_sysreg_dump(ARMCPU *cpu, GString *out)
{
    CPUARMState *env = &cpu->env;
    g_autoptr(GPtrArray) all = sysreg_sorted(cpu);
    int col = 0;

    for (guint i = 0; i < all->len; i++) {
        const ARMSysReg *r = g_ptr_array_index(all, i);
        uint64_t v;

        if (r->flags & (SYSREG_INSN | SYSREG_WO | SYSREG_NOP)) {
            continue;
        }
        if (r->flags & SYSREG_IO) {
            /* Reading may have side effects: only a plain field is shown. */
            if (r->fieldoffset < 0) {
                continue;
            }
            v = *(uint64_t *)((char *)env + r->fieldoffset);
        } else {
            v = arm_sysreg_get(env, r);
        }
        g_string_append_printf(out, "%-18s=%016" PRIx64 "%s", r->name, v,
                               (++col % 3) ? "  " : "\n");
    }
    if (col % 3) {
        g_string_append_c(out, '\n');
    }
}
