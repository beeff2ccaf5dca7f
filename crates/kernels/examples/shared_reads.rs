//! What it costs to read a buffer that another thread might write meanwhile, five ways, on
//! 100 MB of `u8` items and of `u32` items. Prints GB/s, the median of 5 passes, for each.
//! Run it in release mode, a few times (the machine's noise is the spread between runs):
//! `cargo run --release -p kernels --example shared_reads`.
//!
//! `count_equal_neighbours` reads a buffer that Python lends, with the GIL released. The
//! contract asks the caller not to write it meanwhile (CONTRACT.md, "Arrays"); these are the
//! ways Rust could read it instead, and what each costs against the shared slice the
//! bindings form. Nothing here writes the buffer: this measures the reads, not a race.
//!
//! - `&[u8]`: what the bindings do. Rust may assume the bytes do not change during the call.
//! - chunked `copy_nonoverlapping`: 64 KiB at a time into a private buffer, counted there.
//!   A memcpy racing with a write is as much a data race as the slice's loads.
//! - chunked `read_volatile`: the same, in 8-byte volatile loads. Volatile forbids the
//!   compiler to merge, repeat or drop the loads, but Rust's documentation is explicit that
//!   a volatile read racing with a write is still undefined behaviour.
//! - chunked relaxed atomics: 8-byte `AtomicU64` loads into the private buffer, then the
//!   same SIMD count over it. No non-atomic Rust access races.
//! - relaxed atomics per item: `AtomicU8` / `AtomicU32` loads, counted as they come. The
//!   compiler may not vectorise atomic loads: one load and one compare per item.

use std::hint::black_box;
use std::ptr;
use std::sync::atomic::{AtomicU8, AtomicU32, AtomicU64, Ordering::Relaxed};
use std::time::Instant;

const LEN: usize = 100_000_000;
/// The private buffer of the chunked ways: a multiple of every item size.
const CHUNK: usize = 64 * 1024;

/// Counts `len` bytes at `data`, items of `size` bytes, a chunk at a time: `fill` copies the
/// chunk at an offset into the private buffer, and the pair across each seam is compared too.
fn chunked(len: usize, size: usize, mut fill: impl FnMut(usize, &mut [u8])) -> usize {
    let mut private = vec![0_u8; CHUNK];
    let mut previous = [0_u8; 8];
    let mut total = 0;
    for start in (0..len).step_by(CHUNK) {
        let piece = &mut private[..CHUNK.min(len - start)];
        fill(start, piece);
        total += kernels::count_equal_items(piece, size).unwrap();
        if start > 0 {
            total += usize::from(previous[..size] == piece[..size]);
        }
        previous[..size].copy_from_slice(&piece[piece.len() - size..]);
    }
    total
}

/// Copies `into.len()` bytes from `from` with `load` for each aligned 8-byte word, and `byte`
/// for the unaligned ends.
///
/// # Safety
/// `from` must point to `into.len()` readable bytes.
unsafe fn by_words(
    from: *const u8,
    into: &mut [u8],
    word: impl Fn(*const u64) -> u64,
    byte: impl Fn(*const u8) -> u8,
) {
    let head = from.align_offset(8).min(into.len());
    let words = (into.len() - head) / 8;
    for (i, out) in into[..head].iter_mut().enumerate() {
        // SAFETY: i < into.len(): readable, per this function's contract.
        *out = byte(unsafe { from.add(i) });
    }
    for (i, out) in into[head..head + words * 8].chunks_exact_mut(8).enumerate() {
        // SAFETY: head + 8 * i + 8 <= into.len(), and from + head is 8-aligned.
        let value = word(unsafe { from.add(head + 8 * i).cast::<u64>() });
        out.copy_from_slice(&value.to_ne_bytes());
    }
    for (i, out) in into.iter_mut().enumerate().skip(head + words * 8) {
        // SAFETY: as for the head.
        *out = byte(unsafe { from.add(i) });
    }
}

