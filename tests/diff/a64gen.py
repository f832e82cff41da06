#!/usr/bin/env python3
"""a64gen.py — random A64 test cases for the differential test (tests/diff).

Writes a case file (format in a64-case.h): each case is an initial state
(X0-X30, NZCV, V0-V31, a 4 KiB sandbox) and a block of code made of a
prologue that loads the state, a random body, and an epilogue that stores
the state back. The same file runs under Turtle and under the oracle
(qemu-aarch64), and compare.py compares what each wrote.

The body only holds instructions whose result the architecture defines
(no CONSTRAINED UNPREDICTABLE register overlaps, aligned exclusives and
atomics, forward branches only) and that an EL0 Linux process may run.
Register conventions inside the body:
    SP   the state area (never written)
    X28  the middle of the sandbox (never written)
    X27  base of the next memory access, set just before it
    X26  index register of register-offset accesses, set just before it
    X0-X25, X29, X30   random values, destinations of everything else

Instruction classes are functions registered in CLASSES with a weight; an
FP/SIMD helper adds its own (e.g. in a sibling module) the same way:
a class takes the Gen and appends words with g.emit(). Optional
architecture features are only used when listed in --features (both
sides must implement them): crc32, flagm, flagm2, lse, rcpc, dczva.
"""
import argparse
import random
import struct
import sys

CODE_BASE = 0x40200000
DATA_BASE = 0x40300000
SANDBOX_SIZE = 4096
SANDBOX_MID = DATA_BASE + SANDBOX_SIZE // 2
STATE_BASE = DATA_BASE + 0x10000
STATE_SIZE = 1024
OFF_NZCV = 248
OFF_RET = 256
OFF_V = 272
MAGIC = 0x43343641          # 'A64C'

WREGS = list(range(0, 26)) + [29, 30]       # destinations
RREGS = list(range(0, 31))                  # sources (31 = ZR where allowed)


def r_src(rng, zr=True):
    pool = RREGS + ([31] if zr else [])
    return rng.choice(pool)


# ---------------------------------------------------------------------------
# Encoders (Arm ARM DDI 0487, C4.1 / C6.2 / C7.2)

def enc_addsub_imm(sf, op, s, sh, imm12, rn, rd):
    return (sf << 31) | (op << 30) | (s << 29) | (0b100010 << 23) | (sh << 22) | \
        (imm12 << 10) | (rn << 5) | rd


def enc_ldst_uimm(size, v, opc, imm12, rn, rt):
    return (size << 30) | (0b111 << 27) | (v << 26) | (0b01 << 24) | (opc << 22) | \
        (imm12 << 10) | (rn << 5) | rt


def enc_ldst_imm9(size, v, opc, imm9, mode, rn, rt):
    return (size << 30) | (0b111 << 27) | (v << 26) | (opc << 22) | \
        ((imm9 & 0x1ff) << 12) | (mode << 10) | (rn << 5) | rt


def enc_ldst_reg(size, v, opc, rm, option, s, rn, rt):
    return (size << 30) | (0b111 << 27) | (v << 26) | (opc << 22) | (1 << 21) | \
        (rm << 16) | (option << 13) | (s << 12) | (0b10 << 10) | (rn << 5) | rt


def enc_ldstp(opc, v, mode, l, imm7, rt2, rn, rt):
    return (opc << 30) | (0b101 << 27) | (v << 26) | (mode << 23) | (l << 22) | \
        ((imm7 & 0x7f) << 15) | (rt2 << 10) | (rn << 5) | rt


def enc_movw(sf, opc, hw, imm16, rd):
    return (sf << 31) | (opc << 29) | (0b100101 << 23) | (hw << 21) | (imm16 << 5) | rd


MOVZ, MOVN, MOVK = 2, 0, 3
MRS_NZCV_X0 = 0xd53b4200        # mrs x0, nzcv
MSR_NZCV_X0 = 0xd51b4200        # msr nzcv, x0
CLREX = 0xd503305f
RET = 0xd65f03c0


