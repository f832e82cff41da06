#!/usr/bin/env python3
"""decodegen.py - Turtle's instruction decoder generator.

Reads one or more declarative pattern files (target/<arch>/*.decode) and writes
C source for a decoder: a tree of switch statements on the instruction bits
that tells patterns apart, ending in one call `trans_NAME(ctx, &args)` per
matched instruction.  The pattern language is described in docs/decode.md.

Only the Python 3 standard library is used, so the generator runs wherever the
build runs.  It can also be imported (see parse_files()) by tools and tests
that want the parsed patterns.
"""

import argparse
import os
import re
import sys

IDENT_RE = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')
SEG_RE = re.compile(r'^(s?)([0-9]+):([0-9]+)$')
INLINE_RE = re.compile(r'^([A-Za-z_][A-Za-z0-9_]*):(s?)([0-9]+)$')
BITS_RE = re.compile(r'^[01.\-]+$')
INT_RE = re.compile(r'^-?(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)$')

# Names that cannot be struct members or functions in the generated C.
C_KEYWORDS = frozenset('''auto break case char const continue default do double else enum
extern float for goto if inline int long register restrict return short signed sizeof
static struct switch typedef union unsigned void volatile while _Bool _Complex
_Imaginary _Alignas _Alignof _Atomic _Generic _Noreturn _Static_assert
_Thread_local bool true false ctx insn'''.split())

# Groups at most this large are decoded by trying each member in turn rather
# than by another switch level.
LINEAR_LIMIT = 3
# The widest field value: argument-set members are C ints.
MAX_FIELD_BITS = 32


class DecodeError(Exception):
    """An error in a pattern file, reported as file:line: error: message."""

    def __init__(self, loc, msg):
        super().__init__(msg)
        self.loc = loc
        self.msg = msg

    def __str__(self):
        if self.loc is None:
            return 'error: ' + self.msg
        return '%s: error: %s' % (self.loc, self.msg)


class Loc:
    """A position in a pattern file."""

    def __init__(self, path, line):
        self.path = path
        self.line = line

    def __str__(self):
        return '%s:%d' % (self.path, self.line)


class Field:
    """A field: bit segments concatenated most significant first.

    segs is a list of (pos, len); signed applies to the whole concatenated
    value; func, when set, names a C function int func(DisasContext *, int)
    applied to the value.
    """

    def __init__(self, name, segs, signed, func, loc):
        self.name = name
        self.segs = segs
        self.signed = signed
        self.func = func
        self.loc = loc

    def width(self):
        return sum(ln for _, ln in self.segs)

    def mask(self):
        m = 0
        for pos, ln in self.segs:
            m |= ((1 << ln) - 1) << pos
        return m

    def extract(self, insn):
        """Python model of the C extraction (without func): for tools and tests."""
        v = 0
        for pos, ln in self.segs:
            v = (v << ln) | ((insn >> pos) & ((1 << ln) - 1))
        w = self.width()
        if self.signed and w and v & (1 << (w - 1)):
            v -= 1 << w
        return v

    def c_expr(self, insn_var):
        parts = []
        shift = self.width()
        for pos, ln in self.segs:
            shift -= ln
            e = 'decode_ex(%s, %d, %d)' % (insn_var, pos, ln)
            if shift:
                e = '(%s << %d)' % (e, shift)
            parts.append(e)
        if not parts:
            expr = '0'
        elif self.signed:
            if len(parts) == 1:
                pos, ln = self.segs[0]
                expr = 'decode_sex(%s, %d, %d)' % (insn_var, pos, ln)
            else:
                expr = 'decode_sex(%s, 0, %d)' % (' | '.join(parts), self.width())
        else:
            expr = '(int)' + (parts[0] if len(parts) == 1
                              else '(%s)' % ' | '.join(parts))
        if self.func:
            expr = '%s(ctx, %s)' % (self.func, expr)
        return expr


class ArgSet:
    """An argument set: the struct handed to a trans_ function."""

    def __init__(self, name, members, extern, loc, implicit=False):
        self.name = name
        self.members = members
        self.extern = extern
        self.loc = loc
        self.implicit = implicit
        self.used = False


