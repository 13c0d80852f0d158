//! The learning-speed chart: one line per hidden layer on a log axis, broken at
//! unusable speeds, with edit markers.

mod common;

use common::svg::{assert_texts, elements, keep, polylines, texts};
use common::{two_layer_history, INF, NAN};
use gradscope::chart::speeds::{draw_speeds, Speeds, EDIT_LABEL};
use gradscope::chart::{layer_color, svg_string, Style};
use plotters::style::RGBColor;

fn speeds_svg(history: &[Vec<f64>], edits: &[usize]) -> String {
    svg_string(1000, 600, |a| {
        let speeds = Speeds {
            history,
            edits,
            ..Speeds::default()
        };
        draw_speeds(a, &Style::default(), &speeds)
    })
    .expect("speeds render")
}

#[test]
fn learning_speeds_are_drawn_on_a_log_axis() {
    let history = two_layer_history();
    let svg = speeds_svg(&history, &[]);
    keep("speeds", &svg);
    for l in 0..2 {
        let lines = polylines(&svg, layer_color(l));
        let data: Vec<_> = lines.iter().filter(|p| p.len() == 10).collect();
        assert_eq!(
            data.len(),
            1,
            "one 10-point line for hidden layer {}",
            l + 1
        );
        assert_eq!(
            lines.iter().filter(|p| p.len() == 2).count(),
            1,
            "legend swatch"
        );
    }
    let p = &polylines(&svg, layer_color(0))
        .into_iter()
        .find(|p| p.len() == 10)
        .unwrap();
    let dx = p[1].0 - p[0].0;
    assert!(dx > 0.0);
    for w in p.windows(2) {
        assert!((w[1].0 - w[0].0 - dx).abs() <= 1.0, "epochs evenly spaced");
    }
    // 0.01 → 0.1 → 1: each tenfold step climbs the same height.
    let (up1, up2) = (p[0].1 - p[1].1, p[1].1 - p[2].1);
    assert!(up1 > 20.0, "a larger speed is drawn higher");
    assert!((up1 - up2).abs() <= 1.0, "log spacing {up1} vs {up2}");
    // 0.5 is log10(2) of a decade below 1.
    let drop = p[3].1 - p[2].1;
    assert!((drop - up1 * 2f64.log10()).abs() <= 1.0, "0.5 at {drop}");
    // Layer 2 is 3× layer 1 at every epoch: a constant log10(3) of a decade higher.
    let q = &polylines(&svg, layer_color(1))
        .into_iter()
        .find(|p| p.len() == 10)
        .unwrap();
    for (a, b) in p.iter().zip(q) {
        assert!((a.1 - b.1 - up1 * 3f64.log10()).abs() <= 1.0);
    }
    // The tick label "0.1" sits at the height of the point 0.1.
    let tick = elements(&svg, "text")
        .into_iter()
        .find(|t| t.text == "0.1")
        .unwrap();
    assert!((tick.num("y") - p[1].1).abs() <= 1.0);

    assert_texts(
        &svg,
        &[
            "Hidden layer 1",
            "Hidden layer 2",
            "Epoch",
            "Learning speed ‖δˡ‖",
        ],
    );
    let t = texts(&svg);
    assert!(!t.iter().any(|s| s == "Hidden layer 3" || s == EDIT_LABEL));
}

#[test]
fn bad_speeds_break_the_line() {
    let mut history = two_layer_history();
    history[4][1] = NAN;
    history[7][1] = 0.0; // drawn on the floor (with a marker), not a break
    history[8][0] = -1.0;
    history[9][0] = INF;
    let svg = speeds_svg(&history, &[]);
    let lens = |l| {
        let mut v: Vec<usize> = polylines(&svg, layer_color(l))
            .iter()
            .map(Vec::len)
            .collect();
        v.sort();
        v
    };
    // Every layer also has a 2-point legend swatch.
    assert_eq!(lens(0), vec![2, 8], "epochs 0-7");
    assert_eq!(lens(1), vec![2, 4, 5], "epochs 0-3, 5-9 (7 on the floor)");
    assert!(!svg.contains("NaN"));
}

