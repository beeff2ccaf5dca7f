//! Style 4: a Python extension module written with PyO3 and built by maturin.
//!
//! `#[pymodule]` makes the module and its `PyInit_primes_pyo3`; each `#[pyfunction]` turns a
//! Rust function into a Python one, with its `///` comment as the docstring. `py.detach`
//! releases the GIL while a kernel runs. The wheel uses the stable ABI (abi3), so one build
//! serves CPython 3.11 and every later version (with the GIL; see chapter 6).

mod buffer;
mod list;

// ANCHOR: detach_if
/// Below this size a kernel takes about as long as releasing and retaking the GIL does:
/// tens of nanoseconds when no other thread wants it. When other threads wait for it, the
/// retake waits its turn (CPython hands the GIL over at most every switch interval, 5 ms by
/// default), so a tiny call that releases it can take milliseconds. Small calls keep it.
const DETACH_ABOVE: u32 = 10_000;

/// Runs `kernel` with the GIL released when `worth_it`, holding it otherwise.
fn detach_if<T: pyo3::marker::Ungil>(
    py: pyo3::Python<'_>,
    worth_it: bool,
    kernel: impl FnOnce() -> T + pyo3::marker::Ungil,
) -> T {
    if worth_it {
        py.detach(kernel)
    } else {
        kernel()
    }
}
// ANCHOR_END: detach_if

// ANCHOR: count_on_threads
/// π(n) on `threads` threads (0: one per core), the GIL released for the whole count. The
/// workers never touch Python; the calling thread, while it waits, takes the GIL back every
/// 20 ms or so to run Python's signal handlers, and stops the count when one raises (Ctrl-C:
/// KeyboardInterrupt), raising that exception once the workers have stopped.
fn count_on_threads(py: pyo3::Python<'_>, n: u32, threads: usize) -> pyo3::PyResult<usize> {
    let mut raised = None;
    let counted = detach_if(py, n > DETACH_ABOVE, || {
        kernels::count_primes_threads(n, threads, || {
            // On the calling thread: the one that may run signal handlers. The first error
            // is kept (a second Ctrl-C while the workers stop is dropped, attached).
            pyo3::Python::attach(|py| {
                let error = py.check_signals().err();
                let stop = error.is_some();
                raised = raised.take().or(error);
                !stop
            })
        })
    });
    if let Some(error) = raised {
        return Err(error);
    }
    match counted.map_err(primes_pyo3::to_py_err)? {
        Some(count) => Ok(count),
        None => unreachable!("the count stops only when a signal handler raised"),
    }
}
// ANCHOR_END: count_on_threads

/// An argument as given, `None` included, or `Given(None)` when it was not: with
/// `Option<&Bound>`, PyO3 would take `threads=None` for the default instead of refusing it
/// as n's rules say. Checked in the function's body, after n (`Given` accepts anything).
struct Given<'py>(Option<pyo3::Bound<'py, pyo3::PyAny>>);

impl<'a, 'py> pyo3::FromPyObject<'a, 'py> for Given<'py> {
    type Error = std::convert::Infallible;

    fn extract(given: pyo3::Borrowed<'a, 'py, pyo3::PyAny>) -> Result<Self, Self::Error> {
        Ok(Self(Some(given.to_owned())))
    }
}

// ANCHOR: module
/// The sieve and count_doubles kernels in Rust, through PyO3.
// `gil_used = false`, said out loud (it is PyO3 0.30's default): on a free-threaded CPython
// this module lets the GIL stay off. It may, because the kernels share nothing between
// calls, and the one piece of shared state here (ISASCII, below) is a thread-safe PyOnceLock.
#[pyo3::pymodule(gil_used = false)]
mod primes_pyo3 {
    use numpy::PyArray1;
    #[cfg(not(PyPy))]
    use pyo3::exceptions::PyImportError;
    use pyo3::exceptions::{PyMemoryError, PyTypeError, PyValueError};
    use pyo3::ffi;
    use pyo3::prelude::*;
    use pyo3::types::{PyList, PyString};

