"""Cut a SQL file into statements before any parser sees it.

Real migration folders hold statements no single parser accepts (PL/pgSQL bodies, RLS policies,
vendor extensions). Parsing the file whole would let one of them lose every other statement, so
we split first, by lexical rules only, and parse statement by statement.

The splitter knows what can hide a semicolon: quotes ('…', "…", `…`, [] in SQLite, E'…' and
MySQL backslash escapes), comments (``--``, nested ``/* */`` in PostgreSQL, ``#`` in MySQL),
PostgreSQL dollar quoting (``$$…$$``, ``$tag$…$tag$``), ``BEGIN … END`` bodies of triggers and
routines, MySQL ``DELIMITER`` lines, Drizzle's ``--> statement-breakpoint``, psql backslash
commands and the data lines that follow ``COPY … FROM stdin``. It never raises: whatever is left
open at the end of the file ends the last statement, which says what was left open.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

BREAKPOINT = "--> statement-breakpoint"

_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_\x80-\U0010ffff][A-Za-z0-9_\x80-\U0010ffff]*)?\$")
_IDENT_CHAR = re.compile(r"[A-Za-z0-9_$\x80-\U0010ffff]")
_WORD = r"[A-Za-z_][A-Za-z0-9_$]*"
_BLOCK_HEAD = re.compile(
    r"create\s+(?:or\s+replace\s+)?(?:(?:temp|temporary)\s+)?(?:definer\s*=\s*\S+\s+)?"
    r"(?:trigger|function|procedure|event)\b",
    re.IGNORECASE,
)
_END_NOT_CLOSING = re.compile(r"\s+(?:if|loop|while|repeat)\b", re.IGNORECASE)
_DELIMITER_LINE = re.compile(r"delimiter[ \t]+(\S+)[^\n]*", re.IGNORECASE)
_COPY_FROM_STDIN = re.compile(r"copy\b.*\bfrom\s+stdin\b", re.IGNORECASE | re.DOTALL)
_COPY_DATA_END = re.compile(r"^\\\.[ \t\r]*$", re.MULTILINE)
_WHITESPACE = re.compile(r"\s*")

_QUOTED = {
    "'": re.compile(r"'[^']*(?:''[^']*)*'"),
    '"': re.compile(r'"[^"]*(?:""[^"]*)*"'),
    "`": re.compile(r"`[^`]*(?:``[^`]*)*`"),
    "[": re.compile(r"\[[^\]]*\]"),
}
_QUOTED_BACKSLASH = {
    "'": re.compile(r"'[^'\\]*(?:(?:''|\\.)[^'\\]*)*'", re.DOTALL),
    '"': re.compile(r'"[^"\\]*(?:(?:""|\\.)[^"\\]*)*"', re.DOTALL),
}


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement of a file, as written (no terminator, no leading comments).

    ``offset`` is where ``text`` starts in the file, so every position a parser reports inside
    ``text`` maps back to an exact file line. ``meta`` marks a psql backslash command line
    (``\\copy``, ``\\connect``…). ``unterminated`` says what was still open at the end of the
    file (a quote, a comment, a dollar-quoted body), in which case ``text`` runs to the end.
    """

    text: str
    offset: int
    meta: bool = False
    unterminated: str | None = None


