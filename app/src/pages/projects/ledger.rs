use crate::api::projects::load_ledger;
use crate::components::t;
use crate::i18n::Key;
use crate::pages::{ErrorPanel, Loading};
use crate::projects::LedgerPage as Page;
use crate::projects::types::state_label;
use leptos::prelude::*;
use leptos_meta::Title;

/// The round's public ledger: budget, allocated, spent per project, remaining.
#[component]
pub fn LedgerPage() -> impl IntoView {
    let ledger = Resource::new(|| (), |_| load_ledger());
    view! {
        <Title text=t(Key::LedgerTitle)/>
        <p><a href="/projects">"← "{t(Key::ProjectsTitle)}</a></p>
        <h1>{t(Key::LedgerTitle)}</h1>
        <Suspense fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move { ledger.await.map(|page| view! { <Ledger page/> }) })}
            </ErrorBoundary>
        </Suspense>
    }
}

#[component]
fn Ledger(page: Page) -> impl IntoView {
    let l = page.ledger;
    view! {
        <section class="card" data-testid="ledger">
            <h2>{l.round_title.clone()}</h2>
            <dl class="facts">
                <dt>{t(Key::LedgerBudget)}</dt><dd data-testid="ledger-budget">{l.budget.shown()}</dd>
                <dt>{t(Key::ResultsAllocated)}</dt><dd data-testid="ledger-allocated">{l.allocated.shown()}</dd>
                <dt>{t(Key::ResultsRemaining)}</dt><dd data-testid="ledger-remaining">{l.remaining.shown()}</dd>
                <dt>{t(Key::LedgerSpent)}</dt><dd data-testid="ledger-spent">{l.spent.shown()}</dd>
                <dt>{t(Key::LedgerUnspent)}</dt><dd>{l.unspent.shown()}</dd>
            </dl>
        </section>
        <div class="table-wrap card">
            <table class="ledger">
                <thead>
                    <tr>
                        <th scope="col">{t(Key::LedgerProject)}</th>
                        <th scope="col" class="num">{t(Key::ResultsAllocated)}</th>
                        <th scope="col" class="num">{t(Key::LedgerSpent)}</th>
                    </tr>
                </thead>
                <tbody>
                    {l.lines.into_iter().map(|line| view! {
                        <tr data-testid="ledger-line">
                            <td>
                                <a href=format!("/projects/{}", line.proposal)>{line.title}</a>
                                <br/>
                                <span class="small muted">
                                    {t(state_label(line.state))}" · "{line.percent}"%"
                                    {line.provider.map(|p| format!(" · {p}"))}
                                </span>
                            </td>
                            <td class="num">{line.allocated.shown()}</td>
                            <td class="num">{line.spent.shown()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <section class="card">
            <h2>{t(Key::LedgerProviders)}</h2>
            {if page.providers.is_empty() {
                view! { <p class="muted">{t(Key::LedgerNoRatings)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {page.providers.into_iter().map(|p| view! {
                            <li data-testid="provider-rating">
                                <strong>{p.name}</strong>" "
                                {if p.ratings == 0 {
                                    t(Key::LedgerNoRatings).to_string()
                                } else {
                                    format!("★ {}.{} · {} {}", p.average_tenths / 10, p.average_tenths % 10, p.ratings, t(Key::LedgerRatings))
                                }}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
