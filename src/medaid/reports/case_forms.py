"""Printable forms of 依申请救助 cases: the 审批表 of one case and the 公示名单 of the cases in 公示, as
Word (python-docx, the report's styles) and PDF (WeasyPrint, the report's fonts).

Both are drawn from the same rows, so the two formats say the same. Identities: the 审批表 shows the
masked 身份证号 and names the services hand out; the 公示名单 shows a masked name and no 身份证号 at all.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, select_autoescape

from medaid.cases.records import CaseRecord, EventRecord
from medaid.money import yuan_text

Rows = list[list[str]]


@dataclass(frozen=True)
class Section:
    """A titled table of the form: a header row (or none: label/value pairs) and its rows."""

    title: str
    header: list[str]
    rows: Rows


@dataclass(frozen=True)
class Form:
    """A form as both renderers draw it."""

    title: str
    subtitle: str
    sections: list[Section]
    notes: list[str] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)
    landscape: bool = False


def _money(fen: object) -> str:
    return "—" if not isinstance(fen, int) else yuan_text(fen)


def _eligibility(found: dict[str, object] | None) -> Rows:
    if not found:
        return [["资格测算", "尚未测算（审核时按数据和政策文件测算）"]]
    threshold = found.get("self_pay_threshold")
    limit = found.get("income_limit")
    unassessed = "未测算（历史案件按台账补录，以当时的审核为准）"
    eligible = found.get("eligible")
    verdict = unassessed if eligible is None else "符合条件" if eligible else "不符合条件"
    rows = [["测算结论", verdict],
            ["近 12 个月政策范围内个人负担", _money(found.get("self_pay_fen"))],
            ["个人负担标准", _figure(threshold)],
            ["家庭人均收入", _money(found.get("income_per_person_fen"))],
            ["人均收入上限", _figure(limit)]]  # fmt: skip
    reasons = found.get("reasons")
    if isinstance(reasons, list) and reasons:
        rows.append(["测算说明", "；".join(str(r) for r in reasons)])
    rows.append(["政策文件", str(found.get("policy") or "—")])
    return rows


def _figure(figure: object) -> str:
    if not isinstance(figure, dict):
        return "—"
    return f"{figure.get('yuan')}元（{figure.get('basis')}；{figure.get('source')}）"


def approval_form(case: CaseRecord, events: list[EventRecord], *, region: str) -> Form:
    """The 审批表 of one case: application, household, bills, eligibility, each step with who and when."""
    basics = [["案件编号", str(case.id)], ["申请人", case.name_masked], ["身份证号", case.id_masked],
              ["救助类别", case.category], ["区划", case.area or "—"], ["认定部门", case.department or "—"],
              ["申请日期", case.applied_on.isoformat()], ["当前状态", _state(case.state)],
              ["由预警发起", f"预警 {case.warning_id}" if case.warning_id else "否"],
              ["家庭人口", f"{case.household} 人"], ["申报家庭年收入", _money(case.income_fen)],
              ["家庭人均收入", _money(case.income_per_person_fen)], ["家庭金融资产", _money(case.assets_fen)],
              ["其他财产说明", case.assets_note or "—"]]  # fmt: skip
    members = [[r, n, i] for r, i, n in case.members] or [["—", "无其他家庭成员", "—"]]
    bills = [[b.day.isoformat(), b.settlement_id or "手工录入", b.hospital or "—", _money(b.total_fen),
              _money(b.in_scope_fen), _money(b.self_pay_fen)] for b in case.bills] or [["—"] * 6]  # fmt: skip
    history = [[e.at.strftime("%Y-%m-%d %H:%M"), _action(e.action), f"{e.actor}（{_role(e.role)}）",
                "；".join(t for t in (e.reason, e.note) if t) or "—"] for e in events]  # fmt: skip
    payment = [["公示期", "至".join(d.isoformat() for d in case.publicity) if case.publicity else "—"],
               ["救助金额", _money(case.amount_fen)],
               ["发放日期", case.paid_on.isoformat() if case.paid_on else "—"]]  # fmt: skip
    return Form(
        title=f"{region}医疗救助审批表",
        subtitle=f"（依申请救助　案件编号 {case.id}）",
        sections=[
            Section("一、申请情况", [], basics),
            Section("二、共同生活的家庭成员", ["与申请人关系", "姓名", "身份证号"], members),
            Section("三、医疗费用票据", ["日期", "结算编号", "医院", "总费用", "政策范围内", "个人自付"], bills),
            Section("四、审核资格测算", [], _eligibility(case.eligibility)),
            Section("五、办理记录", ["时间", "办理", "办理人", "理由与备注"], history),
            Section("六、公示与发放", [], payment),
        ],
        notes=["身份证号和姓名按规定脱敏显示；查看完整信息须在系统中另行申请并记入审计日志。"],
        signatures=["经办人（签字）：", "审核人（签字）：", "审批人（签字）：", "日期：　　年　　月　　日"],
    )


def publicity_list(cases: list[CaseRecord], *, region: str, today: dt.date) -> Form:
    """The 公示名单: a masked name, never a 身份证号; the period and how to object."""
    rows = [[str(i), c.name_masked, c.area or "—", c.category, f"{c.household}",
             "至".join(d.isoformat() for d in c.publicity) if c.publicity else "—"]
            for i, c in enumerate(cases, 1)] or [["—", "当前没有公示中的案件", "—", "—", "—", "—"]]  # fmt: skip
    return Form(
        title=f"{region}医疗救助对象公示名单",
        subtitle=f"（依申请救助　{today.year} 年 {today.month} 月 {today.day} 日制表）",
        sections=[Section("", ["序号", "姓名", "区划", "救助类别", "家庭人口", "公示期"], rows)],
        notes=[
            "公示期内，对公示对象有异议的，可向当地医疗保障部门或乡镇（街道）反映，我们将逐条核实并答复。",
            "按照个人信息保护的规定，公示名单只显示脱敏后的姓名，不公布身份证号。",
        ],
        signatures=["公示单位（盖章）：", "公示日期：　　年　　月　　日"],
        landscape=False,
    )


def _state(code: str) -> str:
    from medaid.vocab import CASE_STATES

    return CASE_STATES.get(code, code)


def _action(code: str) -> str:
    from medaid.vocab import CASE_ACTIONS

    return CASE_ACTIONS.get(code, code)


def _role(code: str) -> str:
    from medaid.roles import role_label

    return role_label(code)


def form_docx(form: Form) -> bytes:
    """The form as a Word file, in the report's styles (仿宋 body, 宋体 title)."""
    from docx import Document
    from docx.shared import Mm, Pt

    from medaid.reports.docx_style import CENTER, FANGSONG, HEITI, SONG, cell_text, font, styles

    doc = Document()
    styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    for text, size, face in ((form.title, 18, SONG), (form.subtitle, 12, FANGSONG)):
        para = doc.add_paragraph()
        para.alignment = CENTER
        para.paragraph_format.space_after = Pt(6)
        font(para.add_run(text), face, size, bold=face == SONG)
    for part in form.sections:
        if part.title:
            para = doc.add_paragraph()
            para.paragraph_format.space_before = Pt(8)
            font(para.add_run(part.title), HEITI, 12)
        width = len(part.header) or 2
        table = doc.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        if part.header:
            for cell, text in zip(table.add_row().cells, part.header, strict=True):
                cell_text(cell, text, bold=True)
        for row in part.rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell_text(cell, text)
    for note in form.notes:
        para = doc.add_paragraph()
        para.paragraph_format.space_before = Pt(6)
        font(para.add_run(note), FANGSONG, 10.5)
    for line in form.signatures:
        para = doc.add_paragraph()
        para.paragraph_format.space_before = Pt(14)
        font(para.add_run(line), FANGSONG, 12)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def form_html(form: Form) -> str:
    env = Environment(loader=PackageLoader("medaid.reports", "templates"), autoescape=select_autoescape(["j2"]))
    return env.get_template("case_form.html.j2").render(form=form)


def form_pdf(form: Form) -> bytes:
    """The form as PDF, drawn by WeasyPrint from its HTML."""
    from weasyprint import HTML

    pdf = HTML(string=form_html(form)).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def render_form(form: Form, fmt: str) -> bytes:
    if fmt == "docx":
        return form_docx(form)
    if fmt == "pdf":
        return form_pdf(form)
    raise ValueError(f"unknown format {fmt}")
