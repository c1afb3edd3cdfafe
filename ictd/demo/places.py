"""Cities and street addresses for synthetic subjects, by ISO country code (Latin script)."""

from __future__ import annotations

import random

from ictd.demo.draw import pick

__all__ = ["CITIES", "make_address", "pick_city"]

_CITIES = """
SA Riyadh Jeddah Dammam Mecca Medina
YE Sanaa Aden Taiz Mukalla
AE Dubai Abu_Dhabi Sharjah Ajman
KW Kuwait_City Hawalli Jahra
QA Doha Al_Wakrah Al_Rayyan
BH Manama Muharraq Riffa
OM Muscat Salalah Sohar
IQ Baghdad Mosul Basra Fallujah Tikrit Kirkuk Ramadi
SY Damascus Aleppo Homs Idlib Raqqa Deir_ez-Zor
JO Amman Zarqa Irbid Maan
LB Beirut Tripoli Sidon Baalbek
PS Gaza Hebron Nablus Jenin
EG Cairo Alexandria Giza Asyut
MA Casablanca Rabat Tangier Fez Tetouan
DZ Algiers Oran Constantine Blida
TN Tunis Sfax Sousse Kairouan Ben_Guerdane
LY Tripoli Benghazi Misrata Derna Sirte
IR Tehran Mashhad Isfahan Shiraz Tabriz Qom
AF Kabul Kandahar Herat Jalalabad Kunduz Ghazni
PK Karachi Lahore Peshawar Quetta Rawalpindi Multan
RU Moscow Grozny Makhachkala Kazan Saint_Petersburg Nalchik
UZ Tashkent Namangan Andijan Samarkand Fergana
TJ Dushanbe Khujand Kulob
KZ Almaty Astana Shymkent
KG Bishkek Osh Jalal-Abad
TM Ashgabat Mary Turkmenabat
CN Beijing Shanghai Guangzhou Urumqi Kashgar Shenzhen
TW Taipei Kaohsiung Taichung
HK Hong_Kong Kowloon
SG Singapore
MY Kuala_Lumpur Penang Johor_Bahru
SO Mogadishu Kismayo Baidoa Bosaso Hargeisa
KE Nairobi Mombasa Garissa
ET Addis_Ababa Dire_Dawa Jijiga
DJ Djibouti
NG Kano Maiduguri Kaduna Abuja Sokoto
NE Niamey Zinder Maradi Diffa
TD NDjamena Moundou
CM Yaounde Douala Maroua
FR Paris Marseille Lyon Toulouse Nice
BE Brussels Antwerp Liege Charleroi
CH Zurich Geneva Basel
DE Berlin Hamburg Munich Frankfurt Cologne Bonn
AT Vienna Graz Linz
ES Madrid Barcelona Ceuta Melilla
IT Rome Milan Turin Naples
NL Amsterdam Rotterdam The_Hague Utrecht
GB London Birmingham Manchester Luton Leeds
IE Dublin Cork
SE Stockholm Gothenburg Malmo
DK Copenhagen Aarhus Odense
NO Oslo Bergen
CA Toronto Montreal Ottawa
US New_York Minneapolis Houston
TR Istanbul Gaziantep Ankara Sanliurfa
CY Nicosia Limassol Larnaca
VG Road_Town
PA Panama_City
"""

CITIES: dict[str, tuple[str, ...]] = {
    line.split()[0]: tuple(c.replace("_", " ") for c in line.split()[1:])
    for line in _CITIES.strip().splitlines()
}

_STREETS = (
    "Al-Rashid", "Al-Nasr", "Al-Jamhuriya", "Palestine", "Al-Wahda", "Al-Salam", "Al-Quds",
    "Al-Istiqlal", "Omar Bin Al-Khattab", "Al-Nil", "Baghdad", "King Faisal", "Al-Thawra",
)  # fmt: skip
_ARABIC_STREET = {"SA", "YE", "AE", "KW", "QA", "BH", "OM", "IQ", "SY", "JO", "LB", "PS", "EG"}
_LOCAL_STREETS: dict[str, tuple[str, ...]] = {
    "RU": ("Lenina", "Mira", "Sovetskaya", "Gagarina", "Pushkina"),
    "IR": ("Enghelab", "Azadi", "Valiasr", "Jomhuri"),
    "CN": ("Jianguo", "Renmin", "Zhongshan", "Jiefang"),
    "DE": ("Haupt", "Bahnhof", "Garten", "Schiller"),
    "AT": ("Haupt", "Kirchen", "Mühl"),
    "FR": ("de la Paix", "Victor Hugo", "de la République", "Jean Jaurès"),
    "BE": ("de la Loi", "Neuve", "du Midi"),
    "PK": ("Jinnah", "Mall", "Canal"),
    "AF": ("Darulaman", "Shahr-e Naw", "Jada-e Maiwand"),
}
_FORMATS: dict[str, str] = {
    "RU": "ul. {street} {n}, {city}",
    "IR": "No. {n}, {street} Avenue, {city}",
    "CN": "No. {n} {street} Road, {city}",
    "DE": "{street}straße {n}, {city}",
    "AT": "{street}gasse {n}, {city}",
    "FR": "{n} rue {street}, {city}",
    "BE": "Rue {street} {n}, {city}",
}
_GENERIC = ("Central", "Market", "Station", "Garden", "Harbour", "Hospital", "Airport", "Park")


def pick_city(rng: random.Random, country: str) -> str:
    """A city of ``country``; the capital-like first entry is the likeliest."""
    cities = CITIES.get(country)
    if not cities:
        return "Centre"
    return cities[0] if rng.random() < 0.3 else pick(rng, cities)


def make_address(rng: random.Random, country: str, street_hint: str | None = None) -> str:
    """A one-line street address in ``country``; ``street_hint`` names the street if given."""
    if street_hint:
        street = street_hint
    elif country in _ARABIC_STREET:
        street = pick(rng, _STREETS)
    elif country in _LOCAL_STREETS:
        street = pick(rng, _LOCAL_STREETS[country])
    else:
        street = pick(rng, _GENERIC)
    template = _FORMATS.get(country, "{n} {street} Street, {city}")
    return template.format(n=rng.randint(1, 250), street=street, city=pick_city(rng, country))
