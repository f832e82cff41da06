#!/usr/bin/env python3
"""run-sys-test.py — runs one system-architecture guest test and judges it.

    run-sys-test.py --emulator turtle-system-aarch64 --elf test-exc.elf
                    --expect test-exc.expect [--timeout 50] [-- -smp 2]

Runs EMULATOR -M virt -cpu max -nographic -m 256M -kernel ELF [extra] and
reads the serial output ("PASS name", "FAIL name: ...", "SKIP name: why",
"END: N passed, M failed"; see test.h). The test passes when:

  * the emulator exited by itself with status 0 (PSCI SYSTEM_OFF) before
    the timeout;
  * an END line was printed, no FAIL line, and END's counts agree;
  * every name of the expect file was printed as PASS, except those in a
    "[section]" of the expect file whose name was printed as "SKIP section"
    (a feature the CPU does not advertise), and every PASS name is in the
    expect file (so that a renamed or new check is noticed).

Expect file: one check name a line; "# ..." comments; "[name ...]" starts
a section that a "SKIP name" line for any of its names waives; "[]" ends it.

The same command runs the test under another emulator to cross-check the
test itself, for instance Debian's qemu-system-aarch64 with
--machine virt,gic-version=3 -- -nic none.
"""
import argparse
import os
import re
import subprocess
import sys


def read_expect(path):
    sections = {}
    cur = ''
    for line in open(path):
        line = line.split('#', 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r'\[([^\]]*)\]', line)
        if m:
            cur = m.group(1)
            continue
        sections.setdefault(cur, []).append(line)
    return sections


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emulator', required=True)
    ap.add_argument('--elf', required=True)
    ap.add_argument('--expect', required=True)
    ap.add_argument('--timeout', type=float, default=50)
    ap.add_argument('--machine', default='virt',
                    help='-M value (another emulator may need virt,gic-version=3)')
    ap.add_argument('extra', nargs='*')
    args = ap.parse_args()
    if not os.path.exists(args.emulator) and os.sep in args.emulator:
        print('emulator %s not built' % args.emulator)
        return 1
    cmd = [args.emulator, '-M', args.machine, '-cpu', 'max', '-nographic', '-m', '256M',
           '-kernel', args.elf] + args.extra
    problems = []
    try:
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=args.timeout)
        out, err, status = r.stdout, r.stderr, r.returncode
    except subprocess.TimeoutExpired as e:
        out, err, status = e.stdout or b'', e.stderr or b'', None
        problems.append('TIMEOUT after %gs' % args.timeout)
    out = out.decode('utf-8', 'replace').replace('\r', '').replace('\0', '')
    err = err.decode('utf-8', 'replace')
    sys.stdout.write(out)
    if err:
        sys.stdout.write('--- emulator stderr ---\n' + err)
    if status is not None and status != 0:
        problems.append('emulator exit status %d (expected 0 from PSCI SYSTEM_OFF)' % status)

    passed = re.findall(r'^PASS (\S+)', out, re.M)
    failed = re.findall(r'^FAIL (.*)$', out, re.M)
    skipped = set(re.findall(r'^SKIP ([^\s:]+)', out, re.M))
    end = re.search(r'^END: (\d+) passed, (\d+) failed', out, re.M)
    if not end:
        problems.append('no END line: the test did not finish')
    elif int(end.group(1)) != len(passed) or int(end.group(2)) != len(failed):
        problems.append('END counts disagree with the PASS/FAIL lines')

    sections = read_expect(args.expect)
    expected = set()
    for sec, names in sections.items():
        expected.update(names)
        if skipped.intersection(sec.split()):
            continue
        for n in names:
            if n not in passed:
                problems.append('expected check did not pass: %s' % n)
    for n in passed:
        if n not in expected:
            problems.append('PASS line not in %s: %s' % (os.path.basename(args.expect), n))

    for p in problems:
        print('PROBLEM: ' + p)
    nfail = len(failed) + len(problems)
    print('%d passed, %d failed' % (len(passed), nfail))
    return 0 if nfail == 0 and passed else 1


if __name__ == '__main__':
    sys.exit(main())
