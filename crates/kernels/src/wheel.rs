//! The fast sieve: a byte for every 30 numbers, sieved one cache-sized segment at a time.
//!
//! Of any 30 consecutive numbers only 8 are divisible by none of 2, 3 and 5: those whose
//! remainder mod 30 is in [`RESIDUES`]. Byte `b` of the (never materialised) bitmap stands
//! for `30b..30b + 30`, and its bit `k` for `30b + RESIDUES[k]`: 30 numbers per byte, where
//! one bit per odd number holds 16. A segment is as many bytes as the L1 data cache holds.

use crate::limit::{Error, try_vec};
use crate::presieve::{FIRST_SIEVED, PATTERN_PRIMES, PATTERNS, fill};
use crate::readable;
use crate::segmented::popcount;
use std::sync::atomic::{AtomicU64, Ordering};

// ANCHOR: wheel
/// The remainders mod 30 of the numbers 2, 3 and 5 do not divide, one per bit of a byte.
pub(crate) const RESIDUES: [usize; 8] = [1, 7, 11, 13, 17, 19, 23, 29];

/// The bit of a byte that stands for remainder `r`.
const fn bit_of(r: usize) -> usize {
    let mut k = 0;
    while RESIDUES[k] != r {
        k += 1;
    }
    k
}

/// `RESIDUES` with the next turn's first one after it: `30 + 1`.
const NEXT: [usize; 9] = [1, 7, 11, 13, 17, 19, 23, 29, 31];

/// How a prime `p = 30a + RESIDUES[class]` walks the bitmap. Its multiples worth crossing
/// are `p·m` with `m` in the wheel too (the others are multiples of 2, 3 or 5, absent);
/// with `m = 30q + RESIDUES[k]`, `p·m` sits in byte `p·q + a·RESIDUES[k] + RESIDUES[class]
/// ·RESIDUES[k] / 30`, at the bit of `RESIDUES[class]·RESIDUES[k] mod 30`. So from one
/// multiple to the next (`k` to `k + 1`) the byte moves by `a·GAP[k] + CARRY[class][k]`,
/// and after 8 steps it has moved by exactly `p`.
struct Wheel {
    /// `!bit` to AND into the byte of `p·m`, for each class and `k`.
    mask: [[u8; 8]; 8],
    /// The byte step's part that does not depend on `a`.
    carry: [[usize; 8]; 8],
}

const GAP: [usize; 8] = [6, 4, 2, 4, 2, 4, 6, 2];

const WHEEL: Wheel = {
    let mut wheel = Wheel {
        mask: [[0; 8]; 8],
        carry: [[0; 8]; 8],
    };
    let mut class = 0;
    while class < 8 {
        let r = RESIDUES[class];
        let mut k = 0;
        while k < 8 {
            wheel.mask[class][k] = !(1 << bit_of(r * RESIDUES[k] % 30));
            wheel.carry[class][k] = r * NEXT[k + 1] / 30 - r * NEXT[k] / 30;
            k += 1;
        }
        class += 1;
    }
    wheel
};
// ANCHOR_END: wheel

// ANCHOR: cross_off
/// A sieving prime `p = 30a + RESIDUES[class]` and where it stands: the byte of its next
/// multiple to cross, relative to the segment being sieved, and that multiple's `k`.
/// Eight bytes, so that the thousands of them stream through the cache cheaply.
#[derive(Clone, Copy)]
struct Crosser {
    byte: u32,
    a: u16,
    class: u8,
    k: u8,
}

impl Crosser {
    /// Crosses out `p`'s multiples in `segment` from where it stands, and leaves it at its
    /// first multiple past the segment, relative to the next segment.
    fn cross_off(&mut self, segment: &mut [u8]) {
        // One copy of the loop per class, so that its masks and carries are constants.
        let cross_off = CROSS_OFF[usize::from(self.class)];
        let (byte, k) = cross_off(segment, self.byte as usize, self.a.into(), self.k.into());
        // Below 2³², p < 2¹⁶ and each step is below 6p: the next byte fits a u32.
        self.byte = (byte - segment.len()) as u32;
        self.k = k as u8;
    }
}

