"""False positives on names the matcher has never seen (issue #18, round 8): generic words
weigh little in Russian romanisations (``eksport``, ``kholding``) and Arabic (``للتصدير``) as
in English; ``й`` is also read j (``Bajkal``), as ISO 9 writes it.
"""

from __future__ import annotations

import pytest

from ictd.matching import DEFAULT_THRESHOLD, IndexRecord, Query, score_pair
from ictd.matching.name import make_part


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
