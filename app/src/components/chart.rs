//! A bar chart as inline SVG, drawn during server rendering: no chart library in the
//! bundle, readable at phone width, with the numbers also in a table for screen readers.

use crate::dashboard::Chart;
use leptos::prelude::*;

/// Series colours: distinguishable for the common colour-vision deficiencies, and each at
/// least 3:1 against the white card.
const COLOURS: [&str; 4] = ["#b3261e", "#9a6700", "#0969da", "#57606a"];
const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 150.0;
const BASE: f64 = 128.0;
const TOP: f64 = 14.0;

#[component]
pub fn BarChart(chart: Chart, id: &'static str) -> impl IntoView {
    let max_total = chart.bars.iter().map(|b| b.total()).max().unwrap_or(0);
    let max = max_total.max(1) as f64;
    let n = chart.bars.len().max(1) as f64;
    let slot = WIDTH / n;
    let bar_width = (slot * 0.62).min(34.0);
    let scale = (BASE - TOP) / max;
    let title_id = format!("{id}-title");
    let unit = chart.unit.clone();
    let bars = chart.bars.iter().enumerate().map(|(i, bar)| {
        let x = i as f64 * slot + (slot - bar_width) / 2.0;
        let mut y = BASE;
        let segments = bar.values.iter().enumerate().filter(|(_, v)| **v > 0).map(|(s, v)| {
            let h = *v as f64 * scale;
            y -= h;
            view! {
                <rect x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{bar_width:.1}") height=format!("{h:.1}")
                    fill=COLOURS[s % COLOURS.len()]/>
            }
        }).collect_view();
        let centre = x + bar_width / 2.0;
        let total = bar.total();
        view! {
            <g>
                {segments}
                <text x=format!("{centre:.1}") y=format!("{:.1}", BASE - total as f64 * scale - 3.0) class="chart-value"
                    text-anchor="middle">{(total > 0).then(|| total.to_string())}</text>
                <text x=format!("{centre:.1}") y=format!("{:.1}", HEIGHT - 6.0) class="chart-label"
                    text-anchor="middle">{bar.label.clone()}</text>
            </g>
        }
    }).collect_view();
    view! {
        <figure class="card chart" data-testid=id>
            <figcaption id=title_id.clone()><strong>{chart.title.clone()}</strong></figcaption>
            {(max_total == 0).then(|| view! { <p class="muted">{crate::components::t(crate::i18n::Key::ChartNoData)}</p> })}
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby=title_id
                preserveAspectRatio="xMidYMid meet">
                <line x1="0" y1=BASE x2=WIDTH y2=BASE class="chart-axis"/>
                {bars}
            </svg>
            {(chart.series.len() > 1).then(|| view! {
                <ul class="chart-legend">
                    {chart.series.iter().enumerate().map(|(s, name)| view! {
                        <li><span class="swatch" style=format!("background:{}", COLOURS[s % COLOURS.len()])></span>{name.clone()}</li>
                    }).collect_view()}
                </ul>
            })}
            <table class="sr-only">
                <caption>{chart.title.clone()}</caption>
                <thead><tr><th scope="col"></th>{chart.series.iter().map(|s| view! { <th scope="col">{s.clone()}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {chart.bars.into_iter().map(|bar| {
                        let unit = unit.clone();
                        view! {
                            <tr><th scope="row">{bar.label}</th>
                            {bar.values.into_iter().map(|v| view! { <td>{v}" "{unit.clone()}</td> }).collect_view()}</tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </figure>
    }
}
