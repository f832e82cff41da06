/*
 * generic-loader.c — the "loader" device: puts a file or a value into guest
 * memory and optionally points a CPU at it, from the command line.
 *
 *   -device loader,file=fw.elf[,cpu-num=N]         ELF at its own addresses
 *   -device loader,file=blob.bin,addr=A[,cpu-num=N]  raw image at A
 *   -device loader,addr=A,data=V,data-len=L[,data-be=on][,cpu-num=N]
 *                                                  L (1/2/4/8) bytes of V at A
 *   -device loader,addr=A,cpu-num=N                CPU N starts at A
 *
 * With cpu-num, memory is written through that CPU's address space and,
 * for a file or a bare addr=, that CPU's PC is set to the entry point (ELF:
 * the physical entry, see LoadedImage.entry_phys; raw: addr) at every
 * machine reset. Without it, the system address space is used.
 *
 * The image is checked and written at realize, so a bad file is a clean
 * start-up error. A copy is kept and written again at each reset, so a
 * rebooted guest finds what the command line asked for even if it had
 * overwritten it.
 */
#include "util/osdep.h"
#include "util/error.h"
#include "hw/qdev.h"
#include "hw/core/cpu.h"
#include "hw/loader.h"
#include "sysemu/runstate.h"
#include "loader-internal.h"

#define TYPE_GENERIC_LOADER "loader"

typedef struct GenericLoaderState {
    DeviceState parent_obj;

    /* Properties */
    char *file;
    uint64_t addr;
    uint64_t data;
    uint8_t data_len;
    bool data_be;
    bool force_raw;
    uint32_t cpu_num;           /* CPU_NUM_NONE: not given */
    bool addr_set;              /* addr= and data= were given: 0 is a */
    bool data_set;              /* valid value of both */

    /* What realize decided, replayed at each reset */
    AddressSpace *as;
    CPUState *cpu;              /* NULL without cpu-num */
    GBytes *image;              /* ELF file, raw image or data bytes */
    bool is_elf;
    hwaddr load_addr;           /* raw image or data */
    bool set_pc;
    vaddr entry;
} GenericLoaderState;

#define CPU_NUM_NONE UINT32_MAX

#define GENERIC_LOADER(obj) \
    OBJECT_CHECK(GenericLoaderState, (obj), TYPE_GENERIC_LOADER)

/*
 * addr and data are uint64 properties that also remember being set, since
 * every value, 0 included, is meaningful. The parsing is the uint64 kind's.
 */
static bool generic_loader_set_u64(Object *obj, const Property *prop,
                                   const char *value, GError **errp)
{
    GenericLoaderState *s = GENERIC_LOADER(obj);
    Property plain = *prop;

    plain.info = &prop_info_uint64;
    if (!prop_info_uint64.set(obj, &plain, value, errp)) {
        return false;
    }
    if (strcmp(prop->name, "addr") == 0) {
        s->addr_set = true;
    } else {
        s->data_set = true;
    }
    return true;
}

static char *generic_loader_get_u64(Object *obj, const Property *prop)
{
    Property plain = *prop;

    plain.info = &prop_info_uint64;
    return prop_info_uint64.get(obj, &plain);
}

static void generic_loader_default_u64(Object *obj, const Property *prop)
{
    Property plain = *prop;

    plain.info = &prop_info_uint64;
    prop_info_uint64.set_default(obj, &plain);
}

static const PropertyInfo generic_loader_u64_info = {
    .type_name = "uint64",
    .set = generic_loader_set_u64,
    .get = generic_loader_get_u64,
    .set_default = generic_loader_default_u64,
};

/* Writes the image (again); errors only if the memory map changed since
 * realize checked it. */
static bool generic_loader_write(GenericLoaderState *s, GError **errp)
{
    gsize size;
    const void *data = g_bytes_get_data(s->image, &size);

    if (s->is_elf) {
        LoadedImage img;

        if (!load_elf_from_buffer(data, size, s->as, LOADER_EM_ANY, &img,
                                  errp)) {
            return false;
        }
        s->entry = img.entry_phys;
        return true;
    }
    return load_blob(s->as, s->load_addr, data, size,
                     s->file ? "image" : "data", errp);
}

static void generic_loader_set_pc(GenericLoaderState *s)
{
    CPUClass *cc;

    if (!s->set_pc) {
        return;
    }
    cc = CPU_GET_CLASS(s->cpu);
    if (cc->set_pc) {
        cc->set_pc(s->cpu, s->entry);
    }
}

/* Runs after the devices (CPUs included) have been reset. */
static void generic_loader_reset_handler(void *opaque)
{
    GenericLoaderState *s = opaque;
    GError *err = NULL;

    if (s->image && !generic_loader_write(s, &err)) {
        error_prepend(&err, "loader: at reset: ");
        warn_report("%s", err->message);
        g_error_free(err);
    }
    generic_loader_set_pc(s);
}

