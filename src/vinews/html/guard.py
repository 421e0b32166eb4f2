"""Cap how deep and how big a page's DOM may get, before the HTML parser sees it.

    cap_dom(html, max_depth, max_elements) -> html   (the same string object when nothing is capped)

Why before parsing: lexbor, like every HTML5 parser, checks "is a <p> open in button scope" on
each block start tag by walking its stack of open elements, so 100k nested <div> take minutes
inside C code that no Python signal (and so no page deadline) can interrupt. A linear scan of
the tags here estimates the nesting the parser will build (the stack of open elements, with the
common implied end tags: <p>, <li>, <dd>/<dt>, <option>, table cells and rows, headings)
and rewrites only what lies past the caps:

  deeper than max_depth   the start and end tags are dropped, block tags becoming <br>, so that
                          text is kept as lines of the element at the cap (flat text)
  past max_elements       every further tag is dropped (a space in its place) and the rest of
                          the page is read as flat text of where it stands; scripts and styles
                          there are dropped, JSON-LD kept

An invisible element (script, svg, select, ...) that falls past a cap is dropped with all it
holds, as the renderer would drop it. A page within the caps is returned untouched, so the
caps never change the output on ordinary pages. The estimate follows the parser closely enough
for real pages and for the shapes in bench/worst_case.py; markup built to make the parser nest
deeper than the estimate says could still parse slowly, and no page deadline can cut that.
"""
from __future__ import annotations

import re
from collections import defaultdict

__all__ = ["cap_dom"]

# one token: a comment's start, <!doctype>/<?xml?>, or a tag up to its '>' ('>' inside a quoted
# value does not close it; atomic groups, so a tag without its '>' costs one scan, no backtracking)
_TOKEN = re.compile(r"""<(?:(!--)|[!?][^>]*>|(/?)([A-Za-z][^\t\n\f\r />]*)"""
                    r"""(?>[^>"'=]++|=[\t\n\f\r ]*+"[^"]*+"|=[\t\n\f\r ]*+'[^']*+'|=|["'])*+>)""")
_COMMENT_END = re.compile(r"--!?>")
_FIND_TRIES = 16  # candidates tried one by one before the regex scans the rest (see _search_from)
_RAW = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"}
_RAW_END = {name: re.compile(r"</" + name + r"[\t\n\f\r />]", re.I) for name in _RAW}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr", "keygen", "frame", "basefont", "bgsound", "image", "menuitem"}
_SKIP = {"html", "head", "body"}  # one of each, never nested: not counted
# start tags that close an open <p> in button scope
_CLOSES_P = {"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
             "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
             "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "search", "section", "summary", "table",
             "ul", "li", "dd", "dt", "listing", "xmp", "plaintext"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_IMPLIED = {"li": "li", "dd": "dd", "dt": "dd", "option": "option", "optgroup": "option", "td": "td", "th": "td",
            "tr": "tr", "tbody": "tbody", "thead": "tbody", "tfoot": "tbody", "button": "button",
            **{h: "h" for h in ("h1", "h2", "h3", "h4", "h5", "h6")}}
_SCOPE = {"applet", "caption", "table", "td", "th", "marquee", "object", "template", "svg", "math"}
# the renderer's block elements (a dropped one becomes <br>, so its text stays its own line)
_BLOCKISH = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th", "table",
             "section", "article", "header", "footer", "nav", "aside", "main", "figure", "figcaption",
             "blockquote", "pre", "form", "dd", "dt", "dl", "address", "center", "tbody", "thead", "caption",
             "fieldset", "details", "summary"}
_INVISIBLE = {"noscript", "template", "svg", "object", "canvas", "video", "audio", "select", "option",
              "button", "math"}


