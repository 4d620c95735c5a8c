//! Announcements 社区公告: the list (pinned first), one announcement with the sender's
//! progress, and the publishing form for the service centre.

use crate::announcements::{AnnouncementList, AnnouncementView, SendProgress};
use crate::api::announcements::{PinAnnouncement, PublishAnnouncement, load_announcement, load_announcements};
use crate::components::form::{Field, FieldMessage, FormError, error_of, field_of, saves};
use crate::components::t;
use crate::i18n::Key;
use crate::pages::{ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AnnouncementsPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.read().get("page").and_then(|p| p.parse::<u32>().ok()).unwrap_or(0);
    let list = Resource::new(page, load_announcements);
    view! {
        <Title text=t(Key::AnnouncementsTitle)/>
        <h1>{t(Key::AnnouncementsTitle)}</h1>
        <Suspense fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move { list.await.map(|l| view! { <List l/> }) })}
            </ErrorBoundary>
        </Suspense>
    }
}

#[component]
fn List(l: AnnouncementList) -> impl IntoView {
    let next = l.page + 1;
    view! {
        {l.can_publish.then(|| view! {
            <a class="button primary wide" href="/console/announcements/new">{t(Key::AnnouncementsPublish)}</a>
        })}
        {if l.items.is_empty() {
            view! { <p class="card muted">{t(Key::AnnouncementsEmpty)}</p> }.into_any()
        } else {
            view! {
                <ul class="queue">
                    {l.items.into_iter().map(|a| view! {
                        <li class="card request" class:pinned=a.pinned data-testid="announcement">
                            <a class="request-link" href=format!("/announcements/{}", a.id)>
                                <strong>
                                    {a.pinned.then(|| view! { <span class="badge phase">{t(Key::AnnouncementsPinned)}</span>" " })}
                                    {a.title}
                                </strong>
                                <span class="muted small">
                                    {a.building.unwrap_or_else(|| t(Key::AnnouncementsEveryone).to_owned())}" · "{a.when}
                                </span>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {l.more.then(|| view! { <a class="button wide" href=format!("/announcements?page={next}")>{t(Key::ForumMore)}</a> })}
    }
}

#[component]
pub fn AnnouncementPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or_default();
    let pin = ServerAction::<PinAnnouncement>::new();
    let pinned = saves(pin.value());
    let announcement = Resource::new(move || (id(), pinned.get()), |(id, _)| load_announcement(id));
    view! {
        <p><a href="/announcements">"← "{t(Key::AnnouncementsTitle)}</a></p>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move { announcement.await.map(|a| view! { <Announcement a pin/> }) })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Announcement(a: AnnouncementView, pin: ServerAction<PinAnnouncement>) -> impl IntoView {
    let (id, pinned) = (a.id, a.pinned);
    view! {
        <Title text=a.title.clone()/>
        <article class="card">
            <h1>{a.title}</h1>
            <p class="muted small">
                {a.building.unwrap_or_else(|| t(Key::AnnouncementsEveryone).to_owned())}" · "{a.author}" · "{a.when}
            </p>
            <p class="pre-wrap">{a.body}</p>
        </article>
        {a.progress.map(|p| view! {
            <Progress p/>
            <ActionForm action=pin>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="pinned" value=(!pinned).to_string()/>
                <button type="submit" class="button">
                    {t(if pinned { Key::AnnouncementsUnpin } else { Key::AnnouncementsPin })}
                </button>
            </ActionForm>
        })}
    }
}

#[component]
fn Progress(p: SendProgress) -> impl IntoView {
    let reached = p.recipients.saturating_sub(p.waiting);
    let percent = (reached * 100).checked_div(p.recipients).unwrap_or(100);
    view! {
        // While a broadcast is still going out, its sender sees the figures move
        // (`data-refresh`, see shell.js).
        <section class="card" id="send-progress" data-testid="send-progress" aria-live="polite"
            data-refresh=(!p.is_finished()).then_some(2)>
            <h2>{t(Key::AnnouncementsProgress)}</h2>
            <progress max="100" value=percent.to_string()>{percent}"%"</progress>
            <dl class="facts">
                <dt>{t(Key::AnnouncementsRecipients)}</dt><dd data-testid="recipients">{p.recipients}</dd>
                <dt>{t(Key::AnnouncementsReached)}</dt><dd>{reached}</dd>
                <dt>{t(Key::AnnouncementsDevicesSent)}</dt><dd>{p.devices_sent}</dd>
                <dt>{t(Key::AnnouncementsDevicesQueued)}</dt><dd>{p.devices_queued}</dd>
                <dt>{t(Key::AnnouncementsInboxOnly)}</dt><dd>{p.inbox_only}</dd>
            </dl>
            {(!p.is_finished()).then(|| view! { <a class="button" href="">{t(Key::AnnouncementsRefresh)}</a> })}
        </section>
    }
}

/// `/console/announcements/new`.
#[component]
pub fn PublishPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| load_announcements(0));
    let publish = ServerAction::<PublishAnnouncement>::new();
    let error = error_of(publish.value());
    view! {
        <Title text=t(Key::AnnouncementsPublish)/>
        <p><a href="/announcements">"← "{t(Key::AnnouncementsTitle)}</a></p>
        <h1>{t(Key::AnnouncementsPublish)}</h1>
        <Suspense fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    let buildings = list.await?.buildings;
                    Ok::<_, crate::error::AppError>(view! {
                        <ActionForm action=publish attr:class="form card">
                            <FormError error/>
                            <Field name="title" label=Key::AnnouncementsFieldTitle error required=true/>
                            <div class="field">
                                <label for="f-body">{t(Key::AnnouncementsFieldBody)}</label>
                                <textarea id="f-body" name="body" rows="8" required=true maxlength="5000"></textarea>
                                <FieldMessage id="f-body-error".into() error=field_of(error, "body")/>
                            </div>
                            <div class="field">
                                <label for="f-building">{t(Key::AnnouncementsAudience)}</label>
                                <select id="f-building" name="building">
                                    <option value="">{t(Key::AnnouncementsEveryone)}</option>
                                    {buildings.into_iter().map(|(id, name)| view! {
                                        <option value=id.to_string()>{name}</option>
                                    }).collect_view()}
                                </select>
                                <FieldMessage id="f-building-error".into() error=field_of(error, "building")/>
                            </div>
                            <label class="choice">
                                <input type="checkbox" name="pinned" value="on"/>
                                <span>{t(Key::AnnouncementsPinIt)}</span>
                            </label>
                            <label class="choice">
                                <input type="checkbox" name="push" value="on" checked=true/>
                                <span>{t(Key::AnnouncementsPushIt)}</span>
                            </label>
                            <button type="submit" class="button primary wide big">{t(Key::AnnouncementsPublish)}</button>
                        </ActionForm>
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}
