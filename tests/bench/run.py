#!/usr/bin/env python3
"""run.py — `make bench`: the same workloads under Turtle and under the
reference emulator (Debian's qemu-system-aarch64), side by side.

Usage: run.py BUILD_DIR [--runs N] [--timeout S] [--only a,b,...]
              [--turtle PATH] [--reference PATH] [--reference-cpu CPU]
              [--profile perf|jit|hotblocks] [--show]

Builds the guest programs (tests/bench/Makefile) and a benchmark initramfs,
then runs every workload N times under each emulator, alternating the two,
and prints a table (workload, median seconds under each, ratio
Turtle/reference, geometric mean of the ratios). Everything measured is
written to BUILD_DIR/bench/results.json.

Each workload ends with a "RESULT <name> <checksum>" line on the console;
the checksum must be the same under both emulators (and across runs), or
the run is an error. A Turtle run that fails or times out is reported as
FAIL with its exit status and the runner goes on. Exit status: 0 when every
reference run succeeded and no checksum disagreed, 1 otherwise.

Environment: BENCH_RUNS, BENCH_TIMEOUT, BENCH_ONLY, BENCH_REFERENCE,
BENCH_REFERENCE_CPU stand for the options of the same meaning.
"""
import argparse
import json
import math
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))

# The options both emulators get; the brief of the benchmark: the same
# board, CPU model and memory, one vCPU, no display.
COMMON_ARGS = ["-M", "virt", "-cpu", "max", "-m", "2G", "-nographic"]
# Without it the reference adds a default network card whose boot ROM lives
# in a package of its own; Turtle's virt board has no default card, so
# leaving it out keeps the two machines alike.
REFERENCE_EXTRA = ["-nic", "none"]
TURTLE_EXTRA = []
LINUX_APPEND = "console=ttyAMA0 panic=-1"
GUEST_UP = "TURTLE-GUEST-UP"
# How long an emulator may take to exit after the last line it had to print.
EXIT_GRACE_S = 10.0
SMOKE_TIMEOUT_S = 60.0


class Workload:
    def __init__(self, name, kind, measures, program=None, bench=None):
        self.name = name
        self.kind = kind            # "baremetal" or "linux"
        self.measures = measures
        self.program = program      # bare metal: ELF base name
        self.bench = bench          # linux: turtle.bench= value, None: boot


WORKLOADS = [
    Workload("crc", "baremetal", "integer ALU: table-driven CRC-32 and a "
             "64-bit multiply hash over 1 MiB, 560 passes", program="crc"),
    Workload("chase", "baremetal", "pointer chasing over 256 MiB mapped with "
             "4 KiB pages, 8 Mi dependent loads (TLB misses)", program="chase"),
    Workload("sort", "baremetal", "branchy code: quicksort of 1 Mi random "
             "ints, 16 rounds", program="sort"),
    Workload("fib", "baremetal", "calls and returns: recursive fib(40)",
             program="fib"),
    Workload("vm", "baremetal", "indirect branches: bytecode interpreter "
             "with computed-goto dispatch", program="vm"),
    Workload("matmul", "baremetal", "double precision: 200x200 matrix "
             "multiply, 48 times", program="matmul"),
    Workload("neon", "baremetal", "Advanced SIMD memset+memcpy over 64 MiB, "
             "45 rounds", program="neon"),
    Workload("smc", "baremetal", "self-modifying code: patch, DC CVAU/IC "
             "IVAU/ISB, call; 500k times", program="smc"),
    Workload("boot", "linux", "Linux boot to the initramfs marker line "
             "(time to the marker)"),
    Workload("md5", "linux", "md5sum of 64 MiB of generated text (time "
             "between markers)", bench="md5"),
    Workload("gzip", "linux", "gzip -9 of 64 MiB of generated text (time "
             "between markers)", bench="gzip"),
    Workload("fork", "linux", "shell loop running /bin/true 1,000 times "
             "(time between markers)", bench="fork"),
]


def log(msg):
    print(msg, flush=True)


# --------------------------------------------------------------------------
# Running one emulator once