/// The crossing out of one class: from (segment, byte, a, k) to (byte, k) past the segment.
type CrossOff = fn(&mut [u8], usize, usize, usize) -> (usize, usize);

/// `cross_off::<CLASS>` for each class, by class.
const CROSS_OFF: [CrossOff; 8] = [
    cross_off::<0>,
    cross_off::<1>,
    cross_off::<2>,
    cross_off::<3>,
    cross_off::<4>,
    cross_off::<5>,
    cross_off::<6>,
    cross_off::<7>,
];

/// The crossing out for one class: from `byte` and multiplier index `k`, returns the first
/// byte past the segment and the `k` it is reached with.
fn cross_off<const CLASS: usize>(
    segment: &mut [u8],
    mut byte: usize,
    a: usize,
    mut k: usize,
) -> (usize, usize) {
    let (mask, carry) = (WHEEL.mask[CLASS], WHEEL.carry[CLASS]);
    let len = segment.len();
    // One multiple at a time until k = 0, where a turn of eight starts.
    while k != 0 {
        if byte >= len {
            return (byte, k);
        }
        segment[byte] &= mask[k];
        byte += a * GAP[k] + carry[k];
        k = (k + 1) % 8;
    }
    // Eight multiples a turn, at fixed offsets from the turn's first byte; the next turn
    // starts exactly p bytes further. A small prime has many turns in a segment: no test
    // per multiple.
    let p = 30 * a + RESIDUES[CLASS];
    let offsets: [usize; 8] = std::array::from_fn(|j| a * (RESIDUES[j] - 1) + carry_to(CLASS, j));
    // Every offset lies inside a turn of p bytes: said once, so that the compiler drops the
    // bounds checks of the eight writes.
    assert!(offsets.iter().all(|&offset| offset < p));
    if byte < len {
        let turns = segment[byte..].chunks_exact_mut(p);
        byte += turns.len() * p;
        for turn in turns {
            for j in 0..8 {
                turn[offsets[j]] &= mask[j];
            }
        }
    }
    // The last, partial turn.
    loop {
        for j in 0..8 {
            if byte >= len {
                return (byte, j);
            }
            segment[byte] &= mask[j];
            byte += a * GAP[j] + carry[j];
        }
    }
}

/// The sum of `carry[class][0..j]`: how many whole bytes `RESIDUES[class]·RESIDUES[j]`
/// holds, as `RESIDUES[class]·1` holds none.
const fn carry_to(class: usize, j: usize) -> usize {
    RESIDUES[class] * RESIDUES[j] / 30
}
// ANCHOR_END: cross_off

// ANCHOR: layout
/// How the bitmap is cut, from the machine's caches (as Linux reports them; common sizes
/// elsewhere). A segment is sieved whole by the primes that hit it a few times only, and in
/// chunks, one after the other, by the small primes, whose many scattered writes are
/// cheapest when the chunk sits in the L1 data cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Bytes in a chunk: the L1 data cache.
    pub chunk: usize,
    /// Bytes in a segment: a whole number of chunks, about a quarter of the L2 cache.
    pub segment: usize,
    /// A prime is small, sieved chunk by chunk, when a chunk holds this many of its turns
    /// (`p` bytes each) or more.
    pub small_turns: usize,
}

impl Layout {
    /// Segments of the L1 cache and nothing larger: step 6 of [`crate::steps`].
    pub fn l1_only() -> Self {
        let machine = Self::of_this_machine();
        Layout {
            segment: machine.chunk,
            ..machine
        }
    }

