"""a64gen_simd.py — FP, Advanced SIMD and crypto instruction classes of the
A64 differential test generator (a64gen.py imports this module and merges
CLASSES into its own).

Classes:
  fp      scalar floating point: arithmetic, FMA, compares (NZCV), FCSEL,
          FMOV, conversions (precisions, integers, fixed point), FRINT*
  simd    Advanced SIMD integer and FP, vector and scalar: three same,
          three different, two-register misc, across lanes, pairwise,
          shifts by immediate, by element, copies, modified immediates,
          permutes, EXT, TBL/TBX
  crypto  AES, PMULL (64-bit), SHA-1, SHA-256 (optional features: only when
          --features lists aes, sha1, sha256 as both sides implementing
          them; in system mode Turtle's ID registers decide)
  fp16    FEAT_FP16 scalar and vector (when both sides implement it)
  ext     SHA-512, SHA-3, RDM, dot product, FRINTTS, JSCVT (likewise)
  fpcr    MSR FPCR with random rounding mode / FZ / DN / AHP / FZ16
          (system mode only)

Only allocated encodings with architecturally defined results are made.
FPCR is 0 on both sides unless the fpcr class changes it; FPSR is not
compared.
Every V register is free for use; results to general registers go to
a64gen's WREGS.  Arm ARM DDI 0487, C4.1 / C7.2 for the encodings.
"""

WREGS = list(range(0, 26)) + [29, 30]
RREGS = list(range(0, 31))


def v(r):
    return r.randrange(32)


# ---------------------------------------------------------------------------
# Scalar floating point

def enc_fp_2src(ftype, opc, rm, rn, rd):
    return (0b00011110 << 24) | (ftype << 22) | (1 << 21) | (rm << 16) | \
        (opc << 12) | (0b10 << 10) | (rn << 5) | rd


def ftype_of(r):
    return r.choice([0, 1])          # single, double (half needs FEAT_FP16)


def c_fp_arith(g):
    r = g.rng
    op = r.choice([0, 1, 2, 3, 4, 5, 6, 7, 8])     # FMUL FDIV FADD FSUB FMAX FMIN FMAXNM FMINNM FNMUL
    g.emit(enc_fp_2src(ftype_of(r), op, v(r), v(r), v(r)))


def c_fp_1src(g):
    r = g.rng
    ftype = ftype_of(r)
    # FMOV FABS FNEG FSQRT, FRINTN/P/M/Z/A/X/I
    op = r.choice([0, 1, 2, 3, 8, 9, 10, 11, 12, 14, 15])
    g.emit((0b00011110 << 24) | (ftype << 22) | (1 << 21) | (op << 15) |
           (0b10000 << 10) | (v(r) << 5) | v(r))


def c_fp_cvt_prec(g):
    r = g.rng
    src, dst = r.sample([0, 1, 3], 2)               # single, double, half
    g.emit((0b00011110 << 24) | (src << 22) | (1 << 21) | (0b0001 << 17) |
           (dst << 15) | (0b10000 << 10) | (v(r) << 5) | v(r))


def c_fp_fma(g):
    r = g.rng
    o1, o0 = r.randrange(2), r.randrange(2)
    g.emit((0b00011111 << 24) | (ftype_of(r) << 22) | (o1 << 21) | (v(r) << 16) |
           (o0 << 15) | (v(r) << 10) | (v(r) << 5) | v(r))


def c_fp_cmp(g):
    r = g.rng
    e, z = r.randrange(2), r.randrange(2)
    kind = r.randrange(3)
    ftype = ftype_of(r)
    if kind == 0:       # FCMP/FCMPE (Rm should be zero when comparing with 0)
        g.emit((0b00011110 << 24) | (ftype << 22) | (1 << 21) | ((0 if z else v(r)) << 16) |
               (0b1000 << 10) | (v(r) << 5) | (e << 4) | (z << 3))
    elif kind == 1:     # FCCMP/FCCMPE
        g.emit((0b00011110 << 24) | (ftype << 22) | (1 << 21) | (v(r) << 16) |
               (r.randrange(16) << 12) | (0b01 << 10) | (v(r) << 5) | (e << 4) |
               r.randrange(16))
    else:               # FCSEL
        g.emit((0b00011110 << 24) | (ftype << 22) | (1 << 21) | (v(r) << 16) |
               (r.randrange(16) << 12) | (0b11 << 10) | (v(r) << 5) | v(r))


def c_fp_imm(g):
    r = g.rng
    g.emit((0b00011110 << 24) | (ftype_of(r) << 22) | (1 << 21) |
           (r.randrange(256) << 13) | (0b100 << 10) | v(r))


