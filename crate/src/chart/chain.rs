//! The book's chain of one-neuron layers and eq. (122): each weight w_j above
//! its link, σ′(z_j) under its neuron, every factor w_j·σ′(z_j) coloured by
//! whether it shrinks or grows the gradient, the product written out with
//! numbers, and |∂C/∂b_j| of every layer on a log scale.

use super::chain_layout::{layout, pick, rows_for, subscript, widest_label, Layout};
use super::ranges::{decades, linear_axis, log_axis, log_range, on_log_axis};
use super::{
    clear, draw_legend, legend_width, plot_builder, short_value, sig1_value, style_mesh,
    text_style, text_width, ChartError, LegendEntry, Style,
};
use crate::chain::{Chain, ChainGradient, MAX_DEPTH};
use plotters::coord::Shift;
use plotters::drawing::DrawingArea;
use plotters::element::{Circle, PathElement, Rectangle, Text};
use plotters::prelude::{DrawingBackend, IntoLogRange};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor, WHITE};

/// Colour of a factor |w·σ′(z)| < 1, which shrinks the gradient.
pub const SHRINK_COLOR: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Colour of a factor |w·σ′(z)| > 1, which grows the gradient.
pub const GROW_COLOR: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Colour of a factor of size 1 (to 3 digits), or one that is not a number.
pub const NEUTRAL_COLOR: RGBColor = RGBColor(0x77, 0x77, 0x77);
/// Legend texts and colours of the factors: shrinking, growing, neither.
pub const LEGEND: [(&str, RGBColor); 3] = [
    ("shrinks (< 1)", SHRINK_COLOR),
    ("grows (> 1)", GROW_COLOR),
    ("= 1, or none", NEUTRAL_COLOR),
];
pub use super::chain_layout::ONE_ROW_DEPTH;

/// The most lines eq. (122) is written on under the figure.
const PRODUCT_LINES: usize = 3;

/// Colour of the neurons, links and text.
const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);

/// Colour of factor `f`: shrinks if |f| < 1, grows if |f| > 1, neutral if it prints as 1.
pub fn factor_color(f: f64) -> RGBColor {
    let m = f.abs();
    if (m - 1.0).abs() < 5e-4 || m.is_nan() {
        NEUTRAL_COLOR
    } else if m < 1.0 {
        SHRINK_COLOR
    } else {
        GROW_COLOR
    }
}

/// The rows (1 or 2) that [`draw_chain`] gives `chain` (gradient `g`) on a figure `width` pixels
/// wide in `style`, whatever its height.
pub fn rows(chain: &Chain, g: &ChainGradient, width: u32, style: &Style) -> usize {
    let depth = chain.w.len();
    let factors: Vec<f64> = (0..depth).map(|j| pick(&g.factors, j)).collect();
    let text = style.text_size(width, width); // as wide as tall: the width decides
    rows_for(
        depth,
        widest_label(chain, g, &factors, true),
        f64::from(width),
        text,
    )
}