#[test]
fn edits_are_marked_at_their_epoch() {
    let history = two_layer_history();
    let svg = speeds_svg(&history, &[3, 7, 100]);
    let p = polylines(&svg, layer_color(0))
        .into_iter()
        .find(|p| p.len() == 10)
        .unwrap();
    let mut xs: Vec<f64> = polylines(&svg, RGBColor(0x88, 0x88, 0x88))
        .iter()
        .filter(|d| d.len() >= 2 && d.iter().all(|q| q.0 == d[0].0))
        .map(|d| d[0].0)
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    assert_eq!(xs, vec![p[3].0, p[7].0], "markers at epochs 3 and 7 only");
    assert!(texts(&svg).iter().any(|t| t == EDIT_LABEL));
}

#[test]
fn odd_speed_histories_render() {
    let cases: Vec<Vec<Vec<f64>>> = vec![
        vec![],
        vec![vec![], vec![]],
        vec![vec![NAN, INF], vec![0.0, -1.0]],
        vec![vec![0.1]],
        vec![vec![f64::MIN_POSITIVE / 1e6, f64::MAX]],
        vec![vec![1e-3; 3]; 500],
    ];
    for h in &cases {
        let svg = speeds_svg(h, &[0, 1, usize::MAX]);
        assert!(svg.contains("Epoch"));
        assert!(!svg.contains("NaN"));
    }
    let none = speeds_svg(&[vec![NAN, NAN]], &[]);
    assert!(
        texts(&none).iter().any(|t| t == "Hidden layer 2"),
        "legend still lists layers"
    );
    assert!(
        texts(&none).iter().any(|t| t == "1e-4"),
        "empty axes span 1e-4..1"
    );

    let twelve: Vec<Vec<f64>> = (0..10)
        .map(|e| {
            (0..12)
                .map(|l| 10f64.powf(l as f64 / 3.0 - 4.0 + e as f64 * 0.05))
                .collect()
        })
        .collect();
    let svg = svg_string(1200, 700, |a| {
        let speeds = Speeds {
            history: &twelve,
            edits: &[5],
            title: "Learning speeds, 12 hidden layers",
            ..Speeds::default()
        };
        draw_speeds(a, &Style::default(), &speeds)
    })
    .unwrap();
    keep("speeds-12", &svg);
    for l in 0..12 {
        let lines = polylines(&svg, layer_color(l));
        assert_eq!(
            lines.iter().filter(|p| p.len() == 10).count(),
            1,
            "layer {}",
            l + 1
        );
    }
    assert!(texts(&svg)
        .iter()
        .any(|t| t == "Learning speeds, 12 hidden layers"));
}

#[test]
fn epoch_labels_never_crowd_with_large_text() {
    // A projector's text (×1.4, lines ×2) on a small chart: 600 epochs on 450 × 280 pixels.
    let history: Vec<Vec<f64>> = (0..600)
        .map(|e| vec![0.1 / (1.0 + e as f64), 0.3])
        .collect();
    let svg = svg_string(450, 280, |a| {
        let speeds = Speeds {
            history: &history,
            ..Speeds::default()
        };
        draw_speeds(a, &Style::new(2.0, 1.4), &speeds)
    })
    .unwrap();
    keep("speeds-projector-small", &svg);
    // The epoch labels: the numbers along the bottom (one baseline y, below the plot).
    let ticks = elements(&svg, "text");
    let bottom = ticks.iter().map(|t| t.num("y")).fold(0.0, f64::max);
    let mut epochs: Vec<&_> = ticks
        .iter()
        .filter(|t| t.text.parse::<f64>().is_ok() && (t.num("y") - bottom).abs() < 40.0)
        .collect();
    epochs.sort_by(|a, b| a.num("x").total_cmp(&b.num("x")));
    assert!(epochs.len() >= 2, "{} epoch labels", epochs.len());
    for pair in epochs.windows(2) {
        // Centred labels: the gap between centres must hold half of each label (0.6 em a digit).
        let size = pair[0].num("font-size");
        let half = |t: &str| 0.3 * size * t.len() as f64;
        let room = pair[1].num("x") - pair[0].num("x");
        assert!(
            room > half(&pair[0].text) + half(&pair[1].text),
            "{} and {} overlap",
            pair[0].text,
            pair[1].text
        );
    }
}