def c_fp_int(g):
    r = g.rng
    sf, ftype = r.randrange(2), ftype_of(r)
    kind = r.randrange(4)
    if kind == 0:       # FCVT{N,P,M,Z}{S,U} and FCVTA{S,U}
        rmode, opc = r.choice([(0, 0), (1, 0), (2, 0), (3, 0), (0, 4)])
        opc |= r.randrange(2)
        g.emit((sf << 31) | (0b0011110 << 24) | (ftype << 22) | (1 << 21) |
               (rmode << 19) | (opc << 16) | (v(r) << 5) | r.choice(WREGS))
    elif kind == 1:     # SCVTF/UCVTF
        g.emit((sf << 31) | (0b0011110 << 24) | (ftype << 22) | (1 << 21) |
               ((2 | r.randrange(2)) << 16) | (r.choice(RREGS + [31]) << 5) | v(r))
    elif kind == 2:     # fixed point both ways
        scale = r.randrange(0 if sf else 32, 64)
        if r.randrange(2):
            g.emit((sf << 31) | (0b0011110 << 24) | (ftype << 22) | (0b11 << 19) |
                   (r.randrange(2) << 16) | (scale << 10) | (v(r) << 5) | r.choice(WREGS))
        else:
            g.emit((sf << 31) | (0b0011110 << 24) | (ftype << 22) |
                   ((2 | r.randrange(2)) << 16) | (scale << 10) |
                   (r.choice(RREGS + [31]) << 5) | v(r))
    else:               # FMOV general: W<->S, X<->D, X<->V.D[1]
        form = r.randrange(3)
        to_fp = r.randrange(2)
        sf, ftype, rmode = [(0, 0, 0), (1, 1, 0), (1, 2, 1)][form]
        if to_fp:
            g.emit((sf << 31) | (0b0011110 << 24) | (ftype << 22) | (1 << 21) |
                   (rmode << 19) | (0b111 << 16) | (r.choice(RREGS + [31]) << 5) | v(r))
        else:
            g.emit((sf << 31) | (0b0011110 << 24) | (ftype << 22) | (1 << 21) |
                   (rmode << 19) | (0b110 << 16) | (v(r) << 5) | r.choice(WREGS))


# ---------------------------------------------------------------------------
# Advanced SIMD

def enc_3same(q, u, size, rm, opc, rn, rd):
    return (q << 30) | (u << 29) | (0b01110 << 24) | (size << 22) | (1 << 21) | \
        (rm << 16) | (opc << 11) | (1 << 10) | (rn << 5) | rd


# (u, opcode, sizes allowed for vectors; 'd' = size 3 needs q=1)
INT_3SAME = [
    (0, 0, 'bhs'), (1, 0, 'bhs'), (0, 1, 'bhsd'), (1, 1, 'bhsd'), (0, 2, 'bhs'),
    (1, 2, 'bhs'), (0, 4, 'bhs'), (1, 4, 'bhs'), (0, 5, 'bhsd'), (1, 5, 'bhsd'),
    (0, 6, 'bhsd'), (1, 6, 'bhsd'), (0, 7, 'bhsd'), (1, 7, 'bhsd'), (0, 8, 'bhsd'),
    (1, 8, 'bhsd'), (0, 9, 'bhsd'), (1, 9, 'bhsd'), (0, 10, 'bhsd'), (1, 10, 'bhsd'),
    (0, 11, 'bhsd'), (1, 11, 'bhsd'), (0, 12, 'bhs'), (1, 12, 'bhs'), (0, 13, 'bhs'),
    (1, 13, 'bhs'), (0, 14, 'bhs'), (1, 14, 'bhs'), (0, 15, 'bhs'), (1, 15, 'bhs'),
    (0, 16, 'bhsd'), (1, 16, 'bhsd'), (0, 17, 'bhsd'), (1, 17, 'bhsd'), (0, 18, 'bhs'),
    (1, 18, 'bhs'), (0, 19, 'bhs'), (1, 19, 'b'), (0, 20, 'bhs'), (1, 20, 'bhs'),
    (0, 21, 'bhs'), (1, 21, 'bhs'), (0, 22, 'hs'), (1, 22, 'hs'), (0, 23, 'bhsd'),
]
SIZES = {'b': 0, 'h': 1, 's': 2, 'd': 3}


def pick_size(r, allowed, q):
    sizes = [SIZES[c] for c in allowed]
    if not q and 3 in sizes:
        sizes.remove(3)
    return r.choice(sizes)


def c_simd_3same(g):
    r = g.rng
    q = r.randrange(2)
    kind = r.randrange(4)
    if kind == 0:       # logical: AND BIC ORR ORN EOR BSL BIT BIF
        g.emit(enc_3same(q, r.randrange(2), r.randrange(4), v(r), 3, v(r), v(r)))
        return
    if kind == 1:       # floating point (single / double)
        u = r.randrange(2)
        ops = [(0, 24), (1, 24), (0, 25), (1, 25), (0, 26), (1, 26), (0, 27), (0, 28),
               (0, 30), (1, 30), (0, 31), (1, 31)] if u == 0 else \
              [(0, 24), (1, 24), (0, 26), (1, 26), (0, 27), (0, 28), (1, 28), (0, 29),
               (1, 29), (0, 30), (1, 30), (0, 31)]
        a, opc = r.choice(ops)
        sz = r.randrange(2) if q else 0
        g.emit(enc_3same(q, u, (a << 1) | sz, v(r), opc, v(r), v(r)))
        return
    u, opc, allowed = r.choice(INT_3SAME)
    g.emit(enc_3same(q, u, pick_size(r, allowed, q), v(r), opc, v(r), v(r)))


