"""Surface cues of Vietnamese news pages that hold on any site: boilerplate vocabulary,
caption and byline markers, sentence ends. Patterns only; decisions live in classify."""
from __future__ import annotations

import re

WORD = re.compile(r"\w+")
# Characters that only ever stand at a token's edges in news text; none is a \w character.
_EDGE = "\"'“”‘’«»()[]{}<>,.;:!?…-–—|/\\%*#@&+=~^$"


def word_count(text: str) -> int:
    r"""len(WORD.findall(text)), the number of \w runs, without running \w over every character
    (a Unicode category lookup each). Runs never cross whitespace, so count per token: a token
    that is all letters and digits, once its edge punctuation is off, is one run."""
    n = 0
    hard = []
    for tok in text.split():
        if tok.isalnum():
            n += 1
        else:
            core = tok.strip(_EDGE)
            if core.isalnum():
                n += 1
            elif core:
                hard.append(core)  # "2024-2025", "TP.HCM", "x_y": let the pattern count them
    return n + len(WORD.findall(" ".join(hard))) if hard else n
DIGIT = re.compile(r"\d")
# A clock time ("15:45", "15h45", "15 giờ 45"). ASCII digits and no re.I: this runs over every
# long paragraph, and a case-insensitive Unicode pattern is several times slower to scan.
CLOCK = re.compile(r"[0-9]\s*(?::|[hH]|giờ|Giờ|GIỜ)\s*[0-9][0-9]")

# Lines that are page furniture wherever they appear. Matched against the whole (short) line,
# case-folded, so "Xem thêm" hits but a sentence that contains "xem thêm" does not.
_BOILER_PHRASES = [
    r"tin liên quan", r"tin cùng chuyên mục", r"tin mới( nhất)?", r"tin khác", r"các tin khác",
    r"tin tức gần đây", r"xem thêm.*", r"đọc thêm.*", r"đọc tiếp.*", r"đọc nhiều( nhất)?",
    r"xem nhiều( nhất)?", r"bài viết liên quan", r"có thể bạn quan tâm", r"bạn có thể quan tâm",
    r"(viết|gửi|xem) bình luận.*", r"bình luận", r"\d* ?bình luận", r"ý kiến bạn đọc", r"chia sẻ:?",
    r"\d* ?chia sẻ", r"chia sẻ (bài viết|với bạn bè).*", r"(mời (quý )?(độc giả|bạn đọc) )?theo dõi .{0,40} trên.*",
    r"theo dõi .{0,30}:?", r"từ khó?a:?", r"tags?:?", r"chủ đề:?", r"trở (lại|về).{0,40}", r"quay lại.{0,20}",
    r"\[?quay lại\]?", r"về trang chủ", r"trang chủ", r"copy link.*", r"link bài gốc.*", r"lấy link.*",
    r"in bài( viết)?", r"gửi bài( viết)?", r"lưu bài( viết)?", r"báo (lỗi|xấu).*", r"đăng nhập.*", r"đăng ký.*",
    r"quảng cáo", r"liên hệ.*", r"hotline.*", r"email:.*", r"điện thoại:.*", r"cỡ chữ.*", r"tweet",
    r"like", r"facebook.*", r"zalo", r"rss", r"video", r"photo", r"infographic[s]?", r"emagazine",
    r"podcast", r"tất cả", r"mới nhất", r"nổi bật", r"tiêu điểm", r"previous", r"next", r"×",
    r"tặng sao.*", r"trở thành người đầu tiên.*", r"bấm.*để.*",
    r"nhấn.*để.*", r"(©|copyright).*", r"bản quyền.*", r"giấy phép.*", r"tòa soạn.*", r"toà soạn.*",
    r"tổng biên tập.*", r"chịu trách nhiệm.*", r"sự kiện", r"tin nóng", r"tin hot", r"đọc báo.*",
    r"ảnh", r"clip", r"top", r"xem tiếp", r"tải (thêm|ứng dụng).*", r"thời tiết.*",
    r"\d+ phút đọc", r"thời gian đọc.*", r"nghe (bài|tin|đọc).*", r"([\d.,]+ )?lượt (xem|đọc|thích|chia sẻ)",
    r".{0,20}google news", r"\d{1,2}:\d{2}(/\d{1,2}:\d{2})?", r"aa?\+?", r"a- ?a ?a\+",
]
# Every word the phrases use: a line whose first word is none of these cannot match (superset, safe).
_BOILER_FIRST = set(re.findall(r"[^\W\d_]+", " ".join(_BOILER_PHRASES)))


_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]")


def is_boilerplate_line(text: str) -> bool:
    """Page furniture by vocabulary. A first-word test spares the big pattern on most lines."""
    first = _NOT_LETTER_OR_DIGIT.sub("", text.lstrip(" >»›|•·*-[").split(" ", 1)[0].casefold())
    if first and not first.isdigit() and first not in _BOILER_FIRST and not text.lstrip().startswith(("©", "×")):
        return False
    return bool(BOILERPLATE_LINE.match(text))


