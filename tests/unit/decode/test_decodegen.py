#!/usr/bin/env python3
"""Script-level tests of scripts/decodegen.py.

Feeds malformed pattern files to the generator and checks that each one is
rejected with exit status 1 and an error line 'file:line: error: ...' naming
the right line and problem; checks that overlaps outside { } are refused and
inside { } accepted; and compiles generated C (standalone --header mode) with
-Wall -Wextra -Werror when a C compiler is available.

Usage: test_decodegen.py path/to/decodegen.py
"""

import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# (name, pattern file text, extra options, line of the error, text the message must contain)
BAD = [
    ('unexpected-token',
     'FOO 0000 0000 0000 0000 0000 0000 0000 000 x\n',
     [], 1, "unexpected token 'x'"),
    ('bad-start',
     '\n# comment\n$FOO 0000\n',
     [], 3, "unexpected '$FOO' at start of line"),
    ('short-pattern',
     '\nFOO 0000 0000 0000 0000 0000 0000 0000 000\n',
     [], 2, '31 bits given; the instruction width is 32'),
    ('long-format',
     '@f 0000 0000 0000 0000 0000 0000 0000 0000 x:4\n',
     [], 1, '36 bits given; the instruction width is 32'),
    ('width16',
     'FOO 0000 0000 0000 0000 0000 0000 0000 0000\n',
     ['--insnwidth', '16'], 1, '32 bits given; the instruction width is 16'),
    ('varwidth-bytes',
     'FOO 0000 0000 0000\n',
     ['--varinsnwidth', '48'], 1, 'whole number of bytes up to 48 bits'),
    ('varwidth-too-long',
     'FOO ' + '0' * 56 + '\n',
     ['--varinsnwidth', '48'], 1, 'whole number of bytes up to 48 bits'),
    ('unknown-field',
     'FOO 0000 0000 0000 0000 0000 0000 0000 0000 a=%nosuch\n',
     [], 1, 'unknown field %nosuch'),
    ('unknown-field-bare',
     '%x 0:4\nFOO 0000 0000 0000 0000 0000 0000 0000 .... %y\n',
     [], 2, 'unknown field %y'),
    ('unknown-format',
     'FOO 0000 0000 0000 0000 0000 0000 0000 0000 @nosuch\n',
     [], 1, 'unknown format @nosuch'),
    ('unknown-argset',
     '@f 0000 0000 0000 0000 0000 0000 0000 0000 &nosuch\n',
     [], 1, 'unknown argument set &nosuch'),
    ('field-redefined',
     '%a 0:4\n%b 4:4\n%a 8:4\n',
     [], 3, 'field %a already defined at'),
    ('format-redefined',
     '@f 0000 0000 0000 0000 0000 0000 0000 0000\n@f 0000 0000 0000 0000 0000 0000 0000 0000\n',
     [], 2, 'format @f already defined at'),
    ('argset-redefined',
     '&a x y\n&a x y\n',
     [], 2, 'argument set &a already defined at'),
    ('extern-mismatch',
     '&a x y !extern\n&a x z !extern\n',
     [], 2, 'argument set &a already defined at'),
    ('argset-dup-member',
     '&a x y x\n',
     [], 1, "argument 'x' appears twice in &a"),
    ('bad-range',
     '%f 30:4\n',
     [], 1, "bit range '30:4' does not fit a 32-bit instruction"),
    ('zero-range',
     '%f 3:0\n',
     [], 1, "bit range '3:0' has zero length"),
    ('bad-range-syntax',
     '%f 3-4\n',
     [], 1, "invalid bit range '3-4'"),
    ('signed-second',
     '%f 0:4 s8:4\n',
     [], 1, 'only the first (most significant) bit range of a field may be signed'),
    ('field-33-bits',
     '%f 0:32 0:1\n',
     ['--insnwidth', '64'], 1, 'field %f is 33 bits wide; at most 32 are allowed'),
    ('field-no-bits',
     '%f\n',
     [], 1, 'field %f has no bit ranges'),
    ('field-bad-option',
     '%f 0:4 !fun=x\n',
     [], 1, "unknown field option '!fun=x'"),
    ('bad-number',
     'FOO 0000 0000 0000 0000 0000 0000 0000 0000 a=12x\n',
     [], 1, "invalid number '12x'"),
    ('set-twice',
     'FOO 0000 0000 0000 0000 0000 0000 a:4 a:4\n',
     [], 1, "argument 'a' is set twice"),
    ('not-member',
     '&s a\n@f 0000 0000 0000 0000 0000 0000 a:4 b:4 &s\n',
     [], 2, "argument 'b' is not a member of &s"),
    ('member-unset',
     '&s a b\nFOO 0000 0000 0000 0000 0000 0000 a:4 0000 &s\n',
     [], 2, "argument 'b' of &s is not set"),
    ('loose-bits',
     '\n\nFOO 0000 0000 0000 0000 0000 0000 .... 0000\n',
     [], 3, 'bits 7:4 of FOO are neither fixed, in a field, nor ignored'),
    ('format-conflict',
     '@f 0000 .... .... .... .... .... .... ....\nFOO 0001 0000 0000 0000 0000 0000 0000 0000 @f\n',
     [], 2, 'fixed bits 0x10000000 differ from those of format @f'),
    ('name-two-argsets',
     '&a x\n&b x\nFOO 0000 0000 0000 0000 0000 0000 0000 x:4 &a\n'
     'FOO 0001 0000 0000 0000 0000 0000 0000 x:4 &b\n',
     [], 4, 'pattern FOO uses &b but the same name at'),
    ('format-in-format',
     '@f 0000 0000 0000 0000 0000 0000 0000 0000\n@g 0000 0000 0000 0000 0000 0000 0000 0000 @f\n',
     [], 2, 'a format cannot refer to another format'),
    ('overlap-top',
     '# two patterns that both match 0x10000001\n'
     'ONE  0001 ---- ---- ---- ---- ---- ---- ----\n'
     'TWO  ---- ---- ---- ---- ---- ---- ---- ---1\n',
     [], 3, 'pattern TWO overlaps pattern ONE'),
    ('overlap-identical',
     'ONE  0001 0000 0000 0000 0000 0000 0000 0000\n'
     'OTHER 0010 0000 0000 0000 0000 0000 0000 0000\n'
     'TWO  0001 0000 0000 0000 0000 0000 0000 0000\n',
     [], 3, 'pattern TWO overlaps pattern ONE'),
    ('overlap-in-brackets',
     '{\n  [\n    ONE  0001 ---- ---- ---- ---- ---- ---- ----\n'
     '    TWO  0001 0000 ---- ---- ---- ---- ---- ----\n  ]\n}\n',
     [], 4, 'pattern TWO overlaps pattern ONE'),
    ('overlap-with-group',
     '{\n  ONE  0001 0000 ---- ---- ---- ---- ---- ----\n'
     '  TWO  0001 ---- ---- ---- ---- ---- ---- ----\n}\n'
     'THREE ---- 0000 0000 ---- ---- ---- ---- ----\n',
     [], 5, 'pattern THREE overlaps pattern ONE'),
    ('unclosed-group',
     '{\n  ONE  0001 ---- ---- ---- ---- ---- ---- ----\n',
     [], 3, "group opened with '{' at"),
    ('wrong-close',
     '{\n  ONE  0001 ---- ---- ---- ---- ---- ---- ----\n]\n',
     [], 3, "']' closes a group opened with '{'"),
    ('stray-close',
     '}\n',
     [], 1, "'}' without a matching '{'"),
    ('brace-not-alone',
     '{ ONE\n',
     [], 1, "'{' must be alone on its line"),
    ('empty-group',
     '[\n]\n',
     [], 2, 'empty group'),
    ('implicit-clash',
     '&FOO a b\nFOO 0000 0000 0000 0000 0000 0000 0000 a:4\n',
     [], 2, "the implicit argument set of 'FOO' clashes with &FOO"),
    ('keyword-member',
     '&a rd int\n',
     [], 1, "argument name 'int' is reserved in the generated C"),
    ('keyword-inline',
     'FOO 0000 0000 0000 0000 0000 0000 0000 if:4\n',
     [], 1, "argument name 'if' is reserved"),
    ('bad-name',
     '%9x 0:4\n',
     [], 1, "invalid field name '9x'"),
]

