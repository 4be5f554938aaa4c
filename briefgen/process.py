"""What the `briefgen` process does for its own start-up and exit, not for any one brief.

Three savings on a cold build (issue 14, measured with `bench/benchmark.py --cold`):

- `tune_gc`: the cyclic garbage collector runs every 700 new objects by default; spaCy's model
  and the Docs create millions, almost none of them garbage, so a build spent ~0.25 s in ~600
  collections. A larger first threshold keeps collection (memory stays bounded) but rarer.
- `quick_library_lookup`: WeasyPrint asks cffi for each library under up to six names, and
  every name that is not a path costs `ctypes.util.find_library` an `ldconfig -p` and, when
  that fails, gcc and ld subprocesses (~68 of them, ~0.15 s). While WeasyPrint loads, the
  lookup reads `ldconfig -p` once and answers every name from it, as ctypes would, or from
  LD_LIBRARY_PATH (ctypes' later fallbacks). Without ldconfig, ctypes' own lookup runs.
- `exit_now`: interpreter teardown frees every object of the model one by one (~0.4 s). Once
  the command has returned, every brief and cache file is written, renamed into place and its
  folder synced (output.py, cache.py), and the worker pools are shut down (batch.py); the
  atexit hooks and logging are then flushed and the process ends with os._exit. Only the
  `briefgen` command itself does this (cli.main with no argv): code that calls main() gets
  SystemExit as usual.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gc
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def environ_set(name: str, value: str) -> Iterator[None]:
    """`os.environ[name] = value` inside the block, restored (or removed) on the way out."""
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous


GC_FIRST_THRESHOLD = 50_000  # new objects between young collections (CPython's default: 700)


def tune_gc() -> None:
    """Collect young objects every GC_FIRST_THRESHOLD allocations instead of every 700."""
    _, second, third = gc.get_threshold()
    gc.set_threshold(GC_FIRST_THRESHOLD, second, third)


@contextlib.contextmanager
def quick_library_lookup() -> Iterator[None]:
    """`ctypes.util.find_library` answered from one `ldconfig -p` inside the block (Linux)."""
    import ctypes.util

    if not sys.platform.startswith("linux") or _ldconfig_cache() is None:
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = _find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


@functools.cache
def _ldconfig_cache() -> bytes | None:
    """`ldconfig -p`'s list of the shared libraries the loader knows; None if unavailable."""
    try:
        return subprocess.run(
            ["/sbin/ldconfig", "-p"],
            stdin=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            env={"LC_ALL": "C", "LANG": "C"},
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


# ctypes.util's table: the ABI tag ldconfig prints for this machine's own libraries.
_ABI = {
    "x86_64-64": "libc6,x86-64",
    "ppc64-64": "libc6,64bit",
    "sparc64-64": "libc6,64bit",
    "s390x-64": "libc6,64bit",
    "ia64-64": "libc6,IA-64",
}


@functools.cache
def _find_library(name: str) -> str | None:
    """What ctypes.util.find_library(name) finds on glibc Linux: the soname from the loader's
    cache (same pattern and ABI as ctypes), else a lib<name>.so file on LD_LIBRARY_PATH."""
    cache = _ldconfig_cache() or b""
    machine = os.uname().machine + ("-64" if sys.maxsize > 2**32 else "-32")
    abi = _ABI.get(machine, "libc6")
    pattern = rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}"
    found = re.search(os.fsencode(pattern), cache)
    if found:
        return os.fsdecode(found.group(1))
    for folder in filter(None, os.environ.get("LD_LIBRARY_PATH", "").split(":")):
        for candidate in sorted(Path(folder).glob(f"lib{name}.so*")):
            return str(candidate)
    return None


def exit_now(code: int) -> None:
    """End the process with `code`, skipping teardown: atexit hooks run, logging and the
    standard streams are flushed first. Call only when every output file is closed."""
    atexit._run_exitfuncs()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: let the interpreter report it as usual
            if stream is sys.stdout:
                raise SystemExit(code) from None
    os._exit(code)
