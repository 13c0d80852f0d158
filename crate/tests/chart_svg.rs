//! Renders the chapter-5 charts to SVG text and checks the drawn geometry
//! against values worked out by hand.

use gradscope::chart::accuracy::{draw_accuracy, ACCURACY_COLOR, COST_COLOR};
use gradscope::chart::bars::{draw_bars, NEGATIVE_BAR_COLOR, POSITIVE_BAR_COLOR};
use gradscope::chart::speeds::{draw_speeds, draw_speeds_titled, EDIT_LABEL};
use gradscope::chart::{layer_color, svg_string, ChartError};
use plotters::style::RGBColor;
use std::collections::HashMap;

const NAN: f64 = f64::NAN;
const INF: f64 = f64::INFINITY;

/// One SVG element: its attributes and, for `<text>`, its content.
#[derive(Debug)]
struct El {
    attrs: HashMap<String, String>,
    text: String,
}

impl El {
    fn get(&self, key: &str) -> &str {
        self.attrs.get(key).map_or("", String::as_str)
    }
    fn num(&self, key: &str) -> f64 {
        self.get(key).parse().unwrap_or(f64::NAN)
    }
    /// Points of a `<polyline>`.
    fn points(&self) -> Vec<(f64, f64)> {
        self.get("points")
            .split_whitespace()
            .filter_map(|p| p.split_once(','))
            .map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap()))
            .collect()
    }
}

/// All elements `<tag ...>` of an SVG document, in drawing order.
fn elements(svg: &str, tag: &str) -> Vec<El> {
    let open = format!("<{tag} ");
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find(&open) {
        rest = &rest[i + open.len()..];
        let end = rest.find('>').expect("unterminated tag");
        let mut attrs = HashMap::new();
        let mut a = &rest[..end];
        while let Some(eq) = a.find("=\"") {
            let key = a[..eq].trim().to_string();
            let after = &a[eq + 2..];
            let close = after.find('"').expect("unterminated attribute");
            attrs.insert(key, after[..close].to_string());
            a = &after[close + 1..];
        }
        let text = if tag == "text" {
            let body = &rest[end + 1..];
            body[..body.find("</text>").unwrap_or(0)].trim().to_string()
        } else {
            String::new()
        };
        out.push(El { attrs, text });
    }
    out
}

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

fn texts(svg: &str) -> Vec<String> {
    elements(svg, "text").into_iter().map(|t| t.text).collect()
}

fn filled_rects(svg: &str, c: RGBColor) -> Vec<El> {
    let fill = hex(c);
    elements(svg, "rect")
        .into_iter()
        .filter(|r| r.get("fill") == fill)
        .collect()
}

fn polylines(svg: &str, c: RGBColor) -> Vec<Vec<(f64, f64)>> {
    let stroke = hex(c);
    elements(svg, "polyline")
        .into_iter()
        .filter(|p| p.get("stroke") == stroke)
        .map(|p| p.points())
        .collect()
}

/// Writes `svg` to /tmp/chart-`name`.svg for a human to look at.
fn keep(name: &str, svg: &str) {
    let _ = std::fs::write(std::env::temp_dir().join(format!("chart-{name}.svg")), svg);
}

fn bars_svg(w: u32, h: u32, bars: &[Vec<f64>], speeds: &[f64]) -> String {
    svg_string(w, h, |a| draw_bars(a, bars, speeds)).expect("bars render")
}

fn speeds_svg(history: &[Vec<f64>], edits: &[usize]) -> String {
    svg_string(1000, 600, |a| draw_speeds(a, history, edits)).expect("speeds render")
}

