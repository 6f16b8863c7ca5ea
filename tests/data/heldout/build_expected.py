"""Write the hand annotations of the held-out documents (``*.expected.jsonl``).

Every record is written as an anchor: a short context string of the document with
the annotated span in square brackets (``"增长[5.8%]"``).  Anchors are searched in
document order, so the offsets come out exact; the script fails loudly when an
anchor is missing or two spans overlap.  Run it after editing a document:
``python3 tests/data/heldout/build_expected.py``.

Conventions: ``../shared/gold/README.md``, ``README_reports_a.md``, ``README_reports_b.md``
(span = number + scale word + unit/classifier + bound morpheme; governing words outside;
values multiplied out; table cells flagged ``table: true``; traps as ``negative: true``).
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
Q, T, N = "quantity", "time", "negative"


def q(anchor, kind, value, unit, approx=None, direction=None, classifier=None, table=False, borderline=False):
    return (anchor, Q, dict(kind=kind, value=value, unit=unit, approx=approx, direction=direction,
                           classifier=classifier, table=table, borderline=borderline))


def tb(anchor, kind, value, unit, **kw):
    return q(anchor, kind, value, unit, table=True, **kw)


def t(anchor, kind, value, borderline=False):
    return (anchor, T, dict(kind=kind, value=value, borderline=borderline))


def n(anchor, why, borderline=False):
    return (anchor, N, dict(why=why, borderline=borderline))


def pct(anchor, value, direction=None, approx=None, **kw):
    return q(anchor, "percent", value, "%", approx=approx, direction=direction, **kw)


def inc(anchor, value, **kw):
    return pct(anchor, value, "increase", **kw)


def dec(anchor, value, **kw):
    return pct(anchor, value, "decrease", **kw)


def cny(anchor, value, **kw):
    return q(anchor, "amount", value, "CNY", **kw)


def cnt(anchor, value, classifier=None, **kw):
    return q(anchor, "count", value, "count", classifier=classifier, **kw)


SECTION = "section number"
FOOT = "footnote marker"
ORD = "ordinal"
TAB = "table number"


COMMUNIQUE = [
    t("江川省[2024年]国民", "year", "2024"),
    t("[2025年3月20日]", "date", "2025-03-20"),
    t("[2024年]，面对", "year", "2024"),
    n("[一、]综合", SECTION),
    cny("生产总值[32618.45亿元]", 3261845000000),
    inc("比上年增长[5.8%]", 5.8),
    n("其中，[第一]产业", ORD),
    cny("增加值[2375.10亿元]", 237510000000),
    inc("增长[3.9%]", 3.9),
    n("[第二]产业", ORD),
    cny("[12804.27亿元]", 1280427000000),
    inc("增长[6.1%]", 6.1),
    n("[第三]产业", ORD),
    cny("[17439.08亿元]", 1743908000000),
    inc("增长[5.7%]", 5.7),
    n("[三次]产业结构", "三次产业 (fixed term)", borderline=True),
    q("结构为[7.3∶39.3∶53.4]", "ratio", [7.3, 39.3, 53.4], "ratio"),
    cny("总值[101246元]", 101246),
    inc("增长[6.0%]", 6.0),
    cnt("常住人口[3214.6万人]", 32146000, "人"),
    cnt("减少[8.2万人]", 82000, "人", direction="decrease"),
    cnt("城镇常住人口[2143.9万人]", 21439000, "人"),
    pct("为[66.69%]", 66.69),
    q("提高[0.87个百分点]", "percentage_points", 0.87, "pp", direction="increase"),
    cnt("出生人口[21.3万人]", 213000, "人"),
    q("出生率为[6.62‰]", "permille", 6.62, "‰"),
    cnt("死亡人口[27.5万人]", 275000, "人"),
    q("死亡率为[8.55‰]", "permille", 8.55, "‰"),
    q("自然增长率为[-1.93‰]", "permille", -1.93, "‰"),
    inc("上涨[0.3%]", 0.3),
    n("0.3%[[1]]", FOOT),
    dec("价格下降[1.2%]", 1.2),
    dec("出厂价格下降[2.1%]", 2.1),
    dec("购进价格下降[2.6%]", 2.6),
    n("[表1]", TAB),
    t("表1  [2024年]", "year", "2024"),
    tb("居民消费价格\t[0.3]", "percent", 0.3, "%"),
    tb("0.3\t[0.4]", "percent", 0.4, "%"),
    tb("0.4\t[0.1]", "percent", 0.1, "%"),
    tb("食品烟酒\t[-1.2]", "percent", -1.2, "%"),
    tb("-1.2\t[-1.0]", "percent", -1.0, "%"),
    tb("-1.0\t[-1.6]", "percent", -1.6, "%"),
    tb("衣着\t[1.1]", "percent", 1.1, "%"),
    tb("1.1\t[1.2]", "percent", 1.2, "%"),
    tb("1.2\t[0.8]", "percent", 0.8, "%"),
    n("居住[[2]]", FOOT),
    tb("\t[-0.5]", "percent", -0.5, "%"),
    tb("-0.5\t[-0.6]", "percent", -0.6, "%"),
    tb("-0.6\t[-0.2]", "percent", -0.2, "%"),
    tb("娱乐\t[1.9]", "percent", 1.9, "%"),
    tb("1.9\t[2.0]", "percent", 2.0, "%"),
    tb("2.0\t[1.5]", "percent", 1.5, "%"),
    cnt("新增就业[56.8万人]", 568000, "人"),
    pct("平均为[5.1%]", 5.1),
    cnt("农民工总量[812.4万人]", 8124000, "人"),
    inc("增长[0.7%]", 0.7),
    n("[表2]", TAB),
    t("表2  [2024年]", "year", "2024"),
    tb("全省常住人口        [3214.6]", "count", 32146000, "count", classifier="人"),
    tb("[100.0]", "percent", 100.0, "%"),
    tb("城镇          [2143.9]", "count", 21439000, "count", classifier="人"),
    tb("[66.69]", "percent", 66.69, "%"),
    tb("乡村          [1070.7]", "count", 10707000, "count", classifier="人"),
    tb("[33.31]", "percent", 33.31, "%"),
    tb("男性          [1632.8]", "count", 16328000, "count", classifier="人"),
    tb("[50.79]", "percent", 50.79, "%"),
    tb("女性          [1581.8]", "count", 15818000, "count", classifier="人"),
    tb("[49.21]", "percent", 49.21, "%"),
    n("[二、]农业", SECTION),
    q("种植面积[3186.4万亩]", "amount", 31864000, "mu"),
    q("增加[12.7万亩]", "amount", 127000, "mu", direction="increase"),
    q("总产量[1156.3万吨]", "amount", 11563000, "t"),
    inc("增长[1.2%]", 1.2),
    q("夏粮产量[148.2万吨]", "amount", 1482000, "t"),
    q("秋粮产量[1008.1万吨]", "amount", 10081000, "t"),
    q("禽肉产量[436.9万吨]", "amount", 4369000, "t"),
    dec("下降[0.8%]", 0.8),
    cnt("存栏[1327万头]", 13270000, "头"),
    cnt("出栏[1985万头]", 19850000, "头"),
    n("[表3]", TAB),
    t("表3  [2024年]", "year", "2024"),
    tb("粮食\n[1156.3]", "amount", 11563000, "t"),
    tb("1156.3\n[1.2]", "percent", 1.2, "%", direction="increase"),
    tb("油料\n[68.5]", "amount", 685000, "t"),
    tb("68.5\n[-0.8]", "percent", -0.8, "%", direction="increase"),
    tb("蔬菜及食用菌\n[2231.7]", "amount", 22317000, "t"),
    tb("2231.7\n[3.4]", "percent", 3.4, "%", direction="increase"),
    tb("水果\n[598.0]", "amount", 5980000, "t"),
    tb("598.0\n[5.6]", "percent", 5.6, "%", direction="increase"),
    q("高标准农田[210万亩]", "amount", 2100000, "mu"),
    q("灌溉面积[35万亩]", "amount", 350000, "mu"),
    q("总动力[1613.5万千瓦]", "amount", 16135000, "kW"),
    n("[三、]工业", SECTION),
    cny("工业增加值[10236.72亿元]", 1023672000000),
    inc("增长[6.4%]", 6.4),
    inc("增加值增长[7.1%]", 7.1),
    inc("国有控股企业增加值增长[5.2%]", 5.2),
    inc("股份制企业增长[7.4%]", 7.4),
    dec("下降[1.3%]", 1.3),
    inc("采矿业增长[3.3%]", 3.3),
    inc("制造业增长[7.6%]", 7.6),
    inc("供应业增长[5.9%]", 5.9),
    cny("利润总额[1842.6亿元]", 184260000000),
    inc("增长[4.1%]", 4.1),
    n("[表4]", TAB),
    t("表4  [2024年]", "year", "2024"),
    tb("万辆\t[118.6]", "count", 1186000, "count", classifier="辆"),
    tb("118.6\t[9.3]", "percent", 9.3, "%", direction="increase"),
    tb("万辆\t[46.2]", "count", 462000, "count", classifier="辆"),
    tb("46.2\t[62.5]", "percent", 62.5, "%", direction="increase"),
    tb("亿块\t[27.9]", "count", 2790000000, "count", classifier="块"),
    tb("27.9\t[18.4]", "percent", 18.4, "%", direction="increase"),
    tb("万吨\t[6215.3]", "amount", 62153000, "t"),
    tb("6215.3\t[-4.8]", "percent", -4.8, "%", direction="increase"),
    tb("亿千瓦时\t[1207.4]", "amount", 120740000000, "kWh"),
    tb("1207.4\t[6.2]", "percent", 6.2, "%", direction="increase"),
    cny("建筑业增加值[2567.55亿元]", 256755000000),
    inc("增长[3.6%]", 3.6),
    cny("完成产值[9621.3亿元]", 962130000000),
    inc("增长[2.8%]", 2.8),
    n("[四、]固定资产投资", SECTION),
    inc("比上年增长[4.3%]", 4.3),
    inc("基础设施投资增长[6.8%]", 6.8),
    inc("制造业投资增长[9.7%]", 9.7),
    dec("开发投资下降[11.4%]", 11.4),
    q("销售面积[2613.8万平方米]", "amount", 26138000, "m2"),
    dec("下降[17.2%]", 17.2),
    n("[五、]居民收入", SECTION),
    cny("可支配收入[38126元]", 38126),
    inc("增长[5.4%]", 5.4),
    cny("可支配收入[48307元]", 48307),
    inc("增长[4.5%]", 4.5),
    cny("可支配收入[21438元]", 21438),
    inc("增长[6.7%]", 6.7),
    q("比值为[2.25]", "ratio", 2.25, "ratio"),
    q("缩小[0.1]", "ratio", 0.1, "ratio", direction="decrease", borderline=True),
    cnt("养老保险人数[1486.2万人]", 14862000, "人"),
    cnt("养老保险人数[1573.4万人]", 15734000, "人"),
    cnt("养老机构[1852个]", 1852, "个"),
    cnt("床位[21.6万张]", 216000, "张"),
    n("\n[1.]本公报", "note list number"),
    n("[四舍五入]", "idiom"),
    n("\n[2.]地区", "note list number"),
    n("\n[[1]]居民", FOOT),
    n("\n[[2]]居住", FOOT),
    n("咨询电话：[028-86759321]", "phone number"),
]

NEWS = [
    q("前[两个月]国民", "duration", 2, "month", borderline=True),
    t("新华社北京[3月18日]电", "date", "--03-18"),
    n("国家统计局[18日]发布", "day of the month (a time reference)"),
    t("[2025年1—2月份]", "month", "2025-01/2025-02"),
    inc("同比增长[5.9%]", 5.9),
    q("加快[0.1个百分点]", "percentage_points", 0.1, "pp", direction="increase"),
    t("从环比看，[2月份]", "month", "--02"),
    inc("比上月增长[0.51%]", 0.51),
    q("“前[两个月]经济", "duration", 2, "month", borderline=True),
    t("消费市场持续回暖。[1—2月份]", "month", "--01/--02"),
    cny("零售总额[83731亿元]", 8373100000000),
    inc("同比增长[4.0%]", 4.0),
    inc("零售额增长[4.2%]", 4.2),
    cny("近[2.2万亿元]", 2200000000000, approx=["about"]),
    inc("增长[7.3%]", 7.3),
    pct("比重为[22.5%]", 22.5),
    n("[一些]门店", "indefinite"),
    pct("增长约[三成]", 30, "increase", approx=["about"]),
    t("投资结构继续优化。[1—2月份]", "month", "--01/--02"),
    cny("（不含农户）[52619亿元]", 5261900000000),
    inc("同比增长[4.1%]", 4.1),
    inc("制造业投资增长[9.0%]", 9.0),
    inc("增长逾[10%]", 10, approx=["more_than"]),
    pct("超过[一半]", 50, approx=["more_than"]),
    q("前[两个月]我国", "duration", 2, "month", borderline=True),
    cny("进出口总值[6.54万亿元]", 6540000000000),
    dec("同比下降[1.2%]", 1.2),
    q("出口[5396亿美元]", "amount", 539600000000, "USD"),
    inc("增长[2.3%]", 2.3),
    t("就业形势总体稳定。[2月份]", "month", "--02"),
    pct("失业率为[5.4%]", 5.4),
    q("上升[0.2个百分点]", "percentage_points", 0.2, "pp", direction="increase"),
    cnt("[31个]大城市", 31, "个"),
    pct("失业率为[5.3%]", 5.3),
    t("回顾去年，[2024年]", "year", "2024"),
    inc("同比增长[5.0%]", 5.0),
    t("其中[一季度]", "quarter", "2024Q1"),
    inc("一季度增长[5.3%]", 5.3),
    t("[二季度]", "quarter", "2024Q2"),
    inc("增长[4.7%]", 4.7),
    t("[三季度]", "quarter", "2024Q3"),
    inc("增长[4.6%]", 4.6),
    t("[四季度]", "quarter", "2024Q4"),
    inc("增长[5.4%]", 5.4),
    t("[前三季度]", "quarter", "2024Q1/2024Q3"),
    cny("可支配收入[30941元]", 30941),
    inc("名义增长[5.2%]", 5.2),
    pct("保持在[5%左右]", 5, approx=["about", "expected"]),
    q("未来[3至5年]", "duration", [3, 5], "year"),
    q("有望[翻一番]", "multiple", 2, "times", direction="increase", approx=["expected"]),
    q("产业的[3倍]", "multiple", 3, "times", approx=["expected"]),
    pct("提高到[一半以上]", 50, approx=["more_than", "expected"]),
    pct("约[三分之一]", 33.333333333333336, approx=["about"]),
    n("[这一]比例", "fixed term"),
    n("[一家]有", "indefinite"),
    cnt("有[五六十名]员工", [50, 60], "名", approx=["about"]),
    t("今年[一季度]", "quarter", "2025Q1"),
    q("同比增长[1.5倍]", "multiple", 1.5, "times", direction="increase"),
    pct("近[1/3]", 33.333333333333336, approx=["about"]),
    n("“[一带一路]”", "name"),
    cnt("他们[二人]", 2, "人"),
    q("经营了[十二三年]", "duration", [12, 13], "year", approx=["about"]),
    q("出口额逾[800万美元]", "amount", 8000000, "USD", approx=["more_than"]),
    pct("在[5%—8%]之间", [5, 8]),
    cnt("已有[一千多万]农村人口", 10000000, approx=["more_than"]),
    cnt("超[200个]县", 200, "个", approx=["more_than"]),
    cnt("[二者]相互", 2, borderline=True),
    cny("增收约[1200元]", 1200, approx=["about"], direction="increase"),
    n("（[国办发〔2025〕8号]）", "document number (文号)"),
    cnt("提出[20条]", 20, "条"),
    n("服务热线[010-12345678]", "phone number"),
]

POLICY = [
    n("[川府办发〔2024〕18号]", "document number (文号)"),
    n("附件：[1.]", "list number"),
    n("      [2.]江川省", "list number"),
    t("[2024年4月12日]", "date", "2024-04-12"),
    n("（[国发〔2024〕7号]）", "document number (文号)"),
    n("[一、]总体要求", SECTION),
    t("到[2025年]，全省", "year", "2025"),
    t("较[2023年]增长", "year", "2023"),
    inc("增长[25%以上]", 25, approx=["more_than", "expected"]),
    t("到[2027年]", "year", "2027"),
    inc("力争增长[40%]", 40, approx=["expected"]),
    pct("分别达到[90%]", 90, approx=["expected"]),
    pct("、[75%]", 75, approx=["expected"]),
    t("较[2023年]增加", "year", "2023"),
    q("增加约[一倍]", "multiple", 1, "times", direction="increase", approx=["about", "expected"]),
    inc("交易量增长[45%]", 45, approx=["expected"]),
    inc("回收量增长[30%]", 30, approx=["expected"]),
    n("[二、]重点任务", SECTION),
    n("[（一）]实施工业", SECTION),
    cnt("不少于[800个]", 800, "个", approx=["at_least", "expected"]),
    t("到[2025年]，重点", "year", "2025"),
    pct("不低于[30%]", 30, approx=["at_least", "expected"]),
    t("较[2023年]下降", "year", "2023"),
    dec("下降[3.5%]", 3.5, approx=["expected"]),
    q("节约能源[120万吨标准煤]", "amount", 1200000, "tce", approx=["expected"]),
    n("[（二）]实施建筑", SECTION),
    cnt("老旧电梯[1.2万台]", 12000, "台", approx=["expected"]),
    q("燃气管道[1600公里]", "amount", 1600, "km", approx=["expected"]),
    q("供水管网[800公里]", "amount", 800, "km", approx=["expected"]),
    pct("达到[100%]", 100, approx=["expected"]),
    q("改造面积[500万平方米以上]", "amount", 5000000, "m2", approx=["more_than", "expected"]),
    n("[（三）]实施交通", SECTION),
    n("[一是]推进", "list marker"),
    cnt("公交车[3000辆左右]", 3000, "辆", approx=["about", "expected"]),
    n("[二是]鼓励", "list marker"),
    cny("最高[8万元]", 80000, approx=["at_most"]),
    n("[（四）]实施农业", SECTION),
    cnt("农业机械[2万台以上]", 20000, "台", approx=["more_than", "expected"]),
    q("用地[5万亩]", "amount", 50000, "mu", approx=["expected"]),
    q("约[3333公顷]", "amount", 3333, "ha", approx=["about", "expected"]),
    n("[（五）]开展汽车", SECTION),
    cny("给予每辆车[2万元]补贴", 20000),
    cny("补贴[1.5万元]", 15000),
    n("[（六）]开展家电", SECTION),
    n("购买[2级及以上]", "grade label (energy class)", borderline=True),
    pct("价格的[15%]", 15),
    n("[一级]能效", "grade label"),
    pct("按[20%]", 20),
    cnt("补贴[1件次]", 1, "件次"),
    cny("不超过[2000元]", 2000, approx=["at_most"]),
    n("[（七）]推动回收", SECTION),
    cnt("达到[8000个]", 8000, "个", approx=["expected"]),
    q("不少于[300万吨]", "amount", 3000000, "t", approx=["at_least", "expected"]),
    cny("每吨[2400元]", 2400),
    q("即[2400元/吨]", "amount", 2400, "CNY/t"),
    n("[三、]保障措施", SECTION),
    n("[（一）]加大", SECTION),
    cny("专项资金[10亿元]", 1000000000, approx=["expected"]),
    pct("投资额的[8%]", 8),
    cny("不超过[500万元]", 5000000, approx=["at_most"]),
    cny("每人每年[5万元]", 50000),
    q("即[5万元/人]", "amount", 50000, "CNY/person"),
    q("补贴期限[3年]", "duration", 3, "year"),
    n("[（二）]强化", SECTION),
    q("给予[0.05元/千瓦时]", "amount", 0.05, "CNY/kWh"),
    q("节约用电[1.8亿千瓦时]", "amount", 180000000, "kWh", direction="decrease", approx=["expected"]),
    q("容积率不低于[1.2]", "ratio", 1.2, "ratio", approx=["at_least"], borderline=True),
    n("[（三）]做好", SECTION),
    n("进[万家]", "slogan (quoted campaign name)"),
    cnt("活动[200场次]", 200, "场次", approx=["expected"]),
    cnt("服务群众[20万人次以上]", 200000, "人次", approx=["more_than", "expected"]),
    cnt("技术工人[3.6万人次]", 36000, "人次", approx=["expected"]),
    q("控制在[0.8‰以内]", "permille", 0.8, "‰", approx=["at_most", "expected"]),
    n("[四、]附则", SECTION),
    n("[第一条]", "article number"),
    n("[第二条]", "article number"),
    t("自[2024年5月1日]起施行", "date", "2024-05-01"),
    t("有效期至[2027年12月31日]", "date", "2027-12-31"),
    n("参照[附件1]", "attachment number"),
    n("、[附件2]", "attachment number"),
    q("结束后[10个工作日内]", "duration", 10, "day", approx=["at_most"]),
    n("联系电话：[028-86601234]", "phone number"),
    n("邮编：[610016]", "postcode"),
]

RELEASE = [
    t("[2024年12月份]全省", "month", "2024-12"),
    t("发布时间：[2025-01-16]", "date", "2025-01-16"),
    t("\n[12月份]，全省", "month", "--12"),
    inc("同比增长[6.8%]", 6.8),
    t("增速比[11月份]", "month", "--11"),
    q("回落[0.4个百分点]", "percentage_points", 0.4, "pp", direction="decrease"),
    n("见[图1]", "figure number"),
    t("从环比看，[12月份]", "month", "--12"),
    inc("增加值增长[0.62%]", 0.62),
    inc("比上年增长[7.1%]", 7.1),
    n("7.1%[①]", FOOT),
    n("[一、]三大", SECTION),
    cnt("[三大]门类“", 3, "大"),
    n("“[两升一降]”", "label (quoted slogan)"),
    cnt("分[三大]门类看", 3, "大"),
    t("[12月份]采矿业", "month", "--12"),
    inc("采矿业增加值同比增长[2.9%]", 2.9),
    inc("制造业增长[7.5%]", 7.5),
    dec("供应业下降[1.8%]", 1.8),
    cnt("[41个]工业", 41, "个"),
    cnt("有[29个]行业", 29, "个"),
    pct("增长面达[70.7%]", 70.7),
    n("70.7%[[2]]", FOOT),
    n("[二、]新动能", SECTION),
    t("\n[12月份]，高技术", "month", "--12"),
    inc("同比增长[12.6%]", 12.6),
    pct("比重为[18.3%]", 18.3),
    n("见[图2]", "figure number"),
    cnt("产量[5.1万辆]", 51000, "辆"),
    inc("增长[38.2%]", 38.2),
    cnt("产量[1260套]", 1260, "套"),
    inc("增长[21.5%]", 21.5),
    n("[3D]打印", "technology name"),
    inc("产量增长[46.0%]", 46.0),
    n("[5G]基站", "technology name"),
    cnt("新建[1.3万个]", 13000, "个"),
    cnt("累计建成[8.7万个]", 87000, "个"),
    n("量产的[ZK-2000型]", "model number"),
    n("和[V3.2版]", "version number"),
    t("明年[3月]", "month", "--03"),
    n("[三、]企业效益", SECTION),
    t("\n[1—11月份]", "month", "--01/--11"),
    cny("营业收入[3.46万亿元]", 3460000000000),
    inc("同比增长[3.2%]", 3.2),
    cny("利润总额[1927.3亿元]", 192730000000),
    inc("增长[5.6%]", 5.6),
    pct("利润率为[5.57%]", 5.57),
    q("提高[0.13个百分点]", "percentage_points", 0.13, "pp", direction="increase"),
    n("每[百元]营业收入", "rate base"),
    cny("成本为[84.21元]", 84.21),
    cny("减少[0.35元]", 0.35, direction="decrease"),
    n("[图1]", "figure number"),
    t("图1  [2023年12月]", "month", "2023-12"),
    t("—[2024年12月]规模", "month", "2024-12"),
    n("[图2]", "figure number"),
    t("图2  [2024年12月份]", "month", "2024-12"),
    n("附注\n[1.]指标", "note list number"),
    cny("收入[2000万元及以上]", 20000000, approx=["at_least"]),
    n("\n[2.]统计范围", "note list number"),
    n("[（1）]本文", "list number"),
    n("[（2）]注1", "list number"),
    n("（2）[注1]", "note number"),
    n("[①] 全年", FOOT),
    n("\n[[2]] 增长面", FOOT),
    n("江川统计年鉴[2024]", "name (year in a title)"),
    n("ISBN [978-7-5037-9876-5]", "ISBN"),
    n("登录[http://tjj.jiangchuan.gov.cn/sjfb/202501/t20250116_88123.html]", "URL"),
    n("电话：[(028)8675-2210]", "phone number"),
    n("传真：[028-86752211]", "fax number"),
    n("邮政编码：[610041]", "postcode"),
]

CITY = [
    t("云溪市[2024年]国民", "year", "2024"),
    t("[2025年3月28日]", "date", "2025-03-28"),
    cny("生产总值[2836.52亿元]", 283652000000),
    inc("比上年增长[6.2%]", 6.2),
    q("近[五年]全市", "duration", 5, "year", approx=["about"]),
    n("及[三次]产业增加值见", "三次产业 (fixed term)", borderline=True),
    n("见[表1]", TAB),
    n("[表1]  ", TAB),
    t("表1  [2020—2024年]", "year_range", "2020/2024"),
    n("及[三次]产业增加值\n", "三次产业 (fixed term)", borderline=True),
    n("[第一]产业    第二", ORD),
    n("[第二]产业    第三", ORD),
    n("[第三]产业\n", ORD),
    t("\n[2020]    ", "year", "2020"),
    tb("[2105.33]", "amount", 210533000000, "CNY"),
    tb("[221.40]", "amount", 22140000000, "CNY"),
    tb("[842.67]", "amount", 84267000000, "CNY"),
    tb("[1041.26]", "amount", 104126000000, "CNY"),
    t("\n[2021]    ", "year", "2021"),
    tb("[2318.06]", "amount", 231806000000, "CNY"),
    tb("[230.12]", "amount", 23012000000, "CNY"),
    tb("[951.38]", "amount", 95138000000, "CNY"),
    tb("[1136.56]", "amount", 113656000000, "CNY"),
    t("\n[2022]    ", "year", "2022"),
    tb("[2459.71]", "amount", 245971000000, "CNY"),
    tb("[241.85]", "amount", 24185000000, "CNY"),
    tb("[1002.44]", "amount", 100244000000, "CNY"),
    tb("[1215.42]", "amount", 121542000000, "CNY"),
    t("\n[2023]    ", "year", "2023"),
    tb("[2651.90]", "amount", 265190000000, "CNY"),
    tb("[250.07]", "amount", 25007000000, "CNY"),
    tb("[1078.23]", "amount", 107823000000, "CNY"),
    tb("[1323.60]", "amount", 132360000000, "CNY"),
    t("\n[2024]    ", "year", "2024"),
    tb("[2836.52]", "amount", 283652000000, "CNY"),
    tb("[259.34]", "amount", 25934000000, "CNY"),
    tb("[1150.91]", "amount", 115091000000, "CNY"),
    tb("[1426.27]", "amount", 142627000000, "CNY"),
    cny("预算收入[186.4亿元]", 18640000000),
    inc("比上年增长[3.7%]", 3.7),
    n("[表2]", TAB),
    t("表2  [2024年]", "year", "2024"),
    tb("[186.4]", "amount", 18640000000, "CNY"),
    tb("[3.7]", "percent", 3.7, "%", direction="increase"),
    tb("[121.9]", "amount", 12190000000, "CNY"),
    tb("[-2.3]", "percent", -2.3, "%", direction="increase"),
    tb("[412.7]", "amount", 41270000000, "CNY"),
    tb("[1.9]", "percent", 1.9, "%", direction="increase"),
    tb("[78.6]", "amount", 7860000000, "CNY"),
    tb("[4.4]", "percent", 4.4, "%", direction="increase"),
    tb("[66.2]", "amount", 6620000000, "CNY"),
    tb("[7.0]", "percent", 7.0, "%", direction="increase"),
    cnt("常住人口[512.36万人]", 5123600, "人"),
    cnt("增加[1.05万人]", 10500, "人", direction="increase"),
    n("[表3]", TAB),
    t("表3  [2024年]", "year", "2024"),
    tb("[1,286.5]", "amount", 12865000, "t"),
    tb("[-3.2]", "percent", -3.2, "%", direction="increase"),
    tb("[215.8]", "amount", 21580000000, "kWh"),
    tb("[+4.6]", "percent", 4.6, "%", direction="increase"),
    tb("[968.2]", "amount", 9682000, "t"),
    tb("[-8.9]", "percent", -8.9, "%", direction="increase"),
    tb("[1,512.0]", "amount", 15120000, "m3"),
    tb("[12.6]", "count", 126000, "count", classifier="辆"),
    tb("[55.3]", "percent", 55.3, "%", direction="increase"),
    cny("可支配收入[35628元]", 35628),
    inc("比上年增长[5.6%]", 5.6),
    n("[表4]", TAB),
    t("表4  [2024年]", "year", "2024"),
    tb("\n[35628]\n", "amount", 35628, "CNY"),
    tb("[45310]", "amount", 45310, "CNY"),
    tb("[20915]", "amount", 20915, "CNY"),
    tb("[24106]", "amount", 24106, "CNY"),
    tb("[29872]", "amount", 29872, "CNY"),
    tb("[15340]", "amount", 15340, "CNY"),
    n("[表5]", TAB),
    t("表5  [2024年]", "year", "2024"),
    tb("本专科        [28.6]", "count", 286000, "count", classifier="人"),
    tb("[96.3]", "count", 963000, "count", classifier="人"),
    tb("[25.1]", "count", 251000, "count", classifier="人"),
    tb("职业教育      [12.4]", "count", 124000, "count", classifier="人"),
    tb("[33.8]", "count", 338000, "count", classifier="人"),
    tb("[10.2]", "count", 102000, "count", classifier="人"),
    n("[表6]", TAB),
    t("表6  [2024年]", "year", "2024"),
    tb("农林牧渔业      [259.34]", "amount", 25934000000, "CNY"),
    tb("[4.1]", "percent", 4.1, "%", direction="increase"),
    tb("建筑业          [127.24]", "amount", 12724000000, "CNY"),
    tb("[-2.1]", "percent", -2.1, "%", direction="increase"),
    cnt("卫生机构[2386个]", 2386, "个"),
    n("2386个[[3]]", FOOT),
    cnt("卫生技术人员[4.12万人]", 41200, "人"),
    cnt("游客[6520.3万人次]", 65203000, "人次"),
    inc("比上年增长[11.8%]", 11.8),
    n("注：[[3]]", FOOT),
]

TOURISM = [
    n("“[五一]”假期我市", "holiday name"),
    n("本报讯（记者 周敏）", "no numeral") if False else None,
    t("[5月6日]，记者", "date", "--05-06"),
    n("“[五一]”假期5天", "holiday name"),
    q("假期[5天]", "duration", 5, "day"),
    cnt("接待游客[2456.8万人次]", 24568000, "人次"),
    inc("同比增长[9.6%]", 9.6),
    cny("旅游花费[186.3亿元]", 18630000000),
    inc("同比增长[11.2%]", 11.2),
    cnt("[两项]指标", 2, "项"),
    cnt("监测的[108个]", 108, "个"),
    cnt("接待游客[1023.5万人次]", 10235000, "人次"),
    n("其中[5A级]", "grade label"),
    cnt("接待[312.6万人次]", 3126000, "人次"),
    cnt("超过[15万人次]", 150000, "人次", approx=["more_than"]),
    cnt("每小时[2万人次左右]", 20000, "人次", approx=["about"]),
    pct("一直在[九成以上]", 90, approx=["more_than"]),
    q("民宿[十多年]", "duration", 10, "year", approx=["more_than"]),
    cnt("她家的[12间]", 12, "间"),
    q("提前[半个月]", "duration", 0.5, "month", borderline=True),
    pct("上涨了[三四成]", [30, 40], "increase", approx=["about"]),
    cnt("发送旅客[1186万人次]", 11860000, "人次"),
    t("比[2019年]同期", "year", "2019"),
    inc("增长[23.4%]", 23.4),
    q("机场[5天]", "duration", 5, "day"),
    cnt("保障航班[4127架次]", 4127, "架次"),
    cnt("日均[800余架次]", 800, "架次", approx=["more_than"]),
    q("充电量达到[1360万千瓦时]", "amount", 13600000, "kWh"),
    q("增长近[1倍]", "multiple", 1, "times", direction="increase", approx=["about"]),
    cny("销售额[62.7亿元]", 6270000000),
    inc("同比增长[8.5%]", 8.5),
    q("同期的[1.1倍]", "multiple", 1.1, "times", approx=["about"]),
    inc("餐饮收入增长[14.3%]", 14.3),
    pct("超过[四成]", 40, approx=["more_than"]),
    n("[第二]批", ORD),
    cny("总额[5000万元]", 50000000, approx=["expected"]),
    cny("超过[5亿元]", 500000000, approx=["more_than", "expected"]),
    n("拨打[12345]热线", "hotline number"),
]
TOURISM = [e for e in TOURISM if e is not None]

DOCS = {
    "communique_jiangchuan_2024.txt": COMMUNIQUE,
    "news_xinhua_economy.txt": NEWS,
    "policy_jiangchuan_equipment.txt": POLICY,
    "release_industry_notes.txt": RELEASE,
    "communique_city_tables.txt": CITY,
    "news_local_tourism.txt": TOURISM,
}


def locate(raw: str, anchor: str, cursor: int) -> tuple[int, int]:
    """(start, end) of the first bracketed span of ``anchor`` that starts at or after ``cursor``."""
    a = anchor.index("[")
    # the span ends at the last "]" (a span may itself contain brackets: [[1]])
    b = anchor.rindex("]")
    ctx = anchor[:a] + anchor[a + 1:b] + anchor[b + 1:]
    pos = raw.find(ctx, max(0, cursor - a))
    while 0 <= pos and pos + a < cursor:
        pos = raw.find(ctx, pos + 1)
    if pos < 0:
        raise SystemExit(f"anchor not found after {cursor}: {anchor!r}")
    return pos + a, pos + a + (b - a - 1)


def build(name: str, entries) -> list[dict]:
    """The records of one document, checked for exact slices and no overlaps."""
    with open(HERE / name, encoding="utf-8", newline="") as fh:
        raw = fh.read()
    out: list[dict] = []
    cursor = 0
    for anchor, layer, fields in entries:
        s, e = locate(raw, anchor, cursor)
        cursor = e
        rec = {"doc": name, "start": s, "end": e, "text": raw[s:e]}
        if layer == N:
            rec.update(negative=True, **fields)
        elif layer == T:
            rec.update(layer="time", **fields)
        else:
            fields = dict(fields)
            if not fields.pop("table"):
                fields["table"] = False
            else:
                fields["table"] = True
            rec.update(layer="quantity", **fields)
        out.append(rec)
    spans = sorted((r["start"], r["end"], r["text"]) for r in out)
    for (s1, e1, t1), (s2, e2, t2) in zip(spans, spans[1:]):
        if s2 < e1:
            raise SystemExit(f"{name}: overlapping spans {t1!r}@{s1} and {t2!r}@{s2}")
    return sorted(out, key=lambda r: r["start"])


def main() -> None:
    for name, entries in DOCS.items():
        recs = build(name, entries)
        path = HERE / name.replace(".txt", ".expected.jsonl")
        with open(path, "w", encoding="utf-8") as fh:
            for r in recs:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        kinds = {}
        for r in recs:
            k = "negative" if r.get("negative") else r["layer"]
            kinds[k] = kinds.get(k, 0) + 1
        print(path.name, kinds)


if __name__ == "__main__":
    main()
