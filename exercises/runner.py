"""The workshop's exercise runner (`./just exercise`, `./just check-solutions`).

    python exercises/runner.py                 list every exercise and where you stand
    python exercises/runner.py N               check exercise N; on failure, show the next hint
    python exercises/runner.py check-solutions every start fails its check, every solution passes

Each exercise folder has an `exercise.toml` (title, chapter, the check command, the files a
learner edits, and for compiled code the command that must build the untouched start) and a
`hints.md` whose `## ` sections are revealed one failed check at a time.
Progress is kept in exercises/.progress.json, which git ignores.
"""

import json
import os
import shutil
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
PROGRESS = HERE / ".progress.json"
# The learner's builds, cached between checks.
LEARNER_TARGET = ROOT / "target" / "exercises"
# check-solutions builds scratch copies elsewhere: cargo's build hashes do not depend on where
# a workspace lives, so sharing a target dir would let one copy's build pass for the other's.
SCRATCH_TARGET = ROOT / "target" / "exercises-check"


def exercises(base=HERE):
    """Every exercise folder under `base`, in order, with its exercise.toml."""
    found = []
    for folder in sorted(base.glob("[0-9][0-9]-*")):
        with open(folder / "exercise.toml", "rb") as config:
            found.append((folder, tomllib.load(config)))
    return found


def check(folder, config, target=LEARNER_TARGET, step="check"):
    """Run the exercise's check (or its build) in its folder; return (passed, output)."""
    env = {**os.environ, "CARGO_TARGET_DIR": str(target)}
    result = subprocess.run(
        config[step], cwd=folder, env=env, capture_output=True, text=True, check=False
    )
    return result.returncode == 0, result.stdout + result.stderr


def hints(folder):
    sections = (folder / "hints.md").read_text().split("\n## ")[1:]
    return ["## " + section.strip() for section in sections]


def load_progress():
    return json.loads(PROGRESS.read_text()) if PROGRESS.exists() else {}


def list_all():
    progress = load_progress()
    print(f"{'':3} {'exercise':34} {'chapter':30} status")
    for folder, config in exercises():
        state = progress.get(folder.name, {}).get("state", "not tried")
        mark = {"passed": "✓", "failing": "✗"}.get(state, "·")
        print(f"{mark:3} {folder.name:34} {config['chapter']:30} {state}")
    print("\n./just exercise N checks exercise N and, when it fails, shows the next hint.")
    return 0


def run_one(number):
    matches = [(f, c) for f, c in exercises() if f.name.startswith(f"{int(number):02d}-")]
    if not matches:
        print(f"no exercise {number}; ./just exercise lists them", file=sys.stderr)
        return 2
    folder, config = matches[0]
    print(f"== {folder.name}: {config['title']}  (read: {config['chapter']})")
    passed, output = check(folder, config)
    progress = load_progress()
    entry = progress.setdefault(folder.name, {"hints_shown": 0})
    if passed:
        entry["state"] = "passed"
        print("✓ the check passes. Well done! Compare with exercises/solutions/" + folder.name)
    else:
        entry["state"] = "failing"
        print("\n".join(output.strip().splitlines()[-40:]))
        available = hints(folder)
        shown = min(entry["hints_shown"] + 1, len(available))
        entry["hints_shown"] = shown
        print(f"\n✗ not yet. Hint {shown} of {len(available)}:\n")
        print(available[shown - 1])
    PROGRESS.write_text(json.dumps(progress, indent=2))
    return 0 if passed else 1


def check_solutions():
    """In a scratch copy: each untouched start must fail, each reference solution pass."""
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "exercises"
        # shutil.copy, not copy2: fresh modification times, so cargo rebuilds what changed.
        ignore = shutil.ignore_patterns("target", ".progress.json", "__pycache__")
        shutil.copytree(HERE, copy, ignore=ignore, copy_function=shutil.copy)
        for folder, config in exercises(copy):
            if "build" in config:  # a start must build: it fails its check, not the compiler
                built, output = check(folder, config, SCRATCH_TARGET, step="build")
                if not built:
                    problems.append(
                        f"{folder.name}: the starting point does not build:\n{output[-3000:]}"
                    )
            passed, output = check(folder, config, SCRATCH_TARGET)
            print(f"{folder.name}: start {'PASSES (wrong)' if passed else 'fails, as it should'}")
            if passed:
                problems.append(f"{folder.name}: the starting point already passes its check")
            for name in config["files"]:
                shutil.copy(copy / "solutions" / folder.name / name, folder / name)
            passed, output = check(folder, config, SCRATCH_TARGET)
            print(f"{folder.name}: solution {'passes' if passed else 'FAILS'}")
            if not passed:
                problems.append(f"{folder.name}: the solution fails its check:\n{output[-3000:]}")
    for problem in problems:
        print("\n" + problem, file=sys.stderr)
    print(f"\n{len(problems)} problem(s) in {len(exercises())} exercises")
    return 1 if problems else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        sys.exit(list_all())
    if args == ["check-solutions"]:
        sys.exit(check_solutions())
    sys.exit(run_one(args[0]))
