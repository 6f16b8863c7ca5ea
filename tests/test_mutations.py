"""Mutation tests: one digit changed in a number that takes part in a consistent relation
must be reported inconsistent, while the untouched text yields no inconsistent finding.

The sentences are statistical-communiqué style (numbers made up, but consistent) and
sentences of the seeds. The checks run on the text alone (no claims), so these tests
exercise the sentence-level reading of the engine; a digit is changed by 5 (mod 10) so
the change is larger than any rounding band.
"""
from __future__ import annotations

import regex
import pytest

from checks_helpers import flags, run

COMMUNIQUE = [
    "初步核算，全年地区生产总值4825.36亿元，比上年增长5.8%。其中，第一产业增加值312.47亿元，增长4.1%；"
    "第二产业增加值1936.52亿元，增长6.3%；第三产业增加值2576.37亿元，增长5.6%。三次产业结构比为6.5:40.1:53.4。",
    "全年货物进出口总额2786.5亿元，比上年增长3.2%。其中出口1902.3亿元，进口884.2亿元。",
    "年末常住人口1024.68万人，其中城镇常住人口713.25万人，乡村常住人口311.43万人。",
    "研发经费投入强度由2.14%提高到2.47%，提高0.33个百分点。",
    "社会消费品零售总额从2018年的1850.6亿元增长到2023年的2710.4亿元，年均增长7.9%。",
    "2018年财政赤字2.38万亿元，其中中央财政赤字1.55万亿元，地方财政赤字8300亿元。",
    "第一产业增加值312.47亿元，全年地区生产总值4825.36亿元。第一产业增加值占地区生产总值的比重为6.5%。",
    "全年全市实现地区生产总值（GDP）4825.36亿元，比上年增长5.8%。第一产业、第二产业、第三产业增加值分别为"
    "312.47亿元、1936.52亿元和2576.37亿元，分别增长4.1%、6.3%和5.6%。三次产业增加值占比分别为6.5%、40.1%和53.4%。",
    "全年社会消费品零售总额2315.42亿元，比上年增长7.6%。按经营地统计，城镇消费品零售额2017.35亿元，增长7.4%；"
    "乡村消费品零售额298.07亿元，增长8.9%。",
    "全年出生人口21.3万人，出生率为6.62‰；死亡人口25.8万人，死亡率为8.03‰；人口自然增长率为-1.41‰。",
    "全年粮食产量1095.6万吨，比上年增加12.4万吨，增产1.1%。",
    "该市常住人口从2010年的1000万人增加到2020年的1200万人，十年增加200万人，年均增长1.8%。",
    "截至2024年底，全国共有国家级高新区178家，其中东部地区70家，中部地区44家，西部地区48家，东北地区16家。",
]
_PROSE = "全年经济运行总体平稳，发展质量稳步提升，各项事业取得新进展，人民生活水平持续提高，社会大局保持稳定。\n" * 6
TABLE = (_PROSE + "\n表1  2023年末人口数及其构成\n单位：万人\n指标\t年末数\t比重（%）\n"
         "全市人口\t3191.43\t100.0\n其中：城镇\t2280.32\t71.45\n      乡村\t911.11\t28.55\n\n"
         "表2  2023年地区生产总值\n指标\t绝对数（亿元）\t比上年增长（%）\n地区生产总值\t4825.36\t5.8\n"
         "第一产业\t312.47\t4.1\n第二产业\t1936.52\t6.3\n第三产业\t2576.37\t5.6\n\n" + _PROSE)
SEED_CAGR = ("二是增长较快，重庆医疗装备产业规模从2020年的88.4亿元增长到2022年的120.4亿元，"
             "年均复合增长率达到16.7%，2022年，重庆获批上市药品和医疗器械产品400余个。")

EQUALITY_CHECKS = {"sum", "share", "cagr", "growth", "pp_difference", "multiple"}
_NUMBER = regex.compile(r"\d+(?:\.\d+)?")


