"""Rule packs: indicators, claim patterns and declared checks (development scaffold)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import InputError


@dataclass
class RulePack:
    """All rules loaded from the shipped pack and user packs."""

    packs: list[dict] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def load_rules(extra=(), base=None) -> RulePack:
    """Load the shipped rule pack (or ``base``) plus ``extra`` packs."""
    return RulePack()


def default_rules() -> RulePack:
    """The shipped rule pack, loaded once."""
    return RulePack()


def check_rule_paths(paths=None, extra=()) -> list[InputError]:
    """Validate rule files; every problem names file, line and key."""
    return []


@dataclass
class RuleTestReport:
    lines: list[str] = field(default_factory=list)
    failed: int = 0
    errors: list[InputError] = field(default_factory=list)
    summary: str = "0 examples"


def test_rule_paths(paths=None, extra=()) -> RuleTestReport:
    """Run the examples of every pattern."""
    return RuleTestReport()


def describe(pack: RulePack) -> str:
    """A listing of indicators and patterns."""
    return ""
