"""The report's draft text (报告文字稿) — 存在的问题 and 改进建议 — read and edited from the web.

The drafts live in the file ``medaid report`` reads beside the report (``reports/<报告名>-文字稿.yaml``,
reports/narrative.py). Each item is shown as the next report will print it:

- ``draft``: untouched; the report prints today's draft of its theme (new numbers replace old ones);
- ``edited``: the evaluator's text, drafted from numbers that still hold;
- ``stale``: the evaluator's text, written before the scores or the data changed — printed marked as a
  draft, and flagged, until the evaluator checks it (``checked``: its 原稿 line is dropped);
- ``own``: the evaluator's own text (no 原稿), printed as written;
- ``gone``: an untouched draft whose theme the data no longer show: not printed.

Saving one item rewrites the file (the first save writes today's drafts first) and is an entry of the
audit trail (报告文稿修改) with the item's title and the SHA-256 of its text.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import Location, MedaidError

if TYPE_CHECKING:
    from medaid.reports.narrative import Item, Theme
    from medaid.services.evaluation import Evaluation
    from medaid.workspace import Workspace

SECTIONS: dict[str, str] = {"problems": "存在的问题", "suggestions": "改进建议"}
DRAFT_ACTION = "报告文稿修改"
STATES: dict[str, str] = {
    "draft": "草稿（随评分结果更新）",
    "edited": "已修改",
    "stale": "已修改，数字可能已过时",
    "own": "评价人员撰写",
    "gone": "主题已不存在，不再印出",
}
_lock = threading.Lock()


def report_stem(workspace: Workspace, year: int) -> str:
    """The name the workspace's report files share (as ``medaid report`` names them)."""
    return f"{workspace.settings.region or '评价'}{year}年绩效评价报告"


def drafts_path(workspace: Workspace, year: int) -> Path:
    return workspace.root / "reports" / f"{report_stem(workspace, year)}-文字稿.yaml"


@dataclass(frozen=True)
class DraftItem:
    section: str  # problems | suggestions
    index: int  # 0-based, the same in both sections: a problem and its recommendation
    title: str
    text: str  # as the next report prints it
    state: str  # a key of STATES
    topic: str = ""
    note: str = ""  # why an edited text is flagged

    @property
    def section_label(self) -> str:
        return SECTIONS[self.section]

    @property
    def state_label(self) -> str:
        return STATES[self.state]

    def to_dict(self) -> dict[str, object]:
        return {"section": self.section, "section_label": self.section_label, "item": self.index + 1,
                "title": self.title, "text": self.text, "state": self.state, "state_label": self.state_label,
                "topic": self.topic, "note": self.note}  # fmt: skip


@dataclass
class Drafts:
    file: str  # relative to the workspace
    exists: bool  # False: nothing saved yet, the drafts are today's
    year: int
    items: list[tuple[DraftItem, DraftItem]] = field(default_factory=list)  # (problem, recommendation)

    @property
    def stale(self) -> int:
        return sum(1 for pair in self.items for item in pair if item.state == "stale")

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "exists": self.exists, "year": self.year, "stale": self.stale,
                "themes": [{"problem": p.to_dict(), "suggestion": s.to_dict()} for p, s in self.items]}  # fmt: skip


def _themes(workspace: Workspace, found: Evaluation) -> list[Theme]:
    """Today's drafts, from what the report is built of (services/reports.py ``build``)."""
    from medaid.analytics.runs import year_findings
    from medaid.reports.narrative import drafted

    with workspace.connect(read_only=True) as con:
        findings = year_findings(con, found.year)
    return drafted(found.report, {v.metric.name: v for v in found.metrics}, findings, found.survey)


def _item(section: str, index: int, kept: Item | None, fresh: str | None) -> DraftItem:
    """How the report prints a kept item (narrative._kept), and why."""
    from medaid.reports.narrative import STALE

    if kept is None:
        return DraftItem(section, index, "", "", "own")
    topic = kept.topic or ""
    if kept.original is None:
        return DraftItem(section, index, kept.title, kept.text, "own", topic)
    if kept.text == kept.original:
        state = "draft" if fresh is not None else "gone"
        return DraftItem(section, index, kept.title, fresh if fresh is not None else kept.text, state, topic)
    if fresh == kept.original:
        return DraftItem(section, index, kept.title, kept.text, "edited", topic)
    return DraftItem(section, index, kept.title, kept.text, "stale", topic, STALE.format(title=kept.title))


def _raw(item: Item | None) -> dict[str, str]:
    if item is None:
        return {"标题": "", "内容": ""}
    out = {"标题": item.title, "内容": item.text}
    if item.topic is not None:
        out["主题"] = item.topic
    if item.original is not None:
        out["原稿"] = item.original
    return out


def _generated(theme: Theme) -> tuple[dict[str, str], dict[str, str]]:
    return ({"标题": theme.title, "内容": theme.problem.text, "主题": theme.topic, "原稿": theme.problem.text},
            {"标题": theme.advice_title, "内容": theme.advice.text, "主题": theme.topic,
             "原稿": theme.advice.text})  # fmt: skip


