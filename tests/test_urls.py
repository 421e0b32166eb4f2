from vinews.urls import absolute_url, host_of, site_filter, site_key, site_of


def test_site_of_strips_desktop_mobile_and_amp_hosts():
    for url in ("https://www.baoa.vn/x", "http://m.baoa.vn/x", "https://amp.baoa.vn/x", "baoa.vn/x", "//BAOA.vn"):
        assert site_of(url) == "baoa.vn", url
    assert site_of("the-thao.html") is None and site_of("/tin/a.html") is None and site_of(None) is None


def test_host_of_needs_an_absolute_url():
    assert host_of("https://www.baoa.vn/x") == "baoa.vn"
    assert host_of("baoa.vn/x") is None and host_of(None) is None


def test_absolute_url():
    assert absolute_url("//baoa.vn/a", None) == "//baoa.vn/a"
    assert absolute_url(" a.html ", "https://baoa.vn/tin/b.html") == "https://baoa.vn/tin/a.html"
    assert absolute_url("a.html", "b.html") is None and absolute_url(3, "https://baoa.vn") is None


def test_site_key_is_the_outlet_name():
    assert site_key("tuoitre.vn") == "tuoitre" and site_key("m.baoa.com.vn") == "baoa"
    assert site_key("www.vnexpress.net") == "vnexpress" and site_key(None) == "" and site_key("vn") == ""


def test_site_filter():
    assert site_filter("  BaoA.vn ") == "baoa.vn"
