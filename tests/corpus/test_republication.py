from hypothesis import given, settings
from hypothesis import strategies as st

from vinews.corpus.republication import attribution, attribution_votes, choose_original, credits


def m(seq, site, published=None, source=None, n=100):
    return {"seq": seq, "site": site, "published": published, "source": source, "n_chars": n}


def test_credits_names_and_domains():
    assert credits("Theo VnExpress", "vnexpress.net")
    assert credits("(Nguồn: Tuổi Trẻ)", "tuoitre.vn")
    assert credits("Theo Người Lao Động", "nld.com.vn")
    assert credits("Theo Minh Anh/dantri.com.vn", "dantri.com.vn")
    assert not credits("Theo VnExpress", "tuoitre.vn")
    assert not credits(None, "tuoitre.vn")


def test_attribution_beats_publish_time():
    ms = [m(0, "a.vn", "2024-03-01T08:00:00+07:00", source="Theo Beta"), m(1, "beta.vn", "2024-03-01T09:00:00+07:00")]
    orig, how = choose_original(ms)
    assert orig["seq"] == 1 and how == "attribution"


def test_earliest_then_fullest_then_input_order():
    ms = [m(0, "a.vn", "2024-03-02T08:00:00+07:00"), m(1, "b.vn", "2024-03-01T23:00:00+00:00"), m(2, "c.vn")]
    assert choose_original(ms)[0]["seq"] == 1  # 06:00 on the 2nd in Hanoi... but earlier in time
    ms = [m(0, "a.vn", "2024-03-01", n=50), m(1, "b.vn", "2024-03-01T10:00:00+07:00", n=80)]
    assert choose_original(ms) == (ms[1], "fuller")  # a date alone ties with times that day
    ms = [m(3, "a.vn"), m(1, "b.vn")]
    assert choose_original(ms)[0]["seq"] == 1


def test_crediting_an_outsider_only_breaks_ties():
    ms = [m(0, "a.vn", "2024-03-01T08:00:00+07:00", source="Theo TTXVN"), m(1, "b.vn", "2024-03-01T09:00:00+07:00")]
    assert choose_original(ms)[0]["seq"] == 0  # earlier wins: `source` may be a misread author
    ms = [m(0, "a.vn", "2024-03-01", source="Theo TTXVN", n=120), m(1, "b.vn", "2024-03-01", n=100)]
    assert choose_original(ms)[0]["seq"] == 1


def test_a_credit_line_left_in_the_body_counts():
    copy = dict(m(0, "a.vn", "2024-03-01T07:00:00+07:00"), body=["Đoạn văn.", "Theo Báo Beta"])
    orig = dict(m(1, "baobeta.vn", "2024-03-01T09:00:00+07:00"), body=["Đoạn văn."])
    assert choose_original([copy, orig]) == (orig, "attribution")


def test_a_tie_goes_to_the_member_with_url_and_site():
    bare = dict(m(0, "unknown", "2024-03-01T08:00:00+07:00", n=120), url=None)  # the page as plain text
    full = dict(m(1, "baomau.vn", "2024-03-01T08:00:00+07:00", n=100), url="https://baomau.vn/a.html")
    assert choose_original([bare, full]) == (full, "fuller record")
    assert choose_original([full, bare])[0] is full
    earlier = dict(bare, published="2024-03-01T07:00:00+07:00")
    assert choose_original([earlier, full])[0] is earlier  # a real time difference still decides


def test_times_tie_within_the_minute_a_page_prints():
    text = dict(m(0, "unknown", "2025-10-22T19:25:00+07:00", n=120), url=None)  # the visible dateline: minutes
    html = dict(m(1, "vnexpress.net", "2025-10-22T19:25:52+07:00", n=100), url="https://vnexpress.net/a.html")
    assert choose_original([text, html]) == (html, "fuller record")
    later = dict(html, published="2025-10-22T19:26:10+07:00")
    assert choose_original([text, later])[0] is text


def _votes_pair_by_pair(members, credit):
    """The attribution votes as choose_original first counted them: every pair of members."""
    return {x["seq"]: sum(credits(credit[o["seq"]], x["site"]) for o in members if o is not x) for x in members}


_sites = ["vnexpress.net", "tuoitre.vn", "dantri.com.vn", "beta.vn", None]
_sources = [None, "Theo VnExpress", "(Nguồn: Tuổi Trẻ)", "Theo Minh Anh/dantri.com.vn", "Theo Beta", "Theo Gamma"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_sites), st.sampled_from(_sources),
                          st.sampled_from([None, "2024-03-01", "2024-03-01T08:00:00+07:00", "2024-03-02T07:00:00+07:00"]),
                          st.integers(1, 3)), min_size=1, max_size=12))
def test_votes_are_those_counted_pair_by_pair(rows):
    """attribution_votes counts per distinct attribution and site; the first version counted per
    pair of members: the same votes, so choose_original decides as it did."""
    ms = [m(i, site, when, source, n) for i, (site, source, when, n) in enumerate(rows)]
    credit = {x["seq"]: attribution(x) for x in ms}
    assert attribution_votes(ms, credit) == _votes_pair_by_pair(ms, credit)


def test_attribution_votes_in_a_cluster_of_thousands():
    # pair by pair this is 4e8 attribution checks (minutes); counted per attribution and site, instant
    ms = [m(i, f"q{i % 50:02d}z.vn", source=f"Theo q{(i + 1) % 50:02d}z.vn") for i in range(20_000)]
    orig, how = choose_original(ms)
    assert how == "attribution" and orig["seq"] == 0  # every site named 400 times: input order decides
