//! How numbers are written on the charts.

/// What a chart prints instead of a value that is NaN or infinite.
pub(crate) const OVERFLOW: &str = "overflow";

/// Splits the 3-significant-digit scientific form of a finite, non-zero `v`
/// into its mantissa text and decimal exponent (after rounding).
fn sci3(v: f64) -> (String, i32) {
    let s = format!("{v:.2e}");
    match s.split_once('e') {
        Some((m, e)) => (m.to_string(), e.parse().unwrap_or(0)),
        None => (s, 0),
    }
}

/// `v` with 3 significant digits ("0.0657", "12.3", "6.57e-5"), or "overflow".
pub(crate) fn sig3(v: f64) -> String {
    if !v.is_finite() {
        return OVERFLOW.to_string();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    let (mantissa, exp) = sci3(v);
    if (-3..5).contains(&exp) {
        let decimals = (2 - exp).max(0) as usize;
        format!("{v:.decimals$}")
    } else {
        format!("{mantissa}e{exp}")
    }
}

/// Drops the trailing zeros of a decimal fraction ("0.0100" → "0.01", "2.50" → "2.5").
fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// A short axis tick label: `sig3` without trailing zeros ("0.01", "1e-5").
pub(crate) fn tick(v: f64) -> String {
    let s = sig3(v);
    match s.split_once('e') {
        Some((m, e)) => format!("{}e{e}", trim_zeros(m)),
        None => trim_zeros(&s).to_string(),
    }
}

/// `v` to one significant digit, as short as it gets (scientific from 1000 and below 0.01),
/// for a label with little room: "5e11", "2e3", "80", "0.1", "2e-4";
/// "overflow" and "0" as [`sig3`] writes them.
pub(crate) fn sig1(v: f64) -> String {
    if !v.is_finite() || v == 0.0 {
        return sig3(v);
    }
    let s = format!("{v:.0e}");
    let Some((m, e)) = s.split_once('e') else {
        return s;
    };
    let exp: i32 = e.parse().unwrap_or(0);
    if !(-2..3).contains(&exp) {
        return s;
    }
    let value = m.parse::<f64>().unwrap_or(0.0) * 10f64.powi(exp);
    let decimals = (-exp).max(0) as usize;
    format!("{value:.decimals$}")
}

/// `n` in superscript digits, for the layer index of δˡ ("12" → "¹²").
pub(crate) fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|c| c.to_digit(10).map_or(c, |d| DIGITS[d as usize]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_significant_digits() {
        assert_eq!(sig3(0.06574), "0.0657");
        assert_eq!(sig3(-0.06576), "-0.0658");
        assert_eq!(sig3(0.09996), "0.100");
        assert_eq!(sig3(12.34), "12.3");
        assert_eq!(sig3(1234.4), "1234");
        assert_eq!(sig3(6.574e-5), "6.57e-5");
        assert_eq!(sig3(2.0e300), "2.00e300");
        assert_eq!(sig3(f64::NAN), "overflow");
        assert_eq!(sig3(f64::NEG_INFINITY), "overflow");
        assert_eq!(sig3(0.0), "0");
    }

    #[test]
    fn one_significant_digit() {
        assert_eq!(sig1(4.768e11), "5e11");
        assert_eq!(sig1(1.907e10), "2e10");
        assert_eq!(sig1(7.63e8), "8e8");
        assert_eq!(sig1(1.93e-4), "2e-4");
        assert_eq!(sig1(48828.1), "5e4");
        assert_eq!(sig1(1953.1), "2e3");
        assert_eq!(sig1(78.1), "80");
        assert_eq!(sig1(9.6), "10");
        assert_eq!(sig1(0.125), "0.1");
        assert_eq!(sig1(-0.0031), "-3e-3");
        assert_eq!(sig1(0.031), "0.03");
        assert_eq!(sig1(f64::NAN), "overflow");
        assert_eq!(sig1(0.0), "0");
    }

    #[test]
    fn tick_labels_are_short() {
        assert_eq!(tick(0.01), "0.01");
        assert_eq!(tick(1.0), "1");
        assert_eq!(tick(100.0), "100");
        assert_eq!(tick(1e-5), "1e-5");
        assert_eq!(tick(2.5e-7), "2.5e-7");
    }

    #[test]
    fn superscripts() {
        assert_eq!(superscript(1), "¹");
        assert_eq!(superscript(12), "¹²");
    }
}
