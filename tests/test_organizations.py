"""Tests of the berita_organizations component.

The example table `fixtures/organizations_examples.tsv` drives most tests:
positive rows name an organization that must come out (with aliases and
region code), negative rows a form that must not be an organization.  The
dev-set and seed checks read ../shared and skip without it.
"""

from __future__ import annotations

import importlib.util
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berita_nlp import extract
from berita_nlp.records import Article
from conftest import FIXTURES, shared_path


def _rows() -> list[tuple[str, str, str, list[str], str | None]]:
    rows = []
    for line in (FIXTURES / "organizations_examples.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [*line.split("\t"), "", "", ""]
        kind, text, name, aliases, code = parts[:5]
        rows.append((kind, text, name, [a for a in aliases.split(";") if a], None if code in ("", "-") else code))
    return rows


ROWS = _rows()
POS = [r for r in ROWS if r[0] == "pos"]
NEG = [r for r in ROWS if r[0] == "neg"]


def _forms(rec: Article) -> set[str]:
    return {f.casefold() for o in rec.organizations for f in (o.name, *o.aliases)}


def test_table_has_both_kinds() -> None:
    assert len(POS) >= 20 and len(NEG) >= 10


@pytest.mark.parametrize(("kind", "text", "name", "aliases", "code"), POS, ids=[r[2] for r in POS])
def test_positive_examples(kind: str, text: str, name: str, aliases: list[str], code: str | None) -> None:
    rec = extract(text)
    found = [o for o in rec.organizations if o.name == name]
    assert found, f"{name!r} not in {[o.name for o in rec.organizations]}"
    org = found[0]
    assert set(aliases) <= set(org.aliases), org.aliases
    assert org.code == code
    for m in org.mentions:
        assert 0 <= m.start < m.end <= len(text)


@pytest.mark.parametrize(("kind", "text", "name", "aliases", "code"), NEG, ids=[f"not {r[2]}" for r in NEG])
def test_negative_examples(kind: str, text: str, name: str, aliases: list[str], code: str | None) -> None:
    rec = extract(text)
    assert name.casefold() not in _forms(rec), [o.to_dict() for o in rec.organizations]


def test_one_organization_per_institution() -> None:
    text = (
        "Pemerintah Kabupaten Sekadau menandatangani kesepakatan. Bupati menyebut Pemkab Sekadau siap. "
        "Kejaksaan Negeri (Kejari) Sekadau mendampingi, dan Kejari berjanji mengawal."
    )
    rec = extract(text)
    names = sorted(o.name for o in rec.organizations)
    assert names == ["Kejaksaan Negeri Sekadau", "Pemerintah Kabupaten Sekadau"]
    assert {o.code for o in rec.organizations} == {"61.09"}


def test_page_furniture_yields_nothing() -> None:
    text = (
        "Pemkot Bandung membuka pasar murah.\n\n"
        "BACA JUGA: Dinas Perhubungan Kota Bandung Tutup Jalan Asia Afrika\n\n"
        "Warga antusias datang sejak pagi."
    )
    rec = extract(text)
    assert "dinas perhubungan kota bandung" not in _forms(rec)


def test_spans_group_written() -> None:
    from berita_nlp.pipeline import default_pipeline, prepare_doc

    nlp = default_pipeline()
    doc = nlp(prepare_doc(nlp, "Badan Pusat Statistik (BPS) Provinsi Riau merilis data."))
    labels = {sp.label_ for sp in doc.spans["berita_organizations"]}
    assert labels == {"agency"}


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("PemkabDinsBadu KPK()-/.,\nRITNPolr")), max_size=300))
def test_never_raises_and_offsets_valid(text: str) -> None:
    rec = extract(text)
    for o in rec.organizations:
        assert o.name
        for m in o.mentions:
            assert 0 <= m.start < m.end <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "Dinas " * 20000,
        "(" * 50000 + "PT" + ")" * 50000,
        "PT " * 20000,
        "Pemerintah Kabupaten (Pemkab) " * 5000,
        "Kementerian Keuangan (KK) " * 5000,
        " ".join(["Bank"] * 5000 + ["Group"] * 5000),
        "-" * 100000 + " KPK " + "\t" * 100000,
    ],
    ids=["heads", "parens", "pt", "gov-acr", "defs", "tail", "punct"],
)
def test_adversarial_text_finishes(text: str) -> None:
    # straight into the component: the point is that its scans stay linear on any text
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from berita_nlp.organizations import OrganizationsComponent
    from berita_nlp.state import get_state

    doc = Doc(Vocab(), words=[text], spaces=[False])  # one token: spaCy's own splitting is not under test
    OrganizationsComponent()(doc)
    assert isinstance(get_state(doc).organizations, list)


# -- against ../shared -----------------------------------------------------------------


def _score_module() -> Any:
    path = shared_path("eval", "score.py")
    spec = importlib.util.spec_from_file_location("berita_shared_score", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _folded(score: Any, o: dict[str, Any]) -> set[str]:
    return {score.fold(x) for x in [o.get("name"), *(o.get("aliases") or [])] if score.fold(x)}


def test_dev_organization_f1(dev_gold: list[dict[str, Any]]) -> None:
    score = _score_module()
    tp = fp = fn = 0
    for g in dev_gold:
        rec = extract(g["text"], published=g.get("published"), id=g["id"]).to_dict()
        used: set[int] = set()
        hit = 0
        for go in g.get("organizations") or []:
            for j, so in enumerate(rec["organizations"]):
                if j not in used and _folded(score, go) & _folded(score, so):
                    used.add(j)
                    hit += 1
                    break
        tp += hit
        fp += len(rec["organizations"]) - len(used)
        fn += len(g.get("organizations") or []) - hit
    p, r = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * p * r / (p + r)
    assert f1 >= 0.80, (p, r, f1)


SEED_ORGS = {
    "Pemerintah Kabupaten Bengkulu Tengah": "17.09",
    "Pemerintah Provinsi Jawa Barat": "32",
    "Dinas Kominfotik": None,
    "DPMPTSP": None,
    "Bappeda": None,
    "BKPSDM": None,
    "Biro Pemerintahan dan Otonomi Daerah": None,
}


def test_seed_organizations(seed_text: str) -> None:
    rec = extract(seed_text, published="2024-02-06")
    by_name = {o.name: o for o in rec.organizations}
    for name, code in SEED_ORGS.items():
        assert name in by_name, sorted(by_name)
        assert by_name[name].code == code, (name, by_name[name].code)
    # the outlet and furniture are no organizations of the story
    assert not any("kantor-berita" in f or "benteng" in f for f in _forms(rec))
    assert len(rec.organizations) == len(SEED_ORGS), sorted(by_name)


def test_seed_json_shape(seed_text: str) -> None:
    rec = extract(seed_text, published="2024-02-06")
    data = json.loads(json.dumps(rec.to_dict()))
    org = next(o for o in data["organizations"] if o["name"] == "Pemerintah Kabupaten Bengkulu Tengah")
    assert org["kind"] == "government" and org["code"] == "17.09" and org["mentions"]
