use super::RequestCard;
use crate::api::help::{ActOnHelp, SetDuty, volunteer_board};
use crate::components::form::{FormError, error_of};
use crate::components::t;
use crate::help::{Board, HelpAction, Urgency};
use crate::i18n::Key;
use crate::pages::{ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Seconds between refreshes of the board in the browser (`data-refresh`, see shell.js), so
/// new requests appear by themselves.
const REFRESH_SECONDS: u32 = 10;

#[component]
pub fn BoardPage() -> impl IntoView {
    let query = use_query_map();
    let urgency = move || query.read().get("urgency").unwrap_or_default();
    let claim = ServerAction::<ActOnHelp>::new();
    let duty = ServerAction::<SetDuty>::new();
    let board =
        Resource::new(move || (urgency(), claim.version().get(), duty.version().get()), |(u, ..)| volunteer_board(u));
    let error = error_of(claim.value());
    view! {
        <Title text=t(Key::BoardTitle)/>
        <h1>{t(Key::BoardTitle)}</h1>
        <FormError error/>
        <nav class="filters" aria-label=t(Key::HelpUrgency)>
            <a href="/volunteer" aria-current=move || if urgency().is_empty() { "page" } else { "false" }>{t(Key::BoardFilterAll)}</a>
            {Urgency::ALL.iter().map(|u| {
                let value = u.as_str();
                view! {
                    <a href=format!("/volunteer?urgency={value}")
                        aria-current=move || if urgency() == value { "page" } else { "false" }>
                        {t(u.label())}
                    </a>
                }
            }).collect_view()}
        </nav>
        <div id="board" data-refresh=REFRESH_SECONDS>
            <Transition fallback=Loading>
                <ErrorBoundary fallback=|errors| view! { <NotVolunteer errors/> }>
                    {move || Suspend::new(async move {
                        board.await.map(|b| view! { <BoardView board=b claim duty/> })
                    })}
                </ErrorBoundary>
            </Transition>
        </div>
    }
}

#[component]
fn NotVolunteer(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let forbidden = errors
        .get_untracked()
        .into_iter()
        .any(|(_, e)| e.downcast_ref::<crate::error::AppError>() == Some(&crate::error::AppError::Forbidden));
    if forbidden {
        view! { <p class="card">{t(Key::BoardNotVolunteer)}</p> }.into_any()
    } else {
        view! { <ErrorPanel errors/> }.into_any()
    }
}

#[component]
fn BoardView(board: Board, claim: ServerAction<ActOnHelp>, duty: ServerAction<SetDuty>) -> impl IntoView {
    let hours = format!("{:.1}", board.minutes as f64 / 60.0);
    view! {
        <section class="card duty" data-on-duty=board.on_duty.to_string()>
            <p>{t(if board.on_duty { Key::BoardOnDuty } else { Key::BoardOffDuty })}</p>
            <ActionForm action=duty>
                <input type="hidden" name="on_duty" value=(!board.on_duty).to_string()/>
                <button type="submit" class="button">
                    {t(if board.on_duty { Key::BoardGoOffDuty } else { Key::BoardGoOnDuty })}
                </button>
            </ActionForm>
        </section>
        {(!board.mine.is_empty()).then(|| view! {
            <h2>{t(Key::BoardMine)}</h2>
            <ul class="queue">
                {board.mine.into_iter().map(|s| view! { <RequestCard summary=s/> }).collect_view()}
            </ul>
        })}
        <h2>{t(Key::BoardOpen)}</h2>
        {if board.open.is_empty() {
            view! { <p class="card muted">{t(Key::BoardEmpty)}</p> }.into_any()
        } else {
            view! {
                <ul class="queue" data-testid="board-open">
                    {board.open.into_iter().map(|s| {
                        let id = s.id.to_string();
                        view! {
                            <RequestCard summary=s>
                                <ActionForm action=claim>
                                    <input type="hidden" name="id" value=id/>
                                    <input type="hidden" name="action" value=format!("{:?}", HelpAction::Claim)/>
                                    <button type="submit" class="button primary wide">{t(Key::HelpActClaim)}</button>
                                </ActionForm>
                            </RequestCard>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <section class="card">
            <h2>{t(Key::BoardStats)}</h2>
            <dl class="facts">
                <dt>{t(Key::BoardResolved)}</dt><dd data-testid="resolved-count">{board.resolved}</dd>
                <dt>{t(Key::BoardHours)}</dt><dd>{hours}</dd>
            </dl>
        </section>
    }
}
