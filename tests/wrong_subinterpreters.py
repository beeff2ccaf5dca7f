"""Wrong answers to a subinterpreter, each from a module that should refuse every one (as a
style in test_hostile.MUST_REFUSE must) and does something else.

The module is the pure-Python baseline's functions, right in every interpreter; what it
does on import is chosen by WRONG_SUBINTERPRETERS=NAME in the environment, which every
interpreter of the process reads (and WRONG_SUBINTERPRETERS_MARK, a file's path: state
that every interpreter of the process shares, as a Rust static is).
tests/test_wrong_subinterpreters.py points the subinterpreter check at it and demands that
the check fail each one.
"""

import os

from python_clients.pure_python import MAX_N, count_doubles, count_primes, primes

try:
    import _interpreters as interpreters  # 3.13 and later
except ImportError:
    import _xxsubinterpreters as interpreters

__all__ = ["MAX_N", "count_doubles", "count_primes", "primes"]

# Each wrong version, and what it does instead of refusing every subinterpreter.
WRONG = {
    "loads_everywhere": "loads in every interpreter, as PyO3 0.30's module does by itself on "
    "3.11 and in a subinterpreter that shares the main interpreter's GIL",
    "runtime_error": "refuses a subinterpreter, with RuntimeError instead of ImportError",
    "unexplained": "refuses a subinterpreter with an ImportError that does not say why",
    "refusal_remembered": "refuses a subinterpreter, and every later import in the process "
    "with it, the main interpreter's too: a refusal cached in a static",
}

_wrong = os.environ.get("WRONG_SUBINTERPRETERS")
_in_a_subinterpreter = interpreters.get_current() != interpreters.get_main()
if _wrong == "runtime_error" and _in_a_subinterpreter:
    raise RuntimeError("this module cannot be loaded in a subinterpreter")
if _wrong == "unexplained" and _in_a_subinterpreter:
    raise ImportError("cannot import name 'lib'")  # how a refusal by accident reads
if _wrong == "refusal_remembered":
    _mark = os.environ["WRONG_SUBINTERPRETERS_MARK"]
    if _in_a_subinterpreter or os.path.exists(_mark):
        open(_mark, "w").close()
        raise ImportError("this module cannot be loaded in a subinterpreter")
