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
from murmurhash.mrmr cimport hash64
from spacy.strings cimport hash_string
from spacy.tokenizer cimport Tokenizer
from spacy.tokens.doc cimport Doc
from spacy.typedefs cimport hash_t
from spacy.vocab cimport _Cached

cdef extern from "Python.h":
    bint Py_UNICODE_ISSPACE(Py_UCS4 ch)
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
                Py_ssize_t start, Py_ssize_t end, int* has_special) except -1:
    """Append the tokens of string[start:end] (no whitespace inside) to doc."""
    cdef char buf[ASCII_BUF]
    cdef Py_ssize_t n = end - start, j
    cdef Py_UCS4 c
    cdef hash_t key = 0
    cdef bint ascii = n <= ASCII_BUF
    cdef const _Cached* cached
    cdef int k
    if ascii:
        if kind == PyUnicode_1BYTE_KIND:
            for j in range(n):
                if (<const unsigned char*>data)[start + j] >= 128:
                    ascii = False
                    break
            if ascii:
                key = hash64(<void*>(<const char*>data + start), <int>n, 1)
        else:
            for j in range(n):
                c = PyUnicode_READ(kind, data, start + j)
                if c >= 128:
                    ascii = False
                    break
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
    tok._tokenize(doc, span, key, has_special, True)
    return 0


def tokenize(Tokenizer tok, str string):
    """The Doc `tok(string)` gives, or None if `tok` has special cases.

    Mirrors `Tokenizer._tokenize_affixes`: chunks are maximal runs of
    whitespace or non-whitespace; a single space after a chunk becomes the
    previous token's trailing space, any other whitespace run is a token.
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
                _chunk(tok, doc, string, kind, data, start, i, &has_special)
            if uc == 32:
                doc.c[doc.length - 1].spacy = True
                start = i + 1
            else:
                start = i
            in_ws = not in_ws
    if start < length:
        _chunk(tok, doc, string, kind, data, start, length, &has_special)
        doc.c[doc.length - 1].spacy = PyUnicode_READ(kind, data, length - 1) == 32 and not in_ws
    return doc
