#!/usr/bin/env python3
"""run-fuzz.py — the fuzz suite's driver (tests/fuzz): nothing a guest or a
user does may crash the emulator.

    run-fuzz.py guest   EMULATOR ELF [--seeds 1,2,3] [--iters N] [--timeout S] [-- extra args]
    run-fuzz.py monitor EMULATOR ELF [--seed N] [--iters N]
    run-fuzz.py gdb     EMULATOR ELF [--seed N] [--iters N]
    run-fuzz.py cli     EMULATOR ELF [--seed N] [--iters N]

Output is TAP. The verdict for every emulator process is the same: it
ended by itself with status 0 (guest) or 0/1 (cli), or was killed by our
own wall-clock timeout (a guest that hangs itself is allowed); never by a
signal, and its stderr holds no assertion failure, "Aborted", g_error
("ERROR:"/"**"), sanitizer report or "runtime error". Seeds are printed so
any failure reproduces with --seeds/--seed.

guest: ELF is fuzz-insn.elf or fuzz-mmio.elf; seed and iteration count go
into guest memory with -device loader (0x40001000, 0x40001008).
monitor/gdb: the emulator starts paused (-S), with no program (the CPU
runs into flash, faulting forever, when a fuzzed "cont" resumes it), with the HMP monitor, QMP
and the GDB stub on Unix sockets; random and malformed input is sent to
each, then a valid command must still be answered.
cli: random combinations of real options with good and bad values.
"""
import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

BAD_STDERR = ("assert", "Assertion", "Aborted", "ERROR:", "** (", "AddressSanitizer",
              "runtime error:", "LeakSanitizer", "Segmentation fault", "core dumped",
              "UndefinedBehaviorSanitizer")

n_test = 0
n_fail = 0


def tap(ok, name, detail=""):
    global n_test, n_fail
    n_test += 1
    if not ok:
        n_fail += 1
    print("%s %d - %s" % ("ok" if ok else "not ok", n_test, name))
    if detail and not ok:
        for line in detail.splitlines()[-40:]:
            print("# " + line)
    sys.stdout.flush()


def judge(status, err, timed_out, allowed=(0,)):
    """Returns (ok, why) for one finished emulator process."""
    bad = [m for m in BAD_STDERR if m in err]
    if bad:
        return False, "stderr mentions %s" % ", ".join(bad)
    if timed_out:
        return True, "killed by our timeout (guest hang is allowed)"
    if status < 0:
        return False, "killed by signal %d (%s)" % (-status, signal.Signals(-status).name)
    if status not in allowed:
        return False, "exit status %d" % status
    return True, "exit status %d" % status


def run_proc(cmd, timeout, stdin=subprocess.DEVNULL):
    p = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         start_new_session=True)
    timed_out = False
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
    return p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), timed_out


# ---- guest programs -----------------------------------------------------------

def cmd_guest(a):
    tmp = tempfile.mkdtemp(prefix="turtle-fuzz-")
    disk = os.path.join(tmp, "disk.img")
    with open(disk, "wb") as f:
        f.truncate(1 << 20)
    for seed in [int(s) for s in a.seeds.split(",")]:
        cmd = [a.emulator, "-M", "virt", "-cpu", "max", "-nographic", "-m", "256M",
               "-kernel", a.elf,
               "-device", "loader,addr=0x40001000,data=%d,data-len=8" % seed,
               "-device", "loader,addr=0x40001008,data=%d,data-len=8" % a.iters,
               "-drive", "file=%s,if=virtio,format=raw" % disk,
               "-device", "virtio-rng-device", "-device", "virtio-serial-device",
               "-netdev", "user,id=n0", "-device", "virtio-net-device,netdev=n0"] + a.extra
        print("# seed %d: %s" % (seed, " ".join(cmd)))
        t0 = time.time()
        status, out, err, timed_out = run_proc(cmd, a.timeout)
        summary = [l for l in out.replace("\r", "").splitlines() if "done" in l or "seed" in l
                   or "exception classes" in l]
        for line in summary:
            print("# " + line)
        ok, why = judge(status, err, timed_out)
        tap(ok, "%s seed %d: %s (%.1fs)" % (os.path.basename(a.elf), seed, why, time.time() - t0),
            out[-3000:] + "\n--- stderr ---\n" + err[-3000:])
    shutil.rmtree(tmp, ignore_errors=True)