class Format:
    """A named format (@name), also the shape of a parsed pattern line."""

    def __init__(self, name, loc):
        self.name = name
        self.loc = loc
        self.mask = 0       # bits fixed by this line
        self.bits = 0       # their values
        self.ign = 0        # bits marked '-'
        self.length = 0     # bits written on the line
        self.fields = {}    # member name -> Field or int constant
        self.argset = None
        self.used = False


class Pattern:
    """One instruction pattern after merging in its format."""

    def __init__(self, name, loc):
        self.name = name
        self.loc = loc
        self.mask = 0
        self.bits = 0
        self.length = 0
        self.fmt = None
        self.own_fields = {}   # fields set by the pattern line itself
        self.fields = {}       # all fields (format's, then the pattern's)
        self.argset = None

    def leaves(self):
        return [self]


class Group:
    """A group of patterns: overlap { } (ordered) or non-overlap [ ]."""

    def __init__(self, overlap, loc):
        self.overlap = overlap
        self.loc = loc
        self.items = []
        self.mask = 0
        self.bits = 0

    def leaves(self):
        out = []
        for it in self.items:
            out.extend(it.leaves())
        return out

    def compute_common(self):
        """Bits fixed to the same value in every pattern of the group."""
        lv = self.leaves()
        if not lv:
            self.mask = self.bits = 0
            return
        mask = ~0
        for p in lv:
            mask &= p.mask
        diff = 0
        for p in lv:
            diff |= (p.bits ^ lv[0].bits) & mask
        self.mask = mask & ~diff
        self.bits = lv[0].bits & self.mask


