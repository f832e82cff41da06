#!/usr/bin/env python3
"""Boots Debian's kernel with the busybox initramfs under Turtle, the way a
user would, and checks what the guest reports.

Usage: boot_test.py BINARY IMAGES_DIR CASE
Cases:
  marker     the initramfs prints its marker line
  smp        -smp 2: the guest sees 2 CPUs online
  poweroff   'poweroff -f' ends the process with status 0
  disk       an ext4 image written in one boot is read back in the next
  dhcp       udhcpc gets 10.0.2.15 from user networking
  icount     -icount shift=3: boots and powers off (virtual time
             follows instructions; timers that fire while every CPU sleeps
             must wake them)
Exit status 77 (skip) when the guest images are missing.
"""
import os
import subprocess
import sys
import tempfile
import time

BIN, IMAGES, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
KERNEL = os.path.join(IMAGES, "vmlinuz")
INITRD = os.path.join(IMAGES, "initrd.gz")
TIMEOUT = int(os.environ.get("TURTLE_BOOT_TIMEOUT", "300"))
MARKER = "TURTLE-GUEST-UP"

if not (os.path.exists(KERNEL) and os.path.exists(INITRD)):
    print(f"SKIP: no guest images in {IMAGES} (scripts/fetch-guest.sh makes them)")
    sys.exit(77)


def boot(extra_args=(), run=None, smp=1, expect=(MARKER,)):
    """Boots once; returns (exit status, console output, seconds)."""
    append = "console=ttyAMA0 panic=-1"
    if run:
        append += " turtle.run=" + run.replace(" ", "+")
    args = [BIN, "-M", "virt", "-cpu", "max", "-m", "1G", "-smp", str(smp),
            "-kernel", KERNEL, "-initrd", INITRD, "-append", append,
            "-nographic", "-no-reboot", *extra_args]
    start = time.monotonic()
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    try:
        out, _ = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        text = out.decode(errors="replace")
        print(text[-4000:])
        print(f"FAIL: no power-off within {TIMEOUT} s")
        sys.exit(1)
    text = out.decode(errors="replace")
    return proc.returncode, text, time.monotonic() - start


def require(cond, what, text):
    if not cond:
        print(text[-4000:])
        print("FAIL: " + what)
        sys.exit(1)
    print("ok: " + what)


if CASE == "marker":
    status, text, secs = boot(run="poweroff -f")
    require(MARKER in text, "marker line printed", text)
    print(f"boot to marker and power-off: {secs:.1f} s")
elif CASE == "smp":
    status, text, _ = boot(smp=2, run="poweroff -f")
    require("2 CPUs online" in text, "2 CPUs online", text)
elif CASE == "poweroff":
    status, text, _ = boot(run="poweroff -f")
    require(status == 0, f"exit status 0 after poweroff -f (got {status})", text)
elif CASE == "disk":
    with tempfile.TemporaryDirectory() as d:
        img = os.path.join(d, "disk.img")
        drive = ["-drive", f"file={img},format=raw,if=virtio"]
        with open(img, "wb") as f:
            f.truncate(64 << 20)
        subprocess.run(["mkfs.ext4", "-q", "-F", img], check=True)
        status, text, _ = boot(drive, run="mount -t ext4 /dev/vda /mnt && "
                               "echo turtle-disk-$((6*7)) > /mnt/f && umount /mnt && "
                               "echo DISK-WRITTEN; poweroff -f")
        require("DISK-WRITTEN" in text, "first boot wrote a file on the ext4 disk", text)
        status, text, _ = boot(drive, run="mount -t ext4 /dev/vda /mnt && cat /mnt/f; poweroff -f")
        require("turtle-disk-42" in text, "second boot read the file back", text)
elif CASE == "dhcp":
    status, text, _ = boot(["-netdev", "user,id=n0", "-device", "virtio-net-device,netdev=n0"],
                           run="ip link set eth0 up && udhcpc -i eth0 -n -q -s /bin/true; ip addr show eth0; poweroff -f")
    require("10.0.2.15" in text, "udhcpc got 10.0.2.15", text)
elif CASE == "icount":
    status, text, _ = boot(["-icount", "shift=3"], run="poweroff -f")
    require(status == 0, f"exit status 0 after poweroff -f under -icount (got {status})", text)
else:
    print("unknown case " + CASE)
    sys.exit(2)
