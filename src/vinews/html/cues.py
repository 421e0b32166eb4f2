"""What an element's tag, class, id and itemprop say about the text inside it.

Words come from class/id/itemprop values split on punctuation and camelCase; long cue words also
match inside compounds ("boxTinLienQuan", "sidebar2"). The vocabulary is generic web and
Vietnamese CMS words (lien-quan = related, binh-luan = comments, chia-se = share, sapo = lead),
never site names.
"""
from __future__ import annotations

import re
from functools import lru_cache

BOILER_TAGS = {"nav", "aside", "footer", "menu"}

# matched as substrings of the joined lower-case class/id string
BOILER_SUBSTR = (
    "sidebar", "breadcrumb", "relate", "comment", "footer", "social", "share", "menu", "navbar",
    "navigation", "banner", "advert", "widget", "lienquan", "xemthem", "tinkhac", "tinmoi",
    "mostview", "mostread", "docnhieu", "binhluan", "chiase", "tukhoa", "phanhoi", "ykien",
    "newsletter", "subscribe", "copyright", "toolbar", "topbar", "popup", "modal", "cookie",
    "login", "recommend", "suggest", "readmore", "seemore", "trending", "hotnews", "tieudiem",
    "keyword", "hashtag", "quangcao", "sponsor", "outbrain", "taboola", "category", "subnav",
    "masthead", "searchbox", "pagination", "paging", "otherne", "samecat", "samecate",
    # lists of teasers ("list-news", "news-list", "listing-item"); not "MsoListParagraph"
    "listnews", "newslist", "listitem", "itemlist", "listpost", "postlist", "listtin", "tinlist",
    "listarticle", "articlelist", "listing", "teaser",
)
# matched as whole words only (too short to match inside compounds)
BOILER_WORDS = {
    "nav", "tags", "tag", "ads", "ad", "adv", "adsbygoogle", "qc", "print", "vote", "poll", "rating",
    "older", "newest", "most", "hot", "rss", "logo", "search", "weather", "sitemap", "cate",
}
ARTICLE_SUBSTR = (
    "articlebody", "articlecontent", "articledetail", "detailcontent", "contentdetail",
    "newscontent", "newsbody", "postcontent", "postbody", "entrycontent", "storycontent",
    "storybody", "detailbody", "bodydetail", "singularcontent", "fckdetail", "noidungchitiet",
    "detailmain", "maindetail", "contentbody", "cmsbody", "articletext", "bodytext",
)
ARTICLE_WORDS = {"fck", "articlebody", "chitiet", "noidung", "detail", "article"}
CAPTION_SUBSTR = ("caption", "chuthich")
IMAGE_WORDS = {"image", "img", "photo", "picture", "pic", "figure", "anh", "hinh", "media"}
LEAD_SUBSTR = ("sapo", "summary", "description", "chapeau", "excerpt", "intro", "tomtat", "lead")
AUTHOR_SUBSTR = ("author", "byline", "tacgia", "writer", "reporter")
DATE_SUBSTR = ("date", "time", "publish", "ngaydang", "ngay")
TITLE_SUBSTR = ("title", "headline", "tieude")

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")


def words_of(attrs: dict) -> tuple[list[str], str]:
    """(words, joined) for an element's class, id and itemprop values."""
    raw = " ".join(v for k in ("class", "id", "itemprop") if (v := attrs.get(k)))
    if not raw:
        return [], ""
    # MS Office classes pasted into article text (MsoNormal, MsoListParagraph) say nothing
    raw = " ".join(v for v in raw.split() if not v.lower().startswith("mso"))
    words = [w for w in _SPLIT.split(_CAMEL.sub(" ", raw).lower()) if w and not w.isdigit()]
    return words, "".join(words)


_RES: dict[int, re.Pattern] = {}


def _has(joined: str, subs: tuple[str, ...]) -> bool:
    pat = _RES.get(id(subs))
    if pat is None:
        pat = _RES[id(subs)] = re.compile("|".join(map(re.escape, subs)))
    return pat.search(joined) is not None


def element_cues(tag: str, attrs: dict) -> dict:
    """Cues of one element: container kind ('boilerplate' | 'article' | None) and flags."""
    key = (tag, attrs.get("class"), attrs.get("id"), attrs.get("itemprop"))
    return _cached(key)  # shared: callers must not modify it


@lru_cache(maxsize=8192)
def _cached(key: tuple) -> dict:
    tag = key[0]
    attrs = {k: v for k, v in zip(("class", "id", "itemprop"), key[1:]) if v}
    words, joined = words_of(attrs)
    out: dict = {}
    if attrs.get("itemprop") == "articleBody" or tag == "article":
        out["container"] = "article"
    elif tag in BOILER_TAGS:
        out["container"] = "boilerplate"
    elif tag == "header":
        out["container"] = "header"  # site header unless it sits inside the article
    if tag in ("figure", "figcaption") or (joined and _has(joined, CAPTION_SUBSTR)):
        out["caption"] = True
    if not joined:
        return _with_flags(out)
    if "container" not in out:
        if _has(joined, ARTICLE_SUBSTR) or ARTICLE_WORDS.intersection(words) and (
                {"content", "body", "main", "text"}.intersection(words) or "fck" in words or "chitiet" in joined):
            out["container"] = "article"
        elif _has(joined, BOILER_SUBSTR) or BOILER_WORDS.intersection(words):
            out["container"] = "boilerplate"
    if IMAGE_WORDS.intersection(words):
        out["image"] = True
    if _has(joined, LEAD_SUBSTR):
        out["lead"] = True
    if _has(joined, AUTHOR_SUBSTR):
        out["author"] = True
    if _has(joined, DATE_SUBSTR) and "update" not in joined:
        out["date"] = True
    if _has(joined, TITLE_SUBSTR):
        out["title"] = True
    return _with_flags(out)


def _with_flags(out: dict) -> dict:
    flags = tuple(k for k in ("caption", "image", "lead", "author", "date", "title") if out.get(k))
    if flags:
        out["flags"] = flags
    return out
