/*
 * arm_gicv3_common.c — the GICv3 device: type, properties, realize and
 * reset, interrupt input lines, the per-CPU highest-pending-interrupt
 * bookkeeping shared by the distributor, redistributors and CPU interfaces,
 * and "info pic".
 *
 * Follows Arm IHI 0069 (GIC architecture version 3 and 4), chapter 4
 * "Physical Interrupt Handling and Prioritization". The register files are
 * arm_gicv3_dist.c (GICD_*), arm_gicv3_redist.c (GICR_*) and
 * arm_gicv3_cpuif.c (ICC_*); arm_gicv3_sysreg.c connects the CPU interface
 * to an arm64 CPU's system registers.
 *
 * Properties:
 *   num-cpu   uint32  1     redistributors / CPU interfaces (1..512)
 *   num-irq   uint32  288   SPIs + 32, a multiple of 32 in 64..1024
 *   revision  uint32  3     architecture revision (GICD_PIDR2.ArchRev)
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/log.h"
#include "monitor/monitor.h"
#include "arm_gicv3_internal.h"

/* ---- Candidates and the cached best pending interrupt ---------------- */

static const GICv3Pending gicv3_none = {
    .intid = GICV3_SPURIOUS, .prio = GICV3_PRIO_IDLE, .group = 0,
};

static inline bool gicv3_better(uint8_t prio, uint32_t intid,
                                const GICv3Pending *than)
{
    /* Equal priorities: the lower INTID wins, so that an incremental update
     * and a full rescan always agree. */
    return prio < than->prio || (prio == than->prio && intid < than->intid);
}

/* Bits of a group bitmap word whose group is enabled in GICD_CTLR: the
 * distributor forwards nothing of a disabled group, SGIs and PPIs included
 * (IHI 0069 12.9.4, EnableGrp0/EnableGrp1). */
static inline uint32_t gicv3_group_enabled_mask(const GICv3State *s,
                                                uint32_t groupword)
{
    uint32_t m = 0;

    if (s->gicd_ctlr & GICD_CTLR_EN_GRP0) {
        m |= ~groupword;
    }
    if (s->gicd_ctlr & GICD_CTLR_EN_GRP1) {
        m |= groupword;
    }
    return m;
}

static inline uint32_t gicv3_redist_candidates(const GICv3CPUState *cs)
{
    return gicv3_redist_pending(cs) & cs->gicr_ienabler0 & ~cs->gicr_iactiver0 &
           gicv3_group_enabled_mask(cs->gic, cs->gicr_igroupr0);
}

static inline uint32_t gicv3_dist_candidates(const GICv3State *s, unsigned w)
{
    return gicv3_dist_pending_word(s, w) & s->enabled[w] & ~s->active[w] &
           gicv3_group_enabled_mask(s, s->group[w]);
}

/* Whether an SPI's routing makes it a candidate for cs. With 1-of-N
 * routing every awake PE is offered the interrupt; the first to
 * acknowledge it takes it and the others see it go away (a spurious
 * acknowledge at worst, which the architecture allows). */
static inline bool gicv3_spi_routed_to(const GICv3State *s, unsigned irq,
                                       const GICv3CPUState *cs)
{
    int t = s->spi_target[irq];

    return t == cs->index ||
           (t == GICV3_TARGET_ANY && !(cs->gicr_waker & GICR_WAKER_PS));
}

static void gicv3_consider_private(GICv3CPUState *cs, uint32_t bits,
                                   GICv3Pending *best)
{
    while (bits) {
        unsigned i = __builtin_ctz(bits);

        bits &= bits - 1;
        if (gicv3_better(cs->gicr_ipriorityr[i], i, best)) {
            best->intid = i;
            best->prio = cs->gicr_ipriorityr[i];
            best->group = (cs->gicr_igroupr0 >> i) & 1;
        }
    }
}

