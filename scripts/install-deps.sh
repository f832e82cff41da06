#!/usr/bin/env bash
# Installs, with apt-get, the Debian packages Turtle needs to build and test.
# Idempotent: packages already present are skipped and apt is not touched at all
# when nothing is missing. Called first by `make run`, `make check` and `make bench`.
set -euo pipefail

build_pkgs=(
  gpgv meson ninja-build pkg-config gcc make python3
  libglib2.0-dev libjson-glib-dev libcapstone-dev libslirp-dev libpixman-1-dev
  libsdl2-dev libfdt-dev zlib1g-dev
)
# Guest-side tools: cross compilers for bare-metal guest tests, cpio/busybox
# for the initramfs of the default guest, and qemu-user (qemu-aarch64, the
# oracle of the differential tests in tests/diff).
guest_pkgs=(
  gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu cpio qemu-user
)
want=("${build_pkgs[@]}" "${guest_pkgs[@]}")
if [ "${TURTLE_BENCH:-0}" = 1 ]; then
  want+=(qemu-system-arm)
fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]} (run as root or install them)" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
