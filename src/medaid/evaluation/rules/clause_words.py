"""The words of a list of clauses and of a statement, as ``clause_cover`` and ``clause_rates`` compare them
(faults family): ``canon`` spelling, character pairs, qualities, and a clause's alternatives (split at 或, the
first one's negation shared) and negated phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from medaid.evaluation.rules.absences import masked
from medaid.evaluation.rules.clause_match import QUALITIES
from medaid.evaluation.rules.count_vocab import simplified
from medaid.evaluation.rules.naming import canon

# negations in ``canon`` spelling (未/没有 are 无); 少 only as a shortage ("每少一项", not "减少", "多少")
NEG = re.compile(r"无|不|缺|(?<![减至多])少(?!于|数)")


@dataclass(frozen=True)
class ClauseSaid:
    """What one statement says: the clauses (0 = the first) it ``cleared``; those it names as ``found``, with
    the count written (None: none written); ``how`` the reading, in Chinese, for the outcome's reason."""

    cleared: frozenset[int] = frozenset()
    found: dict[int, Decimal | None] = field(default_factory=dict)
    how: str = ""
    # (clause, alternative): alternatives of "A或B" cleared one at a time ("有明显标识" against "无明显标识,或未
    # 公示…"); the clause is cleared when the statements of an actual together clear each of its alternatives
    halves: frozenset[tuple[int, int]] = frozenset()


def pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text}


def share(said: str, clause: str) -> float:
    """The part of the statement's character pairs (qualities and numbers aside) the clause holds."""
    plain = re.sub(r"[\d.|]+", "", QUALITIES.sub("", said)) or said
    mine = pairs(plain)
    theirs = pairs(re.sub(r"[\d.|]+", "", clause))
    return len(mine & theirs) / len(mine) if mine else 0.0


def qualities_of(text: str) -> set[str]:
    """The qualities a clause or statement asks; 按时/按期/如期 are 及时 (fix round s8: "已上报年度报表" cleared
    "未按时上报年度报表", the 按时 unsaid)."""
    return set(QUALITIES.findall(re.sub(r"按时|按期|如期", "及时", text)))


def spelled(text: str) -> str:
    """``canon`` spelling, with words that only look negated blotted out (``absences.LEXICAL``: 无故, 非法…;
    numbered principles: 四不放过, 三不伤害, 两不愁)."""
    word = re.sub(r"(?<=[一二两三四五六七八九十])不(?=[\u4e00-\u9fa5]{2})", "□", masked(simplified(text)))
    return canon(word).replace("|", "、").strip("、")


@dataclass(frozen=True)
class Clause:
    """A clause in ``canon`` spelling, its alternatives (split at 或), and for each the negated phrases (what
    follows a negation, up to the next comma)."""

    text: str
    alternatives: tuple[str, ...]

    @staticmethod
    def of(text: str) -> Clause:
        word = spelled(re.sub(r"[(（][^()（）]*[)）]", "", text))
        # "…的,每一户次", "…的每有1份": how it is counted
        word = re.sub(r"(?:(?<=的)|[,;、])(?:每|一)(?:有|缺|少|发现|出现)?(?:[一\d]+)?[\u4e00-\u9fa5]{0,2}$", "", word)
        word = re.sub(r"(?<=[\u4e00-\u9fa5])每[一\d]*(?:人次|户次|批次|次|例|件|起|项|份)$", "", word)  # "…工作每次"
        alternatives = [a for a in word.split("或") if a]
        lead = re.match(r"^(?:有|无|不|缺|少)", alternatives[0]) if alternatives else None
        if lead:  # "无…检查或考核记录": the negation of the first alternative is every one's
            alternatives = [alternatives[0]] + [a if re.match(r"^(?:有|无|不|缺|少)", a) else lead.group(0) + a
                                                for a in alternatives[1:]]  # fmt: skip
        return Clause(word, tuple(alternatives))

    def negated(self, alternative: str) -> list[str]:
        """What each negation of an alternative negates, up to the next negation; a phrase running straight
        into another negation ("无对被查处的…人员无进行回访") is the object of the next, not a phrase of its own."""
        out: list[str] = []
        found = list(NEG.finditer(alternative))
        for k, neg in enumerate(found):
            end = found[k + 1].start() if k + 1 < len(found) else len(alternative)
            phrase = alternative[neg.end() : end]
            if k + 1 < len(found) and not re.search(r"[、,;]$", phrase):
                continue
            phrase = re.sub(r"(?:的|者)?[、,;]*$", "", phrase)
            if phrase:
                out.append(phrase)
        return out

    def event(self, thing: str) -> bool:
        """Some alternative states the thing as an event: it holds the thing, and no negation besides."""
        return any(thing in a and not NEG.search(a.replace(thing, "", 1)) for a in self.alternatives)

    def events_all(self, things: list[str]) -> bool:
        """Every alternative states one of the things as an event."""
        return all(any(t in a and not NEG.search(a.replace(t, "", 1)) for t in things) for a in self.alternatives)


