//! The inbox (every notification, pushed or not) and the notification settings.

use super::{ErrorPanel, Loading};
use crate::api::notifications::{
    MarkAllRead, OpenNotification, RemovePushDevice, SavePushPreferences, load_inbox, load_push_preferences,
};
use crate::components::form::{FieldMessage, FormError, error_of, field_of};
use crate::components::t;
use crate::i18n::Key;
use crate::notifications::{Inbox, InboxItem, PushPreferences};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn InboxPage() -> impl IntoView {
    let open = ServerAction::<OpenNotification>::new();
    let read_all = ServerAction::<MarkAllRead>::new();
    let inbox = Resource::new(move || read_all.version().get(), |_| load_inbox());
    view! {
        <Title text=t(Key::InboxTitle)/>
        <div class="title-row">
            <h1>{t(Key::InboxTitle)}</h1>
            <a class="button small" href="/me/notifications">{t(Key::InboxSettings)}</a>
        </div>
        <FormError error=error_of(open.value())/>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    inbox.await.map(|inbox| view! { <InboxList inbox open read_all/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn InboxList(inbox: Inbox, open: ServerAction<OpenNotification>, read_all: ServerAction<MarkAllRead>) -> impl IntoView {
    if inbox.items.is_empty() {
        return view! { <p class="card muted">{t(Key::InboxEmpty)}</p> }.into_any();
    }
    view! {
        {(inbox.unread > 0).then(|| view! {
            <ActionForm action=read_all attr:class="inline-form">
                <p class="muted" data-testid="inbox-unread">{inbox.unread}" "{t(Key::InboxUnreadCount)}</p>
                <button type="submit" class="button small">{t(Key::InboxMarkAllRead)}</button>
            </ActionForm>
        })}
        <ul class="queue inbox">
            {inbox.items.into_iter().map(|item| view! { <Item item open/> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A whole item is one button: opening it marks it read and follows its link, with or
/// without JavaScript.
#[component]
fn Item(item: InboxItem, open: ServerAction<OpenNotification>) -> impl IntoView {
    view! {
        <li class="card inbox-item" class:unread=item.unread data-testid="inbox-item">
            <ActionForm action=open>
                <input type="hidden" name="id" value=item.id.to_string()/>
                <button type="submit" class="inbox-open">
                    <span class="inbox-title">
                        {item.unread.then(|| view! { <span class="dot" aria-label=t(Key::InboxUnread)></span> })}
                        {item.urgent.then(|| view! { <span class="badge urgent">{t(Key::InboxUrgent)}</span> " " })}
                        {item.title}
                    </span>
                    <span class="inbox-body">{item.body}</span>
                    <span class="muted small">{t(item.topic.label())}" · "{item.created}</span>
                </button>
            </ActionForm>
        </li>
    }
}

#[component]
pub fn NotificationSettingsPage() -> impl IntoView {
    let save = ServerAction::<SavePushPreferences>::new();
    let remove = ServerAction::<RemovePushDevice>::new();
    let preferences =
        Resource::new(move || (save.version().get(), remove.version().get()), |_| load_push_preferences());
    view! {
        <Title text=t(Key::PushTitle)/>
        <h1>{t(Key::PushTitle)}</h1>
        <p class="muted">{t(Key::PushIntro)}</p>
        <ThisDevice/>
        <Transition fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    preferences.await.map(|p| view! { <Preferences prefs=p save remove/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// Turning push on needs the browser, so this is an island: without JavaScript it says so;
/// with it, a button asks for permission only when pressed.
#[island]
fn ThisDevice() -> impl IntoView {
    crate::components::provide_page_settings();
    let status = RwSignal::new(None::<Key>);
    let on = RwSignal::new(false);
    let busy = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            let state = crate::client::state().await;
            on.set(state == crate::client::DeviceState::On);
            status.set(Some(state.message()));
        });
    });
    let toggle = move |_| {
        busy.set(true);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let result =
                if on.get_untracked() { crate::client::disable().await } else { crate::client::enable().await };
            match result {
                Ok(state) => {
                    on.set(state == crate::client::DeviceState::On);
                    status.set(Some(state.message()));
                    // The device list below is rendered by the server: load the page again
                    // to show this device added or removed.
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().reload();
                    }
                }
                Err(key) => status.set(Some(key)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card" data-testid="this-device">
            <h2>{t(Key::PushThisDevice)}</h2>
            <p role="status" data-testid="push-status">
                {move || t(status.get().unwrap_or(Key::PushNeedsScript))}
            </p>
            <Show when=move || status.get().is_some()>
                <button type="button" class="button primary wide" on:click=toggle disabled=move || busy.get()>
                    {move || t(if on.get() { Key::PushDisable } else { Key::PushEnable })}
                </button>
            </Show>
        </section>
    }
}

#[component]
fn Preferences(
    prefs: PushPreferences,
    save: ServerAction<SavePushPreferences>,
    remove: ServerAction<RemovePushDevice>,
) -> impl IntoView {
    let save_error = error_of(save.value());
    let quiet_error = field_of(save_error, "quiet_from");
    view! {
        <section class="card">
            <h2>{t(Key::PushDevices)}</h2>
            <FormError error=error_of(remove.value())/>
            {if prefs.devices.is_empty() {
                view! { <p class="muted">{t(Key::PushNoDevices)}</p> }.into_any()
            } else {
                view! {
                    <ul class="devices">
                        {prefs.devices.into_iter().map(|d| view! {
                            <li data-testid="device">
                                <div>
                                    <strong>{d.label}</strong>
                                    <p class="muted small">
                                        {t(Key::PushDeviceAdded)}" "{d.added}
                                        {d.last_delivered.map(|l| view! { " · " {t(Key::PushDeviceLast)} " " {l} })}
                                        {d.last_shown.map(|l| view! {
                                            " · " <span data-testid="device-shown">{t(Key::PushDeviceShown)} " " {l}</span>
                                        })}
                                    </p>
                                    {d.needs_renewal.then(|| view! { <p class="notice small">{t(Key::PushDeviceRenew)}</p> })}
                                </div>
                                <ActionForm action=remove>
                                    <input type="hidden" name="id" value=d.id.to_string()/>
                                    <button type="submit" class="button small">{t(Key::PushRemove)}</button>
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <ActionForm action=save attr:class="form card">
            <FormError error=save_error/>
            <fieldset>
                <legend>{t(Key::PushTopics)}</legend>
                {prefs.topics.into_iter().map(|choice| {
                    let name = choice.topic.as_str();
                    let id = format!("f-topic-{name}");
                    view! {
                        <div class="field checkbox">
                            <input type="checkbox" id=id.clone() name=name value="on" checked=choice.pushed/>
                            <label for=id>{t(choice.topic.label())}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset class:has-error=move || quiet_error.get().is_some()>
                <legend>{t(Key::PushQuiet)}</legend>
                <p class="hint" id="quiet-hint">{t(Key::PushQuietHint)}</p>
                <FieldMessage id="f-quiet-error".into() error=quiet_error/>
                <div class="field-row">
                    <div class="field">
                        <label for="f-quiet-from">{t(Key::PushQuietFrom)}</label>
                        <input type="time" id="f-quiet-from" name="quiet_from" aria-describedby="quiet-hint"
                            value=prefs.quiet_from.unwrap_or_default()/>
                    </div>
                    <div class="field">
                        <label for="f-quiet-until">{t(Key::PushQuietUntil)}</label>
                        <input type="time" id="f-quiet-until" name="quiet_until" aria-describedby="quiet-hint"
                            value=prefs.quiet_until.unwrap_or_default()/>
                    </div>
                </div>
            </fieldset>
            <button type="submit" class="button primary wide">{t(Key::PushSave)}</button>
        </ActionForm>
    }
}
