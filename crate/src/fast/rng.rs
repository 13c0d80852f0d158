//! The seeded random stream: ChaCha8, identical natively and in wasm for the same seed.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

/// A portable, seedable random number generator (same seed → same numbers everywhere).
#[derive(Clone, Debug)]
pub struct Rng(ChaCha8Rng);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(ChaCha8Rng::seed_from_u64(seed))
    }

    /// An independent stream `stream` of the same seed (e.g. one for initialisation, one for shuffling).
    pub fn with_stream(seed: u64, stream: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream);
        Rng(rng)
    }

    /// One sample of the standard normal distribution N(0, 1).
    pub fn normal(&mut self) -> f64 {
        StandardNormal.sample(&mut self.0)
    }

    /// How far the stream has gone (in 32-bit words): with the seed and stream, its whole state.
    pub fn position(&self) -> u128 {
        self.0.get_word_pos()
    }

    /// Moves the stream to word `position` (what [`Rng::position`] read).
    pub fn set_position(&mut self, position: u128) {
        self.0.set_word_pos(position);
    }

    /// Shuffles a slice in place (Fisher–Yates, portable across 32 and 64 bits).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        items.shuffle(&mut self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_other_seed_other_stream() {
        let a: Vec<f64> = (0..5)
            .map({
                let mut r = Rng::new(7);
                move |_| r.normal()
            })
            .collect();
        let b: Vec<f64> = (0..5)
            .map({
                let mut r = Rng::new(7);
                move |_| r.normal()
            })
            .collect();
        let c: Vec<f64> = (0..5)
            .map({
                let mut r = Rng::new(8);
                move |_| r.normal()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn normal_has_zero_mean_unit_variance() {
        let mut r = Rng::new(1);
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|_| r.normal()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n as f64;
        assert!(mean.abs() < 0.01, "mean {mean}");
        assert!((var - 1.0).abs() < 0.01, "variance {var}");
    }
}
