//! The console dashboard: what needs someone now, and the weekly charts, for the communities
//! the caller's console covers. Charts are computed here from the rows; the page draws them.

use super::db::entities::{help_request, proposal, service_request};
use crate::authz::{self, Action, CommunityScope, Principal};
use crate::dashboard::{Bar, Chart, Dashboard, OVERDUE_DAYS, WEEKS};
use crate::error::{AppError, AppResult};
use crate::help::{HelpState, Urgency};
use crate::i18n::{Key, Locale};
use crate::projects::ProposalState;
use crate::services::ServiceRequestState;
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};

/// The Monday (Shenzhen time) of the week `t` falls in.
fn week_of(t: DateTime<Utc>) -> NaiveDate {
    let local = t.with_timezone(&FixedOffset::east_opt(8 * 3600).expect("a valid offset")).date_naive();
    local - Duration::days(local.weekday().num_days_from_monday() as i64)
}

/// The last `WEEKS` Mondays, oldest first.
fn weeks(now: DateTime<Utc>) -> Vec<NaiveDate> {
    let this = week_of(now);
    (0..WEEKS as i64).rev().map(|n| this - Duration::weeks(n)).collect()
}

/// Counts per week and series: `items` are (when, series index).
pub fn weekly(now: DateTime<Utc>, series: usize, items: impl Iterator<Item = (DateTime<Utc>, usize)>) -> Vec<Bar> {
    let weeks = weeks(now);
    let mut bars: Vec<Bar> =
        weeks.iter().map(|w| Bar { label: w.format("%m-%d").to_string(), values: vec![0; series] }).collect();
    for (t, s) in items {
        if let Some(i) = weeks.iter().position(|w| *w == week_of(t)) {
            bars[i].values[s.min(series - 1)] += 1;
        }
    }
    bars
}

pub fn median(mut xs: Vec<u32>) -> Option<u32> {
    if xs.is_empty() {
        return None;
    }
    xs.sort_unstable();
    let mid = xs.len() / 2;
    Some(if xs.len().is_multiple_of(2) { (xs[mid - 1] + xs[mid]) / 2 } else { xs[mid] })
}

/// Created, urgency, claimed, finished, state: what the help charts need of a request.
type HelpRow = (DateTime<Utc>, String, Option<DateTime<Utc>>, Option<DateTime<Utc>>, String);

pub async fn dashboard(
    db: &impl ConnectionTrait,
    who: &Principal,
    locale: Locale,
    now: DateTime<Utc>,
) -> AppResult<Dashboard> {
    authz::authorize(Some(who), Action::OpenConsole)?;
    let scope = authz::console_communities(who);
    if scope.is_empty() {
        return Err(AppError::Forbidden);
    }
    let verification = authz::scope_where(who, |community| Action::ViewVerificationQueue { community });
    let pending_verifications =
        if verification.is_empty() { 0 } else { super::accounts::count_pending(db, &verification).await? };
    let help = || help_request::Entity::find().filter(super::in_scope(help_request::Column::CommunityId, &scope));
    let unfinished = [HelpState::Open, HelpState::Claimed, HelpState::InProgress].map(HelpState::as_str);
    let open_help = help().filter(help_request::Column::State.eq(HelpState::Open.as_str())).count(db).await?;
    let escalated_help = help()
        .filter(help_request::Column::State.eq(HelpState::Open.as_str()))
        .filter(help_request::Column::EscalationLevel.gte(2))
        .count(db)
        .await?;
    let overdue_help = help()
        .filter(help_request::Column::State.is_in(unfinished))
        .filter(
            Condition::any().add(help_request::Column::WindowEnd.lt(now)).add(
                Condition::all()
                    .add(help_request::Column::WindowEnd.is_null())
                    .add(help_request::Column::CreatedAt.lt(now - Duration::days(OVERDUE_DAYS))),
            ),
        )
        .count(db)
        .await?;
    let awaiting_review = proposal::Entity::find()
        .filter(super::in_scope(proposal::Column::CommunityId, &scope))
        .filter(proposal::Column::State.eq(ProposalState::UnderReview.as_str()))
        .count(db)
        .await?;
    let open_states: Vec<&str> = ServiceRequestState::ALL.iter().filter(|s| s.is_open()).map(|s| s.as_str()).collect();
    let open_service_requests = service_request::Entity::find()
        .filter(super::in_scope(service_request::Column::CommunityId, &scope))
        .filter(service_request::Column::State.is_in(open_states))
        .count(db)
        .await?;
    let since = now - Duration::weeks(WEEKS as i64);
    let recent: Vec<HelpRow> = help()
        .select_only()
        .column(help_request::Column::CreatedAt)
        .column(help_request::Column::Urgency)
        .column(help_request::Column::ClaimedAt)
        .column(help_request::Column::FinishedAt)
        .column(help_request::Column::State)
        .filter(help_request::Column::CreatedAt.gte(since))
        .into_tuple()
        .all(db)
        .await?;
    let charts = vec![
        help_by_urgency(&recent, locale, now),
        time_to_claim(&recent, locale, now),
        volunteer_activity(&recent, locale, now),
        proposals_by_state(db, &scope, locale).await?,
        service_ratings(db, &scope, locale, now).await?,
    ];
    Ok(Dashboard {
        pending_verifications,
        open_help,
        escalated_help,
        overdue_help,
        awaiting_review,
        open_service_requests,
        charts,
    })
}

