"""The workshop's exercise runner (`./just exercise`, `./just hint`, `./just check-solutions`).

    python exercises/runner.py                    list every exercise and where you stand
    python exercises/runner.py N [--backtrace]    build, then check exercise N (its number, its
                                                  name or the start of it); a new failure
                                                  brings the next hint
    python exercises/runner.py hint N             the next hint of exercise N, without a check
    python exercises/runner.py check-solutions [N ...]
                                                  every start, as committed, fails its check,
                                                  and every reference solution passes it

Each exercise folder has an `exercise.toml` (title, chapter, the check command, which may
start with `pytest`; the files a learner edits; for compiled code the command that builds
them; and when the check needs longer than TIMEOUTS allows, its own `timeout` in seconds) and
a `hints.md` whose `## ` sections are revealed one at a time. Progress is kept in
exercises/.progress.json, which git ignores. Wrong solutions that the checks must fail are in
wrong/, tried by tests/test_exercises.py.
"""

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11: the same parser, from PyPI (tools/requirements.txt)
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
from python_clients.support import Interpreter, why_not  # noqa: E402

# The learner's builds, cached between checks.
LEARNER_TARGET = ROOT / "target" / "exercises"
# Scratch copies build elsewhere: cargo's build hashes do not depend on where a workspace
# lives, so sharing a target dir would let one copy's build pass for the other's.
SCRATCH_TARGET = ROOT / "target" / "exercises-check"
# Seconds a step may run before it is stopped: a first build compiles every dependency.
TIMEOUTS = {"build": 1800, "check": 300}
# What a check command that starts with "pytest" runs: this interpreter's pytest, terse.
PYTEST = [sys.executable, "-m", "pytest", "-q", "--tb=short", "-p", "no:cacheprovider"]
# Shown whole up to this many lines; longer output keeps its start and its end.
SHOWN_LINES = 120
# Seconds a stopped check has, after Ctrl-C, to say where it was (pytest prints the place)
# before it is killed.
GRACE = 5
# What a learner types, shown when the arguments make no sense.
USAGE = """usage:
  ./just exercise                  the list of exercises, with where you stand
  ./just exercise N                build and check exercise N (3, 03, 03-owned-buffer or 03-own)
  ./just exercise N --backtrace    the same, with Rust's backtraces in panics
  ./just hint N                    the next hint of exercise N, without a check
  ./just check-solutions [N ...]   for instructors: every start fails, every solution passes"""


def exercises(base=HERE):
    """Every exercise folder under `base`, in order, with its exercise.toml."""
    found = []
    for folder in sorted(base.glob("[0-9][0-9]-*")):
        with open(folder / "exercise.toml", "rb") as config:
            found.append((folder, tomllib.load(config)))
    return found


def find(query, base=HERE):
    """The exercise a learner means: its number (3 or 03), its name, or the start of its name."""
    found = exercises(base)
    if query.isdigit():
        matches = [(f, c) for f, c in found if int(f.name[:2]) == int(query)]
    else:
        matches = [(f, c) for f, c in found if f.name.startswith(query)]
    if len(matches) != 1:
        names = ", ".join(f.name for f, _ in matches) or "none"
        raise LookupError(
            f"'{query}' names {len(matches)} exercises ({names}); ./just exercise lists them"
        )
    return matches[0]


def run(command, folder, target, limit, backtrace=False):
    """Run an exercise's command in its folder, for at most `limit` seconds: (passed, output).

    `passed` is None when the command was stopped for taking too long: the output is then
    what it wrote until it was stopped.
    """
    env = {
        **os.environ,
        "CARGO_TARGET_DIR": str(target),
        # Panics print their message; the frames only when asked for (--backtrace).
        "RUST_BACKTRACE": "1" if backtrace else "0",
        # How the checks build PyO3 modules: the build step must not configure them otherwise,
        # or each would rebuild PyO3 for the other.
        "PYO3_BUILD_EXTENSION_MODULE": "1",
        # The checks import python_clients and tests/ from the repository.
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        # Written as it comes, not when a buffer fills: a check that hangs, and is killed,
        # still shows how far it got.
        "PYTHONUNBUFFERED": "1",
    }
    # Compiled against, and imported by, the interpreter running this.
    env.setdefault("PYO3_PYTHON", sys.executable)
    env.setdefault("PYTHON_SYS_EXECUTABLE", sys.executable)
    if command[0] == "pytest":
        command = PYTEST + command[1:]
    # A session of its own, so that a timeout stops what the check started too (cargo, a
    # test binary): they hold the output pipe open.
    output_to = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True}
    with subprocess.Popen(
        command, cwd=folder, env=env, start_new_session=True, **output_to
    ) as process:
        try:
            output, _ = process.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            return None, stop(process) + (
                f"\n✗ stopped after {limit} seconds; above, what it wrote until then. Does"
                " the code loop forever, or wait for something that never comes?"
            )
        except KeyboardInterrupt:  # Ctrl-C reaches this process only, not the session
            os.killpg(process.pid, signal.SIGKILL)
            raise
    return process.returncode == 0, output


