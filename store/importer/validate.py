"""Pure validation of a whole import directory: typed rows, or every problem with its line.

No database here: what the store already holds comes in as :class:`Existing`, so these rules are
tested on plain data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from store.importer.cells import BadCell, converter
from store.importer.problems import NO_COLUMN, Problem
from store.importer.reading import RawTable
from store.importer.rowhash import row_hash
from store.importer.spec import (
    BY_NAME,
    EMPLOYER_TARGETS,
    FILES,
    FileSpec,
)
from store.models import INSTITUTION_TARGETS

# A reference to check once every file is read: (file, line, column, target file, value).
Ref = tuple[str, int, str, str, str]


@dataclass
class Existing:
    """What the store already holds that the files may refer to."""

    keys: dict[str, set[str]] = field(default_factory=dict)  # file name -> IDs in the store
    institution_kinds: dict[str, str] = field(default_factory=dict)
    # surface -> {staff_id: user_id} of the chat identities already in the store
    identities: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class ParsedFile:
    spec: FileSpec
    encoding: str
    present: tuple[str, ...]  # contract columns found in the header, in contract order
    rows: list[dict[str, Any]]  # valid, de-duplicated rows; content-keyed rows carry row_hash
    lines: list[int] = field(default_factory=list)  # the line each row starts on
    read: int = 0  # data rows in the file
    duplicates: int = 0  # rows identical to an earlier row of the file


@dataclass
class Validated:
    files: dict[str, ParsedFile]
    problems: list[Problem]
    warnings: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def validate(
    tables: Mapping[str, RawTable | Problem],
    existing: Existing | None = None,
    files_spec: Sequence[FileSpec] = FILES,
) -> Validated:
    """Check every file of a directory. ``tables`` maps file name to its parsed table, or to the
    problem that made it unreadable. Unknown file names are warned about and ignored.
    ``files_spec``: the files read (``spec.files_for(surfaces)`` to read other chat surfaces' ids)."""
    existing = existing or Existing()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    files: dict[str, ParsedFile] = {}
    refs: list[Ref] = []
    # Files whose keys cannot be known (unreadable, key column missing): no reference checks into them.
    unknowable: set[str] = set()
    keys: dict[str, set[str]] = {}
    inst_kinds: dict[str, str] = dict(existing.institution_kinds)
    investigation_targets: list[tuple[int, str, str | None, str]] = []

    for name in tables:
        if name not in BY_NAME:
            warnings.append(Problem(name, 1, NO_COLUMN, "import.unknown_file"))
    for spec in files_spec:
        item = tables.get(spec.name)
        if item is None:
            if spec.required:
                problems.append(Problem(spec.name, 0, NO_COLUMN, "import.missing_file"))
                unknowable.add(spec.name)
            continue
        if isinstance(item, Problem):
            problems.append(item)
            unknowable.add(spec.name)
            continue
        parsed, file_keys = _validate_file(
            spec, item, problems, warnings, refs, investigation_targets
        )
        if parsed is None:
            unknowable.add(spec.name)
            continue
        files[spec.name] = parsed
        keys[spec.name] = file_keys
        if spec.name == "institutions.csv" and "kind" in parsed.present:
            inst_kinds.update({r["institution_id"]: r["kind"] for r in parsed.rows})

    def known(target: str, value: str) -> bool:
        return value in keys.get(target, ()) or value in existing.keys.get(target, ())

    for file, line, column, target, value in refs:
        if target not in unknowable and not known(target, value):
            problems.append(
                Problem(
                    file, line, column, "import.unknown_ref", {"target": target, "value": value}
                )
            )
    if "investigations.csv" in files:
        _check_targets(investigation_targets, known, inst_kinds, unknowable, problems)
    if "staff.csv" in files:
        _check_user_ids(files["staff.csv"], existing, problems)
    order = {spec.name: i for i, spec in enumerate(files_spec)}
    problems.sort(key=lambda p: (order.get(p.file, len(order)), p.file, p.line, p.column))
    return Validated(files=files, problems=problems, warnings=warnings)


def _validate_file(
    spec: FileSpec,
    table: RawTable,
    problems: list[Problem],
    warnings: list[Problem],
    refs: list[Ref],
    investigation_targets: list[tuple[int, str, str | None, str]],
) -> tuple[ParsedFile | None, set[str]]:
    file = spec.name
    header = table.header
    seen: set[str] = set()
    duplicated = False
    for name in header:
        if not name:
            continue  # an unnamed column (a trailing comma): nothing to read there
        if name in seen:
            problems.append(Problem(file, 1, name, "import.duplicate_column"))
            duplicated = True
        seen.add(name)
        if name not in spec.column_map:
            warnings.append(Problem(file, 1, name, "import.unknown_column"))
    missing = [c for c in spec.required_columns if c not in seen]
    for name in missing:
        problems.append(Problem(file, 1, name, "import.missing_column"))
    if duplicated:
        return None, set()

    index = {name: i for i, name in enumerate(header)}
    cols = [(index[c.name], c.name, converter(c)) for c in spec.columns if c.name in index]
    present = tuple(name for _, name, _ in cols)
    width = len(header)
    key = spec.key if spec.key in index else None
    key_index = index[key] if key else -1
    ref_cols = [(c.name, c.ref) for c in spec.columns if c.name in index and c.ref]
    is_investigation = file == "investigations.csv"

    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    file_keys: set[str] = set()
    first: dict[Any, tuple[int, dict[str, Any] | None]] = {}  # key or hash -> (line, values)
    duplicates = 0
    for line, cells in table.rows:
        if len(cells) != width:
            problems.append(
                Problem(
                    file,
                    line,
                    NO_COLUMN,
                    "import.field_count",
                    {"expected": width, "got": len(cells)},
                )
            )
            if 0 <= key_index < len(cells):
                file_keys.add(cells[key_index].strip())
            continue
        values: dict[str, Any] = {}
        bad = False
        for i, name, conv in cols:
            try:
                values[name] = conv(cells[i])
            except BadCell as err:
                problems.append(Problem(file, line, name, err.key, err.params))
                bad = True
        for col_name, target in ref_cols:
            value = values.get(col_name)
            if value is not None and target is not None:
                refs.append((file, line, col_name, target, value))
        if is_investigation and values.get("target_kind") is not None:
            investigation_targets.append(
                (line, values["target_kind"], values.get("target_id"), values.get("case_id") or "")
            )
        if key:
            ident = values.get(key)
            if ident is None:
                continue
            file_keys.add(ident)
            earlier = first.get(ident)
            if earlier is not None:
                if bad or earlier[1] is None:
                    continue
                if earlier[1] == values:
                    warnings.append(
                        Problem(file, line, key, "import.duplicate_row", {"first_line": earlier[0]})
                    )
                    duplicates += 1
                else:
                    problems.append(
                        Problem(
                            file,
                            line,
                            key,
                            "import.duplicate_id",
                            {"value": ident, "first_line": earlier[0]},
                        )
                    )
                continue
            first[ident] = (line, None if bad else values)
            if not bad:
                rows.append(values)
                lines.append(line)
        elif not bad:
            if missing:
                continue
            digest = row_hash(spec.table, values)
            if digest in first:
                duplicates += 1
                continue
            first[digest] = (line, None)
            values["row_hash"] = digest
            rows.append(values)
            lines.append(line)
    if spec.key and spec.key not in index:
        return None, set()
    parsed = ParsedFile(
        spec, table.encoding, present, rows, lines, read=len(table.rows), duplicates=duplicates
    )
    return parsed, file_keys


def _check_targets(
    targets: list[tuple[int, str, str | None, str]],
    known: Any,
    inst_kinds: dict[str, str],
    unknowable: set[str],
    problems: list[Problem],
) -> None:
    file = "investigations.csv"
    for line, target_kind, target_id, _case in targets:
        if target_kind in INSTITUTION_TARGETS:
            if target_id is None:
                problems.append(
                    Problem(
                        file,
                        line,
                        "target_id",
                        "import.target_id_required",
                        {"target_kind": target_kind},
                    )
                )
            elif "institutions.csv" in unknowable:
                continue
            elif not known("institutions.csv", target_id):
                problems.append(
                    Problem(
                        file,
                        line,
                        "target_id",
                        "import.unknown_ref",
                        {"target": "institutions.csv", "value": target_id},
                    )
                )
            else:
                kind = inst_kinds.get(target_id)
                if kind is not None and kind not in INSTITUTION_TARGETS[target_kind]:
                    problems.append(
                        Problem(
                            file,
                            line,
                            "target_id",
                            "import.target_kind_mismatch",
                            {"value": target_id, "kind": kind, "target_kind": target_kind},
                        )
                    )
        elif target_kind in EMPLOYER_TARGETS:
            if target_id is None:
                problems.append(
                    Problem(
                        file,
                        line,
                        "target_id",
                        "import.target_id_required",
                        {"target_kind": target_kind},
                    )
                )
            elif "employers.csv" not in unknowable and not known("employers.csv", target_id):
                problems.append(
                    Problem(
                        file,
                        line,
                        "target_id",
                        "import.unknown_ref",
                        {"target": "employers.csv", "value": target_id},
                    )
                )
        elif target_id is not None:
            problems.append(
                Problem(
                    file,
                    line,
                    "target_id",
                    "import.target_id_forbidden",
                    {"target_kind": target_kind, "value": target_id},
                )
            )


def _check_user_ids(staff: ParsedFile, existing: Existing, problems: list[Problem]) -> None:
    """A chat surface's user id names one staff member, in the files and in the store."""
    for column in staff.spec.identity_columns:
        if column.name not in staff.present or column.surface is None:
            continue
        owner: dict[str, str] = {}
        file_staff = {r["staff_id"] for r in staff.rows}
        for sid, held in existing.identities.get(column.surface, {}).items():
            if sid not in file_staff and held:
                owner[held] = sid
        for row, line in zip(staff.rows, staff.lines, strict=True):
            value = row.get(column.name)
            if value is None:
                continue
            other = owner.get(value)
            if other is not None and other != row["staff_id"]:
                problems.append(
                    Problem(
                        "staff.csv",
                        line,
                        column.name,
                        "import.duplicate_user_id",
                        {"value": value, "other": other},
                    )
                )
            else:
                owner[value] = row["staff_id"]