SCALAR_3SAME = [(0, 1), (1, 1), (0, 5), (1, 5), (0, 9), (1, 9), (0, 11), (1, 11)]
SCALAR_3SAME_D = [(0, 6), (1, 6), (0, 7), (1, 7), (0, 8), (1, 8), (0, 10), (1, 10),
                  (0, 16), (1, 16), (0, 17), (1, 17)]


def c_simd_scalar(g):
    r = g.rng
    kind = r.randrange(5)
    if kind == 0:
        u, opc = r.choice(SCALAR_3SAME)
        size = r.randrange(4)
    elif kind == 1:
        u, opc = r.choice(SCALAR_3SAME_D)
        size = 3
    elif kind == 2:
        u, opc = r.randrange(2), 22             # SQDMULH / SQRDMULH
        size = r.choice([1, 2])
    elif kind == 3:                             # FP: FMULX FCMEQ FRECPS FRSQRTS FABD FCMGE FCMGT FACGE FACGT
        u, a, opc = r.choice([(0, 0, 27), (0, 0, 28), (0, 0, 31), (0, 1, 31), (1, 1, 26),
                              (1, 0, 28), (1, 1, 28), (1, 0, 29), (1, 1, 29)])
        size = (a << 1) | r.randrange(2)
    else:                                       # scalar pairwise ADDP / FADDP...
        if r.randrange(2):
            g.emit((0b01011110 << 24) | (3 << 22) | (0b11000 << 17) | (0b11011 << 12) |
                   (0b10 << 10) | (v(r) << 5) | v(r))
        else:
            a, opc = r.choice([(0, 12), (1, 12), (0, 13), (0, 15), (1, 15)])
            g.emit((0b01111110 << 24) | (a << 23) | (r.randrange(2) << 22) |
                   (0b11000 << 17) | (opc << 12) | (0b10 << 10) | (v(r) << 5) | v(r))
        return
    g.emit((0b01 << 30) | (u << 29) | (0b11110 << 24) | (size << 22) | (1 << 21) |
           (v(r) << 16) | (opc << 11) | (1 << 10) | (v(r) << 5) | v(r))


# Three different: (u, opcode, sizes)
THREE_DIFF = [
    (0, 0, 'bhs'), (1, 0, 'bhs'), (0, 1, 'bhs'), (1, 1, 'bhs'), (0, 2, 'bhs'), (1, 2, 'bhs'),
    (0, 3, 'bhs'), (1, 3, 'bhs'), (0, 4, 'bhs'), (1, 4, 'bhs'), (0, 5, 'bhs'), (1, 5, 'bhs'),
    (0, 6, 'bhs'), (1, 6, 'bhs'), (0, 7, 'bhs'), (1, 7, 'bhs'), (0, 8, 'bhs'), (1, 8, 'bhs'),
    (0, 9, 'hs'), (0, 10, 'bhs'), (1, 10, 'bhs'), (0, 11, 'hs'), (0, 12, 'bhs'),
    (1, 12, 'bhs'), (0, 13, 'hs'), (0, 14, 'b'),
]


def c_simd_3diff(g):
    r = g.rng
    u, opc, allowed = r.choice(THREE_DIFF)
    size = r.choice([SIZES[c] for c in allowed])
    g.emit((r.randrange(2) << 30) | (u << 29) | (0b01110 << 24) | (size << 22) |
           (1 << 21) | (v(r) << 16) | (opc << 12) | (v(r) << 5) | v(r))


# Two-register misc (integer): (u, opcode, sizes; 'd' needs q=1)
TWO_MISC = [
    (0, 0, 'bhs'), (1, 0, 'bh'), (0, 1, 'b'), (0, 2, 'bhs'), (1, 2, 'bhs'), (0, 3, 'bhsd'),
    (1, 3, 'bhsd'), (0, 4, 'bhs'), (1, 4, 'bhs'), (0, 5, 'b'), (0, 6, 'bhs'), (1, 6, 'bhs'),
    (0, 7, 'bhsd'), (1, 7, 'bhsd'), (0, 8, 'bhsd'), (1, 8, 'bhsd'), (0, 9, 'bhsd'),
    (1, 9, 'bhsd'), (0, 10, 'bhsd'), (0, 11, 'bhsd'), (1, 11, 'bhsd'), (0, 18, 'bhs'),
    (1, 18, 'bhs'), (1, 19, 'bhs'), (0, 20, 'bhs'), (1, 20, 'bhs'),
]
# FP two-register misc: (u, a, opcode); sz free (double needs q=1)
FP_MISC = [
    (0, 0, 24), (0, 1, 24), (0, 0, 25), (0, 1, 25), (1, 0, 24), (1, 0, 25), (1, 1, 25),
    (0, 0, 26), (0, 1, 26), (0, 0, 27), (0, 1, 27), (0, 0, 28), (1, 0, 26), (1, 1, 26),
    (1, 0, 27), (1, 1, 27), (1, 0, 28), (0, 0, 29), (1, 0, 29), (0, 1, 12), (1, 1, 12),
    (0, 1, 13), (1, 1, 13), (0, 1, 14), (0, 1, 15), (1, 1, 15), (0, 1, 29), (1, 1, 29),
    (1, 1, 31),
]


