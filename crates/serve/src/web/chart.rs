//! A small bar chart of mentions per month, as inline SVG (no script, no external image; the
//! Content-Security-Policy allows neither).

use super::markup::escape;
use newsloom_store::MonthCount;
use std::fmt::Write;

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 140.0;
const AXIS: f64 = 18.0;

/// The chart of `months` (oldest first), or an empty string when there is nothing to draw.
pub fn months(months: &[MonthCount]) -> String {
    if months.is_empty() {
        return String::new();
    }
    let max = months.iter().map(|m| m.articles).max().unwrap_or(1).max(1) as f64;
    let slot = WIDTH / months.len() as f64;
    let bar = (slot * 0.8).clamp(1.0, 48.0);
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"Articles per month\">"
    );
    for (i, m) in months.iter().enumerate() {
        let h = (HEIGHT - AXIS - 16.0) * m.articles as f64 / max;
        let x = i as f64 * slot + (slot - bar) / 2.0;
        let y = HEIGHT - AXIS - h;
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\"><title>{}: {} article{}, {} mention{}</title></rect>",
            escape(&m.month),
            m.articles,
            if m.articles == 1 { "" } else { "s" },
            m.mentions,
            if m.mentions == 1 { "" } else { "s" },
        );
        if months.len() <= 24 {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x + bar / 2.0,
                (y - 3.0).max(10.0),
                m.articles
            );
        }
    }
    let first = escape(&months[0].month);
    let last = escape(&months[months.len() - 1].month);
    let _ = write!(svg, "<text x=\"0\" y=\"{}\">{first}</text>", HEIGHT - 4.0);
    if months.len() > 1 {
        let _ = write!(
            svg,
            "<text x=\"{WIDTH}\" y=\"{}\" text-anchor=\"end\">{last}</text>",
            HEIGHT - 4.0
        );
    }
    svg.push_str("</svg>");
    svg
}
