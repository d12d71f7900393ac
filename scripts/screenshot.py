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
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

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
            if not wait_until_answering(url, server):
                print(log_path.read_text(errors="replace"), file=sys.stderr)
                print("screenshot: storyline serve did not start", file=sys.stderr)
                return 1
            shoot(url, chromium=chromium, out=options.out, size=(options.width, options.height))
        finally:
            stop(server)
    print(f"screenshot: wrote {options.out}", file=sys.stderr)
    return 0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_answering(url: str, server: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url + "/", timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    return False


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


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
