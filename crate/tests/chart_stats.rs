//! The charts of issue 13: the factors ‖δˡ‖/‖δˡ⁺¹‖ on a log axis with the line at 1 and the chain's
//! colours, the activations' percentile bands with the saturated share, and every neuron's
//! |∂C/∂b| spread — the points land where the values say.

mod common;

use common::svg::{elements, filled_rects, hex, keep, polylines, texts};
use gradscope::chart::bands::StatsHistory;
use gradscope::chart::bars::{draw_bars, draw_bars_of, NEGATIVE_BAR_COLOR, POSITIVE_BAR_COLOR};
use gradscope::chart::chain::{GROW_COLOR, SHRINK_COLOR};
use gradscope::chart::factors::draw_factors;
use gradscope::chart::gradients::draw_gradients;
use gradscope::chart::saturation::draw_saturation;
use gradscope::chart::{layer_color, svg_string, Style};
use gradscope::stats::Stats;
use gradscope::Activation;

/// Three hidden layers: factors per epoch, and fixed ingredients and spreads.
fn stats(factors: [Option<f64>; 2], median: f64, zero_p10: bool) -> Stats {
    Stats {
        factors: factors.to_vec(),
        sigma_prime_mean: vec![0.2, 0.19, 0.21],
        weight_norms: vec![1.0, 0.98, 0.53],
        activation_percentiles: vec![[0.2, median, 0.8]; 3],
        saturated: vec![0.0, 0.25, 0.5],
        gradient_percentiles: vec![[if zero_p10 { 0.0 } else { 1e-4 }, 1e-3, 1e-2]; 3],
    }
}

fn history() -> Vec<Stats> {
    vec![
        stats([Some(0.2), Some(0.5)], 0.5, false),
        stats([Some(0.3), Some(2.0)], 0.5, false),
        stats([None, Some(4.0)], 0.5, true),
    ]
}

fn svg(draw: impl Fn(&StatsHistory) -> String) -> String {
    let all = history();
    let refs: Vec<(usize, &Stats)> = all.iter().enumerate().collect();
    draw(&StatsHistory {
        stats: &refs,
        epochs: None,
    })
}

#[test]
fn factors_sit_on_a_log_axis_around_the_line_at_one() {
    let svg = svg(|h| svg_string(1000, 600, |a| draw_factors(a, &Style::default(), h)).unwrap());
    keep("factors", &svg);
    // Pair 1 has epochs 0 and 1 (epoch 2's factor is undefined): one 2-point line; pair 2 three
    // (the legend's swatches are the horizontal ones).
    let data = |l| -> Vec<Vec<(f64, f64)>> {
        let sloped = |p: &Vec<(f64, f64)>| p.len() > 1 && p.iter().any(|q| q.1 != p[0].1);
        polylines(&svg, layer_color(l))
            .into_iter()
            .filter(sloped)
            .collect()
    };
    let (first, second) = (data(0), data(1));
    assert_eq!(
        first.iter().map(Vec::len).collect::<Vec<_>>(),
        [2],
        "{first:?}"
    );
    let line = second
        .iter()
        .find(|p| p.len() == 3)
        .expect("pair 2's 3-point line");
    // On a log axis 0.5, 2 and 4 are −1, +1 and +2 octaves from 1: equal steps from 0.5→2 and 2→4
    // differ by a factor 2 in pixels ((log 2 − log 0.5) = 2·(log 4 − log 2)).
    let (y05, y2, y4) = (line[0].1, line[1].1, line[2].1);
    assert!(((y05 - y2) / (y2 - y4) - 2.0).abs() < 0.05, "{line:?}");
    // The line at 1 lies halfway between 0.5 and 2.
    let one = polylines(&svg, plotters::style::RGBColor(0x33, 0x33, 0x33))
        .into_iter()
        .find(|p| p.len() == 2 && (p[0].1 - p[1].1).abs() < 0.5)
        .expect("a horizontal line at 1");
    assert!(
        (one[0].1 - (y05 + y2) / 2.0).abs() < 1.5,
        "{one:?} vs {line:?}"
    );
    // The regions below and above 1 are tinted in the chain's shrink and grow colours.
    for c in [SHRINK_COLOR, GROW_COLOR] {
        assert!(
            elements(&svg, "rect")
                .iter()
                .any(|r| r.get("fill") == hex(c)),
            "{c:?}"
        );
    }
    // The legend reads out the latest factors and their ingredients.
    let t = texts(&svg);
    for want in [
        "‖δ¹‖/‖δ²‖ = –",
        "‖δ²‖/‖δ³‖ = 4.00",
        "σ′ 0.200 · w 1.00",
        "σ′ 0.190 · w 0.980",
        "shrinks (&lt; 1)",
        "grows (&gt; 1)",
    ] {
        assert!(t.iter().any(|s| s == want), "missing {want:?} in {t:?}");
    }
}

