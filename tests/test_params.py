"""ExtractParams: TOML round trip, errors, the CLI's `params` / `--params`, workers, the memo."""
import json
import pickle
import tomllib
from dataclasses import fields

import pytest
from typer.testing import CliRunner

from vinews import Page, memo
from vinews.cli import app
from vinews.params import DEFAULT, ExtractParams, ParamsError
from vinews.pipeline import extract_page

runner = CliRunner()

# Our own writing, shaped like a news page: menu, headline, dateline, lead, body, byline, footer.
PAGE = "\n\n".join([
    "Trang chủ | Thời sự | Kinh tế | Văn hóa",
    "Người dân ven sông chủ động gia cố nhà cửa trước mùa mưa lũ",
    "Thứ hai, 14/10/2024 08:30",
    "Trước dự báo mưa lớn kéo dài trong tuần tới, nhiều hộ dân ở các xã ven sông đã chủ động gia cố "
    "nhà cửa, kê cao đồ đạc và chuẩn bị lương thực dự trữ cho cả gia đình.",
    "Theo ghi nhận của phóng viên, từ sáng sớm nhiều người đã ra bờ sông chặt tre, đóng cọc và chất bao "
    "cát quanh chân tường. Ông Hòa, một người dân sống ở đây hơn ba mươi năm, cho biết năm nào gia đình "
    "ông cũng làm như vậy để tránh thiệt hại khi nước lên nhanh vào ban đêm.",
    "Chính quyền địa phương đã lập danh sách các hộ có nhà yếu, người già và trẻ nhỏ để sẵn sàng sơ tán "
    "khi cần. Các tổ xung kích được giao trực cả ngày lẫn đêm, kiểm tra đê bao và hướng dẫn người dân "
    "cách giữ an toàn trong những ngày mưa bão sắp tới.",
    "Ngành nông nghiệp cũng khuyến cáo bà con thu hoạch sớm lúa và hoa màu đã chín, di chuyển gia súc "
    "lên vùng đất cao và theo dõi thường xuyên bản tin thời tiết trên đài phát thanh của xã.",
    "Minh An",
    "Bình luận",
    "Bản quyền thuộc về Báo Ven Sông",
]) + "\n"


@pytest.fixture
def page_file(tmp_path):
    d = tmp_path / "pages"
    d.mkdir()
    for i in range(3):
        (d / f"p{i}.txt").write_text(PAGE, encoding="utf-8")
    return d


def write_toml(tmp_path, text, name="p.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def flat(output: str) -> str:
    """The CLI's message with rich's box and line wrapping taken out."""
    return " ".join(output.replace("│", " ").split())


def kinds(out):
    return [json.loads(line)["kind"] for line in out.read_text(encoding="utf-8").splitlines()]


def test_toml_round_trip_of_defaults(tmp_path):
    text = DEFAULT.to_toml()
    assert ExtractParams.from_toml(write_toml(tmp_path, text)) == DEFAULT
    table = tomllib.loads(text)["extract"]
    assert set(table) == {f.name for f in fields(ExtractParams)}
    assert all(f.metadata.get("why") for f in fields(ExtractParams))
    assert all(f"# {f.metadata['why']}\n{f.name} = " in text for f in fields(ExtractParams))


def test_overrides_by_name_top_level_or_table(tmp_path):
    a = ExtractParams.from_toml(write_toml(tmp_path, "min_article_words = 7\nmin_run_score = 3\n"))
    b = ExtractParams.from_toml(write_toml(tmp_path, "[extract]\nmin_article_words = 7\nmin_run_score = 3.0\n"))
    assert a == b and a.min_article_words == 7 and a.min_run_score == 3.0 and isinstance(a.min_run_score, float)
    assert a.title_lookback == DEFAULT.title_lookback
    assert ExtractParams.from_dict({}) is DEFAULT
    assert ExtractParams.from_dict({"min_article_words": DEFAULT.min_article_words}) is DEFAULT


def test_unknown_name_is_named_with_close_names():
    with pytest.raises(ParamsError) as e:
        ExtractParams.from_dict({"min_artcle_words": 3})
    assert "min_artcle_words" in str(e.value) and "min_article_words" in str(e.value)


@pytest.mark.parametrize("value", [1.5, "40", True, [40]])
def test_wrong_type_is_an_error(value):
    with pytest.raises(ParamsError, match="min_article_words"):
        ExtractParams.from_dict({"min_article_words": value})


def test_frozen_hashable_picklable():
    p = ExtractParams.from_dict({"min_article_words": 99})
    with pytest.raises(AttributeError):
        p.min_article_words = 1  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(p)) == p and hash(pickle.loads(pickle.dumps(p))) == hash(p)
    assert pickle.loads(pickle.dumps(DEFAULT)) is DEFAULT  # workers keep the defaults' fast path