static void gicv3_consider_spis(GICv3CPUState *cs, unsigned w, uint32_t bits,
                                GICv3Pending *best)
{
    GICv3State *s = cs->gic;

    while (bits) {
        unsigned irq = w * 32 + __builtin_ctz(bits);

        bits &= bits - 1;
        if (gicv3_spi_routed_to(s, irq, cs) &&
            gicv3_better(s->priority[irq], irq, best)) {
            best->intid = irq;
            best->prio = s->priority[irq];
            best->group = gicv3_bit(s->group, irq);
        }
    }
}

static void gicv3_rescan(GICv3CPUState *cs)
{
    GICv3State *s = cs->gic;
    GICv3Pending best = gicv3_none;

    gicv3_consider_private(cs, gicv3_redist_candidates(cs), &best);
    for (unsigned w = 1; w < s->num_irq / 32; w++) {
        uint32_t bits = gicv3_dist_candidates(s, w);

        if (bits) {
            gicv3_consider_spis(cs, w, bits, &best);
        }
    }
    if (cs->hpplpi.intid != GICV3_SPURIOUS &&
        gicv3_better(cs->hpplpi.prio, cs->hpplpi.intid, &best)) {
        best = cs->hpplpi;
    }
    cs->hppi = best;
}

void gicv3_cpu_recompute(GICv3CPUState *cs)
{
    gicv3_rescan(cs);
    gicv3_cpuif_update(cs);
}

void gicv3_recompute_all(GICv3State *s)
{
    for (unsigned i = 0; i < s->num_cpu; i++) {
        gicv3_cpu_recompute(&s->cpu[i]);
    }
}

void gicv3_redist_update(GICv3CPUState *cs, uint32_t changed)
{
    if (cs->hppi.intid < GICV3_INTERNAL && (changed & (1u << cs->hppi.intid))) {
        /* The current best changed: it may have stopped being a candidate
         * or become less urgent, so look again at everything. */
        gicv3_rescan(cs);
    } else {
        gicv3_consider_private(cs, gicv3_redist_candidates(cs) & changed,
                               &cs->hppi);
    }
    gicv3_cpuif_update(cs);
}

void gicv3_dist_update_word(GICv3State *s, unsigned w, uint32_t changed)
{
    uint32_t cand = gicv3_dist_candidates(s, w) & changed;

    for (unsigned i = 0; i < s->num_cpu; i++) {
        GICv3CPUState *cs = &s->cpu[i];
        uint32_t id = cs->hppi.intid;

        if (id >= GICV3_INTERNAL && id < s->num_irq && id / 32 == w &&
            (changed & (1u << (id % 32)))) {
            gicv3_rescan(cs);
        } else if (cand) {
            gicv3_consider_spis(cs, w, cand, &cs->hppi);
        }
        gicv3_cpuif_update(cs);
    }
}

/* ---- Routing ---------------------------------------------------------- */

GICv3CPUState *gicv3_cpu_by_affinity(GICv3State *s, uint32_t aff)
{
    for (unsigned i = 0; i < s->num_cpu; i++) {
        if (s->cpu[i].affinity == aff) {
            return &s->cpu[i];
        }
    }
    return NULL;
}

int gicv3_route(GICv3State *s, uint64_t irouter)
{
    uint32_t aff;
    GICv3CPUState *cs;

    if (irouter & (1ull << 31)) {           /* Interrupt_Routing_Mode */
        return GICV3_TARGET_ANY;
    }
    aff = (uint32_t)(irouter & 0xffffff) | (uint32_t)((irouter >> 32) & 0xff) << 24;
    cs = gicv3_cpu_by_affinity(s, aff);
    return cs ? cs->index : GICV3_TARGET_NONE;
}

int gicv3_irq_group(GICv3CPUState *cs, unsigned intid)
{
    GICv3State *s = cs->gic;

    if (intid < GICV3_INTERNAL) {
        return (cs->gicr_igroupr0 >> intid) & 1;
    }
    if (intid < s->num_irq) {
        return gicv3_bit(s->group, intid);
    }
    return GICV3_G1;                        /* LPIs are Group 1 */
}

