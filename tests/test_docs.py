"""The complete record shown in docs/record.md is what the library produces today."""

from __future__ import annotations

import json
import re

import berita_nlp
from conftest import ROOT


def test_record_example_in_docs_is_current() -> None:
    doc = (ROOT / "docs" / "record.md").read_text(encoding="utf-8")
    part = doc.split("## A complete record", 1)[1]
    text = re.search(r"```text\n(.*?)\n```", part, re.S).group(1)  # type: ignore[union-attr]
    shown = json.loads(re.search(r"```json\n(.*?)\n```", part, re.S).group(1))  # type: ignore[union-attr]
    rec = berita_nlp.extract(text, published="2024-02-06", id="contoh-1").to_dict()
    assert rec == shown, "regenerate the example in docs/record.md"
