use crate::api::console::{GrantRole, ResetTwoStep, RevokeRole, search_people};
use crate::api::places::list_places;
use crate::components::form::{FormError, error_of};
use crate::components::listing::{Filters, Matching, Pager, QueryForm, SearchField};
use crate::components::t;
use crate::i18n::Key;
use crate::model::{PersonSummary, RoleKind, SubCommittee};
use crate::pages::{ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/console/people?q=&page=`: everyone in the admin's communities, searchable by name or
/// contact, to grant and revoke roles.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let grant = ServerAction::<GrantRole>::new();
    let revoke = ServerAction::<RevokeRole>::new();
    let reset = ServerAction::<ResetTwoStep>::new();
    let people = Resource::new(
        move || {
            let versions = (grant.version().get(), revoke.version().get(), reset.version().get());
            (param("q"), param("page").parse::<u32>().unwrap_or(0), versions)
        },
        |(q, page, _)| search_people(q, page),
    );
    let buildings = Resource::new(|| (), |_| list_places());
    let grant_error = error_of(grant.value());
    let revoke_error = error_of(revoke.value());
    let reset_error = error_of(reset.value());
    let filters = move || Filters::new([("q", param("q"))]);
    view! {
        <Title text=t(Key::ConsolePeople)/>
        <p><a href="/console">"← "{t(Key::ConsoleTitle)}</a></p>
        <h1>{t(Key::ConsolePeople)}</h1>
        <crate::pages::two_step::TwoStepRule/>
        {move || view! {
            <QueryForm path="/console/people" csv=filters().href("/console/people.csv", None)>
                <SearchField label=Key::PeopleSearch value=param("q")/>
            </QueryForm>
        }}
        <FormError error=grant_error/>
        <FormError error=revoke_error/>
        <FormError error=reset_error/>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    let people = people.await?;
                    let directory = buildings.await?;
                    let options = directory
                        .communities
                        .iter()
                        .flat_map(|c| c.buildings.iter().map(move |b| (b.id.to_string(), format!("{} {}", c.name, b.name))))
                        .collect::<Vec<_>>();
                    Ok::<_, crate::error::AppError>(view! {
                        <Matching total=people.total/>
                        {if people.items.is_empty() {
                            view! { <p class="card muted">{t(Key::PeopleNoResults)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="queue">
                                    {people.items.into_iter().map(|p| view! {
                                        <Person person=p buildings=options.clone() grant revoke reset/>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <Pager path="/console/people" filters=filters() page=people.page more=people.more/>
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Person(
    person: PersonSummary,
    buildings: Vec<(String, String)>,
    grant: ServerAction<GrantRole>,
    revoke: ServerAction<RevokeRole>,
    reset: ServerAction<ResetTwoStep>,
) -> impl IntoView {
    let id = person.id.to_string();
    let prefix = format!("p{id}");
    let reset_id = id.clone();
    view! {
        <li class="card person" data-testid="person">
            <h2>{person.name.clone()}" "<span class=format!("badge {}", person.status.as_str())>{t(person.status.label())}</span></h2>
            <p class="muted">{person.contact_masked.clone()}" · "{person.community.clone().unwrap_or_default()}</p>
            <ul class="role-list">
                {person.roles.clone().into_iter().map(|r| view! {
                    <li>
                        <strong>{t(r.role.kind().label())}</strong>" "<span class="muted">{r.place.clone()}</span>
                        <ActionForm action=revoke attr:class="inline">
                            <input type="hidden" name="grant_id" value=r.grant_id.to_string()/>
                            <button type="submit" class="button small">{t(Key::PeopleRevoke)}</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
            {person.two_step.then(|| view! {
                <p class="two-step-row">
                    <span class="badge verified">{t(Key::TwoStepTitle)}</span>
                    <ActionForm action=reset attr:class="inline">
                        <input type="hidden" name="account_id" value=reset_id.clone()/>
                        <button type="submit" class="button small">{t(Key::TwoStepReset)}</button>
                    </ActionForm>
                </p>
            })}
            <details>
                <summary>{t(Key::PeopleGrant)}</summary>
                <ActionForm action=grant attr:class="form">
                    <input type="hidden" name="account_id" value=id.clone()/>
                    <div class="field">
                        <label for=format!("{prefix}-role")>{t(Key::PeopleRole)}</label>
                        <select id=format!("{prefix}-role") name="role">
                            {RoleKind::ALL.into_iter().map(|k| view! { <option value=k.as_str()>{t(k.label())}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for=format!("{prefix}-building")>{t(Key::PlacesBuilding)}</label>
                        <select id=format!("{prefix}-building") name="building_id">
                            <option value="">"—"</option>
                            {buildings.into_iter().map(|(value, label)| view! { <option value=value>{label}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for=format!("{prefix}-sub")>{t(Key::PeopleSubCommittee)}</label>
                        <select id=format!("{prefix}-sub") name="sub_committee">
                            <option value="">"—"</option>
                            {SubCommittee::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{t(s.label())}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field checkbox">
                        <input type="checkbox" id=format!("{prefix}-street") name="street_wide" value="yes"/>
                        <label for=format!("{prefix}-street")>{t(Key::RoleStreetAdmin)}</label>
                    </div>
                    <button type="submit" class="button primary">{t(Key::PeopleGrant)}</button>
                </ActionForm>
            </details>
        </li>
    }
}
