#![cfg(not(target_arch = "wasm32"))]
//! No chart panics, whatever the numbers (issue 15): the chain that broke a log axis, and a
//! proptest over every public chart function with NaN, ±∞, 0, 1e-300, 1e300, negatives, empty
//! and single-point data on areas of any size and in any style. `chart_robustness.rs` covers
//! tiny areas with sensible data; here the data is hostile. Ok or a `ChartError` both pass.

mod common;

use common::by_epoch;
use common::svg::texts;
use gradscope::chain::{Chain, ChainGradient, MAX_DEPTH};
use gradscope::chart::accuracy::draw_accuracy;
use gradscope::chart::bands::StatsHistory;
use gradscope::chart::bars::{draw_bars, draw_bars_of};
use gradscope::chart::chain::{draw_chain, factor_color};
use gradscope::chart::factors::draw_factors;
use gradscope::chart::gradients::draw_gradients;
use gradscope::chart::identity::draw_identity;
use gradscope::chart::problem123::{draw_factor, draw_width_bound};
use gradscope::chart::saturation::draw_saturation;
use gradscope::chart::speeds::{draw_speeds, Speeds, Trace};
use gradscope::chart::{layer_color, layer_name, svg_string, ChartError, Style};
use gradscope::stats::Stats;
use gradscope::Activation;
use gradscope::Cost;
use proptest::prelude::*;

#[test]
fn chain_with_a_vanishing_weight_draws() {
    // Issue 15: w₂ = 1e-300 put |∂C/∂b₁| ≈ 3e-302 on a log axis whose top/bottom ratio
    // overflowed to ∞; plotters' tick search then divided by zero.
    let chain = Chain {
        w: vec![1.0, 1e-300],
        b: vec![0.0, 0.0],
        a0: 0.5,
        y: 0.0,
        cost: Cost::Quadratic,
    };
    let g = chain.gradient();
    let svg = svg_string(900, 600, |a| draw_chain(a, &Style::default(), &chain, &g)).unwrap();
    // By hand: z₁ = 0.5, σ′(0.5) = σ(0.5)(1 − σ(0.5)) = 0.62246 × 0.37754 = 0.23500; z₂ ≈ 0,
    // σ′(0) = 0.25; ∂C/∂a₂ = a₂ − y = 0.5; ∂C/∂b₁ = 0.23500 × 1e-300 × 0.25 × 0.5 = 2.94e-302.
    assert!(
        texts(&svg).iter().any(|t| t == "2.94e−302"),
        "{:?}",
        texts(&svg)
    );
}

/// Any f64, weighted towards the values that break axes.
fn odd() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::sample::select(vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            1e-300,
            -1e-300,
            5e-324,
            f64::MIN_POSITIVE,
            1e300,
            -1e300,
            f64::MAX,
            f64::MIN,
            1.0,
        ]),
        any::<f64>(),
        -10.0..10.0f64,
        0.0..1.0f64,
    ]
}

/// Up to `n` odd values (empty and single-point vectors included).
fn odds(n: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(odd(), 0..=n)
}

/// A drawing area from nothing to a large screen, and any line and text scales.
fn canvas() -> impl Strategy<Value = ((u32, u32), Style)> {
    let size = (0..1600u32, 0..1000u32);
    (size, odd(), odd()).prop_map(|(size, line, text)| (size, Style { line, text }))
}

/// A chain gradient with any numbers in it, as a caller of `draw_chain` could pass.
fn gradient() -> impl Strategy<Value = ChainGradient> {
    let vecs = (odds(12), odds(12), odds(12), odds(12), odds(12), odds(12));
    (vecs, odd(), odd()).prop_map(
        |((z, a, sigma_prime, factors, grad_b, grad_w), dc_da, cost)| ChainGradient {
            z,
            a,
            sigma_prime,
            factors,
            dc_da,
            grad_b,
            grad_w,
            cost,
        },
    )
}

