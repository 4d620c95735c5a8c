//! The service centre's queue of service requests, and the committee's supervision of
//! ratings per service and quarter.

use crate::api::services::{ActOnServiceRequest, load_service_queue, load_supervision};
use crate::components::form::{FormError, error_of, saves};
use crate::components::listing::{Filters, Matching, Pager, QueryForm, SearchField};
use crate::components::t;
use crate::i18n::Key;
use crate::pages::services::StateBadge;
use crate::pages::{ErrorPanel, Loading};
use crate::services::{ServiceAction, ServiceQueue, ServiceQueueItem, ServiceRequestState, SupervisionPage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/console/services?state=&q=&page=`: a GET form, so filters are bookmarkable and work
/// without JavaScript.
#[component]
pub fn ServiceQueuePage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let act = ServerAction::<ActOnServiceRequest>::new();
    let acted = saves(act.value());
    let queue = Resource::new(
        move || (param("state"), param("q"), param("page").parse::<u32>().unwrap_or(0), acted.get()),
        |(state, q, page, _)| load_service_queue(state, q, page),
    );
    view! {
        <Title text=t(Key::ServiceQueueTitle)/>
        <p><a href="/console">"← "{t(Key::ConsoleTitle)}</a></p>
        <h1>{t(Key::ServiceQueueTitle)}</h1>
        {move || {
            let (state, q) = (param("state"), param("q"));
            let csv = Filters::new([("state", state.clone()), ("q", q.clone())]).href("/console/services.csv", None);
            view! {
                <QueryForm path="/console/services" csv>
                    <div class="field">
                        <label for="f-state">{t(Key::ServiceQueueState)}</label>
                        <select id="f-state" name="state">
                            <option value="open" selected=state.is_empty()>{t(Key::ServiceQueueOpen)}</option>
                            {ServiceRequestState::ALL.into_iter().map(|s| {
                                let selected = state == s.as_str();
                                view! { <option value=s.as_str() selected=selected>{t(s.label())}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <SearchField label=Key::ServiceQueueSearch value=q/>
                </QueryForm>
            }
        }}
        <FormError error=error_of(act.value())/>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    queue.await.map(|q| view! { <Queue q act state=param("state") search=param("q")/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Queue(q: ServiceQueue, act: ServerAction<ActOnServiceRequest>, state: String, search: String) -> impl IntoView {
    let filters = Filters::new([("state", state), ("q", search)]);
    view! {
        <Matching total=q.total/>
        {if q.items.is_empty() {
            view! { <p class="card muted">{t(Key::ServiceQueueEmpty)}</p> }.into_any()
        } else {
            view! {
                <ul class="queue">
                    {q.items.into_iter().map(|item| view! { <QueueItem item act/> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <Pager path="/console/services" filters page=q.page more=q.more/>
    }
}

#[component]
fn QueueItem(item: ServiceQueueItem, act: ServerAction<ActOnServiceRequest>) -> impl IntoView {
    let id = item.id;
    let simple: Vec<ServiceAction> = item.actions.iter().copied().filter(|a| *a != ServiceAction::Decline).collect();
    let can_decline = item.actions.contains(&ServiceAction::Decline);
    view! {
        <li class="card" data-testid="service-request">
            <p><strong>{item.service_name}</strong>" "<StateBadge state=item.state/></p>
            <p class="muted small">{item.requester}" · "<a href=format!("tel:{}", item.phone)>{item.phone.clone()}</a>" · "{item.submitted}</p>
            <p class="pre-wrap">{item.details}</p>
            {item.rating.map(|n| view! { <p>{"★".repeat(n as usize)}</p> })}
            <div class="actions">
                {simple.into_iter().map(|a| view! {
                    <ActionForm action=act>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="action" value=a.as_str()/>
                        <button type="submit" class="button primary">{t(a.label())}</button>
                    </ActionForm>
                }).collect_view()}
            </div>
            {can_decline.then(|| view! {
                <details>
                    <summary>{t(Key::SvcDecline)}</summary>
                    <ActionForm action=act attr:class="form">
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="action" value="decline"/>
                        <div class="field">
                            <label for=format!("f-decline-{id}")>{t(Key::ServiceQueueDeclineReason)}</label>
                            <input id=format!("f-decline-{id}") name="reason" required=true maxlength="200"/>
                        </div>
                        <button type="submit" class="button danger">{t(Key::SvcDecline)}</button>
                    </ActionForm>
                </details>
            })}
        </li>
    }
}

#[component]
pub fn SupervisionPage() -> impl IntoView {
    let query = use_query_map();
    let quarter = move || query.read().get("quarter").unwrap_or_default();
    let page = Resource::new(quarter, load_supervision);
    view! {
        <Title text=t(Key::SupervisionTitle)/>
        <p><a href="/console">"← "{t(Key::ConsoleTitle)}</a></p>
        <h1>{t(Key::SupervisionTitle)}</h1>
        <p class="muted">{t(Key::SupervisionIntro)}</p>
        <Suspense fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move { page.await.map(|p| view! { <Supervision p/> }) })}
            </ErrorBoundary>
        </Suspense>
    }
}

fn stars(x: Option<f64>) -> String {
    x.map(|a| format!("{a:.1}")).unwrap_or_else(|| "–".to_owned())
}

#[component]
fn Supervision(p: SupervisionPage) -> impl IntoView {
    let chosen = p.quarter.clone();
    // What most needs fixing: the comments that came with 3 stars or fewer, worst first.
    let mut worst: Vec<(u8, String, String)> = p
        .lines
        .iter()
        .flat_map(|l| l.lowest.iter().filter(|(n, _)| *n <= 3).map(|(n, c)| (*n, l.name.clone(), c.clone())))
        .collect();
    worst.sort_by_key(|(n, _, _)| *n);
    view! {
        <QueryForm path="/console/supervision" csv=Filters::new([("quarter", p.quarter.clone())]).href("/console/supervision.csv", None)>
            <div class="field">
                <label for="f-quarter">{t(Key::CsvQuarter)}</label>
                <select id="f-quarter" name="quarter">
                    {p.quarters.into_iter().map(|q| {
                        let selected = q == chosen;
                        view! { <option value=q.clone() selected=selected>{q.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
        </QueryForm>
        <div class="table-scroll">
            <table class="ledger" data-testid="supervision">
                <thead>
                    <tr>
                        <th scope="col">{t(Key::CsvService)}</th>
                        <th scope="col" class="num">{t(Key::CsvCount)}</th>
                        <th scope="col" class="num">{t(Key::CsvAverage)}</th>
                        <th scope="col" class="num">{t(Key::SupervisionTrend)}</th>
                    </tr>
                </thead>
                <tbody>
                    {p.lines.iter().map(|line| {
                        let trend = line.trend().map(|d| {
                            let arrow = if d > 0.05 { "▲" } else if d < -0.05 { "▼" } else { "＝" };
                            format!("{arrow} {d:+.1}")
                        }).unwrap_or_else(|| "–".to_owned());
                        view! {
                            <tr>
                                <th scope="row">{line.name.clone()}</th>
                                <td class="num">{line.count}</td>
                                <td class="num">{stars(line.average)}</td>
                                <td class="num">{trend}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <section class="card">
            <h2>{t(Key::SupervisionLowest)}</h2>
            {worst.is_empty().then(|| view! { <p class="muted">{t(Key::SupervisionNoneLow)}</p> })}
            <ul class="plain" data-testid="lowest">
                {worst.into_iter().map(|(n, name, comment)| view! {
                    <li><strong>{"★".repeat(n as usize)}</strong>" "{name}" — "<q>{comment}</q></li>
                }).collect_view()}
            </ul>
        </section>
    }
}
