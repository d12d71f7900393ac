"""Date facts: the date is the fact, the event's first words say what it is about."""

from __future__ import annotations

from storyline.facts.key_facts import date_facts
from storyline.model import Citation, TimelineEntry


def _entry(when: str, text: str, articles: list[str], *, background: bool = False) -> TimelineEntry:
    sources = tuple(Citation(article, 0, 0, len(text), text) for article in articles)
    return TimelineEntry(when=when, text=text, sources=sources, background=background)


def test_a_date_fact_states_the_date_and_what_happened_on_it() -> None:
    long = "The ferry ran aground on the Corran Ledge off Halmsey early on Friday in high winds."
    (fact,) = date_facts(
        [
            _entry("2025-03-14", long, ["a", "b"]),
            _entry("2025-03-15", "Investigators boarded the ship on Saturday.", ["a"]),
            _entry("2019", "The ship ran aground once before, in 2019.", ["a", "b"]),
            _entry(
                "2024-11-02", "It passed a safety check in November.", ["a", "b"], background=True
            ),
        ]
    )
    assert fact.kind == "date"
    assert fact.text == fact.value == "2025-03-14"
    assert fact.about == "when: The ferry ran aground on the Corran Ledge off Halmsey early on …"
    assert [source.article for source in fact.sources] == ["a", "b"]


def test_a_short_statement_is_not_marked_as_cut() -> None:
    (fact,) = date_facts([_entry("2025-03-15", "Investigators boarded on Saturday.", ["a", "b"])])
    assert fact.about == "when: Investigators boarded on Saturday."
