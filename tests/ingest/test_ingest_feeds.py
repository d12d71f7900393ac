from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from storyline.config import Config
from storyline.errors import InputError
from storyline.ingest import read_inputs
from storyline.ingest.feeds import html_to_text, read_feed
from storyline.model import Article, Rejection
from storyline.scripts import dominant_script

STORM = (
    "The storm reached the coast on Tuesday morning and forced thousands of people to leave "
    "their homes, officials said."
)
SCHOOLS = "Schools in the region will stay closed until Thursday while crews clear the roads."
STURM = (
    "Der Sturm hat am Dienstagmorgen die Küste erreicht und Tausende Menschen gezwungen, ihre "
    "Häuser zu verlassen, teilten die Behörden mit."
)

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Coast News</title>
  <link>https://coast.example/</link>
  <description>News from the coast</description>
  <item>
    <title>Storm hits the coast &amp; forces thousands out</title>
    <link>https://coast.example/news/storm-hits.html</link>
    <guid>https://coast.example/news/storm-hits.html</guid>
    <pubDate>Tue, 07 Feb 2023 09:30:00 +0100</pubDate>
    <description>A short summary that is not used when there is content.</description>
    <content:encoded><![CDATA[<p>{STORM}</p><script>track()</script><p>{SCHOOLS}</p>]]></content:encoded>
  </item>
  <item>
    <title>Schools stay closed</title>
    <link>https://coast.example/news/schools</link>
    <guid isPermaLink="false">coast-2</guid>
    <pubDate>Tue, 07 Feb 2023 11:00:00 GMT</pubDate>
    <description>&lt;p&gt;{SCHOOLS}&lt;/p&gt;</description>
  </item>
  <item>
    <title>Photo gallery</title>
    <link>https://coast.example/gallery</link>
    <guid isPermaLink="false">coast-3</guid>
  </item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Die &lt;b&gt;Küstenzeitung&lt;/b&gt;</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2023-02-07T12:00:00Z</updated>
  <entry xml:lang="de">
    <title>Sturm erreicht die Küste</title>
    <id>tag:kueste.example,2023:sturm</id>
    <link rel="alternate" href="https://kueste.example/sturm"/>
    <published>2023-02-07T09:30:00+01:00</published>
    <updated>2023-02-07T10:00:00+01:00</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{STURM}</p></div></content>
  </entry>
  <entry>
    <title>Schools stay closed</title>
    <id>tag:kueste.example,2023:schools</id>
    <updated>2023-02-07T11:00:00</updated>
    <summary type="text">{SCHOOLS}</summary>
  </entry>
</feed>
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def articles_and_rejections(
    items: list[Article | Rejection],
) -> tuple[list[Article], list[Rejection]]:
    return (
        [item for item in items if isinstance(item, Article)],
        [item for item in items if isinstance(item, Rejection)],
    )


def test_each_rss_item_becomes_an_article_with_its_fields(tmp_path: Path, config: Config) -> None:
    path = write(tmp_path / "coast.rss", RSS)
    result = read_inputs([path], config=config)
    first, second = result.articles
    assert first.text == f"{STORM}\n\n{SCHOOLS}"
    assert first.title == "Storm hits the coast & forces thousands out"
    assert first.source == "https://coast.example/news/storm-hits.html"
    assert first.outlet == "Coast News"
    assert first.published == datetime(2023, 2, 7, 8, 30, tzinfo=UTC)
    assert first.published_zone == "UTC+01:00"
    assert first.language == "en"
    assert first.id.startswith("storm-hits-")
    assert second.text == SCHOOLS  # the description, its HTML made text
    assert (second.published, second.published_zone) == (
        datetime(2023, 2, 7, 11, 0, tzinfo=UTC),
        "UTC",
    )


