"""Short everyday names written in their own script, searched against their Latin form.

Each line of ``everyday-names.txt`` is ``query|listed name``. The listed names are indexed
beside 5,000 generated subjects (``ictd bench screen``'s generator, seed 3), each query is
searched, and the script prints the pairs whose listed name is not first at or above 0.5,
then the counts: recall@1 and recall at the default threshold.

    python scripts/everyday-names.py scripts/everyday-names.txt

Several lists are kept, none of them a held-out benchmark any more: ``everyday-names.txt``
was written first and used while changing the Thai and Hebrew readings;
``everyday-names-heldout.txt`` was written before the Greek, Japanese and Persian changes and
then used while making them; ``everyday-names-heldout2.txt`` was written before those changes
and measured once unseen (docs/benchmarks.md gives that figure), then used for the last Hebrew
and Thai corrections. A new list, written before a change and measured once after it, is the
honest check. ``everyday-names-wade-giles.txt`` (Chinese names in Wade–Giles and other older
spellings, Korean and Japanese ones) was written before Han names got a Wade–Giles reading
and measured before and after it (docs/benchmarks.md, round 11). ``everyday-names-heldout4.txt``
(91 names in fifteen scripts and languages, Georgian and Armenian among them) was written before
round 15 and measured once before and once after it. ``everyday-names-heldout5.txt`` (123 names:
Arabic, Persian, Urdu, Pashto, Uyghur, Cyrillic of seven languages, Azerbaijani and Turkish,
Han in mainland, Taiwanese, Hong Kong and Singapore spellings, Hangul, kanji, Greek, Hebrew,
Thai, Georgian, Armenian, Somali) was written before round 17 and measured before any change;
two of round 17's changes (the Azerbaijani ``ə`` and Tajik letters, Somali orthography) were
made after its failures had been seen, so it is an unseen check only for the other kinds.
``everyday-names-heldout6.txt`` (164 names: Arabic, Persian, Urdu, Pashto, Cyrillic of nine
languages, Han, Hangul, kanji and kana, Greek, Hebrew, Thai, Georgian, Armenian, Ethiopic,
Turkish, Somali, Hausa and Indonesian spellings, and ten Latin queries against names in their
own script) was written before round 19 and measured once before any change.
``everyday-names-heldout7.txt`` (167 names: Arabic, Persian, Urdu, Cyrillic of six languages,
Han, Hangul, kanji and kana, Greek, Hebrew, Thai, Georgian, Armenian, Devanagari, Ethiopic,
and five organisations) was written before round 21 and measured once before any change.
``everyday-names-heldout8.txt`` (163 names: Arabic, Persian, Urdu, Cyrillic of seven languages,
Han in mainland, Taiwanese and Hong Kong spellings, Hangul, kanji and kana, Greek, Hebrew, Thai,
Devanagari, Georgian, Armenian, and five Latin queries against names in their own script) was
written before round 24 and measured on main before any change: recall@1 0.975, at 0.5 0.939.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from ictd.bench.screening import records
from ictd.matching import DEFAULT_THRESHOLD, IndexRecord, MatchIndex, Query


def main(path: str) -> None:
    text = Path(path).read_text(encoding="utf-8")
    pairs = [line.split("|") for line in text.splitlines() if "|" in line]
    listed = [IndexRecord(i, "Person", (latin.strip(),)) for i, (_, latin) in enumerate(pairs, 1)]
    decoys = [replace(r, subject_id=len(pairs) + k) for k, r in enumerate(records(5000, 3), 1)]
    index = MatchIndex.build([*listed, *decoys])
    first = above = 0
    for i, (query, latin) in enumerate(pairs, 1):
        found = index.search(Query("q", names=(query.strip(),), schema="Person"), limit=3)
        right = bool(found) and found[0].subject_id == i
        first += right
        above += right and found[0].score >= DEFAULT_THRESHOLD
        if not (right and found[0].score >= DEFAULT_THRESHOLD):
            print(
                query.strip(),
                "|",
                latin.strip(),
                "->",
                [(m.subject_id, round(m.score, 2)) for m in found],
            )
    n = len(pairs)
    print(f"{n} pairs: recall@1 {first / n:.3f}, at {DEFAULT_THRESHOLD}: {above / n:.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
