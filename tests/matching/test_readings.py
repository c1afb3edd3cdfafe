"""Retrieval keeps a candidate for every reading of a name in a non-Latin script."""

from __future__ import annotations

from ictd.matching import IndexRecord, MatchIndex, Query

SURNAMES = [
    "احمدی", "حسینی", "کریمی", "موسوی", "جعفری", "قاسمی", "صادقی", "رحیمی", "هاشمی", "شیرازی",
    "طاهری", "ابراهیمی", "علیزاده", "نجفی", "سلیمانی", "کاظمی", "مرادی", "باقری", "یزدی", "تهرانی",
]  # fmt: skip


GIVEN = [
    "علی", "حسین", "محمد", "مهدی", "امیر", "سعید", "حمید", "مجید", "بهرام", "کامران",
    "فرهاد", "داوود", "یوسف", "جواد", "مسعود", "ناصر", "کاوه", "بابک", "پرویز", "سیاوش",
]  # fmt: skip


def test_a_latin_record_is_found_among_records_written_in_the_querys_script() -> None:
    # twenty listed Rezas written in Persian hold the keys of every reading of ``رضا``, and
    # twenty Nouris make ``نوری`` common; the one written in Latin agrees with one reading
    # in both parts and must still be retrieved
    records = [IndexRecord(i, "Person", (f"رضا {s}",)) for i, s in enumerate(SURNAMES, start=1)]
    records += [IndexRecord(50 + i, "Person", (f"{g} نوری",)) for i, g in enumerate(GIVEN)]
    records.append(IndexRecord(100, "Person", ("Reza Nouri",)))
    found = MatchIndex.build(records).search(Query("q", names=("رضا نوری",)), limit=3)
    assert found[0].subject_id == 100
    assert found[0].score >= 0.5
