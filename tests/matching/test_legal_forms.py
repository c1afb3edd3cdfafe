"""Different organisations that share only legal forms and generic words are never proposed.

Resolution (``ictd.resolve.xref``) asks the index, for each subject, the query ``query_of``
makes of it, and proposes what scores at or above ``DEFAULT_THRESHOLD``. The pairs here are
different companies whose names agree on their legal form and generic words in one script
or romanisation ("有限公司" / "you xian gong si" / "Co. Ltd", ООО, شركة, "Ltd. Şti.",
株式会社 / "Kabushiki Kaisha" …); the same company written in another script or
romanisation must still be found.
"""

from __future__ import annotations

import pytest

from ictd.matching import DEFAULT_THRESHOLD, IndexRecord, MatchIndex, Query, score_pair
from ictd.resolve.xref import query_of

DIFFERENT = [
    ("上海鑫泰贸易有限公司", "深圳龙凤贸易有限公司"),
    ("Xintai Maoyi You Xian Gong Si", "Longfeng Maoyi You Xian Gong Si"),
    ("Shanghai Xintai Trading Co., Ltd.", "Shenzhen Longfeng Trading Co., Ltd."),
    ("Xintai Youxian Gongsi", "Hengrui Youxian Gongsi"),
    ("ООО «Заря»", "ООО «Вектор»"),
    ("OOO Zarya", "OOO Vektor"),
    ("ООО Торговый дом «Гранит»", "ООО Торговый дом «Орион»"),
    ("شركة الصقر للتجارة العامة ذ.م.م", "شركة النخيل للتجارة العامة ذ.م.م"),
    ("Sharikat al-Saqr lil-Tijara al-Amma", "Sharikat al-Nakhil lil-Tijara al-Amma"),
    ("شرکت آرمان بازرگانی", "شرکت پارسه بازرگانی"),
    ("Sakura Dış Ticaret Ltd. Şti.", "Yildiz Dış Ticaret Ltd. Şti."),
    ("Anadolu Ithalat Ihracat A.Ş.", "Karadeniz Ithalat Ihracat A.Ş."),
    ("株式会社サクラ", "株式会社ヒカリ"),
    ("Sakura Kabushiki Kaisha", "Hikari Kabushiki Kaisha"),
    ("주식회사 하늘", "주식회사 바다"),
    ("บริษัท ดาวทอง จำกัด", "บริษัท ฟ้าใส จำกัด"),
    ('אופק בע"מ', 'כוכב בע"מ'),
    ("Φάρος Α.Ε.", "Κύμα Α.Ε."),
    ("Atlas General Trading LLC", "Phoenix General Trading LLC"),
    ("شركة الصقر للمقاولات", "شركة النخيل للمقاولات"),
    ("شرکت حمل و نقل آرمان", "شرکت حمل و نقل نگین"),
    ("جمعية الصقر الخيرية", "جمعية النخيل الخيرية"),
]
SAME = [
    ("Sakura Kabushiki Kaisha", "株式会社サクラ"),
    ("OOO Zarya", "ООО «Заря»"),
    ("Al-Saqr General Trading Company", "شركة الصقر للتجارة العامة"),
    ("Al-Rafidain Contracting Company", "شركة الرافدين للمقاولات"),
    ("Aftab Transport Company", "شرکت حمل و نقل آفتاب"),
    ("Arya Charity Institute", "موسسه خیریه آریا"),
    ("Al-Khair Charitable Society", "جمعية الخير الخيرية"),
]


def _record(subject_id: int, name: str) -> IndexRecord:
    return IndexRecord(subject_id, "Company", (name,), nationalities=("XX",))


@pytest.mark.parametrize(("left", "right"), DIFFERENT)
def test_legal_forms_and_generic_words_alone_do_not_pair(left: str, right: str) -> None:
    index = MatchIndex.build([_record(1, left), _record(2, right)])
    for own, record in ((1, _record(1, left)), (2, _record(2, right))):
        query = query_of(record)
        assert query is not None
        found = [m for m in index.search(query, 10, DEFAULT_THRESHOLD) if m.subject_id != own]
        assert not found, (left, right, [m.to_dict() for m in found])


@pytest.mark.parametrize(("left", "right"), SAME)
def test_the_same_company_in_another_script_is_found(left: str, right: str) -> None:
    match = score_pair(Query("q", (left,), "Company"), _record(1, right))
    assert match.score >= DEFAULT_THRESHOLD, match.to_dict()