def _search_from(html: str, pattern: re.Pattern, prefix: str, pos: int) -> re.Match | None:
    """pattern.search(html, pos) for a pattern whose every match starts with `prefix`: the
    candidates are found with str.find (C, fast over long scripts, where the case-insensitive
    regex scan would try every character) and the pattern tried at each, leftmost first; after
    _FIND_TRIES false starts the regex scans the rest, so a run of false starts stays linear."""
    find, match = html.find, pattern.match
    for _ in range(_FIND_TRIES):
        p = find(prefix, pos)
        if p < 0:
            return None
        m = match(html, p)
        if m is not None:
            return m
        pos = p + 1
    return pattern.search(html, pos)  # many false starts ("</" over and over): one linear scan in C


def cap_dom(html: str, max_depth: int, max_elements: int) -> str:
    """`html` with what lies past the depth and element caps made flat text (see the module doc).
    One pass over the tags, O(1) amortised per tag; an ordinary page is first shown to be within
    the caps by a cheaper pass (`_within_caps`) and returned as it is."""
    if _within_caps(html, max_depth, max_elements):
        return html
    return _cap_dom(html, max_depth, max_elements)


def _within_caps(html: str, max_depth: int, max_elements: int) -> bool:
    """True only when _cap_dom would cut nothing: an upper bound on its estimate, over the same
    tokens (comments and raw text skipped alike). Elements: each counted tag starts with '<'.
    Depth: the open elements named X on _cap_dom's stack never outnumber the X start tags less
    the X end tags met while that count was above 0 (an end tag pops one X when one is open;
    implied ends, and end tags of elements left open below, only pop more), so the sum of those
    counts over the names bounds the stack's depth. False on a page that might need cutting
    (then _cap_dom decides), e.g. hundreds of <p> or <option> never closed."""
    if html.count("<") > max_elements:
        return False
    counts: dict[str, int] = {}
    total = 0  # sum of counts
    skip_to = 0
    for m in _TOKEN.finditer(html):
        start, end = m.span()
        if start < skip_to:
            continue
        comment, slash, raw_name = m.groups()
        if raw_name is None:
            if comment:
                e = _search_from(html, _COMMENT_END, "--", end)
                if e is None:  # _cap_dom reads no further either
                    return True
                skip_to = e.end()
            continue
        name = raw_name.lower()
        if slash:
            c = counts.get(name)
            if c:
                counts[name] = c - 1
                total -= 1
            continue
        if name in _RAW:
            e = _search_from(html, _RAW_END[name], "</", end)
            if e is None:
                return True
            skip_to = html.find(">", e.end() - 1) + 1 or len(html)
            continue
        if name in _VOID or name in _SKIP:  # never on the stack ("<x/>" in svg counted: a bound)
            continue
        if total >= max_depth:
            return False
        counts[name] = counts.get(name, 0) + 1
        total += 1
    return True


