# cython: language_level=3, boundscheck=False, wraparound=False
"""spaCy's whitespace loop for a tokenizer without special cases, compiled.

Why this exists: with its cache warm, our tokenizer spends most of its time
in `Tokenizer._tokenize_affixes`, the loop that cuts the text at
whitespace, hashes each chunk and copies the cached tokens.  spaCy's loop
slices every chunk into a new Python string, encodes it to UTF-8 to hash
it and compares Python booleans per character.  This loop hashes ASCII
chunks straight from the string's buffer (for ASCII, the UTF-8 bytes ARE
the buffer), so a cached chunk costs no allocation at all.  Everything
else is spaCy's own code: a chunk that is not cached goes through
`Tokenizer._tokenize` (affixes, token_match, url_match, infixes, cache
update) exactly as in `Tokenizer.__call__`.

The output is the same Doc as `Tokenizer.__call__` gives (tests compare them
on the real corpus and on generated text).  It is only valid for a
tokenizer without special cases: `tokenize` returns None when the
tokenizer has any, and the caller then takes spaCy's path.

It is compiled against one spaCy version's declarations; `SPACY_VERSION`
records which, and `berita_nlp.tokenizer` uses the loop only when the
running spaCy is that version.
"""

from cpython.unicode cimport PyUnicode_GET_LENGTH, PyUnicode_KIND, PyUnicode_DATA, PyUnicode_READ
from cymem.cymem cimport Pool
from murmurhash.mrmr cimport hash64
from spacy.lexeme cimport Lexeme, OOV_RANK
from spacy.strings cimport StringStore, hash_string
from spacy.structs cimport LexemeC, SpanC, TokenC
from spacy.tokenizer cimport Tokenizer
from spacy.tokens.doc cimport Doc
from spacy.tokens.span cimport Span
from spacy.tokens.span_group cimport SpanGroup
from spacy.attrs cimport attr_id_t
from spacy.typedefs cimport attr_t, hash_t
from spacy.vocab cimport Vocab, _Cached

import copyreg
import operator
import unicodedata

from spacy.lang import lex_attrs as _base
from spacy.symbols import IDS as _SYMBOLS
from spacy.vocab import pickle_vocab

from . import lexattrs as _fast

cdef extern from "Python.h":
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
    bint PyUnicode_IS_ASCII(object o)
    enum: PyUnicode_1BYTE_KIND

cdef extern from *:
    """
    #ifndef BERITA_SPACY_VERSION
    #define BERITA_SPACY_VERSION "unknown"
    #endif
    """
    const char* BERITA_SPACY_VERSION

SPACY_VERSION = BERITA_SPACY_VERSION.decode("ascii")

cdef enum:
    ASCII_BUF = 256  # longer chunks are hashed through a slice, as spaCy does


cdef int _chunk(Tokenizer tok, Doc doc, str string, int kind, const void* data,
                Py_ssize_t start, Py_ssize_t end, int* has_special, bint plain) except -1:
    """Append the tokens of string[start:end] (no whitespace inside) to doc."""
    cdef char buf[ASCII_BUF]
    cdef Py_ssize_t n = end - start, j
    cdef Py_UCS4 c
    cdef hash_t key = 0
    cdef bint ascii = n <= ASCII_BUF
    cdef bint letters = True
    cdef const _Cached* cached
    cdef int k
    if ascii:
        if kind == PyUnicode_1BYTE_KIND:
            for j in range(n):
                c = (<const unsigned char*>data)[start + j]
                if c >= 128:
                    ascii = False
                    break
                if letters and not (0x41 <= c <= 0x5a or 0x61 <= c <= 0x7a):
                    letters = False
            if ascii:
                key = hash64(<void*>(<const char*>data + start), <int>n, 1)
        else:
            for j in range(n):
                c = PyUnicode_READ(kind, data, start + j)
                if c >= 128:
                    ascii = False
                    break
                if letters and not (0x41 <= c <= 0x5a or 0x61 <= c <= 0x7a):
                    letters = False
                buf[j] = <char>c
            if ascii:
                key = hash64(buf, <int>n, 1)
    span = None
    if not ascii:
        span = string[start:end]
        key = hash_string(span)
    cached = <const _Cached*>tok._cache.get(key)
    if cached != NULL:
        if cached.is_lex:
            for k in range(cached.length):
                doc.push_back(cached.data.lexemes[k], False)
        else:
            for k in range(cached.length):
                doc.push_back(&cached.data.tokens[k], False)
        return 0
    if span is None:
        span = string[start:end]
    if plain and ascii and letters and _plain_word(tok, doc, span, key, has_special):
        return 0
    tok._tokenize(doc, span, key, has_special, True)
    return 0