#[test]
fn bar_lengths_are_proportional_to_the_gradient_on_one_scale() {
    let bars = vec![vec![0.01, -0.02, 0.03], vec![0.04, -0.05, 0.06]];
    let svg = bars_svg(1600, 900, &bars, &[0.06574, 0.1234]);
    keep("bars-small", &svg);
    let pos = filled_rects(&svg, POSITIVE_BAR_COLOR);
    let neg = filled_rects(&svg, NEGATIVE_BAR_COLOR);
    assert_eq!(pos.len(), 4, "one bar per positive value");
    assert_eq!(neg.len(), 2, "one bar per negative value");

    // Pair every bar with its value: columns left to right, neurons top to bottom.
    let mut all: Vec<&El> = pos.iter().chain(&neg).collect();
    all.sort_by(|a, b| {
        let col = |r: &El| (r.num("x") >= 800.0) as u8;
        (col(a), a.num("y"))
            .partial_cmp(&(col(b), b.num("y")))
            .unwrap()
    });
    let values: Vec<f64> = bars.concat();
    let width = |v: f64| all[values.iter().position(|&x| x == v).unwrap()].num("width");
    let ratio = width(-0.05) / width(0.01);
    assert!(
        (ratio - 5.0).abs() / 5.0 < 0.02,
        "0.05/0.01 drawn as {ratio}"
    );
    let ratio = width(0.06) / width(-0.02);
    assert!(
        (ratio - 3.0).abs() / 3.0 < 0.02,
        "0.06/0.02 drawn as {ratio}"
    );
    let px_per_unit = width(0.06) / 0.06;
    for (bar, v) in all.iter().zip(&values) {
        let expect = v.abs() * px_per_unit;
        assert!((bar.num("width") - expect).abs() <= 1.0, "bar of {v}");
        let neg_fill = hex(NEGATIVE_BAR_COLOR);
        assert_eq!(bar.get("fill") == neg_fill, *v < 0.0, "colour of {v}");
    }
    // Rows line up across the two layers (same neuron index, same height).
    for j in 0..3 {
        assert_eq!(all[j].num("y"), all[j + 3].num("y"));
    }

    // Each column has a vertical zero line: positive bars start on it,
    // negative bars end on it.
    let zero_lines: Vec<f64> = elements(&svg, "polyline")
        .iter()
        .map(El::points)
        .filter(|p| p.len() == 2 && p[0].0 == p[1].0)
        .map(|p| p[0].0)
        .collect();
    for r in &pos {
        assert!(
            zero_lines.contains(&r.num("x")),
            "positive bar starts on a zero line"
        );
    }
    for r in &neg {
        let right = r.num("x") + r.num("width");
        assert!(
            zero_lines.contains(&right),
            "negative bar ends on a zero line"
        );
        assert!(r.num("x") < right);
    }
    let t = texts(&svg);
    for want in [
        "Hidden layer 1",
        "Hidden layer 2",
        "‖δ¹‖ = 0.0657",
        "‖δ²‖ = 0.123",
    ] {
        assert!(
            t.iter().any(|s| s == want),
            "missing text {want:?} in {t:?}"
        );
    }
    let outlines = elements(&svg, "circle")
        .into_iter()
        .filter(|c| c.get("stroke") == "#333333")
        .count();
    assert_eq!(outlines, 6, "one neuron circle per value");
}

#[test]
fn only_the_first_six_neurons_are_drawn_and_zero_has_no_bar() {
    let bars = vec![vec![0.1, 0.0, -0.1, 0.1, 0.1, 0.1, 0.1, 0.1]];
    let svg = bars_svg(800, 500, &bars, &[]);
    let n =
        filled_rects(&svg, POSITIVE_BAR_COLOR).len() + filled_rects(&svg, NEGATIVE_BAR_COLOR).len();
    assert_eq!(n, 5, "six neurons, one of them with ∂C/∂b = 0");
    assert!(
        !texts(&svg).iter().any(|t| t.contains('‖')),
        "no speeds given"
    );
}

#[test]
fn non_finite_gradients_print_overflow_and_never_nan() {
    let bars = vec![vec![NAN, 0.02, INF], vec![-INF]];
    let svg = bars_svg(900, 500, &bars, &[NAN, 0.01]);
    keep("bars-overflow", &svg);
    let t = texts(&svg);
    assert_eq!(t.iter().filter(|s| *s == "overflow").count(), 3);
    assert!(t.iter().any(|s| s == "‖δ¹‖ = overflow"), "{t:?}");
    assert!(t.iter().any(|s| s == "‖δ²‖ = 0.0100"), "{t:?}");
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    let pos = filled_rects(&svg, POSITIVE_BAR_COLOR);
    assert_eq!(pos.len(), 1, "only 0.02 is drawable");
    assert!(filled_rects(&svg, NEGATIVE_BAR_COLOR).is_empty());
}

#[test]
fn extreme_gradients_keep_one_scale() {
    let bars = vec![vec![1e308, -1e308, 1e-300], vec![f64::MAX]];
    let svg = bars_svg(800, 400, &bars, &[1e300, 1e-300]);
    let pos = filled_rects(&svg, POSITIVE_BAR_COLOR);
    let neg = filled_rects(&svg, NEGATIVE_BAR_COLOR);
    assert_eq!((pos.len(), neg.len()), (3, 1));
    // 1e-300 is a vanishing gradient: still visible as a 1-pixel bar.
    assert!(pos.iter().any(|r| r.num("width") == 1.0));
    let t = texts(&svg);
    assert!(t.iter().any(|s| s == "‖δ¹‖ = 1.00e300"), "{t:?}");
    assert!(t.iter().any(|s| s == "‖δ²‖ = 1.00e-300"), "{t:?}");
}

