from collections.abc import Iterable

from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, SpanGroup
from spacy.vocab import Vocab

SPACY_VERSION: str

def tokenize(tok: Tokenizer, string: str, plain: bool = False) -> Doc | None: ...

class FastVocab(Vocab): ...

def span_group(doc: Doc, name: str, items: Iterable[tuple[int, int, str]]) -> SpanGroup: ...
