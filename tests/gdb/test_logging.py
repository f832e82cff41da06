#!/usr/bin/env python3
"""-d logging on a tiny known program (gdb-target.S: a 10-iteration loop):
in_asm shows the guest code, hotblocks counts the loop block's entries.

Usage: test_logging.py BINARY ELF NM_OUTPUT_FILE
Prints TAP.
"""
import os
import re
import subprocess
import sys
import tempfile

BIN, ELF, SYMS = sys.argv[1], sys.argv[2], sys.argv[3]
symbols = {}
with open(SYMS) as f:
    for line in f:
        parts = line.split()
        if len(parts) == 3:
            symbols[parts[2]] = int(parts[0], 16)

results = []
log = os.path.join(tempfile.mkdtemp(prefix="turtle-log-"), "log.txt")
r = subprocess.run([BIN, "-M", "virt", "-cpu", "max", "-nographic", "-nodefaults",
                    "-serial", "stdio", "-kernel", ELF, "-d", "in_asm,hotblocks", "-D", log],
                   capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
text = open(log).read() if os.path.exists(log) else ""
results.append(("the program runs and powers off", r.returncode == 0 and "done" in r.stdout,
                r.stdout + r.stderr))
results.append(("in_asm disassembles the loop", re.search(r"add\s+x0, x0, #1", text) is not None,
                text[:1500]))
table = text[text.find("Hot blocks:"):] if "Hot blocks:" in text else ""
rows = re.findall(r"^\s+0x([0-9a-f]+)\s+\S+\s+(\d+)\s+(\d+)", table, re.M)
# The loop block is entered once per iteration after the first (which runs
# inside the block that starts at the entry point): 9 times.
results.append(("hotblocks lists the loop block first with 9 entries",
                bool(rows) and int(rows[0][0], 16) == symbols["bp_add"] and int(rows[0][2]) == 9,
                table[:1500]))

print(f"1..{len(results)}")
failed = 0
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok:
        failed += 1
        for line in str(detail).splitlines()[:30]:
            print(f"# {line}")
sys.exit(1 if failed else 0)