cdef bint _plain_word(Tokenizer tok, Doc doc, str span, hash_t key, int* has_special) except -1:
    """A new chunk of ASCII letters as one token, if spaCy would make it one.

    Only called when the tokenizer's suffix, infix and URL rules are the
    berita ones, which answer None for a letters-only chunk (`plain` in
    `tokenize`).  Then `Tokenizer._tokenize` makes the chunk one token
    unless `token_match` fails and `prefix_search` cuts a prefix; this asks
    those two, once each, and does the rest as `_attach_tokens` and
    `_tokenize` do (one lexeme, cached).  False: not plain, spaCy decides.
    """
    matched = tok._token_match is not None and tok._token_match(span)
    if not matched and tok._prefix_search is not None:
        m = tok._prefix_search(span)
        if m is not None and m.end() != m.start():
            return False
    doc.push_back(tok.vocab.get(doc.mem, span), False)
    if len(tok._cache) < tok.max_cache_size:
        tok._save_cached(&doc.c[doc.length - 1], key, has_special, 1)
    return True


def tokenize(Tokenizer tok, str string, bint plain=False):
    """The Doc `tok(string)` gives, or None if `tok` has special cases.

    Mirrors `Tokenizer._tokenize_affixes`: chunks are maximal runs of
    whitespace or non-whitespace; a single space after a chunk becomes the
    previous token's trailing space, any other whitespace run is a token.
    `plain`: the caller vouches that `tok`'s suffix, infix and URL rules
    find nothing in a letters-only chunk (see `_plain_word`).
    """
    if tok._specials.c_map.filled != 0:
        return None
    cdef Py_ssize_t length = PyUnicode_GET_LENGTH(string)
    cdef Doc doc = Doc(tok.vocab)
    if length == 0:
        return doc
    cdef int kind = PyUnicode_KIND(string)
    cdef const void* data = PyUnicode_DATA(string)
    cdef Py_ssize_t i, start = 0
    cdef int has_special = 0
    cdef Py_UCS4 uc
    cdef bint in_ws = Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, 0))
    for i in range(length):
        uc = PyUnicode_READ(kind, data, i)
        if Py_UNICODE_ISSPACE(uc) != in_ws:
            if start < i:
                _chunk(tok, doc, string, kind, data, start, i, &has_special, plain)
            if uc == 32:
                doc.c[doc.length - 1].spacy = True
                start = i + 1
            else:
                start = i
            in_ws = not in_ws
    if start < length:
        _chunk(tok, doc, string, kind, data, start, length, &has_special, plain)
        doc.c[doc.length - 1].spacy = PyUnicode_READ(kind, data, length - 1) == 32 and not in_ws
    return doc


# ---------------------------------------------------------------------------
# New lexemes
#
# spaCy's `Vocab._new_lexeme` calls each of the ~24 Python getters of
# `lex_attr_getters` for every word it has not seen (~26 per article even
# late in an archive): about three quarters of the cost of a new word.
# `FastVocab` computes the values of the getters it recognises (spaCy's own
# functions and their `lexattrs` equivalents, matched by identity or by the
# `lexattrs.SPEC` they carry) in C, for the words where that is simple:
# 1-99 printable ASCII characters.  Other getters are called as spaCy calls
# them, other words go through spaCy's `_new_lexeme`; the strings are added
# to the StringStore in the same order with the same call.  Tests compare
# every attribute of every lexeme with a vocabulary built by spaCy's getters.

