#!/usr/bin/env bash
# Boots the default guest on the terminal: make run.
set -euo pipefail
build=${1:-build}
# Until the arm64 CPU lands this builds the virt board and prints its device
# tree and memory map.
exec "$build/turtle-system-aarch64" -M virt -m 1G -nodefaults -display none
