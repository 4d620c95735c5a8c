//! Jiayuan 家园: the isomorphic crate. Pages and server functions live here; it is built for
//! the browser with `hydrate` and into the server with `ssr`.
#![recursion_limit = "256"]

pub mod alerts;
pub mod announcements;
pub mod api;
pub mod authz;
#[cfg(feature = "hydrate")]
mod client;
mod components;
pub mod dashboard;
pub mod deliberation;
pub mod domain;
pub mod error;
pub mod help;
pub mod i18n;
pub mod magazine;
pub mod model;
pub mod notifications;
pub mod organisations;
mod pages;
pub mod projects;
pub mod services;
#[cfg(feature = "ssr")]
pub mod ssr;

use components::layout::AppShell;
use i18n::Locale;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // A fresh nonce per page: the page's own inline scripts carry it, and its
    // Content-Security-Policy allows no other inline script.
    #[cfg(feature = "ssr")]
    {
        leptos::nonce::provide_nonce();
        if let Some(nonce) = leptos::nonce::use_nonce() {
            ssr::request::set_page_policy(&nonce);
        }
    }
    let locale = current_locale();
    let elderly = current_elderly().then_some("elderly");
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag() class=elderly>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#b4232a"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <ServiceWorker locale/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Registers the service worker as soon as the page has loaded, whether or not the bundle
/// has arrived yet (its address carries this build's hash, so each release installs its own
/// worker and precaches its own files), and shows what the worker keeps on the device until
/// the network returns. Plain script in the shell: it costs the bundle nothing.
#[component]
fn ServiceWorker(locale: Locale) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let script = {
        use i18n::Key;
        let text = |key: Key| serde_json::to_string(key.text(locale)).unwrap_or_default();
        include_str!("shell.js")
            .replace("__BUILD__", &ssr::build_id())
            .replace("\"__WAITING__\"", &text(Key::OutboxWaiting))
            .replace("\"__SENT__\"", &text(Key::OutboxSent))
    };
    #[cfg(not(feature = "ssr"))]
    let script = {
        let _ = locale;
        String::new()
    };
    view! { <script nonce=leptos::nonce::use_nonce() inner_html=script></script> }
}

/// An attribute of `<html>`, which the server wrote from the request: the browser reads the
/// page's language and senior mode back from it, so islands render what the server rendered.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn html_attribute(name: &str) -> Option<String> {
    web_sys::window()?.document()?.document_element()?.get_attribute(name)
}

/// The language of this render: from the request on the server, from `<html lang>` in the
/// browser.
pub(crate) fn current_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        ssr::request::locale()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        html_attribute("lang").and_then(|tag| Locale::from_tag(&tag)).unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Locale::default()
    }
}

/// Senior mode for this render: from the device's cookie on the server, from `<html class>`
/// in the browser.
pub(crate) fn current_elderly() -> bool {
    #[cfg(feature = "ssr")]
    {
        ssr::request::elderly()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        html_attribute("class").is_some_and(|class| class.split_whitespace().any(|c| c == "elderly"))
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        false
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    components::provide_page_settings();
    components::viewer::provide_viewer();

    view! {
        <Title formatter=|page: String| if page.is_empty() { "家园 Jiayuan".to_owned() } else { format!("{page} · 家园") }/>
        // In-order streaming: every page arrives complete, so it works with JavaScript off and
        // on the slowest phone, while the first bytes still leave at once.
        <Router>
            <AppShell>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/login") view=pages::login::LoginPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/register") view=pages::register::RegisterPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/login/code") view=pages::two_step::SecondStepPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/me") view=pages::me::MePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/me/security") view=pages::two_step::TwoStepPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/help") view=pages::help::MyHelpPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/help/new") view=pages::help::new::NewHelpPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/help/:id") view=pages::help::detail::HelpDetailPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/inbox") view=pages::inbox::InboxPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/me/notifications") view=pages::inbox::NotificationSettingsPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/forum") view=pages::forum::ForumPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/forum/new") view=pages::forum::NewTopicPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/forum/:id") view=pages::forum::TopicPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/projects") view=pages::projects::ProjectsPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/projects/ballot") view=pages::projects::ballot::BallotPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/projects/results") view=pages::projects::ballot::ResultsPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/projects/new") view=pages::projects::new::NewProposalPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/projects/ledger") view=pages::projects::ledger::LedgerPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/projects/:id") view=pages::projects::detail::ProposalPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/projects/:id/edit") view=pages::projects::new::EditProposalPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/console/paper-ballot") view=pages::projects::ballot::PaperBallotPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/console/review") view=pages::console::review::ReviewQueuePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/console/rounds/new") view=pages::console::rounds::OpenRoundPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/alerts") view=pages::alerts::AlertsPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/volunteer") view=pages::help::board::BoardPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/console/triage") view=pages::console::triage::TriagePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/console/hotline") view=pages::help::new::HotlinePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/console") view=pages::console::ConsolePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/console/verify") view=pages::console::verify::VerifyPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/console/places") view=pages::console::places::PlacesPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/console/people") view=pages::console::people::PeoplePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/announcements") view=pages::announcements::AnnouncementsPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/announcements/:id") view=pages::announcements::AnnouncementPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/console/announcements/new") view=pages::announcements::PublishPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/services") view=pages::services::ServicesPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/services/:id") view=pages::services::ServicePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/console/services") view=pages::console::services::ServiceQueuePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/console/services/new") view=pages::services::NewServicePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/console/supervision") view=pages::console::services::SupervisionPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/console/audit") view=pages::console::audit::AuditPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/magazine") view=pages::magazine::MagazinePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/magazine/new") view=pages::magazine::NewIssuePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/magazine/:id") view=pages::magazine::IssuePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/orgs") view=pages::organisations::OrgsPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/orgs/new") view=pages::organisations::NewOrgPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/orgs/:id") view=pages::organisations::OrgPage ssr=SsrMode::InOrder/>
                </Routes>
            </AppShell>
        </Router>
    }
}

/// The browser's entry point, run once before the islands on the page start. Pages are
/// rendered by the server and work as plain HTML; only `#[island]` components run here.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    use wasm_bindgen::JsCast;
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    client::register_worker();
    // A marker for the end-to-end tests, set once the islands have started: they start right
    // after this function returns, within the same task.
    if let Some(window) = web_sys::window() {
        let mark = wasm_bindgen::closure::Closure::once_into_js(|| {
            if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        });
        let _ = window.set_timeout_with_callback(mark.unchecked_ref());
    }
}
