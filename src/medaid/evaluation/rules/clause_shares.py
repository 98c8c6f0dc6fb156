"""How much of one text's wording another holds, by character pairs (split out of ``clause_match`` in session 9,
faults family; the conventions are that module's)."""

from __future__ import annotations

import re

# Words that make a requirement stricter (naming._QUALITIES, with 认真)
QUALITIES = re.compile(
    r"及时|足额|全面|完整|规范(?!化)|齐全|准确|真实|有效|严格|科学|合理|明确|健全|到位|公开|完善|充分|按规定|按要求|按程序"
    r"|良好|正常|一致|相符|合规|清晰|详细|专门|专职|独立|定期|认真|100%|按季度?|按月|按年|每月|每季度?|每年|整齐|有序|无误"
)


def pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text}


def share(said: str, item: str, qualities: bool = False) -> float:
    """The part of the statement's character pairs the item holds, qualities aside unless ``qualities`` (they
    are compared apart: "协助查处到位" speaks of "协助查处")."""
    said, item = re.sub(r"[\d._%‰]+", "|", said), re.sub(r"[\d._%‰]+", "|", item)
    if not qualities:
        said, item = QUALITIES.sub("|", said).strip("|") or said, QUALITIES.sub("|", item).strip("|") or item
    mine = {p for p in pairs(said) if "|" not in p}
    return len(mine & pairs(item)) / len(mine) if mine else 0.0


def apart(said: str, item: str) -> bool:
    """Two negations negate different things: neither holds two thirds of the other's character pairs."""
    return max(share(said, item), share(item, said)) < 2 / 3


def tail_share(item: str, said: str) -> float:
    """The part of the item's character pairs, from the first one the statement holds on, that it holds."""
    mine = pairs(re.sub(r"[\d._%‰]+", "|", QUALITIES.sub("|", said)))
    plain = re.sub(r"[\d._%‰]+", "|", QUALITIES.sub("|", item))
    if len(plain) < 2:
        return share(plain, said)
    at = next((k for k in range(len(plain) - 1) if plain[k : k + 2] in mine), None)
    if at is None:
        return 0.0
    return share(plain[at:], said)
