//! Form pieces that show translated errors next to the field they are about.

use super::t;
use crate::error::{AppError, AppResult};
use crate::i18n::Key;
use leptos::prelude::*;

/// The error of an action's last run, if it failed.
pub fn error_of<O, V>(value: V) -> Signal<Option<AppError>>
where
    V: Get<Value = Option<AppResult<O>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.get().and_then(|r| r.err()))
}

/// Counts an action's successful answers. A list keyed on it reloads after a save but not
/// after a refusal, which would throw away what the person had ticked.
pub fn saves<O, V>(value: V) -> Memo<usize>
where
    O: Send + Sync + 'static,
    V: Get<Value = Option<AppResult<O>>> + Send + Sync + 'static,
{
    Memo::new(move |before: Option<&usize>| {
        let before = before.copied().unwrap_or(0);
        if matches!(value.get(), Some(Ok(_))) { before + 1 } else { before }
    })
}

/// The error of one field of a form's last answer.
pub fn field_of(error: Signal<Option<AppError>>, name: &'static str) -> Signal<Option<Key>> {
    Signal::derive(move || error.get().and_then(|e| e.field(name)))
}

/// The message above a form: what went wrong, in a live region so screen readers say it.
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <Show when=move || error.with(Option::is_some)>
            <p class="form-error" role="alert">
                {move || error.get().map(|e| t(e.message()))}
            </p>
        </Show>
    }
}

/// The key of this rendering of a form: sent twice (a double press, a retry after a lost
/// answer, the offline outbox), the server acts on it once (`ssr::submissions`).
#[component]
pub fn FormKey() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let key = crate::ssr::submissions::fresh_key();
    #[cfg(not(feature = "ssr"))]
    let key = String::new();
    view! { <input type="hidden" name="key" value=key/> }
}

/// One labelled input with its hint and its error.
#[component]
pub fn Field(
    name: &'static str,
    label: Key,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<Key>,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] inputmode: &'static str,
    /// Tells apart fields of the same name in several forms on one page.
    #[prop(optional)]
    form: &'static str,
    /// What the field starts with (an edit form).
    #[prop(optional)]
    value: String,
) -> impl IntoView {
    let field_error = move || error.get().and_then(|e| e.field(name));
    let id = if form.is_empty() { format!("f-{name}") } else { format!("f-{form}-{name}") };
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let describedby = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = vec![];
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if field_error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:has-error=move || field_error().is_some()>
            <label for=id.clone()>{t(label)}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{t(h)}</p> })}
            <input
                id=id.clone()
                name=name
                type=kind
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                required=required
                value=(!value.is_empty()).then_some(value)
                aria-invalid=move || field_error().is_some().to_string()
                aria-describedby=describedby
            />
            <FieldMessage id=error_id error=Signal::derive(field_error)/>
        </div>
    }
}

/// The error line under a field; empty when the field is fine.
#[component]
pub fn FieldMessage(id: String, #[prop(into)] error: Signal<Option<Key>>) -> impl IntoView {
    view! {
        <Show when=move || error.with(Option::is_some)>
            <p class="field-error" id=id.clone()>{move || error.get().map(t)}</p>
        </Show>
    }
}

/// A 1–5 star choice, five by default; radios so it works without JavaScript.
#[component]
pub fn Stars(name: &'static str, legend: Key) -> impl IntoView {
    view! {
        <fieldset class="choices stars">
            <legend>{t(legend)}</legend>
            {(1..=5).map(|n| view! {
                <label class="choice">
                    <input type="radio" name=name value=n.to_string() required=true checked=n == 5/>
                    <span>{"★".repeat(n)}</span>
                </label>
            }).collect_view()}
        </fieldset>
    }
}
