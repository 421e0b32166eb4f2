"""Which of vinews' modules run compiled (setup.py's NATIVE list, built by Cython from the same
.py files), and whether a compiled module is older than the source beside it.

    from vinews import native
    native.compiled()   # {'vinews.features': '/…/features.cpython-311-x86_64-linux-gnu.so', …}
    native.stale()      # the compiled modules whose .py changed after they were built

An editable install keeps the compiled modules beside their sources, where they take precedence
on import: a .py edited without recompiling (`make native`) would silently not run. The test
suite refuses to start on a stale module; the speed benchmarks print `describe()`. Importing
this module imports nothing else.
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _extensions() -> dict[str, Path]:
    """Every compiled module file under the package, by dotted module name (found on disk,
    without importing anything)."""
    out: dict[str, Path] = {}
    suffixes = sorted(importlib.machinery.EXTENSION_SUFFIXES, key=len, reverse=True)  # longest first
    for so in _PACKAGE.rglob("*"):
        rel = so.relative_to(_PACKAGE).as_posix()
        suffix = next((s for s in suffixes if rel.endswith(s)), None)
        if suffix and so.is_file():
            out["vinews." + rel[: -len(suffix)].replace("/", ".")] = so
    return out


def compiled() -> dict[str, str]:
    """The vinews modules an import will load compiled, with their files."""
    out = {}
    for name, so in sorted(_extensions().items()):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin and Path(spec.origin).resolve() == so.resolve():
            out[name] = str(so)
    return out


def stale() -> list[str]:
    """The compiled modules whose .py source (or the .pxd declaring C types for it) was modified
    after the compiled file was built (their edits would not run): empty when all are current."""
    out = []
    for name, so in sorted(_extensions().items()):
        built = so.stat().st_mtime_ns
        stem = so.parent / name.rsplit(".", 1)[1]
        # its .py, and the .pxd that types some of its functions where there is one
        sources = [p for p in (stem.with_suffix(".py"), stem.with_suffix(".pxd")) if p.exists()]
        if any(p.stat().st_mtime_ns > built for p in sources):
            out.append(name)
    return out


def describe() -> str:
    """One line for reports: how many modules run compiled, and any stale one."""
    c, s = compiled(), stale()
    text = f"compiled core: {len(c)} modules" if c else "compiled core: none (pure Python)"
    return text + (f"; STALE (run `make native`): {', '.join(s)}" if s else "")