    /// The largest n the sieve accepts: 2**32 - 1.
    #[pymodule_export]
    const MAX_N: u32 = kernels::MAX_N;

    // ANCHOR: main_interpreter_only
    /// Refuses to load in any interpreter but the main one, with ImportError.
    // PyO3 does not support subinterpreters (PyO3 issue #576): `Python::attach` takes the GIL
    // with PyGILState_Ensure, which knows only the main interpreter, and Python objects sit in
    // process-wide statics (ISASCII below, PyO3's PanicException type, rust-numpy's pointer to
    // numpy's C API), where every interpreter would use the first one's. PyO3 0.30 checks
    // nothing here: its interpreter check and its module cache serve submodules only. A
    // top-level module is made in two phases (PEP 489): each interpreter that imports it gets
    // a new module object, filled by the module's exec slot, whose last step is this
    // function, and an error here fails that import alone. CPython 3.12 and later refuse the
    // module by themselves only in a subinterpreter with its own GIL (it declares no
    // per-interpreter GIL support); 3.11, and a subinterpreter that shares the main one's GIL,
    // load it. The main interpreter's id is 0; both calls are in the stable ABI. PyPy has no
    // subinterpreters (nor these two functions).
    #[pymodule_init]
    fn main_interpreter_only(_py: Python<'_>) -> PyResult<()> {
        #[cfg(not(PyPy))]
        {
            // SAFETY: the GIL is held (`_py`), so this thread has a current interpreter.
            let id = unsafe { ffi::PyInterpreterState_GetID(ffi::PyInterpreterState_Get()) };
            if id != 0 {
                return Err(PyImportError::new_err(
                    "primes_pyo3 cannot be loaded in a subinterpreter: PyO3 does not support \
                     them (https://github.com/PyO3/pyo3/issues/576)",
                ));
            }
        }
        Ok(())
    }
    // ANCHOR_END: main_interpreter_only

    // ANCHOR: functions
    /// The number of primes p with 2 <= p <= n, on `threads` threads.
    ///
    /// threads=1 (the default) counts on the calling thread; 0 starts one thread per core,
    /// and any other number up to 1024 that many (at most one per core), for this call only.
    /// Raises ValueError when n is outside 0..=MAX_N or threads outside 0..=1024, and
    /// TypeError when either is not an int. Ctrl-C during a count on several threads stops it
    /// and raises KeyboardInterrupt.
    #[pyfunction]
    #[pyo3(signature = (n, *, threads = crate::Given(None)), text_signature = "(n, *, threads=1)")]
    fn count_primes(
        py: Python<'_>,
        n: &Bound<'_, PyAny>,
        threads: crate::Given<'_>,
    ) -> PyResult<usize> {
        let n = to_n(n)?; // n first, then threads: the contract's order
        let threads = threads.0.as_ref().map(to_threads).transpose()?.unwrap_or(1);
        if threads != 1 {
            return crate::count_on_threads(py, n, threads);
        }
        // The kernel touches no Python object: other threads may run Python meanwhile.
        crate::detach_if(py, n > crate::DETACH_ABOVE, || kernels::count_primes(n))
            .map_err(to_py_err)
    }

