//! A 2-2-1 sigmoid network whose forward and backward values were worked out by hand
//! (σ(z) = 1/(1+e^−z), the chain rule written out, the arithmetic done on a calculator).

use gradscope::{Activation, Backprop, Cost, Dataset, Hyper, Network, Run};
use ndarray::{array, Array2};

/// w¹ = [[0.1, −0.2], [0.4, 0.3]], b¹ = [0.1, −0.1], w² = [[0.5, −0.6]], b² = [0.2].
fn net(cost: Cost) -> Network<f64> {
    Network {
        sizes: vec![2, 2, 1],
        weights: vec![array![[0.1, -0.2], [0.4, 0.3]], array![[0.5, -0.6]]],
        biases: vec![array![0.1, -0.1], array![0.2]],
        activation: Activation::Sigmoid,
        cost,
        batch_norm: None,
        skip: false,
    }
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-12, "{a} vs {b}");
}

#[test]
fn forward_by_hand() {
    // x = (1, 0.5): z¹ = (0.1 − 0.1 + 0.1, 0.4 + 0.15 − 0.1) = (0.1, 0.45)
    // a¹ = (σ(0.1), σ(0.45)) = (0.52497918747894, 0.610639233949222)
    // z² = 0.5·0.52497918747894 − 0.6·0.610639233949222 + 0.2 = 0.09610605336993683
    // a² = σ(z²) = 0.5240080372532528
    let mut bp = Backprop::new(&[2, 2, 1], 1);
    bp.feedforward(&net(Cost::CrossEntropy), array![[1.0, 0.5]].view());
    close(bp.output(1)[[0, 0]], 0.524_008_037_253_252_8);
}

#[test]
fn backward_by_hand_cross_entropy() {
    // δ² = a² − y = 0.5240080372532528 − 1 = −0.47599196274674715
    // ∂C/∂w² = δ²·a¹ = (−0.2498858738492932, −0.2906593674976603)
    // δ¹_j = w²_j δ² σ′(z¹_j) = w²_j δ² a¹_j (1 − a¹_j) = (−0.059350495416713174, 0.06790281239323416)
    // ∂C/∂w¹_jk = δ¹_j x_k
    let mut bp = Backprop::new(&[2, 2, 1], 1);
    bp.backprop(
        &net(Cost::CrossEntropy),
        array![[1.0, 0.5]].view(),
        array![[1.0]].view(),
    );
    close(bp.nabla_b[1][0], -0.475_991_962_746_747_15);
    close(bp.nabla_w[1][[0, 0]], -0.249_885_873_849_293_2);
    close(bp.nabla_w[1][[0, 1]], -0.290_659_367_497_660_3);
    close(bp.nabla_b[0][0], -0.059_350_495_416_713_174);
    close(bp.nabla_b[0][1], 0.067_902_812_393_234_16);
    close(bp.nabla_w[0][[0, 1]], -0.029_675_247_708_356_587);
    close(bp.nabla_w[0][[1, 0]], 0.067_902_812_393_234_16);
    close(bp.nabla_w[0][[1, 1]], 0.033_951_406_196_617_08);
}

#[test]
fn backward_by_hand_quadratic() {
    // δ² = (a² − y)·σ′(z²) = −0.47599196274674715 · a²(1 − a²) = −0.11872363565333516
    // δ¹ = (0.5·δ²·σ′(0.1), −0.6·δ²·σ′(0.45)) = (−0.014803415068266185, 0.0169365648778829)
    let mut bp = Backprop::new(&[2, 2, 1], 1);
    bp.backprop(
        &net(Cost::Quadratic),
        array![[1.0, 0.5]].view(),
        array![[1.0]].view(),
    );
    close(bp.nabla_b[1][0], -0.118_723_635_653_335_16);
    close(bp.nabla_b[0][0], -0.014_803_415_068_266_185);
    close(bp.nabla_b[0][1], 0.016_936_564_877_882_9);
}

#[test]
fn one_sgd_step_by_hand() {
    // One example (n = m = 1), η = 0.5, λ = 0.1: w ← (1 − ηλ/n)·w − (η/m)·∂C/∂w, b ← b − (η/m)·∂C/∂b
    // w²_1: 0.95·0.5 − 0.5·(−0.2498858738492932) = 0.5999429369246466
    // b²:   0.2 − 0.5·(−0.47599196274674715)   = 0.43799598137337357
    // b¹_2: −0.1 − 0.5·0.06790281239323416     = −0.13395140619661708
    let data = Dataset::<f64>::new(array![[1.0, 0.5]], Array2::from_elem((1, 1), 1.0), vec![0]);
    let hyper = Hyper {
        eta: 0.5,
        lambda: 0.1,
        batch: 1,
    };
    let mut run = Run::new(net(Cost::CrossEntropy), data, None, hyper, 0).unwrap();
    // Epoch 0's speed is |∂C/∂b¹| = |(−0.059350495416713174, 0.06790281239323416)| = 0.09018328…
    let speed =
        (0.059_350_495_416_713_174_f64.powi(2) + 0.067_902_812_393_234_16_f64.powi(2)).sqrt();
    close(run.measure().speeds[0], speed);
    run.epoch();
    let n = &run.net;
    close(n.weights[1][[0, 0]], 0.599_942_936_924_646_6);
    close(n.biases[1][0], 0.437_995_981_373_373_6);
    close(n.biases[0][1], -0.133_951_406_196_617_08);
}

#[test]
fn one_clipped_sgd_step_by_hand() {
    // The same step with the gradient clipped at c = 0.3. The whole gradient (the values above,
    // ∂C/∂w¹ = δ¹·x with x = (1, 0.5)) has squared norm
    //   0.2498858738² + 0.2906593675² + 0.4759919627² + 0.0593504954² + 0.0679028124²
    //   + 0.0593504954² + 0.0296752477² + 0.0679028124² + 0.0339514062² = 0.39179403…
    // so ‖g‖ = 0.6259345263257058 > c and every term is scaled by c/‖g‖ = 0.47928335533914074:
    // w²_1: 0.95·0.5 − 0.5·0.47928335533914074·(−0.2498858738492932) = 0.5348830700351712
    // b²:   0.2 − 0.5·0.47928335533914074·(−0.47599196274674715)    = 0.31406751250986215
    // b¹_2: −0.1 − 0.5·0.47928335533914074·0.06790281239323416      = −0.11627234388039673
    let data = Dataset::<f64>::new(array![[1.0, 0.5]], Array2::from_elem((1, 1), 1.0), vec![0]);
    let hyper = Hyper {
        eta: 0.5,
        lambda: 0.1,
        batch: 1,
    };
    let mut run = Run::new(net(Cost::CrossEntropy), data.clone(), None, hyper, 0).unwrap();
    run.clip = Some(0.3);
    run.epoch();
    let n = &run.net;
    close(n.weights[1][[0, 0]], 0.534_883_070_035_171_2);
    close(n.biases[1][0], 0.314_067_512_509_862_15);
    close(n.biases[0][1], -0.116_272_343_880_396_73);
    // A threshold above ‖g‖ changes nothing: the unclipped step's values (previous test).
    let mut run = Run::new(net(Cost::CrossEntropy), data, None, hyper, 0).unwrap();
    run.clip = Some(0.7);
    run.epoch();
    close(run.net.weights[1][[0, 0]], 0.599_942_936_924_646_6);
    close(run.net.biases[1][0], 0.437_995_981_373_373_6);
}
