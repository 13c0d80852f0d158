//! `gradscope reproduce`: the chapter's experiments beside the book's numbers, and its figures as SVG.

use crate::args::ReproduceArgs;
use crate::commands::{emit, load, str};
use gradscope::chart::bands::StatsHistory;
use gradscope::chart::factors::draw_factors;
use gradscope::chart::saturation::draw_saturation;
use gradscope::chart::speeds::{draw_speeds, Speeds};
use gradscope::chart::{bars::draw_bars, svg_string, Style};
use gradscope::reference::{median, ACCURACY, EPOCH0_SPEEDS, FINAL_SPEED_RATIO, SEEDS};
use gradscope::run::check_fit;
use gradscope::speeds::{bars, mean_bias_gradient, speeds};
use gradscope::stats::Stats;
use gradscope::{Backprop, Dataset, Hyper, Network, Run};
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;

fn sizes(hidden: usize) -> Vec<usize> {
    let mut s = vec![784];
    s.extend(std::iter::repeat_n(30, hidden));
    s.push(10);
    s
}

fn fresh(hidden: usize, seed: u64) -> Result<Network, String> {
    Network::network2(&sizes(hidden), seed).map_err(str)
}

fn fmt(v: &[f64]) -> String {
    let cell = |x: &f64| {
        if x.abs() < 1e-3 {
            format!("{x:.2e}")
        } else {
            format!("{x:.4}")
        }
    };
    let cells: Vec<String> = v.iter().map(cell).collect();
    format!("[{}]", cells.join(" "))
}

/// Writes `svg` as `dir/name`.
pub fn write_svg(
    dir: &Path,
    name: &str,
    svg: Result<String, gradscope::chart::ChartError>,
) -> Result<(), String> {
    let svg = svg.map_err(|e| format!("drawing {name}: {e}"))?;
    std::fs::write(dir.join(name), svg)
        .map_err(|e| format!("cannot write {}: {e}", dir.join(name).display()))
}

/// The data every experiment uses, loaded and checked before anything is printed.
struct Inputs {
    /// All training images (the accuracy runs).
    train: Arc<Dataset>,
    /// The first 1,000 of them (the speeds).
    first: Dataset,
    /// The validation images (the accuracy runs).
    validation: Arc<Dataset>,
}

/// Loads both splits and checks that the chapter's nets (784 inputs, 10 outputs) fit them.
fn inputs(data: &Path, seed: u64) -> Result<Inputs, String> {
    let train = load(data, "train")?;
    let validation = load(data, "validation")?;
    let first = train
        .first(1000)
        .map_err(|e| format!("train split in {}: {e}", data.display()))?;
    let net = fresh(1, seed)?;
    for (split, set) in [("train", &train), ("validation", &validation)] {
        check_fit(&net, set).map_err(|e| format!("{split} split in {}: {e}", data.display()))?;
    }
    Ok(Inputs {
        train: Arc::new(train),
        first,
        validation: Arc::new(validation),
    })
}

/// Runs every experiment, prints the tables, writes `bars.svg`, `speeds-{2,3,4}.svg`,
/// `factors-{2,3,4}.svg`, `saturation-{2,3,4}.svg`, the batch-norm figures (`reproduce_bn.rs`) and
/// `results.json`.
pub fn reproduce(data: &Path, args: &ReproduceArgs) -> Result<(), String> {
    let inputs = inputs(data, args.seed)?;
    std::fs::create_dir_all(&args.out)
        .map_err(|e| format!("cannot create {}: {e}", args.out.display()))?;
    let mut results =
        json!({"seed": args.seed, "epochs": args.epochs, "accuracy_epochs": args.accuracy_epochs});
    epoch0(&inputs.first, args, &mut results)?;
    final_speeds(&inputs.first, args, &mut results)?;
    accuracies(&inputs, args, &mut results)?;
    crate::reproduce_bn::batch_norm(
        (&inputs.train, &inputs.validation),
        (args.seed, args.bn_steps, &args.out),
        &mut results,
    )?;
    std::fs::write(args.out.join("results.json"), results.to_string())
        .map_err(|e| format!("cannot write results.json: {e}"))?;
    emit(&format!(
        "\nFigures and results.json written to {}",
        args.out.display()
    ))
}

/// The epoch-0 speeds of 2–5 hidden layers beside the book's, and the bars figure.
fn epoch0(first: &Dataset, args: &ReproduceArgs, results: &mut Value) -> Result<(), String> {
    emit("Epoch-0 learning speeds ‖δ^l‖ (first 1,000 images)")?;
    emit(&format!(
        "{:<8} {:<38} {:<38} book",
        "hidden",
        format!("seed {}", args.seed),
        "median of 20 seeds"
    ))?;
    let mut bp = Backprop::new(&sizes(4), 1000);
    let mut measure = |hidden: usize, seed: u64| -> Result<Vec<f64>, String> {
        Ok(speeds(&mean_bias_gradient(
            &fresh(hidden, seed)?,
            first,
            &mut bp,
        )))
    };
    for (k, book) in EPOCH0_SPEEDS.iter().enumerate() {
        let runs = (0..SEEDS)
            .map(|s| measure(k + 2, s))
            .collect::<Result<Vec<_>, String>>()?;
        let ours = measure(k + 2, args.seed)?;
        let med: Vec<f64> = (0..k + 2)
            .map(|l| median(runs.iter().map(|r| r[l])))
            .collect();
        emit(&format!(
            "{:<8} {:<38} {:<38} {}",
            k + 2,
            fmt(&ours),
            fmt(&med),
            fmt(book)
        ))?;
        results[format!("speeds_{}", k + 2)] = json!({"seed": ours, "median": med, "book": book});
    }
    let gradient = mean_bias_gradient(&fresh(2, args.seed)?, first, &mut bp);
    let (b, s) = (bars(&gradient), speeds(&gradient));
    write_svg(
        &args.out,
        "bars.svg",
        svg_string(900, 520, |a| draw_bars(a, &Style::default(), &b, &s, None)),
    )?;
    results["bars"] = json!(b);
    Ok(())
}

