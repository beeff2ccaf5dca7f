"""The workshop's own tests: every wrong solution in exercises/wrong/ fails its check and
every other right solution kept there passes it, the allocation counts of exercises 03 and
05 are exact run after run, and the runner finds exercises by number or name, shows build
errors before checking, stops a check that hangs and shows what it wrote, gives a new hint
only for progress, answers Ctrl-C and wrong arguments in a line or two, and checks the
starting points as committed."""

import json
import subprocess
import sys

import pytest

from exercises import runner


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """One scratch copy of the exercises. Each test writes the files it needs anew, so that
    their fresh modification times make cargo rebuild what changed."""
    return runner.scratch_copy(runner.HERE, tmp_path_factory.mktemp("scratch"))


def skip_if_not_here(config):
    if reason := runner.not_here(config):
        pytest.skip(reason)


@pytest.mark.parametrize(
    "case", runner.wrong_cases(), ids=lambda case: f"{case['exercise'][:2]}-{case['name']}"
)
def test_a_wrong_solution_fails_its_check(copy, case):
    folder, config = runner.find(case["exercise"], copy)
    skip_if_not_here(config)
    runner.solve(folder, config, case)
    step, passed, output = runner.attempt(folder, config, runner.SCRATCH_TARGET)
    assert not passed, f"the check passes a solution that {case['mistake']}"
    assert step == "check", f"the wrong solution must build:\n{output}"
    assert case["fails_with"] in output, output


@pytest.mark.parametrize(
    "case",
    runner.wrong_cases(kind="right"),
    ids=lambda case: f"{case['exercise'][:2]}-{case['name']}",
)
def test_another_right_solution_passes_its_check(copy, case):
    folder, config = runner.find(case["exercise"], copy)
    skip_if_not_here(config)
    runner.solve(folder, config, case)
    step, passed, output = runner.attempt(folder, config, runner.SCRATCH_TARGET)
    assert passed, f"the check fails a right solution ({case['why']}), at its {step}:\n{output}"


@pytest.mark.parametrize("name", ["03-owned-buffer", "05-own-the-data"])
def test_the_allocation_count_is_exact_twenty_times_in_a_row(copy, name):
    """The test binary itself, 20 times: what cargo test runs, without cargo's start-up."""
    folder, config = runner.find(name, copy)
    runner.solve(folder, config)
    build = ["cargo", "test", "--no-run", "--message-format=json", "-p", f"ex{name[:2]}"]
    built, output = runner.run(build, folder, runner.SCRATCH_TARGET, runner.TIMEOUTS["build"])
    assert built, output
    messages = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    artifacts = [m for m in messages if m["reason"] == "compiler-artifact"]
    (binary,) = [m["executable"] for m in artifacts if m["target"]["name"] == "check"]
    runs = [
        subprocess.run([binary], capture_output=True, text=True, timeout=120) for _ in range(20)
    ]
    failures = [run.stdout + run.stderr for run in runs if run.returncode != 0]
    assert not failures, f"{len(failures)} of 20 runs failed; the first:\n{failures[0]}"


# -- the runner, on exercises made up for the test ------------------------------------------

HINTS = "# Hints\n\n## Hint 1\n\nfirst\n\n## Hint 2\n\nsecond\n\n## Hint 3\n\nthird\n"
# Builds unless answer.txt says "syntax-error"; passes when it says "right", and otherwise
# fails with its first word (more words change the file, not the failure).
BUILD = "import sys; sys.exit('error[E0433]' if 'syntax' in open('answer.txt').read() else 0)"
CHECK = """import sys, time
answer = open('answer.txt').read()
if answer == 'hang':
    print('checking, until the end of time')
    time.sleep(120)
sys.exit(0 if answer == 'right' else 'wrong: ' + answer.split()[0])"""


@pytest.fixture
def made_up(tmp_path):
    """exercises/01-made-up: a build, a check and three hints; run with python -c. The check
    hangs, after saying so, when answer.txt says "hang"; it is stopped after 2 seconds."""
    folder = tmp_path / "01-made-up"
    folder.mkdir()
    config = {
        "title": "Made up",
        "chapter": "a chapter title longer than any in the book, to test the columns",
        "build": [sys.executable, "-c", BUILD],
        "check": [sys.executable, "-c", CHECK],
        "files": ["answer.txt"],
        "timeout": 2,
    }
    (folder / "exercise.toml").write_text(
        "".join(f"{k} = {json.dumps(v)}\n" for k, v in config.items())
    )
    (folder / "hints.md").write_text(HINTS)
    (folder / "answer.txt").write_text("start")
    return tmp_path