# fix round s8: what makes an act a fault (违规发放, 擅自使用): a statement of the bare act, done or not, does not
# say whether it was done so; and words that undo a relation or an act ("脱钩" for "挂钩", "挂钩已取消")
_QUALIFIER = re.compile(r"违规|违法|违纪|违反规定|擅自|私自|随意|非法|越权|超标准|超范围|超标|虚报|虚列")
_UNDOING = re.compile(r"脱钩|取消|撤销|撤回|废止|停止|终止|解除|不再")


def lacks_qualifier(said: str, fault: str) -> bool:
    """The fault writes what makes its act a fault (违规, 擅自…) and the statement does not."""
    return any(q not in said for q in _QUALIFIER.findall(fault))


def unqualified(said: str, fault: str) -> bool:
    """A statement that speaks of a fault's act (a word, two characters, of it) without the qualifier that makes
    the act a fault ("发放津贴补贴" against "违规发放津贴补贴"), or with a word undoing it that the fault does not
    write ("…已脱钩", "挂钩已取消" against "…挂钩"). Both in ``canon`` spelling."""
    bare = _QUALIFIER.sub("|", fault)
    if not any(bare[k : k + 2] in said for k in range(len(bare) - 1) if "|" not in bare[k : k + 2]):
        return False
    if not NEG.search(said) and any(q not in said for q in _QUALIFIER.findall(fault)):
        return True  # a denial of the bare act ("无事故", "未发放津贴补贴") denies the qualified act: not here
    return bool((undone := _UNDOING.search(said)) and undone.group(0) not in fault)


def names_things(topic: str, clauses: list[Clause]) -> bool:
    """A topic before a bare 均无 that is the things denied, not a scope ("抽查部门均无"): a list ("台账|培训"), or
    a word (two characters) of some clause."""
    plain = re.sub(r"^(?:各项|各类|各|所有|全部)", "", topic)
    pairs = {plain[k : k + 2] for k in range(len(plain) - 1)}
    return "|" in topic or any(p in a for c in clauses for a in c.alternatives for p in pairs)


def unnegated_part(words: str, phrase: str) -> bool:
    """A statement that writes, without its negation, what a clause negates ("能运转" of "不能运转")."""
    for m in NEG.finditer(phrase):
        after = phrase[m.end() : m.end() + 2]
        if len(after) == 2 and after in words and not re.search(rf"(?:{NEG.pattern}){re.escape(after)}", words):
            return True
    return False


def alternatives(clause: str) -> int:
    """How many alternatives ("A或B") a clause has, as ``ClauseSaid.halves`` numbers them."""
    return len(Clause.of(clause).alternatives)


def modifier_denial(statement: str, clause: str) -> bool:
    """ "无事故" against "发生一次不超标事故": the statement denies the thing (无/没有 and a noun) that the clause's
    不 only qualifies (不超标 事故) — every such event is denied, the clause among them; it does not name it."""
    found = re.fullmatch(r"(?:无|没有)(?:发生|出现)?([\u4e00-\u9fa5]{2,6})", simplified(statement).strip())
    if found is None:
        return False
    thing, text = found.group(1), simplified(clause)
    if len(re.findall(r"不|无|未|没|非|缺", text)) != 1:
        return False  # "既不建档也不随访": the thing negated itself, not qualified
    return re.search(rf"不[^\W\d无未没也既或和及与]{{1,4}}{re.escape(thing)}(?:$|[,;、的])", text) is not None
