/*
 * cpu-models.c — the arm64 CPU models and the ISA feature tests.
 *
 * A model is a subclass of TYPE_ARM_CPU ("<model>-arm-cpu") whose init
 * fills the ID registers. The real cores take their values from the
 * Technical Reference Manuals (Cortex-A57 r1p3: ARM DDI 0488; Cortex-A72
 * r0p3: ARM DDI 0488-like TRM 100095), with one deliberate change: Turtle
 * implements no AArch32, so ID_AA64PFR0_EL1.EL0..EL3 say "AArch64 only"
 * and the AArch32 ID registers read as zero. ID_AA64PFR0_EL1.GIC is 1
 * (GICv3 system register interface) because every Turtle arm64 board has
 * a GICv3. EL2/EL3 fields follow the "has-el2"/"has-el3" properties.
 *
 * "max" advertises exactly what the translator and helpers implement.
 * Its ID register fields are listed in max_id_fields[] below, one row per
 * field with the reason: to enable a feature once its instructions exist,
 * add (or change) its row here and nowhere else.
 *
 * Every decision "is this instruction/feature present" goes through the
 * isar_feature_aa64_*() tests, which read the ID registers, so the guest
 * is never told something different from what it gets.
 */
#include "util/osdep.h"
#include "target/arm/cpu.h"
#include "target/arm/internals.h"

/* ---- Field positions (Arm ARM DDI 0487, D19.2 "ID_AA64*_EL1") ---------- */

/* ID_AA64ISAR0_EL1 */
#define ISAR0_AES       4
#define ISAR0_SHA1      8
#define ISAR0_SHA2      12
#define ISAR0_CRC32     16
#define ISAR0_ATOMIC    20
#define ISAR0_RDM       28
#define ISAR0_SHA3      32
#define ISAR0_DP        44
#define ISAR0_TS        52      /* FlagM */
#define ISAR0_TLB       56      /* TLBI outer-shareable and range */
#define ISAR0_RNDR      60
/* ID_AA64ISAR1_EL1 */
#define ISAR1_DPB       0
#define ISAR1_APA       4
#define ISAR1_API       8
#define ISAR1_JSCVT     12
#define ISAR1_FCMA      16
#define ISAR1_LRCPC     20
#define ISAR1_GPA       24
#define ISAR1_GPI       28
#define ISAR1_FRINTTS   32
#define ISAR1_SB        36
#define ISAR1_BF16      44
#define ISAR1_I8MM      52
#define ISAR1_XS        56
/* ID_AA64PFR0_EL1 */
#define PFR0_EL0        0
#define PFR0_EL1        4
#define PFR0_EL2        8
#define PFR0_EL3        12
#define PFR0_FP         16
#define PFR0_ADVSIMD    20
#define PFR0_GIC        24
#define PFR0_DIT        48
#define PFR0_CSV2       56
#define PFR0_CSV3       60
/* ID_AA64PFR1_EL1 */
#define PFR1_BT         0
#define PFR1_SSBS       4
/* ID_AA64MMFR0_EL1 */
#define MMFR0_PARANGE   0
#define MMFR0_ASIDBITS  4
#define MMFR0_BIGEND    8
#define MMFR0_SNSMEM    12
#define MMFR0_BIGENDEL0 16
#define MMFR0_TGRAN16   20
#define MMFR0_TGRAN64   24
#define MMFR0_TGRAN4    28
/* ID_AA64MMFR1_EL1 */
#define MMFR1_HAFDBS    0
#define MMFR1_VMIDBITS  4
#define MMFR1_VH        8
#define MMFR1_HPDS      12
#define MMFR1_PAN       20
#define MMFR1_XNX       28
#define MMFR1_ECBHB     60
/* ID_AA64MMFR2_EL1 */
#define MMFR2_UAO       4
#define MMFR2_VARANGE   16
#define MMFR2_ST        28
#define MMFR2_AT        32      /* LSE2 */
#define MMFR2_E0PD      60
/* ID_AA64DFR0_EL1 */
#define DFR0_DEBUGVER   0
#define DFR0_PMUVER     8
#define DFR0_BRPS       12
#define DFR0_WRPS       20
#define DFR0_CTX_CMPS   28