def check(base, answer, capsys):
    (base / "01-made-up" / "answer.txt").write_text(answer)
    status = runner.run_one("1", base=base)
    return status, capsys.readouterr().out


def test_a_new_hint_comes_with_progress_only(made_up, capsys):
    assert "Hint 1 of 3:\n\nfirst" in check(made_up, "start", capsys)[1]
    assert "Hint 1 of 3 again" in check(made_up, "start", capsys)[1]  # an unchanged rerun
    assert "Hint 1 of 3 again" in check(made_up, "start edited", capsys)[1]  # the same failure
    status, out = check(made_up, "syntax-error", capsys)
    assert status == 1 and "error[E0433]" in out and "Hint" not in out  # the build comes first
    assert "Hint 2 of 3:\n\nsecond" in check(made_up, "other", capsys)[1]  # a new failure
    runner.next_hint("01-made", base=made_up)
    assert "Hint 3 of 3:\n\nthird" in capsys.readouterr().out  # asked for
    assert check(made_up, "right", capsys)[0] == 0


def test_a_check_that_hangs_shows_what_it_wrote_and_is_no_progress(made_up, capsys):
    assert "Hint 1 of 3:" in check(made_up, "start", capsys)[1]
    status, out = check(made_up, "hang", capsys)
    assert status == 1 and "checking, until the end of time" in out  # written, not buffered
    assert "stopped after 2 seconds" in out and "Hint" not in out
    progress = json.loads((made_up / ".progress.json").read_text())["01-made-up"]
    assert progress["state"] == "stopped" and progress["hints_shown"] == 1
    assert "Hint 1 of 3 again" in check(made_up, "start", capsys)[1]  # the same failure


def test_ctrl_c_is_one_line_and_status_130(monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "run_one", interrupted)
    assert runner.main(["3"]) == 130
    err = capsys.readouterr().err
    assert err.strip() == "✗ interrupted (Ctrl-C)." and "Traceback" not in err


def test_wrong_arguments_show_how_to_use_just(capsys):
    assert runner.main(["3", "4"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage:") and "./just exercise N" in err and "runner.py" not in err


def test_an_exercise_is_found_by_number_name_or_prefix():
    for query in ["1", "01", "01-ctypes-declarations", "01-ct"]:
        assert runner.find(query)[0].name == "01-ctypes-declarations"
    for query in ["0", "99", "nothing"]:
        with pytest.raises(LookupError):
            runner.find(query)


def test_the_list_keeps_its_columns(made_up, capsys):
    runner.list_all(base=made_up)
    header, row = capsys.readouterr().out.splitlines()[:2]
    assert row.index("not tried") == header.index("status")


def test_a_check_that_hangs_is_stopped_with_its_children(tmp_path):
    """The grandchild holds the output pipe: only stopping the whole group ends the wait."""
    sleeper = [sys.executable, "-c", "import time; time.sleep(120)"]
    spawner = [sys.executable, "-c", f"import subprocess; subprocess.run({sleeper!r})"]
    passed, output = runner.run(spawner, tmp_path, tmp_path, limit=1)
    assert not passed and "stopped after 1 seconds" in output


def test_rust_backtraces_only_when_asked(tmp_path):
    show = [sys.executable, "-c", "import os; print(os.environ['RUST_BACKTRACE'])"]
    assert runner.run(show, tmp_path, tmp_path, limit=60)[1].strip() == "0"
    assert runner.run(show, tmp_path, tmp_path, limit=60, backtrace=True)[1].strip() == "1"


def test_check_solutions_takes_the_starts_as_committed(tmp_path, capsys):
    """On a tree where exercise 04 is done, its start still fails, as git has it."""
    base = runner.scratch_copy(runner.HERE, tmp_path)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c",
           "commit.gpgsign=false"]  # fmt: skip
    for command in (["init", "--quiet"], ["add", "."], ["commit", "--quiet", "-m", "start"]):
        subprocess.run([*git, *command], cwd=base, check=True)
    folder, config = runner.find("4", base)
    runner.solve(folder, config)  # the attendee's work
    assert runner.check_solutions(["4"], base=base) == 0
    assert "04-fix-dangling-c: start fails, as it should" in capsys.readouterr().out
