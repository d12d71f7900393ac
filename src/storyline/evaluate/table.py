"""Render an evaluation report: a plain-text table for people, a dict for JSON output."""

from __future__ import annotations

from storyline.evaluate.duc import STORYLINE, EvalReport, SystemScores

_HEADERS = ("system", "R-1 recall", "R-1 F1", "R-2 recall", "R-2 F1")


def ranked_systems(report: EvalReport) -> list[SystemScores]:
    """The report's systems by ROUGE-2 recall, best first (ties by name)."""
    return sorted(report.systems, key=lambda system: (-system.scores.rouge2_recall, system.system))


def render_table(report: EvalReport) -> str:
    """One plain-text table of every system, best ROUGE-2 recall first; storyline's row marked."""
    rows = []
    for system in ranked_systems(report):
        marker = "*" if system.system == STORYLINE else " "
        name = system.system + (f" ({len(system.missing)} missing)" if system.missing else "")
        scores = system.scores
        rows.append(
            (
                f"{marker} {name}",
                f"{scores.rouge1_recall:.2f}",
                f"{scores.rouge1_f1:.2f}",
                f"{scores.rouge2_recall:.2f}",
                f"{scores.rouge2_f1:.2f}",
            )
        )
    headers = (f"  {_HEADERS[0]}", *_HEADERS[1:])
    widths = [max(len(row[col]) for row in (headers, *rows)) for col in range(len(headers))]

    def format_row(row: tuple[str, ...]) -> str:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        return "  ".join(cells)

    lines = [format_row(headers), "  ".join("-" * width for width in widths)]
    lines += [format_row(row) for row in rows]
    lines.append("")
    lines.append(
        f"* storyline; {len(report.runs)} clusters, summaries cut to {report.max_words} words; "
        f"seconds per cluster: mean {report.mean_seconds:.3f}, max {report.max_seconds:.3f}"
    )
    return "\n".join(lines) + "\n"


def report_as_dict(report: EvalReport) -> dict[str, object]:
    """The report as plain JSON-ready data (scores in percent, systems best first)."""
    return {
        "clusters": len(report.runs),
        "max_words": report.max_words,
        "systems": [
            {
                "system": system.system,
                "rouge1_recall": system.scores.rouge1_recall,
                "rouge1_f1": system.scores.rouge1_f1,
                "rouge2_recall": system.scores.rouge2_recall,
                "rouge2_f1": system.scores.rouge2_f1,
                "missing": list(system.missing),
            }
            for system in ranked_systems(report)
        ],
        "seconds_per_cluster": {"mean": report.mean_seconds, "max": report.max_seconds},
        "runs": [{"id": run.id, "seconds": run.seconds} for run in report.runs],
    }