# ---- monitors and gdb stub ----------------------------------------------------

def start_paused(a, tmp):
    socks = {k: os.path.join(tmp, k + ".sock") for k in ("hmp", "qmp", "gdb")}
    cmd = [a.emulator, "-M", "virt", "-cpu", "max", "-display", "none", "-serial", "null",
           "-m", "256M", "-S", "-no-shutdown",   # a guest power-off (after a fuzzed "cont") pauses
           "-monitor", "unix:%s,server=on,wait=off" % socks["hmp"],
           "-qmp", "unix:%s,server=on,wait=off" % socks["qmp"],
           "-gdb", "unix:%s,server=on,wait=off" % socks["gdb"]]
    errf = open(os.path.join(tmp, "stderr"), "w+b")
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errf,
                         start_new_session=True)
    for _ in range(200):
        if all(os.path.exists(s) for s in socks.values()):
            break
        if p.poll() is not None:
            break
        time.sleep(0.05)
    return p, socks, errf


def connect(path):
    """Connects, waiting (up to 10 s) while the listen queue is full: the
    server takes one client at a time, and this fuzzer opens connections far
    faster than a person would, so a full queue is back-pressure, not a
    failure; a server that stops accepting for good still fails."""
    deadline = time.monotonic() + 10
    while True:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(5)
        try:
            s.connect(path)
            return s
        except BlockingIOError:
            s.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def recv_until(s, marker, limit=8 << 20, timeout=10):
    buf = b""
    end = time.time() + timeout
    while marker not in buf and len(buf) < limit and time.time() < end:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            break
        if not chunk:
            break
        buf += chunk
    return buf


def drain(s, secs=0.05):
    s.settimeout(secs)
    try:
        while s.recv(65536):
            pass
    except (socket.timeout, OSError):
        pass
    s.settimeout(5)


HMP_CMDS = ["info registers", "info mtree", "info qtree", "info cpus", "info status",
            "x", "xp", "x/", "xp/", "p", "print", "stop", "cont", "system_reset", "help",
            "info", "info blah", "gdbserver", "log", "memsave", "pmemsave", "i", "c",
            "info tlb", "info vmexits", "info irq", "info pic", "singlestep", "qq"]
HMP_FORMATS = ["", "/", "/x", "/i", "/s", "/c", "/d", "/u", "/o", "/b", "/h", "/w", "/g",
               "/999999999x", "/-1x", "/0x", "/4294967296i", "/18446744073709551615g",
               "/1000000s", "/zz", "/%", "/1000000000000000000000x"]
HMP_ADDRS = ["0", "0x40080000", "0xffffffffffffffff", "-1", "0xfffffffffffffff8", "$pc", "$sp",
             "$x0", "$nope", "0x", "zz", "0x1" + "0" * 40, "(", "1+", "0x09000000", "0x8000000",
             "%x1", "'", '"', "\\", "0x3fffffff", "0x40000000+0x10000000"]


def rand_bytes(rng, n):
    return bytes(rng.randrange(256) for _ in range(n))


def hmp_fuzz_line(rng):
    kind = rng.randrange(6)
    if kind == 0:
        return rand_bytes(rng, rng.randrange(1, 200))
    if kind == 1:
        return (rng.choice(["x", "xp"]) + rng.choice(HMP_FORMATS) + " " +
                rng.choice(HMP_ADDRS)).encode()
    if kind == 2:
        return (rng.choice(HMP_CMDS) + " " + " ".join(
            rng.choice(HMP_ADDRS + HMP_FORMATS + ["on", "off", "-x", "/dev/null"])
            for _ in range(rng.randrange(4)))).encode()
    if kind == 3:
        return b"A" * rng.choice([1000, 5000, 70000])
    if kind == 4:
        return rng.choice(HMP_CMDS).encode() + rand_bytes(rng, rng.randrange(10))
    return ("memsave %s %s /dev/null" % (rng.choice(HMP_ADDRS), rng.choice(
        ["0", "1", "0x100000", "-1", "0xffffffffffffffff", "4096"]))).encode()


