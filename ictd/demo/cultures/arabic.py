"""Arabic naming culture: Gulf, Levantine, Iraqi and Maghrebi names in Arabic script.

Family names marked ``+`` take the article ``ال`` (already in the native form); their Latin
spellings are composed with its usual renderings (al-, Al, El-, fused, dropped, and the
assimilated ``ash-``/``ar-``… before sun letters).
"""

from __future__ import annotations

from ictd.demo.culture import Culture, NamePart, parse_parts

__all__ = ["ABU", "ARABIC_CULTURES", "BIN"]

_MALE = """
محمد|Muhammad,Mohammed,Mohamed,Mohamad,Mohammad
أحمد|Ahmad,Ahmed
محمود|Mahmoud,Mahmud,Mahmood
مصطفى|Mustafa,Moustafa,Mostafa,Mustapha
يوسف|Yusuf,Yousef,Youssef,Yusef,Yousif
إبراهيم|Ibrahim,Ebrahim,Ibraheem,Brahim
حسين|Husayn,Hussein,Hussain,Hosein,Husain
حسن|Hasan,Hassan
علي|Ali,Aly
عمر|Umar,Omar
عثمان|Uthman,Othman,Osman
خالد|Khalid,Khaled
عبد الله|Abdullah,Abdallah,Abd Allah,Abdulla,Abdellah
عبد الرحمن|Abd al-Rahman,Abdul Rahman,Abdelrahman,Abdulrahman,Abdurrahman,Abderrahmane
عبد العزيز|Abd al-Aziz,Abdul Aziz,Abdelaziz,Abdulaziz
عبد الكريم|Abd al-Karim,Abdul Karim,Abdelkarim,Abdulkarim
عبد القادر|Abd al-Qadir,Abdul Qadir,Abdelkader,Abdulkadir
عبد الرزاق|Abd al-Razzaq,Abdul Razzaq,Abderrazak,Abdulrazak
عبد المجيد|Abd al-Majid,Abdul Majid,Abdelmajid,Abdulmajeed
عبد الحميد|Abd al-Hamid,Abdul Hamid,Abdelhamid,Abdulhameed
عبد الناصر|Abd al-Nasir,Abdul Nasser,Abdel Nasser,Abdulnasser
سعيد|Said,Saeed,Saied
سعد|Saad,Sa'd
فيصل|Faisal,Faysal,Feisal
فهد|Fahd,Fahad
طارق|Tariq,Tarek,Tareq,Tarik
زياد|Ziad,Ziyad
جمال|Jamal,Gamal,Djamel,Jamel
كمال|Kamal,Kamel
صالح|Salih,Saleh
نبيل|Nabil,Nabeel
عادل|Adil,Adel
عماد|Imad,Emad
إياد|Iyad,Eyad,Ayad
رامي|Rami,Ramy
سامي|Sami,Samy
ماجد|Majid,Majed,Maged
وليد|Walid,Waleed
خليل|Khalil,Khaleel
إسماعيل|Ismail,Ismael,Smail
موسى|Musa,Moussa,Mousa
عيسى|Isa,Issa,Eissa
سليمان|Sulayman,Suleiman,Soliman,Slimane
يحيى|Yahya,Yahia,Yehia
زكريا|Zakariya,Zakaria,Zakariyya
حمزة|Hamza,Hamzah
بلال|Bilal,Belal
أنس|Anas,Anes
أسامة|Usama,Osama,Oussama
هشام|Hisham,Hicham,Hesham
مراد|Murad,Mourad
رشيد|Rashid,Rachid,Rasheed
ناصر|Nasir,Nasser,Naser
منصور|Mansur,Mansour,Mansoor
جعفر|Jafar,Jaafar,Ja'far
قاسم|Qasim,Kassem,Qassem,Kacem
هاني|Hani,Hany
مازن|Mazin,Mazen
معاذ|Muadh,Moaz,Muath,Mouad
أيمن|Ayman,Aymen
ياسر|Yasir,Yasser,Yaser
عمار|Ammar,Amar
تميم|Tamim,Tameem
حذيفة|Hudhayfa,Hudhaifa,Huthaifa,Hozaifa
نور الدين|Nur al-Din,Nureddin,Noureddine,Nuruddin
صلاح الدين|Salah al-Din,Salahuddin,Salaheddine
"""

_FEMALE = """
فاطمة|Fatima,Fatimah,Fatma
عائشة|Aisha,Aicha,Aishah,Ayesha
خديجة|Khadija,Khadijah,Khadidja
مريم|Maryam,Mariam,Meryem
زينب|Zaynab,Zainab,Zeinab
نور|Nur,Noor,Nour
سارة|Sara,Sarah
ليلى|Layla,Leila,Laila
هدى|Huda,Hoda,Houda
أسماء|Asma,Asmaa
رقية|Ruqayya,Ruqaya,Rokaya
سمية|Sumayya,Sumaya,Soumaya
حليمة|Halima,Halimah
أمينة|Amina,Aminah,Ameena
ياسمين|Yasmin,Yasmine,Yasmeen
"""

