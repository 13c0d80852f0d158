//! The chain of one neuron per layer (eq. 122): by hand, against finite differences, and the
//! book's exploding recipe (every factor 25, ∂C/∂b_1 / ∂C/∂b_L = 25^(L−1)) at every depth.

use gradscope::chain::{Chain, Preset};
use gradscope::{Cost, Rng};

fn close(a: f64, b: f64, tol: f64) {
    assert!((a - b).abs() <= tol * (1.0 + b.abs()), "{a} vs {b}");
}

#[test]
fn two_neurons_by_hand() {
    // a0 = 0.5, w = (1, 2), b = (0, 0), y = 0, quadratic:
    // z1 = 0.5, a1 = σ(0.5) = 0.6224593312018546, σ′(z1) = a1(1 − a1) = 0.2350037122015945
    // z2 = 2·a1 = 1.2449186624037092, a2 = σ(z2) = 0.7764190180520172, σ′(z2) = 0.1735925264591586
    // ∂C/∂a2 = a2 − y; ∂C/∂b2 = σ′(z2)·a2 = 0.13478053893458872; ∂C/∂b1 = σ′(z1)·w2·∂C/∂b2 = 0.06334785396431977
    let chain = Chain {
        w: vec![1.0, 2.0],
        b: vec![0.0, 0.0],
        a0: 0.5,
        y: 0.0,
        cost: Cost::Quadratic,
    };
    let g = chain.gradient();
    close(g.a[0], 0.622_459_331_201_854_6, 1e-15);
    close(g.z[1], 1.244_918_662_403_709_2, 1e-15);
    close(g.sigma_prime[1], 0.173_592_526_459_158_6, 1e-15);
    close(g.factors[1], 2.0 * 0.173_592_526_459_158_6, 1e-15);
    close(g.dc_da, 0.776_419_018_052_017_2, 1e-15);
    close(g.grad_b[1], 0.134_780_538_934_588_72, 1e-15);
    close(g.grad_b[0], 0.063_347_853_964_319_77, 1e-15);
    close(g.grad_w[0], 0.5 * 0.063_347_853_964_319_77, 1e-15);
    close(g.cost, 0.5 * 0.776_419_018_052_017_2_f64.powi(2), 1e-15);
}

/// (C(p + h) − C(p − h)) / 2h for the parameter `pick` selects.
fn central(chain: &Chain, pick: impl Fn(&mut Chain) -> &mut f64) -> f64 {
    let h = 1e-6;
    let (mut up, mut down) = (chain.clone(), chain.clone());
    *pick(&mut up) += h;
    *pick(&mut down) -= h;
    (up.gradient().cost - down.gradient().cost) / (2.0 * h)
}

#[test]
fn gradients_match_finite_differences() {
    let mut rng = Rng::new(4);
    for depth in 1..=10 {
        for cost in [Cost::Quadratic, Cost::CrossEntropy] {
            let w: Vec<f64> = (0..depth).map(|_| 2.0 * rng.normal()).collect();
            let b: Vec<f64> = (0..depth).map(|_| rng.normal()).collect();
            let chain = Chain {
                w,
                b,
                a0: 0.7,
                y: 0.2,
                cost,
            };
            let g = chain.gradient();
            for j in 0..depth {
                let fd_b = central(&chain, |c| &mut c.b[j]);
                let fd_w = central(&chain, |c| &mut c.w[j]);
                assert!(
                    (fd_b - g.grad_b[j]).abs() < 1e-7 + 1e-5 * fd_b.abs(),
                    "b{j} depth {depth} {cost:?}"
                );
                assert!(
                    (fd_w - g.grad_w[j]).abs() < 1e-7 + 1e-5 * fd_w.abs(),
                    "w{j} depth {depth} {cost:?}"
                );
            }
        }
    }
}

#[test]
fn explode_makes_every_factor_25_at_every_depth() {
    for depth in 1..=10 {
        for a0 in [0.0, 0.3, 1.0] {
            let chain = Chain::preset(Preset::Explode, depth, a0, 0.0, Cost::Quadratic, 0).unwrap();
            let g = chain.gradient();
            assert!(g.z.iter().all(|z| z.abs() < 1e-12), "{:?}", g.z);
            assert!(
                g.factors.iter().all(|f| (f - 25.0).abs() < 1e-9),
                "{:?}",
                g.factors
            );
            let ratio = g.grad_b[0] / g.grad_b[depth - 1];
            let expected = 25f64.powi(depth as i32 - 1);
            assert!(
                (ratio / expected - 1.0).abs() < 1e-9,
                "depth {depth}: {ratio} vs {expected}"
            );
        }
    }
}

#[test]
fn balanced_factors_are_1_and_random_ones_shrink() {
    let g = Chain::preset(Preset::Balanced, 6, 0.4, 1.0, Cost::CrossEntropy, 0)
        .unwrap()
        .gradient();
    assert!(
        g.factors.iter().all(|f| (f - 1.0).abs() < 1e-12),
        "{:?}",
        g.factors
    );
    // w ~ N(0, 1): |w·σ′(z)| ≤ |w|/4, so most factors are below 1 and ∂C/∂b vanishes backwards.
    let mut shrinking = 0;
    for seed in 0..50 {
        let g = Chain::preset(Preset::Random, 4, 0.5, 0.0, Cost::Quadratic, seed)
            .unwrap()
            .gradient();
        shrinking += usize::from(g.grad_b[0].abs() < g.grad_b[3].abs());
    }
    assert!(shrinking >= 45, "{shrinking}/50");
}

#[test]
fn extremes_stay_finite_and_bad_settings_are_refused() {
    for (w, b) in [(200.0, 200.0), (-200.0, -200.0), (200.0, -200.0)] {
        let chain = Chain {
            w: vec![w; 10],
            b: vec![b; 10],
            a0: 1.0,
            y: 0.0,
            cost: Cost::CrossEntropy,
        };
        let g = chain.gradient();
        assert!(
            g.grad_b
                .iter()
                .chain(&g.factors)
                .chain([&g.cost])
                .all(|v| v.is_finite()),
            "{g:?}"
        );
    }
    for bad in [
        r#"{"preset":"explode","depth":11,"a0":0.5,"y":0}"#,
        r#"{"preset":"explode","depth":0,"a0":0.5,"y":0}"#,
        r#"{"preset":"implode","depth":4,"a0":0.5,"y":0}"#,
        r#"{"w":[1,2],"b":[1],"a0":0.5,"y":0}"#,
        r#"{"w":[1e300],"b":[1],"a0":0.5,"y":0}"#,
        r#"{"w":[1],"b":[1],"a0":0.5,"y":0,"cost":"hinge"}"#,
        r#"{"w":[1],"b":[1],"a0":0.5}"#,
        "not json",
    ] {
        assert!(Chain::from_settings(bad).is_err(), "{bad}");
    }
    let report = Chain::from_settings(r#"{"preset":"explode","depth":3,"a0":0.2,"y":0}"#)
        .unwrap()
        .report();
    assert_eq!(report["depth"], 3);
    assert_eq!(report["factors"], serde_json::json!([25.0, 25.0, 25.0]));
}
