//! Pre-sieving: the multiples of the primes 7 to 157 crossed out by copying patterns, so
//! that each segment of [`crate::wheel`] starts with them gone.

use crate::limit::{Error, try_vec};
use crate::wheel::RESIDUES;

// ANCHOR: presieve
/// The primes whose multiples are crossed out by copying patterns instead of sieving. The
/// multiples of 7 repeat every 7 bytes of 30 numbers, those of 7, 11 and 13 together every
/// 1001 bytes; each segment starts as the AND of these patterns. A pattern costs one AND
/// per byte of every segment; sieving its primes would cost a scattered write for each of
/// their multiples: about `8/p` per byte for a prime `p`. Patterns win well beyond 100.
pub(crate) const PATTERNS: [&[usize]; 16] = [
    &[7, 11, 13],
    &[17, 19, 23],
    &[29, 31],
    &[37, 41],
    &[43, 47],
    &[53, 59],
    &[61, 67],
    &[71, 73],
    &[79, 83],
    &[89, 97],
    &[101, 103],
    &[107, 109],
    &[113, 127],
    &[131, 137],
    &[139, 149],
    &[151, 157],
];
/// The first prime that is sieved one multiple at a time.
pub(crate) const FIRST_SIEVED: u32 = 163;

/// One period of the bitmap with only the multiples of `primes` crossed out.
fn pattern(primes: &[usize]) -> Result<Vec<u8>, Error> {
    let bytes = primes.iter().product::<usize>();
    let mut pattern = try_vec(bytes)?;
    pattern.extend((0..bytes).map(|byte| {
        (0..8)
            .filter(|&k| {
                primes
                    .iter()
                    .all(|&p| !(30 * byte + RESIDUES[k]).is_multiple_of(p))
            })
            .fold(0u8, |bits, k| bits | 1 << k)
    }));
    Ok(pattern)
}

/// The patterns, made on first use and shared by every later call and thread. A call that
/// cannot allocate them reports it; a later one tries again.
pub(crate) fn patterns() -> Result<&'static [Vec<u8>], Error> {
    static TABLES: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    if let Some(made) = TABLES.get() {
        return Ok(made);
    }
    let made = PATTERNS
        .map(pattern)
        .into_iter()
        .collect::<Result<_, _>>()?;
    // Two threads may both get here: one set of tables is kept, the other dropped.
    Ok(TABLES.get_or_init(|| made))
}

/// Fills `segment` with the AND of the patterns as they stand from byte `first_byte` of
/// the bitmap on, in passes of four patterns: each pass runs in stretches that end where
/// one of its four wraps around, so that every stretch is a plain loop the compiler
/// vectorises.
pub(crate) fn fill(segment: &mut [u8], patterns: &[Vec<u8>], first_byte: usize) {
    let (passes, []) = patterns.as_chunks::<4>() else {
        unreachable!("PATTERNS holds a multiple of four patterns")
    };
    for (index, four) in passes.iter().enumerate() {
        let mut offsets = four.each_ref().map(|pattern| first_byte % pattern.len());
        let mut done = 0;
        while done < segment.len() {
            let take = (0..4)
                .map(|k| four[k].len() - offsets[k])
                .fold(segment.len() - done, usize::min);
            let [a, b, c, d] = std::array::from_fn(|k| &four[k][offsets[k]..][..take]);
            let target = &mut segment[done..done + take];
            for (i, byte) in target.iter_mut().enumerate() {
                let all_four = a[i] & b[i] & c[i] & d[i];
                *byte = if index == 0 {
                    all_four
                } else {
                    *byte & all_four
                };
            }
            offsets = std::array::from_fn(|k| (offsets[k] + take) % four[k].len());
            done += take;
        }
    }
}
// ANCHOR_END: presieve
