//! Mutual-aid pages: my requests, a new request, one request, the volunteer board.

pub mod board;
pub mod detail;
pub mod new;

use crate::api::help::my_help_requests;
use crate::components::t;
use crate::help::{HelpRequestSummary, HelpState, Urgency};
use crate::i18n::Key;
use crate::pages::{ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_meta::Title;

/// One request in a list: what, how urgent, where, its state.
#[component]
pub fn RequestCard(summary: HelpRequestSummary, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let urgent = summary.urgency == Urgency::Urgent;
    view! {
        <li class="card request" class:urgent=urgent data-testid="request" data-state=summary.state.as_str()>
            <a class="request-link" href=format!("/help/{}", summary.id)>
                <span class="request-head">
                    <strong>{t(summary.category.label())}</strong>
                    <span class=format!("badge urgency-{}", summary.urgency.as_str())>{t(summary.urgency.label())}</span>
                </span>
                <span class="request-text">{summary.description.clone()}</span>
                <span class="muted small">
                    {summary.building.clone()}" · "{summary.requester_name.clone()}" · "{summary.created.clone()}
                    {(summary.escalation_level > 0).then(|| view! { " · " {t(Key::HelpEscalated)} })}
                </span>
                <StateBadge state=summary.state/>
            </a>
            {children.map(|c| c())}
        </li>
    }
}

#[component]
pub fn StateBadge(state: HelpState) -> impl IntoView {
    view! { <span class=format!("badge state-{}", state.as_str())>{t(state.label())}</span> }
}

#[component]
pub fn MyHelpPage() -> impl IntoView {
    let requests = Resource::new(|| (), |_| my_help_requests());
    view! {
        <Title text=t(Key::HelpMyTitle)/>
        <h1>{t(Key::HelpMyTitle)}</h1>
        <a class="button primary wide big" href="/help/new">{t(Key::HelpNewButton)}</a>
        <Suspense fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    requests.await.map(|list| {
                        if list.is_empty() {
                            view! { <p class="card muted">{t(Key::HelpNone)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="queue">
                                    {list.into_iter().map(|s| view! { <RequestCard summary=s/> }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}