cdef enum:
    G_CALL = 0  # call the getter, as spaCy does
    G_LOWER
    G_PREFIX
    G_SUFFIX
    G_ALPHA
    G_DIGIT
    G_ISLOWER
    G_SPACE
    G_TITLE
    G_UPPER
    G_ASCII
    G_PUNCT
    G_SHAPE
    G_URL         # no dot: only the scheme test can succeed
    G_EMAIL       # no "@": False
    G_IN_LOWER    # text.lower() in data
    G_NORM        # data[text] if text in data else text.lower()
    G_ALPHA_IN_LOWER  # alphabetic: text.lower() in data, else the slow getter
    G_ALPHA_IN    # alphabetic: text in data, else the slow getter

cdef enum:
    SHAPE_LONG = 100  # word_shape gives "LONG" from this length on

_BY_IDENTITY = {
    id(str.lower): G_LOWER, id(_base.lower): G_LOWER,
    id(_fast._PREFIX): G_PREFIX, id(_base.prefix): G_PREFIX,
    id(_fast._SUFFIX): G_SUFFIX, id(_base.suffix): G_SUFFIX,
    id(str.isalpha): G_ALPHA, id(_base.is_alpha): G_ALPHA,
    id(str.isdigit): G_DIGIT, id(_base.is_digit): G_DIGIT,
    id(str.islower): G_ISLOWER, id(_base.is_lower): G_ISLOWER,
    id(str.isspace): G_SPACE, id(_base.is_space): G_SPACE,
    id(str.istitle): G_TITLE, id(_base.is_title): G_TITLE,
    id(str.isupper): G_UPPER, id(_base.is_upper): G_UPPER,
    id(str.isascii): G_ASCII, id(_base.is_ascii): G_ASCII,
    id(_fast._is_punct): G_PUNCT, id(_base.is_punct): G_PUNCT,
    id(_fast._shape): G_SHAPE, id(_base.word_shape): G_SHAPE,
    id(_fast._like_url): G_URL, id(_base.like_url): G_URL,
    id(_fast._like_email): G_EMAIL,
}
_KEEP_ALIVE = (str.lower, str.isalpha, str.isdigit, str.islower, str.isspace, str.istitle, str.isupper, str.isascii)
_SPECS = {"in_lower": G_IN_LOWER, "norm": G_NORM, "alpha_in_lower": G_ALPHA_IN_LOWER, "alpha_in": G_ALPHA_IN}

# ASCII punctuation (Unicode category P), as spaCy's is_punct tests it.
cdef bint _PUNCT[128]
for _i in range(128):
    _PUNCT[_i] = unicodedata.category(chr(_i)).startswith("P")


cdef str _ascii_shape(const unsigned char* s, Py_ssize_t n):
    """spaCy's `word_shape` of a printable ASCII word shorter than 100."""
    cdef char buf[SHAPE_LONG]
    cdef Py_ssize_t i, k = 0
    cdef int seq = 0
    cdef char ch, last = 0
    for i in range(n):
        ch = <char>s[i]
        if 0x41 <= ch <= 0x5a:
            ch = b"X"
        elif 0x61 <= ch <= 0x7a:
            ch = b"x"
        elif 0x30 <= ch <= 0x39:
            ch = b"d"
        if ch == last:
            seq += 1
        else:
            seq = 0
            last = ch
        if seq < 4:
            buf[k] = ch
            k += 1
    return buf[:k].decode("ascii")



cdef attr_t _add(StringStore strings, str value) except? 0:
    """`strings.add(value, allow_transient=True)` (spacy/strings.pyx), with
    an ASCII string hashed and interned straight from its buffer."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(value)
    cdef hash_t key
    if n == 0:
        return 0
    symbol = _SYMBOLS.get(value)
    if symbol is not None:
        return symbol
    if not PyUnicode_IS_ASCII(value) or n > 0x7fffffff:
        return strings.add(value, allow_transient=True)
    cdef char* data = <char*>PyUnicode_DATA(value)
    key = hash64(data, <int>n, 1)
    strings._intern_utf8(data, <int>n, &key, True)
    return key


def _plan_of(getters):
    """(attr, code, getter, data, slow) per getter, in the dict's order."""
    plan = []
    for attr, func in getters.items():
        code = _BY_IDENTITY.get(id(func), G_CALL)
        data = slow = None
        spec = getattr(func, _fast.SPEC, None) if code == G_CALL else None
        if isinstance(spec, tuple) and spec and spec[0] in _SPECS:
            code = _SPECS[spec[0]]
            data = spec[1]
            slow = spec[2] if len(spec) > 2 else None
        plan.append((int(attr), code, func, data, slow))
    return plan


