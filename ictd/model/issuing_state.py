"""ICAO 9303 three-letter state codes and their ISO 3166-1 alpha-2 counterparts.

Travel documents and airline messages name states with ICAO 9303 codes: ISO 3166-1 alpha-3
plus ICAO's own (``D`` for Germany, ``GBD``…``GBS`` for British nationality classes,
``RKS`` for Kosovo). The rest of ICTD uses alpha-2, so ``iso_of_icao`` maps a code to
alpha-2 where there is a state behind it. Codes of organisations and of people without a
state (``UNO``, ``XXA`` stateless, ``XXB`` refugee…) have none: ``issuing_state_of``
keeps them as sent, so a document issued by the United Nations still has a key.
"""

from __future__ import annotations

from ictd.model.country import COUNTRY_CODES

__all__ = [
    "ICAO_TO_ISO",
    "NON_STATE_CODES",
    "icao_of_iso",
    "is_issuing_state",
    "iso_of_icao",
    "issuing_state_of",
]

_ALPHA3 = """
AD AND AE ARE AF AFG AG ATG AI AIA AL ALB AM ARM AO AGO AQ ATA AR ARG AS ASM AT AUT AU AUS
AW ABW AX ALA AZ AZE BA BIH BB BRB BD BGD BE BEL BF BFA BG BGR BH BHR BI BDI BJ BEN BL BLM
BM BMU BN BRN BO BOL BQ BES BR BRA BS BHS BT BTN BV BVT BW BWA BY BLR BZ BLZ CA CAN CC CCK
CD COD CF CAF CG COG CH CHE CI CIV CK COK CL CHL CM CMR CN CHN CO COL CR CRI CU CUB CV CPV
CW CUW CX CXR CY CYP CZ CZE DE DEU DJ DJI DK DNK DM DMA DO DOM DZ DZA EC ECU EE EST EG EGY
EH ESH ER ERI ES ESP ET ETH FI FIN FJ FJI FK FLK FM FSM FO FRO FR FRA GA GAB GB GBR GD GRD
GE GEO GF GUF GG GGY GH GHA GI GIB GL GRL GM GMB GN GIN GP GLP GQ GNQ GR GRC GS SGS GT GTM
GU GUM GW GNB GY GUY HK HKG HM HMD HN HND HR HRV HT HTI HU HUN ID IDN IE IRL IL ISR IM IMN
IN IND IO IOT IQ IRQ IR IRN IS ISL IT ITA JE JEY JM JAM JO JOR JP JPN KE KEN KG KGZ KH KHM
KI KIR KM COM KN KNA KP PRK KR KOR KW KWT KY CYM KZ KAZ LA LAO LB LBN LC LCA LI LIE LK LKA
LR LBR LS LSO LT LTU LU LUX LV LVA LY LBY MA MAR MC MCO MD MDA ME MNE MF MAF MG MDG MH MHL
MK MKD ML MLI MM MMR MN MNG MO MAC MP MNP MQ MTQ MR MRT MS MSR MT MLT MU MUS MV MDV MW MWI
MX MEX MY MYS MZ MOZ NA NAM NC NCL NE NER NF NFK NG NGA NI NIC NL NLD NO NOR NP NPL NR NRU
NU NIU NZ NZL OM OMN PA PAN PE PER PF PYF PG PNG PH PHL PK PAK PL POL PM SPM PN PCN PR PRI
PS PSE PT PRT PW PLW PY PRY QA QAT RE REU RO ROU RS SRB RU RUS RW RWA SA SAU SB SLB SC SYC
SD SDN SE SWE SG SGP SH SHN SI SVN SJ SJM SK SVK SL SLE SM SMR SN SEN SO SOM SR SUR SS SSD
ST STP SV SLV SX SXM SY SYR SZ SWZ TC TCA TD TCD TF ATF TG TGO TH THA TJ TJK TK TKL TL TLS
TM TKM TN TUN TO TON TR TUR TT TTO TV TUV TW TWN TZ TZA UA UKR UG UGA UM UMI US USA UY URY
UZ UZB VA VAT VC VCT VE VEN VG VGB VI VIR VN VNM VU VUT WF WLF WS WSM YE YEM YT MYT ZA ZAF
ZM ZMB ZW ZWE
"""
# ICAO 9303 Part 3 codes that are not ISO alpha-3 but stand for a state
_ICAO_SPECIAL = {
    "D": "DE",  # Germany, as printed in German documents
    "GBD": "GB",  # British Overseas Territories citizen
    "GBN": "GB",  # British National (Overseas)
    "GBO": "GB",  # British Overseas citizen
    "GBP": "GB",  # British protected person
    "GBS": "GB",  # British subject
    "RKS": "XK",  # Kosovo
}
NON_STATE_CODES: frozenset[str] = frozenset(
    {
        "EUE",  # European Union
        "UNO",  # United Nations organisation or its officials
        "UNA",  # a specialised agency of the United Nations
        "UNK",  # resident of Kosovo under UNMIK
        "XBA",  # African Development Bank
        "XIM",  # African Export-Import Bank
        "XCC",  # Caribbean Community
        "XCE",  # Council of Europe
        "XCO",  # Common Market for Eastern and Southern Africa
        "XEC",  # Economic Community of West African States
        "XPO",  # Interpol
        "XOM",  # Sovereign Military Order of Malta
        "XDC",  # Southern African Development Community
        "XXA",  # stateless person (1954 Convention)
        "XXB",  # refugee (1951 Convention)
        "XXC",  # refugee, other than under the 1951 Convention
        "XXX",  # person of unspecified nationality
        "UTO",  # Utopia: the ICAO 9303 specimen state
    }
)


def _table() -> dict[str, str]:
    words = _ALPHA3.split()
    table = {alpha3: alpha2 for alpha2, alpha3 in zip(words[::2], words[1::2], strict=True)}
    table.update(_ICAO_SPECIAL)
    return table


ICAO_TO_ISO: dict[str, str] = _table()
_ISO_TO_ICAO: dict[str, str] = {
    alpha2: alpha3 for alpha3, alpha2 in ICAO_TO_ISO.items() if len(alpha3) == 3
} | {"DE": "DEU", "GB": "GBR", "XK": "RKS"}


def iso_of_icao(code: str) -> str | None:
    """The alpha-2 code of an ICAO 9303 state code: ``iso_of_icao("D") == "DE"``.

    ``None`` for organisations, stateless persons and unknown codes.
    """
    return ICAO_TO_ISO.get(code.strip().upper())


def icao_of_iso(code: str) -> str | None:
    """The ICAO 9303 three-letter code of an alpha-2 code (``DE`` → ``DEU``), or ``None``."""
    return _ISO_TO_ICAO.get(code.strip().upper())


def issuing_state_of(code: str) -> str | None:
    """The issuing state as ICTD keeps it: alpha-2 for a state, the ICAO code otherwise.

    Accepts alpha-2, ICAO three-letter and one-letter codes in any case; ``None`` when the
    code is empty or unknown.

    >>> issuing_state_of("gbr"), issuing_state_of("SY"), issuing_state_of("UNO")
    ('GB', 'SY', 'UNO')
    """
    clean = code.strip().strip("<").upper()
    if len(clean) == 2 and clean in COUNTRY_CODES:
        return clean
    iso = ICAO_TO_ISO.get(clean)
    if iso is not None:
        return iso
    return clean if clean in NON_STATE_CODES else None


def is_issuing_state(code: str) -> bool:
    """True for what ``issuing_state_of`` returns: alpha-2 or a non-state ICAO code."""
    return code in COUNTRY_CODES or code in NON_STATE_CODES
