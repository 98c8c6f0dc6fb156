"""Lists family, session 9 round 2: a checklist's items said in the evaluator's own order of words.

"设有独立办公室" of "有独立的办公场所", "工作人员按人口比例配备" of "按人口比例确定工作人员", "但没有安排专项卫生经费"
of "有专项卫生经费". An item (each of its clauses: "有工作领导小组,…,分工明确,措施到位") is spoken of by the one
statement that shares most of its two-character words, when the statement
- shares at least two of them and half the clause's, clearly more of this clause's than of any other's, and not
  half of another's (a statement of two clauses is read cut at 并, at 、 or a verb shared by things joined with 和);
- says every word of quality the clause requires (齐全, 独立, 及时, 规范…: "有办公设备" says nothing of 齐全);
- adds no word of its own but a verb of doing or having (设有, 配备, 组建, 安排…), a more concrete head (…机构, 小组,
  室) and "X、Y等" naming instances ("制定秋防工作方案" of "有工作方案" adds 秋防: refused, though it is the row's
  topic: a word of another clause may as well say another thing);
- has no number, no hedge (基本, 部分, 仅, 拟…), no fault word (陈旧, 合用, 差…), no report of an event (未发现…),
  at most one negation and none inside a clause that has one itself.
A statement with its negation denies the clause, and so the item; without, says it holds, when it says the whole
clause in turn (but its verb and words such as 工作, 单位, 一支: "有办公设备" does not hold "办公设备先进"). Every
statement must speak of a clause and every clause of every item be spoken of (an item with one clause denied fails
whatever is left unsaid); else the reading refuses.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.naming import canon, sentences
from medaid.evaluation.rules.phrasing import VERBS
from medaid.evaluation.rules.statements import NOT_NOW

_NEG = re.compile(r"缺少|缺乏|缺失|无|不|没|缺")  # 非 is no denial of a requirement here: 非独立 stays foreign
_HEDGE = re.compile(
    r"基本|部分|个别|除|少数|多数|较|初步|尚|仍|正在|拟|将|计划(?:于|在|将|年内|明年|下半年)|准备|打算|一般|仅|只|大体|暂|"
    r"待|未能|偶|有时"
)
_FAULT = re.compile(
    r"差|乱|错|漏|迟|晚|失|损|坏|破|旧|问题|超|滞后|混|合用|共用|借用|租用|临时|兼|代|挂靠|停|虚|假|重复|不足|少"
)
# words with a negation inside that deny nothing: "无偿提供办公场所" has the place
_NOT_DENIAL = re.compile(r"无偿|无线|无障碍|无缝|无纸|无害|无人机|无菌|无公害|无记名|不锈|不间断|不动产|未成年|不定期")
_EVENT = re.compile(r"发现|出现|发生|存在|收到|接到")
_QUALITY = re.compile(
    r"齐全|完整|完善|健全|规范|及时|按时|按期|明确|到位|准确|合格|达标|独立|专职|专项|专人|定期|足额|全面|良好|通畅|"
    r"畅通|整洁|安全|有效|公开|上墙|联网|每月|每季|每年|按月|按季|按年|全部|所有|各类|每个|每户"
)
_ALLOWED = re.compile(
    rf"{VERBS}|设有|建有|配有|具有|设置|安排|组建|成立|建成|形成|召开|印发|提供|开展|进行|实行|"
    r"已|了|的|并|均|都|也|由|按|有|为|设|在|对|将其|其|见"
)
# a more concrete head, said at the statement's end only ("有组织领导机构"; not "分析税收计划编制情况")
_HEAD = re.compile(r"(?:机构|小组|办公室|室|队伍|机制|制度|名册|台账|台帐|档案|资料|文件|方案|计划)$")
_CLAUSE_FILLER = re.compile(
    r"工作|具体|单位|一[支个名套批]|相关|场所|设备|设施|资料|材料"
)  # words a clause may have that need not be said
_EXAMPLES = re.compile(
    r"^(?P<lead>(?:缺少|缺乏|缺|无|有|配备|设有)?)(?P<ex>[^等]{1,20})等(?P<rest>[\u4e00-\u9fa5]{2}[^等]*)$"
)


def _examples(sentence: str) -> str:
    """ "电脑|打印机等办公设备齐全" → 办公设备齐全: the instances named before 等 are of the thing after it."""
    found = _EXAMPLES.match(sentence)
    if found is None or re.search(r"无|不|没|缺|未", found.group("ex")):
        return sentence
    return found.group("lead") + found.group("rest")


_PERIODS = (("每月", "按月"), ("逐月", "按月"), ("每季度", "按季"), ("每季", "按季"), ("逐季", "按季"))
_NOTE = re.compile(r"[(（](?:含|包括|包含|如|即|注)[^()（）]*[)）]")  # "(含县园区内…企业)": what the item covers
_SHARED_VERB = re.compile(
    rf"^(?P<lead>(?:无)?(?:{VERBS}|提供|设有|建有|配有|具有|安排|组建|有))(?P<a>[^和及与]{{2,}})(?:和|及|与)(?P<b>[^和及与]{{2,}})$"
)


def _same(text: str) -> str:
    """One spelling of a period: 每月/逐月 → 按月."""
    for spelling, same in _PERIODS:
        text = text.replace(spelling, same)
    return text


def _shared_verb(sentence: str) -> list[str]:
    """ "提供单位财务管理制度和项目管理制度" → 提供单位财务管理制度, 提供项目管理制度 (the verb is each thing's)."""
    found = _SHARED_VERB.match(sentence)
    if found is None or re.search(r"无|不|没|缺|未", found.group("a") + found.group("b")):
        return [sentence]
    return [found.group("lead") + found.group("a"), found.group("lead") + found.group("b")]


def _pairs(text: str) -> list[str]:
    runs = re.findall(r"[\u4e00-\u9fa5]+", text.replace("的", ""))
    return [run[i : i + 2] for run in runs for i in range(len(run) - 1)]


def _foreign(statement: str, clause: str, filler: re.Pattern[str] | None = None) -> str:
    """What a statement says besides the clause's words and the allowed words (or a clause besides a statement's)."""
    keep = [True] * len(statement)
    for i in range(len(statement) - 1):
        if statement[i : i + 2] in set(_pairs(clause)):
            keep[i] = keep[i + 1] = False
    rest = "".join(c if k else "|" for c, k in zip(statement, keep, strict=True)).split("|")
    if filler is None:
        rest[-1] = _HEAD.sub("", rest[-1])  # a statement's more concrete head, at its end
    else:  # a clause's head that a verb of it takes ("制度执行佐证资料": 制度 of 执行) may be left out
        rest = [_HEAD.sub("", x) if re.search(rf"{re.escape(x)}(?:{VERBS})", statement) and x else x for x in rest]
    return "".join(_ALLOWED.sub("", filler.sub("", x) if filler else x) for x in rest)


def _clause(statement: str, whole: list[str], bare: list[str]) -> tuple[int, bool] | None:
    """The clause (index) a statement speaks of and whether it holds (module docstring); None when unsure. ``whole``:
    the clauses as written, ``bare``: without their notes ("(含县园区内…企业)")."""
    statement = _same(statement.replace("的", ""))
    content = _NEG.sub("", statement)
    if (
        re.search(r"\d", statement)
        or _HEDGE.search(statement)
        or NOT_NOW.search(statement)
        or _FAULT.search(content)
        or _NOT_DENIAL.search(statement)
    ):
        return None
    negations = len(_NEG.findall(statement))
    if negations > 1 or (negations and _EVENT.search(statement)):
        return None
    clauses = bare if negations else whole  # "未建立台账" denies "建立台账(含…企业)"; holding it says the note too
    mine = set(_pairs(content))
    ratios = sorted(
        ((len(mine & set(_pairs(c))) / max(len(set(_pairs(c))), 1), len(mine & set(_pairs(c))), i)
         for i, c in enumerate(clauses)),
        reverse=True,
    )  # fmt: skip
    (ratio, shared, at), others = ratios[0], ratios[1:]
    clause = clauses[at]
    if (shared < 2 and not (len(clause) == 2 and not _ALLOWED.sub("", content.replace(clause, "")))) or ratio < 0.5:
        return None  # two words shared, or the whole of a clause of one ("无联网" of "…并联网")
    if _NEG.search(clause):
        return None
    # clearly this clause's: no other shares as many of the statement's words with a share of its own near this one
    if any(n >= shared - 1 and r > ratio - 0.2 for r, n, _ in others):
        return None
    own = set(_pairs(clause))
    if any(len(mine & (set(_pairs(clauses[i])) - own)) >= 2 for _, _, i in others):
        return None  # "成立领导小组并由专职分管领导负责": it speaks of two clauses at once
    if not negations and any(q not in statement for q in _QUALITY.findall(clause)):  # a denial of a part fails it
        return None
    if _foreign(content, clause):
        return None
    if negations and not denies_clause(statement, clause):
        return None
    if not negations and _foreign(clause, content, _CLAUSE_FILLER):
        return None  # "有办公设备" of "办公设备先进": to hold, the whole clause is said (its verb aside)
    return at, negations == 0


_BEING = re.compile(r"有|见|建立|建设|制定|制订|编制|设立|设置|设|成立|组建|配备|配|安排|提供|形成|开展|召开|实现|落实")


def denies_clause(statement: str, clause: str) -> bool:
    """Whether what a negation denies is the clause's own word or its thing's being: "未建立台账", "信息共享不及时";
    not another doing ("工作总结未上报" of "有工作总结": the summary is there)."""
    found = _NEG.search(statement)
    if found is None:
        return False
    after = statement[found.end() :]
    return (len(after) >= 2 and after[:2] in set(_pairs(clause))) or _BEING.match(after) is not None


def _pieces(name: str) -> list[str]:
    spelled = _same(canon(name).replace("|", ",").replace("的", ""))
    return [p for p in re.split(r"[,;，；]|(?<=[\u4e00-\u9fa5]{2})并(?=[\u4e00-\u9fa5]{2})", spelled) if len(p) >= 2]


def items_by_overlap(text: str, names: tuple[str, ...]) -> list[int] | None:
    """The items (1 = the first) a description says hold, each statement read by ``_clause``; None if unsure."""
    clauses: list[str] = []
    bare: list[str] = []
    owner: list[int] = []
    for i, name in enumerate(names, 1):
        pieces = [_pieces(name), _pieces(_NOTE.sub("", name))]
        if len(pieces[0]) != len(pieces[1]) or not pieces[0]:
            return None
        clauses += pieces[0]
        bare += pieces[1]
        owner += [i] * len(pieces[0])
    said: dict[int, bool] = {}
    for whole, split in sentences(text):
        trimmed = _examples(whole)
        ways = [split, [trimmed], [x for x in re.split(r"并(?!联|列|入)", trimmed) if x], _shared_verb(trimmed)]
        for way in ways:
            read = [_clause(x, clauses, bare) for x in way]
            if all(r is not None for r in read):
                break
        else:
            return None
        for r in read:
            assert r is not None
            if said.setdefault(r[0], r[1]) != r[1]:
                return None
    held: list[int] = []
    for i in range(1, len(names) + 1):
        mine = [said.get(k) for k, o in enumerate(owner) if o == i]
        if False in mine:
            continue
        if None in mine:
            return None
        held.append(i)
    return held


def _longest_common(a: str, b: str) -> tuple[int, int, int]:
    """The longest common run of two strings: (start in a, start in b, length)."""
    best = (0, 0, 0)
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            if k > best[2]:
                best = (i, j, k)
    return best


_FUNCTION = "仅只均都已也并且但而其中为是在与和及或即"  # words before a thing that qualify nothing


def swapped_qualifier(text: str, names: tuple[str, ...], held: list[int]) -> str | None:
    """A statement said to hold an item that names the item's thing with another word before it, where the item has
    a word of its own: "有月度工作计划" of "有年度工作计划", "训练经费有保障" of "活动经费有保障" (s9 review); None if
    none. A word added where the item has none ("有党务公开栏" of "有公开栏"), or one of the item's own words before
    it ("成立领导机构" of "成立农村环境综合整治领导机构": words left out), is not such a swap."""
    bare = [re.sub(r"[的了已]", "", canon(n)).replace("|", "") for n in names]
    for statement in (re.sub(r"[的了已]", "", x) for _, split in sentences(text) for x in split):
        if _NEG.search(statement):
            continue
        runs = [_longest_common(statement, name) for name in bare]
        i = max(range(len(bare)), key=lambda k: runs[k][2]) + 1  # the item the statement speaks of
        at, bt, k = runs[i - 1]
        name = bare[i - 1]
        if i not in held or k < 3 or at == 0 or bt == 0:
            continue
        mine, theirs = statement[at - 1], name[bt - 1]
        han = re.compile(r"[\u4e00-\u9fa5]")
        words = [mine, theirs, statement[max(0, at - 2) : at], name[max(0, bt - 2) : bt]]
        allowed = (
            any(_ALLOWED.fullmatch(w) or _CLAUSE_FILLER.fullmatch(w) for w in words) or mine in _FUNCTION + name[:bt]
        )
        if han.match(mine) and han.match(theirs) and mine != theirs and not allowed:
            return statement
    return None
