//! The chain charts: the chain figure with eq. (122) and its log bars,
//! problem (123)'s factor and width, and the identity neuron — hand values
//! read back from the SVG, and odd inputs that must never panic or print NaN.

mod common;

use common::svg::{elements, filled_rects, hex, keep, polylines, texts, El};
use common::{INF, NAN};
use gradscope::chain::{Chain, ChainGradient, Preset};
use gradscope::chart::chain::{draw_chain, factor_color, GROW_COLOR, NEUTRAL_COLOR};
use gradscope::chart::chain::{LEGEND, SHRINK_COLOR};
use gradscope::chart::identity::{draw_identity, OFF_CHART};
use gradscope::chart::problem123::{draw_factor, draw_width_bound, CURVE_COLOR, NEVER_TEXT};
use gradscope::chart::{svg_string, ChartError, Style};
use gradscope::identity::taylor_choice;
use gradscope::problem123::{interval, width};
use gradscope::Cost;
use plotters::style::RGBColor;

fn chain_svg(chain: &Chain, g: &ChainGradient, w: u32, h: u32) -> String {
    svg_string(w, h, |a| draw_chain(a, &Style::default(), chain, g)).expect("chain renders")
}

fn chain(w: Vec<f64>, b: Vec<f64>, a0: f64, y: f64, cost: Cost) -> Chain {
    Chain { w, b, a0, y, cost }
}

fn explode(depth: usize) -> Chain {
    Chain::preset(Preset::Explode, depth, 0.3, 0.0, Cost::Quadratic, 0).unwrap()
}

/// The number in a label such as "× −0.328", "(−25)" or "1.04e−4".
fn number(s: &str) -> f64 {
    let s = s.replace('−', "-");
    let t = s.trim_matches(|c: char| !(c.is_ascii_digit() || c == '-' || c == '.'));
    t.parse().unwrap_or_else(|_| panic!("no number in {s:?}"))
}

/// Whether some `<text>` of `svg` reads exactly `want` (with `<` escaped as SVG does).
fn has(svg: &str, want: &str) -> bool {
    let want = want.replace('<', "&lt;").replace('>', "&gt;");
    texts(svg).contains(&want)
}

/// The rest of the first `<text>` of `svg` that starts with `head`.
fn after(svg: &str, head: &str) -> String {
    let all = texts(svg);
    let t = all.iter().find(|t| t.starts_with(head));
    t.unwrap_or_else(|| panic!("no {head:?} in {all:?}"))[head.len()..].to_string()
}

/// The factor labels ("× 25") drawn in colour `c`.
fn factor_labels(svg: &str, c: RGBColor) -> Vec<String> {
    let (fill, all) = (hex(c), elements(svg, "text").into_iter());
    let labels = all.filter(|t| t.get("fill") == fill && t.text.starts_with('×'));
    labels.map(|t| t.text).collect()
}

/// Pixel row of the right-aligned (y axis) tick label `s`.
fn tick_row(svg: &str, s: &str) -> f64 {
    let ticks = elements(svg, "text").into_iter();
    let mut ticks = ticks.filter(|t| t.get("text-anchor") == "end" && t.text == s);
    ticks.next().map(|t| t.num("y")).expect("tick")
}

/// Points on the curves of `svg`.
fn curve_points(svg: &str) -> usize {
    polylines(svg, CURVE_COLOR).iter().map(Vec::len).sum()
}

/// Asserts that no text of `svg` spells out a non-finite number.
fn assert_no_nan(svg: &str) {
    for t in texts(svg) {
        let lower = t.to_lowercase();
        assert!(!lower.contains("nan") && !lower.contains("inf"), "{t:?}");
    }
}

#[test]
fn exploding_chain_shows_growing_factors_and_the_product() {
    let chain = explode(4);
    let svg = chain_svg(&chain, &chain.gradient(), 1200, 800);
    keep("chain-explode", &svg);
    assert_eq!(factor_labels(&svg, GROW_COLOR), ["× 25"; 3]);
    assert!(factor_labels(&svg, SHRINK_COLOR).is_empty());
    for want in "w₁ w₄ σ′(z₁) σ′(z₄) b₁ b₄ ∂C/∂a₄ a₀ C 0.125".split(' ') {
        assert!(has(&svg, want), "missing {want:?}");
    }
    let centred = elements(&svg, "text").into_iter();
    let centred: Vec<El> = centred
        .filter(|t| t.get("text-anchor") == "middle")
        .collect();
    let count = |s: &str| centred.iter().filter(|t| t.text == s).count();
    // One label per weight, and one per σ′.
    assert_eq!([count("100"), count("0.25")], [4, 4]);
    let product = after(&svg, "∂C/∂b₁ = ");
    assert_eq!(product, "0.25 × 25 × 25 × 25 × ∂C/∂a₄(= 0.5) = 1953");
    assert_eq!(product.matches("× 25").count(), 3);
    assert!(LEGEND.iter().all(|(label, _)| has(&svg, label)));
}

