//! The chapter's simplest deep network: a chain of one sigmoid neuron per layer,
//! a_j = σ(w_j·a_{j−1} + b_j), and eq. (122): ∂C/∂b_1 = σ′(z_1)·w_2σ′(z_2)·…·w_Lσ′(z_L)·∂C/∂a_L.

use crate::activation::{sigmoid, sigmoid_prime};
use crate::schema::{CHAIN_A0, CHAIN_B, CHAIN_DEPTH, CHAIN_W, CHAIN_Y};
use crate::{Cost, Error, Result, Rng};
use serde::{Deserialize, Serialize};

/// The book's chain: four neurons (NNDL ch. 5, the network before eq. 122).
pub const DEFAULT_DEPTH: usize = 4;
/// The chain's input activation on load.
pub const DEFAULT_A0: f64 = 0.5;
/// The chain's target on load.
pub const DEFAULT_Y: f64 = 0.0;

/// The deepest chain offered (the schema's limit).
pub const MAX_DEPTH: usize = CHAIN_DEPTH.max as usize;

/// A chain's parameters: weights w_1…w_L, biases b_1…b_L, input a_0, target y and cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chain {
    /// w_j of each layer j = 1…L.
    pub w: Vec<f64>,
    /// b_j of each layer j = 1…L.
    pub b: Vec<f64>,
    /// The input activation a_0.
    pub a0: f64,
    /// The target y of the last neuron.
    pub y: f64,
    /// Quadratic (the default) or cross-entropy.
    pub cost: Cost,
}

/// Everything the explorer shows, indexed by layer j − 1.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChainGradient {
    /// Weighted inputs z_j = w_j·a_{j−1} + b_j.
    pub z: Vec<f64>,
    /// Activations a_j = σ(z_j).
    pub a: Vec<f64>,
    /// σ′(z_j).
    pub sigma_prime: Vec<f64>,
    /// w_j·σ′(z_j): the factor layer j contributes to the gradients of the layers before it.
    pub factors: Vec<f64>,
    /// ∂C/∂a_L.
    pub dc_da: f64,
    /// ∂C/∂b_j of every layer.
    pub grad_b: Vec<f64>,
    /// ∂C/∂w_j = a_{j−1}·∂C/∂b_j of every layer.
    pub grad_w: Vec<f64>,
    /// The cost C.
    pub cost: f64,
}

/// The chain's three starting points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// w, b ~ N(0, 1): the book's standard start, where gradients vanish.
    Random,
    /// Every w = 100 and b_j = −100·a_{j−1}: every z = 0 and every factor = 25.
    Explode,
    /// Every w = 4 and b_j = −4·a_{j−1}: every z = 0 and every factor = 1.
    Balanced,
}

impl Preset {
    /// Parses `random`, `explode` or `balanced`.
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "random" => Ok(Preset::Random),
            "explode" => Ok(Preset::Explode),
            "balanced" => Ok(Preset::Balanced),
            other => Err(Error::new(format!(
                "unknown chain preset {other:?} (expected random, explode or balanced)"
            ))),
        }
    }
}

impl Chain {
    /// A chain of `depth` neurons set by `preset` (random draws from `seed`).
    pub fn preset(
        preset: Preset,
        depth: usize,
        a0: f64,
        y: f64,
        cost: Cost,
        seed: u64,
    ) -> Result<Self> {
        let mut chain = Chain {
            w: vec![0.0; depth],
            b: vec![0.0; depth],
            a0,
            y,
            cost,
        };
        chain.check()?;
        match preset {
            Preset::Random => {
                let mut rng = Rng::new(seed);
                chain.w.iter_mut().for_each(|w| *w = rng.normal());
                chain.b.iter_mut().for_each(|b| *b = rng.normal());
            }
            Preset::Explode => chain.zero_every_z(100.0),
            Preset::Balanced => chain.zero_every_z(4.0),
        }
        Ok(chain)
    }

    /// Sets every w to `w` and each b_j to −w·a_{j−1}, so every z_j = 0 and a_j = ½.
    fn zero_every_z(&mut self, w: f64) {
        let mut a = self.a0;
        for j in 0..self.w.len() {
            self.w[j] = w;
            self.b[j] = -w * a;
            a = sigmoid(w * a + self.b[j]);
        }
    }

    /// Refuses a depth, w, b, a0 or y outside the schema's limits and mismatched lengths.
    pub fn check(&self) -> Result<()> {
        let depth = self.w.len();
        if self.b.len() != depth {
            return Err(Error::new(format!(
                "a chain needs one w and one b per layer (got {} w, {} b)",
                depth,
                self.b.len()
            )));
        }
        CHAIN_DEPTH.check(depth as f64)?;
        for (limit, values) in [(CHAIN_W, &self.w), (CHAIN_B, &self.b)] {
            for &v in values {
                limit.check(v)?;
            }
        }
        CHAIN_A0.check(self.a0)?;
        CHAIN_Y.check(self.y)?;
        Ok(())
    }

