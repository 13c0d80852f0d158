//! The accuracy chart: validation accuracy and cost on a shared epoch axis.

mod common;

use common::svg::{assert_texts, elements, keep, polylines, texts};
use common::{by_epoch, INF, NAN};
use gradscope::chart::accuracy::{draw_accuracy, ACCURACY_COLOR, COST_COLOR};
use gradscope::chart::{svg_string, Style};

#[test]
fn accuracy_and_cost_share_the_epoch_axis() {
    let acc = [0.1, 0.5, 0.9, 0.95];
    let cost = [2.0, 1.0, 0.5, 0.25];
    let svg = svg_string(1000, 600, |a| {
        draw_accuracy(a, &Style::default(), &by_epoch(&acc), &by_epoch(&cost))
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
        draw_accuracy(a, &Style::default(), &by_epoch(&acc), &[])
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
        let svg = svg_string(800, 500, |a| {
            draw_accuracy(a, &Style::default(), &by_epoch(acc), &by_epoch(cost))
        })
        .unwrap();
        assert!(svg.contains("Epoch") && !svg.contains("NaN"));
    }
    // NaN at epoch 1 splits the accuracy line into 1 + 2 points.
    let svg = svg_string(800, 500, |a| {
        draw_accuracy(a, &Style::default(), &by_epoch(&[0.2, NAN, 0.4, 0.6]), &[])
    })
    .unwrap();
    let mut lens: Vec<usize> = polylines(&svg, ACCURACY_COLOR)
        .iter()
        .map(Vec::len)
        .collect();
    lens.sort();
    assert_eq!(lens, vec![1, 2, 2], "epoch 0, epochs 2-3, legend swatch");
}

#[test]
fn validated_every_tenth_epoch_is_one_line_through_its_points_and_says_so() {
    // A fast run to epoch 25 (cadence.rs): validated at 0, 10, 20 and 25 only.
    let acc = [(0, 0.1), (10, 0.5), (20, 0.8), (25, 0.9)];
    let cost = [(0, 3.0), (10, 2.0), (20, 1.0), (25, 0.5)];
    let svg = svg_string(1000, 600, |a| {
        draw_accuracy(a, &Style::default(), &acc, &cost)
    })
    .unwrap();
    keep("accuracy-every-10", &svg);
    let line = polylines(&svg, ACCURACY_COLOR)
        .into_iter()
        .find(|p| p.len() == 4)
        .expect("one line through the four validated epochs");
    // x proportional to the epoch: 0 → 10 is as wide as 10 → 20, and twice 20 → 25.
    let (dx1, dx2, dx3) = (
        line[1].0 - line[0].0,
        line[2].0 - line[1].0,
        line[3].0 - line[2].0,
    );
    assert!(
        (dx1 - dx2).abs() <= 1.0 && (dx2 - 2.0 * dx3).abs() <= 1.5,
        "{dx1} {dx2} {dx3}"
    );
    assert_texts(&svg, &["validated every 10 epochs"]);
    // Every epoch validated: no note.
    let every: Vec<(usize, f64)> = (0..26).map(|e| (e, 0.1 + 0.03 * e as f64)).collect();
    let svg = svg_string(1000, 600, |a| {
        draw_accuracy(a, &Style::default(), &every, &[])
    })
    .unwrap();
    assert!(!svg.contains("validated every"));
}
