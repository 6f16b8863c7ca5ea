"""Text-structure checks: ordinals, 一方面 pairs, enumeration and character counts, 分别 lists."""
from __future__ import annotations

from checks_helpers import by_check, flags, run


def test_complete_ordinal_list_is_consistent_and_a_skip_is_flagged():
    ok = run("要做好三点。一是稳增长。二是保就业。三是防风险。")
    seq = by_check(ok, "ordinal_sequence")
    assert [f.verdict for f in seq] == ["consistent"]
    assert [s.text for s in seq[0].spans] == ["一是", "二是", "三是"]
    bad = run("杨正华说，一是持续锻造长板。二是补齐短板。四是确保供应链稳定。")
    seq = by_check(bad, "ordinal_sequence")
    assert seq[0].verdict == "inconsistent" and seq[0].severity == "warning"
    assert "三是" in seq[0].message


def test_repeated_ordinal_and_first_next_last():
    assert by_check(run("一要稳。二要进。二要改。"), "ordinal_sequence")[0].verdict == "inconsistent"
    f = by_check(run("首先，要创新。其次，要协调。最后，要开放。"), "ordinal_sequence")
    assert f and f[0].verdict == "consistent" and len(f[0].spans) == 3


def test_section_headings_skip():
    text = "（一）总体要求\n内容。\n（二）主要任务\n内容。\n（四）保障措施\n内容。\n"
    f = by_check(run(text), "ordinal_sequence")
    assert f[0].verdict == "inconsistent"


def test_discourse_pairs():
    assert by_check(run("一方面，增长依赖支柱产业。另一方面，产业带来机遇。"), "discourse_pair")[0].verdict == "consistent"
    rep = by_check(run("一方面，增长依赖支柱产业。如一季度增长较快，一方面，产业带来机遇。"), "discourse_pair")
    assert rep[0].verdict == "inconsistent" and len(rep[0].spans) == 2


def test_enumeration_counts_before_and_after_the_number():
    f = by_check(run("形成体外诊断、高值耗材、医疗设备三大板块3335个产品。"), "enumeration_count")
    assert f[0].verdict == "consistent" and "三大" in [s.text for s in f[0].spans]
    assert by_check(run("形成体外诊断、高值耗材、医疗设备四大板块。"), "enumeration_count")[0].verdict == "inconsistent"
    # a list that is only a modifier of the count (城建六大攻坚行动) is not reported
    assert flags(run("统筹推进扩消费六大工程、城建六大攻坚行动和房地产八大任务。")) == []
    assert flags(run("办好花样滑冰大奖赛、全国青少年三大球比赛。")) == []
    f = by_check(run("聚焦数智科技、生命健康、新材料和绿色低碳四大科创高地。"), "enumeration_count")
    assert f[0].verdict == "consistent"
    f = by_check(run("做好以下两方面的工作：一要引进供应商。二要构建产业布局。"), "enumeration_count")
    assert f[0].verdict == "consistent"


def test_label_items_share_the_head():
    text = "推动创新链产业链资金链人才链深度融合。推动“四链”融合发展。"
    assert by_check(run(text), "enumeration_count")[0].verdict == "consistent"
    text = "持续做好“六保”工作，强化保居民就业、保基本民生、保市场主体、保粮食能源安全、保产业链供应链稳定、保基层运转。"
    f = by_check(run(text), "enumeration_count")
    assert f[0].verdict == "consistent" and len(f[0].spans) == 7
    text = text.replace("、保基层运转", "")
    assert by_check(run(text), "enumeration_count")[0].verdict == "inconsistent"


def test_char_counts():
    assert by_check(run("领导制定了“了解人、气量大、用得着、爱护人”的十二字干部政策。"), "char_count")[0].verdict == "consistent"
    assert by_check(run("突出“核心”二字。"), "char_count")[0].verdict == "consistent"
    assert by_check(run("突出“核心要素”二字。"), "char_count")[0].verdict == "inconsistent"


def test_respectively_subjects_in_the_clause_before():
    text = "累计接待游客17.52亿人次、旅游花费1.27万亿元，分别增长32.9%、41.6%。"
    f = by_check(run(text), "respectively")
    assert f and f[0].verdict == "consistent"
    assert flags(run("招商引资签约项目数、合同额分别增长22.1%、15.1%。")) == []


