"""Build the optional compiled tokenizer loop (`berita_nlp._tokenloop`).

Project metadata lives in pyproject.toml; this file only declares the one
extension.  It is optional: without Cython, a compiler or spaCy's
declarations the build goes on and the package runs its pure-Python path
(same output, slower tokenization on a warm cache).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from setuptools import Extension, setup


def _extensions() -> list[Extension]:
    try:
        import numpy
        from Cython.Build import cythonize
    except ImportError:
        return []
    try:
        spacy_version = version("spacy")
    except PackageNotFoundError:
        return []
    ext = Extension(
        "berita_nlp._tokenloop",
        ["src/berita_nlp/_tokenloop.pyx"],
        include_dirs=[numpy.get_include()],
        define_macros=[
            ("BERITA_SPACY_VERSION", f'"{spacy_version}"'),
            ("NPY_NO_DEPRECATED_API", "NPY_1_7_API_VERSION"),
        ],
        language="c++",
    )
    try:
        built = list(cythonize([ext], quiet=True))
    except Exception:  # noqa: BLE001 - e.g. spaCy's declarations changed: build without the extension
        return []
    for e in built:  # cythonize makes new Extension objects and drops this flag
        e.optional = True
    return built


setup(ext_modules=_extensions())