def qmp_fuzz_msg(rng):
    cmds = ["query-status", "query-version", "query-commands", "stop", "cont",
            "human-monitor-command", "qmp_capabilities", "system_reset", "quit-not",
            "query-cpus-fast", "memsave", "pmemsave", "x", "query-block", "", None]
    kind = rng.randrange(7)
    if kind == 0:
        return rand_bytes(rng, rng.randrange(1, 300))
    if kind == 1:
        return b'{"execute": "' + rand_bytes(rng, 8) + b'"}'
    if kind == 2:
        return b"{" * rng.choice([10, 1000, 20000]) + b"}" * rng.randrange(3)
    if kind == 3:
        return b'["' * rng.randrange(1, 200)
    args = {}
    for _ in range(rng.randrange(4)):
        args[rng.choice(["command-line", "val", "size", "filename", "cpu-index", "x", ""])] = \
            rng.choice([0, -1, 2 ** 64, 1e308, "x/1000000000xg 0", "info registers", None,
                        [], {}, "0xffffffffffffffff", True, "/dev/null", "memsave 0 -1 /dev/null"])
    msg = {"execute": rng.choice(cmds)}
    if rng.randrange(4):
        msg["arguments"] = args
    if rng.randrange(3) == 0:
        msg["id"] = rng.choice([1, "x", [], None, {"a": 1}])
    data = json.dumps(msg).encode()
    if kind == 4:
        data = data[:rng.randrange(len(data) + 1)]       # truncated
    return data


def gdb_packet(body):
    return b"$" + body + b"#%02x" % (sum(body) & 0xff)


def gdb_fuzz_packet(rng):
    kind = rng.randrange(10)
    hexnum = lambda: rng.choice(["0", "ffffffffffffffff", "10000000000000000000", "40080000",
                                 "-1", "zz", "", "7fffffffffffffff", "fffffffffffffff0",
                                 "9000000", "80000000"])
    if kind == 0:
        return rand_bytes(rng, rng.randrange(1, 300))
    if kind == 1:
        return gdb_packet(("m%s,%s" % (hexnum(), hexnum())).encode())
    if kind == 2:
        data = rng.choice(["", "00", "0", "zz", "11" * 4096])
        return gdb_packet(("M%s,%s:%s" % (hexnum(), hexnum(), data)).encode())
    if kind == 3:
        return gdb_packet(b"X" + hexnum().encode() + b"," + hexnum().encode() + b":" +
                          rand_bytes(rng, rng.randrange(20)))
    if kind == 4:
        return gdb_packet(rng.choice([b"p", b"P", b"g", b"G", b"Z0,", b"z0,", b"Z1,", b"Z2,",
                                      b"Z4,", b"vCont;", b"vCont;s:", b"Hg", b"Hc", b"T",
                                      b"qXfer:features:read:target.xml:", b"qSupported:",
                                      b"qRcmd,", b"vFile:", b"qAttached:", b"QStartNoAckMode",
                                      b"qC", b"qfThreadInfo", b"qL", b"A", b"R"]) +
                          (hexnum() + rng.choice([",", "=", ":", ";"]) + hexnum()).encode())
    if kind == 5:
        body = rand_bytes(rng, rng.randrange(1, 50)).replace(b"#", b"").replace(b"$", b"")
        return gdb_packet(body)
    if kind == 6:
        return b"$m0,10#zz"                                 # bad checksum
    if kind == 7:
        return b"$" + b"m" * rng.choice([100, 5000, 100000])  # no end
    if kind == 8:
        return gdb_packet(b"G" + b"0" * rng.choice([1, 7, 100, 4097, 20000]))
    return gdb_packet(b"}" + rand_bytes(rng, 3)) + b"\x03"


