pub mod people;
pub mod places;
pub mod review;
pub mod rounds;
pub mod triage;
pub mod verify;

use super::{ErrorPanel, Loading};
use crate::api::console::load_console_summary;
use crate::components::t;
use crate::components::viewer::use_viewer;
use crate::i18n::Key;
use crate::model::RoleKind;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ConsolePage() -> impl IntoView {
    let summary = Resource::new(|| (), |_| load_console_summary());
    let viewer = use_viewer();
    view! {
        <Title text=t(Key::ConsoleTitle)/>
        <h1>{t(Key::ConsoleTitle)}</h1>
        <Suspense fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    let summary = summary.await?;
                    let viewer = viewer.await?.ok_or(crate::error::AppError::Unauthenticated)?;
                    let verifier = viewer.has(RoleKind::Staff) || viewer.has(RoleKind::Admin);
                    let admin = viewer.has(RoleKind::Admin);
                    let committee = viewer.has(RoleKind::Committee);
                    let rounds = committee || admin;
                    Ok::<_, crate::error::AppError>(view! {
                        <div class="tiles">
                            <Show when=move || verifier>
                                <a class="tile" href="/console/triage">
                                    <span class="tile-figure" aria-hidden="true">"▲"</span>
                                    <span class="tile-label">{t(Key::TriageTitle)}</span>
                                </a>
                                <a class="tile" href="/console/hotline">
                                    <span class="tile-figure" aria-hidden="true">"☎"</span>
                                    <span class="tile-label">{t(Key::HotlineTitle)}</span>
                                </a>
                                <a class="tile" href="/console/paper-ballot">
                                    <span class="tile-figure" aria-hidden="true">"✉"</span>
                                    <span class="tile-label">{t(Key::PaperTitle)}</span>
                                </a>
                                <a class="tile" href="/console/verify">
                                    <span class="tile-figure" data-testid="pending-count">{summary.pending_verifications}</span>
                                    <span class="tile-label">{t(Key::ConsolePendingCount)}</span>
                                </a>
                            </Show>
                            <Show when=move || committee>
                                <a class="tile" href="/console/review">
                                    <span class="tile-figure" aria-hidden="true">"✓"</span>
                                    <span class="tile-label">{t(Key::ReviewQueueTitle)}</span>
                                </a>
                            </Show>
                            <Show when=move || rounds>
                                <a class="tile" href="/console/rounds/new">
                                    <span class="tile-figure" aria-hidden="true">"¥"</span>
                                    <span class="tile-label">{t(Key::RoundNewTitle)}</span>
                                </a>
                            </Show>
                            <Show when=move || admin>
                                <a class="tile" href="/console/places">
                                    <span class="tile-figure" aria-hidden="true">"▤"</span>
                                    <span class="tile-label">{t(Key::ConsolePlaces)}</span>
                                </a>
                                <a class="tile" href="/console/people">
                                    <span class="tile-figure" aria-hidden="true">"☷"</span>
                                    <span class="tile-label">{t(Key::ConsolePeople)}</span>
                                </a>
                            </Show>
                        </div>
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}