/* ---- Feature tests --------------------------------------------------------- */

#define FIELD(reg, shift) arm_id_field(isar->reg, shift)

bool isar_feature_aa64_atomics(const ARMISARegisters *isar) { return FIELD(id_aa64isar0, ISAR0_ATOMIC) >= 2; }
bool isar_feature_aa64_crc32(const ARMISARegisters *isar) { return FIELD(id_aa64isar0, ISAR0_CRC32) != 0; }
bool isar_feature_aa64_aes(const ARMISARegisters *isar) { return FIELD(id_aa64isar0, ISAR0_AES) != 0; }
bool isar_feature_aa64_pmull(const ARMISARegisters *isar) { return FIELD(id_aa64isar0, ISAR0_AES) >= 2; }
bool isar_feature_aa64_sha1(const ARMISARegisters *isar) { return FIELD(id_aa64isar0, ISAR0_SHA1) != 0; }
bool isar_feature_aa64_sha256(const ARMISARegisters *isar) { return FIELD(id_aa64isar0, ISAR0_SHA2) != 0; }
bool isar_feature_aa64_sha512(const ARMISARegisters *isar) { return FIELD(id_aa64isar0, ISAR0_SHA2) >= 2; }
bool isar_feature_aa64_sha3(const ARMISARegisters *isar) { return FIELD(id_aa64isar0, ISAR0_SHA3) != 0; }
bool isar_feature_aa64_rdm(const ARMISARegisters *isar) { return FIELD(id_aa64isar0, ISAR0_RDM) != 0; }
bool isar_feature_aa64_dp(const ARMISARegisters *isar) { return FIELD(id_aa64isar0, ISAR0_DP) != 0; }
bool isar_feature_aa64_flagm(const ARMISARegisters *isar) { return FIELD(id_aa64isar0, ISAR0_TS) != 0; }
bool isar_feature_aa64_rndr(const ARMISARegisters *isar) { return FIELD(id_aa64isar0, ISAR0_RNDR) != 0; }
bool isar_feature_aa64_jscvt(const ARMISARegisters *isar) { return FIELD(id_aa64isar1, ISAR1_JSCVT) != 0; }
bool isar_feature_aa64_fcma(const ARMISARegisters *isar) { return FIELD(id_aa64isar1, ISAR1_FCMA) != 0; }
bool isar_feature_aa64_lrcpc(const ARMISARegisters *isar) { return FIELD(id_aa64isar1, ISAR1_LRCPC) >= 1; }
bool isar_feature_aa64_lrcpc2(const ARMISARegisters *isar) { return FIELD(id_aa64isar1, ISAR1_LRCPC) >= 2; }
bool isar_feature_aa64_sb(const ARMISARegisters *isar) { return FIELD(id_aa64isar1, ISAR1_SB) != 0; }
bool isar_feature_aa64_frint(const ARMISARegisters *isar) { return FIELD(id_aa64isar1, ISAR1_FRINTTS) != 0; }
bool isar_feature_aa64_i8mm(const ARMISARegisters *isar) { return FIELD(id_aa64isar1, ISAR1_I8MM) != 0; }
bool isar_feature_aa64_bf16(const ARMISARegisters *isar) { return FIELD(id_aa64isar1, ISAR1_BF16) != 0; }

bool isar_feature_aa64_pauth(const ARMISARegisters *isar)
{
    return FIELD(id_aa64isar1, ISAR1_APA) || FIELD(id_aa64isar1, ISAR1_API) ||
           FIELD(id_aa64isar1, ISAR1_GPA) || FIELD(id_aa64isar1, ISAR1_GPI);
}