class Decoder:
    """Everything parsed from the input files."""

    def __init__(self, insnwidth=32, varinsnwidth=None):
        self.insnwidth = insnwidth
        self.varwidth = varinsnwidth
        # The container the C decoder receives the instruction in.
        if varinsnwidth:
            self.container = 64
        else:
            self.container = insnwidth
        self.fields = {}
        self.argsets = {}
        self.formats = {}
        self.trans = {}        # pattern name -> (ArgSet, first Loc)
        self.root = Group(False, None)
        self.patterns = []

    # ------------------------------------------------------------------
    # Parsing

    def parse_file(self, path):
        try:
            with open(path, encoding='utf-8') as f:
                text = f.read()
        except OSError as e:
            raise DecodeError(None, 'cannot read %s: %s' % (path, e.strerror))
        self.parse_text(text, path)

    def parse_text(self, text, path):
        stack = [self.root]
        opened = []
        lines = text.split('\n')
        i = 0
        while i < len(lines):
            start = i
            line = lines[i]
            i += 1
            # A backslash at the end of a line continues it on the next one.
            while line.rstrip().endswith('\\') and '#' not in line:
                line = line.rstrip()[:-1] + ' '
                if i >= len(lines):
                    break
                line += lines[i]
                i += 1
            loc = Loc(path, start + 1)
            if '#' in line:
                line = line[:line.index('#')]
            toks = line.split()
            if not toks:
                continue
            t0 = toks[0]
            if t0 in ('{', '['):
                if len(toks) != 1:
                    raise DecodeError(loc, "'%s' must be alone on its line" % t0)
                g = Group(t0 == '{', loc)
                stack[-1].items.append(g)
                stack.append(g)
                opened.append(t0)
            elif t0 in ('}', ']'):
                if len(toks) != 1:
                    raise DecodeError(loc, "'%s' must be alone on its line" % t0)
                want = '{' if t0 == '}' else '['
                if not opened:
                    raise DecodeError(loc, "'%s' without a matching '%s'" % (t0, want))
                if opened[-1] != want:
                    raise DecodeError(loc, "'%s' closes a group opened with '%s' at %s"
                                      % (t0, opened[-1], stack[-1].loc))
                g = stack.pop()
                opened.pop()
                if not g.items:
                    raise DecodeError(loc, 'empty group (opened at %s)' % g.loc)
            elif t0.startswith('%'):
                self.parse_field(t0[1:], toks[1:], loc)
            elif t0.startswith('&'):
                self.parse_argset(t0[1:], toks[1:], loc)
            elif t0.startswith('@'):
                self.parse_format(t0[1:], toks[1:], loc)
            elif IDENT_RE.match(t0):
                p = self.parse_pattern(t0, toks[1:], loc)
                stack[-1].items.append(p)
                self.patterns.append(p)
            else:
                raise DecodeError(loc, "unexpected '%s' at start of line" % t0)
        if opened:
            raise DecodeError(Loc(path, len(lines)),
                              "group opened with '%s' at %s is not closed"
                              % (opened[-1], stack[-1].loc))

    def check_name(self, name, what, loc):
        if not IDENT_RE.match(name):
            raise DecodeError(loc, "invalid %s name '%s'" % (what, name))
        if name in C_KEYWORDS and what in ('argument', 'function'):
            raise DecodeError(loc, "%s name '%s' is reserved in the generated C"
                              % (what, name))

    def parse_int(self, tok, loc):
        if not INT_RE.match(tok):
            raise DecodeError(loc, "invalid number '%s'" % tok)
        return int(tok, 0)

    def parse_segment(self, tok, loc):
        m = SEG_RE.match(tok)
        if not m:
            raise DecodeError(loc, "invalid bit range '%s' (want pos:len or spos:len)" % tok)
        pos, ln = int(m.group(2)), int(m.group(3))
        if ln == 0:
            raise DecodeError(loc, "bit range '%s' has zero length" % tok)
        if pos + ln > self.container:
            raise DecodeError(loc, "bit range '%s' does not fit a %d-bit instruction"
                              % (tok, self.container))
        return pos, ln, m.group(1) == 's'

    def parse_field(self, name, toks, loc):
        self.check_name(name, 'field', loc)
        if name in self.fields:
            raise DecodeError(loc, "field %%%s already defined at %s"
                              % (name, self.fields[name].loc))
        segs = []
        signed = False
        func = None
        for t in toks:
            if t.startswith('!function='):
                func = t[len('!function='):]
                self.check_name(func, 'function', loc)
                continue
            if t.startswith('!'):
                raise DecodeError(loc, "unknown field option '%s'" % t)
            pos, ln, sgn = self.parse_segment(t, loc)
            if sgn:
                if segs:
                    raise DecodeError(loc, "only the first (most significant) bit range "
                                      "of a field may be signed: '%s'" % t)
                signed = True
            segs.append((pos, ln))
        if not segs and not func:
            raise DecodeError(loc, 'field %%%s has no bit ranges' % name)
        f = Field(name, segs, signed, func, loc)
        if f.width() > MAX_FIELD_BITS:
            raise DecodeError(loc, 'field %%%s is %d bits wide; at most %d are allowed'
                              % (name, f.width(), MAX_FIELD_BITS))
        self.fields[name] = f

    def parse_argset(self, name, toks, loc):
        self.check_name(name, 'argument set', loc)
        members = []
        extern = False
        for t in toks:
            if t == '!extern':
                extern = True
                continue
            if t.startswith('!'):
                raise DecodeError(loc, "unknown argument set option '%s'" % t)
            self.check_name(t, 'argument', loc)
            if t in members:
                raise DecodeError(loc, "argument '%s' appears twice in &%s" % (t, name))
            members.append(t)
        old = self.argsets.get(name)
        if old:
            # An !extern set may be repeated (several files describe it),
            # as long as every description agrees.
            if old.extern and extern and old.members == members:
                return
            raise DecodeError(loc, 'argument set &%s already defined at %s' % (name, old.loc))
        self.argsets[name] = ArgSet(name, members, extern, loc)

    def parse_line(self, obj, toks, loc, allow_format):
        """Parse the bit pattern, references and assignments of a format or
        pattern line into obj (a Format)."""
        items = []          # (kind, token) for bit tokens in order
        length = 0
        fmt_name = None
        for t in toks:
            if BITS_RE.match(t):
                items.append(('bits', t))
                length += len(t)
                continue
            m = INLINE_RE.match(t)
            if m and '=' not in t:
                ln = int(m.group(3))
                self.check_name(m.group(1), 'argument', loc)
                if ln == 0:
                    raise DecodeError(loc, "field '%s' has zero length" % t)
                items.append(('field', (m.group(1), m.group(2) == 's', ln)))
                # Reserve the name now so that arguments keep source order.
                self.set_field(obj, m.group(1), None, loc)
                length += ln
                continue
            if t.startswith('&'):
                an = t[1:]
                if an not in self.argsets:
                    raise DecodeError(loc, 'unknown argument set &%s' % an)
                if obj.argset is not None:
                    raise DecodeError(loc, 'more than one argument set given')
                obj.argset = self.argsets[an]
                continue
            if t.startswith('@'):
                if not allow_format:
                    raise DecodeError(loc, 'a format cannot refer to another format (%s)' % t)
                if fmt_name is not None:
                    raise DecodeError(loc, 'more than one format given')
                fmt_name = t[1:]
                if fmt_name not in self.formats:
                    raise DecodeError(loc, 'unknown format @%s' % fmt_name)
                continue
            if t.startswith('%'):
                fn = t[1:]
                if fn not in self.fields:
                    raise DecodeError(loc, 'unknown field %%%s' % fn)
                self.set_field(obj, fn, self.fields[fn], loc)
                continue
            if '=' in t:
                name, val = t.split('=', 1)
                self.check_name(name, 'argument', loc)
                if val.startswith('%'):
                    if val[1:] not in self.fields:
                        raise DecodeError(loc, 'unknown field %s' % val)
                    self.set_field(obj, name, self.fields[val[1:]], loc)
                elif ':' in val:
                    pos, ln, sgn = self.parse_segment(val, loc)
                    self.set_field(obj, name, Field(name, [(pos, ln)], sgn, None, loc), loc)
                else:
                    self.set_field(obj, name, self.parse_int(val, loc), loc)
                continue
            raise DecodeError(loc, "unexpected token '%s'" % t)

        if self.varwidth:
            if length == 0 or length % 8 or length > self.varwidth:
                raise DecodeError(loc, '%d bits given; an instruction is a whole number '
                                  'of bytes up to %d bits' % (length, self.varwidth))
            top = self.container
        else:
            if length != self.insnwidth:
                raise DecodeError(loc, '%d bits given; the instruction width is %d'
                                  % (length, self.insnwidth))
            top = self.insnwidth
        obj.length = length
        pos = top
        for kind, val in items:
            if kind == 'bits':
                for ch in val:
                    pos -= 1
                    if ch in '01':
                        obj.mask |= 1 << pos
                        if ch == '1':
                            obj.bits |= 1 << pos
                    elif ch == '-':
                        obj.ign |= 1 << pos
            else:
                name, sgn, ln = val
                pos -= ln
                obj.fields[name] = Field(name, [(pos, ln)], sgn, None, loc)
        return fmt_name

    def set_field(self, obj, name, value, loc):
        if name in obj.fields:
            raise DecodeError(loc, "argument '%s' is set twice" % name)
        obj.fields[name] = value

    def parse_format(self, name, toks, loc):
        self.check_name(name, 'format', loc)
        if name in self.formats:
            raise DecodeError(loc, 'format @%s already defined at %s'
                              % (name, self.formats[name].loc))
        f = Format(name, loc)
        self.parse_line(f, toks, loc, allow_format=False)
        if f.argset is not None:
            for n in f.fields:
                if n not in f.argset.members:
                    raise DecodeError(loc, "argument '%s' is not a member of &%s"
                                      % (n, f.argset.name))
        else:
            f.argset = self.implicit_argset(name, list(f.fields), loc)
        self.formats[name] = f

    def implicit_argset(self, name, members, loc):
        """The argument set of a format or pattern that names none."""
        if not members:
            name = 'empty'
        a = self.argsets.get(name)
        if a is not None:
            if a.members != members:
                raise DecodeError(loc, "the implicit argument set of '%s' clashes with "
                                  "&%s defined at %s; name one explicitly" % (name, name, a.loc))
            return a
        a = ArgSet(name, members, name == 'empty', loc, implicit=True)
        self.argsets[name] = a
        return a

    def parse_pattern(self, name, toks, loc):
        line = Format(name, loc)
        fmt_name = self.parse_line(line, toks, loc, allow_format=True)
        p = Pattern(name, loc)
        p.length = line.length
        p.own_fields = line.fields
        p.mask, p.bits = line.mask, line.bits
        ign = line.ign
        argset = line.argset
        if fmt_name is not None:
            fmt = self.formats[fmt_name]
            fmt.used = True
            p.fmt = fmt
            if fmt.length != line.length:
                raise DecodeError(loc, 'pattern is %d bits but format @%s is %d bits'
                                  % (line.length, fmt_name, fmt.length))
            clash = fmt.mask & line.mask & (fmt.bits ^ line.bits)
            if clash:
                raise DecodeError(loc, 'fixed bits 0x%x differ from those of format @%s'
                                  % (clash, fmt_name))
            p.mask = fmt.mask | line.mask
            p.bits = fmt.bits | line.bits
            ign |= fmt.ign
            p.fields = dict(fmt.fields)
            p.fields.update(line.fields)
            if argset is not None and argset is not fmt.argset:
                raise DecodeError(loc, 'argument set &%s differs from &%s of format @%s'
                                  % (argset.name, fmt.argset.name, fmt_name))
            argset = fmt.argset
        else:
            p.fields = dict(line.fields)
        if argset is None:
            prev = self.trans.get(name)
            if prev is not None and prev[0].implicit:
                argset = prev[0]
            else:
                argset = self.implicit_argset(name, list(p.fields), loc)
        for n in p.fields:
            if n not in argset.members:
                raise DecodeError(loc, "argument '%s' is not a member of &%s"
                                  % (n, argset.name))
        for n in argset.members:
            if n not in p.fields:
                raise DecodeError(loc, "argument '%s' of &%s is not set" % (n, argset.name))
        p.argset = argset
        argset.used = True

        # Every bit must be fixed, read by a field, or explicitly ignored.
        if self.varwidth:
            span = ((1 << p.length) - 1) << (self.container - p.length)
        else:
            span = (1 << self.insnwidth) - 1
        covered = p.mask | ign
        for v in p.fields.values():
            if isinstance(v, Field):
                covered |= v.mask()
        loose = span & ~covered
        if loose:
            raise DecodeError(loc, 'bits %s of %s are neither fixed, in a field, nor '
                              "ignored with '-'" % (self.bit_list(loose), name))

        prev = self.trans.get(name)
        if prev is not None and prev[0] is not argset:
            raise DecodeError(loc, 'pattern %s uses &%s but the same name at %s uses &%s'
                              % (name, argset.name, prev[1], prev[0].name))
        if prev is None:
            self.trans[name] = (argset, loc)
        return p

    def bit_list(self, mask):
        bits = [i for i in range(self.container) if mask >> i & 1]
        bits.reverse()
        # Compress into ranges, most significant first.
        out = []
        for b in bits:
            if out and out[-1][1] == b + 1:
                out[-1][1] = b
            else:
                out.append([b, b])
        return ','.join('%d' % a if a == b else '%d:%d' % (a, b) for a, b in out)

    # ------------------------------------------------------------------
    # Checking

    def check(self):
        self.check_group(self.root)

    def check_group(self, g):
        for it in g.items:
            if isinstance(it, Group):
                self.check_group(it)
        g.compute_common()
        if g.overlap:
            return
        # Outside { } every pattern must be told apart from every other one by
        # some bit that both fix to different values.
        leaves = [(it, it.leaves()) for it in g.items]
        for i in range(len(leaves)):
            for j in range(i + 1, len(leaves)):
                for a in leaves[i][1]:
                    for b in leaves[j][1]:
                        if not ((a.bits ^ b.bits) & a.mask & b.mask):
                            example = a.bits | b.bits
                            raise DecodeError(
                                b.loc, 'pattern %s overlaps pattern %s (%s) outside an '
                                'overlap group { }: both match 0x%x'
                                % (b.name, a.name, a.loc, example))


