"""Load and cross-check the rule data: vocabulary, legal basis and rules, into one `Ruleset`.

Every problem is collected with its file and line before anything is evaluated, so a typo never turns
into a rule that silently does not fire (exit 3).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Collection, Iterable, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from infoshare.core import cache
from infoshare.core.compile import Expr, compile_condition
from infoshare.core.documents import Located, YamlSyntaxError, decode, load_file, parse, read_source
from infoshare.core.rule_index import Profile, field_profiles, profiles_from_plain, profiles_to_plain
from infoshare.core.suggest import did_you_mean
from infoshare.domain import ID_FIELDS, LANGUAGES, OPEN_FIELDS
from infoshare.errors import Problem, RulesetError
from infoshare.locations import default_root

if TYPE_CHECKING:  # pydantic is imported where files are validated, never on a check served from the cache
    from pydantic import BaseModel
    from pydantic_core import ErrorDetails

    from infoshare.core.model import ActFile, Condition, Coverage, IdSet, Rule, RulesetFile, Section, VocabularyFile

M = TypeVar("M", bound="BaseModel")

INITIATIVES = ("proactive", "on_request")


def display(path: Path) -> str:
    """A path as the user would type it: relative to the working directory where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


class Provision(NamedTuple):
    """A section of an act, with the act it belongs to."""

    act: ActFile
    section: Section

    @property
    def pending(self) -> bool:
        return self.act.status == "pending"


class _RulesetFields(NamedTuple):
    root: Path
    version: str
    digest: str
    law_covered_from: dt.date
    law_checked: dt.date | None
    vocabulary: VocabularyFile
    descendants: dict[str, frozenset[str]]
    provisions: dict[str, Provision]
    rules: dict[str, Rule]
    compiled: dict[str, Expr]
    rule_files: dict[str, Path]
    coverage: tuple[Coverage, ...] = ()
    profiles: dict[str, dict[str, Profile]] | None = None  # rule_index.field_profiles, where the cache held them


class Ruleset(_RulesetFields):
    """Everything the decision procedure needs, validated and compiled. A named tuple with methods (`_replace`
    gives a copy with other rules): a check defines it at every start, and a dataclass would bring the
    dataclasses module and its imports with it."""

    def covered(self, discloser: str, recipient: str, day: dt.date) -> bool:
        """Whether the ruleset claims to encode every gateway for this disclosure on `day` (ruleset.yaml `coverage`)."""
        return any(
            entry.covers(day) and any(recipient in self.descendants[r] for r in entry.recipients)
            for entry in self._claims_by_discloser.get(discloser, ())
        )

    def provisions_in_force(self, rule_id: str, as_of: dt.date) -> list[str]:
        """Of a rule's provisions, those in force on `as_of` (all of them when none is: the rule's own dates decide);
        of a provision's successive versions, the one in force is the one cited."""
        provisions = self.rules[rule_id].provisions
        return [pid for pid in provisions if self.provisions[pid].section.in_force.covers(as_of)] or list(provisions)

    @cached_property
    def _claims_by_discloser(self) -> dict[str, list[Coverage]]:
        """The coverage claims naming each discloser (or a role above it), so a lookup reads only its own claims."""
        found: dict[str, list[Coverage]] = {}
        for entry in self.coverage:
            for role in sorted({role for d in entry.disclosers for role in self.descendants[d]}):
                found.setdefault(role, []).append(entry)
        return found

    @cached_property
    def cited_by(self) -> dict[str, list[str]]:
        """The rules citing each provision, in rule-id order."""
        found: dict[str, list[str]] = {}
        for rule_id, rule in sorted(self.rules.items()):
            for provision in rule.provisions:
                found.setdefault(provision, []).append(rule_id)
        return found

    @cached_property
    def acts(self) -> dict[str, list[Provision]]:
        """The provisions of each act by its number, acts in order: Finnish acts by year and number, then EU law and bills."""
        found: dict[str, list[Provision]] = {}
        for provision in self.provisions.values():
            found.setdefault(provision.act.act, []).append(provision)
        return {act: found[act] for act in sorted(found, key=_act_key)}

    @cached_property
    def bills(self) -> dict[str, ActFile]:
        """Pending bills by their id as written in `pending_bill` and `--assume-enacted` (HE-182-2025)."""
        return pending_bills(self.provisions)


