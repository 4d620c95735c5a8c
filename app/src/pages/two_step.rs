//! Two-step sign-in: the code page between password and session, the console user's own
//! settings (`/me/security`), and the notice shown while the street's rule keeps the console
//! closed.

use super::{ErrorPanel, Loading};
use crate::api::accounts::{BeginTwoStep, ConfirmTwoStep, SecondStep, TurnOffTwoStep, load_two_step};
use crate::api::console::{RequireTwoStep, two_step_rule};
use crate::components::form::{Field, FormError, error_of};
use crate::components::t;
use crate::i18n::Key;
use crate::model::{Enrolment, TwoStepStatus};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/login/code`: the authenticator code after a right password.
#[component]
pub fn SecondStepPage() -> impl IntoView {
    let second = ServerAction::<SecondStep>::new();
    let error = error_of(second.value());
    view! {
        <Title text=t(Key::LoginCodeTitle)/>
        <h1>{t(Key::LoginCodeTitle)}</h1>
        <ActionForm action=second attr:class="form card">
            <p>{t(Key::LoginCodeIntro)}</p>
            <FormError error/>
            <Field name="code" label=Key::LoginCodeLabel error inputmode="numeric" autocomplete="one-time-code" required=true/>
            <button type="submit" class="button primary wide" disabled=move || second.pending().get()>
                {t(Key::LoginCodeSubmit)}
            </button>
        </ActionForm>
        <p class="aside">{t(Key::LoginCodeLost)}" "<a href="/login">{t(Key::LoginStartOver)}</a></p>
    }
}

/// `/me/security`: turn two-step sign-in on (scan, confirm with a code) or off (password).
#[component]
pub fn TwoStepPage() -> impl IntoView {
    let begin = ServerAction::<BeginTwoStep>::new();
    let confirm = ServerAction::<ConfirmTwoStep>::new();
    let off = ServerAction::<TurnOffTwoStep>::new();
    let status = Resource::new(
        move || (begin.version().get(), confirm.version().get(), off.version().get()),
        |_| load_two_step(),
    );
    view! {
        <Title text=t(Key::TwoStepTitle)/>
        <p><a href="/me">"← "{t(Key::MeTitle)}</a></p>
        <h1>{t(Key::TwoStepTitle)}</h1>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    let status = status.await?;
                    Ok::<_, crate::error::AppError>(view! { <TwoStepSettings status begin confirm off/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn TwoStepSettings(
    status: TwoStepStatus,
    begin: ServerAction<BeginTwoStep>,
    confirm: ServerAction<ConfirmTwoStep>,
    off: ServerAction<TurnOffTwoStep>,
) -> impl IntoView {
    let begin_error = error_of(begin.value());
    let off_error = error_of(off.value());
    let state = if status.enabled { Key::TwoStepIsOn } else { Key::TwoStepIsOff };
    view! {
        <section class="card" data-testid="two-step">
            <p>{t(Key::TwoStepIntro)}</p>
            <p><strong class=if status.enabled { "badge verified" } else { "badge pending" }>{t(state)}</strong></p>
            {status.required.then(|| view! { <p class="muted">{t(Key::TwoStepRequiredNote)}</p> })}
        </section>
        {match (status.enabled, status.enrolment) {
            (true, _) => view! {
                <section class="card">
                    <ActionForm action=off attr:class="form">
                        <FormError error=off_error/>
                        <Field name="password" label=Key::TwoStepOffLabel error=off_error kind="password" autocomplete="current-password" required=true/>
                        <button type="submit" class="button danger wide">{t(Key::TwoStepOff)}</button>
                    </ActionForm>
                </section>
            }.into_any(),
            (false, Some(enrolment)) => view! { <Enrol enrolment confirm/> }.into_any(),
            (false, None) => view! {
                <section class="card">
                    <ActionForm action=begin>
                        <FormError error=begin_error/>
                        <button type="submit" class="button primary wide">{t(Key::TwoStepStart)}</button>
                    </ActionForm>
                </section>
            }.into_any(),
        }}
    }
}

#[component]
fn Enrol(enrolment: Enrolment, confirm: ServerAction<ConfirmTwoStep>) -> impl IntoView {
    let error = error_of(confirm.value());
    view! {
        <section class="card enrol">
            <p>{t(Key::TwoStepScan)}</p>
            // Drawn on the server from the secret; it holds no text anyone typed.
            <div class="qr" data-testid="two-step-qr" inner_html=enrolment.qr_svg></div>
            <p class="muted">{t(Key::TwoStepManual)}</p>
            <p><code class="secret" data-testid="two-step-secret">{enrolment.secret}</code></p>
            <ActionForm action=confirm attr:class="form">
                <FormError error/>
                <Field name="code" label=Key::TwoStepConfirmLabel error inputmode="numeric" autocomplete="one-time-code" required=true/>
                <button type="submit" class="button primary wide">{t(Key::TwoStepConfirm)}</button>
            </ActionForm>
        </section>
    }
}

/// Shown to a console user whose roles wait for two-step sign-in.
#[component]
pub fn TwoStepDue() -> impl IntoView {
    view! {
        <section class="card notice" role="status" data-testid="two-step-due">
            <p>{t(Key::TwoStepDue)}</p>
            <a class="button primary" href="/me/security">{t(Key::TwoStepSetUpNow)}</a>
        </section>
    }
}

/// The street admin's switch for the rule, on the people page.
#[component]
pub fn TwoStepRule() -> impl IntoView {
    let require = ServerAction::<RequireTwoStep>::new();
    let error = error_of(require.value());
    let rule = Resource::new(move || require.version().get(), |_| two_step_rule());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                // Only street-wide admins may see the rule; others see nothing here.
                rule.await.ok().map(|required| view! {
                    <section class="card" aria-labelledby="two-step-rule">
                        <h2 id="two-step-rule">{t(Key::TwoStepRule)}</h2>
                        <ActionForm action=require attr:class="form">
                            <FormError error/>
                            <fieldset class="choices">
                                <legend>{t(Key::TwoStepRuleRequire)}</legend>
                                <label class="choice"><input type="radio" name="required" value="1" checked=required/><span>{t(Key::TwoStepRequired)}</span></label>
                                <label class="choice"><input type="radio" name="required" value="0" checked=!required/><span>{t(Key::TwoStepOptional)}</span></label>
                            </fieldset>
                            <button type="submit" class="button">{t(Key::TwoStepRuleSave)}</button>
                        </ActionForm>
                    </section>
                })
            })}
        </Transition>
    }
}