def cmd_iface(a, which):
    rng = random.Random(a.seed)
    print("# %s fuzz, seed %d, %d messages" % (which, a.seed, a.iters))
    tmp = tempfile.mkdtemp(prefix="turtle-fuzz-")
    p, socks, errf = start_paused(a, tmp)
    alive_ok = True
    detail = ""
    try:
        for i in range(a.iters):
            if p.poll() is not None:
                break
            try:
                if which == "hmp":
                    s = connect(socks["hmp"])
                    drain(s)
                    for _ in range(rng.randrange(1, 6)):
                        line = hmp_fuzz_line(rng)
                        # A real quit ends the test early. The line editor
                        # can assemble "q"/"quit" from fragments (backspace,
                        # history, completion, a name ending at any non-name
                        # byte), so no line with a 'q' is sent at all.
                        if b"q" in line:
                            continue
                        if os.environ.get("FUZZ_VERBOSE"):
                            print("# send %r" % line[:200])
                        s.sendall(line + (b"\n" if rng.randrange(5) else b""))
                        drain(s, 0.02)
                    s.close()
                elif which == "qmp":
                    s = connect(socks["qmp"])
                    recv_until(s, b"\n")
                    if rng.randrange(3):
                        s.sendall(b'{"execute":"qmp_capabilities"}\n')
                        recv_until(s, b"\n")
                    for _ in range(rng.randrange(1, 6)):
                        s.sendall(qmp_fuzz_msg(rng) + (b"\n" if rng.randrange(4) else b""))
                        drain(s, 0.02)
                    s.close()
                else:
                    s = connect(socks["gdb"])
                    for _ in range(rng.randrange(1, 8)):
                        pkt = gdb_fuzz_packet(rng)
                        if pkt[1:2] == b"k" or pkt[1:6] == b"vKill":
                            continue        # kill ends the emulator, as asked
                        if os.environ.get("FUZZ_VERBOSE"):
                            print("# send %r" % pkt[:200])
                        s.sendall(pkt)
                        drain(s, 0.02)
                    s.close()
            except OSError as e:
                # The emulator may close a connection it does not like;
                # that is fine as long as it stays up.
                detail += "iteration %d: %s\n" % (i, e)
        # A valid command must still be answered.
        time.sleep(0.2)
        if p.poll() is None:
            try:
                if which == "hmp":
                    s = connect(socks["hmp"])
                    drain(s, 0.3)
                    s.sendall(b"info status\n")
                    reply = recv_until(s, b"VM status", timeout=10)
                    alive_ok = b"VM status" in reply
                elif which == "qmp":
                    s = connect(socks["qmp"])
                    recv_until(s, b"\n")
                    s.sendall(b'{"execute":"qmp_capabilities"}\n')
                    recv_until(s, b"\n")
                    s.sendall(b'{"execute":"query-status"}\n')
                    reply = recv_until(s, b"status", timeout=10)
                    alive_ok = b'"status"' in reply
                else:
                    s = connect(socks["gdb"])
                    s.sendall(b"+" + gdb_packet(b"?"))
                    reply = recv_until(s, b"#", timeout=10)
                    alive_ok = b"$S" in reply or b"$T" in reply
                detail += "final reply: %r\n" % reply[:200]
                s.close()
            except OSError as e:
                alive_ok = False
                detail += "final command: %s\n" % e
        else:
            alive_ok = False
    finally:
        running = p.poll() is None
        if running:
            # quit cleanly through QMP so that sanitizers report leaks too
            try:
                s = connect(socks["qmp"])
                recv_until(s, b"\n")
                s.sendall(b'{"execute":"qmp_capabilities"}\n{"execute":"quit"}\n')
                p.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        errf.seek(0)
        err = errf.read().decode("utf-8", "replace")
        errf.close()
        shutil.rmtree(tmp, ignore_errors=True)
    ok, why = judge(p.returncode, err, False)
    tap(running and alive_ok and ok,
        "%s: %d malformed messages, still answering (seed %d): %s" %
        (which, a.iters, a.seed, why if running else "emulator died: " + why),
        detail + "--- stderr ---\n" + err[-4000:])


# ---- command line ---------------------------------------------------------------

def cli_values(rng, elf, tmp):
    return rng.choice([
        "", "0", "1", "-1", "4294967297", "99999999999999999999", "1G", "0x", "virt",
        "max", "none", "help", "?", ",", ",,", "=", "a=b", "id=", "x" * 5000, tmp + "/no-such-dir/f",
        elf, tmp, "/dev/null", "\xff\xfe", "stdio", "null", "unix:%s/s,server=on,wait=off" % tmp,
        "tcp:127.0.0.1:1", "user,id=n0", "file=/dev/null,if=virtio,format=raw",
        "virtio-rng-device", "virtio-net-device,netdev=nope", "loader,addr=0x40000000",
        "loader,addr=-1,data=1,data-len=8", "loader,file=/dev/null,addr=0", "int,exec",
        "cortex-a57", "virt,dumpdtb=%s/x.dtb" % tmp, "2G", "1T", "0M", "512", "8", "64",
        "virt,gic-version=9", "virtio-blk-device,drive=x", "console=ttyAMA0"])


