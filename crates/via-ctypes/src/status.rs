//! How every exported function reports success or failure: a status code, and a message
//! kept per thread, like `errno` and `strerror`.

use std::any::Any;
use std::cell::RefCell;
use std::ffi::{CString, c_char};
use std::panic::{UnwindSafe, catch_unwind};

// ANCHOR: status
/// The result of every call. The value a function computes goes through an out-pointer, so
/// no return value is ever both an answer and an error code.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Success: the out-pointer holds the answer.
    Ok = 0,
    /// `n` was above `MAX_N` (the C type cannot be negative).
    OutOfRange = 1,
    /// The allocator refused a table or a list.
    OutOfMemory = 2,
    /// The bytes passed as text were not UTF-8, or not whole UTF-32 units.
    InvalidText = 3,
    /// A required pointer was NULL.
    NullPointer = 4,
    /// Rust panicked. The panic was caught at the boundary: it is a bug, reported, not a crash.
    Panic = 5,
    /// The bytes passed as an array were not whole items of 1, 2, 4 or 8 bytes.
    InvalidItems = 6,
    /// `threads` was above `KERNELS_MAX_THREADS` (the C type cannot be negative).
    ThreadsOutOfRange = 7,
}
// ANCHOR_END: status

/// A failure on the Rust side of the boundary, before it becomes a [`Status`] and a message.
pub struct Failure {
    status: Status,
    message: String,
}

impl Failure {
    /// A failure with this status and message.
    pub fn new(status: Status, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }
}

impl From<kernels::Error> for Failure {
    fn from(error: kernels::Error) -> Self {
        let status = match error {
            kernels::Error::OutOfRange(_) => Status::OutOfRange,
            kernels::Error::ThreadsOutOfRange(_) => Status::ThreadsOutOfRange,
            kernels::Error::OutOfMemory(_) => Status::OutOfMemory,
        };
        Self::new(status, error.to_string())
    }
}

impl From<kernels::ItemsError> for Failure {
    fn from(error: kernels::ItemsError) -> Self {
        Self::new(Status::InvalidItems, error.to_string())
    }
}

thread_local! {
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

// ANCHOR: boundary
/// Runs `body` and turns what happened into a [`Status`]: success, an error (its message
/// saved for [`kernels_last_error`]) or a panic, caught here so that it never unwinds into C.
pub fn boundary(body: impl FnOnce() -> Result<(), Failure> + UnwindSafe) -> Status {
    let failure = match catch_unwind(body) {
        Ok(Ok(())) => return Status::Ok,
        Ok(Err(failure)) => failure,
        Err(payload) => Failure::new(
            Status::Panic,
            format!("Rust panicked: {}", describe(&*payload)),
        ),
    };
    // A message with an interior NUL would be cut short in C: replace those first.
    let message = CString::new(failure.message.replace('\0', "\\0")).unwrap_or_default();
    LAST_ERROR.with(|last| *last.borrow_mut() = message);
    failure.status
}
// ANCHOR_END: boundary

fn describe(payload: &(dyn Any + Send)) -> &str {
    if let Some(message) = payload.downcast_ref::<&str>() {
        message
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message
    } else {
        "a panic with a non-string payload"
    }
}

/// The message of the last failed call on this thread, as a NUL-terminated UTF-8 string.
///
/// The pointer stays valid until the next failing call on the same thread; copy the text
/// out before that. Never NULL; an empty string when nothing has failed yet.
#[unsafe(no_mangle)]
pub extern "C" fn kernels_last_error() -> *const c_char {
    LAST_ERROR.with(|last| last.borrow().as_ptr())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn last_error() -> String {
        // SAFETY: kernels_last_error returns a valid C string owned by this thread.
        unsafe { CStr::from_ptr(kernels_last_error()) }
            .to_string_lossy()
            .into_owned()
    }

    #[test]
    fn a_panic_becomes_a_status_and_a_message() {
        let status = boundary(|| panic!("index {} out of bounds", 7));
        assert_eq!(status, Status::Panic);
        assert_eq!(last_error(), "Rust panicked: index 7 out of bounds");
    }

    #[test]
    fn a_kernel_error_keeps_its_message() {
        let status = boundary(|| Err(kernels::Error::OutOfRange(1 << 40).into()));
        assert_eq!(status, Status::OutOfRange);
        assert!(last_error().contains("1099511627776"), "{}", last_error());
    }

    #[test]
    fn success_leaves_no_message_behind() {
        assert_eq!(boundary(|| Ok(())), Status::Ok);
    }
}