cdef class FastVocab(Vocab):
    """A spaCy `Vocab` whose new ASCII words get their attributes in C.

    Pickles as (and unpickles to) a plain `Vocab`: same lexemes, spaCy's
    speed.
    """

    cdef object _plan_src
    cdef dict _plan_copy
    cdef list _plan

    cdef list _current_plan(self):
        getters = self.lex_attr_getters
        if getters is not self._plan_src or self._plan_copy != getters:
            self._plan = _plan_of(getters)
            self._plan_src = getters
            self._plan_copy = dict(getters)
        return self._plan

    cdef const LexemeC* _new_lexeme(self, Pool mem, str string) except NULL:
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(string)
        if n == 0 or n >= SHAPE_LONG or PyUnicode_KIND(string) != PyUnicode_1BYTE_KIND \
                or not isinstance(self.lex_attr_getters, dict):
            return Vocab._new_lexeme(self, mem, string)
        cdef const unsigned char* s = <const unsigned char*>PyUnicode_DATA(string)
        cdef Py_ssize_t i
        cdef unsigned char c
        cdef int n_upper = 0, n_lower = 0, n_digit = 0
        cdef bint punct = True, title = True, prev_cased = False
        cdef bint has_dot = False, has_at = False
        for i in range(n):
            c = s[i]
            if c < 0x21 or c > 0x7e:
                return Vocab._new_lexeme(self, mem, string)
            if 0x41 <= c <= 0x5a:
                n_upper += 1
                if prev_cased:
                    title = False
                prev_cased = True
            elif 0x61 <= c <= 0x7a:
                n_lower += 1
                if not prev_cased:
                    title = False
                prev_cased = True
            else:
                prev_cased = False
                if 0x30 <= c <= 0x39:
                    n_digit += 1
                elif c == 0x2e:
                    has_dot = True
                elif c == 0x40:
                    has_at = True
            if not _PUNCT[c]:
                punct = False
        cdef bint alpha = n_upper + n_lower == n
        title = title and n_upper + n_lower > 0
        plan = self._current_plan()

        mem = self.mem
        cdef LexemeC* lex = <LexemeC*>mem.alloc(1, sizeof(LexemeC))
        cdef StringStore strings = self.strings
        lex.orth = _add(strings, string)
        lex.length = n
        if self.vectors is not None and hasattr(self.vectors, "key2row"):
            lex.id = self.vectors.key2row.get(lex.orth, OOV_RANK)
        else:
            lex.id = OOV_RANK
        cdef int code
        cdef bint flag
        cdef attr_id_t attr
        lower = None
        for item in plan:
            attr = (<tuple>item)[0]
            code = (<tuple>item)[1]
            if code == G_CALL:
                value = (<tuple>item)[2](string)
            elif code == G_LOWER:
                if lower is None:
                    lower = string.lower() if n_upper else string
                value = lower
            elif code == G_PREFIX:
                value = string[:1]
            elif code == G_SUFFIX:
                value = string[n - 3:] if n > 3 else string
            elif G_ALPHA <= code <= G_PUNCT:
                if code == G_ALPHA:
                    flag = alpha
                elif code == G_DIGIT:
                    flag = n_digit == n
                elif code == G_ISLOWER:
                    flag = n_lower > 0 and n_upper == 0
                elif code == G_SPACE:
                    flag = False
                elif code == G_TITLE:
                    flag = title
                elif code == G_UPPER:
                    flag = n_upper > 0 and n_lower == 0
                elif code == G_ASCII:
                    flag = True
                else:
                    flag = punct
                Lexeme.set_struct_attr(lex, attr, flag)
                continue
            elif code == G_SHAPE:
                value = _ascii_shape(s, n)
            elif code == G_URL:
                value = (<tuple>item)[2](string) if has_dot else string.startswith(("http://", "https://"))
            elif code == G_EMAIL:
                value = (<tuple>item)[2](string) if has_at else False
            elif code == G_IN_LOWER:
                if lower is None:
                    lower = string.lower() if n_upper else string
                value = lower in (<tuple>item)[3]
            elif code == G_NORM:
                data = (<tuple>item)[3]
                if string in data:
                    value = data[string]
                else:
                    if lower is None:
                        lower = string.lower() if n_upper else string
                    value = lower
            elif code == G_ALPHA_IN_LOWER:
                if alpha:
                    if lower is None:
                        lower = string.lower() if n_upper else string
                    value = lower in (<tuple>item)[3]
                else:
                    value = (<tuple>item)[4](string)
            elif code == G_ALPHA_IN:
                value = (string in (<tuple>item)[3]) if alpha else (<tuple>item)[4](string)
            else:
                value = (<tuple>item)[2](string)
            if isinstance(value, str):
                Lexeme.set_struct_attr(lex, attr, _add(strings, value))
            elif value is not None:
                Lexeme.set_struct_attr(lex, attr, value)
        self._add_lex_to_vocab(lex.orth, lex, self.mem is not self._non_temp_mem)
        return lex


