use crate::api::projects::{DraftProposal, EditProposal, load_proposal};
use crate::components::form::{Field, FieldMessage, FormError, error_of, field_of};
use crate::components::t;
use crate::error::AppError;
use crate::i18n::Key;
use crate::pages::{ErrorPanel, Loading};
use crate::projects::{ProjectCategory, ProposalDetail};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The draft form. Saving keeps it a draft the author can still change; the detail page
/// submits it for support.
#[component]
pub fn NewProposalPage() -> impl IntoView {
    let draft = ServerAction::<DraftProposal>::new();
    let error = error_of(draft.value());
    view! {
        <Title text=t(Key::NewProposalTitle)/>
        <p><a href="/projects">"← "{t(Key::ProjectsTitle)}</a></p>
        <h1>{t(Key::NewProposalTitle)}</h1>
        <ActionForm action=draft attr:class="form card">
            <ProposalFields error initial=None/>
            <button type="submit" class="button primary wide">{t(Key::ProposalSaveDraft)}</button>
        </ActionForm>
    }
}

/// The same form, filled in, while the author may still edit (before the first support).
#[component]
pub fn EditProposalPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or_default();
    let edit = ServerAction::<EditProposal>::new();
    let error = error_of(edit.value());
    let proposal = Resource::new(id, load_proposal);
    view! {
        <Title text=t(Key::ProposalEdit)/>
        <p><a href=move || format!("/projects/{}", id())>"← "{t(Key::ProjectsTitle)}</a></p>
        <h1>{t(Key::ProposalEdit)}</h1>
        <Suspense fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    proposal.await.map(|p| view! {
                        <ActionForm action=edit attr:class="form card">
                            <input type="hidden" name="id" value=p.summary.id/>
                            <ProposalFields error initial=Some(p)/>
                            <button type="submit" class="button primary wide">{t(Key::ProposalSaveChanges)}</button>
                        </ActionForm>
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

#[component]
fn ProposalFields(error: Signal<Option<AppError>>, initial: Option<ProposalDetail>) -> impl IntoView {
    let field = move |name: &'static str| field_of(error, name);
    let (title, description, category, location, cost, beneficiaries) = match initial {
        Some(p) => (
            p.summary.title,
            p.description,
            Some(p.summary.category),
            p.location,
            p.summary.estimated_cost.shown(),
            p.beneficiaries,
        ),
        None => Default::default(),
    };
    view! {
        <FormError error/>
        <Field name="proposal[title]" label=Key::ProposalFieldTitle error required=true value=title/>
        <div class="field" class:has-error=move || field("proposal[description]").get().is_some()>
            <label for="f-proposal-description">{t(Key::ProposalFieldDescription)}</label>
            <textarea id="f-proposal-description" name="proposal[description]" rows="5" maxlength="2000" required=true>{description}</textarea>
            <FieldMessage id="f-proposal-description-error".into() error=field("proposal[description]")/>
        </div>
        <fieldset class:has-error=move || field("proposal[category]").get().is_some()>
            <legend>{t(Key::ProposalFieldCategory)}</legend>
            <FieldMessage id="f-proposal-category-error".into() error=field("proposal[category]")/>
            {ProjectCategory::ALL.into_iter().map(|c| {
                let id = format!("f-category-{}", c.as_str());
                view! {
                    <div class="field checkbox">
                        <input type="radio" id=id.clone() name="proposal[category]" value=c.as_str() required=true
                            checked=category == Some(c)/>
                        <label for=id>{t(c.label())}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
        <Field name="proposal[location]" label=Key::ProposalFieldLocation error required=true value=location/>
        <Field name="proposal[estimated_cost]" label=Key::ProposalFieldCost hint=Key::ProposalFieldCostHint
            error required=true inputmode="decimal" value=cost/>
        <Field name="proposal[beneficiaries]" label=Key::ProposalFieldBeneficiaries error required=true value=beneficiaries/>
    }
}