void gicv3_activate(GICv3CPUState *cs, unsigned intid)
{
    GICv3State *s = cs->gic;

    if (intid < GICV3_INTERNAL) {
        uint32_t bit = 1u << intid;

        cs->gicr_iactiver0 |= bit;
        cs->gicr_ipendr0 &= ~bit;
        gicv3_redist_update(cs, bit);
    } else if (intid < s->num_irq) {
        gicv3_set_bit(s->active, intid, true);
        gicv3_set_bit(s->pending, intid, false);
        gicv3_dist_update(s, intid);
    }
    /* LPIs have no active state: acknowledging clears their pending bit,
     * which is the ITS code's business once LPIs exist. */
}

void gicv3_deactivate(GICv3CPUState *cs, unsigned intid)
{
    GICv3State *s = cs->gic;

    if (intid < GICV3_INTERNAL) {
        uint32_t bit = 1u << intid;

        if (cs->gicr_iactiver0 & bit) {
            cs->gicr_iactiver0 &= ~bit;
            gicv3_redist_update(cs, bit);
        }
    } else if (intid < s->num_irq) {
        if (gicv3_bit(s->active, intid)) {
            gicv3_set_bit(s->active, intid, false);
            gicv3_dist_update(s, intid);
        }
    }
}

/* ---- Input lines -------------------------------------------------------- */

static void gicv3_set_irq(void *opaque, int n, int level)
{
    GICv3State *s = ARM_GICV3(opaque);
    unsigned num_spis = s->num_irq - GICV3_INTERNAL;

    level = level != 0;
    if ((unsigned)n < num_spis) {
        unsigned irq = n + GICV3_INTERNAL;

        if (gicv3_bit(s->level, irq) == level) {
            return;
        }
        gicv3_set_bit(s->level, irq, level);
        if (level && gicv3_bit(s->edge_trigger, irq)) {
            gicv3_set_bit(s->pending, irq, true);
        }
        gicv3_dist_update(s, irq);
    } else {
        unsigned cpu = (n - num_spis) / GICV3_INTERNAL;
        unsigned ppi = (n - num_spis) % GICV3_INTERNAL;
        GICv3CPUState *cs;
        uint32_t bit = 1u << ppi;

        if (cpu >= s->num_cpu || ppi < 16) {
            return;                         /* SGIs have no input line */
        }
        cs = &s->cpu[cpu];
        if (!!(cs->level & bit) == level) {
            return;
        }
        cs->level = level ? cs->level | bit : cs->level & ~bit;
        if (level && (cs->edge_trigger & bit)) {
            cs->gicr_ipendr0 |= bit;
        }
        gicv3_redist_update(cs, bit);
    }
}

IRQLine *arm_gicv3_spi(DeviceState *gic, int spi)
{
    GICv3State *s = ARM_GICV3(gic);

    if (spi < 0 || (unsigned)spi >= s->num_irq - GICV3_INTERNAL) {
        fprintf(stderr, "arm-gicv3: no SPI %d (num-irq %u)\n", spi, s->num_irq);
        abort();
    }
    return device_get_gpio_in(gic, spi);
}

IRQLine *arm_gicv3_ppi(DeviceState *gic, int cpu, int ppi)
{
    GICv3State *s = ARM_GICV3(gic);

    if (cpu < 0 || (unsigned)cpu >= s->num_cpu || ppi < 16 || ppi > 31) {
        fprintf(stderr, "arm-gicv3: no PPI %d on CPU %d\n", ppi, cpu);
        abort();
    }
    return device_get_gpio_in(gic, s->num_irq - GICV3_INTERNAL +
                                   cpu * GICV3_INTERNAL + ppi);
}

uint64_t arm_gicv3_redist_size(DeviceState *gic)
{
    GICv3State *s = ARM_GICV3(gic);

    return (uint64_t)s->num_cpu * s->redist_stride;
}

/* ---- CPUs ---------------------------------------------------------------- */

