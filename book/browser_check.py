"""The book as a reader sees it: headless Chromium opens the built book, and this checks that
the sidebar lists every chapter of SUMMARY.md and that searching finds pages.

    python book/browser_check.py [--screenshot FILE]

Chromium (Debian's `chromium` package) is optional on a developer's machine, where a missing
browser skips this check; CI (CI=true) installs it and fails without it.
"""

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILT = ROOT / "book" / "book"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the book without logging every request."""

    def log_message(self, *args):
        pass


def chapter_titles():
    summary = (ROOT / "book" / "src" / "SUMMARY.md").read_text()
    return re.findall(r"\[([^\]]+)\]\([^)]+\.md\)", summary)


def chromium(browser, url, *extra):
    with tempfile.TemporaryDirectory() as profile:
        command = [browser, *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=8000",
                   *extra, url]  # fmt: skip
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&")


def main(args):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        message = "Chromium is not installed (apt install chromium): browser check skipped"
        if os.environ.get("CI"):
            print(message.replace("skipped", "required in CI"))
            return 1
        print(message)
        return 0
    handler = functools.partial(Quiet, directory=BUILT)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    problems = []
    try:
        page = chromium(browser, f"{base}/index.html", "--dump-dom").stdout
        sidebar = page[page.find('class="chapter"') :]
        for title in chapter_titles():
            if title not in text_of(sidebar):
                problems.append(f"the sidebar does not list '{title}'")
        found = chromium(browser, f"{base}/index.html?search=sieve", "--dump-dom").stdout
        header = re.search(r"(\d+) search results? for", text_of(found))
        if not header or int(header.group(1)) == 0:
            problems.append("searching for 'sieve' found nothing")
        if "--screenshot" in args:
            target = Path(args[args.index("--screenshot") + 1]).resolve()
            chromium(browser, f"{base}/ch03-ctypes.html", f"--screenshot={target}",
                     "--window-size=1280,900")  # fmt: skip
    finally:
        server.shutdown()
    for problem in problems:
        print(problem)
    print(f"browser check: {len(chapter_titles())} chapters in the sidebar, search "
          f"{'works' if not any('search' in p for p in problems) else 'BROKEN'}; "
          f"{len(problems)} problem(s)")  # fmt: skip
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