#[test]
fn random_chain_factors_shrink_and_match_their_colour() {
    let chain = Chain::preset(Preset::Random, 6, 0.3, 0.0, Cost::Quadratic, 1).unwrap();
    let g = chain.gradient();
    let svg = chain_svg(&chain, &g, 1200, 800);
    keep("chain-random", &svg);
    let shrinking = factor_labels(&svg, SHRINK_COLOR);
    assert!(!shrinking.is_empty(), "factors below 1");
    let mut labels: Vec<(f64, RGBColor)> = vec![];
    for c in [SHRINK_COLOR, GROW_COLOR, NEUTRAL_COLOR] {
        labels.extend(factor_labels(&svg, c).iter().map(|t| (number(t), c)));
    }
    assert_eq!(labels.len(), 5, "one factor per layer after the first");
    for (v, c) in &labels {
        let want = [GROW_COLOR, SHRINK_COLOR][usize::from(v.abs() < 1.0)];
        assert_eq!(*c, want, "{v}");
        let near = |f: &f64| (f - v).abs() <= 0.005 * f.abs();
        assert!(g.factors[1..].iter().any(near), "{v} in {:?}", g.factors);
    }
    let colours = [1.0, -1.5, -0.5, NAN].map(factor_color);
    let want = [NEUTRAL_COLOR, GROW_COLOR, SHRINK_COLOR, NEUTRAL_COLOR];
    assert_eq!(colours, want, "= 1, > 1, < 1, not a number");
}

#[test]
fn log_bars_step_by_log10_25_per_layer() {
    let chain = explode(4);
    let svg = chain_svg(&chain, &chain.gradient(), 1200, 800);
    let mut bars = filled_rects(&svg, GROW_COLOR);
    assert_eq!(bars.len(), 3, "layers 1-3 are multiplied by a factor 25");
    bars.extend(filled_rects(&svg, NEUTRAL_COLOR));
    assert_eq!(bars.len(), 4, "the last layer is neutral");
    bars.sort_by(|a, b| a.num("x").total_cmp(&b.num("x")));
    let bottom = bars[0].num("y") + bars[0].num("height");
    let decade = tick_row(&svg, "10") - tick_row(&svg, "100");
    let step = 25f64.log10() * decade;
    for pair in bars.windows(2) {
        assert_eq!(pair[1].num("y") + pair[1].num("height"), bottom);
        let dy = pair[0].num("height") - pair[1].num("height");
        assert!((dy - step).abs() <= 2.0, "step {dy} px, want {step}");
    }
    // |∂C/∂b₁| = 0.25 · 25³ · 0.5 = 1953.1 sits log10(19.53) decades above 100.
    let want = tick_row(&svg, "100") - (1953.125f64 / 100.0).log10() * decade;
    assert!((bars[0].num("y") - want).abs() <= 2.0);
    for label in ["1953", "78.1", "3.12", "0.125"] {
        assert!(has(&svg, label), "{label}");
    }
}

#[test]
fn deep_and_extreme_chains_print_no_nan() {
    let deep = explode(10);
    let svg = chain_svg(&deep, &deep.gradient(), 1200, 800);
    keep("chain-explode10", &svg);
    let all = texts(&svg);
    let first = all.iter().position(|t| t.starts_with("∂C/∂b₁ =")).unwrap();
    // 0.25 · 25⁹ · 0.5 = 4.77e11, on one line or two (the first ending in ×).
    let one = &all[first];
    let product = match one.ends_with('×') {
        true => format!("{one} {}", all[first + 1]),
        false => one.clone(),
    };
    assert!(product.ends_with("= 4.77e11"), "{product}");
    assert_eq!(product.matches("× 25").count(), 9, "{product}");
    assert_eq!(filled_rects(&svg, GROW_COLOR).len(), 9);

    let signs = |v: f64| (0..10).map(|j| if j % 2 == 0 { v } else { -v }).collect();
    for (w, b) in [(2e2, 2e2), (-2e2, 2e2), (2e2, -2e2), (-2e2, -2e2)] {
        for cost in [Cost::Quadratic, Cost::CrossEntropy] {
            for (ws, bs) in [(vec![w; 10], vec![b; 10]), (signs(w), signs(b))] {
                let c = chain(ws, bs, 1.0, 0.0, cost);
                let svg = chain_svg(&c, &c.gradient(), 1000, 700);
                assert_no_nan(&svg);
                after(&svg, "∂C/∂b₁ = ");
            }
        }
    }
    // Saturated neurons: σ′ underflows to 0, so ∂C/∂b₁ is exactly 0 and gets no bar.
    let c = chain(vec![200.0; 10], vec![200.0; 10], 1.0, 0.0, Cost::Quadratic);
    assert_eq!(c.gradient().grad_b[0], 0.0);
    assert!(has(&chain_svg(&c, &c.gradient(), 1000, 700), "0"));
}

