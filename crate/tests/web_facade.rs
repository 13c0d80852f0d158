//! The wasm facade in headless Chromium: loads the shipped data, measures, refuses bad settings
//! with an error (not a panic), and draws real pixels on canvases.
#![cfg(target_arch = "wasm32")]

use gradscope::web::Session;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

const TRAIN_IMAGES: &[u8] = include_bytes!("../../www/data/train-images-idx3-ubyte.gz");
const TRAIN_LABELS: &[u8] = include_bytes!("../../www/data/train-labels-idx1-ubyte.gz");
const VALIDATION_IMAGES: &[u8] = include_bytes!("../../www/data/validation-images-idx3-ubyte.gz");
const VALIDATION_LABELS: &[u8] = include_bytes!("../../www/data/validation-labels-idx1-ubyte.gz");

fn session() -> Session {
    Session::new(
        TRAIN_IMAGES,
        TRAIN_LABELS,
        VALIDATION_IMAGES,
        VALIDATION_LABELS,
    )
    .unwrap()
}

fn measured(mut s: Session) -> Session {
    while !s.measured() {
        s.advance(10.0, false, None, None);
    }
    s
}

fn canvas() -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    canvas.set_width(600);
    canvas.set_height(400);
    document.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

/// Distinct colours and the share of non-white pixels on a canvas.
fn ink(canvas: &HtmlCanvasElement) -> (usize, f64) {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let data = ctx.get_image_data(0.0, 0.0, 600.0, 400.0).unwrap().data().0;
    let pixels: Vec<&[u8]> = data.chunks(4).collect();
    let mut colours: Vec<&[u8]> = pixels.clone();
    colours.sort();
    colours.dedup();
    let inked = pixels.iter().filter(|p| p[..3] != [255, 255, 255]).count();
    (colours.len(), inked as f64 / pixels.len() as f64)
}

#[wasm_bindgen_test]
fn measures_the_default_net() {
    let s = measured(session());
    let snap: serde_json::Value = serde_json::from_str(&s.snapshot().unwrap()).unwrap();
    let speeds = snap["speeds"].as_array().unwrap();
    assert_eq!(speeds.len(), 2);
    let (first, second) = (speeds[0].as_f64().unwrap(), speeds[1].as_f64().unwrap());
    assert!(
        first > 0.0 && second > 2.0 * first,
        "{speeds:?}: the later layer learns faster"
    );
    assert_eq!(snap["bars"][1].as_array().unwrap().len(), 6);
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_not_a_panic() {
    assert!(Session::new(
        &TRAIN_IMAGES[..1000],
        TRAIN_LABELS,
        VALIDATION_IMAGES,
        VALIDATION_LABELS
    )
    .is_err());
    assert!(Session::new(b"", b"", b"", b"").is_err());
    let mut s = measured(session());
    let before = s.snapshot().unwrap();
    for bad in ["{", "{}", r#"{"sizes":[784,5000,10]}"#, "null", "[1,2]"] {
        assert!(s.configure(bad).is_err(), "{bad}");
    }
    assert_eq!(
        s.snapshot().unwrap(),
        before,
        "a refused setting leaves the state untouched"
    );
    assert_eq!(s.advance(f64::NAN, false, None, None), 0);
    assert_eq!(s.advance(-5.0, true, None, None), 0);
}

#[wasm_bindgen_test]
fn training_adds_epochs_and_charts_draw_pixels() {
    let mut s = measured(session());
    let mut done = 0;
    while done < 2 {
        done += s.advance(10.0, true, Some(1), None);
    }
    let snap: serde_json::Value = serde_json::from_str(&s.snapshot().unwrap()).unwrap();
    assert_eq!(snap["history"].as_array().unwrap().len(), 3);
    let (bars, speeds, accuracy) = (canvas(), canvas(), canvas());
    s.draw_bars(bars.clone(), 1.0, 1.0).unwrap();
    s.draw_speeds(speeds.clone(), 1.0, 1.0).unwrap();
    s.draw_accuracy(accuracy.clone(), 1.0, 1.0).unwrap();
    for c in [bars, speeds, accuracy] {
        let (colours, share) = ink(&c);
        assert!(
            colours >= 3 && share > 0.01,
            "{colours} colours, {share} inked"
        );
    }
}

#[wasm_bindgen_test]
fn readable_text_scale_keeps_phone_text_at_11_css_px() {
    // A phone's 361 × 241 CSS-px chart at 3 device px per CSS px (1083 × 723 px): text at scale 1
    // is min(723/22, 1083/40) = 27.075 px = 9.025 CSS px; 11 CSS px = 33 px needs 33/27.075.
    let k = gradscope::web::readable_text_scale(1083, 723, 3.0);
    assert!((k - 33.0 / 27.075).abs() < 1e-12, "{k}");
    // A 1× screen keeps scale 1 (its text is at least 11 px already); nonsense reads as 1×.
    assert_eq!(gradscope::web::readable_text_scale(490, 130, 1.0), 1.0);
    assert_eq!(gradscope::web::readable_text_scale(0, 0, f64::NAN), 1.0);
}

#[wasm_bindgen_test]
fn a_sibling_shares_the_data_and_measures_as_a_fresh_session() {
    let mut first = session();
    first
        .configure(r#"{"sizes":[784,20,10],"activation":"sigmoid","init":"network2","scale":1,"seed":3,"images":500,"batch":500,"eta":0.1,"lambda":5}"#)
        .unwrap();
    let fresh = measured(session()).snapshot().unwrap();
    let sibling = measured(first.sibling().unwrap()).snapshot().unwrap();
    assert_eq!(
        sibling, fresh,
        "the default settings and numbers of a new session"
    );
}
