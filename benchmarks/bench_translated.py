"""Story clustering with reports in another language mixed in: DUC 2004 with some articles
machine-translated into Spanish.

    apt-get install apertium-en-es      # Debian's English-Spanish machine translation
    python benchmarks/bench_translated.py [--out DIR] [--seeds 0] [--similarity 0.65]
                                          [--modes batch stream store]

Real streams mix languages, and a report in Spanish must neither join Spanish reports of other
events nor stay away from the English story it tells. This builds two mixes of the 500 DUC 2004
articles (read from ``../shared/eval/`` beside the repository; the translations are written to
``--out``, never to the repository), translating English articles with Apertium:

- ``one-each``: the fourth article of every cluster in Spanish (50 Spanish articles, each the
  only Spanish report of its event);
- ``whole-clusters``: every article of every fifth cluster in Spanish, and the fourth article of
  the others (140 Spanish articles).

Both are scored by ``storyline eval-clusters`` (B-cubed against the clusters, in batch, stream
and store), as the README's table gives them. Apertium's Spanish is rough (untranslated words are
marked, and stripped of their marks here), which makes joining across languages harder than with
reports written in Spanish.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from storyline.cluster import ClusterSettings
from storyline.evaluate.clusters import (
    MODES,
    evaluate_clustering,
    load_labelled_articles,
    render_clustering_table,
)

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
TRANSLATED_ARTICLE = 3  # the fourth article of a cluster
WHOLE_CLUSTER_EVERY = 5


def translate(text: str) -> str:
    """``text`` in Spanish by Apertium, without its marks of unknown (*, #) or ambiguous (@)
    words."""
    done = subprocess.run(
        ["apertium", "eng-spa"], input=text, capture_output=True, text=True, check=True
    )
    return done.stdout.translate(str.maketrans("", "", "*#@"))


def build_mixes(clusters_path: Path, out: Path) -> dict[str, Path]:
    """Write the two mixes (``one-each``, ``whole-clusters``) as clusters files in ``out``."""
    clusters = [json.loads(line) for line in clusters_path.open(encoding="utf-8")]
    wanted = {
        (number, position)
        for number, cluster in enumerate(clusters)
        for position in range(len(cluster["articles"]))
        if position == TRANSLATED_ARTICLE or number % WHOLE_CLUSTER_EVERY == 0
    }
    jobs = sorted(wanted)
    with ThreadPoolExecutor(4) as pool:
        texts = pool.map(lambda job: translate(clusters[job[0]]["articles"][job[1]]["text"]), jobs)
        spanish = dict(zip(jobs, texts, strict=True))
    paths = {}
    for name in ("one-each", "whole-clusters"):
        path = out / f"duc2004-{name}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for number, cluster in enumerate(clusters):
                articles = []
                for position, article in enumerate(cluster["articles"]):
                    whole = name == "whole-clusters" and number % WHOLE_CLUSTER_EVERY == 0
                    if position == TRANSLATED_ARTICLE or whole:
                        text = spanish[(number, position)]
                        articles.append({"id": f"{article['id']}-es", "text": text})
                    else:
                        articles.append({"id": article["id"], "text": article["text"]})
                handle.write(json.dumps({"id": cluster["id"], "articles": articles}) + "\n")
        paths[name] = path
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/storyline-translated"))
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument(
        "--similarity",
        type=float,
        default=ClusterSettings().cross_language_similarity,
        help="ClusterSettings.cross_language_similarity (a report in another language joins a "
        "story at this cosine of lead embeddings)",
    )
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    args = parser.parse_args(argv)
    settings = ClusterSettings(cross_language_similarity=args.similarity)
    if shutil.which("apertium") is None:
        print("apertium is not installed: apt-get install apertium-en-es", file=sys.stderr)
        return 2
    clusters = SHARED / "duc2004" / "clusters.jsonl"
    if not clusters.is_file():
        print(f"{clusters} is not here", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for name, path in build_mixes(clusters, args.out).items():
        data = load_labelled_articles(path)
        spanish = sum(article.language == "es" for article in data.articles)
        print(f"## {name}: {len(data.articles)} articles, {spanish} identified as Spanish")
        report = evaluate_clustering(data, seeds=args.seeds, settings=settings, modes=args.modes)
        print(render_clustering_table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
