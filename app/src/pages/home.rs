use super::Loading;
use crate::components::viewer::use_viewer;
use crate::components::{elderly, t};
use crate::i18n::Key;
use crate::model::{AccountStatus, Viewer};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let viewer = use_viewer();
    view! {
        <Title text=""/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match viewer.await.ok().flatten() {
                    Some(v) if elderly() && v.status == AccountStatus::Verified => {
                        view! { <ElderlyHome viewer=v/> }.into_any()
                    }
                    Some(v) => view! { <SignedInHome viewer=v/> }.into_any(),
                    None => view! { <Welcome/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Welcome() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>{t(Key::HomeWelcomeTitle)}</h1>
            <p class="tagline">{t(Key::AppTagline)}</p>
            <p>{t(Key::HomeWelcomeBody)}</p>
            <div class="actions">
                <a class="button primary" href="/login">{t(Key::LoginSubmit)}</a>
                <a class="button" href="/register">{t(Key::HomeRegister)}</a>
            </div>
        </section>
    }
}

/// 长辈模式's home: the three things that matter most, large and in plain words.
#[component]
fn ElderlyHome(viewer: Viewer) -> impl IntoView {
    view! {
        <h1 class="greeting">{t(Key::HomeGreeting)}{viewer.name.clone()}</h1>
        <nav class="elderly-actions" aria-label=t(Key::NavMain)>
            <a class="button primary huge" href="/help/new">{t(Key::ElderlyAskHelp)}</a>
            <a class="button huge" href="/help">{t(Key::ElderlyMyRequests)}</a>
            {viewer.service_phone.clone().map(|phone| view! {
                <a class="button huge call" href=format!("tel:{}", phone.replace([' ', '-'], ""))>
                    {t(Key::ElderlyCall)}<span class="small">{phone.clone()}</span>
                </a>
            })}
        </nav>
        <InstallHint/>
        <p><a class="button wide" href="/me#elderly">{t(Key::ElderlyMore)}</a></p>
    }
}

#[component]
fn SignedInHome(viewer: Viewer) -> impl IntoView {
    let status_card = match viewer.status {
        AccountStatus::Pending => view! {
            <section class="card status pending" data-status="pending">
                <h2>{t(Key::HomePendingTitle)}</h2>
                <p>{t(Key::HomePendingBody)}</p>
            </section>
        }
        .into_any(),
        AccountStatus::Rejected => view! {
            <section class="card status rejected" data-status="rejected">
                <h2>{t(Key::HomeRejectedTitle)}</h2>
                <p>{t(Key::HomeRejectedBody)}</p>
                <blockquote>{viewer.rejection_reason.clone().unwrap_or_default()}</blockquote>
            </section>
        }
        .into_any(),
        // A deleted account has no session; nothing to show.
        AccountStatus::Deleted => ().into_any(),
        AccountStatus::Verified => view! {
            <section class="card status verified" data-status="verified">
                <h2>{t(Key::HomeVerifiedTitle)}</h2>
                <p>{t(Key::HomeVerifiedBody)}</p>
            </section>
        }
        .into_any(),
    };
    let console = viewer.is_console_user();
    let roles = viewer.roles.clone();
    view! {
        <h1 class="greeting">{t(Key::HomeGreeting)}{viewer.name.clone()}</h1>
        {viewer.community_name.clone().map(|c| view! { <p class="muted">{c}</p> })}
        {status_card}
        <nav class="home-actions" aria-label=t(Key::NavMain)>
            <a class="button primary big" href="/help/new">{t(Key::HelpNewButton)}</a>
            <a class="button big" href="/help">{t(Key::HelpMyTitle)}</a>
            <a class="button big" href="/alerts">{t(Key::AlertsTitle)}</a>
            <a class="button big" href="/services">{t(Key::ServicesTitle)}</a>
            <a class="button big" href="/announcements">{t(Key::AnnouncementsTitle)}</a>
            <a class="button big" href="/forum">{t(Key::ForumTitle)}</a>
            <a class="button big" href="/orgs">{t(Key::OrgsTitle)}</a>
            <a class="button big" href="/magazine">{t(Key::MagazineTitle)}</a>
        </nav>
        <Show when=move || !roles.is_empty()>
            <section class="card">
                <h2>{t(Key::HomeYourRoles)}</h2>
                <ul class="role-list">
                    {viewer.roles.iter().map(|r| view! {
                        <li><strong>{t(r.role.kind().label())}</strong>" "<span class="muted">{r.place.clone()}</span></li>
                    }).collect_view()}
                </ul>
                <Show when=move || console>
                    <a class="button primary" href="/console">{t(Key::HomeOpenConsole)}</a>
                </Show>
            </section>
        </Show>
        <InstallHint/>
        {viewer.service_phone.clone().map(|phone| view! {
            <section class="card">
                <h2>{t(Key::HomeServiceCentre)}</h2>
                <a class="button call" href=format!("tel:{}", phone.replace([' ', '-'], ""))>"☎ "{phone.clone()}</a>
            </section>
        })}
    }
}

/// Offered only where the browser can install the app: the page keeps it hidden, and the
/// shell script shows it when the browser says it may (`beforeinstallprompt`).
#[component]
fn InstallHint() -> impl IntoView {
    view! {
        <section class="card" id="install-app" hidden=true>
            <h2>{t(Key::InstallTitle)}</h2>
            <p class="muted">{t(Key::InstallHint)}</p>
            <button type="button" class="button primary" data-install="">{t(Key::InstallButton)}</button>
        </section>
    }
}
