//! The person's week as a picture (issue 16.2), drawn on the server as SVG so
//! it shows with no wasm and offline from the kept page. One row a day, real
//! hours left to right (the day the clocks change is an hour longer or
//! shorter), home hours shaded, a mark for each appointment and reporting time
//! that opens its page, today's row marked with a line at now. The same week
//! in words, day by day, is beside it for screen readers.

use crate::model::week::{Day, Mark, MarkKind, Week};
use crate::model::AppointmentKind;
use leptos::prelude::*;

const WIDTH: f64 = 320.0;
/// Where the day's bar starts (after its label), and how wide an hour is: the
/// longest day (25 hours) fills the row.
const BAR_X: f64 = 52.0;
const HOUR: f64 = (WIDTH - BAR_X - 6.0) / 25.0;
const AXIS: f64 = 22.0;
const ROW: f64 = 46.0;

/// The picture's kinds of mark, with the symbol each is drawn with and its words in the key.
fn symbol(kind: MarkKind) -> (&'static str, &'static str, &'static str) {
    use AppointmentKind::*;
    match kind {
        MarkKind::Appointment(Supervision | Induction) => ("i-probation", "#14507a", "Probation"),
        MarkKind::Appointment(JobCentre) => ("i-job", "#6f3c8f", "Job centre"),
        MarkKind::Appointment(Gp) => ("i-gp", "#b0180c", "Doctor (GP)"),
        MarkKind::Appointment(DrugAndAlcohol) => ("i-treatment", "#7a4f00", "Drug and alcohol support"),
        MarkKind::Appointment(Housing) => ("i-housing", "#2e6b30", "Housing"),
        MarkKind::Appointment(TrainingOrWork) => ("i-training", "#4a5152", "Training or work"),
        MarkKind::Appointment(Other) => ("i-other", "#4a5152", "Other appointment"),
        MarkKind::Reporting => ("i-report", "#0b0c0c", "Report in person"),
    }
}

/// The symbols, white on the mark's colour, about 14 units across.
const SYMBOLS: &str = r##"<defs>
<g id="i-probation" fill="#fff"><circle cy="-3" r="3"/><path d="M-5.5 6.5a5.5 5.5 0 0 1 11 0z"/></g>
<g id="i-job" fill="#fff"><rect x="-6" y="-3" width="12" height="8" rx="1"/><path d="M-2.5-3v-2.5h5v2.5" fill="none" stroke="#fff" stroke-width="1.6"/></g>
<g id="i-gp" fill="#fff"><path d="M-2-6h4v4h4v4h-4v4h-4v-4h-4v-4h4z"/></g>
<g id="i-treatment" fill="#fff"><rect x="-7" y="-3" width="14" height="6" rx="3" transform="rotate(-35)"/></g>
<g id="i-housing" fill="#fff"><path d="M-6.5 0.5l6.5-6.5 6.5 6.5v6h-13z"/></g>
<g id="i-training" fill="#fff"><path d="M-6.5-5h5.5v10h-5.5zM1-5h5.5v10h-5.5z"/></g>
<g id="i-other" fill="#fff"><circle r="3.5"/></g>
<g id="i-report" fill="#fff"><path d="M-4-6.5v13" stroke="#fff" stroke-width="1.8"/><path d="M-4-6.5h9l-2.5 3.5 2.5 3.5h-9z"/></g>
</defs>"##;

fn x_at(minute: u32) -> f64 {
    BAR_X + f64::from(minute) / 60.0 * HOUR
}

/// The whole picture as SVG text (escaping nothing: every value is a number,
/// a date or an address this module made).
pub fn week_svg(week: &Week) -> String {
    let height = AXIS + ROW * week.days.len() as f64 + 4.0;
    let mut svg = format!(
        r#"<svg class="week-picture" viewBox="0 0 {WIDTH} {height}" width="100%" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">{SYMBOLS}"#
    );
    // The hours across the top: 6 am, noon and 6 pm, with faint lines down.
    for (hour, label) in [(6, "6am"), (12, "12"), (18, "6pm")] {
        let x = x_at(hour * 60);
        svg.push_str(&format!(
            r##"<text x="{x:.1}" y="14" font-size="11" text-anchor="middle" fill="#4a5152">{label}</text><line x1="{x:.1}" y1="{AXIS}" x2="{x:.1}" y2="{:.1}" stroke="#b1b4b6" stroke-width="0.6"/>"##,
            height - 4.0
        ));
    }
    for (i, day) in week.days.iter().enumerate() {
        svg.push_str(&day_row(day, AXIS + ROW * i as f64, week));
    }
    svg.push_str("</svg>");
    svg
}

