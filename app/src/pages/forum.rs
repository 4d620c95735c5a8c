//! The residents' forum: topics of the community, one topic with its replies, a new topic.

use crate::api::forum::{HideTopic, OpenTopic, load_forum, load_topic};
use crate::components::discussion::Discussion;
use crate::components::form::{FieldMessage, FormError, error_of, field_of, saves};
use crate::components::t;
use crate::deliberation::{ForumPage as Page, Subject, TopicView};
use crate::i18n::Key;
use crate::pages::{ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ForumPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.read().get("page").and_then(|p| p.parse::<u32>().ok()).unwrap_or(0);
    let forum = Resource::new(page, load_forum);
    view! {
        <Title text=t(Key::ForumTitle)/>
        <h1>{t(Key::ForumTitle)}</h1>
        <p class="muted">{t(Key::ForumIntro)}</p>
        <Suspense fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move { forum.await.map(|f| view! { <Topics f/> }) })}
            </ErrorBoundary>
        </Suspense>
    }
}

#[component]
fn Topics(f: Page) -> impl IntoView {
    let next = f.page + 1;
    view! {
        {f.can_post.then(|| view! { <a class="button primary wide big" href="/forum/new">{t(Key::ForumNew)}</a> })}
        {if f.topics.is_empty() {
            view! { <p class="card muted">{t(Key::ForumEmpty)}</p> }.into_any()
        } else {
            view! {
                <ul class="queue">
                    {f.topics.into_iter().map(|topic| view! {
                        <li class="card request" data-testid="topic">
                            <a class="request-link" href=format!("/forum/{}", topic.id)>
                                <strong>{topic.title}</strong>
                                <span class="muted small">
                                    {topic.author}" · "{topic.replies}" "{t(Key::ForumReplies)}" · "{topic.last_activity}
                                </span>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {f.more.then(|| view! { <a class="button wide" href=format!("/forum?page={next}")>{t(Key::ForumMore)}</a> })}
    }
}

#[component]
pub fn NewTopicPage() -> impl IntoView {
    let open = ServerAction::<OpenTopic>::new();
    let error = error_of(open.value());
    view! {
        <Title text=t(Key::ForumNew)/>
        <p><a href="/forum">"← "{t(Key::ForumTitle)}</a></p>
        <h1>{t(Key::ForumNew)}</h1>
        <ActionForm action=open attr:class="form card">
            <FormError error/>
            <div class="field">
                <label for="f-topic-title">{t(Key::ForumTopicTitle)}</label>
                <input id="f-topic-title" name="title" required=true maxlength="60"/>
                <FieldMessage id="f-topic-title-error".into() error=field_of(error, "title")/>
            </div>
            <div class="field">
                <label for="f-topic-body">{t(Key::ForumTopicBody)}</label>
                <p class="hint">{t(Key::ForumIntro)}</p>
                <textarea id="f-topic-body" name="body" rows="5" maxlength="1000" required=true></textarea>
                <FieldMessage id="f-topic-body-error".into() error=field_of(error, "body")/>
            </div>
            <button type="submit" class="button primary wide">{t(Key::ForumPost)}</button>
        </ActionForm>
    }
}

#[component]
pub fn TopicPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or_default();
    let hide = ServerAction::<HideTopic>::new();
    let saved = saves(hide.value());
    let topic = Resource::new(move || (id(), saved.get()), |(id, _)| load_topic(id));
    view! {
        <p><a href="/forum">"← "{t(Key::ForumTitle)}</a></p>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move { topic.await.map(|v| view! { <Topic v hide/> }) })}
            </ErrorBoundary>
        </Transition>
        <Discussion subject=Subject::Topic(id()) title=Key::ForumRepliesTitle/>
    }
}

#[component]
fn Topic(v: TopicView, hide: ServerAction<HideTopic>) -> impl IntoView {
    let id = v.id;
    let hidden = v.hidden_reason.is_some();
    view! {
        <Title text=v.title.clone()/>
        <h1>{v.title}</h1>
        <p class="muted small">{v.author}" · "{v.when}</p>
        <section class="card">
            {match v.hidden_reason {
                Some(reason) => view! { <p class="muted">{t(Key::CommentHidden)}{reason}</p> }.into_any(),
                None => view! { <p class="pre-wrap">{v.body}</p> }.into_any(),
            }}
        </section>
        {(v.can_moderate && !hidden).then(|| view! {
            <details class="moderate card">
                <summary>{t(Key::ForumHideTopic)}</summary>
                <ActionForm action=hide attr:class="form">
                    <FormError error=error_of(hide.value())/>
                    <input type="hidden" name="id" value=id/>
                    <div class="field">
                        <label for="f-hide-topic">{t(Key::CommentHideReason)}</label>
                        <input id="f-hide-topic" name="reason" required=true maxlength="200"/>
                    </div>
                    <button type="submit" class="button">{t(Key::CommentHide)}</button>
                </ActionForm>
            </details>
        })}
    }
}
