#!/usr/bin/env bash
# Boots the default guest on this terminal (make run): Debian's arm64 kernel
# and the busybox initramfs from scripts/fetch-guest.sh, with the console and
# the monitor multiplexed on stdio (Ctrl-A c switches, Ctrl-A x quits).
set -euo pipefail
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
images=$top/guest-images/arm64
exec "$build/turtle-system-aarch64" -M virt -cpu max -m 1G -smp 2 \
    -kernel "$images/vmlinuz" -initrd "$images/initrd.gz" \
    -append "console=ttyAMA0" -nographic