/* PFR0.FP: 0 = FP, 1 = FP with half precision, 0xf = none. */
bool isar_feature_aa64_fp16(const ARMISARegisters *isar) { return FIELD(id_aa64pfr0, PFR0_FP) == 1; }
bool isar_feature_aa64_dit(const ARMISARegisters *isar) { return FIELD(id_aa64pfr0, PFR0_DIT) != 0; }
bool isar_feature_aa64_csv2(const ARMISARegisters *isar) { return FIELD(id_aa64pfr0, PFR0_CSV2) != 0; }
bool isar_feature_aa64_bti(const ARMISARegisters *isar) { return FIELD(id_aa64pfr1, PFR1_BT) != 0; }
bool isar_feature_aa64_ssbs(const ARMISARegisters *isar) { return FIELD(id_aa64pfr1, PFR1_SSBS) != 0; }
bool isar_feature_aa64_pan(const ARMISARegisters *isar) { return FIELD(id_aa64mmfr1, MMFR1_PAN) != 0; }
bool isar_feature_aa64_hpds(const ARMISARegisters *isar) { return FIELD(id_aa64mmfr1, MMFR1_HPDS) != 0; }
bool isar_feature_aa64_vh(const ARMISARegisters *isar) { return FIELD(id_aa64mmfr1, MMFR1_VH) != 0; }
bool isar_feature_aa64_uao(const ARMISARegisters *isar) { return FIELD(id_aa64mmfr2, MMFR2_UAO) != 0; }
bool isar_feature_aa64_lse2(const ARMISARegisters *isar) { return FIELD(id_aa64mmfr2, MMFR2_AT) != 0; }

bool isar_feature_aa64_pmu(const ARMISARegisters *isar)
{
    unsigned v = FIELD(id_aa64dfr0, DFR0_PMUVER);
    return v != 0 && v != 0xf;
}

#undef FIELD

/* ---- Shared values -------------------------------------------------------------- */

/* AArch64 only at every EL, FP and AdvSIMD (0 = implemented), GICv3 CPU
 * interface. EL2/EL3 are set at realize from the properties. */
#define PFR0_BASE ((1ull << PFR0_EL0) | (1ull << PFR0_EL1) | (1ull << PFR0_GIC))

/* CTR_EL0 of the Cortex-A5x/A7x: IminLine 4 (64 bytes), L1Ip PIPT,
 * DminLine 4, ERG 4, CWG 4. */
#define CTR_A57 0x8444c004ull
/* CLIDR_EL1: L1 separate I/D, L2 unified, LoUIS 1, LoC 2, LoUU 1. */
#define CLIDR_A57 0x0a200023ull
/* DCZID_EL0: DC ZVA allowed, 2^4 words = 64 bytes. */
#define DCZID_64B 0x4ull

/* ---- Cortex-A57 ------------------------------------------------------------------------ */

static void cortex_a57_init(ARMCPU *cpu)
{
    ARMISARegisters *isar = &cpu->isar;

    isar->midr = 0x411fd073;        /* Arm, variant 1, part D07, r1p3 */
    isar->revidr = 0;
    isar->ctr = CTR_A57;
    isar->dczid = DCZID_64B;
    isar->clidr = CLIDR_A57;
    isar->id_aa64pfr0 = PFR0_BASE;
    isar->id_aa64dfr0 = 0x10305106; /* v8 debug, PMUv3, 6 BRPs, 4 WRPs, 2 CTX */
    isar->id_aa64isar0 = 0x00011120;    /* AES+PMULL, SHA1, SHA256, CRC32 */
    isar->id_aa64mmfr0 = 0x00001124;    /* 44-bit PA, 16-bit ASID, mixed endian,
                                         * 4K and 64K granules */
    isar->ccsidr[0] = 0x701fe00a;   /* L1D 32 KiB, 2-way, 64-byte lines */
    isar->ccsidr[1] = 0x201fe012;   /* L1I 48 KiB, 3-way */
    isar->ccsidr[2] = 0x70ffe07a;   /* L2 2 MiB, 16-way */
}

/* ---- Cortex-A72 ------------------------------------------------------------------------ */

