#!/usr/bin/env python3
"""The GDB stub, driven two ways: a raw remote-protocol client (every packet
checked) and, when installed, gdb-multiarch itself as a user would run it.

Usage: test_gdbstub.py BINARY ELF NM_OUTPUT_FILE
Prints TAP.
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

BIN, ELF, SYMS = sys.argv[1], sys.argv[2], sys.argv[3]
symbols = {}
with open(SYMS) as f:
    for line in f:
        parts = line.split()
        if len(parts) == 3:
            symbols[parts[2]] = int(parts[0], 16)

results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def start(sock_path):
    return subprocess.Popen(
        [BIN, "-M", "virt", "-cpu", "max", "-m", "128M", "-nographic", "-nodefaults",
         "-serial", "stdio", "-kernel", ELF, "-S",
         "-gdb", f"unix:{sock_path},server=on,wait=off"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def connect(sock_path):
    for _ in range(100):
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(sock_path)
            s.settimeout(20)
            return s
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("gdb socket never appeared")


class RSP:
    def __init__(self, s):
        self.s = s
        self.buf = b""

    def _read_byte(self):
        while not self.buf:
            data = self.s.recv(4096)
            if not data:
                raise EOFError("stub closed the connection")
            self.buf += data
        b, self.buf = self.buf[:1], self.buf[1:]
        return b

    def send(self, payload):
        csum = sum(payload.encode()) & 0xff
        self.s.sendall(f"${payload}#{csum:02x}".encode())
        ack = self._read_byte()
        assert ack == b"+", f"no ack for {payload!r}: {ack!r}"

    def recv(self):
        while self._read_byte() != b"$":
            pass
        data = b""
        while True:
            c = self._read_byte()
            if c == b"#":
                break
            data += c
        csum = self._read_byte() + self._read_byte()
        assert int(csum, 16) == sum(data) & 0xff, "bad checksum from the stub"
        try:
            self.s.sendall(b"+")
        except (BrokenPipeError, ConnectionResetError):
            pass        # the emulator may already have ended (after detach)
        return data.decode()

    def cmd(self, payload):
        self.send(payload)
        return self.recv()


def le64(hexstr):
    return int.from_bytes(bytes.fromhex(hexstr), "little")


def raw_protocol_test():
    d = tempfile.mkdtemp(prefix="turtle-gdb-")
    path = os.path.join(d, "gdb.sock")
    proc = start(path)
    try:
        g = RSP(connect(path))
        sup = g.cmd("qSupported:xmlRegisters=aarch64")
        check("qSupported offers target descriptions", "qXfer:features:read+" in sup, sup)
        xml = g.cmd("qXfer:features:read:target.xml:0,ffff")
        check("target.xml names aarch64", xml.startswith("l") and "aarch64" in xml, xml[:200])
        core = g.cmd("qXfer:features:read:aarch64-core.xml:0,ffff")
        check("the core description is served", "org.gnu.gdb.aarch64.core" in core, core[:200])
        fpu = g.cmd("qXfer:features:read:aarch64-fpu.xml:0,ffff")
        check("the FP/SIMD description is served", "org.gnu.gdb.aarch64.fpu" in fpu, fpu[:200])
        sysregs = g.cmd("qXfer:features:read:aarch64-sysregs.xml:0,ffff")
        import re
        m = re.search(r'name="midr_el1" bitsize="64" regnum="(\d+)"', sysregs)
        check("system registers are described", m is not None and "sctlr_el1" in sysregs,
              sysregs[:300])
        if m:
            midr = le64(g.cmd("p%x" % int(m.group(1))))
            check("MIDR_EL1 reads the max model's value", midr == 0x000f7a10, f"{midr:#x}")
        stop = g.cmd("?")
        check("'?' reports a stop", stop.startswith("T05") or stop.startswith("S05"), stop)
        regs = g.cmd("g")
        # x0..x30, sp, pc: 33 x 8 bytes, then cpsr (4 bytes)...
        pc = le64(regs[32 * 16:33 * 16])
        check("pc is the ELF entry before the first instruction", pc == symbols["_start"],
              f"pc={pc:#x} entry={symbols['_start']:#x}")
        threads = g.cmd("qfThreadInfo")
        check("one thread per vCPU", threads == "m1", threads)
        check("Z0 sets a breakpoint", g.cmd(f"Z0,{symbols['bp_add']:x},4") == "OK")
        stop = g.cmd("c")
        check("continue stops at the breakpoint", stop.startswith("T05"), stop)
        pc = le64(g.cmd("p20"))      # register 32 = pc
        check("pc at the breakpoint", pc == symbols["bp_add"], f"pc={pc:#x}")
        x0_first = le64(g.cmd("p0"))
        stop = g.cmd("c")
        x0_second = le64(g.cmd("p0"))
        check("the breakpoint hits again one iteration later",
              stop.startswith("T05") and x0_second == x0_first + 1,
              f"{stop} x0 {x0_first} -> {x0_second}")
        check("z0 removes the breakpoint", g.cmd(f"z0,{symbols['bp_add']:x},4") == "OK")
        stop = g.cmd("s")
        pc = le64(g.cmd("p20"))
        check("single step advances one instruction",
              stop.startswith("T05") and pc == symbols["bp_add"] + 4, f"{stop} pc={pc:#x}")
        check("P writes a register", g.cmd("P0=" + (123).to_bytes(8, "little").hex()) == "OK")
        check("p reads it back", le64(g.cmd("p0")) == 123)
        mem = g.cmd(f"m{symbols['_start']:x},4")
        with open(ELF, "rb"):
            pass
        check("m reads guest code", len(mem) == 8 and mem != "00000000", mem)
        check("M writes guest memory", g.cmd(f"M{symbols['result']:x},8:" + "11" * 8) == "OK")
        check("m reads the write back", g.cmd(f"m{symbols['result']:x},8") == "11" * 8)
        check("Z2 sets a write watchpoint", g.cmd(f"Z2,{symbols['result']:x},8") == "OK")
        stop = g.cmd("c")
        check("the watchpoint reports the address", stop.startswith("T05") and
              f"watch:{symbols['result']:x}" in stop, stop)
        g.cmd(f"z2,{symbols['result']:x},8")
        out = g.cmd("qRcmd," + "info status".encode().hex())
        text = bytes.fromhex(out[1:]).decode() if out.startswith("O") else ""
        check("qRcmd runs a monitor command", "VM status" in text, out)
        if not out == "OK":
            g.recv()
        g.send("D")
        g.recv()
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        check("after detach the program runs to power-off", proc.returncode == 0 and
              b"done" in out, f"status={proc.returncode} out={out!r} err={err!r}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def real_gdb_test():
    gdb = shutil.which("gdb-multiarch")
    if not gdb:
        check("gdb-multiarch session # SKIP gdb-multiarch not installed", True)
        return
    d = tempfile.mkdtemp(prefix="turtle-gdb-")
    path = os.path.join(d, "gdb.sock")
    proc = start(path)
    try:
        r = subprocess.run([gdb, "-batch", "-nx", ELF,
                            "-ex", f"target remote {path}",
                            "-ex", "break bp_add", "-ex", "continue", "-ex", "continue",
                            "-ex", "print $x0", "-ex", "info registers pc",
                            "-ex", "print/x $midr_el1", "-ex", "print $fpcr",
                            "-ex", "x/2i $pc", "-ex", "delete", "-ex", "detach"],
                           capture_output=True, text=True, timeout=60)
        check("gdb-multiarch: breakpoint, registers (incl. system), disassembly",
              "$1 = 2" in r.stdout and "bp_add" in r.stdout and "add" in r.stdout and
              "0xf7a10" in r.stdout,
              r.stdout + r.stderr)
        out, _ = proc.communicate(timeout=30)
        check("gdb-multiarch: detach lets the program finish", proc.returncode == 0, out)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


raw_protocol_test()
real_gdb_test()
print(f"1..{len(results)}")
failed = 0
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok:
        failed += 1
        for line in str(detail).splitlines()[:20]:
            print(f"# {line}")
sys.exit(1 if failed else 0)
