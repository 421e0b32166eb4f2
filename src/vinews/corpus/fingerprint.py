"""The resume key of `vinews build`: one fingerprint per stage of the work folder.

A stage's fingerprint hashes everything that shapes what it writes:

- its parameters (the extractor's ExtractParams, a `--params FILE` included, and its fitted
  weights; BoilerplateParams; DedupParams; the input files, shard size, partitions, fields read;
  the annotate switch),
- the vinews package version, the versions of its declared dependencies and the work folder
  layout,
- the code of the stage: sha256 over the source bytes of the vinews modules the stage's
  functions import, followed through every `import`/`from ... import` (lazy ones in function
  bodies too) and every "vinews.x" name handed to importlib, plus the build driver (build.py);
  the package's data files for extraction,
- the fingerprints of the stages it reads from.

So a changed parameter or changed code of a stage makes that stage and every stage downstream
of it be redone; stages upstream keep their work (a change to the dedup thresholds does not
re-extract). `prepare_work` removes the stale outputs before anything runs and records the
fingerprints in work/stages.json; build.py copies them into stats.json. Computed once per build
in the driver (reading ~80 small source files).
"""
from __future__ import annotations

import ast
import hashlib
import json
import re
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

from .stages import WORK_STAGES as STAGES, Stage  # each declares its name, inputs, code modules, data folders
from .store import clean_temporaries, write_text
from .workdir import WorkDir

PACKAGE = "vinews"


# The build's drivers: their own source is part of every stage's code (not what they import).
DRIVER = ("vinews.corpus.build", "vinews.corpus.stages")


def package_root() -> Path:
    return Path(__file__).resolve().parent.parent


