"""Shared test set-up: Qt offscreen, and where the shared corpus and gold files are."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder beside the checkout (corpus, gold, score.py); tests needing it skip without it."""
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED
