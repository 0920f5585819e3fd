"""Fast Indonesian tokenizer for news text.

Why not `spacy.blank("id")`: its tokenizer is built from ~16,000 special
cases, almost all hyphenated reduplications (`kunang-kunang`) plus their
case variants.  Building that table is most of its ~2-3 s load time, and at
run time the special-case matcher, the words it refuses to cache and the
small (10,000 chunk) cache cost throughput.

This tokenizer keeps spaCy's Indonesian punctuation rules (prefixes,
suffixes, infixes), so ordinary tokens come out the same, and replaces the
exception table by ONE `token_match` regex made of rules plus two small data
tables (`data/tokenizer_abbreviations.tsv`, `data/tokenizer_hyphen_words.tsv`):

* reduplications stay one token by rule: `anak-anak`, `Undang-Undang`,
  `berbeda-beda`, `sehari-hari`, `satu-satunya`, `tolong-menolong`,
  `putra-putri`, plus the listed rhyming pairs (`bolak-balik`);
* dotted degrees and titles stay one token: `M.Si.`, `S.I.K.`, `Ph.D.` by rule,
  `Dr.`, `drg.`, `Hj.`, `MPPM.` from the list;
* numeric dates stay one token: `5/2/2024`, `9-5-2018`, `(5/2/24)` gives
  `(`, `5/2/24`, `)`; `e-KTP` style words stay one token.

Pairs of two words joined by a hyphen (`Jakarta-Bandung`, `suami-istri`)
split, so each word can carry its own span.  Because `token_match` results
are cached like any other chunk and the cache is large, the tokenizer runs
mostly from its cache on real news.

Whitespace-free chunks longer than `LONG_CHUNK` characters (never language:
1 MB of `((((`, base64, glued digits) are cut into plain PIECE-character
tokens instead of going through the affix rules: spaCy's affix loop
re-slices the chunk once per stripped character, which is quadratic on
such input.
"""

from __future__ import annotations

import functools
import importlib
import importlib.machinery
import importlib.util
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import spacy
from spacy.language import BaseDefaults, Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex, registry
from spacy.vocab import Vocab
from thinc.api import Config

from .datafiles import tsv_rows
from .patterns import first_chars, trie_regex

CACHE_SIZE = 400_000
"""Chunks kept in the tokenizer cache; spaCy's default 10,000 is exhausted by
~200 news articles, after which every new chunk runs the affix regexes again."""

LONG_CHUNK = 256
"""A whitespace-free chunk at least this long takes the piecewise path."""

PIECE = 64
"""Length of the plain tokens a long chunk is cut into."""

MAX_LENGTH = 100_000_000
"""`nlp.max_length`: the berita components are regex passes over the text,
linear in its length, so spaCy's 1,000,000-character guard (meant for
parsers) would only turn long articles into errors."""

REDUP_SUFFIXES = ("nya", "an", "kan", "i", "lah", "kah", "pun", "annya", "kannya", "ku", "mu", "nyalah", "nyapun")
"""Endings allowed after the copy in a reduplication (`satu-satunya`,
`kemerah-merahan`, `mata-matai`)."""

_NO_EXCEPTIONS: dict[str, list[dict[str, Any]]] = {}
"""The special-case table: empty, everything is in `token_match_pattern`."""

_L = r"[^\W\d_]"  # one letter (any script)


@functools.lru_cache(maxsize=1)
def abbreviations() -> tuple[str, ...]:
    """Listed abbreviations that stay one token (exact case)."""
    return tuple(dict.fromkeys(r[0].strip() for r in tsv_rows("tokenizer_abbreviations.tsv")))


@functools.lru_cache(maxsize=1)
def hyphen_words() -> tuple[str, ...]:
    """Listed lexicalised hyphenated words (lowercase)."""
    return tuple(dict.fromkeys(r[0].strip().lower() for r in tsv_rows("tokenizer_hyphen_words.tsv")))


def _trie(words: tuple[str, ...]) -> str:
    """Regex for a word list as a character trie.

    A flat `a|b|c` alternation makes the engine try every entry at each
    call; the trie decides on the first character, so the cost of a failed
    match does not grow with the list.
    """
    return trie_regex(words) or "(?!)"


def _base_exceptions() -> tuple[str, ...]:
    """spaCy's shared one-token exceptions, minus those holding a digit.

    Emoticons such as `8)` and `:3` would glue a bracket to a number in
    `(6/8)`, which breaks date spans; whitespace and multi-token entries
    cannot be expressed as a token match and are left to the rules.
    """
    from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS

    return tuple(
        k
        for k, v in BASE_EXCEPTIONS.items()
        if len(v) == 1 and k.strip() == k and k and not any(c.isspace() or c.isdigit() for c in k)
    )


@functools.lru_cache(maxsize=1)
def token_match_pattern() -> str:
    """The single `token_match` pattern: a chunk it fully matches stays one token.

    Every quantifier is bounded, so a failed match costs a constant number
    of steps whatever the chunk (the affix loop calls it once per strip).
    """
    suf = "(?-i:" + _trie(REDUP_SUFFIXES) + ")"
    hyphenated = [
        # copy reduplication with optional prefix and ending: anak-anak, berbeda-beda, satu-satunya
        rf"{_L}{{0,12}}(?P<r>{_L}{{2,30}})-(?P=r){suf}?",
        # prefixed copy: tolong-menolong, bahu-membahu, tukar-menukar, surat-menyurat
        rf"{_L}?(?P<m>{_L}{{3,30}})-(?:me|pe|be|ber)(?:ng|ny|n|m|r)?(?P=m){suf}?",
        # vowel pair: putra-putri, siswa-siswi, warna-warni, serba-serbi
        rf"(?P<v>{_L}{{2,30}})[aeiou]-(?P=v)[aeiou]{suf}?",
        # listed rhyming pairs, with optional prefix and ending: bolak-balik, membolak-balikkan
        rf"{_L}{{0,6}}{_trie(hyphen_words())}{suf}?",
        # e- words: e-KTP, e-Samsat, e-tilang
        r"e-[^\W\d_]\w{1,30}",
    ]
    alts = [
        # listed abbreviations, exact case: Dr. drg. Hj. MPPM. No.
        _trie(abbreviations()),
        # spaCy's language-independent exceptions (`a.` list markers, `:)`), see _base_exceptions
        _trie(_base_exceptions()),
        # dotted abbreviations of two or more capitalised parts: M.Si. S.Sos. Ph.D. A.Md.Keb. S.I.K. LL.M.
        r"(?:[A-Z][A-Za-z]{0,4}\.){2,6}",
        # hyphenated words, tried only when a hyphen follows a run of letters
        rf"(?i:(?={_L}{{1,45}}-)(?:" + "|".join(hyphenated) + "))",
        # numeric dates with one separator kind: 5/2/2024 9-5-2018 05.02.24
        r"\d{1,2}(?P<d>[/.-])\d{1,2}(?P=d)(?:\d{4}|\d{2})",
    ]
    return "^(?:" + "|".join(alts) + ")$"


_SHADOW = "spacy.lang._berita_id"


def _spacy_id(name: str) -> ModuleType:
    """Import one module of `spacy.lang.id` WITHOUT running its package `__init__`.

    Importing `spacy.lang.id` runs `tokenizer_exceptions.py`, which builds
    the 16k-entry table this module exists to avoid (~60 ms, a tenth of our
    load time).  The same files are imported through a shadow package
    (`spacy.lang._berita_id`, path = spacy/lang/id) so their relative imports
    resolve to spaCy's own modules; the real `spacy.lang.id` is untouched and
    `spacy.blank("id")` still works in the same process.
    """
    if "spacy.lang.id" in sys.modules:  # already paid for: use the real one
        return importlib.import_module(f"spacy.lang.id.{name}")
    if _SHADOW not in sys.modules:
        where = str(Path(spacy.__file__).parent / "lang" / "id")
        spec = importlib.machinery.ModuleSpec(_SHADOW, None, is_package=True)
        spec.submodule_search_locations = [where]
        pkg = importlib.util.module_from_spec(spec)
        sys.modules[_SHADOW] = pkg
    return importlib.import_module(f"{_SHADOW}.{name}")


@functools.lru_cache(maxsize=1)
def _punctuation() -> tuple[Any, Any, Any, Any]:
    # spaCy's Indonesian punctuation rules: same ordinary tokens as blank("id").
    from spacy.lang.tokenizer_exceptions import URL_MATCH

    p = _spacy_id("punctuation")
    return p.TOKENIZER_PREFIXES, p.TOKENIZER_SUFFIXES, p.TOKENIZER_INFIXES, URL_MATCH


_LONG_RE = re.compile(rf"(?<!\S)\S{{{LONG_CHUNK},}}")


class _LongChunk(ValueError):
    """Raised by the affix search on a chunk too long for spaCy's affix loop."""


class _ChunkSearch:
    """A prefix/suffix/URL regex as spaCy calls it, with two shortcuts.

    `guard`: refuse chunks longer than LONG_CHUNK.  spaCy calls the prefix
    search on every chunk it has not cached, before anything else, so this
    is where a pathological chunk is seen first at no cost to the fast path
    (a whole-text pre-scan would cost a third of the tokenizer's time).

    A long whitespace run is one token and no rule applies to it, so every
    search returns nothing at once instead of trying each rule at each of
    its positions.

    `letters_pass`: a chunk of letters only cannot carry a suffix or an
    infix or be a URL under spaCy's rules (each needs punctuation, a digit
    or a symbol; `tests/test_tokenizer.py` checks every letter of Unicode),
    so the regex, which otherwise tries every rule at every position, is
    skipped for the plain words that make up most of the text.  (Prefixes
    get no such pass: `Rp` and `USD` are prefixes made of letters.)

    `firsts`: the characters a match can begin with (`patterns.first_chars`)
    for a regex only tried at the chunk's start: the prefix rules.  A chunk
    starting with anything else (a lower-case letter: most words) cannot
    have a prefix, and a set lookup says so.

    `newline`: for the suffix rules, where `$` may also match before a final
    newline (see `_suffix_regex`), chunks holding a newline are searched
    with spaCy's own regex, built on first need.  In practice only
    whitespace runs hold one, and no suffix rule matches whitespace
    (`tests/test_tokenizer.py`), so they get None at once.

    `skip_letters`: for the suffix rules, when no rule can begin on an
    ASCII letter that follows a letter or the chunk's start (see
    `_suffix_skips_letters`), the search starts after the chunk's leading
    ASCII letters: `nasional.` is tried at the dot only, not at each of
    its ten positions (a suffix search cost ~2 us per such chunk).

    `pattern` keeps `Tokenizer.to_bytes()` working.
    """

    def __init__(
        self,
        rx: re.Pattern[str],
        *,
        guard: bool = False,
        letters_pass: bool = False,
        newline: Callable[[], re.Pattern[str]] | None = None,
        firsts: frozenset[str] | None = None,
        skip_letters: bool = False,
    ) -> None:
        self._rx = rx
        self._firsts = firsts
        self._guard = guard
        self._letters_pass = letters_pass
        self._newline = newline
        self._skip_letters = skip_letters
        self.pattern = rx.pattern

    def _long(self, chunk: str) -> bool:
        """For a chunk longer than LONG_CHUNK: True to skip it (whitespace),
        False to search it, or `_LongChunk` from the guarded search."""
        if chunk.isspace():
            return True
        if self._guard:
            raise _LongChunk(len(chunk))
        return False

    # The tests are inlined in each method: these run for every new chunk,
    # and a helper call cost as much as the regex it spared.

    def search(self, chunk: str) -> re.Match[str] | None:
        if (len(chunk) > LONG_CHUNK and self._long(chunk)) or (self._letters_pass and chunk.isalpha()):
            return None
        if self._firsts is not None and chunk[:1] not in self._firsts:
            return None
        if self._newline is not None and "\n" in chunk:
            return None if chunk.isspace() else self._newline().search(chunk)
        if self._skip_letters:
            return self._rx.search(chunk, len(chunk) - len(chunk.lstrip(_ASCII_LETTERS)))
        return self._rx.search(chunk)

    def match(self, chunk: str) -> re.Match[str] | None:
        if (len(chunk) > LONG_CHUNK and self._long(chunk)) or (self._letters_pass and chunk.isalpha()):
            return None
        return self._rx.match(chunk)

    def finditer(self, chunk: str) -> Iterator[re.Match[str]]:
        if (len(chunk) > LONG_CHUNK and self._long(chunk)) or (self._letters_pass and chunk.isalpha()):
            return iter(())
        return self._rx.finditer(chunk)


_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
class _TokenMatch:
    """`token_match` (`token_match_pattern`) with a gate for plain words.

    spaCy calls it at least twice for every new chunk.  Outside its two
    word lists (abbreviations, spaCy's exceptions), every branch of the
    pattern needs `.`, `-`, `/` or a newline (dotted abbreviations and dates,
    hyphenated words, and `$` before a final newline); a chunk with none of them
    that is not listed cannot match, and a set lookup says so instead of
    the regex (~0.5 us).  `pattern` keeps `Tokenizer.to_bytes()` working.
    """

    def __init__(self, rx: re.Pattern[str], listed: frozenset[str]) -> None:
        self._rx = rx
        self._listed = listed
        self.pattern = rx.pattern

    def match(self, chunk: str) -> re.Match[str] | None:
        if (
            "." not in chunk
            and "-" not in chunk
            and "/" not in chunk
            and "\n" not in chunk
            and chunk not in self._listed
        ):
            return None
        return self._rx.match(chunk)


@functools.lru_cache(maxsize=1)
def _token_match() -> _TokenMatch:
    return _TokenMatch(re.compile(token_match_pattern()), frozenset((*abbreviations(), *_base_exceptions())))


PURE_ENV = "BERITA_NLP_PURE_TOKENIZER"
"""Set this environment variable (to anything but empty) to skip the
compiled loop: for comparing both paths, or to rule it out when debugging."""

_Loop = Callable[..., "Doc | None"]
"""`_tokenloop.tokenize(tok, text, plain=False)`."""


def plain_words(tok: Tokenizer) -> bool:
    """Whether `tok`'s suffix, infix and URL rules are the berita ones.

    Those answer None for a letters-only chunk (`_ChunkSearch`'s letters
    pass), so the compiled loop may make a new chunk of ASCII letters one
    token after asking only `token_match` and the prefix rules.  A rule
    replaced by the user turns that off.
    """
    _, suffix, infix, url = _searches()
    return bool(
        tok.suffix_search == suffix.search and tok.infix_finditer == infix.finditer and tok.url_match == url.match
    )


@functools.lru_cache(maxsize=1)
def compiled_loop() -> _Loop | None:
    """The compiled whitespace loop (`berita_nlp._tokenloop`), or None.

    None when it was not built (no compiler at install time), when
    `PURE_ENV` is set, or when it was compiled against another spaCy version
    than the one running: it calls spaCy's internal C methods, whose layout
    only its own version guarantees.  Either way the output is the same;
    only the warm-cache speed differs.
    """
    if os.environ.get(PURE_ENV):
        return None
    try:
        from . import _tokenloop
    except (ImportError, ValueError):  # not built, or built against other spaCy binaries
        return None
    if spacy.about.__version__ != _tokenloop.SPACY_VERSION:
        return None
    return _tokenloop.tokenize


