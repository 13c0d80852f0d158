//! Weight initialisers: network2's default N(0, 1/n_in), "large" N(0, 1), Xavier/Glorot and He.

use crate::{Error, Result, Rng};
use serde::{Deserialize, Serialize};

/// How a fresh network's weights and biases are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Init {
    /// network2's `default_weight_initializer`: w ~ N(0, 1/n_in), b ~ N(0, 1).
    #[serde(alias = "default")]
    Network2,
    /// network2's `large_weight_initializer`: w ~ N(0, 1), b ~ N(0, 1).
    Large,
    /// Xavier/Glorot (normal): w ~ N(0, 2/(n_in + n_out)), b = 0.
    #[serde(alias = "glorot")]
    Xavier,
    /// He (normal): w ~ N(0, 2/n_in), b = 0.
    He,
}

impl Init {
    /// The standard deviation of a weight of a layer with `n_in` inputs and `n_out` neurons.
    pub fn weight_sd(self, n_in: usize, n_out: usize) -> f64 {
        match self {
            Init::Network2 => 1.0 / (n_in as f64).sqrt(),
            Init::Large => 1.0,
            Init::Xavier => (2.0 / (n_in + n_out) as f64).sqrt(),
            Init::He => (2.0 / n_in as f64).sqrt(),
        }
    }

    /// Whether biases are drawn from N(0, 1) (network2's two initialisers) or set to 0.
    pub fn random_biases(self) -> bool {
        matches!(self, Init::Network2 | Init::Large)
    }

    /// Draws one layer: biases first (n_out), then weights row by row (n_out × n_in),
    /// the weights multiplied by `scale`. Returns (weights row-major, biases).
    pub fn draw_layer(
        self,
        n_in: usize,
        n_out: usize,
        scale: f64,
        rng: &mut Rng,
    ) -> (Vec<f64>, Vec<f64>) {
        let biases = (0..n_out)
            .map(|_| {
                if self.random_biases() {
                    rng.normal()
                } else {
                    0.0
                }
            })
            .collect();
        let sd = self.weight_sd(n_in, n_out) * scale;
        let weights = (0..n_out * n_in).map(|_| rng.normal() * sd).collect();
        (weights, biases)
    }

    /// The name used in the CLI and the page.
    pub fn name(self) -> &'static str {
        match self {
            Init::Network2 => "network2",
            Init::Large => "large",
            Init::Xavier => "xavier",
            Init::He => "he",
        }
    }

    /// Parses `network2`, `large`, `xavier` or `he`.
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "network2" | "default" => Ok(Init::Network2),
            "large" => Ok(Init::Large),
            "xavier" | "glorot" => Ok(Init::Xavier),
            "he" => Ok(Init::He),
            other => Err(Error::new(format!(
                "unknown initialisation {other:?} (expected network2, large, xavier or he)"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_sd(init: Init, n_in: usize, n_out: usize, scale: f64) -> (f64, f64) {
        let (w, b) = init.draw_layer(n_in, n_out, scale, &mut Rng::new(3));
        let sd = (w.iter().map(|x| x * x).sum::<f64>() / w.len() as f64).sqrt();
        let bsd = (b.iter().map(|x| x * x).sum::<f64>() / b.len() as f64).sqrt();
        (sd, bsd)
    }

    #[test]
    fn spreads_match_the_formulas() {
        // 784 × 100 = 78,400 weights: the sample sd is within ~0.5 % of the true one.
        let cases = [
            (Init::Network2, 1.0 / 28.0, 1.0),
            (Init::Large, 1.0, 1.0),
            (Init::Xavier, (2.0_f64 / 884.0).sqrt(), 0.0),
            (Init::He, (2.0_f64 / 784.0).sqrt(), 0.0),
        ];
        for (init, sd, bias_sd) in cases {
            let (got, got_b) = sample_sd(init, 784, 100, 1.0);
            assert!((got / sd - 1.0).abs() < 0.02, "{init:?}: {got} vs {sd}");
            assert!((got_b - bias_sd).abs() < 0.2, "{init:?} biases: {got_b}");
        }
        let (scaled, _) = sample_sd(Init::Network2, 784, 100, 3.0);
        assert!((scaled / (3.0 / 28.0) - 1.0).abs() < 0.02);
    }

    #[test]
    fn names() {
        for i in [Init::Network2, Init::Large, Init::Xavier, Init::He] {
            assert_eq!(Init::parse(i.name()), Ok(i));
        }
        assert!(Init::parse("zeros").is_err());
    }
}
