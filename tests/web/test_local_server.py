"""The helpers that run `storyline serve` as a child process for tests and benchmarks."""

from __future__ import annotations

import socket
import subprocess
import sys

from storyline.web.local_server import free_port, stop_process, wait_until_answering


def test_a_free_port_can_be_bound() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", free_port()))


def test_waiting_ends_when_the_process_exits_and_stopping_ends_a_running_one() -> None:
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait(timeout=30)
    assert not wait_until_answering(f"http://127.0.0.1:{free_port()}/", done, timeout_s=30)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    stop_process(sleeper)
    assert sleeper.returncode is not None