def pending_bills(provisions: Mapping[str, Provision]) -> dict[str, ActFile]:
    return {bill_id(p.act.act): p.act for p in provisions.values() if p.pending}


def _act_key(act: str) -> tuple[int, str]:
    number, _, year = act.partition("/")
    if number.isdigit() and year.isdigit():
        return (0, f"{int(year):05d}{int(number):06d}")
    return (1, act)


def bill_id(act: str) -> str:
    return act.replace(" ", "-").replace("/", "-")


def load_ruleset(root: Path | None = None, *, cached: bool = True, light: bool = False) -> Ruleset:
    """Read, validate and compile the rule data under `root`; raise RulesetError listing every problem.

    Every file is read once: the digest, the cache key and the parsed rules all come from the same bytes,
    so a file edited while this runs can never be cached under the key of other content. A ruleset
    already validated with exactly these bytes comes from the cache (cache.py); `cached=False` neither
    reads nor writes it (a temporary checkout, whose entry could never be used again). `light=True`: from the
    cache, records (records.py) in place of the pydantic models, for a caller that only reads them (a check).
    """
    root = _root_folder(root or default_root())
    act_paths, rule_paths = source_paths(root)
    sources = read_sources([root / "vocabulary.yaml", root / "ruleset.yaml", *act_paths, *rule_paths])
    named = _named(root, sources)
    if not cached:
        return check_files(root, act_paths, rule_paths, _digest(named), sources)
    cache_key = cache.key(named, root)
    entry = cache.load(cache_key)
    ruleset = _from_entry(entry, root, light) if entry is not None else None
    if ruleset is not None:
        return ruleset
    ruleset = check_files(root, act_paths, rule_paths, _digest(named), sources)
    cache.store(cache_key, _to_plain(ruleset))
    return ruleset


def _root_folder(root: Path) -> Path:
    """`root` made absolute; a file, a missing folder or a loop of links is a RulesetError (exit 3)."""
    try:
        resolved = root.resolve()
        if resolved.is_dir():
            return resolved
        problem = "is not a folder: give the folder holding vocabulary.yaml, rules/ and legal_basis/"
    except (OSError, RuntimeError):  # RuntimeError: a loop of symbolic links
        problem = "cannot be resolved (a loop of symbolic links?)"
    raise RulesetError([Problem(display(root), None, problem)])


def source_paths(root: Path) -> tuple[list[Path], list[Path]]:
    """The legal-basis files and the rule files (not their cases) under `root`, sorted."""
    act_paths = yaml_files(root / "legal_basis", recursive=False)
    rule_paths = yaml_files(root / "rules", leaving_out=".cases.yaml")
    return act_paths, rule_paths


def yaml_files(folder: Path, *, recursive: bool = True, leaving_out: str | None = None) -> list[Path]:
    """The `.yaml` files in `folder` (and below it), sorted, but for names ending in `leaving_out`. Linked folders are
    not entered, so a loop of symbolic links cannot make the walk endless; an unreadable folder is skipped."""
    found: list[str] = []
    for where, folders, files in os.walk(folder, followlinks=False):
        found += [os.path.join(where, name) for name in files if name.endswith(".yaml") and not (leaving_out and name.endswith(leaving_out))]
        if not recursive:
            break
        folders.sort()
    return [Path(path) for path in sorted(found, key=_path_parts)]


def _path_parts(path: str) -> list[str]:
    """A path's parts, the key that sorts paths as pathlib does (by part, so `a/x` comes before `a-b/x`) without
    building a Path for each comparison."""
    return path.split(os.sep)


Source = bytes | Problem  # a file's bytes, or why it could not be read