    /// Forward pass and backprop along the chain.
    pub fn gradient(&self) -> ChainGradient {
        let depth = self.w.len();
        let (mut z, mut a) = (Vec::with_capacity(depth), Vec::with_capacity(depth));
        let mut prev = self.a0;
        for j in 0..depth {
            z.push(self.w[j] * prev + self.b[j]);
            prev = sigmoid(z[j]);
            a.push(prev);
        }
        let sigma_prime: Vec<f64> = z.iter().map(|&z| sigmoid_prime(z)).collect();
        let factors = self
            .w
            .iter()
            .zip(&sigma_prime)
            .map(|(w, s)| w * s)
            .collect();
        let (last_z, last_a) = (z[depth - 1], a[depth - 1]);
        let cost = self.cost.value(last_z, last_a, self.y);
        // ∂C/∂a_L; for cross-entropy (a − y)/(a(1 − a)), whose product with σ′(z_L) is a − y.
        let dc_da = match self.cost {
            Cost::Quadratic => last_a - self.y,
            Cost::CrossEntropy => (last_a - self.y) / (last_a * (1.0 - last_a)),
        };
        let mut grad_b = vec![0.0; depth];
        grad_b[depth - 1] = self.cost.delta(last_z, last_a, self.y);
        for j in (0..depth - 1).rev() {
            grad_b[j] = sigma_prime[j] * self.w[j + 1] * grad_b[j + 1];
        }
        let inputs = std::iter::once(self.a0).chain(a.iter().copied());
        let grad_w = inputs.zip(&grad_b).map(|(x, g)| x * g).collect();
        ChainGradient {
            z,
            a,
            sigma_prime,
            factors,
            dc_da,
            grad_b,
            grad_w,
            cost,
        }
    }
}

/// The explorer's settings as JSON: explicit `{w, b, a0, y, cost}` or `{preset, depth, a0, y, cost, seed}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    preset: Option<String>,
    depth: Option<usize>,
    #[serde(default)]
    w: Vec<f64>,
    #[serde(default)]
    b: Vec<f64>,
    a0: f64,
    y: f64,
    #[serde(default = "quadratic")]
    cost: Cost,
    #[serde(default)]
    seed: u64,
}

/// `x` as JSON: a number, or "inf", "-inf", "nan".
fn number(x: f64) -> serde_json::Value {
    match x {
        x if x.is_finite() => x.into(),
        x if x.is_nan() => "nan".into(),
        x if x > 0.0 => "inf".into(),
        _ => "-inf".into(),
    }
}

fn quadratic() -> Cost {
    Cost::Quadratic
}

impl Chain {
    /// A chain from the explorer's JSON settings (quadratic cost unless told), checked.
    pub fn from_settings(text: &str) -> Result<Self> {
        let s: Settings = serde_json::from_str(text)
            .map_err(|e| Error::new(format!("bad chain settings: {e}")))?;
        let cost = s.cost;
        let chain = match &s.preset {
            Some(name) => Chain::preset(
                Preset::parse(name)?,
                s.depth.unwrap_or(s.w.len()),
                s.a0,
                s.y,
                cost,
                s.seed,
            )?,
            None => Chain {
                w: s.w,
                b: s.b,
                a0: s.a0,
                y: s.y,
                cost,
            },
        };
        chain.check()?;
        Ok(chain)
    }

    /// The parameters and every number of [`Chain::gradient`] in one JSON object (cost name as
    /// `cost`, its value as `value`); a non-finite number is written "inf", "-inf" or "nan" (JSON
    /// has no such numbers), so that the page can say which it is.
    pub fn report(&self) -> serde_json::Value {
        let mut out = serde_json::to_value(self).unwrap_or_default();
        let g = self.gradient();
        if let Some(o) = out.as_object_mut() {
            o.insert("depth".into(), self.w.len().into());
            o.insert("value".into(), number(g.cost));
            for (key, v) in [
                ("z", &g.z),
                ("a", &g.a),
                ("sigma_prime", &g.sigma_prime),
                ("factors", &g.factors),
                ("grad_b", &g.grad_b),
                ("grad_w", &g.grad_w),
            ] {
                o.insert(key.into(), v.iter().copied().map(number).collect());
            }
            o.insert("dc_da".into(), number(g.dc_da));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_finite_numbers_are_named_in_the_report() {
        assert_eq!(number(2.5), serde_json::json!(2.5));
        assert_eq!(number(f64::INFINITY), "inf");
        assert_eq!(number(f64::NEG_INFINITY), "-inf");
        assert_eq!(number(f64::NAN), "nan");
        // w = 200 and b = 0 at depth 10 from a0 = 1: each z = 200·a ≥ 100, σ′(z) ≈ e^−z, so the
        // product for ∂C/∂b₁ underflows to exactly 0 — a number, not a name.
        let chain = Chain {
            w: vec![200.0; 10],
            b: vec![0.0; 10],
            a0: 1.0,
            y: 0.0,
            cost: Cost::Quadratic,
        };
        assert_eq!(chain.report()["grad_b"][0], serde_json::json!(0.0));
    }
}