/// Draws the chain `chain` with its gradient `g` (from `chain.gradient()`):
/// the figure, the product of eq. (122) and the bars of |∂C/∂b_j|, in `style`;
/// on the [`rows`] the figure's width gives it.
pub fn draw_chain<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
    chain: &Chain,
    g: &ChainGradient,
) -> Result<(), ChartError> {
    let text = clear(area, style)?;
    let (w, h) = area.dim_in_pixel();
    let (wf, hf) = (f64::from(w), f64::from(h));
    let depth = chain.w.len();
    if depth == 0 || depth > MAX_DEPTH {
        let note = format!("A chain has 1 to {MAX_DEPTH} layers");
        let note_style = text_style(text, INK, HPos::Center, VPos::Center);
        area.draw_text(&note, &note_style, (w as i32 / 2, h as i32 / 2))?;
        return Ok(());
    }
    let factors: Vec<f64> = (0..depth).map(|j| pick(&g.factors, j)).collect();
    let widest = widest_label(chain, g, &factors, true);
    let plain = widest_label(chain, g, &factors, false);
    let rows = rows_for(depth, widest, wf, style.text_size(w, w));
    let (layout, bars) = layout((wf, hf), (text, style), (depth, rows), (widest, plain));
    let base = layout.base;

    let legend_size = base.min(wf / 32.0);
    let legend: Vec<LegendEntry> = LEGEND
        .iter()
        .map(|&(label, color)| LegendEntry {
            label: label.to_string(),
            style: color.stroke_width((legend_size * 0.4).max(2.0) as u32),
            dashed: false,
        })
        .collect();
    let caption = "factor w·σ′(z):";
    let caption_style = text_style(legend_size, INK, HPos::Left, VPos::Center);
    let at = ((legend_size * 0.6) as i32, legend_size as i32);
    area.draw_text(caption, &caption_style, at)?;
    // The caption's measured width (text_width's estimate is generous: the third entry would not fit).
    let caption_width = area.estimate_text_size(caption, &caption_style)?.0;
    let left = legend_size * 1.4 + f64::from(caption_width);
    let mut at = (left as i32, (legend_size * 0.5) as i32);
    for entry in legend.chunks(1) {
        draw_legend(area, at, entry, legend_size)?;
        at.0 += legend_width(area, entry, legend_size)? as i32 + (legend_size * 0.9) as i32;
    }
    draw_figure(area, &layout, chain, g, &factors)?;
    let product_end = draw_product(area, &layout, g, &factors)?;
    if bars && hf - product_end > base * 8.0 {
        let bars = area.split_vertically(product_end + base * 0.4).1;
        draw_gradient_bars(&bars, (base, style), &g.grad_b, &factors)?;
    }
    Ok(())
}

/// Draws a_0, the neurons and C, the links, the labels and the factor brackets.
fn draw_figure<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    chain: &Chain,
    g: &ChainGradient,
    factors: &[f64],
) -> Result<(), ChartError> {
    let (size, r, at) = (layout.size, layout.r, &layout.at);
    let line = size * 1.25;
    let depth = factors.len();
    let pt = |(x, y): (f64, f64)| (x as i32, y as i32);
    let big = text_style(size * 1.15, INK, HPos::Center, VPos::Center);
    area.draw_text("a₀", &big, pt(at[0]))?;
    area.draw_text("C", &big, pt(at[depth + 1]))?;
    let label = text_style(size, INK, HPos::Center, VPos::Top);
    // `name` and `value` centred at `x`, one under the other from `top`.
    let pair = |(x, top): (f64, f64), name: &str, value: f64| -> Result<(), ChartError> {
        area.draw_text(name, &label, (x as i32, top as i32))?;
        let at = (x as i32, (top + line) as i32);
        Ok(area.draw_text(&short_value(value), &label, at)?)
    };
    let above = |y: f64| y - r - line * 2.1;
    let below = |y: f64| y + r + line * 0.3;
    let (input, cost) = (at[0], at[depth + 1]);
    pair((input.0, below(input.1)), "input", chain.a0)?;
    pair((cost.0, below(cost.1)), "cost", g.cost)?;
    let ink_line = INK.stroke_width(layout.style.thick(2));
    let ends = |(x0, x1): (f64, f64), y: f64| vec![(x0 as i32, y as i32), (x1 as i32, y as i32)];
    let last_link = (at[depth].0 + r, cost.0 - size * 0.7);
    area.draw(&PathElement::new(ends(last_link, cost.1), ink_line))?;
    let dc_da = format!("∂C/∂a{}", subscript(depth));
    let last_mid = (last_link.0 + last_link.1) / 2.0;
    pair((last_mid, above(cost.1)), &dc_da, g.dc_da)?;

    for j in 1..=depth {
        let (sub, f, (x, y)) = (subscript(j), factors[j - 1], at[j]);
        let from = layout.from(j);
        let link = (j > 1).then(|| factor_color(f).stroke_width(layout.style.thick(4)));
        let link = link.unwrap_or(ink_line);
        area.draw(&PathElement::new(ends((from, x - r), y), link))?;
        if layout.wrap == Some(j) {
            // The link leaves the first row at its right end and comes back on the left.
            let back = (
                at[j - 1].0 + r,
                area.dim_in_pixel().0 as f64 - layout.col * 0.25,
            );
            area.draw(&PathElement::new(ends(back, at[j - 1].1), link))?;
        }
        let mid = (from + x - r) / 2.0;
        pair((mid, above(y)), &format!("w{sub}"), pick(&chain.w, j - 1))?;
        let sigma = format!("σ′(z{sub})");
        pair((x, below(y)), &sigma, pick(&g.sigma_prime, j - 1))?;
        draw_neuron(area, layout, pt((x, y)), &sub)?;
        if j >= 2 {
            let color = factor_color(f);
            let x0 = if layout.wrap == Some(j) {
                from
            } else {
                from + size * 0.3
            };
            let (top, x1) = (above(y) - line * 0.35, x + r);
            let foot = top + line * 0.3;
            let shape = [(x0, foot), (x0, top), (x1, top), (x1, foot)];
            let shape = shape.map(|(x, y)| (x as i32, y as i32)).to_vec();
            area.draw(&PathElement::new(
                shape,
                color.stroke_width(layout.style.thick(3)),
            ))?;
            let style = text_style(size, color, HPos::Center, VPos::Bottom);
            let at = (((x0 + x1) / 2.0) as i32, (top - size * 0.2) as i32);
            let times = if layout.times { "× " } else { "" };
            area.draw_text(&format!("{times}{}", short_value(f)), &style, at)?;
        }
    }
    Ok(())
}

