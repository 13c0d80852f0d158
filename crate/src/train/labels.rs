//! The words that name a run: its full label ("3 hidden · sigmoid · network2 · seed 1 · batch
//! norm"), and, for a chart showing several runs at once, labels that lead with what differs
//! between them (remedy, activation, init, η …) and leave out what they all share, said once.

use crate::Config;

/// One thing a label can say about a run, the same for every run (its `key`), in the order the
/// chart's labels say them: what most often tells runs apart first.
struct Aspect {
    /// Which setting it is: two runs differ in it when their `words` differ.
    key: &'static str,
    /// What the label says of this run; `None` when the run has nothing to say (no remedy, not edited).
    words: Option<String>,
    /// What a run without `words` says when every other word of its chart label is shared.
    absent: &'static str,
}

/// The aspects a full label says, in its order; the others are said only where runs differ in them.
const FULL: [&str; 6] = ["hidden", "activation", "init", "seed", "remedy", "edited"];

/// Joined with " · " in every label.
const SEP: &str = " · ";

/// Said of a run whose settings equal every other shown run's.
pub const SAME_SETTINGS: &str = "same settings";

/// The remedies of `config` as its label lists them ("" for none).
pub fn remedies(config: &Config) -> String {
    remedy_words(config).map_or_else(String::new, |w| format!("{SEP}{w}"))
}

/// "batch norm · skip · clip 1", or `None` with no remedy.
fn remedy_words(config: &Config) -> Option<String> {
    let mut out = Vec::new();
    if config.batch_norm {
        out.push("batch norm".to_string());
    }
    if config.skip {
        out.push("skip".to_string());
    }
    if config.clip > 0.0 {
        out.push(format!("clip {}", config.clip));
    }
    (!out.is_empty()).then(|| out.join(SEP))
}

/// "30 neurons" when every hidden layer is 30 wide, else "neurons 30, 20".
fn widths(config: &Config) -> String {
    let hidden = config
        .sizes
        .get(1..config.sizes.len().saturating_sub(1))
        .unwrap_or(&[]);
    match hidden {
        [first, rest @ ..] if rest.iter().all(|n| n == first) => format!("{first} neurons"),
        _ => format!(
            "neurons {}",
            (hidden.iter().map(usize::to_string))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Every aspect of a run of `config` (`edited`: edited by hand), in the chart labels' order.
fn aspects(config: &Config, edited: bool) -> [Aspect; 12] {
    let said = |key, words: String| Aspect {
        key,
        words: Some(words),
        absent: "",
    };
    let batch = if config.batch >= config.images {
        "full batch".to_string()
    } else {
        format!("mini-batch {}", config.batch)
    };
    [
        Aspect {
            key: "remedy",
            words: remedy_words(config),
            absent: "no remedy",
        },
        said("activation", config.activation.name().to_string()),
        said("init", config.init.name().to_string()),
        said("scale", format!("weights × {}", config.scale)),
        said("eta", format!("η {}", config.eta)),
        said("lambda", format!("λ {}", config.lambda)),
        said("batch", batch),
        said("images", format!("{} images", config.images)),
        said(
            "hidden",
            format!("{} hidden", config.sizes.len().saturating_sub(2)),
        ),
        said("widths", widths(config)),
        said("seed", format!("seed {}", config.seed)),
        Aspect {
            key: "edited",
            words: edited.then(|| "edited".to_string()),
            absent: "not edited",
        },
    ]
}

/// "3 hidden · sigmoid · network2 · seed 1", then its remedies (" · batch norm", " · skip",
/// " · clip 1") and " · edited" when edited by hand.
pub fn label(config: &Config, edited: bool) -> String {
    let aspects = aspects(config, edited);
    full_words(&aspects, |_| true).join(SEP)
}

/// The words of the full label's aspects among `aspects` (by index) that `keep`, in its order.
fn full_words(aspects: &[Aspect], keep: impl Fn(usize) -> bool) -> Vec<&str> {
    (FULL.iter())
        .filter_map(|key| aspects.iter().position(|a| a.key == *key))
        .filter(|&i| keep(i))
        .filter_map(|i| aspects[i].words.as_deref())
        .collect()
}

/// Labels of runs shown together, each leading with what tells it from the others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartLabels {
    /// What every run shares, said once ("4 hidden · seed 1": the full label's words all runs
    /// have; "" if none).
    pub shared: String,
    /// Where runs differ, what most of them have ("sigmoid · network2": each value held by more
    /// runs than any other, by at least two), said once; a run's label leaves it out ("" if none).
    pub usual: String,
    /// One label per run, in the order given: its words where it differs from the usual (a
    /// missing remedy as "no remedy"); a run with none says its words in every aspect in which
    /// runs differ ("no remedy" first, if it lacks something), [`SAME_SETTINGS`] if none differ.
    pub runs: Vec<String>,
}

/// One differing aspect of one run: what it says, and whether that is only what it lacks.
type Said<'a> = (&'a str, bool);

/// What a run says in aspect `a` where runs differ: its words, or what it lacks ("no remedy").
fn said(a: &Aspect) -> Said<'_> {
    a.words.as_deref().map_or((a.absent, true), |w| (w, false))
}

