//! Micro-projects: rounds, proposals, supports, review.

use crate::error::AppResult;
use crate::projects::{
    BallotView, LedgerPage, ProjectsHome, ProposalAction, ProposalDetail, ReviewQueue, RoundResults,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The round form's fields (`round[title]` and so on), as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RoundForm {
    #[serde(default)]
    pub community: Option<i64>,
    pub title: String,
    pub budget: String,
    pub cost_cap: String,
    pub support_threshold: String,
    pub support_window_days: String,
    #[serde(default)]
    pub service: Option<String>,
    #[serde(default)]
    pub goods: Option<String>,
    #[serde(default)]
    pub works: Option<String>,
    pub collecting_until: String,
    pub review_until: String,
    pub notice_until: String,
    pub voting_until: String,
    pub implementation_until: String,
    pub evaluation_until: String,
}

/// The proposal form's fields (`proposal[title]` and so on), as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ProposalForm {
    pub title: String,
    pub description: String,
    pub category: String,
    pub location: String,
    pub estimated_cost: String,
    pub beneficiaries: String,
}

#[server(endpoint = "projects/home")]
pub async fn load_projects_home(#[server(default)] page: u32) -> AppResult<ProjectsHome> {
    respond(server::home(page).await)
}

#[server(endpoint = "projects/open-round")]
pub async fn open_round(round: RoundForm) -> AppResult<()> {
    respond(server::open_round(round).await)
}

#[server(endpoint = "projects/draft")]
pub async fn draft_proposal(proposal: ProposalForm) -> AppResult<()> {
    respond(server::draft(proposal).await)
}

#[server(endpoint = "projects/edit")]
pub async fn edit_proposal(id: i64, proposal: ProposalForm) -> AppResult<()> {
    respond(server::edit(id, proposal).await)
}

#[server(endpoint = "projects/detail")]
pub async fn load_proposal(id: i64) -> AppResult<ProposalDetail> {
    respond(server::detail(id).await)
}

/// Submit, support, withdraw, resubmit: the moves that need nothing but the click.
#[server(endpoint = "projects/act")]
pub async fn act_on_proposal(id: i64, action: ProposalAction) -> AppResult<()> {
    respond(server::act(id, action).await)
}

/// `decision`: `feasible` (with `reviewed_cost`), `unfeasible` or `changes` (with `note`).
#[server(endpoint = "projects/review")]
pub async fn review_proposal(
    id: i64,
    decision: String,
    #[server(default)] reviewed_cost: String,
    #[server(default)] note: String,
) -> AppResult<()> {
    respond(server::review(id, decision, reviewed_cost, note).await)
}

#[server(endpoint = "projects/review-queue")]
pub async fn load_review_queue() -> AppResult<ReviewQueue> {
    respond(server::review_queue().await)
}

#[server(endpoint = "projects/ballot")]
pub async fn load_my_ballot() -> AppResult<BallotView> {
    respond(server::my_ballot().await)
}

/// `picks[0]=12&picks[3]=15`: one indexed checkbox per project, so the form works without
/// JavaScript.
#[server(endpoint = "projects/cast")]
pub async fn cast_ballot(#[server(default)] picks: Vec<i64>) -> AppResult<()> {
    respond(server::cast(picks).await)
}

#[server(endpoint = "projects/paper-ballot")]
pub async fn enter_paper_ballot(
    #[server(default)] community: Option<i64>,
    #[server(default)] picks: Vec<i64>,
) -> AppResult<()> {
    respond(server::paper(community, picks).await)
}

/// A blank ballot for staff entering a paper one.
#[server(endpoint = "projects/paper-sheet")]
pub async fn load_paper_sheet() -> AppResult<BallotView> {
    respond(server::paper_sheet().await)
}

#[server(endpoint = "projects/results")]
pub async fn load_results() -> AppResult<RoundResults> {
    respond(server::results().await)
}

/// Ends the round's current phase now (committee and admins).
#[server(endpoint = "projects/end-phase")]
pub async fn end_phase(round: i64) -> AppResult<()> {
    respond(server::end_phase(round).await)
}

#[server(endpoint = "projects/start")]
pub async fn start_delivery(id: i64, provider: String) -> AppResult<()> {
    respond(server::start(id, provider).await)
}

/// `due`: `YYYY-MM-DD`.
#[server(endpoint = "projects/milestone")]
pub async fn add_milestone(id: i64, title: String, due: String) -> AppResult<()> {
    respond(server::add_milestone(id, title, due).await)
}