/// Draws neuron `sub` at `centre`: a white disc ringed in ink, b_j inside if it fits.
fn draw_neuron<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    centre: (i32, i32),
    sub: &str,
) -> Result<(), ChartError> {
    let (size, r) = (layout.size, layout.r);
    area.draw(&Circle::new(centre, r as i32, WHITE.filled()))?;
    let ring = INK.stroke_width(layout.style.thick(2));
    area.draw(&Circle::new(centre, r as i32, ring))?;
    if r >= size * 0.7 {
        let inside = text_style(size.min(r * 0.9), INK, HPos::Center, VPos::Center);
        area.draw_text(&format!("b{sub}"), &inside, centre)?;
    }
    Ok(())
}

/// Writes eq. (122) out with numbers under the figure, on two lines if one is
/// too long; returns the y under it.
fn draw_product<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    g: &ChainGradient,
    factors: &[f64],
) -> Result<f64, ChartError> {
    let last = subscript(factors.len());
    let last = format!("∂C/∂a{last}(= {})", short_value(g.dc_da));
    // The terms of the product, negative numbers in parentheses.
    let term = |v: f64| match short_value(v) {
        s if v < 0.0 => format!("({s})"),
        s => s,
    };
    let mut terms = vec![term(pick(&g.sigma_prime, 0))];
    terms.extend(factors.iter().skip(1).map(|&f| term(f)));
    terms.push(last);
    let head = "∂C/∂b₁ = ";
    let tail = format!(" = {}", short_value(pick(&g.grad_b, 0)));
    let room = f64::from(area.dim_in_pixel().0) - layout.base;
    let widest = |lines: &[String]| lines.iter().map(|l| text_width(l, 1.0)).fold(0.0, f64::max);
    // As few lines as keep the figure's text size (up to PRODUCT_LINES).
    let mut lines = product_lines(head, &terms, &tail, 1);
    for k in 2..=PRODUCT_LINES {
        if widest(&lines) * layout.base <= room {
            break;
        }
        lines = product_lines(head, &terms, &tail, k);
    }
    let widest = widest(&lines);
    let size = layout.base.min(room / widest).max(6.0);
    let style = text_style(size, INK, HPos::Center, VPos::Top);
    let x = area.dim_in_pixel().0 as i32 / 2;
    let mut y = layout.last_y() + layout.r + layout.size * 1.25 * 2.6;
    for l in &lines {
        area.draw_text(l, &style, (x, y as i32))?;
        y += size * 1.3;
    }
    Ok(y)
}

