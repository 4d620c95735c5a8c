use crate::api::places::{AddBuilding, AddCommunity, AddUnit, list_places};
use crate::components::form::{Field, FormError, error_of};
use crate::components::t;
use crate::i18n::Key;
use crate::model::PlaceDirectory;
use crate::pages::{ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PlacesPage() -> impl IntoView {
    let add_community = ServerAction::<AddCommunity>::new();
    let add_building = ServerAction::<AddBuilding>::new();
    let add_unit = ServerAction::<AddUnit>::new();
    let directory = Resource::new(
        move || (add_community.version().get(), add_building.version().get(), add_unit.version().get()),
        |_| list_places(),
    );
    view! {
        <Title text=t(Key::ConsolePlaces)/>
        <p><a href="/console">"← "{t(Key::ConsoleTitle)}</a></p>
        <h1>{t(Key::ConsolePlaces)}</h1>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    directory.await.map(|d| view! {
                        <PlaceTree directory=d.clone()/>
                        <PlaceForms directory=d add_community add_building add_unit/>
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn PlaceTree(directory: PlaceDirectory) -> impl IntoView {
    view! {
        <section class="card">
            {directory.communities.into_iter().map(|c| view! {
                <details class="place">
                    <summary>{c.name.clone()}" ("{c.buildings.len()}")"</summary>
                    <ul>
                        {c.buildings.into_iter().map(|b| view! {
                            <li>{b.name.clone()}": "{b.units.iter().map(|u| u.name.clone()).collect::<Vec<_>>().join(" · ")}</li>
                        }).collect_view()}
                    </ul>
                </details>
            }).collect_view()}
        </section>
    }
}

#[component]
fn PlaceForms(
    directory: PlaceDirectory,
    add_community: ServerAction<AddCommunity>,
    add_building: ServerAction<AddBuilding>,
    add_unit: ServerAction<AddUnit>,
) -> impl IntoView {
    let community_error = error_of(add_community.value());
    let building_error = error_of(add_building.value());
    let unit_error = error_of(add_unit.value());
    let communities = directory.communities.clone();
    let buildings = directory
        .communities
        .iter()
        .flat_map(|c| c.buildings.iter().map(move |b| (b.id, format!("{} {}", c.name, b.name))))
        .collect::<Vec<_>>();
    view! {
        <section class="card">
            <h2>{t(Key::PlacesAddCommunity)}</h2>
            <ActionForm action=add_community attr:class="form">
                <FormError error=community_error/>
                <Field name="name_zh" label=Key::PlacesNameZh error=community_error form="community" required=true/>
                <Field name="name_en" label=Key::PlacesNameEn error=community_error form="community"/>
                <Field name="service_phone" label=Key::HomeServiceCentre error=community_error form="community" kind="tel"/>
                <button type="submit" class="button">{t(Key::PlacesAddCommunity)}</button>
            </ActionForm>
        </section>
        <section class="card">
            <h2>{t(Key::PlacesAddBuilding)}</h2>
            <ActionForm action=add_building attr:class="form">
                <FormError error=building_error/>
                <div class="field">
                    <label for="f-community_id">{t(Key::PlacesCommunity)}</label>
                    <select id="f-community_id" name="community_id" required=true>
                        {communities.into_iter().map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
                    </select>
                </div>
                <Field name="name_zh" label=Key::PlacesNameZh error=building_error form="building" required=true/>
                <Field name="name_en" label=Key::PlacesNameEn error=building_error form="building"/>
                <button type="submit" class="button">{t(Key::PlacesAddBuilding)}</button>
            </ActionForm>
        </section>
        <section class="card">
            <h2>{t(Key::PlacesAddUnit)}</h2>
            <ActionForm action=add_unit attr:class="form">
                <FormError error=unit_error/>
                <div class="field">
                    <label for="f-unit-building">{t(Key::PlacesBuilding)}</label>
                    <select id="f-unit-building" name="building_id" required=true>
                        {buildings.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                    </select>
                </div>
                <Field name="name_zh" label=Key::PlacesNameZh error=unit_error form="unit" required=true/>
                <Field name="name_en" label=Key::PlacesNameEn error=unit_error form="unit"/>
                <button type="submit" class="button">{t(Key::PlacesAddUnit)}</button>
            </ActionForm>
        </section>
    }
}
