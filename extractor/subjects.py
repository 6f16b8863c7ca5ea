"""Subjects of claims: places and organisations, and the document's main place.

The main place of a document is derived from its title and the most frequent
place names (provinces, municipalities and their capitals, plus any
``…省/市/自治区/州/县`` name in the title); deictic words are resolved against it:
我市/全市/本市 → the main city, 全省/我省/本省 → the main province, 我国/全国 → 全国.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

import regex

# provincial-level divisions (short names) and frequently cited cities
PROVINCES = (
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 "
    "海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门").split()
MUNICIPALITIES = frozenset({"北京", "天津", "上海", "重庆"})
# prefecture-level cities and the districts/counties of the municipalities most often cited
# (names that are also common words — 白银, 长治, 四平, 长寿, 安康, 中山, 普洱, 黄山, 朝阳, 来宾, 阿里,
# 南岸 — are left out)
CITIES = (
    # Hebei, Shanxi, Inner Mongolia
    "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 雄安 太原 大同 阳泉 晋城 朔州 晋中 运城 忻州 临汾 "
    "吕梁 呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 "
    # Liaoning, Jilin, Heilongjiang
    "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 葫芦岛 长春 吉林市 辽源 通化 白山 松原 白城 延边 "
    "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 "
    # Jiangsu, Zhejiang, Anhui, Fujian, Jiangxi, Shandong
    "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 "
    "台州 丽水 合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 滁州 阜阳 宿州 六安 亳州 池州 宣城 福州 厦门 莆田 三明 泉州 "
    "漳州 南平 龙岩 宁德 南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 宜春 抚州 上饶 济南 青岛 淄博 枣庄 东营 烟台 潍坊 "
    "济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽 "
    # Henan, Hubei, Hunan
    "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源 武汉 黄石 十堰 "
    "宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施 长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 "
    "怀化 娄底 湘西 "
    # Guangdong, Guangxi, Hainan
    "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 潮州 揭阳 云浮 南宁 柳州 "
    "桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 崇左 海口 三亚 三沙 儋州 "
    # Sichuan, Guizhou, Yunnan, Tibet
    "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 阿坝 甘孜 凉山 贵阳 "
    "六盘水 遵义 安顺 毕节 铜仁 黔东南 黔南 黔西南 昆明 曲靖 玉溪 保山 昭通 丽江 临沧 楚雄 红河 文山 西双版纳 大理 "
    "德宏 怒江 迪庆 拉萨 日喀则 昌都 林芝 山南 那曲 "
    # Shaanxi, Gansu, Qinghai, Ningxia, Xinjiang
    "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 商洛 兰州 嘉峪关 金昌 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏 甘南 "
    "西宁 海东 银川 石嘴山 吴忠 固原 中卫 乌鲁木齐 克拉玛依 吐鲁番 哈密 喀什 和田 阿克苏 伊犁 "
    # districts and counties of the municipalities
    "浦东 滨海新区 万州 涪陵 渝中 江北 沙坪坝 九龙坡 北碚 渝北 巴南 黔江 江津 合川 永川 南川 綦江 大足 璧山 铜梁 "
    "潼南 荣昌 开州 梁平 武隆").split()
CITY_DEIXIS = ("我市", "全市", "本市")
PROVINCE_DEIXIS = ("全省", "我省", "本省")
REGION_DEIXIS = ("全区", "我区", "本区", "全县", "我县", "本县", "全州", "我州")
# composite regions written as one word (成渝 = 成都 + 重庆, 川渝 = 四川 + 重庆 …)
REGIONS = ("成渝地区", "成渝", "川渝", "京津冀", "长三角", "珠三角", "粤港澳大湾区", "长株潭")
# organisations and areas that are the subject of their own figures when they open a clause
_ENTITY_SUFFIXES = ("新区", "城区", "库区", "开发区", "高新区", "园区", "产业园", "科创园", "科学城", "集团", "公司", "机场",
                    "新通道", r"班列(?:（\p{Han}{1,4}）)?", "试验区", "自贸区", "数据中心集群", r"\p{Han}段", "单位", "银行",
                    "大学", "研究院", "医院")
_ENTITY_SUFFIX = "(?:" + "|".join(_ENTITY_SUFFIXES) + ")"
# owners written without a name in front of them
_OWNERS = ("省属企业", "市属企业", "区属企业", "中央企业", "央企", "国有企业", "民营企业", "外资企业")
_OWNER = "(?:" + "|".join(_OWNERS) + ")"

_PLACE_NAMES = sorted(set(PROVINCES) | set(CITIES), key=len, reverse=True)
_DEIXIS_WORDS = CITY_DEIXIS + PROVINCE_DEIXIS + REGION_DEIXIS + ("全国", "我国", "全球", "世界")


def _trie(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (all non-empty), the longest one where several match.

    Written as a trie (北(?:京|海)) so the engine compares each character once instead of
    trying hundreds of alternatives one by one; longer continuations come first and every
    word end is optional, so the match is the one a longest-first alternation would give.
    """
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        ends = "" in node
        body = alts[0] if len(alts) == 1 and not ends else "(?:" + "|".join(alts) + ")"
        return body + ("?" if ends else "")

    return emit(root)


