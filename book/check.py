"""Checks of the built book (`./just test-book`): it builds without warnings, nothing is left
unresolved, every internal link and fragment resolves, every included file is one that
the build or the tests exercise, and every measured figure in prose matches the
measurement (book/figures.py).

    python book/check.py BUILD_LOG
"""

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import figures

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "book" / "src"
BUILT = ROOT / "book" / "book"

# Where an included file may come from, and what exercises it.
EXERCISED = {
    "crates/": "compiled and tested by cargo, imported by pytest, or checked by a test",
    "c_comparison/": "compiled by make, run by tests/test_c_comparison.py; trybuild",
    "python_clients/": "imported by the contract suite and linted by ruff",
    "tests/": "run by pytest",
    "examples/": "run by book/outputs.py check",
    "exercises/": "checked by ./just check-solutions",
    "book/src/generated/": "written by ./just refresh-outputs or ./just bench",
    "CONTRACT.md": "its values and examples checked against the suite by tests/test_hostile.py",
    "tools/start-your-own.sh": "run in an empty folder by ./just test-walkthrough",
    "tools/wheels.sh": "run by ./just wheels, its output checked by tests/shipping",
}

INCLUDE = re.compile(r"\{\{#(?:include|rustdoc_include)\s+([^}\s]+)\s*\}\}")


class Links(HTMLParser):
    """Collects the ids and the local hrefs/srcs of one HTML page."""

    def __init__(self):
        super().__init__()
        self.ids, self.targets = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            value = attrs.get(key)
            if value and not urlsplit(value).scheme and not value.startswith("//"):
                self.targets.append(value)


def build_warnings(log):
    return [line for line in log.splitlines() if "WARN" in line or "ERROR" in line]


def included_sources():
    problems = []
    for chapter in sorted(SOURCE.glob("*.md")):
        for spec in INCLUDE.findall(chapter.read_text()):
            path_text, _, anchor = spec.partition(":")
            path = (chapter.parent / path_text).resolve()
            relative = path.relative_to(ROOT).as_posix()
            if not path.exists():
                problems.append(f"{chapter.name}: includes {relative}, which does not exist")
                continue
            if not any(relative.startswith(root) for root in EXERCISED):
                problems.append(
                    f"{chapter.name}: includes {relative}, which nothing compiles or tests"
                )
            tracked = subprocess.run(["git", "ls-files", "--error-unmatch", relative], cwd=ROOT,
                                     capture_output=True, check=False).returncode == 0  # fmt: skip
            if not tracked:
                problems.append(f"{chapter.name}: includes {relative}, which git does not track")
            if anchor and not anchor.isdigit():
                text = path.read_text()
                if f"ANCHOR: {anchor}" not in text or f"ANCHOR_END: {anchor}" not in text:
                    problems.append(f"{chapter.name}: no anchor '{anchor}' in {relative}")
    return problems


def built_pages():
    problems, pages = [], {}
    for page in BUILT.rglob("*.html"):
        parser = Links()
        text = page.read_text()
        parser.feed(text)
        pages[page.resolve()] = parser
        if "{{#" in text:
            problems.append(f"{page.relative_to(BUILT)}: an unresolved {{{{#…}}}} is left")
    for page, parser in pages.items():
        for target in parser.targets:
            parts = urlsplit(target)
            file = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if parts.path and not file.exists():
                problems.append(f"{page.relative_to(BUILT.resolve())}: broken link {target}")
            elif parts.fragment and file in pages and parts.fragment not in pages[file].ids:
                problems.append(
                    f"{page.relative_to(BUILT.resolve())}: no #{parts.fragment} in {target}"
                )
    return problems


def main(log_path):
    problems = [f"mdbook: {line}" for line in build_warnings(Path(log_path).read_text())]
    problems += included_sources() + built_pages()
    pages = [*sorted(SOURCE.glob("*.md")), ROOT / "README.md"]
    problems += figures.check_all(pages, SOURCE / "generated")
    for problem in problems:
        print(problem)
    chapters = len(list(SOURCE.glob("*.md")))
    print(f"book: {chapters} pages, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