# ----------------------------------------------------------------------
# Code generation


class Emitter:
    def __init__(self, dec, opts):
        self.dec = dec
        self.opts = opts
        self.out = []
        self.fn = opts.decode
        self.insn_type = {16: 'uint16_t', 32: 'uint32_t', 64: 'uint64_t'}[dec.container]
        self.hexw = dec.container // 4

    def w(self, ind, text=''):
        self.out.append(('    ' * ind + text) if text else '')

    def hexc(self, v):
        s = '0x%0*x' % (self.hexw, v)
        if self.dec.container == 64:
            s += 'ull'
        return s

    def used_argsets(self):
        seen = []
        for p in self.dec.patterns:
            if p.argset not in seen:
                seen.append(p.argset)
        return seen

    def used_funcs(self):
        funcs = []
        for p in self.dec.patterns:
            for v in p.fields.values():
                if isinstance(v, Field) and v.func and v.func not in funcs:
                    funcs.append(v.func)
        return funcs

    def trans_names(self):
        names = []
        for p in self.dec.patterns:
            if p.name not in names:
                names.append(p.name)
        return names

    def emit_types(self, storage):
        """Argument-set typedefs and prototypes (header or top of the C file)."""
        self.w(0, '#ifndef TURTLE_DECODE_DISASCONTEXT')
        self.w(0, '#define TURTLE_DECODE_DISASCONTEXT')
        self.w(0, 'typedef struct DisasContext DisasContext;')
        self.w(0, '#endif')
        self.w(0)
        for a in self.used_argsets():
            guard = a.extern or a.name == 'empty'
            if guard:
                self.w(0, '#ifndef TURTLE_DECODE_ARG_%s' % a.name)
                self.w(0, '#define TURTLE_DECODE_ARG_%s' % a.name)
            self.w(0, 'typedef struct {')
            for m in a.members:
                self.w(1, 'int %s;' % m)
            if not a.members:
                self.w(1, 'int unused_;   /* no arguments; keeps the struct non-empty */')
            self.w(0, '} arg_%s;' % a.name)
            if guard:
                self.w(0, '#endif')
            self.w(0)
        for fn in self.used_funcs():
            self.w(0, '%sint %s(DisasContext *ctx, int value);' % (storage, fn))
        prefix = self.opts.trans_prefix
        for name in self.trans_names():
            a = self.dec.trans[name][0]
            self.w(0, '%sbool %s%s(DisasContext *ctx, arg_%s *a);'
                   % (storage, prefix, name, a.name))
        self.w(0)

    def emit_helpers(self):
        self.w(0, '#ifndef TURTLE_DECODE_HELPERS')
        self.w(0, '#define TURTLE_DECODE_HELPERS')
        self.w(0, '/* Bits [pos, pos+len) of v, zero- or sign-extended. */')
        self.w(0, 'static inline uint32_t decode_ex(uint64_t v, unsigned pos, unsigned len)')
        self.w(0, '{')
        self.w(1, 'return (uint32_t)((v >> pos) & ((UINT64_C(1) << len) - 1));')
        self.w(0, '}')
        self.w(0)
        self.w(0, 'static inline int decode_sex(uint64_t v, unsigned pos, unsigned len)')
        self.w(0, '{')
        self.w(1, 'return (int)((int64_t)(v << (64 - pos - len)) >> (64 - len));')
        self.w(0, '}')
        self.w(0, '#endif')
        self.w(0)

    def emit_extractors(self):
        for f in self.dec.formats.values():
            if not f.used:
                continue
            self.w(0, '/* @%s (%s) */' % (f.name, f.loc))
            self.w(0, 'static void %s_extract_%s(DisasContext *ctx, arg_%s *a, %s insn)'
                   % (self.fn, f.name, f.argset.name, self.insn_type))
            self.w(0, '{')
            self.emit_assigns(1, f.fields, 'a->')
            self.w(0, '}')
            self.w(0)

    def emit_assigns(self, ind, fields, lhs):
        uses_ctx = uses_insn = False
        for name, v in fields.items():
            if isinstance(v, Field):
                self.w(ind, '%s%s = %s;' % (lhs, name, v.c_expr('insn')))
                uses_ctx |= bool(v.func)
                uses_insn |= bool(v.segs)
            else:
                self.w(ind, '%s%s = %d;' % (lhs, name, v))
        if lhs == 'a->':
            if not uses_ctx:
                self.w(ind, '(void)ctx;')
            if not uses_insn:
                self.w(ind, '(void)insn;')

    def cond(self, mask, bits):
        return '(insn & %s) == %s' % (self.hexc(mask), self.hexc(bits))

    def emit_pattern(self, ind, p, tested):
        m = p.mask & ~tested
        self.w(ind, '/* %s %s */' % (p.loc, p.name))
        if m:
            self.w(ind, 'if (%s) {' % self.cond(m, p.bits & m))
        else:
            self.w(ind, '{')
        i = ind + 1
        self.w(i, 'arg_%s u;' % p.argset.name)
        if p.fmt is not None:
            self.w(i, '%s_extract_%s(ctx, &u, insn);' % (self.fn, p.fmt.name))
            self.emit_assigns(i, p.own_fields, 'u.')
        else:
            self.emit_assigns(i, p.fields, 'u.')
            if not p.argset.members:
                self.w(i, 'u.unused_ = 0;')
        self.w(i, 'if (%s%s(ctx, &u)) {' % (self.opts.trans_prefix, p.name))
        self.w(i + 1, 'return true;')
        self.w(i, '}')
        self.w(ind, '}')

    def emit_item(self, ind, it, tested):
        if isinstance(it, Pattern):
            self.emit_pattern(ind, it, tested)
        elif it.overlap:
            m = it.mask & ~tested
            if m:
                self.w(ind, 'if (%s) {' % self.cond(m, it.bits & m))
                inner, t2 = ind + 1, tested | m
            else:
                inner, t2 = ind, tested
            self.w(inner, '/* overlap group from %s: first handled match wins */' % it.loc)
            for sub in it.items:
                self.emit_item(inner, sub, t2)
            if m:
                self.w(ind, '}')
        else:
            self.emit_tree(ind, it.items, tested)

    def emit_tree(self, ind, items, tested):
        """Mutually exclusive items: switch on bits they all fix."""
        if len(items) <= LINEAR_LIMIT:
            for it in items:
                self.emit_item(ind, it, tested)
            return
        common = ~tested
        for it in items:
            common &= it.mask
        common &= (1 << self.dec.container) - 1
        rest = []
        if not common:
            # No bit is fixed everywhere: switch on the items that fix the
            # most popular bit, then deal with the others after the switch.
            best, best_n = -1, 0
            for b in range(self.dec.container - 1, -1, -1):
                if tested >> b & 1:
                    continue
                n = sum(1 for it in items if it.mask >> b & 1)
                if n > best_n:
                    best, best_n = b, n
            if best_n < 2:
                for it in items:
                    self.emit_item(ind, it, tested)
                return
            sub = [it for it in items if it.mask >> best & 1]
            rest = [it for it in items if not it.mask >> best & 1]
            items = sub
            common = ~tested & ((1 << self.dec.container) - 1)
            for it in items:
                common &= it.mask
        cases = {}
        for it in items:
            cases.setdefault(it.bits & common, []).append(it)
        t2 = tested | common
        if len(cases) == 1:
            (val, its), = cases.items()
            self.w(ind, 'if (%s) {' % self.cond(common, val))
            self.emit_tree(ind + 1, its, t2)
            self.w(ind, '}')
        else:
            shift = (common & -common).bit_length() - 1
            run = common >> shift
            contiguous = (run & (run + 1)) == 0
            if contiguous and shift == 0:
                self.w(ind, 'switch (insn & 0x%x) {' % run)
            elif contiguous:
                self.w(ind, 'switch ((insn >> %d) & 0x%x) {' % (shift, run))
            else:
                self.w(ind, 'switch (insn & %s) {' % self.hexc(common))
            for val in sorted(cases):
                label = '0x%x' % (val >> shift) if contiguous else self.hexc(val)
                self.w(ind, 'case %s:' % label)
                self.emit_tree(ind + 1, cases[val], t2)
                self.w(ind + 1, 'break;')
            self.w(ind, '}')
        if rest:
            self.emit_tree(ind, rest, tested)

    def generate(self, inputs, header_name):
        dec = self.dec
        self.w(0, '/*')
        self.w(0, ' * Generated by scripts/decodegen.py from:')
        for path in inputs:
            self.w(0, ' *   %s' % os.path.basename(path))
        self.w(0, ' * Do not edit: change the pattern files instead.')
        self.w(0, ' */')
        self.w(0)
        if header_name:
            self.w(0, '#include <stdbool.h>')
            self.w(0, '#include <stdint.h>')
            self.w(0, '#include "%s"' % header_name)
            self.w(0)
        else:
            self.emit_types('static ')
        self.emit_helpers()
        self.emit_extractors()
        storage = 'static ' if self.opts.static_decode else ''
        self.w(0, '%sbool %s(DisasContext *ctx, %s insn)' % (storage, self.fn, self.insn_type))
        self.w(0, '{')
        if not dec.patterns:
            self.w(1, '(void)ctx;')
            self.w(1, '(void)insn;')
        self.emit_tree(1, dec.root.items, 0)
        self.w(1, 'return false;')
        self.w(0, '}')
        return '\n'.join(self.out) + '\n'

    def generate_header(self, guard):
        self.out = []
        self.w(0, '/* Generated by scripts/decodegen.py: types and handler prototypes'
               ' of %s(). */' % self.fn)
        self.w(0, '#ifndef %s' % guard)
        self.w(0, '#define %s' % guard)
        self.w(0)
        self.w(0, '#include <stdbool.h>')
        self.w(0, '#include <stdint.h>')
        self.w(0)
        self.emit_types('')
        self.w(0, 'bool %s(DisasContext *ctx, %s insn);' % (self.fn, self.insn_type))
        self.w(0)
        self.w(0, '#endif')
        return '\n'.join(self.out) + '\n'


