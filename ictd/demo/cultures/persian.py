"""Persian (Iranian) naming culture: given names and family names in Persian script.

Persian spelling uses ``ی`` (U+06CC) and ``ک`` (U+06A9), never the Arabic ``ي``/``ك``;
compound family names join their parts with a zero-width non-joiner (U+200C), as in
``حسین‌زاده`` (Hosseinzadeh).
"""

from __future__ import annotations

from ictd.demo.culture import Culture, NamePart, parse_parts

__all__ = ["PERSIAN"]

_MALE = """
محمد|Mohammad,Mohamad,Muhammad,Mohammed
علی|Ali
حسین|Hossein,Hosein,Hussein,Hosseyn
حسن|Hassan,Hasan
رضا|Reza
مهدی|Mahdi,Mehdi
محمدرضا|Mohammadreza,Mohammad Reza,Mohamad Reza,Mohammad-Reza
علیرضا|Alireza,Ali Reza,Ali-Reza
امیر|Amir,Ameer
مجید|Majid,Madjid
سعید|Saeed,Said,Saied
جواد|Javad,Jawad
قاسم|Ghasem,Qasem,Qassem
ابراهیم|Ebrahim,Ibrahim
اسماعیل|Esmaeil,Esmail,Ismail
یوسف|Yousef,Yusef,Yusuf
حمید|Hamid
مسعود|Masoud,Masood,Masud
مصطفی|Mostafa,Mustafa
ابوالفضل|Abolfazl,Abol Fazl,Abulfazl
مرتضی|Morteza,Murtaza,Mortaza
مجتبی|Mojtaba,Mujtaba
محسن|Mohsen,Muhsin
بهروز|Behrouz,Behruz,Behrooz
داریوش|Dariush,Daryoush
کامران|Kamran
فرهاد|Farhad
"""

_FEMALE = """
فاطمه|Fatemeh,Fatima,Fatemah
زهرا|Zahra
مریم|Maryam,Mariam
معصومه|Masoumeh,Masumeh,Masoomeh
نرگس|Narges
سارا|Sara
لیلا|Leila,Layla
شیرین|Shirin,Shireen
مینا|Mina
پریسا|Parisa
"""

_FAMILY = """
محمدی|Mohammadi,Mohamadi,Muhammadi
حسینی|Hosseini,Hoseini,Husseini
احمدی|Ahmadi
رضایی|Rezaei,Rezaee,Rezai
موسوی|Mousavi,Musavi,Moussavi
کریمی|Karimi
جعفری|Jafari,Jafary,Jaafari
رحیمی|Rahimi
صادقی|Sadeghi,Sadeqi
هاشمی|Hashemi,Hashimi
قاسمی|Ghasemi,Qasemi
حیدری|Heidari,Heydari,Haidari
نوری|Nouri,Noori,Nuri
طاهری|Taheri
سلیمانی|Soleimani,Soleymani,Sulaimani
اکبری|Akbari
عباسی|Abbasi
کاظمی|Kazemi,Kazimi
نجفی|Najafi
رستمی|Rostami,Rustami
میرزایی|Mirzaei,Mirzaee,Mirzai
طباطبایی|Tabatabaei,Tabatabai,Tabatabaee
اصفهانی|Esfahani,Isfahani
تهرانی|Tehrani
شیرازی|Shirazi
یزدی|Yazdi
حسین\u200cزاده|Hosseinzadeh,Hoseinzadeh,Hosseinzade,Hossein-Zadeh
علی\u200cزاده|Alizadeh,Alizade,Ali-Zadeh
حسن\u200cزاده|Hassanzadeh,Hasanzadeh
قلی\u200cزاده|Gholizadeh,Qolizadeh
ابراهیمی\u200cنژاد|Ebrahiminejad,Ebrahimi-Nejad,Ebrahiminezhad
کریمی\u200cنژاد|Kariminejad,Karimi-Nejad,Kariminezhad
حسن\u200cپور|Hassanpour,Hasanpour,Hasanpoor
"""

SEYED = NamePart("سید", ("Seyed", "Sayed", "Seyyed", "Sayyid"))

PERSIAN = Culture(
    code="persian",
    script="Arab",
    lang="fa",
    countries=("IR",),
    structure="persian",
    male=parse_parts(_MALE, "male"),
    female=parse_parts(_FEMALE, "female"),
    family=parse_parts(_FAMILY),
    honorifics=(SEYED,),
)
