"""Every message key the code uses exists in the catalogue, and every key in it is used.

The code is walked, not grepped: Python with ``ast`` (every ``.py`` under the packages below) and
the Jinja templates with Jinja's own parser. A key is *used* when a string literal names it:

- in a key position: the first argument of ``t(…)``, of an error class (``NotFound("…")``) or of
  a key-carrying dataclass (``Reason``, ``Line``), the key of ``flash(request, "…")``, a
  ``detail_key=`` / ``next_key=`` keyword, an error class's ``key = "…"``, the noun of
  ``NotFound(what="case")`` (``what.case``); such a literal must exist whatever it looks like
  (``t("no.such.key")`` fails);
- anywhere else, when it looks like a key of a known family (``"chat.…"``, ``"reason.…"``):
  a ``Problem("security.…")``, a ``Check(…)``, ``LOGIN_NOTICES``, a key inside a URL. Audit
  action names (``action="web.login"``) and file names (``"chat.html"``) are not keys.

Keys built at run time (``f"chat.kind.{kind}"``, ``"web.status." ~ case.status``) are listed in
``FAMILIES`` below with the enumeration they are built from; a computed key not listed there
fails, and so does a family member missing from the catalogue.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

import jinja2
from jinja2 import nodes

from bot.web.pages.day import EXEMPT_FIELDS
from bot.web.pages.search import SCOPES
from investigation.aliases import KIND_KEYWORDS
from investigation.evaluate import METHODS, REFERENCES
from investigation.exempt import KINDS as EXEMPT_KINDS
from store.checks import Status
from store.models import (
    ACTION_KINDS,
    CASE_STATUSES,
    INVESTIGATION_RESULTS,
    STAFF_ROLES,
    SURFACES,
    TARGET_KINDS,
)
from tools.messages import MESSAGES
from tools.registry import tools

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "tools", "retrieval", "matching", "investigation", "store")
CATALOGUE = ROOT / "tools" / "messages"

# Calls whose argument at this position is a message key.
KEY_ARGUMENTS = {"t": 0, "_t": 0, "Reason": 0, "Line": 0, "flash": 1}
KEY_KEYWORDS = frozenset({"detail_key", "next_key"})  # (``key=`` also names CSV columns)
# Keywords whose value fills a key pattern: ``NotFound(what="case")`` renders ``what.case``.
KEY_PATTERN_KEYWORDS = {"what": "what.{}"}
# Literals that look like keys but are not: audit action names, file names.
NOT_KEY_KEYWORDS = frozenset({"action"})
FILE_SUFFIXES = frozenset({"html", "db", "csv", "json", "jsonl", "xml", "py", "txt", "md", "zip"})
KEY_SHAPE = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")
PATTERN_SHAPE = re.compile(r"[a-z][a-z0-9_]*\.[a-z0-9_.{}]*\{\}[a-z0-9_.{}]*")

# Keys built at run time: pattern → (the values filling ``{}``, where they come from).
FAMILIES: dict[str, tuple[Iterable[object], str]] = {
    "chat.ask.{}": (
        ("intent", "case_id", "which_case", "to_staff", "result", "pay"),
        "the router's Route.ask: low confidence, or the argument args_for found missing",
    ),
    "chat.tool.{}": (tools(), "one name per registered tool (help, the intent buttons)"),
    "chat.kind.{}": (TARGET_KINDS, "store.models.TARGET_KINDS"),
    "web.target_kind.{}": (TARGET_KINDS, "store.models.TARGET_KINDS"),
    "chat.status.{}": (CASE_STATUSES, "store.models.CASE_STATUSES"),
    "web.status.{}": (CASE_STATUSES, "store.models.CASE_STATUSES"),
    "recommend.excluded_{}": (
        [s for s in CASE_STATUSES if s != "open"],
        "a case not open is excluded from recommendation, by status",
    ),
    "chat.result.{}": (INVESTIGATION_RESULTS, "store.models.INVESTIGATION_RESULTS"),
    "web.case.{}": (INVESTIGATION_RESULTS, "case.html: an investigation's result"),
    "web.case.state.{}": (("superseded", "undone"), "store.models.Investigation.state of a retired row"),
    "result.already_{}": (("superseded", "undone"), "investigation.service.undo_result of a retired row"),
    "web.case.source.{}": (SURFACES, "store.models.SURFACES: where a record came from"),
    "web.action.{}": (ACTION_KINDS, "store.models.ACTION_KINDS (actions.csv)"),
    "web.role.{}": (STAFF_ROLES, "store.models.STAFF_ROLES"),
    "web.difficulty.{}": ((1, 2, 3), "case difficulty 1 易 to 3 難"),
    "web.level.{}": ((1, 2, 3, 4), "staff proficiency level 1 新任 to 4"),
    "assign.level.{}": ((1, 2, 3, 4), "staff proficiency level 1 新任 to 4"),
    "web.search.scope_{}": (SCOPES, "bot.web.pages.search.SCOPES"),
    "web.search.kind_{}": (("law", "notice", "manual", "faq"), "retrieval Document.kind"),
    "web.exempt.field.{}": (EXEMPT_FIELDS, "bot.web.pages.day.EXEMPT_FIELDS"),
    "exempt.kind.{}": (EXEMPT_KINDS, "investigation.exempt.KINDS"),
    "exempt.field.{}": (
        ("income_tax", "resident_tax", "social_insurance", "dependents"),
        "the deductions the chat tool assumes 0 when not given",
    ),
    "prescription.basis.{}": (("payment", "pledge"), "the acknowledgements that renew 時効"),
    "reason.notes_{}": (KIND_KEYWORDS, "investigation.aliases.KIND_KEYWORDS"),
    "reason.segment_{}": (
        ("none", "business", "salary", "both", "nosalary", "age"),
        "the groups of investigation.reasons.segment_rates",
    ),
    "recommend.col.{}": (("rank", "target", "kind", "score", "reason"), "the CLI's table"),
    "recommend.eval.method.{}": ((*METHODS, *REFERENCES), "investigation.evaluate"),
    "recommend.eval.basis_{}": (("truth", "observed"), "the evaluation's two bases"),
    "recommend.eval.{}_share": (("ceiling", "world"), "the references a share is given for"),
    "import.col_{}": (
        ("file", "encoding", "rows", "inserted", "updated", "unchanged", "duplicates"),
        "the import summary table",
    ),
    "doctor.col_{}": (("check", "status", "detail"), "the doctor table"),
    "doctor.status.{}": (get_args(Status), "store.checks.Status"),
    "bench.col_{}": (("what", "value", "goal"), "the import benchmark table"),
    "what.{}": ((), "error_text renders NotFound(what=…); each noun is checked where raised"),
}


@dataclass
class Usage:
    keyed: dict[str, str] = field(default_factory=dict)  # literal in a key position → where
    shaped: dict[str, str] = field(default_factory=dict)  # key-shaped literal elsewhere → where
    mentioned: set[str] = field(default_factory=set)  # every key-shaped token in any literal
    patterns: dict[str, str] = field(default_factory=dict)  # computed key pattern → where

    def add(self, other: Usage) -> None:
        self.keyed.update(other.keyed)
        self.shaped.update(other.shaped)
        self.mentioned |= other.mentioned
        self.patterns.update(other.patterns)


@dataclass
class Findings:
    missing: list[str]  # used, not in the catalogue
    unlisted: list[str]  # computed at run time, not in FAMILIES
    stale: list[str]  # in FAMILIES, computed nowhere
    missing_members: list[str]  # a family member not in the catalogue
    dead: list[str]  # in the catalogue, used nowhere


def _is_key(value: str, families: set[str]) -> bool:
    return (
        KEY_SHAPE.fullmatch(value) is not None
        and value.split(".", 1)[0] in families
        and value.rsplit(".", 1)[1] not in FILE_SUFFIXES
    )


def _pattern(pieces: list[str | None], families: set[str]) -> str | None:
    """``["chat.kind.", None]`` → ``"chat.kind.{}"`` when it reads as a key of a known family."""
    if not pieces or pieces[0] is None:
        return None
    pattern = "".join("{}" if p is None else p for p in pieces)
    if PATTERN_SHAPE.fullmatch(pattern) and pattern.split(".", 1)[0] in families:
        return pattern
    return None


def _error_classes(trees: Iterable[ast.Module]) -> set[str]:
    """``ChoshuError`` and every class deriving from it, by name."""
    classes = [n for tree in trees for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    found = {"ChoshuError"}
    grew = True
    while grew:
        grew = False
        for c in classes:
            bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in c.bases}
            if c.name not in found and bases & found:
                found.add(c.name)
                grew = True
    return found


def walk_python(
    source: str, where: str, *, families: set[str], error_classes: Set[str] = frozenset({"ChoshuError"})
) -> Usage:
    tree = ast.parse(source)
    usage = Usage()
    skip: set[int] = set()  # docstrings, f-string pieces, audit action names
    key_args: list[ast.expr] = []
    for node in ast.walk(tree):
        documented = isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        if documented and ast.get_docstring(node, clean=False) is not None:  # type: ignore[arg-type]
            skip.add(id(node.body[0].value))  # type: ignore[attr-defined]
        if isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values)
            pieces = [v.value if isinstance(v, ast.Constant) else None for v in node.values]
            pattern = _pattern(pieces, families)  # type: ignore[arg-type]
            if pattern:
                usage.patterns[pattern] = f"{where}:{node.lineno}"
        if isinstance(node, ast.Call):
            fn = node.func
            name = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""
            position = 0 if name in error_classes else KEY_ARGUMENTS.get(name)
            if position is not None and len(node.args) > position:
                key_args.append(node.args[position])
            for kw in node.keywords:
                if kw.arg in KEY_KEYWORDS:
                    key_args.append(kw.value)
                if kw.arg in KEY_PATTERN_KEYWORDS:
                    for value in _literal_branches(kw.value):
                        key = KEY_PATTERN_KEYWORDS[kw.arg].format(value)
                        usage.keyed[key] = f"{where}:{kw.value.lineno}"
                    skip.add(id(kw.value))
                if kw.arg in NOT_KEY_KEYWORDS:
                    skip.add(id(kw.value))
        if isinstance(node, ast.ClassDef) and {node.name, *map(ast.unparse, node.bases)} & error_classes:
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and [ast.unparse(x) for x in stmt.targets] == ["key"]:
                    key_args.append(stmt.value)
    for expr in key_args:
        for value in _literal_branches(expr):
            usage.keyed[value] = f"{where}:{expr.lineno}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            usage.mentioned.update(KEY_SHAPE.findall(node.value))
            if _is_key(node.value, families):
                usage.shaped[node.value] = f"{where}:{node.lineno}"
    return usage


def _literal_branches(expr: ast.expr) -> list[str]:
    """The literals an argument can be: ``"a"``, ``"a" if c else "b"``, ``x or "a"``."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return [expr.value]
    if isinstance(expr, ast.IfExp):
        return _literal_branches(expr.body) + _literal_branches(expr.orelse)
    if isinstance(expr, ast.BoolOp):
        return [v for e in expr.values for v in _literal_branches(e)]
    return []


