"""One forking worker for all crash tests (its start-up costs about a second)."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from tests.crash.harness import Worker


@pytest.fixture(scope="session")
def crash_worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Worker]:
    if sys.platform == "win32":
        pytest.skip("SIGKILL and fork are POSIX")
    worker = Worker(tmp_path_factory.mktemp("crash-home"))
    yield worker
    worker.close()