fn day_row(day: &Day, y: f64, week: &Week) -> String {
    let today = week.today == Some(day.date);
    let bar_end = x_at(day.hours * 60);
    let mut row = String::new();
    if today {
        row.push_str(&format!(
            r##"<rect class="week-today" x="1" y="{:.1}" width="{:.1}" height="{:.1}" rx="6" fill="#ffd23f" fill-opacity="0.35" stroke="#0b0c0c" stroke-width="1.5"/>"##,
            y + 1.0,
            WIDTH - 2.0,
            ROW - 2.0
        ));
    }
    let weight = if today { "700" } else { "400" };
    row.push_str(&format!(
        r##"<text x="6" y="{:.1}" font-size="13" font-weight="{weight}" fill="#0b0c0c">{}</text>"##,
        y + 28.0,
        day.date.strftime("%a %-d")
    ));
    row.push_str(&format!(
        r##"<rect x="{BAR_X}" y="{:.1}" width="{:.1}" height="32" fill="#ffffff" stroke="#4a5152" stroke-width="1"/>"##,
        y + 7.0,
        bar_end - BAR_X
    ));
    for &(from, to) in &day.curfew {
        let shade = format!(
            r##"<rect class="week-home" data-from="{from}" data-to="{to}" x="{:.1}" y="{:.1}" width="{:.1}" height="32" fill="#2b3a67" fill-opacity="0.55"/>"##,
            x_at(from),
            y + 7.0,
            x_at(to) - x_at(from)
        );
        match &day.curfew_href {
            Some(href) => row.push_str(&format!(r#"<a href="{href}" tabindex="-1">{shade}</a>"#)),
            None => row.push_str(&shade),
        }
    }
    if today {
        let x = x_at(week.now_minute);
        row.push_str(&format!(
            r##"<line class="week-now" x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="#b0180c" stroke-width="3"/>"##,
            y + 3.0,
            y + ROW - 3.0
        ));
    }
    // On the bar's middle; marks close together sit one up, one down, so each can be tapped.
    let mut last_x = f64::MIN;
    let mut lane = 0.0;
    for mark in &day.marks {
        let x = x_at(mark.minute);
        lane = if x - last_x >= 22.0 {
            0.0
        } else if lane < 0.0 {
            9.0
        } else {
            -9.0
        };
        last_x = x;
        row.push_str(&mark_svg(mark, x, y + 23.0 + lane));
    }
    row
}

fn mark_svg(mark: &Mark, x: f64, y: f64) -> String {
    let (symbol, colour, _) = symbol(mark.kind);
    format!(
        r##"<a class="week-mark" href="{}" tabindex="-1" data-minute="{}"><rect x="{:.1}" y="{:.1}" width="26" height="26" fill="transparent"/><circle cx="{x:.1}" cy="{y:.1}" r="11" fill="{colour}" stroke="#ffffff" stroke-width="2"/><use href="#{symbol}" x="{x:.1}" y="{y:.1}"/></a>"##,
        mark.href,
        mark.minute,
        x - 13.0,
        y - 13.0
    )
}

/// The key: the shading and each kind of mark this week has, in words.
fn key(week: &Week) -> Vec<(Option<MarkKind>, &'static str)> {
    let mut kinds: Vec<MarkKind> = Vec::new();
    for mark in week.days.iter().flat_map(|d| &d.marks) {
        if !kinds.iter().any(|k| symbol(*k).0 == symbol(mark.kind).0) {
            kinds.push(mark.kind);
        }
    }
    let home = week.days.iter().any(|d| !d.curfew.is_empty()).then_some((None, "Be at home"));
    home.into_iter().chain(kinds.into_iter().map(|k| (Some(k), symbol(k).2))).collect()
}

#[component]
pub fn WeekPicture(week: Week) -> impl IntoView {
    let Some(today) = week.today else { return ().into_any() };
    let svg = week_svg(&week);
    let key = key(&week);
    let words: Vec<String> = week.days.iter().map(|d| d.words(today)).collect();
    view! {
        <section class="card week" aria-labelledby="week-heading">
            <h2 id="week-heading">"Your week"</h2>
            <div class="week-frame" inner_html=svg></div>
            <ul class="week-key" aria-hidden="true">
                {key
                    .into_iter()
                    .map(|(kind, label)| {
                        let swatch = match kind {
                            None => {
                                r##"<svg viewBox="0 0 24 24" width="24" height="24"><rect width="24" height="24" fill="#2b3a67" fill-opacity="0.55"/></svg>"##
                                    .to_owned()
                            }
                            Some(k) => {
                                let (symbol, colour, _) = symbol(k);
                                format!(
                                    r##"<svg viewBox="-12 -12 24 24" width="24" height="24"><circle r="11" fill="{colour}"/><use href="#{symbol}"/></svg>"##
                                )
                            }
                        };
                        view! { <li><span inner_html=swatch></span>{label}</li> }
                    })
                    .collect_view()}
            </ul>
            <ol class="visually-hidden">{words.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ol>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::week::{CurfewHours, WeekData};
    use crate::model::ConditionId;

    #[test]
    fn the_picture_draws_each_days_home_hours_and_the_now_line() {
        let curfews =
            [(ConditionId(4), CurfewHours { start: "19:00".parse().unwrap(), end: "07:00".parse().unwrap() })];
        let week = Week::build(
            "2026-10-22T11:00:00Z".parse().unwrap(),
            &WeekData { curfews: &curfews, appointments: &[], reporting: &[] },
        );
        let svg = week_svg(&week);
        assert_eq!(svg.matches(r#"class="week-home""#).count(), 14, "morning and evening on each of 7 days");
        assert!(svg.contains(r#"data-from="0" data-to="480""#), "Sunday morning: 8 real hours");
        assert_eq!(svg.matches(r#"class="week-now""#).count(), 1);
        assert_eq!(svg.matches(r#"class="week-today""#).count(), 1);
        assert!(svg.contains(">Sun 25<"));
        assert_eq!(key(&week), [(None, "Be at home")]);
    }
}
