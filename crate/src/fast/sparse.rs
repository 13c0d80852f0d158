//! Images as sparse rows (compressed sparse row): MNIST is ~80 % background, so the first layer's
//! products z = w·x + b and ∂C/∂w = δ·xᵀ only visit the pixels that have ink.

use crate::Real;
use ndarray::ArrayView2;

/// Rows of non-zero (column, value) pairs, stored back to back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SparseRows<F> {
    /// Columns of the dense rows (784 pixels for MNIST).
    pub cols: usize,
    /// Row i's entries are `idx[ptr[i]..ptr[i + 1]]` and `val[…]`.
    ptr: Vec<usize>,
    idx: Vec<u32>,
    val: Vec<F>,
}

/// Rows `start..end` of a [`SparseRows`], borrowed.
#[derive(Clone, Copy, Debug)]
pub struct SparseView<'a, F> {
    ptr: &'a [usize],
    idx: &'a [u32],
    val: &'a [F],
}

impl<F: Real> SparseRows<F> {
    /// An empty set with room for `rows` rows and `entries` non-zero entries.
    pub fn with_capacity(rows: usize, entries: usize) -> Self {
        let mut ptr = Vec::with_capacity(rows + 1);
        ptr.push(0);
        SparseRows {
            cols: 0,
            ptr,
            idx: Vec::with_capacity(entries),
            val: Vec::with_capacity(entries),
        }
    }

    /// The non-zero entries of every row of `x`.
    pub fn from_dense(x: ArrayView2<F>) -> Self {
        let mut rows = SparseRows::default();
        rows.fill_from_dense(x);
        rows
    }

    /// Replaces the contents with the non-zero entries of `x`, reusing the buffers.
    pub fn fill_from_dense(&mut self, x: ArrayView2<F>) {
        self.clear(x.ncols());
        for row in x.rows() {
            for (j, &v) in row.iter().enumerate() {
                if v != F::zero() {
                    self.idx.push(j as u32);
                    self.val.push(v);
                }
            }
            self.ptr.push(self.idx.len());
        }
    }

    /// Appends one row from its (column, value) entries, skipping zeros.
    pub fn push_row(&mut self, cols: usize, entries: impl IntoIterator<Item = (usize, F)>) {
        if self.ptr.is_empty() {
            self.clear(cols);
        }
        self.cols = cols;
        for (j, v) in entries {
            if v != F::zero() {
                self.idx.push(j as u32);
                self.val.push(v);
            }
        }
        self.ptr.push(self.idx.len());
    }

    /// The first `n` rows (all if fewer), as a new set.
    pub fn first(&self, n: usize) -> SparseRows<F> {
        let n = n.min(self.len());
        let end = self.ptr[n];
        SparseRows {
            cols: self.cols,
            ptr: self.ptr[..=n].to_vec(),
            idx: self.idx[..end].to_vec(),
            val: self.val[..end].to_vec(),
        }
    }

    /// Σ over rows of each column, as f64.
    pub fn column_sums(&self) -> Vec<f64> {
        let mut sums = vec![0.0; self.cols];
        for (&j, &v) in self.idx.iter().zip(&self.val) {
            sums[j as usize] += v.f64();
        }
        sums
    }

    /// Replaces the contents with rows `rows` of `source`, in that order.
    pub fn gather(&mut self, source: &SparseRows<F>, rows: &[usize]) {
        self.clear(source.cols);
        for &r in rows {
            let (a, b) = (source.ptr[r], source.ptr[r + 1]);
            self.idx.extend_from_slice(&source.idx[a..b]);
            self.val.extend_from_slice(&source.val[a..b]);
            self.ptr.push(self.idx.len());
        }
    }

    fn clear(&mut self, cols: usize) {
        self.cols = cols;
        self.ptr.clear();
        self.ptr.push(0);
        self.idx.clear();
        self.val.clear();
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.ptr.len().saturating_sub(1)
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Rows `start..end` (clamped to the rows there are).
    pub fn view(&self, start: usize, end: usize) -> SparseView<'_, F> {
        let end = end.min(self.len());
        let start = start.min(end);
        SparseView {
            ptr: self.ptr.get(start..=end).unwrap_or(&[0]),
            idx: &self.idx,
            val: &self.val,
        }
    }
}

impl<'a, F: Real> SparseView<'a, F> {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.ptr.len().saturating_sub(1)
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row i's non-zero entries: column indices and values.
    pub fn row(&self, i: usize) -> (&'a [u32], &'a [F]) {
        let (a, b) = (self.ptr[i], self.ptr[i + 1]);
        (&self.idx[a..b], &self.val[a..b])
    }
}

/// A scratch buffer of sums whose first element sits on a 64-byte boundary (a cache line), so
/// that rows of a multiple of 16 `f32` lanes never straddle two lines.
#[derive(Clone, Debug, Default)]
pub struct AlignedSums<F> {
    buf: Vec<F>,
}

impl<F: Real> AlignedSums<F> {
    /// `len` zeros, starting on a 64-byte boundary (reusing the buffer).
    pub fn zeroed(&mut self, len: usize) -> &mut [F] {
        let extra = 64 / std::mem::size_of::<F>();
        self.buf.clear();
        self.buf.resize(len + extra, F::zero());
        let off = self.buf.as_ptr().align_offset(64).min(extra);
        &mut self.buf[off..off + len]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn keeps_the_non_zero_entries_of_each_row() {
        let x = array![[0.0, 2.0, 0.0], [0.0, 0.0, 0.0], [1.0, 0.0, 3.0_f32]];
        let s = SparseRows::from_dense(x.view());
        assert_eq!(s.len(), 3);
        let v = s.view(0, 3);
        assert_eq!(v.row(0), (&[1u32][..], &[2.0][..]));
        assert_eq!(v.row(1), (&[][..], &[][..]));
        assert_eq!(v.row(2), (&[0u32, 2][..], &[1.0, 3.0][..]));
        assert_eq!(s.view(2, 3).row(0), (&[0u32, 2][..], &[1.0, 3.0][..]));
        let mut g = SparseRows::default();
        g.gather(&s, &[2, 0]);
        assert_eq!(g.view(0, 2).row(0), (&[0u32, 2][..], &[1.0, 3.0][..]));
        assert_eq!(g.view(0, 2).row(1), (&[1u32][..], &[2.0][..]));
        assert_eq!(s.view(5, 9).len(), 0);
    }
}
