#!/usr/bin/env python3
"""Output digests: show that a speed change leaves every extracted article byte-identical.

usage: python bench/output_digest.py --out FILE.tsv [--only SETS] [--blocks] [--bench DIR] [--corpora DIR]
                                     [--stream-pages 2000] [--seed 1]
       python bench/output_digest.py --compare A.tsv B.tsv

Extracts each page of the sets below through the public pipeline and writes one line per page,
`set/id<TAB>sha256`, the digest of
`json.dumps(article_record(article, audit=True), sort_keys=True, ensure_ascii=False)` (the whole
record with the per-line audit of roles, so a changed block or feature that moves any line's role
shows). --blocks digests, for HTML pages, the record together with the DOM renderer's blocks (text
and every DOM feature, in order) and the markup hints: stricter, for changes to src/vinews/html/
(a feature that moves no line's role still shows). Take a reference before a change and compare after it: --compare lists the pages whose
digests differ, and those present in one file only (a set missing from one file altogether, as
with --only, is named once); it exits 1 when any page differs or is missing.

Sets (--only takes a comma list of them, or the aliases `html` = bench-html,baomoi-html and
`text` = bench-text,magizbox,samples,stream):
  bench-text   every pages/ID.txt of ../shared/bench (all splits), as extract_quality.py reads them
  bench-html   every html/ID.html of ../shared/bench, read with vinews.readers.read_path (the real
               decoding), the HTML path
  baomoi-html  the ../shared/corpora/baomoi_2014_json records, wrapped in a minimal document as
               extract_robustness.py does, the HTML path
  synth-html   --synth-pages (default 600) small random documents (seed --seed) built from the
               tags, classes, styles, entities and whitespace the renderer treats specially
               (cues, inline and invisible elements, nesting, comments, stray tags): the corner
               cases of the DOM walk that real pages rarely reach
  magizbox     the first 150 articles of ../shared/corpora/magizbox_baomoi_txt (read_path)
  samples      samples/pages (read_path)
  stream       --stream-pages pages of bench/stream.py (seed --seed)
Sets whose material is absent are skipped with a message. Nothing is timed here.
"""
from __future__ import annotations

import argparse
import hashlib
import html as htmllib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from vinews.model import Page  # noqa: E402
from vinews.pipeline import extract_page  # noqa: E402
from vinews.readers import read_path  # noqa: E402
from vinews.writers import article_record  # noqa: E402

SETS = ("bench-text", "bench-html", "baomoi-html", "synth-html", "magizbox", "samples", "stream")
ALIASES = {"html": ("bench-html", "baomoi-html", "synth-html"), "text": ("bench-text", "magizbox", "samples", "stream")}
SHARED = HERE.parents[1] / "shared"