    /// The primes p with 2 <= p <= n, ascending, as a list of int.
    ///
    /// Raises ValueError when n is outside 0..=MAX_N, TypeError when it is not an int, and
    /// MemoryError when the list does not fit in memory.
    #[pyfunction]
    fn primes<'py>(py: Python<'py>, n: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let n = to_n(n)?;
        let primes = py.detach(|| kernels::primes(n)).map_err(to_py_err)?;
        crate::list::from_u32s(py, &primes)
    }

    /// The number of indices i with s[i] == s[i + 1], comparing code points.
    ///
    /// Raises TypeError when s is not a str. Lone surrogates are counted like any other code
    /// point.
    #[pyfunction]
    fn count_doubles(py: Python<'_>, s: &Bound<'_, PyAny>) -> PyResult<usize> {
        // Cast here rather than in the signature, for the contract's message.
        let s = s.cast::<PyString>().map_err(|_| {
            let name = s
                .get_type()
                .name()
                .map_or_else(|_| "?".into(), |n| n.to_string());
            PyTypeError::new_err(format!("s must be a str, not {name}"))
        })?;
        crate::code_points::count_doubles(py, s)
    }
    // ANCHOR_END: functions

    // ANCHOR: primes_array
    /// The primes p with 2 <= p <= n, ascending, as a numpy array of uint32.
    ///
    /// Raises ValueError when n is outside 0..=MAX_N, TypeError when it is not an int, and
    /// MemoryError when the array does not fit in memory. Rust's memory is handed to numpy
    /// without a copy. Needs numpy: raises ImportError without it.
    #[pyfunction]
    fn primes_array<'py>(
        py: Python<'py>,
        n: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyArray1<u32>>> {
        let n = to_n(n)?;
        // rust-numpy panics when it cannot find numpy's C API; importing numpy through PyO3
        // first turns a missing numpy into its ImportError, before the sieve runs.
        py.import("numpy")?;
        let primes = py.detach(|| kernels::primes(n)).map_err(to_py_err)?;
        // The array's base object takes the Vec over and drops it when the array dies: numpy
        // reads the sieve's own memory, with no copy and no conversion per prime.
        Ok(PyArray1::from_vec(py, primes))
    }
    // ANCHOR_END: primes_array

    // ANCHOR: count_equal_neighbours
    /// The number of indices i with buffer[i] == buffer[i + 1], for a one-dimensional,
    /// contiguous buffer of integers of 1, 2, 4 or 8 bytes (bytes, bytearray, array.array,
    /// numpy arrays), read in place without a copy.
    ///
    /// Raises TypeError when buffer is not a buffer of integers and ValueError when it is not
    /// one-dimensional and contiguous.
    ///
    /// The GIL is released while a large buffer is read, and the buffer is held: a bytearray
    /// cannot be resized meanwhile. No thread may write to the buffer until the call returns,
    /// as for numpy's own functions: a write meanwhile is a data race, and the result is
    /// undefined.
    #[pyfunction]
    fn count_equal_neighbours(py: Python<'_>, buffer: &Bound<'_, PyAny>) -> PyResult<usize> {
        let export = crate::buffer::Export::get(buffer)?;
        // Borrowed from the export, which lives to the end of this function: after the read.
        let (bytes, item_size) = export.integers()?;
        let big = bytes.len() > crate::DETACH_ABOVE as usize; // in bytes
        crate::detach_if(py, big, || kernels::count_equal_items(bytes, item_size))
            .map_err(crate::buffer::to_py_err)
    }
    // ANCHOR_END: count_equal_neighbours

    // ANCHOR: conversions
    /// A Python int in `0..=MAX_N`, or the contract's exception.
    fn to_n(n: &Bound<'_, PyAny>) -> PyResult<u32> {
        to_index(n, kernels::check_n, kernels::out_of_range_message)
    }

    /// A Python int in `0..=MAX_THREADS`, by the same rules as n, or the contract's exception.
    fn to_threads(threads: &Bound<'_, PyAny>) -> PyResult<usize> {
        to_index(
            threads,
            kernels::check_threads,
            kernels::threads_out_of_range_message,
        )
    }

    /// `operator.index(value)` checked by `check`, or the contract's exception: the one
    /// `__index__` raised, as it is (TypeError for float, str, None), or a ValueError with
    /// `message(shown)` for an int too wide for 64 bits.
    fn to_index<T>(
        value: &Bound<'_, PyAny>,
        check: fn(i128) -> Result<T, kernels::Error>,
        message: fn(&dyn std::fmt::Display) -> String,
    ) -> PyResult<T> {
        // operator.index(value): an exact int, whatever an int subclass claims.
        // SAFETY: the GIL is held; PyNumber_Index returns a new reference or NULL with an
        // exception set, which from_owned_ptr_or_err turns into the Err.
        let index = unsafe {
            Bound::from_owned_ptr_or_err(value.py(), ffi::PyNumber_Index(value.as_ptr()))
        }?;
        match index.extract::<i64>() {
            Ok(value) => check(value.into()).map_err(to_py_err),
            // An exact int that does not fit 64 bits: out of range, whatever else it is.
            Err(_) => Err(PyValueError::new_err(wide_message(&index, message)?)),
        }
    }

    /// The out-of-range message for an int too wide for 64 bits: its digits when it has at
    /// most `kernels::SHOWN_BITS` bits, else its sign and width.
    fn wide_message(
        index: &Bound<'_, PyAny>,
        message: fn(&dyn std::fmt::Display) -> String,
    ) -> PyResult<String> {
        let bits: u64 = index.call_method0("bit_length")?.extract()?;
        if bits <= kernels::SHOWN_BITS {
            // An exact int: its own __str__, nobody else's.
            return Ok(message(&index.str()?));
        }
        let sign = if index.lt(0)? { "a negative" } else { "an" };
        Ok(message(&format_args!("{sign} int of {bits} bits")))
    }

    pub(crate) fn to_py_err(error: kernels::Error) -> PyErr {
        match error {
            kernels::Error::OutOfRange(_) | kernels::Error::ThreadsOutOfRange(_) => {
                PyValueError::new_err(error.to_string())
            }
            kernels::Error::OutOfMemory(_) => PyMemoryError::new_err(error.to_string()),
        }
    }
    // ANCHOR_END: conversions
}
// ANCHOR_END: module

