"""The compiled core (setup.py NATIVE, vinews.native): each compiled module gives the output of
its .py source, and none is stale."""
import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vinews import native

ROOT = Path(__file__).resolve().parent.parent

# Extract every bundled sample page (text and, where there is one, HTML) and print one digest
# line per page: run once as installed (compiled where built) and once with the import system
# told to load only .py sources for vinews.
RUN = r"""
import hashlib, importlib.machinery, importlib.util, json, sys
if sys.argv[1] == "pure":  # inside vinews' own folders, a finder that sees .py files only
    package = importlib.util.find_spec("vinews").submodule_search_locations[0]
    sources = importlib.machinery.FileFinder.path_hook((importlib.machinery.SourceFileLoader, [".py"]))
    def hook(path):
        if not path.startswith(package):
            raise ImportError(path)
        return sources(path)
    sys.path_hooks.insert(0, hook)
    sys.path_importer_cache.clear()
from pathlib import Path
from vinews import native
from vinews.readers import read_path
from vinews.pipeline import extract_page
from vinews.writers import article_record
print(json.dumps(sorted(native.compiled())))
for f in sorted(Path(sys.argv[2]).iterdir()):
    for page in read_path(f):
        rec = article_record(extract_page(page), audit=True)
        print(f.name, hashlib.sha256(json.dumps(rec, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest())
"""


def run(mode: str, pages: Path) -> list[str]:
    out = subprocess.run([sys.executable, "-c", RUN, mode, str(pages)], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONHASHSEED="0"))
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout.splitlines()


def test_no_compiled_module_is_stale():
    assert native.stale() == []


def test_stale_sees_a_source_edited_after_its_build(tmp_path, monkeypatch):
    pkg = tmp_path / "vinews"
    pkg.mkdir()
    so = pkg / ("features" + importlib.machinery.EXTENSION_SUFFIXES[0])
    src = pkg / "features.py"
    so.write_bytes(b"")
    src.write_text("x = 1\n")
    os.utime(so, ns=(1_000_000_000, 1_000_000_000))
    os.utime(src, ns=(2_000_000_000, 2_000_000_000))
    monkeypatch.setattr(native, "_PACKAGE", pkg)
    assert native.stale() == ["vinews.features"]
    os.utime(so, ns=(3_000_000_000, 3_000_000_000))
    assert native.stale() == []


# Two pages of our own writing for the HTML path (markup cues, a figure caption, JSON-LD, a byline).
HTML = """<!doctype html><html><head><title>Mưa lớn kéo dài ở miền Trung - Báo Thử</title>
<meta property="og:title" content="Mưa lớn kéo dài ở miền Trung">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Mưa lớn kéo dài ở miền Trung",
"datePublished": "2026-11-20T08:15:00+07:00", "author": {"name": "Lê Văn Thử"}}</script></head>
<body><nav><a href="/">Trang chủ</a> <a href="/xa-hoi">Xã hội</a></nav>
<article><h1>Mưa lớn kéo dài ở miền Trung</h1><p class="date">20/11/2026 08:15</p>
<p class="sapo">Mưa lớn {n} ngày liền khiến nhiều tuyến đường ở các tỉnh miền Trung bị ngập sâu.</p>
<figure><img src="a.jpg"><figcaption>Nước ngập tuyến đường ven sông chiều qua.</figcaption></figure>
<p>Theo đài khí tượng, lượng mưa đo được tại nhiều trạm vượt 300 mm, mực nước các sông đang lên nhanh.</p>
<p>Chính quyền địa phương đã sơ tán hàng trăm hộ dân ở vùng trũng đến nơi an toàn trong đêm.</p>
<p class="author">Lê Văn Thử</p></article>
<aside><h3>Tin liên quan</h3><ul><li><a href="/1">Bão số {n} gần bờ</a></li></ul></aside>
<footer>Bản quyền thuộc về Báo Thử</footer></body></html>"""


@pytest.mark.skipif(not native.compiled(), reason="vinews is installed without its compiled core")
def test_compiled_modules_give_the_pure_python_output(tmp_path):
    for f in (ROOT / "samples" / "pages").iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    for n in (3, 12):
        (tmp_path / f"trang-{n}.html").write_text(HTML.replace("{n}", str(n)), encoding="utf-8")
    built, pure = run("built", tmp_path), run("pure", tmp_path)
    assert json.loads(built[0]) and json.loads(pure[0]) == []  # the two runs differ in what they load
    assert len(built) > 5 and built[1:] == pure[1:]


def test_stale_sees_an_edited_pxd(tmp_path, monkeypatch):
    pkg = tmp_path / "vinews"
    pkg.mkdir()
    so = pkg / ("cues" + importlib.machinery.EXTENSION_SUFFIXES[0])
    for f, t in ((pkg / "cues.py", 1), (so, 2), (pkg / "cues.pxd", 3)):
        f.write_text("")
        os.utime(f, ns=(t * 10**9, t * 10**9))
    monkeypatch.setattr(native, "_PACKAGE", pkg)
    assert native.stale() == ["vinews.cues"]