def c_simd_2misc(g):
    r = g.rng
    q = r.randrange(2)
    kind = r.randrange(4)
    if kind == 0:
        a_u, a, opc = r.choice(FP_MISC)
        sz = r.randrange(2) if q else 0
        g.emit((q << 30) | (a_u << 29) | (0b01110 << 24) | (a << 23) | (sz << 22) |
               (0b10000 << 17) | (opc << 12) | (0b10 << 10) | (v(r) << 5) | v(r))
        return
    if kind == 1:       # NOT, RBIT, URECPE/URSQRTE, FCVTN/FCVTL
        which = r.randrange(4)
        if which == 0:
            u, size, opc = 1, r.randrange(2), 5
        elif which == 1:
            u, size, opc = r.randrange(2), 2, 28
        elif which == 2:
            u, size, opc = 0, r.randrange(2), r.choice([22, 23])
        else:
            u, size, opc = 1, 1, 22                 # FCVTXN
        g.emit((q << 30) | (u << 29) | (0b01110 << 24) | (size << 22) |
               (0b10000 << 17) | (opc << 12) | (0b10 << 10) | (v(r) << 5) | v(r))
        return
    u, opc, allowed = r.choice(TWO_MISC)
    g.emit((q << 30) | (u << 29) | (0b01110 << 24) | (pick_size(r, allowed, q) << 22) |
           (0b10000 << 17) | (opc << 12) | (0b10 << 10) | (v(r) << 5) | v(r))


def c_simd_across(g):
    r = g.rng
    if r.randrange(4) == 0:     # FMAXNMV FMINNMV FMAXV FMINV (4S)
        a, opc = r.choice([(0, 12), (1, 12), (0, 15), (1, 15)])
        g.emit((1 << 30) | (1 << 29) | (0b01110 << 24) | (a << 23) | (0b11000 << 17) |
               (opc << 12) | (0b10 << 10) | (v(r) << 5) | v(r))
        return
    u, opc = r.choice([(0, 3), (1, 3), (0, 10), (1, 10), (0, 26), (1, 26), (0, 27)])
    q = r.randrange(2)
    size = r.choice([0, 1, 2] if q else [0, 1])
    g.emit((q << 30) | (u << 29) | (0b01110 << 24) | (size << 22) | (0b11000 << 17) |
           (opc << 12) | (0b10 << 10) | (v(r) << 5) | v(r))


def c_simd_shift(g):
    r = g.rng
    q = r.randrange(2)
    u, opc, kind = r.choice([
        (0, 0, 'r'), (1, 0, 'r'), (0, 2, 'r'), (1, 2, 'r'), (0, 4, 'r'), (1, 4, 'r'),
        (0, 6, 'r'), (1, 6, 'r'), (1, 8, 'r'), (0, 10, 'l'), (1, 10, 'l'), (1, 12, 'l'),
        (0, 14, 'l'), (1, 14, 'l'), (0, 16, 'n'), (1, 16, 'n'), (0, 17, 'n'), (1, 17, 'n'),
        (0, 18, 'n'), (1, 18, 'n'), (0, 19, 'n'), (1, 19, 'n'), (0, 20, 'w'), (1, 20, 'w'),
        (0, 28, 'f'), (1, 28, 'f'), (0, 31, 'f'), (1, 31, 'f')])
    if kind in 'nw':
        esz = r.randrange(3)
    elif kind == 'f':
        esz = r.choice([2, 3] if q else [2])
    else:
        esz = r.choice([0, 1, 2, 3] if q else [0, 1, 2])
    bits = 8 << esz
    if kind in 'lw':
        immhb = bits + r.randrange(bits)
    else:
        immhb = 2 * bits - r.randrange(1, bits + 1)
    g.emit((q << 30) | (u << 29) | (0b011110 << 23) | (immhb << 16) | (opc << 11) |
           (1 << 10) | (v(r) << 5) | v(r))


