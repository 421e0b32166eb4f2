"""atheris target: the HTML path (`vinews.pipeline.extract_page`) on any markup never raises and
is deterministic. Half the inputs are raw strings, half are assembled from tags, attributes,
entities, scripts and JSON-LD picked by the fuzzer, so it reaches deep into the renderer.

    .venv/bin/pip install atheris
    .venv/bin/python bench/fuzz_html.py -max_total_time=60 [corpus_dir]
"""
import dataclasses
import sys

import atheris

with atheris.instrument_imports():
    from vinews.model import Page
    from vinews.pipeline import extract_page

TAGS = ["div", "p", "span", "a", "b", "i", "h1", "h2", "article", "section", "aside", "nav", "header", "footer",
        "figure", "figcaption", "img", "br", "ul", "li", "table", "tr", "td", "time", "svg", "select", "option",
        "button", "noscript", "template", "iframe", "textarea", "title", "xmp", "plaintext", "font", "center"]
ATTRS = ["class", "id", "style", "itemprop", "align", "href", "charset", "content", "property", "type"]
VALUES = ["sidebar", "date", "author", "caption", "sapo", "title", "photo", "content", "menu", "related",
          "text-align:right", "font-style:italic", "datePublished", "application/ld+json", "og:title", "utf-8"]
BITS = ["&amp;", "&#x1F600;", "&#99999999;", "&nbsp;", "<!--", "-->", "<!doctype html>", "</", "<", ">", "\"", "'",
        "Hà Nội, ngày 1/2/2024 08:30", "Theo Nguyễn Văn A", "Ảnh: TTXVN", "Bình luận", "\n", " ", "\u00a0"]


def _markup(fdp: "atheris.FuzzedDataProvider", depth: int = 0) -> str:
    out = []
    for _ in range(fdp.ConsumeIntInRange(0, 4)):
        if fdp.remaining_bytes() == 0:
            break
        k = fdp.ConsumeIntInRange(0, 6)
        if k == 0 or depth > 8:
            out.append(fdp.PickValueInList(BITS))
        elif k == 1:
            out.append(fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 16)))
        elif k == 2:
            out.append("<script type='application/ld+json'>" + fdp.ConsumeUnicodeNoSurrogates(
                fdp.ConsumeIntInRange(0, 64)) + "</script>")
        else:
            tag = fdp.PickValueInList(TAGS)
            attrs = "".join(f' {fdp.PickValueInList(ATTRS)}="{fdp.PickValueInList(VALUES)}"'
                            for _ in range(fdp.ConsumeIntInRange(0, 2)))
            close = f"</{tag}>" if fdp.ConsumeBool() else ""
            out.append(f"<{tag}{attrs}>{_markup(fdp, depth + 1)}{close}")
    return "".join(out)


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    if fdp.ConsumeBool():
        html = fdp.ConsumeUnicodeNoSurrogates(len(data))
    else:
        html = "<html><head><meta property='og:title' content='Tin'></head><body>" + _markup(fdp) + "</body></html>"
    a = extract_page(Page(id="f", html=html))
    assert a.kind in ("article", "nonarticle", "rejected"), a.kind
    assert dataclasses.asdict(a) == dataclasses.asdict(extract_page(Page(id="f", html=html))), "not deterministic"


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
