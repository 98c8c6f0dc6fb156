"""The verification ledger (核查台账) as an Excel workbook.

Written with the safe workbook (no formula can run); identities are masked. Amounts are
numbers in 元, 结算日期 a date, 结算编号 and 身份证号 text; the header stays in view and
carries filter buttons, and prints on every page (A4 landscape).
"""

from __future__ import annotations

from pathlib import Path

from medaid.analytics.runs import Run
from medaid.money import to_yuan
from medaid.reports.workbook import data_table, print_setup, safe_workbook, write_header, write_row
from medaid.vocab import REASONS

HEADERS = ("序号", "结算编号", "身份证号", "姓名", "结算日期", "就诊类型", "救助类别", "医疗救助支付（元）",
           "核查结果", "应补/应退金额（元）", "说明")  # fmt: skip


def write_ledger(run: Run, path: Path, *, region: str = "",
                 identities: dict[str, tuple[str, str | None]] | None = None) -> Path:  # fmt: skip
    """The ledger; ``identities`` (person_key → plain ID and name) only for an authorised, logged export."""
    with safe_workbook(path) as (book, styles):
        sheet = book.add_worksheet("核查台账")
        plain = "（未脱敏，仅限核查使用，请妥善保管）" if identities is not None else ""
        sheet.write_string(0, 0, f"{region}城乡医疗救助核查台账（{run.month}）{plain}", styles.title)
        stamp = f"{run.created_at:%Y-%m-%d %H:%M}"
        sheet.write_string(
            1, 0, f"第 {run.run_id} 次核查，{stamp}；当月结算 {run.settlements} 笔，发现 {len(run.rows)} 笔"
        )
        write_header(sheet, 3, HEADERS, styles)
        for i, row in enumerate(run.rows, start=4):
            id_text, name_text = row.id_masked, row.name_masked
            if identities is not None and row.person_key in identities:
                id_text, name_text = identities[row.person_key]
            values = (row.seq, row.settlement_id, id_text, name_text, row.settle_date,
                      row.visit_type, row.category, to_yuan(row.assistance_paid), REASONS[row.reason],
                      to_yuan(row.amount), row.detail)  # fmt: skip
            write_row(sheet, i, values, styles)
        summary = book.add_worksheet("汇总")
        write_header(summary, 0, ("核查结果", "笔数"), styles)
        for i, (code, count) in enumerate(run.counts.items(), start=1):
            write_row(summary, i, (REASONS[code], count), styles)
        summary.write_string(len(REASONS) + 2, 0, f"输入指纹：{run.fingerprint}")
        sheet.set_column(0, 0, 6)
        sheet.set_column(1, 9, 14)
        sheet.set_column(10, 10, 60)
        data_table(sheet, header_row=3, last_row=3 + len(run.rows), last_col=len(HEADERS) - 1)
        print_setup(sheet, header_row=3, landscape=True)
        summary.set_column(0, 0, 16)
        print_setup(summary, header_row=0, landscape=False)
    return path
