use super::delivery::{Delivery, DeliveryActions, PhotoForm, may_deliver, photo_list};
use crate::api::projects::{ActOnProposal, RemovePhoto, ReviewProposal, load_proposal};
use crate::components::discussion::Discussion;
use crate::components::form::{FormError, error_of, saves};
use crate::components::t;
use crate::deliberation::Subject;
use crate::i18n::Key;
use crate::pages::{ErrorPanel, Loading};
use crate::projects::types::state_label;
use crate::projects::{ProposalAction, ProposalDetail};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ProposalPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or_default();
    let act = ServerAction::<ActOnProposal>::new();
    let review = ServerAction::<ReviewProposal>::new();
    let remove = ServerAction::<RemovePhoto>::new();
    let delivery = DeliveryActions::new();
    let saved = [saves(act.value()), saves(review.value()), saves(remove.value()), delivery.saves()];
    let proposal =
        Resource::new(move || (id(), saved.iter().map(|m| m.get()).sum::<usize>()), |(id, _)| load_proposal(id));
    // The photo form is a plain post; the server says how it went in the address.
    let query = use_query_map();
    let photo_said = move || {
        query.read().get("photo").map(|said| match said.as_str() {
            "added" => (true, Key::PhotoAdded),
            code => (false, Key::ALL.iter().copied().find(|k| format!("{k:?}") == code).unwrap_or(Key::ErrInternal)),
        })
    };
    view! {
        <p><a href="/projects">"← "{t(Key::ProjectsTitle)}</a></p>
        <FormError error=error_of(act.value())/>
        {move || photo_said().map(|(ok, key)| view! {
            <p class=if ok { "form-ok" } else { "form-error" } role="status">{t(key)}</p>
        })}
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    proposal.await.map(|p| view! { <Detail p act review remove delivery/> })
                })}
            </ErrorBoundary>
        </Transition>
        <Discussion subject=Subject::Proposal(id())/>
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
fn Detail(
    p: ProposalDetail,
    act: ServerAction<ActOnProposal>,
    review: ServerAction<ReviewProposal>,
    remove: ServerAction<RemovePhoto>,
    delivery: DeliveryActions,
) -> impl IntoView {
    let s = &p.summary;
    let proposal_id = s.id;
    let state = s.state;
    let id = s.id.to_string();
    let reviewer = p.actions.contains(&ProposalAction::MarkFeasible);
    let editable = p.actions.contains(&ProposalAction::Edit);
    let deliverable = may_deliver(&p.actions, p.delivery.as_ref());
    let photos = p.photos.clone();
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
            {if editable {
                view! {
                    <div class="photos">
                        {photos.into_iter().map(|photo| view! {
                            <figure>
                                <img src=format!("/photos/{photo}") alt=t(Key::PhotoAlt) loading="lazy" width="160" height="120"/>
                                <ActionForm action=remove>
                                    <input type="hidden" name="photo" value=photo/>
                                    <button type="submit" class="link small">{t(Key::PhotoRemove)}</button>
                                </ActionForm>
                            </figure>
                        }).collect_view()}
                    </div>
                    <a class="button wide" href=format!("/projects/{proposal_id}/edit")>{t(Key::ProposalEdit)}</a>
                }.into_any()
            } else {
                photo_list(photos).into_any()
            }}
        </section>
        {p.can_add_photo.then(|| view! { <PhotoForm proposal=proposal_id/> })}
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
        {p.delivery.map(|d| view! { <Delivery id=proposal_id state d actions=delivery act may_deliver=deliverable/> })}
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