def _by_first_char(words: Iterable[str], tail: str = "") -> list[str]:
    """One trie alternative per first character (each opening with a literal, so ``re`` can skip
    quickly to the positions where a word may start), ``tail`` appended to each."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    return [re.escape(c) + (_trie(rest) if any(rest) else "") + tail for c, rest in sorted(groups.items())]


# The same matches as longest-first alternations of the words (regions and deixis words before
# place names): alternatives with different first characters never compete at one position.
# _SUBJECT_WORD matches single phrases; scans of whole texts go through the _WordFinder below,
# which finds the same words (tests/test_subject_finder.py holds them to it).
_PLACE = re.compile("|".join(_by_first_char(_PLACE_NAMES)))
_SUBJECT_WORD = re.compile("|".join(_by_first_char(REGIONS + _DEIXIS_WORDS)
                                    + _by_first_char(_PLACE_NAMES, "(?:市|省|自治区)?")))


class _WordFinder:
    """Finds words as one of the alternations above does with ``finditer``: the leftmost word, the
    longest one at its position, then on after it; ``groups`` are tried in order at a position (a
    word of an earlier group wins there even over a longer one of a later group, as that group's
    alternatives come first), and a word of the last group may take one of ``tails`` (北京 + 市).

    The same matches, found faster: those alternations try their branches at every position whose
    character opens a word (common characters: 新, 大, 中 …), which costs most of a whole-document
    scan.  Every word has at least two characters, so one plain character-class scan lists the few
    positions whose first two characters can open a word, and only there are the words tried.
    """

    def __init__(self, groups: tuple[Iterable[str], ...], tails: tuple[str, ...] = ()):
        # the words opening with each pair of characters, as (takes a tail, word): the earlier
        # group first, the longer word first within a group
        self._by_prefix: dict[str, list[tuple[bool, str]]] = {}
        for k, words in enumerate(groups):
            for w in sorted(set(words), key=len, reverse=True):
                assert len(w) >= 2, w
                self._by_prefix.setdefault(w[:2], []).append((bool(tails) and k == len(groups) - 1, w))
        firsts = "".join(sorted({re.escape(p[0]) for p in self._by_prefix}))
        seconds = "".join(sorted({re.escape(p[1]) for p in self._by_prefix}))
        self._starts = re.compile(f"[{firsts}](?=[{seconds}])")
        self._tails = tails

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """Every word in ``text[start:end]`` as (start, end, word), in text order."""
        end = len(text) if end is None else end
        out: list[tuple[int, int, str]] = []
        by_prefix = self._by_prefix
        after = start  # where the last word found ends: words do not overlap
        for m in self._starts.finditer(text, start, end):
            i = m.start()
            if i < after:
                continue
            words = by_prefix.get(text[i:i + 2])
            if words is None:
                continue
            for tailed, word in words:
                if text.startswith(word, i, end):
                    j = i + len(word)
                    if tailed:
                        for tail in self._tails:
                            if text.startswith(tail, j, end):
                                word += tail
                                j += len(tail)
                                break
                    out.append((i, j, word))
                    after = j
                    break
        return out


_PLACE_FINDER = _WordFinder((_PLACE_NAMES,))  # the matches of _PLACE
_SUBJECT_FINDER = _WordFinder((REGIONS + _DEIXIS_WORDS, _PLACE_NAMES), ("市", "省", "自治区"))  # of _SUBJECT_WORD
_TITLE_PLACE = regex.compile(r"(\p{Han}{2,6}?)(?:省|市|自治区|自治州|州|县)(?:人民政府|政府|国民经济|统计|\d|\p{Han})")
# a name does not contain function words, and a phrase opening with a verb is not a name
_NAME_CHAR = r"(?:(?![对向在为和与的是将把被从及或通过])[\p{Han}（）])"
_OPENING_VERB = regex.compile(r"^(?:发挥|推动|推进|建设|打造|加快|支持|依托|围绕|聚焦|实施|培育|建成|形成|构建|"
                              r"提升|完善|深化|优化|强化|统筹|坚持|开展|引导|鼓励|推广|布局|谋划|争创|创建)")
_ENTITY = regex.compile(r"^(?:" + _NAME_CHAR + r"{2,12}?" + _ENTITY_SUFFIX + "|" + _OWNER + ")")
# the literal part of a suffix or owner word, one of which every match of _ENTITY contains
# (班列（…） as 班列, \p{Han}段 as 段: a plain literal search is ~10x cheaper than the suffix pattern)
_ENTITY_WORD = re.compile("|".join(regex.sub(r"\(\?:.*\)\?$|^\\p\{Han\}", "", w)
                                   for w in _ENTITY_SUFFIXES + _OWNERS))
# 新华社北京1月17日电 / 本报北京3月5日讯: the place a report was filed from is not its subject
_DATELINE = regex.compile(r"(?:新华社|中新社|本报|人民网|央视网|记者)\p{Han}{0,6}?\d{1,2}月\d{1,2}日(?:电|讯)")
_COUNTRY_SIGNALS = ("全国", "我国", "国内生产总值", "国家统计局", "全国人民代表大会")
_STRIP_ADMIN = regex.compile(r"(?:市|省|自治区)$")
_NOT_A_NAME = regex.compile(r"^[全我本各该]|[年月季度日]|^(?:今|去|前|上|下)")


@dataclass(slots=True)
class PlaceContext:
    """The document's main place and how deictic words resolve."""

    main: str | None
    city: str | None
    province: str | None

    def resolve(self, word: str) -> str:
        """The subject a subject word stands for (我市 → the main city …)."""
        if word in CITY_DEIXIS:
            return self.city or self.main or word
        if word in PROVINCE_DEIXIS:
            return self.province or self.main or word
        if word in REGION_DEIXIS:
            return self.main or word
        if word in ("全国", "我国"):
            return "全国"
        if word in ("全球", "世界"):
            return "全球"
        return _STRIP_ADMIN.sub("", word) if len(word) > 2 else word