def c_simd_index(g):
    r = g.rng
    q = r.randrange(2)
    u, opc, kind = r.choice([
        (1, 0, 'i'), (1, 4, 'i'), (0, 8, 'i'), (0, 2, 'i'), (1, 2, 'i'), (0, 6, 'i'),
        (1, 6, 'i'), (0, 10, 'i'), (1, 10, 'i'), (0, 3, 'i'), (0, 7, 'i'), (0, 11, 'i'),
        (0, 12, 'i'), (0, 13, 'i'), (0, 1, 'f'), (0, 5, 'f'), (0, 9, 'f'), (1, 9, 'f')])
    if kind == 'i':
        size = r.choice([1, 2])
    else:
        size = r.choice([2, 3] if q else [2])
    h, l, m = r.randrange(2), r.randrange(2), r.randrange(2)
    if size == 1:
        rm = r.randrange(16)
    else:
        rm = r.randrange(16)
        if size == 3:
            l = 0
    g.emit((q << 30) | (u << 29) | (0b01111 << 24) | (size << 22) | (l << 21) |
           (m << 20) | (rm << 16) | (opc << 12) | (h << 11) | (v(r) << 5) | v(r))


def c_simd_copy(g):
    r = g.rng
    size = r.randrange(4)
    idx_bits = 4 - size
    imm5 = ((r.randrange(1 << idx_bits) << 1) | 1) << size
    imm5 &= 31
    kind = r.randrange(6)
    if kind == 0:       # DUP element
        q = 1 if size == 3 else r.randrange(2)
        g.emit((q << 30) | (0b001110000 << 21) | (imm5 << 16) | (1 << 10) |
               (v(r) << 5) | v(r))
    elif kind == 1:     # DUP general
        q = 1 if size == 3 else r.randrange(2)
        g.emit((q << 30) | (0b001110000 << 21) | (imm5 << 16) | (0b0001 << 11) |
               (1 << 10) | (r.choice(RREGS + [31]) << 5) | v(r))
    elif kind == 2:     # INS general
        g.emit((1 << 30) | (0b001110000 << 21) | (imm5 << 16) | (0b0011 << 11) |
               (1 << 10) | (r.choice(RREGS + [31]) << 5) | v(r))
    elif kind == 3:     # INS element
        imm4 = (r.randrange(1 << idx_bits) << size) & 15
        g.emit((1 << 30) | (1 << 29) | (0b01110000 << 21) | (imm5 << 16) |
               (imm4 << 11) | (1 << 10) | (v(r) << 5) | v(r))
    elif kind == 4:     # UMOV
        q = 1 if size == 3 else 0
        g.emit((q << 30) | (0b001110000 << 21) | (imm5 << 16) | (0b0111 << 11) |
               (1 << 10) | (v(r) << 5) | r.choice(WREGS))
    else:               # SMOV
        size = r.randrange(3)
        imm5 = ((r.randrange(1 << (4 - size)) << 1) | 1) << size
        q = 1 if size == 2 else r.randrange(2)
        g.emit((q << 30) | (0b001110000 << 21) | ((imm5 & 31) << 16) | (0b0101 << 11) |
               (1 << 10) | (v(r) << 5) | r.choice(WREGS))


def c_simd_imm(g):
    r = g.rng
    q = r.randrange(2)
    cmode = r.randrange(16)
    op = r.randrange(2)
    if cmode == 15 and op == 1 and not q:
        q = 1
    imm8 = r.randrange(256)
    g.emit((q << 30) | (op << 29) | (0b0111100000 << 19) | ((imm8 >> 5) << 16) |
           (cmode << 12) | (1 << 10) | ((imm8 & 31) << 5) | v(r))


def c_simd_perm(g):
    r = g.rng
    q = r.randrange(2)
    kind = r.randrange(3)
    if kind == 0:       # UZP/TRN/ZIP
        size = r.choice([0, 1, 2, 3] if q else [0, 1, 2])
        g.emit((q << 30) | (0b001110 << 24) | (size << 22) | (v(r) << 16) |
               (r.choice([1, 2, 3, 5, 6, 7]) << 12) | (0b10 << 10) | (v(r) << 5) | v(r))
    elif kind == 1:     # EXT
        imm4 = r.randrange(16 if q else 8)
        g.emit((q << 30) | (0b101110 << 24) | (v(r) << 16) | (imm4 << 11) |
               (v(r) << 5) | v(r))
    else:               # TBL/TBX
        g.emit((q << 30) | (0b001110 << 24) | (v(r) << 16) | (r.randrange(4) << 13) |
               (r.randrange(2) << 12) | (v(r) << 5) | v(r))