void gicv3_set_cpu(GICv3State *s, int n, CPUState *cpu)
{
    GICv3CPUState *cs;
    uint64_t mpidr;

    if (!s->cpu || n < 0 || (unsigned)n >= s->num_cpu) {
        fprintf(stderr, "arm-gicv3: no CPU interface %d (num-cpu %u)\n",
                n, s->num_cpu);
        abort();
    }
    cs = &s->cpu[n];
    if (cs->cpu && cs->signalled) {
        cpu_reset_interrupt(cs->cpu, cs->signalled);
    }
    cs->signalled = 0;
    cs->cpu = cpu;
    mpidr = cpu ? cpu->mp_affinity : (uint64_t)n;
    cs->affinity = (uint32_t)(mpidr & 0xffffff) | (uint32_t)((mpidr >> 32) & 0xff) << 24;
    /* Routing by affinity depends on every PE's affinity. */
    for (unsigned irq = GICV3_INTERNAL; irq < s->num_irq; irq++) {
        s->spi_target[irq] = gicv3_route(s, s->irouter[irq]);
    }
    gicv3_recompute_all(s);
}

/* ---- "info pic" ------------------------------------------------------- */

static GPtrArray *gicv3_instances;

static void gicv3_print_set(GString *out, const char *what, const GArray *ids)
{
    if (ids->len == 0) {
        return;
    }
    g_string_append_printf(out, "    %s:", what);
    for (guint i = 0; i < ids->len;) {
        unsigned first = g_array_index(ids, unsigned, i);
        guint j = i;

        while (j + 1 < ids->len && g_array_index(ids, unsigned, j + 1) ==
               g_array_index(ids, unsigned, j) + 1) {
            j++;
        }
        if (j == i) {
            g_string_append_printf(out, " %u", first);
        } else {
            g_string_append_printf(out, " %u-%u", first, g_array_index(ids, unsigned, j));
        }
        i = j + 1;
    }
    g_string_append_c(out, '\n');
}

