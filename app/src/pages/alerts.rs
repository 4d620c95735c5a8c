use super::{ErrorPanel, Loading};
use crate::alerts::{AlertFeed, AlertView};
use crate::api::alerts::{HideAlert, PostAlert, ReplyToAlert, ReportAlert, load_alert_feed};
use crate::components::form::{FormError, FormKey, error_of, field_of};
use crate::components::t;
use crate::i18n::Key;
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Clone, Copy)]
struct AlertActions {
    reply: ServerAction<ReplyToAlert>,
    report: ServerAction<ReportAlert>,
    hide: ServerAction<HideAlert>,
}

#[component]
pub fn AlertsPage() -> impl IntoView {
    let post = ServerAction::<PostAlert>::new();
    let actions = AlertActions { reply: ServerAction::new(), report: ServerAction::new(), hide: ServerAction::new() };
    let feed = Resource::new(
        move || {
            (
                post.version().get(),
                actions.reply.version().get(),
                actions.report.version().get(),
                actions.hide.version().get(),
            )
        },
        |_| load_alert_feed(),
    );
    let post_error = error_of(post.value());
    let reply_error = error_of(actions.reply.value());
    let report_error = error_of(actions.report.value());
    let hide_error = error_of(actions.hide.value());
    view! {
        <Title text=t(Key::AlertsTitle)/>
        <h1>{t(Key::AlertsTitle)}</h1>
        <p class="muted">{t(Key::AlertsIntro)}</p>
        <FormError error=reply_error/>
        <FormError error=report_error/>
        <FormError error=hide_error/>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    feed.await.map(|f| view! { <Feed feed=f post post_error actions/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Feed(
    feed: AlertFeed,
    post: ServerAction<PostAlert>,
    post_error: Signal<Option<crate::error::AppError>>,
    actions: AlertActions,
) -> impl IntoView {
    let field_error = field_of(post_error, "body");
    view! {
        <ActionForm action=post attr:class="form card">
            <FormError error=post_error/>
            <FormKey/>
            <div class="field" class:has-error=move || field_error.get().is_some()>
                <label for="f-alert-body">{t(Key::AlertsBody)}</label>
                <textarea id="f-alert-body" name="body" rows="2" maxlength="140" required=true></textarea>
                <crate::components::form::FieldMessage id="f-alert-body-error".into() error=field_error/>
            </div>
            {feed.can_post_community.then(|| view! {
                <div class="field checkbox">
                    <input type="checkbox" id="f-whole" name="whole_community" value="yes"/>
                    <label for="f-whole">{t(Key::AlertsWholeCommunity)}</label>
                </div>
            })}
            <button type="submit" class="button primary wide">{t(Key::AlertsPost)}</button>
        </ActionForm>
        {if feed.alerts.is_empty() {
            view! { <p class="card muted">{t(Key::AlertsEmpty)}</p> }.into_any()
        } else {
            let moderate = feed.can_moderate;
            view! {
                <ul class="queue">
                    {feed.alerts.into_iter().map(|a| view! { <Alert alert=a moderate actions/> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn Alert(alert: AlertView, moderate: bool, actions: AlertActions) -> impl IntoView {
    let id = alert.id;
    let scope = alert.building.clone().unwrap_or_else(|| t(Key::AlertsCommunity).to_owned());
    view! {
        <li class="card alert" data-testid="alert" class:hidden-alert=alert.hidden_reason.is_some()>
            <p class="alert-body">{alert.body.clone()}</p>
            <p class="muted small">{alert.author.clone()}" · "{scope}" · "{alert.created.clone()}
                {alert.reports.map(|n| view! { " · " {t(Key::AlertsReports)} ": " {n} })}
            </p>
            {alert.hidden_reason.clone().map(|r| view! { <p class="notice">{t(Key::AlertsHidden)}": "{r}</p> })}
            <ul class="replies">
                {alert.replies.iter().map(|r| view! {
                    <li><strong>{r.author.clone()}</strong>" "{r.body.clone()}" "<span class="muted small">{r.created.clone()}</span></li>
                }).collect_view()}
            </ul>
            <details>
                <summary>{t(Key::AlertsReply)}</summary>
                <ActionForm action=actions.reply attr:class="form">
                    <FormKey/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <label for=format!("reply-{id}")>{t(Key::AlertsReplyLabel)}</label>
                    <input id=format!("reply-{id}") name="body" maxlength="140" required=true/>
                    <button type="submit" class="button">{t(Key::AlertsReply)}</button>
                </ActionForm>
            </details>
            <div class="actions">
                <ActionForm action=actions.report>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit" class="button small">{t(Key::AlertsReport)}</button>
                </ActionForm>
            </div>
            {(moderate && alert.hidden_reason.is_none()).then(|| view! {
                <details>
                    <summary>{t(Key::AlertsHide)}</summary>
                    <ActionForm action=actions.hide attr:class="form">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <label for=format!("hide-{id}")>{t(Key::AlertsHideReason)}</label>
                        <input id=format!("hide-{id}") name="reason" required=true/>
                        <button type="submit" class="button danger">{t(Key::AlertsHide)}</button>
                    </ActionForm>
                </details>
            })}
        </li>
    }
}
