"""One time limit and one memory cap per document, that really stop the work.

`isolated(fn, *args)` runs `fn` in a forked worker process (POSIX) and waits for its result at
most `Limits.timeout_s` seconds; past that the worker is killed (SIGKILL) and the document is
refused with `read.timeout`. Pure-Python loops, regular expressions and C parsers are all
stopped this way, which `TimeBudget.check()` between steps cannot do. Memory is bounded twice:
the parent watches the worker's resident memory and kills it past `Limits.max_memory`, and the
worker's address space is capped at what it holds at the start plus `AS_FACTOR` times that (a
runaway allocation fails at once with MemoryError; the factor leaves room for the virtual
reservations of onnxruntime and OpenCV, which are not memory used). Either way the document
gets `read.memory` instead of taking the machine down.

The result travels back pickled through a pipe; an `OgiError` raised in the worker is raised
again here, and any other exception becomes one `internal.error` line. Without `os.fork`
(Windows) or with `OGI_ISOLATE=0`, `fn` runs in this process and only the readers' own
`TimeBudget` checks apply.

Every entry point runs each document this way: `ogi parse`, `check`, `render` (through
`ogi.loading`), `ogi batch` (in each pool worker) and the server's tasks (they call
`ogi.loading`).
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .errors import OgiError, internal
from .read.document import ReadError
from .read.limits import Limits, env_limits, timed_out

if TYPE_CHECKING:
    import resource

T = TypeVar("T")
AS_FACTOR = 4  # address space allowed per byte of memory allowed (see the module docstring)
POLL_S = 0.05  # how often the parent looks at the worker's resident memory


def enabled() -> bool:
    return hasattr(os, "fork") and os.environ.get("OGI_ISOLATE", "1") not in ("0", "false", "no")


@dataclass
class Usage:
    """What one worker took, filled in by `isolated(..., usage=Usage())` once the worker is gone
    (also when it was killed): wall and CPU seconds, peak resident memory. On a shared machine
    wall time counts the neighbours' load too; CPU time is the document's own."""

    wall_s: float = 0.0
    cpu_s: float = 0.0
    peak_mb: float = 0.0


def isolated(fn: Callable[..., T], *args: Any, limits: Limits | None = None, usage: Usage | None = None) -> T:
    """`fn(*args)` under the document's time limit and memory cap (see the module docstring)."""
    lim = limits or env_limits()
    if not enabled():
        return _inline(fn, args, lim)
    r, w = os.pipe()
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the worker: never returns
        os.close(r)
        _child(fn, args, w, lim)
    os.close(w)
    rusage: list[resource.struct_rusage] = []
    try:
        payload = _collect(r, pid, lim, rusage)
    finally:
        os.close(r)
        if usage is not None:
            usage.wall_s = time.monotonic() - t0
            if rusage:
                usage.cpu_s = rusage[0].ru_utime + rusage[0].ru_stime
                usage.peak_mb = rusage[0].ru_maxrss / 1024
    status, value = payload
    if status == "ok":
        return cast(T, value)
    raise value


def _inline(fn: Callable[..., T], args: tuple[Any, ...], lim: Limits) -> T:
    try:
        return fn(*args)
    except OgiError:
        raise
    except MemoryError:
        raise memory_error(lim) from None
    except Exception as e:  # noqa: BLE001 - one line, never a traceback
        raise internal(e) from e


def memory_error(lim: Limits) -> ReadError:
    mb = lim.max_memory / 2**20
    return ReadError("read.memory", f"文档所需内存超过上限（{mb:.0f} MB，可用 OGI_MAX_MEMORY 调整），已放弃",
                     f"the document needs more memory than allowed ({mb:.0f} MB; set OGI_MAX_MEMORY): gave up")


def _address_space() -> int | None:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _child(fn: Callable[..., Any], args: tuple[Any, ...], w: int, lim: Limits) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        try:
            import resource

            base = _address_space()
            if base is not None:
                cap = base + AS_FACTOR * lim.max_memory
                soft, hard = resource.getrlimit(resource.RLIMIT_AS)
                if hard != resource.RLIM_INFINITY:
                    cap = min(cap, hard)
                resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        except (ImportError, ValueError, OSError):
            pass
        try:
            payload: tuple[str, Any] = ("ok", fn(*args))
        except OgiError as e:
            payload = ("err", e)
        except MemoryError:
            payload = ("err", memory_error(lim))
        except BaseException as e:  # noqa: BLE001 - reported as one line by the parent
            payload = ("err", internal(e))
        try:
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps(("err", memory_error(lim)))
        except Exception as e:  # noqa: BLE001
            data = pickle.dumps(("err", internal(e)))
        view = memoryview(data)
        while view:
            n = os.write(w, view)
            view = view[n:]
    except BaseException:  # noqa: BLE001 - the parent sees no payload and says so
        code = 70
    finally:
        os._exit(code)


def _collect(r: int, pid: int, lim: Limits, rusage: list[resource.struct_rusage]) -> tuple[str, Any]:
    end = time.monotonic() + lim.timeout_s
    chunks: list[bytes] = []
    try:
        while True:
            left = end - time.monotonic()
            if left <= 0:
                _kill(pid, rusage)
                raise timed_out(lim)
            ready, _, _ = select.select([r], [], [], min(left, POLL_S))
            if not ready:
                if _resident(pid) > lim.max_memory:
                    _kill(pid, rusage)
                    raise memory_error(lim)
                continue
            chunk = os.read(r, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    except BaseException:
        _kill(pid, rusage)
        raise
    _, status, ru = os.wait4(pid, 0)
    rusage.append(ru)
    if chunks:
        try:
            payload: tuple[str, Any] = pickle.loads(b"".join(chunks))
            return payload
        except Exception as e:  # noqa: BLE001
            return ("err", internal(e))
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
        return ("err", memory_error(lim))  # the kernel's OOM killer
    how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"status {os.WEXITSTATUS(status)}"
    return ("err", ReadError("read.crashed", f"处理文档的进程意外终止（{how}）",
                             f"the process handling the document died ({how})"))


def _resident(pid: int) -> int:
    """Resident memory of process `pid` in bytes (0 when it cannot be read)."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _kill(pid: int, rusage: list[resource.struct_rusage] | None = None) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        _, _, ru = os.wait4(pid, 0)
    except ChildProcessError:
        return
    if rusage is not None and not rusage:
        rusage.append(ru)
