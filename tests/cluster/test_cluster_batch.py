"""cluster_articles: a batch grouped into stories, the same whatever the input order."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from builders import DUC2004, make_article
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.cluster import ClusterSettings, cluster_articles
from storyline.model import Article

EVENTS = {
    "quake": [
        "A magnitude 6.1 earthquake struck near the city of Izmir in western Turkey on Friday, "
        "damaging dozens of buildings. Rescue teams searched collapsed homes for survivors.",
        "Rescuers pulled survivors from collapsed buildings in Izmir after Friday's earthquake, "
        "Turkey's disaster agency said. The quake of magnitude 6.1 damaged dozens of buildings.",
        "The death toll from the Izmir earthquake rose to 12 as rescue teams kept searching the "
        "rubble of collapsed buildings in western Turkey.",
    ],
    "election": [
        "Voters in Lisbon elected a new mayor on Sunday after a close race, officials said. The "
        "winner promised cheaper housing and more buses for the Portuguese capital.",
        "Lisbon's new mayor thanked voters on Monday after winning Sunday's close election, and "
        "repeated promises of cheaper housing and more buses in the capital.",
    ],
    "launch": [
        "A rocket carrying a weather satellite lifted off from French Guiana on Tuesday. The "
        "European satellite will watch storms over the Atlantic from orbit.",
        "The European weather satellite launched from French Guiana reached orbit on Tuesday and "
        "sent its first signals, the space agency said.",
    ],
}


def reports(name: str, texts: list[str], published: datetime | None = None) -> list[Article]:
    """Articles of ``texts`` named "NAME-0", "NAME-1", ..."""
    return [
        make_article(text, article_id=f"{name}-{number}", published=published)
        for number, text in enumerate(texts)
    ]


def event_articles(published: datetime | None = None) -> list[Article]:
    return [
        article for event, texts in EVENTS.items() for article in reports(event, texts, published)
    ]


def as_id_sets(articles: list[Article], clusters: list[list[int]]) -> set[frozenset[str]]:
    return {frozenset(articles[i].id for i in members) for members in clusters}


def test_reports_of_each_event_form_one_story_and_events_stay_apart() -> None:
    articles = event_articles()
    clusters = cluster_articles(articles)
    assert as_id_sets(articles, clusters) == {
        frozenset(f"{event}-{n}" for n in range(len(texts))) for event, texts in EVENTS.items()
    }
    assert sorted(i for members in clusters for i in members) == list(range(len(articles)))
    assert all(members == sorted(members) for members in clusters)
    assert [members[0] for members in clusters] == sorted(members[0] for members in clusters)


@settings(max_examples=25, deadline=None)
@given(st.permutations(event_articles()))
def test_clusters_do_not_depend_on_input_order(articles: list[Article]) -> None:
    reference = event_articles()
    assert as_id_sets(articles, cluster_articles(articles)) == as_id_sets(
        reference, cluster_articles(reference)
    )


def test_the_same_event_a_month_apart_is_two_stories() -> None:
    day = datetime(2024, 5, 3, 12, tzinfo=UTC)
    texts = EVENTS["quake"]
    articles = [
        make_article(texts[0], article_id="early", published=day),
        make_article(texts[1], article_id="later", published=day + timedelta(days=40)),
    ]
    assert cluster_articles(articles, settings=ClusterSettings(window_days=7)) == [[0], [1]]
    assert cluster_articles(articles, settings=ClusterSettings(window_days=60)) == [[0, 1]]


def test_declared_groups_are_not_read() -> None:
    articles = [
        make_article(text, article_id=f"q{n}", group=f"declared-{n}")
        for n, text in enumerate(EVENTS["quake"])
    ]
    assert cluster_articles(articles) == [[0, 1, 2]]


def test_no_articles_no_stories_and_empty_or_unicode_articles_stand_alone() -> None:
    assert cluster_articles([]) == []
    articles = [
        make_article("", article_id="empty"),
        make_article("مرحبا بالعالم، هذا نص عربي قصير عن الطقس.", article_id="rtl"),
        make_article(EVENTS["quake"][0], article_id="quake"),
    ]
    assert cluster_articles(articles) == [[0], [1], [2]]


def test_identical_reports_join() -> None:
    text = EVENTS["launch"][0]
    articles = [make_article(text, article_id=f"copy-{n}") for n in range(3)]
    assert cluster_articles(articles) == [[0, 1, 2]]


def test_features_given_for_the_documents_give_the_same_stories_and_must_match_them() -> None:
    from storyline.cluster import FeatureExtractor, cluster_documents
    from storyline.pipeline import build_document

    texts = [
        "The ferry Sula Marren ran aground off Halmsey on Friday; all passengers were rescued.",
        "All passengers of the ferry Sula Marren were rescued after it ran aground off Halmsey.",
        "The council of Nordvik approved the harbour budget on Monday after a long debate.",
    ]
    documents = [
        build_document(make_article(text, article_id=f"a{i}")) for i, text in enumerate(texts)
    ]
    features = [FeatureExtractor()(doc) for doc in documents]
    assert cluster_documents(documents, features=features) == cluster_documents(documents)
    with pytest.raises(ValueError, match="one features record per document"):
        cluster_documents(documents, features=features[:2])


@pytest.mark.skipif(not (DUC2004 / "clusters.jsonl").is_file(), reason="DUC 2004 is not here")
def test_a_small_batch_of_reports_of_different_events_mostly_stays_apart() -> None:
    # The first article of each of ten DUC 2004 clusters, five batches: ten events each.
    lines = (DUC2004 / "clusters.jsonl").read_text(encoding="utf-8").splitlines()
    clusters = [json.loads(line) for line in lines]
    firsts = [
        Article(id=cluster["articles"][0]["id"], text=cluster["articles"][0]["text"], source="x")
        for cluster in clusters
    ]
    batches = [firsts[start : start + 10] for start in range(0, 50, 10)]
    stories = [len(cluster_articles(batch)) for batch in batches]
    assert min(stories) >= 9 and sum(stories) >= 46
    # Linked through weak common neighbours, as before ``support_threshold``: 38 stories.
    loose = ClusterSettings(support_threshold=0.0)
    assert sum(len(cluster_articles(batch, settings=loose)) for batch in batches) < 42


@pytest.mark.skipif(not (DUC2004 / "clusters.jsonl").is_file(), reason="DUC 2004 is not here")
def test_ten_reports_of_two_events_are_two_stories(monkeypatch: pytest.MonkeyPatch) -> None:
    # Five reports each of Hun Sen refusing talks abroad and of Castro on Pinochet's arrest:
    # with ten neighbours each report's nine others were all its neighbours, every two
    # profiles were alike, and the ten became one story (``graph.cap_neighbours``).
    lines = (DUC2004 / "clusters.jsonl").read_text(encoding="utf-8").splitlines()
    clusters = {cluster["id"]: cluster for cluster in map(json.loads, lines)}
    batch = [
        Article(id=item["id"], text=item["text"], source="x")
        for name in ("d30001", "d30003")
        for item in clusters[name]["articles"][:5]
    ]
    assert sorted(map(sorted, cluster_articles(batch))) == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    monkeypatch.setattr(
        "storyline.cluster.graph.cap_neighbours", lambda near, *, neighbours: neighbours
    )
    assert len(cluster_articles(batch)) == 1


def test_undated_reports_join_a_dated_story_only_when_they_tell_its_event(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Undated pages are near every article in time: an undated report of the same ferry fire
    # joins the dated story, two undated reports of a museum on the same island do not.
    day = datetime(2023, 3, 3, 9, tzinfo=UTC)
    dated = [
        "A ferry caught fire off the Greek island of Corfu on Friday with 290 passengers aboard. "
        "Coast guard boats took the passengers off the burning ferry, and 11 people are missing.",
        "Greek coast guard boats searched on Friday for 11 people missing after a fire broke out "
        "on a ferry near Corfu. The ferry carried 290 passengers from Igoumenitsa to Italy.",
        "Eleven passengers were still missing on Friday after fire swept a ferry sailing from "
        "Igoumenitsa off Corfu, Greece's coast guard said. Most of the 290 aboard were rescued.",
    ]
    undated = [
        "Fire swept a ferry off Corfu with 290 passengers aboard, and the Greek coast guard "
        "searched for 11 people missing from the ferry that sailed from Igoumenitsa.",
        "Corfu's mayor opened a museum of the island's Venetian history, and Greek officials "
        "said it would draw visitors in winter, when hotels are empty.",
        "A museum of Venetian history opened on Corfu, where the mayor said the Greek island "
        "hopes for visitors in winter.",
    ]
    articles = [
        *reports("fire", dated, day),
        make_article(undated[0], article_id="fire-undated"),
        *reports("museum", undated[1:]),
        *event_articles(day),
    ]
    fire = frozenset(("fire-0", "fire-1", "fire-2", "fire-undated"))
    museum = frozenset(("museum-0", "museum-1"))
    stories = as_id_sets(articles, cluster_articles(articles))
    assert fire in stories and museum in stories
    # Without the gate the museum's reports (mean cosine 0.14 with the fire's) join the fire.
    monkeypatch.setattr("storyline.cluster.graph.DateGate.allows", lambda self, first, second: True)
    assert fire | museum in as_id_sets(articles, cluster_articles(articles))


def test_an_undated_report_does_not_bridge_two_dated_stories_weeks_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A semi-final and the final six weeks later, and an undated report naming both: every
    # profile held it, and the two dated stories were joined through it.
    april = datetime(2023, 4, 14, 18, tzinfo=UTC)
    may = datetime(2023, 5, 25, 18, tzinfo=UTC)
    semi = [
        "Harbour City beat Kilbride 2-1 in the first Northern Cup semi-final at Hampden on "
        "Saturday, with a late header from captain Ross Doyle sending them to the final.",
        "Ross Doyle's late header gave Harbour City a 2-1 win over Kilbride in Saturday's "
        "Northern Cup semi-final at Hampden, and a place in the final next month.",
        "Kilbride manager Ian Shaw said his side were unlucky to lose the Northern Cup "
        "semi-final 2-1 to Harbour City after Ross Doyle scored late at Hampden.",
    ]
    final = [
        "Harbour City won the Northern Cup for the first time in 40 years, beating Glenmore 3-0 "
        "in the final at Hampden on Saturday as Ross Doyle scored twice.",
        "Glenmore were beaten 3-0 by Harbour City in the Northern Cup final at Hampden, where "
        "Ross Doyle's two goals brought the trophy back after 40 years.",
        "Thousands of Harbour City fans lined the streets on Sunday to welcome the team home "
        "with the Northern Cup after Saturday's 3-0 win over Glenmore in the final.",
    ]
    undated = (
        "Harbour City captain Ross Doyle said winning the Northern Cup at Hampden would crown "
        "the season, after goals against Kilbride and Glenmore took his side through."
    )
    articles = [
        *reports("semi", semi, april),
        *reports("final", final, may),
        make_article(undated, article_id="doyle"),
        *event_articles(may),
    ]
    finals = frozenset(f"final-{number}" for number in range(3))
    semis = frozenset(f"semi-{number}" for number in range(3))
    stories = as_id_sets(articles, cluster_articles(articles))
    assert finals in stories and semis | {"doyle"} in stories
    monkeypatch.setattr("storyline.cluster.graph.DateGate._near", lambda self, first, second: True)
    assert finals | semis | {"doyle"} in as_id_sets(articles, cluster_articles(articles))