def stop(process):
    """Stop a command that hangs, and everything it started; what it wrote, all of it.

    First as Ctrl-C would, so that pytest can say where the check was; then for good.
    """
    os.killpg(process.pid, signal.SIGINT)
    try:
        output, _ = process.communicate(timeout=GRACE)
    except subprocess.TimeoutExpired:  # Ctrl-C is not enough: native code, or a hang in C
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()  # everything, what came before the timeout too
    with contextlib.suppress(ProcessLookupError):  # what it started, if anything is left
        os.killpg(process.pid, signal.SIGKILL)
    return output


def not_here(config):
    """Why the exercise cannot run on this interpreter, or None: the binding it is written
    with (`needs` in its exercise.toml) is not built for it (python_clients/support.py)."""
    reason = why_not(config["needs"]) if "needs" in config else None
    return reason and f"it needs {config['needs']}, not built for {Interpreter.running()}: {reason}"


def attempt(folder, config, target=LEARNER_TARGET, backtrace=False):
    """Build the exercise (when it compiles code), then check it: (step, passed, output).

    The step is "build" when the build failed: its errors are then the whole story.
    """
    if "build" in config:
        built, output = run(config["build"], folder, target, TIMEOUTS["build"], backtrace)
        if not built:
            return "build", False, output
    limit = config.get("timeout", TIMEOUTS["check"])
    return ("check", *run(config["check"], folder, target, limit, backtrace))