class RunResult:
    """What one emulator run produced; see to_json() for the fields."""

    def __init__(self):
        self.ok = False
        self.failure = None         # short reason when not ok
        self.exit_status = None     # int (negative: signal) or "timeout"
        self.seconds = None         # the measured time
        self.wall_s = None          # spawn to exit
        self.cpu_s = None           # user + system time of the emulator
        self.peak_rss_kib = None
        self.checksum = None
        self.note = None
        self.tail = ""

    def to_json(self):
        return {
            "ok": self.ok, "failure": self.failure,
            "exit_status": self.exit_status, "seconds": self.seconds,
            "wall_s": self.wall_s, "cpu_s": self.cpu_s,
            "peak_rss_kib": self.peak_rss_kib, "checksum": self.checksum,
            "note": self.note,
        }


class ConsoleWatcher:
    """Drains the emulator's console and notes when marker strings arrive."""

    def __init__(self, fd, markers, start):
        self.fd = fd
        self.markers = list(markers)
        self.start = start
        self.seen = {}              # marker -> seconds after start
        self.buf = bytearray()
        self.cond = threading.Condition()
        self.eof = False
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                chunk = b""
            now = time.monotonic() - self.start
            with self.cond:
                if not chunk:
                    self.eof = True
                    self.cond.notify_all()
                    return
                old = len(self.buf)
                self.buf += chunk
                for m in self.markers:
                    if m in self.seen:
                        continue
                    mb = m.encode()
                    if self.buf.find(mb, max(0, old - len(mb))) >= 0:
                        self.seen[m] = now
                self.cond.notify_all()
            # Keep memory bounded on chatty guests: the head is not needed
            # once the markers in it have been found.
            with self.cond:
                if len(self.buf) > (4 << 20):
                    del self.buf[:len(self.buf) - (1 << 20)]

    def wait_for(self, marker, deadline):
        """Waits until marker is seen, EOF, or the monotonic deadline."""
        with self.cond:
            while marker not in self.seen and not self.eof:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self.cond.wait(min(left, 1.0))
            return self.seen.get(marker)

    def text(self):
        with self.cond:
            return self.buf.decode(errors="replace").replace("\r", "")


def run_emulator(argv, end_marker, begin_marker=None, kill_at_end=False,
                 timeout=300.0, at_end=None):
    """Runs argv until end_marker appears on its console (then lets it exit,
    or kills it at once with kill_at_end) or timeout seconds pass.
    The measured time runs from begin_marker (or the spawn) to end_marker.
    at_end(), if given, is called once the end marker has been seen."""
    res = RunResult()
    markers = [m for m in (begin_marker, end_marker) if m]
    start = time.monotonic()
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT,
                                start_new_session=True)
    except OSError as e:
        res.failure = f"cannot start: {e.strerror}"
        res.exit_status = "not started"
        return res
    watcher = ConsoleWatcher(proc.stdout.fileno(), markers, start)
    waited = {}

    def reap():
        _, status, usage = os.wait4(proc.pid, 0)
        waited["end"] = time.monotonic()
        waited["status"] = os.waitstatus_to_exitcode(status)
        waited["usage"] = usage

    reaper = threading.Thread(target=reap, daemon=True)
    reaper.start()

    def kill():
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    deadline = start + timeout
    t_end = watcher.wait_for(end_marker, deadline)
    timed_out = False
    if t_end is not None:
        if at_end:
            at_end()
        if kill_at_end:
            kill()
        reaper.join(EXIT_GRACE_S)
        if reaper.is_alive():
            kill()
            res.note = f"still running {EXIT_GRACE_S:.0f} s after its " \
                       "last line: killed"
    else:
        reaper.join(max(0.0, deadline - time.monotonic()))
        if reaper.is_alive():
            timed_out = True
            kill()
    reaper.join()
    watcher.thread.join(5.0)
    proc.returncode = waited["status"]   # reaped by hand: keep Popen quiet
    try:
        proc.stdin.close()
        proc.stdout.close()
    except OSError:
        pass

    usage = waited["usage"]
    res.wall_s = round(waited["end"] - start, 3)
    res.cpu_s = round(usage.ru_utime + usage.ru_stime, 3)
    res.peak_rss_kib = usage.ru_maxrss
    res.exit_status = "timeout" if timed_out else waited["status"]
    text = watcher.text()
    res.tail = text[-3000:]

    for line in text.splitlines():
        if line.startswith("ERROR"):
            res.failure = line.strip()[:200]
            return res
        if line.startswith("RESULT "):
            parts = line.split()
            if len(parts) >= 3:
                res.checksum = parts[2]
    if timed_out:
        res.failure = f"timeout after {timeout:.0f} s"
        return res
    if t_end is None:
        res.failure = f"exit {res.exit_status} before '{end_marker}'"
        return res
    t_begin = 0.0
    if begin_marker:
        t_begin = watcher.seen.get(begin_marker)
        if t_begin is None:
            res.failure = f"no '{begin_marker}' line"
            return res
    if not kill_at_end and res.note is None and res.exit_status != 0:
        res.failure = f"exit {res.exit_status}"
        return res
    res.seconds = round(t_end - t_begin, 3)
    res.ok = True
    return res


