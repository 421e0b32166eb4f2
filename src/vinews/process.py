"""Settings of a process that runs a long job (a build's driver and its workers, `vinews
extract`), made when the job starts, never on import (tests/test_import_side_effects.py).

The garbage collector. Extraction allocates many short-lived containers (blocks, feature
dicts, lists of lines) that form no cycles; at Python's default thresholds (700, 10, 10) the
collector ran every 700 allocations and traversed the young objects each time: 9% of the CPU of
extracting the realistic stream (bench/stream.py; perf: gc_collect_main, visit_decref,
visit_reachable), and as much of the build's extract stage. Calibration, 3,000 pages of the
stream, best of 3, one process: defaults 2.39 s, collector off 2.17 s, (100000, 50, 100)
2.23 s, (10000, 10, 10) 2.31 s; extract_shard of 4 shards of 2,000 pages: 11.5 -> 10.7 s CPU.
The collector stays on (cycles are still collected, a young generation of at most 100,000
container objects: a few MB), only less often.
"""
from __future__ import annotations

import gc

GC_THRESHOLDS = (100_000, 50, 100)  # gen0 allocations, gen0 runs per gen1 run, gen1 runs per gen2 run


def tune_gc() -> None:
    """The collector's thresholds for a long job (GC_THRESHOLDS)."""
    gc.set_threshold(*GC_THRESHOLDS)