def _read(workspace: Workspace, found: Evaluation) -> tuple[Drafts, list[tuple[dict[str, str], dict[str, str]]]]:
    """The view, and the file's items as they would be written back (today's new themes appended)."""
    from medaid.reports.narrative import read_drafts

    path = drafts_path(workspace, found.year)
    generated = _themes(workspace, found)
    view = Drafts(path.relative_to(workspace.root).as_posix(), path.exists(), found.year)
    raw: list[tuple[dict[str, str], dict[str, str]]] = []
    seen: set[str] = set()
    if path.exists():
        problems, suggestions = read_drafts(path)
        fresh = {t.topic: t for t in generated}
        for i in range(max(len(problems), len(suggestions))):
            p = problems[i] if i < len(problems) else None
            s = suggestions[i] if i < len(suggestions) else None
            topic = (p.topic if p else None) or (s.topic if s else None) or ""
            seen.add(topic)
            theme = fresh.get(topic)
            view.items.append((_item("problems", i, p, theme.problem.text if theme else None),
                               _item("suggestions", i, s, theme.advice.text if theme else None)))  # fmt: skip
            raw.append((_raw(p), _raw(s)))
    for theme in (t for t in generated if t.topic not in seen):  # a theme the data now show, drafted afresh
        i = len(view.items)
        view.items.append((DraftItem("problems", i, theme.title, theme.problem.text, "draft", theme.topic),
                           DraftItem("suggestions", i, theme.advice_title, theme.advice.text, "draft",
                                     theme.topic)))  # fmt: skip
        raw.append(_generated(theme))
    return view, raw


def read_drafts(root: Path, *, year: int | None = None, evaluation: Evaluation | None = None) -> Drafts:
    """The drafts as the next report prints them, each with its state."""
    from medaid.services.workbench import evaluation as evaluated
    from medaid.workspace import Workspace

    found = evaluation or evaluated(root, year=year)
    return _read(Workspace.open(root), found)[0]


def _write(path: Path, raw: list[tuple[dict[str, str], dict[str, str]]]) -> None:
    import yaml

    from medaid.reports.narrative import DRAFTS_HEADER

    body = {"存在的问题": [p for p, _ in raw], "改进建议": [s for _, s in raw]}
    text = DRAFTS_HEADER + yaml.safe_dump(body, allow_unicode=True, width=1000, sort_keys=False)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    part = path.with_name(f".{path.name}.part")
    part.write_text(text, encoding="utf-8")
    part.chmod(0o600)
    part.replace(path)


def save_draft(root: Path, section: str, index: int, *, title: str, text: str, checked: bool = False,
               actor: str, year: int | None = None) -> DraftItem:  # fmt: skip
    """Keep the evaluator's text of one item; ``checked``: its numbers were checked against the current
    report (the 原稿 line is dropped, so it is no longer flagged when the scores change)."""
    from medaid.services.common import workspace_key
    from medaid.services.workbench import evaluation as evaluated
    from medaid.store.app import session_for
    from medaid.store.audit_trail import append
    from medaid.workspace import Workspace

    if section not in SECTIONS:
        raise MedaidError(f"没有“{section}”这一部分", where=Location(key="section"),
                          fix="可用：problems（存在的问题）、suggestions（改进建议）")  # fmt: skip
    title, text = " ".join(title.split()), text.strip()
    if not title or not text:
        raise MedaidError("标题和内容都不能为空", where=Location(key="title" if not title else "text"),
                          fix="请写一个小标题和一段内容；不需要的问题可在报告中删去")  # fmt: skip
    workspace = Workspace.open(root)
    found = evaluated(root, year=year)
    with _lock:
        view, raw = _read(workspace, found)
        if not 0 <= index < len(raw):
            raise MedaidError(f"第 {index + 1} 项不存在（共 {len(raw)} 项）", where=Location(key="index"),
                              fix="请刷新页面后重试")  # fmt: skip
        side = 0 if section == "problems" else 1
        shown = view.items[index][side]
        kept = dict(raw[index][side])
        if shown.state in ("draft", "gone"):
            kept["原稿"] = shown.text  # the evaluator edited today's draft
        kept["标题"], kept["内容"] = title, text
        if checked or "原稿" not in kept:
            kept.pop("原稿", None)
        raw[index] = (kept, raw[index][1]) if side == 0 else (raw[index][0], kept)
        path = drafts_path(workspace, found.year)
        _write(path, raw)
    detail = {
        "file": path.name,
        "section": SECTIONS[section],
        "item": index + 1,
        "title": title,
        "checked": checked,
        "chars": len(text),
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    with session_for(workspace.root) as session:
        append(session, actor=actor, action=DRAFT_ACTION, workspace=workspace_key(workspace), detail=detail)
    return _read(workspace, found)[0].items[index][side]
