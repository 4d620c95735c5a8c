//! Micro-project pages: the projects home, a new proposal, one proposal.

pub mod ballot;
mod delivery;
pub mod detail;
pub mod ledger;
pub mod new;

use crate::api::projects::{EndPhase, load_projects_home};
use crate::components::form::{FormError, error_of};
use crate::components::t;
use crate::i18n::Key;
use crate::pages::{ErrorPanel, Loading};
use crate::projects::types::state_label;
use crate::projects::{ProjectsHome, ProposalSummary, RoundPhase, RoundView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let end_phase = ServerAction::<EndPhase>::new();
    let query = use_query_map();
    let page = move || query.read().get("page").and_then(|p| p.parse::<u32>().ok()).unwrap_or(0);
    let home = Resource::new(move || (page(), end_phase.version().get()), |(page, _)| load_projects_home(page));
    view! {
        <Title text=t(Key::ProjectsTitle)/>
        <h1>{t(Key::ProjectsTitle)}</h1>
        <Suspense fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move { home.await.map(|h| view! { <Home home=h end_phase/> }) })}
            </ErrorBoundary>
        </Suspense>
    }
}

#[component]
fn Home(home: ProjectsHome, end_phase: ServerAction<EndPhase>) -> impl IntoView {
    let Some(round) = home.round else {
        return view! {
            <p class="card muted">{t(Key::ProjectsNoRound)}</p>
            {home.can_open_round.then(|| view! {
                <a class="button primary wide" href="/console/rounds/new">{t(Key::RoundNewTitle)}</a>
            })}
        }
        .into_any();
    };
    let phase = round.phase;
    let round_id = round.id;
    view! {
        <Round round/>
        {(phase == RoundPhase::Voting).then(|| view! {
            <a class="button primary wide big" href="/projects/ballot">{t(Key::BallotTitle)}</a>
        })}
        {(phase > RoundPhase::Voting).then(|| view! {
            <div class="actions row">
                <a class="button wide" href="/projects/results">{t(Key::ProjectsResultsLink)}</a>
                <a class="button wide" href="/projects/ledger">{t(Key::ProjectsLedgerLink)}</a>
            </div>
        })}
        {home.can_propose.then(|| view! {
            <a class="button primary wide big" href="/projects/new">{t(Key::ProjectsPropose)}</a>
        })}
        {if home.proposals.is_empty() {
            view! { <p class="card muted">{t(Key::ProjectsEmpty)}</p> }.into_any()
        } else {
            view! {
                <p class="muted small" data-testid="proposal-count">{t(Key::ProjectsCount)}" "{home.total}</p>
                <ul class="queue">
                    {home.proposals.into_iter().map(|p| view! { <ProposalCard proposal=p/> }).collect_view()}
                </ul>
            }.into_any()
        }}
        {home.more.then(|| view! {
            <a class="button wide" href=format!("/projects?page={}", home.page + 1)>{t(Key::ProjectsMore)}</a>
        })}
        {home.can_manage.then(|| view! {
            <ActionForm action=end_phase attr:class="form card" attr:data-testid="end-phase">
                <FormError error=error_of(end_phase.value())/>
                <input type="hidden" name="round" value=round_id/>
                <p class="hint">{t(Key::ProjectsEndPhaseHint)}</p>
                <button type="submit" class="button wide">{t(Key::ProjectsEndPhase)}</button>
            </ActionForm>
        })}
    }
    .into_any()
}

/// The round at the top: budget, rules, and where in its calendar it is.
#[component]
fn Round(round: RoundView) -> impl IntoView {
    let current = round.phase;
    view! {
        <section class="card round" data-testid="round">
            <h2>{round.title.clone()}</h2>
            <p><span class="badge phase">{t(current.label())}</span></p>
            <dl class="facts">
                <dt>{t(Key::ProjectsBudget)}</dt><dd data-testid="round-budget">{round.budget.shown()}</dd>
                <dt>{t(Key::ProjectsCostCap)}</dt><dd>{round.cost_cap.shown()}</dd>
                <dt>{t(Key::ProjectsThreshold)}</dt>
                <dd>{format!("{} / {} ", round.support_threshold, round.support_window_days)}{t(Key::ProjectsDays)}</dd>
            </dl>
            <ol class="schedule">
                {round.schedule.into_iter().map(|(phase, until)| view! {
                    <li class:current=phase == current>{t(phase.label())}<span class="muted small">" → "{until}</span></li>
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
pub fn ProposalCard(proposal: ProposalSummary) -> impl IntoView {
    let cost = proposal.reviewed_cost.unwrap_or(proposal.estimated_cost);
    view! {
        <li class="card request" data-testid="proposal" data-state=proposal.state.as_str()>
            <a class="request-link" href=format!("/projects/{}", proposal.id)>
                <span class="request-head">
                    <strong>{proposal.title.clone()}</strong>
                    <span class=format!("badge state-{}", proposal.state.as_str())>{t(state_label(proposal.state))}</span>
                </span>
                <span class="muted small">
                    {t(proposal.category.label())}" · "{cost.shown()}" · "{proposal.author.clone()}
                </span>
                {(proposal.threshold > 0).then(|| view! {
                    <span class="support-bar" aria-hidden="true">
                        <span style=format!("width:{}%", (proposal.supports * 100 / proposal.threshold.max(1)).min(100))></span>
                    </span>
                    <span class="small">{proposal.supports}" / "{proposal.threshold}" "{t(Key::ProjectsSupports)}</span>
                })}
            </a>
        </li>
    }
}
