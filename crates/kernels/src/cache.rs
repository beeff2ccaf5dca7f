//! The machine's cache sizes, for sizing segments: read from Linux's sysfs, which needs no
//! `unsafe` and no dependency. Elsewhere the callers fall back to common sizes.

/// The size in bytes of the first core's cache of `level` that holds `kind` ("Data" or
/// "Unified"), if the system says.
fn cache_bytes(level: u32, kinds: &[&str]) -> Option<usize> {
    let caches = std::fs::read_dir("/sys/devices/system/cpu/cpu0/cache").ok()?;
    caches.flatten().find_map(|entry| {
        let read = |name| std::fs::read_to_string(entry.path().join(name)).ok();
        let matches =
            read("level")?.trim() == level.to_string() && kinds.contains(&read("type")?.trim());
        matches.then(|| parse_size(read("size")?.trim()))?
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
    cache_bytes(1, &["Data", "Unified"])
}

/// The L2 cache of one core.
pub(crate) fn l2_bytes() -> Option<usize> {
    cache_bytes(2, &["Unified", "Data"])
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
    }
}
