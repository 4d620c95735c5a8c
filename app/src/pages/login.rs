use crate::api::accounts::Login;
use crate::components::form::{Field, FormError, error_of};
use crate::components::t;
use crate::i18n::Key;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let error = error_of(login.value());
    view! {
        <Title text=t(Key::LoginTitle)/>
        <h1>{t(Key::LoginTitle)}</h1>
        <ActionForm action=login attr:class="form card">
            <FormError error/>
            <Field name="identifier" label=Key::LoginIdentifier error autocomplete="username" required=true/>
            <Field name="password" label=Key::LoginPassword error kind="password" autocomplete="current-password" required=true/>
            <button type="submit" class="button primary wide" disabled=move || login.pending().get()>
                {t(Key::LoginSubmit)}
            </button>
        </ActionForm>
        <p class="aside">{t(Key::LoginNoAccount)}" "<a href="/register">{t(Key::HomeRegister)}</a></p>
    }
}