BOILERPLATE_LINE = re.compile(
    r"^[\s>»›|•·*-]*(?:" + "|".join(_BOILER_PHRASES) + r")[\s.:!»›>|]*(\(\s*\d+\s*\))?\s*$", re.I)

# "5 phút trước", "7 ngày trước": relative timestamps of teasers and comments.
RELATIVE_TIME = re.compile(r"\b\d+\s+(giây|phút|giờ|ngày|tuần|tháng|năm)\s+trước\b", re.I)

# Headers that open what follows an article: comments, tags, related lists. A run of article text
# rarely crosses one of these.
SECTION_END = re.compile(
    r"^[\s>»›|•·*-]*(tin liên quan|tin cùng chuyên mục|các tin khác|tin khác|bài viết liên quan|"
    r"ý kiến bạn đọc|bình luận|(viết|gửi) bình luận.*|từ khó?a|tags?|có thể bạn quan tâm|"
    r"bạn có thể quan tâm|đọc nhiều( nhất)?|xem nhiều( nhất)?|tin mới nhất)[\s.:!»›>|]*(\(\s*\d+\s*\))?\s*$",
    re.I)

# Site footers: lines that open with a copyright or licence notice, however long they run.
FOOTER_LINE = re.compile(
    r"^\s*(©|\(c\)|copyright|bản quyền|ghi rõ nguồn|giấy phép|cơ quan chủ quản|chịu trách nhiệm|"
    r"tổng biên tập|phó tổng biên tập|trụ sở|địa chỉ|điện thoại|email|hotline|không được sao chép)\b", re.I)

URL = re.compile(r"(https?://|www\.)\S+")


def is_link_line(text: str) -> bool:
    """A line that is mostly a web address ("Link bài gốc Lấy link! https://…")."""
    m = URL.search(text)
    return bool(m) and len(m.group(0)) >= 0.4 * len(text)


# Toolbar words. A line made only of these ("Nghe Chia sẻ Lưu tin Bình luận Trở về") is a row of
# buttons, whatever its length.
TOOLBAR_WORDS = {
    "nghe", "đọc", "chia sẻ", "lưu", "lưu tin", "lưu bài", "bình luận", "trở về", "quay lại", "in", "in bài",
    "gửi", "gửi bài", "báo lỗi", "theo dõi", "copy", "copy link", "sao chép", "facebook", "zalo", "email",
    "twitter", "x", "linkedin", "telegram", "tiktok", "youtube", "thích", "like", "share", "tweet", "aa",
    "a-", "a+", "a", "cỡ chữ", "phóng to", "thu nhỏ", "tải", "tải về", "google", "google news", "rss",
    "nghe bài", "nghe đọc", "tóm tắt", "bookmark", "gửi email", "đăng nhập", "đăng ký", "tặng sao",
    "xem thêm", "trang chủ", "video", "ảnh", "|", "-", "•", "·",
}


_TOOLBAR_FIRST = {w.split()[0] for w in TOOLBAR_WORDS}


def is_toolbar(text: str) -> bool:
    """True when the line splits wholly into toolbar words (longest match first)."""
    toks = text.casefold().replace("|", " | ").split()
    if not toks or toks[0] not in _TOOLBAR_FIRST:
        return False
    i = 0
    while i < len(toks):
        for n in (3, 2, 1):
            if i + n <= len(toks) and " ".join(toks[i : i + n]) in TOOLBAR_WORDS:
                i += n
                break
        else:
            return False
    return len(toks) >= 2


# A related-news marker inside text: ">> Tiêu đề bài khác", "» Xem thêm".
RELATED_PREFIX = re.compile(r"^\s*(>>|»|›|\[?video\]?\s*[-:])", re.I)

# Caption markers: "Ảnh: X", "(Ảnh: X/TTXVN)", "Ảnh T.B", "Nguồn ảnh", "Clip:", "Video:", "Photo:".
# Kept as separate patterns, each anchored or opening on a literal, because one alternation of
# them defeats the regex engine's prefix scan and costs ~10x more on every long paragraph.
_PHOTO = r"[ảẢ]nh(?:\s+minh\s+họa)?"
_PHOTO_CUES = (
    re.compile(_PHOTO + r"\s*[:-]?\s*[\w.\s/,&-]{1,50}\.?\s*$").match,  # "Ảnh T.B" alone
    re.compile(r"\s*[ảẢ]nh\s*(?:minh\s+họa)?\s*:").match,  # "Ảnh: …" opening the line
    re.compile(r"\(\s*" + _PHOTO + r"\s*[:-]?[^)]{0,60}\)\s*\.?\s*$").search,  # "… (Ảnh: T.B)"
    re.compile(r"[.\-–—|]\s*" + _PHOTO + r"\s*[:-]?\s*[\w.\s/,&-]{1,50}\.?\s*$").search,  # "… - Ảnh: T.B"
)
_LABEL_CUES = (  # each needs a colon
    re.compile(r"(?<!\S)(?:Nguồn ảnh|Ảnh chụp màn hình|Clip|Video|Photo|Đồ họa|Infographic)\s*:").search,
    re.compile(r"\((?:Ảnh|Nguồn|Photo|Clip)\s*:[^)]*\)\s*$").search,  # "… (Nguồn: Reuters)"
)