def read_sources(paths: Iterable[Path]) -> dict[Path, Source]:
    """Each file's bytes, read exactly once (documents.read_source bounds the read)."""
    sources: dict[Path, Source] = {}
    for path in paths:
        try:
            sources[path] = read_source(path)
        except YamlSyntaxError as exc:  # named as the user would type it only here: `display` costs a getcwd per file
            sources[path] = exc.problem._replace(file=display(path))
    return sources


def check_files(root: Path, act_paths: list[Path], rule_paths: list[Path], digest: str, sources: Mapping[Path, Source] | None = None) -> Ruleset:
    """Parse and cross-check the vocabulary, ruleset.yaml and the given files (from `sources` where given,
    else read now); any problem raises RulesetError."""
    from infoshare.core.model import ActFile, Rule, RulesetFile, VocabularyFile

    problems: list[Problem] = []
    sources = dict(sources or {})
    vocab_doc = _read(root / "vocabulary.yaml", sources, problems)
    meta_doc = _read(root / "ruleset.yaml", sources, problems)
    act_docs = [_read(p, sources, problems) for p in act_paths]
    rule_docs = [(p, _read(p, sources, problems)) for p in rule_paths]

    vocabulary = _validate(VocabularyFile, vocab_doc, problems)
    meta = _validate(RulesetFile, meta_doc, problems)
    if vocabulary is None or meta is None:
        raise RulesetError(problems)
    assert vocab_doc is not None  # validated above
    descendants = _check_roles(vocabulary, vocab_doc, problems)
    assert meta_doc is not None  # validated above
    for role in vocabulary.role_names:
        if role not in vocabulary.roles:
            problems.append(vocab_doc.problem(("role_names", role), f"unknown role '{role}'", did_you_mean(role, vocabulary.roles), "IS003"))

    provisions: dict[str, Provision] = {}
    for doc in act_docs:
        act = _validate(ActFile, doc, problems)
        if act is None or doc is None:
            continue
        for index, section in enumerate(act.sections):
            if section.id in provisions:
                problems.append(doc.problem(("sections", index, "id"), f"provision id '{section.id}' is defined twice", code="IS006"))
            provisions[section.id] = Provision(act, section)

    rules: dict[str, Rule] = {}
    rule_docs_by_id: dict[str, Located] = {}
    rule_files: dict[str, Path] = {}
    for path, doc in rule_docs:
        rule = _validate(Rule, doc, problems)
        if rule is None or doc is None:
            continue
        if rule.id != path.stem:
            problems.append(doc.problem(("id",), f"the rule id '{rule.id}' differs from its file name", f"rename the file to {rule.id}.yaml", "IS006"))
        if rule.id in rules:
            problems.append(doc.problem(("id",), f"rule id '{rule.id}' is used twice", code="IS006"))
        rules[rule.id] = rule
        rule_docs_by_id[rule.id] = doc
        rule_files[rule.id] = path

    bills = set(pending_bills(provisions))
    for rule_id, rule in rules.items():
        _check_rule(rule, rule_docs_by_id[rule_id], vocabulary, provisions, rules, bills, problems)
    _check_override_cycles(rules, rule_docs_by_id, problems)
    _check_coverage(meta, meta_doc, vocabulary, problems)
    if problems:
        raise RulesetError(problems)

    return _assemble(root, digest, meta, vocabulary, descendants, provisions, rules, rule_files)


def _assemble(
    root: Path,
    digest: str,
    meta: RulesetFile,
    vocabulary: VocabularyFile,
    descendants: dict[str, frozenset[str]],
    provisions: dict[str, Provision],
    rules: dict[str, Rule],
    rule_files: dict[str, Path],
) -> Ruleset:
    compiled = {rule_id: compile_condition(rule.when, descendants) for rule_id, rule in sorted(rules.items())}
    return Ruleset(
        root=root,
        version=meta.version,
        digest=digest,
        law_covered_from=meta.law_covered_from,
        law_checked=meta.law_checked,
        vocabulary=vocabulary,
        descendants=descendants,
        provisions=provisions,
        rules=dict(sorted(rules.items())),
        compiled=compiled,
        rule_files=rule_files,
        coverage=tuple(meta.coverage),
    )


