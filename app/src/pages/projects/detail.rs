use crate::api::projects::{ActOnProposal, ReviewProposal, load_proposal};
use crate::components::form::{FormError, error_of};
use crate::components::t;
use crate::i18n::Key;
use crate::pages::{ErrorPanel, Loading};
use crate::projects::types::state_label;
use crate::projects::{ProposalAction, ProposalDetail};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ProposalPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or_default();
    let act = ServerAction::<ActOnProposal>::new();
    let review = ServerAction::<ReviewProposal>::new();
    let proposal =
        Resource::new(move || (id(), act.version().get(), review.version().get()), |(id, ..)| load_proposal(id));
    view! {
        <p><a href="/projects">"← "{t(Key::ProjectsTitle)}</a></p>
        <FormError error=error_of(act.value())/>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move { proposal.await.map(|p| view! { <Detail p act review/> }) })}
            </ErrorBoundary>
        </Transition>
    }
}

/// The buttons a person sees are the moves the state machine allows them.
fn button_label(action: ProposalAction) -> Option<Key> {
    match action {
        ProposalAction::Submit => Some(Key::ProposalActSubmit),
        ProposalAction::Support => Some(Key::ProposalActSupport),
        ProposalAction::Withdraw => Some(Key::ProposalActWithdraw),
        ProposalAction::Resubmit => Some(Key::ProposalActResubmit),
        _ => None,
    }
}

#[component]
fn Detail(p: ProposalDetail, act: ServerAction<ActOnProposal>, review: ServerAction<ReviewProposal>) -> impl IntoView {
    let s = &p.summary;
    let id = s.id.to_string();
    let reviewer = p.actions.contains(&ProposalAction::MarkFeasible);
    view! {
        <Title text=s.title.clone()/>
        <h1>{s.title.clone()}</h1>
        <p>
            <span class=format!("badge state-{}", s.state.as_str()) data-testid="proposal-state">{t(state_label(s.state))}</span>
            " "<span class="muted small">{t(s.category.label())}" · "{s.author.clone()}" · "{s.created.clone()}</span>
        </p>
        <section class="card">
            <p class="pre-wrap">{p.description.clone()}</p>
            <dl class="facts">
                <dt>{t(Key::ProposalFieldLocation)}</dt><dd>{p.location.clone()}</dd>
                <dt>{t(Key::ProposalFieldBeneficiaries)}</dt><dd>{p.beneficiaries.clone()}</dd>
                <dt>{t(Key::ProposalEstimatedCost)}</dt><dd>{s.estimated_cost.shown()}</dd>
                {s.reviewed_cost.map(|c| view! { <dt>{t(Key::ProposalReviewedCost)}</dt><dd>{c.shown()}</dd> })}
                <dt>{t(Key::ProposalSupportCount)}</dt>
                <dd data-testid="supports">{s.supports}" / "{s.threshold}</dd>
                {p.support_deadline.clone().map(|d| view! { <dt>{t(Key::ProposalSupportUntil)}</dt><dd>{d}</dd> })}
                {p.sub_committee.map(|sub| view! { <dt>{t(Key::ProposalRoutedTo)}</dt><dd>{t(sub.label())}</dd> })}
            </dl>
            {p.review_note.clone().map(|n| view! { <p class="notice">{t(Key::ProposalReviewNote)}": "{n}</p> })}
            {p.i_support.then(|| view! { <p class="form-ok">{t(Key::ProposalSupported)}</p> })}
        </section>
        <div class="actions stack">
            {p.actions.iter().filter_map(|a| button_label(*a).map(|label| (*a, label))).map(|(action, label)| {
                let id = id.clone();
                view! {
                    <ActionForm action=act>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="action" value=format!("{action:?}")/>
                        <button type="submit" class="button primary wide">{t(label)}</button>
                    </ActionForm>
                }
            }).collect_view()}
        </div>
        {reviewer.then(|| view! { <ReviewForm id=id.clone() review/> })}
        <section class="card">
            <h2>{t(Key::ProposalTimeline)}</h2>
            <ol class="timeline">
                {p.timeline.into_iter().map(|e| view! {
                    <li>
                        <strong>{t(e.what)}</strong>
                        <span class="muted small">" "{e.when}{e.who.map(|w| format!(" · {w}"))}</span>
                        {e.note.map(|n| view! { <p class="small">{n}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// For members of the routed sub-committee: feasible with a cost, or not, or changes.
#[component]
fn ReviewForm(id: String, review: ServerAction<ReviewProposal>) -> impl IntoView {
    let error = error_of(review.value());
    view! {
        <ActionForm action=review attr:class="form card" attr:data-testid="review-form">
            <h2>{t(Key::ReviewTitle)}</h2>
            <FormError error/>
            <input type="hidden" name="id" value=id/>
            <fieldset>
                <legend>{t(Key::ReviewDecision)}</legend>
                {[("feasible", Key::ReviewFeasible), ("unfeasible", Key::ReviewUnfeasible), ("changes", Key::ReviewChanges)]
                    .into_iter()
                    .map(|(value, label)| {
                        let input_id = format!("f-decision-{value}");
                        view! {
                            <div class="field checkbox">
                                <input type="radio" id=input_id.clone() name="decision" value=value required=true/>
                                <label for=input_id>{t(label)}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <div class="field">
                <label for="f-reviewed-cost">{t(Key::ReviewCostLabel)}</label>
                <input id="f-reviewed-cost" name="reviewed_cost" inputmode="decimal"/>
            </div>
            <div class="field">
                <label for="f-review-note">{t(Key::ReviewNoteLabel)}</label>
                <textarea id="f-review-note" name="note" rows="3" maxlength="200"></textarea>
            </div>
            <button type="submit" class="button primary wide">{t(Key::ReviewSubmit)}</button>
        </ActionForm>
    }
}
