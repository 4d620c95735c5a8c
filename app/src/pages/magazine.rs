//! 《家园》 on a phone: the shelf of issues with their covers, one issue (cover, contents,
//! articles), and the service centre's editing of a draft.

use crate::api::magazine::{AddArticle, PublishIssue, StartIssue, load_issue, load_shelf};
use crate::components::form::{Field, FieldMessage, FormError, error_of, field_of, saves};
use crate::components::t;
use crate::i18n::Key;
use crate::magazine::{IssueSummary, IssueView, MagazineShelf, season_colour};
use crate::pages::{ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A typographic cover in the season's colour: drawn, so it costs no image download.
#[component]
fn Cover(issue: IssueSummary) -> impl IntoView {
    view! {
        <svg class="cover" viewBox="0 0 120 160" role="img" aria-label=issue.title.clone()>
            <rect width="120" height="160" rx="6" fill=season_colour(&issue.season)/>
            <text x="60" y="62" text-anchor="middle" class="cover-mark">"家园"</text>
            <text x="60" y="88" text-anchor="middle" class="cover-season">{issue.season.clone()}</text>
            <line x1="24" y1="100" x2="96" y2="100" stroke="#fff" stroke-width="1"/>
            <text x="60" y="122" text-anchor="middle" class="cover-count">"JIAYUAN"</text>
        </svg>
    }
}

#[component]
pub fn MagazinePage() -> impl IntoView {
    let shelf = Resource::new(|| (), |_| load_shelf());
    view! {
        <Title text=t(Key::MagazineTitle)/>
        <h1>{t(Key::MagazineTitle)}</h1>
        <p class="muted">{t(Key::MagazineIntro)}</p>
        <Suspense fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move { shelf.await.map(|s| view! { <Shelf s/> }) })}
            </ErrorBoundary>
        </Suspense>
    }
}

#[component]
fn Shelf(s: MagazineShelf) -> impl IntoView {
    view! {
        {s.can_edit.then(|| view! { <a class="button wide" href="/magazine/new">{t(Key::MagazineStart)}</a> })}
        {if s.issues.is_empty() {
            view! { <p class="card muted">{t(Key::MagazineEmpty)}</p> }.into_any()
        } else {
            view! {
                <ul class="shelf" data-testid="issues">
                    {s.issues.into_iter().map(|i| view! {
                        <li>
                            <a href=format!("/magazine/{}", i.id)>
                                <Cover issue=i.clone()/>
                                <strong>{i.title.clone()}</strong>
                                <span class="muted small">
                                    {i.published.clone().unwrap_or_else(|| t(Key::MagazineDraft).to_owned())}
                                    " · "{i.articles}" "{t(Key::MagazineArticles)}
                                </span>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
pub fn NewIssuePage() -> impl IntoView {
    let start = ServerAction::<StartIssue>::new();
    let error = error_of(start.value());
    view! {
        <Title text=t(Key::MagazineStart)/>
        <p><a href="/magazine">"← "{t(Key::MagazineTitle)}</a></p>
        <h1>{t(Key::MagazineStart)}</h1>
        <ActionForm action=start attr:class="form card">
            <FormError error/>
            <Field name="title" label=Key::MagazineIssueTitle error required=true/>
            <Field name="season" label=Key::CsvQuarter error required=true hint=Key::FieldQuarter/>
            <div class="field">
                <label for="f-intro">{t(Key::MagazineIssueIntro)}</label>
                <textarea id="f-intro" name="intro" rows="4" required=true></textarea>
                <FieldMessage id="f-intro-error".into() error=field_of(error, "intro")/>
            </div>
            <button type="submit" class="button primary wide">{t(Key::MagazineStart)}</button>
        </ActionForm>
    }
}

#[component]
pub fn IssuePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or_default();
    let add = ServerAction::<AddArticle>::new();
    let publish = ServerAction::<PublishIssue>::new();
    let (added, published) = (saves(add.value()), saves(publish.value()));
    let issue = Resource::new(move || (id(), added.get(), published.get()), |(id, _, _)| load_issue(id));
    view! {
        <p><a href="/magazine">"← "{t(Key::MagazineTitle)}</a></p>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move { issue.await.map(|i| view! { <Issue i add publish/> }) })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Issue(i: IssueView, add: ServerAction<AddArticle>, publish: ServerAction<PublishIssue>) -> impl IntoView {
    let id = i.summary.id;
    let add_error = error_of(add.value());
    view! {
        <Title text=i.summary.title.clone()/>
        <div class="issue-head">
            <Cover issue=i.summary.clone()/>
            <div>
                <h1>{i.summary.title.clone()}</h1>
                <p class="muted small">{i.summary.published.clone().unwrap_or_else(|| t(Key::MagazineDraft).to_owned())}</p>
            </div>
        </div>
        <p class="pre-wrap">{i.intro}</p>
        {(!i.articles.is_empty()).then(|| view! {
            <nav class="card" aria-label=t(Key::MagazineContents)>
                <h2>{t(Key::MagazineContents)}</h2>
                <ol>
                    {i.articles.iter().map(|a| view! { <li><a href=format!("#a{}", a.id)>{a.title.clone()}</a></li> }).collect_view()}
                </ol>
            </nav>
        })}
        {i.articles.into_iter().map(|a| view! {
            <article class="card article" id=format!("a{}", a.id) data-testid="article">
                <h2>{a.title}</h2>
                <p class="muted small">{a.byline}</p>
                <p class="pre-wrap">{a.body}</p>
            </article>
        }).collect_view()}
        {i.can_edit.then(|| view! {
            <details class="card" open=true>
                <summary>{t(Key::MagazineAddArticle)}</summary>
                <ActionForm action=add attr:class="form">
                    <FormError error=add_error/>
                    <input type="hidden" name="issue" value=id/>
                    <Field name="title" label=Key::MagazineArticleTitle error=add_error required=true form="article"/>
                    <Field name="byline" label=Key::MagazineByline error=add_error required=true form="article"/>
                    <div class="field">
                        <label for="f-article-body">{t(Key::MagazineArticleBody)}</label>
                        <textarea id="f-article-body" name="body" rows="8" required=true></textarea>
                        <FieldMessage id="f-article-body-error".into() error=field_of(add_error, "body")/>
                    </div>
                    <button type="submit" class="button">{t(Key::MagazineAddArticle)}</button>
                </ActionForm>
            </details>
            <ActionForm action=publish>
                <FormError error=error_of(publish.value())/>
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button primary wide big">{t(Key::MagazinePublish)}</button>
            </ActionForm>
        })}
    }
}