def test_a_relative_link_is_resolved_against_the_feeds_own_and_keeps_the_id(
    tmp_path: Path, config: Config
) -> None:
    relative = RSS.replace(
        "<link>https://coast.example/news/schools</link>", "<link>/news/schools</link>"
    )
    (_, schools) = read_inputs([write(tmp_path / "coast.rss", relative)], config=config).articles
    assert schools.source == "https://coast.example/news/schools"
    # Its id is the guid's, as before; with no channel link the link is left out as before.
    assert schools.id == read_inputs([write(tmp_path / "a.rss", RSS)], config=config).articles[1].id
    # A link that is no address, or one naming only the feed's own page, is left out as before,
    # and the run goes on.
    for odd in ("http://[broken", "#", "/", "https://coast.example/"):
        feed = RSS.replace("<link>https://coast.example/news/schools</link>", f"<link>{odd}</link>")
        (_, schools) = read_inputs([write(tmp_path / "c.rss", feed)], config=config).articles
        assert schools.source == f"{tmp_path / 'c.rss'}#coast-2"
    query = RSS.replace("<link>https://coast.example/news/schools</link>", "<link>/?p=123</link>")
    (_, schools) = read_inputs([write(tmp_path / "d.rss", query)], config=config).articles
    assert schools.source == "https://coast.example/?p=123"
    homeless = relative.replace("<link>https://coast.example/</link>", "")
    (_, schools) = read_inputs([write(tmp_path / "b.rss", homeless)], config=config).articles
    assert schools.source == f"{tmp_path / 'b.rss'}#coast-2"


def test_an_rss_item_without_text_is_rejected_and_the_others_are_read(
    tmp_path: Path, config: Config
) -> None:
    path = write(tmp_path / "coast.rss", RSS)
    result = read_inputs([path], config=config)
    assert len(result.articles) == 2
    (rejection,) = result.rejections
    assert (rejection.source, rejection.reason) == (f"{path}[2]", "no-text")
    assert "the 3rd entry" in rejection.detail
    assert "'coast-3'" in rejection.detail


def test_each_atom_entry_becomes_an_article_with_its_fields(tmp_path: Path) -> None:
    path = str(tmp_path / "kueste.atom")
    articles, rejections = articles_and_rejections(read_feed(ATOM.encode(), path=path))
    assert rejections == []
    sturm, schools = articles
    assert sturm.text == STURM
    assert sturm.source == "https://kueste.example/sturm"
    assert sturm.outlet == "Die Küstenzeitung"
    assert sturm.published == datetime(2023, 2, 7, 8, 30, tzinfo=UTC)  # published, not updated
    assert sturm.published_zone == "UTC+01:00"
    assert sturm.language == "de"
    assert sturm.id.startswith("sturm-")
    # No link: the source is the feed and the entry id; no zone: the time is taken as UTC.
    assert schools.source == f"{path}#tag:kueste.example,2023:schools"
    assert schools.text == SCHOOLS
    assert (schools.published, schools.published_zone) == (
        datetime(2023, 2, 7, 11, 0, tzinfo=UTC),
        None,
    )
    assert schools.language == "en"


def test_the_identified_language_wins_over_a_stated_one_that_only_short_texts_take() -> None:
    # Feeds state one language for all their entries, often their software's default.
    feed = RSS.replace("<description>News", "<language>sv-SE</language><description>News")
    articles, _ = articles_and_rejections(read_feed(feed.encode(), path="coast.rss"))
    assert [article.language for article in articles] == ["en", "en"]
    german = feed.replace(f"<p>{STORM}</p>", f"<p>{STURM}</p>").replace(SCHOOLS, "Sturm!")
    german = german.replace("sv-SE", "nl-NL")
    articles, _ = articles_and_rejections(read_feed(german.encode(), path="coast.rss"))
    assert [article.language for article in articles] == ["de", "nl"]
    # A short entry goes by the stated language: the model reads "Kabinet valt" as Finnish.
    dutch = feed.replace("sv-SE", "nl-NL").replace(SCHOOLS, "Kabinet valt")
    articles, _ = articles_and_rejections(read_feed(dutch.encode(), path="coast.rss"))
    assert [article.language for article in articles] == ["en", "nl"]


