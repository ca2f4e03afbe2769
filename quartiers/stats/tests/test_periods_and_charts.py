"""Periods and chart geometry, without the database."""

from datetime import date, timedelta

from quartiers.stats import charts
from quartiers.stats.periods import MAX_DAYS, PeriodForm, months_back, preset_period

TODAY = date(2025, 3, 31)


def test_months_back_keeps_the_day_or_falls_to_the_month_end():
    assert months_back(date(2025, 3, 31), 1) == date(2025, 2, 28)
    assert months_back(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_back(date(2025, 1, 15), 3) == date(2024, 10, 15)
    assert months_back(date(2025, 12, 31), 12) == date(2024, 12, 31)


def test_presets_end_today_and_unknown_ones_fall_back_to_30_days():
    assert preset_period("30j", TODAY).start == TODAY - timedelta(days=29)
    assert preset_period("3m", TODAY).start == date(2025, 1, 1)
    assert preset_period("12m", TODAY).days == 365
    assert preset_period("n'importe", TODAY).preset == "30j"


def form(**data):
    return PeriodForm({"periode": "perso", **data}, today=TODAY)


def test_two_years_at_most():
    start = TODAY - timedelta(days=MAX_DAYS - 1)
    assert form(du=str(start), au=str(TODAY)).is_valid()
    assert not form(du=str(start - timedelta(days=1)), au=str(TODAY)).is_valid()


def test_french_dates_are_understood():
    chosen = form(du="01/02/2025", au="15/02/2025")
    assert chosen.is_valid(), chosen.errors
    assert chosen.period().start == date(2025, 2, 1)


def test_daily_curve_puts_missing_days_at_zero():
    chart = charts.line_chart(
        "Visites",
        {date(2025, 3, 2): 10, date(2025, 3, 4): 5},
        date(2025, 3, 1),
        date(2025, 3, 4),
        weekly=False,
    )
    assert [p.value for p in chart.points] == [0, 10, 0, 5]
    assert chart.total == 15 and chart.maximum == 10 and chart.peak.value == 10
    assert chart.points[1].y < chart.points[0].y  # higher values are higher up


def test_weekly_curve_averages_per_day_so_cut_weeks_do_not_fall():
    start, end = date(2025, 3, 3), date(2025, 3, 11)  # Monday .. next Tuesday
    daily = {start + timedelta(days=n): 70 for n in range(9)}
    chart = charts.line_chart("Visites", daily, start, end, weekly=True)
    assert [p.day for p in chart.points] == [date(2025, 3, 3), date(2025, 3, 10)]
    assert [p.value for p in chart.points] == [70, 70]
    assert chart.total == 630


def test_curves_stop_at_yesterday():
    assert charts.curve_end(date(2025, 3, 1), TODAY, TODAY) == TODAY - timedelta(1)
    assert charts.curve_end(date(2025, 3, 1), date(2025, 3, 20), TODAY) == date(
        2025, 3, 20
    )
    assert charts.curve_end(TODAY, TODAY, TODAY) == TODAY


def test_bar_chart_keeps_the_largest_and_says_how_many_are_left_out():
    items = [(f"Quartier {n}", n) for n in range(20)]
    chart = charts.bar_chart("Visites", items, limit=15)
    assert len(chart.bars) == 15 and chart.hidden == 5
    assert chart.bars[0].label == "Quartier 19" and chart.bars[0].percent == 100
    assert charts.bar_chart("Vide", [("A", 0)]).empty
