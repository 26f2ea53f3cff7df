"""`infoshare lint`: what a reviewer of the rule files cannot see by eye, each finding with a stable code.

The loader already refuses broken files (exit 3); lint turns each of its problems into a coded finding
and keeps going, checking what remains: rules without cases, rules that can never apply, rules in force
on a day none of their provisions is, and opposing rules that meet undefeated on some question (found
by searching the question space, with that question as the example). Codes never change meaning; a
retired check keeps its code unused.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from infoshare.core.documents import Located, YamlSyntaxError, load_file
from infoshare.core.loader import Ruleset, check_files, default_root, display, load_ruleset, source_paths
from infoshare.core.question import question_from_data
from infoshare.core.suggest import did_you_mean
from infoshare.domain import LANGUAGES, OPEN_FIELDS, fact_name
from infoshare.errors import Problem, QuestionError, RulesetError
from infoshare.review.boundaries import bounds
from infoshare.review.cases import LocatedCase, case_files, load_cases, rules_without_cases
from infoshare.review.rule_text import mismatches
from infoshare.review.witnesses import QuestionSpace


@dataclass(frozen=True)
class Check:
    name: str
    severity: str
    hint: str


_LANGUAGES = f"{', '.join(LANGUAGES[:-1])} and {LANGUAGES[-1]}"  # fi, sv and en

CHECKS: dict[str, Check] = {
    "IS001": Check("unreadable-file", "error", "fix the YAML syntax: indentation, a missing colon or an unclosed quote"),
    "IS002": Check("schema", "error", "compare the file with docs/file-formats.md or `infoshare schema`"),
    "IS003": Check("unknown-id", "error", "use an id from vocabulary.yaml (`infoshare vocab`), legal_basis/ or rules/"),
    "IS004": Check("dangling-provision", "error", "cite a provision id defined in legal_basis/, or add the section there"),
    "IS005": Check("override-cycle", "error", "remove one of the overrides: which rule prevails must go one way only"),
    "IS006": Check("duplicate-id", "error", "give each rule and provision an id of its own, and name a rule's file after its id"),
    "IS007": Check("missing-language", "error", f"write the text in every language: {_LANGUAGES}"),
    "IS008": Check("verified-without-source", "error", "name the statute file that was checked in `source`, or set verified: false"),
    "IS009": Check("pending-bill-provision", "error", "add pending_bill: to the rule, or cite a provision in force"),
    "IS010": Check("rule-without-cases", "error", "add <rule-id>.cases.yaml beside the rule: a case where it decides and one at its boundary"),
    "IS011": Check("invalid-cases-file", "error", "fix the case so that it names a rule, ids and a question the ruleset knows"),
    "IS012": Check("rule-never-applies", "error", "remove the contradictory conditions or dates, or delete the rule"),
    "IS013": Check("unresolved-conflict", "error", "add one rule to the other's `overrides` (the one that prevails in law); if the law leaves it open, say so in one rule's `unsettled:` (the point and its source)"),
    "IS014": Check("open-conflict", "warning", "intended: the law leaves this open (a rule's `unsettled:`), so the tool refers"),
    "IS015": Check("outlives-provisions", "error", "end the rule with valid_to when its provisions end, or cite the version of the provision in force then"),
    "IS016": Check("search-skipped", "warning", "fix the errors above, then lint again"),
    "IS017": Check("text-contradicts-condition", "warning", "make the id, title and explanation name the bounds and dates the condition has (rename the rule's file with its id)"),
    "IS018": Check("languages-disagree", "warning", f"state the same numbers and dates in the {_LANGUAGES} explanations"),
    "IS019": Check("boundary-without-cases", "warning", "add a case on each side of the bound to the rule's cases file: `infoshare test --coverage` lists the boundaries"),
    "IS020": Check("duty-scope", "error", "a duty on facts names no item (but {not: [confession]}), purpose or initiative; a right to obtain says initiative: on_request; only a forbid rule is a fallback"),
    "IS021": Check("act-url-host", "error", "link an act to finlex.fi, a government bill to eduskunta.fi (riksdagen.fi) and EU law to eur-lex.europa.eu, over https"),
    "IS022": Check("engine-limit", "error", "split the rule into simpler rules: the rules engine cannot evaluate this condition"),
}

# The only hosts an act's `url` may name, by the kind of act (its number's form).
_ACT_HOSTS = (
    (re.compile(r"^HE "), ("eduskunta.fi", "riksdagen.fi")),  # the Parliament, in Finnish and in Swedish
    (re.compile(r"^EU "), ("eur-lex.europa.eu",)),
    (re.compile(r""), ("finlex.fi",)),
)

@dataclass(frozen=True)
class Finding:
    """One thing lint found: a stable code, where it is, what is wrong and how to fix it."""

    code: str
    severity: str
    file: str
    line: int | None
    message: str
    hint: str
    example: dict[str, Any] | None = None
    rules: tuple[str, ...] = ()  # the rules a finding is about, for tools that group by rule

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["check"] = CHECKS[self.code].name
        data["rules"] = list(self.rules)
        if self.example is None:
            del data["example"]
        return data


def finding(
    code: str, file: str, line: int | None, message: str, hint: str | None = None, example: dict[str, Any] | None = None, rules: tuple[str, ...] = ()
) -> Finding:
    check = CHECKS[code]
    return Finding(code, check.severity, file, line, message, hint or check.hint, example, rules)


def lint(root: Path | None = None) -> list[Finding]:
    """Every finding for the rule data under `root`, sorted by file, line and code."""
    root = (root or default_root()).resolve()
    ruleset, problems, left_out = _load(root)
    rule_docs = _rule_docs(root)
    findings = [_from_problem(p, rule_docs) for p in _without_echoes(root, problems)]
    findings += _rules_without_cases(rule_docs)
    findings += _act_urls(root)
    findings += _cases_findings(root, ruleset, left_out)
    if ruleset is not None:
        space = QuestionSpace(ruleset)
        findings += _never_apply(ruleset, space, rule_docs)
        findings += _outlive_provisions(ruleset, rule_docs)
        findings += _undeclared_duties(ruleset, rule_docs)
        findings += _coverage_gateways(root, ruleset)
        findings += _text_mismatches(ruleset, rule_docs)
        findings += _boundary_gaps(ruleset, rule_docs)
        findings += _beyond_the_engine(ruleset, rule_docs)
        if not problems:
            findings += _conflicts(ruleset, space, rule_docs)
    findings.sort(key=lambda f: (f.file, f.line or 0, f.code, f.message))
    if problems:
        note = "the search for conflicting rules did not run: some files could not be loaded"
        findings.append(finding("IS016", display(root / "rules"), None, note))
    return findings


def exit_code(findings: list[Finding]) -> int:
    """0 when there are no errors (warnings allowed), 3 otherwise, as for invalid rule files."""
    return 3 if any(f.severity == "error" for f in findings) else 0


def render(findings: list[Finding], output_format: str = "text") -> str:
    """`text`: one finding a paragraph and a count; `json`: a list of finding objects."""
    if output_format == "json":
        return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
    lines = []
    for one in findings:
        lines.append(f"{one.where}: {one.severity} {one.code} {CHECKS[one.code].name}: {one.message}")
        lines.append(f"  fix: {one.hint}")
        if one.example is not None:
            lines.append(f"  example: {json.dumps(one.example, ensure_ascii=False)}")
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    lines.append(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return "\n".join(lines) + "\n"


# -- loading, as far as it goes ----------------------------------------------------------------------


def _load(root: Path) -> tuple[Ruleset | None, list[Problem], set[Path]]:
    """The ruleset, the loader's problems and the files left out. When files are broken, load what is left
    without them (and without the rules that then lose an override), so the checks of single rules still
    run; None when the vocabulary or ruleset.yaml itself is broken."""
    try:
        return load_ruleset(root), [], set()
    except RulesetError as error:
        problems = error.problems
    act_paths, rule_paths = source_paths(root)
    essential = {display(root / "vocabulary.yaml"), display(root / "ruleset.yaml")}
    excluded: set[Path] = set()
    named = {p.file for p in problems}
    while not named & essential:
        newly = {p for p in (*act_paths, *rule_paths) if display(p) in named} - excluded
        if not newly:
            break
        excluded |= newly
        try:
            kept_acts = [p for p in act_paths if p not in excluded]
            kept_rules = [p for p in rule_paths if p not in excluded]
            return check_files(root, kept_acts, kept_rules, "sha256:partial"), problems, excluded
        except RulesetError as error:
            named = {p.file for p in error.problems}
    return None, problems, excluded


def _without_echoes(root: Path, problems: list[Problem]) -> list[Problem]:
    """Drop 'unknown provision' or 'unknown rule' for an id whose own file is broken: fixing that file fixes them."""
    broken = {p.file for p in problems}
    defined: set[str] = set()
    for path in (root / "legal_basis").glob("*.yaml"):
        if display(path) in broken:
            try:
                sections = load_file(path, display(path)).data.get("sections") or []
            except (YamlSyntaxError, AttributeError):
                continue
            defined |= {f"provision '{s.get('id')}'" for s in sections if isinstance(s, dict)}
    defined |= {f"rule '{p.stem}'" for p in (root / "rules").rglob("*.yaml") if display(p) in broken}
    return [p for p in problems if p.message.removeprefix("unknown ") not in defined]


def _from_problem(problem: Problem, rule_docs: dict[str, tuple[Path, Located]]) -> Finding:
    code = problem.code or "IS002"  # set where the problem was found; a bare problem is a schema error
    line = problem.line
    if code == "IS012":  # the model reports dates out of order on the whole rule; point at the end date
        docs = {doc.file: doc for _, doc in rule_docs.values()}
        line = _line(docs[problem.file], "valid_to") if problem.file in docs else line
    return finding(code, problem.file, line, problem.message, problem.hint)


def _rule_docs(root: Path) -> dict[str, tuple[Path, Located]]:
    """Every readable rule file by its file name, with the lines of its keys."""
    docs: dict[str, tuple[Path, Located]] = {}
    for path in sorted((root / "rules").rglob("*.yaml")):
        if not path.name.endswith(".cases.yaml"):
            try:
                docs.setdefault(path.stem, (path, load_file(path, display(path))))
            except YamlSyntaxError:
                continue  # reported by the loader
    return docs


def _line(doc: Located, *keys: str) -> int | None:
    """The line of the first of `keys` the rule file has, else of its id."""
    for key in (*keys, "id"):
        if (key,) in doc.lines:
            return doc.lines[(key,)]
    return doc.line_of(())


def _act_urls(root: Path) -> list[Finding]:
    """An act's link goes to the official publisher of its kind, so a page never links elsewhere."""
    from urllib.parse import urlsplit

    found = []
    for path in source_paths(root)[0]:
        try:
            doc = load_file(path, display(path))
        except YamlSyntaxError:
            continue  # reported by the loader
        act, url = (doc.data.get(key) if isinstance(doc.data, dict) else None for key in ("act", "url"))
        if not isinstance(act, str) or not isinstance(url, str):
            continue
        hosts = next(hosts for pattern, hosts in _ACT_HOSTS if pattern.search(act))
        parts = urlsplit(url)
        host = (parts.hostname or "").removeprefix("www.")
        if parts.scheme != "https" or host not in hosts:
            message = f"the url of act '{act}' must be an https address on {' or '.join(hosts)}"
            found.append(finding("IS021", doc.file, doc.line_of(("url",)), message))
    return found


