"""Shared test fixtures.

Tests that measure against the third-party material in `../shared` read it
from there and skip cleanly when it is absent; nothing from it is copied
into the project.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """Path under ../shared, or skip the test when it is not there."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared material not available: {p}")
    return p


@pytest.fixture(scope="session")
def seed_text() -> str:
    d = shared_path("seeds")
    return next(d.glob("000_*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def dev_gold() -> list[dict[str, Any]]:
    p = shared_path("eval", "dev.jsonl")
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from berita_nlp.pipeline import default_pipeline

    return default_pipeline()
