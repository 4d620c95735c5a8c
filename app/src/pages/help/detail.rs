use super::StateBadge;
use crate::api::help::{ActOnHelp, ThankVolunteer, help_request};
use crate::components::form::{Field, FormError, Stars, error_of};
use crate::components::t;
use crate::help::{HelpAction, HelpRequestDetail, HelpState};
use crate::i18n::Key;
use crate::pages::{ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn HelpDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or_default();
    let act = ServerAction::<ActOnHelp>::new();
    let thank = ServerAction::<ThankVolunteer>::new();
    let detail =
        Resource::new(move || (id(), act.version().get(), thank.version().get()), |(id, _, _)| help_request(id));
    let act_error = error_of(act.value());
    let thank_error = error_of(thank.value());
    view! {
        <Title text=t(Key::HelpMyTitle)/>
        <FormError error=act_error/>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    detail.await.map(|d| view! { <Detail detail=d act thank thank_error/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Detail(
    detail: HelpRequestDetail,
    act: ServerAction<ActOnHelp>,
    thank: ServerAction<ThankVolunteer>,
    thank_error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let s = detail.summary.clone();
    let id = s.id;
    let can = |a: HelpAction| detail.allowed.contains(&a);
    let simple = [HelpAction::Claim, HelpAction::Start, HelpAction::Confirm]
        .into_iter()
        .filter(|a| can(*a))
        .map(|a| {
            let label = match a {
                HelpAction::Claim => Key::HelpActClaim,
                HelpAction::Start => Key::HelpActStart,
                _ => Key::HelpActConfirm,
            };
            view! {
                <ActionForm action=act>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="action" value=format!("{a:?}")/>
                    <button type="submit" class="button primary wide big">{t(label)}</button>
                </ActionForm>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h1 class="request-title">{t(s.category.label())}" "<StateBadge state=s.state/></h1>
            <p class="request-text">{s.description.clone()}</p>
            <dl class="facts">
                <dt>{t(Key::HelpUrgency)}</dt><dd>{t(s.urgency.label())}</dd>
                <dt>{t(Key::PlacesBuilding)}</dt><dd>{s.building.clone()}" · "{s.requester_name.clone()}</dd>
                {detail.window.clone().map(|w| view! { <dt>{t(Key::HelpWindowFrom)}</dt><dd>{w}</dd> })}
                {detail.volunteer_name.clone().map(|v| view! { <dt>{t(Key::HelpVolunteer)}</dt><dd>{v}</dd> })}
                {detail.via_hotline.then(|| view! { <dt>"☎"</dt><dd>{t(Key::HelpViaHotline)}</dd> })}
            </dl>
        </section>
        {detail.contact.clone().map(|c| view! {
            <section class="card contact" data-testid="contact">
                <h2>{t(Key::HelpContact)}</h2>
                <a class="button call" href=format!("tel:{c}")>"☎ "{c.clone()}</a>
                <p>{detail.address.clone().unwrap_or_default()}</p>
            </section>
        })}
        {(detail.done_reported && s.state == HelpState::InProgress).then(|| view! {
            <p class="card notice" role="status">{t(Key::HelpDoneReported)}</p>
        })}
        <section class="actions-column">
            {simple}
            {can(HelpAction::ReportDone).then(|| view! {
                <ActionForm action=act attr:class="form card">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="action" value="ReportDone"/>
                    <Field name="minutes" label=Key::HelpMinutes error=error_of(act.value()) kind="number" inputmode="numeric" required=true/>
                    <button type="submit" class="button primary wide">{t(Key::HelpActReportDone)}</button>
                </ActionForm>
            })}
            {can(HelpAction::Release).then(|| view! {
                <details class="card">
                    <summary>{t(Key::HelpActRelease)}</summary>
                    <ActionForm action=act attr:class="form">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="action" value="Release"/>
                        <Field name="reason" label=Key::HelpReleaseReason error=error_of(act.value()) required=true/>
                        <button type="submit" class="button">{t(Key::HelpActRelease)}</button>
                    </ActionForm>
                </details>
            })}
            {can(HelpAction::Cancel).then(|| view! {
                <ActionForm action=act>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="action" value="Cancel"/>
                    <button type="submit" class="button danger wide">{t(Key::HelpActCancel)}</button>
                </ActionForm>
            })}
        </section>
        {detail.can_thank.then(|| view! {
            <section class="card">
                <h2>{t(Key::HelpThank)}</h2>
                <ActionForm action=thank attr:class="form">
                    <FormError error=thank_error/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <Stars name="rating" legend=Key::HelpRating/>
                    <Field name="thanks" label=Key::HelpThanksNote error=thank_error/>
                    <button type="submit" class="button primary wide">{t(Key::HelpThank)}</button>
                </ActionForm>
            </section>
        })}
        {detail.rating.map(|r| view! {
            <section class="card"><h2>{t(Key::HelpThanked)}" "{"★".repeat(r as usize)}</h2>
            <p>{detail.thanks.clone().unwrap_or_default()}</p></section>
        })}
        <section class="card">
            <h2>{t(Key::HelpTimeline)}</h2>
            <ol class="timeline" data-testid="timeline">
                {detail.timeline.iter().map(|e| view! {
                    <li>
                        <span class="muted small">{e.at.clone()}</span>
                        <strong>{t(e.what)}</strong>
                        <span class="muted">{e.who.clone()}</span>
                        {e.note.clone().map(|n| view! { <q>{n}</q> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