# -- cases ---------------------------------------------------------------------------------------------


def _rules_without_cases(rule_docs: dict[str, tuple[Path, Located]]) -> list[Finding]:
    found = []
    for rule_id in rules_without_cases({rule_id: path for rule_id, (path, _) in rule_docs.items()}):
        path, doc = rule_docs[rule_id]
        cases = path.with_name(f"{rule_id}.cases.yaml")
        found.append(finding("IS010", doc.file, _line(doc), f"rule '{rule_id}' has no cases file ({display(cases)})", rules=(rule_id,)))
    return found


def _cases_findings(root: Path, ruleset: Ruleset | None, left_out: set[Path]) -> list[Finding]:
    """Cases files that cannot run: malformed, for an unknown rule, or with ids the ruleset lacks. An id
    from a file left out of a partial load counts as known: its file's own findings say what is wrong."""
    found = []
    acts_left_out = any(p.parent == root / "legal_basis" for p in left_out)
    rule_ids = {*(ruleset.rules if ruleset else ()), *(p.stem for p in left_out if p.parent != root / "legal_basis")}
    provision_ids = None if ruleset is None or acts_left_out else set(ruleset.provisions)
    for path in case_files(root):
        try:
            located = load_cases(path)
        except RulesetError as error:
            found += [finding("IS011", p.file, p.line, p.message, p.hint) for p in error.problems]
            continue
        name = path.name.removesuffix(".cases.yaml")
        first = located[0]
        line = load_file(path, display(path)).line_of(("rule",)) if first.rule != name or first.rule not in rule_ids else None
        if first.rule != name:
            found.append(finding("IS011", first.file, line, f"the file is named for rule '{name}' but its `rule:` is '{first.rule}'"))
        if ruleset is None:
            continue
        if first.rule not in rule_ids:
            found.append(finding("IS011", first.file, line, f"unknown rule '{first.rule}'", did_you_mean(first.rule, rule_ids)))
        for case in located:
            found += _case_findings(case, ruleset, rule_ids, provision_ids)
    return found


