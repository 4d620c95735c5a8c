use super::t;
use super::viewer::use_viewer;
use crate::i18n::Key;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// Header, main area and the bottom navigation a thumb can reach.
#[component]
pub fn AppShell(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">{t(Key::SkipToContent)}</a>
        <header class="top-bar">
            <a href="/" class="brand">
                <span class="brand-mark" aria-hidden="true">"家"</span>
                <span class="brand-name">{t(Key::AppName)}</span>
            </a>
            <InboxLink/>
        </header>
        // Shown only on a copy the service worker kept, served while there is no network.
        <p class="offline-banner" role="status" data-testid="offline-banner">{t(Key::OfflineBanner)}</p>
        <main id="main" class="page">
            <Flash/>
            {children()}
        </main>
        <BottomNav/>
    }
}

/// The confirmation of the form just sent ("saved"), on the page it led back to. Forms are
/// posted as page loads, so it travels in a cookie (`ssr::request::flash`).
#[component]
fn Flash() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let flashed = crate::ssr::request::flashed();
    #[cfg(not(feature = "ssr"))]
    let flashed = None::<Key>;
    flashed.map(|key| view! { <p class="form-ok" role="status" data-testid="flash">{t(key)}</p> })
}

/// The inbox, with the number of unread items, for signed-in people.
#[component]
fn InboxLink() -> impl IntoView {
    let viewer = use_viewer();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                viewer.await.ok().flatten().map(|v| {
                    let label = if v.unread > 0 {
                        format!("{} ({} {})", t(Key::NavInbox), v.unread, t(Key::InboxUnreadCount))
                    } else {
                        t(Key::NavInbox).to_owned()
                    };
                    view! {
                        // The name is the visible words' spoken form: screen readers and voice
                        // control say the same thing (WCAG 2.5.3).
                        <a href="/inbox" class="inbox-link" data-testid="inbox-link">
                            <span aria-hidden="true">"✉"</span>
                            <span class="sr-only">{label}</span>
                            {(v.unread > 0).then(|| view! {
                                <span class="unread-count" aria-hidden="true" data-testid="unread-badge">
                                    {if v.unread > 99 { "99+".to_owned() } else { v.unread.to_string() }}
                                </span>
                            })}
                        </a>
                    }
                })
            })}
        </Transition>
    }
}

#[component]
fn BottomNav() -> impl IntoView {
    let viewer = use_viewer();
    let location = use_location();
    let current = move |path: &'static str| {
        let here = location.pathname.get();
        let active = if path == "/" { here == "/" } else { here.starts_with(path) };
        if active { "page" } else { "false" }
    };
    view! {
        <nav class="bottom-nav" aria-label=t(Key::NavMain)>
            <A href="/" attr:aria-current=move || current("/")>
                <span class="nav-icon" aria-hidden="true">"⌂"</span>
                <span>{t(Key::NavHome)}</span>
            </A>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let viewer = viewer.await.ok().flatten();
                    let console = viewer.as_ref().is_some_and(|v| v.is_console_user());
                    let volunteer = viewer.as_ref().is_some_and(|v| v.has(crate::model::RoleKind::Volunteer));
                    let signed_in = viewer.is_some();
                    view! {
                        <Show when=move || signed_in>
                            <A href="/help" attr:aria-current=move || current("/help")>
                                <span class="nav-icon" aria-hidden="true">"♡"</span>
                                <span>{t(Key::NavHelp)}</span>
                            </A>
                        </Show>
                        <Show when=move || signed_in>
                            <A href="/projects" attr:aria-current=move || current("/projects")>
                                <span class="nav-icon" aria-hidden="true">"◎"</span>
                                <span>{t(Key::NavProjects)}</span>
                            </A>
                        </Show>
                        <Show when=move || volunteer>
                            <A href="/volunteer" attr:aria-current=move || current("/volunteer")>
                                <span class="nav-icon" aria-hidden="true">"★"</span>
                                <span>{t(Key::NavVolunteer)}</span>
                            </A>
                        </Show>
                        <Show when=move || console>
                            <A href="/console" attr:aria-current=move || current("/console")>
                                <span class="nav-icon" aria-hidden="true">"▦"</span>
                                <span>{t(Key::NavConsole)}</span>
                            </A>
                        </Show>
                        <Show
                            when=move || signed_in
                            fallback=move || view! {
                                <A href="/login" attr:aria-current=move || current("/login")>
                                    <span class="nav-icon" aria-hidden="true">"→"</span>
                                    <span>{t(Key::NavLogin)}</span>
                                </A>
                            }
                        >
                            <A href="/me" attr:aria-current=move || current("/me")>
                                <span class="nav-icon" aria-hidden="true">"☺"</span>
                                <span>{t(Key::NavMe)}</span>
                            </A>
                        </Show>
                    }
                })}
            </Transition>
        </nav>
    }
}
