//! A set of labelled images ready for the network: x (one image per row, pixels/255) and one-hot y.

use crate::idx::{
    decode_images, decode_images_first, decode_labels, decode_labels_first, IdxImages,
};
use crate::sparse::{SparseRows, SparseView};
use crate::{Error, Real, Result};
use ndarray::{s, Array2, ArrayView2};

/// Labelled images: row i of `xs` is image i (its inked pixels, in (0, 1]), row i of `y` its
/// one-hot label. Only the inked pixels are stored (MNIST is ~80 % background).
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset<F: Real = f32> {
    /// One-hot targets (N × 10).
    pub y: Array2<F>,
    /// The digits, 0–9.
    pub labels: Vec<u8>,
    /// The non-zero inputs of each image (what the first layer multiplies).
    pub xs: SparseRows<F>,
}

impl<F: Real> Dataset<F> {
    /// A set from inputs (one per row), one-hot targets and digits.
    pub fn new(x: Array2<F>, y: Array2<F>, labels: Vec<u8>) -> Self {
        let xs = SparseRows::from_dense(x.view());
        Dataset { y, labels, xs }
    }

    /// Builds a set from IDX image and label files (plain or gzipped).
    pub fn from_idx(images: &[u8], labels: &[u8]) -> Result<Self> {
        Self::of_idx(decode_images(images)?, decode_labels(labels)?)
    }

    /// Builds a set from the first `n` images and labels of IDX files (all if they hold fewer),
    /// decompressing no further than those (the CLI's `--images 1000` reads 1/8 of the shipped set).
    pub fn from_idx_first(images: &[u8], labels: &[u8], n: usize) -> Result<Self> {
        Self::of_idx(
            decode_images_first(images, n)?,
            decode_labels_first(labels, n)?,
        )
    }

    /// A set from decoded IDX images and labels (as many of each).
    fn of_idx(img: IdxImages, labels: Vec<u8>) -> Result<Self> {
        if labels.len() != img.count {
            return Err(Error::new(format!(
                "{} images but {} labels",
                img.count,
                labels.len()
            )));
        }
        let pixels = img.rows * img.cols;
        let scale = F::one() / F::of(255.0);
        let inked = img.pixels.iter().filter(|&&p| p != 0).count();
        let mut xs = SparseRows::with_capacity(img.count, inked);
        for image in img.pixels.chunks_exact(pixels) {
            xs.push_row(
                pixels,
                image
                    .iter()
                    .enumerate()
                    .map(|(j, &p)| (j, F::of(p as f64) * scale)),
            );
        }
        let mut y = Array2::zeros((img.count, 10));
        for (i, &l) in labels.iter().enumerate() {
            y[[i, l as usize]] = F::one();
        }
        Ok(Dataset { y, labels, xs })
    }

    /// The number of images.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether the set holds no image.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Pixels per image (784 for MNIST).
    pub fn inputs(&self) -> usize {
        self.xs.cols
    }

    /// The first `n` images, in file order.
    pub fn first(&self, n: usize) -> Result<Self> {
        if n == 0 || n > self.len() {
            return Err(Error::new(format!(
                "asked for the first {n} images of a set of {}",
                self.len()
            )));
        }
        Ok(Dataset {
            y: self.y.slice(s![..n, ..]).to_owned(),
            labels: self.labels[..n].to_vec(),
            xs: self.xs.first(n),
        })
    }

    /// The inputs as a dense matrix (one image per row), e.g. to check them.
    pub fn dense(&self) -> Array2<F> {
        let mut x = Array2::zeros((self.len(), self.inputs()));
        let all = self.xs.view(0, self.len());
        for (i, mut row) in x.rows_mut().into_iter().enumerate() {
            let (idx, val) = all.row(i);
            idx.iter().zip(val).for_each(|(&j, &v)| row[j as usize] = v);
        }
        x
    }

    /// Rows `start..end` of inputs (sparse) and targets, as views.
    pub fn rows(&self, start: usize, end: usize) -> (SparseView<'_, F>, ArrayView2<'_, F>) {
        (self.xs.view(start, end), self.y.slice(s![start..end, ..]))
    }
}