def _case_findings(case: LocatedCase, ruleset: Ruleset, rule_ids: set[str], provision_ids: set[str] | None) -> list[Finding]:
    found = []
    try:
        question_from_data(case.case.question, case.file, ruleset)
    except QuestionError as error:
        found += [finding("IS011", case.file, case.line, f"case '{case.case.name}': the question is invalid: {p.message}", p.hint) for p in error.problems]
    expect = case.case.expect
    facts = {*ruleset.vocabulary.facts, *map(fact_name, OPEN_FIELDS)}
    for kind, ids, known in (
        ("rule", [*expect.grounds, *expect.not_grounds], rule_ids),
        ("provision", expect.citations if provision_ids is not None else [], provision_ids or set()),
        ("fact", expect.questions, facts),
        ("role", expect.related_duties, ruleset.vocabulary.roles),
    ):
        for one in ids:
            if one not in known:
                found.append(finding("IS003", case.file, case.line, f"case '{case.case.name}' expects an unknown {kind} '{one}'", did_you_mean(one, known)))
    return found


# -- rules that can never apply, or outlive their law --------------------------------------------------


def _never_apply(ruleset: Ruleset, space: QuestionSpace, rule_docs: dict[str, tuple[Path, Located]]) -> list[Finding]:
    found = []
    start = ruleset.law_covered_from
    for rule_id, rule in ruleset.rules.items():
        _, doc = rule_docs[rule_id]
        if rule.pending_bill is None and rule.valid_to is not None and rule.valid_to < start:
            message = f"rule '{rule_id}' ends on {rule.valid_to}, before the ruleset's coverage starts ({start})"
            found.append(finding("IS012", doc.file, _line(doc, "valid_to"), message, rules=(rule_id,)))
        elif space.witness(rule_id) is None:
            message = f"no question meets the conditions of rule '{rule_id}': they contradict each other"
            found.append(finding("IS012", doc.file, _line(doc, "when"), message, rules=(rule_id,)))
    return found


