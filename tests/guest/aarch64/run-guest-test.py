#!/usr/bin/env python3
"""run-guest-test.py — runs one bare-metal guest test and judges its output.

    run-guest-test.py --emulator turtle-system-aarch64 --elf test-int.elf
                      [--timeout 60] [-- extra emulator arguments]

Runs EMULATOR -M virt -cpu max -nographic -kernel ELF and reads the
serial output: the test prints "PASS name" / "FAIL name: ..." lines and
ends with "END: N passed, M failed" before powering off through PSCI
(test.h). Passes when END was printed, nothing failed and something
passed. The same command works with qemu-system-aarch64, which is how the
expected values of the tests themselves were checked.
"""
import argparse
import os
import re
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emulator', required=True)
    ap.add_argument('--elf', required=True)
    ap.add_argument('--timeout', type=float, default=60)
    ap.add_argument('extra', nargs='*')
    args = ap.parse_args()
    if not os.path.exists(args.emulator):
        print('emulator %s not built' % args.emulator)
        return 1
    cmd = [args.emulator, '-M', 'virt', '-cpu', 'max', '-nographic', '-m', '256M',
           '-kernel', args.elf] + args.extra
    try:
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=args.timeout)
        out = r.stdout.decode('utf-8', 'replace')
        err = r.stderr.decode('utf-8', 'replace')
        timed_out = False
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode('utf-8', 'replace')
        err = (e.stderr or b'').decode('utf-8', 'replace')
        timed_out = True
    out = out.replace('\r', '').replace('\0', '')
    sys.stdout.write(out)
    if err:
        sys.stdout.write('--- emulator stderr ---\n' + err)
    passed = len(re.findall(r'^PASS ', out, re.M))
    failed = len(re.findall(r'^FAIL ', out, re.M))
    end = re.search(r'^END: (\d+) passed, (\d+) failed', out, re.M)
    if timed_out:
        print('TIMEOUT after %gs' % args.timeout)
        failed += 1
    elif not end:
        print('no END line: the test did not finish')
        failed += 1
    print('%d passed, %d failed' % (passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == '__main__':
    sys.exit(main())
