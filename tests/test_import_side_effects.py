"""Importing vinews, and every module of it, changes nothing in the process: not Arrow's
memory pool (a build sets it when it starts: corpus.store.prepare_build_process), not the
environment, not the logging configuration. Run in a fresh interpreter: this one has imported
half the package already."""
import json
import subprocess
import sys

PROBE = r"""
import gc, json, logging, os, pkgutil, importlib
import pyarrow as pa

def state():
    root = logging.getLogger()
    return {"pool": pa.default_memory_pool().backend_name, "environ": dict(os.environ), "gc": gc.get_threshold(),
            "root_level": root.level, "root_handlers": [repr(h) for h in root.handlers],
            "disabled": logging.root.manager.disable,
            "vinews_loggers": sorted(n for n in logging.root.manager.loggerDict if n.startswith("vinews"))}

before = state()
import vinews
names = ["vinews"]
for m in pkgutil.walk_packages(vinews.__path__, "vinews."):
    importlib.import_module(m.name)
    names.append(m.name)
print(json.dumps({"before": before, "after": state(), "modules": names}))
"""


def _probe(env=None):
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_importing_every_module_changes_nothing():
    r = _probe()
    assert "vinews.corpus.store" in r["modules"] and "vinews.cli" in r["modules"] and len(r["modules"]) > 60
    assert r["after"] == r["before"]


def test_a_build_sets_the_pool_and_the_collector_when_it_starts():
    # the same probe, then the function a build starts with: the pool does change there (where
    # pyarrow has jemalloc), so the first test can see a module that calls it on import
    import os

    import pyarrow as pa
    import pytest

    from vinews.corpus import store

    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        pytest.skip("ARROW_DEFAULT_MEMORY_POOL decides the pool")
    import gc

    from vinews.process import GC_THRESHOLDS

    before, thresholds = pa.default_memory_pool().backend_name, gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # Python's defaults (a build in this process may have run)
    try:
        store.prepare_build_process()
        assert gc.get_threshold() == GC_THRESHOLDS
        try:
            pa.jemalloc_memory_pool()
        except (NotImplementedError, AttributeError):
            return  # a pyarrow without jemalloc: nothing to see
        assert pa.default_memory_pool().backend_name == "jemalloc"
    finally:
        gc.set_threshold(*thresholds)
        pa.set_memory_pool({"mimalloc": getattr(pa, "mimalloc_memory_pool", None),
                            "jemalloc": getattr(pa, "jemalloc_memory_pool", None),
                            "system": pa.system_memory_pool}[before]())