def test_respectively_lists():
    text = "重庆汽车、材料和电子信息等支柱产业分别实现23.7%、8.0%和7.3%的增长。"
    f = by_check(run(text), "respectively")
    assert f[0].verdict == "consistent" and len(f[0].spans) == 6
    assert by_check(run("汽车、材料和电子信息分别增长23.7%、8.0%。"), "respectively")[0].verdict == "inconsistent"
    f = by_check(run("将制造业企业、科技型中小企业分别从50%、75%提高至100%。"), "respectively")
    assert f[0].verdict == "consistent"
    byline = "□冉梨 胡俊\n\n正文。\n（作者单位分别为重庆工商大学、新疆大学）"
    assert by_check(run(byline), "respectively")[0].verdict == "consistent"
    lost = "正文。\n（作者分别系重庆大学副教授、四川美术学院教授）"
    assert by_check(run(lost), "respectively")[0].verdict == "inconsistent"


def test_part_of_whole_and_time_ranges():
    assert by_check(run("有着全国41个工业大类中的39个。"), "part_of_whole")[0].verdict == "consistent"
    assert by_check(run("有着全国41个工业大类中的43个。"), "part_of_whole")[0].verdict == "inconsistent"
    assert by_check(run("《行动计划（2023—2027年）》"), "time_range")[0].verdict == "consistent"
    assert by_check(run("《行动计划（2027—2023年）》"), "time_range")[0].verdict == "inconsistent"


def test_finding_ids_are_stable_and_offsets_original():
    text = "第一行\n\n一是稳增长。二是保就业。"
    a, b = run(text), run(text)
    assert [f.id for f in a] == [f.id for f in b]
    span = by_check(a, "ordinal_sequence")[0].spans[0]
    assert text[span.start:span.end] == span.text == "一是" and span.line == 3


def test_plain_prose_has_no_flags():
    text = "最后一公里问题得到解决。第一生产力是科技。统一大市场建设加快。一方面要稳，另一方面要进。"
    assert flags(run(text)) == []


def test_duplicate_project_number_in_two_footnotes():
    text = ("正文一。\n（作者系重庆大学副教授，本文为国家社科基金一般项目：19BFX090成果）\n\n□周伟\n\n正文二。\n"
            "（作者单位：西南政法大学法学院，本文为国家社科基金一般项目：19BFX090成果）\n")
    f = by_check(run(text), "duplicate_identifier")
    assert f and f[0].verdict == "inconsistent" and [s.text for s in f[0].spans] == ["19BFX090", "19BFX090"]
    single = text.replace("19BFX090成果）\n\n□", "20BJY123成果）\n\n□", 1)
    assert by_check(run(single), "duplicate_identifier") == []


def test_lone_aspect_marker():
    assert by_check(run("一方面，增长依赖支柱产业。产业带来机遇。"), "discourse_pair")[0].verdict == "inconsistent"
    assert by_check(run("一方面，增长依赖支柱产业。同时，产业带来机遇。"), "discourse_pair") == []


def test_members_named_elsewhere_and_labels_inside_lists():
    text = ("特别在打好防范化解重大风险、精准脱贫、污染防治的攻坚战方面取得进展。\n坚决打好三大攻坚战。\n"
            "不断增强政治意识、大局意识、核心意识、看齐意识。\n要牢固树立“四个意识”。")
    f = by_check(run(text), "enumeration_count")
    assert {x.spans[-1].text if x.spans[-1].text in ("三大", "四个") else x.spans[0].text for x in f} >= {"三大"}
    assert all(x.verdict == "consistent" for x in f) and len(f) == 2
    items = {s.text for x in f for s in x.spans}
    assert {"防范化解重大风险", "精准脱贫", "污染防治", "政治意识", "看齐意识"} <= items
    # “三个代表” is an item of the list before it, not its count
    lst = "坚持以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想为指导。"
    assert by_check(run(lst), "enumeration_count") == []
    assert by_check(run("用政策推进设备更新、技术工艺、产品体系、质量控制、产业链条、节能降碳、数字赋能、管理效益“八提升”。"),
                    "enumeration_count")[0].verdict == "consistent"


def test_event_ordinals_may_skip():
    text = "第一次科技革命是机械化，第二次是电气化，第三次是信息化。"
    assert by_check(run(text), "ordinal_sequence")[0].verdict == "consistent"
    assert flags(run("党的第一次全国代表大会在上海召开，第三次全国代表大会在广州召开。")) == []


def test_list_after_a_colon():
    assert by_check(run("抓好三大任务：稳增长、调结构、防风险。"), "enumeration_count")[0].verdict == "consistent"
    assert by_check(run("抓好三大任务：稳增长、调结构。"), "enumeration_count")[0].verdict == "inconsistent"
    assert flags(run("抓好三大任务：稳增长、调结构、防风险，加强监管、优化服务。")) == []
    assert flags(run("抓好四大任务：稳增长、调结构、防风险等。")) == []