def monitor_command(path, command, timeout=10.0):
    """Sends one command to the human monitor listening on the Unix socket
    path, returns its answer, then asks the emulator to quit."""
    import socket

    def read_until_prompt(s, deadline):
        got = b""
        while time.monotonic() < deadline:
            s.settimeout(max(0.05, min(0.5, deadline - time.monotonic())))
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                if got.rstrip().endswith(b")"):      # "(name) " prompt
                    break
                continue
            if not chunk:
                break
            got += chunk
        return got.decode(errors="replace").replace("\r", "")

    deadline = time.monotonic() + timeout
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(path)
            read_until_prompt(s, deadline)
            s.sendall(command.encode() + b"\n")
            answer = read_until_prompt(s, time.monotonic() + timeout)
            s.sendall(b"quit\n")
    except OSError as e:
        return f"(monitor on {path}: {e})\n"
    lines = answer.splitlines()
    if lines and lines[0].strip().endswith(command):
        lines = lines[1:]                           # the echoed command
    if lines and lines[-1].strip().startswith("("):
        lines = lines[:-1]                          # the next prompt
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Preparing the guest side


def build_programs(out):
    cmd = ["make", "-s", "-C", HERE, f"O={out}"]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    if r.returncode:
        sys.stdout.write(r.stdout)
        sys.exit("bench: building the guest programs failed")


def ensure_guest_images():
    """Returns the default guest's directory, fetching it if absent, or None."""
    images = os.path.join(TOP, "guest-images", "arm64")
    kernel = os.path.join(images, "vmlinuz")
    initrd = os.path.join(images, "initrd.gz")
    if not (os.path.exists(kernel) and os.path.exists(initrd)):
        log("bench: fetching the guest images (scripts/fetch-guest.sh)")
        r = subprocess.run([os.path.join(TOP, "scripts", "fetch-guest.sh")])
        if r.returncode or not os.path.exists(kernel):
            return None
    return images


def build_bench_initrd(images, out):
    """The default initramfs with tests/bench/linux/init as /init and
    benchgen in /bin; rebuilt when any input is newer."""
    target = os.path.join(out, "initrd-bench.gz")
    inputs = [os.path.join(images, "initrd.gz"),
              os.path.join(HERE, "linux", "init"),
              os.path.join(out, "linux", "benchgen")]
    if os.path.exists(target) and all(
            os.path.getmtime(target) >= os.path.getmtime(i) for i in inputs):
        return target
    with tempfile.TemporaryDirectory(prefix="turtle-bench-") as root:
        subprocess.run(f"gzip -dc '{inputs[0]}' | cpio -idm --quiet",
                       shell=True, cwd=root, check=True)
        shutil.copy(inputs[1], os.path.join(root, "init"))
        shutil.copy(inputs[2], os.path.join(root, "bin", "benchgen"))
        os.chmod(os.path.join(root, "init"), 0o755)
        os.chmod(os.path.join(root, "bin", "benchgen"), 0o755)
        tmp = target + ".tmp"
        subprocess.run(f"find . | cpio -o -H newc --quiet | gzip -6 > '{tmp}'",
                       shell=True, cwd=root, check=True)
        os.replace(tmp, target)
    return target


def emulator_version(binary):
    try:
        r = subprocess.run([binary, "--version"], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=10,
                           stdin=subprocess.DEVNULL)
        return r.stdout.strip().splitlines()[0] if r.stdout.strip() else None
    except (OSError, subprocess.TimeoutExpired):
        return None


def host_info():
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": cpu, "cpus": os.cpu_count(), "kernel": platform.release(),
            "python": platform.python_version()}


# --------------------------------------------------------------------------
# The benchmark proper