def document_places(text: str, title: str | None) -> PlaceContext:
    """Derive the main place from the title and the most frequent place names."""
    body = _DATELINE.sub("", text)
    counts: Counter[str] = Counter(w for _, _, w in _PLACE_FINDER.find(body))
    if title:
        for _, _, name in _PLACE_FINDER.find(title):
            counts[name] += 20
        for m in _TITLE_PLACE.finditer(title):
            name = m.group(1)
            # 全年全市…, 本月我省…: deixis and time words are not a name
            if 2 <= len(name) <= 4 and not name.endswith("人民") and not _NOT_A_NAME.search(name):
                counts[name] += 10
    city_deixis = sum(text.count(w) for w in CITY_DEIXIS)
    prov_deixis = sum(text.count(w) for w in PROVINCE_DEIXIS)
    country = sum(text.count(w) for w in _COUNTRY_SIGNALS)
    top = counts.most_common(1)
    main = top[0][0] if top else None
    if main is None or (country > 2 * counts[main] and city_deixis + prov_deixis < country):
        main = "全国" if country else main
    city = province = None
    if main and main != "全国":
        if main in MUNICIPALITIES or main in CITIES:
            city = main
        if main in PROVINCES:
            province = main
        # a municipality is both city and province-level
        if main in MUNICIPALITIES:
            province = main
        if city is None and city_deixis:
            city = main
        if province is None and prov_deixis:
            province = main
    return PlaceContext(main, city, province)


def find_subjects(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Every subject word (place, region, deixis) in ``text[start:end]`` as (start, end, word)."""
    return _SUBJECT_FINDER.find(text, start, end)


@functools.lru_cache(maxsize=65536)  # pure; the binder asks about the same phrases again and again
def is_subject_word(word: str) -> bool:
    """True when ``word`` is wholly a place, region or deixis word (上海, 川渝, 全市 …)."""
    return bool(_SUBJECT_WORD.fullmatch(word))


@functools.lru_cache(maxsize=65536)  # pure; the binder asks about the same phrases again and again
def leading_entity(phrase: str) -> str | None:
    """An organisation or area that opens ``phrase`` (江北国际机场, 省属企业 …), else None."""
    if _OPENING_VERB.match(phrase):
        return None
    m = _ENTITY.match(phrase)
    return m.group() if m else None


def may_hold_entity(text: str, start: int = 0, end: int | None = None) -> bool:
    """False when no phrase inside ``text[start:end]`` can open with an organisation or area
    (:func:`leading_entity`): the text holds none of their suffixes (机场, 集团 …) or owner words."""
    return _ENTITY_WORD.search(text, start, len(text) if end is None else end) is not None


@functools.lru_cache(maxsize=65536)  # pure; the binder asks about the same phrases again and again
def strip_leading_subject(phrase: str) -> tuple[str | None, str]:
    """Split a leading subject word off ``phrase``: (subject word or None, rest)."""
    m = _SUBJECT_WORD.match(phrase)
    if m and m.end() < len(phrase):
        return m.group(), phrase[m.end():]
    return None, phrase
