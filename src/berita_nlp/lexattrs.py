"""Cheaper lexeme attribute getters, exactly spaCy's values.

spaCy calls ~24 Python getters for every word it has not seen before (the
lexeme's shape, `like_num`, `is_punct`, ...).  News brings ~26 new words
per article even late in an archive (names, numbers, typos), so on a
first pass that is about a third of tokenizing time.  spaCy's getters are
written for clarity: a Python loop over the characters for the shape or
the punctuation test, a list scan for number words, a `partial` around a
one-line function.

Each replacement here answers the common case (a plain ASCII or
alphabetic word) with C-level string methods and hands anything else to
spaCy's own function, so the lexemes are identical: `tests/test_lexattrs.py`
compares every getter with spaCy's over a large word list.  A getter that
is not recognised (another spaCy version, a user's own) is kept as it is.
"""

from __future__ import annotations

import functools
import operator
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from spacy.lang import lex_attrs as base

Getter = Callable[[str], Any]

_ASCII_PUNCT = "".join(c for c in map(chr, range(128)) if unicodedata.category(c).startswith("P"))
_SHAPE_TABLE = str.maketrans(
    {
        **dict.fromkeys(map(chr, range(ord("A"), ord("Z") + 1)), "X"),
        **dict.fromkeys(map(chr, range(ord("a"), ord("z") + 1)), "x"),
        **dict.fromkeys("0123456789", "0"),
    }
)
_SHAPE_OF_CLASSES = functools.lru_cache(maxsize=65_536)(base.word_shape)
"""spaCy's shape of a string already mapped to classes (`Xxxxxxx`): there
are few such strings, so nearly every call is a cache hit."""
_HTTP = ("http://", "https://")
_PREFIX = operator.itemgetter(0)
_SUFFIX = operator.itemgetter(slice(-3, None))

SPEC = "berita_spec"
"""Attribute naming what a closure computes, with its data, so the compiled
vocabulary (`_tokenloop.FastVocab`) can compute the same value without
calling it: `("in_lower", words)`, `("norm", table)`,
`("alpha_in_lower", words, slow)`, `("alpha_in", words, slow)`."""


def _spec(getter: Getter, *spec: Any) -> Getter:
    setattr(getter, SPEC, spec)
    return getter


def _shape(text: str) -> str:
    """`word_shape`: for ASCII, each character becomes a representative of
    its class (`X`, `x`, `0`) by a table lookup, and spaCy's function on
    those representatives (cached) gives the same shape as on the word."""
    if len(text) >= 100 or not text.isascii():
        return base.word_shape(text)
    return _SHAPE_OF_CLASSES(text.translate(_SHAPE_TABLE))  # type: ignore[no-any-return]


def _is_punct(text: str) -> bool:
    if text.isascii():
        return not text.strip(_ASCII_PUNCT)
    return base.is_punct(text)


def _like_url(text: str) -> bool:
    # Without a dot only the scheme test of spaCy's function can succeed.
    if text and "." not in text:
        return text.startswith(_HTTP)
    return base.like_url(text)


def _like_email(text: str) -> bool:
    return "@" in text and base.like_email(text)


def _alpha_or(fast: Getter, slow: Getter) -> Getter:
    """`fast` for alphabetic words, `slow` (spaCy's own) for the rest."""

    def get(text: str) -> Any:
        return fast(text) if text.isalpha() else slow(text)

    return get


def _in_lower(words: frozenset[str]) -> Getter:
    return _spec(lambda text: text.lower() in words, "in_lower", words)


def _partial_of(getter: Any, func: Callable[..., Any]) -> bool:
    return isinstance(getter, functools.partial) and getter.func is func


def fast_getter(getter: Any) -> Getter:
    """The cheaper equivalent of one of spaCy's lexeme getters, or `getter` itself."""
    simple: dict[Any, Getter] = {
        base.lower: str.lower,
        base.prefix: _PREFIX,
        base.suffix: _SUFFIX,
        base.is_alpha: str.isalpha,
        base.is_digit: str.isdigit,
        base.is_lower: str.islower,
        base.is_space: str.isspace,
        base.is_title: str.istitle,
        base.is_upper: str.isupper,
        base.is_ascii: str.isascii,
        base.is_punct: _is_punct,
        base.word_shape: _shape,
        base.like_url: _like_url,
        base.like_email: _like_email,
        base.is_bracket: frozenset(("(", ")", "[", "]", "{", "}", "<", ">")).__contains__,
        base.is_quote: frozenset(
            ('"', "'", "`", "«", "»", "‘", "’", "‚", "‛", "“", "”", "„", "‟", "‹", "›", "❮", "❯", "''", "``")
        ).__contains__,
        base.is_left_punct: frozenset(
            ("(", "[", "{", "<", '"', "'", "«", "‘", "‚", "‛", "“", "„", "‟", "‹", "❮", "``")
        ).__contains__,
        base.is_right_punct: frozenset((")", "]", "}", ">", '"', "'", "»", "’", "”", "›", "❯", "''")).__contains__,
    }
    try:
        if getter in simple:
            return simple[getter]
    except TypeError:  # an unhashable callable
        return getter  # type: ignore[no-any-return]
    if _partial_of(getter, base.is_stop) and set(getter.keywords) == {"stops"} and not getter.args:
        return _in_lower(frozenset(getter.keywords["stops"]))
    if _partial_of(getter, base.get_lang) and set(getter.keywords) == {"lang"} and not getter.args:
        return str(getter.keywords["lang"]).replace("{", "{{").replace("}", "}}").format
    if _is_norm_lookup(getter):
        default, tables = getter.args
        if default is base.lower and len(tables) == 1 and isinstance(tables[0], dict):
            table = dict(tables[0])
            return _spec(lambda text: table[text] if text in table else text.lower(), "norm", table)
    return _id_getter(getter)


def _is_norm_lookup(getter: Any) -> bool:
    from spacy.util import _get_attr_unless_lookup

    return _partial_of(getter, _get_attr_unless_lookup) and not getter.keywords and len(getter.args) == 2


def _id_getter(getter: Any) -> Getter:
    """spaCy's Indonesian `like_num` and `is_currency` (spacy/lang/id/lex_attrs.py)."""
    from .tokenizer import _spacy_id  # the module our vocabulary's getters come from

    id_attrs = _spacy_id("lex_attrs")
    if getter is id_attrs.like_num:
        # An alphabetic word has no sign, separator or digit: only the
        # number-word test of spaCy's function can succeed.
        words = frozenset(id_attrs._num_words)
        return _spec(_alpha_or(_in_lower(words), getter), "alpha_in_lower", words, getter)
    if getter is id_attrs.is_currency:
        # Letters are never currency symbols: only the list test remains.
        listed = frozenset(id_attrs.LIST_CURRENCY)
        return _spec(_alpha_or(listed.__contains__, getter), "alpha_in", listed, getter)
    return getter  # type: ignore[no-any-return]


def fast_getters(getters: Mapping[int, Getter]) -> dict[int, Getter]:
    """`getters` (a vocabulary's `lex_attr_getters`) with each replaced by its cheaper equal."""
    return {attr: fast_getter(g) for attr, g in getters.items()}