def mov_imm64(rd, value):
    """MOVZ/MOVK sequence loading a 64-bit constant."""
    words = [enc_movw(1, MOVZ, 0, value & 0xffff, rd)]
    for hw in range(1, 4):
        part = (value >> (16 * hw)) & 0xffff
        if part:
            words.append(enc_movw(1, MOVK, hw, part, rd))
    return words


def prologue():
    w = [CLREX]
    w.append(enc_ldst_uimm(3, 0, 1, OFF_NZCV // 8, 31, 0))      # ldr x0, [sp, #248]
    w.append(MSR_NZCV_X0)
    for i in range(0, 32, 2):                                   # ldp qi, qi+1
        w.append(enc_ldstp(2, 1, 2, 1, (OFF_V + i * 16) // 16, i + 1, 31, i))
    for i in range(0, 30, 2):                                   # ldp xi, xi+1
        w.append(enc_ldstp(2, 0, 2, 1, i, i + 1, 31, i))
    w.append(enc_ldst_uimm(3, 0, 1, 30, 31, 30))                # ldr x30, [sp, #240]
    return w


def epilogue():
    w = []
    for i in range(0, 30, 2):
        w.append(enc_ldstp(2, 0, 2, 0, i, i + 1, 31, i))        # stp xi, xi+1
    w.append(enc_ldst_uimm(3, 0, 0, 30, 31, 30))                # str x30
    w.append(MRS_NZCV_X0)
    w.append(enc_ldst_uimm(3, 0, 0, OFF_NZCV // 8, 31, 0))      # str x0, [sp, #248]
    for i in range(0, 32, 2):
        w.append(enc_ldstp(2, 1, 2, 0, (OFF_V + i * 16) // 16, i + 1, 31, i))
    w.append(enc_ldst_uimm(3, 0, 1, OFF_RET // 8, 31, 30))      # ldr x30, [sp, #256]
    w.append(RET)
    return w


# ---------------------------------------------------------------------------
# Generator state

class Gen:
    def __init__(self, rng, body_len):
        self.rng = rng
        self.words = []
        self.body_len = body_len
        # pending forward branches: (index of the branch word, encoder(k))
        # are resolved immediately since we know the remaining length.

    def emit(self, *words):
        self.words.extend(words)

    def remaining(self):
        return self.body_len - len(self.words)

    # Memory base helpers: X27 = X28 + off, returns off.
    def set_base(self, off):
        if off >= 0:
            self.emit(enc_addsub_imm(1, 0, 0, 0, off, 28, 27))
        else:
            self.emit(enc_addsub_imm(1, 1, 0, 0, -off, 28, 27))

    def set_index(self, value):
        """X26 = value (small, may be negative)."""
        if value >= 0:
            self.emit(enc_movw(1, MOVZ, 0, value, 26))
        else:
            self.emit(enc_movw(1, MOVN, 0, -value - 1, 26))


def rand_value(rng):
    k = rng.randrange(10)
    if k == 0:
        return rng.choice([0, 1, 2, 0xffffffffffffffff, 0x7fffffffffffffff,
                           0x8000000000000000, 0xffffffff, 0x80000000,
                           0x7fffffff, 0x100000000])
    if k == 1:
        return rng.randrange(0, 64)
    if k == 2:
        return rng.getrandbits(32)
    if k == 3:
        return (1 << 64) - rng.randrange(1, 300)
    return rng.getrandbits(64)


# ---------------------------------------------------------------------------
# Integer data processing

def c_addsub_imm(g):
    r = g.rng
    s = r.randrange(2)
    rd = r.choice(WREGS + ([31] if s else []))
    rn = r.choice(RREGS + [31])         # 31 = SP as a source
    g.emit(enc_addsub_imm(r.randrange(2), r.randrange(2), s, r.randrange(2),
                          r.getrandbits(12), rn, rd))


def logic_imm_fields(r, sf):
    esize = r.choice([2, 4, 8, 16, 32] + ([64] if sf else []))
    s = r.randrange(esize - 1)
    rot = r.randrange(esize)
    if esize == 64:
        return 1, rot, s
    imms = ((~(esize * 2 - 1)) & 0x3f) | s
    return 0, rot, imms


def c_logic_imm(g):
    r = g.rng
    sf = r.randrange(2)
    opc = r.randrange(4)
    n, immr, imms = logic_imm_fields(r, sf)
    rd = r.choice(WREGS + ([31] if opc == 3 else []))
    g.emit((sf << 31) | (opc << 29) | (0b100100 << 23) | (n << 22) | (immr << 16) |
           (imms << 10) | (r_src(r) << 5) | rd)


def c_movw(g):
    r = g.rng
    sf = r.randrange(2)
    g.emit(enc_movw(sf, r.choice([MOVZ, MOVN, MOVK]), r.randrange(4 if sf else 2),
                    r.getrandbits(16), r.choice(WREGS)))


def c_bitfield(g):
    r = g.rng
    sf = r.randrange(2)
    w = 64 if sf else 32
    g.emit((sf << 31) | (r.randrange(3) << 29) | (0b100110 << 23) | (sf << 22) |
           (r.randrange(w) << 16) | (r.randrange(w) << 10) | (r_src(r) << 5) |
           r.choice(WREGS))


def c_extr(g):
    r = g.rng
    sf = r.randrange(2)
    g.emit((sf << 31) | (0b100111 << 23) | (sf << 22) | (r_src(r) << 16) |
           (r.randrange(64 if sf else 32) << 10) | (r_src(r) << 5) | r.choice(WREGS))


def c_adr(g):
    r = g.rng
    op = r.randrange(2)
    imm = r.getrandbits(21)
    g.emit((op << 31) | ((imm & 3) << 29) | (0b10000 << 24) | ((imm >> 2) << 5) |
           r.choice(WREGS))


def c_logic_reg(g):
    r = g.rng
    sf = r.randrange(2)
    g.emit((sf << 31) | (r.randrange(4) << 29) | (0b01010 << 24) | (r.randrange(4) << 22) |
           (r.randrange(2) << 21) | (r_src(r) << 16) | (r.randrange(64 if sf else 32) << 10) |
           (r_src(r) << 5) | r.choice(WREGS + [31]))


def c_addsub_reg(g):
    r = g.rng
    sf = r.randrange(2)
    g.emit((sf << 31) | (r.randrange(4) << 29) | (0b01011 << 24) | (r.randrange(3) << 22) |
           (r_src(r) << 16) | (r.randrange(64 if sf else 32) << 10) | (r_src(r) << 5) |
           r.choice(WREGS + [31]))


def c_addsub_ext(g):
    r = g.rng
    sf = r.randrange(2)
    op, s = r.randrange(2), r.randrange(2)
    rd = r.choice(WREGS + ([31] if s else []))
    rn = r.choice(RREGS + [31])
    g.emit((sf << 31) | (op << 30) | (s << 29) | (0b01011 << 24) | (1 << 21) |
           (r_src(r) << 16) | (r.randrange(8) << 13) | (r.randrange(5) << 10) |
           (rn << 5) | rd)


def c_adc(g):
    r = g.rng
    g.emit((r.randrange(2) << 31) | (r.randrange(4) << 29) | (0b11010000 << 21) |
           (r_src(r) << 16) | (r_src(r) << 5) | r.choice(WREGS + [31]))


def c_ccmp(g):
    r = g.rng
    g.emit((r.randrange(2) << 31) | (r.randrange(2) << 30) | (1 << 29) |
           (0b11010010 << 21) | (r.choice([r_src(r), r.randrange(32)]) << 16) |
           (r.randrange(16) << 12) | (r.randrange(2) << 11) | (r_src(r) << 5) |
           r.randrange(16))


def c_csel(g):
    r = g.rng
    g.emit((r.randrange(2) << 31) | (r.randrange(2) << 30) | (0b11010100 << 21) |
           (r_src(r) << 16) | (r.randrange(16) << 12) | (r.randrange(2) << 10) |
           (r_src(r) << 5) | r.choice(WREGS + [31]))


def emit_flag_setter(g):
    """SUBS/CMP (register or immediate), ADDS or ANDS/TST, random width; the
    destination is often a source (the compare operands must be copies)."""
    r = g.rng
    sf = r.randrange(2)
    rn = r_src(r, zr=False)
    rd = r.choice(([rn] if rn in WREGS else []) + [31] + WREGS)
    k = r.randrange(4)
    if k == 0:      # subs/adds shifted register
        g.emit((sf << 31) | (r.randrange(2) << 30) | (1 << 29) | (0b01011 << 24) |
               (r.randrange(3) << 22) | (r_src(r) << 16) |
               (r.choice([0, r.randrange(32 << sf)]) << 10) | (rn << 5) | rd)
    elif k == 1:    # subs register, no shift (plain cmp)
        g.emit((sf << 31) | (0b11 << 29) | (0b01011 << 24) | (r_src(r) << 16) |
               (rn << 5) | rd)
    elif k == 2:    # subs/adds immediate
        g.emit(enc_addsub_imm(sf, r.randrange(2), 1, 0,
                              r.choice([0, 1, r.getrandbits(12)]), rn, rd))
    else:           # ands / tst
        g.emit((sf << 31) | (0b11 << 29) | (0b01010 << 24) | (r.randrange(4) << 22) |
               (r_src(r) << 16) | (r.randrange(32 << sf) << 10) | (rn << 5) | rd)


def c_cmp_csel(g):
    """A flag setter directly followed by a conditional select."""
    emit_flag_setter(g)
    c_csel(g)


def c_dp1(g):
    r = g.rng
    sf = r.randrange(2)
    opcode = r.choice([0, 1, 2, 4, 5] + ([3] if sf else []))
    g.emit((sf << 31) | (1 << 30) | (0b11010110 << 21) | (opcode << 10) |
           (r_src(r) << 5) | r.choice(WREGS))


def c_dp2(g):
    r = g.rng
    sf = r.randrange(2)
    if 'crc32' in g.features and r.randrange(4) == 0:
        sz = 3 if sf else r.randrange(3)
        opcode = 0b010000 | (r.randrange(2) << 2) | sz      # CRC32{C}
    else:
        opcode = r.choice([2, 3, 8, 9, 10, 11])
    g.emit((sf << 31) | (0b11010110 << 21) | (r_src(r) << 16) | (opcode << 10) |
           (r_src(r) << 5) | r.choice(WREGS))


def c_dp3(g):
    r = g.rng
    kind = r.choice(['madd', 'msub', 'smaddl', 'smsubl', 'umaddl', 'umsubl',
                     'smulh', 'umulh'])
    op31, o0, sf = {'madd': (0, 0, None), 'msub': (0, 1, None),
                    'smaddl': (1, 0, 1), 'smsubl': (1, 1, 1),
                    'umaddl': (5, 0, 1), 'umsubl': (5, 1, 1),
                    'smulh': (2, 0, 1), 'umulh': (6, 0, 1)}[kind]
    if sf is None:
        sf = r.randrange(2)
    ra = 31 if kind in ('smulh', 'umulh') else r_src(r)
    g.emit((sf << 31) | (0b11011 << 24) | (op31 << 21) | (r_src(r) << 16) | (o0 << 15) |
           (ra << 10) | (r_src(r) << 5) | r.choice(WREGS))


def c_flagm(g):
    r = g.rng
    if 'flagm' not in g.features:
        return c_csel(g)
    k = r.randrange(5)
    if k == 1 and 'flagm2' not in g.features:
        k = 0
    if k == 0:
        g.emit(0xd500401f)                                  # cfinv
    elif k == 1:
        g.emit(0xd500403f if r.randrange(2) else 0xd500405f)  # xaflag / axflag
    elif k == 2:                                            # rmif
        g.emit((0b10111010000 << 21) | (r.randrange(64) << 15) | (1 << 10) |
               (r_src(r) << 5) | r.randrange(16))
    else:                                                   # setf8 / setf16
        g.emit((0b00111010000 << 21) | (r.randrange(2) << 14) | (0b0010 << 10) |
               (r_src(r) << 5) | 0b01101)


# ---------------------------------------------------------------------------
# Branches (forward only)

def c_branch(g):
    r = g.rng
    k = r.randrange(0, 5)                # classes in the skipped block
    kind = r.randrange(6)
    at = len(g.words)
    if kind == 0:
        if r.randrange(2):
            emit_flag_setter(g)                                             # cmp; b.cond
            at = len(g.words)
        g.emit(0)                                                           # b.cond
        enc = lambda off: (0b01010100 << 24) | (off << 5) | r.randrange(16)
    elif kind == 1:
        g.emit(0)                                                           # cbz/cbnz
        sf, nz, rt = r.randrange(2), r.randrange(2), r_src(r)
        enc = lambda off: (sf << 31) | (0b011010 << 25) | (nz << 24) | (off << 5) | rt
    elif kind == 2:
        g.emit(0)                                                           # tbz/tbnz
        b, nz, rt = r.randrange(64), r.randrange(2), r_src(r)
        enc = lambda off: (((b >> 5) << 31) | (0b011011 << 25) | (nz << 24) |
                           ((b & 31) << 19) | (off << 5) | rt)
    elif kind == 3:
        g.emit(0)                                                           # b / bl
        link = r.randrange(2)
        enc = lambda off: (link << 31) | (0b00101 << 26) | off
    else:
        # adr x25, <after the skipped block>; br/blr x25
        g.emit(0, 0xd61f0000 | (r.randrange(2) << 21) | (25 << 5))
        enc = lambda off: (0b10000 << 24) | ((off + 1) << 5) | 25
    before = len(g.words)
    for _ in range(k):
        pick_class(g, allow_branch=False)
    # offset in words from the branch (or the ADR) to the first word after
    # the skipped block
    g.words[at] = enc(len(g.words) - before + 1)


# ---------------------------------------------------------------------------
# Loads and stores

def mem_rt_load(r):
    return r.choice(WREGS + [31])


def c_ldst_imm(g):
    r = g.rng
    size = r.randrange(4)
    opc = r.randrange(4)
    if size == 3 and opc >= 2:
        opc = r.randrange(2)
    if size == 2 and opc == 3:
        opc = 2
    is_load = opc != 0
    mode = r.randrange(4)           # 0 unscaled, 1 post, 2 unpriv, 3 pre
    form = r.randrange(3)
    if form == 0:
        # unsigned offset, scaled
        uimm = r.randrange(0, 64)
        g.set_base(r.randrange(-800, 800))
        rt = mem_rt_load(r) if is_load else r_src(r)
        g.emit(enc_ldst_uimm(size, 0, opc, uimm, 27, rt))
    elif form == 1:
        imm9 = r.randrange(-256, 256)
        g.set_base(r.randrange(-800, 800))
        if mode in (1, 3):
            rt = r.choice(WREGS if is_load else [x for x in RREGS if x != 27])
        else:
            rt = mem_rt_load(r) if is_load else r_src(r)
        g.emit(enc_ldst_imm9(size, 0, opc, imm9, mode, 27, rt))
    else:
        option = r.choice([2, 3, 6, 7])
        s = r.randrange(2)
        if option == 2:
            g.set_index(r.randrange(0, 200))
        else:
            g.set_index(r.randrange(-200, 200))
        g.set_base(r.randrange(-200, 200))
        rt = mem_rt_load(r) if is_load else r_src(r)
        g.emit(enc_ldst_reg(size, 0, opc, 26, option, s, 27, rt))


def c_ldst_pair(g):
    r = g.rng
    kind = r.randrange(5)       # 0 stp w, 1 stp x, 2 ldp w, 3 ldp x, 4 ldpsw
    opc, l = [(0, 0), (2, 0), (0, 1), (2, 1), (1, 1)][kind]
    mode = r.randrange(4)       # 0 no-allocate, 1 post, 2 offset, 3 pre
    if kind == 4 and mode == 0:
        mode = 2
    imm7 = r.randrange(-40, 40)
    g.set_base(r.randrange(-700, 700))
    if l:
        rt, rt2 = r.sample(WREGS + [31], 2)
        if rt == 31 and rt2 == 31:
            rt = 0
    elif mode in (1, 3):
        pool = [x for x in RREGS if x != 27] + [31]
        rt, rt2 = r.choice(pool), r.choice(pool)
    else:
        rt, rt2 = r_src(r), r_src(r)
    g.emit(enc_ldstp(opc, 0, mode, l, imm7, rt2, 27, rt))


def c_ldst_simd(g):
    r = g.rng
    k = r.randrange(6)
    vt = r.randrange(32)
    if k == 0:      # ldr/str b/h/s/d/q, unsigned offset
        size = r.randrange(5)
        l = r.randrange(2)
        g.set_base(r.randrange(-800, 800))
        sz, opc = (0, 2 | l) if size == 4 else (size, l)
        g.emit(enc_ldst_uimm(sz, 1, opc, r.randrange(0, 32), 27, vt))
    elif k == 1:    # ldur/stur and pre/post index
        size = r.randrange(5)
        l = r.randrange(2)
        g.set_base(r.randrange(-800, 800))
        sz, opc = (0, 2 | l) if size == 4 else (size, l)
        g.emit(enc_ldst_imm9(sz, 1, opc, r.randrange(-256, 256),
                             r.choice([0, 1, 3]), 27, vt))
    elif k == 2:    # ldp/stp s/d/q
        opc = r.randrange(3)
        l = r.randrange(2)
        g.set_base(r.randrange(-700, 700))
        vt2 = r.randrange(32)
        if l and vt2 == vt:
            vt2 = (vt + 1) % 32
        g.emit(enc_ldstp(opc, 1, r.randrange(4), l, r.randrange(-20, 20), vt2, 27, vt))
    elif k == 3:    # ld1-4 / st1-4 multiple structures
        q = r.randrange(2)
        l = r.randrange(2)
        opcode, regs = r.choice([(0, 4), (2, 4), (4, 3), (6, 3), (7, 1), (8, 2), (10, 2)])
        size = r.randrange(4)
        if size == 3 and not q and opcode in (0, 4, 8):
            size = 2
        g.set_base(r.randrange(-600, 600))
        post = r.randrange(2)
        if post:
            rm = r.choice([31, 26])
            if rm == 26:
                g.set_index(r.randrange(-64, 64))
            g.emit((q << 30) | (0b0011001 << 23) | (l << 22) | (rm << 16) | (opcode << 12) |
                   (size << 10) | (27 << 5) | vt)
        else:
            g.emit((q << 30) | (0b0011000 << 23) | (l << 22) | (opcode << 12) |
                   (size << 10) | (27 << 5) | vt)
    elif k == 4:    # ld1-4 / st1-4 single structure (lane)
        q = r.randrange(2)
        l = r.randrange(2)
        rbit = r.randrange(2)
        scale = r.randrange(3)
        s = r.randrange(2)
        if scale == 0:
            size = r.randrange(4)
        elif scale == 1:
            size = r.randrange(2) * 2
        else:
            size = r.randrange(2)
            if size == 1:
                s = 0
        op2 = r.randrange(2)        # opcode<0>: selem 3/4
        opcode = (scale << 1) | op2
        g.set_base(r.randrange(-600, 600))
        g.emit((q << 30) | (0b0011010 << 23) | (l << 22) | (rbit << 21) | (opcode << 13) |
               (s << 12) | (size << 10) | (27 << 5) | vt)
    else:           # ld1r-ld4r
        q = r.randrange(2)
        rbit = r.randrange(2)
        op2 = r.randrange(2)
        g.set_base(r.randrange(-600, 600))
        g.emit((q << 30) | (0b0011010 << 23) | (1 << 22) | (rbit << 21) |
               (((3 << 1) | op2) << 13) | (r.randrange(4) << 10) | (27 << 5) | vt)


def c_exclusive(g):
    r = g.rng
    k = r.randrange(3)
    if k == 0:      # ldxr/ldaxr + stxr/stlxr
        size = r.randrange(4)
        g.set_base(r.randrange(-50, 50) * 8)
        rt = r.choice(WREGS)
        g.emit((size << 30) | (0b001000010 << 21) | (31 << 16) | (r.randrange(2) << 15) |
               (31 << 10) | (27 << 5) | rt)
        if r.randrange(2):
            c_addsub_imm(g)
        rs = r.choice([x for x in WREGS])
        rt2 = r.choice([x for x in RREGS if x != rs and x != 27])
        g.emit((size << 30) | (0b001000000 << 21) | (rs << 16) | (r.randrange(2) << 15) |
               (31 << 10) | (27 << 5) | rt2)
    elif k == 1:    # ldxp/stxp
        sf = r.randrange(2)
        g.set_base(r.randrange(-50, 50) * 16)
        rt, rt2 = r.sample(WREGS, 2)
        g.emit((1 << 31) | (sf << 30) | (0b001000011 << 21) | (31 << 16) |
               (r.randrange(2) << 15) | (rt2 << 10) | (27 << 5) | rt)
        rs = r.choice(WREGS)
        a, b = r.sample([x for x in RREGS if x not in (rs, 27)], 2)
        g.emit((1 << 31) | (sf << 30) | (0b001000001 << 21) | (rs << 16) |
               (r.randrange(2) << 15) | (b << 10) | (27 << 5) | a)
    else:           # ldar/stlr/ldapr
        size = r.randrange(4)
        g.set_base(r.randrange(-50, 50) * 8)
        kk = r.randrange(3)
        if kk == 0:
            g.emit((size << 30) | (0b001000110 << 21) | (31 << 16) | (1 << 15) |
                   (31 << 10) | (27 << 5) | r.choice(WREGS))
        elif kk == 1:
            g.emit((size << 30) | (0b001000100 << 21) | (31 << 16) | (1 << 15) |
                   (31 << 10) | (27 << 5) | r_src(r))
        elif 'rcpc' in g.features:
            g.emit((size << 30) | (0b111000101 << 21) | (31 << 16) | (0b110000 << 10) |
                   (27 << 5) | r.choice(WREGS))
        else:
            g.emit((size << 30) | (0b001000110 << 21) | (31 << 16) | (1 << 15) |
                   (31 << 10) | (27 << 5) | r.choice(WREGS))


def c_atomic(g):
    r = g.rng
    if 'lse' not in g.features:
        return c_exclusive(g)
    size = r.randrange(4)
    g.set_base(r.randrange(-50, 50) * 8)
    k = r.randrange(4)
    if k <= 1:      # ld<op> / swp
        o3 = r.randrange(2)
        opc = 0 if o3 else r.randrange(8)
        g.emit((size << 30) | (0b111000 << 24) | (r.randrange(2) << 23) |
               (r.randrange(2) << 22) | (1 << 21) | (r_src(r) << 16) | (o3 << 15) |
               (opc << 12) | (27 << 5) | r.choice(WREGS + [31]))
    elif k == 2:    # cas
        rs = r.choice(WREGS)
        g.emit((size << 30) | (0b0010001 << 23) | (r.randrange(2) << 22) | (1 << 21) |
               (rs << 16) | (r.randrange(2) << 15) | (31 << 10) | (27 << 5) | r_src(r))
    else:           # casp
        sf = r.randrange(2)
        g.set_base(r.randrange(-50, 50) * 16)
        rs = r.choice([x for x in range(0, 26, 2)])
        rt = r.choice([x for x in range(0, 30, 2)])
        g.emit((sf << 30) | (0b0010000 << 23) | (r.randrange(2) << 22) | (1 << 21) |
               (rs << 16) | (r.randrange(2) << 15) | (31 << 10) | (27 << 5) | rt)


def c_dczva(g):
    if 'dczva' not in g.features:
        return c_ldst_imm(g)
    g.set_base(g.rng.randrange(-20, 20) * 64)
    g.emit(0xd50b7420 | 27)                  # dc zva, x27


def c_literal(g):
    r = g.rng
    # ldr from the code itself (the prologue words): known contents.
    off = -r.randrange(1, len(g.words) + 1)
    k = r.randrange(3)
    if k == 0:
        g.emit((r.randrange(2) << 30) | (0b011000 << 24) | ((off & 0x7ffff) << 5) |
               r.choice(WREGS))
    elif k == 1:
        g.emit((0b10011000 << 24) | ((off & 0x7ffff) << 5) | r.choice(WREGS))
    else:
        g.emit((r.randrange(3) << 30) | (0b011100 << 24) | ((off & 0x7ffff) << 5) |
               r.randrange(32))


CLASSES = {
    'int': [(c_addsub_imm, 6), (c_logic_imm, 4), (c_movw, 3), (c_bitfield, 4),
            (c_extr, 2), (c_adr, 1), (c_logic_reg, 5), (c_addsub_reg, 5),
            (c_addsub_ext, 3), (c_adc, 3), (c_ccmp, 3), (c_csel, 4), (c_dp1, 3),
            (c_dp2, 4), (c_dp3, 4), (c_flagm, 1), (c_cmp_csel, 3)],
    'branch': [(c_branch, 3)],
    'ldst': [(c_ldst_imm, 8), (c_ldst_pair, 4), (c_ldst_simd, 4), (c_exclusive, 2),
             (c_atomic, 2), (c_dczva, 1), (c_literal, 1)],
}


# The FP, Advanced SIMD and crypto classes ('fp', 'simd', 'crypto') live in
# a sibling module owned by the FP/SIMD front end.
try:
    import a64gen_simd
    CLASSES.update(a64gen_simd.CLASSES)
except ImportError:
    pass

def pick_class(g, allow_branch=True):
    table = [(f, w) for name in g.classes for (f, w) in CLASSES[name]
             if allow_branch or f is not c_branch]
    total = sum(w for _, w in table)
    x = g.rng.randrange(total)
    for f, w in table:
        if x < w:
            f(g)
            return
        x -= w


ALL_FEATURES = 'crc32,flagm,flagm2,lse,rcpc,dczva'


def make_case(rng, body_len, classes, features):
    g = Gen(rng, body_len)
    g.classes = classes
    g.features = features
    pro = prologue()
    g.words = []
    # Literal loads refer back into the prologue: keep the whole code in
    # g.words while generating, then cut the body out.
    g.words = list(pro)
    g.body_len = body_len + len(pro)
    while g.remaining() > 0:
        pick_class(g)
    code = g.words + epilogue()
    regs = [rand_value(rng) for _ in range(31)]
    regs[28] = SANDBOX_MID
    nzcv = rng.randrange(16) << 28
    vregs = bytes(rng.getrandbits(8) for _ in range(512))
    sandbox = bytes(rng.getrandbits(8) for _ in range(SANDBOX_SIZE))
    return regs, nzcv, vregs, sandbox, code


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-o', '--output', required=True)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--cases', type=int, default=400)
    ap.add_argument('--insns', type=int, default=500, help='body length of a case')
    ap.add_argument('--classes', default='int,branch,ldst')
    ap.add_argument('--features', default=ALL_FEATURES,
                    help='optional features both sides implement (%s)' % ALL_FEATURES)
    args = ap.parse_args()
    features = set(f for f in args.features.split(',') if f)
    rng = random.Random(args.seed)
    classes = args.classes.split(',')
    with open(args.output, 'wb') as f:
        f.write(struct.pack('<II', MAGIC, args.cases))
        for _ in range(args.cases):
            regs, nzcv, vregs, sandbox, code = make_case(rng, args.insns, classes, features)
            f.write(struct.pack('<II', len(code), 0))
            f.write(struct.pack('<31Q', *regs))
            f.write(struct.pack('<Q', nzcv))
            f.write(vregs)
            f.write(sandbox)
            f.write(struct.pack('<%dI' % len(code), *code))
            if len(code) & 1:
                f.write(b'\0' * 4)
    return 0


if __name__ == '__main__':
    sys.exit(main())
