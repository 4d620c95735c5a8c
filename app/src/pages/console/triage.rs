use crate::api::help::{ActOnHelp, help_triage};
use crate::components::form::{FormError, error_of};
use crate::components::t;
use crate::help::CallListEntry;
use crate::i18n::Key;
use crate::pages::help::RequestCard;
use crate::pages::{ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TriagePage() -> impl IntoView {
    let assign = ServerAction::<ActOnHelp>::new();
    let triage = Resource::new(move || assign.version().get(), |_| help_triage());
    let error = error_of(assign.value());
    view! {
        <Title text=t(Key::TriageTitle)/>
        <p><a href="/console">"← "{t(Key::ConsoleTitle)}</a></p>
        <h1>{t(Key::TriageTitle)}</h1>
        <FormError error/>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    triage.await.map(|list| {
                        if list.requests.is_empty() {
                            return view! { <p class="card muted">{t(Key::TriageEmpty)}</p> }.into_any();
                        }
                        let volunteers = list.volunteers.clone();
                        view! {
                            <CallList entries=list.call_list/>
                            <ul class="queue">
                                {list.requests.into_iter().map(|s| {
                                    let id = s.id.to_string();
                                    let select_id = format!("assign-{id}");
                                    let volunteers = volunteers.clone();
                                    view! {
                                        <RequestCard summary=s>
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
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    })
                })}
            </ErrorBoundary>
        </Transition>
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