def _cap_dom(html: str, max_depth: int, max_elements: int) -> str:
    """cap_dom's one pass over the tags, O(1) amortised per tag."""
    names: list[str] = []  # the estimated stack of open elements
    kept: list[bool] = []  # ... and whether each is kept (False: dropped past a cap)
    where: dict[str, list[int]] = defaultdict(list)  # name -> its indices in the stack, ascending
    scope: list[int] = []  # indices of scope boundaries (table, td, ...)
    out: list[str] = []
    last = 0  # html[last:] not yet copied to out
    elements = 0
    skip_to = 0  # inside a comment or raw text up to here
    skip: str | None = None  # a dropped invisible element whose content is being dropped
    skip_level = 0
    full = False  # past max_elements

    def pop_to(i: int) -> bool:
        """Pop the element at stack index i and all above it; whether it was kept."""
        for nm in names[i:]:
            where[nm].pop()
        while scope and scope[-1] >= i:
            scope.pop()
        k = kept[i]
        del names[i:], kept[i:]
        return k

    def in_scope(name: str, *bounds: str) -> int:
        w = where.get(name)
        if not w:
            return -1
        b = scope[-1] if scope else -1
        for e in bounds:
            wb = where.get(e)
            if wb and wb[-1] > b:
                b = wb[-1]
        return w[-1] if w[-1] > b else -1

    def cut(start: int, end: int, replacement: str) -> None:
        nonlocal last
        out.append(html[last:start])
        out.append(replacement)
        last = end

    for m in _TOKEN.finditer(html):
        start, end = m.span()
        if start < skip_to:
            continue
        comment, slash, raw_name = m.groups()
        if raw_name is None:
            if comment:  # comment: no tags up to its end
                e = _search_from(html, _COMMENT_END, "--", end)
                if e is None:
                    break
                skip_to = e.end()
            continue
        name = raw_name.lower()
        if slash:  # end tag
            if skip is not None:
                if name == skip:
                    skip_level -= 1
                    if skip_level == 0:
                        skip, last = None, end
                continue
            w = where.get(name)
            if not w:
                if full and name not in _SKIP:  # a stray end tag may make an element
                    cut(start, end, " ")
                continue
            i = w[-1]
            if i == len(names) - 1:  # it closes the innermost element (pop_to(i), inlined)
                names.pop()
                w.pop()
                if scope and scope[-1] == i:
                    scope.pop()
                k = kept.pop()
            else:
                k = pop_to(i)
            if not k:
                cut(start, end, "<br>" if name in _BLOCKISH and not full else " ")
            continue
        if name in _RAW:  # raw text up to its end tag: no tags inside
            e = _search_from(html, _RAW_END[name], "</", end)
            close_end = (html.find(">", e.end() - 1) + 1 or len(html)) if e else len(html)
            skip_to = close_end
            if skip is None and full and not (name == "script" and "ld+json" in html[start:end].lower()):
                cut(start, close_end, " ")
            elements += 1
            if e is None:
                break
            continue
        if skip is not None:  # inside a dropped invisible element: drop everything
            if name == skip and html[end - 2] != "/":
                skip_level += 1
            continue
        if name in _SKIP:
            continue
        # "<div/>" opens a <div>: HTML ignores the slash except in svg/math (foreign content)
        if name in _VOID or (html[end - 2] == "/" and (where.get("svg") or where.get("math"))):
            if full:
                cut(start, end, " ")
            elements += 1
            continue
        # the end tags the parser implies for this start tag
        if name in _CLOSES_P and where.get("p"):
            i = in_scope("p", "button")
            if i >= 0:
                pop_to(i)
        implied = _IMPLIED.get(name)
        if implied is not None:
            i = -1
            if implied == "li":
                i = in_scope("li", "ul", "ol")
            elif implied == "dd":
                i = max(in_scope("dd", "dl"), in_scope("dt", "dl"))
            elif implied == "h":
                i = len(names) - 1 if names and names[-1] in _HEADINGS else -1
            elif implied == "option":
                i = len(names) - 1 if names and names[-1] == "option" else -1
            elif implied == "td":
                i = max(in_scope("td", "tr"), in_scope("th", "tr"))
            elif implied == "tr":
                i = in_scope("tr", "table")
            elif implied == "tbody":
                i = max(in_scope("tbody", "table"), in_scope("thead", "table"), in_scope("tfoot", "table"))
            elif where.get(name):  # button: a second one closes the first (not <a>: the parser's
                # adoption agency nests <a><div><a><div>... ever deeper, so those count as nested)
                i = where[name][-1]
            if i >= 0:
                pop_to(i)
        if not full and elements >= max_elements:
            full = True
        keep = not full and len(names) < max_depth
        if not keep and name in _INVISIBLE:  # dropped with all it holds
            cut(start, end, " ")
            skip, skip_level = name, 1
            continue
        i = len(names)
        names.append(name)
        kept.append(keep)
        where[name].append(i)
        if name in _SCOPE:
            scope.append(i)
        if keep:
            elements += 1
        elif name in _BLOCKISH and not full:
            cut(start, end, "<br>")
            elements += 1
        else:
            cut(start, end, " ")
    if not out:
        return html
    if skip is None:
        out.append(html[last:])
    return "".join(out)
