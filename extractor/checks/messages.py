"""Messages of the checks: Chinese by default (``message``), English in ``message_en``."""
from __future__ import annotations

ZH: dict[str, str] = {
    "ordinal_ok": "序号{items}完整（{n}项），无跳号或重复。",
    "ordinal_bad": "序号{items}不连续：{problem}。",
    "pair_ok": "“一方面……另一方面”成对出现。",
    "pair_repeat": "“一方面”重复出现，中间没有“另一方面”：第二个应为“另一方面”。",
    "pair_lone": "“一方面”之后没有对应的“另一方面”。",
    "enum_ok": "“{stated}”表示{n}项，文中列出{k}项，一致。",
    "enum_bad": "“{stated}”表示{n}项，但紧随其后（或其前）列出的是{k}项。",
    "chars_ok": "“{quoted}”共{k}个字，与“{stated}”一致。",
    "chars_bad": "“{quoted}”共{k}个字，与“{stated}”（{n}字）不符。",
    "resp_ok": "“分别”句中主体{n}个、数值{k}个，一一对应。",
    "resp_bad": "“分别”句中主体{n}个、数值{k}个，数量不符。",
    "resp_no_subjects": "“分别”列出{k}项，但文中找不到与之对应的作者姓名，无法对应。",
    "pow_ok": "部分{part}不大于总体{whole}（占{share}%）。",
    "pow_bad": "部分{part}大于总体{whole}。",
    "range_ok": "时间段{a}—{b}年起止有序（{n}年）。",
    "range_bad": "时间段{a}—{b}年起始年份不早于结束年份。",
    "arith_consistent": "{what}：按{formula}计算为{point}（区间{low}～{high}），与所述{stated}一致。",
    "arith_consistent_by_rounding_only": "{what}：按{formula}计算为{point}，仅在各数的四舍五入误差范围内（{low}～{high}）与所述{stated}相符。",
    "arith_inconsistent": "{what}：按{formula}计算为{point}（区间{low}～{high}），与所述{stated}不符。",
    "arith_inconsistent_decision": "{what}：按{formula}计算为{point}（区间{low}～{high}），与所述{stated}方向相反或跨越阈值。",
    "arith_not_testable": "{what}：无法检验（{reason}）。",
    "direction_ok": "{what}：从{start}到{end}，方向与“{verb}”一致。",
    "direction_bad": "{what}：从{start}到{end}，与“{verb}”的方向相反。",
    "cross_ok": "{what}在文中多处出现，数值一致（{values}）。",
    "cross_bad": "{what}在文中多处出现，数值不一致（{values}）。",
    "cross_unit": "{what}在文中多处出现，单位不同（{values}）。",
    "cross_revision": "{what}在不同日期的文件中数值不同（{values}），可能是数据修订，不视为矛盾。",
    "cross_owner": "{what}在不同文件中数值不同（{values}），但文件未说明是哪个地区或单位的数据，无法判断。",
}

EN: dict[str, str] = {
    "ordinal_ok": "Ordinal list {items} is complete ({n} items), no gap or repeat.",
    "ordinal_bad": "Ordinal list {items} is broken: {problem}.",
    "pair_ok": "一方面 … 另一方面 pair complete.",
    "pair_repeat": "一方面 is repeated with no 另一方面 in between: the second should be 另一方面.",
    "pair_lone": "一方面 is not followed by 另一方面.",
    "enum_ok": "“{stated}” states {n}; the text lists {k}.",
    "enum_bad": "“{stated}” states {n}, but the list next to it has {k} items.",
    "chars_ok": "“{quoted}” has {k} characters, as “{stated}” says.",
    "chars_bad": "“{quoted}” has {k} characters, but “{stated}” says {n}.",
    "resp_ok": "分别 list: {n} subjects and {k} values, one to one.",
    "resp_bad": "分别 list: {n} subjects but {k} values.",
    "resp_no_subjects": "分别 list of {k} items, but the subjects (authors) it refers to are not in the text.",
    "pow_ok": "Part {part} does not exceed the whole {whole} ({share}%).",
    "pow_bad": "Part {part} exceeds the whole {whole}.",
    "range_ok": "Period {a}–{b} is well-formed ({n} years).",
    "range_bad": "Period {a}–{b}: the start year is not before the end year.",
    "arith_consistent": "{what_en}: {formula} gives {point} (interval {low}–{high}), consistent with the stated {stated}.",
    "arith_consistent_by_rounding_only": "{what_en}: {formula} gives {point}; it agrees with the stated {stated} only within the rounding of the inputs ({low}–{high}).",
    "arith_inconsistent": "{what_en}: {formula} gives {point} (interval {low}–{high}), not the stated {stated}.",
    "arith_inconsistent_decision": "{what_en}: {formula} gives {point} (interval {low}–{high}); the stated {stated} has the opposite sign or crosses the threshold.",
    "arith_not_testable": "{what_en}: not testable ({reason_en}).",
    "direction_ok": "{what_en}: from {start} to {end}, in the direction “{verb}” says.",
    "direction_bad": "{what_en}: from {start} to {end}, the opposite of “{verb}”.",
    "cross_ok": "{what_en} is stated more than once with the same value ({values}).",
    "cross_bad": "{what_en} is stated more than once with different values ({values}).",
    "cross_unit": "{what_en} is stated more than once with different units ({values}).",
    "cross_revision": "{what_en} differs across documents of different dates ({values}): probably a data revision, not a contradiction.",
    "cross_owner": "{what_en} differs across documents ({values}), but they do not say whose figure it is: not testable.",
}


class _Default(dict):
    def __missing__(self, key: str) -> str:
        if key.endswith("_en") and key[:-3] in self:
            return str(self[key[:-3]])
        return "{" + key + "}"


def zh(key: str, **kw) -> str:
    """The Chinese message ``key`` filled with ``kw``."""
    return ZH[key].format_map(_Default(kw))


def en(key: str, **kw) -> str:
    """The English message ``key`` filled with ``kw``."""
    return EN[key].format_map(_Default(kw))

ZH.update({
    "verdict_consistent_by_rounding_only": "仅在四舍五入误差内相符",
    "verdict_inconsistent": "不一致",
    "verdict_not_testable": "无法检验",
})