class BeritaTokenizer(Tokenizer):  # type: ignore[misc]
    """spaCy `Tokenizer` with a linear-time path for pathological chunks.

    Subclassing (rather than wrapping) keeps `nlp.tokenizer` a real
    Tokenizer: serialisation and pickling work as usual.  When the compiled
    loop is available it replaces spaCy's whitespace loop (same Doc, see
    `_tokenloop.pyx`); new chunks still go through spaCy's affix code.
    """

    def __call__(self, text: str) -> Doc:
        try:
            loop = compiled_loop()
            if loop is not None:
                doc = loop(self, text, plain_words(self))
                if doc is not None:  # None: special cases were added, spaCy's path handles them
                    return doc
            return super().__call__(text)  # type: ignore[no-any-return]
        except _LongChunk:
            return self._piecewise(text)

    def _piecewise(self, text: str) -> Doc:
        """Tokenize text holding whitespace-free runs of LONG_CHUNK+ characters.

        Such a run is never language (the longest in 1,000 real articles is
        80 characters, a URL), so it becomes plain PIECE-character tokens
        without affix analysis; the text around it is tokenized normally.
        The run's last piece takes the single space after it, as spaCy gives
        a token its trailing space.
        """
        docs = []
        pos = 0
        for m in _LONG_RE.finditer(text):
            if m.start() > pos:
                docs.append(super().__call__(text[pos : m.start()]))
            end = m.end()
            trailing = text[end : end + 1] == " "
            words = [text[i : min(i + PIECE, end)] for i in range(m.start(), end, PIECE)]
            spaces = [False] * len(words)
            spaces[-1] = trailing
            docs.append(Doc(self.vocab, words=words, spaces=spaces))
            pos = end + trailing
        if pos < len(text):
            docs.append(super().__call__(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def from_bytes(self, bytes_data: bytes, *, exclude: Any = ()) -> BeritaTokenizer:
        """Load, then put the guarded searches back.

        spaCy restores each rule as a plain compiled regex, which would drop
        the long-chunk guard and the shortcuts; the berita rules are fixed,
        so re-installing them is exact.
        """
        super().from_bytes(bytes_data, exclude=exclude)
        _install_rules(self)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (make_tokenizer, (self.vocab,))


def _anchored_prefix_regex(prefixes: Any) -> re.Pattern[str]:
    """spaCy's prefix rules under ONE leading `^`.

    `compile_prefix_regex` writes `^a|^b|...`, which the engine cannot see
    is anchored: `search` retries every alternative at every position of
    the chunk (a third of the cold tokenizing time).  `^(?:(?:a)|(?:b))`
    matches the same prefixes and is tried at position 0 only.
    """
    pieces = [p if isinstance(p, str) else p.pattern for p in prefixes]
    pieces = [p for p in pieces if p.strip()]
    return re.compile("^(?:" + "|".join(f"(?:{p})" for p in pieces) + ")")


def _suffix_regex(suffixes: Any) -> re.Pattern[str]:
    """spaCy's suffix rules as one regex that finds the same suffix faster.

    `compile_suffix_regex` joins ~90 rules as `a$|b$|...`, and `search`
    tries every rule at every position of the chunk (half the suffix time
    went to one class of ~1,000 symbol ranges, tested at each position).
    Every rule ends at the end of the chunk, so only the start of a match
    decides the suffix spaCy cuts, whichever rule matched: rules of one
    fixed width w are grouped behind one `(?=.{w}$)`, which fails at once
    except w characters before the end.  Rules of varying width keep their
    own branch.  When a rule is not closed (`a|b` would anchor only `b`)
    the order of rules matters, and spaCy's own regex is returned.
    Chunks holding a newline, where `$` has two places, keep spaCy's regex
    (see `_ChunkSearch`).  `tests/test_tokenizer.py` compares both.
    """
    parser: Any = importlib.import_module("re._parser")  # widths as the engine itself sees them
    pieces = [p if isinstance(p, str) else p.pattern for p in suffixes]
    pieces = [p for p in pieces if p.strip()]
    fixed: dict[int, list[str]] = {}
    free: list[str] = []
    for p in pieces:
        parsed = parser.parse(p + "$")
        if parsed.data[-1] != (parser.AT, parser.AT_END):
            return compile_suffix_regex(suffixes)  # `$` closes only the last branch of `p`
        lo, hi = parsed.getwidth()
        if lo == hi >= 1:
            fixed.setdefault(lo, []).append(p)
        else:
            free.append(p)
    branches = [f"(?=(?s:.){{{w}}}$)(?:{'|'.join(ps)})$" for w, ps in sorted(fixed.items())]
    branches += [f"{p}$" for p in free]
    return re.compile("|".join(branches))


_DIGIT_LOOKBEHIND = "(?<=[0-9])"


def _suffix_skips_letters(suffixes: Any) -> bool:
    """True when no suffix rule can match starting on an ASCII letter that
    follows an ASCII letter or the start of the chunk.

    Then the leftmost suffix never starts inside the chunk's leading run of
    ASCII letters, and the search may begin after it.  Each rule must
    either begin with no ASCII letter (`patterns.first_chars`) or sit
    wholly behind `(?<=[0-9])` (the units of `5km`); a rule this cannot
    read turns the shortcut off.
    """
    parser: Any = importlib.import_module("re._parser")
    letters = frozenset(_ASCII_LETTERS)
    for p in suffixes:
        p = p if isinstance(p, str) else p.pattern
        if not p.strip():
            continue
        if p.startswith(_DIGIT_LOOKBEHIND):
            op, av = parser.parse(p).data[0]
            if op is parser.ASSERT and av[0] == -1:  # the lookbehind governs the whole rule
                continue
        firsts = first_chars(p)
        if firsts is None or firsts & letters:
            return False
    return True


@functools.lru_cache(maxsize=1)
def _spacy_suffix_regex() -> re.Pattern[str]:
    return compile_suffix_regex(_punctuation()[1])  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=1)
def _searches() -> tuple[_ChunkSearch, _ChunkSearch, _ChunkSearch, _ChunkSearch]:
    """The prefix, suffix, infix and URL searches, built once per process
    (reading the rules' widths and first characters takes ~20 ms)."""
    prefixes, suffixes, infixes, url_match = _punctuation()
    prefix_rx = _anchored_prefix_regex(prefixes)
    return (
        _ChunkSearch(prefix_rx, guard=True, firsts=first_chars(prefix_rx.pattern)),
        _ChunkSearch(
            _suffix_regex(suffixes),
            letters_pass=True,
            newline=_spacy_suffix_regex,
            skip_letters=_suffix_skips_letters(suffixes),
        ),
        _ChunkSearch(compile_infix_regex(infixes), letters_pass=True),
        _ChunkSearch(url_match.__self__, letters_pass=True),
    )


def _install_rules(tok: Tokenizer) -> None:
    prefix, suffix, infix, url = _searches()
    tok.prefix_search = prefix.search
    tok.suffix_search = suffix.search
    tok.infix_finditer = infix.finditer
    tok.token_match = _token_match().match
    tok.url_match = url.match


def make_tokenizer(vocab: Vocab) -> BeritaTokenizer:
    """Build the berita tokenizer over `vocab` (no special-case table)."""
    tok = BeritaTokenizer(vocab, rules={}, max_cache_size=CACHE_SIZE)
    _install_rules(tok)
    return tok


@registry.tokenizers("berita_nlp.Tokenizer.v1")  # type: ignore[untyped-decorator]
def create_berita_tokenizer() -> Callable[[Language], BeritaTokenizer]:
    """Registered tokenizer factory, so `nlp.config` names the real tokenizer."""

    def factory(nlp: Language) -> BeritaTokenizer:
        return make_tokenizer(nlp.vocab)

    return factory


@functools.lru_cache(maxsize=1)
def _defaults() -> type[BaseDefaults]:
    class BeritaIndonesianDefaults(BaseDefaults):
        """spaCy's Indonesian defaults minus the 16k-entry exception table."""

        config = Config({"nlp": {"tokenizer": {"@tokenizers": "berita_nlp.Tokenizer.v1"}}})
        tokenizer_exceptions = _NO_EXCEPTIONS
        lex_attr_getters = _spacy_id("lex_attrs").LEX_ATTRS
        stop_words = _spacy_id("stop_words").STOP_WORDS
        syntax_iterators = _spacy_id("syntax_iterators").SYNTAX_ITERATORS

    return BeritaIndonesianDefaults


@functools.lru_cache(maxsize=1)
def language_class() -> type[Language]:
    """The `Language` subclass (lang "id") with the berita tokenizer."""

    class BeritaIndonesian(Language):  # type: ignore[no-untyped-call]
        lang = "id"
        Defaults = _defaults()

    return BeritaIndonesian


def compiled_vocab() -> Callable[..., Vocab] | None:
    """The compiled vocabulary class (`_tokenloop.FastVocab`), or None.

    Available under the same conditions as `compiled_loop`: it overrides a
    C method of spaCy's `Vocab`, valid only for the spaCy it was built
    against.  It computes new words' attributes in C (same values).
    """
    if compiled_loop() is None:
        return None
    from . import _tokenloop

    return getattr(_tokenloop, "FastVocab", None)


def blank() -> Language:
    """A blank Indonesian pipeline with the berita tokenizer.

    Its vocabulary computes new words' lexeme attributes with the cheaper
    getters of `lexattrs` (same values as spaCy's, a third of the cost of
    each new word on a first pass), and, when the extension is built, in C
    for plain ASCII words (`compiled_vocab`).
    """
    from spacy.vocab import create_vocab

    from .lexattrs import fast_getters

    cls = language_class()
    vocab_cls = compiled_vocab()
    if vocab_cls is None:
        nlp = cls()
        vocab: Any = nlp.vocab
        vocab.lex_attr_getters = fast_getters(vocab.lex_attr_getters)
    else:
        # The vocabulary spaCy would build, rebuilt as the compiled class:
        # same getters (made cheaper), writing system and noun chunker.
        ref: Any = create_vocab(cls.lang, cls.Defaults)
        vocab = vocab_cls(
            lex_attr_getters=fast_getters(ref.lex_attr_getters),
            writing_system=ref.writing_system,
            get_noun_chunks=ref.get_noun_chunks,
        )
        nlp = cls(vocab=vocab)
    nlp.max_length = MAX_LENGTH
    return nlp
