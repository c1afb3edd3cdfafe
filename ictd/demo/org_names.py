"""Organisation name tables: distinctive name parts and kinds (with legal forms) per language.

A kind pairs a native template with Latin templates; ``{x}`` is replaced by one spelling
of a name part. Arabic ``شركة {x} للتجارة العامة`` reads ``{x} General Trading LLC``;
Russian ``ООО «{x}»`` reads ``OOO {x}`` or ``{x} LLC``; Chinese ``{city}{x}贸易有限公司``
reads ``{city} {x} Trading Co., Ltd.``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ictd.demo.culture import NamePart, parse_parts
from ictd.demo.translit import SYSTEMS, romanize
from ictd.model.schema import Schema

__all__ = [
    "GROUP_PART_NATIVES",
    "ORG_FAMILIES",
    "RU_SUFFIXES",
    "WEST_ACTIVITIES",
    "WEST_LEGAL",
    "ZH_CITIES",
    "OrgFamily",
    "OrgKind",
]


@dataclass(frozen=True, slots=True)
class OrgKind:
    """One kind of organisation: schema, templates, legal form, and what it does.

    ``tag`` is ``company`` (trading and the like), ``charity``, ``exchange`` (money
    exchange, hawala) or ``group`` (an armed group).
    """

    schema: Schema
    native: str  # template with {x}; "" for Latin-only kinds
    latin: tuple[str, ...]  # templates with {x}, most common first
    legal_form: str | None = None
    tag: str = "company"


@dataclass(frozen=True, slots=True)
class OrgFamily:
    """The organisation names of one language: parts, kinds, countries and script."""

    code: str
    lang: str
    script: str
    parts: tuple[NamePart, ...]
    kinds: tuple[OrgKind, ...]
    countries: tuple[str, ...]


_C, _O = Schema.COMPANY, Schema.ORGANIZATION

_AR_PARTS = parse_parts("""
النور|Al-Noor,Al-Nur,Alnoor,An-Nur,El Nour
الأمل|Al-Amal,Alamal,El Amal
الفجر|Al-Fajr,Alfajr,El Fajr
الهدى|Al-Huda,Alhuda,El Houda
البركة|Al-Baraka,Al-Barakah,Albaraka
الرحمة|Al-Rahma,Ar-Rahma,Al-Rahmah
الخير|Al-Khair,Al-Khayr,Alkhair
السلام|Al-Salam,As-Salam,Assalam
الفرقان|Al-Furqan,Alfurqan,El Forkane
الرافدين|Al-Rafidain,Al-Rafidayn,Alrafidain
الشام|Al-Sham,Ash-Sham,Alsham
الريان|Al-Rayyan,Al-Rayan
الوفاء|Al-Wafa,Al-Wafaa,Alwafa
الأنصار|Al-Ansar,Alansar,El Ansar
التقوى|Al-Taqwa,At-Taqwa
قصر النخيل|Qasr al-Nakhil,Qasr Al Nakheel,Kasr El Nakhil
دار السلام|Dar al-Salam,Dar Es Salam,Dar As-Salam
الهلال|Al-Hilal,Al-Helal
الصحراء|Al-Sahraa,Al-Sahra,Es-Sahra
المستقبل|Al-Mustaqbal,Al-Moustakbal
الأندلس|Al-Andalus,Al-Andalous
""")
_AR_KINDS = (
    OrgKind(_C, "شركة {x} للتجارة العامة ذ.م.م",
            ("{x} General Trading LLC", "{x} General Trading Co.", "{x} Gen. Trading L.L.C.",
             "{x} for General Trading"), "LLC"),
    OrgKind(_C, "شركة {x} للصرافة",
            ("{x} Exchange Company", "{x} Money Exchange", "{x} Exchange Co."), tag="exchange"),
    OrgKind(_C, "شركة {x} للمقاولات",
            ("{x} Contracting Company", "{x} Contracting Co.", "{x} for Contracting")),
    OrgKind(_C, "شركة {x} للاستيراد والتصدير",
            ("{x} Import & Export Co.", "{x} Import and Export Company", "{x} Imp. & Exp.")),
    OrgKind(_O, "مؤسسة {x} الخيرية",
            ("{x} Charitable Foundation", "{x} Charity Foundation", "{x} Foundation"),
            tag="charity"),
    OrgKind(_O, "جمعية {x} الخيرية",
            ("{x} Charitable Society", "{x} Charity Association", "{x} Society"),
            tag="charity"),
    OrgKind(_O, "كتيبة {x}", ("Katibat {x}", "Katiba {x}", "{x} Battalion"), tag="group"),
    OrgKind(_O, "لواء {x}", ("Liwa {x}", "Liwa' {x}", "{x} Brigade"), tag="group"),
    OrgKind(_O, "جماعة {x}", ("Jamaat {x}", "Jama'at {x}", "{x} Group"), tag="group"),
)  # fmt: skip

_FA_PARTS = parse_parts("""
پارس|Pars,Parss
آریا|Aria,Arya
سپهر|Sepehr
البرز|Alborz
کوثر|Kowsar,Kosar,Kausar
مهر|Mehr
دریا|Darya
آفتاب|Aftab
ستاره|Setareh,Setare
""")
_FA_KINDS = (
    OrgKind(_C, "شرکت بازرگانی {x}",
            ("{x} Trading Company", "{x} Trading Co.", "Bazargani {x} Co.")),
    OrgKind(_C, "شرکت حمل و نقل {x}", ("{x} Transport Company", "{x} Shipping Co.")),
    OrgKind(_O, "موسسه خیریه {x}", ("{x} Charity Institute", "{x} Charitable Institute"),
            tag="charity"),
)  # fmt: skip


def _cyrillic(words: str) -> tuple[NamePart, ...]:
    parts = []
    for item in words.split():
        native, _, conventional = item.partition("|")
        latin = [romanize(native, s) for s in SYSTEMS if s != "german"]
        extra = [s for s in conventional.split(",") if s]
        parts.append(NamePart(native, tuple(dict.fromkeys([*latin, *extra]))))
    return tuple(parts)


_RU_PARTS = _cyrillic(
    "Восток Сибирь|Siberia Альфа|Alpha Каспий|Caspian Север Меридиан Гранит Волга "
    "Дельта Кавказ|Caucasus Байкал|Baikal Арктика|Arctic"
)
_RU_SUFFIX = _cyrillic("Логистик|Logistics Трейд|Trade Транс Инвест Строй Импорт Групп|Group")
_RU_KINDS = (
    OrgKind(_C, "ООО «{x}»", ("{x} LLC", "OOO {x}", 'OOO "{x}"', "{x} OOO"), "ООО"),
    OrgKind(_C, "АО «{x}»", ("{x} JSC", "AO {x}", 'AO "{x}"'), "АО"),
)

_ZH_PARTS = tuple(
    NamePart(native, tuple(latin.split(",")))
    for native, latin in (
        ("华兴", "Huaxing,Hua Xing"), ("金龙", "Jinlong,Jin Long,Golden Dragon"),
        ("东方", "Dongfang,Dong Fang,Oriental"), ("远洋", "Yuanyang,Yuan Yang,Ocean"),
        ("宏达", "Hongda,Hong Da"), ("恒信", "Hengxin,Heng Xin"), ("永利", "Yongli,Yong Li"),
        ("鑫源", "Xinyuan,Xin Yuan"), ("长城", "Changcheng,Chang Cheng,Great Wall"),
    )
)  # fmt: skip
_ZH_CITIES = (("深圳", "Shenzhen"), ("广州", "Guangzhou"), ("上海", "Shanghai"),
              ("义乌", "Yiwu"), ("天津", "Tianjin"), ("香港", "Hong Kong"))  # fmt: skip
_ZH_KINDS = tuple(
    OrgKind(_C, "{city}{x}" + native + "有限公司",
            (f"{{city}} {{x}} {latin} Co., Ltd.", f"{{x}} {latin} Co Ltd",
             f"{{city}} {{x}} {latin} Company Limited"), "有限公司")
    for native, latin in (("贸易", "Trading"), ("物流", "Logistics"), ("科技", "Technology"),
                          ("进出口", "Import and Export"), ("电子", "Electronics"),
                          ("化工", "Chemical"))
)  # fmt: skip

_WEST_PARTS = parse_parts("""
Meridian|Meridian
Atlas|Atlas
Horizon|Horizon
Northstar|Northstar,North Star
Blue Crescent|Blue Crescent,Bluecrescent
Silver Palm|Silver Palm,Silverpalm
Euro-Gulf|Euro-Gulf,Euro Gulf,Eurogulf
Sahel|Sahel
Orion|Orion
Falcon|Falcon
Cedar|Cedar
""")
_WEST_LEGAL = {
    "GB": ("Ltd", "Limited"), "DE": ("GmbH",), "FR": ("SARL", "S.A.R.L."),
    "NL": ("B.V.", "BV"), "ES": ("S.L.", "SL"), "CH": ("AG", "SA"), "CY": ("Ltd", "Limited"),
    "AE": ("FZE", "FZCO", "LLC"), "TR": ("Ltd. Şti.", "Ltd Sti"), "PA": ("S.A.", "SA"),
    "VG": ("Ltd", "Limited"), "BE": ("BV", "SRL"), "IT": ("S.r.l.", "SRL"),
}  # fmt: skip
WEST_ACTIVITIES = ("Shipping", "Trading", "Consulting", "Holdings", "Logistics",
                   "Investments", "Commodities", "Import Export")  # fmt: skip
_WEST_KINDS = (
    OrgKind(_C, "", ("{x} {activity} {legal}", "{x} {activity} {legal_alt}", "{x} {activity}")),
)

_SO_PARTS = parse_parts("""
Iftin|Iftin,Iftiin
Barwaaqo|Barwaaqo,Barwaqo
Nabad|Nabad,Nabaad
Hiil|Hiil,Hil
Dalmar|Dalmar
""")
_SO_KINDS = (
    OrgKind(_C, "", ("{x} Express Money Transfer", "{x} Express", "{x} Money Transfer"),
            tag="exchange"),
    OrgKind(_C, "", ("{x} Hawala Services", "{x} Hawala", "{x} Financial Services"),
            tag="exchange"),
    OrgKind(_O, "", ("{x} Relief Organization", "{x} Relief Org.", "{x} Relief"), tag="charity"),
)  # fmt: skip

ORG_FAMILIES: dict[str, OrgFamily] = {
    "arabic": OrgFamily("arabic", "ar", "Arab", _AR_PARTS, _AR_KINDS,
                        ("AE", "AE", "AE", "SA", "IQ", "SY", "JO", "LB", "YE", "TR", "QA", "KW")),
    "persian": OrgFamily("persian", "fa", "Arab", _FA_PARTS, _FA_KINDS, ("IR",)),
    "russian": OrgFamily("russian", "ru", "Cyrl", _RU_PARTS, _RU_KINDS,
                         ("RU", "RU", "RU", "KZ", "UZ", "KG")),
    "chinese": OrgFamily("chinese", "zh", "Hani", _ZH_PARTS, _ZH_KINDS, ("CN",)),
    "western": OrgFamily("western", "en", "Latn", _WEST_PARTS, _WEST_KINDS,
                         tuple(_WEST_LEGAL)),
    "somali": OrgFamily("somali", "so", "Latn", _SO_PARTS, _SO_KINDS, ("SO", "SO", "KE", "AE")),
}  # fmt: skip
RU_SUFFIXES = _RU_SUFFIX
ZH_CITIES = _ZH_CITIES
WEST_LEGAL = _WEST_LEGAL
GROUP_PART_NATIVES = frozenset({"الفرقان", "الفجر", "الأنصار", "التقوى", "الهدى", "الرحمة"})