void gicv3_print_info(GICv3State *s, GString *out)
{
    g_autofree char *path = object_get_canonical_path(OBJECT(s));

    g_string_append_printf(out,
        "GICv3 %s: revision %u, %u CPUs, %u IRQs, GICD_CTLR=0x%08x (Grp0 %s, Grp1 %s)\n",
        path ? path : "(detached)", s->revision, s->num_cpu, s->num_irq,
        s->gicd_ctlr, (s->gicd_ctlr & GICD_CTLR_EN_GRP0) ? "on" : "off",
        (s->gicd_ctlr & GICD_CTLR_EN_GRP1) ? "on" : "off");
    for (unsigned c = 0; c < s->num_cpu; c++) {
        GICv3CPUState *cs = &s->cpu[c];
        g_autoptr(GArray) pend = g_array_new(FALSE, FALSE, sizeof(unsigned));
        g_autoptr(GArray) act = g_array_new(FALSE, FALSE, sizeof(unsigned));
        g_autoptr(GArray) en = g_array_new(FALSE, FALSE, sizeof(unsigned));
        uint32_t pr = gicv3_redist_pending(cs);

        g_string_append_printf(out,
            "  CPU %u (affinity %u.%u.%u.%u)%s: WAKER=0x%x PMR=0x%02x RPR=0x%02x "
            "IGRPEN0=%u IGRPEN1=%u AP0R0=0x%08x AP1R0=0x%08x CTLR=0x%" PRIx64 "%s%s\n",
            c, cs->affinity >> 24, (cs->affinity >> 16) & 0xff,
            (cs->affinity >> 8) & 0xff, cs->affinity & 0xff,
            cs->cpu ? "" : " (no CPU)", cs->gicr_waker, (unsigned)cs->icc_pmr,
            gicv3_running_priority(cs), (unsigned)cs->icc_igrpen[0],
            (unsigned)cs->icc_igrpen[1], (unsigned)cs->icc_apr[0][0],
            (unsigned)cs->icc_apr[1][0], gicv3_icc_ctlr_read(cs),
            (cs->signalled & CPU_INTERRUPT_HARD) ? " IRQ" : "",
            (cs->signalled & CPU_INTERRUPT_FIQ) ? " FIQ" : "");
        if (cs->hppi.intid != GICV3_SPURIOUS) {
            g_string_append_printf(out, "    best pending: %u (priority 0x%02x, group %u)\n",
                                   cs->hppi.intid, cs->hppi.prio, cs->hppi.group);
        }
        for (unsigned i = 0; i < GICV3_INTERNAL; i++) {
            if (pr & (1u << i)) {
                g_array_append_val(pend, i);
            }
            if (cs->gicr_iactiver0 & (1u << i)) {
                g_array_append_val(act, i);
            }
            if (cs->gicr_ienabler0 & (1u << i)) {
                g_array_append_val(en, i);
            }
        }
        gicv3_print_set(out, "pending", pend);
        gicv3_print_set(out, "active", act);
        gicv3_print_set(out, "enabled", en);
        if (cs->ich_hcr_el2 & ICH_HCR_EN) {
            g_string_append_printf(out,
                "    virtual: ICH_HCR=0x%08" PRIx64 " ICH_VMCR=0x%08" PRIx64
                " ICH_AP0R0=0x%08" PRIx64 " ICH_AP1R0=0x%08" PRIx64 "%s%s\n",
                cs->ich_hcr_el2, cs->ich_vmcr_el2, cs->ich_apr[0][0], cs->ich_apr[1][0],
                (cs->signalled & CPU_INTERRUPT_VIRQ) ? " VIRQ" : "",
                (cs->signalled & CPU_INTERRUPT_VFIQ) ? " VFIQ" : "");
            for (unsigned i = 0; i < GICV3_NUM_LRS; i++) {
                if (cs->ich_lr_el2[i] >> ICH_LR_STATE_SHIFT) {
                    g_string_append_printf(out, "      LR%u=0x%016" PRIx64 "\n",
                                           i, cs->ich_lr_el2[i]);
                }
            }
        }
    }

    {
        g_autoptr(GArray) pend = g_array_new(FALSE, FALSE, sizeof(unsigned));
        g_autoptr(GArray) act = g_array_new(FALSE, FALSE, sizeof(unsigned));
        g_autoptr(GArray) en = g_array_new(FALSE, FALSE, sizeof(unsigned));

        g_string_append(out, "  SPIs:\n");
        for (unsigned i = GICV3_INTERNAL; i < s->num_irq; i++) {
            if (gicv3_bit(s->pending, i) ||
                (gicv3_bit(s->level, i) && !gicv3_bit(s->edge_trigger, i))) {
                g_array_append_val(pend, i);
            }
            if (gicv3_bit(s->active, i)) {
                g_array_append_val(act, i);
            }
            if (gicv3_bit(s->enabled, i)) {
                g_array_append_val(en, i);
            }
        }
        gicv3_print_set(out, "pending", pend);
        gicv3_print_set(out, "active", act);
        gicv3_print_set(out, "enabled", en);
    }
}

static void gicv3_hmp_info_pic(Monitor *mon, GString *out, const char *args)
{
    if (!gicv3_instances || gicv3_instances->len == 0) {
        g_string_append(out, "no GICv3 in this machine\n");
        return;
    }
    for (guint i = 0; i < gicv3_instances->len; i++) {
        gicv3_print_info(g_ptr_array_index(gicv3_instances, i), out);
    }
}

static const HMPInfoCommand gicv3_info_pic_cmd = {
    .name = "pic",
    .help = "show the state of the interrupt controller",
    .handler = gicv3_hmp_info_pic,
};

/* ---- Device ---------------------------------------------------------------- */