@pytest.mark.parametrize(
    ("stated", "headline", "language"),
    [
        ("sv-SE", "Storm closes every school on the coast", "en"),  # not refused on a default
        ("sv-SE", "台风山竹登陆广东，全省停课停工", "zh"),
        ("en", "台风山竹登陆广东，全省停课停工", "zh"),  # another script than the stated one
        ("zh-CN", "Storm closes every school on the coast", "en"),
        ("nl-NL", "Brand in Rotterdam", "nl"),  # the model says English
    ],
)
def test_a_short_entry_takes_its_stated_language_only_where_that_can_be_right(
    stated: str, headline: str, language: str
) -> None:
    feed = RSS.replace("<description>News", f"<language>{stated}</language><description>News")
    feed = feed.replace(f"&lt;p&gt;{SCHOOLS}&lt;/p&gt;", headline)
    articles, _ = articles_and_rejections(read_feed(feed.encode(), path="coast.rss"))
    assert articles[1].language == language


def test_entry_ids_are_stable_and_unique(tmp_path: Path) -> None:
    first, _ = articles_and_rejections(read_feed(RSS.encode(), path=str(tmp_path / "a.rss")))
    again, _ = articles_and_rejections(read_feed(RSS.encode(), path=str(tmp_path / "b.rss")))
    assert [article.id for article in first] == [article.id for article in again]
    assert len({article.id for article in first}) == len(first)


def test_the_same_entry_in_two_feeds_is_read_once_in_a_run(tmp_path: Path, config: Config) -> None:
    paths = [write(tmp_path / name, RSS) for name in ("monday.rss", "tuesday.rss")]
    result = read_inputs(paths, config=config)
    once = read_inputs(paths[:1], config=config)
    assert result.articles == once.articles
    reasons = [rejection.reason for rejection in result.rejections]
    assert reasons.count("duplicate-input") == len(once.articles) > 0


@pytest.mark.parametrize(
    ("data", "reason", "detail"),
    [
        (b"<rss version='2.0'><channel><title>cut", "parse-error", "feedparser cannot"),
        (b"<?xml version='1.0'?><note><to>you</to></note>", "parse-error", "not an RSS or Atom"),
        (
            b"<rss version='2.0'><channel><title>Quiet</title></channel></rss>",
            "empty",
            "no entries",
        ),
        (b"  \n\t ", "empty", "only whitespace"),
    ],
)
def test_a_feed_without_entries_is_one_rejection(
    tmp_path: Path, config: Config, data: bytes, reason: str, detail: str
) -> None:
    path = tmp_path / "broken.xml"
    path.write_bytes(data)
    result = read_inputs([path], config=config)
    assert result.articles == ()
    (rejection,) = result.rejections
    assert (rejection.source, rejection.reason) == (str(path), reason)
    assert detail in rejection.detail


def test_a_malformed_feed_reports_feedparsers_message(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "cut.rss"
    path.write_bytes(RSS.encode()[:60])
    (rejection,) = read_inputs([path], config=config).rejections
    assert rejection.reason == "parse-error"
    assert "feedparser cannot read the feed: <unknown>:2:0: unclosed token" in rejection.detail


def test_a_feed_cut_short_gives_its_entries_and_a_parse_error(
    tmp_path: Path, config: Config
) -> None:
    path = tmp_path / "cut.rss"
    path.write_bytes(RSS.encode()[: RSS.index("<title>Schools")])
    result = read_inputs([path], config=config)
    assert [article.source for article in result.articles] == [
        "https://coast.example/news/storm-hits.html"
    ]
    assert [(rejection.source, rejection.reason) for rejection in result.rejections] == [
        (f"{path}[1]", "no-text"),
        (str(path), "parse-error"),
    ]
    assert "entries after the error may be missing" in result.rejections[1].detail


def test_a_feed_in_a_legacy_encoding_is_read_as_it_declares(tmp_path: Path) -> None:
    feed = RSS.replace('encoding="utf-8"', 'encoding="iso-8859-1"').replace("Coast", "Côte")
    articles, _ = articles_and_rejections(
        read_feed(feed.encode("iso-8859-1"), path=str(tmp_path / "x.rss"))
    )
    assert articles[0].outlet == "Côte News"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("<div>A <b>bold</b>\n  word</div>", "A bold word"),
        ("Line<br/>break", "Line\n\nbreak"),
        ("<ul><li>first</li><li>second</li></ul>", "first\n\nsecond"),
        ("<p>Kept</p><script>dropped()</script><style>p {}</style>", "Kept"),
        ("plain &amp; simple", "plain & simple"),
        ("", ""),
    ],
)
def test_html_becomes_paragraphs_of_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


