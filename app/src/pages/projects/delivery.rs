//! The delivery tracker on a selected project: provider, progress, money, milestones,
//! updates with photos; the steward's forms; residents' acceptance.

use crate::api::projects::{
    ActOnProposal, AddMilestone, CompleteMilestone, JudgeDelivery, PostProgress, StartDelivery,
};
use crate::components::form::{FieldMessage, FormError, error_of, field_of, saves};
use crate::components::t;
use crate::i18n::Key;
use crate::projects::{AcceptanceView, DeliveryView, ProposalAction, ProposalState};
use leptos::prelude::*;

/// The server actions of the tracker; the page reloads the proposal when any finishes.
#[derive(Clone, Copy)]
pub struct DeliveryActions {
    pub start: ServerAction<StartDelivery>,
    pub milestone: ServerAction<AddMilestone>,
    pub milestone_done: ServerAction<CompleteMilestone>,
    pub progress: ServerAction<PostProgress>,
    pub judge: ServerAction<JudgeDelivery>,
}

impl DeliveryActions {
    pub fn new() -> DeliveryActions {
        DeliveryActions {
            start: ServerAction::new(),
            milestone: ServerAction::new(),
            milestone_done: ServerAction::new(),
            progress: ServerAction::new(),
            judge: ServerAction::new(),
        }
    }

    /// Successful answers of all of them: the proposal reloads after a save, while a refused
    /// form keeps what was typed.
    pub fn saves(&self) -> Memo<usize> {
        let all = [
            saves(self.start.value()),
            saves(self.milestone.value()),
            saves(self.milestone_done.value()),
            saves(self.progress.value()),
            saves(self.judge.value()),
        ];
        Memo::new(move |_| all.iter().map(|m| m.get()).sum())
    }
}

pub fn photo_list(ids: Vec<i64>) -> impl IntoView {
    (!ids.is_empty()).then(|| {
        view! {
            <div class="photos">
                {ids.into_iter().map(|id| view! {
                    <a href=format!("/photos/{id}")>
                        <img src=format!("/photos/{id}") alt=t(Key::PhotoAlt) loading="lazy" width="160" height="120"/>
                    </a>
                }).collect_view()}
            </div>
        }
    })
}

