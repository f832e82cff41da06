#!/usr/bin/env bash
# make bench: runs the benchmark workloads under Turtle and under the
# reference emulator, side by side (tests/bench/run.py does the work).
# Usage: tests/bench/run.sh [BUILD_DIR] [run.py options]
set -euo pipefail
exec python3 "$(dirname "$0")/run.py" "$@"