@given(st.text())
@example("<HTML")  # lxml: "Document is empty"
@example("<HTML>")  # lxml: "too many bodies"
@example("<!DOCTYPE html>news")
def test_any_html_gives_text_never_an_error(html: str) -> None:
    text = html_to_text(html)
    assert "\n\n\n" not in text
    assert text == text.strip()


@settings(max_examples=80, deadline=None)
@given(
    at=st.integers(0, len(RSS)),
    junk=st.binary(max_size=12),
    keep=st.integers(1, len(RSS) + 20),
)
def test_any_damaged_feed_gives_articles_or_rejections_never_an_error(
    at: int, junk: bytes, keep: int
) -> None:
    data = RSS.encode()
    data = (data[:at] + junk + data[at:])[:keep]
    try:
        items = read_feed(data, path="damaged.rss")
    except InputError as e:
        assert e.reason in {"parse-error", "empty"}
        return
    for item in items:
        if isinstance(item, Article):
            assert item.text.strip()
        else:
            assert item.reason in {"parse-error", "no-text"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_feed_declaring_xml_entities_is_rejected_unread(tmp_path: Path, encoding: str) -> None:
    # Nine levels of ten: expat expanded them until its amplification limit (a second each;
    # a large file could expand a hundredfold).
    entities = "<!ENTITY a 'aaaaaaaaaa'>" + "".join(
        f"<!ENTITY {chr(98 + n)} '{('&' + chr(97 + n) + ';') * 10}'>" for n in range(8)
    )
    feed = (
        f"<?xml version='1.0'?><!DOCTYPE rss [{entities}]><rss version='2.0'><channel>"
        "<item><description>&i;</description></item></channel></rss>"
    )
    path = tmp_path / "bomb.rss"
    path.write_bytes(feed.encode(encoding))
    started = time.perf_counter()
    (rejection,) = read_inputs([path], config=Config()).rejections
    assert time.perf_counter() - started < 0.5
    assert (rejection.source, rejection.reason) == (str(path), "parse-error")
    assert rejection.detail.startswith("the feed declares XML entities (<!ENTITY ...>)")


def test_bytes_feedparser_reads_as_nothing_are_a_parse_error_not_an_attribute_error() -> None:
    # feedparser gives no "version" for them; reading feed.version raised AttributeError.
    with pytest.raises(InputError, match="not an RSS or Atom feed") as caught:
        read_feed(b"", path="f.rss")
    assert caught.value.reason == "parse-error"


def test_an_atom_entry_named_only_by_its_id_is_described_once(
    tmp_path: Path, config: Config
) -> None:
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Coast</title><entry><id>urn:3</id></entry></feed>"
    )
    path = write(tmp_path / "coast.atom", feed)
    (rejection,) = read_inputs([path], config=config).rejections
    assert (rejection.source, rejection.reason) == (f"{path}[0]", "no-text")
    assert "the 1st entry (id 'urn:3') has no text" in rejection.detail