#[component]
pub fn Delivery(
    id: i64,
    state: ProposalState,
    d: DeliveryView,
    actions: DeliveryActions,
    act: ServerAction<ActOnProposal>,
    may_deliver: bool,
) -> impl IntoView {
    let steward = d.can_steward;
    let latest = d.updates.first().map(|u| u.id);
    view! {
        <section class="card" data-testid="delivery" aria-labelledby="delivery-title">
            <h2 id="delivery-title">{t(Key::DeliveryTitle)}</h2>
            <dl class="facts">
                <dt>{t(Key::DeliveryProvider)}</dt><dd data-testid="provider">{d.provider.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{t(Key::DeliveryProgress)}</dt><dd data-testid="progress">{d.percent}"%"</dd>
                <dt>{t(Key::DeliverySpent)}</dt><dd>{d.spent.shown()}" / "{d.allocated.shown()}</dd>
            </dl>
            <div class="support-bar" role="progressbar" aria-valuemin="0" aria-valuemax="100"
                aria-valuenow=d.percent aria-label=t(Key::DeliveryProgress)>
                <span style=format!("width:{}%", d.percent)></span>
            </div>
            {(!d.milestones.is_empty()).then(|| view! {
                <h3>{t(Key::DeliveryMilestones)}</h3>
                <ul class="milestones">
                    {d.milestones.iter().cloned().map(|m| {
                        let open = m.done.is_none();
                        view! {
                            <li class:done=!open>
                                <span>{if open { "○ " } else { "✓ " }}{m.title}</span>
                                <span class="muted small">" "{match m.done {
                                    Some(done) => format!("{} {done}", t(Key::DeliveryDone)),
                                    None => format!("{} {}", t(Key::DeliveryDue), m.due),
                                }}</span>
                                {(steward && open).then(|| view! {
                                    <ActionForm action=actions.milestone_done attr:class="inline">
                                        <input type="hidden" name="milestone" value=m.id/>
                                        <button type="submit" class="link small">{t(Key::DeliveryMilestoneDone)}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            <h3>{t(Key::DeliveryUpdates)}</h3>
            {if d.updates.is_empty() {
                view! { <p class="muted">{t(Key::DeliveryNoUpdates)}</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline">
                        {d.updates.into_iter().map(|u| {
                            let more_photos = steward && Some(u.id) == latest && u.photos.len() < 4;
                            view! {
                                <li>
                                    <strong>{u.percent}"%"</strong>
                                    <span class="muted small">" "{u.when}" · "{u.who}" · "{u.spent.shown()}</span>
                                    <p class="pre-wrap small">{u.note}</p>
                                    {photo_list(u.photos)}
                                    {more_photos.then(|| view! { <PhotoForm proposal=id update=u.id/> })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
        {d.acceptance.map(|a| view! { <Acceptance id a judge=actions.judge/> })}
        {steward.then(|| view! {
            <StewardForms id state actions act may_deliver percent=d.percent spent=d.spent.shown()/>
        })}
    }
}

#[component]
fn StewardForms(
    id: i64,
    state: ProposalState,
    actions: DeliveryActions,
    act: ServerAction<ActOnProposal>,
    may_deliver: bool,
    percent: u8,
    spent: String,
) -> impl IntoView {
    let start_error = error_of(actions.start.value());
    let progress_error = error_of(actions.progress.value());
    let milestone_error = error_of(actions.milestone.value());
    view! {
        {(state == ProposalState::Selected).then(|| view! {
            <ActionForm action=actions.start attr:class="form card" attr:data-testid="start-form">
                <h2>{t(Key::DeliveryStart)}</h2>
                <FormError error=start_error/>
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label for="f-provider">{t(Key::DeliveryProviderLabel)}</label>
                    <input id="f-provider" name="provider" required=true maxlength="60"/>
                    <FieldMessage id="f-provider-error".into() error=field_of(start_error, "provider")/>
                </div>
                <button type="submit" class="button primary wide">{t(Key::DeliveryStart)}</button>
            </ActionForm>
        })}
        {(state == ProposalState::InProgress).then(|| view! {
            <ActionForm action=actions.progress attr:class="form card" attr:data-testid="progress-form">
                <h2>{t(Key::DeliveryUpdatePost)}</h2>
                <FormError error=progress_error/>
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label for="f-percent">{t(Key::DeliveryPercentLabel)}</label>
                    <input id="f-percent" name="percent" type="number" min=percent max="100" value=percent required=true inputmode="numeric"/>
                    <FieldMessage id="f-percent-error".into() error=field_of(progress_error, "percent")/>
                </div>
                <div class="field">
                    <label for="f-spent">{t(Key::DeliverySpentLabel)}</label>
                    <input id="f-spent" name="spent" value=spent required=true inputmode="decimal"/>
                    <FieldMessage id="f-spent-error".into() error=field_of(progress_error, "spent")/>
                </div>
                <div class="field">
                    <label for="f-note">{t(Key::DeliveryNoteLabel)}</label>
                    <textarea id="f-note" name="note" rows="3" maxlength="500" required=true></textarea>
                    <FieldMessage id="f-note-error".into() error=field_of(progress_error, "note")/>
                </div>
                <button type="submit" class="button primary wide">{t(Key::DeliveryUpdatePost)}</button>
            </ActionForm>
            <ActionForm action=actions.milestone attr:class="form card">
                <h2>{t(Key::DeliveryMilestoneAdd)}</h2>
                <FormError error=milestone_error/>
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label for="f-milestone">{t(Key::DeliveryMilestoneTitle)}</label>
                    <input id="f-milestone" name="title" required=true maxlength="60"/>
                    <FieldMessage id="f-milestone-error".into() error=field_of(milestone_error, "title")/>
                </div>
                <div class="field">
                    <label for="f-due">{t(Key::DeliveryMilestoneDue)}</label>
                    <input id="f-due" name="due" type="date" required=true/>
                    <FieldMessage id="f-due-error".into() error=field_of(milestone_error, "due")/>
                </div>
                <button type="submit" class="button wide">{t(Key::DeliveryMilestoneAdd)}</button>
            </ActionForm>
        })}
        {may_deliver.then(|| view! {
            <ActionForm action=act>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="action" value="Deliver"/>
                <button type="submit" class="button primary wide big">{t(Key::DeliveryHandOver)}</button>
            </ActionForm>
        })}
    }
}

/// A photo upload: a plain multipart form, so it works on any phone browser.
#[component]
pub fn PhotoForm(proposal: i64, #[prop(optional, into)] update: Option<i64>) -> impl IntoView {
    view! {
        <form class="form card" method="post" action="/photos" enctype="multipart/form-data" data-testid="photo-form">
            <h2>{t(Key::PhotoAdd)}</h2>
            <input type="hidden" name="proposal" value=proposal/>
            {update.map(|u| view! { <input type="hidden" name="update" value=u/> })}
            <div class="field">
                <label for="f-photo">{t(Key::PhotoAdd)}</label>
                <p class="hint" id="f-photo-hint">{t(Key::PhotoHint)}</p>
                <input id="f-photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" required=true
                    aria-describedby="f-photo-hint"/>
            </div>
            <button type="submit" class="button wide">{t(Key::PhotoUpload)}</button>
        </form>
    }
}

#[component]
fn Acceptance(id: i64, a: AcceptanceView, judge: ServerAction<JudgeDelivery>) -> impl IntoView {
    let error = error_of(judge.value());
    view! {
        <section class="card" data-testid="acceptance" aria-labelledby="acceptance-title">
            <h2 id="acceptance-title">{t(Key::AcceptanceTitle)}</h2>
            <dl class="facts">
                <dt>{t(Key::AcceptanceUntil)}</dt><dd>{a.until}</dd>
                <dt>{t(Key::AcceptanceCounts)}</dt><dd data-testid="acceptance-counts">{a.accepted}" / "{a.not_done}</dd>
                <dt>{t(Key::AcceptanceNeeded)}</dt><dd>{a.needed}</dd>
            </dl>
            {(!a.objections.is_empty()).then(|| view! {
                <h3>{t(Key::AcceptanceObjections)}</h3>
                <ul>{a.objections.into_iter().map(|o| view! { <li class="small">{o}</li> }).collect_view()}</ul>
            })}
            {a.mine.map(|yes| view! {
                <p class="form-ok">{t(if yes { Key::AcceptanceMineYes } else { Key::AcceptanceMineNo })}</p>
            })}
            {a.can_judge.then(|| view! {
                <ActionForm action=judge attr:class="form" attr:data-testid="judge-form">
                    <FormError error/>
                    <input type="hidden" name="id" value=id/>
                    <fieldset>
                        <legend>{t(Key::AcceptanceTitle)}</legend>
                        <div class="field checkbox">
                            <input type="radio" id="f-verdict-accept" name="verdict" value="accept" required=true/>
                            <label for="f-verdict-accept">{t(Key::AcceptanceAccept)}</label>
                        </div>
                        <div class="field checkbox">
                            <input type="radio" id="f-verdict-not-done" name="verdict" value="not_done"/>
                            <label for="f-verdict-not-done">{t(Key::AcceptanceNotDone)}</label>
                        </div>
                    </fieldset>
                    <div class="field">
                        <label for="f-rating">{t(Key::AcceptanceRating)}</label>
                        <select id="f-rating" name="rating">
                            <option value="">"—"</option>
                            {(1..=5).rev().map(|n| view! { <option value=n>{"★".repeat(n)}" "{n}</option> }).collect_view()}
                        </select>
                        <FieldMessage id="f-rating-error".into() error=field_of(error, "rating")/>
                    </div>
                    <div class="field">
                        <label for="f-verdict-comment">{t(Key::AcceptanceComment)}</label>
                        <textarea id="f-verdict-comment" name="comment" rows="2" maxlength="200"></textarea>
                        <FieldMessage id="f-verdict-comment-error".into() error=field_of(error, "comment")/>
                    </div>
                    <button type="submit" class="button primary wide">{t(Key::AcceptanceSubmit)}</button>
                </ActionForm>
            })}
        </section>
    }
}

/// Whether the steward may hand over now: the state machine allows it and the work is at 100 %.
pub fn may_deliver(actions: &[ProposalAction], d: Option<&DeliveryView>) -> bool {
    actions.contains(&ProposalAction::Deliver) && d.is_some_and(|d| d.percent == 100)
}
