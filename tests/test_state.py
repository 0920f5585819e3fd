"""The state helpers give exactly what spaCy's own calls give.

`get_state` reads `doc.user_data` instead of going through `doc._`, and
`set_spans` must keep giving `Doc.char_span(..., alignment_mode="expand")`
whatever shortcut it takes; both must stay indistinguishable from the
spaCy calls.
"""

from __future__ import annotations

import functools

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from berita_nlp.state import ArticleState, get_state, set_spans
from berita_nlp.tokenizer import blank

TEXTS = [
    "Bupati Sukamaju, Drs. Hendra Wiratmaja, M.Si., meresmikan jembatan pada Senin (5/2/2024).",
    "  Dua  spasi\n\ndan baris baru\t\ttab.  ",
    "BACA JUGA: Jalan Desa Diperbaiki\n\nEditor: Rina",
    "x",
    "(((( " * 3,
    "Rp 1,2 miliar untuk 14 desa -- kata-kata, e-KTP; www.contoh.id",
]


@functools.lru_cache(maxsize=1)
def _nlp() -> Language:
    return blank()


def _reference(doc: Doc, items: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out = []
    for s, e, label in items:
        sp = doc.char_span(s, e, label=label, alignment_mode="expand")
        if sp is not None:
            out.append((sp.start, sp.end, sp.label_, sp.start_char, sp.end_char, sp.kb_id, sp.id))
    return out


def _ours(doc: Doc, items: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    set_spans(doc, "t", items)
    return [(sp.start, sp.end, sp.label_, sp.start_char, sp.end_char, sp.kb_id, sp.id) for sp in doc.spans["t"]]


def test_every_offset_pair_matches_char_span() -> None:
    for text in TEXTS:
        doc = _nlp()(text)
        n = len(text)
        items = [(s, e, "L") for s in range(-2, n + 3) for e in range(max(s, -1), n + 3)]
        assert _ours(doc, items) == _reference(doc, items), text


def _outcome(fn: object, doc: Doc, items: list[tuple[int, int, object]]) -> object:
    try:
        return fn(doc, items)  # type: ignore[operator]
    except Exception as e:  # noqa: BLE001 - the exception type is what is compared
        return type(e)


def test_odd_items_behave_as_char_span() -> None:
    """Backward pairs, empty and symbol labels, offsets past int32: the same
    spans, or the same exception, as spaCy's own calls."""
    labels: list[object] = ["L", "", "X", "PERSON"]
    for text in TEXTS:
        doc = _nlp()(text)
        n = len(text)
        for label in labels:
            for s in range(-1, n + 2):
                for e in (s - 3, s - 1, s, n + 1):
                    items = [(s, e, label)]
                    assert _outcome(_ours, doc, items) == _outcome(_reference, doc, items), (text, s, e, label)
        for big in ((2**31, 2**31 + 1, "L"), (0, 2**40, "L")):
            assert _outcome(_ours, doc, [big]) == _outcome(_reference, doc, [big])


def test_compiled_group_is_used_when_built() -> None:
    from berita_nlp import state
    from berita_nlp.tokenizer import compiled_loop

    assert (state._span_group() is not None) == (compiled_loop() is not None)


def test_empty_doc_has_no_spans() -> None:
    doc = _nlp()("")
    set_spans(doc, "t", [(0, 0, "L"), (0, 1, "L")])
    assert list(doc.spans["t"]) == []


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab1.,-( )\n\t\"'/")), max_size=40),
    st.lists(st.tuples(st.integers(-3, 45), st.integers(0, 8)), max_size=12),
)
def test_random_offsets_match_char_span(text: str, pairs: list[tuple[int, int]]) -> None:
    doc = _nlp()(text)
    items = [(s, s + w, "X") for s, w in pairs]
    assert _ours(doc, items) == _reference(doc, items)


def test_state_is_the_underscore_value() -> None:
    doc = _nlp()("Teks pendek.")
    st_ = get_state(doc)
    assert isinstance(st_, ArticleState)
    assert doc._.berita is st_
    assert get_state(doc) is st_
    other = ArticleState(id="x")
    doc._.berita = other
    assert get_state(doc) is other