// ANCHOR: code_points
/// How a str reaches the kernel. Under the stable ABI the module can borrow an ASCII str's
/// bytes (`PyUnicode_AsUTF8AndSize`, stable since 3.10: for ASCII, the str's own data) and
/// must copy any other str's code points out (`PyUnicode_AsUCS4`); a build for one Python
/// version reads the array of code points CPython stores the str as (PEP 393: 1, 2 or 4
/// bytes each), in place. Both go through the C API or the base type, never through the
/// object's methods: a str subclass may override `isascii`, `encode` or `__len__`, not its
/// contents.
// PyPy keeps its str in its own form: a module built for it takes the stable ABI's way too.
#[cfg(any(feature = "abi3", PyPy))]
mod code_points {
    use pyo3::ffi;
    use pyo3::prelude::*;
    use pyo3::sync::PyOnceLock;
    use pyo3::types::PyString;

    pub fn count_doubles(py: Python<'_>, s: &Bound<'_, PyString>) -> PyResult<usize> {
        #[cfg(PyPy)]
        let s = &exact(s)?;
        if is_ascii(s)? {
            // ASCII is its own UTF-8: this borrows the str's data, with no copy and no cache.
            let bytes = s.to_str()?.as_bytes();
            let big = bytes.len() > crate::DETACH_ABOVE as usize;
            return Ok(crate::detach_if(py, big, || {
                kernels::count_equal_neighbours(bytes)
            }));
        }
        // Not `to_str` here: for other text CPython would make a UTF-8 copy and keep it in
        // the str for its lifetime, and comparing UTF-8 means decoding it. One u32 per code
        // point, lone surrogates included, compares as fast as the bytes do.
        let units = ucs4_copy(s)?;
        let big = units.len() > crate::DETACH_ABOVE as usize;
        Ok(crate::detach_if(py, big, || {
            kernels::count_equal_neighbours(&units)
        }))
    }

