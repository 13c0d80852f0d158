//! MNIST's IDX file format (optionally gzip-compressed): decoding with clear errors on bad input.

use crate::{Error, Result};
use std::io::Read;

/// The largest decompressed file accepted (a guard against gzip bombs): 64 MiB.
pub const MAX_BYTES: u64 = 64 << 20;

/// Images decoded from an idx3 file: `count` images of `rows` × `cols` bytes, row-major.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdxImages {
    /// Number of images.
    pub count: usize,
    /// Pixel rows per image.
    pub rows: usize,
    /// Pixel columns per image.
    pub cols: usize,
    /// All pixels, image after image (0 = background, 255 = ink).
    pub pixels: Vec<u8>,
}

/// Gunzips `bytes` if they start with the gzip magic number, else returns them as they are.
pub fn gunzip(bytes: &[u8]) -> Result<Vec<u8>> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes.to_vec());
    }
    // The gzip trailer's last 4 bytes hold the uncompressed size (mod 2³²): reserve it once.
    let size = bytes.len().checked_sub(4).map_or(0, |at| {
        let b = &bytes[at..];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64
    });
    let mut out = Vec::with_capacity(size.min(MAX_BYTES) as usize + 1);
    flate2::read::GzDecoder::new(bytes)
        .take(MAX_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| Error::new(format!("corrupt gzip data: {e}")))?;
    if out.len() as u64 > MAX_BYTES {
        return Err(Error::new(format!(
            "decompressed data exceeds {} MiB",
            MAX_BYTES >> 20
        )));
    }
    Ok(out)
}

/// The first `limit` bytes of `bytes` gunzipped (or as they are when not gzip): the beginning of
/// a file, decompressed no further.
pub fn gunzip_prefix(bytes: &[u8], limit: usize) -> Result<Vec<u8>> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes[..limit.min(bytes.len())].to_vec());
    }
    let mut out = Vec::with_capacity(limit.min(MAX_BYTES as usize));
    flate2::read::GzDecoder::new(bytes)
        .take(limit.min(MAX_BYTES as usize) as u64)
        .read_to_end(&mut out)
        .map_err(|e| Error::new(format!("corrupt gzip data: {e}")))?;
    Ok(out)
}

/// Like [`header`] for only the first `first` records along the first dimension (all if there
/// are fewer): only the bytes they need are decompressed; the shape's first entry is their count.
fn header_first(
    bytes: &[u8],
    dims: usize,
    what: &str,
    first: usize,
) -> Result<(Vec<usize>, Vec<u8>)> {
    let head = 4 + 4 * dims;
    let start = gunzip_prefix(bytes, head)?;
    if start.len() < head {
        return header(bytes, dims, what); // its error says what is wrong
    }
    let shape: Vec<usize> = (start[4..head].chunks(4))
        .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]) as usize)
        .collect();
    let record = shape[1..].iter().try_fold(1usize, |a, &d| a.checked_mul(d));
    let count = shape[0].min(first);
    let Some(need) = record.and_then(|r| r.checked_mul(count)) else {
        return Err(Error::new(format!("{what}: absurd dimensions {shape:?}")));
    };
    let mut data = gunzip_prefix(bytes, head.saturating_add(need))?;
    if data[..4] != [0, 0, 0x08, dims as u8] || data.len() < head + need {
        return header(bytes, dims, what); // a bad magic number or a truncated file: its error
    }
    data.drain(..head);
    let mut shape = shape;
    shape[0] = count;
    Ok((shape, data))
}

/// Reads the IDX header: checks the magic number (unsigned bytes, `dims` dimensions) and the
/// length, and returns the dimensions and the payload.
fn header(bytes: &[u8], dims: usize, what: &str) -> Result<(Vec<usize>, Vec<u8>)> {
    let data = gunzip(bytes)?;
    let head = 4 + 4 * dims;
    if data.len() < head {
        return Err(Error::new(format!(
            "{what}: truncated header ({} bytes, need {head})",
            data.len()
        )));
    }
    let expected_magic = [0, 0, 0x08, dims as u8];
    if data[..4] != expected_magic {
        return Err(Error::new(format!(
            "{what}: bad magic number {:02x?} (expected {:02x?}: unsigned bytes, {dims} dimensions)",
            &data[..4],
            expected_magic
        )));
    }
    let shape: Vec<usize> = data[4..head]
        .chunks(4)
        .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]) as usize)
        .collect();
    let payload = shape.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d));
    let available = data.len() - head;
    match payload {
        Some(n) if n == available => {
            let mut data = data;
            data.drain(..head);
            Ok((shape, data))
        }
        Some(n) if n > available => Err(Error::new(format!(
            "{what}: truncated: header announces {n} bytes of data, file holds {available}"
        ))),
        Some(n) => Err(Error::new(format!(
            "{what}: {} unexpected bytes after the {n} announced",
            available - n
        ))),
        None => Err(Error::new(format!("{what}: absurd dimensions {shape:?}"))),
    }
}

