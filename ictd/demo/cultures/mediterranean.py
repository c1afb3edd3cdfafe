"""Greek, Hebrew and Turkish naming cultures.

Greek names are written in Greek letters; their Latin forms are the ELOT transliteration
(``Georgios``), the everyday short forms (``Giorgos``) and the international equivalents
(``George``). Hebrew is written without vowel points (``שלמה`` for Shlomo), so only the
consonants of a name are certain. Turkish names are Latin with Turkish letters
(``Hüseyin Yıldız``), which documents often write plain (``Huseyin Yildiz``).
"""

from __future__ import annotations

from ictd.demo.culture import Culture, NamePart, parse_parts

__all__ = ["GREEK", "HEBREW", "TURKISH"]

_EL_MALE = """
Γεώργιος|Georgios,Giorgos,George
Δημήτριος|Dimitrios,Dimitris,Demetrios
Κωνσταντίνος|Konstantinos,Kostas,Constantine
Ιωάννης|Ioannis,Giannis,Yannis,John
Νικόλαος|Nikolaos,Nikos,Nicholas
Παναγιώτης|Panagiotis,Panayiotis
Βασίλειος|Vasileios,Vasilis,Vassilis
Χρήστος|Christos,Hristos
Αθανάσιος|Athanasios,Thanasis
Μιχαήλ|Michail,Michael,Mihail
Ευάγγελος|Evangelos,Vangelis
Σπυρίδων|Spyridon,Spyros
Αντώνιος|Antonios,Antonis
Αλέξανδρος|Alexandros,Alexander
Πέτρος|Petros,Peter
"""
_EL_FEMALE = """
Μαρία|Maria
Ελένη|Eleni,Helen
Αικατερίνη|Aikaterini,Ekaterini,Katerina
Βασιλική|Vasiliki
Σοφία|Sofia,Sophia
Αγγελική|Angeliki
Δήμητρα|Dimitra
Ιωάννα|Ioanna
"""
_EL_FAMILY = """
Παπαδόπουλος|Papadopoulos,Papadopulos
Παπαδάκης|Papadakis
Γεωργίου|Georgiou
Οικονόμου|Oikonomou,Economou
Νικολάου|Nikolaou
Παπαγεωργίου|Papageorgiou
Βασιλείου|Vasileiou,Vassiliou
Μακρής|Makris
Ιωάννου|Ioannou
Κωνσταντίνου|Konstantinou,Constantinou
Δημητρίου|Dimitriou
Χριστοδούλου|Christodoulou
Καραγιάννης|Karagiannis,Karayannis
Παππάς|Pappas
Σταυρόπουλος|Stavropoulos
Κυριακίδης|Kyriakidis
"""
_HE_MALE = """
משה|Moshe,Moses
דוד|David,Dovid
יוסף|Yosef,Yossef,Joseph
אברהם|Avraham,Abraham
יצחק|Yitzhak,Itzhak,Isaac
יעקב|Yaakov,Yakov,Jacob
שלמה|Shlomo,Shelomo
אהרון|Aharon,Aaron
מרדכי|Mordechai,Mordechay
שמואל|Shmuel,Samuel
אליהו|Eliyahu,Eliahu
חיים|Chaim,Haim,Hayim
מיכאל|Michael,Mikhael
יהודה|Yehuda,Yehudah
אריה|Arye,Aryeh,Arieh
נתן|Natan,Nathan
"""
_HE_FEMALE = """
שרה|Sara,Sarah
רחל|Rachel,Rahel
לאה|Leah,Lea
מרים|Miriam
רבקה|Rivka,Rebecca
אסתר|Esther,Ester
חנה|Hana,Hannah,Chana
תמר|Tamar
יעל|Yael
"""
_HE_FAMILY = """
כהן|Cohen,Kohen,Cohn
לוי|Levi,Levy
מזרחי|Mizrahi,Mizrachi
פרץ|Peretz,Perez
ביטון|Biton,Bitton
דהן|Dahan
פרידמן|Friedman,Fridman
מלכה|Malka
אזולאי|Azoulay,Azulai
כץ|Katz,Kats
עמר|Amar
אוחיון|Ohayon
חדד|Hadad,Haddad
גבאי|Gabay,Gabai
שפירא|Shapira,Shapiro
"""
_TR_PLAIN = str.maketrans("ıİşŞçÇğĞöÖüÜ", "iIsScCgGoOuU")
_TR_MALE = (
    "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan "
    "Halil Süleyman Emre Burak Fatih Kemal Recep"
)
_TR_FEMALE = "Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife"
_TR_FAMILY = (
    "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç "
    "Çetin Kara Koç Kurt Özkan Şimşek"
)


def _turkish(words: str, gender: str | None) -> tuple[NamePart, ...]:
    return tuple(
        NamePart(w, tuple(dict.fromkeys((w, w.translate(_TR_PLAIN)))), gender)
        for w in words.split()
    )


GREEK = Culture(
    code="greek",
    script="Grek",
    lang="el",
    countries=("GR", "GR", "GR", "CY"),
    structure="western",
    male=parse_parts(_EL_MALE, "male"),
    female=parse_parts(_EL_FEMALE, "female"),
    family=parse_parts(_EL_FAMILY),
)
HEBREW = Culture(
    code="hebrew",
    script="Hebr",
    lang="he",
    countries=("IL",),
    structure="western",
    male=parse_parts(_HE_MALE, "male"),
    female=parse_parts(_HE_FEMALE, "female"),
    family=parse_parts(_HE_FAMILY),
)
TURKISH = Culture(
    code="turkish",
    script="Latn",
    lang="tr",
    countries=("TR", "TR", "TR", "DE", "CY"),
    structure="western",
    male=_turkish(_TR_MALE, "male"),
    female=_turkish(_TR_FEMALE, "female"),
    family=_turkish(_TR_FAMILY, None),
)
