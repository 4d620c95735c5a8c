//! `/console/audit`: the audit log for admins, filtered by a GET form so a filtered view can
//! be bookmarked and exported as it is.

use crate::api::console::load_audit_log;
use crate::components::listing::{Filters, Matching, Pager, QueryForm};
use crate::components::t;
use crate::i18n::Key;
use crate::model::AuditPage;
use crate::pages::{ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const FILTERS: [&str; 4] = ["action", "actor", "from", "to"];

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let log = Resource::new(
        move || (FILTERS.map(param), param("page").parse::<u32>().unwrap_or(0)),
        |([action, actor, from, to], page)| load_audit_log(action, actor, from, to, page),
    );
    view! {
        <Title text=t(Key::AuditTitle)/>
        <p><a href="/console">"← "{t(Key::ConsoleTitle)}</a></p>
        <h1>{t(Key::AuditTitle)}</h1>
        <p class="muted">{t(Key::AuditIntro)}</p>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    let [action, actor, from, to] = FILTERS.map(param);
                    log.await.map(|log| view! { <Log log action actor from to/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Log(log: AuditPage, action: String, actor: String, from: String, to: String) -> impl IntoView {
    let filters = Filters::new([
        ("action", action.clone()),
        ("actor", actor.clone()),
        ("from", from.clone()),
        ("to", to.clone()),
    ]);
    let entries = log.entries;
    view! {
        <QueryForm path="/console/audit" csv=filters.href("/console/audit.csv", None)>
            <div class="field">
                <label for="f-action">{t(Key::AuditAction)}</label>
                <select id="f-action" name="action">
                    <option value="">{t(Key::AuditAllActions)}</option>
                    {log.actions.into_iter().map(|a| {
                        let selected = a == action;
                        view! { <option value=a.clone() selected=selected>{a.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-actor">{t(Key::AuditActor)}</label>
                <input id="f-actor" name="actor" type="search" value=actor/>
            </div>
            <div class="field">
                <label for="f-from">{t(Key::AuditFrom)}</label>
                <input id="f-from" name="from" type="date" value=from/>
            </div>
            <div class="field">
                <label for="f-to">{t(Key::AuditTo)}</label>
                <input id="f-to" name="to" type="date" value=to/>
            </div>
        </QueryForm>
        <Matching total=entries.total/>
        {if entries.items.is_empty() {
            view! { <p class="card muted">{t(Key::AuditEmpty)}</p> }.into_any()
        } else {
            view! {
                <ol class="queue" data-testid="audit">
                    {entries.items.into_iter().map(|e| view! {
                        <li class="card">
                            <p><strong>{e.action}</strong>" · "{e.object}</p>
                            <p class="muted small">{e.when}" · "{e.actor}{e.community.map(|c| format!(" · {c}"))}</p>
                            {e.reason.map(|r| view! { <p><q>{r}</q></p> })}
                        </li>
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        <Pager path="/console/audit" filters page=entries.page more=entries.more/>
    }
}