fn help_by_urgency(rows: &[HelpRow], locale: Locale, now: DateTime<Utc>) -> Chart {
    let urgencies = [Urgency::Urgent, Urgency::Today, Urgency::ThisWeek, Urgency::Anytime];
    let index = |raw: &str| urgencies.iter().position(|u| u.as_str() == raw).unwrap_or(3);
    Chart {
        title: Key::ChartHelpPerWeek.text(locale).to_owned(),
        series: urgencies.iter().map(|u| u.label().text(locale).to_owned()).collect(),
        bars: weekly(now, urgencies.len(), rows.iter().map(|r| (r.0, index(&r.1)))),
        unit: String::new(),
    }
}

fn time_to_claim(rows: &[HelpRow], locale: Locale, now: DateTime<Utc>) -> Chart {
    let bars = weeks(now)
        .into_iter()
        .map(|week| {
            let minutes: Vec<u32> = rows
                .iter()
                .filter(|r| week_of(r.0) == week)
                .filter_map(|r| Some((r.2? - r.0).num_minutes().max(0) as u32))
                .collect();
            Bar { label: week.format("%m-%d").to_string(), values: vec![median(minutes).unwrap_or(0)] }
        })
        .collect();
    Chart {
        title: Key::ChartMedianClaim.text(locale).to_owned(),
        series: vec![Key::ChartMinutes.text(locale).to_owned()],
        bars,
        unit: Key::ChartMinutesUnit.text(locale).to_owned(),
    }
}

/// Requests volunteers saw through to the end, per week they finished.
fn volunteer_activity(rows: &[HelpRow], locale: Locale, now: DateTime<Utc>) -> Chart {
    let resolved = rows.iter().filter(|r| r.4 == HelpState::Resolved.as_str()).filter_map(|r| Some((r.3?, 0)));
    Chart {
        title: Key::ChartVolunteerActivity.text(locale).to_owned(),
        series: vec![Key::HelpStateResolved.text(locale).to_owned()],
        bars: weekly(now, 1, resolved),
        unit: String::new(),
    }
}

async fn proposals_by_state(
    db: &impl ConnectionTrait,
    scope: &CommunityScope,
    locale: Locale,
) -> Result<Chart, sea_orm::DbErr> {
    let states: Vec<String> = proposal::Entity::find()
        .select_only()
        .column(proposal::Column::State)
        .filter(super::in_scope(proposal::Column::CommunityId, scope))
        .into_tuple()
        .all(db)
        .await?;
    let bars = ProposalState::ALL
        .into_iter()
        .filter(|s| s.is_live() || *s == ProposalState::Accepted)
        .map(|s| Bar {
            label: crate::projects::types::state_label(s).text(locale).to_owned(),
            values: vec![states.iter().filter(|x| x.as_str() == s.as_str()).count() as u32],
        })
        .filter(|b| b.total() > 0)
        .collect();
    Ok(Chart {
        title: Key::ChartProposalsByState.text(locale).to_owned(),
        series: vec![Key::ChartProposals.text(locale).to_owned()],
        bars,
        unit: String::new(),
    })
}

/// How residents rated services this quarter: how many gave each number of stars.
async fn service_ratings(
    db: &impl ConnectionTrait,
    scope: &CommunityScope,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Chart, sea_orm::DbErr> {
    let quarter = super::services::quarter_of(now);
    let rated: Vec<(Option<i16>, Option<DateTime<Utc>>)> = service_request::Entity::find()
        .select_only()
        .column(service_request::Column::Rating)
        .column(service_request::Column::RatedAt)
        .filter(super::in_scope(service_request::Column::CommunityId, scope))
        .filter(service_request::Column::RatedAt.gte(now - Duration::days(100)))
        .into_tuple()
        .all(db)
        .await?;
    let stars: Vec<i16> = rated
        .into_iter()
        .filter(|(_, at)| at.is_some_and(|t| super::services::quarter_of(t) == quarter))
        .filter_map(|(n, _)| n)
        .collect();
    let bars = (1..=5)
        .map(|n| Bar {
            label: "★".repeat(n as usize), values: vec![stars.iter().filter(|s| **s == n).count() as u32]
        })
        .collect();
    Ok(Chart {
        title: format!("{} {}", Key::ChartServiceRatings.text(locale), quarter),
        series: vec![Key::CsvCount.text(locale).to_owned()],
        bars,
        unit: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn weeks_start_on_monday_in_shenzhen() {
        // Sunday 22 Nov 2026, 17:00 UTC is Monday 23 Nov, 01:00 in Shenzhen.
        assert_eq!(week_of(at(2026, 11, 22, 17)), NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert_eq!(week_of(at(2026, 11, 22, 15)), NaiveDate::from_ymd_opt(2026, 11, 16).unwrap());
    }

    #[test]
    fn items_fall_in_their_week_and_old_ones_drop_out() {
        let now = at(2026, 11, 27, 2);
        let items =
            [(at(2026, 11, 26, 1), 0), (at(2026, 11, 25, 1), 1), (at(2026, 11, 17, 1), 0), (at(2025, 1, 1, 1), 0)];
        let bars = weekly(now, 2, items.into_iter());
        assert_eq!(bars.len(), WEEKS);
        assert_eq!(bars[WEEKS - 1].values, vec![1, 1]);
        assert_eq!(bars[WEEKS - 1].label, "11-23");
        assert_eq!(bars[WEEKS - 2].values, vec![1, 0]);
        assert_eq!(bars.iter().map(Bar::total).sum::<u32>(), 3, "a year-old item is not charted");
    }

    #[test]
    fn medians() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![9, 1, 5]), Some(5));
        assert_eq!(median(vec![4, 1, 10, 2]), Some(3));
    }
}
