//! Checks across all three charts: tiny drawing areas, the layer colours they
//! share, and the book's figures drawn end to end.

mod common;

use common::svg::{keep, polylines, texts};
use common::{bars_svg, by_epoch, two_layer_history};
use gradscope::chart::accuracy::{draw_accuracy, ACCURACY_COLOR};
use gradscope::chart::bars::draw_bars;
use gradscope::chart::speeds::{draw_speeds, Speeds};
use gradscope::chart::{layer_color, svg_string, ChartError, Style};
use plotters::style::RGBColor;

/// The speeds chart of `history` with `edits` marked and `title` above.
fn titled<'a>(history: &'a [Vec<f64>], edits: &'a [usize], title: &'a str) -> Speeds<'a> {
    Speeds {
        history,
        edits,
        title,
        ..Speeds::default()
    }
}

#[test]
fn tiny_drawing_areas_do_not_panic() {
    let h = two_layer_history();
    let bars = vec![vec![0.1, -0.2]];
    for (w, ht) in [(0, 0), (1, 1), (10, 10), (60, 40), (3000, 20)] {
        let results: [Result<String, ChartError>; 4] = [
            svg_string(w, ht, |a| {
                draw_bars(a, &Style::default(), &bars, &[0.1], None)
            }),
            svg_string(w, ht, |a| {
                draw_speeds(a, &Style::default(), &titled(&h, &[2], ""))
            }),
            svg_string(w, ht, |a| {
                draw_speeds(a, &Style::default(), &titled(&h, &[2], "A title"))
            }),
            svg_string(w, ht, |a| {
                draw_accuracy(
                    a,
                    &Style::default(),
                    &by_epoch(&[0.5, 0.6]),
                    &by_epoch(&[1.0, 0.5]),
                )
            }),
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
        let title = "Learning speeds, [784, 30, 30, 30, 30, 10]";
        draw_speeds(a, &Style::default(), &titled(&history, &[12], title))
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
    let svg = svg_string(1000, 560, |a| {
        draw_accuracy(a, &Style::default(), &by_epoch(&acc), &by_epoch(&cost))
    })
    .unwrap();
    keep("accuracy-book", &svg);
    assert_eq!(
        polylines(&svg, ACCURACY_COLOR)
            .iter()
            .filter(|p| p.len() == 31)
            .count(),
        1
    );
}
