use crate::components::t;
use crate::i18n::Key;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=t(Key::NotFoundTitle)/>
        <section class="card">
            <h1>{t(Key::NotFoundTitle)}</h1>
            <p>{t(Key::NotFoundBody)}</p>
            <a class="button primary" href="/">{t(Key::NotFoundHome)}</a>
        </section>
    }
}
