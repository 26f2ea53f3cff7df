"""Finding what a person meant: 'did you mean …' hints for misspelt ids, and roles named by a job title."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from infoshare.core.model import VocabularyFile


def did_you_mean(word: object, choices: Iterable[str]) -> str | None:
    """A hint naming the closest valid id, or listing the few valid ones when nothing is close."""
    options = sorted(choices)
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if len(options) <= 6:
        return "expected one of: " + ", ".join(options)
    return None


def fold(text: str) -> str:
    """Case- and accent-blind form for matching what was typed (`a` finds `ä`, `E` finds `e`)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def roles_named(word: str, vocabulary: VocabularyFile) -> list[str]:
    """The roles whose id, label or job title (in any language) is `word`, case- and accent-blind; several when
    the title is shared (`pappi`: a parish priest, or the priest of another registered community)."""
    typed = fold(word.strip())
    return [role for role in vocabulary.roles if typed in map(fold, vocabulary.role_names_of(role))]


def role_hint(word: object, vocabulary: VocabularyFile) -> str | None:
    """'did you mean …' for a misspelt role, looking at job titles as well as ids: `did you mean 'school' (opettaja)?`."""
    spelt: dict[str, str] = {}
    roles: dict[str, list[str]] = {}
    for role in vocabulary.roles:
        for name in vocabulary.role_names_of(role):
            spelt.setdefault(fold(name), name)
            roles.setdefault(fold(name), []).append(role)
    close = difflib.get_close_matches(fold(str(word)), list(roles), n=3, cutoff=0.75)
    found: dict[str, str] = {}
    for name in close:
        for role in roles[name]:
            found.setdefault(role, role if fold(role) in close else spelt[name])  # the id itself, if it is close
    if not found:
        return did_you_mean(word, vocabulary.roles)
    shown = [f"'{role}'" if name == role else f"'{role}' ({name})" for role, name in found.items()]
    return f"did you mean {' or '.join(shown)}?"
