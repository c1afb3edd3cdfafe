"""Legal forms and generic words of organisation names in many scripts and romanisations.

Two different companies often share everything but their distinctive name, so legal forms
and generic words must weigh little whatever the script: ``有限公司`` (Chinese), ``株式会社``
(Japanese), ``주식회사`` (Korean), ``ООО`` (Russian), ``شركة`` / ``ذ.م.م`` (Arabic), ``شرکت``
(Persian), ``Ltd. Şti.`` / ``A.Ş.`` (Turkish), ``บริษัท … จำกัด`` (Thai), ``בע"מ``
(Hebrew), ``Α.Ε.`` (Greek). ``fold_org_phrases`` replaces them in the text as written by
Latin words the lexicon knows (``limited``, ``company``, ``trading`` …), before the text is
split and romanised — a Chinese company name is one word of characters, whose romanisation
would otherwise swallow its legal form. ``LATIN_LEGAL_FORMS`` and ``LATIN_GENERIC`` add the
romanised forms (``kabushiki kaisha``, ``youxian gongsi``, ``ticaret``) to the lexicon;
``LEGAL_PHRASES`` are legal forms written as several words, matched joined.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["LATIN_GENERIC", "LATIN_LEGAL_FORMS", "LEGAL_PHRASES", "ORG_PLACES", "fold_org_phrases"]

_PHRASES: tuple[tuple[str, str], ...] = (
    # Chinese (simplified and traditional) and Japanese, longest first
    ("股份有限公司", "limited"), ("有限责任公司", "limited"), ("有限責任公司", "limited"),
    ("有限公司", "limited"), ("株式会社", "limited"), ("有限会社", "limited"),
    ("合同会社", "limited"), ("公司", "company"), ("集团", "group"), ("集團", "group"),
    ("进出口", "import export"), ("進出口", "import export"), ("国际", "international"),
    ("國際", "international"), ("贸易", "trading"), ("貿易", "trading"), ("商贸", "trading"),
    ("商事", "trading"), ("实业", "industries"), ("實業", "industries"), ("科技", "technology"),
    ("投资", "investment"), ("投資", "investment"), ("控股", "holding"),
    ("发展", "development"), ("物流", "logistics"), ("航运", "shipping"),
    ("化工", "chemical"), ("工程", "engineering"), ("电子", "electronics"),
    ("香港", "hong kong"),  # as Latin writes it, not xianggang
    # Korean
    ("주식회사", "company"), ("(주)", "company"), ("유한회사", "limited"), ("무역", "trading"),
    # Russian, Ukrainian
    ("торговый дом", "trading"), ("общество с ограниченной ответственностью", "limited"),
    # Arabic, Persian
    ("ذ.م.م", "llc"), ("ش.م.م", "llc"), ("ش.م.ع", "pjsc"), ("ش.م.ل", "llc"),
    ("للتجارة", "trading"), ("التجارية", "commercial"), ("العامة", "general"),
    ("الدولية", "international"), ("للاستيراد", "import"), ("والتصدير", "export"),
    ("الخيرية", "charitable"), ("للتصدير", "export"), ("التصدير", "export"),
    ("تصدير", "export"), ("الاستيراد", "import"), ("استيراد", "import"),
    ("صادرات", "export"), ("واردات", "import"), ("مجموعة", "group"), ("شرکت", "company"),
    ("بازرگانی", "trading"), ("تجارت", "trading"), ("سهامی خاص", "jsc"), ("سهامی عام", "jsc"),
    ("گروه", "group"), ("صنایع", "industries"),
    ("للمقاولات", "contracting"), ("المقاولات", "contracting"), ("مقاولات", "contracting"),
    ("للصرافة", "exchange"), ("الصرافة", "exchange"), ("صرافی", "exchange"),
    ("للنقل", "transport"), ("النقل", "transport"), ("حمل و نقل", "transport"),
    ("حمل ونقل", "transport"), ("للشحن", "shipping"), ("للخدمات", "services"),
    ("للاستثمار", "investment"), ("للصناعات", "industries"), ("الهندسية", "engineering"),
    ("مؤسسة", "foundation"), ("موسسة", "foundation"), ("مؤسسه", "institute"),
    ("موسسه", "institute"), ("خیریه", "charity"), ("خيرية", "charitable"),
    ("جمعية", "society"), ("جمعیت", "society"), ("انجمن", "association"),
    # Turkish
    ("ltd. şti.", "ltd sti"), ("ltd.şti.", "ltd sti"), ("a.ş.", "as"), ("san. ve tic.", "trading"),
    # Thai
    ("บริษัท", "company"), ("จำกัด", "limited"), ("(มหาชน)", "plc"),
    # Hebrew
    ('בע"מ', "ltd"), ("בע״מ", "ltd"),
    # Greek
    ("α.ε.", "sa"), ("ε.π.ε.", "ltd"), ("ι.κ.ε.", "ltd"), ("ο.ε.", "ltd"),
)  # fmt: skip
_KEYS = {unicodedata.normalize("NFKC", p).casefold(): latin for p, latin in _PHRASES}
_PATTERN = re.compile("|".join(re.escape(p) for p in sorted(_KEYS, key=len, reverse=True)))

_LEGAL_TEXT = """
kabushiki kabushikigaisha kabushikikaisha kaisha gaisha yugen godo jusik jusikhoesa hoesa
chusik hoisa youxian gongsi youxiangongsi sirketi sti anonim tbk borisat chamkat jamkat
ltda sirket sherkate sherkat sharikat sharika sahami tov ooo zao oao pao ae epe ike
"""
LATIN_LEGAL_FORMS = frozenset(_LEGAL_TEXT.split())
"""Romanised legal forms (dropped from organisation names)."""
_GENERIC_TEXT = """
maoyi jituan guoji keji shiye touzi konggu fazhan wuliu jinchukou shangmao shoji boeki
muyeok ticaret tic san sanayi ithalat ihracat dis insaat nakliyat turizm yatirim gida
tekstil torgovy torgovyy torgovyi tijara tijari tijariya lil amma ama dawliya bazargani
tejarat technology trading contracting muqawalat sirafa naql khayriya jamiya
eksport eksporta kholding kholdinga gruppa grupp gruppy treyding treiding logistik logistika
servis invest investitsii tekhnologii tekhnologiya
"""
LATIN_GENERIC = frozenset(_GENERIC_TEXT.split())
"""Romanised generic words (``maoyi`` trade, ``ticaret`` trade, ``eksport`` and ``kholding``
as Russian names write ``Экспорт`` and ``Холдинг`` …): they weigh little."""
_PLACES_TEXT = """
shenzhen shanghai beijing guangzhou tianjin chongqing xianggang hongkong yiwu hangzhou ningbo
dalian qingdao xiamen wuhan nanjing suzhou dongguan foshan shantou zhuhai
"""
ORG_PLACES = frozenset(_PLACES_TEXT.split())
"""Cities that begin a Chinese company's name by law (``深圳`` Shenzhen, ``广州`` Guangzhou):
they weigh half, as a common given name does. Two companies of one city share it:
``深圳鑫盈科技有限公司`` is not ``深圳鑫源科技有限公司``."""
LEGAL_PHRASES = frozenset(
    {"youxiangongsi", "youxianzerengongsi", "gufenyouxiangongsi", "kabushikikaisha",
     "kabushikigaisha", "yugenkaisha", "godokaisha", "jusikhoesa", "limitedsirketi",
     "anonimsirketi", "ltdsti", "sdnbhd", "borisatchamkat", "sadecv", "sderl"}
)  # fmt: skip
"""Legal forms written as several words (``you xian gong si``), matched joined."""


def fold_org_phrases(text: str) -> str:
    """``text`` (case-folded) with legal forms and generic words of other scripts replaced
    by their Latin equivalents, set apart by spaces."""
    if not _PATTERN.search(text):
        return text
    return _PATTERN.sub(lambda m: f" {_KEYS[m.group(0)]} ", text)