class Bench:
    def __init__(self, args):
        self.args = args
        self.out = os.path.join(os.path.abspath(args.build_dir), "bench")
        self.turtle = args.turtle or os.path.join(
            os.path.abspath(args.build_dir), "turtle-system-aarch64")
        self.reference = args.reference
        self.images = None
        self.bench_initrd = None
        self.errors = []

    def argv(self, who, w):
        binary = self.turtle if who == "turtle" else self.reference
        extra = TURTLE_EXTRA if who == "turtle" else REFERENCE_EXTRA
        common = list(COMMON_ARGS)
        if who == "reference":
            common[common.index("-cpu") + 1] = self.args.reference_cpu
        argv = [binary, *common, *extra]
        if w.kind == "baremetal":
            return argv + ["-kernel", os.path.join(
                self.out, "baremetal", w.program + ".elf")]
        append = LINUX_APPEND
        if w.bench is None:
            initrd = os.path.join(self.images, "initrd.gz")
            append += " turtle.run=poweroff+-f"
        else:
            initrd = self.bench_initrd
            append += " turtle.bench=" + w.bench
        return argv + ["-no-reboot",
                       "-kernel", os.path.join(self.images, "vmlinuz"),
                       "-initrd", initrd, "-append", append]

    @staticmethod
    def markers(w):
        """(end marker, begin marker or None) of a workload's timing."""
        if w.kind == "baremetal":
            return "RESULT ", None
        if w.bench is None:
            return GUEST_UP, None
        return "RESULT ", "BENCH-BEGIN"

    def run_one(self, who, w):
        end, begin = self.markers(w)
        # The boot workload is timed to its marker line; the rest of the
        # run would only cost time.
        return run_emulator(self.argv(who, w), end, begin_marker=begin,
                            kill_at_end=w.kind == "linux" and w.bench is None,
                            timeout=self.args.timeout)

    def smoke(self, who):
        """Runs hello.elf: can this emulator run guest code at all?"""
        hello = Workload("hello", "baremetal", "", program="hello")
        r = run_emulator(self.argv(who, hello), "RESULT ",
                         timeout=SMOKE_TIMEOUT_S)
        return r

    def run(self):
        a = self.args
        os.makedirs(self.out, exist_ok=True)
        log(f"bench: building the guest programs in {self.out}")
        build_programs(self.out)

        selected = [w for w in WORKLOADS
                    if not a.only or w.name in a.only]
        if a.only:
            unknown = set(a.only) - {w.name for w in WORKLOADS}
            if unknown:
                sys.exit(f"bench: unknown workloads: {', '.join(sorted(unknown))}"
                         f" (known: {', '.join(w.name for w in WORKLOADS)})")
        linux_skip = None
        if any(w.kind == "linux" for w in selected):
            self.images = ensure_guest_images()
            if self.images is None:
                linux_skip = ("no guest images (scripts/fetch-guest.sh "
                              "failed)", "no images")
            else:
                self.bench_initrd = build_bench_initrd(self.images, self.out)
        if a.profile:
            if linux_skip and any(w.kind == "linux" for w in selected):
                sys.exit(f"bench: {linux_skip[0]}")
            return self.profile(a.profile, selected)

        ref_ok = shutil.which(self.reference) if self.reference else None
        if ref_ok:
            self.reference = ref_ok
        versions = {"turtle": emulator_version(self.turtle)
                    if os.path.exists(self.turtle) else None,
                    "reference": emulator_version(self.reference)
                    if ref_ok else None}

        # Whole-emulator skips: a missing binary, or one that cannot run the
        # smallest program, fails every workload without spending the
        # timeout on each.
        # Each skip is (why, what the table shows in FAIL(...)).
        skip = {"turtle": None, "reference": None}
        if not os.path.exists(self.turtle):
            skip["turtle"] = (f"no binary {self.turtle}", "no binary")
        if not ref_ok:
            skip["reference"] = (f"reference emulator '{a.reference}' not "
                                 "found (TURTLE_BENCH=1 "
                                 "scripts/install-deps.sh)", "no binary")
        smoke = {}
        for who in ("reference", "turtle"):
            if skip[who]:
                continue
            r = self.smoke(who)
            smoke[who] = r.to_json()
            if not r.ok:
                skip[who] = ("cannot run the smoke-test program: "
                             f"{r.failure}", r.exit_status)
                log(f"bench: {who} failed the smoke test ({r.failure}); "
                    f"its console ended with:\n{r.tail[-800:]}")
            else:
                log(f"bench: {who} smoke test ok ({r.seconds:.2f} s)")
        if skip["reference"]:
            self.errors.append(f"reference: {skip['reference'][0]}")

        load_start = os.getloadavg()
        if load_start[0] > 1.0:
            log(f"bench: note: host load average {load_start[0]:.1f} — other "
                "work competes for the CPUs; timings will be noisy")

        results = []
        t0 = time.monotonic()
        for w in selected:
            results.append(self.run_workload(w, skip, linux_skip, results))
        elapsed = time.monotonic() - t0

        doc = self.summarize(results, versions, smoke, skip, load_start,
                             elapsed)
        path = os.path.join(self.out, "results.json")
        with open(path + ".tmp", "w") as f:
            json.dump(doc, f, indent=2)
            f.write("\n")
        os.replace(path + ".tmp", path)
        self.print_table(doc)
        log(f"bench: results written to {path}")
        return 1 if self.errors else 0

    def profile(self, mode, selected):
        """--profile: runs each selected workload once under Turtle and
        writes where its time went to OUT/profile/<workload>.<mode>.txt."""
        if not os.path.exists(self.turtle):
            sys.exit(f"bench: no binary {self.turtle}")
        if mode == "perf" and not shutil.which("perf"):
            sys.exit("bench: perf not found (Debian package linux-perf)")
        pdir = os.path.join(self.out, "profile")
        os.makedirs(pdir, exist_ok=True)
        status = 0
        for w in selected:
            base = os.path.join(pdir, f"{w.name}.{mode}")
            argv = self.argv("turtle", w)
            jit = []
            at_end = None
            if mode == "perf":
                argv = ["perf", "record", "-q", "-g", "-o", base + ".data",
                        "--"] + argv
            elif mode == "jit":
                sock = base + ".sock"
                if os.path.exists(sock):
                    os.unlink(sock)
                # -d hotblocks makes generated code count block entries,
                # which info jit needs for its dispatch split (the hot
                # block table goes to a file beside it).
                argv += ["-no-shutdown", "-monitor",
                         f"unix:{sock},server,nowait",
                         "-d", "hotblocks", "-D", base + ".hotblocks.txt"]

                def at_end(sock=sock):
                    jit.append(monitor_command(sock, "info jit"))
            else:
                argv += ["-d", "hotblocks", "-D", base + ".txt"]
            end, begin = self.markers(w)
            # Killed at once, perf would not write its data: every profiled
            # run ends by itself (the boot workload powers off anyway).
            r = run_emulator(argv, end, begin_marker=begin,
                             timeout=self.args.timeout, at_end=at_end)
            if not r.ok:
                log(f"bench: {w.name}: FAIL ({r.failure})")
                status = 1
                continue
            if mode == "perf":
                # Generated code shows as anonymous addresses in the JIT's
                # memory: the per-object split says how much time is spent
                # in translated code versus the emulator's C functions.
                with open(base + ".txt", "w") as f:
                    for title, sort in (("by object", "dso"),
                                        ("by symbol", "dso,sym")):
                        rep = subprocess.run(
                            ["perf", "report", "-i", base + ".data",
                             "--stdio", "--no-children", "-g", "none",
                             "--sort", sort, "--percent-limit", "0.5"],
                            stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
                        f.write(f"{title}:\n{rep.stdout}\n")
            elif mode == "jit":
                with open(base + ".txt", "w") as f:
                    f.write(jit[0] if jit else "(no answer from the monitor)\n")
            log(f"bench: {w.name}: {r.seconds:.2f} s; {base}.txt:")
            try:
                with open(base + ".txt") as f:
                    lines = [l.rstrip() for l in f
                             if l.strip() and not l.startswith("#")]
                log("\n".join("    " + l for l in lines[:30]))
            except OSError:
                log("    (no output written)")
        return status

    def run_workload(self, w, skip, linux_skip, earlier):
        runs = {"turtle": [], "reference": []}
        reason = dict(skip)
        if w.kind == "linux" and linux_skip:
            reason = {"turtle": linux_skip, "reference": linux_skip}
        if w.kind == "linux" and w.bench is not None:
            boot = next((r for r in earlier if r["name"] == "boot"), None)
            if boot and boot["turtle"]["status"] != "ok" and not reason["turtle"]:
                reason["turtle"] = ("the Linux boot workload failed",
                                    "boot failed")
        for i in range(self.args.runs):
            order = ("turtle", "reference") if i % 2 == 0 else \
                    ("reference", "turtle")
            for who in order:
                if reason[who]:
                    continue
                r = self.run_one(who, w)
                runs[who].append(r)
                if r.ok:
                    log(f"  {w.name:7} {who:9} run {i + 1}/{self.args.runs}: "
                        f"{r.seconds:8.2f} s  (rss {r.peak_rss_kib // 1024} MiB)")
                else:
                    log(f"  {w.name:7} {who:9} run {i + 1}/{self.args.runs}: "
                        f"FAIL ({r.failure}); console ended with:\n"
                        + "\n".join("      " + l for l in
                                    r.tail.strip().splitlines()[-6:]))
                    # One failure is enough to report; more would only
                    # spend the timeout again.
                    reason[who] = (f"run {i + 1} failed: {r.failure}",
                                   r.exit_status)
        entry = {"name": w.name, "kind": w.kind, "measures": w.measures}
        for who in ("turtle", "reference"):
            entry[who] = self.side_summary(w, who, runs[who], reason[who],
                                           skip[who])
        t, ref = entry["turtle"], entry["reference"]
        entry["checksums_match"] = None
        entry["ratio"] = None
        if t["checksum"] and ref["checksum"]:
            entry["checksums_match"] = t["checksum"] == ref["checksum"]
            if not entry["checksums_match"]:
                self.errors.append(f"{w.name}: checksum differs: turtle "
                                   f"{t['checksum']}, reference {ref['checksum']}")
        if t["status"] == "ok" and ref["status"] == "ok" and \
                entry["checksums_match"] is not False:
            entry["ratio"] = round(t["median_s"] / ref["median_s"], 3)
        if ref["status"] != "ok" and not skip["reference"]:
            self.errors.append(f"{w.name}: reference failed: {ref['failure']}")
        return entry

    def side_summary(self, w, who, runs, reason, global_skip):
        ok = [r for r in runs if r.ok]
        failed = [r for r in runs if not r.ok]
        sums = sorted({r.checksum for r in runs if r.checksum})
        s = {
            "status": "ok", "failure": None,
            "times_s": [r.seconds for r in ok],
            "median_s": round(statistics.median(r.seconds for r in ok), 3)
            if ok else None,
            # CPU time of the whole emulator process (boot included for
            # Linux): less disturbed than wall time on a busy host.
            "cpu_median_s": round(statistics.median(r.cpu_s for r in ok), 3)
            if ok else None,
            "runs": [r.to_json() for r in runs],
            "peak_rss_kib": max((r.peak_rss_kib for r in runs
                                 if r.peak_rss_kib), default=None),
            "checksum": sums[0] if len(sums) == 1 else None,
        }
        if len(sums) > 1:
            s["status"] = "FAIL"
            s["failure"] = "checksum differs between runs: " + ", ".join(sums)
            self.errors.append(f"{w.name}: {who} {s['failure']}")
        elif failed:
            s["status"] = "FAIL"
            s["failure"] = failed[0].failure
            s["exit_status"] = failed[0].exit_status
        elif not ok:
            why = reason or global_skip
            s["status"] = "FAIL" if why else "SKIPPED"
            s["failure"] = why[0] if why else None
            s["exit_status"] = why[1] if why else None
        return s

    def summarize(self, results, versions, smoke, skip, load_start, elapsed):
        ratios = [r["ratio"] for r in results if r["ratio"]]
        geo = round(math.exp(sum(math.log(x) for x in ratios) / len(ratios)),
                    3) if ratios else None
        return {
            "schema": 1,
            "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "host": host_info(),
            "load_average_start": [round(x, 2) for x in load_start],
            "load_average_end": [round(x, 2) for x in os.getloadavg()],
            "runs_per_emulator": self.args.runs,
            "timeout_s": self.args.timeout,
            "elapsed_s": round(elapsed, 1),
            "options": {"common": COMMON_ARGS, "turtle_extra": TURTLE_EXTRA,
                        "reference_cpu": self.args.reference_cpu,
                        "reference_extra": REFERENCE_EXTRA,
                        "linux_append": LINUX_APPEND},
            "emulators": {
                "turtle": {"binary": self.turtle, "version": versions["turtle"],
                           "skipped": skip["turtle"] and skip["turtle"][0]},
                "reference": {"binary": self.reference,
                              "version": versions["reference"],
                              "skipped": skip["reference"] and
                              skip["reference"][0]},
            },
            "smoke_test": smoke,
            "workloads": results,
            "geomean_ratio": geo,
            "geomean_of": len(ratios),
            "errors": self.errors,
        }

    @staticmethod
    def cell(side):
        if side["status"] == "ok":
            return f"{side['median_s']:.2f}"
        st = side.get("exit_status")
        if st is None:
            return "FAIL" if side["status"] == "FAIL" else "-"
        return f"FAIL({st})"

    def print_table(self, doc):
        log("")
        log(f"{'workload':10} {'turtle (s)':>16} {'reference (s)':>16} "
            f"{'turtle/ref':>11} {'cpu t/r':>8}")
        log("-" * 65)
        for r in doc["workloads"]:
            ratio = f"{r['ratio']:.2f}" if r["ratio"] else "-"
            if r["checksums_match"] is False:
                ratio = "MISMATCH"
            cpu = "-"
            if r["ratio"] and r["reference"]["cpu_median_s"]:
                cpu = f"{r['turtle']['cpu_median_s'] / r['reference']['cpu_median_s']:.2f}"
            log(f"{r['name']:10} {self.cell(r['turtle']):>16} "
                f"{self.cell(r['reference']):>16} {ratio:>11} {cpu:>8}")
        log("-" * 65)
        if doc["geomean_ratio"]:
            log(f"geometric mean of {doc['geomean_of']} ratios: "
                f"{doc['geomean_ratio']:.2f}")
        else:
            log("geometric mean of the ratios: n/a (no workload ran under "
                "both emulators)")
        log("(cpu t/r: ratio of the emulators' median user+system CPU time "
            "over the whole run, boot included for Linux; steadier than "
            "wall time on a busy host)")
        linux = [r for r in doc["workloads"] if r["kind"] == "linux"]
        if linux:
            log("")
            log(f"{'peak RSS':10} {'turtle (MiB)':>16} {'reference (MiB)':>16}")
            for r in linux:
                cells = []
                for who in ("turtle", "reference"):
                    k = r[who]["peak_rss_kib"]
                    cells.append(f"{k / 1024:.0f}" if k else "-")
                log(f"{r['name']:10} {cells[0]:>16} {cells[1]:>16}")
        for who in ("turtle", "reference"):
            if doc["emulators"][who]["skipped"]:
                log(f"\n{who}: not run: {doc['emulators'][who]['skipped']}")
        fails = [(r["name"], r["turtle"]["failure"]) for r in doc["workloads"]
                 if r["turtle"]["status"] != "ok" and r["turtle"]["failure"]
                 and not doc["emulators"]["turtle"]["skipped"]]
        for name, why in fails:
            log(f"turtle {name}: {why}")
        for e in doc["errors"]:
            log(f"ERROR: {e}")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("build_dir", nargs="?", default=os.path.join(TOP, "build"))
    p.add_argument("--runs", type=int,
                   default=int(os.environ.get("BENCH_RUNS", "3")))
    p.add_argument("--timeout", type=float,
                   default=float(os.environ.get("BENCH_TIMEOUT", "300")))
    p.add_argument("--only", default=os.environ.get("BENCH_ONLY", ""),
                   help="comma-separated workload names")
    p.add_argument("--show", action="store_true",
                   help="print the table of the last run's results.json "
                   "and exit")
    p.add_argument("--profile", choices=("perf", "jit", "hotblocks"),
                   help="instead of benchmarking, run the selected workloads "
                   "once under Turtle and report where the time goes: "
                   "perf record on the host, the monitor's 'info jit' at the "
                   "end, or -d hotblocks")
    p.add_argument("--turtle", default=None,
                   help="Turtle binary (BUILD_DIR/turtle-system-aarch64)")
    p.add_argument("--reference-cpu",
                   default=os.environ.get("BENCH_REFERENCE_CPU", "max,pauth=off"),
                   help="-cpu of the reference (default max,pauth=off: "
                   "Turtle's max does not advertise pointer authentication, "
                   "so the guest kernel runs the same code on both; plain "
                   "max makes the reference compute its PAC cipher too)")
    p.add_argument("--reference",
                   default=os.environ.get("BENCH_REFERENCE",
                                          "qemu-system-aarch64"))
    args = p.parse_args()
    args.only = [x for x in args.only.replace(" ", ",").split(",") if x]
    if args.runs < 1:
        sys.exit("bench: --runs must be at least 1")
    bench = Bench(args)
    if args.show:
        with open(os.path.join(bench.out, "results.json")) as f:
            bench.print_table(json.load(f))
        sys.exit(0)
    sys.exit(bench.run())


if __name__ == "__main__":
    main()
