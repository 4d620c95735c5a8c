pub mod alerts;
pub mod announcements;
pub mod console;
pub mod forum;
pub mod help;
pub mod home;
pub mod inbox;
pub mod login;
pub mod magazine;
pub mod me;
pub mod not_found;
pub mod organisations;
pub mod projects;
pub mod register;
pub mod services;
pub mod two_step;

use crate::components::t;
use crate::error::AppError;
use crate::i18n::Key;
use leptos::prelude::*;

/// What a page shows when loading its data failed: the translated reason, and a way on.
#[component]
pub fn ErrorPanel(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let messages = move || {
        errors
            .get()
            .into_iter()
            .map(|(_, e)| e.downcast_ref::<AppError>().cloned().unwrap_or(AppError::Internal))
            .collect::<Vec<_>>()
    };
    view! {
        <section class="card error-card" role="alert">
            <h2>{t(Key::ErrorTitle)}</h2>
            <For each=messages key=|e| format!("{e:?}") let:error>
                <p>{t(error.message())}</p>
                {(error == AppError::Unauthenticated).then(|| view! {
                    <a class="button" href="/login">{t(Key::NavLogin)}</a>
                })}
            </For>
        </section>
    }
}

/// The pending-data placeholder every page uses.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" aria-live="polite">{t(Key::Loading)}</p> }
}