def parse_files(paths, insnwidth=32, varinsnwidth=None):
    """Parse and check pattern files; returns a Decoder or raises DecodeError."""
    dec = Decoder(insnwidth, varinsnwidth)
    for p in paths:
        dec.parse_file(p)
    dec.check()
    return dec


def write_file(path, text):
    if path == '-':
        sys.stdout.write(text)
        return
    tmp = path + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(
        description='Generate a C instruction decoder from pattern files.')
    ap.add_argument('inputs', nargs='+', metavar='FILE.decode',
                    help='pattern files, concatenated into one decoder')
    ap.add_argument('-o', '--output', default='-', help='C file to write (default stdout)')
    ap.add_argument('--decode', default='decode',
                    help='name of the generated decode function')
    ap.add_argument('--static-decode', action='store_true',
                    help='make the decode function static')
    ap.add_argument('--header', metavar='FILE',
                    help='also write a header with the argument types and handler '
                    'prototypes; handlers are then extern and the C file stands alone')
    ap.add_argument('--trans-prefix', default='trans_',
                    help="prefix of the handler functions (default 'trans_')")
    wg = ap.add_mutually_exclusive_group()
    wg.add_argument('--insnwidth', type=int, default=32, choices=(16, 32, 64),
                    help='fixed instruction width in bits (default 32)')
    wg.add_argument('--varinsnwidth', type=int, metavar='MAX',
                    help='variable-length instructions of whole bytes up to MAX bits, '
                    'held left-aligned in a uint64_t')
    opts = ap.parse_args(argv)
    if opts.varinsnwidth is not None and not (8 <= opts.varinsnwidth <= 64
                                              and opts.varinsnwidth % 8 == 0):
        ap.error('--varinsnwidth must be a multiple of 8 between 8 and 64')
    if not IDENT_RE.match(opts.decode):
        ap.error("--decode needs a C identifier, not '%s'" % opts.decode)
    if opts.static_decode and opts.header:
        ap.error('--static-decode and --header exclude each other')
    try:
        dec = parse_files(opts.inputs, opts.insnwidth, opts.varinsnwidth)
        em = Emitter(dec, opts)
        header_name = os.path.basename(opts.header) if opts.header else None
        ctext = em.generate(opts.inputs, header_name)
        if opts.header:
            guard = re.sub(r'[^A-Za-z0-9]', '_', header_name).upper()
            htext = em.generate_header(guard)
    except DecodeError as e:
        sys.stderr.write('%s\n' % e)
        return 1
    try:
        write_file(opts.output, ctext)
        if opts.header:
            write_file(opts.header, htext)
    except OSError as e:
        sys.stderr.write('error: cannot write output: %s\n' % e)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