def c_simd_scalar2(g):
    """Scalar forms of two-register misc, shifts, three different and by
    element."""
    r = g.rng
    kind = r.randrange(5)
    if kind == 0:       # 2-misc integer: (u, opcode, sizes)
        u, opc, allowed = r.choice([
            (0, 3, 'bhsd'), (1, 3, 'bhsd'), (0, 7, 'bhsd'), (1, 7, 'bhsd'), (0, 8, 'd'),
            (1, 8, 'd'), (0, 9, 'd'), (1, 9, 'd'), (0, 10, 'd'), (0, 11, 'd'), (1, 11, 'd'),
            (1, 18, 'bhs'), (0, 20, 'bhs'), (1, 20, 'bhs')])
        size = SIZES[r.choice(allowed)]
        g.emit((0b01 << 30) | (u << 29) | (0b11110 << 24) | (size << 22) | (0b10000 << 17) |
               (opc << 12) | (0b10 << 10) | (v(r) << 5) | v(r))
    elif kind == 1:     # 2-misc FP: compares with zero, conversions, estimates, FCVTXN
        u, a, opc = r.choice([
            (0, 1, 12), (1, 1, 12), (0, 1, 13), (1, 1, 13), (0, 1, 14), (0, 0, 26), (0, 1, 26),
            (0, 0, 27), (0, 1, 27), (0, 0, 28), (1, 0, 26), (1, 1, 27), (1, 0, 28), (0, 0, 29),
            (1, 0, 29), (0, 1, 29), (1, 1, 29), (0, 1, 31), (1, 0, 22)])
        sz = 1 if (u, a, opc) == (1, 0, 22) else r.randrange(2)
        g.emit((0b01 << 30) | (u << 29) | (0b11110 << 24) | (a << 23) | (sz << 22) |
               (0b10000 << 17) | (opc << 12) | (0b10 << 10) | (v(r) << 5) | v(r))
    elif kind == 2:     # shift by immediate
        u, opc, k = r.choice([
            (0, 0, 'd'), (1, 0, 'd'), (0, 2, 'd'), (1, 2, 'd'), (0, 4, 'd'), (1, 4, 'd'),
            (0, 6, 'd'), (1, 6, 'd'), (1, 8, 'd'), (0, 10, 'D'), (1, 10, 'D'), (1, 12, 'l'),
            (0, 14, 'l'), (1, 14, 'l'), (1, 16, 'n'), (1, 17, 'n'), (0, 18, 'n'), (1, 18, 'n'),
            (0, 19, 'n'), (1, 19, 'n'), (0, 28, 'f'), (1, 28, 'f'), (0, 31, 'f'), (1, 31, 'f')])
        if k in 'dD':
            esz = 3
        elif k == 'n':
            esz = r.randrange(3)
        elif k == 'f':
            esz = r.choice([2, 3])
        else:
            esz = r.randrange(4)
        bits = 8 << esz
        if k in 'Dl':
            immhb = bits + r.randrange(bits)
        else:
            immhb = 2 * bits - r.randrange(1, bits + 1)
        g.emit((0b01 << 30) | (u << 29) | (0b111110 << 23) | (immhb << 16) | (opc << 11) |
               (1 << 10) | (v(r) << 5) | v(r))
    elif kind == 3:     # three different: SQDMLAL, SQDMLSL, SQDMULL
        g.emit((0b01 << 30) | (0b011110 << 24) | (r.choice([1, 2]) << 22) | (1 << 21) |
               (v(r) << 16) | (r.choice([9, 11, 13]) << 12) | (v(r) << 5) | v(r))
    else:               # by element
        u, opc, fp = r.choice([(0, 3, 0), (0, 7, 0), (0, 11, 0), (0, 12, 0), (0, 13, 0),
                               (0, 1, 1), (0, 5, 1), (0, 9, 1), (1, 9, 1)])
        size = r.choice([2, 3]) if fp else r.choice([1, 2])
        l = 0 if size == 3 else r.randrange(2)
        g.emit((0b01 << 30) | (u << 29) | (0b11111 << 24) | (size << 22) | (l << 21) |
               (r.randrange(2) << 20) | (r.randrange(16) << 16) | (opc << 12) |
               (r.randrange(2) << 11) | (v(r) << 5) | v(r))

# ---------------------------------------------------------------------------
# Crypto

def c_crypto(g):
    r = g.rng
    feats = g.features
    choices = []
    if 'aes' in feats:
        choices += ['aes', 'pmull']
    if 'sha1' in feats:
        choices += ['sha1']
    if 'sha256' in feats:
        choices += ['sha256']
    if not choices:
        return c_simd_3same(g)
    kind = r.choice(choices)
    if kind == 'aes':
        g.emit(0x4e284800 | (r.randrange(4) << 12) | (v(r) << 5) | v(r))
    elif kind == 'pmull':
        g.emit(0x0ee0e000 | (r.randrange(2) << 30) | (v(r) << 16) | (v(r) << 5) | v(r))
    elif kind == 'sha1':
        if r.randrange(2):
            g.emit(0x5e000000 | (v(r) << 16) | (r.randrange(4) << 12) | (v(r) << 5) | v(r))
        else:
            g.emit(0x5e280800 | (r.randrange(2) << 12) | (v(r) << 5) | v(r))
    else:
        if r.randrange(2):
            g.emit(0x5e004000 | (v(r) << 16) | (r.randrange(3) << 12) | (v(r) << 5) | v(r))
        else:
            g.emit(0x5e282800 | (v(r) << 5) | v(r))


