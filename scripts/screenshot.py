"""Make the README's picture of a story page: docs/story-page.png, from the bundled ferry example.

    python scripts/screenshot.py [--out docs/story-page.png]

Builds a store from examples/ferry in a temporary folder with ``storyline ingest``, starts
``storyline serve`` over it on a free port of 127.0.0.1, opens the story in headless Chromium
(Debian's ``chromium``, driven by Playwright), hovers the first source marker so its quote shows,
and saves a full-page screenshot. Needs ``chromium`` on PATH and the ``playwright`` package (no
Playwright browser download).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from storyline.web.local_server import free_port, stop_process, wait_until_answering

REPO = Path(__file__).resolve().parents[1]
FERRY = REPO / "examples" / "ferry"
STORYLINE = [sys.executable, "-c", "from storyline.cli.app import main; main()"]
SERVER_START_SECONDS = 30.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "story-page.png")
    parser.add_argument("--width", type=int, default=1280, help="viewport width in CSS pixels")
    parser.add_argument("--height", type=int, default=900, help="viewport height in CSS pixels")
    options = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        print("screenshot: no chromium on PATH (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="storyline-screenshot-") as folder:
        db = Path(folder) / "storyline.db"
        subprocess.run([*STORYLINE, "ingest", str(FERRY), "--db", str(db)], check=True)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        log_path = Path(folder) / "serve.log"
        with log_path.open("wb") as log:
            server = subprocess.Popen(
                [*STORYLINE, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            if not wait_until_answering(url + "/", server, timeout_s=SERVER_START_SECONDS):
                print(log_path.read_text(errors="replace"), file=sys.stderr)
                print("screenshot: storyline serve did not start", file=sys.stderr)
                return 1
            shoot(url, chromium=chromium, out=options.out, size=(options.width, options.height))
        finally:
            stop_process(server)
    print(f"screenshot: wrote {options.out}", file=sys.stderr)
    return 0


def shoot(url: str, *, chromium: str, out: Path, size: tuple[int, int]) -> None:
    width, height = size
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=["--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(url + "/")
        page.locator("a.story-link").first.click()
        page.wait_for_load_state("networkidle")
        marker = page.locator("#summary .source-marker").first
        marker.hover()
        marker.locator("xpath=following-sibling::*[1]").wait_for(state="visible")
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out), full_page=True)
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
