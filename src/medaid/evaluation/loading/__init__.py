"""Read evaluation files: YAML (contract 1), the flat CSV/XLSX table reports print, or a
published report in Word or PDF (contract 5)."""

from __future__ import annotations

from pathlib import Path

from medaid.errors import InputFileError, Location
from medaid.evaluation.loading.build import InvalidFramework, split_weight
from medaid.evaluation.loading.report_file import REPORT_SUFFIXES, load_report_framework
from medaid.evaluation.loading.table_file import load_table_framework
from medaid.evaluation.loading.yaml_file import load_yaml_framework
from medaid.evaluation.model import Framework

TABLE_SUFFIXES = {".csv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods"}
YAML_SUFFIXES = {".yaml", ".yml"}


def load_framework(path: str | Path) -> Framework:
    """An evaluation file of any supported form; raises MedaidError with a Chinese message."""
    file = Path(path)
    suffix = file.suffix.lower()
    if not file.exists():
        raise InputFileError("文件不存在", where=Location(file=str(file)), fix="请检查文件路径是否正确")
    if file.is_dir():
        raise InputFileError(
            "这是一个文件夹，不是评价文件",
            where=Location(file=str(file)),
            fix="请指定 .yaml、.csv、.xlsx 评分表，或 .docx、.pdf 评价报告",
        )
    if suffix in YAML_SUFFIXES:
        return load_yaml_framework(file)
    if suffix in TABLE_SUFFIXES:
        return load_table_framework(file)
    if suffix in REPORT_SUFFIXES:
        return load_report_framework(file)
    fix = "评价文件应为 YAML（.yaml）、评分表（.csv、.xlsx）或评价报告（.docx、.pdf）"
    if suffix in {".doc", ".wps"}:
        fix = "旧的 Word 格式读不了：请用 Word 或 WPS 打开后另存为 .docx（或导出为 PDF）再审核"
    raise InputFileError(f"不支持的文件类型“{suffix or '无扩展名'}”", where=Location(file=str(file)), fix=fix)


__all__ = ["InvalidFramework", "load_framework", "split_weight"]