CLASSES = {
    'fp': [(c_fp_arith, 6), (c_fp_1src, 3), (c_fp_cvt_prec, 2), (c_fp_fma, 3),
           (c_fp_cmp, 3), (c_fp_imm, 2), (c_fp_int, 4)],
    'simd': [(c_simd_3same, 8), (c_simd_scalar, 3), (c_simd_3diff, 4), (c_simd_2misc, 5),
             (c_simd_across, 2), (c_simd_shift, 4), (c_simd_index, 3), (c_simd_copy, 3),
             (c_simd_imm, 2), (c_simd_perm, 3), (c_simd_scalar2, 4)],
    'crypto': [(c_crypto, 4)],
}
FEATURES = 'aes,sha1,sha256'

# ---------------------------------------------------------------------------
# Optional features: FEAT_FP16 ('fp16') and the Armv8.1-8.5 additions
# ('ext': SHA-512, SHA-3, RDM, dot product, FRINTTS, JSCVT).  Only for
# runs where both sides implement them (the IR runner with every feature).

def c_fp16_scalar(g):
    r = g.rng
    kind = r.randrange(6)
    if kind == 0:
        g.emit(enc_fp_2src(3, r.randrange(9), v(r), v(r), v(r)))
    elif kind == 1:
        op = r.choice([0, 1, 2, 3, 8, 9, 10, 11, 12, 14, 15])
        g.emit((0b00011110 << 24) | (3 << 22) | (1 << 21) | (op << 15) |
               (0b10000 << 10) | (v(r) << 5) | v(r))
    elif kind == 2:
        g.emit((0b00011111 << 24) | (3 << 22) | (r.randrange(2) << 21) | (v(r) << 16) |
               (r.randrange(2) << 15) | (v(r) << 10) | (v(r) << 5) | v(r))
    elif kind == 3:     # FCMP / FCSEL
        if r.randrange(2):
            z = r.randrange(2)
            g.emit((0b00011110 << 24) | (3 << 22) | (1 << 21) |
                   ((0 if z else v(r)) << 16) | (0b1000 << 10) | (v(r) << 5) |
                   (r.randrange(2) << 4) | (z << 3))
        else:
            g.emit((0b00011110 << 24) | (3 << 22) | (1 << 21) | (v(r) << 16) |
                   (r.randrange(16) << 12) | (0b11 << 10) | (v(r) << 5) | v(r))
    elif kind == 4:     # conversions with general registers, FMOV W/X <-> H
        sf = r.randrange(2)
        sub = r.randrange(3)
        if sub == 0:
            rmode, opc = r.choice([(0, 0), (1, 0), (2, 0), (3, 0), (0, 4)])
            g.emit((sf << 31) | (0b0011110 << 24) | (3 << 22) | (1 << 21) | (rmode << 19) |
                   ((opc | r.randrange(2)) << 16) | (v(r) << 5) | r.choice(WREGS))
        elif sub == 1:
            g.emit((sf << 31) | (0b0011110 << 24) | (3 << 22) | (1 << 21) |
                   ((2 | r.randrange(2)) << 16) | (r.choice(RREGS + [31]) << 5) | v(r))
        else:
            if r.randrange(2):
                g.emit((sf << 31) | (0b0011110 << 24) | (3 << 22) | (1 << 21) |
                       (0b111 << 16) | (r.choice(RREGS + [31]) << 5) | v(r))
            else:
                g.emit((sf << 31) | (0b0011110 << 24) | (3 << 22) | (1 << 21) |
                       (0b110 << 16) | (v(r) << 5) | r.choice(WREGS))
    else:
        g.emit((0b00011110 << 24) | (3 << 22) | (1 << 21) | (r.randrange(256) << 13) |
               (0b100 << 10) | v(r))


def c_fp16_vector(g):
    r = g.rng
    q = r.randrange(2)
    kind = r.randrange(3)
    if kind == 0:       # three same FP16 (low 3 bits of the FP opcodes)
        u, a, opc = r.choice([(0, 0, 0), (0, 1, 0), (0, 0, 1), (0, 1, 1), (0, 0, 2), (0, 1, 2),
                              (0, 0, 3), (0, 0, 4), (0, 0, 6), (0, 1, 6), (0, 0, 7), (0, 1, 7),
                              (1, 0, 0), (1, 1, 0), (1, 0, 2), (1, 1, 2), (1, 0, 3), (1, 0, 4),
                              (1, 1, 4), (1, 0, 5), (1, 1, 5), (1, 0, 6), (1, 1, 6), (1, 0, 7)])
        g.emit((q << 30) | (u << 29) | (0b01110 << 24) | (a << 23) | (0b10 << 21) |
               (v(r) << 16) | (opc << 11) | (1 << 10) | (v(r) << 5) | v(r))
    elif kind == 1:     # two-register misc FP16
        u, a, opc = r.choice([x for x in FP_MISC])
        g.emit((q << 30) | (u << 29) | (0b01110 << 24) | (a << 23) | (0b1111 << 19) |
               (opc << 12) | (0b10 << 10) | (v(r) << 5) | v(r))
    else:               # by element, size 00
        u, opc = r.choice([(0, 1), (0, 5), (0, 9), (1, 9)])
        g.emit((q << 30) | (u << 29) | (0b01111 << 24) | (r.randrange(2) << 21) |
               (r.randrange(2) << 20) | (r.randrange(16) << 16) | (opc << 12) |
               (r.randrange(2) << 11) | (v(r) << 5) | v(r))