/// The value of `column` held by more runs than any other, by at least two (none if tied).
fn usual_of<'a>(column: &[Said<'a>]) -> Option<Said<'a>> {
    let count = |v: &Said| column.iter().filter(|x| *x == v).count();
    let most = column.iter().map(count).max().unwrap_or(0);
    let mut top = column.iter().filter(|v| count(v) == most);
    let first = *top.next()?;
    (most >= 2 && top.all(|v| *v == first)).then_some(first)
}

/// The chart labels of `runs` (each its settings and whether it was edited by hand).
pub fn chart_labels(runs: &[(&Config, bool)]) -> ChartLabels {
    let all: Vec<[Aspect; 12]> = runs.iter().map(|(c, e)| aspects(c, *e)).collect();
    let Some(first) = all.first() else {
        return ChartLabels {
            shared: String::new(),
            usual: String::new(),
            runs: Vec::new(),
        };
    };
    let differs: Vec<bool> = (0..first.len())
        .map(|i| all.iter().any(|a| a[i].words != first[i].words))
        .collect();
    let varying: Vec<usize> = (0..first.len()).filter(|&i| differs[i]).collect();
    // The differing aspects of each run, and the usual value of each.
    let rows: Vec<Vec<Said>> = (all.iter())
        .map(|a| varying.iter().map(|&i| said(&a[i])).collect())
        .collect();
    let usual: Vec<Option<Said>> = (0..varying.len())
        .map(|k| usual_of(&rows.iter().map(|r| r[k]).collect::<Vec<_>>()))
        .collect();
    let usual_words = (usual.iter().flatten())
        .filter(|(_, lacks)| !lacks)
        .map(|(w, _)| *w)
        .collect::<Vec<_>>();
    ChartLabels {
        shared: full_words(first, |i| !differs[i]).join(SEP),
        usual: usual_words.join(SEP),
        runs: rows.iter().map(|r| run_label(r, &usual)).collect(),
    }
}

/// A run's chart label from what it says in each differing aspect (`row`) and their `usual` values.
fn run_label(row: &[Said], usual: &[Option<Said>]) -> String {
    let own: Vec<&str> = (row.iter().zip(usual))
        .filter(|(s, u)| Some(**s) != **u)
        .map(|(s, _)| s.0)
        .collect();
    if !own.is_empty() {
        return own.join(SEP);
    }
    // Usual in every way: what it lacks if it lacks something, else all its words.
    let lacks: Vec<&str> = row.iter().filter(|s| s.1).map(|s| s.0).collect();
    let words: Vec<&str> = row.iter().map(|s| s.0).collect();
    match (lacks.is_empty(), words.is_empty()) {
        (false, _) => lacks.join(SEP),
        (true, false) => words.join(SEP),
        (true, true) => SAME_SETTINGS.to_string(),
    }
}