/// A drawing either worked or failed with an error; reaching here means it did not panic.
fn drawn(r: Result<String, ChartError>) {
    if let Ok(svg) = r {
        assert!(svg.starts_with("<svg"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn bars_never_panic(
        ((w, h), style) in canvas(),
        bars in prop::collection::vec(odds(8), 0..6),
        speeds in odds(6),
        scale in prop::option::of(odd()),
    ) {
        drawn(svg_string(w, h, |a| draw_bars(a, &style, &bars, &speeds, scale)));
        drawn(svg_string(w, h, |a| draw_bars(a, &style, &bars, &speeds, None)));
        drawn(svg_string(w, h, |a| draw_bars_of(a, &style, (&bars, usize::MAX), &speeds, scale)));
    }

    #[test]
    fn speeds_never_panic(
        ((w, h), style) in canvas(),
        history in prop::collection::vec(odds(5), 0..45),
        edits in prop::collection::vec(prop_oneof![0..50usize, any::<usize>()], 0..4),
        title in prop_oneof![Just(String::new()), ".{0,40}"],
        epochs in prop::option::of(prop_oneof![0..100_000usize, any::<usize>()]),
        runs in prop::collection::vec((".{0,50}", prop::collection::vec(odds(5), 0..45)), 0..8),
        notes in prop::array::uniform3(prop_oneof![Just(String::new()), "( · |.{0,12}){0,8}"]),
    ) {
        let plain = Speeds { history: &history, edits: &edits, ..Speeds::default() };
        drawn(svg_string(w, h, |a| draw_speeds(a, &style, &plain)));
        let traces: Vec<Trace> = runs.iter().map(|(label, history)| Trace { label, history }).collect();
        let [now, shared, usual] = &notes;
        let full = Speeds { title: &title, epochs, runs: &traces, now, shared, usual, ..plain };
        drawn(svg_string(w, h, |a| draw_speeds(a, &style, &full)));
    }

    #[test]
    fn accuracy_never_panics(((w, h), style) in canvas(), accuracy in odds(45), cost in odds(45)) {
        drawn(svg_string(w, h, |a| draw_accuracy(a, &style, &by_epoch(&accuracy), &by_epoch(&cost))));
    }

    #[test]
    fn chain_never_panics(
        ((w, h), style) in canvas(),
        (depth, a0, y, quadratic) in (1..=MAX_DEPTH, odd(), odd(), any::<bool>()),
        (ws, bs) in (odds(MAX_DEPTH), odds(MAX_DEPTH)),
        other in gradient(),
    ) {
        let pad = |v: &[f64]| (0..depth).map(|j| v.get(j).copied().unwrap_or(1.0)).collect();
        let cost = if quadratic { Cost::Quadratic } else { Cost::CrossEntropy };
        let chain = Chain { w: pad(&ws), b: pad(&bs), a0, y, cost };
        let own = chain.gradient();
        drawn(svg_string(w, h, |a| draw_chain(a, &style, &chain, &own)));
        // A gradient that does not belong to the chain (any lengths, any numbers).
        let odd_chain = Chain { w: ws, b: bs, a0, y, cost };
        drawn(svg_string(w, h, |a| draw_chain(a, &style, &odd_chain, &other)));
    }

    #[test]
    fn problem123_and_identity_never_panic(((w, h), style) in canvas(), (x, y, z) in (odd(), odd(), odd())) {
        drawn(svg_string(w, h, |a| draw_factor(a, &style, x, y)));
        drawn(svg_string(w, h, |a| draw_width_bound(a, &style, x)));
        drawn(svg_string(w, h, |a| draw_identity(a, &style, x, y, z)));
    }

    #[test]
    fn stats_charts_never_panic(
        ((w, h), style) in canvas(),
        rows in prop::collection::vec((odds(4), odds(5), odds(15), prop::collection::vec(any::<bool>(), 0..4)), 0..30),
        epochs in prop::option::of(prop_oneof![0..100_000usize, any::<usize>()]),
        relu in any::<bool>(),
    ) {
        // Any numbers, any lengths (lists that disagree on the number of layers included).
        let three = |v: &[f64]| v.chunks_exact(3).map(|c| [c[0], c[1], c[2]]).collect::<Vec<_>>();
        let all: Vec<Stats> = rows.iter().map(|(f, p, q, none)| Stats {
            factors: f.iter().zip(none.iter().chain([false; 4].iter())).map(|(&x, &n)| (!n).then_some(x)).collect(),
            sigma_prime_mean: p.clone(),
            weight_norms: p.iter().rev().copied().collect(),
            activation_percentiles: three(q),
            saturated: p.clone(),
            gradient_percentiles: three(&q[q.len().min(3)..]),
        }).collect();
        // Every third epoch: statistics at full speed skip epochs (cadence.rs).
        let refs: Vec<(usize, &Stats)> = all.iter().enumerate().map(|(i, s)| (3 * i, s)).collect();
        let history = StatsHistory { stats: &refs, epochs };
        let act = if relu { Activation::Relu } else { Activation::Tanh };
        drawn(svg_string(w, h, |a| draw_factors(a, &style, &history)));
        drawn(svg_string(w, h, |a| draw_saturation(a, &style, &history, act)));
        drawn(svg_string(w, h, |a| draw_gradients(a, &style, &history)));
    }

    #[test]
    fn colours_and_names_never_panic(l in prop_oneof![0..100usize, Just(usize::MAX), any::<usize>()], f in odd()) {
        layer_color(l);
        prop_assert!(layer_name(l).starts_with("Hidden layer "));
        factor_color(f);
    }
}
