use crate::api::help::{PostHelp, PostHotlineHelp};
use crate::components::form::{Field, FieldMessage, FormError, FormKey, error_of, field_of};
use crate::components::t;
use crate::error::AppError;
use crate::help::{Category, Urgency};
use crate::i18n::Key;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NewHelpPage() -> impl IntoView {
    let post = ServerAction::<PostHelp>::new();
    let error = error_of(post.value());
    view! {
        <Title text=t(Key::HelpNewTitle)/>
        <h1>{t(Key::HelpNewTitle)}</h1>
        <ActionForm action=post attr:class="form card">
            <FormError error/>
            <HelpFields error/>
            <button type="submit" class="button primary wide big" disabled=move || post.pending().get()>
                {t(Key::HelpSubmit)}
            </button>
        </ActionForm>
    }
}

/// Staff take a request by phone for a resident.
#[component]
pub fn HotlinePage() -> impl IntoView {
    let post = ServerAction::<PostHotlineHelp>::new();
    let error = error_of(post.value());
    let consent_error = field_of(error, "consent");
    view! {
        <Title text=t(Key::HotlineTitle)/>
        <p><a href="/console">"← "{t(Key::ConsoleTitle)}</a></p>
        <h1>{t(Key::HotlineTitle)}</h1>
        <ActionForm action=post attr:class="form card">
            <FormError error/>
            <Field name="resident" label=Key::HotlineResident error required=true/>
            <div class="field checkbox">
                <input type="checkbox" id="f-consent" name="consent" value="yes" required=true/>
                <label for="f-consent">{t(Key::HotlineConsent)}</label>
                <FieldMessage id="f-consent-error".into() error=consent_error/>
            </div>
            <HelpFields error/>
            <button type="submit" class="button primary wide big">{t(Key::HelpSubmit)}</button>
        </ActionForm>
    }
}

/// The fields of a help request, shared by the resident's and the hotline form.
#[component]
fn HelpFields(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let field_error = move |name: &'static str| field_of(error, name);
    view! {
        <FormKey/>
        <fieldset class="choices">
            <legend>{t(Key::HelpCategory)}</legend>
            {Category::ALL.iter().enumerate().map(|(i, c)| view! {
                <label class="choice">
                    <input type="radio" name="category" value=c.as_str() required=true checked=i == 0/>
                    <span>{t(c.label())}</span>
                </label>
            }).collect_view()}
            <FieldMessage id="f-category-error".into() error=field_error("category")/>
        </fieldset>
        <fieldset class="choices">
            <legend>{t(Key::HelpUrgency)}</legend>
            {Urgency::ALL.iter().map(|u| view! {
                <label class="choice" class:urgent=*u == Urgency::Urgent>
                    <input type="radio" name="urgency" value=u.as_str() required=true checked=*u == Urgency::Today/>
                    <span>{t(u.label())}</span>
                </label>
            }).collect_view()}
            <FieldMessage id="f-urgency-error".into() error=field_error("urgency")/>
        </fieldset>
        <div class="field" class:has-error=move || field_error("description").get().is_some()>
            <label for="f-description">{t(Key::HelpDescriptionLabel)}</label>
            <p class="hint" id="f-description-hint">{t(Key::HelpDescriptionHint)}</p>
            <textarea id="f-description" name="description" rows="3" maxlength="500" required=true
                aria-describedby="f-description-hint"></textarea>
            <FieldMessage id="f-description-error".into() error=field_error("description")/>
        </div>
        <Field name="window_start" label=Key::HelpWindowFrom error kind="datetime-local"/>
        <Field name="window_end" label=Key::HelpWindowTo error kind="datetime-local"/>
    }
}
