//! The accuracy chart: validation accuracy and cost on a shared epoch axis.

mod common;

use common::svg::{assert_texts, elements, keep, polylines, texts};
use common::{INF, NAN};
use gradscope::chart::accuracy::{draw_accuracy, ACCURACY_COLOR, COST_COLOR};
use gradscope::chart::{svg_string, Style};

#[test]
fn accuracy_and_cost_share_the_epoch_axis() {
    let acc = [0.1, 0.5, 0.9, 0.95];
    let cost = [2.0, 1.0, 0.5, 0.25];
    let svg = svg_string(1000, 600, |a| {
        draw_accuracy(a, &Style::default(), &acc, &cost)
    })
    .unwrap();
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
    assert_texts(
        &svg,
        &[
            "Epoch",
            "Validation accuracy (%)",
            "Cost",
            "Validation accuracy",
        ],
    );
    let tick = elements(&svg, "text")
        .into_iter()
        .find(|t| t.text == "50")
        .unwrap();
    assert!(
        (tick.num("y") - a[1].1).abs() <= 1.0,
        "50% tick level with 0.5"
    );

    let no_cost = svg_string(1000, 600, |a| {
        draw_accuracy(a, &Style::default(), &acc, &[])
    })
    .unwrap();
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
        let svg = svg_string(800, 500, |a| draw_accuracy(a, &Style::default(), acc, cost)).unwrap();
        assert!(svg.contains("Epoch") && !svg.contains("NaN"));
    }
    // NaN at epoch 1 splits the accuracy line into 1 + 2 points.
    let svg = svg_string(800, 500, |a| {
        draw_accuracy(a, &Style::default(), &[0.2, NAN, 0.4, 0.6], &[])
    })
    .unwrap();
    let mut lens: Vec<usize> = polylines(&svg, ACCURACY_COLOR)
        .iter()
        .map(Vec::len)
        .collect();
    lens.sort();
    assert_eq!(lens, vec![1, 2, 2], "epoch 0, epochs 2-3, legend swatch");
}
