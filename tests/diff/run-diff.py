#!/usr/bin/env python3
"""run-diff.py — one run of the A64 differential test (tests/diff).

Generates random cases (a64gen.py), runs them on the oracle (oracle-a64
under qemu-aarch64) and on Turtle, and compares the results (compare.py).

    run-diff.py --mode ir --runner BUILD/tests/diff/a64-irrun [--opt]
                --oracle BUILD/tests/diff/oracle-a64 [--seed N]
                [--cases N] [--insns N] [--classes int,branch,ldst]
    run-diff.py --mode system --runner BUILD/turtle-system-aarch64
                --elf BUILD/tests/diff/sysrun-a64.elf --oracle ... [...]

Modes: "ir" runs Turtle's A64 front end on the IR interpreter
(a64-irrun): precise reports (every register, flag and byte). "system"
runs the cases as EL0 code under turtle-system-aarch64 with the MMU on
(sysrun-a64.c): the whole emulator; it compares X0-X30 and NZCV, and
hashes of the V registers and of the sandbox. Exits 77 (skipped) when
qemu-aarch64 is missing.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def fnv(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
    return h


def system_cmd(args, cases):
    return [args.runner, '-M', 'virt', '-cpu', 'max', '-nographic', '-m', '256M',
            '-kernel', args.elf, '-device', 'loader,file=%s,addr=0x48000000' % cases]


def system_features(args, qemu, work):
    """The optional features Turtle's CPU advertises (sysrun-a64 prints its
    ID registers) that the oracle has too (qemu-aarch64's max CPU has all
    of them; its DC ZVA block size is asked with oracle-a64 -z)."""
    import struct
    empty = os.path.join(work, 'empty.bin')
    with open(empty, 'wb') as f:
        f.write(struct.pack('<II', 0x43343641, 0))
    r = subprocess.run(system_cmd(args, empty), stdin=subprocess.DEVNULL,
                       capture_output=True, timeout=args.timeout)
    ids = None
    for line in r.stdout.decode('utf-8', 'replace').splitlines():
        f = line.strip().replace('\0', '').split()
        if f and f[0] == 'ID' and len(f) == 5:
            ids = [int(x, 16) for x in f[1:]]
    if ids is None:
        return ''
    isar0, isar1, mmfr1, dczid = ids

    def field(v, shift):
        return (v >> shift) & 0xf

    feats = []
    if field(isar0, 16) >= 1:
        feats.append('crc32')
    if field(isar0, 52) >= 1:
        feats.append('flagm')
    if field(isar0, 52) >= 2:
        feats.append('flagm2')
    if field(isar0, 20) >= 2:
        feats.append('lse')
    if field(isar1, 20) >= 1:
        feats.append('rcpc')
    oracle_dczid = subprocess.run([qemu, args.oracle, '-z']).returncode
    if (dczid & 0x1f) == oracle_dczid:
        feats.append('dczva')
    return ','.join(feats)


def run_system(args, cases, expected):
    """Runs the cases under the system emulator and compares its R lines."""
    import struct
    rec = 8 + 1024 + 4096
    cmd = system_cmd(args, cases)
    try:
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=args.timeout)
        out = r.stdout.decode('utf-8', 'replace')
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode('utf-8', 'replace')
        print('TIMEOUT after %gs' % args.timeout)
    got = {}
    for line in out.replace('\r', '').replace('\0', '').splitlines():
        f = line.split()
        if f and f[0] == 'R' and len(f) == 37:
            got[int(f[1])] = [int(x, 16) for x in f[2:]]
        elif f and f[0] == 'FAIL':
            print(line)
    exp = open(expected, 'rb').read()
    n = len(exp) // rec
    names = ['status'] + ['x%d' % i for i in range(31)] + ['nzcv', 'v0-v31', 'sandbox']
    passed = failed = 0
    for c in range(n):
        e = exp[c * rec:(c + 1) * rec]
        want = [struct.unpack_from('<Q', e, 0)[0]]
        want += list(struct.unpack_from('<32Q', e, 8))
        want += [fnv(e[8 + 272:8 + 272 + 512]), fnv(e[8 + 1024:])]
        have = got.get(c)
        if have == want:
            passed += 1
            continue
        failed += 1
        if failed <= 3:
            if have is None:
                print('case %d: no result' % c)
            else:
                print('case %d differs: ' % c + ', '.join(
                    '%s expected 0x%x got 0x%x' % (names[i], want[i], have[i])
                    for i in range(len(want)) if want[i] != have[i]))
    print('seed %d, %d cases of %d instructions (system mode)' % (args.seed, args.cases,
                                                                  args.insns))
    print('%d passed, %d failed' % (passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mode', default='ir', choices=['ir', 'system'])
    ap.add_argument('--elf', help='sysrun-a64.elf (system mode)')
    ap.add_argument('--timeout', type=float, default=240)
    ap.add_argument('--runner', required=True)
    ap.add_argument('--opt', action='store_true', help='run the IR passes too')
    ap.add_argument('--oracle', required=True)
    ap.add_argument('--qemu', default='qemu-aarch64')
    ap.add_argument('--objdump', default='aarch64-linux-gnu-objdump')
    ap.add_argument('--seed', type=int, default=int(os.environ.get('A64_DIFF_SEED', '1')))
    ap.add_argument('--cases', type=int, default=400)
    ap.add_argument('--insns', type=int, default=500)
    ap.add_argument('--classes', default='int,branch,ldst')
    ap.add_argument('--keep', help='directory to keep the files in')
    args = ap.parse_args()

    qemu = shutil.which(args.qemu)
    if not qemu:
        print('qemu-aarch64 not found: skipping (scripts/install-deps.sh installs qemu-user)')
        return 77
    objdump = shutil.which(args.objdump)
    work = args.keep or tempfile.mkdtemp(prefix='a64diff-')
    os.makedirs(work, exist_ok=True)
    cases = os.path.join(work, 'cases.bin')
    expected = os.path.join(work, 'expected.bin')
    actual = os.path.join(work, 'actual.bin')
    try:
        features = 'crc32,flagm,flagm2,lse,rcpc,dczva'
        if args.mode == 'system':
            features = system_features(args, qemu, work)
            print('features both sides implement: %s' % features)
        subprocess.run([sys.executable, os.path.join(HERE, 'a64gen.py'), '-o', cases,
                        '--seed', str(args.seed), '--cases', str(args.cases),
                        '--insns', str(args.insns), '--classes', args.classes,
                        '--features', features],
                       check=True)
        subprocess.run([qemu, args.oracle, cases, expected], check=True)
        if args.mode == 'system':
            return run_system(args, cases, expected)
        # The DC ZVA block size is the oracle's (its exit status with -z).
        dczid = subprocess.run([qemu, args.oracle, '-z']).returncode
        cmd = [args.runner, '--dczid', str(dczid)] + (['--opt'] if args.opt else []) + \
            [cases, actual]
        r = subprocess.run(cmd)
        if r.returncode != 0:
            print('runner failed with status %d' % r.returncode)
            return 1
        print('seed %d, %d cases of %d instructions' % (args.seed, args.cases, args.insns))
        cmp = [sys.executable, os.path.join(HERE, 'compare.py'), cases, expected, actual]
        if objdump:
            cmp += ['--objdump', objdump]
        return subprocess.run(cmp).returncode
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
