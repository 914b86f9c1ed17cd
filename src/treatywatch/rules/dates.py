"""Calendar arithmetic the treaties use: months, years and "the first day of the Nth month"."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; a day the target month lacks becomes its last day
    (31 Aug + 6 months = 28/29 Feb), which is how anniversaries are read in practice."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def add_years(day: dt.date, years: float) -> dt.date:
    """``years`` may be fractional (an 18-month extension is 1.5 years): counted in months."""
    return add_months(day, round(years * 12))


def first_day_of_month_after(day: dt.date, months: int) -> dt.date:
    """The first day of the ``months``-th month after the month of ``day``.

    "The first day of the sixth month after the month in which ... deposited": a deposit on
    16 February 2010 gives 1 August 2010, one on 13 September 2011 gives 1 March 2012.
    """
    return add_months(day.replace(day=1), months)
