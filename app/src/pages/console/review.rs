use crate::api::projects::load_review_queue;
use crate::components::t;
use crate::i18n::Key;
use crate::pages::projects::ProposalCard;
use crate::pages::{ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_meta::Title;

/// Proposals waiting for the viewer's sub-committees (never their own).
#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let queue = Resource::new(|| (), |_| load_review_queue());
    view! {
        <Title text=t(Key::ReviewQueueTitle)/>
        <p><a href="/console">"← "{t(Key::ConsoleTitle)}</a></p>
        <h1>{t(Key::ReviewQueueTitle)}</h1>
        <Suspense fallback=Loading>
            <ErrorBoundary fallback=|errors| view! { <ErrorPanel errors/> }>
                {move || Suspend::new(async move {
                    queue.await.map(|q| if q.proposals.is_empty() {
                        view! { <p class="card muted">{t(Key::ReviewQueueEmpty)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="queue">
                                {q.proposals.into_iter().map(|p| view! { <ProposalCard proposal=p/> }).collect_view()}
                            </ul>
                        }.into_any()
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}