#[test]
fn non_finite_empty_and_odd_inputs_never_panic() {
    let (w, b) = (vec![NAN, INF, -INF, 1e300], vec![0.0, NAN, 1e300, -1e300]);
    let nan_chain = chain(w, b, NAN, INF, Cost::CrossEntropy);
    let svg = chain_svg(&nan_chain, &nan_chain.gradient(), 1200, 800);
    keep("chain-nan", &svg);
    assert_no_nan(&svg);
    assert!(has(&svg, "overflow"));

    // A gradient that does not match the chain (too short, or empty) leaves gaps, not panics.
    let mut empty = explode(1).gradient();
    (empty.sigma_prime, empty.factors, empty.grad_b) = (vec![], vec![], vec![]);
    for g in [explode(1).gradient(), empty.clone()] {
        assert_no_nan(&chain_svg(&explode(4), &g, 800, 500));
    }
    for (w, b) in [(vec![], vec![]), (vec![1.0; 11], vec![0.0; 11])] {
        let c = chain(w, b, 0.5, 0.0, Cost::Quadratic);
        let svg = chain_svg(&c, &empty, 800, 500);
        assert!(has(&svg, "A chain has 1 to 10 layers"));
    }

    let one = explode(1);
    let g = one.gradient();
    for (w, h) in [(0, 0), (1, 1), (30, 20), (120, 80), (3000, 40), (400, 3000)] {
        let results: [Result<String, ChartError>; 4] = [
            svg_string(w, h, |a| draw_chain(a, &Style::default(), &one, &g)),
            svg_string(w, h, |a| draw_factor(a, &Style::default(), 6.9, -3.45)),
            svg_string(w, h, |a| draw_width_bound(a, &Style::default(), 6.9)),
            svg_string(w, h, |a| {
                draw_identity(a, &Style::default(), 0.1, -0.05, 40.0)
            }),
        ];
        // An error is acceptable for an area too small to hold a chart; a panic is not.
        let drawn = results.into_iter().flatten();
        drawn.for_each(|svg| assert!(svg.starts_with("<svg")));
    }
    let odd = [NAN, INF, -INF, 0.0, 1e300, -1e300, 1e-300];
    for (x, y) in odd.iter().flat_map(|&x| odd.map(|y| (x, y))) {
        for svg in [
            svg_string(600, 400, |a| draw_factor(a, &Style::default(), x, y)),
            svg_string(600, 400, |a| draw_width_bound(a, &Style::default(), x)),
            svg_string(600, 400, |a| draw_identity(a, &Style::default(), x, y, x)),
            svg_string(600, 400, |a| draw_identity(a, &Style::default(), 0.5, x, y)),
        ] {
            assert_no_nan(&svg.expect("renders"));
        }
    }
}

#[test]
fn problem_123_factor_region_and_width() {
    let svg = svg_string(900, 600, |a| draw_factor(a, &Style::default(), 6.9, -3.45)).unwrap();
    keep("p123-factor", &svg);
    let shown = after(&svg, "width of the region ≥ 1: ");
    assert!((number(&shown) - 0.45).abs() < 0.005, "{shown}");
    let shade = filled_rects(&svg, GROW_COLOR);
    assert_eq!(shade.len(), 1, "the region ≥ 1 is shaded");
    // x pixels of a = 0 and a = 1 from the centred tick labels "0" and "1".
    let centred = elements(&svg, "text")
        .into_iter()
        .filter(|t| t.get("text-anchor") == "middle");
    let ticks: Vec<El> = centred.filter(|t| t.text == "0" || t.text == "1").collect();
    let (x0, x1) = (ticks[0].num("x"), ticks[1].num("x"));
    let (lo, hi) = interval(6.9, -3.45).unwrap();
    assert!((shade[0].num("x") - (x0 + lo * (x1 - x0))).abs() <= 2.0);
    assert!((shade[0].num("width") - (hi - lo) * (x1 - x0)).abs() <= 2.0);
    assert!(curve_points(&svg) >= 300);
    let dashes = polylines(&svg, NEUTRAL_COLOR).len();
    assert!(dashes > 5, "a dashed line at 1");

    let svg = svg_string(900, 600, |a| draw_factor(a, &Style::default(), 2.0, 0.0)).unwrap();
    keep("p123-factor-small-w", &svg);
    assert!(has(&svg, NEVER_TEXT));
    let shade = filled_rects(&svg, GROW_COLOR);
    assert!(shade.is_empty(), "nothing to shade");
    // The region may lie partly outside [0, 1]: its width is still printed.
    let svg = svg_string(900, 600, |a| draw_factor(a, &Style::default(), 8.0, 0.0)).unwrap();
    let shown = after(&svg, "width of the region ≥ 1: ");
    assert_eq!(shown, format!("{:.3}", width(8.0)));
}

