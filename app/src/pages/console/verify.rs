use crate::api::console::{RejectAccount, VerifyAccount, pending_accounts};
use crate::components::form::{FormError, error_of};
use crate::components::listing::{Filters, Matching, Pager, QueryForm, SearchField};
use crate::components::t;
use crate::i18n::Key;
use crate::model::PendingAccount;
use crate::pages::{ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/console/verify?q=&page=`: people waiting to be verified, oldest first.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let verify = ServerAction::<VerifyAccount>::new();
    let reject = ServerAction::<RejectAccount>::new();
    let queue = Resource::new(
        move || (param("q"), param("page").parse::<u32>().unwrap_or(0), verify.version().get(), reject.version().get()),
        |(q, page, _, _)| pending_accounts(q, page),
    );
    let verify_error = error_of(verify.value());
    let reject_error = error_of(reject.value());
    let filters = move || Filters::new([("q", param("q"))]);
    view! {
        <Title text=t(Key::ConsoleVerify)/>
        <p><a href="/console">"← "{t(Key::ConsoleTitle)}</a></p>
        <h1>{t(Key::ConsoleVerify)}</h1>
        {move || view! {
            <QueryForm path="/console/verify" csv=filters().href("/console/verify.csv", None)>
                <SearchField label=Key::PeopleSearch value=param("q")/>
            </QueryForm>
        }}
        <FormError error=verify_error/>
        <FormError error=reject_error/>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    queue.await.map(|people| view! {
                        <Matching total=people.total/>
                        {if people.items.is_empty() {
                            view! { <p class="card muted">{t(Key::VerifyEmpty)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="queue">
                                    {people.items.into_iter().map(|p| view! { <Candidate person=p verify reject/> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <Pager path="/console/verify" filters=filters() page=people.page more=people.more/>
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Candidate(
    person: PendingAccount,
    verify: ServerAction<VerifyAccount>,
    reject: ServerAction<RejectAccount>,
) -> impl IntoView {
    let reason_id = format!("reason-{}", person.id);
    view! {
        <li class="card candidate" data-testid="candidate">
            <h2>{person.name.clone()}</h2>
            <dl class="facts">
                <dt>{t(Key::MeContact)}</dt><dd>{person.contact.clone()}</dd>
                <dt>{t(Key::MeAddress)}</dt><dd>{person.address.clone()}</dd>
                <dt>{t(Key::VerifyRegistered)}</dt><dd>{person.registered.clone()}</dd>
            </dl>
            <ActionForm action=verify>
                <input type="hidden" name="account_id" value=person.id.to_string()/>
                <button type="submit" class="button primary wide">{t(Key::VerifyApprove)}</button>
            </ActionForm>
            <details>
                <summary>{t(Key::VerifyReject)}</summary>
                <ActionForm action=reject attr:class="form">
                    <input type="hidden" name="account_id" value=person.id.to_string()/>
                    <div class="field">
                        <label for=reason_id.clone()>{t(Key::VerifyReason)}</label>
                        <input id=reason_id name="reason" required=true/>
                    </div>
                    <button type="submit" class="button danger">{t(Key::VerifyReject)}</button>
                </ActionForm>
            </details>
        </li>
    }
}
