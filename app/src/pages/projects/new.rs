use crate::api::projects::DraftProposal;
use crate::components::form::{Field, FieldMessage, FormError, error_of};
use crate::components::t;
use crate::i18n::Key;
use crate::projects::ProjectCategory;
use leptos::prelude::*;
use leptos_meta::Title;

/// The draft form. Saving keeps it a draft the author can still change; the detail page
/// submits it for support.
#[component]
pub fn NewProposalPage() -> impl IntoView {
    let draft = ServerAction::<DraftProposal>::new();
    let error = error_of(draft.value());
    let field = move |name: &'static str| Signal::derive(move || error.get().and_then(|e| e.field(name)));
    view! {
        <Title text=t(Key::NewProposalTitle)/>
        <p><a href="/projects">"← "{t(Key::ProjectsTitle)}</a></p>
        <h1>{t(Key::NewProposalTitle)}</h1>
        <ActionForm action=draft attr:class="form card">
            <FormError error/>
            <Field name="proposal[title]" label=Key::ProposalFieldTitle error required=true/>
            <div class="field" class:has-error=move || field("proposal[description]").get().is_some()>
                <label for="f-proposal-description">{t(Key::ProposalFieldDescription)}</label>
                <textarea id="f-proposal-description" name="proposal[description]" rows="5" maxlength="2000" required=true></textarea>
                <FieldMessage id="f-proposal-description-error".into() error=field("proposal[description]")/>
            </div>
            <fieldset class:has-error=move || field("proposal[category]").get().is_some()>
                <legend>{t(Key::ProposalFieldCategory)}</legend>
                <FieldMessage id="f-proposal-category-error".into() error=field("proposal[category]")/>
                {ProjectCategory::ALL.into_iter().map(|c| {
                    let id = format!("f-category-{}", c.as_str());
                    view! {
                        <div class="field checkbox">
                            <input type="radio" id=id.clone() name="proposal[category]" value=c.as_str() required=true/>
                            <label for=id>{t(c.label())}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <Field name="proposal[location]" label=Key::ProposalFieldLocation error required=true/>
            <Field name="proposal[estimated_cost]" label=Key::ProposalFieldCost hint=Key::ProposalFieldCostHint
                error required=true inputmode="decimal"/>
            <Field name="proposal[beneficiaries]" label=Key::ProposalFieldBeneficiaries error required=true/>
            <button type="submit" class="button primary wide">{t(Key::ProposalSaveDraft)}</button>
        </ActionForm>
    }
}