def walk_template(source: str, where: str, *, families: set[str]) -> Usage:
    usage = Usage()
    tree = jinja2.Environment().parse(source)
    for call in tree.find_all(nodes.Call):
        if not (isinstance(call.node, nodes.Name) and call.node.name == "t" and call.args):
            continue
        arg = call.args[0]
        if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
            usage.keyed[arg.value] = f"{where}:{call.lineno}"
        elif isinstance(arg, nodes.Concat):
            pieces = [n.value if isinstance(n, nodes.Const) else None for n in arg.nodes]
            pattern = _pattern(pieces, families)
            if pattern:
                usage.patterns[pattern] = f"{where}:{call.lineno}"
    for const in tree.find_all(nodes.Const):
        if isinstance(const.value, str):
            usage.mentioned.update(KEY_SHAPE.findall(const.value))
    return usage


def walk_code(root: Path, *, families: set[str]) -> Usage:
    files = [
        f
        for package in PACKAGES
        for f in sorted((root / package).rglob("*.py"))
        if "migrations" not in f.parts and (f.parent != CATALOGUE or f.name == "__init__.py")
    ]
    sources = {f: f.read_text(encoding="utf-8") for f in files}
    errors = _error_classes(ast.parse(s) for s in sources.values())
    usage = Usage()
    for f, source in sources.items():
        where = str(f.relative_to(root))
        usage.add(walk_python(source, where, families=families, error_classes=errors))
    for f in sorted((root / "bot").rglob("templates/**/*.html")):
        where = str(f.relative_to(root))
        usage.add(walk_template(f.read_text(encoding="utf-8"), where, families=families))
    return usage


