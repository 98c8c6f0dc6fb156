"""A fictional county's satisfaction survey: answers to the Liucheng questionnaire's ten
questions as 问卷星 exports them by text, drawn with their own random stream (so adding
the survey changes none of the programme data)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import numpy as np

SURVEY_FILE = "survey.csv"
SENT = 500  # questionnaires pushed
RESPONSES = 400  # valid answers returned
LEAD = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]
# The shares each option is drawn with, by question (fictional; satisfaction near 85 %).
SHARES: dict[int, list[float]] = {
    1: [0.9, 0.1],
    2: [0.86, 0.14],
    3: [0.2, 0.25, 0.45, 0.1],
    4: [0.78, 0.22],
    6: [0.45, 0.4, 0.12, 0.03],
    7: [0.7, 0.25, 0.05],
    8: [0.5, 0.38, 0.1, 0.02],
    9: [0.42, 0.4, 0.14, 0.04],
}
OPINIONS = ("", "", "", "希望缩短依申请救助的审批时间", "希望扩大门诊慢特病救助范围", "服务很好")


def write_survey(out_dir: Path, seed: int, year: int, questions: Sequence[tuple[int, str, str, Sequence[str]]]) -> Path:
    """``questions``: the questionnaire's (number, text, kind, options), in order."""
    rng = np.random.default_rng(seed + 7)
    header = LEAD + [f"{number}、{text}" for number, text, _, _ in questions]
    path = out_dir / SURVEY_FILE
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(1, RESPONSES + 1):
            row = [str(i), f"{year + 1}/03/{1 + i % 28:02d} 10:00:00", f"{60 + i % 120}秒", "手机提交", "直接访问", ""]
            for number, _, kind, options in questions:
                if kind == "multi":
                    picked = [o for o in options[:-1] if rng.random() < 0.5] or [options[0]]
                    row.append("┋".join(picked))
                elif kind == "open":
                    row.append(OPINIONS[int(rng.integers(len(OPINIONS)))] or "(跳过)")
                else:
                    row.append(str(rng.choice(list(options), p=SHARES[number])))
            writer.writerow(row)
    return path