/// `head`, the `terms` joined by " × " and `tail` on `k` lines of about equal numbers of terms, each
/// line but the last ending in " ×".
fn product_lines(head: &str, terms: &[String], tail: &str, k: usize) -> Vec<String> {
    let chunks: Vec<&[String]> = terms.chunks(terms.len().div_ceil(k).max(1)).collect();
    let last = chunks.len().saturating_sub(1);
    (chunks.iter().enumerate())
        .map(|(i, chunk)| {
            let start = if i == 0 { head } else { "" };
            let end = if i == last { tail } else { " ×" };
            format!("{start}{}{end}", chunk.join(" × "))
        })
        .collect()
}

/// Draws a bar of |∂C/∂b_j| for each layer on a log axis, coloured by the
/// factor of the layer after it; "0" or "overflow" where there is no bar.
fn draw_gradient_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (size, style): (f64, &Style),
    grad_b: &[f64],
    factors: &[f64],
) -> Result<(), ChartError> {
    let depth = grad_b.len().min(factors.len());
    if depth == 0 {
        return Ok(());
    }
    let sizes: Vec<f64> = grad_b[..depth].iter().map(|v| v.abs()).collect();
    // A decade below the smallest bar, so that it never shrinks to nothing.
    let positive = sizes.iter().copied().filter(|&v| v > 0.0);
    let least = positive.fold(f64::NAN, f64::min);
    let range = log_range(sizes.iter().copied().chain([least / 10.0]));
    // Headroom above the whole decades for the label on the tallest bar.
    let top = range.end * (range.end / range.start).powf(0.08);
    let range = log_axis(range.start..top);
    // Plotters' ticks on 0.5…L + 0.5 with at most L labels fall on the layers 1…L.
    let x_range = linear_axis(0.5..depth as f64 + 0.5);
    let mut chart = plot_builder(area, size)
        .margin_right(size * 1.5)
        .build_cartesian_2d(x_range, range.clone().log_scale())?;
    let tick = |v: &f64| short_value(*v);
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, size, style)
        .disable_x_mesh()
        .x_desc("layer j")
        .y_desc("|∂C/∂b| (log scale)")
        .x_labels(depth)
        .y_labels((decades(&range) + 1).min(8))
        .x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .draw()?;
    for (j, &v) in sizes.iter().enumerate() {
        let x = j as f64 + 1.0;
        let after = factors.get(j + 1);
        let color = after.map_or(NEUTRAL_COLOR, |&f| factor_color(f));
        let (value, at) = if on_log_axis(v, &range) {
            let bar = [(x - 0.32, range.start), (x + 0.32, v)];
            chart.draw_series([Rectangle::new(bar, color.filled())])?;
            (v, v)
        } else {
            (pick(grad_b, j), range.start)
        };
        // The label fits its column; one that would shrink below 90 % of the text (ten layers on
        // a phone) gets one significant digit instead (the table under the figure has them all).
        let column = area.dim_in_pixel().0 as f64 / (depth as f64 + 1.0);
        let mut label = short_value(value);
        if column / text_width(&label, 1.0) < size * 0.9 {
            label = sig1_value(value);
        }
        let fit = column / text_width(&label, 1.0);
        let ink = text_style(size.min(fit), INK, HPos::Center, VPos::Bottom);
        chart.draw_series([Text::new(label, (x, at), ink)])?;
    }
    Ok(())
}