/// The speeds after `args.epochs` epochs of full-batch training, and the curves' figures.
fn final_speeds(first: &Dataset, args: &ReproduceArgs, results: &mut Value) -> Result<(), String> {
    emit(&format!(
        "\nLearning speeds after {} epochs (full batch 1,000, η 0.1, λ 5)",
        args.epochs
    ))?;
    emit(&format!(
        "{:<8} {:<38} {:<14} book ratio",
        "hidden", "speeds", "last/first"
    ))?;
    for (k, book_ratio) in FINAL_SPEED_RATIO.iter().enumerate() {
        let hidden = k + 2;
        let (history, stats) = curves(fresh(hidden, args.seed)?, first, args)?;
        stats_figures(&args.out, hidden, &stats)?;
        let last = history.last().cloned().unwrap_or_default();
        let ratio = last.last().unwrap_or(&f64::NAN) / last.first().unwrap_or(&f64::NAN);
        emit(&format!(
            "{hidden:<8} {:<38} {ratio:<14.1} {book_ratio}",
            fmt(&last)
        ))?;
        let title = format!("Learning speeds, {:?}", sizes(hidden));
        let svg = svg_string(900, 560, |a| {
            let speeds = Speeds {
                history: &history,
                title: &title,
                ..Speeds::default()
            };
            draw_speeds(a, &Style::default(), &speeds)
        });
        write_svg(&args.out, &format!("speeds-{hidden}.svg"), svg)?;
        results[format!("curves_{hidden}")] =
            json!({"last": last, "ratio": ratio, "book_ratio": book_ratio});
    }
    Ok(())
}

/// The validation accuracy of 1–4 hidden layers after `args.accuracy_epochs` epochs of SGD.
fn accuracies(inputs: &Inputs, args: &ReproduceArgs, results: &mut Value) -> Result<(), String> {
    emit(&format!(
        "\nValidation accuracy (8,000 training images, mini-batch 10, η 0.1, λ 5, {} epochs; the book: 50,000 images, 30 epochs)",
        args.accuracy_epochs
    ))?;
    emit(&format!(
        "{:<8} {:<10} {:<10} book",
        "hidden", "final %", "best %"
    ))?;
    let hyper = Hyper {
        eta: 0.1,
        lambda: 5.0,
        batch: 10,
    };
    for (k, book) in ACCURACY.iter().enumerate() {
        let mut run = Run::new(
            fresh(k + 1, args.seed)?,
            Arc::clone(&inputs.train),
            Some(Arc::clone(&inputs.validation)),
            hyper,
            args.seed,
        )
        .map_err(str)?;
        let mut best = run.measure().accuracy.unwrap_or(0.0);
        let mut last = best;
        for _ in 0..args.accuracy_epochs {
            last = run.epoch().accuracy.unwrap_or(0.0);
            best = best.max(last);
        }
        emit(&format!(
            "{:<8} {:<10.2} {:<10.2} {book}",
            k + 1,
            100.0 * last,
            100.0 * best
        ))?;
        results[format!("accuracy_{}", k + 1)] =
            json!({"final": last, "best": best, "book": book / 100.0});
    }
    emit(&format!(
        "(8,000 images in batches of 10 are {} updates in {} epochs, the book's 50,000 make 150,000: \
         the deepest net, whose early layers learn slowest, lags furthest.)",
        800 * args.accuracy_epochs,
        args.accuracy_epochs
    ))
}

/// The speeds (and their statistics) before each epoch of full-batch training, and after the
/// last: epochs + 1 rows.
fn curves(net: Network, first: &Dataset, args: &ReproduceArgs) -> Result<Curves, String> {
    let hyper = Hyper {
        eta: 0.1,
        lambda: 5.0,
        batch: 1000,
    };
    let mut run = Run::new(net, first.clone(), None, hyper, args.seed).map_err(str)?;
    run.collect_stats();
    let mut records = vec![run.measure()];
    records.extend((0..args.epochs).map(|_| run.epoch()));
    let stats = records.iter().filter_map(|r| r.stats.clone()).collect();
    Ok((records.into_iter().map(|r| r.speeds).collect(), stats))
}

/// Speeds per epoch and the statistics of each epoch.
type Curves = (Vec<Vec<f64>>, Vec<Stats>);

/// Writes `factors-N.svg` and `saturation-N.svg` of the net with `hidden` hidden layers.
fn stats_figures(dir: &Path, hidden: usize, stats: &[Stats]) -> Result<(), String> {
    let refs: Vec<(usize, &Stats)> = stats.iter().enumerate().collect();
    let history = StatsHistory {
        stats: &refs,
        epochs: None,
    };
    let style = Style::default();
    let factors = svg_string(900, 520, |a| draw_factors(a, &style, &history));
    write_svg(dir, &format!("factors-{hidden}.svg"), factors)?;
    let sigmoid = gradscope::Activation::Sigmoid;
    let saturation = svg_string(900, 520, |a| draw_saturation(a, &style, &history, sigmoid));
    write_svg(dir, &format!("saturation-{hidden}.svg"), saturation)
}
