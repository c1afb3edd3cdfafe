"""Part and name comparison: known values and hypothesis properties."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ictd.matching import name_similarity, parse_name, part_similarity
from ictd.matching.compare import (
    FIRST,
    LAST,
    _decided_similarity,
    align,
    end_flag,
    joined_parts,
    prefill_similarities,
    similarity_matrix,
    similarity_matrix_reference,
)
from ictd.matching.keys import hard_letters_agree
from ictd.matching.name import make_part

_WORD = st.text(alphabet="abcdefghijklmnoprstuvwyz", min_size=1, max_size=12)
_NAME = st.lists(_WORD, min_size=1, max_size=4).map(" ".join)
_MIXED = st.text(alphabet=list("abdehiklmnorsuy ") + list("محمدعبالرنسي"), min_size=1, max_size=20)


def test_transliteration_variants_are_close() -> None:
    for a, b in [("mohammed", "muhammad"), ("yusuf", "yousef"), ("husayn", "hussein")]:
        assert part_similarity(make_part(a), make_part(b)) >= 0.9


def test_different_names_sharing_a_skeleton_are_not_equal() -> None:
    assert part_similarity(make_part("hussein"), make_part("hasan")) < 0.9
    assert part_similarity(make_part("mahmoud"), make_part("mohammed")) < 0.85


def test_abjad_part_checks_long_vowels() -> None:
    mahmud = make_part("mhmud", abjad=True)
    assert part_similarity(mahmud, make_part("mahmoud")) > part_similarity(
        mahmud, make_part("mohammed")
    )


def test_initials_match_their_first_letter() -> None:
    assert part_similarity(make_part("a"), make_part("ayman")) == 0.75
    assert part_similarity(make_part("b"), make_part("ayman")) == 0.0


def test_two_slips_in_a_long_part_cost_less_when_it_begins_alike() -> None:
    def sim(a: str, b: str) -> float:
        return part_similarity(make_part(a), make_part(b))

    assert abs(sim("yildirim", "yilidim") - (1 - 2 / 10)) < 1e-9  # two edits in eight letters
    assert abs(sim("jianguo", "jeaguo") - (1 - 2 / 9)) < 1e-9
    assert abs(sim("taylor", "taylbr") - (1 - 1 / 6)) < 1e-9  # one edit: as before
    # another first letter, or a short part: edits count as they did, 1 / length
    assert sim("karimov", "rakhimov") < 0.75
    assert abs(sim("taha", "toha") - 0.75) < 1e-9


def test_alignment_is_order_free_and_reports_coverage() -> None:
    (q,) = parse_name("ZAWAHIRI, Ayman")
    (c,) = parse_name("Ayman Muhammad al-Zawahiri")
    found = align(q, c)
    assert found.query_coverage == 1.0
    assert 0.5 < found.candidate_coverage < 1.0


def test_adjacent_parts_join() -> None:
    assert name_similarity("Ahmadi Nejad", "Ahmadinejad") == 1.0
    assert name_similarity("Kim Jongun", "Kim Jong Un") == 1.0


@given(_WORD, _WORD)
def test_part_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    left, right = make_part(a), make_part(b)
    value = part_similarity(left, right)
    assert 0.0 <= value <= 1.0
    assert value == part_similarity(right, left)


@given(_MIXED, _MIXED)
def test_name_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    value = name_similarity(a, b)
    assert 0.0 <= value <= 1.0
    assert value == name_similarity(b, a)


@given(_NAME)
def test_name_is_identical_to_itself(a: str) -> None:
    assert name_similarity(a, a) > 1.0 - 1e-9


@given(st.lists(_WORD, min_size=1, max_size=4), st.lists(_WORD, min_size=1, max_size=6))
def test_bulk_similarities_agree_with_the_reference(left: list[str], right: list[str]) -> None:
    query = [make_part(w) for w in left]
    candidates = [make_part(w) for w in right] + [make_part("mhmd", abjad=True)]
    cache: dict[tuple[int, int], float] = {}
    prefill_similarities(query, candidates, cache)
    for q in query:
        for c in candidates:
            assert abs(cache[(id(q), id(c))] - part_similarity(q, c)) < 1e-12


def test_dropped_second_word_of_a_compound_and_its_initial() -> None:
    # "Abdul Agha" lost "Rahman" of "Abdul Rahman"; "Abdul R." wrote it as an initial
    assert name_similarity("Abdul Agha", "Abdul Rahman Agha") > 0.85
    assert name_similarity("Abdul R. Agha", "Abdul Rahman Agha") > 0.9
    assert name_similarity("A. Manan Agha", "Abdul Manan Agha") > 0.9
    assert name_similarity("Shafiq Abdul", "Abdul Wahed Shafiq") > 0.7
    # the compound's second word still tells two names apart
    assert name_similarity("Abdul Karim Agha", "Abdul Rahman Agha") < 0.8


def test_a_list_of_names_matches_each_of_them() -> None:
    assert name_similarity("Javad Rahigi; Jawad Rahiqi", "JAVAD RAHIQI") == 1.0


_SURNAMES = [
    "choi",
    "choe",
    "cho",
    "jo",
    "lee",
    "rhee",
    "ri",
    "yi",
    "jeon",
    "jeong",
    "jung",
    "park",
    "pak",
    "bak",
    "shin",
    "shim",
    "kim",
    "kin",
    "smith",
    "yusuf",
]


def test_korean_family_names_one_alike_two_apart() -> None:
    def sim(a: str, b: str) -> float:
        return part_similarity(make_part(a), make_part(b))

    for a, b in [
        ("choi", "choe"),
        ("lee", "rhee"),
        ("ri", "yi"),
        ("park", "bak"),
        ("jung", "jeong"),
    ]:
        assert sim(a, b) >= 0.9, (a, b)
    for a, b in [("choi", "cho"), ("jeon", "jeong"), ("shin", "shim"), ("ri", "jo")]:
        assert sim(a, b) <= 0.6, (a, b)
    assert sim("kim", "kin") > 0.5  # ``kin`` spells no family name of the table: spelling decides
    assert sim("yusuf", "joseph") >= 0.9  # the given-name classes are unchanged


def test_family_name_classes_agree_in_kernel_and_reference() -> None:
    parts = [make_part(w) for w in _SURNAMES]
    matrix = similarity_matrix(parts, parts)
    reference = similarity_matrix_reference(parts, parts)
    for i, a in enumerate(parts):
        for j, b in enumerate(parts):
            assert matrix[i, j] == reference[i, j] == part_similarity(a, b), (a.text, b.text)


def test_pairs_decided_in_python_are_remembered_with_their_value() -> None:
    names = ["حسین", "Hassan", "Husain", "جمال", "Kamal", "Gamal", "ملک", "Malek", "Malka"]
    parts = [p for n in names for p in parse_name(n)[0].parts]
    first = similarity_matrix(parts, parts)
    hits = _decided_similarity.cache_info().hits
    again = similarity_matrix(parts, parts)
    assert _decided_similarity.cache_info().hits > hits  # the second matrix read them back
    reference = similarity_matrix_reference(parts, parts)
    for i, a in enumerate(parts):
        for j, b in enumerate(parts):
            assert first[i, j] == again[i, j] == reference[i, j], (a.text, b.text)


def test_a_part_that_begins_like_the_first_is_not_the_first() -> None:
    parts = parse_name("Rustam Rustamovich Nazarov")[0].parts
    patronymic = parts[1]
    assert end_flag(parts, patronymic) == 0
    assert end_flag(parts, parts[0]) == FIRST
    joined = joined_parts(parts)
    assert end_flag(parts, joined[0]) == FIRST  # ``rustamrustamovich``: the first, joined
    assert end_flag(parts, joined[1]) == LAST


def test_hard_letters_agree_one_way() -> None:
    assert hard_letters_agree("gmal", "gamal")
    assert not hard_letters_agree("gmal", "kamal")  # ج read g against كمال's Latin form
    assert hard_letters_agree("kmal", "gamal")  # a k of the reading may be written g (Thai ก)
    assert hard_letters_agree("qdhafi", "gaddafi")
    assert hard_letters_agree("ghsan", "gassan")  # ``gh`` is another sound: no verdict
