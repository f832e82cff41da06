#!/usr/bin/env python3
"""Command-line behaviour of turtle-system-aarch64: help and version output,
and every user mistake answered by exactly one error line and exit status 1.

Usage: test_cli.py PATH-TO-BINARY
Prints TAP.
"""
import os
import re
import subprocess
import sys
import tempfile

BIN = sys.argv[1]
TMP = tempfile.mkdtemp(prefix="turtle-cli-")

def path(name, content=None):
    p = os.path.join(TMP, name)
    if content is not None:
        with open(p, "wb") as f:
            f.write(content)
    return p

def run(args, timeout=20, input=None):
    return subprocess.run([BIN] + args, capture_output=True, text=True,
                          timeout=timeout, input=input,
                          stdin=None if input is not None else subprocess.DEVNULL)

results = []

def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))

def user_error(name, args, pattern):
    """One line on stderr matching pattern, status 1, no crash."""
    r = run(args)
    lines = r.stderr.strip().splitlines()
    ok = (r.returncode == 1 and len(lines) == 1 and
          re.search(pattern, lines[0]) is not None and
          lines[0].startswith("turtle-system-aarch64: "))
    check("error: " + name, ok,
          f"status={r.returncode} stderr={r.stderr!r} expected /{pattern}/")

# ---- Information requests -------------------------------------------------
r = run(["-version"])
check("-version", r.returncode == 0 and
      re.fullmatch(r"Turtle emulator version \d+\.\d+\.\d+\n", r.stdout), r.stdout)
r = run(["--version"])
check("--version (two dashes)", r.returncode == 0 and "Turtle emulator version" in r.stdout)
r = run(["-help"])
check("-help lists options", r.returncode == 0 and "-kernel FILE" in r.stdout and
      "-device" in r.stdout, r.stdout[:200])
r = run(["-M", "help"])
check("-M help", r.returncode == 0 and re.search(r"^virt\s+.*\(default\)", r.stdout, re.M),
      r.stdout)
r = run(["-device", "help"])
check("-device help lists user-creatable devices", r.returncode == 0 and "loader" in r.stdout,
      r.stdout)
r = run(["-device", "loader,help"])
check("-device loader,help lists properties", r.returncode == 0 and "addr" in r.stdout and
      "file" in r.stdout, r.stdout)
r = run(["-d", "help"])
check("-d help", r.returncode == 0 and "in_asm" in r.stdout and "vmexit" in r.stdout and
      "guest_errors" in r.stdout, r.stdout)
r = run(["-cpu", "help"])
check("-cpu help", r.returncode == 0 and "Available CPUs" in r.stdout, r.stdout)

# ---- The machine is built ---------------------------------------------------
r = run(["-M", "virt", "-m", "256M", "-nodefaults", "-display", "none", "-S",
         "-monitor", "stdio"], input="info mtree\ninfo qtree\nquit\n")
check("virt builds; the monitor shows its memory map and devices", r.returncode == 0 and
      "virt.ram" in r.stdout and "pl011" in r.stdout and "arm-gicv3" in r.stdout,
      r.stdout + r.stderr)
dtb = path("out.dtb")
r = run(["-M", "virt,dumpdtb=" + dtb, "-smp", "2", "-m", "512M"])
blob = open(dtb, "rb").read() if os.path.exists(dtb) else b""
check("-M virt,dumpdtb writes a device tree", r.returncode == 0 and blob[:4] == b"\xd0\x0d\xfe\xed"
      and b"arm,pl011" in blob and b"arm,psci-1.0" in blob, r.stderr)
r = run(["-M", "virt", "-m", "256M", "-nodefaults", "-display", "none", "-dtb", dtb, "-S",
         "-kernel", path("raw.bin", b"\x00" * 64), "-append", "console=ttyAMA0",
         "-monitor", "stdio"], input="quit\n")
check("-dtb with a valid tree is accepted", r.returncode == 0, r.stderr)
user_error("-dtb with a corrupt tree", ["-kernel", path("raw2.bin", b"\x00" * 64),
           "-dtb", path("bad.dtb", b"not a dtb at all")], r"not a valid flattened device tree")

# ---- User mistakes ---------------------------------------------------------
user_error("unknown option", ["-frobnicate"], r"unknown option '-frobnicate'")
user_error("missing argument", ["-m"], r"option '-m' needs an argument")
user_error("stray argument", ["foo"], r"unexpected argument 'foo'")
user_error("unknown machine", ["-M", "nosuch"], r"unsupported machine type 'nosuch'")
user_error("bad machine property", ["-M", "virt,bogus=1"], r"bogus")
user_error("bad memory size", ["-m", "lots"], r"-m lots: .*lots")
user_error("memory too small", ["-m", "512K"], r"at least 1 MiB")
user_error("memory larger than the board", ["-m", "300G"], r"at most 255 GiB")
user_error("memory larger than the host", ["-m", "200G"], r"cannot allocate|guest RAM")
user_error("bad -smp", ["-smp", "zero"], r"-smp zero")
user_error("too many CPUs", ["-smp", "64"], r"at most 8 CPUs")
user_error("unknown device", ["-device", "nosuchdev"], r"'nosuchdev' is not a valid device model name")
user_error("unknown device property", ["-device", "loader,bogus=1"], r"bogus")
user_error("bad log category", ["-d", "nonsense"], r"unknown log category 'nonsense'")
MISSING = os.path.join(TMP, "no-such-dir")
user_error("unwritable log file", ["-D", MISSING + "/log", "-d", "int"], r"could not open log file")
user_error("initrd without kernel", ["-initrd", path("rd", b"x")], r"-initrd requires -kernel")
user_error("missing kernel", ["-kernel", MISSING + "/vmlinuz"],
           r"could not load kernel '.*/no-such-dir/vmlinuz': No such file")
user_error("truncated ELF kernel", ["-kernel", path("trunc.elf", b"\x7fELF\x02\x01\x01" + b"\0" * 20)],
           r"could not load kernel '.*trunc.elf': ")
user_error("empty kernel", ["-kernel", path("empty", b"")], r"could not load kernel '.*empty': ")
user_error("missing disk image", ["-drive", "file=%s/d.img,format=raw,if=virtio" % MISSING],
           r"could not open disk image '.*/no-such-dir/d.img'")
user_error("unsupported disk format", ["-drive", "file=%s,format=qcow9" % path("d.img", b"\0" * 512)],
           r"unsupported format 'qcow9'")
user_error("bad chardev backend", ["-chardev", "nosuch,id=c0"], r"nosuch")
user_error("bad serial spec", ["-serial", "bogus:xyz"], r"bogus")
user_error("unknown netdev type", ["-netdev", "tap,id=n0"], r"unsupported network backend 'tap'")
user_error("bad icount", ["-icount", "shift=abc"], r"-icount shift=abc")
user_error("unsupported accelerator", ["-accel", "kvm"], r"unsupported accelerator")

print(f"1..{len(results)}")
failed = 0
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok:
        failed += 1
        for line in str(detail).splitlines()[:20]:
            print(f"# {line}")
sys.exit(1 if failed else 0)