static void cortex_a72_init(ARMCPU *cpu)
{
    ARMISARegisters *isar = &cpu->isar;

    isar->midr = 0x410fd083;        /* Arm, variant 0, part D08, r0p3 */
    isar->revidr = 0;
    isar->ctr = CTR_A57;
    isar->dczid = DCZID_64B;
    isar->clidr = CLIDR_A57;
    isar->id_aa64pfr0 = PFR0_BASE;
    isar->id_aa64dfr0 = 0x10305106;
    isar->id_aa64isar0 = 0x00011120;
    isar->id_aa64mmfr0 = 0x00001124;
    isar->ccsidr[0] = 0x701fe00a;   /* L1D 32 KiB, 2-way */
    isar->ccsidr[1] = 0x201fe012;   /* L1I 48 KiB, 3-way */
    isar->ccsidr[2] = 0x707fe07a;   /* L2 1 MiB, 16-way */
}

/* ---- max --------------------------------------------------------------------------------- */

enum { IDREG_ISAR0, IDREG_ISAR1, IDREG_PFR0, IDREG_PFR1, IDREG_MMFR0,
       IDREG_MMFR1, IDREG_MMFR2, IDREG_DFR0 };

typedef struct ARMIdField {
    int reg;                        /* IDREG_* */
    int shift;
    unsigned value;                 /* 4-bit field value */
    const char *why;
} ARMIdField;

/*
 * The ID register fields "max" sets (all others are 0, i.e. "not
 * implemented" for almost every field, "implemented" for PFR0.FP/AdvSIMD
 * and the MMFR0 TGran64/TGran4 fields). One row per field.
 */