def shorten(output):
    lines = output.strip().splitlines()
    if len(lines) <= SHOWN_LINES:
        return "\n".join(lines)
    head, tail = lines[: SHOWN_LINES // 2], lines[-SHOWN_LINES // 2 :]
    return "\n".join([*head, f"[… {len(lines) - SHOWN_LINES} lines …]", *tail])


def signature(output):
    """A failure, less what differs between two runs of the same code (numbers, addresses)."""
    without_addresses = re.sub(r"0x[0-9a-fA-F]+", "0x", output)
    lines = {line.strip() for line in re.sub(r"\d+", "#", without_addresses).splitlines()}
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()


def digest(folder, config):
    """The learner's files as they are now."""
    contents = b"\0".join((folder / name).read_bytes() for name in config["files"])
    return hashlib.sha256(contents).hexdigest()


def hints(folder):
    """The hints of hints.md, each the text under its `## ` heading."""
    sections = (folder / "hints.md").read_text().split("\n## ")[1:]
    return [section.partition("\n")[2].strip() for section in sections]


def load_progress(base):
    path = base / ".progress.json"
    return json.loads(path.read_text()) if path.exists() else {}


def save_progress(base, progress):
    (base / ".progress.json").write_text(json.dumps(progress, indent=2))


def show_hint(folder, entry, advance):
    """Print the hint the learner has reached, after moving one hint on if `advance`."""
    available = hints(folder)
    if advance:
        entry["hints_shown"] = min(entry["hints_shown"] + 1, len(available))
    shown = entry["hints_shown"]
    again = "" if advance else f" again (the same failure; ./just hint {folder.name[:2]}: the next)"
    print(f"\nHint {shown} of {len(available)}{again}:\n\n{available[shown - 1]}")


def list_all(base=HERE):
    progress = load_progress(base)
    found = exercises(base)
    name_width = max(len(f.name) for f, _ in found)
    chapter_width = max(len(c["chapter"]) for _, c in found)
    print(f"{'':3} {'exercise':{name_width}}  {'chapter':{chapter_width}}  status")
    for folder, config in found:
        state = progress.get(folder.name, {}).get("state", "not tried")
        state = "not on this Python" if not_here(config) else state
        mark = "✓" if state == "passed" else "·" if state == "not tried" else "✗"
        print(f"{mark:3} {folder.name:{name_width}}  {config['chapter']:{chapter_width}}  {state}")
    print("\n./just exercise N checks exercise N (a number or a name); ./just hint N, a hint.")
    return 0


def run_one(query, backtrace=False, base=HERE):
    folder, config = find(query, base)
    print(f"== {folder.name}: {config['title']}  (read: {config['chapter']})")
    if reason := not_here(config):
        print(f"✗ {folder.name} cannot run here: {reason}. Set PYTHON to a CPython 3.11-3.13.")
        return 2
    step, passed, output = attempt(folder, config, backtrace=backtrace)
    progress = load_progress(base)
    entry = progress.setdefault(folder.name, {"hints_shown": 0})
    if passed:
        entry["state"] = "passed"
        print("✓ the check passes. Well done! Compare with exercises/solutions/" + folder.name)
    elif step == "build":
        entry["state"] = "does not build"
        print(shorten(output))
        print("\n✗ it does not build yet: the compiler's errors are above, the first one first.")
    elif passed is None:
        # Stopped: no failure to read, so no hint about one. Not progress either.
        entry["state"] = "stopped"
        print(shorten(output))
        print(f"\n(./just hint {folder.name[:2]} gives the next hint.)")
    else:
        entry["state"] = "failing"
        print(shorten(output) + "\n\n✗ not yet.")
        # A new hint for progress only: the code changed and so did the way it fails.
        now = {"files": digest(folder, config), "failure": signature(output)}
        progressed = entry["hints_shown"] == 0 or all(entry.get(k) != v for k, v in now.items())
        entry.update(now)
        show_hint(folder, entry, advance=progressed)
    save_progress(base, progress)
    return 0 if passed else 1


def next_hint(query, base=HERE):
    folder, _ = find(query, base)
    progress = load_progress(base)
    show_hint(folder, progress.setdefault(folder.name, {"hints_shown": 0}), advance=True)
    save_progress(base, progress)
    return 0


def scratch_copy(base, scratch):
    """A copy of the exercises under `scratch`, without builds or progress."""
    copy = Path(scratch) / "exercises"
    # shutil.copy, not copy2: fresh modification times, so cargo rebuilds what changed.
    ignore = shutil.ignore_patterns("target", ".progress.json", "__pycache__", "ex06.h")
    shutil.copytree(base, copy, ignore=ignore, copy_function=shutil.copy)
    return copy


def wrong_cases(base=HERE, kind="case"):
    """The wrong solutions of wrong/*.toml: each a reference solution with one mistake in it;
    with kind="right", the other right solutions kept there, which the checks must pass."""
    cases = []
    for path in sorted((base / "wrong").glob("*.toml")):
        with open(path, "rb") as cases_file:
            found = tomllib.load(cases_file).get(kind, [])
        cases += [{"exercise": path.stem, **case} for case in found]
    return cases


def solve(folder, config, case=None):
    """Write the reference solution into `folder` (a copy's exercise), with `case`'s mistake."""
    for name in config["files"]:
        text = (folder.parent / "solutions" / folder.name / name).read_text()
        for old, new in case["replace"] if case and case["file"] == name else ():
            if old not in text:
                raise ValueError(f"wrong case {case['name']}: {old!r} is not in the solution")
            text = text.replace(old, new)
        (folder / name).write_text(text)


def restore_start(base, folder, config):
    """Write the starting files into `folder` as committed, not as a learner left them."""
    for name in config["files"]:
        path = f"HEAD:./{folder.name}/{name}"
        show = subprocess.run(["git", "show", path], cwd=base, capture_output=True, check=False)
        if show.returncode != 0:
            raise RuntimeError(f"git show {path}: {show.stderr.decode().strip()}")
        (folder / name).write_bytes(show.stdout)


def check_solutions(queries=(), base=HERE):
    """In a scratch copy, each start as committed must build and fail its check, and each
    reference solution must pass it."""
    chosen = [find(query, base) for query in queries] or exercises(base)
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        copy = scratch_copy(base, scratch)
        for original, config in chosen:
            folder = copy / original.name
            if reason := not_here(config):
                print(f"{folder.name}: skipped: {reason}")
                continue
            restore_start(base, folder, config)
            step, passed, output = attempt(folder, config, SCRATCH_TARGET)
            verdict = "PASSES (wrong)" if passed else "fails, as it should"
            print(f"{folder.name}: start {verdict if step == 'check' else 'DOES NOT BUILD'}")
            if passed or step == "build":
                problems.append(f"{folder.name}: the start must build and fail:\n{output[-3000:]}")
            solve(folder, config)
            step, passed, output = attempt(folder, config, SCRATCH_TARGET)
            print(f"{folder.name}: solution {'passes' if passed else 'FAILS'}")
            if not passed:
                problems.append(f"{folder.name}: the solution fails its {step}:\n{output[-3000:]}")
    for problem in problems:
        print("\n" + problem, file=sys.stderr)
    print(f"\n{len(problems)} problem(s) in {len(chosen)} exercises")
    return 1 if problems else 0


def main(args):
    try:
        return dispatch(args)
    except LookupError as error:
        print(error, file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C: what was running is stopped already (see run)
        print("\n✗ interrupted (Ctrl-C).", file=sys.stderr)
        return 130


def dispatch(args):
    if not args:
        return list_all()
    command, *rest = args
    if command == "check-solutions":
        return check_solutions(rest)
    if command == "hint" and len(rest) == 1:
        return next_hint(rest[0])
    if rest in ([], ["--backtrace"]):
        return run_one(command, backtrace=bool(rest))
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