/// Decodes an idx3-ubyte image file (magic 0x00000803).
pub fn decode_images(bytes: &[u8]) -> Result<IdxImages> {
    images_of(header(bytes, 3, "image file")?)
}

/// Decodes the first `n` images of an idx3-ubyte file (all if it has fewer), decompressing no more.
pub fn decode_images_first(bytes: &[u8], n: usize) -> Result<IdxImages> {
    images_of(header_first(bytes, 3, "image file", n)?)
}

/// The images of a decoded header and payload.
fn images_of((shape, pixels): (Vec<usize>, Vec<u8>)) -> Result<IdxImages> {
    if shape[1] == 0 || shape[2] == 0 {
        return Err(Error::new(format!("image file: empty images {shape:?}")));
    }
    Ok(IdxImages {
        count: shape[0],
        rows: shape[1],
        cols: shape[2],
        pixels,
    })
}

/// Decodes an idx1-ubyte label file (magic 0x00000801); every label must be a digit 0–9.
pub fn decode_labels(bytes: &[u8]) -> Result<Vec<u8>> {
    labels_of(header(bytes, 1, "label file")?)
}

/// Decodes the first `n` labels of an idx1-ubyte file (all if it has fewer), decompressing no more.
pub fn decode_labels_first(bytes: &[u8], n: usize) -> Result<Vec<u8>> {
    labels_of(header_first(bytes, 1, "label file", n)?)
}

/// The labels of a decoded header and payload, each checked to be a digit.
fn labels_of((_, labels): (Vec<usize>, Vec<u8>)) -> Result<Vec<u8>> {
    if let Some((i, l)) = labels.iter().enumerate().find(|(_, &l)| l > 9) {
        return Err(Error::new(format!(
            "label file: label {i} is {l}, not a digit 0-9"
        )));
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn idx3(count: u32, rows: u32, cols: u32, pixels: &[u8]) -> Vec<u8> {
        let mut v = vec![0, 0, 8, 3];
        for d in [count, rows, cols] {
            v.extend_from_slice(&d.to_be_bytes());
        }
        v.extend_from_slice(pixels);
        v
    }

    #[test]
    fn decodes_a_hand_made_file_plain_and_gzipped() {
        let raw = idx3(2, 1, 2, &[0, 255, 7, 9]);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&raw).unwrap();
        let gz = gz.finish().unwrap();
        for bytes in [raw, gz] {
            let img = decode_images(&bytes).unwrap();
            assert_eq!((img.count, img.rows, img.cols), (2, 1, 2));
            assert_eq!(img.pixels, vec![0, 255, 7, 9]);
        }
        assert_eq!(
            decode_labels(&[0, 0, 8, 1, 0, 0, 0, 2, 3, 9]).unwrap(),
            vec![3, 9]
        );
    }

    #[test]
    fn rejects_corrupt_input() {
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (vec![], "truncated header"),
            (vec![0, 0, 8, 1, 0, 0], "truncated header"),
            (idx3(3, 1, 2, &[0, 1, 2, 3]), "truncated"),
            (idx3(1, 1, 2, &[0, 1, 2]), "unexpected bytes"),
            (
                vec![0, 0, 9, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1],
                "bad magic",
            ),
            (idx3(u32::MAX, u32::MAX, u32::MAX, &[]), "absurd dimensions"),
            (idx3(70_000, 28, 28, &[0; 10]), "truncated"),
            (vec![0x1f, 0x8b, 8, 0, 1, 2, 3], "corrupt gzip"),
        ];
        for (bytes, why) in cases {
            let err = decode_images(&bytes).unwrap_err().to_string();
            assert!(err.contains(why), "{err:?} should say {why:?}");
        }
        let err = decode_labels(&[0, 0, 8, 1, 0, 0, 0, 1, 10]).unwrap_err();
        assert!(err.to_string().contains("not a digit"));
    }
}
