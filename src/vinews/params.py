"""Every threshold and weight of the extractor, in one frozen object.

    ExtractParams()                       today's defaults (DEFAULT is the shared instance)
    ExtractParams.from_toml("f.toml")     override fields by name ([extract] table or top level)
    ExtractParams.from_dict({...})        the same from a dict
    DEFAULT.to_toml()                     every field with its "why" (`vinews params`)

The stages take it as an argument (classify, features, roles, the HTML renderer, the pipeline);
nothing reads a module-level switch. It is frozen and hashable, so the per-line feature memo
keeps one memo per params value (features.py), and picklable, so it travels to worker processes
as an argument. A params object equal to the defaults unpickles (and loads) as DEFAULT itself,
so workers stay on the identity fast path.
"""
from __future__ import annotations

import difflib
import json

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any


class ParamsError(ValueError):
    """An unknown field name, a value of the wrong type, or an unreadable TOML file."""


def _p(default: Any, why: str) -> Any:
    return field(default=default, metadata={"why": why})


@dataclass(frozen=True, slots=True)
class ExtractParams:
    # --- classify.py: is the page an article, and where is its text -------------------------
    min_article_words: int = _p(10, "lead + body words below this make the page a nonarticle, whatever the page-kind model "
                                    "says (a headline over a line or two is no story; a 20-word video post is one)")
    rules_min_article_words: int = _p(40, "rules baseline (use_fitted_kind = false): lead + body words below this make a nonarticle")
    header_less_factor: int = _p(2, "rules baseline: without a headline + dateline header, an article needs this many times "
                                    "rules_min_article_words")
    min_run_score: float = _p(50.0, "a main run scoring below this is weak: no two paragraphs side by side (photo story or nonarticle)")
    untitled_min_words: int = _p(150, "a page with no headline above its text needs this many words to stay an article")
    item_heading_max_words: int = _p(8, "a headline of at most this many words over a lone paragraph is a listicle's item heading")
    # block_score: what one block argues for being inside the main run
    score_dom_boiler: float = _p(-1.0, "markup says furniture: nearly neutral, such a box often sits inside the article")
    score_section_end: float = _p(-1000.0, "comments / tags / related header: a hard wall for the run")
    score_boiler: float = _p(-15.0, "furniture vocabulary or a '>> related' line")
    link_headline_density: float = _p(0.7, "HTML path: a non-paragraph this much link is another article's headline")
    score_link_headline: float = _p(-15.0, "score of such an all-link headline")
    score_dateline: float = _p(-8.0, "a dateline breaks a run of text (teaser timestamps)")
    teaser_blob_dates: int = _p(2, "a paragraph holding this many timestamps is teasers run together")
    score_teaser_blob: float = _p(-10.0, "score of such a blob of teasers")
    score_isolated_dup: float = _p(-5.0, "a lone paragraph printed twice on the page is a list item's teaser")
    isolated_item_weight: float = _p(0.6, "per-word weight of a lone paragraph under a short item heading (listicle entry)")
    isolated_weight: float = _p(0.1, "per-word weight of a lone paragraph between headlines (a teaser)")
    score_caption: float = _p(0.0, "a caption neither extends nor cuts the run")
    score_end_byline: float = _p(-10.0, "a byline right after a paragraph closes the article")
    short_sentence_min_words: int = _p(5, "a non-paragraph ending like a sentence with this many words is text")
    score_short_sentence: float = _p(2.0, "score of such a short sentence (subheading, one-line paragraph)")
    score_headline: float = _p(-4.0, "a headline-shaped line outside the text")
    score_other: float = _p(-3.0, "any other short line")
    # photo_tail: the captions after a weak run (photo story)
    photo_tail_window: int = _p(60, "blocks after the run searched for a photo story's captions")
    photo_tail_min_words: int = _p(3, "a line without a caption cue needs this many words to be a caption")
    photo_tail_max_words: int = _p(40, "... and at most this many")
    photo_tail_min_captions: int = _p(3, "the tail is taken only when it holds this many lines")
    photo_post_min_captions: int = _p(3, "a short page with a headline and this many captions is a photo story, not a nonarticle")
    # rescue_lead: a lead cut off from the body by a related box
    rescue_lookback: int = _p(8, "blocks above the run searched for a lead standing alone")
    rescue_title_gap: int = _p(4, "the headline must sit at most this many blocks above that lead")
    # _looks_like_list: home and category pages
    list_run_share: float = _p(0.2, "a run holding less than this share of the page's paragraph words ...")
    list_outside_teasers: int = _p(8, "... with this many headline + teaser items outside it is a list page")
    list_min_tagged: int = _p(3, "this many paragraphs opening with an outlet tag ('TTO -') ...")
    list_tagged_share: float = _p(0.3, "... and at least this share of them make a list of leads")
    list_min_paras: int = _p(3, "fewer paragraphs in the run than this are never a list")
    list_under_headline_share: float = _p(0.6, "this share of paragraphs under their own headline makes a list ...")
    list_heading_words: int = _p(9, "... when the median heading has this many words (shorter: a listicle's items)")
    header_date_gap: int = _p(3, "an article header: the dateline at most this many blocks from the headline")
    header_min_paras: int = _p(1, "an article header stands over at least this many lead/body blocks")
    # --- roles.py: title, dateline, lead, body, captions, bylines ------------------------------
    title_lookback: int = _p(14, "blocks above the text searched for the headline")
    title_min_words: int = _p(3, "a headline has at least this many words")
    title_max_words: int = _p(40, "... and at most this many")
    title_skip_max_words: int = _p(2, "lines this short above the text are labels, skipped on the way to the headline")
    date_lookback: int = _p(16, "blocks above the headline searched for the dateline")
    date_lookahead: int = _p(6, "blocks into the text searched for a dateline printed under the lead")
    date_distance_penalty: float = _p(0.05, "dateline score lost per block of distance from the headline")
    date_after_start_weight: float = _p(0.5, "distance weight of a dateline inside the text")
    date_between_bonus: float = _p(1.0, "bonus for a dateline between headline and text")
    late_date_min_score: float = _p(1.5, "a dateline after the text needs this dateline score")
    byline_lookahead: int = _p(5, "blocks after the text searched for bylines and a late dateline")
    outlet_max_words: int = _p(6, "the outlet line under 'Theo ...' has at most this many words")
    byline_stop_words: int = _p(10, "a line longer than this ends the byline search")
    caption_max_words: int = _p(30, "a paragraph between two captions is a caption below this many words")
    caption_max_words_photo: int = _p(10_000, "... in a photo story (captions dominate the text), any length")
    photo_story_min_cues: int = _p(3, "a photo story has at least this many cued captions ...")
    photo_story_cue_ratio: int = _p(2, "... and this many times as many as its paragraphs (less one)")
    short_label_max_words: int = _p(2, "a line this short without a sentence end is a label")
    caption_min_words: int = _p(14, "a line without a sentence end this long inside the text is a caption")
    link_run_min_words: int = _p(5, "headline-shaped lines of this many words, two in a row inside the text, are a related box")
    # --- features.py: per-line features ----------------------------------------------------------
    long_line: int = _p(200, "characters: a longer line is a paragraph for sure; cheaper word count and caption check")
    dateline_max_words: int = _p(20, "a longer line is never a dateline: only its timestamps count")
    relative_date_max_words: int = _p(12, "'7 ngày trước' in a line this short is a timestamp")
    relative_date_score: float = _p(0.5, "dateline score of such a relative timestamp")
    boiler_max_words: int = _p(10, "furniture vocabulary counts in lines up to this many words")
    footer_max_words: int = _p(40, "footer lines (copyright, licence) up to this many words")
    toolbar_max_words: int = _p(16, "toolbar lines (share, print, font size) up to this many words")
    sentence_end_chars: int = _p(12, "characters at the line's end searched for a sentence end")
    byline_max_words: int = _p(10, "a byline has at most this many words")
    paragraph_min_words: int = _p(25, "a line this long is running text (a question too)")
    sentence_paragraph_min_words: int = _p(12, "a line ending like a sentence with this many words is running text")
    headline_min_words: int = _p(3, "a headline-shaped line has at least this many words")
    headline_max_words: int = _p(35, "... and at most this many")
    section_end_max_words: int = _p(8, "'Bình luận', 'Tin liên quan' as a line of at most this many words ends the article")
    caption_head_chars: int = _p(60, "a long line's caption mark is looked for in its first this many characters")
    caption_tail_chars: int = _p(120, "... and its last this many")
    # --- html/dom.py: container and flag trust -----------------------------------------------------
    flag_max_chars_caption: int = _p(600, "a caption class word holds for an element of at most this many characters")
    flag_max_chars_image: int = _p(600, "an image/photo class word likewise")
    flag_max_chars_lead: int = _p(1500, "a lead/sapo class word likewise")
    flag_max_chars_author: int = _p(300, "an author class word likewise")
    flag_max_chars_date: int = _p(300, "a date class word likewise")
    flag_max_chars_title: int = _p(400, "a title class word likewise")
    article_min_chars: int = _p(150, "an <article> container is trusted when it holds this many characters ...")
    article_share_of_biggest: float = _p(0.3, "... or this share of the biggest one")
    article_cards_min: int = _p(3, "this many big <article> elements are a list of cards: none is trusted")
    boiler_max_share: float = _p(0.5, "a furniture container holding more than this share of the page's text is not furniture")
    toolbar_date_max_chars: int = _p(200, "a furniture container under this many characters holding the dateline is a tool bar, not furniture")
    figcaption_max_chars: int = _p(300, "italic/centred text under a picture is its caption up to this many characters")
    style_share: float = _p(0.9, "a block is italic (bold) when this share of its text is")
    figcaption_max_link_density: float = _p(0.5, "a caption under a picture is less link than this")
    # --- html/guard.py: hostile markup (caps applied before parsing; pages within them are untouched)
    max_dom_depth: int = _p(256, "elements nested deeper than this are read as flat text (lines) of the element at this depth: "
                            "text kept, the parser's per-tag scope walk stays short (100k nested <div> took minutes)")
    max_dom_elements: int = _p(200_000, "past this many elements the rest of the page is read as flat text rather than "
                               "rejected, so article text is never lost; bounds the DOM's memory")
    # --- deadline.py: the CLI and the build extract each page under a time limit --------------------
    page_deadline_s: float = _p(10.0, "seconds one page may take; past it the page is rejected ('deadline: extraction took "
                                "over 10 s') and the run goes on (0: no limit; needs SIGALRM and the main thread)")
    # --- fitted.py: decisions made by models fitted on labelled lines (bench/fit_extract.py) ------
    use_fitted_title: bool = _p(True, "choose the headline with the fitted title model (false: the hand-set rules, the baseline)")
    use_fitted_caption: bool = _p(True, "revise caption vs body with the fitted caption model, which weighs the page's captions "
                                        "against its running text (false: the hand-set rules)")
    photo_credit_max_words: int = _p(8, "in a photo story a caption-marked line this short is a photo credit, kept a caption")
    use_fitted_kind: bool = _p(True, "decide article vs nonarticle with the fitted page-kind model (false: the hand-set rules)")
    model_file: str = _p("builtin", "the fitted weights: 'builtin' (shipped in the package) or a JSON file bench/fit_extract.py wrote")
    rescue_title_min_prob: float = _p(0.5, "a lone paragraph above the run is taken back as the lead only under a headline "
                                           "the title model is at least this sure of")
    title_min_prob: float = _p(0.05, "a best title candidate the model gives less than this probability is no headline")
    min_article_prob: float = _p(0.2, "a page is a nonarticle only when the kind model gives it less than this probability of "
                                      "being one: a lost article costs more than a list page let through")
    caption_cue_max_words: int = _p(150, "a photo-credit mark on a longer line is running text that ends with one (the longest "
                                         "labelled caption has 72 words)")
    related_max_words: int = _p(40, "a '>>' mark opens a related link only on a headline-length line; longer is text ('>>Kì trước: …')")
    # --- html/__init__.py: lines matching the markup's title and description -------------------
    meta_title_min_ratio: float = _p(0.8, "a line matching og:title / JSON-LD headline is at least this share of its length")
    meta_title_max_ratio: float = _p(1.25, "... and at most this many times it")
    meta_title_slack_chars: int = _p(2, "... plus this many characters")
    meta_desc_min_chars: int = _p(40, "a description shorter than this is not matched against lines")
    meta_desc_min_ratio: float = _p(0.8, "a line matching the description is at least this share of its length")
    meta_desc_max_ratio: int = _p(3, "... and at most this many times it")
    meta_desc_slack_chars: int = _p(20, "... plus this many characters")
    meta_desc_prefix_chars: int = _p(200, "characters of the description the line must open with")

    # --- reading and writing ---------------------------------------------------------------------
    @classmethod
    def from_dict(cls, d: dict) -> "ExtractParams":
        """Defaults with the named fields overridden. Unknown names and wrong types raise
        ParamsError (an int where a float is expected is fine)."""
        if not isinstance(d, dict):
            raise ParamsError(f"expected a table of name = value, got {type(d).__name__}")
        known = {f.name: f for f in fields(cls)}
        changes: dict[str, Any] = {}
        for name, value in d.items():
            f = known.get(name)
            if f is None:
                close = difflib.get_close_matches(str(name), list(known), n=4, cutoff=0.6)
                hint = f"; did you mean {', '.join(close)}?" if close else "; `vinews params` lists them"
                raise ParamsError(f"unknown extract parameter {name!r}{hint}")
            changes[name] = _checked(name, value, type(f.default))
        out = replace(DEFAULT, **changes) if changes else DEFAULT
        return DEFAULT if out == DEFAULT else out

    @classmethod
    def from_toml(cls, path: "str | Path") -> "ExtractParams":
        """Read overrides from a TOML file: an [extract] table, or names at the top level
        ([boilerplate] and [dedup] tables are the corpus build's: vinews.corpus.params)."""
        data = read_toml(path)
        for other in ("boilerplate", "dedup"):  # the corpus build's tables (vinews.corpus.params)
            if isinstance(data.get(other), dict):
                data.pop(other)
        table = data.pop("extract", None)
        if table is None:
            return cls.from_dict(data)
        if not isinstance(table, dict):
            raise ParamsError(f"{path}: 'extract' must be a table")
        both = sorted(set(table) & set(data))
        if both:
            raise ParamsError(f"{path}: {', '.join(both)} set both at the top level and in [extract]")
        return cls.from_dict({**data, **table})

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def to_toml(self) -> str:
        """Every field with its why as a comment, in an [extract] table; loads back as self."""
        out = ["# vinews extractor parameters (vinews params). Edit, then: vinews extract ... --params FILE",
               "# Any subset of the names may be given; the rest keep these defaults.", "", "[extract]"]
        for f in fields(self):
            out.append(f"# {f.metadata['why']}")
            out.append(f"{f.name} = {_toml_number(getattr(self, f.name))}")
        return "\n".join(out) + "\n"

    def __reduce__(self):
        # Unpickles as DEFAULT itself when equal to it (workers keep the identity fast path).
        return (_from_fields, (self.to_dict(),))


_KIND = {int: "an integer", float: "a number", bool: "true or false", str: "a string"}


def _checked(name: str, value: Any, want: type) -> Any:
    """`value` as the field's type: an int where a float is expected is fine, a bool is never
    a number."""
    if want is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if type(value) is want:
        return value
    raise ParamsError(f"{name} must be {_KIND.get(want, want.__name__)}, got {type(value).__name__} {value!r}")


def _from_fields(d: dict) -> ExtractParams:
    return ExtractParams.from_dict(d)


def _toml_number(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)  # a TOML basic string
    if isinstance(v, float):
        if v != v:
            return "nan"
        if v in (float("inf"), float("-inf")):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    return str(v)


DEFAULT = ExtractParams()


def resolve(params: "ExtractParams | None") -> ExtractParams:
    return DEFAULT if params is None else params


def read_toml(path: "str | Path") -> dict:
    """A `--params` file's tables; a file that is not TOML is a ParamsError naming it."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ParamsError(f"{path}: not valid TOML: {exc}") from None
