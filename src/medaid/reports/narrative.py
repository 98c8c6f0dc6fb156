"""存在的问题 and 改进建议 as drafts the evaluator rewrites, kept in a YAML file beside the report.

The drafts come from ``themes.py``: one problem and one recommendation per theme, with
its evidence numbers. The first render writes them to ``*-文字稿.yaml``, each item with
its 主题 and its 原稿 (the draft as generated). Later renders read the file back:

- an item still equal to its 原稿 is an untouched draft: the current draft of its 主题 is
  printed (so new numbers replace old ones), marked as a draft;
- an edited item whose 原稿 is still the current draft is the evaluator's text of record;
- an edited item whose 原稿 is no longer the current draft was written before the scores
  or the data changed: it is printed marked as a draft, and 其他需要说明的问题 says so,
  until the evaluator checks it and deletes its 原稿 line;
- an item without 原稿 is the evaluator's own, printed as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import Field

from medaid import typed_yaml
from medaid.analytics.metrics import Value
from medaid.analytics.runs import YearFindings
from medaid.errors import InputFileError
from medaid.evaluation.audit import AuditReport
from medaid.reports.model import Para
from medaid.reports.themes import build_themes
from medaid.survey.summary import SurveyResult
from medaid.typed_yaml import FileModel, Text


@dataclass(frozen=True)
class Theme:
    """A problem and its recommendation, each with a heading."""

    title: str
    problem: Para
    advice_title: str
    advice: Para
    topic: str = ""  # the theme it was drafted for (themes.Spec.title)


class Item(FileModel):
    title: Text = Field(alias="标题", json_schema_extra={"hint": "小标题，如“基金收支平衡存在风险”"})
    text: Text = Field(alias="内容", json_schema_extra={"hint": "一段文字"})
    topic: Text | None = Field(default=None, alias="主题", json_schema_extra={"hint": "medaid 生成时的主题，请勿修改"})
    original: Text | None = Field(
        default=None, alias="原稿", json_schema_extra={"hint": "medaid 生成的原稿；核对过数字后可删去此行"}
    )


ITEM_HINT = "每项一个小标题和一段内容：“- 标题: …”换行“  内容: …”；内容含英文冒号加空格“: ”时请加引号"


class DraftsFile(FileModel):
    """The drafts file (``*-文字稿.yaml``): the evaluator's texts of record."""

    problems: list[Item] | None = Field(default=None, alias="存在的问题", json_schema_extra={"hint": ITEM_HINT})
    suggestions: list[Item] | None = Field(default=None, alias="改进建议", json_schema_extra={"hint": ITEM_HINT})


class DraftsError(InputFileError):
    """The drafts file cannot be read back."""


DRAFTS_HEADER = (
    "# 报告文字稿：可直接修改各项的标题和内容，下次生成报告时使用修改后的文字；未修改的仍标注为草稿，\n"
    "# 并随评分结果更新。“存在的问题”与“改进建议”按顺序一一对应。“原稿”是 medaid 生成的文字：\n"
    "# 评分结果变化后，已修改的项会被标为草稿并提示核对，核对后删去该项的“原稿”一行即可。\n"
)


def _items(themes: list[Theme]) -> dict[str, list[dict[str, str]]]:
    return {
        "存在的问题": [{"标题": t.title, "内容": t.problem.text, "主题": t.topic, "原稿": t.problem.text}
                       for t in themes],
        "改进建议": [{"标题": t.advice_title, "内容": t.advice.text, "主题": t.topic, "原稿": t.advice.text}
                     for t in themes],
    }  # fmt: skip


def write_drafts(themes: list[Theme], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(_items(themes), allow_unicode=True, width=1000, sort_keys=False)
    path.write_text(DRAFTS_HEADER + body, encoding="utf-8")


def read_drafts(path: Path) -> tuple[list[Item], list[Item]]:
    """The texts kept in a drafts file; DraftsError naming the file, the line and the key."""
    spec = typed_yaml.load(path, DraftsFile, error=DraftsError)
    return list(spec.problems or []), list(spec.suggestions or [])


def drafted(report: AuditReport, values: dict[str, Value], found: YearFindings | None,
            survey: SurveyResult | None) -> list[Theme]:  # fmt: skip
    return [Theme(spec.title, Para(problem, draft=True), spec.advice_title, Para(advice, draft=True), spec.title)
            for spec, problem, advice in build_themes(report, values, found, survey)]  # fmt: skip


STALE = "文字稿中“{title}”一项写于评分结果变化之前，其中的数字可能已过时：请对照本报告核对，改好后删去该项的“原稿”一行"


def _kept(item: Item | None, fresh: str | None, stale: list[str]) -> Para | None:
    """The paragraph to print for a kept item (None: an untouched draft whose theme is gone)."""
    if item is None:
        return Para("")
    if item.original is None:
        return Para(item.text)  # the evaluator's own
    if item.text == item.original:
        return None if fresh is None else Para(fresh, draft=True)  # untouched: today's draft
    if fresh == item.original:
        return Para(item.text)  # edited, and the numbers it was drafted from still hold
    stale.append(STALE.format(title=item.title))
    return Para(item.text, draft=True)


def themes_with_edits(report: AuditReport, values: dict[str, Value], found: YearFindings | None,
                      survey: SurveyResult | None, path: Path | None) -> tuple[list[Theme], list[str]]:  # fmt: skip
    """The themes to print and what to say about texts that predate the current scores.
    The first render writes the drafts to ``path``; later renders read it back (see the module)."""
    generated = drafted(report, values, found, survey)
    if path is None:
        return generated, []
    if not path.exists():
        write_drafts(generated, path)
        return generated, []
    problems, suggestions = read_drafts(path)
    by_topic = {t.topic: t for t in generated}
    out: list[Theme] = []
    stale: list[str] = []
    seen: set[str] = set()
    for i in range(max(len(problems), len(suggestions))):
        p = problems[i] if i < len(problems) else None
        s = suggestions[i] if i < len(suggestions) else None
        topic = (p.topic if p else None) or (s.topic if s else None) or ""
        fresh = by_topic.get(topic)
        seen.add(topic)
        problem = _kept(p, fresh.problem.text if fresh else None, stale)
        advice = _kept(s, fresh.advice.text if fresh else None, stale)
        if problem is None and advice is None:
            continue
        out.append(Theme(p.title if p else "", problem or Para(""), s.title if s else "", advice or Para(""), topic))
    out += [t for t in generated if t.topic not in seen]  # a theme the data now show, drafted afresh
    return out, stale
