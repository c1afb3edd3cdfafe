"""Negative organisation names of ``ictd eval``: legal forms and generic words in many scripts.

Two different companies often share everything but their distinctive name: ``…贸易有限公司``
(trading company limited), ``ООО «…»``, ``شركة … للتجارة العامة``, ``… Ticaret Ltd. Şti.``,
``株式会社…``. ``org_form_names`` makes such names with a distinctive part drawn from pools
of our own (words that no generator table holds), so a match on them can only rest on the
legal form and the generic words: each is a negative query (``neg-org-forms``).
"""

from __future__ import annotations

import random
from collections.abc import Iterator

__all__ = ["LATIN_FORMS", "org_form_names"]

_HAN = "龙凤鑫泰盛源宏恒瑞祥福兴旺隆昌盈丰德顺嘉"
_KANA = "サクラミドリアオゾラヒカリツバサホシカゼ"
_HANGUL = "하늘바다별빛새솔누리한결가람다온"
_CYRILLIC = ("Заря", "Вектор", "Рассвет", "Пульсар", "Янтарь", "Альтаир", "Сапфир", "Орион")
_ARABIC = ("الصقر", "الزيتونة", "الرمال", "الواحة", "الياقوت", "القمة", "المرجان", "السنابل")
_PERSIAN = ("آرمان", "پارسه", "نگین", "سپیده", "مهتاب", "کوهسار")
_THAI = ("ดาวทอง", "ฟ้าใส", "รุ่งเรือง", "ทะเลคราม")
_GREEK = ("Αστέρι", "Ορίζων", "Κύμα", "Φάρος")
_HEBREW = ("אופק", "גלים", "כוכב", "שחר")
_LATIN = (
    "Zorvath",
    "Quilleran",
    "Branimoor",
    "Televik",
    "Oskarune",
    "Wendrafell",
    "Pyxora",
    "Calvessa",
    "Dremont",
    "Ilvaro",
    "Morvanta",
    "Selkirra",
    "Tavimor",
    "Ulmagor",
)
LATIN_FORMS = (
    "{x} Trading Co., Ltd.", "{x} Maoyi Youxian Gongsi", "{x} you xian gong si",
    "{x} Kabushiki Kaisha", "Kabushiki Kaisha {x}", "{x} K.K.", "{x} Jusik Hoesa",
    "{x} Ticaret Ltd. Şti.", "{x} Dış Ticaret Anonim Şirketi", "{x} Ithalat Ihracat A.Ş.",
    "OOO {x}", "{x} Torgovy Dom", "Sharikat {x} lil-Tijara al-Amma", "Sherkat-e {x}",
    "{x} General Trading LLC", "{x} Import Export GmbH", "PT {x} Tbk", "{x} Sdn Bhd",
    "Borisat {x} Chamkat", "{x} S.A. de C.V.",
)  # fmt: skip


def _han(rng: random.Random) -> str:
    return "".join(rng.sample(_HAN, 2))


def _native(rng: random.Random) -> str:
    kind = rng.randrange(9)
    if kind == 0:
        return (
            rng.choice(("深圳", "上海", "广州", ""))
            + _han(rng)
            + rng.choice(("贸易有限公司", "国际贸易有限公司", "科技有限公司", "实业集团有限公司"))
        )
    if kind == 1:
        return (
            rng.choice(("株式会社", ""))
            + "".join(rng.sample(_KANA, 3))
            + rng.choice(("株式会社", "商事", "貿易株式会社"))
        )
    if kind == 2:
        return f"주식회사 {''.join(rng.sample(_HANGUL, 2))}" + rng.choice(("", " 무역"))
    if kind == 3:
        return rng.choice(("ООО «{}»", "АО «{}»", "ТОВ «{}»", "ООО Торговый дом «{}»")).format(
            rng.choice(_CYRILLIC)
        )
    if kind == 4:
        return rng.choice(("شركة {} للتجارة العامة", "مؤسسة {} للاستيراد والتصدير")).format(
            rng.choice(_ARABIC)
        )
    if kind == 5:
        return rng.choice(("شرکت {} بازرگانی", "شرکت بازرگانی {}")).format(rng.choice(_PERSIAN))
    if kind == 6:
        return f"บริษัท {rng.choice(_THAI)} จำกัด"
    if kind == 7:
        return f"{rng.choice(_GREEK)} Α.Ε."
    return f'{rng.choice(_HEBREW)} בע"מ'


def org_form_names(count: int, seed: int) -> Iterator[str]:
    """``count`` organisation names, half in Latin forms and half in native scripts."""
    rng = random.Random(seed * 7_368_787 + 5)  # noqa: S311 (seeded benchmark data)
    for _ in range(count):
        if rng.random() < 0.5:
            yield rng.choice(LATIN_FORMS).format(x=rng.choice(_LATIN))
        else:
            yield _native(rng)