#[test]
fn saturation_draws_bands_medians_and_the_saturated_share() {
    let svg = svg(|h| {
        svg_string(1000, 600, |a| {
            draw_saturation(a, &Style::default(), h, Activation::Sigmoid)
        })
        .unwrap()
    });
    keep("saturation", &svg);
    for l in 0..3 {
        // The median 0.5 of every epoch: a flat 3-point line.
        let flat = polylines(&svg, layer_color(l))
            .into_iter()
            .any(|p| p.len() == 3 && p.iter().all(|q| (q.1 - p[0].1).abs() < 0.5));
        assert!(flat, "layer {l}'s median line");
    }
    let bands = elements(&svg, "polygon").len();
    assert!(bands >= 3, "one band per layer: {bands}");
    let t = texts(&svg);
    assert!(
        t.iter().any(|s| s == "Saturated (%)") && t.iter().any(|s| s.starts_with("Hidden layer 3"))
    );
}

#[test]
fn gradient_spreads_put_zero_on_the_floor() {
    let svg = svg(|h| svg_string(1000, 600, |a| draw_gradients(a, &Style::default(), h)).unwrap());
    keep("gradients", &svg);
    // Each layer's median 1e-3 is flat; its band's polygon reaches the floor where p10 = 0.
    for l in 0..3 {
        assert!(
            polylines(&svg, layer_color(l)).iter().any(|p| p.len() == 3),
            "layer {l}"
        );
    }
    assert!(texts(&svg).iter().any(|s| s.starts_with("|∂C/∂bⱼ|")));
}

#[test]
fn empty_histories_draw_frames() {
    let none = StatsHistory::default();
    let style = Style::default();
    svg_string(400, 200, |a| draw_factors(a, &style, &none)).unwrap();
    svg_string(400, 200, |a| {
        draw_saturation(a, &style, &none, Activation::Relu)
    })
    .unwrap();
    svg_string(400, 200, |a| draw_gradients(a, &style, &none)).unwrap();
}

#[test]
fn all_bars_draw_every_neuron_the_book_six() {
    // Two layers of 30 neurons, ∂C/∂b alternating in sign and never 0: one bar per neuron.
    let bars: Vec<Vec<f64>> = (0..2)
        .map(|l| {
            (0..30)
                .map(|j| if j % 2 == 0 { 1.0 + l as f64 } else { -0.5 })
                .collect()
        })
        .collect();
    let speeds = [0.1, 0.3];
    let count = |svg: &str| {
        filled_rects(svg, POSITIVE_BAR_COLOR).len() + filled_rects(svg, NEGATIVE_BAR_COLOR).len()
    };
    let style = Style::default();
    let six = svg_string(900, 520, |a| draw_bars(a, &style, &bars, &speeds, None)).unwrap();
    let all = svg_string(900, 520, |a| {
        draw_bars_of(a, &style, (&bars, usize::MAX), &speeds, None)
    })
    .unwrap();
    keep("bars-all", &all);
    assert_eq!(count(&six), 12, "the book's first six per layer");
    assert_eq!(count(&all), 60, "every neuron of both layers");
}

#[test]
fn statistics_of_a_fast_run_bridge_the_epochs_it_skipped() {
    // A fast run to epoch 25 measures statistics at 0, 10, 20 and 25 only (cadence.rs).
    let all = [
        stats([Some(0.2), Some(0.5)], 0.4, false),
        stats([Some(0.3), Some(2.0)], 0.5, false),
        stats([Some(0.4), Some(4.0)], 0.6, false),
        stats([Some(0.5), Some(1.0)], 0.7, false),
    ];
    let refs: Vec<(usize, &Stats)> = [0, 10, 20, 25].into_iter().zip(all.iter()).collect();
    let history = StatsHistory {
        stats: &refs,
        epochs: None,
    };
    let xs = |line: &Vec<(f64, f64)>| line.iter().map(|p| p.0).collect::<Vec<f64>>();
    // x proportional to the epoch: 0 → 10 as wide as 10 → 20, twice 20 → 25.
    let proportional = |x: &[f64]| {
        let (d1, d2, d3) = (x[1] - x[0], x[2] - x[1], x[3] - x[2]);
        (d1 - d2).abs() <= 1.0 && (d2 - 2.0 * d3).abs() <= 1.5
    };
    let factors = svg_string(1000, 600, |a| draw_factors(a, &Style::default(), &history)).unwrap();
    let line = polylines(&factors, layer_color(0))
        .into_iter()
        .find(|p| p.len() == 4)
        .expect("one factor line through the four measured epochs");
    assert!(proportional(&xs(&line)), "{line:?}");
    let saturation = svg_string(1000, 600, |a| {
        draw_saturation(a, &Style::default(), &history, Activation::Sigmoid)
    })
    .unwrap();
    keep("saturation-every-10", &saturation);
    let median = polylines(&saturation, layer_color(0))
        .into_iter()
        .find(|p| p.len() == 4)
        .expect("one median line through the four measured epochs");
    assert!(proportional(&xs(&median)), "{median:?}");
}