static const ARMIdField max_id_fields[] = {
    /* Exception levels and interrupts */
    { IDREG_PFR0, PFR0_EL0, 1, "EL0: AArch64 only" },
    { IDREG_PFR0, PFR0_EL1, 1, "EL1: AArch64 only" },
    { IDREG_PFR0, PFR0_GIC, 1, "GICv3 system register CPU interface" },
    { IDREG_PFR0, PFR0_DIT, 1, "FEAT_DIT: PSTATE.DIT (MSR imm, MRS/MSR DIT, kept "
                               "across exceptions); timing is data-independent anyway" },
    { IDREG_PFR0, PFR0_CSV2, 1, "no branch-target speculation between contexts "
                                "(an emulator does not speculate)" },
    { IDREG_PFR0, PFR0_CSV3, 1, "no speculative loads of faulting data" },
    { IDREG_PFR1, PFR1_SSBS, 2, "FEAT_SSBS2: PSTATE.SSBS (MSR imm, MRS/MSR SSBS, "
                                "SCTLR_ELx.DSSBS on exception entry)" },
    { IDREG_MMFR1, MMFR1_ECBHB, 1, "branch history cannot steer other contexts "
                                   "(no speculation)" },
    { IDREG_MMFR1, MMFR1_VH, 1, "FEAT_VHE: HCR_EL2.E2H, EL2&0 regime, *_EL12/*_EL02 "
                                "(cleared at realize unless has-el2=on)" },
    /* Instructions */
    { IDREG_ISAR0, ISAR0_AES, 2, "AESE/AESD/AESMC/AESIMC and PMULL/PMULL2 (64-bit)" },
    { IDREG_ISAR0, ISAR0_SHA1, 1, "SHA1C/SHA1P/SHA1M/SHA1H/SHA1SU0/SHA1SU1" },
    { IDREG_ISAR0, ISAR0_SHA2, 2, "SHA256H/SHA256H2/SHA256SU0/SHA256SU1 and FEAT_SHA512: "
                                  "SHA512H/SHA512H2/SHA512SU0/SHA512SU1" },
    { IDREG_ISAR0, ISAR0_SHA3, 1, "FEAT_SHA3: EOR3, RAX1, XAR, BCAX" },
    { IDREG_ISAR0, ISAR0_RDM, 1, "FEAT_RDM: SQRDMLAH, SQRDMLSH" },
    { IDREG_ISAR0, ISAR0_DP, 1, "FEAT_DotProd: SDOT, UDOT (vector and by element)" },
    { IDREG_ISAR1, ISAR1_JSCVT, 1, "FEAT_JSCVT: FJCVTZS" },
    { IDREG_ISAR1, ISAR1_FRINTTS, 1, "FEAT_FRINTTS: FRINT32Z/32X/64Z/64X" },
    { IDREG_PFR0, PFR0_FP, 1, "FEAT_FP16: half-precision FP data processing" },
    { IDREG_PFR0, PFR0_ADVSIMD, 1, "FEAT_FP16: half-precision AdvSIMD data processing" },
    { IDREG_ISAR0, ISAR0_CRC32, 1, "CRC32B..CRC32CX" },
    { IDREG_ISAR0, ISAR0_ATOMIC, 2, "FEAT_LSE: CAS/CASP, LDADD..., SWP" },
    { IDREG_ISAR0, ISAR0_TS, 2, "FEAT_FlagM: CFINV, RMIF, SETF8/16; FEAT_FlagM2: "
                                "AXFLAG, XAFLAG" },
    { IDREG_ISAR0, ISAR0_TLB, 2, "FEAT_TLBIOS (TLBI *OS) and FEAT_TLBIRANGE "
                                 "(TLBI RVA*: range flushes of the softmmu TLB)" },
    { IDREG_ISAR1, ISAR1_LRCPC, 2, "FEAT_LRCPC: LDAPR; FEAT_LRCPC2: LDAPUR*, STLUR "
                                   "(unscaled offset)" },
    { IDREG_ISAR1, ISAR1_SB, 1, "FEAT_SB: SB (full barrier, ends the block)" },
    { IDREG_ISAR1, ISAR1_XS, 1, "FEAT_XS: DSB nXS and the TLBI ...nXS forms (same "
                                "effect as without nXS: Turtle has no XS memory)" },
    /* Memory model */
    { IDREG_MMFR0, MMFR0_PARANGE, 6, "52-bit physical addresses: FEAT_LPA (64K "
                                     "granule, OA[51:48] in descriptors and TTBR); "
                                     "4K/16K output addresses stay 48-bit (no LPA2)" },
    { IDREG_MMFR0, MMFR0_ASIDBITS, 2, "16-bit ASIDs" },
    { IDREG_MMFR0, MMFR0_SNSMEM, 1, "Secure/Non-secure memory distinction" },
    { IDREG_MMFR0, MMFR0_TGRAN16, 1, "16K granule: implemented (1; no LPA2: not 2)" },
    { IDREG_MMFR0, MMFR0_TGRAN64, 0, "64K granule: implemented (0)" },
    { IDREG_MMFR0, MMFR0_TGRAN4, 0, "4K granule: implemented (0; no LPA2: not 1)" },
    { IDREG_MMFR0, MMFR0_BIGEND, 0, "little-endian data only: SCTLR.EE/E0E RES0" },
    { IDREG_MMFR1, MMFR1_HAFDBS, 2, "FEAT_HAFDBS: hardware Access flag (TCR.HA) and "
                                    "dirty state (TCR.HD, DBM) by atomic descriptor "
                                    "updates, stage 1 and 2" },
    { IDREG_MMFR1, MMFR1_VMIDBITS, 0, "8-bit VMIDs" },
    { IDREG_MMFR1, MMFR1_HPDS, 1, "FEAT_HPDS: TCR_ELx.HPD0/HPD1 disable the "
                                  "hierarchical table permissions" },
    { IDREG_MMFR1, MMFR1_PAN, 2, "FEAT_PAN: PSTATE.PAN, SCTLR_EL1.SPAN; FEAT_PAN2: "
                                 "AT S1E1RP/S1E1WP" },
    { IDREG_MMFR1, MMFR1_XNX, 1, "FEAT_XNX: stage 2 XN[1:0] (separate EL0/EL1 "
                                 "execute-never)" },
    { IDREG_MMFR2, MMFR2_UAO, 1, "FEAT_UAO: PSTATE.UAO for LDTR/STTR" },
    { IDREG_MMFR2, MMFR2_VARANGE, 1, "FEAT_LVA: 52-bit VAs with the 64K granule "
                                     "(TxSZ down to 12)" },
    { IDREG_MMFR2, MMFR2_ST, 1, "FEAT_TTST: small translation tables (TxSZ up to "
                                "48, 47 with 64K)" },
    { IDREG_MMFR2, MMFR2_E0PD, 1, "FEAT_E0PD: TCR_EL1.E0PD0/E0PD1 fault EL0 accesses "
                                  "to a VA range (level 0 translation fault)" },
    /* Debug and PMU */
    { IDREG_DFR0, DFR0_DEBUGVER, 6, "Armv8.0 debug (registers stored, no effect)" },
    { IDREG_DFR0, DFR0_PMUVER, 1, "PMUv3: cycle counter only (PMCR_EL0.N = 0)" },
    { IDREG_DFR0, DFR0_BRPS, 5, "6 breakpoint register pairs (stored only)" },
    { IDREG_DFR0, DFR0_WRPS, 3, "4 watchpoint register pairs (stored only)" },
    { IDREG_DFR0, DFR0_CTX_CMPS, 1, "2 context-aware breakpoints" },
};