#[test]
fn width_bound_marks_the_maximum_and_the_current_w() {
    let svg = svg_string(900, 600, |a| draw_width_bound(a, &Style::default(), 12.0)).unwrap();
    keep("p123-width", &svg);
    let max = after(&svg, "max ");
    let (value, rest) = max.split_once(' ').unwrap();
    assert!((number(value) - 0.45).abs() < 0.005, "{max}");
    assert_eq!(rest, "at |w| ≈ 6.9");
    assert!(has(&svg, "|w| = 12"));
    assert!(curve_points(&svg) >= 400);
    let svg = svg_string(900, 600, |a| draw_width_bound(a, &Style::default(), -250.0)).unwrap();
    assert!(has(&svg, "|w| = 250"), "clamped to the axis, named truly");
}

#[test]
fn identity_neuron_with_the_taylor_choice() {
    let (b, w2) = taylor_choice(0.1);
    let svg = svg_string(900, 600, |a| {
        draw_identity(a, &Style::default(), 0.1, b, w2)
    })
    .unwrap();
    keep("identity", &svg);
    assert!(has(&svg, "offset c = 19.5"));
    let worst = number(&after(&svg, "worst error after the offset: "));
    assert!(worst > 0.0 && worst < 0.001, "{worst}");
    assert!(curve_points(&svg) >= 300);

    let svg = svg_string(900, 600, |a| {
        draw_identity(a, &Style::default(), 4.0, -2.0, 1.0)
    })
    .unwrap();
    keep("identity-rough", &svg);
    assert!(has(&svg, "offset c = 0"));
    assert!(has(&svg, "worst error after the offset: 0.119"));
    // A large output still draws, on an axis that holds it; a huge one prints no NaN.
    let svg = svg_string(900, 600, |a| {
        draw_identity(a, &Style::default(), 200.0, -100.0, 1e5)
    })
    .unwrap();
    assert!(curve_points(&svg) >= 300);
    // c = (0 + (1e5 − 1))/2, the middle of w₂σ(w₁x + b) − x over [0, 1].
    assert_eq!(number(&after(&svg, "offset c = ")), 50000.0);
    assert!(!texts(&svg).iter().any(|t| t.starts_with(OFF_CHART)));
    let svg = svg_string(900, 600, |a| {
        draw_identity(a, &Style::default(), 200.0, -100.0, 1e9)
    })
    .unwrap();
    assert_eq!(after(&svg, OFF_CHART), "5.00e8");
    let svg = svg_string(900, 600, |a| {
        draw_identity(a, &Style::default(), 200.0, -100.0, 1e300)
    })
    .unwrap();
    assert_no_nan(&svg);
}

#[test]
fn rows_tell_the_page_what_the_figure_draws_and_long_numbers_wrap_on_a_narrow_figure() {
    use gradscope::chart::chain::rows;
    let projector = Style::new(2.0, 1.4); // the page's projector style (ui/chart-style.js)
    let mut wrapped_early = false;
    for preset in [Preset::Random, Preset::Explode, Preset::Balanced] {
        for depth in 1..=10 {
            let chain = Chain::preset(preset, depth, 0.5, 0.0, Cost::Quadratic, 1).unwrap();
            let g = chain.gradient();
            for (w, style) in [
                (484, Style::default()),
                (562, projector),
                (826, Style::default()),
            ] {
                let want = rows(&chain, &g, w, &style);
                // The rows drawn: the neurons' distinct heights, at the page's two ratios.
                for h in [w * 7 / 16, w * 5 / 6] {
                    let svg = svg_string(w, h, |a| draw_chain(a, &style, &chain, &g)).unwrap();
                    let mut ys: Vec<i64> = elements(&svg, "circle")
                        .iter()
                        .map(|c| c.num("cy").round() as i64)
                        .collect();
                    ys.sort_unstable();
                    ys.dedup();
                    assert_eq!(ys.len(), want, "{preset:?} depth {depth} on {w} × {h}");
                }
                if depth > 6 {
                    assert_eq!(
                        want, 2,
                        "{preset:?} depth {depth}: beyond six neurons, two rows"
                    );
                }
                wrapped_early |= depth <= 6 && want == 2;
            }
        }
    }
    // The Random preset's numbers ("× −0.0331") on the 562 px projector figure (1024 × 768).
    assert!(
        wrapped_early,
        "a chain of at most six neurons wraps where its labels would shrink"
    );
}
