//! Functions with a docstring and a signature, and CPython's own argument errors.
//!
//! `py_fn!` leaves a function's `__doc__` empty, so `help()` shows nothing and
//! `inspect.signature` fails; and its argument parser answers `count_primes(m=1)` with
//! "Required argument ('n') (pos 1) not found". `py_fn_with_doc!` is `py_fn!`'s expansion with
//! the docstring filled in, and [`one`] parses the one argument with the messages Python
//! gives for a function defined in Python.

use std::ffi::CString;

use cpython::{PyBytes, PyDict, PyErr, PyObject, PyResult, PyTuple, Python, exc};

/// `py_fn_with_doc!(py, f(param), DOC)`: a Python function calling `f(py, argument)`;
/// `py_fn_with_doc!(py, f(param, *, keyword = default), DOC)`: one calling
/// `f(py, argument, Option<keyword's argument>)`, `default` being only what the signature
/// shows (`f` applies it to `None`).
///
/// The docstring starts with `f(signature)\n--\n\n`: CPython strips that line from `__doc__` and
/// serves it as `__text_signature__`, which `inspect.signature` reads. `DOC` is the name of
/// a macro that expands to the rest of the docstring (a literal: it is `concat!`ed).
macro_rules! py_fn_with_doc {
    ($py:expr, $f:ident($param:ident), $doc:ident) => {
        py_fn_with_doc!(@make $py, $f, $param, stringify!($param), [],
            |py, argument, []: [Option<cpython::PyObject>; 0]| $f(py, argument),
            $doc
        )
    };
    ($py:expr, $f:ident($param:ident, *, $keyword:ident = $default:literal), $doc:ident) => {
        py_fn_with_doc!(@make $py, $f, $param,
            concat!(stringify!($param), ", *, ", stringify!($keyword), "=", $default),
            [stringify!($keyword)],
            |py, argument, [keyword]: [Option<cpython::PyObject>; 1]| $f(py, argument, keyword),
            $doc
        )
    };
    // The function: `$signature` for CPython to show, `$call` to call `$f` with what
    // `parse` found.
    (@make $py:expr, $f:ident, $param:ident, $signature:expr, [$($keyword:expr)?], $call:expr,
     $doc:ident) => {{
        unsafe extern "C" fn wrap(
            _module: *mut python3_sys::PyObject,
            args: *mut python3_sys::PyObject,
            kwargs: *mut python3_sys::PyObject,
        ) -> *mut python3_sys::PyObject {
            let call = |py: cpython::Python<'_>| {
                // SAFETY: CPython passes a tuple and NULL or a dict, borrowed for the call.
                let (args, kwargs) = unsafe { crate::args::borrow(py, args, kwargs) };
                let (argument, keywords) = crate::args::parse(
                    py,
                    stringify!($f),
                    stringify!($param),
                    [$($keyword)?],
                    &args,
                    kwargs.as_ref(),
                )?;
                ($call)(py, argument, keywords)
            };
            // SAFETY: CPython calls this with the GIL held. handle_callback turns an Err into
            // a raised exception and catches a panic, so none unwinds into CPython.
            unsafe {
                cpython::_detail::handle_callback(
                    stringify!($f),
                    cpython::_detail::PyObjectCallbackConverter,
                    call,
                )
            }
        }
        // SAFETY: py_method_def! builds a static method table for `wrap` with this name and
        // docstring; py_fn_impl makes the function object from it, with the GIL held.
        unsafe {
            cpython::_detail::py_fn_impl(
                $py,
                cpython::py_method_def!(
                    stringify!($f),
                    0,
                    wrap,
                    concat!(stringify!($f), "(", $signature, ")\n--\n\n", $doc!())
                ),
            )
        }
    }};
}

/// The arguments of a call as rust-cpython objects.
///
/// # Safety
/// The GIL is held; `args` is a tuple and `kwargs` NULL or a dict, both alive for the call.
pub unsafe fn borrow(
    py: Python,
    args: *mut python3_sys::PyObject,
    kwargs: *mut python3_sys::PyObject,
) -> (PyTuple, Option<PyDict>) {
    // SAFETY: per this function's contract.
    unsafe {
        let args = PyObject::from_borrowed_ptr(py, args).unchecked_cast_into::<PyTuple>();
        let kwargs = PyObject::from_borrowed_ptr_opt(py, kwargs)
            .map(|kwargs| kwargs.unchecked_cast_into::<PyDict>());
        (args, kwargs)
    }
}

/// The arguments of `function(param, *, keywords…)`: `param` given by position or by name,
/// and each keyword-only parameter given by name or not at all, with the messages CPython
/// gives for a function written in Python.
pub fn parse<const K: usize>(
    py: Python,
    function: &str,
    param: &str,
    keywords: [&str; K],
    args: &PyTuple,
    kwargs: Option<&PyDict>,
) -> PyResult<(PyObject, [Option<PyObject>; K])> {
    let type_error = |message: String| Err(PyErr::new::<exc::TypeError, _>(py, message));
    let given = args.len(py);
    if given > 1 {
        return type_error(format!(
            "{function}() takes 1 positional argument but {given} were given"
        ));
    }
    let mut argument = (given == 1).then(|| args.get_item(py, 0));
    let mut keyword_arguments = [const { None }; K];
    for (key, value) in kwargs.map(|kwargs| kwargs.items(py)).unwrap_or_default() {
        if let Some(k) = keywords.iter().position(|keyword| is_named(&key, keyword)) {
            keyword_arguments[k] = Some(value); // a dict has each name once
            continue;
        }
        if !is_named(&key, param) {
            let key = text_of(py, &key);
            return type_error(format!(
                "{function}() got an unexpected keyword argument '{key}'"
            ));
        }
        if argument.replace(value).is_some() {
            return type_error(format!(
                "{function}() got multiple values for argument '{param}'"
            ));
        }
    }
    match argument {
        Some(argument) => Ok((argument, keyword_arguments)),
        None => type_error(format!(
            "{function}() missing 1 required positional argument: '{param}'"
        )),
    }
}

/// Is the keyword `key` the text `param`? Compared by CPython on the str's own data: reading
/// a subclass instance through rust-cpython's `PyString` would crash (see text.rs), and its
/// `__eq__` may say anything.
fn is_named(key: &PyObject, param: &str) -> bool {
    let param = CString::new(param).expect("parameter names have no NUL");
    // SAFETY: the GIL is held and key is alive. PyUnicode_Check tells a str (subclasses
    // included); PyUnicode_CompareWithASCIIString compares its code points with the ASCII
    // name and never fails.
    unsafe {
        python3_sys::PyUnicode_Check(key.as_ptr()) != 0
            && python3_sys::PyUnicode_CompareWithASCIIString(key.as_ptr(), param.as_ptr()) == 0
    }
}

/// The text of the str `key` for a message, through CPython's encoder (right for every
/// str, subclasses and lone surrogates included), or "?".
fn text_of(py: Python, key: &PyObject) -> String {
    // SAFETY: the GIL is held and key is alive; the result is a new reference or NULL.
    let encoded = unsafe {
        python3_sys::PyUnicode_AsEncodedString(
            key.as_ptr(),
            c"utf-8".as_ptr(),
            c"backslashreplace".as_ptr(),
        )
    };
    // SAFETY: as above.
    match unsafe { crate::owned_or_err(py, encoded) } {
        Ok(bytes) => match bytes.cast_into::<PyBytes>(py) {
            Ok(bytes) => String::from_utf8_lossy(bytes.data(py)).into_owned(),
            Err(_) => "?".into(),
        },
        Err(_) => "?".into(), // dropping the PyErr clears it
    }
}
