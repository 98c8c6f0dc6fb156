"""Scoring a report does only what its numbers need: charts are drawn when a renderer embeds
them, the metrics' queries are compiled when someone reads them, the chart series come from the
tables the metrics read, and a workspace nobody judged is not read through SQLAlchemy."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from medaid.analytics.binding import compute_all
from medaid.analytics.chart_data import ChartData, chart_data
from medaid.reports import charts
from medaid.services.evaluation import current_judgments, evaluate_workspace
from medaid.services.judgments import judge, none_judged
from medaid.store import app
from medaid.workspace import Workspace
from tests.test_metrics import make_workspace

DECIDED = "产出/产出质量/救助对象精准度"  # 定性: an evaluator's score


@pytest.fixture(autouse=True)
def _own_app_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(app.ENV_URL, raising=False)


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = make_workspace(tmp_path)
    settings = workspace.root / "medaid.yaml"
    text = settings.read_text(encoding="utf-8").replace("framework: null", "framework: templates/financial_common")
    settings.write_text(text, encoding="utf-8")
    return Workspace.open(workspace.root)


def test_a_chart_is_drawn_when_its_png_is_first_asked_for_and_only_once(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[tuple[float, float]] = []
    real = charts._drawn

    def counted(draw: object, size: tuple[float, float]) -> bytes:
        drawn.append(size)
        return real(draw, size)  # type: ignore[arg-type]

    monkeypatch.setattr(charts, "_drawn", counted)
    made = charts.data_charts(chart_data(ws, 2023))
    assert [c.title for c in made][:2] == ["基金收入来源与支出用途", "月度支出进度与时间进度"]
    assert drawn == []  # decided (titles, captions), not drawn
    first = made[0].png
    assert first.startswith(b"\x89PNG") and made[0].png is first and len(drawn) == 1
    assert all(c.png.startswith(b"\x89PNG") for c in made) and len(drawn) == len(made)
    given = charts.Chart("各维度得分", b"\x89PNG given", "说明")
    assert given.png == b"\x89PNG given"


def test_the_evaluation_gives_the_chart_series_the_report_would_read(ws: Workspace) -> None:
    evaluated = evaluate_workspace(ws.root, year=2023, all_metrics=True, charts=True)
    assert isinstance(evaluated.charts, ChartData)
    assert evaluated.charts == chart_data(ws, 2023)
    assert evaluate_workspace(ws.root, year=2023, all_metrics=True).charts is None  # not asked for


def test_queries_are_compiled_when_read_after_the_workspace_is_closed(ws: Workspace) -> None:
    values = {v.metric.name: v for v in compute_all(ws, 2023)}
    rate = values["standard_compliance_rate"]
    assert callable(rate.sql)  # nothing compiled yet
    queries = rate.queries
    assert len(queries) == 2 and all("settled" in q and "SELECT" in q for q in queries)
    assert rate.sql == queries and rate.queries is queries  # compiled once
    assert rate.to_dict()["queries"] == queries
    again = {v.metric.name: v for v in compute_all(ws, 2023)}
    assert again["assistance_amount"].queries == values["assistance_amount"].queries


def test_no_judgment_is_told_without_sqlalchemy_and_a_judgment_is_still_applied(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not none_judged(ws.root / "elsewhere", 2023)  # no app database: the ordinary path creates it
    assert current_judgments(ws, 2023) == []
    assert none_judged(ws.root, 2023)
    code = (
        "import sys; from pathlib import Path; from medaid.workspace import Workspace;"
        "from medaid.services.evaluation import current_judgments;"
        f"assert current_judgments(Workspace.open(Path({str(ws.root)!r})), 2023) == [];"
        "assert 'sqlalchemy' not in sys.modules, 'SQLAlchemy imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=_without_app_url())
    monkeypatch.setenv(app.ENV_URL, f"sqlite:///{ws.root / 'other.sqlite'}")
    assert not none_judged(ws.root, 2023)  # another database: not told from the workspace's file
    monkeypatch.delenv(app.ENV_URL)
    judge(ws.root, DECIDED, score="3", reason="抽查 20 户，2 户信息不实")
    assert not none_judged(ws.root, 2023) and none_judged(ws.root, 2024)
    [record] = current_judgments(ws, 2023)
    assert record.score == Decimal("3.00")
    evaluated = evaluate_workspace(ws.root, year=2023)
    assert [j.path for j in evaluated.judgments] == [record.path]


def test_the_constants_read_without_the_app_store_are_the_stores() -> None:
    from medaid.services import judgments

    assert (judgments.APP_FILE, judgments.ENV_URL) == (app.APP_FILE, app.ENV_URL)


def _without_app_url() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != app.ENV_URL}
