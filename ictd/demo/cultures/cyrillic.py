"""Russian, Chechen and Central-Asian naming cultures, written in Cyrillic.

Latin spellings come from ``ictd.demo.translit`` (BGN/PCGN, ICAO passport, scholarly,
German) plus the conventional English forms noted in the tables (``Alexander``).
Each given name yields its patronymics (``Александрович``/``Александровна``) and each
family name its feminine form (``Юсупова``, ``Покровская``).
"""

from __future__ import annotations

from ictd.demo.culture import Culture, NamePart
from ictd.demo.translit import SYSTEMS, romanize

__all__ = ["CYRILLIC_CULTURES", "FEMININE", "PATRONYMICS", "feminine_surname", "patronymic"]

# native|conventional Latin spellings|patronymic stem (when not regular)
_RU_MALE = """
Александр|Alexander,Aleksander
Сергей|Sergei,Serguei
Дмитрий|Dmitry,Dmitri|Дмитриев
Андрей|Andrei
Алексей|Alexei,Alexey
Максим
Иван
Михаил||Михайлов
Николай|Nikolai
Владимир
Евгений|Evgeny,Yevgeny
Павел||Павлов
Артём|Artem
Олег
Игорь
Юрий|Yuri,Yury
Виктор
Константин
Роман
Денис
"""
_RU_FEMALE = """
Анна|Anna
Елена|Elena
Ольга|Olga
Татьяна|Tatiana
Наталья|Natalia
Ирина
Мария|Maria
Екатерина|Ekaterina
Светлана
Юлия|Yulia,Julia
"""
_RU_FAMILY = """
Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов
Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев
Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв
Ковалёв Медведев Ильин Сорокин Покровский Островский Вишневский
"""
_CE_MALE = """
Рамзан
Шамиль
Ахмед|Akhmed
Магомед|Magomed
Ислам
Хамзат
Зелимхан
Умар
Аслан
Руслан
Ибрагим|Ibragim
Муса||Мусаев
Адам
Хасан
"""
_CE_FEMALE = "Хеда\nСеда\nАмина\nМалика\nЗарема\nМадина\nЛуиза|Luiza,Louisa"
_CE_FAMILY = """
Исаев Умаров Мусаев Ахмадов Магомадов Дадаев Хасанов Алиев Садулаев Бисултанов
Юсупов Эльмурзаев Межидов
"""
_CA_MALE = """
Алишер
Бахтиёр|Bakhtiyor
Шухрат
Фаррух
Азиз
Улугбек|Ulugbek
Дилшод
Шерзод
Жасур
Рустам
Тимур
Нурлан
Ерлан|Yerlan,Erlan
Азамат
"""
_CA_FEMALE = "Дильноза\nГульнара\nНигора\nЗарина\nМалика\nМадина\nАйгуль|Aigul,Aygul"
_CA_FAMILY = """
Каримов Рахимов Юсупов Усманов Абдуллаев Назаров Мирзаев Исмаилов Турсунов Хасанов
Рахмонов Саидов Нурматов Ахмедов Султанов Ибрагимов
"""


def _part(native: str, conventional: tuple[str, ...] = (), gender: str | None = None) -> NamePart:
    """Spellings in system order (``SYSTEMS``), then conventional ones: index = system."""
    spellings = tuple(romanize(native, system) for system in SYSTEMS)
    return NamePart(native, (*spellings, *conventional), gender)


def patronymic(stem: str, gender: str) -> NamePart:
    """``Александров`` → ``Александрович`` (male) or ``Александровна`` (female)."""
    return _part(stem + ("ич" if gender == "male" else "на"), gender=gender)


def _stem(name: str) -> str:
    """The regular patronymic stem: Сергей → Сергеев, Юрий → Юрьев, Игорь → Игорев."""
    if name.endswith("ий"):
        return name[:-2] + "ьев"
    if name.endswith(("й", "ь")):
        return name[:-1] + "ев"
    return name + "ов"


def feminine_surname(native: str) -> str:
    """``Юсупов`` → ``Юсупова``, ``Покровский`` → ``Покровская``, others unchanged."""
    if native.endswith("ский"):
        return native[:-2] + "ая"
    if native.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return native + "а"
    return native


def _given(text: str, gender: str) -> tuple[tuple[NamePart, ...], dict[str, str]]:
    parts: list[NamePart] = []
    stems: dict[str, str] = {}
    for line in text.strip().splitlines():
        native, _, rest = line.partition("|")
        latin, _, stem = rest.partition("|")
        conventional = tuple(s for s in latin.split(",") if s)
        parts.append(_part(native, conventional, gender))
        stems[native] = stem or _stem(native)
    return tuple(parts), stems


# filled by _culture below: feminine surname by masculine one; patronymic by (father, gender)
FEMININE: dict[str, NamePart] = {}
PATRONYMICS: dict[tuple[str, str], NamePart] = {}


def _culture(code: str, countries: tuple[str, ...], tables: tuple[str, str, str]) -> Culture:
    male, stems = _given(tables[0], "male")
    female, _ = _given(tables[1], "female")
    family = tuple(_part(name) for name in tables[2].split())
    for part in family:
        FEMININE[part.native] = _part(feminine_surname(part.native))
    for name, stem in stems.items():
        for gender in ("male", "female"):
            PATRONYMICS[(name, gender)] = patronymic(stem, gender)
    return Culture(code, "Cyrl", "ru", countries, "cyrillic", male, female, family, coherent=True)


CYRILLIC_CULTURES: tuple[Culture, ...] = (
    _culture("russian", ("RU",), (_RU_MALE, _RU_FEMALE, _RU_FAMILY)),
    _culture("chechen", ("RU",), (_CE_MALE, _CE_FEMALE, _CE_FAMILY)),
    _culture(
        "central-asian",
        ("UZ", "UZ", "UZ", "TJ", "TJ", "KZ", "KG", "TM"),
        (_CA_MALE, _CA_FEMALE, _CA_FAMILY),
    ),
)