CLI_OPTS = ["-M", "-machine", "-cpu", "-m", "-smp", "-kernel", "-initrd", "-append", "-dtb",
            "-drive", "-device", "-netdev", "-nic", "-serial", "-monitor", "-qmp", "-chardev",
            "-gdb", "-d", "-D", "-display", "-bios", "-icount", "-accel", "-name", "-rtc",
            "-object", "-global", "-boot", "-L", "-trace", "-k", "-vga", "-uuid", "-sandbox"]
CLI_FLAGS = ["-nographic", "-S", "-s", "-no-reboot", "-no-shutdown", "-snapshot", "-h",
             "-help", "--help", "-version", "--version", "-nodefaults", "-daemonize-not",
             "-", "--", "-enable-kvm"]


def cmd_cli(a):
    rng = random.Random(a.seed)
    print("# cli fuzz, seed %d, %d command lines" % (a.seed, a.iters))
    tmp = tempfile.mkdtemp(prefix="turtle-fuzz-")
    failures = []
    n = 0
    for i in range(a.iters):
        args = []
        for _ in range(rng.randrange(1, 7)):
            if rng.randrange(4) == 0:
                args.append(rng.choice(CLI_FLAGS))
            else:
                args += [rng.choice(CLI_OPTS), cli_values(rng, a.elf, tmp)]
        if rng.randrange(4) == 0 and args:
            args.pop()                      # option without its value
        # Whatever starts a machine must stop quickly: no display, and a
        # guest that powers off or is killed by the short timeout.
        cmd = [a.emulator] + args + ["-display", "none"]
        status, out, err, timed_out = run_proc(cmd, 1.0)
        ok, why = judge(status, err, timed_out, allowed=(0, 1))
        n += 1
        if not ok:
            failures.append("%s: %s\n  %s" % (why, " ".join(repr(x) for x in cmd),
                                              err.strip()[-400:]))
    shutil.rmtree(tmp, ignore_errors=True)
    tap(not failures, "cli: %d random command lines, no crash (seed %d)" % (n, a.seed),
        "\n".join(failures[:10]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["guest", "monitor", "hmp", "qmp", "gdb", "cli"])
    ap.add_argument("emulator")
    ap.add_argument("elf")
    ap.add_argument("--seeds", default=None)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--iters", type=int, default=None)
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("extra", nargs="*")
    a = ap.parse_args()
    if not os.path.exists(a.emulator):
        print("1..0 # SKIP emulator %s not built" % a.emulator)
        return 0
    # Seeds: given, or $TURTLE_FUZZ_SEED (a number, or "random" for a fresh
    # one), else fixed, so that `make check` is reproducible; fresh seeds
    # explore further when asked for (the seed is always printed).
    env_seed = os.environ.get("TURTLE_FUZZ_SEED", "1000")
    if a.seed is not None:
        base = a.seed
    elif env_seed == "random":
        base = random.SystemRandom().randrange(1, 1 << 31)
    else:
        base = int(env_seed)
    a.seed = base
    if a.mode == "guest":
        if a.seeds is None:
            a.seeds = ",".join(str(base + i) for i in range(3))
        a.iters = a.iters or 1000
        plan = len(a.seeds.split(","))
        print("1..%d" % plan)
        cmd_guest(a)
    elif a.mode == "cli":
        a.iters = a.iters or 200
        print("1..1")
        cmd_cli(a)
    else:
        a.iters = a.iters or 300
        modes = ["hmp", "qmp"] if a.mode == "monitor" else [a.mode]
        print("1..%d" % len(modes))
        for m in modes:
            cmd_iface(a, m)
    return 1 if n_fail else 0


if __name__ == "__main__":
    sys.exit(main())