_FAMILY = {
    "gulf": """
القحطاني|+Qahtani,Kahtani
الغامدي|+Ghamdi
الزهراني|+Zahrani
العتيبي|+Otaibi,Utaybi,Oteibi
الدوسري|+Dosari,Dawsari,Dossary
المطيري|+Mutairi,Mutayri
الشهري|+Shehri,Shahri
الحربي|+Harbi
العنزي|+Anazi,Enezi
الكعبي|+Kaabi,Ka'bi
النعيمي|+Nuaimi,Naimi
البلوشي|+Balushi,Baloushi,Bloushi
الحضرمي|+Hadrami,Hadhrami
اليمني|+Yamani,Yemeni
الكويتي|+Kuwaiti
الهاشمي|+Hashimi,Hashemi
""",
    "iraq": """
الدليمي|+Dulaimi,Dulaymi
الجبوري|+Jubouri,Juburi,Jabouri
العبيدي|+Ubaidi,Obeidi,Obaidi
التكريتي|+Tikriti
الموصلي|+Mawsili,Mosuli
البغدادي|+Baghdadi
العراقي|+Iraqi
الكبيسي|+Kubaisi,Kubaysi
الشمري|+Shammari,Shamari
الحسيني|+Husseini,Husayni
الرفاعي|+Rifai,Refai
العمري|+Omari,Umari
الخطيب|+Khatib,Khateeb
""",
    "levant": """
الحلبي|+Halabi,Halaby
الشامي|+Shami,Chami
المصري|+Masri,Misri,Masry
السوري|+Suri,Souri
الأنصاري|+Ansari
حداد|Haddad
خوري|Khoury,Khouri,Khuri
نصر الله|Nasrallah,Nasr Allah,Nasrullah
حمدان|Hamdan
درويش|Darwish,Darweesh
حجازي|Hijazi,Hegazy,Higazi
سلامة|Salama,Salameh,Salamah
عواد|Awad,Awwad
أبو زيد|Abu Zaid,Abou Zeid,Abuzaid
منصور|Mansour,Mansur
السيد|+Sayyid,Sayed
العطار|+Attar
الزعبي|+Zoubi,Zubi
قاسم|Kassem,Qasim,Qassem
""",
    "maghreb": """
بن علي|Ben Ali,Benali,Bin Ali
بن سالم|Ben Salem,Bensalem,Bin Salim
بن يوسف|Ben Youssef,Benyoussef,Bin Yusuf
بلحاج|Belhadj,Belhaj
بوعزيزي|Bouazizi,Bu Azizi
العلوي|Alaoui,El Alaoui,al-Alawi,Alawi
الإدريسي|Idrissi,El Idrissi,al-Idrisi
الطرابلسي|Trabelsi,Tarabulsi,al-Tarabulsi
زروال|Zeroual,Zerwal
شريف|Cherif,Sharif,Chérif
التونسي|+Tounsi,Tunisi
الجزائري|+Jazairi,Djazairi
المغربي|+Maghribi,Maghrebi
الليبي|+Libi,Liby
""",
}

_SUN = {
    "ت": "t", "ث": "th", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh",
    "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ل": "l", "ن": "n",
}  # fmt: skip


def _article_spellings(native: str, stems: list[str]) -> tuple[str, ...]:
    """Latin spellings of ``al-`` + stem: ``al-Halabi``, ``Al Halabi``, ``El-Halabi``, …"""
    first = stems[0]
    out = [f"al-{first}", f"Al {first}", f"El-{first}", f"Al{first.lower()}", first]
    sun = _SUN.get(native[2:3])
    if sun:
        out.insert(1, f"a{sun}-{first}")
    out.extend(f"al-{stem}" for stem in stems[1:])
    out.extend(stems[1:])
    return tuple(dict.fromkeys(out))


def _family(text: str) -> tuple[NamePart, ...]:
    parts: list[NamePart] = []
    for part in parse_parts(text):
        if part.latin[0].startswith("+"):
            stems = [part.latin[0][1:], *part.latin[1:]]
            part = NamePart(part.native, _article_spellings(part.native, stems))
        parts.append(part)
    return tuple(parts)


BIN = NamePart("بن", ("bin", "ibn", "ben"))
ABU = NamePart("أبو", ("Abu", "Abou", "Abo"))
_MALE_PARTS = parse_parts(_MALE, "male")
_FEMALE_PARTS = parse_parts(_FEMALE, "female")
_COUNTRIES = {
    "gulf": ("SA", "SA", "SA", "YE", "YE", "AE", "KW", "QA", "BH", "OM"),
    "iraq": ("IQ",),
    "levant": ("SY", "SY", "SY", "JO", "LB", "PS", "EG", "EG"),
    "maghreb": ("MA", "MA", "DZ", "DZ", "TN", "TN", "LY"),
}
_PREFER = {"maghreb": ("ou", "ch", "dj", "Abde", "Ben", "El", "Ab")}

ARABIC_CULTURES: tuple[Culture, ...] = tuple(
    Culture(
        code=f"arabic-{region}",
        script="Arab",
        lang="ar",
        countries=_COUNTRIES[region],
        structure="arabic",
        male=_MALE_PARTS,
        female=_FEMALE_PARTS,
        family=_family(text),
        prefer=_PREFER.get(region, ()),
    )
    for region, text in _FAMILY.items()
)
