use crate::api::projects::OpenRound;
use crate::components::form::{Field, FieldMessage, FormError, error_of, field_of};
use crate::components::t;
use crate::components::viewer::use_viewer;
use crate::i18n::Key;
use crate::projects::{ProjectCategory, RoundPhase};
use leptos::prelude::*;
use leptos_meta::Title;

/// Committee members and admins open a community's funding round: money, rules, calendar.
#[component]
pub fn OpenRoundPage() -> impl IntoView {
    let open = ServerAction::<OpenRound>::new();
    let error = error_of(open.value());
    let field = move |name: &'static str| field_of(error, name);
    let viewer = use_viewer();
    let phases = [
        (RoundPhase::Collecting, "round[collecting_until]"),
        (RoundPhase::Review, "round[review_until]"),
        (RoundPhase::Notice, "round[notice_until]"),
        (RoundPhase::Voting, "round[voting_until]"),
        (RoundPhase::Implementation, "round[implementation_until]"),
        (RoundPhase::Evaluation, "round[evaluation_until]"),
    ];
    view! {
        <Title text=t(Key::RoundNewTitle)/>
        <p><a href="/console">"← "{t(Key::ConsoleTitle)}</a></p>
        <h1>{t(Key::RoundNewTitle)}</h1>
        <ActionForm action=open attr:class="form card">
            <FormError error/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    // Committee members act for their own community; a street admin names it.
                    let community = viewer.await.ok().flatten().and_then(|v| v.roles.iter().find_map(|r| r.role.community()));
                    community.map(|c| view! { <input type="hidden" name="round[community]" value=c.0.to_string()/> })
                })}
            </Suspense>
            <Field name="round[title]" label=Key::RoundFieldTitle error required=true/>
            <Field name="round[budget]" label=Key::RoundFieldBudget hint=Key::ProposalFieldCostHint error required=true inputmode="decimal"/>
            <Field name="round[cost_cap]" label=Key::RoundFieldCap error required=true inputmode="decimal"/>
            <Field name="round[support_threshold]" label=Key::RoundFieldThreshold error required=true inputmode="numeric"/>
            <Field name="round[support_window_days]" label=Key::RoundFieldWindow error required=true inputmode="numeric"/>
            <fieldset>
                <legend>{t(Key::RoundFieldCategories)}</legend>
                <FieldMessage id="f-round-categories-error".into() error=field("round[service]")/>
                {ProjectCategory::ALL.into_iter().map(|c| {
                    let id = format!("f-round-{}", c.as_str());
                    view! {
                        <div class="field checkbox">
                            <input type="checkbox" id=id.clone() name=format!("round[{}]", c.as_str()) value="on" checked=true/>
                            <label for=id>{t(c.label())}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>{t(Key::RoundFieldDates)}</legend>
                {phases.into_iter().map(|(phase, name)| view! {
                    <Field name=name label=phase.label() error kind="date" required=true/>
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button primary wide">{t(Key::RoundSubmit)}</button>
        </ActionForm>
    }
}
