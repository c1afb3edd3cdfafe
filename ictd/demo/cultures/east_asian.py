"""Korean and Japanese naming cultures: surname first, written in Hangul or kanji.

Korean given names are two syllables, written ``Min-jun``, ``Minjun`` or ``Min Jun`` and in
older spellings (``Min-joon``); surnames have their customary forms (``이`` → Lee, Yi, Rhee).
Japanese names are written in kanji without a space (``佐藤健``); their Latin forms are the
passport Hepburn spelling without long-vowel marks (``Sato``) and the spellings that mark
the long vowel (``Satou``, ``Satoh``). The Latin forms are *not* the Mandarin readings of
the same characters, which is why a matcher needs Japanese readings for kanji.
"""

from __future__ import annotations

from ictd.demo.culture import Culture, parse_parts

__all__ = ["JAPANESE", "KOREAN"]

_KO_FAMILY = """
김|Kim,Gim
이|Lee,Yi,Rhee
박|Park,Pak,Bak
최|Choi,Choe
정|Jung,Jeong,Chung
강|Kang,Gang
조|Cho,Jo
윤|Yoon,Yun
장|Jang,Chang
임|Lim,Im
한|Han
오|Oh,O
서|Seo,Suh
신|Shin,Sin
권|Kwon,Gwon
황|Hwang
안|Ahn,An
송|Song
홍|Hong
"""
_KO_MALE = """
민준|Min-jun,Minjun,Min Jun,Min-joon
서준|Seo-jun,Seojun,Suh-joon
도윤|Do-yun,Doyun,Do-yoon
예준|Ye-jun,Yejun
시우|Si-woo,Siwoo,Si-u
하준|Ha-jun,Hajun
지호|Ji-ho,Jiho
주원|Ju-won,Juwon,Joo-won
지훈|Ji-hoon,Jihun,Ji-hun
성민|Seong-min,Sung-min,Sungmin
정호|Jeong-ho,Jung-ho,Chung-ho
영수|Yeong-su,Young-soo,Youngsoo
현우|Hyeon-u,Hyun-woo,Hyunwoo
동현|Dong-hyeon,Dong-hyun
상철|Sang-cheol,Sang-chul
"""
_KO_FEMALE = """
서연|Seo-yeon,Seoyeon,Suh-yeon
지우|Ji-woo,Jiwoo,Ji-u
하은|Ha-eun,Haeun
민서|Min-seo,Minseo
수빈|Su-bin,Soo-bin,Subin
지민|Ji-min,Jimin
은지|Eun-ji,Eunji
혜진|Hye-jin,Hyejin
미영|Mi-yeong,Mi-young
영희|Yeong-hui,Young-hee
"""
_JA_FAMILY = """
佐藤|Sato,Satou,Satoh
鈴木|Suzuki
高橋|Takahashi
田中|Tanaka
伊藤|Ito,Itou,Itoh
渡辺|Watanabe
山本|Yamamoto
中村|Nakamura
小林|Kobayashi
加藤|Kato,Katou,Katoh
吉田|Yoshida
山田|Yamada
山口|Yamaguchi
松本|Matsumoto
井上|Inoue
木村|Kimura
斎藤|Saito,Saitou,Saitoh
清水|Shimizu
"""
_JA_MALE = """
健|Ken
翔|Sho,Shou
大輔|Daisuke
拓也|Takuya
健太|Kenta
直樹|Naoki
太郎|Taro,Tarou,Taroh
一郎|Ichiro,Ichirou
誠|Makoto
隆|Takashi
和也|Kazuya
雄一|Yuichi,Yuuichi
"""
_JA_FEMALE = """
陽子|Yoko,Youko
恵子|Keiko
美咲|Misaki
由美|Yumi
真由美|Mayumi
京子|Kyoko,Kyouko
花子|Hanako
明美|Akemi
裕子|Yuko,Yuuko
"""

KOREAN = Culture(
    code="korean",
    script="Hang",
    lang="ko",
    countries=("KR", "KR", "KR", "KP"),
    structure="chinese",
    male=parse_parts(_KO_MALE, "male"),
    female=parse_parts(_KO_FEMALE, "female"),
    family=parse_parts(_KO_FAMILY),
    native_sep="",
)
JAPANESE = Culture(
    code="japanese",
    script="Jpan",
    lang="ja",
    countries=("JP",),
    structure="chinese",
    male=parse_parts(_JA_MALE, "male"),
    female=parse_parts(_JA_FEMALE, "female"),
    family=parse_parts(_JA_FAMILY),
    native_sep="",
)
