"""A reader's file or pasted text read as points: two numeric columns, x and y.

The separator is the standard `csv` module's Sniffer's guess among comma, semicolon, tab and space; a
semicolon on every line wins over its guess (Excel writes "1,5;2,5" where the decimal mark is a comma, and
then the comma is the decimal mark). A header line, blank lines, `#` comments and a UTF-8 byte-order mark
are skipped. Anything else that is wrong raises DataError naming the line (1-based, as an editor counts)
and what is wrong: the page says it in either language, as plain text. Nothing here evaluates the text.
"""
from __future__ import annotations

import csv
import math
import re

from components.state.errors import shorten
from components.state.i18n import Phrase
from components.state.points import MAX_ABS_VALUE, MAX_POINTS, DataError, Points, points_of

MAX_UPLOAD_MB = 8  # .streamlit/config.toml's server.maxUploadSize: 100,000 lines of two long numbers fit
MAX_BYTES = MAX_UPLOAD_MB * 1024 * 1024
SEPARATORS = ",;\t "
NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
NOT_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)
SNIFFED_LINES = 50  # the Sniffer reads this many lines: enough to see the pattern, quick on 100,000


def read_points(content: bytes | str) -> Points:
    """The points in a file's bytes or a pasted text; raises DataError."""
    lines = _lines(content)
    rows = [(number, line) for number, line in lines if line]
    if not rows:
        raise DataError(Phrase("data.empty"))
    separator = _separator([line for _, line in rows[:SNIFFED_LINES]])
    decimal_comma = separator == ";"
    cells = list(zip([number for number, _ in rows], _rows(rows, separator)))
    if _is_header(cells[0][1], decimal_comma):
        if len(cells) == 1:  # words alone, no number under them
            raise DataError(Phrase("data.header_only", line=cells[0][0], cell=shorten(rows[0][1])))
        cells = cells[1:]
    if len(cells) > MAX_POINTS:
        raise DataError(Phrase("data.too_many", count=len(cells), most=MAX_POINTS))
    xs, ys = [], []
    for number, row in cells:
        if len(row) != 2:
            raise DataError(Phrase("data.one_column" if len(row) == 1 else "data.columns", line=number,
                                   count=len(row)))
        x, y = (_number(cell, number, decimal_comma) for cell in row)
        xs.append(x)
        ys.append(y)
    return points_of(xs, ys)


def _lines(content: bytes | str) -> list[tuple[int, str]]:
    """(line number, text without its comment and outer spaces) of every line."""
    if len(content) > MAX_BYTES:  # a str's characters are at least one byte each
        raise DataError(Phrase("data.too_large", most=MAX_UPLOAD_MB))
    if isinstance(content, bytes):
        if b"\0" in content:
            raise DataError(Phrase("data.binary", at=content.index(b"\0") + 1))
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DataError(Phrase("data.not_utf8", at=error.start + 1)) from None
    content = content.removeprefix("\ufeff")
    if "\0" in content:
        raise DataError(Phrase("data.binary", at=content.index("\0") + 1))
    # str.splitlines also splits at form feeds and other separators an editor shows on one line: not here
    return [(number, line.split("#", 1)[0].strip())
            for number, line in enumerate(re.split(r"\r\n|\r|\n", content), start=1)]


def _separator(sample: list[str]) -> str:
    """The column separator of these lines: a semicolon on every line, else the Sniffer's guess."""
    if all(";" in line for line in sample):
        return ";"
    try:
        return csv.Sniffer().sniff("\n".join(sample), delimiters=SEPARATORS).delimiter
    except csv.Error:  # no consistent pattern (a line with a column too many): what most lines have
        found = [separator for separator in SEPARATORS if any(separator in line for line in sample)]
        return max(found, key=lambda s: sum(s in line for line in sample)) if found else " "


def _rows(rows: list[tuple[int, str]], separator: str) -> list[list[str]]:
    """The cells of each line; spaces around a separator, and empty cells a trailing one leaves, dropped."""
    if separator == " ":
        return [line.split() for _, line in rows]
    # One reader over every line, each its own row: quotes are taken off the cells, not read as the csv
    # module reads them, or an unclosed one would run on into the next lines.
    reader = csv.reader((line for _, line in rows), delimiter=separator, quoting=csv.QUOTE_NONE)
    cells: list[list[str]] = []
    try:
        for row in reader:
            row = [cell.strip().strip('"').strip() for cell in row]
            while row and not row[-1]:
                row.pop()
            cells.append(row)
    except csv.Error:  # a cell longer than the csv module's limit (131,072 characters)
        raise DataError(Phrase("data.unreadable", line=rows[len(cells)][0])) from None
    return cells


def _is_header(row: list[str], decimal_comma: bool) -> bool:
    """A first line of words, with no number in it, names the columns."""
    numbers = (NUMBER.fullmatch(_decimal(cell, decimal_comma)) or NOT_FINITE.fullmatch(cell) for cell in row)
    return not any(numbers) and any(character.isalpha() for cell in row for character in cell)


def _decimal(cell: str, decimal_comma: bool) -> str:
    return cell.replace(",", ".", 1) if decimal_comma and "." not in cell else cell


def _number(cell: str, line: int, decimal_comma: bool) -> float:
    """One cell as a number, or a DataError naming its line and what is wrong with it."""
    text = _decimal(cell, decimal_comma)
    if NOT_FINITE.fullmatch(text):
        raise DataError(Phrase("data.cell_not_finite", line=line, cell=shorten(cell)))
    if not NUMBER.fullmatch(text):
        raise DataError(Phrase("data.not_a_number", line=line, cell=shorten(cell)))
    value = float(text)
    if not math.isfinite(value) or abs(value) > MAX_ABS_VALUE:
        raise DataError(Phrase("data.cell_too_big", line=line, cell=shorten(cell),
                               most=f"{MAX_ABS_VALUE:,.0f}"))
    return value