def _beyond_the_engine(ruleset: Ruleset, rule_docs: dict[str, tuple[Path, Located]]) -> list[Finding]:
    """A condition durable-rules cannot evaluate would break every check: name it here instead."""
    from infoshare.core.durable import engine_problem

    found = []
    for rule_id, expr in ruleset.compiled.items():
        if problem := engine_problem(expr):
            _, doc = rule_docs[rule_id]
            found.append(finding("IS022", doc.file, _line(doc, "when"), f"rule '{rule_id}': {problem}", rules=(rule_id,)))
    return found


def _outlive_provisions(ruleset: Ruleset, rule_docs: dict[str, tuple[Path, Located]]) -> list[Finding]:
    """A rule in force on a day when none of its provisions is (within the ruleset's coverage)."""
    found = []
    for rule_id, rule in ruleset.rules.items():
        start = rule.valid_from if rule.pending_bill else max(rule.valid_from, ruleset.law_covered_from)
        spans = [_in_force(ruleset, pid) for pid in rule.provisions]
        day = _first_uncovered(start, rule.valid_to, spans)
        if day is None:
            continue
        _, doc = rule_docs[rule_id]
        ended = any(end < day for _, end in spans)
        message = f"rule '{rule_id}' is in force on {day}, but none of its provisions ({', '.join(rule.provisions)}) is"
        found.append(finding("IS015", doc.file, _line(doc, "valid_to" if ended else "valid_from"), message, rules=(rule_id,)))
    return found


def _coverage_gateways(root: Path, ruleset: Ruleset) -> list[Finding]:
    """A coverage claim in ruleset.yaml names the provisions it rests on; each must be written in legal_basis/ (one
    in a file that does not load is reported there, once)."""
    doc = load_file(root / "ruleset.yaml", display(root / "ruleset.yaml"))
    written = {m.group(1) for path in (root / "legal_basis").glob("*.yaml") for m in re.finditer(r"^\s*- id: (\S+)", path.read_text(encoding="utf-8"), re.M)}
    found = []
    for index, entry in enumerate(ruleset.coverage):
        for position, provision in enumerate(entry.gateways):
            if provision not in written:
                problem = doc.problem(("coverage", index, "gateways", position), f"unknown provision '{provision}'")
                found.append(finding("IS004", problem.file, problem.line, problem.message))
    return found