# Pattern files that must be accepted.
GOOD = [
    ('overlap-in-braces',
     '{\n  ONE  0001 ---- ---- ---- ---- ---- ---- ----\n'
     '  TWO  ---- ---- ---- ---- ---- ---- ---- ---1\n}\n', []),
    ('disjoint-top',
     'ONE  0001 ---- ---- ---- ---- ---- ---- ----\n'
     'TWO  0000 ---- ---- ---- ---- ---- ---- ---1\n', []),
    ('continuation',
     '%f 0:4 \\\n   4:4\nONE 0001 ---- ---- ---- ---- ---- \\\n  ---- ---- x=%f\n', []),
    ('extern-repeat',
     '&a x !extern\n&a x !extern\nONE 0001 0000 0000 0000 0000 0000 0000 x:4 &a\n', []),
]

failures = 0
checks = 0


def check(cond, what):
    global failures, checks
    checks += 1
    if cond:
        print('ok %d - %s' % (checks, what))
    else:
        failures += 1
        print('not ok %d - %s' % (checks, what))


def run(gen, path, extra, out):
    return subprocess.run([sys.executable, gen, '--decode', 'd', '-o', out] + extra + [path],
                          capture_output=True, text=True)


def main():
    gen = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix='decodegen-test-')
    try:
        for name, text, extra, line, msg in BAD:
            path = os.path.join(tmp, name + '.decode')
            out = os.path.join(tmp, name + '.c')
            with open(path, 'w') as f:
                f.write(text)
            r = run(gen, path, extra, out)
            lines = r.stderr.strip().split('\n')
            want = '%s:%d: error: ' % (path, line)
            ok = (r.returncode == 1 and len(lines) == 1 and lines[0].startswith(want)
                  and msg in lines[0] and not os.path.exists(out))
            if not ok:
                print('# %s: exit %d, stderr: %r' % (name, r.returncode, r.stderr))
                print('#   wanted %r ... %r' % (want, msg))
            check(ok, 'rejects %s' % name)

        for name, text, extra in GOOD:
            path = os.path.join(tmp, name + '.decode')
            out = os.path.join(tmp, name + '.c')
            with open(path, 'w') as f:
                f.write(text)
            r = run(gen, path, extra, out)
            ok = r.returncode == 0 and r.stderr == '' and os.path.exists(out)
            if not ok:
                print('# %s: exit %d, stderr: %r' % (name, r.returncode, r.stderr))
            check(ok, 'accepts %s' % name)

        # A missing input file is a clean error too.
        r = run(gen, os.path.join(tmp, 'missing.decode'), [], os.path.join(tmp, 'm.c'))
        check(r.returncode == 1 and 'cannot read' in r.stderr, 'reports a missing input')

        # Standalone mode: the C file compiles alone, warning-free.
        cc = shutil.which(os.environ.get('CC', 'cc'))
        if cc:
            arm = os.path.join(HERE, '..', '..', '..', 'target', 'arm')
            a64 = sorted(os.path.join(arm, f) for f in os.listdir(arm)
                         if f.startswith('a64-') and f.endswith('.decode'))
            for src, extra, inputs in (
                    ('toy32.decode', [], None),
                    ('toy16.decode', ['--insnwidth', '16'], None),
                    ('toyvar.decode', ['--varinsnwidth', '48'], None),
                    ('a64.decode', [], a64)):
                base = os.path.join(tmp, 'sa-' + src.split('.')[0])
                r = subprocess.run([sys.executable, gen, '--decode', 'sa', '--header',
                                    base + '.h', '-o', base + '.c'] + extra +
                                   (inputs or [os.path.join(HERE, src)]),
                                   capture_output=True, text=True)
                if r.returncode:
                    print('# ' + r.stderr.replace('\n', '\n# '))
                check(r.returncode == 0, 'generates %s with --header' % src)
                r = subprocess.run([cc, '-std=gnu11', '-Wall', '-Wextra', '-Werror',
                                    '-c', base + '.c', '-o', base + '.o'],
                                   capture_output=True, text=True)
                if r.returncode:
                    print('# ' + r.stderr.replace('\n', '\n# '))
                check(r.returncode == 0, 'generated %s compiles with -Wall -Wextra -Werror' % src)
        else:
            print('# no C compiler: skipping the compile checks')
    finally:
        shutil.rmtree(tmp)
    print('1..%d' % checks)
    print('# %d passed, %d failed' % (checks - failures, failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