#[test]
fn no_layers_and_twelve_layers_render() {
    let svg = bars_svg(800, 400, &[], &[]);
    assert!(texts(&svg).iter().any(|t| t == "No hidden layers"));
    let all_zero = bars_svg(800, 400, &[vec![0.0; 6], vec![]], &[0.0, 0.0]);
    assert!(filled_rects(&all_zero, POSITIVE_BAR_COLOR).is_empty());
    assert!(texts(&all_zero).iter().any(|t| t == "‖δ¹‖ = 0"));

    let bars: Vec<Vec<f64>> = (0..12)
        .map(|l| {
            (0..6)
                .map(|j| (j as f64 - 2.5) * 10f64.powi(l - 12))
                .collect()
        })
        .collect();
    let speeds: Vec<f64> = (0..12).map(|l| 10f64.powi(l - 12)).collect();
    let svg = bars_svg(1600, 600, &bars, &speeds);
    keep("bars-12", &svg);
    let t = texts(&svg);
    assert_eq!(
        t.iter().filter(|s| s.starts_with("Hidden layer")).count(),
        12
    );
    assert!(t.iter().any(|s| s == "Hidden layer 12"));
    assert!(t.iter().any(|s| s == "‖δ¹²‖ = 0.100"));
    let bars_drawn =
        filled_rects(&svg, POSITIVE_BAR_COLOR).len() + filled_rects(&svg, NEGATIVE_BAR_COLOR).len();
    assert_eq!(bars_drawn, 72);
}

/// Two layers over 10 epochs; layer 1 passes through 0.01, 0.1 and 1.
fn two_layer_history() -> Vec<Vec<f64>> {
    let first = [0.01, 0.1, 1.0, 0.5, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01];
    first.iter().map(|&v| vec![v, v * 3.0]).collect()
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

    let t = texts(&svg);
    for want in [
        "Hidden layer 1",
        "Hidden layer 2",
        "Epoch",
        "Learning speed ‖δˡ‖",
    ] {
        assert!(t.iter().any(|s| s == want), "missing {want:?}");
    }
    assert!(!t.iter().any(|s| s == "Hidden layer 3" || s == EDIT_LABEL));
}

