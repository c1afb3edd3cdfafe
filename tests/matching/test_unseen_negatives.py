"""False positives on names the matcher has never seen (issue #18, round 8).

- Legal forms spelt letter by letter with dots (``S.L.``, ``B.V.``, ``s.r.o.``) fold away like
  the same forms written as words, in an organisation's name, also when another legal form
  follows; a person's initials after the family name stay.
- An organisation's unmatched middle word counts in full (a person's counts for
  ``compare.MIDDLE_WEIGHT``), so companies sharing one distinctive word are told apart by
  their other words.
- Generic words weigh little in Russian romanisations (``eksport``, ``kholding``) and Arabic
  (``للتصدير``) as in English; ``й`` is also read j (``Bajkal``), as ISO 9 writes it.
"""

from __future__ import annotations

import pytest

from ictd.matching import DEFAULT_THRESHOLD, IndexRecord, Query, score_pair
from ictd.matching.name import make_part, normalize_name


@pytest.mark.parametrize(
    ("raw", "org", "expected"),
    [
        ("Falcon Holdings S.L.", True, "falcon holding"),  # Spanish
        ("Falcon Commodities S.r.l.", True, "falcon commodities"),  # Italian
        ("Delta Trading B.V.", True, "delta trading"),  # Dutch
        ("Orion L.L.C.", True, "orion"),
        ("Orion L.L.C.", None, "orion"),  # three letters, an unambiguous form: any kind
        ("Tatra s.r.o.", True, "tatra"),  # Czech, Slovak
        ("Jadran d.o.o.", True, "jadran"),  # Slovene, Croatian, Serbian
        ("Wisła Sp. z o.o.", True, "wisla"),  # Polish
        ("Sakura K.K.", True, "sakura"),  # Japanese, romanised
        ("Falcon Holdings S.A. Inc.", True, "falcon holding"),  # another form after it
        ("LOGARCHEO S.A. GmbH", True, "logarcheo"),
    ],
)
def test_legal_forms_spelt_with_dots_fold_away(raw: str, org: bool | None, expected: str) -> None:
    assert normalize_name(raw, org) == expected


@pytest.mark.parametrize(
    ("raw", "org", "expected"),
    [
        ("RAO, B. V.", False, "rao b v"),  # a person's initials
        ("Rao B. V.", None, "rao b v"),  # kind unknown: two letters may be initials
        ("Khan A. S.", None, "khan a s"),
        ("S.A.", True, "s a"),  # nothing else left: kept
    ],
)
def test_initials_that_spell_a_legal_form_stay(raw: str, org: bool | None, expected: str) -> None:
    assert normalize_name(raw, org) == expected


def test_a_dotted_legal_form_does_not_stand_for_a_word() -> None:
    """The ``L`` of ``S.L.`` was an initial that met ``Logistics``: now there is no letter."""
    record = IndexRecord(1, "Company", ("Falcon Holdings S.L.",))
    query = Query("q", names=("Falcon Logistics Holding Inc.",), schema="Company")
    match = score_pair(query, record)
    assert "'l'" not in " ".join(f.detail for f in match.explanation)


def test_the_same_company_with_a_dotted_legal_form_matches() -> None:
    record = IndexRecord(1, "Company", ("Silver Palm Commodities S.r.l.",))
    query = Query("q", names=("Silver Palm Commodities S.r.l. Inc.",), schema="Company")
    assert score_pair(query, record).score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("word", "generic"),
    [("eksport", "export"), ("kholding", "holding"), ("gruppa", "group"), ("treyding", "trading")],
)
def test_russian_generic_words_weigh_as_their_latin_forms(word: str, generic: str) -> None:
    assert make_part(word).weight == make_part(generic).weight < 0.5


def test_cyrillic_short_i_is_also_read_j() -> None:
    """German, Czech, Polish texts and ISO 9 write ``й`` as j (``Sergej``, ``Bajkal``): with
    ``invest`` a generic word, ``Bajkal`` must meet ``Байкал`` on its own."""
    record = IndexRecord(1, "Company", ("Bajkal Invest JSC",))
    query = Query("q", names=("АО «Байкал Инвест»",), schema="Company")
    assert score_pair(query, record).score >= DEFAULT_THRESHOLD
    person = IndexRecord(2, "Person", ("Сергей Майков",))
    assert score_pair(Query("q", names=("Sergej Majkov",)), person).score >= 0.9
