//! network2's JSON: `{"sizes", "weights", "biases", "cost"}` as `Network.save` writes it.
//!
//! weights[l] is a list of n_out rows of n_in numbers; biases[l] a list of n_out one-element
//! rows (numpy column vectors). An optional `"activation"` key (gradscope's) is kept for
//! tanh/ReLU nets; network2 ignores it. Nets with remedies add two more keys (network2 ignores them
//! too, so such a file loads there as the plain net it is not): `"batchNorm": {"gamma", "beta",
//! "mean", "var"}`, one list per hidden layer (γ, β and the running averages of μ and σ²), and
//! `"skip": true`.

use crate::batch_norm::BatchNorm;
use crate::network::{check_sizes, pixel_major};
use crate::{Activation, Cost, Error, Network, Real, Result};
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Network2File<F> {
    sizes: Vec<usize>,
    weights: Vec<Vec<Vec<F>>>,
    biases: Vec<Vec<Vec<F>>>,
    cost: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    activation: Option<String>,
    #[serde(default, rename = "batchNorm", skip_serializing_if = "Option::is_none")]
    batch_norm: Option<NormFile<F>>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    skip: bool,
}

/// Batch norm's parameters as saved: one list per hidden layer.
#[derive(Serialize, Deserialize)]
struct NormFile<F> {
    gamma: Vec<Vec<F>>,
    beta: Vec<Vec<F>>,
    mean: Vec<Vec<F>>,
    var: Vec<Vec<F>>,
}

fn norm_file<F: Real>(bn: &BatchNorm<F>) -> NormFile<F> {
    let lists = |v: &[ndarray::Array1<F>]| v.iter().map(|a| a.to_vec()).collect();
    NormFile {
        gamma: lists(&bn.gamma),
        beta: lists(&bn.beta),
        mean: lists(&bn.mean),
        var: lists(&bn.var),
    }
}

/// Batch norm's parameters read back, each list checked against the hidden layers' widths.
fn read_norm<F: Real>(file: &NormFile<f64>, sizes: &[usize]) -> Result<BatchNorm<F>> {
    let widths = &sizes[1..sizes.len() - 1];
    let read = |key: &str, lists: &[Vec<f64>]| -> Result<Vec<Array1<F>>> {
        if lists.len() != widths.len() {
            return Err(Error::new(format!(
                "\"batchNorm\".{key} has {} lists but the net has {} hidden layers",
                lists.len(),
                widths.len()
            )));
        }
        (lists.iter().zip(widths).enumerate())
            .map(|(l, (list, &n))| {
                let m = matrix::<F>(
                    std::slice::from_ref(list),
                    1,
                    n,
                    &format!("batchNorm.{key}[{l}]"),
                )?;
                Ok(Array1::from_iter(m.iter().copied()))
            })
            .collect()
    };
    let bn = BatchNorm {
        gamma: read("gamma", &file.gamma)?,
        beta: read("beta", &file.beta)?,
        mean: read("mean", &file.mean)?,
        var: read("var", &file.var)?,
    };
    if bn.var.iter().any(|v| v.iter().any(|&x| x < F::zero())) {
        return Err(Error::new("\"batchNorm\".var holds a negative variance"));
    }
    Ok(bn)
}

/// Writes `net` as network2 JSON (one line).
pub fn to_json<F: Real>(net: &Network<F>) -> String {
    let file = Network2File {
        sizes: net.sizes.clone(),
        weights: net
            .weights
            .iter()
            .map(|w| w.rows().into_iter().map(|r| r.to_vec()).collect())
            .collect(),
        biases: net
            .biases
            .iter()
            .map(|b| b.iter().map(|&x| vec![x]).collect())
            .collect(),
        cost: net.cost.network2_name().to_string(),
        activation: (net.activation != Activation::Sigmoid)
            .then(|| net.activation.name().to_string()),
        batch_norm: net.batch_norm.as_ref().map(norm_file),
        skip: net.skip,
    };
    serde_json::to_string(&file).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// Reads network2 JSON, checking every shape and number; errors say which key and layer is wrong.
pub fn from_json<F: Real>(text: &str) -> Result<Network<F>> {
    if let Some(word) = ["NaN", "Infinity"].iter().find(|w| text.contains(*w)) {
        return Err(Error::new(format!(
            "network JSON holds a non-finite number (“{word}”); every weight and bias must be finite"
        )));
    }
    let file: Network2File<f64> =
        serde_json::from_str(text).map_err(|e| Error::new(format!("not network2 JSON: {e}")))?;
    check_sizes(&file.sizes).map_err(|e| Error::new(format!("\"sizes\": {e}")))?;
    let layers = file.sizes.len() - 1;
    for (key, len) in [
        ("weights", file.weights.len()),
        ("biases", file.biases.len()),
    ] {
        if len != layers {
            return Err(Error::new(format!(
                "\"{key}\" has {len} entries but \"sizes\" {:?} needs {layers}",
                file.sizes
            )));
        }
    }
    let mut weights = Vec::with_capacity(layers);
    let mut biases = Vec::with_capacity(layers);
    for l in 0..layers {
        let (n_in, n_out) = (file.sizes[l], file.sizes[l + 1]);
        weights.push(matrix(
            &file.weights[l],
            n_out,
            n_in,
            &format!("weights[{l}]"),
        )?);
        let b = matrix(&file.biases[l], n_out, 1, &format!("biases[{l}]"))?;
        biases.push(Array1::from_iter(b.iter().copied()));
    }
    let activation = match &file.activation {
        Some(name) => Activation::parse(name)?,
        None => Activation::Sigmoid,
    };
    let batch_norm = match &file.batch_norm {
        Some(bn) => Some(read_norm(bn, &file.sizes)?),
        None => None,
    };
    weights[0] = pixel_major(std::mem::take(&mut weights[0]));
    Ok(Network {
        sizes: file.sizes,
        weights,
        biases,
        activation,
        cost: Cost::parse(&file.cost).map_err(|e| Error::new(format!("\"cost\": {e}")))?,
        batch_norm,
        skip: file.skip,
    })
}

fn matrix<F: Real>(
    rows: &[Vec<f64>],
    n_rows: usize,
    n_cols: usize,
    name: &str,
) -> Result<Array2<F>> {
    let shape =
        |r: usize, c: usize| format!("{name} must be {n_rows} × {n_cols}, found {r} rows of {c}");
    if rows.len() != n_rows {
        let c = rows.first().map_or(0, Vec::len);
        return Err(Error::new(shape(rows.len(), c)));
    }
    if let Some(row) = rows.iter().find(|r| r.len() != n_cols) {
        return Err(Error::new(shape(rows.len(), row.len())));
    }
    let mut out = Array2::zeros((n_rows, n_cols));
    for (i, row) in rows.iter().enumerate() {
        for (j, &x) in row.iter().enumerate() {
            let v = F::of(x);
            if !v.is_finite() {
                return Err(Error::new(format!(
                    "{name}[{i}][{j}] = {x} is out of range"
                )));
            }
            out[[i, j]] = v;
        }
    }
    Ok(out)
}
