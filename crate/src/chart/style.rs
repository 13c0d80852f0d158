//! How thick a chart draws its lines and how large its text: the style every chart is given.

/// Smallest and largest scale a [`Style`] keeps; beyond, a chart stops being readable.
pub const SCALE_LIMITS: (f64, f64) = (0.25, 8.0);

/// Least size of chart text, in pixels at scale 1 (CSS pixels on a screen: see [`Style::readable_text`]).
pub const MIN_TEXT_PX: f64 = 11.0;

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
        by_height.min(by_width).clamp(MIN_TEXT_PX, 64.0) * self.sanitised().text
    }

    /// The least text scale (≥ 1) at which chart text on a canvas of `width`×`height` device
    /// pixels, shown at `ratio` device pixels per CSS pixel, is at least [`MIN_TEXT_PX`] CSS
    /// pixels: a phone's small, dense canvas gets larger text; a 1× screen keeps scale 1. The
    /// target is rounded up to whole device pixels, since plotters writes axis labels in them.
    pub fn readable_text(width: u32, height: u32, ratio: f64) -> f64 {
        let ratio = if ratio.is_finite() && ratio > 0.0 {
            ratio
        } else {
            1.0
        };
        let at_one = Style::default().text_size(width, height);
        ((MIN_TEXT_PX * ratio).ceil() / at_one).clamp(1.0, SCALE_LIMITS.1)
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
    fn phone_text_is_made_readable() {
        // A 390-px phone at 3 device pixels per CSS pixel: a 361 × 241 CSS-px canvas is
        // 1083 × 723 device px; text at scale 1 is min(723/22, 1083/40) = 27.075 px = 9.025 CSS px,
        // so 11 CSS px needs 33/27.075.
        let k = Style::readable_text(1083, 723, 3.0);
        assert!((k - 33.0 / 27.075).abs() < 1e-12, "{k}");
        assert!((Style::new(1.0, k).text_size(1083, 723) / 3.0 - 11.0).abs() < 1e-9);
        // A 1× screen: the floor is already 11 px (text_size clamps at 11), so scale 1.
        assert_eq!(Style::readable_text(490, 130, 1.0), 1.0);
        // 2×: 880 × 440 gives min(20, 22) = 20 px = 10 CSS px, so 1.1; 1100 × 600 gives 27.3 px = 13.6 CSS px.
        assert!((Style::readable_text(880, 440, 2.0) - 1.1).abs() < 1e-12);
        assert_eq!(Style::readable_text(1100, 600, 2.0), 1.0);
        assert_eq!(Style::readable_text(100, 100, f64::NAN), 1.0);
        // A canvas of 1084 px for 361.22 CSS px (3.00095 per CSS px): 11 CSS px are 33.01 device
        // px, written as 34 whole ones; at scale 1 the text is min(722/22, 1084/40) = 27.1 px.
        let k = Style::readable_text(1084, 722, 1084.0 / 361.22);
        assert!((k - 34.0 / 27.1).abs() < 1e-12, "{k}");
    }

    #[test]
    fn lines_keep_a_pixel() {
        assert_eq!(Style::new(0.25, 1.0).thick(1), 1);
        assert_eq!(Style::new(2.0, 1.0).thick(3), 6);
    }
}