    /// The layout `count_primes` uses, from this machine's caches.
    pub fn of_this_machine() -> Self {
        // Kept in an atomic, not a lock: a `fork` while another thread asks for the layout
        // must not leave the child waiting for a lock nobody will release. Two threads that
        // both ask first both read the same caches and store the same value.
        static CHUNK_AND_SEGMENT: AtomicU64 = AtomicU64::new(0);
        let known = CHUNK_AND_SEGMENT.load(Ordering::Relaxed);
        let (chunk, segment) = if known == 0 {
            // Within sane bounds, whatever the system reports (a 0 would divide by zero).
            let chunk = crate::cache::l1_data_bytes()
                .unwrap_or(32 << 10)
                .clamp(4 << 10, 1 << 20);
            let l2 = crate::cache::l2_bytes().unwrap_or(1 << 20);
            let segment = chunk * (l2 / 4 / chunk).clamp(1, 64);
            CHUNK_AND_SEGMENT.store((chunk as u64) << 32 | segment as u64, Ordering::Relaxed);
            (chunk, segment)
        } else {
            ((known >> 32) as usize, known as u32 as usize)
        };
        Layout {
            chunk,
            segment,
            small_turns: 4,
        }
    }
}

// ANCHOR_END: layout

/// What every segment needs and nobody changes: `n`, the patterns and the sieving primes.
pub(crate) struct Sieve {
    n: u32,
    layout: Layout,
    patterns: &'static [&'static [u8]],
    primes: Vec<Crosser>,
    /// How many of `primes` are small: crossed out chunk by chunk.
    small: usize,
}

impl Sieve {
    pub(crate) fn new(n: u32) -> Result<Self, Error> {
        Self::with_layout(n, Layout::of_this_machine())
    }

    pub(crate) fn with_layout(n: u32, layout: Layout) -> Result<Self, Error> {
        let mut primes = readable::sieving_primes(FIRST_SIEVED, n, |p| Crosser {
            byte: 0,
            a: (p / 30) as u16, // p < 2¹⁶
            class: bit_of(p as usize % 30) as u8,
            k: 0,
        })?;
        let small = primes.partition_point(|c: &Crosser| {
            30 * usize::from(c.a) < layout.chunk / layout.small_turns
        });
        // In class order, each part: the `match` that picks the loop for a prime's class
        // then goes the same way for hundreds of primes in a row, and is predicted.
        let (small_part, rest) = primes.split_at_mut(small);
        // Unstable sorts: they sort in place, where a stable sort would allocate, and could
        // abort, short of memory. The order within a class does not matter.
        small_part.sort_unstable_by_key(|c| c.class);
        rest.sort_unstable_by_key(|c| c.class);
        Ok(Self {
            n,
            layout,
            patterns: &PATTERNS,
            primes,
            small,
        })
    }

    /// Bytes in the whole bitmap: up to the one holding n.
    fn total_bytes(&self) -> u64 {
        u64::from(self.n) / 30 + 1
    }

    pub(crate) fn segments(&self) -> u64 {
        self.total_bytes().div_ceil(self.layout.segment as u64)
    }

    /// How many of 2, 3 and 5, the primes the bitmap leaves out, are at most n.
    pub(crate) fn wheel_primes(&self) -> usize {
        [2, 3, 5].iter().filter(|&&p| p <= self.n).count()
    }

    /// Fills `cursor`, which has room for every sieving prime, with the sieving primes
    /// standing at their first multiples in segment `first_segment`: one division per
    /// prime, once per run of segments rather than once per segment.
    fn place(&self, cursor: &mut Vec<Crosser>, first_segment: u64) {
        let low = first_segment * self.layout.segment as u64 * 30;
        cursor.clear();
        cursor.extend(self.primes.iter().map(|&crosser| {
            let (a, class) = (usize::from(crosser.a), usize::from(crosser.class));
            let p = (30 * a + RESIDUES[class]) as u64;
            // The first multiplier m ≥ p (so p·m ≥ p²) with p·m ≥ low, in the wheel.
            let m = p.max(low.div_ceil(p));
            let (q, r) = (m / 30, (m % 30) as usize);
            let (q, k) = match RESIDUES.iter().position(|&residue| residue >= r) {
                Some(k) => (q, k),
                None => (q + 1, 0),
            };
            let byte = p * q + (a * RESIDUES[k] + carry_to(class, k)) as u64;
            Crosser {
                byte: (byte - low / 30) as u32,
                k: k as u8,
                ..crosser
            }
        }));
    }

