"""Statistik: offers by state, type and occupational area; proposals, placements, border
crossings; outcomes over the last twelve months — charts (QtCharts), a table, CSV export."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from srek_desk.db.codes import PROPOSAL_STATUSES
from srek_desk.errors import UserError
from srek_desk.private_files import write_private_text
from srek_desk.services.statistics.service import (
    SUPPRESS_BELOW,
    CountRow,
    Statistics,
    StatisticsService,
    render_count,
    to_csv,
)
from srek_desk.ui.models.rows_model import Column, RowsModel
from srek_desk.ui.tasks import TaskRunner
from srek_desk.ui.widgets.tables import RowsTable

translate = QCoreApplication.translate
OUTCOME_STATUSES = ("vorgeschlagen", "beworben", "vorstellungsgespraech", "zusage", "absage")


def _value(count: int | None) -> int:
    return 0 if count is None else count  # suppressed counts are drawn as 0, listed as "<5"


def _chart(title: str) -> QChart:
    chart = QChart()
    # Follow the system's light or dark palette (QtCharts draws light by default).
    app = QGuiApplication.instance()
    window = (
        app.palette().color(QPalette.ColorRole.Window) if isinstance(app, QGuiApplication) else None
    )
    dark = window is not None and window.lightness() < 128
    chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setVisible(False)
    chart.setMargins(QMargins(0, 0, 0, 0))
    return chart


def count_chart(title: str, rows: Sequence[CountRow], horizontal: bool = False) -> QChart:
    chart = _chart(title)
    bars = QBarSet(title)
    labels = []
    for row in reversed(rows) if horizontal else rows:
        bars.append(_value(row.count))
        labels.append(row.label)
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(labels)
    values = QValueAxis()
    values.setLabelFormat("%d")
    values.setMin(0)
    chart.addAxis(
        categories, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom
    )
    chart.addAxis(
        values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft
    )
    series.attachAxis(categories)
    series.attachAxis(values)
    return chart


def outcomes_chart(stats: Statistics) -> QChart:
    chart = _chart(translate("StatisticsPage", "Proposals by status and month"))
    series = QStackedBarSeries()
    for status in OUTCOME_STATUSES:
        bars = QBarSet(PROPOSAL_STATUSES[status])
        for month in stats.outcomes_by_month:
            bars.append(_value(month.counts.get(status)))
        series.append(bars)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([m.month[5:] + "/" + m.month[2:4] for m in stats.outcomes_by_month])
    font = categories.labelsFont()
    font.setPointSizeF(font.pointSizeF() * 0.8)
    categories.setLabelsFont(font)
    values = QValueAxis()
    values.setLabelFormat("%d")
    values.setMin(0)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(values)
    chart.legend().setVisible(True)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def figure_rows(stats: Statistics) -> list[tuple[str, str, str]]:
    """Every figure as (area, feature, count) — the table next to the charts."""
    rows: list[tuple[str, str, str]] = []
    for title, counts in (
        (translate("StatisticsPage", "Active offers by state"), stats.offers_by_state),
        (translate("StatisticsPage", "Active offers by type"), stats.offers_by_type),
        (translate("StatisticsPage", "Active offers by occupational area"), stats.offers_by_area),
    ):
        rows += [(title, row.label, render_count(row.count)) for row in counts]
    rows += [
        (
            translate("StatisticsPage", "Proposals"),
            translate("StatisticsPage", "in total"),
            render_count(stats.proposals),
        ),
        (
            translate("StatisticsPage", "Proposals"),
            translate("StatisticsPage", "across a state border"),
            render_count(stats.proposals_crossing_border),
        ),
        (
            translate("StatisticsPage", "Placements"),
            translate("StatisticsPage", "in total"),
            render_count(stats.placements),
        ),
        (
            translate("StatisticsPage", "Placements"),
            translate("StatisticsPage", "across a state border"),
            render_count(stats.placements_crossing_border),
        ),
    ]
    return rows


class StatisticsPage(QWidget):
    def __init__(
        self, runner: TaskRunner, statistics: StatisticsService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.statistics = statistics
        self.stats: Statistics | None = None
        self.title = QLabel("<h2>" + self.tr("Statistics") + "</h2>")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.export_button = QPushButton(self.tr("E&xport as CSV…"))
        self.export_button.clicked.connect(self.export_csv)
        self.export_button.setEnabled(False)
        note = QLabel(
            self.tr(
                "Counts from 1 to %1 are shown as “<5” and drawn as 0, so that no small "
                "group can be traced back to people."
            ).replace("%1", str(SUPPRESS_BELOW - 1))
        )
        note.setWordWrap(True)
        self.views = [QChartView() for _ in range(4)]
        names = (
            self.tr("Chart: active offers by state"),
            self.tr("Chart: active offers by type"),
            self.tr("Chart: active offers by occupational area"),
            self.tr("Chart: proposals by status and month"),
        )
        for view, name in zip(self.views, names, strict=True):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setAccessibleName(name)
            view.setMinimumSize(260, 200)
        grid = QGridLayout()
        for number, view in enumerate(self.views):
            grid.addWidget(view, number // 2, number % 2)
        charts = QWidget()
        charts.setLayout(grid)
        self.table_model = RowsModel(
            [
                Column(self.tr("Area"), lambda r: r[0]),
                Column(self.tr("Feature"), lambda r: r[1]),
                Column(
                    self.tr("Count"),
                    lambda r: r[2],
                    sort=lambda r: int(r[2]) if r[2].isdigit() else 2,
                    align_right=True,
                ),
            ],
            self,
        )
        self.table = RowsTable(self.table_model, self.tr("All figures"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(charts)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([820, 260])
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(note)

    def refresh(self) -> None:
        statistics = self.statistics
        self.runner.start(
            lambda _p, _c: statistics.compute(), self, on_finished=self.show_statistics
        )

    def show_statistics(self, stats: Statistics) -> None:
        self.stats = stats
        charts = (
            count_chart(self.tr("Active offers by state"), stats.offers_by_state),
            count_chart(self.tr("Active offers by type"), stats.offers_by_type, horizontal=True),
            count_chart(
                self.tr("Active offers by occupational area"), stats.offers_by_area, horizontal=True
            ),
            outcomes_chart(stats),
        )
        for view, chart in zip(self.views, charts, strict=True):
            old: Any = view.chart()
            view.setChart(chart)
            if old is not None:
                old.deleteLater()
        self.table_model.set_rows(figure_rows(stats))
        self.table.fit_columns()
        self.summary.setText(
            self.tr(
                "Proposals: %1, of them across a state border: %2 · Placements: %3, of them "
                "across a state border: %4"
            )
            .replace("%1", render_count(stats.proposals))
            .replace("%2", render_count(stats.proposals_crossing_border))
            .replace("%3", render_count(stats.placements))
            .replace("%4", render_count(stats.placements_crossing_border))
        )
        self.export_button.setEnabled(True)

    def export_csv(self) -> None:
        if self.stats is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export statistics"),
            str(
                Path.home() / ("Statistik-" + self.stats.generated_at.strftime("%Y-%m-%d") + ".csv")
            ),
            "CSV (*.csv)",
        )
        if not path:
            return
        try:
            # utf-8 with BOM: Excel opens the umlauts right
            write_private_text(Path(path), to_csv(self.stats), encoding="utf-8-sig")
        except (OSError, UserError) as error:  # a full disk: a German message naming the file
            QMessageBox.warning(self, self.tr("Export statistics"), str(error))