copyreg.pickle(FastVocab, pickle_vocab)


# ---------------------------------------------------------------------------
# Span groups
#
# Every component writes its items as a `doc.spans` group
# (`state.set_spans`): ~38 spans per article, each through `Doc.char_span`
# (a keyword call, a `Span` object, its label added to the StringStore)
# and then copied into a `SpanGroup`: ~5 us a span, 6% of the pipeline.
# `span_group` computes the same `SpanC` (alignment "expand", as
# `Doc.char_span` and `Span.__cinit__` do) straight into the group.  Any item
# off the plain path (a label that is no non-empty string, a span that would
# start at the end of the Doc or run backwards) goes through `char_span`
# itself, so errors and edge cases stay spaCy's.


cdef int _token_by_char(const TokenC* tokens, int length, int char_idx) noexcept:
    """spacy/tokens/doc.pyx `token_by_char` (not exported)."""
    cdef int start = 0, mid, end = length - 1
    while start <= end:
        mid = (start + end) // 2
        if char_idx < tokens[mid].idx:
            end = mid - 1
        elif char_idx >= tokens[mid].idx + tokens[mid].lex.length + tokens[mid].spacy:
            start = mid + 1
        else:
            return mid
    return -1


def span_group(Doc doc, str name, items):
    """The `SpanGroup` of `[doc.char_span(s, e, label=l, alignment_mode="expand")
    for s, e, l in items]` without the None results, named `name`."""
    cdef SpanGroup group = SpanGroup(doc, name=name)
    cdef SpanC sc
    cdef int start, end, n = doc.length
    cdef long start_idx, end_idx
    cdef const TokenC* tokens = doc.c
    cdef Span span
    strings = doc.vocab.strings
    labels = {}
    for start_idx, end_idx, label in items:
        if type(label) is not str or not label or not (-2147483647 <= start_idx <= 2147483647) \
                or not (-2147483647 <= end_idx <= 2147483647):
            span = doc.char_span(start_idx, end_idx, label=label, alignment_mode="expand")
            if span is not None:
                group.push_back(span.c)
            continue
        start = _token_by_char(tokens, n, <int>start_idx)
        if start < 0:
            continue
        end = _token_by_char(tokens, n, <int>(end_idx - 1))
        if end < 0:
            continue
        if start_idx == tokens[start].idx + tokens[start].lex.length:
            start += 1
        end += 1
        if not start < n or end < start:  # Span.__cinit__'s own cases (raises, or reads doc.text)
            span = doc.char_span(start_idx, end_idx, label=label, alignment_mode="expand")
            if span is not None:
                group.push_back(span.c)
            continue
        hashed = labels.get(label)
        if hashed is None:
            hashed = labels[label] = strings.add(label)
        sc.id = 0
        sc.kb_id = 0
        sc.label = hashed
        sc.start = start
        sc.end = end
        sc.start_char = tokens[start].idx
        if start == end:
            sc.end_char = sc.start_char
        else:
            sc.end_char = tokens[end - 1].idx + tokens[end - 1].lex.length
        group.push_back(sc)
    return group