def digest(page: Page, blocks: bool = False) -> str:
    rec = article_record(extract_page(page), audit=True)
    if blocks and page.html is not None and not page.text:  # the HTML path's own blocks and hints too
        from vinews.html import html_blocks

        bl, hints = html_blocks(page.html, page.url)
        rec = {"record": rec, "hints": hints, "blocks": [[b.index, b.line, b.text, b.features] for b in bl]}
    return hashlib.sha256(json.dumps(rec, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


_TAGS = ("div", "p", "span", "a", "b", "strong", "i", "em", "h1", "h2", "h3", "article", "section", "aside", "nav",
         "header", "footer", "figure", "figcaption", "img", "br", "ul", "ol", "li", "table", "tr", "td", "time",
         "svg", "select", "option", "button", "noscript", "template", "iframe", "script", "style", "font",
         "center", "blockquote", "menu", "main", "dl", "dd", "hr", "label", "small", "u")
_ATTRS = ("class", "id", "style", "itemprop", "align")
_VALUES = ("sidebar", "date", "author", "caption", "sapo", "title", "photo", "content", "menu", "related",
           "text-align:right", "text-align: center", "font-style:italic", "articleBody", "detail-content",
           "box-tin-lien-quan", "fck_detail", "right", "center", "post-title", "img-box", "MsoNormal",
           "breadcrumb", "time-post", "article-body", "header-top", "tags")
_BITS = ("&amp;", "&nbsp;", " ", "\n  ", "\u00a0", "<!-- c -->", "</div>", "</p>", "</a>", "Hà Nội",
         "ngày 1/2/2024 08:30", "Theo TTXVN", "Ảnh: Minh Anh", "Bình luận (3)", "Xem thêm", "tin",
         "Người dân cho biết con đường mới giúp việc đi lại thuận tiện hơn.", "e\u0301", "\t")


def _synth(rng, depth: int = 0) -> str:
    out = []
    for _ in range(rng.randint(0, 5 if depth < 3 else 3)):
        k = rng.random()
        if k < 0.35 or depth > 10:
            out.append(rng.choice(_BITS))
        else:
            tag = rng.choice(_TAGS)
            attrs = "".join(f' {rng.choice(_ATTRS)}="{rng.choice(_VALUES)}"' for _ in range(rng.choice((0, 0, 1, 1, 2))))
            close = f"</{tag}>" if rng.random() < 0.9 else ""
            out.append(f"<{tag}{attrs}>{_synth(rng, depth + 1)}{close}")
    return "".join(out)


def synth_pages(n: int, seed: int) -> list[tuple[str, Page]]:
    from random import Random

    rng = Random(f"vinews-digest-{seed}")
    out = []
    for i in range(n):
        body = "".join(_synth(rng) for _ in range(rng.randint(1, 6)))
        doc = (f"<!DOCTYPE html><html><head><title>Tin {i}</title></head><body>{body}</body></html>"
               if rng.random() < 0.9 else body)
        out.append((f"s{i:04d}", Page(id=f"s{i:04d}", html=doc)))
    return out


def _read(path: Path, pid: str) -> Page | None:
    for page in read_path(path):
        page.id = pid
        return page
    return None


def pages_of(name: str, args) -> list[tuple[str, Page | None]]:
    bench, corpora = args.bench, args.corpora
    if name == "bench-text":
        return [(p.stem, Page(id=p.stem, text=p.read_text(encoding="utf-8")))
                for p in sorted((bench / "pages").glob("*.txt"))]
    if name == "bench-html":
        return [(p.stem, _read(p, p.stem)) for p in sorted((bench / "html").glob("*.html"))]
    if name == "baomoi-html":
        out = []
        for f in sorted((corpora / "baomoi_2014_json").glob("*.json")):
            try:
                rec = {k.lower(): v for k, v in json.loads(f.read_text(encoding="utf-8")).items()}
            except ValueError:
                continue
            title, frag = rec.get("title") or "", rec.get("content") or ""
            doc = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{htmllib.escape(title)}</title>'
                   f"</head><body>{frag}</body></html>")
            out.append((f.stem, Page(id=f.stem, html=doc, url=rec.get("url"))))
        return out
    if name == "synth-html":
        return synth_pages(args.synth_pages, args.seed)
    if name == "magizbox":
        return [(p.stem, _read(p, p.stem)) for p in sorted((corpora / "magizbox_baomoi_txt").glob("*.txt"))[:150]]
    if name == "samples":
        return [(p.stem, _read(p, p.stem)) for p in sorted((HERE.parent / "samples" / "pages").glob("*.txt"))]
    if name == "stream":
        import stream

        return [(pg.id, pg) for pg in stream.Stream(seed=args.seed, corpora=corpora, quiet=True).pages(args.stream_pages)]
    raise ValueError(name)


def selected(only: str | None) -> list[str]:
    if not only:
        return list(SETS)
    out: list[str] = []
    for part in only.split(","):
        part = part.strip()
        for name in ALIASES.get(part, (part,)):
            if name not in SETS:
                raise SystemExit(f"unknown set {name!r}; sets: {', '.join(SETS)}; aliases: {', '.join(ALIASES)}")
            if name not in out:
                out.append(name)
    return out


def load(path: Path) -> dict[str, str]:
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, h = line.partition("\t")
            rows[key] = h
    return rows


def compare(a: Path, b: Path) -> int:
    da, db = load(a), load(b)
    sets_a, sets_b = ({k.split("/", 1)[0] for k in d} for d in (da, db))
    common = sets_a & sets_b  # a set taken in one file only (--only) is named once, not page by page
    for name in sorted(sets_a - sets_b):
        print(f"set {name} only in {a}", file=sys.stderr)
    for name in sorted(sets_b - sets_a):
        print(f"set {name} only in {b}", file=sys.stderr)
    differ = [k for k in da if k in db and da[k] != db[k]]
    only_a = [k for k in da if k not in db and k.split("/", 1)[0] in common]
    only_b = [k for k in db if k not in da and k.split("/", 1)[0] in common]
    for k in differ:
        print(f"DIFFERS\t{k}")
    for k in only_a:
        print(f"ONLY-A\t{k}")
    for k in only_b:
        print(f"ONLY-B\t{k}")
    same = sum(1 for k in da if k in db and da[k] == db[k])
    print(f"{same} identical, {len(differ)} differ, {len(only_a)} only in {a}, {len(only_b)} only in {b}",
          file=sys.stderr)
    return 1 if differ or only_a or only_b else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    ap.add_argument("--only", help=f"comma list of sets ({', '.join(SETS)}) or aliases ({', '.join(ALIASES)})")
    ap.add_argument("--bench", type=Path, default=SHARED / "bench")
    ap.add_argument("--corpora", type=Path, default=SHARED / "corpora")
    ap.add_argument("--stream-pages", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--synth-pages", type=int, default=600)
    ap.add_argument("--blocks", action="store_true", help="HTML pages: digest the blocks, features and hints too")
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if not args.out:
        ap.error("give --out FILE or --compare A B")
    names = selected(args.only)
    n = 0
    with open(args.out, "w", encoding="utf-8") as fh:
        for name in names:
            needs = {"bench-text": args.bench / "pages", "bench-html": args.bench / "html",
                     "baomoi-html": args.corpora / "baomoi_2014_json",
                     "magizbox": args.corpora / "magizbox_baomoi_txt"}.get(name)
            if needs is not None and not needs.is_dir():
                print(f"{name}: {needs} absent; skipped", file=sys.stderr)
                continue
            k = 0
            for pid, page in pages_of(name, args):
                h = "no-page" if page is None else digest(page, args.blocks)
                fh.write(f"{name}/{pid}\t{h}\n")
                k += 1
            print(f"{name}: {k} pages", file=sys.stderr)
            n += k
    print(f"{n} digests -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
