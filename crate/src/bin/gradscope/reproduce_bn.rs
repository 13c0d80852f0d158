//! Ioffe & Szegedy's Fig. 1 on our data: 3 hidden layers of 100 sigmoids, mini-batch 60, trained
//! with and without batch norm on the 8,000 training images (η = 1, the plain net's best of 0.1,
//! 0.5, 1 and 3 after one epoch; λ = 0, as the paper). Every `EVERY` steps: (a) the validation
//! accuracy, (b, c) the 15th, 50th and 85th percentiles over the validation images of the input of
//! the last hidden layer's first sigmoid (with batch norm: γ·x̂ + β, with the running averages).

use crate::commands::{emit, str};
use crate::reproduce::write_svg;
use gradscope::chart::steps::{draw_steps, StepChart, StepLine};
use gradscope::chart::{svg_string, Style};
use gradscope::evaluate::Tally;
use gradscope::speeds::CHUNK;
use gradscope::{Backprop, Config, Dataset, Network};
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;

/// The paper's net: 3 hidden layers of 100 sigmoid neurons.
const SIZES: [usize; 5] = [784, 100, 100, 100, 10];
/// Steps between two measurements.
const EVERY: usize = 20;
/// The percentiles of Fig. 1 (b, c).
const PERCENTILES: [f64; 3] = [0.15, 0.5, 0.85];

/// What one run measured: the steps, the accuracy and the three percentiles at each.
#[derive(Default)]
struct Trace {
    accuracy: Vec<(f64, f64)>,
    percentiles: [Vec<(f64, f64)>; 3],
}

/// The `q` quantile of `v` (sorted in place; nearest rank).
fn quantile(v: &mut [f64], q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(((v.len().max(1) - 1) as f64 * q).round() as usize)
        .copied()
        .unwrap_or(f64::NAN)
}

/// Measures `net` on `validation` after `step` steps into `trace`.
fn sample(
    net: &Network,
    validation: &Dataset,
    bp: &mut Backprop<f32>,
    step: usize,
    trace: &mut Trace,
) {
    let mut tally = Tally::default();
    let mut inputs = Vec::with_capacity(validation.len());
    for start in (0..validation.len()).step_by(CHUNK) {
        let end = (start + CHUNK).min(validation.len());
        let (x, y) = validation.rows(start, end);
        tally.add(net, bp, x, y, &validation.labels[start..end]);
        let z = bp.activation_inputs(SIZES.len() - 2, end - start);
        inputs.extend(z.column(0).iter().map(|&v| f64::from(v)));
    }
    let s = step as f64;
    trace.accuracy.push((s, 100.0 * tally.accuracy()));
    for (p, &q) in trace.percentiles.iter_mut().zip(&PERCENTILES) {
        p.push((s, quantile(&mut inputs, q)));
    }
}

/// Trains the net (with batch norm if `batch_norm`) for `steps` mini-batches, measuring every `EVERY`.
fn trace(
    train: &Arc<Dataset>,
    validation: &Dataset,
    seed: u64,
    steps: usize,
    batch_norm: bool,
) -> Result<Trace, String> {
    let config = Config {
        sizes: SIZES.to_vec(),
        seed,
        images: train.len(),
        batch: 60,
        eta: 1.0,
        lambda: 0.0,
        batch_norm,
        validation: false,
        ..Config::default()
    };
    let mut run = config.build(train, None).map_err(str)?;
    let mut bp = Backprop::new(&SIZES, CHUNK);
    let mut trace = Trace::default();
    sample(&run.net, validation, &mut bp, 0, &mut trace);
    let mut done = 0;
    while done < steps {
        if run.is_ready() {
            run.start_epoch();
        }
        let training = run.is_training();
        run.work(CHUNK); // when training: one whole mini-batch of 60, one step
        if training {
            done += 1;
            if done % EVERY == 0 {
                sample(&run.net, validation, &mut bp, done, &mut trace);
            }
        }
    }
    Ok(trace)
}

/// Runs the experiment with and without batch norm, prints the accuracy every 5 measurements,
/// writes `batch-norm-accuracy.svg` (Fig. 1a) and `batch-norm-input-{plain,bn}.svg` (Fig. 1b, c).
pub fn batch_norm(
    (train, validation): (&Arc<Dataset>, &Dataset),
    (seed, steps, out): (u64, usize, &Path),
    results: &mut Value,
) -> Result<(), String> {
    emit(&format!(
        "\nBatch norm (Ioffe & Szegedy Fig. 1): {SIZES:?} sigmoid, 8,000 images, mini-batch 60, η 1, λ 0, {steps} steps"
    ))?;
    let plain = trace(train, validation, seed, steps, false)?;
    let bn = trace(train, validation, seed, steps, true)?;
    emit(&format!(
        "{:<8} {:<14} {:<14}",
        "step", "plain %", "batch norm %"
    ))?;
    for (p, b) in plain.accuracy.iter().zip(&bn.accuracy).step_by(5) {
        emit(&format!("{:<8} {:<14.2} {:<14.2}", p.0, p.1, b.1))?;
    }
    let style = Style::default();
    let lines = [
        StepLine {
            label: "without batch norm",
            points: &plain.accuracy,
        },
        StepLine {
            label: "with batch norm",
            points: &bn.accuracy,
        },
    ];
    let chart = StepChart {
        title: "Validation accuracy (Fig. 1a)",
        y_desc: "Accuracy (%)",
        lines: &lines,
    };
    write_svg(
        out,
        "batch-norm-accuracy.svg",
        svg_string(900, 560, |a| draw_steps(a, &style, &chart)),
    )?;
    for (name, t, title) in [
        (
            "plain",
            &plain,
            "Input of a sigmoid of the last hidden layer, without batch norm (Fig. 1b)",
        ),
        (
            "bn",
            &bn,
            "Input of a sigmoid of the last hidden layer, with batch norm (Fig. 1c)",
        ),
    ] {
        let labels = ["15th percentile", "50th percentile", "85th percentile"];
        let lines: Vec<StepLine> = (labels.iter().zip(&t.percentiles))
            .map(|(label, points)| StepLine { label, points })
            .collect();
        let chart = StepChart {
            title,
            y_desc: "Sigmoid's input",
            lines: &lines,
        };
        let file = format!("batch-norm-input-{name}.svg");
        write_svg(
            out,
            &file,
            svg_string(900, 560, |a| draw_steps(a, &style, &chart)),
        )?;
    }
    let last = |t: &Trace| t.accuracy.last().map_or(f64::NAN, |p| p.1);
    results["batch_norm"] = json!({
        "steps": steps, "accuracy_plain": last(&plain), "accuracy_bn": last(&bn),
        "percentiles_plain": plain.percentiles.iter().map(|p| p.last().map(|x| x.1)).collect::<Vec<_>>(),
        "percentiles_bn": bn.percentiles.iter().map(|p| p.last().map(|x| x.1)).collect::<Vec<_>>(),
    });
    Ok(())
}