@pytest.mark.parametrize("name", ["news.rss", "news.atom"])
def test_a_web_page_saved_as_a_feed_is_refused_not_read_as_news(
    tmp_path: Path, config: Config, name: str
) -> None:
    # A server's error page saved where the feed was fetched became a story of its own.
    path = write(
        tmp_path / name,
        "<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body>"
        "<h1>Service Unavailable</h1><p>The server is temporarily unable to service your "
        "request due to maintenance downtime. Please try again later.</p></body></html>",
    )
    good = write(tmp_path / "coast.rss", RSS)
    result = read_inputs([path, good], config=config)
    assert len(result.articles) == 2  # the good feed's entries
    rejection, gallery = result.rejections  # the good feed's entry without text: "no-text"
    assert (rejection.source, rejection.reason) == (str(path), "parse-error")
    assert "should be an RSS or Atom feed" in rejection.detail
    assert gallery.reason == "no-text"
    # A feed whose first entry holds a page in CDATA is a feed all the same.
    wrapped = RSS.replace(f"<p>{STORM}</p>", f"<html><body><p>{STORM}</p></body></html>")
    assert (
        len(read_inputs([write(tmp_path / f"cdata-{name}", wrapped)], config=config).articles) == 2
    )


def test_an_entry_in_a_language_not_read_is_rejected_naming_its_entry(
    tmp_path: Path, config: Config
) -> None:
    swedish = (
        "Tusentals invånare fick lämna sina hem på tisdagen när floden svämmade över, och "
        "räddningstjänsten arbetade hela natten för att bygga vallar längs stranden."
    )
    path = write(
        tmp_path / "coast.rss",
        RSS.replace(f"&lt;p&gt;{SCHOOLS}&lt;/p&gt;", f"&lt;p&gt;{swedish}&lt;/p&gt;"),
    )
    result = read_inputs([path], config=config)
    assert [article.id for article in result.articles] == [result.articles[0].id]
    refused = next(item for item in result.rejections if item.reason == "unsupported-language")
    assert refused.source == f"{path}[1]"
    assert refused.detail.startswith("the 2nd entry (id 'coast-2', link ")
    assert "in language 'sv'" in refused.detail


def test_a_short_entry_in_a_script_the_stated_language_is_not_written_in_is_identified() -> None:
    # A Telugu headline in a feed saying "en" was English: scripts were known by a table of
    # languages, and Telugu was not in it (helper-50). It is Telugu, which storyline refuses.
    feed = RSS.replace("<description>News", "<language>en</language><description>News")
    feed = feed.replace(f"&lt;p&gt;{SCHOOLS}&lt;/p&gt;", "ప్రభుత్వం కొత్త బడ్జెట్‌ను ఆమోదించింది")
    articles, rejections = articles_and_rejections(read_feed(feed.encode(), path="coast.rss"))
    assert len(articles) == 1
    (refused,) = [item for item in rejections if item.reason == "unsupported-language"]
    assert "in language 'te'" in refused.detail


def test_the_dominant_script_of_a_text_is_the_script_of_most_of_its_letters() -> None:
    assert dominant_script("Storm closes schools") == "LATIN"
    assert dominant_script("台风山竹登陆广东") == "CJK"
    assert dominant_script("東京で大雨") == "CJK"
    assert dominant_script("ప్రభుత్వం 2024") == "TELUGU"
    assert dominant_script("2024 — 12:00") is None


def test_an_atom_feed_whose_root_has_a_prefix_is_a_feed(tmp_path: Path, config: Config) -> None:
    # "<atom:feed>" with XHTML under an "html:" prefix was refused as a web page (helper-49).
    prefixed = (
        '<?xml version="1.0"?><atom:feed xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:html="http://www.w3.org/1999/xhtml"><atom:title>Coast</atom:title>'
        "<atom:id>coast</atom:id><atom:entry><atom:id>e1</atom:id><atom:title>Storm</atom:title>"
        f'<atom:content type="xhtml"><html:div><html:p>{STORM}</html:p></html:div>'
        "</atom:content></atom:entry></atom:feed>"
    )
    result = read_inputs([write(tmp_path / "coast.atom", prefixed)], config=config)
    assert [article.text for article in result.articles] == [STORM]
    assert result.rejections == ()
