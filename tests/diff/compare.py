#!/usr/bin/env python3
"""compare.py — compares two result files of the A64 differential test.

    compare.py CASES EXPECTED ACTUAL [--max-report N] [--objdump PATH]

EXPECTED comes from the oracle, ACTUAL from Turtle (formats in a64-case.h).
For each case that differs, prints the differing registers / flags /
sandbox bytes and, with objdump, the disassembly of the case's code.
Ends with the line "N passed, N failed".
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile

STATE = 1024
SANDBOX = 4096
REC = 8 + STATE + SANDBOX
HDR = 8 + 31 * 8 + 8 + 512 + 4096


def read_cases(path):
    d = open(path, 'rb').read()
    magic, n = struct.unpack_from('<II', d, 0)
    p = 8
    cases = []
    for _ in range(n):
        nwords = struct.unpack_from('<I', d, p)[0]
        code = d[p + HDR:p + HDR + nwords * 4]
        cases.append(code)
        p += HDR + ((nwords * 4 + 7) & ~7)
    return cases


def disasm(objdump, code):
    if not objdump:
        return ''
    with tempfile.NamedTemporaryFile(suffix='.bin', delete=False) as f:
        f.write(code)
        name = f.name
    try:
        out = subprocess.run([objdump, '-D', '-b', 'binary', '-m', 'aarch64',
                              '--adjust-vma=0x40200000', name],
                             capture_output=True, text=True).stdout
    finally:
        os.unlink(name)
    return '\n'.join(l for l in out.splitlines() if l.startswith('  '))


def describe(exp, act):
    lines = []
    se, sa = struct.unpack_from('<Q', exp, 0)[0], struct.unpack_from('<Q', act, 0)[0]
    if se != sa:
        lines.append('status: expected 0x%x, got 0x%x' % (se, sa))
        return lines
    for i in range(31):
        e = struct.unpack_from('<Q', exp, 8 + i * 8)[0]
        a = struct.unpack_from('<Q', act, 8 + i * 8)[0]
        if e != a:
            lines.append('x%d: expected 0x%016x, got 0x%016x' % (i, e, a))
    e = struct.unpack_from('<Q', exp, 8 + 248)[0]
    a = struct.unpack_from('<Q', act, 8 + 248)[0]
    if e != a:
        lines.append('nzcv: expected %s, got %s' % (bin(e >> 28), bin(a >> 28)))
    for i in range(32):
        o = 8 + 272 + i * 16
        if exp[o:o + 16] != act[o:o + 16]:
            lines.append('v%d: expected %s, got %s' % (i, exp[o:o + 16][::-1].hex(),
                                                       act[o:o + 16][::-1].hex()))
    so = 8 + STATE
    for i in range(SANDBOX):
        if exp[so + i] != act[so + i]:
            lines.append('sandbox[0x%x] (first difference): expected %02x, got %02x'
                         % (i, exp[so + i], act[so + i]))
            break
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('cases')
    ap.add_argument('expected')
    ap.add_argument('actual')
    ap.add_argument('--max-report', type=int, default=3)
    ap.add_argument('--objdump')
    args = ap.parse_args()
    codes = read_cases(args.cases)
    exp = open(args.expected, 'rb').read()
    act = open(args.actual, 'rb').read()
    n = len(codes)
    passed = failed = 0
    for c in range(n):
        e = exp[c * REC:(c + 1) * REC]
        a = act[c * REC:(c + 1) * REC]
        if len(e) != REC or len(a) != REC:
            failed += 1
            print('case %d: missing result' % c)
            continue
        if e == a and struct.unpack_from('<Q', e, 0)[0] == 0:
            passed += 1
            continue
        failed += 1
        if failed <= args.max_report:
            print('case %d differs:' % c)
            for l in describe(e, a):
                print('  ' + l)
            d = disasm(args.objdump, codes[c])
            if d:
                print(d)
    print('%d passed, %d failed' % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
