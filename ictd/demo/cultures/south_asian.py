"""Afghan (Pashto/Dari) and Pakistani (Urdu) naming cultures, in Arabic script.

Both use ``ی`` and ``ک``; Urdu adds ``ہ`` (heh goal), ``ھ`` (do-chashmi heh) and the
retroflex letters ``ٹ ڈ``. Afghan given names are often compounds (``Abdul X``, ``X-ullah``);
titles such as Mullah, Haji, Mawlawi and Qari are common before a name.
"""

from __future__ import annotations

from ictd.demo.culture import Culture, parse_parts

__all__ = ["AFGHAN", "PAKISTANI"]

_AF_MALE = """
محمد|Mohammad,Muhammad,Mohammed,Mohamad
احمد|Ahmad,Ahmed
عبدالله|Abdullah,Abdulla
عبدالرحمن|Abdul Rahman,Abdurrahman,Abdulrahman
عبدالغنی|Abdul Ghani,Abdulghani
عبدالرشید|Abdul Rashid,Abdulrashid
حبیب الله|Habibullah,Habib Ullah,Habibollah
نجیب الله|Najibullah,Najib Ullah,Najibollah
سیف الله|Saifullah,Sayfullah,Saif Ullah
ذبیح الله|Zabihullah,Zabiullah,Zabihollah
عزیز الله|Azizullah,Aziz Ullah
امان الله|Amanullah,Aman Ullah
رحمت الله|Rahmatullah,Rahmat Ullah
نور|Noor,Nur
گل|Gul,Gol
شاه|Shah
کریم|Karim,Kareem
رحیم|Rahim,Raheem
حمید|Hamid,Hameed
ولی|Wali,Vali
خالد|Khalid,Khaled
"""

_AF_FEMALE = """
ملالی|Malalai,Malalay
زرمینه|Zarmina,Zarmeena
شبانه|Shabana
ناهید|Nahid,Naheed
پروین|Parwin,Parveen
گلالی|Gulalai,Gulalay
فریبا|Fariba
فرزانه|Farzana,Farzaneh
"""

_AF_FAMILY = """
احمدزی|Ahmadzai,Ahmadzay,Ahmedzai
پوپلزی|Popalzai,Popalzay
نورزی|Noorzai,Nurzai
وردک|Wardak,Vardak
صافی|Safi
یوسفزی|Yousafzai,Yusufzai,Yousufzai
مومند|Mohmand,Momand
شینواری|Shinwari,Shinwary
نیازی|Niazi,Niyazi
عثمانی|Osmani,Usmani
درانی|Durrani,Durani
رحیمی|Rahimi
حیدری|Haidari,Heidari
خان|Khan
صدیقی|Siddiqi,Sediqi
هاشمی|Hashimi,Hashemi
کریمی|Karimi
"""

_PK_MALE = """
محمد|Muhammad,Mohammad,Mohammed,Muhammed
احمد|Ahmed,Ahmad
علی|Ali
عبداللہ|Abdullah,Abdulla
عمران|Imran,Emran
عرفان|Irfan,Erfan
بلال|Bilal
اسد|Asad,Assad
فیصل|Faisal,Faysal
سلیم|Saleem,Salim
جاوید|Javed,Javaid,Javid
نوید|Naveed,Navid
شاہد|Shahid,Shahed
طارق|Tariq,Tarik
یوسف|Yousaf,Yousuf,Yusuf
کامران|Kamran
ذیشان|Zeeshan,Zishan
عثمان|Usman,Osman
حمزہ|Hamza,Hamzah
زبیر|Zubair,Zubayr
ثاقب|Saqib,Saqeb
عاصم|Asim,Aasim
وقاص|Waqas,Waqqas
"""

_PK_FEMALE = """
عائشہ|Ayesha,Aisha,Aysha
فاطمہ|Fatima,Fatimah
زینب|Zainab,Zaynab
مریم|Maryam,Mariam
صائمہ|Saima
نازیہ|Nazia
رابعہ|Rabia,Rabiya
شازیہ|Shazia
"""

_PK_FAMILY = """
خان|Khan
قریشی|Qureshi,Quraishi,Qureishi
صدیقی|Siddiqui,Siddiqi
چوہدری|Chaudhry,Chaudhary,Choudhry
ملک|Malik
بٹ|Butt
اعوان|Awan
شاہ|Shah
حسین|Hussain,Husain,Hussein
اقبال|Iqbal,Ikbal
اختر|Akhtar,Akhter
رضا|Raza
عباسی|Abbasi
مرزا|Mirza
شیخ|Sheikh,Shaikh
بھٹی|Bhatti
آفریدی|Afridi
خٹک|Khattak
محسود|Mehsud,Mahsud
وزیر|Wazir
انصاری|Ansari
ہاشمی|Hashmi,Hashimi
ڈار|Dar
گیلانی|Gilani,Gillani
"""

_TITLES = """
ملا|Mullah,Mulla,Molla
حاجی|Haji,Hajji,Hadji
مولوی|Mawlawi,Maulvi,Molvi
قاری|Qari
"""

AFGHAN = Culture(
    code="afghan",
    script="Arab",
    lang="ps",
    countries=("AF", "AF", "AF", "AF", "PK"),
    structure="south_asian",
    male=parse_parts(_AF_MALE, "male"),
    female=parse_parts(_AF_FEMALE, "female"),
    family=parse_parts(_AF_FAMILY),
    honorifics=parse_parts(_TITLES),
)

PAKISTANI = Culture(
    code="pakistani",
    script="Arab",
    lang="ur",
    countries=("PK",),
    structure="south_asian",
    male=parse_parts(_PK_MALE, "male"),
    female=parse_parts(_PK_FEMALE, "female"),
    family=parse_parts(_PK_FAMILY),
    honorifics=parse_parts(_TITLES + "حافظ|Hafiz,Hafez\n"),
)
