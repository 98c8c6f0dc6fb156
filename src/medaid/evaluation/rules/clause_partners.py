"""Two ways an evaluator shortens what a table writes out (faults family, session 9), written back in the
table's words before a statement is matched (called from ``clause_synonyms.in_text_words``):

- **Partners.** "已与乡镇中心、村民委员会分别签订责任书" is one statement of two requirements ("与乡镇中心签订…",
  "与村民委员会签订…"): a 与-list followed by 分别/均/都 is spread into one statement per partner ("已与乡镇中心签订
  责任书，已与村民委员会签订责任书"), only when the table names every partner. Without 分别/均/都 ("与A、B签订协议":
  one agreement of three parties?) nothing is spread.
- **The one document.** A table that names the document a verb is about by its title ("签订《动物防疫工作目标
  管理责任书》") is answered with its last word ("签订责任书") or with the verb alone ("已与乡镇中心签订"): the
  statement is read with the title, only when the table writes that verb only before that one title. "签订协议"
  against "签订《…责任书》" (another document), a verb the table writes with two titles or also before an object
  without title marks ("签订劳动合同") are left as written.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.count_vocab import simplified

_PARTNERS = re.compile(
    r"(?P<lead>(?:均|都)?(?P<neg>(?:尚|仍|还)?(?:未能|未|没有|没|不))?(?:已经|已)?)与(?P<list>[\u4e00-\u9fa5]{2,12}(?:、[\u4e00-\u9fa5]{2,12})+?)"
    r"(?P<all>分别|均|都)(?P<rest>[^,，;；。、]+)"
)
_TITLED = re.compile(r"(?P<verb>签订|签署|制定|制订|印发|出台|建立|编制|上报|报送)[了]?《(?P<title>[^《》]{2,30})》")
_STOP = r"(?=$|[,，;；。、])"


def _partners(statement: str, joined: str) -> str:
    def spread(found: re.Match[str]) -> str:
        names = found.group("list").split("、")
        if not all(name in joined for name in names):
            return found.group(0)
        # s9 fix round: a negation before 与 is every partner's only under 均/都 ("均未与A、B分别签订"); "未与A、B
        # 分别签订" may deny the separate agreements only (one joint one signed?): not spread, refused
        if found.group("neg") and not re.match(r"均|都", found.group("lead")):
            return found.group(0)
        return "，".join(f"{found.group('lead')}与{name}{found.group('rest')}" for name in names)

    return _PARTNERS.sub(spread, statement)


def _documents(statement: str, joined: str) -> str:
    titles: dict[str, set[str]] = {}
    for found in _TITLED.finditer(joined):
        titles.setdefault(found.group("verb"), set()).add(found.group("title"))
    for verb, named in titles.items():
        if len(named) != 1 or len(re.findall(verb, joined)) != len(re.findall(rf"{verb}了?《", joined)):
            continue  # two documents, or the verb also of another thing ("签订劳动合同"): which one?
        title = named.pop()
        if re.search(rf"{verb}了?《", statement):
            continue

        def written(found: re.Match[str], verb: str = verb, title: str = title) -> str:
            word = found.group("word") or ""
            return f"{verb}《{title}》" if not word or title.endswith(word) else found.group(0)

        statement = re.sub(rf"{verb}了?(?P<word>[\u4e00-\u9fa5]{{2,8}})?{_STOP}", written, statement)
    return statement


def table_spelling(statement: str, clauses: str) -> str:
    """The statement with partners spread and the one document written out (see the module); as it was when
    neither applies."""
    simple = simplified(statement)
    rewritten = _documents(_partners(simple, clauses), clauses)
    return statement if rewritten == simple else rewritten


# s9 fix round: "未与A、B分别签订": none signed, or no separate ones (one joint agreement)? Not read either way.
# faults fixer (s9): the partners also joined by 和/及/以及, and the negation also after them ("与A、B未分别签订")
_LISTED = r"[\u4e00-\u9fa5]{2,12}?(?:(?:、|和|及|以及)[\u4e00-\u9fa5]{2,12}?)+"
_DENIAL = r"(?:尚|仍|还)?(?:未能|未|没有|没|不)(?:已经|已)?"
_NOT_SEPARATELY = re.compile(rf"(?<![均都]){_DENIAL}与{_LISTED}分别|与{_LISTED}(?<![均都]){_DENIAL}分别")


def separately_denied(statement: str) -> str | None:
    """The reason to refuse a statement that denies doing something with several partners 分别 (see above)."""
    found = _NOT_SEPARATELY.search(simplified(statement))
    if found is None:
        return None
    return f"“{found.group(0)}…”可理解为与各方均未做到，也可理解为只是未分别做到（如只签一份共同协议）"