def _undeclared_duties(ruleset: Ruleset, rule_docs: dict[str, tuple[Path, Located]]) -> list[Finding]:
    """A require rule that does not say whether it is a duty on facts or a right to obtain on request."""
    found = []
    for rule_id, rule in ruleset.rules.items():
        if rule.effect == "require" and rule.duty is None:
            _, doc = rule_docs[rule_id]
            message = f"rule '{rule_id}' requires disclosure but does not say `duty: on_facts` or `duty: on_request`"
            found.append(finding("IS020", doc.file, _line(doc, "effect"), message, rules=(rule_id,)))
    return found


def _in_force(ruleset: Ruleset, provision_id: str) -> tuple[dt.date, dt.date]:
    """The days a provision is law: its section's in-force range within its act's."""
    provision = ruleset.provisions[provision_id]
    ranges = (provision.section.in_force, provision.act.in_force)
    start = max((r.from_ for r in ranges if r.from_ is not None), default=dt.date.min)
    end = min((r.to for r in ranges if r.to is not None), default=dt.date.max)
    return start, end


def _first_uncovered(start: dt.date, end: dt.date | None, spans: list[tuple[dt.date, dt.date]]) -> dt.date | None:
    day = start
    while end is None or day <= end:
        covering = [span_end for span_start, span_end in spans if span_start <= day <= span_end]
        if not covering:
            return day
        if max(covering) == dt.date.max:
            return None
        day = max(covering) + dt.timedelta(days=1)
    return None


def _text_mismatches(ruleset: Ruleset, rule_docs: dict[str, tuple[Path, Located]]) -> list[Finding]:
    """Words of a rule (id, title, explanation) that name a bound or date its condition does not, or that differ by language."""
    found = []
    for rule_id in ruleset.rules:
        _, doc = rule_docs[rule_id]
        for one in mismatches(ruleset, rule_id):
            code = "IS018" if one.languages_disagree else "IS017"
            found.append(finding(code, doc.file, _line(doc, one.key), one.message, rules=(rule_id,)))
    return found


def _boundary_gaps(ruleset: Ruleset, rule_docs: dict[str, tuple[Path, Located]]) -> list[Finding]:
    """Each numeric bound or date of a rule whose own cases do not sit on both sides of it (boundaries.py)."""
    found = []
    for rule_id in ruleset.rules:
        path, doc = rule_docs[rule_id]
        try:
            questions = [one.case.question for one in load_cases(path.with_name(f"{rule_id}.cases.yaml"))]
        except RulesetError:
            continue  # no cases file (IS010) or a broken one (IS011)
        for bound in bounds(ruleset, rule_id):
            missing = bound.missing(questions)
            if missing:
                sides = " and ".join(map(str, bound.sides))
                message = f"rule '{rule_id}': {bound.text} has no case at {', '.join(map(str, missing))} (cases at {sides} show where the answer turns)"
                found.append(finding("IS019", doc.file, _line(doc, bound.key), message, rules=(rule_id,)))
    return found


# -- opposing rules that meet undefeated -------------------------------------------------------------


def _conflicts(ruleset: Ruleset, space: QuestionSpace, rule_docs: dict[str, tuple[Path, Located]]) -> list[Finding]:
    """Each forbid and permit/require pair, neither overriding the other, that stands together on some question."""
    rules = ruleset.rules
    pairs = [
        (forbid, other)
        for forbid, f in rules.items()
        if f.effect == "forbid"
        for other in sorted(space.neighbours(forbid))  # only rules that can hold where the forbid rule holds can meet it
        if rules[other].effect != "forbid" and other not in f.overrides and forbid not in rules[other].overrides
    ]
    unsettled = {rule_id for rule_id, rule in rules.items() if rule.unsettled}
    found = []
    for meeting in space.meetings(pairs):
        _, doc = rule_docs[meeting.other]
        _, forbid_doc = rule_docs[meeting.forbid]
        effect = rules[meeting.other].effect
        message = (
            f"'{meeting.other}' ({effect}) and '{meeting.forbid}' (forbid, {forbid_doc.file}:{_line(forbid_doc)}) "
            "can both apply with no override between them: the answer is refer/conflict"
        )
        code = "IS014" if {meeting.forbid, meeting.other} & unsettled else "IS013"
        pair = (meeting.other, meeting.forbid)
        found.append(finding(code, doc.file, _line(doc, "overrides"), message, example=meeting.question, rules=pair))
    return found
