//! How thick a chart draws its lines and how large its text: the style every chart is given.

/// Smallest and largest scale a [`Style`] keeps; beyond, a chart stops being readable.
pub const SCALE_LIMITS: (f64, f64) = (0.25, 8.0);

/// How many times thicker a chart draws its lines (`line`: the screen's pixel ratio, more on a
/// projector) and larger it writes its text (`text`). Both are 1 by default; a value out of
/// [`SCALE_LIMITS`] is clamped into them and one that is not finite reads as 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Line-width multiplier.
    pub line: f64,
    /// Text-size multiplier.
    pub text: f64,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            line: 1.0,
            text: 1.0,
        }
    }
}

/// `k` clamped to [`SCALE_LIMITS`], or 1 if it is not finite.
fn sanitise(k: f64) -> f64 {
    if k.is_finite() {
        k.clamp(SCALE_LIMITS.0, SCALE_LIMITS.1)
    } else {
        1.0
    }
}

impl Style {
    /// A style of lines `line` times thicker and text `text` times larger, both sanitised.
    pub fn new(line: f64, text: f64) -> Self {
        Style {
            line: sanitise(line),
            text: sanitise(text),
        }
    }

    /// The same style with both scales sanitised (the fields are public, so anything can be in them).
    pub fn sanitised(&self) -> Self {
        Style::new(self.line, self.text)
    }

    /// Width of a line `w` pixels wide at scale 1 (at least 1 pixel).
    pub fn thick(&self, w: u32) -> u32 {
        (f64::from(w) * self.sanitised().line).round().max(1.0) as u32
    }

    /// Font size (plotters units) of chart text on an area of `width`×`height` pixels.
    pub fn text_size(&self, width: u32, height: u32) -> f64 {
        let by_height = f64::from(height) / 22.0;
        let by_width = f64::from(width) / 40.0;
        by_height.min(by_width).clamp(11.0, 64.0) * self.sanitised().text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_sanitised() {
        assert_eq!(Style::default(), Style::new(1.0, 1.0));
        assert_eq!(Style::new(f64::NAN, f64::INFINITY), Style::default());
        assert_eq!(Style::new(1e9, 0.0), Style::new(8.0, 0.25));
        let wild = Style {
            line: f64::NAN,
            text: -3.0,
        };
        assert_eq!(wild.thick(3), 3);
        assert_eq!(wild.text_size(880, 440), 20.0 * 0.25);
    }

    #[test]
    fn lines_keep_a_pixel() {
        assert_eq!(Style::new(0.25, 1.0).thick(1), 1);
        assert_eq!(Style::new(2.0, 1.0).thick(3), 6);
    }
}
