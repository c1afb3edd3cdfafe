"""Chinese naming culture: Han characters, surname first, with pinyin and older spellings.

Surnames list their Hanyu Pinyin, Wade-Giles and Cantonese spellings (``张`` → Zhang,
Chang, Cheung). Given names list their pinyin and Wade-Giles syllables; the spellings
written from them are ``Xiaoming``, ``Xiao Ming``, ``Xiao-ming`` and ``Hsiao-ming``.
Latin forms are aligned by system (``Culture.coherent``): indexes 0–2 are pinyin styles,
3 Wade-Giles, 4 Cantonese (surname; the given name keeps its Wade-Giles form).
"""

from __future__ import annotations

from ictd.demo.culture import Culture, NamePart

__all__ = ["CHINESE"]

_SURNAMES = """
王|Wang|Wang|Wong
李|Li|Li|Lee
张|Zhang|Chang|Cheung
刘|Liu|Liu|Lau
陈|Chen|Chen|Chan
杨|Yang|Yang|Yeung
黄|Huang|Huang|Wong
赵|Zhao|Chao|Chiu
吴|Wu|Wu|Ng
周|Zhou|Chou|Chow
徐|Xu|Hsu|Tsui
孙|Sun|Sun|Suen
马|Ma|Ma|Ma
朱|Zhu|Chu|Chu
胡|Hu|Hu|Woo
郭|Guo|Kuo|Kwok
何|He|Ho|Ho
高|Gao|Kao|Ko
林|Lin|Lin|Lam
罗|Luo|Lo|Law
郑|Zheng|Cheng|Cheng
梁|Liang|Liang|Leung
谢|Xie|Hsieh|Tse
宋|Song|Sung|Sung
唐|Tang|Tang|Tong
韩|Han|Han|Hon
冯|Feng|Feng|Fung
邓|Deng|Teng|Tang
曹|Cao|Tsao|Tso
曾|Zeng|Tseng|Tsang
蔡|Cai|Tsai|Choi
叶|Ye|Yeh|Yip
"""

# characters|pinyin syllables|Wade-Giles syllables
_MALE = """
伟|Wei|Wei
强|Qiang|Chiang
磊|Lei|Lei
军|Jun|Chun
勇|Yong|Yung
杰|Jie|Chieh
涛|Tao|Tao
明|Ming|Ming
超|Chao|Chao
刚|Gang|Kang
平|Ping|Ping
洋|Yang|Yang
文|Wen|Wen
斌|Bin|Pin
浩|Hao|Hao
鹏|Peng|Peng
辉|Hui|Hui
建华|Jian Hua|Chien Hua
建国|Jian Guo|Chien Kuo
志强|Zhi Qiang|Chih Chiang
小明|Xiao Ming|Hsiao Ming
国强|Guo Qiang|Kuo Chiang
志明|Zhi Ming|Chih Ming
伟东|Wei Dong|Wei Tung
晓东|Xiao Dong|Hsiao Tung
"""
_FEMALE = """
芳|Fang|Fang
娜|Na|Na
敏|Min|Min
静|Jing|Ching
丽|Li|Li
艳|Yan|Yen
玲|Ling|Ling
红|Hong|Hung
霞|Xia|Hsia
华|Hua|Hua
秀英|Xiu Ying|Hsiu Ying
桂英|Gui Ying|Kuei Ying
海燕|Hai Yan|Hai Yen
春梅|Chun Mei|Chun Mei
"""


def _spellings(pinyin: list[str], wade: list[str]) -> tuple[str, ...]:
    """``[Xiao, Ming]`` → Xiaoming, Xiao Ming, Xiao-ming, Hsiao-ming (twice: Cantonese slot)."""
    joined = pinyin[0] + "".join(s.lower() for s in pinyin[1:])
    hyphen = "-".join([pinyin[0], *(s.lower() for s in pinyin[1:])])
    wg = "-".join([wade[0], *(s.lower() for s in wade[1:])])
    return (joined, " ".join(pinyin), hyphen, wg, wg)


def _surnames(text: str) -> tuple[NamePart, ...]:
    parts: list[NamePart] = []
    for line in text.strip().splitlines():
        native, pinyin, wade, cantonese = line.split("|")
        parts.append(NamePart(native, (pinyin, pinyin, pinyin, wade, cantonese)))
    return tuple(parts)


def _given(text: str, gender: str) -> tuple[NamePart, ...]:
    parts: list[NamePart] = []
    for line in text.strip().splitlines():
        native, pinyin, wade = line.split("|")
        parts.append(NamePart(native, _spellings(pinyin.split(), wade.split()), gender))
    return tuple(parts)


CHINESE = Culture(
    code="chinese",
    script="Hani",
    lang="zh",
    countries=("CN", "CN", "CN", "CN", "CN", "CN", "CN", "TW", "HK", "SG"),
    structure="chinese",
    male=_given(_MALE, "male"),
    female=_given(_FEMALE, "female"),
    family=_surnames(_SURNAMES),
    native_sep="",
    coherent=True,
)