def module_file(name: str) -> Path | None:
    """The source file of vinews module `name` (a package's __init__.py), None if none."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    p = package_root().joinpath(*parts[1:])
    if (p / "__init__.py").is_file():
        return p / "__init__.py"
    f = p.with_suffix(".py")
    return f if f.is_file() else None


def module_source(name: str) -> bytes:
    """The bytes hashed for module `name` (a seam the tests patch to simulate an edit)."""
    f = module_file(name)
    return f.read_bytes() if f is not None else b""


_NAMED = re.compile(r"""["'](vinews(?:\.\w+)+)["']""")


def _import_statements(tree: ast.AST):
    """The import statements of a module, also those inside functions, classes, if/try blocks
    (statements only: walking every expression node cost most of the time)."""
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
            continue
        for f in ("body", "orelse", "finalbody", "handlers", "cases"):
            sub = getattr(node, f, None)
            if isinstance(sub, list):
                todo.extend(x for x in sub if isinstance(x, ast.AST))


@lru_cache(maxsize=512)
def _imports(name: str, source: bytes) -> tuple[frozenset[str], frozenset[str]]:
    """(modules to follow, parent packages) that `name`'s source imports, vinews ones only.
    A package named only as the parent of an imported submodule (`from . import dedup`,
    `from ..readers.shards import x`) runs its __init__ but is not followed: vinews/__init__
    re-exports the whole API."""
    follow: set[str] = set()
    parents: set[str] = set()
    is_pkg = (module_file(name) or Path()).name == "__init__.py"
    package = name if is_pkg else name.rpartition(".")[0]
    for node in _import_statements(ast.parse(source)):
        if isinstance(node, ast.Import):
            follow.update(a.name for a in node.names)
            continue
        if node.level:
            base = package.split(".")
            base = base[: len(base) - (node.level - 1)]
            mod = ".".join(base + ([node.module] if node.module else []))
        else:
            mod = node.module or ""
        subs = [f"{mod}.{a.name}" for a in node.names if module_file(f"{mod}.{a.name}") is not None]
        if subs:
            follow.update(subs)
            parents.add(mod)
        if len(subs) < len(node.names):  # names defined in `mod` itself
            follow.add(mod)
    # a module named in a string: importlib.import_module("vinews.annotate")
    follow.update(_NAMED.findall(source.decode("utf-8", "replace")))
    keep = frozenset(m for m in follow if m.split(".")[0] == PACKAGE and module_file(m) is not None)
    return keep, frozenset(p for p in parents if p.split(".")[0] == PACKAGE)


def closure(roots: tuple[str, ...], memo: dict | None = None) -> list[str]:
    """Every vinews module the roots import, transitively, with their parent packages; sorted.
    `memo`: module -> its parsed imports, shared by the stages of one build (each file parsed once;
    and once per process for the same source: an update computes the fingerprints twice)."""
    memo = {} if memo is None else memo
    seen: set[str] = set()
    only_own: set[str] = set()
    todo = list(roots)
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        if m not in memo:
            memo[m] = _imports(m, module_source(m))
        follow, parents = memo[m]
        todo.extend(follow - seen)
        parts = m.split(".")
        only_own.update(".".join(parts[:i]) for i in range(1, len(parts)))
        only_own.update(parents)
    return sorted(seen | {p for p in only_own if module_file(p) is not None})


def code_digest(stage: type[Stage], memo: dict | None = None) -> str:
    h = hashlib.sha256()
    for m in sorted(set(closure(stage.code, memo)) | set(DRIVER)):
        src = module_source(m)
        h.update(f"{m}\0{len(src)}\0".encode())
        h.update(src)
    root = package_root()
    for d in stage.data:
        for f in sorted(p for p in (root / d).rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            b = f.read_bytes()
            h.update(f"{f.relative_to(root).as_posix()}\0{len(b)}\0".encode())
            h.update(b)
    return h.hexdigest()


@lru_cache(maxsize=1)
def environment() -> dict[str, Any]:
    """The package version and the installed versions of its declared dependencies (a newer
    parser or Arrow can change what a stage writes)."""
    from importlib import metadata

    try:
        version = metadata.version(PACKAGE)
        reqs = metadata.requires(PACKAGE) or []
    except metadata.PackageNotFoundError:
        from .. import __version__ as version
        reqs = []
    deps = {}
    for r in reqs:
        if "extra ==" in r:
            continue
        name = re.split(r"[\s<>=!~;\[(]", r, maxsplit=1)[0]
        try:
            deps[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            deps[name] = None
    return {"version": version, "dependencies": dict(sorted(deps.items()))}


def fingerprints(params: dict[str, dict], layout: int) -> dict[str, str]:
    """stage name -> fingerprint, from each stage's parameters (`params[name]`, JSON-able)."""
    env = environment()
    memo: dict = {}
    out: dict[str, str] = {}
    for st in STAGES:
        key = {"stage": st.name, "layout": layout, "env": env, "params": params.get(st.name, {}),
               "code": code_digest(st, memo), "inputs": {i: out[i] for i in st.inputs}}
        out[st.name] = hashlib.sha256(json.dumps(key, sort_keys=True, default=str).encode()).hexdigest()
    return out


def prepare_work(wd: WorkDir, fps: dict[str, str], params: dict[str, dict]) -> list[str]:
    """Make the work folder fit `fps`: the outputs of every stage whose recorded fingerprint
    differs are removed (its downstream stages' fingerprints differ too, as they hash it), then
    the new fingerprints are recorded. A folder without a readable record (another layout) is
    removed whole. Returns the names of the stages whose work was dropped."""
    work, record = wd.root, wd.stages_file
    old: dict = {}
    if work.exists():
        try:
            old = json.loads(record.read_text())["stages"]
        except (OSError, ValueError, KeyError, TypeError):
            shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    clean_temporaries(work)
    dropped = []
    for st in STAGES:
        if (old.get(st.name) or {}).get("fingerprint") != fps[st.name]:
            if st.name in old:
                dropped.append(st.name)
            for p in wd.outputs(st.name):
                shutil.rmtree(p) if p.is_dir() else p.unlink(missing_ok=True)
    stages = {st.name: {"fingerprint": fps[st.name], "params": params.get(st.name, {})} for st in STAGES}
    write_text(record, json.dumps({"stages": stages}, sort_keys=True, indent=1, default=str))
    return dropped