    // ANCHOR: segment
    /// Sieves segment `index` into `segment`, leaving set exactly the bits of primes
    /// other than 2, 3 and 5; `cursor` must stand at that segment, and is moved on.
    fn sieve_segment(&self, cursor: &mut [Crosser], index: u64, segment: &mut Vec<u8>) {
        let first_byte = index * self.layout.segment as u64;
        let bytes = (self.total_bytes() - first_byte).min(self.layout.segment as u64) as usize;
        segment.resize(bytes, 0);
        let (small, rest) = cursor.split_at_mut(self.small);
        for (k, chunk) in segment.chunks_mut(self.layout.chunk).enumerate() {
            fill(
                chunk,
                self.patterns,
                first_byte as usize + k * self.layout.chunk,
            );
            for crosser in small.iter_mut() {
                crosser.cross_off(chunk);
            }
        }
        for crosser in rest {
            crosser.cross_off(segment);
        }
        // The patterns crossed out their own primes, and 1 (in byte 0) is not prime.
        if index == 0 {
            segment[0] &= !1;
        }
        for &p in PATTERN_PRIMES
            .iter()
            .copied()
            .flatten()
            .filter(|&&p| p <= self.n as usize)
        {
            if let Some(byte) = (p / 30)
                .checked_sub(first_byte as usize)
                .filter(|&b| b < bytes)
            {
                segment[byte] |= 1 << bit_of(p % 30);
            }
        }
        // Bits for numbers past n, in the last byte.
        if first_byte + bytes as u64 == self.total_bytes() {
            let past = RESIDUES
                .iter()
                .filter(|&&r| r > self.n as usize % 30)
                .count();
            let kept = (1u16 << (8 - past)) - 1; // past may be 8: the byte holds only n+1..
            *segment
                .last_mut()
                .expect("a segment holds at least one byte") &= kept as u8;
        }
    }

    // ANCHOR_END: segment

    /// How many primes other than 2, 3 and 5 lie in segments `range`, sieved in order.
    pub(crate) fn count(&self, range: std::ops::Range<u64>) -> Result<usize, Error> {
        Ok(Worker::new(self)?.count(self, range))
    }

    /// The bytes one worker allocates: a segment and a cursor.
    pub(crate) fn worker_bytes(&self) -> usize {
        self.layout.segment + self.primes.len() * size_of::<Crosser>()
    }
}

#[cfg(test)]
impl Worker {
    /// A wrong version for the tests: segment `index` sieved with the sieving primes placed
    /// for segment `placed`.
    pub(crate) fn count_placed_at(&mut self, sieve: &Sieve, placed: u64, index: u64) -> usize {
        sieve.place(&mut self.cursor, placed);
        sieve.sieve_segment(&mut self.cursor, index, &mut self.segment);
        popcount(&self.segment)
    }
}

/// What one thread needs to count segments, allocated once and reused for every run of
/// segments it counts.
pub(crate) struct Worker {
    cursor: Vec<Crosser>,
    segment: Vec<u8>,
}

impl Worker {
    pub(crate) fn new(sieve: &Sieve) -> Result<Self, Error> {
        // No larger than the whole bitmap: a small n costs a small allocation, not a
        // segment's worth of fresh pages on every call.
        let bytes = (sieve.layout.segment as u64).min(sieve.total_bytes()) as usize;
        Ok(Self {
            cursor: try_vec(sieve.primes.len())?,
            segment: try_vec(bytes)?,
        })
    }

    /// The primes other than 2, 3 and 5 in segments `range` of `sieve`.
    pub(crate) fn count(&mut self, sieve: &Sieve, range: std::ops::Range<u64>) -> usize {
        self.count_while(sieve, range, || true)
    }