static bool generic_loader_realize_file(GenericLoaderState *s, GError **errp)
{
    gsize size;
    const void *data;

    if (s->data_set || s->data_len) {
        error_setg(errp, "file= and data= cannot be used together");
        return false;
    }
    if (!loader_read_file(s->file, UINT64_MAX, &s->image, errp)) {
        goto fail;
    }
    data = g_bytes_get_data(s->image, &size);
    if (size == 0) {
        error_setg(errp, "file is empty");
        goto fail;
    }
    s->is_elf = !s->force_raw && elf_has_magic(data, size);
    if (!s->is_elf) {
        if (!s->addr_set) {
            error_setg(errp, "not an ELF file: a raw image needs addr=");
            goto fail;
        }
        s->load_addr = s->addr;
        s->entry = s->addr;
    }
    if (!generic_loader_write(s, errp)) {
        goto fail;
    }
    s->set_pc = s->cpu != NULL;
    return true;

fail:
    error_prepend(errp, "could not load '%s': ", s->file);
    g_clear_pointer(&s->image, g_bytes_unref);
    return false;
}

static bool generic_loader_realize_data(GenericLoaderState *s, GError **errp)
{
    uint8_t bytes[8];

    if (!s->data_set) {
        error_setg(errp, "data-len= needs data=");
        return false;
    }
    if (!s->data_len) {
        error_setg(errp, "data= needs data-len= (1, 2, 4 or 8)");
        return false;
    }
    if (s->data_len != 1 && s->data_len != 2 && s->data_len != 4 &&
        s->data_len != 8) {
        error_setg(errp, "data-len=%u: must be 1, 2, 4 or 8", s->data_len);
        return false;
    }
    if (!s->addr_set) {
        error_setg(errp, "data= needs addr=");
        return false;
    }
    if (s->data_len < 8 && (s->data >> (s->data_len * 8))) {
        error_setg(errp, "data=0x%" PRIx64 " does not fit in data-len=%u "
                   "bytes", s->data, s->data_len);
        return false;
    }
    for (unsigned i = 0; i < s->data_len; i++) {
        unsigned shift = s->data_be ? (s->data_len - 1 - i) * 8 : i * 8;
        bytes[i] = s->data >> shift;
    }
    s->image = g_bytes_new(bytes, s->data_len);
    s->load_addr = s->addr;
    if (!generic_loader_write(s, errp)) {
        g_clear_pointer(&s->image, g_bytes_unref);
        return false;
    }
    return true;
}

static void generic_loader_realize(DeviceState *dev, GError **errp)
{
    GenericLoaderState *s = GENERIC_LOADER(dev);
    bool ok;

    if (s->cpu_num != CPU_NUM_NONE) {
        s->cpu = cpu_by_index(s->cpu_num);
        if (!s->cpu) {
            error_setg(errp, "cpu-num=%u: no such CPU (the machine has %d)",
                       s->cpu_num, cpu_count());
            return;
        }
    }
    s->as = s->cpu && s->cpu->as ? s->cpu->as : get_address_space_memory();

    if (s->file) {
        ok = generic_loader_realize_file(s, errp);
    } else if (s->data_set || s->data_len) {
        ok = generic_loader_realize_data(s, errp);
    } else if (s->cpu && s->addr_set) {
        s->entry = s->addr;
        s->set_pc = true;
        ok = true;
    } else {
        error_setg(errp, "needs file=, data= with data-len=, or addr= with "
                   "cpu-num=");
        ok = false;
    }
    if (!ok) {
        return;
    }

    /* Now for a CPU already reset, and again after every machine reset. */
    generic_loader_set_pc(s);
    reset_handler_register(generic_loader_reset_handler, s);
}

static void generic_loader_finalize(Object *obj)
{
    GenericLoaderState *s = GENERIC_LOADER(obj);

    g_clear_pointer(&s->image, g_bytes_unref);
}

static const Property generic_loader_props[] = {
    PROP_FIELD("file", prop_info_string, GenericLoaderState, file,
               .description = "image to load (ELF, or raw with addr=)"),
    PROP_FIELD("addr", generic_loader_u64_info, GenericLoaderState, addr,
               .description = "where a raw image or data goes; "
                              "the PC with cpu-num= alone"),
    PROP_FIELD("data", generic_loader_u64_info, GenericLoaderState, data,
               .description = "value to store at addr"),
    PROP_FIELD("data-len", prop_info_uint8, GenericLoaderState, data_len,
               .description = "size of data in bytes: 1, 2, 4 or 8"),
    PROP_FIELD("data-be", prop_info_bool, GenericLoaderState, data_be,
               .description = "store data big-endian"),
    PROP_FIELD("force-raw", prop_info_bool, GenericLoaderState, force_raw,
               .description = "load an ELF file as a raw image"),
    PROP_FIELD("cpu-num", prop_info_uint32, GenericLoaderState, cpu_num,
               .defval.u = CPU_NUM_NONE,
               .description = "CPU whose address space is used and whose "
                              "PC is set"),
    PROP_END
};

static void generic_loader_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "generic loader: a file or value into memory, a CPU's PC";
    dc->user_creatable = true;
    dc->realize = generic_loader_realize;
    object_class_add_props(oc, generic_loader_props);
}

static const TypeInfo generic_loader_info = {
    .name = TYPE_GENERIC_LOADER,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(GenericLoaderState),
    .description = "loads a file or a value into guest memory, sets a PC",
    .class_init = generic_loader_class_init,
    .instance_finalize = generic_loader_finalize,
};
TYPE_REGISTER(generic_loader_info)