    /// PyPy's cpyext gives C the length a str subclass's `__len__` claims, and the text
    /// that far (past its end): a subclass's text is first taken into an exact str by the
    /// base type's full slice, `str.__getitem__(s, slice(None))`, which uses the string's
    /// own length (CONTRACT.md, "On PyPy").
    #[cfg(PyPy)]
    fn exact<'py>(s: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
        if s.is_exact_instance_of::<PyString>() {
            return Ok(s.clone());
        }
        static GETITEM: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        let py = s.py();
        let full = pyo3::types::PySlice::full(py);
        let getitem = str_method(py, &GETITEM, "__getitem__")?.bind(py);
        Ok(getitem.call1((s, full))?.cast_into::<PyString>()?)
    }

    /// The base type's own `str.<name>`, looked up once on `str` itself and kept in `cell`,
    /// so that a subclass's override of it plays no part.
    fn str_method(
        py: Python<'_>,
        cell: &'static PyOnceLock<Py<PyAny>>,
        name: &str,
    ) -> PyResult<&'static Py<PyAny>> {
        cell.get_or_try_init(py, || {
            py.get_type::<PyString>().getattr(name).map(Bound::unbind)
        })
    }

    /// `str.isascii(s)`: the base type's method, looked up once on `str` itself, so that a
    /// subclass's own `isascii` plays no part. (The stable ABI has no C function for it.)
    fn is_ascii(s: &Bound<'_, PyString>) -> PyResult<bool> {
        static ISASCII: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        let py = s.py();
        let isascii = str_method(py, &ISASCII, "isascii")?;
        isascii.bind(py).call1((s,))?.is_truthy()
    }

    /// The code points of `s`, copied by CPython (`PyUnicode_AsUCS4`, stable ABI) into a
    /// buffer Rust owns.
    fn ucs4_copy(s: &Bound<'_, PyString>) -> PyResult<Vec<u32>> {
        // The str's own length field (PyUnicode_GetLength). Not `s.len()`: that is
        // PyObject_Size, which calls a subclass's __len__, and a lie there would size this
        // buffer wrong.
        // SAFETY: the GIL is held and s is a str.
        let len = unsafe { ffi::PyUnicode_GetLength(s.as_ptr()) };
        let count = usize::try_from(len).map_err(|_| PyErr::fetch(s.py()))?;
        let mut units = Vec::new();
        units
            .try_reserve_exact(count)
            .map_err(|_| pyo3::exceptions::PyMemoryError::new_err("cannot copy the str"))?;
        // SAFETY: the GIL is held; units has room for len code points, and with copy_null
        // = 0 CPython writes exactly len of them or returns NULL with an exception set.
        unsafe {
            if ffi::PyUnicode_AsUCS4(s.as_ptr(), units.as_mut_ptr(), len, 0).is_null() {
                return Err(PyErr::fetch(s.py()));
            }
            units.set_len(count);
        }
        Ok(units)
    }
}

#[cfg(not(any(feature = "abi3", PyPy)))]
mod code_points {
    use kernels::count_equal_neighbours;
    use pyo3::prelude::*;
    use pyo3::types::PyString;
    use pyo3::types::string::PyStringData;

    pub fn count_doubles(py: Python<'_>, s: &Bound<'_, PyString>) -> PyResult<usize> {
        // SAFETY: PyString::data reads CPython's string header (compact or not, so str
        // subclasses too), which PyO3 tests on x86_64; the contract suite runs this build
        // there (tests/test_pyo3.py). The str is immutable and `s` keeps it alive while the
        // kernel reads it.
        let data = unsafe { s.data()? };
        let big = data.as_bytes().len() > crate::DETACH_ABOVE as usize; // not __len__
        Ok(match data {
            PyStringData::Ucs1(units) => {
                crate::detach_if(py, big, || count_equal_neighbours(units))
            }
            PyStringData::Ucs2(units) => {
                crate::detach_if(py, big, || count_equal_neighbours(units))
            }
            PyStringData::Ucs4(units) => {
                crate::detach_if(py, big, || count_equal_neighbours(units))
            }
        })
    }
}
// ANCHOR_END: code_points