#[test]
fn bad_speeds_break_the_line() {
    let mut history = two_layer_history();
    history[4][1] = NAN;
    history[7][1] = 0.0;
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
    assert_eq!(lens(1), vec![2, 2, 2, 4], "epochs 0-3, 5-6, 8-9");
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
        draw_speeds_titled(a, &twelve, &[5], "Learning speeds, 12 hidden layers")
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
fn accuracy_and_cost_share_the_epoch_axis() {
    let acc = [0.1, 0.5, 0.9, 0.95];
    let cost = [2.0, 1.0, 0.5, 0.25];
    let svg = svg_string(1000, 600, |a| draw_accuracy(a, &acc, &cost)).unwrap();
    keep("accuracy", &svg);
    let a = polylines(&svg, ACCURACY_COLOR)
        .into_iter()
        .find(|p| p.len() == 4)
        .unwrap();
    let c = polylines(&svg, COST_COLOR)
        .into_iter()
        .find(|p| p.len() == 4)
        .unwrap();
    // Same epochs, same x (plotters maps the second axis within a pixel).
    for (p, q) in a.iter().zip(&c) {
        assert!((p.0 - q.0).abs() <= 1.0);
    }
    // Linear accuracy axis: 10% → 50% climbs as much as 50% → 90%.
    let (up1, up2) = (a[0].1 - a[1].1, a[1].1 - a[2].1);
    assert!(up1 > 50.0 && (up1 - up2).abs() <= 1.0, "{up1} vs {up2}");
    // Linear cost axis: 2 → 1 drops twice as far as 1 → 0.5.
    let (d1, d2) = (c[1].1 - c[0].1, c[2].1 - c[1].1);
    assert!((d1 - 2.0 * d2).abs() <= 1.5, "{d1} vs {d2}");
    let t = texts(&svg);
    for want in [
        "Epoch",
        "Validation accuracy (%)",
        "Cost",
        "Validation accuracy",
    ] {
        assert!(t.iter().any(|s| s == want), "missing {want:?}");
    }
    let tick = elements(&svg, "text")
        .into_iter()
        .find(|t| t.text == "50")
        .unwrap();
    assert!(
        (tick.num("y") - a[1].1).abs() <= 1.0,
        "50% tick level with 0.5"
    );

    let no_cost = svg_string(1000, 600, |a| draw_accuracy(a, &acc, &[])).unwrap();
    assert!(!texts(&no_cost).iter().any(|s| s == "Cost"));
    assert!(polylines(&no_cost, COST_COLOR).is_empty());
}

#[test]
fn odd_accuracies_render() {
    let cases: [(&[f64], &[f64]); 5] = [
        (&[], &[]),
        (&[NAN, INF, 1.5, -0.1], &[NAN, -INF]),
        (&[0.5], &[f64::MAX, -1e308, 1e300]),
        (&[0.2, NAN, 0.4, 0.6], &[1e-300, 2e-300]),
        (&[], &[3.0, 2.0]),
    ];
    for (acc, cost) in cases {
        let svg = svg_string(800, 500, |a| draw_accuracy(a, acc, cost)).unwrap();
        assert!(svg.contains("Epoch") && !svg.contains("NaN"));
    }
    // NaN at epoch 1 splits the accuracy line into 1 + 2 points.
    let svg = svg_string(800, 500, |a| draw_accuracy(a, &[0.2, NAN, 0.4, 0.6], &[])).unwrap();
    let mut lens: Vec<usize> = polylines(&svg, ACCURACY_COLOR)
        .iter()
        .map(Vec::len)
        .collect();
    lens.sort();
    assert_eq!(lens, vec![1, 2, 2], "epoch 0, epochs 2-3, legend swatch");
}

#[test]
fn tiny_drawing_areas_do_not_panic() {
    let h = two_layer_history();
    let bars = vec![vec![0.1, -0.2]];
    for (w, ht) in [(0, 0), (1, 1), (10, 10), (60, 40), (3000, 20)] {
        let results: [Result<String, ChartError>; 4] = [
            svg_string(w, ht, |a| draw_bars(a, &bars, &[0.1])),
            svg_string(w, ht, |a| draw_speeds(a, &h, &[2])),
            svg_string(w, ht, |a| draw_speeds_titled(a, &h, &[2], "A title")),
            svg_string(w, ht, |a| draw_accuracy(a, &[0.5, 0.6], &[1.0, 0.5])),
        ];
        // An error is acceptable for an area too small to hold a chart; a panic is not.
        for r in results {
            match r {
                Ok(svg) => assert!(svg.starts_with("<svg")),
                Err(e) => eprintln!("{w}x{ht}: {e}"),
            }
        }
    }
}

#[test]
fn layer_colours_are_distinct() {
    let colours: Vec<RGBColor> = (0..14).map(layer_color).collect();
    for i in 0..colours.len() {
        for j in 0..i {
            assert_ne!(colours[i], colours[j], "layers {i} and {j}");
        }
        let c = colours[i];
        let brightness = 0.299 * c.0 as f64 + 0.587 * c.1 as f64 + 0.114 * c.2 as f64;
        assert!(brightness < 200.0, "layer {i} is readable on white");
    }
}

#[test]
fn book_figures_render() {
    // The book's [784, 30, 30, 30, 30, 10] network at initialisation: each
    // hidden layer learns roughly 4-5× slower than the one after it.
    let speeds = [0.00302, 0.0171, 0.0699, 0.285];
    let pattern = [0.6, -0.35, 1.0, 0.15, -0.8, 0.45];
    let bars: Vec<Vec<f64>> = speeds
        .iter()
        .map(|s| pattern.iter().map(|p| p * s * 0.9).collect())
        .collect();
    let svg = bars_svg(1200, 600, &bars, &speeds);
    keep("bars", &svg);
    assert!(texts(&svg).iter().any(|t| t == "‖δ¹‖ = 0.00302"));

    let history: Vec<Vec<f64>> = (0..=30)
        .map(|e| {
            let t = e as f64;
            speeds
                .iter()
                .enumerate()
                .map(|(l, s)| {
                    s * (1.0 + 0.8 * (-(t - 3.0 * l as f64).powi(2) / 40.0).exp())
                        * (1.0 - t / 60.0)
                })
                .collect()
        })
        .collect();
    let svg = svg_string(1000, 560, |a| {
        draw_speeds_titled(
            a,
            &history,
            &[12],
            "Learning speeds, [784, 30, 30, 30, 30, 10]",
        )
    })
    .unwrap();
    keep("speeds-book", &svg);
    assert_eq!(
        polylines(&svg, layer_color(3))
            .iter()
            .filter(|p| p.len() == 31)
            .count(),
        1
    );

    let acc: Vec<f64> = (0..=30)
        .map(|e| 0.9 + 0.06 * (1.0 - (-(e as f64) / 6.0).exp()))
        .collect();
    let cost: Vec<f64> = (0..=30)
        .map(|e| 0.2 + 0.4 * (-(e as f64) / 5.0).exp())
        .collect();
    let svg = svg_string(1000, 560, |a| draw_accuracy(a, &acc, &cost)).unwrap();
    keep("accuracy-book", &svg);
    assert_eq!(
        polylines(&svg, ACCURACY_COLOR)
            .iter()
            .filter(|p| p.len() == 31)
            .count(),
        1
    );
}
