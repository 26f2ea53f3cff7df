"""A ready checker: a ruleset, its matcher and the decider wired once, answering in words.

Every command, review tool and test that answers questions builds one with `make_checker`, so the engine
is chosen in one place. The decider (core/) rules in ids; `answer` puts the ruling into the question's
language (render/words.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from infoshare.core.decide import Decider
from infoshare.core.loader import Ruleset, load_ruleset
from infoshare.core.matchers import default_engine, make_matcher
from infoshare.render import words
from infoshare.render.answer import Answer

if TYPE_CHECKING:
    from infoshare.core.question import Question


class Checker:
    """Answers questions against one ruleset; reuse it: building it compiles the rules."""

    def __init__(self, decider: Decider):
        self.decider = decider
        self.ruleset = decider.ruleset

    def answer(self, question: Question) -> Answer:
        return words.answer(self.decider.ruling(question), self.ruleset)

    def close(self) -> None:
        """Free the matcher's engine state now (it is freed anyway when the matcher is collected)."""
        self.decider.close()

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def make_checker(ruleset: Ruleset | None = None, engine: str | None = None) -> Checker:
    """A checker over `ruleset` (by default the one in use: `--rules`, $INFOSHARE_ROOT or the shipped data) with the
    named engine: `durable` or `reference`; by default durable-rules where it is installed."""
    ruleset = ruleset if ruleset is not None else load_ruleset()
    return Checker(Decider(ruleset, make_matcher(engine or default_engine(), ruleset)))
