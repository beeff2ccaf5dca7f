"""Figures in prose, held to the measured outputs (`./just test-book`).

Every cell of every table in book/src/generated/ (written by `./just bench` and
`./just refresh-outputs`) is a figure, keyed `table/row/column`: the table is the ANCHOR it
stands in, or the file's name (for example `count_primes/pyo3/vs pure Python, 1e+06`, or
`steps/0. readable: one bool per number/time (best of 5)`). A sentence that quotes a
measured figure marks it where it stands:

    Rust is <!-- fig: count_primes/pyo3/vs pure Python, 1e+06 -->3,100 times faster

and this check finds the first number after the mark and compares it with the cell: within
10%, or equal to the cell rounded to the digits the prose writes ("about 2,000" for 1,950),
or the sentence fails the build. A ratio written `N×` in prose must
carry such a mark, `<!-- quote -->` when it quotes somebody else's claim (the talks'
"25×"), or `<!-- target -->` when it states a goal or a bound rather than a measurement
("within 2× of primesieve"); so no new figure slips in unchecked.
"""

import re

MARK = re.compile(r"<!--\s*(fig:\s*(?P<key>[^>]+?)|quote|target)\s*-->")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?")
RATIO = re.compile(r"\d[\d,]*(?:\.\d+)?×")
TOLERANCE = 0.10


def prose(text):
    """The text a reader reads as sentences: no code blocks, tables or include lines."""
    kept, fenced = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if not fenced and not line.lstrip().startswith(("|", "{{#")):
            kept.append(line)
    return "\n".join(kept)


def agrees(written, measured):
    """Does the number as written say the measurement? Within 10%, or the measurement
    rounded to the digits written: "about 2,000" is 1,950 as well as 2,040."""
    number = float(written.replace(",", ""))
    if abs(number - measured) <= TOLERANCE * abs(measured):
        return True
    digits = written.replace(",", "").split("e")[0]
    significant = (
        len(digits.replace(".", "").lstrip("0"))
        if "." in digits
        else len(digits.lstrip("0").rstrip("0") or "0")
    )
    return float(f"{measured:.{max(significant, 1)}g}") == number


def value(text):
    match = NUMBER.search(text)
    return float(match.group().replace(",", "")) if match else None


def check(name, text, figures):
    """Problems with the figures of one page."""
    problems = []
    body = prose(text)
    marked_ends = set()
    for mark in MARK.finditer(body):
        rest = body[mark.end() : mark.end() + 80]
        number = NUMBER.search(rest)
        if number:
            marked_ends.add(mark.end() + number.end())
        if mark.group("key") is None:  # a quotation or a target: not a measurement
            continue
        key = mark.group("key").strip()
        if key not in figures:
            problems.append(f"{name}: no measured figure '{key}' in the generated tables")
            continue
        measured, written = value(figures[key]), value(rest)
        if measured is None or written is None:
            problems.append(f"{name}: '{key}' marks no number")
        elif not agrees(NUMBER.search(rest).group(), measured):
            problems.append(
                f"{name}: the prose says {written:g} where the measurement '{key}' is "
                f"{figures[key]}: the sentence is stale"
            )
    comments = [m.span() for m in re.finditer(r"<!--.*?-->", body, re.S)]
    for ratio in RATIO.finditer(body):
        if any(start <= ratio.start() < end for start, end in comments):
            continue  # a mark's own key, such as "within 2× of primesieve"
        if ratio.end() - 1 not in marked_ends and ratio.end() not in marked_ends:
            line = body[: ratio.start()].count("\n") + 1
            problems.append(
                f"{name}: '{ratio.group()}' (prose line {line}) is a figure with no "
                "<!-- fig: … --> or <!-- quote --> mark"
            )
    return problems


def measured(generated):
    """Every table cell of the generated Markdown files, by `table/row/column`."""
    figures = {}
    for path in sorted(generated.glob("*.md")):
        table, header = path.stem, None
        for line in path.read_text().splitlines():
            anchor = re.search(r"ANCHOR: (\S+)", line)
            if anchor:
                table = anchor.group(1)
            if not line.startswith("|"):
                header = None
                continue
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if header is None:
                header = cells
            elif not set(cells[0]) <= set("-: "):
                for column, text in zip(header[1:], cells[1:]):
                    figures[f"{table}/{cells[0]}/{column}"] = text
    return figures


def check_all(pages, generated):
    figures = measured(generated)
    problems = []
    for page in pages:
        problems += check(page.name, page.read_text(), figures)
    return problems
