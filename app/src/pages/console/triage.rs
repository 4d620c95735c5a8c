use crate::api::help::{ActOnHelp, help_triage};
use crate::components::form::{FormError, error_of};
use crate::components::listing::{Filters, Matching, Pager, QueryForm, SearchField};
use crate::components::t;
use crate::help::{CallListEntry, HelpRequestSummary};
use crate::i18n::Key;
use crate::pages::help::RequestCard;
use crate::pages::{ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/console/triage?q=&page=`: open help requests, the most escalated and oldest first, with
/// the call list above them.
#[component]
pub fn TriagePage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let assign = ServerAction::<ActOnHelp>::new();
    let triage = Resource::new(
        move || (param("q"), param("page").parse::<u32>().unwrap_or(0), assign.version().get()),
        |(q, page, _)| help_triage(q, page),
    );
    let error = error_of(assign.value());
    let filters = move || Filters::new([("q", param("q"))]);
    view! {
        <Title text=t(Key::TriageTitle)/>
        <p><a href="/console">"← "{t(Key::ConsoleTitle)}</a></p>
        <h1>{t(Key::TriageTitle)}</h1>
        {move || view! {
            <QueryForm path="/console/triage" csv=filters().href("/console/triage.csv", None)>
                <SearchField label=Key::TriageSearch value=param("q")/>
            </QueryForm>
        }}
        <FormError error/>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    triage.await.map(|list| {
                        let volunteers = list.volunteers.clone();
                        let requests = list.requests;
                        view! {
                            <CallList entries=list.call_list/>
                            <Matching total=requests.total/>
                            {if requests.items.is_empty() {
                                view! { <p class="card muted">{t(Key::TriageEmpty)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="queue">
                                        {requests.items.into_iter().map(|s| {
                                            view! { <Assignable summary=s volunteers=volunteers.clone() assign/> }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <Pager path="/console/triage" filters=filters() page=requests.page more=requests.more/>
                        }
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// An open request with the form to hand it to a volunteer.
#[component]
fn Assignable(
    summary: HelpRequestSummary,
    volunteers: Vec<(i64, String)>,
    assign: ServerAction<ActOnHelp>,
) -> impl IntoView {
    let id = summary.id.to_string();
    let select_id = format!("assign-{id}");
    view! {
        <RequestCard summary>
            <ActionForm action=assign attr:class="form assign">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="action" value="Assign"/>
                <label for=select_id.clone()>{t(Key::TriageVolunteer)}</label>
                <select id=select_id name="volunteer_id" required=true>
                    {volunteers.into_iter().map(|(v, label)| view! {
                        <option value=v.to_string()>{label}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="button">{t(Key::HelpActAssign)}</button>
            </ActionForm>
        </RequestCard>
    }
}

/// Urgent requests whose push no volunteer's phone confirmed: who to ring, on duty first.
#[component]
fn CallList(entries: Vec<CallListEntry>) -> impl IntoView {
    (!entries.is_empty()).then(|| view! {
        <section class="card notice-card" data-testid="call-list">
            <h2>{t(Key::CallListTitle)}</h2>
            <p>{t(Key::CallListHint)}</p>
            {entries.into_iter().map(|e| view! {
                <h3><a href=format!("/help/{}", e.request.id)>{e.request.building}" · "{t(e.request.category.label())}</a></h3>
                <p class="muted small">{e.listed}</p>
                {if e.volunteers.is_empty() {
                    view! { <p>{t(Key::CallListNoVolunteer)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="call-list">
                            {e.volunteers.into_iter().map(|v| view! {
                                <li>
                                    {v.name}" · "<a href=format!("tel:{}", v.contact)>{v.contact.clone()}</a>
                                    {(!v.on_duty).then(|| view! { " (" {t(Key::CallListOffDuty)} ")" })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            }).collect_view()}
        </section>
    })
}