    /// As [`Worker::count`], asking `go_on` before each segment and stopping when it says
    /// no: a stop is heard within one segment, not one run.
    pub(crate) fn count_while(
        &mut self,
        sieve: &Sieve,
        range: std::ops::Range<u64>,
        go_on: impl Fn() -> bool,
    ) -> usize {
        sieve.place(&mut self.cursor, range.start);
        range
            .take_while(|_| go_on())
            .map(|index| {
                sieve.sieve_segment(&mut self.cursor, index, &mut self.segment);
                popcount(&self.segment)
            })
            .sum()
    }
}

// ANCHOR: count
/// π(n) with the wheel sieve, counting each segment by popcount.
pub fn count_primes(n: u32) -> Result<usize, Error> {
    count_with_layout(n, Layout::of_this_machine())
}

/// π(n) with the wheel sieve cut as `layout` says.
pub(crate) fn count_with_layout(n: u32, layout: Layout) -> Result<usize, Error> {
    if n < 2 {
        return Ok(0); // nothing to sieve: no tables to make
    }
    let sieve = Sieve::with_layout(n, layout)?;
    Ok(sieve.count(0..sieve.segments())? + sieve.wheel_primes())
}

// ANCHOR_END: count

/// An upper bound for π(n) that is tight within about 1% at 10⁸ (Dusart, 2010): the list
/// is allocated once, at about its final size.
fn pi_upper_bound(n: u32) -> usize {
    if n < 2 {
        return 0;
    }
    let x = f64::from(n);
    let ln = x.ln();
    (x / ln * (1.0 + 1.2762 / ln)) as usize + 8
}

// ANCHOR: primes
/// The number each bit of a 64-bit word of the bitmap stands for, from the word's first
/// byte's first number: bit `t` is byte `t / 8`, remainder `RESIDUES[t % 8]`.
const WORD_NUMBERS: [u32; 64] = {
    let mut numbers = [0; 64];
    let mut t = 0;
    while t < 64 {
        numbers[t] = (30 * (t / 8) + RESIDUES[t % 8]) as u32;
        t += 1;
    }
    numbers
};

