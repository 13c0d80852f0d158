//! The chart of values against training steps (the batch-norm figures): series in the layers'
//! colours on linear axes, non-finite points left out, a legend naming each series.

mod common;

use common::svg::{assert_texts, keep, polylines};
use common::NAN;
use gradscope::chart::steps::{draw_steps, StepChart, StepLine};
use gradscope::chart::{layer_color, svg_string, Style};

#[test]
fn series_are_drawn_on_linear_axes_and_named() {
    let a = [(0.0, 10.0), (100.0, 50.0), (200.0, 90.0)];
    let b = [(0.0, 10.0), (100.0, NAN), (200.0, 20.0)];
    let lines = [
        StepLine {
            label: "without batch norm",
            points: &a,
        },
        StepLine {
            label: "with batch norm",
            points: &b,
        },
    ];
    let chart = StepChart {
        title: "Fig. 1a",
        y_desc: "Accuracy (%)",
        lines: &lines,
    };
    let svg = svg_string(900, 560, |area| draw_steps(area, &Style::default(), &chart)).unwrap();
    keep("steps", &svg);
    assert_texts(
        &svg,
        &[
            "Fig. 1a",
            "Training step",
            "without batch norm",
            "with batch norm",
        ],
    );
    let first = polylines(&svg, layer_color(0))
        .into_iter()
        .find(|p| p.len() == 3)
        .unwrap();
    // Linear axes: equal steps of x and of y are equal distances (within a pixel).
    let (dx1, dx2) = (first[1].0 - first[0].0, first[2].0 - first[1].0);
    let (dy1, dy2) = (first[0].1 - first[1].1, first[1].1 - first[2].1);
    assert!((dx1 - dx2).abs() <= 1.0 && dx1 > 50.0, "{dx1} vs {dx2}");
    assert!((dy1 - dy2).abs() <= 1.0 && dy1 > 50.0, "{dy1} vs {dy2}");
    // The NaN point is left out: the second series keeps its two finite points.
    let second = polylines(&svg, layer_color(1));
    assert!(second.iter().any(|p| p.len() == 2), "{second:?}");
}

#[test]
fn empty_and_non_finite_series_draw_without_error() {
    let nan = [(NAN, NAN)];
    for lines in [
        vec![],
        vec![StepLine {
            label: "x",
            points: &nan,
        }],
    ] {
        let chart = StepChart {
            lines: &lines,
            ..StepChart::default()
        };
        assert!(svg_string(300, 200, |area| draw_steps(area, &Style::default(), &chart)).is_ok());
    }
}