def _to_plain(ruleset: Ruleset) -> dict[str, Any]:
    """The validated ruleset as plain JSON data for the cache: every field of every model, defaults included, so
    that records.py can give them back without knowing the models' defaults."""
    from infoshare.core.model import RulesetFile

    acts: dict[int, ActFile] = {}
    for provision in ruleset.provisions.values():
        acts.setdefault(id(provision.act), provision.act)
    return {
        "digest": ruleset.digest,
        "ruleset": RulesetFile(
            version=ruleset.version, law_covered_from=ruleset.law_covered_from, law_checked=ruleset.law_checked, coverage=list(ruleset.coverage)
        ).model_dump(mode="json", by_alias=True),
        "vocabulary": ruleset.vocabulary.model_dump(mode="json", by_alias=True),
        "acts": [act.model_dump(mode="json", by_alias=True) for act in acts.values()],
        "rules": [rule.model_dump(mode="json", by_alias=True) for rule in ruleset.rules.values()],
        "rule_files": {rule_id: path.relative_to(ruleset.root).as_posix() for rule_id, path in ruleset.rule_files.items()},
        "profiles": profiles_to_plain(field_profiles(ruleset)),
    }


def _entry_builders(light: bool) -> tuple[Callable[[Any], Any], ...]:
    """How the parts of a cache entry become objects: the models validating them again, or (`light`) records."""
    if light:
        from infoshare.core import records

        return records.RulesetMeta, records.Vocabulary, records.Act, records.Rule
    from infoshare.core.model import ActFile, Rule, RulesetFile, VocabularyFile

    return RulesetFile.model_validate, VocabularyFile.model_validate, ActFile.model_validate, Rule.model_validate


def _from_entry(entry: dict[str, Any], root: Path, light: bool) -> Ruleset | None:
    """A ruleset from a cache entry: its shapes validated again by the models, or (`light`) as records built
    without pydantic; None for an entry that does not fit. Its digest is the one computed when it was validated:
    the entry's key covers the same bytes."""
    meta_from, vocabulary_from, act_from, rule_from = _entry_builders(light)
    digest = entry.get("digest")
    if not (isinstance(digest, str) and digest.startswith("sha256:")):
        return None
    try:
        meta = meta_from(entry["ruleset"])
        vocabulary = vocabulary_from(entry["vocabulary"])
        provisions: dict[str, Provision] = {}
        for act in map(act_from, entry["acts"]):
            provisions |= {section.id: Provision(act, section) for section in act.sections}
        rules = {rule.id: rule for rule in map(rule_from, entry["rules"])}
        rule_files = {rule_id: root / relative for rule_id, relative in entry["rule_files"].items()}
        descendants = role_descendants(vocabulary)
        profiles = profiles_from_plain(entry["profiles"], rules)
    except (KeyError, TypeError, AttributeError, ValueError):  # pydantic's ValidationError is a ValueError
        return None
    if set(rule_files) != set(rules):
        return None
    return _assemble(root, digest, meta, vocabulary, descendants, provisions, rules, rule_files)._replace(profiles=profiles)


def _read(path: Path, sources: dict[Path, Source], problems: list[Problem]) -> Located | None:
    name = display(path)
    try:
        source = sources[path] if path in sources else read_source(path, name)
        if isinstance(source, Problem):
            problems.append(source)
            return None
        return parse(decode(source, name), name)
    except YamlSyntaxError as exc:
        problems.append(exc.problem)
        return None


def validate(model: type[M], doc: Located) -> tuple[M | None, list[Problem]]:
    """Validate a located document against a model; problems carry file:line."""
    from pydantic import ValidationError

    if not isinstance(doc.data, dict):
        what = "empty" if doc.data is None else f"a {type(doc.data).__name__}, not a mapping of keys"
        return None, [doc.problem((), f"the file is {what}", code="IS001")]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, [_pydantic_problem(doc, err) for err in exc.errors(include_url=False)]