def caption_cue(text: str) -> bool:
    """A photo credit or caption marker anywhere it can stand in the line. Substring tests
    first: most lines have neither "ảnh" nor a colon."""
    if ("ảnh" in text or "Ảnh" in text) and any(cue(text) for cue in _PHOTO_CUES):
        return True
    return ":" in text and any(cue(text) for cue in _LABEL_CUES)


# Byline markers. A byline is short; these patterns are checked only on short lines.
BYLINE_PREFIX = re.compile(
    r"^\s*(theo|nguồn|tin,? ảnh|bài,? ảnh|bài và ảnh|tin và ảnh|bài|tin|ảnh|thực hiện|nhóm phóng viên|nhóm pv|"
    r"tác giả|phóng viên|người viết|by)\s*[:\-]?\s+",
    re.I,
)
SLASH_SOURCE = re.compile(r"^\s*(?:theo\s+)?(?P<author>[^/()]{2,60}?)\s*/\s*(?P<source>[\w.\- ]{2,40}?)\s*$", re.I)
PAREN_SOURCE = re.compile(r"^\s*(?P<author>[^()]{2,60}?)\s*\(\s*(?:theo|nguồn)\s*:?\s*(?P<source>[^)]{2,60})\)\s*$", re.I)
AGENCY = re.compile(r"^\s*\(?\s*(TTXVN|TTXVN/VNA|AFP|Reuters|AP|Xinhua|VNA|PV|PV/TTXVN)\s*\)?\s*\.?\s*$", re.I)

# End of a sentence: . ! ? … (possibly inside closing quotes/brackets), or the ./. end mark.
SENTENCE_END = re.compile(r"([.!?…]|\./\.)[\s\"'”’»)\]]*$")
# The outlet tag that opens a lead: "(Dân trí) - ", "(NLĐO)- ", "TTO - ", "VOV.VN - ", "(HG) - ".
OUTLET_TAG = re.compile(r"^\s*(\([\w. ]{1,14}\)\s*[-–—:]?|[A-ZĐ][\w.]{1,10}\s*[-–—])\s*\S", re.U)

# Well-known Vietnamese outlets. Used only to tell "Theo Lao Động" (a source) from "Theo Vân Anh"
# (a person) when a byline gives no other cue; any outlet ending in a domain is recognised anyway.
OUTLETS = {
    "ttxvn", "vna", "vtv", "vov", "vtc", "vnexpress", "dân trí", "dan tri", "tuổi trẻ", "thanh niên",
    "lao động", "người lao động", "tiền phong", "nhân dân", "quân đội nhân dân", "công an nhân dân",
    "pháp luật tp.hcm", "pháp luật", "vietnamnet", "zing", "zing news", "znews", "infonet", "kenh14",
    "soha", "ngoisao", "ngôi sao", "afamily", "eva", "giáo dục việt nam", "giáo dục & thời đại",
    "sài gòn giải phóng", "sggp", "hà nội mới", "an ninh thủ đô", "vneconomy", "nhịp sống kinh tế",
    "nhịp sống thị trường", "thời báo kinh tế sài gòn", "đầu tư", "báo đầu tư", "cafef", "cafebiz",
    "genk", "ictnews", "vietnamplus", "vietnam+", "bnews", "baomoi", "báo mới", "doanh nhân", "đời sống & pháp luật",
    "gia đình & xã hội", "phụ nữ", "phụ nữ việt nam", "sức khỏe & đời sống", "kiến thức", "khám phá",
    "người đưa tin", "trí thức trẻ", "vietq", "dân việt", "nông nghiệp việt nam", "tin tức", "24h",
    "reuters", "afp", "ap", "bbc", "cnn", "xinhua", "bloomberg", "forbes", "the guardian", "sputnik",
    "newsweek", "time", "rt", "tass", "ria novosti", "al jazeera", "scmp", "guardian", "telegraph",
    "daily mail", "the sun", "independent", "wsj", "wall street journal", "new york times", "nytimes",
    "washington post", "financial times", "ft", "economist", "the economist", "politico", "axios",
    "cnbc", "fox news", "nbc", "abc", "cbs", "yonhap", "kyodo", "nhk", "nikkei", "nikkei asia",
    "korea herald", "korea times", "times of india", "dpa", "anadolu", "global times", "tân hoa xã",
    "the verge", "techcrunch", "engadget", "wired", "gizmodo", "business insider", "insider", "marca",
    "espn", "goal", "the athletic", "sky sports", "daily star", "mirror", "usa today", "los angeles times",
}