class LineIndex:
    """Maps a character offset of a text to its 1-based line, in O(log lines)."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def line(self, offset: int) -> int:
        return bisect_right(self._starts, offset)


def split_statements(text: str, dialect: str = "postgres") -> tuple[Statement, ...]:
    """Every statement of ``text`` in file order, cut by the lexical rules of ``dialect``."""
    return tuple(_Splitter(text, dialect).run())


def _special_pattern(dialect: str, delimiter: str, words: bool) -> re.Pattern[str]:
    """The characters that can start a quote, a comment or end a statement, in ``dialect``."""
    parts = [re.escape(delimiter), "'", '"', "--", r"/\*"]
    if dialect == "postgres":
        parts.append(r"\$")
    else:
        parts.append("`")
    if dialect == "sqlite":
        parts.append(r"\[")
    if dialect == "mysql":
        parts.append("#")
    if words:
        parts.append(_WORD)
    return re.compile("|".join(parts))


class _Splitter:
    """One pass over one text. Internal and mutable; only ``Statement`` values leave it."""

    def __init__(self, text: str, dialect: str) -> None:
        self.text = text
        self.n = len(text)
        self.dialect = dialect
        self.delimiter = ";"
        self._patterns: dict[tuple[str, bool], re.Pattern[str]] = {}
        self._lines: LineIndex | None = None

    def run(self) -> list[Statement]:
        out: list[Statement] = []
        pos = 0
        while True:
            pos = self._skip_gap(pos)
            if pos >= self.n:
                return out
            line_end = self._line_end(pos)
            if self.dialect == "postgres" and self.text[pos] == "\\":
                command = self.text[pos:line_end].rstrip()
                out.append(Statement(command, pos, meta=True))
                from_stdin = _COPY_FROM_STDIN.match(command, 1) is not None
                pos = self._skip_copy_data(line_end - 1) if from_stdin else line_end
                continue
            if self.dialect == "mysql":
                match = _DELIMITER_LINE.match(self.text, pos, line_end)
                if match:
                    self.delimiter = match.group(1)
                    pos = line_end
                    continue
            block = _BLOCK_HEAD.match(self.text, pos) is not None
            end, after, still_open = self._scan(pos, block)
            body = self.text[pos:end].rstrip()
            if body:
                out.append(Statement(body, pos, unterminated=still_open))
            if after > end and _COPY_FROM_STDIN.match(body):
                after = self._skip_copy_data(after)
            pos = after

    # -- gaps between statements ------------------------------------------------------------

    def _skip_gap(self, pos: int) -> int:
        """Skip whitespace and comments; return where the next statement starts."""
        text = self.text
        while pos < self.n:
            ws = _WHITESPACE.match(text, pos)
            pos = ws.end() if ws else pos
            if pos >= self.n:
                break
            comment_end = self._comment_end(pos)
            if comment_end is None:
                if text.startswith(self.delimiter, pos):  # an empty statement: ";;"
                    pos += len(self.delimiter)
                    continue
                break
            pos = comment_end
        return pos

    def _comment_end(self, pos: int) -> int | None:
        """If a comment starts at ``pos``, where it ends; else None."""
        text = self.text
        if text.startswith("--", pos) and self._is_line_comment(pos):
            return self._line_end(pos)
        if text.startswith("#", pos) and self.dialect == "mysql":
            return self._line_end(pos)
        if text.startswith("/*", pos):
            end = self._block_comment_end(pos)
            return self.n if end is None else end
        return None

    def _is_line_comment(self, pos: int) -> bool:
        """MySQL needs a space after ``--``; Drizzle's breakpoint counts as a comment anyway."""
        if self.dialect != "mysql" or self.text.startswith(BREAKPOINT, pos):
            return True
        nxt = self.text[pos + 2: pos + 3]
        return nxt == "" or nxt.isspace()

    def _line_end(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        return self.n if end == -1 else end + 1

    def _block_comment_end(self, pos: int) -> int | None:
        """End of the ``/* */`` comment at ``pos`` (nested in PostgreSQL), None if unclosed."""
        text = self.text
        if self.dialect != "postgres":
            end = text.find("*/", pos + 2)
            return None if end == -1 else end + 2
        depth, i = 0, pos
        while True:
            opened, closed = text.find("/*", i), text.find("*/", i + 2 if depth == 0 else i)
            if closed == -1:
                return None
            if opened != -1 and opened < closed:
                depth, i = depth + 1, opened + 2
                continue
            depth, i = depth - 1, closed + 2
            if depth == 0:
                return i

    def _skip_copy_data(self, pos: int) -> int:
        """Skip the data lines of ``COPY … FROM stdin`` up to and including the ``\\.`` line."""
        match = _COPY_DATA_END.search(self.text, self._line_end(pos))
        return self.n if match is None else self._line_end(match.start())

    # -- inside a statement -----------------------------------------------------------------

    def _pattern(self, words: bool) -> re.Pattern[str]:
        key = (self.delimiter, words)
        if key not in self._patterns:
            self._patterns[key] = _special_pattern(self.dialect, self.delimiter, words)
        return self._patterns[key]

    def _line(self, offset: int) -> int:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines.line(offset)

    def _scan(self, start: int, block: bool) -> tuple[int, int, str | None]:
        """Find the end of the statement at ``start``: (end of text, resume at, left open).

        In a trigger or routine (``block``) a terminator inside ``BEGIN … END`` does not end
        the statement. If such a body never closes, the statement ends at its first terminator
        instead, so one broken routine cannot swallow the rest of the file.
        """
        pattern = self._pattern(block)
        depth, first_terminator, i = 0, -1, start
        while True:
            match = pattern.search(self.text, i)
            if match is None:
                if depth > 0 and first_terminator >= 0:
                    return first_terminator, first_terminator + len(self.delimiter), None
                return self.n, self.n, None
            token, at = match.group(), match.start()
            if token == self.delimiter:
                if depth == 0:
                    return at, match.end(), None
                first_terminator = at if first_terminator < 0 else first_terminator
                i = match.end()
            elif token[0].isalpha() or token[0] == "_":
                depth = self._track_block(token, match.end(), depth)
                i = match.end()
            elif token == "--" and self.text.startswith(BREAKPOINT, at):
                return at, self._line_end(at), None
            else:
                end, what = self._skip_lexeme(token, at)
                if end is None:
                    return self.n, self.n, f"{what} opened on line {self._line(at)}"
                i = end

    def _track_block(self, word: str, after: int, depth: int) -> int:
        lowered = word.lower()
        if lowered in ("begin", "case"):
            return depth + 1
        if lowered == "end" and not _END_NOT_CLOSING.match(self.text, after):
            return max(depth - 1, 0)
        return depth

    def _skip_lexeme(self, token: str, at: int) -> tuple[int | None, str]:
        """Skip a quote, comment or dollar-quoted body at ``at``: (its end or None, its name)."""
        if token in ("--", "#"):
            if token == "--" and not self._is_line_comment(at):
                return at + 1, "comment"
            return self._line_end(at), "comment"
        if token == "/*":
            return self._block_comment_end(at), "comment /*"
        if token == "$":
            return self._dollar_end(at)
        regex = self._quote_regex(token, at)
        match = regex.match(self.text, at)
        return (None if match is None else match.end()), f"quote {token}"

    def _quote_regex(self, quote: str, at: int) -> re.Pattern[str]:
        if self.dialect == "mysql" and quote in _QUOTED_BACKSLASH:
            return _QUOTED_BACKSLASH[quote]
        if self.dialect == "postgres" and quote == "'" and at > 0 and self.text[at - 1] in "eE" \
                and (at < 2 or not _IDENT_CHAR.match(self.text[at - 2])):
            return _QUOTED_BACKSLASH["'"]
        return _QUOTED[quote]

    def _dollar_end(self, at: int) -> tuple[int | None, str]:
        """A ``$tag$`` opens a body unless it continues an identifier (``a$b``) or is ``$1``."""
        match = _DOLLAR_TAG.match(self.text, at)
        if match is None or (at > 0 and _IDENT_CHAR.match(self.text[at - 1])):
            return at + 1, "dollar"
        tag = match.group()
        close = self.text.find(tag, match.end())
        if close == -1:
            return None, f"dollar quote {tag}"
        return close + len(tag), "dollar"
