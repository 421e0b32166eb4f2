"""WorkDir owns every path of the work folder: a build writes nothing else there."""
import pickle

from typer.testing import CliRunner

from vinews.cli import app
from vinews.corpus.fingerprint import STAGES
from vinews.corpus.workdir import WorkDir

from .fixtures import small_corpus, write_jsonl


def test_a_build_writes_only_what_workdir_names(tmp_path):
    src = write_jsonl(small_corpus(n=8, seed=2), tmp_path / "in.jsonl")
    out = tmp_path / "c"
    res = CliRunner().invoke(app, ["build", str(src), "--out", str(out), "--shard-size", "3", "--keep-work"])
    assert res.exit_code == 0, res.output
    wd = WorkDir(out / "_work")
    named = {p for st in STAGES for p in wd.outputs(st.name)} | {wd.stages_file}
    assert set((out / "_work").iterdir()) == named  # every stage wrote, and nothing unnamed
    for s in range(3):  # 12 pages in shards of 3: 0..3
        assert (wd.extract(s) / WorkDir.PAGES).exists() and (wd.sign(s) / WorkDir.KEYS).exists()
        assert wd.members(s).exists() and (wd.annotate(s) / WorkDir.KEYWORDS).exists()
    assert wd.pairs(0).exists() and (wd.decide(0) / WorkDir.DECISIONS).exists() and wd.learn(0).exists()


def test_workdir_travels_to_workers_as_a_path():
    wd = WorkDir("/x/_work")
    assert pickle.loads(pickle.dumps(wd)) == wd == WorkDir(wd)
    assert wd.extract(3).as_posix() == "/x/_work/extract/s000003"
    assert wd.decide(1).as_posix() == "/x/_work/decide/q01" and wd.ids(2).name == "p02.parquet"