def read_model(model: type[M], path: Path) -> tuple[M, Located]:
    """Read and validate one file on its own (cases, patterns); any problem raises RulesetError with file:line."""
    try:
        doc = load_file(path, display(path))
    except YamlSyntaxError as exc:
        raise RulesetError([exc.problem]) from None
    result, problems = validate(model, doc)
    if result is None:
        raise RulesetError(problems)
    return result, doc


def _validate(model: type[M], doc: Located | None, problems: list[Problem]) -> M | None:
    if doc is None:
        return None
    result, found = validate(model, doc)
    problems.extend(found)
    return result


@functools.cache
def _keywords() -> set[str]:
    """Every key a rule data file may hold, for 'did you mean' on an unknown one."""
    from infoshare.core.model import ActFile, Coverage, Rule, RulesetFile, Section, VocabularyFile

    return {
        name
        for model in (Rule, ActFile, Section, VocabularyFile, RulesetFile, Coverage)
        for name, info in model.model_fields.items()
        for name in (info.alias or name,)
    } | {*ID_FIELDS, *OPEN_FIELDS, "subject", "facts", "any_of", "below", "above", "at_least", "at_most", "not", "from", "to"}


def _pydantic_problem(doc: Located, err: ErrorDetails) -> Problem:
    from infoshare.core.model import CODED_ERRORS

    path = tuple(p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
    where = ".".join(str(p) for p in path) or "the file"
    text_missing = len(path) > 1 and path[-1] in LANGUAGES and err["type"] in ("missing", "string_too_short")
    code = "IS007" if text_missing else err["type"] if err["type"] in CODED_ERRORS else "IS002"
    if err["type"] == "extra_forbidden":
        return doc.problem(path, f"unknown key '{path[-1]}'", did_you_mean(path[-1], _keywords()), code)
    if err["type"] == "missing":
        return doc.problem(path, f"'{where}' is missing", code=code)
    message = err["msg"].removeprefix("Value error, ")
    return doc.problem(path, f"{where}: {message}", code=code)


def _check_roles(vocabulary: VocabularyFile, doc: Located, problems: list[Problem]) -> dict[str, frozenset[str]]:
    """Each role with all roles below it; parents must exist and never loop."""
    parents = {role: entry.parent for role, entry in vocabulary.roles.items()}
    for role, parent in parents.items():
        if parent is not None and parent not in parents:
            problems.append(doc.problem(("roles", role, "parent"), f"unknown parent role '{parent}'", did_you_mean(parent, parents), "IS003"))
    loops: list[str] = []
    descendants = role_descendants(vocabulary, loops)
    for role in loops:
        problems.append(doc.problem(("roles", role, "parent"), f"the parents of '{role}' form a loop", code="IS002"))
    return descendants


def role_descendants(vocabulary: VocabularyFile, loops: list[str] | None = None) -> dict[str, frozenset[str]]:
    """Each role with all roles below it; a role whose parents loop is added to `loops`."""
    parents = {role: entry.parent for role, entry in vocabulary.roles.items()}
    descendants: dict[str, set[str]] = {role: {role} for role in parents}
    for role in parents:
        seen, current = {role}, parents[role]
        while current is not None and current in parents:
            if current in seen:
                if loops is not None:
                    loops.append(role)
                break
            seen.add(current)
            descendants[current].add(role)
            current = parents[current]
    return {role: frozenset(ids) for role, ids in descendants.items()}


def _check_rule(
    rule: Rule,
    doc: Located,
    vocabulary: VocabularyFile,
    provisions: dict[str, Provision],
    rules: dict[str, Rule],
    pending_bills: set[str],
    problems: list[Problem],
) -> None:
    def unknown(path: tuple[Any, ...], kind: str, value: Any, choices: Iterable[str]) -> None:
        problems.append(doc.problem(path, f"unknown {kind} '{value}'", did_you_mean(value, choices), "IS004" if kind == "provision" else "IS003"))

    for index, provision in enumerate(rule.provisions):
        if provision not in provisions:
            unknown(("provisions", index), "provision", provision, provisions)
        elif provisions[provision].pending and rule.pending_bill is None:
            problems.append(doc.problem(("provisions", index), f"'{provision}' belongs to a pending bill", "add pending_bill: to the rule", "IS009"))
    for index, other in enumerate(rule.overrides):
        if other not in rules:
            unknown(("overrides", index), "rule", other, rules)
        elif other == rule.id:
            problems.append(doc.problem(("overrides", index), "a rule cannot override itself", code="IS005"))
    for index, obligation in enumerate(rule.obligations):
        if obligation not in vocabulary.obligations:
            unknown(("obligations", index), "obligation", obligation, vocabulary.obligations)
    if rule.pending_bill is not None and rule.pending_bill not in pending_bills:
        unknown(("pending_bill",), "pending bill", rule.pending_bill, pending_bills)
    _check_condition(rule.when, ("when",), doc, vocabulary, problems)
    _check_duty(rule, doc, vocabulary, problems)


# The one item a duty attaching to facts may leave out: what was confided never leaves the priest (Church Act ch.7 s.9).
DUTY_MAY_EXCLUDE = frozenset({"confession"})


def _check_duty(rule: Rule, doc: Located, vocabulary: VocabularyFile, problems: list[Problem]) -> None:
    """A duty that attaches to facts binds whatever item, purpose or initiative the worker picked; a right to
    obtain is exercised on request. The format says so, and this check holds every duty to it."""
    if rule.duty == "on_request":
        initiative = rule.when.initiative
        if initiative is None or initiative.negated or initiative.ids != ["on_request"]:
            problems.append(doc.problem(("when",), "a right to obtain (duty: on_request) needs `initiative: on_request`", code="IS020"))
        return
    if rule.duty != "on_facts":
        return

    def visit(condition: Condition, path: tuple[Any, ...]) -> None:
        for label in ("purpose", "initiative"):
            if getattr(condition, label) is not None:
                problems.append(doc.problem((*path, label), f"a duty that attaches to facts binds whatever {label} the worker picked: remove `{label}`", code="IS020"))
        item = condition.item
        if item is not None and not (item.negated and set(item.ids) <= DUTY_MAY_EXCLUDE):
            problems.append(doc.problem((*path, "item"), "a duty that attaches to facts binds whatever item the worker picked: remove `item` (or write `{not: [confession]}`)", code="IS020"))
        for index, block in enumerate(condition.any_of):
            visit(block, (*path, "any_of", index))

    visit(rule.when, ("when",))
    if rule.serves is not None and rule.serves not in vocabulary.purposes:
        problems.append(doc.problem(("serves",), f"unknown purpose '{rule.serves}'", did_you_mean(rule.serves, vocabulary.purposes), code="IS003"))
    if rule.informs is not None:
        excluded = set(rule.when.item.ids) if rule.when.item is not None else set()
        if rule.informs not in vocabulary.items or rule.informs in excluded:
            problems.append(doc.problem(("informs",), f"'{rule.informs}' is not an item this duty can be met with", did_you_mean(rule.informs, vocabulary.items), code="IS020"))


def _check_coverage(meta: RulesetFile, doc: Located, vocabulary: VocabularyFile, problems: list[Problem]) -> None:
    """The roles a coverage claim names must exist; its `gateways` (for reviewers) are checked by lint."""
    for index, entry in enumerate(meta.coverage):
        for side in ("disclosers", "recipients"):
            for position, role in enumerate(getattr(entry, side)):
                if role not in vocabulary.roles:
                    problems.append(doc.problem(("coverage", index, side, position), f"unknown role '{role}'", did_you_mean(role, vocabulary.roles), code="IS003"))


def _check_condition(condition: Any, path: tuple[Any, ...], doc: Located, vocabulary: VocabularyFile, problems: list[Problem]) -> None:
    kinds: dict[str, tuple[str, Collection[str]]] = {
        "discloser": ("role", vocabulary.roles),
        "recipient": ("role", vocabulary.roles),
        "item": ("item", vocabulary.items),
        "purpose": ("purpose", vocabulary.purposes),
        "initiative": ("initiative", INITIATIVES),
    }
    for name, (kind, choices) in kinds.items():
        id_set: IdSet | None = getattr(condition, name)
        for index, value in enumerate(id_set.ids if id_set else []):
            if value not in choices:
                problems.append(doc.problem((*path, name, index), f"unknown {kind} '{value}'", did_you_mean(value, choices), "IS003"))
    for fact, test in condition.facts.items():
        where = (*path, "facts", fact)
        entry = vocabulary.facts.get(fact)
        if entry is None:
            problems.append(doc.problem(where, f"unknown fact '{fact}'", did_you_mean(fact, vocabulary.facts), "IS003"))
            continue
        problem = _fact_test_problem(entry.type, test)
        if problem:
            message, code = problem
            problems.append(doc.problem(where, f"fact '{fact}': {message}", code=code))
    for index, block in enumerate(condition.any_of):
        _check_condition(block, (*path, "any_of", index), doc, vocabulary, problems)


def _fact_test_problem(kind: Any, test: Any) -> tuple[str, str] | None:
    """What is wrong with a fact's test for the fact's type, with its lint code; None when it fits."""
    from infoshare.core.model import IdSet, NumberTest

    if kind == "bool":
        return None if isinstance(test, bool) else ("a yes/no fact takes true or false", "IS002")
    if kind == "number":
        return None if isinstance(test, NumberTest) else ("a number fact takes {below: …}, {at_least: …} and the like", "IS002")
    values = test.ids if isinstance(test, IdSet) else test if isinstance(test, list) else [test]
    wrong = [v for v in values if v not in kind]
    if wrong:
        hint = did_you_mean(wrong[0], kind) or ""
        return f"'{wrong[0]}' is not one of {', '.join(kind)}. {hint}".strip(), "IS003"
    return None


def _check_override_cycles(rules: dict[str, Rule], docs: dict[str, Located], problems: list[Problem]) -> None:
    """Depth-first search with an explicit stack (a long acyclic chain of overrides must not exhaust Python's)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for start in sorted(rules):
        if start in state:
            continue
        state[start] = 1
        path = [start]
        stack = [iter(rules[start].overrides)]
        while stack:
            rule_id = path[-1]
            other = next(stack[-1], None)
            if other is None:
                state[rule_id] = 2
                path.pop()
                stack.pop()
            elif other not in rules:
                continue
            elif state.get(other) == 1:
                cycle = path[path.index(other):] + [other]
                index = rules[rule_id].overrides.index(other)
                problems.append(docs[rule_id].problem(("overrides", index), "the overrides form a cycle: " + " → ".join(cycle), code="IS005"))
            elif other not in state:
                state[other] = 1
                path.append(other)
                stack.append(iter(rules[other].overrides))


def _named(root: Path, sources: Mapping[Path, Source]) -> list[bytes]:
    """Each source file's name in `root` and its bytes as read (an unreadable file counts as absent), in turn."""
    inside = str(root) + os.sep  # every source lies in `root`: its name there is the rest of its path (cheaper than relative_to)
    named = []
    for path, source in sources.items():
        text = str(path)
        name = text[len(inside) :].replace(os.sep, "/") if text.startswith(inside) else path.relative_to(root).as_posix()
        named += [name.encode(), source if isinstance(source, bytes) else b"<missing>"]
    return named


def _digest(named: list[bytes]) -> str:
    """The ruleset's identity: every source file's name and the bytes read (`_named`)."""
    import hashlib  # here, not above: a ruleset from the cache has its digest already, and hashlib loads OpenSSL

    digest = hashlib.sha256()
    for part in named:
        digest.update(part + b"\0")
    return "sha256:" + digest.hexdigest()
