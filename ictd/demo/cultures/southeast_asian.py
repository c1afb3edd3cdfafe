"""Thai and Indonesian naming cultures.

Thai names (given name, family name) are written in Thai script; their Latin forms follow
the Royal Thai General System or older habits (``Somchai``, ``Jaidee`` / ``Chaidi``).
Many Indonesians have one name only (``Suharto``); older spellings use the Dutch-era
letters (``Soeharto``, ``Djoko``).
"""

from __future__ import annotations

from ictd.demo.culture import Culture, parse_parts

__all__ = ["INDONESIAN", "THAI"]

_TH_MALE = """
สมชาย|Somchai
สมศักดิ์|Somsak
ประเสริฐ|Prasert,Prasoet
วิชัย|Wichai,Vichai
สุรชัย|Surachai
ธนากร|Thanakorn,Thanakon
อนุชา|Anucha
กิตติ|Kitti
ชัยวัฒน์|Chaiwat
ณัฐพล|Nattapon,Natthaphon
วีระ|Wira,Weera,Veera
สุเทพ|Suthep,Sutep
บุญมี|Bunmi,Boonmee
ทักษิณ|Thaksin,Taksin
"""
_TH_FEMALE = """
สมหญิง|Somying
มาลี|Mali,Malee
สุดา|Suda
ปราณี|Prani,Pranee
วันเพ็ญ|Wanphen,Wanpen
นงลักษณ์|Nongluck,Nonglak
กัลยา|Kanlaya,Kalaya
อรุณี|Aruni,Arunee
"""
_TH_FAMILY = """
ใจดี|Jaidee,Chaidi
ศรีสุข|Srisuk,Sisuk
สุขสวัสดิ์|Suksawat,Suksawasdi
ทองดี|Thongdee,Thongdi,Tongdee
แก้วมณี|Kaewmanee,Kaeomani
บุญมา|Boonma,Bunma
วงศ์สวัสดิ์|Wongsawat,Wongsawasdi
ชินวัตร|Shinawatra,Chinnawat
รัตนพันธ์|Rattanaphan,Ratanapan
พรหมมา|Phromma,Promma
ศรีวงศ์|Sriwong,Siwong
"""
_ID_MALE = """
Suharto|Suharto,Soeharto
Sukarno|Sukarno,Soekarno
Budi|Budi,Boedi
Joko|Joko,Djoko
Agus|Agus
Bambang|Bambang
Slamet|Slamet,Selamet
Wahyu|Wahyu,Wahju
Hendra|Hendra
Eko|Eko
Rudi|Rudi,Roedi
Yudi|Yudi,Judi
Iwan|Iwan
Teguh|Teguh,Tegoeh
"""
_ID_FEMALE = """
Siti|Siti
Sri|Sri
Dewi|Dewi
Wati|Wati
Kartini|Kartini
Ratna|Ratna
Lestari|Lestari
Yuliani|Yuliani,Julijani
"""
_ID_FAMILY = """
Santoso|Santoso,Santosa
Wijaya|Wijaya,Widjaja
Gunawan|Gunawan
Setiawan|Setiawan,Setiyawan
Hidayat|Hidayat
Saputra|Saputra
Kusuma|Kusuma,Koesoema
Nugroho|Nugroho
Susanto|Susanto,Soesanto
Hartono|Hartono
Wibowo|Wibowo
"""

THAI = Culture(
    code="thai",
    script="Thai",
    lang="th",
    countries=("TH",),
    structure="western",
    male=parse_parts(_TH_MALE, "male"),
    female=parse_parts(_TH_FEMALE, "female"),
    family=parse_parts(_TH_FAMILY),
)
INDONESIAN = Culture(
    code="indonesian",
    script="Latn",
    lang="id",
    countries=("ID", "ID", "ID", "MY"),
    structure="single",
    male=parse_parts(_ID_MALE, "male"),
    female=parse_parts(_ID_FEMALE, "female"),
    family=parse_parts(_ID_FAMILY),
)
