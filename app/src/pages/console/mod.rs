pub mod audit;
pub mod people;
pub mod places;
pub mod review;
pub mod rounds;
pub mod services;
pub mod triage;
pub mod verify;

use super::{ErrorPanel, Loading};
use crate::api::console::load_console_summary;
use crate::components::chart::BarChart;
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
                    let viewer = viewer.await?.ok_or(crate::error::AppError::Unauthenticated)?;
                    if viewer.two_step_due {
                        return Ok(view! { <super::two_step::TwoStepDue/> }.into_any());
                    }
                    let summary = summary.await?;
                    let verifier = viewer.has(RoleKind::Staff) || viewer.has(RoleKind::Admin);
                    let admin = viewer.has(RoleKind::Admin);
                    let committee = viewer.has(RoleKind::Committee);
                    let rounds = committee || admin;
                    let ids = ["chart-help", "chart-claim", "chart-volunteers", "chart-proposals", "chart-ratings"];
                    let charts = summary.charts.clone();
                    let (escalated, overdue) = (summary.escalated_help > 0, summary.overdue_help > 0);
                    Ok::<_, crate::error::AppError>(view! {
                        <div class="counts" data-testid="counts">
                            <Count figure=summary.open_help label=Key::DashOpenHelp alarm=escalated
                                href=verifier.then_some("/console/triage") testid="open-help"/>
                            <Count figure=summary.escalated_help label=Key::DashEscalated alarm=escalated
                                href=verifier.then_some("/console/triage") testid="escalated-help"/>
                            <Count figure=summary.overdue_help label=Key::DashOverdue alarm=overdue
                                href=verifier.then_some("/console/triage") testid="overdue-help"/>
                            <Count figure=summary.awaiting_review label=Key::DashAwaitingReview alarm=false
                                href=committee.then_some("/console/review") testid="awaiting-review"/>
                            <Count figure=summary.open_service_requests label=Key::DashOpenServices alarm=false
                                href=verifier.then_some("/console/services") testid="open-services"/>
                        </div>
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
                                <a class="tile" href="/console/services">
                                    <span class="tile-figure" aria-hidden="true">"♡"</span>
                                    <span class="tile-label">{t(Key::ServiceQueueTitle)}</span>
                                </a>
                                <a class="tile" href="/console/announcements/new">
                                    <span class="tile-figure" aria-hidden="true">"✎"</span>
                                    <span class="tile-label">{t(Key::AnnouncementsPublish)}</span>
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
                                <a class="tile" href="/console/supervision">
                                    <span class="tile-figure" aria-hidden="true">"★"</span>
                                    <span class="tile-label">{t(Key::SupervisionTitle)}</span>
                                </a>
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
                                <a class="tile" href="/console/audit">
                                    <span class="tile-figure" aria-hidden="true">"⚖"</span>
                                    <span class="tile-label">{t(Key::AuditTitle)}</span>
                                </a>
                                <a class="tile" href="/console/people">
                                    <span class="tile-figure" aria-hidden="true">"☷"</span>
                                    <span class="tile-label">{t(Key::ConsolePeople)}</span>
                                </a>
                            </Show>
                        </div>
                        <div class="charts">
                            {charts.into_iter().zip(ids).map(|(chart, id)| view! { <BarChart chart id/> }).collect_view()}
                        </div>
                    }.into_any())
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

/// One figure of the dashboard; a link where the viewer may open the list behind it.
#[component]
fn Count(figure: u64, label: Key, alarm: bool, href: Option<&'static str>, testid: &'static str) -> impl IntoView {
    let inner = view! { <strong data-testid=testid>{figure}</strong>{t(label)} };
    match href {
        Some(href) => view! { <a class="count" class:alarm=alarm href=href>{inner}</a> }.into_any(),
        None => view! { <div class="count" class:alarm=alarm>{inner}</div> }.into_any(),
    }
}