/// The ways, each counting `len` bytes at `data` as items of `size` bytes.
///
/// # Safety
/// `data` must point to `len` readable bytes, aligned to 8.
unsafe fn count(way: &str, data: *const u8, len: usize, size: usize) -> usize {
    // SAFETY, for every block below: per this function's contract, and nothing writes the
    // bytes while they are read.
    match way {
        "&[u8] (the bindings)" => {
            // SAFETY: see above.
            let bytes = unsafe { std::slice::from_raw_parts(data, len) };
            kernels::count_equal_items(bytes, size).unwrap()
        }
        "chunked copy_nonoverlapping" => chunked(len, size, |start, into| {
            // SAFETY: see above; `into` is private, and start + into.len() <= len.
            unsafe { ptr::copy_nonoverlapping(data.add(start), into.as_mut_ptr(), into.len()) }
        }),
        "chunked read_volatile" => chunked(len, size, |start, into| {
            let from = data.wrapping_add(start);
            // SAFETY: see above; each pointer by_words passes is in bounds and aligned.
            let word = |w: *const u64| unsafe { w.read_volatile() };
            // SAFETY: as for the words.
            let byte = |b: *const u8| unsafe { b.read_volatile() };
            // SAFETY: see above; start + into.len() <= len.
            unsafe { by_words(from, into, word, byte) }
        }),
        "chunked relaxed atomics" => chunked(len, size, |start, into| {
            let from = data.wrapping_add(start);
            // SAFETY: see above; each pointer by_words passes is in bounds and aligned, and
            // nothing accesses the bytes non-atomically meanwhile.
            let word = |w: *const u64| unsafe { AtomicU64::from_ptr(w.cast_mut()) }.load(Relaxed);
            // SAFETY: as for the words.
            let byte = |b: *const u8| unsafe { AtomicU8::from_ptr(b.cast_mut()) }.load(Relaxed);
            // SAFETY: see above; start + into.len() <= len.
            unsafe { by_words(from, into, word, byte) }
        }),
        "relaxed atomics per item" if size == 1 => {
            // SAFETY: see above; AtomicU8 has the size and alignment of u8.
            let items = unsafe { std::slice::from_raw_parts(data.cast::<AtomicU8>(), len) };
            per_item(items.iter().map(|item| item.load(Relaxed)))
        }
        "relaxed atomics per item" => {
            assert_eq!(size, 4);
            // SAFETY: see above; data is 8-aligned, and AtomicU32 has u32's size.
            let items = unsafe { std::slice::from_raw_parts(data.cast::<AtomicU32>(), len / size) };
            per_item(items.iter().map(|item| item.load(Relaxed)))
        }
        _ => unreachable!("{way}"),
    }
}

/// Each item compared with the one before, as it is loaded: every item is loaded once.
fn per_item<T: PartialEq>(mut items: impl Iterator<Item = T>) -> usize {
    let Some(mut previous) = items.next() else {
        return 0;
    };
    let mut total = 0;
    for item in items {
        total += usize::from(item == previous);
        previous = item;
    }
    total
}

fn main() {
    // Few values, so that equal pairs are common; a xorshift, for the same bytes every run.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let words: Vec<u64> = (0..LEN / 8)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state & 0x0303_0303_0303_0303
        })
        .collect();
    let data = words.as_ptr().cast::<u8>();
    let ways = [
        "&[u8] (the bindings)",
        "chunked copy_nonoverlapping",
        "chunked read_volatile",
        "chunked relaxed atomics",
        "relaxed atomics per item",
    ];
    println!("| way | u8 items, GB/s | u32 items, GB/s |");
    println!("| --- | --- | --- |");
    for way in ways {
        let mut cells = Vec::new();
        for size in [1, 4] {
            let mut times = Vec::new();
            let mut counts = Vec::new();
            for _ in 0..5 {
                let start = Instant::now();
                // SAFETY: words holds LEN bytes at data, 8-aligned, and lives to the end of main.
                counts.push(black_box(unsafe { count(way, black_box(data), LEN, size) }));
                times.push(start.elapsed().as_secs_f64());
            }
            counts.dedup();
            // SAFETY: as above.
            let wanted = unsafe { count(ways[0], data, LEN, size) };
            assert_eq!(counts, [wanted], "{way}, {size}-byte items");
            times.sort_by(f64::total_cmp);
            cells.push(format!("{:.2}", LEN as f64 / times[2] / 1e9));
        }
        println!("| {way} | {} | {} |", cells[0], cells[1]);
    }
}
