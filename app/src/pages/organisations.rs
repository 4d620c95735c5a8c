//! Social organisations 社区社会组织: the directory, filing 备案, one organisation with
//! joining, and the committee's decision.

use crate::api::organisations::{DecideOrg, FileOrg, JoinOrg, load_org, load_org_directory};
use crate::components::form::{Field, FieldMessage, FormError, error_of, field_of, saves};
use crate::components::t;
use crate::i18n::Key;
use crate::organisations::{OrgDirectory, OrgKind, OrgSummary, OrgView};
use crate::pages::{ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OrgsPage() -> impl IntoView {
    let directory = Resource::new(|| (), |_| load_org_directory());
    view! {
        <Title text=t(Key::OrgsTitle)/>
        <h1>{t(Key::OrgsTitle)}</h1>
        <p class="muted">{t(Key::OrgsIntro)}</p>
        <Suspense fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move { directory.await.map(|d| view! { <Directory d/> }) })}
            </ErrorBoundary>
        </Suspense>
    }
}

fn org_list(orgs: Vec<OrgSummary>, testid: &'static str) -> impl IntoView {
    view! {
        <ul class="queue" data-testid=testid>
            {orgs.into_iter().map(|o| view! {
                <li class="card request">
                    <a class="request-link" href=format!("/orgs/{}", o.id)>
                        <strong>{o.name}</strong>
                        <span class="muted small">
                            {t(o.kind.label())}" · "{o.members}" "{t(Key::OrgsMembers)}" · "{t(o.state.label())}
                        </span>
                    </a>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn Directory(d: OrgDirectory) -> impl IntoView {
    view! {
        {(!d.to_review.is_empty()).then(|| view! {
            <h2>{t(Key::OrgsToReview)}</h2>
            {org_list(d.to_review, "orgs-to-review")}
        })}
        {(!d.mine.is_empty()).then(|| view! {
            <h2>{t(Key::OrgsMine)}</h2>
            {org_list(d.mine, "orgs-mine")}
        })}
        {d.can_file.then(|| view! { <a class="button wide" href="/orgs/new">{t(Key::OrgsFile)}</a> })}
        <h2>{t(Key::OrgsDirectory)}</h2>
        {if d.approved.is_empty() {
            view! { <p class="card muted">{t(Key::OrgsEmpty)}</p> }.into_any()
        } else {
            org_list(d.approved, "orgs").into_any()
        }}
    }
}

/// The filing form; with `org`, the returned filing to change and file again.
#[component]
fn FilingForm(#[prop(optional)] org: Option<OrgView>) -> impl IntoView {
    let file = ServerAction::<FileOrg>::new();
    let error = error_of(file.value());
    let (name, kind, purpose) = match &org {
        Some(o) => (o.name.clone(), Some(o.kind), o.purpose.clone()),
        None => (String::new(), None, String::new()),
    };
    view! {
        <ActionForm action=file attr:class="form card">
            <FormError error/>
            {org.map(|o| view! { <input type="hidden" name="id" value=o.id/> })}
            <Field name="name" label=Key::OrgsName error required=true value=name/>
            <div class="field">
                <label for="f-kind">{t(Key::OrgsKind)}</label>
                <select id="f-kind" name="kind" required=true>
                    {OrgKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=kind == Some(k)>{t(k.label())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-purpose">{t(Key::OrgsPurpose)}</label>
                <p class="hint" id="f-purpose-hint">{t(Key::OrgsPurposeHint)}</p>
                <textarea id="f-purpose" name="purpose" rows="5" required=true maxlength="1000"
                    aria-describedby="f-purpose-hint">{purpose}</textarea>
                <FieldMessage id="f-purpose-error".into() error=field_of(error, "purpose")/>
            </div>
            <button type="submit" class="button primary wide">{t(Key::OrgsSubmit)}</button>
        </ActionForm>
    }
}

#[component]
pub fn NewOrgPage() -> impl IntoView {
    view! {
        <Title text=t(Key::OrgsFile)/>
        <p><a href="/orgs">"← "{t(Key::OrgsTitle)}</a></p>
        <h1>{t(Key::OrgsFile)}</h1>
        <FilingForm/>
    }
}

#[component]
pub fn OrgPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or_default();
    let join = ServerAction::<JoinOrg>::new();
    let decide = ServerAction::<DecideOrg>::new();
    let (joined, decided) = (saves(join.value()), saves(decide.value()));
    let org = Resource::new(move || (id(), joined.get(), decided.get()), |(id, _, _)| load_org(id));
    view! {
        <p><a href="/orgs">"← "{t(Key::OrgsTitle)}</a></p>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move { org.await.map(|o| view! { <Org o join decide/> }) })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Org(o: OrgView, join: ServerAction<JoinOrg>, decide: ServerAction<DecideOrg>) -> impl IntoView {
    let id = o.id;
    let decide_error = error_of(decide.value());
    let refile = o.can_refile.then(|| o.clone());
    view! {
        <Title text=o.name.clone()/>
        <h1>{o.name.clone()}</h1>
        <p>
            <span class="badge">{t(o.kind.label())}</span>" "
            <span class="badge" data-testid="org-state">{t(o.state.label())}</span>
        </p>
        <section class="card">
            <p class="pre-wrap">{o.purpose.clone()}</p>
            <dl class="facts">
                <dt>{t(Key::OrgsContact)}</dt><dd>{o.contact.clone()}</dd>
                <dt>{t(Key::OrgsMembers)}</dt><dd data-testid="org-members">{o.members}</dd>
            </dl>
        </section>
        {o.return_reason.clone().map(|r| view! { <p class="notice">{t(Key::OrgsReturnedBecause)}{r}</p> })}
        {o.can_join.then(|| view! {
            <ActionForm action=join>
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button primary wide big">{t(Key::OrgsJoin)}</button>
            </ActionForm>
        })}
        {o.is_member.then(|| view! {
            <p class="muted">{t(Key::OrgsYouAreMember)}</p>
            <ActionForm action=join>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="leave" value="true"/>
                <button type="submit" class="button">{t(Key::OrgsLeave)}</button>
            </ActionForm>
        })}
        {o.can_review.then(|| view! {
            <section class="card">
                <h2>{t(Key::OrgsDecide)}</h2>
                <FormError error=decide_error/>
                <ActionForm action=decide>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="decision" value="approve"/>
                    <button type="submit" class="button primary wide">{t(Key::OrgsApprove)}</button>
                </ActionForm>
                <ActionForm action=decide attr:class="form">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="decision" value="return"/>
                    <Field name="reason" label=Key::OrgsReturnReason error=decide_error required=true/>
                    <button type="submit" class="button">{t(Key::OrgsReturn)}</button>
                </ActionForm>
            </section>
        })}
        {refile.map(|org| view! {
            <h2>{t(Key::OrgsRefile)}</h2>
            <FilingForm org/>
        })}
    }
}
