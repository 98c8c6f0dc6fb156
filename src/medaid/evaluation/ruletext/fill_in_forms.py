"""Scoring written as a form to fill in (numbers family, session 7): "1.入户核实人数:____人 2.服务真实人数:____人
3.真实率=②/①×100% 4.真实率≥100%,得30分 5.真实率<100%,得分=实际真实率/100%×30分 附:…判定为不真实。"

How such forms are written (考核表 of 基本公共卫生, 档案核查 and the like): numbered lines, the first ones blanks
for the evaluator to fill ("名称:____单位", "名称:(  )单位"), then one line defining a rate from those blanks by
their numbers ("X率=②/①×100%", the circled numbers becoming plain digits once normalized), then the lines that
score that rate, and sometimes a note ("附:", "注:", "备注:") saying what counts as a fault when filling the blanks.

Reading conventions:
- The numbering must run 1, 2, 3… in one spelling ("1." / "1、" / "(1)"); every line before the definition is a
  blank; the definition divides two of those blanks (×100% makes it a percentage); the scoring lines follow it.
- The blanks and the definition only say how the rate is found: the scoring lines are read alone, by the shapes
  again (``parse_rule_text``), and the actual is the rate (a percentage); counts for the blanks are not added up.
- A note is dropped only when it says nothing about marks (no 分/扣/加/减/否决/一票, no 记为0/按0/清零/作废/无效):
  it then only tells the evaluator how to fill a blank. A note with marks leaves the text not understood.
- A scoring line's formula may name the rate by a sibling form's name ("5.规范率<100%,得分=实际真实率/100%×30分",
  copied from the 真实率 form): when the form defines exactly one rate, the line's own condition names that rate
  and the formula's rate is defined nowhere in the text, the formula's rate is that rate. Any other rate name
  that is not the defined one leaves the text not understood.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Rule

_SPELLINGS = (r"(?<!\d){n}\.(?!\d)", r"(?<!\d){n}、", r"\({n}\)")
_BLANK = re.compile(r"^(?P<name>[^:;,。=]{2,30}):(?:_{2,}|\(\))(?P<unit>[\u4e00-\u9fa5]{0,2})[;,。]?$")
# "②/①" is spelled "(2)/(1)" once normalized (ruletext.normalize), or written "2/1"
_DEFINITION = re.compile(r"^(?P<rate>[\u4e00-\u9fa5]{1,12}率)=\(?(?P<a>\d)\)?/\(?(?P<b>\d)\)?(?:×100%)?[;,。]?$")
_NOTE = re.compile(r"(?:附|注|备注|说明):")
_MARKS = re.compile(r"分|扣|加|减|否决|一票|[记计按视]为?(?:0|零)|为(?:0|零)|归零|清零|作废|无效|不计|不予计|不得")
# a rate name whose extra part negates the defined rate ("不合格率" beside 合格率): another rate, never the same
_NEGATED = ("不", "非", "未", "无", "没")
_RATE_WORD = re.compile(r"(?:实际)?(?P<rate>[\u4e00-\u9fa5]{1,6}率)")


_BLANKS = re.compile(r":(?:_{2,}|\(\))")


def blank_form(text: str) -> bool:
    """A normalized text with at least two blanks for the evaluator ("人数:___人"): a form, read only by
    ``fill_in_form`` (another shape would read its scoring lines without what the blanks define)."""
    return len(_BLANKS.findall(text)) >= 2


def _numbered(text: str) -> list[str] | None:
    """The numbered lines 1, 2, 3… in one spelling, or None when the text is not numbered so."""
    for spelling in _SPELLINGS:
        starts: list[tuple[int, int]] = []
        at = 0
        n = 1
        while True:
            found = re.compile(spelling.format(n=n)).search(text, at)
            if found is None:
                break
            if n == 1 and found.start() != 0:
                return None
            starts.append(found.span())
            at = found.end()
            n += 1
        if len(starts) >= 4:
            ends = [s for s, _ in starts[1:]] + [len(text)]
            return [text[b:e].strip(" ;,。") for (_, b), e in zip(starts, ends, strict=True)]
    return None


def _rename(line: str, rate: str, defined: set[str]) -> str | None:
    """The scoring line with a sibling form's rate name in its formula taken as the defined rate (None: refused)."""
    head, eq, formula = line.partition("得分=")
    names = {m.group("rate") for m in _RATE_WORD.finditer(head)} | {
        m.group("rate") for m in _RATE_WORD.finditer(formula)
    }
    strangers = {name for name in names if not _same_rate(name, rate)}
    if not strangers:
        return line
    if not eq or any(_RATE_WORD.search(head) and s in head for s in strangers) or rate not in head:
        return None
    if len(strangers) != 1 or strangers & defined:
        return None
    (stranger,) = strangers
    return head + eq + formula.replace(stranger, rate)


def _same_rate(name: str, rate: str) -> bool:
    """ "随访规范率" names the defined 规范率; "不规范率", "非规范率" name its opposite (another rate)."""
    if rate not in name:
        return False
    extra = name[: name.index(rate)]
    return not extra.endswith(_NEGATED)


def fill_in_form(text: str) -> Rule | None:
    """A form of blanks, a rate defined from them and lines scoring that rate: the scoring lines read alone."""
    from medaid.evaluation.ruletext import parse_rule_text  # the shapes again, on the scoring lines

    lines = _numbered(text)
    if lines is None:
        return None
    note = _NOTE.search(lines[-1])
    if note is not None:
        if _MARKS.search(lines[-1][note.end() :]):
            return None
        lines[-1] = lines[-1][: note.start()].strip(" ;,。")
    blanks = 0
    while blanks < len(lines) and _BLANK.match(lines[blanks]):
        blanks += 1
    if blanks < 2 or blanks + 1 >= len(lines):
        return None
    definition = _DEFINITION.match(lines[blanks])
    if definition is None:
        return None
    if {int(definition.group("a")), int(definition.group("b"))} - set(range(1, blanks + 1)):
        return None
    rate = definition.group("rate")
    scoring: list[str] = []
    for line in lines[blanks + 1 :]:
        renamed = _rename(line, rate, {rate})
        if renamed is None or _BLANK.match(line) or _DEFINITION.match(line):
            return None
        scoring.append(renamed)
    return parse_rule_text(";".join(scoring))
