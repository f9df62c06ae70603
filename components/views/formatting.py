"""Numbers and durations as a reader says them: 1e-6, 2 min 50 s, 1,910, 2.45×10⁷. No torch, no Streamlit."""
from __future__ import annotations

import math

from components.state.i18n import text
from components.views.equation import format_text


def format_lr(value: float) -> str:
    """A learning rate as a lecturer writes it: 1e-6, 4.64e-7, 2e-4, 0.5 (never 1e-06 or 0.0002)."""
    if value >= 0.1 or value == 0:
        return f"{value:.3g}"
    mantissa, exponent = f"{value:.2e}".split("e")
    return f"{float(mantissa):g}e{int(exponent)}"


def format_duration(seconds: float, lang: str = "en") -> str:
    """0.24 s, 12 s, 2 min 50 s, 3 h 20 min, 12 days, 96,000 years, 3.1×10⁹ years."""
    if seconds < 1e-3:
        return text(lang, "time.instant")
    if seconds < 59.5:
        return text(lang, "time.seconds", value=f"{seconds:.2g}" if seconds < 10 else f"{seconds:.0f}")
    if seconds < 3600 - 30:
        whole = round(seconds)
        return text(lang, "time.minutes", minutes=whole // 60, seconds=whole % 60)
    if seconds < 86_400 - 30:
        whole = round(seconds / 60)
        return text(lang, "time.hours", hours=whole // 60, minutes=whole % 60)
    if seconds < 365.25 * 86_400:
        days = round(seconds / 86_400)
        return text(lang, "time.day") if days == 1 else text(lang, "time.days", days=days)
    years = seconds / (365.25 * 86_400)
    return text(lang, "time.year") if round(years) == 1 and years < 1.5 else text(
        lang, "time.years", years=format_plain(years, 2))


def format_plain(value: float, digits: int = 3) -> str:
    """A count or a percentage: 39.2, 994, 1,910, 96,000, then 2.45×10⁷ (never 1.91e+03)."""
    if abs(value) >= 1e6 or not math.isfinite(value):
        return format_text(value, digits) if math.isfinite(value) else "∞"
    rounded = float(f"{value:.{digits}g}")
    # "#": trailing zeros kept (1.00, never 1 where the note also says "within 1%")
    return f"{rounded:,.0f}" if abs(rounded) >= 10 ** (digits - 1) else f"{rounded:#,.{digits}g}".rstrip(".")


def format_rate(rate: float) -> str:
    """Steps per second, short enough for a metric's box: 9,901 · 2.13×10⁷."""
    return f"{rate:,.0f}" if rate < 1e6 else format_text(rate)
