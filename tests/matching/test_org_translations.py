"""Organisation names in Arabic script against their translation in a Latin list (issue #18,
round 21). The names are made up to show the rule."""

from __future__ import annotations

from ictd.matching import IndexRecord, MatchIndex, Query
from ictd.matching.name import parse_name
from ictd.matching.orgterms import translate_org_words
from ictd.matching.scorer import score_pair


def _score(query: str, name: str, schema: str = "Organization") -> float:
    record = IndexRecord(1, schema, (name,))
    return score_pair(Query("q", names=(query,), schema=schema), record).score


def test_organisation_nouns_and_their_adjectives_are_translated() -> None:
    assert translate_org_words("الحركة الشعبية التونسية") == (
        "movement popular tunisian",
        "mouvement populaire tunisien",
    )
    # the article, the preposition and the hamza seat are read through
    assert translate_org_words("جبهة أنصار لأهل الجنوب") == (
        "front أنصار people south",
        "front أنصار peuple sud",
    )


def test_a_name_without_an_organisation_noun_is_not_translated() -> None:
    assert translate_org_words("خالد المصري") == ()  # al-Masri is a family name
    assert translate_org_words("Northern Front") == ()


def test_a_person_name_is_never_translated() -> None:
    texts = {p.text for p in parse_name("جبهة الحمداني", org=False)}
    assert not any("front" in text for text in texts)
    assert any("front" in p.text for p in parse_name("جبهة الحمداني", org=True))


def test_the_translation_meets_the_latin_name_and_the_transliteration_stays() -> None:
    assert _score("شبكة الزبيدي الإسلامية", "Zubaidi Islamic Network") > 0.5
    assert _score("الحركة الشعبية التونسية", "Mouvement populaire tunisien") > 0.5
    # the transliterated form is still met
    assert _score("جبهة الزبيدي", "Jabhat al-Zubaidi") > 0.5
    # another organisation of the same kind is not
    assert _score("شبكة الزبيدي الإسلامية", "Karbalai Islamic Network") < 0.5


def test_the_translated_name_is_found_first_among_others() -> None:
    records = [
        IndexRecord(1, "Organization", ("Zubaidi Islamic Network",)),
        IndexRecord(2, "Person", ("Shabaka Zubaidi",)),
        IndexRecord(3, "Organization", ("Zubaidi Trading Company",)),
    ]
    found = MatchIndex.build(records).search(
        Query("q", names=("شبكة الزبيدي الإسلامية",), schema="Organization"), limit=3
    )
    assert found[0].subject_id == 1