def test_params_command_prints_loadable_toml(tmp_path):
    res = runner.invoke(app, ["params"])
    assert res.exit_code == 0, res.output
    assert ExtractParams.from_toml(write_toml(tmp_path, res.stdout)) == DEFAULT


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_with_params_file(tmp_path, page_file, jobs):
    out = tmp_path / "default.jsonl"
    res = runner.invoke(app, ["extract", str(page_file), "-o", str(out), "--jobs", jobs])
    assert res.exit_code == 0, res.output
    assert kinds(out) == ["article"] * 3
    strict = write_toml(tmp_path, "[extract]\nmin_article_words = 100000\n")
    out2 = tmp_path / "strict.jsonl"
    res = runner.invoke(app, ["extract", str(page_file), "-o", str(out2), "--jobs", jobs, "--params", str(strict)])
    assert res.exit_code == 0, res.output
    assert kinds(out2) == ["nonarticle"] * 3


@pytest.mark.parametrize("text,needle", [("min_artcle_words = 1\n", "min_article_words"),
                                         ("min_article_words = 'x'\n", "must be an integer"),
                                         ("min_article_words = \n", "not valid TOML")])
def test_bad_params_file_is_a_usage_error(tmp_path, page_file, text, needle):
    res = runner.invoke(app, ["extract", str(page_file), "--params", str(write_toml(tmp_path, text))])
    assert res.exit_code == 2 and needle in flat(res.output), res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)


def test_missing_params_file_is_a_usage_error(tmp_path, page_file):
    res = runner.invoke(app, ["extract", str(page_file), "--params", str(tmp_path / "nope.toml")])
    assert res.exit_code == 2 and "no such file" in flat(res.output), res.output


def test_memo_does_not_leak_across_params():
    assert memo.enabled
    memo.clear_all()
    strict = ExtractParams.from_dict({"min_article_words": 100000})
    # Line features depend on params too: a page whose lines are all paragraphs under one
    # setting and none under another.
    no_paras = ExtractParams.from_dict({"paragraph_min_words": 10_000, "sentence_paragraph_min_words": 10_000})
    for _ in range(2):  # the second round reads every line from the memos
        assert extract_page(Page(id="a", text=PAGE)).kind == "article"
        s = extract_page(Page(id="a", text=PAGE), strict)
        assert s.kind == "nonarticle" and s.reason.startswith("too little article text")
        n = extract_page(Page(id="a", text=PAGE), no_paras)  # no line is a paragraph: no lead
        assert n.lead is None, "the default params' line features leaked into no_paras"
        d = extract_page(Page(id="a", text=PAGE), DEFAULT)
        assert d.kind == "article" and d.lead, "no_paras' line features leaked into the default"
        assert extract_page(Page(id="a", text=PAGE), ExtractParams()).kind == "article"  # equal, not identical


def test_memo_for_other_params_stays_bounded():
    from vinews import features

    for n in range(features.MAX_OTHER + 3):
        extract_page(Page(id="a", text=PAGE), ExtractParams.from_dict({"min_article_words": 1000 + n}))
    assert len(features._OTHER) <= features.MAX_OTHER
    assert sum(m.name.startswith("features") for m in memo._ALL) <= features.MAX_OTHER + 1


def test_build_with_params(tmp_path):
    from corpus.fixtures import small_corpus, write_jsonl
    import pyarrow.parquet as pq

    src = tmp_path / "in" / "pages.jsonl"
    write_jsonl(small_corpus(6), src)
    strict = write_toml(tmp_path, "min_article_words = 100000\n")

    def build(name, *extra):
        out = tmp_path / name
        res = runner.invoke(app, ["build", str(src), "--out", str(out), "--no-annotate", "--shard-size", "4",
                                  "--keep-work", *extra])
        assert res.exit_code == 0, res.output
        return {r["status"] for r in pq.read_table(out / "pages.parquet").to_pylist()}, out

    default, out = build("a")
    assert "kept" in default
    # the same folder again with other params: the work folder (extract shards) is not reused
    strict_status, _ = build("a", "--params", str(strict))
    assert strict_status == {"nonarticle"}
    stages = json.loads((out / "_work" / "stages.json").read_text())["stages"]
    assert stages["extract"]["params"]["extract"]["min_article_words"] == 100000
    res = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "b"), "--params", str(tmp_path / "x.toml")])
    assert res.exit_code == 2 and "no such file" in flat(res.output), res.output


def test_toml_leaves_the_build_tables_to_the_build(tmp_path):
    path = write_toml(tmp_path, "min_article_words = 7\n[dedup]\njaccard_min = 0.5\n[boilerplate]\nmin_pages = 4\n")
    assert ExtractParams.from_toml(path).min_article_words == 7
    from vinews.corpus import params as cp

    b, d = cp.from_toml(path)
    assert (b.min_pages, d.jaccard_min) == (4, 0.5) and d.num_perm == cp.DEFAULT_DEDUP.num_perm
    with pytest.raises(ParamsError, match="dedup"):  # a name, not a table: still unknown to the extractor
        ExtractParams.from_toml(write_toml(tmp_path, "dedup = 1\n", "q.toml"))
