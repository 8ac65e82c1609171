"""Units a field's name may ask for (weight_kg, width_cm, term_months) and conversion between units of
one kind: a value printed as "38200 g" fills weight_kg as 38.2."""

from __future__ import annotations

# Each unit as (kind, factor to the kind's base unit).
UNITS: dict[str, tuple[str, float]] = {
    "mm": ("length", 0.1), "cm": ("length", 1.0), "m": ("length", 100.0), "in": ("length", 2.54),
    "inch": ("length", 2.54), "inches": ("length", 2.54),
    "g": ("mass", 0.001), "kg": ("mass", 1.0), "lb": ("mass", 0.45359237), "lbs": ("mass", 0.45359237),
    "day": ("time", 1 / 30.0), "days": ("time", 1 / 30.0), "week": ("time", 7 / 30.0), "weeks": ("time", 7 / 30.0),
    "month": ("time", 1.0), "months": ("time", 1.0), "year": ("time", 12.0), "years": ("time", 12.0),
    "yr": ("time", 12.0), "yrs": ("time", 12.0),
}


def convert(value: float, printed: str | None, wanted: str | None) -> float | None:
    """`value` in `printed` units as `wanted` units; the value itself where either is unknown or they
    are one; None where they measure different kinds (grams as centimetres)."""
    if printed is None or wanted is None or printed == wanted:
        return value
    a, b = UNITS.get(printed), UNITS.get(wanted)
    if not a or not b or a[0] != b[0]:
        return None
    return round(value * a[1] / b[1], 6)


def exact(printed: str, wanted: str) -> bool:
    """Whether one converts to the other by a fixed factor (grams to kilograms, not days to months)."""
    a, b = UNITS.get(printed), UNITS.get(wanted)
    if not a or not b or a[0] != b[0]:
        return False
    return a[0] != "time" or {printed.rstrip("s"), wanted.rstrip("s")} <= {"month", "year", "yr"}
