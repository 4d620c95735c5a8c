//! `/console/audit`: the audit log for admins, filtered by a GET form so a filtered view can
//! be bookmarked and exported as it is.

use crate::api::console::load_audit_log;
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
    // The same filters, as the address of the CSV and of the next pages.
    let filters = move || FILTERS.iter().map(|f| format!("{f}={}", urlencode(&param(f)))).collect::<Vec<_>>().join("&");
    view! {
        <Title text=t(Key::AuditTitle)/>
        <p><a href="/console">"← "{t(Key::ConsoleTitle)}</a></p>
        <h1>{t(Key::AuditTitle)}</h1>
        <p class="muted">{t(Key::AuditIntro)}</p>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    log.await.map(|log| view! { <Log log chosen=param("action") actor=param("actor") from=param("from") to=param("to") filters=filters()/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

fn urlencode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
fn Log(log: AuditPage, chosen: String, actor: String, from: String, to: String, filters: String) -> impl IntoView {
    let prev = log.page.checked_sub(1).map(|p| format!("/console/audit?{filters}&page={p}"));
    let next = log.more.then(|| format!("/console/audit?{filters}&page={}", log.page + 1));
    view! {
        <form method="get" action="/console/audit" class="form card query" role="search">
            <div class="field">
                <label for="f-action">{t(Key::AuditAction)}</label>
                <select id="f-action" name="action">
                    <option value="">{t(Key::AuditAllActions)}</option>
                    {log.actions.into_iter().map(|a| {
                        let selected = a == chosen;
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
            <button type="submit" class="button">{t(Key::ServiceQueueFilter)}</button>
            <a class="button" href=format!("/console/audit.csv?{filters}") download="">{t(Key::ExportCsv)}</a>
        </form>
        {if log.entries.is_empty() {
            view! { <p class="card muted">{t(Key::AuditEmpty)}</p> }.into_any()
        } else {
            view! {
                <ol class="queue" data-testid="audit">
                    {log.entries.into_iter().map(|e| view! {
                        <li class="card">
                            <p><strong>{e.action}</strong>" · "{e.object}</p>
                            <p class="muted small">{e.when}" · "{e.actor}{e.community.map(|c| format!(" · {c}"))}</p>
                            {e.reason.map(|r| view! { <p><q>{r}</q></p> })}
                        </li>
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        <nav class="pager">
            {prev.map(|href| view! { <a class="button" href=href>{t(Key::PagePrevious)}</a> })}
            {next.map(|href| view! { <a class="button" href=href>{t(Key::PageNext)}</a> })}
        </nav>
    }
}
