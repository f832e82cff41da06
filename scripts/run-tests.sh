#!/usr/bin/env bash
# Runs the whole test suite (meson test) and ends with one summary line
# "N passed, N failed" that CI and people read.
set -uo pipefail
build=${1:-build}
# Two cores: run two tests at a time; the slow randomized suites set their
# own timeouts in meson.
meson test -C "$build" --print-errorlogs --num-processes 2 "${@:2}"
status=$?
python3 - "$build/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
try:
    with open(sys.argv[1]) as f:
        for line in f:
            r = json.loads(line)
            res = r.get("result")
            if res in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif res == "SKIP":
                skipped += 1
            else:
                failed += 1
except FileNotFoundError:
    pass
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
