"""Country names as sources write them, mapped to ISO 3166-1 alpha-2 codes.

UN lists use the UN's official short names (``Iran (Islamic Republic of)``, ``Viet Nam``,
``United Kingdom of Great Britain and Northern Ireland``); other sources use common
English names. Each line of ``_TABLE`` is a code followed by ``;``-separated names.
Look-ups ignore case, spacing and a leading ``the``. ``country_code`` answers ``None`` for
a name it does not know; parsers keep such values as notes rather than fail.
"""

from __future__ import annotations

import re
import unicodedata

from ictd.model.country import is_country_code

__all__ = ["country_code", "country_name"]

_TABLE = """
AD Andorra
AE United Arab Emirates; UAE
AF Afghanistan
AG Antigua and Barbuda
AI Anguilla
AL Albania
AM Armenia
AO Angola
AR Argentina
AS American Samoa
AT Austria
AU Australia
AW Aruba
AZ Azerbaijan
BA Bosnia and Herzegovina; Bosnia-Herzegovina; Bosnia
BB Barbados
BD Bangladesh
BE Belgium
BF Burkina Faso
BG Bulgaria
BH Bahrain
BI Burundi
BJ Benin
BM Bermuda
BN Brunei Darussalam; Brunei
BO Bolivia (Plurinational State of); Bolivia
BR Brazil
BS Bahamas
BT Bhutan
BW Botswana
BY Belarus
BZ Belize
CA Canada
CD Democratic Republic of the Congo; Congo, Democratic Republic of the; DR Congo; DRC; Zaire
CF Central African Republic; CAR
CG Congo; Republic of the Congo; Congo-Brazzaville
CH Switzerland
CI Côte d'Ivoire; Cote d'Ivoire; Ivory Coast
CK Cook Islands
CL Chile
CM Cameroon
CN China; People's Republic of China
CO Colombia
CR Costa Rica
CU Cuba
CV Cabo Verde; Cape Verde
CW Curaçao; Curacao
CY Cyprus
CZ Czechia; Czech Republic
DE Germany; Federal Republic of Germany
DJ Djibouti
DK Denmark
DM Dominica
DO Dominican Republic
DZ Algeria
EC Ecuador
EE Estonia
EG Egypt
EH Western Sahara
ER Eritrea
ES Spain
ET Ethiopia
FI Finland
FJ Fiji
FM Micronesia (Federated States of); Micronesia
FR France
GA Gabon
GB United Kingdom of Great Britain and Northern Ireland; United Kingdom; UK; Great Britain
GD Grenada
GE Georgia
GH Ghana
GM Gambia; Gambia (Republic of The)
GN Guinea
GQ Equatorial Guinea
GR Greece
GT Guatemala
GW Guinea-Bissau; Guinea Bissau
GY Guyana
HK China, Hong Kong Special Administrative Region; Hong Kong
HN Honduras
HR Croatia
HT Haiti
HU Hungary
ID Indonesia
IE Ireland
IL Israel
IN India
IQ Iraq
IR Iran (Islamic Republic of); Iran; Islamic Republic of Iran
IS Iceland
IT Italy
JM Jamaica
JO Jordan
JP Japan
KE Kenya
KG Kyrgyzstan; Kyrgyz Republic
KH Cambodia
KI Kiribati
KM Comoros
KN Saint Kitts and Nevis
KP Democratic People's Republic of Korea; DPRK; North Korea; Korea, Democratic People's Republic of
KR Republic of Korea; South Korea; Korea, Republic of
KW Kuwait
KY Cayman Islands
KZ Kazakhstan
LA Lao People's Democratic Republic; Laos
LB Lebanon
LC Saint Lucia
LI Liechtenstein
LK Sri Lanka
LR Liberia
LS Lesotho
LT Lithuania
LU Luxembourg
LV Latvia
LY Libya; Libyan Arab Jamahiriya
MA Morocco
MC Monaco
MD Republic of Moldova; Moldova
ME Montenegro
MG Madagascar
MH Marshall Islands
MK North Macedonia; Macedonia; The former Yugoslav Republic of Macedonia
ML Mali
MM Myanmar; Burma
MN Mongolia
MO China, Macao Special Administrative Region; Macao; Macau
MR Mauritania
MT Malta
MU Mauritius
MV Maldives
MW Malawi
MX Mexico
MY Malaysia
MZ Mozambique
NA Namibia
NE Niger
NG Nigeria
NI Nicaragua
NL Netherlands; Kingdom of the Netherlands; Netherlands (Kingdom of the); Holland
NO Norway
NP Nepal
NR Nauru
NZ New Zealand
OM Oman
PA Panama
PE Peru
PG Papua New Guinea
PH Philippines
PK Pakistan
PL Poland
PR Puerto Rico
PS State of Palestine; Palestine; Occupied Palestinian Territory; Palestinian Territories
PT Portugal
PW Palau
PY Paraguay
QA Qatar
RO Romania
RS Serbia
RU Russian Federation; Russia
RW Rwanda
SA Saudi Arabia; Kingdom of Saudi Arabia
SB Solomon Islands
SC Seychelles
SD Sudan
SE Sweden
SG Singapore
SI Slovenia
SK Slovakia
SL Sierra Leone
SM San Marino
SN Senegal
SO Somalia
SR Suriname
SS South Sudan
ST Sao Tome and Principe; São Tomé and Príncipe
SV El Salvador
SY Syrian Arab Republic; Syria
SZ Eswatini; Swaziland
TD Chad
TG Togo
TH Thailand
TJ Tajikistan
TL Timor-Leste; East Timor
TM Turkmenistan
TN Tunisia
TO Tonga
TR Türkiye; Turkey; Turkiye
TT Trinidad and Tobago
TV Tuvalu
TW Taiwan; Taiwan, Province of China
TZ United Republic of Tanzania; Tanzania
UA Ukraine
UG Uganda
US United States of America; United States; USA; US
UY Uruguay
UZ Uzbekistan
VA Holy See; Vatican
VC Saint Vincent and the Grenadines
VE Venezuela (Bolivarian Republic of); Venezuela
VG British Virgin Islands; Virgin Islands (British)
VN Viet Nam; Vietnam
VU Vanuatu
WS Samoa
XK Kosovo
YE Yemen
ZA South Africa
ZM Zambia
ZW Zimbabwe
"""

_SPACE = re.compile(r"\s+")


def _fold(name: str) -> str:
    text = _SPACE.sub(" ", unicodedata.normalize("NFC", name)).strip().casefold()
    text = text.replace("\u2019", "'")  # typographic apostrophe
    return text.removeprefix("the ")


def _load() -> tuple[dict[str, str], dict[str, str]]:
    by_name: dict[str, str] = {}
    by_code: dict[str, str] = {}
    for line in _TABLE.strip().splitlines():
        code, _, names = line.partition(" ")
        if not is_country_code(code):  # pragma: no cover - guards the table itself
            raise ValueError(f"bad country code {code!r} in table")
        parts = [n.strip() for n in names.split(";")]
        by_code[code] = parts[0]
        for name in parts:
            by_name[_fold(name)] = code
    return by_name, by_code


_BY_NAME, _BY_CODE = _load()


def country_code(name: str) -> str | None:
    """The ISO code for a country name, or ``None`` when the name is unknown.

    >>> country_code("Iran (Islamic Republic of)")
    'IR'
    """
    return _BY_NAME.get(_fold(name))


def country_name(code: str) -> str | None:
    """The UN short name for an ISO code: ``country_name("SY")`` → ``Syrian Arab Republic``."""
    return _BY_CODE.get(code.upper())
