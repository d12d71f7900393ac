"""Reports in other languages: they join the story they tell, and are cited, not summarised."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import SEEDS

from storyline.config import Config
from storyline.pipeline import digest
from storyline.store import StoryStore
from storyline.store.update import update_store

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "ferry"
FOREIGN = Path(__file__).resolve().parent / "store" / "data" / "foreign.jsonl"
KIM = {p.stem for p in SEEDS.glob("*.txt")} | {"de-kim", "es-kim"}
FERRY = {
    "coastal_wire",
    "harbour_gazette",
    "island_courier",
    "nordvik_radio",
    "skerry-post-20250315-sula-marren",
    "de-ferry",
}

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")


def test_german_and_spanish_reports_join_the_english_stories_they_tell(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    update_store([SEEDS, EXAMPLE, FOREIGN], db=db, config=Config(), refresh=False)
    with StoryStore(db) as store:
        stories = [set(row.article_ids) for row in store.stories()]
    assert stories == [KIM, FERRY, {"es-quake"}]


def test_digest_joins_across_languages_and_summarises_in_english_citing_the_others() -> None:
    result = digest([SEEDS, EXAMPLE, FOREIGN])
    by_articles = {frozenset(story.article_ids): story for story in result.stories}
    assert set(by_articles) == {frozenset(KIM), frozenset(FERRY), frozenset({"es-quake"})}
    kim = by_articles[frozenset(KIM)]
    language = {article.id: article.language for article in result.articles}
    for sentence in kim.summary.sentences:
        assert language[sentence.sources[0].article] == "en"
    cited = {source.article for s in kim.summary.sentences for source in s.sources}
    assert cited & {"de-kim", "es-kim"}, "no sentence cites the German or Spanish report"
    texts = {article.id: article.text for article in result.articles}
    for s in kim.summary.sentences:
        for source in s.sources:
            assert texts[source.article][source.start : source.end] == source.quote
