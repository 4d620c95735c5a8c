use crate::api::projects::{CastBallot, EnterPaperBallot, load_my_ballot, load_paper_sheet, load_results};
use crate::components::form::{FormError, error_of, field_of, saves};
use crate::components::t;
use crate::error::AppError;
use crate::i18n::Key;
use crate::pages::{ErrorPanel, Loading};
use crate::projects::{BallotView, Fen, RoundResults};
use leptos::prelude::*;
use leptos_meta::Title;

/// My ballot: tick projects within the budget; the money left updates as I tick (the server
/// checks again, so the form also works without JavaScript).
#[component]
pub fn BallotPage() -> impl IntoView {
    let cast = ServerAction::<CastBallot>::new();
    let saved = saves(cast.value());
    let ballot = Resource::new(move || saved.get(), |_| load_my_ballot());
    view! {
        <Title text=t(Key::BallotTitle)/>
        <p><a href="/projects">"← "{t(Key::ProjectsTitle)}</a></p>
        <h1>{t(Key::BallotTitle)}</h1>
        <p class="muted">{t(Key::BallotIntro)}</p>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move { ballot.await.map(|b| view! { <BallotForm ballot=b cast/> }) })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn BallotForm(ballot: BallotView, cast: ServerAction<CastBallot>) -> impl IntoView {
    if ballot.items.is_empty() {
        return view! { <p class="card muted">{t(Key::BallotNothing)}</p> }.into_any();
    }
    let open = ballot.open;
    view! {
        <ActionForm action=cast attr:class="form card">
            <PicksError error=error_of(cast.value())/>
            <Picks ballot/>
            {open.then(|| view! { <button type="submit" class="button primary wide">{t(Key::BallotSubmit)}</button> })}
        </ActionForm>
    }
    .into_any()
}

/// What was wrong with the picks (over budget, none), said above them.
#[component]
fn PicksError(error: Signal<Option<AppError>>) -> impl IntoView {
    let picks = field_of(error, "picks");
    view! {
        <Show when=move || picks.with(Option::is_none)>
            <FormError error/>
        </Show>
        <Show when=move || picks.with(Option::is_some)>
            <p class="form-error" role="alert">{move || picks.get().map(t)}</p>
        </Show>
    }
}

/// The checkboxes and the money left as they are ticked: an island, the one part of the
/// ballot that runs in the browser (the server checks the budget again, so the form also
/// works without JavaScript).
#[island]
fn Picks(ballot: BallotView) -> impl IntoView {
    crate::components::provide_page_settings();
    let budget = ballot.budget;
    let costs: Vec<Fen> = ballot.items.iter().map(|i| i.cost).collect();
    let picked = RwSignal::new(ballot.items.iter().map(|i| i.picked).collect::<Vec<bool>>());
    let left = Memo::new(move |_| {
        let spent: Fen = picked.get().iter().zip(&costs).filter(|(p, _)| **p).map(|(_, c)| *c).sum();
        budget - spent
    });
    let open = ballot.open;
    view! {
            <p class="money-left" class:over=move || left.get() < Fen::ZERO aria-live="polite">
                {t(Key::BallotLeft)}": "<strong data-testid="money-left">{move || left.get().shown()}</strong>
                " / "{budget.shown()}
            </p>
            <p class="muted small">{t(Key::BallotCloses)}" "{ballot.closes.clone()}</p>
            {ballot.items.into_iter().enumerate().map(|(i, item)| {
                let id = format!("f-pick-{}", item.proposal.id);
                view! {
                    <div class="field checkbox ballot-item">
                        <input type="checkbox" id=id.clone() name=format!("picks[{i}]") value=item.proposal.id.to_string()
                            checked=item.picked disabled=!open
                            on:change=move |ev| picked.update(|p| p[i] = event_target_checked(&ev))/>
                        <label for=id>
                            <a href=format!("/projects/{}", item.proposal.id)>{item.proposal.title.clone()}</a>
                            <span class="muted small">" · "{item.cost.shown()}</span>
                        </label>
                    </div>
                }
            }).collect_view()}
    }
}

/// Staff copy a paper ballot collected door to door; each is entered once and counted apart.
#[component]
pub fn PaperBallotPage() -> impl IntoView {
    let paper = ServerAction::<EnterPaperBallot>::new();
    let saved = saves(paper.value());
    let sheet = Resource::new(move || saved.get(), |_| load_paper_sheet());
    view! {
        <Title text=t(Key::PaperTitle)/>
        <p><a href="/console">"← "{t(Key::ConsoleTitle)}</a></p>
        <h1>{t(Key::PaperTitle)}</h1>
        <p class="muted">{t(Key::PaperIntro)}</p>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    sheet.await.map(|ballot| {
                        let open = ballot.open && !ballot.items.is_empty();
                        view! {
                            <ActionForm action=paper attr:class="form card" attr:data-testid="paper-form">
                                <PicksError error=error_of(paper.value())/>
                                <Picks ballot/>
                                {open.then(|| view! { <button type="submit" class="button primary wide">{t(Key::PaperSubmit)}</button> })}
                            </ActionForm>
                        }
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// The vote's public result: counts, what was taken, what the money covered.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let results = Resource::new(|| (), |_| load_results());
    view! {
        <Title text=t(Key::ResultsTitle)/>
        <p><a href="/projects">"← "{t(Key::ProjectsTitle)}</a></p>
        <h1>{t(Key::ResultsTitle)}</h1>
        <Suspense fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move { results.await.map(|r| view! { <Results r/> }) })}
            </ErrorBoundary>
        </Suspense>
    }
}

#[component]
fn Results(r: RoundResults) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{r.round_title.clone()}</h2>
            <dl class="facts">
                <dt>{t(Key::ProjectsBudget)}</dt><dd>{r.budget.shown()}</dd>
                <dt>{t(Key::ResultsAllocated)}</dt><dd data-testid="allocated">{r.allocated.shown()}</dd>
                <dt>{t(Key::ResultsRemaining)}</dt><dd>{r.remaining.shown()}</dd>
                <dt>{t(Key::ResultsBallots)}</dt><dd>{r.ballots_online}" / "{r.ballots_paper}</dd>
            </dl>
        </section>
        <ol class="queue">
            {r.lines.into_iter().map(|l| view! {
                <li class="card" class:selected=l.selected data-testid="result">
                    <strong>{l.proposal.title.clone()}</strong>
                    <p class="muted small">
                        {l.cost.shown()}" · "{l.votes.total()}" "{t(Key::ResultsVotes)}
                        " ("{l.votes.online}" + "{l.votes.paper}")"
                    </p>
                    {if l.selected {
                        view! { <span class="badge state-selected">{t(Key::ProposalSelected)}</span> }.into_any()
                    } else if l.skipped_for_budget {
                        view! { <span class="badge state-not_selected">{t(Key::ResultsSkipped)}</span> }.into_any()
                    } else {
                        view! { <span class="badge state-not_selected">{t(Key::ProposalNotSelected)}</span> }.into_any()
                    }}
                </li>
            }).collect_view()}
        </ol>
    }
}