def c_ext(g):
    r = g.rng
    kind = r.randrange(7)
    if kind == 0:       # SHA512H/H2/SU1, RAX1; SHA512SU0
        if r.randrange(4):
            g.emit(0xce608000 | (v(r) << 16) | (r.randrange(4) << 10) | (v(r) << 5) | v(r))
        else:
            g.emit(0xcec08000 | (v(r) << 5) | v(r))
    elif kind == 1:     # EOR3, BCAX, XAR
        k = r.randrange(3)
        if k < 2:
            g.emit(0xce000000 | (k << 21) | (v(r) << 16) | (v(r) << 10) | (v(r) << 5) | v(r))
        else:
            g.emit(0xce800000 | (v(r) << 16) | (r.randrange(64) << 10) | (v(r) << 5) | v(r))
    elif kind == 2:     # SQRDMLAH/SQRDMLSH vector and scalar
        size = r.choice([1, 2])
        if r.randrange(2):
            g.emit((r.randrange(2) << 30) | (1 << 29) | (0b01110 << 24) | (size << 22) |
                   (v(r) << 16) | (1 << 15) | (r.randrange(2) << 11) | (1 << 10) |
                   (v(r) << 5) | v(r))
        else:
            g.emit((0b01 << 30) | (1 << 29) | (0b11110 << 24) | (size << 22) |
                   (v(r) << 16) | (1 << 15) | (r.randrange(2) << 11) | (1 << 10) |
                   (v(r) << 5) | v(r))
    elif kind == 3:     # ... by element
        size = r.choice([1, 2])
        g.emit((r.randrange(2) << 30) | (1 << 29) | (0b01111 << 24) | (size << 22) |
               (r.randrange(2) << 21) | (r.randrange(2) << 20) | (r.randrange(16) << 16) |
               (r.choice([13, 15]) << 12) | (r.randrange(2) << 11) | (v(r) << 5) | v(r))
    elif kind == 4:     # SDOT/UDOT vector and by element
        q, u = r.randrange(2), r.randrange(2)
        if r.randrange(2):
            g.emit((q << 30) | (u << 29) | (0b01110 << 24) | (2 << 22) | (v(r) << 16) |
                   (0b10010 << 11) | (1 << 10) | (v(r) << 5) | v(r))
        else:
            g.emit((q << 30) | (u << 29) | (0b01111 << 24) | (2 << 22) |
                   (r.randrange(2) << 21) | (v(r) << 16) | (0b1110 << 12) |
                   (r.randrange(2) << 11) | (v(r) << 5) | v(r))
    elif kind == 5:     # FRINT32/64 scalar and vector
        if r.randrange(2):
            g.emit((0b00011110 << 24) | (r.randrange(2) << 22) | (1 << 21) | (0b0100 << 17) |
                   (r.randrange(4) << 15) | (0b10000 << 10) | (v(r) << 5) | v(r))
        else:
            q = r.randrange(2)
            sz = r.randrange(2) if q else 0
            g.emit((q << 30) | (r.randrange(2) << 29) | (0b01110 << 24) | (sz << 22) |
                   (0b10000 << 17) | (r.choice([30, 31]) << 12) | (0b10 << 10) |
                   (v(r) << 5) | v(r))
    else:               # FJCVTZS
        g.emit(0x1e7e0000 | (v(r) << 5) | r.choice(WREGS))


CLASSES['fp16'] = [(c_fp16_scalar, 3), (c_fp16_vector, 3)]
CLASSES['ext'] = [(c_ext, 4)]

# ---------------------------------------------------------------------------
# FPCR ('fpcr', system mode only: the IR runner has no system registers).
# A random rounding mode, FZ, DN, AHP and FZ16; the value carries over to
# the next cases on both sides alike.

def c_fpcr(g):
    r = g.rng
    val = (r.randrange(4) << 22) | (r.randrange(2) << 24) | (r.randrange(2) << 25) | \
        (r.randrange(2) << 26) | (r.randrange(2) << 19)
    rt = r.choice(WREGS)
    g.emit(0xd2a00000 | ((val >> 16) << 5) | rt)        # movz xt, #val>>16, lsl #16
    g.emit(0xd51b4400 | rt)                             # msr fpcr, xt


CLASSES['fpcr'] = [(c_fpcr, 1)]
