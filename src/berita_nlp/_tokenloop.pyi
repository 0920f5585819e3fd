from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

SPACY_VERSION: str

def tokenize(tok: Tokenizer, string: str) -> Doc | None: ...
