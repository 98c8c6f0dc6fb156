"""The SQL of a staged row's cells for ``ingest.validate``: the trimmed text (``r__``), the typed value
(``t__``, NULL when empty or malformed), the value shown in a reason (masked for personal data), and
the 身份证号 check characters (``ck__``), each computed once per row in stacked projections."""

from __future__ import annotations

from collections.abc import Mapping

from medaid import dates, vocab
from medaid.celltext import narrow_sql, sql_string
from medaid.ingest import idnumber
from medaid.ingest.columns import Column, Type
from medaid.money import fen_sql

# the spellings of medaid.dates, as a DuckDB list (the times of settlement exports included)
DATE_FORMATS = "[" + ", ".join(sql_string(f) for f in (*dates.DATE_FORMATS, *dates.TIME_FORMATS)) + "]"


def q(text: str) -> str:
    return sql_string(text)


def raw(name: str) -> str:
    """The trimmed text of a cell, NULL when empty: computed once per row in the ``pre`` pass."""
    return f's."r__{name}"'


def raw_sql(name: str) -> str:
    return f"nullif(trim(s.\"{name}\"), '')"


def _case(mapping: dict[str, str], expr: str) -> str:
    if not mapping:
        return "NULL"
    whens = " ".join(f"WHEN {q(k)} THEN {q(v)}" for k, v in mapping.items())
    return f"(CASE {expr} {whens} END)"


def _vocab(names: tuple[str, ...], aliases: dict[str, str]) -> dict[str, str]:
    return {**{n: n for n in names}, **aliases}


def masked(name: str, type_: Type) -> str:
    r = raw(name)
    if type_ is Type.ID:
        return f"(CASE WHEN length({r}) > 8 THEN left({r}, 4) || repeat('*', length({r}) - 8) || right({r}, 4) ELSE repeat('*', length({r})) END)"  # noqa: E501
    if type_ is Type.NAME:
        return f"(left({r}, 1) || repeat('*', length({r}) - 1))"
    return f"{r}"


def pre(name: str) -> str:
    """The typed value computed once per row in the ``pre`` pass."""
    return f's."t__{name}"'


def typed(column: Column, unit: str = "元") -> str:
    """SQL for the column's typed value (NULL when empty or malformed); ``unit``: of an amount without one."""
    r, n = raw(column.name), column.name
    if column.type in (Type.DATE, Type.INT):  # amounts: fen_sql narrows them itself, as to_fen does
        r = narrow_sql(r)
    match column.type:
        case Type.ID:
            return idnumber.normalize_sql(r)
        case Type.DATE:
            return f"try_strptime({r}, {DATE_FORMATS})::DATE"
        case Type.MONEY:
            return fen_sql(r, unit=unit)
        case Type.INT:
            return f"try_cast({r} AS INTEGER)"
        case Type.BOOL:
            yes = ", ".join(q(x) for x in sorted(vocab.YES))
            no = ", ".join(q(x) for x in sorted(vocab.NO - {""}))
            return f"(CASE WHEN {r} IN ({yes}) THEN true WHEN {r} IN ({no}) THEN false END)"
        case Type.CATEGORY:
            return _case(_vocab(vocab.CATEGORIES, vocab.CATEGORY_ALIASES), f"replace({r}, ' ', '')")
        case Type.VISIT:
            words = _case(_vocab(vocab.VISIT_TYPES, vocab.VISIT_ALIASES), f"replace({r}, ' ', '')")
            codes = _case(vocab.MED_TYPE_CODES, r)
            prefix = _case(vocab.MED_TYPE_PREFIX, f"left({r}, 1)")
            return f"coalesce({words}, CASE WHEN regexp_full_match({r}, '[0-9]+') THEN coalesce({codes}, {prefix}) END)"
        case Type.LEVEL:
            return _case(_vocab(vocab.HOSPITAL_LEVELS, vocab.HOSPITAL_LEVEL_ALIASES), f"replace({r}, ' ', '')")
        case Type.DEPARTMENT:
            mapped = _case(vocab.DEPARTMENT_ALIASES, f"replace({r}, ' ', '')")
            return f"coalesce({mapped}, {r})"
        case Type.DIRECTION:
            return _case(vocab.DIRECTIONS, r)
        case _:
            return r if n else "NULL"


def _digits(name: str) -> str:
    """The first 17 characters of a 身份证号 column as an integer (``idnumber.digits_sql``), once per row."""
    return f's."n__{name}"'


def typed_rows(staged: str, columns: list[Column], units: Mapping[str, str]) -> str:
    """SELECT of every staged row with its trimmed cells (``r__``), typed values (``t__``) and check
    characters (``ck__``): stacked projections, so that each is computed once per row, in one pipeline."""
    raws = ", ".join(f'{raw_sql(c.name)} AS "r__{c.name}"' for c in columns)
    derived = ", ".join(f'{typed(c, units.get(c.name, "元"))} AS "t__{c.name}"' for c in columns)
    # the check character from the normalised number read as an integer (columns: computed once per row)
    ids = [c for c in columns if c.type is Type.ID]
    digits = "".join(f', {idnumber.digits_sql(pre(c.name))} AS "n__{c.name}"' for c in ids)
    checks = "".join(f', {idnumber.check_char_sql(pre(c.name), digits=_digits(c.name))} AS "ck__{c.name}"' for c in ids)
    typed_sql = f"SELECT s.*, {derived} FROM (SELECT s.*, {raws} FROM {staged} s) s"
    return f"SELECT s.*{checks} FROM (SELECT s.*{digits} FROM ({typed_sql}) s) s"


__all__ = ["DATE_FORMATS", "masked", "pre", "q", "raw", "raw_sql", "typed", "typed_rows"]
