//! The machine's cache sizes, for sizing segments: read from Linux's sysfs, which needs no
//! `unsafe` and no dependency. Elsewhere the callers fall back to common sizes.
//!
//! Nothing here allocates: the first count may run where memory is short, and Rust's own
//! allocations (a `String`, a `PathBuf`) abort when they fail. Paths are built in a stack
//! buffer, files read into one, and the standard library opens short paths without the heap.

use std::io::Read;

/// The text of `/sys/devices/system/cpu/cpu0/cache/index{index}/{name}`, trimmed, read
/// into `buffer`.
fn read<'b>(index: u8, name: &str, buffer: &'b mut [u8; 64]) -> Option<&'b str> {
    const DIRECTORY: &str = "/sys/devices/system/cpu/cpu0/cache/index";
    let mut path = [0u8; 96];
    let parts = [DIRECTORY.as_bytes(), &[b'0' + index, b'/'], name.as_bytes()];
    let mut len = 0;
    for part in parts {
        path.get_mut(len..len + part.len())?.copy_from_slice(part);
        len += part.len();
    }
    let path = std::str::from_utf8(&path[..len]).ok()?;
    let read = std::fs::File::open(path).ok()?.read(buffer).ok()?;
    std::str::from_utf8(&buffer[..read]).ok().map(str::trim)
}

/// The size in bytes of the first core's cache of `level` that holds one of `kinds`
/// ("Data", "Unified"), if the system says.
fn cache_bytes(level: &str, kinds: &[&str]) -> Option<usize> {
    (0..10).find_map(|index| {
        let mut buffer = [0; 64];
        if read(index, "level", &mut buffer)? != level {
            return None;
        }
        if !kinds.contains(&read(index, "type", &mut buffer)?) {
            return None;
        }
        parse_size(read(index, "size", &mut buffer)?)
    })
}

/// "48K" → 49152; "2048K", "2M", "512" likewise.
fn parse_size(text: &str) -> Option<usize> {
    let (digits, unit) = match text.as_bytes().last()? {
        b'K' => (&text[..text.len() - 1], 1 << 10),
        b'M' => (&text[..text.len() - 1], 1 << 20),
        _ => (text, 1),
    };
    digits.parse::<usize>().ok()?.checked_mul(unit)
}

/// The L1 data cache of one core.
pub(crate) fn l1_data_bytes() -> Option<usize> {
    cache_bytes("1", &["Data", "Unified"])
}

/// The L2 cache of one core.
pub(crate) fn l2_bytes() -> Option<usize> {
    cache_bytes("2", &["Unified", "Data"])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_as_linux_writes_them() {
        assert_eq!(parse_size("48K"), Some(48 * 1024));
        assert_eq!(parse_size("2M"), Some(2 << 20));
        assert_eq!(parse_size("512"), Some(512));
        assert_eq!(parse_size("K"), None);
        assert_eq!(parse_size(""), None);
    }

    #[test]
    fn this_machine_says_something_plausible() {
        if let Some(l1) = l1_data_bytes() {
            assert!((4 << 10..=4 << 20).contains(&l1), "{l1}");
        }
        if std::path::Path::new("/sys/devices/system/cpu/cpu0/cache/index0").exists() {
            assert!(
                l1_data_bytes().is_some() && l2_bytes().is_some(),
                "sysfs is there"
            );
        }
    }
}
