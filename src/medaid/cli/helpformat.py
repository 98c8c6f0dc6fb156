"""Help pages laid out for Chinese: full-width colons after headings, lines of a docstring
joined without the space English needs, and text wrapped by display width (a Chinese
character takes two columns), so that a page fits the terminal it is printed in."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import click


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _tight(left: str, right: str) -> bool:
    """No space between two Chinese characters, nor next to Chinese punctuation."""
    if _cjk(left) and _cjk(right):
        return True
    return any(_cjk(ch) and unicodedata.category(ch).startswith("P") for ch in (left, right))


def join_lines(lines: Iterable[str]) -> str:
    """Lines of one paragraph as one, as the writer meant: a line break between two Chinese
    characters is nothing, elsewhere it stands for a space."""
    out = ""
    for line in (raw.strip() for raw in lines):
        if not line:
            continue
        if out and not _tight(out[-1], line[0]):
            out += " "
        out += line
    return out


def wrap(text: str, limit: int) -> list[str]:
    """Break ``text`` into lines of at most ``limit`` columns, between words or Chinese characters."""
    limit = max(limit, 10)
    lines: list[str] = []
    line, used = "", 0
    for token in _tokens(text):
        size = width(token)
        if used + size > limit and line.strip():
            lines.append(line.rstrip())
            token = token.lstrip()
            line, used = "", 0
            size = width(token)
        line += token
        used += size
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _tokens(text: str) -> list[str]:
    """Chinese characters one by one (a closing punctuation mark stays with the character before it),
    other runs as words with their leading space."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if _cjk(ch):
            if word:
                tokens.append(word)
                word = ""
            if tokens and unicodedata.category(ch) in ("Po", "Pe", "Pf"):
                tokens[-1] += ch
            else:
                tokens.append(ch)
        elif ch == " " and word.strip():
            tokens.append(word)
            word = ch
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


class ZhHelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        head = f"{'':>{self.current_indent}}{prefix if prefix is not None else '用法：'}{prog}"
        self.write(f"{head} {args}".rstrip() + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        for i, paragraph in enumerate(paragraphs):
            if i:
                self.write("\n")
            lines = paragraph.splitlines()
            if lines and lines[0].strip() == "\b":  # click's mark: keep these lines as written
                self.write("".join(f"{indent}{line}\n" for line in lines[1:]))
                continue
            for line in wrap(join_lines(lines), self.width - self.current_indent):
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        if not rows:
            return
        first_col = min(max(width(first) for first, _ in rows), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(join_lines(second.splitlines()), self.width - first_col - self.current_indent)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


def short_help(command: click.Command) -> str:
    """A command's one-line help: its first sentence (up to the first 。), joined across lines."""
    if command.short_help:
        return command.short_help
    first = (command.help or "").split("\n\n")[0]
    text = join_lines(first.splitlines())
    end = text.find("。")
    return text[: end + 1] if end >= 0 else text
