//! SVG-parsing helpers for the chart tests: plotters' SVG text read back into
//! elements, attributes, texts, filled rectangles and stroked polylines.

use plotters::style::RGBColor;
use std::collections::HashMap;

/// One SVG element: its attributes and, for `<text>`, its content.
#[derive(Debug)]
pub struct El {
    pub attrs: HashMap<String, String>,
    pub text: String,
}

impl El {
    pub fn get(&self, key: &str) -> &str {
        self.attrs.get(key).map_or("", String::as_str)
    }
    pub fn num(&self, key: &str) -> f64 {
        self.get(key).parse().unwrap_or(f64::NAN)
    }
    /// Points of a `<polyline>`.
    pub fn points(&self) -> Vec<(f64, f64)> {
        self.get("points")
            .split_whitespace()
            .filter_map(|p| p.split_once(','))
            .map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap()))
            .collect()
    }
}

/// All elements `<tag ...>` of an SVG document, in drawing order.
pub fn elements(svg: &str, tag: &str) -> Vec<El> {
    let open = format!("<{tag} ");
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find(&open) {
        rest = &rest[i + open.len()..];
        let end = rest.find('>').expect("unterminated tag");
        let mut attrs = HashMap::new();
        let mut a = &rest[..end];
        while let Some(eq) = a.find("=\"") {
            let key = a[..eq].trim().to_string();
            let after = &a[eq + 2..];
            let close = after.find('"').expect("unterminated attribute");
            attrs.insert(key, after[..close].to_string());
            a = &after[close + 1..];
        }
        let text = if tag == "text" {
            let body = &rest[end + 1..];
            body[..body.find("</text>").unwrap_or(0)].trim().to_string()
        } else {
            String::new()
        };
        out.push(El { attrs, text });
    }
    out
}

pub fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

pub fn texts(svg: &str) -> Vec<String> {
    elements(svg, "text").into_iter().map(|t| t.text).collect()
}

pub fn filled_rects(svg: &str, c: RGBColor) -> Vec<El> {
    let fill = hex(c);
    elements(svg, "rect")
        .into_iter()
        .filter(|r| r.get("fill") == fill)
        .collect()
}

pub fn polylines(svg: &str, c: RGBColor) -> Vec<Vec<(f64, f64)>> {
    let stroke = hex(c);
    elements(svg, "polyline")
        .into_iter()
        .filter(|p| p.get("stroke") == stroke)
        .map(|p| p.points())
        .collect()
}

/// Asserts that each of `wanted` is the content of some `<text>` of `svg`.
pub fn assert_texts(svg: &str, wanted: &[&str]) {
    let t = texts(svg);
    for want in wanted {
        assert!(t.iter().any(|s| s == want), "missing {want:?}");
    }
}

/// Writes `svg` to /tmp/chart-`name`.svg for a human to look at.
pub fn keep(name: &str, svg: &str) {
    let _ = std::fs::write(std::env::temp_dir().join(format!("chart-{name}.svg")), svg);
}
