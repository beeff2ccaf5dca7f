"""The prose-figure check of book/figures.py fails a stale or unmarked figure."""

import sys

from tests.isolated import ROOT

sys.path.insert(0, str(ROOT / "book"))
import figures

MEASURED = {"count_primes/pyo3/vs numpy, 1e+08": "42.2×", "overhead/pyo3: f/time": "116 ns ±3%"}


def test_a_figure_that_matches_its_measurement_passes():
    text = "PyO3 is <!-- fig: count_primes/pyo3/vs numpy, 1e+08 -->42 times faster than numpy."
    assert figures.check("page", text, MEASURED) == []
    text = "A call costs <!-- fig: overhead/pyo3: f/time -->about 120 ns, and 25× <!-- quote -->"
    assert len(figures.check("page", text, MEASURED)) == 1  # the mark must come first


def test_a_stale_figure_fails():
    text = "PyO3 is <!-- fig: count_primes/pyo3/vs numpy, 1e+08 -->80 times faster than numpy."
    (problem,) = figures.check("page", text, MEASURED)
    assert "stale" in problem


def test_an_unknown_key_fails():
    (problem,) = figures.check("page", "<!-- fig: nowhere/x/y -->3×", MEASURED)
    assert "no measured figure" in problem


def test_an_unmarked_ratio_fails_but_quotes_targets_and_code_pass():
    (problem,) = figures.check("page", "Rust is 25× faster.", MEASURED)
    assert "no <!-- fig" in problem
    text = 'The talk said "<!-- quote -->25×"; the goal is <!-- target -->2×.\n```\n9×\n```\n| 3× |'
    assert figures.check("page", text, MEASURED) == []


def test_every_cell_of_the_generated_tables_is_a_figure(tmp_path):
    (tmp_path / "bench.md").write_text(
        "<!-- ANCHOR: overhead -->\n| call | time |\n| --- | --- |\n| f(0) | 58 ns ±3% |\n"
    )
    (tmp_path / "steps.md").write_text("| step | gain |\n| --- | --- |\n| 1. odd | 2.78× |\n")
    assert figures.measured(tmp_path) == {"overhead/f(0)/time": "58 ns ±3%",
                                          "steps/1. odd/gain": "2.78×"}  # fmt: skip


def test_a_rounded_figure_agrees_to_the_digits_it_writes():
    assert figures.agrees("2,000", 1950) and figures.agrees("2,000", 2400)
    assert not figures.agrees("2,000", 2600)
    assert figures.agrees("1.9", 1.91) and not figures.agrees("1.9", 1.7)
    assert figures.agrees("160", 164) and not figures.agrees("160", 185)