/// The primes up to `n`, read off the segments word by word into one allocation.
///
/// # Errors
/// [`Error::OutOfMemory`] when the list cannot be allocated.
pub fn primes(n: u32) -> Result<Vec<u32>, Error> {
    let mut primes = try_vec(pi_upper_bound(n))?;
    if n < 2 {
        return Ok(primes);
    }
    let sieve = Sieve::new(n)?;
    primes.extend([2, 3, 5].into_iter().take(sieve.wheel_primes()));
    let Worker {
        mut cursor,
        mut segment,
    } = Worker::new(&sieve)?;
    sieve.place(&mut cursor, 0);
    for index in 0..sieve.segments() {
        sieve.sieve_segment(&mut cursor, index, &mut segment);
        let first_number = index * sieve.layout.segment as u64 * 30;
        for (word_index, word) in segment.chunks(8).enumerate() {
            let mut bytes = [0; 8];
            bytes[..word.len()].copy_from_slice(word);
            let mut bits = u64::from_le_bytes(bytes);
            // 240 numbers a word: below 2³² + 240, so the base fits a u64 and each prime a u32.
            let base = first_number + 240 * word_index as u64;
            while bits != 0 {
                let number = base + u64::from(WORD_NUMBERS[bits.trailing_zeros() as usize]);
                primes.push(number as u32);
                bits &= bits - 1; // clear the lowest set bit
            }
        }
    }
    Ok(primes)
}
// ANCHOR_END: primes

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reference_values() {
        crate::reference::check(count_primes);
        assert_eq!(count_primes(100_000_000), Ok(5_761_455));
    }

    #[test]
    fn max_n_sampled_at_the_top() {
        // π(2³² − 1) = 203 280 221; the top segment is the shortest and the last written.
        assert_eq!(count_primes(crate::MAX_N), Ok(203_280_221));
        let top = primes(crate::MAX_N).unwrap();
        assert_eq!(top.len(), 203_280_221);
        assert_eq!(
            top[top.len() - 3..],
            [4_294_967_231, 4_294_967_279, 4_294_967_291]
        );
    }

    #[test]
    fn the_wheel_and_pattern_primes_and_their_neighbours() {
        assert_eq!(primes(50).unwrap(), readable::primes(50).unwrap());
    }

    #[test]
    fn the_bound_holds_where_it_is_tightest() {
        for n in [2, 3, 10, 100, 1_000, 65_536, 1_000_000, 100_000_000] {
            assert!(pi_upper_bound(n) >= count_primes(n).unwrap(), "n = {n}");
        }
    }

    /// Around segment edges (of any size), pattern periods, word edges, and small n.
    fn edges() -> impl Strategy<Value = (u32, Layout)> {
        let sizes = prop_oneof![
            Just(Layout::of_this_machine()),
            (1usize..4096, 1usize..8, 1usize..16).prop_map(|(chunk, k, small_turns)| Layout {
                chunk,
                small_turns,
                segment: chunk * k
            }),
        ];
        (sizes, 0u32..4, -300i64..300, 0u32..3000).prop_flat_map(|(size, k, d, small)| {
            let span = (30 * size.segment) as i64;
            let pattern = 30 * 1001 * 8;
            prop_oneof![
                Just(((i64::from(k) * span + d).max(0) as u32, size)),
                Just(((i64::from(k) * pattern + d).max(0) as u32, size)),
                Just((small, size)),
            ]
        })
    }

    proptest! {
        #[test]
        fn count_agrees_with_the_readable_sieve((n, size) in edges()) {
            let expected = readable::count_primes(n).unwrap();
            let sieve = Sieve::with_layout(n, size).unwrap();
            prop_assert_eq!(sieve.count(0..sieve.segments()).unwrap() + sieve.wheel_primes(), expected);
        }

        #[test]
        fn list_agrees_with_the_readable_sieve(n in 0u32..2_000_000) {
            prop_assert_eq!(primes(n).unwrap(), readable::primes(n).unwrap());
        }
    }

    proptest! {
        // Each case sieves up to 4.3·10⁹ twice, about a second: a sample of a few.
        #![proptest_config(ProptestConfig::with_cases(6))]
        /// Up to MAX_N, where the readable sieve would need 4 GiB, against the odd-only
        /// sieve of step 5: another layout and another crossing out.
        #[test]
        fn count_agrees_with_the_odd_only_sieve_up_to_max_n(n in (1u32 << 31)..=crate::MAX_N) {
            prop_assert_eq!(count_primes(n).unwrap(), crate::steps::presieved(n));
        }
    }

    /// The checks above, as a function of the sieve: π over samples where a fault shows.
    fn counts(sieve: &Sieve) -> usize {
        sieve.count(0..sieve.segments()).unwrap() + sieve.wheel_primes()
    }

    /// Wrong sieves the comparison with the readable sieve must catch, each built by
    /// breaking one piece of a right one.
    #[test]
    fn wrong_sieves_are_caught() {
        let n = 3_000_000;
        let expected = readable::count_primes(n).unwrap();
        let layout = Layout {
            chunk: 4096,
            segment: 4 * 4096,
            small_turns: 4,
        };
        let right = Sieve::with_layout(n, layout).unwrap();
        assert_eq!(counts(&right), expected);

        let mut forgot_a_prime = Sieve::with_layout(n, layout).unwrap();
        forgot_a_prime.primes.remove(0); // 167: its multiples 167·m stay "prime"
        assert_ne!(
            counts(&forgot_a_prime),
            expected,
            "a sieving prime left out"
        );

        let mut blank = right.patterns.to_vec();
        blank[5] = Vec::leak(vec![0xff; blank[5].len()]); // 53 and 59 never crossed
        let forgot_a_pattern = Sieve {
            patterns: Vec::leak(blank),
            ..Sieve::with_layout(n, layout).unwrap()
        };
        assert_ne!(counts(&forgot_a_pattern), expected, "a pattern left out");

        let mut late = Sieve::with_layout(n, layout).unwrap();
        late.primes
            .iter_mut()
            .for_each(|c| c.class = (c.class + 1) % 8); // p misread
        assert_ne!(
            counts(&late),
            expected,
            "primes read with the wrong residue"
        );
    }
}
