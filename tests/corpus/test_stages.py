"""The stage contract: every stage declares its unit of work, inputs, outputs and frozen
params, and the build is the list of them run in order."""
import dataclasses

import pytest

from vinews.corpus import stages as S
from vinews.corpus.build import stage_params, stages_for
from vinews.corpus.fingerprint import STAGES
from vinews.corpus.params import BoilerplateParams, DedupParams
from vinews.corpus.workdir import WorkDir
from vinews.params import DEFAULT

UNITS = {"shard", "partition", "cluster partition", "driver"}


def _pipeline(annotate=True, **dedup):
    return stages_for({"files": 1}, 100, 8, annotate, DEFAULT, None, BoilerplateParams(), DedupParams(**dedup))


def test_every_stage_declares_its_contract():
    seen: set[str] = set()
    for st in _pipeline():
        assert st.unit in UNITS, st
        assert set(st.inputs) <= seen, f"{st.name} reads a stage that runs after it"
        assert dataclasses.is_dataclass(st.params) and type(st.params).__dataclass_params__.frozen, st
        for f in dataclasses.fields(st.params)[:1]:
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(st.params, f.name, None)
        if st.work:
            assert st.code and all(m.startswith("vinews.") for m in st.code)
        seen.add(st.name)
    assert [st.name for st in _pipeline()][-1] == "write"


def test_the_work_stages_are_the_fingerprinted_ones_and_own_distinct_outputs(tmp_path):
    pipe = _pipeline()
    assert tuple(type(st) for st in pipe if st.work) == STAGES
    wd = WorkDir(tmp_path)
    outs = [p for st in pipe for p in st.outputs(wd)]
    assert len(outs) == len(set(outs)) and all(p.is_relative_to(tmp_path) for p in outs)
    assert next(st for st in pipe if st.name == "write").outputs(wd) == []


def test_stage_keys_hold_only_what_shapes_each_stage():
    keys = stage_params({"files": 1}, 100, 8, True, DEFAULT, None, BoilerplateParams(), DedupParams())
    assert set(keys) == {st.name for st in STAGES}
    assert "ngram" in keys["sign"] and "ngram" not in keys["pairs"]
    assert "jaccard_min" in keys["pairs"] and "jaccard_min" not in keys["sign"]
    assert "sample_chars" in keys["extract"] and "sample_chars" not in keys["learn"]
    assert keys["extract"]["extract"] == DEFAULT.to_dict() and keys["annotate"] == {"annotate": True}
    # a pairs threshold changes the pairs key, not the sign key (sign's work is kept)
    other = stage_params({"files": 1}, 100, 8, True, DEFAULT, None, BoilerplateParams(),
                         DedupParams(jaccard_min=0.9))
    assert other["sign"] == keys["sign"] and other["pairs"] != keys["pairs"]


class _Recorder:
    """An executor that records the stage labels it is asked to run, and runs nothing."""

    def __init__(self):
        self.labels: list[str] = []

    def run(self, fn, calls, total, label, progress=None):
        self.labels.append(label)
        list(calls)
        return []

    def close(self):
        self.labels.append("close")


class _Fake(S.Stage):
    def __init__(self, name, phase, on=True):
        super().__init__()
        self.name, self.phase, self._on = name, phase, on

    def enabled(self):
        return self._on

    def run(self, st):
        st.executor.run(None, [], 0, self.name)


def test_run_pipeline_runs_in_order_skips_disabled_and_times_by_phase(tmp_path):
    ex = _Recorder()
    st = S.State(ex, WorkDir(tmp_path), 8)
    timings, started = S.run_pipeline((_Fake("ids", "boilerplate"), _Fake("learn", "boilerplate"),
                                       _Fake("annotate", "annotate", on=False), _Fake("write", "write")), st)
    assert ex.labels == ["ids", "learn", "write"]
    assert set(timings) == set(started) == {"boilerplate", "write"}


def test_no_annotate_disables_only_the_annotate_stage():
    off = {st.name for st in _pipeline(annotate=False) if not st.enabled()}
    assert off == {"annotate"}
    assert all(st.enabled() for st in _pipeline(annotate=True))
