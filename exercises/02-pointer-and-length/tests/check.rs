//! The check of exercise 02 (do not edit): run it with `./just exercise 2`.

use ex02::count_byte;

fn count(data: &[u8], byte: u8) -> usize {
    // SAFETY: data is a valid slice of data.len() bytes.
    unsafe { count_byte(data.as_ptr(), data.len(), byte) }
}

#[test]
fn counts_plain_text() {
    assert_eq!(count(b"banana", b'a'), 3);
}

#[test]
fn a_nul_is_an_ordinary_byte() {
    assert_eq!(count(b"a\0a", b'a'), 2);
    assert_eq!(count(b"\0\0x\0", 0), 3);
}

#[test]
fn only_len_bytes_are_read() {
    let data = b"aaaa";
    // SAFETY: 2 <= data.len().
    assert_eq!(unsafe { count_byte(data.as_ptr(), 2, b'a') }, 2);
}

#[test]
fn null_is_zero() {
    // SAFETY: NULL is allowed.
    assert_eq!(unsafe { count_byte(std::ptr::null(), 10, b'a') }, 0);
}
