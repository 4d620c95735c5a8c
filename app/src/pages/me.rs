use super::Loading;
use crate::api::accounts::{ChangePassword, DeleteAccount, Logout, LogoutEverywhere, SetElderlyMode, SetLanguage};
use crate::components::form::{Field, FieldMessage, FormError, error_of, field_of};
use crate::components::viewer::use_viewer;
use crate::components::{elderly, t};
use crate::i18n::{Key, Locale};
use crate::model::Viewer;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MePage() -> impl IntoView {
    let viewer = use_viewer();
    view! {
        <Title text=t(Key::MeTitle)/>
        <h1>{t(Key::MeTitle)}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match viewer.await.ok().flatten() {
                    Some(v) => view! { <Profile viewer=v/> }.into_any(),
                    None => view! { <SignInPrompt/> }.into_any(),
                }
            })}
        </Suspense>
        <ElderlySwitch/>
        <LanguageSwitch/>
    }
}

/// 长辈模式 on or off, for this device and (signed in) the account; works without JavaScript.
#[component]
fn ElderlySwitch() -> impl IntoView {
    let set = ServerAction::<SetElderlyMode>::new();
    let on = elderly();
    let (next, label) = if on { ("0", Key::ElderlyTurnOff) } else { ("1", Key::ElderlyTurnOn) };
    view! {
        <section class="card" id="elderly" aria-labelledby="elderly-title">
            <h2 id="elderly-title">{t(Key::ElderlyTitle)}</h2>
            <p>{t(Key::ElderlyBody)}</p>
            <ActionForm action=set>
                <input type="hidden" name="on" value=next/>
                <button type="submit" class="button wide" class:primary=!on>{t(label)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn SignInPrompt() -> impl IntoView {
    view! {
        <section class="card">
            <p>{t(Key::ErrUnauthenticated)}</p>
            <a class="button primary" href="/login">{t(Key::LoginSubmit)}</a>
        </section>
    }
}

#[component]
fn Profile(viewer: Viewer) -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let change_error = error_of(change.value());
    let logout = ServerAction::<Logout>::new();
    let logout_all = ServerAction::<LogoutEverywhere>::new();
    let console = viewer.is_console_user();
    view! {
        {viewer.two_step_due.then(|| view! { <super::two_step::TwoStepDue/> })}
        <section class="card">
            <h2>{t(Key::MeProfile)}</h2>
            <dl class="facts">
                <dt>{t(Key::RegisterName)}</dt><dd>{viewer.name.clone()}</dd>
                <dt>{t(Key::MeContact)}</dt><dd>{viewer.contact_masked.clone()}</dd>
                {viewer.address.clone().map(|a| view! { <dt>{t(Key::MeAddress)}</dt><dd>{a}</dd> })}
                <dt>{t(Key::MeStatus)}</dt>
                <dd><span class=format!("badge {}", viewer.status.as_str())>{t(viewer.status.label())}</span></dd>
                {viewer.volunteer_tally.map(|(resolved, minutes)| view! {
                    <dt>{t(Key::BoardResolved)}</dt><dd data-testid="volunteer-resolved">{resolved}</dd>
                    <dt>{t(Key::BoardHours)}</dt><dd>{format!("{:.1}", minutes as f64 / 60.0)}</dd>
                })}
            </dl>
        </section>
        <nav class="card" aria-label=t(Key::InboxSettings)>
            <a class="link-row" href="/inbox">{t(Key::InboxTitle)}<span aria-hidden="true">"›"</span></a>
            <a class="link-row" href="/me/notifications">{t(Key::InboxSettings)}<span aria-hidden="true">"›"</span></a>
            {console.then(|| view! {
                <a class="link-row" href="/me/security">{t(Key::TwoStepTitle)}<span aria-hidden="true">"›"</span></a>
            })}
        </nav>
        <section class="card">
            <h2>{t(Key::MeChangePassword)}</h2>
            <ActionForm action=change attr:class="form">
                <FormError error=change_error/>
                <Field name="current_password" label=Key::MeCurrentPassword error=change_error kind="password" autocomplete="current-password" required=true/>
                <Field name="new_password" label=Key::MeNewPassword error=change_error kind="password" autocomplete="new-password" required=true/>
                <button type="submit" class="button">{t(Key::MeChangePassword)}</button>
            </ActionForm>
        </section>
        <MyData/>
        <section class="card actions-column">
            <ActionForm action=logout>
                <button type="submit" class="button wide">{t(Key::MeSignOut)}</button>
            </ActionForm>
            <ActionForm action=logout_all>
                <button type="submit" class="button wide danger">{t(Key::MeSignOutEverywhere)}</button>
            </ActionForm>
        </section>
    }
}

/// PIPL: a copy of one's own data, and deleting the account.
#[component]
fn MyData() -> impl IntoView {
    let delete = ServerAction::<DeleteAccount>::new();
    let error = error_of(delete.value());
    view! {
        <section class="card" aria-labelledby="my-data">
            <h2 id="my-data">{t(Key::MeDataTitle)}</h2>
            <p>{t(Key::MeDataBody)}</p>
            <a class="button wide" href="/me/data.json" download="">{t(Key::MeDataDownload)}</a>
            <details class="danger-zone">
                <summary>{t(Key::MeDeleteTitle)}</summary>
                <p>{t(Key::MeDeleteBody)}</p>
                <ActionForm action=delete attr:class="form">
                    <FormError error/>
                    <Field name="password" label=Key::MeCurrentPassword error kind="password" autocomplete="current-password" required=true/>
                    <div class="field checkbox">
                        <input type="checkbox" id="f-confirm" name="confirm" value="yes" required=true aria-describedby="f-confirm-error"/>
                        <label for="f-confirm">{t(Key::MeDeleteConfirm)}</label>
                        <FieldMessage id="f-confirm-error".into() error=field_of(error, "confirm")/>
                    </div>
                    <button type="submit" class="button danger wide">{t(Key::MeDeleteButton)}</button>
                </ActionForm>
            </details>
        </section>
    }
}

/// Two buttons, one per language; works without JavaScript too.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let set_language = ServerAction::<SetLanguage>::new();
    let current = use_context::<Locale>().unwrap_or_default();
    view! {
        <section class="card">
            <h2>{t(Key::MeLanguage)}</h2>
            <div class="actions">
                {Locale::ALL.into_iter().map(|locale| view! {
                    <ActionForm action=set_language>
                        <input type="hidden" name="lang" value=locale.tag()/>
                        <button type="submit" class="button" lang=locale.tag()
                            aria-pressed=(locale == current).to_string()>
                            {locale.native_name()}
                        </button>
                    </ActionForm>
                }).collect_view()}
            </div>
        </section>
    }
}
