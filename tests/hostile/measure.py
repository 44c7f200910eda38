"""Run one command and print its wall time, CPU time and peak memory (its process tree: the
workers it waited for count too) and output as JSON.

Started as a small process of its own, so that the peak memory `wait4` reports (inherited
across fork and exec on Linux) starts from this helper's few MB, not from the test runner's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

if __name__ == "__main__":
    t0 = time.perf_counter()
    proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    print(json.dumps({"seconds": time.perf_counter() - t0, "cpu_seconds": usage.ru_utime + usage.ru_stime,
                      "peak_mb": usage.ru_maxrss / 1024, "status": proc.returncode, "stderr": err}))