def _relation_figures(text: str) -> list[tuple[int, int]]:
    """Numbers that take part in a consistent equality relation of the untouched text."""
    out = set()
    for f in run(text):
        if f.check in EQUALITY_CHECKS and f.verdict == "consistent":
            for sp in f.spans:
                for m in _NUMBER.finditer(sp.text):
                    if not sp.text[m.end():m.end() + 1] == "年":
                        out.add((sp.start + m.start(), sp.start + m.end()))
    return sorted(out)


def _mutate(text: str, i: int) -> str:
    new = (int(text[i]) + 5) % 10
    return text[:i] + str(new) + text[i + 1:]


def _leading(text: str, s: int, e: int) -> int:
    return next(i for i in range(s, e) if text[i] not in "0.")


def _last_significant(text: str, s: int, e: int) -> int:
    return next(i for i in range(e - 1, s - 1, -1) if text[i] not in "0.")


def _caught(text: str, pos: int) -> bool:
    return any(sp.start <= pos < sp.end for f in flags(run(_mutate(text, pos))) for sp in f.spans)


@pytest.mark.parametrize("text", COMMUNIQUE + [SEED_CAGR, TABLE])
def test_untouched_text_has_no_inconsistent_finding(text):
    findings = run(text)
    assert flags(findings) == []
    assert any(f.verdict == "consistent" for f in findings)


@pytest.mark.parametrize("text", COMMUNIQUE + [SEED_CAGR, TABLE])
def test_a_changed_leading_digit_is_always_reported(text):
    figures = _relation_figures(text)
    assert figures
    missed = [text[s:e] for s, e in figures if not _caught(text, _leading(text, s, e))]
    assert missed == []


def test_a_changed_last_digit_is_reported_unless_rounding_hides_it():
    """The last significant digit moves a figure by little; most such changes still break the
    relation, a few stay inside the rounding bands of the others (and must not be flagged)."""
    total = caught = 0
    for text in COMMUNIQUE + [SEED_CAGR, TABLE]:
        for s, e in _relation_figures(text):
            total += 1
            caught += _caught(text, _last_significant(text, s, e))
    assert total >= 35
    assert caught / total >= 0.8


def test_mutated_finding_names_its_formula_and_interval():
    mutant = SEED_CAGR.replace("16.7%", "19.7%")
    bad = flags(run(mutant))
    assert len(bad) == 1 and bad[0].check == "cagr" and bad[0].severity == "error"
    assert bad[0].computed.low < bad[0].computed.high < 17
    assert "19.7%" in bad[0].message


def test_seed_part_of_whole_mutation():
    text = "重庆作为我国老工业基地，有着全国41个工业大类中的39个，在全国制造业版图中具有独特作用。"
    assert flags(run(text)) == []
    assert [f.check for f in flags(run(text.replace("39个", "89个")))] == ["part_of_whole"]


def test_seed_structure_mutations():
    text = "一是体系健全。二是增长较快。三是创新引领。四是技术领先。"
    assert flags(run(text)) == []
    assert [f.check for f in flags(run(text.replace("三是", "五是")))] == ["ordinal_sequence"]
    enum = "聚焦数智科技、生命健康、新材料和绿色低碳四大科创高地突破关键核心技术。"
    assert flags(run(enum)) == []
    assert [f.check for f in flags(run(enum.replace("四大", "六大")))] == ["enumeration_count"]


def test_table_with_thousands_separators():
    table = _PROSE + "\n表3  2023年末人口\n单位：万人\n指标\t年末数\n全国人口\t140,967\n其中：城镇\t93,267\n      乡村\t47,700\n\n" + _PROSE
    assert flags(run(table)) == [] and any(f.check == "sum" for f in run(table))
    assert [f.check for f in flags(run(table.replace("47,700", "47,900")))] == ["sum"]
