"""Why the length that crosses into Rust must come from the buffer, never from len(s).

A str subclass decides what len() says. Passing that number beside the pointer to the
encoded bytes tells Rust to read far past their end. Each call runs in a child process,
because the wrong one does not raise: it kills the interpreter.
"""

import signal
import subprocess
import sys

CHILD = """
import ctypes, sys
from python_clients import _c_abi, ctypes_style

class Liar(str):
    def __len__(self):
        return 10**9

s = Liar("ééé")
utf32 = s.encode(_c_abi.UTF32)  # 12 bytes: three code points
length = len(s) * 4 if sys.argv[1] == "wrong" else len(utf32)
count = ctypes.c_size_t()
ctypes_style.lib.kernels_count_doubles_utf32(utf32, length, ctypes.byref(count))
print(count.value)
"""

for way, what in (("wrong", "len(s) * 4, from the subclass"), ("right", "len(utf32)")):
    child = subprocess.run([sys.executable, "-c", CHILD, way], capture_output=True, text=True)
    if child.returncode < 0:
        result = f"the interpreter died: {signal.Signals(-child.returncode).name}"
    else:
        result = f"count_doubles = {child.stdout.strip()}"
    print(f"length = {what:32} -> {result}")
