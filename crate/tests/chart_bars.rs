//! The gradient-bar chart: bar lengths on one scale, colours, zero lines, labels,
//! and odd gradients (zero, non-finite, extreme, many layers).

mod common;

use common::svg::{elements, filled_rects, hex, keep, texts, El};
use common::{bars_svg, INF, NAN};
use gradscope::chart::bars::{NEGATIVE_BAR_COLOR, POSITIVE_BAR_COLOR};

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

#[test]
fn a_fixed_scale_keeps_bars_to_epoch_0_and_clips_longer_ones_with_a_marker() {
    use gradscope::chart::bars::draw_bars;
    use gradscope::chart::{svg_string, Style};
    // Epoch 0's largest |∂C/∂b| was 0.04: a bar of 0.01 is a quarter of the width, 0.02 half,
    // and 0.08 (twice the scale) stops at the full width with a marker.
    let bars = vec![vec![0.01, 0.02, 0.08]];
    let draw = |scale| {
        svg_string(1200, 600, |a| {
            draw_bars(a, &Style::default(), &bars, &[0.05], scale)
        })
        .unwrap()
    };
    let fixed = draw(Some(0.04));
    keep("bars-fixed", &fixed);
    let widths: Vec<f64> = {
        let mut rects = filled_rects(&fixed, POSITIVE_BAR_COLOR);
        rects.sort_by(|a, b| a.num("y").partial_cmp(&b.num("y")).unwrap());
        rects.iter().map(|r| r.num("width")).collect()
    };
    assert!((widths[1] / widths[0] - 2.0).abs() < 0.05, "{widths:?}");
    assert!(
        (widths[2] / widths[0] - 4.0).abs() < 0.1,
        "0.08 clipped to 0.04: {widths:?}"
    );
    assert_eq!(
        elements(&fixed, "polygon").len(),
        1,
        "one clipped bar, one marker"
    );
    assert!(texts(&fixed)
        .iter()
        .any(|t| t.starts_with("Bar scale: scale of epoch 0 (full width = 0.04")));
    // Auto: the largest bar (0.08) is the full width, nothing is clipped.
    let auto = draw(None);
    assert_eq!(elements(&auto, "polygon").len(), 0);
    assert!(texts(&auto)
        .iter()
        .any(|t| t.starts_with("Bar scale: auto (full width = 0.08")));
    // A scale that is no scale (0, negative, not finite) is auto.
    for odd in [0.0, -1.0, NAN, INF] {
        assert_eq!(draw(Some(odd)), auto, "scale {odd}");
    }
}
