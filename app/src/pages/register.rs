use super::{ErrorPanel, Loading};
use crate::api::accounts::Register;
use crate::api::places::list_places;
use crate::components::form::{Field, FieldMessage, FormError, error_of, field_of};
use crate::components::t;
use crate::i18n::Key;
use crate::model::PlaceDirectory;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let register = ServerAction::<Register>::new();
    let error = error_of(register.value());
    let directory = Resource::new(|| (), |_| list_places());
    view! {
        <Title text=t(Key::RegisterTitle)/>
        <h1>{t(Key::RegisterTitle)}</h1>
        <ActionForm action=register attr:class="form card">
            <FormError error/>
            <Field name="contact" label=Key::RegisterContact hint=Key::RegisterContactHint error autocomplete="username" required=true/>
            <Field name="name" label=Key::RegisterName hint=Key::RegisterNameHint error autocomplete="nickname" required=true/>
            <Field name="password" label=Key::RegisterPassword error kind="password" autocomplete="new-password" required=true/>
            <Suspense fallback=Loading>
                <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                    {move || Suspend::new(async move {
                        directory.await.map(|d| view! {
                            <AddressFields directory=d
                                building_error=field_of(error, "building_id").get_untracked()
                                unit_error=field_of(error, "unit_id").get_untracked()/>
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
            <Field name="room" label=Key::RegisterRoom error autocomplete="address-line2" required=true/>
            <div class="field checkbox" class:has-error=move || field_of(error, "consent").get().is_some()>
                <input type="checkbox" id="f-consent" name="consent" value="yes" required=true/>
                <label for="f-consent">{t(Key::RegisterPrivacy)}</label>
                <FieldMessage id="f-consent-error".into() error=field_of(error, "consent")/>
            </div>
            <button type="submit" class="button primary wide" disabled=move || register.pending().get()>
                {t(Key::RegisterSubmit)}
            </button>
        </ActionForm>
        <p class="aside">{t(Key::RegisterHaveAccount)}" "<a href="/login">{t(Key::LoginSubmit)}</a></p>
    }
}

/// Building and entrance, an island. Without JavaScript the entrance list shows every
/// building's entrances, grouped; with it the list narrows to the chosen building.
#[island]
fn AddressFields(directory: PlaceDirectory, building_error: Option<Key>, unit_error: Option<Key>) -> impl IntoView {
    crate::components::provide_page_settings();
    let chosen = RwSignal::new(String::new());
    let buildings = directory.communities.clone();
    let units = directory
        .communities
        .iter()
        .flat_map(|c| c.buildings.iter().map(move |b| (c.name.clone(), b.clone())))
        .collect::<Vec<_>>();
    view! {
        <div class="field" class:has-error=building_error.is_some()>
            <label for="f-building_id">{t(Key::RegisterBuilding)}</label>
            <select id="f-building_id" name="building_id" required=true
                on:change=move |ev| chosen.set(event_target_value(&ev))>
                <option value="">{t(Key::RegisterChoose)}</option>
                {buildings.into_iter().map(|c| view! {
                    <optgroup label=c.name.clone()>
                        {c.buildings.into_iter().map(|b| view! {
                            <option value=b.id.to_string()>{format!("{} {}", c.name, b.name)}</option>
                        }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
            <FieldMessage id="f-building_id-error".into() error=Signal::stored(building_error)/>
        </div>
        <div class="field" class:has-error=unit_error.is_some()>
            <label for="f-unit_id">{t(Key::RegisterUnit)}</label>
            <select id="f-unit_id" name="unit_id" required=true>
                <option value="">{t(Key::RegisterChoose)}</option>
                {units.into_iter().map(|(community, b)| {
                    let building_id = b.id.to_string();
                    let hidden = Signal::derive(move || { let c = chosen.get(); !c.is_empty() && c != building_id });
                    view! {
                        <optgroup label=format!("{community} {}", b.name) hidden=hidden disabled=hidden>
                            {b.units.into_iter().map(|u| view! {
                                <option value=u.id.to_string()>{format!("{} {}", b.name, u.name)}</option>
                            }).collect_view()}
                        </optgroup>
                    }
                }).collect_view()}
            </select>
            <FieldMessage id="f-unit_id-error".into() error=Signal::stored(unit_error)/>
        </div>
    }
}
