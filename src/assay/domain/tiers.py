"""Tiers: what a job may ask for, what an extract tier parses with, and what each tier costs.

Credits are counted as the vendor bills them, so users can compare: pages × the tier's rate per page
(CONTRACT §5.8). An extract job that parsed its own file also reports the parse leg.
"""

from __future__ import annotations

EXTRACT_TIERS = ("cost_effective", "agentic", "agentic_plus", "turbo")
PARSE_TIERS = ("fast", "cost_effective", "agentic", "agentic_plus")
# the parse an extract tier runs when the job names no parse_tier: turbo has no parse step but the text layer
PARSE_TIER_FOR = {"cost_effective": "cost_effective", "agentic": "agentic", "agentic_plus": "agentic_plus",
                  "turbo": "fast"}

CREDITS_PER_PAGE = {"cost_effective": 5, "agentic": 15, "agentic_plus": 50, "turbo": 35}
PARSE_CREDITS_PER_PAGE = {"fast": 1, "cost_effective": 3, "agentic": 10, "agentic_plus": 45}


def parse_credits(parse_tier: str | None, pages: int) -> float:
    """A parse leg: pages × the parse tier's rate (0 for no parse leg)."""
    return float(PARSE_CREDITS_PER_PAGE.get(parse_tier or "", 0) * pages)


def credits(tier: str, parse_tier: str | None, pages_extracted: int, pages_parsed: int) -> dict[str, float]:
    """An extract job's credits: its extract leg, its parse leg (`parse_tier` None when it parsed nothing)."""
    extract_credits = float(CREDITS_PER_PAGE.get(tier, 5) * pages_extracted)
    parse = parse_credits(parse_tier, pages_parsed)
    return {"extract_credits": extract_credits, "parse_credits": parse, "credits": extract_credits + parse}