static void gicv3_realize(DeviceState *dev, GError **errp)
{
    GICv3State *s = ARM_GICV3(dev);
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);

    if (s->num_cpu < 1 || s->num_cpu > GICV3_MAX_CPUS) {
        error_setg(errp, "num-cpu %u out of range 1-%u", s->num_cpu, GICV3_MAX_CPUS);
        return;
    }
    if (s->num_irq < 64 || s->num_irq > GICV3_MAXIRQ || s->num_irq % 32) {
        error_setg(errp, "num-irq %u must be a multiple of 32 in 64-%u",
                   s->num_irq, GICV3_MAXIRQ);
        return;
    }
    if (s->revision != 3) {
        error_setg(errp, "revision %u is not supported (only 3: GICv4 needs the ITS)",
                   s->revision);
        return;
    }
    if (s->cpu) {
        return;                             /* realized before: keep the wiring */
    }
    s->redist_stride = s->revision >= 4 ? GICV3_REDIST_STRIDE_V4 : GICV3_REDIST_STRIDE_V3;
    s->cpu = g_new0(GICv3CPUState, s->num_cpu);
    for (unsigned i = 0; i < s->num_cpu; i++) {
        s->cpu[i].gic = s;
        s->cpu[i].index = i;
        s->cpu[i].affinity = i;             /* until a CPU is connected */
        s->cpu[i].hppi = gicv3_none;
        s->cpu[i].hpplpi = gicv3_none;
    }
    memory_region_init_io(&s->iomem_dist, OBJECT(s), &gicv3_dist_ops, s,
                          "gicv3-dist", GICV3_DIST_SIZE);
    memory_region_init_io(&s->iomem_redist, OBJECT(s), &gicv3_redist_ops, s,
                          "gicv3-redist", (uint64_t)s->num_cpu * s->redist_stride);
    sysbus_init_mmio(sbd, &s->iomem_dist);
    sysbus_init_mmio(sbd, &s->iomem_redist);
    device_init_gpio_in(dev, gicv3_set_irq,
                        s->num_irq - GICV3_INTERNAL + s->num_cpu * GICV3_INTERNAL);

    if (!gicv3_instances) {
        gicv3_instances = g_ptr_array_new();
        hmp_register_info(&gicv3_info_pic_cmd);
    }
    g_ptr_array_add(gicv3_instances, s);
}

static void gicv3_reset(DeviceState *dev)
{
    GICv3State *s = ARM_GICV3(dev);

    if (!s->cpu) {
        return;
    }
    gicv3_dist_reset(s);
    for (unsigned i = 0; i < s->num_cpu; i++) {
        GICv3CPUState *cs = &s->cpu[i];

        gicv3_redist_reset(cs);
        gicv3_cpuif_reset(cs);
        cs->hppi = gicv3_none;
        cs->hpplpi = gicv3_none;
    }
    gicv3_recompute_all(s);
}

static void gicv3_finalize(Object *obj)
{
    GICv3State *s = ARM_GICV3(obj);

    if (gicv3_instances) {
        g_ptr_array_remove(gicv3_instances, s);
    }
    if (s->cpu) {
        memory_region_destroy(&s->iomem_dist);
        memory_region_destroy(&s->iomem_redist);
        g_free(s->cpu);
        s->cpu = NULL;
    }
}

static const Property gicv3_props[] = {
    PROP_UINT32("num-cpu", GICv3State, num_cpu, 1),
    PROP_UINT32("num-irq", GICv3State, num_irq, 288),
    PROP_UINT32("revision", GICv3State, revision, 3),
    PROP_END
};

static void gicv3_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "Arm GICv3 interrupt controller";
    dc->realize = gicv3_realize;
    dc->reset = gicv3_reset;
    object_class_add_props(oc, gicv3_props);
}

static const TypeInfo gicv3_info = {
    .name = TYPE_ARM_GICV3,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(GICv3State),
    .instance_finalize = gicv3_finalize,
    .class_init = gicv3_class_init,
    .description = "Arm GICv3 interrupt controller (distributor, redistributors, CPU interfaces)",
};
TYPE_REGISTER(gicv3_info)