static void max_init(ARMCPU *cpu)
{
    ARMISARegisters *isar = &cpu->isar;
    uint64_t *regs[] = {
        [IDREG_ISAR0] = &isar->id_aa64isar0, [IDREG_ISAR1] = &isar->id_aa64isar1,
        [IDREG_PFR0] = &isar->id_aa64pfr0, [IDREG_PFR1] = &isar->id_aa64pfr1,
        [IDREG_MMFR0] = &isar->id_aa64mmfr0, [IDREG_MMFR1] = &isar->id_aa64mmfr1,
        [IDREG_MMFR2] = &isar->id_aa64mmfr2, [IDREG_DFR0] = &isar->id_aa64dfr0,
    };

    /* Implementer 0x00 ("reserved for software use"), architecture 0xf
     * (see ID registers), part 0x7a1, r0p0. */
    isar->midr = 0x000f7a10;
    isar->revidr = 0;
    /* CTR_EL0 as the A57, plus IDC (bit 28) and DIC (bit 29): Turtle
     * keeps instruction fetches coherent with data writes (writes to code
     * invalidate translations), so no cache maintenance is needed for it. */
    isar->ctr = CTR_A57 | (1ull << 28) | (1ull << 29);
    isar->dczid = DCZID_64B;
    isar->clidr = CLIDR_A57;
    isar->ccsidr[0] = 0x701fe00a;
    isar->ccsidr[1] = 0x201fe012;
    isar->ccsidr[2] = 0x70ffe07a;
    for (size_t i = 0; i < ARRAY_SIZE(max_id_fields); i++) {
        const ARMIdField *f = &max_id_fields[i];
        uint64_t *r = regs[f->reg];

        *r = (*r & ~(0xfull << f->shift)) | ((uint64_t)(f->value & 0xf) << f->shift);
    }
}

/* ---- Registration ------------------------------------------------------------------------- */

static const ARMCPUModel arm_cpu_models[] = {
    { "cortex-a57", "Arm Cortex-A57 r1p3 (Armv8.0, crypto, CRC32)", cortex_a57_init },
    { "cortex-a72", "Arm Cortex-A72 r0p3 (Armv8.0, crypto, CRC32)", cortex_a72_init },
    { "max", "every feature Turtle implements (Armv8.0 + LSE, PAN2, UAO, HAFDBS, "
      "LPA/LVA, FlagM2, LRCPC2, SB, DIT, SSBS2, TLBI range, XS, crypto, CRC32)",
      max_init },
};

static void arm_cpu_model_class_init(ObjectClass *oc, const void *data)
{
    ARMCPUClass *acc = ARM_CPU_CLASS(oc);

    acc->model = data;
    DEVICE_CLASS(oc)->desc = acc->model->description;
}

void arm_cpu_models_register(void)
{
    static bool done;

    if (done) {
        return;
    }
    done = true;
    for (size_t i = 0; i < ARRAY_SIZE(arm_cpu_models); i++) {
        const ARMCPUModel *m = &arm_cpu_models[i];
        TypeInfo *ti = g_new0(TypeInfo, 1);

        ti->name = g_strconcat(m->name, ARM_CPU_TYPE_SUFFIX, NULL);
        ti->parent = TYPE_ARM_CPU;
        ti->class_init = arm_cpu_model_class_init;
        ti->class_data = m;
        ti->description = m->description;
        type_register(ti);
    }
}

static void __attribute__((constructor)) arm_cpu_models_init(void)
{
    arm_cpu_models_register();
}
