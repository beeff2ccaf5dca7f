//! The primes as a numpy array over Rust's own memory: a small Python class owns the `Vec`
//! and describes it to numpy through the array interface, as the ctypes style's `_Lent` does.

// py_class! (cpython 0.7.2) implements traits inside the `create_instance` it generates,
// which today's rustc warns about; the code is the crate's, and correct.
#![expect(non_local_definitions, reason = "py_class!'s expansion")]

use std::mem::ManuallyDrop;

use cpython::{PyDict, PyModule, PyObject, PyResult, Python, py_class};

// ANCHOR: uint32_array
/// A numpy array of `primes`, in the `Vec`'s own memory: no copy.
///
/// rust-cpython's classes cannot export the buffer protocol, but numpy needs none: any
/// object with an `__array_interface__` (an address, a shape, a type) becomes an array
/// through `numpy.asarray`, which keeps the object as the array's `base`. Here that object
/// is a `RustPrimes`, which owns the `Vec`: it lives while the array or any slice or view of
/// it does, and frees the primes, once, when Python collects it.
pub fn uint32_array(py: Python, numpy: &PyModule, primes: Vec<u32>) -> PyResult<PyObject> {
    // A MemoryError here drops `primes` with the failed call: nothing leaks.
    let owner = RustPrimes::create_instance(py, Parts::from_vec(primes))?;
    numpy.call(py, "asarray", (owner,), None) // the array holds the owner; nobody else does
}

py_class!(pub(crate) class RustPrimes |py| {
    data primes: Parts;

    // Without a setter, and with no __new__: Python can neither replace the description
    // nor make a RustPrimes of its own. Nothing reachable from the array frees the memory.
    @property def __array_interface__(&self) -> PyResult<PyDict> {
        let primes = self.primes(py);
        let interface = PyDict::new(py);
        // False: not read-only. The array is the caller's to write, as in every style.
        interface.set_item(py, "data", (primes.address as usize, false))?;
        interface.set_item(py, "shape", (primes.len,))?;
        interface.set_item(py, "typestr", NATIVE_UINT32)?;
        interface.set_item(py, "version", 3)?;
        Ok(interface)
    }
});

/// numpy's name for `u32` in this machine's byte order, the order the sieve wrote.
const NATIVE_UINT32: &str = if cfg!(target_endian = "little") {
    "<u4"
} else {
    ">u4"
};

/// A `Vec<u32>` taken apart (what the unstable `Vec::into_raw_parts` does), and put back
/// together only to be freed. Once it is apart, Rust holds no reference to the primes: numpy
/// reads and writes them through the address alone, which no Rust borrow can contradict.
pub(crate) struct Parts {
    address: *mut u32,
    len: usize,
    capacity: usize,
}

impl Parts {
    fn from_vec(primes: Vec<u32>) -> Self {
        let mut primes = ManuallyDrop::new(primes);
        Self {
            address: primes.as_mut_ptr(),
            len: primes.len(),
            capacity: primes.capacity(),
        }
    }
}

// SAFETY: Parts owns its allocation as the Vec<u32> it came from did, and Vec<u32> is Send.
// (py_class! asks for Send: a Python object may be dropped on any thread.)
unsafe impl Send for Parts {}

impl Drop for Parts {
    fn drop(&mut self) {
        // SAFETY: address, len and capacity are those of the Vec<u32> that from_vec took
        // apart, unchanged; this is the one place that puts it back, and Drop runs once.
        // numpy's writes left only u32 values in it, which any bytes are.
        drop(unsafe { Vec::from_raw_parts(self.address, self.len, self.capacity) });
    }
}
// ANCHOR_END: uint32_array

/// Readies the `RustPrimes` class under the module's name, so that a failure is the
/// import's error rather than a panic at the first call (which readies it otherwise).
pub fn ready_class(py: Python, module: &str) -> PyResult<()> {
    use cpython::py_class::PythonObjectFromPyClassMacro;
    RustPrimes::initialize(py, Some(module)).map(drop)
}
