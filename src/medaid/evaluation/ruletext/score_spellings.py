"""Spellings of a score or a bound that say what another spelling says (counts family), read by the step readers
(``step_parts.canonical``) and the count readers (``count_spelling.canon_counts``, ``counts.unbracket``):

- "低于50%(不含)", "超过3天(不含)" → "低于50%", "超过3天": the parenthesis repeats what the word says (低于, 超过
  exclude their number); "低于50%(含)" contradicts its word and is left for the readers to refuse;
- "每处扣1;", "(少1个班扣0.5)" → "每处扣1分;", "(少1个班扣0.5分)": a deduction written without 分 at the end of its
  clause is in points; a number followed by anything else (a unit, "扣1个百分点") is left as written.
"""

from __future__ import annotations

import re

# counts family: "低于50%(不含)", "超过3天(不含)": the parenthesis says what the word says already (低于, 超过 exclude
# their number); it is dropped. "低于50%(含)" contradicts its word and is left for the readers to refuse.
_REDUNDANT_BOUND = re.compile(
    r"((?:低于|少于|小于|不足|不满|未满|超过|高于|大于|多于)\d+(?:\.\d+)?[^\d,;。()]{0,4}?)\(不含\)"
)
# counts family: "每处扣1;", "(少1个班扣0.5)": a deduction written without 分 at the end of its clause is in points;
# a number followed by anything else (a unit, "扣1个百分点") is left as written.
# "扣0。5分" is a decimal written with a full stop (count_spelling reads it), not "扣0" ending a clause
_BARE_POINTS = re.compile(r"(?<=扣)(\d+(?:\.\d+)?)(?=[,;)]|。(?!\d)|$)")


def redundant_bounds(text: str) -> str:
    """ "比例低于50%(不含)的不得分" → "比例低于50%的不得分" (counts family)."""
    return _REDUNDANT_BOUND.sub(r"\1", text)


def bare_points(text: str) -> str:
    """ "每处扣1;" → "每处扣1分;", "(少1个班扣0.5)" → "(少1个班扣0.5分)" (counts family)."""
    return _BARE_POINTS.sub(r"\1分", text)
