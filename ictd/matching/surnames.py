"""Korean family names and their Latin spellings: one name's spellings alike, two names apart.

Our own table, from the common spellings of each family name in South Korea (Revised
Romanisation and the older spellings people keep: ``Park``, ``Choi``, ``Lee``) and in North
Korea (McCune–Reischauer as its lists write it: ``Pak``, ``Choe``, ``Ri``, ``Jong``). Korean
family names are few and short, and several that differ by one letter are different names
(``Choi`` 최 and ``Cho`` 조, ``Jeon`` 전 and ``Jeong`` 정, ``Shin`` 신 and ``Shim`` 심), where
spelling similarity alone would take them for one; other spellings of one name share no
letters a spelling similarity would find (``Lee`` / ``Yi`` / ``Rhee``, ``Park`` / ``Bak``).

So two name parts that are both spellings in this table are at least
``compare.EQUIVALENT_SIMILARITY`` alike when they spell one family name and at most
``compare.DISTINCT_SIMILARITY`` when they spell two. Family names whose spellings overlap
(``Yu`` is 유 and 류; ``Chun`` is 전 and 천) make one class: the table only tells names apart
when no spelling is shared. Single letters (``I``, ``O``) are left out: initials are
compared as initials.

A part's class travels in the same slot as the given-name equivalence class
(``ictd.matching.equivalents``, numbers ≥ 0): family-name classes are numbered from -2 down.
"""

from __future__ import annotations

__all__ = ["KOREAN_SURNAMES", "surname_class"]

KOREAN_SURNAMES: dict[str, tuple[str, ...]] = {
    "김": ("kim", "gim"), "이": ("lee", "yi", "rhee", "i"), "리": ("ri", "lee"),
    "박": ("park", "pak", "bak"), "최": ("choi", "choe"), "정": ("jung", "jeong", "chung"),
    "강": ("kang", "gang"), "조": ("cho", "jo"), "윤": ("yoon", "yun"),
    "장": ("jang", "chang"), "임": ("lim", "im", "rim"), "한": ("han",), "오": ("oh", "o"),
    "서": ("seo", "suh"), "신": ("shin", "sin"), "권": ("kwon", "gwon"),
    "황": ("hwang",), "안": ("ahn", "an"), "송": ("song",), "류": ("ryu", "yoo", "yu"),
    "유": ("yoo", "yu"), "홍": ("hong",), "전": ("jeon", "chun", "jun"), "고": ("ko", "go"),
    "문": ("moon", "mun"), "손": ("son", "sohn"), "배": ("bae", "pae"), "백": ("baek", "paik"),
    "노": ("roh", "no"), "남": ("nam",), "심": ("shim", "sim"), "하": ("ha",), "주": ("joo", "ju"),
}  # fmt: skip
"""Hangul family name → its Latin spellings, the commonest first (the readings of
``ictd.matching.transliterate``)."""

# More spellings of the names above, and more names, for the classes only: North Korean
# forms (McCune–Reischauer's ŏ and ŭ written o and u: 성 Sŏng ``Song``, 정 Chŏng ``Jong``), other
# older spellings; each line one family name. The same syllables make given names (``Kim Il
# Sung`` is ``Kim Il Song`` in the North), so the classes hold for every part.
_MORE = """
ri rhee lee yi
lim im rim
pak park bak
choe choi
jong chong jung jeong chung
jon chon jeon jun chun cheon
cho jo
kang gang
yang ryang
ro roh noh no
ryu yu yoo
so seo suh
son sohn sun seon
sung seong song
o oh
han
ham
heo huh hur ho
hyun hyeon hyon
hyung hyeong
kwak gwak
cha
chae
woo wu
koo ku gu
kuk guk
kwon gwon
min
moon mun
myung myeong myong
na ra la
jin chin
ji chi
joo ju chu choo
eom um om
eun un
won
wi wee
bang pang
bong pong
ban pan
baek paik paek
bae pae
byun byeon pyon pyun
gong kong
geum keum kum
gil kil
ki gi
kye gye
yeom yum yom
yeo yuh yo
yeon yon
yoon yun
yong ryong
yuk yook
seok suk sok
seol sul sol
tak
tae
pyo
ma
maeng
ok
do
wang
hwangbo
namgoong namgung
sunwoo seonu
"""


def _classes() -> dict[str, int]:
    """Spelling → class number (-2, -3, …); names sharing a spelling are one class."""
    groups: list[set[str]] = [set(forms) for forms in KOREAN_SURNAMES.values()]
    groups += [set(line.split()) for line in _MORE.strip().splitlines()]
    merged: list[set[str]] = []
    for group in groups:
        group = {form for form in group if len(form) > 1}
        touching = [m for m in merged if m & group]
        for m in touching:
            group |= m
            merged.remove(m)
        merged.append(group)
    return {form: -2 - number for number, group in enumerate(merged) for form in group}


_BY_FORM = _classes()


def surname_class(text: str) -> int:
    """The family-name class of a Latin name part (≤ -2), or -1 when it spells none."""
    return _BY_FORM.get(text, -1)
