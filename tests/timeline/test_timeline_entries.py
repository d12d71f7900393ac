"""A story's timeline from dated statements: one entry per event, background, dating conflicts."""

from __future__ import annotations

from datetime import UTC, datetime

from builders import make_article

from storyline.config import Config
from storyline.model import Document, TimeMention
from storyline.pipeline import build_document
from storyline.terms import TermExtractor
from storyline.timeline.entries import MentionIndex, build_timeline

_PUBLISHED = datetime(2025, 3, 14, 12, tzinfo=UTC)


def _documents(*texts: str) -> list[Document]:
    return [
        build_document(make_article(text, article_id=f"a{i}", published=_PUBLISHED))
        for i, text in enumerate(texts)
    ]


def _mentions(documents: list[Document], dated: dict[str, str]) -> MentionIndex:
    """Each phrase of ``dated`` found in a sentence becomes a mention with the given date."""
    index: dict[tuple[str, int], list[TimeMention]] = {}
    for document in documents:
        for sent in document.sentences:
            for phrase, when in dated.items():
                offset = sent.text.find(phrase)
                if offset == -1:
                    continue
                index.setdefault((sent.article_id, sent.index), []).append(
                    TimeMention(
                        article_id=sent.article_id,
                        sentence=sent.index,
                        start=sent.start + offset,
                        end=sent.start + offset + len(phrase),
                        text=phrase,
                        when=when,
                        granularity="day" if len(when) == 10 else "year",
                        relative=len(when) == 10,
                    )
                )
    return index


def _timeline(documents: list[Document], dated: dict[str, str]):  # type: ignore[no-untyped-def]
    return build_timeline(
        documents, _mentions(documents, dated), terms=TermExtractor(), config=Config()
    )


def test_one_event_told_by_two_reports_is_one_entry_with_both_sources() -> None:
    documents = _documents(
        "The ferry Sula Marren ran aground on the Corran Ledge on Friday morning.",
        "On Friday the ferry Sula Marren ran aground off Halmsey on the Corran Ledge.",
    )
    entries, _ = _timeline(documents, {"on Friday": "2025-03-14", "On Friday": "2025-03-14"})
    (entry,) = entries
    assert entry.when == "2025-03-14"
    assert {citation.article for citation in entry.sources} == {"a0", "a1"}
    assert not entry.background


def test_entries_are_in_time_order_and_old_events_are_background() -> None:
    documents = _documents(
        "Investigators boarded the grounded ferry Sula Marren on Saturday afternoon. "
        "The ferry ran aground on the Corran Ledge on Friday morning. "
        "The same ferry line lost a smaller vessel on the ledge in 1958 during a winter gale.",
    )
    entries, _ = _timeline(
        documents, {"on Saturday": "2025-03-15", "on Friday": "2025-03-14", "in 1958": "1958"}
    )
    assert [entry.when for entry in entries] == ["1958", "2025-03-14", "2025-03-15"]
    assert [entry.background for entry in entries] == [True, False, False]


def test_the_same_statement_dated_differently_is_a_disagreement() -> None:
    documents = _documents(
        "The leader left the capital by armoured train on Saturday for the summit.",
        "The leader left the capital by armoured train on Sunday for the summit.",
    )
    _, (disagreement,) = _timeline(
        documents, {"on Saturday": "2025-03-08", "on Sunday": "2025-03-09"}
    )
    assert sorted(claim.value for claim in disagreement.claims) == ["2025-03-08", "2025-03-09"]
    assert "2025-03-08" in disagreement.note and "2025-03-09" in disagreement.note


def test_every_entry_source_quotes_its_article_at_its_offsets() -> None:
    documents = _documents(
        "The ferry Sula Marren ran aground on the Corran Ledge on Friday morning.",
        "Divers will inspect the hull of the ferry on Monday, the operator said.",
    )
    entries, _ = _timeline(documents, {"on Friday": "2025-03-14", "on Monday": "2025-03-17"})
    texts = {document.article.id: document.article.text for document in documents}
    assert entries
    for entry in entries:
        for citation in entry.sources:
            assert texts[citation.article][citation.start : citation.end] == citation.quote


def test_a_report_giving_another_figure_is_not_a_source_of_the_entry() -> None:
    documents = _documents(
        "The ferry Sula Marren ran aground on the Corran Ledge on Friday with 212 passengers.",
        "On Friday the ferry Sula Marren ran aground on the Corran Ledge with 212 passengers.",
        "The ferry Sula Marren ran aground on the Corran Ledge on Friday with 214 passengers.",
    )
    entries, _ = _timeline(documents, {"on Friday": "2025-03-14", "On Friday": "2025-03-14"})
    sources = {entry.text: {citation.article for citation in entry.sources} for entry in entries}
    assert sources == {
        documents[0].article.text: {"a0", "a1"},
        documents[2].article.text: {"a2"},
    }
    assert all(entry.when == "2025-03-14" for entry in entries)


def test_a_report_adding_a_figure_is_still_a_source() -> None:
    documents = _documents(
        "The ferry Sula Marren ran aground on the Corran Ledge on Friday morning.",
        "The ferry Sula Marren ran aground on the Corran Ledge on Friday with 212 passengers.",
    )
    (entry,) = _timeline(documents, {"on Friday": "2025-03-14"})[0]
    assert {citation.article for citation in entry.sources} == {"a0", "a1"}


def test_a_writers_first_person_is_no_event_but_a_quoted_speakers_is() -> None:
    documents = _documents(
        "Today it took me less than twenty minutes to cross the harbour bridge.",
        '"I will resign on Friday," the harbour master told reporters in Halmsey.',
        "World War I ended in 1918, the plaque on the harbour wall says.",
    )
    entries, _ = _timeline(
        documents, {"Today": "2025-03-14", "on Friday": "2025-03-14", "in 1918": "1918"}
    )
    assert sorted(entry.sources[0].article for entry in entries) == ["a1", "a2"]