def audit(
    usage: Usage,
    catalogue: dict[str, dict[str, str]],
    families: dict[str, tuple[Iterable[object], str]],
) -> Findings:
    members = {p.format(m) for p, (values, _) in families.items() for m in values}
    used = usage.mentioned | usage.keyed.keys() | usage.shaped.keys() | members
    return Findings(
        missing=sorted(
            f"{k} ({w})" for k, w in {**usage.shaped, **usage.keyed}.items() if k not in catalogue
        ),
        unlisted=sorted(f"{p} ({w})" for p, w in usage.patterns.items() if p not in families),
        stale=sorted(p for p in families if p not in usage.patterns),
        missing_members=sorted(k for k in members if k not in catalogue),
        dead=sorted(k for k in catalogue if k not in used),
    )


FAMILY_NAMES = {k.split(".", 1)[0] for k in MESSAGES}


@functools.cache
def _findings() -> Findings:
    return audit(walk_code(ROOT, families=FAMILY_NAMES), MESSAGES, FAMILIES)


def test_every_key_the_code_uses_exists() -> None:
    findings = _findings()
    assert findings.missing == []
    assert findings.missing_members == []


def test_every_key_built_at_run_time_is_a_listed_family() -> None:
    findings = _findings()
    assert findings.unlisted == [], "list the family in FAMILIES with the values it is built from"
    assert findings.stale == []


