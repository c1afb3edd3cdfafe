"""Somali and Hausa naming cultures, written in Latin script.

Somali names are given name + father's + grandfather's given name. Their "native" form is
the official Somali orthography (``Maxamed Cabdullaahi Xasan``: ``x`` for ħ, ``c`` for ʿ),
which differs from the English-style spellings on most documents (Mohamed Abdullahi Hassan).
Hausa names (northern Nigeria, Niger) are a given name and the father's name, with
``-u``/``-a`` endings that documents often drop (Usmanu/Usman).
"""

from __future__ import annotations

from ictd.demo.culture import Culture, parse_parts

__all__ = ["HAUSA", "SOMALI"]

_SO_MALE = """
Maxamed|Mohamed,Mohammed,Mahamed,Maxamed
Axmed|Ahmed,Ahmad,Axmed
Cabdullaahi|Abdullahi,Abdulahi,Cabdullahi
Cabdi|Abdi,Cabdi
Cali|Ali,Cali
Xasan|Hassan,Hasan,Xasan
Xuseen|Hussein,Hussen,Xuseen
Cumar|Omar,Umar,Cumar
Ibraahim|Ibrahim,Ibraahim
Yuusuf|Yusuf,Yussuf,Yuusuf
Cismaan|Osman,Usman,Cismaan
Maxamuud|Mohamud,Mahmoud,Maxamuud
Faarax|Farah,Faarax
Warsame|Warsame,Warsama
Jaamac|Jama,Jaamac
Nuur|Nur,Noor,Nuur
Aadan|Adan,Aden,Aadan
Shire|Shire
Guuleed|Guled,Guuleed
Diiriye|Dirie,Diriye,Diiriye
Ducaale|Duale,Ducaale
Xirsi|Hirsi,Xirsi
Samatar|Samatar
Cilmi|Elmi,Ilmi,Cilmi
Muuse|Musa,Muse,Muuse
Siciid|Said,Saeed,Siciid
"""
_SO_FEMALE = """
Faadumo|Fadumo,Fatuma,Faadumo
Khadiija|Khadija,Khadiija
Caasha|Asha,Caasha
Xaliimo|Halimo,Halima,Xaliimo
Hodan|Hodan
Sahra|Sahra,Sara
Ayaan|Ayan,Ayaan
Nasra|Nasra
Aamina|Amina,Aamina
Maryan|Maryan,Mariam
"""

_HA_MALE = """
Abubakar|Abubakar,Abubakr,Abu Bakar
Usman|Usman,Usmanu,Othman
Musa|Musa,Moussa
Ibrahim|Ibrahim,Ibrahima
Aliyu|Aliyu,Aliu
Sani|Sani
Bello|Bello
Yusuf|Yusuf,Yusufu
Abdullahi|Abdullahi,Abdulahi
Umar|Umar,Umaru,Oumarou
Lawal|Lawal,Lawan
Garba|Garba
Shehu|Shehu
Haruna|Haruna,Harouna
Idris|Idris,Idrisu,Idrissa
Danjuma|Danjuma
Nasiru|Nasiru,Nasir
Kabiru|Kabiru,Kabir
Mustapha|Mustapha,Mustafa,Moustapha
Hamza|Hamza
Mamman|Mamman,Mamane
"""
_HA_FEMALE = """
Aisha|Aisha,Aishatu
Fatima|Fatima,Fatimatu
Hauwa|Hauwa,Hawa
Zainab|Zainab,Zainabu
Amina|Amina,Aminatu
Hadiza|Hadiza,Hadizah
Maryam|Maryam,Mariya
Halima|Halima,Halimatu
Binta|Binta
Jamila|Jamila,Jamilah
"""
_HA_FAMILY = """
Danladi|Danladi
Yakubu|Yakubu,Yakub
Adamu|Adamu,Adam
Ismaila|Ismaila,Ismail
Suleiman|Suleiman,Sulaiman
Yahaya|Yahaya,Yahya
Dauda|Dauda,Dawuda
Tanko|Tanko
Audu|Audu
Magaji|Magaji
Gambo|Gambo
Jibrin|Jibrin,Jibril
"""

SOMALI = Culture(
    code="somali",
    script="Latn",
    lang="so",
    countries=("SO", "SO", "SO", "SO", "KE", "ET", "DJ"),
    structure="african",
    male=parse_parts(_SO_MALE, "male"),
    female=parse_parts(_SO_FEMALE, "female"),
    family=parse_parts(_SO_MALE),
)

HAUSA = Culture(
    code="hausa",
    script="Latn",
    lang="ha",
    countries=("NG", "NG", "NG", "NG", "NE", "NE", "TD", "CM"),
    structure="african",
    male=parse_parts(_HA_MALE, "male"),
    female=parse_parts(_HA_FEMALE, "female"),
    family=parse_parts(_HA_FAMILY) + parse_parts(_HA_MALE),
)
