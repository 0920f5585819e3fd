from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

SPACY_VERSION: str

def tokenize(tok: Tokenizer, string: str) -> Doc | None: ...

class FastVocab(Vocab): ...