def test_every_key_in_the_catalogue_is_used() -> None:
    assert _findings().dead == []


def test_every_chat_key_has_english() -> None:
    assert [k for k in MESSAGES if k.startswith("chat.") and "en" not in MESSAGES[k]] == []


# --- the walker itself ---------------------------------------------------------------------------

CATALOGUE_FIXTURE = {"chat.hello": {"ja": "こんにちは"}, "chat.kind.deposit": {"ja": "預貯金"}}


def _audit_source(python: str = "", template: str = "") -> Findings:
    families = {"chat", "web"}
    usage = walk_python(python, "x.py", families=families, error_classes={"ChoshuError", "NotFound"})
    usage.add(walk_template(template, "x.html", families=families))
    return audit(usage, CATALOGUE_FIXTURE, {"chat.kind.{}": (("deposit",), "test")})


def test_the_walker_finds_a_missing_key_in_any_key_position() -> None:
    sources = [
        't("no.such.key", lang)',
        't("chat.hello" if ok else "no.such.key")',
        'raise NotFound("no.such.key", ident=1)',
        "class Gone(NotFound):\n    key = 'no.such.key'",
        'Reason("no.such.key", {})',
        'flash(request, "no.such.key")',
        'Check(detail_key="no.such.key")',
        'raise NotFound(what="no.such.key", ident=1)',
        'reasons.append(Problem("chat.nope"))',  # a key-shaped literal anywhere
        'x = f"chat.kind.{k}"; t("chat.hello"); NOTICES = {"no.such.key"}; t("no.such.key")',
    ]
    for source in sources:
        missing = _audit_source(source).missing
        assert len(missing) == 1, source
        assert missing[0].split()[0] in {"no.such.key", "chat.nope", "what.no.such.key"}, source
    assert _audit_source(template='{{ t("no.such.key") }}').missing == ["no.such.key (x.html:1)"]


def test_the_walker_ignores_what_is_not_a_key() -> None:
    source = '''
"""A docstring naming chat.nope."""
audit(action="chat.login")
render("chat.html")
'''
    assert _audit_source(source + 't("chat.hello"); f"chat.kind.{k}"').missing == []


def test_the_walker_finds_computed_keys_and_unused_ones() -> None:
    unlisted = _audit_source('t(f"chat.colour.{c}")', '{{ t("web.x." ~ y) }}').unlisted
    assert [u.split()[0] for u in unlisted] == ["chat.colour.{}", "web.x.{}"]
    assert _audit_source("").stale == ["chat.kind.{}"]
    assert _audit_source('t(f"chat.kind.{k}")').dead == ["chat.hello"]
    assert _audit_source('t(f"chat.kind.{k}"); t("chat.hello")').dead == []