#[test]
fn the_epoch_axis_runs_to_the_limit_and_zeros_sit_on_the_floor() {
    use gradscope::chart::speeds::{Trace, ZERO_LABEL};
    // Ten epochs of a 500-epoch window: the axis ends at 500, the curve covers its first 2 %.
    let history: Vec<Vec<f64>> = (0..10).map(|e| vec![0.05 * (e + 1) as f64, 0.0]).collect();
    let earlier = vec![vec![0.02, 0.03]; 30];
    let runs = [Trace {
        label: "3 hidden · sigmoid · network2 · seed 1",
        history: &earlier,
    }];
    let speeds = Speeds {
        history: &history,
        epochs: Some(500),
        runs: &runs,
        ..Speeds::default()
    };
    let svg = svg_string(1000, 600, |a| draw_speeds(a, &Style::default(), &speeds)).unwrap();
    keep("speeds-window", &svg);
    let t = texts(&svg);
    assert!(t.iter().any(|s| s == "500"), "tick 500: {t:?}");
    // Named in the legend (shortened with "…" if it would take over 40 % of the width).
    assert!(t.iter().any(|s| s.starts_with("run 1: 3 hidden")), "{t:?}");
    assert!(t.iter().any(|s| s == ZERO_LABEL), "{t:?}");
    let line = polylines(&svg, layer_color(0))
        .into_iter()
        .find(|p| p.len() == 10)
        .unwrap();
    let frame = polylines(&svg, layer_color(1))
        .into_iter()
        .find(|p| p.len() == 10)
        .expect("layer 2's zeros drawn as a line on the floor");
    assert!(frame.windows(2).all(|w| w[0].1 == w[1].1), "a flat line");
    assert!(
        frame[0].1 > line.iter().map(|p| p.1).fold(0.0, f64::max),
        "below every other point"
    );
    // Layer 2's stretch of zeros starts at epoch 0: one triangle there.
    let marks = elements(&svg, "polygon");
    assert_eq!(marks.len(), 1, "one marker");
    // 10 of 500 epochs: the curve spans about 9/500 of the plot's width.
    let span = line[9].0 - line[0].0;
    assert!(
        span > 0.0 && span < 30.0,
        "span {span} px of a 1000 px chart"
    );
}

#[test]
fn a_long_run_label_is_shortened_and_never_squeezes_a_narrow_plot() {
    use gradscope::chart::speeds::Trace;
    // A 320 px chart (the speeds chart beside the tour's panel at 1024 px) with an earlier run.
    let label = "3 hidden · sigmoid · network2 · seed 1";
    let history: Vec<Vec<f64>> = (0..10).map(|e| vec![0.05 * (e + 1) as f64, 0.2]).collect();
    let earlier = vec![vec![0.02, 0.03]; 10];
    let runs = [Trace {
        label,
        history: &earlier,
    }];
    let speeds = Speeds {
        history: &history,
        runs: &runs,
        ..Speeds::default()
    };
    let (w, h) = (320, 300);
    let svg = svg_string(w, h, |a| draw_speeds(a, &Style::default(), &speeds)).unwrap();
    keep("speeds-narrow-runs", &svg);
    let t = texts(&svg);
    let run = t
        .iter()
        .find(|s| s.starts_with("run 1: "))
        .unwrap_or_else(|| panic!("the run is in the legend: {t:?}"));
    let head = run.strip_suffix('…').expect("shortened with an ellipsis");
    assert!(
        format!("run 1: {label}").starts_with(head),
        "{run:?} begins the full label"
    );
    // The current run spans the epoch axis (0…9): the plot keeps over a third of the chart's
    // width (the rest: the y labels and a legend of at most 40 %), where the full label (45
    // characters, ≈ 270 px in 11 px text) would leave it almost nothing.
    let line = polylines(&svg, layer_color(0))
        .into_iter()
        .find(|p| p.len() == 10)
        .expect("layer 1's line");
    let span = line[9].0 - line[0].0;
    assert!(
        span > 0.35 * f64::from(w),
        "plot {span} px of a {w} px chart"
    );
}
