#!/usr/bin/env bash
# Fetches the default guest for an architecture from Debian's archive and
# builds its initramfs:
#   guest-images/<arch>/vmlinuz     Debian's kernel for that architecture
#   guest-images/<arch>/initrd.gz   busybox (static) with scripts/guest/init
# Usage: scripts/fetch-guest.sh [arch] [outdir]     (arch: arm64, the default)
# Idempotent: does nothing when both files exist and the init script has not
# changed.
set -euo pipefail

arch=${1:-arm64}
top=$(cd "$(dirname "$0")/.." && pwd)
out=${2:-$top/guest-images/$arch}
init_src=$top/scripts/guest/init
# Bump when the initramfs layout changes, so existing images are rebuilt.
layout_version=2
mkdir -p "$out"

if [ -s "$out/vmlinuz" ] && [ -s "$out/initrd.gz" ] && [ "$out/initrd.gz" -nt "$init_src" ] &&
   [ "$(cat "$out/layout" 2>/dev/null)" = "$layout_version" ]; then
  exit 0
fi

if ! dpkg --print-foreign-architectures | grep -qx "$arch" && [ "$(dpkg --print-architecture)" != "$arch" ]; then
  echo "fetch-guest: adding the $arch architecture to dpkg"
  dpkg --add-architecture "$arch"
  apt-get update -qq
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# The kernel: the versioned package the linux-image-<arch> metapackage names.
kpkg=$(apt-cache depends "linux-image-$arch:$arch" 2>/dev/null |
       awk '/Depends: linux-image-[0-9]/ {print $2; exit}' || true)
if [ -z "$kpkg" ]; then
  apt-get update -qq
  kpkg=$(apt-cache depends "linux-image-$arch:$arch" |
         awk '/Depends: linux-image-[0-9]/ {print $2; exit}' || true)
fi
[ -n "$kpkg" ] || { echo "fetch-guest: cannot find Debian's $arch kernel package" >&2; exit 1; }
kpkg=${kpkg%%:*}
echo "fetch-guest: downloading $kpkg:$arch and busybox-static:$arch"
apt-get download -qq "$kpkg:$arch" "busybox-static:$arch"

dpkg-deb -x linux-image-*.deb kernel
cp kernel/boot/vmlinuz-* "$out/vmlinuz.tmp"
mv "$out/vmlinuz.tmp" "$out/vmlinuz"

dpkg-deb -x busybox-static_*.deb bb
mkdir -p rootfs/{bin,sbin,dev,proc,sys,tmp,etc,root,mnt,usr/bin,usr/sbin,lib/modules}
# The virtio drivers and ext4 are modules in Debian's kernel: the init script
# loads these, in this (dependency) order.
modules="failover net_failover virtio_net virtio_blk virtio_console virtio-rng
         crc16 mbcache jbd2 crc32c_generic ext4 virtio_mmio"
for m in $modules; do
  f=$(find kernel/lib/modules -name "$m.ko*" | head -n 1)
  if [ -n "$f" ]; then
    cp "$f" rootfs/lib/modules/
    echo "${f##*/}" >> rootfs/lib/modules/load-order
  fi
done
cp bb/bin/busybox rootfs/bin/busybox
cp "$init_src" rootfs/init
chmod 755 rootfs/init rootfs/bin/busybox
(cd rootfs && find . | cpio -o -H newc --quiet | gzip -9) > "$out/initrd.gz.tmp"
mv "$out/initrd.gz.tmp" "$out/initrd.gz"
echo "$layout_version" > "$out/layout"
echo "fetch-guest: $out/vmlinuz and $out/initrd.gz ready"