#[server(endpoint = "projects/milestone-done")]
pub async fn complete_milestone(milestone: i64) -> AppResult<()> {
    respond(server::complete_milestone(milestone).await)
}

/// `percent` of the work done and `spent` (yuan) so far, both cumulative.
#[server(endpoint = "projects/progress")]
pub async fn post_progress(id: i64, percent: String, spent: String, note: String) -> AppResult<()> {
    respond(server::progress(id, percent, spent, note).await)
}

/// `verdict`: `accept` (with an optional `rating`) or `not_done` (with a `comment`).
#[server(endpoint = "projects/accept")]
pub async fn judge_delivery(
    id: i64,
    verdict: String,
    #[server(default)] rating: String,
    #[server(default)] comment: String,
) -> AppResult<()> {
    respond(server::judge(id, verdict, rating, comment).await)
}

#[server(endpoint = "projects/ledger")]
pub async fn load_ledger() -> AppResult<LedgerPage> {
    respond(server::ledger().await)
}

#[server(endpoint = "projects/remove-photo")]
pub async fn remove_photo(photo: i64) -> AppResult<()> {
    respond(server::remove_photo(photo).await)
}

#[cfg(feature = "ssr")]
use crate::ssr::request::respond;

#[cfg(feature = "ssr")]
mod server {
    use super::{ProposalForm, RoundForm};
    use crate::domain::{
        Beneficiaries, Checks, MilestoneTitle, ProjectLocation, ProposalDescription, ProposalTitle, ProviderName,
        Reason, UpdateNote, parse_rating,
    };
    use crate::error::{AppError, AppResult};
    use crate::i18n::Key;
    use crate::model::CommunityId;
    use crate::projects::{
        BallotView, Fen, LedgerPage, ProjectCategory, ProjectsHome, ProposalAction, ProposalDetail, ReviewQueue,
        RoundResults,
    };
    use crate::ssr::db::in_write;
    use crate::ssr::projects::{self, Decision, NewRound, ProposalInput};
    use crate::ssr::quotas::{self, Posting};
    use crate::ssr::request::{self, state};
    use crate::ssr::{ballots, delivery, photos};
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};

    /// The end of a calendar day in Beijing, from `YYYY-MM-DD`.
    fn end_of_day(raw: &str) -> Result<DateTime<Utc>, Key> {
        let day = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| Key::FieldDate)?;
        let beijing = chrono::FixedOffset::east_opt(8 * 3600).expect("a valid offset");
        let end = day.and_hms_opt(23, 59, 59).ok_or(Key::FieldDate)?;
        Ok(beijing.from_local_datetime(&end).single().ok_or(Key::FieldDate)?.with_timezone(&Utc))
    }

    fn count(raw: &str, range: std::ops::RangeInclusive<u32>) -> Result<u32, Key> {
        raw.trim().parse::<u32>().ok().filter(|n| range.contains(n)).ok_or(Key::FieldCount)
    }

    fn parse_round(form: RoundForm, community: CommunityId, now: DateTime<Utc>) -> AppResult<NewRound> {
        let mut checks = Checks::default();
        let title = checks.field("round[title]", ProposalTitle::parse(&form.title));
        let budget = checks.field("round[budget]", Fen::parse(&form.budget));
        let cost_cap = checks.field("round[cost_cap]", Fen::parse(&form.cost_cap));
        let threshold = checks.field("round[support_threshold]", count(&form.support_threshold, 1..=10_000));
        let window = checks.field("round[support_window_days]", count(&form.support_window_days, 1..=365));
        let categories: Vec<ProjectCategory> = [
            (ProjectCategory::Service, &form.service),
            (ProjectCategory::Goods, &form.goods),
            (ProjectCategory::Works, &form.works),
        ]
        .into_iter()
        .filter_map(|(c, on)| on.as_ref().map(|_| c))
        .collect();
        if categories.is_empty() {
            checks.fail("round[service]", Key::FieldCategoryNotAllowed);
        }
        let dates = [
            ("round[collecting_until]", &form.collecting_until),
            ("round[review_until]", &form.review_until),
            ("round[notice_until]", &form.notice_until),
            ("round[voting_until]", &form.voting_until),
            ("round[implementation_until]", &form.implementation_until),
            ("round[evaluation_until]", &form.evaluation_until),
        ];
        let mut ends = Vec::with_capacity(6);
        let mut previous = now;
        for (field, raw) in dates {
            if let Some(end) = checks.field(field, end_of_day(raw)) {
                if end <= previous {
                    checks.fail(field, Key::FieldPhaseOrder);
                }
                previous = end;
                ends.push(end);
            }
        }
        if let (Some(budget), Some(cap)) = (budget, cost_cap)
            && cap > budget
        {
            checks.fail("round[cost_cap]", Key::FieldCostOverCap);
        }
        checks.finish()?;
        Ok(NewRound {
            community,
            title: title.expect("checked").into_inner(),
            budget: budget.expect("checked"),
            cost_cap: cost_cap.expect("checked"),
            support_threshold: threshold.expect("checked"),
            support_window_days: window.expect("checked"),
            categories,
            phase_ends: ends.try_into().map_err(|_| AppError::Internal)?,
        })
    }

    fn parse_proposal(form: ProposalForm) -> AppResult<ProposalInput> {
        let mut checks = Checks::default();
        let title = checks.field("proposal[title]", ProposalTitle::parse(&form.title));
        let description = checks.field("proposal[description]", ProposalDescription::parse(&form.description));
        let category =
            checks.field("proposal[category]", ProjectCategory::parse(&form.category).ok_or(Key::FieldRequired));
        let location = checks.field("proposal[location]", ProjectLocation::parse(&form.location));
        let estimated_cost = checks.field("proposal[estimated_cost]", Fen::parse(&form.estimated_cost));
        let beneficiaries = checks.field("proposal[beneficiaries]", Beneficiaries::parse(&form.beneficiaries));
        checks.finish()?;
        Ok(ProposalInput {
            title: title.expect("checked"),
            description: description.expect("checked"),
            category: category.expect("checked"),
            location: location.expect("checked"),
            estimated_cost: estimated_cost.expect("checked"),
            beneficiaries: beneficiaries.expect("checked"),
        })
    }

    pub async fn home(page: u32) -> AppResult<ProjectsHome> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        projects::home(&state.db, &who, page, state.clock.now()).await
    }

    pub async fn open_round(form: RoundForm) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let community = form.community.map(CommunityId).or(who.community).ok_or(AppError::Forbidden)?;
        let now = state.clock.now();
        let round = parse_round(form, community, now)?;
        in_write(&state.db, async |txn| projects::open_round(txn, &who, round, now).await).await?;
        leptos_axum::redirect("/projects");
        Ok(())
    }

    pub async fn draft(form: ProposalForm) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let input = parse_proposal(form)?;
        let now = state.clock.now();
        let id = in_write(&state.db, async |txn| projects::draft(txn, &who, input, now).await).await?;
        leptos_axum::redirect(&format!("/projects/{id}"));
        Ok(())
    }

    pub async fn edit(id: i64, form: ProposalForm) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let input = parse_proposal(form)?;
        let now = state.clock.now();
        in_write(&state.db, async |txn| projects::edit(txn, &who, id, input, now).await).await?;
        leptos_axum::redirect(&format!("/projects/{id}"));
        Ok(())
    }

    pub async fn detail(id: i64) -> AppResult<ProposalDetail> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        projects::detail(&state.db, &who, id, state.clock.now()).await
    }

    pub async fn act(id: i64, action: ProposalAction) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let now = state.clock.now();
        if action == ProposalAction::Support {
            quotas::check_address(&state)?;
        }
        in_write(&state.db, async |txn| match action {
            ProposalAction::Submit => projects::submit(txn, &who, id, now).await,
            ProposalAction::Support => {
                quotas::check(txn, &state.policy.limits, Posting::Support, who.account, now).await?;
                projects::support(txn, &who, id, now).await
            }
            ProposalAction::Withdraw => projects::withdraw(txn, &who, id, now).await,
            ProposalAction::Resubmit => projects::resubmit(txn, &who, id, now).await,
            ProposalAction::Deliver => delivery::deliver(txn, &who, id, now).await,
            _ => Err(AppError::Forbidden),
        })
        .await
    }

    pub async fn review(id: i64, decision: String, reviewed_cost: String, note: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let reason =
            |field: &str| Reason::parse(&note).map(Reason::into_inner).map_err(|k| AppError::invalid(field, k));
        let decision = match decision.as_str() {
            "feasible" => Decision::Feasible {
                reviewed_cost: Fen::parse(&reviewed_cost).map_err(|k| AppError::invalid("reviewed_cost", k))?,
            },
            "unfeasible" => Decision::Unfeasible { reason: reason("note")? },
            "changes" => Decision::ChangesRequested { what: reason("note")? },
            _ => return Err(AppError::invalid("decision", Key::FieldRequired)),
        };
        let now = state.clock.now();
        in_write(&state.db, async |txn| projects::review(txn, &who, id, decision, now).await).await
    }

    pub async fn my_ballot() -> AppResult<BallotView> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        ballots::my_ballot(&state.db, &who, state.clock.now()).await
    }

    pub async fn cast(picks: Vec<i64>) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let now = state.clock.now();
        in_write(&state.db, async |txn| ballots::cast(txn, &who, &picks, now).await.map(|_| ())).await?;
        request::flash(Key::BallotCast);
        Ok(())
    }

    pub async fn paper(community: Option<i64>, picks: Vec<i64>) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let community = match community {
            Some(id) => CommunityId(id),
            None => projects::viewing_community(&state.db, &who).await?.ok_or(AppError::Forbidden)?,
        };
        let now = state.clock.now();
        in_write(&state.db, async |txn| ballots::enter_paper(txn, &who, community, &picks, now).await).await?;
        request::flash(Key::PaperRecorded);
        Ok(())
    }

    pub async fn paper_sheet() -> AppResult<BallotView> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        ballots::paper_sheet(&state.db, &who, state.clock.now()).await
    }

    pub async fn results() -> AppResult<RoundResults> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        ballots::results(&state.db, &who).await
    }

    pub async fn review_queue() -> AppResult<ReviewQueue> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        projects::review_queue(&state.db, &who).await
    }
    pub async fn end_phase(round: i64) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let now = state.clock.now();
        in_write(&state.db, async |txn| projects::end_phase(txn, &who, round, now).await.map(|_| ())).await
    }

    pub async fn start(id: i64, provider: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let name = ProviderName::parse(&provider).map_err(|k| AppError::invalid("provider", k))?;
        let now = state.clock.now();
        in_write(&state.db, async |txn| delivery::start(txn, &who, id, name, now).await).await
    }

    pub async fn add_milestone(id: i64, title: String, due: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let mut checks = Checks::default();
        let title = checks.field("title", MilestoneTitle::parse(&title));
        let due = checks.field("due", end_of_day(&due));
        checks.finish()?;
        let (title, due) = (title.expect("checked"), due.expect("checked"));
        in_write(&state.db, async |txn| delivery::add_milestone(txn, &who, id, title, due).await).await
    }

    pub async fn complete_milestone(milestone: i64) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let now = state.clock.now();
        in_write(&state.db, async |txn| delivery::complete_milestone(txn, &who, milestone, now).await.map(|_| ())).await
    }

    pub async fn progress(id: i64, percent: String, spent: String, note: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let mut checks = Checks::default();
        let percent =
            checks.field("percent", percent.trim().parse::<u8>().ok().filter(|p| *p <= 100).ok_or(Key::FieldPercent));
        let spent = checks.field("spent", Fen::parse(&spent));
        let note = checks.field("note", UpdateNote::parse(&note));
        checks.finish()?;
        let (percent, spent, note) = (percent.expect("checked"), spent.expect("checked"), note.expect("checked"));
        let now = state.clock.now();
        in_write(&state.db, async |txn| {
            delivery::post_update(txn, &who, id, percent, spent, note, now).await.map(|_| ())
        })
        .await
    }

    pub async fn judge(id: i64, verdict: String, rating: String, comment: String) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        let accepted = match verdict.as_str() {
            "accept" => true,
            "not_done" => false,
            _ => return Err(AppError::invalid("verdict", Key::FieldRequired)),
        };
        let mut checks = Checks::default();
        let rating = if rating.trim().is_empty() { None } else { checks.field("rating", parse_rating(&rating)) };
        let comment = if comment.trim().is_empty() { None } else { checks.field("comment", Reason::parse(&comment)) };
        checks.finish()?;
        let now = state.clock.now();
        in_write(&state.db, async |txn| delivery::judge(txn, &who, id, accepted, rating, comment, now).await).await
    }

    pub async fn ledger() -> AppResult<LedgerPage> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        delivery::ledger(&state.db, &who).await
    }

    pub async fn remove_photo(photo: i64) -> AppResult<()> {
        let state = state()?;
        let who = request::signed_in(&state).await?;
        in_write(&state.db, async |txn| photos::remove(txn, &who, photo).await.map(|_| ())).await
    }
}
