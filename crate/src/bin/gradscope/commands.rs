//! `init`, `speeds` and `train`: build or load a network, measure it, train it.

use crate::args::{Cli, Command, NetArgs, NetSource, TrainArgs};
use gradscope::chain::{Chain, Preset};
use gradscope::idx;
use gradscope::network2_json::{from_json, to_json};
use gradscope::schema::MAX_IMPORT_BYTES;
use gradscope::stats::Stats;
use gradscope::{Activation, Cost, Dataset, Hyper, Init, Network, Record, Run};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Runs one subcommand; the error is the one line to print.
pub fn run(cli: Cli) -> Result<(), String> {
    let data = cli
        .data
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../www/data"));
    match cli.command {
        Command::Init(args) => emit(&to_json(&fresh(&args)?)),
        Command::Speeds { net, images, stats } => speeds_of(&data, &net, images, stats),
        Command::Train(args) => train(&data, &args),
        Command::Reproduce(args) => crate::reproduce::reproduce(&data, &args),
        Command::Chain(a) => {
            let cost = Cost::parse(&a.cost).map_err(str)?;
            let chain = match &a.preset {
                Some(p) => Chain::preset(
                    Preset::parse(p).map_err(str)?,
                    a.depth,
                    a.a0,
                    a.y,
                    cost,
                    a.seed,
                ),
                None => Ok(Chain {
                    w: a.w.clone(),
                    b: a.b.clone(),
                    a0: a.a0,
                    y: a.y,
                    cost,
                }),
            }
            .map_err(str)?;
            chain.check().map_err(str)?;
            emit(&chain.report().to_string())
        }
    }
}

/// `speeds`: the net measured once over the first `images` training images.
fn speeds_of(data: &Path, source: &NetSource, images: usize, stats: bool) -> Result<(), String> {
    let net = network(source)?;
    let train = load_first(data, "train", Some(images))?;
    let hyper = Hyper {
        eta: 0.0,
        lambda: 0.0,
        batch: 1,
    };
    let mut run = Run::new(net, train, None, hyper, 0).map_err(str)?;
    if stats {
        run.collect_stats();
    }
    let record = run.measure();
    let mut line = json!({"speeds": record.speeds, "bars": record.bars});
    if let Some(s) = &record.stats {
        line["stats"] = stats_json(s);
    }
    emit(&line.to_string())
}

/// `train`: every input (net, both splits, hyper-parameters, the save folder) is checked before
/// the first line is printed.
fn train(data: &Path, args: &TrainArgs) -> Result<(), String> {
    if let Some(path) = &args.save {
        check_save(path)?;
    }
    let net = network(&args.net)?;
    let train = load_first(data, "train", Some(args.images))?;
    let validation = if args.validation {
        Some(load(data, "validation")?)
    } else {
        None
    };
    let hyper = Hyper {
        eta: args.eta,
        lambda: args.lambda,
        batch: args.batch,
    };
    if let Some(c) = args.clip {
        gradscope::clip::check_clip(c).map_err(str)?;
    }
    let validation = validation.map(std::sync::Arc::new);
    let mut run = Run::new(net, train, validation, hyper, args.net.fresh.seed).map_err(str)?;
    run.clip = args.clip;
    if args.stats {
        run.collect_stats();
    }
    emit(&record_line(&run.measure()))?;
    for _ in 0..args.epochs {
        emit(&record_line(&run.epoch()))?;
    }
    if let Some(path) = &args.save {
        std::fs::write(path, to_json(&run.net))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// One epoch's JSON line: `{"epoch","speeds"}` plus accuracy and cost when validated.
pub fn record_line(r: &Record) -> String {
    let mut line = json!({"epoch": r.epoch, "speeds": r.speeds});
    if let (Some(a), Some(c)) = (r.accuracy, r.cost) {
        line["accuracy"] = json!(a);
        line["cost"] = json!(c);
    }
    if let Some(s) = &r.stats {
        line["stats"] = stats_json(s);
    }
    line.to_string()
}

/// The statistics under the CLI's keys (snake case, as issue 13 names them).
pub fn stats_json(s: &Stats) -> serde_json::Value {
    json!({
        "factors": s.factors,
        "sigma_prime_mean": s.sigma_prime_mean,
        "weight_norms": s.weight_norms,
        "activation_percentiles": s.activation_percentiles,
        "saturated": s.saturated,
        "gradient_percentiles": s.gradient_percentiles,
    })
}

/// A fresh network drawn as the options say.
pub fn fresh(args: &NetArgs) -> Result<Network, String> {
    let init = Init::parse(&args.init).map_err(str)?;
    let activation = Activation::parse(&args.activation).map_err(str)?;
    let cost = Cost::parse(&args.cost).map_err(str)?;
    if args.sizes.is_empty() {
        return Err("give the layer sizes with --sizes, e.g. --sizes 784,30,30,10".into());
    }
    let net =
        Network::new(&args.sizes, init, args.scale, activation, cost, args.seed).map_err(str)?;
    Ok(net.with_batch_norm(args.batch_norm).with_skip(args.skip))
}

/// Where `--save` will write must be a file in an existing folder.
fn check_save(path: &Path) -> Result<(), String> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if path.is_dir() || !folder.is_dir() {
        return Err(format!(
            "cannot save to {}: not a file in an existing folder",
            path.display()
        ));
    }
    Ok(())
}

/// Reads a whole file, refusing one over `limit` bytes before reading it.
fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let cannot = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
    let size = std::fs::metadata(path).map_err(cannot)?.len();
    if size > limit {
        return Err(format!(
            "{} has {size} bytes; gradscope reads files of at most {limit} bytes ({} MiB)",
            path.display(),
            limit >> 20
        ));
    }
    std::fs::read(path).map_err(cannot)
}

fn network(source: &NetSource) -> Result<Network, String> {
    match &source.network {
        Some(path) => {
            let bytes = read_capped(path, MAX_IMPORT_BYTES as u64)?;
            let text = String::from_utf8(bytes)
                .map_err(|e| format!("{}: not UTF-8 text: {e}", path.display()))?;
            from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
        }
        None => fresh(&source.fresh),
    }
}

/// Loads a shipped split (`train` or `validation`) from the data folder.
pub fn load(dir: &Path, split: &str) -> Result<Dataset, String> {
    load_first(dir, split, None)
}

/// Loads the first `n` images of a shipped split (all when None; `n` more than it holds is an
/// error), decompressing no further than those.
pub fn load_first(dir: &Path, split: &str, n: Option<usize>) -> Result<Dataset, String> {
    let read = |kind: &str, dims: u8| -> Result<Vec<u8>, String> {
        let path: PathBuf = dir.join(format!("{split}-{kind}-idx{dims}-ubyte.gz"));
        read_capped(&path, idx::MAX_BYTES)
    };
    let (images, labels) = (read("images", 3)?, read("labels", 1)?);
    let set = match n {
        Some(n) => Dataset::from_idx_first(&images, &labels, n).and_then(|d| d.first(n)),
        None => Dataset::from_idx(&images, &labels),
    };
    set.map_err(|e| format!("{split} split in {}: {e}", dir.display()))
}

/// Prints one line on stdout, flushed (so `train` streams epoch by epoch).
pub fn emit(line: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")
        .and_then(|_| out.flush())
        .map_err(|e| format!("cannot write to stdout: {e}"))
}

/// Turns a core error into the one-line message.
pub fn str(e: gradscope::Error) -> String {
    e.to_string()
}
