//! Community services 社区综合服务: the catalogue, one service with its request form and my
//! requests for it (tracking, withdrawing, rating), and the staff's editing of a service.

use crate::api::services::{
    ActOnServiceRequest, RateService, RequestService, SaveService, load_catalogue, load_service,
};
use crate::components::form::{Field, FieldMessage, FormError, Stars, error_of, field_of, saves};
use crate::components::t;
use crate::i18n::Key;
use crate::pages::{ErrorPanel, Loading};
use crate::services::{MyServiceRequest, ServiceCatalogue, ServiceDetail, ServiceRequestState, ServiceTexts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ServicesPage() -> impl IntoView {
    let catalogue = Resource::new(|| (), |_| load_catalogue());
    view! {
        <Title text=t(Key::ServicesTitle)/>
        <h1>{t(Key::ServicesTitle)}</h1>
        <p class="muted">{t(Key::ServicesIntro)}</p>
        <Suspense fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move { catalogue.await.map(|c| view! { <Catalogue c/> }) })}
            </ErrorBoundary>
        </Suspense>
    }
}

#[component]
fn Catalogue(c: ServiceCatalogue) -> impl IntoView {
    let open: Vec<MyServiceRequest> = c.mine.into_iter().filter(|r| r.state.is_open() || r.can_rate).collect();
    view! {
        {(!open.is_empty()).then(|| view! {
            <section class="card">
                <h2>{t(Key::ServicesMine)}</h2>
                <ul class="plain" data-testid="my-service-requests">
                    {open.into_iter().map(|r| view! {
                        <li>
                            <a href=format!("/services/{}#r{}", r.service_id, r.id)>{r.service_name}</a>
                            " "<StateBadge state=r.state/>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {c.can_edit.then(|| view! { <a class="button wide" href="/console/services/new">{t(Key::ServicesAdd)}</a> })}
        <ul class="service-list">
            {c.services.into_iter().map(|s| view! {
                <li class="card service" data-testid="service">
                    <a class="request-link" href=format!("/services/{}", s.id)>
                        <strong>{s.name}</strong>
                        {(!s.active).then(|| view! { <span class="badge">{t(Key::ServicesInactive)}</span> })}
                        <span class="muted small clamp">{s.summary}</span>
                    </a>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn StateBadge(state: ServiceRequestState) -> impl IntoView {
    view! { <span class=format!("badge state-{}", state.as_str())>{t(state.label())}</span> }
}

#[component]
pub fn ServicePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or_default();
    let act = ServerAction::<ActOnServiceRequest>::new();
    let rate = ServerAction::<RateService>::new();
    let (acted, rated) = (saves(act.value()), saves(rate.value()));
    let service = Resource::new(move || (id(), acted.get(), rated.get()), |(id, _, _)| load_service(id));
    let requested = move || query.read().get("requested").is_some();
    view! {
        <p><a href="/services">"← "{t(Key::ServicesTitle)}</a></p>
        <Show when=requested>
            <p class="notice" role="status">{t(Key::ServicesRequested)}</p>
        </Show>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move { service.await.map(|s| view! { <Service s act rate/> }) })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Service(s: ServiceDetail, act: ServerAction<ActOnServiceRequest>, rate: ServerAction<RateService>) -> impl IntoView {
    let request = ServerAction::<RequestService>::new();
    let error = error_of(request.value());
    let id = s.card.id;
    view! {
        <Title text=s.card.name.clone()/>
        <h1>{s.card.name}</h1>
        <p class="pre-wrap">{s.card.summary}</p>
        {s.can_request.then(|| view! {
            <ActionForm action=request attr:class="form card">
                <h2>{t(Key::ServicesRequest)}</h2>
                <FormError error/>
                <input type="hidden" name="service" value=id/>
                <div class="field">
                    <label for="f-details">{t(Key::ServicesDetails)}</label>
                    <p class="hint" id="f-details-hint">{t(Key::ServicesDetailsHint)}</p>
                    <textarea id="f-details" name="details" rows="4" maxlength="500" required=true
                        aria-describedby="f-details-hint"></textarea>
                    <FieldMessage id="f-details-error".into() error=field_of(error, "details")/>
                </div>
                <button type="submit" class="button primary wide big">{t(Key::ServicesSend)}</button>
            </ActionForm>
        })}
        {(!s.mine.is_empty()).then(|| view! {
            <h2>{t(Key::ServicesMine)}</h2>
            {s.mine.into_iter().map(|r| view! { <MyRequest r act rate/> }).collect_view()}
        })}
        {s.editable.map(|texts| view! { <EditService id=Some(id) texts active=s.card.active/> })}
    }
}

#[component]
fn MyRequest(
    r: MyServiceRequest,
    act: ServerAction<ActOnServiceRequest>,
    rate: ServerAction<RateService>,
) -> impl IntoView {
    let id = r.id;
    let rate_error = error_of(rate.value());
    view! {
        <article class="card" id=format!("r{id}") data-testid="my-service-request">
            <p><StateBadge state=r.state/>" "<span class="muted small">{r.submitted}" → "{r.updated}</span></p>
            <p class="pre-wrap">{r.details}</p>
            {r.decline_reason.map(|reason| view! { <p class="notice">{t(Key::ServicesDeclinedBecause)}{reason}</p> })}
            {r.rating.map(|n| view! {
                <p><strong>{t(Key::ServicesYourRating)}" "{"★".repeat(n as usize)}</strong></p>
                <p class="muted">{r.rating_comment.clone().unwrap_or_default()}</p>
            })}
            {r.can_rate.then(|| view! {
                <ActionForm action=rate attr:class="form">
                    <FormError error=rate_error/>
                    <input type="hidden" name="id" value=id/>
                    <Stars name="stars" legend=Key::ServicesRate/>
                    <Field name="comment" label=Key::ServicesRateComment error=rate_error form="rate"/>
                    <button type="submit" class="button primary wide">{t(Key::ServicesRateSend)}</button>
                </ActionForm>
            })}
            {r.can_withdraw.then(|| view! {
                <ActionForm action=act>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="action" value="withdraw"/>
                    <button type="submit" class="button danger">{t(Key::SvcWithdraw)}</button>
                </ActionForm>
            })}
        </article>
    }
}

/// Staff's form for a service project, in both languages.
#[component]
pub fn EditService(id: Option<i64>, texts: ServiceTexts, active: bool) -> impl IntoView {
    let save = ServerAction::<SaveService>::new();
    let error = error_of(save.value());
    view! {
        <details class="card" open=id.is_none()>
            <summary>{t(if id.is_some() { Key::ServicesEdit } else { Key::ServicesAdd })}</summary>
            <ActionForm action=save attr:class="form">
                <FormError error/>
                {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
                <Field name="name_zh" label=Key::ServicesNameZh error required=true value=texts.name_zh/>
                <Field name="name_en" label=Key::ServicesNameEn error value=texts.name_en hint=Key::ServicesEnOptional/>
                <div class="field">
                    <label for="f-summary_zh">{t(Key::ServicesSummaryZh)}</label>
                    <textarea id="f-summary_zh" name="summary_zh" rows="4" required=true>{texts.summary_zh}</textarea>
                    <FieldMessage id="f-summary_zh-error".into() error=field_of(error, "summary_zh")/>
                </div>
                <div class="field">
                    <label for="f-summary_en">{t(Key::ServicesSummaryEn)}</label>
                    <textarea id="f-summary_en" name="summary_en" rows="4">{texts.summary_en}</textarea>
                    <FieldMessage id="f-summary_en-error".into() error=field_of(error, "summary_en")/>
                </div>
                <label class="choice">
                    <input type="checkbox" name="active" value="on" checked=active/>
                    <span>{t(Key::ServicesActive)}</span>
                </label>
                <button type="submit" class="button primary wide">{t(Key::ServicesSave)}</button>
            </ActionForm>
        </details>
    }
}

/// `/console/services/new`: a new service project.
#[component]
pub fn NewServicePage() -> impl IntoView {
    let blank = ServiceTexts {
        name_zh: String::new(),
        name_en: String::new(),
        summary_zh: String::new(),
        summary_en: String::new(),
    };
    view! {
        <Title text=t(Key::ServicesAdd)/>
        <p><a href="/services">"← "{t(Key::ServicesTitle)}</a></p>
        <h1>{t(Key::ServicesAdd)}</h1>
        <EditService id=None texts=blank active=true/>
    }
}
